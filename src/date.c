/* date.c — reads the deadline texts printed in rectification reports (2024年12月底前, 立行立改,
 * 长期坚持 …), civil-day arithmetic without mktime or time zones, and an injectable "today".
 * Model code: no curses, no printing, no exit. */
#include "date.h"
#include "msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Reports write digits in ASCII or full width (２０２４年): reads one decimal digit of either
 * kind at *p, advancing past it, or returns -1 without moving. */
static int read_digit(const char **p)
{
	const unsigned char *u = (const unsigned char *)*p;

	if (u[0] >= '0' && u[0] <= '9') {
		*p += 1;
		return u[0] - '0';
	}
	/* U+FF10..U+FF19 are EF BC 90..99. */
	if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
		*p += 3;
		return u[2] - 0x90;
	}
	return -1;
}

/* Reads between min and max digits as a number; returns -1 (not moving) if fewer than min,
 * or if more than max digits follow (2024 is not a month). */
static int read_number(const char **p, int min, int max)
{
	const char *q = *p, *r;
	int n = 0, count = 0, d;

	while (count < max && (d = read_digit(&q)) >= 0) {
		/* A caller may ask for as many digits as were typed (20220250630): saturate
		 * instead of overflowing int (found by tests/fuzz/fuzz_text.c). */
		n = n < 100000000 ? n * 10 + d : n;
		count++;
	}
	r = q;
	if (count < min || read_digit(&r) >= 0)
		return -1;
	*p = q;
	return n;
}

/* Skips ASCII spaces and U+3000: PDF conversion drops stray spaces inside dates. */
static void skip_spaces(const char **p)
{
	for (;;) {
		if (**p == ' ')
			*p += 1;
		else if (strncmp(*p, "\xE3\x80\x80", 3) == 0)
			*p += 3;
		else
			return;
	}
}

/* Consumes lit at *p (after optional spaces) and returns 1, or returns 0 without moving. */
static int eat(const char **p, const char *lit)
{
	const char *q = *p;
	size_t n = strlen(lit);

	skip_spaces(&q);
	if (strncmp(q, lit, n) != 0)
		return 0;
	*p = q + n;
	return 1;
}

/* Consumes a date separator: . - / in ASCII or full width. */
static int eat_separator(const char **p)
{
	static const char *const seps[] = {".", "-", "/", "\xEF\xBC\x8E", "\xEF\xBC\x8D",
	                                   "\xEF\xBC\x8F"};
	size_t i;

	for (i = 0; i < sizeof seps / sizeof seps[0]; i++)
		if (eat(p, seps[i]))
			return 1;
	return 0;
}

static int valid_date(int y, int m, int d)
{
	return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= date_month_days(y, m);
}

/* Tries to read a date starting at p (a year's first digit). Returns 1 and fills y/m/d for
 * 2024年12月底(前), 2024年12月31日, 2024年12月, 2024年(年)底, 2024年上半年/下半年,
 * 2024年第一季度, 2024.12.31, 2024-12-31, 2024/12/31; 0 when p does not start a valid date
 * (2024年13月 is not one). A bare year (2018--2020年) is not a deadline, nor is 2024年内:
 * in these reports that is far more often 2024年内蒙古… than "within 2024". */
