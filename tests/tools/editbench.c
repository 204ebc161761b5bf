/* editbench.c — times edits through the edit model for tests/bench/edit.sh: single edits
 * (each one BEGIN IMMEDIATE transaction with its history rows, as a user's save) on items
 * spread over the database, and one tagged change of many items in one transaction.
 *
 *   editbench DB [SINGLES [BATCH]]
 *
 * Prints "single_ms_median=… single_ms_max=… batch_n=… batch_ms=…". Test tool: no SQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int version_of(struct db *db, int64_t id)
{
	struct db_item it;
	int v = -1;

	if (db_item_get(db, id, 0, &it) == 0)
		v = it.version;
	db_item_free(&it);
	return v;
}

static int count_cb(const struct db_item *it, void *ctx)
{
	(void)it;
	(*(long *)ctx)++;
	return 0;
}

int main(int argc, char **argv)
{
	int singles = argc > 2 ? atoi(argv[2]) : 101, batch = argc > 3 ? atoi(argv[3]) : 1000;
	struct db *db;
	char err[512];
	double *t;
	int64_t *ids;
	int *vs, n = 0;
	long max_id = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: editbench DB [SINGLES [BATCH]]\n");
		return 2;
	}
	if (db_open_mode(argv[1], "bench", DB_OPEN_EXISTING, &db, err, sizeof err) < 0) {
		fprintf(stderr, "editbench: %s\n", err);
		return 1;
	}
	/* the highest id present: probe downwards from a guess, without reading every item */
	for (long guess = 2000000; guess > 0 && !max_id; guess = guess * 9 / 10) {
		struct db_item it;
		if (db_item_get(db, guess, 0, &it) == 0)
			max_id = guess;
		db_item_free(&it);
	}
	if (!max_id)
		db_items_foreach(db, 0, count_cb, &max_id);
	t = calloc((size_t)singles, sizeof *t);
	ids = calloc((size_t)(batch > singles ? batch : singles), sizeof *ids);
	vs = calloc((size_t)(batch > singles ? batch : singles), sizeof *vs);
	if (!t || !ids || !vs)
		return 1;
	for (int i = 0; i < singles; i++) {
		int64_t id = 1 + (int64_t)((uint64_t)(i + 1) * 2654435761u % (uint64_t)max_id);
		struct db_item it;
		char when[16];
		struct db_edit e = {"deadline", when, "延期：汛期施工"};
		double t0;

		if (db_item_get(db, id, 0, &it) != 0) {
			db_item_free(&it);
			continue;
		}
		/* a date the item does not hold yet, so that every edit writes */
		date_format_iso(date_today() + 400 + i, when);
		if (it.deadline && strcmp(it.deadline, when) == 0)
			date_format_iso(date_today() + 401 + i, when);

		t0 = now_ms();
		if (db_item_edit(db, id, it.version, &e) != 0) {
			fprintf(stderr, "editbench: %s\n", db_errmsg(db));
			db_item_free(&it);
			return 1;
		}
		t[n++] = now_ms() - t0;
		if (version_of(db, id) != it.version + 1) {
			fprintf(stderr, "editbench: edit %d wrote nothing\n", i);
			return 1;
		}
		db_item_free(&it);
	}
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	/* batch distinct items that are not verified (a verified one refuses a state change) */
	for (int i = 0, k = 7; i < batch; k++) {
		struct db_item it;
		int64_t id = 1 + (int64_t)((uint64_t)k * 40503u % (uint64_t)max_id);
		int dup = 0;

		for (int j = 0; j < i && !dup; j++)
			dup = ids[j] == id;
		if (dup || db_item_get(db, id, 0, &it) != 0 || it.state == STATE_VERIFIED ||
		    it.state == STATE_IN_PROGRESS) {
			db_item_free(&it);
			continue;
		}
		ids[i] = id;
		vs[i++] = it.version;
		db_item_free(&it);
	}
	{
		struct db_edit e = {"state", "in_progress", NULL};
		size_t failed = 0;
		double t0 = now_ms(), c0 = (double)clock(), ms, cpu;
		int rc = db_items_edit(db, ids, vs, (size_t)batch, &e, &failed);

		ms = now_ms() - t0;
		cpu = ((double)clock() - c0) * 1e3 / CLOCKS_PER_SEC;
		if (rc != 0) {
			fprintf(stderr, "editbench: batch: %s (item %zu)\n", db_errmsg(db), failed);
			return 1;
		}
		printf("single_ms_median=%.2f single_ms_max=%.2f singles=%d batch_n=%d batch_ms=%.1f"
		       " batch_cpu_ms=%.1f\n",
		       n ? t[n / 2] : 0.0, n ? t[n - 1] : 0.0, n, batch, ms, cpu);
	}
	free(t);
	free(ids);
	free(vs);
	db_close(db);
	return 0;
}
