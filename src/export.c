/* export.c — JSON and CSV serialisers over db_items_foreach. Streams item by item (each item
 * is built in a buffer, converted to the output encoding and written), so memory stays flat
 * on large databases. Stored text is cleaned by the terminal's rules (text_cp_is_unsafe) on
 * the way out. No SQL here, no terminal, no exit. */
#include "export.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "text.h"

long export_item_overdue(const struct db_item *it, long today)
{
	if (it->removed || state_is_closed(it->state))
		return 0;
	/* A 立行立改 item without a stored date (a database from before the report date was
	 * kept) has no day to count from. */
	if (it->due_kind == DUE_DATE || (it->due_kind == DUE_IMMEDIATE && it->due > 0))
		return it->due < today ? today - it->due : 0;
	return 0;
}

/* ---- the output buffer: one item at a time, converted as a whole -------------------------- */

struct sink {
	FILE *out;
	const char *encoding; /* NULL: UTF-8 */
	char *buf;
	size_t len, cap;
	int failed; /* out of memory */
	char *err;
	size_t errsize;
};

static void sink_put(struct sink *k, const char *s, size_t n)
{
	if (k->failed)
		return;
	if (k->len + n + 1 > k->cap) {
		size_t cap = (k->cap + n + 1) * 2;
		char *p = realloc(k->buf, cap);
		if (!p) {
			k->failed = 1;
			return;
		}
		k->buf = p;
		k->cap = cap;
	}
	memcpy(k->buf + k->len, s, n);
	k->len += n;
	k->buf[k->len] = '\0';
}

static void sink_puts(struct sink *k, const char *s)
{
	sink_put(k, s, strlen(s));
}

static void sink_printf(struct sink *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sink_printf(struct sink *k, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof small) {
		k->failed = 1;
		return;
	}
	sink_put(k, small, (size_t)n);
}

/* Writes what the buffer holds, converted; 0 or -1 with the reason in k->err. */
static int sink_flush(struct sink *k)
{
	if (k->failed) {
		snprintf(k->err, k->errsize, "%s", tr("内存不足"));
		return -1;
	}
	if (k->len && k->encoding) {
		size_t n;
		char *conv = text_from_utf8(k->buf, k->len, k->encoding, &n, k->err, k->errsize);
		if (!conv)
			return -1;
		fwrite(conv, 1, n, k->out);
		free(conv);
	} else if (k->len) {
		fwrite(k->buf, 1, k->len, k->out);
	}
	k->len = 0;
	if (ferror(k->out)) {
		snprintf(k->err, k->errsize, tr("写入失败：%s"), strerror(errno));
		return -1;
	}
	return 0;
}

static void sink_start(struct sink *k, FILE *out, const struct export_options *opt, char *err,
                       size_t errsize)
{
	memset(k, 0, sizeof *k);
	k->out = out;
	k->encoding = opt ? opt->encoding : NULL;
	k->err = err;
	k->errsize = errsize;
	err[0] = '\0';
	if (opt && opt->bom)
		sink_puts(k, "\xEF\xBB\xBF");
}

/* Ends an export: the last flush, then the stream's; rc is the result so far. */
static int sink_end(struct sink *k, struct db *db, int rc)
{
	if (rc == 0)
		rc = sink_flush(k);
	free(k->buf);
	if (rc == 0 && (fflush(k->out) != 0 || ferror(k->out))) {
		snprintf(k->err, k->errsize, tr("写入失败：%s"), strerror(errno));
		rc = -1;
	}
	if (rc && !k->err[0])
		snprintf(k->err, k->errsize, "%s", db_errmsg(db));
	return rc ? -1 : 0;
}

/* ---- JSON -------------------------------------------------------------------------------- */

/* A JSON string. JSON text must be valid UTF-8: a byte that does not start a valid sequence
 * (text another program wrote into the database) becomes \ufffd rather than making the whole
 * export unreadable. Every code point a terminal must not receive raw (C0, DEL, C1, bidi
 * controls: text_cp_is_unsafe) is escaped, so a JSON viewer or `cat` shows no control. */
static void json_string(struct sink *k, const char *s)
{
	size_t len;

	if (!s) {
		sink_puts(k, "null");
		return;
	}
	len = strlen(s);
	sink_put(k, "\"", 1);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);

		if (cp == 0xFFFD && n == 1)
			sink_puts(k, "\\ufffd");
		else if (cp == '"')
			sink_puts(k, "\\\"");
		else if (cp == '\\')
			sink_puts(k, "\\\\");
		else if (cp == '\n')
			sink_puts(k, "\\n");
		else if (cp == '\t')
			sink_puts(k, "\\t");
		else if (cp == '\r')
			sink_puts(k, "\\r");
		else if (text_cp_is_unsafe(cp))
			sink_printf(k, "\\u%04x", (unsigned)cp);
		else
			sink_put(k, s + i, n);
		i += n;
	}
	sink_put(k, "\"", 1);
}

