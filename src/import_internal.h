/* import_internal.h — what the importer's stages share (import_*.c only): the line and
 * marker records, the parser state, small UTF-8 helpers and each stage's entry points. Not part
 * of the public API (import.h). */
#ifndef DUBAN_IMPORT_INTERNAL_H
#define DUBAN_IMPORT_INTERNAL_H

#include "text.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct import_error;
struct import_item;
struct import_report;

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
	ST_DI_XIANG,     /* 第1项 第一项 第1个问题 */
	ST_WENTI,        /* 问题1： */
	ST_PLAIN_HEAD,   /* a heading without a number, "……方面" (set by the structure stage) */
	ST_COUNT
};

struct marker {
	enum style style;
	int num;          /* 1..999 */
	size_t len;       /* bytes of the marker, its punctuation and the spaces after it */
	size_t no_off;    /* the number as printed: "1", "四十九", or "第一个方面" for ST_CN_DI */
	size_t no_len;
	int decimal;      /* "7.9公里": a digit right after the dot */
	int wide;         /* past MAX_NUM: "2014、" is a year unless it continues an item chain */
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
	LB_PROBLEM,   /* 整改任务：, 问题描述： the problem text, as notices label it */
	LB_PUBLICITY, /* 公示时间： a notice's publicity period */
	LB_OTHER,     /* 配合单位：, 责任人： … a field the report model has no place for */
	LB_COUNT
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
	unsigned char page; /* a form feed came before it: a page starts here */
	unsigned char pad;  /* columns of spaces trimmed off it (a row's width counts them) */
	size_t join;        /* rows joined into it: where the first row ended in s (0: none) */
	struct marker wide; /* a number past MAX_NUM ("1000.", "2014、"): text unless the item
	                     * chain continues with it (then it becomes mk) */
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
	size_t furniture; /* page furniture lines dropped by the lines stage */
	size_t untaken;   /* numbered lines with labels the chain did not take */
	size_t *breaks;   /* 1-based lines a form feed was in (page breaks) */
	size_t nbreaks;
	char **owned;     /* line texts the lines stage rebuilt (joined rows, repaired labels) */
	size_t nowned, capowned;
	int notice;       /* a single-item notice (销号公示): one item from its labelled sections */
	size_t max_line;  /* bytes of the longest line */
	size_t max_line_no;
};

#define MAX_NUM 999
/* The longest line or field a report can hold (bytes): a paragraph, never a whole file. */
#define MAX_LINE 65536

/* ---- small UTF-8 helpers ---- */

static inline uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
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
static inline uint32_t cp_before(const char *s, size_t i, size_t *n)
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

static inline int is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0 || (cp >= 0x2002 && cp <= 0x200B);
}

static inline size_t skip_spaces(const char *s, size_t len, size_t i)
{
	size_t n;

	while (i < len && is_space_cp(cp_at(s, len, i, &n)))
		i += n;
	return i;
}

static inline void trim(const char **s, size_t *len)
{
	size_t n, i = skip_spaces(*s, *len, 0);

	*s += i;
	*len -= i;
	while (*len > 0 && is_space_cp(cp_before(*s, *len, &n)))
		*len -= n;
}

static inline int has_prefix(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	return len >= n && memcmp(s, lit, n) == 0;
}

static inline int has_suffix(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	return len >= n && memcmp(s + len - n, lit, n) == 0;
}

static inline const char *find_lit(const char *s, size_t len, const char *lit)
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

