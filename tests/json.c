/* json.c — the test fixtures' JSON reader: a recursive-descent parser into a tree of struct
 * json. Test-only; strict enough to catch a broken fixture, not a general-purpose library. */
#include "json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

struct reader {
	const char *s;
	size_t len, pos;
	char *err;
	size_t errsize;
	int failed;
};

static void fail(struct reader *r, const char *what)
{
	if (r->failed)
		return;
	r->failed = 1;
	if (r->err && r->errsize)
		snprintf(r->err, r->errsize, "JSON: %s at byte %zu", what, r->pos);
}

static void skip_ws(struct reader *r)
{
	while (r->pos < r->len && (r->s[r->pos] == ' ' || r->s[r->pos] == '\t' ||
	                           r->s[r->pos] == '\n' || r->s[r->pos] == '\r'))
		r->pos++;
}

static struct json *new_value(struct reader *r, enum json_type type)
{
	struct json *j = calloc(1, sizeof *j);

	if (!j)
		fail(r, "out of memory");
	else
		j->type = type;
	return j;
}

static int hex4(struct reader *r, unsigned *out)
{
	unsigned v = 0;

	if (r->len - r->pos < 4) {
		fail(r, "truncated \\u escape");
		return -1;
	}
	for (int i = 0; i < 4; i++) {
		char c = r->s[r->pos++];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else {
			fail(r, "bad hex digit in \\u escape");
			return -1;
		}
	}
	*out = v;
	return 0;
}

