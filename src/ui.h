/* ui.h — the board's terminal side: curses lifecycle, colours, the input loop, resize, the
 * status line, prompts, the screen-test script hook, and the drawing helpers the view_*.c
 * screens share. app.c starts it (ui_run) with the board. No curses types cross this header, so
 * including it does not pull curses macros into main.c. */
#ifndef DUBAN_UI_H
#define DUBAN_UI_H

#include <stddef.h>

#include "keys.h"
#include "state.h"

struct db;

struct ui_view;

/* What ui_run needs from the screens above it, so that ui.c names no concrete view (the
 * arrows run one way: views → ui → model). See app.c. */
struct ui_app {
	/* Fills *view with the first screen, the bottom of the stack (the board), for db.
	 * Returns 0, or -1 with a sentence in err (errsize bytes). */
	int (*open_first)(struct db *db, struct ui_view *view, char *err, size_t errsize);
	/* Fills *view with the help screen (the ? key). Returns 0 or -1. May be NULL. */
	int (*open_help)(struct ui_view *view);
};

/* Runs the full-screen interface on db (already open; db_path is shown in the title) with
 * app's first screen until the user quits. argc/argv are the arguments after "board" (none
 * are accepted yet). Checks the terminal and the locale first: a terminal that cannot address
 * the cursor, a locale that cannot show Chinese, or no terminal at all gives a one-line
 * message on stderr and 2. The terminal is restored on every way out, signals and a closed
 * terminal included. Returns the process exit code (128 + the signal after one).
 * Environment: NO_COLOR (no colours), DUBAN_TODAY (see date_today), DUBAN_SCRIPT (screen
 * tests: read keys and commands from that file instead of the terminal, draw to /dev/null;
 * see tests/screen/README). */
int ui_run(struct db *db, const char *db_path, int argc, char **argv, const struct ui_app *app);

/* ---- for the views ------------------------------------------------------------------ */

/* What a cell is, mapped to colour and attributes once, for colour and monochrome alike. */
enum ui_role {
	UI_NORMAL,
	UI_TITLE,     /* top line */
	UI_HEADER,    /* column headings of an unfocused pane */
	UI_HEADER_ON, /* column headings of the focused pane */
	UI_CURSOR,    /* selected row in the focused pane */
	UI_CURSOR_OFF,/* selected row in another pane */
	UI_OVERDUE,   /* days overdue, overdue counts */
	UI_MATCH,     /* search match in a row */
	UI_DIM,       /* secondary text (region names, counts of zero) */
	UI_LABEL,     /* field names in the item view */
	UI_ERROR,     /* error message on the status line */
	UI_SOON,      /* an open item due within the 即将到期 window */
	UI_STATE,     /* + enum state: the state's colour; keep last */
	UI_ROLE_COUNT = UI_STATE + STATE_COUNT
};

#define UI_ALIGN_RIGHT 1 /* ui_field: right-align */
#define UI_NO_MARK 2     /* ui_field: no truncation marker */

/* Draws s (UTF-8, any bytes) at row y, column x in exactly cols columns: fitted with
 * text_fit (a double-width character never split), truncation marked with '~' unless
 * UI_NO_MARK, the rest of the field blank in the same role. Control and other unsafe code
 * points are drawn as U+FFFD, so stored text never reaches the terminal as a sequence.
 * Returns the columns the text took (not counting padding). */
int ui_field(int y, int x, int cols, const char *s, enum ui_role role, int flags);

/* Like ui_field, left-aligned, with bytes [mark, mark + mark_len) of s drawn as UI_MATCH. */
int ui_field_mark(int y, int x, int cols, const char *s, enum ui_role role, size_t mark,
                  size_t mark_len);

/* Blanks cols columns at (y, x) in role. */
void ui_blank(int y, int x, int cols, enum ui_role role);

/* Screen size in rows and columns. */
int ui_rows(void);
int ui_cols(void);

