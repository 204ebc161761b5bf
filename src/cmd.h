/* cmd.h — the subcommands that live in their own cmd_*.c files, for main.c's command table.
 * Each takes the open database and the arguments after its name, prints through cli.h, and
 * returns the exit code: 0, 1 (refused or failed, reason on stderr) or 2 (usage). */
#ifndef DUBAN_CMD_H
#define DUBAN_CMD_H

#include <stddef.h>

struct db;

/* duban import [--encoding ENC] [--gazetteer FILE] FILE... | - (cmd_import.c). Parses every
 * file before writing any; a file that cannot be read or parsed means nothing is imported. */
int cmd_import(struct db *db, int argc, char **argv);

/* duban list [--region NAME] [--state S] [--overdue] [--due-within N] [--unit TEXT]
 * (cmd_list.c): a header row, then one line per matching item. */
int cmd_list(struct db *db, int argc, char **argv);

/* duban show ID (cmd_show.c): one item in full, as the board's item page. */
int cmd_show(struct db *db, int argc, char **argv);

/* duban export [--format json|csv] [--bom] [--encoding ENC] [-o FILE] (cmd_export.c). */
int cmd_export(struct db *db, int argc, char **argv);

/* duban check (cmd_check.c): SQLite's integrity check and the history's hash chain; names
 * the first history row that does not verify and exits 1. */
int cmd_check(struct db *db, int argc, char **argv);

/* Splits "a/b/c" (also "a b c" or "a>b>c") in place into at most max names; returns the count.
 * Shared by import (gazetteer lines) and region add (cmd_import.c). */
size_t cmd_split_path(char *line, char **names, size_t max);

/* The edits without the board (cmd_edit.c); each accepts several IDs, prints what changed,
 * and returns 0, 1 (refused or failed: the reason on stderr) or 2 (usage). set and verify
 * change all their items in one transaction, all or nothing.
 * duban set ID... --deadline TEXT [--reason TEXT] | --state NAME */
int cmd_set(struct db *db, int argc, char **argv);
/* duban note ID... TEXT */
int cmd_note(struct db *db, int argc, char **argv);
/* duban verify ID... [--date D] [--opinion TEXT] */
int cmd_verify(struct db *db, int argc, char **argv);
/* duban unverify ID... --reason TEXT */
int cmd_unverify(struct db *db, int argc, char **argv);
/* duban undo ID...: undoes the user's own last change to each item. */
int cmd_undo(struct db *db, int argc, char **argv);
/* duban history [ID...] [--since YYYY-MM-DD] [--user NAME]: newest first. */
int cmd_history(struct db *db, int argc, char **argv);
/* duban print [--notice ID] [--region NAME] [--state S,...] [--overdue] [--limit N]
 * [--days N] [--issuer UNIT] [--format pdf|text] [--encoding gb18030] [-o FILE|-]
 * [--to lp[:QUEUE]|terminal] (cmd_print.c): the summary page or a verification notice. */
int cmd_print(struct db *db, int argc, char **argv);

#endif
