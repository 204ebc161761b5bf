/* test_import_stages.c — table-driven tests of each importer stage on its own: numbering
 * markers and the label vocabulary (lexing), the lines stage (page furniture, split labels,
 * re-wrapped rows), the structure stage (numbering styles, unnumbered headings, notices) and
 * the fields stage (labels anywhere in an item's stream), plus mojibake and the admin's
 * vocabulary file. Chinese rows throughout. */
#include "harness.h"
#include "import.h"
#include "import_internal.h"
#include "msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T0 "磴口县贯彻落实第二轮自治区生态环境保护督察报告整改进展情况\n"

/* ---- markers ------------------------------------------------------------------------------ */

TEST(stage_markers)
{
	static const struct {
		const char *in;
		enum style style;
		int num, decimal, wide;
		const char *no;
	} rows[] = {
		{"1.问题", ST_ARABIC, 1, 0, 0, "1"},
		{"12 .问题", ST_ARABIC, 12, 0, 0, "12"},
		{"１２．问题", ST_ARABIC, 12, 0, 0, "１２"},
		{"7.9公里。", ST_ARABIC, 7, 1, 0, "7"},
		{"1000.问题", ST_ARABIC, 1000, 0, 1, "1000"},
		{"2014、2015 年", ST_ARABIC, 2014, 0, 1, "2014"},
		{"（16）再生水", ST_ARABIC_PAREN, 16, 0, 0, "16"},
		{"(一）措施", ST_CN_PAREN, 1, 0, 0, "一"},
		{"四十九、问题", ST_CN, 49, 0, 0, "四十九"},
		{"第一个方面，标题", ST_CN_DI, 1, 0, 0, "第一个方面"},
		{"第12项 问题", ST_DI_XIANG, 12, 0, 0, "12"},
		{"第 3 项：问题", ST_DI_XIANG, 3, 0, 0, "3"},
		{"问题7：某旗县", ST_WENTI, 7, 0, 0, "7"},
		{"㉑问题", ST_CIRCLED, 21, 0, 0, "㉑"},
		{"㊿问题", ST_CIRCLED, 50, 0, 0, "㊿"},
		{"二是加强", ST_CN_SHI, 2, 0, 0, "二"},
	};
	static const char *const none[] = {"2015 年，", "问题很多", "第五条规定", "12", "一些地区"};

	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct marker m;
		char no[64];
		if (!CHECK(import_marker_parse(rows[i].in, strlen(rows[i].in), &m))) {
			fprintf(stderr, "    row %s\n", rows[i].in);
			continue;
		}
		snprintf(no, sizeof no, "%.*s", (int)m.no_len, rows[i].in + m.no_off);
		if (!CHECK_INT(m.style, rows[i].style) || !CHECK_INT(m.num, rows[i].num) ||
		    !CHECK_INT(m.decimal, rows[i].decimal) || !CHECK_INT(m.wide, rows[i].wide) ||
		    !CHECK_STR(no, rows[i].no))
			fprintf(stderr, "    row %s\n", rows[i].in);
	}
	for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
		struct marker m;
		if (!CHECK(!import_marker_parse(none[i], strlen(none[i]), &m)))
			fprintf(stderr, "    row %s\n", none[i]);
	}
}

/* ---- the vocabulary ----------------------------------------------------------------------- */

TEST(stage_labels)
{
	static const struct {
		const char *in;
		int mode;
		enum label_kind kind;
		const char *value; /* the text from the value offset; NULL: no label */
	} rows[] = {
		{"整改时限：2024年底", 0, LB_DEADLINE, "2024年底"},
		{"整改完成时限：2024年底", 0, LB_DEADLINE, "2024年底"},
		{"完成时限:2024年底", 0, LB_DEADLINE, "2024年底"},
		{"整 改 时 限 ：2024年底", 0, LB_DEADLINE, "2024年底"},
		{"【整改时限】2024年底", 0, LB_DEADLINE, "2024年底"},
		{"整改时限 2024年底", 0, LB_NONE, NULL},
		{"整改时限 2024年底", LABEL_LOOSE, LB_DEADLINE, "2024年底"},
		{"整改时限2024年底", LABEL_LOOSE, LB_DEADLINE, "2024年底"},
		{"整改措施落实不到位", LABEL_LOOSE, LB_NONE, NULL},
		{"整改措施", LABEL_BARE, LB_MEASURES, ""},
		{"状态", LABEL_BARE, LB_NONE, NULL},
		{"牵头责任单位：市水务局", 0, LB_LEAD, "市水务局"},
		{"牵头部门：市水务局", 0, LB_LEAD, "市水务局"},
		{"整改责任单位：市水务局", 0, LB_RESP, "市水务局"},
		{"验收部门：市生态环境局", 0, LB_ACCEPT, "市生态环境局"},
		{"目标要求：2025年达标", 0, LB_GOAL, "2025年达标"},
		{"办理状态：已完成", 0, LB_STATUS, "已完成"},
		{"整改落实情况：已完成整改", 0, LB_PROGRESS, "已完成整改"},
		{"整改任务：某问题", 0, LB_PROBLEM, "某问题"},
		{"公示时间：2024年5月20日至26日", 0, LB_PUBLICITY, "2024年5月20日至26日"},
		{"联系电话：0434-3515228", 0, LB_OTHER, "0434-3515228"},
		{"落实各项措施：", 0, LB_NONE, NULL},
	};

	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		size_t off = 0;
		enum label_kind k = import_label_at(rows[i].in, strlen(rows[i].in), &off, rows[i].mode);
		if (!CHECK_INT(k, rows[i].kind) ||
		    (rows[i].value && !CHECK_STR(rows[i].in + off, rows[i].value)))
			fprintf(stderr, "    row %s\n", rows[i].in);
	}
}

