/* keys.c — the key table. It is the only place keys are bound: the ? help screen is generated
 * from it, and man/duban.1 (section KEYS) must list every key here — change both together;
 * tests/screen/run.sh fails when the man page misses a key. No curses, no drawing. */
#include <string.h>

#include "keys.h"

#define CTRL(c) ((c) & 0x1f)

struct binding {
	enum keys_context ctx;
	int key;
	const char *name; /* as written in the help and the man page */
	enum action action;
};

/* Order: the help screen and the man page list actions in this order. */
static const struct binding table[] = {
	{KEYS_MOVE, 'j', "j", ACT_DOWN},
	{KEYS_MOVE, KEYS_DOWN, "Down", ACT_DOWN},
	{KEYS_MOVE, CTRL('n'), "C-n", ACT_DOWN},
	{KEYS_MOVE, 'k', "k", ACT_UP},
	{KEYS_MOVE, KEYS_UP, "Up", ACT_UP},
	{KEYS_MOVE, CTRL('p'), "C-p", ACT_UP},
	{KEYS_MOVE, CTRL('d'), "C-d", ACT_HALF_DOWN},
	{KEYS_MOVE, CTRL('u'), "C-u", ACT_HALF_UP},
	{KEYS_MOVE, ' ', "Space", ACT_PAGE_DOWN},
	{KEYS_MOVE, CTRL('f'), "C-f", ACT_PAGE_DOWN},
	{KEYS_MOVE, KEYS_PGDN, "PgDn", ACT_PAGE_DOWN},
	{KEYS_MOVE, 'b', "b", ACT_PAGE_UP},
	{KEYS_MOVE, CTRL('b'), "C-b", ACT_PAGE_UP},
	{KEYS_MOVE, KEYS_PGUP, "PgUp", ACT_PAGE_UP},
	{KEYS_MOVE, 'g', "g", ACT_TOP},
	{KEYS_MOVE, KEYS_HOME, "Home", ACT_TOP},
	{KEYS_MOVE, 'G', "G", ACT_BOTTOM},
	{KEYS_MOVE, KEYS_END, "End", ACT_BOTTOM},

	{KEYS_BOARD, KEYS_ENTER, "Enter", ACT_ENTER},
	{KEYS_BOARD, KEYS_TAB, "Tab", ACT_ENTER},
	{KEYS_BOARD, 'l', "l", ACT_ENTER},
	{KEYS_BOARD, KEYS_RIGHT, "Right", ACT_ENTER},
	{KEYS_BOARD, 'h', "h", ACT_BACK},
	{KEYS_BOARD, KEYS_LEFT, "Left", ACT_BACK},
	{KEYS_BOARD, KEYS_BACKSPACE, "Backspace", ACT_BACK},
	{KEYS_BOARD, KEYS_BTAB, "S-Tab", ACT_BACK},
	{KEYS_BOARD, '/', "/", ACT_SEARCH},
	{KEYS_BOARD, 'n', "n", ACT_SEARCH_NEXT},
	{KEYS_BOARD, 'N', "N", ACT_SEARCH_PREV},
	{KEYS_BOARD, 'o', "o", ACT_OVERDUE},
	{KEYS_BOARD, 'f', "f", ACT_FILTER},
	{KEYS_BOARD, 'r', "r", ACT_REGION},
	{KEYS_BOARD, 's', "s", ACT_SORT},
	{KEYS_BOARD, 'c', "c", ACT_CLEAR},
	{KEYS_BOARD, 'z', "z", ACT_FOLD},
	{KEYS_BOARD, 'w', "w", ACT_UNIT}, /* whose: which unit still owes */
	{KEYS_BOARD, 'x', "x", ACT_REMOVED},
	{KEYS_BOARD, 'p', "p", ACT_PRINT},
	{KEYS_BOARD, 'P', "P", ACT_PRINT_NOTICE},

	/* Edits: the same keys on the board (the selected or tagged items) and in the item
	 * view (the item shown). Space tags on the board, as in mutt and ranger. */
	{KEYS_BOARD, ' ', "Space", ACT_TAG},
	{KEYS_BOARD, 't', "t", ACT_TAG},
	{KEYS_BOARD, 'T', "T", ACT_UNTAG_ALL},
	{KEYS_BOARD, 'd', "d", ACT_EDIT_DEADLINE},
	{KEYS_BOARD, 'S', "S", ACT_EDIT_STATE},
	{KEYS_BOARD, 'a', "a", ACT_NOTE},
	{KEYS_BOARD, 'v', "v", ACT_VERIFY},
	{KEYS_BOARD, 'V', "V", ACT_UNVERIFY},
	{KEYS_BOARD, 'u', "u", ACT_UNDO}, /* as in vi, mutt and tig */
	{KEYS_BOARD, 'H', "H", ACT_HISTORY},
	{KEYS_ITEM, 'd', "d", ACT_EDIT_DEADLINE},
	{KEYS_ITEM, 'S', "S", ACT_EDIT_STATE},
	{KEYS_ITEM, 'a', "a", ACT_NOTE},
	{KEYS_ITEM, 'v', "v", ACT_VERIFY},
	{KEYS_ITEM, 'V', "V", ACT_UNVERIFY},
	{KEYS_ITEM, 'u', "u", ACT_UNDO},
	{KEYS_ITEM, 'H', "H", ACT_HISTORY},

	{KEYS_CHOOSE, KEYS_ENTER, "Enter", ACT_ACCEPT},
	{KEYS_CHOOSE, '1', "1", ACT_PICK},
	{KEYS_CHOOSE, '2', "2", ACT_PICK},
	{KEYS_CHOOSE, '3', "3", ACT_PICK},
	{KEYS_CHOOSE, '4', "4", ACT_PICK},
	{KEYS_CHOOSE, '5', "5", ACT_PICK},
	{KEYS_CHOOSE, '6', "6", ACT_PICK},
	{KEYS_CHOOSE, '7', "7", ACT_PICK},

	{KEYS_ITEM, 'J', "J", ACT_NEXT_ITEM},
	{KEYS_ITEM, 'K', "K", ACT_PREV_ITEM},
	{KEYS_ITEM, 'P', "P", ACT_PRINT_NOTICE},
	{KEYS_ITEM, 'n', "n", ACT_SEARCH_NEXT},
	{KEYS_ITEM, 'N', "N", ACT_SEARCH_PREV},
	{KEYS_ITEM, 'h', "h", ACT_CLOSE},
	{KEYS_ITEM, KEYS_LEFT, "Left", ACT_CLOSE},
	{KEYS_ITEM, KEYS_BACKSPACE, "Backspace", ACT_CLOSE},
	{KEYS_ITEM, KEYS_ENTER, "Enter", ACT_DOWN},

	{KEYS_PREVIEW, KEYS_ENTER, "Enter", ACT_PRINT_ROUTES},
	{KEYS_PREVIEW, 's', "s", ACT_PRINT_SAVE},
	{KEYS_PREVIEW, 'l', "l", ACT_PRINT_LP},
	{KEYS_PREVIEW, 't', "t", ACT_PRINT_TERMINAL},

	{KEYS_PROMPT, KEYS_ENTER, "Enter", ACT_ACCEPT},
	{KEYS_PROMPT, KEYS_ESC, "Esc", ACT_CANCEL},
	{KEYS_PROMPT, CTRL('g'), "C-g", ACT_CANCEL},
	{KEYS_PROMPT, KEYS_BACKSPACE, "Backspace", ACT_ERASE},
	{KEYS_PROMPT, CTRL('w'), "C-w", ACT_ERASE_WORD},
	{KEYS_PROMPT, CTRL('u'), "C-u", ACT_KILL_LINE},
	{KEYS_PROMPT, CTRL('k'), "C-k", ACT_KILL_END},
	{KEYS_PROMPT, KEYS_DELETE, "Del", ACT_DELETE},
	{KEYS_PROMPT, CTRL('d'), "C-d", ACT_DELETE},
	{KEYS_PROMPT, KEYS_LEFT, "Left", ACT_CHAR_LEFT},
	{KEYS_PROMPT, CTRL('b'), "C-b", ACT_CHAR_LEFT},
	{KEYS_PROMPT, KEYS_RIGHT, "Right", ACT_CHAR_RIGHT},
	{KEYS_PROMPT, CTRL('f'), "C-f", ACT_CHAR_RIGHT},
	{KEYS_PROMPT, KEYS_HOME, "Home", ACT_LINE_START},
	{KEYS_PROMPT, CTRL('a'), "C-a", ACT_LINE_START},
	{KEYS_PROMPT, KEYS_END, "End", ACT_LINE_END},
	{KEYS_PROMPT, CTRL('e'), "C-e", ACT_LINE_END},

	{KEYS_GLOBAL, '?', "?", ACT_HELP},
	{KEYS_GLOBAL, 'q', "q", ACT_CLOSE},
	{KEYS_GLOBAL, KEYS_ESC, "Esc", ACT_CANCEL},
	{KEYS_GLOBAL, 'Q', "Q", ACT_QUIT},
	{KEYS_GLOBAL, CTRL('l'), "C-l", ACT_REDRAW},
};

