/* db_board.c — the board's SQL: region tree and tallies, region outlines, keyset pages of items,
 * search through the trigram index, data_version polling. Model code: no curses, no printing.
 * Statements are assembled only from the constant fragments below; every value is bound. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db_board.h"
#include "db_internal.h"
#include "text.h"

/* Sort keys. These expressions must stay exactly as in the indexes of migration 1 in
 * db_schema.c (item_board_due, item_board_state); the state rank follows enum state. */
#define STATE_RANK                                                                            \
	"(CASE state WHEN 'pending' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_schedule' THEN 2" \
	" WHEN 'behind' THEN 3 WHEN 'done' THEN 4 WHEN 'awaiting_verification' THEN 5"          \
	" ELSE 6 END)"
#define DUE_KEY "ifnull(due, '~')"

/* A search that scans (see search_plan) counts at most this many matches. */
#define SCAN_COUNT_CAP 1000
/* A one- or two-character search ORs the index terms that start with it, up to this many,
 * listed within this time (see prefix_terms). */
#define MAX_TERMS 1000
#define TERMS_BUDGET_MS 15.0

struct sql {
	char text[3072];
	size_t len;
	int overflow;
};

static void sql_add(struct sql *s, const char *fragment)
{
	size_t n = strlen(fragment);

	if (s->len + n + 1 > sizeof s->text) {
		s->overflow = 1;
		return;
	}
	memcpy(s->text + s->len, fragment, n + 1);
	s->len += n;
}

static sqlite3_stmt *prepare(struct db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail_sqlite(db, "preparing a board query");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* Binds by name, skipping parameters the statement does not have. */
static void bind_int64(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i > 0)
		sqlite3_bind_int64(st, i, v);
}

static void bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i > 0)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static char *col_clean(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? text_sanitize(s, (size_t)sqlite3_column_bytes(st, i), 0) : NULL;
}

/* Bit mask of the closed states (state_is_closed), bound as :closed beside STATE_RANK. */
static int64_t closed_mask(void)
{
	int64_t m = 0;

	for (int s = 0; s < STATE_COUNT; s++)
		if (state_is_closed((enum state)s))
			m |= (int64_t)1 << s;
	return m;
}

static void bind_today(sqlite3_stmt *st, long today)
{
	char iso[16];

	bind_text(st, ":today", date_format_iso(today, iso));
	bind_int64(st, ":today_days", today);
	bind_int64(st, ":closed", closed_mask());
}

int db_board_data_version(struct db *db, int64_t *version)
{
	sqlite3_stmt *st = prepare(db, "PRAGMA data_version");
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail_sqlite(db, "reading data_version");
}

/* ---- regions ---------------------------------------------------------------------------- */

void db_board_regions_free(struct board_region *regions, size_t n)
{
	if (!regions)
		return;
	for (size_t i = 0; i < n; i++)
		free(regions[i].name);
	free(regions);
}

struct raw_region {
	int64_t id, parent_id;
	char *name;
	size_t parent; /* index in raw, or SIZE_MAX for a top-level region */
	size_t first_child, next_sibling;
	long counts[BOARD_COUNT_N];
};

static int raw_find(const struct raw_region *raw, size_t n, int64_t id, size_t *at)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (raw[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && raw[lo].id == id) {
		*at = lo;
		return 1;
	}
	return 0;
}

static int load_raw_regions(struct db *db, struct raw_region **out, size_t *n)
{
	sqlite3_stmt *st = prepare(db, "SELECT id, ifnull(parent_id, 0), name FROM region ORDER BY id");
	struct raw_region *raw = NULL;
	size_t count = 0, cap = 0;
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			struct raw_region *p;
			cap = cap ? cap * 2 : 64;
			if (!(p = realloc(raw, cap * sizeof *raw)))
				break;
			raw = p;
		}
		memset(&raw[count], 0, sizeof raw[count]);
		raw[count].id = sqlite3_column_int64(st, 0);
		raw[count].parent_id = sqlite3_column_int64(st, 1);
		raw[count].name = col_clean(st, 2);
		count++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < count; i++)
			free(raw[i].name);
		free(raw);
		return rc == SQLITE_ROW ? db_fail(db, "out of memory") : db_fail_sqlite(db, "regions");
	}
	*out = raw;
	*n = count;
	return 0;
}

/* Adds the tally (integers: state rank, due in days, see db_schema.c) into the regions' own
 * counts, summed here in one pass over the rows, which are in region order. */
