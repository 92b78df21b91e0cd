/* smime — the S/MIME context (CAs, users, keys, trust), its seeded
 * randomness and the helpers both sides share.  Sending is in
 * smime_protect.c, reading in smime_verdict.c, certificates in
 * smime_cert.c, the seeded generator in smime_rand.c. */
#include "smime_int.h"

#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <string.h>

#define SMIME_RSA_BITS 2048
#define SMIME_DAY 86400

/* ---- memory ------------------------------------------------------------- */

/* OpenSSL's allocator hooks, on the program's one out-of-memory policy:
 * xmalloc reports and exits 3.  OpenSSL passes size 0 now and then;
 * xmalloc's 1-byte block for it is as valid as NULL would be. */

static void *smime_mem_malloc(size_t n, const char *file, int line)
{
	(void)file;
	(void)line;
	return xmalloc(n);
}

static void *smime_mem_realloc(void *p, size_t n, const char *file, int line)
{
	(void)file;
	(void)line;
	return xrealloc(p, n);
}

static void smime_mem_free(void *p, const char *file, int line)
{
	(void)file;
	(void)line;
	free(p);
}

int smime_init_memory(void)
{
	if (CRYPTO_set_mem_functions(smime_mem_malloc, smime_mem_realloc, smime_mem_free))
		return 1;
	/* A second call after a successful first one is not "too late". */
	CRYPTO_malloc_fn m;
	CRYPTO_get_mem_functions(&m, NULL, NULL);
	return m == smime_mem_malloc;
}

/* ---- errors and small helpers ------------------------------------------- */

int smime_ossl_fail(char *err, size_t errsz, const char *prefix)
{
	unsigned long e, last = 0;
	while ((e = ERR_get_error()) != 0)
		last = e;
	char why[160] = "";
	if (last)
		ERR_error_string_n(last, why, sizeof why);
	return util_fail(err, errsz, "%s%s%s", prefix, why[0] ? ": " : "", why);
}

void smime_hex(char *out, size_t outsz, const unsigned char *p, size_t n, char sep)
{
	static const char lower[] = "0123456789abcdef", upper[] = "0123456789ABCDEF";
	const char *d = sep ? upper : lower;
	size_t o = 0;
	if (!outsz)
		return;
	for (size_t i = 0; i < n && o + 2 + (sep && i ? 1 : 0) < outsz; i++) {
		if (sep && i)
			out[o++] = sep;
		out[o++] = d[p[i] >> 4];
		out[o++] = d[p[i] & 15];
	}
	out[o] = '\0';
}

int64_t smime_asn1_time(const ASN1_TIME *t)
{
	ASN1_TIME *zero = ASN1_TIME_set(NULL, 0);
	int days = 0, secs = 0;
	int ok = zero && t && ASN1_TIME_diff(&days, &secs, zero, t);
	ASN1_TIME_free(zero);
	return ok ? (int64_t)days * SMIME_DAY + secs : 0;
}

static void smime_put64(unsigned char *b, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (56 - 8 * i));
}

void smime_derive(const struct smime *s, const char *label, int64_t t,
                  const void *data, size_t n, unsigned char out[32])
{
	unsigned char seed[8], tb[8];
	smime_put64(seed, s->seed);
	smime_put64(tb, (uint64_t)t);
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned len = 0;
	if (!c || !EVP_DigestInit_ex(c, s->sha256, NULL) ||
	    !EVP_DigestUpdate(c, "mailsim-smime", 14) || !EVP_DigestUpdate(c, seed, 8) ||
	    !EVP_DigestUpdate(c, label, strlen(label) + 1) || !EVP_DigestUpdate(c, tb, 8) ||
	    (n && !EVP_DigestUpdate(c, data, n)) || !EVP_DigestFinal_ex(c, out, &len) || len != 32)
		PANIC("SHA-256 failed inside libcrypto");
	EVP_MD_CTX_free(c);
}

