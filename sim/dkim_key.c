/* dkim_key — RSA keys, key records and PKCS#1 v1.5 SHA-256 signatures
 * through libcrypto (OpenSSL 3 EVP interfaces only). */
#include "dkim_key.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "mime.h"
#include "taglist.h"
#include "util.h"

struct dkim_key {
	EVP_PKEY *pkey;
	int private_half;
};

const char *const dkim_key_status_names[DKIM_KEY_STATUS_COUNT] = {
	"ok", "revoked", "syntax", "unsuitable",
};
_Static_assert(sizeof dkim_key_status_names / sizeof *dkim_key_status_names ==
               DKIM_KEY_STATUS_COUNT, "dkim_key_status_names");

#define DKIM_KEY_FILE_MAX (1 << 20)

/* Never prompt for a pass phrase: an encrypted key simply fails to load. */
static int dkim_key_no_password(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return 0;
}

static struct dkim_key *dkim_key_wrap(EVP_PKEY *pkey, int private_half)
{
	struct dkim_key *k = xcalloc(1, sizeof *k);
	k->pkey = pkey;
	k->private_half = private_half;
	return k;
}

/* Take a freshly read key if it is RSA and large enough; else free it. */
static struct dkim_key *dkim_key_accept(EVP_PKEY *pkey, int private_half, char *err,
                                        size_t errsz)
{
	if (!EVP_PKEY_is_a(pkey, "RSA")) {
		util_fail(err, errsz, "not an RSA key (%s)", EVP_PKEY_get0_type_name(pkey));
		EVP_PKEY_free(pkey);
		return NULL;
	}
	if (EVP_PKEY_get_bits(pkey) < DKIM_KEY_MIN_BITS) {
		util_fail(err, errsz, "RSA key of %d bits: at least %d are required (RFC 8301)",
		          EVP_PKEY_get_bits(pkey), DKIM_KEY_MIN_BITS);
		EVP_PKEY_free(pkey);
		return NULL;
	}
	return dkim_key_wrap(pkey, private_half);
}

/* Read a private key, or (public_ok) a public one, from PEM text. */
static struct dkim_key *dkim_key_read_pem(const char *pem, size_t len, int public_ok, char *err,
                                          size_t errsz)
{
	if (!pem || len == 0 || len > INT_MAX) {
		util_fail(err, errsz, "no PEM key in the text");
		return NULL;
	}
	BIO *bio = BIO_new_mem_buf(pem, (int)len);
	if (!bio)
		PANIC("BIO_new_mem_buf failed");
	EVP_PKEY *pkey = PEM_read_bio_PrivateKey(bio, NULL, dkim_key_no_password, NULL);
	int private_half = pkey != NULL;
	if (!pkey && public_ok) {
		(void)BIO_reset(bio);
		pkey = PEM_read_bio_PUBKEY(bio, NULL, dkim_key_no_password, NULL);
	}
	BIO_free(bio);
	ERR_clear_error();
	if (!pkey) {
		/* memmem is not C11: look for the marker by hand. */
		static const char enc[] = "ENCRYPTED";
		int encrypted = 0;
		for (size_t i = 0; i + sizeof enc - 1 <= len && !encrypted; i++)
			encrypted = !memcmp(pem + i, enc, sizeof enc - 1);
		util_fail(err, errsz, encrypted ? "encrypted private keys are not supported"
		          : public_ok ? "no PEM RSA key in the text"
		          : "no PEM private key in the text");
		return NULL;
	}
	return dkim_key_accept(pkey, private_half, err, errsz);
}

struct dkim_key *dkim_key_from_pem(const char *pem, size_t len, char *err, size_t errsz)
{
	return dkim_key_read_pem(pem, len, 0, err, errsz);
}

