/* view_board.c — the board screen: region tree (with roll-up counts), the selected region's
 * reports and categories, and a window of the item list, side by side. Holds only what is on
 * screen (keyset pages from db_board); draws only through ui_field, so every column is
 * measured by text.h. No SQL and no curses calls here. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "db.h"
#include "db_board.h"
#include "msg.h"
#include "state.h"
#include "text.h"
#include "msg.h"
#include "view_board.h"
#include "view_edit.h"
#include "view_history.h"
#include "view_item.h"
#include "view_preview.h"

/* The most item rows one screen can show. */
#define MAX_ROWS 400
/* Below this width the focused side takes the whole screen (see layout). */
#define WIDE_COLS 90

enum focus { FOCUS_REGIONS, FOCUS_ENTRIES, FOCUS_ITEMS };

struct board {
	struct db *db;
	char dbname[96];
	int chain_broken; /* the history's last rows do not verify (db_history_broken, issue 7) */
	int chain_due;    /* check the chain at the next idle moment */
	/* tree[0] is the "all regions" row (id 0); the database's regions follow a level deeper. */
	struct board_region *tree;
	size_t ntree;
	int64_t *folded; /* ids of folded regions */
	size_t nfolded;
	size_t *vis; /* tree indices of the rows shown */
	size_t nvis, rsel, rtop;
	/* The outline of the selected region; display row 0 is "all items", row i is ent[i-1]. */
	struct board_entry *ent;
	size_t nent, esel, etop;
	/* The window of the item list: rows [top_pos, top_pos + nrows) of total. */
	struct board_item rows[MAX_ROWS];
	size_t nrows, isel;
	long top_pos, total;
	int total_exact;
	int item_rows; /* rows the items pane shows */
	/* What the list shows besides the selection. */
	char search[256];
	int searching;
	int typing; /* the search prompt is open */
	unsigned state_mask;
	int overdue_only;
	int due_within;   /* > 0: the 即将到期 filter, in days */
	int soon_days;    /* what 即将到期 means (days ahead), for the filter and the highlight */
	char unit[128];   /* the unit filter (牵头单位 / 责任单位), "" = none */
	int show_removed; /* also the items their report no longer lists */
	enum board_sort sort;
	enum focus focus;
	/* Restored when a prompt is cancelled. */
	struct {
		char search[256];
		char unit[128];
		int searching;
		int64_t region_id;
		int64_t item_id;
		enum focus focus;
	} saved;
	struct item_source source;
	/* Tagged items (Space, t): an edit then applies to all of them in one transaction. */
	int64_t *tags;
	size_t ntags, tagcap;
};

/* ---- helpers ------------------------------------------------------------------------ */

static void show_db_error(struct board *b)
{
	ui_error(tr("数据库错误: %s"), db_errmsg(b->db));
}

/* Out of memory in the view itself: said on the status line, treated like a failed query. */
static int oom(void)
{
	ui_error("%s", tr("内存不足"));
	return -1;
}

static int is_folded(const struct board *b, int64_t id)
{
	for (size_t i = 0; i < b->nfolded; i++)
		if (b->folded[i] == id)
			return 1;
	return 0;
}

static void set_folded(struct board *b, int64_t id, int on)
{
	for (size_t i = 0; i < b->nfolded; i++)
		if (b->folded[i] == id) {
			if (!on)
				b->folded[i] = b->folded[--b->nfolded];
			return;
		}
	if (on) {
		int64_t *p = realloc(b->folded, (b->nfolded + 1) * sizeof *p);
		if (!p)
			return;
		b->folded = p;
		b->folded[b->nfolded++] = id;
	}
}

static const struct board_region *sel_region(const struct board *b)
{
	return b->nvis ? &b->tree[b->vis[b->rsel]] : NULL;
}

static const struct board_entry *sel_entry(const struct board *b)
{
	return b->esel > 0 && b->esel <= b->nent ? &b->ent[b->esel - 1] : NULL;
}

static int has_children(const struct board *b, size_t t)
{
	return b->tree[t].subtree_end > t + 1;
}

/* The first of the words of search found in text, or NULL; its bytes in *len. */
static const char *find_words(const char *text, const char *search, size_t *len)
{
	char words[BOARD_MAX_WORDS][BOARD_WORD_BYTES];
	size_t n = db_board_split_words(search, words, BOARD_MAX_WORDS);
	const char *best = NULL;

	for (size_t i = 0; i < n; i++) {
		const char *m = db_board_find(text, words[i]);
		if (m && (!best || m < best)) {
			best = m;
			*len = strlen(words[i]);
		}
	}
	return best;
}

/* ---- tags ---------------------------------------------------------------------------- */

static int is_tagged(const struct board *b, int64_t id)
{
	for (size_t i = 0; i < b->ntags; i++)
		if (b->tags[i] == id)
			return 1;
	return 0;
}

/* Tags or untags item id; tags keep the order they were made in. */
static void toggle_tag(struct board *b, int64_t id)
{
	for (size_t i = 0; i < b->ntags; i++)
		if (b->tags[i] == id) {
			memmove(b->tags + i, b->tags + i + 1, (b->ntags - i - 1) * sizeof *b->tags);
			b->ntags--;
			return;
		}
	if (b->ntags == b->tagcap) {
		size_t cap = b->tagcap ? b->tagcap * 2 : 16;
		int64_t *t = realloc(b->tags, cap * sizeof *t);
		if (!t) {
			oom();
			return;
		}
		b->tags = t;
		b->tagcap = cap;
	}
	b->tags[b->ntags++] = id;
}

/* After a save on the tagged items: the tags are spent, so the next edit is not applied to
 * them again by surprise. */
static void tags_done(void *ctx)
{
	struct board *b = ctx;

	b->ntags = 0;
}

/* ---- the region tree ---------------------------------------------------------------- */

static void vis_build(struct board *b)
{
	size_t n = 0;

	for (size_t t = 0; t < b->ntree;) {
		b->vis[n++] = t;
		if (t > 0 && has_children(b, t) && is_folded(b, b->tree[t].id))
			t = b->tree[t].subtree_end;
		else
			t++;
	}
	b->nvis = n;
	if (b->rsel >= n)
		b->rsel = n ? n - 1 : 0;
}

/* Loads the tree, keeping the selected region (by id) when it still exists. */
static int tree_load(struct board *b)
{
	struct board_region *regions, *tree;
	size_t n;
	int64_t keep = sel_region(b) ? sel_region(b)->id : 0;

	if (db_board_regions(b->db, ui_today(), &regions, &n) < 0)
		return -1;
	tree = calloc(n + 1, sizeof *tree);
	if (!tree || !(tree[0].name = strdup(tr("全部地区")))) {
		free(tree);
		db_board_regions_free(regions, n);
		return oom();
	}
	tree[0].subtree_end = n + 1;
	for (size_t i = 0; i < n; i++) {
		tree[i + 1] = regions[i];
		tree[i + 1].depth++;
		tree[i + 1].subtree_end++;
		if (regions[i].depth == 0)
			for (int c = 0; c < BOARD_COUNT_N; c++)
				tree[0].counts[c] += regions[i].counts[c];
	}
	free(regions); /* the names moved into tree */
	if (b->tree) {
		for (size_t i = 0; i < b->ntree; i++)
			free(b->tree[i].name);
		free(b->tree);
	}
	free(b->vis);
	b->tree = tree;
	b->ntree = n + 1;
	b->vis = calloc(n + 1, sizeof *b->vis);
	if (!b->vis)
		return oom();
	b->rsel = 0;
	vis_build(b);
	for (size_t i = 0; i < b->nvis; i++)
		if (b->tree[b->vis[i]].id == keep)
			b->rsel = i;
	return 0;
}

/* ---- the outline -------------------------------------------------------------------- */

static int entries_load(struct board *b)
{
	const struct board_region *r = sel_region(b);
	struct board_entry *e = NULL;
	size_t n = 0;

	if (r && r->id && db_board_entries(b->db, r->id, ui_today(), &e, &n) < 0)
		return -1;
	db_board_entries_free(b->ent, b->nent);
	b->ent = e;
	b->nent = n;
	if (b->esel > n)
		b->esel = 0;
	return 0;
}

/* ---- the item list ------------------------------------------------------------------ */

