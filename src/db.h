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
 * a busy timeout (DUBAN_BUSY_TIMEOUT milliseconds, default 5000), and migrates it to the current
 * schema (PRAGMA user_version; a version below 0 or above this duban's is refused before
 * anything is written). Registers the functions the history triggers call (who, source,
 * reason) and refuses a schema that lacks a table, index or trigger duban needs, naming it.
 * who is the user recorded in history (copied, sanitised as item text is). On success stores
 * the handle and returns 0; on failure returns -1 with a sentence in err (errsize bytes, through
 * tr()). Close with db_close. */
int db_open(const char *path, const char *who, struct db **out, char *err, size_t errsize);

/* How db_open_mode opens (issue 7 and 9). */
enum db_open_flags {
	DB_OPEN_CREATE = 0,   /* create the file when missing (import, region add) */
	DB_OPEN_EXISTING = 1, /* never create: a missing file is an error saying how to import */
	DB_OPEN_READ = 2,     /* reading commands: read-only when the file or its directory is not
	                       * writable, never leaving side files the owner cannot use */
	DB_OPEN_CHECK = 4     /* duban check: a damaged schema does not fail the open; it is kept
	                       * for db_schema_problem */
};

/* With DB_OPEN_CHECK: the sentence naming what the schema lacks, or NULL when it is whole. */
const char *db_schema_problem(const struct db *db);

/* As db_open with flags (DB_OPEN_*, or'ed). */
int db_open_mode(const char *path, const char *who, int flags, struct db **out, char *err,
                 size_t errsize);

/* Whether the handle is read-only (the board says 只读 in its title). */
int db_readonly(const struct db *db);

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
	/* Each field an update took from the report (outcome DB_IMPORT_UPDATED), in report order:
	 * the item's number, the field ("deadline", "measures" …), old and new value (NULL: none;
	 * for measures their count, "3"). */
	struct db_import_change {
		char *no, *field, *old_value, *new_value;
	} *changes;
	size_t change_count;
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
	/* Filled by the edit model (issue 6); 0 / NULL where unknown. */
	int64_t item_id;
	int version;     /* the item's version this change produced */
	char *reason;    /* 延期原因, 验收意见 … given with the change; may be NULL */
	char *item_no, *item_region; /* filled by db_history_find only; may be NULL */
	int undo_of;     /* an undo: the version it took back; 0 otherwise */
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
	/* Verification (验收销号), filled on every load; NULL when not verified. */
	char *verified_on;    /* YYYY-MM-DD, the verification date the verifier gave */
	char *verified_by;    /* the verifier */
	char *verify_opinion; /* 验收意见; may be NULL */
	/* Who last put the item into done or awaiting verification by an edit, and when (ISO
	 * UTC); NULL when that came from a report (then anyone may verify). */
	char *done_by, *done_at;
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

/* ---- edits (issue 6): every change commits at once in one short BEGIN IMMEDIATE
 * transaction, guarded by the item's version, with history rows (who, when, old → new,
 * reason). Results: 0, DB_CONFLICT (someone changed the item since expected_version: nothing
 * written; db_item_changes_since says what), DB_NOT_FOUND, DB_REFUSED (db_may said no, or
 * the change makes no sense, e.g. verifying an open item: the reason, a Chinese sentence for
 * the user, in db_errmsg), or -1 (a database error). ------------------------------------ */

enum { DB_REFUSED = -4 };

/* What a user may try on an item. */
enum db_permission {
	DB_MAY_EDIT,     /* deadline, state, status, units, goal */
	DB_MAY_NOTE,
	DB_MAY_VERIFY,   /* two-person rule: not the user in done_by */
	DB_MAY_UNVERIFY,
	DB_MAY_UNDO
};

/* The one place that decides whether this handle's user may do what on item id (roles and
 * regions come in a later issue and fill in only this function). Returns 0 when allowed;
 * DB_REFUSED with the reason in db_errmsg (e.g. "已完成整改 由 张三 于 2025-03-01 标记，不能由
 * 同一人验收"), DB_NOT_FOUND or -1. Every edit function below calls it. */
int db_may(struct db *db, enum db_permission what, int64_t id);

