/* test_db.c — the database against :memory:: import, identical re-import, a newer version of a
 * report that keeps user edits, versions that refuse a stale edit, append-only history,
 * rollback of a failed import, and the region tree. Reports are built by hand here, so these
 * tests do not depend on the parser. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "export.h"
#include "harness.h"
#include "text.h"

/* A small report: one category, items 1..n, each with two measures. */
struct fake {
	struct import_report r;
	struct import_category cat;
	struct import_item items[4];
	struct import_measure measures[4][2];
};

static void fake_init(struct fake *f, const char *status2, const char *deadline2, size_t n)
{
	static const char *const texts[] = {"草原超载过牧问题突出。", "黄河流域违规取水。",
	                                    "城区燃煤散烧治理仍有盲区。", "工业固废堆存不规范。"};
	static const char *const nos[] = {"1", "2", "3", "4"};

	memset(f, 0, sizeof *f);
	f->r.file = "demo.txt";
	f->r.title = "磴口县贯彻落实第二轮自治区生态环境保护督察报告具体问题整改进展情况";
	f->r.region = "磴口县";
	f->r.encoding = "UTF-8";
	strcpy(f->r.digest, "0000000000000001");
	f->r.categories = &f->cat;
	f->r.category_count = 1;
	f->cat.label = "第一个方面";
	f->cat.title = "贯彻落实习近平生态文明思想还有差距";
	f->cat.items = f->items;
	f->cat.item_count = n;
	for (size_t i = 0; i < n; i++) {
		struct import_item *it = &f->items[i];
		it->no = (char *)nos[i];
		it->text = (char *)texts[i];
		it->status = (char *)(i == 1 ? status2 : "已完成整改");
		it->deadline = (char *)(i == 1 ? deadline2 : "2024年12月底前");
		it->line = (int)(i * 4 + 5);
		it->measures = f->measures[i];
		it->measure_count = 2;
		f->measures[i][0].text = "建立管控清单。";
		f->measures[i][1].text = "开展专项检查。";
	}
}

static struct db *open_memory(const char *who)
{
	struct db *db = NULL;
	char err[256];

	if (!CHECK(db_open(":memory:", who, &db, err, sizeof err) == 0))
		return NULL;
	return db;
}

static int count_cb(const struct db_item *it, void *ctx)
{
	(void)it;
	(*(int *)ctx)++;
	return 0;
}

static int count_items(struct db *db)
{
	int n = 0;
	CHECK(db_items_foreach(db, 0, count_cb, &n) == 0);
	return n;
}

struct find {
	const char *no;
	struct db_item copy_id_version;
};

static int find_cb(const struct db_item *it, void *ctx)
{
	struct find *f = ctx;
	if (strcmp(it->no, f->no) == 0) {
		f->copy_id_version.id = it->id;
		f->copy_id_version.version = it->version;
		return 1;
	}
	return 0;
}

static int64_t item_id(struct db *db, const char *no, int *version)
{
	struct find f = {.no = no};
	db_items_foreach(db, 0, find_cb, &f);
	if (version)
		*version = f.copy_id_version.version;
	return f.copy_id_version.id;
}

/* A :memory: database holding the fake report with n items, item 2's status status2 and
 * deadline deadline2; stores item 2's id and version. NULL (with a failed check) on error. */
static struct db *seeded_memory(const char *status2, const char *deadline2, size_t n,
                                int64_t *id2, int *version2)
{
	struct fake f;
	struct db_import_result res;
	struct db *db = open_memory("alice");

	if (!db)
		return NULL;
	fake_init(&f, status2, deadline2, n);
	if (!CHECK(db_import(db, &f.r, &res) == 0)) {
		db_close(db);
		return NULL;
	}
	db_import_result_free(&res);
	*id2 = item_id(db, "2", version2);
	return db;
}

