/* db_edit.c — the edits a user makes on items (issue 6): field changes with a reason,
 * verification under the two-person rule, unverify, undo read back from the history, notes,
 * all-or-nothing batches, and who may do what (db_may). Each change is one short BEGIN
 * IMMEDIATE transaction guarded by the item's version; the history rows are written by the
 * triggers of db_schema.c, never here. Never prints, never exits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db_internal.h"
#include "msg.h"
#include "text.h"

/* The item as an edit sees it inside its transaction. */
struct cur {
	int version;
	char *state, *done_by, *done_day, *verified_on, *verified_by;
	char *value; /* the edited field's value, when a field was named */
};

static void cur_free(struct cur *c)
{
	free(c->state);
	free(c->done_by);
	free(c->done_day);
	free(c->verified_on);
	free(c->verified_by);
	free(c->value);
	memset(c, 0, sizeof *c);
}

static int str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int is_done(const char *state)
{
	return state && (strcmp(state, "done") == 0 || strcmp(state, "awaiting_verification") == 0);
}

/* Reads item id (and the column named field, from the whitelist in the CASE) into *c.
 * Returns 0, DB_NOT_FOUND or -1. */
static int cur_load(struct db *db, int64_t id, const char *field, struct cur *c)
{
	sqlite3_stmt *st = db_cached(db,
	    "SELECT version, state, done_by, date(done_at, 'localtime'), verified_on, verified_by,"
	    " CASE ?2 WHEN 'status' THEN status WHEN 'deadline' THEN deadline"
	    " WHEN 'state' THEN state WHEN 'lead_unit' THEN lead_unit"
	    " WHEN 'responsible_unit' THEN responsible_unit"
	    " WHEN 'acceptance_unit' THEN acceptance_unit WHEN 'goal' THEN goal END"
	    " FROM item WHERE id = ?1");
	int rc;

	memset(c, 0, sizeof *c);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, field);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->version = sqlite3_column_int(st, 0);
		c->state = db_col_text(st, 1);
		c->done_by = db_col_text(st, 2);
		c->done_day = db_col_text(st, 3);
		c->verified_on = db_col_text(st, 4);
		c->verified_by = db_col_text(st, 5);
		c->value = db_col_text(st, 6);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		db_fail(db, tr("没有编号为 %lld 的问题"), (long long)id);
		return DB_NOT_FOUND;
	}
	if (rc != SQLITE_ROW)
		return db_fail_sqlite(db, tr("读取问题"));
	return 0;
}

/* The refusal of a stale edit: who changed the item after version, and when. */
static int conflict(struct db *db, int64_t id, int version, int now_version)
{
	sqlite3_stmt *st = db_cached(db, "SELECT who, datetime(at, 'localtime') FROM history"
	                                  " WHERE item_id = ?1 AND version > ?2 ORDER BY id DESC"
	                                  " LIMIT 1");
	char *who = NULL, *at = NULL;

	if (st) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, version);
		if (sqlite3_step(st) == SQLITE_ROW) {
			who = db_col_text(st, 0);
			at = db_col_text(st, 1);
		}
		sqlite3_reset(st);
	}
	if (who && at)
		db_fail(db, tr("问题 %lld 已被 %s 于 %s 修改（现在是第 %d 版，你看到的是第 %d 版）；"
		               "什么都没有写入，请重新载入后再试"),
		        (long long)id, who, at, now_version, version);
	else
		db_fail(db, tr("问题 %lld 已被别人修改（现在是第 %d 版，你看到的是第 %d 版）；"
		               "什么都没有写入，请重新载入后再试"),
		        (long long)id, now_version, version);
	free(who);
	free(at);
	return DB_CONFLICT;
}

