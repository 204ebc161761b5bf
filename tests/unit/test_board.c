/* test_board.c — the board's search model (db_board.c) against :memory:, table-driven: words
 * split at blanks and ideographic spaces, every word required (AND) in any text of an item,
 * where a match outside the problem text is reported (措施（二）, 牵头单位, 进展), the region in
 * the index (a search in one region never lists another's), the unit filter, the state
 * counts, and 立行立改 due the day it was read. */
#include "harness.h"
#include "db.h"
#include "db_board.h"
#include "msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TEST(board_words_split_at_blanks_and_ideographic_spaces)
{
	static const struct {
		const char *in;
		size_t n;
		const char *first, *last;
	} rows[] = {
		{"草原 矿", 2, "草原", "矿"},
		{"  草原\t矿山  ", 2, "草原", "矿山"},
		{"草原\xe3\x80\x80矿", 2, "草原", "矿"}, /* U+3000 */
		{"市水务局", 1, "市水务局", "市水务局"},
		{"", 0, NULL, NULL},
		{"   ", 0, NULL, NULL},
	};
	char words[BOARD_MAX_WORDS][BOARD_WORD_BYTES];

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		size_t n = db_board_split_words(rows[i].in, words, BOARD_MAX_WORDS);
		CHECK_INT(n, rows[i].n);
		if (n && n == rows[i].n) {
			CHECK_STR(words[0], rows[i].first);
			CHECK_STR(words[n - 1], rows[i].last);
		}
	}
	CHECK_INT(db_board_split_words(NULL, words, BOARD_MAX_WORDS), 0);
	CHECK(db_board_find("Abc 污水处理厂", "ABC") != NULL);
	CHECK(db_board_find("污水处理厂", "水处") != NULL);
	CHECK(db_board_find("污水处理厂", "北京") == NULL);
}

/* Two reports in two regions under one 盟市, each with two items. */
struct two {
	struct import_report r[2];
	struct import_category cat[2];
	struct import_item items[2][2];
	struct import_measure measures[2][2][2];
};

static struct db *two_open(struct two *t)
{
	static const char *const region[2] = {"磴口县", "五原县"};
	static const char *const title[2] = {
		"磴口县贯彻落实第二轮自治区生态环境保护督察报告具体问题整改进展情况",
		"五原县贯彻落实第二轮自治区生态环境保护督察报告具体问题整改进展情况"};
	static const char *const text[2][2] = {{"草原超载过牧问题突出。", "黄河流域违规取水。"},
	                                       {"草原围栏破损。", "城区燃煤散烧治理仍有盲区。"}};
	static const char *const lead[2][2] = {{"县林草局", "县水务局"}, {"县林草局", "县住建局"}};
	static const char *const path[2][3] = {{"内蒙古自治区", "巴彦淖尔市", "磴口县"},
	                                       {"内蒙古自治区", "巴彦淖尔市", "五原县"}};
	static const char *const nos[2] = {"1", "2"};
	struct db *db = NULL;
	char err[256];

	memset(t, 0, sizeof *t);
	if (!CHECK(db_open(":memory:", "tester", &db, err, sizeof err) == 0))
		return NULL;
	for (int r = 0; r < 2; r++) {
		struct db_import_result res;
		t->r[r].file = "demo.txt";
		t->r[r].title = (char *)title[r];
		t->r[r].region = (char *)region[r];
		t->r[r].encoding = "UTF-8";
		strcpy(t->r[r].digest, r ? "0000000000000002" : "0000000000000001");
		t->r[r].categories = &t->cat[r];
		t->r[r].category_count = 1;
		t->cat[r].label = "一";
		t->cat[r].title = "生态保护";
		t->cat[r].items = t->items[r];
		t->cat[r].item_count = 2;
		for (int i = 0; i < 2; i++) {
			struct import_item *it = &t->items[r][i];
			it->no = (char *)nos[i];
			it->text = (char *)text[r][i];
			it->status = i ? "正在推进" : "已完成整改";
			it->deadline = i ? "立行立改" : "2025年12月底前";
			it->lead_unit = (char *)lead[r][i];
			it->line = i * 4 + 5;
			it->measures = t->measures[r][i];
			it->measure_count = 2;
			t->measures[r][i][0].text = "建立管控清单。";
			t->measures[r][i][1].text = r == 0 && i == 1 ? "整治尾矿库渗漏。" : "开展专项检查。";
		}
		if (!CHECK(db_import_placed(db, &t->r[r], path[r], 3, &res) == 0)) {
			db_close(db);
			return NULL;
		}
		db_import_result_free(&res);
	}
	return db;
}

