/* test_smime — S/MIME as the lesson uses it: sign, encrypt, both, and the
 * reading side's verdict for valid, tampered, wrongly addressed, untrusted,
 * expired and spoofed mail; certificates, export, errors, determinism. */
#include <criterion/criterion.h>

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mime.h"
#include "mimetree.h"
#include "test_smime_util.h"

#define TEST_SMIME_TEXT "Hello Bob,\nthe meeting is at 10:00.\n\n-- \nAlice\n"

static struct smime *test_smime_s;

static void test_smime_setup(void)
{
	test_smime_s = test_smime_util_lesson(42);
}

static void test_smime_teardown(void)
{
	smime_free(test_smime_s);
}

TestSuite(smime, .init = test_smime_setup, .fini = test_smime_teardown);

/* The header field name's value, or "" (static buffer). */
static const char *test_smime_field(const struct msg *m, const char *name)
{
	static char v[512];
	msg_header_get(m, name, v, sizeof v);
	return v;
}

/* Read m as reader, one minute after it was sent. */
static struct smime_verdict *test_smime_read(const struct msg *m, const char *reader)
{
	return smime_verdict_open(test_smime_s, m, reader, TEST_SMIME_US(120));
}

/* The body the reader finally sees, decoded. */
static char *test_smime_plain(const struct msg *m, const struct smime_verdict *v)
{
	struct msg *u = smime_verdict_unwrap(m, v);
	cr_assert_not_null(u, "nothing to unwrap: %s", v->problem);
	char *t = msg_body_text_decoded(u);
	msg_free(u);
	return t;
}

Test(smime, sign_makes_a_multipart_signed_that_verifies)
{
	struct msg *m = test_smime_util_mail("Alice <" TEST_SMIME_ALICE ">", TEST_SMIME_BOB,
	                                     TEST_SMIME_TEXT);
	struct smime_facts f;
	test_smime_util_protect(test_smime_s, m, SMIME_MODE_SIGN, TEST_SMIME_ALICE, NULL, &f);

	const char *ct = test_smime_field(m, "Content-Type");
	cr_assert(strstr(ct, "multipart/signed") && strstr(ct, "micalg=sha-256") &&
	          strstr(ct, "protocol=\"application/pkcs7-signature\""), "%s", ct);
	cr_assert_str_eq(test_smime_field(m, "MIME-Version"), "1.0");
	cr_assert_eq(msg_header_count(m, "Content-Type"), 1);
	cr_assert_str_eq(test_smime_field(m, "Subject"), "S/MIME test");
	cr_assert(strstr(m->body, "Hello Bob,\r\nthe meeting is at 10:00."), "signed, not hidden");

	/* the facts: SHA-256 of exactly the first part, RSA-2048, simulated time */
	struct mimetree t;
	mimetree_init(&t);
	char err[128];
	size_t len;
	char *text = test_smime_util_text(m, &len);
	int root = mimetree_parse(&t, text, len, 0, err, sizeof err);
	cr_assert_geq(root, 0, "%s", err);
	int c0 = mimetree_child(&t, root, 0);
	cr_assert_geq(c0, 0);
	const char *p0 = t.parts[c0].hdr;
	size_t n0 = (size_t)(t.parts[c0].body + t.parts[c0].body_len - p0);
	unsigned char h[32];
	cr_assert(EVP_Digest(p0, n0, h, NULL, EVP_sha256(), NULL));
	char hex[65];
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	cr_assert_str_eq(f.sign.digest, hex);
	cr_assert_eq(f.sign.content_len, n0);
	cr_assert_str_eq(f.sign.digest_alg, "SHA-256");
	cr_assert_eq(f.sign.signature_len, 256);
	cr_assert_eq(f.sign.signing_time, TEST_SMIME_EPOCH + 60);
	cr_assert_str_eq(f.sign.signer, TEST_SMIME_ALICE);
	cr_assert_eq(f.enc.done, 0);
	mimetree_free(&t);
	free(text);

	struct smime_verdict *v = test_smime_read(m, TEST_SMIME_BOB);
	cr_assert_eq(v->sig, SMIME_SIG_VALID, "%s: %s", smime_sig_names[v->sig], v->problem);
	cr_assert_eq(v->chain, SMIME_CHAIN_TRUSTED, "%s", v->chain_error);
	cr_assert_eq(v->from, SMIME_FROM_MATCH);
	cr_assert_eq(v->dec, SMIME_DEC_NONE);
	cr_assert_eq(v->malformed, 0);
	cr_assert_str_eq(v->problem, "");
	cr_assert_str_eq(v->layers, "multipart/signed > text/plain");
	cr_assert_str_eq(v->sign.digest, hex);
	cr_assert_str_eq(v->sign.computed, hex);
	cr_assert_eq(v->sign.signing_time, TEST_SMIME_EPOCH + 60);
	cr_assert_str_eq(v->sign.signer, TEST_SMIME_ALICE);
	cr_assert_eq(v->sign.ncerts, 1, "the signer's certificate travels with the signature");
	cr_assert(v->has_signer_card);
	cr_assert_str_eq(v->signer_card.san, "email:" TEST_SMIME_ALICE);
	cr_assert(smime_verdict_holds(v, SMIME_PROP_INTEGRITY));
	cr_assert(smime_verdict_holds(v, SMIME_PROP_AUTHENTICATION));
	cr_assert(smime_verdict_holds(v, SMIME_PROP_NON_REPUDIATION));
	cr_assert_not(smime_verdict_holds(v, SMIME_PROP_CONFIDENTIALITY));
	/* the MIME tree as the letter card shows it */
	cr_assert_eq(v->tree.n, 3);
	cr_assert_str_eq(v->tree.parts[0].type, "multipart/signed");
	cr_assert_str_eq(v->tree.parts[1].type, "text/plain");
	cr_assert_str_eq(v->tree.parts[1].cte, "7bit");
	cr_assert_str_eq(v->tree.parts[2].type, "application/pkcs7-signature");
	cr_assert_str_eq(v->tree.parts[2].cte, "base64");
	cr_assert_eq(v->tree.parts[2].depth, 1);
	char *plain = test_smime_plain(m, v);
	cr_assert_str_eq(plain, TEST_SMIME_TEXT);
	free(plain);
	smime_verdict_free(v);
	msg_free(m);
}

