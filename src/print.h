/* print.h — how a page reaches paper (issue 8): the rendered document (PDF or plain text in
 * UTF-8 / GB18030) and its routes: a file or standard output (binary clean), CUPS through lp
 * run by execve with a fixed path, argument list and a clean environment, and the terminal's
 * own printer (ESC[5i … ESC[4i). Shared by duban print and the board's preview. No curses
 * screen drawing here; the terminal route reads the terminal description only. */
#ifndef DUBAN_PRINT_H
#define DUBAN_PRINT_H

#include <stddef.h>

#include "summary.h"

enum print_format { PRINT_PDF, PRINT_TEXT };

struct print_doc {
	char *data; /* the bytes to deliver */
	size_t len;
	char *title;             /* the document's title (also lp's job title) */
	int pages;               /* PDF pages; 0 for text */
	enum print_format format;
	int gb18030;             /* text converted to GB18030 */
};

/* Renders the summary (or the notice) as format; text is UTF-8, or GB18030 when gb18030 is
 * non-zero. author is the PDF's author. Returns 0, or -1 with a sentence in err. Free the
 * document with print_doc_free. */
int print_doc_summary(const struct summary *s, enum print_format format, int gb18030,
                      const char *author, struct print_doc *out, char *err, size_t errsize);
int print_doc_notice(const struct notice *n, enum print_format format, int gb18030,
                     const char *author, struct print_doc *out, char *err, size_t errsize);

void print_doc_free(struct print_doc *d);

/* Writes the document to path: into a temporary file in the same directory, renamed over path
 * when complete, so a failed write never leaves half a PDF. "-" is standard output (written
 * with write(2), bytes as they are). Returns 0 or -1 with the reason in err. */
int print_to_file(const struct print_doc *d, const char *path, char *err, size_t errsize);

/* The lp program duban runs: DUBAN_LP when it is an absolute path (tests), else /usr/bin/lp. */
const char *print_lp_path(void);

/* Sends the PDF to CUPS: lp -d QUEUE -o media=A4 -t TITLE -- FILE (no -d when queue is NULL or
 * empty: lp's default destination), run by execve with PATH and LC_ALL only, never through a
 * shell. Text is refused: CUPS's text filter mangles Chinese. On success stores the job id lp
 * reported (or its message) in job and returns 0; else -1 with lp's error in err. */
int print_to_lp(const struct print_doc *d, const char *queue, char *job, size_t jobsize, char *err,
                size_t errsize);

/* Sends the document through the terminal's printer (mc5 … mc4 of the terminal description,
 * ESC[5i … ESC[4i on xterm and PuTTY) to fd, with output post-processing off so the bytes pass
 * unchanged. Fails with a plain explanation when the description (TERM) has no printer
 * capability, or under tmux / screen / mosh, which do not pass it to the local terminal.
 * Returns 0 or -1 with the reason in err. */
int print_to_terminal(const struct print_doc *d, int fd, char *err, size_t errsize);

#endif
