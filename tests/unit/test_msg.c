/* test_msg.c — the message table against the code: every tr("…") and N_("…") literal in
 * src/ C files (read from the source tree; the tests run from the top directory) has an English
 * row with the same printf conversions in the same order, is Chinese, and the table has no
 * row twice. Also the language choice (DUBAN_LANG, LC_ALL, LC_MESSAGES, LANG), contexts,
 * field labels, measure marks and local times. */
#include "harness.h"
#include "date.h"
#include "msg.h"
#include "state.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The language-relevant environment, saved and restored around a test. */
static const char *const lang_vars[] = {"DUBAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"};
static char *saved[4];

static void env_save(void)
{
	for (size_t i = 0; i < 4; i++) {
		const char *v = getenv(lang_vars[i]);
		saved[i] = v ? strdup(v) : NULL;
		unsetenv(lang_vars[i]);
	}
}

static void env_restore(void)
{
	for (size_t i = 0; i < 4; i++) {
		if (saved[i])
			setenv(lang_vars[i], saved[i], 1);
		else
			unsetenv(lang_vars[i]);
		free(saved[i]);
		saved[i] = NULL;
	}
	msg_init();
}

/* The printf conversions of fmt in order, as "s,lld,*d,": what must match between the two
 * languages (flags and widths may differ; '*' takes an argument). */
static void conversions(const char *fmt, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	for (const char *p = fmt; *p; p++) {
		char spec[16];
		size_t k = 0;

		if (*p != '%')
			continue;
		if (p[1] == '%') {
			p++;
			continue;
		}
		for (p++; *p && strchr("-+ #0'", *p); p++)
			;
		for (; *p && (strchr("0123456789.", *p) || *p == '*'); p++)
			if (*p == '*' && k + 1 < sizeof spec)
				spec[k++] = '*';
		for (; *p && strchr("hlLqjzt", *p); p++)
			if (k + 1 < sizeof spec)
				spec[k++] = *p;
		if (*p && k + 1 < sizeof spec)
			spec[k++] = *p;
		spec[k] = '\0';
		if (n + k + 2 < size) {
			memcpy(out + n, spec, k);
			n += k;
			out[n++] = ',';
			out[n] = '\0';
		}
		if (!*p)
			break;
	}
}

/* Decodes the C string literal starting after its opening quote at *p, appending to buf;
 * leaves *p after the closing quote. */
static void read_literal(const char **p, char *buf, size_t *len, size_t size)
{
	const char *s = *p;

	while (*s && *s != '"') {
		int c = (unsigned char)*s++;
		if (c == '\\' && *s) {
			c = (unsigned char)*s++;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'a': c = '\a'; break;
			case 'x': {
				int v = 0;
				while (strchr("0123456789abcdefABCDEF", *s) && *s) {
					v = v * 16 + (*s <= '9' ? *s - '0' : (*s | 32) - 'a' + 10);
					s++;
				}
				c = v;
				break;
			}
			default:
				if (c >= '0' && c <= '7') {
					int v = c - '0';
					for (int k = 0; k < 2 && *s >= '0' && *s <= '7'; k++)
						v = v * 8 + (*s++ - '0');
					c = v;
				}
			}
		}
		if (*len + 1 < size)
			buf[(*len)++] = (char)c;
	}
	buf[*len] = '\0';
	if (*s == '"')
		s++;
	*p = s;
}

/* Skips blanks and comments. */
static const char *skip_space(const char *s)
{
	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (s[0] == '/' && s[1] == '*') {
			const char *e = strstr(s + 2, "*/");
			s = e ? e + 2 : s + strlen(s);
		} else if (s[0] == '/' && s[1] == '/') {
			while (*s && *s != '\n')
				s++;
		} else {
			return s;
		}
	}
}

struct scan {
	int literals, missing, mismatched, not_chinese;
};

/* Checks one literal of file:line against the table (the language is English). */
static void check_literal(struct scan *sc, const char *file, int line, const char *lit)
{
	const char *en = tr(lit), *zh = strchr(lit, '\004');
	char a[256], b[256];
	int chinese = 0;

	/* A literal with a context may be a name that stays as it is (the CSV column ID). */
	chinese = zh != NULL;
	zh = zh ? zh + 1 : lit;
	sc->literals++;
	for (const char *p = zh; *p; p++)
		chinese |= (unsigned char)*p >= 0x80;
	if (!chinese) {
		sc->not_chinese++;
		CHECK_STR(lit, "a Chinese literal in tr()");
		fprintf(stderr, "  %s:%d: tr(\"%s\") is not Chinese\n", file, line, zh);
	}
	if (en >= lit && en <= lit + strlen(lit)) {
		sc->missing++;
		fprintf(stderr, "  %s:%d: no English row in src/msg.c for \"%s\"\n", file, line, zh);
		CHECK_STR(lit, "a row in the table");
		return;
	}
	conversions(lit, a, sizeof a);
	conversions(en, b, sizeof b);
	if (strcmp(a, b) != 0) {
		sc->mismatched++;
		fprintf(stderr, "  %s:%d: \"%s\" and \"%s\" differ in printf conversions\n", file, line,
		        zh, en);
		CHECK_STR(b, a);
	}
}