static int load_tally(struct db *db, long today, struct raw_region *raw, size_t n)
{
	sqlite3_stmt *st = prepare(db, "SELECT region_id, state, due, n FROM item_tally WHERE n > 0");
	size_t at = 0;
	int64_t last = -1;
	int found = 0, rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t region = sqlite3_column_int64(st, 0);
		int s = sqlite3_column_int(st, 1);
		int64_t due = sqlite3_column_int64(st, 2);
		long count = (long)sqlite3_column_int64(st, 3);
		if (region != last) {
			last = region;
			found = raw_find(raw, n, region, &at);
		}
		if (!found || s < 0 || s >= STATE_COUNT)
			continue;
		raw[at].counts[BOARD_ITEMS] += count;
		if (s == STATE_AWAITING_VERIFICATION)
			raw[at].counts[BOARD_AWAITING] += count;
		else if (s == STATE_VERIFIED)
			raw[at].counts[BOARD_VERIFIED] += count;
		if (!state_is_closed((enum state)s) && due < today)
			raw[at].counts[BOARD_OVERDUE] += count;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail_sqlite(db, "region counts");
}

int db_board_regions(struct db *db, long today, struct board_region **out, size_t *n)
{
	struct raw_region *raw = NULL;
	struct board_region *res;
	size_t count = 0, top = SIZE_MAX, *stack, *parent_of, *at, k = 0;

	*out = NULL;
	*n = 0;
	if (load_raw_regions(db, &raw, &count) < 0)
		return -1;
	if (load_tally(db, today, raw, count) < 0)
		goto fail_raw;
	/* Children lists in id order: walk backwards, prepending. A region whose parent does not
	 * exist is top-level. */
	for (size_t i = 0; i < count; i++) {
		raw[i].first_child = raw[i].next_sibling = SIZE_MAX;
		if (!raw[i].parent_id || !raw_find(raw, count, raw[i].parent_id, &raw[i].parent) ||
		    raw[i].parent == i)
			raw[i].parent = SIZE_MAX;
	}
	for (size_t i = count; i-- > 0;) {
		if (raw[i].parent == SIZE_MAX) {
			raw[i].next_sibling = top;
			top = i;
		} else {
			raw[i].next_sibling = raw[raw[i].parent].first_child;
			raw[raw[i].parent].first_child = i;
		}
	}
	res = calloc(count + 1, sizeof *res);
	stack = calloc(count + 1, sizeof *stack);
	parent_of = calloc(count + 1, sizeof *parent_of);
	at = calloc(count + 1, sizeof *at);
	if (!res || !stack || !parent_of || !at) {
		free(res);
		free(stack);
		free(parent_of);
		free(at);
		db_fail(db, "out of memory");
		goto fail_raw;
	}
	for (size_t i = 0; i < count; i++)
		at[i] = SIZE_MAX;
	/* Preorder walk from the top-level regions, then from any region that a cycle in
	 * parent_id (which the schema cannot forbid) left unreached; each region is emitted once.
	 * The stack holds raw indices; children are pushed in reverse so they pop in id order. */
	for (size_t start = 0; start <= count; start++) {
		size_t sp = 0;
		if (start == 0) {
			for (size_t r = top; r != SIZE_MAX; r = raw[r].next_sibling)
				sp++;
			for (size_t r = top, i = sp; r != SIZE_MAX; r = raw[r].next_sibling)
				stack[--i] = r;
		} else if (at[start - 1] == SIZE_MAX) {
			stack[sp++] = start - 1;
		}
		while (sp > 0) {
			size_t node = stack[--sp], m = 0, p = raw[node].parent;
			struct board_region *r = &res[k];
			if (at[node] != SIZE_MAX)
				continue;
			at[node] = k;
			parent_of[k] = p != SIZE_MAX && at[p] != SIZE_MAX ? at[p] : SIZE_MAX;
			r->id = raw[node].id;
			r->name = raw[node].name;
			raw[node].name = NULL;
			memcpy(r->counts, raw[node].counts, sizeof r->counts);
			r->parent_id = parent_of[k] == SIZE_MAX ? 0 : res[parent_of[k]].id;
			r->depth = parent_of[k] == SIZE_MAX ? 0 : res[parent_of[k]].depth + 1;
			k++;
			for (size_t c = raw[node].first_child; c != SIZE_MAX; c = raw[c].next_sibling)
				if (at[c] == SIZE_MAX)
					m++;
			sp += m;
			for (size_t c = raw[node].first_child, i = sp; c != SIZE_MAX; c = raw[c].next_sibling)
				if (at[c] == SIZE_MAX)
					stack[--i] = c;
		}
	}
	/* subtree_end: the next region at the same or a smaller depth; counts: add each region
	 * into its parent, children first (backwards over the preorder). */
	for (size_t i = 0; i < k; i++) {
		size_t j = i + 1;
		while (j < k && res[j].depth > res[i].depth)
			j++;
		res[i].subtree_end = j;
	}
	for (size_t i = k; i-- > 0;)
		if (parent_of[i] != SIZE_MAX)
			for (int c = 0; c < BOARD_COUNT_N; c++)
				res[parent_of[i]].counts[c] += res[i].counts[c];
	free(stack);
	free(parent_of);
	free(at);
	for (size_t i = 0; i < count; i++)
		free(raw[i].name);
	free(raw);
	*out = res;
	*n = k;
	return 0;
fail_raw:
	for (size_t i = 0; i < count; i++)
		free(raw[i].name);
	free(raw);
	return -1;
}