struct json_state {
	struct sink k;
	int64_t report, category;
	int items_in_category;
	long today;
};

static void json_field(struct sink *k, const char *indent, const char *name, const char *value,
                       int comma)
{
	sink_printf(k, "%s\"%s\": ", indent, name);
	json_string(k, value);
	sink_puts(k, comma ? ",\n" : "\n");
}

static void json_close_category(struct json_state *j)
{
	sink_puts(&j->k, j->items_in_category ? "\n     ]\n    }" : "]\n    }");
}

static int json_item(const struct db_item *it, void *ctx)
{
	struct json_state *j = ctx;
	struct sink *k = &j->k;
	const char *in = "       ";
	char iso[16];

	if (it->report_id != j->report) {
		if (j->report) {
			json_close_category(j);
			sink_puts(k, "\n   ]\n  },\n");
		}
		sink_puts(k, "  {\n");
		json_field(k, "   ", "file", it->report_file, 1);
		json_field(k, "   ", "title", it->report_title, 1);
		json_field(k, "   ", "region", it->region, 1);
		json_field(k, "   ", "round", it->report_round, 1);
		json_field(k, "   ", "encoding", it->report_encoding, 1);
		sink_puts(k, "   \"categories\": [\n");
		j->report = it->report_id;
		j->category = 0;
	}
	if (it->category_id != j->category) {
		if (j->category) {
			json_close_category(j);
			sink_puts(k, ",\n");
		}
		sink_puts(k, "    {\n");
		json_field(k, "     ", "label", it->category_label, 1);
		json_field(k, "     ", "title", it->category_title, 1);
		sink_puts(k, "     \"items\": [");
		j->category = it->category_id;
		j->items_in_category = 0;
	}
	sink_puts(k, j->items_in_category++ ? ",\n      {\n" : "\n      {\n");
	sink_printf(k, "%s\"id\": %lld,\n", in, (long long)it->id);
	json_field(k, in, "no", it->no, 1);
	json_field(k, in, "text", it->text, 1);
	json_field(k, in, "status", it->status, 1);
	json_field(k, in, "deadline", it->deadline, 1);
	json_field(k, in, "lead_unit", it->lead_unit, 1);
	json_field(k, in, "responsible_unit", it->responsible_unit, 1);
	json_field(k, in, "acceptance_unit", it->acceptance_unit, 1);
	json_field(k, in, "goal", it->goal, 1);
	json_field(k, in, "subcategory", it->subcategory, 1);
	sink_printf(k, "%s\"measures\": [", in);
	for (size_t i = 0; i < it->measure_count; i++) {
		sink_puts(k, i ? ", {\"text\": " : "{\"text\": ");
		json_string(k, it->measures[i].text);
		sink_puts(k, ", \"status\": ");
		json_string(k, it->measures[i].status);
		sink_put(k, "}", 1);
	}
	sink_puts(k, "],\n");
	json_field(k, in, "state", state_name(it->state), 1);
	sink_printf(k, "%s\"long_term\": %s,\n", in, it->long_term ? "true" : "false");
	json_field(k, in, "due", it->due_kind == DUE_DATE ? date_format_iso(it->due, iso) : NULL, 1);
	json_field(k, in, "due_kind", date_due_kind_name(it->due_kind), 1);
	sink_printf(k, "%s\"overdue_days\": %ld,\n", in, export_item_overdue(it, j->today));
	json_field(k, in, "verified_on", it->verified_on, 1);
	json_field(k, in, "verified_by", it->verified_by, 1);
	json_field(k, in, "verify_opinion", it->verify_opinion, 1);
	sink_printf(k, "%s\"line\": %d,\n%s\"version\": %d,\n", in, it->line, in, it->version);
	sink_printf(k, "%s\"removed\": %s\n      }", in, it->removed ? "true" : "false");
	return sink_flush(k);
}

int export_json_to(struct db *db, FILE *out, const struct export_options *opt, char *err,
                   size_t errsize)
{
	struct json_state j = {.today = opt && opt->today ? opt->today : date_today()};
	int rc;

	sink_start(&j.k, out, opt, err, errsize);
	sink_puts(&j.k, "[\n");
	rc = db_items_foreach(db, DB_LOAD_MEASURES, json_item, &j);
	if (rc == 0) {
		if (j.report) {
			json_close_category(&j);
			sink_puts(&j.k, "\n   ]\n  }\n");
		}
		sink_puts(&j.k, "]\n");
	}
	return sink_end(&j.k, db, rc);
}

int export_json(struct db *db, FILE *out)
{
	char err[256];

	return export_json_to(db, out, NULL, err, sizeof err);
}

/* ---- CSV --------------------------------------------------------------------------------- */

struct csv_state {
	struct sink k;
	long today;
};

/* One field, always quoted. A leading = + - @ (or a tab) would make Excel evaluate a
 * formula, so such a field is prefixed with a single quote, the usual guard against CSV
 * injection. Quoted CSV may hold tabs and line breaks; every other code point that must not
 * reach a terminal is dropped, invalid bytes become U+FFFD. */
