/* test_render_wrap — the window's line breaking without a font, with a fake
 * monospace measure (ASCII one unit, everything else two): UTF-8 decoding
 * that is safe on any bytes, cutting at character boundaries, cleaning,
 * fitting, where lines break (spaces, between Japanese characters, kinsoku,
 * words wider than the line), and that laying out a text measures each
 * character at most twice, however long the text. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render_wrap.h"
#include "util.h"

struct test_render_wrap_count {
	size_t calls;
};

static int test_render_wrap_mono(void *ctx, uint32_t cp)
{
	struct test_render_wrap_count *c = ctx;
	if (c)
		c->calls++;
	return cp < 0x80 ? 1 : 2;
}

/* The lines of s at maxw, joined with '|'. */
static char *test_render_wrap_join(const char *s, int maxw)
{
	struct render_wrap w = { 0 };
	render_wrap_lines(&w, s, strlen(s), maxw, test_render_wrap_mono, NULL);
	struct sbuf b = { 0 };
	for (size_t i = 0; i < w.n; i++) {
		if (i)
			sbuf_addc(&b, '|');
		sbuf_add(&b, s + w.line[i].off, w.line[i].len);
	}
	sbuf_addc(&b, '\0');
	render_wrap_free(&w);
	return sbuf_take(&b);
}

#define TEST_RENDER_WRAP_EQ(s, maxw, want)                                  \
	do {                                                                \
		char *got_ = test_render_wrap_join((s), (maxw));            \
		cr_expect_str_eq(got_, (want), "\"%s\" at %d: %s", (s), (maxw), got_); \
		free(got_);                                                 \
	} while (0)

Test(render_wrap, decodes_utf8_and_replaces_what_is_not)
{
	static const struct {
		const char *s;
		size_t n;
		int len;
		uint32_t cp;
	} cases[] = {
		{ "A", 1, 1, 'A' },
		{ "\xC3\xA9", 2, 2, 0xE9 },
		{ "\xE3\x81\x82", 3, 3, 0x3042 },
		{ "\xF0\x9F\x98\x80", 4, 4, 0x1F600 },
		{ "\xE3\x81\x82", 2, 1, 0xFFFD },     /* cut: the third byte is not there */
		{ "\xE3", 1, 1, 0xFFFD },
		{ "\x80", 1, 1, 0xFFFD },             /* a continuation byte alone */
		{ "\xE9t\xE9", 3, 1, 0xFFFD },         /* Latin-1 é */
		{ "\xC0\xAF", 2, 1, 0xFFFD },          /* overlong '/' */
		{ "\xE0\x80\xAF", 3, 1, 0xFFFD },
		{ "\xED\xA0\x80", 3, 1, 0xFFFD },      /* a surrogate */
		{ "\xF4\x90\x80\x80", 4, 1, 0xFFFD },  /* above U+10FFFF */
		{ "\xF8\x88\x80\x80\x80", 5, 1, 0xFFFD },
		{ "\xFF", 1, 1, 0xFFFD },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* An exact-size copy: a read past n is a read past the block. */
		char *c = xmalloc(cases[i].n);
		memcpy(c, cases[i].s, cases[i].n);
		uint32_t cp = 0;
		int len = render_wrap_next(c, cases[i].n, &cp);
		cr_expect_eq(len, cases[i].len, "case %zu: length %d", i, len);
		cr_expect_eq(cp, cases[i].cp, "case %zu: U+%04X", i, (unsigned)cp);
		free(c);
	}
	uint32_t cp = 1;
	cr_expect_eq(render_wrap_next("", 0, &cp), 0);
}

Test(render_wrap, cuts_between_characters)
{
	const char *s = "a\xE3\x81\x82\xE3\x81\x84";   /* aあい */
	cr_expect_eq(render_wrap_cut(s, 7, 1), 1);
	cr_expect_eq(render_wrap_cut(s, 7, 2), 1);
	cr_expect_eq(render_wrap_cut(s, 7, 3), 1);
	cr_expect_eq(render_wrap_cut(s, 7, 4), 4);
	cr_expect_eq(render_wrap_cut(s, 7, 6), 4);
	cr_expect_eq(render_wrap_cut(s, 7, 99), 7);
	/* Latin-1 and stray bytes are single characters: cut anywhere. */
	cr_expect_eq(render_wrap_cut("caf\xE9s", 5, 4), 4);
	cr_expect_eq(render_wrap_cut("\xC3\xA9\x80\x80", 4, 3), 3);
	char out[6];
	cr_expect_str_eq(render_wrap_copy(out, sizeof out, "ab\xE3\x81\x82\xE3\x81\x84"), "ab\xE3\x81\x82");
	cr_expect_str_eq(render_wrap_copy(out, 4, "abcdef"), "abc");
}

