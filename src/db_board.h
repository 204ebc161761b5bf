/* db_board.h — the board's queries: the region tree with roll-up counts, the reports and
 * categories of a region, keyset pages of items under a filter and a sort, search over the item
 * texts, and change polling. Model code: no curses, no printing, no exit. Built to stay fast on
 * a million items: counts come from a tally kept by triggers, pages from indexes, never a scan. */
#ifndef DUBAN_DB_BOARD_H
#define DUBAN_DB_BOARD_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "state.h"

/* The roll-up counts of a region or category: items, overdue, awaiting verification,
 * verified, and open (not closed: what is still owed, 未完成). */
enum board_count {
	BOARD_ITEMS,
	BOARD_OVERDUE,
	BOARD_AWAITING,
	BOARD_VERIFIED,
	BOARD_OPEN,
	BOARD_COUNT_N
};

/* One region, in preorder (a parent before its children, siblings in creation order). */
struct board_region {
	int64_t id;
	int64_t parent_id;          /* 0 for a top-level region */
	char *name;                 /* sanitised */
	int depth;                  /* 0 for a top-level region */
	size_t subtree_end;         /* index one past the region's last descendant */
	long counts[BOARD_COUNT_N]; /* items of the region and all its descendants */
};

/* Loads every region with counts rolled up over descendants; an item is overdue when its due
 * date is before today (days since 1970-01-01) and its state is not closed. Removed items do
 * not count. The counts come from a per-region tally, not from the items, so this is cheap on
 * any database size. Stores a malloc'd array in *out (free with db_board_regions_free) and its
 * length in *n. Returns 0, or -1 with db_errmsg set. */
int db_board_regions(struct db *db, long today, struct board_region **out, size_t *n);

void db_board_regions_free(struct board_region *regions, size_t n);

enum board_entry_kind { BOARD_ENTRY_REPORT, BOARD_ENTRY_CATEGORY, BOARD_ENTRY_SUBCATEGORY };

/* One line of a region's outline: a report, a category (方面) of it, or a subcategory. */
struct board_entry {
	enum board_entry_kind kind;
	int64_t report_id;
	int64_t category_id; /* 0 for a report */
	char *label;         /* category marker (第一个方面, 一) or NULL; sanitised */
	char *title;         /* report title, category heading, or subcategory; sanitised, may be NULL */
	char *subcategory;   /* the stored subcategory text for BOARD_ENTRY_SUBCATEGORY, else NULL */
	long items, overdue; /* items not removed, and of those the overdue ones */
};

/* Loads the outline of the reports that name exactly region_id (not its descendants): each
 * report, then its categories in report order, each followed by its subcategories in order of
 * first appearance. Stores a malloc'd array in *out (free with db_board_entries_free) and its
 * length in *n. Returns 0 or -1. */
int db_board_entries(struct db *db, int64_t region_id, long today, struct board_entry **out,
                     size_t *n);

void db_board_entries_free(struct board_entry *entries, size_t n);

enum board_sort {
	BOARD_SORT_REPORT, /* report, then position in the report */
	BOARD_SORT_DUE,    /* due date, earliest first; items without a date last */
	BOARD_SORT_STATE,  /* state in order of progress, then due date */
	BOARD_SORT_COUNT
};

/* What the item list shows. Zero ids mean "any". */
struct board_query {
	int64_t region_id;       /* this region and its descendants; 0 = all regions */
	int64_t report_id;       /* only this report */
	int64_t category_id;     /* only this category */
	const char *subcategory; /* with category_id: only this subcategory */
	const char *search;      /* words (split at spaces, see db_board_split_words), each a
	                          * substring of some text of the item: problem, measures, the
	                          * three units, goal, notes (any case for Latin letters); all
	                          * must occur (AND). NULL or "" = no search. Search results are
	                          * listed in item id (import) order whatever sort says: the index
	                          * gives them in that order, so a page never waits for all
	                          * matches. */
	const char *unit;        /* words that must occur in the lead or the responsible unit
	                          * (牵头单位 / 责任单位); NULL or "" = any. Listed as a search. */
	unsigned state_mask;     /* bit (1u << state) per state shown; 0 = all states */
	int overdue_only;
	int due_within;   /* > 0: only open items due from today to today + due_within days */
	int show_removed; /* also the items the latest import of their report no longer lists;
	                   * the list is then in report order whatever sort says */
	long today; /* days since 1970-01-01 */
	enum board_sort sort;
};

