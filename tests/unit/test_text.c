/* test_text.c — unit tests for text.c: decoding, widths of Chinese text, fitting report text
 * into narrow columns, sanitising terminal-active bytes, and reading files in the encodings
 * reports arrive in (UTF-8, UTF-8 with BOM, UTF-16, GB18030). */
#include "harness.h"
#include "msg.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#define N_ROWS(a) (sizeof(a) / sizeof((a)[0]))
/* A string literal and its length in bytes, NULs inside included. */
#define LIT(s) s, sizeof(s) - 1

TEST(text_decode_rows)
{
	static const struct {
		const char *s;
		size_t len;
		uint32_t cp;
		size_t used;
	} rows[] = {
	    {"A", 1, 'A', 1},
	    {"整改", 6, 0x6574, 3},             /* 整 */
	    {"\xC2\xB7", 2, 0xB7, 2},          /* · */
	    {"\xF0\x9F\x98\x80", 4, 0x1F600, 4}, /* emoji, 4 bytes */
	    {"\xF0\xA0\x80\x80", 4, 0x20000, 4}, /* CJK Extension B */
	    {"\xC0\x80", 2, 0xFFFD, 1},        /* overlong NUL */
	    {"\xE0\x80\xAF", 3, 0xFFFD, 1},    /* overlong '/' */
	    {"\xED\xA0\x80", 3, 0xFFFD, 1},    /* UTF-16 surrogate */
	    {"\xF4\x90\x80\x80", 4, 0xFFFD, 1}, /* beyond U+10FFFF */
	    {"\xE6\x95", 2, 0xFFFD, 1},        /* 整 cut short */
	    {"\xD5\xFB", 2, 0xFFFD, 1},        /* GBK 整 is not UTF-8 */
	    {"\x80", 1, 0xFFFD, 1},            /* stray continuation byte */
	    {"\xEF\xBF\xBD", 3, 0xFFFD, 3},    /* a real U+FFFD is 3 bytes */
	};
	size_t i;

	for (i = 0; i < N_ROWS(rows); i++) {
		uint32_t cp = 0;
		CHECK_INT(text_decode(rows[i].s, rows[i].len, &cp), rows[i].used);
		CHECK_INT(cp, rows[i].cp);
	}
}

TEST(text_cp_width_rows)
{
	static const struct {
		uint32_t cp;
		int width;
	} rows[] = {
	    {'A', 1},      {' ', 1},      {0x00B7, 1} /* · ambiguous: narrow */,
	    {0x2460, 1} /* ① ambiguous: narrow */,      {0x6574, 2} /* 整 */,
	    {0x4E00, 2},   {0x9FA5, 2},   {0x3400, 2} /* Ext A */,
	    {0x20000, 2} /* Ext B */,     {0xF900, 2} /* compatibility */,
	    {0xAC00, 2} /* 가 */,         {0x3042, 2} /* あ */,
	    {0x30A2, 2} /* ア */,         {0x3000, 2} /* ideographic space */,
	    {0x3001, 2} /* 、 */,         {0x3002, 2} /* 。 */,
	    {0x300A, 2} /* 《 */,         {0xFF0C, 2} /* ， */,
	    {0xFF1A, 2} /* ： */,         {0xFF08, 2} /* （ */,
	    {0xFF10, 2} /* ０ */,         {0xFFE5, 2} /* ￥ */,
	    {0x3251, 2} /* enclosed ㉑ */, {0x3231, 2} /* ㈱ */,
	    {0x1F600, 2},  {0x1F914, 2},  {0x1F300, 2},
	    {0x0301, 0} /* combining acute */,          {0x200B, 0} /* ZWSP */,
	    {0x200D, 0} /* ZWJ */,        {0xFE0F, 0} /* VS16 */,
	    {0x302A, 0} /* ideographic tone mark */,    {0xFEFF, 0},
	    {0x00, -1},    {0x1B, -1},    {'\n', -1},   {0x7F, -1},
	    {0x85, -1},    {0x9B, -1},    {0x303F, 1},  {0xFF61, 1} /* halfwidth ｡ */,
	};
	size_t i;

	for (i = 0; i < N_ROWS(rows); i++)
		if (!CHECK_INT(text_cp_width(rows[i].cp), rows[i].width))
			CHECK_INT(rows[i].cp, 0); /* names the code point in the failure */
}