/* Finds tr( and N_( calls with literal arguments in the C text s, skipping comments,
 * strings and character constants elsewhere. */
static void scan_source(struct scan *sc, const char *file, const char *s)
{
	int line = 1;
	const char *start = s;

	while (*s) {
		if (s[0] == '/' && (s[1] == '*' || s[1] == '/')) {
			const char *e = skip_space(s);
			for (const char *q = s; q < e; q++)
				line += *q == '\n';
			s = e;
		} else if (*s == '"' || *s == '\'') {
			char q = *s++;
			while (*s && *s != q) {
				if (*s == '\\' && s[1])
					s++;
				line += *s == '\n';
				s++;
			}
			if (*s)
				s++;
		} else if ((strncmp(s, "tr", 2) == 0 || strncmp(s, "N_", 2) == 0) &&
		           (s == start || !(s[-1] == '_' || (s[-1] >= 'a' && s[-1] <= 'z') ||
		                            (s[-1] >= 'A' && s[-1] <= 'Z') || (s[-1] >= '0' && s[-1] <= '9')))) {
			const char *p = skip_space(s + 2);
			char buf[4096];
			size_t len = 0;
			int at = line;

			if (*p != '(') {
				s += 2;
				continue;
			}
			p = skip_space(p + 1);
			if (*p != '"') {
				s = p;
				continue;
			}
			while (*p == '"') {
				p++;
				read_literal(&p, buf, &len, sizeof buf);
				p = skip_space(p);
			}
			for (const char *q = s; q < p; q++)
				line += *q == '\n';
			check_literal(sc, file, at, buf);
			s = p;
		} else {
			line += *s == '\n';
			s++;
		}
	}
}

TEST(msg_every_literal_has_an_english_row)
{
	struct scan sc = {0};
	DIR *d = opendir("src");
	struct dirent *e;
	int files = 0;

	if (!CHECK(d != NULL))
		return;
	env_save();
	setenv("DUBAN_LANG", "en", 1);
	msg_init();
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name), len;
		char path[512], *text;

		if (n < 3 || strcmp(e->d_name + n - 2, ".c") != 0)
			continue;
		snprintf(path, sizeof path, "src/%s", e->d_name);
		text = th_read_file(path, &len);
		if (!CHECK(text != NULL))
			continue;
		scan_source(&sc, path, text);
		free(text);
		files++;
	}
	closedir(d);
	env_restore();
	CHECK(files > 5);
	CHECK(sc.literals > 50);
	CHECK_INT(sc.missing, 0);
	CHECK_INT(sc.mismatched, 0);
	CHECK_INT(sc.not_chinese, 0);
}

TEST(msg_table_rows_are_unique_and_match)
{
	const char *prev = NULL;

	for (size_t i = 0; i < msg_count(); i++) {
		const char *zh, *en;
		char a[256], b[256];

		msg_row(i, &zh, &en);
		if (prev && !CHECK(strcmp(prev, zh) != 0))
			fprintf(stderr, "  src/msg.c: \"%s\" has two rows\n", zh);
		conversions(zh, a, sizeof a);
		conversions(en, b, sizeof b);
		if (!CHECK_STR(b, a))
			fprintf(stderr, "  src/msg.c: \"%s\" / \"%s\"\n", zh, en);
		CHECK(en && *en);
		prev = zh;
	}
}

