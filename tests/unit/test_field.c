/* test_field.c — unit tests for field.c: the user's names of fields and history values (state
 * names as labels, empty as （空）), and history timestamps in local time across time zones. */
#include "field.h"
#include "harness.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N_ROWS(a) (sizeof(a) / sizeof((a)[0]))

TEST(field_label_rows)
{
	static const struct {
		const char *name, *zh;
	} rows[] = {
	    {"deadline", "整改时限"}, {"state", "状态"},       {"status", "进展情况"},
	    {"note", "进展备注"},     {"lead_unit", "牵头单位"}, {"goal", "整改目标"},
	    {"removed", "不再列出"},  {"category", "方面"},     {"unverify", "撤销销号"},
	    {"undo", "撤销"},         {"due", "到期日"},
	    {"frobnicate", "frobnicate"}, {"", ""},
	};
	/* One table: the board's names (field_label) are show's (msg_field_label), in both
	 * languages, for the names either ever knew. */
	static const char *const names[] = {
	    "status", "state", "deadline", "due", "lead_unit", "responsible_unit",
	    "acceptance_unit", "goal", "text", "no", "subcategory", "measure", "measures",
	    "note", "item", "removed", "category", "verified", "verification", "verify",
	    "unverify", "verified_on", "verified_by", "verify_opinion", "long_term", "undo",
	    "frobnicate",
	};

	th_language("zh");
	for (size_t i = 0; i < N_ROWS(rows); i++)
		CHECK_STR(field_label(rows[i].name), rows[i].zh);
	CHECK_STR(field_label(NULL), "");
	for (size_t i = 0; i < N_ROWS(names); i++)
		CHECK_STR(field_label(names[i]), msg_field_label(names[i]));
	th_language("en");
	CHECK_STR(field_label("deadline"), "deadline");
	CHECK_STR(field_label("note"), "progress note");
	CHECK_STR(field_label("removed"), "no longer listed");
	CHECK_STR(field_label("unverify"), "verification taken back");
	for (size_t i = 0; i < N_ROWS(names); i++)
		CHECK_STR(field_label(names[i]), msg_field_label(names[i]));
	CHECK_STR(field_value("state", "awaiting_verification"), "awaiting verification");
	/* back to the harness's language, whatever the caller's locale */
	th_language("zh");
}

TEST(field_value_rows)
{
	th_language("zh");
	CHECK_STR(field_value("state", "done"), "已完成");
	CHECK_STR(field_value("state", "verified"), "已销号");
	CHECK_STR(field_value("state", "unknown_state"), "unknown_state");
	CHECK_STR(field_value("deadline", "2025年6月底前"), "2025年6月底前");
	CHECK_STR(field_value("deadline", NULL), "（空）");
	CHECK_STR(field_value("deadline", ""), "（空）");
	/* back to the harness's language, whatever the caller's locale */
	th_language("zh");
}

TEST(field_local_time_rows)
{
	static const struct {
		const char *tz, *iso, *want;
	} rows[] = {
	    {"UTC", "2025-07-15T02:22:05Z", "2025-07-15 02:22"},
	    {"CST-8", "2025-07-15T02:22:05Z", "2025-07-15 10:22"},
	    {"CST-8", "2025-12-31T20:30:00Z", "2026-01-01 04:30"}, /* the next day, year */
	    {"UTC", "2024-02-29T23:59:59Z", "2024-02-29 23:59"},
	    {"UTC", "not a time", "not a time"},
	    {"UTC", "", ""},
	};
	/* POSIX zone strings (CST-8 is China's time), so no tzdata is needed. */
	const char *old = getenv("TZ");
	char *saved = old ? strdup(old) : NULL;
	char buf[32];

	for (size_t i = 0; i < N_ROWS(rows); i++) {
		setenv("TZ", rows[i].tz, 1);
		tzset();
		CHECK_STR(field_local_time(rows[i].iso, buf, sizeof buf), rows[i].want);
	}
	CHECK_STR(field_local_time(NULL, buf, sizeof buf), "");
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
}
