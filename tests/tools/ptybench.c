/* ptybench.c — runs a program (the board) in a pseudo-terminal of a given size and counts the
 * bytes it writes: for the first screen, per key (a cursor move), and while idle. Test tool,
 * not part of duban; it reads the pty until the program has been quiet for a moment, which is
 * how a terminal sees it too.
 *
 *   ptybench [-c COLS] [-r ROWS] [-n MOVES] [-p PRELUDE] [-i IDLE_MS] [-s SEARCH] [-e]
 *            -- PROGRAM ARGS...
 *
 * PRELUDE is sent once after the first screen (e.g. "\t\t" to focus the item list); then MOVES
 * times 'j' and MOVES times 'k'; then, with SEARCH, '/' and the search one character at a time
 * (an incremental search) and Esc (with -e: Enter, which counts all matches, then G, which
 * goes to the last match, then Esc); then nothing for IDLE_MS; then 'q'. A key's latency is the
 * time from sending it to the last byte of the answer. Prints one line:
 *   first_screen_ms=N first_screen_bytes=N bytes_per_move=N.N max_move_bytes=N
 *   key_ms_avg=N.N key_ms_max=N search_ms_max=N enter_ms=N bottom_ms=N idle_bytes=N
 *   rss_kb=N exit=N */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* When the last byte of the latest drain arrived. */
static long last_byte_ms;

/* Reads from fd until nothing arrives for quiet_ms (or limit_ms passes). With answer, waits up
 * to limit_ms for the first byte (a key that must be answered: the quiet period starts only
 * after the program has begun to answer, however long its work takes). Returns the bytes. */
static long drain(int fd, int quiet_ms, int limit_ms, int answer)
{
	long total = 0, start = now_ms();
	char buf[65536];

	last_byte_ms = start;
	for (;;) {
		struct pollfd p = {fd, POLLIN, 0};
		int left = limit_ms - (int)(now_ms() - start);
		int wait = answer && total == 0 ? left : quiet_ms < left ? quiet_ms : left;
		int rc;
		ssize_t n;

		if (left <= 0)
			break;
		rc = poll(&p, 1, wait);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0)
			break;
		n = read(fd, buf, sizeof buf);
		if (n <= 0)
			break;
		total += n;
		last_byte_ms = now_ms();
	}
	return total;
}

static void send_key(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* "\t" and "\r" escapes in the prelude. */
static size_t unescape(const char *in, char *out, size_t size)
{
	size_t n = 0;

	for (; *in && n + 1 < size; in++) {
		if (in[0] == '\\' && in[1] == 't') {
			out[n++] = '\t';
			in++;
		} else if (in[0] == '\\' && in[1] == 'r') {
			out[n++] = '\r';
			in++;
		} else {
			out[n++] = *in;
		}
	}
	out[n] = '\0';
	return n;
}

int main(int argc, char **argv)
{
	struct winsize ws = {40, 120, 0, 0};
	int moves = 20, idle_ms = 3000, opt, fd, status = 0, enter = 0;
	const char *prelude = "", *search = NULL;
	char pre[256];
	pid_t pid;
	long first, first_ms, total = 0, max = 0, idle, t, key_max = 0, key_sum = 0, search_max = 0;
	long enter_ms = 0, bottom_ms = 0;
	struct rusage ru;

	memset(&ru, 0, sizeof ru);
	while ((opt = getopt(argc, argv, "c:r:n:p:i:s:e")) != -1) {
		switch (opt) {
		case 'c': ws.ws_col = (unsigned short)atoi(optarg); break;
		case 'r': ws.ws_row = (unsigned short)atoi(optarg); break;
		case 'n': moves = atoi(optarg); break;
		case 'p': prelude = optarg; break;
		case 'i': idle_ms = atoi(optarg); break;
		case 's': search = optarg; break;
		case 'e': enter = 1; break;
		default:
			fputs("usage: ptybench [-c COLS] [-r ROWS] [-n MOVES] [-p PRELUDE] [-i IDLE_MS] "
			      "[-s SEARCH] [-e] -- PROGRAM ARGS...\n", stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		fputs("ptybench: no program\n", stderr);
		return 2;
	}
	t = now_ms();
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("ptybench: forkpty");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[optind], argv + optind);
		perror("ptybench: exec");
		_exit(127);
	}
	first = drain(fd, 500, 20000, 1);
	first_ms = last_byte_ms - t;
	send_key(fd, pre, unescape(prelude, pre, sizeof pre));
	drain(fd, 300, 5000, 0);
	for (int i = 0; i < 2 * moves; i++) {
		long n;
		t = now_ms();
		send_key(fd, i < moves ? "j" : "k", 1);
		n = drain(fd, 150, 5000, 1);
		total += n;
		if (n > max)
			max = n;
		key_sum += last_byte_ms - t;
		if (last_byte_ms - t > key_max)
			key_max = last_byte_ms - t;
	}
	if (search) {
		send_key(fd, "/", 1);
		drain(fd, 150, 5000, 1);
		for (const char *c = search; *c;) {
			size_t len = 1;
			while (c[len] && ((unsigned char)c[len] & 0xC0) == 0x80)
				len++;
			t = now_ms();
			send_key(fd, c, len);
			drain(fd, 200, 10000, 1);
			if (last_byte_ms - t > search_max)
				search_max = last_byte_ms - t;
			c += len;
		}
		if (enter) {
			t = now_ms();
			send_key(fd, "\r", 1);
			drain(fd, 200, 10000, 1);
			enter_ms = last_byte_ms - t;
			t = now_ms();
			send_key(fd, "G", 1);
			drain(fd, 200, 10000, 1);
			bottom_ms = last_byte_ms - t;
		}
		send_key(fd, "\033", 1);
		drain(fd, 300, 10000, 1);
	}
	idle = drain(fd, idle_ms, idle_ms, 0);
	send_key(fd, "q", 1);
	drain(fd, 300, 5000, 1);
	if (wait4(pid, &status, 0, &ru) < 0)
		status = -1;
	printf("first_screen_ms=%ld first_screen_bytes=%ld bytes_per_move=%.1f max_move_bytes=%ld "
	       "key_ms_avg=%.1f key_ms_max=%ld search_ms_max=%ld enter_ms=%ld bottom_ms=%ld "
	       "idle_bytes=%ld rss_kb=%ld exit=%d\n",
	       first_ms, first, moves ? (double)total / (2.0 * moves) : 0.0, max,
	       moves ? (double)key_sum / (2.0 * moves) : 0.0, key_max, search_max, enter_ms,
	       bottom_ms, idle,
	       ru.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	close(fd);
	return 0;
}
