/* msg.c — the English table for tr() and the language choice (msg.h). Add a row here for
 * every new tr("…") in src/: the Chinese exactly as in the code, then its English with the
 * same printf conversions in the same order. Rows may be in any order. */
#include "msg.h"

#include <stdio.h>
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
	{"写入失败：%s", "write error: %s"},
	{"写入标准输出失败：%s", "error writing standard output: %s"},
	{"导出失败：%s", "export failed: %s"},
	{"show\004地区", "region"},
	{"show\004报告", "report"},
	{"show\004方面", "category"},
	{"show\004小类", "subcategory"},
	{"show\004编号", "no"},
	{"show\004状态", "state"},
	{"show\004进展情况", "status"},
	{"show\004整改时限", "deadline"},
	{"show\004逾期", "overdue"},
	{"show\004牵头单位", "lead unit"},
	{"show\004责任单位", "responsible unit"},
	{"show\004验收单位", "acceptance unit"},
	{"show\004整改目标", "goal"},
	{"show\004不再列出", "no longer listed"},
	{"show\004验收日期", "verified on"},
	{"show\004验收人", "verified by"},
	{"show\004验收意见", "opinion"},
	{"show\004完成标记", "marked done by"},
	{"show\004问题", "problem"},
	{"show\004整改措施", "measures"},
	{"show\004进展备注", "notes"},
	{"show\004验收销号", "verification"},
	{"show\004修改记录", "history"},
	{"%s（%zu）", "%s (%zu)"},
	{"（空）", "(none)"},
	{"source\004导入", "import"},
	{"source\004编辑", "edit"},
	{"（未验收销号）", "(not verified)"},
	{"%s 于 %s", "%s at %s"},
	{"%s：%s → %s", "%s: %s → %s"},
	{"事项 %lld（版本 %d）", "item %lld (version %d)"},
	{"%ld 天（期限 %s 已过，尚未完成）", "%ld days (due %s, not done)"},
	{"最新版本的报告已不再列出此事项", "the latest version of the report no longer lists it"},
	{"（报告未列措施）", "(the report lists no measures)"},
	{"show 需要一个事项 ID（见 duban list）", "show needs one item ID (see duban list)"},
	{"show: %s 不是事项 ID", "show: %s is not an item ID"},
	{"没有 ID 为 %lld 的事项（见 duban list）", "no item has ID %lld (see duban list)"},
	{"用法: duban [-f 数据库] [board]                 打开看板",
	 "usage: duban [-f DB] [board]                 open the board"},
	{"      duban [-f 数据库] import [--encoding 编码] [--gazetteer 文件] 文件... | -",
	 "       duban [-f DB] import [--encoding ENC] [--gazetteer FILE] FILE... | -"},
	{"      duban [-f 数据库] export [--format json|csv] [--bom] [--encoding 编码] [-o 文件]",
	 "       duban [-f DB] export [--format json|csv] [--bom] [--encoding ENC] [-o FILE]"},
	{"      duban [-f 数据库] list [--region 地区] [--state 状态] [--overdue] [--due-within 天数] [--unit 单位]",
	 "       duban [-f DB] list [--region NAME] [--state S] [--overdue] [--due-within N] [--unit TEXT]"},
	{"      duban [-f 数据库] show ID", "       duban [-f DB] show ID"},
	{"      duban [-f 数据库] region add 自治区/盟市/旗县",
	 "       duban [-f DB] region add REGION/CITY/COUNTY"},
	{"      duban --help | --version             用法 | 版本", "       duban --help | --version"},
	{"数据库是 -f 所给的文件，否则是 $DUBAN_DB。详见 duban(1)。",
	 "The database is -f DB, else $DUBAN_DB. See duban(1)."},
	{"region: 用法为 duban region add 自治区/盟市/旗县",
	 "region: use duban region add REGION/CITY/COUNTY"},
	{"region add: 地区路径是空的", "region add: the region path is empty"},
	{"-f 需要一个数据库文件", "-f needs a database file"},
	{"未知选项 %s", "unknown option %s"},
	{"未知命令 %s", "unknown command %s"},
	{"-f 应写在命令之前：duban -f 数据库 %s …", "-f goes before the command: duban -f DB %s ..."},
	{"没有数据库：用 -f 数据库 指定，或设置 DUBAN_DB", "no database: give -f DB or set DUBAN_DB"},
	{"export: %s 需要一个值", "export: %s needs a value"},
	{"export: 未知参数 %s", "export: unexpected argument %s"},
	{"export: 未知格式 %s（可用 json 或 csv）", "export: unknown format %s (json or csv)"},
	{"export: --encoding 需要一个编码名，如 gb18030", "export: --encoding needs an encoding, e.g. gb18030"},
	{"立行立改", "immediate"},
	{"长期坚持", "long-term"},
	{"%ld天", "%ld days"},
	{"[不再列出]", "[no longer listed]"},
	{"没有名为 %s 的地区", "no region is named %s"},
	{"地区 %s 不明确：%zu 个地区的名称含有它，请写全名",
	 "region %s is ambiguous: %zu region names contain it; give the full name"},
	{"list: 未知状态 %s（可用 未开始、推进中、序时进度、滞后、已完成、待验收、已销号 或 pending、done …）",
	 "list: unknown state %s (pending, in_progress, on_schedule, behind, done, awaiting_verification, verified)"},
	{"list: --due-within 需要天数（0 到 36500），不是 %s",
	 "list: --due-within needs a number of days (0 to 36500), not %s"},
	{"list: %s 需要一个值", "list: %s needs a value"},
	{"list: 未知参数 %s", "list: unexpected argument %s"},
	{"list\004地区", "region"},
	{"list\004编号", "no"},
	{"list\004状态", "state"},
	{"list\004整改时限", "due"},
	{"list\004逾期", "overdue"},
	{"list\004问题", "problem"},
	{"没有符合条件的事项", "no item matches"},
	{"csv\004ID", "id"},
	{"csv\004地区", "region"},
	{"csv\004报告", "report"},
	{"csv\004方面", "category"},
	{"csv\004小类", "subcategory"},
	{"csv\004编号", "no"},
	{"csv\004状态代码", "state"},
	{"csv\004状态", "state_label"},
	{"csv\004进展情况", "status"},
	{"csv\004整改时限", "deadline"},
	{"csv\004到期日", "due"},
	{"csv\004期限类型", "due_kind"},
	{"csv\004长期坚持", "long_term"},
	{"csv\004牵头单位", "lead_unit"},
	{"csv\004责任单位", "responsible_unit"},
	{"csv\004验收单位", "acceptance_unit"},
	{"csv\004整改目标", "goal"},
	{"csv\004措施数", "measures"},
	{"csv\004整改措施", "measures_text"},
	{"csv\004逾期天数", "overdue_days"},
	{"csv\004验收日期", "verified_on"},
	{"csv\004验收人", "verified_by"},
	{"csv\004验收意见", "verify_opinion"},
	{"csv\004不再列出", "removed"},
	{"csv\004问题", "text"},
	{"field\004进展情况", "status"},
	{"field\004状态", "state"},
	{"field\004整改时限", "deadline"},
	{"field\004到期日", "due date"},
	{"field\004牵头单位", "lead unit"},
	{"field\004责任单位", "responsible unit"},
	{"field\004验收单位", "acceptance unit"},
	{"field\004整改目标", "goal"},
	{"field\004问题", "problem"},
	{"field\004编号", "number"},
	{"field\004小类", "subcategory"},
	{"field\004整改措施", "measures"},
	{"field\004进展备注", "note"},
	{"field\004事项", "item"},
	{"field\004不再列出", "no longer listed"},
	{"field\004验收销号", "verification"},
	{"field\004验收日期", "verified on"},
	{"field\004验收人", "verified by"},
	{"field\004验收意见", "verification opinion"},
	{"field\004长期坚持", "long-term"},
	/* ---- database: open, locking, edits, history, check (db*.c) ---- */
	/* ---- edits on the board and edit commands (ui.c, view_item.c, view_edit*.c, cmd_edit.c) */
	{"年份应在1900到2200之间", "the year should be between 1900 and 2200"},
	{"不能保存：", "cannot save: "},
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

