/* test_import.c — table-driven tests of the report parser on small Chinese inputs: numbering
 * styles, label wordings and colons, inline and per-line measures, wrapped lines, line ends,
 * encodings, and the decoys of real reports (prefaces, "7.9公里", "12.2018年", truncation).
 * Each row is an input and the expected summary of what import_parse makes of it. */
#include "harness.h"
#include "import.h"
#include "msg.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct out {
	char *p;
	size_t len, cap;
};

static void put(struct out *o, const char *s)
{
	size_t n = strlen(s);

	if (o->len + n + 1 > o->cap) {
		size_t cap = (o->len + n + 1) * 2;
		char *p = realloc(o->p, cap);
		if (!p)
			abort();
		o->p = p;
		o->cap = cap;
	}
	memcpy(o->p + o->len, s, n + 1);
	o->len += n;
}

static void put_field(struct out *o, const char *name, const char *v)
{
	if (!v)
		return;
	put(o, "|");
	put(o, name);
	put(o, ":");
	put(o, v);
}

/* One line per category ("[label title]") and item ("no@line text|status|deadline|mN", then
 * measure statuses and the 003-style fields when present). NULL prints as "-". */
static char *summary(const struct import_report *r)
{
	struct out o = {0};
	char buf[64];

	put(&o, "");
	for (size_t c = 0; c < r->category_count; c++) {
		const struct import_category *cat = &r->categories[c];
		if (cat->label || cat->title) {
			put(&o, "[");
			put(&o, cat->label ? cat->label : "-");
			put(&o, " ");
			put(&o, cat->title ? cat->title : "-");
			put(&o, "]\n");
		}
		for (size_t i = 0; i < cat->item_count; i++) {
			const struct import_item *it = &cat->items[i];
			int any = 0;
			snprintf(buf, sizeof buf, "@%d ", it->line);
			put(&o, it->no);
			put(&o, buf);
			put(&o, it->text);
			put(&o, "|");
			put(&o, it->status ? it->status : "-");
			put(&o, "|");
			put(&o, it->deadline ? it->deadline : "-");
			snprintf(buf, sizeof buf, "|m%zu", it->measure_count);
			put(&o, buf);
			for (size_t m = 0; m < it->measure_count; m++)
				any |= it->measures[m].status != NULL;
			if (any) {
				put(&o, "|st:");
				for (size_t m = 0; m < it->measure_count; m++) {
					put(&o, m ? "," : "");
					put(&o, it->measures[m].status ? it->measures[m].status : "-");
				}
			}
			put_field(&o, "lead", it->lead_unit);
			put_field(&o, "resp", it->responsible_unit);
			put_field(&o, "acc", it->acceptance_unit);
			put_field(&o, "goal", it->goal);
			put_field(&o, "sub", it->subcategory);
			put(&o, "\n");
		}
	}
	return o.p;
}

static struct import_report *parse(const char *name, const char *data, size_t len,
                                   const char *enc)
{
	struct import_report *r = NULL;
	struct import_error err;

	if (import_parse(name, data, len, enc, &r, &err) < 0) {
		fprintf(stderr, "    %s: line %d: %s\n", name, err.line, err.msg);
		return NULL;
	}
	return r;
}

/* Measure texts joined with " / ", to check what a measure holds. */
static char *measure_texts(const struct import_item *it)
{
	struct out o = {0};

	put(&o, "");
	for (size_t m = 0; m < it->measure_count; m++) {
		put(&o, m ? " / " : "");
		put(&o, it->measures[m].text);
	}
	return o.p;
}

static const struct import_item *first_item(const struct import_report *r)
{
	for (size_t c = 0; c < r->category_count; c++)
		if (r->categories[c].item_count)
			return &r->categories[c].items[0];
	return NULL;
}

#define T0 "磴口县贯彻落实第二轮自治区生态环境保护督察报告整改进展情况\n"

