/* cmd_show.c — duban show ID: one item as the board's item page shows it (fields, days
 * overdue, the problem, measures marked （一）…, notes and history newest first, field names
 * in the user's language, times in local time, verification). Every stored text goes through
 * cli.h. Reads only: main.c opens the database without creating it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "db.h"
#include "field.h"
#include "export.h"
#include "msg.h"

/* The field labels of the page, for the width of the label column. */
static const char *const labels[] = {
    N_("show\004地区"),   N_("show\004报告"),     N_("show\004方面"),     N_("show\004小类"),
    N_("show\004编号"),   N_("show\004状态"),     N_("show\004进展情况"), N_("show\004整改时限"),
    N_("show\004逾期"),   N_("show\004牵头单位"), N_("show\004责任单位"), N_("show\004验收单位"),
    N_("show\004整改目标"), N_("show\004不再列出"), N_("show\004验收日期"), N_("show\004验收人"),
    N_("show\004验收意见"), N_("show\004完成标记"),
};

static int label_cols;

static void put_field(const char *label, const char *value)
{
	if (!value || !*value)
		return;
	fputs("  ", stdout);
	cli_put_cell(stdout, tr(label), label_cols, 0);
	fputs("  ", stdout);
	cli_put(stdout, value);
	fputc('\n', stdout);
}

static void put_section(const char *title, size_t n, int counted)
{
	fputc('\n', stdout);
	if (counted)
		cli_printf(stdout, tr("%s（%zu）"), tr(title), n);
	else
		cli_put(stdout, tr(title));
	fputc('\n', stdout);
}

/* A history value as the user reads it: states by their label, nothing as （空）. */
static const char *history_value(const struct db_history *h, const char *v)
{
	int s;

	if (!v || !*v)
		return tr("（空）");
	if (h->field && strcmp(h->field, "state") == 0 && (s = state_from_name(v)) >= 0)
		return state_label((enum state)s);
	return v;
}

static const char *source_label(const char *source)
{
	if (source && strcmp(source, "import") == 0)
		return tr("source\004导入");
	if (source && strcmp(source, "edit") == 0)
		return tr("source\004编辑");
	return source ? source : "";
}

static int note_newest_first(const void *a, const void *b)
{
	const struct db_note *x = *(const struct db_note *const *)a;
	const struct db_note *y = *(const struct db_note *const *)b;
	int c = strcmp(y->at ? y->at : "", x->at ? x->at : "");

	return c ? c : (y->id > x->id) - (y->id < x->id);
}

static void put_notes(const struct db_item *it)
{
	const struct db_note **order = calloc(it->note_count ? it->note_count : 1, sizeof *order);
	char when[32];

	put_section("show\004进展备注", it->note_count, 1);
	if (!it->note_count)
		cli_printf(stdout, "  %s\n", tr("（无）"));
	if (!order)
		return;
	for (size_t i = 0; i < it->note_count; i++)
		order[i] = &it->notes[i];
	qsort(order, it->note_count, sizeof *order, note_newest_first);
	for (size_t i = 0; i < it->note_count; i++) {
		const struct db_note *n = order[i];
		cli_printf(stdout, "  %s  ", date_local_time(n->at, when, sizeof when));
		cli_put_name(stdout, n->who);
		fputs("  ", stdout);
		cli_put(stdout, n->text);
		fputc('\n', stdout);
	}
	free(order);
}

static void put_verification(const struct db_item *it)
{
	char when[32], buf[256];

	put_section("show\004验收销号", 0, 0);
	if (!it->verified_on && !it->verified_by)
		cli_printf(stdout, "  %s\n", tr("（未验收销号）"));
	put_field(labels[14], it->verified_on);
	put_field(labels[15], it->verified_by);
	put_field(labels[16], it->verify_opinion);
	if (it->done_by) {
		snprintf(buf, sizeof buf, tr("%s 于 %s"), it->done_by,
		         date_local_time(it->done_at, when, sizeof when));
		put_field(labels[17], buf);
	}
}

