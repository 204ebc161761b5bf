#!/bin/sh
# tests/print/run.sh — duban print as a user meets it: the summary and a notice as text (golden
# files for the seed database, UTF-8 and GB18030), the PDF checked with poppler-utils (A4, page
# count, embedded CJK font, every region name and count in its text, no blank page at 100 dpi,
# numbered pages with repeated headers for 2,000 overdue items), -o - binary clean, the lp route
# against a recording script, refusals. PDF checks are skipped (counted) without poppler-utils.
set -u
cd "$(dirname "$0")/../.."
top=$(pwd)
bin=${DUBAN_BIN:-build/duban}
case $bin in /*) abs_bin=$bin ;; *) abs_bin=$top/$bin ;; esac
tmp=$(mktemp -d /tmp/duban-print.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
export DUBAN_GAZETTEER=data/gazetteer.txt DUBAN_USER=tester DUBAN_LANG=zh DUBAN_TODAY=2025-12-15
unset DUBAN_DB DUBAN_LP TMUX
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$*"; }
expect() { name=$1; shift; if "$@"; then ok; else bad "$name"; fi; }
have_poppler=1
for t in pdfinfo pdffonts pdftotext pdftoppm; do command -v $t >/dev/null 2>&1 || have_poppler=0; done

db=$tmp/seed.db
$bin -f "$db" import data/reports/*.txt >/dev/null 2>&1
expect "seed import" test -s "$db"

# --- text: golden files
$bin -f "$db" print --format text -o "$tmp/summary.txt" 2>"$tmp/err"
expect "text summary exits 0" test $? -eq 0
expect "text summary matches the golden file" diff -u tests/print/expected/summary.txt "$tmp/summary.txt"
$bin -f "$db" print --format text --encoding gb18030 -o "$tmp/summary.gb" 2>/dev/null
iconv -f GB18030 -t UTF-8 "$tmp/summary.gb" >"$tmp/summary.gb.txt" 2>/dev/null
expect "GB18030 text is the same text" cmp -s "$tmp/summary.gb.txt" "$tmp/summary.txt"
expect "GB18030 text is not UTF-8" sh -c "! cmp -s '$tmp/summary.gb' '$tmp/summary.txt'"
$bin -f "$db" print --format text --region 呼和浩特市 -o - >"$tmp/hh.txt" 2>/dev/null
expect "--region narrows the title" grep -q '呼和浩特市生态环境保护督察整改进展汇总' "$tmp/hh.txt"
$bin -f "$db" print --format text --overdue -o - >"$tmp/od.txt" 2>/dev/null
expect "--overdue names the filter" grep -q '筛选：仅逾期事项' "$tmp/od.txt"
DUBAN_LANG=en $bin -f "$db" print --format text -o - >"$tmp/en.txt" 2>/dev/null
expect "English summary" grep -q 'Progress by region' "$tmp/en.txt"

# --- refusals
$bin -f "$db" print --notice 1 --format text -o - >"$tmp/out" 2>"$tmp/err"
expect "notice of an item not verified is refused (exit 1)" test $? -eq 1
expect "the refusal says why" grep -q '尚未验收销号' "$tmp/err"
$bin -f "$db" print --format text --to lp >/dev/null 2>"$tmp/err"
expect "plain text to lp is refused (usage)" test $? -eq 2
$bin -f "$db" print --format pdf --bogus >/dev/null 2>&1
expect "unknown option is a usage error" test $? -eq 2
$bin -f "$db" print --region 不存在 --format text -o - >/dev/null 2>"$tmp/err"
expect "unknown region fails" test $? -eq 1

$bin -f "$tmp/missing.db" print --format text -o - >/dev/null 2>"$tmp/err"
expect "a missing database fails" test $? -eq 1
expect "and is not created" test ! -e "$tmp/missing.db"
$bin -f "$db" print --to terminal </dev/null >"$tmp/out" 2>"$tmp/err"
expect "terminal route without a terminal is refused" test $? -eq 1
expect "it says a terminal is needed" grep -q 'ssh -t' "$tmp/err"

# --- the notice of a verified item (item 116 of the seed, 兴安盟 no. 5: verified on 2025-12-01)
nd=$tmp/notice.db
cp "$db" "$nd"
build/tools/verify_item -u 王审核 -n "已完成矿业权与自然保护地重叠情况核查，𠮷䶮等生僻字照常显示。" \
	"$nd" 116 2025-12-01 "经现场核查，整改到位，同意销号。" 2>"$tmp/err"
expect "the item is verified" test $? -eq 0
$bin -f "$nd" print --notice 116 --format text -o "$tmp/notice.txt" 2>"$tmp/err"
expect "text notice exits 0" test $? -eq 0
expect "text notice matches the golden file" diff -u tests/print/expected/notice.txt "$tmp/notice.txt"
$bin -f "$nd" print --notice 116 --days 10 --issuer 兴安盟督察整改办 --format text -o - >"$tmp/n10.txt" 2>/dev/null
expect "--days sets the publicity period" grep -q '公示期：2025年12月1日至2025年12月10日（共10天）' "$tmp/n10.txt"
expect "--issuer sets the issuing unit" grep -q '兴安盟督察整改办$' "$tmp/n10.txt"
$bin -f "$nd" print --notice 116 -o "$tmp/notice.pdf" 2>/dev/null
expect "PDF notice exits 0" test $? -eq 0
if [ $have_poppler -eq 1 ]; then
	pdfinfo "$tmp/notice.pdf" >"$tmp/ninfo" 2>&1
	expect "notice: A4, one page" sh -c "grep -q 'Page size:.*(A4)' '$tmp/ninfo' && grep -q '^Pages: *1$' '$tmp/ninfo'"
	expect "notice: title" grep -q '^Title: *关于第二轮中央生态环境保护督察整改任务销号的公示$' "$tmp/ninfo"
	pdftotext "$tmp/notice.pdf" "$tmp/notice.pdf.txt"
	for w in 公示期：2025年12月1日至2025年12月15日 整改措施 完成情况 验收意见 特此公示 联系电话 𠮷䶮; do
		expect "notice PDF text has $w" grep -q "$w" "$tmp/notice.pdf.txt"
	done
fi

# --- PDF
$bin -f "$db" print -o "$tmp/s.pdf" 2>"$tmp/err"
expect "PDF exits 0" test $? -eq 0
expect "PDF starts as a PDF" sh -c "head -c 5 '$tmp/s.pdf' | grep -q '%PDF-'"
$bin -f "$db" print -o - >"$tmp/stdout.pdf" 2>"$tmp/err2"
expect "-o - writes the PDF to stdout" sh -c "head -c 5 '$tmp/stdout.pdf' | grep -q '%PDF-'"
expect "-o - ends the PDF whole" sh -c "tail -c 7 '$tmp/stdout.pdf' | grep -q '%%EOF'"
expect "-o - keeps stdout binary (same size as the file)" test "$(wc -c <"$tmp/stdout.pdf")" -eq "$(wc -c <"$tmp/s.pdf")"
expect "the catalog names the language" grep -aq '/Lang (zh-CN)' "$tmp/s.pdf"
sum=$(sha256sum "$tmp/stdout.pdf" | cut -c1-64)
expect "SHA-256 of the bytes written is on stderr" grep -q "^SHA-256：$sum\$" "$tmp/err2"
sum=$(sha256sum "$tmp/s.pdf" | cut -c1-64)
expect "SHA-256 of the file is on stderr" grep -q "^SHA-256：$sum\$" "$tmp/err"
if [ $have_poppler -eq 1 ]; then
	pdfinfo "$tmp/s.pdf" >"$tmp/info" 2>&1
	expect "pdfinfo: A4" grep -q 'Page size:.*(A4)' "$tmp/info"
	expect "pdfinfo: 2 pages" grep -q '^Pages: *2$' "$tmp/info"
	expect "pdfinfo: title" grep -q '^Title: *内蒙古自治区生态环境保护督察整改进展汇总$' "$tmp/info"
	expect "pdfinfo: author" grep -q '^Author: *tester$' "$tmp/info"
	expect "pdfinfo: the stdout copy reads too" sh -c "pdfinfo '$tmp/stdout.pdf' | grep -q '^Pages: *2$'"
	# The glyphs are Noto Sans CJK SC's outlines in embedded Type 3 fonts with a ToUnicode map
	# (print_pdf.c says why): every font embedded, none left to the viewer.
	pdffonts "$tmp/s.pdf" >"$tmp/fonts" 2>&1
	expect "pdffonts: fonts embedded with Unicode maps" grep -q 'Type 3 .* yes no  yes' "$tmp/fonts"
	expect "pdffonts: no font left out" sh -c "tail -n +3 '$tmp/fonts' | awk '{ if (\$(NF-4) != \"yes\") bad = 1 } END { exit bad }'"
	pdftotext -layout "$tmp/s.pdf" "$tmp/s.txt"
	for r in 内蒙古自治区本级 巴彦淖尔市 锡林郭勒盟 呼和浩特市 兴安盟; do
		expect "pdftotext finds $r" grep -q "$r" "$tmp/s.txt"
	done
	expect "pdftotext finds the total row" grep -Eq '合计 +12 +39 +4 +0 +61 +3 +9 +128 +10 +57%' "$tmp/s.txt"
	expect "pdftotext finds the overdue days" grep -Eq '2025-06-30 +168' "$tmp/s.txt"
	expect "pdftotext finds the page numbers" grep -q '第 *2 *页 */ *共 *2 *页' "$tmp/s.txt"
	pdftoppm -r 100 -gray "$tmp/s.pdf" "$tmp/page"
	for f in "$tmp"/page*.pgm; do
		n=$(tail -c +40 "$f" | tr -d '\377' | wc -c)
		expect "page $(basename "$f") at 100 dpi is not blank" test "$n" -gt 1000
	done
