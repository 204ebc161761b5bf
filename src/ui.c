/* ui.c — curses lifecycle, colours, the input loop, resize, status line, prompts, and the
 * screen-test script hook (DUBAN_SCRIPT). Owns the terminal: it is restored on every way out.
 * No SQL here (views ask db_board); every string reaches curses through ui_field, which fits
 * it with text_fit and replaces anything unsafe. */
#include <curses.h>
#include <term.h>

#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "date.h"
#include "db.h"
#include "db_board.h"
#include "msg.h"
#include "text.h"
#include "ui.h"

#ifndef __STDC_ISO_10646__
#error "wchar_t must hold Unicode code points (__STDC_ISO_10646__)"
#endif

/* Below this the board shows a one-line notice instead (and still answers q and resize). */
#define MIN_COLS 50
#define MIN_ROWS 10
/* How long a read waits before checking PRAGMA data_version (other users' changes). Nothing is
 * drawn on a timeout unless the data changed: an idle board sends no bytes. */
#define POLL_MS 700
/* ESC must act at once, not after curses' default second of waiting for a sequence. */
#define ESC_DELAY_MS 25
#define MAX_VIEWS 8

/* The line editor (every prompt) and the one-key chooser share the status line. */
struct prompt {
	int active;
	int chooser; /* one-key question */
	char label[128];
	char choices[256];
	char text[UI_EDIT_MAX]; /* UTF-8 */
	size_t len;             /* bytes in text */
	size_t max;             /* the most bytes text may hold */
	size_t cur;             /* the cursor, a byte offset at a character boundary */
	size_t first;           /* the first byte shown (horizontal scroll) */
	int pasting;            /* between the terminal's bracketed-paste marks */
	int refused;            /* Enter was refused by check: the preview says why */
	char note[128];         /* a word about the last key (the text is full), until the next */
	void (*changed)(void *ctx, const char *text);
	int (*preview)(void *ctx, const char *text, char *buf, size_t size);
	int (*check)(void *ctx, const char *text);
	void (*done)(void *ctx, const char *text, int accepted);
	void (*chosen)(void *ctx, int key);
	void *ctx;
};

static struct {
	struct db *db;
	const char *db_path;
	const struct ui_app *app;
	long today;
	struct ui_view views[MAX_VIEWS];
	int nviews;
	int dirty, quit, started;
	char message[512];
	int message_error;
	int key; /* the key being handled */
	long polled_at; /* CLOCK_MONOTONIC second of the last poll between keys */
	char note[160]; /* shown until the first key: the locale assumption */
	struct prompt prompt;
	int64_t data_version;
	int colors; /* 0 (monochrome), 8 or 256 */
	int paste_mode; /* bracketed paste was switched on */
	attr_t attr[UI_ROLE_COUNT];
	short pair[UI_ROLE_COUNT];
	SCREEN *screen;
	FILE *out, *in;
	/* the script hook */
	FILE *script;
	char script_line[1024];
	size_t script_pos;
	int script_lineno;
} ui;

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

/* ---- small helpers ----------------------------------------------------------------- */

/* Encodes one code point as UTF-8 into out (4 bytes room). Returns the bytes written. */
static size_t utf8_put(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int ui_rows(void)
{
	return LINES;
}

int ui_cols(void)
{
	return COLS;
}

const char *ui_db_path(void)
{
	return ui.db_path ? ui.db_path : "";
}

long ui_today(void)
{
	return ui.today;
}

void ui_dirty(void)
{
	ui.dirty = 1;
}

static void set_message(int error, const char *fmt, va_list ap)
{
	char raw[512];
	char *clean;

	vsnprintf(raw, sizeof raw, fmt, ap);
	clean = text_sanitize(raw, strlen(raw), 0);
	snprintf(ui.message, sizeof ui.message, "%s", clean ? clean : "");
	free(clean);
	ui.message_error = error;
	ui.dirty = 1;
}

void ui_message(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(0, fmt, ap);
	va_end(ap);
}

void ui_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(1, fmt, ap);
	va_end(ap);
}

/* ---- drawing ------------------------------------------------------------------------ */

static void role_set(enum ui_role role)
{
	attr_set(ui.attr[role], ui.pair[role], NULL);
}

/* An ASCII stand-in for a one-column character that the locale draws two columns wide: in a
 * GB18030 locale glibc (and a GB18030 terminal) make the "ambiguous" punctuation of the
 * reports wide (“ ” ‘ ’ — …), while text.c, like UTF-8 terminals, counts one. 0 if none. */
static wchar_t narrow_stand_in(uint32_t cp)
{
	switch (cp) {
	case 0x201C: case 0x201D: case 0x2033: return L'"';
	case 0x2018: case 0x2019: case 0x2032: return L'\'';
	case 0x2014: case 0x2013: case 0x2015: case 0x2500: return L'-';
	case 0x2026: case 0x00B7: case 0x2022: return L'.';
	case 0x00D7: return L'x';
	case 0x00B0: return L'o';
	case 0x2192: return L'>';
	case 0x2190: return L'<';
	default: return 0;
	}
}

/* Draws len bytes of s at (y, x), which the caller fitted with text_fit. Controls, unsafe
 * code points and invalid bytes become '?', one column, as text_width counts them (an ASCII
 * replacement, because U+FFFD is drawn two columns wide by CJK terminals). A character on
 * which the C library's wcwidth (what curses places by) disagrees with text.c becomes an
 * ASCII stand-in or '?' repeated to its width, so the two can never drift apart. Zero-width
 * characters are dropped. */
static void put_bytes(int y, int x, const char *s, size_t len)
{
	wchar_t buf[512];
	size_t n = 0, i = 0;

	move(y, x);
	while (i < len) {
		uint32_t cp;
		int w;
		i += text_decode(s + i, len - i, &cp);
		w = text_cp_width(cp);
		if (w == 0)
			continue;
		if (w < 0 || text_cp_is_unsafe(cp) || cp == 0xFFFD) {
			buf[n++] = L'?';
		} else if (wcwidth((wchar_t)cp) != w) {
			wchar_t c = w == 1 ? narrow_stand_in(cp) : 0;
			for (int k = 0; k < w; k++)
				buf[n++] = c ? c : L'?';
		} else {
			buf[n++] = (wchar_t)cp;
		}
		if (n >= sizeof buf / sizeof buf[0] - 4) {
			addnwstr(buf, (int)n);
			n = 0;
		}
	}
	if (n)
		addnwstr(buf, (int)n);
}

