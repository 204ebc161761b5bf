/* db_board.c — the board's SQL: region tree and tallies, region outlines, keyset pages of items,
 * search through the trigram index, data_version polling. Model code: no curses, no printing.
 * Statements are assembled only from the constant fragments below; every value is bound. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db_board.h"
#include "db_internal.h"
#include "msg.h"
#include "text.h"

/* Sort keys. These expressions must stay exactly as in the indexes of migration 1 in
 * db_schema.c (item_board_due, item_board_state); the state rank follows enum state. */
#define STATE_RANK                                                                            \
	"(CASE state WHEN 'pending' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_schedule' THEN 2" \
	" WHEN 'behind' THEN 3 WHEN 'done' THEN 4 WHEN 'awaiting_verification' THEN 5"          \
	" ELSE 6 END)"
#define DUE_KEY "ifnull(due, '~')"

/* A search with words checked row by row (see search_plan) counts at most this many matches,
 * for at most this long. */
#define SCAN_COUNT_CAP 1000
#define SCAN_BUDGET_MS 25.0
/* A one- or two-character search ORs the index terms that start with it, up to this many,
 * listed within this time (see prefix_terms). */
#define MAX_TERMS 1000
#define TERMS_BUDGET_MS 15.0

struct sql {
	char text[8192];
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
		if (!state_is_closed((enum state)s)) {
			raw[at].counts[BOARD_OPEN] += count;
			if (due < today)
				raw[at].counts[BOARD_OVERDUE] += count;
		}
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
	free(item->lead_unit);
	free(item->responsible_unit);
	free(item->where);
	free(item->snippet);
	memset(item, 0, sizeof *item);
}

/* ---- search ------------------------------------------------------------------------------ */

/* How a search runs. The query is split into words (spaces, also the ideographic space), all
 * of which must match somewhere in the item (AND). A word of three characters or more is a
 * phrase of the trigram index. A word of one or two characters (a Chinese word is usually
 * two) is the index's terms that start with it, ORed (every position of a text starts a term,
 * see the two trailing spaces in db_schema.c); a prefix so common that it has more terms than
 * MAX_TERMS is checked row by row with LIKE instead, which finds a page of a common string at
 * once. The region goes into the index query as the scope column's tokens (SEARCH_FTS with
 * scoped), so a search inside a 盟市 or 旗县 never looks up rows of other regions. */
enum search_kind { SEARCH_NONE, SEARCH_FTS, SEARCH_SCAN, SEARCH_NOTHING };

#define MAX_WORDS BOARD_MAX_WORDS
#define MAX_WORD_BYTES BOARD_WORD_BYTES

/* Which texts a word is looked for in: every text, or the lead and responsible units. */
enum word_cols { COLS_ALL, COLS_UNITS };

struct search_plan {
	enum search_kind kind;
	char *fts;  /* MATCH expression: the indexed words, the scope; NULL when none */
	int scoped; /* fts holds the region: rows need no region condition */
	char *like[MAX_WORDS]; /* LIKE patterns checked row by row */
	enum word_cols like_cols[MAX_WORDS];
	size_t nlike;
};

static int is_fts(const struct search_plan *p)
{
	return p->kind == SEARCH_FTS;
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

/* A growing string. */
struct buf {
	char *s;
	size_t len, cap;
	int failed;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t c = (b->cap + n + 1) * 2;
		char *p = realloc(b->s, c);
		if (!p) {
			b->failed = 1;
			return;
		}
		b->s = p;
		b->cap = c;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Appends s as an FTS5 string ("..." with quotes doubled). */
static void buf_quote(struct buf *b, const char *s)
{
	buf_add(b, "\"", 1);
	for (; *s; s++) {
		if (*s == '"')
			buf_add(b, "\"", 1);
		buf_add(b, s, 1);
	}
	buf_add(b, "\"", 1);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* How one word is looked for. */
enum word_kind { WORD_FTS, WORD_SCAN, WORD_NOTHING };

struct word_plan {
	enum word_kind kind;
	char *fts; /* for WORD_FTS: a phrase, or terms ORed in parentheses */
};

/* The terms that start with word (stored case-folded), ORed. Listing them costs what their
 * postings hold (fts5vocab counts each term's documents), which grows with how common the
 * word is, while a LIKE scan finds a page of a common string at once: past TERMS_BUDGET_MS
 * the listing stops and the word is scanned. Either way the same items are found. */
static int prefix_terms(struct db *db, const char *word, struct word_plan *w)
{
	double start = now_ms();
	sqlite3_stmt *st = prepare(db, "SELECT term FROM item_search_terms"
	                               " WHERE term >= :lo AND term < :lo || char(1114111)"
	                               " LIMIT :max");
	char lo[16];
	struct buf b = {0};
	size_t count = 0, ql = strlen(word);
	int rc;

	if (!st)
		return -1;
	if (ql >= sizeof lo)
		ql = sizeof lo - 1;
	for (size_t i = 0; i < ql; i++)
		lo[i] = (word[i] >= 'A' && word[i] <= 'Z') ? (char)(word[i] - 'A' + 'a') : word[i];
	lo[ql] = '\0';
	bind_text(st, ":lo", lo);
	bind_int64(st, ":max", MAX_TERMS + 1);
	buf_str(&b, "(");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count)
			buf_str(&b, " OR ");
		buf_quote(&b, (const char *)sqlite3_column_text(st, 0));
		count++;
		if (now_ms() - start > TERMS_BUDGET_MS) {
			count = MAX_TERMS + 1;
			rc = SQLITE_DONE;
			break;
		}
	}
	buf_str(&b, ")");
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || b.failed) {
		free(b.s);
		return rc == SQLITE_DONE || rc == SQLITE_ROW ? db_fail(db, "out of memory")
		                                             : db_fail_sqlite(db, "search");
	}
	if (count == 0 || count > MAX_TERMS) {
		free(b.s);
		w->kind = count ? WORD_SCAN : WORD_NOTHING;
		return 0;
	}
	w->kind = WORD_FTS;
	w->fts = b.s;
	return 0;
}

