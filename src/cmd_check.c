/* cmd_check.c — duban check: is the database file sound (SQLite's integrity check), is the
 * schema complete (db_open already refuses a damaged one, naming what is missing), and does
 * every history row verify against the hash chain. Names the first row that does not. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "db.h"
#include "msg.h"

int cmd_check(struct db *db, int argc, char **argv)
{
	struct db_verify v;
	struct db_history *h = NULL;
	int rc;

	(void)argv;
	if (argc > 0)
		return cli_usage_error("%s", tr("check: 不需要参数"));
	rc = db_integrity(db);
	if (rc < 0)
		return cli_fail("%s", db_errmsg(db));
	if (rc > 0)
		return cli_fail(tr("数据库文件已损坏（SQLite integrity_check）：%s"), db_errmsg(db));
	if (db_schema_problem(db))
		cli_printf(stdout, "%s\n", db_schema_problem(db));
	else
		cli_printf(stdout, "%s\n", tr("数据库文件完好，结构完整"));
	/* The chain is walked even when the schema is damaged: it says which rows to distrust. */
	rc = db_history_verify(db, &v);
	if (rc < 0)
		return cli_fail("%s", db_errmsg(db));
	if (rc == 0) {
		cli_printf(stdout, tr("修改记录 %lld 行，校验链完整\n"), (long long)v.rows);
		return db_schema_problem(db) ? cli_fail("%s", tr("数据库结构不完整")) : 0;
	}
	cli_printf(stdout, tr("修改记录第 %lld 行校验失败：%s\n"), (long long)v.bad_id, v.why);
	if (db_history_get(db, v.bad_id, &h) == 0) {
		cli_printf(stdout, tr("  第 %lld 行：%s %s 问题 %lld %s：%s → %s\n"), (long long)h->id,
		           h->at ? h->at : "", h->who ? h->who : "", (long long)h->item_id,
		           h->field ? h->field : "", h->old_value ? h->old_value : tr("（无）"),
		           h->new_value ? h->new_value : tr("（无）"));
		db_history_free(h, 1);
	}
	return cli_fail(tr("修改记录在第 %lld 行之后不可信：它或它之前的一行是在 duban 之外改动的"),
	                (long long)v.bad_id);
}