int smime_rekey(struct smime *s, const char *label, int64_t t, const void *data, size_t n)
{
	unsigned char key[32];
	smime_derive(s, label, t, data, n, key);
	int ok = smime_rand_rekey(s->libctx, key);
	OPENSSL_cleanse(key, sizeof key);
	return ok;
}

/* Unix seconds of simulated time t_us (floor, also before time 0). */
int64_t smime_unix(const struct smime *s, int64_t t_us)
{
	int64_t q = t_us / 1000000;
	if (t_us % 1000000 < 0)
		q--;
	return s->epoch + q;
}

/* ---- context ------------------------------------------------------------ */

struct smime *smime_new(uint64_t seed, int64_t epoch, char *err, size_t errsz)
{
	struct smime *s = xcalloc(1, sizeof *s);
	s->seed = seed;
	s->epoch = epoch;
	/* A private library context: no configuration file is read, and its
	 * random generator is the seeded one (smime_rand.c) before anything
	 * can draw from it. */
	s->libctx = OSSL_LIB_CTX_new();
	if (!s->libctx || !smime_rand_install(s->libctx, &s->prov_rand) ||
	    !(s->prov_default = OSSL_PROVIDER_load(s->libctx, "default")) ||
	    !(s->sha256 = EVP_MD_fetch(s->libctx, "SHA2-256", NULL)) ||
	    !(s->cipher = EVP_CIPHER_fetch(s->libctx, "AES-256-CBC", NULL)) ||
	    !(s->trust = X509_STORE_new())) {
		smime_ossl_fail(err, errsz, "cannot set up libcrypto");
		smime_free(s);
		return NULL;
	}
	return s;
}

void smime_free(struct smime *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->nusers; i++) {
		free(s->users[i].address);
		free(s->users[i].name);
		EVP_PKEY_free(s->users[i].key);
		X509_free(s->users[i].cert);
	}
	free(s->users);
	for (int i = 0; i < s->ncas; i++) {
		free(s->cas[i].id);
		free(s->cas[i].name);
		EVP_PKEY_free(s->cas[i].key);
		X509_free(s->cas[i].cert);
	}
	free(s->cas);
	X509_STORE_free(s->trust);
	EVP_CIPHER_free(s->cipher);
	EVP_MD_free(s->sha256);
	if (s->prov_default)
		OSSL_PROVIDER_unload(s->prov_default);
	if (s->prov_rand)
		OSSL_PROVIDER_unload(s->prov_rand);
	OSSL_LIB_CTX_free(s->libctx);
	free(s);
}

int smime_user_count(const struct smime *s)
{
	return s->nusers;
}

int smime_ca_count(const struct smime *s)
{
	return s->ncas;
}

int smime_find_user(const struct smime *s, const char *address)
{
	for (int i = 0; address && i < s->nusers; i++)
		if (!util_strcasecmp(s->users[i].address, address))
			return i;
	return -1;
}

/* ---- keys and certificates from PEM ------------------------------------- */

static EVP_PKEY *smime_read_key(struct smime *s, const char *pem, char *err, size_t errsz)
{
	BIO *b = BIO_new_mem_buf(pem, -1);
	EVP_PKEY *k = b ? PEM_read_bio_PrivateKey_ex(b, NULL, NULL, NULL, s->libctx, NULL) : NULL;
	BIO_free(b);
	if (!k) {
		smime_ossl_fail(err, errsz, "the private key does not parse as PEM");
		return NULL;
	}
	if (!EVP_PKEY_is_a(k, "RSA")) {
		EVP_PKEY_free(k);
		util_fail(err, errsz, "the private key is not an RSA key");
		return NULL;
	}
	return k;
}

static X509 *smime_read_cert(struct smime *s, const char *pem, EVP_PKEY *key, char *err,
                             size_t errsz)
{
	BIO *b = BIO_new_mem_buf(pem, -1);
	X509 *x = X509_new_ex(s->libctx, NULL);
	if (!b || !x || !PEM_read_bio_X509(b, &x, NULL, NULL)) {
		BIO_free(b);
		X509_free(x);
		smime_ossl_fail(err, errsz, "the certificate does not parse as PEM");
		return NULL;
	}
	BIO_free(b);
	if (key && X509_check_private_key(x, key) != 1) {
		X509_free(x);
		ERR_clear_error();
		util_fail(err, errsz, "the certificate does not match the private key");
		return NULL;
	}
	return x;
}

