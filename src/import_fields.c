/* import_fields.c — stage 3 of the importer: one item's lines to its fields — problem text,
 * status and deadline, units, goal, and the measures with their statuses. Knows the item's
 * line range from the structure stage; never decides what is an item. Pure model code. */
#include "import.h"
#include "import_internal.h"

#include "text.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fields {
	struct sbuf text, status, deadline, lead, resp, accept, goal, other;
	struct chunk *chunks;
	size_t nchunks, capchunks;
};

static void fields_free(struct fields *f)
{
	import_buf_free(&f->text);
	import_buf_free(&f->status);
	import_buf_free(&f->deadline);
	import_buf_free(&f->lead);
	import_buf_free(&f->resp);
	import_buf_free(&f->accept);
	import_buf_free(&f->goal);
	import_buf_free(&f->other);
	free(f->chunks);
	f->chunks = NULL;
	f->nchunks = f->capchunks = 0;
}

static void add_chunk(struct parser *ps, struct fields *f, const char *s, size_t len)
{
	trim(&s, &len);
	if (len == 0)
		return;
	if (import_grow(ps, (void **)&f->chunks, &f->capchunks, f->nchunks + 1, sizeof *f->chunks) < 0)
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
	size_t n, at = import_label_find(s, len, LB_DEADLINE, &n);

	if (at != SIZE_MAX) {
		const char *p = s + at;
		size_t off = at, plen;
		n -= at;
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
				import_buf_add(ps, &f->deadline, p + n, (size_t)(close - (p + n)));
				f->status.len = 0;
				import_buf_add(ps, &f->status, s, off - plen);
				import_buf_add(ps, &f->status, s + after, len - after);
				return;
			}
		}
		f->deadline.len = 0;
		import_buf_add(ps, &f->deadline, p + n, len - off - n);
		f->status.len = 0;
		import_buf_add(ps, &f->status, s, off);
		return;
	}
	f->status.len = 0;
	import_buf_add(ps, &f->status, s, len);
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

	if (len == 0 || count_cps(s, len) > 40 || import_marker_parse(s, len, &m))
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
	if (!import_marker_parse(s + after, len - after, &m) || m.num != 1)
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

	import_buf_add(ps, &b, v, vlen);
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
		/* "…长期坚持（" | "整改时限：立行立改）": the deadline wrapped inside the parenthesis */
		if (last >= end || ps->lines[last].mk.style ||
		    (ps->lines[last].label && ps->lines[last].label != LB_DEADLINE)) {
			last = j;
			break;
		}
		import_buf_add(ps, &b, ps->lines[last].s, ps->lines[last].len);
		j = last;
		lines++;
	}
	if (b.p)
		split_deadline(ps, b.p, b.len, f);
	tidy_status(&f->status);
	import_buf_free(&b);
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
		{
			/* A re-wrapped text whose status row happened to be full: "整改进展情况：已完成整改"
			 * then the progress paragraph, joined as one line. The row break says where the
			 * status ended. */
			const struct line *L = &ps->lines[j];
			size_t vo = (size_t)(v - L->s);
			if (!f->status.set && L->join > vo && L->join < vo + vlen &&
			    short_status(v, L->join - vo) && count_cps(v, L->join - vo) >= 3 &&
			    !find_lit(v, L->join - vo, "，")) {
				take_status(ps, f, j, j + 1, v, L->join - vo);
				add_chunk(ps, f, L->s + L->join, vo + vlen - L->join);
				return j;
			}
		}
		add_chunk(ps, f, v, vlen);
		return j;
	case LB_MEASURES:
		rd->phase = MEASURES;
		add_chunk(ps, f, v, vlen);
		return j;
	case LB_DEADLINE:
		/* One line: what follows may be unlabelled measures. A label alone on its line (a
		 * table cell) has its value on the next line. */
		f->deadline.len = 0;
		import_buf_add(ps, &f->deadline, v, vlen);
		rd->phase = MEASURES;
		if (vlen == 0)
			rd->pending = 3;
		return j;
	case LB_PROBLEM:
		/* 整改任务：… the problem text itself: what the item line held comes first. */
		rd->field = &f->text;
		import_buf_add(ps, rd->field, v, vlen);
		rd->phase = FIELD;
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
	case LB_PUBLICITY:
	case LB_OTHER:
		/* Not stored here (a notice's publicity period is read for the report); its lines must not run on into the field before it. */
		rd->field = &f->other;
		break;
	case LB_NONE:
	case LB_COUNT:
		return j;
	}
	rd->field->len = 0;
	import_buf_add(ps, rd->field, v, vlen);
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
		enum label_kind next = import_label_find_inline(L->s, L->len, value_off, &off, &next_value);
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
				import_buf_add(ps, b, L->s + from, i - from);
				return last;
			}
		import_buf_add(ps, b, L->s + from, L->len - from);
		do
			last++;
		while (last < end && (is_blank(&ps->lines[last]) || ps->lines[last].skip));
		if (last >= end || ps->lines[last].mk.style || ps->lines[last].label)
			break;
		from = 0;
	}
	/* Never closed: keep what the first line holds. */
	b->len = 0;
	import_buf_add(ps, b, ps->lines[j].s + ps->lines[j].value_off,
	       ps->lines[j].len - ps->lines[j].value_off);
	return j;
}

