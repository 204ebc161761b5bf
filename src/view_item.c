/* view_item.c — the item page: where the item is, its state and deadline, the full problem
 * text wrapped by columns, units, goal, measures with statuses, notes and history. Reads
 * through db_item_get; wraps and draws through view_pager (text.h measures everything). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "db.h"
#include "field.h"
#include "msg.h"
#include "state.h"
#include "text.h"
#include "view_edit.h"
#include "view_history.h"
#include "view_item.h"
#include "view_pager.h"
#include "view_preview.h"

struct itemview {
	struct db *db;
	struct db_item item;
	struct pager pager;
	struct item_source src;
};

/* Field names are padded to this many columns so the values line up. */
#define LABEL_COLS 10

static const char *const measure_marks[] = {"一", "二", "三", "四", "五", "六", "七", "八",
                                            "九", "十", "十一", "十二", "十三", "十四",
                                            "十五", "十六", "十七", "十八", "十九", "二十"};

/* "label" padded with spaces to LABEL_COLS columns (at least one space after it). */
static void pad_label(const char *label, char *buf, size_t size)
{
	int w = text_width(label, strlen(label));
	size_t len = strlen(label);

	if (len + 1 >= size) {
		buf[0] = '\0';
		return;
	}
	memcpy(buf, label, len);
	do {
		buf[len++] = ' ';
		w++;
	} while (w < LABEL_COLS && len + 1 < size);
	buf[len] = '\0';
}

static void field(struct pager *p, int width, const char *label, const char *value,
                  enum ui_role role)
{
	char lab[64];

	if (!value || !*value)
		return;
	pad_label(label, lab, sizeof lab);
	view_pager_add(p, width, lab, UI_LABEL, value, role);
}

static void section(struct pager *p, int width, const char *title, size_t n)
{
	char buf[128];

	view_pager_blank(p);
	if (n == (size_t)-1)
		snprintf(buf, sizeof buf, "%s", title);
	else
		snprintf(buf, sizeof buf, tr("%s（%zu）"), title, n);
	view_pager_add(p, width, NULL, UI_NORMAL, buf, UI_HEADER);
}

