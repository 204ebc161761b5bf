/* db_internal.h — what the db*.c files share and nothing else may include: the sqlite3
 * handle, error reporting into the handle, the migration list. */
#ifndef DUBAN_DB_INTERNAL_H
#define DUBAN_DB_INTERNAL_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* The connection behind a handle. */
sqlite3 *db_sqlite(struct db *db);

/* The user recorded in history for this handle. */
const char *db_who(const struct db *db);

/* Stores a printf-style message as the handle's last error (see db_errmsg). Returns -1. */
int db_fail(struct db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Stores "what: <sqlite3_errmsg>" as the last error. Returns -1. */
int db_fail_sqlite(struct db *db, const char *what);

/* The one way a history row is written, by the triggers of db_schema.c and by db.c: the next id
 * (history_append refuses any other, so REPLACE cannot overwrite a row), who, source, reason and
 * undo_of from the connection's functions (db_open registers them; a bare sqlite3 session has
 * none, so it cannot write), and the row's hash chained to the previous row's (duban_chain,
 * SHA-256: see db_chain_hash). The arguments are SQL expressions. A migration uses this text:
 * changing it changes only migrations written after the change, never the released ones,
 * which keep the text they were made with in the database. */
#define DB_HISTORY_INSERT(item, field, old, new_value, version)                                  \
	"INSERT INTO history(id, item_id, at, who, field, old, new, source, version, reason,"       \
	" undo_of, hash) SELECT n, i, t, w, f, o, v, s, ver, r, u,"                                 \
	" duban_chain(n, i, t, w, f, o, v, s, ver, r, u, p) FROM (SELECT"                          \
	" (SELECT ifnull(max(id), 0) + 1 FROM history) AS n, " item " AS i,"                       \
	" strftime('%Y-%m-%dT%H:%M:%SZ', 'now') AS t, duban_who() AS w, " field " AS f, "          \
	old " AS o, " new_value " AS v, duban_source() AS s, " version " AS ver,"                  \
	" duban_reason() AS r, duban_undo_of() AS u,"                                               \
	" (SELECT hash FROM history ORDER BY id DESC LIMIT 1) AS p)"

/* The hash of one history row: SHA-256 (hex) over its DB_CHAIN_FIELDS values (id, item_id,
 * at, who, field, old, new, source, version, reason, undo_of, in that order), each written as
 * "N" for NULL or its text length-prefixed, so that no two different rows hash the same, then
 * prev, the previous row's hash (NULL for the first row). Writes 65 bytes into hex. */
enum { DB_CHAIN_FIELDS = 11 };
void db_chain_hash(sqlite3_value **values, const char *prev, char hex[65]);

/* The helpers of db.c for the other db*.c files: prepare (failure described in the handle),
 * bind a text or NULL, copy a column's text (malloc'd or NULL), BEGIN IMMEDIATE / COMMIT /
 * ROLLBACK (a no-op outside a transaction), the time as ISO 8601 UTC. */
sqlite3_stmt *db_prepare(struct db *db, const char *sql);
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
char *db_col_text(sqlite3_stmt *st, int i);
int db_begin(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);
int db_now_iso(struct db *db, char *buf, size_t size);

/* The same helpers for statements with named parameters (:name) and text shown to a user:
 * prepare with the failure described as "what: <sqlite3_errmsg>"; bind by name, doing
 * nothing when the statement has no such parameter (one list of bindings serves statements
 * that use different subsets); a column's text sanitised (text_sanitize, malloc'd) or NULL. */
sqlite3_stmt *db_prepare_what(struct db *db, const char *sql, const char *what);
void db_bind_named_int64(sqlite3_stmt *st, const char *name, int64_t v);
void db_bind_named_text(sqlite3_stmt *st, const char *name, const char *v);
char *db_col_clean(sqlite3_stmt *st, int i);

/* The board's sort keys, as SQL expressions. They must stay exactly as in the indexes of
 * migration 1 in db_schema.c (item_board_due, item_board_state), or the queries ordered by
 * them stop using those indexes; the state rank follows enum state. db_board.c still has its
 * own copy (STATE_RANK, DUE_KEY): change them together. */
#define DB_STATE_RANK                                                                         \
	"(CASE state WHEN 'pending' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_schedule' THEN 2" \
	" WHEN 'behind' THEN 3 WHEN 'done' THEN 4 WHEN 'awaiting_verification' THEN 5"          \
	" ELSE 6 END)"
#define DB_DUE_KEY "ifnull(due, '~')"

/* Bit mask of the closed states (1 << state for each state_is_closed), bound as :closed and
 * tested against DB_STATE_RANK in SQL. */
int64_t db_closed_mask(void);

/* A prepared statement for sql kept on the handle, reset with its bindings cleared; found
 * again by the address of sql, which must be a string with static storage. The caller resets
 * it after use and never finalizes it (db_close does). NULL on failure, described. */
sqlite3_stmt *db_cached(struct db *db, const char *sql);

/* A page cache big enough for a tagged change of many items (64 MB; big = 1), or back to
 * SQLite's default (2 MB; big = 0) so that the board stays small. Without it a change of a
 * thousand items spilled pages to the WAL in the middle of its transaction. */
void db_batch_cache(struct db *db, int big);

/* Sets an item's due, due_kind and long_term from its deadline text, as an import does
 * (bind_deadline in db.c). The caller holds the transaction. Returns 0 or -1. */
int db_set_due(struct db *db, int64_t id, const char *deadline);

/* What the history triggers record with the statements of one change: its reason (may be
 * NULL) and the version an undo takes back (0: none). The strings must outlive the change;
 * db_change_end forgets them. */
void db_change_begin(struct db *db, const char *reason, int64_t undo_of);
void db_change_end(struct db *db);

/* Schema migrations, in order: migration i takes user_version i to i + 1. Each entry is run
 * with sqlite3_exec inside one transaction together with the user_version bump.
 * Append only: a released migration never changes (db_schema.c). */
extern const char *const db_migrations[];
extern const size_t db_migration_count;

#endif
