/* db_schema.c — the schema as a list of migrations (PRAGMA user_version). Append only: a
 * database in the field has run the earlier entries, so they never change. Column names here
 * must match the queries in db.c and db_board.c. */
#include "db_internal.h"

const char *const db_migrations[] = {
	/* 0 → 1: the data model. */
	"CREATE TABLE region ("
	"  id        INTEGER PRIMARY KEY,"
	"  parent_id INTEGER REFERENCES region(id),"
	"  name      TEXT NOT NULL"
	");"
	/* NULL parents are distinct in a UNIQUE constraint, so key top-level nodes on 0. */
	"CREATE UNIQUE INDEX region_parent_name ON region(ifnull(parent_id, 0), name);"
	"CREATE INDEX region_name ON region(name);"

	"CREATE TABLE report ("
	"  id          INTEGER PRIMARY KEY,"
	"  region_id   INTEGER NOT NULL REFERENCES region(id),"
	"  file        TEXT NOT NULL,"
	"  digest      TEXT NOT NULL,"
	"  encoding    TEXT,"
	"  round       TEXT,"
	"  title       TEXT NOT NULL,"
	"  imported_at TEXT NOT NULL,"
	"  imported_by TEXT NOT NULL,"
	"  UNIQUE (region_id, title)"
	");"

	"CREATE TABLE category ("
	"  id        INTEGER PRIMARY KEY,"
	"  report_id INTEGER NOT NULL REFERENCES report(id),"
	"  seq       INTEGER NOT NULL,"
	"  label     TEXT,"
	"  title     TEXT,"
	"  UNIQUE (report_id, seq)"
	");"

	/* Printed texts are kept as printed; state, due, due_kind and long_term are derived from
	 * them (or set by an edit). region_id repeats the report's region so the board can count
	 * per region from one index. removed = 1 when the latest import of the report no longer
	 * lists the item (it is kept, with its history). */
	"CREATE TABLE item ("
	"  id               INTEGER PRIMARY KEY,"
	"  report_id        INTEGER NOT NULL REFERENCES report(id),"
	"  category_id      INTEGER NOT NULL REFERENCES category(id),"
	"  region_id        INTEGER NOT NULL REFERENCES region(id),"
	"  seq              INTEGER NOT NULL,"
	"  no               TEXT NOT NULL,"
	"  subcategory      TEXT,"
	"  text             TEXT NOT NULL,"
	"  status           TEXT,"
	"  deadline         TEXT,"
	"  lead_unit        TEXT,"
	"  responsible_unit TEXT,"
	"  acceptance_unit  TEXT,"
	"  goal             TEXT,"
	"  state            TEXT NOT NULL CHECK (state IN ('pending','in_progress','on_schedule',"
	"                     'behind','done','awaiting_verification','verified')),"
	"  due              TEXT,"
	"  due_kind         TEXT NOT NULL CHECK (due_kind IN ('none','date','immediate')),"
	"  long_term        INTEGER NOT NULL DEFAULT 0,"
	"  line             INTEGER,"
	"  removed          INTEGER NOT NULL DEFAULT 0,"
	"  version          INTEGER NOT NULL DEFAULT 1,"
	"  updated_at       TEXT NOT NULL,"
	"  updated_by       TEXT NOT NULL"
	");"
	"CREATE INDEX item_report ON item(report_id, seq);"
	"CREATE INDEX item_category ON item(category_id, seq);"
	"CREATE INDEX item_region_state ON item(region_id, state, due);"

	"CREATE TABLE measure ("
	"  id      INTEGER PRIMARY KEY,"
	"  item_id INTEGER NOT NULL REFERENCES item(id),"
	"  seq     INTEGER NOT NULL,"
	"  text    TEXT NOT NULL,"
	"  status  TEXT,"
	"  UNIQUE (item_id, seq)"
	");"

	"CREATE TABLE note ("
	"  id      INTEGER PRIMARY KEY,"
	"  item_id INTEGER NOT NULL REFERENCES item(id),"
	"  at      TEXT NOT NULL,"
	"  who     TEXT NOT NULL,"
	"  text    TEXT NOT NULL"
	");"
	"CREATE INDEX note_item ON note(item_id, id);"

	/* Append-only: every change to an item (import or edit) is a row here, written in the
	 * same transaction as the change. The triggers make the rule hold for any client. */
	"CREATE TABLE history ("
	"  id      INTEGER PRIMARY KEY,"
	"  item_id INTEGER NOT NULL REFERENCES item(id),"
	"  at      TEXT NOT NULL,"
	"  who     TEXT NOT NULL,"
	"  field   TEXT NOT NULL,"
	"  old     TEXT,"
	"  new     TEXT,"
	"  source  TEXT NOT NULL CHECK (source IN ('import','edit'))"
	");"
	"CREATE INDEX history_item ON history(item_id, field, source);"
	"CREATE TRIGGER history_no_update BEFORE UPDATE ON history"
	"  BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;"
	"CREATE TRIGGER history_no_delete BEFORE DELETE ON history"
	"  BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;"

	/* Users and their regions, for the roles issue: a user sees and edits only the regions
	 * listed (and their descendants); admin sees all. */
	"CREATE TABLE user ("
	"  name TEXT PRIMARY KEY,"
	"  role TEXT NOT NULL CHECK (role IN ('viewer','editor','verifier','admin'))"
	");"
	"CREATE TABLE user_region ("
	"  user      TEXT NOT NULL REFERENCES user(name),"
	"  region_id INTEGER NOT NULL REFERENCES region(id),"
	"  PRIMARY KEY (user, region_id)"
	");",
};

const size_t db_migration_count = sizeof db_migrations / sizeof db_migrations[0];
