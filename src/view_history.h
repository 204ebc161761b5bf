/* view_history.h — the history screen: an item's changes, or the latest changes of every
 * item in a region, newest first (who, when in local time, field, old → new, reason). */
#ifndef DUBAN_VIEW_HISTORY_H
#define DUBAN_VIEW_HISTORY_H

#include <stdint.h>

#include "ui.h"

struct db;

/* Fills *view with the history of item_id (when non-zero), else of the region region_id and
 * everything below it (0: all regions; the newest HISTORY_REGION_MAX rows). where names what
 * is shown for the title ("事项 3", "呼和浩特市"). Returns 0, or -1 with a message shown. */
int view_history_open(struct db *db, int64_t item_id, int64_t region_id, const char *where,
                      struct ui_view *view);

#define HISTORY_REGION_MAX 500

#endif
