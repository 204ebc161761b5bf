/* harness.h — duban's small unit-test harness: tests register themselves with TEST(), the
 * runner (harness.c) runs them in file order and ends with "N passed, N failed".
 * Checks record a failure with file and line and let the test go on. */
#ifndef DUBAN_HARNESS_H
#define DUBAN_HARNESS_H

#include <stddef.h>

struct th_test {
	const char *name;
	const char *file;
	void (*fn)(void);
	struct th_test *next;
};

void th_register(struct th_test *t);
int th_check(int ok, const char *expr, const char *file, int line);
int th_check_str(const char *got, const char *want, const char *expr, const char *file, int line);
int th_check_long(long long got, long long want, const char *expr, const char *file, int line);

/* Sets the language of tr() for the checks that follow: "en" for the English wording, "zh"
 * (the runner's default, whatever the caller's locale) to go back. */
void th_language(const char *lang);

/* Directory of the fixtures (tests/fixtures), from the runner's -d option or DUBAN_FIXTURES. */
const char *th_fixtures(void);

/* Reads a whole file into a malloc'd NUL-terminated buffer; length in *len. NULL on error. */
char *th_read_file(const char *path, size_t *len);

#define TEST(name)                                                                    \
	static void name(void);                                                       \
	static struct th_test name##_entry = {#name, __FILE__, name, NULL};           \
	__attribute__((constructor)) static void name##_register(void)                \
	{                                                                             \
		th_register(&name##_entry);                                           \
	}                                                                             \
	static void name(void)

#define CHECK(cond) th_check(!!(cond), #cond, __FILE__, __LINE__)
/* Compares strings; NULL equals only NULL. */
#define CHECK_STR(got, want) th_check_str((got), (want), #got, __FILE__, __LINE__)
#define CHECK_INT(got, want) th_check_long((long long)(got), (long long)(want), #got, __FILE__, __LINE__)

#endif
