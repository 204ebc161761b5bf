/* import_lines.c — stage 1 of the importer: decoded text to classified lines. Normalises
 * line ends, escapes and Word tags; splits and trims lines; recognises numbering markers and
 * labels on each line. Knows nothing of items or fields. Pure model code. */
#include "import.h"
#include "import_internal.h"

#include "msg.h"
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
		if (++digits > 7)
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
		if (cp != '.' && cp != 0xFF0E && cp != 0x3001) { /* . ． 、 */
			/* "1 ." — PDF text puts a space before the dot */
			size_t k = skip_spaces(s, len, j);
			uint32_t c2 = cp_at(s, len, k, &n);
			if (k == j || (c2 != '.' && c2 != 0xFF0E && c2 != 0x3001))
				return 0;
			j = k;
			cp = c2;
		}
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
		size_t k, no_at;
		j = n;
		j = skip_spaces(s, len, j);
		no_at = j;
		if ((v = import_cn_number(s, len, j, &used)) < 0 && (v = parse_arabic(s, len, j, &used)) < 0)
			return 0;
		j = skip_spaces(s, len, j + used);
		if (has_prefix(s + j, len - j, "项") || has_prefix(s + j, len - j, "个问题")) {
			/* 第1项 / 第1个问题: an item number */
			j += has_prefix(s + j, len - j, "项") ? strlen("项") : strlen("个问题");
			cp = cp_at(s, len, j, &n);
			if (cp == 0xFF1A || cp == ':' || cp == 0x3001 || cp == 0xFF0C || cp == ',' ||
			    cp == '.' || cp == 0xFF0E)
				j += n;
			m->style = ST_DI_XIANG;
			m->no_off = no_at;
			m->no_len = used;
			m->num = v;
			m->wide = v > MAX_NUM;
			m->len = skip_spaces(s, len, j);
			return 1;
		}
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
	} else if ((cp >= 0x2460 && cp <= 0x2473) || (cp >= 0x3251 && cp <= 0x325F) ||
	           (cp >= 0x32B1 && cp <= 0x32BF)) { /* ① … ⑳, ㉑ … ㉟, ㊱ … ㊿ */
		v = cp <= 0x2473 ? (int)(cp - 0x2460) + 1
		  : cp <= 0x325F ? (int)(cp - 0x3251) + 21 : (int)(cp - 0x32B1) + 36;
		m->style = ST_CIRCLED;
		m->no_len = n;
		j = n;
	} else if (has_prefix(s, len, "问题")) { /* 问题1： */
		size_t k = skip_spaces(s, len, strlen("问题"));
		if ((v = parse_arabic(s, len, k, &used)) < 0)
			return 0;
		m->no_off = k;
		m->no_len = used;
		j = k + used;
		cp = cp_at(s, len, j, &n);
		if (!(cp == 0xFF1A || cp == ':' || cp == 0x3001 || cp == '.' || cp == 0xFF0E ||
		      is_space_cp(cp)))
			return 0;
		j += n;
		m->style = ST_WENTI;
	} else {
		return 0;
	}
	m->num = v;
	m->wide = v > MAX_NUM;
	m->len = skip_spaces(s, len, j);
	return 1;
}

/* Copies the UTF-8 text with every line end (CRLF, CR, LF, U+2028, U+2029) as '\n', terminal
 * escape sequences (ESC [ … final, ESC ] … BEL, C1 CSI) and Word's [bookmark: …] tags removed.
 * Line numbers stay those of the file. The result is len bytes at most. */