static int64_t region_id(struct db *db, const char *name)
{
	struct board_region *regions;
	size_t n;
	int64_t id = -1;

	if (db_board_regions(db, 0, &regions, &n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(regions[i].name, name) == 0)
			id = regions[i].id;
	db_board_regions_free(regions, n);
	return id;
}

TEST(board_search_every_text_and_every_word_in_every_scope)
{
	static const struct {
		const char *search, *unit, *region;
		long count;
		const char *first_where; /* where the first row matched; NULL = its problem text */
	} rows[] = {
		{"草原", NULL, NULL, 2, NULL},
		{"草原", NULL, "磴口县", 1, NULL},
		{"草原", NULL, "五原县", 1, NULL},
		{"草原", NULL, "巴彦淖尔市", 2, NULL},
		{"尾矿库", NULL, NULL, 1, "措施（二）"},
		{"尾矿库", NULL, "五原县", 0, NULL},
		{"县水务局", NULL, NULL, 1, "牵头单位"},
		{"草原 林草", NULL, NULL, 2, NULL}, /* AND across problem text and unit */
		{"草原 水务", NULL, NULL, 0, NULL},
		{"黄河 尾矿库", NULL, "磴口县", 1, NULL},
		{"清单", NULL, "内蒙古自治区", 4, "措施（一）"},
		{NULL, "林草", NULL, 2, NULL},
		{NULL, "林草", "五原县", 1, NULL},
		{"黄河", "林草", NULL, 0, NULL},
		{"北京", NULL, NULL, 0, NULL},
	};
	struct two t;
	struct db *db = two_open(&t);

	if (!db)
		return;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct board_query q;
		struct board_item out[8];
		size_t n = 0;
		long count = -1;
		int exact = 0;
		memset(&q, 0, sizeof q);
		q.search = rows[i].search;
		q.unit = rows[i].unit;
		q.region_id = rows[i].region ? region_id(db, rows[i].region) : 0;
		q.today = 20284; /* 2025-07-15 */
		CHECK(db_board_page(db, &q, BOARD_PAGE_FIRST, NULL, out, 8, &n) == 0);
		CHECK(db_board_count(db, &q, NULL, 0, &count, &exact) == 0);
		if (!CHECK_INT(count, rows[i].count) || !CHECK_INT(n, rows[i].count))
			fprintf(stderr, "  row %zu: \"%s\" / \"%s\" in %s\n", i,
			        rows[i].search ? rows[i].search : "", rows[i].unit ? rows[i].unit : "",
			        rows[i].region ? rows[i].region : "all");
		if (n > 0)
			CHECK_STR(out[0].where, rows[i].first_where);
		for (size_t k = 0; k < n; k++) {
			if (rows[i].region && strcmp(rows[i].region, "磴口县") == 0)
				CHECK_STR(out[k].region, "磴口县");
			db_board_item_clear(&out[k]);
		}
	}
	db_close(db);
}

TEST(board_notes_are_searched_and_state_counts_follow_the_list)
{
	struct two t;
	struct db *db = two_open(&t);
	struct board_query q;
	struct board_item out[4];
	long counts[STATE_COUNT];
	size_t n = 0;
	int exact = 0;
	int64_t id;

	if (!db)
		return;
	memset(&q, 0, sizeof q);
	q.today = 20284;
	q.search = "县住建局";
	CHECK(db_board_page(db, &q, BOARD_PAGE_FIRST, NULL, out, 4, &n) == 0);
	if (!CHECK_INT(n, 1)) {
		db_close(db);
		return;
	}
	id = out[0].id;
	db_board_item_clear(&out[0]);
	CHECK(db_note_add(db, id, "已约谈施工单位负责人") == 0);
	q.search = "约谈施工";
	CHECK(db_board_page(db, &q, BOARD_PAGE_FIRST, NULL, out, 4, &n) == 0);
	if (CHECK_INT(n, 1)) {
		CHECK_STR(out[0].where, "进展");
		db_board_item_clear(&out[0]);
	}
	/* Whole list: from the tally; a search: by its rows. */
	q.search = NULL;
	CHECK(db_board_state_counts(db, &q, 0, counts, &exact) == 0);
	CHECK_INT(counts[STATE_DONE], 2);
	CHECK_INT(counts[STATE_IN_PROGRESS], 2);
	CHECK_INT(exact, 1);
	q.search = "草原";
	CHECK(db_board_state_counts(db, &q, 100, counts, &exact) == 0);
	CHECK_INT(counts[STATE_DONE], 2);
	CHECK_INT(counts[STATE_IN_PROGRESS], 0);
	db_close(db);
}

TEST(board_immediate_is_due_the_day_it_is_read)
{
	struct two t;
	struct db *db;
	struct board_query q;
	struct board_item out[8];
	size_t n = 0;
	long count = 0;
	int exact = 0;

	setenv("DUBAN_TODAY", "2025-07-01", 1);
	db = two_open(&t);
	unsetenv("DUBAN_TODAY");
	if (!db)
		return;
	memset(&q, 0, sizeof q);
	q.today = 20284; /* 2025-07-15: the two open 立行立改 items are 14 days overdue */
	q.overdue_only = 1;
	CHECK(db_board_count(db, &q, NULL, 0, &count, &exact) == 0);
	CHECK_INT(count, 2);
	CHECK(db_board_page(db, &q, BOARD_PAGE_FIRST, NULL, out, 8, &n) == 0);
	CHECK_INT(n, 2);
	for (size_t k = 0; k < n; k++) {
		CHECK_INT(out[k].due_kind, DUE_IMMEDIATE);
		CHECK_INT(out[k].overdue, 14);
		db_board_item_clear(&out[k]);
	}
	/* Due within 30 days from 2025-06-20: the 立行立改 items (due 2025-07-01) are. */
	q.overdue_only = 0;
	q.today = 20259;
	q.due_within = 30;
	CHECK(db_board_count(db, &q, NULL, 0, &count, &exact) == 0);
	CHECK_INT(count, 2);
	db_close(db);
}
