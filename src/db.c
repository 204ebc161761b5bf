/* db.c — opening and migrating the database, importing parsed reports (with re-import that
 * keeps user edits), reading items back, and edits guarded by a per-item version with
 * append-only history. The only SQL outside db_board.c. Never prints, never exits. */
#include "db.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "db_internal.h"
#include "db_sha256.h"
#include "msg.h"
#include "text.h"

struct db {
	sqlite3 *conn;
	char *who;
	char *path; /* as given to db_open_mode */
	/* What the history triggers record for the change being written (duban_source,
	 * duban_reason, duban_undo_of); set only around a change, reset after it. */
	const char *source, *reason;
	int64_t undo_of;
	int publishing; /* import's publish(): listing added items is not a change */
	int readonly;
	int busy_ms;
	char *schema_problem; /* DB_OPEN_CHECK: what schema_check found, else NULL */
	/* Prepared statements of the edit model, by the address of their SQL text (db_cached):
	 * preparing an UPDATE of item compiles every trigger on it, which cost more than running
	 * it, and a tagged change runs the same few statements for a thousand items. */
	struct {
		const char *sql;
		sqlite3_stmt *st;
	} cache[48];
	char err[512];
};

sqlite3 *db_sqlite(struct db *db)
{
	return db->conn;
}

const char *db_who(const struct db *db)
{
	return db->who;
}

const char *db_errmsg(const struct db *db)
{
	return db->err;
}

int db_fail(struct db *db, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(db->err, sizeof db->err, fmt, ap);
	va_end(ap);
	return -1;
}

/* Who holds the write lock of a WAL database: the process with the lock byte of the -shm file
 * locked (SQLite's unix VFS locks byte 120 for the writer), and its user. Fills buf with
 * "用户 (进程 N)" and returns 0, or -1 when nobody can be named. */
