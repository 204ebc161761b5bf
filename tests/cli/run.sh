#!/bin/sh
# tests/cli/run.sh — the command line as a user meets it: import of the five sample reports,
# re-import, other encodings and line ends, bad input that must write nothing, export to JSON
# and CSV, list, show and usage errors. Drives the real binary (the ASan build when present).
set -u
cd "$(dirname "$0")/../.."
bin=${DUBAN_BIN:-build/asan-duban}
[ -x "$bin" ] || bin=build/duban
tmp=$(mktemp -d /tmp/duban-cli.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
export DUBAN_GAZETTEER=data/gazetteer.txt DUBAN_USER=tester ASAN_OPTIONS=detect_leaks=1
# The messages checked here are the English ones (DUBAN_LANG=en); the Chinese default and the
# switch between the two are tests/cli/lang.sh's.
export DUBAN_LANG=en
unset DUBAN_DB
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$*"; }
# expect NAME CONDITION-COMMAND...: passes when the command succeeds.
expect() { name=$1; shift; if "$@"; then ok; else bad "$name"; fi; }

db=$tmp/seed.db
reports=$(ls data/reports/*.txt)

# --- import of the five samples
$bin -f "$db" import $reports >"$tmp/out" 2>"$tmp/err"
expect "import exits 0" test $? -eq 0
for pair in 000:25:4 001:12:3 002:49:1 003:25:3 004:17:1; do
	f=${pair%%:*} rest=${pair#*:}
	n=${rest%%:*} c=${rest#*:}
	cats="$c categories"
	[ "$c" -eq 1 ] && cats="1 category"
	expect "import $f reports $n items in $cats" \
		grep -q "^data/reports/${f}_.*: imported $n items in $cats\$" "$tmp/out"
done
expect "import never says \"1 categories\"" sh -c "! grep -q ' 1 categories\\| 1 items' '$tmp/out'"
expect "003 truncation is reported as a warning" grep -q '003_.*warning' "$tmp/err"
$bin -f "$db" list >"$tmp/list"
expect "list prints a header and one line per item (128)" test "$(wc -l <"$tmp/list")" -eq 129
expect "list starts with a header row" sh -c "head -n 1 '$tmp/list' | grep -q '^ *ID  region .* state .* due .* overdue  problem\$'"
expect "list shows state and due date" grep -q ' 2024-12-31 ' "$tmp/list"
expect "list never prints an escape byte" sh -c "! grep -q \"$(printf '\033')\" '$tmp/list'"

# --- re-import writes nothing
$bin -f "$db" export --format json >"$tmp/before.json"
$bin -f "$db" import $reports >"$tmp/out2" 2>&1
expect "re-import exits 0" test $? -eq 0
expect "re-import says unchanged for all five" test "$(grep -c 'unchanged, already imported' "$tmp/out2")" -eq 5
$bin -f "$db" export --format json >"$tmp/after.json"
expect "re-import leaves the database as it was" cmp -s "$tmp/before.json" "$tmp/after.json"

# --- the same report in other encodings and line ends is the same report
f4=data/reports/004_ba6a0d129e77e2b8.txt
iconv -f UTF-8 -t GB18030 "$f4" >"$tmp/gb.txt"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$f4"; } >"$tmp/u16le.txt"
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$f4"; } >"$tmp/u16be.txt"
{ printf '\357\273\277'; sed 's/$/\r/' "$f4"; } >"$tmp/bomcrlf.txt"
tr '\n' '\r' <"$f4" >"$tmp/cr.txt"
for v in gb u16le u16be bomcrlf cr; do
	$bin -f "$db" import "$tmp/$v.txt" >"$tmp/out3" 2>&1
	expect "$v copy of 004 is recognised as unchanged" grep -q 'unchanged, already imported (17 items)' "$tmp/out3"
done
$bin -f "$db" import - <"$f4" >"$tmp/out3" 2>&1
expect "import - reads standard input" grep -q '^-: 兴安盟: unchanged' "$tmp/out3"
$bin -f "$tmp/gbonly.db" import "$tmp/gb.txt" >/dev/null 2>&1
$bin -f "$tmp/gbonly.db" export --format json | grep -v '"encoding"\|"file"' >"$tmp/gb.json"
$bin -f "$tmp/u8only.db" import "$f4" >/dev/null 2>&1
$bin -f "$tmp/u8only.db" export --format json | grep -v '"encoding"\|"file"' >"$tmp/u8.json"
expect "GB18030 import stores the same text as UTF-8" cmp -s "$tmp/gb.json" "$tmp/u8.json"

# --- a newer version of a report updates it
sed 's/^整改状态：达到序时进度/整改状态：已销号/' "$f4" >"$tmp/newer.txt"
$bin -f "$db" import "$tmp/newer.txt" >"$tmp/out4" 2>&1
expect "newer report: 4 items changed" grep -q 'updated: 0 added, 4 changed, 13 unchanged, 0 no longer listed' "$tmp/out4"

# --- a newer version that no longer lists an item keeps it, flagged
head -n 93 "$f4" >"$tmp/fewer.txt"
$bin -f "$tmp/u8only.db" import "$tmp/fewer.txt" >"$tmp/out4b" 2>&1
expect "fewer items: 1 no longer listed" grep -q 'updated: 0 added, 0 changed, 16 unchanged, 1 no longer listed' "$tmp/out4b"
$bin -f "$tmp/u8only.db" export --format json >"$tmp/fewer.json"
expect "JSON export flags the item no longer listed" test "$(grep -c '"removed": true' "$tmp/fewer.json")" -eq 1
expect "JSON export flags the listed items as such" test "$(grep -c '"removed": false' "$tmp/fewer.json")" -eq 16
expect "JSON export names the report's encoding" grep -q '^   "encoding": "UTF-8",' "$tmp/fewer.json"
$bin -f "$tmp/u8only.db" list >"$tmp/fewer.list"
expect "list marks the item no longer listed" test "$(grep -c '\[no longer listed\]' "$tmp/fewer.list")" -eq 1
$bin -f "$tmp/u8only.db" export --format csv >"$tmp/fewer.csv"
expect "CSV has a removed column" sh -c "head -n 1 '$tmp/fewer.csv' | grep -q '\"removed\",\"text\"'"

# --- bad input: a clear message, exit 1, nothing written
$bin -f "$db" export --format json >"$tmp/before.json"
: >"$tmp/empty.txt"
printf 'GIF89a\001\000\001\000\200\000\000\377\377\377\000\000\000!\371\004' >"$tmp/junk.bin"
printf '<!DOCTYPE html>\n<html><head><title>整改进展</title></head>\n<body><p>整改进展情况：已完成</p></body></html>\n' >"$tmp/page.html"
printf '今天天气很好，我们去公园散步。\n公园里有很多人在锻炼身体。\n' >"$tmp/prose.txt"
{ head -c 300 "$f4"; printf '\000\000'; tail -c +301 "$f4"; } >"$tmp/nul.txt"
{ printf '\357\273\277'; iconv -f UTF-8 -t GBK "$f4"; } >"$tmp/bomgbk.txt"
{ head -c 5000 "$f4"; printf '\303\050'; tail -c +5001 "$f4"; } >"$tmp/badutf8.txt"
for b in empty.txt junk.bin page.html prose.txt nul.txt bomgbk.txt badutf8.txt; do
	$bin -f "$db" import "$tmp/$b" >"$tmp/out5" 2>"$tmp/err5"
	st=$?
	expect "$b: exit 1" test $st -eq 1
	expect "$b: message names the file" grep -q "^duban: $tmp/$b" "$tmp/err5"
	expect "$b: says nothing imported" grep -q 'nothing imported' "$tmp/err5"
done
$bin -f "$db" import "$tmp/nul.txt" 2>&1 | grep -q '30[0-9]' && ok || bad "NUL message names offset 300"
$bin -f "$db" import "$tmp/bomgbk.txt" 2>&1 | grep -qi 'BOM\|gb' && ok || bad "BOM+GBK message says what to try"
$bin -f "$tmp/fresh.db" import $reports "$tmp/prose.txt" >/dev/null 2>&1
expect "one bad file among good ones: exit 1" test $? -eq 1
expect "one bad file among good ones: nothing written" test "$($bin -f "$tmp/fresh.db" list | wc -l)" -le 1
$bin -f "$db" export --format json >"$tmp/after.json"
expect "bad imports leave the database as it was" cmp -s "$tmp/before.json" "$tmp/after.json"
$bin -f "$db" import "$tmp/nosuchfile" >/dev/null 2>"$tmp/err6"
expect "missing file: exit 1 and a message" grep -q 'nosuchfile: cannot open' "$tmp/err6"

# items numbered past 999 in one sequence: numbers of any length that continue it are items
awk 'BEGIN { print "磴口县贯彻落实第二轮自治区生态环境保护督察报告整改进展情况"
	for (i = 1; i <= 1001; i++) printf "%d.问题%d。\n整改状态：已完成\n", i, i }' >"$tmp/past999.txt"
$bin -f "$tmp/past999.db" import "$tmp/past999.txt" >"$tmp/out999" 2>"$tmp/err999"; rc999=$?
expect "numbering past 999: exit 0" test $rc999 -eq 0
expect "numbering past 999: all 1001 items" grep -q 'imported 1001 items' "$tmp/out999"

# --- control characters never enter the database
{ head -n 8 "$f4"; printf '整改状态：已销号\033[2J\033]0;pwned\007\342\200\256evil\n'; tail -n +10 "$f4"; } >"$tmp/ctl.txt"
$bin -f "$tmp/ctl.db" import "$tmp/ctl.txt" >/dev/null 2>&1
$bin -f "$tmp/ctl.db" export --format json >"$tmp/ctl.json"
expect "escape sequences are not stored" sh -c "! grep -q '\\\\u001b\\|\\\\u0007\\|$(printf '\342\200\256')' '$tmp/ctl.json'"
esc=$(printf '\033')
cp "$f4" "$tmp/name${esc}]0;pwned$(printf '\007').txt"
$bin -f "$tmp/ctl.db" import "$tmp/name${esc}]0;pwned$(printf '\007').txt" >"$tmp/ctlname.out" 2>&1
expect "a file name's escape sequence never reaches the terminal" sh -c "! grep -q '$esc' '$tmp/ctlname.out'"
expect "a file name with an escape sequence still imports" grep -q 'name.*pwned.*: ' "$tmp/ctlname.out"

# --- export
expect "JSON export has every item id" test "$(grep -c '"id": ' "$tmp/after.json")" -eq 128
expect "JSON export carries normalised fields" grep -q '"due_kind": "immediate"' "$tmp/after.json"
$bin -f "$db" export --format csv >"$tmp/u8.csv"
expect "CSV: header plus 128 rows" test "$(grep -c "$(printf '\r')\$" "$tmp/u8.csv")" -ge 129
expect "CSV: header row" sh -c "head -n 1 '$tmp/u8.csv' | grep -q '^\"id\",\"region\"'"
$bin -f "$db" export --format csv --bom >"$tmp/bom.csv"
expect "CSV --bom starts with a UTF-8 BOM" test "$(head -c 3 "$tmp/bom.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
$bin -f "$db" export --format csv --encoding gb18030 >"$tmp/gb.csv"
expect "CSV --encoding gb18030 round-trips" sh -c "iconv -f GB18030 -t UTF-8 '$tmp/gb.csv' | cmp -s - '$tmp/u8.csv'"

# --- show
id=$(sed -n 2p "$tmp/list" | awk '{print $1}')
$bin -f "$db" show "$id" >"$tmp/show"
expect "show prints the measures" grep -q '^measures (4)$' "$tmp/show"
expect "show prints who imported it" grep -q '^  [0-9-]* [0-9:]*  tester  import  imported from' "$tmp/show"
$bin -f "$db" show 999999 >/dev/null 2>"$tmp/err7"
expect "show of a missing item: exit 1" test $? -eq 1

# --- output that cannot be written is an error, not a silent success
for c in list "show $id" "export --format json" "export --format csv"; do
	$bin -f "$db" $c >/dev/full 2>"$tmp/err9"
	expect "$c to a full disk: exit 1" test $? -eq 1
	expect "$c to a full disk: says so" grep -q 'No space left on device' "$tmp/err9"
done

# --- usage
$bin list >/dev/null 2>"$tmp/err8"
expect "no database: exit 2" test $? -eq 2
expect "no database: says how to give one" grep -q 'DUBAN_DB' "$tmp/err8"
$bin -f "$db" frobnicate >/dev/null 2>&1
expect "unknown command: exit 2" test $? -eq 2
$bin -f "$db" show >/dev/null 2>&1
expect "show without an ID: exit 2" test $? -eq 2
$bin -f "$db" export --format xml >/dev/null 2>&1
expect "unknown export format: exit 2" test $? -eq 2
DUBAN_DB=$db $bin list >/dev/null 2>&1
expect "DUBAN_DB chooses the database" test $? -eq 0

if [ -x build/tools/golden_export ]; then
	$bin -f "$tmp/golden.db" import $reports >/dev/null 2>&1
	$bin -f "$tmp/golden.db" export --format json >"$tmp/final.json"
	build/tools/golden_export "$tmp/final.json" tests/fixtures >"$tmp/golden" 2>&1
	expect "export matches the truth files field by field" test $? -eq 0 || cat "$tmp/golden"
fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
