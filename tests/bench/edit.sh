#!/bin/sh
# tests/bench/edit.sh — the edit figures for `make bench` (issue 6): one edit (a deadline
# with its reason: one BEGIN IMMEDIATE transaction, version check, history rows written by
# the triggers, due date and tallies) on the 1,000,000-item database, median of 101 spread
# over the database (target <= 5 ms), and a tagged change of 1,000 items in one transaction
# (target <= 1 s). Uses a copy of the shared benchmark database (PROTOCOL.md); its first
# open migrates it, outside the timing.
set -u
cd "$(dirname "$0")/../.."
tool=build/tools/editbench
dir=build/bench
items=${BENCH_ITEMS:-1000000}
shared=/work/bench-shared/board-$items.db
big=$dir/edit-$items.db
[ -x "$tool" ] || { echo "edit bench: $tool is missing"; exit 1; }
mkdir -p "$dir"
if [ ! -f "$big" ]; then
	src=$dir/board-$items.db
	[ -f "$src" ] || src=$shared
	[ -f "$src" ] || { echo "edit bench: no $items-item database (see PROTOCOL.md)"; exit 1; }
	cp "$src" "$big.tmp" && mv "$big.tmp" "$big"
fi
t0=$(date +%s)
"$tool" "$big" 1 1 >/dev/null 2>"$dir/edit-migrate.log" || { cat "$dir/edit-migrate.log"; exit 1; }
echo "edit bench: first open of the $items-item copy (migrations included): $(( $(date +%s) - t0 )) s"
r=$("$tool" "$big" 101 1000) || exit 1
get() { echo "$r" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
med=$(get single_ms_median)
batch=$(get batch_ms)
v1=$(awk -v m="$med" 'BEGIN { print (m <= 5.0) ? "ok" : "OVER TARGET" }')
v2=$(awk -v m="$batch" 'BEGIN { print (m <= 1000.0) ? "ok" : "OVER TARGET" }')
echo "one edit, $items items: median $med ms, max $(get single_ms_max) ms over $(get singles) edits (target <= 5 ms: $v1)"
echo "tagged change of $(get batch_n) items in one transaction: $batch ms, $(get batch_cpu_ms) ms CPU (target <= 1000 ms: $v2)"