static const struct row {
	const char *name;
	const char *input;
	const char *want; /* summary() */
} rows[] = {
	/* ---- numbering styles of items ---- */
	{"arabic_dot",
	 T0 "1.问题一。\n整改进展情况：已完成整改\n（一）措施一。\n（二）措施二。\n"
	    "2.问题二。\n整改进展情况：正在推进\n（一）措施。\n",
	 "1@2 问题一。|已完成整改|-|m2\n2@6 问题二。|正在推进|-|m1\n"},
	{"arabic_dun",
	 T0 "1、问题一。\n整改状态：已完成\n2、问题二。\n整改状态：未完成\n",
	 "1@2 问题一。|已完成|-|m0\n2@4 问题二。|未完成|-|m0\n"},
	{"fullwidth_digits",
	 T0 "１．问题一。\n整改状态：已完成\n２．问题二。\n整改状态：推进中\n",
	 "1@2 问题一。|已完成|-|m0\n2@4 问题二。|推进中|-|m0\n"},
	{"paren_arabic_items_with_headings",
	 T0 "（一）第一类问题\n1.小类甲\n（1）问题一。\n牵头单位：市水务局\n整改时限：2024年12月底\n"
	    "整改措施：\n一是措施。（已完成整改）\n二是措施。\n"
	    "2.小类乙\n（2）问题二。\n牵头单位：市林草局\n整改措施：一次完成。\n"
	    "（二）第二类问题\n3.小类丙\n（3）问题三。\n牵头单位：市林草局\n",
	 "[一 第一类问题]\n"
	 "1@4 问题一。|-|2024年12月底|m2|st:已完成整改,-|lead:市水务局|sub:1.小类甲\n"
	 "2@11 问题二。|-|-|m1|lead:市林草局|sub:2.小类乙\n"
	 "[二 第二类问题]\n"
	 "3@16 问题三。|-|-|m0|lead:市林草局|sub:3.小类丙\n"},
	{"halfwidth_paren_items",
	 T0 "(1)问题一。\n整改状态：已完成\n(2) 问题二。\n整改状态:已完成\n",
	 "1@2 问题一。|已完成|-|m0\n2@4 问题二。|已完成|-|m0\n"},
	{"chinese_items",
	 T0 "一、问题一。\n整改进展情况：正在推进实施。\n（一）措施。\n二、问题二。\n整改进展情况：已完成整改。\n"
	    "(一)措施。\n(二) 措施。\n（三）措施。\n",
	 "一@2 问题一。|正在推进实施|-|m1\n二@5 问题二。|已完成整改|-|m3\n"},
	{"numbering_restarts_per_category",
	 T0 "一、甲方面\n1.问题一。\n整改状态：已完成\n2.问题二。\n整改状态：已完成\n"
	    "二、乙方面\n1.问题三。\n整改状态：未完成\n",
	 "[一 甲方面]\n1@3 问题一。|已完成|-|m0\n2@5 问题二。|已完成|-|m0\n"
	 "[二 乙方面]\n1@8 问题三。|未完成|-|m0\n"},
	{"category_di_ge_fangmian",
	 T0 "第一个方面，甲\n1.问题一。\n整改状态：已完成\n第二个方面：乙\n2.问题二。\n整改状态：已完成\n",
	 "[第一个方面 甲]\n1@3 问题一。|已完成|-|m0\n[第二个方面 乙]\n2@6 问题二。|已完成|-|m0\n"},

	/* ---- label wordings and colons ---- */
	{"label_variants",
	 T0 "1.问题一。\n整改完成情况：已完成\n2.问题二。\n完成情况 : 已完成。\n3.问题三。\n"
	    "进展情况：已完成\n4.问题四。\n整改进展情况:  正在推进 \n",
	 "1@2 问题一。|已完成|-|m0\n2@4 问题二。|已完成|-|m0\n3@6 问题三。|已完成|-|m0\n"
	 "4@8 问题四。|正在推进|-|m0\n"},
	{"status_with_deadline_parenthesis",
	 T0 "1.问题一。\n整改进展情况：已完成整改，长期坚持（整改时限：立行立改，长期坚持）\n（一）措施。\n"
	    "2.问题二。\n整改进展情况：已完成(整改时限:2024年12月底前)\n",
	 "1@2 问题一。|已完成整改，长期坚持|立行立改，长期坚持|m1\n"
	 "2@5 问题二。|已完成|2024年12月底前|m0\n"},
	{"status_and_progress_labels",
	 T0 "1.问题一。\n整改状态：已完成，待自治区验收销号\n进展情况：（一）甲。（二）乙。\n"
	    "2.问题二。\n整改状态：已完成\n进展情况：只有一段。\n",
	 "1@2 问题一。|已完成，待自治区验收销号|-|m2\n2@5 问题二。|已完成|-|m1\n"},
	{"fields_span_lines_and_blank_lines",
	 T0 "（1）问题一，\n\n分两行。\n牵头单位：市水务局\n责任单位：甲县、\n\n乙县党委和政府\n\n"
	    "验收单位：市水务局\n整改时限：2025年6月底\n整改目标：完成 6 家\n\n企业整改\n整改措施：\n一是甲。\n二是乙，\n\n续。\n",
	 "1@2 问题一，分两行。|-|2025年6月底|m2|lead:市水务局|resp:甲县、乙县党委和政府"
	 "|acc:市水务局|goal:完成 6 家企业整改\n"},

	{"labels_inside_lines",
	 T0 "1.问题一。整改状态：已完成 进展情况：（一）甲。（二）乙。\n"
	    "2.问题二，\n续。整改进展情况：正在推进；整改时限：2025年底\n（一）丙。\n"
	    "3.问题三。\n牵头单位：甲局 责任单位：乙县 验收单位：甲局\n整改时限：2024年底 整改目标：完成\n",
	 "1@2 问题一。|已完成|-|m2\n2@3 问题二，续。|正在推进|2025年底|m1\n"
	 "3@6 问题三。|-|2024年底|m0|lead:甲局|resp:乙县|acc:甲局|goal:完成\n"},
	{"status_on_the_next_line",
	 T0 "1.问题一。\n整改状态：\n已完成\n进展情况：\n（一）甲。\n2.问题二。\n整改进展情况：\n正在推进\n措施一段。\n",
	 "1@2 问题一。|已完成|-|m1\n2@7 问题二。|正在推进|-|m1\n"},
	{"status_then_measures_in_one_value",
	 T0 "1.问题一。\n整改状态：已完成。（一）甲。（二）乙。\n",
	 "1@2 问题一。|已完成|-|m2\n"},
	{"closing_paren_markers",
	 T0 "1）问题一。\n整改状态：已完成\n2）问题二。\n整改状态：已完成\n",
	 "1@2 问题一。|已完成|-|m0\n2@4 问题二。|已完成|-|m0\n"},

	{"bracketed_and_bare_labels",
	 T0 "1.问题一。\n【整改状态】已完成\n整改措施\n（一）甲。\n2.问题二。\n【整改进展情况】：正在推进\n",
	 "1@2 问题一。|已完成|-|m1\n2@6 问题二。|正在推进|-|m0\n"},
	{"fields_without_a_place_are_not_glued_on",
	 T0 "（1）问题一。\n责任单位：甲县\n配合单位：乙局，\n丙局\n整改时限：2024年底\n",
	 "1@2 问题一。|-|2024年底|m0|resp:甲县\n"},
	{"short_measure_before_next_item_is_no_category",
	 T0 "1.问题一。\n整改进展情况：已完成\n（一）已完成验收\n2.问题二。\n整改进展情况：已完成\n（一）已完成\n",
	 "1@2 问题一。|已完成|-|m1\n2@5 问题二。|已完成|-|m1\n"},

	{"deadline_wrapped_onto_its_own_line",
	 T0 "1.问题一。\n整改进展情况：已完成整改，长期坚持\n（整改时限：立行立改，长期坚持）\n（一）甲。\n",
	 "1@2 问题一。|已完成整改，长期坚持|立行立改，长期坚持|m1\n"},
	{"deadline_parenthesis_wrapped_over_lines",
	 T0 "1.问题一。\n整改进展情况：已完成整改\n（整改时限：2025年12月底前取得阶段\n性进展，长期坚持）\n（一）甲。\n",
	 "1@2 问题一。|已完成整改|2025年12月底前取得阶段性进展，长期坚持|m1\n"},
	{"bare_label_inside_a_wrapped_heading_is_text",
	 T0 "一、总体情况\n二、督察组反馈意见整改\n进展情况\n按照反馈意见梳理。\n"
	    "附件\n一、问题一。\n整改进展情况：已完成整改\n二、问题二。\n整改进展情况：已完成整改\n",
	 "一@7 问题一。|已完成整改|-|m0\n二@9 问题二。|已完成整改|-|m0\n"},

	/* ---- measures ---- */
	{"inline_measures_first_unmarked",
	 T0 "1.问题一。\n整改状态：已销号\n进展情况：甲做了。（二）乙做了。（三）丙做了。\n"
	    "2.问题二。\n整改状态：已销号\n进展情况：(一）甲。（二）乙（其中2022年82条已完成）。（已完成）\n",
	 "1@2 问题一。|已销号|-|m3\n2@5 问题二。|已销号|-|m2|st:-,已完成\n"},
	{"inline_measures_split_over_lines",
	 T0 "1.问题一。\n整改状态：达到序时进度\n进展情况：（一）甲。\n\n（二）乙。（三）丙。\n",
	 "1@2 问题一。|达到序时进度|-|m3\n"},
	{"nested_points_not_counted",
	 T0 "1.问题一。\n整改进展情况：正在推进\n（一）甲。\n（二）乙：一是子一；二是子二。\n一是另起一行。\n（三）丙。\n",
	 "1@2 问题一。|正在推进|-|m3\n"},
	{"unnumbered_paragraphs",
	 T0 "1.问题一。\n整改进展情况：已完成整改\n一段话没有编号，\n\n跨了一行。\n第二段。\n"
	    "2.问题二。\n整改进展情况：已完成整改\n只有一段。\n",
	 "1@2 问题一。|已完成整改|-|m2\n2@8 问题二。|已完成整改|-|m1\n"},
	{"measure_status_split_and_alone",
	 T0 "（1）问题。\n牵头单位：甲\n整改措施：\n一是甲。（已完\n成整改）\n二是乙。\n（已完成整改）\n三是丙。\n",
	 "1@2 问题。|-|-|m3|st:已完成整改,已完成整改,-|lead:甲\n"},
	{"arabic_measures_under_paren_items",
	 T0 "（1）问题。\n整改进展情况：正在推进\n1.甲。\n2.乙。\n（2）问题二。\n整改进展情况：正在推进\n",
	 "1@2 问题。|正在推进|-|m2\n2@6 问题二。|正在推进|-|m0\n"},

	/* ---- decoys ---- */
	{"preface_with_same_numbering",
	 T0 "一、总体情况\n（一）加强领导。做了很多。\n（二）压实责任。\n二、整改情况\n1. 牢固树立理念。\n2. 加快转型。\n"
	    "附件\n具体问题整改进展情况\n一、问题一。\n整改进展情况：已完成整改。\n（一）措施。\n"
	    "二、问题二。\n整改进展情况：正在推进实施\n（一）措施。\n（二）措施。\n",
	 "一@10 问题一。|已完成整改|-|m1\n二@13 问题二。|正在推进实施|-|m2\n"},
	{"decimal_continuation_is_not_a_heading",
	 T0 "（一）甲类\n6.小类六\n（16）问题。\n牵头单位：甲\n整改措施：\n一是建设管网\n7.9公里。\n二是运行。\n"
	    "7.小类七\n（17）问题。\n牵头单位：乙\n",
	 "[一 甲类]\n16@4 问题。|-|-|m2|lead:甲|sub:6.小类六\n"
	 "17@11 问题。|-|-|m0|lead:乙|sub:7.小类七\n"},
	{"number_fused_with_year",
	 T0 "11.问题十一。\n整改状态：已销号\n12.2018年以来，问题。\n整改状态：已销号\n",
	 "11@2 问题十一。|已销号|-|m0\n12@4 2018年以来，问题。|已销号|-|m0\n"},
	{"first_item_fused_with_year",
	 T0 "1.2018年以来，问题一。\n整改状态：已销号\n2.问题二。\n整改状态：已销号\n",
	 "1@2 2018年以来，问题一。|已销号|-|m0\n2@4 问题二。|已销号|-|m0\n"},
	{"wrapped_number_inside_text",
	 T0 "1.问题一，面积\n3.5万亩。\n整改状态：已完成\n2.问题二。\n整改状态：已完成\n"
	    "3.问题三。\n整改状态：已完成\n",
	 "1@2 问题一，面积3.5万亩。|已完成|-|m0\n2@5 问题二。|已完成|-|m0\n3@7 问题三。|已完成|-|m0\n"},
	{"same_number_continuation_then_real_item",
	 T0 "1.问题一。\n整改进展情况：正在推进\n（一）新建管线共\n2.5公里。\n"
	    "2.问题二。\n整改进展情况：已完成\n",
	 "1@2 问题一。|正在推进|-|m1\n2@6 问题二。|已完成|-|m0\n"},
	{"statuslike_words_in_text",
	 T0 "1.问题一，1项未达序时进度，整改状态不明。\n整改状态：已完成\n",
	 "1@2 问题一，1项未达序时进度，整改状态不明。|已完成|-|m0\n"},
	{"status_prefix_is_not_enough",
	 T0 "1.问题一。\n整改状态：已完成\n2.问题二。\n整改状态：已完成，待自治区验收销号\n",
	 "1@2 问题一。|已完成|-|m0\n2@4 问题二。|已完成，待自治区验收销号|-|m0\n"},
	{"truncated_list_is_cut",
	 T0 "（1）问题。\n牵头单位：甲\n整改措施：一次做完。\n\n（下转第7版）\n\n一是叙述。二是叙述。\n"
	    "整改目标和整改措施，叙述。\n",
	 "1@2 问题。|-|-|m1|lead:甲\n"},
	{"continuation_resumes",
	 T0 "（1）问题一。\n牵头单位：甲\n（下转第7版）\n别的新闻。\n（上接第6版）\n（2）问题二。\n牵头单位：乙\n",
	 "1@2 问题一。|-|-|m0|lead:甲\n2@7 问题二。|-|-|m0|lead:乙\n"},
	{"signature_after_list",
	 T0 "1.问题一。\n整改进展情况：已完成\n措施一段。\n\n磴口县人民政府\n2024年12月31日\n",
	 "1@2 问题一。|已完成|-|m1\n"},

	/* ---- line ends and layout ---- */
	{"crlf",
	 T0 "1.问题一，\r\n分行。\r\n整改状态：已完成\r\n2.问题二。\r\n整改状态：已完成\r\n",
	 "1@2 问题一，分行。|已完成|-|m0\n2@5 问题二。|已完成|-|m0\n"},
	{"cr_only",
	 T0 "1.问题一。\r整改状态：已完成\r2.问题二。\r整改状态：已完成",
	 "1@2 问题一。|已完成|-|m0\n2@4 问题二。|已完成|-|m0\n"},
	{"indentation_tabs_and_ideographic_spaces",
	 T0 "\t1.问题一。  \n　　整改状态：已完成\n  2.问题 二。\n\t整改状态：\t已完成\n",
	 "1@2 问题一。|已完成|-|m0\n2@4 问题 二。|已完成|-|m0\n"},
	{"blank_line_after_every_line",
	 T0 "\n1.问题一，监管力\n\n度不足。\n\n整改进展情况：正在推进。\n\n（一）甲\n\n乙。\n\n（二）丙。\n\n"
	    "2.问题二。\n\n整改进展情况：已完成。\n\n措施段落一。\n\n措施段落二。",
	 "1@3 问题一，监管力度不足。|正在推进|-|m2\n2@15 问题二。|已完成|-|m2\n"},
	{"last_line_without_newline_is_a_measure",
	 T0 "1.问题一。\n整改进展情况：已完成\n（一）甲。\n（二）乙。",
	 "1@2 问题一。|已完成|-|m2\n"},
	{"page_break_and_form_feed",
	 T0 "1.问题一，\f分页。\n整改状态：已完成\n",
	 "1@2 问题一，分页。|已完成|-|m0\n"},
};


