/* summary.c — the summary page and the verification notice as data (issue 8): counts from the
 * tally rolled into the node's child regions, the three lists, the notice's texts from an
 * item. Model code: no curses, no printing, no exit; SQL lives in db_summary.c. */
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "db_board.h"
#include "db_summary.h"
#include "msg.h"
#include "summary_internal.h"

char *summary_date_words(long days, char *buf)
{
	int y, m, d;

	date_from_days(days, &y, &m, &d);
	snprintf(buf, 24, tr("%d年%d月%d日"), y, m, d);
	return buf;
}

int summary_percent_done(const struct summary_row *row)
{
	long done = row->by_state[STATE_DONE] + row->by_state[STATE_AWAITING_VERIFICATION] +
	            row->by_state[STATE_VERIFIED];

	return row->total > 0 ? (int)(done * 100 / row->total) : 0;
}

const char *summary_list_title(enum summary_list_kind kind)
{
	switch (kind) {
	case SUMMARY_OVERDUE: return tr("逾期事项");
	case SUMMARY_DUE_SOON: return tr("30日内到期事项");
	case SUMMARY_AWAITING: return tr("待验收事项");
	default: return "";
	}
}

/* ---- counts ------------------------------------------------------------------------------ */

struct bucket_of {
	int64_t region_id;
	size_t bucket; /* index in rows */
};

struct count_ctx {
	const struct summary_query *q;
	struct bucket_of *map; /* sorted by region id */
	size_t map_n;
	struct summary *s;
};

static int cmp_bucket(const void *a, const void *b)
{
	int64_t x = ((const struct bucket_of *)a)->region_id, y = ((const struct bucket_of *)b)->region_id;

	return x < y ? -1 : x > y;
}

static void row_add(struct summary_row *r, enum state st, long n, int overdue)
{
	r->by_state[st] += n;
	r->total += n;
	if (overdue)
		r->overdue += n;
}

static int count_row(int64_t region_id, enum state st, long due, long n, void *arg)
{
	struct count_ctx *c = arg;
	const struct summary_query *q = c->q;
	struct bucket_of key = {region_id, 0}, *hit;
	int open = !state_is_closed(st), dated = due != DB_SUMMARY_NO_DUE;
	int overdue = open && dated && due < q->today;

	hit = bsearch(&key, c->map, c->map_n, sizeof *c->map, cmp_bucket);
	if (!hit)
		return 0;
	if (q->state_mask && !(q->state_mask & (1u << st)))
		return 0;
	if (q->overdue_only && !overdue)
		return 0;
	row_add(&c->s->rows[hit->bucket], st, n, overdue);
	row_add(&c->s->total, st, n, overdue);
	if (overdue)
		c->s->lists[SUMMARY_OVERDUE].total += n;
	if (open && dated && due >= q->today && due <= q->today + SUMMARY_SOON_DAYS)
		c->s->lists[SUMMARY_DUE_SOON].total += n;
	if (st == STATE_AWAITING_VERIFICATION)
		c->s->lists[SUMMARY_AWAITING].total += n;
	return 0;
}

/* Finds the node: the region asked for, or with region 0 the one top-level region (when there
 * is exactly one). Sets *node to its index or SIZE_MAX (all top-level regions). */
static int find_node(const struct board_region *r, size_t n, int64_t region_id, size_t *node)
{
	size_t tops = 0, top = SIZE_MAX;

	*node = SIZE_MAX;
	if (region_id) {
		for (size_t i = 0; i < n; i++)
			if (r[i].id == region_id) {
				*node = i;
				return 0;
			}
		return -1;
	}
	for (size_t i = 0; i < n; i = r[i].subtree_end, tops++)
		top = i;
	if (tops == 1)
		*node = top;
	return 0;
}

/* Rows: the node's own items first (本级), then each child's subtree in tree order. */
static int build_rows(const struct board_region *r, size_t n, size_t node, struct summary *s,
                      struct bucket_of **map_out, size_t *map_n)
{
	size_t first = node == SIZE_MAX ? 0 : node + 1, end = node == SIZE_MAX ? n : r[node].subtree_end;
	size_t rows = node == SIZE_MAX ? 0 : 1, m = 0;
	struct bucket_of *map;

	for (size_t i = first; i < end; i = r[i].subtree_end)
		rows++;
	s->rows = calloc(rows ? rows : 1, sizeof *s->rows);
	map = calloc(n ? n : 1, sizeof *map);
	if (!s->rows || !map) {
		free(map);
		return -1;
	}
	if (node != SIZE_MAX) {
		s->rows[0].region_id = r[node].id;
		s->rows[0].own = 1;
		s->rows[0].name = summary_format_string(tr("%s本级"), r[node].name);
		map[m++] = (struct bucket_of){r[node].id, 0};
		s->row_count = 1;
	}
	for (size_t i = first; i < end; i = r[i].subtree_end) {
		struct summary_row *row = &s->rows[s->row_count];

		row->region_id = r[i].id;
		row->name = summary_copy_string(r[i].name);
		for (size_t j = i; j < r[i].subtree_end; j++)
			map[m++] = (struct bucket_of){r[j].id, s->row_count};
		s->row_count++;
	}
	qsort(map, m, sizeof *map, cmp_bucket);
	*map_out = map;
	*map_n = m;
	return 0;
}