/* A 2048-bit RSA key drawn from the seed and label (an address or CA id). */
static EVP_PKEY *smime_make_key(struct smime *s, const char *label, char *err, size_t errsz)
{
	EVP_PKEY *k = NULL;
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_name(s->libctx, "RSA", NULL);
	if (!c || !smime_rekey(s, "keygen", 0, label, strlen(label)) ||
	    EVP_PKEY_keygen_init(c) <= 0 || EVP_PKEY_CTX_set_rsa_keygen_bits(c, SMIME_RSA_BITS) <= 0 ||
	    EVP_PKEY_generate(c, &k) <= 0) {
		smime_ossl_fail(err, errsz, "cannot generate an RSA key");
		k = NULL;
	}
	EVP_PKEY_CTX_free(c);
	return k;
}

static int smime_id_ok(const char *id)
{
	if (!id || !*id || !strcmp(id, "ca") || id[0] == '.')
		return 0;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
			return 0;
	return 1;
}

/* local@domain in printable ASCII, no '/', '\\' or blanks (it names files). */
static int smime_address_ok(const char *a)
{
	if (!a || a[0] == '.' || a[0] == '@')
		return 0;
	const char *at = strchr(a, '@');
	if (!at || at[1] == '\0' || strchr(at + 1, '@') || strlen(a) > 254)
		return 0;
	for (const char *p = a; *p; p++)
		if ((unsigned char)*p <= 32 || (unsigned char)*p >= 127 || *p == '/' || *p == '\\')
			return 0;
	return 1;
}

int smime_add_ca(struct smime *s, const struct smime_ca_spec *spec, char *err, size_t errsz)
{
	if (!smime_id_ok(spec->id))
		return util_fail(err, errsz, "CA id \"%s\": expected letters, digits, '.', '_' "
		                 "or '-' (and not \"ca\")", spec->id ? spec->id : "");
	for (int i = 0; i < s->ncas; i++)
		if (!strcmp(s->cas[i].id, spec->id))
			return util_fail(err, errsz, "CA id \"%s\" is used twice", spec->id);
	const char *name = spec->name && *spec->name ? spec->name : spec->id;
	char why[200];
	EVP_PKEY *key = NULL;
	X509 *cert = NULL;
	if (spec->key_pem)
		key = smime_read_key(s, spec->key_pem, why, sizeof why);
	else if (!spec->cert_pem)
		key = smime_make_key(s, spec->id, why, sizeof why);
	if ((spec->key_pem || !spec->cert_pem) && !key)
		return util_fail(err, errsz, "CA %s: %s", spec->id, why);
	if (spec->cert_pem) {
		cert = smime_read_cert(s, spec->cert_pem, key, why, sizeof why);
		if (cert && X509_check_ca(cert) < 1) {
			X509_free(cert);
			cert = NULL;
			snprintf(why, sizeof why, "the certificate is not a CA certificate");
		}
	} else {
		cert = smime_cert_issue(s, key, name, NULL, NULL, key, 1, s->epoch - 365 * SMIME_DAY,
		                        s->epoch + 3650 * SMIME_DAY, why, sizeof why);
	}
	if (!cert) {
		EVP_PKEY_free(key);
		return util_fail(err, errsz, "CA %s: %s", spec->id, why);
	}
	if (spec->trusted && !X509_STORE_add_cert(s->trust, cert)) {
		X509_free(cert);
		EVP_PKEY_free(key);
		return smime_ossl_fail(err, errsz, "cannot trust the CA certificate");
	}
	if (s->ncas == s->capcas) {
		s->capcas = s->capcas ? s->capcas * 2 : 4;
		s->cas = xrealloc(s->cas, (size_t)s->capcas * sizeof *s->cas);
	}
	struct smime_ca *ca = &s->cas[s->ncas];
	ca->id = xstrdup(spec->id);
	ca->name = xstrdup(name);
	ca->key = key;
	ca->cert = cert;
	ca->trusted = spec->trusted != 0;
	return s->ncas++;
}

