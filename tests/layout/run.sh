#!/bin/sh
# tests/layout/run.sh — the layout-variation suite: every sample report in data/reports made
# over in the layouts real offices publish (re-wrapped at 8–40 columns, other item numbering,
# unnumbered headings, labels split / without colon / alone on their line / in 【】, synonyms,
# other field orders, page furniture, and combinations) by tests/tools/layout.c, each parsed
# and compared with the truth in tests/fixtures. Prints the percentage of fields and of item
# counts right; a variant fails when it imports with the wrong items (exit 0), never when it
# is refused with a reason. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
tool=build/tools/layout
if [ ! -x "$tool" ]; then
	echo "layout: $tool is not built (make check builds it)"
	echo "0 passed, 1 failed"
	exit 1
fi
"$tool" "$@"
