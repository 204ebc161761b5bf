/* summary_internal.h — small string helpers shared by the summary files (summary.c,
 * summary_notice.c) and print.c, which copies titles out of them. Not part of the
 * summary API: nothing outside those files includes this. */
#ifndef DUBAN_SUMMARY_INTERNAL_H
#define DUBAN_SUMMARY_INTERNAL_H

#include <stddef.h>

/* A malloc'd copy of s; NULL s copies as "". Returns NULL when out of memory. */
char *summary_copy_string(const char *s);

/* A malloc'd string formatted as by printf; NULL when out of memory or on a bad format. */
char *summary_format_string(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A malloc'd copy of the first max characters (code points, not bytes or columns) of s,
 * with "…" appended when cut; never cuts inside a character. NULL when out of memory. */
char *summary_cut_string(const char *s, size_t max);

#endif