/* db_may on a loaded item. */
static int may(struct db *db, enum db_permission what, int64_t id, const struct cur *c)
{
	switch (what) {
	case DB_MAY_VERIFY:
		if (c->state && strcmp(c->state, "verified") == 0 && !c->verified_by)
			return db_fail(db, tr("问题 %lld 在报告中已是已销号，不能重复验收"), (long long)id),
			       DB_REFUSED;
		if (c->state && strcmp(c->state, "verified") == 0)
			return db_fail(db, tr("问题 %lld 已于 %s 由 %s 验收销号，不能重复验收"), (long long)id,
			               c->verified_on ? c->verified_on : "?", c->verified_by),
			       DB_REFUSED;
		if (!is_done(c->state))
			return db_fail(db, tr("问题 %lld 还没有完成整改（现在：%s），只有已完成整改或待验收的"
			                      "问题才能验收销号"),
			               (long long)id,
			               tr(state_label(state_from_name(c->state ? c->state : "") < 0
			                                  ? STATE_PENDING
			                                  : (enum state)state_from_name(c->state)))),
			       DB_REFUSED;
		/* The two-person rule: whoever marked it done does not verify it. */
		if (c->done_by && strcmp(c->done_by, db_who(db)) == 0)
			return db_fail(db, tr("已完成整改 由 %s 于 %s 标记，不能由同一人验收"), c->done_by,
			               c->done_day ? c->done_day : "?"),
			       DB_REFUSED;
		return 0;
	case DB_MAY_UNVERIFY:
		if (!c->state || strcmp(c->state, "verified") != 0)
			return db_fail(db, tr("问题 %lld 还没有验收销号，没有可撤销的验收"), (long long)id),
			       DB_REFUSED;
		return 0;
	case DB_MAY_EDIT:
	case DB_MAY_NOTE:
	case DB_MAY_UNDO:
		/* Everyone who can open the database may, until roles come (a later issue). */
		return 0;
	}
	return 0;
}

int db_may(struct db *db, enum db_permission what, int64_t id)
{
	struct cur c;
	int rc = cur_load(db, id, NULL, &c);

	if (rc == 0)
		rc = may(db, what, id, &c);
	cur_free(&c);
	return rc;
}

/* A copy of user text fit to store (as the importer stores report text: no control
 * characters, escape sequences or bidi overrides, line breaks made spaces), NULL for NULL
 * or for text with nothing left. *oom is set when out of memory. */
static char *clean(const char *s, int *oom)
{
	char *c;

	if (!s)
		return NULL;
	if (!(c = text_sanitize(s, strlen(s), 0))) {
		*oom = 1;
		return NULL;
	}
	if (!*c) {
		free(c);
		return NULL;
	}
	return c;
}

/* The simple fields: one column each, no consequence on other columns. */
static const struct {
	const char *name, *sql;
} plain_fields[] = {
	{"lead_unit", "UPDATE item SET lead_unit = ?1, version = version + 1, updated_at = ?3,"
	              " updated_by = ?4 WHERE id = ?2"},
	{"responsible_unit", "UPDATE item SET responsible_unit = ?1, version = version + 1,"
	                     " updated_at = ?3, updated_by = ?4 WHERE id = ?2"},
	{"acceptance_unit", "UPDATE item SET acceptance_unit = ?1, version = version + 1,"
	                    " updated_at = ?3, updated_by = ?4 WHERE id = ?2"},
	{"goal", "UPDATE item SET goal = ?1, version = version + 1, updated_at = ?3,"
	         " updated_by = ?4 WHERE id = ?2"},
	{"deadline", "UPDATE item SET deadline = ?1, version = version + 1, updated_at = ?3,"
	             " updated_by = ?4 WHERE id = ?2"},
};

/* A state (with the status text when ?1 is not NULL): done_by and done_at record who put
 * the item into done or awaiting verification (kept while it moves between the two). An
 * item the report printed as done has no done_by; the first person who moves it between
 * the two done states by an edit becomes its done_by, or the two-person rule would let
 * that person verify their own marking. */
