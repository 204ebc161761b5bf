/* import.h — rectification reports (整改进展情况) as bytes in, records and diagnostics out.
 * Pure: no SQL, no curses, no printing, no exit. Decoding goes through text_to_utf8; all stored
 * text is sanitised (valid UTF-8, no terminal-active characters). */
#ifndef DUBAN_IMPORT_H
#define DUBAN_IMPORT_H

#include <stddef.h>

struct import_measure {
	char *text;   /* as printed, marker （一） removed, PDF line breaks joined; never NULL */
	char *status; /* （已完成整改） printed with the measure, brackets removed; NULL if none */
};

struct import_item {
	char *no;        /* number as printed, without brackets or trailing . 、: "1", "四十九" */
	char *text;      /* full problem text, line breaks joined; never NULL (may be "") */
	char *status;    /* label and trailing 。 removed; NULL when the report prints none */
	char *deadline;  /* 整改时限 text as printed; NULL if none */
	char *lead_unit; /* 牵头单位; NULL if none */
	char *responsible_unit;
	char *acceptance_unit;
	char *goal;        /* 整改目标 */
	char *subcategory; /* e.g. "1.推进林草工程建设有差距"; NULL if none */
	struct import_measure *measures;
	size_t measure_count;
	int line; /* 1-based line of the item number in the file */
};

struct import_category {
	char *label; /* marker without punctuation: "第一个方面", "一"; NULL for the implicit one */
	char *title; /* heading text after the marker; NULL for the implicit one */
	struct import_item *items;
	size_t item_count;
};

/* How much of the report was understood: the confidence summary every import prints. */
struct import_stats {
	size_t items;      /* items read */
	size_t status;     /* items with a status */
	size_t deadline;   /* items with a deadline */
	size_t units;      /* items with a lead, responsible or acceptance unit */
	size_t measures;   /* measures over all items */
	size_t furniture;  /* lines of page furniture dropped (— 3 —, 第 3 页 共 9 页, headers) */
	size_t skipped;    /* lines left out of the list: continued elsewhere (下转第7版) */
	size_t untaken;    /* numbered lines with labels the item chain did not take */
};

struct import_report {
	char *file;     /* base name of the source file, "-" for standard input */
	char *title;    /* report title, line breaks, PDF spaces and [bookmark: …] tags removed;
	                 * the file's base name (with a warning) when no title is found */
	char *region;   /* region named by the title: "磴口县", "内蒙古自治区"; NULL if none */
	char *round;    /* inspection round when the title names one: "第二轮中央生态环境保护督察"; or NULL */
	char *encoding; /* encoding the bytes were read in: "UTF-8", "UTF-16LE", "GB18030" … */
	char digest[17]; /* FNV-1a 64-bit of the raw bytes, 16 hex digits: "same file again" */
	struct import_category *categories;
	size_t category_count;
	char *notice_date; /* a notice's date as printed (2024年5月20日), or NULL */
	char *publicity;   /* a notice's publicity period (公示时间：…), or NULL */
	struct import_stats stats;
	char **warnings; /* things the user should know that did not stop the import, e.g. truncation */
	size_t warning_count;
};

struct import_error {
	int line;    /* 1-based line of the problem, 0 when not tied to a line */
	long offset; /* byte offset in the file, -1 when not tied to a byte */
	char msg[512]; /* "what is wrong; what to try", without the file name */
};

/* Parses one report. file is the name to record (its base name is kept); data/len the raw
 * bytes; encoding an iconv name, or NULL to detect. On success stores a report the caller frees
 * with import_report_free and returns 0. On failure (not decodable, not a report, no items)
 * returns -1, stores NULL and fills *err; nothing is half-parsed. */
int import_parse(const char *file, const char *data, size_t len, const char *encoding,
                 struct import_report **out, struct import_error *err);

/* Adds the labels of an admin's vocabulary file (the format of data/labels.txt: a field name,
 * then its labels) to the built-in vocabulary, for every later import_parse. Returns 0, or -1
 * with err filled (the line and what is wrong) when a line names no known field; the lines
 * before it are kept. */
int import_labels_add(const char *text, size_t len, struct import_error *err);

/* Drops every added label and the built-in ones, so the next parse reloads the built-in table
 * (tests). */
void import_labels_reset(void);

/* Number of labels known (built-in and added). */
size_t import_labels_count(void);

/* Frees a report from import_parse; NULL is allowed. */
void import_report_free(struct import_report *report);

/* Number of items in a report, over all categories. */
size_t import_report_item_count(const struct import_report *report);

#endif
