/* text.c — UTF-8 decoding, a locale-independent display-width table, fitting to columns,
 * sanitising, and the iconv edges (input files in, non-UTF-8 terminals out).
 * Model code: no curses, no printing, no exit. Every byte offset in a message counts from 0,
 * so `xxd -s OFFSET file` shows the bad bytes. */
#include "text.h"

#include "msg.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ranges of code points whose width is not 1, sorted and disjoint for the binary search.
 * Generated once from glibc 2.36's wcwidth (Unicode 14) in C.UTF-8 — ncursesw places
 * characters by wcwidth, so agreeing with it keeps the board aligned — with unassigned gaps
 * inside a range folded into it, and these forced to 2 as terminals draw them: emoji
 * U+1F300–U+1F64F and U+1F900–U+1F9FF, fullwidth forms, CJK punctuation U+3000–U+303E
 * (except the combining tone marks U+302A–U+302D) and the whole of planes 2 and 3.
 * Ambiguous characters (①, ※, ─, “ ”) stay 1, as wcwidth and terminals draw them by
 * default. Code points below U+0300 are all 1 except the controls. */
struct width_range {
	uint32_t lo, hi;
	int width;
};

static const struct width_range width_table[] = {
	{0x0300, 0x036F, 0},    {0x0483, 0x0489, 0},    {0x0591, 0x05BD, 0},    {0x05BF, 0x05BF, 0},
	{0x05C1, 0x05C2, 0},    {0x05C4, 0x05C5, 0},    {0x05C7, 0x05C7, 0},    {0x0610, 0x061A, 0},
	{0x061C, 0x061C, 0},    {0x064B, 0x065F, 0},    {0x0670, 0x0670, 0},    {0x06D6, 0x06DC, 0},
	{0x06DF, 0x06E4, 0},    {0x06E7, 0x06E8, 0},    {0x06EA, 0x06ED, 0},    {0x0711, 0x0711, 0},
	{0x0730, 0x074A, 0},    {0x07A6, 0x07B0, 0},    {0x07EB, 0x07F3, 0},    {0x07FD, 0x07FD, 0},
	{0x0816, 0x0819, 0},    {0x081B, 0x0823, 0},    {0x0825, 0x0827, 0},    {0x0829, 0x082D, 0},
	{0x0859, 0x085B, 0},    {0x0898, 0x089F, 0},    {0x08CA, 0x08E1, 0},    {0x08E3, 0x0902, 0},
	{0x093A, 0x093A, 0},    {0x093C, 0x093C, 0},    {0x0941, 0x0948, 0},    {0x094D, 0x094D, 0},
	{0x0951, 0x0957, 0},    {0x0962, 0x0963, 0},    {0x0981, 0x0981, 0},    {0x09BC, 0x09BC, 0},
	{0x09C1, 0x09C4, 0},    {0x09CD, 0x09CD, 0},    {0x09E2, 0x09E3, 0},    {0x09FE, 0x0A02, 0},
	{0x0A3C, 0x0A3C, 0},    {0x0A41, 0x0A51, 0},    {0x0A70, 0x0A71, 0},    {0x0A75, 0x0A75, 0},
	{0x0A81, 0x0A82, 0},    {0x0ABC, 0x0ABC, 0},    {0x0AC1, 0x0AC8, 0},    {0x0ACD, 0x0ACD, 0},
	{0x0AE2, 0x0AE3, 0},    {0x0AFA, 0x0B01, 0},    {0x0B3C, 0x0B3C, 0},    {0x0B3F, 0x0B3F, 0},
	{0x0B41, 0x0B44, 0},    {0x0B4D, 0x0B56, 0},    {0x0B62, 0x0B63, 0},    {0x0B82, 0x0B82, 0},
	{0x0BC0, 0x0BC0, 0},    {0x0BCD, 0x0BCD, 0},    {0x0C00, 0x0C00, 0},    {0x0C04, 0x0C04, 0},
	{0x0C3C, 0x0C3C, 0},    {0x0C3E, 0x0C40, 0},    {0x0C46, 0x0C56, 0},    {0x0C62, 0x0C63, 0},
	{0x0C81, 0x0C81, 0},    {0x0CBC, 0x0CBC, 0},    {0x0CBF, 0x0CBF, 0},    {0x0CC6, 0x0CC6, 0},
	{0x0CCC, 0x0CCD, 0},    {0x0CE2, 0x0CE3, 0},    {0x0D00, 0x0D01, 0},    {0x0D3B, 0x0D3C, 0},
	{0x0D41, 0x0D44, 0},    {0x0D4D, 0x0D4D, 0},    {0x0D62, 0x0D63, 0},    {0x0D81, 0x0D81, 0},
	{0x0DCA, 0x0DCA, 0},    {0x0DD2, 0x0DD6, 0},    {0x0E31, 0x0E31, 0},    {0x0E34, 0x0E3A, 0},
	{0x0E47, 0x0E4E, 0},    {0x0EB1, 0x0EB1, 0},    {0x0EB4, 0x0EBC, 0},    {0x0EC8, 0x0ECD, 0},
	{0x0F18, 0x0F19, 0},    {0x0F35, 0x0F35, 0},    {0x0F37, 0x0F37, 0},    {0x0F39, 0x0F39, 0},
	{0x0F71, 0x0F7E, 0},    {0x0F80, 0x0F84, 0},    {0x0F86, 0x0F87, 0},    {0x0F8D, 0x0FBC, 0},
	{0x0FC6, 0x0FC6, 0},    {0x102D, 0x1030, 0},    {0x1032, 0x1037, 0},    {0x1039, 0x103A, 0},
	{0x103D, 0x103E, 0},    {0x1058, 0x1059, 0},    {0x105E, 0x1060, 0},    {0x1071, 0x1074, 0},
	{0x1082, 0x1082, 0},    {0x1085, 0x1086, 0},    {0x108D, 0x108D, 0},    {0x109D, 0x109D, 0},
	{0x1100, 0x115F, 2},    {0x1160, 0x11FF, 0},    {0x135D, 0x135F, 0},    {0x1712, 0x1714, 0},
	{0x1732, 0x1733, 0},    {0x1752, 0x1753, 0},    {0x1772, 0x1773, 0},    {0x17B4, 0x17B5, 0},
	{0x17B7, 0x17BD, 0},    {0x17C6, 0x17C6, 0},    {0x17C9, 0x17D3, 0},    {0x17DD, 0x17DD, 0},
	{0x180B, 0x180F, 0},    {0x1885, 0x1886, 0},    {0x18A9, 0x18A9, 0},    {0x1920, 0x1922, 0},
	{0x1927, 0x1928, 0},    {0x1932, 0x1932, 0},    {0x1939, 0x193B, 0},    {0x1A17, 0x1A18, 0},
	{0x1A1B, 0x1A1B, 0},    {0x1A56, 0x1A56, 0},    {0x1A58, 0x1A60, 0},    {0x1A62, 0x1A62, 0},
	{0x1A65, 0x1A6C, 0},    {0x1A73, 0x1A7F, 0},    {0x1AB0, 0x1B03, 0},    {0x1B34, 0x1B34, 0},
	{0x1B36, 0x1B3A, 0},    {0x1B3C, 0x1B3C, 0},    {0x1B42, 0x1B42, 0},    {0x1B6B, 0x1B73, 0},
	{0x1B80, 0x1B81, 0},    {0x1BA2, 0x1BA5, 0},    {0x1BA8, 0x1BA9, 0},    {0x1BAB, 0x1BAD, 0},
	{0x1BE6, 0x1BE6, 0},    {0x1BE8, 0x1BE9, 0},    {0x1BED, 0x1BED, 0},    {0x1BEF, 0x1BF1, 0},
	{0x1C2C, 0x1C33, 0},    {0x1C36, 0x1C37, 0},    {0x1CD0, 0x1CD2, 0},    {0x1CD4, 0x1CE0, 0},
	{0x1CE2, 0x1CE8, 0},    {0x1CED, 0x1CED, 0},    {0x1CF4, 0x1CF4, 0},    {0x1CF8, 0x1CF9, 0},
	{0x1DC0, 0x1DFF, 0},    {0x200B, 0x200F, 0},    {0x202A, 0x202E, 0},    {0x2060, 0x206F, 0},
	{0x20D0, 0x20F0, 0},    {0x231A, 0x231B, 2},    {0x2329, 0x232A, 2},    {0x23E9, 0x23EC, 2},
	{0x23F0, 0x23F0, 2},    {0x23F3, 0x23F3, 2},    {0x25FD, 0x25FE, 2},    {0x2614, 0x2615, 2},
	{0x2648, 0x2653, 2},    {0x267F, 0x267F, 2},    {0x2693, 0x2693, 2},    {0x26A1, 0x26A1, 2},
	{0x26AA, 0x26AB, 2},    {0x26BD, 0x26BE, 2},    {0x26C4, 0x26C5, 2},    {0x26CE, 0x26CE, 2},
	{0x26D4, 0x26D4, 2},    {0x26EA, 0x26EA, 2},    {0x26F2, 0x26F3, 2},    {0x26F5, 0x26F5, 2},
	{0x26FA, 0x26FA, 2},    {0x26FD, 0x26FD, 2},    {0x2705, 0x2705, 2},    {0x270A, 0x270B, 2},
	{0x2728, 0x2728, 2},    {0x274C, 0x274C, 2},    {0x274E, 0x274E, 2},    {0x2753, 0x2755, 2},
	{0x2757, 0x2757, 2},    {0x2795, 0x2797, 2},    {0x27B0, 0x27B0, 2},    {0x27BF, 0x27BF, 2},
	{0x2B1B, 0x2B1C, 2},    {0x2B50, 0x2B50, 2},    {0x2B55, 0x2B55, 2},    {0x2CEF, 0x2CF1, 0},
	{0x2D7F, 0x2D7F, 0},    {0x2DE0, 0x2DFF, 0},    {0x2E80, 0x3029, 2},    {0x302A, 0x302D, 0},
	{0x302E, 0x303E, 2},    {0x3041, 0x3096, 2},    {0x3099, 0x309A, 0},    {0x309B, 0xA4C6, 2},
	{0xA66F, 0xA672, 0},    {0xA674, 0xA67D, 0},    {0xA69E, 0xA69F, 0},    {0xA6F0, 0xA6F1, 0},
	{0xA802, 0xA802, 0},    {0xA806, 0xA806, 0},    {0xA80B, 0xA80B, 0},    {0xA825, 0xA826, 0},
	{0xA82C, 0xA82C, 0},    {0xA8C4, 0xA8C5, 0},    {0xA8E0, 0xA8F1, 0},    {0xA8FF, 0xA8FF, 0},
	{0xA926, 0xA92D, 0},    {0xA947, 0xA951, 0},    {0xA960, 0xA97C, 2},    {0xA980, 0xA982, 0},
	{0xA9B3, 0xA9B3, 0},    {0xA9B6, 0xA9B9, 0},    {0xA9BC, 0xA9BD, 0},    {0xA9E5, 0xA9E5, 0},
	{0xAA29, 0xAA2E, 0},    {0xAA31, 0xAA32, 0},    {0xAA35, 0xAA36, 0},    {0xAA43, 0xAA43, 0},
	{0xAA4C, 0xAA4C, 0},    {0xAA7C, 0xAA7C, 0},    {0xAAB0, 0xAAB0, 0},    {0xAAB2, 0xAAB4, 0},
	{0xAAB7, 0xAAB8, 0},    {0xAABE, 0xAABF, 0},    {0xAAC1, 0xAAC1, 0},    {0xAAEC, 0xAAED, 0},
	{0xAAF6, 0xAAF6, 0},    {0xABE5, 0xABE5, 0},    {0xABE8, 0xABE8, 0},    {0xABED, 0xABED, 0},
	{0xAC00, 0xD7A3, 2},    {0xD7B0, 0xD7FB, 0},    {0xF900, 0xFAD9, 2},    {0xFB1E, 0xFB1E, 0},
	{0xFE00, 0xFE0F, 0},    {0xFE10, 0xFE19, 2},    {0xFE20, 0xFE2F, 0},    {0xFE30, 0xFE6B, 2},
	{0xFEFF, 0xFEFF, 0},    {0xFF01, 0xFF60, 2},    {0xFFE0, 0xFFE6, 2},    {0xFFF9, 0xFFFB, 0},
	{0x101FD, 0x101FD, 0},  {0x102E0, 0x102E0, 0},  {0x10376, 0x1037A, 0},  {0x10A01, 0x10A0F, 0},
	{0x10A38, 0x10A3F, 0},  {0x10AE5, 0x10AE6, 0},  {0x10D24, 0x10D27, 0},  {0x10EAB, 0x10EAC, 0},
	{0x10F46, 0x10F50, 0},  {0x10F82, 0x10F85, 0},  {0x11001, 0x11001, 0},  {0x11038, 0x11046, 0},
	{0x11070, 0x11070, 0},  {0x11073, 0x11074, 0},  {0x1107F, 0x11081, 0},  {0x110B3, 0x110B6, 0},
	{0x110B9, 0x110BA, 0},  {0x110C2, 0x110C2, 0},  {0x11100, 0x11102, 0},  {0x11127, 0x1112B, 0},
	{0x1112D, 0x11134, 0},  {0x11173, 0x11173, 0},  {0x11180, 0x11181, 0},  {0x111B6, 0x111BE, 0},
	{0x111C9, 0x111CC, 0},  {0x111CF, 0x111CF, 0},  {0x1122F, 0x11231, 0},  {0x11234, 0x11234, 0},
	{0x11236, 0x11237, 0},  {0x1123E, 0x1123E, 0},  {0x112DF, 0x112DF, 0},  {0x112E3, 0x112EA, 0},
	{0x11300, 0x11301, 0},  {0x1133B, 0x1133C, 0},  {0x11340, 0x11340, 0},  {0x11366, 0x11374, 0},
	{0x11438, 0x1143F, 0},  {0x11442, 0x11444, 0},  {0x11446, 0x11446, 0},  {0x1145E, 0x1145E, 0},
	{0x114B3, 0x114B8, 0},  {0x114BA, 0x114BA, 0},  {0x114BF, 0x114C0, 0},  {0x114C2, 0x114C3, 0},
	{0x115B2, 0x115B5, 0},  {0x115BC, 0x115BD, 0},  {0x115BF, 0x115C0, 0},  {0x115DC, 0x115DD, 0},
	{0x11633, 0x1163A, 0},  {0x1163D, 0x1163D, 0},  {0x1163F, 0x11640, 0},  {0x116AB, 0x116AB, 0},
	{0x116AD, 0x116AD, 0},  {0x116B0, 0x116B5, 0},  {0x116B7, 0x116B7, 0},  {0x1171D, 0x1171F, 0},
	{0x11722, 0x11725, 0},  {0x11727, 0x1172B, 0},  {0x1182F, 0x11837, 0},  {0x11839, 0x1183A, 0},
	{0x1193B, 0x1193C, 0},  {0x1193E, 0x1193E, 0},  {0x11943, 0x11943, 0},  {0x119D4, 0x119DB, 0},
	{0x119E0, 0x119E0, 0},  {0x11A01, 0x11A0A, 0},  {0x11A33, 0x11A38, 0},  {0x11A3B, 0x11A3E, 0},
	{0x11A47, 0x11A47, 0},  {0x11A51, 0x11A56, 0},  {0x11A59, 0x11A5B, 0},  {0x11A8A, 0x11A96, 0},
	{0x11A98, 0x11A99, 0},  {0x11C30, 0x11C3D, 0},  {0x11C3F, 0x11C3F, 0},  {0x11C92, 0x11CA7, 0},
	{0x11CAA, 0x11CB0, 0},  {0x11CB2, 0x11CB3, 0},  {0x11CB5, 0x11CB6, 0},  {0x11D31, 0x11D45, 0},
	{0x11D47, 0x11D47, 0},  {0x11D90, 0x11D91, 0},  {0x11D95, 0x11D95, 0},  {0x11D97, 0x11D97, 0},
	{0x11EF3, 0x11EF4, 0},  {0x13430, 0x13438, 0},  {0x16AF0, 0x16AF4, 0},  {0x16B30, 0x16B36, 0},
	{0x16F4F, 0x16F4F, 0},  {0x16F8F, 0x16F92, 0},  {0x16FE0, 0x16FE3, 2},  {0x16FE4, 0x16FE4, 0},
	{0x16FF0, 0x1B2FB, 2},  {0x1BC9D, 0x1BC9E, 0},  {0x1BCA0, 0x1CF46, 0},  {0x1D167, 0x1D169, 0},
	{0x1D173, 0x1D182, 0},  {0x1D185, 0x1D18B, 0},  {0x1D1AA, 0x1D1AD, 0},  {0x1D242, 0x1D244, 0},
	{0x1DA00, 0x1DA36, 0},  {0x1DA3B, 0x1DA6C, 0},  {0x1DA75, 0x1DA75, 0},  {0x1DA84, 0x1DA84, 0},
	{0x1DA9B, 0x1DAAF, 0},  {0x1E000, 0x1E02A, 0},  {0x1E130, 0x1E136, 0},  {0x1E2AE, 0x1E2AE, 0},
	{0x1E2EC, 0x1E2EF, 0},  {0x1E8D0, 0x1E8D6, 0},  {0x1E944, 0x1E94A, 0},  {0x1F004, 0x1F004, 2},
	{0x1F0CF, 0x1F0CF, 2},  {0x1F18E, 0x1F18E, 2},  {0x1F191, 0x1F19A, 2},  {0x1F200, 0x1F64F, 2},
	{0x1F680, 0x1F6C5, 2},  {0x1F6CC, 0x1F6CC, 2},  {0x1F6D0, 0x1F6D2, 2},  {0x1F6D5, 0x1F6DF, 2},
	{0x1F6EB, 0x1F6EC, 2},  {0x1F6F4, 0x1F6FC, 2},  {0x1F7E0, 0x1F7F0, 2},  {0x1F900, 0x1F9FF, 2},
	{0x1FA70, 0x1FAF6, 2},  {0x20000, 0x3FFFD, 2},  {0xE0001, 0xE01EF, 0},
};