static int lock_holder(const struct db *db, char *buf, size_t size)
{
	char shm[4096], proc[64];
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 120, .l_len = 1};
	struct stat sb;
	struct passwd *pw;
	int fd;

	if (!db->path || strcmp(db->path, ":memory:") == 0 ||
	    (size_t)snprintf(shm, sizeof shm, "%s-shm", db->path) >= sizeof shm)
		return -1;
	if ((fd = open(shm, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return -1;
	/* F_GETLK on a read-only descriptor still reports a conflicting write lock. */
	fl.l_type = F_RDLCK;
	if (fcntl(fd, F_GETLK, &fl) < 0 || fl.l_type == F_UNLCK || fl.l_pid <= 0) {
		close(fd);
		return -1;
	}
	close(fd);
	snprintf(proc, sizeof proc, "/proc/%ld", (long)fl.l_pid);
	if (stat(proc, &sb) == 0 && (pw = getpwuid(sb.st_uid)) && pw->pw_name)
		snprintf(buf, size, tr("%s（进程 %ld）"), pw->pw_name, (long)fl.l_pid);
	else
		snprintf(buf, size, tr("进程 %ld"), (long)fl.l_pid);
	return 0;
}

/* Whether the file system holding the database has (almost) no room left. */
static int disk_full(const struct db *db)
{
	char dir[4096];
	const char *slash;
	struct statvfs sv;

	if (!db->path || strcmp(db->path, ":memory:") == 0)
		return 0;
	slash = strrchr(db->path, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if ((size_t)(slash - db->path) < sizeof dir)
		snprintf(dir, sizeof dir, "%.*s", slash == db->path ? 1 : (int)(slash - db->path),
		         db->path);
	else
		return 0;
	return statvfs(dir, &sv) == 0 && (unsigned long long)sv.f_bavail * sv.f_frsize < 65536;
}

int db_fail_sqlite(struct db *db, const char *what)
{
	int code = sqlite3_extended_errcode(db->conn);

	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED: {
		char who[160];

		if (lock_holder(db, who, sizeof who) == 0)
			return db_fail(db, tr("%s：数据库正由 %s 写入，等了 %d 毫秒仍未释放；什么都没有写入，"
			                      "可以放心重试（等待时间由 DUBAN_BUSY_TIMEOUT 设定）"),
			               what, who, db->busy_ms);
		return db_fail(db, tr("%s：数据库正被另一个程序写入，等了 %d 毫秒仍未释放；什么都没有"
		                      "写入，可以放心重试（等待时间由 DUBAN_BUSY_TIMEOUT 设定）"),
		               what, db->busy_ms);
	}
	case SQLITE_FULL:
		return db_fail(db, tr("%s：磁盘已满，什么都没有写入；腾出空间后重试"), what);
	case SQLITE_READONLY:
		if (code == SQLITE_READONLY_DIRECTORY || code == SQLITE_READONLY_CANTINIT ||
		    code == SQLITE_READONLY_CANTLOCK)
			return db_fail(db, tr("%s：数据库所在的目录不可写（SQLite 需要在那里建立 -wal 和 "
			                      "-shm 文件），什么都没有写入"),
			               what);
		return db_fail(db, tr("%s：数据库以只读方式打开（文件不可写），什么都没有写入"), what);
	case SQLITE_IOERR:
		/* SQLite says "disk I/O error" for a full disk in many places (the -shm file, the
		 * WAL header): ask the file system. */
		if (disk_full(db))
			return db_fail(db, tr("%s：磁盘已满，什么都没有写入；腾出空间后重试"), what);
		if (code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC ||
		    code == SQLITE_IOERR_TRUNCATE || code == SQLITE_IOERR_SHMSIZE)
			return db_fail(db, tr("%s：写入磁盘失败（磁盘可能已满或出错），什么都没有写入：%s"),
			               what, sqlite3_errmsg(db->conn));
		break;
	default:
		break;
	}
	return db_fail(db, "%s: %s", what, sqlite3_errmsg(db->conn));
}

static int exec(struct db *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db->conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int code = sqlite3_extended_errcode(db->conn) & 0xff;

		/* Locking, a full disk, a read-only file or directory: said as such (db_fail_sqlite). */
		if (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_FULL ||
		    code == SQLITE_READONLY || code == SQLITE_IOERR) {
			sqlite3_free(msg);
			return db_fail_sqlite(db, tr("写入数据库"));
		}
		db_fail(db, "%s", msg ? msg : sqlite3_errmsg(db->conn));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* BEGIN IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout
 * instead of one failing with SQLITE_BUSY half-way through its transaction. */
static int begin(struct db *db)
{
	return exec(db, "BEGIN IMMEDIATE");
}

static int commit(struct db *db)
{
	return exec(db, "COMMIT");
}

static void rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
}

static sqlite3_stmt *prepare(struct db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail_sqlite(db, tr("准备查询"));
		return NULL;
	}
	return st;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? strdup((const char *)s) : NULL;
}

/* Refuses a schema version this duban cannot use, before anything is written (the switch to
 * WAL comes after it: it rewrites the file header). Returns the version, or -1. */
static int version_check(struct db *db)
{
	sqlite3_stmt *st = prepare(db, "PRAGMA user_version");
	int version;

	if (!st)
		return -1;
	version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	/* Checked before anything is written: a version outside the list would index past it. */
	if (version < 0)
		return db_fail(db, tr("数据库的结构版本 %d 无效（应为 0 到 %d）：不是 duban 的数据库，或已"
		                      "损坏；未作任何改动"),
		               version, (int)db_migration_count);
	if (version > (int)db_migration_count)
		return db_fail(db, tr("数据库由更新版本的 duban 建立（结构版本 %d，本程序只认识到 %d）；"
		                      "请使用更新的 duban，未作任何改动"),
		               version, (int)db_migration_count);
	if (db->readonly && version < (int)db_migration_count)
		return db_fail(db, tr("数据库的结构版本 %d 较旧，需要升级到 %d，但它只能以只读方式打开；"
		                      "请由能写入它的用户先打开一次"),
		               version, (int)db_migration_count);
	return version;
}

static int migrate(struct db *db)
{
	sqlite3_stmt *st;
	int version = version_check(db);

	if (version < 0)
		return -1;
	while (version < (int)db_migration_count) {
		char bump[64];

		if (begin(db) < 0)
			return -1;
		/* Re-read under the write lock: another process may have migrated meanwhile. */
		st = prepare(db, "PRAGMA user_version");
		if (!st) {
			rollback(db);
			return -1;
		}
		version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
		sqlite3_finalize(st);
		if (version < 0 || version >= (int)db_migration_count) {
			rollback(db);
			break;
		}
		/* PRAGMA takes no bound parameters; the number is ours, not input. */
		snprintf(bump, sizeof bump, "PRAGMA user_version = %d", version + 1);
		if (exec(db, db_migrations[version]) < 0 || exec(db, bump) < 0) {
			char why[512];

			snprintf(why, sizeof why, "%s", db->err);
			rollback(db);
			return db_fail(db, tr("升级数据库结构到版本 %d 失败：%s"), version + 1, why);
		}
		if (commit(db) < 0) {
			rollback(db);
			return -1;
		}
		version++;
	}
	return 0;
}

/* ---- the connection's functions: what the triggers of db_schema.c record ----------------
 * They exist only on connections db_open_mode made, so a bare sqlite3 session cannot prepare
 * a write to an item, a note, a measure or the history ("no such function: duban_who"). */

static void fn_who(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct db *db = sqlite3_user_data(cx);

	(void)argc, (void)argv;
	sqlite3_result_text(cx, db->who, -1, SQLITE_STATIC);
}

static void fn_source(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct db *db = sqlite3_user_data(cx);

	(void)argc, (void)argv;
	sqlite3_result_text(cx, db->source ? db->source : "edit", -1, SQLITE_STATIC);
}

static void fn_reason(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct db *db = sqlite3_user_data(cx);

	(void)argc, (void)argv;
	if (db->reason && *db->reason)
		sqlite3_result_text(cx, db->reason, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(cx);
}

static void fn_undo_of(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct db *db = sqlite3_user_data(cx);

	(void)argc, (void)argv;
	if (db->undo_of)
		sqlite3_result_int64(cx, db->undo_of);
	else
		sqlite3_result_null(cx);
}

static void fn_publishing(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct db *db = sqlite3_user_data(cx);

	(void)argc, (void)argv;
	sqlite3_result_int(cx, db->publishing);
}

void db_chain_hash(sqlite3_value **values, const char *prev, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char d[32];
	struct sha256 s;

	sha256_init(&s);
	for (int i = 0; i <= DB_CHAIN_FIELDS; i++) {
		const unsigned char *t;
		int n;
		char len[24];

		if (i < DB_CHAIN_FIELDS) {
			t = sqlite3_value_type(values[i]) == SQLITE_NULL ? NULL
			                                                 : sqlite3_value_text(values[i]);
			n = t ? sqlite3_value_bytes(values[i]) : 0;
		} else {
			t = (const unsigned char *)prev;
			n = prev ? (int)strlen(prev) : 0;
		}
		if (!t) {
			sha256_update(&s, "N", 1);
			continue;
		}
		snprintf(len, sizeof len, "S%d:", n);
		sha256_update(&s, len, strlen(len));
		sha256_update(&s, t, (size_t)n);
	}
	sha256_final(&s, d);
	for (int i = 0; i < 32; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
}

/* duban_chain(id, item_id, at, who, field, old, new, source, version, reason, undo_of, prev) */
static void fn_chain(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	char hex[65];
	const unsigned char *prev = sqlite3_value_type(argv[DB_CHAIN_FIELDS]) == SQLITE_NULL
	                                ? NULL
	                                : sqlite3_value_text(argv[DB_CHAIN_FIELDS]);

	(void)argc;
	db_chain_hash(argv, (const char *)prev, hex);
	sqlite3_result_text(cx, hex, 64, SQLITE_TRANSIENT);
}

static int register_functions(struct db *db)
{
	static const struct {
		const char *name;
		int argc;
		void (*fn)(sqlite3_context *, int, sqlite3_value **);
	} fns[] = {
		{"duban_who", 0, fn_who},         {"duban_source", 0, fn_source},
		{"duban_reason", 0, fn_reason},   {"duban_undo_of", 0, fn_undo_of},
		{"duban_publishing", 0, fn_publishing},
		{"duban_chain", DB_CHAIN_FIELDS + 1, fn_chain},
	};

	/* Not SQLITE_DIRECTONLY: the triggers must be able to call them. */
	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
		if (sqlite3_create_function(db->conn, fns[i].name, fns[i].argc, SQLITE_UTF8, db,
		                            fns[i].fn, NULL, NULL) != SQLITE_OK)
			return db_fail_sqlite(db, "sqlite3_create_function");
	return 0;
}

/* The schema objects duban needs, by type and name (db_schema.c creates them; keep in step). A
 * missing one is named at open, instead of a later "no such table". */
static const char *const schema_needed[][2] = {
	{"table", "region"}, {"table", "report"}, {"table", "category"}, {"table", "item"},
	{"table", "measure"}, {"table", "note"}, {"table", "history"}, {"table", "item_tally"},
	{"table", "item_search"},
	{"index", "item_report"}, {"index", "item_region_state"}, {"index", "history_item"},
	{"index", "history_item_version"}, {"index", "region_parent"},
	{"index", "item_board_due"}, {"index", "item_board_state"},
	{"trigger", "history_no_update"}, {"trigger", "history_no_delete"},
	{"trigger", "history_append"}, {"trigger", "item_guard_update"},
	{"trigger", "item_guard_delete"}, {"trigger", "note_guard_update"},
	{"trigger", "note_guard_delete"}, {"trigger", "measure_guard_insert"},
	{"trigger", "measure_guard_update"}, {"trigger", "measure_guard_delete"},
	{"trigger", "item_history_insert"}, {"trigger", "item_history_text"},
	{"trigger", "item_history_status"}, {"trigger", "item_history_deadline"},
	{"trigger", "item_history_lead_unit"}, {"trigger", "item_history_responsible_unit"},
	{"trigger", "item_history_acceptance_unit"}, {"trigger", "item_history_goal"},
	{"trigger", "item_history_subcategory"}, {"trigger", "item_history_state"},
	{"trigger", "item_history_verified_on"}, {"trigger", "item_history_verified_by"},
	{"trigger", "item_history_verify_opinion"}, {"trigger", "item_history_removed"},
	{"trigger", "item_history_category"}, {"trigger", "note_history_insert"},
	{"trigger", "note_history_withdrawn"},
	{"trigger", "item_tally_insert"}, {"trigger", "item_tally_update"},
	{"trigger", "item_search_insert"}, {"trigger", "item_search_update_old"},
	{"trigger", "item_search_update_new"},
};

static int schema_check(struct db *db)
{
	/* A table may have become a view of the same name (a migration's way of reshaping). */
	sqlite3_stmt *st = prepare(db, "SELECT 1 FROM sqlite_schema WHERE name = ?2 AND (type = ?1"
	                               " OR (?1 = 'table' AND type = 'view'))");

	if (!st)
		return -1;
	for (size_t i = 0; i < sizeof schema_needed / sizeof schema_needed[0]; i++) {
		int rc;

		sqlite3_reset(st);
		bind_text(st, 1, schema_needed[i][0]);
		bind_text(st, 2, schema_needed[i][1]);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			continue;
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return db_fail_sqlite(db, tr("检查数据库结构"));
		return db_fail(db, tr("数据库结构已损坏：缺少%s %s（可能被 duban 以外的程序改动过）；"
		                      "请从备份恢复，或用 duban check 查看详情"),
		               strcmp(schema_needed[i][0], "table") == 0   ? tr("表")
		               : strcmp(schema_needed[i][0], "index") == 0 ? tr("索引")
		                                                           : tr("触发器"),
		               schema_needed[i][1]);
	}
	sqlite3_finalize(st);
	return 0;
}

/* The busy timeout: DUBAN_BUSY_TIMEOUT milliseconds, else 5 s. */
static int busy_timeout(void)
{
	const char *e = getenv("DUBAN_BUSY_TIMEOUT");
	char *end;
	long ms;

	if (!e || !*e)
		return 5000;
	ms = strtol(e, &end, 10);
	return *end || ms < 0 || ms > 3600000 ? 5000 : (int)ms;
}

/* Whether path (a file, or the directory holding it) lets this process write. */
static int writable(const char *path, int dir)
{
	char buf[4096];
	const char *slash;

	if (!dir)
		return access(path, W_OK) == 0;
	slash = strrchr(path, '/');
	if (!slash)
		return access(".", W_OK) == 0;
	if ((size_t)(slash - path) >= sizeof buf)
		return 0;
	if (slash == path)
		return access("/", W_OK) == 0;
	memcpy(buf, path, (size_t)(slash - path));
	buf[slash - path] = '\0';
	return access(buf, W_OK) == 0;
}

/* Whether the side file path-suffix exists. */
static int side_exists(const char *path, const char *suffix)
{
	char buf[4096];

	return (size_t)snprintf(buf, sizeof buf, "%s%s", path, suffix) < sizeof buf &&
	       access(buf, F_OK) == 0;
}

/* SQLite's answer to BUSY while another process creates the database or switches it to WAL:
 * journal_mode = WAL takes an exclusive lock and does not wait on the busy handler, so first
 * opens at once used to fail with "database is locked". Retried here for up to the busy
 * timeout, with a short growing sleep. */
static int exec_retry(struct db *db, const char *sql)
{
	int waited = 0, step = 1;

	for (;;) {
		int rc = sqlite3_exec(db->conn, sql, NULL, NULL, NULL);

		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			return db_fail_sqlite(db, sql);
		if (waited >= db->busy_ms)
			return db_fail_sqlite(db, tr("打开数据库"));
		usleep((useconds_t)step * 1000);
		waited += step;
		step = step < 32 ? step * 2 : 32;
	}
}

int db_open_mode(const char *path, const char *who, int flags, struct db **out, char *err,
                 size_t errsize)
{
	struct db *db = calloc(1, sizeof *db);
	int memory = strcmp(path, ":memory:") == 0, exists, rc, oflags;
	char uri[4200];
	const char *name = path;

	*out = NULL;
	if (!db || !(db->who = text_sanitize(who && *who ? who : "unknown",
	                                     strlen(who && *who ? who : "unknown"), 0)) ||
	    !(db->path = strdup(path))) {
		if (db)
			free(db->who);
		free(db);
		snprintf(err, errsize, "%s", tr("内存不足"));
		return -1;
	}
	if (!*db->who) {
		free(db->who);
		db->who = strdup("unknown");
	}
	db->busy_ms = busy_timeout();
	exists = memory || access(path, F_OK) == 0;
	if (!exists && (flags & DB_OPEN_EXISTING)) {
		snprintf(err, errsize, tr("数据库 %s 不存在；先用 duban import 导入报告"), path);
		db_close(db);
		return -1;
	}
	oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (!memory && exists && (flags & DB_OPEN_READ) &&
	    (!writable(path, 0) || !writable(path, 1))) {
		/* A reader that may not write: SQLite opens read-only. When the -shm file is missing
		 * it would create one owned by this user, which the owner then cannot use; with no
		 * -wal either, the whole database is in the main file and an immutable open reads it
		 * without any side file. */
		db->readonly = 1;
		oflags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
		if (!side_exists(path, "-shm") || !writable(path, 1)) {
			char *p = uri;
			const char *q;

			p += snprintf(p, sizeof uri, "file:");
			for (q = path; *q && p < uri + sizeof uri - 40; q++) {
				if (*q == '?' || *q == '#' || *q == '%')
					p += sprintf(p, "%%%02X", (unsigned char)*q);
				else
					*p++ = *q;
			}
			snprintf(p, (size_t)(uri + sizeof uri - p), "%s",
			         side_exists(path, "-wal") && side_exists(path, "-shm") ? "?mode=ro"
			                                                                : "?mode=ro&immutable=1");
			name = uri;
		}
	} else if (!memory && exists && !writable(path, 0)) {
		snprintf(err, errsize, tr("数据库 %s 不可写（没有写权限）"), path);
		db_close(db);
		return -1;
	} else if (!memory && !writable(path, 1)) {
		snprintf(err, errsize,
		         exists ? tr("数据库 %s 所在的目录不可写：SQLite 需要在那里建立 -wal 和 -shm 文件")
		                : tr("不能建立数据库 %s：所在的目录不可写"),
		         path);
		db_close(db);
		return -1;
	}
	rc = sqlite3_open_v2(name, &db->conn, oflags, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errsize, tr("不能打开数据库 %s：%s"), path,
		         db->conn ? sqlite3_errmsg(db->conn) : sqlite3_errstr(rc));
		db_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db->conn, db->busy_ms);
	sqlite3_extended_result_codes(db->conn, 1);
	if (register_functions(db) < 0 || exec(db, "PRAGMA foreign_keys = ON") < 0 ||
	    version_check(db) < 0 || (!memory && !db->readonly && exec_retry(db, "PRAGMA journal_mode = WAL") < 0) ||
	    (!db->readonly && exec(db, "PRAGMA synchronous = NORMAL") < 0) || migrate(db) < 0 ||
	    (schema_check(db) < 0 &&
	     (!(flags & DB_OPEN_CHECK) || !(db->schema_problem = strdup(db->err))))) {
		snprintf(err, errsize, tr("不能使用数据库 %s：%s"), path, db->err);
		db_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

int db_open(const char *path, const char *who, struct db **out, char *err, size_t errsize)
{
	return db_open_mode(path, who, DB_OPEN_CREATE, out, err, errsize);
}

const char *db_schema_problem(const struct db *db)
{
	return db->schema_problem;
}

int db_readonly(const struct db *db)
{
	return db->readonly;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < sizeof db->cache / sizeof db->cache[0]; i++)
		sqlite3_finalize(db->cache[i].st);
	sqlite3_close_v2(db->conn);
	free(db->who);
	free(db->path);
	free(db->schema_problem);
	free(db);
}

/* Finds child `name` under parent (0 = top) or creates it. */
static int region_child(struct db *db, int64_t parent, const char *name, int64_t *id)
{
	sqlite3_stmt *st = prepare(db, "SELECT id FROM region WHERE ifnull(parent_id, 0) = ?1 "
	                               "AND name = ?2");
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, parent);
	bind_text(st, 2, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		return 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail_sqlite(db, tr("查找地区"));
	st = prepare(db, "INSERT INTO region(parent_id, name) VALUES (?1, ?2)");
	if (!st)
		return -1;
	if (parent)
		sqlite3_bind_int64(st, 1, parent);
	else
		sqlite3_bind_null(st, 1);
	bind_text(st, 2, name);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail_sqlite(db, tr("添加地区"));
	*id = sqlite3_last_insert_rowid(db->conn);
	return 0;
}

/* Creates the missing nodes of a region path; the caller holds the transaction. */
static int region_path(struct db *db, const char *const *names, size_t n)
{
	int64_t parent = 0;

	for (size_t i = 0; i < n; i++) {
		/* Names are data: stored as item text is, without terminal-active characters. */
		char *name = names[i] ? text_sanitize(names[i], strlen(names[i]), 0) : NULL;
		int rc;

		if (names[i] && !name)
			return db_fail(db, "%s", tr("内存不足"));
		if (!name || !*name) {
			free(name);
			return db_fail(db, tr("地区路径的第 %zu 级名称是空的"), i + 1);
		}
		rc = region_child(db, parent, name, &parent);
		free(name);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int db_region_add_path(struct db *db, const char *const *names, size_t n)
{
	if (begin(db) < 0)
		return -1;
	if (region_path(db, names, n) < 0 || commit(db) < 0) {
		rollback(db);
		return -1;
	}
	return 0;
}

/* The region a report names: the shallowest node of that name, else a new top-level node. */
static int region_for_report(struct db *db, const char *name, int64_t *id)
{
	sqlite3_stmt *st = prepare(db, "WITH RECURSIVE d(id, depth) AS ("
	                               " SELECT id, 0 FROM region WHERE parent_id IS NULL"
	                               " UNION ALL SELECT r.id, d.depth + 1 FROM region r"
	                               " JOIN d ON r.parent_id = d.id)"
	                               " SELECT region.id FROM region JOIN d USING (id)"
	                               " WHERE name = ?1 ORDER BY d.depth, region.id LIMIT 1");
	int rc;

	if (!st)
		return -1;
	bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_fail_sqlite(db, tr("查找报告所属的地区"));
	return region_child(db, 0, name, id);
}

/* ---- import ---------------------------------------------------------------------------- */

/* The printed fields an import may change, in the order of the item table columns. */
enum field {
	F_TEXT,
	F_STATUS,
	F_DEADLINE,
	F_LEAD,
	F_RESPONSIBLE,
	F_ACCEPTANCE,
	F_GOAL,
	F_SUBCATEGORY,
	F_COUNT
};

static const char *const field_names[F_COUNT] = {
	"text", "status", "deadline", "lead_unit", "responsible_unit", "acceptance_unit", "goal",
	"subcategory",
};

/* The statements of one import (or edit). Each is prepared on first use and finalised with the
 * others in ctx_finish: a big report runs most of them thousands of times, and preparing costs
 * more than running. SQL text is never assembled at run time: one UPDATE per column. */
enum stmt {
	S_UPD_FIELD, /* F_COUNT statements, in the order of enum field */
	S_INS_ITEM = S_UPD_FIELD + F_COUNT,
	S_INS_MEASURE,
	S_INS_HISTORY,
	S_EDITED,
	S_SEL_ITEM,
	S_SEL_MEASURES,
	S_DEL_MEASURES,
	S_UPD_STATE,
	S_UPD_DUE,
	S_UPD_PLACE,
	S_RELIST,
	S_REMOVE,
	S_PUBLISH,
	S_SEL_KNOWN,
	S_SEL_CATEGORY,
	S_UPD_CATEGORY,
	S_INS_CATEGORY,
	S_CATEGORY_NAME,
	S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
	[S_UPD_FIELD + F_TEXT] = "UPDATE item SET text = ?1 WHERE id = ?2",
	[S_UPD_FIELD + F_STATUS] = "UPDATE item SET status = ?1 WHERE id = ?2",
	[S_UPD_FIELD + F_DEADLINE] = "UPDATE item SET deadline = ?1 WHERE id = ?2",
	[S_UPD_FIELD + F_LEAD] = "UPDATE item SET lead_unit = ?1 WHERE id = ?2",
	[S_UPD_FIELD + F_RESPONSIBLE] = "UPDATE item SET responsible_unit = ?1 WHERE id = ?2",
	[S_UPD_FIELD + F_ACCEPTANCE] = "UPDATE item SET acceptance_unit = ?1 WHERE id = ?2",
	[S_UPD_FIELD + F_GOAL] = "UPDATE item SET goal = ?1 WHERE id = ?2",
	[S_UPD_FIELD + F_SUBCATEGORY] = "UPDATE item SET subcategory = ?1 WHERE id = ?2",
	/* Added items start out removed and are listed by S_PUBLISH in one statement at the end:
	 * see publish(). */
	[S_INS_ITEM] = "INSERT INTO item(report_id, category_id, region_id, seq, no, text, status,"
	               " deadline, lead_unit, responsible_unit, acceptance_unit, goal, subcategory,"
	               " state, due, due_kind, long_term, line, updated_at, updated_by, removed)"
	               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
	               " ?16, ?17, ?18, ?19, ?20, 1)",
	[S_INS_MEASURE] = "INSERT INTO measure(item_id, seq, text, status) VALUES (?1, ?2, ?3, ?4)",
	/* Rows no trigger writes (measures replaced); the version is the one the change's last
	 * statement (S_UPD_PLACE) will set. */
	[S_INS_HISTORY] = DB_HISTORY_INSERT("?1", "?2", "?3", "?4",
	                                    "(SELECT version + 1 FROM item WHERE id = ?1)"),
	[S_EDITED] = "SELECT 1 FROM history WHERE item_id = ?1 AND field = ?2 AND source = 'edit'"
	             " LIMIT 1",
	[S_SEL_ITEM] = "SELECT text, status, deadline, lead_unit, responsible_unit, acceptance_unit,"
	               " goal, subcategory, state, removed, category_id, seq FROM item WHERE id = ?1",
	[S_SEL_MEASURES] = "SELECT text, status FROM measure WHERE item_id = ?1 ORDER BY seq",
	[S_DEL_MEASURES] = "DELETE FROM measure WHERE item_id = ?1",
	/* A state the report gives was marked done by nobody in duban: anyone may verify it. */
	[S_UPD_STATE] = "UPDATE item SET state = ?1, done_by = NULL, done_at = NULL WHERE id = ?2",
	[S_UPD_DUE] = "UPDATE item SET due = ?1, due_kind = ?2, long_term = ?3 WHERE id = ?4",
	/* Not "removed": setting it, even to its value, fires the board's FTS and tally triggers. */
	[S_UPD_PLACE] = "UPDATE item SET category_id = ?1, seq = ?2, line = ?3,"
	                " version = version + ?4, updated_at = ?5, updated_by = ?6 WHERE id = ?7",
	[S_RELIST] = "UPDATE item SET removed = 0 WHERE id = ?1",
	[S_REMOVE] = "UPDATE item SET removed = 1, version = version + 1, updated_at = ?2,"
	             " updated_by = ?3 WHERE id = ?1",
	[S_PUBLISH] = "UPDATE item SET removed = 0 WHERE report_id = ?1 AND id >= ?2 AND removed = 1",
	[S_SEL_KNOWN] = "SELECT item.id, c.label, item.no, item.removed FROM item"
	                " JOIN category c ON c.id = item.category_id WHERE item.report_id = ?1"
	                " ORDER BY c.seq, item.seq, item.id",
	[S_SEL_CATEGORY] = "SELECT id, label, title FROM category WHERE report_id = ?1 AND seq = ?2",
	[S_UPD_CATEGORY] = "UPDATE category SET label = ?1, title = ?2 WHERE id = ?3",
	[S_INS_CATEGORY] = "INSERT INTO category(label, title, report_id, seq) VALUES (?1, ?2, ?3, ?4)",
	[S_CATEGORY_NAME] = "SELECT label, title FROM category WHERE id = ?1",
};

struct import_ctx {
	struct db *db;
	const char *now;
	sqlite3_stmt *st[S_COUNT];
	int64_t first_new; /* the first item this import added, 0 when none */
};

/* Statement s ready to bind: prepared on first use, else reset with its bindings cleared. */
static sqlite3_stmt *use(struct import_ctx *c, enum stmt s)
{
	if (!c->st[s])
		return c->st[s] = prepare(c->db, stmt_sql[s]);
	sqlite3_reset(c->st[s]);
	sqlite3_clear_bindings(c->st[s]);
	return c->st[s];
}

static void ctx_finish(struct import_ctx *c)
{
	for (int s = 0; s < S_COUNT; s++) {
		sqlite3_finalize(c->st[s]);
		c->st[s] = NULL;
	}
}

/* Runs a statement that returns no row. */
static int run(struct import_ctx *c, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail_sqlite(c->db, what);
}

static const char *item_field(const struct import_item *it, enum field f)
{
	switch (f) {
	case F_TEXT: return it->text ? it->text : "";
	case F_STATUS: return it->status;
	case F_DEADLINE: return it->deadline;
	case F_LEAD: return it->lead_unit;
	case F_RESPONSIBLE: return it->responsible_unit;
	case F_ACCEPTANCE: return it->acceptance_unit;
	case F_GOAL: return it->goal;
	case F_SUBCATEGORY: return it->subcategory;
	case F_COUNT: break;
	}
	return NULL;
}

static int str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int history_add(struct import_ctx *c, int64_t item, const char *field, const char *old,
                       const char *new_value, const char *source)
{
	sqlite3_stmt *st = use(c, S_INS_HISTORY);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, item);
	bind_text(st, 2, field);
	bind_text(st, 3, old);
	bind_text(st, 4, new_value);
	c->db->source = source;
	return run(c, st, tr("写入修改记录"));
}

/* State and due date of an imported item, from its printed status, measures and deadline. */
static enum state item_state(const struct import_item *it)
{
	const char *stack[64] = {0};
	const char **ms = it->measure_count <= 64 ? stack : malloc(it->measure_count * sizeof *ms);
	enum state s;

	if (!ms)
		return state_classify(it->status, NULL, 0);
	for (size_t i = 0; i < it->measure_count; i++)
		ms[i] = it->measures[i].status;
	s = state_classify(it->status, ms, it->measure_count);
	if (ms != stack)
		free(ms);
	return s;
}

static void bind_deadline(sqlite3_stmt *st, int first, const char *deadline)
{
	struct deadline d;
	char iso[16];

	date_parse_deadline(deadline, &d);
	if (d.kind == DUE_DATE)
		bind_text(st, first, date_format_iso(date_to_days(d.year, d.month, d.day), iso));
	else if (d.kind == DUE_IMMEDIATE)
		/* 立行立改 is due at once: the day the report (or the edit) said so, so that an
		 * open one counts as overdue from then and sorts first (issue 9; migration 3 in
		 * db_schema.c gave older rows their report's import day). */
		bind_text(st, first, date_format_iso(date_today(), iso));
	else
		sqlite3_bind_null(st, first);
	bind_text(st, first + 1, date_due_kind_name(d.kind));
	sqlite3_bind_int(st, first + 2, d.long_term);
}

static int insert_measures(struct import_ctx *c, int64_t item, const struct import_item *it)
{
	for (size_t i = 0; i < it->measure_count; i++) {
		sqlite3_stmt *st = use(c, S_INS_MEASURE);

		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, item);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		bind_text(st, 3, it->measures[i].text ? it->measures[i].text : "");
		bind_text(st, 4, it->measures[i].status);
		if (run(c, st, tr("添加整改措施")) < 0)
			return -1;
	}
	return 0;
}

/* Adds an item, hidden (removed = 1) until publish() lists all the added items at once. */
static int insert_item(struct import_ctx *c, int64_t report, int64_t category, int64_t region,
                       int seq, const struct import_item *it, const char *file)
{
	sqlite3_stmt *st = use(c, S_INS_ITEM);
	int64_t id;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, report);
	sqlite3_bind_int64(st, 2, category);
	sqlite3_bind_int64(st, 3, region);
	sqlite3_bind_int(st, 4, seq);
	bind_text(st, 5, it->no ? it->no : "");
	for (int f = 0; f < F_COUNT; f++)
		bind_text(st, 6 + f, item_field(it, (enum field)f));
	bind_text(st, 14, state_name(item_state(it)));
	bind_deadline(st, 15, it->deadline);
	sqlite3_bind_int(st, 18, it->line);
	bind_text(st, 19, c->now);
	bind_text(st, 20, db_who(c->db));
	if (run(c, st, tr("添加问题")) < 0)
		return -1;
	id = sqlite3_last_insert_rowid(c->db->conn);
	if (!c->first_new || id < c->first_new)
		c->first_new = id;
	/* The history row "imported from FILE" is the trigger item_history_insert's. */
	(void)file;
	return insert_measures(c, id, it);
}

/* Lists the items this import added, in one statement. The board's FTS5 index flushes its
 * pending terms at every statement that writes to it (each opens a savepoint), so a trigger
 * firing once per INSERT made a new report's import four times slower than one UPDATE that
 * fires the triggers for all the rows. Added items have ids above every earlier item: the
 * write lock is held and rowids are allocated upwards. */
static int publish(struct import_ctx *c, int64_t report)
{
	sqlite3_stmt *st;
	int rc;

	if (!c->first_new)
		return 0;
	if (!(st = use(c, S_PUBLISH)))
		return -1;
	sqlite3_bind_int64(st, 1, report);
	sqlite3_bind_int64(st, 2, c->first_new);
	/* Not a change of the items' history: their row "imported from" is already written. */
	c->db->publishing = 1;
	rc = run(c, st, tr("列入新增的问题"));
	c->db->publishing = 0;
	return rc;
}

/* Whether a user edited field of item in duban (history with source "edit"): 1, 0, or -1. */
static int was_edited(struct import_ctx *c, int64_t item, const char *field)
{
	sqlite3_stmt *st = use(c, S_EDITED);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, item);
	bind_text(st, 2, field);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_fail_sqlite(c->db, tr("读取修改记录"));
}

static int add_difference(struct db_import_result *res, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int add_difference(struct db_import_result *res, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	char **p = realloc(res->differences, (res->difference_count + 1) * sizeof *p);

	if (!p)
		return -1;
	res->differences = p;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (!(p[res->difference_count] = strdup(buf)))
		return -1;
	res->difference_count++;
	return 0;
}

/* Records a field an update took from the report (res->changes). */
static int add_change(struct db_import_result *res, const char *no, const char *field,
                      const char *old_value, const char *new_value)
{
	struct db_import_change *p = res->changes, *ch;
	size_t n = res->change_count;

	/* The capacity doubles at each power of two (a big update lists thousands of changes). */
	if (n == 0 || (n >= 8 && (n & (n - 1)) == 0)) {
		p = realloc(p, (n < 8 ? 8 : 2 * n) * sizeof *p);
		if (!p)
			return -1;
		res->changes = p;
	}
	ch = &p[n];
	ch->no = strdup(no ? no : "");
	ch->field = strdup(field);
	ch->old_value = old_value ? strdup(old_value) : NULL;
	ch->new_value = new_value ? strdup(new_value) : NULL;
	res->change_count++;
	if (!ch->no || !ch->field || (old_value && !ch->old_value) || (new_value && !ch->new_value))
		return -1;
	return 0;
}

/* Text shortened for a difference sentence: at most about 40 characters. */
static void brief(const char *s, char *buf, size_t size)
{
	size_t n = 0, chars = 0;

	if (!s) {
		snprintf(buf, size, "%s", tr("（无）"));
		return;
	}
	while (s[n] && chars < 40 && n + 4 < size) {
		n++;
		while ((s[n] & 0xC0) == 0x80)
			n++;
		chars++;
	}
	snprintf(buf, size, "%.*s%s", (int)n, s, s[n] ? "…" : "");
}

/* Whether the stored measures of item id are those of it: 1, 0, or -1. */
static int same_measures(struct import_ctx *c, int64_t id, const struct import_item *it,
                         size_t *stored)
{
	sqlite3_stmt *st = use(c, S_SEL_MEASURES);
	size_t n = 0;
	int same = 1, step;

	*stored = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		const char *s = (const char *)sqlite3_column_text(st, 1);

		if (n >= it->measure_count ||
		    !str_eq(t, it->measures[n].text ? it->measures[n].text : "") ||
		    !str_eq(s, it->measures[n].status))
			same = 0;
		n++;
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return db_fail_sqlite(c->db, tr("读取整改措施"));
	*stored = n;
	return same && n == it->measure_count;
}

/* Compares one stored item with its new printed version and applies what the report changed,
 * keeping fields a user edited; counts the item in res. Sets *changed when anything was
 * written. */
static int update_item(struct import_ctx *c, int64_t id, const struct import_item *it,
                       const struct import_category *cat, int64_t category, int seq,
                       struct db_import_result *res, int *changed)
{
	sqlite3_stmt *st = use(c, S_SEL_ITEM);
	char *old[F_COUNT] = {0};
	char *old_state = NULL;
	int removed = 0, rc, dirty = 0, status_changed = 0;
	int64_t old_category = 0;
	int old_seq = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_fail_sqlite(c->db, tr("读取问题"));
	}
	for (int f = 0; f < F_COUNT; f++)
		old[f] = col_text(st, f);
	old_state = col_text(st, 8);
	removed = sqlite3_column_int(st, 9);
	old_category = sqlite3_column_int64(st, 10);
	old_seq = sqlite3_column_int(st, 11);
	sqlite3_reset(st);

	rc = 0;
	for (int f = 0; f < F_COUNT && rc == 0; f++) {
		const char *now = item_field(it, (enum field)f);
		int edited;

		if (str_eq(old[f], now))
			continue;
		edited = was_edited(c, id, field_names[f]);
		if (edited < 0) {
			rc = -1;
		} else if (edited) {
			char a[256], b[256];

			brief(old[f], a, sizeof a);
			brief(now, b, sizeof b);
			if (add_difference(res, tr("问题 %lld（%s）%s：保留了在 duban 中的修改“%s”；报告中是“%s”"),
			                   (long long)id, it->no ? it->no : "", field_names[f], a, b) < 0)
				rc = db_fail(c->db, "%s", tr("内存不足"));
		} else if (!(st = use(c, (enum stmt)(S_UPD_FIELD + f)))) {
			rc = -1;
		} else {
			bind_text(st, 1, now);
			sqlite3_bind_int64(st, 2, id);
			/* the history row is the trigger's (item_history_<field>) */
			rc = run(c, st, tr("修改问题"));
			if (rc == 0 && add_change(res, it->no, field_names[f], old[f], now) < 0)
				rc = db_fail(c->db, "%s", tr("内存不足"));
			dirty = 1;
			status_changed |= f == F_STATUS;
			if (rc == 0 && f == F_DEADLINE) {
				/* the due date follows the printed deadline */
				if (!(st = use(c, S_UPD_DUE)))
					rc = -1;
				else {
					bind_deadline(st, 1, now);
					sqlite3_bind_int64(st, 4, id);
					rc = run(c, st, tr("更新到期日"));
				}
			}
		}
	}

	/* Measures: replaced as a whole when the report's list differs. */
	if (rc == 0) {
		size_t n;
		int same = same_measures(c, id, it, &n);

		if (same < 0)
			rc = -1;
		else if (!same) {
			char a[32], b[32];

			snprintf(a, sizeof a, "%zu measures", n);
			snprintf(b, sizeof b, "%zu measures", it->measure_count);
			if (!(st = use(c, S_DEL_MEASURES)))
				rc = -1;
			else {
				sqlite3_bind_int64(st, 1, id);
				rc = run(c, st, tr("替换整改措施"));
			}
			if (rc == 0)
				rc = insert_measures(c, id, it);
			if (rc == 0)
				rc = history_add(c, id, "measures", a, b, "import");
			snprintf(a, sizeof a, "%zu", n);
			snprintf(b, sizeof b, "%zu", it->measure_count);
			if (rc == 0 && add_change(res, it->no, "measures", a, b) < 0)
				rc = db_fail(c->db, "%s", tr("内存不足"));
			dirty = 1;
			status_changed = 1; /* measure statuses feed the state */
		}
	}

	/* The state follows the printed status and measures unless a user set the status or the
	 * state. */
	if (rc == 0 && status_changed) {
		const char *now_state = state_name(item_state(it));
		int edited_status = was_edited(c, id, "status");
		int edited = edited_status == 0 ? was_edited(c, id, "state") : 0;

		if (edited_status < 0 || edited < 0)
			rc = -1;
		else if (!edited_status && !str_eq(old_state, now_state)) {
			if (edited) {
				if (add_difference(res, tr("问题 %lld（%s）状态：保留了在 duban 中的修改“%s”；"
				                           "报告现在表示“%s”"),
				                   (long long)id, it->no ? it->no : "", old_state, now_state) < 0)
					rc = db_fail(c->db, "%s", tr("内存不足"));
			} else if (!(st = use(c, S_UPD_STATE))) {
				rc = -1;
			} else {
				bind_text(st, 1, now_state);
				sqlite3_bind_int64(st, 2, id);
				rc = run(c, st, tr("更新状态"));
			}
		}
	}
	if (rc == 0 && removed) {
		if (!(st = use(c, S_RELIST)))
			rc = -1;
		else {
			sqlite3_bind_int64(st, 1, id);
			rc = run(c, st, tr("重新列入问题"));
		}
		dirty = 1;
	}
	/* The move's history row is the trigger's (item_history_category), which names both
	 * categories. */
	if (rc == 0 && old_category != category)
		dirty = 1;
	if (rc == 0 && (old_seq != seq || dirty)) {
		if (!(st = use(c, S_UPD_PLACE)))
			rc = -1;
		else {
			sqlite3_bind_int64(st, 1, category);
			sqlite3_bind_int(st, 2, seq);
			sqlite3_bind_int(st, 3, it->line);
			sqlite3_bind_int(st, 4, dirty);
			bind_text(st, 5, c->now);
			bind_text(st, 6, db_who(c->db));
			sqlite3_bind_int64(st, 7, id);
			rc = run(c, st, tr("修改问题"));
		}
		*changed = 1;
	}
	if (rc == 0 && dirty)
		res->items_updated++;
	else if (rc == 0)
		res->items_unchanged++;
	for (int f = 0; f < F_COUNT; f++)
		free(old[f]);
	free(old_state);
	return rc;
}

static int category_upsert(struct import_ctx *c, int64_t report, int seq,
                           const struct import_category *cat, int64_t *id, int *changed)
{
	sqlite3_stmt *st = use(c, S_SEL_CATEGORY);
	int rc;

	*id = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, report);
	sqlite3_bind_int(st, 2, seq);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int same = str_eq((const char *)sqlite3_column_text(st, 1), cat->label) &&
		           str_eq((const char *)sqlite3_column_text(st, 2), cat->title);
		*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (same)
			return 0;
		if (!(st = use(c, S_UPD_CATEGORY)))
			return -1;
		sqlite3_bind_int64(st, 3, *id);
	} else {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_fail_sqlite(c->db, tr("读取类别"));
		if (!(st = use(c, S_INS_CATEGORY)))
			return -1;
		sqlite3_bind_int64(st, 3, report);
		sqlite3_bind_int(st, 4, seq);
	}
	bind_text(st, 1, cat->label);
	bind_text(st, 2, cat->title);
	if (run(c, st, tr("写入类别")) < 0)
		return -1;
	if (!*id)
		*id = sqlite3_last_insert_rowid(c->db->conn);
	*changed = 1;
	return 0;
}