/* Reads an item's lines [line, end): problem text, labelled fields, measure text. */
static void read_item(struct parser *ps, size_t line, size_t end, struct fields *f)
{
	const struct line *I = &ps->lines[line];
	struct reader rd = {ps, f, PROBLEM, NULL, end, 0};

	/* A notice has no item line: its first line is already a section (a label). */
	if (!ps->notice) {
		import_buf_add(ps, &f->text, I->s + I->mk.len,
		               (I->inl ? I->inl_off : I->len) - I->mk.len);
		if (I->inl)
			on_labels(&rd, line, I->inl, I->inl_value_off);
	}
	for (size_t j = ps->notice ? line : line + 1; j < end; j++) {
		const struct line *L = &ps->lines[j];
		if (L->skip || is_blank(L))
			continue;
		if (L->label && L->paren) {
			struct sbuf b = {0};
			size_t last = paren_value(ps, j, end, &b);
			rd.pending = 0;
			if (b.p)
				on_label(&rd, L->label, b.p, b.len, j, 0);
			import_buf_free(&b);
			j = last;
			continue;
		}
		if (L->label) {
			rd.pending = 0;
			j = on_labels(&rd, j, L->label, L->value_off);
			continue;
		}
		if (rd.pending == 3) {
			rd.pending = 0;
			if (!L->mk.style) {
				import_buf_add(ps, &f->deadline, L->s, L->len);
				continue;
			}
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
				import_buf_add(ps, &f->text, L->s, L->inl_off);
			else
				import_buf_add(ps, rd.field, L->s, L->inl_off);
			j = on_labels(&rd, j, L->inl, L->inl_value_off);
		} else if (rd.phase == PROBLEM && !measure_start(ps, L)) {
			import_buf_add(ps, &f->text, L->s, L->len);
		} else if (rd.phase == FIELD && !L->mk.style) {
			import_buf_add(ps, rd.field, L->s, L->len);
		} else {
			rd.phase = MEASURES;
			add_chunk(ps, f, L->s, L->len);
		}
	}
}

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
	if (!import_marker_parse(J + pos, jl - pos, m))
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
	if (import_grow(ps, (void **)&item->measures, &cap, item->measure_count + 1, sizeof *item->measures) <
	    0)
		return -1;
	/* import_grow() rounds capacities up; the array is only ever sized by measure_count. */
	m = &item->measures[item->measure_count];
	memset(m, 0, sizeof *m);
	tl = split_measure_status(s, len, &off, &sl);
	m->text = import_dup_clean(ps, s, tl);
	if (sl)
		m->status = import_dup_clean(ps, s + off, sl);
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
		import_buf_add(ps, &J, f->chunks[k].s, f->chunks[k].len);
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
			import_buf_add(ps, &t, J.p + cur_start, first_pos - cur_start);
			import_buf_add(ps, &t, J.p + cur_body, pos - cur_body);
			if (t.p)
				add_measure(ps, item, t.p, t.len, 1);
			import_buf_free(&t);
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
		import_buf_add(ps, &t, J.p + cur_start, first_pos - cur_start);
		import_buf_add(ps, &t, J.p + cur_body, J.len - cur_body);
		if (t.p)
			add_measure(ps, item, t.p, t.len, 1);
		import_buf_free(&t);
	} else {
		add_measure(ps, item, J.p + cur_body, J.len - cur_body, 1);
	}
out:
	free(starts);
	import_buf_free(&J);
}

static char *sb_take(struct parser *ps, struct sbuf *b)
{
	if (!b->set || !b->p)
		return NULL;
	return import_dup_clean(ps, b->p, b->len);
}

char *import_take_nonempty(struct parser *ps, struct sbuf *b)
{
	char *s = sb_take(ps, b);

	if (s && !*s) {
		free(s);
		s = NULL;
	}
	return s;
}


/* An item's number as stored: as printed, but full-width digits and circled numbers made
 * ASCII digits ("１２" and "⑫" are "12"), so the same report re-imported from another
 * encoding or layout matches every item. */
static char *item_number(struct parser *ps, const struct marker *m, const char *s, size_t len)
{
	char buf[32];
	size_t o = 0, n;

	if (m->style == ST_CIRCLED) {
		snprintf(buf, sizeof buf, "%d", m->num);
		return import_dup_clean(ps, buf, strlen(buf));
	}
	for (size_t i = 0; i < len && o + 4 < sizeof buf; i += n) {
		uint32_t cp = cp_at(s, len, i, &n);
		if (cp >= 0xFF10 && cp <= 0xFF19) {
			buf[o++] = (char)('0' + (cp - 0xFF10));
		} else {
			if (o + n >= sizeof buf)
				break;
			memcpy(buf + o, s + i, n);
			o += n;
		}
	}
	return import_dup_clean(ps, buf, o);
}
int import_fields_fill(struct parser *ps, size_t k, struct import_item *item)
{
	const struct pitem *pi = &ps->items[k];
	const struct line *L = &ps->lines[pi->line];
	size_t end = k + 1 < ps->nitems ? ps->items[k + 1].first : ps->list_end;
	struct fields f;

	memset(&f, 0, sizeof f);
	memset(item, 0, sizeof *item);
	item->line = L->no > INT32_MAX ? INT32_MAX : (int)L->no;
	item->no = ps->notice ? import_dup_clean(ps, "1", 1)
	                      : item_number(ps, &L->mk, L->s + L->mk.no_off, L->mk.no_len);
	read_item(ps, pi->line, end, &f);
	item->text = sb_take(ps, &f.text);
	if (!item->text && !ps->oom)
		item->text = import_dup_clean(ps, "", 0);
	item->status = import_take_nonempty(ps, &f.status);
	item->deadline = import_take_nonempty(ps, &f.deadline);
	item->lead_unit = import_take_nonempty(ps, &f.lead);
	item->responsible_unit = import_take_nonempty(ps, &f.resp);
	item->acceptance_unit = import_take_nonempty(ps, &f.accept);
	item->goal = import_take_nonempty(ps, &f.goal);
	parse_measures(ps, &f, item);
	fields_free(&f);
	return ps->oom ? -1 : 0;
}

void import_item_free(struct import_item *it)
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