/* The warnings checked here are worded in English: th_language("en") around the parse. */

TEST(import_table)
{
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct import_report *r = parse(rows[i].name, rows[i].input, strlen(rows[i].input), NULL);
		char *got;
		if (!CHECK(r != NULL)) {
			fprintf(stderr, "    row %s\n", rows[i].name);
			continue;
		}
		got = summary(r);
		if (!CHECK_STR(got, rows[i].want))
			fprintf(stderr, "    row %s\n", rows[i].name);
		free(got);
		import_report_free(r);
	}
}

/* ---- titles, regions, rounds ---- */

static const struct {
	const char *title_lines; /* the report's first lines */
	const char *title, *region, *round;
} title_rows[] = {
	{" 磴口县贯彻落实第二轮自治区生态环境\n保护督察报告具体问题整改进展情况\n",
	 "磴口县贯彻落实第二轮自治区生态环境保护督察报告具体问题整改进展情况", "磴口县",
	 "第二轮自治区生态环境保护督察"},
	{"兴安盟贯彻落实第二轮中央生态环境\n\n保护督察报告整改进展情况\n",
	 "兴安盟贯彻落实第二轮中央生态环境保护督察报告整改进展情况", "兴安盟",
	 "第二轮中央生态环境保护督察"},
	{"\n\n附件\n\n内蒙古自治区贯彻落实中央环境保护督察 反馈意见整改工作情况报告\n",
	 "内蒙古自治区贯彻落实中央环境保护督察反馈意见整改工作情况报告", "内蒙古自治区", NULL},
	{"锡林郭勒盟第二轮中央生态环境保护督察\n[bookmark: _GoBack]整改落实情况报告\n",
	 "锡林郭勒盟第二轮中央生态环境保护督察整改落实情况报告", "锡林郭勒盟",
	 "第二轮中央生态环境保护督察"},
	{"中共巴彦淖尔市委 巴彦淖尔市人民政府关于第三轮中央生态环境保护督察整改情况的报告\n",
	 "中共巴彦淖尔市委巴彦淖尔市人民政府关于第三轮中央生态环境保护督察整改情况的报告", "巴彦淖尔市",
	 "第三轮中央生态环境保护督察"},
	{"巴彦淖尔市磴口县落实督察反馈问题整改方案\n", "巴彦淖尔市磴口县落实督察反馈问题整改方案",
	 "巴彦淖尔市磴口县", NULL},
	{"黔东南苗族侗族自治州生态环境保护督察整改清单\n", "黔东南苗族侗族自治州生态环境保护督察整改清单",
	 "黔东南苗族侗族自治州", NULL},
	{"大兴安岭地区关于省级生态环境保护督察整改落实情况的报告\n",
	 "大兴安岭地区关于省级生态环境保护督察整改落实情况的报告", "大兴安岭地区", NULL},
	{"鄂托克旗贯彻落实自治区督察整改方案（公开版）\n", "鄂托克旗贯彻落实自治区督察整改方案（公开版）",
	 "鄂托克旗", NULL},
	{"浙江省第二轮中央生态环境保护督察整改方案\n（征求意见稿）\n",
	 "浙江省第二轮中央生态环境保护督察整改方案（征求意见稿）", "浙江省",
	 "第二轮中央生态环境保护督察"},
	{"全椒县生态环境保护督察整改进展情况\n", "全椒县生态环境保护督察整改进展情况", "全椒县", NULL},
	{"关于督察整改进展情况的报告\n", "关于督察整改进展情况的报告", NULL, NULL},
};

