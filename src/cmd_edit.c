/* cmd_edit.c — the edits without the board, for scripts and cron: duban set, note, verify,
 * unverify, undo and history. Each takes several item IDs, prints what changed (through
 * cli_put/cli_printf), and exits 0, 1 (refused or failed: the reason on stderr) or 2 (usage).
 * set and verify change all the items in one transaction, all or nothing. No SQL here. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "date.h"
#include "db.h"
#include "field.h"
#include "msg.h"
#include "state.h"

/* How often a change is retried when another user saved in between (the versions are read
 * again each time, so nothing of theirs is overwritten unseen). */
#define RETRIES 5

struct ids {
	int64_t *id;
	int *version;
	size_t n;
};

static void ids_free(struct ids *ids)
{
	free(ids->id);
	free(ids->version);
	ids->id = NULL;
	ids->version = NULL;
	ids->n = 0;
}

/* Adds an ID argument; returns 0, or 2 (usage) when it is not a positive integer. */
static int ids_add(struct ids *ids, const char *cmd, const char *arg)
{
	char *end;
	long long v;
	int64_t *id;
	int *ver;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (errno || *end || end == arg || v <= 0)
		return cli_usage_error(tr("%s：%s 不是事项 ID（见 duban list）"), cmd, arg);
	id = realloc(ids->id, (ids->n + 1) * sizeof *id);
	if (id)
		ids->id = id;
	ver = realloc(ids->version, (ids->n + 1) * sizeof *ver);
	if (ver)
		ids->version = ver;
	if (!id || !ver)
		return cli_fail("%s", tr("内存不足"));
	ids->id[ids->n] = v;
	ids->version[ids->n++] = 0;
	return 0;
}

/* The last case of every option loop here: argv[i] (arg) was none of cmd's options. An
 * option left without its value (missing) or one cmd does not know is a usage error (2);
 * anything else is an ID (ids_add). */
static int ids_add_other(struct ids *ids, const char *cmd, const char *arg, int missing)
{
	if (missing)
		return cli_usage_error(tr("%s：%s 后面要有值"), cmd, arg);
	if (arg[0] == '-' && arg[1])
		return cli_usage_error(tr("%s：不认识的选项 %s"), cmd, arg);
	return ids_add(ids, cmd, arg);
}

/* "ID 12（编号 3，呼和浩特市）" for messages. */
static void describe(const struct db_item *it, char *buf, size_t size)
{
	snprintf(buf, size, tr("ID %lld（编号 %s，%s）"), (long long)it->id, it->no ? it->no : "?",
	         it->region ? it->region : "");
}

/* Says why an edit of item id failed, on stderr; returns 1. */
static int fail_item(struct db *db, int64_t id, int rc)
{
	if (rc == DB_NOT_FOUND)
		return cli_fail(tr("ID %lld：没有这个事项"), (long long)id);
	if (rc == DB_CONFLICT)
		return cli_fail(tr("ID %lld：别人同时在改这个事项，重试 %d 次仍未保存；请再试"),
		                (long long)id, RETRIES);
	return cli_fail("ID %lld: %s", (long long)id, db_errmsg(db));
}

/* Reads the current version of every item. Returns 0 or the exit code (1) with the reason. */
static int ids_load(struct db *db, struct ids *ids, struct db_item *before)
{
	for (size_t i = 0; i < ids->n; i++) {
		struct db_item it;
		int rc = db_item_get(db, ids->id[i], 0, &it);
		if (rc != 0) {
			for (size_t k = 0; before && k < i; k++)
				db_item_free(&before[k]);
			return fail_item(db, ids->id[i], rc);
		}
		ids->version[i] = it.version;
		if (before)
			before[i] = it;
		else
			db_item_free(&it);
	}
	return 0;
}

/* The value after "--opt VALUE" or "--opt=VALUE" at argv[*i]; NULL when argv[*i] is not
 * that option. *missing is set when the option has no value. */