size_t text_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t need, i;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		need = 2;
		c = u[0] & 0x1F;
		min = 0x80;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		need = 3;
		c = u[0] & 0x0F;
		min = 0x800;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		need = 4;
		c = u[0] & 0x07;
		min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len < need) {
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i < need; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return need;
}

int text_cp_width(uint32_t cp)
{
	size_t lo = 0, hi = sizeof width_table / sizeof width_table[0];

	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return -1;
	if (cp < 0x300)
		return 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < width_table[mid].lo)
			hi = mid;
		else if (cp > width_table[mid].hi)
			lo = mid + 1;
		else
			return width_table[mid].width;
	}
	return 1;
}

/* Columns a character takes when drawn: controls and invalid bytes are drawn as one
 * replacement character, so they take one column. */
static int draw_width(uint32_t cp)
{
	int w = text_cp_width(cp);
	return w < 0 ? 1 : w;
}

int text_width(const char *s, size_t len)
{
	size_t i = 0;
	int cols = 0;

	while (i < len) {
		uint32_t cp;
		i += text_decode(s + i, len - i, &cp);
		cols += draw_width(cp);
	}
	return cols;
}

size_t text_fit(const char *s, size_t len, int cols, int *used_cols)
{
	size_t i = 0;
	int used = 0;

	/* Zero-width characters right after the last one that fits are kept with it: a
	 * combining mark belongs to the character before it. */
	while (i < len) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		int w = draw_width(cp);
		if (used + w > cols)
			break;
		used += w;
		i += n;
	}
	if (used_cols)
		*used_cols = used;
	return i;
}

