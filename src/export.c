/* export.c — JSON and CSV serialisers over db_items_foreach. Streams item by item, so memory
 * stays flat on large databases. No SQL here, no terminal, no exit. */
#include "export.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* A JSON string. JSON text must be valid UTF-8: a byte that does not start a valid sequence
 * (text another program wrote into the database) becomes \ufffd rather than making the whole
 * export unreadable. */
static void json_string(FILE *out, const char *s)
{
	size_t len;

	if (!s) {
		fputs("null", out);
		return;
	}
	len = strlen(s);
	fputc('"', out);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t n;

		if (c >= 0x80) {
			n = text_decode(s + i, len - i, &cp);
			if (cp == 0xFFFD && n == 1)
				fputs("\\ufffd", out);
			else
				fwrite(s + i, 1, n, out);
			i += n;
			continue;
		}
		switch (c) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(out, "\\u%04x", c);
			else
				fputc(c, out);
		}
		i++;
	}
	fputc('"', out);
}

struct json_state {
	FILE *out;
	int64_t report, category;
	int items_in_category;
};

static void json_field(FILE *out, const char *indent, const char *name, const char *value, int comma)
{
	fprintf(out, "%s\"%s\": ", indent, name);
	json_string(out, value);
	fputs(comma ? ",\n" : "\n", out);
}

static void json_close_category(struct json_state *j)
{
	fputs(j->items_in_category ? "\n     ]\n    }" : "]\n    }", j->out);
}

static int json_item(const struct db_item *it, void *ctx)
{
	struct json_state *j = ctx;
	FILE *out = j->out;
	const char *in = "       ";
	char iso[16];

	if (it->report_id != j->report) {
		if (j->report) {
			json_close_category(j);
			fputs("\n   ]\n  },\n", out);
		}
		fputs("  {\n", out);
		json_field(out, "   ", "file", it->report_file, 1);
		json_field(out, "   ", "title", it->report_title, 1);
		json_field(out, "   ", "region", it->region, 1);
		json_field(out, "   ", "round", it->report_round, 1);
		json_field(out, "   ", "encoding", it->report_encoding, 1);
		fputs("   \"categories\": [\n", out);
		j->report = it->report_id;
		j->category = 0;
	}
	if (it->category_id != j->category) {
		if (j->category) {
			json_close_category(j);
			fputs(",\n", out);
		}
		fputs("    {\n", out);
		json_field(out, "     ", "label", it->category_label, 1);
		json_field(out, "     ", "title", it->category_title, 1);
		fputs("     \"items\": [", out);
		j->category = it->category_id;
		j->items_in_category = 0;
	}
	fputs(j->items_in_category++ ? ",\n      {\n" : "\n      {\n", out);
	fprintf(out, "%s\"id\": %lld,\n", in, (long long)it->id);
	json_field(out, in, "no", it->no, 1);
	json_field(out, in, "text", it->text, 1);
	json_field(out, in, "status", it->status, 1);
	json_field(out, in, "deadline", it->deadline, 1);
	json_field(out, in, "lead_unit", it->lead_unit, 1);
	json_field(out, in, "responsible_unit", it->responsible_unit, 1);
	json_field(out, in, "acceptance_unit", it->acceptance_unit, 1);
	json_field(out, in, "goal", it->goal, 1);
	json_field(out, in, "subcategory", it->subcategory, 1);
	fprintf(out, "%s\"measures\": [", in);
	for (size_t i = 0; i < it->measure_count; i++) {
		fputs(i ? ", {\"text\": " : "{\"text\": ", out);
		json_string(out, it->measures[i].text);
		fputs(", \"status\": ", out);
		json_string(out, it->measures[i].status);
		fputc('}', out);
	}
	fputs("],\n", out);
	json_field(out, in, "state", state_name(it->state), 1);
	fprintf(out, "%s\"long_term\": %s,\n", in, it->long_term ? "true" : "false");
	json_field(out, in, "due", it->due_kind == DUE_DATE ? date_format_iso(it->due, iso) : NULL, 1);
	json_field(out, in, "due_kind", date_due_kind_name(it->due_kind), 1);
	fprintf(out, "%s\"line\": %d,\n%s\"version\": %d,\n", in, it->line, in, it->version);
	fprintf(out, "%s\"removed\": %s\n      }", in, it->removed ? "true" : "false");
	return ferror(out) ? -1 : 0;
}

