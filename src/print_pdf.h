/* print_pdf.h — the summary page and the verification notice as A4 PDF, laid out with Pango and
 * drawn with Cairo in Noto Sans CJK SC (found through fontconfig; its outlines embedded as
 * Type 3 fonts with the text attached, see print_pdf.c).
 * Tables have explicit cell positions; long cells wrap or ellipsize inside their cell; pages are
 * numbered 第 N 页 / 共 M 页 with the table header repeated. No curses, no printing. */
#ifndef DUBAN_PRINT_PDF_H
#define DUBAN_PRINT_PDF_H

#include <stddef.h>

#include "summary.h"

/* The font the PDF uses; print_pdf_* fail when fontconfig cannot find it. */
#define PRINT_PDF_FONT "Noto Sans CJK SC"

/* Renders the summary (or the notice) to a PDF in memory: a malloc'd buffer in *out, its size
 * in *len, the page count in *pages (may be NULL). author goes into the document's metadata
 * with the title. Returns 0, or -1 with a sentence in err (errsize bytes). */
int print_pdf_summary(const struct summary *s, const char *author, char **out, size_t *len,
                      int *pages, char *err, size_t errsize);
int print_pdf_notice(const struct notice *n, const char *author, char **out, size_t *len,
                     int *pages, char *err, size_t errsize);

#endif