#define STATE_SET                                                                                \
	" state = ?5,"                                                                           \
	" done_by = CASE WHEN ?5 NOT IN ('done', 'awaiting_verification') THEN NULL"             \
	"   WHEN state IN ('done', 'awaiting_verification') AND done_by IS NOT NULL"            \
	"   THEN done_by ELSE ?4 END,"                                                           \
	" done_at = CASE WHEN ?5 NOT IN ('done', 'awaiting_verification') THEN NULL"             \
	"   WHEN state IN ('done', 'awaiting_verification') AND done_by IS NOT NULL"            \
	"   THEN done_at ELSE ?3 END,"                                                           \
	" version = version + 1, updated_at = ?3, updated_by = ?4 WHERE id = ?2"
static const char state_sql[] = "UPDATE item SET" STATE_SET;
static const char status_sql[] = "UPDATE item SET status = ?1," STATE_SET;

/* Runs an UPDATE of the shape above. */
static int run_set(struct db *db, const char *sql, int64_t id, const char *value,
                   const char *state, const char *now)
{
	sqlite3_stmt *st = db_cached(db, sql);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, value);
	sqlite3_bind_int64(st, 2, id);
	db_bind_text(st, 3, now);
	db_bind_text(st, 4, db_who(db));
	if (state)
		db_bind_text(st, 5, state);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail_sqlite(db, tr("修改问题"));
}

