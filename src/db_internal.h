/* db_internal.h — what the db*.c files share and nothing else may include: the sqlite3
 * handle, error reporting into the handle, the migration list. */
#ifndef DUBAN_DB_INTERNAL_H
#define DUBAN_DB_INTERNAL_H

#include <sqlite3.h>
#include <stddef.h>

#include "db.h"

/* The connection behind a handle. */
sqlite3 *db_sqlite(struct db *db);

/* The user recorded in history for this handle. */
const char *db_who(const struct db *db);

/* Stores a printf-style message as the handle's last error (see db_errmsg). Returns -1. */
int db_fail(struct db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Stores "what: <sqlite3_errmsg>" as the last error. Returns -1. */
int db_fail_sqlite(struct db *db, const char *what);

/* Schema migrations, in order: migration i takes user_version i to i + 1. Each entry is run
 * with sqlite3_exec inside one transaction together with the user_version bump.
 * Append only: a released migration never changes (db_schema.c). */
extern const char *const db_migrations[];
extern const size_t db_migration_count;

#endif
