/* msg.c — the English table for tr() and the language choice (msg.h). Add a row here for
 * every new tr("…") in src/: the Chinese exactly as in the code, then its English with the
 * same printf conversions in the same order. Rows may be in any order. */
#include "msg.h"

#include <stdlib.h>
#include <string.h>

struct msg {
	const char *zh, *en;
};

static struct msg table[] = {
	{"未开始", "pending"},
	{"推进中", "in progress"},
	{"序时进度", "on schedule"},
	{"滞后", "behind"},
	{"已完成", "done"},
	{"待验收", "awaiting verification"},
	{"已销号", "verified"},
	{"用法见 duban --help 或 man duban", "see duban --help or man duban"},
	/* ---- command line: list, show, export, import messages (main.c, cli.c, export.c) ---- */
	/* ---- database: open, locking, edits, history, check (db*.c) ---- */
	/* ---- edits on the board and edit commands (ui.c, view_item.c, view_edit*.c, cmd_edit.c) */
	/* ---- the board: search, filters, tree, hints (view_board.c, db_board.c, keys.c) ---- */
	{"  [按%s排序]", "  [sorted by %s]"},
	{" > 搜索「%s」", " > search \"%s\""},
	{" 地区", " Region"},
	{" 报告与方面", " Reports and categories"},
	{" 编号", " No."},
	{"%d天", "%dd"},
	{"%d天内到期", "due in %d days"},
	{"%ld%s 项", "%ld%s items"},
	{"0 全部", "0 all"},
	{"1按编号 2按期限 3按状态", "1 by number  2 by due date  3 by state"},
	{"d 即将到期", "d due soon"},
	{"o 逾期", "o overdue"},
	{"「%s」不是天数：请输入 0 到 3650 之间的整数",
	 "\"%s\" is not a number of days: type a whole number from 0 to 3650"},
	{"不再列出", "dropped"},
	{"不再只看逾期；仍在筛选：%s%s%s（c 全部清除）",
	 "Not only overdue any more; still filtering: %s%s%s (c clears all)"},
	{"不再显示报告不再列出的事项", "Items their report no longer lists are hidden again"},
	{"也显示报告不再列出的事项（标为“不再列出”，按编号排列）",
	 "Also showing items their report no longer lists (marked \"dropped\", in report order)"},
	{"全部事项", "All items"},
	{"全部地区", "All regions"},
	{"全部（含下级）", "All (with subregions)"},
	{"全部（所有地区）", "All (every region)"},
	{"内存不足", "out of memory"},
	{"几天内到期（0 取消）: ", "Due within how many days (0 = off): "},
	{"单位", "unit"},
	{"单位: ", "Unit: "},
	{"只看 %ld 天内到期的未完成事项：%ld%s 项",
	 "Only open items due within %ld days: %ld%s items"},
	{"只看逾期", "overdue only"},
	{"只看逾期事项（o 恢复）", "Only overdue items (o shows all)"},
	{"含报告不再列出的事项", "with items no longer listed"},
	{"在%s的问题、措施、单位、目标和进展中没有找到「%s」",
	 "Nothing found in the problems, measures, units, goals or notes of %s for \"%s\""},
	{"地区", "Region"},
	{"地区: ", "Region: "},
	{"多个状态", "several states"},
	{"已到最后一个匹配，回到第一个", "Last match passed: back to the first"},
	{"已到第一个匹配，回到最后一个", "First match passed: on to the last"},
	{"已取消单位筛选", "Unit filter off"},
	{"已取消即将到期筛选", "Due-soon filter off"},
	{"已清除搜索和筛选", "Search and filters cleared"},
	{"找到 %ld%s 项；n 下一个，N 上一个，c 清除",
	 "Found %ld%s items; n next, N previous, c clears"},
	{"排序: ", "Sort: "},
	{"措施（%s）", "measure %s"},
	{"搜索", "search"},
	{"搜索: ", "Search: "},
	{"搜索结果按导入顺序列出；按%s排序在清除搜索后生效",
	 "Search results are in import order; sorting by %s applies once the search is cleared"},
	{"数据库错误: %s", "Database error: %s"},
	{"整改目标", "goal"},
	{"显示全部事项", "Showing all items"},
	{"期限", "Due"},
	{"未完成", "Open"},
	{"没有名字含「%s」的地区", "No region's name contains \"%s\""},
	{"没有在搜索：按 / 开始", "No search: press / to start one"},
	{"没有牵头单位或责任单位含「%s」的事项", "No item has \"%s\" in its lead or responsible unit"},
	{"牵头单位", "Lead unit"},
	{"责任单位", "Responsible unit"},
	{"验收单位", "Acceptance unit"},
	{"牵头单位或责任单位含「%s」：%ld%s 项，其中未完成的用 f 8 筛选",
	 "\"%s\" in the lead or responsible unit: %ld%s items; f 8 shows the open ones"},
	{"状态", "State"},
	{"督办", "duban"},
	{"立行立改", "at once"},
	{"长期坚持", "long-term"},
	{"筛选: ", "Filter: "},
	{"这个地区没有下级", "This region has no subregions"},
	{"进展", "note"},
	{"逾期", "Late"},
	{"问题", "Problem"},
	{"事项", "Items"},
	{"完成率", "Done%"},
	{"待验", "Await"},
	{"销号", "Verif."},
	{"编号", "number"},
	{"，筛选 ", "; filters "},
	{"（在%s的问题、措施、单位、目标和进展中没有找到「%s」%s%s；c 清除）",
	 "(Nothing found in the problems, measures, units, goals or notes of %s for \"%s\"%s%s; c clears)"},
	{"（数据库是空的：先用 duban import 报告.txt 导入整改报告）",
	 "(The database is empty: import rectification reports first with duban import REPORT.txt)"},
	{"（无标题的报告）", "(report without a title)"},
	{"（未分方面）", "(no category)"},
	{"（没有事项）", "(no items)"},
	{"（没有符合条件的事项：%s；c 清除筛选）", "(No item matches: %s; c clears the filters)"},
	{"/ 搜索  r 地区  Enter 进入  h 返回  o 逾期  f 筛选  u 单位  s 排序  x 不再列出  ? 帮助  q 退出",
	 "/ search  r region  Enter open  h back  o overdue  f filter  u unit  s sort  x dropped  ? help  q quit"},
	/* ---- printing (summary*.c, print*.c, cmd_print.c, view_preview.c) ---- */
	/* ---- importer diagnostics (import*.c) ---- */
};

static const size_t table_count = sizeof table / sizeof table[0];
static int english = -1;
static int sorted;

static int starts_en(const char *v)
{
	return v && v[0] == 'e' && v[1] == 'n' && (v[2] == '\0' || v[2] == '_' || v[2] == '.' ||
	                                           v[2] == '@');
}

void msg_init(void)
{
	const char *o = getenv("DUBAN_LANG"), *v = NULL;
	const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};

	if (o && *o) {
		english = starts_en(o);
		return;
	}
	for (size_t i = 0; i < 3 && !v; i++) {
		const char *e = getenv(names[i]);
		if (e && *e)
			v = e;
	}
	english = starts_en(v);
}

int msg_english(void)
{
	if (english < 0)
		msg_init();
	return english;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(((const struct msg *)a)->zh, ((const struct msg *)b)->zh);
}

const char *tr(const char *zh)
{
	struct msg key = {zh, NULL}, *hit;

	if (!zh || !msg_english())
		return zh;
	if (!sorted) {
		qsort(table, table_count, sizeof table[0], cmp);
		sorted = 1;
	}
	hit = bsearch(&key, table, table_count, sizeof table[0], cmp);
	return hit ? hit->en : zh;
}
