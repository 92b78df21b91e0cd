/* test_smime_robust — broken S/MIME mail (as an `eml` action may bring):
 * truncated base64, garbage PKCS #7, missing boundaries, parts that are
 * not what they claim.  Each is reported in the verdict, never a crash;
 * cutting and flipping every few bytes of real S/MIME mail is survived
 * too (run under ASan by make test). */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mime.h"
#include "test_smime_util.h"

static struct smime *test_smime_robust_s;

static void test_smime_robust_setup(void)
{
	test_smime_robust_s = test_smime_util_lesson(5);
}

static void test_smime_robust_teardown(void)
{
	smime_free(test_smime_robust_s);
}

TestSuite(smime_robust, .init = test_smime_robust_setup, .fini = test_smime_robust_teardown);

static struct smime_verdict *test_smime_robust_read_text(const char *text, size_t len)
{
	return smime_verdict_open_text(test_smime_robust_s, text, len, TEST_SMIME_BOB,
	                               TEST_SMIME_US(120));
}

static struct smime_verdict *test_smime_robust_read(const char *text)
{
	return test_smime_robust_read_text(text, strlen(text));
}

/* A signed (or encrypted) mail's text; caller frees. */
static char *test_smime_robust_mail(enum smime_mode mode, size_t *len)
{
	struct msg *m = test_smime_util_mail(TEST_SMIME_ALICE, TEST_SMIME_BOB, "Hello Bob\n");
	test_smime_util_protect(test_smime_robust_s, m, mode, TEST_SMIME_ALICE,
	                        mode == SMIME_MODE_SIGN ? NULL : TEST_SMIME_BOB, NULL);
	char *t = test_smime_util_text(m, len);
	msg_free(m);
	return t;
}

/* The text with the first occurrence of from replaced by to. */
static char *test_smime_robust_replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	cr_assert_not_null(at, "\"%s\" not in the mail", from);
	struct sbuf b = { 0 };
	sbuf_add(&b, text, (size_t)(at - text));
	sbuf_adds(&b, to);
	sbuf_adds(&b, at + strlen(from));
	return sbuf_take(&b);
}

static void test_smime_robust_expect_sig(const char *text, const char *why)
{
	struct smime_verdict *v = test_smime_robust_read(text);
	cr_assert_eq(v->sig, SMIME_SIG_MALFORMED, "%s (%s)", smime_sig_names[v->sig], v->problem);
	cr_assert(v->malformed);
	cr_assert(strstr(v->problem, why), "expected \"%s\" in \"%s\"", why, v->problem);
	for (int p = 0; p < SMIME_PROP_COUNT; p++)
		cr_assert_not(smime_verdict_holds(v, (enum smime_prop)p));
	smime_verdict_free(v);
}

static void test_smime_robust_expect_dec(const char *text, const char *why)
{
	struct smime_verdict *v = test_smime_robust_read(text);
	cr_assert_eq(v->dec, SMIME_DEC_MALFORMED, "%s (%s)", smime_dec_names[v->dec], v->problem);
	cr_assert(v->malformed);
	cr_assert(strstr(v->problem, why), "expected \"%s\" in \"%s\"", why, v->problem);
	cr_assert_null(v->content);
	cr_assert_not(smime_verdict_holds(v, SMIME_PROP_CONFIDENTIALITY));
	smime_verdict_free(v);
}

Test(smime_robust, truncated_signature_base64)
{
	size_t len;
	char *t = test_smime_robust_mail(SMIME_MODE_SIGN, &len);
	/* keep the first two lines of the signature's base64, drop the rest */
	char *sig = strstr(t, "Content-Description: S/MIME Cryptographic Signature\r\n\r\n");
	cr_assert_not_null(sig);
	char *cut = strstr(sig, "\r\n\r\n") + 4;
	cut = strstr(cut, "\r\n") + 2;
	cut = strstr(cut, "\r\n") + 2;
	char *close = strstr(cut, "\r\n------=_mailsim_smime_");
	memmove(cut, close + 2, strlen(close + 2) + 1);
	test_smime_robust_expect_sig(t, "not a CMS");
	/* a dangling base64 character does not decode at all */
	char *odd = test_smime_robust_replace(t, "\r\n------=_mailsim_smime_",
	                                      "Q\r\n------=_mailsim_smime_");
	struct smime_verdict *v = test_smime_robust_read(odd);
	cr_assert_eq(v->sig, SMIME_SIG_MALFORMED);
	/* the signed text is still shown, unverified */
	struct msg *m = msg_parse(odd, strlen(odd), NULL, 0);
	struct msg *u = smime_verdict_unwrap(m, v);
	cr_assert_not_null(u);
	char *plain = msg_body_text_decoded(u);
	cr_assert_str_eq(plain, "Hello Bob\n");
	free(plain);
	msg_free(u);
	msg_free(m);
	smime_verdict_free(v);
	free(odd);
	free(t);
}