TEST(db_import_new_report_keeps_printed_and_normalised_fields)
{
	struct fake f;
	struct db_import_result res;
	struct db_item it;
	struct db *db = open_memory("alice");

	if (!db)
		return;
	fake_init(&f, "正在推进", "立行立改，长期坚持", 3);
	CHECK(db_import(db, &f.r, &res) == 0);
	CHECK_INT(res.outcome, DB_IMPORT_NEW);
	CHECK_INT(res.items_added, 3);
	db_import_result_free(&res);
	CHECK_INT(count_items(db), 3);
	CHECK(db_item_get(db, item_id(db, "2", NULL), DB_LOAD_MEASURES | DB_LOAD_HISTORY, &it) == 0);
	CHECK_STR(it.status, "正在推进");
	CHECK_INT(it.state, STATE_IN_PROGRESS);
	CHECK_STR(it.deadline, "立行立改，长期坚持");
	CHECK_INT(it.due_kind, DUE_IMMEDIATE);
	CHECK_INT(it.long_term, 1);
	CHECK_STR(it.region, "磴口县");
	CHECK_STR(it.category_label, "第一个方面");
	CHECK_INT(it.measure_count, 2);
	CHECK_STR(it.measures[1].text, "开展专项检查。");
	CHECK_INT(it.history_count, 1);
	CHECK_STR(it.history[0].who, "alice");
	CHECK_STR(it.history[0].source, "import");
	db_item_free(&it);
	CHECK(db_item_get(db, item_id(db, "1", NULL), 0, &it) == 0);
	CHECK_INT(it.due_kind, DUE_DATE);
	CHECK_INT(it.due, date_to_days(2024, 12, 31));
	CHECK_INT(it.state, STATE_DONE);
	db_item_free(&it);
	db_close(db);
}

TEST(db_reimport_of_same_file_changes_nothing)
{
	struct fake f;
	struct db_import_result res;
	struct db *db = open_memory("alice");
	int v1, v2;

	if (!db)
		return;
	fake_init(&f, "正在推进", "2025年6月底前", 3);
	CHECK(db_import(db, &f.r, &res) == 0);
	db_import_result_free(&res);
	item_id(db, "2", &v1);
	CHECK(db_import(db, &f.r, &res) == 0);
	CHECK_INT(res.outcome, DB_IMPORT_UNCHANGED);
	db_import_result_free(&res);
	/* Another digest but the same content: still nothing written. */
	strcpy(f.r.digest, "00000000000000ff");
	CHECK(db_import(db, &f.r, &res) == 0);
	CHECK_INT(res.outcome, DB_IMPORT_UNCHANGED);
	db_import_result_free(&res);
	item_id(db, "2", &v2);
	CHECK_INT(v2, v1);
	CHECK_INT(count_items(db), 3);
	db_close(db);
}

TEST(db_newer_report_updates_items_but_user_edits_win)
{
	struct fake f;
	struct db_import_result res;
	struct db_item it;
	struct db *db = open_memory("alice");
	int v;
	int64_t id2, id3;

	if (!db)
		return;
	fake_init(&f, "正在推进", "2025年6月底前", 3);
	CHECK(db_import(db, &f.r, &res) == 0);
	db_import_result_free(&res);
	id2 = item_id(db, "2", &v);
	id3 = item_id(db, "3", NULL);
	/* A user moves item 2's deadline in duban. */
	CHECK(db_item_set(db, id2, v, "deadline", "2025年12月底前") == 0);

	/* The region publishes a newer report: item 2 progressed, deadline reprinted, item 3
	 * dropped, item 4 added. */
	fake_init(&f, "已完成，待自治区验收销号", "2025年9月底前", 4);
	f.items[2] = f.items[3];
	f.cat.item_count = 3;
	strcpy(f.r.digest, "0000000000000002");
	CHECK(db_import(db, &f.r, &res) == 0);
	CHECK_INT(res.outcome, DB_IMPORT_UPDATED);
	CHECK_INT(res.items_added, 1);
	CHECK_INT(res.items_removed, 1);
	CHECK_INT(res.difference_count, 1);
	CHECK(res.difference_count && strstr(res.differences[0], "deadline") &&
	      strstr(res.differences[0], "2025年12月底前"));
	db_import_result_free(&res);

	CHECK(db_item_get(db, id2, DB_LOAD_HISTORY, &it) == 0);
	CHECK_STR(it.deadline, "2025年12月底前");               /* the edit won */
	CHECK_INT(it.due, date_to_days(2025, 12, 31));
	CHECK_STR(it.status, "已完成，待自治区验收销号");         /* the report's news arrived */
	CHECK_INT(it.state, STATE_AWAITING_VERIFICATION);
	CHECK(it.history_count >= 3);
	db_item_free(&it);
	/* The dropped item is kept (with its history), flagged removed. */
	CHECK(db_item_get(db, id3, DB_LOAD_HISTORY, &it) == 0);
	CHECK(it.history_count == 2 && strcmp(it.history[1].new_value, "removed") == 0);
	db_item_free(&it);
	db_close(db);
}