int text_cp_is_unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C ||
	       cp == 0xFEFF;
}

/* Appends the UTF-8 encoding of cp (a valid scalar value) at p; returns the bytes written. */
static size_t put_utf8(char *p, uint32_t cp)
{
	unsigned char *u = (unsigned char *)p;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (unsigned char)(0xF0 | (cp >> 18));
	u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

char *text_sanitize(const char *s, size_t len, int keep_newlines)
{
	char *out, *p;
	size_t i = 0;

	/* An invalid byte (1) becomes U+FFFD (3 bytes): the worst case triples the length. */
	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	p = out;
	while (i < len) {
		uint32_t cp;
		i += text_decode(s + i, len - i, &cp);
		if (cp == '\t' || (cp == '\n' && !keep_newlines))
			*p++ = ' ';
		else if (cp == '\n')
			*p++ = '\n';
		else if (!text_cp_is_unsafe(cp))
			p += put_utf8(p, cp);
	}
	*p = '\0';
	return out;
}

static void set_err(char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errsize, const char *fmt, ...)
{
	va_list ap;

	if (!err || errsize == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errsize, fmt, ap);
	va_end(ap);
}

/* Lowercases an encoding name and drops '-' and '_' so that "UTF-8", "utf8" and "Utf_8"
 * compare equal. out has room for size bytes. */
static void enc_key(const char *enc, char *out, size_t size)
{
	size_t n = 0;

	for (; *enc && n + 1 < size; enc++) {
		char c = *enc;
		if (c == '-' || c == '_')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		out[n++] = c;
	}
	out[n] = '\0';
}

/* Whether an encoding name (as enc_key gives it) stores ASCII as single bytes, so that a NUL
 * byte in the input is a NUL character, never part of a wider one. */
static int enc_is_ascii_based(const char *key)
{
	return strncmp(key, "utf16", 5) != 0 && strncmp(key, "utf32", 5) != 0 &&
	       strncmp(key, "ucs2", 4) != 0 && strncmp(key, "ucs4", 4) != 0 &&
	       strncmp(key, "unicode", 7) != 0;
}

/* A stable name for *used: the canonical spelling of a known encoding, else the caller's. */
static const char *enc_name(const char *enc)
{
	static const char *const known[] = {"GB18030", "GBK", "GB2312", "BIG5", "BIG5-HKSCS",
	                                    "UTF-8", "UTF-16LE", "UTF-16BE", "ISO-8859-1", "ASCII"};
	char a[32], b[32];
	size_t i;

	enc_key(enc, a, sizeof a);
	for (i = 0; i < sizeof known / sizeof known[0]; i++) {
		enc_key(known[i], b, sizeof b);
		if (strcmp(a, b) == 0)
			return known[i];
	}
	return enc;
}

/* First invalid UTF-8 sequence in s: returns its offset, or len when s is valid. *mb counts
 * the multi-byte characters before it; *truncated is set when the bad sequence is a
 * character cut off by the end of s. */
static size_t utf8_scan(const char *s, size_t len, size_t *mb, int *truncated)
{
	size_t i = 0;

	*mb = 0;
	*truncated = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && n == 1) {
			/* Genuine U+FFFD is 3 bytes; a 1-byte U+FFFD is an error. Is it a lead byte
			 * whose continuation bytes are all valid but run past the end? */
			const unsigned char *u = (const unsigned char *)s + i;
			size_t need = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : 2, k;
			if (u[0] >= 0xC2 && u[0] <= 0xF4 && len - i < need) {
				*truncated = 1;
				for (k = 1; k < len - i; k++)
					if ((u[k] & 0xC0) != 0x80)
						*truncated = 0;
			}
			return i;
		}
		if (n > 1)
			(*mb)++;
		i += n;
	}
	return len;
}