struct dkim_key *dkim_key_load_file(const char *path, char *err, size_t errsz)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		util_fail(err, errsz, "%s: cannot open", path);
		return NULL;
	}
	char *buf = xmalloc(DKIM_KEY_FILE_MAX);
	size_t n = fread(buf, 1, DKIM_KEY_FILE_MAX, f);
	int bad = ferror(f) || n == DKIM_KEY_FILE_MAX;
	fclose(f);
	struct dkim_key *k = NULL;
	if (bad) {
		util_fail(err, errsz, "%s: cannot read (or larger than 1 MiB)", path);
	} else {
		char why[200];
		k = dkim_key_from_pem(buf, n, why, sizeof why);
		if (!k)
			util_fail(err, errsz, "%s: %s", path, why);
	}
	free(buf);
	return k;
}

void dkim_key_free(struct dkim_key *k)
{
	if (!k)
		return;
	EVP_PKEY_free(k->pkey);
	free(k);
}

int dkim_key_bits(const struct dkim_key *k)
{
	return EVP_PKEY_get_bits(k->pkey);
}

int dkim_key_can_sign(const struct dkim_key *k)
{
	return k->private_half;
}

char *dkim_key_txt_record(const struct dkim_key *k)
{
	unsigned char *der = NULL;
	int n = i2d_PUBKEY(k->pkey, &der);
	if (n <= 0)
		PANIC("i2d_PUBKEY failed for a loaded RSA key");
	struct sbuf b;
	sbuf_init(&b);
	sbuf_adds(&b, "v=DKIM1; k=rsa; p=");
	mime_b64_encode(&b, der, (size_t)n, 0);
	OPENSSL_free(der);
	return sbuf_take(&b);
}

char *dkim_key_txt_from_pem(const char *pem, size_t len, char *err, size_t errsz)
{
	struct dkim_key *k = dkim_key_read_pem(pem, len, 1, err, errsz);
	if (!k)
		return NULL;
	char *txt = dkim_key_txt_record(k);
	dkim_key_free(k);
	return txt;
}

/* 1 if the colon-separated list in t (white space around items allowed)
 * holds word. */