static void query_fill(const struct board *b, struct board_query *q)
{
	const struct board_region *r = sel_region(b);
	const struct board_entry *e = sel_entry(b);

	memset(q, 0, sizeof *q);
	q->region_id = r ? r->id : 0;
	q->today = ui_today();
	q->sort = b->sort;
	q->state_mask = b->state_mask;
	q->overdue_only = b->overdue_only;
	q->due_within = b->due_within;
	q->show_removed = b->show_removed;
	q->unit = b->unit[0] ? b->unit : NULL;
	if (b->searching) {
		/* A search looks through the selected region and below, whatever the outline. */
		q->search = b->search;
		return;
	}
	if (e) {
		q->region_id = 0;
		q->report_id = e->report_id;
		if (e->kind != BOARD_ENTRY_REPORT)
			q->category_id = e->category_id;
		if (e->kind == BOARD_ENTRY_SUBCATEGORY)
			q->subcategory = e->subcategory;
	}
}

static void rows_clear(struct board *b)
{
	for (size_t i = 0; i < b->nrows; i++)
		db_board_item_clear(&b->rows[i]);
	b->nrows = 0;
}

static size_t window(const struct board *b)
{
	size_t w = b->item_rows > 0 ? (size_t)b->item_rows : 1;

	return w > MAX_ROWS ? MAX_ROWS : w;
}

/* How far a count may go: exact, except for a search being typed (a bounded count keeps
 * every keystroke quick on a million items; Enter counts further). */
#define COUNT_TYPING 100
#define COUNT_SEARCH 200000

static int count_total(struct board *b, const struct board_query *q)
{
	int words = b->searching || b->unit[0];
	long cap = !words ? 0 : b->typing ? COUNT_TYPING : COUNT_SEARCH;
	const struct board_region *r = sel_region(b);

	/* A whole region, all states: the tree has counted it already. */
	if (r && !b->searching && !sel_entry(b) && !b->state_mask && !b->due_within &&
	    !b->unit[0] && !b->show_removed) {
		b->total = r->counts[b->overdue_only ? BOARD_OVERDUE : BOARD_ITEMS];
		b->total_exact = 1;
		return 0;
	}
	return db_board_count(b->db, q, NULL, cap, &b->total, &b->total_exact);
}

/* The position of the window's first row, when it has to be asked (after a reload). */
static int count_before(struct board *b, const struct board_query *q, long *before)
{
	int exact;

	return db_board_count(b->db, q, &b->rows[0], b->searching || b->unit[0] ? COUNT_SEARCH : 0,
	                      before, &exact);
}

/* The first page of the list. */
static int items_first(struct board *b)
{
	struct board_query q;
	size_t n;

	query_fill(b, &q);
	rows_clear(b);
	b->isel = 0;
	b->top_pos = 0;
	if (db_board_page(b->db, &q, BOARD_PAGE_FIRST, NULL, b->rows, window(b), &n) < 0)
		return -1;
	b->nrows = n;
	return count_total(b, &q);
}

static int items_last(struct board *b)
{
	struct board_query q;
	size_t n;

	query_fill(b, &q);
	rows_clear(b);
	if (db_board_page(b->db, &q, BOARD_PAGE_LAST, NULL, b->rows, window(b), &n) < 0)
		return -1;
	b->nrows = n;
	b->isel = n ? n - 1 : 0;
	if (count_total(b, &q) < 0)
		return -1;
	/* With a count that stopped at its cap the position of the last rows is not known either
	 * (counting it would cost as much again): they are shown as the cap's last, with the "+"
	 * the status line puts after an inexact total. */
	b->top_pos = b->total > (long)n ? b->total - (long)n : 0;
	return 0;
}

/* A copy of a row's sort key (the strings are not part of it). */
static struct board_item key_of(const struct board_item *it)
{
	struct board_item k;

	memset(&k, 0, sizeof k);
	k.id = it->id;
	k.report_id = it->report_id;
	k.seq = it->seq;
	k.state = it->state;
	k.due_kind = it->due_kind;
	k.dated = it->dated;
	k.due = it->due;
	return k;
}

/* Reloads the window from its first row (data changed, the window changed size), keeping the
 * selected item when it is still in the list. */
static int items_reload(struct board *b)
{
	struct board_query q;
	struct board_item key;
	int64_t sel_id;
	size_t n, want = window(b);

	if (!b->nrows)
		return items_first(b);
	key = key_of(&b->rows[0]);
	sel_id = b->rows[b->isel].id;
	query_fill(b, &q);
	rows_clear(b);
	if (db_board_page(b->db, &q, BOARD_PAGE_FROM, &key, b->rows, want, &n) < 0)
		return -1;
	b->nrows = n;
	if (n == 0)
		return items_last(b);
	if (n < want) {
		/* The window grew past the end: fill it from above. */
		struct board_item *tmp = calloc(want - n, sizeof *tmp);
		size_t f = 0;
		if (!tmp)
			return oom();
		if (db_board_page(b->db, &q, BOARD_PAGE_BEFORE, &b->rows[0], tmp, want - n, &f) < 0) {
			free(tmp);
			return -1;
		}
		memmove(b->rows + f, b->rows, n * sizeof *b->rows);
		memcpy(b->rows, tmp, f * sizeof *tmp);
		free(tmp);
		b->nrows = n + f;
	}
	if (count_total(b, &q) < 0)
		return -1;
	{
		long before;
		if (count_before(b, &q, &before) < 0)
			return -1;
		b->top_pos = before;
	}
	b->isel = b->isel < b->nrows ? b->isel : b->nrows - 1;
	for (size_t i = 0; i < b->nrows; i++)
		if (b->rows[i].id == sel_id)
			b->isel = i;
	return 0;
}

/* Moves the selection by delta rows, loading only the rows that come into view (keyset pages:
 * the cost does not depend on how deep in the list the window is). The selection keeps its
 * screen row when the window moves, as in mutt. Returns 0 (also at an end) or -1. */
static int items_move(struct board *b, long delta)
{
	struct board_query q;
	struct board_item *tmp;
	long abs, target, new_top;
	size_t win = window(b), need, f = 0, keep, all;

	if (!b->nrows)
		return 0;
	abs = b->top_pos + (long)b->isel;
	target = abs + delta;
	if (target < 0)
		target = 0;
	if (target >= b->top_pos && target < b->top_pos + (long)b->nrows) {
		b->isel = (size_t)(target - b->top_pos);
		return 0;
	}
	query_fill(b, &q);
	if (target > abs) {
		new_top = target - (long)b->isel;
		need = (size_t)(new_top + (long)win - (b->top_pos + (long)b->nrows));
		if (need > MAX_ROWS)
			need = MAX_ROWS;
		if (!(tmp = calloc(need, sizeof *tmp)))
			return oom();
		if (db_board_page(b->db, &q, BOARD_PAGE_AFTER, &b->rows[b->nrows - 1], tmp, need,
		                  &f) < 0) {
			free(tmp);
			return -1;
		}
		all = b->nrows + f;
		keep = all < win ? all : win;
		/* Drop rows from the front, append the new ones. */
		for (size_t i = 0; i < all - keep; i++)
			db_board_item_clear(i < b->nrows ? &b->rows[i] : &tmp[i - b->nrows]);
		if (all - keep < b->nrows) {
			size_t stay = b->nrows - (all - keep);
			memmove(b->rows, b->rows + (all - keep), stay * sizeof *b->rows);
			memcpy(b->rows + stay, tmp, f * sizeof *tmp);
		} else {
			size_t skip = all - keep - b->nrows;
			memcpy(b->rows, tmp + skip, (f - skip) * sizeof *tmp);
		}
		free(tmp);
		b->top_pos += (long)(all - keep);
		b->nrows = keep;
	} else {
		new_top = target - (long)b->isel;
		if (new_top < 0)
			new_top = 0;
		need = (size_t)(b->top_pos - new_top);
		if (need == 0)
			need = 1;
		if (need > MAX_ROWS)
			need = MAX_ROWS;
		if (!(tmp = calloc(need, sizeof *tmp)))
			return oom();
		if (db_board_page(b->db, &q, BOARD_PAGE_BEFORE, &b->rows[0], tmp, need, &f) < 0) {
			free(tmp);
			return -1;
		}
		all = b->nrows + f;
		keep = all < win ? all : win;
		/* Drop rows from the end, prepend the new ones. */
		for (size_t i = keep; i < all; i++)
			db_board_item_clear(i < f ? &tmp[i] : &b->rows[i - f]);
		if (keep > f) {
			memmove(b->rows + f, b->rows, (keep - f) * sizeof *b->rows);
			memcpy(b->rows, tmp, f * sizeof *tmp);
		} else {
			memcpy(b->rows, tmp, keep * sizeof *tmp);
		}
		free(tmp);
		b->top_pos -= (long)f;
		if (b->top_pos < 0)
			b->top_pos = 0;
		b->nrows = keep;
	}
	if (target < b->top_pos)
		target = b->top_pos;
	if (target >= b->top_pos + (long)b->nrows)
		target = b->top_pos + (long)b->nrows - 1;
	b->isel = (size_t)(target - b->top_pos);
	return 0;
}