/* ---- matching a new version's items with the stored ones -------------------------------- */

/* An item is known by its category's label, its number, and how many items before it in the
 * report have the same label and number (numbering may restart, and a report may repeat a
 * category label). Both versions are keyed the same way, over the whole report. */
struct key {
	const char *label; /* NULL for the implicit category */
	const char *no;
	size_t order;   /* position in the report */
	int occurrence; /* set by number_keys */
	int64_t id;     /* stored items: the item */
	int removed, matched;
};

static int cmp_key_name(const struct key *a, const struct key *b)
{
	int d = !a->label || !b->label ? (a->label != NULL) - (b->label != NULL)
	                               : strcmp(a->label, b->label);
	return d ? d : strcmp(a->no, b->no);
}

static int cmp_key_order(const void *pa, const void *pb)
{
	const struct key *a = pa, *b = pb;
	int d = cmp_key_name(a, b);

	return d ? d : (a->order > b->order) - (a->order < b->order);
}

static int cmp_key_occurrence(const void *pa, const void *pb)
{
	const struct key *a = pa, *b = pb;
	int d = cmp_key_name(a, b);

	return d ? d : (a->occurrence > b->occurrence) - (a->occurrence < b->occurrence);
}

/* Sorts keys by label, number and order, and numbers the occurrences of each label and number;
 * the array is then also sorted for bsearch with cmp_key_occurrence. */