static int dkim_key_list_has(const struct taglist_tag *t, const char *word)
{
	size_t wn = strlen(word);
	const char *p = t->value, *end = t->value + t->value_len;
	while (p <= end) {
		const char *colon = memchr(p, ':', (size_t)(end - p));
		const char *e = colon ? colon : end;
		const char *a = p, *b = e;
		while (a < b && (*a == ' ' || *a == '\t' || *a == '\r' || *a == '\n'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r' || b[-1] == '\n'))
			b--;
		if ((size_t)(b - a) == wn && !memcmp(a, word, wn))
			return 1;
		if (!colon)
			break;
		p = colon + 1;
	}
	return 0;
}

enum dkim_key_status dkim_key_from_record(const char *txt, size_t len, struct dkim_key **out,
                                          struct dkim_key_record *rec, char *err, size_t errsz)
{
	struct taglist tl;
	char why[160];
	const struct taglist_tag *t;

	*out = NULL;
	if (taglist_parse(&tl, txt, len, why, sizeof why) < 0) {
		util_fail(err, errsz, "key record: %s", why);
		return DKIM_KEY_SYNTAX;
	}
	t = taglist_find(&tl, "v");
	if (t && (t != &tl.tags[0] || !taglist_value_is(t, "DKIM1"))) {
		util_fail(err, errsz, "key record: v= must come first and be DKIM1");
		return DKIM_KEY_SYNTAX;
	}
	t = taglist_find(&tl, "h");
	if (t && !dkim_key_list_has(t, "sha256")) {
		util_fail(err, errsz, "key record: h= does not allow sha256");
		return DKIM_KEY_UNSUITABLE;
	}
	t = taglist_find(&tl, "k");
	if (t && !taglist_value_is(t, "rsa")) {
		util_fail(err, errsz, "key record: key type k=%.*s is not rsa", (int)t->value_len,
		          t->value);
		return DKIM_KEY_UNSUITABLE;
	}
	t = taglist_find(&tl, "s");
	if (t && !dkim_key_list_has(t, "*") && !dkim_key_list_has(t, "email")) {
		util_fail(err, errsz, "key record: service type s= does not include email");
		return DKIM_KEY_UNSUITABLE;
	}
	struct dkim_key_record r = { 0, 0 };
	t = taglist_find(&tl, "t");
	if (t) {
		r.testing = dkim_key_list_has(t, "y");
		r.strict = dkim_key_list_has(t, "s");
	}
	t = taglist_find(&tl, "p");
	if (!t) {
		util_fail(err, errsz, "key record: no p= tag");
		return DKIM_KEY_SYNTAX;
	}
	if (t->value_len == 0) {
		util_fail(err, errsz, "key revoked (empty p=)");
		return DKIM_KEY_REVOKED;
	}

	struct sbuf der;
	sbuf_init(&der);
	if (taglist_decode_base64(&der, t->value, t->value_len) < 0 || der.len == 0 ||
	    der.len > LONG_MAX) {
		sbuf_free(&der);
		util_fail(err, errsz, "key record: p= is not base64");
		return DKIM_KEY_SYNTAX;
	}
	/* SubjectPublicKeyInfo first (what openssl -pubout and every signer
	 * publish), then a bare RSAPublicKey; either must use every byte. */
	const unsigned char *p = (const unsigned char *)der.s;
	EVP_PKEY *pkey = d2i_PUBKEY(NULL, &p, (long)der.len);
	if (pkey && p != (const unsigned char *)der.s + der.len) {
		EVP_PKEY_free(pkey);
		pkey = NULL;
	}
	if (!pkey) {
		p = (const unsigned char *)der.s;
		pkey = d2i_PublicKey(EVP_PKEY_RSA, NULL, &p, (long)der.len);
		if (pkey && p != (const unsigned char *)der.s + der.len) {
			EVP_PKEY_free(pkey);
			pkey = NULL;
		}
	}
	sbuf_free(&der);
	ERR_clear_error();
	if (!pkey) {
		util_fail(err, errsz, "key record: p= is not a public key");
		return DKIM_KEY_SYNTAX;
	}
	struct dkim_key *k = dkim_key_accept(pkey, 0, why, sizeof why);
	if (!k) {
		util_fail(err, errsz, "key record: %s", why);
		return DKIM_KEY_UNSUITABLE;
	}
	*out = k;
	if (rec)
		*rec = r;
	return DKIM_KEY_OK;
}

int dkim_key_sign(const struct dkim_key *k, const void *data, size_t n, struct sbuf *sig,
                  char *err, size_t errsz)
{
	if (!k->private_half) {
		util_fail(err, errsz, "the key has no private half");
		return -1;
	}
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t siglen = 0;
	int ok = ctx && EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, k->pkey) == 1 &&
	         EVP_DigestSign(ctx, NULL, &siglen, data, n) == 1;
	if (ok) {
		sbuf_reserve(sig, siglen);
		ok = EVP_DigestSign(ctx, (unsigned char *)sig->s + sig->len, &siglen, data, n) == 1;
		if (ok) {
			sig->len += siglen;
			sig->s[sig->len] = '\0';
		}
	}
	EVP_MD_CTX_free(ctx);
	if (!ok) {
		unsigned long e = ERR_get_error();
		util_fail(err, errsz, "RSA signing failed: %s",
		          e ? ERR_reason_error_string(e) : "unknown error");
		ERR_clear_error();
		return -1;
	}
	return 0;
}

int dkim_key_verify(const struct dkim_key *k, const void *data, size_t n, const void *sig,
                    size_t siglen)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx)
		PANIC("EVP_MD_CTX_new failed");
	int ok = EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL, k->pkey) == 1 &&
	         EVP_DigestVerify(ctx, sig, siglen, data, n) == 1;
	EVP_MD_CTX_free(ctx);
	ERR_clear_error();
	return ok;
}

void dkim_key_sha256(const void *data, size_t n, unsigned char out[32])
{
	unsigned int len = 0;
	if (EVP_Digest(data, n, out, &len, EVP_sha256(), NULL) != 1 || len != 32)
		PANIC("SHA-256 failed");
}
