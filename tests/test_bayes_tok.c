/* test_bayes_tok — the spam filter's tokenizer on real MIME samples
 * (the .eml files in tests/data/bayes): transfer encodings, Japanese charsets, RFC 2047
 * headers, HTML with links, an HTML part's charset named only in its <meta>,
 * and broken mail that must not crash it. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bayes_tok.h"

struct test_bayes_toks {
	char **tok;
	size_t n, cap;
};

static void test_bayes_tok_collect(void *ud, const char *tok, size_t len)
{
	struct test_bayes_toks *t = ud;
	cr_assert(len > 0 && len <= BAYES_TOK_MAX, "token of %zu bytes", len);
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->tok = realloc(t->tok, t->cap * sizeof *t->tok);
	}
	t->tok[t->n] = malloc(len + 1);
	memcpy(t->tok[t->n], tok, len);
	t->tok[t->n++][len] = '\0';
}

static void test_bayes_toks_free(struct test_bayes_toks *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->tok[i]);
	free(t->tok);
	memset(t, 0, sizeof *t);
}

static int test_bayes_has(const struct test_bayes_toks *t, const char *tok)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->tok[i], tok) == 0)
			return 1;
	return 0;
}

#define HAS(t, s) cr_expect(test_bayes_has(&(t), (s)), "expected token \"%s\"", (s))
#define HASNT(t, s) cr_expect(!test_bayes_has(&(t), (s)), "unexpected token \"%s\"", (s))

static char *test_bayes_read(const char *name, size_t *len)
{
	char path[2][256];
	snprintf(path[0], sizeof path[0], "tests/data/bayes/%s", name);
	snprintf(path[1], sizeof path[1], "data/bayes/%s", name);
	for (int i = 0; i < 2; i++) {
		FILE *f = fopen(path[i], "rb");
		if (!f)
			continue;
		char *buf = malloc(1 << 16);
		*len = fread(buf, 1, 1 << 16, f);
		fclose(f);
		return buf;
	}
	cr_assert_fail("tests/data/bayes/%s not found (run from the top directory)", name);
	return NULL;
}

static struct test_bayes_toks test_bayes_tokenize(const char *data, size_t len)
{
	struct test_bayes_toks t = { NULL, 0, 0 };
	struct bayes_tok *tk = bayes_tok_new();
	bayes_tok_message(tk, data, len, test_bayes_tok_collect, &t);
	bayes_tok_free(tk);
	return t;
}

static struct test_bayes_toks test_bayes_file(const char *name)
{
	size_t len;
	char *data = test_bayes_read(name, &len);
	struct test_bayes_toks t = test_bayes_tokenize(data, len);
	free(data);
	return t;
}

/* Every token must be valid UTF-8: the GUI draws them. */
static int test_bayes_valid_utf8(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	while (*u) {
		int n = *u < 0x80 ? 1 : (*u & 0xe0) == 0xc0 ? 2 : (*u & 0xf0) == 0xe0 ? 3
		      : (*u & 0xf8) == 0xf0 ? 4 : 0;
		if (!n)
			return 0;
		for (int i = 1; i < n; i++)
			if ((u[i] & 0xc0) != 0x80)
				return 0;
		u += n;
	}
	return 1;
}

Test(bayes_tok, base64_utf8_body_and_encoded_subject)
{
	struct test_bayes_toks t = test_bayes_file("base64-utf8.eml");
	HAS(t, "subject:当選");           /* =?UTF-8?B?…?= decoded, then bigrams */
	HAS(t, "subject:抽選");
	HAS(t, "当選");                   /* the body after base64 */
	HAS(t, "賞金");
	HAS(t, "from:office@prize.example.net");
	HAS(t, "from:@prize.example.net");
	HAS(t, "url:prize.example.net");  /* a link written in plain text */
	HAS(t, "url:example.net");
	HAS(t, "content-transfer-encoding:base64");
	HASNT(t, "date:Wed");             /* Date says when, not what */
	test_bayes_toks_free(&t);
}