static void build(void *owner, struct pager *p, int width)
{
	struct itemview *v = owner;
	const struct db_item *it = &v->item;
	long today = ui_today();
	char buf[1024], iso[16];
	int overdue = 0;

	snprintf(buf, sizeof buf, "%s  %s", it->region ? it->region : "",
	         it->report_title ? it->report_title : "");
	view_pager_add(p, width, NULL, UI_NORMAL, buf, UI_DIM);
	if (it->category_label || it->category_title) {
		snprintf(buf, sizeof buf, "%s%s%s", it->category_label ? it->category_label : "",
		         it->category_label && it->category_title ? " " : "",
		         it->category_title ? it->category_title : "");
		view_pager_add(p, width, NULL, UI_NORMAL, buf, UI_DIM);
	}
	if (it->subcategory)
		view_pager_add(p, width, NULL, UI_NORMAL, it->subcategory, UI_DIM);
	view_pager_blank(p);
	snprintf(buf, sizeof buf, tr("%s    (ID %lld, 版本 %d)"), it->no ? it->no : "",
	         (long long)it->id, it->version);
	field(p, width, tr("编号"), buf, UI_NORMAL);
	field(p, width, tr("状态"), state_label(it->state), (enum ui_role)(UI_STATE + it->state));
	/* The printed status stays as imported; when the state was changed in duban, or reads
	 * otherwise, the state is said beside it. */
	if (it->status && state_classify(it->status, NULL, 0) != it->state) {
		snprintf(buf, sizeof buf, tr("%s  [当前状态：%s]"), it->status, state_label(it->state));
		field(p, width, tr("进展情况"), buf, UI_NORMAL);
	} else {
		field(p, width, tr("进展情况"), it->status, UI_NORMAL);
	}
	if (it->verified_on) {
		snprintf(buf, sizeof buf, tr("%s 由 %s 验收%s%s"), it->verified_on,
		         it->verified_by ? it->verified_by : "?", it->verify_opinion ? tr("；验收意见：") : "",
		         it->verify_opinion ? it->verify_opinion : "");
		field(p, width, tr("验收销号"), buf, (enum ui_role)(UI_STATE + STATE_VERIFIED));
	}
	if (it->done_by && !it->verified_on) {
		char when[32];
		field_local_time(it->done_at, when, sizeof when);
		snprintf(buf, sizeof buf, tr("%s 于 %s 标记（验收须由另一人）"), it->done_by, when);
		field(p, width, tr("标记完成"), buf, UI_DIM);
	}
	if (it->due_kind == DUE_DATE) {
		snprintf(buf, sizeof buf, "%s  (%s%s)", it->deadline ? it->deadline : "",
		         date_format_iso(it->due, iso), it->long_term ? tr("，长期坚持") : "");
		field(p, width, tr("整改时限"), buf, UI_NORMAL);
		if (it->due < today && !state_is_closed(it->state))
			overdue = (int)(today - it->due);
	} else {
		field(p, width, tr("整改时限"), it->deadline ? it->deadline : tr("（无）"), UI_NORMAL);
	}
	if (overdue) {
		snprintf(buf, sizeof buf, tr("逾期 %d 天（期限 %s 已过，尚未完成）"), overdue,
		         date_format_iso(it->due, iso));
		field(p, width, tr("逾期"), buf, UI_OVERDUE);
	}
	field(p, width, tr("牵头单位"), it->lead_unit, UI_NORMAL);
	field(p, width, tr("责任单位"), it->responsible_unit, UI_NORMAL);
	field(p, width, tr("验收单位"), it->acceptance_unit, UI_NORMAL);
	field(p, width, tr("整改目标"), it->goal, UI_NORMAL);

	section(p, width, tr("问题"), (size_t)-1);
	view_pager_add(p, width, "  ", UI_NORMAL, it->text, UI_NORMAL);

	section(p, width, tr("整改措施"), it->measure_count);
	for (size_t i = 0; i < it->measure_count; i++) {
		const struct db_measure *m = &it->measures[i];
		char mark[32];
		if (i < sizeof measure_marks / sizeof measure_marks[0])
			snprintf(mark, sizeof mark, "  （%s）", measure_marks[i]);
		else
			snprintf(mark, sizeof mark, "  （%zu）", i + 1);
		view_pager_add(p, width, mark, UI_LABEL, m->text, UI_NORMAL);
		if (m->status) {
			enum state s = state_classify(m->status, NULL, 0);
			snprintf(buf, sizeof buf, "【%s】", m->status);
			view_pager_add(p, width, "        ", UI_NORMAL, buf, (enum ui_role)(UI_STATE + s));
		}
	}
	if (!it->measure_count)
		view_pager_add(p, width, "  ", UI_NORMAL, tr("（报告未列措施）"), UI_DIM);

	/* Notes and history newest first: what happened last is what a clerk looks for. */
	section(p, width, tr("进展备注"), it->note_count);
	for (size_t i = it->note_count; i-- > 0;) {
		const struct db_note *n = &it->notes[i];
		char when[32];
		field_local_time(n->at, when, sizeof when);
		snprintf(buf, sizeof buf, "  %s %s  ", when, n->who ? n->who : "");
		view_pager_add(p, width, buf, UI_DIM, n->text, UI_NORMAL);
	}
	if (!it->note_count)
		view_pager_add(p, width, "  ", UI_NORMAL, tr("（无）"), UI_DIM);

	section(p, width, tr("修改记录"), it->history_count);
	for (size_t i = it->history_count; i-- > 0;) {
		const struct db_history *h = &it->history[i];
		char when[32], change[1536], old[600];
		field_local_time(h->at, when, sizeof when);
		snprintf(buf, sizeof buf, "  %s %s %s  ", when, h->who ? h->who : "",
		         h->source && strcmp(h->source, "import") == 0 ? tr("导入") : tr("编辑"));
		/* The import's first row says where the item came from, not a change. */
		if (h->field && strcmp(h->field, "item") == 0) {
			field_item_event(h->new_value, change, sizeof change);
		} else {
			snprintf(old, sizeof old, "%s", field_value(h->field, h->old_value));
			snprintf(change, sizeof change, "%s: %s → %s", field_label(h->field), old,
			         field_value(h->field, h->new_value));
		}
		if (h->reason && *h->reason)
			snprintf(change + strlen(change), sizeof change - strlen(change),
			         tr("（原因：%s）"), h->reason);
		view_pager_add(p, width, buf, UI_DIM, change, UI_NORMAL);
	}
}

