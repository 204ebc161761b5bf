/* cli.h — what the subcommands (main.c, cmd_*.c) share: writing to stdout/stderr through the
 * one output sanitiser, usage errors, the current user. Only subcommands include it; the board
 * writes through curses (ui.c) and model code never prints. */
#ifndef DUBAN_CLI_H
#define DUBAN_CLI_H

#include <stdio.h>

/* Writes UTF-8 text s (any bytes, NULL writes nothing) to out: sanitised (no byte of stored
 * text reaches a terminal as a control sequence: see text_sanitize; newlines kept, tabs kept
 * as spaces), then converted to the locale's codeset when that is not UTF-8 (GB18030
 * terminals). Every stored or user-given string a subcommand prints goes through here. */
void cli_put(FILE *out, const char *s);

/* printf into a buffer, then cli_put: values formatted in may be stored text. */
void cli_printf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A name the user gave (a file path, an option): as cli_put, newlines made spaces. */
void cli_put_name(FILE *out, const char *name);

enum { CLI_CELL_RIGHT = 1, CLI_CELL_NO_PAD = 2 };

/* Writes s (stored text, NULL as empty) as one cell of cols terminal columns: sanitised as by
 * cli_put_name, cut on a character boundary with '~' as the last column when it does not fit
 * (the board's cut mark; a double-width character is never split), then padded with spaces
 * to cols (before the text with CLI_CELL_RIGHT; not at all with CLI_CELL_NO_PAD, for a last
 * column). cols 0 writes the whole text. Returns the columns written. */
int cli_put_cell(FILE *out, const char *s, int cols, int flags);

/* Display width of s once sanitised: what cli_put_cell would take uncut. */
int cli_width(const char *s);

/* Prints "duban: <message>" and one hint line to stderr; returns 2 (the usage exit code). */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "duban: <message>" to stderr (sanitised); returns 1 (the failure exit code). */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The user recorded in history: DUBAN_USER when set (tests), else the login name. */
const char *cli_user(void);

#endif
