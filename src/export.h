/* export.h — every report in the database as JSON (the shape of the seed truth files plus
 * normalised fields) or as CSV that Excel opens. Writes to a stream the caller gives; never
 * touches the terminal otherwise, never exits. */
#ifndef DUBAN_EXPORT_H
#define DUBAN_EXPORT_H

#include <stdio.h>

#include "db.h"

/* Writes a JSON array with one element per report: file, title, region, round, encoding,
 * categories[] (label, title, items[]); each item has id, no, text, status, deadline,
 * lead_unit, responsible_unit, acceptance_unit, goal, subcategory, measures[] (text, status),
 * state, long_term, due (ISO or null), due_kind, line, version, removed (true for items the
 * latest version of the report no longer lists). Returns 0, or -1 with the reason in
 * ferror(out) and errno (stream), else in db_errmsg (database). */
int export_json(struct db *db, FILE *out);

struct export_csv_options {
	int bom;              /* start with a UTF-8 byte-order mark (Excel needs it for UTF-8) */
	const char *encoding; /* NULL for UTF-8, else an iconv name such as "GB18030" */
};

/* Writes one CSV row per item (RFC 4180: quoted fields, CRLF line ends) with a header row;
 * the removed column is 1 for items the latest version of the report no longer lists.
 * Returns 0, or -1 with the reason in err (errsize bytes): a conversion or write error, or
 * the database's. */
int export_csv(struct db *db, FILE *out, const struct export_csv_options *opt, char *err,
               size_t errsize);

#endif
