/* view_pager.h — a scrollable page of wrapped text lines, shared by the item and help views:
 * paragraphs wrapped by columns (text_fit, a double-width character never split) with a
 * hanging label, rebuilt when the width changes, moved with the MOVE keys. */
#ifndef DUBAN_VIEW_PAGER_H
#define DUBAN_VIEW_PAGER_H

#include <stddef.h>

#include "ui.h"

struct pager_line {
	char *label; /* drawn in label_role at the left, may be NULL */
	char *text;  /* the rest of the line; sanitised */
	enum ui_role label_role, role;
	int indent; /* columns before text (label width for continuation lines) */
};

struct pager {
	struct pager_line *lines;
	size_t count, cap;
	size_t top;        /* first line shown */
	int width;         /* the width the lines were built for; 0 = rebuild */
	int rows;          /* rows shown at the last draw */
	/* Fills the pager for a width (called by view_pager_draw when the width changed). */
	void (*build)(void *owner, struct pager *p, int width);
	void *owner;
};

/* Adds one paragraph: label (may be NULL; its width is the hanging indent) then text wrapped
 * to width columns; text may hold newlines (each starts a new line at the indent). Text is
 * sanitised here. Empty text adds the label alone. Returns 0 or -1 (out of memory). */
int view_pager_add(struct pager *p, int width, const char *label, enum ui_role label_role,
                   const char *text, enum ui_role role);

/* Adds an empty line. */
void view_pager_blank(struct pager *p);

/* Frees the lines (keeps build, owner and top). */
void view_pager_clear(struct pager *p);

/* Draws rows [top, top + rows) cols wide, rebuilding first when the width changed or
 * p->width is 0. */
void view_pager_draw(struct pager *p, int top, int rows, int cols);

/* Scrolls for a MOVE action. Returns 1 when it was one. */
int view_pager_act(struct pager *p, enum action action);

/* "line N/M" for the status line. */
void view_pager_status(const struct pager *p, char *buf, size_t size);

#endif