/* Writes "0xAA 0xBB" for the bad sequence at s (avail bytes left): a lead byte with its
 * continuation bytes up to and including the first byte that does not continue it. */
static void hex_bytes(const char *s, size_t avail, char *buf, size_t size)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : 2, i, off = 0;

	if (u[0] < 0xC2 || u[0] > 0xF4)
		n = 1;
	if (n > avail)
		n = avail;
	buf[0] = '\0';
	for (i = 0; i < n && off + 6 < size; i++) {
		off += (size_t)snprintf(buf + off, size - off, "%s0x%02X", i ? " " : "", u[i]);
		if (i > 0 && (u[i] & 0xC0) != 0x80)
			break;
	}
}

/* Through tr() where it is used: a static initializer cannot call it. */
static const char *const HINT_GB = N_("文件若是 GBK 或 GB18030，请试 --encoding gb18030");

/* Copies valid UTF-8 in[0..len) to a new buffer; base is the offset of in within the file,
 * for messages. bom tells whether a UTF-8 BOM preceded it. */
static int from_utf8(const char *in, size_t len, size_t base, int bom, char **out,
                     size_t *out_len, char *err, size_t errsize)
{
	size_t mb, bad;
	int truncated;
	char hex[32];

	bad = utf8_scan(in, len, &mb, &truncated);
	if (bad < len) {
		hex_bytes(in + bad, len - bad, hex, sizeof hex);
		if (truncated)
			set_err(err, errsize,
			        tr("文件在第 %zu 字节（%s）处断在一个 UTF-8 字符中间，可能不完整"),
			        base + bad, hex);
		else if (bom)
			set_err(err, errsize,
			        tr("文件以 UTF-8 字节序标记开头，但第 %zu 字节（%s）不是有效的 UTF-8；%s"),
			        base + bad, hex, tr(HINT_GB));
		else
			set_err(err, errsize, tr("第 %zu 字节（%s）不是有效的 UTF-8；%s"), base + bad, hex,
			        tr(HINT_GB));
		return -1;
	}
	*out = malloc(len + 1);
	if (!*out) {
		set_err(err, errsize, "%s", tr("内存不足"));
		return -1;
	}
	memcpy(*out, in, len);
	(*out)[len] = '\0';
	*out_len = len;
	return 0;
}

