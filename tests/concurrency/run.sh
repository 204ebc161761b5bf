#!/bin/sh
# tests/concurrency/run.sh — several duban processes on one database (issues 6 and 7):
# 8 writers x 500 edits on one item and on eight items (exact history, versions, no lost
# update, no unhandled SQLITE_BUSY, integrity), kill -9 of a writer mid-run (no partial
# record), 8 simultaneous first opens x 20 rounds, tampering through a bare sqlite3 session,
# schema versions out of range, and a reader without write permission (run as root with a
# second uid; skipped otherwise). Each part is bounded; nothing waits on a fixed sleep.
set -u
cd "$(dirname "$0")/../.."
bin=$PWD/build/duban
hammer=$PWD/build/tools/hammer
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
skipped() { skip=$((skip + 1)); echo "skip $*"; }
for f in "$bin" "$hammer"; do
	[ -x "$f" ] || { echo "missing $f"; echo "0 passed, 1 failed"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DUBAN_TODAY=2025-07-15 DUBAN_LANG=zh DUBAN_GAZETTEER=$PWD/data/gazetteer.txt
unset DUBAN_DB
seed=$tmp/seed.db
DUBAN_USER=importer "$bin" -f "$seed" import data/reports/*.txt >"$tmp/import.log" 2>&1 ||
	{ cat "$tmp/import.log"; echo "0 passed, 1 failed"; exit 1; }

get() { sed -n "s/^$1=//p" "$2" | head -n 1; }
ver() { sed -n "s/^item $1 version \([0-9]*\) .*/\1/p" "$2"; }
goals() { sed -n "s/^item $1 version [0-9]* goal \([0-9]*\)/\1/p" "$2"; }

# ---- 8 writers x 500 edits: same item, then each its own item ----------------------------
for mode in same different; do
	db=$tmp/$mode.db
	cp "$seed" "$db"
	"$hammer" stat "$db" 1 2 3 4 5 6 7 8 >"$tmp/$mode.before"
	pids=""
	for w in 1 2 3 4 5 6 7 8; do
		item=1
		[ $mode = different ] && item=$w
		# A generous wait: on a loaded machine a writer can queue behind seven others for
		# longer than the 5 s default, which is a slow machine, not a lost update.
		DUBAN_BUSY_TIMEOUT=60000 "$hammer" edit "$db" $w 500 $item \
			>"$tmp/$mode.$w.out" 2>"$tmp/$mode.$w.err" &
		pids="$pids $!"
	done
	failed=0
	for p in $pids; do wait "$p" || failed=$((failed + 1)); done
	[ $failed -eq 0 ] && ok "$mode item: 8 writers finished" ||
		{ bad "$mode item: $failed writers failed"; cat "$tmp/$mode".*.err | head -n 5; }
	busy=$(cat "$tmp/$mode".*.out | sed -n 's/.*busy=\([0-9]*\).*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
	edits=$(cat "$tmp/$mode".*.out | sed -n 's/^edits=\([0-9]*\).*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
	[ "$busy" -eq 0 ] && ok "$mode item: no unhandled SQLITE_BUSY" || bad "$mode item: $busy busy errors"
	[ "$edits" -eq 4000 ] && ok "$mode item: 4000 edits landed" || bad "$mode item: $edits edits landed"
	"$hammer" stat "$db" 1 2 3 4 5 6 7 8 >"$tmp/$mode.after"
	rows=$(( $(get goal_rows "$tmp/$mode.after") - $(get goal_rows "$tmp/$mode.before") ))
	[ "$rows" -eq 4000 ] && ok "$mode item: exactly 4000 history rows" || bad "$mode item: $rows history rows"
	lost=0
	for i in 1 2 3 4 5 6 7 8; do
		want=0
		[ $mode = same ] && [ $i -eq 1 ] && want=4000
		[ $mode = different ] && want=500
		dv=$(( $(ver $i "$tmp/$mode.after") - $(ver $i "$tmp/$mode.before") ))
		dg=$(( $(goals $i "$tmp/$mode.after") - $(goals $i "$tmp/$mode.before") ))
		[ "$dv" -eq "$want" ] && [ "$dg" -eq "$want" ] || lost=$((lost + 1))
	done
	[ $lost -eq 0 ] && ok "$mode item: every version = its number of edits, no lost update" ||
		bad "$mode item: $lost items with versions or history off"
	[ "$(get integrity "$tmp/$mode.after")" = ok ] && ok "$mode item: integrity_check ok" ||
		bad "$mode item: integrity $(get integrity "$tmp/$mode.after")"
	case $(get chain "$tmp/$mode.after") in
	ok*) ok "$mode item: history chain verifies" ;;
	*) bad "$mode item: chain $(get chain "$tmp/$mode.after")" ;;
	esac
done

# ---- kill -9 of a writer at a moment it chose to report, five times ----------------------
db=$tmp/kill.db
cp "$seed" "$db"
partial=0
for round in 1 2 3 4 5; do
	out=$tmp/kill.$round.out
	"$hammer" edit "$db" 1 100000 3 >"$out" 2>/dev/null &
	pid=$!
	# wait for a number of edits that differs per round, then kill mid-stream
	target=$((round * 37))
	n=0
	while [ "$n" -lt "$target" ] && kill -0 $pid 2>/dev/null; do
		n=$(grep -c progress "$out" 2>/dev/null)
		n=${n:-0}
	done
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	"$hammer" stat "$db" 3 >"$tmp/kill.stat"
	v=$(ver 3 "$tmp/kill.stat")
	g=$(goals 3 "$tmp/kill.stat")
	# the item's version counts the import and its goal edits, nothing half-written
	v0=$(ver 3 "$tmp/same.before")
	[ $((v - v0)) -eq "$g" ] && [ "$(get integrity "$tmp/kill.stat")" = ok ] &&
		case $(get chain "$tmp/kill.stat") in ok*) true ;; *) false ;; esac || partial=$((partial + 1))