static size_t put_utf8(char *p, unsigned cp)
{
	if (cp < 0x80) {
		p[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		p[0] = (char)(0xC0 | (cp >> 6));
		p[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		p[0] = (char)(0xE0 | (cp >> 12));
		p[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		p[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	p[0] = (char)(0xF0 | (cp >> 18));
	p[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	p[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	p[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Reads a string after its opening quote; the result is malloc'd, its length in *len. Escapes
 * only shrink the text (\uXXXX, 6 bytes, gives at most 3; a pair, 12, gives 4), so the raw
 * length bounds the buffer. */
static char *read_string(struct reader *r, size_t *len)
{
	size_t start = r->pos, end = start, o = 0;
	char *out;

	while (end < r->len && r->s[end] != '"') {
		if (r->s[end] == '\\')
			end++;
		end++;
	}
	if (end >= r->len) {
		fail(r, "unterminated string");
		return NULL;
	}
	out = malloc(end - start + 1);
	if (!out) {
		fail(r, "out of memory");
		return NULL;
	}
	while (r->pos < end) {
		unsigned char c = (unsigned char)r->s[r->pos++];
		unsigned cp, lo;
		if (c < 0x20) {
			fail(r, "control character in string");
			break;
		}
		if (c != '\\') {
			out[o++] = (char)c;
			continue;
		}
		c = (unsigned char)r->s[r->pos++];
		switch (c) {
		case '"':
		case '\\':
		case '/':
			out[o++] = (char)c;
			break;
		case 'b':
			out[o++] = '\b';
			break;
		case 'f':
			out[o++] = '\f';
			break;
		case 'n':
			out[o++] = '\n';
			break;
		case 'r':
			out[o++] = '\r';
			break;
		case 't':
			out[o++] = '\t';
			break;
		case 'u':
			if (hex4(r, &cp) < 0)
				break;
			if (cp >= 0xDC00 && cp <= 0xDFFF) {
				fail(r, "lone low surrogate");
				break;
			}
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (r->pos + 2 > end || r->s[r->pos] != '\\' || r->s[r->pos + 1] != 'u') {
					fail(r, "high surrogate without its low half");
					break;
				}
				r->pos += 2;
				if (hex4(r, &lo) < 0)
					break;
				if (lo < 0xDC00 || lo > 0xDFFF) {
					fail(r, "high surrogate followed by a non-surrogate");
					break;
				}
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			}
			o += put_utf8(out + o, cp);
			break;
		default:
			fail(r, "unknown escape");
			break;
		}
		if (r->failed)
			break;
	}
	if (r->failed) {
		free(out);
		return NULL;
	}
	out[o] = '\0';
	r->pos = end + 1;
	*len = o;
	return out;
}

static struct json *read_value(struct reader *r, int depth);

static int append(struct reader *r, struct json *parent, char *key, struct json *child,
                  size_t *cap)
{
	if (parent->count == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		struct json **items = realloc(parent->items, c * sizeof *items);
		char **keys = parent->type == JSON_OBJECT ? realloc(parent->keys, c * sizeof *keys) : NULL;
		if (items)
			parent->items = items;
		if (keys)
			parent->keys = keys;
		if (!items || (parent->type == JSON_OBJECT && !keys)) {
			fail(r, "out of memory");
			return -1;
		}
		*cap = c;
	}
	if (parent->type == JSON_OBJECT)
		parent->keys[parent->count] = key;
	parent->items[parent->count++] = child;
	return 0;
}

static struct json *read_container(struct reader *r, int depth, int object)
{
	struct json *j = new_value(r, object ? JSON_OBJECT : JSON_ARRAY);
	size_t cap = 0;
	char close = object ? '}' : ']';

	if (!j)
		return NULL;
	r->pos++;
	skip_ws(r);
	if (r->pos < r->len && r->s[r->pos] == close) {
		r->pos++;
		return j;
	}
	for (;;) {
		char *key = NULL;
		struct json *v;
		size_t klen;
		skip_ws(r);
		if (object) {
			if (r->pos >= r->len || r->s[r->pos] != '"') {
				fail(r, "expected a key");
				break;
			}
			r->pos++;
			if (!(key = read_string(r, &klen)))
				break;
			skip_ws(r);
			if (r->pos >= r->len || r->s[r->pos] != ':') {
				free(key);
				fail(r, "expected ':'");
				break;
			}
			r->pos++;
		}
		v = read_value(r, depth + 1);
		if (!v || append(r, j, key, v, &cap) < 0) {
			free(key);
			json_free(v);
			break;
		}
		skip_ws(r);
		if (r->pos < r->len && r->s[r->pos] == ',') {
			r->pos++;
			continue;
		}
		if (r->pos < r->len && r->s[r->pos] == close) {
			r->pos++;
			return j;
		}
		fail(r, object ? "expected ',' or '}'" : "expected ',' or ']'");
		break;
	}
	json_free(j);
	return NULL;
}

static int match_word(struct reader *r, const char *w)
{
	size_t n = strlen(w);

	if (r->len - r->pos >= n && memcmp(r->s + r->pos, w, n) == 0) {
		r->pos += n;
		return 1;
	}
	return 0;
}

static struct json *read_number(struct reader *r)
{
	size_t start = r->pos;
	char buf[64], *end;
	struct json *j;

	if (r->pos < r->len && r->s[r->pos] == '-')
		r->pos++;
	while (r->pos < r->len && strchr("0123456789.eE+-", r->s[r->pos]))
		r->pos++;
	if (r->pos == start || r->pos - start >= sizeof buf) {
		fail(r, "bad number");
		return NULL;
	}
	memcpy(buf, r->s + start, r->pos - start);
	buf[r->pos - start] = '\0';
	if (!(j = new_value(r, JSON_NUMBER)))
		return NULL;
	j->number = strtod(buf, &end);
	if (*end) {
		fail(r, "bad number");
		json_free(j);
		return NULL;
	}
	return j;
}

static struct json *read_value(struct reader *r, int depth)
{
	struct json *j;

	if (depth > MAX_DEPTH) {
		fail(r, "nested too deeply");
		return NULL;
	}
	skip_ws(r);
	if (r->pos >= r->len) {
		fail(r, "unexpected end");
		return NULL;
	}
	switch (r->s[r->pos]) {
	case '{':
		return read_container(r, depth, 1);
	case '[':
		return read_container(r, depth, 0);
	case '"':
		r->pos++;
		if (!(j = new_value(r, JSON_STRING)))
			return NULL;
		if (!(j->string = read_string(r, &j->string_len))) {
			free(j);
			return NULL;
		}
		return j;
	default:
		break;
	}
	if (match_word(r, "null"))
		return new_value(r, JSON_NULL);
	if (match_word(r, "true") || match_word(r, "false")) {
		if ((j = new_value(r, JSON_BOOL)))
			j->boolean = r->s[r->pos - 1] == 'e' && r->s[r->pos - 2] == 'u';
		return j;
	}
	return read_number(r);
}

struct json *json_parse(const char *text, size_t len, char *err, size_t errsize)
{
	struct reader r = {text, len, 0, err, errsize, 0};
	struct json *j = read_value(&r, 0);

	if (j) {
		skip_ws(&r);
		if (r.pos != r.len) {
			fail(&r, "trailing characters");
			json_free(j);
			j = NULL;
		}
	}
	return j;
}

void json_free(struct json *j)
{
	if (!j)
		return;
	for (size_t i = 0; i < j->count; i++) {
		json_free(j->items[i]);
		if (j->keys)
			free(j->keys[i]);
	}
	free(j->items);
	free(j->keys);
	free(j->string);
	free(j);
}

const struct json *json_get(const struct json *j, const char *key)
{
	if (!j || j->type != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < j->count; i++)
		if (strcmp(j->keys[i], key) == 0)
			return j->items[i];
	return NULL;
}

const struct json *json_at(const struct json *j, size_t i)
{
	if (!j || j->type != JSON_ARRAY || i >= j->count)
		return NULL;
	return j->items[i];
}

const char *json_str(const struct json *j)
{
	return j && j->type == JSON_STRING ? j->string : NULL;
}

long json_long(const struct json *j, long fallback)
{
	return j && j->type == JSON_NUMBER ? (long)j->number : fallback;
}

size_t json_count(const struct json *j)
{
	return j && (j->type == JSON_ARRAY || j->type == JSON_OBJECT) ? j->count : 0;
}