/* Decodes UTF-16 (big_endian or little) in[0..len) to UTF-8. A NUL character, an unpaired
 * surrogate or an odd byte count is an error. Done by hand rather than through iconv so that
 * every error names its exact byte. */
static int from_utf16(const char *in, size_t len, size_t base, int big_endian, char **out,
                      size_t *out_len, char *err, size_t errsize)
{
	const unsigned char *u = (const unsigned char *)in;
	const char *name = big_endian ? "UTF-16BE" : "UTF-16LE";
	size_t i = 0;
	char *buf, *p;

	if (len % 2) {
		set_err(err, errsize,
		        tr("%s 文本的字节数是奇数：最后一个字节（第 %zu 字节）只是半个字符，文件不完整或不是 %s"),
		        name, base + len - 1, name);
		return -1;
	}
	/* Two bytes become at most three, four (a surrogate pair) exactly four. */
	buf = malloc(len / 2 * 3 + 1);
	if (!buf) {
		set_err(err, errsize, "%s", tr("内存不足"));
		return -1;
	}
	p = buf;
	while (i < len) {
		uint32_t c = big_endian ? (uint32_t)(u[i] << 8 | u[i + 1])
		                        : (uint32_t)(u[i + 1] << 8 | u[i]);
		size_t at = i;
		i += 2;
		if (c >= 0xD800 && c <= 0xDBFF && i < len) {
			uint32_t c2 = big_endian ? (uint32_t)(u[i] << 8 | u[i + 1])
			                         : (uint32_t)(u[i + 1] << 8 | u[i]);
			if (c2 >= 0xDC00 && c2 <= 0xDFFF) {
				c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
				i += 2;
			}
		}
		if (c >= 0xD800 && c <= 0xDFFF) {
			set_err(err, errsize,
			        tr("无效的 %s：第 %zu 字节（不成对的代理项 0x%04X）；文件可能不是 %s"),
			        name, base + at, (unsigned)c, name);
			free(buf);
			return -1;
		}
		if (c == 0) {
			set_err(err, errsize,
			        tr("第 %zu 字节是 NUL 字符（%s 文本）；这不是文本报告"),
			        base + at, name);
			free(buf);
			return -1;
		}
		p += put_utf8(p, c);
	}
	*p = '\0';
	*out = buf;
	*out_len = (size_t)(p - buf);
	return 0;
}

