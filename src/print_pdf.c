/* print_pdf.c — A4 PDF of the summary and of the notice: Pango lays out every cell (wrapping or
 * ellipsizing inside it), Cairo draws at explicit positions and subsets the embedded font.
 * Two passes: the first counts the pages (for 第 N 页 / 共 M 页), the second draws.
 * Reads the model's structs only; no curses, no printing, no SQL. */
#include "print_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "msg.h"
#include "text.h"

/* A4 in PostScript points, and the margins. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN_X 50.0
#define MARGIN_TOP 56.0
#define CONTENT_BOTTOM (PAGE_H - 64.0)
#define FOOTER_Y (PAGE_H - 44.0)
#define CONTENT_W (PAGE_W - 2 * MARGIN_X)
#define PAD 3.0        /* inside a table cell */
#define BODY_PT 8.5    /* table text */
#define MAX_CELL_LINES 3

struct buffer {
	char *p;
	size_t len, cap;
	int failed;
};

static cairo_status_t buffer_write(void *closure, const unsigned char *data, unsigned int length)
{
	struct buffer *b = closure;

	if (b->len + length > b->cap) {
		size_t cap = b->cap ? b->cap : 65536;
		char *p;
		while (cap < b->len + length)
			cap *= 2;
		if (!(p = realloc(b->p, cap))) {
			b->failed = 1;
			return CAIRO_STATUS_WRITE_ERROR;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, length);
	b->len += length;
	return CAIRO_STATUS_SUCCESS;
}

/* Whether fontconfig resolves the family to itself (not to a fallback font). */
static int font_available(const char *family)
{
	FcPattern *pat, *match;
	FcResult res;
	FcChar8 *got = NULL;
	int ok = 0;

	if (!FcInit())
		return 0;
	pat = FcNameParse((const FcChar8 *)family);
	if (!pat)
		return 0;
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(NULL, pat, &res);
	if (match && FcPatternGetString(match, FC_FAMILY, 0, &got) == FcResultMatch)
		for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &got) == FcResultMatch; i++)
			if (strcmp((const char *)got, family) == 0)
				ok = 1;
	if (match)
		FcPatternDestroy(match);
	FcPatternDestroy(pat);
	return ok;
}

enum align { LEFT, CENTER, RIGHT };

struct column {
	const char *head;
	double width;
	enum align align;
	int max_lines; /* 1: one line, ellipsized; more: wrapped, the last line ellipsized */
};

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoContext *ctx;
	PangoLayout *layout;
	PangoFontDescription *font;
	int draw;          /* 0 in the counting pass */
	int page, pages;   /* current page (1-based); total, known in the drawing pass */
	double y;
	/* The table being drawn, whose header each new page repeats. */
	const struct column *cols;
	size_t ncols;
};

/* Sets the layout to text in width points (0: no wrapping) at size points; returns its height. */
static double set_text(struct pdf *p, const char *text, double width, double size, int bold,
                       enum align align, int max_lines)
{
	PangoRectangle ink, logical;
	char *clean = text_sanitize(text ? text : "", strlen(text ? text : ""), 1);

