/* db.h — the only module with SQL: schema and migrations, import of parsed reports, reading
 * items back, edits with per-item versions, and the append-only history. Model code: no curses,
 * no printing, no exit; errors are returned and described by db_errmsg. */
#ifndef DUBAN_DB_H
#define DUBAN_DB_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "import.h"
#include "state.h"

struct db; /* opaque handle */

/* Result codes beside 0 / -1. */
enum { DB_CONFLICT = -2, DB_NOT_FOUND = -3 };

/* Opens (creating if needed) the database at path, switches it to WAL with foreign keys on and
 * a busy timeout, and migrates it to the current schema (PRAGMA user_version). who is the user
 * recorded in history (copied). On success stores the handle and returns 0; on failure returns
 * -1 with a sentence in err (errsize bytes). Close with db_close. */
int db_open(const char *path, const char *who, struct db **out, char *err, size_t errsize);

/* Closes the handle; NULL is allowed. */
void db_close(struct db *db);

/* The message of the last failure on this handle (never NULL). */
const char *db_errmsg(const struct db *db);

/* Adds a region path, outermost first (内蒙古自治区, 巴彦淖尔市, 磴口县), creating the missing
 * nodes; existing nodes are reused. One transaction. Returns 0 or -1. */
int db_region_add_path(struct db *db, const char *const *names, size_t n);

enum db_import_outcome { DB_IMPORT_NEW, DB_IMPORT_UNCHANGED, DB_IMPORT_UPDATED };

struct db_import_result {
	enum db_import_outcome outcome;
	int64_t report_id;
	int items_added, items_updated, items_removed, items_unchanged;
	char **differences; /* one sentence per field where a duban edit was kept over the report */
	size_t difference_count;
};

/* Imports a parsed report in one transaction. The report is the same report as an earlier one
 * when its region and title match; then the items are matched by category label and number
 * (in report order where the same label and number come again): fields the report changed are
 * updated (history source "import"), fields a user edited in duban are kept and listed in
 * res->differences, items no longer in the report are kept, flagged removed and counted.
 * An identical re-import writes nothing and gives DB_IMPORT_UNCHANGED. The region is found by
 * name in the region tree (see db_region_add_path) or created at the top. Returns 0, or -1 with
 * everything rolled back. Free res with db_import_result_free. */
int db_import(struct db *db, const struct import_report *report, struct db_import_result *res);

/* As db_import, placing the report's region first, in the same transaction: region_path is
 * the path from the outermost region down to the report's region (内蒙古自治区, 巴彦淖尔市,
 * 磴口县), n its length (0: no placing). A failed import leaves no region behind either. */
int db_import_placed(struct db *db, const struct import_report *report,
                     const char *const *region_path, size_t n, struct db_import_result *res);

void db_import_result_free(struct db_import_result *res);

struct db_measure {
	int64_t id;
	char *text;
	char *status; /* may be NULL */
};

struct db_note {
	int64_t id;
	char *at; /* ISO 8601 UTC timestamp */
	char *who;
	char *text;
};

struct db_history {
	int64_t id;
	char *at;
	char *who;
	char *field;
	char *old_value; /* may be NULL */
	char *new_value; /* may be NULL */
	char *source;    /* "import" or "edit" */
};

/* Item fields an edit may change, by name: "deadline", "status", "state", "lead_unit",
 * "responsible_unit", "acceptance_unit", "goal". */
struct db_item {
	int64_t id; /* stable: kept across re-imports of the same report */
	int64_t report_id, category_id, region_id;
	int version;
	char *report_file, *report_title, *region;
	char *category_label, *category_title; /* may be NULL */
	char *no, *text, *status, *deadline;
	char *lead_unit, *responsible_unit, *acceptance_unit, *goal, *subcategory;
	enum state state;
	enum due_kind due_kind;
	long due; /* days since 1970-01-01 when due_kind == DUE_DATE */
	int long_term;
	int line;
	struct db_measure *measures; /* loaded with DB_LOAD_MEASURES */
	size_t measure_count;
	struct db_note *notes; /* loaded with DB_LOAD_NOTES */
	size_t note_count;
	struct db_history *history; /* loaded with DB_LOAD_HISTORY, oldest first */
	size_t history_count;
	int removed; /* the latest import of its report no longer lists it (kept, with history) */
	char *report_round, *report_encoding; /* may be NULL */
};

enum { DB_LOAD_MEASURES = 1, DB_LOAD_NOTES = 2, DB_LOAD_HISTORY = 4 };

/* Calls fn for every item (removed ones too: see struct db_item), ordered by report, category
 * and position in the report, with the parts named in load (DB_LOAD_*) filled in. The item is
 * valid only during the call. fn returns 0 to go on, non-zero to stop (then db_items_foreach
 * returns that value). Returns 0 or -1. */
int db_items_foreach(struct db *db, int load, int (*fn)(const struct db_item *item, void *ctx),
                     void *ctx);

/* Loads one item with the parts named in load into *out (free with db_item_free). Returns 0,
 * DB_NOT_FOUND or -1. */
int db_item_get(struct db *db, int64_t id, int load, struct db_item *out);

void db_item_free(struct db_item *item);

/* Sets one field of an item (see struct db_item for the names; NULL clears it) if the item is
 * still at expected_version: writes the field, the normalised fields that follow from it (state
 * from status, due from deadline), bumps the version and appends history (who, when, old → new,
 * source "edit"), all in one transaction. The value is stored as the importer stores text:
 * control characters, escape sequences and bidi overrides removed, line breaks made spaces.
 * A value the field already holds writes nothing (the version stays). Returns 0, DB_CONFLICT
 * when someone else changed the item first (nothing written), DB_NOT_FOUND, or -1. */
int db_item_set(struct db *db, int64_t id, int expected_version, const char *field,
                const char *value);

/* Appends a progress note to an item, with history, and bumps its version, in one transaction.
 * The text is cleaned as in db_item_set; one with nothing left is refused. Returns 0,
 * DB_NOT_FOUND or -1. */
int db_note_add(struct db *db, int64_t id, const char *text);

#endif
