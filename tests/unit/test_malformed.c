/* test_malformed.c — inputs that are not reports, or damaged ones: each must fail with -1, a
 * message naming what is wrong and what to try, and no report; none may crash or be slow.
 * Also: terminal-active characters inside a valid report never reach a parsed string. */
#include "harness.h"
#include "import.h"
#include "msg.h"
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REPORT "磴口县贯彻落实第二轮自治区生态环境保护督察报告整改进展情况\n" \
               "1.一些地区和部门对建设生态安全屏障缺乏深刻理解。\n"          \
               "整改进展情况：已完成整改，长期坚持（整改时限：立行立改）\n"    \
               "（一）将习近平生态文明思想纳入学习内容。\n"                  \
               "（二）已将整改落实情况列入年度督查检查计划。\n"

/* Parses and expects failure: -1, no report, a message holding every word of want (split on
 * '|'), and the given line (-1: any). */
static void expect_fail(const char *name, const char *data, size_t len, const char *enc,
                        const char *want, int line)
{
	struct import_report *r = (struct import_report *)(uintptr_t)1;
	struct import_error err;
	char words[256], *save = NULL;
	int rc;

	/* The words checked are those of the English messages. */
	th_language("en");
	rc = import_parse(name, data, len, enc, &r, &err);
	th_language("zh");

	if (!CHECK_INT(rc, -1)) {
		fprintf(stderr, "    %s: parsed, %zu items\n", name, import_report_item_count(r));
		import_report_free(r);
		return;
	}
	CHECK(r == NULL);
	CHECK(err.msg[0] != '\0');
	if (line >= 0 && !CHECK_INT(err.line, line))
		fprintf(stderr, "    %s\n", name);
	snprintf(words, sizeof words, "%s", want);
	for (char *w = strtok_r(words, "|", &save); w; w = strtok_r(NULL, "|", &save))
		if (!CHECK(strstr(err.msg, w) != NULL))
			fprintf(stderr, "    %s: \"%s\" not in: %s\n", name, w, err.msg);
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Deterministic junk bytes (no NUL when nonul). */
static void junk(char *buf, size_t n, uint32_t seed, int nonul)
{
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		buf[i] = (char)(seed >> 16);
		if (nonul && buf[i] == 0)
			buf[i] = 1;
	}
}

TEST(malformed_empty)
{
	expect_fail("empty", "", 0, NULL, "empty", 0);
	expect_fail("null", NULL, 0, NULL, "empty", 0);
	expect_fail("blank", " \n\n\t\r\n　\n", strlen(" \n\n\t\r\n　\n"), NULL, "blank", 0);
	expect_fail("bom only", "\xEF\xBB\xBF", 3, NULL, "blank", 0);
}

TEST(malformed_binary_with_nul)
{
	char buf[4096];

	junk(buf, sizeof buf, 7, 0);
	buf[100] = 0;
	expect_fail("junk", buf, sizeof buf, NULL, "NUL", -1);
}

TEST(malformed_binary_without_nul)
{
	char buf[4096];

	/* Whatever the bytes decode as, the result is no report and a reason. */
	for (uint32_t seed = 1; seed < 20; seed++) {
		junk(buf, sizeof buf, seed, 1);
		expect_fail("junk", buf, sizeof buf, NULL, "", -1);
	}
	/* Control characters that decode fine are still binary. */
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (char)(1 + i % 8);
	expect_fail("controls", buf, sizeof buf, NULL, "binary", 0);
}

TEST(malformed_nul_in_report)
{
	char buf[sizeof REPORT];

	memcpy(buf, REPORT, sizeof REPORT);
	buf[40] = '\0';
	expect_fail("nul", buf, sizeof REPORT - 1, NULL, "NUL|40", -1);
	{
		struct import_report *r = NULL;
		struct import_error err;
		CHECK_INT(import_parse("nul", buf, sizeof REPORT - 1, NULL, &r, &err), -1);
		CHECK_INT(err.offset, 40);
	}
}