/* Selection changes in the left panes reload what depends on them. */
static void region_changed(struct board *b)
{
	b->esel = 0;
	b->etop = 0;
	if (entries_load(b) < 0 || items_first(b) < 0)
		show_db_error(b);
}

static void entry_changed(struct board *b)
{
	if (items_first(b) < 0)
		show_db_error(b);
}

static void list_changed(struct board *b)
{
	if (items_first(b) < 0)
		show_db_error(b);
}

/* ---- layout and drawing ------------------------------------------------------------- */

struct layout {
	int side;          /* width of the left column (regions over categories), 0 = hidden */
	int items_x, items_w; /* the item pane, 0 wide when hidden */
	int tree_h;        /* rows of the region pane (with its heading) */
};

static struct layout layout_for(const struct board *b, int rows, int cols)
{
	struct layout l;

	if (cols >= WIDE_COLS) {
		l.side = cols * 3 / 10;
		if (l.side < 24)
			l.side = 24;
		if (l.side > 44)
			l.side = 44;
	} else if (b->focus == FOCUS_ITEMS) {
		l.side = 0; /* narrow: the item list takes the screen, the title says where */
	} else {
		l.side = cols * 45 / 100;
		if (l.side < 22)
			l.side = 22;
	}
	l.items_x = l.side ? l.side + 1 : 0;
	l.items_w = cols - l.items_x;
	l.tree_h = (int)b->nvis + 1;
	if (l.tree_h > rows / 2)
		l.tree_h = rows / 2;
	if (l.tree_h < 3)
		l.tree_h = 3;
	return l;
}

static void keep_visible(size_t sel, size_t *top, size_t rows)
{
	if (rows == 0)
		return;
	if (sel < *top)
		*top = sel;
	if (sel >= *top + rows)
		*top = sel - rows + 1;
}

static int digits(long v)
{
	int d = 1;

	while (v >= 10) {
		v /= 10;
		d++;
	}
	return d;
}

/* The region tree's columns, in the order they are dropped from the right when the pane is
 * narrow: what meetings quote (未完成, 完成率) comes right after the item count. */
enum tree_col { COL_ITEMS, COL_OPEN, COL_LATE, COL_RATE, COL_AWAITING, COL_VERIFIED, COL_N };

static const char *const tree_head[COL_N] = {N_("事项"),   N_("未完成"), N_("board\004逾期"),
                                             N_("完成率"), N_("待验"),   N_("销号")};

/* The row role of a selected row: the cursor bar in the focused pane, dimmed elsewhere. */
static enum ui_role bar_role(int selected, int focused, enum ui_role otherwise)
{
	if (!selected)
		return otherwise;
	return focused ? UI_CURSOR : UI_CURSOR_OFF;
}

/* The ">" that marks the one selected row of the focused pane. */
static void draw_lead(int y, int x, int selected, int focused)
{
	ui_field(y, x, 1, selected && focused ? ">" : " ", bar_role(selected, focused, UI_NORMAL),
	         0);
}

static void tree_cell(const struct board_region *reg, int col, char *buf, size_t size,
                      long *v)
{
	long items = reg->counts[BOARD_ITEMS];

	*v = 0;
	switch (col) {
	case COL_ITEMS: *v = items; break;
	case COL_OPEN: *v = reg->counts[BOARD_OPEN]; break;
	case COL_LATE: *v = reg->counts[BOARD_OVERDUE]; break;
	case COL_AWAITING: *v = reg->counts[BOARD_AWAITING]; break;
	case COL_VERIFIED: *v = reg->counts[BOARD_VERIFIED]; break;
	default:
		/* 完成率: the closed share, rounded down so that 100% means all are done. */
		if (items > 0) {
			*v = (items - reg->counts[BOARD_OPEN]) * 100 / items;
			snprintf(buf, size, "%ld%%", *v);
		} else {
			snprintf(buf, size, "-");
		}
		return;
	}
	snprintf(buf, size, "%ld", *v);
}

static void draw_tree(struct board *b, int y, int h, int w)
{
	int cw[COL_N], ncols = COL_N, name_x0, focused = b->focus == FOCUS_REGIONS;
	size_t rows = h > 1 ? (size_t)h - 1 : 0;
	long maxv = b->ntree ? b->tree[0].counts[BOARD_ITEMS] : 0;
	enum ui_role head = focused ? UI_HEADER_ON : UI_HEADER;
	int total = 0;

	for (int c = 0; c < COL_N; c++) {
		const char *t = tr(tree_head[c]);
		int hw = text_width(t, strlen(t)) + 1, dw = (c == COL_RATE ? 4 : digits(maxv)) + 1;
		cw[c] = hw > dw ? hw : dw;
	}
	/* Drop columns from the right until the names keep 14 columns: a region name is of
	 * little use cut to three characters. */
	for (int c = 0; c < COL_N; c++)
		total += cw[c];
	while (ncols > 1 && w - total < 14)
		total -= cw[--ncols];
	name_x0 = w - total;
	ui_field(y, 0, name_x0, tr(" 地区"), head, 0);
	for (int c = 0, x = name_x0; c < ncols; x += cw[c], c++)
		ui_field(y, x, cw[c], tr(tree_head[c]), head, UI_ALIGN_RIGHT);
	keep_visible(b->rsel, &b->rtop, rows);
	for (size_t r = 0; r < rows; r++) {
		size_t i = b->rtop + r;
		int yy = y + 1 + (int)r, x;
		const struct board_region *reg;
		int selected;
		enum ui_role lead;
		if (i >= b->nvis) {
			ui_blank(yy, 0, w, UI_NORMAL);
			continue;
		}
		reg = &b->tree[b->vis[i]];
		selected = i == b->rsel;
		lead = bar_role(selected, focused, UI_NORMAL);
		draw_lead(yy, 0, selected, focused);
		x = 1;
		{
			/* One column per level, then ▸ before a folded region, ▾ before an open one
			 * with subregions. */
			int indent = reg->depth < 8 ? reg->depth : 8;
			const char *sign = !b->vis[i] || !has_children(b, b->vis[i]) ? " "
			                   : is_folded(b, reg->id)                   ? "▸"
			                                                             : "▾";
			if (indent + 1 < name_x0 - 1) {
				ui_blank(yy, x, indent, lead);
				x += indent;
				ui_field(yy, x, 1, sign, lead, 0);
				x += 1;
			}
		}
		ui_field(yy, x, name_x0 - x, reg->name, lead, 0);
		for (int c = 0, cx = name_x0; c < ncols; cx += cw[c], c++) {
			char buf[24];
			long v;
			enum ui_role role;
			tree_cell(reg, c, buf, sizeof buf, &v);
			role = c == COL_LATE && v ? UI_OVERDUE : v || c == COL_RATE ? UI_NORMAL : UI_DIM;
			ui_field(yy, cx, cw[c], buf, bar_role(selected, focused, role), UI_ALIGN_RIGHT);
		}
	}
}

static void entry_text(const struct board *b, size_t row, char *buf, size_t size, int *indent)
{
	const struct board_entry *e;
	const struct board_region *r = sel_region(b);

	if (row == 0) {
		snprintf(buf, size, "%s", r && b->vis[b->rsel] && has_children(b, b->vis[b->rsel])
		                              ? tr("全部（含下级）")
		                          : r && r->id == 0 ? tr("全部（所有地区）")
		                                            : tr("全部事项"));
		*indent = 0;
		return;
	}
	e = &b->ent[row - 1];
	switch (e->kind) {
	case BOARD_ENTRY_REPORT:
		snprintf(buf, size, "%s", e->title ? e->title : tr("（无标题的报告）"));
		*indent = 0;
		break;
	case BOARD_ENTRY_CATEGORY:
		if (e->label || e->title)
			snprintf(buf, size, "%s%s%s", e->label ? e->label : "",
			         e->label && e->title ? " " : "", e->title ? e->title : "");
		else
			snprintf(buf, size, "%s", tr("（未分方面）"));
		*indent = 1;
		break;
	default:
		snprintf(buf, size, "%s", e->title ? e->title : "");
		*indent = 3;
		break;
	}
}

