/* view_help.c — the help screen, generated from the key table (keys_help), so it can never
 * disagree with what the keys do. Shows the colours of the states too. */
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "text.h"
#include "view_help.h"
#include "view_pager.h"

struct help {
	struct pager pager;
};

struct build_ctx {
	struct pager *p;
	int width;
	int keys_cols;
};

static void measure(const char *keys, const char *text, void *arg)
{
	struct build_ctx *c = arg;
	int w = text_width(keys, strlen(keys));

	(void)text;
	if (w > c->keys_cols)
		c->keys_cols = w;
}

static void add_line(const char *keys, const char *text, void *arg)
{
	struct build_ctx *c = arg;
	char label[160];
	int w = text_width(keys, strlen(keys));
	size_t len = strlen(keys);

	/* Pad the keys to one column so the descriptions line up. */
	if (len + (size_t)(c->keys_cols - w) + 5 < sizeof label) {
		memcpy(label, "  ", 2);
		memcpy(label + 2, keys, len);
		memset(label + 2 + len, ' ', (size_t)(c->keys_cols - w) + 2);
		label[2 + len + (size_t)(c->keys_cols - w) + 2] = '\0';
	} else {
		label[0] = '\0';
	}
	view_pager_add(c->p, c->width, label, UI_LABEL, text, UI_NORMAL);
}

static void build(void *owner, struct pager *p, int width)
{
	static const enum keys_context order[] = {KEYS_BOARD, KEYS_MOVE, KEYS_ITEM, KEYS_PREVIEW,
	                                          KEYS_PROMPT, KEYS_CHOOSE,
	                                          KEYS_GLOBAL};
	struct build_ctx c = {p, width, 0};

	(void)owner;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		keys_help(order[i], measure, &c);
	if (c.keys_cols > width / 2)
		c.keys_cols = width / 2;
	view_pager_add(p, width, NULL, UI_NORMAL,
	               "督办看板的按键（man duban 有同样的列表）。q 或 Esc 返回。", UI_NORMAL);
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		view_pager_blank(p);
		view_pager_add(p, width, NULL, UI_NORMAL, keys_context_title(order[i]), UI_HEADER);
		keys_help(order[i], add_line, &c);
	}
	view_pager_blank(p);
	view_pager_add(p, width, NULL, UI_NORMAL, "状态的颜色（文字总会写出状态）", UI_HEADER);
	for (int s = 0; s < STATE_COUNT; s++)
		view_pager_add(p, width, "  ", UI_NORMAL, state_label((enum state)s),
		               (enum ui_role)(UI_STATE + s));
	view_pager_add(p, width, "  ", UI_NORMAL, "逾期 N 天：期限已过、尚未完成的事项", UI_OVERDUE);
}

static void draw(void *self, int top, int rows, int cols)
{
	struct help *h = self;

	view_pager_draw(&h->pager, top, rows, cols);
}

static int act(void *self, enum action action)
{
	struct help *h = self;

	return view_pager_act(&h->pager, action);
}

static void status(void *self, char *buf, size_t size)
{
	struct help *h = self;

	view_pager_status(&h->pager, buf, size);
}

static void title(void *self, char *buf, size_t size)
{
	(void)self;
	snprintf(buf, size, " 督办 > 帮助");
}

static void close_help(void *self)
{
	struct help *h = self;

	view_pager_clear(&h->pager);
	free(h);
}

int view_help_open(struct ui_view *view)
{
	struct help *h = calloc(1, sizeof *h);

	if (!h)
		return -1;
	h->pager.build = build;
	h->pager.owner = h;
	memset(view, 0, sizeof *view);
	view->keys = KEYS_GLOBAL;
	view->hint = "j/k 滚动  Space 翻页  q 返回";
	view->draw = draw;
	view->act = act;
	view->status = status;
	view->title = title;
	view->close = close_help;
	view->self = h;
	return 0;
}
