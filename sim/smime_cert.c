/* smime_cert — the lesson CA's certificates: issue them, show them as a
 * card, write them out as PEM for `openssl cms`. */
#include "smime_int.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SMIME_CERT_ORG "mailsim lesson"

static int smime_cert_ext(X509 *x, X509V3_CTX *ctx, int nid, const char *value)
{
	X509_EXTENSION *e = X509V3_EXT_nconf_nid(NULL, ctx, nid, value);
	int ok = e && X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
	return ok;
}

static int smime_cert_san(X509 *x, const char *email)
{
	GENERAL_NAMES *gens = GENERAL_NAMES_new();
	GENERAL_NAME *g = GENERAL_NAME_new();
	ASN1_IA5STRING *ia5 = ASN1_IA5STRING_new();
	int ok = gens && g && ia5 && ASN1_STRING_set(ia5, email, -1);
	if (ok) {
		GENERAL_NAME_set0_value(g, GEN_EMAIL, ia5);
		ia5 = NULL;
		ok = sk_GENERAL_NAME_push(gens, g) > 0;
		if (ok)
			g = NULL;
	}
	ok = ok && X509_add1_ext_i2d(x, NID_subject_alt_name, gens, 0, X509V3_ADD_DEFAULT) == 1;
	ASN1_IA5STRING_free(ia5);
	GENERAL_NAME_free(g);
	GENERAL_NAMES_free(gens);
	return ok;
}

X509 *smime_cert_issue(struct smime *s, EVP_PKEY *key, const char *name, const char *email,
                       X509 *issuer_cert, EVP_PKEY *issuer_key, int is_ca,
                       int64_t not_before, int64_t not_after, char *err, size_t errsz)
{
	/* Serials are 128 bits derived from the seed and the holder, so the
	 * same seed re-issues byte-identical certificates. */
	struct sbuf ident;
	sbuf_init(&ident);
	sbuf_addf(&ident, "%s:%s", is_ca ? "ca" : "user", email ? email : name);
	unsigned char d[32];
	smime_derive(s, "serial", 0, ident.s, ident.len, d);
	d[0] = (unsigned char)((d[0] & 0x3f) | 0x40);   /* positive, 16 bytes long */

	X509 *x = X509_new_ex(s->libctx, NULL);
	X509_NAME *subj = X509_NAME_new();
	BIGNUM *bn = BN_bin2bn(d, 16, NULL);
	int ok = x && subj && bn && X509_set_version(x, X509_VERSION_3) &&
		BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) &&
		X509_NAME_add_entry_by_txt(subj, "O", MBSTRING_UTF8,
		                           (const unsigned char *)SMIME_CERT_ORG, -1, -1, 0) &&
		X509_NAME_add_entry_by_txt(subj, "CN", MBSTRING_UTF8,
		                           (const unsigned char *)name, -1, -1, 0) &&
		X509_set_subject_name(x, subj) &&
		X509_set_issuer_name(x, issuer_cert ? X509_get_subject_name(issuer_cert) : subj) &&
		ASN1_TIME_set(X509_getm_notBefore(x), (time_t)not_before) &&
		ASN1_TIME_set(X509_getm_notAfter(x), (time_t)not_after) &&
		X509_set_pubkey(x, key);
	X509V3_CTX v3;
	X509V3_set_ctx(&v3, issuer_cert ? issuer_cert : x, x, NULL, NULL, 0);
	if (ok && is_ca)
		ok = smime_cert_ext(x, &v3, NID_basic_constraints, "critical,CA:TRUE") &&
		     smime_cert_ext(x, &v3, NID_key_usage, "critical,keyCertSign,cRLSign") &&
		     smime_cert_ext(x, &v3, NID_subject_key_identifier, "hash");
	else if (ok)
		ok = smime_cert_ext(x, &v3, NID_basic_constraints, "CA:FALSE") &&
		     smime_cert_ext(x, &v3, NID_key_usage,
		                    "critical,digitalSignature,keyEncipherment") &&
		     smime_cert_ext(x, &v3, NID_ext_key_usage, "emailProtection") &&
		     smime_cert_san(x, email) &&
		     smime_cert_ext(x, &v3, NID_subject_key_identifier, "hash") &&
		     smime_cert_ext(x, &v3, NID_authority_key_identifier, "keyid:always");
	/* RSA signing is deterministic, but its blinding draws random bytes. */
	ok = ok && smime_rekey(s, "issue", 0, ident.s, ident.len) &&
	     X509_sign(x, issuer_key, s->sha256) > 0;
	sbuf_free(&ident);
	BN_free(bn);
	X509_NAME_free(subj);
	if (!ok) {
		X509_free(x);
		smime_ossl_fail(err, errsz, "cannot issue the certificate");
		return NULL;
	}
	return x;
}