TEST(msg_language_choice)
{
	static const struct {
		const char *duban, *all, *messages, *lang;
		int english;
	} rows[] = {
	    {NULL, NULL, NULL, NULL, 0},
	    {NULL, NULL, NULL, "C", 0},
	    {NULL, NULL, NULL, "zh_CN.UTF-8", 0},
	    {NULL, NULL, NULL, "en_US.UTF-8", 1},
	    {NULL, NULL, NULL, "en", 1},
	    {NULL, NULL, NULL, "english", 0},
	    {NULL, NULL, "zh_CN.UTF-8", "en_US.UTF-8", 0},
	    {NULL, NULL, "en_GB.UTF-8", "zh_CN.UTF-8", 1},
	    {NULL, "zh_CN.GB18030", "en_GB.UTF-8", "en_US.UTF-8", 0},
	    {NULL, "en_US.UTF-8", NULL, "zh_CN.UTF-8", 1},
	    {"zh", "en_US.UTF-8", NULL, NULL, 0},
	    {"en", NULL, NULL, "zh_CN.UTF-8", 1},
	};

	env_save();
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *v[4] = {rows[i].duban, rows[i].all, rows[i].messages, rows[i].lang};
		for (size_t k = 0; k < 4; k++) {
			if (v[k])
				setenv(lang_vars[k], v[k], 1);
			else
				unsetenv(lang_vars[k]);
		}
		msg_init();
		if (!CHECK_INT(msg_english(), rows[i].english))
			fprintf(stderr, "  row %zu\n", i);
	}
	env_restore();
}

TEST(msg_translations_and_contexts)
{
	char buf[32];

	env_save();
	setenv("LANG", "zh_CN.UTF-8", 1);
	msg_init();
	CHECK_STR(state_label(STATE_DONE), "已完成");
	CHECK_STR(tr("csv\004逾期天数"), "逾期天数");
	CHECK_STR(msg_field_label("deadline"), "整改时限");
	CHECK_STR(msg_field_label("state"), "状态");
	CHECK_STR(msg_field_label("frobs"), "frobs");
	CHECK_STR(msg_field_label("removed"), "不再列出");
	CHECK_STR(msg_field_label("category"), "方面");
	CHECK_STR(msg_field_label("verify"), "验收销号");
	CHECK_STR(msg_field_label("undo"), "撤销");
	CHECK_STR(msg_field_label(NULL), "");
	CHECK_STR(tr("没有这一行的中文"), "没有这一行的中文");
	setenv("LANG", "en_US.UTF-8", 1);
	msg_init();
	CHECK_STR(state_label(STATE_DONE), "done");
	CHECK_STR(state_label(STATE_AWAITING_VERIFICATION), "awaiting verification");
	CHECK_STR(tr("csv\004逾期天数"), "overdue_days");
	CHECK_STR(msg_field_label("deadline"), "deadline");
	CHECK_STR(msg_field_label("lead_unit"), "lead unit");
	CHECK_STR(msg_field_label("removed"), "no longer listed");
	CHECK_STR(msg_field_label("category"), "category");
	CHECK_STR(msg_field_label("verified_by"), "verifier");
	CHECK_STR(msg_field_label("undo"), "undo");
	CHECK_STR(tr("没有这一行的中文"), "没有这一行的中文");
	CHECK_INT(state_from_label("awaiting verification"), STATE_AWAITING_VERIFICATION);
	CHECK_INT(state_from_label("待验收"), STATE_AWAITING_VERIFICATION);
	CHECK_INT(state_from_label("in_progress"), STATE_IN_PROGRESS);
	CHECK_INT(state_from_label("nonsense"), -1);
	env_restore();
	CHECK_STR(msg_measure_mark(0, buf, sizeof buf), "（一）");
	CHECK_STR(msg_measure_mark(9, buf, sizeof buf), "（十）");
	CHECK_STR(msg_measure_mark(19, buf, sizeof buf), "（二十）");
	CHECK_STR(msg_measure_mark(20, buf, sizeof buf), "（21）");
}

TEST(date_local_time_rows)
{
	static const struct {
		const char *tz, *in, *want;
	} rows[] = {
	    {"UTC0", "2025-01-02T03:04:05Z", "2025-01-02 03:04"},
	    {"CST-8", "2025-01-02T03:04:05Z", "2025-01-02 11:04"},
	    {"CST-8", "2025-12-31T20:30:00Z", "2026-01-01 04:30"},
	    {"CST-8", "2025-12-31 20:30:00", "2026-01-01 04:30"},
	    {"CST-8", "2024-02-29T16:00Z", "2024-03-01 00:00"},
	    {"EST5", "2025-03-01T02:00:00Z", "2025-02-28 21:00"},
	    {"CST-8", "not a time", "not a time"},
	    {"CST-8", "2025-02-30T00:00:00Z", "2025-02-30T00:00:00Z"},
	    {"CST-8", "", ""},
	};
	char *old = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
	char buf[32];

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		setenv("TZ", rows[i].tz, 1);
		tzset();
		CHECK_STR(date_local_time(rows[i].in, buf, sizeof buf), rows[i].want);
	}
	CHECK_STR(date_local_time(NULL, buf, sizeof buf), "");
	if (old)
		setenv("TZ", old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(old);
}
