#!/bin/sh
# tests/bench/print.sh — the printing figures for `make bench` (issue 8): time to build the
# meeting summary (model + PDF, the whole duban print process, best of 5 on a warm cache) for
# the million-item database, the same as text, a one-page PDF's size (only the glyphs used are
# embedded, each once) and the pages of the default summary. Figures, not tests.
set -u
cd "$(dirname "$0")/../.."
bin=build/duban
dir=build/bench
items=${BENCH_ITEMS:-1000000}
big=$dir/board-$items.db
export DUBAN_TODAY=2025-07-15 DUBAN_USER=bench DUBAN_LANG=zh LANG=C.UTF-8
[ -x "$bin" ] || { echo "print bench: $bin is missing (make $bin)"; exit 1; }
if [ ! -f "$big" ]; then
	echo "print bench: $big is missing (tests/bench/board.sh makes it; or copy it there)"
	exit 0
fi
tmp=$(mktemp -d /tmp/duban-printbench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM

us() { echo $(( $(date +%s%N) / 1000 )); }
best() {
	b=999999999
	for i in 1 2 3 4 5; do
		t0=$(us)
		"$@" >/dev/null 2>&1
		t=$(( $(us) - t0 ))
		[ $t -lt $b ] && b=$t
	done
	echo $b
}
ms() { echo "$1" | awk '{ printf "%.0f", $1 / 1000 }'; }

# Once, so that a migration of a fresh copy is not timed.
"$bin" -f "$big" print --format text -o "$tmp/warm.txt" >/dev/null 2>&1
t=$(best "$bin" -f "$big" print -o "$tmp/summary.pdf")
"$bin" -f "$big" print -o "$tmp/summary.pdf" >/dev/null 2>&1
size=$(wc -c <"$tmp/summary.pdf")
pages=$(pdfinfo "$tmp/summary.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
echo "print: summary of $items items as PDF (model + PDF, whole process): $(ms $t) ms (target <= 1000 ms); ${pages:-?} pages, $((size / 1024)) KB"
t=$(best "$bin" -f "$big" print --format text -o "$tmp/summary.txt")
echo "print: the same summary as text (model + text): $(ms $t) ms"
# A one-page summary of one city: the size of one page with its font subset.
city=乌海市
"$bin" -f "$big" print --region "$city" --limit 5 -o "$tmp/one.pdf" >/dev/null 2>&1
size=$(wc -c <"$tmp/one.pdf")
pages=$(pdfinfo "$tmp/one.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
echo "print: one-page PDF ($city, 5 rows a list): $((size / 1024)) KB, ${pages:-?} page(s) (target <= 300 KB for one page)"
t=$(best "$bin" -f "$big" print --limit 0 --overdue --region "$city" -o "$tmp/all.pdf")
"$bin" -f "$big" print --limit 0 --overdue --region "$city" -o "$tmp/all.pdf" >/dev/null 2>&1
pages=$(pdfinfo "$tmp/all.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
n=$("$bin" -f "$big" print --limit 0 --overdue --region "$city" --format text -o - 2>/dev/null | grep -c '^ *[0-9][0-9]*  ')
echo "print: every overdue item of $city ($n rows, --limit 0): $(ms $t) ms, ${pages:-?} pages, $(( $(wc -c <"$tmp/all.pdf") / 1024 )) KB"
exit 0
