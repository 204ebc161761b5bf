/* view_preview.c — the print preview screen: the summary or notice as plain text (rebuilt for
 * the screen width), then the routes: save the PDF, lp, the terminal's printer, and the ssh
 * command (with its Windows form) that fetches the PDF. Draws through view_pager / ui_field;
 * rendering and delivery are summary*.c, print_pdf.c and print.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "db.h"
#include "msg.h"
#include "print.h"
#include "state.h"
#include "summary.h"
#include "view_pager.h"
#include "view_preview.h"

struct preview {
	struct pager pager;
	int is_notice;
	struct summary s;
	struct notice n;
	int64_t region_id, item_id;
	unsigned state_mask;
	int overdue_only;
	char command[1024]; /* duban print arguments that make the same page */
	char who[128];      /* the PDF's author */
};

/* Appends s to buf shell-quoted when it holds anything but safe characters. */
static void add_arg(char *buf, size_t size, const char *s)
{
	size_t len = strlen(buf);
	int plain = *s != '\0';

	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      strchr("-_./,:=@+", *p) || (unsigned char)*p >= 0x80))
			plain = 0;
	if (plain) {
		snprintf(buf + len, size - len, " %s", s);
		return;
	}
	snprintf(buf + len, size - len, " '");
	for (const char *p = s; *p && (len = strlen(buf)) + 6 < size; p++) {
		if (*p == '\'')
			snprintf(buf + len, size - len, "'\\''");
		else
			snprintf(buf + len, size - len, "%c", *p);
	}
	len = strlen(buf);
	snprintf(buf + len, size - len, "'");
}

static void make_command(struct preview *v)
{
	char *c = v->command;
	size_t size = sizeof v->command;

	snprintf(c, size, "duban -f");
	add_arg(c, size, ui_db_path() ? ui_db_path() : "DB");
	snprintf(c + strlen(c), size - strlen(c), " print");
	if (v->is_notice) {
		snprintf(c + strlen(c), size - strlen(c), " --notice %lld", (long long)v->item_id);
		return;
	}
	if (v->region_id) {
		snprintf(c + strlen(c), size - strlen(c), " --region");
		add_arg(c, size, v->s.region);
	}
	if (v->state_mask) {
		char states[256] = "";
		for (int st = 0; st < STATE_COUNT; st++)
			if (v->state_mask & (1u << st))
				snprintf(states + strlen(states), sizeof states - strlen(states), "%s%s",
				         states[0] ? "," : "", state_name((enum state)st));
		snprintf(c + strlen(c), size - strlen(c), " --state %s", states);
	}
	if (v->overdue_only)
		snprintf(c + strlen(c), size - strlen(c), " --overdue");
}

static void build(void *owner, struct pager *p, int width)
{
	struct preview *v = owner;
	char line[1400], host[256] = "server";
	const char *user = getenv("USER");
	char *text;
	const char *out = v->is_notice ? tr("销号公示.pdf") : tr("汇总.pdf");

	if (gethostname(host, sizeof host - 1) != 0)
		snprintf(host, sizeof host, "server");
	host[sizeof host - 1] = '\0';
	view_pager_add(p, width, NULL, UI_NORMAL,
	               tr("打印预览（与 PDF 内容相同）。Enter 选择打印方式：s 存为 PDF 文件，"
	                  "l 交给打印机（lp），t 终端的打印机；末尾有用 ssh 下载 PDF 的命令；q 返回。"),
	               UI_HEADER);
	text = v->is_notice ? notice_text(&v->n, width, NULL) : summary_text(&v->s, width, NULL);
	if (!text) {
		view_pager_add(p, width, NULL, UI_NORMAL, tr("内存不足"), UI_ERROR);
		return;
	}
	/* One pager line per text line, as laid out for this width. */
	for (char *l = text, *nl; l && *l; l = nl) {
		nl = strchr(l, '\n');
		if (nl)
			*nl++ = '\0';
		view_pager_add(p, width, NULL, UI_NORMAL, l, UI_NORMAL);
	}
	free(text);
	/* The routes from another machine: the PDF over ssh, binary clean (no pty). */
	view_pager_blank(p);
	snprintf(line, sizeof line, "ssh -T %s@%s %s -o - > %s", user && *user ? user : "user", host,
	         v->command, out);
	view_pager_add(p, width, tr("在自己的电脑上下载："), UI_LABEL, line, UI_NORMAL);
	snprintf(line, sizeof line, "cmd /c \"ssh -T %s@%s %s -o - > %s\"", user && *user ? user : "user",
	         host, v->command, out);
	view_pager_add(p, width, tr("Windows："), UI_LABEL, line, UI_NORMAL);
}

static void draw(void *self, int top, int rows, int cols)
{
	struct preview *v = self;

	view_pager_draw(&v->pager, top, rows, cols);
}

static int render(struct preview *v, struct print_doc *doc)
{
	char err[512];
	int rc = v->is_notice ? print_doc_notice(&v->n, PRINT_PDF, 0, v->who, doc, err, sizeof err)
	                      : print_doc_summary(&v->s, PRINT_PDF, 0, v->who, doc, err, sizeof err);

	if (rc)
		ui_error(tr("无法生成 PDF：%s"), err);
	return rc;
}