	pango_font_description_set_absolute_size(p->font, size * PANGO_SCALE);
	pango_font_description_set_weight(p->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(p->layout, p->font);
	pango_layout_set_width(p->layout, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_height(p->layout, max_lines > 0 ? -max_lines : -1000);
	pango_layout_set_ellipsize(p->layout, max_lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
	pango_layout_set_alignment(p->layout, align == CENTER  ? PANGO_ALIGN_CENTER
	                                      : align == RIGHT ? PANGO_ALIGN_RIGHT
	                                                       : PANGO_ALIGN_LEFT);
	pango_layout_set_indent(p->layout, 0);
	pango_layout_set_text(p->layout, clean ? clean : "", -1);
	free(clean);
	pango_layout_get_extents(p->layout, &ink, &logical);
	return (double)logical.height / PANGO_SCALE;
}

/* Cairo 1.16's CFF subsetter (Debian 12) can drop local subroutines a Noto Sans CJK glyph
 * needs (it skips a subroutine it has already seen, losing the hints counted in it, then
 * misreads the hintmask), and the glyph prints blank: 如 alone does. So the text is drawn in
 * cairo user fonts whose glyphs are Noto Sans CJK SC's own outlines read by FreeType (which
 * reads the font right): Type 3 fonts embedded in the PDF, each glyph stored once, with the
 * text attached (cairo_show_text_glyphs) so that search, copy and pdftotext get it. */
static const cairo_user_data_key_t outline_key;

/* The user font's glyph: the real font's outline at unit size (font space is the em). */
static cairo_status_t outline_render(cairo_scaled_font_t *sf, unsigned long glyph, cairo_t *cr,
                                     cairo_text_extents_t *ext)
{
	cairo_scaled_font_t *real = cairo_font_face_get_user_data(cairo_scaled_font_get_font_face(sf),
	                                                          &outline_key);
	cairo_glyph_t g = {glyph, 0, 0};

	if (!real)
		return CAIRO_STATUS_USER_FONT_ERROR;
	cairo_set_scaled_font(cr, real);
	cairo_glyph_path(cr, &g, 1);
	cairo_fill(cr);
	cairo_scaled_font_glyph_extents(real, &g, 1, ext);
	return CAIRO_STATUS_SUCCESS;
}

/* One user font per real font face (regular, bold, a fallback face), made on first use. */
#define MAX_FACES 8
static struct {
	cairo_font_face_t *real, *user;
} faces[MAX_FACES];

static cairo_font_face_t *outline_face(cairo_font_face_t *real)
{
	cairo_matrix_t unit;
	cairo_font_options_t *fo;
	cairo_scaled_font_t *at_unit;
	size_t i;

	for (i = 0; i < MAX_FACES && faces[i].real; i++)
		if (faces[i].real == real)
			return faces[i].user;
	if (i == MAX_FACES)
		return NULL;
	cairo_matrix_init_identity(&unit);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	at_unit = cairo_scaled_font_create(real, &unit, &unit, fo);
	cairo_font_options_destroy(fo);
	faces[i].real = cairo_font_face_reference(real);
	faces[i].user = cairo_user_font_face_create();
	cairo_user_font_face_set_render_glyph_func(faces[i].user, outline_render);
	cairo_font_face_set_user_data(faces[i].user, &outline_key, at_unit,
	                              (cairo_destroy_func_t)cairo_scaled_font_destroy);
	return faces[i].user;
}

/* Draws the glyphs of one line at (x, baseline y) in the outline fonts, with the text of each
 * cluster of glyphs (pango's log_clusters) for the PDF's ToUnicode map. */
static void outline_line(struct pdf *p, PangoLayoutLine *line, double x, double y)
{
	const char *text = pango_layout_get_text(p->layout);
	double run_x = x;

	for (GSList *r = line->runs; r; r = r->next) {
		PangoGlyphItem *gi = r->data;
		PangoGlyphString *gs = gi->glyphs;
		PangoItem *item = gi->item;
		cairo_scaled_font_t *real =
		    pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(item->analysis.font));
		cairo_font_face_t *uf = real ? outline_face(cairo_scaled_font_get_font_face(real)) : NULL;
		size_t cap = (size_t)gs->num_glyphs + 1;
		cairo_glyph_t *g = malloc(cap * sizeof *g);
		cairo_text_cluster_t *cl = malloc(cap * sizeof *cl);
		cairo_matrix_t fm;
		double gx = run_x;
		int n = 0, nc = 0;

		for (int i = 0; i < gs->num_glyphs && g && cl; i++) {
			PangoGlyphInfo *info = &gs->glyphs[i];
			int start = gs->log_clusters[i];

			if (i == 0 || start != gs->log_clusters[i - 1]) {
				int next = item->length;
				for (int j = i + 1; j < gs->num_glyphs; j++)
					if (gs->log_clusters[j] != start) {
						next = gs->log_clusters[j];
						break;
					}
				cl[nc].num_bytes = next > start ? next - start : 0;
				cl[nc].num_glyphs = 0;
				nc++;
			}
			if (info->glyph != PANGO_GLYPH_EMPTY && !(info->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
				g[n].index = info->glyph;
				g[n].x = gx + (double)info->geometry.x_offset / PANGO_SCALE;
				g[n].y = y + (double)info->geometry.y_offset / PANGO_SCALE;
				n++;
				cl[nc - 1].num_glyphs++;
			}
			gx += (double)info->geometry.width / PANGO_SCALE;
		}
		if (uf && g && cl && n) {
			/* Clusters with neither bytes nor glyphs are not allowed: fold them away. */
			int k = 0;
			for (int c = 0; c < nc; c++)
				if (cl[c].num_bytes || cl[c].num_glyphs)
					cl[k++] = cl[c];
			cairo_scaled_font_get_font_matrix(real, &fm);
			cairo_set_font_face(p->cr, uf);
			cairo_set_font_matrix(p->cr, &fm);
			cairo_show_text_glyphs(p->cr, text + item->offset, item->length, g, n, cl, k, 0);
		}
		free(g);
		free(cl);
		run_x = gx;
	}
}

static void show_line_at(struct pdf *p, PangoLayoutLine *line, double x, double y)
{
	if (!p->draw)
		return;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	outline_line(p, line, x, y);
}

/* The layout at (x, y), its top left corner, line by line. */
static void show_at(struct pdf *p, double x, double y)
{
	PangoLayoutIter *it;

	if (!p->draw)
		return;
	it = pango_layout_get_iter(p->layout);
	do {
		PangoRectangle lr;
		int baseline = pango_layout_iter_get_baseline(it);

		pango_layout_iter_get_line_extents(it, NULL, &lr);
		show_line_at(p, pango_layout_iter_get_line_readonly(it), x + (double)lr.x / PANGO_SCALE,
		             y + (double)baseline / PANGO_SCALE);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static void footer(struct pdf *p)
{
	char buf[96];

	if (!p->draw)
		return;
	snprintf(buf, sizeof buf, tr("第 %d 页 / 共 %d 页"), p->page, p->pages);
	set_text(p, buf, CONTENT_W, 9, 0, CENTER, 1);
	show_at(p, MARGIN_X, FOOTER_Y);
}

static void table_header(struct pdf *p);

static void new_page(struct pdf *p)
{
	footer(p);
	if (p->draw)
		cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN_TOP;
	if (p->cols)
		table_header(p);
}

/* Starts a new page unless h more points fit on this one. */
static void ensure(struct pdf *p, double h)
{
	if (p->y + h > CONTENT_BOTTOM && p->y > MARGIN_TOP)
		new_page(p);
}

/* A paragraph across the content width. indent: points of first-line indent. */
static void paragraph(struct pdf *p, const char *text, double size, int bold, enum align align,
                      double indent, double after)
{
	PangoRectangle logical;
	PangoLayoutIter *it;
	double h;

	set_text(p, text, CONTENT_W, size, bold, align, 0);
	/* The indent changes the line breaks: measure after setting it. */
	pango_layout_set_indent(p->layout, (int)(indent * PANGO_SCALE));
	pango_layout_get_extents(p->layout, NULL, &logical);
	h = (double)logical.height / PANGO_SCALE;
	if (p->y + h <= CONTENT_BOTTOM || p->y <= MARGIN_TOP) {
		show_at(p, MARGIN_X, p->y);
		p->y += h + after;
		return;
	}
	/* Too long for what is left of the page: line by line. */
	it = pango_layout_get_iter(p->layout);
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle lr;
		int baseline = pango_layout_iter_get_baseline(it);
		double lh, base;

		pango_layout_iter_get_line_extents(it, NULL, &lr);
		lh = (double)lr.height / PANGO_SCALE;
		base = (double)(baseline - lr.y) / PANGO_SCALE;
		ensure(p, lh);
		show_line_at(p, line, MARGIN_X + (double)lr.x / PANGO_SCALE, p->y + base);
		p->y += lh;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->y += after;
}

static double cell_height(struct pdf *p, const struct column *c, const char *text, int bold)
{
	return set_text(p, text, c->width - 2 * PAD, BODY_PT, bold, c->align, c->max_lines) + 2 * PAD;
}

/* One row of cells at explicit positions: each cell a rectangle at its column's x, the text
 * inside it (wrapped / ellipsized by Pango), the row as tall as its tallest cell. */
static void table_row_at(struct pdf *p, const char *const *cells, int bold, int shade)
{
	double h = 0, x = MARGIN_X;

	for (size_t i = 0; i < p->ncols; i++) {
		double ch = cell_height(p, &p->cols[i], cells[i], bold);
		if (ch > h)
			h = ch;
	}
	if (p->y + h > CONTENT_BOTTOM && p->y > MARGIN_TOP + 40)
		new_page(p);
	for (size_t i = 0; i < p->ncols; i++) {
		const struct column *c = &p->cols[i];

		if (p->draw) {
			cairo_rectangle(p->cr, x, p->y, c->width, h);
			if (shade) {
				cairo_set_source_rgb(p->cr, 0.90, 0.90, 0.90);
				cairo_fill_preserve(p->cr);
			}
			cairo_set_source_rgb(p->cr, 0, 0, 0);
			cairo_set_line_width(p->cr, 0.5);
			cairo_stroke(p->cr);
		}
		cell_height(p, c, cells[i], bold);
		show_at(p, x + PAD, p->y + PAD);
		x += c->width;
	}
	p->y += h;
}

static void table_header(struct pdf *p)
{
	const char *heads[16];

	for (size_t i = 0; i < p->ncols && i < 16; i++)
		heads[i] = p->cols[i].head;
	table_row_at(p, heads, 1, 1);
}

static void table_begin(struct pdf *p, const struct column *cols, size_t n)
{
	/* The header and at least one row together. */
	ensure(p, 48);
	p->cols = cols;
	p->ncols = n;
	table_header(p);
}

static void table_end(struct pdf *p, double after)
{
	p->cols = NULL;
	p->ncols = 0;
	p->y += after;
}

/* A label and a line to write on: 审核人：________ */
static void blank_line(struct pdf *p, double x, double y, const char *label, double line_w)
{
	PangoRectangle logical;
	double w;

	set_text(p, label, 0, 10.5, 0, LEFT, 0);
	pango_layout_get_extents(p->layout, NULL, &logical);
	w = (double)logical.width / PANGO_SCALE;
	show_at(p, x, y);
	if (p->draw) {
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		cairo_set_line_width(p->cr, 0.6);
		cairo_move_to(p->cr, x + w + 2, y + (double)logical.height / PANGO_SCALE);
		cairo_line_to(p->cr, x + w + 2 + line_w, y + (double)logical.height / PANGO_SCALE);
		cairo_stroke(p->cr);
	}
}

static int pdf_open(struct pdf *p, struct buffer *b, const char *title, const char *author,
                    char *err, size_t errsize)
{
	cairo_font_options_t *fo;

	memset(p, 0, sizeof *p);
	if (!font_available(PRINT_PDF_FONT)) {
		snprintf(err, errsize,
		         tr("找不到字体 %s（fontconfig）；Debian 上请安装 fonts-noto-cjk"), PRINT_PDF_FONT);
		return -1;
	}
	p->surface = cairo_pdf_surface_create_for_stream(buffer_write, b, PAGE_W, PAGE_H);
	if (cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errsize, "%s", cairo_status_to_string(cairo_surface_status(p->surface)));
		cairo_surface_destroy(p->surface);
		return -1;
	}
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title ? title : "");
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_AUTHOR, author ? author : "");
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "duban");
	p->cr = cairo_create(p->surface);
	p->ctx = pango_cairo_create_context(p->cr);
	/* Outlines at their true advance widths: hinted metrics would differ from the PDF's. */
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(p->ctx, fo);
	cairo_font_options_destroy(fo);
	/* Simplified Chinese glyph forms, and the language for line breaking. */
	pango_context_set_language(p->ctx, pango_language_from_string("zh-cn"));
	p->layout = pango_layout_new(p->ctx);
	p->font = pango_font_description_from_string(PRINT_PDF_FONT);
	return 0;
}

static void pdf_pass(struct pdf *p, int draw)
{
	p->draw = draw;
	p->page = 1;
	p->y = MARGIN_TOP;
	p->cols = NULL;
	p->ncols = 0;
}

/* Inserts /Lang (zh-CN) into the document catalog, shifting the cross-reference offsets of the
 * objects after it: cairo has no call for the document language. Leaves the buffer as it was
 * when the PDF does not have the classic layout this expects. */
static void add_lang(struct buffer *b)
{
	static const char key[] = "/Type /Catalog";
	static const char ins[] = " /Lang (zh-CN)";
	size_t n = sizeof ins - 1, at, xref_at, start_at;
	char *cat = NULL, *xref = NULL, *sx = NULL, *p;
	char *buf;

	if (!b->p || b->failed)
		return;
	for (size_t i = 0; i + sizeof key - 1 <= b->len; i++)
		if (memcmp(b->p + i, key, sizeof key - 1) == 0)
			cat = b->p + i;
	for (size_t i = 0; i + 5 <= b->len; i++)
		if (memcmp(b->p + i, "\nxref\n", 6) == 0)
			xref = b->p + i + 1;
	for (size_t i = 0; i + 9 <= b->len; i++)
		if (memcmp(b->p + i, "startxref", 9) == 0)
			sx = b->p + i;
	if (!cat || !xref || !sx || cat > xref || xref > sx)
		return;
	at = (size_t)(cat - b->p) + sizeof key - 1;
	xref_at = (size_t)(xref - b->p);
	start_at = (size_t)(sx - b->p);
	if (!(buf = malloc(b->len + n + 32)))
		return;
	memcpy(buf, b->p, at);
	memcpy(buf + at, ins, n);
	memcpy(buf + at + n, b->p + at, start_at - at);
	/* Cross-reference entries are "oooooooooo ggggg n \n": shift those past the insertion. */
	p = buf + xref_at + n;
	p = strchr(p, '\n');
	while (p && p < buf + start_at + n) {
		char *line = p + 1;
		unsigned long off;
		char tail[32];

		if (sscanf(line, "%10lu %31[^\n]", &off, tail) == 2 && strlen(line) > 20 && line[10] == ' ' &&
		    line[17] == 'n' && off > at) {
			char num[11];
			snprintf(num, sizeof num, "%010lu", off + n);
			memcpy(line, num, 10);
		}
		p = strchr(line, '\n');
	}
	{
		size_t len = start_at + n;
		len += (size_t)snprintf(buf + len, 32, "startxref\n%zu\n%%%%EOF\n", xref_at + n);
		free(b->p);
		b->p = buf;
		b->len = len;
		b->cap = b->len + n + 32;
	}
}

static int pdf_close(struct pdf *p, struct buffer *b, char **out, size_t *len, int *pages,
                     char *err, size_t errsize)
{
	cairo_status_t st;

	g_object_unref(p->layout);
	g_object_unref(p->ctx);
	pango_font_description_free(p->font);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surface);
	st = cairo_surface_status(p->surface);
	cairo_surface_destroy(p->surface);
	if (st != CAIRO_STATUS_SUCCESS || b->failed) {
		snprintf(err, errsize, "%s", b->failed ? tr("内存不足") : cairo_status_to_string(st));
		free(b->p);
		return -1;
	}
	add_lang(b);
	*out = b->p;
	*len = b->len;
	if (pages)
		*pages = p->pages;
	return 0;
}

