/* db_history.c — reading the history back (an item's changes since a version, the latest
 * changes in a region's subtree) and checking its hash chain (duban check, the board's
 * warning). Only reads: the rows are written by the triggers of db_schema.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db_internal.h"
#include "msg.h"

void db_history_free(struct db_history *h, size_t n)
{
	for (size_t i = 0; h && i < n; i++) {
		free(h[i].at);
		free(h[i].who);
		free(h[i].field);
		free(h[i].old_value);
		free(h[i].new_value);
		free(h[i].source);
		free(h[i].reason);
		free(h[i].item_no);
		free(h[i].item_region);
	}
	free(h);
}

#define HISTORY_COLUMNS                                                                          \
	"h.id, h.at, h.who, h.field, h.old, h.new, h.source, h.item_id, h.version, h.reason,"      \
	" h.undo_of"

static void history_from_row(sqlite3_stmt *st, struct db_history *h)
{
	memset(h, 0, sizeof *h);
	h->id = sqlite3_column_int64(st, 0);
	h->at = db_col_text(st, 1);
	h->who = db_col_text(st, 2);
	h->field = db_col_text(st, 3);
	h->old_value = db_col_text(st, 4);
	h->new_value = db_col_text(st, 5);
	h->source = db_col_text(st, 6);
	h->item_id = sqlite3_column_int64(st, 7);
	h->version = sqlite3_column_int(st, 8);
	h->reason = db_col_text(st, 9);
	h->undo_of = sqlite3_column_int(st, 10);
}

int db_item_changes_since(struct db *db, int64_t id, int since_version, struct db_history **out,
                          size_t *n)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " HISTORY_COLUMNS " FROM history h"
	                                  " WHERE h.item_id = ?1 AND h.version > ?2 ORDER BY h.id");
	struct db_history *a = NULL;
	size_t count = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, since_version);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_history *p = realloc(a, (count + 1) * sizeof *a);

		if (!p) {
			sqlite3_finalize(st);
			db_history_free(a, count);
			return db_fail(db, "%s", tr("内存不足"));
		}
		a = p;
		history_from_row(st, &a[count++]);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		db_history_free(a, count);
		return db_fail_sqlite(db, tr("读取修改记录"));
	}
	*out = a;
	*n = count;
	return 0;
}

int db_history_find(struct db *db, const struct db_history_query *q,
                    int (*fn)(const struct db_history *h, void *ctx), void *ctx)
{
	/* Newest first by id (the order rows were written); each filter is off when its
	 * parameter is NULL or 0. since is a local date, at is UTC. */
	sqlite3_stmt *st = db_prepare(db,
	    "WITH RECURSIVE sub(id) AS (SELECT ?2 WHERE ?2 <> 0"
	    " UNION ALL SELECT region.id FROM region JOIN sub ON region.parent_id = sub.id)"
	    " SELECT " HISTORY_COLUMNS ", item.no, region.name FROM history h"
	    " JOIN item ON item.id = h.item_id JOIN region ON region.id = item.region_id"
	    " WHERE (?1 = 0 OR h.item_id = ?1)"
	    " AND (?2 = 0 OR item.region_id IN (SELECT id FROM sub))"
	    " AND (?3 IS NULL OR h.at >= strftime('%Y-%m-%dT%H:%M:%SZ', ?3, 'utc'))"
	    " AND (?4 IS NULL OR h.who = ?4)"
	    " ORDER BY h.id DESC LIMIT ?5");
	int rc = 0, step;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, q ? q->item_id : 0);
	sqlite3_bind_int64(st, 2, q ? q->region_id : 0);
	db_bind_text(st, 3, q && q->since && *q->since ? q->since : NULL);
	db_bind_text(st, 4, q && q->user && *q->user ? q->user : NULL);
	sqlite3_bind_int64(st, 5, q && q->limit ? (sqlite3_int64)q->limit : -1);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_history h;

		history_from_row(st, &h);
		h.item_no = db_col_text(st, 11);
		h.item_region = db_col_text(st, 12);
		rc = fn(&h, ctx);
		free(h.at), free(h.who), free(h.field), free(h.old_value), free(h.new_value);
		free(h.source), free(h.reason), free(h.item_no), free(h.item_region);
		if (rc)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_fail_sqlite(db, tr("读取修改记录"));
	sqlite3_finalize(st);
	return rc;
}

