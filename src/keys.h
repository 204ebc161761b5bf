/* keys.h — the board's one key table: which key does what in which view, with the text of the
 * help screen (Chinese) and of the man page (English). The ? screen is generated from it and
 * man/duban.1 (section KEYS) must list every key in it: tests/screen/run.sh checks that.
 * No curses here: key codes are code points or the KEYS_* values below. */
#ifndef DUBAN_KEYS_H
#define DUBAN_KEYS_H

#include <stddef.h>
#include <stdio.h>

/* Keys that are not characters; above the Unicode range so that any code point is a key. */
enum {
	KEYS_UP = 0x110000,
	KEYS_DOWN,
	KEYS_LEFT,
	KEYS_RIGHT,
	KEYS_PGUP,
	KEYS_PGDN,
	KEYS_HOME,
	KEYS_END,
	KEYS_ENTER,
	KEYS_BACKSPACE,
	KEYS_BTAB,
	KEYS_DELETE,
	KEYS_RESIZE,
	/* The terminal's bracketed-paste marks (ESC [200~ and ESC [201~): not keys a person
	 * presses, so not in the key table; the line editor takes what comes between as text. */
	KEYS_PASTE_BEGIN,
	KEYS_PASTE_END,
	KEYS_ESC = 27,
	KEYS_TAB = 9
};

/* Where a binding applies. A view looks in its own context, then MOVE, then GLOBAL. */
enum keys_context {
	KEYS_GLOBAL,
	KEYS_MOVE,
	KEYS_BOARD,
	KEYS_ITEM,
	KEYS_PROMPT,
	KEYS_PREVIEW, /* the print preview (view_preview.c) */
	KEYS_CHOOSE, /* the state chooser and the conflict screen: a short list to pick from */
	KEYS_CONTEXT_COUNT
};

enum action {
	ACT_NONE,
	/* movement, in every list and pager */
	ACT_DOWN,
	ACT_UP,
	ACT_HALF_DOWN,
	ACT_HALF_UP,
	ACT_PAGE_DOWN,
	ACT_PAGE_UP,
	ACT_TOP,
	ACT_BOTTOM,
	/* board */
	ACT_ENTER,
	ACT_BACK,
	ACT_SEARCH,
	ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV,
	ACT_OVERDUE,
	ACT_FILTER,
	ACT_REGION,
	ACT_SORT,
	ACT_CLEAR,
	ACT_FOLD,
	ACT_UNIT,
	ACT_REMOVED,
	/* item view */
	ACT_NEXT_ITEM,
	ACT_PREV_ITEM,
	/* edits (board and item view) */
	ACT_TAG,
	ACT_UNTAG_ALL,
	ACT_EDIT_DEADLINE,
	ACT_EDIT_STATE,
	ACT_NOTE,
	ACT_VERIFY,
	ACT_UNVERIFY,
	ACT_UNDO,
	ACT_HISTORY,
	/* choosers: pick the entry whose number is the key (ui_key) */
	ACT_PICK,
	/* everywhere */
	ACT_HELP,
	ACT_REDRAW,
	ACT_CLOSE,
	ACT_QUIT,
	ACT_CANCEL,
	/* prompts */
	ACT_ACCEPT,
	ACT_ERASE,
	ACT_ERASE_WORD,
	ACT_KILL_LINE,
	ACT_KILL_END,
	ACT_DELETE,
	ACT_CHAR_LEFT,
	ACT_CHAR_RIGHT,
	ACT_LINE_START,
	ACT_LINE_END,
	/* printing (issue 8): board and item view, then the preview's routes */
	ACT_PRINT,
	ACT_PRINT_NOTICE,
	ACT_PRINT_ROUTES,
	ACT_PRINT_SAVE,
	ACT_PRINT_LP,
	ACT_PRINT_TERMINAL,
	ACT_COUNT
};

/* The action bound to key in ctx, falling back to MOVE and then GLOBAL (a prompt has only
 * its own bindings: every other key is text). ACT_NONE when the key is unbound. */
enum action keys_lookup(enum keys_context ctx, int key);

/* Writes the help screen's lines for ctx: each line "KEYS<TAB>DESCRIPTION" where KEYS is
 * the key names joined by ", ", in table order. Calls fn once per line; returns the count. */
size_t keys_help(enum keys_context ctx, void (*fn)(const char *keys, const char *text, void *arg),
                 void *arg);

/* Chinese title of a context for the help screen. */
const char *keys_context_title(enum keys_context ctx);

/* Writes the man page's KEYS section body (mdoc: one .Ss and .Bl -tag list per context) to
 * out. Returns 0, or -1 on a write error. */
int keys_write_mdoc(FILE *out);

/* The display name of a key code for messages ("j", "C-d", "Enter", or the character);
 * buf must hold 16 bytes. Returns buf. */
char *keys_name(int key, char *buf);

#endif
