/* json.h — a small JSON reader for the test fixtures (tests/fixtures/NNN.json): parses a whole
 * document into a tree. Test-only code: the program itself never reads JSON. */
#ifndef DUBAN_TEST_JSON_H
#define DUBAN_TEST_JSON_H

#include <stddef.h>

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

struct json {
	enum json_type type;
	int boolean;     /* JSON_BOOL */
	double number;   /* JSON_NUMBER */
	char *string;    /* JSON_STRING: UTF-8, NUL-terminated (may hold \u0000 as a NUL) */
	size_t string_len;
	struct json **items; /* JSON_ARRAY elements, JSON_OBJECT values */
	char **keys;         /* JSON_OBJECT keys, parallel to items */
	size_t count;
};

/* Parses len bytes of JSON text (one value, whitespace around it allowed). Returns a tree the
 * caller frees with json_free, or NULL with a message naming the byte offset in err. Strings
 * are unescaped, \uXXXX included (surrogate pairs joined; a lone surrogate is an error). */
struct json *json_parse(const char *text, size_t len, char *err, size_t errsize);

/* Frees a tree from json_parse; NULL is allowed. */
void json_free(struct json *j);

/* The value of key in an object, or NULL (also when j is NULL or not an object). */
const struct json *json_get(const struct json *j, const char *key);

/* Element i of an array, or NULL. */
const struct json *json_at(const struct json *j, size_t i);

/* The string of a JSON_STRING, or NULL for anything else (JSON null included). */
const char *json_str(const struct json *j);

/* The number of a JSON_NUMBER as a long, or fallback for anything else. */
long json_long(const struct json *j, long fallback);

/* Number of elements of an array or members of an object; 0 for anything else. */
size_t json_count(const struct json *j);

#endif