done
[ $partial -eq 0 ] && ok "kill -9 x5: versions match history, integrity ok, chain verifies" ||
	bad "kill -9: $partial rounds left a partial record"
rm -f "$db-wal" "$db-shm"

# ---- 8 simultaneous first opens x 20 rounds ----------------------------------------------
failures=0
for round in $(seq 1 20); do
	db=$tmp/first-$round.db
	go=$tmp/go-$round
	pids=""
	for w in 1 2 3 4 5 6 7 8; do
		"$hammer" open "$db" "$go" 2>>"$tmp/first.err" &
		pids="$pids $!"
	done
	: >"$go"
	for p in $pids; do wait "$p" || failures=$((failures + 1)); done
	rm -f "$db" "$db-wal" "$db-shm"
done
[ $failures -eq 0 ] && ok "8 simultaneous first opens x 20 rounds: 0 failures" ||
	{ bad "first opens: $failures of 160 failed"; head -n 3 "$tmp/first.err"; }

# ---- tampering through a bare sqlite3 session ---------------------------------------------
db=$tmp/tamper.db
cp "$seed" "$db"
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$db" "UPDATE item SET state = 'verified' WHERE id = 1" 2>"$tmp/t.err" &&
		bad "bare UPDATE of an item accepted" || ok "bare UPDATE of an item refused ($(head -c 60 "$tmp/t.err"))"
	sqlite3 "$db" "INSERT OR REPLACE INTO history(id, item_id, at, who, field, old, new, source)
		VALUES (1, 1, '2020-01-01T00:00:00Z', 'mallory', 'state', 'pending', 'verified', 'edit')" 2>/dev/null &&
		bad "INSERT OR REPLACE into history accepted" || ok "INSERT OR REPLACE into history refused"
	sqlite3 "$db" "INSERT INTO history(item_id, at, who, field, old, new, source)
		VALUES (1, '2020-01-01T00:00:00Z', 'mallory', 'state', 'pending', 'verified', 'edit')" 2>/dev/null &&
		bad "forged history insert accepted" || ok "forged back-dated history insert refused"
	"$bin" -f "$db" check >"$tmp/check.out" 2>&1 && ok "duban check passes after refused tampering" ||
		{ bad "duban check after refused tampering"; cat "$tmp/check.out"; }
	# around the guard: drop it, forge a row, put it back — duban check names the row
	last=$(sqlite3 "$db" "SELECT max(id) FROM history")
	guard=$(sqlite3 "$db" "SELECT sql FROM sqlite_schema WHERE name = 'history_append'")
	sqlite3 "$db" "DROP TRIGGER history_append;
		INSERT INTO history(id, item_id, at, who, field, old, new, source, hash)
		VALUES ($last + 1, 1, '2020-01-01T00:00:00Z', 'mallory', 'state', 'pending', 'verified',
		'edit', 'f00d'); $guard;"
	"$bin" -f "$db" check >"$tmp/check.out" 2>&1
	st=$?
	[ $st -eq 1 ] && grep -q "第 $((last + 1)) 行" "$tmp/check.out" &&
		ok "a row forged around the guard: duban check names row $((last + 1))" ||
		{ bad "forged row not named (exit $st)"; cat "$tmp/check.out"; }
	# a dropped trigger is named at open
	sqlite3 "$db" "DROP TRIGGER item_history_state"
	"$bin" -f "$db" list >"$tmp/list.out" 2>&1
	[ $? -eq 1 ] && grep -q item_history_state "$tmp/list.out" &&
		ok "a dropped trigger is named at open" || { bad "dropped trigger not noticed"; cat "$tmp/list.out"; }
	"$bin" -f "$db" check >"$tmp/check.out" 2>&1
	[ $? -eq 1 ] && grep -q item_history_state "$tmp/check.out" && grep -q "第 $((last + 1)) 行" "$tmp/check.out" &&
		ok "duban check reports the dropped trigger and still walks the chain" ||
		{ bad "check with a damaged schema"; cat "$tmp/check.out"; }
	# schema versions out of range: refused, the file untouched
	for v in -1 -1000000 99; do
		db=$tmp/version$v.db
		cp "$seed" "$db"
		# in rollback-journal mode, as a file from elsewhere: even the switch to WAL is a write
		sqlite3 "$db" "PRAGMA journal_mode = DELETE; PRAGMA user_version = $v" >/dev/null
		sum=$(cksum <"$db")
		DUBAN_LANG=en "$bin" -f "$db" list >"$tmp/v.out" 2>&1
		st=$?
		case $v in 99) want="newer duban" ;; *) want="invalid schema version" ;; esac
		[ $st -eq 1 ] && grep -q "$want" "$tmp/v.out" && [ "$(cksum <"$db")" = "$sum" ] &&
			ok "schema version $v refused, nothing changed" ||
			{ bad "schema version $v (exit $st)"; cat "$tmp/v.out"; }
	done
