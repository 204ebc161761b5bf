/* view_history.c — the history screen: the changes to one item, or the latest changes of
 * every item in a region, newest first: when (local time), who, field, old → new, reason.
 * Rows come from db_history_find when opened and on reload; j/k select, Enter opens the
 * item. Drawn through view_pager. No SQL, no curses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "field.h"
#include "msg.h"
#include "view_history.h"
#include "view_item.h"
#include "view_pager.h"

struct history {
	struct db *db;
	struct db_history_query q;
	char where[256];
	struct db_history *rows;
	size_t n, cap;
	size_t sel;         /* the selected row: Enter opens its item */
	size_t *first_line; /* each row's first line in the pager (n entries) */
	struct pager pager;
	struct item_source source; /* J/K in the item opened walk the rows */
};

static char *dup_s(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void rows_free(struct history *h)
{
	db_history_free(h->rows, h->n);
	free(h->first_line);
	h->first_line = NULL;
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
	if (h->n && !(h->first_line = calloc(h->n, sizeof *h->first_line))) {
		ui_error("%s", tr("内存不足"));
		return -1;
	}
	if (h->sel >= h->n)
		h->sel = h->n ? h->n - 1 : 0;
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
			/* The event says it came from an import; no 导入： before it. */
			field_item_event(r->new_value, buf, sizeof buf);
		} else {
			snprintf(old, sizeof old, "%s", field_value(r->field, r->old_value));
			snprintf(buf, sizeof buf, "%s%s: %s → %s", import ? tr("导入：") : "",
			         field_label(r->field), old, field_value(r->field, r->new_value));
		}
		if (r->reason && *r->reason)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), tr("（原因：%s）"),
			         r->reason);
		h->first_line[i] = p->count;
		view_pager_add(p, width, label, i == h->sel ? UI_CURSOR : UI_DIM, buf, UI_NORMAL);
	}
	if (!h->n)
		view_pager_add(p, width, "  ", UI_NORMAL, tr("（还没有修改）"), UI_DIM);
}

static void draw(void *self, int top, int rows, int cols)
{
	struct history *h = self;
	size_t first, end, old_top;

	view_pager_draw(&h->pager, top, rows, cols);
	if (!h->n || rows < 1)
		return;
	/* Keep the selected row (all its wrapped lines, when they fit) on screen. */
	old_top = h->pager.top;
	first = h->first_line[h->sel];
	end = h->sel + 1 < h->n ? h->first_line[h->sel + 1] : h->pager.count;
	if (end > h->pager.top + (size_t)rows)
		h->pager.top = end > (size_t)rows ? end - (size_t)rows : 0;
	if (first < h->pager.top)
		h->pager.top = first;
	if (h->sel == 0)
		h->pager.top = 0; /* and the heading with the first */
	if (h->pager.top != old_top)
		view_pager_draw(&h->pager, top, rows, cols);
}

/* Selects row i: the pager is rebuilt at the next draw to move the highlight. */
static void select_row(struct history *h, long i)
{
	if (!h->n)
		return;
	if (i < 0)
		i = 0;
	if (i >= (long)h->n)
		i = (long)h->n - 1;
	h->sel = (size_t)i;
	view_pager_clear(&h->pager);
	h->pager.width = 0;
}

static int source_step(void *ctx, int delta, int64_t *id)
{
	struct history *h = ctx;
	size_t before = h->sel;

	select_row(h, (long)h->sel + delta);
	if (h->sel == before)
		return -1;
	*id = h->rows[h->sel].item_id;
	return 0;
}

static int source_searching(const void *ctx)
{
	(void)ctx;
	return 0;
}

static int act(void *self, enum action a)
{
	struct history *h = self;
	long page = h->pager.rows > 4 ? h->pager.rows / 2 : 2;

	switch (a) {
	case ACT_DOWN: select_row(h, (long)h->sel + 1); return 1;
	case ACT_UP: select_row(h, (long)h->sel - 1); return 1;
	case ACT_HALF_DOWN: select_row(h, (long)h->sel + page / 2); return 1;
	case ACT_HALF_UP: select_row(h, (long)h->sel - page / 2); return 1;
	case ACT_PAGE_DOWN: select_row(h, (long)h->sel + page); return 1;
	case ACT_PAGE_UP: select_row(h, (long)h->sel - page); return 1;
	case ACT_TOP: select_row(h, 0); return 1;
	case ACT_BOTTOM: select_row(h, (long)h->n - 1); return 1;
	case ACT_ACCEPT: {
		struct ui_view v;
		if (h->n && h->rows[h->sel].item_id &&
		    view_item_open(h->db, h->rows[h->sel].item_id, &h->source, &v) == 0)
			ui_push(&v);
		return 1;
	}
	case ACT_PICK:
		return 1;
	default:
		return 0;
	}
}

static void status(void *self, char *buf, size_t size)
{
	struct history *h = self;

	snprintf(buf, size, "%zu/%zu", h->n ? h->sel + 1 : 0, h->n);
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
	h->source.step = source_step;
	h->source.searching = source_searching;
	h->source.ctx = h;
	if (load(h) < 0) {
		rows_free(h);
		free(h);
		return -1;
	}
	memset(view, 0, sizeof *view);
	/* A list to pick from: j/k select, Enter opens the item (the chooser keys). */
	view->keys = KEYS_CHOOSE;
	view->hint = tr("j/k 选择  Enter 打开这个事项  q 返回");
	view->draw = draw;
	view->act = act;
	view->status = status;
	view->title = title;
	view->reload = reload;
	view->close = close_history;
	view->self = h;
	return 0;
}
