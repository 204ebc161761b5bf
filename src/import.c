/* import.c — the importer's pipeline (import.h): decode, then the stages in order — lines
 * (import_lines.c), structure (import_structure.c), fields (import_fields.c), title
 * (import_title.c) — and the report they build. Also the buffers and diagnostics the stages
 * share. Pure model code: bytes in, structs and messages out; no SQL, no curses, no printing. */
#include "import.h"
#include "import_internal.h"

#include "msg.h"
#include "text.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How a report is read. Real reports are PDFs or Word files turned into text: lines break
 * anywhere, blank lines come and go, pages leave their numbers behind, and a preface or a
 * general report in front of the list uses the same numbering as the list itself. So nothing
 * trusts the layout; the stages, in order (import_parse below):
 *  0. Decode (text_to_utf8), repair or refuse mojibake, refuse HTML and binary data.
 *  1. Lines (import_lines.c): line ends, escapes, form feeds; page furniture dropped; labels
 *     broken over two lines mended; rows of a re-wrapped text joined; every line classified:
 *     its numbering marker (style and value) and its labels (the vocabulary, import_labels.c).
 *  2. Structure (import_structure.c): a single-item notice, else the item chain — an "anchor"
 *     is a numbered line whose text runs into a label; the style with the most anchors numbers
 *     the items, and the items are the numbers of that style that continue one another ("547.5
 *     万立方米" and "7.9公里。" are text, "1000." after 999 is an item). Headings are the short
 *     lines right above an item, numbered or "……方面"; the deepest stack names the levels.
 *  3. Fields (import_fields.c): each item's lines as one stream — problem text, labelled
 *     fields wherever they stand, measures split by the style of their first marker.
 *  4. Title, region, round (import_title.c); then the checks that refuse garbage (a field over
 *     64 KB, items without any field) and the confidence summary (import_report.stats). */

void import_buf_add(struct parser *ps, struct sbuf *b, const char *s, size_t n)
{
	b->set = 1;
	if (ps->oom)
		return;
	if (b->cap - b->len < n + 1) {
		size_t cap = b->cap ? b->cap : 64;
		char *p;
		while (cap - b->len < n + 1) {
			if (cap > SIZE_MAX / 2) {
				ps->oom = 1;
				return;
			}
			cap *= 2;
		}
		p = realloc(b->p, cap);
		if (!p) {
			ps->oom = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void import_buf_free(struct sbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

/* Grows *arr (of *cap elements of size) to hold need elements; 0, or -1 out of memory. */
int import_grow(struct parser *ps, void **arr, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap ? *cap : 8;
	void *p;

	if (need <= *cap)
		return 0;
	while (c < need) {
		if (c > SIZE_MAX / 2 / size) {
			ps->oom = 1;
			return -1;
		}
		c *= 2;
	}
	p = realloc(*arr, c * size);
	if (!p) {
		ps->oom = 1;
		return -1;
	}
	*arr = p;
	*cap = c;
	return 0;
}

void import_warn(struct parser *ps, const char *fmt, ...)
{
	char buf[512], *clean;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (import_grow(ps, (void **)&ps->warn, &ps->capwarn, ps->nwarn + 1, sizeof *ps->warn) < 0)
		return;
	clean = text_sanitize(buf, strlen(buf), 0);
	if (!clean) {
		ps->oom = 1;
		return;
	}
	ps->warn[ps->nwarn++] = clean;
}

void import_set_error(struct import_error *err, int line, long offset, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	err->line = line;
	err->offset = offset;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

/* A stored copy of s: valid UTF-8 without terminal-active characters, spaces trimmed. */
char *import_dup_clean(struct parser *ps, const char *s, size_t len)
{
	char *c;

	trim(&s, &len);
	c = text_sanitize(s, len, 0);
	if (!c)
		ps->oom = 1;
	return c;
}

void import_report_free(struct import_report *r)
{
	if (!r)
		return;
	for (size_t c = 0; c < r->category_count; c++) {
		struct import_category *cat = &r->categories[c];
		for (size_t i = 0; i < cat->item_count; i++)
			import_item_free(&cat->items[i]);
		free(cat->items);
		free(cat->label);
		free(cat->title);
	}
	free(r->categories);
	for (size_t w = 0; w < r->warning_count; w++)
		free(r->warnings[w]);
	free(r->warnings);
	free(r->file);
	free(r->title);
	free(r->region);
	free(r->round);
	free(r->encoding);
	free(r->notice_date);
	free(r->publicity);
	free(r);
}

size_t import_report_item_count(const struct import_report *r)
{
	size_t n = 0;

	if (!r)
		return 0;
	for (size_t c = 0; c < r->category_count; c++)
		n += r->categories[c].item_count;
	return n;
}

static void digest(const char *data, size_t len, char out[17])
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)data[i];
		h *= 0x100000001b3ULL;
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static const char *base_name(const char *file)
{
	const char *slash;

	if (!file || !*file)
		return "-";
	slash = strrchr(file, '/');
	return slash && slash[1] ? slash + 1 : file;
}

/* The byte offset a decoding message names ("… at byte 60 …", in Chinese "第 60 字节"), or
 * -1. */
static long message_offset(const char *msg)
{
	for (const char *p = strstr(msg, "byte "); p; p = strstr(p + 5, "byte "))
		if (p[5] >= '0' && p[5] <= '9')
			return strtol(p + 5, NULL, 10);
	for (const char *p = strstr(msg, "第 "); p; p = strstr(p + 1, "第 ")) {
		char *end;
		long n = strtol(p + strlen("第 "), &end, 10);
		if (end > p + strlen("第 ") && strncmp(end, " 字节", strlen(" 字节")) == 0)
			return n;
	}
	return -1;
}

/* The last checks before a report is given out: no field longer than MAX_LINE (text that
 * long is several items run together), and a chain where most items carry no field at all
 * (no status, deadline, unit, goal or measure) is not an item list but numbered prose.
 * Returns 0, or -1 with err filled. */
static int check_items(struct parser *ps, const struct import_report *r, struct import_error *err)
{
	size_t empty = 0, total = 0;

	for (size_t c = 0; c < r->category_count; c++)
		for (size_t i = 0; i < r->categories[c].item_count; i++) {
			const struct import_item *it = &r->categories[c].items[i];
			const char *fields[] = {it->text,     it->status,           it->deadline,
			                        it->lead_unit, it->responsible_unit, it->acceptance_unit,
			                        it->goal};
			total++;
			for (size_t f = 0; f < sizeof fields / sizeof *fields; f++)
				if (fields[f] && strlen(fields[f]) > MAX_LINE) {
					import_set_error(err, it->line, -1,
					                 tr("第 %s 项（第 %d 行）的一个字段超过 64 KB：多半是几项连在了一起；"
					                    "请检查这一项的编号和标签"),
					                 it->no, it->line);
					return -1;
				}
			for (size_t m = 0; m < it->measure_count; m++)
				if (strlen(it->measures[m].text) > MAX_LINE) {
					import_set_error(err, it->line, -1,
					                 tr("第 %s 项（第 %d 行）的一个字段超过 64 KB：多半是几项连在了一起；"
					                    "请检查这一项的编号和标签"),
					                 it->no, it->line);
					return -1;
				}
			empty += !it->status && !it->deadline && !it->lead_unit && !it->responsible_unit &&
			         !it->acceptance_unit && !it->goal && it->measure_count == 0;
		}
	if (total >= 4 && empty * 2 > total) {
		import_set_error(err, ps->lines[ps->items[0].line].no > INT32_MAX ? INT32_MAX
		                                                                  : (int)ps->lines[ps->items[0].line].no,
		                 -1,
		                 tr("从第 %zu 行起的编号列表有 %zu 项，其中 %zu 项没有任何字段（状态、时限、"
		                    "单位、措施）：这不像整改问题清单；请检查报告的版式"),
		                 ps->lines[ps->items[0].line].no, total, empty);
		return -1;
	}
	return 0;
}

/* A notice's date (the last date line, its signature) and publicity period (公示时间：…). */
static void notice_details(struct parser *ps, struct import_report *r)
{
	for (size_t i = 0; i < ps->n; i++) {
		const struct line *L = &ps->lines[i];
		if (L->label == LB_PUBLICITY && !r->publicity && L->value_off < L->len)
			r->publicity = import_dup_clean(ps, L->s + L->value_off, L->len - L->value_off);
		else if (L->inl == LB_PUBLICITY && !r->publicity && L->inl_value_off < L->len)
			r->publicity = import_dup_clean(ps, L->s + L->inl_value_off, L->len - L->inl_value_off);
		if (import_line_is_date(L)) {
			free(r->notice_date);
			r->notice_date = import_dup_clean(ps, L->s, L->len);
		}
	}
}

/* Counts what was read, for the confidence summary. */
static void count_stats(const struct parser *ps, struct import_report *r)
{
	struct import_stats *st = &r->stats;

	st->furniture = ps->furniture;
	for (size_t i = 0; i < ps->n; i++)
		st->skipped += ps->lines[i].skip && ps->lines[i].len > 0;
	st->untaken = ps->untaken;
	for (size_t c = 0; c < r->category_count; c++)
		for (size_t i = 0; i < r->categories[c].item_count; i++) {
			const struct import_item *it = &r->categories[c].items[i];
			st->items++;
			st->status += it->status != NULL;
			st->deadline += it->deadline != NULL;
			st->units += it->lead_unit || it->responsible_unit || it->acceptance_unit;
			st->measures += it->measure_count;
		}
}

static void parser_free(struct parser *ps)
{
	for (size_t i = 0; i < ps->nowned; i++)
		free(ps->owned[i]);
	free(ps->owned);
	free(ps->breaks);
	for (size_t w = 0; w < ps->nwarn; w++)
		free(ps->warn[w]);
	free(ps->warn);
	free(ps->lines);
	free(ps->items);
}

/* The message when no item list was found. */
/* The 1-based number of the first line with text (1 when there is none). */
static int first_text_line(const struct parser *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		if (ps->lines[i].len)
			return ps->lines[i].no > INT32_MAX ? INT32_MAX : (int)ps->lines[i].no;
	return 1;
}

static void not_a_report(struct parser *ps, struct import_error *err)
{
	size_t longest = 0, at = 0, text = 0;

	for (size_t i = 0; i < ps->n; i++) {
		if (ps->lines[i].len)
			text++;
		if (ps->lines[i].len > longest) {
			longest = ps->lines[i].len;
			at = i;
		}
	}
	if (longest > 65536 && text <= 3)
		import_set_error(err, (int)at + 1, -1,
		          tr("第 %zu 行长 %zu 字节，其中没有编号的问题清单：报告的换行多半在转换时丢了；请重新转换文档并保留换行"),
		          at + 1, longest);
	else
		/* the whole file, from its first line of text */
		import_set_error(err, first_text_line(ps), -1,
		          tr("没有找到后面跟着状态、进展或字段标签（整改进展情况：、整改状态：、整改措施：、牵头单位：…）的编号问题：这不像整改报告；如果文字是乱码，请用 --encoding 指定编码"));
}

int import_parse(const char *file, const char *data, size_t len, const char *encoding,
                 struct import_report **out, struct import_error *err)
{
	struct parser ps;
	struct import_report *r = NULL;
	struct import_error dummy;
	char *utf8 = NULL, *norm = NULL, *clean = NULL;
	size_t ulen = 0, nlen, first_anchor, *nx = NULL, at;
	const char *used = NULL;
	struct sbuf title = {0};

	memset(&ps, 0, sizeof ps);
	if (!err)
		err = &dummy;
	memset(err, 0, sizeof *err);
	err->offset = -1;
	*out = NULL;
	if (!data)
		len = 0;

	if (len == 0) {
		import_set_error(err, 0, -1, tr("文件是空的，没有可导入的内容"));
		return -1;
	}
	if (text_to_utf8(data, len, encoding, &utf8, &ulen, &used, err->msg, sizeof err->msg) < 0) {
		free(utf8);
		if (!err->msg[0])
			import_set_error(err, 0, -1, tr("无法解码文件；请用 --encoding 指定编码"));
		err->offset = message_offset(err->msg);
		return -1;
	}
	{
		size_t i = 0, n;
		while (i < ulen) {
			uint32_t cp = cp_at(utf8, ulen, i, &n);
			if (!(is_space_cp(cp) || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v'))
				break;
			i += n;
		}
		if (i == ulen) {
			import_set_error(err, 0, -1, tr("文件只有空行，没有可导入的内容"));
			goto fail;
		}
	}
	if (import_lines_html(utf8, ulen)) {
		import_set_error(err, 1, 0,
		          tr("文件是 HTML 或 XML 网页，不是文本报告；请把网页另存为纯文本（浏览器的“另存为…文本”，或 `lynx -dump`）再导入"));
		goto fail;
	}
	if (import_lines_mojibake(&ps, &utf8, &ulen, "fixed.txt", err) < 0) {
		if (ps.oom)
			goto oom;
		goto fail;
	}
	if (import_lines_binary(utf8, ulen, &at)) {
		import_set_error(err, 0, -1,
		          tr("文件含二进制数据（解码后的文本从第 %zu 字节起有控制字符），不是文本报告；如果是 Word 或 PDF 文件，请先转换成文本"),
		          at);
		goto fail;
	}
	norm = malloc(ulen + 1);
	if (!norm)
		goto oom;
	nlen = import_lines_normalise(&ps, utf8, ulen, norm);
	free(utf8);
	utf8 = NULL;
	clean = text_sanitize(norm, nlen, 1);
	free(norm);
	norm = NULL;
	if (!clean)
		goto oom;
	if (import_lines_split(&ps, clean, strlen(clean)) < 0)
		goto oom;
	if (ps.max_line > MAX_LINE) {
		/* A report's line is a paragraph at most; 36 MB on one line is a lost conversion. */
		import_set_error(err, ps.max_line_no > INT32_MAX ? INT32_MAX : (int)ps.max_line_no, -1,
		                 tr("第 %zu 行长 %zu 字节（超过 64 KB），不是报告中的一行：多半是转换时丢了换行；"
		                    "请重新转换文档并保留换行"),
		                 ps.max_line_no, ps.max_line);
		goto fail;
	}

	if (!(nx = import_structure_next(&ps)))
		goto oom;
	switch (import_structure_notice(&ps)) {
	case -1:
		goto oom;
	case 1:
		break; /* a single-item notice: its sections are its fields */
	default:
		ps.item_style = import_structure_style(&ps, nx, &first_anchor);
		if (ps.item_style == ST_NONE) {
			not_a_report(&ps, err);
			goto fail;
		}
		import_structure_mark_skips(&ps, first_anchor);
		free(nx);
		if (!(nx = import_structure_next(&ps)))
			goto oom;
		if (import_structure_chain(&ps, nx, first_anchor) < 0)
			goto oom;
		if (ps.nitems == 0) {
			not_a_report(&ps, err);
			goto fail;
		}
		import_structure_headings(&ps);
	}

	if (!(r = calloc(1, sizeof *r)))
		goto oom;
	if (import_structure_categories(&ps, r) < 0)
		goto oom;
	if (import_structure_check(&ps, nx, err) < 0) {
		if (ps.oom)
			goto oom;
		goto fail;
	}

	import_title_find(&ps, &title, ps.items[0].first, ps.list_end);
	if (title.p) {
		size_t rl = import_title_region_len(title.p, title.len), off = 0, rdl;
		r->title = import_dup_clean(&ps, title.p, title.len);
		if (rl) {
			size_t skip = has_prefix(title.p, title.len, "中共") || has_prefix(title.p, title.len, "关于") ? strlen("中共") : 0;
			r->region = import_dup_clean(&ps, title.p + skip, rl - skip);
		}
		if ((rdl = import_title_round(title.p, title.len, &off)) > 0)
			r->round = import_dup_clean(&ps, title.p + off, rdl);
	} else {
		const char *b = base_name(file), *dot = strrchr(b, '.');
		r->title = import_dup_clean(&ps, b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
		import_warn(&ps, tr("没有找到报告标题（含“督察”或“整改”、以“报告”“情况”或“方案”结尾的一行）；改用文件名"));
	}
	import_structure_check_claims(&ps, import_report_item_count(r));
	if (check_items(&ps, r, err) < 0)
		goto fail;

	if (ps.notice)
		notice_details(&ps, r);
	count_stats(&ps, r);
	r->file = import_dup_clean(&ps, base_name(file), strlen(base_name(file)));
	r->encoding = import_dup_clean(&ps, used ? used : "UTF-8", strlen(used ? used : "UTF-8"));
	digest(data, len, r->digest);
	if (ps.oom)
		goto oom;
	r->warnings = ps.warn;
	r->warning_count = ps.nwarn;
	ps.warn = NULL;
	ps.nwarn = 0;
	import_buf_free(&title);
	free(nx);
	free(clean);
	parser_free(&ps);
	*out = r;
	return 0;

oom:
	import_set_error(err, 0, -1, tr("读取报告时内存不足"));
fail:
	import_buf_free(&title);
	import_report_free(r);
	free(nx);
	free(utf8);
	free(norm);
	free(clean);
	parser_free(&ps);
	return -1;
}