/* A deadline's due, due_kind and long_term from the reading the user confirmed. */
static int set_due(struct db *db, int64_t id, const char *text, const struct deadline *d)
{
	sqlite3_stmt *st;
	char iso[16];
	int rc;

	if (d->kind != DUE_DATE) /* 立行立改 and the like: as an import reads them */
		return db_set_due(db, id, text);
	if (!(st = db_cached(db, "UPDATE item SET due = ?1, due_kind = 'date', long_term = ?2"
	                          " WHERE id = ?3")))
		return -1;
	db_bind_text(st, 1, date_format_iso(date_to_days(d->year, d->month, d->day), iso));
	sqlite3_bind_int(st, 2, d->long_term);
	sqlite3_bind_int64(st, 3, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail_sqlite(db, tr("更新到期日"));
}

/* A field edit checked before the transaction: the field known, the value cleaned and, for
 * a deadline or a state, understood. */
struct prepared {
	const char *field;
	char *value;
	struct deadline d;
};

static int edit_prepare(struct db *db, const struct db_edit *e, struct prepared *p)
{
	int oom = 0, known = 0;

	memset(p, 0, sizeof *p);
	if (!e || !e->field)
		return db_fail(db, tr("没有指定要修改的字段"));
	known = strcmp(e->field, "status") == 0 || strcmp(e->field, "state") == 0;
	for (size_t i = 0; i < sizeof plain_fields / sizeof plain_fields[0]; i++)
		known |= strcmp(plain_fields[i].name, e->field) == 0;
	if (!known)
		return db_fail(db, tr("不能修改字段“%s”"), e->field);
	p->field = e->field;
	p->value = clean(e->value, &oom);
	if (oom)
		return db_fail(db, tr("内存不足"));
	if (strcmp(e->field, "state") == 0) {
		if (!p->value || state_from_name(p->value) < 0) {
			db_fail(db, tr("未知的状态“%s”"), p->value ? p->value : "");
			free(p->value);
			return DB_REFUSED;
		}
		if (strcmp(p->value, "verified") == 0) {
			free(p->value);
			return db_fail(db, tr("验收销号要用验收操作（记录验收日期和验收人），不能直接改状态")),
			       DB_REFUSED;
		}
	}
	if (strcmp(e->field, "deadline") == 0) {
		char why[256];

		if (date_check_deadline(p->value, &p->d, why, sizeof why) < 0) {
			db_fail(db, tr("整改时限“%s”不是日期：%s"), p->value ? p->value : "", why);
			free(p->value);
			return DB_REFUSED;
		}
	}
	return 0;
}

/* Applies one prepared edit to item id inside the caller's transaction. Returns 0, 1 when
 * the item already holds the value (nothing written), DB_CONFLICT, DB_NOT_FOUND, DB_REFUSED
 * or -1. */
static int edit_apply(struct db *db, int64_t id, int expected, const struct prepared *p,
                      const char *reason, const char *now)
{
	struct cur c;
	int rc = cur_load(db, id, p->field, &c);

	if (rc == 0 && c.version != expected)
		rc = conflict(db, id, expected, c.version);
	if (rc == 0)
		rc = may(db, DB_MAY_EDIT, id, &c);
	if (rc == 0 && strcmp(p->field, "state") == 0 && str_eq(c.state, "verified")) {
		db_fail(db, tr("问题 %lld 已验收销号；要改它的状态，先撤销验收（需写明原因）"),
		        (long long)id);
		rc = DB_REFUSED;
	}
	if (rc == 0 && str_eq(c.value, p->value))
		rc = 1;
	if (rc != 0) {
		cur_free(&c);
		return rc;
	}
	db_change_begin(db, reason, 0);
	if (strcmp(p->field, "state") == 0) {
		rc = run_set(db, state_sql, id, NULL, p->value, now);
	} else if (strcmp(p->field, "status") == 0) {
		/* A new status implies a state, recorded as an edit too so re-imports keep it;
		 * never verified (that is the verifier's) and never away from verified. */
		enum state s = state_classify(p->value, NULL, 0);
		const char *next = str_eq(c.state, "verified") || s == STATE_VERIFIED
		                       ? c.state
		                       : state_name(s);
		rc = run_set(db, status_sql, id, p->value, next, now);
	} else {
		for (size_t i = 0; i < sizeof plain_fields / sizeof plain_fields[0]; i++)
			if (strcmp(plain_fields[i].name, p->field) == 0)
				rc = run_set(db, plain_fields[i].sql, id, p->value, NULL, now);
		if (rc == 0 && strcmp(p->field, "deadline") == 0)
			rc = set_due(db, id, p->value, &p->d);
	}
	db_change_end(db);
	cur_free(&c);
	return rc;
}

/* Runs body for n items in one transaction, all or nothing; 1 from body (nothing to do for
 * that item) is not a failure. */
static int batch(struct db *db, size_t n, size_t *failed,
                 int (*body)(struct db *db, size_t i, const char *now, void *ctx), void *ctx)
{
	char now[32];
	int rc, wrote = 0;

	if (failed)
		*failed = 0;
	if (db_readonly(db))
		return db_fail(db, tr("数据库以只读方式打开，不能修改")), DB_REFUSED;
	if (n > 64)
		db_batch_cache(db, 1);
	if (db_begin(db) < 0) {
		if (n > 64)
			db_batch_cache(db, 0);
		return -1;
	}
	rc = db_now_iso(db, now, sizeof now);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		rc = body(db, i, now, ctx);
		if (rc == 1)
			rc = 0;
		else if (rc == 0)
			wrote = 1;
		else if (failed)
			*failed = i;
	}
	if (rc == 0 && !wrote) {
		db_rollback(db); /* nothing changed: the versions stay as the caller has them */
		rc = 1;
	} else if (rc == 0 && db_commit(db) == 0) {
		rc = 1;
	}
	if (n > 64)
		db_batch_cache(db, 0);
	if (rc == 1)
		return 0;
	if (rc == 0)
		rc = -1;
	{
		char why[512];

		snprintf(why, sizeof why, "%s", db_errmsg(db));
		db_rollback(db);
		db_fail(db, "%s", why);
	}
	return rc;
}

struct edit_ctx {
	const int64_t *ids;
	const int *versions;
	const struct prepared *p;
	const char *reason;
};

