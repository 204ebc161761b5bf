/* view_board.h — the board: region tree with roll-up counts, the selected region's reports and
 * categories, and the item list, side by side; search, filters and sorts of the item list. */
#ifndef DUBAN_VIEW_BOARD_H
#define DUBAN_VIEW_BOARD_H

#include <stddef.h>

#include "ui.h"

struct db;

/* Loads the first screen of db and fills *view with the board (the bottom view; it keeps db
 * for its lifetime). Returns 0, or -1 with a sentence in err (errsize bytes). */
int view_board_open(struct db *db, struct ui_view *view, char *err, size_t errsize);

#endif