else
	for t in update replace insert check forged trigger v-1 v-1000000 v99; do skipped "tamper $t: no sqlite3"; done
fi

# ---- a writer that waits past the busy timeout says who holds the lock -------------------
if command -v sqlite3 >/dev/null 2>&1 && command -v mkfifo >/dev/null 2>&1; then
	db=$tmp/busy.db
	cp "$seed" "$db"
	mkfifo "$tmp/hold"
	sqlite3 "$db" <"$tmp/hold" >"$tmp/held.out" 2>&1 &
	holder=$!
	exec 3>"$tmp/hold"
	echo "BEGIN IMMEDIATE; INSERT INTO region(name) VALUES ('held'); SELECT 'held';" >&3
	n=0
	while ! grep -q held "$tmp/held.out" 2>/dev/null && [ $n -lt 200000 ]; do n=$((n + 1)); done
	DUBAN_BUSY_TIMEOUT=200 "$bin" -f "$db" region add 内蒙古自治区/乙 >"$tmp/busy.out" 2>&1
	st=$?
	echo "ROLLBACK;" >&3
	exec 3>&-
	wait $holder
	[ $st -eq 1 ] && grep -q "200 毫秒" "$tmp/busy.out" && grep -q "什么都没有写入" "$tmp/busy.out" &&
		grep -q "进程 $holder" "$tmp/busy.out" &&
		ok "a writer past DUBAN_BUSY_TIMEOUT names the holder (process $holder), nothing written" ||
		{ bad "busy message (exit $st)"; cat "$tmp/busy.out"; }
	"$bin" -f "$db" region add 内蒙古自治区/乙 >"$tmp/busy.out" 2>&1 &&
		ok "retrying after the holder let go succeeds" || { bad "retry after busy"; cat "$tmp/busy.out"; }
else
	skipped "busy message: no sqlite3"
	skipped "retry after busy: no sqlite3"
fi