Test(smime, encrypt_hides_the_body_and_only_the_recipient_reads_it)
{
	struct msg *m = test_smime_util_mail(TEST_SMIME_ALICE, TEST_SMIME_BOB, TEST_SMIME_TEXT);
	struct smime_facts f;
	test_smime_util_protect(test_smime_s, m, SMIME_MODE_ENCRYPT, NULL, TEST_SMIME_BOB, &f);
	const char *ct = test_smime_field(m, "Content-Type");
	cr_assert(strstr(ct, "application/pkcs7-mime") && strstr(ct, "smime-type=enveloped-data"),
	          "%s", ct);
	cr_assert_str_eq(test_smime_field(m, "Content-Transfer-Encoding"), "base64");
	cr_assert_null(strstr(m->body, "meeting"), "a server on the way sees only ciphertext");
	struct sbuf b64 = { 0 };
	mime_b64_encode(&b64, "Hello Bob", 9, 0);
	cr_assert_null(strstr(m->body, b64.s));
	sbuf_free(&b64);
	cr_assert(f.enc.done);
	cr_assert_str_eq(f.enc.cipher, "AES-256-CBC");
	cr_assert_eq(f.enc.session_key_bits, 256);
	cr_assert_eq(f.enc.iv_len, 16);
	cr_assert_eq(f.enc.nrcpt, 1);
	cr_assert_str_eq(f.enc.rcpt[0].address, TEST_SMIME_BOB);
	cr_assert_eq(f.enc.rcpt[0].wrapped_len, 256, "the session key wrapped with RSA-2048");
	cr_assert_eq(f.enc.rcpt[0].key_bits, 2048);
	/* CBC pads to whole 16-byte blocks */
	cr_assert_eq(f.enc.ciphertext_len, (f.enc.plaintext_len / 16 + 1) * 16);

	struct smime_verdict *v = test_smime_read(m, TEST_SMIME_BOB);
	cr_assert_eq(v->dec, SMIME_DEC_OK, "%s", v->problem);
	cr_assert_eq(v->sig, SMIME_SIG_ABSENT);
	cr_assert_eq(v->chain, SMIME_CHAIN_NONE);
	cr_assert_str_eq(v->layers, "enveloped-data > text/plain");
	cr_assert_eq(v->enc.session_key_bits, 256, "the reader sees the same facts");
	cr_assert_eq(v->enc.rcpt[0].wrapped_len, 256);
	cr_assert_eq(v->enc.plaintext_len, f.enc.plaintext_len);
	cr_assert_str_eq(v->tree.parts[0].type, "application/pkcs7-mime");
	cr_assert_eq(v->tree.parts[0].tag, 0);
	cr_assert_str_eq(v->tree.parts[1].type, "text/plain");
	cr_assert_eq(v->tree.parts[1].tag, 1, "what decryption revealed is layer 1");
	cr_assert(smime_verdict_holds(v, SMIME_PROP_CONFIDENTIALITY));
	cr_assert_not(smime_verdict_holds(v, SMIME_PROP_INTEGRITY));
	cr_assert_not(smime_verdict_holds(v, SMIME_PROP_AUTHENTICATION));
	char *plain = test_smime_plain(m, v);
	cr_assert_str_eq(plain, TEST_SMIME_TEXT);
	free(plain);
	smime_verdict_free(v);
	msg_free(m);
}

Test(smime, sign_then_encrypt_gives_all_four)
{
	struct msg *m = test_smime_util_mail("\"Alice\" <" TEST_SMIME_ALICE ">", TEST_SMIME_BOB,
	                                     "こんにちは、ボブさん。\n");
	struct smime_facts f;
	test_smime_util_protect(test_smime_s, m, SMIME_MODE_SIGN_ENCRYPT, TEST_SMIME_ALICE,
	                        TEST_SMIME_BOB, &f);
	cr_assert(f.sign.done && f.enc.done);
	cr_assert_gt(f.enc.plaintext_len, f.sign.content_len, "the signed entity is encrypted");
	cr_assert(strstr(test_smime_field(m, "Content-Type"), "enveloped-data"));
	cr_assert_null(strstr(m->body, "multipart/signed"), "the signature is inside the envelope");
	struct smime_verdict *v = test_smime_read(m, TEST_SMIME_BOB);
	cr_assert_str_eq(v->layers, "enveloped-data > multipart/signed > text/plain");
	cr_assert_eq(v->dec, SMIME_DEC_OK, "%s", v->problem);
	cr_assert_eq(v->sig, SMIME_SIG_VALID, "%s", v->problem);
	cr_assert_eq(v->chain, SMIME_CHAIN_TRUSTED);
	cr_assert_eq(v->from, SMIME_FROM_MATCH);
	for (int p = 0; p < SMIME_PROP_COUNT; p++)
		cr_assert(smime_verdict_holds(v, (enum smime_prop)p), "%s", smime_prop_names[p]);
	cr_assert_str_eq(v->sign.digest, f.sign.digest);
	char *plain = test_smime_plain(m, v);
	cr_assert_str_eq(plain, "こんにちは、ボブさん。\n");
	free(plain);
	smime_verdict_free(v);
	msg_free(m);
}

