/* test_dkim_canon — RFC 6376 canonicalization (sim/dkim_canon.c) against
 * the RFC's own example and known hashes, and the tag-list parser
 * (sim/taglist.c) the signature and key records are written in. */
#include <criterion/criterion.h>

#include <string.h>

#include "dkim_canon.h"
#include "dkim_key.h"
#include "mime.h"
#include "taglist.h"

static char *test_dkim_canon_body(enum dkim_canon c, const char *body, size_t *len)
{
	struct sbuf b;
	sbuf_init(&b);
	dkim_canon_body(&b, c, body, strlen(body));
	*len = b.len;
	return sbuf_take(&b);
}

static char *test_dkim_canon_hash(enum dkim_canon c, const char *body)
{
	size_t len;
	unsigned char d[32];
	char *cb = test_dkim_canon_body(c, body, &len);
	dkim_key_sha256(cb, len, d);
	free(cb);
	struct sbuf b;
	sbuf_init(&b);
	mime_b64_encode(&b, d, sizeof d, 0);
	return sbuf_take(&b);
}

static char *test_dkim_canon_header(enum dkim_canon c, const char *raw)
{
	struct sbuf b;
	sbuf_init(&b);
	dkim_canon_header(&b, c, raw, strlen(raw));
	return sbuf_take(&b);
}

/* ---- RFC 6376 section 3.4.5: the worked example --------------------------- */

/* The example's header fields as on the wire (without their final CRLF)
 * and its body. */
static const char test_dkim_canon_field_a[] = "A: X";
static const char test_dkim_canon_field_b[] = "B : Y\t\r\n\tZ  ";
static const char test_dkim_canon_body_ex[] = " C \r\nD \t E\r\n\r\n\r\n";

Test(dkim_canon, rfc6376_example_relaxed_header)
{
	char *a = test_dkim_canon_header(DKIM_CANON_RELAXED, test_dkim_canon_field_a);
	char *b = test_dkim_canon_header(DKIM_CANON_RELAXED, test_dkim_canon_field_b);
	cr_assert_str_eq(a, "a:X\r\n");
	cr_assert_str_eq(b, "b:Y Z\r\n");
	free(a);
	free(b);
}

Test(dkim_canon, rfc6376_example_relaxed_body)
{
	size_t len;
	char *b = test_dkim_canon_body(DKIM_CANON_RELAXED, test_dkim_canon_body_ex, &len);
	cr_assert_str_eq(b, " C\r\nD E\r\n");
	cr_assert_eq(len, strlen(" C\r\nD E\r\n"));
	free(b);
}

Test(dkim_canon, rfc6376_example_simple_header)
{
	char *a = test_dkim_canon_header(DKIM_CANON_SIMPLE, test_dkim_canon_field_a);
	char *b = test_dkim_canon_header(DKIM_CANON_SIMPLE, test_dkim_canon_field_b);
	cr_assert_str_eq(a, "A: X\r\n");
	cr_assert_str_eq(b, "B : Y\t\r\n\tZ  \r\n");
	free(a);
	free(b);
}

Test(dkim_canon, rfc6376_example_simple_body)
{
	size_t len;
	char *b = test_dkim_canon_body(DKIM_CANON_SIMPLE, test_dkim_canon_body_ex, &len);
	cr_assert_str_eq(b, " C \r\nD \t E\r\n");
	free(b);
}

/* ---- bodies ---------------------------------------------------------------- */