static int load(struct itemview *v, int64_t id)
{
	struct db_item it;
	int rc = db_item_get(v->db, id, DB_LOAD_MEASURES | DB_LOAD_NOTES | DB_LOAD_HISTORY, &it);

	if (rc == DB_NOT_FOUND) {
		ui_error(tr("事项 %lld 已不存在"), (long long)id);
		return -1;
	}
	if (rc < 0) {
		ui_error(tr("数据库错误：%s"), db_errmsg(v->db));
		return -1;
	}
	db_item_free(&v->item);
	v->item = it;
	v->pager.width = 0; /* rebuild at the next draw */
	return 0;
}

static void draw(void *self, int top, int rows, int cols)
{
	struct itemview *v = self;

	view_pager_draw(&v->pager, top, rows, cols);
}

static void step(struct itemview *v, int delta)
{
	int64_t id;

	if (v->src.step(v->src.ctx, delta, &id) < 0) {
		ui_message("%s", delta > 0 ? tr("已是最后一项") : tr("已是第一项"));
		return;
	}
	if (load(v, id) == 0) {
		view_pager_clear(&v->pager);
		v->pager.top = 0;
	}
}

/* The keys that edit this one item, and the edit each starts (view_edit.c). */
static const struct {
	enum action action;
	enum edit_kind kind;
} edit_keys[] = {
	{ACT_EDIT_DEADLINE, EDIT_DEADLINE}, {ACT_EDIT_STATE, EDIT_STATE}, {ACT_NOTE, EDIT_NOTE},
	{ACT_VERIFY, EDIT_VERIFY},          {ACT_UNVERIFY, EDIT_UNVERIFY}, {ACT_UNDO, EDIT_UNDO},
};

static int act(void *self, enum action a)
{
	struct itemview *v = self;

	for (size_t i = 0; i < sizeof edit_keys / sizeof edit_keys[0]; i++)
		if (edit_keys[i].action == a) {
			view_edit_start(v->db, edit_keys[i].kind, &v->item.id, 1, NULL, NULL);
			return 1;
		}
	switch (a) {
	case ACT_HISTORY: {
		struct ui_view h;
		char where[128];
		snprintf(where, sizeof where, tr("事项 %s"), v->item.no ? v->item.no : "");
		if (view_history_open(v->db, v->item.id, 0, where, &h) == 0)
			ui_push(&h);
		return 1;
	}
	case ACT_NEXT_ITEM:
		step(v, 1);
		return 1;
	case ACT_PREV_ITEM:
		step(v, -1);
		return 1;
	case ACT_PRINT_NOTICE: { /* issue 8: this item's verification notice */
		struct ui_view pv;
		if (view_preview_notice(v->db, v->item.id, &pv) == 0)
			ui_push(&pv);
		return 1;
	}
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (!v->src.searching(v->src.ctx)) {
			ui_message("%s", tr("没有在搜索：回到看板按 / 开始"));
			return 1;
		}
		step(v, a == ACT_SEARCH_NEXT ? 1 : -1);
		return 1;
	default:
		return view_pager_act(&v->pager, a);
	}
}

static void status(void *self, char *buf, size_t size)
{
	struct itemview *v = self;

	view_pager_status(&v->pager, buf, size);
}

static void title(void *self, char *buf, size_t size)
{
	struct itemview *v = self;

	snprintf(buf, size, tr(" 督办 > %s > 事项 %s"), v->item.region ? v->item.region : "",
	         v->item.no ? v->item.no : "");
}

static void reload(void *self)
{
	struct itemview *v = self;
	size_t top = v->pager.top;

	if (load(v, v->item.id) == 0) {
		view_pager_clear(&v->pager);
		v->pager.top = top;
	}
}

static void close_item(void *self)
{
	struct itemview *v = self;

	view_pager_clear(&v->pager);
	db_item_free(&v->item);
	free(v);
}

int view_item_open(struct db *db, int64_t id, const struct item_source *src,
                   struct ui_view *view)
{
	struct itemview *v = calloc(1, sizeof *v);

	if (!v) {
		ui_error("%s", tr("内存不足"));
		return -1;
	}
	v->db = db;
	v->src = *src;
	v->pager.build = build;
	v->pager.owner = v;
	if (load(v, id) < 0) {
		free(v);
		return -1;
	}
	memset(view, 0, sizeof *view);
	view->keys = KEYS_ITEM;
	view->hint = tr("j/k 滚动  J/K 下/上一项  h 返回  ? 帮助");
	view->draw = draw;
	view->act = act;
	view->status = status;
	view->title = title;
	view->reload = reload;
	view->close = close_item;
	view->self = v;
	return 0;
}
