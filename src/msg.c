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
	{"年份应在1900到2200之间", "the year should be between 1900 and 2200"},
	{"月份应为1到12", "the month should be 1 to 12"},
	{"日期应为1到31", "the day should be 1 to 31"},
	{"%d年2月没有29日（不是闰年）", "February %d has no 29th (not a leap year)"},
	{"%d月没有%d日", "month %d has no day %d"},
	{"请写上年份，例如 2025年6月30日", "write the year, e.g. 2025-06-30"},
	{"年份应为四位数字，例如 2025-06-30", "the year should have four digits, e.g. 2025-06-30"},
	{"只写了年份：请写到月份（2025年6月底）或写 2025年底、2025年第二季度",
	 "only a year: write a month (2025年6月底) or 2025年底, 2025年第二季度"},
	{"月份后面应写“月”，例如 2025年6月30日", "write 月 after the month, e.g. 2025年6月30日"},
	{"日期后面应写“日”，例如 2025年6月30日", "write 日 after the day, e.g. 2025年6月30日"},
	{"日期写法应为 2025-06-30、2025/6/30 或 2025.6.30",
	 "write a date as 2025-06-30, 2025/6/30 or 2025.6.30"},
	{"请写到日，例如 2025-06-30", "write the day too, e.g. 2025-06-30"},
	{"看不懂“%.*s”：一处只写一个日期", "cannot read \"%.*s\": one date per part"},
	{"看不懂这个时限：可写 2025-06-30、2025年6月底前、2025年底、2025年第二季度、立行立改、长期坚持，或清空",
	 "not a deadline: write 2025-06-30, 2025年6月底前, 2025年底, 2025年第二季度, 立行立改, "
	 "长期坚持, or clear it"},
	/* ---- the board: search, filters, tree, hints (view_board.c, db_board.c, keys.c) ---- */
	/* ---- printing (summary*.c, print*.c, cmd_print.c, view_preview.c) ---- */
	/* ---- importer diagnostics (import*.c) ---- */
	{"无法打开：%s", "cannot open: %s"},
	{"无法读取：%s", "cannot read: %s"},
	{"是目录，不是报告", "is a directory, not a report"},
	{"不是普通文件（设备、管道或套接字），不读取；请先把内容保存为文件",
	 "is not a regular file (a device, pipe or socket) and is not read; save the content to a file first"},
	{"大于 %ld MB，不是 duban 能读取的文件", "larger than %ld MB; not a file duban can read"},
	{"读取出错：%s", "read error: %s"},
	{"内存不足", "out of memory"},
	{"1 项", "1 item"},
	{"%zu 项", "%zu items"},
	{"1 个类别", "1 category"},
	{"%zu 个类别", "%zu categories"},
	{"（无）", "(none)"},
	{"  编号 %s：%s %s → %s\n", "  no. %s: %s %s → %s\n"},
	{"：第 %ld 字节", ": byte %ld"},
	{"%s 需要编码名，例如 gb18030", "%s needs an encoding, e.g. gb18030"},
	{"%s 需要一个文件", "%s needs a file"},
	{"import：未知选项 %s", "import: unknown option %s"},
	{"import 需要 %s", "import needs %s"},
	{"至少一个文件，或用 - 表示标准输入", "at least one FILE, or - for standard input"},
	{"未导入任何内容", "nothing imported"},
	{"警告：", "warning: "},
	{"（地区不明）", "(unknown region)"},
	{"：已导入 %s，分 %s\n", ": imported %s in %s\n"},
	{"：未变，已导入过（%s）；未写入任何内容\n", ": unchanged, already imported (%s); nothing written\n"},
	{"：已更新：新增 %d 项，变更 %d 项，未变 %d 项，不再列出 %d 项\n",
	 ": updated: %d added, %d changed, %d unchanged, %d no longer listed\n"},
	{"  1 个字段在 duban 中修改过，与报告不同；保留了修改：",
	 "  1 field edited in duban differs from the report; the edits were kept:"},
	{"  %zu 个字段在 duban 中修改过，与报告不同；保留了修改：\n",
	 "  %zu fields edited in duban differ from the report; the edits were kept:\n"},
	{"试运行（--dry-run）：未写入任何内容", "dry run (--dry-run): nothing written"},
	{"：识别 %zu 项；有状态 %zu 项，有时限 %zu 项，有单位 %zu 项，措施 %zu 条；"
	 "跳过 %zu 行，去除页眉页脚 %zu 行，未采用的编号 %zu 处\n",
	 ": read %zu items; %zu with status, %zu with deadline, %zu with units, %zu measures; "
	 "%zu lines skipped, %zu lines of page furniture dropped, %zu numbers not taken\n"},
	{"问题", "problem"},
	{"整改状态", "status"},
	{"整改时限", "deadline"},
	{"牵头单位", "lead unit"},
	{"责任单位", "responsible unit"},
	{"验收单位", "acceptance unit"},
	{"整改目标", "goal"},
	{"子类", "subcategory"},
	{"措施条数", "measures"},
	{"读取标签词表时内存不足", "out of memory reading the label vocabulary"},
	{"标签词表第 %ld 行不可用（%s）：每行先写字段名（status、progress、"
	 "deadline、lead、responsible、acceptance、goal、measures、problem、"
	 "publicity、other），再写以空格分隔的标签",
	 "line %ld of the label vocabulary is not usable (%s): each line is a field name (status, "
	 "progress, deadline, lead, responsible, acceptance, goal, measures, problem, publicity, "
	 "other), then its labels separated by spaces"},
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
