/* view_pager.c — wrapped, scrollable text for the item and help views. Columns are measured
 * with text.h only; drawing goes through ui_field. No SQL, no curses calls of its own. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "view_pager.h"

static struct pager_line *push(struct pager *p)
{
	if (p->count == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct pager_line *n = realloc(p->lines, cap * sizeof *n);
		if (!n)
			return NULL;
		p->lines = n;
		p->cap = cap;
	}
	memset(&p->lines[p->count], 0, sizeof p->lines[0]);
	return &p->lines[p->count++];
}

static char *dup_len(const char *s, size_t len)
{
	char *d = malloc(len + 1);

	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

/* Chinese line breaking (禁则): closing punctuation never starts a line. Given a line of n
 * bytes out of the len at s, returns a length that leaves no such character at the start of
 * the next line, by moving the line's last character down with it (at most twice). */
static size_t no_line_start(const char *s, size_t n, size_t len)
{
	static const uint32_t closing[] = {0x3002, 0xFF0C, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,
	                                   0xFF09, 0x300B, 0x300D, 0x300F, 0x3011, 0x201D, 0x2019,
	                                   0xFF0E, 0x3009, 0x3015, 0xFF3D, 0xFF5D, 0x2026,
	                                   ',', '.', ';', ':', '?', '!', ')', ']', '}'};

	for (int tries = 0; tries < 2 && n < len; tries++) {
		uint32_t next, cp;
		size_t last = 0, i = 0, k;
		int is_closing = 0;
		text_decode(s + n, len - n, &next);
		for (k = 0; k < sizeof closing / sizeof closing[0]; k++)
			if (next == closing[k])
				is_closing = 1;
		if (!is_closing)
			break;
		/* Find the start of the line's last character; keep at least one character. */
		while (i < n) {
			last = i;
			i += text_decode(s + i, n - i, &cp);
		}
		if (last == 0)
			break;
		n = last;
	}
	return n;
}

void view_pager_blank(struct pager *p)
{
	struct pager_line *l = push(p);

	if (l)
		l->text = NULL;
}

int view_pager_add(struct pager *p, int width, const char *label, enum ui_role label_role,
                   const char *text, enum ui_role role)
{
	char *clean = text ? text_sanitize(text, strlen(text), 1) : NULL;
	int indent = label ? text_width(label, strlen(label)) : 0;
	int room;
	const char *s = clean ? clean : "";
	int first = 1;

	if (text && !clean)
		return -1;
	/* A label wider than half the page goes on a line of its own. */
	if (indent > width / 2) {
		struct pager_line *l = push(p);
		if (!l || !(l->label = strdup(label))) {
			free(clean);
			return -1;
		}
		l->label_role = label_role;
		label = NULL;
		first = 0;
		indent = 2;
	}
	room = width - indent;
	if (room < 1)
		room = 1;
	do {
		/* One paragraph (up to a newline), wrapped. */
		size_t plen = strcspn(s, "\n");
		size_t off = 0;
		do {
			int used;
			size_t n = text_fit(s + off, plen - off, room, &used);
			struct pager_line *l;
			if (n == 0 && off < plen) /* a character wider than the room */
				n = text_fit(s + off, plen - off, room + 1, &used);
			if (n == 0 && off < plen)
				n = 1;
			if (off + n < plen)
				n = no_line_start(s + off, n, plen - off);
			if (!(l = push(p)))
				goto oom;
			l->indent = indent;
			l->role = role;
			l->label_role = label_role;
			if (first && label && !(l->label = strdup(label)))
				goto oom;
			first = 0;
			if (!(l->text = dup_len(s + off, n)))
				goto oom;
			off += n;
		} while (off < plen);
		s += plen;
		if (*s == '\n')
			s++;
		else
			break;
	} while (1);
	free(clean);
	return 0;
oom:
	free(clean);
	return -1;
}

void view_pager_clear(struct pager *p)
{
	for (size_t i = 0; i < p->count; i++) {
		free(p->lines[i].label);
		free(p->lines[i].text);
	}
	free(p->lines);
	p->lines = NULL;
	p->count = p->cap = 0;
}

static size_t max_top(const struct pager *p)
{
	size_t rows = p->rows > 0 ? (size_t)p->rows : 1;

	return p->count > rows ? p->count - rows : 0;
}

void view_pager_draw(struct pager *p, int top, int rows, int cols)
{
	if (p->width != cols || !p->lines) {
		/* Keep the same first line roughly in view: scale by the line counts. */
		size_t old_count = p->count, old_top = p->top;
		view_pager_clear(p);
		p->width = cols;
		p->build(p->owner, p, cols);
		if (old_count)
			p->top = (size_t)((double)old_top * (double)p->count / (double)old_count);
	}
	p->rows = rows;
	if (p->top > max_top(p))
		p->top = max_top(p);
	for (int r = 0; r < rows; r++) {
		size_t i = p->top + (size_t)r;
		const struct pager_line *l;
		int x = 0;
		if (i >= p->count) {
			ui_blank(top + r, 0, cols, UI_NORMAL);
			continue;
		}
		l = &p->lines[i];
		if (l->label)
			x = ui_field(top + r, 0, cols, l->label, l->label_role, UI_NO_MARK);
		if (x < l->indent) {
			ui_blank(top + r, x, l->indent - x, UI_NORMAL);
			x = l->indent;
		}
		if (x < cols)
			ui_field(top + r, x, cols - x, l->text, l->role, 0);
	}
}

int view_pager_act(struct pager *p, enum action action)
{
	size_t page = p->rows > 1 ? (size_t)p->rows - 1 : 1;

	switch (action) {
	case ACT_DOWN:
		if (p->top < max_top(p))
			p->top++;
		return 1;
	case ACT_UP:
		if (p->top > 0)
			p->top--;
		return 1;
	case ACT_HALF_DOWN:
	case ACT_PAGE_DOWN:
		p->top += action == ACT_PAGE_DOWN ? page : page / 2 + 1;
		if (p->top > max_top(p))
			p->top = max_top(p);
		return 1;
	case ACT_HALF_UP:
	case ACT_PAGE_UP: {
		size_t d = action == ACT_PAGE_UP ? page : page / 2 + 1;
		p->top = p->top > d ? p->top - d : 0;
		return 1;
	}
	case ACT_TOP:
		p->top = 0;
		return 1;
	case ACT_BOTTOM:
		p->top = max_top(p);
		return 1;
	default:
		return 0;
	}
}

void view_pager_status(const struct pager *p, char *buf, size_t size)
{
	size_t last = p->top + (size_t)(p->rows > 0 ? p->rows : 0);

	if (last > p->count)
		last = p->count;
	if (p->count <= (size_t)p->rows)
		snprintf(buf, size, "全部");
	else
		snprintf(buf, size, "%zu-%zu/%zu 行", p->top + 1, last, p->count);
}
