/* import.c — reads a rectification report (整改进展情况, 整改方案) into categories, items, fields
 * and measures. It parses by structure, never by the facts of one report: the item list is the
 * run of numbers that continue one another and are followed by labels (整改状态：, 牵头单位：…).
 * Pure model code: bytes in, structs and messages out; no SQL, no curses, no printing, no exit. */
#include "import.h"

#include "text.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How a report is read. Real reports are PDFs or Word files turned into text: lines break
 * anywhere, blank lines come and go, and a preface or a general report in front of the list
 * uses the same numbering as the list itself. So nothing here trusts the layout:
 *  1. Every line is classified: its numbering marker (style and value), or its label.
 *  2. An "anchor" is a numbered line whose text runs into a label (整改进展情况：, 牵头单位：…).
 *     The numbering style with the most anchors numbers the items.
 *  3. The items are the numbers of that style that continue one another from the first
 *     anchor; a number that does not continue the sequence is text ("547.5 万立方米"), and so
 *     is a continuing one when a surer candidate with the same number comes first ("7.9公里。").
 *  4. Headings are the short numbered lines (of other styles) right above an item; the
 *     deepest stack of them names the levels: category, then subcategory.
 *  5. Each item's lines are read into problem text, labelled fields and measure text; the
 *     measures are split by the style of their first marker, consecutively, or by paragraph.
 * Title, region and round come from a title-like block anywhere in the file. */

/* Numbering styles of a line start. Items, headings and measures each use one of them, but
 * which one differs from report to report (（一） is a measure in one, a category in another). */
enum style {
	ST_NONE,
	ST_ARABIC,       /* 1.  1、 １． */
	ST_ARABIC_PAREN, /* （1） (1) */
	ST_CN,           /* 一、 一． */
	ST_CN_PAREN,     /* （一） (一) (一） */
	ST_CIRCLED,      /* ① */
	ST_CN_SHI,       /* 一是 (measures only) */
	ST_CN_DI,        /* 第一个方面， 第一部分 (headings only) */
	ST_COUNT
};

struct marker {
	enum style style;
	int num;          /* 1..999 */
	size_t len;       /* bytes of the marker, its punctuation and the spaces after it */
	size_t no_off;    /* the number as printed: "1", "四十九", or "第一个方面" for ST_CN_DI */
	size_t no_len;
	int decimal;      /* "7.9公里": a digit right after the dot */
};

enum label_kind {
	LB_NONE,
	LB_STATUS,   /* 整改状态：always the item's status */
	LB_PROGRESS, /* 整改进展情况：a status when short, else the progress (measures) */
	LB_DEADLINE,
	LB_LEAD,
	LB_RESP,
	LB_ACCEPT,
	LB_GOAL,
	LB_MEASURES,
	LB_OTHER /* 配合单位：, 责任人： … a field the report model has no place for */
};

struct line {
	const char *s; /* trimmed text, not NUL-terminated */
	size_t len;
	struct marker mk; /* mk.style == ST_NONE when the line is not numbered */
	enum label_kind label;
	size_t value_off; /* where a label's value starts */
	size_t no;        /* 1-based line number in the file */
	/* A second label inside the line, "1.问题。整改状态：已完成", "牵头单位：甲 责任单位：乙":
	 * where it starts and where its value starts (inl == LB_NONE when there is none). */
	enum label_kind inl;
	size_t inl_off, inl_value_off;
	unsigned char paren; /* the label is inside a parenthesis: "（整改时限：2024年底）" */
	unsigned char skip; /* between （下转第7版） and （上接…）: not part of the list */
};

struct sbuf {
	char *p;
	size_t len, cap;
	int set;
};

struct head {
	size_t first, end; /* lines [first, end): the numbered line and its continuation */
};

#define MAX_HEADS 4

struct pitem {
	size_t line;  /* index of the item's numbered line */
	size_t first; /* first line of its heading stack, or line */
	struct head heads[MAX_HEADS]; /* outer to inner */
	int nheads;
};

struct chunk {
	const char *s;
	size_t len;
};

struct parser {
	struct line *lines;
	size_t n;
	enum style item_style;
	int oom;
	char **warn;
	size_t nwarn, capwarn;
	struct pitem *items;
	size_t nitems, capitems;
	size_t list_end; /* the line where the last item's content stops */
};

#define MAX_NUM 999

/* ---- small UTF-8 helpers ------------------------------------------------------------------ */

static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	uint32_t cp;

	if (i >= len) {
		*n = 0;
		return 0;
	}
	*n = text_decode(s + i, len - i, &cp);
	return cp;
}

/* The code point ending just before byte i; its length in *n (0 at the start). */
static uint32_t cp_before(const char *s, size_t i, size_t *n)
{
	size_t k = i;
	uint32_t cp;

	if (i == 0) {
		*n = 0;
		return 0;
	}
	while (k > 0 && i - k < 4) {
		k--;
		if (((unsigned char)s[k] & 0xC0) != 0x80)
			break;
	}
	if (text_decode(s + k, i - k, &cp) != i - k) {
		*n = 1;
		return 0xFFFD;
	}
	*n = i - k;
	return cp;
}

static int is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0 || (cp >= 0x2002 && cp <= 0x200B);
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	size_t n;

	while (i < len && is_space_cp(cp_at(s, len, i, &n)))
		i += n;
	return i;
}

static void trim(const char **s, size_t *len)
{
	size_t n, i = skip_spaces(*s, *len, 0);

	*s += i;
	*len -= i;
	while (*len > 0 && is_space_cp(cp_before(*s, *len, &n)))
		*len -= n;
}

static int has_prefix(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	return len >= n && memcmp(s, lit, n) == 0;
}

static int has_suffix(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	return len >= n && memcmp(s + len - n, lit, n) == 0;
}

static const char *find_lit(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);

	if (n == 0 || len < n)
		return NULL;
	for (const char *p = s; (p = memchr(p, lit[0], len - (size_t)(p - s) - n + 1)) != NULL;
	     p++) {
		if (memcmp(p, lit, n) == 0)
			return p;
		if ((size_t)(p - s) + n >= len)
			break;
	}
	return NULL;
}

