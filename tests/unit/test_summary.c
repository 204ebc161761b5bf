/* test_summary.c — the summary model and the notice without any renderer but the plain text:
 * counts per child region and state, the node's own items, overdue / due-soon / awaiting lists
 * in their order with exact totals and a limit, filters, percentages, text cut at a character,
 * and the notice refused for an item not verified. DUBAN_TODAY is fixed at 2025-03-01. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "db.h"
#include "harness.h"
#include "summary.h"
#include "text.h"

struct spec {
	const char *no, *text, *status, *deadline;
};

/* One report of region with the given items (one category), placed at path[0..depth). */
static void add_report(struct db *db, const char *const *path, size_t depth, const char *title,
                       const struct spec *items, size_t n, const char *digest)
{
	struct import_report r = {0};
	struct import_category cat = {0};
	struct import_item it[8];
	struct import_measure m[8][2];
	struct db_import_result res;

	memset(it, 0, sizeof it);
	memset(m, 0, sizeof m);
	r.file = "t.txt";
	r.title = (char *)title;
	r.region = (char *)path[depth - 1];
	r.round = "第二轮中央生态环境保护督察";
	r.encoding = "UTF-8";
	snprintf(r.digest, sizeof r.digest, "%s", digest);
	r.categories = &cat;
	r.category_count = 1;
	cat.label = "一";
	cat.title = "问题";
	cat.items = it;
	cat.item_count = n;
	for (size_t i = 0; i < n; i++) {
		it[i].no = (char *)items[i].no;
		it[i].text = (char *)items[i].text;
		it[i].status = (char *)items[i].status;
		it[i].deadline = (char *)items[i].deadline;
		it[i].responsible_unit = "磴口县人民政府";
		it[i].goal = "问题全面整改到位。";
		it[i].measures = m[i];
		it[i].measure_count = 2;
		m[i][0].text = "建立问题清单。";
		m[i][1].text = "开展专项检查。";
		it[i].line = (int)i + 1;
	}
	CHECK(db_import_placed(db, &r, path, depth, &res) == 0);
	db_import_result_free(&res);
}

static const char *const p_top[] = {"内蒙古自治区"};
static const char *const p_dk[] = {"内蒙古自治区", "巴彦淖尔市", "磴口县"};
static const char *const p_xl[] = {"内蒙古自治区", "锡林郭勒盟"};

static struct db *seed(void)
{
	static const struct spec top[] = {
		{"1", "自治区层面草原保护责任落实不到位。", "正在推进", "2024年12月底前"},
		{"2", "黄河流域违规取水问题整改迟缓。", "已完成整改", "2024年12月底前"},
	};
	static const struct spec dk[] = {
		{"1", "乌兰布和沙漠边缘𠮷䶮企业违规堆存固废，影响周边群众生活，群众反映强烈，问题长期得不到解决。",
		 "未开始", "2025年3月15日"},
		{"2", "城区燃煤散烧治理仍有盲区。", "已完成，待自治区验收销号", "2024年12月底前"},
		{"3", "工业园区污水直排。", "未达到序时进度", "2024年6月底前"},
		{"4", "生活垃圾填埋场防渗不到位。", "正在推进", "2025年3月31日"},
	};
	static const struct spec xl[] = {
		{"1", "露天煤矿生态修复滞后。", "已销号", "2024年12月底前"},
		{"2", "禁牧政策落实不到位。", "序时推进", "长期坚持"},
	};
	struct db *db = NULL;
	char err[256];

	setenv("DUBAN_TODAY", "2025-03-01", 1);
	setenv("DUBAN_LANG", "zh", 1);
	if (!CHECK(db_open(":memory:", "tester", &db, err, sizeof err) == 0))
		return NULL;
	add_report(db, p_top, 1, "内蒙古自治区第二轮中央生态环境保护督察整改进展", top, 2, "00000000000000a1");
	add_report(db, p_dk, 3, "磴口县第二轮中央生态环境保护督察整改进展", dk, 4, "00000000000000a2");
	add_report(db, p_xl, 2, "锡林郭勒盟第二轮中央生态环境保护督察整改进展", xl, 2, "00000000000000a3");
	return db;
}

static const struct summary_row *row_named(const struct summary *s, const char *name)
{
	for (size_t i = 0; i < s->row_count; i++)
		if (strcmp(s->rows[i].name, name) == 0)
			return &s->rows[i];
	return NULL;
}