/* The words' plans of the last keystrokes, so that the page and the count of one keystroke
 * (and the moves that follow) list a word's terms once, and typing a second word does not
 * list the first one's again. Valid while the connection and the data are the same: another
 * connection's commit changes data_version, this one's total_changes. */
#define WORD_CACHE 16
static struct {
	const struct db *db;
	int64_t version, changes;
	char word[MAX_WORD_BYTES];
	struct word_plan plan;
} word_cache[WORD_CACHE];
static size_t word_cache_next;

static int word_plan_get(struct db *db, const char *word, struct word_plan *w)
{
	int64_t version, changes = sqlite3_total_changes(db_sqlite(db));
	size_t i;

	memset(w, 0, sizeof *w);
	if (db_board_data_version(db, &version) < 0)
		return -1;
	for (i = 0; i < WORD_CACHE; i++)
		if (word_cache[i].db == db && word_cache[i].version == version &&
		    word_cache[i].changes == changes && strcmp(word_cache[i].word, word) == 0) {
			w->kind = word_cache[i].plan.kind;
			if (word_cache[i].plan.fts && !(w->fts = strdup(word_cache[i].plan.fts)))
				return db_fail(db, "out of memory");
			return 0;
		}
	if (utf8_chars(word) >= 3) {
		struct buf b = {0};
		buf_quote(&b, word);
		if (b.failed)
			return db_fail(db, "out of memory");
		w->kind = WORD_FTS;
		w->fts = b.s;
	} else if (prefix_terms(db, word, w) < 0) {
		return -1;
	}
	i = word_cache_next++ % WORD_CACHE;
	free(word_cache[i].plan.fts);
	memset(&word_cache[i], 0, sizeof word_cache[i]);
	word_cache[i].plan.kind = w->kind;
	if (w->fts && !(word_cache[i].plan.fts = strdup(w->fts)))
		return 0; /* not cached; the plan itself is fine */
	word_cache[i].db = db;
	word_cache[i].version = version;
	word_cache[i].changes = changes;
	snprintf(word_cache[i].word, sizeof word_cache[i].word, "%s", word);
	return 0;
}