static void number_keys(struct key *k, size_t n)
{
	if (n == 0)
		return;
	qsort(k, n, sizeof *k, cmp_key_order);
	for (size_t i = 0; i < n; i++)
		k[i].occurrence = i > 0 && cmp_key_name(&k[i - 1], &k[i]) == 0 ? k[i - 1].occurrence + 1 : 0;
}

static void keys_free(struct key *k, size_t n)
{
	for (size_t i = 0; k && i < n; i++) {
		free((char *)k[i].label);
		free((char *)k[i].no);
	}
	free(k);
}

/* The items of a stored report, keyed (see struct key); *out is freed with keys_free. */
static int load_known(struct import_ctx *c, int64_t report, struct key **out, size_t *count)
{
	sqlite3_stmt *st = use(c, S_SEL_KNOWN);
	struct key *k = NULL;
	size_t n = 0, cap = 0;
	int step, rc = 0;

	*out = NULL;
	*count = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, report);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			struct key *p = realloc(k, (cap = cap ? cap * 2 : 256) * sizeof *k);
			if (!p) {
				rc = db_fail(c->db, "%s", tr("内存不足"));
				break;
			}
			k = p;
		}
		memset(&k[n], 0, sizeof k[n]);
		k[n].id = sqlite3_column_int64(st, 0);
		k[n].label = col_text(st, 1);
		k[n].no = col_text(st, 2);
		k[n].removed = sqlite3_column_int(st, 3);
		k[n].order = n;
		n++;
		if (!k[n - 1].no || (sqlite3_column_type(st, 1) != SQLITE_NULL && !k[n - 1].label)) {
			rc = db_fail(c->db, "%s", tr("内存不足"));
			break;
		}
	}
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_fail_sqlite(c->db, tr("读取已有的问题"));
	if (rc < 0) {
		keys_free(k, n);
		return -1;
	}
	number_keys(k, n);
	*out = k;
	*count = n;
	return 0;
}