static int edit_body(struct db *db, size_t i, const char *now, void *ctx)
{
	const struct edit_ctx *e = ctx;

	return edit_apply(db, e->ids[i], e->versions[i], e->p, e->reason, now);
}

int db_items_edit(struct db *db, const int64_t *ids, const int *versions, size_t n,
                  const struct db_edit *e, size_t *failed)
{
	struct prepared p;
	char *reason;
	int rc, oom = 0;

	if (failed)
		*failed = 0;
	if ((rc = edit_prepare(db, e, &p)) != 0)
		return rc;
	reason = clean(e->reason, &oom);
	if (oom) {
		free(p.value);
		return db_fail(db, tr("内存不足"));
	}
	{
		struct edit_ctx c = {ids, versions, &p, reason};
		rc = batch(db, n, failed, edit_body, &c);
	}
	free(p.value);
	free(reason);
	return rc;
}

int db_item_edit(struct db *db, int64_t id, int expected_version, const struct db_edit *e)
{
	return db_items_edit(db, &id, &expected_version, 1, e, NULL);
}

int db_item_set(struct db *db, int64_t id, int expected_version, const char *field,
                const char *value)
{
	struct db_edit e = {field, value, NULL};

	return db_item_edit(db, id, expected_version, &e);
}

/* ---- verification ----------------------------------------------------------------------- */

struct verify_ctx {
	const int64_t *ids;
	const int *versions;
	const char *date, *opinion;
};

static int verify_body(struct db *db, size_t i, const char *now, void *ctx)
{
	const struct verify_ctx *v = ctx;
	struct cur c;
	sqlite3_stmt *st;
	int rc = cur_load(db, v->ids[i], NULL, &c);

	if (rc == 0 && c.version != v->versions[i])
		rc = conflict(db, v->ids[i], v->versions[i], c.version);
	if (rc == 0)
		rc = may(db, DB_MAY_VERIFY, v->ids[i], &c);
	cur_free(&c);
	if (rc != 0)
		return rc;
	if (!(st = db_cached(db, "UPDATE item SET state = 'verified', verified_on = ?1,"
	                          " verified_by = ?2, verify_opinion = ?3, version = version + 1,"
	                          " updated_at = ?4, updated_by = ?2 WHERE id = ?5")))
		return -1;
	db_bind_text(st, 1, v->date);
	db_bind_text(st, 2, db_who(db));
	db_bind_text(st, 3, v->opinion);
	db_bind_text(st, 4, now);
	sqlite3_bind_int64(st, 5, v->ids[i]);
	db_change_begin(db, v->opinion, 0);
	rc = sqlite3_step(st);
	db_change_end(db);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail_sqlite(db, tr("验收销号"));
}

int db_items_verify(struct db *db, const int64_t *ids, const int *versions, size_t n,
                    long date, const char *opinion, size_t *failed)
{
	char iso[16], *op;
	int rc, oom = 0;

	if (failed)
		*failed = 0;
	if (date > date_today())
		return db_fail(db, tr("验收日期 %s 晚于今天"), date_format_iso(date, iso)), DB_REFUSED;
	op = clean(opinion, &oom);
	if (oom)
		return db_fail(db, tr("内存不足"));
	{
		struct verify_ctx v = {ids, versions, date_format_iso(date, iso), op};
		rc = batch(db, n, failed, verify_body, &v);
	}
	free(op);
	return rc;
}

struct unverify_ctx {
	int64_t id;
	int version;
	const char *reason;
};

