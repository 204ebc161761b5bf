/* import_title.c — the report's title, the region it names and the inspection round, from a
 * title-like block anywhere in the file (a newspaper page prints it at the end). */
#include "import.h"
#include "import_internal.h"

#include "text.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const title_stops[] = {
	"贯彻", "落实", "第", "关于", "生态", "中央", "环境", "环保", "整改", "督察", "督查", "对",
	"党委", "人民政府", "政府", "委", "开展", "反馈", "省级", "自治区生态", "年度", "（", "(",
};

static const char *const region_suffixes[] = {
	"特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "盟", "州", "县",
	"旗", "区",
};

/* Words that name no place: 自治区 alone, 全市, 我县, 本区, 各旗县, 该市. */
static int generic_place(const char *s, size_t len)
{
	static const char *const always[] = {"自治", "我", "各", "该"};
	static const char *const two[] = {"全", "本"};

	for (size_t k = 0; k < sizeof always / sizeof *always; k++)
		if (has_prefix(s, len, always[k]))
			return 1;
	for (size_t k = 0; k < sizeof two / sizeof *two; k++)
		if (has_prefix(s, len, two[k]) && count_cps(s, len) == 2)
			return 1;
	return 0;
}

/* The place name that starts a title: the shortest prefix ending in 市/县/盟/自治区… that is
 * followed by a word such as 贯彻, 落实, 第, 关于 or 生态 (or nothing). Returns its length in
 * bytes, or 0. "巴彦淖尔市磴口县贯彻…" gives "巴彦淖尔市磴口县". */
size_t import_title_region_len(const char *t, size_t len)
{
	size_t i = 0, n, start = 0, chars = 0;

	/* "中共…委", "关于…的公示": words before the place name */
	if (has_prefix(t, len, "中共"))
		start = i = strlen("中共");
	else if (has_prefix(t, len, "关于"))
		start = i = strlen("关于");
	while (i < len && chars < 24) {
		cp_at(t, len, i, &n);
		i += n;
		chars++;
		for (size_t k = 0; k < sizeof region_suffixes / sizeof *region_suffixes; k++) {
			const char *suf = region_suffixes[k];
			int stop = i == len;
			if (!has_suffix(t + start, i - start, suf) || i - start <= strlen(suf))
				continue;
			for (size_t s = 0; !stop && s < sizeof title_stops / sizeof *title_stops; s++)
				stop = has_prefix(t + i, len - i, title_stops[s]);
			if (!stop)
				break;
			if (generic_place(t + start, i - start))
				return 0;
			return i;
		}
	}
	return 0;
}

/* A line that can be part of a title: no sentence punctuation, not numbered or labelled. */
static int title_like(const struct line *L)
{
	static const char *const punct[] = {"。", "，", "；", "：", ":", ";", "！", "？", ",", "\"", "<"};

	if (is_blank(L) || L->len > 240 || L->mk.style || L->label || import_line_is_attachment(L) ||
	    import_line_is_down(L) || import_line_is_up(L))
		return 0;
	for (size_t k = 0; k < sizeof punct / sizeof *punct; k++)
		if (find_lit(L->s, L->len, punct[k]))
			return 0;
	return 1;
}

/* A line that is only a short parenthesis, "（公开版）", completing the title above it. */
static int title_paren(const struct line *L)
{
	size_t n;

	return title_like(L) && is_open_paren(cp_at(L->s, L->len, 0, &n)) &&
	       is_close_paren(cp_before(L->s, L->len, &n)) && count_cps(L->s, L->len) <= 12;
}

static int title_suffix_ok(const char *s, size_t len)
{
	static const char *const ends[] = {"报告", "情况", "方案", "清单", "台账", "表", "通报", "汇报", "公示", "说明"};
	size_t n;

	if (len > 0 && is_close_paren(cp_before(s, len, &n))) {
		size_t k = len - n, limit = 0;
		while (k > 0 && limit++ < 12 && !is_open_paren(cp_before(s, k, &n)))
			k -= n;
		if (k > 0 && is_open_paren(cp_before(s, k, &n)))
			len = k - n;
	}
	for (size_t k = 0; k < sizeof ends / sizeof *ends; k++)
		if (has_suffix(s, len, ends[k]))
			return 1;
	return 0;
}

/* Appends s without spaces (PDF conversion puts stray spaces into titles). */
static void add_nospace(struct parser *ps, struct sbuf *b, const char *s, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		size_t j = i;
		while (j < len && !is_space_cp(cp_at(s, len, j, &n)))
			j += n;
		import_buf_add(ps, b, s + i, j - i);
		i = j;
		while (i < len && is_space_cp(cp_at(s, len, i, &n)))
			i += n;
	}
}

/* The title block starting at line i (up to three lines, blank lines between allowed) when it
 * reads as a report title: it names 督察/整改 and ends in 报告/情况/方案…; a line that starts a
 * new title (a place name followed by 贯彻/落实…) is not joined to it. */
static int title_at(struct parser *ps, size_t i, struct sbuf *out)
{
	struct sbuf b = {0};
	size_t j = i, lines = 0;

	while (j < ps->n && lines < 3) {
		const struct line *L = &ps->lines[j];
		if (is_blank(L)) {
			j++;
			continue;
		}
		if (!title_like(L) || (lines > 0 && import_title_region_len(L->s, L->len)))
			break;
		add_nospace(ps, &b, L->s, L->len);
		lines++;
		j++;
		if (b.len > 300)
			break;
		if (title_suffix_ok(b.p, b.len) &&
		    (find_lit(b.p, b.len, "督察") || find_lit(b.p, b.len, "督查") ||
		     find_lit(b.p, b.len, "整改"))) {
			size_t k = j;
			while (k < ps->n && is_blank(&ps->lines[k]))
				k++;
			if (k < ps->n && title_paren(&ps->lines[k]))
				add_nospace(ps, &b, ps->lines[k].s, ps->lines[k].len);
			*out = b;
			return 1;
		}
	}
	import_buf_free(&b);
	return 0;
}

/* The report's title: the first title block outside the item list (a newspaper page may print
 * it at the end), else one inside it. */
void import_title_find(struct parser *ps, struct sbuf *out, size_t list_first, size_t list_end)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < ps->n; i++) {
			if (pass == 0 && i >= list_first && i < list_end)
				continue;
			if (title_like(&ps->lines[i]) && title_at(ps, i, out))
				return;
		}
}

/* "第二轮中央生态环境保护督察" from a title, or 0. */
size_t import_title_round(const char *t, size_t len, size_t *off)
{
	const char *p = find_lit(t, len, "第");

	while (p) {
		size_t i = (size_t)(p - t) + strlen("第"), used;
		if (import_cn_number(t, len, i, &used) > 0 && has_prefix(t + i + used, len - i - used, "轮")) {
			const char *d = find_lit(t + i, len - i, "督察");
			if (!d)
				d = find_lit(t + i, len - i, "督查");
			if (d && count_cps(p, (size_t)(d - p)) <= 30) {
				*off = (size_t)(p - t);
				return (size_t)(d - p) + strlen("督察");
			}
		}
		i = (size_t)(p - t) + 1;
		p = find_lit(t + i, len - i, "第");
	}
	return 0;
}