static int read_date(const char *p, int *y, int *m, int *d)
{
	static const struct {
		const char *word;
		int month;
	} year_words[] = {
	    {"年年底", 12},   {"年底", 12},     {"年末", 12},     {"上半年", 6},
	    {"下半年", 12},   {"第一季度", 3},  {"第二季度", 6},  {"第三季度", 9},
	    {"第四季度", 12}, {"一季度", 3},    {"二季度", 6},    {"三季度", 9},
	    {"四季度", 12},
	};
	int year, month, day;
	size_t i;

	if ((year = read_number(&p, 4, 4)) < 0)
		return 0;
	if (eat(&p, "年")) {
		/* "2024年底" reads 年 then 底; "2024年年底" and "2024年上半年" need the words
		 * tried with the 年 put back. */
		for (i = 0; i < sizeof year_words / sizeof year_words[0]; i++) {
			const char *q = p - strlen("年");
			if (eat(&q, year_words[i].word) || eat(&p, year_words[i].word)) {
				*y = year;
				*m = year_words[i].month;
				*d = date_month_days(year, *m);
				return valid_date(*y, *m, *d);
			}
		}
		skip_spaces(&p);
		if ((month = read_number(&p, 1, 2)) < 0 || !eat(&p, "月"))
			return 0;
		if (month < 1 || month > 12)
			return 0;
		skip_spaces(&p);
		day = read_number(&p, 1, 2);
		if (day >= 0 && !(eat(&p, "日") || eat(&p, "号")))
			day = -1;
		if (day < 0) {
			/* 12月底, 12月末, 12月 and 12月底前 all mean the month's last day; so does
			 * 下旬, while 上旬/中旬 end on the 10th and 20th. */
			if (eat(&p, "上旬"))
				day = 10;
			else if (eat(&p, "中旬"))
				day = 20;
			else
				day = date_month_days(year, month);
		}
	} else {
		if (!eat_separator(&p) || (month = read_number(&p, 1, 2)) < 0 || !eat_separator(&p) ||
		    (day = read_number(&p, 1, 2)) < 0)
			return 0;
	}
	if (!valid_date(year, month, day))
		return 0;
	*y = year;
	*m = month;
	*d = day;
	return 1;
}

void date_parse_deadline(const char *text, struct deadline *out)
{
	static const char *const immediate[] = {"立行立改", "立即整改", "即知即改", "立查立改",
	                                        "立知立改"};
	const char *p, *first_now = NULL;
	size_t i;

	out->kind = DUE_NONE;
	out->year = out->month = out->day = 0;
	out->long_term = 0;
	if (!text)
		return;
	out->long_term = strstr(text, "长期坚持") != NULL;
	for (i = 0; i < sizeof immediate / sizeof immediate[0]; i++) {
		const char *q = strstr(text, immediate[i]);
		if (q && (!first_now || q < first_now))
			first_now = q;
	}
	/* The first deadline printed wins, whether a date or 立行立改. A year starts at a
	 * digit that does not continue a longer number. */
	for (p = text; *p && (!first_now || p < first_now); p++) {
		const char *before = p;
		int y, m, d;
		if (read_digit(&before) < 0)
			continue;
		if (p > text && p[-1] >= '0' && p[-1] <= '9')
			continue;
		if (p - text >= 3 && (unsigned char)p[-3] == 0xEF && (unsigned char)p[-2] == 0xBC &&
		    (unsigned char)p[-1] >= 0x90 && (unsigned char)p[-1] <= 0x99)
			continue;
		if (read_date(p, &y, &m, &d)) {
			out->kind = DUE_DATE;
			out->year = y;
			out->month = m;
			out->day = d;
			return;
		}
	}
	if (first_now)
		out->kind = DUE_IMMEDIATE;
}

const char *date_due_kind_name(enum due_kind kind)
{
	switch (kind) {
	case DUE_DATE:
		return "date";
	case DUE_IMMEDIATE:
		return "immediate";
	case DUE_NONE:
		break;
	}
	return "none";
}

/* Civil-day conversions after Howard Hinnant's days_from_civil / civil_from_days: eras of
 * 400 years, March-based years so the leap day falls at the end. */
long date_to_days(int year, int month, int day)
{
	long y = (long)year - (month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void date_from_days(long days, int *year, int *month, int *day)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long m = mp < 10 ? mp + 3 : mp - 9;

	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)m;
	*year = (int)(yoe + era * 400 + (m <= 2));
}