static const char *const entry_head[2] = {N_("事项"), N_("board\004逾期")};

static void draw_entries(struct board *b, int y, int h, int w)
{
	const struct board_region *r = sel_region(b);
	size_t rows = h > 1 ? (size_t)h - 1 : 0, n = b->nent + 1;
	int cw = digits(r ? r->counts[BOARD_ITEMS] : 0) + 1, ncounts = 2, text_w;
	int focused = b->focus == FOCUS_ENTRIES;
	enum ui_role head = focused ? UI_HEADER_ON : UI_HEADER;

	if (cw < 5)
		cw = 5;
	while (ncounts > 0 && w - ncounts * cw < 10)
		ncounts--;
	text_w = w - ncounts * cw;
	ui_field(y, 0, text_w, tr(" 报告与方面"), head, 0);
	for (int c = 0; c < ncounts; c++)
		ui_field(y, text_w + c * cw, cw, tr(entry_head[c]), head, UI_ALIGN_RIGHT);
	keep_visible(b->esel, &b->etop, rows);
	for (size_t row = 0; row < rows; row++) {
		size_t i = b->etop + row;
		int yy = y + 1 + (int)row, indent, selected;
		char text[512];
		long items, late;
		enum ui_role role;
		if (i >= n) {
			ui_blank(yy, 0, w, UI_NORMAL);
			continue;
		}
		selected = i == b->esel;
		entry_text(b, i, text, sizeof text, &indent);
		if (i == 0) {
			items = r ? r->counts[BOARD_ITEMS] : 0;
			late = r ? r->counts[BOARD_OVERDUE] : 0;
		} else {
			items = b->ent[i - 1].items;
			late = b->ent[i - 1].overdue;
		}
		role = bar_role(selected, focused,
		                i > 0 && b->ent[i - 1].kind == BOARD_ENTRY_REPORT ? UI_LABEL
		                                                                  : UI_NORMAL);
		draw_lead(yy, 0, selected, focused);
		if (indent > text_w - 4)
			indent = 0;
		ui_blank(yy, 1, indent, bar_role(selected, focused, UI_NORMAL));
		ui_field(yy, 1 + indent, text_w - 1 - indent, text, role, 0);
		if (ncounts > 0)
			ui_field(yy, text_w, cw, (snprintf(text, sizeof text, "%ld", items), text),
			         bar_role(selected, focused, items ? UI_NORMAL : UI_DIM), UI_ALIGN_RIGHT);
		if (ncounts > 1)
			ui_field(yy, text_w + cw, cw, (snprintf(text, sizeof text, "%ld", late), text),
			         bar_role(selected, focused, late ? UI_OVERDUE : UI_DIM), UI_ALIGN_RIGHT);
	}
}

/* Columns of the item pane, from its width. */
struct item_cols {
	int no_x, no_w, state_x, due_x, due_w, late_x, late_w, region_x, region_w, unit_x, unit_w,
	    text_x, text_w;
};

#define NO_W 6
#define STATE_W 8
#define DUE_W 10
#define LATE_W 6
#define REGION_W 12
#define REGION_SHORT_W 8
#define UNIT_W 16
#define UNIT_SHORT_W 10

/* Whether the list spans several regions: all regions, or a region with subregions, listed
 * whole or searched. Then each row says its region, or rows become ambiguous. */
static int list_multi_region(const struct board *b)
{
	return (b->searching || b->unit[0] || !sel_entry(b)) &&
	       (!b->nvis || !b->vis[b->rsel] || has_children(b, b->vis[b->rsel]));
}

static struct item_cols item_cols_for(const struct board *b, int w)
{
	struct item_cols c;
	int rest;

	memset(&c, 0, sizeof c);
	c.no_x = 1;
	c.no_w = NO_W;
	c.state_x = c.no_x + NO_W + 1;
	c.due_w = DUE_W;
	c.late_w = LATE_W;
	/* Narrow panes drop the due date, then the days overdue, before the text gets too short
	 * (overdue rows still show in the overdue colour and bold). */
	if (w - (c.state_x + STATE_W + 1) - (DUE_W + 1) - (LATE_W + 1) < 12)
		c.due_w = 0;
	if (w - (c.state_x + STATE_W + 1) - (c.due_w ? DUE_W + 1 : 0) - (LATE_W + 1) < 12)
		c.late_w = 0;
	c.due_x = c.state_x + STATE_W + 1;
	c.late_x = c.due_x + (c.due_w ? c.due_w + 1 : 0);
	c.region_x = c.late_x + (c.late_w ? c.late_w + 1 : 0);
	rest = w - c.region_x;
	/* The region: full when the text keeps 30 columns, else a short name (市, 县, 旗 cut)
	 * as long as the text keeps 6: a preview beside the tree still says where each row is. */
	if (list_multi_region(b))
		c.region_w = rest - (REGION_W + 1) >= 30       ? REGION_W
		             : rest - (REGION_SHORT_W + 1) >= 6  ? REGION_SHORT_W
		                                                 : 0;
	c.unit_x = c.region_x + (c.region_w ? c.region_w + 1 : 0);
	/* The lead unit, with the unit filter on (it is what the filter is about). */
	if (b->unit[0])
		c.unit_w = w - c.unit_x - (UNIT_W + 1) >= 20 ? UNIT_W
		           : w - c.unit_x - (UNIT_SHORT_W + 1) >= 12 ? UNIT_SHORT_W
		                                                     : 0;
	c.text_x = c.unit_x + (c.unit_w ? c.unit_w + 1 : 0);
	c.text_w = w - c.text_x;
	if (c.text_w < 0)
		c.text_w = 0;
	return c;
}

/* A region's name in few columns: without the trailing 自治区, 市, 县, 旗, 区 or 盟 most names
 * share (呼和浩特市 → 呼和浩特), then cut to fit. */
static void region_short(const char *name, char *buf, size_t size)
{
	static const char *const suffix[] = {"自治区", "自治州", "自治旗", "自治县", "市", "县", "旗",
	                                     "区", "盟"};
	size_t len = name ? strlen(name) : 0;

	snprintf(buf, size, "%s", name ? name : "");
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		size_t sl = strlen(suffix[i]);
		if (len > sl * 2 && len < size && strcmp(name + len - sl, suffix[i]) == 0) {
			buf[len - sl] = '\0';
			break;
		}
	}
}

static void due_text(const struct board_item *it, char *buf, size_t size)
{
	if (it->due_kind == DUE_DATE)
		date_format_iso(it->due, buf);
	else if (it->due_kind == DUE_IMMEDIATE)
		snprintf(buf, size, "%s", tr("立行立改"));
	else if (it->long_term)
		snprintf(buf, size, "%s", tr("长期坚持"));
	else
		snprintf(buf, size, "-");
}

/* Whether an open item is due within the 即将到期 window (today included), not yet late. */
static int due_soon(const struct board *b, const struct board_item *it)
{
	long today = ui_today();

	return it->dated && !it->overdue && !state_is_closed(it->state) && it->due >= today &&
	       it->due <= today + b->soon_days;
}

/* Draws text with its match marked; when the match lies beyond the columns, the start of the
 * text is cut (shown by a leading '~') so that the match appears a third of the way in. */
static void draw_snippet(int y, int x, int cols, const char *text, const char *match,
                         size_t match_len, enum ui_role role)
{
	const char *start = text;
	int before = text_width(text, (size_t)(match - text));
	int mw = text_width(match, match_len);

	if (cols > 8 && before + mw > cols - 1) {
		int keep = cols / 3;
		while (start < match && text_width(start, (size_t)(match - start)) > keep) {
			uint32_t cp;
			start += text_decode(start, strlen(start), &cp);
		}
		ui_field(y, x, 1, "~", role, 0);
		x++;
		cols--;
	}
	ui_field_mark(y, x, cols, start, role, (size_t)(match - start), match_len);
}

