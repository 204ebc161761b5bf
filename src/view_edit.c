/* view_edit.c — every edit a clerk makes on the board and in the item view: deadline (live
 * reading, then the reason), state chooser, progress note, 验收销号 and its undoing, undo.
 * Each save is one db call, one short transaction guarded by the versions read when the edit
 * started; nothing is held open while the user types. Draws only through ui; no SQL here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "db.h"
#include "field.h"
#include "msg.h"
#include "state.h"
#include "text.h"
#include "ui.h"
#include "view_conflict.h"
#include "view_edit.h"

struct edit_op {
	struct db *db;
	enum edit_kind kind;
	int64_t *ids;
	int *versions; /* read when the edit started (and again before a re-apply) */
	size_t n;
	struct db_item first; /* the first item as it was then: prefills, messages */
	char *value;          /* the new deadline (NULL clears), state name or note text */
	char *reason;         /* 延期原因 / 撤销原因; NULL when none */
	char *opinion;        /* 验收意见; NULL when none */
	long date;            /* the verification date */
	int reason_required;
	void (*after)(void *ctx);
	void *ctx;
};

static void op_free(struct edit_op *op)
{
	if (!op)
		return;
	db_item_free(&op->first);
	free(op->ids);
	free(op->versions);
	free(op->value);
	free(op->reason);
	free(op->opinion);
	free(op);
}

/* Reads the versions of every item the edit applies to, and the first item in full.
 * Returns 0, or -1 with the reason shown. */
static int op_load(struct edit_op *op)
{
	for (size_t i = 0; i < op->n; i++) {
		struct db_item it;
		int rc = db_item_get(op->db, op->ids[i], i == 0 ? DB_LOAD_NOTES : 0, &it);
		if (rc == DB_NOT_FOUND) {
			ui_error(tr("事项 %lld 已不存在"), (long long)op->ids[i]);
			return -1;
		}
		if (rc < 0) {
			ui_error(tr("数据库错误：%s"), db_errmsg(op->db));
			return -1;
		}
		op->versions[i] = it.version;
		if (i == 0) {
			db_item_free(&op->first);
			op->first = it;
		} else {
			db_item_free(&it);
		}
	}
	return 0;
}

/* "周一" … "周日" for a day count (1970-01-01 was a Thursday). */
static const char *weekday(long days)
{
	static const char *const names[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
	long w = ((days % 7) + 7 + 3) % 7;

	return tr(names[w]);
}

/* Text without the blanks around it (spaces, U+3000), in a malloc'd copy; NULL when nothing
 * is left. */
static char *trimmed(const char *text)
{
	const char *s = text, *e;
	char *out;

	while (*s == ' ' || strncmp(s, "\xE3\x80\x80", 3) == 0)
		s += *s == ' ' ? 1 : 3;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || (e - s >= 3 && strncmp(e - 3, "\xE3\x80\x80", 3) == 0)))
		e -= e[-1] == ' ' ? 1 : 3;
	if (e == s)
		return NULL;
	if (!(out = malloc((size_t)(e - s) + 1)))
		return NULL;
	memcpy(out, s, (size_t)(e - s));
	out[e - s] = '\0';
	return out;
}