/* Change one byte of the signed text on a relay: the digest no longer
 * matches the one signed. */
Test(smime, one_changed_byte_fails_verification)
{
	struct msg *m = test_smime_util_mail(TEST_SMIME_ALICE, TEST_SMIME_BOB, TEST_SMIME_TEXT);
	test_smime_util_protect(test_smime_s, m, SMIME_MODE_SIGN, TEST_SMIME_ALICE, NULL, NULL);
	char *at = strstr(m->body, "10:00");
	cr_assert_not_null(at);
	at[1] = '1';    /* 10:00 becomes 11:00 */
	struct smime_verdict *v = test_smime_read(m, TEST_SMIME_BOB);
	cr_assert_eq(v->sig, SMIME_SIG_DIGEST_MISMATCH, "%s", smime_sig_names[v->sig]);
	cr_assert_str_neq(v->sign.digest, v->sign.computed);
	cr_assert_eq(strlen(v->sign.computed), 64);
	cr_assert(strstr(v->problem, "changed after signing"), "%s", v->problem);
	cr_assert_eq(v->chain, SMIME_CHAIN_TRUSTED, "the certificate itself is fine");
	cr_assert_not(smime_verdict_holds(v, SMIME_PROP_INTEGRITY));
	cr_assert_not(smime_verdict_holds(v, SMIME_PROP_AUTHENTICATION));
	/* the reader still sees the (changed) text, flagged */
	char *plain = test_smime_plain(m, v);
	cr_assert(strstr(plain, "11:00"));
	free(plain);
	smime_verdict_free(v);
	msg_free(m);
}

/* Damage the RSA signature value itself (near the end of the CMS). */
Test(smime, a_damaged_signature_does_not_verify)
{
	struct msg *m = test_smime_util_mail(TEST_SMIME_ALICE, TEST_SMIME_BOB, TEST_SMIME_TEXT);
	test_smime_util_protect(test_smime_s, m, SMIME_MODE_SIGN, TEST_SMIME_ALICE, NULL, NULL);
	char *sig = strstr(m->body, "Content-Description: S/MIME Cryptographic Signature\r\n\r\n");
	cr_assert_not_null(sig);
	char *close = strstr(sig, "\r\n--");
	cr_assert_not_null(close);
	char *c = close - 40;   /* inside the signature's last 256 bytes */
	while (*c == '\r' || *c == '\n')
		c--;
	*c = *c == 'A' ? 'B' : 'A';
	struct smime_verdict *v = test_smime_read(m, TEST_SMIME_BOB);
	cr_assert_eq(v->sig, SMIME_SIG_BAD_SIGNATURE, "%s: %s", smime_sig_names[v->sig], v->problem);
	cr_assert_str_eq(v->sign.digest, v->sign.computed, "the content is untouched");
	cr_assert_not(smime_verdict_holds(v, SMIME_PROP_INTEGRITY));
	smime_verdict_free(v);
	msg_free(m);
}

Test(smime, another_reader_has_no_key_for_it)
{
	struct msg *m = test_smime_util_mail(TEST_SMIME_ALICE, TEST_SMIME_BOB, TEST_SMIME_TEXT);
	test_smime_util_protect(test_smime_s, m, SMIME_MODE_SIGN_ENCRYPT, TEST_SMIME_ALICE,
	                        TEST_SMIME_BOB, NULL);
	struct smime_verdict *v = test_smime_read(m, TEST_SMIME_CAROL);
	cr_assert_eq(v->dec, SMIME_DEC_NOT_FOR_ME, "%s", smime_dec_names[v->dec]);
	cr_assert(strstr(v->problem, "no key for me"), "%s", v->problem);
	cr_assert_str_eq(v->enc.rcpt[0].address, TEST_SMIME_BOB, "she sees whom it is for");
	cr_assert_eq(v->sig, SMIME_SIG_ABSENT, "the signature stays inside the envelope");
	cr_assert_null(v->content);
	cr_assert_null(smime_verdict_unwrap(m, v));
	cr_assert_str_eq(v->layers, "enveloped-data");
	cr_assert(smime_verdict_holds(v, SMIME_PROP_CONFIDENTIALITY), "it stayed confidential");
	smime_verdict_free(v);

	v = test_smime_read(m, "mallory@evil.example");
	cr_assert_eq(v->dec, SMIME_DEC_NO_KEY);
	cr_assert(strstr(v->problem, "mallory@evil.example holds no private key"), "%s", v->problem);
	smime_verdict_free(v);
	msg_free(m);
}