/* ---- the summary ------------------------------------------------------------------------- */

static void summary_pass(struct pdf *p, const struct summary *s)
{
	static const char *const section[] = {"一、", "二、", "三、", "四、"};
	struct column counts[STATE_COUNT + 4];
	struct column list[6];
	char meta[512], day[24], head[256];
	const char *cells[STATE_COUNT + 4];
	char nums[STATE_COUNT + 4][32];
	size_t k = 0;

	/* Counts: the region column takes what the numbers leave. */
	/* Seven digits (a million items) fit the total and overdue columns at BODY_PT. */
	for (int st = 0; st < STATE_COUNT; st++)
		counts[1 + st] = (struct column){state_label((enum state)st), 35, RIGHT, 2};
	counts[1 + STATE_COUNT] = (struct column){tr("合计"), 46, RIGHT, 1};
	counts[2 + STATE_COUNT] = (struct column){tr("逾期"), 44, RIGHT, 1};
	counts[3 + STATE_COUNT] = (struct column){tr("完成率"), 38, RIGHT, 1};
	counts[0] = (struct column){tr("地区"), CONTENT_W - 35 * STATE_COUNT - 46 - 44 - 38, LEFT, 2};

	set_text(p, s->title, CONTENT_W, 16, 1, CENTER, 0);
	show_at(p, MARGIN_X, p->y);
	p->y += set_text(p, s->title, CONTENT_W, 16, 1, CENTER, 0) + 8;
	snprintf(meta, sizeof meta, tr("打印日期：%s　筛选：%s　打印人：%s"),
	         summary_date_words(s->today, day), s->filter ? s->filter : "", s->who ? s->who : "");
	paragraph(p, meta, 9, 0, LEFT, 0, 10);
	snprintf(head, sizeof head, "%s%s", tr(section[0]), tr("分地区整改进展"));
	paragraph(p, head, 11, 1, LEFT, 0, 4);
	table_begin(p, counts, STATE_COUNT + 4);
	for (size_t i = 0; i <= s->row_count; i++) {
		const struct summary_row *r = i < s->row_count ? &s->rows[i] : &s->total;

		k = 0;
		cells[k++] = r->name;
		for (int st = 0; st < STATE_COUNT; st++, k++) {
			snprintf(nums[k], sizeof nums[k], "%ld", r->by_state[st]);
			cells[k] = nums[k];
		}
		snprintf(nums[k], sizeof nums[k], "%ld", r->total);
		cells[k] = nums[k];
		k++;
		snprintf(nums[k], sizeof nums[k], "%ld", r->overdue);
		cells[k] = nums[k];
		k++;
		snprintf(nums[k], sizeof nums[k], "%d%%", summary_percent_done(r));
		cells[k] = nums[k];
		table_row_at(p, cells, i == s->row_count, i == s->row_count);
	}
	table_end(p, 12);

	for (int l = 0; l < SUMMARY_LISTS; l++) {
		const struct summary_list *sl = &s->lists[l];
		size_t n = l == SUMMARY_AWAITING ? 5 : 6;

		list[0] = (struct column){tr("序号"), 28, RIGHT, 1};
		list[1] = (struct column){tr("编号"), 34, LEFT, 1};
		list[2] = (struct column){tr("地区"), 78, LEFT, 2};
		list[4] = (struct column){tr("期限"), 58, LEFT, 2};
		list[5] = (struct column){l == SUMMARY_OVERDUE ? tr("逾期天数") : tr("剩余天数"), 46, RIGHT, 1};
		list[3] = (struct column){tr("问题"), CONTENT_W - 28 - 34 - 78 - 58 - (n == 6 ? 46 : 0),
		                          LEFT, 2};
		snprintf(head, sizeof head, "%s%s", tr(section[l + 1]), summary_list_title((enum summary_list_kind)l));
		snprintf(meta, sizeof meta, tr("%s（共 %ld 项）"), head, sl->total);
		ensure(p, 60);
		paragraph(p, meta, 11, 1, LEFT, 0, 4);
		if (sl->count == 0) {
			paragraph(p, tr("（无）"), 9, 0, LEFT, 0, 10);
			continue;
		}
		table_begin(p, list, n);
		for (size_t i = 0; i < sl->count; i++) {
			const struct summary_item *it = &sl->items[i];
			char no[24], iso[16], days[24];
			const char *row[6], *due = it->due >= 0 ? date_format_iso(it->due, iso)
			                           : it->deadline ? it->deadline
			                                          : "";

			snprintf(no, sizeof no, "%zu", i + 1);
			snprintf(days, sizeof days, "%ld", it->days);
			row[0] = no;
			row[1] = it->no;
			row[2] = it->region;
			row[3] = it->text;
			row[4] = due;
			row[5] = days;
			table_row_at(p, row, 0, 0);
		}
		table_end(p, 4);
		if ((long)sl->count < sl->total) {
			snprintf(meta, sizeof meta, tr("另有 %ld 项未列出（duban print --limit 0 列出全部）"),
			         sl->total - (long)sl->count);
			paragraph(p, meta, 9, 0, LEFT, 0, 8);
		} else {
			p->y += 8;
		}
	}
	/* Signatures: kept together at the end. */
	ensure(p, 50);
	p->y += 18;
	blank_line(p, MARGIN_X, p->y, tr("审核人："), 150);
	blank_line(p, MARGIN_X + CONTENT_W / 2 + 20, p->y, tr("日期："), 140);
	p->y += 24;
}