static void row_free(struct summary_row *r)
{
	free(r->name);
}

/* ---- lists ------------------------------------------------------------------------------- */

struct list_ctx {
	struct summary_list *list;
	enum summary_list_kind kind;
	long today;
	size_t cap;
	int failed;
};

static int list_row(const struct db_summary_row *row, void *arg)
{
	struct list_ctx *c = arg;
	struct summary_item *it;

	if (c->list->count == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct summary_item *p = realloc(c->list->items, cap * sizeof *p);
		if (!p) {
			c->failed = 1;
			return 1;
		}
		c->list->items = p;
		c->cap = cap;
	}
	it = &c->list->items[c->list->count++];
	memset(it, 0, sizeof *it);
	it->id = row->id;
	it->no = summary_copy_string(row->no);
	it->region = summary_copy_string(row->region);
	it->text = summary_cut_string(row->text, SUMMARY_TEXT_CHARS);
	it->deadline = row->deadline ? summary_copy_string(row->deadline) : NULL;
	it->state = row->state;
	it->due = row->due == DB_SUMMARY_NO_DUE ? -1 : row->due;
	if (c->kind == SUMMARY_OVERDUE)
		it->days = c->today - row->due;
	else if (c->kind == SUMMARY_DUE_SOON)
		it->days = row->due - c->today;
	return 0;
}

static const char *filter_words(const struct summary_query *q, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	if (!q->state_mask && !q->overdue_only)
		return tr("全部事项");
	if (q->overdue_only)
		len += (size_t)snprintf(buf, size, "%s", tr("仅逾期事项"));
	if (q->state_mask) {
		len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? tr("，") : "",
		                        tr("状态："));
		for (int st = 0, first = 1; st < STATE_COUNT && len < size; st++) {
			if (!(q->state_mask & (1u << st)))
				continue;
			len += (size_t)snprintf(buf + len, size - len, "%s%s", first ? "" : tr("、"),
			                        state_label((enum state)st));
			first = 0;
		}
	}
	return buf;
}

int summary_build(struct db *db, const struct summary_query *q, struct summary *out)
{
	static const enum db_summary_list kinds[SUMMARY_LISTS] = {
		DB_SUMMARY_OVERDUE, DB_SUMMARY_DUE_SOON, DB_SUMMARY_AWAITING};
	struct board_region *regions = NULL;
	struct bucket_of *map = NULL;
	size_t n = 0, node, map_n = 0;
	char words[256];
	int rc = -1;

	memset(out, 0, sizeof *out);
	out->today = q->today;
	if (db_board_regions(db, q->today, &regions, &n) < 0)
		return -1;
	if (find_node(regions, n, q->region_id, &node) < 0) {
		db_board_regions_free(regions, n);
		return DB_NOT_FOUND;
	}
	out->region = summary_copy_string(node == SIZE_MAX ? tr("全部地区") : regions[node].name);
	out->title = summary_format_string(tr("%s生态环境保护督察整改进展汇总"),
	                                   out->region ? out->region : "");
	out->filter = summary_copy_string(filter_words(q, words, sizeof words));
	out->who = summary_copy_string(q->who);
	out->total.name = summary_copy_string(tr("合计"));
	if (build_rows(regions, n, node, out, &map, &map_n) < 0)
		goto done;
	{
		struct count_ctx c = {q, map, map_n, out};
		if (db_summary_tally(db, count_row, &c) != 0)
			goto done;
	}
	for (int k = 0; k < SUMMARY_LISTS; k++) {
		struct db_summary_query lq = {kinds[k], node == SIZE_MAX ? 0 : regions[node].id,
		                              q->state_mask, q->today, SUMMARY_SOON_DAYS, q->limit};
		struct list_ctx c = {&out->lists[k], (enum summary_list_kind)k, q->today, 0, 0};

		/* The lists follow the filter: with overdue only, nothing is due soon or awaiting. */
		if (q->overdue_only && k != SUMMARY_OVERDUE) {
			out->lists[k].total = 0;
			continue;
		}
		if (db_summary_items(db, &lq, list_row, &c) != 0 && !c.failed)
			goto done;
		if (c.failed)
			goto done;
	}
	/* The node's own row only when it has items (under the filter): a region whose reports
	 * all name its subregions would otherwise print a row of zeros. */
	if (out->row_count && out->rows[0].own && out->rows[0].total == 0) {
		row_free(&out->rows[0]);
		memmove(out->rows, out->rows + 1, (out->row_count - 1) * sizeof *out->rows);
		out->row_count--;
	}
	rc = 0;
done:
	free(map);
	db_board_regions_free(regions, n);
	if (rc != 0)
		summary_free(out);
	return rc;
}

void summary_free(struct summary *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->row_count; i++)
		row_free(&s->rows[i]);
	free(s->rows);
	row_free(&s->total);
	for (int k = 0; k < SUMMARY_LISTS; k++) {
		for (size_t i = 0; i < s->lists[k].count; i++) {
			struct summary_item *it = &s->lists[k].items[i];
			free(it->no);
			free(it->region);
			free(it->text);
			free(it->deadline);
		}
		free(s->lists[k].items);
	}
	free(s->region);
	free(s->title);
	free(s->filter);
	free(s->who);
	memset(s, 0, sizeof *s);
}