Test(smime, a_certificate_only_user_can_receive_but_not_read)
{
	/* A second context knows Bob only by his certificate (as Alice's MUA
	 * would): it can encrypt for him, not decrypt. */
	char err[256];
	char dir[] = "/tmp/mailsim-smime-XXXXXX";
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_gt(smime_cert_export(test_smime_s, dir, err, sizeof err), 0, "%s", err);
	char path[300];
	snprintf(path, sizeof path, "%s/" TEST_SMIME_BOB ".pem", dir);
	FILE *fp = fopen(path, "rb");
	cr_assert_not_null(fp);
	char pem[8192];
	pem[fread(pem, 1, sizeof pem - 1, fp)] = '\0';
	fclose(fp);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);

	struct smime *s2 = smime_new(42, TEST_SMIME_EPOCH, err, sizeof err);
	cr_assert_not_null(s2);
	struct smime_user_spec u = { TEST_SMIME_BOB, "Bob", NULL, pem, -1, 0, 0 };
	cr_assert_eq(smime_add_user(s2, &u, err, sizeof err), 0, "%s", err);
	struct smime_user_spec wrong = { TEST_SMIME_CAROL, "Carol", NULL, pem, -1, 0, 0 };
	cr_assert_eq(smime_add_user(s2, &wrong, err, sizeof err), -1);
	cr_assert(strstr(err, "does not name " TEST_SMIME_CAROL), "%s", err);

	struct msg *m = test_smime_util_mail(TEST_SMIME_ALICE, TEST_SMIME_BOB, TEST_SMIME_TEXT);
	test_smime_util_protect(s2, m, SMIME_MODE_ENCRYPT, NULL, TEST_SMIME_BOB, NULL);
	struct smime_verdict *v = smime_verdict_open(s2, m, TEST_SMIME_BOB, TEST_SMIME_US(90));
	cr_assert_eq(v->dec, SMIME_DEC_NO_KEY, "%s", smime_dec_names[v->dec]);
	smime_verdict_free(v);
	/* the real Bob, with his key, reads what s2 made */
	v = test_smime_read(m, TEST_SMIME_BOB);
	cr_assert_eq(v->dec, SMIME_DEC_OK, "%s", v->problem);
	smime_verdict_free(v);
	msg_free(m);
	smime_free(s2);
}

Test(smime, a_certificate_from_an_unknown_ca_is_untrusted)
{
	struct msg *m = test_smime_util_mail(TEST_SMIME_EVE, TEST_SMIME_BOB, TEST_SMIME_TEXT);
	test_smime_util_protect(test_smime_s, m, SMIME_MODE_SIGN, TEST_SMIME_EVE, NULL, NULL);
	struct smime_verdict *v = test_smime_read(m, TEST_SMIME_BOB);
	cr_assert_eq(v->sig, SMIME_SIG_VALID, "the mathematics is fine");
	cr_assert_eq(v->chain, SMIME_CHAIN_UNKNOWN_CA, "%s: %s", smime_chain_names[v->chain],
	             v->chain_error);
	cr_assert_str_neq(v->chain_error, "");
	cr_assert(strstr(v->signer_card.issuer, "Totally Legit CA"), "%s", v->signer_card.issuer);
	cr_assert_eq(v->from, SMIME_FROM_MATCH);
	cr_assert_not(smime_verdict_holds(v, SMIME_PROP_INTEGRITY));
	cr_assert_not(smime_verdict_holds(v, SMIME_PROP_AUTHENTICATION));
	smime_verdict_free(v);
	msg_free(m);
}

Test(smime, an_expired_certificate_is_reported)
{
	struct msg *m = test_smime_util_mail(TEST_SMIME_DAVE, TEST_SMIME_BOB, TEST_SMIME_TEXT);
	test_smime_util_protect(test_smime_s, m, SMIME_MODE_SIGN, TEST_SMIME_DAVE, NULL, NULL);
	struct smime_verdict *v = test_smime_read(m, TEST_SMIME_BOB);
	cr_assert_eq(v->sig, SMIME_SIG_VALID);
	cr_assert_eq(v->chain, SMIME_CHAIN_EXPIRED, "%s: %s", smime_chain_names[v->chain],
	             v->chain_error);
	cr_assert(strstr(v->problem, "expired"), "%s", v->problem);
	cr_assert_lt(v->signer_card.not_after, TEST_SMIME_EPOCH);
	cr_assert_not(smime_verdict_holds(v, SMIME_PROP_AUTHENTICATION));
	smime_verdict_free(v);
	/* the same mail read back when the certificate was still valid */
	v = smime_verdict_open(test_smime_s, m, TEST_SMIME_BOB, -TEST_SMIME_US(100 * TEST_SMIME_DAY));
	cr_assert_eq(v->chain, SMIME_CHAIN_TRUSTED, "%s", v->chain_error);
	smime_verdict_free(v);
	/* and long before it was issued */
	v = smime_verdict_open(test_smime_s, m, TEST_SMIME_BOB, -TEST_SMIME_US(500 * TEST_SMIME_DAY));
	cr_assert_eq(v->chain, SMIME_CHAIN_NOT_YET_VALID, "%s", v->chain_error);
	smime_verdict_free(v);
	msg_free(m);
}