# ---- a full disk is called a full disk ----------------------------------------------------
if [ "$(id -u)" -eq 0 ] && mkdir -p "$tmp/full" && mount -t tmpfs -o size=2m tmpfs "$tmp/full" 2>/dev/null; then
	# a database that fits, then fill the rest of the disk and write
	"$bin" -f "$tmp/full/board.db" region add 内蒙古自治区 >/dev/null 2>&1
	dd if=/dev/zero of="$tmp/full/filler" bs=64k 2>/dev/null
	"$bin" -f "$tmp/full/board.db" import data/reports/*.txt >"$tmp/full.out" 2>&1
	st=$?
	[ $st -eq 1 ] && grep -q "磁盘" "$tmp/full.out" && ok "a full disk is named as such" ||
		{ bad "full disk message (exit $st)"; cat "$tmp/full.out"; }
	umount "$tmp/full"
else
	skipped "full disk: needs root and tmpfs"
fi

# ---- a reader without write permission leaves the owner able to write --------------------
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	owner=1 reader=65534 # daemon and nobody
	dir=$tmp/shared
	mkdir -p "$dir"
	chmod 1777 "$dir" "$tmp"
	as() { u=$1; shift; setpriv --reuid="$u" --regid="$u" --clear-groups "$@"; }
	cp "$seed" "$dir/board.db"
	chown $owner "$dir/board.db"
	chmod 644 "$dir/board.db"
	as $reader env DUBAN_USER=reader "$bin" -f "$dir/board.db" list >"$tmp/ro.out" 2>&1 &&
		ok "reader without write permission can list" || { bad "reader cannot list"; head -n 3 "$tmp/ro.out"; }
	as $reader env DUBAN_USER=reader "$bin" -f "$dir/board.db" check >"$tmp/ro.out" 2>&1 &&
		ok "reader without write permission can check" || { bad "reader cannot check"; head -n 3 "$tmp/ro.out"; }
	strays=$(find "$dir" -user $reader | wc -l)
	[ "$strays" -eq 0 ] && ok "the reader left no files of its own" || bad "the reader left $strays files: $(find "$dir" -user $reader)"
	as $owner env DUBAN_USER=owner "$bin" -f "$dir/board.db" region add 内蒙古自治区/测试市 >"$tmp/ow.out" 2>&1 &&
		ok "the owner can still write" || { bad "the owner cannot write"; cat "$tmp/ow.out"; }
	as $reader env DUBAN_USER=reader "$bin" -f "$dir/board.db" show 1 >"$tmp/ro.out" 2>&1 &&
		ok "reader shows an item" || { bad "reader cannot show"; head -n 3 "$tmp/ro.out"; }
	as $owner env DUBAN_USER=owner "$bin" -f "$dir/board.db" region add 内蒙古自治区/测试市二 >"$tmp/ow.out" 2>&1 &&
		ok "the owner can write after the reader" || { bad "owner write after reader"; cat "$tmp/ow.out"; }
	# while the owner has it open (its -wal and -shm exist), a reader reads through them
	if command -v sqlite3 >/dev/null 2>&1; then
		mkfifo "$tmp/own"
		chmod 666 "$tmp/own"
		as $owner sqlite3 "$dir/board.db" <"$tmp/own" >/dev/null 2>&1 &
		ownpid=$!
		exec 4>"$tmp/own"
		echo "SELECT count(*) FROM item;" >&4
		n=0
		while [ ! -f "$dir/board.db-shm" ] && [ $n -lt 200000 ]; do n=$((n + 1)); done
		as $reader env DUBAN_USER=reader "$bin" -f "$dir/board.db" list >"$tmp/ro.out" 2>&1 &&
			[ "$(find "$dir" -user $reader | wc -l)" -eq 0 ] &&
			ok "a reader beside the owner's open connection, leaving no files" ||
			{ bad "reader beside the owner"; head -n 3 "$tmp/ro.out"; find "$dir" -user $reader; }
		as $owner env DUBAN_USER=owner "$bin" -f "$dir/board.db" region add 内蒙古自治区/测试市三 >"$tmp/ow.out" 2>&1 &&
			ok "the owner writes while its other connection is open" || { bad "owner write"; cat "$tmp/ow.out"; }
		exec 4>&-
		wait $ownpid
	else
		skipped "reader beside the owner: no sqlite3"
		skipped "owner write beside: no sqlite3"
	fi
	# a writable database in a directory that is not: said so
	mkdir -p "$tmp/rodir"
	cp "$seed" "$tmp/rodir/board.db"
	chown -R $owner "$tmp/rodir"
	chmod 555 "$tmp/rodir"
	as $owner env DUBAN_USER=owner "$bin" -f "$tmp/rodir/board.db" region add 内蒙古自治区/甲 >"$tmp/rd.out" 2>&1
	[ $? -eq 1 ] && grep -q "目录不可写" "$tmp/rd.out" && ok "a read-only directory is named as such" ||
		{ bad "read-only directory message"; cat "$tmp/rd.out"; }
	chmod 755 "$tmp/rodir"
else
	for t in list check strays owner show owner-after rodir; do skipped "two-uid reader test $t: not root"; done
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
