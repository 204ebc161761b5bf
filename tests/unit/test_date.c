/* test_date.c — unit tests for date.c: every deadline form printed in the seed reports
 * (2024年12月底前, 2025年6月底, 立行立改，长期坚持 …) and the others the parser promises, leap
 * years, ISO dates, and DUBAN_TODAY. */
#include "date.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#define N_ROWS(a) (sizeof(a) / sizeof((a)[0]))

TEST(date_parse_deadline_rows)
{
	static const struct {
		const char *text;
		enum due_kind kind;
		int year, month, day, long_term;
	} rows[] = {
	    /* Every 整改时限 form in the seed reports. */
	    {"2024年12月底前", DUE_DATE, 2024, 12, 31, 0},
	    {"2025年12月底前", DUE_DATE, 2025, 12, 31, 0},
	    {"2025年6月底前", DUE_DATE, 2025, 6, 30, 0},
	    {"2025年6月底", DUE_DATE, 2025, 6, 30, 0},
	    {"2024年12月底", DUE_DATE, 2024, 12, 31, 0},
	    {"2025年12月底", DUE_DATE, 2025, 12, 31, 0},
	    {"立行立改，长期坚持", DUE_IMMEDIATE, 0, 0, 0, 1},
	    {"2025年12月底前取得阶段性进展，长期坚持", DUE_DATE, 2025, 12, 31, 1},
	    /* The other forms the header promises. */
	    {"2024年12月31日", DUE_DATE, 2024, 12, 31, 0},
	    {"2024年12月31日前", DUE_DATE, 2024, 12, 31, 0},
	    {"2024年12月", DUE_DATE, 2024, 12, 31, 0},
	    {"2024年2月底前", DUE_DATE, 2024, 2, 29, 0}, /* leap year */
	    {"2023年2月底前", DUE_DATE, 2023, 2, 28, 0},
	    {"2024年底", DUE_DATE, 2024, 12, 31, 0},
	    {"2024年底前", DUE_DATE, 2024, 12, 31, 0},
	    {"2024年年底", DUE_DATE, 2024, 12, 31, 0},
	    {"2024年年底前完成", DUE_DATE, 2024, 12, 31, 0},
	    {"2025年上半年", DUE_DATE, 2025, 6, 30, 0},
	    {"2025年下半年", DUE_DATE, 2025, 12, 31, 0},
	    {"2025年第三季度", DUE_DATE, 2025, 9, 30, 0},
	    {"2024.12.31", DUE_DATE, 2024, 12, 31, 0},
	    {"2024-12-31", DUE_DATE, 2024, 12, 31, 0},
	    {"2024/12/31", DUE_DATE, 2024, 12, 31, 0},
	    {"2024.2.29前", DUE_DATE, 2024, 2, 29, 0},
	    {"２０２４年１２月底前", DUE_DATE, 2024, 12, 31, 0},
	    {"２０２５年６月３０日", DUE_DATE, 2025, 6, 30, 0},
	    {"2024年 12月底前", DUE_DATE, 2024, 12, 31, 0}, /* a PDF space */
	    {"2025年06月30日", DUE_DATE, 2025, 6, 30, 0},
	    {"立行立改", DUE_IMMEDIATE, 0, 0, 0, 0},
	    {"立即整改", DUE_IMMEDIATE, 0, 0, 0, 0},
	    {"长期坚持", DUE_NONE, 0, 0, 0, 1},
	    {"立即整改并长期坚持", DUE_IMMEDIATE, 0, 0, 0, 1},
	    /* The first deadline printed wins. */
	    {"2024年12月底前完成整治，2025年6月底前完成验收", DUE_DATE, 2024, 12, 31, 0},
	    {"立行立改，2025年6月底前全面完成", DUE_IMMEDIATE, 0, 0, 0, 0},
	    {"2025年6月底前完成，立行立改", DUE_DATE, 2025, 6, 30, 0},
	    /* Not dates: invalid, a bare year, a longer number, 内蒙古. */
	    {"2024年13月", DUE_NONE, 0, 0, 0, 0},
	    {"2023年2月29日", DUE_NONE, 0, 0, 0, 0},
	    {"2024年13月底前，2025年6月底前", DUE_DATE, 2025, 6, 30, 0},
	    {"2018--2020年", DUE_NONE, 0, 0, 0, 0},
	    {"12024年12月", DUE_NONE, 0, 0, 0, 0},
	    {"2024年内蒙古自治区", DUE_NONE, 0, 0, 0, 0},
	    {"2024.12", DUE_NONE, 0, 0, 0, 0},
	    {"尽快", DUE_NONE, 0, 0, 0, 0},
	    {"", DUE_NONE, 0, 0, 0, 0},
	    {NULL, DUE_NONE, 0, 0, 0, 0},
	};
	size_t i;

	for (i = 0; i < N_ROWS(rows); i++) {
		struct deadline d;
		memset(&d, 0x5A, sizeof d);
		date_parse_deadline(rows[i].text, &d);
		if (!CHECK_INT(d.kind, rows[i].kind))
			CHECK_STR(rows[i].text, "");
		CHECK_INT(d.long_term, rows[i].long_term);
		if (rows[i].kind == DUE_DATE) {
			CHECK_INT(d.year, rows[i].year);
			CHECK_INT(d.month, rows[i].month);
			CHECK_INT(d.day, rows[i].day);
		}
	}
}