TEST(db_stale_edit_is_refused_and_loses_nothing)
{
	struct db_item it;
	int v;
	int64_t id;
	struct db *db = seeded_memory("正在推进", NULL, 2, &id, &v);

	if (!db)
		return;
	/* Two people loaded version v; the first saves, the second is refused. */
	CHECK(db_item_set(db, id, v, "status", "已完成整改") == 0);
	CHECK_INT(db_item_set(db, id, v, "status", "达到序时进度"), DB_CONFLICT);
	/* who changed it, and that nothing was written */
	CHECK(strstr(db_errmsg(db), "已被 alice 于") != NULL);
	CHECK(strstr(db_errmsg(db), "什么都没有写入") != NULL);
	CHECK(db_item_get(db, id, DB_LOAD_HISTORY, &it) == 0);
	CHECK_STR(it.status, "已完成整改");
	CHECK_INT(it.state, STATE_DONE);
	CHECK_INT(it.version, v + 1);
	/* import + status + the state that follows from it */
	CHECK_INT(it.history_count, 3);
	CHECK_STR(it.history[1].field, "status");
	CHECK_STR(it.history[1].old_value, "正在推进");
	CHECK_STR(it.history[1].new_value, "已完成整改");
	CHECK_STR(it.history[1].source, "edit");
	db_item_free(&it);
	CHECK_INT(db_item_set(db, 999, 1, "status", "x"), DB_NOT_FOUND);
	CHECK_INT(db_item_set(db, id, v + 1, "text", "x"), -1);
	CHECK_INT(db_item_set(db, id, v + 1, "state", "finished"), DB_REFUSED);
	/* verified only through db_items_verify (verifier, date, two-person rule) */
	CHECK_INT(db_item_set(db, id, v + 1, "state", "verified"), DB_REFUSED);
	CHECK(db_item_set(db, id, v + 1, "state", "awaiting_verification") == 0);
	CHECK(db_note_add(db, id, "现场核查完成，资料已归档。") == 0);
	CHECK(db_item_get(db, id, DB_LOAD_NOTES, &it) == 0);
	CHECK_INT(it.note_count, 1);
	CHECK_STR(it.notes[0].text, "现场核查完成，资料已归档。");
	CHECK_INT(it.state, STATE_AWAITING_VERIFICATION);
	CHECK_INT(it.version, v + 3);
	db_item_free(&it);
	db_close(db);
}

static void raw_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	sqlite3_result_text(cx, sqlite3_user_data(cx), -1, SQLITE_STATIC);
}

/* Gives a bare connection look-alikes of the functions duban's triggers call (a hostile
 * program could do the same): writes then succeed, with hashes that do not verify. */
static void raw_functions(sqlite3 *raw)
{
	static const char *const names[] = {"duban_who", "duban_source", "duban_reason",
	                                    "duban_undo_of"};

	for (size_t i = 0; i < 4; i++)
		sqlite3_create_function(raw, names[i], 0, SQLITE_UTF8, (void *)(i == 1 ? "edit" : "raw"),
		                        raw_fn, NULL, NULL);
	sqlite3_create_function(raw, "duban_publishing", 0, SQLITE_UTF8, (void *)"0", raw_fn, NULL,
	                        NULL);
	sqlite3_create_function(raw, "duban_chain", 12, SQLITE_UTF8, (void *)"forged", raw_fn, NULL,
	                        NULL);
}