int date_month_days(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

int date_parse_iso(const char *s, long *days)
{
	int v[3] = {0, 0, 0}, widths[3] = {4, 2, 2}, i, k;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 3; i++) {
		const char *f = s + (i == 0 ? 0 : i == 1 ? 5 : 8);
		for (k = 0; k < widths[i]; k++) {
			if (f[k] < '0' || f[k] > '9')
				return -1;
			v[i] = v[i] * 10 + (f[k] - '0');
		}
	}
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > date_month_days(v[0], v[1]))
		return -1;
	*days = date_to_days(v[0], v[1], v[2]);
	return 0;
}

char *date_format_iso(long days, char *buf)
{
	int y, m, d;

	date_from_days(days, &y, &m, &d);
	/* Keep to four digits so the text always fits the 11 bytes promised. */
	if (y < 0)
		y = 0;
	if (y > 9999)
		y = 9999;
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
	return buf;
}

long date_today(void)
{
	const char *env = getenv("DUBAN_TODAY");
	struct tm tm;
	time_t now;
	long days;

	if (env && date_parse_iso(env, &days) == 0)
		return days;
	now = time(NULL);
	if (!localtime_r(&now, &tm))
		return (long)(now / 86400);
	return date_to_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* ---- date_check_deadline: the strict reading of a typed deadline ---- */

static int has_digit(const char *s, const char *end)
{
	while (s < end && *s) {
		const char *q = s;
		if (read_digit(&q) >= 0)
			return 1;
		s++;
	}
	return 0;
}

/* Counts the digits (ASCII or full width) starting at p. */
static int count_digits(const char *p)
{
	int n = 0;

	while (read_digit(&p) >= 0)
		n++;
	return n;
}

/* Copies the reason s into why, cut (if it must be) at a character boundary, never inside
 * a UTF-8 sequence. */
static void set_why(char *why, size_t whysize, const char *s)
{
	size_t n;

	if (!why || !whysize)
		return;
	n = strlen(s);
	if (n >= whysize) {
		n = whysize - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(why, s, n);
	why[n] = '\0';
}

/* Checks that y-m-d is a real day; else the reason, in the words a clerk would use. */
static int check_ymd(int y, int m, int d, char *why, size_t whysize)
{
	char buf[128];

	if (y < 1900 || y > 2200) {
		set_why(why, whysize, tr("年份应在1900到2200之间"));
		return -1;
	}
	if (m < 1 || m > 12) {
		set_why(why, whysize, tr("月份应为1到12"));
		return -1;
	}
	if (d < 1 || d > 31) {
		set_why(why, whysize, tr("日期应为1到31"));
		return -1;
	}
	if (d > date_month_days(y, m)) {
		if (m == 2 && d == 29)
			snprintf(buf, sizeof buf, tr("%d年2月没有29日（不是闰年）"), y);
		else
			snprintf(buf, sizeof buf, tr("%d月没有%d日"), m, d);
		set_why(why, whysize, buf);
		return -1;
	}
	return 0;
}

/* Reads the one date that starts at *pp (a digit) strictly: 2025-06-30, 2025/6/30, 2025.6.30,
 * 20250630, 2025年6月30日, 2025年6月(底|末|上旬|中旬|下旬), 2025年底, 2025年上半年,
 * 2025年第二季度. Advances *pp past it. Returns 0 with y/m/d, or -1 with the reason. */
static int read_typed_date(const char **pp, int *y, int *m, int *d, char *why, size_t whysize)
{
	static const struct {
		const char *word;
		int month;
	} year_words[] = {
	    {"年底", 12},     {"年末", 12},     {"底", 12},       {"末", 12},
	    {"上半年", 6},    {"下半年", 12},   {"第一季度", 3},  {"第二季度", 6},
	    {"第三季度", 9},  {"第四季度", 12}, {"第1季度", 3},   {"第2季度", 6},
	    {"第3季度", 9},   {"第4季度", 12},  {"一季度", 3},    {"二季度", 6},
	    {"三季度", 9},    {"四季度", 12},
	};
	const char *p = *pp;
	int n = count_digits(p), year, month, day, i;

	if (n == 8) {
		/* 20250630: the compact form of the ISO date. */
		year = month = day = 0;
		for (i = 0; i < 8; i++) {
			int v = read_digit(&p);
			if (i < 4)
				year = year * 10 + v;
			else if (i < 6)
				month = month * 10 + v;
			else
				day = day * 10 + v;
		}
		if (check_ymd(year, month, day, why, whysize) < 0)
			return -1;
		goto done;
	}
	if (n != 4) {
		const char *q = p;
		read_number(&q, 1, n > 0 ? n : 1);
		skip_spaces(&q);
		if (n <= 2 && (strncmp(q, "月", strlen("月")) == 0 || eat_separator(&q)))
			set_why(why, whysize, tr("请写上年份，例如 2025年6月30日"));
		else
			set_why(why, whysize, tr("年份应为四位数字，例如 2025-06-30"));
		return -1;
	}
	year = read_number(&p, 4, 4);
	if (eat(&p, "年")) {
		for (i = 0; i < (int)(sizeof year_words / sizeof year_words[0]); i++) {
			if (eat(&p, year_words[i].word)) {
				month = year_words[i].month;
				day = date_month_days(year, month);
				if (check_ymd(year, month, day, why, whysize) < 0)
					return -1;
				goto done;
			}
		}
		skip_spaces(&p);
		n = count_digits(p);
		if (n == 0) {
			set_why(why, whysize,
			        tr("只写了年份：请写到月份（2025年6月底）或写 2025年底、2025年第二季度"));
			return -1;
		}
		if (n > 2) {
			set_why(why, whysize, tr("月份应为1到12"));
			return -1;
		}
		month = read_number(&p, 1, 2);
		if (!eat(&p, "月")) {
			set_why(why, whysize, tr("月份后面应写“月”，例如 2025年6月30日"));
			return -1;
		}
		if (month < 1 || month > 12) {
			set_why(why, whysize, tr("月份应为1到12"));
			return -1;
		}
		skip_spaces(&p);
		n = count_digits(p);
		if (n > 2) {
			set_why(why, whysize, tr("日期应为1到31"));
			return -1;
		}
		if (n > 0) {
			day = read_number(&p, 1, 2);
			if (!(eat(&p, "日") || eat(&p, "号"))) {
				set_why(why, whysize, tr("日期后面应写“日”，例如 2025年6月30日"));
				return -1;
			}
		} else if (eat(&p, "上旬")) {
			day = 10;
		} else if (eat(&p, "中旬")) {
			day = 20;
		} else {
			/* 6月, 6月底, 6月末, 6月下旬: the month's last day. */
			if (!eat(&p, "底") && !eat(&p, "末"))
				eat(&p, "下旬");
			day = date_month_days(year, month);
		}
	} else {
		const char *q = p;
		if (!eat_separator(&q) || count_digits(q) < 1 || count_digits(q) > 2) {
			set_why(why, whysize, tr("日期写法应为 2025-06-30、2025/6/30 或 2025.6.30"));
			return -1;
		}
		month = read_number(&q, 1, 2);
		if (!eat_separator(&q) || count_digits(q) < 1 || count_digits(q) > 2) {
			if (month < 1 || month > 12)
				set_why(why, whysize, tr("月份应为1到12"));
			else
				set_why(why, whysize, tr("请写到日，例如 2025-06-30"));
			return -1;
		}
		day = read_number(&q, 1, 2);
		p = q;
	}
	if (check_ymd(year, month, day, why, whysize) < 0)
		return -1;
done:
	*y = year;
	*m = month;
	*d = day;
	*pp = p;
	return 0;
}

/* Separators between the parts of 立行立改，长期坚持 or 2025年底前完成，长期坚持. */
static size_t part_separator(const char *p)
{
	static const char *const seps[] = {"，", "、", "；", "。", ",", ";"};
	size_t i;

	for (i = 0; i < sizeof seps / sizeof seps[0]; i++)
		if (strncmp(p, seps[i], strlen(seps[i])) == 0)
			return strlen(seps[i]);
	return 0;
}

int date_check_deadline(const char *text, struct deadline *out, char *why, size_t whysize)
{
	static const char *const immediate[] = {"立行立改", "立即整改", "即知即改", "立查立改",
	                                        "立知立改"};
	const char *p = text, *part;
	int have_date = 0, have_now = 0, long_term = 0, y = 0, m = 0, d = 0;
	char buf[256];
	size_t i;

	out->kind = DUE_NONE;
	out->year = out->month = out->day = 0;
	out->long_term = 0;
	if (why && whysize)
		why[0] = '\0';
	if (!text)
		return 0;
	/* Parts separated by commas: each a date with words around it, 立行立改 or 长期坚持.
	 * The first deadline named wins, as in date_parse_deadline; every date must be real. */
	while (*p) {
		const char *end, *digit = NULL;
		size_t sep;

		skip_spaces(&p);
		part = p;
		while (*p && !part_separator(p))
			p++;
		end = p;
		if ((sep = part_separator(p)) > 0)
			p += sep;
		if (end == part)
			continue;
		for (i = 0; i < sizeof immediate / sizeof immediate[0]; i++) {
			const char *hit = strstr(part, immediate[i]);
			if (hit && hit < end) {
				if (!have_date)
					have_now = 1;
			}
		}
		{
			const char *hit = strstr(part, "长期坚持");
			if (hit && hit < end)
				long_term = 1;
		}
		for (const char *q = part; q < end; q++) {
			const char *r = q;
			if (read_digit(&r) >= 0) {
				digit = q;
				break;
			}
		}
		if (digit) {
			const char *q = digit;
			int py, pm, pd;
			if (read_typed_date(&q, &py, &pm, &pd, why, whysize) < 0)
				return -1;
			if (has_digit(q, end)) {
				int len = (int)(end - part);
				snprintf(buf, sizeof buf, tr("看不懂“%.*s”：一处只写一个日期"), len, part);
				set_why(why, whysize, buf);
				return -1;
			}
			if (!have_date && !have_now) {
				have_date = 1;
				y = py;
				m = pm;
				d = pd;
			}
		}
	}
	if (!have_date && !have_now && !long_term) {
		skip_spaces(&text);
		if (!*text)
			return 0;
		/* One literal: the tr() table check reads literals whole. */
		set_why(why, whysize, tr("看不懂这个时限：可写 2025-06-30、2025年6月底前、2025年底、2025年第二季度、立行立改、长期坚持，或清空"));
		return -1;
	}
	if (have_date) {
		out->kind = DUE_DATE;
		out->year = y;
		out->month = m;
		out->day = d;
	} else if (have_now) {
		out->kind = DUE_IMMEDIATE;
	}
	out->long_term = long_term;
	return 0;
}

/* Stored times are UTC (the same for every user of a shared database); people read their own
 * clock. timegm is not POSIX, so the UTC seconds come from date_to_days. */
char *date_local_time(const char *iso_utc, char *buf, size_t size)
{
	int y, mo, d, h, mi, sec = 0, n = 0;
	char sep;
	struct tm tm;
	time_t t;

	if (!buf || size == 0)
		return buf;
	if (!iso_utc || sscanf(iso_utc, "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &n) < 6 ||
	    (sep != 'T' && sep != ' ') || mo < 1 || mo > 12 || d < 1 || d > date_month_days(y, mo) ||
	    h < 0 || h > 23 || mi < 0 || mi > 59) {
		snprintf(buf, size, "%s", iso_utc ? iso_utc : "");
		return buf;
	}
	if (iso_utc[n] == ':' && (sscanf(iso_utc + n + 1, "%2d", &sec) != 1 || sec < 0 || sec > 60))
		sec = 0;
	t = (time_t)date_to_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	if (!localtime_r(&t, &tm) || strftime(buf, size, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, size, "%.16s", iso_utc);
	return buf;
}
