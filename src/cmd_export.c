/* cmd_export.c — duban export [--format json|csv] [--bom] [--encoding ENC] [-o FILE]: the
 * whole database to standard output or a file, through export.c's sanitising writers.
 * --bom and --encoding mean the same for both formats. Reads only. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "export.h"
#include "msg.h"

/* Opens the output for -o path. A regular file (or a new one) is written as a temporary file
 * beside it and renamed over it at the end (finish_output), so a failed export never leaves a
 * truncated file where a good one was; anything else (a pipe, /dev/stdout) is written
 * directly. *tmp is the temporary name to rename or remove, or NULL. */
static FILE *open_output(const char *path, char **tmp)
{
	struct stat sb;
	mode_t mask;
	FILE *f;
	int fd;

	*tmp = NULL;
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		return fopen(path, "wb");
	if (!(*tmp = malloc(strlen(path) + 16)))
		return NULL;
	sprintf(*tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(*tmp)) < 0) {
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	/* mkstemp makes 0600; the export gets the mode a plain open would have given. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, stat(path, &sb) == 0 ? sb.st_mode & 07777 : 0666 & ~mask);
	if (!(f = fdopen(fd, "wb"))) {
		close(fd);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
	}
	return f;
}

/* Closes the -o output; on success renames the temporary file over path, else removes it.
 * Returns 0, or -1 with errno set. */
static int finish_output(FILE *out, const char *path, char *tmp, int ok)
{
	int rc = fclose(out) == 0 ? 0 : -1;

	if (tmp) {
		if (rc == 0 && ok && rename(tmp, path) != 0)
			rc = -1;
		if (rc != 0 || !ok) {
			int e = errno;
			unlink(tmp);
			errno = e;
		}
		free(tmp);
	}
	return rc;
}

int cmd_export(struct db *db, int argc, char **argv)
{
	const char *format = "json", *path = NULL;
	struct export_options opt = {0};
	char err[256] = "";
	FILE *out = stdout;
	char *tmp = NULL;
	int rc;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		int takes = strcmp(a, "--format") == 0 || strcmp(a, "--encoding") == 0 ||
		            strcmp(a, "-o") == 0;

		if (takes && i + 1 >= argc)
			return cli_usage_error(tr("export: %s 需要一个值"), a);
		if (strcmp(a, "--format") == 0)
			format = argv[++i];
		else if (strncmp(a, "--format=", 9) == 0)
			format = a + 9;
		else if (strcmp(a, "--bom") == 0)
			opt.bom = 1;
		else if (strcmp(a, "--encoding") == 0)
			opt.encoding = argv[++i];
		else if (strncmp(a, "--encoding=", 11) == 0)
			opt.encoding = a + 11;
		else if (strcmp(a, "-o") == 0)
			path = argv[++i];
		else
			return cli_usage_error(tr("export: 未知参数 %s"), a);
	}
	if (strcmp(format, "json") != 0 && strcmp(format, "csv") != 0)
		return cli_usage_error(tr("export: 未知格式 %s（可用 json 或 csv）"), format);
	if (opt.encoding && !*opt.encoding)
		return cli_usage_error("%s", tr("export: --encoding 需要一个编码名，如 gb18030"));
	if (opt.encoding && (strcasecmp(opt.encoding, "utf-8") == 0 || strcasecmp(opt.encoding, "utf8") == 0))
		opt.encoding = NULL;
	if (path && !(out = open_output(path, &tmp))) {
		fputs("duban: ", stderr);
		cli_put_name(stderr, path);
		cli_printf(stderr, ": %s\n", strerror(errno));
		return 1;
	}
	if (strcmp(format, "json") == 0)
		rc = export_json_to(db, out, &opt, err, sizeof err);
	else
		rc = export_csv(db, out, &opt, err, sizeof err);
	if (path && finish_output(out, path, tmp, rc == 0) != 0 && rc == 0) {
		rc = -1;
		snprintf(err, sizeof err, tr("写入失败：%s"), strerror(errno));
	}
	if (rc)
		return cli_fail(tr("导出失败：%s"), err[0] ? err : strerror(errno));
	return 0;
}