TEST(date_due_kind_names)
{
	CHECK_STR(date_due_kind_name(DUE_NONE), "none");
	CHECK_STR(date_due_kind_name(DUE_DATE), "date");
	CHECK_STR(date_due_kind_name(DUE_IMMEDIATE), "immediate");
}

TEST(date_days_rows)
{
	static const struct {
		int year, month, day;
		long days;
	} rows[] = {
	    {1970, 1, 1, 0},      {1969, 12, 31, -1},   {2000, 1, 1, 10957},
	    {2000, 2, 29, 11016}, {2000, 3, 1, 11017},  {2024, 2, 29, 19782},
	    {2024, 3, 1, 19783},  {2024, 12, 31, 20088}, {2025, 1, 1, 20089},
	    {1900, 3, 1, -25508}, {2100, 3, 1, 47541},
	};
	size_t i;

	for (i = 0; i < N_ROWS(rows); i++) {
		int y, m, d;
		CHECK_INT(date_to_days(rows[i].year, rows[i].month, rows[i].day), rows[i].days);
		date_from_days(rows[i].days, &y, &m, &d);
		CHECK_INT(y, rows[i].year);
		CHECK_INT(m, rows[i].month);
		CHECK_INT(d, rows[i].day);
	}
	/* Overdue arithmetic: 2024 has a leap day, so its last day is 365 days after its first. */
	CHECK_INT(date_to_days(2024, 12, 31) - date_to_days(2024, 1, 1), 365);
	CHECK_INT(date_to_days(2025, 12, 31) - date_to_days(2025, 1, 1), 364);
}

TEST(date_days_round_trip)
{
	long days;
	int failures = 0;

	for (days = -800000; days <= 800000; days += 37) {
		int y, m, d;
		date_from_days(days, &y, &m, &d);
		if (date_to_days(y, m, d) != days || m < 1 || m > 12 || d < 1 ||
		    d > date_month_days(y, m))
			failures++;
	}
	CHECK_INT(failures, 0);
}

TEST(date_month_days_rows)
{
	CHECK_INT(date_month_days(2024, 2), 29);
	CHECK_INT(date_month_days(2023, 2), 28);
	CHECK_INT(date_month_days(2000, 2), 29);
	CHECK_INT(date_month_days(1900, 2), 28);
	CHECK_INT(date_month_days(2025, 6), 30);
	CHECK_INT(date_month_days(2025, 12), 31);
	CHECK_INT(date_month_days(2025, 13), 0);
}