int print_pdf_summary(const struct summary *s, const char *author, char **out, size_t *len,
                      int *pages, char *err, size_t errsize)
{
	struct buffer b = {0};
	struct pdf p;

	if (pdf_open(&p, &b, s->title, author, err, errsize) < 0)
		return -1;
	pdf_pass(&p, 0);
	summary_pass(&p, s);
	p.pages = p.page;
	pdf_pass(&p, 1);
	summary_pass(&p, s);
	footer(&p);
	cairo_show_page(p.cr);
	return pdf_close(&p, &b, out, len, pages, err, errsize);
}

/* ---- the notice -------------------------------------------------------------------------- */

static void notice_pass(struct pdf *p, const struct notice *n)
{
	struct column cols[5] = {
		{tr("整改任务"), 118, LEFT, 50}, {tr("责任单位"), 70, LEFT, 50}, {tr("整改目标"), 90, LEFT, 50},
		{tr("整改措施"), 0, LEFT, 50},    {tr("完成情况"), 105, LEFT, 50},
	};
	const char *row[5];
	char *measures;
	size_t cap = 1, len = 0;
	double indent = 21; /* two characters at 10.5 pt: the first-line indent of a paragraph */

	cols[3].width = CONTENT_W - 118 - 70 - 90 - 105;
	for (size_t i = 0; i < n->measure_count; i++)
		cap += strlen(n->measures[i]) + 16;
	measures = malloc(cap);
	if (measures) {
		measures[0] = '\0';
		for (size_t i = 0; i < n->measure_count; i++)
			len += (size_t)snprintf(measures + len, cap - len, "%s%zu. %s", i ? "\n" : "", i + 1,
			                        n->measures[i]);
	}
	p->y += 10;
	paragraph(p, n->title, 18, 1, CENTER, 0, 18);
	paragraph(p, n->body, 10.5, 0, LEFT, indent, 6);
	paragraph(p, n->period, 10.5, 0, LEFT, indent, 10);
	ensure(p, 60);
	blank_line(p, MARGIN_X + indent, p->y, tr("联系人："), 110);
	blank_line(p, MARGIN_X + indent + 200, p->y, tr("联系电话："), 130);
	p->y += 22;
	blank_line(p, MARGIN_X + indent, p->y, tr("电子邮箱："), 160);
	p->y += 22;
	blank_line(p, MARGIN_X + indent, p->y, tr("通讯地址："), 300);
	p->y += 26;
	paragraph(p, tr("特此公示。"), 10.5, 0, LEFT, indent, 30);
	ensure(p, 50);
	paragraph(p, n->issuer, 10.5, 0, RIGHT, 0, 4);
	paragraph(p, n->date, 10.5, 0, RIGHT, 0, 28);
	ensure(p, 120);
	paragraph(p, tr("附表"), 10.5, 1, LEFT, 0, 4);
	paragraph(p, tr("整改任务销号情况表"), 12, 1, CENTER, 0, 8);
	table_begin(p, cols, 5);
	row[0] = n->task;
	row[1] = n->unit;
	row[2] = n->goal;
	row[3] = measures ? measures : "";
	row[4] = n->result;
	table_row_at(p, row, 0, 0);
	table_end(p, 0);
	free(measures);
}

int print_pdf_notice(const struct notice *n, const char *author, char **out, size_t *len,
                     int *pages, char *err, size_t errsize)
{
	struct buffer b = {0};
	struct pdf p;

	if (pdf_open(&p, &b, n->title, author, err, errsize) < 0)
		return -1;
	pdf_pass(&p, 0);
	notice_pass(&p, n);
	p.pages = p.page;
	pdf_pass(&p, 1);
	notice_pass(&p, n);
	footer(&p);
	cairo_show_page(p.cr);
	return pdf_close(&p, &b, out, len, pages, err, errsize);
}
