/* cmd_import.c — `duban import`: reads report files (or standard input), parses them all with
 * import.h before writing anything, places each report's region by the gazetteer and prints
 * what was understood (the confidence summary) and what changed. Parsing lives in import*.c
 * (no printing there); this file only reads files, calls the model and reports. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "db.h"
#include "import.h"
#include "msg.h"

/* Larger inputs are not rectification reports (the largest published ones are a few MB);
 * refuse before reading them into memory. */
#define MAX_INPUT_SIZE (64L * 1024 * 1024)
/* A gazetteer or label vocabulary is a short list; anything larger is the wrong file. */
#define MAX_LIST_SIZE (8L * 1024 * 1024)

/* Reads the whole file path ("-": standard input) into a NUL-terminated buffer the caller
 * frees; at most max bytes. Only regular files are read (and a pipe on standard input): a
 * device such as /dev/zero, a FIFO or a directory is refused at once instead of hanging or
 * filling memory. On failure returns NULL with the reason in err. */
static char *read_checked(const char *path, long max, size_t *len, char *err, size_t errsize)
{
	int is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	char *buf = NULL;
	size_t size = 0, cap = 0;
	struct stat sb;

	if (fd < 0) {
		snprintf(err, errsize, tr("无法打开：%s"), strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) != 0) {
		snprintf(err, errsize, tr("无法读取：%s"), strerror(errno));
		goto fail;
	}
	if (S_ISDIR(sb.st_mode)) {
		snprintf(err, errsize, "%s", tr("是目录，不是报告"));
		goto fail;
	}
	if (!S_ISREG(sb.st_mode) && !(is_stdin && S_ISFIFO(sb.st_mode))) {
		snprintf(err, errsize, "%s",
		         tr("不是普通文件（设备、管道或套接字），不读取；请先把内容保存为文件"));
		goto fail;
	}
	if (S_ISREG(sb.st_mode) && sb.st_size > max) {
		snprintf(err, errsize, tr("大于 %ld MB，不是 duban 能读取的文件"), max / (1024 * 1024));
		goto fail;
	}
	if (!is_stdin) {
		int fl = fcntl(fd, F_GETFL);
		if (fl >= 0)
			fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	}
	for (;;) {
		ssize_t n;
		if (cap - size < 65536) {
			char *p;
			cap = cap ? cap * 2 : 65536;
			if (cap > (size_t)max + 65536 || !(p = realloc(buf, cap + 1))) {
				snprintf(err, errsize, tr("大于 %ld MB，不是 duban 能读取的文件"),
				         max / (1024 * 1024));
				goto fail;
			}
			buf = p;
		}
		n = read(fd, buf + size, cap - size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errsize, tr("读取出错：%s"), strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		size += (size_t)n;
		if (size > (size_t)max) {
			snprintf(err, errsize, tr("大于 %ld MB，不是 duban 能读取的文件"),
			         max / (1024 * 1024));
			goto fail;
		}
	}
	if (!buf && !(buf = malloc(1))) {
		snprintf(err, errsize, "%s", tr("内存不足"));
		goto fail;
	}
	buf[size] = '\0';
	*len = size;
	if (!is_stdin)
		close(fd);
	return buf;
fail:
	free(buf);
	if (!is_stdin)
		close(fd);
	return NULL;
}

static void put_file_error(const char *name, const char *what)
{
	fputs("duban: ", stderr);
	cli_put_name(stderr, name);
	fputs(": ", stderr);
	cli_put(stderr, what);
	fputc('\n', stderr);
}

size_t cmd_split_path(char *line, char **names, size_t max)
{
	size_t n = 0;
	char *save = NULL;

	for (char *tok = strtok_r(line, "/> \t\r\n", &save); tok && n < max;
	     tok = strtok_r(NULL, "/> \t\r\n", &save))
		names[n++] = tok;
	return n;
}

/* Imports r, placing its region under its parents as the gazetteer text says: one region path
 * per line, outermost first (内蒙古自治区/巴彦淖尔市/磴口县), # starts a comment; the first line
 * that names the region wins. No gazetteer or region is not an error: the region then stands
 * at the top of the tree. Placing and import are one transaction. */
static int import_placed(struct db *db, const char *gazetteer, const struct import_report *r,
                         struct db_import_result *res)
{
	char *copy, *save = NULL;
	int rc = -2;

	if (!gazetteer || !r->region || !(copy = strdup(gazetteer)))
		return db_import(db, r, res);
	for (char *line = strtok_r(copy, "\n", &save); line && rc == -2;
	     line = strtok_r(NULL, "\n", &save)) {
		char *names[16];
		size_t n;

		if (line[0] == '#')
			continue;
		n = cmd_split_path(line, names, 16);
		for (size_t i = 0; i < n; i++)
			if (strcmp(names[i], r->region) == 0) {
				rc = db_import_placed(db, r, (const char *const *)names, i + 1, res);
				break;
			}
	}
	free(copy);
	return rc == -2 ? db_import(db, r, res) : rc;
}

/* The gazetteer's text: --gazetteer FILE, else $DUBAN_GAZETTEER, else the installed one. A
 * default that does not exist is no gazetteer; a named one that cannot be read is an error.
 * Returns 0 (*text may stay NULL) or -1 after printing why. */
static int load_gazetteer(const char *named, char **text)
{
	const char *env = getenv("DUBAN_GAZETTEER");
	const char *path = named ? named : env && *env ? env : DUBAN_DATADIR "/gazetteer.txt";
	char err[256];
	size_t len;

	*text = NULL;
	if (!named && !(env && *env) && access(path, F_OK) != 0)
		return 0;
	if (!(*text = read_checked(path, MAX_LIST_SIZE, &len, err, sizeof err))) {
		put_file_error(path, err);
		return -1;
	}
	return 0;
}

/* Adds the admin's label vocabulary: --labels FILE, else $DUBAN_LABELS (empty: none), else
 * the installed copy when it exists. The built-in vocabulary (data/labels.txt compiled in) is
 * always there; a file only adds labels. Returns 0, or -1 after printing why. */
static int load_labels(const char *named)
{
	const char *env = getenv("DUBAN_LABELS");
	const char *path = named ? named : env ? env : DUBAN_DATADIR "/labels.txt";
	struct import_error e;
	char err[256], *text;
	size_t len;

	if (!*path || (!named && !env && access(path, F_OK) != 0))
		return 0;
	if (!(text = read_checked(path, MAX_LIST_SIZE, &len, err, sizeof err))) {
		put_file_error(path, err);
		return -1;
	}
	if (import_labels_add(text, len, &e) < 0) {
		fputs("duban: ", stderr);
		cli_put_name(stderr, path);
		if (e.line > 0)
			fprintf(stderr, ":%d", e.line);
		fputs(": ", stderr);
		cli_put(stderr, e.msg);
		fputc('\n', stderr);
		free(text);
		return -1;
	}
	free(text);
	return 0;
}

/* "1 item" / "25 items" (English), "25 项" (Chinese). */
static const char *items_phrase(char *buf, size_t size, size_t n)
{
	if (n == 1)
		snprintf(buf, size, "%s", tr("1 项"));
	else
		snprintf(buf, size, tr("%zu 项"), n);
	return buf;
}

static const char *categories_phrase(char *buf, size_t size, size_t n)
{
	if (n == 1)
		snprintf(buf, size, "%s", tr("1 个类别"));
	else
		snprintf(buf, size, tr("%zu 个类别"), n);
	return buf;
}

/* The one-line confidence summary: how much of the report was understood. */
static void print_summary(const char *name, const struct import_report *r)
{
	const struct import_stats *s = &r->stats;

	fputs("  ", stdout);
	cli_put_name(stdout, name);
	char items[64];

	printf(tr("：识别 %s；有状态 %zu 项，有时限 %zu 项，有单位 %zu 项，措施 %zu 条；"
	          "跳过 %zu 行，去除页眉页脚 %zu 行，未采用的编号 %zu 处\n"),
	       items_phrase(items, sizeof items, s->items), s->status, s->deadline, s->units,
	       s->measures, s->skipped, s->furniture, s->untaken);
}

/* A field's name as the report prints it, for the list of changes. */
static const char *field_label(const char *field)
{
	static const struct {
		const char *field, *zh;
	} names[] = {
		{"text", "问题"},         {"status", "整改状态"},         {"deadline", "整改时限"},
		{"lead_unit", "牵头单位"}, {"responsible_unit", "责任单位"}, {"acceptance_unit", "验收单位"},
		{"goal", "整改目标"},     {"subcategory", "子类"},         {"measures", "措施条数"},
	};

	for (size_t k = 0; k < sizeof names / sizeof *names; k++)
		if (strcmp(names[k].field, field) == 0)
			return tr(names[k].zh);
	return field;
}

/* Up to about 40 characters of s, "…" when cut. */
static void brief(const char *s, char *buf, size_t size)
{
	size_t n = 0, chars = 0;

	if (!s) {
		snprintf(buf, size, "%s", tr("（无）"));
		return;
	}
	while (s[n] && chars < 40 && n + 8 < size) {
		n++;
		while ((s[n] & 0xC0) == 0x80)
			n++;
		chars++;
	}
	snprintf(buf, size, "%.*s%s", (int)n, s, s[n] ? "…" : "");
}

static void print_changes(const struct db_import_result *res)
{
	for (size_t i = 0; i < res->change_count; i++) {
		const struct db_import_change *ch = &res->changes[i];
		char a[256], b[256];

		brief(ch->old_value, a, sizeof a);
		brief(ch->new_value, b, sizeof b);
		cli_printf(stdout, tr("  编号 %s：%s %s → %s\n"), ch->no, field_label(ch->field), a, b);
	}
}

/* Prints a parse failure: file, line (or byte) and reason. */
static void put_parse_error(const char *name, const struct import_error *e)
{
	char where[64] = "";

	if (e->line > 0)
		snprintf(where, sizeof where, ":%d", e->line);
	else if (e->offset >= 0)
		snprintf(where, sizeof where, tr("：第 %ld 字节"), e->offset);
	fputs("duban: ", stderr);
	cli_put_name(stderr, name);
	cli_put(stderr, where);
	fputs(": ", stderr);
	cli_put(stderr, e->msg);
	fputc('\n', stderr);
}

int cmd_import(struct db *db, int argc, char **argv)
{
	const char *encoding = NULL, *gazetteer_file = NULL, *labels_file = NULL;
	struct import_report **reports;
	char **names, *gazetteer = NULL;
	int nfiles = 0, failed = 0, dry_run = 0;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--encoding") == 0 || strcmp(argv[i], "-e") == 0) {
			if (++i >= argc)
				return cli_usage_error(tr("%s 需要编码名，例如 gb18030"), argv[i - 1]);
			encoding = argv[i];
		} else if (strncmp(argv[i], "--encoding=", 11) == 0) {
			encoding = argv[i] + 11;
		} else if (strcmp(argv[i], "--gazetteer") == 0 || strcmp(argv[i], "--labels") == 0) {
			if (++i >= argc)
				return cli_usage_error(tr("%s 需要一个文件"), argv[i - 1]);
			if (strcmp(argv[i - 1], "--labels") == 0)
				labels_file = argv[i];
			else
				gazetteer_file = argv[i];
		} else if (strcmp(argv[i], "--dry-run") == 0 || strcmp(argv[i], "-n") == 0) {
			dry_run = 1;
		} else if (argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
			return cli_usage_error(tr("import：未知选项 %s"), argv[i]);
		} else if (strcmp(argv[i], "--") != 0) {
			argv[nfiles++] = argv[i];
		}
	}
	if (nfiles == 0)
		return cli_usage_error(tr("import 需要 %s"), tr("至少一个文件，或用 - 表示标准输入"));
	if (load_labels(labels_file) < 0 || (!dry_run && load_gazetteer(gazetteer_file, &gazetteer) < 0)) {
		fprintf(stderr, "duban: %s\n", tr("未导入任何内容"));
		return 1;
	}
	reports = calloc((size_t)nfiles, sizeof *reports);
	names = argv;
	if (!reports) {
		free(gazetteer);
		fprintf(stderr, "duban: %s\n", tr("内存不足"));
		return 1;
	}
	/* Parse everything first: a bad file anywhere means nothing is written. */
	for (int i = 0; i < nfiles; i++) {
		struct import_error e;
		char err[256];
		size_t len = 0;
		char *data = read_checked(names[i], MAX_INPUT_SIZE, &len, err, sizeof err);

		if (!data) {
			put_file_error(names[i], err);
			failed = 1;
			continue;
		}
		if (import_parse(names[i], data, len, encoding, &reports[i], &e) < 0) {
			put_parse_error(names[i], &e);
			failed = 1;
		}
		free(data);
	}
	if (failed) {
		fprintf(stderr, "duban: %s\n", tr("未导入任何内容"));
		goto out;
	}
	for (int i = 0; i < nfiles && !failed; i++) {
		struct import_report *r = reports[i];
		struct db_import_result res;
		size_t count = import_report_item_count(r);
		char a[64], b[64];

		for (size_t w = 0; w < r->warning_count; w++) {
			fputs("duban: ", stderr);
			cli_put_name(stderr, names[i]);
			fprintf(stderr, ": %s", tr("警告："));
			cli_put(stderr, r->warnings[w]);
			fputc('\n', stderr);
		}
		if (dry_run) {
			print_summary(names[i], r);
			continue;
		}
		if (import_placed(db, gazetteer, r, &res) < 0) {
			fputs("duban: ", stderr);
			cli_put_name(stderr, names[i]);
			fputs(": ", stderr);
			cli_put(stderr, db_errmsg(db));
			fputc('\n', stderr);
			failed = 1;
			break;
		}
		cli_put_name(stdout, names[i]);
		fputs(": ", stdout);
		cli_put(stdout, r->region && *r->region ? r->region : tr("（地区不明）"));
		switch (res.outcome) {
		case DB_IMPORT_NEW:
			printf(tr("：已导入 %s，分 %s\n"), items_phrase(a, sizeof a, count),
			       categories_phrase(b, sizeof b, r->category_count));
			break;
		case DB_IMPORT_UNCHANGED:
			printf(tr("：未变，已导入过（%s）；未写入任何内容\n"), items_phrase(a, sizeof a, count));
			break;
		case DB_IMPORT_UPDATED:
			printf(tr("：已更新：新增 %d 项，变更 %d 项，未变 %d 项，不再列出 %d 项\n"),
			       res.items_added, res.items_updated, res.items_unchanged, res.items_removed);
			print_changes(&res);
			break;
		}
		print_summary(names[i], r);
		if (res.difference_count == 1)
			printf("%s\n", tr("  1 个字段在 duban 中修改过，与报告不同；保留了修改："));
		else if (res.difference_count)
			printf(tr("  %zu 个字段在 duban 中修改过，与报告不同；保留了修改：\n"),
			       res.difference_count);
		for (size_t d = 0; d < res.difference_count; d++) {
			fputs("  ", stdout);
			cli_put(stdout, res.differences[d]);
			fputc('\n', stdout);
		}
		db_import_result_free(&res);
	}
	if (dry_run && !failed)
		printf("%s\n", tr("试运行（--dry-run）：未写入任何内容"));
out:
	for (int i = 0; i < nfiles; i++)
		import_report_free(reports[i]);
	free(reports);
	free(gazetteer);
	return failed ? 1 : 0;
}
