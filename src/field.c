/* field.c — user-facing names of item fields and history values, and history timestamps in
 * local time. Strings only (through tr()): no curses, no printing, no SQL. */
#include "field.h"

#include <stdio.h>
#include <string.h>

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
	return date_local_time(iso, buf, size);
}

char *field_item_event(const char *value, char *buf, size_t size)
{
	static const char from[] = "imported from ";

	if (!size)
		return buf;
	if (value && strncmp(value, from, sizeof from - 1) == 0)
		snprintf(buf, size, tr("导入自 %s"), value + sizeof from - 1);
	else if (value && strcmp(value, "removed") == 0)
		snprintf(buf, size, "%s", tr("报告的新版本不再列出此事项"));
	else if (value && strcmp(value, "listed again") == 0)
		snprintf(buf, size, "%s", tr("报告的新版本重新列出此事项"));
	else
		snprintf(buf, size, "%s", value ? value : "");
	return buf;
}