TEST(stage_vocabulary_file)
{
	static const char good[] = "# our office\ndeadline  办结期限 完成日期\nresponsible 承办单位\n";
	static const char bad[] = "deadline 办结期限\nunits 承办单位\n";
	struct import_error e;
	size_t off, before;

	import_labels_reset();
	before = import_labels_count();
	CHECK(before > 80);
	CHECK_INT(import_label_at("办结期限：2024年底", strlen("办结期限：2024年底"), &off, 0), LB_NONE);
	CHECK_INT(import_labels_add(good, strlen(good), &e), 0);
	CHECK_INT(import_labels_count(), before + 3);
	CHECK_INT(import_label_at("办结期限：2024年底", strlen("办结期限：2024年底"), &off, 0),
	          LB_DEADLINE);
	CHECK_INT(import_label_at("承办单位：市局", strlen("承办单位：市局"), &off, 0), LB_RESP);
	CHECK_INT(import_labels_add(bad, strlen(bad), &e), -1);
	CHECK_INT(e.line, 2);
	CHECK(strstr(e.msg, "units") != NULL);
	import_labels_reset();
	CHECK_INT(import_labels_count(), before);
}

/* ---- the lines stage ---------------------------------------------------------------------- */

/* Runs the lines stage alone on text; returns the non-blank lines joined with '|' (malloc'd). */
static char *lines_of(const char *text, size_t *furniture)
{
	struct parser ps;
	char *norm = malloc(strlen(text) + 1), *out = malloc(strlen(text) * 2 + 16);
	size_t n, o = 0;

	memset(&ps, 0, sizeof ps);
	n = import_lines_normalise(&ps, text, strlen(text), norm);
	norm[n] = '\0';
	out[0] = '\0';
	if (import_lines_split(&ps, norm, n) == 0)
		for (size_t i = 0; i < ps.n; i++) {
			if (!ps.lines[i].len)
				continue;
			if (o)
				out[o++] = '|';
			memcpy(out + o, ps.lines[i].s, ps.lines[i].len);
			o += ps.lines[i].len;
			out[o] = '\0';
		}
	*furniture = ps.furniture;
	for (size_t i = 0; i < ps.nowned; i++)
		free(ps.owned[i]);
	free(ps.owned);
	free(ps.breaks);
	free(ps.lines);
	free(ps.warn);
	free(norm);
	return out;
}

