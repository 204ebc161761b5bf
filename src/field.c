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
	return msg_field_label(field);
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
