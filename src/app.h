/* app.h — the board application: which screen opens first (the board) and which one the ?
 * key opens (help). Above the views, so that ui.c stays a toolkit naming none of them. */
#ifndef DUBAN_APP_H
#define DUBAN_APP_H

struct db;

/* Runs the board on db until the user quits (see ui_run): what `duban` and `duban board`
 * do. Returns the process exit code. */
int app_board_main(struct db *db, const char *db_path, int argc, char **argv);

#endif