TEST(import_titles_regions_rounds)
{
	static const char body[] = "1.问题一。\n整改状态：已完成\n";

	for (size_t i = 0; i < sizeof title_rows / sizeof *title_rows; i++) {
		size_t n = strlen(title_rows[i].title_lines) + sizeof body;
		char *in = malloc(n);
		struct import_report *r;
		snprintf(in, n, "%s%s", title_rows[i].title_lines, body);
		r = parse("t.txt", in, strlen(in), NULL);
		if (CHECK(r != NULL)) {
			CHECK_STR(r->title, title_rows[i].title);
			CHECK_STR(r->region, title_rows[i].region);
			CHECK_STR(r->round, title_rows[i].round);
		}
		import_report_free(r);
		free(in);
	}
}

/* A newspaper page prints its title after the list; the news headline above it is no title. */
TEST(import_title_at_the_end)
{
	static const char in[] = "（1）问题。\n牵头单位：甲\n（下转第7版）\n叙述，叙述。\n"
	                         "呼和浩特市贯彻落实第二轮\n自治区生态环境保护督察反馈意见整改方案印发实施\n\n"
	                         "呼和浩特市落实第二轮自治区生态环境保护督察反馈意见整改方案\n（公开版）\n";
	struct import_report *r = parse("t.txt", in, strlen(in), NULL);

	if (CHECK(r != NULL)) {
		CHECK_STR(r->title, "呼和浩特市落实第二轮自治区生态环境保护督察反馈意见整改方案（公开版）");
		CHECK_STR(r->region, "呼和浩特市");
	}
	import_report_free(r);
}

