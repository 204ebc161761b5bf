#!/bin/sh
# tests/screen/run.sh — screen tests (tig's method): the real build/duban reads keys and
# commands from tests/screen/*.script (DUBAN_SCRIPT), draws into a virtual terminal of the
# size the script's "# env:" line gives (output to /dev/null), and dumps its screen with
# ":dump FILE" / ":dumpattr FILE"; each dump is compared with tests/screen/expected/FILE.
# Also checks that man/duban.1 lists every key of the key table (src/keys.c).
# UPDATE=1 writes the dumps as the new expected files (review them before committing!).
# Ends with "N passed, N failed[, N skipped]".
set -u
cd "$(dirname "$0")/../.."
top=$(pwd)
bin=${DUBAN_BIN:-$top/build/duban}
out=$top/build/screen
exp=$top/tests/screen/expected
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); printf 'ok   %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$1"; }

if [ ! -x "$bin" ]; then
	echo "build/duban is missing: run make first"
	echo "0 passed, 1 failed"
	exit 1
fi
rm -rf "$out"
mkdir -p "$out"

# The seed board: the five reports placed in the region tree by the gazetteer. The import's
# clock and user show in the item history, so DUBAN_USER is fixed and times are masked below.
# The import runs on 2025-07-01 (DUBAN_TODAY): 立行立改 items are due that day, so on the
# board's 2025-07-15 the open ones are 14 days overdue.
seed=$out/seed.db
DUBAN_TODAY=2025-07-01 DUBAN_USER=tester DUBAN_GAZETTEER=data/gazetteer.txt "$bin" -f "$seed" import data/reports/*.txt \
	>"$out/import.log" 2>&1 || { cat "$out/import.log"; echo "0 passed, 1 failed"; exit 1; }

# Writes as another client that bypasses duban: the triggers that refuse a bare sqlite3
# session (those calling duban_who, issue 7) are dropped around the write and put back.
raw_write() {
	g=$(sqlite3 "$1" "SELECT group_concat(sql, ';') || ';' FROM sqlite_schema
		WHERE type = 'trigger' AND sql LIKE '%duban_who%'")
	d=$(sqlite3 "$1" "SELECT group_concat('DROP TRIGGER ' || name, ';') || ';' FROM sqlite_schema
		WHERE type = 'trigger' AND sql LIKE '%duban_who%'")
	sqlite3 "$1" "$d $2; $g"
}

# A database with hostile text: another client (not duban's importer, which sanitises) wrote
# escape sequences, bidi overrides and invalid UTF-8 into an item. The board must show them
# as inert '?' and never send them to the terminal.
hostile=$out/hostile.db
cp "$seed" "$hostile"
if command -v sqlite3 >/dev/null 2>&1; then
	# duban's triggers refuse a bare sqlite3 session's writes to items (issue 7); a hostile
	# program drops them around its write and puts them back.
	guards=$(sqlite3 "$hostile" "SELECT group_concat(sql, ';') || ';' FROM sqlite_schema
		WHERE name IN ('item_guard_update', 'item_history_text')")
	sqlite3 "$hostile" "DROP TRIGGER item_guard_update; DROP TRIGGER item_history_text;
		UPDATE item SET text = char(27) || ']0;pwned' || char(7) || '标题' ||
		char(27) || '[2J清屏' || char(8238) || '反向' || char(155) || '31m红' || CAST(X'FF41' AS TEXT)
		|| '尾部文字' WHERE id = 1; UPDATE region SET name = '坏' || char(27) || '[31m名' WHERE id = 3;
		$guards"
else
	rm -f "$hostile"
fi

# A history rewritten behind duban's back: another client drops the append-only trigger and
# changes who made the newest change. The board must warn (issue 7) — at its first idle
# moment, not before its first screen.
tampered=$out/tampered.db
cp "$seed" "$tampered"
if command -v sqlite3 >/dev/null 2>&1; then
	keep=$(sqlite3 "$tampered" "SELECT sql FROM sqlite_schema WHERE name = 'history_no_update'")
	sqlite3 "$tampered" "DROP TRIGGER history_no_update;
		UPDATE history SET who = '伪造' WHERE id = (SELECT max(id) FROM history); $keep;"
else
	rm -f "$tampered"
fi

# A newer version of a report (001: item 3 now done, item 12 gone), imported over the seed:
# the update path of the import, which the tally and search triggers must follow.
reimport=$out/reimport.db
cp "$seed" "$reimport"
head -n 87 data/reports/001_*.txt | sed '42s/正在推进/已完成整改/' >"$out/001_newer.txt"
DUBAN_TODAY=2025-07-01 DUBAN_USER=tester DUBAN_GAZETTEER=data/gazetteer.txt "$bin" -f "$reimport" import "$out/001_newer.txt" \
	>"$out/reimport.log" 2>&1 || { bad "re-import of a newer report"; cat "$out/reimport.log"; }

# The tally (item_tally, kept by triggers) must equal counting the items, after a fresh
# import and after an update; and a removed item must be gone from the search index.
if command -v sqlite3 >/dev/null 2>&1; then
	tally_sql="SELECT region_id,
	  (CASE state WHEN 'pending' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_schedule' THEN 2
	   WHEN 'behind' THEN 3 WHEN 'done' THEN 4 WHEN 'awaiting_verification' THEN 5 ELSE 6 END),
	  ifnull(CAST(julianday(due) - 2440587.5 AS INTEGER), 99999999), count(*)
	  FROM item WHERE removed = 0 GROUP BY 1, 2, 3"
	for db in "$seed" "$reimport"; do
		d=$(sqlite3 "$db" "SELECT count(*) FROM (SELECT * FROM ($tally_sql) EXCEPT
			SELECT region_id, state, due, n FROM item_tally WHERE n > 0);
			SELECT count(*) FROM (SELECT region_id, state, due, n FROM item_tally WHERE n > 0
			EXCEPT SELECT * FROM ($tally_sql));")
		if [ "$(echo $d)" = "0 0" ]; then ok "tally equals the items ($(basename "$db"))"
		else bad "tally equals the items ($(basename "$db")): $d rows differ"; fi
	done
	gone=$(sqlite3 "$reimport" "SELECT count(*) FROM item WHERE removed = 1 AND id IN
		(SELECT rowid FROM item_search WHERE item_search MATCH '\"农膜回收利用率偏低\"');
		SELECT count(*) FROM item WHERE removed = 1")
	if [ "$(echo $gone)" = "0 1" ]; then ok "removed item left the search index"
	else bad "removed item left the search index: $gone"; fi
	# The search index (contentless: its triggers must delete exactly what they indexed)
	# equals one built afresh, after an import, an update, and edits of every indexed text
	# by another client: measures, notes, units, region, removal.
	edited=$out/edited.db
	cp "$reimport" "$edited"
	raw_write "$edited" "INSERT INTO note(item_id, at, who, text) VALUES (5, 'x', 'y', '进展甲');
		UPDATE measure SET text = text || '补充' WHERE item_id = 7;
		DELETE FROM measure WHERE item_id = 8 AND seq = 0;
		UPDATE note SET text = '进展乙' WHERE item_id = 5;
		UPDATE item SET lead_unit = '市水务局', goal = '验收目标甲' WHERE id = 9;
		UPDATE item SET region_id = 3 WHERE id = 11; UPDATE item SET removed = 1 WHERE id = 10;
		DELETE FROM note WHERE item_id = 5"
	# The edits must have happened, or the comparison below proves nothing.
	if [ "$(sqlite3 "$edited" "SELECT count(*) FROM item_search WHERE item_search MATCH
		'\"市水务局\" AND \"目标甲\"'")" = 1 ]; then ok "another client's edits reached the search index"
	else bad "another client's edits reached the search index"; fi
	for db in "$seed" "$reimport" "$edited"; do
		d=$(sqlite3 "$db" "CREATE TEMP TABLE now AS SELECT term, doc, cnt FROM item_search_terms;
			CREATE VIRTUAL TABLE temp.fresh USING fts5(text, measures, lead_unit,
			  responsible_unit, acceptance_unit, goal, notes, scope, content='',
			  tokenize='trigram');
			INSERT INTO temp.fresh(rowid, text, measures, lead_unit, responsible_unit,
			  acceptance_unit, goal, notes, scope) SELECT d.* FROM item_search_doc d
			  JOIN item ON item.id = d.id WHERE item.removed = 0;
			CREATE VIRTUAL TABLE temp.fresh_terms USING fts5vocab(temp, fresh, row);
			SELECT (SELECT count(*) FROM (SELECT * FROM now EXCEPT
			  SELECT term, doc, cnt FROM fresh_terms)) + (SELECT count(*) FROM
			  (SELECT term, doc, cnt FROM fresh_terms EXCEPT SELECT * FROM now));" 2>&1)
		if [ "$d" = "0" ]; then ok "search index equals a fresh one ($(basename "$db"))"
		else bad "search index equals a fresh one ($(basename "$db")): $d"; fi
	done
else
	skip=$((skip + 6))
	echo "skip tally and index checks (no sqlite3)"
fi

# 立行立改 still open: three of 磴口县's immediate items put back in progress, and one item
# whose only deadline is 长期坚持, as another client could write them (the triggers follow).
immediate=$out/immediate.db
cp "$seed" "$immediate"
if command -v sqlite3 >/dev/null 2>&1; then
	raw_write "$immediate" "UPDATE item SET state = 'in_progress' WHERE id IN (SELECT id
		FROM item WHERE due_kind = 'immediate' ORDER BY id LIMIT 3);
		UPDATE item SET deadline = '长期坚持', due = NULL, due_kind = 'none', long_term = 1,
		state = 'in_progress' WHERE region_id = 3 AND seq = 3"
else
	rm -f "$immediate"
fi

# An empty database (a region, no report yet): the board says how to import.
empty=$out/empty.db
DUBAN_USER=tester "$bin" -f "$empty" region add 内蒙古自治区 >"$out/empty.log" 2>&1 ||
	{ bad "empty database"; cat "$out/empty.log"; }

# ONLY=NAME runs the one script tests/screen/NAME.script (a glob works too).
for script in tests/screen/${ONLY:-*}.script; do
	name=$(basename "$script" .script)
	envline=$(sed -n 's/^# env: *//p' "$script" | head -n 1)
	db=$seed
	case "$envline" in
	*DB=hostile*) db=$hostile ;;
	*DB=tampered*) db=$tampered ;;
	*DB=reimport*) db=$reimport ;;
	*DB=empty*) db=$empty ;;
	*DB=immediate*) db=$immediate ;;
	*DB=own*)
		# A script that edits gets its own copy of the seed, so the others still see it
		# unchanged.
		cp "$seed" "$out/$name.db"
		db=$out/$name.db ;;
	esac
	if [ ! -f "$db" ]; then
		skip=$((skip + 1))
		printf 'skip %s (no sqlite3 to build its database)\n' "$name"
		continue
	fi
	# A GB18030 locale is generated once (localedef, a few seconds) into build/locale.
	case "$envline" in *GB18030*)
		if [ ! -d "$top/build/locale/zh_CN.GB18030" ]; then
			mkdir -p "$top/build/locale"
			localedef -i zh_CN -f GB18030 "$top/build/locale/zh_CN.GB18030" >/dev/null 2>&1 ||
				rm -rf "$top/build/locale/zh_CN.GB18030"
		fi
		if [ ! -d "$top/build/locale/zh_CN.GB18030" ]; then
			skip=$((skip + 1))
			printf 'skip %s (cannot generate a GB18030 locale with localedef)\n' "$name"
			continue
		fi
		envline="LOCPATH=$top/build/locale $envline" ;;
	esac
	mkdir -p "$out/$name"
	# Defaults, then the script's own settings.
	(
		cd "$out/$name" &&
		env -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color COLUMNS=120 LINES=40 \
			DUBAN_TODAY=2025-07-15 DUBAN_USER=tester TZ=UTC $envline \
			DUBAN_SCRIPT="$top/$script" "$bin" -f "$db"
	) >"$out/$name.log" 2>&1
	status=$?
	if [ $status -ne 0 ]; then
		bad "$name: duban exited $status"
		cat "$out/$name.log"
		continue
	fi
	dumps=$(sed -n 's/^:dump\(attr\)\{0,1\} //p' "$script")
	for d in $dumps; do
		got=$out/$name/$d
		if [ ! -f "$got" ]; then
			bad "$name/$d: not written"
			continue
		fi
		# Import times vary: mask them (same width, so the layout is unchanged).
		# So do edit times (any user) and the date in a two-person refusal.
		sed -e 's/20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9] \(tester\|李四\|王五\)/YYYY-MM-DD hh:mm \1/g' \
			-e 's/于 20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]\( [0-9][0-9]:[0-9][0-9]\(:[0-9][0-9]\)\{0,1\}\)\{0,1\}/于 YYYY-MM-DD/g' \
			"$got" >"$got.masked"
		if [ "${UPDATE:-}" = 1 ]; then
			cp "$got.masked" "$exp/$d"
		fi
		if [ ! -f "$exp/$d" ]; then
			bad "$name/$d: no expected file (UPDATE=1 records it)"
		elif diff -u "$exp/$d" "$got.masked" >"$got.diff"; then
			ok "$name/$d"
		else
			bad "$name/$d"
			cat "$got.diff"
		fi
	done