static int unverify_body(struct db *db, size_t i, const char *now, void *ctx)
{
	const struct unverify_ctx *u = ctx;
	struct cur c;
	sqlite3_stmt *st;
	char *before = NULL;
	int rc = cur_load(db, u->id, NULL, &c);

	(void)i;
	if (rc == 0 && c.version != u->version)
		rc = conflict(db, u->id, u->version, c.version);
	if (rc == 0)
		rc = may(db, DB_MAY_UNVERIFY, u->id, &c);
	cur_free(&c);
	if (rc != 0)
		return rc;
	/* Back to the state it had before it was verified; one verified by its report goes to
	 * awaiting verification. */
	if (!(st = db_cached(db, "SELECT old FROM history WHERE item_id = ?1 AND field = 'state'"
	                          " AND new = 'verified' ORDER BY id DESC LIMIT 1")))
		return -1;
	sqlite3_bind_int64(st, 1, u->id);
	if (sqlite3_step(st) == SQLITE_ROW)
		before = db_col_text(st, 0);
	sqlite3_reset(st);
	if (!before || state_from_name(before) < 0 || strcmp(before, "verified") == 0) {
		free(before);
		before = NULL;
	}
	if (!(st = db_cached(db, "UPDATE item SET state = ?1, verified_on = NULL, verified_by = NULL,"
	                          " verify_opinion = NULL, version = version + 1, updated_at = ?2,"
	                          " updated_by = ?3 WHERE id = ?4"))) {
		free(before);
		return -1;
	}
	db_bind_text(st, 1, before ? before : "awaiting_verification");
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, db_who(db));
	sqlite3_bind_int64(st, 4, u->id);
	db_change_begin(db, u->reason, 0);
	rc = sqlite3_step(st);
	db_change_end(db);
	sqlite3_reset(st);
	free(before);
	return rc == SQLITE_DONE ? 0 : db_fail_sqlite(db, tr("撤销验收"));
}

int db_item_unverify(struct db *db, int64_t id, int expected_version, const char *reason)
{
	int oom = 0, rc;
	char *r = clean(reason, &oom);

	if (oom)
		return db_fail(db, tr("内存不足"));
	if (!r)
		return db_fail(db, tr("撤销验收需要写明原因")), DB_REFUSED;
	{
		struct unverify_ctx u = {id, expected_version, r};
		rc = batch(db, 1, NULL, unverify_body, &u);
	}
	free(r);
	return rc;
}

/* ---- notes ------------------------------------------------------------------------------ */

struct note_ctx {
	int64_t id;
	const char *text;
};

static int note_body(struct db *db, size_t i, const char *now, void *ctx)
{
	const struct note_ctx *n = ctx;
	struct cur c;
	sqlite3_stmt *st;
	int rc = cur_load(db, n->id, NULL, &c);

	(void)i;
	if (rc == 0)
		rc = may(db, DB_MAY_NOTE, n->id, &c);
	cur_free(&c);
	if (rc != 0)
		return rc;
	/* The history row is the trigger's (note_history_insert), at the version bumped next. */
	if (!(st = db_cached(db, "INSERT INTO note(item_id, at, who, text) VALUES (?1, ?2, ?3, ?4)")))
		return -1;
	sqlite3_bind_int64(st, 1, n->id);
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, db_who(db));
	db_bind_text(st, 4, n->text);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail_sqlite(db, tr("添加进展"));
	if (!(st = db_cached(db, "UPDATE item SET version = version + 1, updated_at = ?2,"
	                          " updated_by = ?3 WHERE id = ?1")))
		return -1;
	sqlite3_bind_int64(st, 1, n->id);
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, db_who(db));
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail_sqlite(db, tr("修改问题"));
}

int db_note_add(struct db *db, int64_t id, const char *text)
{
	int oom = 0, rc;
	char *t = clean(text, &oom);

	if (oom)
		return db_fail(db, tr("内存不足"));
	if (!t)
		return db_fail(db, tr("进展需要写些内容"));
	{
		struct note_ctx n = {id, t};
		rc = batch(db, 1, NULL, note_body, &n);
	}
	free(t);
	return rc;
}

/* ---- undo ------------------------------------------------------------------------------- */

/* The first history row of item id's change that produced version: who, source, undo_of,
 * local time. Returns 1 when found, 0 when no row has that version, -1 on error. */