/* Occurrences of the new version's items, in report order (see struct key); malloc'd. */
static int *new_occurrences(const struct import_report *r)
{
	size_t n = import_report_item_count(r), i = 0;
	struct key *k = calloc(n + 1, sizeof *k);
	int *occ = calloc(n + 1, sizeof *occ);

	if (!k || !occ) {
		free(k);
		free(occ);
		return NULL;
	}
	for (size_t ci = 0; ci < r->category_count; ci++)
		for (size_t ii = 0; ii < r->categories[ci].item_count; ii++, i++) {
			const char *no = r->categories[ci].items[ii].no;
			k[i].label = r->categories[ci].label;
			k[i].no = no ? no : "";
			k[i].order = i;
		}
	number_keys(k, n);
	for (i = 0; i < n; i++)
		occ[k[i].order] = k[i].occurrence;
	free(k);
	return occ;
}

/* Marks the stored items that the new version no longer lists. */
static int mark_removed(struct import_ctx *c, struct key *known, size_t n,
                        struct db_import_result *res, int *changed)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st;

		if (known[i].matched || known[i].removed)
			continue;
		if (!(st = use(c, S_REMOVE)))
			return -1;
		sqlite3_bind_int64(st, 1, known[i].id);
		bind_text(st, 2, c->now);
		bind_text(st, 3, db_who(c->db));
		if (run(c, st, tr("标记问题已移除")) < 0)
			return -1;
		res->items_removed++;
		*changed = 1;
	}
	return 0;
}

