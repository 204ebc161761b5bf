/* state.c — the seven item states: names, Chinese labels, and the classifier from the status
 * wording printed in reports. Model code: no curses, no printing, no exit.
 * The names are stored in the database: renaming one needs a migration in db. */
#include "state.h"

#include <string.h>

#include "msg.h"

static const char *const names[STATE_COUNT] = {
    [STATE_PENDING] = "pending",
    [STATE_IN_PROGRESS] = "in_progress",
    [STATE_ON_SCHEDULE] = "on_schedule",
    [STATE_BEHIND] = "behind",
    [STATE_DONE] = "done",
    [STATE_AWAITING_VERIFICATION] = "awaiting_verification",
    [STATE_VERIFIED] = "verified",
};

static const char *const labels[STATE_COUNT] = {
    [STATE_PENDING] = N_("未开始"),
    [STATE_IN_PROGRESS] = N_("推进中"),
    [STATE_ON_SCHEDULE] = N_("序时进度"),
    [STATE_BEHIND] = N_("滞后"),
    [STATE_DONE] = N_("已完成"),
    [STATE_AWAITING_VERIFICATION] = N_("待验收"),
    [STATE_VERIFIED] = N_("已销号"),
};

const char *state_name(enum state s)
{
	return (unsigned)s < STATE_COUNT ? names[s] : "pending";
}

const char *state_label(enum state s)
{
	return tr((unsigned)s < STATE_COUNT ? labels[s] : labels[STATE_PENDING]);
}

int state_from_name(const char *name)
{
	int i;

	if (!name)
		return -1;
	for (i = 0; i < STATE_COUNT; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

int state_from_label(const char *text)
{
	int s = state_from_name(text);

	for (int i = 0; s < 0 && text && i < STATE_COUNT; i++)
		if (strcmp(text, labels[i]) == 0 || strcmp(text, state_label((enum state)i)) == 0)
			s = i;
	return s;
}

/* Whether s contains any of the NULL-terminated words. */
static int has_any(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strstr(s, *words))
			return 1;
	return 0;
}

/* Whether s holds nothing but spaces (ASCII or U+3000) and a full stop. */
static int is_blank(const char *s)
{
	while (*s) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		else if (strncmp(s, "\xE3\x80\x80", 3) == 0 || strncmp(s, "。", strlen("。")) == 0)
			s += 3;
		else
			return 0;
	}
	return 1;
}

/* The wording checks, most specific first. Each step exists because a later, shorter word is
 * inside the earlier wording: 已完成，待自治区验收销号 contains 已完成; 未达到序时进度 contains
 * 达到序时进度; 已完成，待验收 contains 完成. */
static enum state classify_text(const char *s)
{
	static const char *const verified[] = {"已销号", "销号完成", "完成销号", NULL};
	static const char *const awaiting_what[] = {"验收", "销号", NULL};
	static const char *const verified_late[] = {"已验收", "通过验收", NULL};
	static const char *const behind[] = {"未达到序时", "未达序时", "滞后", "未完成", "超期",
	                                     "逾期", "进度缓慢", NULL};
	static const char *const on_schedule[] = {"达到序时", "达序时", "序时推进", "按序时",
	                                          "符合序时", NULL};
	static const char *const partly[] = {"基本完成", "部分完成", NULL};
	static const char *const done[] = {"已完成", "完成整改", "整改完成", "已整改", "已办结",
	                                   NULL};
	static const char *const progress[] = {"推进", "实施", "整改中", "进行中", "正在", "持续",
	                                       NULL};

	if (has_any(s, verified))
		return STATE_VERIFIED;
	if (strstr(s, "待") && has_any(s, awaiting_what))
		return STATE_AWAITING_VERIFICATION;
	if (has_any(s, verified_late))
		return STATE_VERIFIED;
	if (has_any(s, behind))
		return STATE_BEHIND;
	if (has_any(s, on_schedule))
		return STATE_ON_SCHEDULE;
	/* 基本完成 ("basically done") still has work left; the item is not closed. */
	if (has_any(s, partly))
		return STATE_IN_PROGRESS;
	if (has_any(s, done))
		return STATE_DONE;
	if (has_any(s, progress))
		return STATE_IN_PROGRESS;
	return STATE_PENDING;
}

enum state state_classify(const char *status, const char *const *measure_statuses, size_t n)
{
	size_t i, closed = 0, moving = 0;

	if (status && !is_blank(status))
		return classify_text(status);
	/* 003 prints no item status, only （已完成整改） after some measures. A blank status is
	 * treated like a missing one. */
	if (!measure_statuses)
		return STATE_PENDING;
	for (i = 0; i < n; i++) {
		enum state m;

		if (!measure_statuses[i] || is_blank(measure_statuses[i]))
			continue;
		m = classify_text(measure_statuses[i]);
		closed += state_is_closed(m);
		moving += m != STATE_PENDING;
	}
	if (n > 0 && closed == n)
		return STATE_DONE;
	return moving > 0 ? STATE_IN_PROGRESS : STATE_PENDING;
}

int state_is_closed(enum state s)
{
	return s == STATE_DONE || s == STATE_AWAITING_VERIFICATION || s == STATE_VERIFIED;
}