/* One field change: field as for db_item_set, value NULL to clear, reason stored with the
 * change (may be NULL). A deadline value is refused (DB_REFUSED) when it is not a deadline
 * (see date_check_deadline). */
struct db_edit {
	const char *field;
	const char *value;
	const char *reason;
};

/* As db_item_set, with the reason. Setting the state to verified is refused (DB_REFUSED: that
 * is db_items_verify, with its date, verifier and two-person rule), and so is changing the state
 * of a verified item (db_item_unverify first); an unknown state name is DB_REFUSED too. */
int db_item_edit(struct db *db, int64_t id, int expected_version, const struct db_edit *e);

/* Applies e to the n items ids[i] (each expected at versions[i]) in one transaction, all or
 * nothing. On any result but 0, *failed (may be NULL) is the index of the item that stopped
 * it and nothing is written. */
int db_items_edit(struct db *db, const int64_t *ids, const int *versions, size_t n,
                  const struct db_edit *e, size_t *failed);

/* Marks the n items verified (验收销号) on date (days since 1970-01-01, not after today) with
 * an optional opinion (stored as the change's reason too), recording this handle's user as
 * verifier, all or nothing as db_items_edit. Only an item that is done or awaiting
 * verification can be verified, never by its done_by, never twice. */
int db_items_verify(struct db *db, const int64_t *ids, const int *versions, size_t n,
                    long date, const char *opinion, size_t *failed);

/* Takes back a verification (its own recorded change, with a required reason): the item
 * returns to the state it had before it was verified. */
int db_item_unverify(struct db *db, int64_t id, int expected_version, const char *reason);

/* Undoes this user's own last change to the item (read from the history, so it works after
 * a restart) as a new change whose history rows carry undo_of; never deletes history. Repeated,
 * it walks back over earlier changes of the user (a change and its undo cancel out). An added
 * note is withdrawn (kept, no longer listed). Refused (DB_REFUSED, with who and when) when
 * someone else changed the item since, or when there is nothing of the user's to undo. */
int db_item_undo(struct db *db, int64_t id, int expected_version);

/* The changes to item id after version since_version, oldest first (for the conflict
 * screen): a malloc'd array in *out (free with db_history_free), its length in *n. */
int db_item_changes_since(struct db *db, int64_t id, int since_version, struct db_history **out,
                          size_t *n);

void db_history_free(struct db_history *h, size_t n);

/* Which history rows db_history_find reports; zero / NULL members match everything. */
struct db_history_query {
	int64_t item_id;
	int64_t region_id; /* the region and everything below it */
	const char *since; /* YYYY-MM-DD, local date */
	const char *user;
	size_t limit;      /* 0: no limit */
};

/* Calls fn for each matching history row, newest first (item_no and item_region filled).
 * fn returns non-zero to stop. Returns 0 or -1. */
int db_history_find(struct db *db, const struct db_history_query *q,
                    int (*fn)(const struct db_history *h, void *ctx), void *ctx);

/* ---- trust (issue 7): the history is a hash chain (each row's SHA-256 over its fields and the
 * previous row's hash), written only by SQLite triggers through this program's functions. -- */

struct db_verify {
	int64_t rows;   /* rows checked */
	int64_t bad_id; /* the first row that does not verify; 0 when every row does */
	char why[256];  /* what is wrong with it (a sentence, through tr()) */
};

/* Walks the whole history chain in id order and recomputes every hash. Returns 0 with
 * out->bad_id = 0 when all verify, 1 with the first bad row in out, or -1 on a database error.
 * Takes about a second per million rows. */
int db_history_verify(struct db *db, struct db_verify *out);

/* A quick look for the board: verifies the last rows of the chain (the place a forger would
 * write) and that no row is missing between them. Returns 1 when broken (the reason in
 * db_errmsg), 0 when they verify, -1 on a database error. */
int db_history_broken(struct db *db);

/* PRAGMA integrity_check: returns 0 when SQLite finds the file sound, 1 when not (its first
 * complaint in db_errmsg), -1 on error. */
int db_integrity(struct db *db);

/* The history row id (for duban check to name it): fills *out (free with db_history_free(out,
 * 1)). Returns 0, DB_NOT_FOUND or -1. */
int db_history_get(struct db *db, int64_t id, struct db_history **out);

#endif
