#!/bin/sh
# tests/hangup/run.sh — the note editor in a real pty: a hang-up while a clerk is typing a note
# (SIGHUP, and the pty closing under a board that gets no signal: another session), after which
# duban must exit within 2 s, leave the database unlocked (another process writes at once) with
# nothing half-saved, and after SIGHUP with the terminal still there leave it restored (echo
# and canonical mode); and a bracketed paste of two lines, taken as text (not as Enter).
# Runs the board in tmux on its own socket; every wait polls, bounded; nothing sleeps blindly.
# Skipped (with a count) when tmux is missing. Ends with "N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/../.."
top=$(pwd)
bin=${DUBAN_BIN:-$top/build/duban}
pass=0 fail=0 skip=0
TESTS=12
if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux is not installed: hang-up tests skipped (apt-get install tmux)"
	echo "0 passed, 0 failed, $TESTS skipped"
	exit 0
fi
if [ ! -x "$bin" ]; then
	echo "build/duban is missing: run make first"
	echo "0 passed, 1 failed"
	exit 1
fi
tmp=$(mktemp -d /tmp/duban-hangup.XXXXXX)
sock=duban-hangup-$$
T() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() { T kill-server >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
ok() { pass=$((pass + 1)); printf 'ok   %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$1"; }

db=$tmp/h.db
DUBAN_USER=tester DUBAN_GAZETTEER=data/gazetteer.txt "$bin" -f "$db" import data/reports/*.txt \
	>"$tmp/import.log" 2>&1 || { cat "$tmp/import.log"; echo "0 passed, 1 failed"; exit 1; }
notes() { "$bin" -f "$db" show 100 2>/dev/null | grep -c "现场核查中" ; }

term=screen-256color
infocmp "$term" >/dev/null 2>&1 || term=screen
T new-session -d -s keep -x 20 -y 5 "sleep 3600"
T set-option -g remain-on-exit on >/dev/null 2>&1
screen() { T capture-pane -p -t "$1"; }
# wait_for SESSION TEXT TENTHS: polls the screen every 0.1 s, at most TENTHS times.
wait_for() {
	n=$3
	while [ $n -gt 0 ]; do
		screen "$1" | grep -qF -- "$2" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}
# gone PID TENTHS: polls until the process has exited, at most TENTHS times.
gone() {
	n=$2
	while [ $n -gt 0 ]; do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}
# Opens the board in session $1 (command prefix $2, e.g. setsid), goes to 呼和浩特市's
# 6.“节水” items and starts a note, typing Chinese as an IME sends it.
open_note() {
	rm -f "$tmp/pid" "$tmp/after"
	T new-session -d -s "$1" -x 100 -y 30 "cd '$top' && env LANG=C.UTF-8 TERM=$term \
		DUBAN_USER=tester DUBAN_TODAY=2025-07-15 $2 sh -c 'echo \$\$ >\"$tmp/pid\"; exec \"$bin\" -f \"$db\"'; \
		echo EXIT=\$?; stty -a | tr '\n' ' ' >'$tmp/after'; sleep 600"
	wait_for "$1" "全部地区" 50 || return 1
	T send-keys -t "$1" jjjjj Enter jjjjjjjjj Enter a
	wait_for "$1" "进展备注:" 30 || return 1
	T send-keys -t "$1" -l "现场核查中，资料"
	wait_for "$1" "现场核查中，资料" 30 || return 1
	pid=$(cat "$tmp/pid")
	[ -n "$pid" ]
}

# --- SIGHUP while typing a note, the terminal still there
if open_note hup ""; then
	ok "note being typed (SIGHUP case)"
	kill -HUP "$pid"
	if gone "$pid" 20; then ok "exits within 2 s of SIGHUP"; else bad "exits within 2 s of SIGHUP"; fi
	if wait_for hup "EXIT=129" 20; then ok "exit status 128 + SIGHUP"; else bad "exit status 128 + SIGHUP: $(screen hup | tail -n 3)"; fi
	n=20
	while [ $n -gt 0 ] && [ ! -s "$tmp/after" ]; do sleep 0.1; n=$((n - 1)); done
	case " $(cat "$tmp/after" 2>/dev/null) " in
	*" -echo "*|*" -icanon "*|"  ") bad "terminal restored (echo, icanon): $(cat "$tmp/after" 2>/dev/null)" ;;
	*) ok "terminal restored (echo, icanon)" ;;
	esac
else
	bad "note being typed (SIGHUP case): $(screen hup | tail -n 3)"
	skip=$((skip + 3))
fi
if DUBAN_USER=other DUBAN_BUSY_TIMEOUT=200 "$bin" -f "$db" note 101 "写得进去" >/dev/null 2>&1; then
	ok "database unlocked after SIGHUP"
else
	bad "database unlocked after SIGHUP"
fi

# --- the pty closes under a board in another session (no SIGHUP reaches it): the read
# fails, and duban must notice instead of spinning
if command -v setsid >/dev/null 2>&1 && open_note pty "setsid"; then
	ok "note being typed (pty case)"
	T kill-session -t pty
	if gone "$pid" 20; then ok "exits within 2 s of the pty closing"; else
		bad "exits within 2 s of the pty closing"; kill -TERM "$pid" 2>/dev/null; fi
	if DUBAN_USER=other DUBAN_BUSY_TIMEOUT=200 "$bin" -f "$db" note 101 "又写得进去" >/dev/null 2>&1; then
		ok "database unlocked after the pty closed"
	else
		bad "database unlocked after the pty closed"
	fi
else
	bad "note being typed (pty case)"
	skip=$((skip + 2))
fi
[ "$(notes)" = 0 ] && ok "the note being typed was not half-saved" || bad "the note being typed was not half-saved"

# --- a paste of two lines: tmux brackets it (the board asked for mode 2004), so the line break
# is text and the note is saved only on the Enter that follows
if open_note paste ""; then
	T set-buffer "，粘贴的第一行
第二行"
	T paste-buffer -p -t paste
	if wait_for paste "现场核查中，资料，粘贴的第一行 第二行" 30; then ok "pasted line break is text"; else
		bad "pasted line break is text: $(screen paste | tail -n 2)"; fi
	T send-keys -t paste Enter
	if wait_for paste "已添加进展备注" 30; then ok "Enter after the paste saves"; else
		bad "Enter after the paste saves: $(screen paste | tail -n 2)"; fi
	T send-keys -t paste Q
	if gone "$pid" 20; then ok "quits"; else bad "quits"; fi
else
	bad "note being typed (paste case)"
	skip=$((skip + 2))
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