int smime_add_user(struct smime *s, const struct smime_user_spec *spec, char *err, size_t errsz)
{
	const char *a = spec->address;
	if (!smime_address_ok(a))
		return util_fail(err, errsz, "\"%s\" is not an address local@domain", a ? a : "");
	if (smime_find_user(s, a) >= 0)
		return util_fail(err, errsz, "user %s is added twice", a);
	if (!spec->cert_pem && (spec->ca < 0 || spec->ca >= s->ncas || !s->cas[spec->ca].key))
		return util_fail(err, errsz, "user %s: CA %d does not exist or holds no private key",
		                 a, spec->ca);
	int64_t nb = spec->not_before, na = spec->not_after;
	if (!nb && !na) {
		nb = s->epoch - 30 * SMIME_DAY;
		na = s->epoch + 365 * SMIME_DAY;
	}
	if (na < nb)
		return util_fail(err, errsz, "user %s: the certificate would end before it starts", a);
	char why[200];
	EVP_PKEY *key = NULL;
	X509 *cert = NULL;
	if (spec->key_pem)
		key = smime_read_key(s, spec->key_pem, why, sizeof why);
	else if (!spec->cert_pem)
		key = smime_make_key(s, a, why, sizeof why);
	if ((spec->key_pem || !spec->cert_pem) && !key)
		return util_fail(err, errsz, "user %s: %s", a, why);
	if (spec->cert_pem) {
		cert = smime_read_cert(s, spec->cert_pem, key, why, sizeof why);
		if (cert && X509_check_email(cert, a, 0, 0) != 1) {
			X509_free(cert);
			cert = NULL;
			ERR_clear_error();
			snprintf(why, sizeof why, "the certificate does not name %s", a);
		}
	} else {
		const struct smime_ca *ca = &s->cas[spec->ca];
		cert = smime_cert_issue(s, key, spec->name && *spec->name ? spec->name : a, a,
		                        ca->cert, ca->key, 0, nb, na, why, sizeof why);
	}
	if (!cert) {
		EVP_PKEY_free(key);
		return util_fail(err, errsz, "user %s: %s", a, why);
	}
	if (s->nusers == s->capusers) {
		s->capusers = s->capusers ? s->capusers * 2 : 8;
		s->users = xrealloc(s->users, (size_t)s->capusers * sizeof *s->users);
	}
	struct smime_user *u = &s->users[s->nusers];
	u->address = xstrdup(a);
	u->name = xstrdup(spec->name && *spec->name ? spec->name : a);
	u->key = key;
	u->cert = cert;
	return s->nusers++;
}

/* ---- shared by the sending and the reading side -------------------- */

int smime_content_field(const char *name, size_t n)
{
	return (n > 8 && !util_strncasecmp(name, "Content-", 8)) ||
	       (n == 12 && !util_strncasecmp(name, "MIME-Version", 12));
}

void smime_strip_mime_fields(struct msg *m)
{
	for (int i = 0; i < m->nfields;) {
		size_t nl;
		const char *n = msg_field_name(m, i, &nl);
		if (!smime_content_field(n, nl)) {
			i++;
			continue;
		}
		/* the whole name, however long: removing it always progresses */
		char *name = xstrndup(n, nl);
		if (msg_header_remove(m, name) < 1)
			PANIC("field %s not removed", name);
		free(name);
	}
}