void ui_blank(int y, int x, int cols, enum ui_role role)
{
	static const char spaces[] = "                                                                ";

	role_set(role);
	while (cols > 0) {
		int n = cols < (int)sizeof spaces - 1 ? cols : (int)sizeof spaces - 1;
		mvaddnstr(y, x, spaces, n);
		x += n;
		cols -= n;
	}
}

int ui_field(int y, int x, int cols, const char *s, enum ui_role role, int flags)
{
	size_t len = s ? strlen(s) : 0, fit;
	int used = 0, total, marked = 0;

	if (cols <= 0)
		return 0;
	total = text_width(s ? s : "", len);
	if (total <= cols) {
		fit = len;
		used = total;
	} else if (flags & UI_NO_MARK || cols < 2) {
		fit = text_fit(s, len, cols, &used);
	} else {
		fit = text_fit(s, len, cols - 1, &used);
		marked = 1;
	}
	if (flags & UI_ALIGN_RIGHT) {
		int pad = cols - used - marked;
		ui_blank(y, x, pad, role);
		x += pad;
		role_set(role);
		put_bytes(y, x, s, fit);
		if (marked)
			mvaddch(y, x + used, '~');
		return used;
	}
	role_set(role);
	if (fit)
		put_bytes(y, x, s, fit);
	if (marked)
		mvaddch(y, x + used, '~');
	ui_blank(y, x + used + marked, cols - used - marked, role);
	return used;
}

int ui_field_mark(int y, int x, int cols, const char *s, enum ui_role role, size_t mark,
                  size_t mark_len)
{
	size_t len = s ? strlen(s) : 0;
	int before, in, rest;
	size_t b, m;

	if (!s || mark >= len || mark_len == 0 || cols <= 1)
		return ui_field(y, x, cols, s, role, 0);
	if (mark + mark_len > len)
		mark_len = len - mark;
	/* Fit the part before the match, then the match, then the rest; each piece is cut on a
	 * character boundary by text_fit, the last one marked when it is cut. */
	b = text_fit(s, mark, cols - 1, &before);
	if (b < mark) {
		return ui_field(y, x, cols, s, role, 0);
	}
	role_set(role);
	put_bytes(y, x, s, b);
	m = text_fit(s + mark, mark_len, cols - 1 - before, &in);
	role_set(UI_MATCH);
	put_bytes(y, x + before, s + mark, m);
	if (m < mark_len) {
		role_set(role);
		mvaddch(y, x + before + in, '~');
		ui_blank(y, x + before + in + 1, cols - before - in - 1, role);
		return before + in;
	}
	rest = ui_field(y, x + before + in, cols - before - in, s + mark + mark_len, role, 0);
	return before + in + rest;
}

/* ---- colours ------------------------------------------------------------------------ */

