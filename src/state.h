/* state.h — the seven normalised item states, their names, Chinese labels, and the mapping
 * from a status as printed in a report (已完成，待自治区验收销号 …) to a state.
 * Model code: no curses, no printing, no exit. */
#ifndef DUBAN_STATE_H
#define DUBAN_STATE_H

#include <stddef.h>

/* Ordered by progress; stored in the database by name, so the order may change freely. */
enum state {
	STATE_PENDING,
	STATE_IN_PROGRESS,
	STATE_ON_SCHEDULE,
	STATE_BEHIND,
	STATE_DONE,
	STATE_AWAITING_VERIFICATION,
	STATE_VERIFIED,
	STATE_COUNT
};

/* English name used in the database, export and command line: "pending" … "verified". */
const char *state_name(enum state s);

/* Short label for the board, the command line and printouts, in the user's language (tr):
 * 未开始, 推进中, 序时进度, 滞后, 已完成, 待验收, 已销号; English under an English locale. */
const char *state_label(enum state s);

/* Parses a name as given by state_name. Returns the state, or -1 if unknown. */
int state_from_name(const char *name);

/* Parses what a user typed for a state (duban list --state): its name (done), its Chinese
 * label (已完成) or its English label (done, "in progress"). Returns the state or -1. */
int state_from_label(const char *text);

/* Maps a printed status to a state. Longest meaning wins: 已完成，待…验收销号 is
 * awaiting_verification, not done; 未达到序时进度 is behind, not on_schedule; 已销号 is
 * verified. When status is NULL (a report that prints none), the state is derived from the
 * n measure statuses (entries may be NULL): all done → done, any done or in progress →
 * in_progress, none → pending. An unrecognised status is in_progress when it names progress (推进, 实施, 整改中)
 * and pending otherwise. */
enum state state_classify(const char *status, const char *const *measure_statuses, size_t n);

/* Whether an item in state s is finished for overdue purposes (done, awaiting verification or
 * verified). */
int state_is_closed(enum state s);

#endif
