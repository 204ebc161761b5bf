/* main.c — argument parsing, locale, opening the database and dispatch to the subcommands
 * (board, import, export, list, show, region). The only place that prints to stdout/stderr
 * outside the board; messages are "duban: …", exit 1 on failure and 2 on a usage error. */
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "db.h"
#include "export.h"
#include "import.h"
#include "msg.h"
#include "text.h"
#include "ui.h"

#define DUBAN_VERSION "0.1.0"

static const char usage_text[] =
    "usage: duban [-f DB] [board]                 open the board\n"
    "       duban [-f DB] import [--encoding ENC] [--gazetteer FILE] FILE... | -\n"
    "       duban [-f DB] export [--format json|csv] [--bom] [--encoding ENC] [-o FILE]\n"
    "       duban [-f DB] list\n"
    "       duban [-f DB] show ID\n"
    "       duban [-f DB] region add 自治区/盟市/旗县\n"
    "       duban [-f DB] set ID... --deadline TEXT [--reason TEXT] | --state NAME\n"
    "       duban [-f DB] note ID... TEXT\n"
    "       duban [-f DB] verify ID... [--date YYYY-MM-DD] [--opinion TEXT]\n"
    "       duban [-f DB] unverify ID... --reason TEXT\n"
    "       duban [-f DB] undo ID...\n"
    "       duban [-f DB] history [ID...] [--since YYYY-MM-DD] [--user NAME]\n"
    "       duban --help | --version\n"
    "The database is -f DB, else $DUBAN_DB. See duban(1).\n";

static int cmd_export(struct db *db, int argc, char **argv)
{
	const char *format = "json", *path = NULL;
	struct export_csv_options opt = {0};
	char err[256] = "";
	FILE *out = stdout;
	int rc;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
			format = argv[++i];
		else if (strncmp(argv[i], "--format=", 9) == 0)
			format = argv[i] + 9;
		else if (strcmp(argv[i], "--bom") == 0)
			opt.bom = 1;
		else if (strcmp(argv[i], "--encoding") == 0 && i + 1 < argc)
			opt.encoding = argv[++i];
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			path = argv[++i];
		else
			return cli_usage_error("export: unexpected argument %s", argv[i]);
	}
	if (strcmp(format, "json") != 0 && strcmp(format, "csv") != 0)
		return cli_usage_error("export: unknown format %s (json or csv)", format);
	if (opt.encoding && (strcasecmp(opt.encoding, "utf-8") == 0 || strcasecmp(opt.encoding, "utf8") == 0))
		opt.encoding = NULL;
	if (opt.encoding && strcmp(format, "csv") != 0)
		return cli_usage_error("export: --encoding is for %s; JSON is always UTF-8", "--format csv");
	if (path && !(out = fopen(path, "wb"))) {
		fprintf(stderr, "duban: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (strcmp(format, "json") == 0) {
		rc = export_json(db, out);
		if (rc && ferror(out))
			snprintf(err, sizeof err, "write error: %s", strerror(errno));
		else if (rc)
			snprintf(err, sizeof err, "%s", db_errmsg(db));
	} else {
		rc = export_csv(db, out, &opt, err, sizeof err);
	}
	if (path && fclose(out) != 0 && rc == 0) {
		rc = -1;
		snprintf(err, sizeof err, "write error: %s", strerror(errno));
	}
	if (rc) {
		fputs("duban: export failed: ", stderr);
		cli_put(stderr, err[0] ? err : strerror(errno));
		fputc('\n', stderr);
		return 1;
	}
	return 0;
}

/* Appends to buf the part of s that fits in cols columns, marking a cut with "…". */
static void fit_into(char *buf, size_t size, const char *s, int cols)
{
	size_t len = strlen(s ? s : ""), n;
	int used;

	n = text_fit(s ? s : "", len, cols, &used);
	if (n < len) {
		n = text_fit(s, len, cols - 1, &used);
		snprintf(buf, size, "%.*s…%*s", (int)n, s, cols - 1 - used, "");
	} else {
		snprintf(buf, size, "%.*s%*s", (int)n, s ? s : "", cols - used, "");
	}
}

