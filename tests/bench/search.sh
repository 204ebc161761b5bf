#!/bin/sh
# tests/bench/search.sh — search figures for `make bench` (issue 9): on the million-item database,
# in every scope (all regions, a 自治区, a 盟市, a 旗县), each query typed one character at a time
# (the slowest keystroke), then Enter (the full count) and G (the last match), each the time from
# the key to the last byte of the repaint in a 120x40 pseudo-terminal (build/tools/ptybench -e).
# Queries: a phrase, a common phrase, a two-character word, a character found nowhere, two words
# (AND). The database is build/bench/board-N.db: copied from $DUBAN_BENCH_SHARED (default
# /work/bench-shared) when there, else generated once by build/tools/gen, as board.sh does.
# Prints one line per figure with its target.
set -u
cd "$(dirname "$0")/../.."
bin=build/duban
gen=build/tools/gen
pty=build/tools/ptybench
dir=build/bench
items=${BENCH_ITEMS:-1000000}
big=$dir/board-$items.db
shared=${DUBAN_BENCH_SHARED:-/work/bench-shared}/board-$items.db
export DUBAN_TODAY=2025-07-15 TERM=xterm-256color LANG=C.UTF-8
unset NO_COLOR

for f in "$bin" "$gen" "$pty"; do
	[ -x "$f" ] || { echo "search bench: $f is missing (make $f)"; exit 1; }
done
mkdir -p "$dir"
if [ ! -f "$big" ] && [ -f "$shared" ]; then
	echo "search bench: copying $shared (opening it migrates the copy, never the original)"
	cp "$shared" "$big.tmp" && mv "$big.tmp" "$big"
fi
if [ ! -f "$big" ]; then
	echo "search bench: generating $items items into $big (once)..."
	rm -f "$big.tmp" "$big.tmp-wal" "$big.tmp-shm"
	"$gen" -n "$items" "$big.tmp" >"$dir/gen.log" 2>&1 || { cat "$dir/gen.log"; exit 1; }
	mv "$big.tmp" "$big"
fi
# Open it once so that a migration (rebuilding the search index) is not timed.
: >"$dir/open.script"
DUBAN_SCRIPT="$dir/open.script" LINES=40 COLUMNS=120 "$bin" -f "$big" >/dev/null 2>&1

get() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
worst_key=0 worst_enter=0 worst_bottom=0
# The tree's rows: 全部地区, then the 自治区 (j), its first 盟市 (jj), that one's first 旗县 (jjj).
for scope in '' j jj jjj; do
	case $scope in
	'') where="all regions" ;; j) where="自治区" ;; jj) where="盟市" ;; jjj) where="旗县" ;;
	esac
	for q in 污水直排 生态环境 尾矿 鹤 '草原 矿'; do
		r=$("$pty" -c 120 -r 40 -n 0 -i 100 -p "$scope" -s "$q" -e -- "$bin" -f "$big")
		k=$(get search_ms_max "$r")
		e=$(get enter_ms "$r")
		g=$(get bottom_ms "$r")
		echo "search \"$q\" in $where, $items items: slowest keystroke $k ms, Enter (full count) $e ms, G $g ms"
		[ "$k" -gt "$worst_key" ] && worst_key=$k
		[ "$e" -gt "$worst_enter" ] && worst_enter=$e
		[ "$g" -gt "$worst_bottom" ] && worst_bottom=$g
	done
done
verdict() { if [ "$1" -le 100 ]; then echo ok; else echo "OVER TARGET"; fi; }
echo "search, every scope: slowest keystroke ${worst_key} ms (target <= 100 ms: $(verdict "$worst_key"))"
echo "search, every scope: slowest Enter ${worst_enter} ms (target <= 100 ms: $(verdict "$worst_enter"))"
echo "search, every scope: slowest G ${worst_bottom} ms (figure; the issue measured 130-270 ms)"