Test(render_wrap, clean_gives_utf8_fit_to_draw)
{
	static const char in[] = "a\tb\r\nc\xE9\x80\x7F\xC2\x85\xE3\x81\x82\xE3\x81";
	struct sbuf b = { 0 };
	render_wrap_clean(&b, in, sizeof in - 1, 1);
	sbuf_addc(&b, '\0');
	cr_expect_str_eq(b.s, "a b \nc\xEF\xBF\xBD\xEF\xBF\xBD  \xE3\x81\x82\xEF\xBF\xBD\xEF\xBF\xBD");
	sbuf_reset(&b);
	render_wrap_clean(&b, "x\ny", 3, 0);
	sbuf_addc(&b, '\0');
	cr_expect_str_eq(b.s, "x y");
	sbuf_free(&b);
}

Test(render_wrap, fit_measures_only_what_it_shows)
{
	struct test_render_wrap_count c = { 0 };
	int w = -1;
	cr_expect_eq(render_wrap_fit("hello world", 11, 5, test_render_wrap_mono, &c, &w), 5);
	cr_expect_eq(w, 5);
	cr_expect_eq(c.calls, 6, "five that fit and the one that does not");
	cr_expect_eq(render_wrap_fit("\xE3\x81\x82\xE3\x81\x84", 6, 3, test_render_wrap_mono, NULL, &w), 3);
	cr_expect_eq(w, 2);
	cr_expect_eq(render_wrap_fit("abc\xE3", 4, 99, test_render_wrap_mono, NULL, &w), 4);
	cr_expect_eq(w, 5, "the cut character counts as U+FFFD");
	/* A megabyte of text, 40 units wide: 41 characters measured. */
	size_t n = 1 << 20;
	char *big = xmalloc(n);
	memset(big, 'x', n);
	c.calls = 0;
	cr_expect_eq(render_wrap_fit(big, n, 40, test_render_wrap_mono, &c, NULL), 40);
	cr_expect_eq(c.calls, 41);
	free(big);
}

Test(render_wrap, breaks_latin_at_spaces)
{
	TEST_RENDER_WRAP_EQ("the quick brown fox", 10, "the quick|brown fox");
	TEST_RENDER_WRAP_EQ("the quick brown fox", 9, "the quick|brown fox");
	TEST_RENDER_WRAP_EQ("the quick brown fox", 8, "the|quick|brown|fox");
	TEST_RENDER_WRAP_EQ("a    b", 2, "a|b");
	TEST_RENDER_WRAP_EQ("fits", 80, "fits");
	TEST_RENDER_WRAP_EQ("trailing   ", 80, "trailing");
	/* A word wider than the line is cut between characters. */
	TEST_RENDER_WRAP_EQ("abcdefghij", 4, "abcd|efgh|ij");
	TEST_RENDER_WRAP_EQ("to: abcdefghij", 4, "to:|abcd|efgh|ij");
	/* One with marks inside (a URL, a filter's token) breaks after the
	 * last mark that fits, not inside a run of letters (issue 11). */
	TEST_RENDER_WRAP_EQ("see http://www.openspf.net/Why?s=mfrom", 12, "see|http://www.|openspf.net/|Why?s=mfrom");
	TEST_RENDER_WRAP_EQ("message-id:@mx1.bulk-mailer.example", 20, "message-id:@mx1.|bulk-mailer.example");
	TEST_RENDER_WRAP_EQ("ab.cdefghijk", 4, "ab.|cdef|ghij|k");
	/* However narrow, a line holds one character. */
	TEST_RENDER_WRAP_EQ("abc", 0, "a|b|c");
	TEST_RENDER_WRAP_EQ("\xE3\x81\x82\xE3\x81\x84", 1, "\xE3\x81\x82|\xE3\x81\x84");
}

Test(render_wrap, breaks_japanese_between_characters_with_kinsoku)
{
	/* あいうえお at 6 units: three characters a line. */
	TEST_RENDER_WRAP_EQ("あいうえお", 6, "あいう|えお");
	/* 。may not start a line: う goes down with it (and え then joins お,
	 * which would be alone on the last line). */
	TEST_RENDER_WRAP_EQ("あいう。えお", 6, "あい|う。|えお");
	/* 「 may not end one. */
	TEST_RENDER_WRAP_EQ("あい「うえ」", 6, "あい|「う|え」");
	/* Latin inside Japanese stays whole; a break between them is fine. */
	TEST_RENDER_WRAP_EQ("件名はHelloです", 9, "件名は|Helloです");
	TEST_RENDER_WRAP_EQ("", 5, "");
}