TEST(import_without_title_uses_file_name)
{
	static const char in[] = "1.问题一。\n整改状态：已完成\n";
	struct import_report *r = parse("dir/某县报告.txt", in, strlen(in), NULL);

	if (CHECK(r != NULL)) {
		CHECK_STR(r->title, "某县报告");
		CHECK_STR(r->file, "某县报告.txt");
		CHECK_INT(r->warning_count, 1);
	}
	import_report_free(r);
}

/* ---- measure texts ---- */

TEST(import_measure_texts)
{
	static const char in[] = T0 "1.问题一。\n整改状态：已销号\n"
	                            "进展情况：扎赉特旗编制了方案。（二）盟农牧局印发了\n方案。（已完成）（三）建立机制。\n"
	                            "2.问题二。\n整改进展情况：已完成整改\n（一）甲，\n\n乙。\n(二) 丙：一是子；二是子。\n";
	struct import_report *r = parse("t.txt", in, strlen(in), NULL);
	char *m;

	if (!CHECK(r != NULL) || !CHECK_INT(import_report_item_count(r), 2))
		goto out;
	m = measure_texts(&r->categories[0].items[0]);
	CHECK_STR(m, "扎赉特旗编制了方案。 / 盟农牧局印发了方案。 / 建立机制。");
	free(m);
	CHECK_STR(r->categories[0].items[0].measures[1].status, "已完成");
	m = measure_texts(&r->categories[0].items[1]);
	CHECK_STR(m, "甲，乙。 / 丙：一是子；二是子。");
	free(m);
out:
	import_report_free(r);
}

