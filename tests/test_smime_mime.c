/* test_smime_mime — the MIME tree reader (sim/mimetree.c) that S/MIME and
 * the letter card use: parts, parameters, defaults, and broken structure
 * reported with the parts read so far. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mimetree.h"
#include "util.h"

static int test_smime_mime_parse(struct mimetree *t, const char *text, char *err, size_t errsz)
{
	return mimetree_parse(t, text, strlen(text), 0, err, errsz);
}

/* Part i's body as a string (static buffer). */
static const char *test_smime_mime_body(const struct mimetree *t, int i)
{
	static char b[512];
	snprintf(b, sizeof b, "%.*s", (int)t->parts[i].body_len, t->parts[i].body);
	return b;
}

Test(smime_mime, nested_multiparts_in_order)
{
	const char *text =
		"Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
		"Subject: x\r\n"
		"\r\n"
		"preamble, ignored\r\n"
		"--outer\r\n"
		"Content-Type: text/plain; charset=us-ascii\r\n"
		"\r\n"
		"first\r\n"
		"\r\n"
		"--outer  \r\n"
		"Content-Type: multipart/alternative;\r\n"
		"\tboundary=inner\r\n"
		"\r\n"
		"--inner\r\n"
		"Content-Type: text/plain\r\n"
		"Content-Transfer-Encoding: Quoted-Printable\r\n"
		"\r\n"
		"plain=20text\r\n"
		"--inner\r\n"
		"Content-Type: TEXT/HTML\r\n"
		"\r\n"
		"<p>html</p>\r\n"
		"--inner--\r\n"
		"--outerly not a delimiter\r\n"
		"\r\n"
		"--outer--\r\n"
		"epilogue, ignored\r\n";
	struct mimetree t;
	mimetree_init(&t);
	char err[160];
	cr_assert_eq(test_smime_mime_parse(&t, text, err, sizeof err), 0, "%s", err);
	cr_assert_eq(t.n, 5);
	static const char *const types[] = { "multipart/mixed", "text/plain", "multipart/alternative",
	                                     "text/plain", "text/html" };
	static const int depth[] = { 0, 1, 1, 2, 2 }, parent[] = { -1, 0, 0, 2, 2 };
	for (int i = 0; i < 5; i++) {
		cr_assert_str_eq(t.parts[i].type, types[i], "part %d", i);
		cr_assert_eq(t.parts[i].depth, depth[i], "part %d", i);
		cr_assert_eq(t.parts[i].parent, parent[i], "part %d", i);
	}
	/* the line end before a delimiter belongs to the delimiter */
	cr_assert_str_eq(test_smime_mime_body(&t, 1), "first\r\n");
	cr_assert_str_eq(test_smime_mime_body(&t, 3), "plain=20text");
	cr_assert_str_eq(t.parts[3].cte, "quoted-printable");
	cr_assert_str_eq(t.parts[1].cte, "7bit");
	/* a line that merely starts with the boundary is content */
	cr_assert(strstr(test_smime_mime_body(&t, 2), "--outerly not a delimiter"));
	cr_assert_eq(mimetree_child(&t, 0, 0), 1);
	cr_assert_eq(mimetree_child(&t, 0, 1), 2);
	cr_assert_eq(mimetree_child(&t, 0, 2), -1);
	cr_assert_eq(mimetree_child(&t, 2, 1), 4);
	cr_assert_eq(mimetree_child(&t, 9, 0), -1);
	mimetree_free(&t);
}

Test(smime_mime, fields_and_parameters)
{
	const char *hdr = "Content-Type: multipart/signed;\r\n protocol=\"application/pkcs7-signature\";"
	                  " MICALG=sha-256 (a comment);\r\n\tboundary=\"a \\\"quoted\\\" one\"; flag\r\n"
	                  "content-transfer-encoding:   BASE64  \r\n";
	char *ct = mimetree_field(hdr, strlen(hdr), "CONTENT-TYPE");
	cr_assert_not_null(ct);
	cr_assert(!strncmp(ct, "multipart/signed; protocol=", 27), "unfolded: %s", ct);
	char v[64];
	cr_assert(mimetree_param(ct, "protocol", v, sizeof v));
	cr_assert_str_eq(v, "application/pkcs7-signature");
	cr_assert(mimetree_param(ct, "micalg", v, sizeof v));
	cr_assert_str_eq(v, "sha-256");
	cr_assert(mimetree_param(ct, "Boundary", v, sizeof v));
	cr_assert_str_eq(v, "a \"quoted\" one");
	cr_assert_not(mimetree_param(ct, "flag", v, sizeof v), "a parameter without a value");
	cr_assert_not(mimetree_param(ct, "charset", v, sizeof v));
	cr_assert_str_eq(v, "");
	cr_assert(mimetree_param(ct, "protocol", v, 8));
	cr_assert_str_eq(v, "applica", "truncated to the buffer");
	free(ct);
	char *cte = mimetree_field(hdr, strlen(hdr), "Content-Transfer-Encoding");
	cr_assert_str_eq(cte, "BASE64");
	free(cte);
	cr_assert_null(mimetree_field(hdr, strlen(hdr), "Content-ID"));
	cr_assert_not(mimetree_param(NULL, "x", v, sizeof v));
}