void smime_sign_facts_fill(CMS_SignerInfo *si, const char *signer, size_t content_len,
                                int64_t when, struct smime_sign_facts *f)
{
	memset(f, 0, sizeof *f);
	f->done = 1;
	snprintf(f->signer, sizeof f->signer, "%s", signer);
	X509_ALGOR *dig = NULL, *sig = NULL;
	CMS_SignerInfo_get0_algs(si, NULL, NULL, &dig, &sig);
	const ASN1_OBJECT *obj = NULL;
	if (dig)
		X509_ALGOR_get0(&obj, NULL, NULL, dig);
	int nid = obj ? OBJ_obj2nid(obj) : NID_undef;
	snprintf(f->digest_alg, sizeof f->digest_alg, "%s",
	         nid == NID_sha256 ? "SHA-256" : nid != NID_undef ? OBJ_nid2sn(nid) : "?");
	ASN1_OCTET_STRING *md = CMS_signed_get0_data_by_OBJ(
		si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING);
	if (md)
		smime_hex(f->digest, sizeof f->digest, ASN1_STRING_get0_data(md),
		          (size_t)ASN1_STRING_length(md), 0);
	f->content_len = content_len;
	snprintf(f->sig_alg, sizeof f->sig_alg, "RSA PKCS#1 v1.5");
	ASN1_OCTET_STRING *sv = CMS_SignerInfo_get0_signature(si);
	f->signature_len = sv ? ASN1_STRING_length(sv) : 0;
	f->signing_time = when;
}

void smime_enc_rcpt_facts(const struct smime *s, CMS_ContentInfo *cms, struct smime_enc_facts *f)
{
	STACK_OF(CMS_RecipientInfo) *ris = CMS_get0_RecipientInfos(cms);
	f->nrcpt = ris ? sk_CMS_RecipientInfo_num(ris) : 0;
	for (int i = 0; i < f->nrcpt && i < SMIME_MAX_RCPT; i++) {
		CMS_RecipientInfo *ri = sk_CMS_RecipientInfo_value(ris, i);
		struct smime_rcpt_fact *r = &f->rcpt[i];
		memset(r, 0, sizeof *r);
		ASN1_INTEGER *sno = NULL;
		if (CMS_RecipientInfo_type(ri) != CMS_RECIPINFO_TRANS ||
		    !CMS_RecipientInfo_ktri_get0_signer_id(ri, NULL, NULL, &sno))
			continue;
		if (sno) {
			BIGNUM *bn = ASN1_INTEGER_to_BN(sno, NULL);
			char *hx = bn ? BN_bn2hex(bn) : NULL;
			snprintf(r->serial, sizeof r->serial, "%s", hx ? hx : "");
			OPENSSL_free(hx);
			BN_free(bn);
		}
		for (int u = 0; u < s->nusers; u++) {
			if (s->users[u].cert && !CMS_RecipientInfo_ktri_cert_cmp(ri, s->users[u].cert)) {
				EVP_PKEY *pk = X509_get0_pubkey(s->users[u].cert);
				snprintf(r->address, sizeof r->address, "%s", s->users[u].address);
				r->key_bits = pk ? EVP_PKEY_get_bits(pk) : 0;
				break;
			}
		}
	}
	ERR_clear_error();
}

/* One DER element at *p (before end): its tag, class, whether constructed,
 * its contents; *p moves past it.  0 at the end or on anything broken. */
static int smime_der_next(const unsigned char **p, const unsigned char *end, int *tag, int *cls,
                          const unsigned char **content, long *len)
{
	if (*p >= end)
		return 0;
	const unsigned char *q = *p;
	int r = ASN1_get_object(&q, len, tag, cls, (long)(end - *p));
	if ((r & 0x80) || (r & 1))          /* an error, or indefinite length (not DER) */
		return 0;
	*content = q;
	*p = q + *len;
	return 1;
}

