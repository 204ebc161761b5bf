/* view_conflict.h — the conflict screen: a save was based on an old version of an item; it
 * shows who changed what since (old → new, when) and lets the user re-apply the edit on top
 * or drop it. Nothing is lost silently. */
#ifndef DUBAN_VIEW_CONFLICT_H
#define DUBAN_VIEW_CONFLICT_H

#include <stdint.h>

#include "ui.h"

struct db;

/* Fills *view with the conflict screen for item id, listing the changes after since_version;
 * mine describes the user's edit ("状态 → 已完成"). decided is called exactly once with ctx:
 * reapply = 1 when the user chose to re-apply on top, 0 when the edit is dropped (also when
 * the screen is closed with Esc or q); the screen has been popped by then. Returns 0, or -1
 * with a message shown (decided is not called then). */
int view_conflict_open(struct db *db, int64_t id, int since_version, const char *mine,
                       void (*decided)(void *ctx, int reapply), void *ctx, struct ui_view *view);

#endif