Test(dkim_canon, empty_body_hashes)
{
	/* RFC 6376 section 3.4.3: an empty body is one CRLF under simple;
	 * section 3.4.4: it stays empty under relaxed.  The SHA-256 values
	 * every DKIM implementation shows for an empty body. */
	char *s = test_dkim_canon_hash(DKIM_CANON_SIMPLE, "");
	char *r = test_dkim_canon_hash(DKIM_CANON_RELAXED, "");
	cr_assert_str_eq(s, "frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=");
	cr_assert_str_eq(r, "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
	free(s);
	free(r);
	/* Only empty lines is the same as empty. */
	s = test_dkim_canon_hash(DKIM_CANON_SIMPLE, "\r\n\r\n\r\n");
	r = test_dkim_canon_hash(DKIM_CANON_RELAXED, " \t\r\n\r\n  \r\n");
	cr_assert_str_eq(s, "frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=");
	cr_assert_str_eq(r, "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
	free(s);
	free(r);
}

Test(dkim_canon, simple_body_keeps_blanks_and_ends_with_crlf)
{
	size_t len;
	char *b = test_dkim_canon_body(DKIM_CANON_SIMPLE, "a  b \r\n \r\n\r\n", &len);
	cr_assert_str_eq(b, "a  b \r\n \r\n", "a line of one space is not empty");
	free(b);
	b = test_dkim_canon_body(DKIM_CANON_SIMPLE, "no newline at the end", &len);
	cr_assert_str_eq(b, "no newline at the end\r\n");
	free(b);
}

Test(dkim_canon, relaxed_body_lines)
{
	size_t len;
	char *b = test_dkim_canon_body(DKIM_CANON_RELAXED, "a \t b\t\r\n\tc\r\nlast  ", &len);
	cr_assert_str_eq(b, "a b\r\n c\r\nlast\r\n");
	free(b);
	/* A bare LF or CR is text, not a line end. */
	b = test_dkim_canon_body(DKIM_CANON_RELAXED, "x\ny\r\n\r\n", &len);
	cr_assert_str_eq(b, "x\ny\r\n");
	free(b);
}

Test(dkim_canon, relaxed_header_details)
{
	char *h = test_dkim_canon_header(DKIM_CANON_RELAXED, "SUBJECT \t:  \t Hello \t\r\n  World  ");
	cr_assert_str_eq(h, "subject:Hello World\r\n");
	free(h);
	h = test_dkim_canon_header(DKIM_CANON_RELAXED, "X-Empty:");
	cr_assert_str_eq(h, "x-empty:\r\n");
	free(h);
	h = test_dkim_canon_header(DKIM_CANON_RELAXED, "X-Blank:  \r\n ");
	cr_assert_str_eq(h, "x-blank:\r\n");
	free(h);
}

Test(dkim_canon, parse_c_values)
{
	enum dkim_canon h, b;
	cr_assert_eq(dkim_canon_parse("relaxed/simple", 14, &h, &b), 0);
	cr_assert(h == DKIM_CANON_RELAXED && b == DKIM_CANON_SIMPLE);
	cr_assert_eq(dkim_canon_parse("relaxed", 7, &h, &b), 0);
	cr_assert(h == DKIM_CANON_RELAXED && b == DKIM_CANON_SIMPLE, "body defaults to simple");
	cr_assert_eq(dkim_canon_parse("simple/relaxed", 14, &h, &b), 0);
	cr_assert(h == DKIM_CANON_SIMPLE && b == DKIM_CANON_RELAXED);
	cr_assert_eq(dkim_canon_parse("relaxed/", 8, &h, &b), -1);
	cr_assert_eq(dkim_canon_parse("Relaxed", 7, &h, &b), -1, "words are case-sensitive");
	cr_assert_eq(dkim_canon_parse("relaxed/relaxed/x", 17, &h, &b), -1);
	cr_assert_eq(dkim_canon_parse("nofws", 5, &h, &b), -1);
	cr_assert_eq(dkim_canon_parse("", 0, &h, &b), -1);
}

/* ---- tag lists -------------------------------------------------------------- */

static int test_dkim_canon_tags(const char *s, struct taglist *tl, char *err, size_t errsz)
{
	return taglist_parse(tl, s, strlen(s), err, errsz);
}

Test(dkim_taglist, folded_list_with_trailing_semicolon)
{
	static const char s[] = " v=1; a = rsa-sha256;\r\n\th=from : to;\r\n b=AB CD\r\n EF== ;";
	struct taglist tl;
	char err[128];
	cr_assert_eq(test_dkim_canon_tags(s, &tl, err, sizeof err), 0, "%s", err);
	cr_assert_eq(tl.n, 4);
	const struct taglist_tag *a = taglist_find(&tl, "a");
	cr_assert_not_null(a);
	cr_assert(taglist_value_is(a, "rsa-sha256"), "FWS around '=' is not part of the value");
	const struct taglist_tag *h = taglist_find(&tl, "h");
	char *hv = taglist_value_dup(h);
	cr_assert_str_eq(hv, "from : to", "inner white space stays");
	free(hv);
	const struct taglist_tag *b = taglist_find(&tl, "b");
	char *bc = taglist_value_compact(b);
	cr_assert_str_eq(bc, "ABCDEF==");
	free(bc);
	/* eq_end..spec_end covers the value and the FWS around it. */
	cr_assert_eq(s[b->eq_end - 1], '=');
	cr_assert_eq(s[b->spec_end], ';');
	cr_assert_null(taglist_find(&tl, "A"), "names are case-sensitive");
	cr_assert_not_null(taglist_find_nocase(&tl, "A"));
}

Test(dkim_taglist, empty_value_allowed)
{
	struct taglist tl;
	char err[128];
	cr_assert_eq(test_dkim_canon_tags("v=DKIM1; p=", &tl, err, sizeof err), 0, "%s", err);
	cr_assert_eq(taglist_find(&tl, "p")->value_len, 0);
}

Test(dkim_taglist, errors_are_reported)
{
	static const struct {
		const char *text;
		const char *why;   /* a word the reason must contain */
	} bad[] = {
		{ "", "empty" },
		{ "  \t", "empty" },
		{ "v=1;;a=b", "empty tag-spec" },
		{ "v=1; v=1", "twice" },
		{ "v", "expected '='" },
		{ "v 1", "expected '='" },
		{ "1v=1", "letter" },
		{ "=1", "letter" },
		{ "v-x=1", "expected '='" },
		{ "v=a\x01" "b", "0x01" },
		{ "v=caf\xc3\xa9", "0xC3" },
		{ "v=1;\na=b", "line break" },
		{ "v=1\r\na=b", "line break" },
		{ "v=1\r", "line break" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct taglist tl;
		char err[128] = "";
		cr_assert_eq(test_dkim_canon_tags(bad[i].text, &tl, err, sizeof err), -1,
		             "\"%s\" must fail", bad[i].text);
		cr_assert(strstr(err, bad[i].why), "\"%s\": reason \"%s\" should say %s", bad[i].text,
		          err, bad[i].why);
	}
}

Test(dkim_taglist, too_many_tags)
{
	struct sbuf b;
	sbuf_init(&b);
	for (int i = 0; i < TAGLIST_MAX + 1; i++)
		sbuf_addf(&b, "t%d=x;", i);
	struct taglist tl;
	char err[128];
	cr_assert_eq(taglist_parse(&tl, b.s, b.len, err, sizeof err), -1);
	cr_assert(strstr(err, "more than"), "%s", err);
	b.len = 0;
	for (int i = 0; i < TAGLIST_MAX; i++)
		sbuf_addf(&b, "t%d=x;", i);
	cr_assert_eq(taglist_parse(&tl, b.s, b.len, err, sizeof err), 0, "%s", err);
	cr_assert_eq(tl.n, TAGLIST_MAX);
	sbuf_free(&b);
}

Test(dkim_taglist, base64_strict)
{
	struct sbuf out;
	sbuf_init(&out);
	cr_assert_eq(taglist_decode_base64(&out, "aGVs bG8=\r\n ", 12), 0);
	cr_assert_eq(out.len, 5);
	cr_assert_eq(memcmp(out.s, "hello", 5), 0);
	static const char *const bad[] = { "aGVsbG8", "aGV*bG8=", "aG=sbG8=", "aGVsbG8=x",
	                                   "aGVsbG8===", "a===", "aGVsbG8=aGVs" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		sbuf_reset(&out);
		cr_assert_eq(taglist_decode_base64(&out, bad[i], strlen(bad[i])), -1, "\"%s\"", bad[i]);
	}
	sbuf_reset(&out);
	cr_assert_eq(taglist_decode_base64(&out, "", 0), 0);
	cr_assert_eq(out.len, 0);
	sbuf_free(&out);
}