Test(smime_robust, garbage_pkcs7)
{
	struct sbuf g = { 0 };
	sbuf_adds(&g, "From: alice@ispa.example\r\nMIME-Version: 1.0\r\n"
	              "Content-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n"
	              "Content-Transfer-Encoding: base64\r\n\r\n");
	mime_b64_encode(&g, "this is not DER at all, just words", 34, 76);
	test_smime_robust_expect_dec(g.s, "not a CMS");
	sbuf_free(&g);
	/* characters outside the base64 alphabet */
	test_smime_robust_expect_dec("From: a@b.example\r\nContent-Type: application/pkcs7-mime\r\n"
	                             "Content-Transfer-Encoding: base64\r\n\r\nMIIB!!!!\r\n",
	                             "base64 body does not decode");
	/* an empty body */
	test_smime_robust_expect_dec("From: a@b.example\r\nContent-Type: application/x-pkcs7-mime; "
	                             "smime-type=enveloped-data\r\n\r\n", "not a CMS");
	/* a DER structure that is valid but not a CMS: a bare INTEGER */
	test_smime_robust_expect_dec("From: a@b.example\r\nContent-Type: application/pkcs7-mime\r\n"
	                             "Content-Transfer-Encoding: base64\r\n\r\nAgEF\r\n", "not a CMS");
	/* a real CMS, but plain data: neither an envelope nor a signature */
	test_smime_robust_expect_dec("From: a@b.example\r\nContent-Type: application/pkcs7-mime\r\n"
	                             "Content-Transfer-Encoding: base64\r\n\r\n"
	                             "MBEGCSqGSIb3DQEHAaAEBAJoaQ==\r\n", "neither enveloped nor signed");
	/* announced as signed-data: the signature is what is broken */
	test_smime_robust_expect_sig("From: a@b.example\r\nContent-Type: application/pkcs7-mime; "
	                             "smime-type=signed-data\r\n"
	                             "Content-Transfer-Encoding: base64\r\n\r\nAgEF\r\n", "not a CMS");
}

Test(smime_robust, missing_or_wrong_boundaries)
{
	size_t len;
	char *t = test_smime_robust_mail(SMIME_MODE_SIGN, &len);
	char *nob = test_smime_robust_replace(t, "boundary=", "xboundary=");
	test_smime_robust_expect_sig(nob, "without a boundary parameter");
	char *wrong = test_smime_robust_replace(t, "boundary=\"----=_mailsim_smime_",
	                                        "boundary=\"----=_other_");
	test_smime_robust_expect_sig(wrong, "never appears");
	/* the closing delimiter cut off: as openssl does, no verification */
	char *close = strstr(t, "--\r\n");
	while (close && strstr(close + 1, "--\r\n"))
		close = strstr(close + 1, "--\r\n");
	cr_assert_not_null(close);
	close[0] = '\r';
	close[1] = '\n';
	test_smime_robust_expect_sig(t, "closing boundary");
	free(nob);
	free(wrong);
	free(t);
}

Test(smime_robust, multipart_signed_that_is_not_what_it_claims)
{
	const char *one =
		"From: alice@ispa.example\r\n"
		"Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=b\r\n"
		"\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b--\r\n";
	test_smime_robust_expect_sig(one, "needs two parts, found 1");
	const char *proto =
		"From: alice@ispa.example\r\n"
		"Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; boundary=b\r\n"
		"\r\n--b\r\n\r\nhi\r\n--b\r\n\r\nsig\r\n--b--\r\n";
	test_smime_robust_expect_sig(proto, "application/pgp-signature");
	/* an enveloped-data where the signature should be */
	size_t len;
	char *enc = test_smime_robust_mail(SMIME_MODE_ENCRYPT, &len);
	char *b64 = strstr(enc, "\r\n\r\nMII");
	cr_assert_not_null(b64);
	struct sbuf swap = { 0 };
	sbuf_adds(&swap, "From: alice@ispa.example\r\n"
	                 "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\";"
	                 " boundary=b\r\n\r\n--b\r\n\r\nhi\r\n--b\r\n"
	                 "Content-Type: application/pkcs7-signature\r\n"
	                 "Content-Transfer-Encoding: base64\r\n\r\n");
	sbuf_adds(&swap, b64 + 4);
	sbuf_adds(&swap, "\r\n--b--\r\n");
	test_smime_robust_expect_sig(swap.s, "not signed data");
	sbuf_free(&swap);
	free(enc);
}

