/* field.c — user-facing names of item fields and history values, and history timestamps in
 * local time. Strings only (through tr()): no curses, no printing, no SQL. */
#include "field.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "msg.h"
#include "state.h"

const char *field_label(const char *field)
{
	/* The names db.h gives item fields, the history's own rows (item, note, verification),
	 * and the importer's (measures, category). English here, not through tr(): these are
	 * the lower-case names a history line uses, not the capitalised headings elsewhere. */
	static const struct {
		const char *name, *zh, *en;
	} names[] = {
	    {"status", "进展情况", "status"},
	    {"state", "状态", "state"},
	    {"deadline", "整改时限", "deadline"},
	    {"lead_unit", "牵头单位", "lead unit"},
	    {"responsible_unit", "责任单位", "responsible unit"},
	    {"acceptance_unit", "验收单位", "acceptance unit"},
	    {"goal", "整改目标", "goal"},
	    {"text", "问题", "problem"},
	    {"note", "进展备注", "progress note"},
	    {"item", "事项", "item"},
	    {"removed", "移除", "removed"},
	    {"measures", "整改措施", "measures"},
	    {"category", "所属方面", "category"},
	    {"verified", "验收销号", "verification"},
	    {"verification", "验收销号", "verification"},
	    {"verify", "验收销号", "verification"},
	    {"unverify", "撤销销号", "verification taken back"},
	    {"verified_on", "验收日期", "verification date"},
	    {"verified_by", "验收人", "verifier"},
	    {"verify_opinion", "验收意见", "verification opinion"},
	    {"undo", "撤销", "undo"},
	};

	if (!field)
		return "";
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(field, names[i].name) == 0)
			return msg_english() ? names[i].en : names[i].zh;
	return field;
}

const char *field_value(const char *field, const char *value)
{
	if (!value || !*value)
		return tr("（空）");
	if (field && strcmp(field, "state") == 0) {
		int s = state_from_name(value);
		if (s >= 0)
			return state_label((enum state)s);
	}
	return value;
}

char *field_local_time(const char *iso, char *buf, size_t size)
{
	struct tm local;
	int y, mo, d, h, mi, s = 0;
	time_t t;

	if (!size)
		return buf;
	if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) < 5 ||
	    mo < 1 || mo > 12 || d < 1 || d > 31) {
		snprintf(buf, size, "%s", iso ? iso : "");
		return buf;
	}
	/* Days from the civil date (date.c), not timegm: portable and time-zone free. */
	t = (time_t)date_to_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	if (!localtime_r(&t, &local)) {
		snprintf(buf, size, "%.16s", iso);
		return buf;
	}
	strftime(buf, size, "%Y-%m-%d %H:%M", &local);
	return buf;
}
