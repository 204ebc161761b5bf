/* view_history.c — the history screen: the changes to one item, or the latest changes of
 * every item in a region, newest first: when (local time), who, field, old → new, reason.
 * Rows come from db_history_find once when opened and again on reload; drawn through
 * view_pager. No SQL, no curses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "field.h"
#include "msg.h"
#include "view_history.h"
#include "view_pager.h"

struct history {
	struct db *db;
	struct db_history_query q;
	char where[256];
	struct db_history *rows;
	size_t n, cap;
	struct pager pager;
};

static char *dup_s(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void rows_free(struct history *h)
{
	db_history_free(h->rows, h->n);
	h->rows = NULL;
	h->n = h->cap = 0;
}

static int collect(const struct db_history *r, void *ctx)
{
	struct history *h = ctx;
	struct db_history *d;

	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		struct db_history *n = realloc(h->rows, cap * sizeof *n);
		if (!n)
			return -1;
		h->rows = n;
		h->cap = cap;
	}
	d = &h->rows[h->n++];
	memset(d, 0, sizeof *d);
	d->id = r->id;
	d->item_id = r->item_id;
	d->version = r->version;
	d->at = dup_s(r->at);
	d->who = dup_s(r->who);
	d->field = dup_s(r->field);
	d->old_value = dup_s(r->old_value);
	d->new_value = dup_s(r->new_value);
	d->source = dup_s(r->source);
	d->reason = dup_s(r->reason);
	d->item_no = dup_s(r->item_no);
	d->item_region = dup_s(r->item_region);
	return 0;
}

static int load(struct history *h)
{
	rows_free(h);
	if (db_history_find(h->db, &h->q, collect, h) < 0) {
		ui_error(tr("读不出修改记录：%s"), db_errmsg(h->db));
		return -1;
	}
	return 0;
}

static void build(void *owner, struct pager *p, int width)
{
	struct history *h = owner;
	char buf[2048], label[256], when[32], old[600];

	if (h->q.item_id)
		snprintf(buf, sizeof buf, tr("%s 的修改记录（%zu 条，最新在前）"), h->where, h->n);
	else
		snprintf(buf, sizeof buf, tr("%s 最近的修改（%zu 条，最新在前）"), h->where, h->n);
	view_pager_add(p, width, NULL, UI_NORMAL, buf, UI_HEADER);
	view_pager_blank(p);
	for (size_t i = 0; i < h->n; i++) {
		const struct db_history *r = &h->rows[i];
		int import = r->source && strcmp(r->source, "import") == 0;
		field_local_time(r->at, when, sizeof when);
		/* One space between time and user: the screen tests mask "time user". */
		if (h->q.item_id)
			snprintf(label, sizeof label, "%s %s  ", when, r->who ? r->who : "");
		else
			snprintf(label, sizeof label, "%s %s  %s %s  ", when, r->who ? r->who : "",
			         r->item_region ? r->item_region : "", r->item_no ? r->item_no : "");
		if (r->field && strcmp(r->field, "item") == 0) {
			snprintf(buf, sizeof buf, "%s%s", import ? tr("导入：") : "",
			         r->new_value ? r->new_value : "");
		} else {
			snprintf(old, sizeof old, "%s", field_value(r->field, r->old_value));
			snprintf(buf, sizeof buf, "%s%s: %s → %s", import ? tr("导入：") : "",
			         field_label(r->field), old, field_value(r->field, r->new_value));
		}
		if (r->reason && *r->reason)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), tr("（原因：%s）"),
			         r->reason);
		view_pager_add(p, width, label, UI_DIM, buf, UI_NORMAL);
	}
	if (!h->n)
		view_pager_add(p, width, "  ", UI_NORMAL, tr("（还没有修改）"), UI_DIM);
}

static void draw(void *self, int top, int rows, int cols)
{
	struct history *h = self;

	view_pager_draw(&h->pager, top, rows, cols);
}

static int act(void *self, enum action a)
{
	struct history *h = self;

	return view_pager_act(&h->pager, a);
}

static void status(void *self, char *buf, size_t size)
{
	struct history *h = self;

	view_pager_status(&h->pager, buf, size);
}

static void title(void *self, char *buf, size_t size)
{
	struct history *h = self;

	snprintf(buf, size, tr(" 督办 > %s > 修改记录"), h->where);
}

static void reload(void *self)
{
	struct history *h = self;
	size_t top = h->pager.top;

	if (load(h) == 0) {
		view_pager_clear(&h->pager);
		h->pager.width = 0;
		h->pager.top = top;
	}
}

static void close_history(void *self)
{
	struct history *h = self;

	view_pager_clear(&h->pager);
	rows_free(h);
	free(h);
}

int view_history_open(struct db *db, int64_t item_id, int64_t region_id, const char *where,
                      struct ui_view *view)
{
	struct history *h = calloc(1, sizeof *h);

	if (!h) {
		ui_error("%s", tr("内存不足"));
		return -1;
	}
	h->db = db;
	h->q.item_id = item_id;
	h->q.region_id = item_id ? 0 : region_id;
	h->q.limit = item_id ? 0 : HISTORY_REGION_MAX;
	snprintf(h->where, sizeof h->where, "%s", where ? where : "");
	h->pager.build = build;
	h->pager.owner = h;
	if (load(h) < 0) {
		free(h);
		return -1;
	}
	memset(view, 0, sizeof *view);
	view->keys = KEYS_MOVE;
	view->hint = tr("j/k 滚动  Space 翻页  q 返回");
	view->draw = draw;
	view->act = act;
	view->status = status;
	view->title = title;
	view->reload = reload;
	view->close = close_history;
	view->self = h;
	return 0;
}
