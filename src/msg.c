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
	{"      duban [-f 数据库] check                  检查数据库和修改记录的校验链",
	 "      duban [-f db] check                      check the database and the history's hash chain"},
	{"check: 不需要参数", "check: takes no arguments"},
	{"数据库文件已损坏（SQLite integrity_check）：%s", "the database file is damaged (SQLite integrity_check): %s"},
	{"数据库文件完好，结构完整", "database file sound, schema complete"},
	{"修改记录 %lld 行，校验链完整\n", "%lld history rows, hash chain intact\n"},
	{"修改记录第 %lld 行校验失败：%s\n", "history row %lld does not verify: %s\n"},
	{"  第 %lld 行：%s %s 问题 %lld %s：%s → %s\n", "  row %lld: %s %s item %lld %s: %s → %s\n"},
	{"修改记录在第 %lld 行之后不可信：它或它之前的一行是在 duban 之外改动的",
	 "the history cannot be trusted from row %lld on: it or the row before it was changed outside duban"},
	{"检查数据库文件", "checking the database file"},
	{"%s（进程 %ld）",
	 "%s (process %ld)"},
	{"进程 %ld",
	 "process %ld"},
	{"%s：数据库正由 %s 写入，等了 %d 毫秒仍未释放；什么都没有写入，可以放心重试（等待时间由 DUBAN_BUSY_TIMEOUT 设定）",
	 "%s: the database is being written by %s and was not released after %d ms; nothing was written and it is safe to retry (DUBAN_BUSY_TIMEOUT sets the wait)"},
	{"%s：数据库正被另一个程序写入，等了 %d 毫秒仍未释放；什么都没有写入，可以放心重试（等待时间由 DUBAN_BUSY_TIMEOUT 设定）",
	 "%s: another program is writing the database and did not release it after %d ms; nothing was written and it is safe to retry (DUBAN_BUSY_TIMEOUT sets the wait)"},
	{"%s：磁盘已满，什么都没有写入；腾出空间后重试",
	 "%s: the disk is full, nothing was written; free some space and retry"},
	{"%s：数据库所在的目录不可写（SQLite 需要在那里建立 -wal 和 -shm 文件），什么都没有写入",
	 "%s: the database's directory is not writable (SQLite needs to create its -wal and -shm files there); nothing was written"},
	{"%s：数据库以只读方式打开（文件不可写），什么都没有写入",
	 "%s: the database is open read-only (the file is not writable); nothing was written"},
	{"%s：写入磁盘失败（磁盘可能已满或出错），什么都没有写入：%s",
	 "%s: writing to the disk failed (it may be full or failing); nothing was written: %s"},
	{"准备查询",
	 "preparing a query"},
	{"数据库的结构版本 %d 无效（应为 0 到 %d）：不是 duban 的数据库，或已损坏；未作任何改动",
	 "the database has an invalid schema version %d (expected 0 to %d): not a duban database, or damaged; nothing was changed"},
	{"数据库由更新版本的 duban 建立（结构版本 %d，本程序只认识到 %d）；请使用更新的 duban，未作任何改动",
	 "the database was made by a newer duban (schema version %d, this one knows up to %d); use a newer duban; nothing was changed"},
	{"数据库的结构版本 %d 较旧，需要升级到 %d，但它只能以只读方式打开；请由能写入它的用户先打开一次",
	 "the database has the older schema version %d and needs upgrading to %d, but it can only be opened read-only; have a user who can write it open it once"},
	{"升级数据库结构到版本 %d 失败：%s",
	 "upgrading the schema to version %d failed: %s"},
	{"检查数据库结构",
	 "checking the schema"},
	{"数据库结构已损坏：缺少%s %s（可能被 duban 以外的程序改动过）；请从备份恢复，或用 duban check 查看详情",
	 "the database schema is damaged: %s %s is missing (changed by a program other than duban?); restore a backup, or see duban check"},
	{"表",
	 "table"},
	{"索引",
	 "index"},
	{"触发器",
	 "trigger"},
	{"打开数据库",
	 "opening the database"},
	{"数据库 %s 不存在；先用 duban import 导入报告",
	 "database %s does not exist; import reports first with duban import"},
	{"数据库 %s 不可写（没有写权限）",
	 "database %s is not writable (no write permission)"},
	{"数据库 %s 所在的目录不可写：SQLite 需要在那里建立 -wal 和 -shm 文件",
	 "the directory of database %s is not writable: SQLite needs to create its -wal and -shm files there"},
	{"不能建立数据库 %s：所在的目录不可写",
	 "cannot create database %s: its directory is not writable"},
	{"不能打开数据库 %s：%s",
	 "cannot open database %s: %s"},
	{"不能使用数据库 %s：%s",
	 "cannot use database %s: %s"},
	{"查找地区",
	 "looking up a region"},
	{"添加地区",
	 "adding a region"},
	{"地区路径的第 %zu 级名称是空的",
	 "a region path has an empty name at level %zu"},
	{"查找报告所属的地区",
	 "looking up the report's region"},
	{"写入修改记录",
	 "writing history"},
	{"添加整改措施",
	 "adding a measure"},
	{"添加问题",
	 "adding an item"},
	{"列入新增的问题",
	 "listing the added items"},
	{"读取修改记录",
	 "reading history"},
	{"读取整改措施",
	 "reading measures"},
	{"读取问题",
	 "reading an item"},
	{"问题 %lld（%s）%s：保留了在 duban 中的修改“%s”；报告中是“%s”",
	 "item %lld (%s) %s: kept the edit \"%s\"; the report says \"%s\""},
	{"修改问题",
	 "updating an item"},
	{"更新到期日",
	 "updating a due date"},
	{"替换整改措施",
	 "replacing measures"},
	{"问题 %lld（%s）状态：保留了在 duban 中的修改“%s”；报告现在表示“%s”",
	 "item %lld (%s) state: kept the edit \"%s\"; the report now means \"%s\""},
	{"更新状态",
	 "updating a state"},
	{"重新列入问题",
	 "listing an item again"},
	{"读取类别",
	 "reading categories"},
	{"写入类别",
	 "writing a category"},
	{"读取已有的问题",
	 "reading the stored items"},
	{"标记问题已移除",
	 "marking an item removed"},
	{"查找报告",
	 "looking up the report"},
	{"添加报告",
	 "adding the report"},
	{"更新报告",
	 "updating the report"},
	{"读取时钟",
	 "reading the clock"},
	{"导入未完成，已全部撤回：%s",
	 "import rolled back: %s"},
	{"读取进展",
	 "reading notes"},
	{"读取问题列表",
	 "reading items"},
	{"没有编号为 %lld 的问题",
	 "no item %lld"},
	{"问题 %lld 已被 %s 于 %s 修改（现在是第 %d 版，你看到的是第 %d 版）；什么都没有写入，请重新载入后再试",
	 "item %lld was changed by %s at %s (now version %d, you had version %d); nothing was written, reload it and try again"},
	{"问题 %lld 已被别人修改（现在是第 %d 版，你看到的是第 %d 版）；什么都没有写入，请重新载入后再试",
	 "item %lld was changed by someone else (now version %d, you had version %d); nothing was written, reload it and try again"},
	{"问题 %lld 已于 %s 由 %s 验收销号，不能重复验收",
	 "item %lld was verified on %s by %s; it cannot be verified twice"},
	{"问题 %lld 还没有完成整改（现在：%s），只有已完成整改或待验收的问题才能验收销号",
	 "item %lld is not done (now: %s); only an item that is done or awaiting verification can be verified"},
	{"已完成整改 由 %s 于 %s 标记，不能由同一人验收",
	 "marked done by %s on %s; the same person cannot verify it"},
	{"问题 %lld 还没有验收销号，没有可撤销的验收",
	 "item %lld is not verified; there is no verification to take back"},
	{"没有指定要修改的字段",
	 "no field to change was given"},
	{"不能修改字段“%s”",
	 "field \"%s\" cannot be edited"},
	{"未知的状态“%s”",
	 "unknown state \"%s\""},
	{"验收销号要用验收操作（记录验收日期和验收人），不能直接改状态",
	 "verify the item instead (that records the date and the verifier); the state cannot be set to verified directly"},
	{"整改时限“%s”不是日期：%s",
	 "deadline \"%s\" is not a date: %s"},
	{"问题 %lld 已验收销号；要改它的状态，先撤销验收（需写明原因）",
	 "item %lld is verified; to change its state, take back the verification first (with a reason)"},
	{"数据库以只读方式打开，不能修改",
	 "the database is open read-only; nothing can be changed"},
	{"验收销号",
	 "verifying"},
	{"验收日期 %s 晚于今天",
	 "verification date %s is later than today"},
	{"撤销验收",
	 "taking back a verification"},
	{"撤销验收需要写明原因",
	 "taking back a verification needs a reason"},
	{"添加进展",
	 "adding a note"},
	{"进展需要写些内容",
	 "a note needs some text"},
	{"问题 %lld 没有你的修改可以撤销",
	 "item %lld has no change of yours to undo"},
	{"问题 %lld 在 %s 由导入报告修改过，之前你的修改不能撤销",
	 "item %lld was changed by an import at %s; your earlier changes cannot be undone"},
	{"问题 %lld 在你之后由 %s 于 %s 修改过，不能撤销你的修改",
	 "item %lld was changed after you by %s at %s; your change cannot be undone"},
	{"问题 %lld 没有你的修改可以撤销（更早的修改是 %s 于 %s 做的）",
	 "item %lld has no change of yours to undo (the change before was made by %s at %s)"},
	{"撤销修改",
	 "undoing a change"},
	{"问题 %lld 的这次修改（%s）不能撤销",
	 "this change of item %lld (%s) cannot be undone"},
	{"修改记录 1 到 %lld 缺失",
	 "history rows 1 to %lld are missing"},
	{"修改记录 %lld 到 %lld 缺失",
	 "history rows %lld to %lld are missing"},
	{"没有校验值（写在 duban 之外）",
	 "no hash (written outside duban)"},
	{"校验值不符：这一行或它之前的一行在写入之后被改动过",
	 "hash mismatch: this row or the one before it was changed after it was written"},
	{"检查修改记录",
	 "checking the history"},
	{"修改记录的校验链在第 %lld 行断开：%s；用 duban check 检查",
	 "the history's hash chain is broken at row %lld: %s; run duban check"},
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
	{"全部（含下级）", "All (with subregions)"},
	{"全部（所有地区）", "All (every region)"},
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
	{"显示全部事项", "Showing all items"},
	{"未完成", "Open"},
	{"没有名字含「%s」的地区", "No region's name contains \"%s\""},
	{"没有在搜索：按 / 开始", "No search: press / to start one"},
	{"没有牵头单位或责任单位含「%s」的事项", "No item has \"%s\" in its lead or responsible unit"},
	{"牵头单位或责任单位含「%s」：%ld%s 项，其中未完成的用 f 8 筛选",
	 "\"%s\" in the lead or responsible unit: %ld%s items; f 8 shows the open ones"},
	{"状态", "State"},
	{"督办", "duban"},
	{"筛选: ", "Filter: "},
	{"这个地区没有下级", "This region has no subregions"},
	{"进展", "note"},
	{"事项", "Items"},
	{"待验", "Await"},
	{"销号", "Verif."},
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
	{"先在事项列表中选择一个已销号的事项", "select a verified item in the item list first"},
	{"销号公示.pdf", "notice.pdf"},
	{"汇总.pdf", "summary.pdf"},
	{"打印预览（与 PDF 内容相同）。Enter 选择打印方式：s 存为 PDF 文件，l 交给打印机（lp），t 终端的打印机；末尾有用 ssh 下载 PDF 的命令；q 返回。", "Print preview (the same content as the PDF). Enter chooses how to print: s saves a PDF file, l sends it to a printer (lp), t to the terminal's printer; the ssh command that downloads the PDF is at the end; q goes back."},
	{"在自己的电脑上下载：", "On your own computer: "},
	{"Windows：", "Windows: "},
	{"无法生成 PDF：%s", "cannot make the PDF: %s"},
	{"已保存 %s（%d 页）", "saved %s (%d pages)"},
	{"已交给打印机：%s", "sent to the printer: %s"},
	{"打印方式：", "Print: "},
	{"s 存为 PDF 文件  l 打印机（lp）  t 终端的打印机", "s PDF file  l printer (lp)  t terminal's printer"},
	{"销号公示-%lld.pdf", "notice-%lld.pdf"},
	{"保存为: ", "Save as: "},
	{"打印机队列（留空为默认）: ", "Printer queue (empty for the default): "},
	{"销号公示预览", "Notice preview"},
	{"打印预览", "Print preview"},
	{"Enter 打印方式  s 存 PDF  l 打印机  t 终端打印机  q 返回", "Enter print  s PDF  l printer  t terminal printer  q back"},
	{"无法生成汇总：%s", "cannot make the summary: %s"},
	{"      duban [-f 数据库] print [--notice ID] [--region 地区] [--format pdf|text] [-o 文件|-] [--to lp[:队列]|terminal]",
	 "       duban [-f DB] print [--notice ID] [--region NAME] [--format pdf|text] [-o FILE|-] [--to lp[:QUEUE]|terminal]"},
	{"%d年%d月%d日", "%d-%d-%d"},
	{"逾期事项", "Overdue items"},
	{"30日内到期事项", "Items due within 30 days"},
	{"待验收事项", "Items awaiting verification"},
	{"%s本级", "%s (own items)"},
	{"全部事项", "all items"},
	{"仅逾期事项", "overdue items only"},
	{"，", ", "},
	{"状态：", "state: "},
	{"、", ", "},
	{"全部地区", "All regions"},
	{"%s生态环境保护督察整改进展汇总", "%s: progress of the environmental inspection rectification"},
	{"合计", "Total"},
	{"验收意见：", "Verification opinion: "},
	{"没有编号为 %lld 的事项", "there is no item %lld"},
	{"事项 %lld 尚未验收销号（当前状态：%s），不能出具销号公示", "item %lld is not verified (state: %s); a verification notice needs a verified item"},
	{"事项 %lld 在报告中已是已销号，没有验收日期，无法确定公示期；请在 duban 中验收后再出具", "item %lld came verified from its report and has no verification date, so there is no publicity period; verify it in duban first"},
	{"生态环境保护督察", "environmental inspection"},
	{"%s生态环境保护督察整改工作领导小组办公室", "Office of the %s inspection rectification leading group"},
	{"关于%s整改任务销号的公示", "Notice of the closing of a rectification task of the %s"},
	{"根据生态环境保护督察整改验收销号工作有关要求，%s%s反馈问题第%s项“%s”整改任务已完成整改，于%s经%s验收，同意销号。现将整改完成情况予以公示（详见附表），接受社会监督。", "As required for closing inspection rectification tasks, the task of %s, %s, problem no. %s, \"%s\", has been rectified, was verified on %s by %s and is closed. Its completion is published here for public scrutiny (see the attached table)."},
	{"根据生态环境保护督察整改验收销号工作有关要求，%s%s反馈问题第%s项“%s”整改任务已完成整改，于%s通过验收，同意销号。现将整改完成情况予以公示（详见附表），接受社会监督。", "As required for closing inspection rectification tasks, the task of %s, %s, problem no. %s, \"%s\", has been rectified, was verified on %s and is closed. Its completion is published here for public scrutiny (see the attached table)."},
	{"公示期：%s至%s（共%d天）。公示期间，如对该任务整改完成情况有异议，请以书面或电话形式向%s反映。", "Publicity period: %s to %s (%d days). Objections to the completion of this task may be made in writing or by telephone to %s during that period."},
	{"地区", "Region"},
	{"逾期", "Overdue"},
	{"完成率", "Done"},
	{"序号", "#"},
	{"编号", "No."},
	{"期限", "Due"},
	{"逾期天数", "Days overdue"},
	{"剩余天数", "Days left"},
	{"%s（共 %ld 项）", "%s (%ld in all)"},
	{"（无）", "(none)"},
	{"另有 %ld 项未列出（duban print --limit 0 列出全部）", "%ld more not listed (duban print --limit 0 lists all)"},
	{"打印日期：%s　筛选：%s　打印人：%s", "Printed: %s   Filter: %s   Printed by: %s"},
	{"分地区整改进展", "Progress by region"},
	{"审核人：＿＿＿＿＿＿＿＿　　　　日期：＿＿＿＿年＿＿月＿＿日", "Reviewed by: ________________    Date: ____-__-__"},
	{"联系人：＿＿＿＿＿＿＿＿　　联系电话：＿＿＿＿＿＿＿＿＿＿", "Contact: ________________    Telephone: ____________________"},
	{"电子邮箱：＿＿＿＿＿＿＿＿＿＿＿＿　　通讯地址：＿＿＿＿＿＿＿＿＿＿＿＿", "E-mail: ________________________    Address: ________________________"},
	{"特此公示。", "Hereby published."},
	{"附表：整改任务销号情况", "Attached table: the closed rectification task"},
	{"整改任务", "Task"},
	{"整改措施", "Measures"},
	{"完成情况", "Completion"},
	{"无法创建 %s：%s", "cannot create %s: %s"},
	{"写入 %s 失败：%s", "error writing %s: %s"},
	{"无法写入 %s：%s", "cannot write %s: %s"},
	{"不向 CUPS 发送中文纯文本（其文本过滤器会弄乱中文）；请用 PDF", "Chinese plain text is never sent to CUPS (its text filter mangles it); use PDF"},
	{"无法创建临时文件：%s", "cannot create a temporary file: %s"},
	{"无法写入临时文件：%s", "cannot write a temporary file: %s"},
	{"lp 失败：%s", "lp failed: %s"},
	{"lp 失败（退出码 %d）", "lp failed (exit status %d)"},
	{"在 tmux 或 screen 中无法使用终端打印机：它们不会把打印转义序列传给本地终端（mosh 也不会）。请改用 PDF 文件或 lp", "the terminal's printer cannot be used inside tmux or screen: they do not pass the printer escape sequences to the local terminal (mosh does not either). Save a PDF or use lp instead"},
	{"无法读取终端描述 TERM=%s", "cannot read the terminal description TERM=%s"},
	{"终端描述 TERM=%s 没有打印机能力（mc5/mc4）；无法用终端打印机。tmux、screen 和 mosh 也不会转发它。请改用 PDF 文件或 lp", "the terminal description TERM=%s has no printer capability (mc5/mc4), so the terminal's printer cannot be used; tmux, screen and mosh do not pass it either. Save a PDF or use lp instead"},
	{"写入终端失败：%s", "error writing to the terminal: %s"},
	{"第 %d 页 / 共 %d 页", "Page %d of %d"},
	{"找不到字体 %s（fontconfig）；Debian 上请安装 fonts-noto-cjk", "font %s not found (fontconfig); on Debian install fonts-noto-cjk"},
	{"审核人：", "Reviewed by:"},
	{"日期：", "Date:"},
	{"联系人：", "Contact:"},
	{"联系电话：", "Telephone:"},
	{"电子邮箱：", "E-mail:"},
	{"通讯地址：", "Address:"},
	{"附表", "Attachment"},
	{"整改任务销号情况表", "The closed rectification task"},
	{"print：%s 需要一个值", "print: %s needs a value"},
	{"print：%s 不是事项编号", "print: %s is not an item ID"},
	{"print：%s 不是行数（0 表示全部）", "print: %s is not a number of rows (0 for all)"},
	{"print：公示期 %s 不是天数", "print: publicity period %s is not a number of days"},
	{"print：未知参数 %s", "print: unknown argument %s"},
	{"print：未知格式 %s（pdf 或 text）", "print: unknown format %s (pdf or text)"},
	{"print：编码 %s 不支持（utf-8 或 gb18030）", "print: encoding %s is not supported (utf-8 or gb18030)"},
	{"print：--encoding 只用于 --format text", "print: --encoding is for --format text"},
	{"print：--to %s 未知（lp、lp:队列 或 terminal）", "print: unknown --to %s (lp, lp:QUEUE or terminal)"},
	{"print：-o 和 --to 只能选一个", "print: give -o or --to, not both"},
	{"print：不向 CUPS 发送中文纯文本（其文本过滤器会弄乱中文）；lp 只用 PDF", "print: Chinese plain text is never sent to CUPS (its text filter mangles it); lp takes PDF only"},
	{"print：PDF 不能显示在终端上；用 -o 文件 保存，-o - 写到标准输出，或 --format text 查看文本", "print: a PDF cannot be shown on a terminal; save it with -o FILE, write it to standard output with -o -, or read it with --format text"},
	{"print：--notice 不能与 --region、--state、--overdue 同用", "print: --notice does not go with --region, --state or --overdue"},
	{"print：未知状态 %s", "print: unknown state %s"},
	{"有 %d 个地区名为 %s", "%d regions are named %s"},
	{"已交给打印机：%s\n", "sent to the printer: %s\n"},
	{"已发送到终端打印机", "sent to the terminal's printer"},
	{"已写入 %s（%d 页，%zu 字节）\n", "wrote %s (%d pages, %zu bytes)\n"},
	{"已写入 %s（%zu 字节）\n", "wrote %s (%zu bytes)\n"},
	{"一、", "1. "},
	{"二、", "2. "},
	{"三、", "3. "},
	{"四、", "4. "},
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
	{"第 %zu 行长 %zu 字节（超过 64 KB），不是报告中的一行：多半是转换时丢了换行；"
	 "请重新转换文档并保留换行",
	 "line %zu is %zu bytes long (over 64 KB), not a line of a report: the line breaks were "
	 "probably lost in conversion; convert the document again keeping line breaks"},
	{"第 %s 项（第 %d 行）的一个字段超过 64 KB：多半是几项连在了一起；"
	 "请检查这一项的编号和标签",
	 "item %s (line %d) has a field over 64 KB: probably several items run together; check "
	 "this item's number and labels"},
	{"从第 %zu 行起的编号列表有 %zu 项，其中 %zu 项没有任何字段（状态、时限、"
	 "单位、措施）：这不像整改问题清单；请检查报告的版式",
	 "the numbered list from line %zu has %zu items, %zu of them without any field (status, "
	 "deadline, unit, measure): this is not a list of rectification problems; check the "
	 "report's layout"},
	{"文本中有 %zu 个替换字符（U+FFFD）：这是把 GB18030（GBK）文件当作 UTF-8 "
	 "读过一次留下的，原来的字节已经丢失，无法还原；请转换原文件："
	 "iconv -f GB18030 -t UTF-8 原文件 > %s，或用 --encoding gb18030 导入原文件",
	 "the text holds %zu replacement characters (U+FFFD): a GB18030 (GBK) file was once read as "
	 "UTF-8 and its bytes are lost, so it cannot be repaired; convert the original file: "
	 "iconv -f GB18030 -t UTF-8 ORIGINAL > %s, or import the original with --encoding gb18030"},
	{"文本像是被当作 Windows-1252/Latin-1 读过的 UTF-8（乱码，如“ç£´å£”），"
	 "但字节已不完整，无法准确还原；请从原文件重新转换，或试试："
	 "iconv -f UTF-8 -t WINDOWS-1252 文件 > %s",
	 "the text looks like UTF-8 read as Windows-1252/Latin-1 (mojibake such as \"ç£´å£\"), but "
	 "bytes are missing, so it cannot be repaired exactly; convert the original again, or try: "
	 "iconv -f UTF-8 -t WINDOWS-1252 FILE > %s"},
	{"文本是被当作 Windows-1252/Latin-1 读过的 UTF-8（乱码），已按原字节准确还原",
	 "the text was UTF-8 read as Windows-1252/Latin-1 (mojibake); it was repaired exactly from "
	 "its bytes"},
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
