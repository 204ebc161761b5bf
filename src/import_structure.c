/* import_structure.c — stage 2 of the importer: from classified lines to the item list — the
 * numbering style of the items, the chain of numbers that continue one another, the headings
 * (category, subcategory) above them and where the list ends. Reads no field values. */
#include "import.h"
#include "import_internal.h"

#include "msg.h"
#include "text.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int item_capable(enum style st)
{
	return st == ST_ARABIC || st == ST_ARABIC_PAREN || st == ST_CN || st == ST_CN_PAREN ||
	       st == ST_CIRCLED || st == ST_DI_XIANG || st == ST_WENTI;
}

static int heading_capable(enum style st)
{
	return st == ST_ARABIC || st == ST_ARABIC_PAREN || st == ST_CN || st == ST_CN_PAREN ||
	       st == ST_CN_DI || st == ST_PLAIN_HEAD;
}

/* next_struct[i]: the first non-blank, non-skipped line at or after i that is numbered or
 * labelled (n if none). An item's problem text runs up to it, so a numbered line whose next
 * such line is a label is an "anchor": a problem followed by its status or fields. A line like
 * "3.5万亩。" may be a wrapped continuation, so it does not end a problem text here. */
size_t *import_structure_next(struct parser *ps)
{
	size_t *nx = malloc((ps->n + 1) * sizeof *nx);

	if (!nx) {
		ps->oom = 1;
		return NULL;
	}
	nx[ps->n] = ps->n;
	for (size_t i = ps->n; i-- > 0;) {
		const struct line *L = &ps->lines[i];
		nx[i] = (!L->skip && ((L->mk.style && !L->mk.decimal) || L->label || L->inl)) ? i
		                                                                             : nx[i + 1];
	}
	return nx;
}

static int is_anchor(const struct parser *ps, const size_t *nx, size_t i)
{
	size_t k = nx[i + 1];

	if (ps->lines[i].inl)
		return 1;
	return k < ps->n && (ps->lines[k].label != LB_NONE ||
	                     (!ps->lines[k].mk.style && ps->lines[k].inl != LB_NONE));
}

/* Picks the item numbering style: the one with the most anchors (ties: the earliest). */
enum style import_structure_style(struct parser *ps, const size_t *nx, size_t *first_anchor)
{
	size_t count[ST_COUNT] = {0}, first[ST_COUNT];
	enum style best = ST_NONE;

	for (int k = 0; k < ST_COUNT; k++)
		first[k] = SIZE_MAX;
	for (size_t i = 0; i < ps->n; i++) {
		enum style st = ps->lines[i].mk.style;
		if (!item_capable(st) || !is_anchor(ps, nx, i))
			continue;
		count[st]++;
		/* The first anchor, but not a "3.5万亩" when a plain number follows. */
		if (first[st] == SIZE_MAX || (ps->lines[first[st]].mk.decimal && !ps->lines[i].mk.decimal))
			first[st] = i;
	}
	for (int k = 1; k < ST_COUNT; k++)
		if (count[k] && (best == ST_NONE || count[k] > count[best] ||
		                 (count[k] == count[best] && first[k] < first[best])))
			best = (enum style)k;
	*first_anchor = best == ST_NONE ? SIZE_MAX : first[best];
	return best;
}

/* Marks the lines between a （下转第N版） after the list's start and the next （上接…） as not
 * part of the list; warns when nothing resumes it. */
void import_structure_mark_skips(struct parser *ps, size_t from)
{
	for (size_t i = from; i < ps->n; i++) {
		size_t j;
		if (!import_line_is_down(&ps->lines[i]))
			continue;
		for (j = i; j < ps->n && !(j > i && import_line_is_up(&ps->lines[j])); j++)
			ps->lines[j].skip = 1;
		if (j < ps->n) {
			ps->lines[j].skip = 1;
		} else {
			char what[64];
			size_t wl = ps->lines[i].len < sizeof what - 1 ? ps->lines[i].len : sizeof what - 1;
			while (wl > 0 && ((unsigned char)ps->lines[i].s[wl] & 0xC0) == 0x80)
				wl--;
			memcpy(what, ps->lines[i].s, wl);
			what[wl] = '\0';
			import_warn(ps, tr("清单在第 %zu 行（%s）中断：报告可能在别处续完"),
			      ps->lines[i].no, what);
		}
		i = j;
	}
}