/* A break inside a run of kanji leaving fewer than three of them on a
 * side is allowed but said (split), so that a name can look for a place
 * where it reads whole ("会|員"); one at a change of script is not.  A
 * katakana word never breaks inside unless it is wider than the line, and
 * then it is cut (インターネ|ット). */
static int test_render_wrap_flags(const char *s, int maxw)
{
	struct render_wrap w = { 0 };
	render_wrap_lines(&w, s, strlen(s), maxw, test_render_wrap_mono, NULL);
	int flags = (w.cut ? 1 : 0) | (w.split ? 2 : 0) | (w.letters ? 4 : 0);
	render_wrap_free(&w);
	return flags;
}

Test(render_wrap, says_when_a_word_without_spaces_is_split)
{
	cr_expect_eq(test_render_wrap_flags("インターネット", 10), 2, "a katakana word wider than its line is split");
	cr_expect_eq(test_render_wrap_flags("abcdefghij", 4), 1 | 4, "a Latin one is cut between letters");
	/* A URL cut after its marks only, even where the line ends right
	 * after one ("r=" | "<UNKNOWN>"), cuts no letters (lesson 07's SPF
	 * link in a narrow transcript was counted as cut). */
	cr_expect_eq(test_render_wrap_flags("ip=192.0.2.66;r=<UNKNOWN>", 16), 1, "a URL after its marks");
	cr_expect_eq(test_render_wrap_flags("r=<UNKNOWN>", 2), 1 | 4, "<UNKNOWN> itself is wider than the line");
	/* Cut or split, the next line does not start with ー or a small kana. */
	TEST_RENDER_WRAP_EQ("インターネット", 6, "イン|ター|ネット");
	TEST_RENDER_WRAP_EQ("レッドチーム", 4, "レッ|ド|チー|ム");
	cr_expect_eq(test_render_wrap_flags("ISP A 会員（動的IP）", 9), 2, "会|員 is inside a word");
	cr_expect_eq(test_render_wrap_flags("メールサーバのまま", 12), 0, "サーバ|の changes script");
	cr_expect_eq(test_render_wrap_flags("あいうえお", 6), 0, "hiragana makes no words of its own");
	cr_expect_eq(test_render_wrap_flags("インターネット", 14), 0);
	TEST_RENDER_WRAP_EQ("レンタルサーバ", 8, "レンタル|サーバ");
}

/* Review 19 (B11): "データセンター（レンタ|ルサーバ）", "インター|ネット",
 * "（動的IP|・25番の制限なし）", a lone す on a badge's last line. */
Test(render_wrap, keeps_katakana_and_latin_words_whole)
{
	/* A katakana run (with ー) breaks only where it meets another script. */
	TEST_RENDER_WRAP_EQ("データセンター（レンタルサーバ）", 20, "データセンター|（レンタルサーバ）");
	TEST_RENDER_WRAP_EQ("インターネットの中", 10, "インター|ネットの中");
	TEST_RENDER_WRAP_EQ("あのインターネット", 14, "あの|インターネット");
	TEST_RENDER_WRAP_EQ("送信元はレンタルサーバです", 16, "送信元は|レンタルサーバ|です");
	/* Full-width letters and digits, and ASCII ones, stay one word too. */
	TEST_RENDER_WRAP_EQ("番号はＩＰ２５Ｂです", 12, "番号は|ＩＰ２５Ｂ|です");
	TEST_RENDER_WRAP_EQ("接続元はIP25Bの網", 10, "接続元は|IP25Bの網");
	/* One wider than its line is split (and says so), not before ッ. */
	TEST_RENDER_WRAP_EQ("インターネット", 10, "インター|ネット");
	/* The middle dot ・ separates katakana words: a break may come before
	 * the word after it, never before the dot itself. */
	TEST_RENDER_WRAP_EQ("（動的IP・25番の制限なし）", 9, "（動的|IP・25番|の制限な|し）");
	TEST_RENDER_WRAP_EQ("メール・サーバ", 8, "メール・|サーバ");
}

