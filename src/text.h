/* text.h — UTF-8 decoding, display width, fitting text to screen columns, sanitising and
 * iconv conversions. Model code: never includes curses, never prints, never exits.
 * Units: `len`/`size` are bytes, `width`/`cols` are terminal columns. Only this module converts. */
#ifndef DUBAN_TEXT_H
#define DUBAN_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one UTF-8 sequence at s (len bytes available, len >= 1). Stores the code point in
 * *cp and returns the bytes consumed (1..4). An invalid, overlong, surrogate or truncated
 * sequence consumes 1 byte and stores 0xFFFD. */
size_t text_decode(const char *s, size_t len, uint32_t *cp);

/* Display width of one code point: 2 for East Asian wide/fullwidth, 0 for combining marks and
 * zero-width characters, 1 otherwise. Control characters (C0, DEL, C1) return -1. Independent
 * of the locale, so the board and the tests agree whatever LANG says. */
int text_cp_width(uint32_t cp);

/* Display width in columns of the UTF-8 string s of len bytes, as text_fit would draw it:
 * invalid bytes and controls count as one column (they are drawn as a replacement). */
int text_width(const char *s, size_t len);

/* How many bytes of s (len bytes) fit in cols columns, never splitting a character and never
 * splitting a double-width character at the edge. Stores the columns those bytes take in
 * *used_cols (may be NULL). One pass. */
size_t text_fit(const char *s, size_t len, int cols, int *used_cols);

/* Whether code point cp must never reach a terminal: C0 (other than none), DEL, C1, the bidi
 * controls U+200E/U+200F, U+202A–U+202E, U+2066–U+2069, U+061C, and U+FEFF. */
int text_cp_is_unsafe(uint32_t cp);

/* Returns a malloc'd, NUL-terminated copy of s (len bytes) that is valid UTF-8 and holds no
 * unsafe code point: invalid bytes become U+FFFD, tabs become a space, other unsafe code points
 * are dropped. Newlines are kept when keep_newlines is non-zero, else they become a space.
 * Returns NULL only when out of memory; the caller frees. */
char *text_sanitize(const char *s, size_t len, int keep_newlines);

/* Converts a whole input file to UTF-8. enc is an iconv encoding name, or NULL to detect:
 * a UTF-8 / UTF-16LE / UTF-16BE BOM, else valid UTF-8, else GB18030. The BOM is removed.
 * On success stores a malloc'd, NUL-terminated buffer in *out and its length in *out_len,
 * stores the encoding used in *used (a static string, may be NULL) and returns 0.
 * On failure returns -1 and writes a sentence into err (errsize bytes) that names the byte
 * offset and what is wrong (a NUL byte, invalid bytes for the encoding, a BOM that does not
 * match the bytes after it), and the fix to try (--encoding). */
int text_to_utf8(const char *in, size_t len, const char *enc, char **out, size_t *out_len,
                 const char **used, char *err, size_t errsize);

/* Converts UTF-8 s (len bytes) to encoding enc through iconv; characters the encoding cannot
 * hold become '?'. Returns a malloc'd buffer (length in *out_len) or NULL on failure with a
 * message in err. */
char *text_from_utf8(const char *s, size_t len, const char *enc, size_t *out_len,
                     char *err, size_t errsize);

#endif