/* ---- outline of a region ---------------------------------------------------------------- */

void db_board_entries_free(struct board_entry *entries, size_t n)
{
	if (!entries)
		return;
	for (size_t i = 0; i < n; i++) {
		free(entries[i].label);
		free(entries[i].title);
		free(entries[i].subcategory);
	}
	free(entries);
}

struct entry_list {
	struct board_entry *v;
	size_t n, cap;
};

static struct board_entry *entry_push(struct entry_list *l)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct board_entry *p = realloc(l->v, cap * sizeof *p);
		if (!p)
			return NULL;
		l->v = p;
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof l->v[0]);
	return &l->v[l->n++];
}

int db_board_entries(struct db *db, int64_t region_id, long today, struct board_entry **out,
                     size_t *n)
{
	/* One pass over reports, categories and per-(category, subcategory) counts, merged in SQL
	 * order: a report row (kind 0), its categories (kind 1) and their subcategories (kind 2,
	 * in order of first appearance). */
	static const char q[] =
	    "WITH counts AS ("
	    "  SELECT item.category_id AS cid, item.subcategory AS sub, count(*) AS n,"
	    "   sum(CASE WHEN ifnull(item.due, '~') < :today AND NOT ((:closed >> " STATE_RANK
	    ") & 1) THEN 1 ELSE 0 END) AS late, min(item.seq) AS first"
	    "  FROM item WHERE item.removed = 0 AND item.report_id IN"
	    "   (SELECT id FROM report WHERE region_id = :region)"
	    "  GROUP BY 1, 2)"
	    " SELECT 0, report.id, 0, NULL, report.title, NULL,"
	    "  (SELECT ifnull(sum(n), 0) FROM counts JOIN category ON category.id = counts.cid"
	    "   WHERE category.report_id = report.id),"
	    "  (SELECT ifnull(sum(late), 0) FROM counts JOIN category ON category.id = counts.cid"
	    "   WHERE category.report_id = report.id), report.id, -1, -1"
	    " FROM report WHERE report.region_id = :region"
	    " UNION ALL"
	    " SELECT 1, category.report_id, category.id, category.label, category.title, NULL,"
	    "  (SELECT ifnull(sum(n), 0) FROM counts WHERE cid = category.id),"
	    "  (SELECT ifnull(sum(late), 0) FROM counts WHERE cid = category.id),"
	    "  category.report_id, category.seq, -1"
	    " FROM category JOIN report ON report.id = category.report_id"
	    " WHERE report.region_id = :region"
	    " UNION ALL"
	    " SELECT 2, category.report_id, category.id, NULL, counts.sub, counts.sub, counts.n,"
	    "  counts.late, category.report_id, category.seq, counts.first"
	    " FROM counts JOIN category ON category.id = counts.cid"
	    " WHERE counts.sub IS NOT NULL AND counts.sub <> ''"
	    " ORDER BY 9, 10, 11";
	sqlite3_stmt *st = prepare(db, q);
	struct entry_list l = {0};
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	bind_int64(st, ":region", region_id);
	bind_today(st, today);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct board_entry *e = entry_push(&l);
		if (!e)
			break;
		e->kind = (enum board_entry_kind)sqlite3_column_int(st, 0);
		e->report_id = sqlite3_column_int64(st, 1);
		e->category_id = sqlite3_column_int64(st, 2);
		e->label = col_clean(st, 3);
		e->title = col_clean(st, 4);
		if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			e->subcategory = strdup((const char *)sqlite3_column_text(st, 5));
		e->items = (long)sqlite3_column_int64(st, 6);
		e->overdue = (long)sqlite3_column_int64(st, 7);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_board_entries_free(l.v, l.n);
		return rc == SQLITE_ROW ? db_fail(db, "out of memory") : db_fail_sqlite(db, "outline");
	}
	*out = l.v;
	*n = l.n;
	return 0;
}

