#!/bin/sh
# tests/bench.sh — `make bench`: prints the performance figures the issues ask for. Figures,
# not pass/fail: targets are stated beside them. Each tests/bench/*.sh is one group of
# figures (a new group is a new file).
set -u
cd "$(dirname "$0")/.."
sh tests/bench/import.sh
[ -f tests/bench/board.sh ] && sh tests/bench/board.sh
for f in tests/bench/*.sh; do
	case $f in tests/bench/import.sh|tests/bench/board.sh) continue ;; esac
	sh "$f"
done
exit 0