static int add_item(struct parser *ps, size_t line)
{
	struct pitem *it;

	if (import_grow(ps, (void **)&ps->items, &ps->capitems, ps->nitems + 1, sizeof *ps->items) < 0)
		return -1;
	it = &ps->items[ps->nitems++];
	memset(it, 0, sizeof *it);
	it->line = line;
	it->first = line;
	return 0;
}

/* How sure a candidate is to be an item: followed by labels (2) and not "3.5万亩" (1). */
static int strength(const struct parser *ps, const size_t *nx, size_t i)
{
	return 2 * is_anchor(ps, nx, i) + !ps->lines[i].mk.decimal;
}

/* Builds the chain of items: numbers of the item style that continue one another, from the
 * first anchor on. A number that does not continue the sequence is text ("547.5 万立方米",
 * a preface's own 1. 2. 3.). A continuing number is text too when a surer candidate with the
 * same number comes before the next number: "7.9公里。" or "2.5公里" wrapped inside an item,
 * ahead of the real "7.…" or "2.…". */
int import_structure_chain(struct parser *ps, const size_t *nx, size_t first_anchor)
{
	size_t nc = 0, *cand, *next_stronger, *next_plus1, start;
	size_t last_at[MAX_NUM + 2][4], last_any[MAX_NUM + 2];
	int expected;

	cand = malloc((ps->n + 1) * sizeof *cand);
	next_stronger = malloc((ps->n + 1) * sizeof *next_stronger);
	next_plus1 = malloc((ps->n + 1) * sizeof *next_plus1);
	if (!cand || !next_stronger || !next_plus1) {
		free(cand);
		free(next_stronger);
		free(next_plus1);
		ps->oom = 1;
		return -1;
	}
	for (size_t i = 0; i < ps->n; i++)
		if ((ps->lines[i].mk.style == ps->item_style || ps->lines[i].wide.style == ps->item_style) &&
		    !ps->lines[i].skip)
			cand[nc++] = i;
	for (size_t k = 0; k < MAX_NUM + 2; k++) {
		last_any[k] = SIZE_MAX;
		for (int s = 0; s < 4; s++)
			last_at[k][s] = SIZE_MAX;
	}
	for (size_t c = nc; c-- > 0;) {
		int num = ps->lines[cand[c]].mk.num, st = strength(ps, nx, cand[c]);
		next_stronger[c] = next_plus1[c] = SIZE_MAX;
		if (ps->lines[cand[c]].wide.style)
			continue;
		for (int s = st + 1; s < 4; s++)
			if (last_at[num][s] < next_stronger[c])
				next_stronger[c] = last_at[num][s];
		next_plus1[c] = last_any[num + 1];
		last_at[num][st] = cand[c];
		last_any[num] = cand[c];
	}
	for (start = 0; start < nc && cand[start] != first_anchor; start++)
		;
	while (start < nc && ps->lines[cand[start]].wide.style)
		start++;
	/* Items before the first anchor that lead up to it (a first item printed without status). */
	while (start > 0 && start < nc && ps->lines[cand[start]].mk.num > 1 &&
	       ps->lines[cand[start - 1]].mk.num == ps->lines[cand[start]].mk.num - 1 &&
	       strength(ps, nx, cand[start - 1]) != 0)
		start--;
	if (start >= nc)
		goto out;
	if (add_item(ps, cand[start]) < 0)
		goto out;
	expected = ps->lines[cand[start]].mk.num + 1;
	for (size_t c = start + 1; c < nc; c++) {
		size_t i = cand[c];
		int num = ps->lines[i].mk.num, sure = strength(ps, nx, i) == 3;
		if (ps->lines[i].wide.style) {
			/* A number past MAX_NUM is an item only where it continues the chain: "1000." after
			 * item 999, never "2014、" inside a text. */
			struct line *L = &ps->lines[i];
			if (L->wide.num != expected)
				continue;
			L->mk = L->wide;
			memset(&L->wide, 0, sizeof L->wide);
			L->label = LB_NONE;
			num = L->mk.num;
		} else if (num == expected) {
			if (next_stronger[c] != SIZE_MAX &&
			    (next_plus1[c] == SIZE_MAX || next_stronger[c] < next_plus1[c]))
				continue;
		} else if (sure && num == 1) {
			/* numbering that restarts in each category */
		} else if (sure && num > expected && num <= expected + 10) {
			import_warn(ps, tr("第 %zu 行：事项编号从 %d 跳到 %d；可能缺了事项"),
			      ps->lines[i].no, expected - 1, num);
		} else {
			continue;
		}
		if (add_item(ps, i) < 0)
			break;
		expected = num + 1;
	}
out:
	free(cand);
	free(next_stronger);
	free(next_plus1);
	return ps->oom ? -1 : 0;
}