Test(smime, signed_by_someone_else_than_from)
{
	/* Carol's name in From, Alice's signature: the signature is fine, the
	 * sender is not who the header says. */
	struct msg *m = test_smime_util_mail("Carol <" TEST_SMIME_CAROL ">", TEST_SMIME_BOB,
	                                     TEST_SMIME_TEXT);
	test_smime_util_protect(test_smime_s, m, SMIME_MODE_SIGN, TEST_SMIME_ALICE, NULL, NULL);
	struct smime_verdict *v = test_smime_read(m, TEST_SMIME_BOB);
	cr_assert_eq(v->sig, SMIME_SIG_VALID);
	cr_assert_eq(v->chain, SMIME_CHAIN_TRUSTED);
	cr_assert_eq(v->from, SMIME_FROM_MISMATCH);
	cr_assert_str_eq(v->from_addr, TEST_SMIME_CAROL);
	cr_assert_str_eq(v->sign.signer, TEST_SMIME_ALICE);
	cr_assert(strstr(v->problem, "signed by " TEST_SMIME_ALICE), "%s", v->problem);
	cr_assert(smime_verdict_holds(v, SMIME_PROP_INTEGRITY));
	cr_assert_not(smime_verdict_holds(v, SMIME_PROP_AUTHENTICATION));
	cr_assert_not(smime_verdict_holds(v, SMIME_PROP_NON_REPUDIATION));
	smime_verdict_free(v);
	msg_free(m);
}

Test(smime, an_unsigned_spoof_holds_nothing)
{
	struct msg *m = test_smime_util_mail("Alice <" TEST_SMIME_ALICE ">", TEST_SMIME_BOB,
	                                     "Send me your password.\n");
	struct smime_verdict *v = test_smime_read(m, TEST_SMIME_BOB);
	cr_assert_eq(v->sig, SMIME_SIG_ABSENT);
	cr_assert_eq(v->dec, SMIME_DEC_NONE);
	cr_assert_eq(v->from, SMIME_FROM_NONE);
	cr_assert_eq(v->malformed, 0);
	cr_assert_str_eq(v->layers, "text/plain");
	for (int p = 0; p < SMIME_PROP_COUNT; p++)
		cr_assert_not(smime_verdict_holds(v, (enum smime_prop)p), "%s", smime_prop_names[p]);
	struct msg *u = smime_verdict_unwrap(m, v);
	cr_assert_not_null(u);
	cr_assert_str_eq(test_smime_field(u, "Content-Type"), "text/plain; charset=UTF-8");
	cr_assert_str_eq(test_smime_field(u, "From"), "Alice <" TEST_SMIME_ALICE ">");
	msg_free(u);
	smime_verdict_free(v);
	msg_free(m);
}

Test(smime, eight_bit_text_is_signed_as_base64_and_multiparts_as_they_are)
{
	struct msg *m = msg_new();
	msg_header_append(m, "From", TEST_SMIME_ALICE);
	msg_header_append(m, "Content-Type", "text/plain; charset=UTF-8");
	msg_header_append(m, "Content-Transfer-Encoding", "8bit");
	msg_set_body(m, "ボブさんへ\n");
	test_smime_util_protect(test_smime_s, m, SMIME_MODE_SIGN, TEST_SMIME_ALICE, NULL, NULL);
	cr_assert_not(mime_has_8bit(m->body, m->body_len), "no 8-bit byte is left to a relay");
	struct smime_verdict *v = test_smime_read(m, TEST_SMIME_BOB);
	cr_assert_eq(v->sig, SMIME_SIG_VALID);
	cr_assert_str_eq(v->tree.parts[1].cte, "base64");
	char *plain = test_smime_plain(m, v);
	cr_assert_str_eq(plain, "ボブさんへ\n");
	free(plain);
	smime_verdict_free(v);
	msg_free(m);

	m = msg_new();
	msg_header_append(m, "From", TEST_SMIME_ALICE);
	msg_header_append(m, "Content-Type", "multipart/mixed; boundary=\"xx\"");
	msg_set_body(m, "--xx\r\nContent-Type: text/plain\r\n\r\nhi\r\n--xx--\r\n");
	test_smime_util_protect(test_smime_s, m, SMIME_MODE_SIGN, TEST_SMIME_ALICE, NULL, NULL);
	cr_assert(strstr(m->body, "\r\n--xx\r\nContent-Type: text/plain\r\n\r\nhi\r\n--xx--\r\n"));
	v = test_smime_read(m, TEST_SMIME_BOB);
	cr_assert_eq(v->sig, SMIME_SIG_VALID, "%s", v->problem);
	cr_assert_str_eq(v->layers, "multipart/signed > multipart/mixed");
	cr_assert_eq(v->tree.n, 4);   /* signed, mixed, its text part, the signature */
	cr_assert_str_eq(v->tree.parts[2].type, "text/plain");
	cr_assert_eq(v->tree.parts[2].depth, 2);
	smime_verdict_free(v);
	msg_free(m);
}