done

# A database the user may only read opens read-only, and the title says 只读. As root every
# file is writable, so the board then runs as nobody (skipped when that is not possible).
rodir=$(mktemp -d)
cp "$seed" "$rodir/ro.db"
printf ':dump %s/ro.txt\n' "$rodir" >"$rodir/ro.script"
chmod 444 "$rodir/ro.db"
chmod 755 "$rodir"
chmod 644 "$rodir/ro.script"
ro_run="cd $rodir && env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm LINES=10 COLUMNS=100 \
	DUBAN_SCRIPT=$rodir/ro.script $bin -f $rodir/ro.db"
if [ "$(id -u)" -ne 0 ]; then
	chmod 555 "$rodir"
	sh -c "$ro_run" >"$out/ro.log" 2>&1
	ro_ran=1
elif id nobody >/dev/null 2>&1 && command -v su >/dev/null 2>&1; then
	chmod 777 "$rodir"
	su nobody -s /bin/sh -c "$ro_run" >"$out/ro.log" 2>&1
	ro_ran=1
else
	ro_ran=0
fi
if [ "$ro_ran" = 0 ]; then
	skip=$((skip + 1))
	echo "skip read-only title (root without su nobody)"
elif head -n 1 "$rodir/ro.txt" 2>/dev/null | grep -q "seed.db \[只读\]\|ro.db \[只读\]"; then
	ok "read-only database: 只读 in the title"