enum iconv_bad {
	ICONV_BAD_FAIL,     /* stop at the first invalid or incomplete sequence */
	ICONV_BAD_QUESTION, /* write '?' for it and skip the character */
};

/* Output for a character the target encoding cannot hold: "?" in that encoding, or a raw
 * '?' byte if even that fails. Returns 0, or -1 when out of room. */
static int put_question(iconv_t cd, char **outp, size_t *outleft)
{
	char q[] = "?", *qp = q;
	size_t qleft = 1;

	if (iconv(cd, &qp, &qleft, outp, outleft) != (size_t)-1)
		return 0;
	if (errno == E2BIG)
		return -1;
	if (*outleft < 1)
		return -1;
	*(*outp)++ = '?';
	(*outleft)--;
	return 0;
}

/* Runs in[0..len) through cd into a new buffer of at first max_out bytes (grown as needed),
 * then flushes cd's shift state. On success returns 0 with a NUL-terminated malloc'd buffer
 * in *out (caller frees) and its length in bytes, without the NUL, in *out_len.
 * On an invalid or incomplete sequence (EILSEQ / EINVAL), policy decides:
 *   ICONV_BAD_FAIL: return -1 with the input byte offset in *bad_at and errno's value in
 *     *bad_errno (EILSEQ, EINVAL or another iconv error);
 *   ICONV_BAD_QUESTION: write one '?' (see put_question), skip the UTF-8 character at that
 *     point of in, and go on; in must then be UTF-8.
 * On out-of-memory returns -1 with *bad_errno = ENOMEM. Nothing is returned in *out on
 * failure. Prints nothing; the caller words the message. */
static int iconv_all(iconv_t cd, const char *in, size_t len, size_t max_out,
                     enum iconv_bad policy, char **out, size_t *out_len, size_t *bad_at,
                     int *bad_errno)
{
	size_t cap = max_out, used = 0, inleft = len;
	char *inp = (char *)in, *buf = NULL;
	int flushing = 0, grow = 0;

	for (;;) {
		char *outp;
		size_t outleft, r;

		/* iconv says E2BIG whenever the next character does not fit, however much room
		 * is left: grow then, or the loop would spin. */
		if (!buf || grow || cap - used < 16) {
			char *nb;
			if (buf)
				cap *= 2;
			grow = 0;
			nb = realloc(buf, cap + 1);
			if (!nb) {
				free(buf);
				*bad_errno = ENOMEM;
				return -1;
			}
			buf = nb;
		}
		outp = buf + used;
		outleft = cap - used;
		if (flushing)
			r = iconv(cd, NULL, NULL, &outp, &outleft);
		else
			r = iconv(cd, &inp, &inleft, &outp, &outleft);
		used = (size_t)(outp - buf);
		if (r != (size_t)-1) {
			if (flushing)
				break;
			flushing = 1;
			continue;
		}
		if (errno == E2BIG) {
			grow = 1;
			continue;
		}
		if (policy == ICONV_BAD_FAIL) {
			*bad_at = (size_t)(inp - in);
			*bad_errno = errno;
			free(buf);
			return -1;
		}
		/* EILSEQ: a character the target cannot hold (or an invalid byte); EINVAL: a
		 * character cut off at the end. Either way one '?' and skip the character. */
		{
			uint32_t cp;
			size_t n = text_decode(inp, inleft, &cp);
			if (put_question(cd, &outp, &outleft) < 0) {
				grow = 1; /* out of room: grow, and retry this character */
				continue;
			}
			used = (size_t)(outp - buf);
			inp += n;
			inleft -= n;
		}
	}
	buf[used] = '\0';
	*out = buf;
	*out_len = used;
	return 0;
}