Test(bayes_tok, quoted_printable_latin1)
{
	struct test_bayes_toks t = test_bayes_file("qp-latin1.eml");
	HAS(t, "café");                   /* =E9 in ISO-8859-1 becomes UTF-8 */
	HAS(t, "prêt");
	HAS(t, "encyclopedia");           /* joined across the soft line break */
	HAS(t, "subject:café");           /* a Q encoded-word */
	test_bayes_toks_free(&t);
}

Test(bayes_tok, iso_2022_jp)
{
	struct test_bayes_toks t = test_bayes_file("iso-2022-jp.eml");
	HAS(t, "こん");
	HAS(t, "資料");
	HAS(t, "subject:会議");
	HAS(t, "from:山田");
	test_bayes_toks_free(&t);
}

Test(bayes_tok, shift_jis)
{
	struct test_bayes_toks t = test_bayes_file("shift-jis.eml");
	HAS(t, "激安");
	HAS(t, "半額");
	HASNT(t, "中今");                 /* the full-width ！ separates the runs */
	test_bayes_toks_free(&t);
}

Test(bayes_tok, euc_jp)
{
	struct test_bayes_toks t = test_bayes_file("euc-jp.eml");
	HAS(t, "授業");
	HAS(t, "休講");
	test_bayes_toks_free(&t);
}

Test(bayes_tok, html_links_comments_entities)
{
	struct test_bayes_toks t = test_bayes_file("html-links.eml");
	HAS(t, "url:www.phish.example.net");
	HAS(t, "url:example.net");
	HAS(t, "url:verify");             /* a word of the link's path */
	HAS(t, "url:cdn.images.example.org");
	HAS(t, "url:198.51.100.7");       /* the host after the "user@" disguise */
	HAS(t, "url:ip");
	HAS(t, "url:userinfo");
	HAS(t, "viagra");                 /* a comment inside a word vanishes */
	HAS(t, "free");                   /* &#70; decoded */
	HAS(t, "plain");                  /* the text/plain alternative too */
	HASNT(t, "color");                /* <style> is not text */
	HASNT(t, "hidden");               /* nor is <script> */
	HASNT(t, "href");                 /* nor are tags */
	HASNT(t, "preamble");
	HASNT(t, "epilogue");
	test_bayes_toks_free(&t);
}

/* ---- an HTML part's charset named only in its <meta> ---------------------- */

/* "деньги здесь" in KOI8-R (in Latin-1: "äåîøçé úäåóø"). */
#define TEST_BAYES_KOI8 "\xc4\xc5\xce\xd8\xc7\xc9 \xda\xc4\xc5\xd3\xd8"

#define TEST_BAYES_HTML "Content-Type: text/html\r\n"
#define TEST_BAYES_EQUIV "<html><head><meta http-equiv=\"Content-Type\" " \
                         "content=\"text/html; charset=%s\"></head><body>"

static int test_bayes_same(const struct test_bayes_toks *a, const struct test_bayes_toks *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->tok[i], b->tok[i]) != 0)
			return 0;
	return 1;
}

/* A message whose HTML body is head + TEST_BAYES_KOI8 + tail, with
 * "%s" in head and tail replaced by cs. */
static struct test_bayes_toks test_bayes_meta(const char *ctype, const char *head,
                                              const char *cs, const char *tail)
{
	char h[8192], tl[1024], m[16384];
	snprintf(h, sizeof h, head, cs);
	snprintf(tl, sizeof tl, tail, cs);
	int n = snprintf(m, sizeof m, "Subject: hi\r\n%s\r\n%s" TEST_BAYES_KOI8 "%s\r\n", ctype,
	                 h, tl);
	cr_assert(n > 0 && (size_t)n < sizeof m);
	return test_bayes_tokenize(m, (size_t)n);
}

/* The meta's charset is not taken: the part is read as undeclared, as
 * before (these bytes are not UTF-8, so Latin-1). */
static void test_bayes_meta_ignored(const char *ctype, const char *head, const char *cs,
                                    const char *tail)
{
	struct test_bayes_toks t = test_bayes_meta(ctype, head, cs, tail);
	cr_expect(test_bayes_has(&t, "äåîøçé") && test_bayes_has(&t, "úäåóø") &&
	          !test_bayes_has(&t, "деньги"),
	          "meta charset \"%s\" taken in %s%s", cs, head, tail);
	test_bayes_toks_free(&t);
}