static int list_item(const struct db_item *it, void *ctx)
{
	char region[64], no[32], text[256], due[16] = "";
	(void)ctx;

	fit_into(region, sizeof region, it->region, 12);
	fit_into(no, sizeof no, it->no, 6);
	fit_into(text, sizeof text, it->text, 40);
	if (it->due_kind == DUE_DATE)
		date_format_iso(it->due, due);
	else if (it->due_kind == DUE_IMMEDIATE)
		snprintf(due, sizeof due, "immediate");
	printf("%6lld  ", (long long)it->id);
	cli_put(stdout, region);
	fputs("  ", stdout);
	cli_put(stdout, no);
	printf("  %-21s  %-10s  %s", state_name(it->state), due,
	       it->removed ? "[no longer listed] " : "");
	cli_put(stdout, text);
	fputc('\n', stdout);
	return ferror(stdout) ? -1 : 0;
}

static int cmd_list(struct db *db, int argc, char **argv)
{
	if (argc > 0)
		return cli_usage_error("list: unexpected argument %s", argv[0]);
	if (db_items_foreach(db, 0, list_item, NULL) != 0) {
		if (ferror(stdout))
			fprintf(stderr, "duban: error writing standard output: %s\n", strerror(errno));
		else
			fprintf(stderr, "duban: %s\n", db_errmsg(db));
		return 1;
	}
	return 0;
}

static void show_field(const char *name, const char *value)
{
	if (!value)
		return;
	printf("%-18s ", name);
	cli_put(stdout, value);
	fputc('\n', stdout);
}

static int cmd_show(struct db *db, int argc, char **argv)
{
	struct db_item it;
	char *end;
	long long id;
	char iso[16];
	int rc;

	if (argc != 1)
		return cli_usage_error("show needs %s", "one item ID (see duban list)");
	errno = 0;
	id = strtoll(argv[0], &end, 10);
	if (errno || *end || end == argv[0] || id <= 0)
		return cli_usage_error("show: %s is not an item ID", argv[0]);
	rc = db_item_get(db, id, DB_LOAD_MEASURES | DB_LOAD_NOTES | DB_LOAD_HISTORY, &it);
	if (rc) {
		fprintf(stderr, "duban: %s\n", db_errmsg(db));
		return 1;
	}
	printf("%-18s %lld (version %d)\n", "id", (long long)it.id, it.version);
	show_field("region", it.region);
	show_field("report", it.report_title);
	show_field("category", it.category_title);
	show_field("subcategory", it.subcategory);
	show_field("no", it.no);
	printf("%-18s %s (", "state", state_name(it.state));
	cli_put(stdout, state_label(it.state));
	puts(")");
	show_field("status", it.status);
	show_field("deadline", it.deadline);
	if (it.due_kind == DUE_DATE)
		show_field("due", date_format_iso(it.due, iso));
	else if (it.due_kind == DUE_IMMEDIATE)
		show_field("due", "immediate");
	if (it.long_term)
		show_field("long_term", "yes");
	show_field("lead_unit", it.lead_unit);
	show_field("responsible_unit", it.responsible_unit);
	show_field("acceptance_unit", it.acceptance_unit);
	show_field("goal", it.goal);
	if (it.removed)
		show_field("removed", "yes: the latest version of the report no longer lists it");
	printf("\n");
	cli_put(stdout, it.text);
	printf("\n\nmeasures (%zu):\n", it.measure_count);
	for (size_t i = 0; i < it.measure_count; i++) {
		printf("  %zu. ", i + 1);
		cli_put(stdout, it.measures[i].text);
		if (it.measures[i].status) {
			fputs(" [", stdout);
			cli_put(stdout, it.measures[i].status);
			fputc(']', stdout);
		}
		fputc('\n', stdout);
	}
	if (it.note_count)
		printf("\nnotes (%zu):\n", it.note_count);
	for (size_t i = 0; i < it.note_count; i++) {
		printf("  %s ", it.notes[i].at);
		cli_put(stdout, it.notes[i].who);
		fputs(": ", stdout);
		cli_put(stdout, it.notes[i].text);
		fputc('\n', stdout);
	}
	printf("\nhistory (%zu):\n", it.history_count);
	for (size_t i = 0; i < it.history_count; i++) {
		const struct db_history *h = &it.history[i];
		printf("  %s %-6s ", h->at, h->source);
		cli_put(stdout, h->who);
		printf(" %s: ", h->field);
		cli_put(stdout, h->old_value ? h->old_value : "(none)");
		fputs(" -> ", stdout);
		cli_put(stdout, h->new_value ? h->new_value : "(none)");
		fputc('\n', stdout);
	}
	db_item_free(&it);
	return 0;
}