/* ---- item lists ------------------------------------------------------------------------- */

void db_board_item_clear(struct board_item *item)
{
	free(item->no);
	free(item->head);
	free(item->region);
	free(item->deadline);
	memset(item, 0, sizeof *item);
}

/* How a search is run. Three characters or more: a phrase of the trigram index. One or two
 * characters (a Chinese word is usually two): the index's terms that start with them, ORed
 * (every position of a text starts a term, see the two trailing spaces in db_schema.c); a
 * prefix so common that it has more terms than MAX_TERMS is scanned instead with LIKE, which
 * finds a page of such a common string at once. */
enum search_kind { SEARCH_NONE, SEARCH_PHRASE, SEARCH_TERMS, SEARCH_SCAN, SEARCH_NOTHING };

struct search_plan {
	enum search_kind kind;
	char *fts;  /* MATCH expression for PHRASE and TERMS */
	char *like; /* LIKE pattern for SCAN */
};

static int is_fts(const struct search_plan *p)
{
	return p->kind == SEARCH_PHRASE || p->kind == SEARCH_TERMS;
}

static int utf8_chars(const char *s)
{
	int n = 0;
	size_t len = strlen(s), i = 0;

	while (i < len) {
		uint32_t cp;
		i += text_decode(s + i, len - i, &cp);
		n++;
	}
	return n;
}