/* Not taken, in a tag only: the very tokens of the same message with a
 * name no converter knows. */
static void test_bayes_meta_same(const char *cs)
{
	struct test_bayes_toks a = test_bayes_meta(TEST_BAYES_HTML, TEST_BAYES_EQUIV, cs, "");
	struct test_bayes_toks b = test_bayes_meta(TEST_BAYES_HTML, TEST_BAYES_EQUIV, "x-none", "");
	cr_expect(test_bayes_same(&a, &b), "meta charset \"%s\" changed the tokens", cs);
	test_bayes_toks_free(&a);
	test_bayes_toks_free(&b);
}

static void test_bayes_meta_taken(const char *ctype, const char *head, const char *cs,
                                  const char *tail)
{
	struct test_bayes_toks t = test_bayes_meta(ctype, head, cs, tail);
	cr_expect(test_bayes_has(&t, "деньги") && test_bayes_has(&t, "здесь"),
	          "meta charset \"%s\" not taken in %s%s", cs, head, tail);
	HASNT(t, "äåîøçé");
	test_bayes_toks_free(&t);
}

Test(bayes_tok, html_meta_charset_decodes_the_part)
{
	struct test_bayes_toks t = test_bayes_meta(TEST_BAYES_HTML, TEST_BAYES_EQUIV, "koi8-r",
	                                           "</body></html>");
	HAS(t, "деньги");                 /* KOI8-R, named only in the HTML */
	HAS(t, "здесь");
	HASNT(t, "äåîøçé");               /* not Latin-1 as before */
	HAS(t, "content-type:text/html");
	test_bayes_toks_free(&t);
	t = test_bayes_file("html-meta-koi8.eml");  /* quoted-printable, a link */
	HAS(t, "Деньги");                 /* Cyrillic keeps its case */
	HAS(t, "скидка");
	HAS(t, "сейчас");
	HAS(t, "url:shop.example.ru");
	HASNT(t, "óëéäëá");               /* "скидка" read as Latin-1 */
	test_bayes_toks_free(&t);
	/* <meta charset>, in capitals, unquoted, after other metas. */
	test_bayes_meta_taken(TEST_BAYES_HTML, "<HTML><META name=x content=y>"
	                      "<META CHARSET=%s/><p>", "KOI8-R", "</p>");
	test_bayes_meta_taken(TEST_BAYES_HTML, "<meta charset = '%s' >", "koi8-r", "");
	/* No Content-Type at all, or text/plain, but HTML all the same. */
	test_bayes_meta_taken("", "<html><meta charset=\"%s\"><body>", "koi8-r", "");
	test_bayes_meta_taken("Content-Type: text/plain\r\n",
	                      "<html><meta charset=\"%s\"><body>", "koi8-r", "");
	/* Transfer-encoded: the meta is read after quoted-printable. */
	test_bayes_meta_taken(TEST_BAYES_HTML "Content-Transfer-Encoding: quoted-printable\r\n",
	                      "<meta charset=3D\"%s\"><p>", "koi8-r", "</p>");
}

Test(bayes_tok, html_meta_charset_only_when_the_header_names_none)
{
	/* The same bytes, declared windows-1251 in the header. */
	struct test_bayes_toks t = test_bayes_meta("Content-Type: text/html; charset=windows-1251\r\n",
	                                           TEST_BAYES_EQUIV, "koi8-r", "</body></html>");
	HASNT(t, "деньги");
	HAS(t, "ДЕОШЗЙ");                 /* 0xc4… in windows-1251 */
	test_bayes_toks_free(&t);
	/* Plain text is not HTML: its "<meta" is text. */
	test_bayes_meta_ignored("Content-Type: text/plain\r\n", "see <meta charset=%s> ", "koi8-r", "");
	/* Not in a <meta>: a link or the text saying charset=. */
	test_bayes_meta_ignored(TEST_BAYES_HTML, "<html><a href=\"http://x.example/?charset=%s\">"
	                        "charset=koi8-r</a> ", "koi8-r", "");
	test_bayes_meta_ignored(TEST_BAYES_HTML, "<html><metadata charset=%s>", "koi8-r", "");
}