Test(smime_mime, defaults_and_odd_entities)
{
	struct mimetree t;
	mimetree_init(&t);
	char err[160];
	/* no Content-Type: text/plain (RFC 2045 5.2); LF line ends */
	cr_assert_eq(test_smime_mime_parse(&t, "Subject: hi\n\nbody\n", err, sizeof err), 0);
	cr_assert_str_eq(t.parts[0].type, "text/plain");
	cr_assert_eq(t.parts[0].has_type, 0);
	cr_assert_str_eq(test_smime_mime_body(&t, 0), "body\n");
	/* an invalid Content-Type is text/plain too */
	cr_assert_eq(test_smime_mime_parse(&t, "Content-Type: garbage\r\n\r\nx", err, sizeof err), 1);
	cr_assert_str_eq(t.parts[1].type, "text/plain");
	cr_assert_eq(t.parts[1].has_type, 1);
	/* a part with no header starts with the empty line */
	cr_assert_eq(test_smime_mime_parse(&t, "\r\nonly body", err, sizeof err), 2);
	cr_assert_eq(t.parts[2].hdr_len, 0);
	cr_assert_str_eq(test_smime_mime_body(&t, 2), "only body");
	/* text that is not a header at all is all body */
	cr_assert_eq(test_smime_mime_parse(&t, "no colon here\r\nmore", err, sizeof err), 3);
	cr_assert_eq(t.parts[3].hdr_len, 0);
	cr_assert_eq(t.parts[3].body_len, strlen("no colon here\r\nmore"));
	cr_assert_eq(t.parts[3].tag, 0);
	/* empty text */
	cr_assert_eq(mimetree_parse(&t, "", 0, 5, err, sizeof err), 4);
	cr_assert_eq(t.parts[4].tag, 5);
	mimetree_free(&t);
	cr_assert_eq(t.n, 0);
}

Test(smime_mime, broken_multiparts_are_reported_with_what_was_read)
{
	struct mimetree t;
	mimetree_init(&t);
	char err[160];
	cr_assert_eq(test_smime_mime_parse(&t, "Content-Type: multipart/signed\r\n\r\n--x\r\n", err,
	                                   sizeof err), -1);
	cr_assert_str_eq(err, "multipart/signed without a boundary parameter");
	cr_assert_eq(t.n, 1, "the multipart itself is kept");
	mimetree_free(&t);

	cr_assert_eq(test_smime_mime_parse(&t, "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
	                                   "--c\r\n\r\nx\r\n--c--\r\n", err, sizeof err), -1);
	cr_assert(strstr(err, "the boundary \"b\" never appears"), "%s", err);
	mimetree_free(&t);

	cr_assert_eq(test_smime_mime_parse(&t, "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
	                                   "--b\r\n\r\none\r\n--b\r\n\r\ntwo\r\n", err, sizeof err), -1);
	cr_assert(strstr(err, "closing boundary \"--b--\" is missing"), "%s", err);
	cr_assert_eq(t.n, 2, "the finished part is kept");
	cr_assert_str_eq(test_smime_mime_body(&t, 1), "one");
	mimetree_free(&t);

	/* nesting: each level a multipart around the next, built inside out */
	struct sbuf b = { 0 };
	sbuf_adds(&b, "\r\ninnermost");
	for (int i = MIMETREE_MAX_DEPTH + 1; i >= 0; i--) {
		struct sbuf o = { 0 };
		sbuf_addf(&o, "Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n", i, i);
		sbuf_add(&o, b.s, b.len);
		sbuf_addf(&o, "\r\n--b%d--\r\n", i);
		sbuf_free(&b);
		b = o;
	}
	cr_assert_eq(mimetree_parse(&t, b.s, b.len, 0, err, sizeof err), -1);
	cr_assert(strstr(err, "nested deeper"), "%s", err);
	sbuf_free(&b);
	mimetree_free(&t);

	sbuf_addf(&b, "Content-Type: multipart/mixed; boundary=b\r\n\r\n");
	for (int i = 0; i < MIMETREE_MAX_PARTS + 5; i++)
		sbuf_addf(&b, "--b\r\n\r\npart %d\r\n", i);
	sbuf_adds(&b, "--b--\r\n");
	cr_assert_eq(mimetree_parse(&t, b.s, b.len, 0, err, sizeof err), -1);
	cr_assert(strstr(err, "more than"), "%s", err);
	cr_assert_eq(t.n, MIMETREE_MAX_PARTS);
	sbuf_free(&b);
	mimetree_free(&t);
}