TEST(malformed_invalid_utf8)
{
	char buf[sizeof REPORT];

	memcpy(buf, REPORT, sizeof REPORT);
	buf[60] = (char)0xFF;
	expect_fail("invalid utf-8", buf, sizeof REPORT - 1, NULL, "UTF-8|60", -1);
	{
		struct import_report *r = NULL;
		struct import_error err;
		CHECK_INT(import_parse("bad", buf, sizeof REPORT - 1, NULL, &r, &err), -1);
		CHECK_INT(err.offset, 60);
	}
	/* Told it is UTF-8: same. */
	expect_fail("invalid utf-8 given", buf, sizeof REPORT - 1, "UTF-8", "60", -1);
}

TEST(malformed_truncated_utf8)
{
	/* A report cut inside its last character. */
	expect_fail("truncated", REPORT, sizeof REPORT - 3, NULL, "UTF-8", -1);
}

TEST(malformed_gbk_with_utf8_bom)
{
	char err[256], *buf;
	size_t n;
	char *gbk = text_from_utf8(REPORT, strlen(REPORT), "GBK", &n, err, sizeof err);

	if (!CHECK(gbk != NULL))
		return;
	buf = malloc(n + 3);
	memcpy(buf, "\xEF\xBB\xBF", 3);
	memcpy(buf + 3, gbk, n);
	expect_fail("gbk+bom", buf, n + 3, NULL, "byte order mark|gb18030", -1);
	free(buf);
	free(gbk);
}

TEST(malformed_wrong_encoding_given)
{
	expect_fail("not utf-16", REPORT, strlen(REPORT) - 1, "UTF-16LE", "", -1);
	expect_fail("unknown encoding", REPORT, strlen(REPORT), "NO-SUCH-ENCODING", "", -1);
}

TEST(malformed_html)
{
	static const char *const pages[] = {
		"<!DOCTYPE html>\n<html><body><p>1.问题。</p><p>整改状态：已完成</p></body></html>\n",
		"\n  <html>\n<head><title>整改</title></head>\n",
		"<?xml version=\"1.0\"?>\n<report/>\n",
	};

	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
		expect_fail("html", pages[i], strlen(pages[i]), NULL, "HTML|text", -1);
}

TEST(malformed_plain_prose)
{
	static const char prose[] =
		"今天天气很好，我们去公园散步。\n公园里有很多人，有的在跑步，有的在下棋。\n"
		"一、第一段标题\n（一）这是一段叙述。\n（二）这是另一段叙述。\n1. 这不是问题清单。\n";

	expect_fail("prose", prose, strlen(prose), NULL, "rectification report|--encoding", 1);
	expect_fail("ascii", "hello world\nthis is not a report\n", 33, NULL, "rectification", 1);
}

TEST(malformed_numbers_without_labels)
{
	/* Numbered problems and measures, but no status, progress or field label anywhere: the
	 * preface of a report, not its list. */
	static const char in[] = "1.问题一。\n（一）措施。\n2.问题二。\n（一）措施。\n";

	expect_fail("no labels", in, strlen(in), NULL, "整改进展情况", 1);
}

TEST(malformed_giant_single_line)
{
	size_t unit = strlen("问题很多，"), n = 4u << 20;
	char *buf = malloc(n);
	double t0;

	for (size_t i = 0; i + unit <= n; i += unit)
		memcpy(buf + i, "问题很多，", unit);
	n -= n % unit;
	t0 = seconds();
	expect_fail("giant", buf, n, NULL, "line 1|line breaks", 1);
	CHECK(seconds() - t0 < 5.0);
	free(buf);
}

/* A valid report whose progress is one long line (60 KB) of inline markers and parentheses:
 * parsed, in linear time; the same at 3 MB is refused at its line (over 64 KB). */
