/* smime — S/MIME with real cryptography (OpenSSL's libcrypto: CMS, X.509,
 * RSA, AES, SHA-256) for the lessons: a lesson CA issues certificates to
 * the users, a sending MUA signs (detached multipart/signed, SHA-256) and
 * encrypts (enveloped data, AES-256-CBC, the session key wrapped with each
 * recipient's RSA key), and a receiving MUA decrypts and verifies and gets
 * a verdict it can show.  The output is real S/MIME that `openssl cms`
 * reads.
 *
 * Deterministic: every random byte OpenSSL draws (session keys, IVs, RSA
 * padding and blinding, key generation) comes from a generator keyed by the
 * run's seed and the operation (smime_rand.c), certificate serials are
 * derived from the seed, validity periods from the simulated epoch and the
 * signing time from the simulated clock.  The same seed and the same calls
 * give byte-identical mail and certificates; nothing reads the wall clock.
 *
 * Knows nothing about struct sim: a context takes its seed, epoch, CAs and
 * users explicitly.  A context is used from one thread at a time.  Making
 * one costs tens of milliseconds (a library context, certificates); since
 * what an operation produces depends only on the seed and its own inputs,
 * never on earlier operations, one context can serve every replay of a
 * run. */
#ifndef MAILSIM_SMIME_H
#define MAILSIM_SMIME_H

#include <stddef.h>
#include <stdint.h>

#include "mimetree.h"
#include "msg.h"

/* Make OpenSSL allocate through xmalloc/xrealloc (util.h), so that running
 * out of memory inside libcrypto exits with status 3 like everywhere else.
 * Call it once at program start, before any other OpenSSL function (OpenSSL
 * refuses once it has allocated anything).  Returns 1 when installed (also
 * on a repeated call after a successful one), 0 when it was too late. */
int smime_init_memory(void);

struct smime;   /* opaque: the lesson's CAs, users, keys and trust */

/* A new context for a run.  seed is the run's seed; epoch is the Unix time
 * (seconds) at simulated time 0, as in msg_format_date.  Returns NULL with a
 * reason in err when libcrypto cannot be set up.  smime_free accepts NULL. */
struct smime *smime_new(uint64_t seed, int64_t epoch, char *err, size_t errsz);
void smime_free(struct smime *s);

/* A certificate authority. */
struct smime_ca_spec {
	const char *id;         /* short name, [A-Za-z0-9._-]+: "lesson-ca" */
	const char *name;       /* common name: "mailsim Lesson CA" (UTF-8) */
	const char *key_pem;    /* private key (PEM); NULL: generated from the seed,
	                         * unless cert_pem is given: then the CA holds no
	                         * key and can only be trusted, not issue */
	const char *cert_pem;   /* its certificate (PEM); NULL: a self-signed one is
	                         * made, valid from epoch - 1 year to epoch + 10 years */
	int trusted;            /* 1: the readers trust it (the lesson CA); 0: an
	                         * unknown CA whose certificates are untrusted */
};

/* Add a CA.  The strings are copied.  Returns its index (0, 1, ...) or -1
 * with a reason in err: a bad id, a duplicate id, a key or certificate that
 * does not parse, a certificate that does not match the key or is not a CA. */
int smime_add_ca(struct smime *s, const struct smime_ca_spec *spec, char *err, size_t errsz);

/* A user and their certificate. */
struct smime_user_spec {
	const char *address;    /* addr-spec, the certificate's rfc822Name */
	const char *name;       /* common name (UTF-8); NULL: the address */
	const char *key_pem;    /* private key (PEM); NULL: generated from the seed
	                         * (2048-bit RSA; byte-identical for the same seed
	                         * on one OpenSSL version, see README), unless
	                         * cert_pem is given: then the lesson holds no key
	                         * for the user, who can be encrypted for but can
	                         * neither sign nor decrypt */
	const char *cert_pem;   /* their certificate (PEM); NULL: issued now by ca */
	int ca;                 /* index of the issuing CA (when cert_pem is NULL) */
	int64_t not_before;     /* validity in Unix seconds; both 0: from epoch -
	                         * 30 days to epoch + 365 days */
	int64_t not_after;
};

/* Add a user.  An issued certificate is X.509 v3: subject O=mailsim
 * lesson, CN=name; subjectAltName email:address; keyUsage digitalSignature,
 * keyEncipherment (critical); extendedKeyUsage emailProtection;
 * basicConstraints CA:FALSE; subject and authority key identifiers; serial
 * derived from the seed and the address; signed with SHA-256 by the CA's
 * key.  Returns the user's index or -1 with a reason in err: an address
 * that is not local@domain (or holds '/', blanks or control characters), a
 * duplicate address, an unknown CA or one without a private key, a bad key
 * or certificate, not_after before not_before. */
