/* db_summary.h — the summary page's SQL (issue 8): the per-region tally rows to count from, and
 * the short item lists (overdue, due soon, awaiting verification) read in their order from the
 * indexes, so a summary of a million items costs a tally read and a few index ranges.
 * Model code: no curses, no printing, no exit. */
#ifndef DUBAN_DB_SUMMARY_H
#define DUBAN_DB_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "state.h"

/* Calls fn once per non-empty tally row: the items not removed of one region in one state
 * with one due date (days since 1970-01-01, or DB_SUMMARY_NO_DUE for items without a date),
 * n of them. fn returns non-zero to stop. Returns 0, fn's value, or -1 (db_errmsg). */
#define DB_SUMMARY_NO_DUE 99999999L
int db_summary_tally(struct db *db,
                     int (*fn)(int64_t region_id, enum state state, long due, long n, void *ctx),
                     void *ctx);

enum db_summary_list {
	DB_SUMMARY_OVERDUE,  /* open, due before today; most days overdue first */
	DB_SUMMARY_DUE_SOON, /* open, due from today to today + days; soonest first */
	DB_SUMMARY_AWAITING  /* awaiting verification; earliest due first, then by id */
};

/* Which items a list reads. */
struct db_summary_query {
	enum db_summary_list list;
	int64_t region_id;   /* this region and its descendants; 0 = every region */
	unsigned state_mask; /* bit (1u << state) per state listed; 0 = all */
	long today;          /* days since 1970-01-01 */
	long days;           /* DB_SUMMARY_DUE_SOON: how far ahead */
	size_t limit;        /* at most this many rows; 0 = all */
};

/* One listed item; strings are sanitised, single-line, malloc'd and valid only during fn. */
struct db_summary_row {
	int64_t id;
	const char *no, *region, *text, *deadline; /* deadline may be NULL */
	enum state state;
	long due; /* days since 1970-01-01, or DB_SUMMARY_NO_DUE */
};

/* Calls fn for each row of the list q describes, in the list's order. fn returns non-zero to
 * stop. Returns 0, fn's value, or -1 (db_errmsg). */
int db_summary_items(struct db *db, const struct db_summary_query *q,
                     int (*fn)(const struct db_summary_row *row, void *ctx), void *ctx);

#endif
