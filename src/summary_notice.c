/* summary_notice.c — the verification notice (销号公示) of one item as data: title, paragraph,
 * publicity period from the verification date, issuing unit, and the attached table's cells.
 * Model code: no curses, no printing, no exit; refuses (with the reason) an item not verified. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "msg.h"
#include "summary.h"
#include "summary_internal.h"

/* How much of the problem text the paragraph quotes; the table has it whole. */
#define NOTICE_QUOTE_CHARS 60

static int empty(const char *s)
{
	return !s || !*s;
}

/* The verification date: the one the verifier gave, else the day the item was last made
 * verified in duban (the history, for items verified before verification had its own date).
 * An item imported as already verified has neither: -1. */
static long verified_day(const struct db_item *it)
{
	long d;

	if (it->verified_on && date_parse_iso(it->verified_on, &d) == 0)
		return d;
	for (size_t i = it->history_count; i-- > 0;) {
		const struct db_history *h = &it->history[i];
		char day[11];

		if (strcmp(h->field, "state") != 0 || !h->new_value ||
		    strcmp(h->new_value, "verified") != 0 || strcmp(h->source, "edit") != 0 ||
		    strlen(h->at) < 10)
			continue;
		memcpy(day, h->at, 10);
		day[10] = '\0';
		if (date_parse_iso(day, &d) == 0)
			return d;
	}
	return -1;
}

/* 完成情况: the progress notes (oldest first), then the verification opinion. */
static char *result_text(const struct db_item *it, const char *verifier)
{
	size_t cap = 1, len = 0;
	char *p;

	for (size_t i = 0; i < it->note_count; i++)
		cap += strlen(it->notes[i].text) + 8;
	if (!empty(it->verify_opinion))
		cap += strlen(it->verify_opinion) + 64;
	if (!empty(verifier))
		cap += strlen(verifier) + 64;
	if (!empty(it->status))
		cap += strlen(it->status) + 8;
	if (!(p = malloc(cap)))
		return NULL;
	p[0] = '\0';
	for (size_t i = 0; i < it->note_count; i++)
		len += (size_t)snprintf(p + len, cap - len, "%s%s", len ? "\n" : "", it->notes[i].text);
	if (it->note_count == 0 && !empty(it->status))
		len += (size_t)snprintf(p + len, cap - len, "%s", it->status);
	if (!empty(it->verify_opinion))
		len += (size_t)snprintf(p + len, cap - len, "%s%s%s", len ? "\n" : "", tr("验收意见："),
		                        it->verify_opinion);
	return p;
}

int notice_build(struct db *db, int64_t id, const struct notice_options *o, struct notice *out,
                 char *why, size_t whysize)
{
	struct db_item it;
	int days = o && o->days > 0 ? o->days : NOTICE_DEFAULT_DAYS, rc;
	const char *round, *region, *unit, *verifier;
	char start[24], end[24], *issuer, *q;
	long day;

	memset(out, 0, sizeof *out);
	rc = db_item_get(db, id, DB_LOAD_MEASURES | DB_LOAD_NOTES | DB_LOAD_HISTORY, &it);
	if (rc == DB_NOT_FOUND) {
		snprintf(why, whysize, tr("没有编号为 %lld 的事项"), (long long)id);
		return DB_NOT_FOUND;
	}
	if (rc) {
		snprintf(why, whysize, "%s", db_errmsg(db));
		return -1;
	}
	if (it.state != STATE_VERIFIED) {
		snprintf(why, whysize, tr("事项 %lld 尚未验收销号（当前状态：%s），不能出具销号公示"),
		         (long long)id, state_label(it.state));
		db_item_free(&it);
		return DB_REFUSED;
	}
	if ((day = verified_day(&it)) < 0) {
		snprintf(why, whysize,
		         tr("事项 %lld 在报告中已是已销号，没有验收日期，无法确定公示期；请在 duban 中验收后再出具"),
		         (long long)id);
		db_item_free(&it);
		return DB_REFUSED;
	}
	round = !empty(it.report_round) ? it.report_round : tr("生态环境保护督察");
	region = !empty(it.region) ? it.region : "";
	unit = !empty(it.responsible_unit) ? it.responsible_unit
	       : !empty(it.lead_unit)      ? it.lead_unit
	                                   : "";
	verifier = !empty(it.verified_by) ? it.verified_by : "";
	issuer = o && !empty(o->issuer)
	         ? summary_copy_string(o->issuer)
	         : summary_format_string(tr("%s生态环境保护督察整改工作领导小组办公室"), region);
	out->id = id;
	out->start = day;
	out->end = day + days - 1;
	summary_date_words(out->start, start);
	summary_date_words(out->end, end);
	out->title = summary_format_string(tr("关于%s整改任务销号的公示"), round);
	q = summary_cut_string(it.text, NOTICE_QUOTE_CHARS);
	if (!empty(verifier))
		out->body = summary_format_string(
		    tr("根据生态环境保护督察整改验收销号工作有关要求，%s%s反馈问题第%s项"
		       "“%s”整改任务已完成整改，于%s经%s验收，同意销号。"
		       "现将整改完成情况予以公示（详见附表），接受社会监督。"),
		    region, round, it.no, q ? q : "", start, verifier);
	else
		out->body = summary_format_string(
		    tr("根据生态环境保护督察整改验收销号工作有关要求，%s%s反馈问题第%s项"
		       "“%s”整改任务已完成整改，于%s通过验收，同意销号。"
		       "现将整改完成情况予以公示（详见附表），接受社会监督。"),
		    region, round, it.no, q ? q : "", start);
	free(q);
	out->period = summary_format_string(
	    tr("公示期：%s至%s（共%d天）。公示期间，如对该任务整改完成情况有异议，"
	       "请以书面或电话形式向%s反映。"),
	    start, end, days, issuer ? issuer : "");
	out->issuer = issuer;
	out->date = summary_copy_string(start);
	out->task = summary_copy_string(it.text);
	out->unit = summary_copy_string(unit);
	out->goal = summary_copy_string(empty(it.goal) ? "" : it.goal);
	out->result = result_text(&it, verifier);
	if (it.measure_count && (out->measures = calloc(it.measure_count, sizeof *out->measures))) {
		for (size_t i = 0; i < it.measure_count; i++)
			out->measures[i] = summary_copy_string(it.measures[i].text);
		out->measure_count = it.measure_count;
	}
	db_item_free(&it);
	if (!out->title || !out->body || !out->period || !out->issuer || !out->date || !out->task ||
	    !out->unit || !out->goal || !out->result) {
		notice_free(out);
		snprintf(why, whysize, "%s", tr("内存不足"));
		return -1;
	}
	return 0;
}

void notice_free(struct notice *n)
{
	if (!n)
		return;
	free(n->title);
	free(n->body);
	free(n->period);
	free(n->issuer);
	free(n->date);
	free(n->task);
	free(n->unit);
	free(n->goal);
	for (size_t i = 0; i < n->measure_count; i++)
		free(n->measures[i]);
	free(n->measures);
	free(n->result);
	memset(n, 0, sizeof *n);
}
