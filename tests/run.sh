#!/bin/sh
# tests/run.sh — runs every suite of `make check` and ends with one line "N passed, N failed,
# N skipped" summing them. Each suite prints its own closing line of that form; a suite that
# ends without one (a crash) counts as one failure.
set -u
cd "$(dirname "$0")/.."
log=build/test-logs
mkdir -p "$log"
total_pass=0 total_fail=0 total_skip=0

run_suite() {
	name=$1
	shift
	printf '== %s\n' "$name"
	"$@" >"$log/$name.log" 2>&1
	status=$?
	# Show failures in full, and the closing line of every suite.
	if [ $status -ne 0 ]; then cat "$log/$name.log"; else tail -n 1 "$log/$name.log"; fi
	line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$log/$name.log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "   $name ended without a result line (exit $status): counted as a failure"
		total_fail=$((total_fail + 1))
		return
	fi
	p=$(echo "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
	f=$(echo "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
	s=$(echo "$line" | grep -oE '[0-9]+ skipped' | grep -oE '[0-9]+' || true)
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	total_skip=$((total_skip + ${s:-0}))
	if [ "$f" -eq 0 ] && [ $status -ne 0 ]; then
		echo "   $name exited $status with no failed test: counted as a failure"
		total_fail=$((total_fail + 1))
	fi
}

run_suite unit build/unit-tests
run_suite unit-asan env ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 build/asan-unit-tests
run_suite cli sh tests/cli/run.sh
run_suite lint sh tests/lint.sh
# Further CLI suites are tests/cli/*.sh; further suites are tests/<name>/run.sh (a new suite
# is a new file, picked up here without editing this one).
for f in tests/cli/*.sh; do
	[ "$f" = tests/cli/run.sh ] || run_suite "cli-$(basename "$f" .sh)" sh "$f"
done
[ -f tests/screen/run.sh ] && run_suite screen sh tests/screen/run.sh
[ -f tests/e2e/run.sh ] && run_suite e2e sh tests/e2e/run.sh
for f in tests/*/run.sh; do
	d=$(basename "$(dirname "$f")")
	case $d in cli|screen|e2e|bench) continue ;; esac
	run_suite "$d" sh "$f"
done

echo "$total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" -eq 0 ]