TEST(date_parse_iso_rows)
{
	static const struct {
		const char *s;
		int rc;
		long days;
	} rows[] = {
	    {"2024-02-29", 0, 19782}, {"1970-01-01", 0, 0},  {"2024-12-31", 0, 20088},
	    {"2023-02-29", -1, 0},    {"2024-13-01", -1, 0}, {"2024-00-10", -1, 0},
	    {"2024-12-32", -1, 0},    {"2024-2-29", -1, 0},  {"2024-02-29x", -1, 0},
	    {"2024/02/29", -1, 0},    {"", -1, 0},           {NULL, -1, 0},
	};
	size_t i;

	for (i = 0; i < N_ROWS(rows); i++) {
		long days = -12345;
		CHECK_INT(date_parse_iso(rows[i].s, &days), rows[i].rc);
		CHECK_INT(days, rows[i].rc == 0 ? rows[i].days : -12345);
	}
}

TEST(date_format_iso_rows)
{
	char buf[11];

	CHECK_STR(date_format_iso(19782, buf), "2024-02-29");
	CHECK_STR(date_format_iso(0, buf), "1970-01-01");
	CHECK_STR(date_format_iso(date_to_days(2025, 6, 30), buf), "2025-06-30");
}

TEST(date_today_from_env)
{
	const char *old = getenv("DUBAN_TODAY");
	char *saved = old ? strdup(old) : NULL;
	long clock_today;

	setenv("DUBAN_TODAY", "2025-03-01", 1);
	CHECK_INT(date_today(), date_to_days(2025, 3, 1));
	/* An invalid value falls back to the clock, which is after 2024. */
	setenv("DUBAN_TODAY", "2025-02-30", 1);
	clock_today = date_today();
	CHECK(clock_today > date_to_days(2024, 1, 1));
	unsetenv("DUBAN_TODAY");
	CHECK_INT(date_today(), clock_today);
	if (saved)
		setenv("DUBAN_TODAY", saved, 1);
	free(saved);
}

/* date_check_deadline: every form the deadline editor accepts, and the refusals with their
 * reasons (the reason is what the clerk reads under the editor). */