/* Review 23 (B12): lesson 10's region title broke inside its words in
 * presenter mode ("ISP C 会員（動/的IP・25番の制/限なし）").  A name or a
 * title (a paragraph of up to 40 characters) breaks between phrases --
 * after 、・）」, before （「 -- where that leaves its line half full;
 * running text fills its lines as Japanese is set, and kinsoku holds. */
Test(render_wrap, names_break_between_phrases)
{
	TEST_RENDER_WRAP_EQ("ISP C 会員（動的IP・25番の制限なし）", 16, "ISP C 会員|（動的IP・|25番の制限なし）");
	TEST_RENDER_WRAP_EQ("ISP C 会員（動的IP・25番の制限なし）", 22, "ISP C 会員（動的IP・|25番の制限なし）");
	TEST_RENDER_WRAP_EQ("（動的IP・25番の制限なし）", 20, "（動的IP・|25番の制限なし）");
	TEST_RENDER_WRAP_EQ("あいうえ、おかきくけこ", 14, "あいうえ、|おかきくけこ");
	TEST_RENDER_WRAP_EQ("あいう「えおかき」くけ", 12, "あいう|「えおかき」|くけ");
	/* not where the line would be left less than half full */
	TEST_RENDER_WRAP_EQ("あ、いうえおかきくけこさ", 14, "あ、いうえおか|きくけこさ");
	/* running text (over 40 characters) fills its lines */
	const char *run = "あいうえ、おかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろ";
	char *got = test_render_wrap_join(run, 20);
	cr_expect(!strncmp(got, "あいうえ、おかきくけ|", strlen("あいうえ、おかきくけ|")), "%s", got);
	free(got);
	/* the lesson's title at every width it may get on two lines or
	 * more: never inside 動的 nor 制限 */
	const char *t = "ISP C 会員（動的IP・25番の制限なし）";
	for (int maxw = 16; maxw < 38; maxw++) {
		got = test_render_wrap_join(t, maxw);
		cr_expect(!strstr(got, "動|的") && !strstr(got, "制|限") && !strstr(got, "的|IP"), "at %d: %s", maxw, got);
		free(got);
	}
}

Test(render_wrap, kinsoku_small_kana_marks_and_brackets)
{
	/* No line starts with a small kana, ー, ・, ： or ！; none ends with （ or 「. */
	TEST_RENDER_WRAP_EQ("あいうっかき", 6, "あい|うっ|かき");
	TEST_RENDER_WRAP_EQ("あいうょかきく", 6, "あい|うょか|きく");
	TEST_RENDER_WRAP_EQ("あいう・かき", 6, "あい|う・|かき");
	TEST_RENDER_WRAP_EQ("あいう！かき", 6, "あい|う！|かき");
	TEST_RENDER_WRAP_EQ("あいう：かき", 6, "あい|う：|かき");
	TEST_RENDER_WRAP_EQ("あい（うえお", 6, "あい|（う|えお");
	TEST_RENDER_WRAP_EQ("あい「うえお」", 6, "あい|「うえ|お」");
}

Test(render_wrap, leaves_no_character_alone_on_the_last_line)
{
	/* The line before gives up its last word when the last line then fits. */
	TEST_RENDER_WRAP_EQ("件名はHelloです", 8, "件名は|Hello|です");
	TEST_RENDER_WRAP_EQ("あいうえおか", 10, "あいうえ|おか");
	TEST_RENDER_WRAP_EQ("これは送信者の都合です", 20, "これは送信者の都合|です");
	TEST_RENDER_WRAP_EQ("the quick brown a", 15, "the quick|brown a");
	TEST_RENDER_WRAP_EQ("abc d", 3, "abc|d");          /* abc d would not fit */
	TEST_RENDER_WRAP_EQ("あいう\nえ", 6, "あいう|え");  /* not across paragraphs */
	TEST_RENDER_WRAP_EQ("あいうえお", 8, "あいう|えお");
}

Test(render_wrap, line_feeds_end_paragraphs)
{
	TEST_RENDER_WRAP_EQ("a\nb", 80, "a|b");
	TEST_RENDER_WRAP_EQ("a\n\nb\n", 80, "a||b|");
	TEST_RENDER_WRAP_EQ("\n", 80, "|");
	TEST_RENDER_WRAP_EQ("one two\nthree", 5, "one|two|three");
}