/* Characters (not bytes, not columns) in s: what a clerk counts. */
static size_t char_count(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* What the edit is, for the conflict screen: "整改时限 → 2025年12月底前". */
static void op_describe(const struct edit_op *op, char *buf, size_t size)
{
	switch (op->kind) {
	case EDIT_DEADLINE:
		snprintf(buf, size, tr("整改时限 → %s%s%s"), op->value ? op->value : tr("（空）"),
		         op->reason ? tr("，原因：") : "", op->reason ? op->reason : "");
		break;
	case EDIT_STATE:
		snprintf(buf, size, tr("状态 → %s"),
		         state_label((enum state)(state_from_name(op->value) >= 0
		                                      ? state_from_name(op->value) : 0)));
		break;
	case EDIT_NOTE:
		snprintf(buf, size, tr("进展备注：%s"), op->value ? op->value : "");
		break;
	case EDIT_VERIFY: {
		char iso[16];
		snprintf(buf, size, tr("验收销号，验收日期 %s%s%s"), date_format_iso(op->date, iso),
		         op->opinion ? tr("，验收意见：") : "", op->opinion ? op->opinion : "");
		break;
	}
	case EDIT_UNVERIFY:
		snprintf(buf, size, tr("撤销验收销号，原因：%s"), op->reason ? op->reason : "");
		break;
	case EDIT_UNDO:
		snprintf(buf, size, "%s", tr("撤销我的上一次修改"));
		break;
	}
}

static void op_apply(struct edit_op *op);

static void conflict_decided(void *ctx, int reapply)
{
	struct edit_op *op = ctx;

	if (!reapply) {
		ui_message("%s", tr("已放弃我的修改；事项保持别人改后的样子"));
		op_free(op);
		ui_changed(); /* show their change now, not at the next poll */
		return;
	}
	/* On top of what is there now: the versions are read again. */
	if (op_load(op) < 0) {
		op_free(op);
		return;
	}
	op_apply(op);
}

/* The message after a save: what changed. */
static void op_saved(struct edit_op *op)
{
	char iso[16];

	switch (op->kind) {
	case EDIT_DEADLINE:
		if (op->n > 1)
			ui_message(tr("已把 %zu 项的整改时限改为 %s"), op->n,
			           op->value ? op->value : tr("（空）"));
		else
			ui_message(tr("已保存整改时限：%s → %s"),
			           op->first.deadline ? op->first.deadline : tr("（空）"),
			           op->value ? op->value : tr("（空）"));
		break;
	case EDIT_STATE: {
		int s = state_from_name(op->value);
		const char *label = state_label((enum state)(s >= 0 ? s : 0));
		if (op->n > 1)
			ui_message(tr("已把 %zu 项的状态改为 %s"), op->n, label);
		else
			ui_message(tr("已把状态改为 %s（原为 %s）"), label, state_label(op->first.state));
		break;
	}
	case EDIT_NOTE:
		ui_message(tr("已添加进展备注（%zu 字）"), char_count(op->value ? op->value : ""));
		break;
	case EDIT_VERIFY:
		if (op->n > 1)
			ui_message(tr("已为 %zu 项验收销号（%s）"), op->n, date_format_iso(op->date, iso));
		else
			ui_message(tr("已验收销号（%s）"), date_format_iso(op->date, iso));
		break;
	case EDIT_UNVERIFY:
		ui_message("%s", tr("已撤销验收销号"));
		break;
	case EDIT_UNDO: {
		/* Say what was undone: the newest history row is the undo itself. */
		struct db_item it;
		if (db_item_get(op->db, op->ids[0], DB_LOAD_HISTORY, &it) == 0) {
			if (it.history_count) {
				const struct db_history *h = &it.history[it.history_count - 1];
				char old[200];
				snprintf(old, sizeof old, "%s", field_value(h->field, h->old_value));
				ui_message(tr("已撤销我的上一次修改：%s %s → %s"), field_label(h->field), old,
				           field_value(h->field, h->new_value));
			} else {
				ui_message("%s", tr("已撤销我的上一次修改"));
			}
			db_item_free(&it);
		} else {
			ui_message("%s", tr("已撤销我的上一次修改"));
		}
		break;
	}
	}
}

/* The number of the item at index i as printed ("3", "（十二）"), for a refusal on tags. */
static void item_number(struct edit_op *op, size_t i, char *buf, size_t size)
{
	struct db_item it;

	if (db_item_get(op->db, op->ids[i], 0, &it) == 0) {
		snprintf(buf, size, tr("事项 %s（%s）"), it.no ? it.no : "?", it.region ? it.region : "");
		db_item_free(&it);
	} else {
		snprintf(buf, size, tr("事项 ID %lld"), (long long)op->ids[i]);
	}
}

/* Saves the edit: one call, one transaction. Frees op unless the conflict screen takes it. */
static void op_apply(struct edit_op *op)
{
	struct db_edit e;
	size_t failed = 0;
	int rc = -1;

	memset(&e, 0, sizeof e);
	switch (op->kind) {
	case EDIT_DEADLINE:
	case EDIT_STATE:
		e.field = op->kind == EDIT_DEADLINE ? "deadline" : "state";
		e.value = op->value;
		e.reason = op->reason;
		rc = db_items_edit(op->db, op->ids, op->versions, op->n, &e, &failed);
		break;
	case EDIT_NOTE:
		rc = db_note_add(op->db, op->ids[0], op->value);
		break;
	case EDIT_VERIFY:
		rc = db_items_verify(op->db, op->ids, op->versions, op->n, op->date, op->opinion,
		                     &failed);
		break;
	case EDIT_UNVERIFY:
		rc = db_item_unverify(op->db, op->ids[0], op->versions[0], op->reason);
		break;
	case EDIT_UNDO:
		rc = db_item_undo(op->db, op->ids[0], op->versions[0]);
		break;
	}
	if (failed >= op->n)
		failed = 0;
	if (rc == 0) {
		op_saved(op);
		ui_changed();
		if (op->after)
			op->after(op->ctx);
		op_free(op);
		return;
	}
	if (rc == DB_CONFLICT) {
		struct ui_view v;
		char mine[1024];
		op_describe(op, mine, sizeof mine);
		if (view_conflict_open(op->db, op->ids[failed], op->versions[failed], mine,
		                       conflict_decided, op, &v) == 0) {
			ui_push(&v);
			return;
		}
		op_free(op);
		return;
	}
	if (rc == DB_REFUSED && op->n > 1) {
		char which[200];
		item_number(op, failed, which, sizeof which);
		ui_error(tr("全部未保存：%s %s"), which, db_errmsg(op->db));
	} else if (rc == DB_REFUSED) {
		ui_error("%s", db_errmsg(op->db));
	} else if (rc == DB_NOT_FOUND) {
		ui_error(tr("事项 %lld 已不存在"), (long long)op->ids[failed]);
	} else {
		ui_error(tr("保存失败（全部未保存）：%s"), db_errmsg(op->db));
	}
	op_free(op);
}

/* ---- the deadline: the editor with its live reading, then the reason ------------------ */

/* Writes how a typed deadline is understood: "→ 2025-06-30 (周一), 还有 211 天". */
static int deadline_reading(const char *text, char *buf, size_t size)
{
	struct deadline d;
	char why[200], iso[16];
	long today = ui_today(), days;
	const char *lt;

	if (date_check_deadline(text, &d, why, sizeof why) < 0) {
		snprintf(buf, size, tr("不是有效的期限：%s"), why);
		return UI_ERROR;
	}
	lt = d.long_term ? tr("，长期坚持") : "";
	switch (d.kind) {
	case DUE_DATE:
		days = date_to_days(d.year, d.month, d.day);
		date_format_iso(days, iso);
		if (days > today)
			snprintf(buf, size, tr("→ %s (%s), 还有 %ld 天%s"), iso, weekday(days),
			         days - today, lt);
		else if (days == today)
			snprintf(buf, size, tr("→ %s (%s), 就是今天%s"), iso, weekday(days), lt);
		else
			snprintf(buf, size, tr("→ %s (%s), 已逾期 %ld 天%s"), iso, weekday(days),
			         today - days, lt);
		return days < today ? UI_OVERDUE : UI_NORMAL;
	case DUE_IMMEDIATE:
		snprintf(buf, size, tr("→ 立行立改（立即整改，没有截止日期）%s"), lt);
		return UI_NORMAL;
	case DUE_NONE:
		break;
	}
	if (d.long_term)
		snprintf(buf, size, "%s", tr("→ 长期坚持（没有截止日期）"));
	else
		snprintf(buf, size, "%s", tr("→ 清空整改时限（没有期限）"));
	return UI_NORMAL;
}

static int deadline_preview(void *ctx, const char *text, char *buf, size_t size)
{
	(void)ctx;
	return deadline_reading(text, buf, size);
}

static int deadline_check(void *ctx, const char *text)
{
	struct deadline d;
	char why[8];

	(void)ctx;
	return date_check_deadline(text, &d, why, sizeof why) < 0 ? -1 : 0;
}

static int reason_preview(void *ctx, const char *text, char *buf, size_t size)
{
	struct edit_op *op = ctx;
	char *t = trimmed(text);
	int role = UI_DIM;

	if (!t && op->reason_required) {
		snprintf(buf, size, "%s", op->kind == EDIT_DEADLINE
		                              ? tr("请写明延期原因：它和新旧期限一起记入修改记录")
		                              : tr("请写明原因：它和这次修改一起记入修改记录"));
		role = UI_NORMAL;
	} else {
		snprintf(buf, size, "%s", tr("原因和这次修改一起记入修改记录；Enter 保存，Esc 取消"));
	}
	free(t);
	return role;
}

static int reason_check(void *ctx, const char *text)
{
	struct edit_op *op = ctx;
	char *t = trimmed(text);
	int ok = t || !op->reason_required;

	free(t);
	return ok ? 0 : -1;
}

static void reason_done(void *ctx, const char *text, int accepted)
{
	struct edit_op *op = ctx;

	if (!accepted) {
		ui_message("%s", tr("已取消，没有保存"));
		op_free(op);
		return;
	}
	free(op->reason);
	op->reason = trimmed(text);
	op_apply(op);
}

static void ask_reason(struct edit_op *op, const char *label)
{
	ui_edit_open(&(const struct ui_edit){
		.label = label,
		.preview = reason_preview,
		.check = reason_check,
		.done = reason_done,
		.ctx = op,
	});
}

static void deadline_done(void *ctx, const char *text, int accepted)
{
	struct edit_op *op = ctx;
	char *value;

	if (!accepted) {
		ui_message("%s", tr("已取消，整改时限没有改变"));
		op_free(op);
		return;
	}
	value = trimmed(text);
	if (op->n == 1 && ((!value && !op->first.deadline) ||
	                   (value && op->first.deadline && strcmp(value, op->first.deadline) == 0))) {
		free(value);
		ui_message("%s", tr("整改时限没有改变"));
		op_free(op);
		return;
	}
	free(op->value);
	op->value = value;
	/* A deadline that existed is being moved: that needs its reason (延期原因). */
	op->reason_required = op->n > 1 || (op->first.deadline && *op->first.deadline);
	ask_reason(op, tr("延期原因: "));
}

static void start_deadline(struct edit_op *op)
{
	ui_edit_open(&(const struct ui_edit){
		.label = tr("整改时限: "),
		.initial = op->n == 1 ? op->first.deadline : NULL,
		.max_len = 200,
		.preview = deadline_preview,
		.check = deadline_check,
		.done = deadline_done,
		.ctx = op,
	});
}

/* ---- the state chooser ------------------------------------------------------------------ */

struct chooser {
	struct edit_op *op;
	int sel;
};

static void chooser_draw(void *self, int top, int rows, int cols)
{
	struct chooser *c = self;
	const struct db_item *it = &c->op->first;
	char buf[1024];
	int y = top, x = 2;

	for (int r = 0; r < rows; r++)
		ui_blank(top + r, 0, cols, UI_NORMAL);
	if (c->op->n > 1)
		snprintf(buf, sizeof buf, tr("改状态：已标记的 %zu 项，一起保存（全部或全不）"), c->op->n);
	else
		snprintf(buf, sizeof buf, tr("改状态：事项 %s（%s）"), it->no ? it->no : "",
		         it->region ? it->region : "");
	ui_field(y++, 1, cols - 1, buf, UI_HEADER, 0);
	if (c->op->n == 1) {
		snprintf(buf, sizeof buf, tr("报告写的进展情况：%s"), it->status ? it->status : tr("（无）"));
		ui_field(y++, 1, cols - 1, buf, UI_NORMAL, 0);
		snprintf(buf, sizeof buf, tr("当前状态：%s"), state_label(it->state));
		ui_field(y++, 1, cols - 1, buf, UI_NORMAL, 0);
	}
	y++;
	/* The labels' column is as wide as the widest label (English ones are longer). */
	int lw = 0;
	for (int s = 0; s < STATE_COUNT; s++) {
		const char *l = state_label((enum state)s);
		int w = text_width(l, strlen(l));
		if (w > lw)
			lw = w;
	}
	lw += 2;
	for (int s = 0; s < STATE_COUNT && y < top + rows; s++, y++) {
		int on = s == c->sel;
		snprintf(buf, sizeof buf, "%c %d ", on ? '>' : ' ', s + 1);
		ui_field(y, x, 5, buf, on ? UI_CURSOR : UI_NORMAL, UI_NO_MARK);
		ui_field(y, x + 5, lw, state_label((enum state)s), (enum ui_role)(UI_STATE + s),
		         UI_NO_MARK);
		if (c->op->n == 1 && (enum state)s == it->state)
			ui_field(y, x + 5 + lw, cols - x - 5 - lw, tr("← 当前"), UI_DIM, 0);
	}
	y++;
	if (y < top + rows)
		ui_field(y++, 1, cols - 1,
		         tr("报告原文的进展情况保持不变；新状态另行记录，并记入修改记录。"), UI_DIM, 0);
	if (y < top + rows)
		ui_field(y, 1, cols - 1, tr("j/k 选择，Enter 或 1-7 保存，Esc 取消"), UI_DIM, 0);
}

static void start_verify(struct edit_op *op);

static void chooser_pick(struct chooser *c, int s)
{
	struct edit_op *op = c->op;

	c->op = NULL; /* the edit outlives the chooser */
	ui_pop();
	if (op->n == 1 && (enum state)s == op->first.state) {
		ui_message(tr("状态本来就是 %s，没有改变"), state_label((enum state)s));
		op_free(op);
		return;
	}
	if ((enum state)s == STATE_VERIFIED) {
		/* 已销号 is a verification, with its date, verifier and the two-person rule. */
		op->kind = EDIT_VERIFY;
		start_verify(op);
		return;
	}
	free(op->value);
	op->value = strdup(state_name((enum state)s));
	if (!op->value) {
		ui_error("%s", tr("内存不足"));
		op_free(op);
		return;
	}
	op_apply(op);
}

static int chooser_act(void *self, enum action a)
{
	struct chooser *c = self;

	switch (a) {
	case ACT_DOWN:
		if (c->sel + 1 < STATE_COUNT)
			c->sel++;
		return 1;
	case ACT_UP:
		if (c->sel > 0)
			c->sel--;
		return 1;
	case ACT_TOP:
		c->sel = 0;
		return 1;
	case ACT_BOTTOM:
		c->sel = STATE_COUNT - 1;
		return 1;
	case ACT_ACCEPT:
		chooser_pick(c, c->sel);
		return 1;
	case ACT_PICK:
		if (ui_key() >= '1' && ui_key() < '1' + STATE_COUNT)
			chooser_pick(c, ui_key() - '1');
		return 1;
	default:
		return 0;
	}
}

static void chooser_title(void *self, char *buf, size_t size)
{
	(void)self;
	snprintf(buf, size, "%s", tr(" 督办 > 改状态"));
}

static void chooser_close(void *self)
{
	struct chooser *c = self;

	if (c->op)
		ui_message("%s", tr("已取消，状态没有改变"));
	op_free(c->op);
	free(c);
}

static void start_state(struct edit_op *op)
{
	struct chooser *c = calloc(1, sizeof *c);
	struct ui_view v;

	if (!c) {
		ui_error("%s", tr("内存不足"));
		op_free(op);
		return;
	}
	c->op = op;
	c->sel = op->n == 1 ? (int)op->first.state : 0;
	memset(&v, 0, sizeof v);
	v.keys = KEYS_CHOOSE;
	v.hint = tr("j/k 选择  Enter 保存  1-7 直接选  Esc 取消");
	v.draw = chooser_draw;
	v.act = chooser_act;
	v.title = chooser_title;
	v.close = chooser_close;
	v.self = c;
	ui_push(&v);
}

/* ---- the progress note ------------------------------------------------------------------ */

static int note_preview(void *ctx, const char *text, char *buf, size_t size)
{
	struct edit_op *op = ctx;
	char *t = trimmed(text);

	if (!t)
		snprintf(buf, size, tr("事项 %s 的进展备注，记下你的名字和时间；Enter 保存，Esc 取消"),
		         op->first.no ? op->first.no : "");
	else
		snprintf(buf, size, tr("事项 %s 的进展备注：%zu 字；Enter 保存，Esc 取消"),
		         op->first.no ? op->first.no : "", char_count(t));
	free(t);
	return UI_DIM;
}

static int note_check(void *ctx, const char *text)
{
	char *t = trimmed(text);
	int ok = t != NULL;

	(void)ctx;
	free(t);
	return ok ? 0 : -1;
}

static void note_done(void *ctx, const char *text, int accepted)
{
	struct edit_op *op = ctx;

	if (!accepted) {
		ui_message("%s", tr("已取消，备注没有保存"));
		op_free(op);
		return;
	}
	free(op->value);
	op->value = trimmed(text);
	op_apply(op);
}

static void start_note(struct edit_op *op)
{
	ui_edit_open(&(const struct ui_edit){
		.label = tr("进展备注: "),
		.preview = note_preview,
		.check = note_check,
		.done = note_done,
		.ctx = op,
	});
}

/* ---- verification ----------------------------------------------------------------------- */

/* A verification date: any form date_check_deadline reads that names one day, not after
 * today. Returns 0 with *days, or -1 with the reason in buf. */
static int verify_date(const char *text, long *days, char *buf, size_t size)
{
	struct deadline d;
	char why[200];

	if (date_check_deadline(text, &d, why, sizeof why) < 0) {
		snprintf(buf, size, tr("不是有效的日期：%s"), why);
		return -1;
	}
	if (d.kind != DUE_DATE) {
		snprintf(buf, size, "%s", tr("请写验收那天的日期，例如 2025-07-15"));
		return -1;
	}
	*days = date_to_days(d.year, d.month, d.day);
	if (*days > ui_today()) {
		snprintf(buf, size, "%s", tr("验收日期不能晚于今天"));
		return -1;
	}
	return 0;
}

static int verify_date_preview(void *ctx, const char *text, char *buf, size_t size)
{
	long days;
	char iso[16];

	(void)ctx;
	if (verify_date(text, &days, buf, size) < 0)
		return UI_ERROR;
	if (days == ui_today())
		snprintf(buf, size, tr("→ %s (%s)，今天"), date_format_iso(days, iso), weekday(days));
	else
		snprintf(buf, size, tr("→ %s (%s)，%ld 天前"), date_format_iso(days, iso),
		         weekday(days), ui_today() - days);
	return UI_NORMAL;
}

static int verify_date_check(void *ctx, const char *text)
{
	long days;
	char buf[200];

	(void)ctx;
	return verify_date(text, &days, buf, sizeof buf);
}

static int opinion_preview(void *ctx, const char *text, char *buf, size_t size)
{
	struct edit_op *op = ctx;
	char iso[16];

	(void)text;
	snprintf(buf, size, tr("验收日期 %s；验收意见可不填。Enter 销号，Esc 取消"),
	         date_format_iso(op->date, iso));
	return UI_DIM;
}

static void opinion_done(void *ctx, const char *text, int accepted)
{
	struct edit_op *op = ctx;

	if (!accepted) {
		ui_message("%s", tr("已取消，没有销号"));
		op_free(op);
		return;
	}
	free(op->opinion);
	op->opinion = trimmed(text);
	op_apply(op);
}

static void verify_date_done(void *ctx, const char *text, int accepted)
{
	struct edit_op *op = ctx;
	char buf[200];

	if (!accepted || verify_date(text, &op->date, buf, sizeof buf) < 0) {
		ui_message("%s", tr("已取消，没有销号"));
		op_free(op);
		return;
	}
	ui_edit_open(&(const struct ui_edit){
		.label = tr("验收意见（可不填）: "),
		.preview = opinion_preview,
		.done = opinion_done,
		.ctx = op,
	});
}

/* Asks db_may for every item first, so a refusal (the two-person rule, not done yet) is said
 * before anything is typed. Returns 0, or -1 with the refusal shown. */
static int check_may(struct edit_op *op, enum db_permission what, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		int rc = db_may(op->db, what, op->ids[i]);
		if (rc == 0)
			continue;
		if (rc == DB_REFUSED && count > 1) {
			char which[200];
			item_number(op, i, which, sizeof which);
			ui_error("%s %s", which, db_errmsg(op->db));
		} else if (rc == DB_REFUSED) {
			ui_error("%s", db_errmsg(op->db));
		} else if (rc == DB_NOT_FOUND) {
			ui_error(tr("事项 %lld 已不存在"), (long long)op->ids[i]);
		} else {
			ui_error(tr("数据库错误：%s"), db_errmsg(op->db));
		}
		return -1;
	}
	return 0;
}

