/* summary_strings.c — the string helpers of summary_internal.h: copy, format and cut by
 * characters, each returning malloc'd text. Model code: no curses, no printing, no exit. */
#include "summary_internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

char *summary_copy_string(const char *s)
{
	size_t n = strlen(s ? s : "");
	char *p = malloc(n + 1);

	if (p)
		memcpy(p, s ? s : "", n + 1);
	return p;
}

char *summary_format_string(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(p = malloc((size_t)n + 1)))
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

char *summary_cut_string(const char *s, size_t max)
{
	size_t len = strlen(s), at = 0, chars = 0;
	uint32_t cp;
	char *p;

	while (at < len && chars < max) {
		at += text_decode(s + at, len - at, &cp);
		chars++;
	}
	if (at >= len)
		return summary_copy_string(s);
	if (!(p = malloc(at + 4)))
		return NULL;
	memcpy(p, s, at);
	memcpy(p + at, "…", 4); /* 3 bytes and the NUL */
	return p;
}