TEST(summary_counts_roll_up_into_child_regions)
{
	struct db *db = seed();
	struct summary_query q = {0, 0, 0, date_today(), SUMMARY_DEFAULT_LIMIT, "tester"};
	struct summary s;
	const struct summary_row *r;

	if (!db)
		return;
	CHECK_INT(date_today(), date_to_days(2025, 3, 1));
	CHECK(summary_build(db, &q, &s) == 0);
	CHECK_STR(s.region, "内蒙古自治区");
	CHECK_STR(s.title, "内蒙古自治区生态环境保护督察整改进展汇总");
	CHECK_STR(s.filter, "全部事项");
	CHECK_INT(s.row_count, 3);
	CHECK_STR(s.rows[0].name, "内蒙古自治区本级");
	CHECK_INT(s.rows[0].own, 1);
	CHECK_STR(s.rows[1].name, "巴彦淖尔市");
	CHECK_STR(s.rows[2].name, "锡林郭勒盟");
	CHECK_INT(s.rows[0].total, 2);
	CHECK_INT(s.rows[0].overdue, 1);
	CHECK_INT(s.rows[0].by_state[STATE_IN_PROGRESS], 1);
	CHECK_INT(s.rows[0].by_state[STATE_DONE], 1);
	r = row_named(&s, "巴彦淖尔市");
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(r->total, 4);
		CHECK_INT(r->overdue, 1); /* item 3; item 2 is awaiting verification, not overdue */
		CHECK_INT(r->by_state[STATE_PENDING], 1);
		CHECK_INT(r->by_state[STATE_AWAITING_VERIFICATION], 1);
		CHECK_INT(r->by_state[STATE_BEHIND], 1);
		CHECK_INT(summary_percent_done(r), 25);
	}
	CHECK_INT(s.total.total, 8);
	CHECK_INT(s.total.overdue, 2);
	CHECK_INT(s.total.by_state[STATE_VERIFIED], 1);
	CHECK_INT(summary_percent_done(&s.total), 37); /* done 1, awaiting 1, verified 1, of 8 */
	summary_free(&s);
	db_close(db);
}

TEST(summary_percent_rounds_down)
{
	struct summary_row r = {0};

	r.total = 3;
	r.by_state[STATE_DONE] = 2;
	CHECK_INT(summary_percent_done(&r), 66);
	r.by_state[STATE_VERIFIED] = 1;
	r.total = 3;
	CHECK_INT(summary_percent_done(&r), 100);
	r.total = 301;
	r.by_state[STATE_DONE] = 299;
	r.by_state[STATE_VERIFIED] = 1;
	CHECK_INT(summary_percent_done(&r), 99); /* 300 of 301 is not 100% */
	r.total = 0;
	CHECK_INT(summary_percent_done(&r), 0);
}

TEST(summary_lists_in_order_with_days)
{
	struct db *db = seed();
	struct summary_query q = {0, 0, 0, date_today(), SUMMARY_DEFAULT_LIMIT, "tester"};
	struct summary s;
	const struct summary_list *l;

	if (!db)
		return;
	CHECK(summary_build(db, &q, &s) == 0);
	l = &s.lists[SUMMARY_OVERDUE];
	CHECK_INT(l->total, 2);
	CHECK_INT(l->count, 2);
	if (l->count == 2) {
		CHECK_STR(l->items[0].region, "磴口县"); /* 2024-06-30: the most days overdue first */
		CHECK_INT(l->items[0].days, date_to_days(2025, 3, 1) - date_to_days(2024, 6, 30));
		CHECK_INT(l->items[0].days, 244);
		CHECK_STR(l->items[1].region, "内蒙古自治区");
		CHECK_INT(l->items[1].days, 60);
	}
	l = &s.lists[SUMMARY_DUE_SOON];
	CHECK_INT(l->total, 2);
	if (l->count == 2) {
		CHECK_INT(l->items[0].days, 14);
		CHECK_INT(l->items[1].days, 30);
		/* cut at a character boundary after SUMMARY_TEXT_CHARS characters, with "…" */
		CHECK_STR(l->items[0].text, "乌兰布和沙漠边缘𠮷䶮企业违规堆存固废，影响周边群众生活，群众反映强烈，问题长期得…");
	}
	l = &s.lists[SUMMARY_AWAITING];
	CHECK_INT(l->total, 1);
	if (l->count == 1)
		CHECK_STR(l->items[0].no, "2");
	summary_free(&s);
	db_close(db);
}

