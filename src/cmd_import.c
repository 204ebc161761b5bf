/* cmd_import.c — `duban import`: reads report files (or standard input), parses them all with
 * import.h before writing anything, places each report's region by the gazetteer and prints
 * what changed. Parsing lives in import*.c (no printing there); this file only reads and reports. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cmd.h"
#include "db.h"
#include "import.h"
#include "msg.h"

/* Larger inputs are not rectification reports; refuse before reading them into memory. */
#define MAX_INPUT_SIZE (256L * 1024 * 1024)

/* "1 item", "49 items": n and the noun, singular or plural (English output only). */
static const char *count_of(char *buf, size_t size, long long n, const char *one,
                            const char *many)
{
	snprintf(buf, size, "%lld %s", n, n == 1 ? one : many);
	return buf;
}

static char *read_input(const char *path, size_t *len, char *err, size_t errsize)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t size = 0, cap = 0, n;
	struct stat sb;

	if (!f) {
		snprintf(err, errsize, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		snprintf(err, errsize, "is a directory, not a report");
		fclose(f);
		return NULL;
	}
	for (;;) {
		if (cap - size < 65536) {
			char *p;
			cap = cap ? cap * 2 : 65536;
			if (cap > (size_t)MAX_INPUT_SIZE + 65536 || !(p = realloc(buf, cap + 1))) {
				snprintf(err, errsize, "larger than %ld MB; not a report duban can read",
				         MAX_INPUT_SIZE / (1024 * 1024));
				free(buf);
				if (f != stdin)
					fclose(f);
				return NULL;
			}
			buf = p;
		}
		n = fread(buf + size, 1, cap - size, f);
		size += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errsize, "read error: %s", strerror(errno));
		free(buf);
		buf = NULL;
	} else {
		buf[size] = '\0';
		*len = size;
	}
	if (f != stdin)
		fclose(f);
	return buf;
}

/* See cmd.h. */
size_t cmd_split_path(char *line, char **names, size_t max)
{
	size_t n = 0;
	char *save = NULL;

	for (char *tok = strtok_r(line, "/> \t\r\n", &save); tok && n < max;
	     tok = strtok_r(NULL, "/> \t\r\n", &save))
		names[n++] = tok;
	return n;
}

/* Imports r, placing its region under its parents as the gazetteer says: one region path per
 * line, outermost first (内蒙古自治区/巴彦淖尔市/磴口县), # starts a comment; the first line
 * that names the region wins. A missing gazetteer or region is not an error: the region then
 * stands at the top of the tree. Placing and import are one transaction. */
static int import_placed(struct db *db, const char *gazetteer, const struct import_report *r,
                         struct db_import_result *res)
{
	FILE *f;
	char line[1024];

	if (!gazetteer || !r->region || !(f = fopen(gazetteer, "r")))
		return db_import(db, r, res);
	while (fgets(line, sizeof line, f)) {
		char *names[16];
		size_t n;

		if (line[0] == '#')
			continue;
		n = cmd_split_path(line, names, 16);
		for (size_t i = 0; i < n; i++) {
			if (strcmp(names[i], r->region) == 0) {
				fclose(f);
				return db_import_placed(db, r, (const char *const *)names, i + 1, res);
			}
		}
	}
	fclose(f);
	return db_import(db, r, res);
}

static const char *default_gazetteer(void)
{
	const char *g = getenv("DUBAN_GAZETTEER");
	return g && *g ? g : DUBAN_DATADIR "/gazetteer.txt";
}