/* Checks the rows of history with id >= from (all when 0), in order. The first row checked
 * is linked to the row before it by the window's lag, so any row can start. */
static int verify_from(struct db *db, int64_t from, struct db_verify *out)
{
	sqlite3_stmt *st = db_prepare(db,
	    "SELECT id, hash, duban_chain(id, item_id, at, who, field, old, new, source, version,"
	    " reason, undo_of, prev), prev_id FROM (SELECT *, lag(hash) OVER w AS prev,"
	    " lag(id) OVER w AS prev_id FROM history WHERE id >= ?1 - 1 WINDOW w AS (ORDER BY id))"
	    " WHERE id >= ?1 ORDER BY id");
	int step, first = 1;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *hash = (const char *)sqlite3_column_text(st, 1);
		const char *want = (const char *)sqlite3_column_text(st, 2);
		int has_prev = sqlite3_column_type(st, 3) != SQLITE_NULL;
		int64_t prev_id = sqlite3_column_int64(st, 3);

		out->rows++;
		if (!has_prev && id != 1 && !(first && from > 1)) {
			snprintf(out->why, sizeof out->why, tr("修改记录 1 到 %lld 缺失"), (long long)id - 1);
		} else if (has_prev && prev_id != id - 1) {
			snprintf(out->why, sizeof out->why, tr("修改记录 %lld 到 %lld 缺失"),
			         (long long)prev_id + 1, (long long)id - 1);
		} else if (!hash) {
			snprintf(out->why, sizeof out->why, "%s", tr("没有校验值（写在 duban 之外）"));
		} else if (!want || strcmp(hash, want) != 0) {
			snprintf(out->why, sizeof out->why, "%s",
			         tr("校验值不符：这一行在写入之后被改动过"));
		} else {
			first = 0;
			continue;
		}
		out->bad_id = id;
		break;
	}
	if (!out->bad_id && step != SQLITE_DONE) {
		sqlite3_finalize(st);
		return db_fail_sqlite(db, tr("检查修改记录"));
	}
	sqlite3_finalize(st);
	return out->bad_id ? 1 : 0;
}

int db_history_verify(struct db *db, struct db_verify *out)
{
	return verify_from(db, 0, out);
}

int db_history_broken(struct db *db)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT ifnull(max(id), 0) FROM history");
	struct db_verify v;
	int64_t last = 0;
	int rc;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		last = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	/* The last rows, linked to the row before them: where a forger appends. */
	rc = verify_from(db, last > 200 ? last - 200 : 0, &v);
	if (rc == 1)
		db_fail(db, tr("修改记录的校验链在第 %lld 行断开：%s；用 duban check 检查"),
		        (long long)v.bad_id, v.why);
	return rc;
}

int db_integrity(struct db *db)
{
	sqlite3_stmt *st = db_prepare(db, "PRAGMA integrity_check(1)");
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		int ok = r && strcmp(r, "ok") == 0;

		if (!ok)
			db_fail(db, "%s", r ? r : "?");
		sqlite3_finalize(st);
		return ok ? 0 : 1;
	}
	sqlite3_finalize(st);
	return db_fail_sqlite(db, tr("检查数据库文件"));
}

int db_history_get(struct db *db, int64_t id, struct db_history **out)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " HISTORY_COLUMNS " FROM history h WHERE h.id = ?1");
	int rc;

	*out = NULL;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (*out = calloc(1, sizeof **out)))
		history_from_row(st, *out);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return DB_NOT_FOUND;
	if (rc != SQLITE_ROW)
		return db_fail_sqlite(db, tr("读取修改记录"));
	return *out ? 0 : db_fail(db, "%s", tr("内存不足"));
}