/* Input offset of the character that became output byte out_at: converts again with the
 * output space cut just before it, so iconv stops there and inp points at it. */
static size_t iconv_in_offset(iconv_t cd, const char *in, size_t len, size_t out_at)
{
	char *inp = (char *)in, *outp, *buf = malloc(out_at + 1);
	size_t inleft = len, outleft = out_at;

	if (!buf)
		return 0;
	iconv(cd, NULL, NULL, NULL, NULL);
	outp = buf;
	iconv(cd, &inp, &inleft, &outp, &outleft);
	free(buf);
	return (size_t)(inp - in);
}

/* Converts in[0..len) from encoding enc (iconv name) to UTF-8. base is the offset of in
 * within the file, for messages. */
static int from_iconv(const char *in, size_t len, size_t base, const char *enc, char **out,
                      size_t *out_len, char *err, size_t errsize)
{
	iconv_t cd = iconv_open("UTF-8", enc);
	size_t bad_at = 0, nul;
	int bad_errno = 0;
	char *buf;

	if (cd == (iconv_t)-1) {
		set_err(err, errsize,
		        tr("未知编码“%s”；`iconv -l` 列出本系统认识的编码名"), enc);
		return -1;
	}
	/* GB18030 takes up to 1.5 bytes of UTF-8 per input byte; others grow on E2BIG. */
	if (iconv_all(cd, in, len, len + len / 2 + 16, ICONV_BAD_FAIL, &buf, out_len, &bad_at,
	               &bad_errno) < 0) {
		if (bad_errno == ENOMEM)
			set_err(err, errsize, "%s", tr("内存不足"));
		else if (bad_errno == EINVAL)
			set_err(err, errsize,
			        tr("文件断在一个 %s 字符中间（第 %zu 字节），可能不完整"),
			        enc, base + bad_at);
		else
			set_err(err, errsize,
			        tr("无效的 %s：第 %zu 字节（0x%02X）；文件是另一种编码，请用 --encoding 指定"),
			        enc, base + bad_at, (unsigned char)in[bad_at]);
		iconv_close(cd);
		return -1;
	}
	/* A NUL can only come from an encoding such as UTF-32, where NUL bytes are normal:
	 * find which input character produced it. */
	nul = strlen(buf);
	if (nul < *out_len) {
		set_err(err, errsize, tr("第 %zu 字节是 NUL 字符（%s 文本）；这不是文本报告"),
		        base + iconv_in_offset(cd, in, len, nul), enc);
		free(buf);
		iconv_close(cd);
		return -1;
	}
	iconv_close(cd);
	*out = buf;
	return 0;
}

/* Offset of the first NUL byte in s, or len. */
static size_t find_nul(const char *s, size_t len)
{
	const char *p = memchr(s, '\0', len);
	return p ? (size_t)(p - s) : len;
}

static int nul_error(size_t at, char *err, size_t errsize)
{
	set_err(err, errsize,
	        tr("第 %zu 字节是 NUL：文件是二进制文件，或是没有字节序标记的 UTF-16（可试 --encoding utf-16le）"),
	        at);
	return -1;
}

/* Removes a leading U+FEFF from converted text: GB18030 has its own BOM (0x84 0x31 0x95
 * 0x33) and an explicit --encoding leaves any BOM in the bytes. */
static void strip_feff(char *buf, size_t *len)
{
	if (*len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		memmove(buf, buf + 3, *len - 3 + 1);
		*len -= 3;
	}
}

/* An explicit encoding: the user knows better than detection, but a BOM that agrees with it
 * is still removed, and a UTF-8 BOM in front of another ASCII-based encoding is skipped —
 * that is the file our "BOM but not UTF-8" message tells the user to retry with gb18030. */
static int to_utf8_forced(const char *in, size_t len, const char *enc, char **out,
                          size_t *out_len, const char **used, char *err, size_t errsize)
{
	const unsigned char *u = (const unsigned char *)in;
	int has_bom8 = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
	char key[32];
	size_t at;

	enc_key(enc, key, sizeof key);
	if (strcmp(key, "utf16le") == 0 || strcmp(key, "utf16be") == 0 ||
	    strcmp(key, "utf16") == 0) {
		int be = strcmp(key, "utf16be") == 0, skip = 0;
		if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE && strcmp(key, "utf16be") != 0) {
			be = 0;
			skip = 2;
		} else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF && strcmp(key, "utf16le") != 0) {
			be = 1;
			skip = 2;
		}
		/* Plain "UTF-16" without a BOM: Windows writes little-endian. */
		if (used)
			*used = be ? "UTF-16BE" : "UTF-16LE";
		return from_utf16(in + skip, len - (size_t)skip, (size_t)skip, be, out, out_len, err,
		                  errsize);
	}
	if (enc_is_ascii_based(key) && (at = find_nul(in, len)) < len)
		return nul_error(at, err, errsize);
	if (strcmp(key, "utf8") == 0) {
		if (used)
			*used = "UTF-8";
		return from_utf8(in + (has_bom8 ? 3 : 0), len - (has_bom8 ? 3u : 0u),
		                 has_bom8 ? 3 : 0, has_bom8, out, out_len, err, errsize);
	}
	if (has_bom8 && enc_is_ascii_based(key)) {
		in += 3;
		len -= 3;
	}
	if (from_iconv(in, len, has_bom8 && enc_is_ascii_based(key) ? 3 : 0, enc, out, out_len,
	               err, errsize) < 0)
		return -1;
	strip_feff(*out, out_len);
	if (used)
		*used = enc_name(enc);
	return 0;
}