/* A new version of a stored report: items matched by key are updated, others added, stored
 * ones no longer listed marked removed. */
static int import_update(struct import_ctx *c, const struct import_report *r, int64_t report,
                         int64_t region, struct db_import_result *res, int *changed)
{
	struct key *known = NULL;
	size_t n_known = 0, i = 0;
	int *occ = NULL, rc = 0, seq = 0;
	const char *file = r->file ? r->file : "-";

	if (load_known(c, report, &known, &n_known) < 0)
		return -1;
	if (!(occ = new_occurrences(r))) {
		keys_free(known, n_known);
		return db_fail(c->db, "%s", tr("内存不足"));
	}
	for (size_t ci = 0; ci < r->category_count && rc == 0; ci++) {
		const struct import_category *cat = &r->categories[ci];
		int64_t cat_id;

		rc = category_upsert(c, report, (int)ci, cat, &cat_id, changed);
		for (size_t ii = 0; ii < cat->item_count && rc == 0; ii++, i++, seq++) {
			const struct import_item *it = &cat->items[ii];
			struct key want = {.label = cat->label, .no = it->no ? it->no : "",
			                   .occurrence = occ[i]};
			struct key *k = n_known ? bsearch(&want, known, n_known, sizeof *known,
			                                  cmp_key_occurrence)
			                        : NULL;

			if (k) {
				k->matched = 1;
				rc = update_item(c, k->id, it, cat, cat_id, seq, res, changed);
			} else {
				rc = insert_item(c, report, cat_id, region, seq, it, file);
				res->items_added++;
				*changed = 1;
			}
		}
	}
	if (rc == 0)
		rc = mark_removed(c, known, n_known, res, changed);
	free(occ);
	keys_free(known, n_known);
	return rc;
}

