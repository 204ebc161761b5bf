/* test_db_edit.c — the edit model (issue 6) and the trusted history (issue 7) on :memory: and
 * on temporary files with two users: reasons and versions in the history, the two-person
 * rule, verify / unverify, undo across a restart, all-or-nothing batches, the conflict list,
 * history queries, the SHA-256 chain (FIPS vectors) and tampering by a bare connection. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "db_sha256.h"
#include "harness.h"

struct fake {
	struct import_report r;
	struct import_category cat;
	struct import_item items[3];
};

static void fake_init(struct fake *f)
{
	static const char *const texts[] = {"草原超载过牧问题突出。", "黄河流域违规取水。",
	                                    "城区燃煤散烧治理仍有盲区。"};
	static const char *const nos[] = {"1", "2", "3"};

	memset(f, 0, sizeof *f);
	f->r.file = "demo.txt";
	f->r.title = "磴口县贯彻落实第二轮自治区生态环境保护督察报告具体问题整改进展情况";
	f->r.region = "磴口县";
	strcpy(f->r.digest, "00000000000000e1");
	f->r.categories = &f->cat;
	f->r.category_count = 1;
	f->cat.label = "第一个方面";
	f->cat.title = "贯彻落实习近平生态文明思想还有差距";
	f->cat.items = f->items;
	f->cat.item_count = 3;
	for (size_t i = 0; i < 3; i++) {
		f->items[i].no = (char *)nos[i];
		f->items[i].text = (char *)texts[i];
		f->items[i].status = "正在推进";
		f->items[i].deadline = "2025年12月底前";
		f->items[i].line = (int)i + 3;
	}
}

static char tmp_path[64];

static void tmp_remove(void)
{
	char side[80];

	unlink(tmp_path);
	snprintf(side, sizeof side, "%s-wal", tmp_path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", tmp_path);
	unlink(side);
}

/* A fresh file database with the fake report imported; returns alice's handle. */
static struct db *seeded_file(void)
{
	struct fake f;
	struct db_import_result res;
	struct db *db = NULL;
	char err[256];
	int fd;

	snprintf(tmp_path, sizeof tmp_path, "/tmp/duban-edit-XXXXXX");
	if ((fd = mkstemp(tmp_path)) < 0)
		return NULL;
	close(fd);
	if (!CHECK(db_open(tmp_path, "alice", &db, err, sizeof err) == 0))
		return NULL;
	fake_init(&f);
	CHECK(db_import(db, &f.r, &res) == 0);
	db_import_result_free(&res);
	return db;
}

static struct db *open_as(const char *who)
{
	struct db *db = NULL;
	char err[256];

	CHECK(db_open(tmp_path, who, &db, err, sizeof err) == 0);
	return db;
}

static int64_t id_of(struct db *db, const char *no)
{
	for (int64_t id = 1; id < 10; id++) {
		struct db_item it;
		int found = db_item_get(db, id, 0, &it) == 0 && strcmp(it.no, no) == 0;
		if (found || it.id)
			db_item_free(&it);
		if (found)
			return id;
	}
	return 0;
}

static int version_of(struct db *db, int64_t id)
{
	struct db_item it;
	int v = -1;

	if (db_item_get(db, id, 0, &it) == 0)
		v = it.version;
	db_item_free(&it);
	return v;
}