/* A screen: the board at the bottom of a stack, item and help views pushed over it. */
struct ui_view {
	enum keys_context keys; /* where its key bindings are looked up */
	const char *hint;       /* the status line when there is no message: the main keys */
	/* Draws rows [top, top + rows) of the screen, cols wide. */
	void (*draw)(void *self, int top, int rows, int cols);
	/* Handles an action; returns 1 when handled (the screen is redrawn), 0 if not. */
	int (*act)(void *self, enum action action);
	/* Writes the right end of the status line (position, e.g. "13/128"); may be NULL. */
	void (*status)(void *self, char *buf, size_t size);
	/* Writes the title line's text (where the user is); may be NULL. */
	void (*title)(void *self, char *buf, size_t size);
	/* The database changed underneath (another user): reload, keep the selection. */
	void (*reload)(void *self);
	/* The input was idle (the read timed out, a script's :poll, or a second went by
	 * between keys): work that may wait until the first screen is up. May be NULL. */
	void (*idle)(void *self);
	/* Frees the view; called when it is popped or at exit. May be NULL. */
	void (*close)(void *self);
	void *self;
};

/* Pushes a view (copied) over the current one. */
void ui_push(const struct ui_view *view);

/* Pops and closes the top view; the board (bottom) is never popped. */
void ui_pop(void);

/* Sets the status line's message (printf-style, UTF-8) until the next key. */
void ui_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Like ui_message, shown as an error. */
void ui_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Asks for the screen to be drawn again before the next key is read. */
void ui_dirty(void);

/* Opens the line editor (ui_edit_open) with a label and initial text only. changed (may be NULL) is called after every
 * edit with the text so far (incremental search); done is called once with the final text
 * and accepted = 1 (Enter) or 0 (Esc / C-g). Resizing while it is open keeps it open. */
void ui_prompt(const char *label, const char *initial,
               void (*changed)(void *ctx, const char *text),
               void (*done)(void *ctx, const char *text, int accepted), void *ctx);

/* The most bytes a line editor holds (a long pasted note fits). */
#define UI_EDIT_MAX 16384

/* A line editor on the status line, the one every prompt uses. Edits by character and by
 * display width (Chinese from an IME arrives as wide characters): Left/Right (C-b/C-f),
 * Home/End (C-a/C-e), Backspace, Delete (C-d), C-w (a word, or back to the last Chinese
 * punctuation), C-u (to the start), C-k (to the end); a paste the terminal brackets is taken
 * as text whatever it holds (line breaks become spaces); a line wider than the screen scrolls
 * sideways by whole characters, '<' and '>' marking the hidden parts. Enter asks check (when
 * set) and then calls done with accepted = 1; Esc or C-g call done with accepted = 0. The
 * terminal stays in the board's modes: nothing is held open in the database while a person
 * types. All strings are copied; text passed to callbacks is valid during the call. */
struct ui_edit {
	const char *label;   /* before the text, e.g. "整改时限: " */
	const char *initial; /* prefilled text (may be NULL); the cursor starts at its end */
	size_t max_len;      /* the most bytes of text; 0 or more than UI_EDIT_MAX: UI_EDIT_MAX - 1 */
	/* Called after every change with the text so far (may be NULL). */
	void (*changed)(void *ctx, const char *text);
	/* Writes the line shown above the editor for the text so far (a live reading: "→
	 * 2025-06-30 (周一)，还有 211 天") into buf and returns its enum ui_role (may be NULL). */
	int (*preview)(void *ctx, const char *text, char *buf, size_t size);
	/* Called on Enter (may be NULL): 0 accepts; -1 keeps the editor open and shows the
	 * preview as the reason ("不能保存：…"). */
	int (*check)(void *ctx, const char *text);
	void (*done)(void *ctx, const char *text, int accepted);
	void *ctx;
};

/* Opens the line editor described by spec (copied) on the status line; it replaces a prompt
 * already open. Resizing while it is open keeps it open with its text and cursor. */
void ui_edit_open(const struct ui_edit *spec);

/* Opens a one-key question on the status line: label, then the choices text; the next key is
 * passed to chosen (Esc passes KEYS_ESC). */
void ui_choose(const char *label, const char *choices, void (*chosen)(void *ctx, int key),
               void *ctx);

/* The key being handled (for an action bound to several keys, e.g. ACT_PICK to 1…7). */
int ui_key(void);

/* This user saved a change: every view reloads now (counts, colours, the item shown), as
 * for another user's change, which the board notices by polling within a second. */
void ui_changed(void);

/* The database's path as given, and "today" (days since 1970-01-01) the board runs on. */
const char *ui_db_path(void);
long ui_today(void);

#endif