/* Whether lines [first, end) can be a heading: a numbered line of a heading style, and at most
 * a few continuation lines, short, without a full stop. */
static int heading_ok(struct parser *ps, size_t first, size_t end)
{
	const struct line *L = &ps->lines[first];
	size_t cps = count_cps(L->s + L->mk.len, L->len - L->mk.len), n;

	if (!heading_capable(L->mk.style) || L->mk.style == ps->item_style || L->mk.decimal)
		return 0;
	if (find_lit(L->s, L->len, "。"))
		return 0;
	for (size_t j = first + 1; j < end; j++) {
		const struct line *C = &ps->lines[j];
		if (C->skip || is_blank(C))
			continue;
		if (find_lit(C->s, C->len, "。"))
			return 0;
		cps += count_cps(C->s, C->len);
	}
	if (cps > 60)
		return 0;
	for (size_t j = end; j-- > first;) {
		const struct line *C = &ps->lines[j];
		if (C->skip || is_blank(C))
			continue;
		return !is_final_cp(cp_before(C->s, C->len, &n));
	}
	return 1;
}

/* The heading block that ends right before line `to`, not reaching below `lower`. */
/* A category heading printed without a number: "……方面", "关于“……”方面的问题" — short, no
 * sentence punctuation, and after the end of a sentence (else it is the tail of one). */
static int plain_heading(const struct parser *ps, size_t j, size_t lower)
{
	static const char *const ends[] = {"方面", "方面的问题", "方面问题", "方面存在的问题"};
	const struct line *L = &ps->lines[j];
	int end_ok = 0;
	size_t n;

	if (L->mk.style || L->label || L->inl || L->len == 0 || count_cps(L->s, L->len) > 60 ||
	    find_lit(L->s, L->len, "。") || find_lit(L->s, L->len, "；"))
		return 0;
	for (size_t k = 0; k < sizeof ends / sizeof *ends; k++)
		end_ok |= has_suffix(L->s, L->len, ends[k]);
	if (!end_ok && !(has_prefix(L->s, L->len, "关于") && has_suffix(L->s, L->len, "问题")))
		return 0;
	while (j-- > 0) {
		const struct line *P = &ps->lines[j];
		uint32_t cp;
		if (P->skip)
			continue;
		if (is_blank(P))
			return 1; /* a paragraph of its own */
		cp = cp_before(P->s, P->len, &n);
		/* after a sentence, a heading, or a title line (no punctuation at all) */
		return is_final_cp(cp) || is_close_paren(cp) || P->mk.style == ST_PLAIN_HEAD ||
		       (!P->mk.style && !P->label && count_cps(P->s, P->len) <= 60 &&
		        !find_lit(P->s, P->len, "，") && !find_lit(P->s, P->len, "、") &&
		        !find_lit(P->s, P->len, "："));
	}
	return 1;
}