/* The filters in force, as the title shows them ("[推进中] [只看逾期]"); "" when none. */
static void filters_text(const struct board *b, char *buf, size_t size)
{
	size_t len = 0;

#define ADDF(...)                                                                       \
	do {                                                                                \
		if (len < size)                                                                 \
			len += (size_t)snprintf(buf + len, size - len, __VA_ARGS__);                \
	} while (0)
	buf[0] = '\0';
	if (b->state_mask) {
		int one = -1, n = 0, open = 1;
		for (int s = 0; s < STATE_COUNT; s++) {
			if (b->state_mask & (1u << s)) {
				one = s;
				n++;
			}
			if (((b->state_mask >> s) & 1) != !state_is_closed((enum state)s))
				open = 0;
		}
		if (n == 1)
			ADDF("[%s]", state_label((enum state)one));
		else
			ADDF("[%s]", open ? tr("未完成") : tr("多个状态"));
	}
	if (b->overdue_only)
		ADDF("%s[%s]", len ? " " : "", tr("只看逾期"));
	if (b->due_within) {
		char t[64];
		snprintf(t, sizeof t, tr("%d天内到期"), b->due_within);
		ADDF("%s[%s]", len ? " " : "", t);
	}
	if (b->unit[0])
		ADDF(tr("%s[单位「%s」]"), len ? " " : "", b->unit);
	if (b->show_removed)
		ADDF("%s[%s]", len ? " " : "", tr("含报告不再列出的事项"));
#undef ADDF
}

/* What the empty list says: how to import into an empty database, what was searched where,
 * or which filters left nothing. */
static void empty_text(const struct board *b, char *buf, size_t size)
{
	const struct board_region *r = sel_region(b);
	char f[256];

	filters_text(b, f, sizeof f);
	if ((b->ntree <= 1 || b->tree[0].counts[BOARD_ITEMS] == 0) && !b->show_removed &&
	    !b->searching && !f[0])
		snprintf(buf, size, "%s", tr("（数据库是空的：先用 duban import 报告.txt 导入整改报告）"));
	else if (b->searching)
		snprintf(buf, size, tr("（在%s的问题、措施、单位、目标和进展中没有找到「%s」%s%s；c 清除）"),
		         r ? r->name : "", b->search, f[0] ? tr("，筛选 ") : "", f);
	else if (f[0])
		snprintf(buf, size, tr("（没有符合条件的事项：%s；c 清除筛选）"), f);
	else
		snprintf(buf, size, "%s", tr("（没有事项）"));
}

static void draw_items(struct board *b, int y, int h, int x0, int w)
{
	struct item_cols c = item_cols_for(b, w);
	int focused = b->focus == FOCUS_ITEMS;
	enum ui_role head = focused ? UI_HEADER_ON : UI_HEADER;

	if (h - 1 != b->item_rows) {
		b->item_rows = h - 1 > 0 ? h - 1 : 1;
		if (items_reload(b) < 0)
			show_db_error(b);
	}
	ui_field(y, x0, c.no_x + c.no_w, tr(" 编号"), head, 0);
	ui_blank(y, x0 + c.no_x + c.no_w, 1, head);
	ui_field(y, x0 + c.state_x, c.due_x - c.state_x, tr("状态"), head, 0);
	if (c.due_w)
		ui_field(y, x0 + c.due_x, c.late_x - c.due_x, tr("期限"), head, 0);
	if (c.late_w)
		ui_field(y, x0 + c.late_x, c.region_x - c.late_x, tr("board\004逾期"), head, 0);
	if (c.region_w)
		ui_field(y, x0 + c.region_x, c.unit_x - c.region_x, tr("地区"), head, 0);
	if (c.unit_w)
		ui_field(y, x0 + c.unit_x, c.text_x - c.unit_x, tr("board\004牵头单位"), head, 0);
	ui_field(y, x0 + c.text_x, c.text_w, tr("board\004问题"), head, 0);
	for (int r = 0; r < h - 1; r++) {
		int yy = y + 1 + r;
		const struct board_item *it;
		char buf[512];
		int selected;
		enum ui_role bar;
		if ((size_t)r >= b->nrows) {
			ui_blank(yy, x0, w, UI_NORMAL);
			if (r == 0) {
				empty_text(b, buf, sizeof buf);
				ui_field(yy, x0 + 1, w - 1, buf, UI_DIM, 0);
			}
			continue;
		}
		it = &b->rows[r];
		selected = (size_t)r == b->isel;
		/* The cursor bar covers the marker, number and state. A bar over the whole row would
		 * rewrite two rows of Chinese text per move, about 300 bytes where the board's figure
		 * is 120 (tests/bench/board.sh); the tree and outline rows are short, and barred whole. */
		bar = bar_role(selected, focused, UI_NORMAL);
		draw_lead(yy, x0, selected, focused);
		/* A tagged row shows '*' where the cursor's '>' goes; the selected number is
		 * reversed either way. */
		if (is_tagged(b, it->id))
			ui_field(yy, x0, 1, "*", bar, 0);
		ui_field(yy, x0 + c.no_x, c.no_w, it->no, bar, UI_ALIGN_RIGHT);
		ui_blank(yy, x0 + c.no_x + c.no_w, 1, bar);
		if (it->removed)
			ui_field(yy, x0 + c.state_x, STATE_W, tr("不再列出"), bar_role(selected, focused,
			         UI_DIM), 0);
		else
			ui_field(yy, x0 + c.state_x, STATE_W, state_label(it->state),
			         bar_role(selected, focused, (enum ui_role)(UI_STATE + it->state)), 0);
		ui_blank(yy, x0 + c.state_x + STATE_W, 1, UI_NORMAL);
		if (c.due_w) {
			due_text(it, buf, sizeof buf);
			ui_field(yy, x0 + c.due_x, c.late_x - c.due_x, buf,
			         it->overdue ? UI_OVERDUE : due_soon(b, it) ? UI_SOON : UI_NORMAL, 0);
		}
		if (c.late_w) {
			if (it->overdue)
				snprintf(buf, sizeof buf, tr("%d天"), it->overdue);
			else
				buf[0] = '\0';
			ui_field(yy, x0 + c.late_x, c.late_w, buf, UI_OVERDUE, UI_ALIGN_RIGHT);
			ui_blank(yy, x0 + c.late_x + c.late_w, 1, UI_NORMAL);
		}
		if (c.region_w == REGION_W)
			ui_field(yy, x0 + c.region_x, c.unit_x - c.region_x, it->region,
			         UI_DIM, 0);
		else if (c.region_w) {
			region_short(it->region, buf, sizeof buf);
			ui_field(yy, x0 + c.region_x, REGION_SHORT_W, buf, UI_DIM, UI_NO_MARK);
			ui_blank(yy, x0 + c.region_x + REGION_SHORT_W, 1, UI_NORMAL);
		}
		if (c.unit_w) {
			ui_field(yy, x0 + c.unit_x, c.unit_w, it->lead_unit ? it->lead_unit : "", UI_NORMAL,
			         0);
			ui_blank(yy, x0 + c.unit_x + c.unit_w, 1, UI_NORMAL);
		}
		if (it->where) {
			/* Found outside the problem text: say where, and show that text. */
			int lw;
			snprintf(buf, sizeof buf, "〔%s〕", it->where);
			lw = ui_field(yy, x0 + c.text_x, c.text_w, buf, UI_LABEL, UI_NO_MARK);
			if (lw < c.text_w && it->snippet)
				draw_snippet(yy, x0 + c.text_x + lw, c.text_w - lw, it->snippet,
				             it->snippet + it->snip_off, it->snip_len, UI_NORMAL);
		} else {
			size_t mlen = 0;
			const char *m = b->searching ? find_words(it->head, b->search, &mlen) : NULL;
			if (m)
				draw_snippet(yy, x0 + c.text_x, c.text_w, it->head, m, mlen, UI_NORMAL);
			else
				ui_field(yy, x0 + c.text_x, c.text_w, it->head,
				         it->overdue && !c.late_w ? UI_OVERDUE : UI_NORMAL, 0);
		}
	}
}

static void draw(void *self, int top, int rows, int cols)
{
	struct board *b = self;
	struct layout l = layout_for(b, rows, cols);

	if (l.side) {
		draw_tree(b, top, l.tree_h, l.side);
		draw_entries(b, top + l.tree_h, rows - l.tree_h, l.side);
		for (int r = 0; r < rows; r++)
			ui_field(top + r, l.side, 1, "|", UI_DIM, 0);
	}
	if (l.items_w > 0)
		draw_items(b, top, rows, l.items_x, l.items_w);
}

/* ---- the title and status lines ----------------------------------------------------- */

