/* cmd_list.c — duban list: one line per item under a header row, filtered by region (and the
 * regions below it), state, overdue, due within N days and unit, for meeting preparation.
 * The rows come from the board's own query (db_board_page), so list and board select, count
 * overdue and mark removed items alike, through the same indexes. Columns are cut by display
 * width with the board's '~' mark; every text goes through cli.h. Reads only. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "db.h"
#include "db_board.h"
#include "msg.h"

/* Column widths in terminal columns; the state column is as wide as the longest label in the
 * user's language. */
#define ID_COLS 6
#define REGION_COLS 12
#define NO_COLS 6
#define DUE_COLS 10
#define LATE_COLS 9
#define TEXT_COLS 40

struct list_state {
	struct board_query q;
	int64_t *regions; /* the top regions chosen by --region (their subtrees are listed) */
	size_t region_count;
	int state_cols, text_cols;
	long shown;
};

/* The due column: the date, 立行立改, or 长期坚持 for a long-term item without a date. */
static const char *due_text(const struct board_item *it, char *buf)
{
	if (it->due_kind == DUE_DATE)
		return date_format_iso(it->due, buf);
	if (it->due_kind == DUE_IMMEDIATE)
		return tr("立行立改");
	return it->long_term ? tr("长期坚持") : "";
}

static void put_row(struct list_state *ls, const char *id, const char *region, const char *no,
                    const char *state, const char *due, const char *late, const char *mark,
                    const char *text)
{
	cli_put_cell(stdout, id, ID_COLS, CLI_CELL_RIGHT);
	fputs("  ", stdout);
	cli_put_cell(stdout, region, REGION_COLS, 0);
	fputs("  ", stdout);
	cli_put_cell(stdout, no, NO_COLS, 0);
	fputs("  ", stdout);
	cli_put_cell(stdout, state, ls->state_cols, 0);
	fputs("  ", stdout);
	cli_put_cell(stdout, due, DUE_COLS, 0);
	fputs("  ", stdout);
	cli_put_cell(stdout, late, LATE_COLS, CLI_CELL_RIGHT);
	fputs("  ", stdout);
	if (mark) {
		cli_put(stdout, mark);
		fputc(' ', stdout);
	}
	/* The last column is not padded: no trailing blanks. */
	cli_put_cell(stdout, text, ls->text_cols, CLI_CELL_NO_PAD);
	fputc('\n', stdout);
}

static void list_row(struct list_state *ls, const struct board_item *it)
{
	char id[24], due[16], late[32] = "";

	snprintf(id, sizeof id, "%lld", (long long)it->id);
	if (it->overdue > 0)
		snprintf(late, sizeof late, tr("%ld天"), (long)it->overdue);
	put_row(ls, id, it->region, it->no, state_label(it->state), due_text(it, due), late,
	        it->removed ? tr("[不再列出]") : NULL, it->head);
	ls->shown++;
}

/* Lists every row of ls->q, a page at a time (keyset paging: each page is one index range
 * read, memory stays flat). Returns 0 or -1. */
static int list_query(struct db *db, struct list_state *ls)
{
	enum { PAGE = 4096 };
	struct board_item *rows = calloc(PAGE, sizeof *rows), key = {0};
	enum board_dir dir = BOARD_PAGE_FIRST;
	size_t n;
	int rc = 0;

	if (!rows)
		return -1;
	for (;;) {
		rc = db_board_page(db, &ls->q, dir, dir == BOARD_PAGE_FIRST ? NULL : &key, rows, PAGE, &n);
		db_board_item_clear(&key);
		if (rc < 0 || n == 0)
			break;
		for (size_t i = 0; i < n; i++)
			list_row(ls, &rows[i]);
		for (size_t i = 0; i + 1 < n; i++)
			db_board_item_clear(&rows[i]);
		key = rows[n - 1];
		memset(&rows[n - 1], 0, sizeof rows[n - 1]);
		if (ferror(stdout) || n < PAGE) {
			rc = ferror(stdout) ? -1 : 0;
			break;
		}
		dir = BOARD_PAGE_AFTER;
	}
	db_board_item_clear(&key);
	free(rows);
	return rc;
}

/* Resolves --region NAME to the region and its descendants: the regions named exactly so
 * (the same county name may exist in two cities), else the one region whose name contains
 * NAME. Returns 0, or an exit code after saying why. */
static int resolve_region(struct db *db, const char *name, struct list_state *ls)
{
	struct board_region *r;
	size_t n, exact = 0, partial = 0, end = 0;
	int rc = 0;

	if (db_board_regions(db, ls->q.today, &r, &n) < 0)
		return cli_fail("%s", db_errmsg(db));
	for (size_t i = 0; i < n; i++) {
		exact += strcmp(r[i].name, name) == 0;
		partial += strstr(r[i].name, name) != NULL;
	}
	if (!exact && !partial)
		rc = cli_fail(tr("没有名为 %s 的地区"), name);
	else if (!exact && partial > 1)
		rc = cli_fail(tr("地区 %s 不明确：%zu 个地区的名称含有它，请写全名"), name, partial);
	if (!rc && !(ls->regions = calloc(n ? n : 1, sizeof *ls->regions)))
		rc = cli_fail("%s", tr("内存不足"));
	/* Preorder: a region inside an earlier chosen one is listed with it already. */
	for (size_t i = 0; !rc && i < n; i++) {
		int hit = exact ? strcmp(r[i].name, name) == 0 : strstr(r[i].name, name) != NULL;
		if (!hit || i < end)
			continue;
		ls->regions[ls->region_count++] = r[i].id;
		end = r[i].subtree_end;
	}
	db_board_regions_free(r, n);
	return rc;
}