Test(smime, the_sender_side_refuses_what_it_cannot_do)
{
	char err[256];
	struct msg *m = test_smime_util_mail(TEST_SMIME_ALICE, TEST_SMIME_BOB, TEST_SMIME_TEXT);
	size_t l0;
	char *before = test_smime_util_text(m, &l0);
	const char *nobody[] = { "nobody@nowhere.example" };
	const char *bob[] = { TEST_SMIME_BOB };
	cr_assert_eq(smime_protect(test_smime_s, m, SMIME_MODE_SIGN, "nobody@nowhere.example", NULL, 0,
	                           0, NULL, err, sizeof err), -1);
	cr_assert(strstr(err, "no certificate to sign with"), "%s", err);
	cr_assert_eq(smime_protect(test_smime_s, m, SMIME_MODE_ENCRYPT, NULL, nobody, 1, 0, NULL, err,
	                           sizeof err), -1);
	cr_assert(strstr(err, "no certificate for nobody@nowhere.example"), "%s", err);
	cr_assert_eq(smime_protect(test_smime_s, m, SMIME_MODE_ENCRYPT, NULL, bob, 0, 0, NULL, err,
	                           sizeof err), -1);
	cr_assert(strstr(err, "1 to 16 recipients"), "%s", err);
	size_t l1;
	char *after = test_smime_util_text(m, &l1);
	cr_assert(l0 == l1 && !memcmp(before, after, l0), "m is unchanged after an error");
	free(before);
	free(after);
	msg_free(m);
}

Test(smime, several_recipients_each_get_the_key)
{
	struct msg *m = test_smime_util_mail(TEST_SMIME_ALICE, TEST_SMIME_BOB, TEST_SMIME_TEXT);
	const char *r[] = { TEST_SMIME_BOB, TEST_SMIME_CAROL, TEST_SMIME_ALICE };
	struct smime_facts f;
	char err[256];
	cr_assert_eq(smime_protect(test_smime_s, m, SMIME_MODE_ENCRYPT, NULL, r, 3, 0, &f, err,
	                           sizeof err), 0, "%s", err);
	cr_assert_eq(f.enc.nrcpt, 3);
	for (int i = 0; i < 3; i++) {
		cr_assert_str_eq(f.enc.rcpt[i].address, r[i]);
		cr_assert_eq(f.enc.rcpt[i].wrapped_len, 256);
		struct smime_verdict *v = test_smime_read(m, r[i]);
		cr_assert_eq(v->dec, SMIME_DEC_OK, "%s: %s", r[i], v->problem);
		smime_verdict_free(v);
	}
	struct smime_verdict *v = test_smime_read(m, TEST_SMIME_EVE);
	cr_assert_eq(v->dec, SMIME_DEC_NOT_FOR_ME);
	smime_verdict_free(v);
	msg_free(m);
}

Test(smime, certificate_cards)
{
	struct smime_cert_card c;
	int u = smime_find_user(test_smime_s, "ALICE@ispa.example");
	cr_assert_eq(u, 0, "addresses compare without case");
	cr_assert_eq(smime_cert_card_user(test_smime_s, u, &c), 0);
	cr_assert_str_eq(c.subject, "O = mailsim lesson, CN = Alice");
	cr_assert_str_eq(c.issuer, "O = mailsim lesson, CN = mailsim Lesson CA");
	cr_assert_str_eq(c.san, "email:" TEST_SMIME_ALICE);
	cr_assert_str_eq(c.key_usage, "digitalSignature, keyEncipherment");
	cr_assert_str_eq(c.ext_key_usage, "emailProtection");
	cr_assert_eq(c.not_before, TEST_SMIME_EPOCH - 30 * TEST_SMIME_DAY);
	cr_assert_eq(c.not_after, TEST_SMIME_EPOCH + 365 * TEST_SMIME_DAY);
	cr_assert_str_eq(c.not_before_text, "2026-03-02 00:00:00Z");
	cr_assert_str_eq(c.not_after_text, "2027-04-01 00:00:00Z");
	cr_assert_str_eq(c.key_type, "RSA");
	cr_assert_eq(c.key_bits, 2048);
	cr_assert_str_eq(c.sig_alg, "sha256WithRSAEncryption");
	cr_assert_eq(strlen(c.fingerprint), 95, "%s", c.fingerprint);
	cr_assert_eq(strlen(c.key_fingerprint), 95);
	cr_assert_eq(strlen(c.serial), 32, "a 128-bit serial: %s", c.serial);
	cr_assert_not(c.is_ca);
	cr_assert_not(c.self_signed);
	struct smime_cert_card ca;
	cr_assert_eq(smime_cert_card_ca(test_smime_s, 0, &ca), 0);
	cr_assert(ca.is_ca && ca.self_signed);
	cr_assert_str_eq(ca.key_usage, "keyCertSign, cRLSign");
	cr_assert_str_eq(ca.subject, c.issuer);
	struct smime_cert_card bob;
	smime_cert_card_user(test_smime_s, 1, &bob);
	cr_assert_str_neq(bob.fingerprint, c.fingerprint);
	cr_assert_str_neq(bob.serial, c.serial);
	cr_assert_eq(smime_cert_card_user(test_smime_s, 99, &c), -1);
	cr_assert_eq(smime_cert_card_ca(test_smime_s, -1, &c), -1);
	cr_assert_eq(smime_user_count(test_smime_s), 5);
	cr_assert_eq(smime_ca_count(test_smime_s), 2);
}