static const char *const sort_name[BOARD_SORT_COUNT] = {N_("编号"), N_("期限"), N_("状态")};

static void title(void *self, char *buf, size_t size)
{
	struct board *b = self;
	const struct board_region *r = sel_region(b);
	const struct board_entry *e = sel_entry(b);
	char f[256];
	size_t len = 0;

#define ADD(...)                                                                        \
	do {                                                                                \
		if (len < size)                                                                 \
			len += (size_t)snprintf(buf + len, size - len, __VA_ARGS__);                \
	} while (0)
	ADD(" %s %s", tr("督办"), b->dbname);
	/* Opened read-only (the file or its directory is not writable): browsing works, edits
	 * are refused; say so before the user tries one. */
	if (db_readonly(b->db))
		ADD(" [%s]", tr("只读"));
	ADD(" > %s", r ? r->name : "");
	if (b->chain_broken) /* first, so that a narrow title still shows it */
		ADD("  %s", tr("[警告：修改记录校验失败，运行 duban check]"));
	if (b->searching)
		ADD(tr(" > 搜索「%s」"), b->search);
	else if (e && e->kind == BOARD_ENTRY_REPORT)
		ADD(" > %s", e->title ? e->title : "");
	else if (e)
		ADD(" > %s%s%s", e->label ? e->label : "", e->label && e->title ? " " : "",
		    e->title ? e->title : "");
	filters_text(b, f, sizeof f);
	if (f[0])
		ADD("  %s", f);
	if (b->sort != BOARD_SORT_REPORT && !b->searching && !b->unit[0] && !b->show_removed)
		ADD(tr("  [按%s排序]"), tr(sort_name[b->sort]));
#undef ADD
}

static void status(void *self, char *buf, size_t size)
{
	struct board *b = self;

	size_t len;

	if (b->focus != FOCUS_ITEMS || !b->nrows)
		snprintf(buf, size, tr("%ld%s 项"), b->total, b->total_exact ? "" : "+");
	else
		snprintf(buf, size, "%ld/%ld%s", b->top_pos + (long)b->isel + 1, b->total,
		         b->total_exact ? "" : "+");
	len = strlen(buf);
	if (b->ntags && len < size)
		snprintf(buf + len, size - len, tr("  已标记 %zu 项"), b->ntags);
}

/* ---- prompts ------------------------------------------------------------------------ */

static void save_state(struct board *b)
{
	const struct board_region *r = sel_region(b);

	snprintf(b->saved.search, sizeof b->saved.search, "%s", b->search);
	snprintf(b->saved.unit, sizeof b->saved.unit, "%s", b->unit);
	b->saved.searching = b->searching;
	b->saved.region_id = r ? r->id : 0;
	b->saved.item_id = b->nrows ? b->rows[b->isel].id : 0;
	b->saved.focus = b->focus;
}

static void select_region_id(struct board *b, int64_t id);

static void restore_state(struct board *b)
{
	snprintf(b->search, sizeof b->search, "%s", b->saved.search);
	snprintf(b->unit, sizeof b->unit, "%s", b->saved.unit);
	b->searching = b->saved.searching;
	b->focus = b->saved.focus;
	if (!sel_region(b) || sel_region(b)->id != b->saved.region_id) {
		select_region_id(b, b->saved.region_id);
		region_changed(b);
	} else {
		list_changed(b);
	}
	/* Walk back to the item that was selected, if it is near the top of the list. */
	for (int guard = 0; guard < 4 && b->saved.item_id && b->nrows; guard++) {
		size_t i;
		for (i = 0; i < b->nrows; i++)
			if (b->rows[i].id == b->saved.item_id)
				break;
		if (i < b->nrows) {
			b->isel = i;
			break;
		}
		if (b->nrows < window(b))
			break;
		items_move(b, (long)window(b));
	}
}

static void search_changed(void *ctx, const char *text)
{
	struct board *b = ctx;

	snprintf(b->search, sizeof b->search, "%s", text);
	b->searching = text[0] != '\0';
	b->typing = 1;
	list_changed(b);
}

static void search_done(void *ctx, const char *text, int accepted)
{
	struct board *b = ctx;

	b->typing = 0;
	if (!accepted) {
		restore_state(b);
		return;
	}
	if (strcmp(b->search, text) != 0 || b->searching != (text[0] != '\0')) {
		snprintf(b->search, sizeof b->search, "%s", text);
		b->searching = text[0] != '\0';
		list_changed(b);
	} else if (b->searching) {
		/* The rows are those of the last keystroke: only count further than while typing. */
		struct board_query q;
		query_fill(b, &q);
		if (count_total(b, &q) < 0)
			show_db_error(b);
	}
	if (!b->searching)
		return;
	if (b->total == 0) {
		const struct board_region *r = sel_region(b);
		ui_message(tr("在%s的问题、措施、单位、目标和进展中没有找到「%s」"), r ? r->name : "",
		           b->search);
	} else {
		ui_message(tr("找到 %ld%s 项；n 下一个，N 上一个，c 清除"), b->total,
		           b->total_exact ? "" : "+");
	}
}

static void unit_changed(void *ctx, const char *text)
{
	struct board *b = ctx;

	snprintf(b->unit, sizeof b->unit, "%s", text);
	b->typing = 1;
	list_changed(b);
}

static void unit_done(void *ctx, const char *text, int accepted)
{
	struct board *b = ctx;

	b->typing = 0;
	if (!accepted) {
		restore_state(b);
		return;
	}
	snprintf(b->unit, sizeof b->unit, "%s", text);
	list_changed(b);
	if (!b->unit[0])
		ui_message("%s", tr("已取消单位筛选"));
	else if (b->total == 0)
		ui_message(tr("没有牵头单位或责任单位含「%s」的事项"), b->unit);
	else
		ui_message(tr("牵头单位或责任单位含「%s」：%ld%s 项，其中未完成的用 f 8 筛选"), b->unit,
		           b->total, b->total_exact ? "" : "+");
}

static void soon_done(void *ctx, const char *text, int accepted)
{
	struct board *b = ctx;
	char *end;
	long v;

	if (!accepted)
		return;
	v = strtol(text, &end, 10);
	while (*end == ' ')
		end++;
	if (end == text || *end || v < 0 || v > 3650) {
		ui_error(tr("「%s」不是天数：请输入 0 到 3650 之间的整数"), text);
		return;
	}
	b->due_within = (int)v;
	if (v > 0)
		b->soon_days = (int)v;
	list_changed(b);
	if (v > 0)
		ui_message(tr("只看 %ld 天内到期的未完成事项：%ld%s 项"), v, b->total,
		           b->total_exact ? "" : "+");
	else
		ui_message("%s", tr("已取消即将到期筛选"));
}

static void select_region_id(struct board *b, int64_t id)
{
	size_t t;

	for (t = 0; t < b->ntree; t++)
		if (b->tree[t].id == id)
			break;
	if (t == b->ntree)
		return;
	/* Unfold the ancestors so the region is shown. */
	for (size_t a = 1; a < t; a++)
		if (b->tree[a].subtree_end > t && is_folded(b, b->tree[a].id))
			set_folded(b, b->tree[a].id, 0);
	vis_build(b);
	for (size_t i = 0; i < b->nvis; i++)
		if (b->vis[i] == t)
			b->rsel = i;
}

static void region_typed(void *ctx, const char *text)
{
	struct board *b = ctx;

	if (!text[0])
		return;
	for (size_t t = 1; t < b->ntree; t++)
		if (b->tree[t].name && strstr(b->tree[t].name, text)) {
			if (sel_region(b) && sel_region(b)->id == b->tree[t].id)
				return;
			select_region_id(b, b->tree[t].id);
			region_changed(b);
			return;
		}
	ui_message(tr("没有名字含「%s」的地区"), text);
}

static void region_done(void *ctx, const char *text, int accepted)
{
	struct board *b = ctx;

	if (!accepted) {
		restore_state(b);
		return;
	}
	b->focus = FOCUS_REGIONS;
	if (text[0]) {
		for (size_t t = 1; t < b->ntree; t++)
			if (b->tree[t].name && strstr(b->tree[t].name, text))
				return;
		ui_message(tr("没有名字含「%s」的地区"), text);
	}
}