/* ---- encodings ---- */

static const char enc_report[] = T0 "1.问题一。\n整改进展情况：已完成整改\n（一）措施。\n";
static const char enc_want[] = "1@2 问题一。|已完成整改|-|m1\n";

static void check_encoded(const char *enc, const char *bom, size_t bomlen, const char *want_enc,
                          const char *given)
{
	char err[256];
	size_t n;
	char *conv = text_from_utf8(enc_report, strlen(enc_report), enc, &n, err, sizeof err);
	char *buf;
	struct import_report *r;

	if (!CHECK(conv != NULL))
		return;
	buf = malloc(n + bomlen);
	memcpy(buf, bom, bomlen);
	memcpy(buf + bomlen, conv, n);
	r = parse(enc, buf, n + bomlen, given);
	if (CHECK(r != NULL)) {
		char *got = summary(r);
		CHECK_STR(got, enc_want);
		CHECK_STR(r->encoding, want_enc);
		CHECK_STR(r->region, "磴口县");
		free(got);
	}
	import_report_free(r);
	free(buf);
	free(conv);
}

TEST(import_utf16le_with_bom)
{
	check_encoded("UTF-16LE", "\xFF\xFE", 2, "UTF-16LE", NULL);
}

TEST(import_utf16be_with_bom)
{
	check_encoded("UTF-16BE", "\xFE\xFF", 2, "UTF-16BE", NULL);
}

