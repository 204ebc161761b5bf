/* cli.c — the subcommands' shared output (cli.h): one sanitiser between stored text and
 * stdout/stderr, usage errors, the current user. */
#include "cli.h"

#include <langinfo.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "text.h"

/* Whether the terminal's codeset needs conversion from UTF-8. In the C/POSIX locale (an SSH
 * session without LANG) the terminal is assumed to be UTF-8, as in the board. */
static const char *output_codeset(void)
{
	const char *cs = nl_langinfo(CODESET);

	if (!cs || !*cs || strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0 ||
	    strcmp(cs, "ANSI_X3.4-1968") == 0 || strcmp(cs, "US-ASCII") == 0)
		return NULL;
	return cs;
}

static void put_clean(FILE *out, const char *s, int keep_newlines)
{
	const char *cs = output_codeset();
	char *clean;

	if (!s)
		return;
	clean = text_sanitize(s, strlen(s), keep_newlines);
	if (!clean)
		return;
	if (cs) {
		char err[128];
		size_t n;
		char *conv = text_from_utf8(clean, strlen(clean), cs, &n, err, sizeof err);
		if (conv) {
			fwrite(conv, 1, n, out);
			free(conv);
			free(clean);
			return;
		}
	}
	fputs(clean, out);
	free(clean);
}

void cli_put(FILE *out, const char *s)
{
	put_clean(out, s, 1);
}

void cli_put_name(FILE *out, const char *name)
{
	put_clean(out, name, 0);
}

int cli_width(const char *s)
{
	char *clean = text_sanitize(s ? s : "", s ? strlen(s) : 0, 0);
	int w;

	if (!clean)
		return 0;
	w = text_width(clean, strlen(clean));
	free(clean);
	return w;
}

int cli_put_cell(FILE *out, const char *s, int cols, int flags)
{
	char *clean = text_sanitize(s ? s : "", s ? strlen(s) : 0, 0);
	size_t len, fit;
	int used, total, mark = 0, pad;

	if (!clean)
		return 0;
	len = strlen(clean);
	total = text_width(clean, len);
	if (cols <= 0 || total <= cols) {
		fit = len;
		used = total;
	} else {
		fit = text_fit(clean, len, cols - 1, &used);
		mark = 1;
	}
	clean[fit] = '\0';
	pad = cols > 0 && !(flags & CLI_CELL_NO_PAD) ? cols - used - mark : 0;
	if (flags & CLI_CELL_RIGHT)
		fprintf(out, "%*s", pad, "");
	put_clean(out, clean, 0);
	if (mark)
		fputc('~', out);
	if (!(flags & CLI_CELL_RIGHT))
		fprintf(out, "%*s", pad, "");
	free(clean);
	return used + mark + pad;
}

static void vput(FILE *out, const char *fmt, va_list ap, int keep_newlines)
{
	char small[1024], *big = NULL;
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(small, sizeof small, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		put_clean(out, small, keep_newlines);
		return;
	}
	if (!(big = malloc((size_t)n + 1)))
		return;
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	put_clean(out, big, keep_newlines);
	free(big);
}

void cli_printf(FILE *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vput(out, fmt, ap, 1);
	va_end(ap);
}

/* "duban: message" and a line break on stderr. One line: a value the user gave (an option,
 * a path) formatted in cannot start a line of its own or carry a control sequence. */
static void put_error(const char *fmt, va_list ap)
{
	fputs("duban: ", stderr);
	vput(stderr, fmt, ap, 0);
	fputc('\n', stderr);
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_error(fmt, ap);
	va_end(ap);
	cli_put(stderr, tr("用法见 duban --help 或 man duban"));
	fputc('\n', stderr);
	return 2;
}

int cli_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_error(fmt, ap);
	va_end(ap);
	return 1;
}

const char *cli_user(void)
{
	const char *u = getenv("DUBAN_USER");
	struct passwd *pw;

	if (u && *u)
		return u;
	pw = getpwuid(getuid());
	if (pw && pw->pw_name)
		return pw->pw_name;
	u = getenv("USER");
	return u && *u ? u : "unknown";
}