static inline size_t count_cps(const char *s, size_t len)
{
	size_t c = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

static inline int is_digit_cp(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static inline int has_digit(const char *s, size_t len)
{
	size_t n;

	for (size_t i = 0; i < len; i += n)
		if (is_digit_cp(cp_at(s, len, i, &n)))
			return 1;
	return 0;
}

/* Sentence-final punctuation: a line ending in one ends a paragraph. */
static inline int is_final_cp(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF1B || cp == 0xFF01 || cp == 0xFF1F || cp == ';' ||
	       cp == '!' || cp == '?';
}

static inline int is_open_paren(uint32_t cp)
{
	return cp == '(' || cp == 0xFF08;
}

static inline int is_close_paren(uint32_t cp)
{
	return cp == ')' || cp == 0xFF09;
}

static inline int is_blank(const struct line *L)
{
	return L->len == 0;
}

/* ---- the stages ---- */

/*  (import.c) */
void import_buf_add(struct parser *ps, struct sbuf *b, const char *s, size_t n);

/*  (import.c) */
void import_buf_free(struct sbuf *b);

/*  (import.c) */
int import_grow(struct parser *ps, void **arr, size_t *cap, size_t need, size_t size);

/*  (import.c) */
void import_warn(struct parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*  (import.c) */
void import_set_error(struct import_error *err, int line, long offset, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*  (import.c) */
char *import_dup_clean(struct parser *ps, const char *s, size_t len);

/*  (import_lines.c) */
int import_cn_digit(uint32_t cp);

/*  (import_lines.c) */
int import_cn_number(const char *s, size_t len, size_t i, size_t *used);

/*  (import_lines.c) */
int import_marker_parse(const char *s, size_t len, struct marker *m);

/*  (import_lines.c) */
size_t import_lines_normalise(struct parser *ps, const char *in, size_t len, char *out);

/* Mojibake in the decoded text *text (len bytes, malloc'd): UTF-8 that was read as
 * Windows-1252 or Latin-1 is repaired exactly (the text replaced, a warning added) when every
 * character maps back to a byte and the bytes are UTF-8; GB18030 read as UTF-8 (U+FFFD
 * everywhere) is refused with the iconv command that converts the original (file: the name
 * for that hint). Returns 0, or -1 with err filled. (import_lines.c) */
int import_lines_mojibake(struct parser *ps, char **text, size_t *len, const char *file,
                          struct import_error *err);

/*  (import_lines.c) */
int import_lines_binary(const char *s, size_t len, size_t *at);

/*  (import_lines.c) */
int import_lines_html(const char *s, size_t len);

/*  (import_lines.c) */
int import_lines_split(struct parser *ps, const char *s, size_t len);

/*  (import_lines.c) */
int import_line_is_down(const struct line *L);

/*  (import_lines.c) */
int import_line_is_up(const struct line *L);

/*  (import_lines.c) */
int import_line_is_attachment(const struct line *L);

/*  (import_lines.c) */
int import_line_is_date(const struct line *L);

/*  (import_lines.c) */
void import_lines_join(struct parser *ps, struct sbuf *b, size_t from, size_t off, size_t to);

/* ---- the vocabulary (import_labels.c) ---- */

#define LABEL_BARE 1  /* a label alone on its line (4 characters or more) counts */
#define LABEL_LOOSE 2 /* at a line start: a space instead of the colon, or a value glued on */

/* A label at the start of s: "整改状态：" (full- or half-width colon, spaces around it, the
 * label letter-spaced or not), "【整改状态】", and as mode allows the forms above. Returns its
 * kind and the offset of its value in *value_off (len for a bare label), or LB_NONE. */
enum label_kind import_label_at(const char *s, size_t len, size_t *value_off, int mode);

/* import_label_at(s, len, value_off, LABEL_BARE). */
enum label_kind import_label_parse(const char *s, size_t len, size_t *value_off);

/* The first label with a colon inside s after byte from that follows the end of a sentence, a
 * space or a parenthesis ("…。整改状态：", "甲 责任单位："), not one inside a phrase ("落实各项
 * 措施："). Only the first 4 KB are searched: a label that far into a line is text. Returns
 * LB_NONE or the kind, with where the label and its value start. */
enum label_kind import_label_find_inline(const char *s, size_t len, size_t from, size_t *off,
                                         size_t *value_off);

/* The first label of kind (with a colon) anywhere in s: its offset, its value's in
 * *value_off; SIZE_MAX if none. */
size_t import_label_find(const char *s, size_t len, enum label_kind kind, size_t *value_off);

/* Whether the text is a single-item notice (销号公示, 验收公示: a title naming 公示, sections
 * 整改任务 / 责任单位 / 整改目标 / 整改措施 / 完成情况, as labels or as 一、二、三 headings):
 * then the one item is set up (ps->notice, ps->items) and 1 returned; 0 when it is not one,
 * -1 out of memory. (import_structure.c) */
int import_structure_notice(struct parser *ps);

/*  (import_structure.c) */
size_t *import_structure_next(struct parser *ps);

/*  (import_structure.c) */
enum style import_structure_style(struct parser *ps, const size_t *nx, size_t *first_anchor);

/*  (import_structure.c) */
void import_structure_mark_skips(struct parser *ps, size_t from);

/*  (import_structure.c) */
int import_structure_chain(struct parser *ps, const size_t *nx, size_t first_anchor);

/*  (import_structure.c) */
void import_structure_headings(struct parser *ps);

/*  (import_structure.c) */
int import_structure_check(struct parser *ps, const size_t *nx, struct import_error *err);

/*  (import_structure.c) */
int import_structure_categories(struct parser *ps, struct import_report *r);

/*  (import_structure.c) */
void import_structure_check_claims(struct parser *ps, size_t listed);

/*  (import_title.c) */
size_t import_title_region_len(const char *t, size_t len);

/*  (import_title.c) */
void import_title_find(struct parser *ps, struct sbuf *out, size_t list_first, size_t list_end);

/*  (import_title.c) */
size_t import_title_round(const char *t, size_t len, size_t *off);

/*  (import_fields.c) */
char *import_take_nonempty(struct parser *ps, struct sbuf *b);

/*  (import_fields.c) */
int import_fields_fill(struct parser *ps, size_t k, struct import_item *item);

/*  (import_fields.c) */
void import_item_free(struct import_item *it);

#endif