static void colors_init(void)
{
	const char *no_color = getenv("NO_COLOR");
	/* 8-colour and 256-colour foregrounds per role; -1 = terminal default. */
	static const struct {
		short c8, c256;
		attr_t attr;      /* with colour */
		attr_t mono;      /* without */
	} spec[UI_ROLE_COUNT] = {
		[UI_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
		[UI_TITLE] = {-1, -1, A_REVERSE, A_REVERSE},
		[UI_HEADER] = {-1, -1, A_BOLD, A_BOLD},
		[UI_HEADER_ON] = {-1, -1, A_REVERSE | A_BOLD, A_REVERSE | A_BOLD},
		[UI_CURSOR] = {-1, -1, A_REVERSE | A_BOLD, A_REVERSE | A_BOLD},
		/* Another pane's selection: a dimmed bar (grey on 256 colours). */
		[UI_CURSOR_OFF] = {-1, 245, A_REVERSE, A_UNDERLINE},
		[UI_OVERDUE] = {COLOR_RED, 196, A_BOLD, A_BOLD},
		[UI_MATCH] = {-1, -1, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE},
		[UI_DIM] = {-1, 245, A_NORMAL, A_NORMAL},
		[UI_LABEL] = {-1, -1, A_BOLD, A_BOLD},
		[UI_ERROR] = {COLOR_RED, 196, A_BOLD, A_BOLD | A_REVERSE},
		[UI_SOON] = {COLOR_YELLOW, 178, A_NORMAL, A_UNDERLINE},
		[UI_STATE + STATE_PENDING] = {-1, 250, A_NORMAL, A_NORMAL},
		[UI_STATE + STATE_IN_PROGRESS] = {COLOR_CYAN, 38, A_NORMAL, A_NORMAL},
		[UI_STATE + STATE_ON_SCHEDULE] = {COLOR_BLUE, 75, A_BOLD, A_NORMAL},
		[UI_STATE + STATE_BEHIND] = {COLOR_YELLOW, 214, A_BOLD, A_BOLD},
		[UI_STATE + STATE_DONE] = {COLOR_GREEN, 34, A_NORMAL, A_NORMAL},
		[UI_STATE + STATE_AWAITING_VERIFICATION] = {COLOR_MAGENTA, 170, A_BOLD, A_NORMAL},
		[UI_STATE + STATE_VERIFIED] = {COLOR_GREEN, 71, A_BOLD, A_NORMAL},
	};

	ui.colors = 0;
	if (has_colors() && !(no_color && *no_color) && start_color() == OK) {
		use_default_colors();
		ui.colors = COLORS >= 256 ? 256 : COLORS >= 8 ? 8 : 0;
	}
	for (int r = 0; r < UI_ROLE_COUNT; r++) {
		short fg = ui.colors == 256 ? spec[r].c256 : spec[r].c8;
		ui.pair[r] = 0;
		ui.attr[r] = ui.colors ? spec[r].attr : spec[r].mono;
		if (ui.colors && fg >= 0 && init_pair((short)(r + 1), fg, -1) == OK)
			ui.pair[r] = (short)(r + 1);
	}
}

/* ---- views -------------------------------------------------------------------------- */

void ui_push(const struct ui_view *view)
{
	if (ui.nviews >= MAX_VIEWS) {
		if (view->close)
			view->close(view->self);
		return;
	}
	ui.views[ui.nviews++] = *view;
	ui.dirty = 1;
}

void ui_pop(void)
{
	if (ui.nviews <= 1)
		return;
	ui.nviews--;
	if (ui.views[ui.nviews].close)
		ui.views[ui.nviews].close(ui.views[ui.nviews].self);
	ui.dirty = 1;
}

static struct ui_view *top_view(void)
{
	return &ui.views[ui.nviews - 1];
}

/* ---- prompts: the line editor ------------------------------------------------------ */

void ui_edit_open(const struct ui_edit *spec)
{
	struct prompt *p = &ui.prompt;
	size_t n;

	memset(p, 0, sizeof *p);
	p->active = 1;
	snprintf(p->label, sizeof p->label, "%s", spec->label ? spec->label : "");
	p->max = spec->max_len && spec->max_len < sizeof p->text ? spec->max_len : sizeof p->text - 1;
	/* The initial text is cut on a character boundary when it is longer than the editor
	 * holds, and sanitised like typed text: the editor only ever holds printable text. */
	{
		char *clean = text_sanitize(spec->initial ? spec->initial : "",
		                            spec->initial ? strlen(spec->initial) : 0, 0);
		n = clean ? strlen(clean) : 0;
		if (n > p->max) {
			n = p->max;
			while (n > 0 && ((unsigned char)clean[n] & 0xC0) == 0x80)
				n--;
		}
		if (clean)
			memcpy(p->text, clean, n);
		free(clean);
	}
	p->text[n] = '\0';
	p->len = p->cur = n;
	p->changed = spec->changed;
	p->preview = spec->preview;
	p->check = spec->check;
	p->done = spec->done;
	p->ctx = spec->ctx;
	ui.dirty = 1;
}

void ui_prompt(const char *label, const char *initial, void (*changed)(void *ctx, const char *text),
               void (*done)(void *ctx, const char *text, int accepted), void *ctx)
{
	ui_edit_open(&(const struct ui_edit){
		.label = label,
		.initial = initial,
		.changed = changed,
		.done = done,
		.ctx = ctx,
	});
}

void ui_choose(const char *label, const char *choices, void (*chosen)(void *ctx, int key),
               void *ctx)
{
	struct prompt *p = &ui.prompt;

	memset(p, 0, sizeof *p);
	p->active = 1;
	p->chooser = 1;
	snprintf(p->label, sizeof p->label, "%s", label);
	snprintf(p->choices, sizeof p->choices, "%s", choices);
	p->chosen = chosen;
	p->ctx = ctx;
	ui.dirty = 1;
}

/* Whether the character at byte i of s is drawn with no width (a combining mark, a zero-width
 * joiner): the cursor never stops before one, it belongs to the character it follows. */
static int zero_width_at(const char *s, size_t len, size_t i)
{
	uint32_t cp;

	if (i >= len)
		return 0;
	text_decode(s + i, len - i, &cp);
	return text_cp_width(cp) == 0;
}

/* The start of the character before byte i (with the marks that follow it). */
static size_t char_before(const char *s, size_t len, size_t i)
{
	do {
		if (i == 0)
			return 0;
		i--;
		while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
	} while (i > 0 && zero_width_at(s, len, i));
	return i;
}

/* The byte after the character at byte i (with the marks that follow it). */
static size_t char_after(const char *s, size_t len, size_t i)
{
	uint32_t cp;

	if (i >= len)
		return len;
	i += text_decode(s + i, len - i, &cp);
	while (i < len && zero_width_at(s, len, i))
		i += text_decode(s + i, len - i, &cp);
	return i;
}

/* Word classes for C-w: blanks, punctuation (ASCII and CJK), and the rest. A Chinese sentence
 * has no spaces, so C-w erases back to the last punctuation mark (，。、), not the whole line. */
static int char_class(const char *s, size_t len, size_t i)
{
	uint32_t cp;

	text_decode(s + i, len - i, &cp);
	if (cp == ' ' || cp == 0x3000)
		return 0;
	if ((cp < 0x80 && !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') && !(cp >= '0' && cp <= '9') &&
	     cp != '_') ||
	    (cp >= 0x3001 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
	    (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
	    (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0x2010 && cp <= 0x2027))
		return 1;
	return 2;
}

/* Removes bytes [from, to) of the text; the cursor goes to from. */
static void edit_cut(struct prompt *p, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(p->text + from, p->text + to, p->len - to + 1);
	p->len -= to - from;
	p->cur = from;
}

/* Inserts code point cp at the cursor: printable text only (a tab or a pasted line break
 * becomes a space), never past max bytes. Returns 1 if inserted. */
static int edit_insert(struct prompt *p, int key)
{
	char enc[4];
	size_t n;
	uint32_t cp;

	if (key == KEYS_TAB || key == KEYS_ENTER || key == '\n' || key == '\r')
		key = ' ';
	if (key < 0x20 || key >= 0x110000)
		return 0;
	cp = (uint32_t)key;
	if (text_cp_width(cp) < 0 || text_cp_is_unsafe(cp) || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	n = utf8_put(cp, enc);
	if (p->len + n > p->max) {
		/* Said above the editor: the status line is the editor itself. */
		snprintf(p->note, sizeof p->note, tr("输入已到上限（%zu 字节）"), p->max);
		return 0;
	}
	memmove(p->text + p->cur + n, p->text + p->cur, p->len - p->cur + 1);
	memcpy(p->text + p->cur, enc, n);
	p->len += n;
	p->cur += n;
	return 1;
}

static void prompt_key(int key)
{
	struct prompt *p = &ui.prompt;
	enum action a;
	size_t before = p->len, i;
	char old[UI_EDIT_MAX];
	int changed;

	ui.dirty = 1;
	if (p->chooser) {
		p->active = 0;
		p->chosen(p->ctx, key);
		return;
	}
	/* A paste arrives between the terminal's bracketed-paste marks: everything in it is
	 * text (a line break is not Enter, an Esc is not cancel). */
	if (key == KEYS_PASTE_BEGIN || key == KEYS_PASTE_END) {
		p->pasting = key == KEYS_PASTE_BEGIN;
		return;
	}
	memcpy(old, p->text, p->len + 1);
	p->note[0] = '\0';
	a = p->pasting ? ACT_NONE : keys_lookup(KEYS_PROMPT, key);
	switch (a) {
	case ACT_ACCEPT:
		if (p->check && p->check(p->ctx, p->text) < 0) {
			p->refused = 1;
			return;
		}
		/* fall through */
	case ACT_CANCEL:
		p->active = 0;
		/* The text is copied: done may open the next prompt over this one. */
		memcpy(old, p->text, p->len + 1);
		p->done(p->ctx, old, a == ACT_ACCEPT);
		return;
	case ACT_ERASE:
		edit_cut(p, char_before(p->text, p->len, p->cur), p->cur);
		break;
	case ACT_DELETE:
		edit_cut(p, p->cur, char_after(p->text, p->len, p->cur));
		break;
	case ACT_ERASE_WORD:
		/* Blanks and punctuation just before the cursor go with the word before them. */
		i = p->cur;
		while (i > 0 && char_class(p->text, p->len, char_before(p->text, p->len, i)) != 2)
			i = char_before(p->text, p->len, i);
		while (i > 0 && char_class(p->text, p->len, char_before(p->text, p->len, i)) == 2)
			i = char_before(p->text, p->len, i);
		edit_cut(p, i, p->cur);
		break;
	case ACT_KILL_LINE:
		edit_cut(p, 0, p->cur);
		break;
	case ACT_KILL_END:
		p->text[p->cur] = '\0';
		p->len = p->cur;
		break;
	case ACT_CHAR_LEFT:
		p->cur = char_before(p->text, p->len, p->cur);
		break;
	case ACT_CHAR_RIGHT:
		p->cur = char_after(p->text, p->len, p->cur);
		break;
	case ACT_LINE_START:
		p->cur = 0;
		break;
	case ACT_LINE_END:
		p->cur = p->len;
		break;
	default:
		edit_insert(p, key);
		break;
	}
	p->text[p->len] = '\0';
	changed = p->len != before || memcmp(old, p->text, p->len) != 0;
	if (changed)
		p->refused = 0;
	if (changed && p->changed)
		p->changed(p->ctx, p->text);
}

/* Draws the editor in cols columns from column x of row y and places the cursor. The text
 * scrolls sideways by whole characters to keep the cursor in view: '<' marks text hidden on
 * the left, '>' on the right, and a double-width character is never cut at either edge. */
static void draw_editor(int y, int x, int cols)
{
	struct prompt *p = &ui.prompt;
	int room, left_mark, used, cursor_x;
	size_t fit;

	if (cols < 3) {
		move(y, COLS - 1);
		return;
	}
	if (p->first > p->cur)
		p->first = p->cur;
	/* Bring text back from the left while everything from there to the end fits (with the
	 * cursor's column, and the '<' mark unless it starts at the beginning). */
	while (p->first > 0) {
		size_t prev = char_before(p->text, p->len, p->first);
		if (text_width(p->text + prev, p->len - prev) > cols - 1 - (prev > 0))
			break;
		p->first = prev;
	}
	for (;;) {
		left_mark = p->first > 0;
		room = cols - left_mark - 1; /* one column for the cursor or the right mark */
		if (text_width(p->text + p->first, p->cur - p->first) <= room || p->first >= p->cur)
			break;
		p->first = char_after(p->text, p->len, p->first);
	}
	if (left_mark)
		ui_field(y, x, 1, "<", UI_DIM, UI_NO_MARK);
	fit = text_fit(p->text + p->first, p->len - p->first, room + 1, &used);
	if (p->first + fit < p->len) {
		/* More on the right: keep the last column for the mark. */
		fit = text_fit(p->text + p->first, p->len - p->first, room, &used);
		{
			char shown[UI_EDIT_MAX];
			memcpy(shown, p->text + p->first, fit);
			shown[fit] = '\0';
			ui_field(y, x + left_mark, room, shown, UI_NORMAL, UI_NO_MARK);
		}
		ui_field(y, x + left_mark + room, 1, ">", UI_DIM, UI_NO_MARK);
	} else {
		ui_field(y, x + left_mark, cols - left_mark, p->text + p->first, UI_NORMAL, UI_NO_MARK);
	}
	cursor_x = x + left_mark + text_width(p->text + p->first, p->cur - p->first);
	move(y, cursor_x < COLS ? cursor_x : COLS - 1);
}

/* The live reading shown above the editor (the deadline as understood, a count …). */
static void draw_preview(int y)
{
	struct prompt *p = &ui.prompt;
	char buf[512];
	int role;

	if (p->chooser || y < 1)
		return;
	if (p->note[0]) {
		ui_field(y, 0, COLS, p->note, UI_ERROR, 0);
		return;
	}
	if (!p->preview)
		return;
	buf[0] = '\0';
	role = p->preview(p->ctx, p->text, buf, sizeof buf);
	if (p->refused) {
		char line[600];
		snprintf(line, sizeof line, "%s%s", tr("不能保存："), buf);
		ui_field(y, 0, COLS, line, UI_ERROR, 0);
		return;
	}
	ui_field(y, 0, COLS, buf, role >= 0 && role < UI_ROLE_COUNT ? (enum ui_role)role : UI_NORMAL,
	         0);
}

/* ---- the screen --------------------------------------------------------------------- */

static int too_small(void)
{
	return LINES < MIN_ROWS || COLS < MIN_COLS;
}

/* The hint: its keys ("/ 搜索", separated by two spaces) in order while they fit whole, so
 * that a narrow screen shows the first (most useful) ones and never half a key. */
static void draw_hint(int y, int cols, const char *hint)
{
	char buf[512];
	size_t len = 0;
	const char *p = hint ? hint : "";

	buf[0] = '\0';
	while (*p) {
		const char *end = strstr(p, "  ");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (len + (len ? 2 : 0) + n + 1 > sizeof buf)
			break;
		if (text_width(buf, len) + (len ? 2 : 0) + text_width(p, n) > cols)
			break;
		if (len) {
			memcpy(buf + len, "  ", 2);
			len += 2;
		}
		memcpy(buf + len, p, n);
		len += n;
		buf[len] = '\0';
		p += n;
		while (*p == ' ')
			p++;
	}
	ui_field(y, 0, cols, buf, UI_DIM, 0);
}

static void draw_status(int y)
{
	struct ui_view *v = top_view();
	char right[128] = "";
	int rw;

	if (ui.prompt.active) {
		struct prompt *p = &ui.prompt;
		int lw = ui_field(y, 0, COLS, p->label, UI_LABEL, UI_NO_MARK);
		if (p->chooser) {
			ui_field(y, lw, COLS - lw, p->choices, UI_NORMAL, 0);
			return;
		}
		draw_editor(y, lw, COLS - lw);
		return;
	}
	if (v->status)
		v->status(v->self, right, sizeof right);
	rw = text_width(right, strlen(right));
	if (rw > COLS / 2)
		rw = 0;
	if (ui.message[0])
		ui_field(y, 0, COLS - rw - 1, ui.message, ui.message_error ? UI_ERROR : UI_NORMAL, 0);
	else if (ui.note[0])
		ui_field(y, 0, COLS - rw - 1, ui.note, UI_ERROR, 0);
	else
		draw_hint(y, COLS - rw - 1, v->hint);
	ui_blank(y, COLS - rw - 1, 1, UI_NORMAL);
	if (rw)
		ui_field(y, COLS - rw, rw, right, UI_NORMAL, UI_ALIGN_RIGHT);
}

static void draw_title(void)
{
	struct ui_view *v = top_view();
	char title[512] = "", right[64], iso[16];
	int rw;

	if (v->title)
		v->title(v->self, title, sizeof title);
	snprintf(right, sizeof right, tr(" 今天 %s "), date_format_iso(ui.today, iso));
	rw = text_width(right, strlen(right));
	if (rw > COLS / 3)
		rw = 0;
	ui_field(0, 0, COLS - rw, title, UI_TITLE, 0);
	if (rw)
		ui_field(0, COLS - rw, rw, right, UI_TITLE, 0);
}

static void draw(void)
{
	erase();
	if (too_small()) {
		char msg[128];
		snprintf(msg, sizeof msg, tr("窗口太小，至少要 %dx%d；q 退出 (window too small, q quits)"),
		         MIN_COLS, MIN_ROWS);
		ui_field(0, 0, COLS, msg, UI_NORMAL, 0);
		curs_set(0);
	} else {
		struct ui_view *v = top_view();
		draw_title();
		v->draw(v->self, 1, LINES - 2, COLS);
		if (ui.prompt.active)
			draw_preview(LINES - 2);
		draw_status(LINES - 1);
		/* The cursor is shown only in a prompt; elsewhere leaveok spares the bytes of
		 * moving it after every update. */
		if (ui.prompt.active && !ui.prompt.chooser) {
			int y, x;
			getyx(stdscr, y, x);
			leaveok(stdscr, FALSE);
			curs_set(1);
			move(y, x);
		} else {
			leaveok(stdscr, TRUE);
			curs_set(0);
		}
	}
	role_set(UI_NORMAL);
	wnoutrefresh(stdscr);
	doupdate();
	ui.dirty = 0;
}

/* ---- input -------------------------------------------------------------------------- */

/* Key codes curses returns for the bracketed-paste marks (define_key in start_curses). */
#define CODE_PASTE_BEGIN (KEY_MAX + 1)
#define CODE_PASTE_END (KEY_MAX + 2)

static int map_function_key(wint_t k)
{
	switch (k) {
	case CODE_PASTE_BEGIN: return KEYS_PASTE_BEGIN;
	case CODE_PASTE_END: return KEYS_PASTE_END;
	case KEY_UP: return KEYS_UP;
	case KEY_DOWN: return KEYS_DOWN;
	case KEY_LEFT: return KEYS_LEFT;
	case KEY_RIGHT: return KEYS_RIGHT;
	case KEY_PPAGE: return KEYS_PGUP;
	case KEY_NPAGE: return KEYS_PGDN;
	case KEY_HOME: return KEYS_HOME;
	case KEY_END: return KEYS_END;
	case KEY_ENTER: return KEYS_ENTER;
	case KEY_BACKSPACE: return KEYS_BACKSPACE;
	case KEY_BTAB: return KEYS_BTAB;
	case KEY_DC: return KEYS_DELETE;
	case KEY_RESIZE: return KEYS_RESIZE;
	default: return 0;
	}
}

static int map_char(wint_t c)
{
	if (c == '\r' || c == '\n')
		return KEYS_ENTER;
	if (c == 127 || c == 8)
		return KEYS_BACKSPACE;
	return (int)c;
}

/* Whether the terminal has gone (the pty closed, the SSH connection dropped without a
 * SIGHUP): then every read fails at once, and the loop must end instead of spinning. */
static int terminal_gone(void)
{
	struct pollfd pfd;

	pfd.fd = fileno(ui.in);
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (poll(&pfd, 1, 0) < 0)
		return errno != EINTR;
	return (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/* Reads a key from the terminal. Returns 1 with *key set, 0 on timeout, -1 when the
 * terminal is gone. */
static int terminal_key(int *key)
{
	wint_t c;
	int rc = wget_wch(stdscr, &c);

	if (rc == ERR)
		return terminal_gone() ? -1 : 0;
	*key = rc == KEY_CODE_YES ? map_function_key(c) : map_char(c);
	return *key != 0;
}

/* ---- the script hook (screen tests) ------------------------------------------------- */

static const struct {
	const char *name;
	int key;
} script_keys[] = {
	{"Enter", KEYS_ENTER}, {"Esc", KEYS_ESC},       {"Tab", KEYS_TAB},     {"S-Tab", KEYS_BTAB},
	{"BS", KEYS_BACKSPACE}, {"Up", KEYS_UP},         {"Down", KEYS_DOWN},   {"Left", KEYS_LEFT},
	{"Right", KEYS_RIGHT}, {"PgUp", KEYS_PGUP},     {"PgDn", KEYS_PGDN},   {"Home", KEYS_HOME},
	{"End", KEYS_END},     {"Space", ' '},          {"Del", KEYS_DELETE},  {"lt", '<'},
	{"Paste", KEYS_PASTE_BEGIN}, {"/Paste", KEYS_PASTE_END},
};

static int script_fail(const char *what)
{
	ui_error("script line %d: %s", ui.script_lineno, what);
	return -1;
}

/* Writes the screen as text: one line per row, trailing blanks removed. With attrs, each row
 * that has anything but plain cells is followed by "@ [from,to) attributes" runs, so colour,
 * reverse and bold can be checked as text too. */
static int dump_screen(const char *path, int attrs)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return script_fail("cannot write the dump file");
	for (int y = 0; y < LINES; y++) {
		char line[4096];
		size_t len = 0, keep = 0;
		char runs[2048];
		size_t rlen = 0;
		int run_start = -1;
		attr_t run_attr = 0;
		short run_pair = 0;

		runs[0] = '\0';
		for (int x = 0; x <= COLS; x++) {
			cchar_t cc;
			wchar_t wch[CCHARW_MAX + 1] = {0};
			attr_t a = 0;
			short pair = 0;
			int w = 1;

			if (x < COLS) {
				mvwin_wch(stdscr, y, x, &cc);
				getcchar(&cc, wch, &a, &pair, NULL);
				a &= (A_REVERSE | A_BOLD | A_UNDERLINE | A_DIM | A_STANDOUT);
				/* curses placed the character by wcwidth; step over its other cells. */
				w = wch[0] ? wcwidth(wch[0]) : 1;
				if (w < 1)
					w = 1;
				if (len + 8 < sizeof line) {
					len += utf8_put(wch[0] ? (uint32_t)wch[0] : ' ', line + len);
					if (wch[0] && wch[0] != L' ')
						keep = len;
				}
			}
			if (attrs && (x == COLS || a != run_attr || pair != run_pair)) {
				if (run_start >= 0 && (run_attr || run_pair) && rlen + 96 < sizeof runs) {
					short fg = -1, bg = -1;
					if (run_pair)
						pair_content(run_pair, &fg, &bg);
					rlen += (size_t)snprintf(runs + rlen, sizeof runs - rlen,
					                         " [%d,%d)%s%s%s%s", run_start, x,
					                         run_attr & A_REVERSE ? " reverse" : "",
					                         run_attr & A_BOLD ? " bold" : "",
					                         run_attr & A_UNDERLINE ? " underline" : "",
					                         run_attr & A_DIM ? " dim" : "");
					if (run_pair)
						rlen += (size_t)snprintf(runs + rlen, sizeof runs - rlen, " fg=%d",
						                         fg);
				}
				run_start = x;
				run_attr = a;
				run_pair = pair;
			}
			x += w - 1;
		}
		line[keep] = '\0';
		fprintf(f, "%s\n", line);
		if (attrs && rlen)
			fprintf(f, "@%s\n", runs);
	}
	if (fclose(f) != 0)
		return script_fail("cannot write the dump file");
	return 0;
}

/* ":as USER ID FIELD VALUE [-- REASON]": another user's edit, made meanwhile on a connection
 * of its own (as another duban process would: PRAGMA data_version changes, and a save based on
 * the version before it conflicts), for the conflict and undo screen tests. */
static int script_as(const char *args)
{
	char user[64], field[32], value[512], err[256];
	const char *reason = NULL;
	long long id;
	int off = 0, rc;
	struct db *other;
	struct db_item it;
	struct db_edit e;
	char *sep;

	if (sscanf(args, "%63s %lld %31s %n", user, &id, field, &off) < 3 || off == 0)
		return script_fail("use :as USER ID FIELD VALUE [-- REASON]");
	snprintf(value, sizeof value, "%s", args + off);
	if ((sep = strstr(value, " -- ")) != NULL) {
		*sep = '\0';
		reason = sep + 4;
	}
	if (db_open(ui.db_path, user, &other, err, sizeof err) < 0)
		return script_fail(err);
	rc = db_item_get(other, id, 0, &it);
	if (rc == 0) {
		e.field = field;
		e.value = value;
		e.reason = reason;
		rc = db_item_edit(other, id, it.version, &e);
		db_item_free(&it);
	}
	if (rc != 0) {
		snprintf(err, sizeof err, ":as: %s", db_errmsg(other));
		db_close(other);
		return script_fail(err);
	}
	db_close(other);
	return 0;
}

static int script_command(const char *cmd)
{
	if (ui.dirty)
		draw();
	if (strncmp(cmd, ":dump ", 6) == 0)
		return dump_screen(cmd + 6, 0);
	if (strncmp(cmd, ":dumpattr ", 10) == 0)
		return dump_screen(cmd + 10, 1);
	if (strncmp(cmd, ":keys ", 6) == 0) {
		FILE *f = fopen(cmd + 6, "w");
		int rc;
		if (!f)
			return script_fail("cannot write the keys file");
		rc = keys_write_mdoc(f);
		return fclose(f) == 0 && rc == 0 ? 0 : script_fail("cannot write the keys file");
	}
	if (strncmp(cmd, ":resize ", 8) == 0) {
		int cols, rows;
		if (sscanf(cmd + 8, "%dx%d", &cols, &rows) != 2 || cols < 1 || rows < 1 ||
		    cols > 1000 || rows > 500)
			return script_fail("use :resize COLSxROWS");
		resize_term(rows, cols);
		ui.dirty = 1;
		return 0;
	}
	if (strcmp(cmd, ":poll") == 0)
		return 1; /* the caller polls data_version now */
	if (strncmp(cmd, ":as ", 4) == 0)
		return script_as(cmd + 4);
	return script_fail("unknown command");
}

/* Next key from the script. Returns 1 with *key, 0 for ":poll", -1 at the end. */
static int script_key(int *key)
{
	for (;;) {
		char *line = ui.script_line;
		if (line[ui.script_pos]) {
			const char *s = line + ui.script_pos;
			if (*s == '<') {
				const char *end = strchr(s, '>');
				size_t n = end ? (size_t)(end - s - 1) : 0;
				for (size_t i = 0; end && i < sizeof script_keys / sizeof script_keys[0]; i++)
					if (strlen(script_keys[i].name) == n &&
					    strncmp(s + 1, script_keys[i].name, n) == 0) {
						ui.script_pos += n + 2;
						*key = script_keys[i].key;
						return 1;
					}
				if (end && n == 3 && s[1] == 'C' && s[2] == '-' && s[3] >= 'a' && s[3] <= 'z') {
					ui.script_pos += 5;
					*key = s[3] & 0x1f;
					return 1;
				}
			}
			{
				uint32_t cp;
				ui.script_pos += text_decode(s, strlen(s), &cp);
				*key = (int)cp;
				return 1;
			}
		}
		if (!fgets(ui.script_line, sizeof ui.script_line, ui.script))
			return -1;
		ui.script_lineno++;
		ui.script_pos = 0;
		ui.script_line[strcspn(ui.script_line, "\r\n")] = '\0';
		if (ui.script_line[0] == '#') {
			ui.script_line[0] = '\0';
		} else if (ui.script_line[0] == ':') {
			int rc = script_command(ui.script_line);
			ui.script_line[0] = '\0';
			if (rc == 1)
				return 0;
			if (rc < 0)
				return -1;
		}
	}
}

/* ---- the loop ----------------------------------------------------------------------- */

/* Checks for other users' changes (and a new day): reloads every view when there are any.
 * Costs one PRAGMA; draws nothing when nothing changed. */
static void poll_changes(void)
{
	int64_t v;
	long today = date_today();

	for (int i = 0; i < ui.nviews; i++)
		if (ui.views[i].idle)
			ui.views[i].idle(ui.views[i].self);

	if (db_board_data_version(ui.db, &v) < 0)
		return;
	if (v == ui.data_version && today == ui.today)
		return;
	ui.data_version = v;
	ui.today = today;
	for (int i = 0; i < ui.nviews; i++)
		if (ui.views[i].reload)
			ui.views[i].reload(ui.views[i].self);
	ui.dirty = 1;
}

int ui_key(void)
{
	return ui.key;
}

void ui_changed(void)
{
	/* Our own commits do not change PRAGMA data_version (only other connections' do), so
	 * the reload is asked for here; the stored version stays valid. */
	for (int i = 0; i < ui.nviews; i++)
		if (ui.views[i].reload)
			ui.views[i].reload(ui.views[i].self);
	ui.dirty = 1;
}

static void dispatch(int key)
{
	struct ui_view *v;
	enum action a;

	ui.key = key;
	if (key == KEYS_RESIZE) {
		ui.dirty = 1;
		return;
	}
	if (ui.note[0]) {
		ui.note[0] = '\0';
		ui.dirty = 1;
	}
	if (ui.message[0]) {
		ui.message[0] = '\0';
		ui.dirty = 1;
	}
	if (too_small()) {
		a = keys_lookup(KEYS_GLOBAL, key);
		if (a == ACT_CLOSE || a == ACT_QUIT)
			ui.quit = 1;
		else if (a == ACT_REDRAW)
			clearok(curscr, TRUE);
		ui.dirty = 1;
		return;
	}
	if (ui.prompt.active) {
		prompt_key(key);
		return;
	}
	v = top_view();
	a = keys_lookup(v->keys, key);
	if (a == ACT_NONE) {
		char name[16];
		ui_message(tr("%s: 没有这个键，? 看帮助 (no such key, ? for help)"), keys_name(key, name));
		return;
	}
	if (v->act && v->act(v->self, a)) {
		ui.dirty = 1;
		return;
	}
	switch (a) {
	case ACT_HELP:
		if (v->keys != KEYS_GLOBAL) {
			struct ui_view help;
			if (ui.app && ui.app->open_help && ui.app->open_help(&help) == 0)
				ui_push(&help);
		}
		break;
	case ACT_CLOSE:
	case ACT_CANCEL:
		if (ui.nviews > 1)
			ui_pop();
		else if (a == ACT_CLOSE)
			ui.quit = 1;
		break;
	case ACT_QUIT:
		ui.quit = 1;
		break;
	case ACT_REDRAW:
		/* The only full repaint: the user asked for it. */
		clearok(curscr, TRUE);
		ui.dirty = 1;
		break;
	default:
		break;
	}
}

static void run(void)
{
	while (!ui.quit && !got_signal) {
		int key, rc;

		if (ui.dirty)
			draw();
		if (ui.script) {
			rc = script_key(&key);
			if (rc < 0)
				break;
			if (rc == 0) {
				poll_changes();
				continue;
			}
		} else {
			rc = terminal_key(&key);
			if (got_signal || rc < 0)
				break;
			if (rc == 0) {
				poll_changes();
				continue;
			}
		}
		dispatch(key);
		/* A user who keeps typing never lets the read time out: look for other users'
		 * changes between keys too, at most once a second (the script polls on :poll). */
		if (!ui.script) {
			struct timespec now;
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec != ui.polled_at) {
				ui.polled_at = now.tv_sec;
				poll_changes();
			}
		}
	}
}

/* ---- setup and teardown ------------------------------------------------------------- */

/* Restores the terminal; safe to call twice (atexit and the normal path). */
static void teardown(void)
{
	if (!ui.started)
		return;
	ui.started = 0;
	while (ui.nviews > 0) {
		ui.nviews--;
		if (ui.views[ui.nviews].close)
			ui.views[ui.nviews].close(ui.views[ui.nviews].self);
	}
	if (ui.paste_mode && ui.out) {
		/* Bracketed paste off again: the shell after us did not ask for it. */
		fputs("\033[?2004l", ui.out);
		fflush(ui.out);
		ui.paste_mode = 0;
	}
	if (!isendwin())
		endwin();
	delscreen(ui.screen);
	ui.screen = NULL;
	if (ui.out && ui.out != stdout)
		fclose(ui.out);
	if (ui.in && ui.in != stdin)
		fclose(ui.in);
	ui.out = ui.in = NULL;
}

static void teardown_at_exit(void)
{
	teardown();
}

/* Whether the locale can show Chinese. In C/POSIX (an SSH client that sends no LANG) a UTF-8
 * terminal is assumed and said so. Returns 0, or -1 with a message printed. */
static int locale_check(void)
{
	const char *cs = nl_langinfo(CODESET);
	static const char *const ok[] = {"UTF-8", "utf8", "GB18030", "GBK", "GB2312", "EUC-CN"};

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (strcasecmp(cs, ok[i]) == 0)
			return 0;
	if (strcmp(cs, "ANSI_X3.4-1968") == 0 || strcmp(cs, "US-ASCII") == 0 ||
	    strcmp(cs, "ASCII") == 0) {
		static const char *const utf8[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8", "zh_CN.UTF-8"};
		for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0]; i++)
			if (setlocale(LC_CTYPE, utf8[i])) {
				snprintf(ui.note, sizeof ui.note,
				         "LANG is C: assuming a UTF-8 terminal (set LANG=C.UTF-8 to say so)");
				return 0;
			}
		fputs("duban: the locale is C and no UTF-8 locale is installed, so Chinese cannot be "
		      "shown; install one (apt-get install locales-all) and set LANG=C.UTF-8\n",
		      stderr);
		return -1;
	}
	fprintf(stderr, "duban: the locale's character set %s cannot show Chinese; "
	                "set LANG to a UTF-8 or GB18030 locale, e.g. LANG=C.UTF-8\n",
	        cs);
	return -1;
}

/* Whether TERM names a terminal that can address the cursor. Checked with setupterm before
 * curses starts, so a bad TERM never leaves the terminal half set up. */
static int term_check(const char *term, int fd)
{
	int err = 0;
	char *cup;

	if (!term || !*term) {
		fputs("duban: TERM is not set; set it to your terminal type, "
		      "e.g. TERM=xterm-256color\n", stderr);
		return -1;
	}
	if (setupterm((char *)term, fd, &err) != OK) {
		fprintf(stderr, "duban: unknown terminal type '%s'; set TERM to your terminal "
		                "type, e.g. TERM=xterm-256color (or install ncurses-term)\n",
		        term);
		return -1;
	}
	cup = tigetstr("cup");
	if (!cup || cup == (char *)-1) {
		del_curterm(cur_term);
		fprintf(stderr, "duban: terminal type '%s' cannot move the cursor, which the board "
		                "needs; set TERM to your terminal type, e.g. TERM=xterm-256color, "
		                "or use 'duban list'\n",
		        term);
		return -1;
	}
	del_curterm(cur_term);
	return 0;
}

/* Bracketed paste (xterm's mode 2004): the terminal wraps a paste in ESC [200~ … ESC [201~,
 * so a pasted line break is text, not Enter. Switched on for terminals that know it (the
 * terminfo BE capability, or an xterm-like TERM); curses is told the two marks as keys.
 * Not in script mode: the screen tests type <Paste> themselves. */
static void paste_init(const char *term)
{
	char *be = tigetstr("BE");
	int known = be && be != (char *)-1;

	if (ui.script)
		return;
	if (!known)
		known = strncmp(term, "xterm", 5) == 0 || strncmp(term, "tmux", 4) == 0 ||
		        strncmp(term, "screen", 6) == 0 || strncmp(term, "rxvt", 4) == 0 ||
		        strncmp(term, "alacritty", 9) == 0 || strncmp(term, "foot", 4) == 0 ||
		        strncmp(term, "kitty", 5) == 0;
	if (!known)
		return;
	define_key("\033[200~", CODE_PASTE_BEGIN);
	define_key("\033[201~", CODE_PASTE_END);
	fputs("\033[?2004h", ui.out);
	fflush(ui.out);
	ui.paste_mode = 1;
}

static int start_curses(const char *term)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal ends the blocking read, the loop sees the flag. Installed
	 * before curses, which then leaves these signals to us. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	ui.screen = newterm(term, ui.out, ui.in);
	if (!ui.screen) {
		fprintf(stderr, "duban: cannot start the terminal '%s'\n", term);
		return -1;
	}
	ui.started = 1;
	atexit(teardown_at_exit);
	set_escdelay(ESC_DELAY_MS);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	/* No scrolling regions or line insertion: the board's panes sit side by side, and a
	 * scroll of one pane must not cost a full-width terminal scroll. */
	idlok(stdscr, FALSE);
	scrollok(stdscr, FALSE);
	leaveok(stdscr, TRUE);
	curs_set(0);
	wtimeout(stdscr, POLL_MS);
	colors_init();
	paste_init(term);
	return 0;
}

int ui_run(struct db *db, const char *db_path, int argc, char **argv, const struct ui_app *app)
{
	const char *script = getenv("DUBAN_SCRIPT");
	const char *term = getenv("TERM");
	struct ui_view board;
	char err[512];
	int rc = 0;

	if (argc > 0) {
		fprintf(stderr, "duban: board takes no arguments (got '%s')\n", argv[0]);
		return 2;
	}
	memset(&ui, 0, sizeof ui);
	ui.app = app;
	ui.db = db;
	ui.db_path = db_path;
	ui.today = date_today();
	if (locale_check() < 0)
		return 2;
	if (script && *script) {
		if (!(ui.script = fopen(script, "r"))) {
			fprintf(stderr, "duban: cannot read DUBAN_SCRIPT %s: %s\n", script,
			        strerror(errno));
			return 2;
		}
		ui.out = fopen("/dev/null", "w");
		ui.in = fopen("/dev/null", "r");
		if (!ui.out || !ui.in) {
			fputs("duban: cannot open /dev/null\n", stderr);
			return 2;
		}
	} else {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			fputs("duban: the board needs a terminal; use 'duban list' or 'duban export' "
			      "for a pipe or a file\n", stderr);
			return 2;
		}
		ui.out = stdout;
		ui.in = stdin;
	}
	if (term_check(term, fileno(ui.out)) < 0) {
		rc = 2;
		goto out;
	}
	if (start_curses(term) < 0) {
		rc = 2;
		goto out;
	}
	if (db_board_data_version(db, &ui.data_version) < 0) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", db_errmsg(db));
		teardown();
		fprintf(stderr, "duban: %s\n", msg);
		rc = 1;
		goto out;
	}
	if (app->open_first(db, &board, err, sizeof err) < 0) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", err);
		teardown();
		fprintf(stderr, "duban: %s\n", msg);
		rc = 1;
		goto out;
	}
	ui_push(&board);
	ui.dirty = 1;
	run();
	teardown();
	if (got_signal)
		rc = 128 + got_signal;
out:
	if (ui.script)
		fclose(ui.script);
	if (ui.out && ui.out != stdout)
		fclose(ui.out);
	if (ui.in && ui.in != stdin)
		fclose(ui.in);
	ui.script = NULL;
	ui.out = ui.in = NULL;
	return rc;
}
