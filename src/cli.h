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

/* Prints "duban: <message>" and one hint line to stderr; returns 2 (the usage exit code). */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "duban: <message>" to stderr (sanitised); returns 1 (the failure exit code). */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The user recorded in history: DUBAN_USER when set (tests), else the login name. */
const char *cli_user(void);

#endif
