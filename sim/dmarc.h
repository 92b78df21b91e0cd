/* dmarc — Domain-based Message Authentication, Reporting and Conformance
 * (RFC 7489) as defined: a message passes when SPF passed for a domain
 * aligned with the header From domain, or a DKIM signature passed with an
 * aligned d=; the From domain's owner publishes at _dmarc.DOMAIN what a
 * receiver should do with a message that fails (none, quarantine,
 * reject).  Pure: DNS answers come from a callback, the SPF and DKIM
 * results from their modules, the pct= sample from the caller's RNG.
 *
 * Limitation: the organizational domain (section 3.2) is found with a
 * small public-suffix set built in (dmarc.c: the generic TLDs, the
 * reserved names example/test/invalid/localhost, and the second-level
 * registries of jp, uk, au, … that lessons use), not with the full Public
 * Suffix List file; names under other multi-label suffixes are cut at the
 * wrong label, and wildcard and exception rules are not modelled. */
#ifndef MAILSIM_DMARC_H
#define MAILSIM_DMARC_H

#include <stddef.h>

#include "dkim.h"
#include "msg.h"
#include "spf.h"

enum dmarc_policy {
	DMARC_POLICY_NONE,          /* deliver as usual, only report */
	DMARC_POLICY_QUARANTINE,    /* treat as suspicious: the Junk folder */
	DMARC_POLICY_REJECT,        /* refuse it during the SMTP dialogue */
	DMARC_POLICY_COUNT
};
/* "none", "quarantine", "reject": the words of p= and sp=. */
extern const char *const dmarc_policy_names[DMARC_POLICY_COUNT];

enum dmarc_align {
	DMARC_ALIGN_RELAXED,        /* same organizational domain */
	DMARC_ALIGN_STRICT,         /* the very same domain */
	DMARC_ALIGN_COUNT
};
/* "relaxed", "strict" (written "r" and "s" in adkim= and aspf=). */
extern const char *const dmarc_align_names[DMARC_ALIGN_COUNT];

enum dmarc_status {
	DMARC_STATUS_NONE,          /* no (single, usable) DMARC record: DMARC does not apply */
	DMARC_STATUS_PASS,          /* an aligned identifier passed */
	DMARC_STATUS_FAIL,          /* none did: the domain's policy applies */
	DMARC_STATUS_TEMPERROR,     /* the record lookup failed for now */
	DMARC_STATUS_PERMERROR,     /* the record is broken, or the From field does not
	                             * name exactly one domain */
	DMARC_STATUS_COUNT
};
/* "none", "pass", "fail", "temperror", "permerror" (RFC 8601 words). */
extern const char *const dmarc_status_names[DMARC_STATUS_COUNT];

/* 1 if domain (ASCII case and one trailing dot ignored) is in the built-in
 * public-suffix set, else 0. */
int dmarc_is_public_suffix(const char *domain);

/* The organizational domain of domain (RFC 7489 section 3.2): the longest
 * public suffix it ends with (the last label when none is known, as the
 * Public Suffix List's default rule says) plus one more label, lower-cased,
 * into out (outsz bytes; truncated to fit).  A domain that is itself a
 * public suffix is its own organizational domain; "" gives "". */
void dmarc_org_domain(const char *domain, char *out, size_t outsz);

/* Identifier alignment (section 3.1): strict needs the same domain, relaxed
 * the same organizational domain (ASCII case and a trailing dot ignored).
 * Returns 1 or 0; 0 when either domain is NULL or empty. */
int dmarc_aligned(const char *id_domain, const char *from_domain, enum dmarc_align mode);

/* A parsed DMARC policy record. */
struct dmarc_record {
	enum dmarc_policy p;        /* for the domain itself */
	enum dmarc_policy sp;       /* for its subdomains (p when sp= is absent) */
	enum dmarc_align adkim;     /* DKIM alignment (default relaxed) */
	enum dmarc_align aspf;      /* SPF alignment (default relaxed) */
	int pct;                    /* percentage of failing mail the policy is for (100) */
	int has_rua;                /* aggregate reports are asked for */
	char warning[160];          /* tags ignored for bad values, "" if none */
};

