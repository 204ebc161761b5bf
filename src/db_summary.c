/* db_summary.c — the summary page's SQL (issue 8): tally rows for the counts and the three short
 * item lists. Model code: no curses, no printing. Statements are constants; every value is
 * bound. The sort keys must stay as written in the indexes of migration 1 (db_schema.c). */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "db_summary.h"
#include "text.h"

/* As in db_board.c and the indexes item_board_due / item_board_state: change them together. */
#define STATE_RANK                                                                            \
	"(CASE state WHEN 'pending' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_schedule' THEN 2" \
	" WHEN 'behind' THEN 3 WHEN 'done' THEN 4 WHEN 'awaiting_verification' THEN 5"          \
	" ELSE 6 END)"
#define DUE_KEY "ifnull(due, '~')"

/* The region and its subtree; every region when :region is 0. */
#define SUB_CTE                                                                               \
	"WITH RECURSIVE sub(id) AS (SELECT id FROM region WHERE :region = 0 OR id = :region"     \
	" UNION SELECT region.id FROM region JOIN sub ON region.parent_id = sub.id) "

#define ROW_COLUMNS                                                                           \
	"SELECT item.id, item.no, (SELECT name FROM region WHERE region.id = item.region_id),"    \
	" substr(item.text, 1, 200), item.deadline, item.state,"                                  \
	" ifnull(CAST(julianday(item.due) - 2440587.5 AS INTEGER), 99999999)"                      \
	" FROM item WHERE item.removed = 0 AND +item.region_id IN (SELECT id FROM sub)"           \
	" AND (:mask = 0 OR ((:mask >> " STATE_RANK ") & 1))"

/* Overdue and due soon walk item_board_due in due order and stop at the limit: the region and
 * state tests are made row by row ('+' keeps SQLite on the due index), which is cheap because
 * on a real board most rows in the date range are open. */
static const char *const list_sql[] = {
	[DB_SUMMARY_OVERDUE] = SUB_CTE ROW_COLUMNS
	" AND " DUE_KEY " < :today AND NOT ((:closed >> " STATE_RANK ") & 1)"
	" ORDER BY " DUE_KEY ", item.id LIMIT :limit",
	[DB_SUMMARY_DUE_SOON] = SUB_CTE ROW_COLUMNS
	" AND " DUE_KEY " >= :today AND " DUE_KEY " <= :until AND NOT ((:closed >> " STATE_RANK ") & 1)"
	" ORDER BY " DUE_KEY ", item.id LIMIT :limit",
	[DB_SUMMARY_AWAITING] = SUB_CTE ROW_COLUMNS
	" AND item.state = 'awaiting_verification'"
	" ORDER BY " DUE_KEY ", item.id LIMIT :limit",
};

static sqlite3_stmt *prepare(struct db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail_sqlite(db, "preparing a summary query");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

static void bind_int64(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i > 0)
		sqlite3_bind_int64(st, i, v);
}

static void bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i > 0)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static char *col_clean(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? text_sanitize(s, (size_t)sqlite3_column_bytes(st, i), 0) : NULL;
}

int db_summary_tally(struct db *db,
                     int (*fn)(int64_t region_id, enum state state, long due, long n, void *ctx),
                     void *ctx)
{
	sqlite3_stmt *st = prepare(db, "SELECT region_id, state, due, n FROM item_tally WHERE n > 0");
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
	int64_t closed = 0;
	int rc = 0, step;

	if ((unsigned)q->list > DB_SUMMARY_AWAITING)
		return db_fail(db, "unknown summary list");
	if (!(st = prepare(db, list_sql[q->list])))
		return -1;
	for (int s = 0; s < STATE_COUNT; s++)
		if (state_is_closed((enum state)s))
			closed |= (int64_t)1 << s;
	bind_int64(st, ":region", q->region_id);
	bind_int64(st, ":mask", q->state_mask);
	bind_int64(st, ":closed", closed);
	bind_text(st, ":today", date_format_iso(q->today, today));
	bind_text(st, ":until", date_format_iso(q->today + q->days, until));
	bind_int64(st, ":limit", q->limit ? (int64_t)q->limit : -1);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_summary_row row = {0};
		char *no = col_clean(st, 1), *region = col_clean(st, 2), *text = col_clean(st, 3);
		char *deadline = col_clean(st, 4);
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
