/* golden.c — compares a parsed report with a hand-checked truth file (tests/fixtures/NNN.json,
 * see SUMMARY.md there) field by field; shared by the golden unit test and the end-to-end
 * export check (tests/tools/golden_export.c). Test-only code. */
#include "golden.h"

#include <stdio.h>
#include <string.h>

static int failures;

/* A fixture mismatch: names file, item and field, then shows both values. */
static void mismatch(const char *file, const char *item, const char *field, const char *got,
                     const char *want)
{
	failures++;
	fprintf(stderr, "  %s item %s: %s\n    got:  %s\n    want: %s\n", file, item ? item : "-",
	        field, got ? got : "NULL", want ? want : "NULL");
}

static void cmp_str(const char *file, const char *item, const char *field, const char *got,
                    const char *want)
{
	if ((got == NULL) != (want == NULL) || (got && strcmp(got, want) != 0))
		mismatch(file, item, field, got, want);
}

static void cmp_int(const char *file, const char *item, const char *field, long got, long want)
{
	char g[32], w[32];

	if (got == want)
		return;
	snprintf(g, sizeof g, "%ld", got);
	snprintf(w, sizeof w, "%ld", want);
	mismatch(file, item, field, g, w);
}

static int is_ws(const unsigned char *p)
{
	return *p == ' ' || *p == '\t' || *p == '\n' || (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80);
}

static size_t cp_len(unsigned char c)
{
	return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* The first n code points of s (whitespace dropped when compact) into buf. */
static void first_chars(const char *s, size_t n, int compact, char *buf, size_t size)
{
	size_t o = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p && n > 0;) {
		size_t l = cp_len(*p);
		if (compact && is_ws(p)) {
			p += *p == ' ' || *p == '\t' || *p == '\n' ? 1 : 3;
			continue;
		}
		if (o + l >= size)
			break;
		memcpy(buf + o, p, l);
		o += l;
		p += l;
		n--;
	}
	buf[o] = '\0';
}

/* The last n code points of s. */
static const char *last_chars(const char *s, size_t n)
{
	const char *p = s + strlen(s);

	while (p > s && n > 0) {
		p--;
		if (((unsigned char)*p & 0xC0) != 0x80)
			n--;
	}
	return p;
}

/* Line numbers of a variant: a blank line after every line makes line n line 2n - 1; 0 when
 * re-wrapping makes them unpredictable (not compared). */
/* Truth line n is line n * line_factor - (line_factor - 1) of the input; 0: not compared. */
static int line_factor = 1;

static void compare_item(const char *file, const struct import_item *it, const struct json *t)
{
	const char *no = json_str(json_get(t, "no"));
	const struct json *ms = json_get(t, "measure_statuses");
	char buf[256];

	cmp_str(file, no, "no", it->no, no);
	first_chars(it->text, 20, 1, buf, sizeof buf);
	cmp_str(file, no, "text_start_compact", buf, json_str(json_get(t, "text_start_compact")));
	first_chars(it->text, 20, 0, buf, sizeof buf);
	cmp_str(file, no, "text_start", buf, json_str(json_get(t, "text_start")));
	cmp_str(file, no, "text_end", last_chars(it->text, 12), json_str(json_get(t, "text_end")));
	cmp_str(file, no, "status", it->status, json_str(json_get(t, "status")));
	cmp_str(file, no, "deadline", it->deadline, json_str(json_get(t, "deadline")));
	cmp_str(file, no, "lead_unit", it->lead_unit, json_str(json_get(t, "lead_unit")));
	cmp_str(file, no, "responsible_unit", it->responsible_unit,
	        json_str(json_get(t, "responsible_unit")));
	cmp_str(file, no, "acceptance_unit", it->acceptance_unit,
	        json_str(json_get(t, "acceptance_unit")));
	cmp_str(file, no, "goal", it->goal, json_str(json_get(t, "goal")));
	cmp_str(file, no, "subcategory", it->subcategory, json_str(json_get(t, "subcategory")));
	if (line_factor)
		cmp_int(file, no, "line", it->line,
		        line_factor * json_long(json_get(t, "line"), -1) - (line_factor - 1));
	cmp_int(file, no, "measures", (long)it->measure_count, json_long(json_get(t, "measures"), -1));
	if (!ms || ms->type == JSON_NULL) {
		for (size_t m = 0; m < it->measure_count; m++)
			if (it->measures[m].status) {
				snprintf(buf, sizeof buf, "measure %zu status", m + 1);
				mismatch(file, no, buf, it->measures[m].status, NULL);
			}
		return;
	}
	if (json_count(ms) != it->measure_count)
		return; /* the count mismatch is already reported */
	for (size_t m = 0; m < it->measure_count; m++) {
		snprintf(buf, sizeof buf, "measure %zu status", m + 1);
		cmp_str(file, no, buf, it->measures[m].status, json_str(json_at(ms, m)));
	}
}

int golden_compare_report(const char *file, const struct import_report *r, const struct json *t,
                          int lines)
{
	const struct json *cats = json_get(t, "categories");

	failures = 0;
	line_factor = lines;

	cmp_str(file, NULL, "title", r->title, json_str(json_get(t, "title")));
	cmp_str(file, NULL, "region", r->region, json_str(json_get(t, "region")));
	cmp_str(file, NULL, "file", r->file, json_str(json_get(t, "file")));
	cmp_int(file, NULL, "category count", (long)r->category_count, (long)json_count(cats));
	for (size_t c = 0; c < r->category_count && c < json_count(cats); c++) {
		const struct import_category *cat = &r->categories[c];
		const struct json *tc = json_at(cats, c), *items = json_get(tc, "items");
		char where[32];
		snprintf(where, sizeof where, "category %zu", c + 1);
		cmp_str(file, where, "label", cat->label, json_str(json_get(tc, "label")));
		cmp_str(file, where, "title", cat->title, json_str(json_get(tc, "title")));
		cmp_int(file, where, "item count", (long)cat->item_count, (long)json_count(items));
		for (size_t i = 0; i < cat->item_count && i < json_count(items); i++)
			compare_item(file, &cat->items[i], json_at(items, i));
	}
	return failures;
}
