/* summary.h — the printed pages as data (issue 8): the meeting summary of a region (counts per
 * child region and state, overdue / due-soon / awaiting lists) and the verification notice
 * (销号公示) of one item; and their plain-text rendering. Renderers (text here, PDF in
 * print_pdf.c) only lay these out. Model code: no curses, no printing, no exit. */
#ifndef DUBAN_SUMMARY_H
#define DUBAN_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "state.h"

/* Rows a summary lists per list unless told otherwise (see summary_build). A meeting page
 * is read, not searched: the twenty most overdue items, with the table, fill about a page,
 * and the page says how many more there are (duban print --limit 0 lists them all). */
#define SUMMARY_DEFAULT_LIMIT 20
/* "Due soon" looks this many days ahead. */
#define SUMMARY_SOON_DAYS 30
/* A listed problem text is cut to this many characters, with "…". */
#define SUMMARY_TEXT_CHARS 40

/* What a summary covers: the board's region and filter. */
struct summary_query {
	int64_t region_id;   /* 0: everything (the one top-level region when there is one) */
	unsigned state_mask; /* bit (1u << state) per state counted and listed; 0 = all */
	int overdue_only;    /* count and list only overdue items */
	long today;          /* days since 1970-01-01 (date_today) */
	size_t limit;        /* rows per list; 0 = every row */
	const char *who;     /* printed by (copied) */
};

/* One row of the counts table: a child region (its whole subtree), the node's own items
 * (own = 1, named "<node>本级"; only when it has items), or the total. */
struct summary_row {
	int64_t region_id; /* 0 for the total row */
	char *name;
	int own;
	long by_state[STATE_COUNT];
	long total, overdue;
};

enum summary_list_kind { SUMMARY_OVERDUE, SUMMARY_DUE_SOON, SUMMARY_AWAITING, SUMMARY_LISTS };

struct summary_item {
	int64_t id;
	char *no, *region, *text, *deadline; /* text cut to SUMMARY_TEXT_CHARS with "…"; deadline
	                                      * may be NULL */
	enum state state;
	long due;  /* days since 1970-01-01, or -1 when the item has no date */
	long days; /* overdue: days overdue (> 0); due soon: days left (>= 0); else 0 */
};

struct summary_list {
	struct summary_item *items;
	size_t count; /* rows listed */
	long total;   /* rows the list has (exact, from the tally); total - count are not listed */
};

struct summary {
	char *region;  /* the node's name, or 全部地区 */
	char *title;   /* <region>生态环境保护督察整改进展汇总 */
	char *filter;  /* the filter in words: 全部事项, 仅逾期事项, 状态：滞后、未开始 … */
	char *who;
	long today;
	struct summary_row *rows;
	size_t row_count;
	struct summary_row total;
	struct summary_list lists[SUMMARY_LISTS];
};

/* Builds the summary q describes into *out (zeroed first; free with summary_free). Counts come
 * from the tally (items not removed), lists from the indexes. Returns 0, DB_NOT_FOUND for a
 * region id that does not exist, or -1 (db_errmsg). */
int summary_build(struct db *db, const struct summary_query *q, struct summary *out);

void summary_free(struct summary *s);

/* Percentage of row's items that are finished (done, awaiting verification, verified),
 * rounded down so that 100 means every item; 0 for an empty row. */
int summary_percent_done(const struct summary_row *row);

/* The title of a list: 逾期事项 / 30日内到期事项 / 待验收事项 (through tr()). */
const char *summary_list_title(enum summary_list_kind kind);

/* ---- the verification notice (销号公示) ---------------------------------------------- */

#define NOTICE_DEFAULT_DAYS 15

struct notice_options {
	int days;           /* length of the publicity period in calendar days; 0 = default */
	const char *issuer; /* issuing unit; NULL = <region>生态环境保护督察整改工作领导小组办公室 */
};

struct notice {
	int64_t id;
	char *title;     /* 关于<督察轮次>整改任务销号的公示 */
	char *body;      /* the paragraph naming the task */
	char *period;    /* 公示期：…至…（共 N 天）… */
	char *issuer, *date; /* issuing unit, and date in words (2025年3月1日) */
	long start, end; /* the publicity period, days since 1970-01-01, both included */
	/* The attached table. */
	char *task, *unit, *goal;
	char **measures; /* numbered in rendering */
	size_t measure_count;
	char *result;    /* 完成情况: the notes and the verification opinion */
};

/* Builds the notice of item id. Refused with DB_REFUSED and the reason in why (whysize bytes,
 * a sentence through tr()) when the item is not verified; DB_NOT_FOUND or -1 with the reason
 * in why too. Free with notice_free. */
int notice_build(struct db *db, int64_t id, const struct notice_options *o, struct notice *out,
                 char *why, size_t whysize);

void notice_free(struct notice *n);

/* Formats days as 2025年3月1日 into buf (at least 24 bytes); returns buf. */
char *summary_date_words(long days, char *buf);

/* ---- plain text (display-width aware, aligned) ------------------------------------------ */

/* Renders the summary / notice as UTF-8 plain text, lines of at most width columns (0: 100),
 * tables aligned by display width (text_width), long cells cut with "…". Returns a malloc'd
 * NUL-terminated string (length in *len, may be NULL), or NULL when out of memory. */
char *summary_text(const struct summary *s, int width, size_t *len);
char *notice_text(const struct notice *n, int width, size_t *len);

#endif