void smime_env_der_facts(const struct smime *s, const unsigned char *der, long n,
                         struct smime_enc_facts *f)
{
	const unsigned char *p = der, *end = der + n, *c, *q, *qend;
	long len;
	int tag, cls;
	/* ContentInfo { contentType, [0] EnvelopedData { version, [0]
	 * originatorInfo OPTIONAL, recipientInfos SET, encryptedContentInfo } } */
	if (!smime_der_next(&p, end, &tag, &cls, &c, &len) || tag != V_ASN1_SEQUENCE)
		return;
	p = c;
	end = c + len;
	if (!smime_der_next(&p, end, &tag, &cls, &c, &len) || tag != V_ASN1_OBJECT ||
	    !smime_der_next(&p, end, &tag, &cls, &c, &len) || cls != V_ASN1_CONTEXT_SPECIFIC)
		return;
	p = c;
	end = c + len;
	if (!smime_der_next(&p, end, &tag, &cls, &c, &len) || tag != V_ASN1_SEQUENCE)
		return;
	p = c;
	end = c + len;
	if (!smime_der_next(&p, end, &tag, &cls, &c, &len) || tag != V_ASN1_INTEGER ||
	    !smime_der_next(&p, end, &tag, &cls, &c, &len))
		return;
	if (cls == V_ASN1_CONTEXT_SPECIFIC && !smime_der_next(&p, end, &tag, &cls, &c, &len))
		return;
	if (tag != V_ASN1_SET)
		return;
	/* KeyTransRecipientInfo { version, rid, keyEncryptionAlgorithm,
	 * encryptedKey OCTET STRING }; the others are tagged [1] .. [4]. */
	q = c;
	qend = c + len;
	for (int i = 0; i < SMIME_MAX_RCPT; i++) {
		const unsigned char *rc, *kc;
		long rlen, klen;
		if (!smime_der_next(&q, qend, &tag, &cls, &rc, &rlen))
			break;
		if (tag != V_ASN1_SEQUENCE || cls != V_ASN1_UNIVERSAL)
			continue;
		const unsigned char *r = rc, *rend = rc + rlen;
		int ok = 1;
		for (int k = 0; ok && k < 4; k++)
			ok = smime_der_next(&r, rend, &tag, &cls, &kc, &klen);
		if (ok && tag == V_ASN1_OCTET_STRING)
			f->rcpt[i].wrapped_len = (int)klen;
	}
	/* EncryptedContentInfo { contentType, contentEncryptionAlgorithm,
	 * [0] IMPLICIT encryptedContent OPTIONAL } */
	if (!smime_der_next(&p, end, &tag, &cls, &c, &len) || tag != V_ASN1_SEQUENCE)
		return;
	p = c;
	end = c + len;
	const unsigned char *alg;
	if (!smime_der_next(&p, end, &tag, &cls, &c, &len) || tag != V_ASN1_OBJECT)
		return;
	alg = p;
	if (!smime_der_next(&p, end, &tag, &cls, &c, &len) || tag != V_ASN1_SEQUENCE)
		return;
	X509_ALGOR *a = d2i_X509_ALGOR(NULL, &alg, (long)(p - alg));
	if (a) {
		const ASN1_OBJECT *oid;
		int ptype;
		const void *pval;
		X509_ALGOR_get0(&oid, &ptype, &pval, a);
		int nid = OBJ_obj2nid(oid);
		EVP_CIPHER *ci = nid != NID_undef ? EVP_CIPHER_fetch(s->libctx, OBJ_nid2sn(nid), NULL)
		                                  : NULL;
		if (ci) {
			snprintf(f->cipher, sizeof f->cipher, "%s", OBJ_nid2sn(nid));
			f->session_key_bits = EVP_CIPHER_get_key_length(ci) * 8;
			EVP_CIPHER_free(ci);
		} else {
			char txt[64];
			OBJ_obj2txt(txt, sizeof txt, oid, 0);
			snprintf(f->cipher, sizeof f->cipher, "%s", txt);
		}
		if (ptype == V_ASN1_OCTET_STRING)
			f->iv_len = ASN1_STRING_length(pval);
		X509_ALGOR_free(a);
	}
	if (smime_der_next(&p, end, &tag, &cls, &c, &len) && cls == V_ASN1_CONTEXT_SPECIFIC && tag == 0)
		f->ciphertext_len = (size_t)len;
	ERR_clear_error();
}