/* ---- the card ------------------------------------------------------------ */

static void smime_cert_bio_text(BIO *b, char *out, size_t outsz)
{
	char *p = NULL;
	long n = BIO_get_mem_data(b, &p);
	if (n < 0)
		n = 0;
	snprintf(out, outsz, "%.*s", (int)n, p ? p : "");
	(void)BIO_reset(b);
}

static void smime_cert_name(BIO *b, const X509_NAME *n, char *out, size_t outsz)
{
	/* One line; UTF-8 names stay readable (no \XX escapes). */
	X509_NAME_print_ex(b, n, 0, XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
	smime_cert_bio_text(b, out, outsz);
}

static void smime_cert_list(char *out, size_t outsz, uint32_t bits,
                            const uint32_t *flags, const char *const *names, int n)
{
	out[0] = '\0';
	for (int i = 0; i < n; i++)
		if (bits & flags[i]) {
			size_t l = strlen(out);
			snprintf(out + l, outsz - l, "%s%s", l ? ", " : "", names[i]);
		}
}

void smime_cert_card_of(X509 *x, struct smime_cert_card *c)
{
	memset(c, 0, sizeof *c);
	BIO *b = BIO_new(BIO_s_mem());
	if (!b)
		PANIC("BIO_new failed");
	smime_cert_name(b, X509_get_subject_name(x), c->subject, sizeof c->subject);
	smime_cert_name(b, X509_get_issuer_name(x), c->issuer, sizeof c->issuer);
	BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
	char *hx = bn ? BN_bn2hex(bn) : NULL;
	snprintf(c->serial, sizeof c->serial, "%s", hx ? hx : "");
	OPENSSL_free(hx);
	BN_free(bn);
	const ASN1_TIME *nb = X509_get0_notBefore(x), *na = X509_get0_notAfter(x);
	c->not_before = smime_asn1_time(nb);
	c->not_after = smime_asn1_time(na);
	ASN1_TIME_print_ex(b, nb, ASN1_DTFLGS_ISO8601);
	smime_cert_bio_text(b, c->not_before_text, sizeof c->not_before_text);
	ASN1_TIME_print_ex(b, na, ASN1_DTFLGS_ISO8601);
	smime_cert_bio_text(b, c->not_after_text, sizeof c->not_after_text);

	static const uint32_t ku_flags[] = {
		KU_DIGITAL_SIGNATURE, KU_NON_REPUDIATION, KU_KEY_ENCIPHERMENT, KU_DATA_ENCIPHERMENT,
		KU_KEY_AGREEMENT, KU_KEY_CERT_SIGN, KU_CRL_SIGN,
	};
	static const char *const ku_names[] = {
		"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
		"keyAgreement", "keyCertSign", "cRLSign",
	};
	_Static_assert(sizeof ku_flags / sizeof *ku_flags == sizeof ku_names / sizeof *ku_names,
	               "one name per key usage");
	uint32_t ku = X509_get_key_usage(x);
	if (ku != UINT32_MAX)
		smime_cert_list(c->key_usage, sizeof c->key_usage, ku, ku_flags, ku_names,
		                (int)(sizeof ku_flags / sizeof *ku_flags));
	static const uint32_t xku_flags[] = {
		XKU_SSL_SERVER, XKU_SSL_CLIENT, XKU_SMIME, XKU_CODE_SIGN, XKU_TIMESTAMP, XKU_OCSP_SIGN,
	};
	static const char *const xku_names[] = {
		"serverAuth", "clientAuth", "emailProtection", "codeSigning", "timeStamping",
		"OCSPSigning",
	};
	_Static_assert(sizeof xku_flags / sizeof *xku_flags == sizeof xku_names / sizeof *xku_names,
	               "one name per extended key usage");
	uint32_t xku = X509_get_extended_key_usage(x);
	if (xku != UINT32_MAX)
		smime_cert_list(c->ext_key_usage, sizeof c->ext_key_usage, xku, xku_flags, xku_names,
		                (int)(sizeof xku_flags / sizeof *xku_flags));

	GENERAL_NAMES *gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	for (int i = 0; gens && i < sk_GENERAL_NAME_num(gens); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);
		int type;
		const ASN1_STRING *v = GENERAL_NAME_get0_value(g, &type);
		const char *kind = type == GEN_EMAIL ? "email" : type == GEN_DNS ? "DNS" :
		                   type == GEN_URI ? "URI" : NULL;
		if (!kind)
			continue;
		size_t l = strlen(c->san);
		snprintf(c->san + l, sizeof c->san - l, "%s%s:%.*s", l ? ", " : "", kind,
		         ASN1_STRING_length(v), (const char *)ASN1_STRING_get0_data(v));
	}
	GENERAL_NAMES_free(gens);

	EVP_PKEY *pk = X509_get0_pubkey(x);
	if (pk) {
		snprintf(c->key_type, sizeof c->key_type, "%s",
		         EVP_PKEY_is_a(pk, "RSA") ? "RSA" : EVP_PKEY_get0_type_name(pk));
		c->key_bits = EVP_PKEY_get_bits(pk);
	}
	snprintf(c->sig_alg, sizeof c->sig_alg, "%s", OBJ_nid2ln(X509_get_signature_nid(x)));
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	if (X509_digest(x, EVP_sha256(), md, &mdlen))
		smime_hex(c->fingerprint, sizeof c->fingerprint, md, mdlen, ':');
	if (X509_pubkey_digest(x, EVP_sha256(), md, &mdlen))
		smime_hex(c->key_fingerprint, sizeof c->key_fingerprint, md, mdlen, ':');
	c->is_ca = X509_check_ca(x) != 0;
	c->self_signed = X509_self_signed(x, 0) == 1;
	BIO_free(b);
	ERR_clear_error();
}