TEST(malformed_giant_progress_line_is_parsed)
{
	static const char head[] = "磴口县督察整改进展情况\n1.问题。\n整改状态：推进中\n进展情况：";
	static const char unit[] = "（一）（已完成）(二)（";
	size_t n = 60000, hl = strlen(head), ul = strlen(unit), len = hl;
	char *buf = malloc(n + 64);
	struct import_report *r = NULL;
	struct import_error err;
	double t0;

	memcpy(buf, head, hl);
	while (len + ul < n) {
		memcpy(buf + len, unit, ul);
		len += ul;
	}
	memcpy(buf + len, "\n2.问题。\n整改状态：已完成", strlen("\n2.问题。\n整改状态：已完成"));
	len += strlen("\n2.问题。\n整改状态：已完成");
	t0 = seconds();
	if (CHECK_INT(import_parse("big", buf, len, NULL, &r, &err), 0)) {
		CHECK_INT(import_report_item_count(r), 2);
		CHECK_INT(r->categories[0].items[0].measure_count, 2);
		CHECK_STR(r->categories[0].items[1].status, "已完成");
	}
	CHECK(seconds() - t0 < 5.0);
	import_report_free(r);
	free(buf);
	n = 3u << 20;
	buf = malloc(n + 64);
	memcpy(buf, head, hl);
	for (len = hl; len + ul < n; len += ul)
		memcpy(buf + len, unit, ul);
	t0 = seconds();
	expect_fail("3 MB line", buf, len, NULL, "line 4|64 KB", 4);
	CHECK(seconds() - t0 < 5.0);
	free(buf);
}

/* Many lines and many items: linear, too. */
TEST(malformed_many_items_fast)
{
	static const char unit[] = "1.问题。\n整改状态：已完成\n（一）措施。\n";
	size_t count = 100000, ul = strlen(unit);
	char *buf = malloc(count * ul);
	struct import_report *r = NULL;
	struct import_error err;
	double t0;

	for (size_t i = 0; i < count; i++)
		memcpy(buf + i * ul, unit, ul);
	t0 = seconds();
	if (CHECK_INT(import_parse("many", buf, count * ul, NULL, &r, &err), 0))
		CHECK_INT(import_report_item_count(r), count);
	CHECK(seconds() - t0 < 5.0);
	import_report_free(r);
	free(buf);
}

/* Long runs of blank lines and of unnumbered lines between numbers must not make the backward
 * heading search quadratic. */
TEST(malformed_many_lines_fast)
{
	size_t lines = 400000, n = 0;
	char *buf = malloc(lines * 16 + 256);
	struct import_error err;
	struct import_report *r = NULL;
	double t0;

	n += (size_t)sprintf(buf, "1.问题。\n整改状态：已完成\n");
	for (size_t i = 0; i < lines; i++)
		n += (size_t)sprintf(buf + n, i % 2 ? "\n" : "（%zu）叙述\n", i % 997 + 2);
	n += (size_t)sprintf(buf + n, "2.问题。\n整改状态：已完成\n");
	t0 = seconds();
	if (CHECK_INT(import_parse("lines", buf, n, NULL, &r, &err), 0))
		CHECK_INT(import_report_item_count(r), 2);
	CHECK(seconds() - t0 < 5.0);
	import_report_free(r);
	free(buf);
}

/* Whether s holds a C0 or C1 control, DEL, a bidi control, U+FEFF or a CSI remnant. */
static int unsafe(const char *s)
{
	if (!s)
		return 0;
	if (strstr(s, "[31m") || strstr(s, "]0;"))
		return 1;
	for (size_t i = 0; s[i];) {
		uint32_t cp;
		i += text_decode(s + i, strlen(s + i), &cp);
		if (text_cp_is_unsafe(cp) || cp == 0xFFFD)
			return 1;
	}
	return 0;
}