static int change_head(struct db *db, int64_t id, int version, char **who, char **source,
                       int *undo_of, char **at)
{
	sqlite3_stmt *st = db_cached(db, "SELECT who, source, undo_of, datetime(at, 'localtime')"
	                                  " FROM history WHERE item_id = ?1 AND version = ?2"
	                                  " ORDER BY id LIMIT 1");
	int rc;

	*who = *source = *at = NULL;
	*undo_of = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, version);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*who = db_col_text(st, 0);
		*source = db_col_text(st, 1);
		*undo_of = sqlite3_column_int(st, 2);
		*at = db_col_text(st, 3);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : db_fail_sqlite(db, tr("读取修改记录"));
}

/* The version of this user's own last change that is not undone yet, walking back from
 * version over pairs of a change and its undo. Returns it (> 0), or DB_REFUSED with the
 * reason (someone else changed the item since; nothing of the user's), or -1. */
static int undo_target(struct db *db, int64_t id, int version)
{
	for (int v = version, first = 1; v > 0; first = 0) {
		char *who, *source, *at;
		int undo_of, rc = change_head(db, id, v, &who, &source, &undo_of, &at);

		if (rc < 0)
			return -1;
		if (rc == 0) {
			db_fail(db, tr("问题 %lld 没有你的修改可以撤销"), (long long)id);
			return DB_REFUSED;
		}
		if (!str_eq(who, db_who(db)) || !str_eq(source, "edit")) {
			if (str_eq(source, "import"))
				db_fail(db, tr("问题 %lld 在 %s 由导入报告修改过，之前你的修改不能撤销"),
				        (long long)id, at ? at : "?");
			else if (first)
				db_fail(db, tr("问题 %lld 在你之后由 %s 于 %s 修改过，不能撤销你的修改"),
				        (long long)id, who ? who : "?", at ? at : "?");
			else
				db_fail(db, tr("问题 %lld 没有你的修改可以撤销（更早的修改是 %s 于 %s 做的）"),
				        (long long)id, who ? who : "?", at ? at : "?");
			free(who), free(source), free(at);
			return DB_REFUSED;
		}
		free(who), free(source), free(at);
		if (!undo_of)
			return v;
		v = undo_of - 1; /* the change and its undo cancel out: look before them */
	}
	db_fail(db, tr("问题 %lld 没有你的修改可以撤销"), (long long)id);
	return DB_REFUSED;
}

/* Columns an undo restores, each written alone (the version is bumped last). */
static const struct {
	const char *field, *sql;
} restore_fields[] = {
	{"status", "UPDATE item SET status = ?1 WHERE id = ?2"},
	{"deadline", "UPDATE item SET deadline = ?1 WHERE id = ?2"},
	{"state", "UPDATE item SET state = ?1 WHERE id = ?2"},
	{"lead_unit", "UPDATE item SET lead_unit = ?1 WHERE id = ?2"},
	{"responsible_unit", "UPDATE item SET responsible_unit = ?1 WHERE id = ?2"},
	{"acceptance_unit", "UPDATE item SET acceptance_unit = ?1 WHERE id = ?2"},
	{"goal", "UPDATE item SET goal = ?1 WHERE id = ?2"},
	{"verified_on", "UPDATE item SET verified_on = ?1 WHERE id = ?2"},
	{"verified_by", "UPDATE item SET verified_by = ?1 WHERE id = ?2"},
	{"verify_opinion", "UPDATE item SET verify_opinion = ?1 WHERE id = ?2"},
};

static int exec_bound(struct db *db, const char *sql, const char *a, int64_t id)
{
	sqlite3_stmt *st = db_cached(db, sql);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, a);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail_sqlite(db, tr("撤销修改"));
}