struct doc {
	enum keys_context ctx;
	enum action action;
	const char *zh; /* help screen */
	const char *en; /* man page */
};

static const struct doc docs[] = {
	{KEYS_MOVE, ACT_DOWN, "下移一行", "Move down one line."},
	{KEYS_MOVE, ACT_UP, "上移一行", "Move up one line."},
	{KEYS_MOVE, ACT_HALF_DOWN, "下移半页", "Move down half a page."},
	{KEYS_MOVE, ACT_HALF_UP, "上移半页", "Move up half a page."},
	{KEYS_MOVE, ACT_PAGE_DOWN, "下一页", "Move down one page."},
	{KEYS_MOVE, ACT_PAGE_UP, "上一页", "Move up one page."},
	{KEYS_MOVE, ACT_TOP, "到开头", "Go to the first line."},
	{KEYS_MOVE, ACT_BOTTOM, "到末尾", "Go to the last line."},
	{KEYS_BOARD, ACT_ENTER, "进入右侧窗格；在事项上打开详情",
	 "Go one pane to the right (regions, categories, items); on an item, open its details."},
	{KEYS_BOARD, ACT_BACK, "回到左侧窗格；在地区树中到上级地区",
	 "Go one pane to the left; in the region tree, go to the parent region."},
	{KEYS_BOARD, ACT_SEARCH,
	 "搜索所选地区及下级事项的全部文字：问题、措施、单位、目标、进展（边输入边查找；"
	 "空格分开的几个词须都出现）",
	 "Search every text of the items of the selected region and below (problem, measures, "
	 "the three units, goal, notes) as you type; words separated by spaces must all occur."},
	{KEYS_BOARD, ACT_SEARCH_NEXT, "下一个匹配", "Go to the next match."},
	{KEYS_BOARD, ACT_SEARCH_PREV, "上一个匹配", "Go to the previous match."},
	{KEYS_BOARD, ACT_OVERDUE, "只看逾期事项（开/关）", "Show only overdue items, or all again."},
	{KEYS_BOARD, ACT_FILTER, "筛选：按状态（附各状态事项数）、逾期、即将到期（默认30天）",
	 "Filter by state (the menu shows how many items each state has), overdue items, or "
	 "open items due within N days (30 unless changed)."},
	{KEYS_BOARD, ACT_REGION, "按名称选择地区", "Choose a region by typing part of its name."},
	{KEYS_BOARD, ACT_SORT, "排序：编号、期限、状态", "Sort items by number, due date or state."},
	{KEYS_BOARD, ACT_CLEAR, "清除搜索和筛选", "Clear the search and all filters."},
	{KEYS_BOARD, ACT_FOLD, "折叠/展开下级地区", "Fold or unfold the subregions of a region."},
	{KEYS_BOARD, ACT_UNIT, "按牵头单位或责任单位筛选（边输入边查找）",
	 "Show only the items whose lead or responsible unit contains the text typed."},
	{KEYS_BOARD, ACT_REMOVED, "显示/隐藏报告不再列出的事项",
	 "Show or hide the items that a newer version of their report no longer lists."},
	{KEYS_BOARD, ACT_TAG, "标记/取消标记事项（之后的修改用于全部已标记事项）",
	 "Tag or untag the selected item; a deadline, state or verification then applies to all "
	 "tagged items at once, all or nothing."},
	{KEYS_BOARD, ACT_UNTAG_ALL, "清除全部标记", "Untag all items."},
	{KEYS_BOARD, ACT_EDIT_DEADLINE, "改整改时限（显示如何理解，要求填写延期原因）",
	 "Edit the deadline: shows how it is understood and asks for the reason of the change."},
	{KEYS_BOARD, ACT_EDIT_STATE, "改状态（七种状态中选择）",
	 "Change the state, chosen from the seven states."},
	{KEYS_BOARD, ACT_NOTE, "添加进展备注", "Add a progress note."},
	{KEYS_BOARD, ACT_VERIFY, "验收销号（验收日期、验收意见）",
	 "Mark verified, with the verification date and an optional opinion."},
	{KEYS_BOARD, ACT_UNVERIFY, "撤销验收销号（要求填写原因）",
	 "Take a verification back, with a reason."},
	{KEYS_BOARD, ACT_UNDO, "撤销我对这个事项的上一次修改",
	 "Undo your own last change to the item."},
	{KEYS_BOARD, ACT_HISTORY, "所选地区最近的修改（最新在前）",
	 "Show the latest changes in the selected region, newest first."},
	{KEYS_ITEM, ACT_EDIT_DEADLINE, "改整改时限", "Edit the deadline."},
	{KEYS_ITEM, ACT_EDIT_STATE, "改状态", "Change the state."},
	{KEYS_ITEM, ACT_NOTE, "添加进展备注", "Add a progress note."},
	{KEYS_ITEM, ACT_VERIFY, "验收销号", "Mark verified."},
	{KEYS_ITEM, ACT_UNVERIFY, "撤销验收销号", "Take a verification back."},
	{KEYS_ITEM, ACT_UNDO, "撤销我的上一次修改", "Undo your own last change."},
	{KEYS_ITEM, ACT_HISTORY, "这个事项的修改记录", "Show the history of the item."},
	{KEYS_CHOOSE, ACT_ACCEPT, "选定光标所在的一项；在修改记录中打开这个事项",
	 "Choose the entry under the cursor; in a history, open its item."},
	{KEYS_CHOOSE, ACT_PICK, "选定这个编号的一项", "Choose the entry with that number."},
	{KEYS_ITEM, ACT_NEXT_ITEM, "下一个事项", "Show the next item of the list."},
	{KEYS_ITEM, ACT_PREV_ITEM, "上一个事项", "Show the previous item of the list."},
	{KEYS_ITEM, ACT_SEARCH_NEXT, "下一个匹配的事项", "Show the next item matching the search."},
	{KEYS_ITEM, ACT_SEARCH_PREV, "上一个匹配的事项", "Show the previous item matching the search."},
	{KEYS_ITEM, ACT_CLOSE, "返回看板", "Back to the board."},
	{KEYS_ITEM, ACT_DOWN, "向下滚动一行", "Scroll down one line."},
	{KEYS_BOARD, ACT_PRINT, "打印预览：当前地区和筛选的汇总页",
	 "Preview the summary page of the region and filter in view, then print it."},
	{KEYS_BOARD, ACT_PRINT_NOTICE, "打印预览：所选已销号事项的销号公示",
	 "Preview the verification notice of the selected verified item, then print it."},
	{KEYS_ITEM, ACT_PRINT_NOTICE, "打印预览：本事项的销号公示",
	 "Preview the verification notice of this item (verified items only), then print it."},
	{KEYS_PREVIEW, ACT_PRINT_ROUTES, "选择打印方式", "Choose how to print: PDF file, lp, terminal printer."},
	{KEYS_PREVIEW, ACT_PRINT_SAVE, "保存为 PDF 文件", "Save the page as a PDF file."},
	{KEYS_PREVIEW, ACT_PRINT_LP, "交给打印机（lp）", "Send the PDF to a CUPS printer with lp."},
	{KEYS_PREVIEW, ACT_PRINT_TERMINAL, "用终端的打印机打印（PuTTY、xterm）",
	 "Print through the terminal's own printer (PuTTY, xterm; not tmux or mosh)."},
	{KEYS_PROMPT, ACT_ACCEPT, "确定", "Accept."},
	{KEYS_PROMPT, ACT_CANCEL, "取消，恢复原样", "Cancel and restore what was shown before."},
	{KEYS_PROMPT, ACT_ERASE, "删除光标前的一个字", "Erase the character before the cursor."},
	{KEYS_PROMPT, ACT_DELETE, "删除光标处的一个字", "Erase the character under the cursor."},
	{KEYS_PROMPT, ACT_ERASE_WORD, "删除光标前的一个词（中文到上一个标点）",
	 "Erase the word before the cursor (in Chinese, back to the last punctuation mark)."},
	{KEYS_PROMPT, ACT_KILL_LINE, "删除光标前的全部", "Erase everything before the cursor."},
	{KEYS_PROMPT, ACT_KILL_END, "删除光标后的全部", "Erase everything from the cursor on."},
	{KEYS_PROMPT, ACT_CHAR_LEFT, "光标左移一个字", "Move the cursor one character left."},
	{KEYS_PROMPT, ACT_CHAR_RIGHT, "光标右移一个字", "Move the cursor one character right."},
	{KEYS_PROMPT, ACT_LINE_START, "光标到开头", "Move the cursor to the start."},
	{KEYS_PROMPT, ACT_LINE_END, "光标到末尾", "Move the cursor to the end."},
	{KEYS_GLOBAL, ACT_HELP, "帮助（本页）", "Show this list of keys."},
	{KEYS_GLOBAL, ACT_CLOSE, "关闭当前页；在看板上退出",
	 "Close the current screen; on the board, quit."},
	{KEYS_GLOBAL, ACT_CANCEL, "关闭当前页或取消输入", "Close the current screen or cancel a prompt."},
	{KEYS_GLOBAL, ACT_QUIT, "立即退出", "Quit at once."},
	{KEYS_GLOBAL, ACT_REDRAW, "重画屏幕", "Redraw the screen."},
};

