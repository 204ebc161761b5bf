/* view_conflict.c — the conflict screen: someone else saved a change to the item after this
 * user's edit started. Lists their changes (who, when, field, old → new, reason) and the
 * user's own edit, then asks: re-apply on top, or drop. Reads through db; draws through
 * view_pager and ui_field. No SQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "field.h"
#include "msg.h"
#include "view_conflict.h"
#include "view_pager.h"

struct conflict {
	struct db_item item;
	struct db_history *changes;
	size_t nchanges;
	char *mine;
	int sel; /* 0: re-apply, 1: drop */
	struct pager pager;
	void (*decided)(void *ctx, int reapply);
	void *ctx;
};

static void build(void *owner, struct pager *p, int width)
{
	struct conflict *c = owner;
	char buf[2048], when[32];

	snprintf(buf, sizeof buf, tr("没有保存：你开始修改之后，事项 %s（%s）被别人改过了。"),
	         c->item.no ? c->item.no : "", c->item.region ? c->item.region : "");
	view_pager_add(p, width, NULL, UI_NORMAL, buf, UI_ERROR);
	view_pager_blank(p);
	view_pager_add(p, width, NULL, UI_NORMAL, tr("别人的修改（旧 → 新）："), UI_HEADER);
	for (size_t i = 0; i < c->nchanges; i++) {
		const struct db_history *h = &c->changes[i];
		char old[600], label[128];
		field_local_time(h->at, when, sizeof when);
		snprintf(label, sizeof label, "  %s %s  ", when, h->who ? h->who : "");
		snprintf(old, sizeof old, "%s", field_value(h->field, h->old_value));
		snprintf(buf, sizeof buf, "%s: %s → %s%s%s", field_label(h->field), old,
		         field_value(h->field, h->new_value), h->reason ? tr("（原因：") : "",
		         h->reason ? h->reason : "");
		if (h->reason)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s", tr("）"));
		view_pager_add(p, width, label, UI_DIM, buf, UI_NORMAL);
	}
	if (!c->nchanges)
		view_pager_add(p, width, "  ", UI_NORMAL, tr("（没有找到修改记录）"), UI_DIM);
	view_pager_blank(p);
	view_pager_add(p, width, NULL, UI_NORMAL, tr("你的修改："), UI_HEADER);
	view_pager_add(p, width, "  ", UI_NORMAL, c->mine, UI_NORMAL);
	view_pager_blank(p);
	view_pager_add(p, width, NULL, UI_NORMAL, tr("怎么办？"), UI_HEADER);
	view_pager_add(p, width, c->sel == 0 ? "> 1 " : "  1 ", c->sel == 0 ? UI_CURSOR : UI_NORMAL,
	               tr("在别人修改后的版本上重新应用我的修改"), UI_NORMAL);
	view_pager_add(p, width, c->sel == 1 ? "> 2 " : "  2 ", c->sel == 1 ? UI_CURSOR : UI_NORMAL,
	               tr("放弃我的修改"), UI_NORMAL);
}

static void draw(void *self, int top, int rows, int cols)
{
	struct conflict *c = self;

	view_pager_draw(&c->pager, top, rows, cols);
}

static void rebuild(struct conflict *c)
{
	view_pager_clear(&c->pager);
	c->pager.width = 0;
}

/* Pops the screen and tells the edit what was chosen; close then has nothing left to say. */
static void decide(struct conflict *c, int reapply)
{
	void (*decided)(void *ctx, int reapply) = c->decided;
	void *ctx = c->ctx;

	c->decided = NULL;
	ui_pop();
	decided(ctx, reapply);
}

static int act(void *self, enum action a)
{
	struct conflict *c = self;

	switch (a) {
	case ACT_DOWN:
	case ACT_UP:
		c->sel = a == ACT_DOWN ? 1 : 0;
		rebuild(c);
		return 1;
	case ACT_ACCEPT:
		decide(c, c->sel == 0);
		return 1;
	case ACT_PICK:
		if (ui_key() == '1' || ui_key() == '2')
			decide(c, ui_key() == '1');
		return 1;
	default:
		return view_pager_act(&c->pager, a);
	}
}

static void title(void *self, char *buf, size_t size)
{
	struct conflict *c = self;

	snprintf(buf, size, tr(" 督办 > 保存冲突 > 事项 %s"), c->item.no ? c->item.no : "");
}

static void close_conflict(void *self)
{
	struct conflict *c = self;

	if (c->decided) {
		/* Esc or q: the edit is dropped, and said so. */
		void (*decided)(void *ctx, int reapply) = c->decided;
		c->decided = NULL;
		decided(c->ctx, 0);
	}
	view_pager_clear(&c->pager);
	db_history_free(c->changes, c->nchanges);
	db_item_free(&c->item);
	free(c->mine);
	free(c);
}

int view_conflict_open(struct db *db, int64_t id, int since_version, const char *mine,
                       void (*decided)(void *ctx, int reapply), void *ctx, struct ui_view *view)
{
	struct conflict *c = calloc(1, sizeof *c);

	if (!c || !(c->mine = strdup(mine ? mine : ""))) {
		free(c);
		ui_error("%s", tr("内存不足"));
		return -1;
	}
	if (db_item_get(db, id, 0, &c->item) < 0 ||
	    db_item_changes_since(db, id, since_version, &c->changes, &c->nchanges) < 0) {
		ui_error(tr("别人改过这个事项，但读不出改了什么：%s"), db_errmsg(db));
		db_item_free(&c->item);
		free(c->mine);
		free(c);
		return -1;
	}
	c->decided = decided;
	c->ctx = ctx;
	c->pager.build = build;
	c->pager.owner = c;
	memset(view, 0, sizeof *view);
	view->keys = KEYS_CHOOSE;
	view->hint = tr("1/Enter 重新应用我的修改  2 放弃  j/k 选择  Esc 放弃");
	view->draw = draw;
	view->act = act;
	view->title = title;
	view->close = close_conflict;
	view->self = c;
	return 0;
}