/* Who put the item into state before version (done_by for a restored done state). */
static int restore_done_by(struct db *db, int64_t id, const char *state, int version)
{
	sqlite3_stmt *st;
	int rc;

	if (!is_done(state))
		return exec_bound(db, "UPDATE item SET done_by = NULL, done_at = NULL WHERE id = ?2",
		                  NULL, id);
	if (!(st = db_cached(db, "UPDATE item SET (done_by, done_at) = (SELECT CASE source"
	                          " WHEN 'edit' THEN who END, at FROM history WHERE item_id = ?1"
	                          " AND field = 'state' AND new = ?2 AND version < ?3"
	                          " ORDER BY id DESC LIMIT 1) WHERE id = ?1")))
		return -1;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, state);
	sqlite3_bind_int(st, 3, version);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail_sqlite(db, tr("撤销修改"));
}

struct undo_ctx {
	int64_t id;
	int version;
};

static int undo_body(struct db *db, size_t i, const char *now, void *ctx)
{
	const struct undo_ctx *u = ctx;
	struct cur c;
	sqlite3_stmt *st;
	int rc = cur_load(db, u->id, NULL, &c), target = 0, step;

	(void)i;
	if (rc == 0 && c.version != u->version)
		rc = conflict(db, u->id, u->version, c.version);
	if (rc == 0)
		rc = may(db, DB_MAY_UNDO, u->id, &c);
	cur_free(&c);
	if (rc == 0 && (target = undo_target(db, u->id, u->version)) < 0)
		rc = target;
	if (rc != 0)
		return rc;
	if (!(st = db_cached(db, "SELECT field, old, at, new FROM history WHERE item_id = ?1"
	                          " AND version = ?2 ORDER BY id")))
		return -1;
	sqlite3_bind_int64(st, 1, u->id);
	sqlite3_bind_int(st, 2, target);
	db_change_begin(db, NULL, target);
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *field = (const char *)sqlite3_column_text(st, 0);
		char *old = db_col_text(st, 1), *new_value = db_col_text(st, 3);
		int done = 0;

		for (size_t f = 0; f < sizeof restore_fields / sizeof restore_fields[0] && !done; f++) {
			if (!field || strcmp(field, restore_fields[f].field) != 0)
				continue;
			done = 1;
			rc = exec_bound(db, restore_fields[f].sql, old, u->id);
			if (rc == 0 && strcmp(field, "deadline") == 0)
				rc = db_set_due(db, u->id, old);
			if (rc == 0 && strcmp(field, "state") == 0)
				rc = restore_done_by(db, u->id, old, target);
		}
		if (!done && field && strcmp(field, "note") == 0 && !old) {
			/* An added note is withdrawn (kept, with its history), never deleted. */
			done = 1;
			rc = exec_bound(db, "UPDATE note SET withdrawn = 1 WHERE id = (SELECT id FROM note"
			                    " WHERE item_id = ?2 AND text IS ?1 AND withdrawn = 0"
			                    " ORDER BY id DESC LIMIT 1)",
			                new_value, u->id);
		}
		if (!done) {
			db_fail(db, tr("问题 %lld 的这次修改（%s）不能撤销"), (long long)u->id,
			        field ? field : "?");
			rc = DB_REFUSED;
		}
		free(old);
		free(new_value);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_fail_sqlite(db, tr("读取修改记录"));
	sqlite3_reset(st);
	if (rc == 0 && !(st = db_cached(db, "UPDATE item SET version = version + 1, updated_at = ?2,"
	                                     " updated_by = ?3 WHERE id = ?1")))
		rc = -1;
	if (rc == 0) {
		sqlite3_bind_int64(st, 1, u->id);
		db_bind_text(st, 2, now);
		db_bind_text(st, 3, db_who(db));
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail_sqlite(db, tr("撤销修改"));
		sqlite3_reset(st);
	}
	db_change_end(db);
	return rc;
}

int db_item_undo(struct db *db, int64_t id, int expected_version)
{
	struct undo_ctx u = {id, expected_version};

	return batch(db, 1, NULL, undo_body, &u);
}