int smime_add_user(struct smime *s, const struct smime_user_spec *spec, char *err, size_t errsz);

/* Index of the user with this address (case-insensitive), or -1. */
int smime_find_user(const struct smime *s, const char *address);
int smime_user_count(const struct smime *s);
int smime_ca_count(const struct smime *s);

/* ---- certificates as the inspector shows them ---------------------------- */

struct smime_cert_card {
	char subject[256];       /* one line, UTF-8: "O = mailsim lesson, CN = Alice" */
	char issuer[256];
	char serial[64];         /* hexadecimal */
	int64_t not_before;      /* Unix seconds */
	int64_t not_after;
	char not_before_text[32];   /* "2026-03-02 00:00:00Z" */
	char not_after_text[32];
	char key_usage[128];     /* "digitalSignature, keyEncipherment" */
	char ext_key_usage[128]; /* "emailProtection" */
	char san[256];           /* subjectAltName: "email:alice@ispa.example" */
	char key_type[16];       /* "RSA" */
	int key_bits;            /* 2048 */
	char sig_alg[48];        /* "sha256WithRSAEncryption" */
	char fingerprint[100];   /* SHA-256 of the certificate, "AB:CD:..." */
	char key_fingerprint[100];  /* SHA-256 of the public key (BIT STRING) */
	int is_ca;               /* basicConstraints CA:TRUE */
	int self_signed;
};

/* Fill out with user u's (or CA c's) certificate.  Returns 0, or -1 when the
 * index is out of range. */
int smime_cert_card_user(const struct smime *s, int u, struct smime_cert_card *out);
int smime_cert_card_ca(const struct smime *s, int c, struct smime_cert_card *out);

/* Write the certificates and the lesson's private keys into dir as PEM:
 * ca.pem (every trusted CA's certificate), ID.pem for each untrusted CA,
 * ADDRESS.pem (a user's certificate) and ADDRESS.key (their private key,
 * mode 0600).  Creates dir (one level) if it does not exist.  Returns the
 * number of files written, or -1 with the failing path and reason in err. */
int smime_cert_export(const struct smime *s, const char *dir, char *err, size_t errsz);

/* ---- sending: sign, encrypt, or both ------------------------------------- */

enum smime_mode {
	SMIME_MODE_SIGN,            /* multipart/signed, detached SHA-256 signature */
	SMIME_MODE_ENCRYPT,         /* application/pkcs7-mime enveloped-data */
	SMIME_MODE_SIGN_ENCRYPT,    /* sign, then encrypt the signed entity */
	SMIME_MODE_COUNT
};
/* "sign", "encrypt", "sign+encrypt" */
extern const char *const smime_mode_names[SMIME_MODE_COUNT];

#define SMIME_MAX_RCPT 16   /* recipients one encryption is made for */
#define SMIME_HEX_MAX 129   /* hex of a digest up to SHA-512, with NUL */

/* What signing did, for the animation (also filled when reading). */
struct smime_sign_facts {
	int done;                 /* 1 if a signature was made (or found) */
	char signer[256];         /* the signer's address (from the certificate) */
	char digest_alg[16];      /* "SHA-256" */
	char digest[SMIME_HEX_MAX];  /* hex of the digest in the signature (the
	                          * messageDigest attribute) */
	char computed[SMIME_HEX_MAX];  /* reading only: hex of the digest the
	                          * reader computed over the content; differs
	                          * from digest when the content was changed */
	size_t content_len;       /* bytes that were hashed (the signed entity) */
	char sig_alg[32];         /* "RSA PKCS#1 v1.5" */
	int signature_len;        /* bytes of the RSA signature (256 for 2048 bits) */
	int64_t signing_time;     /* Unix seconds, from the simulated clock */
	int ncerts;               /* certificates carried in the signature */
};

struct smime_rcpt_fact {
	char address[256];        /* whose public key wrapped the session key;
	                           * "" when the reader does not know the cert */
	char serial[64];          /* the certificate it names (issuer + serial) */
	int key_bits;             /* the recipient's RSA key size, 0 if unknown */
	int wrapped_len;          /* bytes of the wrapped session key */
};