static int find_heading(struct parser *ps, size_t lower, size_t to, struct head *h)
{
	size_t j = to, text = 0;
	struct line *L;

	for (;;) {
		if (j <= lower)
			return 0;
		L = &ps->lines[--j];
		if (L->skip || is_blank(L))
			continue;
		if (L->label)
			return 0;
		if (L->mk.style)
			break;
		if (text == 0 && plain_heading(ps, j, lower)) {
			memset(&L->mk, 0, sizeof L->mk);
			L->mk.style = ST_PLAIN_HEAD;
			break;
		}
		if (++text > 3)
			return 0;
	}
	if (!heading_ok(ps, j, to))
		return 0;
	/* Not a heading but the next measure of the previous item: （四） after （三）. */
	if (L->mk.num > 1)
		for (size_t k = lower; k < j; k++)
			if (ps->lines[k].mk.style == L->mk.style && ps->lines[k].mk.num == L->mk.num - 1 &&
			    !ps->lines[k].mk.decimal && !ps->lines[k].skip)
				return 0;
	h->first = j;
	h->end = to;
	return 1;
}

void import_structure_headings(struct parser *ps)
{
	for (size_t k = 0; k < ps->nitems; k++) {
		struct pitem *it = &ps->items[k];
		size_t lower = k == 0 ? 0 : ps->items[k - 1].line + 1, to = it->line;
		struct head stack[MAX_HEADS];
		int n = 0;
		while (n < MAX_HEADS && find_heading(ps, lower, to, &stack[n])) {
			to = stack[n].first;
			n++;
		}
		for (int i = 0; i < n; i++)
			it->heads[i] = stack[n - 1 - i];
		it->nheads = n;
		it->first = n ? it->heads[0].first : it->line;
	}
}

/* Where the content of the last item stops: a skipped region (（下转…）), an attachment, or
 * the date that signs the report (and the issuer's name above it). */
static size_t find_list_end(struct parser *ps)
{
	size_t from = ps->items[ps->nitems - 1].line + 1;

	for (size_t i = from; i < ps->n; i++) {
		const struct line *L = &ps->lines[i];
		if (L->skip || import_line_is_attachment(L) || L->label == LB_PUBLICITY ||
		    find_lit(L->s, L->len, "特此公示"))
			return i;
		if (import_line_is_date(L)) {
			size_t j = i;
			while (j > from && is_blank(&ps->lines[j - 1]))
				j--;
			if (j > from) {
				const struct line *P = &ps->lines[j - 1];
				if (!P->mk.style && !P->label && count_cps(P->s, P->len) <= 30 &&
				    !find_lit(P->s, P->len, "。") && !find_lit(P->s, P->len, "，"))
					return j - 1;
			}
			return i;
		}
	}
	return ps->n;
}

/* A number of the item style too long for parse_marker at the start of L ("1000.", "（1000）"),
 * as an item past MAX_NUM prints it: its value, or -1. Only the Arabic styles go that far. */
static long overlong_number(const struct parser *ps, const struct line *L)
{
	size_t j = 0, n, digits = 0;
	long v = 0;
	uint32_t cp;
	int paren = 0;

	if (ps->item_style != ST_ARABIC && ps->item_style != ST_ARABIC_PAREN)
		return -1;
	if (ps->item_style == ST_ARABIC_PAREN && is_open_paren(cp_at(L->s, L->len, 0, &n))) {
		paren = 1;
		j = n;
	}
	while (j < L->len && is_digit_cp(cp = cp_at(L->s, L->len, j, &n))) {
		if (digits < 9)
			v = v * 10 + (long)(cp >= 0xFF10 ? cp - 0xFF10 : cp - '0');
		digits++;
		j += n;
	}
	if (digits <= 3)
		return -1;
	cp = cp_at(L->s, L->len, j, &n);
	if (ps->item_style == ST_ARABIC_PAREN)
		return is_close_paren(cp) ? v : -1;
	if (paren || !(cp == '.' || cp == 0xFF0E || cp == 0x3001))
		return -1;
	if (cp != 0x3001 && is_digit_cp(cp_at(L->s, L->len, j + n, &n)))
		return -1; /* "1000.5万元" */
	return v;
}

