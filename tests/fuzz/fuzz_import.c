/* fuzz_import.c — libFuzzer target for the report parser (`make fuzz`): any bytes, read with
 * encoding detection and as UTF-8 and GB18030, must either give a report whose every string is
 * clean UTF-8 without terminal-active characters, or fail with a message and no report. Covers
 * every stage: mojibake repair, lines (furniture, split labels, re-wrapped rows), structure
 * (any numbering, notices), fields; the same bytes are also read as an admin's label
 * vocabulary (data/labels.txt format), and the confidence summary must add up. */
#include "import.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts (a crash for the fuzzer) unless s is NULL or valid, safe UTF-8. */
static void check_clean(const char *s)
{
	size_t len;

	if (!s)
		return;
	len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		if ((cp == 0xFFFD && n == 1) || text_cp_is_unsafe(cp))
			abort();
		i += n;
	}
}

static void check_report(const struct import_report *r)
{
	size_t items = 0;

	if (!r || !r->title || !r->file || !r->encoding || strlen(r->digest) != 16)
		abort();
	check_clean(r->title);
	check_clean(r->region);
	check_clean(r->round);
	check_clean(r->file);
	for (size_t w = 0; w < r->warning_count; w++) {
		if (!r->warnings[w])
			abort();
		check_clean(r->warnings[w]);
	}
	for (size_t c = 0; c < r->category_count; c++) {
		const struct import_category *cat = &r->categories[c];
		check_clean(cat->label);
		check_clean(cat->title);
		for (size_t i = 0; i < cat->item_count; i++) {
			const struct import_item *it = &cat->items[i];
			if (!it->no || !it->text || it->line < 1 || (it->measure_count && !it->measures))
				abort();
			check_clean(it->no);
			check_clean(it->text);
			check_clean(it->status);
			check_clean(it->deadline);
			check_clean(it->lead_unit);
			check_clean(it->responsible_unit);
			check_clean(it->acceptance_unit);
			check_clean(it->goal);
			check_clean(it->subcategory);
			for (size_t m = 0; m < it->measure_count; m++) {
				if (!it->measures[m].text)
					abort();
				check_clean(it->measures[m].text);
				check_clean(it->measures[m].status);
			}
			items++;
		}
	}
	/* A report without items is garbage: import_parse must have failed instead. */
	if (items == 0 || items != import_report_item_count(r))
		abort();
	/* The confidence summary counts what is there. */
	if (r->stats.items != items || r->stats.status > items || r->stats.deadline > items ||
	    r->stats.units > items)
		abort();
	check_clean(r->notice_date);
	check_clean(r->publicity);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encodings[] = {NULL, "UTF-8", "GB18030"};

	for (size_t e = 0; e < sizeof encodings / sizeof *encodings; e++) {
		struct import_report *r = NULL;
		struct import_error err;
		int rc = import_parse("fuzz.txt", (const char *)data, size, encodings[e], &r, &err);
		if (rc == 0) {
			check_report(r);
		} else if (rc != -1 || r != NULL || err.msg[0] == '\0' ||
		           memchr(err.msg, '\0', sizeof err.msg) == NULL) {
			abort();
		}
		import_report_free(r);
	}
	/* The bytes as a label vocabulary: accepted or refused with a line, never a crash; a
	 * report parsed with what was accepted is still clean. */
	{
		struct import_error err;
		struct import_report *r = NULL;
		if (import_labels_add((const char *)data, size, &err) < 0 && err.msg[0] == '\0')
			abort();
		if (import_parse("fuzz.txt", (const char *)data, size, NULL, &r, &err) == 0)
			check_report(r);
		import_report_free(r);
		import_labels_reset();
	}
	return 0;
}