TEST(stage_lines)
{
	static const struct {
		const char *name, *in, *want;
		size_t furniture;
	} rows[] = {
		{"page numbers", "甲。\n— 3 —\n乙。\n- 4 -\n丙。\n第 5 页 共 9 页\n丁。\n", "甲。|乙。|丙。|丁。", 3},
		{"bare page numbers counting up", "甲。\n3\n乙。\n4\n丙。\n", "甲。|乙。|丙。", 2},
		{"a lone number stays", "甲。\n3\n乙。\n", "甲。|3|乙。", 0},
		{"running header after form feeds",
		 "甲。\n\f督察整改简报\n乙。\n\f督察整改简报\n丙。\n", "甲。|乙。|丙。", 2},
		{"split label", "1.问题。\n整改进展情\n况：已完成\n", "1.问题。|整改进展情况：已完成", 0},
		{"split before the colon", "1.问题。\n牵头单位\n：市水务局\n", "1.问题。|牵头单位：市水务局", 0},
		{"split label after a sentence", "1.问题。整改状\n态：已完成\n", "1.问题。|整改状态：已完成", 0},
		{"re-wrapped rows",
		 "一二三四五六七八\n九十一二三四五六\n七八。\n1.甲乙丙丁戊己庚\n辛壬癸。\n整改状态：已完成\n"
		 "（一）子丑寅卯辰\n巳午未申酉。\n",
		 "一二三四五六七八九十一二三四五六七八。|1.甲乙丙丁戊己庚辛壬癸。|整改状态：已完成|"
		 "（一）子丑寅卯辰巳午未申酉。",
		 0},
		{"short lines are not rows", "甲。\n乙。\n丙。\n丁。\n", "甲。|乙。|丙。|丁。", 0},
	};

	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		size_t furniture = 0;
		char *got = lines_of(rows[i].in, &furniture);
		if (!CHECK_STR(got, rows[i].want) || !CHECK_INT(furniture, rows[i].furniture))
			fprintf(stderr, "    row %s\n", rows[i].name);
		free(got);
	}
}

/* ---- structure and fields, through the whole pipeline -------------------------------------- */

/* "no:status:deadline:lead:resp:goal:mN;…" for every item, "c=N" categories first. */
static char *summary(const struct import_report *r)
{
	char *out = malloc(8192);
	size_t o = (size_t)snprintf(out, 8192, "c=%zu", r->category_count);

	for (size_t c = 0; c < r->category_count; c++)
		for (size_t i = 0; i < r->categories[c].item_count && o < 7800; i++) {
			const struct import_item *it = &r->categories[c].items[i];
			o += (size_t)snprintf(out + o, 8192 - o, ";%s:%s:%s:%s:%s:%s:m%zu", it->no,
			                      it->status ? it->status : "-", it->deadline ? it->deadline : "-",
			                      it->lead_unit ? it->lead_unit : "-",
			                      it->responsible_unit ? it->responsible_unit : "-",
			                      it->goal ? it->goal : "-", it->measure_count);
		}
	return out;
}

TEST(stage_structure_and_fields)
{
	static const struct {
		const char *name, *in, *want;
	} rows[] = {
		{"space before the dot", T0 "1 .问题一。\n整改状态：已完成\n2 .问题二。\n整改状态：推进中\n",
		 "c=1;1:已完成:-:-:-:-:m0;2:推进中:-:-:-:-:m0"},
		{"第N项", T0 "第1项 问题一。\n整改状态：已完成\n第2项 问题二。\n整改状态：推进中\n",
		 "c=1;1:已完成:-:-:-:-:m0;2:推进中:-:-:-:-:m0"},
		{"问题N：", T0 "问题1：甲。\n整改状态：已完成\n问题2：乙。\n整改状态：推进中\n",
		 "c=1;1:已完成:-:-:-:-:m0;2:推进中:-:-:-:-:m0"},
		{"full-width numbers stored as digits",
		 T0 "１２．问题。\n整改状态：已完成\n１３．问题。\n整改状态：推进中\n",
		 "c=1;12:已完成:-:-:-:-:m0;13:推进中:-:-:-:-:m0"},
		{"circled past twenty", T0 "⑳问题。\n整改状态：已完成\n㉑问题。\n整改状态：推进中\n",
		 "c=1;20:已完成:-:-:-:-:m0;21:推进中:-:-:-:-:m0"},
		{"unnumbered headings",
		 T0 "生态保护还有差距方面\n1.问题一。\n整改状态：已完成\n（一）措施。\n"
		    "关于“水资源”方面的问题\n2.问题二。\n整改状态：推进中\n（一）措施。\n",
		 "c=2;1:已完成:-:-:-:-:m1;2:推进中:-:-:-:-:m1"},
		{"a year is not an item", T0 "1.问题。\n整改状态：已完成\n2014、2015年未完成。\n2.问题。\n整改状态：推进中\n",
		 "c=1;1:已完成:-:-:-:-:m1;2:推进中:-:-:-:-:m0"},
		{"synonyms and a label alone on its line",
		 T0 "1.问题一。\n整改完成时限：2025年6月底\n牵头部门：市水务局\n责任部门：各旗县\n目标要求：达标。\n"
		    "2.问题二。\n整改时限\n2024年12月底\n办理状态：已完成\n",
		 "c=1;1:-:2025年6月底:市水务局:各旗县:达标。:m0;2:已完成:2024年12月底:-:-:-:m0"},
		{"a space for the colon", T0 "1.问题一。\n整改状态 已完成\n责任单位 市水务局\n",
		 "c=1;1:已完成:-:-:市水务局:-:m0"},
		{"status wrapped with its deadline",
		 T0 "1.问题一。\n整改进展情况：已完成整改，长期坚持（\n整改时限：立行立改）\n（一）措施。\n",
		 "c=1;1:已完成整改，长期坚持:立行立改:-:-:-:m1"},
		{"notice with labels",
		 "关于某县督察反馈问题整改销号的公示\n整改任务：某问题。\n责任单位：县林草局\n整改目标：完成治理。\n"
		 "整改完成情况：\n1、建立台账。\n2、完成治理。\n特此公示！\n公示时间：2024年5月20日至26日\n"
		 "2024年5月20日\n",
		 "c=1;1:-:-:-:县林草局:完成治理。:m2"},
		{"notice with 一、二、三 sections",
		 "某县生态环境保护督察反馈问题整改销号公示\n一、整改任务\n某问题。\n二、责任单位\n县林草局\n"
		 "三、整改目标\n完成治理。\n四、整改措施\n（一）建立台账。\n（二）完成治理。\n"
		 "公示期：2024年5月20日至26日\n",
		 "c=1;1:-:-:-:县林草局:完成治理。:m2"},
	};

	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct import_report *r = NULL;
		struct import_error e;
		if (!CHECK_INT(import_parse(rows[i].name, rows[i].in, strlen(rows[i].in), NULL, &r, &e),
		               0)) {
			fprintf(stderr, "    row %s: line %d: %s\n", rows[i].name, e.line, e.msg);
			continue;
		}
		{
			char *got = summary(r);
			if (!CHECK_STR(got, rows[i].want))
				fprintf(stderr, "    row %s\n", rows[i].name);
			free(got);
		}
		import_report_free(r);
	}
}

