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

static void vput(FILE *out, const char *fmt, va_list ap)
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
		cli_put(out, small);
		return;
	}
	if (!(big = malloc((size_t)n + 1)))
		return;
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	cli_put(out, big);
	free(big);
}

void cli_printf(FILE *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vput(out, fmt, ap);
	va_end(ap);
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("duban: ", stderr);
	va_start(ap, fmt);
	vput(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cli_put(stderr, tr("用法见 duban --help 或 man duban"));
	fputc('\n', stderr);
	return 2;
}

int cli_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("duban: ", stderr);
	va_start(ap, fmt);
	vput(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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