/* A database file for tests that need a second connection; removed by tmp_db_remove. */
static int tmp_db(char *path, size_t size)
{
	int fd;

	snprintf(path, size, "/tmp/duban-test-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static void tmp_db_remove(const char *path)
{
	char side[300];

	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

TEST(db_history_is_append_only)
{
	struct fake f;
	struct db_import_result res;
	char err[256], path[64];
	sqlite3 *raw;
	struct db *db;

	if (!CHECK(tmp_db(path, sizeof path) == 0))
		return;
	if (!CHECK(db_open(path, "alice", &db, err, sizeof err) == 0))
		return;
	fake_init(&f, "正在推进", NULL, 1);
	CHECK(db_import(db, &f.r, &res) == 0);
	db_import_result_free(&res);
	db_close(db);
	/* Any client, not only duban, is refused. */
	CHECK(sqlite3_open(path, &raw) == SQLITE_OK);
	CHECK(sqlite3_exec(raw, "UPDATE history SET who = 'mallory'", NULL, NULL, NULL) != SQLITE_OK);
	CHECK(sqlite3_exec(raw, "DELETE FROM history", NULL, NULL, NULL) != SQLITE_OK);
	sqlite3_close(raw);
	tmp_db_remove(path);
}

TEST(db_failed_import_rolls_back_whole)
{
	struct fake f;
	struct db_import_result res;
	char err[256], path[64];
	sqlite3 *raw;
	struct db *db;

	if (!CHECK(tmp_db(path, sizeof path) == 0))
		return;
	/* Make the third item fail half-way through the import, as a full disk would. */
	if (!CHECK(db_open(path, "alice", &db, err, sizeof err) == 0))
		return;
	db_close(db);
	CHECK(sqlite3_open(path, &raw) == SQLITE_OK);
	CHECK(sqlite3_exec(raw, "CREATE TRIGGER fail_third BEFORE INSERT ON item WHEN NEW.no = '3'"
	                        " BEGIN SELECT RAISE(ABORT, 'disk full'); END", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(raw);
	CHECK(db_open(path, "alice", &db, err, sizeof err) == 0);
	fake_init(&f, "正在推进", NULL, 3);
	{
		const char *place[] = {"内蒙古自治区", "巴彦淖尔市", "磴口县"};
		sqlite3_stmt *st;

		CHECK_INT(db_import_placed(db, &f.r, place, 3, &res), -1);
		/* Not even the region nodes the import would have placed are left. */
		CHECK(sqlite3_open(path, &raw) == SQLITE_OK);
		CHECK(sqlite3_prepare_v2(raw, "SELECT count(*) FROM region", -1, &st, NULL) == SQLITE_OK);
		CHECK(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0);
		sqlite3_finalize(st);
		sqlite3_close(raw);
	}
	CHECK(strstr(db_errmsg(db), "已全部撤回") && strstr(db_errmsg(db), "disk full"));
	CHECK_INT(count_items(db), 0);
	/* The database is still usable: a report without the bad item imports. */
	fake_init(&f, "正在推进", NULL, 2);
	CHECK(db_import(db, &f.r, &res) == 0);
	CHECK_INT(res.outcome, DB_IMPORT_NEW);
	db_import_result_free(&res);
	CHECK_INT(count_items(db), 2);
	db_close(db);
	tmp_db_remove(path);
}

TEST(db_region_paths_build_one_tree)
{
	struct db *db = open_memory("admin");
	const char *a[] = {"内蒙古自治区", "巴彦淖尔市", "磴口县"};
	const char *b[] = {"内蒙古自治区", "巴彦淖尔市", "临河区"};
	const char *bad[] = {"内蒙古自治区", ""};
	struct fake f;
	struct db_import_result res;

	if (!db)
		return;
	CHECK(db_region_add_path(db, a, 3) == 0);
	CHECK(db_region_add_path(db, b, 3) == 0);
	CHECK(db_region_add_path(db, a, 3) == 0); /* idempotent */
	CHECK(db_region_add_path(db, bad, 2) == -1);
	CHECK(strstr(db_errmsg(db), "名称是空的") != NULL);
	fake_init(&f, "正在推进", NULL, 1);
	CHECK(db_import(db, &f.r, &res) == 0);
	db_import_result_free(&res);
	{
		struct db_item it;
		CHECK(db_item_get(db, item_id(db, "1", NULL), 0, &it) == 0);
		CHECK_STR(it.region, "磴口县");
		db_item_free(&it);
	}
	db_close(db);
}

/* A report whose category labels repeat (a report in two parts, each numbering its categories
 * 一 二 …), built by hand: cats[i] holds items numbered nos[i][0..]. */
struct parts {
	struct import_report r;
	struct import_category cats[3];
	struct import_item items[3][3];
};

static void parts_init(struct parts *p, const char *const nos[3][3], const char *digest)
{
	static const char *const labels[] = {"一", "二", "一"};
	static const char *const titles[] = {"中央督察反馈问题", "自治区督察反馈问题", "群众信访问题"};
	static char texts[3][3][64];

	memset(p, 0, sizeof *p);
	p->r.file = "parts.txt";
	p->r.title = "磴口县生态环境保护督察整改进展情况";
	p->r.region = "磴口县";
	p->r.encoding = "UTF-8";
	snprintf(p->r.digest, sizeof p->r.digest, "%s", digest);
	p->r.categories = p->cats;
	p->r.category_count = 3;
	for (size_t c = 0; c < 3; c++) {
		p->cats[c].label = (char *)labels[c];
		p->cats[c].title = (char *)titles[c];
		p->cats[c].items = p->items[c];
		for (size_t i = 0; i < 3 && nos[c][i]; i++) {
			struct import_item *it = &p->items[c][p->cats[c].item_count++];
			snprintf(texts[c][i], sizeof texts[c][i], "%s第%s项问题。", titles[c], nos[c][i]);
			it->no = (char *)nos[c][i];
			it->text = texts[c][i];
			it->status = "正在推进";
		}
	}
}

struct snapshot {
	char text[32][128];
	int64_t id[32];
	int version[32], removed[32];
	size_t n;
};

static int snapshot_cb(const struct db_item *it, void *ctx)
{
	struct snapshot *s = ctx;

	if (s->n < 32) {
		snprintf(s->text[s->n], sizeof s->text[s->n], "%s", it->text);
		s->id[s->n] = it->id;
		s->version[s->n] = it->version;
		s->removed[s->n] = it->removed;
		s->n++;
	}
	return 0;
}

/* Items are matched by category label, number and occurrence. With a label that repeats, the
 * second 一's item 1 once matched the first 一's item 1, so an identical re-import rewrote
 * texts and marked items removed. */
TEST(db_reimport_with_repeated_category_labels_changes_nothing)
{
	static const char *const v1[3][3] = {{"1", "2", NULL}, {"1", NULL, NULL}, {"1", NULL, NULL}};
	static const char *const v2[3][3] = {{"1", NULL, NULL}, {"1", NULL, NULL}, {"1", "2", NULL}};
	struct parts p;
	struct db_import_result res;
	struct snapshot a = {0}, b = {0};
	struct db_item it;
	struct db *db = open_memory("alice");

	if (!db)
		return;
	parts_init(&p, v1, "00000000000000a1");
	CHECK(db_import(db, &p.r, &res) == 0);
	db_import_result_free(&res);
	CHECK(db_items_foreach(db, 0, snapshot_cb, &a) == 0);
	/* The same content again under another digest. */
	parts_init(&p, v1, "00000000000000a2");
	CHECK(db_import(db, &p.r, &res) == 0);
	CHECK_INT(res.outcome, DB_IMPORT_UNCHANGED);
	CHECK_INT(res.items_unchanged, 4);
	CHECK_INT(res.items_updated, 0);
	CHECK_INT(res.items_removed, 0);
	db_import_result_free(&res);
	CHECK(db_items_foreach(db, 0, snapshot_cb, &b) == 0);
	CHECK_INT(b.n, a.n);
	for (size_t i = 0; i < a.n && i < b.n; i++) {
		CHECK_STR(b.text[i], a.text[i]);
		CHECK_INT(b.version[i], a.version[i]);
		CHECK_INT(b.removed[i], 0);
	}
	/* Item 2 of the first 一 is now listed under the second 一: the same item, moved. */
	parts_init(&p, v2, "00000000000000a3");
	CHECK(db_import(db, &p.r, &res) == 0);
	CHECK_INT(res.outcome, DB_IMPORT_UPDATED);
	CHECK_INT(res.items_added, 0);
	CHECK_INT(res.items_removed, 0);
	CHECK_INT(res.items_updated, 1); /* its text changed, and it moved */
	db_import_result_free(&res);
	CHECK(db_item_get(db, a.id[1], DB_LOAD_HISTORY, &it) == 0);
	CHECK_STR(it.category_title, "群众信访问题");
	CHECK_INT(it.removed, 0);
	CHECK(it.history_count >= 2 && strcmp(it.history[it.history_count - 1].field, "category") == 0 &&
	      strcmp(it.history[it.history_count - 1].new_value, "一 群众信访问题") == 0);
	db_item_free(&it);
	db_close(db);
}

/* An edit to the value a field already holds writes nothing: no version bump (which would
 * make another user's save conflict for nothing) and no history row. */
TEST(db_noop_edit_writes_nothing)
{
	struct db_item it;
	int v;
	int64_t id;
	struct db *db = seeded_memory("正在推进", "2025年6月底前", 2, &id, &v);

	if (!db)
		return;
	CHECK(db_item_set(db, id, v, "status", "正在推进") == 0);
	CHECK(db_item_set(db, id, v, "deadline", "2025年6月底前") == 0);
	CHECK(db_item_get(db, id, DB_LOAD_HISTORY, &it) == 0);
	CHECK_INT(it.version, v);
	CHECK_INT(it.history_count, 1);
	db_item_free(&it);
	/* The version the caller holds is still good. */
	CHECK(db_item_set(db, id, v, "status", "已完成整改") == 0);
	db_close(db);
}

/* Edits and notes are stored as the importer stores report text: no escape sequences, bidi
 * overrides or other controls that the board or `duban show` would send to a terminal. */
TEST(db_edits_and_notes_never_store_control_characters)
{
	struct db_item it;
	int v;
	int64_t id;
	struct db *db = seeded_memory("正在推进", NULL, 2, &id, &v);

	if (!db)
		return;
	CHECK(db_item_set(db, id, v, "lead_unit", "市\x1b[2J生态\x1b]0;pwned\x07环境局\xe2\x80\xae") == 0);
	CHECK(db_note_add(db, id, "已\x1b[31m现场\r\n核查\x9b") == 0);
	CHECK_INT(db_note_add(db, id, "\x1b\x07"), -1);
	CHECK(db_item_get(db, id, DB_LOAD_NOTES | DB_LOAD_HISTORY, &it) == 0);
	CHECK(it.lead_unit && !strchr(it.lead_unit, '\x1b') && !strchr(it.lead_unit, '\x07') &&
	      !strstr(it.lead_unit, "\xe2\x80\xae") && strstr(it.lead_unit, "环境局"));
	CHECK_INT(it.note_count, 1);
	CHECK(it.note_count == 1 && !strchr(it.notes[0].text, '\x1b') &&
	      !strchr(it.notes[0].text, '\n') && !strchr(it.notes[0].text, '\r') &&
	      strstr(it.notes[0].text, "核查"));
	for (size_t i = 0; i < it.history_count; i++)
		CHECK(!it.history[i].new_value || !strchr(it.history[i].new_value, '\x1b'));
	db_item_free(&it);
	db_close(db);
}

/* A read that fails half-way is an error, not an item with some of its measures. */
TEST(db_failed_read_is_an_error_not_a_partial_item)
{
	struct fake f;
	struct db_import_result res;
	struct db_item it;
	char err[256], path[64];
	sqlite3 *raw;
	struct db *db;
	int64_t id;

	if (!CHECK(tmp_db(path, sizeof path) == 0))
		return;
	if (!CHECK(db_open(path, "alice", &db, err, sizeof err) == 0))
		return;
	fake_init(&f, "正在推进", NULL, 1);
	CHECK(db_import(db, &f.r, &res) == 0);
	db_import_result_free(&res);
	id = item_id(db, "1", NULL);
	db_close(db);
	/* The second measure of every item now fails to read (json() of a non-JSON text). */
	CHECK(sqlite3_open(path, &raw) == SQLITE_OK);
	CHECK(sqlite3_exec(raw, "ALTER TABLE measure RENAME TO measure_data;"
	                        "CREATE VIEW measure AS SELECT id, item_id, seq,"
	                        " CASE WHEN seq = 1 THEN json(text) ELSE text END AS text, status"
	                        " FROM measure_data", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(raw);
	CHECK(db_open(path, "alice", &db, err, sizeof err) == 0);
	CHECK_INT(db_item_get(db, id, DB_LOAD_MEASURES, &it), -1);
	CHECK(strstr(db_errmsg(db), "读取整改措施") != NULL);
	CHECK_INT(db_items_foreach(db, DB_LOAD_MEASURES, count_cb, &(int){0}), -1);
	db_close(db);
	tmp_db_remove(path);
}

static int64_t raw_count(sqlite3 *raw, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;

	if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Items the latest version no longer lists are kept but flagged; the board's search index and
 * per-region tallies (kept by triggers) follow the listed items, including the items an import
 * adds, which are listed all at once at its end. */
TEST(db_removed_items_are_flagged_and_indexes_follow)
{
	struct fake f;
	struct db_import_result res;
	struct db_item it;
	char err[256], path[64];
	sqlite3 *raw;
	struct db *db;
	int64_t id3;

	if (!CHECK(tmp_db(path, sizeof path) == 0))
		return;
	if (!CHECK(db_open(path, "alice", &db, err, sizeof err) == 0))
		return;
	fake_init(&f, "正在推进", "2025年6月底前", 3);
	CHECK(db_import(db, &f.r, &res) == 0);
	db_import_result_free(&res);
	id3 = item_id(db, "3", NULL);
	CHECK(db_item_get(db, id3, 0, &it) == 0);
	CHECK_INT(it.removed, 0);
	CHECK_STR(it.report_encoding, "UTF-8");
	db_item_free(&it);
	CHECK(sqlite3_open(path, &raw) == SQLITE_OK);
	CHECK_INT(raw_count(raw, "SELECT sum(n) FROM item_tally"), 3);
	CHECK_INT(raw_count(raw, "SELECT count(*) FROM item_search WHERE item_search MATCH '燃煤散烧'"), 1);
	/* A newer version drops item 3 and adds item 4. */
	fake_init(&f, "正在推进", "2025年6月底前", 4);
	f.items[2] = f.items[3];
	f.cat.item_count = 3;
	strcpy(f.r.digest, "0000000000000002");
	CHECK(db_import(db, &f.r, &res) == 0);
	CHECK_INT(res.items_added, 1);
	CHECK_INT(res.items_removed, 1);
	db_import_result_free(&res);
	CHECK(db_item_get(db, id3, 0, &it) == 0);
	CHECK_INT(it.removed, 1);
	db_item_free(&it);
	CHECK(db_item_get(db, item_id(db, "4", NULL), 0, &it) == 0);
	CHECK_INT(it.removed, 0);
	db_item_free(&it);
	CHECK_INT(raw_count(raw, "SELECT sum(n) FROM item_tally"), 3);
	CHECK_INT(raw_count(raw, "SELECT count(*) FROM item_search WHERE item_search MATCH '燃煤散烧'"), 0);
	CHECK_INT(raw_count(raw, "SELECT count(*) FROM item_search WHERE item_search MATCH '固废堆存'"), 1);
	sqlite3_close(raw);
	db_close(db);
	tmp_db_remove(path);
}

/* A report of n items in categories of 200, every text distinct; status for all. */
struct big {
	struct import_report r;
	struct import_category *cats;
	struct import_item *items;
	char (*nos)[8], (*texts)[64];
};

static int big_init(struct big *b, size_t n, const char *status, const char *digest)
{
	size_t ncat = (n + 199) / 200;

	memset(b, 0, sizeof *b);
	b->cats = calloc(ncat, sizeof *b->cats);
	b->items = calloc(n, sizeof *b->items);
	b->nos = calloc(n, sizeof *b->nos);
	b->texts = calloc(n, sizeof *b->texts);
	if (!b->cats || !b->items || !b->nos || !b->texts)
		return -1;
	b->r.file = "big.txt";
	b->r.title = "巴彦淖尔市生态环境保护督察整改进展情况";
	b->r.region = "巴彦淖尔市";
	snprintf(b->r.digest, sizeof b->r.digest, "%s", digest);
	b->r.categories = b->cats;
	b->r.category_count = ncat;
	for (size_t i = 0; i < n; i++) {
		struct import_category *c = &b->cats[i / 200];
		if (i % 200 == 0) {
			c->label = "方面";
			c->items = &b->items[i];
		}
		snprintf(b->nos[i], sizeof b->nos[i], "%zu", i % 200 + 1);
		snprintf(b->texts[i], sizeof b->texts[i], "第%zu号问题：固体废物堆存不规范。", i + 1);
		b->items[i].no = b->nos[i];
		b->items[i].text = b->texts[i];
		b->items[i].status = (char *)status;
		c->item_count++;
	}
	return 0;
}

static void big_free(struct big *b)
{
	free(b->cats);
	free(b->items);
	free(b->nos);
	free(b->texts);
}

/* Matching a newer version's items once ran a query per item that scanned the whole report,
 * with OFFSET: quadratic, half a minute for 20,000 items. */
TEST(db_newer_version_of_a_big_report_is_fast)
{
	struct big b;
	struct db_import_result res;
	struct db *db = open_memory("alice");
	double t0;

	if (!db)
		return;
	if (!CHECK(big_init(&b, 10000, "正在推进", "0000000000000b01") == 0)) {
		big_free(&b);
		db_close(db);
		return;
	}
	/* CPU time, not wall time: the machine running the tests may be shared. */
	t0 = (double)clock() / CLOCKS_PER_SEC;
	CHECK(db_import(db, &b.r, &res) == 0);
	db_import_result_free(&res);
	for (size_t i = 0; i < 10000; i += 2)
		b.items[i].status = "已完成整改";
	strcpy(b.r.digest, "0000000000000b02");
	CHECK(db_import(db, &b.r, &res) == 0);
	CHECK_INT(res.outcome, DB_IMPORT_UPDATED);
	CHECK_INT(res.items_updated, 5000);
	CHECK_INT(res.items_unchanged, 5000);
	db_import_result_free(&res);
	CHECK((double)clock() / CLOCKS_PER_SEC - t0 < 4.0);
	big_free(&b);
	db_close(db);
}

/* JSON must be valid UTF-8 whatever another program wrote into the database: an invalid byte
 * is exported as \ufffd, controls as \u escapes. */
TEST(db_json_export_is_valid_utf8)
{
	struct fake f;
	struct db_import_result res;
	char err[256], path[64], *buf = NULL;
	size_t len = 0;
	sqlite3 *raw;
	struct db *db;
	FILE *out;

	if (!CHECK(tmp_db(path, sizeof path) == 0))
		return;
	if (!CHECK(db_open(path, "alice", &db, err, sizeof err) == 0))
		return;
	fake_init(&f, "正在推进", NULL, 1);
	CHECK(db_import(db, &f.r, &res) == 0);
	db_import_result_free(&res);
	CHECK(sqlite3_open(path, &raw) == SQLITE_OK);
	/* Another program that defines duban's functions itself can write (and breaks the
	 * history's chain, which duban check reports): such bytes can reach the database. */
	raw_functions(raw);
	CHECK(sqlite3_exec(raw, "UPDATE item SET goal = CAST(x'e88d89ff8e9f01c0af' AS TEXT)", NULL,
	                   NULL, NULL) == SQLITE_OK);
	sqlite3_close(raw);
	out = open_memstream(&buf, &len);
	if (CHECK(out != NULL)) {
		CHECK(export_json(db, out) == 0);
		fclose(out);
		CHECK(buf && strstr(buf, "\"goal\": \"草\\ufffd\\ufffd\\ufffd\\u0001\\ufffd\\ufffd\""));
		for (size_t i = 0; buf && i < len;) {
			uint32_t cp;
			size_t n = text_decode(buf + i, len - i, &cp);
			if (!CHECK(!(cp == 0xFFFD && n == 1))) {
				fprintf(stderr, "    invalid UTF-8 at byte %zu of the export\n", i);
				break;
			}
			i += n;
		}
	}
	free(buf);
	db_close(db);
	tmp_db_remove(path);
}