size_t import_lines_normalise(struct parser *ps, const char *in, size_t len, char *out)
{
	size_t i = 0, o = 0, line = 1, cap = 0;

	while (i < len) {
		unsigned char c = (unsigned char)in[i];
		if (c == '\n') {
			line++;
			out[o++] = in[i++];
		} else if (c == '\f') {
			/* A page break: dropped, its line remembered (a running header may follow). */
			if ((ps->nbreaks == 0 || ps->breaks[ps->nbreaks - 1] != line) &&
			    import_grow(ps, (void **)&ps->breaks, &cap, ps->nbreaks + 1, sizeof *ps->breaks) == 0)
				ps->breaks[ps->nbreaks++] = line;
			i++;
		} else if (c == '\r') {
			line++;
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
			line++;
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

/* The last non-blank line before line i, or NULL. */
static const struct line *previous_text(const struct parser *ps, size_t i)
{
	while (i-- > 0)
		if (ps->lines[i].len)
			return &ps->lines[i];
	return NULL;
}

/* Sets the label of line i. A bare label, "整改措施" alone, counts only after the end of a
 * sentence: after "…反馈意见整改" it is the rest of a wrapped heading. A label in parentheses
 * on its own line, "（整改时限：2024年底）" wrapped away from its status line, counts without
 * its parentheses. */
static void classify_label(struct parser *ps, size_t i)
{
	struct line *L = &ps->lines[i];
	size_t n, open;

	L->label = import_label_at(L->s, L->len, &L->value_off, LABEL_BARE | LABEL_LOOSE);
	if (L->label && L->value_off == L->len && !find_lit(L->s, L->len, "：") &&
	    !find_lit(L->s, L->len, ":") && !has_prefix(L->s, L->len, "【")) {
		const struct line *P = previous_text(ps, i);
		if (P) {
			uint32_t cp = cp_before(P->s, P->len, &n);
			/* Table cells dumped one a line: label, value, label, value… — a bare label
			 * after the value of another bare label counts too. */
			/* So does one after a labelled field's value ("整改目标：…" then "整改措施"). */
			int after_cell = 0;
			size_t k = (size_t)(P - ps->lines), steps = 0;
			while (!after_cell && steps++ < 8) {
				const struct line *Q = &ps->lines[k];
				if (Q->mk.style)
					break;
				if (Q->label && Q != L) {
					after_cell = 1;
					break;
				}
				if (!(Q = previous_text(ps, k)))
					break;
				k = (size_t)(Q - ps->lines);
			}
			if (!(is_final_cp(cp) || is_close_paren(cp) || cp == 0xFF1A || cp == ':' ||
			      P->label || after_cell))
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

/* A new text for line L: a then b, owned by the parser. */
static int set_text(struct parser *ps, struct line *L, const char *a, size_t al, const char *b,
                    size_t bl)
{
	char *t;

	if (import_grow(ps, (void **)&ps->owned, &ps->capowned, ps->nowned + 1, sizeof *ps->owned) < 0)
		return -1;
	if (!(t = malloc(al + bl + 1))) {
		ps->oom = 1;
		return -1;
	}
	memcpy(t, a, al);
	memcpy(t + al, b, bl);
	t[al + bl] = '\0';
	ps->owned[ps->nowned++] = t;
	L->s = t;
	L->len = al + bl;
	return 0;
}

/* Drops the lines marked in drop (furniture, rows joined to the line above). */
static void compact_lines(struct parser *ps, const unsigned char *drop)
{
	size_t o = 0;

	for (size_t i = 0; i < ps->n; i++)
		if (!drop[i])
			ps->lines[o++] = ps->lines[i];
	ps->n = o;
}

/* ---- page furniture ---- */

static int only_digits(const char *s, size_t len, long *v)
{
	size_t n, digits = 0;

	*v = 0;
	for (size_t i = 0; i < len; i += n) {
		uint32_t cp = cp_at(s, len, i, &n);
		if (!is_digit_cp(cp) || ++digits > 4)
			return 0;
		*v = *v * 10 + (long)(cp >= 0xFF10 ? cp - 0xFF10 : cp - '0');
	}
	return digits > 0;
}

/* A page number line: "— 3 —", "- 3 -", "－3－", "第 3 页", "第 3 页 共 9 页", "3/9",
 * "第3页/共9页". A bare "3" is decided by its neighbours (mark_furniture). */
static int page_number_line(const char *s, size_t len)
{
	size_t n, digits = 0, dashes = 0, other = 0;
	int di = 0, ye = 0, slash = 0;

	if (len == 0 || len > 64)
		return 0;
	for (size_t i = 0; i < len; i += n) {
		uint32_t cp = cp_at(s, len, i, &n);
		if (is_digit_cp(cp))
			digits++;
		else if (cp == '-' || cp == 0x2014 || cp == 0x2013 || cp == 0xFF0D || cp == 0x2015 ||
		         cp == 0x2500 || cp == 0x2212)
			dashes++;
		else if (cp == 0x7B2C) /* 第 */
			di++;
		else if (cp == 0x9875) /* 页 */
			ye++;
		else if (cp == '/' || cp == 0xFF0F)
			slash++;
		else if (cp != 0x5171 && !is_space_cp(cp)) /* 共 */
			other++;
	}
	if (digits == 0 || digits > 8 || other)
		return 0;
	if (dashes >= 2 && !di && !ye && !slash)
		return 1; /* — 3 — */
	if (ye && !dashes)
		return 1; /* 第 3 页 共 9 页 */
	return slash == 1 && !dashes && !di && !ye; /* 3/9 */
}

/* For sorting line indices by their text (mark_furniture): the lines being sorted. */
static const struct line *sort_lines;

static int cmp_line_text(const void *a, const void *b)
{
	const struct line *x = &sort_lines[*(const size_t *)a], *y = &sort_lines[*(const size_t *)b];
	int c;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	c = memcmp(x->s, y->s, x->len);
	if (c)
		return c;
	return *(const size_t *)a < *(const size_t *)b ? -1 : *(const size_t *)a > *(const size_t *)b;
}

/* Marks page furniture: page number lines, bare page numbers that count up with another one,
 * and a running header — a short line printed again and again next to page numbers or page
 * breaks. None of it belongs to an item; ps->furniture counts it. */
static void mark_furniture(struct parser *ps, unsigned char *drop)
{
	long *bare = malloc((ps->n + 1) * sizeof *bare);
	unsigned char *near = calloc(ps->n + 1, 1);
	size_t *last_seen = NULL, marks = 0;
	long maxv = -1;

	if (!bare || !near) {
		free(bare);
		free(near);
		ps->oom = 1;
		return;
	}
	for (size_t i = 0; i < ps->n; i++) {
		const struct line *L = &ps->lines[i];
		long v;
		bare[i] = -1;
		if (page_number_line(L->s, L->len))
			drop[i] = 1;
		else if (only_digits(L->s, L->len, &v) && v < 10000) {
			bare[i] = v;
			if (v > maxv)
				maxv = v;
		}
	}
	/* A bare number is a page number when the one before or after it is on a page nearby. */
	if (maxv >= 0 && (last_seen = malloc((size_t)(maxv + 2) * sizeof *last_seen))) {
		for (long v = 0; v <= maxv + 1; v++)
			last_seen[v] = SIZE_MAX;
		for (size_t i = 0; i < ps->n; i++) {
			long v = bare[i];
			if (v < 0)
				continue;
			if ((v > 0 && last_seen[v - 1] != SIZE_MAX && i - last_seen[v - 1] < 400)) {
				drop[i] = 1;
				drop[last_seen[v - 1]] = 1;
			}
			last_seen[v] = i;
		}
		free(last_seen);
	}
	/* Lines next to a page mark: the text line before and the one after each. */
	for (size_t i = 0; i < ps->n; i++) {
		if (!drop[i] && !ps->lines[i].page)
			continue;
		marks++;
		for (size_t j = i, k = 0; j-- > 0 && k < 1;)
			if (ps->lines[j].len && !drop[j]) {
				near[j] = 1;
				k++;
			}
		/* after a form feed, a header of two rows */
		for (size_t j = drop[i] ? i + 1 : i, k = 0; j < ps->n && k < (ps->lines[i].page ? 2u : 1u);
		     j++)
			if (ps->lines[j].len && !drop[j]) {
				near[j] = 1;
				k++;
			}
	}
	/* A running header: the same short line next to a third of the page marks or more (and
	 * at least twice) — a unit's name that a page break happens to touch twice is not one.
	 * The candidates are sorted by text, so counting them is not quadratic. */
	{
		size_t nc = 0, *cand = malloc((ps->n + 1) * sizeof *cand);
		if (!cand) {
			ps->oom = 1;
		} else {
			for (size_t i = 0; i < ps->n; i++) {
				const struct line *L = &ps->lines[i];
				struct marker m;
				size_t off;
				/* short, no sentence, not a numbered or labelled line (a status repeated near
				 * a page break is still a status) */
				if (!near[i] || drop[i] || L->len == 0 || L->len > 120 ||
				    find_lit(L->s, L->len, "。") || import_marker_parse(L->s, L->len, &m) ||
				    import_label_at(L->s, L->len, &off, LABEL_BARE | LABEL_LOOSE) ||
				    (is_open_paren(cp_at(L->s, L->len, 0, &off)) &&
				     import_label_at(L->s + off, L->len - off, &off, 0)))
					continue;
				cand[nc++] = i;
			}
			sort_lines = ps->lines;
			qsort(cand, nc, sizeof *cand, cmp_line_text);
			for (size_t g = 0; g < nc;) {
				size_t e = g + 1;
				while (e < nc && ps->lines[cand[e]].len == ps->lines[cand[g]].len &&
				       memcmp(ps->lines[cand[e]].s, ps->lines[cand[g]].s, ps->lines[cand[g]].len) == 0)
					e++;
				if (e - g >= 2 && (e - g) * 3 >= marks)
					for (size_t k = g; k < e; k++)
						drop[cand[k]] = 1;
				g = e;
			}
			free(cand);
		}
	}
	for (size_t i = 0; i < ps->n; i++)
		ps->furniture += drop[i] && ps->lines[i].len > 0;
	free(bare);
	free(near);
}

/* ---- labels broken over two lines ---- */

/* "整改进展情" | "况：已完成": a label whose start ends line i and whose rest starts the next
 * text line is moved whole to that line. */
static int repair_split_labels(struct parser *ps)
{
	for (size_t i = 0; i + 1 < ps->n; i++) {
		struct line *A = &ps->lines[i], *B;
		size_t j = i + 1, colon = SIZE_MAX, n, cps = 0, off;
		char buf[160];

		if (A->len == 0)
			continue;
		while (j < ps->n && ps->lines[j].len == 0 && j < i + 3)
			j++;
		if (j >= ps->n || ps->lines[j].len == 0)
			continue;
		B = &ps->lines[j];
		for (size_t k = 0; k < B->len && cps <= 8; k += n, cps++) {
			uint32_t cp = cp_at(B->s, B->len, k, &n);
			if (cp == 0xFF1A || cp == ':') {
				colon = k;
				break;
			}
		}
		if (colon == SIZE_MAX || import_label_at(B->s, B->len, &off, 0))
			continue;
		/* The longest tail of A that, with B's start, is a label ending right at the colon. */
		for (size_t take = 7; take >= 1; take--) {
			size_t p = A->len, m, got = 0, plen, colon_len;
			while (p > 0 && got < take) {
				cp_before(A->s, p, &m);
				p -= m;
				got++;
			}
			if (got < take)
				continue;
			plen = A->len - p;
			cp_at(B->s, B->len, colon, &colon_len);
			if (plen + colon + colon_len >= sizeof buf)
				continue;
			if (p > 0) {
				uint32_t before = cp_before(A->s, p, &m);
				if (!(is_final_cp(before) || is_space_cp(before) || is_close_paren(before)))
					continue;
			}
			memcpy(buf, A->s + p, plen);
			memcpy(buf + plen, B->s, colon + colon_len);
			if (import_label_at(buf, plen + colon + colon_len, &off, 0) == LB_NONE ||
			    off != plen + colon + colon_len)
				continue;
			if (set_text(ps, B, A->s + p, plen, B->s, B->len) < 0)
				return -1;
			A->len = p;
			trim(&A->s, &A->len);
			break;
		}
	}
	return 0;
}

/* ---- rows of a re-wrapped text ---- */

/* Whether a line starts something of its own: a numbering marker or a label. */
static int starts_structure(const struct line *L)
{
	struct marker m;
	size_t off;

	if (import_marker_parse(L->s, L->len, &m) && !m.decimal)
		return 1;
	/* also "整改时限 2024年底" and a label alone on its row: labels however written */
	return import_label_at(L->s, L->len, &off, LABEL_BARE | LABEL_LOOSE) != LB_NONE;
}

/* The display width of a line, fast: CJK (lead bytes E3–E9: U+3000–U+9FFF) is two columns
 * without decoding; anything wider than 201 columns counts as 202 (only rows are measured). */
static int row_width(const char *s, size_t len)
{
	int w = 0;

	if (len > 4 * 202)
		return 202;
	for (size_t i = 0; i < len && w <= 201;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			w++;
			i++;
		} else if (c >= 0xE3 && c <= 0xE9 && i + 2 < len) {
			w += 2;
			i += 3;
		} else {
			uint32_t cp;
			size_t n = text_decode(s + i, len - i, &cp);
			int cw = text_cp_width(cp);
			w += cw > 0 ? cw : 0;
			i += n ? n : 1;
		}
	}
	return w > 201 ? 202 : w;
}

/* A text extracted from a PDF, or re-wrapped by a mail program, breaks every line at the same
 * width: most lines are then as wide as the widest (or one column less, where a wide character
 * did not fit). When that is so, a full row goes on in the next line unless the next one
 * starts a numbered line or a label, and the rows are joined back into one line. */
static int unwrap_rows(struct parser *ps, unsigned char *drop)
{
	int *width = malloc((ps->n + 1) * sizeof *width), max = 0;
	size_t text = 0, hist[202] = {0}, best = 0, wider = 0;

	if (!width) {
		ps->oom = 1;
		return -1;
	}
	for (size_t i = 0; i < ps->n; i++) {
		width[i] = ps->lines[i].len ? row_width(ps->lines[i].s, ps->lines[i].len) + ps->lines[i].pad
		                            : 0;
		if (ps->lines[i].len) {
			text++;
			hist[width[i] > 201 ? 201 : width[i]]++;
		}
	}
	/* The wrap width: the W with most rows W or W-1 wide. A few rows may be wider (a word or
	 * a marker the wrapping kept whole). */
	for (int w = 8; w <= 200; w++)
		if (hist[w] + hist[w - 1] > best) {
			best = hist[w] + hist[w - 1];
			max = w;
		}
	for (int w = max + 1; w <= 201; w++)
		wider += hist[w];
	if (best < 4 || best * 4 < text || wider * 10 > text) {
		free(width);
		return 0;
	}
	for (size_t i = 0; i < ps->n; i++) {
		struct line *L = &ps->lines[i];
		size_t j = i + 1;
		int last = width[i];
		if (drop[i] || L->len == 0)
			continue;
		while (last >= max - 1 && j < ps->n && ps->lines[j].len > 0 &&
		       !starts_structure(&ps->lines[j])) {
			if (!L->join)
				L->join = L->len;
			if (set_text(ps, L, L->s, L->len, ps->lines[j].s, ps->lines[j].len) < 0) {
				free(width);
				return -1;
			}
			last = width[j];
			drop[j] = 1;
			j++;
		}
		i = j - 1;
	}
	free(width);
	return 0;
}

/* Splits the sanitised text into trimmed lines, drops page furniture, mends labels broken over
 * two lines and rows of a re-wrapped text, and classifies each line (marker, labels). */
int import_lines_split(struct parser *ps, const char *s, size_t len)
{
	size_t cap = 0, i = 0, b = 0;
	unsigned char *drop;

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
		if (L->len > ps->max_line) {
			ps->max_line = L->len;
			ps->max_line_no = ps->n;
		}
		{
			size_t before = L->len;
			trim(&L->s, &L->len);
			L->pad = (unsigned char)(before - L->len > 8 ? 8 : before - L->len);
		}
		L->no = ps->n;
		while (b < ps->nbreaks && ps->breaks[b] < L->no)
			b++;
		L->page = b < ps->nbreaks && ps->breaks[b] == L->no;
		i = e + 1;
		if (!nl)
			break;
	}
	if (!(drop = calloc(ps->n + 1, 1))) {
		ps->oom = 1;
		return -1;
	}
	mark_furniture(ps, drop);
	compact_lines(ps, drop);
	memset(drop, 0, ps->n + 1);
	if (ps->oom || repair_split_labels(ps) < 0 || unwrap_rows(ps, drop) < 0) {
		free(drop);
		return -1;
	}
	compact_lines(ps, drop);
	free(drop);
	for (size_t k = 0; k < ps->n; k++) {
		struct line *L = &ps->lines[k];
		if (L->len > 0 && !import_marker_parse(L->s, L->len, &L->mk))
			classify_label(ps, k);
		if (L->mk.wide) {
			/* a year or a count until the chain says otherwise */
			L->wide = L->mk;
			memset(&L->mk, 0, sizeof L->mk);
			classify_label(ps, k);
		}
		if (L->len > 0)
			L->inl = import_label_find_inline(L->s, L->len,
			                                  L->label ? L->value_off : L->mk.style ? L->mk.len : 0,
			                                  &L->inl_off, &L->inl_value_off);
	}
	return ps->oom ? -1 : 0;
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

/* ---- mojibake ---- */

/* Windows-1252's characters for bytes 0x80–0x9F (0: undefined, read as U+0080… by Latin-1). */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* The byte a code point stands for when UTF-8 was read as Windows-1252 or Latin-1; -1 if none. */
static int mojibake_byte(uint32_t cp)
{
	if (cp < 0x100)
		return (int)cp;
	for (int k = 0; k < 32; k++)
		if (cp1252_high[k] == cp)
			return 0x80 + k;
	return -1;
}

/* The 1-based line of byte offset at in s. */
static size_t line_of(const char *s, size_t at)
{
	size_t line = 1;

	for (size_t i = 0; i < at; i++)
		line += s[i] == '\n';
	return line;
}

int import_lines_mojibake(struct parser *ps, char **text, size_t *len, const char *file,
                          struct import_error *err)
{
	const char *s = *text;
	size_t n, latin = 0, cjk = 0, fffd = 0, first_latin = SIZE_MAX, first_fffd = SIZE_MAX;
	size_t nonascii = 0;

	for (size_t i = 0; i < *len; i += n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		if (c < 0x80) {
			n = 1;
			continue;
		}
		if (c >= 0xE3 && c <= 0xE9 && i + 2 < *len) {
			/* U+3000–U+9FFF: CJK, no need to decode (the common case, kept fast) */
			n = 3;
			nonascii++;
			cjk++;
			continue;
		}
		cp = cp_at(s, *len, i, &n);
		if (n == 0)
			break;
		nonascii++;
		if (cp == 0xFFFD) {
			if (fffd++ == 0)
				first_fffd = i;
		} else if (cp < 0x2200 && mojibake_byte(cp) >= 0) {
			if (latin++ == 0)
				first_latin = i;
		} else if (cp >= 0x2E80) {
			cjk++;
		}
	}
	/* GB18030 (GBK) bytes read as UTF-8: each invalid pair became U+FFFD, the bytes are gone. */
	if (fffd >= 8 && fffd * 10 > nonascii) {
		import_set_error(err, (int)line_of(s, first_fffd), -1,
		                 tr("文本中有 %zu 个替换字符（U+FFFD）：这是把 GB18030（GBK）文件当作 UTF-8 "
		                    "读过一次留下的，原来的字节已经丢失，无法还原；请转换原文件："
		                    "iconv -f GB18030 -t UTF-8 原文件 > %s，或用 --encoding gb18030 导入原文件"),
		                 fffd, file);
		return -1;
	}
	if (latin < 16 || cjk * 10 >= latin)
		return 0;
	/* UTF-8 read as Windows-1252 / Latin-1: every such character is one byte of the original. */
	{
		char *out = malloc(*len + 1);
		size_t o = 0, bad = SIZE_MAX, rcjk = 0;
		if (!out) {
			ps->oom = 1;
			return -1;
		}
		for (size_t i = 0; i < *len; i += n) {
			uint32_t cp = cp_at(s, *len, i, &n);
			int b = cp < 0x80 ? (int)cp : mojibake_byte(cp);
			if (b < 0) {
				bad = i;
				break;
			}
			out[o++] = (char)b;
		}
		for (size_t i = 0; bad == SIZE_MAX && i < o; i += n) {
			uint32_t cp = cp_at(out, o, i, &n);
			if (cp == 0xFFFD && n == 1)
				bad = first_latin;
			rcjk += cp >= 0x2E80;
		}
		if (bad != SIZE_MAX || rcjk * 4 < latin / 3) {
			free(out);
			import_set_error(err, (int)line_of(s, bad == SIZE_MAX ? first_latin : bad), -1,
			                 tr("文本像是被当作 Windows-1252/Latin-1 读过的 UTF-8（乱码，如“ç£´å£”），"
			                    "但字节已不完整，无法准确还原；请从原文件重新转换，或试试："
			                    "iconv -f UTF-8 -t WINDOWS-1252 文件 > %s"),
			                 file);
			return -1;
		}
		out[o] = '\0';
		free(*text);
		*text = out;
		*len = o;
		import_warn(ps, "%s", tr("文本是被当作 Windows-1252/Latin-1 读过的 UTF-8（乱码），已按原字节准确还原"));
	}
	return 0;
}