static int import_body(struct import_ctx *c, const struct import_report *r, struct db_import_result *res)
{
	struct db *db = c->db;
	int64_t region, report = 0;
	int changed = 0, seq = 0;
	char *old_digest = NULL;
	sqlite3_stmt *st;
	int rc;

	if (region_for_report(db, r->region && *r->region ? r->region : "(unknown region)", &region) < 0)
		return -1;
	st = prepare(db, "SELECT id, digest FROM report WHERE region_id = ?1 AND title = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, region);
	bind_text(st, 2, r->title ? r->title : "");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		report = sqlite3_column_int64(st, 0);
		old_digest = col_text(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail_sqlite(db, tr("查找报告"));
	res->report_id = report;
	if (report && old_digest && strcmp(old_digest, r->digest) == 0) {
		free(old_digest);
		res->outcome = DB_IMPORT_UNCHANGED;
		res->items_unchanged = (int)import_report_item_count(r);
		return 0;
	}
	free(old_digest);

	if (!report) {
		st = prepare(db, "INSERT INTO report(region_id, file, digest, encoding, round, title,"
		                 " imported_at, imported_by, notice_date, publicity)"
		                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, region);
		bind_text(st, 2, r->file ? r->file : "-");
		bind_text(st, 3, r->digest);
		bind_text(st, 4, r->encoding);
		bind_text(st, 5, r->round);
		bind_text(st, 6, r->title ? r->title : "");
		bind_text(st, 7, c->now);
		bind_text(st, 8, db_who(db));
		bind_text(st, 9, r->notice_date);
		bind_text(st, 10, r->publicity);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return db_fail_sqlite(db, tr("添加报告"));
		report = sqlite3_last_insert_rowid(db->conn);
		res->report_id = report;
		res->outcome = DB_IMPORT_NEW;
		for (size_t ci = 0; ci < r->category_count; ci++) {
			int64_t cat;

			if (category_upsert(c, report, (int)ci, &r->categories[ci], &cat, &changed) < 0)
				return -1;
			for (size_t ii = 0; ii < r->categories[ci].item_count; ii++) {
				if (insert_item(c, report, cat, region, seq++, &r->categories[ci].items[ii],
				                r->file ? r->file : "-") < 0)
					return -1;
				res->items_added++;
			}
		}
		return publish(c, report);
	}

	/* A new version of a known report. */
	res->outcome = DB_IMPORT_UPDATED;
	if (import_update(c, r, report, region, res, &changed) < 0 || publish(c, report) < 0)
		return -1;
	if (!changed) {
		res->outcome = DB_IMPORT_UNCHANGED;
		return 0;
	}
	st = prepare(db, "UPDATE report SET file = ?1, digest = ?2, encoding = ?3, round = ?4,"
	                 " imported_at = ?5, imported_by = ?6 WHERE id = ?7");
	if (!st)
		return -1;
	bind_text(st, 1, r->file ? r->file : "-");
	bind_text(st, 2, r->digest);
	bind_text(st, 3, r->encoding);
	bind_text(st, 4, r->round);
	bind_text(st, 5, c->now);
	bind_text(st, 6, db_who(db));
	sqlite3_bind_int64(st, 7, report);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail_sqlite(db, tr("更新报告"));
	return 0;
}

/* Current UTC time as ISO 8601, from SQLite so every writer agrees on the format. */
static int now_iso(struct db *db, char *buf, size_t size)
{
	sqlite3_stmt *st = prepare(db, "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");

	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return db_fail_sqlite(db, tr("读取时钟"));
	}
	snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return 0;
}

int db_import(struct db *db, const struct import_report *report, struct db_import_result *res)
{
	return db_import_placed(db, report, NULL, 0, res);
}

int db_import_placed(struct db *db, const struct import_report *report,
                     const char *const *region_path_names, size_t n, struct db_import_result *res)
{
	struct import_ctx c = {.db = db};
	char now[32];
	int rc = -1;

	memset(res, 0, sizeof *res);
	if (begin(db) < 0)
		return -1;
	db->source = "import";
	if (region_path(db, region_path_names, n) == 0 && now_iso(db, now, sizeof now) == 0) {
		c.now = now;
		rc = import_body(&c, report, res);
	}
	db->source = NULL;
	ctx_finish(&c);
	if (rc == 0 && res->outcome == DB_IMPORT_UNCHANGED) {
		rollback(db); /* nothing of substance changed: write nothing at all */
		return 0;
	}
	if (rc == 0 && commit(db) == 0)
		return 0;
	{
		char why[512];

		snprintf(why, sizeof why, "%s", db->err);
		rollback(db);
		db_import_result_free(res);
		return db_fail(db, tr("导入未完成，已全部撤回：%s"), why);
	}
}

void db_import_result_free(struct db_import_result *res)
{
	for (size_t i = 0; i < res->difference_count; i++)
		free(res->differences[i]);
	free(res->differences);
	res->differences = NULL;
	res->difference_count = 0;
	for (size_t i = 0; i < res->change_count; i++) {
		free(res->changes[i].no);
		free(res->changes[i].field);
		free(res->changes[i].old_value);
		free(res->changes[i].new_value);
	}
	free(res->changes);
	res->changes = NULL;
	res->change_count = 0;
}

/* ---- reading items back ------------------------------------------------------------------ */

#define ITEM_SELECT                                                                              \
	"SELECT item.id, item.report_id, item.category_id, item.region_id, item.version,"           \
	" report.file, report.title, region.name, category.label, category.title, item.no,"         \
	" item.text, item.status, item.deadline, item.lead_unit, item.responsible_unit,"            \
	" item.acceptance_unit, item.goal, item.subcategory, item.state, item.due_kind, item.due,"  \
	" item.long_term, item.line, item.removed, report.round, report.encoding,"                 \
	" item.verified_on, item.verified_by, item.verify_opinion, item.done_by, item.done_at"     \
	" FROM item JOIN report ON report.id = item.report_id"                                      \
	" JOIN region ON region.id = item.region_id"                                                \
	" JOIN category ON category.id = item.category_id"

static void item_from_row(sqlite3_stmt *st, struct db_item *it)
{
	const char *kind, *state;
	int s;

	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(st, 0);
	it->report_id = sqlite3_column_int64(st, 1);
	it->category_id = sqlite3_column_int64(st, 2);
	it->region_id = sqlite3_column_int64(st, 3);
	it->version = sqlite3_column_int(st, 4);
	it->report_file = col_text(st, 5);
	it->report_title = col_text(st, 6);
	it->region = col_text(st, 7);
	it->category_label = col_text(st, 8);
	it->category_title = col_text(st, 9);
	it->no = col_text(st, 10);
	it->text = col_text(st, 11);
	it->status = col_text(st, 12);
	it->deadline = col_text(st, 13);
	it->lead_unit = col_text(st, 14);
	it->responsible_unit = col_text(st, 15);
	it->acceptance_unit = col_text(st, 16);
	it->goal = col_text(st, 17);
	it->subcategory = col_text(st, 18);
	state = (const char *)sqlite3_column_text(st, 19);
	s = state ? state_from_name(state) : -1;
	it->state = s < 0 ? STATE_PENDING : (enum state)s;
	kind = (const char *)sqlite3_column_text(st, 20);
	it->due_kind = kind && strcmp(kind, "date") == 0        ? DUE_DATE
	               : kind && strcmp(kind, "immediate") == 0 ? DUE_IMMEDIATE
	                                                        : DUE_NONE;
	if (it->due_kind == DUE_DATE &&
	    date_parse_iso((const char *)sqlite3_column_text(st, 21), &it->due) < 0)
		it->due_kind = DUE_NONE;
	/* A 立行立改 item stores the day it became due (bind_deadline), from which an open one
	 * is overdue; 0 when unknown. */
	if (it->due_kind == DUE_IMMEDIATE &&
	    date_parse_iso((const char *)sqlite3_column_text(st, 21), &it->due) < 0)
		it->due = 0;
	it->long_term = sqlite3_column_int(st, 22);
	it->line = sqlite3_column_int(st, 23);
	it->removed = sqlite3_column_int(st, 24);
	it->report_round = col_text(st, 25);
	it->report_encoding = col_text(st, 26);
	it->verified_on = col_text(st, 27);
	it->verified_by = col_text(st, 28);
	it->verify_opinion = col_text(st, 29);
	it->done_by = col_text(st, 30);
	it->done_at = col_text(st, 31);
}

/* Reads the parts of an item named in load. */
static int item_load_parts(struct db *db, struct db_item *it, int load)
{
	sqlite3_stmt *st;
	int step = SQLITE_DONE;

	if (load & DB_LOAD_MEASURES) {
		st = prepare(db, "SELECT id, text, status FROM measure WHERE item_id = ?1 ORDER BY seq");
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, it->id);
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			struct db_measure *m = realloc(it->measures, (it->measure_count + 1) * sizeof *m);
			if (!m) {
				sqlite3_finalize(st);
				return db_fail(db, "%s", tr("内存不足"));
			}
			it->measures = m;
			m += it->measure_count++;
			m->id = sqlite3_column_int64(st, 0);
			m->text = col_text(st, 1);
			m->status = col_text(st, 2);
		}
		sqlite3_finalize(st);
		if (step != SQLITE_DONE)
			return db_fail_sqlite(db, tr("读取整改措施"));
	}
	if (load & DB_LOAD_NOTES) {
		st = prepare(db, "SELECT id, at, who, text FROM note WHERE item_id = ?1 AND withdrawn = 0"
		                 " ORDER BY id");
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, it->id);
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			struct db_note *n = realloc(it->notes, (it->note_count + 1) * sizeof *n);
			if (!n) {
				sqlite3_finalize(st);
				return db_fail(db, "%s", tr("内存不足"));
			}
			it->notes = n;
			n += it->note_count++;
			n->id = sqlite3_column_int64(st, 0);
			n->at = col_text(st, 1);
			n->who = col_text(st, 2);
			n->text = col_text(st, 3);
		}
		sqlite3_finalize(st);
		if (step != SQLITE_DONE)
			return db_fail_sqlite(db, tr("读取进展"));
	}
	if (load & DB_LOAD_HISTORY) {
		st = prepare(db, "SELECT id, at, who, field, old, new, source, item_id, version, reason,"
		                 " undo_of FROM history WHERE item_id = ?1 ORDER BY id");
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, it->id);
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			struct db_history *h = realloc(it->history, (it->history_count + 1) * sizeof *h);
			if (!h) {
				sqlite3_finalize(st);
				return db_fail(db, "%s", tr("内存不足"));
			}
			it->history = h;
			h += it->history_count++;
			h->id = sqlite3_column_int64(st, 0);
			h->at = col_text(st, 1);
			h->who = col_text(st, 2);
			h->field = col_text(st, 3);
			h->old_value = col_text(st, 4);
			h->new_value = col_text(st, 5);
			h->source = col_text(st, 6);
			h->item_id = sqlite3_column_int64(st, 7);
			h->version = sqlite3_column_int(st, 8);
			h->reason = col_text(st, 9);
			h->undo_of = sqlite3_column_int(st, 10);
			h->item_no = h->item_region = NULL;
		}
		sqlite3_finalize(st);
		if (step != SQLITE_DONE)
			return db_fail_sqlite(db, tr("读取修改记录"));
	}
	return 0;
}