/* What encryption did (also filled when reading an envelope). */
struct smime_enc_facts {
	int done;                 /* 1 if the content was (found) encrypted */
	char cipher[64];          /* "AES-256-CBC" (or the OID of another) */
	int session_key_bits;     /* 256 */
	int iv_len;               /* 16 */
	size_t plaintext_len;     /* bytes of the entity that was encrypted */
	size_t ciphertext_len;    /* bytes of the encrypted content */
	int nrcpt;                /* recipient infos in the envelope */
	struct smime_rcpt_fact rcpt[SMIME_MAX_RCPT];   /* the first SMIME_MAX_RCPT */
};

struct smime_facts {
	struct smime_sign_facts sign;
	struct smime_enc_facts enc;
};

/* Protect m in place as the sender's MUA does, at simulated time t_us.
 *
 * The entity protected is m's Content-* header fields and body (text/plain;
 * charset=us-ascii when there is no Content-Type); a body with 8-bit bytes
 * that is not a multipart is first re-encoded as base64 so the signed bytes
 * survive any relay.  Afterwards m's MIME-Version and Content-* fields are
 * replaced by those of the result and its body by the S/MIME body; every
 * other field (From, To, Subject, Received, ...) stays as it was, and the
 * envelope is untouched.
 *
 * SIGN: signer (an address with a private key) signs with SHA-256 and RSA;
 * the signature carries the signer's certificate and a signingTime of
 * epoch + t_us; the result is multipart/signed; protocol=
 * "application/pkcs7-signature"; micalg=sha-256.  ENCRYPT: a fresh AES-256
 * session key encrypts the entity and is wrapped (RSA PKCS#1 v1.5) with the
 * public key of each of the nrcpt addresses in rcpts (1..SMIME_MAX_RCPT,
 * each must have a certificate); the result is application/pkcs7-mime;
 * smime-type=enveloped-data in base64.  SIGN_ENCRYPT: both, the signed
 * multipart/signed entity inside the envelope.
 *
 * facts (may be NULL) gets what happened, for the animation.  Returns 0, or
 * -1 with a reason in err and m unchanged: an unknown signer or one without
 * a private key, a recipient without a certificate, no or too many
 * recipients, a failure inside libcrypto. */
int smime_protect(struct smime *s, struct msg *m, enum smime_mode mode, const char *signer,
                  const char *const *rcpts, int nrcpt, int64_t t_us,
                  struct smime_facts *facts, char *err, size_t errsz);

/* ---- receiving: decrypt, verify, judge ----------------------------------- */

/* The signature. */
enum smime_sig {
	SMIME_SIG_ABSENT,           /* the mail is not signed */
	SMIME_SIG_VALID,            /* the signature verifies and the digest matches */
	SMIME_SIG_DIGEST_MISMATCH,  /* the signed content was changed after signing */
	SMIME_SIG_BAD_SIGNATURE,    /* the signature does not verify with the
	                             * certificate's public key */
	SMIME_SIG_NO_CERT,          /* the signer's certificate is not included */
	SMIME_SIG_MALFORMED,        /* the signature or the multipart cannot be read */
	SMIME_SIG_COUNT
};
extern const char *const smime_sig_names[SMIME_SIG_COUNT];

/* The signer's certificate chain at the simulated time of reading. */
enum smime_chain {
	SMIME_CHAIN_NONE,           /* no signature, no chain */
	SMIME_CHAIN_TRUSTED,        /* leads to a trusted CA, valid now, right usage */
	SMIME_CHAIN_UNKNOWN_CA,     /* issued by a CA the reader does not trust */
	SMIME_CHAIN_EXPIRED,        /* a certificate on the chain has expired */
	SMIME_CHAIN_NOT_YET_VALID,  /* a certificate on the chain is not valid yet */
	SMIME_CHAIN_WRONG_USAGE,    /* not for e-mail signing (key/extended usage) */
	SMIME_CHAIN_INVALID,        /* any other verification error (see chain_error) */
	SMIME_CHAIN_COUNT
};
extern const char *const smime_chain_names[SMIME_CHAIN_COUNT];

/* The signer's address against the header From. */
enum smime_from {
	SMIME_FROM_NONE,            /* no signer to compare */
	SMIME_FROM_MATCH,           /* the certificate names the From address */
	SMIME_FROM_MISMATCH,        /* signed by someone else than From says */
	SMIME_FROM_NO_FROM,         /* the header has no From address */
	SMIME_FROM_COUNT
};
extern const char *const smime_from_names[SMIME_FROM_COUNT];

