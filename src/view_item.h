/* view_item.h — one item in full: where it is, state, deadline, the problem text wrapped by
 * columns, units, goal, measures with their statuses, notes and history. */
#ifndef DUBAN_VIEW_ITEM_H
#define DUBAN_VIEW_ITEM_H

#include <stdint.h>

#include "ui.h"

struct db;

/* The list the item was opened from, so J/K and n/N can walk it. */
struct item_source {
	/* Moves the list's selection by delta (+1 or -1) and stores the item now selected in
	 * *id. Returns 0, or -1 at either end of the list. */
	int (*step)(void *ctx, int delta, int64_t *id);
	/* Whether the list is a search result (n/N walk it then). */
	int (*searching)(const void *ctx);
	void *ctx;
};

/* Loads item id and fills *view with its page, to push over the board. src is copied and
 * must outlive the view (the board does). Returns 0, or -1 with a message shown. */
int view_item_open(struct db *db, int64_t id, const struct item_source *src,
                   struct ui_view *view);

#endif
