/* view_edit.h — every edit a clerk makes on the board: deadline (with its live reading and a
 * reason), state (a chooser of the seven states), progress note, verification (验收销号) and
 * its undoing, and undo of one's own last change; on one item or on the tagged ones, in one
 * transaction each. A save based on an old version opens the conflict screen. */
#ifndef DUBAN_VIEW_EDIT_H
#define DUBAN_VIEW_EDIT_H

#include <stddef.h>
#include <stdint.h>

struct db;

enum edit_kind {
	EDIT_DEADLINE,
	EDIT_STATE,
	EDIT_NOTE,
	EDIT_VERIFY,
	EDIT_UNVERIFY,
	EDIT_UNDO
};

/* Starts an edit of kind on the n items ids (copied; n > 1 only for the tagged items of the
 * board: deadline, state and verification apply to all of them at once, all or nothing;
 * note, unverify and undo take the first; the board gives them the selected item). The items' versions are read now: the save is
 * refused (the conflict screen opens) when someone changes one of them in between. after
 * (may be NULL) is called once, with ctx, when the edit was saved (the board clears its tags
 * then); every view is reloaded after a save. Returns 0, or -1 with the reason shown. */
int view_edit_start(struct db *db, enum edit_kind kind, const int64_t *ids, size_t n,
                    void (*after)(void *ctx), void *ctx);

#endif
