/* dkim — DomainKeys Identified Mail (RFC 6376) with real RSA-SHA256
 * signatures: a sending domain signs a message's body and chosen header
 * fields and publishes its public key in DNS; a receiver fetches the key
 * and checks.  Pure: works on struct msg exactly as msg_serialize writes it
 * (or on wire bytes), gets DNS answers from a callback and the time from
 * its caller, and returns each step for the class to see. */
#ifndef MAILSIM_DKIM_H
#define MAILSIM_DKIM_H

#include <stddef.h>
#include <stdint.h>

#include "dkim_canon.h"
#include "dkim_key.h"
#include "msg.h"

/* Signatures checked per message, and names per h= list; more is a
 * permerror rather than work an attacker chooses. */
#define DKIM_MAX_SIGNATURES 8
#define DKIM_MAX_SIGNED_FIELDS 128

/* The TXT records of a DNS name, as a caller-supplied lookup: set
 * *records to an array of NUL-terminated strings (each record's strings
 * already joined) and return how many there are; 0 when the name has no
 * TXT record or does not exist; -1 for a temporary failure (a DNS
 * timeout).  The array stays owned by the callee and must stay valid until
 * the verifying call returns.  dns_lookup_txt has this shape apart from
 * its first parameter. */
typedef int (*dkim_txt_fn)(void *ctx, const char *name, char *const **records);

enum dkim_status {
	DKIM_STATUS_NONE,               /* the message has no DKIM-Signature */
	DKIM_STATUS_PASS,               /* body hash and signature verified */
	DKIM_STATUS_FAIL_BODY_HASH,     /* the body changed since signing */
	DKIM_STATUS_FAIL_SIGNATURE,     /* a signed header field (or the signature) changed,
	                                 * or another key signed */
	DKIM_STATUS_FAIL_EXPIRED,       /* x= is in the past */
	DKIM_STATUS_PERMERROR_SYNTAX,   /* the DKIM-Signature field is unusable */
	DKIM_STATUS_PERMERROR_NO_KEY,   /* no usable key: none published, revoked, bad record */
	DKIM_STATUS_TEMPERROR,          /* the key lookup failed for now */
	DKIM_STATUS_COUNT
};
/* "none", "pass", "fail-body-hash", "fail-signature", "fail-expired",
 * "permerror-syntax", "permerror-no-key", "temperror". */
extern const char *const dkim_status_names[DKIM_STATUS_COUNT];
/* The RFC 8601 result word for each: "none", "pass", "fail", "permerror",
 * "temperror". */
extern const char *const dkim_status_authres[DKIM_STATUS_COUNT];

/* What was hashed, for the class to see (all malloc'd, owned by the
 * struct; NULL where the run did not get that far). */
struct dkim_steps {
	char *canon_body;           /* the canonical body as hashed (after l=) */
	size_t canon_body_len;
	char *body_hash;            /* its SHA-256, base64 */
	char *canon_header;         /* the header hash input: each signed field
	                             * canonicalized with CRLF, then the
	                             * DKIM-Signature field with b= empty and no CRLF */
	size_t canon_header_len;
};

/* One DKIM-Signature field checked.  Strings are malloc'd and owned by
 * the result (dkim_verification_free releases them); NULL means not
 * known because checking stopped earlier. */
struct dkim_result {
	enum dkim_status status;
	const char *comment;        /* static: RFC 6376's phrase for the outcome, e.g.
	                             * "body hash did not verify"; "" for pass */
	char *detail;               /* one sentence with the specifics, never NULL */
	char *domain;               /* d= (only once it is a valid domain name) */
	char *selector;             /* s= (likewise) */
	char *identity;             /* i=, or "@" d= when absent */
	char *algorithm;            /* a= */
	char *signed_fields;        /* h= with its white space removed */
	char *header_b;             /* the first 8 characters of b= (RFC 6008 header.b) */
	enum dkim_canon header_canon, body_canon;
	int64_t timestamp;          /* t=, -1 if absent */
	int64_t expires;            /* x=, -1 if absent */
	int64_t body_length;        /* l=, -1 if absent */
	char *key_name;             /* the TXT name looked up: "s._domainkey.d" */
	char *key_record;           /* the TXT record whose key was used */
	int key_bits;               /* its size, 0 if no key */
	int key_testing;            /* the key record says t=y */
	char *body_hash_signed;     /* bh= with its white space removed */
	struct dkim_steps steps;
	char *authres;              /* the RFC 8601 resinfo, e.g. "dkim=pass
	                             * header.d=corp.example header.s=s1
	                             * header.b=AbCdEfGh", never NULL */
};

/* Every DKIM-Signature of a message, top first (the newest). */
struct dkim_verification {
	int n;                      /* fields checked (at most DKIM_MAX_SIGNATURES) */
	struct dkim_result *sigs;   /* n results, owned */
};

