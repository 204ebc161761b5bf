#!/bin/sh
# tests/cli/import.sh — `duban import` as issue 10 wants it: the confidence summary and
# --dry-run, files that are not regular refused at once, the label vocabulary file, changed
# fields named on an update, re-imports in other encodings and layouts matching every item,
# mojibake repaired or refused with the iconv hint, limits, and single-item notices.
set -u
cd "$(dirname "$0")/../.."
bin=${DUBAN_BIN:-build/asan-duban}
[ -x "$bin" ] || bin=build/duban
tmp=$(mktemp -d /tmp/duban-import.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
export DUBAN_GAZETTEER=data/gazetteer.txt DUBAN_USER=tester DUBAN_LANG=en DUBAN_LABELS=
export ASAN_OPTIONS=detect_leaks=1
unset DUBAN_DB
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$*"; }
expect() { name=$1; shift; if "$@"; then ok; else bad "$name"; fi; }
r000=$(ls data/reports/000_*.txt)
r004=$(ls data/reports/004_*.txt)

# --- the confidence summary and --dry-run
$bin -f "$tmp/dry.db" import --dry-run data/reports/*.txt >"$tmp/out" 2>"$tmp/err"
expect "dry run exits 0" test $? -eq 0
expect "dry run: one summary line per report" test "$(grep -c ': read [0-9]* items; ' "$tmp/out")" -eq 5
expect "dry run: 000 summary counts fields" \
	grep -q "000_.*: read 25 items; 25 with status, 25 with deadline, 0 with units, 65 measures; 0 lines skipped" "$tmp/out"
expect "dry run: 003 summary counts units and skipped lines" \
	grep -q "003_.*: read 25 items; 0 with status, 25 with deadline, 25 with units, 52 measures; [1-9][0-9]* lines skipped" "$tmp/out"
expect "dry run says nothing was written" grep -q 'nothing written (--dry-run)\|dry run (--dry-run): nothing written' "$tmp/out"
expect "dry run makes no database file" sh -c "! ls '$tmp'/dry.db* >/dev/null 2>&1"
$bin -f "$tmp/seeded.db" import "$r004" >/dev/null 2>&1
$bin -f "$tmp/seeded.db" import --dry-run data/reports/*.txt >/dev/null 2>&1
expect "dry run on a database writes no item" \
	test "$($bin -f "$tmp/seeded.db" list | grep -c '^ *[0-9]')" -eq 17
$bin -f "$tmp/a.db" import "$r000" >"$tmp/out" 2>&1
expect "an import prints its summary too" grep -q '000_.*: read 25 items;' "$tmp/out"
LANG=zh_CN.UTF-8 DUBAN_LANG= $bin -f "$tmp/zh.db" import --dry-run "$r000" >"$tmp/out" 2>&1
expect "the summary is Chinese by default" grep -q '识别 25 项；有状态 25 项' "$tmp/out"

# --- files that are not reports are refused at once, never read forever
expect "/dev/zero is refused" sh -c "! $bin -f '$tmp/a.db' import /dev/zero 2>'$tmp/err'"
expect "/dev/zero: says it is not a regular file" grep -q '/dev/zero: is not a regular file' "$tmp/err"
expect "standard input from /dev/zero is refused" sh -c "! $bin -f '$tmp/a.db' import - </dev/zero 2>'$tmp/err'"
expect "a directory is refused" sh -c "! $bin -f '$tmp/a.db' import data 2>'$tmp/err'"
expect "a directory: says so" grep -q 'data: is a directory' "$tmp/err"
mkfifo "$tmp/fifo"
expect "a named pipe is refused without waiting" sh -c "! $bin -f '$tmp/a.db' import '$tmp/fifo' 2>/dev/null"
DUBAN_GAZETTEER=/dev/zero $bin -f "$tmp/a.db" import "$r004" >/dev/null 2>"$tmp/err"
expect "a gazetteer that is a device is refused" grep -q '/dev/zero: is not a regular file' "$tmp/err"
$bin -f "$tmp/a.db" import --gazetteer "$tmp/nosuch" "$r004" >/dev/null 2>"$tmp/err"
expect "a named gazetteer that is missing is refused" grep -q 'nosuch: cannot open' "$tmp/err"
cat "$r004" "$r004" "$r004" >"$tmp/x3.txt"
head -c 70000 /dev/zero | tr '\0' 'a' >"$tmp/longline.txt"
printf '\n1.问题。\n整改状态：已完成\n' >>"$tmp/longline.txt"
$bin -f "$tmp/a.db" import "$tmp/longline.txt" >/dev/null 2>"$tmp/err"
expect "a line over 64 KB is refused with its line number" grep -q 'longline.txt:1: line 1 is 70000 bytes long (over 64 KB)' "$tmp/err"

# --- the label vocabulary: built in, extended by a file
sed 's/整改时限：/办结期限：/' "$r000" >"$tmp/own.txt"
$bin -f "$tmp/b.db" import --dry-run "$tmp/own.txt" >"$tmp/out" 2>&1
expect "an unknown label is not read as a deadline" grep -q 'read 25 items; 25 with status, 0 with deadline' "$tmp/out"
printf '# our office\ndeadline 办结期限\n' >"$tmp/labels.txt"
$bin -f "$tmp/b.db" import --dry-run --labels "$tmp/labels.txt" "$tmp/own.txt" >"$tmp/out" 2>&1
expect "--labels adds a synonym" grep -q 'read 25 items; 25 with status, 25 with deadline' "$tmp/out"
DUBAN_LABELS="$tmp/labels.txt" $bin -f "$tmp/b.db" import --dry-run "$tmp/own.txt" >"$tmp/out" 2>&1
expect "DUBAN_LABELS adds a synonym" grep -q '25 with deadline' "$tmp/out"
printf 'deadline 办结期限\nwhen 某某\n' >"$tmp/badlabels.txt"
$bin -f "$tmp/b.db" import --labels "$tmp/badlabels.txt" "$tmp/own.txt" >/dev/null 2>"$tmp/err"
expect "a bad vocabulary line is refused with file and line" grep -q 'badlabels.txt:2: line 2 of the label vocabulary' "$tmp/err"
expect "a bad vocabulary writes nothing" sh -c "! $bin -f '$tmp/b.db' list 2>/dev/null | grep -q '^ *[0-9]'"

# --- an update names each changed item and field
$bin -f "$tmp/c.db" import "$r000" >/dev/null 2>&1
sed 's/整改时限：2025年6月底前/整改时限：2026年12月底前/' "$r000" >"$tmp/000-new.txt"
$bin -f "$tmp/c.db" import "$tmp/000-new.txt" >"$tmp/out" 2>&1
expect "an update counts the change" grep -q 'updated: 0 added, 1 changed, 24 unchanged, 0 no longer listed' "$tmp/out"
expect "an update names item, field, old and new value" \
	grep -q '^  no\. 16: deadline 2025年6月底前 → 2026年12月底前$' "$tmp/out"

# --- the same report in another encoding or layout matches every item
$bin -f "$tmp/d.db" import "$r004" >/dev/null 2>&1
sed 's/^\([0-9]\)\./\1．/; s/^1/１/; s/^2/２/; s/^3/３/; s/^4/４/; s/^5/５/; s/^6/６/; s/^7/７/; s/^8/８/; s/^9/９/' "$r004" >"$tmp/fw.txt"
$bin -f "$tmp/d.db" import "$tmp/fw.txt" >"$tmp/out" 2>&1
expect "full-width item numbers: nothing added or removed" \
	grep -q 'unchanged, already imported (17 items)\|updated: 0 added, [0-9]* changed, [0-9]* unchanged, 0 no longer listed' "$tmp/out"
iconv -f UTF-8 -t GB18030 "$tmp/fw.txt" >"$tmp/fw-gb.txt"
$bin -f "$tmp/d.db" import "$tmp/fw-gb.txt" >"$tmp/out" 2>&1
expect "GB18030 with full-width numbers: nothing added or removed" \
	grep -q 'unchanged, already imported (17 items)\|updated: 0 added, [0-9]* changed, [0-9]* unchanged, 0 no longer listed' "$tmp/out"
LC_ALL=C.UTF-8 sed -E 's/(.{12})/\1\n/g' "$r000" >"$tmp/000-wrapped.txt"
$bin -f "$tmp/c.db" import "$tmp/000-wrapped.txt" >"$tmp/out" 2>&1
expect "the report re-wrapped at 12 characters: nothing added or removed" \
	grep -q 'unchanged, already imported (25 items)\|updated: 0 added, [0-9]* changed, [0-9]* unchanged, 0 no longer listed' "$tmp/out"
awk 'NR % 30 == 0 { printf "— %d —\n", NR / 30 } { print }' "$r000" >"$tmp/000-pages.txt"
$bin -f "$tmp/c.db" import --dry-run "$tmp/000-pages.txt" >"$tmp/out" 2>&1
expect "page numbers are dropped and counted" grep -q 'read 25 items; .* 4 lines of page furniture dropped' "$tmp/out"

# --- mojibake
iconv -f LATIN1 -t UTF-8 "$r004" >"$tmp/latin.txt"
$bin -f "$tmp/d.db" import "$tmp/latin.txt" >"$tmp/out" 2>"$tmp/err"
expect "UTF-8 read as Latin-1 is repaired" grep -q 'unchanged, already imported (17 items)\|updated: 0 added' "$tmp/out"
expect "UTF-8 read as Latin-1: a warning says so" grep -q 'latin.txt: warning: the text was UTF-8 read as Windows-1252/Latin-1' "$tmp/err"
iconv -f UTF-8 -t GB18030 "$r004" | iconv -f UTF-8 -t UTF-8 -c >/dev/null 2>&1
python3 -c 'import sys; d=open(sys.argv[1],"rb").read().decode("utf-8").encode("gb18030"); open(sys.argv[2],"w",encoding="utf-8").write(d.decode("utf-8","replace"))' "$r004" "$tmp/fffd.txt" 2>/dev/null ||
	iconv -f UTF-8 -t GB18030 "$r004" | LC_ALL=C sed 's/[\x80-\xff][\x80-\xff]*/\xef\xbf\xbd/g' >"$tmp/fffd.txt"
$bin -f "$tmp/d.db" import "$tmp/fffd.txt" >/dev/null 2>"$tmp/err"
expect "GB18030 read as UTF-8 is refused with the iconv command" grep -q 'fffd.txt:[0-9]*: .*iconv -f GB18030 -t UTF-8' "$tmp/err"

# --- a single-item notice
$bin -f "$tmp/e.db" import tests/fixtures/notices/sections.txt >"$tmp/out" 2>"$tmp/err"
expect "a notice with 一、二、三 sections is one item" grep -q 'imported 1 item in 1 category' "$tmp/out"
expect "a notice: no warning" test ! -s "$tmp/err"
$bin -f "$tmp/e.db" import tests/fixtures/notices/labels.txt >"$tmp/out" 2>&1
expect "a labelled notice is one item with its measures" grep -q 'read 1 item; 0 with status, 0 with deadline, 1 with units, 3 measures' "$tmp/out"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