static size_t count_cps(const char *s, size_t len)
{
	size_t c = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

static int is_digit_cp(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static int has_digit(const char *s, size_t len)
{
	size_t n;

	for (size_t i = 0; i < len; i += n)
		if (is_digit_cp(cp_at(s, len, i, &n)))
			return 1;
	return 0;
}

/* Sentence-final punctuation: a line ending in one ends a paragraph. */
static int is_final_cp(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF1B || cp == 0xFF01 || cp == 0xFF1F || cp == ';' ||
	       cp == '!' || cp == '?';
}

static int is_open_paren(uint32_t cp)
{
	return cp == '(' || cp == 0xFF08;
}

static int is_close_paren(uint32_t cp)
{
	return cp == ')' || cp == 0xFF09;
}

/* ---- growing buffers ---------------------------------------------------------------------- */

static void sb_add(struct parser *ps, struct sbuf *b, const char *s, size_t n)
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

static void sb_free(struct sbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

/* Grows *arr (of *cap elements of size) to hold need elements; 0, or -1 out of memory. */
static int grow(struct parser *ps, void **arr, size_t *cap, size_t need, size_t size)
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

static void warnf(struct parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void warnf(struct parser *ps, const char *fmt, ...)
{
	char buf[512], *clean;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (grow(ps, (void **)&ps->warn, &ps->capwarn, ps->nwarn + 1, sizeof *ps->warn) < 0)
		return;
	clean = text_sanitize(buf, strlen(buf), 0);
	if (!clean) {
		ps->oom = 1;
		return;
	}
	ps->warn[ps->nwarn++] = clean;
}

static void set_error(struct import_error *err, int line, long offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void set_error(struct import_error *err, int line, long offset, const char *fmt, ...)
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
static char *dup_clean(struct parser *ps, const char *s, size_t len)
{
	char *c;

	trim(&s, &len);
	c = text_sanitize(s, len, 0);
	if (!c)
		ps->oom = 1;
	return c;
}

/* ---- numbers and markers ------------------------------------------------------------------ */

static int cn_digit(uint32_t cp)
{
	switch (cp) {
	case 0x3007: /* 〇 */
	case 0x96F6: /* 零 */
		return 0;
	case 0x4E00:
		return 1;
	case 0x4E8C: /* 二 */
	case 0x4E24: /* 两 */
		return 2;
	case 0x4E09:
		return 3;
	case 0x56DB:
		return 4;
	case 0x4E94:
		return 5;
	case 0x516D:
		return 6;
	case 0x4E03:
		return 7;
	case 0x516B:
		return 8;
	case 0x4E5D:
		return 9;
	default:
		return -1;
	}
}

static int cn_unit(uint32_t cp)
{
	return cp == 0x5341 ? 10 : cp == 0x767E ? 100 : 0; /* 十 百 */
}

/* A Chinese numeral 一 … 九百九十九 at s[i]: its value, bytes in *used; -1 if none. */
static int parse_cn_num(const char *s, size_t len, size_t i, size_t *used)
{
	int total = 0, cur = -1, last_unit = 1000, chars = 0;
	size_t j = i, n;

	while (j < len && chars < 8) {
		uint32_t cp = cp_at(s, len, j, &n);
		int d = cn_digit(cp), u = cn_unit(cp);
		if (d == 0) {
			if (total == 0 || cur >= 0)
				return -1;
		} else if (d > 0) {
			if (cur >= 0)
				return -1;
			cur = d;
		} else if (u) {
			if (u >= last_unit || (u == 100 && cur < 0))
				return -1;
			total += (cur > 0 ? cur : 1) * u;
			cur = -1;
			last_unit = u;
		} else {
			break;
		}
		j += n;
		chars++;
	}
	if (chars == 0)
		return -1;
	total += cur > 0 ? cur : 0;
	if (total < 1 || total > MAX_NUM)
		return -1;
	*used = j - i;
	return total;
}

/* ASCII or full-width digits at s[i], at most three: the value, bytes in *used; -1 if none
 * (four digits are a year, "2014、2015 年", not a number). */
static int parse_arabic(const char *s, size_t len, size_t i, size_t *used)
{
	int v = 0, digits = 0;
	size_t j = i, n;
	uint32_t cp;

	while (j < len && is_digit_cp(cp = cp_at(s, len, j, &n))) {
		if (++digits > 3)
			return -1;
		v = v * 10 + (int)(cp >= 0xFF10 ? cp - 0xFF10 : cp - '0');
		j += n;
	}
	if (digits == 0 || v < 1)
		return -1;
	*used = j - i;
	return v;
}

/* Recognises a numbering marker at the start of s. Returns 1 and fills *m, or 0. */
static int parse_marker(const char *s, size_t len, struct marker *m)
{
	size_t n, used, j;
	uint32_t cp = cp_at(s, len, 0, &n);
	int v;

	memset(m, 0, sizeof *m);
	if (len == 0)
		return 0;
	if (is_open_paren(cp)) {
		j = n;
		if ((v = parse_arabic(s, len, j, &used)) > 0)
			m->style = ST_ARABIC_PAREN;
		else if ((v = parse_cn_num(s, len, j, &used)) > 0)
			m->style = ST_CN_PAREN;
		else
			return 0;
		m->no_off = j;
		m->no_len = used;
		j += used;
		if (!is_close_paren(cp_at(s, len, j, &n)))
			return 0;
		j += n;
	} else if (is_digit_cp(cp)) {
		if ((v = parse_arabic(s, len, 0, &used)) < 0)
			return 0;
		m->no_len = used;
		j = used;
		cp = cp_at(s, len, j, &n);
		if (is_close_paren(cp)) { /* 1） is written for （1） */
			m->style = ST_ARABIC_PAREN;
			m->len = skip_spaces(s, len, j + n);
			m->num = v;
			return 1;
		}
		if (cp != '.' && cp != 0xFF0E && cp != 0x3001) /* . ． 、 */
			return 0;
		j += n;
		m->decimal = cp != 0x3001 && is_digit_cp(cp_at(s, len, j, &n));
		m->style = ST_ARABIC;
	} else if (cn_digit(cp) > 0 || cn_unit(cp) == 10) {
		if ((v = parse_cn_num(s, len, 0, &used)) < 0)
			return 0;
		m->no_len = used;
		j = used;
		cp = cp_at(s, len, j, &n);
		if (cp == 0x3001 || cp == '.' || cp == 0xFF0E)
			m->style = ST_CN;
		else if (cp == 0x662F) /* 是 */
			m->style = ST_CN_SHI;
		else
			return 0;
		j += n;
	} else if (cp == 0x7B2C) { /* 第 */
		static const char *const kinds[] = {"个方面", "方面", "部分", "类问题", "类"};
		size_t k;
		j = n;
		if ((v = parse_cn_num(s, len, j, &used)) < 0 && (v = parse_arabic(s, len, j, &used)) < 0)
			return 0;
		j += used;
		for (k = 0; k < sizeof kinds / sizeof *kinds; k++)
			if (has_prefix(s + j, len - j, kinds[k]))
				break;
		if (k == sizeof kinds / sizeof *kinds)
			return 0;
		j += strlen(kinds[k]);
		m->style = ST_CN_DI;
		m->no_len = j;
		cp = cp_at(s, len, j, &n);
		/* ， 、 ： : , . ． */
		if (cp == 0xFF0C || cp == 0x3001 || cp == 0xFF1A || cp == ':' || cp == ',' ||
		    cp == '.' || cp == 0xFF0E)
			j += n;
	} else if (cp >= 0x2460 && cp <= 0x2473) { /* ① … ⑳ */
		v = (int)(cp - 0x2460) + 1;
		m->style = ST_CIRCLED;
		m->no_len = n;
		j = n;
	} else {
		return 0;
	}
	m->num = v;
	m->len = skip_spaces(s, len, j);
	return 1;
}

/* ---- labels ------------------------------------------------------------------------------- */

static const struct {
	const char *name;
	enum label_kind kind;
} label_table[] = {
	{"整改进展情况", LB_PROGRESS}, {"整改完成情况", LB_PROGRESS}, {"整改落实情况", LB_PROGRESS},
	{"整改推进情况", LB_PROGRESS}, {"整改进展", LB_PROGRESS},     {"整改情况", LB_PROGRESS},
	{"进展情况", LB_PROGRESS},     {"完成情况", LB_PROGRESS},     {"落实情况", LB_PROGRESS},
	{"推进情况", LB_PROGRESS},     {"工作进展", LB_PROGRESS},     {"进展", LB_PROGRESS},
	{"整改状态", LB_STATUS},       {"整改进度", LB_STATUS},       {"完成状态", LB_STATUS},
	{"进展状态", LB_STATUS},       {"办理状态", LB_STATUS},       {"状态", LB_STATUS},
	{"整改时限", LB_DEADLINE},     {"整改期限", LB_DEADLINE},     {"完成时限", LB_DEADLINE},
	{"完成时间", LB_DEADLINE},     {"时限要求", LB_DEADLINE},     {"时限", LB_DEADLINE},
	{"牵头责任单位", LB_LEAD},     {"牵头单位", LB_LEAD},         {"牵头部门", LB_LEAD},
	{"责任单位", LB_RESP},         {"责任部门", LB_RESP},         {"责任主体", LB_RESP},
	{"验收单位", LB_ACCEPT},       {"验收部门", LB_ACCEPT},       {"整改目标", LB_GOAL},
	{"目标", LB_GOAL},             {"整改措施", LB_MEASURES},     {"整改举措", LB_MEASURES},
	{"主要措施", LB_MEASURES},     {"工作措施", LB_MEASURES},     {"措施", LB_MEASURES},
	{"整改结果", LB_PROGRESS},     {"目前进展", LB_PROGRESS},     {"当前进展", LB_PROGRESS},
	{"整改责任单位", LB_RESP},     {"配合单位", LB_OTHER},        {"配合部门", LB_OTHER},
	{"协办单位", LB_OTHER},        {"督办单位", LB_OTHER},        {"责任领导", LB_OTHER},
	{"包联领导", LB_OTHER},        {"责任人", LB_OTHER},          {"问题来源", LB_OTHER},
	{"问题类型", LB_OTHER},        {"整改依据", LB_OTHER},        {"销号标准", LB_OTHER},
	{"完成标准", LB_OTHER},
};

/* A label at the start of s: "整改状态：" (full- or half-width colon, spaces allowed around
 * it), "【整改状态】", or a label of four characters or more alone on its line ("整改措施").
 * (bare: allow that last form). Returns its kind and the offset of its value, or LB_NONE. */
static enum label_kind parse_label_at(const char *s, size_t len, size_t *value_off, int bare)
{
	size_t open = 0, n;

	*value_off = 0;

	if (cp_at(s, len, 0, &n) == 0x3010) /* 【 */
		open = n;
	for (size_t k = 0; k < sizeof label_table / sizeof *label_table; k++) {
		size_t j, nl = strlen(label_table[k].name);
		uint32_t cp;
		if (!has_prefix(s + open, len - open, label_table[k].name))
			continue;
		j = skip_spaces(s, len, open + nl);
		cp = cp_at(s, len, j, &n);
		if (open ? cp == 0x3011 : (cp == 0xFF1A || cp == ':')) {
			j += n;
			if (open && (cp_at(s, len, j, &n) == 0xFF1A || cp_at(s, len, j, &n) == ':'))
				j += n;
		} else if (!bare || open || j < len || nl < 12) {
			continue;
		}
		/* A bare label has its value offset at the end of the line. */
		*value_off = skip_spaces(s, len, j);
		return label_table[k].kind;
	}
	return LB_NONE;
}

static enum label_kind parse_label(const char *s, size_t len, size_t *value_off)
{
	return parse_label_at(s, len, value_off, 1);
}

/* The first label inside s after byte from that follows the end of a sentence, a space or a
 * parenthesis ("…。整改状态：", "甲 责任单位："), not one inside a phrase ("落实各项措施："). Only
 * the first 4 KB are searched: a label that far into a line is text. Returns LB_NONE or the
 * kind, with where the label and its value start. */
static enum label_kind find_inline_label(const char *s, size_t len, size_t from, size_t *off,
                                         size_t *value_off)
{
	size_t n, limit = len < 4096 ? len : 4096;

	for (size_t i = from; i < limit; i += n) {
		uint32_t cp = cp_at(s, len, i, &n);
		size_t at = i + n;
		enum label_kind k;
		if (!(is_final_cp(cp) || is_space_cp(cp) || is_close_paren(cp)))
			continue;
		at = skip_spaces(s, len, at);
		if (at >= len || (k = parse_label_at(s + at, len - at, value_off, 0)) == LB_NONE)
			continue;
		*off = at;
		*value_off += at;
		return k;
	}
	return LB_NONE;
}

/* ---- reading the text into lines ---------------------------------------------------------- */

/* Copies the UTF-8 text with every line end (CRLF, CR, LF, U+2028, U+2029) as '\n', terminal
 * escape sequences (ESC [ … final, ESC ] … BEL, C1 CSI) and Word's [bookmark: …] tags removed.
 * Line numbers stay those of the file. The result is len bytes at most. */
static size_t normalise(const char *in, size_t len, char *out)
{
	size_t i = 0, o = 0;

	while (i < len) {
		unsigned char c = (unsigned char)in[i];
		if (c == '\r') {
			out[o++] = '\n';
			i += (i + 1 < len && in[i + 1] == '\n') ? 2 : 1;
		} else if (c == 0x1B || (c == 0xC2 && i + 1 < len && (unsigned char)in[i + 1] == 0x9B)) {
			size_t j = i + (c == 0x1B ? 1 : 2);
			if (c == 0xC2 || (j < len && in[j] == '[')) {
				if (c == 0x1B)
					j++;
				while (j < len && (unsigned char)in[j] >= 0x20 && (unsigned char)in[j] <= 0x3F)
					j++;
				if (j < len && (unsigned char)in[j] >= 0x40 && (unsigned char)in[j] <= 0x7E)
					j++;
			} else if (j < len && in[j] == ']') {
				while (j < len && in[j] != 0x07 && in[j] != '\n' &&
				       !(in[j] == 0x1B && j + 1 < len && in[j + 1] == '\\'))
					j++;
				if (j < len && in[j] == 0x07)
					j++;
				else if (j < len && in[j] == 0x1B)
					j += 2;
			} else if (j < len && (unsigned char)in[j] >= 0x40 && (unsigned char)in[j] <= 0x7E) {
				j++;
			}
			i = j;
		} else if (c == 0xE2 && i + 2 < len && (unsigned char)in[i + 1] == 0x80 &&
		           ((unsigned char)in[i + 2] == 0xA8 || (unsigned char)in[i + 2] == 0xA9)) {
			out[o++] = '\n';
			i += 3;
		} else if (c == '[' && len - i >= 10 && memcmp(in + i, "[bookmark:", 10) == 0) {
			const char *e = memchr(in + i, ']', len - i < 200 ? len - i : 200);
			const char *nl = memchr(in + i, '\n', len - i < 200 ? len - i : 200);
			if (e && (!nl || e < nl)) {
				i = (size_t)(e - in) + 1;
			} else {
				out[o++] = in[i++];
			}
		} else {
			out[o++] = in[i++];
		}
	}
	return o;
}

/* Whether the text is mostly control characters or replacement characters: binary data that
 * happened to decode. Stores the byte offset of the first one in *at. */
static int looks_binary(const char *s, size_t len, size_t *at)
{
	size_t bad = 0, cps = 0, n;

	*at = 0;
	for (size_t i = 0; i < len; i += n) {
		uint32_t cp = cp_at(s, len, i, &n);
		cps++;
		if ((cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t' && cp != '\f' && cp != '\v' &&
		     cp != 0x1B) ||
		    cp == 0xFFFD || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0xE000 && cp <= 0xF8FF)) {
			if (bad++ == 0)
				*at = i;
		}
	}
	return bad > 8 && bad * 20 > cps;
}

static int ascii_ieq(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);

	if (len < n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lit[i])
			return 0;
	}
	return 1;
}

/* Whether the text is an HTML or XML page rather than text. */
static int looks_html(const char *s, size_t len)
{
	static const char *const tags[] = {"<!doctype", "<html", "<?xml", "<head", "<body",
	                                   "<meta",     "<div",  "<table", "<p>",  "<!--"};
	size_t i = skip_spaces(s, len, 0);

	while (i < len && (s[i] == '\n' || s[i] == '\r'))
		i = skip_spaces(s, len, i + 1);
	if (i >= len || s[i] != '<')
		return 0;
	for (size_t k = 0; k < sizeof tags / sizeof *tags; k++)
		if (ascii_ieq(s + i, len - i, tags[k]))
			return 1;
	return 0;
}

/* The last non-blank line before the last one read, or NULL. */
static const struct line *previous_text(const struct parser *ps)
{
	for (size_t i = ps->n - 1; i-- > 0;)
		if (ps->lines[i].len)
			return &ps->lines[i];
	return NULL;
}

/* Sets the label of the line just read (the last of ps->lines). A bare label, "整改措施" alone,
 * counts only after the end of a sentence: after "…反馈意见整改" it is the rest of a wrapped
 * heading. A label in parentheses on its own line, "（整改时限：2024年底）" wrapped away from
 * its status line, counts without its parentheses. */
static void classify_label(struct parser *ps, struct line *L)
{
	size_t n, open;

	L->label = parse_label(L->s, L->len, &L->value_off);
	if (L->label && L->value_off == L->len && !find_lit(L->s, L->len, "：") &&
	    !find_lit(L->s, L->len, ":") && !has_prefix(L->s, L->len, "【")) {
		const struct line *P = previous_text(ps);
		if (P) {
			uint32_t cp = cp_before(P->s, P->len, &n);
			if (!(is_final_cp(cp) || is_close_paren(cp) || cp == 0xFF1A || cp == ':' ||
			      P->label))
				L->label = LB_NONE;
		}
	}
	if (!L->label && is_open_paren(cp_at(L->s, L->len, 0, &open))) {
		size_t off;
		enum label_kind k = parse_label_at(L->s + open, L->len - open, &off, 0);
		if (k == LB_DEADLINE || k == LB_STATUS) {
			L->label = k;
			L->value_off = open + off;
			L->paren = 1;
		}
	}
}

/* Splits the sanitised text into trimmed lines and classifies each. */
static int split_lines(struct parser *ps, const char *s, size_t len)
{
	size_t cap = 0, i = 0;

	while (i <= len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len;
		struct line *L;
		if (!nl && i == len && ps->n > 0)
			break; /* the text ended with a newline: no empty line after it */
		if (grow(ps, (void **)&ps->lines, &cap, ps->n + 1, sizeof *ps->lines) < 0)
			return -1;
		L = &ps->lines[ps->n++];
		memset(L, 0, sizeof *L);
		L->s = s + i;
		L->len = e - i;
		trim(&L->s, &L->len);
		L->no = ps->n;
		if (L->len > 0 && !parse_marker(L->s, L->len, &L->mk))
			classify_label(ps, L);
		if (L->len > 0)
			L->inl = find_inline_label(L->s, L->len,
			                           L->label ? L->value_off : L->mk.style ? L->mk.len : 0,
			                           &L->inl_off, &L->inl_value_off);
		i = e + 1;
		if (!nl)
			break;
	}
	return 0;
}

static int is_blank(const struct line *L)
{
	return L->len == 0;
}

/* （下转第7版） and the like: the list continues in another part of the paper. */
static int is_down_marker(const struct line *L)
{
	if (L->len == 0 || L->len > 48)
		return 0;
	return find_lit(L->s, L->len, "下转") || find_lit(L->s, L->len, "未完待续") ||
	       (find_lit(L->s, L->len, "转第") && (find_lit(L->s, L->len, "版") ||
	                                           find_lit(L->s, L->len, "页")));
}

/* （上接第6版）: where such a continuation resumes. */
static int is_up_marker(const struct line *L)
{
	if (L->len == 0 || L->len > 48)
		return 0;
	return find_lit(L->s, L->len, "上接") || find_lit(L->s, L->len, "接上") ||
	       (find_lit(L->s, L->len, "接第") && (find_lit(L->s, L->len, "版") ||
	                                           find_lit(L->s, L->len, "页")));
}

/* "附件", "附件2", "附件：…": an attachment begins. */
static int is_attachment(const struct line *L)
{
	size_t j, n;

	if (!has_prefix(L->s, L->len, "附件"))
		return 0;
	j = skip_spaces(L->s, L->len, strlen("附件"));
	while (j < L->len && is_digit_cp(cp_at(L->s, L->len, j, &n)))
		j += n;
	if (j < L->len && (cn_digit(cp_at(L->s, L->len, j, &n)) > 0))
		j += n;
	j = skip_spaces(L->s, L->len, j);
	return j == L->len || has_prefix(L->s + j, L->len - j, "：") ||
	       has_prefix(L->s + j, L->len - j, ":");
}

/* A line holding only a date, "2024年12月31日": the signature at a report's end. */
static int is_date_line(const struct line *L)
{
	size_t j = 0, n, digits = 0;
	const char *parts[] = {"年", "月", "日"};

	for (int k = 0; k < 3; k++) {
		digits = 0;
		j = skip_spaces(L->s, L->len, j);
		while (j < L->len && is_digit_cp(cp_at(L->s, L->len, j, &n))) {
			j += n;
			digits++;
		}
		if (digits == 0 || digits > 4)
			return 0;
		j = skip_spaces(L->s, L->len, j);
		if (!has_prefix(L->s + j, L->len - j, parts[k]))
			return 0;
		j += strlen(parts[k]);
	}
	return skip_spaces(L->s, L->len, j) == L->len;
}

/* ---- the item list ------------------------------------------------------------------------ */

static int item_capable(enum style st)
{
	return st == ST_ARABIC || st == ST_ARABIC_PAREN || st == ST_CN || st == ST_CN_PAREN ||
	       st == ST_CIRCLED;
}

static int heading_capable(enum style st)
{
	return st == ST_ARABIC || st == ST_ARABIC_PAREN || st == ST_CN || st == ST_CN_PAREN ||
	       st == ST_CN_DI;
}

/* next_struct[i]: the first non-blank, non-skipped line at or after i that is numbered or
 * labelled (n if none). An item's problem text runs up to it, so a numbered line whose next
 * such line is a label is an "anchor": a problem followed by its status or fields. A line like
 * "3.5万亩。" may be a wrapped continuation, so it does not end a problem text here. */
static size_t *compute_next_struct(struct parser *ps)
{
	size_t *nx = malloc((ps->n + 1) * sizeof *nx);

	if (!nx) {
		ps->oom = 1;
		return NULL;
	}
	nx[ps->n] = ps->n;
	for (size_t i = ps->n; i-- > 0;) {
		const struct line *L = &ps->lines[i];
		nx[i] = (!L->skip && ((L->mk.style && !L->mk.decimal) || L->label || L->inl)) ? i
		                                                                             : nx[i + 1];
	}
	return nx;
}

static int is_anchor(const struct parser *ps, const size_t *nx, size_t i)
{
	size_t k = nx[i + 1];

	if (ps->lines[i].inl)
		return 1;
	return k < ps->n && (ps->lines[k].label != LB_NONE ||
	                     (!ps->lines[k].mk.style && ps->lines[k].inl != LB_NONE));
}

/* Picks the item numbering style: the one with the most anchors (ties: the earliest). */
static enum style choose_item_style(struct parser *ps, const size_t *nx, size_t *first_anchor)
{
	size_t count[ST_COUNT] = {0}, first[ST_COUNT];
	enum style best = ST_NONE;

	for (int k = 0; k < ST_COUNT; k++)
		first[k] = SIZE_MAX;
	for (size_t i = 0; i < ps->n; i++) {
		enum style st = ps->lines[i].mk.style;
		if (!item_capable(st) || !is_anchor(ps, nx, i))
			continue;
		count[st]++;
		/* The first anchor, but not a "3.5万亩" when a plain number follows. */
		if (first[st] == SIZE_MAX || (ps->lines[first[st]].mk.decimal && !ps->lines[i].mk.decimal))
			first[st] = i;
	}
	for (int k = 1; k < ST_COUNT; k++)
		if (count[k] && (best == ST_NONE || count[k] > count[best] ||
		                 (count[k] == count[best] && first[k] < first[best])))
			best = (enum style)k;
	*first_anchor = best == ST_NONE ? SIZE_MAX : first[best];
	return best;
}

/* Marks the lines between a （下转第N版） after the list's start and the next （上接…） as not
 * part of the list; warns when nothing resumes it. */
static void mark_skips(struct parser *ps, size_t from)
{
	for (size_t i = from; i < ps->n; i++) {
		size_t j;
		if (!is_down_marker(&ps->lines[i]))
			continue;
		for (j = i; j < ps->n && !(j > i && is_up_marker(&ps->lines[j])); j++)
			ps->lines[j].skip = 1;
		if (j < ps->n) {
			ps->lines[j].skip = 1;
		} else {
			char what[64];
			size_t wl = ps->lines[i].len < sizeof what - 1 ? ps->lines[i].len : sizeof what - 1;
			while (wl > 0 && ((unsigned char)ps->lines[i].s[wl] & 0xC0) == 0x80)
				wl--;
			memcpy(what, ps->lines[i].s, wl);
			what[wl] = '\0';
			warnf(ps, "the list stops at line %zu (%s): the report may be continued elsewhere",
			      ps->lines[i].no, what);
		}
		i = j;
	}
}

static int add_item(struct parser *ps, size_t line)
{
	struct pitem *it;

	if (grow(ps, (void **)&ps->items, &ps->capitems, ps->nitems + 1, sizeof *ps->items) < 0)
		return -1;
	it = &ps->items[ps->nitems++];
	memset(it, 0, sizeof *it);
	it->line = line;
	it->first = line;
	return 0;
}

/* How sure a candidate is to be an item: followed by labels (2) and not "3.5万亩" (1). */
static int strength(const struct parser *ps, const size_t *nx, size_t i)
{
	return 2 * is_anchor(ps, nx, i) + !ps->lines[i].mk.decimal;
}

/* Builds the chain of items: numbers of the item style that continue one another, from the
 * first anchor on. A number that does not continue the sequence is text ("547.5 万立方米",
 * a preface's own 1. 2. 3.). A continuing number is text too when a surer candidate with the
 * same number comes before the next number: "7.9公里。" or "2.5公里" wrapped inside an item,
 * ahead of the real "7.…" or "2.…". */
static int build_chain(struct parser *ps, const size_t *nx, size_t first_anchor)
{
	size_t nc = 0, *cand, *next_stronger, *next_plus1, start;
	size_t last_at[MAX_NUM + 2][4], last_any[MAX_NUM + 2];
	int expected;

	cand = malloc((ps->n + 1) * sizeof *cand);
	next_stronger = malloc((ps->n + 1) * sizeof *next_stronger);
	next_plus1 = malloc((ps->n + 1) * sizeof *next_plus1);
	if (!cand || !next_stronger || !next_plus1) {
		free(cand);
		free(next_stronger);
		free(next_plus1);
		ps->oom = 1;
		return -1;
	}
	for (size_t i = 0; i < ps->n; i++)
		if (ps->lines[i].mk.style == ps->item_style && !ps->lines[i].skip)
			cand[nc++] = i;
	for (size_t k = 0; k < MAX_NUM + 2; k++) {
		last_any[k] = SIZE_MAX;
		for (int s = 0; s < 4; s++)
			last_at[k][s] = SIZE_MAX;
	}
	for (size_t c = nc; c-- > 0;) {
		int num = ps->lines[cand[c]].mk.num, st = strength(ps, nx, cand[c]);
		next_stronger[c] = SIZE_MAX;
		for (int s = st + 1; s < 4; s++)
			if (last_at[num][s] < next_stronger[c])
				next_stronger[c] = last_at[num][s];
		next_plus1[c] = last_any[num + 1];
		last_at[num][st] = cand[c];
		last_any[num] = cand[c];
	}
	for (start = 0; start < nc && cand[start] != first_anchor; start++)
		;
	/* Items before the first anchor that lead up to it (a first item printed without status). */
	while (start > 0 && start < nc && ps->lines[cand[start]].mk.num > 1 &&
	       ps->lines[cand[start - 1]].mk.num == ps->lines[cand[start]].mk.num - 1 &&
	       strength(ps, nx, cand[start - 1]) != 0)
		start--;
	if (start >= nc)
		goto out;
	if (add_item(ps, cand[start]) < 0)
		goto out;
	expected = ps->lines[cand[start]].mk.num + 1;
	for (size_t c = start + 1; c < nc; c++) {
		size_t i = cand[c];
		int num = ps->lines[i].mk.num, sure = strength(ps, nx, i) == 3;
		if (num == expected) {
			if (next_stronger[c] != SIZE_MAX &&
			    (next_plus1[c] == SIZE_MAX || next_stronger[c] < next_plus1[c]))
				continue;
		} else if (sure && num == 1) {
			/* numbering that restarts in each category */
		} else if (sure && num > expected && num <= expected + 10) {
			warnf(ps, "line %zu: the item numbers jump from %d to %d; items may be missing",
			      ps->lines[i].no, expected - 1, num);
		} else {
			continue;
		}
		if (add_item(ps, i) < 0)
			break;
		expected = num + 1;
	}
out:
	free(cand);
	free(next_stronger);
	free(next_plus1);
	return ps->oom ? -1 : 0;
}

/* Appends the text of lines [from, to) (blank and skipped lines left out), the first from byte
 * off, joined with nothing in between: PDF line breaks fall anywhere, even inside a word. */
static void join_lines(struct parser *ps, struct sbuf *b, size_t from, size_t off, size_t to)
{
	for (size_t j = from; j < to; j++) {
		const struct line *L = &ps->lines[j];
		size_t o = j == from ? off : 0;
		if (L->skip || L->len <= o)
			continue;
		sb_add(ps, b, L->s + o, L->len - o);
	}
}

/* Whether lines [first, end) can be a heading: a numbered line of a heading style, and at most
 * a few continuation lines, short, without a full stop. */
static int heading_ok(struct parser *ps, size_t first, size_t end)
{
	const struct line *L = &ps->lines[first];
	size_t cps = count_cps(L->s + L->mk.len, L->len - L->mk.len), n;

	if (!heading_capable(L->mk.style) || L->mk.style == ps->item_style || L->mk.decimal)
		return 0;
	if (find_lit(L->s, L->len, "。"))
		return 0;
	for (size_t j = first + 1; j < end; j++) {
		const struct line *C = &ps->lines[j];
		if (C->skip || is_blank(C))
			continue;
		if (find_lit(C->s, C->len, "。"))
			return 0;
		cps += count_cps(C->s, C->len);
	}
	if (cps > 60)
		return 0;
	for (size_t j = end; j-- > first;) {
		const struct line *C = &ps->lines[j];
		if (C->skip || is_blank(C))
			continue;
		return !is_final_cp(cp_before(C->s, C->len, &n));
	}
	return 1;
}

/* The heading block that ends right before line `to`, not reaching below `lower`. */
static int find_heading(struct parser *ps, size_t lower, size_t to, struct head *h)
{
	size_t j = to, text = 0;
	const struct line *L;

	for (;;) {
		if (j <= lower)
			return 0;
		L = &ps->lines[--j];
		if (L->skip || is_blank(L))
			continue;
		if (L->label)
			return 0;
		if (L->mk.style)
			break;
		if (++text > 3)
			return 0;
	}
	if (!heading_ok(ps, j, to))
		return 0;
	/* Not a heading but the next measure of the previous item: （四） after （三）. */
	if (L->mk.num > 1)
		for (size_t k = lower; k < j; k++)
			if (ps->lines[k].mk.style == L->mk.style && ps->lines[k].mk.num == L->mk.num - 1 &&
			    !ps->lines[k].mk.decimal && !ps->lines[k].skip)
				return 0;
	h->first = j;
	h->end = to;
	return 1;
}

static void find_headings(struct parser *ps)
{
	for (size_t k = 0; k < ps->nitems; k++) {
		struct pitem *it = &ps->items[k];
		size_t lower = k == 0 ? 0 : ps->items[k - 1].line + 1, to = it->line;
		struct head stack[MAX_HEADS];
		int n = 0;
		while (n < MAX_HEADS && find_heading(ps, lower, to, &stack[n])) {
			to = stack[n].first;
			n++;
		}
		for (int i = 0; i < n; i++)
			it->heads[i] = stack[n - 1 - i];
		it->nheads = n;
		it->first = n ? it->heads[0].first : it->line;
	}
}

/* Where the content of the last item stops: a skipped region (（下转…）), an attachment, or
 * the date that signs the report (and the issuer's name above it). */
static size_t find_list_end(struct parser *ps)
{
	size_t from = ps->items[ps->nitems - 1].line + 1;

	for (size_t i = from; i < ps->n; i++) {
		const struct line *L = &ps->lines[i];
		if (L->skip || is_attachment(L))
			return i;
		if (is_date_line(L)) {
			size_t j = i;
			while (j > from && is_blank(&ps->lines[j - 1]))
				j--;
			if (j > from) {
				const struct line *P = &ps->lines[j - 1];
				if (!P->mk.style && !P->label && count_cps(P->s, P->len) <= 30 &&
				    !find_lit(P->s, P->len, "。") && !find_lit(P->s, P->len, "，"))
					return j - 1;
			}
			return i;
		}
	}
	return ps->n;
}

/* ---- items the chain could not take -------------------------------------------------------- */

/* A number of the item style too long for parse_marker at the start of L ("1000.", "（1000）"),
 * as an item past MAX_NUM prints it: its value, or -1. Only the Arabic styles go that far. */
static long overlong_number(const struct parser *ps, const struct line *L)
{
	size_t j = 0, n, digits = 0;
	long v = 0;
	uint32_t cp;
	int paren = 0;

	if (ps->item_style != ST_ARABIC && ps->item_style != ST_ARABIC_PAREN)
		return -1;
	if (ps->item_style == ST_ARABIC_PAREN && is_open_paren(cp_at(L->s, L->len, 0, &n))) {
		paren = 1;
		j = n;
	}
	while (j < L->len && is_digit_cp(cp = cp_at(L->s, L->len, j, &n))) {
		if (digits < 9)
			v = v * 10 + (long)(cp >= 0xFF10 ? cp - 0xFF10 : cp - '0');
		digits++;
		j += n;
	}
	if (digits <= 3)
		return -1;
	cp = cp_at(L->s, L->len, j, &n);
	if (ps->item_style == ST_ARABIC_PAREN)
		return is_close_paren(cp) ? v : -1;
	if (paren || !(cp == '.' || cp == 0xFF0E || cp == 0x3001))
		return -1;
	if (cp != 0x3001 && is_digit_cp(cp_at(L->s, L->len, j + n, &n)))
		return -1; /* "1000.5万元" */
	return v;
}

/* An item's lines [line, end) must not hold another item of its sequence, or that item's text
 * would silently become part of this one. Two cases:
 *  - the numbering runs past MAX_NUM: "1000." is not a marker (four digits are read as a year,
 *    "2014、2015年"), so items 1000 on would all be read into item 999. That is garbage, so
 *    the import fails.
 *  - a number of the item style followed by labels that the chain did not take (it did not
 *    continue the numbering, "5." then "17."): the chain may be right (it is text), so warn.
 * Returns 0, or -1 with err filled. */
static int check_swallowed(struct parser *ps, const size_t *nx, struct import_error *err)
{
	for (size_t k = 0; k < ps->nitems; k++) {
		const struct line *I = &ps->lines[ps->items[k].line];
		size_t end = k + 1 < ps->nitems ? ps->items[k + 1].first : ps->list_end;
		int warned = 0;

		for (size_t j = ps->items[k].line + 1; j < end; j++) {
			const struct line *L = &ps->lines[j];
			long over;

			if (L->skip || is_blank(L))
				continue;
			if (I->mk.num == MAX_NUM && (over = overlong_number(ps, L)) > MAX_NUM) {
				set_error(err, L->no > INT32_MAX ? INT32_MAX : (int)L->no, -1,
				          "item %ld follows item %d: duban reads at most %d items in one "
				          "numbering sequence, and the items from %ld on would be read into "
				          "item %d; split the report into parts of at most %d items, or number "
				          "the items afresh in each category",
				          over, MAX_NUM, MAX_NUM, over, MAX_NUM, MAX_NUM);
				return -1;
			}
			if (!warned && L->mk.style == ps->item_style && strength(ps, nx, j) == 3) {
				warnf(ps, "line %zu: number %d is followed by a status or field label like an "
				          "item, but does not continue the numbering after item %d (line %zu); "
				          "its text was read as part of item %d",
				      L->no, L->mk.num, I->mk.num, I->no, I->mk.num);
				warned = 1;
			}
		}
	}
	return ps->oom ? -1 : 0;
}

/* ---- title, region, round ----------------------------------------------------------------- */

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
static size_t region_len(const char *t, size_t len)
{
	size_t i = 0, n, start = 0, chars = 0;

	if (has_prefix(t, len, "中共"))
		start = i = strlen("中共");
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

	if (is_blank(L) || L->len > 240 || L->mk.style || L->label || is_attachment(L) ||
	    is_down_marker(L) || is_up_marker(L))
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
	static const char *const ends[] = {"报告", "情况", "方案", "清单", "台账", "表", "通报", "汇报"};
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
		sb_add(ps, b, s + i, j - i);
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
		if (!title_like(L) || (lines > 0 && region_len(L->s, L->len)))
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
	sb_free(&b);
	return 0;
}

/* The report's title: the first title block outside the item list (a newspaper page may print
 * it at the end), else one inside it. */
static void find_title(struct parser *ps, struct sbuf *out, size_t list_first, size_t list_end)
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
static size_t round_in(const char *t, size_t len, size_t *off)
{
	const char *p = find_lit(t, len, "第");

	while (p) {
		size_t i = (size_t)(p - t) + strlen("第"), used;
		if (parse_cn_num(t, len, i, &used) > 0 && has_prefix(t + i + used, len - i - used, "轮")) {
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

/* ---- one item ----------------------------------------------------------------------------- */

struct fields {
	struct sbuf text, status, deadline, lead, resp, accept, goal, other;
	struct chunk *chunks;
	size_t nchunks, capchunks;
};

static void fields_free(struct fields *f)
{
	sb_free(&f->text);
	sb_free(&f->status);
	sb_free(&f->deadline);
	sb_free(&f->lead);
	sb_free(&f->resp);
	sb_free(&f->accept);
	sb_free(&f->goal);
	sb_free(&f->other);
	free(f->chunks);
	f->chunks = NULL;
	f->nchunks = f->capchunks = 0;
}

static void add_chunk(struct parser *ps, struct fields *f, const char *s, size_t len)
{
	trim(&s, &len);
	if (len == 0)
		return;
	if (grow(ps, (void **)&f->chunks, &f->capchunks, f->nchunks + 1, sizeof *f->chunks) < 0)
		return;
	f->chunks[f->nchunks].s = s;
	f->chunks[f->nchunks].len = len;
	f->nchunks++;
}

/* A numbered line that starts the measures: a first number of another style than the items. */
static int measure_start(const struct parser *ps, const struct line *L)
{
	return L->mk.style && L->mk.style != ps->item_style && L->mk.style != ST_CN_DI &&
	       !L->mk.decimal && L->mk.num == 1;
}

/* Splits a status text into the status and a deadline printed with it: "已完成整改，长期坚持
 * （整改时限：立行立改，长期坚持）" or "…；整改时限：2024年底". */
static void split_deadline(struct parser *ps, const char *s, size_t len, struct fields *f)
{
	for (size_t k = 0; k < sizeof label_table / sizeof *label_table; k++) {
		const char *p;
		size_t off, n, plen;
		if (label_table[k].kind != LB_DEADLINE)
			continue;
		if (!(p = find_lit(s, len, label_table[k].name)))
			continue;
		off = (size_t)(p - s);
		if (parse_label(p, len - off, &n) != LB_DEADLINE)
			continue;
		if (off > 0 && is_open_paren(cp_before(s, off, &plen))) {
			/* the parenthesis closes at the last ） of the line */
			const char *close = NULL;
			for (size_t i = off; i < len;) {
				size_t m;
				uint32_t cp = cp_at(s, len, i, &m);
				if (is_close_paren(cp))
					close = s + i;
				i += m;
			}
			if (close) {
				size_t cl, after;
				cp_at(close, (size_t)(s + len - close), 0, &cl);
				after = (size_t)(close - s) + cl;
				f->deadline.len = 0;
				sb_add(ps, &f->deadline, p + n, (size_t)(close - (p + n)));
				f->status.len = 0;
				sb_add(ps, &f->status, s, off - plen);
				sb_add(ps, &f->status, s + after, len - after);
				return;
			}
		}
		f->deadline.len = 0;
		sb_add(ps, &f->deadline, p + n, len - off - n);
		f->status.len = 0;
		sb_add(ps, &f->status, s, off);
		return;
	}
	f->status.len = 0;
	sb_add(ps, &f->status, s, len);
}

/* Drops trailing spaces and sentence punctuation (。 ， ；) from a status. */
static void tidy_status(struct sbuf *b)
{
	size_t n;

	if (!b->p)
		return;
	for (;;) {
		uint32_t cp;
		if (b->len == 0)
			break;
		cp = cp_before(b->p, b->len, &n);
		if (!(is_space_cp(cp) || cp == 0x3002 || cp == 0xFF0C || cp == 0xFF1B || cp == ',' ||
		      cp == ';' || cp == '.'))
			break;
		b->len -= n;
	}
	b->p[b->len] = '\0';
}

/* Whether a progress text is a status ("已完成整改，长期坚持") rather than the measures. */
static int short_status(const char *s, size_t len)
{
	struct marker m;
	const char *stop = find_lit(s, len, "。");

	if (len == 0 || count_cps(s, len) > 40 || parse_marker(s, len, &m))
		return 0;
	return !stop || stop + strlen("。") == s + len;
}

/* The status clause that opens a progress text, "已完成。（一）…": its length, or 0. */
static size_t leading_status(const char *s, size_t len)
{
	const char *stop = find_lit(s, len, "。");
	struct marker m;
	size_t after;

	if (!stop || count_cps(s, (size_t)(stop - s)) > 20)
		return 0;
	after = skip_spaces(s, len, (size_t)(stop - s) + strlen("。"));
	if (!parse_marker(s + after, len - after, &m) || m.num != 1)
		return 0;
	return (size_t)(stop - s);
}

/* Takes a status line's value (and, while a parenthesis is open, the next lines). Returns the
 * index of the last line used. */
static size_t take_status(struct parser *ps, struct fields *f, size_t j, size_t end,
                          const char *v, size_t vlen)
{
	struct sbuf b = {0};
	int depth = 0, lines = 0;
	size_t n, last = j;

	sb_add(ps, &b, v, vlen);
	for (;;) {
		depth = 0;
		for (size_t i = 0; i < b.len; i += n) {
			uint32_t cp = cp_at(b.p, b.len, i, &n);
			depth += is_open_paren(cp) ? 1 : is_close_paren(cp) ? -1 : 0;
		}
		if (depth <= 0 || lines >= 3)
			break;
		for (last++; last < end && (is_blank(&ps->lines[last]) || ps->lines[last].skip); last++)
			;
		if (last >= end || ps->lines[last].mk.style || ps->lines[last].label) {
			last = j;
			break;
		}
		sb_add(ps, &b, ps->lines[last].s, ps->lines[last].len);
		j = last;
		lines++;
	}
	if (b.p)
		split_deadline(ps, b.p, b.len, f);
	tidy_status(&f->status);
	sb_free(&b);
	return last;
}

enum phase { PROBLEM, FIELD, MEASURES };

struct reader {
	struct parser *ps;
	struct fields *f;
	enum phase phase;
	struct sbuf *field; /* the field that continuation lines go to in phase FIELD */
	size_t end;         /* the item's lines end here */
	/* A status or progress label with nothing after it: the next text line is the status
	 * (1), or is when it reads as one (2). */
	int pending;
};

/* Handles one label and its value v; j is its line. whole_line: the value runs to the end of
 * the line, so a status may go on over the next lines. Returns the last line used. */
static size_t on_label(struct reader *rd, enum label_kind kind, const char *v, size_t vlen,
                       size_t j, int whole_line)
{
	struct parser *ps = rd->ps;
	struct fields *f = rd->f;
	size_t st;

	trim(&v, &vlen);
	switch (kind) {
	case LB_STATUS:
	case LB_PROGRESS:
		rd->phase = MEASURES;
		if (vlen == 0) {
			if (!f->status.set)
				rd->pending = kind == LB_STATUS ? 1 : 2;
			return j;
		}
		if (!f->status.set && (st = leading_status(v, vlen)) > 0) {
			/* 整改状态：已完成。（一）… */
			take_status(ps, f, j, j + 1, v, st);
			add_chunk(ps, f, v + st + strlen("。"), vlen - st - strlen("。"));
			return j;
		}
		if (kind == LB_STATUS || (!f->status.set && short_status(v, vlen))) {
			size_t last = take_status(ps, f, j, whole_line ? rd->end : j + 1, v, vlen);
			return whole_line ? last : j;
		}
		add_chunk(ps, f, v, vlen);
		return j;
	case LB_MEASURES:
		rd->phase = MEASURES;
		add_chunk(ps, f, v, vlen);
		return j;
	case LB_DEADLINE:
		/* One line: what follows may be unlabelled measures. */
		f->deadline.len = 0;
		sb_add(ps, &f->deadline, v, vlen);
		rd->phase = MEASURES;
		return j;
	case LB_LEAD:
		rd->field = &f->lead;
		break;
	case LB_RESP:
		rd->field = &f->resp;
		break;
	case LB_ACCEPT:
		rd->field = &f->accept;
		break;
	case LB_GOAL:
		rd->field = &f->goal;
		break;
	case LB_OTHER:
		/* Not stored; its lines must not run on into the field before it. */
		rd->field = &f->other;
		break;
	case LB_NONE:
		return j;
	}
	rd->field->len = 0;
	sb_add(ps, rd->field, v, vlen);
	rd->phase = FIELD;
	return j;
}

/* Handles the labels of line j from the one of kind whose value starts at value_off: each
 * value runs up to the next label inside the line. Returns the last line used. */
static size_t on_labels(struct reader *rd, size_t j, enum label_kind kind, size_t value_off)
{
	const struct line *L = &rd->ps->lines[j];

	for (;;) {
		size_t off, next_value;
		enum label_kind next = find_inline_label(L->s, L->len, value_off, &off, &next_value);
		if (next == LB_NONE)
			return on_label(rd, kind, L->s + value_off, L->len - value_off, j, 1);
		on_label(rd, kind, L->s + value_off, off - value_off, j, 0);
		kind = next;
		value_off = next_value;
	}
}

/* The value of a label in parentheses that starts line j, up to its closing parenthesis, which
 * may be on one of the next lines. Returns the last line used. */
static size_t paren_value(struct parser *ps, size_t j, size_t end, struct sbuf *b)
{
	size_t last = j, from = ps->lines[j].value_off;

	for (int lines = 0; lines < 4; lines++) {
		const struct line *L = &ps->lines[last];
		size_t n;
		for (size_t i = from; i < L->len; i += n)
			if (is_close_paren(cp_at(L->s, L->len, i, &n))) {
				sb_add(ps, b, L->s + from, i - from);
				return last;
			}
		sb_add(ps, b, L->s + from, L->len - from);
		do
			last++;
		while (last < end && (is_blank(&ps->lines[last]) || ps->lines[last].skip));
		if (last >= end || ps->lines[last].mk.style || ps->lines[last].label)
			break;
		from = 0;
	}
	/* Never closed: keep what the first line holds. */
	b->len = 0;
	sb_add(ps, b, ps->lines[j].s + ps->lines[j].value_off,
	       ps->lines[j].len - ps->lines[j].value_off);
	return j;
}

/* Reads an item's lines [line, end): problem text, labelled fields, measure text. */
static void read_item(struct parser *ps, size_t line, size_t end, struct fields *f)
{
	const struct line *I = &ps->lines[line];
	struct reader rd = {ps, f, PROBLEM, NULL, end, 0};

	sb_add(ps, &f->text, I->s + I->mk.len, (I->inl ? I->inl_off : I->len) - I->mk.len);
	if (I->inl)
		on_labels(&rd, line, I->inl, I->inl_value_off);
	for (size_t j = line + 1; j < end; j++) {
		const struct line *L = &ps->lines[j];
		if (L->skip || is_blank(L))
			continue;
		if (L->label && L->paren) {
			struct sbuf b = {0};
			size_t last = paren_value(ps, j, end, &b);
			rd.pending = 0;
			if (b.p)
				on_label(&rd, L->label, b.p, b.len, j, 0);
			sb_free(&b);
			j = last;
			continue;
		}
		if (L->label) {
			rd.pending = 0;
			j = on_labels(&rd, j, L->label, L->value_off);
			continue;
		}
		if (rd.pending) {
			int as_status = !L->mk.style && (rd.pending == 1 || short_status(L->s, L->len));
			rd.pending = 0;
			if (as_status) {
				j = take_status(ps, f, j, end, L->s, L->len);
				continue;
			}
		}
		if (rd.phase != MEASURES && L->inl && !L->mk.style) {
			/* "…问题的结尾。整改状态：已完成" on one line */
			if (rd.phase == PROBLEM)
				sb_add(ps, &f->text, L->s, L->inl_off);
			else
				sb_add(ps, rd.field, L->s, L->inl_off);
			j = on_labels(&rd, j, L->inl, L->inl_value_off);
		} else if (rd.phase == PROBLEM && !measure_start(ps, L)) {
			sb_add(ps, &f->text, L->s, L->len);
		} else if (rd.phase == FIELD && !L->mk.style) {
			sb_add(ps, rd.field, L->s, L->len);
		} else {
			rd.phase = MEASURES;
			add_chunk(ps, f, L->s, L->len);
		}
	}
}

/* ---- measures ----------------------------------------------------------------------------- */

/* Whether an inline marker at pos follows the end of a sentence, a label or a parenthesis,
 * as in "…。（二）…" — not "第五条（二）项". */
static int inline_ok(const char *J, size_t pos)
{
	size_t n;
	uint32_t cp;

	if (pos == 0)
		return 1;
	cp = cp_before(J, pos, &n);
	return is_final_cp(cp) || cp == 0xFF1A || cp == ':' || is_close_paren(cp) || is_space_cp(cp);
}

/* A measure marker at J[pos]: line starts take any style but the items'; inside a line only
 * parenthesised and circled numbers count. */
static int measure_marker_at(const struct parser *ps, const char *J, size_t jl, size_t pos,
                             int line_start, struct marker *m)
{
	if (!parse_marker(J + pos, jl - pos, m))
		return 0;
	if (m->style == ps->item_style || m->style == ST_CN_DI || m->decimal)
		return 0;
	if (line_start)
		return 1;
	return (m->style == ST_ARABIC_PAREN || m->style == ST_CN_PAREN || m->style == ST_CIRCLED) &&
	       inline_ok(J, pos);
}

/* A trailing "（已完成整改）": the measure's status. Returns the length of the text before it
 * and stores the status span, or returns len when there is none. */
static size_t split_measure_status(const char *s, size_t len, size_t *st_off, size_t *st_len)
{
	static const char *const opens[] = {"已", "正在", "未", "持续", "基本", "达到", "长期", "按",
	                                    "序时", "完成", "推进", "整改中", "实施中", "滞后"};
	size_t n, close_len, k, limit = 0;
	const char *in;
	size_t in_len;

	trim(&s, &len);
	if (len == 0 || !is_close_paren(cp_before(s, len, &close_len)))
		return len;
	k = len - close_len;
	while (k > 0 && limit++ < 24) {
		uint32_t cp = cp_before(s, k, &n);
		if (is_open_paren(cp))
			break;
		if (is_close_paren(cp))
			return len;
		k -= n;
	}
	if (k == 0 || !is_open_paren(cp_before(s, k, &n)))
		return len;
	in = s + k;
	in_len = len - close_len - k;
	if (in_len == 0 || count_cps(in, in_len) > 20 || has_digit(in, in_len))
		return len;
	for (size_t i = 0; i < sizeof opens / sizeof *opens; i++)
		if (has_prefix(in, in_len, opens[i])) {
			*st_off = k;
			*st_len = in_len;
			return k - n;
		}
	return len;
}

/* A chunk that is only a measure status, "（已完成整改）", printed on its own line. */
static int status_only(const struct chunk *c)
{
	size_t off, sl;
	return split_measure_status(c->s, c->len, &off, &sl) == 0;
}

static int add_measure(struct parser *ps, struct import_item *item, const char *s, size_t len,
                       int keep_empty)
{
	struct import_measure *m;
	size_t cap = item->measure_count, off = 0, sl = 0, tl;

	trim(&s, &len);
	if (len == 0 && !keep_empty)
		return 0;
	if (grow(ps, (void **)&item->measures, &cap, item->measure_count + 1, sizeof *item->measures) <
	    0)
		return -1;
	/* grow() rounds capacities up; the array is only ever sized by measure_count. */
	m = &item->measures[item->measure_count];
	memset(m, 0, sizeof *m);
	tl = split_measure_status(s, len, &off, &sl);
	m->text = dup_clean(ps, s, tl);
	if (sl)
		m->status = dup_clean(ps, s + off, sl);
	item->measure_count++;
	return ps->oom ? -1 : 0;
}

/* Splits the measure text into measures. Numbered measures are counted by the first marker's
 * style, consecutively, so nested 一是/二是 inside （二） stay part of it; a text before a first
 * marker （二） is the unmarked measure one. Unnumbered progress counts one per paragraph. */
static void parse_measures(struct parser *ps, struct fields *f, struct import_item *item)
{
	struct sbuf J = {0};
	size_t *starts, nst = f->nchunks, pos, ci, n;
	struct marker m, first = {0};
	size_t first_pos = SIZE_MAX, cur_start, cur_body;
	int expected;

	if (f->nchunks == 0)
		return;
	starts = malloc(nst * sizeof *starts);
	if (!starts) {
		ps->oom = 1;
		return;
	}
	for (size_t k = 0; k < f->nchunks; k++) {
		starts[k] = J.len;
		sb_add(ps, &J, f->chunks[k].s, f->chunks[k].len);
	}
	if (ps->oom)
		goto out;

	/* The first marker numbered 1 (or 2, after unmarked text). */
	for (pos = 0, ci = 0; pos < J.len; pos += n) {
		int ls;
		while (ci < nst && starts[ci] < pos)
			ci++;
		ls = ci < nst && starts[ci] == pos;
		cp_at(J.p, J.len, pos, &n);
		if ((ls || J.p[pos] == '(' || (unsigned char)J.p[pos] >= 0xE2) &&
		    measure_marker_at(ps, J.p, J.len, pos, ls, &m) &&
		    (m.num == 1 || (m.num == 2 && pos > 0))) {
			first = m;
			first_pos = pos;
			break;
		}
	}

	if (first_pos == SIZE_MAX) {
		/* Unnumbered: a paragraph ends with a line ending in 。 (a status on its own line
		 * still belongs to it). */
		size_t pstart = 0;
		for (size_t k = 0; k < nst; k++) {
			const struct chunk *c = &f->chunks[k];
			size_t e = starts[k] + c->len, off = 0, sl = 0, tl;
			tl = split_measure_status(c->s, c->len, &off, &sl);
			int ends = is_final_cp(cp_before(c->s, tl ? tl : c->len, &n)) || sl;
			if (k + 1 < nst && (!ends || status_only(&f->chunks[k + 1])))
				continue;
			if (add_measure(ps, item, J.p + pstart, e - pstart, 0) < 0)
				goto out;
			pstart = e;
		}
		goto out;
	}

	if (first.num == 2 && add_measure(ps, item, J.p, first_pos, 0) < 0)
		goto out;
	/* Text before a first （一） introduces it: keep it with the first measure. */
	cur_start = first.num == 1 ? 0 : first_pos;
	cur_body = first_pos + first.len;
	expected = first.num + 1;
	for (pos = cur_body, ci = 0; pos < J.len; pos += n) {
		int ls;
		while (ci < nst && starts[ci] < pos)
			ci++;
		ls = ci < nst && starts[ci] == pos;
		cp_at(J.p, J.len, pos, &n);
		if (!(ls || J.p[pos] == '(' || (unsigned char)J.p[pos] >= 0xE2))
			continue;
		if (!measure_marker_at(ps, J.p, J.len, pos, ls, &m) || m.style != first.style ||
		    m.num != expected)
			continue;
		if (cur_start < first_pos) {
			struct sbuf t = {0};
			sb_add(ps, &t, J.p + cur_start, first_pos - cur_start);
			sb_add(ps, &t, J.p + cur_body, pos - cur_body);
			if (t.p)
				add_measure(ps, item, t.p, t.len, 1);
			sb_free(&t);
		} else {
			add_measure(ps, item, J.p + cur_body, pos - cur_body, 1);
		}
		if (ps->oom)
			goto out;
		cur_start = cur_body = pos + m.len;
		expected++;
		n = m.len ? m.len : n;
	}
	if (cur_start < first_pos) {
		struct sbuf t = {0};
		sb_add(ps, &t, J.p + cur_start, first_pos - cur_start);
		sb_add(ps, &t, J.p + cur_body, J.len - cur_body);
		if (t.p)
			add_measure(ps, item, t.p, t.len, 1);
		sb_free(&t);
	} else {
		add_measure(ps, item, J.p + cur_body, J.len - cur_body, 1);
	}
out:
	free(starts);
	sb_free(&J);
}

/* ---- assembling the report ---------------------------------------------------------------- */

static char *sb_take(struct parser *ps, struct sbuf *b)
{
	if (!b->set || !b->p)
		return NULL;
	return dup_clean(ps, b->p, b->len);
}

static char *take_nonempty(struct parser *ps, struct sbuf *b)
{
	char *s = sb_take(ps, b);

	if (s && !*s) {
		free(s);
		s = NULL;
	}
	return s;
}

static int fill_item(struct parser *ps, size_t k, struct import_item *item)
{
	const struct pitem *pi = &ps->items[k];
	const struct line *L = &ps->lines[pi->line];
	size_t end = k + 1 < ps->nitems ? ps->items[k + 1].first : ps->list_end;
	struct fields f;

	memset(&f, 0, sizeof f);
	memset(item, 0, sizeof *item);
	item->line = L->no > INT32_MAX ? INT32_MAX : (int)L->no;
	item->no = dup_clean(ps, L->s + L->mk.no_off, L->mk.no_len);
	read_item(ps, pi->line, end, &f);
	item->text = sb_take(ps, &f.text);
	if (!item->text && !ps->oom)
		item->text = dup_clean(ps, "", 0);
	item->status = take_nonempty(ps, &f.status);
	item->deadline = take_nonempty(ps, &f.deadline);
	item->lead_unit = take_nonempty(ps, &f.lead);
	item->responsible_unit = take_nonempty(ps, &f.resp);
	item->acceptance_unit = take_nonempty(ps, &f.accept);
	item->goal = take_nonempty(ps, &f.goal);
	parse_measures(ps, &f, item);
	fields_free(&f);
	return ps->oom ? -1 : 0;
}

static void item_free(struct import_item *it)
{
	free(it->no);
	free(it->text);
	free(it->status);
	free(it->deadline);
	free(it->lead_unit);
	free(it->responsible_unit);
	free(it->acceptance_unit);
	free(it->goal);
	free(it->subcategory);
	for (size_t m = 0; m < it->measure_count; m++) {
		free(it->measures[m].text);
		free(it->measures[m].status);
	}
	free(it->measures);
}

void import_report_free(struct import_report *r)
{
	if (!r)
		return;
	for (size_t c = 0; c < r->category_count; c++) {
		struct import_category *cat = &r->categories[c];
		for (size_t i = 0; i < cat->item_count; i++)
			item_free(&cat->items[i]);
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

static struct import_category *add_category(struct parser *ps, struct import_report *r,
                                            size_t *cap)
{
	struct import_category *c;

	if (grow(ps, (void **)&r->categories, cap, r->category_count + 1, sizeof *r->categories) < 0)
		return NULL;
	c = &r->categories[r->category_count++];
	memset(c, 0, sizeof *c);
	return c;
}

/* The levels of the heading stacks: the deepest stack names them, outer to inner; the two
 * innermost are category and subcategory ("一、整改任务" above them is only a list heading). */
static void heading_levels(struct parser *ps, enum style *cat, enum style *sub)
{
	const struct pitem *deep = NULL;

	*cat = *sub = ST_NONE;
	for (size_t k = 0; k < ps->nitems; k++)
		if (ps->items[k].nheads && (!deep || ps->items[k].nheads > deep->nheads))
			deep = &ps->items[k];
	if (!deep)
		return;
	if (deep->nheads == 1) {
		*cat = ps->lines[deep->heads[0].first].mk.style;
		return;
	}
	*cat = ps->lines[deep->heads[deep->nheads - 2].first].mk.style;
	*sub = ps->lines[deep->heads[deep->nheads - 1].first].mk.style;
	if (*cat == *sub)
		*sub = ST_NONE;
}

/* Categories start before the first item: a category heading that first shows up later, or
 * any heading of another level after the first item, is text ("（一）已完成验收" right before
 * the next item). A heading dropped takes all the headings above it along: their lines go
 * back to the previous item. */
static void prune_headings(struct parser *ps, enum style cat, enum style sub)
{
	int started = 0;

	for (size_t k = 0; k < ps->nitems; k++) {
		struct pitem *it = &ps->items[k];
		int drop = -1;
		for (int h = 0; h < it->nheads; h++) {
			enum style st = ps->lines[it->heads[h].first].mk.style;
			if (st == cat && (started || k == 0))
				started = 1;
			else if (k > 0 && st != sub)
				drop = h;
		}
		if (drop < 0)
			continue;
		memmove(it->heads, it->heads + drop + 1,
		        (size_t)(it->nheads - drop - 1) * sizeof *it->heads);
		it->nheads -= drop + 1;
		it->first = it->nheads ? it->heads[0].first : it->line;
	}
}

static int build_categories(struct parser *ps, struct import_report *r)
{
	enum style cat_style, sub_style;
	struct import_category *cur = NULL;
	size_t catcap = 0, itemcap = 0;
	char *sub = NULL;

	heading_levels(ps, &cat_style, &sub_style);
	prune_headings(ps, cat_style, sub_style);
	ps->list_end = find_list_end(ps);
	for (size_t k = 0; k < ps->nitems; k++) {
		struct pitem *pi = &ps->items[k];
		struct import_item *item;
		for (int h = 0; h < pi->nheads; h++) {
			const struct head *hd = &pi->heads[h];
			const struct line *L = &ps->lines[hd->first];
			struct sbuf b = {0};
			if (L->mk.style == cat_style) {
				if (!(cur = add_category(ps, r, &catcap)))
					goto fail;
				itemcap = 0;
				cur->label = dup_clean(ps, L->s + L->mk.no_off, L->mk.no_len);
				join_lines(ps, &b, hd->first, L->mk.len, hd->end);
				cur->title = take_nonempty(ps, &b);
				sb_free(&b);
				free(sub);
				sub = NULL;
			} else if (L->mk.style == sub_style) {
				join_lines(ps, &b, hd->first, 0, hd->end);
				free(sub);
				sub = take_nonempty(ps, &b);
				sb_free(&b);
			}
			if (ps->oom)
				goto fail;
		}
		if (!cur) {
			if (!(cur = add_category(ps, r, &catcap)))
				goto fail;
			itemcap = 0;
		}
		if (grow(ps, (void **)&cur->items, &itemcap, cur->item_count + 1, sizeof *cur->items) < 0)
			goto fail;
		item = &cur->items[cur->item_count++];
		if (fill_item(ps, k, item) < 0)
			goto fail;
		if (sub && !(item->subcategory = dup_clean(ps, sub, strlen(sub))))
			goto fail;
	}
	free(sub);
	return 0;
fail:
	free(sub);
	ps->oom = 1;
	return -1;
}

/* "the report says 40 problems but lists 25": totals claimed outside the list ("4个方面40项问题",
 * "49 项整改任务"). A bare "18个问题" is too often a count of something else; a claim below the
 * number listed is a subtotal ("已完成整改14项"), so only a larger one is reported. */
static void check_claimed_count(struct parser *ps, size_t listed)
{
	static const char *const nouns[] = {"项问题",     "个具体问题", "项具体问题", "项整改任务",
	                                    "个整改任务", "项反馈问题", "个反馈问题", "项整改问题"};
	struct sbuf b = {0};
	long first_claim = -1;
	int matched = 0;

	join_lines(ps, &b, 0, 0, ps->items[0].first);
	for (size_t j = ps->list_end; j < ps->n; j++)
		if (ps->lines[j].len)
			sb_add(ps, &b, ps->lines[j].s, ps->lines[j].len);
	for (size_t i = 0; b.p && i < b.len; i++) {
		long v = 0;
		size_t j = i, digits = 0;
		if (b.p[i] < '0' || b.p[i] > '9' || (i > 0 && b.p[i - 1] >= '0' && b.p[i - 1] <= '9'))
			continue;
		while (j < b.len && b.p[j] >= '0' && b.p[j] <= '9' && digits < 6) {
			v = v * 10 + (b.p[j++] - '0');
			digits++;
		}
		j = skip_spaces(b.p, b.len, j);
		for (size_t k = 0; k < sizeof nouns / sizeof *nouns; k++)
			if (has_prefix(b.p + j, b.len - j, nouns[k])) {
				if ((size_t)v == listed)
					matched = 1;
				else if (first_claim < 0 && (size_t)v > listed)
					first_claim = v;
			}
	}
	if (!matched && first_claim > 0)
		warnf(ps, "the report says %ld problems but lists %zu", first_claim, listed);
	sb_free(&b);
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

/* The byte offset a decoding message names ("… at byte 60 …"), or -1. */
static long message_offset(const char *msg)
{
	for (const char *p = strstr(msg, "byte "); p; p = strstr(p + 5, "byte "))
		if (p[5] >= '0' && p[5] <= '9')
			return strtol(p + 5, NULL, 10);
	return -1;
}

static void parser_free(struct parser *ps)
{
	for (size_t w = 0; w < ps->nwarn; w++)
		free(ps->warn[w]);
	free(ps->warn);
	free(ps->lines);
	free(ps->items);
}

/* The message when no item list was found. */
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
		set_error(err, (int)at + 1, -1,
		          "line %zu is %zu bytes long and holds no numbered problem list: the report's "
		          "line breaks were probably lost in conversion; convert the document again "
		          "keeping line breaks",
		          at + 1, longest);
	else
		set_error(err, 0, -1,
		          "no numbered problems followed by a status, progress or field label "
		          "(整改进展情况：, 整改状态：, 整改措施：, 牵头单位：…) were found: this does "
		          "not look like a rectification report; if the text looks garbled, give its "
		          "encoding with --encoding");
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
		set_error(err, 0, -1, "the file is empty; nothing to import");
		return -1;
	}
	if (text_to_utf8(data, len, encoding, &utf8, &ulen, &used, err->msg, sizeof err->msg) < 0) {
		free(utf8);
		if (!err->msg[0])
			set_error(err, 0, -1, "the file could not be decoded; give its encoding with --encoding");
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
			set_error(err, 0, -1, "the file holds only blank lines; nothing to import");
			goto fail;
		}
	}
	if (looks_html(utf8, ulen)) {
		set_error(err, 1, 0,
		          "the file is an HTML or XML page, not a text report; save the page as plain "
		          "text (a browser's \"Save as… Text\", or `lynx -dump`) and import that");
		goto fail;
	}
	if (looks_binary(utf8, ulen, &at)) {
		set_error(err, 0, -1,
		          "the file holds binary data (control characters from byte %zu of the decoded "
		          "text), not a text report; if it is a Word or PDF file, convert it to text first",
		          at);
		goto fail;
	}
	norm = malloc(ulen + 1);
	if (!norm)
		goto oom;
	nlen = normalise(utf8, ulen, norm);
	free(utf8);
	utf8 = NULL;
	clean = text_sanitize(norm, nlen, 1);
	free(norm);
	norm = NULL;
	if (!clean)
		goto oom;
	if (split_lines(&ps, clean, strlen(clean)) < 0)
		goto oom;

	if (!(nx = compute_next_struct(&ps)))
		goto oom;
	ps.item_style = choose_item_style(&ps, nx, &first_anchor);
	if (ps.item_style == ST_NONE) {
		not_a_report(&ps, err);
		goto fail;
	}
	mark_skips(&ps, first_anchor);
	free(nx);
	if (!(nx = compute_next_struct(&ps)))
		goto oom;
	if (build_chain(&ps, nx, first_anchor) < 0)
		goto oom;
	if (ps.nitems == 0) {
		not_a_report(&ps, err);
		goto fail;
	}
	find_headings(&ps);

	if (!(r = calloc(1, sizeof *r)))
		goto oom;
	if (build_categories(&ps, r) < 0)
		goto oom;
	if (check_swallowed(&ps, nx, err) < 0) {
		if (ps.oom)
			goto oom;
		goto fail;
	}

	find_title(&ps, &title, ps.items[0].first, ps.list_end);
	if (title.p) {
		size_t rl = region_len(title.p, title.len), off = 0, rdl;
		r->title = dup_clean(&ps, title.p, title.len);
		if (rl) {
			size_t skip = has_prefix(title.p, title.len, "中共") ? strlen("中共") : 0;
			r->region = dup_clean(&ps, title.p + skip, rl - skip);
		}
		if ((rdl = round_in(title.p, title.len, &off)) > 0)
			r->round = dup_clean(&ps, title.p + off, rdl);
	} else {
		const char *b = base_name(file), *dot = strrchr(b, '.');
		r->title = dup_clean(&ps, b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
		warnf(&ps, "no report title found (a line naming 督察 or 整改 and ending in 报告, "
		           "情况 or 方案); the file name is used instead");
	}
	check_claimed_count(&ps, import_report_item_count(r));

	r->file = dup_clean(&ps, base_name(file), strlen(base_name(file)));
	r->encoding = dup_clean(&ps, used ? used : "UTF-8", strlen(used ? used : "UTF-8"));
	digest(data, len, r->digest);
	if (ps.oom)
		goto oom;
	r->warnings = ps.warn;
	r->warning_count = ps.nwarn;
	ps.warn = NULL;
	ps.nwarn = 0;
	sb_free(&title);
	free(nx);
	free(clean);
	parser_free(&ps);
	*out = r;
	return 0;

oom:
	set_error(err, 0, -1, "out of memory while reading the report");
fail:
	sb_free(&title);
	import_report_free(r);
	free(nx);
	free(utf8);
	free(norm);
	free(clean);
	parser_free(&ps);
	return -1;
}