static const char *const context_title[KEYS_CONTEXT_COUNT] = {
	[KEYS_GLOBAL] = "任何时候",
	[KEYS_MOVE] = "移动（看板、详情、帮助）",
	[KEYS_BOARD] = "看板",
	[KEYS_ITEM] = "事项详情",
	[KEYS_PROMPT] = "输入框（搜索、地区、时限、备注……）",
	[KEYS_PREVIEW] = "打印预览",
	[KEYS_CHOOSE] = "选择（状态、保存冲突、修改记录）",
};

static const char *const context_title_en[KEYS_CONTEXT_COUNT] = {
	[KEYS_GLOBAL] = "Everywhere",
	[KEYS_MOVE] = "Moving (board, item, help)",
	[KEYS_BOARD] = "Board",
	[KEYS_ITEM] = "Item view",
	[KEYS_PROMPT] = "Prompts (search, region, deadline, note ...)",
	[KEYS_PREVIEW] = "Print preview",
	[KEYS_CHOOSE] = "Choosers (state, save conflict, history)",
};

static enum action lookup_in(enum keys_context ctx, int key)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].ctx == ctx && table[i].key == key)
			return table[i].action;
	return ACT_NONE;
}

enum action keys_lookup(enum keys_context ctx, int key)
{
	enum action a = lookup_in(ctx, key);