int export_json(struct db *db, FILE *out)
{
	struct json_state j = {.out = out};
	int rc;

	fputs("[\n", out);
	rc = db_items_foreach(db, DB_LOAD_MEASURES, json_item, &j);
	if (rc || ferror(out))
		return -1;
	if (j.report) {
		json_close_category(&j);
		fputs("\n   ]\n  }\n", out);
	}
	fputs("]\n", out);
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

/* ---- CSV --------------------------------------------------------------------------------- */

struct csv_state {
	FILE *out;
	const struct export_csv_options *opt;
	char *row;
	size_t len, cap;
	char *err;
	size_t errsize;
	int failed;
};

static void csv_put(struct csv_state *c, const char *s, size_t n)
{
	if (c->len + n + 1 > c->cap) {
		size_t cap = (c->cap + n + 1) * 2;
		char *p = realloc(c->row, cap);
		if (!p) {
			c->failed = 1;
			return;
		}
		c->row = p;
		c->cap = cap;
	}
	memcpy(c->row + c->len, s, n);
	c->len += n;
	c->row[c->len] = '\0';
}

/* One field, always quoted. A leading = + - @ would make Excel evaluate a formula, so such a
 * field is prefixed with a single quote, the usual guard against CSV injection. */
static void csv_field(struct csv_state *c, const char *s, int last)
{
	csv_put(c, "\"", 1);
	if (s && (*s == '=' || *s == '+' || *s == '-' || *s == '@'))
		csv_put(c, "'", 1);
	for (const char *p = s ? s : ""; *p; p++) {
		csv_put(c, p, 1);
		if (*p == '"')
			csv_put(c, "\"", 1);
	}
	csv_put(c, last ? "\"\r\n" : "\",", last ? 3 : 2);
}

static int csv_flush_row(struct csv_state *c)
{
	if (c->failed) {
		snprintf(c->err, c->errsize, "out of memory");
		return -1;
	}
	if (c->opt->encoding) {
		size_t n;
		char *conv = text_from_utf8(c->row, c->len, c->opt->encoding, &n, c->err, c->errsize);
		if (!conv)
			return -1;
		fwrite(conv, 1, n, c->out);
		free(conv);
	} else {
		fwrite(c->row, 1, c->len, c->out);
	}
	c->len = 0;
	if (ferror(c->out)) {
		snprintf(c->err, c->errsize, "write error: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int csv_item(const struct db_item *it, void *ctx)
{
	struct csv_state *c = ctx;
	char id[32], iso[16], line[16], measures[16];

	snprintf(id, sizeof id, "%lld", (long long)it->id);
	snprintf(line, sizeof line, "%d", it->line);
	snprintf(measures, sizeof measures, "%zu", it->measure_count);
	csv_field(c, id, 0);
	csv_field(c, it->region, 0);
	csv_field(c, it->report_title, 0);
	csv_field(c, it->category_title, 0);
	csv_field(c, it->subcategory, 0);
	csv_field(c, it->no, 0);
	csv_field(c, state_name(it->state), 0);
	csv_field(c, state_label(it->state), 0);
	csv_field(c, it->status, 0);
	csv_field(c, it->deadline, 0);
	csv_field(c, it->due_kind == DUE_DATE ? date_format_iso(it->due, iso) : "", 0);
	csv_field(c, date_due_kind_name(it->due_kind), 0);
	csv_field(c, it->long_term ? "1" : "0", 0);
	csv_field(c, it->lead_unit, 0);
	csv_field(c, it->responsible_unit, 0);
	csv_field(c, it->acceptance_unit, 0);
	csv_field(c, it->goal, 0);
	csv_field(c, measures, 0);
	csv_field(c, it->removed ? "1" : "0", 0);
	csv_field(c, it->text, 1);
	return csv_flush_row(c);
}

int export_csv(struct db *db, FILE *out, const struct export_csv_options *opt, char *err,
               size_t errsize)
{
	static const char *const header[] = {
	    "id", "region", "report", "category", "subcategory", "no", "state", "state_label",
	    "status", "deadline", "due", "due_kind", "long_term", "lead_unit", "responsible_unit",
	    "acceptance_unit", "goal", "measures", "removed", "text"};
	struct csv_state c = {.out = out, .opt = opt, .err = err, .errsize = errsize};
	size_t n = sizeof header / sizeof header[0];
	int rc;

	err[0] = '\0';
	if (opt->bom && !opt->encoding)
		fputs("\xEF\xBB\xBF", out);
	for (size_t i = 0; i < n; i++)
		csv_field(&c, header[i], i + 1 == n);
	rc = csv_flush_row(&c);
	if (rc == 0)
		rc = db_items_foreach(db, DB_LOAD_MEASURES, csv_item, &c);
	free(c.row);
	if (rc == 0 && (fflush(out) != 0 || ferror(out))) {
		snprintf(err, errsize, "write error: %s", strerror(errno));
		rc = -1;
	}
	if (rc && !err[0])
		snprintf(err, errsize, "%s", db_errmsg(db));
	return rc ? -1 : 0;
}