else
	skip=$((skip + 1))
fi

# --- a glyph cairo 1.16's CFF subsetter prints blank (如) is drawn
if [ $have_poppler -eq 1 ]; then
	cp "$db" "$tmp/ru.db"
	build/tools/verify_item -u 王审核 "$tmp/ru.db" 116 2025-12-01 "同意销号。" >/dev/null 2>&1
	$bin -f "$tmp/ru.db" print --notice 116 --issuer "。" -o "$tmp/ru0.pdf" 2>/dev/null
	$bin -f "$tmp/ru.db" print --notice 116 --issuer "如如如如如如如如如如。" -o "$tmp/ru1.pdf" 2>/dev/null
	pdftoppm -r 100 -gray "$tmp/ru0.pdf" "$tmp/ru0"
	pdftoppm -r 100 -gray "$tmp/ru1.pdf" "$tmp/ru1"
	i0=$(tail -c +40 "$tmp/ru0-1.pgm" | tr -d '\377' | wc -c)
	i1=$(tail -c +40 "$tmp/ru1-1.pgm" | tr -d '\377' | wc -c)
	expect "如 prints (ink $i0 -> $i1)" test "$i1" -gt $((i0 + 2000))
else
	skip=$((skip + 1))
fi

# --- 2,000 overdue items: numbered pages, the header on each
build/tools/gen -n 6500 -r 500 -g data/gazetteer.txt "$tmp/big.db" >/dev/null 2>&1
DUBAN_TODAY=2031-01-01 $bin -f "$tmp/big.db" print --limit 0 --overdue -o "$tmp/big.pdf" 2>"$tmp/err"
expect "big PDF exits 0" test $? -eq 0
if [ $have_poppler -eq 1 ]; then
	pages=$(pdfinfo "$tmp/big.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	DUBAN_TODAY=2031-01-01 $bin -f "$tmp/big.db" print --limit 0 --overdue --format text -o "$tmp/big.txt" 2>/dev/null
	n=$(sed -n 's/^二、逾期事项（共 \([0-9]*\) 项）$/\1/p' "$tmp/big.txt")
	expect "the big database has at least 2,000 overdue items ($n)" test "${n:-0}" -ge 2000
	expect "big PDF has many pages ($pages)" test "${pages:-0}" -ge 20
	missing=0
	for p in $(seq 2 "${pages:-1}"); do
		pdftotext -f "$p" -l "$p" -layout "$tmp/big.pdf" "$tmp/p.txt"
		grep -q "第 *$p *页 */ *共 *$pages *页" "$tmp/p.txt" || missing=$((missing + 1))
		if [ "$p" -lt "$pages" ]; then grep -q '逾期天数' "$tmp/p.txt" || missing=$((missing + 1)); fi
	done
	expect "every page numbered and with the table header ($missing missing)" test "$missing" -eq 0
	pdftotext "$tmp/big.pdf" - | grep -c '' >/dev/null
	expect "the last overdue item is printed" sh -c "pdftotext -layout '$tmp/big.pdf' - | grep -Eq '^ *$n '"
else
	skip=$((skip + 1))
fi

# --- lp: a recording script in place of lp
cat >"$tmp/lp" <<EOS
#!/bin/sh
{ for a in "\$@"; do printf '<%s>\n' "\$a"; done; } >"$tmp/lp.argv"
env >"$tmp/lp.env"
cp "\$#" /dev/null 2>/dev/null
for a in "\$@"; do last=\$a; done
head -c 5 "\$last" >"$tmp/lp.head"
echo "request id is office-42 (1 file(s))"
EOS
chmod +x "$tmp/lp"
LD_PRELOAD= SECRET=hunter2 DUBAN_LP="$tmp/lp" $bin -f "$db" print --to lp:office >"$tmp/out" 2>"$tmp/err"
expect "lp route exits 0" test $? -eq 0
expect "lp route reports the job id" grep -q 'office-42' "$tmp/err"
head -n 7 "$tmp/lp.argv" | tr -d '\n' >"$tmp/lp.args"
expect "lp argv is fixed: -d QUEUE -o media=A4 -t TITLE --" grep -q '^<-d><office><-o><media=A4><-t><内蒙古自治区生态环境保护督察整改进展汇总><-->$' "$tmp/lp.args"
expect "lp gets a PDF file" grep -q '%PDF-' "$tmp/lp.head"
expect "lp's environment is clean" sh -c "! grep -q 'SECRET\\|DUBAN\\|HOME=' '$tmp/lp.env'"
expect "lp's environment has PATH" grep -q '^PATH=' "$tmp/lp.env"
# The board's route: p, then l and a queue, through the same lp.
rm -f "$tmp/lp.argv"
printf 'p\nl\noffice<Enter>\n:dump board-lp.txt\n' >"$tmp/lp.script"
(cd "$tmp" && DUBAN_LP="$tmp/lp" DUBAN_SCRIPT="$tmp/lp.script" TERM=xterm LINES=30 COLUMNS=100 \
	LANG=C.UTF-8 "$abs_bin" -f "$db" >"$tmp/board.log" 2>&1)
expect "board lp route: lp ran with the queue" grep -q '^<office>$' "$tmp/lp.argv"
expect "board lp route: the job id on the status line" grep -q '已交给打印机：office-42' "$tmp/board-lp.txt"
cat >"$tmp/lpfail" <<'EOS'
#!/bin/sh
echo "lp: The printer or class does not exist." >&2
exit 1
EOS
chmod +x "$tmp/lpfail"
DUBAN_LP="$tmp/lpfail" $bin -f "$db" print --to lp:nosuch >/dev/null 2>"$tmp/err"
expect "lp failure exits 1" test $? -eq 1
expect "lp failure reports lp's error" grep -q 'does not exist' "$tmp/err"
DUBAN_LP="$tmp/nonexistent" $bin -f "$db" print --to lp >/dev/null 2>"$tmp/err"
expect "missing lp fails" test $? -eq 1

# --- the terminal's printer: the bytes written to a pty
cap=build/tools/ptycap
TERM=xterm $cap -p "$tmp/pay.gb" "$tmp/tty.gb" -- $bin -f "$db" print --to terminal --format text --encoding gb18030
expect "terminal route exits 0" test $? -eq 0
expect "terminal route: GB18030 text between ESC[5i and ESC[4i, byte for byte" cmp -s "$tmp/pay.gb" "$tmp/summary.gb"
expect "terminal route: printer switched on first" sh -c "head -c 4 '$tmp/tty.gb' | od -c | grep -q '033   \\[   5   i'"
TERM=xterm $cap -p "$tmp/pay.gb2" "$tmp/tty.gb2" -- $bin -f "$db" print --to terminal --format text
expect "terminal route: text is GB18030 without being told" cmp -s "$tmp/pay.gb2" "$tmp/summary.gb"
$bin -f "$db" print --to terminal --format text --encoding utf-8 >/dev/null 2>&1
expect "terminal route: UTF-8 text is refused (usage)" test $? -eq 2
TERM=xterm $cap -p "$tmp/pay.pdf" "$tmp/tty.pdf" -- $bin -f "$db" print --to terminal
expect "terminal route: the PDF passes unchanged (no newline translation)" test "$(wc -c <"$tmp/pay.pdf")" -eq "$(wc -c <"$tmp/s.pdf")"
expect "terminal route: the PDF payload is whole" sh -c "head -c 5 '$tmp/pay.pdf' | grep -q '%PDF-' && tail -c 7 '$tmp/pay.pdf' | grep -q '%%EOF'"
if [ $have_poppler -eq 1 ]; then
	expect "terminal route: the PDF payload reads" sh -c "pdfinfo '$tmp/pay.pdf' | grep -q '^Pages: *2$'"
fi
TERM=dumb $cap "$tmp/tty.dumb" -- $bin -f "$db" print --to terminal
expect "terminal without mc5/mc4 is refused" test $? -eq 1
expect "the refusal names the missing capability" grep -q 'TERM=dumb 没有打印机能力' "$tmp/tty.dumb"
expect "the refusal says tmux and mosh do not pass it" grep -q 'tmux、screen 和 mosh' "$tmp/tty.dumb"
expect "nothing is sent without the capability" sh -c "! grep -q '%PDF' '$tmp/tty.dumb'"
TMUX=/tmp/x TERM=xterm $cap "$tmp/tty.tmux" -- $bin -f "$db" print --to terminal
expect "inside tmux the route is refused" test $? -eq 1
expect "the tmux refusal explains" grep -q 'tmux' "$tmp/tty.tmux"

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
