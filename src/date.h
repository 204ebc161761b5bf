/* date.h — deadline texts (2024年12月底前, 立行立改, 长期坚持 …) to dates, ISO dates, and
 * "today" (the clock, or DUBAN_TODAY=YYYY-MM-DD for tests). Model code: no curses, no
 * printing, no exit. Dates are proleptic Gregorian, counted in days since 1970-01-01. */
#ifndef DUBAN_DATE_H
#define DUBAN_DATE_H

#include <stddef.h>

enum due_kind { DUE_NONE, DUE_DATE, DUE_IMMEDIATE };

struct deadline {
	enum due_kind kind;
	int year, month, day; /* set when kind == DUE_DATE */
	int long_term;        /* the text says 长期坚持 (also alongside a date or 立行立改) */
};

/* Parses a printed deadline. NULL or empty text gives DUE_NONE. Understands 2024年12月底前,
 * 2025年6月底, 2024年12月31日, 2024年底, 2025年上半年/下半年, 2024.12.31, 2024-12-31,
 * 立行立改 / 立即整改 (immediate) and 长期坚持 (long_term flag), alone or combined, e.g.
 * 2025年12月底前取得阶段性进展，长期坚持 → 2025-12-31 with long_term. When several dates are
 * printed, the first one is the deadline. Never fails: an unreadable text is DUE_NONE. */
void date_parse_deadline(const char *text, struct deadline *out);

/* Checks a deadline a user typed (the deadline editor, duban set --deadline): the forms the
 * reports print and clerks type (2025-06-30, 2025/6/30, 2025.6.30, 20250630, 2025年6月30日,
 * 2025年6月底(前), 2025年底, 2025年第二季度, 立行立改, 长期坚持, 立行立改，长期坚持; empty
 * clears). Returns 0 with the reading in *out, or -1 with the reason in why (whysize bytes, a
 * Chinese sentence through tr(): "2月没有30日", "月份应为1到12") for what is not a date.
 * Stricter than date_parse_deadline, which never fails on printed text. */
int date_check_deadline(const char *text, struct deadline *out, char *why, size_t whysize);

/* Names of the due kinds for export: "none", "date", "immediate". */
const char *date_due_kind_name(enum due_kind kind);

/* Days since 1970-01-01 of a valid date; month 1..12, day 1..31. */
long date_to_days(int year, int month, int day);

/* Inverse of date_to_days. */
void date_from_days(long days, int *year, int *month, int *day);

/* Days in a month of a year (leap years counted). */
int date_month_days(int year, int month);

/* Parses an ISO date YYYY-MM-DD (exactly) into *days. Returns 0, or -1 when not a valid date. */
int date_parse_iso(const char *s, long *days);

/* Writes YYYY-MM-DD for days into buf (at least 11 bytes). Returns buf. */
char *date_format_iso(long days, char *buf);

/* Today in days: DUBAN_TODAY (YYYY-MM-DD) when set and valid, else the local clock. */
long date_today(void);

/* An ISO 8601 UTC timestamp as stored in history and notes ("2025-01-02T03:04:05Z", also
 * "2025-01-02 03:04:05") as local time text "2025-01-02 11:04" (the TZ of the process), into
 * buf (size bytes; 17 are enough). A text that is not such a timestamp is copied as is (cut
 * to size). Returns buf. */
char *date_local_time(const char *iso_utc, char *buf, size_t size);

#endif