/* Check every DKIM-Signature field of m as msg_serialize writes it (what
 * a receiver gets on the wire).  For each: parse the tag-list strictly,
 * fetch "s._domainkey.d" through lookup(ctx, …), hash the canonical body
 * and compare with bh=, then hash the signed header fields (bottom-up for
 * names listed more than once, nothing for a name with no field left) and
 * check b= with the key.  now is the verifier's Unix time in seconds for
 * x= (negative: do not check expiry).  Fills *out (n may be 0: then the
 * message has no signature); release it with dkim_verification_free.
 * Never fails: every problem is a result. */
void dkim_verify(const struct msg *m, int64_t now, dkim_txt_fn lookup, void *ctx,
                 struct dkim_verification *out);

/* The same on len bytes of wire text (RFC 5322, CRLF line ends; a text
 * with no CR at all has its LFs read as CRLF, as a file on disk often
 * does).  Any bytes are safe. */
void dkim_verify_wire(const char *text, size_t len, int64_t now, dkim_txt_fn lookup, void *ctx,
                      struct dkim_verification *out);

/* Release what a verification holds; the struct itself is the caller's
 * and is left empty.  NULL is fine. */
void dkim_verification_free(struct dkim_verification *v);
/* dst (not initialised) becomes a deep copy of src. */
void dkim_verification_copy(struct dkim_verification *dst, const struct dkim_verification *src);

/* The message's DKIM outcome: PASS if any signature passed, else the
 * first (topmost) signature's status, NONE without signatures. */
enum dkim_status dkim_verification_status(const struct dkim_verification *v);

/* The dkim resinfo of every signature joined with "; " ("dkim=none" when
 * there is none), for an Authentication-Results field.  Returns a malloc'd
 * string owned by the caller. */
char *dkim_verification_authres(const struct dkim_verification *v);

/* The header fields a signer signs by default when they are present
 * (RFC 6376 section 5.4.1), NULL-terminated. */
extern const char *const dkim_sign_default_fields[];

struct dkim_sign_opts {
	const char *domain;             /* d=: the signing domain, required */
	const char *selector;           /* s=: the key's selector, required */
	const char *identity;           /* i=, NULL to leave it out; its domain must
	                                 * be d= or a subdomain */
	enum dkim_canon header_canon;   /* c= */
	enum dkim_canon body_canon;
	const char *const *fields;      /* names to sign, NULL-terminated; NULL means
	                                 * dkim_sign_default_fields.  Each is listed in h=
	                                 * as often as it occurs; From must be there */
	int oversign;                   /* list each name once more than it occurs
	                                 * (even absent ones), so a field of that
	                                 * name added later breaks the signature */
	int64_t timestamp;              /* t=, Unix seconds from the simulated clock;
	                                 * negative leaves t= out */
	int64_t expires;                /* x=, negative leaves it out; else it must
	                                 * be later than t= */
};

/* opts for domain and selector with relaxed/relaxed, the default fields,
 * no over-signing, no i=, t= or x=. */
void dkim_sign_opts_init(struct dkim_sign_opts *o, const char *domain, const char *selector);

/* Sign m with key (rsa-sha256) and prepend the DKIM-Signature field.  The
 * hashes cover m exactly as msg_serialize writes it, so a verifier of the
 * serialized message sees what was signed; the new field's value is
 * folded by the serializer at the spaces it puts between tags, inside h=
 * and inside b=, with a space after "b=" so that the folding before b= is
 * the same with b= empty and filled (simple header canonicalization
 * depends on it).  If steps is non-NULL it receives what was hashed (free
 * with dkim_steps_free).  Returns 0, or -1 with a reason in err and m
 * unchanged: an invalid d=, s= or i=, x= not after t=, a key that cannot
 * sign, a message without From, or a field list without From. */
int dkim_sign(struct msg *m, const struct dkim_key *key, const struct dkim_sign_opts *o,
              struct dkim_steps *steps, char *err, size_t errsz);

/* Release what steps holds and empty it; NULL is fine. */
void dkim_steps_free(struct dkim_steps *steps);

/* 1 if s (n bytes) is a domain name as DKIM's d= needs it: two or more
 * dot-separated labels of letters, digits and inner hyphens, each 1-63
 * characters, 253 at most in all; else 0.  dkim_selector_ok likewise for
 * s= (one label is enough). */
int dkim_domain_ok(const char *s, size_t n);
int dkim_selector_ok(const char *s, size_t n);

/* 1 if i (n bytes) is a usable i= for d=domain: printable ASCII without
 * ';', an '@', and after the last '@' a domain name that is domain or a
 * subdomain of it (ASCII case ignored); else 0. */
int dkim_identity_ok(const char *i, size_t n, const char *domain);

#endif
