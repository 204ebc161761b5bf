/* db_schema.c — the schema as a list of migrations (PRAGMA user_version). Append only: a
 * database in the field has run the earlier entries, so they never change. Column names here
 * must match the queries in db.c and db_board.c. */
#include "db_internal.h"

/* The version a history row written by an item trigger carries: the version the statement
 * set, or, in a change whose last statement bumps it, the one that statement will set. */
#define ITEM_VERSION "CASE WHEN new.version <> old.version THEN new.version ELSE old.version + 1 END"
/* One trigger per item column whose changes are history (migration 4). */
#define ITEM_HISTORY(column, field)                                                               \
	"CREATE TRIGGER item_history_" column " AFTER UPDATE OF " column " ON item"              \
	"  WHEN old." column " IS NOT new." column " BEGIN "                                      \
	DB_HISTORY_INSERT("new.id", "'" field "'", "old." column, "new." column, ITEM_VERSION)  \
	"; END;"
/* "一 贯彻落实…", a category's label and title as history names it (db.c category_name). */
#define CATEGORY_NAME(row)                                                                        \
	"(SELECT CASE WHEN label IS NOT NULL AND title IS NOT NULL THEN label || ' ' || title"   \
	" ELSE ifnull(label, '') || ifnull(title, '') END FROM category WHERE id = " row          \
	".category_id)"

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

	/* 1 → 2: what the board needs to stay fast on a million items (db_board.c).
	 * item_tally counts the items that are not removed per (region, state, due), kept by
	 * triggers, so the region tree's roll-up counts (overdue depends on today, hence due is a
	 * key) never scan the items. Integers keep it small and quick to sum: state is the rank of
	 * enum state (the same CASE as STATE_RANK in db_board.c), due is days since 1970-01-01
	 * (as date_to_days), or 99999999 when the item has no date. */
	"CREATE TABLE item_tally ("
	"  region_id INTEGER NOT NULL,"
	"  state     INTEGER NOT NULL,"
	"  due       INTEGER NOT NULL,"
	"  n         INTEGER NOT NULL,"
	"  PRIMARY KEY (region_id, state, due)"
	") WITHOUT ROWID;"
	"INSERT INTO item_tally SELECT region_id,"
	"  (CASE state WHEN 'pending' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_schedule' THEN 2"
	"   WHEN 'behind' THEN 3 WHEN 'done' THEN 4 WHEN 'awaiting_verification' THEN 5"
	"   ELSE 6 END),"
	"  ifnull(CAST(julianday(due) - 2440587.5 AS INTEGER), 99999999), count(*) FROM item"
	"  WHERE removed = 0 GROUP BY 1, 2, 3;"
	"CREATE TRIGGER item_tally_insert AFTER INSERT ON item WHEN new.removed = 0 BEGIN"
	"  INSERT INTO item_tally VALUES (new.region_id,"
	"    (CASE new.state WHEN 'pending' THEN 0 WHEN 'in_progress' THEN 1"
	"     WHEN 'on_schedule' THEN 2 WHEN 'behind' THEN 3 WHEN 'done' THEN 4"
	"     WHEN 'awaiting_verification' THEN 5 ELSE 6 END),"
	"    ifnull(CAST(julianday(new.due) - 2440587.5 AS INTEGER), 99999999), 1)"
	"    ON CONFLICT (region_id, state, due) DO UPDATE SET n = n + 1;"
	"END;"
	"CREATE TRIGGER item_tally_delete AFTER DELETE ON item WHEN old.removed = 0 BEGIN"
	"  UPDATE item_tally SET n = n - 1 WHERE region_id = old.region_id"
	"    AND state = (CASE old.state WHEN 'pending' THEN 0 WHEN 'in_progress' THEN 1"
	"     WHEN 'on_schedule' THEN 2 WHEN 'behind' THEN 3 WHEN 'done' THEN 4"
	"     WHEN 'awaiting_verification' THEN 5 ELSE 6 END)"
	"    AND due = ifnull(CAST(julianday(old.due) - 2440587.5 AS INTEGER), 99999999);"
	"END;"
	"CREATE TRIGGER item_tally_update AFTER UPDATE OF region_id, state, due, removed ON item"
	"  BEGIN"
	"  UPDATE item_tally SET n = n - 1 WHERE old.removed = 0 AND region_id = old.region_id"
	"    AND state = (CASE old.state WHEN 'pending' THEN 0 WHEN 'in_progress' THEN 1"
	"     WHEN 'on_schedule' THEN 2 WHEN 'behind' THEN 3 WHEN 'done' THEN 4"
	"     WHEN 'awaiting_verification' THEN 5 ELSE 6 END)"
	"    AND due = ifnull(CAST(julianday(old.due) - 2440587.5 AS INTEGER), 99999999);"
	"  INSERT INTO item_tally SELECT new.region_id,"
	"    (CASE new.state WHEN 'pending' THEN 0 WHEN 'in_progress' THEN 1"
	"     WHEN 'on_schedule' THEN 2 WHEN 'behind' THEN 3 WHEN 'done' THEN 4"
	"     WHEN 'awaiting_verification' THEN 5 ELSE 6 END),"
	"    ifnull(CAST(julianday(new.due) - 2440587.5 AS INTEGER), 99999999), 1"
	"    WHERE new.removed = 0"
	"    ON CONFLICT (region_id, state, due) DO UPDATE SET n = n + 1;"
	"END;"

	/* The tree walk of a region's subtree (db_board.c, WITH RECURSIVE sub). */
	"CREATE INDEX region_parent ON region(parent_id);"

	/* Keyset pages for the board's sorts. The expressions must stay exactly as written in
	 * db_board.c (ORDER_DUE, ORDER_STATE) and db_internal.h (DB_DUE_KEY, DB_STATE_RANK, used
	 * by db_summary.c) or SQLite will not use these indexes; the state rank follows enum
	 * state. */
	"CREATE INDEX item_board_due ON item(ifnull(due, '~'), id) WHERE removed = 0;"
	"CREATE INDEX item_board_state ON item("
	"  (CASE state WHEN 'pending' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_schedule' THEN 2"
	"   WHEN 'behind' THEN 3 WHEN 'done' THEN 4 WHEN 'awaiting_verification' THEN 5"
	"   ELSE 6 END), ifnull(due, '~'), id) WHERE removed = 0;"

	/* Substring search over the problem texts: a contentless trigram index of the items that
	 * are not removed (so that the index alone can count matches). Each text is indexed with
	 * two trailing spaces so that every character starts a trigram, which lets db_board.c find
	 * one- and two-character queries (the usual Chinese word) through the term list
	 * (item_fts_terms) instead of scanning. The triggers must pass exactly the value that was
	 * indexed, or the contentless index goes wrong. */
	"CREATE VIRTUAL TABLE item_fts USING fts5(text, content='', tokenize='trigram');"
	"CREATE VIRTUAL TABLE item_fts_terms USING fts5vocab(item_fts, row);"
	"INSERT INTO item_fts(rowid, text) SELECT id, text || '  ' FROM item WHERE removed = 0;"
	"CREATE TRIGGER item_fts_insert AFTER INSERT ON item WHEN new.removed = 0 BEGIN"
	"  INSERT INTO item_fts(rowid, text) VALUES (new.id, new.text || '  ');"
	"END;"
	"CREATE TRIGGER item_fts_delete AFTER DELETE ON item WHEN old.removed = 0 BEGIN"
	"  INSERT INTO item_fts(item_fts, rowid, text) VALUES ('delete', old.id, old.text || '  ');"
	"END;"
	"CREATE TRIGGER item_fts_update AFTER UPDATE OF text, removed ON item BEGIN"
	"  INSERT INTO item_fts(item_fts, rowid, text)"
	"    SELECT 'delete', old.id, old.text || '  ' WHERE old.removed = 0;"
	"  INSERT INTO item_fts(rowid, text) SELECT new.id, new.text || '  ' WHERE new.removed = 0;"
	"END;",

	/* 2 → 3: search over every text of an item, scoped in the index (issue 9), and 立行立改
	 * as due at once. item_search replaces item_fts: one contentless trigram index with a
	 * column per text (problem, measures, the three units, goal, notes) and a scope column
	 * holding the item's region as one token of three private-use characters (SCOPE_TOKEN in
	 * db_board.c computes the same), so that a search inside a region is answered by the
	 * index (the words AND the region's tokens) instead of looking up every match's row.
	 * What is indexed comes from one view, item_search_doc, read before a change (to delete
	 * exactly what was indexed, as a contentless index needs) and after it (to add the new
	 * text); the view must stay deterministic: measures by seq and notes by id, through their
	 * indexes. Every text ends with two spaces so that every character starts a trigram
	 * (one- and two-character searches go through item_search_terms, see db_board.c). Only
	 * items that are not removed are indexed; an import adds items removed = 1 and lists them
	 * with one UPDATE (db.c publish), which indexes each with its measures. */
	"DROP TRIGGER item_fts_insert;"
	"DROP TRIGGER item_fts_delete;"
	"DROP TRIGGER item_fts_update;"
	"DROP TABLE item_fts_terms;"
	"DROP TABLE item_fts;"
	"CREATE VIEW item_search_doc AS SELECT item.id AS id, item.text || '  ' AS text,"
	"  ifnull((SELECT group_concat(measure.text, '  ') FROM measure"
	"   WHERE measure.item_id = item.id), '') || '  ' AS measures,"
	"  ifnull(item.lead_unit, '') || '  ' AS lead_unit,"
	"  ifnull(item.responsible_unit, '') || '  ' AS responsible_unit,"
	"  ifnull(item.acceptance_unit, '') || '  ' AS acceptance_unit,"
	"  ifnull(item.goal, '') || '  ' AS goal,"
	"  ifnull((SELECT group_concat(note.text, '  ') FROM note"
	"   WHERE note.item_id = item.id), '') || '  ' AS notes,"
	"  char(983040 + (item.region_id & 32767), 1048576 + ((item.region_id >> 15) & 32767),"
	"   1015808 + (item.region_id & 32767)) || '  ' AS scope"
	"  FROM item;"
	"CREATE VIRTUAL TABLE item_search USING fts5(text, measures, lead_unit, responsible_unit,"
	"  acceptance_unit, goal, notes, scope, content='', tokenize='trigram');"
	"CREATE VIRTUAL TABLE item_search_terms USING fts5vocab(item_search, row);"
	"INSERT INTO item_search(rowid, text, measures, lead_unit, responsible_unit,"
	"  acceptance_unit, goal, notes, scope)"
	"  SELECT item_search_doc.* FROM item_search_doc JOIN item ON item.id = item_search_doc.id"
	"  WHERE item.removed = 0;"
	"CREATE TRIGGER item_search_insert AFTER INSERT ON item WHEN new.removed = 0 BEGIN"
	"  INSERT INTO item_search(rowid, text, measures, lead_unit, responsible_unit,"
	"    acceptance_unit, goal, notes, scope) SELECT * FROM item_search_doc WHERE id = new.id;"
	"END;"
	"CREATE TRIGGER item_search_delete BEFORE DELETE ON item WHEN old.removed = 0 BEGIN"
	"  INSERT INTO item_search(item_search, rowid, text, measures, lead_unit,"
	"    responsible_unit, acceptance_unit, goal, notes, scope)"
	"    SELECT 'delete', * FROM item_search_doc WHERE id = old.id;"
	"END;"
	"CREATE TRIGGER item_search_update_old BEFORE UPDATE OF text, lead_unit, responsible_unit,"
	"  acceptance_unit, goal, region_id, removed ON item WHEN old.removed = 0 BEGIN"
	"  INSERT INTO item_search(item_search, rowid, text, measures, lead_unit,"
	"    responsible_unit, acceptance_unit, goal, notes, scope)"
	"    SELECT 'delete', * FROM item_search_doc WHERE id = old.id;"
	"END;"
	"CREATE TRIGGER item_search_update_new AFTER UPDATE OF text, lead_unit, responsible_unit,"
	"  acceptance_unit, goal, region_id, removed ON item WHEN new.removed = 0 BEGIN"
	"  INSERT INTO item_search(rowid, text, measures, lead_unit, responsible_unit,"
	"    acceptance_unit, goal, notes, scope) SELECT * FROM item_search_doc WHERE id = new.id;"
	"END;"
	"CREATE TRIGGER measure_search_insert_old BEFORE INSERT ON measure"
	"  WHEN (SELECT removed FROM item WHERE id = new.item_id) = 0 BEGIN"
	"  INSERT INTO item_search(item_search, rowid, text, measures, lead_unit,"
	"    responsible_unit, acceptance_unit, goal, notes, scope)"
	"    SELECT 'delete', * FROM item_search_doc WHERE id = new.item_id;"
	"END;"
	"CREATE TRIGGER measure_search_insert_new AFTER INSERT ON measure"
	"  WHEN (SELECT removed FROM item WHERE id = new.item_id) = 0 BEGIN"
	"  INSERT INTO item_search(rowid, text, measures, lead_unit, responsible_unit,"
	"    acceptance_unit, goal, notes, scope) SELECT * FROM item_search_doc WHERE id = new.item_id;"
	"END;"
	"CREATE TRIGGER measure_search_delete_old BEFORE DELETE ON measure"
	"  WHEN (SELECT removed FROM item WHERE id = old.item_id) = 0 BEGIN"
	"  INSERT INTO item_search(item_search, rowid, text, measures, lead_unit,"
	"    responsible_unit, acceptance_unit, goal, notes, scope)"
	"    SELECT 'delete', * FROM item_search_doc WHERE id = old.item_id;"
	"END;"
	"CREATE TRIGGER measure_search_delete_new AFTER DELETE ON measure"
	"  WHEN (SELECT removed FROM item WHERE id = old.item_id) = 0 BEGIN"
	"  INSERT INTO item_search(rowid, text, measures, lead_unit, responsible_unit,"
	"    acceptance_unit, goal, notes, scope) SELECT * FROM item_search_doc WHERE id = old.item_id;"
	"END;"
	"CREATE TRIGGER measure_search_update_old BEFORE UPDATE OF text ON measure"
	"  WHEN (SELECT removed FROM item WHERE id = old.item_id) = 0 BEGIN"
	"  INSERT INTO item_search(item_search, rowid, text, measures, lead_unit,"
	"    responsible_unit, acceptance_unit, goal, notes, scope)"
	"    SELECT 'delete', * FROM item_search_doc WHERE id = old.item_id;"
	"END;"
	"CREATE TRIGGER measure_search_update_new AFTER UPDATE OF text ON measure"
	"  WHEN (SELECT removed FROM item WHERE id = new.item_id) = 0 BEGIN"
	"  INSERT INTO item_search(rowid, text, measures, lead_unit, responsible_unit,"
	"    acceptance_unit, goal, notes, scope) SELECT * FROM item_search_doc WHERE id = new.item_id;"
	"END;"
	"CREATE TRIGGER note_search_insert_old BEFORE INSERT ON note"
	"  WHEN (SELECT removed FROM item WHERE id = new.item_id) = 0 BEGIN"
	"  INSERT INTO item_search(item_search, rowid, text, measures, lead_unit,"
	"    responsible_unit, acceptance_unit, goal, notes, scope)"
	"    SELECT 'delete', * FROM item_search_doc WHERE id = new.item_id;"
	"END;"
	"CREATE TRIGGER note_search_insert_new AFTER INSERT ON note"
	"  WHEN (SELECT removed FROM item WHERE id = new.item_id) = 0 BEGIN"
	"  INSERT INTO item_search(rowid, text, measures, lead_unit, responsible_unit,"
	"    acceptance_unit, goal, notes, scope) SELECT * FROM item_search_doc WHERE id = new.item_id;"
	"END;"
	"CREATE TRIGGER note_search_delete_old BEFORE DELETE ON note"
	"  WHEN (SELECT removed FROM item WHERE id = old.item_id) = 0 BEGIN"
	"  INSERT INTO item_search(item_search, rowid, text, measures, lead_unit,"
	"    responsible_unit, acceptance_unit, goal, notes, scope)"
	"    SELECT 'delete', * FROM item_search_doc WHERE id = old.item_id;"
	"END;"
	"CREATE TRIGGER note_search_delete_new AFTER DELETE ON note"
	"  WHEN (SELECT removed FROM item WHERE id = old.item_id) = 0 BEGIN"
	"  INSERT INTO item_search(rowid, text, measures, lead_unit, responsible_unit,"
	"    acceptance_unit, goal, notes, scope) SELECT * FROM item_search_doc WHERE id = old.item_id;"
	"END;"
	"CREATE TRIGGER note_search_update_old BEFORE UPDATE OF text ON note"
	"  WHEN (SELECT removed FROM item WHERE id = old.item_id) = 0 BEGIN"
	"  INSERT INTO item_search(item_search, rowid, text, measures, lead_unit,"
	"    responsible_unit, acceptance_unit, goal, notes, scope)"
	"    SELECT 'delete', * FROM item_search_doc WHERE id = old.item_id;"
	"END;"
	"CREATE TRIGGER note_search_update_new AFTER UPDATE OF text ON note"
	"  WHEN (SELECT removed FROM item WHERE id = new.item_id) = 0 BEGIN"
	"  INSERT INTO item_search(rowid, text, measures, lead_unit, responsible_unit,"
	"    acceptance_unit, goal, notes, scope) SELECT * FROM item_search_doc WHERE id = new.item_id;"
	"END;"

	/* 立行立改 is due at once: its due date is the day the deadline was read (db.c
	 * bind_deadline); items imported before this migration take their report's import day.
	 * The tally follows through its update trigger. */
	"UPDATE item SET due = (SELECT substr(imported_at, 1, 10) FROM report"
	"  WHERE report.id = item.report_id) WHERE due_kind = 'immediate' AND due IS NULL;"
	/* Removed items, for the board's toggle that shows them (few: a partial index). */
	"CREATE INDEX item_removed ON item(region_id, id) WHERE removed = 1;",

	/* 3 → 4: edits (issue 6) and a history that cannot be quietly rewritten (issue 7).
	 * Each history row now carries the item version its change produced, the reason given
	 * with it (延期原因, 验收意见…), the version an undo took back, and a SHA-256 hash
	 * chained to the previous row (DB_HISTORY_INSERT, db_chain_hash). The rows written so far
	 * are chained here, in id order, by duban_chain, which db_open registers before it
	 * migrates. */
	"ALTER TABLE history ADD COLUMN version INTEGER;"
	"ALTER TABLE history ADD COLUMN reason TEXT;"
	"ALTER TABLE history ADD COLUMN undo_of INTEGER;"
	"ALTER TABLE history ADD COLUMN hash TEXT;"
	"ALTER TABLE item ADD COLUMN verified_on TEXT;"
	"ALTER TABLE item ADD COLUMN verified_by TEXT;"
	"ALTER TABLE item ADD COLUMN verify_opinion TEXT;"
	"ALTER TABLE item ADD COLUMN done_by TEXT;"
	"ALTER TABLE item ADD COLUMN done_at TEXT;"
	/* An undone note is withdrawn, never deleted. */
	"ALTER TABLE note ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;"
	"CREATE INDEX history_item_version ON history(item_id, version);"
	"CREATE INDEX history_who ON history(who, id);"

	"DROP TRIGGER history_no_update;"
	"CREATE TEMP TABLE chain_seq (n INTEGER PRIMARY KEY, id INTEGER NOT NULL);"
	"INSERT INTO chain_seq(id) SELECT id FROM history ORDER BY id;"
	"CREATE TEMP TABLE chain AS WITH RECURSIVE c(n, id, h) AS ("
	"  SELECT s.n, h.id, duban_chain(h.id, h.item_id, h.at, h.who, h.field, h.old, h.new,"
	"    h.source, h.version, h.reason, h.undo_of, NULL)"
	"  FROM chain_seq s JOIN history h ON h.id = s.id WHERE s.n = 1"
	"  UNION ALL"
	"  SELECT s.n, h.id, duban_chain(h.id, h.item_id, h.at, h.who, h.field, h.old, h.new,"
	"    h.source, h.version, h.reason, h.undo_of, c.h)"
	"  FROM c JOIN chain_seq s ON s.n = c.n + 1 JOIN history h ON h.id = s.id)"
	"  SELECT id, h FROM c;"
	"CREATE INDEX temp.chain_id ON chain(id);"
	"UPDATE history SET hash = (SELECT h FROM temp.chain WHERE chain.id = history.id);"
	"DROP TABLE temp.chain;"
	"DROP TABLE temp.chain_seq;"
	"CREATE TRIGGER history_no_update BEFORE UPDATE ON history"
	"  BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;"
	/* Only the next id, and only through duban: INSERT OR REPLACE (whose delete fires no
	 * trigger) is refused, and a client without duban's functions cannot prepare an insert
	 * at all. The hash itself is checked by duban check (db_history_verify), not here:
	 * recomputing it on every insert doubled the cost of an import. */
	"CREATE TRIGGER history_append BEFORE INSERT ON history BEGIN"
	"  SELECT RAISE(ABORT, 'history is append-only: rows are added only by duban')"
	"  WHERE new.id IS NOT (SELECT ifnull(max(id), 0) + 1 FROM history)"
	"    OR new.hash IS NULL OR duban_publishing() IS NULL;"
	"END;"

	/* Every write to an item, a note or a measure needs duban's functions, so a bare
	 * sqlite3 session cannot change them unnoticed; items are never deleted. */
	"CREATE TRIGGER item_guard_update BEFORE UPDATE ON item BEGIN SELECT duban_who(); END;"
	"CREATE TRIGGER item_guard_delete BEFORE DELETE ON item"
	"  BEGIN SELECT RAISE(ABORT, 'items are never deleted'); END;"
	"CREATE TRIGGER note_guard_update BEFORE UPDATE ON note BEGIN SELECT duban_who(); END;"
	"CREATE TRIGGER note_guard_delete BEFORE DELETE ON note"
	"  BEGIN SELECT RAISE(ABORT, 'notes are never deleted'); END;"
	"CREATE TRIGGER measure_guard_insert BEFORE INSERT ON measure BEGIN SELECT duban_who(); END;"
	"CREATE TRIGGER measure_guard_update BEFORE UPDATE ON measure BEGIN SELECT duban_who(); END;"
	"CREATE TRIGGER measure_guard_delete BEFORE DELETE ON measure BEGIN SELECT duban_who(); END;"

	/* History of every item field, old → new, written by SQLite itself. A change that sets
	 * several fields bumps the version in its last statement (or in its only one), so every
	 * row of a change carries the version the change produced. */
	"CREATE TRIGGER item_history_insert AFTER INSERT ON item BEGIN "
	DB_HISTORY_INSERT("new.id", "'item'", "NULL",
	                  "'imported from ' || (SELECT file FROM report WHERE id = new.report_id)",
	                  "new.version") ";"
	"END;"
	/* SQLite fires the triggers of one row in the reverse order of their creation: these are
	 * created last field first, so a change's rows come in the order of the fields. */
	ITEM_HISTORY("verify_opinion", "verify_opinion")
	ITEM_HISTORY("verified_by", "verified_by")
	ITEM_HISTORY("verified_on", "verified_on")
	ITEM_HISTORY("state", "state")
	ITEM_HISTORY("subcategory", "subcategory")
	ITEM_HISTORY("goal", "goal")
	ITEM_HISTORY("acceptance_unit", "acceptance_unit")
	ITEM_HISTORY("responsible_unit", "responsible_unit")
	ITEM_HISTORY("lead_unit", "lead_unit")
	ITEM_HISTORY("deadline", "deadline")
	ITEM_HISTORY("status", "status")
	ITEM_HISTORY("text", "text")
	"CREATE TRIGGER item_history_removed AFTER UPDATE OF removed ON item"
	"  WHEN old.removed IS NOT new.removed AND duban_publishing() = 0 BEGIN "
	DB_HISTORY_INSERT("new.id", "'item'",
	                  "CASE old.removed WHEN 1 THEN 'removed' ELSE 'listed' END",
	                  "CASE new.removed WHEN 1 THEN 'removed' ELSE 'listed again' END",
	                  ITEM_VERSION) ";"
	"END;"
	"CREATE TRIGGER item_history_category AFTER UPDATE OF category_id ON item"
	"  WHEN old.category_id IS NOT new.category_id BEGIN "
	DB_HISTORY_INSERT("new.id", "'category'", CATEGORY_NAME("old"), CATEGORY_NAME("new"),
	                  ITEM_VERSION) ";"
	"END;"
	"CREATE TRIGGER note_history_insert AFTER INSERT ON note BEGIN "
	DB_HISTORY_INSERT("new.item_id", "'note'", "NULL", "new.text",
	                  "(SELECT version + 1 FROM item WHERE id = new.item_id)") ";"
	"END;"
	"CREATE TRIGGER note_history_withdrawn AFTER UPDATE OF withdrawn ON note"
	"  WHEN new.withdrawn = 1 AND old.withdrawn = 0 BEGIN "
	DB_HISTORY_INSERT("new.item_id", "'note'", "new.text", "NULL",
	                  "(SELECT version + 1 FROM item WHERE id = new.item_id)") ";"
	"END;",
	/* 4 → 5: a single-item notice's date and publicity period (销号公示, issue 10), as the
	 * importer reads them (import_report.notice_date, .publicity); NULL for reports. Filled
	 * by the report insert in db.c. */
	"ALTER TABLE report ADD COLUMN notice_date TEXT;"
	"ALTER TABLE report ADD COLUMN publicity TEXT;",
};

const size_t db_migration_count = sizeof db_migrations / sizeof db_migrations[0];