static void put_history(const struct db_item *it)
{
	char when[32], event[1200];

	/* Newest first, as on the board's item page: what happened last is what a clerk
	 * looks for. */
	put_section("show\004修改记录", it->history_count, 1);
	for (size_t i = it->history_count; i-- > 0;) {
		const struct db_history *h = &it->history[i];
		cli_printf(stdout, "  %s  ", date_local_time(h->at, when, sizeof when));
		cli_put_name(stdout, h->who);
		cli_printf(stdout, "  %s  ", source_label(h->source));
		/* Rows about the item as a whole say where it came from or whether its report
		 * still lists it, not a field's change. */
		if (h->field && strcmp(h->field, "item") == 0)
			cli_put(stdout, field_item_event(h->new_value, event, sizeof event));
		else
			cli_printf(stdout, tr("%s：%s → %s"), msg_field_label(h->field),
			           history_value(h, h->old_value), history_value(h, h->new_value));
		if (h->reason && *h->reason)
			cli_printf(stdout, tr("（原因：%s）"), h->reason);
		fputc('\n', stdout);
	}
}

static void put_item(const struct db_item *it)
{
	char buf[1024], iso[16], mark[32];
	long late = export_item_overdue(it, date_today());

	label_cols = 0;
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		int w = cli_width(tr(labels[i]));
		if (w > label_cols)
			label_cols = w;
	}
	cli_printf(stdout, tr("事项 %lld（版本 %d）"), (long long)it->id, it->version);
	fputc('\n', stdout);
	put_field(labels[0], it->region);
	put_field(labels[1], it->report_title);
	snprintf(buf, sizeof buf, "%s%s%s", it->category_label ? it->category_label : "",
	         it->category_label && it->category_title ? " " : "",
	         it->category_title ? it->category_title : "");
	put_field(labels[2], buf);
	put_field(labels[3], it->subcategory);
	put_field(labels[4], it->no);
	put_field(labels[5], state_label(it->state));
	put_field(labels[6], it->status);
	if (it->due_kind == DUE_DATE)
		snprintf(buf, sizeof buf, "%s（%s）", it->deadline ? it->deadline : "",
		         date_format_iso(it->due, iso));
	else
		snprintf(buf, sizeof buf, "%s", it->deadline ? it->deadline : tr("（无）"));
	put_field(labels[7], buf);
	if (late > 0) {
		if (it->due_kind == DUE_IMMEDIATE)
			snprintf(buf, sizeof buf, tr("%ld 天（立行立改，%s 读入报告时即应整改，尚未完成）"),
			         late, date_format_iso(it->due, iso));
		else
			snprintf(buf, sizeof buf, tr("%ld 天（期限 %s 已过，尚未完成）"), late,
			         date_format_iso(it->due, iso));
		put_field(labels[8], buf);
	}
	put_field(labels[9], it->lead_unit);
	put_field(labels[10], it->responsible_unit);
	put_field(labels[11], it->acceptance_unit);
	put_field(labels[12], it->goal);
	if (it->removed)
		put_field(labels[13], tr("最新版本的报告已不再列出此事项"));

	put_section("show\004问题", 0, 0);
	fputs("  ", stdout);
	cli_put(stdout, it->text);
	fputc('\n', stdout);

	put_section("show\004整改措施", it->measure_count, 1);
	if (!it->measure_count)
		cli_printf(stdout, "  %s\n", tr("（报告未列措施）"));
	for (size_t i = 0; i < it->measure_count; i++) {
		cli_printf(stdout, "  %s", msg_measure_mark(i, mark, sizeof mark));
		cli_put(stdout, it->measures[i].text);
		if (it->measures[i].status)
			cli_printf(stdout, "【%s】", it->measures[i].status);
		fputc('\n', stdout);
	}
	put_notes(it);
	put_verification(it);
	put_history(it);
}

int cmd_show(struct db *db, int argc, char **argv)
{
	struct db_item it;
	char *end;
	long long id;
	int rc;

	if (argc != 1)
		return cli_usage_error("%s", tr("show 需要一个事项 ID（见 duban list）"));
	errno = 0;
	id = strtoll(argv[0], &end, 10);
	if (errno || *end || end == argv[0] || id <= 0)
		return cli_usage_error(tr("show: %s 不是事项 ID"), argv[0]);
	rc = db_item_get(db, id, DB_LOAD_MEASURES | DB_LOAD_NOTES | DB_LOAD_HISTORY, &it);
	if (rc == DB_NOT_FOUND)
		return cli_fail(tr("没有 ID 为 %lld 的事项（见 duban list）"), id);
	if (rc)
		return cli_fail("%s", db_errmsg(db));
	put_item(&it);
	db_item_free(&it);
	if (ferror(stdout))
		return cli_fail(tr("写入标准输出失败：%s"), strerror(errno));
	return 0;
}
