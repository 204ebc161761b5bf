/* import_labels.c — the label vocabulary (field ← synonyms): which words open a field of an
 * item (整改状态：, 牵头单位：…) and where a label stands in a line. The vocabulary is a table
 * (data/labels.txt, compiled in; an admin's file adds to it), never an if chain. Pure model code. */
#include "import.h"
#include "import_internal.h"

#include "msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The built-in vocabulary: data/labels.txt as it was at build time (Makefile makes labels.inc),
 * so tests and the demo never depend on where duban is installed. */
static const char builtin_labels[] =
#include "labels.inc"
    ;

struct entry {
	char *name;     /* the label, UTF-8 */
	size_t len;     /* bytes */
	size_t cps;     /* characters */
	uint32_t first; /* its first code point: entries are sorted by it, then longest first */
	enum label_kind kind;
};

static struct entry *vocab;
static size_t nvocab, capvocab;
static int loaded;

static const struct {
	const char *name;
	enum label_kind kind;
} field_names[] = {
	{"status", LB_STATUS},     {"progress", LB_PROGRESS}, {"deadline", LB_DEADLINE},
	{"lead", LB_LEAD},         {"responsible", LB_RESP},  {"acceptance", LB_ACCEPT},
	{"goal", LB_GOAL},         {"measures", LB_MEASURES}, {"problem", LB_PROBLEM},
	{"publicity", LB_PUBLICITY}, {"other", LB_OTHER},
};