TEST(malformed_controls_never_reach_strings)
{
	static const char in[] =
		"磴口县\x1b[31m贯彻落实\x07第二轮自治区生态环境保护督察报告整改进展情况\n"
		"1.一些地区\xe2\x80\xae和部门\x1b]0;title\x07缺乏\xc2\x9b" "2J深刻理解\x01。\x7f\n"
		"整改进展情况：已完成\xc2\x85整改\xe2\x81\xa6（整改时限：立行\x1b" "c立改）\n"
		"（一）将思想\xef\xbb\xbf纳入\x08学习。（已完成\xe2\x80\x8f）\n"
		"（二）已列入\x1b[0m计划。\n";
	struct import_report *r = NULL;
	struct import_error err;

	if (!CHECK_INT(import_parse("ctl", in, strlen(in), NULL, &r, &err), 0)) {
		fprintf(stderr, "    %s\n", err.msg);
		return;
	}
	CHECK(!unsafe(r->title) && !unsafe(r->region) && !unsafe(r->round) && !unsafe(r->file));
	CHECK_STR(r->title, "磴口县贯彻落实第二轮自治区生态环境保护督察报告整改进展情况");
	CHECK_STR(r->region, "磴口县");
	for (size_t c = 0; c < r->category_count; c++)
		for (size_t i = 0; i < r->categories[c].item_count; i++) {
			const struct import_item *it = &r->categories[c].items[i];
			CHECK(!unsafe(it->no) && !unsafe(it->text) && !unsafe(it->status) &&
			      !unsafe(it->deadline));
			CHECK_STR(it->text, "一些地区和部门缺乏深刻理解。");
			CHECK_STR(it->status, "已完成整改");
			CHECK_STR(it->deadline, "立行立改");
			CHECK_INT(it->measure_count, 2);
			for (size_t m = 0; m < it->measure_count; m++)
				CHECK(!unsafe(it->measures[m].text) && !unsafe(it->measures[m].status));
			if (it->measure_count == 2) {
				CHECK_STR(it->measures[0].text, "将思想纳入学习。");
				CHECK_STR(it->measures[0].status, "已完成");
				CHECK_STR(it->measures[1].text, "已列入计划。");
			}
		}
	for (size_t w = 0; w < r->warning_count; w++)
		CHECK(!unsafe(r->warnings[w]));
	import_report_free(r);
}

/* Replacement characters from a given single-byte encoding are kept out of nothing but never
 * break the parse; an error message never holds raw input bytes. */
TEST(malformed_error_messages_are_clean)
{
	char buf[300];
	struct import_report *r = NULL;
	struct import_error err;

	memcpy(buf, "\xEF\xBB\xBF\x1b[31m\xff\xfe\x01", 9);
	memset(buf + 9, 'x', sizeof buf - 9);
	CHECK_INT(import_parse("x", buf, sizeof buf, NULL, &r, &err), -1);
	CHECK(!unsafe(err.msg));
	CHECK(r == NULL);
}

/* import_parse tolerates a NULL error pointer. */
TEST(malformed_null_error_pointer)
{
	struct import_report *r = NULL;

	CHECK_INT(import_parse("x", "abc", 3, NULL, &r, NULL), -1);
	CHECK(r == NULL);
}

/* n items numbered in one sequence, open + number + close ("1." or "（1）"), each with a
 * status and a measure; the caller frees. */
static char *numbered_report(const char *open, const char *close, size_t n, size_t *len)
{
	char *buf = malloc(n * 160 + 256);
	size_t o = (size_t)sprintf(buf, "磴口县贯彻落实第二轮自治区生态环境保护督察报告整改进展情况\n");

	for (size_t i = 1; i <= n; i++)
		o += (size_t)sprintf(buf + o, "%s%zu%s问题%zu。\n整改状态：已完成\n一是措施%zu。\n", open,
		                     i, close, i, i);
	*len = o;
	return buf;
}

/* Numbers of any length that continue the sequence are item numbers: a list that runs past
 * 999 in one sequence keeps every item (item 1000 is not read into item 999), while a year at
 * a line start ("2014、2015年…") that does not continue it stays text. */
TEST(malformed_numbering_past_999_continues)
{
	static const char *const styles[][2] = {{"", "."}, {"", "、"}, {"（", "）"}, {"", "．"}};
	size_t len;

	for (size_t s = 0; s < sizeof styles / sizeof *styles; s++) {
		char *in = numbered_report(styles[s][0], styles[s][1], 1002, &len);
		struct import_report *r = NULL;
		struct import_error e;
		if (CHECK(import_parse("past999.txt", in, len, NULL, &r, &e) == 0)) {
			const struct import_category *c = &r->categories[r->category_count - 1];
			CHECK_INT(import_report_item_count(r), 1002);
			CHECK_STR(c->items[c->item_count - 1].no, "1002");
			CHECK_INT(c->items[c->item_count - 1].measure_count, 1);
		}
		import_report_free(r);
		free(in);
	}
}
