#!/bin/sh
# tests/bench/import.sh — import throughput on a large generated report: the parser alone
# (MB/s, best of 3) and the whole `duban import` into a new database (MB/s and items/s).
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d /tmp/duban-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
items=${BENCH_IMPORT_ITEMS:-19800} # 99 categories of 200
# A report shaped like the samples: 方面 headings (numbering restarts in each, as real reports
# do; the parser takes numbers of up to three digits), numbered items, the status line with the
# deadline in brackets, measures one per line; texts vary so nothing is de-duplicated.
awk -v n="$items" '
function cn(k,   d, u) {
	split("一 二 三 四 五 六 七 八 九", d, " ")
	if (k < 10) return d[k]
	u = k % 10
	return (k >= 20 ? d[int(k / 10)] : "") "十" (u ? d[u] : "")
}
BEGIN {
	print "巴彦淖尔市贯彻落实第二轮自治区生态环境保护督察报告具体问题整改进展情况"
	print ""
	per = 200
	for (i = 1; i <= n; i++) {
		k = (i - 1) % per + 1
		if (k == 1) {
			c = int((i - 1) / per) + 1
			printf "第%s个方面，生态环境保护第%d类问题还有差距\n", cn(c), c
		}
		printf "%d.第%d号问题：某旗县工业园区固体废物堆存不规范，渣场防渗、防尘措施落实不到位，周边草原生态受到影响，群众反映强烈，整改推进缓慢。\n", k, i
		printf "整改进展情况：%s（整改时限：%d年%d月底前）\n", (i % 3 ? "已完成整改，长期坚持" : "正在推进"), 2024 + i % 3, i % 12 + 1
		printf "（一）制定了专项整治方案，明确责任单位和完成时限，共清理固废%d吨。\n", i * 7
		printf "（二）开展常态化巡查检查，建立管控清单，完成渣场边坡固化%d米。\n", i * 3
		printf "（三）加强监督考核，对%d家企业开展执法检查，立案处罚%d起。\n", i % 97, i % 13
	}
}' >"$tmp/big.txt"
size=$(wc -c <"$tmp/big.txt")
echo "import bench: generated report of $items items, $(awk -v s="$size" 'BEGIN{printf "%.1f", s/1e6}') MB"

echo "parser (target: at least 20 MB/s):"
build/tools/parsebench "$tmp/big.txt" 3
# The same report as a PDF extraction gives it: re-wrapped at 20 characters with a page number
# every 40 lines, so the lines stage joins the rows back and drops the furniture.
LC_ALL=C.UTF-8 sed -E 's/(.{20})/\1\n/g' "$tmp/big.txt" |
	awk '{ print } NR % 40 == 0 { printf "- %d -\n", NR / 40 }' >"$tmp/wrapped.txt"
echo "parser on the re-wrapped, paginated copy ($(awk -v s="$(wc -c <"$tmp/wrapped.txt")" 'BEGIN{printf "%.1f", s/1e6}') MB):"
build/tools/parsebench "$tmp/wrapped.txt" 3
start=$(date +%s.%N)
build/duban -f "$tmp/big.db" import "$tmp/big.txt" >/dev/null || exit 1
end=$(date +%s.%N)
awk -v s="$size" -v a="$start" -v b="$end" -v n="$items" \
	'BEGIN { t = b - a; printf "import into a new database: %.2f s = %.1f MB/s, %.0f items/s\n", t, s / 1e6 / t, n / t }'
start=$(date +%s.%N)
build/duban -f "$tmp/big.db" import "$tmp/big.txt" >/dev/null || exit 1
end=$(date +%s.%N)
awk -v a="$start" -v b="$end" 'BEGIN { printf "re-import of the same file (nothing written): %.2f s\n", b - a }'