TEST(stage_notice_keeps_date_and_publicity)
{
	static const char in[] =
	    "某县生态环境保护督察反馈问题整改验收公示\n整改任务：某问题。\n责任单位：县林草局\n"
	    "整改目标：完成治理。\n完成情况：已完成整改。\n公示时间：2024年5月20日至2024年5月26日\n"
	    "某县督察整改办\n2024年5月20日\n";
	struct import_report *r = NULL;
	struct import_error e;

	if (!CHECK_INT(import_parse("notice.txt", in, strlen(in), NULL, &r, &e), 0))
		return;
	CHECK_INT(import_report_item_count(r), 1);
	CHECK_STR(r->notice_date, "2024年5月20日");
	CHECK_STR(r->publicity, "2024年5月20日至2024年5月26日");
	CHECK_STR(r->categories[0].items[0].text, "某问题。");
	CHECK_STR(r->categories[0].items[0].status, "已完成整改");
	import_report_free(r);
}

/* ---- limits and encodings ----------------------------------------------------------------- */

TEST(stage_mojibake)
{
	static const char report[] = T0 "1.一些地区和部门对建设生态安全屏障缺乏深刻理解。\n"
	                                "整改进展情况：已完成整改，长期坚持（整改时限：立行立改）\n"
	                                "（一）将习近平生态文明思想纳入学习内容。\n";
	size_t n = strlen(report), o = 0;
	char *latin = malloc(n * 2 + 1), *fffd = malloc(n * 3 + 1);
	struct import_report *r = NULL;
	struct import_error e;

	/* UTF-8 read as Latin-1: each byte one character; repaired exactly. */
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)report[i];
		if (b < 0x80) {
			latin[o++] = (char)b;
		} else {
			latin[o++] = (char)(0xC0 | (b >> 6));
			latin[o++] = (char)(0x80 | (b & 0x3F));
		}
	}
	if (CHECK_INT(import_parse("latin.txt", latin, o, NULL, &r, &e), 0)) {
		CHECK_INT(import_report_item_count(r), 1);
		CHECK_STR(r->categories[0].items[0].deadline, "立行立改");
		CHECK_INT(r->warning_count, 1);
	}
	import_report_free(r);
	r = NULL;
	/* GB18030 read as UTF-8: every Chinese character became U+FFFD; refused with iconv. */
	o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)report[i];
		if (b < 0x80) {
			fffd[o++] = (char)b;
		} else if ((b & 0xC0) != 0x80) {
			memcpy(fffd + o, "\xEF\xBF\xBD", 3);
			o += 3;
		}
	}
	CHECK_INT(import_parse("fffd.txt", fffd, o, NULL, &r, &e), -1);
	CHECK(strstr(e.msg, "iconv -f GB18030 -t UTF-8") != NULL);
	CHECK_INT(e.line, 1);
	free(latin);
	free(fffd);
}