TEST(summary_limit_keeps_exact_totals)
{
	struct db *db = seed();
	struct summary_query q = {0, 0, 0, date_today(), 1, "tester"};
	struct summary s;

	if (!db)
		return;
	CHECK(summary_build(db, &q, &s) == 0);
	CHECK_INT(s.lists[SUMMARY_OVERDUE].count, 1);
	CHECK_INT(s.lists[SUMMARY_OVERDUE].total, 2);
	CHECK_INT(s.lists[SUMMARY_OVERDUE].items[0].days, 244);
	summary_free(&s);
	db_close(db);
}

static int64_t region_id_of(struct db *db, const char *name)
{
	struct summary_query q = {0, 0, 0, date_today(), 0, "t"};
	struct summary s;
	int64_t id = 0;

	if (summary_build(db, &q, &s) != 0)
		return 0;
	for (size_t i = 0; i < s.row_count; i++)
		if (strcmp(s.rows[i].name, name) == 0)
			id = s.rows[i].region_id;
	summary_free(&s);
	return id;
}

TEST(summary_of_a_region_and_filters)
{
	struct db *db = seed();
	struct summary_query q = {0, 0, 0, date_today(), 0, "tester"};
	struct summary s;

	if (!db)
		return;
	q.region_id = region_id_of(db, "巴彦淖尔市");
	CHECK(q.region_id > 0);
	CHECK(summary_build(db, &q, &s) == 0);
	CHECK_STR(s.title, "巴彦淖尔市生态环境保护督察整改进展汇总");
	CHECK_INT(s.row_count, 1); /* 磴口县; 巴彦淖尔市本级 has no items, so no row */
	CHECK_STR(s.rows[0].name, "磴口县");
	CHECK_INT(s.rows[0].total, 4);
	CHECK_INT(s.total.total, 4);
	CHECK_INT(s.lists[SUMMARY_OVERDUE].total, 1);
	summary_free(&s);

	q.region_id = 0;
	q.overdue_only = 1;
	CHECK(summary_build(db, &q, &s) == 0);
	CHECK_STR(s.filter, "仅逾期事项");
	CHECK_INT(s.total.total, 2);
	CHECK_INT(s.lists[SUMMARY_DUE_SOON].total, 0);
	CHECK_INT(s.lists[SUMMARY_AWAITING].count, 0);
	summary_free(&s);

	q.overdue_only = 0;
	q.state_mask = 1u << STATE_PENDING | 1u << STATE_BEHIND;
	CHECK(summary_build(db, &q, &s) == 0);
	CHECK_STR(s.filter, "状态：未开始、滞后");
	CHECK_INT(s.total.total, 2);
	CHECK_INT(s.lists[SUMMARY_OVERDUE].total, 1);
	CHECK_INT(s.lists[SUMMARY_OVERDUE].count, 1);
	CHECK_INT(s.lists[SUMMARY_DUE_SOON].count, 1);
	summary_free(&s);

	q.state_mask = 0;
	q.region_id = 999999;
	CHECK(summary_build(db, &q, &s) == DB_NOT_FOUND);
	db_close(db);
}

TEST(summary_text_aligns_by_display_width)
{
	struct db *db = seed();
	struct summary_query q = {0, 0, 0, date_today(), 0, "tester"};
	struct summary s;
	char *t, *line;
	size_t len;
	int widths[3] = {0}, k = 0;

	if (!db)
		return;
	CHECK(summary_build(db, &q, &s) == 0);
	t = summary_text(&s, 100, &len);
	CHECK(t != NULL);
	if (t) {
		CHECK(strstr(t, "内蒙古自治区生态环境保护督察整改进展汇总") != NULL);
		CHECK(strstr(t, "打印日期：2025年3月1日") != NULL);
		CHECK(strstr(t, "审核人：") != NULL);
		CHECK(strstr(t, "𠮷䶮") != NULL);
		/* The three region rows end in the same column: numbers right-aligned by width. */
		for (line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) {
			if (k < 3 && (strncmp(line, "内蒙古自治区本级", strlen("内蒙古自治区本级")) == 0 ||
			              strncmp(line, "巴彦淖尔市", strlen("巴彦淖尔市")) == 0 ||
			              strncmp(line, "锡林郭勒盟", strlen("锡林郭勒盟")) == 0))
				widths[k++] = text_width(line, strlen(line));
			CHECK(text_width(line, strlen(line)) <= 100);
		}
		CHECK_INT(k, 3);
		CHECK_INT(widths[0], widths[1]);
		CHECK_INT(widths[1], widths[2]);
	}
	free(t);
	summary_free(&s);
	db_close(db);
}

static int64_t find_no(struct db *db, const char *region, const char *no, int *version);