static void csv_field(struct sink *k, const char *s, int last)
{
	size_t len = s ? strlen(s) : 0;

	sink_put(k, "\"", 1);
	if (s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t'))
		sink_put(k, "'", 1);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);

		if (cp == 0xFFFD && n == 1)
			sink_puts(k, "\xEF\xBF\xBD");
		else if (cp == '"')
			sink_put(k, "\"\"", 2);
		else if (cp == '\t' || cp == '\n' || !text_cp_is_unsafe(cp))
			sink_put(k, s + i, n);
		i += n;
	}
	sink_puts(k, last ? "\"\r\n" : "\",");
}

/* The measures as one field: one per line, each with its marker and printed status. */
static void csv_measures(struct sink *k, const struct db_item *it)
{
	struct sink m;
	char err[8], mark[32];

	sink_start(&m, NULL, NULL, err, sizeof err);
	for (size_t i = 0; i < it->measure_count; i++) {
		if (i)
			sink_put(&m, "\n", 1);
		sink_puts(&m, msg_measure_mark(i, mark, sizeof mark));
		sink_puts(&m, it->measures[i].text ? it->measures[i].text : "");
		if (it->measures[i].status) {
			sink_puts(&m, "【");
			sink_puts(&m, it->measures[i].status);
			sink_puts(&m, "】");
		}
	}
	k->failed |= m.failed;
	csv_field(k, m.buf ? m.buf : "", 0);
	free(m.buf);
}

static int csv_item(const struct db_item *it, void *ctx)
{
	struct csv_state *c = ctx;
	struct sink *k = &c->k;
	char id[32], iso[16], line[16], measures[16], overdue[24];

	snprintf(id, sizeof id, "%lld", (long long)it->id);
	snprintf(line, sizeof line, "%d", it->line);
	snprintf(measures, sizeof measures, "%zu", it->measure_count);
	snprintf(overdue, sizeof overdue, "%ld", export_item_overdue(it, c->today));
	csv_field(k, id, 0);
	csv_field(k, it->region, 0);
	csv_field(k, it->report_title, 0);
	csv_field(k, it->category_title, 0);
	csv_field(k, it->subcategory, 0);
	csv_field(k, it->no, 0);
	csv_field(k, state_name(it->state), 0);
	csv_field(k, state_label(it->state), 0);
	csv_field(k, it->status, 0);
	csv_field(k, it->deadline, 0);
	csv_field(k, it->due_kind == DUE_DATE ? date_format_iso(it->due, iso) : "", 0);
	csv_field(k, date_due_kind_name(it->due_kind), 0);
	csv_field(k, it->long_term ? "1" : "0", 0);
	csv_field(k, it->lead_unit, 0);
	csv_field(k, it->responsible_unit, 0);
	csv_field(k, it->acceptance_unit, 0);
	csv_field(k, it->goal, 0);
	csv_field(k, measures, 0);
	csv_measures(k, it);
	csv_field(k, overdue, 0);
	csv_field(k, it->verified_on, 0);
	csv_field(k, it->verified_by, 0);
	csv_field(k, it->verify_opinion, 0);
	csv_field(k, it->removed ? "1" : "0", 0);
	csv_field(k, it->text, 1);
	return sink_flush(k);
}

int export_csv(struct db *db, FILE *out, const struct export_options *opt, char *err,
               size_t errsize)
{
	/* Chinese for the clerk's Excel; under an English locale the snake_case names scripts
	 * have always read. The order is csv_item's. */
	static const char *const header[] = {
	    N_("csv\004ID"), N_("csv\004地区"), N_("csv\004报告"), N_("csv\004方面"), N_("csv\004小类"),
	    N_("csv\004编号"), N_("csv\004状态代码"), N_("csv\004状态"), N_("csv\004进展情况"),
	    N_("csv\004整改时限"), N_("csv\004到期日"), N_("csv\004期限类型"), N_("csv\004长期坚持"),
	    N_("csv\004牵头单位"), N_("csv\004责任单位"), N_("csv\004验收单位"), N_("csv\004整改目标"),
	    N_("csv\004措施数"), N_("csv\004整改措施"), N_("csv\004逾期天数"), N_("csv\004验收日期"),
	    N_("csv\004验收人"), N_("csv\004验收意见"), N_("csv\004不再列出"), N_("csv\004问题")};
	struct csv_state c = {.today = opt && opt->today ? opt->today : date_today()};
	size_t n = sizeof header / sizeof header[0];
	int rc;

	sink_start(&c.k, out, opt, err, errsize);
	for (size_t i = 0; i < n; i++)
		csv_field(&c.k, tr(header[i]), i + 1 == n);
	rc = sink_flush(&c.k);
	if (rc == 0)
		rc = db_items_foreach(db, DB_LOAD_MEASURES, csv_item, &c);
	return sink_end(&c.k, db, rc);
}
