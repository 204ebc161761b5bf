/* view_help.h — the ? screen: every binding of the key table (keys.c), by context. */
#ifndef DUBAN_VIEW_HELP_H
#define DUBAN_VIEW_HELP_H

#include "ui.h"

/* Fills *view with a new help screen to push. Returns 0, or -1 when out of memory. */
int view_help_open(struct ui_view *view);

#endif