	if (a == ACT_NONE && ctx != KEYS_PROMPT)
		a = lookup_in(KEYS_MOVE, key);
	if (a == ACT_NONE && ctx != KEYS_PROMPT)
		a = lookup_in(KEYS_GLOBAL, key);
	return a;
}

const char *keys_context_title(enum keys_context ctx)
{
	return ctx < KEYS_CONTEXT_COUNT ? context_title[ctx] : "";
}

/* The names of the keys bound to action in ctx, joined by sep. With mdoc, a name that mdoc
 * would read as punctuation (?, !, …) is escaped with \&. */
static void names_of(enum keys_context ctx, enum action action, const char *sep, int mdoc,
                     char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		const char *name = table[i].name;
		int esc = mdoc && strlen(name) == 1 && strchr(".,:;()[]?!|", name[0]);
		size_t n = strlen(name) + (len ? strlen(sep) : 0) + (esc ? 2 : 0);
		if (table[i].ctx != ctx || table[i].action != action)
			continue;
		if (len + n + 1 > size)
			break;
		if (len) {
			memcpy(buf + len, sep, strlen(sep));
			len += strlen(sep);
		}
		if (esc) {
			memcpy(buf + len, "\\&", 2);
			len += 2;
		}
		memcpy(buf + len, name, strlen(name) + 1);
		len += strlen(name);
	}
}

