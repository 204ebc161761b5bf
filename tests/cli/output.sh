#!/bin/sh
# tests/cli/output.sh — no byte of stored or user-given text reaches a terminal, a CSV or a JSON
# file as a control sequence (issue 7). A marker (OSC 52 clipboard write, ESC [ 2 J, a C1 CSI,
# bidi overrides and isolates, DEL) is put into every text column: through a crafted report, a
# file name, `region add`, DUBAN_USER, `duban note` when it exists, and raw through sqlite3
# (as another program could write it). Then every command's output and every error message is
# searched for the marker's bytes; JSON must carry them escaped as \uXXXX.
set -u
cd "$(dirname "$0")/../.."
bin=${DUBAN_BIN:-build/asan-duban}
[ -x "$bin" ] || bin=build/duban
tmp=$(mktemp -d /tmp/duban-output.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT INT TERM
export DUBAN_GAZETTEER=data/gazetteer.txt DUBAN_USER=tester ASAN_OPTIONS=detect_leaks=1
export DUBAN_TODAY=2025-07-15
unset DUBAN_DB DUBAN_LANG
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$*"; }
expect() { name=$1; shift; if "$@"; then ok; else bad "$name"; fi; }
# hostile DB SQL: runs SQL as another program could, without duban's guards: its triggers
# (which refuse a bare sqlite3 session's writes, issue 7) dropped around the write and put back.
hostile() {
	g=$(sqlite3 "$1" "SELECT group_concat(sql, ';') || ';' FROM sqlite_schema WHERE type = 'trigger'")
	d=$(sqlite3 "$1" "SELECT group_concat('DROP TRIGGER \"' || name || '\"', ';') || ';'
		FROM sqlite_schema WHERE type = 'trigger'")
	sqlite3 -bail "$1" "$d $2 $g"
}

# The marker, and one pattern per line for every byte sequence that must never come out raw:
# ESC, BEL, DEL, the C1 controls (U+0080–U+009F), the bidi controls.
M=$(printf '\033]52;c;cHduZWQ=\007\033[2J\302\233\342\200\256\342\201\246\177')
pat=$tmp/patterns
{
	printf '\033\n\007\n\177\n'
	for b in 200 201 202 203 204 205 206 207 210 211 212 213 214 215 216 217 \
	         220 221 222 223 224 225 226 227 230 231 232 233 234 235 236 237; do
		printf "\\302\\$b\\n"
	done
	for b in 252 253 254 255 256; do printf "\\342\\200\\$b\\n"; done
	for b in 246 247 250 251; do printf "\\342\\201\\$b\\n"; done
	printf '\342\200\216\n\342\200\217\n\330\234\n'
} >"$pat"
# clean NAME FILE: FILE holds none of the sequences.
clean() { if LC_ALL=C grep -q -F -f "$pat" "$2"; then bad "$1: raw control or bidi bytes"; else ok; fi; }
# run NAME ARGS...: runs duban, output and errors in $tmp/NAME.out/.err, both checked.
run() {
	n=$1; shift
	"$bin" "$@" >"$tmp/$n.out" 2>"$tmp/$n.err"
	clean "$n (stdout)" "$tmp/$n.out"
	clean "$n (stderr)" "$tmp/$n.err"
}

# --- a crafted report: the marker in the title, category, subcategory, item text, units,
# goal, deadline, status and a measure; and in the file's name
rep="$tmp/report$M.txt"
head -n 45 data/reports/003_beb6db8f2c840372.txt | awk -v m="$M" '
	NR == 10 || NR == 12 || NR == 13 || NR == 17 || NR == 18 || NR == 19 || NR == 21 ||
	NR == 24 || NR == 37 { $0 = $0 m "标记" }
	NR == 20 { $0 = "整改时限：2024年12月底" m }
	{ print }
	NR == 8 { print "呼和浩特市贯彻落实" m "督察报告整改方案" }' >"$rep"
db=$tmp/d.db
run import -f "$db" import "$rep"
expect "crafted report imports" grep -q '2' "$tmp/import.out"
DUBAN_USER="user$M" "$bin" -f "$db" import data/reports/004_ba6a0d129e77e2b8.txt >"$tmp/import2.out" 2>"$tmp/import2.err"
clean "import as a hostile user" "$tmp/import2.out"
clean "import as a hostile user (stderr)" "$tmp/import2.err"
run region -f "$db" region add "内蒙古自治区/呼和$M浩特市/新城$M区"
run reimport -f "$db" import "$rep"
run dry -f "$db" import --dry-run "$rep"

# --- notes through the command line, when it exists
if "$bin" --help 2>&1 | grep -q ' note '; then
	DUBAN_USER="who$M" "$bin" -f "$db" note 1 "进展$M说明" >"$tmp/note.out" 2>"$tmp/note.err"
	clean "note (stdout)" "$tmp/note.out"
	clean "note (stderr)" "$tmp/note.err"
else
	skip=$((skip + 1))
fi

# --- edits through the command line, when they exist: a reason, a refused deadline that
# quotes what was typed, a verification opinion
if "$bin" --help 2>&1 | grep -q ' set '; then
	DUBAN_USER="who$M" "$bin" -f "$db" set 2 --deadline "2026年6月底前" --reason "延期$M原因" >"$tmp/set.out" 2>"$tmp/set.err"
	clean "set with a reason (stdout)" "$tmp/set.out"
	clean "set with a reason (stderr)" "$tmp/set.err"
	"$bin" -f "$db" set 2 --deadline "2026年$M月底" --reason x >"$tmp/set2.out" 2>"$tmp/set2.err"
	clean "set with a bad deadline (stdout)" "$tmp/set2.out"
	clean "set with a bad deadline (stderr)" "$tmp/set2.err"
	"$bin" -f "$db" set 2 --state "x$M" >"$tmp/set3.out" 2>"$tmp/set3.err"
	clean "set with a bad state (stderr)" "$tmp/set3.err"
else
	skip=$((skip + 1))
fi
if "$bin" --help 2>&1 | grep -q ' verify '; then
	"$bin" -f "$db" set 1 --state done >/dev/null 2>&1
	DUBAN_USER="verifier$M" "$bin" -f "$db" verify 1 --opinion "意见$M" >"$tmp/verify.out" 2>"$tmp/verify.err"
	clean "verify with an opinion (stdout)" "$tmp/verify.out"
	clean "verify with an opinion (stderr)" "$tmp/verify.err"
else
	skip=$((skip + 1))
fi

# --- the marker raw in every text column, as another program could write it
raw=0
if command -v sqlite3 >/dev/null 2>&1; then
	cp "$db" "$tmp/raw.db"
	m=$(printf '%s' "$M" | sed "s/'/''/g")
	if hostile "$tmp/raw.db" "
UPDATE region SET name = name || '$m';
UPDATE report SET title = title || '$m', file = file || '$m', round = '$m', encoding = encoding || '$m';
UPDATE category SET label = coalesce(label, '') || '$m', title = coalesce(title, '') || '$m';
UPDATE item SET no = no || '$m', subcategory = coalesce(subcategory, '') || '$m', text = text || '$m',
	status = coalesce(status, '') || '$m', deadline = coalesce(deadline, '') || '$m',
	lead_unit = coalesce(lead_unit, '') || '$m', responsible_unit = coalesce(responsible_unit, '') || '$m',
	acceptance_unit = coalesce(acceptance_unit, '') || '$m', goal = coalesce(goal, '') || '$m';
UPDATE measure SET text = text || '$m', status = coalesce(status, '') || '$m';
INSERT INTO note (item_id, at, who, text) SELECT id, '2025-07-01T08:00:00Z', 'who$m', 'note$m' FROM item;
UPDATE history SET who = who || '$m', old = '$m', new = coalesce(new, '') || '$m';
" >/dev/null 2>"$tmp/sqlite.err"; then
		raw=1
	fi
fi
if [ $raw -eq 0 ]; then
	skip=$((skip + 1))
	cp "$db" "$tmp/raw.db"
fi

# --- every reading command, in both languages
ids=$("$bin" -f "$tmp/raw.db" export | grep -c '"id": ')
expect "the hostile database still exports every item" test "$ids" -ge 19
for lang in zh en; do
	export DUBAN_LANG=$lang
	for d in d raw; do
		run "list-$d-$lang" -f "$tmp/$d.db" list
		run "listf-$d-$lang" -f "$tmp/$d.db" list --overdue --unit 局 --region 呼和
		run "json-$d-$lang" -f "$tmp/$d.db" export --format json
		run "csv-$d-$lang" -f "$tmp/$d.db" export --format csv
		run "gbcsv-$d-$lang" -f "$tmp/$d.db" export --format csv --encoding gb18030 --bom
		for id in 1 2 3 18; do
			run "show$id-$d-$lang" -f "$tmp/$d.db" show $id
		done
		for c in history check; do
			if "$bin" --help 2>&1 | grep -q " $c"; then
				run "$c-$d-$lang" -f "$tmp/$d.db" $c
			fi
		done
	done
	# --- error messages never echo what the user gave raw
	run "badf-$lang" -f "$tmp/no$M/such.db" list
	run "bado-$lang" -f "$db" export -o "$tmp/no$M/out.json"
	run "badopt-$lang" "--frob$M"
	run "badcmd-$lang" -f "$db" "frob$M"
	run "badstate-$lang" -f "$db" list --state "x$M"
	run "badregion-$lang" -f "$db" list --region "x$M"
	run "baddue-$lang" -f "$db" list --due-within "x$M"
	run "badshow-$lang" -f "$db" show "1$M"
	run "badfmt-$lang" -f "$db" export --format "x$M"
	run "badenc-$lang" -f "$db" export --format csv --encoding "x$M"
	run "badimp-$lang" -f "$db" import "$tmp/none$M.txt"
	run "badimpopt-$lang" -f "$db" import "--x$M"
	run "badregionadd-$lang" -f "$db" region "x$M"
	expect "a bad -f path is still named ($lang)" grep -q 'no.*such.db' "$tmp/badf-$lang.err"
	expect "an unknown option is still named ($lang)" grep -q 'frob' "$tmp/badopt-$lang.err"
	expect "an error is one line and one hint ($lang)" test "$(wc -l <"$tmp/badopt-$lang.err")" -eq 2
done
unset DUBAN_LANG

# --- what must be there
expect "list shows the crafted item's text, cleaned" grep -q '和林格尔县' "$tmp/list-d-zh.out"
expect "show shows the hostile user's name, cleaned" grep -q 'user\]52;c;cHduZWQ=' "$tmp/show18-d-zh.out"
expect "region add stored the cleaned names" sh -c "'$bin' -f '$db' list --region 新城区 >/dev/null 2>&1 || true"
if [ $raw -eq 1 ]; then
	expect "JSON escapes ESC as \\u001b" grep -q '\\u001b\]52;c;cHduZWQ=\\u0007\\u001b\[2J\\u009b\\u202e\\u2066\\u007f' "$tmp/json-raw-zh.out"
	expect "CSV keeps the visible text around a dropped control" grep -q ']52;c;cHduZWQ=\[2J' "$tmp/csv-raw-zh.out"
	expect "show of a raw note drops the controls" grep -q 'note\]52;c;cHduZWQ=\[2J' "$tmp/show1-raw-zh.out"
	if command -v python3 >/dev/null 2>&1; then
		expect "JSON with escaped controls is valid JSON" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/json-raw-en.out"
	else
		skip=$((skip + 1))
	fi
	cr=$(printf '\r')
	expect "CSV: carriage returns only at line ends" sh -c "! LC_ALL=C grep -q '$cr.' '$tmp/csv-raw-zh.out'"
else
	skip=$((skip + 5))
fi

echo "output: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