TEST(text_width_rows)
{
	static const struct {
		const char *s;
		int cols;
	} rows[] = {
	    {"", 0},
	    {"abc", 3},
	    {"磴口县", 6},
	    {"整改进展情况：", 14},
	    {"2024年12月底前", 14},
	    {"（一）强化监管", 14},
	    {"ＡＢ", 4},
	    {"e\xCC\x81", 1},          /* e + combining acute */
	    {"\xE2\x80\x8B", 0},        /* ZWSP */
	    {"\x1B[31m", 5},            /* ESC drawn as one replacement */
	    {"\xFF\xFE", 2},            /* two invalid bytes, one column each */
	    {"\xF0\x9F\x98\x80", 2},    /* 😀 */
	    {"①②", 2},
	};
	size_t i;

	for (i = 0; i < N_ROWS(rows); i++)
		CHECK_INT(text_width(rows[i].s, strlen(rows[i].s)), rows[i].cols);
}

TEST(text_fit_rows)
{
	static const struct {
		const char *s;
		int cols;
		size_t len;
		int used;
	} rows[] = {
	    /* A board column of 5: two characters, the third would stick out half. */
	    {"磴口县贯彻", 5, 6, 4},
	    {"磴口县贯彻", 6, 9, 6},
	    {"磴口县贯彻", 10, 15, 10},
	    {"磴口县贯彻", 80, 15, 10},
	    {"磴口县贯彻", 1, 0, 0},
	    {"磴口县贯彻", 0, 0, 0},
	    {"磴口县贯彻", -3, 0, 0},
	    {"ab整改", 3, 2, 2},
	    {"ab整改", 4, 5, 4},
	    {"a整b改", 4, 5, 4},
	    {"2024年12月底前", 5, 4, 4},
	    {"2024年12月底前", 6, 7, 6},
	    {"e\xCC\x81x", 1, 3, 1},   /* the combining mark stays with its letter */
	    {"\xFF" "abc", 2, 2, 2},   /* an invalid byte is one column */
	    {"\xE6\x95", 5, 2, 2},     /* a cut-off character: two invalid bytes */
	    {"", 10, 0, 0},
	};
	size_t i;

	for (i = 0; i < N_ROWS(rows); i++) {
		int used = -1;
		size_t len = text_fit(rows[i].s, strlen(rows[i].s), rows[i].cols, &used);
		CHECK_INT(len, rows[i].len);
		CHECK_INT(used, rows[i].used);
	}
	CHECK_INT(text_fit("磴口县", strlen("磴口县"), 4, NULL), 6);
}

TEST(text_fit_never_splits)
{
	/* Whatever the width, the bytes that fit end on a character boundary and take no more
	 * than the columns given. */
	static const char s[] = "磴口县贯彻落实第二轮自治区生态环境保护督察报告，2024年12月底前（ＡＢ）";
	int cols;

	for (cols = 0; cols <= 90; cols++) {
		int used = -1;
		size_t len = text_fit(s, strlen(s), cols, &used);
		CHECK(used <= cols);
		CHECK_INT(text_width(s, len), used);
		CHECK((s[len] & 0xC0) != 0x80); /* not inside a character */
		/* and the next character would not have fitted */
		if (len < strlen(s)) {
			uint32_t cp;
			size_t next = text_decode(s + len, strlen(s) - len, &cp);
			CHECK(used + text_width(s + len, next) > cols);
		}
	}
}

TEST(text_cp_is_unsafe_rows)
{
	static const struct {
		uint32_t cp;
		int unsafe;
	} rows[] = {
	    {0x1B, 1},   {'\t', 1},   {'\n', 1},   {0x7F, 1},   {0x80, 1},   {0x9B, 1},
	    {0x200E, 1}, {0x200F, 1}, {0x202A, 1}, {0x202E, 1}, {0x2066, 1}, {0x2069, 1},
	    {0x061C, 1}, {0xFEFF, 1}, {'A', 0},    {0x6574, 0}, {0xFF0C, 0}, {0x200D, 0},
	    {0x3000, 0}, {0xA0, 0},
	};
	size_t i;

	for (i = 0; i < N_ROWS(rows); i++)
		CHECK_INT(text_cp_is_unsafe(rows[i].cp), rows[i].unsafe);
}

