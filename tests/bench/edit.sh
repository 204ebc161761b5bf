#!/bin/sh
# tests/bench/edit.sh — the edit figures for `make bench` (issue 6): one edit on the
# million-item database (median and p95, target <= 5 ms median) and one change to 1,000 tagged
# items in one transaction (target <= 1 s), by build/tools/editbench. It edits, so it works on
# its own copy (build/bench/edit-N.db) of the board bench's database, made once.
set -u
cd "$(dirname "$0")/../.."
tool=build/tools/editbench
items=${BENCH_ITEMS:-1000000}
src=build/bench/board-$items.db
[ -f "$src" ] || src=/work/bench-shared/board-$items.db
copy=build/bench/edit-$items.db
[ -x "$tool" ] || { echo "edit bench: $tool is missing (make $tool)"; exit 1; }
if [ ! -f "$copy" ]; then
	[ -f "$src" ] || { echo "edit bench: no $items-item database (run the board bench first)"; exit 0; }
	mkdir -p build/bench
	cp "$src" "$copy.tmp" && mv "$copy.tmp" "$copy"
fi
"$tool" "$copy" 300