static int valid_utf8(const char *s, size_t len)
{
	size_t n;

	for (size_t i = 0; i < len; i += n)
		if (cp_at(s, len, i, &n) == 0xFFFD && n == 1)
			return 0;
	return 1;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Adds one label; a label already known keeps its first field (the built-in one). */
static int add_entry(const char *s, size_t len, enum label_kind kind)
{
	struct entry *e;
	size_t n;

	for (size_t k = 0; k < nvocab; k++)
		if (vocab[k].len == len && memcmp(vocab[k].name, s, len) == 0)
			return 0;
	if (nvocab == capvocab) {
		size_t cap = capvocab ? capvocab * 2 : 128;
		struct entry *p = realloc(vocab, cap * sizeof *p);
		if (!p)
			return -1;
		vocab = p;
		capvocab = cap;
	}
	e = &vocab[nvocab];
	if (!(e->name = malloc(len + 1)))
		return -1;
	memcpy(e->name, s, len);
	e->name[len] = '\0';
	e->len = len;
	e->cps = count_cps(s, len);
	e->first = cp_at(s, len, 0, &n);
	e->kind = kind;
	nvocab++;
	return 0;
}

/* Reads a vocabulary text into the table. Returns 0, or the 1-based number of the first bad
 * line (an unknown field name, a label that is not valid UTF-8), or -1 out of memory. */
static long parse_vocab(const char *text, size_t len, char *bad, size_t badsize)
{
	size_t i = 0;
	long line = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len, j = i, w;
		enum label_kind kind = LB_NONE;
		int first = 1;

		line++;
		while (j < e) {
			while (j < e && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
				j++;
			if (j >= e || text[j] == '#')
				break;
			for (w = j; w < e && text[w] != ' ' && text[w] != '\t' && text[w] != '\r'; w++)
				;
			if (first) {
				for (size_t k = 0; k < sizeof field_names / sizeof *field_names; k++)
					if (strlen(field_names[k].name) == w - j &&
					    memcmp(field_names[k].name, text + j, w - j) == 0)
						kind = field_names[k].kind;
				if (kind == LB_NONE) {
					snprintf(bad, badsize, "%.*s", (int)(w - j < 40 ? w - j : 40), text + j);
					return line;
				}
				first = 0;
			} else {
				if (!valid_utf8(text + j, w - j) || w - j > 64) {
					snprintf(bad, badsize, "%.*s", (int)(w - j < 40 ? w - j : 40), text + j);
					return line;
				}
				if (add_entry(text + j, w - j, kind) < 0)
					return -1;
			}
			j = w;
		}
		i = e + 1;
	}
	qsort(vocab, nvocab, sizeof *vocab, entry_cmp);
	return 0;
}

static void ensure_loaded(void)
{
	char bad[64];

	if (loaded)
		return;
	loaded = 1;
	/* The built-in text is checked by the unit tests; a failure here leaves the table empty. */
	(void)parse_vocab(builtin_labels, sizeof builtin_labels - 1, bad, sizeof bad);
}

int import_labels_add(const char *text, size_t len, struct import_error *err)
{
	char bad[64] = "";
	long rc;

	ensure_loaded();
	rc = parse_vocab(text, len, bad, sizeof bad);
	if (rc == 0)
		return 0;
	if (err) {
		memset(err, 0, sizeof *err);
		err->offset = -1;
		err->line = rc > 0 && rc < 1000000 ? (int)rc : 0;
		if (rc < 0)
			snprintf(err->msg, sizeof err->msg, "%s", tr("读取标签词表时内存不足"));
		else
			snprintf(err->msg, sizeof err->msg,
			         tr("标签词表第 %ld 行不可用（%s）：每行先写字段名（status、progress、"
			            "deadline、lead、responsible、acceptance、goal、measures、problem、"
			            "publicity、other），再写以空格分隔的标签"),
			         rc, bad);
	}
	qsort(vocab, nvocab, sizeof *vocab, entry_cmp);
	return -1;
}

void import_labels_reset(void)
{
	for (size_t k = 0; k < nvocab; k++)
		free(vocab[k].name);
	free(vocab);
	vocab = NULL;
	nvocab = capvocab = 0;
	loaded = 0;
}

size_t import_labels_count(void)
{
	ensure_loaded();
	return nvocab;
}

/* Folds a full-width form (：，（ …, U+FF01–FF5E) to ASCII and U+3000 to a space: for matching
 * only, never for stored text. */
static uint32_t fold(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFF01 + 0x21;
	return cp == 0x3000 ? ' ' : cp;
}

/* Whether e matches at s, letter-spaced text allowed ("整 改 时 限"): bytes used, or 0. */
static size_t match_entry(const struct entry *e, const char *s, size_t len)
{
	size_t i = 0, k = 0, n, m;

	if (len >= e->len && memcmp(s, e->name, e->len) == 0)
		return e->len;
	/* The slow path only where the text has a space inside the label ("整 改"). */
	while (i < len && i < e->len && s[i] == e->name[i])
		i++;
	if (i >= len || !(s[i] == ' ' || has_prefix(s + i, len - i, "\xe3\x80\x80")))
		return 0;
	i = 0;
	while (k < e->len) {
		uint32_t want = cp_at(e->name, e->len, k, &m), got;
		if (k > 0)
			while (i < len && (s[i] == ' ' || has_prefix(s + i, len - i, "\xe3\x80\x80")))
				i += s[i] == ' ' ? 1 : 3;
		got = cp_at(s, len, i, &n);
		if (n == 0 || fold(got) != fold(want))
			return 0;
		i += n;
		k += m;
	}
	return i;
}

/* The longest label at s: its entry and bytes used in *used, or NULL. */
static const struct entry *longest_at(const char *s, size_t len, size_t *used)
{
	size_t n, lo = 0, hi;
	uint32_t cp = cp_at(s, len, 0, &n);

	ensure_loaded();
	hi = nvocab;
	if (n == 0 || cp < 0x80)
		return NULL;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (vocab[mid].first < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < nvocab && vocab[lo].first == cp; lo++)
		if ((*used = match_entry(&vocab[lo], s, len)) > 0)
			return &vocab[lo];
	return NULL;
}

/* A value glued to its label without a colon, "整改时限2024年底", "整改状态已完成": only
 * where the value's first word cannot continue the label's phrase. */
static int glued_value_ok(enum label_kind kind, const char *v, size_t len)
{
	static const char *const status_words[] = {"已", "正在", "未", "达到", "基本", "持续", "序时"};
	static const char *const deadline_words[] = {"立行立改", "长期", "即知即改", "持续"};
	size_t n;

	if (kind == LB_DEADLINE) {
		if (is_digit_cp(cp_at(v, len, 0, &n)))
			return 1;
		for (size_t k = 0; k < sizeof deadline_words / sizeof *deadline_words; k++)
			if (has_prefix(v, len, deadline_words[k]))
				return 1;
	} else if (kind == LB_STATUS) {
		for (size_t k = 0; k < sizeof status_words / sizeof *status_words; k++)
			if (has_prefix(v, len, status_words[k]))
				return 1;
	}
	return 0;
}

enum label_kind import_label_at(const char *s, size_t len, size_t *value_off, int mode)
{
	size_t open = 0, n, used, j;
	const struct entry *e;
	uint32_t cp;

	*value_off = 0;
	if (cp_at(s, len, 0, &n) == 0x3010) /* 【 */
		open = n;
	if (!(e = longest_at(s + open, len - open, &used)))
		return LB_NONE;
	j = skip_spaces(s, len, open + used);
	cp = fold(cp_at(s, len, j, &n));
	if (open ? cp == 0x3011 : cp == ':') {
		j += n;
		if (open && fold(cp_at(s, len, j, &n)) == ':')
			j += n;
	} else if (open) {
		return LB_NONE;
	} else if (j >= len) {
		/* Alone on its line: the value follows on the next lines. Short labels (状态, 目标)
		 * alone are too often a word of a wrapped sentence. */
		if (!(mode & LABEL_BARE) || e->cps < 4)
			return LB_NONE;
	} else if (!(mode & LABEL_LOOSE) || e->cps < 4) {
		return LB_NONE;
	} else if (j == open + used && !glued_value_ok(e->kind, s + j, len - j)) {
		/* no colon and no space: "整改措施落实不到位" is a sentence, not a label */
		return LB_NONE;
	}
	*value_off = skip_spaces(s, len, j);
	return e->kind;
}

enum label_kind import_label_parse(const char *s, size_t len, size_t *value_off)
{
	return import_label_at(s, len, value_off, LABEL_BARE);
}

enum label_kind import_label_find_inline(const char *s, size_t len, size_t from, size_t *off,
                                         size_t *value_off)
{
	size_t n, limit = len < 4096 ? len : 4096;

	for (size_t i = from; i < limit; i += n) {
		uint32_t cp = cp_at(s, len, i, &n);
		size_t at = i + n;
		enum label_kind k;
		if (n == 0)
			break;
		if (!(is_final_cp(cp) || is_space_cp(cp) || is_close_paren(cp)))
			continue;
		at = skip_spaces(s, len, at);
		if (at >= len || (unsigned char)s[at] < 0x80 ||
		    (k = import_label_at(s + at, len - at, value_off, 0)) == LB_NONE)
			continue;
		*off = at;
		*value_off += at;
		return k;
	}
	return LB_NONE;
}

size_t import_label_find(const char *s, size_t len, enum label_kind kind, size_t *value_off)
{
	size_t n;

	for (size_t i = 0; i < len; i += n) {
		size_t v;
		cp_at(s, len, i, &n);
		if (n == 0)
			break;
		if ((unsigned char)s[i] >= 0xE0 && import_label_at(s + i, len - i, &v, 0) == kind) {
			*value_off = i + v;
			return i;
		}
	}
	return SIZE_MAX;
}
