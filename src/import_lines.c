/* import_lines.c — stage 1 of the importer: decoded text to classified lines. Normalises
 * line ends, escapes and Word tags; splits and trims lines; recognises numbering markers and
 * labels on each line. Knows nothing of items or fields. Pure model code. */
#include "import.h"
#include "import_internal.h"

#include "text.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int import_cn_digit(uint32_t cp)
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
int import_cn_number(const char *s, size_t len, size_t i, size_t *used)
{
	int total = 0, cur = -1, last_unit = 1000, chars = 0;
	size_t j = i, n;

	while (j < len && chars < 8) {
		uint32_t cp = cp_at(s, len, j, &n);
		int d = import_cn_digit(cp), u = cn_unit(cp);
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
int import_marker_parse(const char *s, size_t len, struct marker *m)
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
		else if ((v = import_cn_number(s, len, j, &used)) > 0)
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
	} else if (import_cn_digit(cp) > 0 || cn_unit(cp) == 10) {
		if ((v = import_cn_number(s, len, 0, &used)) < 0)
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
		if ((v = import_cn_number(s, len, j, &used)) < 0 && (v = parse_arabic(s, len, j, &used)) < 0)
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

/* Copies the UTF-8 text with every line end (CRLF, CR, LF, U+2028, U+2029) as '\n', terminal
 * escape sequences (ESC [ … final, ESC ] … BEL, C1 CSI) and Word's [bookmark: …] tags removed.
 * Line numbers stay those of the file. The result is len bytes at most. */
size_t import_lines_normalise(const char *in, size_t len, char *out)
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
int import_lines_binary(const char *s, size_t len, size_t *at)
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
int import_lines_html(const char *s, size_t len)
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

	L->label = import_label_at(L->s, L->len, &L->value_off, LABEL_BARE | LABEL_LOOSE);
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
		enum label_kind k = import_label_at(L->s + open, L->len - open, &off, 0);
		if (k == LB_DEADLINE || k == LB_STATUS) {
			L->label = k;
			L->value_off = open + off;
			L->paren = 1;
		}
	}
}

/* Splits the sanitised text into trimmed lines and classifies each. */
int import_lines_split(struct parser *ps, const char *s, size_t len)
{
	size_t cap = 0, i = 0;

	while (i <= len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len;
		struct line *L;
		if (!nl && i == len && ps->n > 0)
			break; /* the text ended with a newline: no empty line after it */
		if (import_grow(ps, (void **)&ps->lines, &cap, ps->n + 1, sizeof *ps->lines) < 0)
			return -1;
		L = &ps->lines[ps->n++];
		memset(L, 0, sizeof *L);
		L->s = s + i;
		L->len = e - i;
		trim(&L->s, &L->len);
		L->no = ps->n;
		if (L->len > 0 && !import_marker_parse(L->s, L->len, &L->mk))
			classify_label(ps, L);
		if (L->len > 0)
			L->inl = import_label_find_inline(L->s, L->len,
			                           L->label ? L->value_off : L->mk.style ? L->mk.len : 0,
			                           &L->inl_off, &L->inl_value_off);
		i = e + 1;
		if (!nl)
			break;
	}
	return 0;
}

/* （下转第7版） and the like: the list continues in another part of the paper. */
int import_line_is_down(const struct line *L)
{
	if (L->len == 0 || L->len > 48)
		return 0;
	return find_lit(L->s, L->len, "下转") || find_lit(L->s, L->len, "未完待续") ||
	       (find_lit(L->s, L->len, "转第") && (find_lit(L->s, L->len, "版") ||
	                                           find_lit(L->s, L->len, "页")));
}

/* （上接第6版）: where such a continuation resumes. */
int import_line_is_up(const struct line *L)
{
	if (L->len == 0 || L->len > 48)
		return 0;
	return find_lit(L->s, L->len, "上接") || find_lit(L->s, L->len, "接上") ||
	       (find_lit(L->s, L->len, "接第") && (find_lit(L->s, L->len, "版") ||
	                                           find_lit(L->s, L->len, "页")));
}

/* "附件", "附件2", "附件：…": an attachment begins. */
int import_line_is_attachment(const struct line *L)
{
	size_t j, n;

	if (!has_prefix(L->s, L->len, "附件"))
		return 0;
	j = skip_spaces(L->s, L->len, strlen("附件"));
	while (j < L->len && is_digit_cp(cp_at(L->s, L->len, j, &n)))
		j += n;
	if (j < L->len && (import_cn_digit(cp_at(L->s, L->len, j, &n)) > 0))
		j += n;
	j = skip_spaces(L->s, L->len, j);
	return j == L->len || has_prefix(L->s + j, L->len - j, "：") ||
	       has_prefix(L->s + j, L->len - j, ":");
}

/* A line holding only a date, "2024年12月31日": the signature at a report's end. */
int import_line_is_date(const struct line *L)
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

/* Appends the text of lines [from, to) (blank and skipped lines left out), the first from byte
 * off, joined with nothing in between: PDF line breaks fall anywhere, even inside a word. */
void import_lines_join(struct parser *ps, struct sbuf *b, size_t from, size_t off, size_t to)
{
	for (size_t j = from; j < to; j++) {
		const struct line *L = &ps->lines[j];
		size_t o = j == from ? off : 0;
		if (L->skip || L->len <= o)
			continue;
		import_buf_add(ps, b, L->s + o, L->len - o);
	}
}