static void save_done(void *ctx, const char *text, int accepted)
{
	struct preview *v = ctx;
	struct print_doc doc;
	char err[512];

	if (!accepted || !text || !*text)
		return;
	if (render(v, &doc))
		return;
	if (print_to_file(&doc, text, err, sizeof err) == 0)
		ui_message(tr("已保存 %s（%d 页）"), text, doc.pages);
	else
		ui_error("%s", err);
	print_doc_free(&doc);
}

static void lp_done(void *ctx, const char *text, int accepted)
{
	struct preview *v = ctx;
	struct print_doc doc;
	char err[512], job[256];

	if (!accepted)
		return;
	if (render(v, &doc))
		return;
	if (print_to_lp(&doc, text, job, sizeof job, err, sizeof err) == 0)
		ui_message(tr("已交给打印机：%s"), job);
	else
		ui_error("%s", err);
	print_doc_free(&doc);
}

static void to_terminal(struct preview *v)
{
	struct print_doc doc;
	char err[512];

	if (render(v, &doc))
		return;
	if (print_to_terminal(&doc, STDOUT_FILENO, err, sizeof err) == 0)
		ui_message("%s", tr("已发送到终端打印机"));
	else
		ui_error("%s", err);
	print_doc_free(&doc);
	ui_dirty();
}

static int act(void *self, enum action a);

static void route_chosen(void *ctx, int key)
{
	struct preview *v = ctx;

	if (key == 's')
		act(v, ACT_PRINT_SAVE);
	else if (key == 'l')
		act(v, ACT_PRINT_LP);
	else if (key == 't')
		act(v, ACT_PRINT_TERMINAL);
}

static int act(void *self, enum action a)
{
	struct preview *v = self;
	char name[64];

	switch (a) {
	case ACT_PRINT_ROUTES:
		ui_choose(tr("打印方式："), tr("s 存为 PDF 文件  l 打印机（lp）  t 终端的打印机"),
		          route_chosen, v);
		return 1;
	case ACT_PRINT_SAVE:
		if (v->is_notice)
			snprintf(name, sizeof name, tr("销号公示-%lld.pdf"), (long long)v->item_id);
		else
			snprintf(name, sizeof name, "%s", tr("汇总.pdf"));
		ui_prompt(tr("保存为: "), name, NULL, save_done, v);
		return 1;
	case ACT_PRINT_LP:
		ui_prompt(tr("打印机队列（留空为默认）: "), "", NULL, lp_done, v);
		return 1;
	case ACT_PRINT_TERMINAL:
		to_terminal(v);
		return 1;
	default:
		return view_pager_act(&v->pager, a);
	}
}

static void status(void *self, char *buf, size_t size)
{
	struct preview *v = self;

	view_pager_status(&v->pager, buf, size);
}

static void title(void *self, char *buf, size_t size)
{
	struct preview *v = self;

	snprintf(buf, size, " %s > %s", tr("督办"), v->is_notice ? tr("销号公示预览") : tr("打印预览"));
}

static void close_preview(void *self)
{
	struct preview *v = self;

	view_pager_clear(&v->pager);
	summary_free(&v->s);
	notice_free(&v->n);
	free(v);
}

static void fill_view(struct preview *v, struct ui_view *view)
{
	const char *who = getenv("DUBAN_USER");

	if (!who || !*who)
		who = getenv("USER");
	snprintf(v->who, sizeof v->who, "%s", who && *who ? who : "unknown");
	v->pager.build = build;
	v->pager.owner = v;
	make_command(v);
	memset(view, 0, sizeof *view);
	view->keys = KEYS_PREVIEW;
	view->hint = tr("Enter 打印方式  s 存 PDF  l 打印机  t 终端打印机  q 返回");
	view->draw = draw;
	view->act = act;
	view->status = status;
	view->title = title;
	view->close = close_preview;
	view->self = v;
}

int view_preview_summary(struct db *db, int64_t region_id, unsigned state_mask, int overdue_only,
                         struct ui_view *view)
{
	struct preview *v = calloc(1, sizeof *v);
	struct summary_query q = {0};

	if (!v) {
		ui_error("%s", tr("内存不足"));
		return -1;
	}
	q.region_id = region_id;
	q.state_mask = state_mask;
	q.overdue_only = overdue_only;
	q.today = ui_today();
	q.limit = SUMMARY_DEFAULT_LIMIT;
	fill_view(v, view); /* sets v->who */
	q.who = v->who;
	if (summary_build(db, &q, &v->s) != 0) {
		ui_error(tr("无法生成汇总：%s"), db_errmsg(db));
		free(v);
		return -1;
	}
	v->region_id = region_id;
	v->state_mask = state_mask;
	v->overdue_only = overdue_only;
	make_command(v);
	return 0;
}

int view_preview_notice(struct db *db, int64_t id, struct ui_view *view)
{
	struct preview *v = calloc(1, sizeof *v);
	char why[512];

	if (!v) {
		ui_error("%s", tr("内存不足"));
		return -1;
	}
	if (notice_build(db, id, NULL, &v->n, why, sizeof why) != 0) {
		ui_error("%s", why);
		free(v);
		return -1;
	}
	v->is_notice = 1;
	v->item_id = id;
	fill_view(v, view);
	return 0;
}