TEST(import_gb18030_detected)
{
	check_encoded("GB18030", "", 0, "GB18030", NULL);
}

TEST(import_gbk_given)
{
	check_encoded("GBK", "", 0, "GBK", "GBK");
}

TEST(import_utf8_with_bom)
{
	check_encoded("UTF-8", "\xEF\xBB\xBF", 3, "UTF-8", NULL);
}

TEST(import_utf16le_crlf)
{
	static const char in[] = T0 "1.问题一。\r\n整改状态：已完成\r\n";
	char err[256];
	size_t n;
	char *conv = text_from_utf8(in, strlen(in), "UTF-16LE", &n, err, sizeof err);
	char *buf = malloc(n + 2);
	struct import_report *r;

	memcpy(buf, "\xFF\xFE", 2);
	memcpy(buf + 2, conv, n);
	r = parse("le.txt", buf, n + 2, NULL);
	if (CHECK(r != NULL)) {
		CHECK_INT(import_report_item_count(r), 1);
		CHECK_STR(first_item(r)->status, "已完成");
		CHECK_INT(first_item(r)->line, 2);
	}
	import_report_free(r);
	free(buf);
	free(conv);
}

/* ---- report-level facts ---- */

TEST(import_digest_and_file_name)
{
	static const char in[] = T0 "1.问题一。\n整改状态：已完成\n";
	struct import_report *a = parse("/x/y/a.txt", in, strlen(in), NULL);
	struct import_report *b = parse("-", in, strlen(in), NULL);
	struct import_report *c = parse(NULL, in, strlen(in) - 1, NULL);

	if (CHECK(a && b && c)) {
		CHECK_STR(a->file, "a.txt");
		CHECK_STR(b->file, "-");
		CHECK_STR(c->file, "-");
		CHECK_STR(a->digest, b->digest);
		CHECK(strcmp(a->digest, c->digest) != 0);
		CHECK_INT(strlen(a->digest), 16);
	}
	import_report_free(a);
	import_report_free(b);
	import_report_free(c);
}

