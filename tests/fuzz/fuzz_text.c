/* fuzz_text.c — libFuzzer target for the date and text model (`make fuzz`, beside the
 * importer's): any bytes as a printed deadline, a typed deadline, a stored timestamp, text to
 * sanitise, fit into columns or convert to UTF-8. Each must hold its contract (valid dates,
 * clean UTF-8 without terminal-active characters, fits that never split a character), or the
 * target aborts. */
#include "date.h"
#include "msg.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless s (len bytes) is valid UTF-8; with safe, also without unsafe code points
 * (newlines allowed when newlines is set). */
static void check_utf8(const char *s, size_t len, int safe, int newlines)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && n == 1 && !(len - i >= 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
			abort();
		if (safe && text_cp_is_unsafe(cp) && !(newlines && cp == '\n'))
			abort();
		i += n;
	}
}

static void check_deadline(const struct deadline *d)
{
	if (d->kind != DUE_NONE && d->kind != DUE_DATE && d->kind != DUE_IMMEDIATE)
		abort();
	if (d->kind == DUE_DATE &&
	    (d->month < 1 || d->month > 12 || d->day < 1 || d->day > date_month_days(d->year, d->month)))
		abort();
	if (d->long_term != 0 && d->long_term != 1)
		abort();
}

static void check_fit(const char *s, size_t len, int cols)
{
	int used = -1;
	size_t n = text_fit(s, len, cols, &used);

	if (n > len || used < 0 || (cols >= 0 && used > cols) || used != text_width(s, n))
		abort();
	/* Never inside a character: the fitted prefix decodes to the same characters. */
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += text_decode(s + i, len - i, &cp);
		if (i > n)
			abort();
	}
	/* One more column never fits fewer bytes. */
	if (cols < 1000 && text_fit(s, len, cols + 1, NULL) < n)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *clean, *again, *out = NULL, why[256], buf[40];
	const char *used = NULL;
	struct deadline d;
	size_t out_len = 0;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	date_parse_deadline(s, &d);
	check_deadline(&d);
	why[0] = '\0';
	if (date_check_deadline(s, &d, why, sizeof why) == 0) {
		check_deadline(&d);
	} else {
		/* The reason quotes what was typed, bytes as given: every output path sanitises
		 * it (ui_field, cli_put), so only its shape is checked here. */
		if (!why[0] || !memchr(why, '\0', sizeof why))
			abort();
	}
	date_local_time(s, buf, sizeof buf);
	if (!memchr(buf, '\0', sizeof buf))
		abort();

	for (int keep = 0; keep <= 1; keep++) {
		clean = text_sanitize((const char *)data, size, keep);
		if (!clean)
			abort();
		check_utf8(clean, strlen(clean), 1, keep);
		again = text_sanitize(clean, strlen(clean), keep);
		if (!again || strcmp(again, clean) != 0)
			abort();
		free(again);
		free(clean);
	}
	check_fit((const char *)data, size, size ? data[0] % 90 : 0);
	check_fit((const char *)data, size, 1);

	if (text_to_utf8((const char *)data, size, NULL, &out, &out_len, &used, why, sizeof why) == 0) {
		if (!out || out[out_len] != '\0')
			abort();
		check_utf8(out, out_len, 0, 0);
		free(out);
	} else if (!why[0]) {
		abort();
	}
	free(s);
	return 0;
}
