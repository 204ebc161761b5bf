/* cmd_print.c — duban print: the summary page of a region (or the verification notice of an
 * item) as PDF or plain text, to a file, standard output, lp or the terminal's printer.
 * Argument parsing and messages only; the pages are summary*.c, print_pdf.c and print.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "date.h"
#include "db.h"
#include "db_board.h"
#include "db_sha256.h"
#include "msg.h"
#include "print.h"
#include "summary.h"

/* The region named name: 0 and *found = 0 when none, -1 when several regions have the name. */
static int64_t region_by_name(struct db *db, const char *name, int *found)
{
	struct board_region *r = NULL;
	size_t n = 0;
	int64_t id = 0;

	*found = 0;
	if (db_board_regions(db, date_today(), &r, &n) < 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].name, name) == 0) {
			id = r[i].id;
			(*found)++;
		}
	db_board_regions_free(r, n);
	return *found > 1 ? -1 : id;
}

/* Parses "behind,pending" into a state mask. Returns 0 or -1 for an unknown name. */
static int parse_states(const char *list, unsigned *mask, char *bad, size_t badsize)
{
	char buf[256], *save = NULL;

	snprintf(buf, sizeof buf, "%s", list);
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int s = state_from_name(t);
		if (s < 0) {
			snprintf(bad, badsize, "%s", t);
			return -1;
		}
		*mask |= 1u << s;
	}
	return 0;
}

