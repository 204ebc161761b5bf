/* test_db.c — the database against :memory:: import, identical re-import, a newer version of a
 * report that keeps user edits, versions that refuse a stale edit, append-only history,
 * rollback of a failed import, and the region tree. Reports are built by hand here, so these
 * tests do not depend on the parser. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "harness.h"

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
	struct fake f;
	struct db_import_result res;
	struct db_item it;
	struct db *db = open_memory("alice");
	int v;
	int64_t id;

	if (!db)
		return;
	fake_init(&f, "正在推进", NULL, 2);
	CHECK(db_import(db, &f.r, &res) == 0);
	db_import_result_free(&res);
	id = item_id(db, "2", &v);
	/* Two people loaded version v; the first saves, the second is refused. */
	CHECK(db_item_set(db, id, v, "status", "已完成整改") == 0);
	CHECK_INT(db_item_set(db, id, v, "status", "达到序时进度"), DB_CONFLICT);
	CHECK(strstr(db_errmsg(db), "changed by someone else") != NULL);
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
	CHECK_INT(db_item_set(db, id, v + 1, "state", "finished"), -1);
	CHECK(db_item_set(db, id, v + 1, "state", "verified") == 0);
	CHECK(db_note_add(db, id, "现场核查完成，资料已归档。") == 0);
	CHECK(db_item_get(db, id, DB_LOAD_NOTES, &it) == 0);
	CHECK_INT(it.note_count, 1);
	CHECK_STR(it.notes[0].text, "现场核查完成，资料已归档。");
	CHECK_INT(it.state, STATE_VERIFIED);
	CHECK_INT(it.version, v + 3);
	db_item_free(&it);
	db_close(db);
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
	CHECK_INT(db_import(db, &f.r, &res), -1);
	CHECK(strstr(db_errmsg(db), "rolled back") && strstr(db_errmsg(db), "disk full"));
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
	CHECK(strstr(db_errmsg(db), "empty name") != NULL);
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