Test(smime, export_writes_the_pem_files)
{
	char err[256];
	char dir[] = "/tmp/mailsim-smime-XXXXXX";
	cr_assert_not_null(mkdtemp(dir));
	char sub[300];
	snprintf(sub, sizeof sub, "%s/certs", dir);
	/* ca.pem, unknown-ca.pem, 5 certificates and 5 keys */
	cr_assert_eq(smime_cert_export(test_smime_s, sub, err, sizeof err), 12, "%s", err);
	static const char *const files[] = {
		"ca.pem", "unknown-ca.pem", TEST_SMIME_ALICE ".pem", TEST_SMIME_ALICE ".key",
		TEST_SMIME_DAVE ".pem",
	};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char path[400];
		snprintf(path, sizeof path, "%s/%s", sub, files[i]);
		struct stat st;
		cr_assert_eq(stat(path, &st), 0, "%s", path);
		cr_assert_gt(st.st_size, 500);
		if (strstr(files[i], ".key"))
			cr_assert_eq(st.st_mode & 0777, 0600, "a private key is private");
	}
	char path[400];
	snprintf(path, sizeof path, "%s/ca.pem", sub);
	FILE *f = fopen(path, "r");
	char line[80];
	cr_assert(fgets(line, sizeof line, f));
	cr_assert_str_eq(line, "-----BEGIN CERTIFICATE-----\n");
	fclose(f);
	cr_assert_eq(smime_cert_export(test_smime_s, "/proc/no/such/dir", err, sizeof err), -1);
	cr_assert(strstr(err, "/proc/no/such/dir"), "%s", err);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

Test(smime, adding_bad_users_and_cas_is_refused)
{
	char err[256];
	char *alice = test_smime_util_key("alice");
	struct smime_user_spec u = { "no-at-sign", NULL, alice, NULL, 0, 0, 0 };
	cr_assert_eq(smime_add_user(test_smime_s, &u, err, sizeof err), -1);
	cr_assert(strstr(err, "not an address"), "%s", err);
	u.address = "../etc@passwd/x";
	cr_assert_eq(smime_add_user(test_smime_s, &u, err, sizeof err), -1);
	u.address = TEST_SMIME_BOB;
	cr_assert_eq(smime_add_user(test_smime_s, &u, err, sizeof err), -1);
	cr_assert(strstr(err, "twice"), "%s", err);
	u.address = "frank@ispb.example";
	u.ca = 7;
	cr_assert_eq(smime_add_user(test_smime_s, &u, err, sizeof err), -1);
	cr_assert(strstr(err, "CA 7"), "%s", err);
	u.ca = 0;
	u.key_pem = "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n";
	cr_assert_eq(smime_add_user(test_smime_s, &u, err, sizeof err), -1);
	cr_assert(strstr(err, "does not parse"), "%s", err);
	u.key_pem = alice;
	u.not_before = TEST_SMIME_EPOCH;
	u.not_after = TEST_SMIME_EPOCH - 1;
	cr_assert_eq(smime_add_user(test_smime_s, &u, err, sizeof err), -1);
	cr_assert(strstr(err, "end before it starts"), "%s", err);

	struct smime_ca_spec ca = { "ca", "x", alice, NULL, 1 };
	cr_assert_eq(smime_add_ca(test_smime_s, &ca, err, sizeof err), -1);
	ca.id = "lesson-ca";
	cr_assert_eq(smime_add_ca(test_smime_s, &ca, err, sizeof err), -1);
	cr_assert(strstr(err, "twice"), "%s", err);
	cr_assert_eq(smime_user_count(test_smime_s), 5, "nothing half-added");
	cr_assert_eq(smime_ca_count(test_smime_s), 2);
	free(alice);
}

Test(smime, init_memory_after_openssl_allocated_is_too_late)
{
	/* the suite's setup (and Criterion itself) already made OpenSSL allocate */
	cr_assert_eq(smime_init_memory(), 0);
	cr_assert_eq(smime_init_memory(), 0);
}

/* Run build/.../smime-oom (next to this test program) with arg; its exit
 * status, and its stderr in err. */
static int test_smime_oom_tool(const char *arg, char *err, size_t errsz)
{
	char exe[512];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	cr_assert_gt(n, 0);
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	cr_assert_not_null(slash);
	snprintf(slash + 1, sizeof exe - (size_t)(slash + 1 - exe), "smime-oom");
	cr_assert_eq(access(exe, X_OK), 0, "%s is missing: make builds it with the unit tests", exe);
	char cmd[700], errfile[] = "/tmp/mailsim-oom-XXXXXX";
	int fd = mkstemp(errfile);
	cr_assert_geq(fd, 0);
	close(fd);
	snprintf(cmd, sizeof cmd, "'%s' %s 2>'%s'", exe, arg, errfile);
	int st = system(cmd);
	FILE *f = fopen(errfile, "r");
	size_t got = f ? fread(err, 1, errsz - 1, f) : 0;
	err[got] = '\0';
	if (f)
		fclose(f);
	unlink(errfile);
	cr_assert(WIFEXITED(st), "smime-oom %s did not exit", arg);
	return WEXITSTATUS(st);
}

Test(smime_memory, openssl_allocates_through_xmalloc_and_exits_3_when_out_of_memory)
{
	char err[512];
	cr_assert_eq(test_smime_oom_tool("work", err, sizeof err), 0,
	             "installed first thing, S/MIME works on the hooks: %s", err);
	cr_assert_eq(test_smime_oom_tool("oom", err, sizeof err), 3, "%s", err);
	cr_assert(strstr(err, "mailsim: out of memory"), "%s", err);
}

/* ---- determinism ---------------------------------------------------------- */

