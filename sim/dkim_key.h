/* dkim_key — RSA keys for DKIM through OpenSSL's libcrypto: a signer's
 * private key loaded from PEM, the public half published as a DNS TXT
 * record ("v=DKIM1; k=rsa; p=…", RFC 6376 section 3.6.1) and read back
 * from one, and the RSASSA-PKCS1-v1_5 SHA-256 signatures made and checked
 * with them.  PKCS#1 v1.5 signatures are deterministic: the same key and
 * data always give the same bytes, so runs replay exactly. */
#ifndef MAILSIM_DKIM_KEY_H
#define MAILSIM_DKIM_KEY_H

#include <stddef.h>

#include "util.h"

/* Keys smaller than this are refused (RFC 8301 section 3.2: verifiers
 * MUST NOT consider signatures with smaller RSA keys valid). */
#define DKIM_KEY_MIN_BITS 1024

/* An RSA key, private (can sign) or public only (can verify).  Opaque:
 * OpenSSL's types stay out of the headers. */
struct dkim_key;

/* Load an unencrypted RSA private key from PEM text ("PRIVATE KEY",
 * PKCS#8, or "RSA PRIVATE KEY", PKCS#1), len bytes at pem.  Returns a new
 * key owned by the caller (free it with dkim_key_free), or NULL with a
 * one-line reason in err: no PEM key in the text, an encrypted key, a key
 * that is not RSA, or one smaller than DKIM_KEY_MIN_BITS. */
struct dkim_key *dkim_key_from_pem(const char *pem, size_t len, char *err, size_t errsz);

/* dkim_key_from_pem on the contents of the file at path (which must be
 * smaller than 1 MiB); the reason names the path when it cannot be read. */
struct dkim_key *dkim_key_load_file(const char *path, char *err, size_t errsz);

/* Free a key; NULL is fine. */
void dkim_key_free(struct dkim_key *k);

/* The modulus size in bits. */
int dkim_key_bits(const struct dkim_key *k);

/* 1 if the key holds its private half (so it can sign), else 0. */
int dkim_key_can_sign(const struct dkim_key *k);

/* The DNS TXT record value that publishes k's public half:
 * "v=DKIM1; k=rsa; p=<base64 of the DER SubjectPublicKeyInfo>", one
 * unbroken line.  Returns a malloc'd string owned by the caller. */
char *dkim_key_txt_record(const struct dkim_key *k);

/* The same record made straight from PEM text holding a private key (as
 * dkim_key_from_pem reads) or a public one ("PUBLIC KEY").  Returns a
 * malloc'd string owned by the caller, or NULL with a reason in err. */
char *dkim_key_txt_from_pem(const char *pem, size_t len, char *err, size_t errsz);

/* What a key record (RFC 6376 section 3.6.1) says besides the key. */
struct dkim_key_record {
	int testing;                /* t=y: the domain is testing DKIM */
	int strict;                 /* t=s: i= must be in exactly d=, no subdomain */
};

enum dkim_key_status {
	DKIM_KEY_OK,                /* a usable RSA public key */
	DKIM_KEY_REVOKED,           /* p= is empty */
	DKIM_KEY_SYNTAX,            /* not a valid tag-list, no p=, v= not first or not DKIM1,
	                             * p= not base64 or not a key */
	DKIM_KEY_UNSUITABLE,        /* k= not rsa, h= without sha256, s= without email or *,
	                             * a key smaller than DKIM_KEY_MIN_BITS */
	DKIM_KEY_STATUS_COUNT
};
/* "ok", "revoked", "syntax", "unsuitable". */
extern const char *const dkim_key_status_names[DKIM_KEY_STATUS_COUNT];

/* Parse a key record's TXT value (len bytes at txt).  With DKIM_KEY_OK,
 * *out is a new public key owned by the caller and *rec (if non-NULL) is
 * filled; with any other status *out is NULL and err says why.  p= may
 * hold a SubjectPublicKeyInfo (what everyone publishes) or a bare PKCS#1
 * RSAPublicKey.  Unknown tags are ignored, as the RFC requires. */
enum dkim_key_status dkim_key_from_record(const char *txt, size_t len, struct dkim_key **out,
                                          struct dkim_key_record *rec, char *err, size_t errsz);

/* Sign n bytes at data with RSASSA-PKCS1-v1_5 over SHA-256 and append the
 * signature (bits/8 bytes) to sig.  Returns 0, or -1 with a reason in err
 * when the key has no private half or libcrypto fails. */
int dkim_key_sign(const struct dkim_key *k, const void *data, size_t n, struct sbuf *sig,
                  char *err, size_t errsz);

/* Check an RSASSA-PKCS1-v1_5 SHA-256 signature of n bytes at data.
 * Returns 1 if it is valid, 0 if not (any bytes are safe). */
int dkim_key_verify(const struct dkim_key *k, const void *data, size_t n, const void *sig,
                    size_t siglen);

/* SHA-256 of n bytes into out (32 bytes). */
void dkim_key_sha256(const void *data, size_t n, unsigned char out[32]);

#endif