TEST(import_warns_about_claimed_count_and_gaps)
{
	th_language("en");
	static const char in[] = T0 "反馈了3个方面12项问题。\n1.问题一。\n整改状态：已完成\n"
	                            "2.问题二。\n整改状态：已完成\n4.问题四。\n整改状态：已完成\n";
	struct import_report *r = parse("t.txt", in, strlen(in), NULL);
	int says = 0, jump = 0;

	if (!CHECK(r != NULL))
		{
			th_language("zh");
			return;
		}
	CHECK_INT(import_report_item_count(r), 3);
	for (size_t w = 0; w < r->warning_count; w++) {
		says |= strstr(r->warnings[w], "says 12") && strstr(r->warnings[w], "lists 3");
		jump |= strstr(r->warnings[w], "line 7") && strstr(r->warnings[w], "from 2 to 4");
	}
	CHECK(says);
	CHECK(jump);
	import_report_free(r);
	th_language("zh");
}

/* A number that does not continue the sequence is text, but one followed by a status like an
 * item is worth a warning: the items around it may be misnumbered. */
TEST(import_warns_about_an_item_the_numbering_skipped)
{
	th_language("en");
	static const char in[] = T0 "1.问题一。\n整改状态：已完成\n2.问题二。\n整改状态：已完成\n"
	                            "17.问题十七。\n整改状态：已完成\n18.问题十八。\n整改状态：已完成\n";
	struct import_report *r = parse("t.txt", in, strlen(in), NULL);
	int seen = 0;

	if (!CHECK(r != NULL))
		{
			th_language("zh");
			return;
		}
	CHECK_INT(import_report_item_count(r), 2);
	for (size_t w = 0; w < r->warning_count; w++)
		seen |= strstr(r->warnings[w], "line 6") && strstr(r->warnings[w], "number 17") &&
		        strstr(r->warnings[w], "part of item 2");
	CHECK(seen);
	import_report_free(r);
	th_language("zh");
}

/* 999 items in one sequence, and more than 999 numbered afresh in each category, parse
 * without a warning (numbering past 999 fails: see malformed_numbering_past_999). */
TEST(import_999_items_and_restarted_numbering)
{
	size_t cap = 2100 * 80 + 256, o = 0;
	char *buf = malloc(cap);
	struct import_report *r;

	o += (size_t)snprintf(buf + o, cap - o, "%s", T0);
	for (int i = 1; i <= 999; i++)
		o += (size_t)snprintf(buf + o, cap - o, "%d.问题%d。\n整改状态：已完成\n", i, i);
	r = parse("999.txt", buf, o, NULL);
	if (CHECK(r != NULL)) {
		CHECK_INT(import_report_item_count(r), 999);
		CHECK_INT(r->warning_count, 0);
		CHECK_STR(r->categories[r->category_count - 1].items[998].text, "问题999。");
	}
	import_report_free(r);
	o = (size_t)snprintf(buf, cap, "%s", T0);
	for (int i = 0; i < 2000; i++) {
		if (i % 700 == 0)
			o += (size_t)snprintf(buf + o, cap - o, "第%s个方面，问题\n",
			                      i == 0 ? "一" : i == 700 ? "二" : "三");
		o += (size_t)snprintf(buf + o, cap - o, "%d.问题。\n整改状态：已完成\n", i % 700 + 1);
	}
	r = parse("2000.txt", buf, o, NULL);
	if (CHECK(r != NULL)) {
		CHECK_INT(import_report_item_count(r), 2000);
		CHECK_INT(r->category_count, 3);
		CHECK_INT(r->warning_count, 0);
	}
	import_report_free(r);
	free(buf);
}

TEST(import_item_count_of_null)
{
	CHECK_INT(import_report_item_count(NULL), 0);
	import_report_free(NULL);
}