/* Sign and encrypt the same mail in a fresh context for seed; the text. */
static char *test_smime_run(uint64_t seed, int read_between, size_t *len)
{
	struct smime *s = test_smime_util_lesson(seed);
	struct msg *m1 = test_smime_util_mail(TEST_SMIME_ALICE, TEST_SMIME_BOB, TEST_SMIME_TEXT);
	struct msg *m2 = test_smime_util_mail(TEST_SMIME_ALICE, TEST_SMIME_CAROL, "second\n");
	test_smime_util_protect(s, m1, SMIME_MODE_SIGN_ENCRYPT, TEST_SMIME_ALICE, TEST_SMIME_BOB, NULL);
	if (read_between) {     /* the GUI opening a mail must not change the next one */
		struct smime_verdict *v = smime_verdict_open(s, m1, TEST_SMIME_BOB, 0);
		cr_assert_eq(v->dec, SMIME_DEC_OK);
		smime_verdict_free(v);
	}
	test_smime_util_protect(s, m2, SMIME_MODE_SIGN_ENCRYPT, TEST_SMIME_ALICE, TEST_SMIME_CAROL,
	                        NULL);
	size_t l1, l2;
	char *t1 = test_smime_util_text(m1, &l1), *t2 = test_smime_util_text(m2, &l2);
	char *all = malloc(l1 + l2 + 1);
	memcpy(all, t1, l1);
	memcpy(all + l1, t2, l2 + 1);
	*len = l1 + l2;
	free(t1);
	free(t2);
	msg_free(m1);
	msg_free(m2);
	smime_free(s);
	return all;
}

Test(smime_determinism, same_seed_same_bytes_other_seed_other_ciphertext)
{
	size_t la, lb, lc, ld;
	char *a = test_smime_run(7, 0, &la);
	char *b = test_smime_run(7, 1, &lb);
	char *c = test_smime_run(8, 0, &lc);
	char *d = test_smime_run(7, 0, &ld);
	cr_assert(la == ld && !memcmp(a, d, la), "same seed: byte-identical mail");
	cr_assert(la == lb && !memcmp(a, b, la), "reading a mail in between changes nothing");
	cr_assert(la != lc || memcmp(a, c, la), "another seed: another session key");
	/* the same header, another envelope (session key, wrapped key, IV) */
	const char *ea = strstr(a, "\r\n\r\nMII"), *ec = strstr(c, "\r\n\r\nMII");
	cr_assert(ea && ec);
	cr_assert_eq(ea - a, ec - c);
	cr_assert_eq(memcmp(a, c, (size_t)(ea - a)), 0);
	cr_assert_str_neq(ea, ec);
	free(a);
	free(b);
	free(c);
	free(d);
}

Test(smime_determinism, certificates_depend_on_the_seed_only)
{
	struct smime *a = test_smime_util_lesson(7), *b = test_smime_util_lesson(7),
	             *c = test_smime_util_lesson(8);
	struct smime_cert_card ca, cb, cc;
	for (int u = 0; u < smime_user_count(a); u++) {
		smime_cert_card_user(a, u, &ca);
		smime_cert_card_user(b, u, &cb);
		smime_cert_card_user(c, u, &cc);
		cr_assert_str_eq(ca.fingerprint, cb.fingerprint);
		cr_assert_str_neq(ca.serial, cc.serial, "the serial comes from the seed");
		cr_assert_str_eq(ca.key_fingerprint, cc.key_fingerprint, "the shipped key is the same");
	}
	smime_free(a);
	smime_free(b);
	smime_free(c);
}

Test(smime_determinism, generated_keys_come_from_the_seed)
{
	char err[256];
	struct smime_cert_card card[3];
	for (int i = 0; i < 3; i++) {
		struct smime *s = smime_new(i == 2 ? 100 : 99, TEST_SMIME_EPOCH, err, sizeof err);
		cr_assert_not_null(s, "%s", err);
		struct smime_ca_spec ca = { "gen-ca", "Generated CA", NULL, NULL, 1 };
		cr_assert_eq(smime_add_ca(s, &ca, err, sizeof err), 0, "%s", err);
		struct smime_user_spec u = { "gen@example.org", "Gen", NULL, NULL, 0, 0, 0 };
		cr_assert_eq(smime_add_user(s, &u, err, sizeof err), 0, "%s", err);
		cr_assert_eq(smime_cert_card_user(s, 0, &card[i]), 0);
		cr_assert_eq(card[i].key_bits, 2048);
		/* a generated pair works */
		struct msg *m = test_smime_util_mail("gen@example.org", "gen@example.org", "x\n");
		test_smime_util_protect(s, m, SMIME_MODE_SIGN_ENCRYPT, "gen@example.org",
		                        "gen@example.org", NULL);
		struct smime_verdict *v = smime_verdict_open(s, m, "gen@example.org", 0);
		cr_assert_eq(v->dec, SMIME_DEC_OK, "%s", v->problem);
		cr_assert_eq(v->sig, SMIME_SIG_VALID, "%s", v->problem);
		cr_assert_eq(v->chain, SMIME_CHAIN_TRUSTED, "%s", v->chain_error);
		smime_verdict_free(v);
		msg_free(m);
		smime_free(s);
	}
	cr_assert_str_eq(card[0].key_fingerprint, card[1].key_fingerprint);
	cr_assert_str_eq(card[0].fingerprint, card[1].fingerprint);
	cr_assert_str_neq(card[0].key_fingerprint, card[2].key_fingerprint);
}
