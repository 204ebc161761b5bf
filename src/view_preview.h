/* view_preview.h — the print preview: the page as the text rendering (the same content as the
 * PDF), scrollable, with the routes to paper (PDF file, lp, the terminal's printer) and the
 * ssh command that fetches the PDF from another machine. */
#ifndef DUBAN_VIEW_PREVIEW_H
#define DUBAN_VIEW_PREVIEW_H

#include <stdint.h>

#include "ui.h"

struct db;

/* Builds the summary of region_id (0: all) under the board's filter and fills *view with its
 * preview, to push. Returns 0, or -1 with the reason on the status line. */
int view_preview_summary(struct db *db, int64_t region_id, unsigned state_mask, int overdue_only,
                         struct ui_view *view);

/* The same for the verification notice of item id; an item that is not verified is refused
 * with the reason on the status line (-1). */
int view_preview_notice(struct db *db, int64_t id, struct ui_view *view);

#endif
