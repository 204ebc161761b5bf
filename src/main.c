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

#include "app.h"
#include "cli.h"
#include "cmd.h"
#include "db.h"
#include "export.h"
#include "import.h"
#include "msg.h"
#include "text.h"
#include "ui.h"

#define DUBAN_VERSION "0.1.0"

/* The usage, one line per command, each translated on its own (tr): a new command adds its
 * line and its English row. */
static const char *const usage_lines[] = {
    N_("用法: duban [-f 数据库] [board]                 打开看板"),
    N_("      duban [-f 数据库] import [--dry-run] [--encoding 编码] [--gazetteer 文件] [--labels 文件] 文件... | -"),
    N_("      duban [-f 数据库] export [--format json|csv] [--bom] [--encoding 编码] [-o 文件]"),
    N_("      duban [-f 数据库] list [--region 地区] [--state 状态] [--overdue] [--due-within 天数] [--unit 单位]"),
    N_("      duban [-f 数据库] show ID"),
    N_("      duban [-f 数据库] region add 自治区/盟市/旗县"),
    N_("      duban [-f 数据库] set ID... --deadline 时限 [--reason 原因] | --state 状态"),
    N_("      duban [-f 数据库] note ID... 备注"),
    N_("      duban [-f 数据库] verify ID... [--date 日期] [--opinion 验收意见]"),
    N_("      duban [-f 数据库] unverify ID... --reason 原因"),
    N_("      duban [-f 数据库] undo ID..."),
    N_("      duban [-f 数据库] history [ID...] [--since 日期] [--user 用户]"),
    N_("      duban [-f 数据库] print [--notice ID] [--region 地区] [--format pdf|text] [-o 文件|-] [--to lp[:队列]|terminal]"),
    N_("      duban [-f 数据库] check                  检查数据库和修改记录的校验链"),
    N_("      duban --help | --version             用法 | 版本"),
    N_("数据库是 -f 所给的文件，否则是 $DUBAN_DB。详见 duban(1)。"),
};

static void put_usage(void)
{
	for (size_t i = 0; i < sizeof usage_lines / sizeof usage_lines[0]; i++) {
		cli_put(stdout, tr(usage_lines[i]));
		fputc('\n', stdout);
	}
}

static int cmd_region(struct db *db, int argc, char **argv)
{
	char *names[16];
	size_t n;

	if (argc != 2 || strcmp(argv[0], "add") != 0)
		return cli_usage_error("%s", tr("region: 用法为 duban region add 自治区/盟市/旗县"));
	n = cmd_split_path(argv[1], names, 16);
	if (n == 0)
		return cli_usage_error("%s", tr("region add: 地区路径是空的"));
	if (db_region_add_path(db, (const char *const *)names, n) < 0)
		return cli_fail("%s", db_errmsg(db));
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
	{"print", cmd_print},
	{"check", cmd_check},
	{NULL, NULL},
};

/* How a command opens the database (db_open_mode): the reading ones never create it and
 * open it read-only when this user may not write it; the others create it when missing. */
static int open_flags(const char *cmd)
{
	static const char *const reading[] = {"board", "list", "show", "export", "check", "print"};

	if (strcmp(cmd, "check") == 0) /* it reports a damaged schema instead of failing */
		return DB_OPEN_EXISTING | DB_OPEN_READ | DB_OPEN_CHECK;
	for (size_t i = 0; i < sizeof reading / sizeof reading[0]; i++)
		if (strcmp(cmd, reading[i]) == 0)
			return DB_OPEN_EXISTING | DB_OPEN_READ;
	return DB_OPEN_CREATE;
}

/* Whether the import arguments ask for a dry run (cmd_import.c reads the same options). */
static int is_dry_run(int argc, char **argv)
{
	for (int k = 0; k < argc && strcmp(argv[k], "--") != 0; k++)
		if (strcmp(argv[k], "--dry-run") == 0 || strcmp(argv[k], "-n") == 0)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = getenv("DUBAN_DB");
	const char *cmd = "board";
	struct db *db;
	char err[512];
	const struct command *c;
	int i, rc, flags;

	setlocale(LC_ALL, "");
	msg_init();
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-f") == 0) {
			if (++i >= argc)
				return cli_usage_error("%s", tr("-f 需要一个数据库文件"));
			path = argv[i];
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0 ||
		           strcmp(argv[i], "help") == 0) {
			put_usage();
			return 0;
		} else if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0) {
			puts("duban " DUBAN_VERSION);
			return 0;
		} else if (argv[i][0] == '-') {
			return cli_usage_error(tr("未知选项 %s"), argv[i]);
		} else {
			cmd = argv[i++];
			break;
		}
	}
	for (c = commands; c->name && strcmp(c->name, cmd) != 0; c++)
		;
	if (!c->name)
		return cli_usage_error(tr("未知命令 %s"), cmd);
	/* A -f after the command would be read as that command's argument. */
	for (int k = i; k < argc && strcmp(argv[k], "--") != 0; k++)
		if (strcmp(argv[k], "-f") == 0)
			return cli_usage_error(tr("-f 应写在命令之前：duban -f 数据库 %s …"), cmd);
	if (!path || !*path)
		return cli_usage_error("%s", tr("没有数据库：用 -f 数据库 指定，或设置 DUBAN_DB"));
	flags = open_flags(c->name);
	/* A dry run reads the reports and writes nothing, not even a new database file. */
	if (strcmp(c->name, "import") == 0 && is_dry_run(argc - i, argv + i)) {
		flags = DB_OPEN_EXISTING | DB_OPEN_READ;
		if (access(path, F_OK) != 0) {
			path = ":memory:";
			flags = DB_OPEN_CREATE;
		}
	}
	if (db_open_mode(path, cli_user(), flags, &db, err, sizeof err) < 0)
		return cli_fail("%s", err);
	argc -= i;
	argv += i;
	rc = c->fn ? c->fn(db, argc, argv) : app_board_main(db, path, argc, argv);
	db_close(db);
	/* Output that never arrived (a full disk, a closed pipe with SIGPIPE ignored) is a
	 * failure, not a silent success. The board writes through curses, not stdout. */
	if (rc == 0 && strcmp(cmd, "board") != 0 && (fflush(stdout) != 0 || ferror(stdout))) {
		return cli_fail(tr("写入标准输出失败：%s"), strerror(errno));
	}
	return rc;
}