int smime_cert_card_user(const struct smime *s, int u, struct smime_cert_card *out)
{
	if (u < 0 || u >= s->nusers)
		return -1;
	smime_cert_card_of(s->users[u].cert, out);
	return 0;
}

int smime_cert_card_ca(const struct smime *s, int c, struct smime_cert_card *out)
{
	if (c < 0 || c >= s->ncas)
		return -1;
	smime_cert_card_of(s->cas[c].cert, out);
	return 0;
}

/* ---- export -------------------------------------------------------------- */

static int smime_cert_write(const char *dir, const char *file, BIO *b, mode_t mode,
                            char *err, size_t errsz)
{
	char *p = NULL;
	long n = BIO_get_mem_data(b, &p);
	struct sbuf path;
	sbuf_init(&path);
	sbuf_addf(&path, "%s/%s", dir, file);
	int fd = open(path.s, O_WRONLY | O_CREAT | O_TRUNC, mode);
	int rc = fd >= 0 && fchmod(fd, mode) == 0 ? 0 : -1;
	for (long off = 0; rc == 0 && off < n;) {
		ssize_t w = write(fd, p + off, (size_t)(n - off));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			rc = -1;
		else
			off += w;
	}
	if (fd >= 0 && close(fd) != 0)
		rc = -1;
	if (rc < 0)
		util_fail(err, errsz, "%s: %s", path.s, strerror(errno));
	sbuf_free(&path);
	(void)BIO_reset(b);
	return rc;
}

/* Write what PEM_write_* put into b (pem_ok) as dir/file; -1 with a reason. */
static int smime_cert_put(const char *dir, const char *file, BIO *b, int pem_ok, mode_t mode,
                          char *err, size_t errsz)
{
	if (!pem_ok)
		return smime_ossl_fail(err, errsz, "cannot write PEM");
	return smime_cert_write(dir, file, b, mode, err, errsz);
}

int smime_cert_export(const struct smime *s, const char *dir, char *err, size_t errsz)
{
	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		return util_fail(err, errsz, "%s: %s", dir, strerror(errno));
	BIO *b = BIO_new(BIO_s_mem());
	if (!b)
		PANIC("BIO_new failed");
	int files = 0, ok = 1;
	for (int i = 0; i < s->ncas; i++)
		if (s->cas[i].trusted)
			ok = ok && PEM_write_bio_X509(b, s->cas[i].cert);
	int rc = smime_cert_put(dir, "ca.pem", b, ok, 0644, err, errsz);
	files += rc == 0;
	char name[300];
	for (int i = 0; rc == 0 && i < s->ncas; i++) {
		if (s->cas[i].trusted)
			continue;
		snprintf(name, sizeof name, "%s.pem", s->cas[i].id);
		rc = smime_cert_put(dir, name, b, PEM_write_bio_X509(b, s->cas[i].cert), 0644,
		                    err, errsz);
		files += rc == 0;
	}
	for (int i = 0; rc == 0 && i < s->nusers; i++) {
		const struct smime_user *u = &s->users[i];
		snprintf(name, sizeof name, "%s.pem", u->address);
		rc = smime_cert_put(dir, name, b, PEM_write_bio_X509(b, u->cert), 0644, err, errsz);
		files += rc == 0;
		if (rc == 0 && u->key) {
			snprintf(name, sizeof name, "%s.key", u->address);
			rc = smime_cert_put(dir, name, b,
			                    PEM_write_bio_PrivateKey(b, u->key, NULL, NULL, 0, NULL, NULL),
			                    0600, err, errsz);
			files += rc == 0;
		}
	}
	BIO_free(b);
	return rc < 0 ? -1 : files;
}
