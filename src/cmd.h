/* cmd.h — the subcommands that live in their own cmd_*.c files, for main.c's command table.
 * Each takes the open database and the arguments after its name, prints through cli.h, and
 * returns the exit code: 0, 1 (refused or failed, reason on stderr) or 2 (usage). */
#ifndef DUBAN_CMD_H
#define DUBAN_CMD_H

struct db;

#endif