static void start_verify(struct edit_op *op)
{
	char iso[16];

	if (check_may(op, DB_MAY_VERIFY, op->n) < 0) {
		op_free(op);
		return;
	}
	ui_edit_open(&(const struct ui_edit){
		.label = tr("验收日期: "),
		.initial = date_format_iso(ui_today(), iso),
		.max_len = 40,
		.preview = verify_date_preview,
		.check = verify_date_check,
		.done = verify_date_done,
		.ctx = op,
	});
}

static void start_unverify(struct edit_op *op)
{
	if (check_may(op, DB_MAY_UNVERIFY, 1) < 0) {
		op_free(op);
		return;
	}
	op->reason_required = 1;
	ask_reason(op, tr("撤销销号的原因: "));
}

static void start_undo(struct edit_op *op)
{
	if (check_may(op, DB_MAY_UNDO, 1) < 0) {
		op_free(op);
		return;
	}
	op_apply(op);
}

/* ---- the entry point -------------------------------------------------------------------- */

int view_edit_start(struct db *db, enum edit_kind kind, const int64_t *ids, size_t n,
                    void (*after)(void *ctx), void *ctx)
{
	struct edit_op *op;

	if (n == 0) {
		ui_message("%s", tr("先选中一个事项（或用 Space 标记几项）"));
		return -1;
	}
	if (db_readonly(db)) {
		ui_error("%s", tr("数据库是只读打开的，不能修改"));
		return -1;
	}
	/* Notes, unverify and undo are about one item: the first. */
	if (kind == EDIT_NOTE || kind == EDIT_UNVERIFY || kind == EDIT_UNDO)
		n = 1;
	op = calloc(1, sizeof *op);
	if (!op || !(op->ids = malloc(n * sizeof *op->ids)) ||
	    !(op->versions = calloc(n, sizeof *op->versions))) {
		op_free(op);
		ui_error("%s", tr("内存不足"));
		return -1;
	}
	op->db = db;
	op->kind = kind;
	op->n = n;
	op->after = after;
	op->ctx = ctx;
	memcpy(op->ids, ids, n * sizeof *ids);
	if (op_load(op) < 0) {
		op_free(op);
		return -1;
	}
	switch (kind) {
	case EDIT_DEADLINE: start_deadline(op); break;
	case EDIT_STATE: start_state(op); break;
	case EDIT_NOTE: start_note(op); break;
	case EDIT_VERIFY: start_verify(op); break;
	case EDIT_UNVERIFY: start_unverify(op); break;
	case EDIT_UNDO: start_undo(op); break;
	}
	return 0;
}
