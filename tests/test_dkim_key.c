/* test_dkim_key — sim/dkim_key.c: PEM keys, the DKIM1 TXT record and
 * reading it back, and RSA-SHA256 signatures. */
#include <criterion/criterion.h>

#include <string.h>

#include "dkim_key.h"
#include "mime.h"
#include "taglist.h"
#include "test_dkim_util.h"

Test(dkim_key, loads_pkcs8_and_pkcs1)
{
	struct dkim_key *a = test_dkim_util_key("dkim-rsa2048-a.pem");
	struct dkim_key *b = test_dkim_util_key("dkim-rsa2048-b.pkcs1.pem");
	cr_assert_eq(dkim_key_bits(a), 2048);
	cr_assert_eq(dkim_key_bits(b), 2048);
	cr_assert(dkim_key_can_sign(a) && dkim_key_can_sign(b));
	dkim_key_free(a);
	dkim_key_free(b);
	dkim_key_free(NULL);
}

Test(dkim_key, pkcs1_and_pkcs8_of_one_key_publish_the_same_record)
{
	struct dkim_key *p8 = test_dkim_util_key("dkim-rsa2048-b.pem");
	struct dkim_key *p1 = test_dkim_util_key("dkim-rsa2048-b.pkcs1.pem");
	char *t8 = dkim_key_txt_record(p8), *t1 = dkim_key_txt_record(p1);
	cr_assert_str_eq(t8, t1);
	free(t8);
	free(t1);
	dkim_key_free(p8);
	dkim_key_free(p1);
}