static void sort_table(void)
{
	if (!sorted) {
		qsort(table, table_count, sizeof table[0], cmp);
		sorted = 1;
	}
}

/* The Chinese text of a literal: the part after a context's \004, if any. */
static const char *chinese(const char *zh)
{
	const char *ctx = strchr(zh, '\004');

	return ctx ? ctx + 1 : zh;
}

const char *tr(const char *zh)
{
	struct msg key = {zh, NULL}, *hit;

	if (!zh)
		return zh;
	if (!msg_english())
		return chinese(zh);
	sort_table();
	hit = bsearch(&key, table, table_count, sizeof table[0], cmp);
	return hit ? hit->en : chinese(zh);
}

size_t msg_count(void)
{
	return table_count;
}

void msg_row(size_t i, const char **zh, const char **en)
{
	sort_table();
	*zh = i < table_count ? table[i].zh : NULL;
	*en = i < table_count ? table[i].en : NULL;
}

const char *msg_field_label(const char *field)
{
	/* The names of the item's columns as history records them (db.h); each label is its
	 * own table row under the "field" context so that 状态 here can differ from 状态
	 * elsewhere. */
	static const struct {
		const char *name, *label;
	} fields[] = {
	    {"status", N_("field\004进展情况")},
	    {"state", N_("field\004状态")},
	    {"deadline", N_("field\004整改时限")},
	    {"due", N_("field\004到期日")},
	    {"lead_unit", N_("field\004牵头单位")},
	    {"responsible_unit", N_("field\004责任单位")},
	    {"acceptance_unit", N_("field\004验收单位")},
	    {"goal", N_("field\004整改目标")},
	    {"text", N_("field\004问题")},
	    {"no", N_("field\004编号")},
	    {"subcategory", N_("field\004小类")},
	    {"measure", N_("field\004整改措施")},
	    {"measures", N_("field\004整改措施")},
	    {"note", N_("field\004进展备注")},
	    {"item", N_("field\004事项")},
	    {"removed", N_("field\004不再列出")},
	    {"verified", N_("field\004验收销号")},
	    {"verified_on", N_("field\004验收日期")},
	    {"verified_by", N_("field\004验收人")},
	    {"verify_opinion", N_("field\004验收意见")},
	    {"long_term", N_("field\004长期坚持")},
	};

	for (size_t i = 0; field && i < sizeof fields / sizeof fields[0]; i++)
		if (strcmp(field, fields[i].name) == 0)
			return tr(fields[i].label);
	return field ? field : "";
}

char *msg_measure_mark(size_t i, char *buf, size_t size)
{
	static const char *const marks[] = {"一", "二", "三", "四", "五", "六", "七",
	                                    "八", "九", "十", "十一", "十二", "十三", "十四",
	                                    "十五", "十六", "十七", "十八", "十九", "二十"};

	if (i < sizeof marks / sizeof marks[0])
		snprintf(buf, size, "（%s）", marks[i]);
	else
		snprintf(buf, size, "（%zu）", i + 1);
	return buf;
}