TEST(text_sanitize_rows)
{
	static const struct {
		const char *s;
		size_t len;
		int keep_newlines;
		const char *want;
	} rows[] = {
	    {LIT("已完成整改"), 0, "已完成整改"},
	    /* A report must not be able to recolour or retitle the terminal. */
	    {LIT("整改\x1B[31m完成"), 0, "整改[31m完成"},
	    {LIT("\x1B]0;title\x07"), 0, "]0;title"},
	    {LIT("\xC2\x9B" "2J"), 0, "2J"}, /* C1 CSI */
	    /* Bidi overrides could make 未完成 display as something else. */
	    {LIT("\xE2\x80\xAE" "成完未"), 0, "成完未"},
	    {LIT("a\xE2\x81\xA6" "b\xE2\x81\xA9"), 0, "ab"},
	    {LIT("a\xD8\x9C" "b"), 0, "ab"},
	    {LIT("\xEF\xBB\xBF标题"), 0, "标题"},
	    {LIT("a\tb"), 0, "a b"},
	    {LIT("a\nb"), 0, "a b"},
	    {LIT("a\nb"), 1, "a\nb"},
	    {LIT("a\r\nb"), 1, "a\nb"},
	    {LIT("a\x7F" "b"), 0, "ab"},
	    {LIT("a\0b"), 0, "ab"},
	    {LIT("\xFF整"), 0, "\xEF\xBF\xBD整"},
	    {LIT("\xD5\xFB\xB8\xC4"), 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
	    {LIT("\xE6\x95"), 0, "\xEF\xBF\xBD\xEF\xBF\xBD"},
	    {LIT("e\xCC\x81 \xE2\x80\x8D"), 0, "e\xCC\x81 \xE2\x80\x8D"},
	    {LIT(""), 0, ""},
	};
	size_t i;

	for (i = 0; i < N_ROWS(rows); i++) {
		char *got = text_sanitize(rows[i].s, rows[i].len, rows[i].keep_newlines);
		CHECK_STR(got, rows[i].want);
		free(got);
	}
}

/* Runs text_to_utf8 and keeps the result for the checks. */
struct conv {
	int rc;
	char *out;
	size_t len;
	const char *used;
	char err[256];
};

static void conv_run(struct conv *c, const char *in, size_t len, const char *enc)
{
	memset(c, 0, sizeof *c);
	c->rc = text_to_utf8(in, len, enc, &c->out, &c->len, &c->used, c->err, sizeof c->err);
}

TEST(text_to_utf8_decodes)
{
	static const struct {
		const char *in;
		size_t len;
		const char *enc;
		const char *want;
		const char *used;
	} rows[] = {
	    {LIT("整改进展情况：已完成整改"), NULL, "整改进展情况：已完成整改", "UTF-8"},
	    {LIT("plain ASCII\n"), NULL, "plain ASCII\n", "UTF-8"},
	    {LIT(""), NULL, "", "UTF-8"},
	    /* UTF-8 with BOM, as Windows Notepad saves it: the BOM goes. */
	    {LIT("\xEF\xBB\xBF整改"), NULL, "整改", "UTF-8"},
	    {LIT("\xEF\xBB\xBF"), NULL, "", "UTF-8"},
	    /* UTF-16LE and BE with BOM: NUL bytes are normal there. */
	    {LIT("\xFF\xFE\x74\x65\x39\x65\x0A\x00"), NULL, "整改\n", "UTF-16LE"},
	    {LIT("\xFE\xFF\x65\x74\x65\x39\x00\x0A"), NULL, "整改\n", "UTF-16BE"},
	    {LIT("\xFF\xFE\x3D\xD8\x00\xDE"), NULL, "\xF0\x9F\x98\x80", "UTF-16LE"},
	    {LIT("\xFF\xFE"), NULL, "", "UTF-16LE"},
	    /* GBK / GB18030 bytes of 整改 and of a status line, detected. */
	    {LIT("\xD5\xFB\xB8\xC4"), NULL, "整改", "GB18030"},
	    {LIT("\xD5\xFB\xB8\xC4\xBD\xF8\xD5\xB9\xC7\xE9\xBF\xF6\xA3\xBA\xD2\xD1\xCD\xEA\xB3\xC9"
	     "\xD5\xFB\xB8\xC4"), NULL, "整改进展情况：已完成整改", "GB18030"},
	    {LIT("1.\xD5\xFB\xB8\xC4\r\n"), NULL, "1.整改\r\n", "GB18030"},
	    /* GB18030's own BOM goes too. */
	    {LIT("\x84\x31\x95\x33\xD5\xFB"), NULL, "整", "GB18030"},
	    /* --encoding given. */
	    {LIT("\xD5\xFB\xB8\xC4"), "gb18030", "整改", "GB18030"},
	    {LIT("\xD5\xFB\xB8\xC4"), "GBK", "整改", "GBK"},
	    {LIT("\x74\x65\x39\x65"), "utf-16le", "整改", "UTF-16LE"},
	    {LIT("\xFF\xFE\x74\x65"), "UTF-16", "整", "UTF-16LE"},
	    {LIT("整改"), "utf8", "整改", "UTF-8"},
	    /* The fix our BOM message suggests: GBK behind a UTF-8 BOM, read as gb18030. */
	    {LIT("\xEF\xBB\xBF\xD5\xFB\xB8\xC4"), "gb18030", "整改", "GB18030"},
	};
	size_t i;

	for (i = 0; i < N_ROWS(rows); i++) {
		struct conv c;
		conv_run(&c, rows[i].in, rows[i].len, rows[i].enc);
		CHECK_INT(c.rc, 0);
		CHECK_STR(c.out, rows[i].want);
		CHECK_INT(c.len, strlen(rows[i].want));
		CHECK_STR(c.used, rows[i].used);
		if (c.rc)
			CHECK_STR(c.err, "");
		free(c.out);
	}
}

TEST(text_to_utf8_rejects)
{
	/* Each message names the byte offset (from 0) and what to try. */
	static const struct {
		const char *in;
		size_t len;
		const char *enc;
		const char *want1, *want2;
	} rows[] = {
	    /* GBK saved behind a UTF-8 BOM. */
	    {LIT("\xEF\xBB\xBF\xD5\xFB\xB8\xC4"), NULL, "byte order mark, but byte 3 (0xD5 0xFB)",
	     "--encoding gb18030"},
	    {LIT("abc\0def"), NULL, "NUL byte at byte 3", "utf-16le"},
	    {LIT("\xEF\xBB\xBF" "ab\0"), NULL, "NUL byte at byte 5", "--encoding"},
	    {LIT("整改\0"), "gb18030", "NUL byte at byte 6", "--encoding"},
	    {LIT("\xFF\xFE\x74\x65\x00\x00"), NULL, "NUL character at byte 4", "UTF-16LE"},
	    /* A UTF-8 file cut in the middle of 况. */
	    {LIT("整改进展情\xE5\x86"), NULL, "ends in the middle of a UTF-8 character at byte 15",
	     "cut short"},
	    /* Clean UTF-8 for a while, then a bad byte: not guessed to be GB18030 mojibake. */
	    {LIT("整改进展情况已完成\xC3\x28整改"), NULL, "invalid UTF-8 at byte 27 (0xC3 0x28)",
	     "try --encoding gb18030"},
	    {LIT("磴口县贯彻落实\xB0整改"), NULL, "invalid UTF-8 at byte 21 (0xB0)",
	     "try --encoding gb18030"},
	    {LIT("\xFF\xFE\x3D\xD8" "a\x00"), NULL, "unpaired surrogate", "byte 2"},
	    {LIT("\xFF\xFE\x74\x65\x39"), NULL, "odd number of bytes", "byte 4"},
	    {LIT("\xD5\xFB\xB8\xC4"), "utf-8", "invalid UTF-8 at byte 0 (0xD5 0xFB)", "gb18030"},
	    {LIT("\xD5\xFB\xFF\xFF"), NULL, "neither UTF-8", "--encoding"},
	    {LIT("\xD5\xFB\xB8"), "gb18030", "middle of a gb18030 character at byte 2", "cut short"},
	    {LIT("abc"), "no-such-encoding", "unknown encoding \"no-such-encoding\"", "iconv -l"},
	};
	size_t i;

	/* The English wording (each message is also in Chinese: test_msg checks the pair). */
	th_language("en");
	for (i = 0; i < N_ROWS(rows); i++) {
		struct conv c;
		conv_run(&c, rows[i].in, rows[i].len, rows[i].enc);
		CHECK_INT(c.rc, -1);
		CHECK(c.out == NULL);
		CHECK(c.used == NULL);
		if (!CHECK(strstr(c.err, rows[i].want1) && strstr(c.err, rows[i].want2)))
			CHECK_STR(c.err, rows[i].want1);
		CHECK(c.err[0] && c.err[strlen(c.err) - 1] != '\n');
	}
	th_language("zh");
	{
		struct conv c;
		conv_run(&c, "abc\0def", 7, NULL);
		CHECK(strstr(c.err, msg_english() ? "NUL byte at byte 3" : "第 3 字节是 NUL") != NULL);
	}
}

TEST(text_to_utf8_small_err_buffer)
{
	char err[8];
	char *out = NULL;
	size_t len = 0;

	CHECK_INT(text_to_utf8("a\0", 2, NULL, &out, &len, NULL, err, sizeof err), -1);
	CHECK_INT(strlen(err), 7);
	CHECK(out == NULL);
}

TEST(text_from_utf8_rows)
{
	static const struct {
		const char *s;
		const char *enc;
		const char *want;
		size_t want_len;
	} rows[] = {
	    {"整改", "GB18030", "\xD5\xFB\xB8\xC4", 4},
	    {"整改", "GBK", "\xD5\xFB\xB8\xC4", 4},
	    /* Characters a legacy terminal cannot show become '?', one per character. */
	    {"a整b", "ASCII", "a?b", 3},
	    {"é整😀", "ISO-8859-1", "\xE9??", 3},
	    {"\xF0\x9F\x98\x80 ok", "GBK", "? ok", 4},
	    {"a\xFF" "b", "GB18030", "a?b", 3},
	    {"a\xE6\x95", "GB18030", "a??", 3}, /* a cut-off character is two bad bytes */
	    {"整", "UTF-16LE", "\x74\x65", 2},
	    {"整\xFF", "UTF-8", "整?", 4},
	    {"", "GB18030", "", 0},
	};
	size_t i;

	for (i = 0; i < N_ROWS(rows); i++) {
		char err[128] = "";
		size_t len = 99;
		char *got = text_from_utf8(rows[i].s, strlen(rows[i].s), rows[i].enc, &len, err,
		                           sizeof err);
		if (!CHECK(got != NULL)) {
			CHECK_STR(err, "");
			continue;
		}
		CHECK_INT(len, rows[i].want_len);
		CHECK(memcmp(got, rows[i].want, rows[i].want_len) == 0);
		free(got);
	}
}

TEST(text_from_utf8_long_text_grows)
{
	/* Long enough that iconv runs out of room several times. */
	size_t n = 5000, i, len = 0;
	char *s = malloc(n * 3 + 1), *got, err[128];

	if (!CHECK(s != NULL))
		return;
	for (i = 0; i < n; i++)
		memcpy(s + i * 3, i % 7 ? "整" : "\xFF\xFF\xFF", 3);
	s[n * 3] = '\0';
	got = text_from_utf8(s, n * 3, "GB18030", &len, err, sizeof err);
	CHECK(got != NULL);
	CHECK(len > 0);
	free(got);
	free(s);
}

TEST(text_from_utf8_unknown_encoding)
{
	char err[128] = "";
	size_t len = 0;

	CHECK(text_from_utf8("x", 1, "no-such-encoding", &len, err, sizeof err) == NULL);
	CHECK(strstr(err, "no-such-encoding") != NULL);
}