Test(dkim_key, refuses_what_cannot_sign)
{
	static const struct {
		const char *file;
		const char *why;
	} bad[] = {
		{ "dkim-rsa512.pem", "512 bits" },
		{ "dkim-ed25519.pem", "not an RSA key" },
		{ "dkim-rsa2048-a.pub.pem", "no PEM private key" },
		{ "README.md", "no PEM private key" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		size_t len;
		char err[200] = "";
		char *pem = test_dkim_util_read(bad[i].file, &len);
		struct dkim_key *k = dkim_key_from_pem(pem, len, err, sizeof err);
		free(pem);
		cr_assert_null(k, "%s must be refused", bad[i].file);
		cr_assert(strstr(err, bad[i].why), "%s: \"%s\" should say %s", bad[i].file, err,
		          bad[i].why);
	}
	char err[200];
	cr_assert_null(dkim_key_from_pem("", 0, err, sizeof err));
	cr_assert_null(dkim_key_load_file("tests/data/no-such-key.pem", err, sizeof err));
	cr_assert(strstr(err, "no-such-key.pem"), "%s", err);
}

Test(dkim_key, encrypted_key_is_refused_without_prompting)
{
	/* The same key encrypted with a pass phrase: no prompt, a clear reason. */
	static const char pem[] = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
	                          "MIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n"
	                          "-----END ENCRYPTED PRIVATE KEY-----\n";
	char err[200];
	cr_assert_null(dkim_key_from_pem(pem, sizeof pem - 1, err, sizeof err));
	cr_assert(strstr(err, "encrypted"), "%s", err);
}

/* The PEM body of a "PUBLIC KEY" is the base64 SubjectPublicKeyInfo: the
 * record's p= must be exactly that, as openssl writes it. */
Test(dkim_key, txt_record_is_the_spki_openssl_writes)
{
	size_t len;
	char *pub = test_dkim_util_read("dkim-rsa2048-a.pub.pem", &len);
	struct sbuf want;
	sbuf_init(&want);
	sbuf_adds(&want, "v=DKIM1; k=rsa; p=");
	for (char *save = NULL, *line = strtok_r(pub, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (line[0] != '-')
			sbuf_adds(&want, line);
	free(pub);

	struct dkim_key *k = test_dkim_util_key("dkim-rsa2048-a.pem");
	char *txt = dkim_key_txt_record(k);
	cr_assert_str_eq(txt, want.s);
	dkim_key_free(k);
	free(txt);

	/* From PEM text, private or public. */
	char err[200];
	char *priv_pem = test_dkim_util_read("dkim-rsa2048-a.pem", &len);
	txt = dkim_key_txt_from_pem(priv_pem, len, err, sizeof err);
	cr_assert_str_eq(txt, want.s, "%s", err);
	free(txt);
	free(priv_pem);
	char *pub_pem = test_dkim_util_read("dkim-rsa2048-a.pub.pem", &len);
	txt = dkim_key_txt_from_pem(pub_pem, len, err, sizeof err);
	cr_assert_str_eq(txt, want.s, "%s", err);
	free(txt);
	free(pub_pem);
	sbuf_free(&want);
}

static char *test_dkim_key_record(const char *file)
{
	size_t len;
	char err[200];
	char *pem = test_dkim_util_read(file, &len);
	char *txt = dkim_key_txt_from_pem(pem, len, err, sizeof err);
	free(pem);
	cr_assert_not_null(txt, "%s", err);
	return txt;
}

Test(dkim_key, record_round_trip_signs_and_verifies)
{
	char *txt = test_dkim_key_record("dkim-rsa2048-a.pem");
	struct dkim_key *pub = NULL, *priv = test_dkim_util_key("dkim-rsa2048-a.pem");
	struct dkim_key_record rec;
	char err[200];
	cr_assert_eq(dkim_key_from_record(txt, strlen(txt), &pub, &rec, err, sizeof err),
	             DKIM_KEY_OK, "%s", err);
	cr_assert_not(dkim_key_can_sign(pub));
	cr_assert_eq(dkim_key_bits(pub), 2048);

	struct sbuf sig, sig2;
	sbuf_init(&sig);
	sbuf_init(&sig2);
	cr_assert_eq(dkim_key_sign(priv, "data", 4, &sig, err, sizeof err), 0, "%s", err);
	cr_assert_eq(sig.len, 256);
	cr_assert_eq(dkim_key_sign(priv, "data", 4, &sig2, err, sizeof err), 0);
	cr_assert_eq(memcmp(sig.s, sig2.s, 256), 0, "PKCS#1 v1.5 signatures are deterministic");
	cr_assert_eq(dkim_key_verify(pub, "data", 4, sig.s, sig.len), 1);
	cr_assert_eq(dkim_key_verify(pub, "date", 4, sig.s, sig.len), 0, "other data");
	sig.s[10] ^= 1;
	cr_assert_eq(dkim_key_verify(pub, "data", 4, sig.s, sig.len), 0, "a flipped bit");
	cr_assert_eq(dkim_key_verify(pub, "data", 4, sig.s, 3), 0, "a short signature");
	sbuf_reset(&sig);
	cr_assert_eq(dkim_key_sign(pub, "data", 4, &sig, err, sizeof err), -1);
	cr_assert(strstr(err, "private"), "%s", err);
	sbuf_free(&sig);
	sbuf_free(&sig2);
	dkim_key_free(pub);
	dkim_key_free(priv);
	free(txt);
}

Test(dkim_key, bare_rsapublickey_is_accepted)
{
	/* An RSA 2048 SubjectPublicKeyInfo is a 24-byte prefix (algorithm
	 * identifier, BIT STRING header) and the PKCS#1 RSAPublicKey. */
	char *txt = test_dkim_key_record("dkim-rsa2048-a.pem");
	const char *p = strstr(txt, "p=") + 2;
	struct sbuf der, rec;
	sbuf_init(&der);
	sbuf_init(&rec);
	cr_assert_eq(taglist_decode_base64(&der, p, strlen(p)), 0);
	cr_assert_eq(der.len, 294);
	sbuf_adds(&rec, "k=rsa; p=");
	mime_b64_encode(&rec, der.s + 24, der.len - 24, 0);
	struct dkim_key *k = NULL;
	char err[200];
	cr_assert_eq(dkim_key_from_record(rec.s, rec.len, &k, NULL, err, sizeof err), DKIM_KEY_OK,
	             "%s", err);
	cr_assert_eq(dkim_key_bits(k), 2048);
	dkim_key_free(k);
	sbuf_free(&der);
	sbuf_free(&rec);
	free(txt);
}

Test(dkim_key, record_statuses)
{
	char *txt = test_dkim_key_record("dkim-rsa2048-a.pem");
	const char *p = strstr(txt, "p=");
	struct sbuf b;
	sbuf_init(&b);
	const struct {
		const char *prefix;     /* written before p=… */
		int with_key;
		enum dkim_key_status want;
		const char *why;
	} cases[] = {
		{ "v=DKIM1; k=rsa; t=y:s; ", 1, DKIM_KEY_OK, "" },
		{ "h=sha1:sha256; s=email; ", 1, DKIM_KEY_OK, "" },
		{ "s=*; n=notes are ignored; x9=unknown; ", 1, DKIM_KEY_OK, "" },
		{ "v=DKIM1; k=rsa; p=", 0, DKIM_KEY_REVOKED, "revoked" },
		{ "k=rsa; v=DKIM1; ", 1, DKIM_KEY_SYNTAX, "v= must come first" },
		{ "v=DKIM2; ", 1, DKIM_KEY_SYNTAX, "DKIM1" },
		{ "k=ed25519; ", 1, DKIM_KEY_UNSUITABLE, "not rsa" },
		{ "h=sha1; ", 1, DKIM_KEY_UNSUITABLE, "sha256" },
		{ "s=tlsrpt; ", 1, DKIM_KEY_UNSUITABLE, "email" },
		{ "v=DKIM1; k=rsa", 0, DKIM_KEY_SYNTAX, "no p=" },
		{ "v=DKIM1; p=!!!!", 0, DKIM_KEY_SYNTAX, "not base64" },
		{ "v=DKIM1; p=AAAA", 0, DKIM_KEY_SYNTAX, "not a public key" },
		{ "v=DKIM1;; ", 1, DKIM_KEY_SYNTAX, "key record" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		sbuf_reset(&b);
		sbuf_adds(&b, cases[i].prefix);
		if (cases[i].with_key)
			sbuf_adds(&b, p);
		struct dkim_key *k = (struct dkim_key *)&b;   /* must be overwritten */
		struct dkim_key_record rec = { 0, 0 };
		char err[200] = "";
		enum dkim_key_status st = dkim_key_from_record(b.s, b.len, &k, &rec, err, sizeof err);
		cr_assert_eq(st, cases[i].want, "\"%s\": %s, want %s (%s)", b.s,
		             dkim_key_status_names[st], dkim_key_status_names[cases[i].want], err);
		if (st == DKIM_KEY_OK) {
			cr_assert_not_null(k);
			dkim_key_free(k);
		} else {
			cr_assert_null(k);
			cr_assert(strstr(err, cases[i].why), "\"%s\": \"%s\" should say %s", b.s, err,
			          cases[i].why);
		}
		if (i == 0)
			cr_assert(rec.testing && rec.strict, "t=y:s");
	}
	/* A 512-bit key is unsuitable in a record (RFC 8301) and mailsim
	 * will not publish one either. */
	size_t len;
	char err[200];
	char *small = test_dkim_util_read("dkim-rsa512.txt", &len);
	struct dkim_key *k = NULL;
	cr_assert_eq(dkim_key_from_record(small, strcspn(small, "\n"), &k, NULL, err, sizeof err),
	             DKIM_KEY_UNSUITABLE);
	cr_assert(strstr(err, "512 bits"), "%s", err);
	cr_assert_null(k);
	char *pem = test_dkim_util_read("dkim-rsa512.pem", &len);
	cr_assert_null(dkim_key_txt_from_pem(pem, len, err, sizeof err), "too small to publish");
	free(pem);
	sbuf_free(&b);
	free(small);
	free(txt);
}