TEST(sha256_fips_vectors)
{
	static const struct {
		const char *in, *hex;
	} v[] = {
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
		{"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		 "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
	};
	char hex[65];
	unsigned char d[32];
	struct sha256 s;
	char *a = malloc(1000000);

	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		CHECK_STR(sha256_hex(v[i].in, strlen(v[i].in), hex), v[i].hex);
	if (!CHECK(a != NULL))
		return;
	/* one million 'a', fed in uneven pieces so that every buffering path runs */
	memset(a, 'a', 1000000);
	sha256_init(&s);
	for (size_t off = 0, step = 1; off < 1000000; off += step, step = step * 3 % 977 + 1)
		sha256_update(&s, a + off, off + step > 1000000 ? 1000000 - off : step);
	sha256_final(&s, d);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
	/* a CJK text hashes the same whole or split inside a character */
	{
		char whole[65];
		const char *t = "整改时限延期原因";

		sha256_hex(t, strlen(t), whole);
		sha256_init(&s);
		sha256_update(&s, t, 4);
		sha256_update(&s, t + 4, strlen(t) - 4);
		sha256_final(&s, d);
		for (int i = 0; i < 32; i++)
			snprintf(hex + 2 * i, 3, "%02x", d[i]);
		CHECK_STR(hex, whole);
	}
}

TEST(db_deadline_edit_keeps_reason_version_and_refuses_non_dates)
{
	struct db *db = seeded_file();
	struct db_edit e = {"deadline", "2026年3月底前", "雨季施工延误"};
	struct db_item it;
	int64_t id;
	int v;

	if (!db)
		return;
	id = id_of(db, "2");
	v = version_of(db, id);
	CHECK_INT(db_item_edit(db, id, v, &e), 0);
	CHECK(db_item_get(db, id, DB_LOAD_HISTORY, &it) == 0);
	CHECK_INT(it.version, v + 1);
	CHECK_STR(it.deadline, "2026年3月底前");
	CHECK_INT(it.due_kind, DUE_DATE);
	CHECK_INT(it.due, date_to_days(2026, 3, 31));
	if (CHECK(it.history_count == 2)) {
		const struct db_history *h = &it.history[1];
		CHECK_STR(h->field, "deadline");
		CHECK_STR(h->old_value, "2025年12月底前");
		CHECK_STR(h->new_value, "2026年3月底前");
		CHECK_STR(h->reason, "雨季施工延误");
		CHECK_STR(h->who, "alice");
		CHECK_STR(h->source, "edit");
		CHECK_INT(h->item_id, id);
		CHECK_INT(h->version, v + 1);
	}
	db_item_free(&it);
	/* Not a date: refused with the reason, nothing written. */
	e.value = "2025-02-30";
	CHECK_INT(db_item_edit(db, id, v + 1, &e), DB_REFUSED);
	CHECK(strstr(db_errmsg(db), "2025-02-30") != NULL);
	CHECK_INT(version_of(db, id), v + 1);
	/* Typed forms are understood: 2025/6/30 is a date. */
	e.value = "2025/6/30";
	CHECK_INT(db_item_edit(db, id, v + 1, &e), 0);
	CHECK(db_item_get(db, id, 0, &it) == 0);
	CHECK_INT(it.due, date_to_days(2025, 6, 30));
	db_item_free(&it);
	db_close(db);
	tmp_remove();
}

TEST(db_two_person_rule_and_verification)
{
	struct db *a = seeded_file(), *b;
	struct db_edit done = {"state", "done", NULL};
	struct db_item it;
	int64_t id;
	int v;
	char want[160], today[16];
	size_t failed = 99;

	if (!a)
		return;
	b = open_as("bob");
	id = id_of(a, "1");
	v = version_of(a, id);
	/* Not done yet: nobody may verify. */
	CHECK_INT(db_items_verify(b, &id, &v, 1, date_today(), NULL, &failed), DB_REFUSED);
	CHECK(strstr(db_errmsg(b), "还没有完成整改") != NULL);
	CHECK_INT(db_item_edit(a, id, v, &done), 0);
	v++;
	CHECK_INT(db_may(a, DB_MAY_VERIFY, id), DB_REFUSED);
	CHECK_INT(db_may(b, DB_MAY_VERIFY, id), 0);
	CHECK_INT(db_items_verify(a, &id, &v, 1, date_today(), "资料齐全", NULL), DB_REFUSED);
	/* the exact sentence, with the local date it was marked */
	date_format_iso(date_today(), today);
	snprintf(want, sizeof want, "已完成整改 由 alice 于 %s 标记，不能由同一人验收", today);
	CHECK_STR(db_errmsg(a), want);
	CHECK_INT(version_of(a, id), v);
	/* A future date is refused; bob verifies today. */
	CHECK_INT(db_items_verify(b, &id, &v, 1, date_today() + 1, NULL, NULL), DB_REFUSED);
	CHECK_INT(db_items_verify(b, &id, &v, 1, date_today(), "资料齐全，现场已整改", NULL), 0);
	v++;
	CHECK(db_item_get(a, id, DB_LOAD_HISTORY, &it) == 0);
	CHECK_INT(it.state, STATE_VERIFIED);
	CHECK_STR(it.verified_on, today);
	CHECK_STR(it.verified_by, "bob");
	CHECK_STR(it.verify_opinion, "资料齐全，现场已整改");
	CHECK_STR(it.done_by, "alice");
	CHECK_STR(it.history[it.history_count - 1].reason, "资料齐全，现场已整改");
	CHECK_INT(it.history[it.history_count - 1].version, v);
	db_item_free(&it);
	/* Twice is refused, and so is a state change around the verification. */
	CHECK_INT(db_items_verify(b, &id, &v, 1, date_today(), NULL, NULL), DB_REFUSED);
	CHECK(strstr(db_errmsg(b), "不能重复验收") != NULL);
	done.value = "in_progress";
	CHECK_INT(db_item_edit(a, id, v, &done), DB_REFUSED);
	/* Unverify needs a reason and is its own change; the item goes back to done. */
	CHECK_INT(db_item_unverify(b, id, v, ""), DB_REFUSED);
	CHECK_INT(db_item_unverify(b, id, v, "现场复查发现反弹"), 0);
	v++;
	CHECK(db_item_get(a, id, DB_LOAD_HISTORY, &it) == 0);
	CHECK_INT(it.state, STATE_DONE);
	CHECK_STR(it.verified_on, NULL);
	CHECK_STR(it.done_by, "alice");
	CHECK_STR(it.history[it.history_count - 1].reason, "现场复查发现反弹");
	db_item_free(&it);
	CHECK_INT(db_item_unverify(b, id, v, "再来一次"), DB_REFUSED);
	db_close(b);
	db_close(a);
	tmp_remove();
}

/* A report that prints an item as done names nobody; the clerk who then moves it between
 * the two done states is the one who marked it, and may not verify it. One the report
 * already lists as verified cannot be verified again, and the refusal says so plainly. */
TEST(db_two_person_rule_after_a_reported_done_state)
{
	struct fake f;
	struct db_import_result res;
	struct db *a = NULL, *b;
	struct db_edit done = {"state", "done", NULL};
	struct db_item it;
	char err[256];
	int64_t id, id3;
	int v, fd;

	snprintf(tmp_path, sizeof tmp_path, "/tmp/duban-edit-XXXXXX");
	if ((fd = mkstemp(tmp_path)) < 0)
		return;
	close(fd);
	if (!CHECK(db_open(tmp_path, "alice", &a, err, sizeof err) == 0))
		return;
	fake_init(&f);
	f.items[0].status = "已完成，待自治区验收销号";
	f.items[2].status = "已销号";
	CHECK(db_import(a, &f.r, &res) == 0);
	db_import_result_free(&res);
	b = open_as("bob");
	id = id_of(a, "1");
	v = version_of(a, id);
	CHECK(db_item_get(a, id, 0, &it) == 0);
	CHECK_INT(it.state, STATE_AWAITING_VERIFICATION);
	CHECK_STR(it.done_by, NULL);
	db_item_free(&it);
	CHECK_INT(db_item_edit(a, id, v, &done), 0);
	v++;
	CHECK(db_item_get(a, id, 0, &it) == 0);
	CHECK_STR(it.done_by, "alice");
	db_item_free(&it);
	CHECK_INT(db_items_verify(a, &id, &v, 1, date_today(), NULL, NULL), DB_REFUSED);
	CHECK(strstr(db_errmsg(a), "不能由同一人验收") != NULL);
	CHECK_INT(db_items_verify(b, &id, &v, 1, date_today(), NULL, NULL), 0);
	id3 = id_of(a, "3");
	v = version_of(a, id3);
	CHECK_INT(db_items_verify(b, &id3, &v, 1, date_today(), NULL, NULL), DB_REFUSED);
	CHECK(strstr(db_errmsg(b), "在报告中已是已销号") != NULL);
	CHECK(strchr(db_errmsg(b), '?') == NULL);
	db_close(b);
	db_close(a);
	tmp_remove();
}

TEST(db_undo_own_changes_after_restart_refused_after_others)
{
	struct db *a = seeded_file(), *b;
	struct db_edit goal = {"goal", "完成草畜平衡核定", NULL};
	struct db_item it;
	int64_t id;
	int v;

	if (!a)
		return;
	id = id_of(a, "3");
	v = version_of(a, id);
	CHECK_INT(db_item_edit(a, id, v++, &goal), 0);
	goal.value = "完成草畜平衡核定并公示";
	CHECK_INT(db_item_edit(a, id, v++, &goal), 0);
	CHECK_INT(db_note_add(a, id, "已约谈相关企业"), 0);
	v++;
	db_close(a);
	a = open_as("alice"); /* a restart: undo reads the history */
	CHECK_INT(db_item_undo(a, id, v - 1), DB_CONFLICT);
	CHECK_INT(db_item_undo(a, id, v++), 0); /* the note is withdrawn */
	CHECK(db_item_get(a, id, DB_LOAD_NOTES, &it) == 0);
	CHECK_INT(it.note_count, 0);
	CHECK_STR(it.goal, "完成草畜平衡核定并公示");
	db_item_free(&it);
	CHECK_INT(db_item_undo(a, id, v++), 0);
	CHECK(db_item_get(a, id, DB_LOAD_HISTORY, &it) == 0);
	CHECK_STR(it.goal, "完成草畜平衡核定");
	CHECK_INT(it.history[it.history_count - 1].undo_of, v - 3);
	db_item_free(&it);
	CHECK_INT(db_item_undo(a, id, v++), 0);
	CHECK(db_item_get(a, id, 0, &it) == 0);
	CHECK_STR(it.goal, NULL);
	CHECK_INT(it.version, v);
	db_item_free(&it);
	/* nothing of alice's is left: the one before is the import */
	CHECK_INT(db_item_undo(a, id, v), DB_REFUSED);
	CHECK(strstr(db_errmsg(a), "导入") != NULL);
	/* Someone else changed it since: refused with who. */
	CHECK_INT(db_item_edit(a, id, v++, &goal), 0);
	b = open_as("bob");
	goal.value = "bob 的目标";
	CHECK_INT(db_item_edit(b, id, v++, &goal), 0);
	CHECK_INT(db_item_undo(a, id, v), DB_REFUSED);
	CHECK(strstr(db_errmsg(a), "bob") != NULL);
	CHECK_INT(version_of(a, id), v);
	/* Undo of a state change restores who marked it done. */
	{
		struct db_edit st = {"state", "done", NULL};
		CHECK_INT(db_item_edit(a, id, v++, &st), 0);
		st.value = "behind";
		CHECK_INT(db_item_edit(a, id, v++, &st), 0);
		CHECK_INT(db_item_undo(a, id, v++), 0);
		CHECK(db_item_get(a, id, 0, &it) == 0);
		CHECK_INT(it.state, STATE_DONE);
		CHECK_STR(it.done_by, "alice");
		db_item_free(&it);
		CHECK_INT(db_may(a, DB_MAY_VERIFY, id), DB_REFUSED);
	}
	db_close(b);
	db_close(a);
	tmp_remove();
}

static int collect(const struct db_history *h, void *ctx)
{
	char *s = ctx;
	size_t n = strlen(s);

	snprintf(s + n, 512 - n, "%s:%s:%s;", h->item_no ? h->item_no : "?", h->who, h->field);
	return 0;
}

TEST(db_batches_are_all_or_nothing_and_history_is_queryable)
{
	struct db *a = seeded_file(), *b;
	int64_t ids[3];
	int vs[3];
	struct db_edit e = {"deadline", "2026年6月底前", "统一延期"};
	size_t failed = 99;
	struct db_history *h = NULL;
	size_t n = 0;
	char seen[512] = "";

	if (!a)
		return;
	b = open_as("bob");
	for (int i = 0; i < 3; i++) {
		char no[2] = {(char)('1' + i), 0};
		ids[i] = id_of(a, no);
		vs[i] = version_of(a, ids[i]);
	}
	/* bob changes the third first: alice's batch over all three is refused whole */
	{
		struct db_edit g = {"goal", "按期完成", NULL};
		CHECK_INT(db_item_edit(b, ids[2], vs[2], &g), 0);
	}
	CHECK_INT(db_items_edit(a, ids, vs, 3, &e, &failed), DB_CONFLICT);
	CHECK_INT(failed, 2);
	CHECK_INT(version_of(a, ids[0]), vs[0]);
	CHECK_INT(version_of(a, ids[1]), vs[1]);
	/* the conflict screen: what bob did since alice's version */
	CHECK_INT(db_item_changes_since(a, ids[2], vs[2], &h, &n), 0);
	if (CHECK(n == 1)) {
		CHECK_STR(h[0].who, "bob");
		CHECK_STR(h[0].field, "goal");
		CHECK_STR(h[0].new_value, "按期完成");
		CHECK_INT(h[0].version, vs[2] + 1);
	}
	db_history_free(h, n);
	vs[2]++;
	CHECK_INT(db_items_edit(a, ids, vs, 3, &e, &failed), 0);
	for (int i = 0; i < 3; i++)
		CHECK_INT(version_of(a, ids[i]), vs[i] + 1);
	/* newest first; by user, by item, by region, with a limit */
	{
		struct db_history_query q = {.user = "alice", .limit = 2};
		CHECK_INT(db_history_find(a, &q, collect, seen), 0);
		CHECK_STR(seen, "3:alice:deadline;2:alice:deadline;");
		seen[0] = '\0';
		q = (struct db_history_query){.item_id = ids[2]};
		CHECK_INT(db_history_find(a, &q, collect, seen), 0);
		CHECK_STR(seen, "3:alice:deadline;3:bob:goal;3:alice:item;");
		seen[0] = '\0';
		q = (struct db_history_query){.region_id = 999, .limit = 5};
		CHECK_INT(db_history_find(a, &q, collect, seen), 0);
		CHECK_STR(seen, "");
		/* the region itself */
		{
			struct db_item it;

			CHECK(db_item_get(a, ids[0], 0, &it) == 0);
			q = (struct db_history_query){.region_id = it.region_id, .limit = 1};
			CHECK_INT(db_history_find(a, &q, collect, seen), 0);
			CHECK_STR(seen, "3:alice:deadline;");
			seen[0] = '\0';
			db_item_free(&it);
		}
		q = (struct db_history_query){.user = "bob", .since = "2000-01-01"};
		CHECK_INT(db_history_find(a, &q, collect, seen), 0);
		CHECK_STR(seen, "3:bob:goal;");
		seen[0] = '\0';
		q = (struct db_history_query){.user = "bob", .since = "2999-01-01"};
		CHECK_INT(db_history_find(a, &q, collect, seen), 0);
		CHECK_STR(seen, "");
	}
	db_close(b);
	db_close(a);
	tmp_remove();
}

static int raw_exec(const char *sql)
{
	sqlite3 *raw;
	int rc;

	if (sqlite3_open(tmp_path, &raw) != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(raw, sql, NULL, NULL, NULL);
	sqlite3_close(raw);
	return rc;
}

TEST(db_history_cannot_be_rewritten_quietly)
{
	struct db *db = seeded_file();
	struct db_verify v;
	char err[512];
	int64_t id;
	int ver;

	if (!db)
		return;
	id = id_of(db, "1");
	ver = version_of(db, id);
	CHECK_INT(db_item_set(db, id, ver, "goal", "目标"), 0);
	CHECK_INT(db_history_verify(db, &v), 0);
	CHECK_INT(v.rows, 4);
	CHECK_INT(db_history_broken(db), 0);
	db_close(db);
	/* A bare sqlite3 session: no item write, no history insert, no REPLACE. */
	CHECK(raw_exec("UPDATE item SET state = 'verified'") != SQLITE_OK);
	CHECK(raw_exec("INSERT INTO item(report_id, category_id, region_id, seq, no, text, state,"
	               " due_kind, updated_at, updated_by) VALUES (1, 1, 1, 9, '9', 'x', 'pending',"
	               " 'none', 'now', 'x')") != SQLITE_OK);
	CHECK(raw_exec("INSERT OR REPLACE INTO history(id, item_id, at, who, field, old, new, source)"
	               " VALUES (2, 1, '2020-01-01T00:00:00Z', 'mallory', 'state', 'a', 'b', 'edit')") !=
	      SQLITE_OK);
	CHECK(raw_exec("INSERT INTO history(item_id, at, who, field, old, new, source)"
	               " VALUES (1, '2020-01-01T00:00:00Z', 'mallory', 'state', 'a', 'b', 'edit')") !=
	      SQLITE_OK);
	CHECK(raw_exec("DELETE FROM history") != SQLITE_OK);
	CHECK(raw_exec("DELETE FROM item") != SQLITE_OK);
	db = open_as("alice");
	CHECK_INT(db_history_verify(db, &v), 0);
	CHECK_INT(v.rows, 4);
	db_close(db);
	/* Dropping a trigger is noticed at open. */
	CHECK(raw_exec("DROP TRIGGER item_history_state") == SQLITE_OK);
	CHECK(db_open(tmp_path, "alice", &db, err, sizeof err) == -1);
	CHECK(strstr(err, "item_history_state") != NULL);
	/* A back-dated row forged with the guard dropped: the chain names it. */
	CHECK(raw_exec("DROP TRIGGER history_append;"
	               "INSERT INTO history(item_id, at, who, field, old, new, source)"
	               " VALUES (1, '2020-01-01T00:00:00Z', 'mallory', 'state', 'a', 'b', 'edit');"
	               "CREATE TRIGGER history_append BEFORE INSERT ON history BEGIN SELECT 1; END;"
	               "CREATE TRIGGER item_history_state AFTER UPDATE OF state ON item BEGIN"
	               " SELECT 1; END;") == SQLITE_OK);
	db = open_as("alice");
	CHECK_INT(db_history_verify(db, &v), 1);
	CHECK_INT(v.bad_id, 5);
	CHECK_INT(db_history_broken(db), 1);
	CHECK(strstr(db_errmsg(db), "5") != NULL);
	db_close(db);
	/* A rewritten old row breaks the chain at that row. */
	CHECK(raw_exec("DROP TRIGGER history_no_update; UPDATE history SET who = 'mallory' WHERE id = 2;"
	               "CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN SELECT 1; END;") ==
	      SQLITE_OK);
	db = open_as("alice");
	CHECK_INT(db_history_verify(db, &v), 1);
	CHECK_INT(v.bad_id, 2);
	db_close(db);
	tmp_remove();
}

TEST(db_open_refuses_bad_versions_and_missing_files)
{
	struct db *db = NULL;
	char err[512], path[64];
	sqlite3 *raw;
	int fd;

	snprintf(path, sizeof path, "/tmp/duban-open-XXXXXX");
	if (!CHECK((fd = mkstemp(path)) >= 0))
		return;
	close(fd);
	unlink(path);
	CHECK_INT(db_open_mode(path, "alice", DB_OPEN_EXISTING, &db, err, sizeof err), -1);
	CHECK(strstr(err, "不存在；先用 duban import 导入报告") != NULL);
	CHECK(access(path, F_OK) != 0);
	for (int i = 0; i < 3; i++) {
		static const char *const set[] = {"PRAGMA user_version = -1",
		                                  "PRAGMA user_version = -1000000",
		                                  "PRAGMA user_version = 999"};
		long before, after;
		FILE *f;

		CHECK(sqlite3_open(path, &raw) == SQLITE_OK);
		CHECK(sqlite3_exec(raw, set[i], NULL, NULL, NULL) == SQLITE_OK);
		sqlite3_close(raw);
		f = fopen(path, "rb");
		fseek(f, 0, SEEK_END);
		before = ftell(f);
		fclose(f);
		CHECK_INT(db_open(path, "alice", &db, err, sizeof err), -1);
		CHECK(strstr(err, i < 2 ? "无效" : "更新版本的 duban") != NULL);
		f = fopen(path, "rb");
		fseek(f, 0, SEEK_END);
		after = ftell(f);
		fclose(f);
		CHECK_INT(after, before);
		CHECK(access(path, F_OK) == 0);
		unlink(path);
	}
}

static int who_of(const struct db_history *h, void *ctx)
{
	snprintf(ctx, 64, "%s", h->who);
	return 1;
}

TEST(db_user_and_region_names_are_sanitised)
{
	struct db *db = seeded_file();
	const char *names[] = {"内蒙古\x1b[31m自治区", "\xe2\x80\xae巴彦淖尔市"};
	char who[64] = "";
	sqlite3 *raw;
	sqlite3_stmt *st;

	if (!db)
		return;
	/* the escape character and the bidi override go, as in item text */
	CHECK_INT(db_region_add_path(db, names, 2), 0);
	db_close(db);
	db = open_as("ev\x1b]52;c;aGk=\x07il\x1b[2J");
	CHECK_INT(db_note_add(db, 1, "进展"), 0);
	CHECK_INT(db_history_find(db, &(struct db_history_query){.limit = 1}, who_of, who), 1);
	CHECK(strchr(who, 0x1b) == NULL && strchr(who, 0x07) == NULL);
	CHECK(strstr(who, "ev") != NULL);
	db_close(db);
	CHECK(sqlite3_open(tmp_path, &raw) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(raw, "SELECT count(*) FROM region WHERE name IN ('内蒙古[31m自治区',"
	                              " '巴彦淖尔市')", -1, &st, NULL) == SQLITE_OK);
	CHECK(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 2);
	sqlite3_finalize(st);
	sqlite3_close(raw);
	tmp_remove();
}

TEST(db_history_find_covers_a_region_subtree)
{
	struct db *db = NULL;
	struct fake f;
	struct db_import_result res;
	const char *path[] = {"内蒙古自治区", "巴彦淖尔市", "磴口县"};
	char err[256], seen[512] = "";
	struct db_history_query q = {.region_id = 1, .limit = 2};

	if (!CHECK(db_open(":memory:", "alice", &db, err, sizeof err) == 0))
		return;
	fake_init(&f);
	CHECK_INT(db_import_placed(db, &f.r, path, 3, &res), 0);
	db_import_result_free(&res);
	CHECK_INT(db_note_add(db, 2, "已现场核查"), 0);
	/* region 1 is 内蒙古自治区, two levels above the report's 磴口县 */
	CHECK_INT(db_history_find(db, &q, collect, seen), 0);
	CHECK_STR(seen, "2:alice:note;3:alice:item;");
	seen[0] = '\0';
	q.region_id = 2;
	q.limit = 1;
	CHECK_INT(db_history_find(db, &q, collect, seen), 0);
	CHECK_STR(seen, "2:alice:note;");
	db_close(db);
}