size_t db_board_split_words(const char *s, char words[][BOARD_WORD_BYTES], size_t max)
{
	size_t n = 0, len = s ? strlen(s) : 0, i = 0;

	while (i < len && n < max) {
		size_t start, end, k;
		while (i < len && (s[i] == ' ' || s[i] == '\t' ||
		                   (i + 2 < len + 0 && (unsigned char)s[i] == 0xe3 &&
		                    (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80)))
			i += s[i] == ' ' || s[i] == '\t' ? 1 : 3;
		start = i;
		while (i < len && s[i] != ' ' && s[i] != '\t' &&
		       !((unsigned char)s[i] == 0xe3 && i + 2 < len &&
		         (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80))
			i++;
		end = i;
		if (end == start)
			continue;
		/* Keep whole characters within the buffer. */
		k = end - start;
		if (k >= MAX_WORD_BYTES) {
			k = MAX_WORD_BYTES - 1;
			while (k > 0 && ((unsigned char)s[start + k] & 0xc0) == 0x80)
				k--;
		}
		memcpy(words[n], s + start, k);
		words[n][k] = '\0';
		n++;
	}
	return n;
}

/* Appends the scope token of region id: three private-use characters, exactly as the scope
 * column of item_search_doc (db_schema.c, migration 3) computes them. */
static void buf_scope_token(struct buf *b, int64_t id)
{
	uint32_t cps[3] = {0xF0000u + (uint32_t)(id & 0x7FFF),
	                   0x100000u + (uint32_t)((id >> 15) & 0x7FFF),
	                   0xF8000u + (uint32_t)(id & 0x7FFF)};
	char u[13];
	size_t k = 0;

	for (int i = 0; i < 3; i++) {
		uint32_t c = cps[i];
		u[k++] = (char)(0xF0 | (c >> 18));
		u[k++] = (char)(0x80 | ((c >> 12) & 0x3F));
		u[k++] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[k++] = (char)(0x80 | (c & 0x3F));
	}
	u[k] = '\0';
	buf_quote(b, u);
}

/* How the region is put into the index query. */
enum scope_form { SCOPE_WHOLE, SCOPE_AND, SCOPE_NOT, SCOPE_EMPTY };

/* The region of q for the index query: the tokens of the regions of the subtree that hold
 * items, ORed into *tokens (SCOPE_AND), or, when the subtree holds most items, the tokens of
 * the regions outside it (SCOPE_NOT), whichever list is shorter to merge; SCOPE_WHOLE when
 * the subtree holds every item, SCOPE_EMPTY when it holds none. */
static int scope_of(struct db *db, const struct board_query *q, struct buf *tokens,
                    enum scope_form *form)
{
	sqlite3_stmt *st = prepare(db, "WITH RECURSIVE sub(id) AS (SELECT :region UNION"
	                               " SELECT region.id FROM region JOIN sub"
	                               " ON region.parent_id = sub.id)"
	                               " SELECT region_id, region_id IN (SELECT id FROM sub), sum(n)"
	                               " FROM item_tally GROUP BY region_id HAVING sum(n) > 0");
	struct buf in = {0}, out = {0};
	long n_in = 0, n_out = 0, items_in = 0, items_out = 0;
	int rc;

	*form = SCOPE_WHOLE;
	if (!st)
		return -1;
	bind_int64(st, ":region", q->region_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int inside = sqlite3_column_int(st, 1);
		struct buf *b = inside ? &in : &out;
		if ((inside ? n_in : n_out) > 0)
			buf_str(b, " OR ");
		buf_scope_token(b, sqlite3_column_int64(st, 0));
		if (inside) {
			n_in++;
			items_in += (long)sqlite3_column_int64(st, 2);
		} else {
			n_out++;
			items_out += (long)sqlite3_column_int64(st, 2);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(in.s);
		free(out.s);
		return db_fail_sqlite(db, "search scope");
	}
	if (n_in == 0) {
		*form = SCOPE_EMPTY;
	} else if (n_out > 0 && items_in <= items_out) {
		*form = SCOPE_AND;
		buf_add(tokens, in.s, in.len);
	} else if (n_out > 0) {
		*form = SCOPE_NOT;
		buf_add(tokens, out.s, out.len);
	}
	free(in.s);
	free(out.s);
	return tokens->failed ? db_fail(db, "out of memory") : 0;
}

/* LIKE pattern for a word: % and _ escaped; ASCII case-insensitive, like the trigram index. */
static char *like_pattern(const char *word)
{
	size_t ql = strlen(word), k = 0;
	char *p = malloc(ql * 2 + 3);

	if (!p)
		return NULL;
	p[k++] = '%';
	for (size_t i = 0; i < ql; i++) {
		if (word[i] == '%' || word[i] == '_' || word[i] == '\\')
			p[k++] = '\\';
		p[k++] = word[i];
	}
	p[k++] = '%';
	p[k] = '\0';
	return p;
}

static void search_plan_free(struct search_plan *p)
{
	free(p->fts);
	for (size_t i = 0; i < p->nlike; i++)
		free(p->like[i]);
	memset(p, 0, sizeof *p);
}

/* Adds the words of text (looked for in cols) to the plan. */
static int plan_words(struct db *db, const char *text, enum word_cols cols, struct buf *expr,
                      size_t *nfts, struct search_plan *p)
{
	char words[MAX_WORDS][MAX_WORD_BYTES];
	size_t n = db_board_split_words(text, words, MAX_WORDS);

	for (size_t i = 0; i < n && p->kind != SEARCH_NOTHING; i++) {
		struct word_plan w;
		if (word_plan_get(db, words[i], &w) < 0)
			return -1;
		if (w.kind == WORD_NOTHING) {
			p->kind = SEARCH_NOTHING;
		} else if (w.kind == WORD_SCAN) {
			if (p->nlike < MAX_WORDS) {
				if (!(p->like[p->nlike] = like_pattern(words[i])))
					return db_fail(db, "out of memory");
				p->like_cols[p->nlike++] = cols;
			}
		} else {
			if ((*nfts)++)
				buf_str(expr, " AND ");
			if (cols == COLS_UNITS)
				buf_str(expr, "{lead_unit responsible_unit} : ");
			buf_str(expr, w.fts);
		}
		free(w.fts);
	}
	return 0;
}

/* The plan of q's search words and unit words. */
static int search_plan(struct db *db, const struct board_query *q, struct search_plan *p)
{
	struct buf expr = {0};
	size_t nfts = 0;

	memset(p, 0, sizeof *p);
	if ((!q->search || !*q->search) && (!q->unit || !*q->unit))
		return 0;
	p->kind = SEARCH_SCAN;
	buf_str(&expr, "(");
	if (plan_words(db, q->search, COLS_ALL, &expr, &nfts, p) < 0 ||
	    plan_words(db, q->unit, COLS_UNITS, &expr, &nfts, p) < 0) {
		free(expr.s);
		search_plan_free(p);
		return -1;
	}
	buf_str(&expr, ")");
	if (p->kind == SEARCH_NOTHING || (!nfts && !p->nlike)) {
		free(expr.s);
		search_plan_free(p);
		p->kind = SEARCH_NOTHING;
		return 0;
	}
	if (q->region_id && !q->report_id && !q->category_id) {
		struct buf tokens = {0};
		enum scope_form form;
		if (scope_of(db, q, &tokens, &form) < 0) {
			free(expr.s);
			search_plan_free(p);
			return -1;
		}
		if (form == SCOPE_EMPTY) {
			free(tokens.s);
			free(expr.s);
			search_plan_free(p);
			p->kind = SEARCH_NOTHING;
			return 0;
		}
		if (!nfts && form == SCOPE_AND) {
			/* Every word is scanned, in a small region: its rows come from the scope
			 * tokens in id order, so a page stops after its rows. */
			expr.len = 0;
			buf_str(&expr, "scope : (");
			nfts = 1;
		} else if (nfts && form == SCOPE_AND) {
			buf_str(&expr, " AND scope : (");
		} else if (nfts && form == SCOPE_NOT) {
			buf_str(&expr, " NOT scope : (");
		}
		if (nfts && form != SCOPE_WHOLE) {
			buf_add(&expr, tokens.s, tokens.len);
			buf_str(&expr, ")");
		}
		free(tokens.s);
		p->scoped = nfts > 0;
	}
	if (!nfts) {
		free(expr.s);
		return 0; /* every word is scanned, rows in id order */
	}
	p->kind = SEARCH_FTS;
	if (expr.failed) {
		free(expr.s);
		search_plan_free(p);
		return db_fail(db, "out of memory");
	}
	p->fts = expr.s;
	return 0;
}

/* Whether q asks for anything the index alone cannot answer (then rows are looked up). */
static int has_row_filters(const struct board_query *q, const struct search_plan *p)
{
	return (q->region_id && !p->scoped) || q->report_id || q->category_id || q->state_mask ||
	       q->overdue_only || q->due_within > 0 || p->nlike;
}

/* How a region is scoped: through an index on the region's rows (by report, so that the
 * report-order index gives them in order; by region for a scan of texts), which then are
 * sorted when the order is another; or row by row while the order's index (or the search
 * index) drives the query ('+' keeps SQLite from using an index on region_id). */
enum region_by { REGION_BY_INDEX, REGION_BY_ROW };

/* A word checked row by row: in every text of the item, or in its two units. */
static const char *const like_all =
    " AND (item.text LIKE %s ESCAPE '\\' OR item.lead_unit LIKE %s ESCAPE '\\'"
    " OR item.responsible_unit LIKE %s ESCAPE '\\' OR item.acceptance_unit LIKE %s ESCAPE '\\'"
    " OR item.goal LIKE %s ESCAPE '\\' OR EXISTS (SELECT 1 FROM measure WHERE"
    " measure.item_id = item.id AND measure.text LIKE %s ESCAPE '\\') OR EXISTS (SELECT 1"
    " FROM note WHERE note.item_id = item.id AND note.text LIKE %s ESCAPE '\\'))";
static const char *const like_units =
    " AND (item.lead_unit LIKE %s ESCAPE '\\' OR item.responsible_unit LIKE %s ESCAPE '\\')";

/* Appends a LIKE condition of one of the constant shapes above with every %s replaced by the
 * parameter name (":like0" …): names only, the patterns are bound. */
static void add_like(struct sql *s, const char *shape, size_t i)
{
	char name[32];

	snprintf(name, sizeof name, ":like%u", (unsigned)(i % MAX_WORDS));
	for (const char *c = shape; *c; c++) {
		if (c[0] == '%' && c[1] == 's') {
			sql_add(s, name);
			c++;
		} else {
			char one[2] = {*c, '\0'};
			sql_add(s, one);
		}
	}
}

/* The conditions of q on table item, each starting with " AND". */
static void add_filters(struct sql *s, const struct board_query *q, const struct search_plan *p,
                        enum region_by by)
{
	if (q->region_id && !p->scoped) {
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
	if (q->due_within > 0)
		sql_add(s, " AND " DUE_KEY " >= :today AND " DUE_KEY " <= :soon"
		           " AND NOT ((:closed >> " STATE_RANK ") & 1)");
	for (size_t i = 0; i < p->nlike; i++)
		add_like(s, p->like_cols[i] == COLS_UNITS ? like_units : like_all, i);
	if (p->kind == SEARCH_NOTHING)
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
static void add_from(struct sql *s, const struct search_plan *p, int show_removed)
{
	if (is_fts(p))
		sql_add(s, " FROM item_search CROSS JOIN item ON item.id = item_search.rowid"
		           " WHERE item_search MATCH :fts AND item.removed = 0");
	else if (show_removed)
		sql_add(s, " FROM item WHERE 1");
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
	for (size_t i = 0; i < p->nlike; i++) {
		char name[32];
		snprintf(name, sizeof name, ":like%u", (unsigned)(i % MAX_WORDS));
		bind_text(st, name, p->like[i]);
	}
	if (q->due_within > 0) {
		char iso[16];
		bind_text(st, ":soon", date_format_iso(q->today + q->due_within, iso));
		bind_int64(st, ":soon_days", q->today + q->due_within);
	}
}

/* The orders of a list: the three sorts, and item id for search results. */
enum order { ORDER_REPORT, ORDER_DUE, ORDER_STATE, ORDER_ID, ORDER_FTS, ORDER_COUNT };

static enum order order_of(const struct board_query *q, const struct search_plan *p)
{
	if (is_fts(p))
		return ORDER_FTS;
	if (p->kind != SEARCH_NONE)
		return ORDER_ID;
	/* The sort indexes hold only listed items: with removed ones shown, report order. */
	if (q->show_removed)
		return ORDER_REPORT;
	return q->sort == BOARD_SORT_DUE ? ORDER_DUE : q->sort == BOARD_SORT_STATE ? ORDER_STATE
	                                                                            : ORDER_REPORT;
}

/* The sort key as a row value, and its ORDER BY. */
static const char *const order_key[ORDER_COUNT] = {
	"(item.report_id, item.seq, item.id)",
	"(" DUE_KEY ", item.id)",
	"(" STATE_RANK ", " DUE_KEY ", item.id)",
	"item.id",
	"item_search.rowid",
};
static const char *const order_asc[ORDER_COUNT] = {
	" ORDER BY item.report_id, item.seq, item.id",
	" ORDER BY " DUE_KEY ", item.id",
	" ORDER BY " STATE_RANK ", " DUE_KEY ", item.id",
	" ORDER BY item.id",
	" ORDER BY item_search.rowid",
};
static const char *const order_desc[ORDER_COUNT] = {
	" ORDER BY item.report_id DESC, item.seq DESC, item.id DESC",
	" ORDER BY " DUE_KEY " DESC, item.id DESC",
	" ORDER BY " STATE_RANK " DESC, " DUE_KEY " DESC, item.id DESC",
	" ORDER BY item.id DESC",
	" ORDER BY item_search.rowid DESC",
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
	const char *due = key->dated ? date_format_iso(key->due, iso) : "~";

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
	/* 立行立改 has a due date too: the day it was read (db_schema.c, migration 3). */
	it->dated = sqlite3_column_type(st, 10) != SQLITE_NULL &&
	            date_parse_iso((const char *)sqlite3_column_text(st, 10), &it->due) == 0;
	if (it->due_kind == DUE_DATE && !it->dated)
		it->due_kind = DUE_NONE;
	it->long_term = sqlite3_column_int(st, 11);
	it->lead_unit = col_clean(st, 12);
	it->responsible_unit = col_clean(st, 13);
	it->removed = sqlite3_column_int(st, 14);
	/* A removed item is owed no more (the tally and show count it so too). */
	if (it->dated && it->due < today && !state_is_closed(it->state) && !it->removed)
		it->overdue = (int)(today - it->due);
}

/* ---- where a search matched -------------------------------------------------------------- */

/* Case-insensitive (ASCII letters only, like the search index) substring search in bytes. */
const char *db_board_find(const char *hay, const char *needle)
{
	size_t n = needle ? strlen(needle) : 0;

	if (!hay || !n)
		return NULL;
	for (const char *h = hay; *h; h++) {
		size_t i = 0;
		while (i < n && h[i]) {
			char a = h[i], c = needle[i];
			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (a != c)
				break;
			i++;
		}
		if (i == n)
			return h;
	}
	return NULL;
}

/* 1 → 一, 12 → 十二, 40 → 四十, as measures are numbered in the reports（一）. */
static void chinese_number(int v, char *buf, size_t size)
{
	static const char *const d[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

	if (v <= 0 || v >= 100)
		snprintf(buf, size, "%d", v);
	else if (v < 10)
		snprintf(buf, size, "%s", d[v]);
	else
		snprintf(buf, size, "%s十%s", v / 10 == 1 ? "" : d[v / 10], v % 10 ? d[v % 10] : "");
}

/* The first of the words found in text, or NULL; its length in *len. */
static const char *first_word(const char *text, char words[][BOARD_WORD_BYTES], size_t n,
                              size_t *len)
{
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

/* Sets it->where/snippet to the first text of the item (problem, measures in order, the
 * units, goal, notes) where a word of search (or of unit, in the units) occurs: what the
 * row shows so that the user sees why it was found. A match in the problem text leaves
 * where NULL (the row's own text shows it). Returns 0 or -1. */
static int match_locate(struct db *db, const char *search, const char *unit,
                        struct board_item *it)
{
	static const char *const unit_label[3] = {N_("牵头单位"), N_("责任单位"), N_("验收单位")};
	char words[BOARD_MAX_WORDS][BOARD_WORD_BYTES], uwords[BOARD_MAX_WORDS][BOARD_WORD_BYTES];
	size_t n = db_board_split_words(search, words, BOARD_MAX_WORDS);
	size_t nu = db_board_split_words(unit, uwords, BOARD_MAX_WORDS);
	sqlite3_stmt *st;
	char label[64];
	const char *hit = NULL;
	size_t len = 0;
	int rc = SQLITE_DONE, found = 0;

	st = prepare(db, "SELECT 0, 0, text FROM item WHERE id = :id"
	                 " UNION ALL SELECT 1, seq, text FROM measure WHERE item_id = :id"
	                 " UNION ALL SELECT 2, 0, lead_unit FROM item WHERE id = :id"
	                 " UNION ALL SELECT 2, 1, responsible_unit FROM item WHERE id = :id"
	                 " UNION ALL SELECT 2, 2, acceptance_unit FROM item WHERE id = :id"
	                 " UNION ALL SELECT 3, 0, goal FROM item WHERE id = :id"
	                 " UNION ALL SELECT 4, id, text FROM note WHERE item_id = :id"
	                 " ORDER BY 1, 2");
	if (!st)
		return -1;
	bind_int64(st, ":id", it->id);
	while (!found && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int kind = sqlite3_column_int(st, 0), sub = sqlite3_column_int(st, 1), by_unit = 0;
		const char *text = (const char *)sqlite3_column_text(st, 2), *m;
		if (!text)
			continue;
		hit = first_word(text, words, n, &len);
		if (!hit && kind == 2 && sub < 2 && (hit = first_word(text, uwords, nu, &len)))
			by_unit = 1;
		if (!hit)
			continue;
		found = 1;
		if (kind == 0)
			break; /* the problem text: the row shows it */
		if (kind == 1) {
			char num[16];
			if (msg_english())
				snprintf(num, sizeof num, "%d", sub + 1);
			else
				chinese_number(sub + 1, num, sizeof num);
			snprintf(label, sizeof label, tr("措施（%s）"), num);
		} else if (kind == 2) {
			snprintf(label, sizeof label, "%s", tr(unit_label[sub]));
		} else if (kind == 3) {
			snprintf(label, sizeof label, "%s", tr("整改目标"));
		} else {
			snprintf(label, sizeof label, "%s", tr("进展"));
		}
		if (!(it->where = strdup(label)) ||
		    !(it->snippet = text_sanitize(text, strlen(text), 0))) {
			rc = SQLITE_NOMEM;
			break;
		}
		/* Sanitising may change bytes: find the match again in the copy. */
		m = by_unit ? first_word(it->snippet, uwords, nu, &len)
		            : first_word(it->snippet, words, n, &len);
		it->snip_off = m ? (size_t)(m - it->snippet) : 0;
		it->snip_len = m ? len : 0;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_NOMEM)
		return db_fail(db, "out of memory");
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail_sqlite(db, "finding the match");
}

/* The columns of a page row, as row_from reads them. */
#define PAGE_COLS                                                                             \
	"SELECT item.id, item.report_id, item.region_id, item.seq, item.no,"                    \
	" substr(item.text, 1, :head),"                                                          \
	" (SELECT name FROM region WHERE region.id = item.region_id),"                           \
	" item.deadline, item.state, item.due_kind, item.due, item.long_term,"                   \
	" substr(item.lead_unit, 1, 60), substr(item.responsible_unit, 1, 60), item.removed"

static int page_main(struct db *db, const struct board_query *q, enum board_dir dir,
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
	if (search_plan(db, q, &plan) < 0)
		return -1;
	order = order_of(q, &plan);
	if (region_by(db, q, order, &by) < 0) {
		search_plan_free(&plan);
		return -1;
	}
	add_region_cte(&s, q);
	sql_add(&s, PAGE_COLS);
	add_from(&s, &plan, q->show_removed);
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
	/* Where the search words matched (the unit filter's words are in the unit column). */
	if (q->search && *q->search)
		for (size_t i = 0; i < count; i++)
			if (match_locate(db, q->search, NULL, &out[i]) < 0) {
				for (size_t j = 0; j < count; j++)
					db_board_item_clear(&out[j]);
				return -1;
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

/* Progress handler of a count with a time budget: non-zero (interrupt) once it has passed. */
static int past_deadline(void *ctx)
{
	return now_ms() > *(const double *)ctx;
}

static int count_main(struct db *db, const struct board_query *q, const struct board_item *key,
                      long cap, long *count, int *exact)
{
	struct search_plan plan;
	struct sql s = {{0}, 0, 0};
	sqlite3_stmt *st;
	enum order order;
	enum region_by by = REGION_BY_INDEX;
	int rc, stepped = 0;

	*count = 0;
	*exact = 1;
	if (search_plan(db, q, &plan) < 0)
		return -1;
	order = order_of(q, &plan);
	if (key && region_by(db, q, order, &by) < 0) {
		search_plan_free(&plan);
		return -1;
	}
	/* A word checked row by row reads texts: such a count always stops at SCAN_COUNT_CAP. */
	if ((plan.kind == SEARCH_SCAN || plan.nlike) && (cap <= 0 || cap > SCAN_COUNT_CAP))
		cap = SCAN_COUNT_CAP;
	add_region_cte(&s, q);
	if (!key && !q->report_id && !q->category_id && plan.kind == SEARCH_NONE) {
		/* Whole regions: the tally has the answer without touching the items; removed items
		 * (when shown) are few and have their own index. */
		cap = 0;
		sql_add(&s, "SELECT (SELECT ifnull(sum(n), 0) FROM item_tally WHERE 1");
		if (q->region_id)
			sql_add(&s, " AND region_id IN (SELECT id FROM sub)");
		if (q->state_mask)
			sql_add(&s, " AND ((:mask >> state) & 1)");
		if (q->overdue_only)
			sql_add(&s, " AND due < :today_days AND NOT ((:closed >> state) & 1)");
		if (q->due_within > 0)
			sql_add(&s, " AND due >= :today_days AND due <= :soon_days"
			            " AND NOT ((:closed >> state) & 1)");
		sql_add(&s, ")");
		if (q->show_removed) {
			sql_add(&s, " + (SELECT count(*) FROM item WHERE item.removed = 1");
			if (q->region_id)
				sql_add(&s, " AND item.region_id IN (SELECT id FROM sub)");
			{
				struct board_query r = *q;
				r.region_id = 0;
				add_filters(&s, &r, &plan, by);
			}
			sql_add(&s, ")");
		}
	} else if (is_fts(&plan) && !has_row_filters(q, &plan)) {
		/* The index alone: removed items are not in it, the region is in the scope column
		 * (db_schema.c, migration 3). */
		sql_add(&s, cap > 0 ? "SELECT count(*) FROM (SELECT 1 FROM item_search"
		                    : "SELECT count(*) FROM item_search");
		sql_add(&s, " WHERE item_search MATCH :fts");
		if (key)
			sql_add(&s, " AND item_search.rowid < :k1");
		if (cap > 0)
			sql_add(&s, " LIMIT :cap)");
	} else if (plan.kind == SEARCH_SCAN || plan.nlike) {
		/* Words checked row by row: the rows are stepped here, so that the count also stops
		 * after SCAN_BUDGET_MS (a rare word among common ones reads many texts). */
		sql_add(&s, "SELECT 1");
		add_from(&s, &plan, q->show_removed);
		add_filters(&s, q, &plan, by);
		if (key)
			add_key_cond(&s, order, " < ");
		sql_add(&s, " LIMIT :cap");
		stepped = 1;
	} else {
		sql_add(&s, cap > 0 ? "SELECT count(*) FROM (SELECT 1" : "SELECT count(*)");
		add_from(&s, &plan, q->show_removed);
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
	if (stepped) {
		/* One step may read many texts before the next match: the progress handler stops
		 * it at the budget too (SQLITE_INTERRUPT, then the count so far is a lower bound). */
		double deadline = now_ms() + SCAN_BUDGET_MS;
		sqlite3_progress_handler(db_sqlite(db), 500, past_deadline, &deadline);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			++*count;
			if (now_ms() > deadline) {
				*exact = 0;
				break;
			}
		}
		sqlite3_progress_handler(db_sqlite(db), 0, NULL, NULL);
		if (rc == SQLITE_INTERRUPT) {
			*exact = 0;
			rc = SQLITE_DONE;
		}
		if (*count >= cap)
			*exact = 0;
		sqlite3_finalize(st);
		search_plan_free(&plan);
		return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail_sqlite(db, "counting items");
	}
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

int db_board_state_counts(struct db *db, const struct board_query *q, long cap,
                          long counts[STATE_COUNT], int *exact)
{
	struct board_query r = *q;
	struct search_plan plan;
	struct sql s = {{0}, 0, 0};
	sqlite3_stmt *st;
	long total = 0;
	int rc, tally;

	memset(counts, 0, sizeof(long) * STATE_COUNT);
	*exact = 1;
	r.state_mask = 0;
	if (search_plan(db, &r, &plan) < 0)
		return -1;
	/* Words checked row by row read texts: fewer rows. */
	if (plan.kind == SEARCH_SCAN || plan.nlike)
		cap = cap > 0 && cap < SCAN_COUNT_CAP ? cap : SCAN_COUNT_CAP;
	tally = plan.kind == SEARCH_NONE && !r.report_id && !r.category_id && !r.show_removed;
	add_region_cte(&s, &r);
	if (tally) {
		sql_add(&s, "SELECT state, sum(n) FROM item_tally WHERE n > 0");
		if (r.region_id)
			sql_add(&s, " AND region_id IN (SELECT id FROM sub)");
		if (r.overdue_only)
			sql_add(&s, " AND due < :today_days AND NOT ((:closed >> state) & 1)");
		if (r.due_within > 0)
			sql_add(&s, " AND due >= :today_days AND due <= :soon_days"
			            " AND NOT ((:closed >> state) & 1)");
		sql_add(&s, " GROUP BY state");
	} else {
		sql_add(&s, "SELECT st, count(*) FROM (SELECT " STATE_RANK " AS st");
		add_from(&s, &plan, r.show_removed);
		add_filters(&s, &r, &plan, REGION_BY_INDEX);
		if (cap > 0)
			sql_add(&s, " LIMIT :cap");
		sql_add(&s, ") GROUP BY st");
	}
	if (s.overflow) {
		search_plan_free(&plan);
		return db_fail(db, "board query too long");
	}
	if (!(st = prepare(db, s.text))) {
		search_plan_free(&plan);
		return -1;
	}
	bind_query(st, &r, &plan);
	bind_int64(st, ":cap", cap);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int k = sqlite3_column_int(st, 0);
		long n = (long)sqlite3_column_int64(st, 1);
		if (k >= 0 && k < STATE_COUNT)
			counts[k] += n;
		total += n;
	}
	sqlite3_finalize(st);
	search_plan_free(&plan);
	if (!tally && cap > 0 && total >= cap)
		*exact = 0;
	return rc == SQLITE_DONE ? 0 : db_fail_sqlite(db, "counting states");
}

/* ---- removed items in a search ------------------------------------------------------------
 * The search index holds only listed items. With removed ones shown (show_removed), a search
 * that the index answers also looks through the removed items, which are few (item_removed,
 * a partial index), checking every word row by row; the two lists are merged by item id,
 * the order of search results. */

/* Every word of q's search and unit, as LIKE patterns. */
static int removed_plan(struct db *db, const struct board_query *q, struct search_plan *p)
{
	char words[MAX_WORDS][MAX_WORD_BYTES];

	memset(p, 0, sizeof *p);
	p->kind = SEARCH_SCAN;
	for (int u = 0; u < 2; u++) {
		size_t n = db_board_split_words(u ? q->unit : q->search, words, MAX_WORDS);
		for (size_t i = 0; i < n && p->nlike < MAX_WORDS; i++) {
			if (!(p->like[p->nlike] = like_pattern(words[i]))) {
				search_plan_free(p);
				return db_fail(db, "out of memory");
			}
			p->like_cols[p->nlike++] = u ? COLS_UNITS : COLS_ALL;
		}
	}
	return 0;
}

/* Whether q needs the removed items' branch: shown, in a search the index answers. */
static int removed_branch(struct db *db, const struct board_query *q, int *yes)
{
	struct search_plan plan;

	*yes = 0;
	if (!q->show_removed)
		return 0;
	if (search_plan(db, q, &plan) < 0)
		return -1;
	*yes = plan.kind == SEARCH_FTS;
	search_plan_free(&plan);
	return 0;
}

/* The removed items matching q, relative to key as dir says, in list (id) order. */
static int removed_page(struct db *db, const struct board_query *q, enum board_dir dir,
                        const struct board_item *key, struct board_item *out, size_t max,
                        size_t *n)
{
	struct search_plan plan;
	struct sql s = {{0}, 0, 0};
	sqlite3_stmt *st;
	int backwards = dir == BOARD_PAGE_LAST || dir == BOARD_PAGE_BEFORE, rc;
	size_t count = 0;

	*n = 0;
	if (removed_plan(db, q, &plan) < 0)
		return -1;
	add_region_cte(&s, q);
	sql_add(&s, PAGE_COLS);
	sql_add(&s, " FROM item WHERE item.removed = 1");
	add_filters(&s, q, &plan, REGION_BY_INDEX);
	if (key && dir == BOARD_PAGE_AFTER)
		sql_add(&s, " AND item.id > :k1");
	else if (key && dir == BOARD_PAGE_FROM)
		sql_add(&s, " AND item.id >= :k1");
	else if (key && dir == BOARD_PAGE_BEFORE)
		sql_add(&s, " AND item.id < :k1");
	sql_add(&s, backwards ? " ORDER BY item.id DESC LIMIT :limit" : " ORDER BY item.id LIMIT :limit");
	if (s.overflow || !(st = prepare(db, s.text))) {
		search_plan_free(&plan);
		return s.overflow ? db_fail(db, "board query too long") : -1;
	}
	bind_query(st, q, &plan);
	if (key)
		bind_int64(st, ":k1", key->id);
	bind_int64(st, ":limit", (int64_t)max);
	bind_int64(st, ":head", BOARD_HEAD_CHARS);
	while (count < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		row_from(st, q->today, &out[count++]);
	if (count == max)
		rc = SQLITE_DONE;
	sqlite3_finalize(st);
	search_plan_free(&plan);
	for (size_t i = 0; rc == SQLITE_DONE && i < count; i++)
		if (match_locate(db, q->search, NULL, &out[i]) < 0)
			rc = SQLITE_ERROR;
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < count; i++)
			db_board_item_clear(&out[i]);
		return db_fail_sqlite(db, "loading removed items");
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

int db_board_page(struct db *db, const struct board_query *q, enum board_dir dir,
                  const struct board_item *key, struct board_item *out, size_t max, size_t *n)
{
	struct board_item *a, *b;
	size_t na = 0, nb = 0, i = 0, j = 0, k = 0, skip;
	int yes, backwards = dir == BOARD_PAGE_LAST || dir == BOARD_PAGE_BEFORE;

	*n = 0;
	if (removed_branch(db, q, &yes) < 0)
		return -1;
	if (!yes || max == 0)
		return page_main(db, q, dir, key, out, max, n);
	a = calloc(max, sizeof *a);
	b = calloc(max, sizeof *b);
	if (!a || !b) {
		free(a);
		free(b);
		return db_fail(db, "out of memory");
	}
	if (page_main(db, q, dir, key, a, max, &na) < 0 ||
	    removed_page(db, q, dir, key, b, max, &nb) < 0) {
		for (size_t x = 0; x < na; x++)
			db_board_item_clear(&a[x]);
		free(a);
		free(b);
		return -1;
	}
	/* Both are in id order; keep the first max of the merge, or the last max going back. */
	skip = backwards && na + nb > max ? na + nb - max : 0;
	while (i < na || j < nb) {
		struct board_item *next = j >= nb || (i < na && a[i].id < b[j].id) ? &a[i++] : &b[j++];
		if (skip) {
			skip--;
			db_board_item_clear(next);
		} else if (k < max) {
			out[k++] = *next;
		} else {
			db_board_item_clear(next);
		}
	}
	free(a);
	free(b);
	*n = k;
	return 0;
}

int db_board_count(struct db *db, const struct board_query *q, const struct board_item *key,
                   long cap, long *count, int *exact)
{
	struct search_plan plan;
	struct sql s = {{0}, 0, 0};
	sqlite3_stmt *st;
	long more = 0;
	int yes, rc;

	if (removed_branch(db, q, &yes) < 0)
		return -1;
	if (count_main(db, q, key, cap, count, exact) < 0)
		return -1;
	if (!yes)
		return 0;
	if (removed_plan(db, q, &plan) < 0)
		return -1;
	add_region_cte(&s, q);
	sql_add(&s, "SELECT count(*) FROM (SELECT 1 FROM item WHERE item.removed = 1");
	add_filters(&s, q, &plan, REGION_BY_INDEX);
	if (key)
		sql_add(&s, " AND item.id < :k1");
	sql_add(&s, " LIMIT :cap)");
	if (s.overflow || !(st = prepare(db, s.text))) {
		search_plan_free(&plan);
		return s.overflow ? db_fail(db, "board query too long") : -1;
	}
	bind_query(st, q, &plan);
	if (key)
		bind_int64(st, ":k1", key->id);
	bind_int64(st, ":cap", SCAN_COUNT_CAP);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		more = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	search_plan_free(&plan);
	if (rc != SQLITE_ROW)
		return db_fail_sqlite(db, "counting removed items");
	*count += more;
	if (more >= SCAN_COUNT_CAP)
		*exact = 0;
	return 0;
}
