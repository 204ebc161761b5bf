/* export.h — every report in the database as JSON (the shape of the seed truth files plus
 * normalised fields) or as CSV that Excel opens. Writes to a stream the caller gives; never
 * touches the terminal otherwise, never exits. Every stored text goes through the same rules
 * as the terminal output (text_cp_is_unsafe): no control or bidi character reaches a file. */
#ifndef DUBAN_EXPORT_H
#define DUBAN_EXPORT_H

#include <stdio.h>

#include "db.h"

/* How an export is written, the same for every format. */
struct export_options {
	int bom;              /* start with a byte-order mark (U+FEFF in the output encoding;
	                       * Excel needs it to read UTF-8 CSV) */
	const char *encoding; /* NULL for UTF-8, else an iconv name such as "GB18030": the whole
	                       * output is converted, characters it cannot hold become '?' */
	long today;           /* days since 1970-01-01 for the overdue days; 0: date_today() */
};

/* Writes a JSON array with one element per report: file, title, region, round, encoding,
 * categories[] (label, title, items[]); each item has id, no, text, status, deadline,
 * lead_unit, responsible_unit, acceptance_unit, goal, subcategory, measures[] (text, status),
 * state, long_term, due (ISO or null), due_kind, overdue_days, verified_on, verified_by,
 * verify_opinion (null when not verified), line, version, removed (true for items the latest
 * version of the report no longer lists). Strings hold no control, C1 or bidi character raw:
 * they are escaped as \uXXXX; invalid UTF-8 becomes \ufffd. opt may be NULL (UTF-8, no BOM).
 * Returns 0, or -1 with the reason in err (errsize bytes): a conversion or write error, or the
 * database's. */
int export_json_to(struct db *db, FILE *out, const struct export_options *opt, char *err,
                   size_t errsize);

/* export_json_to in UTF-8 without a BOM; -1 with the reason in ferror(out) and errno, else in
 * db_errmsg. */
int export_json(struct db *db, FILE *out);

/* Writes one CSV row per item (RFC 4180: quoted fields, CRLF line ends) after a header row in
 * the user's language (Chinese; snake_case names under an English locale): the item's fields,
 * its measures' text (one per line, marked （一）…), the days overdue (逾期天数), the
 * verification, and whether the latest version of the report no longer lists it (1/0).
 * Tabs and line breaks inside a field are kept (quoted); other control, C1 and bidi
 * characters are dropped; a field that would start a spreadsheet formula gets a leading '.
 * Returns 0, or -1 with the reason in err (errsize bytes). */
int export_csv(struct db *db, FILE *out, const struct export_options *opt, char *err,
               size_t errsize);

/* Days item it is overdue on day today (days since 1970-01-01), or 0: an open item (not
 * state_is_closed), still listed by its report, whose due date has passed. A 立行立改 item is
 * due from its report's date (stored as its due when known). The board counts the same. */
long export_item_overdue(const struct db_item *it, long today);

#endif