/* One row of the item list. */
struct board_item {
	int64_t id, report_id, region_id;
	int seq;
	char *no;       /* number as printed; sanitised */
	char *head;     /* the start of the problem text (at most BOARD_HEAD_CHARS characters),
	                 * sanitised, one line */
	char *region;   /* name of the item's region; sanitised */
	char *deadline; /* printed deadline or NULL; sanitised */
	enum state state;
	enum due_kind due_kind;
	int dated; /* due holds a date: a DUE_DATE item, or 立行立改 (due the day it was read) */
	long due;  /* days since 1970-01-01, when dated */
	int long_term;
	int overdue; /* days overdue (> 0) or 0; 立行立改 counts from its due day */
	char *lead_unit, *responsible_unit; /* starts of the units, sanitised; may be NULL */
	int removed; /* the latest import of its report no longer lists it */
	/* With a search: where it matched when not in the problem text (措施（三）, 牵头单位),
	 * that text, and the match's bytes in it; else NULL / 0. */
	char *where, *snippet;
	size_t snip_off, snip_len;
};

#define BOARD_HEAD_CHARS 240

enum board_dir {
	BOARD_PAGE_FIRST,  /* the first rows of the list; key unused */
	BOARD_PAGE_LAST,   /* the last rows of the list, in list order; key unused */
	BOARD_PAGE_AFTER,  /* rows after key */
	BOARD_PAGE_FROM,   /* key's row (if it is still in the list) and the rows after it */
	BOARD_PAGE_BEFORE  /* the rows just before key, in list order */
};

/* Loads up to max rows of the list q describes into out[0..*n) (in list order), relative to
 * key (a row from an earlier call, used for its sort key only) as dir says. Costs one index
 * range read whatever the position (keyset paging, no OFFSET). The caller frees each row with
 * db_board_item_clear. Returns 0 or -1. */
int db_board_page(struct db *db, const struct board_query *q, enum board_dir dir,
                  const struct board_item *key, struct board_item *out, size_t max, size_t *n);

/* Counts the rows of the list q describes; with key, only the rows before key (the key's
 * position). With cap > 0 counting stops at cap, which bounds the cost of a search with
 * filters the index cannot answer (each match is looked up); a search with a word checked
 * row by row (a very common one- or two-character word) stops at 1000 or after 25 ms.
 * Counts of whole regions come from the tally and are exact whatever cap says. *exact is
 * set to 0 when the count stopped at a cap, else 1. Returns 0 or -1. */
int db_board_count(struct db *db, const struct board_query *q, const struct board_item *key,
                   long cap, long *count, int *exact);

#define BOARD_MAX_WORDS 6   /* words of a search that count; more are ignored */
#define BOARD_WORD_BYTES 96 /* a word's bytes, with its NUL; longer words are cut */

/* Splits s (may be NULL) into at most max words at blanks and ideographic spaces (U+3000),
 * each copied into words[i] (cut on a character boundary to fit). Returns the count. */
size_t db_board_split_words(const char *s, char words[][BOARD_WORD_BYTES], size_t max);

/* The first occurrence of needle in hay, ASCII letters in any case (as the search index);
 * NULL when none or when either is NULL or empty. */
const char *db_board_find(const char *hay, const char *needle);

/* Counts the rows of the list q describes (its state_mask ignored) per state into counts
 * (indexed by enum state), for the state filter's menu. Whole regions are counted from the
 * tally, exactly; other lists count their first cap rows (cap > 0; at most 1000 when a word
 * is checked row by row) and set *exact to 0 when they stopped there. Returns 0 or -1. */
int db_board_state_counts(struct db *db, const struct board_query *q, long cap,
                          long counts[STATE_COUNT], int *exact);

/* Frees the strings of a row and zeroes it. */
void db_board_item_clear(struct board_item *item);

/* Stores SQLite's data_version for the connection: it changes when another connection commits
 * to the database, which is how the board notices other users' changes. One cheap read of
 * shared memory, no disk I/O. Returns 0 or -1. */
int db_board_data_version(struct db *db, int64_t *version);

#endif
