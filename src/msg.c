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
	{"%s  [当前状态：%s]", "%s  [state now: %s]"},
	{"%s 由 %s 验收%s%s", "%s, verified by %s%s%s"},
	{"；验收意见：", "; opinion: "},
	{"验收销号", "Verified"},
	{"%s 于 %s 标记（验收须由另一人）", "%s marked it at %s (someone else must verify)"},
	{"标记完成", "Marked done"},
	{"（原因：%s）", " (reason: %s)"},
	{"事项 %s", "item %s"},
	{"%s：%s 不是事项 ID（见 duban list）", "%s: %s is not an item ID (see duban list)"},
	{"ID %lld（编号 %s，%s）", "ID %lld (no. %s, %s)"},
	{"ID %lld：没有这个事项", "ID %lld: no such item"},
	{"ID %lld：别人同时在改这个事项，重试 %d 次仍未保存；请再试", "ID %lld: someone else kept changing the item; not saved after %d tries, try again"},
	{"%s：%s %s → %s（原因：%s）\n", "%s: %s %s → %s (reason: %s)\n"},
	{"%s：%s %s → %s\n", "%s: %s %s → %s\n"},
	{"set：%s 后面要有值", "set: %s needs a value"},
	{"set：不认识的选项 %s", "set: unknown option %s"},
	{"set：要给出事项 ID，例如 duban set 12 --state done", "set: give item IDs, e.g. duban set 12 --state done"},
	{"set：要给出 --deadline TEXT 或 --state NAME 之一", "set: give one of --deadline TEXT or --state NAME"},
	{"set：--reason 只和 --deadline 一起用", "set: --reason goes with --deadline"},
	{"set：不认识的状态 %s（可用 pending in_progress on_schedule behind done awaiting_verification verified，或 未开始 推进中 序时进度 滞后 已完成 待验收 已销号）", "set: unknown state %s (use pending in_progress on_schedule behind done awaiting_verification verified, or 未开始 推进中 序时进度 滞后 已完成 待验收 已销号)"},
	{"“%s”不是有效的整改时限：%s", "\"%s\" is not a deadline: %s"},
	{"没有保存：%s", "not saved: %s"},
	{"%zu 个事项都没有修改（全部或全不）", "none of the %zu items was changed (all or nothing)"},
	{"ID %lld：%s没有改变\n", "ID %lld: %s unchanged\n"},
	{"note：用法 duban note ID... 备注文字", "note: use duban note ID... TEXT"},
	{"note：备注不能为空", "note: the note is empty"},
	{"%s：已添加进展备注：%s\n", "%s: note added: %s\n"},
	{"verify：%s 后面要有值", "verify: %s needs a value"},
	{"verify：不认识的选项 %s", "verify: unknown option %s"},
	{"verify：要给出事项 ID，例如 duban verify 12", "verify: give item IDs, e.g. duban verify 12"},
	{"verify：--date %s 不是日期：%s", "verify: --date %s is not a date: %s"},
	{"verify：--date %s 不是日期（例如 2025-07-15）", "verify: --date %s is not a day (e.g. 2025-07-15)"},
	{"verify：验收日期 %s 晚于今天", "verify: the verification date %s is after today"},
	{"%s：已验收销号，验收日期 %s，验收人 %s%s%s\n", "%s: verified on %s by %s%s%s\n"},
	{"，验收意见：", ", opinion: "},
	{"%zu 个事项都没有销号（全部或全不）", "none of the %zu items was verified (all or nothing)"},
	{"unverify：%s 后面要有值", "unverify: %s needs a value"},
	{"unverify：不认识的选项 %s", "unverify: unknown option %s"},
	{"unverify：要给出事项 ID", "unverify: give item IDs"},
	{"unverify：撤销销号要写明原因：--reason TEXT", "unverify: taking a verification back needs a reason: --reason TEXT"},
	{"%s：已撤销验收销号，状态回到 %s（原因：%s）\n", "%s: verification taken back, state %s again (reason: %s)\n"},
	{"undo：不认识的选项 %s", "undo: unknown option %s"},
	{"undo：要给出事项 ID", "undo: give item IDs"},
	{"%s：已撤销，%s %s → %s\n", "%s: undone, %s %s → %s\n"},
	{"%s：已撤销\n", "%s: undone\n"},
	{"history：--since %s 应为 YYYY-MM-DD 日期", "history: --since %s should be a date YYYY-MM-DD"},
	{"history：%s 后面要有值", "history: %s needs a value"},
	{"history：不认识的选项 %s", "history: unknown option %s"},
	{"读不出修改记录：%s", "cannot read the history: %s"},
	{"没有符合条件的修改记录\n", "no changes match\n"},
	{"%s 的修改记录（%zu 条，最新在前）", "History of %s (%zu changes, newest first)"},
	{"%s 最近的修改（%zu 条，最新在前）", "Latest changes in %s (%zu, newest first)"},
	{"导入：", "import: "},
	{"（还没有修改）", "(no changes yet)"},
	{" 督办 > %s > 修改记录", " duban > %s > history"},
	{"j/k 滚动  Space 翻页  q 返回", "j/k scroll  Space page  q back"},
	{"没有保存：你开始修改之后，事项 %s（%s）被别人改过了。", "Not saved: item %s (%s) was changed by someone else after you started."},
	{"别人的修改（旧 → 新）：", "Their changes (old → new):"},
	{"（原因：", " (reason: "},
	{"）", ")"},
	{"（没有找到修改记录）", "(no history found)"},
	{"你的修改：", "Your change:"},
	{"怎么办？", "What now?"},
	{"在别人修改后的版本上重新应用我的修改", "Re-apply my change on top of theirs"},
	{"放弃我的修改", "Drop my change"},
	{" 督办 > 保存冲突 > 事项 %s", " duban > save conflict > item %s"},
	{"别人改过这个事项，但读不出改了什么：%s", "someone else changed the item, but the changes cannot be read: %s"},
	{"1/Enter 重新应用我的修改  2 放弃  j/k 选择  Esc 放弃", "1/Enter re-apply mine  2 drop  j/k choose  Esc drop"},
	{"  已标记 %zu 项", "  %zu tagged"},
	{"先选中一个事项（Enter 进入事项列表），或用 Space 标记几项", "select an item first (Enter goes to the items), or tag some with Space"},
	{"在事项列表里才能标记（Enter 进入）", "tagging works in the item list (Enter goes there)"},
	{"已清除 %zu 项的标记", "%zu items untagged"},
	{"没有已标记的事项", "no items are tagged"},
	{"      duban [-f 数据库] set ID... --deadline 时限 [--reason 原因] | --state 状态", "       duban [-f DB] set ID... --deadline TEXT [--reason TEXT] | --state NAME"},
	{"      duban [-f 数据库] note ID... 备注", "       duban [-f DB] note ID... TEXT"},
	{"      duban [-f 数据库] verify ID... [--date 日期] [--opinion 验收意见]", "       duban [-f DB] verify ID... [--date DATE] [--opinion TEXT]"},
	{"      duban [-f 数据库] unverify ID... --reason 原因", "       duban [-f DB] unverify ID... --reason TEXT"},
	{"      duban [-f 数据库] undo ID...", "       duban [-f DB] undo ID..."},
	{"      duban [-f 数据库] history [ID...] [--since 日期] [--user 用户]", "       duban [-f DB] history [ID...] [--since DATE] [--user NAME]"},
	{"事项 %lld 已不存在", "item %lld no longer exists"},
	{"数据库错误：%s", "database error: %s"},
	{"整改时限 → %s%s%s", "deadline → %s%s%s"},
	{"，原因：", ", reason: "},
	{"状态 → %s", "state → %s"},
	{"进展备注：%s", "progress note: %s"},
	{"验收销号，验收日期 %s%s%s", "verification on %s%s%s"},
	{"撤销验收销号，原因：%s", "verification taken back, reason: %s"},
	{"撤销我的上一次修改", "undo my last change"},
	{"已放弃我的修改；事项保持别人改后的样子", "my change dropped; the item stays as they left it"},
	{"已把 %zu 项的整改时限改为 %s", "deadline of %zu items set to %s"},
	{"已保存整改时限：%s → %s", "deadline saved: %s → %s"},
	{"已把 %zu 项的状态改为 %s", "state of %zu items set to %s"},
	{"已把状态改为 %s（原为 %s）", "state set to %s (was %s)"},
	{"已添加进展备注（%zu 字）", "progress note added (%zu characters)"},
	{"已为 %zu 项验收销号（%s）", "%zu items verified (%s)"},
	{"已验收销号（%s）", "verified (%s)"},
	{"已撤销验收销号", "verification taken back"},
	{"已撤销我的上一次修改：%s %s → %s", "my last change undone: %s %s → %s"},
	{"已撤销我的上一次修改", "my last change undone"},
	{"事项 %s（%s）", "item %s (%s)"},
	{"事项 ID %lld", "item ID %lld"},
	{"全部未保存：%s %s", "nothing saved: %s %s"},
	{"保存失败（全部未保存）：%s", "saving failed (nothing saved): %s"},
	{"不是有效的期限：%s", "not a deadline: %s"},
	{"，长期坚持", ", long term"},
	{"→ %s (%s), 还有 %ld 天%s", "→ %s (%s), in %ld days%s"},
	{"→ %s (%s), 就是今天%s", "→ %s (%s), today%s"},
	{"→ %s (%s), 已逾期 %ld 天%s", "→ %s (%s), %ld days overdue%s"},
	{"→ 立行立改（立即整改，没有截止日期）%s", "→ immediately (立行立改, no due date)%s"},
	{"→ 长期坚持（没有截止日期）", "→ long term (长期坚持, no due date)"},
	{"→ 清空整改时限（没有期限）", "→ clear the deadline (no due date)"},
	{"请写明延期原因：它和新旧期限一起记入修改记录", "give the reason for moving the deadline: it is kept in the history with the old and new one"},
	{"请写明原因：它和这次修改一起记入修改记录", "give the reason: it is kept in the history with the change"},
	{"原因和这次修改一起记入修改记录；Enter 保存，Esc 取消", "the reason is kept in the history with the change; Enter saves, Esc cancels"},
	{"已取消，没有保存", "cancelled, nothing saved"},
	{"已取消，整改时限没有改变", "cancelled, the deadline is unchanged"},
	{"整改时限没有改变", "the deadline is unchanged"},
	{"延期原因: ", "Reason: "},
	{"整改时限: ", "Deadline: "},
	{"改状态：已标记的 %zu 项，一起保存（全部或全不）", "Change the state of the %zu tagged items, saved together (all or nothing)"},
	{"改状态：事项 %s（%s）", "Change the state of item %s (%s)"},
	{"报告写的进展情况：%s", "Status as printed in the report: %s"},
	{"当前状态：%s", "State now: %s"},
	{"← 当前", "← now"},
	{"报告原文的进展情况保持不变；新状态另行记录，并记入修改记录。", "The printed status stays as imported; the new state is kept beside it and in the history."},
	{"j/k 选择，Enter 或 1-7 保存，Esc 取消", "j/k choose, Enter or 1-7 save, Esc cancel"},
	{"状态本来就是 %s，没有改变", "the state is %s already, unchanged"},
	{" 督办 > 改状态", " duban > change state"},
	{"已取消，状态没有改变", "cancelled, the state is unchanged"},
	{"j/k 选择  Enter 保存  1-7 直接选  Esc 取消", "j/k choose  Enter save  1-7 pick  Esc cancel"},
	{"事项 %s 的进展备注，记下你的名字和时间；Enter 保存，Esc 取消", "progress note for item %s, kept with your name and the time; Enter saves, Esc cancels"},
	{"事项 %s 的进展备注：%zu 字；Enter 保存，Esc 取消", "progress note for item %s: %zu characters; Enter saves, Esc cancels"},
	{"已取消，备注没有保存", "cancelled, the note is not saved"},
	{"进展备注: ", "Note: "},
	{"不是有效的日期：%s", "not a date: %s"},
	{"请写验收那天的日期，例如 2025-07-15", "write the day of the verification, e.g. 2025-07-15"},
	{"验收日期不能晚于今天", "the verification date cannot be after today"},
	{"→ %s (%s)，今天", "→ %s (%s), today"},
	{"→ %s (%s)，%ld 天前", "→ %s (%s), %ld days ago"},
	{"验收日期 %s；验收意见可不填。Enter 销号，Esc 取消", "verification date %s; the opinion may stay empty. Enter verifies, Esc cancels"},
	{"已取消，没有销号", "cancelled, not verified"},
	{"验收意见（可不填）: ", "Opinion (optional): "},
	{"验收日期: ", "Verification date: "},
	{"撤销销号的原因: ", "Reason for taking it back: "},
	{"先选中一个事项（或用 Space 标记几项）", "select an item first (or tag some with Space)"},
	{"数据库是只读打开的，不能修改", "the database is open read-only: no changes"},
	{"周一", "Mon"},
	{"周二", "Tue"},
	{"周三", "Wed"},
	{"周四", "Thu"},
	{"周五", "Fri"},
	{"周六", "Sat"},
	{"周日", "Sun"},
	{"进展情况", "status"},
	{"状态", "state"},
	{"进展备注", "progress note"},
	{"事项", "item"},
	{"移除", "removed"},
	{"整改措施", "measures"},
	{"所属方面", "category"},
	{"验收日期", "verification date"},
	{"验收人", "verifier"},
	{"验收意见", "verification opinion"},
	{"撤销", "undo"},
	{"撤销销号", "verification taken back"},
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