Test(bayes_tok, html_meta_charset_bogus_falls_back)
{
	/* Unknown names read the part as before: undeclared. */
	static const char *const bogus[] = { "x-unknown", "koi8-zz", ".", "-", "+++",
	                                     "utf-8:;", "koi8-r:x" };
	for (size_t i = 0; i < sizeof bogus / sizeof bogus[0]; i++) {
		test_bayes_meta_ignored(TEST_BAYES_HTML, TEST_BAYES_EQUIV, bogus[i], "</body>");
		test_bayes_meta_same(bogus[i]);
	}
	/* Charsets in which the ASCII of the markup is not itself: the tag
	 * could not have been read, so they are not the part's. */
	static const char *const unascii[] = { "utf-16", "UTF-16LE", "utf-16be", "utf-32",
	                                       "ucs-2", "utf-7", "ibm037", "cp500" };
	for (size_t i = 0; i < sizeof unascii / sizeof unascii[0]; i++) {
		test_bayes_meta_ignored(TEST_BAYES_HTML, TEST_BAYES_EQUIV, unascii[i], "</body>");
		test_bayes_meta_same(unascii[i]);
	}
	/* A name longer than any charset's is cut, so not taken. */
	test_bayes_meta_ignored(TEST_BAYES_HTML, TEST_BAYES_EQUIV,
	                        "koi8-r-koi8-r-koi8-r-koi8-r-koi8-r-koi8-r-koi8-r-koi8-r", "");
	/* ASCII-compatible charsets other than the text's are taken as named. */
	struct test_bayes_toks t = test_bayes_meta(TEST_BAYES_HTML, TEST_BAYES_EQUIV,
	                                           "iso-8859-5", "</body>");
	HAS(t, "ФХЮиЧЩ");                 /* 0xc4… in ISO-8859-5 */
	test_bayes_toks_free(&t);
}

/* before, then 'a' up to byte at, then tag. */
static const char *test_bayes_pad(char *buf, size_t at, const char *before, const char *tag)
{
	size_t b = strlen(before), t = strlen(tag);
	cr_assert(b <= at && at + t < 8000);
	memcpy(buf, before, b);
	memset(buf + b, 'a', at - b);
	memcpy(buf + at, tag, t + 1);
	return buf;
}

Test(bayes_tok, html_meta_charset_far_or_malformed)
{
	char pad[8000];
	/* A <style> of 2 KiB before the meta: still in the first 4 KiB. */
	test_bayes_meta_taken(TEST_BAYES_HTML, test_bayes_pad(pad, 2000, "<html><head><style>",
	                      "</style><meta charset=%s><body>"), "koi8-r", "");
	/* Starting beyond 4 KiB: not looked for. */
	test_bayes_meta_ignored(TEST_BAYES_HTML, test_bayes_pad(pad, 4200, "<html><head><style>",
	                        "</style><meta charset=%s><body>"), "koi8-r", "");
	/* Starting just inside and ending beyond. */
	test_bayes_meta_taken(TEST_BAYES_HTML, test_bayes_pad(pad, 4080, "<html><style>",
	                      "</style><meta http-equiv=\"Content-Type\" "
	                      "content=\"text/html; charset=%s\"><body>"), "koi8-r", "");
	/* Malformed markup: an empty name, a name cut by the end of the part,
	 * a tag not closed within 512 bytes, one with no name, an unclosed
	 * quote, a comment-like mess. */
	test_bayes_meta_ignored(TEST_BAYES_HTML, "<html><meta charset=>%s<p>", "koi8-r", "");
	test_bayes_meta_ignored(TEST_BAYES_HTML, "<html><meta charset=\"\">%s<p>", "koi8-r", "");
	const char *cut = "Content-Type: text/html\r\n\r\n<p>" TEST_BAYES_KOI8 "<meta charset=koi8-r";
	struct test_bayes_toks t = test_bayes_tokenize(cut, strlen(cut));
	HAS(t, "äåîøçé");                 /* "koi8-r" may be the start of a longer name */
	test_bayes_toks_free(&t);
	t = test_bayes_tokenize(cut, strlen(cut) - 2);
	HAS(t, "äåîøçé");                 /* "koi8" is not taken for anything */
	test_bayes_toks_free(&t);
	t = test_bayes_meta(TEST_BAYES_HTML, "<p>x</p>", "koi8-r", "<meta charset=%s");
	HAS(t, "деньги");                 /* a meta after the text, its name ended */
	test_bayes_toks_free(&t);
	test_bayes_meta_ignored(TEST_BAYES_HTML, test_bayes_pad(pad, 600, "<html><meta name=x ",
	                        "charset=%s><p>"), "koi8-r", "");
	test_bayes_meta_ignored(TEST_BAYES_HTML, "<p>", "koi8-r", "<meta charset %s><meta charset=");
	test_bayes_meta_ignored(TEST_BAYES_HTML, "<p>", "", "<meta");
	test_bayes_meta_taken(TEST_BAYES_HTML, "<meta charset=\"%s<p>", "koi8-r", "");
	test_bayes_meta_taken(TEST_BAYES_HTML, "<<meta<meta\tcharset=%s\n>", "koi8-r", "");
	/* Every cut of a meta message tokenizes, to valid UTF-8. */
	const char *m = "Content-Type: text/html\r\n\r\n<meta http-equiv=Content-Type "
	                "content='text/html; charset=koi8-r'>" TEST_BAYES_KOI8;
	for (size_t len = 0; len <= strlen(m); len++) {
		struct test_bayes_toks c = test_bayes_tokenize(m, len);
		for (size_t i = 0; i < c.n; i++)
			cr_assert(test_bayes_valid_utf8(c.tok[i]), "cut at %zu: %s", len, c.tok[i]);
		test_bayes_toks_free(&c);
	}
}