/* 1 if txt (len bytes) is a DMARC record at all: it starts with the tag
 * v=DMARC1 (section 6.6.3 discards every other TXT record), else 0. */
int dmarc_record_is_dmarc(const char *txt, size_t len);

/* Parse a DMARC record (section 6.3): a tag-list whose first tag is
 * v=DMARC1, with p= (none, quarantine or reject; names and words are case
 * insensitive).  Bad values of sp=, adkim=, aspf= and pct= fall back on
 * their defaults and are named in r->warning (section 6.3: "syntax errors
 * in the remainder of the record SHOULD be discarded in favor of default
 * values"); a missing or bad p= is read as p=none when rua= is present
 * (section 6.6.3, step 6).  Unknown tags are ignored.  Returns 0 and fills
 * *r, or -1 with a one-line reason in err: not a tag-list, v=DMARC1 not
 * first, no usable p= and no rua=. */
int dmarc_record_parse(const char *txt, size_t len, struct dmarc_record *r, char *err,
                       size_t errsz);

/* The domain of the message's header From, lower-cased, into out: there
 * must be exactly one From field naming exactly one mailbox (section
 * 6.6.1), read with the RFC 5322 parser (addrlist).  Returns 0, or -1 with
 * a reason in err (out is then ""): no From field, several, a value that
 * does not parse, no mailbox or several, a domain literal. */
int dmarc_from_domain(const struct msg *m, char *out, size_t outsz, char *err, size_t errsz);

/* What DMARC evaluation needs about one message. */
struct dmarc_input {
	const struct msg *msg;                  /* its header From is read */
	enum spf_result spf;                    /* the SPF result … */
	const char *spf_domain;                 /* … for this domain: MAIL FROM's, or the
	                                         * HELO name for the null sender; may be NULL */
	const struct dkim_verification *dkim;   /* the DKIM results; NULL: none checked */
	int sample;                             /* 0..99 from the caller's RNG, compared with
	                                         * pct=; negative: the policy always applies */
};

/* The outcome.  Strings are malloc'd and owned by the result (free with
 * dmarc_result_free); NULL where evaluation did not get that far. */
struct dmarc_result {
	enum dmarc_status status;
	char *detail;               /* one sentence saying why, never NULL */
	char *from_domain;          /* the header From domain */
	char *org_domain;           /* its organizational domain */
	char *record_domain;        /* where the record was found: the From domain,
	                             * or its organizational domain */
	char *record;               /* that TXT record */
	struct dmarc_record rec;    /* parsed, when record is set and parsed */
	int spf_aligned;            /* SPF passed for an aligned domain */
	int dkim_aligned;           /* a DKIM signature passed with an aligned d= */
	char *dkim_domain;          /* the first such d= */
	enum dmarc_policy requested;    /* what the owner asks for failing mail from
	                                 * this domain: p=, or sp= for a subdomain
	                                 * whose record is the parent's */
	enum dmarc_policy disposition;  /* what to do with this message: none when it
	                                 * passed or DMARC does not apply, else
	                                 * requested, one step milder when pct= left
	                                 * it out of the sample */
	int sampled_out;            /* pct= left the message out of the full policy */
	char *authres;              /* RFC 8601 resinfo, e.g. "dmarc=fail
	                             * (p=reject dis=reject) header.from=shop.example",
	                             * never NULL */
};

/* Evaluate DMARC for in->msg (section 6.6): read the From domain, find the
 * policy record at _dmarc.FROM, else at _dmarc.ORG, through lookup(ctx, …)
 * (a lookup returning -1 is a temperror; several DMARC records mean none
 * applies), then check alignment of SPF (aspf=) and of every passing DKIM
 * signature (adkim=).  Alignment is worked out even when no record
 * exists, for the class to see.  Fills *out (release it with
 * dmarc_result_free).  Never fails: every problem is a result. */
void dmarc_evaluate(const struct dmarc_input *in, dkim_txt_fn lookup, void *ctx,
                    struct dmarc_result *out);

/* Release what a result holds and empty it; NULL is fine. */
void dmarc_result_free(struct dmarc_result *r);
/* dst (not initialised) becomes a deep copy of src. */
void dmarc_result_copy(struct dmarc_result *dst, const struct dmarc_result *src);

#endif
