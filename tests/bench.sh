#!/bin/sh
# tests/bench.sh — `make bench`: prints the performance figures the issues ask for. Figures,
# not pass/fail: targets are stated beside them.
set -u
cd "$(dirname "$0")/.."
sh tests/bench/import.sh
[ -f tests/bench/board.sh ] && sh tests/bench/board.sh
exit 0
