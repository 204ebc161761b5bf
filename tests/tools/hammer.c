/* hammer.c — a writer for tests/concurrency/run.sh: many processes editing one database at
 * once through the edit model (db_item_set), retrying on conflicts the way a user re-applies
 * an edit, and counting what the model reports. Test tool: no SQL here.
 *
 *   hammer edit DB WORKER N ITEM   N edits of item ITEM's goal (ITEM 0: item WORKER)
 *   hammer open DB GOFILE          waits for GOFILE to exist, then opens (creating) DB
 *   hammer stat DB ITEM...         per item "item I version V goal R" (R: goal changes in the
 *                                  history), then "goal_rows=N", "integrity=ok|…", "chain=ok|…"
 *
 * Prints "edits=N conflicts=C busy=B errors=E" and exits 0 when every edit landed, 1 when
 * not. In edit mode it prints "progress K" after each edit, for the kill test. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"

static int version_of(struct db *db, int64_t id)
{
	struct db_item it;
	int v = -1;

	if (db_item_get(db, id, 0, &it) == 0)
		v = it.version;
	db_item_free(&it);
	return v;
}

static int run_edit(const char *path, int worker, int n, int64_t item)
{
	struct db *db;
	char err[512], who[32], value[64];
	int conflicts = 0, busy = 0, errors = 0, done = 0;

	snprintf(who, sizeof who, "w%d", worker);
	if (db_open(path, who, &db, err, sizeof err) < 0) {
		fprintf(stderr, "hammer: %s\n", err);
		return 1;
	}
	if (!item)
		item = worker;
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (done < n && errors == 0) {
		int v = version_of(db, item), rc;

		snprintf(value, sizeof value, "%s-%d", who, done);
		rc = v < 0 ? -1 : db_item_set(db, item, v, "goal", value);
		if (rc == 0) {
			done++;
			printf("progress %d\n", done);
		} else if (rc == DB_CONFLICT) {
			conflicts++; /* someone saved first: reload and apply again */
		} else {
			if (strstr(db_errmsg(db), "毫秒") || strstr(db_errmsg(db), "locked"))
				busy++;
			errors++;
			fprintf(stderr, "hammer %s: %s\n", who, db_errmsg(db));
		}
	}
	db_close(db);
	printf("edits=%d conflicts=%d busy=%d errors=%d\n", done, conflicts, busy, errors);
	return done == n ? 0 : 1;
}

static int run_open(const char *path, const char *go)
{
	struct timespec ts = {0, 200000};
	struct db *db;
	char err[512];

	/* A start line for all the processes at once: they poll for the file, then race. */
	for (int i = 0; access(go, F_OK) != 0; i++) {
		if (i > 100000) {
			fprintf(stderr, "hammer: %s never appeared\n", go);
			return 1;
		}
		nanosleep(&ts, NULL);
	}
	if (db_open(path, "opener", &db, err, sizeof err) < 0) {
		fprintf(stderr, "hammer: %s\n", err);
		return 1;
	}
	db_close(db);
	return 0;
}

static int count_goal(const struct db_history *h, void *ctx)
{
	if (h->field && strcmp(h->field, "goal") == 0)
		(*(long *)ctx)++;
	return 0;
}

static int run_stat(const char *path, int argc, char **argv)
{
	struct db *db;
	struct db_verify v;
	char err[512];
	long total = 0;
	int rc;

	if (db_open_mode(path, "stat", DB_OPEN_EXISTING, &db, err, sizeof err) < 0) {
		fprintf(stderr, "hammer: %s\n", err);
		return 1;
	}
	for (int i = 0; i < argc; i++) {
		struct db_history_query q = {.item_id = atoll(argv[i])};
		long n = 0;

		db_history_find(db, &q, count_goal, &n);
		printf("item %s version %d goal %ld\n", argv[i], version_of(db, q.item_id), n);
	}
	db_history_find(db, &(struct db_history_query){0}, count_goal, &total);
	printf("goal_rows=%ld\n", total);
	rc = db_integrity(db);
	printf("integrity=%s\n", rc == 0 ? "ok" : db_errmsg(db));
	rc = db_history_verify(db, &v);
	if (rc == 0)
		printf("chain=ok rows=%lld\n", (long long)v.rows);
	else
		printf("chain=bad at %lld: %s\n", (long long)v.bad_id, rc < 0 ? db_errmsg(db) : v.why);
	db_close(db);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "stat") == 0)
		return run_stat(argv[2], argc - 3, argv + 3);
	if (argc == 6 && strcmp(argv[1], "edit") == 0)
		return run_edit(argv[2], atoi(argv[3]), atoi(argv[4]), atoll(argv[5]));
	if (argc == 4 && strcmp(argv[1], "open") == 0)
		return run_open(argv[2], argv[3]);
	fprintf(stderr, "usage: hammer edit DB WORKER N ITEM | open DB GOFILE | stat DB ITEM...\n");
	return 2;
}