Test(render_wrap, any_bytes_keep_the_invariants)
{
	/* Random bytes (a fixed seed), at many widths: lines are in order, do
	 * not overlap, stay inside the text, start on a character boundary,
	 * and are no wider than the width unless they hold one character. */
	uint64_t x = 88172645463325252ull;
	for (int round = 0; round < 400; round++) {
		size_t n = (size_t)(round % 97);
		char *s = xmalloc(n ? n : 1);
		for (size_t i = 0; i < n; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			static const char pick[] = " a\n\xE3\x81\x82\x80\xC3\xF0\x9F\xE9、。「";
			s[i] = round % 2 ? (char)(x >> 24) : pick[(x >> 24) % (sizeof pick - 1)];
		}
		int maxw = round % 13;
		struct render_wrap w = { 0 };
		render_wrap_lines(&w, s, n, maxw, test_render_wrap_mono, NULL);
		cr_assert_geq(w.n, 1);
		size_t prev_end = 0;
		for (size_t i = 0; i < w.n; i++) {
			const struct render_wrap_line *l = &w.line[i];
			cr_assert_leq(l->off + l->len, n);
			cr_assert_geq(l->off, prev_end, "round %d: line %zu overlaps", round, i);
			prev_end = l->off + l->len;
			int width = 0, chars = 0;
			for (size_t j = l->off; j < l->off + l->len; chars++) {
				uint32_t cp;
				j += (size_t)render_wrap_next(s + j, l->off + l->len - j, &cp);
				width += test_render_wrap_mono(NULL, cp);
			}
			cr_assert_eq(width, l->w, "round %d: line %zu measured %d, says %d", round, i, width, l->w);
			cr_assert(width <= (maxw > 0 ? maxw : 0) || chars <= 1, "round %d: line %zu too wide", round, i);
			cr_assert_leq(l->w, w.w);
		}
		render_wrap_free(&w);
		free(s);
	}
}

/* Characters in the n bytes at s. */
static size_t test_render_wrap_chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; k++) {
		uint32_t cp;
		i += (size_t)render_wrap_next(s + i, n - i, &cp);
	}
	return k;
}

Test(render_wrap, layout_is_linear_in_the_text)
{
	/* The To: of a mail to 10,000 recipients, 20,000 Japanese characters,
	 * 200 KB without a space, and 200 KB of a URL without a space: each
	 * character measured a few times at most (twice, and twice more where
	 * a long word breaks after a mark), at a narrow and a wide width. */
	struct sbuf texts[4] = { { 0 }, { 0 }, { 0 }, { 0 } };
	for (int i = 0; i < 10000; i++)
		sbuf_addf(&texts[0], "%sstudent%05d@ispb.example", i ? ", " : "", i);
	for (int i = 0; i < 20000; i++)
		sbuf_adds(&texts[1], i % 7 == 6 ? "。" : "件");
	for (int i = 0; i < 200000; i++)
		sbuf_addc(&texts[2], (char)('a' + i % 26));
	for (int i = 0; i < 200000; i++)   /* a URL without end: marks to break after */
		sbuf_addc(&texts[3], i % 5 == 4 ? "./=?-"[i % 4] : (char)('a' + i % 26));
	static const int widths[] = { 7, 60, 333 };
	for (int t = 0; t < 4; t++) {
		size_t chars = test_render_wrap_chars(texts[t].s, texts[t].len);
		for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++) {
			struct test_render_wrap_count c = { 0 };
			struct render_wrap w = { 0 };
			render_wrap_lines(&w, texts[t].s, texts[t].len, widths[k], test_render_wrap_mono, &c);
			cr_expect_leq(c.calls, 4 * chars, "text %d at %d: %zu measures for %zu characters", t,
				      widths[k], c.calls, chars);
			cr_expect_gt(w.n, (size_t)1);
			render_wrap_free(&w);
		}
		sbuf_free(&texts[t]);
	}
}

/* A figure and the Japanese unit after it stay on one line (JIS X 4051;
 * lesson 07 at 1.298 s: 「TLS の暗号文 28／バイト」); a figure before a
 * word of letters still breaks at the space. */
Test(render_wrap, keeps_a_figure_with_its_japanese_unit)
{
	TEST_RENDER_WRAP_EQ("TLS の暗号文 28 バイト", 17, "TLS の暗号文|28 バイト");
	TEST_RENDER_WRAP_EQ("port 25 open", 8, "port 25|open");
}

/* A straight quote right after the Japanese it closes does not start a
 * line: an event row's subject "【重要】口座の確認をお願いします" had its
 * closing '".' alone on the next line (lesson 02 at 60 s). */
Test(render_wrap, a_closing_quote_stays_with_its_text)
{
	TEST_RENDER_WRAP_EQ("a \"ああああ\".", 11, "a \"あああ|あ\".");
}
