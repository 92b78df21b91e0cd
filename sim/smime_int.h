/* smime_int — what the smime*.c files share and nobody else sees: the
 * context's layout and the helpers between the files. */
#ifndef MAILSIM_SMIME_INT_H
#define MAILSIM_SMIME_INT_H

#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <openssl/x509.h>

#include "smime.h"
#include "util.h"

struct smime_ca {
	char *id;
	char *name;
	EVP_PKEY *key;      /* NULL when only the certificate was given */
	X509 *cert;
	int trusted;
};

struct smime_user {
	char *address;
	char *name;
	EVP_PKEY *key;      /* NULL when only the certificate was given */
	X509 *cert;
};

struct smime {
	uint64_t seed;
	int64_t epoch;
	OSSL_LIB_CTX *libctx;       /* private: its random generator is ours */
	OSSL_PROVIDER *prov_rand;   /* the seeded generator (smime_rand.c) */
	OSSL_PROVIDER *prov_default;
	EVP_MD *sha256;
	EVP_CIPHER *cipher;         /* AES-256-CBC */
	X509_STORE *trust;          /* the trusted CAs' certificates */
	struct smime_ca *cas;
	int ncas, capcas;
	struct smime_user *users;
	int nusers, capusers;
};

/* ---- smime_rand.c: the seeded generator ---------------------------------- */

/* Register and load the seeded generator in libctx and make it the
 * library context's DRBG type; *prov gets the provider to unload later.
 * Must run before anything in libctx draws random bytes.  Returns 1 or 0. */
int smime_rand_install(OSSL_LIB_CTX *libctx, OSSL_PROVIDER **prov);

/* Key libctx's public and private generators with key (32 bytes): the
 * random bytes OpenSSL draws from now on are a function of key alone. */
int smime_rand_rekey(OSSL_LIB_CTX *libctx, const unsigned char key[32]);

/* ---- smime.c --------------------------------------------------------------- */

/* out = SHA-256("mailsim-smime" | seed | label | t | data), the key of one
 * operation's randomness (and of certificate serials). */
void smime_derive(const struct smime *s, const char *label, int64_t t,
                  const void *data, size_t n, unsigned char out[32]);

/* Rekey the generator with smime_derive(...); 0 on failure. */
int smime_rekey(struct smime *s, const char *label, int64_t t, const void *data, size_t n);

/* Unix seconds of simulated time t_us (floor, also before time 0). */
int64_t smime_unix(const struct smime *s, int64_t t_us);

/* 1 if the field name (n bytes) is MIME-Version or Content-*. */
int smime_content_field(const char *name, size_t n);

/* Remove m's MIME-Version and every Content-* field. */
void smime_strip_mime_fields(struct msg *m);

/* Write OpenSSL's queued errors (the last one) after prefix into err, then
 * clear the queue.  Returns -1 for "return smime_ossl_fail(...)". */
int smime_ossl_fail(char *err, size_t errsz, const char *prefix);

/* Lower-case hex of n bytes into out (2n + 1 bytes), with sep between bytes
 * when sep is not 0 (then upper case, as fingerprints are shown). */
void smime_hex(char *out, size_t outsz, const unsigned char *p, size_t n, char sep);

/* Signature facts of signer info si (f is cleared first). */
void smime_sign_facts_fill(CMS_SignerInfo *si, const char *signer, size_t content_len,
                           int64_t when, struct smime_sign_facts *f);

/* Recipient facts of an enveloped CMS: which known user each recipient
 * info names (by issuer and serial), with the key size. */
void smime_enc_rcpt_facts(const struct smime *s, CMS_ContentInfo *cms, struct smime_enc_facts *f);

/* Facts read from the DER of an enveloped ContentInfo: the content cipher
 * (name, key bits from the algorithm, IV length), the encrypted content's
 * length and each key-transport recipient's wrapped key length.  What
 * cannot be read stays as it was. */
void smime_env_der_facts(const struct smime *s, const unsigned char *der, long n,
                         struct smime_enc_facts *f);

/* Unix seconds of an ASN1_TIME; 0 when it cannot be read. */
int64_t smime_asn1_time(const ASN1_TIME *t);

/* ---- smime_cert.c ---------------------------------------------------------- */

/* A certificate for key, signed by issuer_key (the key itself when
 * issuer_cert is NULL: self-signed).  is_ca selects the CA profile. */
X509 *smime_cert_issue(struct smime *s, EVP_PKEY *key, const char *name, const char *email,
                       X509 *issuer_cert, EVP_PKEY *issuer_key, int is_ca,
                       int64_t not_before, int64_t not_after, char *err, size_t errsz);

/* Fill a card from x. */
void smime_cert_card_of(X509 *x, struct smime_cert_card *out);

#endif