/* Found by fuzz_smime: a Content-* field name longer than a fixed buffer
 * once made unwrapping loop for ever. */
Test(smime_robust, long_content_field_names)
{
	struct sbuf name = { 0 };
	sbuf_adds(&name, "Content-Description");
	for (int i = 0; i < 200; i++)
		sbuf_addc(&name, '8');
	struct msg *m = test_smime_util_mail(TEST_SMIME_ALICE, TEST_SMIME_BOB, "x\n");
	msg_header_append(m, name.s, "long");
	test_smime_util_protect(test_smime_robust_s, m, SMIME_MODE_SIGN, TEST_SMIME_ALICE, NULL, NULL);
	cr_assert_eq(msg_header_count(m, name.s), 0, "moved into the signed part");
	msg_header_append(m, name.s, "outer");
	struct smime_verdict *v = smime_verdict_open(test_smime_robust_s, m, TEST_SMIME_BOB, 0);
	cr_assert_eq(v->sig, SMIME_SIG_VALID, "%s", v->problem);
	struct msg *u = smime_verdict_unwrap(m, v);
	cr_assert_not_null(u);
	char value[16];
	cr_assert(msg_header_get(u, name.s, value, sizeof value));
	cr_assert_str_eq(value, "long", "the signed part's field, not the outer one");
	cr_assert_eq(msg_header_count(u, name.s), 1);
	msg_free(u);
	smime_verdict_free(v);
	msg_free(m);
	sbuf_free(&name);
}

Test(smime_robust, text_that_is_no_mail)
{
	struct smime_verdict *v = test_smime_robust_read_text("\0\1\2garbage", 10);
	cr_assert(v->malformed);
	cr_assert(strstr(v->problem, "not a mail"), "%s", v->problem);
	cr_assert_eq(v->tree.n, 0);
	smime_verdict_free(v);
	v = test_smime_robust_read_text("", 0);
	cr_assert(v->malformed);
	smime_verdict_free(v);
	smime_verdict_free(NULL);
}

/* Cut a real mail at every few bytes and flip bytes all over it: every
 * reading ends in a verdict that is consistent with itself. */
static void test_smime_robust_survive(enum smime_mode mode)
{
	size_t len;
	char *t = test_smime_robust_mail(mode, &len);
	const char *last = strstr(t, "--\r\n");    /* the closing delimiter (signed) */
	while (last && strstr(last + 1, "--\r\n"))
		last = strstr(last + 1, "--\r\n");
	int good = 0;
	for (size_t cut = 0;; cut = cut + 61 < len ? cut + 61 : len) {
		struct smime_verdict *v = test_smime_robust_read_text(t, cut);
		int ok = v->sig == SMIME_SIG_VALID || v->dec == SMIME_DEC_OK;
		if (v->malformed)
			cr_assert_str_neq(v->problem, "", "a malformed verdict says why (cut %zu)", cut);
		if (v->sig == SMIME_SIG_VALID)
			cr_assert_str_eq(v->sign.digest, v->sign.computed);
		if (ok && mode == SMIME_MODE_SIGN)
			cr_assert(last && t + cut > last, "valid although cut at %zu", cut);
		good += ok;
		smime_verdict_free(v);
		if (cut == len)
			break;
	}
	cr_assert_geq(good, 1, "the whole mail reads fine");
	for (size_t i = 0; i < len; i += 37) {
		char saved = t[i];
		t[i] = (char)(t[i] ^ 0x5a);
		struct smime_verdict *v = test_smime_robust_read_text(t, len);
		if (v->malformed)
			cr_assert_str_neq(v->problem, "");
		if (v->sig == SMIME_SIG_VALID)
			cr_assert_str_eq(v->sign.digest, v->sign.computed);
		struct msg *m = msg_parse(t, len, NULL, 0);
		if (m)
			msg_free(smime_verdict_unwrap(m, v));
		msg_free(m);
		smime_verdict_free(v);
		t[i] = saved;
	}
	free(t);
}

Test(smime_robust, cutting_and_flipping_a_signed_mail)
{
	test_smime_robust_survive(SMIME_MODE_SIGN);
}

Test(smime_robust, cutting_and_flipping_a_signed_and_encrypted_mail)
{
	test_smime_robust_survive(SMIME_MODE_SIGN_ENCRYPT);
}