/* --state S[,S…]: names or labels. Returns 0 or the usage exit code. */
static int parse_states(const char *arg, unsigned *mask)
{
	const char *p = arg;

	/* Separated by "," or the full-width "，" (a Chinese input method types that). */
	while (*p) {
		const char *comma = strchr(p, ','), *wide = strstr(p, "，"), *end;
		char word[128];
		int s;

		end = comma && (!wide || comma < wide) ? comma : wide ? wide : p + strlen(p);
		snprintf(word, sizeof word, "%.*s", (int)(end - p), p);
		p = *end == ',' ? end + 1 : *end ? end + strlen("，") : end;
		if (!*word)
			continue;
		if ((s = state_from_label(word)) < 0)
			return cli_usage_error(tr("list: 未知状态 %s（可用 未开始、推进中、序时进度、滞后、"
			                          "已完成、待验收、已销号 或 pending、done …）"),
			                       word);
		*mask |= 1u << s;
	}
	return 0;
}

/* The value of option argv[*i] (--name VALUE or --name=VALUE), or NULL when it is not
 * this option; *missing is set when the value is missing. */
static const char *option(int argc, char **argv, int *i, const char *name, int *missing)
{
	size_t n = strlen(name);

	if (strcmp(argv[*i], name) == 0) {
		if (*i + 1 >= argc) {
			*missing = 1;
			return NULL;
		}
		return argv[++*i];
	}
	if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	return NULL;
}

/* The width of the terminal on standard output, or 0 when it is not a terminal. */
static int terminal_cols(void)
{
	struct winsize ws;

	if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0)
		return 0;
	return ws.ws_col;
}

int cmd_list(struct db *db, int argc, char **argv)
{
	struct list_state ls = {.q = {.today = date_today(), .show_removed = 1,
	                              .sort = BOARD_SORT_REPORT},
	                        .text_cols = TEXT_COLS};
	long due_within = -1;
	const char *region = NULL, *v;
	int rc = 0, cols, used;

	for (int i = 0; i < argc; i++) {
		int missing = 0;
		if ((v = option(argc, argv, &i, "--region", &missing))) {
			region = v;
		} else if (!missing && (v = option(argc, argv, &i, "--state", &missing))) {
			if ((rc = parse_states(v, &ls.q.state_mask)))
				return rc;
		} else if (!missing && (v = option(argc, argv, &i, "--unit", &missing))) {
			ls.q.unit = v;
		} else if (!missing && (v = option(argc, argv, &i, "--due-within", &missing))) {
			char *end;
			errno = 0;
			due_within = strtol(v, &end, 10);
			if (errno || end == v || *end || due_within < 1 || due_within > 36500)
				return cli_usage_error(tr("list: --due-within 需要天数（1 到 36500），不是 %s"), v);
		} else if (missing) {
			return cli_usage_error(tr("list: %s 需要一个值"), argv[i]);
		} else if (strcmp(argv[i], "--overdue") == 0) {
			ls.q.overdue_only = 1;
		} else {
			return cli_usage_error(tr("list: 未知参数 %s"), argv[i]);
		}
	}
	if (due_within > 0)
		ls.q.due_within = (int)due_within;
	if (region && (rc = resolve_region(db, region, &ls)))
		return rc;
	for (int s = 0; s < STATE_COUNT; s++) {
		int w = cli_width(state_label((enum state)s));
		if (w > ls.state_cols)
			ls.state_cols = w;
	}
	/* On a terminal the problem text takes the rest of the line. */
	used = ID_COLS + REGION_COLS + NO_COLS + ls.state_cols + DUE_COLS + LATE_COLS + 6 * 2;
	cols = terminal_cols();
	if (cols > used + TEXT_COLS)
		ls.text_cols = cols - used - 1;
	put_row(&ls, "ID", tr("list\004地区"), tr("list\004编号"), tr("list\004状态"),
	        tr("list\004整改时限"), tr("list\004逾期"), NULL, tr("list\004问题"));
	for (size_t r = 0; rc == 0 && r < (region ? ls.region_count : 1); r++) {
		ls.q.region_id = region ? ls.regions[r] : 0;
		rc = list_query(db, &ls);
	}
	free(ls.regions);
	if (rc) {
		if (ferror(stdout))
			return cli_fail(tr("写入标准输出失败：%s"), strerror(errno));
		return cli_fail("%s", db_errmsg(db));
	}
	if (ls.shown == 0 && (region || ls.q.state_mask || ls.q.overdue_only || due_within >= 0 ||
	                      ls.q.unit))
		cli_fail("%s", tr("没有符合条件的事项"));
	return 0;
}
