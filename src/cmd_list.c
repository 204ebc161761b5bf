/* cmd_list.c — duban list: one line per item under a header row, filtered by region (and the
 * regions below it), state, overdue, due within N days and unit, for meeting preparation.
 * Columns are cut by display width with the board's '~' mark; every text goes through cli.h.
 * Reads only: the database is opened by main.c without creating it. */
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
#include "export.h"
#include "msg.h"

/* Column widths in terminal columns; the state column is as wide as the longest label in the
 * user's language. */
#define ID_COLS 6
#define REGION_COLS 12
#define NO_COLS 6
#define DUE_COLS 10
#define LATE_COLS 9
#define TEXT_COLS 40

struct list_filter {
	int64_t *regions; /* the chosen regions and everything below them; NULL: all */
	size_t region_count;
	unsigned state_mask; /* 0: all */
	int overdue;
	long due_within; /* -1: no such filter */
	const char *unit;
	long today;
};

struct list_state {
	struct list_filter f;
	int state_cols, text_cols;
	long shown;
};

/* The due column: the date, 立行立改, or 长期坚持 for a long-term item without a date. */
static const char *due_text(const struct db_item *it, char *buf)
{
	if (it->due_kind == DUE_DATE)
		return date_format_iso(it->due, buf);
	if (it->due_kind == DUE_IMMEDIATE)
		return tr("立行立改");
	return it->long_term ? tr("长期坚持") : "";
}

static int has_region(const struct list_filter *f, int64_t id)
{
	for (size_t i = 0; i < f->region_count; i++)
		if (f->regions[i] == id)
			return 1;
	return 0;
}

static int matches(const struct list_filter *f, const struct db_item *it)
{
	long late = export_item_overdue(it, f->today);

	if (f->regions && !has_region(f, it->region_id))
		return 0;
	if (f->state_mask && !(f->state_mask & (1u << it->state)))
		return 0;
	if (f->overdue && late <= 0)
		return 0;
	if (f->due_within >= 0) {
		int dated = it->due_kind == DUE_DATE || (it->due_kind == DUE_IMMEDIATE && it->due > 0);
		if (!dated || it->removed || state_is_closed(it->state) || it->due < f->today ||
		    it->due > f->today + f->due_within)
			return 0;
	}
	if (f->unit && !(it->lead_unit && strstr(it->lead_unit, f->unit)) &&
	    !(it->responsible_unit && strstr(it->responsible_unit, f->unit)))
		return 0;
	return 1;
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

static int list_item(const struct db_item *it, void *ctx)
{
	struct list_state *ls = ctx;
	char id[24], due[16], late[32] = "";
	long days;

	if (!matches(&ls->f, it))
		return 0;
	snprintf(id, sizeof id, "%lld", (long long)it->id);
	days = export_item_overdue(it, ls->f.today);
	if (days > 0)
		snprintf(late, sizeof late, tr("%ld天"), days);
	put_row(ls, id, it->region, it->no, state_label(it->state), due_text(it, due), late,
	        it->removed ? tr("[不再列出]") : NULL, it->text);
	ls->shown++;
	return ferror(stdout) ? -1 : 0;
}

/* Resolves --region NAME to the region and its descendants: the regions named exactly so
 * (the same county name may exist in two cities), else the one region whose name contains
 * NAME. Returns 0, or an exit code after saying why. */
static int resolve_region(struct db *db, const char *name, struct list_filter *f)
{
	struct board_region *r;
	size_t n, exact = 0, partial = 0;
	int rc = 0;

	if (db_board_regions(db, f->today, &r, &n) < 0)
		return cli_fail("%s", db_errmsg(db));
	for (size_t i = 0; i < n; i++) {
		exact += strcmp(r[i].name, name) == 0;
		partial += strstr(r[i].name, name) != NULL;
	}
	if (!exact && !partial)
		rc = cli_fail(tr("没有名为 %s 的地区"), name);
	else if (!exact && partial > 1)
		rc = cli_fail(tr("地区 %s 不明确：%zu 个地区的名称含有它，请写全名"), name, partial);
	if (!rc && !(f->regions = calloc(n ? n : 1, sizeof *f->regions)))
		rc = cli_fail("%s", tr("内存不足"));
	for (size_t i = 0; !rc && i < n; i++) {
		int hit = exact ? strcmp(r[i].name, name) == 0 : strstr(r[i].name, name) != NULL;
		if (!hit)
			continue;
		for (size_t k = i; k < r[i].subtree_end && k < n; k++)
			if (!has_region(f, r[k].id))
				f->regions[f->region_count++] = r[k].id;
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
	struct list_state ls = {.f = {.due_within = -1, .today = date_today()},
	                        .text_cols = TEXT_COLS};
	const char *region = NULL, *v;
	int rc = 0, cols, used;

	for (int i = 0; i < argc; i++) {
		int missing = 0;
		if ((v = option(argc, argv, &i, "--region", &missing))) {
			region = v;
		} else if (!missing && (v = option(argc, argv, &i, "--state", &missing))) {
			if ((rc = parse_states(v, &ls.f.state_mask)))
				return rc;
		} else if (!missing && (v = option(argc, argv, &i, "--unit", &missing))) {
			ls.f.unit = v;
		} else if (!missing && (v = option(argc, argv, &i, "--due-within", &missing))) {
			char *end;
			errno = 0;
			ls.f.due_within = strtol(v, &end, 10);
			if (errno || end == v || *end || ls.f.due_within < 0 || ls.f.due_within > 36500)
				return cli_usage_error(tr("list: --due-within 需要天数（0 到 36500），不是 %s"), v);
		} else if (missing) {
			return cli_usage_error(tr("list: %s 需要一个值"), argv[i]);
		} else if (strcmp(argv[i], "--overdue") == 0) {
			ls.f.overdue = 1;
		} else {
			return cli_usage_error(tr("list: 未知参数 %s"), argv[i]);
		}
	}
	if (region && (rc = resolve_region(db, region, &ls.f)))
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
	if (db_items_foreach(db, 0, list_item, &ls) != 0) {
		free(ls.f.regions);
		if (ferror(stdout))
			return cli_fail(tr("写入标准输出失败：%s"), strerror(errno));
		return cli_fail("%s", db_errmsg(db));
	}
	free(ls.f.regions);
	if (ls.shown == 0 && (region || ls.f.state_mask || ls.f.overdue || ls.f.due_within >= 0 ||
	                      ls.f.unit))
		cli_fail("%s", tr("没有符合条件的事项"));
	return 0;
}