/* Decryption by the reader. */
enum smime_dec {
	SMIME_DEC_NONE,             /* the mail is not encrypted */
	SMIME_DEC_OK,               /* decrypted with the reader's private key */
	SMIME_DEC_NOT_FOR_ME,       /* no recipient info for the reader's
	                             * certificate: the key was wrapped for others */
	SMIME_DEC_NO_KEY,           /* the reader holds no private key (unknown
	                             * reader, or the lesson does not give it one) */
	SMIME_DEC_FAILED,           /* the wrapped key or the ciphertext does not
	                             * decrypt (damaged on the way) */
	SMIME_DEC_MALFORMED,        /* the enveloped data cannot be read */
	SMIME_DEC_COUNT
};
extern const char *const smime_dec_names[SMIME_DEC_COUNT];

/* The four things S/MIME gives (認証 / 機密性 / 否認防止 / 完全性). */
enum smime_prop {
	SMIME_PROP_AUTHENTICATION,
	SMIME_PROP_CONFIDENTIALITY,
	SMIME_PROP_NON_REPUDIATION,
	SMIME_PROP_INTEGRITY,
	SMIME_PROP_COUNT
};
extern const char *const smime_prop_names[SMIME_PROP_COUNT];

#define SMIME_MAX_LAYERS 4   /* S/MIME wrappings opened (deeper ones are left) */

struct smime_verdict {
	int malformed;              /* 1 if something could not be read */
	char problem[256];          /* the first problem in words (English), or "" */
	enum smime_sig sig;
	enum smime_chain chain;
	char chain_error[128];      /* OpenSSL's words for a chain problem, or "" */
	enum smime_from from;
	char from_addr[256];        /* the header From address, or "" */
	enum smime_dec dec;
	char reader[256];           /* who read it */
	char layers[128];           /* the wrappings opened, outermost first:
	                             * "enveloped-data > signed > text/plain" */
	struct smime_sign_facts sign;     /* the (first) signature found */
	int has_signer_card;
	struct smime_cert_card signer_card;
	struct smime_enc_facts enc;       /* the (first) envelope found */
	/* The MIME tree: the mail as sent (tag 0), then what each decryption
	 * revealed (tag 1, 2, ...).  Parts point into storage the verdict owns. */
	struct mimetree tree;
	/* The innermost content entity (its Content-* fields, a blank line, the
	 * body) as the reader finally sees it; NULL when it stayed encrypted or
	 * could not be read. */
	char *content;
	size_t content_len;
	char **texts;               /* storage the tree points into */
	size_t *text_lens;          /* their lengths (each is also NUL-ended) */
	int ntexts;
};

/* Read message m as the MUA of address reader does at simulated time t_us:
 * open every S/MIME layer (decrypt with the reader's private key, verify a
 * multipart/signed or opaque signed-data), check the signer's certificate
 * chain against the trusted CAs at epoch + t_us, and compare the signer's
 * address with the header From.  Never fails: whatever m holds, a verdict
 * comes back (a broken mail is reported in it, never a crash).  The result
 * is owned by the caller; free it with smime_verdict_free (NULL is fine). */
struct smime_verdict *smime_verdict_open(struct smime *s, const struct msg *m,
                                         const char *reader, int64_t t_us);

/* The same for RFC 5322 text (len bytes); text that msg_parse rejects gives
 * a malformed verdict with msg_parse's reason. */
struct smime_verdict *smime_verdict_open_text(struct smime *s, const char *text, size_t len,
                                              const char *reader, int64_t t_us);

void smime_verdict_free(struct smime_verdict *v);
/* A deep copy of v (a run's snapshot holds one); free it the same way. */
struct smime_verdict *smime_verdict_clone(const struct smime_verdict *v);

/* Whether property p holds for the mail judged in v:
 *   integrity: the signature is valid and its chain trusted (the content is
 *     as the holder of a trusted certificate signed it);
 *   authentication: integrity, and the signer is the header From;
 *   non-repudiation: the same as authentication (only the From's owner
 *     holds the private key that made the signature);
 *   confidentiality: the mail travelled encrypted (an envelope that could be
 *     read, whether or not this reader holds a key for it).
 * Returns 1 or 0. */
int smime_verdict_holds(const struct smime_verdict *v, enum smime_prop p);

/* The message as the reader sees it after opening: m's header without its
 * MIME-Version and Content-* fields, plus those of the innermost content,
 * and that content's body; the envelope is copied.  Returns a new message
 * owned by the caller, or NULL when v has no content (it stayed encrypted
 * or could not be read). */
struct msg *smime_verdict_unwrap(const struct msg *m, const struct smime_verdict *v);

#endif
