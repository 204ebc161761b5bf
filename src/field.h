/* field.h — how the item fields and history rows are named to the user (整改时限, 状态 …),
 * shared by the board's edit and history screens and the edit commands. No curses, no
 * printing: strings only, through tr(). */
#ifndef DUBAN_FIELD_H
#define DUBAN_FIELD_H

#include <stddef.h>

/* The user's name of a stored field ("deadline" → 整改时限), in the user's language; an
 * unknown name is returned as is (NULL gives ""). Static strings. It is msg_field_label,
 * the one table of field names, so the board's screens and duban show name fields alike. */
const char *field_label(const char *field);

/* A history value as the user reads it: a state name ("done") as its label (已完成), NULL or
 * empty as （空）; anything else as is. Static or value itself. */
const char *field_value(const char *field, const char *value);

/* An ISO 8601 UTC timestamp ("2025-07-15T02:22:05Z", as history stores it) as local time
 * "2025-07-15 10:22" in buf (size bytes, at least 17): date_local_time, under the name the
 * board's screens use. Returns buf. */
char *field_local_time(const char *iso, char *buf, size_t size);

/* The value of a history row about the item as a whole (field "item", written by
 * db_schema.c's triggers: "imported from FILE", "removed", "listed again") as the user
 * reads it, in buf (size bytes). Returns buf. */
char *field_item_event(const char *value, char *buf, size_t size);

#endif