/* An item's lines [line, end) must not hold another item of its sequence, or that item's text
 * would silently become part of this one. Two cases:
 *  - the numbering runs past MAX_NUM: "1000." is not a marker (four digits are read as a year,
 *    "2014、2015年"), so items 1000 on would all be read into item 999. That is garbage, so
 *    the import fails.
 *  - a number of the item style followed by labels that the chain did not take (it did not
 *    continue the numbering, "5." then "17."): the chain may be right (it is text), so warn.
 * Returns 0, or -1 with err filled. */
int import_structure_check(struct parser *ps, const size_t *nx, struct import_error *err)
{
	if (ps->notice)
		return 0; /* one item: its 一、二、三 are sections */
	for (size_t k = 0; k < ps->nitems; k++) {
		const struct line *I = &ps->lines[ps->items[k].line];
		size_t end = k + 1 < ps->nitems ? ps->items[k + 1].first : ps->list_end;
		int warned = 0;

		for (size_t j = ps->items[k].line + 1; j < end; j++) {
			const struct line *L = &ps->lines[j];
			long over;

			if (L->skip || is_blank(L))
				continue;
			if (I->mk.num == MAX_NUM && (over = overlong_number(ps, L)) > MAX_NUM) {
				import_set_error(err, L->no > INT32_MAX ? INT32_MAX : (int)L->no, -1,
				          tr("第 %ld 项接在第 %d 项之后：duban 在一个编号序列中最多读 %d 项，从第 %ld 项起会被读进第 %d 项；请把报告分成每份最多 %d 项，或在每个类别中重新编号"),
				          over, MAX_NUM, MAX_NUM, over, MAX_NUM, MAX_NUM);
				return -1;
			}
			if (L->mk.style == ps->item_style && strength(ps, nx, j) == 3)
				ps->untaken++;
			if (!warned && L->mk.style == ps->item_style && strength(ps, nx, j) == 3) {
				import_warn(ps, tr("第 %zu 行：编号 %d 后面像事项一样跟着状态或字段标签，但没有接上第 %d 项（第 %zu 行）的编号；它的文字算作第 %d 项的一部分"),
				      L->no, L->mk.num, I->mk.num, I->no, I->mk.num);
				warned = 1;
			}
		}
	}
	return ps->oom ? -1 : 0;
}

static struct import_category *add_category(struct parser *ps, struct import_report *r,
                                            size_t *cap)
{
	struct import_category *c;

	if (import_grow(ps, (void **)&r->categories, cap, r->category_count + 1, sizeof *r->categories) < 0)
		return NULL;
	c = &r->categories[r->category_count++];
	memset(c, 0, sizeof *c);
	return c;
}

/* The levels of the heading stacks: the deepest stack names them, outer to inner; the two
 * innermost are category and subcategory ("一、整改任务" above them is only a list heading). */
static void heading_levels(struct parser *ps, enum style *cat, enum style *sub)
{
	const struct pitem *deep = NULL;

	*cat = *sub = ST_NONE;
	for (size_t k = 0; k < ps->nitems; k++)
		if (ps->items[k].nheads && (!deep || ps->items[k].nheads > deep->nheads))
			deep = &ps->items[k];
	if (!deep)
		return;
	if (deep->nheads == 1) {
		*cat = ps->lines[deep->heads[0].first].mk.style;
		return;
	}
	*cat = ps->lines[deep->heads[deep->nheads - 2].first].mk.style;
	*sub = ps->lines[deep->heads[deep->nheads - 1].first].mk.style;
	if (*cat == *sub)
		*sub = ST_NONE;
}

