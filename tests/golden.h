/* golden.h — field-by-field comparison of a report with its truth file. Test-only code. */
#ifndef DUBAN_TEST_GOLDEN_H
#define DUBAN_TEST_GOLDEN_H

#include "import.h"
#include "json.h"

/* Compares r with truth (one tests/fixtures/NNN.json document): title, region, file,
 * categories, and per item number, text start and end, status, deadline, units, goal,
 * subcategory, line, measure count and measure statuses. Prints each mismatch to stderr, naming
 * file (a label for messages), item and field. lines: 1 to compare line numbers as they are, k
 * when every input line became k lines, 0 not to compare them. Returns the number of mismatches. */
int golden_compare_report(const char *file, const struct import_report *r, const struct json *truth,
                          int lines);

#endif