else
	bad "read-only database: 只读 in the title"
	cat "$out/ro.log" "$rodir/ro.txt" 2>/dev/null
fi
chmod -R u+w "$rodir" 2>/dev/null
rm -rf "$rodir"

# Every key of the key table is in the man page. The board writes its table as mdoc
# (":keys"); the check takes the words after "Ic" on .It lines of both.
printf ':keys %s\n' "$out/keys.mdoc" >"$out/keys.script"
if DUBAN_SCRIPT="$out/keys.script" TERM=xterm LINES=40 COLUMNS=120 "$bin" -f "$seed" \
	>"$out/keys.log" 2>&1 && [ -s "$out/keys.mdoc" ]; then
	ok "key table written as mdoc"
else
	bad "key table written as mdoc"
fi
if [ ! -f man/duban.1 ]; then
	skip=$((skip + 1))
	echo "skip man page keys (man/duban.1 is missing)"
else
	keys_of() {
		awk '/^\.It / { for (i = 2; i < NF; i++) if ($i == "Ic") { k = $(i + 1);
			gsub(/\\&/, "", k); print k } }' "$1" | sort -u
	}
	keys_of "$out/keys.mdoc" >"$out/keys.table"
	keys_of man/duban.1 >"$out/keys.man"
	missing=$(comm -23 "$out/keys.table" "$out/keys.man" | tr '\n' ' ')
	if [ -z "$missing" ]; then
		ok "man page lists every key"
	else
		bad "man page lists every key: missing $missing (paste build/screen/keys.mdoc into section KEYS)"
	fi
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