TEST(date_check_deadline_rows)
{
	static const struct {
		const char *text;
		int rc;
		enum due_kind kind;
		int year, month, day, long_term;
		const char *why; /* a part of the reason, for refusals */
	} rows[] = {
	    {"2025-06-30", 0, DUE_DATE, 2025, 6, 30, 0, NULL},
	    {"2025/6/30", 0, DUE_DATE, 2025, 6, 30, 0, NULL},
	    {"2025.6.30", 0, DUE_DATE, 2025, 6, 30, 0, NULL},
	    {"20250630", 0, DUE_DATE, 2025, 6, 30, 0, NULL},
	    {"2025年6月30日", 0, DUE_DATE, 2025, 6, 30, 0, NULL},
	    {"2025年6月30号", 0, DUE_DATE, 2025, 6, 30, 0, NULL},
	    {"2025年6月底", 0, DUE_DATE, 2025, 6, 30, 0, NULL},
	    {"2025年6月底前", 0, DUE_DATE, 2025, 6, 30, 0, NULL},
	    {"2025年6月底(前)", 0, DUE_DATE, 2025, 6, 30, 0, NULL},
	    {"2025年6月", 0, DUE_DATE, 2025, 6, 30, 0, NULL},
	    {"2025年6月中旬", 0, DUE_DATE, 2025, 6, 20, 0, NULL},
	    {"2024年2月底前", 0, DUE_DATE, 2024, 2, 29, 0, NULL},
	    {"2025年底", 0, DUE_DATE, 2025, 12, 31, 0, NULL},
	    {"2025年年底前", 0, DUE_DATE, 2025, 12, 31, 0, NULL},
	    {"2025年第二季度", 0, DUE_DATE, 2025, 6, 30, 0, NULL},
	    {"2025年三季度", 0, DUE_DATE, 2025, 9, 30, 0, NULL},
	    {"2025年上半年", 0, DUE_DATE, 2025, 6, 30, 0, NULL},
	    {"２０２５年６月３０日", 0, DUE_DATE, 2025, 6, 30, 0, NULL},
	    {" 2025-06-30 ", 0, DUE_DATE, 2025, 6, 30, 0, NULL},
	    {"立行立改", 0, DUE_IMMEDIATE, 0, 0, 0, 0, NULL},
	    {"立即整改", 0, DUE_IMMEDIATE, 0, 0, 0, 0, NULL},
	    {"长期坚持", 0, DUE_NONE, 0, 0, 0, 1, NULL},
	    {"立行立改，长期坚持", 0, DUE_IMMEDIATE, 0, 0, 0, 1, NULL},
	    {"立行立改,长期坚持", 0, DUE_IMMEDIATE, 0, 0, 0, 1, NULL},
	    {"2025年12月底前取得阶段性进展，长期坚持", 0, DUE_DATE, 2025, 12, 31, 1, NULL},
	    {"", 0, DUE_NONE, 0, 0, 0, 0, NULL},
	    {"   ", 0, DUE_NONE, 0, 0, 0, 0, NULL},
	    {NULL, 0, DUE_NONE, 0, 0, 0, 0, NULL},
	    /* Refused, with the reason. */
	    {"2025-02-30", -1, DUE_NONE, 0, 0, 0, 0, "2月没有30日"},
	    {"2025年2月30日", -1, DUE_NONE, 0, 0, 0, 0, "2月没有30日"},
	    {"2025年4月31日", -1, DUE_NONE, 0, 0, 0, 0, "4月没有31日"},
	    {"2023年2月29日", -1, DUE_NONE, 0, 0, 0, 0, "2023年2月没有29日"},
	    {"20230229", -1, DUE_NONE, 0, 0, 0, 0, "2023年2月没有29日"},
	    {"2025年13月", -1, DUE_NONE, 0, 0, 0, 0, "月份应为1到12"},
	    {"2025-13-01", -1, DUE_NONE, 0, 0, 0, 0, "月份应为1到12"},
	    {"2025-00-10", -1, DUE_NONE, 0, 0, 0, 0, "月份应为1到12"},
	    {"2025年6月32日", -1, DUE_NONE, 0, 0, 0, 0, "日期应为1到31"},
	    {"6月30日", -1, DUE_NONE, 0, 0, 0, 0, "请写上年份"},
	    {"25-06-30", -1, DUE_NONE, 0, 0, 0, 0, "请写上年份"},
	    {"2025年", -1, DUE_NONE, 0, 0, 0, 0, "只写了年份"},
	    {"2025.6", -1, DUE_NONE, 0, 0, 0, 0, "请写到日"},
	    {"1800-01-01", -1, DUE_NONE, 0, 0, 0, 0, "年份应在1900到2200之间"},
	    {"尽快", -1, DUE_NONE, 0, 0, 0, 0, "看不懂这个时限"},
	    {"下周一", -1, DUE_NONE, 0, 0, 0, 0, "看不懂这个时限"},
	    {"2025年6月底前2025年12月底前", -1, DUE_NONE, 0, 0, 0, 0, "一处只写一个日期"},
	    {"立行立改，2025年13月", -1, DUE_NONE, 0, 0, 0, 0, "月份应为1到12"},
	};
	size_t i;

	for (i = 0; i < N_ROWS(rows); i++) {
		struct deadline d;
		char why[256] = "x";
		int rc;
		memset(&d, 0x5A, sizeof d);
		rc = date_check_deadline(rows[i].text, &d, why, sizeof why);
		if (!CHECK_INT(rc, rows[i].rc))
			CHECK_STR(rows[i].text, why);
		if (rows[i].rc == 0) {
			CHECK_STR(why, "");
			if (!CHECK_INT(d.kind, rows[i].kind))
				CHECK_STR(rows[i].text, "");
			CHECK_INT(d.long_term, rows[i].long_term);
			if (rows[i].kind == DUE_DATE) {
				CHECK_INT(d.year, rows[i].year);
				CHECK_INT(d.month, rows[i].month);
				CHECK_INT(d.day, rows[i].day);
			}
		} else if (!CHECK(strstr(why, rows[i].why) != NULL)) {
			CHECK_STR(why, rows[i].why);
		}
	}
}

/* A reason never overflows a small buffer and is always terminated. */
TEST(date_check_deadline_small_buffer)
{
	struct deadline d;
	char why[8];

	CHECK_INT(date_check_deadline("2025年13月", &d, why, sizeof why), -1);
	CHECK(strlen(why) < sizeof why);
	CHECK_INT(date_check_deadline("2025-02-30", &d, NULL, 0), -1);
}
