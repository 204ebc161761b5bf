#!/bin/sh
# tests/e2e/run.sh — end-to-end tests of the board in a real pseudo-terminal (tmux): open,
# navigate, search, open an item, quit with the terminal restored, resize, another user's
# change appearing by itself, the C-locale notice, TERM=dumb and unknown terminals, SIGTERM.
# Every wait polls the screen (capture-pane) in a bounded loop; nothing sleeps blindly.
# Skipped (with a count) when tmux is missing. Ends with "N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/../.."
top=$(pwd)
bin=${DUBAN_BIN:-$top/build/duban}
out=$top/build/e2e
pass=0 fail=0 skip=0
TESTS=9

if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux is not installed: e2e tests skipped (apt-get install tmux)"
	echo "0 passed, 0 failed, $TESTS skipped"
	exit 0
fi
if [ ! -x "$bin" ]; then
	echo "build/duban is missing: run make first"
	echo "0 passed, 1 failed"
	exit 1
fi
rm -rf "$out"
mkdir -p "$out"
seed=$out/seed.db
DUBAN_USER=tester DUBAN_GAZETTEER=data/gazetteer.txt "$bin" -f "$seed" import data/reports/*.txt \
	>"$out/import.log" 2>&1 || { cat "$out/import.log"; echo "0 passed, 1 failed"; exit 1; }

term=screen-256color
infocmp "$term" >/dev/null 2>&1 || term=screen
sock=duban-e2e-$$
T() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() { T kill-server >/dev/null 2>&1; }
trap cleanup EXIT INT TERM

# One server for the whole run, kept alive by an idle session; each test gets its own
# 100x30 session running a shell command, which stays on screen after the command ends.
T new-session -d -s keep -x 20 -y 5 "sleep 3600"
T set-option -g remain-on-exit on >/dev/null 2>&1
n_session=0
start() {
	[ $n_session -gt 0 ] && T kill-session -t "e2e$n_session" >/dev/null 2>&1
	n_session=$((n_session + 1))
	T new-session -d -s "e2e$n_session" -x 100 -y 30 "cd '$top' && $1; sleep 600"
}
screen() { T capture-pane -p -t "e2e$n_session"; }
# wait_for TEXT [SECONDS]: polls the screen every 0.1 s until TEXT shows, at most SECONDS.
wait_for() {
	n=$(( ${2:-5} * 10 ))
	while [ $n -gt 0 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}
keys() { T send-keys -t "e2e$n_session" "$@"; }
ok() { pass=$((pass + 1)); printf 'ok   %s\n' "$1"; }
bad() {
	fail=$((fail + 1))
	printf 'FAIL %s: %s\n--- screen:\n' "$1" "$2"
	screen | sed 's/^/| /'
}

BOARD="env LANG=C.UTF-8 LC_ALL= TERM=$term DUBAN_TODAY=2025-07-15 $bin -f $seed"

# 1. The board opens, moves, opens an item and goes back.
t="open and navigate"
start "$BOARD"
if ! wait_for "今天 2025-07-15"; then bad "$t" "no board"
elif ! wait_for "> 全部地区"; then bad "$t" "no region tree"
else
	keys jjjjj
	if ! wait_for "督办 seed.db > 呼和浩特市"; then bad "$t" "j did not move to 呼和浩特市"
	else
		keys Tab Tab j
		if ! wait_for "2/25"; then bad "$t" "Tab Tab j did not select item 2 of 25"
		else
			keys Enter
			if ! wait_for "整改措施"; then bad "$t" "Enter did not open the item"
			else
				keys q
				if wait_for "2/25"; then ok "$t"; else bad "$t" "q did not return to the list"; fi
			fi
		fi
	fi
fi

# 2. Incremental search, then Esc at once.
t="search"
start "$BOARD"
if ! wait_for "> 全部地区"; then bad "$t" "no board"
else
	keys /
	keys -l "污水处理厂"
	if ! wait_for "搜索「污水处理厂」"; then bad "$t" "no search title"
	else
		keys Enter
		if ! wait_for "找到 14 项"; then bad "$t" "Enter did not report 14 matches (problems, measures, units…)"
		else
			keys n
			if ! wait_for "2/14"; then bad "$t" "n did not go to match 2"
			else
				keys Escape
				if wait_for "1/128"; then ok "$t"; else bad "$t" "Esc did not clear the search"; fi
			fi
		fi
	fi
fi

# 3. q quits and leaves the terminal as it was: the shell's screen is back, modes restored.
t="quit restores the terminal"
start "echo BEFORE-BOARD; $BOARD; echo \"AFTER rc=\$?\"; stty -a | tr ' ;' '\n\n' | grep -x -e -icanon -e -echo -e icanon -e echo | tr '\n' ' '; echo STTY-END"
if ! wait_for "> 全部地区"; then bad "$t" "no board"
else
	keys q
	if ! wait_for "STTY-END"; then bad "$t" "the board did not exit on q"
	elif ! screen | grep -q "AFTER rc=0"; then bad "$t" "exit status not 0"
	elif ! screen | grep -q "BEFORE-BOARD"; then bad "$t" "the shell's screen was not restored"
	elif screen | grep -q "全部地区"; then bad "$t" "the board is still on the screen"
	elif ! screen | grep -q "icanon echo"; then bad "$t" "terminal modes not restored: $(screen | grep canon)"
	else ok "$t"; fi
fi

# 4. SIGTERM: the handler only sets a flag; the loop restores the terminal and exits.
t="SIGTERM restores the terminal"
start "echo BEFORE-BOARD; sh -c 'echo \$\$ >$out/pid; exec $BOARD'; echo \"AFTER rc=\$?\"; stty -a | tr ' ;' '\n\n' | grep -x -e -icanon -e icanon | tr '\n' ' '; echo STTY-END"
if ! wait_for "> 全部地区"; then bad "$t" "no board"
else
	kill -TERM "$(cat "$out/pid")"
	if ! wait_for "STTY-END"; then bad "$t" "the board did not exit on SIGTERM"
	elif screen | grep -q "全部地区"; then bad "$t" "the board is still on the screen"
	elif ! screen | grep -q "icanon"; then bad "$t" "terminal modes not restored"
	elif screen | grep -q -- "-icanon"; then bad "$t" "terminal left in cbreak mode"
	else ok "$t"; fi
fi

# 5. Resizing the real terminal: narrow layout, the notice below the minimum, and back.
t="resize"
start "$BOARD"
if ! wait_for "> 全部地区"; then bad "$t" "no board"
else
	T resize-window -t "e2e$n_session" -x 40 -y 20
	if ! wait_for "窗口太小"; then bad "$t" "no notice below the minimum size"
	else
		T resize-window -t "e2e$n_session" -x 61 -y 20
		if wait_for "报告与方面"; then ok "$t"
		else bad "$t" "no board after growing to 61 columns"; fi
	fi
fi

# 6. Another user's change shows up within about a second, without a key.
t="other users' changes appear"
partial=$out/partial.db
DUBAN_GAZETTEER=data/gazetteer.txt "$bin" -f "$partial" import data/reports/000_*.txt \
	data/reports/001_*.txt >/dev/null 2>&1
start "env LANG=C.UTF-8 TERM=$term DUBAN_TODAY=2025-07-15 $bin -f $partial"
if ! wait_for "> 全部地区"; then bad "$t" "no board"
elif screen | grep -q "兴安盟"; then bad "$t" "兴安盟 is there before its import"
else
	DUBAN_GAZETTEER=data/gazetteer.txt "$bin" -f "$partial" import data/reports/004_*.txt \
		>/dev/null 2>&1
	if wait_for "兴安盟" 3; then ok "$t"; else bad "$t" "the new report did not appear within 3 s"; fi
fi

# 7. C/POSIX locale (an SSH client that sends no LANG): UTF-8 assumed and said so.
t="LANG=C notice"
start "env -u LANG -u LC_ALL -u LC_CTYPE -u LC_MESSAGES TERM=$term DUBAN_TODAY=2025-07-15 $bin -f $seed"
if ! wait_for "assuming a UTF-8 terminal"; then bad "$t" "no notice on the status line"
elif ! screen | grep -q "全部地区"; then bad "$t" "Chinese not shown"
else ok "$t"; fi

# 8. TERM=dumb: one ASCII line with the fix, exit 2, nothing else.
t="TERM=dumb"
start "env TERM=dumb LANG=C.UTF-8 $bin -f $seed; echo \"rc=\$?\""
if ! wait_for "rc=2"; then bad "$t" "exit status not 2"
elif ! screen | grep -q "terminal type 'dumb' cannot move the cursor"; then bad "$t" "no message"
elif ! screen | tr -d '\n' | grep -q "TERM=xterm-256color"; then bad "$t" "the message gives no fix"
else ok "$t"; fi

# 9. An unknown TERM: the same.
t="unknown TERM"
start "env TERM=no-such-terminal LANG=C.UTF-8 $bin -f $seed; echo \"rc=\$?\""
if ! wait_for "rc=2"; then bad "$t" "exit status not 2"
elif ! screen | grep -q "unknown terminal type 'no-such-terminal'"; then bad "$t" "no message"
else ok "$t"; fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