int cmd_import(struct db *db, int argc, char **argv)
{
	const char *encoding = NULL, *gazetteer = default_gazetteer();
	struct import_report **reports;
	char **names;
	int nfiles = 0, failed = 0;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--encoding") == 0 || strcmp(argv[i], "-e") == 0) {
			if (++i >= argc)
				return cli_usage_error("%s needs an encoding, e.g. gb18030", argv[i - 1]);
			encoding = argv[i];
		} else if (strncmp(argv[i], "--encoding=", 11) == 0) {
			encoding = argv[i] + 11;
		} else if (strcmp(argv[i], "--gazetteer") == 0) {
			if (++i >= argc)
				return cli_usage_error("%s needs a file", argv[i - 1]);
			gazetteer = argv[i];
		} else if (argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
			return cli_usage_error("import: unknown option %s", argv[i]);
		} else if (strcmp(argv[i], "--") != 0) {
			argv[nfiles++] = argv[i];
		}
	}
	if (nfiles == 0)
		return cli_usage_error("import needs %s", "at least one FILE, or - for standard input");
	reports = calloc((size_t)nfiles, sizeof *reports);
	names = argv;
	if (!reports) {
		fputs("duban: out of memory\n", stderr);
		return 1;
	}
	/* Parse everything first: a bad file anywhere means nothing is written. */
	for (int i = 0; i < nfiles; i++) {
		struct import_error e;
		char err[256], where[64] = "";
		size_t len = 0;
		char *data = read_input(names[i], &len, err, sizeof err);

		if (!data) {
			fputs("duban: ", stderr);
			cli_put_name(stderr, names[i]);
			fprintf(stderr, ": %s\n", err);
			failed = 1;
			continue;
		}
		if (import_parse(names[i], data, len, encoding, &reports[i], &e) < 0) {
			if (e.line > 0)
				snprintf(where, sizeof where, ":%d", e.line);
			else if (e.offset >= 0)
				snprintf(where, sizeof where, ": byte %ld", e.offset);
			fputs("duban: ", stderr);
			cli_put_name(stderr, names[i]);
			fprintf(stderr, "%s: ", where);
			cli_put(stderr, e.msg);
			fputc('\n', stderr);
			failed = 1;
		}
		free(data);
	}
	if (failed) {
		fputs("duban: nothing imported\n", stderr);
		goto out;
	}
	for (int i = 0; i < nfiles && !failed; i++) {
		struct import_report *r = reports[i];
		struct db_import_result res;
		size_t count = import_report_item_count(r);
		char a[64], b[64];

		for (size_t w = 0; w < r->warning_count; w++) {
			fputs("duban: ", stderr);
			cli_put_name(stderr, names[i]);
			fputs(": warning: ", stderr);
			cli_put(stderr, r->warnings[w]);
			fputc('\n', stderr);
		}
		if (import_placed(db, gazetteer, r, &res) < 0) {
			fputs("duban: ", stderr);
			cli_put_name(stderr, names[i]);
			fputs(": ", stderr);
			cli_put(stderr, db_errmsg(db));
			fputc('\n', stderr);
			failed = 1;
			break;
		}
		cli_put_name(stdout, names[i]);
		fputs(": ", stdout);
		cli_put(stdout, r->region && *r->region ? r->region : "(unknown region)");
		switch (res.outcome) {
		case DB_IMPORT_NEW:
			printf(": imported %s in %s\n", count_of(a, sizeof a, (long long)count, "item", "items"),
			       count_of(b, sizeof b, (long long)r->category_count, "category", "categories"));
			break;
		case DB_IMPORT_UNCHANGED:
			printf(": unchanged, already imported (%s); nothing written\n",
			       count_of(a, sizeof a, (long long)count, "item", "items"));
			break;
		case DB_IMPORT_UPDATED:
			printf(": updated: %d added, %d changed, %d unchanged, %d no longer listed\n",
			       res.items_added, res.items_updated, res.items_unchanged, res.items_removed);
			break;
		}
		if (res.difference_count)
			printf("  %s edited in duban %s from the report; the edits were kept:\n",
			       count_of(a, sizeof a, (long long)res.difference_count, "field", "fields"),
			       res.difference_count == 1 ? "differs" : "differ");
		for (size_t d = 0; d < res.difference_count; d++) {
			fputs("  ", stdout);
			cli_put(stdout, res.differences[d]);
			fputc('\n', stdout);
		}
		db_import_result_free(&res);
	}
out:
	for (int i = 0; i < nfiles; i++)
		import_report_free(reports[i]);
	free(reports);
	return failed ? 1 : 0;
}