/* text_to_utf8 without the clean-up: *used may be set even when it then fails. */
static int to_utf8(const char *in, size_t len, const char *enc, char **out, size_t *out_len,
                   const char **used, char *err, size_t errsize)
{
	const unsigned char *u = (const unsigned char *)in;
	size_t at, mb, bad;
	int truncated;

	*out = NULL;
	*out_len = 0;
	if (enc && *enc)
		return to_utf8_forced(in, len, enc, out, out_len, used, err, errsize);

	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		if ((at = find_nul(in, len)) < len)
			return nul_error(at, err, errsize);
		if (used)
			*used = "UTF-8";
		return from_utf8(in + 3, len - 3, 3, 1, out, out_len, err, errsize);
	}
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		int be = u[0] == 0xFE;
		if (used)
			*used = be ? "UTF-16BE" : "UTF-16LE";
		return from_utf16(in + 2, len - 2, 2, be, out, out_len, err, errsize);
	}
	if ((at = find_nul(in, len)) < len)
		return nul_error(at, err, errsize);

	bad = utf8_scan(in, len, &mb, &truncated);
	/* GBK text almost never gets through even a few Chinese characters as valid UTF-8, but
	 * UTF-8 with one damaged byte often decodes "successfully" as GB18030 mojibake. So a
	 * file that was clean UTF-8 for several characters (or up to a character cut off at the
	 * very end) is reported as broken UTF-8 rather than guessed to be GB18030. */
	if (bad == len || (truncated && mb >= 1) || mb >= 4) {
		if (used)
			*used = "UTF-8";
		return from_utf8(in, len, 0, 0, out, out_len, err, errsize);
	}
	if (from_iconv(in, len, 0, "GB18030", out, out_len, err, errsize) < 0) {
		char hex[32];
		hex_bytes(in + bad, len - bad, hex, sizeof hex);
		set_err(err, errsize,
		        tr("文件既不是 UTF-8（第 %zu 字节无效：%s）也不是 GB18030；请用 --encoding 指定编码"),
		        bad, hex);
		return -1;
	}
	strip_feff(*out, out_len);
	if (used)
		*used = "GB18030";
	return 0;
}

int text_to_utf8(const char *in, size_t len, const char *enc, char **out, size_t *out_len,
                 const char **used, char *err, size_t errsize)
{
	const char *name = NULL;

	*out = NULL;
	*out_len = 0;
	if (to_utf8(in, len, enc, out, out_len, &name, err, errsize) < 0) {
		free(*out);
		*out = NULL;
		*out_len = 0;
		return -1;
	}
	if (used)
		*used = name;
	return 0;
}

char *text_from_utf8(const char *s, size_t len, const char *enc, size_t *out_len, char *err,
                     size_t errsize)
{
	char key[32], *buf = NULL;
	size_t bad_at = 0;
	iconv_t cd;
	int bad_errno = 0;

	*out_len = 0;
	if (!enc)
		enc = "UTF-8";
	enc_key(enc, key, sizeof key);
	if (strcmp(key, "utf8") == 0) {
		/* Same encoding: copy, with invalid bytes as '?' like any unconvertible input. */
		size_t i = 0;
		char *p = buf = malloc(len + 1);
		if (!buf) {
			set_err(err, errsize, "%s", tr("内存不足"));
			return NULL;
		}
		while (i < len) {
			uint32_t cp;
			size_t n = text_decode(s + i, len - i, &cp);
			if (cp == 0xFFFD && n == 1) {
				*p++ = '?';
			} else {
				memcpy(p, s + i, n);
				p += n;
			}
			i += n;
		}
		*p = '\0';
		*out_len = (size_t)(p - buf);
		return buf;
	}
	cd = iconv_open(enc, "UTF-8");
	if (cd == (iconv_t)-1) {
		set_err(err, errsize,
		        tr("无法转换为编码“%s”；`iconv -l` 列出本系统认识的编码名"),
		        enc);
		return NULL;
	}
	/* Output is about as long as the input for the usual targets; it grows on E2BIG. */
	if (iconv_all(cd, s, len, len + 16, ICONV_BAD_QUESTION, &buf, out_len, &bad_at,
	              &bad_errno) < 0) {
		/* With ICONV_BAD_QUESTION the only failure is running out of memory. */
		iconv_close(cd);
		set_err(err, errsize, "%s", tr("内存不足"));
		return NULL;
	}
	iconv_close(cd);
	return buf;
}
