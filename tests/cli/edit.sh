#!/bin/sh
# tests/cli/edit.sh — the edit commands as scripts use them: set (deadline with reason, state by
# English and Chinese name, several IDs all or nothing), note, verify (date, opinion, the
# two-person rule, twice), unverify, undo (own change; refused after another user's), history
# (item, --since, --user), and every usage error and refusal with its exit code (0 / 1 / 2).
# Drives the real binary (the ASan build when present). Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
bin=${DUBAN_BIN:-build/asan-duban}
[ -x "$bin" ] || bin=build/duban
tmp=$(mktemp -d /tmp/duban-edit.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
export DUBAN_GAZETTEER=data/gazetteer.txt DUBAN_USER=tester DUBAN_TODAY=2025-07-15 \
	ASAN_OPTIONS=detect_leaks=1 TZ=UTC
unset DUBAN_DB DUBAN_LANG
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$*"; }
# run [ENV=V...] ARGS...: runs duban on the test database; sets $rc, output in $tmp/out, $tmp/err.
run() {
	env "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
}
d() { run "$bin" -f "$db" "$@"; }
den() { run DUBAN_LANG=en "$bin" -f "$db" "$@"; }
# expect_rc NAME CODE: the last run exited CODE.
expect_rc() { if [ "$rc" -eq "$2" ]; then ok; else bad "$1: exit $rc, want $2 ($(head -c 300 "$tmp/err"))"; fi; }
# expect_out NAME FILE TEXT: FILE (out or err) contains TEXT.
expect_in() { if grep -qF -- "$3" "$tmp/$2"; then ok; else bad "$1: $2 lacks '$3': $(head -c 400 "$tmp/$2")"; fi; }
sq() { sqlite3 "$db" "$1" 2>/dev/null; }

db=$tmp/edit.db
"$bin" -f "$db" import data/reports/*.txt >/dev/null 2>&1 || { echo "import failed"; echo "0 passed, 1 failed"; exit 1; }
# Item 100: 呼和浩特市 no. 14, in progress, due 2025年6月底. 112: 兴安盟 no. 1, verified by the
# report. 116: 兴安盟 no. 5, awaiting verification (from the report). 114: 兴安盟 no. 3, on schedule.

# --- set --deadline, with the reason; the old and new value printed and kept in the history
d set 100 --deadline 2025年12月底前 --reason 资金未到位
expect_rc "set deadline" 0
expect_in "set deadline prints old → new" out "整改时限 2025年6月底 → 2025年12月底前（原因：资金未到位）"
den history 100
expect_in "history shows the deadline change with its reason" out "deadline: 2025年6月底 → 2025年12月底前 (reason: 资金未到位)"
d set 100 --deadline 2025-02-30
expect_rc "impossible date refused" 1
expect_in "refusal says why" err "2月没有30日"
d set 100 --deadline 2025年13月
expect_rc "month 13 refused" 1
expect_in "month 13 reason" err "月份应为1到12"
den set 100 --deadline 尽快
expect_rc "not a deadline refused" 1
expect_in "not a deadline, in English" err "not a deadline"
for form in 2025/6/30 2025.6.30 20250630 2025年6月30日 "2025年6月底(前)" 2025年底 2025年第二季度 立行立改 长期坚持 "立行立改，长期坚持"; do
	d set 100 --deadline "$form" --reason 调整
	if [ "$rc" -eq 0 ]; then ok; else bad "deadline form $form accepted: $(cat "$tmp/err")"; fi
done
d set 100 --deadline 立行立改，长期坚持 --reason 调整
expect_in "same value: unchanged" out "整改时限没有改变"
d set 100 --deadline "" --reason 取消期限
expect_rc "empty deadline clears" 0
expect_in "cleared shows （空）" out "→ （空）"

# --- set --state by English and Chinese names; several IDs in one transaction
d set 100 --state on_schedule
expect_rc "state by English name" 0
expect_in "state printed by label" out "状态 推进中 → 序时进度"
d set 100 114 --state 已完成
expect_rc "state by Chinese label on two items" 0
expect_in "both items printed" out "ID 114（编号 3，兴安盟）"
d set 100 --state finished
expect_rc "unknown state is a usage error" 2
d set 100 112 --state behind
expect_rc "a verified item among several refuses all" 1
expect_in "all or nothing said" err "2 个事项都没有修改"
[ "$(sq "SELECT state FROM item WHERE id = 100")" = done ] && ok || bad "the other item is unchanged after the refused batch"
d set 100 --state verified
expect_rc "verified is not a state to set" 1

# --- verify: the two-person rule, twice, dates, opinion
d verify 114
expect_rc "same user who marked it done may not verify" 1
expect_in "two-person refusal names the user" err "已完成整改 由 tester 于"
expect_in "two-person refusal, exactly" err "标记，不能由同一人验收"
run DUBAN_USER=李四 "$bin" -f "$db" verify 114 --date 2025-07-10 --opinion 资料齐全
expect_rc "another user verifies" 0
expect_in "verify prints date and verifier" out "已验收销号，验收日期 2025-07-10，验收人 李四，验收意见：资料齐全"
run DUBAN_USER=王五 "$bin" -f "$db" verify 114
expect_rc "verifying twice is refused" 1
expect_in "twice: the reason" err "不能重复验收"
d verify 116 --date 2030-01-01
expect_rc "a date after today is a usage error" 2
d verify 116 --date 2025-02-30
expect_rc "an impossible date is a usage error" 2
d verify 101
expect_rc "an open item cannot be verified" 1
d verify 116 --opinion 同意
expect_rc "an item awaiting verification from the report" 0

# --- unverify
d unverify 114
expect_rc "unverify needs a reason" 2
d unverify 114 --reason 复查发现问题
expect_rc "unverify" 0
expect_in "unverify says the state it returns to" out "已撤销验收销号，状态回到 已完成（原因：复查发现问题）"
d unverify 114 --reason 再次
expect_rc "unverify of an unverified item is refused" 1

# --- note
d note 100 116 "现场核查完成，资料已归档"
expect_rc "note on two items" 0
expect_in "note printed" out "已添加进展备注：现场核查完成，资料已归档"
[ "$(sq "SELECT count(*) FROM note WHERE item_id IN (100, 116)")" = 2 ] && ok || bad "two notes stored"
d note 100 ""
expect_rc "empty note is a usage error" 2
d note 100
expect_rc "note without text is a usage error" 2

# --- undo: own last change; refused after another user's change
d set 101 --state behind
d undo 101
expect_rc "undo own change" 0
expect_in "undo says what it put back" out "状态 滞后 → 未开始"
[ "$(sq "SELECT state FROM item WHERE id = 101")" = pending ] && ok || bad "undo restored the state"
d set 102 --state behind
run DUBAN_USER=李四 "$bin" -f "$db" note 102 "李四的进展"
d undo 102
expect_rc "undo refused after someone else's change" 1
expect_in "undo refusal names who" err "李四"

# --- history: item, --user, --since; newest first; the history is only ever appended
den history 100
expect_rc "history of an item" 0
first=$(head -n 1 "$tmp/out")
case "$first" in *"progress note"*) ok ;; *) bad "history newest first: $first" ;; esac
d history 100
expect_in "history names where an item came from in the user's language" out "导入自 "
if grep -q "imported from" "$tmp/out"; then bad "history prints the stored English event"; else ok; fi
d history --user 李四
expect_rc "history by user" 0
if grep -qv "李四" "$tmp/out"; then bad "history --user shows only 李四's rows"; else ok; fi
d history --since 2099-01-01
expect_rc "history since a future date: nothing, still 0" 0
expect_in "nothing said on stderr" err "没有符合条件的修改记录"
d history --since yesterday
expect_rc "bad --since is a usage error" 2
d history 99999
expect_rc "history of a missing item" 1

# --- usage errors and missing items
d set
expect_rc "set without IDs" 2
d set 100
expect_rc "set without a change" 2
d set 100 --deadline 2025年底 --state done
expect_rc "set with both" 2
d set abc --state done
expect_rc "set with a bad ID" 2
d set 100 --state done --reason x
expect_rc "--reason without --deadline" 2
d set 100 --frobnicate
expect_rc "unknown option" 2
d set 99999 --state done
expect_rc "set of a missing item" 1
expect_in "missing item said" err "ID 99999"
d undo
expect_rc "undo without IDs" 2
d verify
expect_rc "verify without IDs" 2
den verify 100 --date
expect_rc "option without a value" 2
expect_in "usage errors in English" err "needs a value"

# --- nothing of stored text reaches the terminal as a sequence
d note 100 "$(printf 'evil\033[2Jtext')"
d history 100
if grep -q "$(printf '\033')" "$tmp/out"; then bad "history printed an escape byte"; else ok; fi

[ "$(sq "PRAGMA integrity_check")" = ok ] && ok || bad "integrity_check"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