/* Categories start before the first item: a category heading that first shows up later, or
 * any heading of another level after the first item, is text ("（一）已完成验收" right before
 * the next item). A heading dropped takes all the headings above it along: their lines go
 * back to the previous item. */
static void prune_headings(struct parser *ps, enum style cat, enum style sub)
{
	int started = 0;

	for (size_t k = 0; k < ps->nitems; k++) {
		struct pitem *it = &ps->items[k];
		int drop = -1;
		for (int h = 0; h < it->nheads; h++) {
			enum style st = ps->lines[it->heads[h].first].mk.style;
			if (st == cat && (started || k == 0))
				started = 1;
			else if (k > 0 && st != sub)
				drop = h;
		}
		if (drop < 0)
			continue;
		memmove(it->heads, it->heads + drop + 1,
		        (size_t)(it->nheads - drop - 1) * sizeof *it->heads);
		it->nheads -= drop + 1;
		it->first = it->nheads ? it->heads[0].first : it->line;
	}
}

int import_structure_categories(struct parser *ps, struct import_report *r)
{
	enum style cat_style, sub_style;
	struct import_category *cur = NULL;
	size_t catcap = 0, itemcap = 0;
	char *sub = NULL;

	heading_levels(ps, &cat_style, &sub_style);
	prune_headings(ps, cat_style, sub_style);
	ps->list_end = find_list_end(ps);
	for (size_t k = 0; k < ps->nitems; k++) {
		struct pitem *pi = &ps->items[k];
		struct import_item *item;
		for (int h = 0; h < pi->nheads; h++) {
			const struct head *hd = &pi->heads[h];
			const struct line *L = &ps->lines[hd->first];
			struct sbuf b = {0};
			if (L->mk.style == cat_style) {
				if (!(cur = add_category(ps, r, &catcap)))
					goto fail;
				itemcap = 0;
				cur->label = L->mk.no_len ? import_dup_clean(ps, L->s + L->mk.no_off, L->mk.no_len)
				                          : NULL;
				import_lines_join(ps, &b, hd->first, L->mk.len, hd->end);
				cur->title = import_take_nonempty(ps, &b);
				import_buf_free(&b);
				free(sub);
				sub = NULL;
			} else if (L->mk.style == sub_style) {
				import_lines_join(ps, &b, hd->first, 0, hd->end);
				free(sub);
				sub = import_take_nonempty(ps, &b);
				import_buf_free(&b);
			}
			if (ps->oom)
				goto fail;
		}
		if (!cur) {
			if (!(cur = add_category(ps, r, &catcap)))
				goto fail;
			itemcap = 0;
		}
		if (import_grow(ps, (void **)&cur->items, &itemcap, cur->item_count + 1, sizeof *cur->items) < 0)
			goto fail;
		item = &cur->items[cur->item_count++];
		if (import_fields_fill(ps, k, item) < 0)
			goto fail;
		if (sub && !(item->subcategory = import_dup_clean(ps, sub, strlen(sub))))
			goto fail;
	}
	free(sub);
	return 0;
fail:
	free(sub);
	ps->oom = 1;
	return -1;
}

/* "the report says 40 problems but lists 25": totals claimed outside the list ("4个方面40项问题",
 * "49 项整改任务"). A bare "18个问题" is too often a count of something else; a claim below the
 * number listed is a subtotal ("已完成整改14项"), so only a larger one is reported. */