Test(bayes_tok, broken_mime_still_gives_what_it_can)
{
	struct test_bayes_toks t = test_bayes_file("broken.eml");
	HAS(t, "survivor");               /* an unknown charset is read as UTF-8/Latin-1 */
	HAS(t, "url:unclosed.example.com");   /* inside an unclosed inner multipart */
	HAS(t, "subject:broken");
	test_bayes_toks_free(&t);
}

Test(bayes_tok, cjk_bigrams_and_words)
{
	const char *m = "Subject: test\r\n\r\n当選おめでとう FREE money!! 株 x\r\n";
	struct test_bayes_toks t = test_bayes_tokenize(m, strlen(m));
	static const char *const want[] = { "当選", "選お", "おめ", "めで", "でと", "とう" };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		HAS(t, want[i]);
	HAS(t, "株");                     /* a lone character stands for itself */
	HAS(t, "free");                   /* case is folded: FREE, Free, free */
	HASNT(t, "FREE");
	HAS(t, "money!!");
	HASNT(t, "x");                    /* shorter than three characters */
	test_bayes_toks_free(&t);
}

Test(bayes_tok, received_gives_hosts_and_addresses)
{
	const char *m = "Received: from mail.example.net (mail.example.net [192.0.2.7])\r\n"
	                "\tby mx.example.org (8.12.2/8.12.2) with ESMTP id g83K2buK013193\r\n"
	                "\tfor <alice@Example.ORG>; Thu, 22 Aug 2002 12:36:23 +0100\r\n"
	                "Subject: hi\r\n\r\nbody\r\n";
	struct test_bayes_toks t = test_bayes_tokenize(m, strlen(m));
	HAS(t, "received:mail.example.net");
	HAS(t, "received:example.net");     /* the registered domain */
	HAS(t, "received:192.0.2.7");
	HAS(t, "received:192.0.2");         /* and its /24 */
	HAS(t, "received:mx.example.org");
	HAS(t, "received:example.org");     /* the address's domain, lower case */
	HASNT(t, "received:alice");         /* not its local part */
	HASNT(t, "received:from");          /* nor the words, */
	HASNT(t, "received:esmtp");
	HASNT(t, "received:g83k2buk013193"); /* the queue id, */
	HASNT(t, "received:2002");          /* the date */
	HASNT(t, "received:8.12.2");        /* or a version number */
	test_bayes_toks_free(&t);
}

