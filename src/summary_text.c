/* summary_text.c — the summary page and the notice as aligned plain text: columns measured in
 * display width (text_width, a double-width character never split), long cells cut with "…",
 * paragraphs wrapped. Model code: builds a string, never prints. Every stored text is
 * sanitised here, so the result is safe to write to a terminal or a file as it is. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "msg.h"
#include "summary.h"
#include "text.h"

#define DEFAULT_WIDTH 100
#define GAP 2 /* columns between table columns */

struct sb {
	char *p;
	size_t len, cap;
	int failed;
};

static void sb_add(struct sb *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *p;
		while (cap < b->len + n + 1)
			cap *= 2;
		if (!(p = realloc(b->p, cap))) {
			b->failed = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_str(struct sb *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void sb_spaces(struct sb *b, int n)
{
	for (; n > 0; n--)
		sb_add(b, " ", 1);
}

static void sb_printf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(struct sb *b, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > 0)
		sb_add(b, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* Removes trailing spaces of the current line, then ends it. */
static void sb_nl(struct sb *b)
{
	while (b->len && b->p[b->len - 1] == ' ')
		b->p[--b->len] = '\0';
	sb_add(b, "\n", 1);
}

/* A line of cols "-", ended. */
static void sb_rule(struct sb *b, int cols)
{
	for (int i = 0; i < cols; i++)
		sb_str(b, "-");
	sb_nl(b);
}

/* The built text (malloc'd, the caller frees it) and its length in bytes in *len (len may
 * be NULL); NULL when memory ran out on the way. */
static char *sb_finish(struct sb *b, size_t *len)
{
	if (b->failed) {
		free(b->p);
		return NULL;
	}
	if (len)
		*len = b->len;
	return b->p;
}

static int width_of(const char *s)
{
	return text_width(s, strlen(s));
}

/* Writes s (sanitised, one line) in exactly cols columns, cut with "…" when longer, aligned
 * left or right. */
static void cell(struct sb *b, const char *s, int cols, int right)
{
	char *clean = text_sanitize(s ? s : "", strlen(s ? s : ""), 0);
	const char *t = clean ? clean : "";
	size_t len = strlen(t), n;
	int used, ell = width_of("…");

	n = text_fit(t, len, cols, &used);
	if (n < len) {
		n = text_fit(t, len, cols - ell, &used);
		sb_add(b, t, n);
		sb_str(b, "…");
		used += ell;
		sb_spaces(b, cols - used);
	} else if (right) {
		sb_spaces(b, cols - used);
		sb_add(b, t, n);
	} else {
		sb_add(b, t, n);
		sb_spaces(b, cols - used);
	}
	free(clean);
}

/* cell(s, cols, left aligned) into buf (size bytes, cut there): a label repeated in front of
 * every wrapped line. */
static void cell_into(char *buf, size_t size, const char *s, int cols)
{
	struct sb l = {0};

	cell(&l, s, cols, 0);
	snprintf(buf, size, "%s", l.p ? l.p : "");
	free(l.p);
}

static void centered(struct sb *b, const char *s, int width)
{
	int w = width_of(s);

	sb_spaces(b, w < width ? (width - w) / 2 : 0);
	cell(b, s, w < width ? w : width, 0);
	sb_nl(b);
}

static void right_aligned(struct sb *b, const char *s, int width)
{
	int w = width_of(s);

	sb_spaces(b, w < width ? width - w : 0);
	cell(b, s, w < width ? w : width, 0);
	sb_nl(b);
}

/* Chinese line breaking (禁则): closing punctuation never starts a line. Given a line of n
 * bytes out of the len at s, returns a shorter n that moves the line's last character down with
 * the punctuation after it (never emptying the line). */
static size_t keep_closing(const char *s, size_t n, size_t len)
{
	static const uint32_t closing[] = {0x3002, 0xFF0C, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,
	                                   0xFF09, 0x300B, 0x300D, 0x300F, 0x3011, 0x201D, 0x2019,
	                                   0x2026, ',', '.', ';', ':', '?', '!', ')'};
	uint32_t next, cp;
	size_t last = 0, i = 0;
	int is_closing = 0;

	if (n >= len)
		return n;
	text_decode(s + n, len - n, &next);
	for (size_t k = 0; k < sizeof closing / sizeof closing[0]; k++)
		if (next == closing[k])
			is_closing = 1;
	if (!is_closing)
		return n;
	while (i < n) {
		last = i;
		i += text_decode(s + i, n - i, &cp);
	}
	return last > 0 ? last : n;
}

/* Wraps s (sanitised; newlines start new lines) into width columns; every line starts with
 * first (the first line) or rest (the others), both of indent columns. */
static void wrap(struct sb *b, const char *s, int width, const char *first, const char *rest,
                 int indent)
{
	char *clean = text_sanitize(s ? s : "", strlen(s ? s : ""), 1);
	const char *t = clean ? clean : "";
	int line = 0;

	do {
		const char *eol = strchr(t, '\n');
		size_t len = eol ? (size_t)(eol - t) : strlen(t);

		do {
			size_t n = text_fit(t, len, width - indent > 2 ? width - indent : 2, NULL);
			if (n == 0 && len)
				n = len; /* never loop on a character wider than the column */
			n = keep_closing(t, n, len);
			sb_str(b, line++ ? rest : first);
			sb_add(b, t, n);
			sb_nl(b);
			t += n;
			len -= n;
		} while (len);
		t = eol ? eol + 1 : t + len;
		if (!eol)
			break;
	} while (1);
	free(clean);
}

/* ---- the summary ------------------------------------------------------------------------- */

struct column {
	const char *head;
	int width, right;
};

static void table_head(struct sb *b, const struct column *c, size_t n)
{
	int total = 0;

	for (size_t i = 0; i < n; i++) {
		cell(b, c[i].head, c[i].width, c[i].right);
		sb_spaces(b, i + 1 < n ? GAP : 0);
		total += c[i].width + (i + 1 < n ? GAP : 0);
	}
	sb_nl(b);
	sb_rule(b, total);
}

static void count_line(struct sb *b, const struct summary_row *r, const struct column *c)
{
	char num[32];
	size_t k = 0;

	cell(b, r->name, c[k++].width, 0);
	for (int st = 0; st < STATE_COUNT; st++) {
		snprintf(num, sizeof num, "%ld", r->by_state[st]);
		sb_spaces(b, GAP);
		cell(b, num, c[k++].width, 1);
	}
	snprintf(num, sizeof num, "%ld", r->total);
	sb_spaces(b, GAP);
	cell(b, num, c[k++].width, 1);
	snprintf(num, sizeof num, "%ld", r->overdue);
	sb_spaces(b, GAP);
	cell(b, num, c[k++].width, 1);
	snprintf(num, sizeof num, "%d%%", summary_percent_done(r));
	sb_spaces(b, GAP);
	cell(b, num, c[k++].width, 1);
	sb_nl(b);
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

static void counts_table(struct sb *b, const struct summary *s, int width)
{
	struct column c[STATE_COUNT + 4];
	size_t k = 0, n = STATE_COUNT + 4;
	int name_w = width_of(tr("地区")), rest = 0;

	for (size_t i = 0; i < s->row_count; i++)
		name_w = max_int(name_w, width_of(s->rows[i].name));
	c[k++] = (struct column){tr("地区"), 0, 0};
	for (int st = 0; st < STATE_COUNT; st++)
		c[k++] = (struct column){state_label((enum state)st), 0, 1};
	c[k++] = (struct column){tr("合计"), 0, 1};
	c[k++] = (struct column){tr("逾期"), 0, 1};
	c[k++] = (struct column){tr("完成率"), 0, 1};
	/* Each number column as wide as its header or its widest value, which is the total's. */
	for (size_t i = 1; i < n; i++) {
		char num[32];
		long v = i <= STATE_COUNT             ? s->total.by_state[i - 1]
		         : i == STATE_COUNT + 1       ? s->total.total
		         : i == STATE_COUNT + 2       ? s->total.overdue
		                                      : 100;
		snprintf(num, sizeof num, i == STATE_COUNT + 3 ? "%ld%%" : "%ld", v);
		c[i].width = max_int(width_of(c[i].head), width_of(num));
		rest += c[i].width + GAP;
	}
	/* The region column takes what is left, and long names are cut. */
	c[0].width = name_w < width - rest ? name_w : max_int(width - rest, 8);
	table_head(b, c, n);
	for (size_t i = 0; i < s->row_count; i++)
		count_line(b, &s->rows[i], c);
	count_line(b, &s->total, c);
}

static void list_table(struct sb *b, const struct summary *s, enum summary_list_kind kind,
                       int width)
{
	const struct summary_list *l = &s->lists[kind];
	struct column c[6];
	size_t n = kind == SUMMARY_AWAITING ? 5 : 6;
	int fixed = 0;
	char num[32];

	c[0] = (struct column){tr("序号"), width_of(tr("序号")), 1};
	c[1] = (struct column){tr("编号"), width_of(tr("编号")), 0};
	c[2] = (struct column){tr("地区"), width_of(tr("地区")), 0};
	c[3] = (struct column){tr("问题"), 0, 0};
	c[4] = (struct column){tr("期限"), 10, 0};
	c[5] = (struct column){kind == SUMMARY_OVERDUE ? tr("逾期天数") : tr("剩余天数"), 0, 1};
	c[5].width = width_of(c[5].head);
	snprintf(num, sizeof num, "%zu", l->count);
	c[0].width = max_int(c[0].width, width_of(num));
	for (size_t i = 0; i < l->count; i++) {
		c[1].width = max_int(c[1].width, width_of(l->items[i].no));
		c[2].width = max_int(c[2].width, width_of(l->items[i].region));
	}
	c[1].width = c[1].width > 8 ? 8 : c[1].width;
	c[2].width = c[2].width > 16 ? 16 : c[2].width;
	for (size_t i = 0; i < n; i++)
		if (i != 3)
			fixed += c[i].width + GAP;
	c[3].width = max_int(width - fixed, 10);
	sb_printf(b, tr("%s（共 %ld 项）"), summary_list_title(kind), l->total);
	sb_nl(b);
	if (l->count == 0) {
		sb_str(b, tr("（无）"));
		sb_nl(b);
		return;
	}
	table_head(b, c, n);
	for (size_t i = 0; i < l->count; i++) {
		const struct summary_item *it = &l->items[i];
		char iso[16];
		/* A date as a date; otherwise the deadline as printed (立行立改, 长期坚持 …). */
		const char *due = it->due >= 0 ? date_format_iso(it->due, iso) : it->deadline ? it->deadline : "";

		snprintf(num, sizeof num, "%zu", i + 1);
		cell(b, num, c[0].width, 1);
		sb_spaces(b, GAP);
		cell(b, it->no, c[1].width, 0);
		sb_spaces(b, GAP);
		cell(b, it->region, c[2].width, 0);
		sb_spaces(b, GAP);
		cell(b, it->text, c[3].width, 0);
		sb_spaces(b, GAP);
		cell(b, due, c[4].width, 0);
		if (n == 6) {
			snprintf(num, sizeof num, "%ld", it->days);
			sb_spaces(b, GAP);
			cell(b, num, c[5].width, 1);
		}
		sb_nl(b);
	}
	if ((long)l->count < l->total) {
		sb_printf(b, tr("另有 %ld 项未列出（duban print --limit 0 列出全部）"),
		          l->total - (long)l->count);
		sb_nl(b);
	}
}

static const char *const section_no[] = {"一、", "二、", "三、", "四、"};

char *summary_text(const struct summary *s, int width, size_t *len)
{
	struct sb b = {0};
	char day[24];

	if (width <= 0)
		width = DEFAULT_WIDTH;
	centered(&b, s->title, width);
	sb_nl(&b);
	sb_printf(&b, tr("打印日期：%s　筛选：%s　打印人：%s"), summary_date_words(s->today, day),
	          s->filter ? s->filter : "", s->who ? s->who : "");
	sb_nl(&b);
	sb_nl(&b);
	sb_printf(&b, "%s%s", tr(section_no[0]), tr("分地区整改进展"));
	sb_nl(&b);
	counts_table(&b, s, width);
	for (int k = 0; k < SUMMARY_LISTS; k++) {
		sb_nl(&b);
		sb_str(&b, tr(section_no[k + 1]));
		list_table(&b, s, (enum summary_list_kind)k, width);
	}
	sb_nl(&b);
	sb_nl(&b);
	sb_str(&b, tr("审核人：＿＿＿＿＿＿＿＿　　　　日期：＿＿＿＿年＿＿月＿＿日"));
	sb_nl(&b);
	return sb_finish(&b, len);
}

/* ---- the notice -------------------------------------------------------------------------- */

char *notice_text(const struct notice *n, int width, size_t *len)
{
	struct sb b = {0};
	const char *indent = "　　"; /* two ideographic spaces: a paragraph's first-line indent */
	const int label_w = 12;
	char label[64];

	if (width <= 0)
		width = DEFAULT_WIDTH;
	centered(&b, n->title, width);
	sb_nl(&b);
	wrap(&b, n->body, width, indent, "", 0);
	wrap(&b, n->period, width, indent, "", 0);
	sb_str(&b, indent);
	sb_str(&b, tr("联系人：＿＿＿＿＿＿＿＿　　联系电话：＿＿＿＿＿＿＿＿＿＿"));
	sb_nl(&b);
	sb_str(&b, indent);
	sb_str(&b, tr("电子邮箱：＿＿＿＿＿＿＿＿＿＿＿＿　　通讯地址：＿＿＿＿＿＿＿＿＿＿＿＿"));
	sb_nl(&b);
	sb_str(&b, indent);
	sb_str(&b, tr("特此公示。"));
	sb_nl(&b);
	sb_nl(&b);
	right_aligned(&b, n->issuer, width);
	right_aligned(&b, n->date, width);
	sb_nl(&b);
	sb_str(&b, tr("附表：整改任务销号情况"));
	sb_nl(&b);
	sb_rule(&b, width);
	{
		struct { const char *head, *value; } rows[] = {
			{tr("整改任务"), n->task}, {tr("责任单位"), n->unit}, {tr("整改目标"), n->goal}};
		char pad[64];

		memset(pad, ' ', (size_t)label_w);
		pad[label_w] = '\0';
		for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
			cell_into(label, sizeof label, rows[i].head, label_w);
			wrap(&b, rows[i].value && *rows[i].value ? rows[i].value : tr("（无）"), width, label,
			     pad, label_w);
		}
		for (size_t i = 0; i < n->measure_count || i == 0; i++) {
			char *m = NULL;
			cell_into(label, sizeof label, i == 0 ? tr("整改措施") : "", label_w);
			if (n->measure_count) {
				size_t need = strlen(n->measures[i]) + 16;
				if ((m = malloc(need)))
					snprintf(m, need, "%zu. %s", i + 1, n->measures[i]);
			}
			wrap(&b, m ? m : tr("（无）"), width, label, pad, label_w);
			free(m);
			if (!n->measure_count)
				break;
		}
		cell_into(label, sizeof label, tr("完成情况"), label_w);
		wrap(&b, n->result && *n->result ? n->result : tr("（无）"), width, label, pad, label_w);
	}
	sb_rule(&b, width);
	return sb_finish(&b, len);
}