void import_structure_check_claims(struct parser *ps, size_t listed)
{
	static const char *const nouns[] = {"项问题",     "个具体问题", "项具体问题", "项整改任务",
	                                    "个整改任务", "项反馈问题", "个反馈问题", "项整改问题"};
	struct sbuf b = {0};
	long first_claim = -1;
	int matched = 0;

	import_lines_join(ps, &b, 0, 0, ps->items[0].first);
	for (size_t j = ps->list_end; j < ps->n; j++)
		if (ps->lines[j].len)
			import_buf_add(ps, &b, ps->lines[j].s, ps->lines[j].len);
	for (size_t i = 0; b.p && i < b.len; i++) {
		long v = 0;
		size_t j = i, digits = 0;
		if (b.p[i] < '0' || b.p[i] > '9' || (i > 0 && b.p[i - 1] >= '0' && b.p[i - 1] <= '9'))
			continue;
		while (j < b.len && b.p[j] >= '0' && b.p[j] <= '9' && digits < 6) {
			v = v * 10 + (b.p[j++] - '0');
			digits++;
		}
		j = skip_spaces(b.p, b.len, j);
		for (size_t k = 0; k < sizeof nouns / sizeof *nouns; k++)
			if (has_prefix(b.p + j, b.len - j, nouns[k])) {
				if ((size_t)v == listed)
					matched = 1;
				else if (first_claim < 0 && (size_t)v > listed)
					first_claim = v;
			}
	}
	if (!matched && first_claim > 0)
		import_warn(ps, tr("报告说有 %ld 个问题，却只列出 %zu 个"), first_claim, listed);
	import_buf_free(&b);
}

/* The field kinds a notice's sections carry. */
static int section_kind(enum label_kind k)
{
	return k == LB_PROBLEM || k == LB_RESP || k == LB_LEAD || k == LB_GOAL || k == LB_MEASURES ||
	       k == LB_PROGRESS || k == LB_STATUS || k == LB_DEADLINE || k == LB_ACCEPT;
}

int import_structure_notice(struct parser *ps)
{
	size_t text = 0, kinds = 0, count[LB_COUNT] = {0}, first = SIZE_MAX;
	int titled = 0;

	for (size_t i = 0; i < ps->n && text < 12; i++) {
		const struct line *L = &ps->lines[i];
		if (is_blank(L))
			continue;
		text++;
		if (!L->label && find_lit(L->s, L->len, "公示") && !find_lit(L->s, L->len, "。") &&
		    count_cps(L->s, L->len) <= 80)
			titled = 1;
	}
	if (!titled)
		return 0;
	for (size_t i = 0; i < ps->n; i++) {
		struct line *L = &ps->lines[i];
		enum label_kind k = L->label;
		size_t off;
		if (!k && (L->mk.style == ST_CN || L->mk.style == ST_CN_PAREN || L->mk.style == ST_ARABIC) &&
		    !L->mk.decimal)
			k = import_label_at(L->s + L->mk.len, L->len - L->mk.len, &off, LABEL_BARE | LABEL_LOOSE);
		if (!section_kind(k))
			continue;
		kinds += count[k]++ == 0;
		if (first == SIZE_MAX)
			first = i;
	}
	/* One item: one problem, one goal, one unit at most; several would be a list of items. */
	if (kinds < 2 || count[LB_PROBLEM] > 1 || count[LB_GOAL] > 1 || count[LB_RESP] > 1 ||
	    !(count[LB_PROBLEM] || (count[LB_GOAL] && (count[LB_MEASURES] || count[LB_PROGRESS]))))
		return 0;
	/* "一、整改任务" sections become label lines: their numbers are not items. */
	for (size_t i = first; i < ps->n; i++) {
		struct line *L = &ps->lines[i];
		size_t off;
		enum label_kind k;
		if (L->label || !L->mk.style || L->mk.decimal ||
		    !(L->mk.style == ST_CN || L->mk.style == ST_CN_PAREN || L->mk.style == ST_ARABIC))
			continue;
		k = import_label_at(L->s + L->mk.len, L->len - L->mk.len, &off, LABEL_BARE | LABEL_LOOSE);
		if (!section_kind(k))
			continue;
		L->label = k;
		L->value_off = L->mk.len + off;
		memset(&L->mk, 0, sizeof L->mk);
		L->inl = import_label_find_inline(L->s, L->len, L->value_off, &L->inl_off,
		                                  &L->inl_value_off);
	}
	ps->notice = 1;
	ps->item_style = ST_NONE;
	if (add_item(ps, first) < 0)
		return -1;
	return 1;
}