Test(bayes_tok, case_is_folded)
{
	const char *m = "Subject: FREE Offer\r\n\r\nFREE free Free ÉTÉ Ｆｒｅｅ\r\n";
	struct test_bayes_toks t = test_bayes_tokenize(m, strlen(m));
	HAS(t, "subject:free");
	HAS(t, "subject:offer");
	HAS(t, "free");
	HAS(t, "été");                      /* Latin-1 capitals too */
	HASNT(t, "FREE");
	HASNT(t, "Free");
	HASNT(t, "ÉTÉ");
	size_t n = 0;
	for (size_t i = 0; i < t.n; i++)
		n += strcmp(t.tok[i], "free") == 0;
	cr_expect_eq(n, 4, "FREE, free, Free and full-width Ｆｒｅｅ are one word");
	test_bayes_toks_free(&t);
}

Test(bayes_tok, long_words_become_skip_tokens)
{
	const char *m = "\r\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA short\r\n";
	struct test_bayes_toks t = test_bayes_tokenize(m, strlen(m));
	HAS(t, "skip:a 40");              /* 48 characters, rounded down to ten */
	HAS(t, "short");
	test_bayes_toks_free(&t);
}

Test(bayes_tok, text_without_header_is_a_body)
{
	const char *m = "just some words here";
	struct test_bayes_toks t = test_bayes_tokenize(m, strlen(m));
	HAS(t, "just");
	HAS(t, "words");
	test_bayes_toks_free(&t);
}

Test(bayes_tok, mbox_from_line_is_skipped)
{
	const char *m = "From alice@example.com  Thu Aug 22 12:36:23 2002\r\n"
	                "Subject: hello there\r\n\r\nbody text\r\n";
	struct test_bayes_toks t = test_bayes_tokenize(m, strlen(m));
	HAS(t, "subject:hello");
	HAS(t, "body");
	HASNT(t, "alice@example.com");
	test_bayes_toks_free(&t);
}

Test(bayes_tok, same_bytes_same_tokens)
{
	size_t len;
	char *data = test_bayes_read("html-links.eml", &len);
	struct test_bayes_toks a = test_bayes_tokenize(data, len);
	struct test_bayes_toks b = test_bayes_tokenize(data, len);
	cr_assert_eq(a.n, b.n);
	for (size_t i = 0; i < a.n; i++)
		cr_assert_str_eq(a.tok[i], b.tok[i]);
	test_bayes_toks_free(&a);
	test_bayes_toks_free(&b);
	free(data);
}

/* Every prefix of every sample, in a buffer of exactly that size (so the
 * sanitizer build catches a read past the end), gives valid tokens. */
Test(bayes_tok, every_truncation_is_safe)
{
	static const char *const files[] = { "base64-utf8.eml", "qp-latin1.eml",
	                                     "iso-2022-jp.eml", "shift-jis.eml", "euc-jp.eml",
	                                     "html-links.eml", "broken.eml", "html-meta-koi8.eml" };
	struct bayes_tok *tk = bayes_tok_new();
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		size_t len;
		char *data = test_bayes_read(files[f], &len);
		for (size_t n = 0; n <= len; n++) {
			char *cut = malloc(n ? n : 1);
			memcpy(cut, data, n);
			struct test_bayes_toks t = { NULL, 0, 0 };
			bayes_tok_message(tk, cut, n, test_bayes_tok_collect, &t);
			for (size_t i = 0; i < t.n; i++)
				cr_assert(test_bayes_valid_utf8(t.tok[i]), "%s[0..%zu): token not UTF-8",
				          files[f], n);
			test_bayes_toks_free(&t);
			free(cut);
		}
		free(data);
	}
	bayes_tok_free(tk);
}

/* Hostile structure: deep nesting and a boundary on every line. */
Test(bayes_tok, deep_nesting_is_bounded)
{
	char *m = malloc(200000);
	size_t n = 0;
	for (int i = 0; i < 2000; i++)
		n += (size_t)sprintf(m + n, "Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n",
		                     i, i);
	n += (size_t)sprintf(m + n, "\r\ndeepest words\r\n");
	struct test_bayes_toks t = test_bayes_tokenize(m, n);
	HASNT(t, "deepest");              /* past the depth limit nothing is read */
	test_bayes_toks_free(&t);
	free(m);
}
