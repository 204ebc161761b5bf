/* app.c — the board application: the board is the first screen and help the ? screen. The one
 * place that ties concrete views to the ui toolkit; no drawing, no SQL here. */
#include "app.h"

#include "ui.h"
#include "view_board.h"
#include "view_help.h"

int app_board_main(struct db *db, const char *db_path, int argc, char **argv)
{
	static const struct ui_app app = {view_board_open, view_help_open};

	return ui_run(db, db_path, argc, argv, &app);
}
