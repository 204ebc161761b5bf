/* print.c — the printed document and its routes: file or standard output (binary clean, atomic
 * for files), lp by execve (fixed path and argv, clean environment, never a shell), and the
 * terminal's printer through the terminal description's mc5/mc4. Rendering is summary_text.c
 * and print_pdf.c; this file only converts and delivers bytes. */
#include "print.h"

#include <curses.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "msg.h"
#include "print_pdf.h"
#include "summary_internal.h"
#include "text.h"

#define DEFAULT_LP "/usr/bin/lp"

/* The PDF renderer (print_pdf.c) is a module loaded when a PDF is made: Pango, Cairo,
 * GLib and fontconfig are some forty libraries whose loading and start-up would otherwise
 * double the time duban takes to open the board (the board bench's first screen), for a
 * command used once a week. The module is beside the binary (build/duban-pdf.so in the
 * tree) or in DUBAN_LIBDIR when installed; never a path from the environment. */
#define PDF_MODULE "duban-pdf.so"

typedef int pdf_summary_fn(const struct summary *s, const char *author, char **out,
                           size_t *len, int *pages, char *err, size_t errsize);
typedef int pdf_notice_fn(const struct notice *n, const char *author, char **out,
                          size_t *len, int *pages, char *err, size_t errsize);

static pdf_summary_fn *pdf_summary;
static pdf_notice_fn *pdf_notice;

/* Loads the module once. Returns 0, or -1 with the reason in err. */
static int pdf_load(char *err, size_t errsize)
{
	char exe[PATH_MAX], path[PATH_MAX + 32], *slash;
	const char *dirs[2] = {NULL, DUBAN_LIBDIR};
	void *h = NULL;
	ssize_t n;

	if (pdf_summary && pdf_notice)
		return 0;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/'))) {
			*slash = '\0';
			dirs[0] = exe;
		}
	}
	for (size_t i = 0; i < 2 && !h; i++) {
		if (!dirs[i])
			continue;
		snprintf(path, sizeof path, "%s/%s", dirs[i], PDF_MODULE);
		if (access(path, R_OK) == 0)
			h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	}
	if (!h) {
		const char *why = dlerror();
		snprintf(err, errsize, tr("不能生成 PDF：找不到或不能加载打印模块 %s/%s（%s）；"
		                          "可以用 --format text"),
		         DUBAN_LIBDIR, PDF_MODULE, why ? why : tr("文件不存在"));
		return -1;
	}
	/* POSIX allows converting dlsym's object pointer to a function pointer. */
	*(void **)&pdf_summary = dlsym(h, "print_pdf_summary");
	*(void **)&pdf_notice = dlsym(h, "print_pdf_notice");
	if (!pdf_summary || !pdf_notice) {
		snprintf(err, errsize, tr("不能生成 PDF：打印模块 %s 不完整"), PDF_MODULE);
		pdf_summary = NULL;
		pdf_notice = NULL;
		dlclose(h);
		return -1;
	}
	return 0;
}

static int finish_text(char *utf8, size_t len, int gb18030, struct print_doc *out, char *err,
                       size_t errsize)
{
	if (!utf8) {
		snprintf(err, errsize, "%s", tr("内存不足"));
		return -1;
	}
	if (gb18030) {
		size_t n = 0;
		char *gb = text_from_utf8(utf8, len, "GB18030", &n, err, errsize);
		free(utf8);
		if (!gb)
			return -1;
		utf8 = gb;
		len = n;
	}
	out->data = utf8;
	out->len = len;
	out->gb18030 = gb18030;
	return 0;
}

int print_doc_summary(const struct summary *s, enum print_format format, int gb18030,
                      const char *author, struct print_doc *out, char *err, size_t errsize)
{
	size_t len = 0;

	memset(out, 0, sizeof *out);
	out->format = format;
	out->title = summary_copy_string(s->title);
	if (format == PRINT_PDF) {
		if (pdf_load(err, errsize) == 0 &&
		    pdf_summary(s, author, &out->data, &out->len, &out->pages, err, errsize) == 0)
			return 0;
	} else {
		char *t = summary_text(s, 0, &len);
		if (finish_text(t, len, gb18030, out, err, errsize) == 0)
			return 0;
	}
	print_doc_free(out);
	return -1;
}

