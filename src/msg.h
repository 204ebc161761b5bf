/* msg.h — the user's language. Every user-visible string is written in Chinese in the code
 * and passed through tr(); English, when the locale asks for it, comes from the one table in
 * msg.c. Model code may use it: it only returns strings, never prints. */
#ifndef DUBAN_MSG_H
#define DUBAN_MSG_H

#include <stddef.h>

/* Chooses the language from the environment, as setlocale(3) orders it: LC_ALL, then
 * LC_MESSAGES, then LANG; a value starting with "en" means English, anything else (unset, C,
 * POSIX, zh_CN…) Chinese. DUBAN_LANG=en|zh overrides all three. Called once at start (main);
 * calling it again re-reads the environment (tests). */
void msg_init(void);

/* Whether messages are English (1) or Chinese (0). */
int msg_english(void);

/* The message zh (a Chinese string literal, possibly a printf format) in the user's language:
 * zh itself in Chinese, else its English from the table. A string missing from the table is
 * returned as is (tests/unit/test_msg.c checks that every tr() literal in src/ has an entry
 * whose printf conversions match). The result is static: never freed.
 * A literal may start with a context and \004 (gettext's msgctxt), "csv\004问题", when the
 * same Chinese needs another English there: Chinese output is the part after \004. */
const char *tr(const char *zh) __attribute__((format_arg(1)));

/* Marks a literal in a static table for the table check; the code passes it through tr()
 * where it is shown. */
#define N_(zh) (zh)

/* The number of rows in the English table, and row i (0 <= i < msg_count()): for the tests
 * that check the table against the tr() literals in src/. */
size_t msg_count(void);
void msg_row(size_t i, const char **zh, const char **en);

/* The name of an item field in the user's language: "deadline" → 整改时限 / deadline,
 * "lead_unit" → 牵头单位 / lead unit … (history lines, show). An unknown field is returned as
 * is. Static result. */
const char *msg_field_label(const char *field);

/* The marker of the measure at index i (0-based) as the reports print it and the board shows
 * it: （一）…（二十）, then （21）… Writes into buf (size bytes; 16 are enough); returns buf. */
char *msg_measure_mark(size_t i, char *buf, size_t size);

#endif
