#!/bin/sh
# tests/lint.sh — house rules checked mechanically: model code has no curses, no printing and
# no exit; no SQL built by formatting; nothing executes what the environment names; the man
# page is valid mdoc and documents every subcommand.
set -u
cd "$(dirname "$0")/.."
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$*"; }

model=$(ls src/text.c src/date.c src/state.c src/import*.c src/db*.c src/export*.c src/summary*.c src/msg.c src/field.c 2>/dev/null)
hits=$(grep -ln '#include *[<"]\(n\?curses\|ncursesw/\|ui\.h\|view_\)' $model 2>/dev/null)
[ -z "$hits" ] && ok || bad "model code includes curses or UI headers: $hits"
hits=$(grep -n '\bprintf *(\|\bputs *(\|\bexit *(\|fprintf *( *std\|\bstdout\b\|\bstderr\b' $model 2>/dev/null)
[ -z "$hits" ] && ok || bad "model code prints or exits: $hits"
hits=$(grep -rn 'sqlite3_mprintf\|snprintf *([^;]*\(SELECT\|INSERT\|UPDATE\|DELETE\)' src 2>/dev/null)
[ -z "$hits" ] && ok || bad "SQL built by formatting text: $hits"
hits=$(grep -ln 'sqlite3_\(prepare\|exec\)' src/*.c | grep -v '^src/db' )
[ -z "$hits" ] && ok || bad "SQL outside src/db*.c: $hits"
hits=$(grep -rn '\bsystem *(\|\bpopen *(\|getenv *( *"\(EDITOR\|VISUAL\|PAGER\|SHELL\)"' src 2>/dev/null)
[ -z "$hits" ] && ok || bad "executes something the environment names: $hits"
for f in src/*.h; do
	g=$(grep -c '^#ifndef DUBAN_' "$f")
	[ "$g" -ge 1 ] && ok || bad "$f has no include guard"
done

if [ ! -f man/duban.1 ]; then
	bad "man/duban.1 is missing"
elif command -v mandoc >/dev/null 2>&1; then
	out=$(mandoc -Tlint -W warning man/duban.1 2>&1)
	[ -z "$out" ] && ok || bad "mandoc -Tlint: $out"
else
	skip=$((skip + 1))
fi
if [ -f man/duban.1 ]; then
	for c in import export list show region board set note verify unverify undo history print check; do
		grep -q "^\.It Cm $c\|^\.Cm $c" man/duban.1 && ok || bad "man page does not document $c"
	done
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