struct finder {
	const char *region, *no;
	int64_t id;
	int version;
};

static int find_cb(const struct db_item *it, void *ctx)
{
	struct finder *f = ctx;

	if (strcmp(it->region, f->region) == 0 && strcmp(it->no, f->no) == 0) {
		f->id = it->id;
		f->version = it->version;
		return 1;
	}
	return 0;
}

static int64_t find_no(struct db *db, const char *region, const char *no, int *version)
{
	struct finder f = {region, no, 0, 0};

	db_items_foreach(db, 0, find_cb, &f);
	if (version)
		*version = f.version;
	return f.id;
}

TEST(notice_refused_for_an_item_not_verified)
{
	struct db *db = seed();
	struct notice n;
	char why[256] = "";
	int64_t id;

	if (!db)
		return;
	id = find_no(db, "磴口县", "2", NULL);
	CHECK(notice_build(db, id, NULL, &n, why, sizeof why) == DB_REFUSED);
	CHECK(strstr(why, "尚未验收销号") != NULL);
	CHECK(strstr(why, "待验收") != NULL);
	CHECK(notice_build(db, 999999, NULL, &n, why, sizeof why) == DB_NOT_FOUND);
	/* Imported as already verified: no verification date, so no publicity period. */
	id = find_no(db, "锡林郭勒盟", "1", NULL);
	CHECK(notice_build(db, id, NULL, &n, why, sizeof why) == DB_REFUSED);
	CHECK(strstr(why, "没有验收日期") != NULL);
	db_close(db);
}

TEST(notice_of_a_verified_item)
{
	struct db *db = seed();
	struct notice_options o = {10, "磴口县督察整改办"};
	struct notice n;
	char why[256] = "", *t;
	int64_t id;
	int version;

	if (!db)
		return;
	id = find_no(db, "磴口县", "2", &version);
	CHECK(db_note_add(db, id, "已完成燃煤锅炉清洁能源替代。") == 0);
	id = find_no(db, "磴口县", "2", &version);
	/* verified through the verification (two-person rule: the import marked it awaiting) */
	CHECK(db_items_verify(db, &id, &version, 1, date_today(), NULL, NULL) == 0);
	CHECK(notice_build(db, id, &o, &n, why, sizeof why) == 0);
	CHECK_STR(n.title, "关于第二轮中央生态环境保护督察整改任务销号的公示");
	CHECK_INT(n.end - n.start, 9); /* 10 calendar days, both ends included */
	CHECK(strstr(n.body, "磴口县第二轮中央生态环境保护督察反馈问题第2项") != NULL);
	CHECK(strstr(n.period, "（共10天）") != NULL);
	CHECK_STR(n.issuer, "磴口县督察整改办");
	CHECK_STR(n.unit, "磴口县人民政府");
	CHECK_INT(n.measure_count, 2);
	CHECK(strstr(n.result, "已完成燃煤锅炉清洁能源替代。") != NULL);
	t = notice_text(&n, 100, NULL);
	CHECK(t && strstr(t, "1. 建立问题清单。") && strstr(t, "2. 开展专项检查。"));
	CHECK(t && strstr(t, "特此公示。") && strstr(t, "联系电话："));
	free(t);
	notice_free(&n);
	db_close(db);
}

TEST(notice_period_starts_on_the_verification_date)
{
	struct db *db = seed();
	struct notice n;
	char why[256] = "", start[24];
	int64_t id;
	int version;
	size_t failed = 0;

	if (!db)
		return;
	id = find_no(db, "磴口县", "2", &version);
	CHECK(db_items_verify(db, &id, &version, 1, date_to_days(2025, 2, 20), "整改到位，同意销号。",
	                      &failed) == 0);
	CHECK(notice_build(db, id, NULL, &n, why, sizeof why) == 0);
	CHECK_INT(n.start, date_to_days(2025, 2, 20));
	CHECK_INT(n.end, date_to_days(2025, 3, 6)); /* 15 calendar days, both ends included */
	CHECK_STR(summary_date_words(n.start, start), "2025年2月20日");
	CHECK_STR(n.date, "2025年2月20日");
	CHECK(strstr(n.period, "公示期：2025年2月20日至2025年3月6日（共15天）") != NULL);
	CHECK(strstr(n.body, "于2025年2月20日经tester验收") != NULL);
	CHECK(strstr(n.result, "验收意见：整改到位，同意销号。") != NULL);
	CHECK_STR(n.issuer, "磴口县生态环境保护督察整改工作领导小组办公室");
	notice_free(&n);
	db_close(db);
}
