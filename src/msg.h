/* msg.h — the user's language. Every user-visible string is written in Chinese in the code
 * and passed through tr(); English, when the locale asks for it, comes from the one table in
 * msg.c. Model code may use it: it only returns strings, never prints. */
#ifndef DUBAN_MSG_H
#define DUBAN_MSG_H

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
 * whose printf conversions match). The result is static: never freed. */
const char *tr(const char *zh) __attribute__((format_arg(1)));

#endif