/* Appends s as an FTS5 string ("..." with quotes doubled), after sep when not the first. */
static int fts_quote(char **buf, size_t *len, size_t *cap, const char *s, const char *sep)
{
	size_t need = strlen(s) * 2 + strlen(sep) + 4;

	if (*len + need > *cap) {
		size_t c = (*cap + need) * 2;
		char *p = realloc(*buf, c);
		if (!p)
			return -1;
		*buf = p;
		*cap = c;
	}
	if (*len)
		for (const char *t = sep; *t; t++)
			(*buf)[(*len)++] = *t;
	(*buf)[(*len)++] = '"';
	for (; *s; s++) {
		if (*s == '"')
			(*buf)[(*len)++] = '"';
		(*buf)[(*len)++] = *s;
	}
	(*buf)[(*len)++] = '"';
	(*buf)[*len] = '\0';
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* The terms that start with query (stored case-folded), ORed. Listing them costs what their
 * postings hold (fts5vocab counts each term's documents), which grows with how common the
 * query is, while a LIKE scan finds a page of a common string at once: past TERMS_BUDGET_MS
 * the listing stops and the search scans. Either way the same items are found. */
static int prefix_terms(struct db *db, const char *query, struct search_plan *p)
{
	double start = now_ms();
	sqlite3_stmt *st = prepare(db, "SELECT term FROM item_fts_terms"
	                               " WHERE term >= :lo AND term < :lo || char(1114111)"
	                               " LIMIT :max");
	char lo[16];
	size_t len = 0, cap = 0, count = 0, ql = strlen(query);
	int rc;

	if (!st)
		return -1;
	if (ql >= sizeof lo)
		ql = sizeof lo - 1;
	for (size_t i = 0; i < ql; i++)
		lo[i] = (query[i] >= 'A' && query[i] <= 'Z') ? (char)(query[i] - 'A' + 'a') : query[i];
	lo[ql] = '\0';
	bind_text(st, ":lo", lo);
	bind_int64(st, ":max", MAX_TERMS + 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (fts_quote(&p->fts, &len, &cap, (const char *)sqlite3_column_text(st, 0), " OR ") < 0)
			break;
		count++;
		if (now_ms() - start > TERMS_BUDGET_MS) {
			count = MAX_TERMS + 1;
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(p->fts);
		p->fts = NULL;
		return rc == SQLITE_ROW ? db_fail(db, "out of memory") : db_fail_sqlite(db, "search");
	}
	if (count == 0) {
		p->kind = SEARCH_NOTHING;
	} else if (count > MAX_TERMS) {
		free(p->fts);
		p->fts = NULL;
		p->kind = SEARCH_SCAN;
	} else {
		p->kind = SEARCH_TERMS;
	}
	return 0;
}

/* The last plan made, so that the page and the count of one keystroke (and the moves that
 * follow) list the terms once. It is valid while the query, the connection and the data are
 * the same: another connection's commit changes data_version, this one's total_changes. */
static struct {
	const struct db *db;
	int64_t version, changes;
	char query[256];
	struct search_plan plan;
} plan_cache;

static int plan_copy(struct db *db, const struct search_plan *from, struct search_plan *to)
{
	*to = *from;
	to->fts = from->fts ? strdup(from->fts) : NULL;
	to->like = from->like ? strdup(from->like) : NULL;
	if ((from->fts && !to->fts) || (from->like && !to->like)) {
		free(to->fts);
		free(to->like);
		return db_fail(db, "out of memory");
	}
	return 0;
}

static int search_plan_make(struct db *db, const char *query, struct search_plan *p);

static int search_plan(struct db *db, const char *query, struct search_plan *p)
{
	int64_t version, changes = sqlite3_total_changes(db_sqlite(db));

	memset(p, 0, sizeof *p);
	if (!query || !*query)
		return 0;
	if (db_board_data_version(db, &version) < 0)
		return -1;
	if (plan_cache.db == db && plan_cache.version == version && plan_cache.changes == changes &&
	    strcmp(plan_cache.query, query) == 0)
		return plan_copy(db, &plan_cache.plan, p);
	if (search_plan_make(db, query, p) < 0)
		return -1;
	if (strlen(query) < sizeof plan_cache.query) {
		free(plan_cache.plan.fts);
		free(plan_cache.plan.like);
		memset(&plan_cache, 0, sizeof plan_cache);
		if (plan_copy(db, p, &plan_cache.plan) == 0) {
			plan_cache.db = db;
			plan_cache.version = version;
			plan_cache.changes = changes;
			snprintf(plan_cache.query, sizeof plan_cache.query, "%s", query);
		}
	}
	return 0;
}

static int search_plan_make(struct db *db, const char *query, struct search_plan *p)
{
	memset(p, 0, sizeof *p);
	if (!query || !*query)
		return 0;
	if (utf8_chars(query) >= 3) {
		size_t len = 0, cap = 0;
		p->kind = SEARCH_PHRASE;
		if (fts_quote(&p->fts, &len, &cap, query, "") < 0)
			return db_fail(db, "out of memory");
		return 0;
	}
	if (prefix_terms(db, query, p) < 0)
		return -1;
	if (p->kind == SEARCH_SCAN) {
		/* LIKE with % and _ escaped; ASCII case-insensitive, like the trigram index. */
		size_t ql = strlen(query), k = 0;
		if (!(p->like = malloc(ql * 2 + 3)))
			return db_fail(db, "out of memory");
		p->like[k++] = '%';
		for (size_t i = 0; i < ql; i++) {
			if (query[i] == '%' || query[i] == '_' || query[i] == '\\')
				p->like[k++] = '\\';
			p->like[k++] = query[i];
		}
		p->like[k++] = '%';
		p->like[k] = '\0';
	}
	return 0;
}

static void search_plan_free(struct search_plan *p)
{
	free(p->fts);
	free(p->like);
}

/* Whether q asks for anything besides a search over all regions. */
static int has_filters(const struct board_query *q)
{
	return q->region_id || q->report_id || q->category_id || q->state_mask || q->overdue_only;
}

/* How a region is scoped: through an index on the region's rows (by report, so that the
 * report-order index gives them in order; by region for a scan of texts), which then are
 * sorted when the order is another; or row by row while the order's index (or the search
 * index) drives the query ('+' keeps SQLite from using an index on region_id). */
enum region_by { REGION_BY_INDEX, REGION_BY_ROW };

/* The conditions of q on table item, each starting with " AND". */
static void add_filters(struct sql *s, const struct board_query *q, const struct search_plan *p,
                        enum region_by by)
{
	if (q->region_id) {
		if (p->kind == SEARCH_NONE && by == REGION_BY_INDEX)
			sql_add(s, " AND item.report_id IN (SELECT report.id FROM report WHERE"
			           " report.region_id IN (SELECT id FROM sub))");
		else if (p->kind == SEARCH_SCAN && by == REGION_BY_INDEX)
			sql_add(s, " AND item.region_id IN (SELECT id FROM sub)");
		else
			sql_add(s, " AND +item.region_id IN (SELECT id FROM sub)");
	}
	if (q->report_id)
		sql_add(s, " AND item.report_id = :report");
	if (q->category_id)
		sql_add(s, " AND item.category_id = :category");
	if (q->category_id && q->subcategory)
		sql_add(s, " AND item.subcategory = :subcategory");
	if (q->state_mask)
		sql_add(s, " AND ((:mask >> " STATE_RANK ") & 1)");
	if (q->overdue_only)
		sql_add(s, " AND " DUE_KEY " < :today AND NOT ((:closed >> " STATE_RANK ") & 1)");
	if (p->kind == SEARCH_SCAN)
		sql_add(s, " AND item.text LIKE :like ESCAPE '\\'");
	else if (p->kind == SEARCH_NOTHING)
		sql_add(s, " AND 0");
}

static void add_region_cte(struct sql *s, const struct board_query *q)
{
	if (q->region_id)
		sql_add(s, "WITH RECURSIVE sub(id) AS (SELECT :region UNION"
		           " SELECT region.id FROM region JOIN sub ON region.parent_id = sub.id) ");
}

/* FROM and the first condition: a search by the index drives the query from the index in
 * rowid (= item id) order, so a page stops after its rows however many texts match. */
static void add_from(struct sql *s, const struct search_plan *p)
{
	if (is_fts(p))
		sql_add(s, " FROM item_fts CROSS JOIN item ON item.id = item_fts.rowid"
		           " WHERE item_fts MATCH :fts AND item.removed = 0");
	else
		sql_add(s, " FROM item WHERE item.removed = 0");
}

static void bind_query(sqlite3_stmt *st, const struct board_query *q, const struct search_plan *p)
{
	bind_int64(st, ":region", q->region_id);
	bind_int64(st, ":report", q->report_id);
	bind_int64(st, ":category", q->category_id);
	if (q->subcategory)
		bind_text(st, ":subcategory", q->subcategory);
	bind_int64(st, ":mask", q->state_mask);
	bind_today(st, q->today);
	if (p->fts)
		bind_text(st, ":fts", p->fts);
	if (p->like)
		bind_text(st, ":like", p->like);
}

/* The orders of a list: the three sorts, and item id for search results. */
enum order { ORDER_REPORT, ORDER_DUE, ORDER_STATE, ORDER_ID, ORDER_FTS, ORDER_COUNT };

static enum order order_of(const struct board_query *q, const struct search_plan *p)
{
	if (is_fts(p))
		return ORDER_FTS;
	if (p->kind != SEARCH_NONE)
		return ORDER_ID;
	return q->sort == BOARD_SORT_DUE ? ORDER_DUE : q->sort == BOARD_SORT_STATE ? ORDER_STATE
	                                                                            : ORDER_REPORT;
}

/* The sort key as a row value, and its ORDER BY. */
static const char *const order_key[ORDER_COUNT] = {
	"(item.report_id, item.seq, item.id)",
	"(" DUE_KEY ", item.id)",
	"(" STATE_RANK ", " DUE_KEY ", item.id)",
	"item.id",
	"item_fts.rowid",
};
static const char *const order_asc[ORDER_COUNT] = {
	" ORDER BY item.report_id, item.seq, item.id",
	" ORDER BY " DUE_KEY ", item.id",
	" ORDER BY " STATE_RANK ", " DUE_KEY ", item.id",
	" ORDER BY item.id",
	" ORDER BY item_fts.rowid",
};
static const char *const order_desc[ORDER_COUNT] = {
	" ORDER BY item.report_id DESC, item.seq DESC, item.id DESC",
	" ORDER BY " DUE_KEY " DESC, item.id DESC",
	" ORDER BY " STATE_RANK " DESC, " DUE_KEY " DESC, item.id DESC",
	" ORDER BY item.id DESC",
	" ORDER BY item_fts.rowid DESC",
};
static const char *const key_params[ORDER_COUNT] = {
	"(:k1, :k2, :k3)", "(:k1, :k2)", "(:k1, :k2, :k3)", ":k1", ":k1",
};

/* A region in an order its index does not give (due date, state, a scan of texts in id
 * order): sorting the region's rows costs what the region holds, walking the order's index
 * and skipping other regions' rows costs what the rest holds. The tally says which is
 * smaller; a region with more than 1/REGION_SHARE of the items is walked (at most
 * REGION_SHARE rows read per row shown), a smaller one is sorted. */
#define REGION_SHARE 50

static int region_by(struct db *db, const struct board_query *q, enum order order,
                     enum region_by *by)
{
	sqlite3_stmt *st;
	int rc;

	*by = REGION_BY_INDEX;
	if (!q->region_id || (order != ORDER_DUE && order != ORDER_STATE && order != ORDER_ID))
		return 0;
	st = prepare(db, "WITH RECURSIVE sub(id) AS (SELECT :region UNION"
	                 " SELECT region.id FROM region JOIN sub ON region.parent_id = sub.id)"
	                 " SELECT ifnull(sum(CASE WHEN region_id IN (SELECT id FROM sub) THEN n END),"
	                 " 0), ifnull(sum(n), 0) FROM item_tally");
	if (!st)
		return -1;
	bind_int64(st, ":region", q->region_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW &&
	    sqlite3_column_int64(st, 0) * REGION_SHARE > sqlite3_column_int64(st, 1))
		*by = REGION_BY_ROW;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail_sqlite(db, "sizing the region");
}

static void bind_key(sqlite3_stmt *st, enum order order, const struct board_item *key)
{
	char iso[16];
	const char *due = key->due_kind == DUE_DATE ? date_format_iso(key->due, iso) : "~";

	switch (order) {
	case ORDER_REPORT:
		bind_int64(st, ":k1", key->report_id);
		bind_int64(st, ":k2", key->seq);
		bind_int64(st, ":k3", key->id);
		break;
	case ORDER_DUE:
		bind_text(st, ":k1", due);
		bind_int64(st, ":k2", key->id);
		break;
	case ORDER_STATE:
		bind_int64(st, ":k1", key->state);
		bind_text(st, ":k2", due);
		bind_int64(st, ":k3", key->id);
		break;
	default:
		bind_int64(st, ":k1", key->id);
		break;
	}
}

static void add_key_cond(struct sql *s, enum order order, const char *op)
{
	sql_add(s, " AND ");
	sql_add(s, order_key[order]);
	sql_add(s, op);
	sql_add(s, key_params[order]);
}

static void row_from(sqlite3_stmt *st, long today, struct board_item *it)
{
	const char *state = (const char *)sqlite3_column_text(st, 8);
	const char *kind = (const char *)sqlite3_column_text(st, 9);
	int s = state ? state_from_name(state) : -1;

	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(st, 0);
	it->report_id = sqlite3_column_int64(st, 1);
	it->region_id = sqlite3_column_int64(st, 2);
	it->seq = sqlite3_column_int(st, 3);
	it->no = col_clean(st, 4);
	it->head = col_clean(st, 5);
	it->region = col_clean(st, 6);
	it->deadline = col_clean(st, 7);
	it->state = s < 0 ? STATE_PENDING : (enum state)s;
	it->due_kind = kind && strcmp(kind, "date") == 0        ? DUE_DATE
	               : kind && strcmp(kind, "immediate") == 0 ? DUE_IMMEDIATE
	                                                        : DUE_NONE;
	if (it->due_kind == DUE_DATE &&
	    (sqlite3_column_type(st, 10) == SQLITE_NULL ||
	     date_parse_iso((const char *)sqlite3_column_text(st, 10), &it->due) < 0))
		it->due_kind = DUE_NONE;
	it->long_term = sqlite3_column_int(st, 11);
	if (it->due_kind == DUE_DATE && it->due < today && !state_is_closed(it->state))
		it->overdue = (int)(today - it->due);
}

int db_board_page(struct db *db, const struct board_query *q, enum board_dir dir,
                  const struct board_item *key, struct board_item *out, size_t max, size_t *n)
{
	struct search_plan plan;
	struct sql s = {{0}, 0, 0};
	sqlite3_stmt *st;
	enum order order;
	enum region_by by;
	int backwards = dir == BOARD_PAGE_LAST || dir == BOARD_PAGE_BEFORE;
	size_t count = 0;
	int rc = SQLITE_DONE;

	*n = 0;
	if (max == 0)
		return 0;
	if (!key && dir != BOARD_PAGE_FIRST && dir != BOARD_PAGE_LAST)
		dir = BOARD_PAGE_FIRST;
	if (search_plan(db, q->search, &plan) < 0)
		return -1;
	order = order_of(q, &plan);
	if (region_by(db, q, order, &by) < 0) {
		search_plan_free(&plan);
		return -1;
	}
	add_region_cte(&s, q);
	sql_add(&s, "SELECT item.id, item.report_id, item.region_id, item.seq, item.no,"
	            " substr(item.text, 1, :head),"
	            " (SELECT name FROM region WHERE region.id = item.region_id),"
	            " item.deadline, item.state, item.due_kind, item.due, item.long_term");
	add_from(&s, &plan);
	add_filters(&s, q, &plan, by);
	if (dir == BOARD_PAGE_AFTER)
		add_key_cond(&s, order, " > ");
	else if (dir == BOARD_PAGE_FROM)
		add_key_cond(&s, order, " >= ");
	else if (dir == BOARD_PAGE_BEFORE)
		add_key_cond(&s, order, " < ");
	sql_add(&s, backwards ? order_desc[order] : order_asc[order]);
	sql_add(&s, " LIMIT :limit");
	if (s.overflow) {
		search_plan_free(&plan);
		return db_fail(db, "board query too long");
	}
	st = prepare(db, s.text);
	if (!st) {
		search_plan_free(&plan);
		return -1;
	}
	bind_query(st, q, &plan);
	if (key && dir != BOARD_PAGE_FIRST && dir != BOARD_PAGE_LAST)
		bind_key(st, order, key);
	bind_int64(st, ":limit", (int64_t)max);
	bind_int64(st, ":head", BOARD_HEAD_CHARS);
	while (count < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		row_from(st, q->today, &out[count++]);
	if (count == max)
		rc = SQLITE_DONE;
	sqlite3_finalize(st);
	search_plan_free(&plan);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < count; i++)
			db_board_item_clear(&out[i]);
		return db_fail_sqlite(db, "loading items");
	}
	if (backwards)
		for (size_t i = 0; i < count / 2; i++) {
			struct board_item t = out[i];
			out[i] = out[count - 1 - i];
			out[count - 1 - i] = t;
		}
	*n = count;
	return 0;
}

int db_board_count(struct db *db, const struct board_query *q, const struct board_item *key,
                   long cap, long *count, int *exact)
{
	struct search_plan plan;
	struct sql s = {{0}, 0, 0};
	sqlite3_stmt *st;
	enum order order;
	enum region_by by = REGION_BY_INDEX;
	int rc;

	*count = 0;
	*exact = 1;
	if (search_plan(db, q->search, &plan) < 0)
		return -1;
	order = order_of(q, &plan);
	if (key && region_by(db, q, order, &by) < 0) {
		search_plan_free(&plan);
		return -1;
	}
	/* A scan reads texts: it always stops at SCAN_COUNT_CAP. */
	if (plan.kind == SEARCH_SCAN && (cap <= 0 || cap > SCAN_COUNT_CAP))
		cap = SCAN_COUNT_CAP;
	add_region_cte(&s, q);
	if (!key && !q->report_id && !q->category_id && plan.kind == SEARCH_NONE) {
		/* Whole regions: the tally has the answer without touching the items. */
		cap = 0;
		sql_add(&s, "SELECT ifnull(sum(n), 0) FROM item_tally WHERE 1");
		if (q->region_id)
			sql_add(&s, " AND region_id IN (SELECT id FROM sub)");
		if (q->state_mask)
			sql_add(&s, " AND ((:mask >> state) & 1)");
		if (q->overdue_only)
			sql_add(&s, " AND due < :today_days AND NOT ((:closed >> state) & 1)");
	} else if (is_fts(&plan) && !has_filters(q)) {
		/* The index alone: removed items are not in it (db_schema.c). */
		sql_add(&s, cap > 0 ? "SELECT count(*) FROM (SELECT 1 FROM item_fts"
		                    : "SELECT count(*) FROM item_fts");
		sql_add(&s, " WHERE item_fts MATCH :fts");
		if (key)
			sql_add(&s, " AND item_fts.rowid < :k1");
		if (cap > 0)
			sql_add(&s, " LIMIT :cap)");
	} else {
		sql_add(&s, cap > 0 ? "SELECT count(*) FROM (SELECT 1" : "SELECT count(*)");
		add_from(&s, &plan);
		add_filters(&s, q, &plan, by);
		if (key)
			add_key_cond(&s, order, " < ");
		if (cap > 0)
			sql_add(&s, " LIMIT :cap)");
	}
	if (s.overflow) {
		search_plan_free(&plan);
		return db_fail(db, "board query too long");
	}
	st = prepare(db, s.text);
	if (!st) {
		search_plan_free(&plan);
		return -1;
	}
	bind_query(st, q, &plan);
	if (key)
		bind_key(st, order, key);
	bind_int64(st, ":cap", cap);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*count = (long)sqlite3_column_int64(st, 0);
		if (cap > 0 && *count >= cap)
			*exact = 0;
	}
	sqlite3_finalize(st);
	search_plan_free(&plan);
	return rc == SQLITE_ROW ? 0 : db_fail_sqlite(db, "counting items");
}
