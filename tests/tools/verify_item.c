/* verify_item.c — marks one item verified (验收销号) with a date and an opinion, and optionally
 * adds a progress note first, through the model (db_note_add, db_items_verify): the print tests
 * need a verified item with a known date for the notice's golden file. Test tool, no SQL.
 *
 *   verify_item [-n NOTE] [-u USER] DB ID YYYY-MM-DD OPINION */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "db.h"

int main(int argc, char **argv)
{
	const char *note = NULL, *user = "verifier";
	struct db *db;
	struct db_item it;
	char err[512];
	long day;
	int64_t id;
	size_t failed = 0;
	int opt, rc;

	while ((opt = getopt(argc, argv, "+n:u:")) != -1) {
		if (opt == 'n')
			note = optarg;
		else if (opt == 'u')
			user = optarg;
		else
			return 2;
	}
	if (argc - optind != 4 || date_parse_iso(argv[optind + 2], &day) < 0) {
		fprintf(stderr, "usage: verify_item [-n NOTE] [-u USER] DB ID YYYY-MM-DD OPINION\n");
		return 2;
	}
	if (db_open(argv[optind], user, &db, err, sizeof err) < 0) {
		fprintf(stderr, "verify_item: %s\n", err);
		return 1;
	}
	id = atoll(argv[optind + 1]);
	if (note && db_note_add(db, id, note) != 0) {
		fprintf(stderr, "verify_item: %s\n", db_errmsg(db));
		db_close(db);
		return 1;
	}
	if (db_item_get(db, id, 0, &it) != 0) {
		fprintf(stderr, "verify_item: %s\n", db_errmsg(db));
		db_close(db);
		return 1;
	}
	rc = db_items_verify(db, &id, &it.version, 1, day, argv[optind + 3], &failed);
	db_item_free(&it);
	if (rc != 0)
		fprintf(stderr, "verify_item: %s\n", db_errmsg(db));
	db_close(db);
	return rc == 0 ? 0 : 1;
}