size_t keys_help(enum keys_context ctx, void (*fn)(const char *keys, const char *text, void *arg),
                 void *arg)
{
	size_t count = 0;
	char names[128];

	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		if (docs[i].ctx != ctx)
			continue;
		names_of(ctx, docs[i].action, ", ", 0, names, sizeof names);
		fn(names, docs[i].zh, arg);
		count++;
	}
	return count;
}

int keys_write_mdoc(FILE *out)
{
	static const enum keys_context order[] = {KEYS_MOVE, KEYS_BOARD, KEYS_ITEM, KEYS_PREVIEW,
	                                          KEYS_PROMPT, KEYS_CHOOSE,
	                                          KEYS_GLOBAL};
	char names[256];

	for (size_t c = 0; c < sizeof order / sizeof order[0]; c++) {
		fprintf(out, ".Ss %s\n.Bl -tag -width Ds\n", context_title_en[order[c]]);
		for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
			if (docs[i].ctx != order[c])
				continue;
			names_of(order[c], docs[i].action, " , Ic ", 1, names, sizeof names);
			fprintf(out, ".It Ic %s\n%s\n", names, docs[i].en);
		}
		fputs(".El\n", out);
	}
	return ferror(out) ? -1 : 0;
}

char *keys_name(int key, char *buf)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].key == key) {
			strncpy(buf, table[i].name, 15);
			buf[15] = '\0';
			return buf;
		}
	if (key > 0 && key < 32) {
		buf[0] = 'C';
		buf[1] = '-';
		buf[2] = (char)(key + 'a' - 1);
		buf[3] = '\0';
	} else if (key >= 32 && key < 127) {
		buf[0] = (char)key;
		buf[1] = '\0';
	} else {
		strcpy(buf, "?");
	}
	return buf;
}