static int parse_count(const char *s, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

int cmd_print(struct db *db, int argc, char **argv)
{
	const char *out = NULL, *to = NULL, *format = "pdf", *encoding = NULL, *region = NULL;
	const char *states = NULL, *issuer = NULL;
	long notice = 0, limit = SUMMARY_DEFAULT_LIMIT, days = NOTICE_DEFAULT_DAYS;
	struct summary_query q = {0};
	struct print_doc doc;
	char err[1024] = "";
	int overdue = 0, gb = 0, rc;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
#define TAKE(var)                                                                             \
	do {                                                                                  \
		if (!v)                                                                       \
			return cli_usage_error(tr("print：%s 需要一个值"), a);                   \
		var = v;                                                                      \
		i++;                                                                          \
	} while (0)
		if (strcmp(a, "--notice") == 0) {
			const char *s;
			TAKE(s);
			if (parse_count(s, 1L << 62, &notice) < 0 || notice == 0)
				return cli_usage_error(tr("print：%s 不是事项编号"), s);
		} else if (strcmp(a, "--format") == 0) {
			TAKE(format);
		} else if (strcmp(a, "--encoding") == 0) {
			TAKE(encoding);
		} else if (strcmp(a, "-o") == 0) {
			TAKE(out);
		} else if (strcmp(a, "--to") == 0) {
			TAKE(to);
		} else if (strcmp(a, "--region") == 0) {
			TAKE(region);
		} else if (strcmp(a, "--state") == 0) {
			TAKE(states);
		} else if (strcmp(a, "--overdue") == 0) {
			overdue = 1;
		} else if (strcmp(a, "--limit") == 0) {
			const char *s;
			TAKE(s);
			if (parse_count(s, 1000000000L, &limit) < 0)
				return cli_usage_error(tr("print：%s 不是行数（0 表示全部）"), s);
		} else if (strcmp(a, "--days") == 0) {
			const char *s;
			TAKE(s);
			if (parse_count(s, 3650, &days) < 0 || days == 0)
				return cli_usage_error(tr("print：公示期 %s 不是天数"), s);
		} else if (strcmp(a, "--issuer") == 0) {
			TAKE(issuer);
		} else {
			return cli_usage_error(tr("print：未知参数 %s"), a);
		}
#undef TAKE
	}
	if (strcmp(format, "pdf") != 0 && strcmp(format, "text") != 0)
		return cli_usage_error(tr("print：未知格式 %s（pdf 或 text）"), format);
	if (encoding) {
		if (strcasecmp(encoding, "gb18030") == 0)
			gb = 1;
		else if (strcasecmp(encoding, "utf-8") != 0 && strcasecmp(encoding, "utf8") != 0)
			return cli_usage_error(tr("print：编码 %s 不支持（utf-8 或 gb18030）"), encoding);
		if (strcmp(format, "text") != 0)
			return cli_usage_error("%s", tr("print：--encoding 只用于 --format text"));
	}
	/* A printer with built-in Chinese fonts reads GB18030, never UTF-8. */
	if (to && strcmp(to, "terminal") == 0 && strcmp(format, "text") == 0) {
		if (encoding && !gb)
			return cli_usage_error("%s", tr("print：终端打印机的文本只用 GB18030（--encoding gb18030）"));
		gb = 1;
	}
	if (to && strcmp(to, "terminal") != 0 && strcmp(to, "lp") != 0 && strncmp(to, "lp:", 3) != 0)
		return cli_usage_error(tr("print：--to %s 未知（lp、lp:队列 或 terminal）"), to);
	if (to && out)
		return cli_usage_error("%s", tr("print：-o 和 --to 只能选一个"));
	if (to && strncmp(to, "lp", 2) == 0 && strcmp(format, "pdf") != 0)
		return cli_usage_error("%s",
		                       tr("print：不向 CUPS 发送中文纯文本（其文本过滤器会弄乱中文）；lp 只用 PDF"));
	if (!to && !out) {
		if (strcmp(format, "pdf") == 0 && isatty(STDOUT_FILENO))
			return cli_usage_error("%s", tr("print：PDF 不能显示在终端上；用 -o 文件 保存，"
			                                "-o - 写到标准输出，或 --format text 查看文本"));
		out = "-";
	}

	if (notice) {
		struct notice n;
		struct notice_options o = {(int)days, issuer};
		char why[512];

		if (region || states || overdue)
			return cli_usage_error("%s", tr("print：--notice 不能与 --region、--state、--overdue 同用"));
		rc = notice_build(db, notice, &o, &n, why, sizeof why);
		if (rc)
			return cli_fail("%s", why);
		rc = print_doc_notice(&n, strcmp(format, "pdf") == 0 ? PRINT_PDF : PRINT_TEXT, gb,
		                      cli_user(), &doc, err, sizeof err);
		notice_free(&n);
	} else {
		struct summary s;
		unsigned mask = 0;
		char bad[128];

		if (states && parse_states(states, &mask, bad, sizeof bad) < 0)
			return cli_usage_error(tr("print：未知状态 %s"), bad);
		if (region) {
			int found;
			q.region_id = region_by_name(db, region, &found);
			if (found == 0)
				return cli_fail(tr("没有名为 %s 的地区"), region);
			if (found > 1)
				return cli_fail(tr("有 %d 个地区名为 %s"), found, region);
		}
		q.state_mask = mask;
		q.overdue_only = overdue;
		q.today = date_today();
		q.limit = (size_t)limit;
		q.who = cli_user();
		rc = summary_build(db, &q, &s);
		if (rc)
			return cli_fail("%s", db_errmsg(db));
		rc = print_doc_summary(&s, strcmp(format, "pdf") == 0 ? PRINT_PDF : PRINT_TEXT, gb,
		                       cli_user(), &doc, err, sizeof err);
		summary_free(&s);
	}
	if (rc)
		return cli_fail("%s", err);

	if (to && strncmp(to, "lp", 2) == 0) {
		char job[512];
		rc = print_to_lp(&doc, to[2] == ':' ? to + 3 : NULL, job, sizeof job, err, sizeof err);
		if (rc == 0)
			cli_printf(stderr, tr("已交给打印机：%s\n"), job);
	} else if (to) {
		rc = print_to_terminal(&doc, isatty(STDOUT_FILENO) ? STDOUT_FILENO : STDERR_FILENO, err,
		                       sizeof err);
		if (rc == 0)
			cli_printf(stderr, "%s\n", tr("已发送到终端打印机"));
	} else if (strcmp(out, "-") == 0 && doc.format == PRINT_TEXT && !gb && isatty(STDOUT_FILENO)) {
		/* Text for the user's eyes: through the one output path (locale codeset). */
		cli_put(stdout, doc.data);
	} else {
		rc = print_to_file(&doc, out, err, sizeof err);
		if (rc == 0 && strcmp(out, "-") != 0) {
			if (doc.format == PRINT_PDF)
				cli_printf(stderr, tr("已写入 %s（%d 页，%zu 字节）\n"), out, doc.pages, doc.len);
			else
				cli_printf(stderr, tr("已写入 %s（%zu 字节）\n"), out, doc.len);
		}
	}
	if (rc == 0) {
		/* The digest of exactly the bytes delivered, so a copy fetched over ssh can be
		 * checked against it (sha256sum). */
		char hex[65];
		cli_printf(stderr, tr("SHA-256：%s\n"), sha256_hex(doc.data, doc.len, hex));
	}
	print_doc_free(&doc);
	if (rc)
		return cli_fail("%s", err);
	return 0;
}
