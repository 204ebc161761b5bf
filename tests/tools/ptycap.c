/* ptycap.c — runs a program in a pseudo-terminal and records every byte it writes to the
 * terminal, for the print tests' terminal-printer route. Test tool, not part of duban.
 *
 *   ptycap [-p PAYLOAD] OUT -- PROGRAM ARGS...
 *
 * Writes all the bytes to OUT; with -p, also the bytes between the first ESC[5i and the next
 * ESC[4i (the terminal printer's payload) to PAYLOAD. Exits with the program's status. */
#include <errno.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static void *find(const char *hay, size_t n, const char *needle, size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return (void *)(hay + i);
	return NULL;
}

int main(int argc, char **argv)
{
	const char *payload = NULL, *out;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int master, status = 0, opt;
	struct winsize ws = {24, 80, 0, 0};
	pid_t pid;
	FILE *f;

	while ((opt = getopt(argc, argv, "+p:")) != -1) {
		if (opt == 'p')
			payload = optarg;
		else
			return 2;
	}
	if (optind + 2 > argc || strcmp(argv[optind + 1], "--") != 0) {
		fprintf(stderr, "usage: ptycap [-p PAYLOAD] OUT -- PROGRAM ARGS...\n");
		return 2;
	}
	out = argv[optind];
	pid = forkpty(&master, NULL, NULL, &ws);
	if (pid < 0) {
		perror("forkpty");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[optind + 2], argv + optind + 2);
		perror("exec");
		_exit(127);
	}
	for (;;) {
		ssize_t n;
		if (cap - len < 65536) {
			char *p;
			cap = cap ? cap * 2 : 1 << 20;
			if (!(p = realloc(buf, cap)))
				return 2;
			buf = p;
		}
		n = read(master, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) /* EIO once the program has exited and closed the terminal */
			break;
		len += (size_t)n;
	}
	waitpid(pid, &status, 0);
	if (!(f = fopen(out, "wb")) || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
		perror(out);
		return 2;
	}
	if (payload) {
		char *on = find(buf, len, "\033[5i", 4), *off;
		f = fopen(payload, "wb");
		if (!f)
			return 2;
		if (on && (off = find(on + 4, len - (size_t)(on + 4 - buf), "\033[4i", 4)))
			fwrite(on + 4, 1, (size_t)(off - on - 4), f);
		fclose(f);
	}
	free(buf);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