static int cmd_region(struct db *db, int argc, char **argv)
{
	char *names[16];
	size_t n;

	if (argc != 2 || strcmp(argv[0], "add") != 0)
		return cli_usage_error("region: use %s", "duban region add 自治区/盟市/旗县");
	n = cmd_split_path(argv[1], names, 16);
	if (n == 0)
		return cli_usage_error("region add: empty path %s", argv[1]);
	if (db_region_add_path(db, (const char *const *)names, n) < 0) {
		fprintf(stderr, "duban: %s\n", db_errmsg(db));
		return 1;
	}
	return 0;
}

/* The subcommands. A new one is a cmd_*.c file with its function declared in cmd.h, one row
 * here, a line in usage_text and an entry in man/duban.1 (tests/lint.sh checks the man page). */
struct command {
	const char *name;
	int (*fn)(struct db *db, int argc, char **argv); /* NULL: the board */
};

static const struct command commands[] = {
	{"board", NULL},
	{"import", cmd_import},
	{"export", cmd_export},
	{"list", cmd_list},
	{"show", cmd_show},
	{"region", cmd_region},
	{"set", cmd_set},
	{"note", cmd_note},
	{"verify", cmd_verify},
	{"unverify", cmd_unverify},
	{"undo", cmd_undo},
	{"history", cmd_history},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	const char *path = getenv("DUBAN_DB");
	const char *cmd = "board";
	struct db *db;
	char err[512];
	const struct command *c;
	int i, rc;

	setlocale(LC_ALL, "");
	msg_init();
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-f") == 0) {
			if (++i >= argc)
				return cli_usage_error("%s needs a database file", "-f");
			path = argv[i];
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0 ||
		           strcmp(argv[i], "help") == 0) {
			fputs(usage_text, stdout);
			return 0;
		} else if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0) {
			puts("duban " DUBAN_VERSION);
			return 0;
		} else if (argv[i][0] == '-') {
			return cli_usage_error("unknown option %s", argv[i]);
		} else {
			cmd = argv[i++];
			break;
		}
	}
	for (c = commands; c->name && strcmp(c->name, cmd) != 0; c++)
		;
	if (!c->name)
		return cli_usage_error("unknown command %s", cmd);
	if (!path || !*path)
		return cli_usage_error("no database: give %s", "-f DB or set DUBAN_DB");
	if (db_open(path, cli_user(), &db, err, sizeof err) < 0) {
		fprintf(stderr, "duban: %s\n", err);
		return 1;
	}
	argc -= i;
	argv += i;
	rc = c->fn ? c->fn(db, argc, argv) : ui_board_main(db, path, argc, argv);
	db_close(db);
	/* Output that never arrived (a full disk, a closed pipe with SIGPIPE ignored) is a
	 * failure, not a silent success. The board writes through curses, not stdout. */
	if (rc == 0 && strcmp(cmd, "board") != 0 && (fflush(stdout) != 0 || ferror(stdout))) {
		fprintf(stderr, "duban: error writing standard output: %s\n", strerror(errno));
		return 1;
	}
	return rc;
}