static void filter_chosen(void *ctx, int key)
{
	struct board *b = ctx;

	if (key >= '1' && key <= '0' + STATE_COUNT) {
		b->state_mask = 1u << (key - '1');
	} else if (key == '8') {
		b->state_mask = 0;
		for (int s = 0; s < STATE_COUNT; s++)
			if (!state_is_closed((enum state)s))
				b->state_mask |= 1u << s;
	} else if (key == '0') {
		b->state_mask = 0;
		b->overdue_only = 0;
		b->due_within = 0;
	} else if (key == 'o') {
		b->overdue_only = !b->overdue_only;
	} else if (key == 'd') {
		char days[16];
		snprintf(days, sizeof days, "%d", b->due_within ? b->due_within : b->soon_days);
		ui_prompt(tr("几天内到期（0 取消）: "), days, NULL, soon_done, b);
		return;
	} else {
		return;
	}
	list_changed(b);
}

/* The state filter's choices with the count of each in the current list ("1 未开始 (20)"),
 * from the same query as the list (the tally for whole regions). */
static void filter_choices(struct board *b, char *buf, size_t size)
{
	struct board_query q;
	long counts[STATE_COUNT], open = 0;
	size_t len = 0;
	int exact = 1, ok;

	query_fill(b, &q);
	/* Each state of the list at once: the tally for a whole region, else the first 5000
	 * rows (a common search word over a million items has far more; the "+" says so), which
	 * keeps the menu within about 40 ms. */
	ok = db_board_state_counts(b->db, &q, 5000, counts, &exact) == 0;
	buf[0] = '\0';
	for (int s = 0; s < STATE_COUNT + 1; s++) {
		const char *label = s < STATE_COUNT ? state_label((enum state)s) : tr("未完成");
		long n = s < STATE_COUNT ? counts[s] : open;
		int w;
		if (s < STATE_COUNT && ok && !state_is_closed((enum state)s))
			open += counts[s];
		if (ok)
			w = snprintf(buf + len, size - len, tr("board\004%s%d%s(%ld%s)"), len ? " " : "",
			             s + 1, label, n, exact ? "" : "+");
		else
			w = snprintf(buf + len, size - len, tr("board\004%s%d%s"), len ? " " : "", s + 1,
			             label);
		if (w < 0 || (size_t)w >= size - len)
			return;
		len += (size_t)w;
	}
	snprintf(buf + len, size - len, " %s %s %s", tr("o 逾期"), tr("d 即将到期"), tr("0 全部"));
}

static void sort_chosen(void *ctx, int key)
{
	struct board *b = ctx;

	if (key < '1' || key >= '1' + BOARD_SORT_COUNT)
		return;
	b->sort = (enum board_sort)(key - '1');
	list_changed(b);
	if (b->searching)
		ui_message(tr("搜索结果按导入顺序列出；按%s排序在清除搜索后生效"), tr(sort_name[b->sort]));
}

/* ---- the item view's walk ----------------------------------------------------------- */

static int source_step(void *ctx, int delta, int64_t *id)
{
	struct board *b = ctx;
	long before;

	if (!b->nrows)
		return -1;
	before = b->top_pos + (long)b->isel;
	if (items_move(b, delta) < 0) {
		show_db_error(b);
		return -1;
	}
	if (b->top_pos + (long)b->isel == before)
		return -1;
	*id = b->rows[b->isel].id;
	return 0;
}

static int source_searching(const void *ctx)
{
	const struct board *b = ctx;

	return b->searching;
}

/* ---- actions ------------------------------------------------------------------------ */

static void move_tree(struct board *b, long delta)
{
	long to = (long)b->rsel + delta;

	if (to < 0)
		to = 0;
	if (to >= (long)b->nvis)
		to = (long)b->nvis - 1;
	if ((size_t)to == b->rsel)
		return;
	b->rsel = (size_t)to;
	region_changed(b);
}

static void move_entries(struct board *b, long delta)
{
	long to = (long)b->esel + delta;

	if (to < 0)
		to = 0;
	if (to > (long)b->nent)
		to = (long)b->nent;
	if ((size_t)to == b->esel)
		return;
	b->esel = (size_t)to;
	entry_changed(b);
}

static long page_of(const struct board *b)
{
	if (b->focus == FOCUS_ITEMS)
		return (long)window(b);
	return b->item_rows / 2 > 1 ? b->item_rows / 2 : 1;
}

static void move(struct board *b, long delta)
{
	if (b->focus == FOCUS_REGIONS)
		move_tree(b, delta);
	else if (b->focus == FOCUS_ENTRIES)
		move_entries(b, delta);
	else if (items_move(b, delta) < 0)
		show_db_error(b);
}

static void open_item(struct board *b)
{
	struct ui_view v;

	if (!b->nrows)
		return;
	if (view_item_open(b->db, b->rows[b->isel].id, &b->source, &v) == 0)
		ui_push(&v);
}

/* An edit key: a deadline, state or verification goes to the tagged items when there are
 * any; everything else (and those, without tags) to the selected item. */
static void edit(struct board *b, enum edit_kind kind)
{
	int batch = kind == EDIT_DEADLINE || kind == EDIT_STATE || kind == EDIT_VERIFY;

	if (b->ntags && batch) {
		view_edit_start(b->db, kind, b->tags, b->ntags, tags_done, b);
		return;
	}
	if (b->focus != FOCUS_ITEMS || !b->nrows) {
		ui_message("%s", tr("先选中一个事项（Enter 进入事项列表），或用 Space 标记几项"));
		return;
	}
	view_edit_start(b->db, kind, &b->rows[b->isel].id, 1, NULL, NULL);
}

static int act_edit(struct board *b, enum action a)
{
	switch (a) {
	case ACT_TAG:
		if (b->focus != FOCUS_ITEMS || !b->nrows) {
			ui_message("%s", tr("在事项列表里才能标记（Enter 进入）"));
			return 1;
		}
		toggle_tag(b, b->rows[b->isel].id);
		if (items_move(b, 1) < 0)
			show_db_error(b);
		return 1;
	case ACT_UNTAG_ALL:
		if (b->ntags)
			ui_message(tr("已清除 %zu 项的标记"), b->ntags);
		else
			ui_message("%s", tr("没有已标记的事项"));
		b->ntags = 0;
		return 1;
	case ACT_EDIT_DEADLINE: edit(b, EDIT_DEADLINE); return 1;
	case ACT_EDIT_STATE: edit(b, EDIT_STATE); return 1;
	case ACT_NOTE: edit(b, EDIT_NOTE); return 1;
	case ACT_VERIFY: edit(b, EDIT_VERIFY); return 1;
	case ACT_UNVERIFY: edit(b, EDIT_UNVERIFY); return 1;
	case ACT_UNDO: edit(b, EDIT_UNDO); return 1;
	case ACT_HISTORY: {
		const struct board_region *r = sel_region(b);
		struct ui_view v;
		if (view_history_open(b->db, 0, r ? r->id : 0, r ? r->name : "", &v) == 0)
			ui_push(&v);
		return 1;
	}
	default:
		return 0;
	}
}