int print_doc_notice(const struct notice *n, enum print_format format, int gb18030,
                     const char *author, struct print_doc *out, char *err, size_t errsize)
{
	size_t len = 0;

	memset(out, 0, sizeof *out);
	out->format = format;
	out->title = summary_copy_string(n->title);
	if (format == PRINT_PDF) {
		if (pdf_load(err, errsize) == 0 &&
		    pdf_notice(n, author, &out->data, &out->len, &out->pages, err, errsize) == 0)
			return 0;
	} else {
		char *t = notice_text(n, 0, &len);
		if (finish_text(t, len, gb18030, out, err, errsize) == 0)
			return 0;
	}
	print_doc_free(out);
	return -1;
}

void print_doc_free(struct print_doc *d)
{
	if (!d)
		return;
	free(d->data);
	free(d->title);
	memset(d, 0, sizeof *d);
}

/* Writes all len bytes, going on after short writes and interruptions. */
static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int print_to_file(const struct print_doc *d, const char *path, char *err, size_t errsize)
{
	char *tmp;
	size_t n;
	int fd;

	if (strcmp(path, "-") == 0) {
		if (write_all(STDOUT_FILENO, d->data, d->len) < 0) {
			snprintf(err, errsize, tr("写入标准输出失败：%s"), strerror(errno));
			return -1;
		}
		return 0;
	}
	n = strlen(path) + 16;
	if (!(tmp = malloc(n))) {
		snprintf(err, errsize, "%s", tr("内存不足"));
		return -1;
	}
	snprintf(tmp, n, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		snprintf(err, errsize, tr("无法创建 %s：%s"), path, strerror(errno));
		free(tmp);
		return -1;
	}
	/* mkstemp makes 0600; a printout is an ordinary file (umask applies). */
	{
		mode_t um = umask(0);
		umask(um);
		fchmod(fd, 0666 & ~um);
	}
	if (write_all(fd, d->data, d->len) < 0 || fsync(fd) < 0 || close(fd) < 0) {
		snprintf(err, errsize, tr("写入 %s 失败：%s"), path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	if (rename(tmp, path) < 0) {
		snprintf(err, errsize, tr("无法写入 %s：%s"), path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

const char *print_lp_path(void)
{
	const char *p = getenv("DUBAN_LP");

	return p && p[0] == '/' ? p : DEFAULT_LP;
}

/* lp's output with trailing white space removed, on one line. */
static void tidy(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\r'))
		s[--n] = '\0';
	for (char *p = s; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
}

int print_to_lp(const struct print_doc *d, const char *queue, char *job, size_t jobsize, char *err,
                size_t errsize)
{
	char file[] = "/tmp/duban-print-XXXXXX.pdf", out[2048];
	const char *lp = print_lp_path();
	const char *argv[12];
	/* A clean environment: nothing of the user's (LD_PRELOAD, IFS, …) reaches lp. */
	char *const envp[] = {"PATH=/usr/bin:/bin:/usr/sbin:/sbin", "LC_ALL=C.UTF-8", NULL};
	size_t got = 0, k = 0;
	int fd, pipefd[2], status = 0;
	pid_t pid;

	job[0] = '\0';
	if (d->format != PRINT_PDF) {
		snprintf(err, errsize, "%s",
		         tr("不向 CUPS 发送中文纯文本（其文本过滤器会弄乱中文）；请用 PDF"));
		return -1;
	}
	if ((fd = mkstemps(file, 4)) < 0) {
		snprintf(err, errsize, tr("无法创建临时文件：%s"), strerror(errno));
		return -1;
	}
	if (write_all(fd, d->data, d->len) < 0 || close(fd) < 0) {
		snprintf(err, errsize, tr("无法写入临时文件：%s"), strerror(errno));
		unlink(file);
		return -1;
	}
	argv[k++] = "lp";
	if (queue && *queue) {
		argv[k++] = "-d";
		argv[k++] = queue;
	}
	argv[k++] = "-o";
	argv[k++] = "media=A4";
	argv[k++] = "-t";
	argv[k++] = d->title ? d->title : "duban";
	argv[k++] = "--";
	argv[k++] = file;
	argv[k] = NULL;
	if (pipe(pipefd) < 0) {
		snprintf(err, errsize, "pipe: %s", strerror(errno));
		unlink(file);
		return -1;
	}
	if ((pid = fork()) < 0) {
		snprintf(err, errsize, "fork: %s", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		unlink(file);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		if (null >= 0)
			dup2(null, STDIN_FILENO);
		dup2(pipefd[1], STDOUT_FILENO);
		dup2(pipefd[1], STDERR_FILENO);
		close(pipefd[0]);
		close(pipefd[1]);
		execve(lp, (char *const *)argv, envp);
		dprintf(STDERR_FILENO, "%s: %s", lp, strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);
	for (;;) {
		ssize_t n = read(pipefd[0], out + got, sizeof out - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
		if (got == sizeof out - 1)
			break;
	}
	out[got] = '\0';
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	unlink(file);
	{
		char *clean = text_sanitize(out, got, 0);
		snprintf(out, sizeof out, "%s", clean ? clean : "");
		free(clean);
	}
	tidy(out);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (out[0])
			snprintf(err, errsize, tr("lp 失败：%s"), out);
		else
			snprintf(err, errsize, tr("lp 失败（退出码 %d）"),
			         WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return -1;
	}
	/* "request id is QUEUE-42 (1 file(s))": keep the id. */
	{
		const char *p = strstr(out, "request id is ");
		if (p) {
			size_t n;
			p += strlen("request id is ");
			n = strcspn(p, " ");
			snprintf(job, jobsize, "%.*s", (int)n, p);
		} else {
			snprintf(job, jobsize, "%s", out);
		}
	}
	return 0;
}

int print_to_terminal(const struct print_doc *d, int fd, char *err, size_t errsize)
{
	const char *term = getenv("TERM");
	struct termios saved, raw;
	char *on, *off;
	int e = 0, have_tio, rc = 0;

	if (getenv("TMUX") || (term && (strncmp(term, "screen", 6) == 0 || strncmp(term, "tmux", 4) == 0))) {
		snprintf(err, errsize, "%s",
		         tr("在 tmux 或 screen 中无法使用终端打印机：它们不会把打印转义序列传给本地终端"
		            "（mosh 也不会）。请改用 PDF 文件或 lp"));
		return -1;
	}
	if (!isatty(fd)) {
		snprintf(err, errsize, "%s",
		         tr("没有终端：终端打印机要在交互的终端里用（ssh -t，而不是 ssh -T 或重定向）"));
		return -1;
	}
	if (!cur_term && setupterm(NULL, fd, &e) != OK) {
		snprintf(err, errsize, tr("无法读取终端描述 TERM=%s"), term ? term : "");
		return -1;
	}
	on = tigetstr("mc5");
	off = tigetstr("mc4");
	if (!on || on == (char *)-1 || !off || off == (char *)-1) {
		snprintf(err, errsize,
		         tr("终端描述 TERM=%s 没有打印机能力（mc5/mc4）；无法用终端打印机。"
		            "tmux、screen 和 mosh 也不会转发它。请改用 PDF 文件或 lp"),
		         term ? term : "");
		return -1;
	}
	/* The payload is binary (PDF) or GB18030: no newline translation on the way. */
	have_tio = tcgetattr(fd, &saved) == 0;
	if (have_tio) {
		raw = saved;
		raw.c_oflag &= ~(tcflag_t)OPOST;
		tcsetattr(fd, TCSADRAIN, &raw);
	}
	if (write_all(fd, on, strlen(on)) < 0 || write_all(fd, d->data, d->len) < 0 ||
	    write_all(fd, off, strlen(off)) < 0) {
		snprintf(err, errsize, tr("写入终端失败：%s"), strerror(errno));
		rc = -1;
	}
	if (have_tio)
		tcsetattr(fd, TCSADRAIN, &saved);
	return rc;
}