static const char *option(int argc, char **argv, int *i, const char *opt, int *missing)
{
	size_t n = strlen(opt);

	if (strcmp(argv[*i], opt) == 0) {
		if (*i + 1 >= argc) {
			*missing = 1;
			return NULL;
		}
		return argv[++*i];
	}
	if (strncmp(argv[*i], opt, n) == 0 && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	return NULL;
}

static void print_change(const struct db_item *it, const char *field, const char *old,
                         const char *now, const char *reason)
{
	char who[300], o[600];

	describe(it, who, sizeof who);
	snprintf(o, sizeof o, "%s", field_value(field, old));
	if (reason && *reason)
		cli_printf(stdout, tr("%s：%s %s → %s（原因：%s）\n"), who, field_label(field), o,
		           field_value(field, now), reason);
	else
		cli_printf(stdout, tr("%s：%s %s → %s\n"), who, field_label(field), o,
		           field_value(field, now));
}

/* ---- duban set ID... --deadline TEXT [--reason TEXT] | --state NAME ------------------ */

int cmd_set(struct db *db, int argc, char **argv)
{
	const char *deadline = NULL, *reason = NULL, *state_arg = NULL, *v;
	struct ids ids = {0};
	struct db_item *before = NULL;
	struct db_edit e;
	int have_deadline = 0, rc = 0, missing = 0, tries;
	size_t failed = 0;
	char why[256], state_value[40];

	for (int i = 0; i < argc && rc == 0; i++) {
		if ((v = option(argc, argv, &i, "--deadline", &missing))) {
			deadline = v;
			have_deadline = 1;
		} else if ((v = option(argc, argv, &i, "--reason", &missing))) {
			reason = v;
		} else if ((v = option(argc, argv, &i, "--state", &missing))) {
			state_arg = v;
		} else {
			rc = ids_add_other(&ids, "set", argv[i], missing);
		}
	}
	if (rc == 0 && !ids.n)
		rc = cli_usage_error("%s", tr("set：要给出事项 ID，例如 duban set 12 --state done"));
	if (rc == 0 && have_deadline == !!state_arg)
		rc = cli_usage_error("%s", tr("set：要给出 --deadline TEXT 或 --state NAME 之一"));
	if (rc == 0 && reason && !have_deadline)
		rc = cli_usage_error("%s", tr("set：--reason 只和 --deadline 一起用"));
	if (rc == 0 && state_arg) {
		int s = state_from_label(state_arg);
		if (s < 0)
			rc = cli_usage_error(tr("set：不认识的状态 %s（可用 pending in_progress on_schedule behind done awaiting_verification verified，或 未开始 推进中 序时进度 滞后 已完成 待验收 已销号）"),
			                     state_arg);
		else
			snprintf(state_value, sizeof state_value, "%s", state_name((enum state)s));
	}
	if (rc == 0 && have_deadline) {
		struct deadline d;
		if (date_check_deadline(deadline, &d, why, sizeof why) < 0)
			rc = cli_fail(tr("“%s”不是有效的整改时限：%s"), deadline, why);
		else if (!*deadline)
			deadline = NULL; /* empty clears */
	}
	if (rc) {
		ids_free(&ids);
		return rc;
	}
	if (!(before = calloc(ids.n, sizeof *before))) {
		ids_free(&ids);
		return cli_fail("%s", tr("内存不足"));
	}
	memset(&e, 0, sizeof e);
	e.field = have_deadline ? "deadline" : "state";
	e.value = have_deadline ? deadline : state_value;
	e.reason = reason && *reason ? reason : NULL;
	for (tries = 0; tries < RETRIES; tries++) {
		if ((rc = ids_load(db, &ids, before)) != 0)
			break;
		rc = db_items_edit(db, ids.id, ids.version, ids.n, &e, &failed);
		if (rc != DB_CONFLICT)
			break;
		for (size_t k = 0; k < ids.n; k++)
			db_item_free(&before[k]);
	}
	if (rc == 1) {
		/* ids_load said why. */
	} else if (rc != 0) {
		size_t k = failed < ids.n ? failed : 0;
		if (rc == DB_REFUSED || rc == DB_NOT_FOUND || rc == DB_CONFLICT)
			rc = fail_item(db, ids.id[k], rc);
		else
			rc = cli_fail(tr("没有保存：%s"), db_errmsg(db));
		if (ids.n > 1)
			cli_fail(tr("%zu 个事项都没有修改（全部或全不）"), ids.n);
		for (size_t j = 0; j < ids.n; j++)
			db_item_free(&before[j]);
	} else {
		for (size_t k = 0; k < ids.n; k++) {
			struct db_item after;
			const char *old = have_deadline ? before[k].deadline : state_name(before[k].state);
			if (db_item_get(db, ids.id[k], 0, &after) == 0) {
				const char *now = have_deadline ? after.deadline : state_name(after.state);
				if (after.version == before[k].version)
					cli_printf(stdout, tr("ID %lld：%s没有改变\n"), (long long)ids.id[k],
					           field_label(e.field));
				else
					print_change(&after, e.field, old, now, e.reason);
				db_item_free(&after);
			}
			db_item_free(&before[k]);
		}
	}
	free(before);
	ids_free(&ids);
	return rc;
}

/* ---- duban note ID... TEXT ---------------------------------------------------------------- */

int cmd_note(struct db *db, int argc, char **argv)
{
	struct ids ids = {0};
	const char *text;
	int rc = 0, failures = 0;

	if (argc < 2)
		return cli_usage_error("%s", tr("note：用法 duban note ID... 备注文字"));
	text = argv[argc - 1];
	for (int i = 0; i < argc - 1 && rc == 0; i++)
		rc = ids_add(&ids, "note", argv[i]);
	if (rc == 0 && !*text)
		rc = cli_usage_error("%s", tr("note：备注不能为空"));
	if (rc == 0)
		rc = ids_load(db, &ids, NULL);
	for (size_t k = 0; rc == 0 && k < ids.n; k++) {
		struct db_item it;
		int r = db_note_add(db, ids.id[k], text);
		if (r != 0) {
			failures += fail_item(db, ids.id[k], r);
			continue;
		}
		if (db_item_get(db, ids.id[k], 0, &it) == 0) {
			char who[300];
			describe(&it, who, sizeof who);
			cli_printf(stdout, tr("%s：已添加进展备注：%s\n"), who, text);
			db_item_free(&it);
		}
	}
	ids_free(&ids);
	return rc ? rc : failures ? 1 : 0;
}

/* ---- duban verify ID... [--date D] [--opinion TEXT] -------------------------------------- */

int cmd_verify(struct db *db, int argc, char **argv)
{
	const char *date_arg = NULL, *opinion = NULL, *v;
	struct ids ids = {0};
	int rc = 0, missing = 0, tries;
	long date = date_today();
	size_t failed = 0;
	char why[256], iso[16];

	for (int i = 0; i < argc && rc == 0; i++) {
		if ((v = option(argc, argv, &i, "--date", &missing)))
			date_arg = v;
		else if ((v = option(argc, argv, &i, "--opinion", &missing)))
			opinion = v;
		else
			rc = ids_add_other(&ids, "verify", argv[i], missing);
	}
	if (rc == 0 && !ids.n)
		rc = cli_usage_error("%s", tr("verify：要给出事项 ID，例如 duban verify 12"));
	if (rc == 0 && date_arg) {
		struct deadline d;
		if (date_check_deadline(date_arg, &d, why, sizeof why) < 0)
			rc = cli_usage_error(tr("verify：--date %s 不是日期：%s"), date_arg, why);
		else if (d.kind != DUE_DATE)
			rc = cli_usage_error(tr("verify：--date %s 不是日期（例如 2025-07-15）"), date_arg);
		else if ((date = date_to_days(d.year, d.month, d.day)) > date_today())
			rc = cli_usage_error(tr("verify：验收日期 %s 晚于今天"), date_arg);
	}
	if (rc) {
		ids_free(&ids);
		return rc;
	}
	for (tries = 0; tries < RETRIES; tries++) {
		if ((rc = ids_load(db, &ids, NULL)) != 0)
			break;
		rc = db_items_verify(db, ids.id, ids.version, ids.n, date,
		                     opinion && *opinion ? opinion : NULL, &failed);
		if (rc != DB_CONFLICT)
			break;
	}
	if (rc == 0) {
		for (size_t k = 0; k < ids.n; k++) {
			struct db_item it;
			char who[300];
			if (db_item_get(db, ids.id[k], 0, &it) != 0)
				continue;
			describe(&it, who, sizeof who);
			cli_printf(stdout, tr("%s：已验收销号，验收日期 %s，验收人 %s%s%s\n"), who,
			           date_format_iso(date, iso), it.verified_by ? it.verified_by : cli_user(),
			           it.verify_opinion ? tr("，验收意见：") : "",
			           it.verify_opinion ? it.verify_opinion : "");
			db_item_free(&it);
		}
	} else if (rc != 1) {
		size_t k = failed < ids.n ? failed : 0;
		rc = rc == -1 ? cli_fail(tr("没有保存：%s"), db_errmsg(db)) : fail_item(db, ids.id[k], rc);
		if (ids.n > 1)
			cli_fail(tr("%zu 个事项都没有销号（全部或全不）"), ids.n);
	}
	ids_free(&ids);
	return rc;
}

/* Runs edit (db_item_unverify or undo_edit) on item id against its current version, again
 * while someone else's change comes between (DB_CONFLICT), at most RETRIES times. Returns
 * what the last try returned (0, DB_NOT_FOUND, DB_CONFLICT, or -1 with db_errmsg). */
static int item_edit_retried(struct db *db, int64_t id,
                             int (*edit)(struct db *db, int64_t id, int version,
                                         const char *reason),
                             const char *reason)
{
	struct db_item it;
	int r = -1;

	for (int tries = 0; tries < RETRIES; tries++) {
		if ((r = db_item_get(db, id, 0, &it)) != 0)
			break;
		r = edit(db, id, it.version, reason);
		db_item_free(&it);
		if (r != DB_CONFLICT)
			break;
	}
	return r;
}

/* db_item_undo in item_edit_retried's shape: an undo has no reason of its own. */
static int undo_edit(struct db *db, int64_t id, int version, const char *reason)
{
	return db_item_undo(db, id, version);
}

/* ---- duban unverify ID... --reason TEXT, duban undo ID... --------------------------------- */

int cmd_unverify(struct db *db, int argc, char **argv)
{
	const char *reason = NULL, *v;
	struct ids ids = {0};
	int rc = 0, missing = 0, failures = 0;

	for (int i = 0; i < argc && rc == 0; i++) {
		if ((v = option(argc, argv, &i, "--reason", &missing)))
			reason = v;
		else
			rc = ids_add_other(&ids, "unverify", argv[i], missing);
	}
	if (rc == 0 && !ids.n)
		rc = cli_usage_error("%s", tr("unverify：要给出事项 ID"));
	if (rc == 0 && (!reason || !*reason))
		rc = cli_usage_error("%s", tr("unverify：撤销销号要写明原因：--reason TEXT"));
	for (size_t k = 0; rc == 0 && k < ids.n; k++) {
		struct db_item it;
		int r = item_edit_retried(db, ids.id[k], db_item_unverify, reason);

		if (r != 0) {
			failures += fail_item(db, ids.id[k], r);
			continue;
		}
		if (db_item_get(db, ids.id[k], 0, &it) == 0) {
			char who[300];
			describe(&it, who, sizeof who);
			cli_printf(stdout, tr("%s：已撤销验收销号，状态回到 %s（原因：%s）\n"), who,
			           state_label(it.state), reason);
			db_item_free(&it);
		}
	}
	ids_free(&ids);
	return rc ? rc : failures ? 1 : 0;
}

int cmd_undo(struct db *db, int argc, char **argv)
{
	struct ids ids = {0};
	int rc = 0, failures = 0;

	for (int i = 0; i < argc && rc == 0; i++)
		rc = ids_add_other(&ids, "undo", argv[i], 0);
	if (rc == 0 && !ids.n)
		rc = cli_usage_error("%s", tr("undo：要给出事项 ID"));
	for (size_t k = 0; rc == 0 && k < ids.n; k++) {
		struct db_item it;
		int r = item_edit_retried(db, ids.id[k], undo_edit, NULL);

		if (r != 0) {
			failures += fail_item(db, ids.id[k], r);
			continue;
		}
		/* The undo is the newest history row: say what it put back. */
		if (db_item_get(db, ids.id[k], DB_LOAD_HISTORY, &it) == 0) {
			char who[300], o[600];
			describe(&it, who, sizeof who);
			if (it.history_count) {
				const struct db_history *h = &it.history[it.history_count - 1];
				snprintf(o, sizeof o, "%s", field_value(h->field, h->old_value));
				cli_printf(stdout, tr("%s：已撤销，%s %s → %s\n"), who, field_label(h->field), o,
				           field_value(h->field, h->new_value));
			} else {
				cli_printf(stdout, tr("%s：已撤销\n"), who);
			}
			db_item_free(&it);
		}
	}
	ids_free(&ids);
	return rc ? rc : failures ? 1 : 0;
}

/* ---- duban history [ID...] [--since DATE] [--user NAME] ------------------------------------ */

static int print_history(const struct db_history *h, void *ctx)
{
	char when[32], o[600], where[300];
	size_t *count = ctx;

	field_local_time(h->at, when, sizeof when);
	snprintf(where, sizeof where, tr("ID %lld（编号 %s，%s）"), (long long)h->item_id,
	         h->item_no ? h->item_no : "?", h->item_region ? h->item_region : "");
	snprintf(o, sizeof o, "%s", field_value(h->field, h->old_value));
	if (h->field && strcmp(h->field, "item") == 0)
		cli_printf(stdout, "%s  %s  %s  %s", when, h->who ? h->who : "", where,
		           field_item_event(h->new_value, o, sizeof o));
	else
		cli_printf(stdout, "%s  %s  %s  %s: %s → %s", when, h->who ? h->who : "", where,
		           field_label(h->field), o, field_value(h->field, h->new_value));
	if (h->reason && *h->reason)
		cli_printf(stdout, tr("（原因：%s）"), h->reason);
	cli_put(stdout, "\n");
	(*count)++;
	return 0;
}

int cmd_history(struct db *db, int argc, char **argv)
{
	struct db_history_query q;
	struct ids ids = {0};
	const char *v;
	int rc = 0, missing = 0;
	size_t count = 0;
	long days;

	memset(&q, 0, sizeof q);
	for (int i = 0; i < argc && rc == 0; i++) {
		if ((v = option(argc, argv, &i, "--since", &missing))) {
			if (date_parse_iso(v, &days) < 0)
				rc = cli_usage_error(tr("history：--since %s 应为 YYYY-MM-DD 日期"), v);
			q.since = v;
		} else if ((v = option(argc, argv, &i, "--user", &missing))) {
			q.user = v;
		} else {
			rc = ids_add_other(&ids, "history", argv[i], missing);
		}
	}
	if (rc == 0 && ids.n)
		rc = ids_load(db, &ids, NULL);
	for (size_t k = 0; rc == 0 && k < (ids.n ? ids.n : 1); k++) {
		q.item_id = ids.n ? ids.id[k] : 0;
		if (db_history_find(db, &q, print_history, &count) < 0)
			rc = cli_fail(tr("读不出修改记录：%s"), db_errmsg(db));
	}
	if (rc == 0 && count == 0)
		cli_put(stderr, tr("没有符合条件的修改记录\n"));
	ids_free(&ids);
	return rc;
}
