/* harness.c — runner for the unit tests registered with TEST(): runs each (all, or those whose
 * name contains the argument), reports failures with file:line, ends with "N passed, N failed". */
#include "harness.h"

#include "msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct th_test *first, *last;
static int current_failures;
static const char *fixtures_dir = "tests/fixtures";

void th_register(struct th_test *t)
{
	/* Constructors run in link order, file by file: keep that order. */
	if (last)
		last->next = t;
	else
		first = t;
	last = t;
}

int th_check(int ok, const char *expr, const char *file, int line)
{
	if (!ok) {
		current_failures++;
		fprintf(stderr, "  %s:%d: check failed: %s\n", file, line, expr);
	}
	return ok;
}

int th_check_str(const char *got, const char *want, const char *expr, const char *file, int line)
{
	int ok = (got == NULL && want == NULL) || (got && want && strcmp(got, want) == 0);
	if (!ok) {
		current_failures++;
		fprintf(stderr, "  %s:%d: %s\n    got:  %s%s%s\n    want: %s%s%s\n", file, line, expr,
		        got ? "\"" : "", got ? got : "NULL", got ? "\"" : "", want ? "\"" : "",
		        want ? want : "NULL", want ? "\"" : "");
	}
	return ok;
}

int th_check_long(long long got, long long want, const char *expr, const char *file, int line)
{
	if (got != want) {
		current_failures++;
		fprintf(stderr, "  %s:%d: %s is %lld, want %lld\n", file, line, expr, got, want);
	}
	return got == want;
}

void th_language(const char *lang)
{
	setenv("DUBAN_LANG", lang, 1);
	msg_init();
}

const char *th_fixtures(void)
{
	return fixtures_dir;
}

char *th_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t size = 0, cap = 0, n;

	if (!f)
		return NULL;
	do {
		if (cap - size < 65536) {
			char *p = realloc(buf, cap + 65536 + 1);
			if (!p) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
			cap += 65536;
		}
		n = fread(buf + size, 1, cap - size, f);
		size += n;
	} while (n > 0);
	fclose(f);
	if (!buf)
		buf = calloc(1, 1);
	else
		buf[size] = '\0';
	if (len)
		*len = size;
	return buf;
}

int main(int argc, char **argv)
{
	const char *filter = NULL;
	int passed = 0, failed = 0, verbose = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-d") == 0 && i + 1 < argc)
			fixtures_dir = argv[++i];
		else if (strcmp(argv[i], "-v") == 0)
			verbose = 1;
		else
			filter = argv[i];
	}
	if (getenv("DUBAN_FIXTURES"))
		fixtures_dir = getenv("DUBAN_FIXTURES");
	/* The tests expect the default language (Chinese) whatever the caller's locale says;
	 * those about English set DUBAN_LANG themselves and put it back. */
	setenv("DUBAN_LANG", "zh", 1);
	for (struct th_test *t = first; t; t = t->next) {
		if (filter && !strstr(t->name, filter))
			continue;
		current_failures = 0;
		t->fn();
		if (current_failures) {
			failed++;
			fprintf(stderr, "FAIL %s (%s)\n", t->name, t->file);
		} else {
			passed++;
			if (verbose)
				printf("ok   %s\n", t->name);
		}
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