void db_item_free(struct db_item *it)
{
	char **strings[] = {&it->report_file, &it->report_title, &it->report_round,
	                    &it->report_encoding, &it->region, &it->category_label,
	                    &it->category_title, &it->no, &it->text, &it->status, &it->deadline,
	                    &it->lead_unit, &it->responsible_unit, &it->acceptance_unit, &it->goal,
	                    &it->subcategory, &it->verified_on, &it->verified_by,
	                    &it->verify_opinion, &it->done_by, &it->done_at};

	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		free(*strings[i]);
	for (size_t i = 0; i < it->measure_count; i++) {
		free(it->measures[i].text);
		free(it->measures[i].status);
	}
	free(it->measures);
	for (size_t i = 0; i < it->note_count; i++) {
		free(it->notes[i].at);
		free(it->notes[i].who);
		free(it->notes[i].text);
	}
	free(it->notes);
	db_history_free(it->history, it->history_count);
	memset(it, 0, sizeof *it);
}

int db_items_foreach(struct db *db, int load, int (*fn)(const struct db_item *item, void *ctx),
                     void *ctx)
{
	sqlite3_stmt *st = prepare(db, ITEM_SELECT " ORDER BY item.report_id, category.seq, item.seq");
	int rc = 0, step;

	if (!st)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_item it;

		item_from_row(st, &it);
		if (item_load_parts(db, &it, load) < 0) {
			db_item_free(&it);
			rc = -1;
			break;
		}
		rc = fn(&it, ctx);
		db_item_free(&it);
		if (rc)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = db_fail_sqlite(db, tr("读取问题列表"));
	sqlite3_finalize(st);
	return rc;
}

int db_item_get(struct db *db, int64_t id, int load, struct db_item *out)
{
	sqlite3_stmt *st = prepare(db, ITEM_SELECT " WHERE item.id = ?1");
	int step;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		item_from_row(st, out);
	sqlite3_finalize(st);
	if (step == SQLITE_DONE) {
		db_fail(db, tr("没有编号为 %lld 的问题"), (long long)id);
		return DB_NOT_FOUND;
	}
	if (step != SQLITE_ROW)
		return db_fail_sqlite(db, tr("读取问题"));
	if (item_load_parts(db, out, load) < 0) {
		db_item_free(out);
		return -1;
	}
	return 0;
}

/* ---- what db_edit.c and db_check.c share with this file (db_internal.h) ----------------- */

sqlite3_stmt *db_prepare(struct db *db, const char *sql)
{
	return prepare(db, sql);
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	bind_text(st, i, s);
}

char *db_col_text(sqlite3_stmt *st, int i)
{
	return col_text(st, i);
}

int db_begin(struct db *db)
{
	return begin(db);
}

int db_commit(struct db *db)
{
	return commit(db);
}

void db_rollback(struct db *db)
{
	rollback(db);
}

int db_now_iso(struct db *db, char *buf, size_t size)
{
	return now_iso(db, buf, size);
}

sqlite3_stmt *db_prepare_what(struct db *db, const char *sql, const char *what)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail_sqlite(db, what);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

void db_bind_named_int64(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i > 0)
		sqlite3_bind_int64(st, i, v);
}

void db_bind_named_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i > 0)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

char *db_col_clean(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? text_sanitize(s, (size_t)sqlite3_column_bytes(st, i), 0) : NULL;
}

int64_t db_closed_mask(void)
{
	int64_t m = 0;

	for (int s = 0; s < STATE_COUNT; s++)
		if (state_is_closed((enum state)s))
			m |= (int64_t)1 << s;
	return m;
}

sqlite3_stmt *db_cached(struct db *db, const char *sql)
{
	size_t n = sizeof db->cache / sizeof db->cache[0], i;
	sqlite3_stmt *st = NULL;

	for (i = 0; i < n && db->cache[i].sql; i++)
		if (db->cache[i].sql == sql) {
			sqlite3_reset(db->cache[i].st);
			sqlite3_clear_bindings(db->cache[i].st);
			return db->cache[i].st;
		}
	if (sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		db_fail_sqlite(db, tr("准备查询"));
		sqlite3_finalize(st);
		return NULL;
	}
	if (i == n) { /* full: the oldest entry goes */
		sqlite3_finalize(db->cache[0].st);
		memmove(&db->cache[0], &db->cache[1], (n - 1) * sizeof db->cache[0]);
		i = n - 1;
	}
	db->cache[i].sql = sql;
	db->cache[i].st = st;
	return st;
}

void db_batch_cache(struct db *db, int big)
{
	/* PRAGMA takes no parameters; the numbers are ours. */
	exec(db, big ? "PRAGMA cache_size = -65536" : "PRAGMA cache_size = -2000");
}

int db_set_due(struct db *db, int64_t id, const char *deadline)
{
	static const char sql[] = "UPDATE item SET due = ?1, due_kind = ?2, long_term = ?3"
	                          " WHERE id = ?4";
	sqlite3_stmt *st = db_cached(db, sql);
	int rc;

	if (!st)
		return -1;
	bind_deadline(st, 1, deadline);
	sqlite3_bind_int64(st, 4, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail_sqlite(db, tr("更新到期日"));
}

void db_change_begin(struct db *db, const char *reason, int64_t undo_of)
{
	db->source = NULL;
	db->reason = reason;
	db->undo_of = undo_of;
}

void db_change_end(struct db *db)
{
	db->reason = NULL;
	db->undo_of = 0;
}
