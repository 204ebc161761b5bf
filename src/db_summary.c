/* db_summary.c — the summary page's SQL (issue 8): tally rows for the counts and the three short
 * item lists. Model code: no curses, no printing. Statements are constants; every value is
 * bound. The sort keys must stay as written in the indexes of migration 1 (db_schema.c). */
#include <stdlib.h>

#include "db_internal.h"
#include "db_summary.h"

/* What a failed prepare says it was doing (db_prepare_what). */
#define PREPARE_WHAT "preparing a summary query"

/* The region and its subtree; every region when :region is 0. */
#define SUB_CTE                                                                               \
	"WITH RECURSIVE sub(id) AS (SELECT id FROM region WHERE :region = 0 OR id = :region"     \
	" UNION SELECT region.id FROM region JOIN sub ON region.parent_id = sub.id) "

#define ROW_COLUMNS                                                                           \
	"SELECT item.id, item.no, (SELECT name FROM region WHERE region.id = item.region_id),"    \
	" substr(item.text, 1, 200), item.deadline, item.state,"                                  \
	" ifnull(CAST(julianday(item.due) - 2440587.5 AS INTEGER), 99999999)"                      \
	" FROM item WHERE item.removed = 0 AND +item.region_id IN (SELECT id FROM sub)"           \
	" AND (:mask = 0 OR ((:mask >> " DB_STATE_RANK ") & 1))"

/* Overdue and due soon walk item_board_due in due order and stop at the limit: the region and
 * state tests are made row by row ('+' keeps SQLite on the due index), which is cheap because
 * on a real board most rows in the date range are open. */
static const char *const list_sql[] = {
	[DB_SUMMARY_OVERDUE] = SUB_CTE ROW_COLUMNS
	" AND " DB_DUE_KEY " < :today AND NOT ((:closed >> " DB_STATE_RANK ") & 1)"
	" ORDER BY " DB_DUE_KEY ", item.id LIMIT :limit",
	[DB_SUMMARY_DUE_SOON] = SUB_CTE ROW_COLUMNS
	" AND " DB_DUE_KEY " >= :today AND " DB_DUE_KEY " <= :until"
	" AND NOT ((:closed >> " DB_STATE_RANK ") & 1)"
	" ORDER BY " DB_DUE_KEY ", item.id LIMIT :limit",
	[DB_SUMMARY_AWAITING] = SUB_CTE ROW_COLUMNS
	" AND item.state = 'awaiting_verification'"
	" ORDER BY " DB_DUE_KEY ", item.id LIMIT :limit",
};

int db_summary_tally(struct db *db,
                     int (*fn)(int64_t region_id, enum state state, long due, long n, void *ctx),
                     void *ctx)
{
	sqlite3_stmt *st = db_prepare_what(
	    db, "SELECT region_id, state, due, n FROM item_tally WHERE n > 0", PREPARE_WHAT);
	int rc = 0, step;

	if (!st)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int s = sqlite3_column_int(st, 1);

		if (s < 0 || s >= STATE_COUNT)
			continue;
		rc = fn(sqlite3_column_int64(st, 0), (enum state)s, (long)sqlite3_column_int64(st, 2),
		        (long)sqlite3_column_int64(st, 3), ctx);
		if (rc)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_fail_sqlite(db, "reading the tally");
	sqlite3_finalize(st);
	return rc;
}

int db_summary_items(struct db *db, const struct db_summary_query *q,
                     int (*fn)(const struct db_summary_row *row, void *ctx), void *ctx)
{
	sqlite3_stmt *st;
	char today[16], until[16];
	int rc = 0, step;

	if ((unsigned)q->list > DB_SUMMARY_AWAITING)
		return db_fail(db, "unknown summary list");
	if (!(st = db_prepare_what(db, list_sql[q->list], PREPARE_WHAT)))
		return -1;
	db_bind_named_int64(st, ":region", q->region_id);
	db_bind_named_int64(st, ":mask", q->state_mask);
	db_bind_named_int64(st, ":closed", db_closed_mask());
	db_bind_named_text(st, ":today", date_format_iso(q->today, today));
	db_bind_named_text(st, ":until", date_format_iso(q->today + q->days, until));
	db_bind_named_int64(st, ":limit", q->limit ? (int64_t)q->limit : -1);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_summary_row row = {0};
		char *no = db_col_clean(st, 1), *region = db_col_clean(st, 2), *text = db_col_clean(st, 3);
		char *deadline = db_col_clean(st, 4);
		int s = state_from_name((const char *)sqlite3_column_text(st, 5));

		row.id = sqlite3_column_int64(st, 0);
		row.no = no ? no : "";
		row.region = region ? region : "";
		row.text = text ? text : "";
		row.deadline = deadline;
		row.state = s < 0 ? STATE_PENDING : (enum state)s;
		row.due = (long)sqlite3_column_int64(st, 6);
		rc = fn(&row, ctx);
		free(no);
		free(region);
		free(text);
		free(deadline);
		if (rc)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_fail_sqlite(db, "reading a summary list");
	sqlite3_finalize(st);
	return rc;
}
