/* parsebench.c — import throughput for `make bench`: parses one report file repeatedly with
 * import_parse (no database) and prints MB/s. Usage: parsebench FILE [ROUNDS]. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "import.h"

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long size;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		if (f)
			fclose(f);
		return NULL;
	}
	buf = malloc((size_t)size + 1);
	if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf) {
		buf[size] = '\0';
		*len = (size_t)size;
	}
	return buf;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	size_t len = 0, items = 0;
	int rounds = argc > 2 ? atoi(argv[2]) : 3;
	char *data;
	double best = 1e9;

	if (argc < 2) {
		fprintf(stderr, "usage: parsebench FILE [ROUNDS]\n");
		return 2;
	}
	data = read_all(argv[1], &len);
	if (!data) {
		perror(argv[1]);
		return 1;
	}
	for (int i = 0; i < (rounds > 0 ? rounds : 1); i++) {
		struct import_report *r;
		struct import_error e;
		double t = now_seconds();

		if (import_parse(argv[1], data, len, NULL, &r, &e) < 0) {
			fprintf(stderr, "parsebench: %s:%d: %s\n", argv[1], e.line, e.msg);
			free(data);
			return 1;
		}
		t = now_seconds() - t;
		if (t < best)
			best = t;
		items = import_report_item_count(r);
		import_report_free(r);
	}
	printf("parse: %.1f MB in %.3f s = %.1f MB/s (%zu items, best of %d)\n", (double)len / 1e6,
	       best, (double)len / 1e6 / best, items, rounds);
	free(data);
	return 0;
}
