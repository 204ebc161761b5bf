/* golden_export.c — end-to-end golden check: reads `duban export --format json` output and
 * compares every report in it with its truth file (the fixture whose "file" matches), field by
 * field, so the database and the exporter are held to the truth as well as the parser.
 * Usage: golden_export EXPORT.json FIXTURES_DIR. Exit 0 when all match and all five were seen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "import.h"
#include "json.h"

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long size;

	if (f && fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)size + 1)) != NULL) {
		if (fread(buf, 1, (size_t)size, f) == (size_t)size) {
			buf[size] = '\0';
			*len = (size_t)size;
		} else {
			free(buf);
			buf = NULL;
		}
	}
	if (f)
		fclose(f);
	return buf;
}

static struct json *load(const char *path)
{
	size_t len;
	char err[256];
	char *text = read_all(path, &len);
	struct json *j = text ? json_parse(text, len, err, sizeof err) : NULL;

	if (text && !j)
		fprintf(stderr, "golden_export: %s: %s\n", path, err);
	free(text);
	return j;
}

/* Views the strings of an exported report as an import_report; nothing is copied, so the
 * report is freed with free_view, not import_report_free. */
static struct import_report *view_report(const struct json *e)
{
	struct import_report *r = calloc(1, sizeof *r);
	const struct json *cats = json_get(e, "categories");

	r->file = (char *)json_str(json_get(e, "file"));
	r->title = (char *)json_str(json_get(e, "title"));
	r->region = (char *)json_str(json_get(e, "region"));
	r->category_count = json_count(cats);
	r->categories = calloc(r->category_count + 1, sizeof *r->categories);
	for (size_t c = 0; c < r->category_count; c++) {
		const struct json *jc = json_at(cats, c), *items = json_get(jc, "items");
		struct import_category *cat = &r->categories[c];

		cat->label = (char *)json_str(json_get(jc, "label"));
		cat->title = (char *)json_str(json_get(jc, "title"));
		cat->item_count = json_count(items);
		cat->items = calloc(cat->item_count + 1, sizeof *cat->items);
		for (size_t i = 0; i < cat->item_count; i++) {
			const struct json *ji = json_at(items, i), *ms = json_get(ji, "measures");
			struct import_item *it = &cat->items[i];

			it->no = (char *)json_str(json_get(ji, "no"));
			it->text = (char *)json_str(json_get(ji, "text"));
			it->status = (char *)json_str(json_get(ji, "status"));
			it->deadline = (char *)json_str(json_get(ji, "deadline"));
			it->lead_unit = (char *)json_str(json_get(ji, "lead_unit"));
			it->responsible_unit = (char *)json_str(json_get(ji, "responsible_unit"));
			it->acceptance_unit = (char *)json_str(json_get(ji, "acceptance_unit"));
			it->goal = (char *)json_str(json_get(ji, "goal"));
			it->subcategory = (char *)json_str(json_get(ji, "subcategory"));
			it->line = (int)json_long(json_get(ji, "line"), -1);
			it->measure_count = json_count(ms);
			it->measures = calloc(it->measure_count + 1, sizeof *it->measures);
			for (size_t m = 0; m < it->measure_count; m++) {
				it->measures[m].text = (char *)json_str(json_get(json_at(ms, m), "text"));
				it->measures[m].status = (char *)json_str(json_get(json_at(ms, m), "status"));
			}
		}
	}
	return r;
}

static void free_view(struct import_report *r)
{
	for (size_t c = 0; c < r->category_count; c++) {
		for (size_t i = 0; i < r->categories[c].item_count; i++)
			free(r->categories[c].items[i].measures);
		free(r->categories[c].items);
	}
	free(r->categories);
	free(r);
}

int main(int argc, char **argv)
{
	struct json *exported;
	int mismatches = 0, matched = 0, fixtures = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: golden_export EXPORT.json FIXTURES_DIR\n");
		return 2;
	}
	exported = load(argv[1]);
	if (!exported)
		return 1;
	for (int n = 0; n < 1000; n++) {
		char path[4096];
		struct json *truth;
		const char *file;

		snprintf(path, sizeof path, "%s/%03d.json", argv[2], n);
		if (!(truth = load(path)))
			break;
		fixtures++;
		file = json_str(json_get(truth, "file"));
		for (size_t i = 0; i < json_count(exported); i++) {
			const struct json *e = json_at(exported, i);
			if (file && json_str(json_get(e, "file")) && strcmp(file, json_str(json_get(e, "file"))) == 0) {
				struct import_report *r = view_report(e);
				mismatches += golden_compare_report(file, r, truth, 1);
				free_view(r);
				matched++;
				break;
			}
		}
		json_free(truth);
	}
	json_free(exported);
	printf("golden_export: %d of %d fixtures found in the export, %d mismatches\n", matched,
	       fixtures, mismatches);
	return matched == fixtures && fixtures > 0 && mismatches == 0 ? 0 : 1;
}