static int act(void *self, enum action a)
{
	struct board *b = self;
	long page = page_of(b);

	if (act_edit(b, a))
		return 1;
	switch (a) {
	case ACT_DOWN: move(b, 1); return 1;
	case ACT_UP: move(b, -1); return 1;
	case ACT_HALF_DOWN: move(b, page / 2 > 0 ? page / 2 : 1); return 1;
	case ACT_HALF_UP: move(b, -(page / 2 > 0 ? page / 2 : 1)); return 1;
	case ACT_PAGE_DOWN: move(b, page); return 1;
	case ACT_PAGE_UP: move(b, -page); return 1;
	case ACT_TOP:
		if (b->focus == FOCUS_ITEMS) {
			if (items_first(b) < 0)
				show_db_error(b);
		} else {
			move(b, -(long)(b->nvis + b->nent + 1));
		}
		return 1;
	case ACT_BOTTOM:
		if (b->focus == FOCUS_ITEMS) {
			if (items_last(b) < 0)
				show_db_error(b);
		} else {
			move(b, (long)(b->nvis + b->nent + 1));
		}
		return 1;
	case ACT_ENTER:
		if (b->focus == FOCUS_REGIONS)
			b->focus = FOCUS_ENTRIES;
		else if (b->focus == FOCUS_ENTRIES)
			b->focus = FOCUS_ITEMS;
		else
			open_item(b);
		return 1;
	case ACT_BACK:
		if (b->focus == FOCUS_ITEMS) {
			b->focus = FOCUS_ENTRIES;
		} else if (b->focus == FOCUS_ENTRIES) {
			b->focus = FOCUS_REGIONS;
		} else if (sel_region(b) && sel_region(b)->id) {
			/* In the tree: up to the parent region (or "all regions"). */
			int64_t parent = sel_region(b)->parent_id;
			select_region_id(b, parent);
			region_changed(b);
		}
		return 1;
	case ACT_SEARCH:
		save_state(b);
		b->focus = FOCUS_ITEMS;
		b->typing = 1;
		ui_prompt(tr("搜索: "), "", search_changed, search_done, b);
		return 1;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (!b->searching) {
			ui_message("%s", tr("没有在搜索：按 / 开始"));
			return 1;
		}
		b->focus = FOCUS_ITEMS;
		{
			long before = b->top_pos + (long)b->isel;
			move(b, a == ACT_SEARCH_NEXT ? 1 : -1);
			if (b->top_pos + (long)b->isel != before)
				return 1;
			/* At an end: wrap around, and say so. */
			if ((a == ACT_SEARCH_NEXT ? items_first(b) : items_last(b)) < 0)
				show_db_error(b);
			else
				ui_message("%s", a == ACT_SEARCH_NEXT ? tr("已到最后一个匹配，回到第一个")
				                                      : tr("已到第一个匹配，回到最后一个"));
		}
		return 1;
	case ACT_PRINT: { /* issue 8: the summary of the region and filter in view */
		const struct board_region *r = sel_region(b);
		struct ui_view v;
		if (view_preview_summary(b->db, r ? r->id : 0, b->state_mask, b->overdue_only, &v) == 0) {
			ui_push(&v);
			if (b->searching)
				ui_message("%s", tr("汇总按地区和筛选统计，不含搜索条件"));
		}
		return 1;
	}
	case ACT_PRINT_NOTICE: { /* issue 8: the notice of the selected item */
		struct ui_view v;
		if (b->focus != FOCUS_ITEMS || b->nrows == 0)
			ui_message("%s", tr("先在事项列表中选择一个已销号的事项"));
		else if (view_preview_notice(b->db, b->rows[b->isel].id, &v) == 0)
			ui_push(&v);
		return 1;
	}
	case ACT_OVERDUE:
		b->overdue_only = !b->overdue_only;
		list_changed(b);
		if (b->overdue_only) {
			ui_message("%s", tr("只看逾期事项（o 恢复）"));
		} else {
			char f[256];
			filters_text(b, f, sizeof f);
			if (f[0] || b->searching)
				ui_message(tr("不再只看逾期；仍在筛选：%s%s%s（c 全部清除）"),
				           b->searching ? tr("搜索") : "", b->searching && f[0] ? " " : "",
				           f);
			else
				ui_message("%s", tr("显示全部事项"));
		}
		return 1;
	case ACT_FILTER: {
		static char choices[512];
		filter_choices(b, choices, sizeof choices);
		ui_choose(tr("筛选: "), choices, filter_chosen, b);
		return 1;
	}
	case ACT_SORT:
		ui_choose(tr("排序: "), tr("1按编号 2按期限 3按状态"), sort_chosen, b);
		return 1;
	case ACT_REGION:
		save_state(b);
		b->focus = FOCUS_REGIONS;
		ui_prompt(tr("地区: "), "", region_typed, region_done, b);
		return 1;
	case ACT_UNIT:
		save_state(b);
		b->focus = FOCUS_ITEMS;
		b->typing = 1;
		ui_prompt(tr("单位: "), b->unit, unit_changed, unit_done, b);
		return 1;
	case ACT_REMOVED:
		b->show_removed = !b->show_removed;
		list_changed(b);
		ui_message("%s", b->show_removed ? tr("也显示报告不再列出的事项（标为“不再列出”，按编号排列）")
		                                 : tr("不再显示报告不再列出的事项"));
		return 1;
	case ACT_CLEAR:
		b->searching = 0;
		b->search[0] = '\0';
		b->unit[0] = '\0';
		b->state_mask = 0;
		b->overdue_only = 0;
		b->due_within = 0;
		b->show_removed = 0;
		list_changed(b);
		ui_message("%s", tr("已清除搜索和筛选"));
		return 1;
	case ACT_CANCEL:
		if (!b->searching)
			return 0;
		b->searching = 0;
		b->search[0] = '\0';
		list_changed(b);
		return 1;
	case ACT_FOLD: {
		size_t t = b->nvis ? b->vis[b->rsel] : 0;
		if (t == 0 || !has_children(b, t)) {
			ui_message("%s", tr("这个地区没有下级"));
			return 1;
		}
		set_folded(b, b->tree[t].id, !is_folded(b, b->tree[t].id));
		vis_build(b);
		for (size_t i = 0; i < b->nvis; i++)
			if (b->vis[i] == t)
				b->rsel = i;
		return 1;
	}
	default:
		return 0;
	}
}

/* ---- lifecycle ---------------------------------------------------------------------- */

static void idle(void *self)
{
	struct board *b = self;
	int broken;

	if (!b->chain_due)
		return;
	b->chain_due = 0;
	broken = db_history_broken(b->db) == 1;
	if (broken != b->chain_broken) {
		b->chain_broken = broken;
		ui_dirty();
	}
}

static void reload(void *self)
{
	struct board *b = self;
	int64_t esel_report = 0, esel_cat = 0;
	int esel_kind = -1;
	char *esel_sub = NULL;
	const struct board_entry *e = sel_entry(b);

	b->chain_due = 1; /* the change may have come from a client that broke the chain */
	if (e) {
		esel_kind = (int)e->kind;
		esel_report = e->report_id;
		esel_cat = e->category_id;
		esel_sub = e->subcategory ? strdup(e->subcategory) : NULL;
	}
	if (tree_load(b) < 0 || entries_load(b) < 0) {
		free(esel_sub);
		show_db_error(b);
		return;
	}
	b->esel = 0;
	for (size_t i = 0; esel_kind >= 0 && i < b->nent; i++) {
		const struct board_entry *x = &b->ent[i];
		if ((int)x->kind == esel_kind && x->report_id == esel_report &&
		    x->category_id == esel_cat &&
		    ((!x->subcategory && !esel_sub) ||
		     (x->subcategory && esel_sub && strcmp(x->subcategory, esel_sub) == 0)))
			b->esel = i + 1;
	}
	free(esel_sub);
	if (items_reload(b) < 0)
		show_db_error(b);
}

static void close_board(void *self)
{
	struct board *b = self;

	rows_clear(b);
	db_board_entries_free(b->ent, b->nent);
	if (b->tree)
		for (size_t i = 0; i < b->ntree; i++)
			free(b->tree[i].name);
	free(b->tree);
	free(b->vis);
	free(b->folded);
	free(b->tags);
	free(b);
}

int view_board_open(struct db *db, struct ui_view *view, char *err, size_t errsize)
{
	struct board *b = calloc(1, sizeof *b);
	const char *path = ui_db_path(), *slash = strrchr(path, '/');

	if (!b) {
		snprintf(err, errsize, "out of memory");
		return -1;
	}
	b->db = db;
	/* The chain check hashes the newest history rows: about a millisecond, a sixth of the
	 * first screen on a million items. It runs at the first idle moment instead (well
	 * within a second), and again after every change to the data. */
	b->chain_due = 1;
	b->item_rows = ui_rows() > 3 ? ui_rows() - 3 : 1;
	b->soon_days = 30;
	b->source.step = source_step;
	b->source.searching = source_searching;
	b->source.ctx = b;
	snprintf(b->dbname, sizeof b->dbname, "%s", slash ? slash + 1 : path);
	if (tree_load(b) < 0 || entries_load(b) < 0 || items_first(b) < 0) {
		snprintf(err, errsize, "%s", db_errmsg(db));
		close_board(b);
		return -1;
	}
	memset(view, 0, sizeof *view);
	view->keys = KEYS_BOARD;
	/* Most useful first: the status line shows as many as fit, whole (ui.c). */
	view->hint = tr("/ 搜索  ? 帮助  r 地区  Enter 进入  h 返回  d 期限  S 状态  a 进展  "
	                "o 逾期  f 筛选  w 单位  p 打印  s 排序  x 不再列出  q 退出");
	view->draw = draw;
	view->act = act;
	view->status = status;
	view->title = title;
	view->reload = reload;
	view->idle = idle;
	view->close = close_board;
	view->self = b;
	return 0;
}
