/* dkim — verifying DKIM-Signature fields (RFC 6376 section 6) on the
 * message as it travels on the wire; the names and results both sides use.
 * Signing is in dkim_sign.c. */
#include "dkim.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dkim_wire.h"
#include "taglist.h"

const char *const dkim_status_names[DKIM_STATUS_COUNT] = {
	"none", "pass", "fail-body-hash", "fail-signature", "fail-expired",
	"permerror-syntax", "permerror-no-key", "temperror",
};
_Static_assert(sizeof dkim_status_names / sizeof *dkim_status_names == DKIM_STATUS_COUNT,
               "dkim_status_names");

const char *const dkim_status_authres[DKIM_STATUS_COUNT] = {
	"none", "pass", "fail", "fail", "fail", "permerror", "permerror", "temperror",
};
_Static_assert(sizeof dkim_status_authres / sizeof *dkim_status_authres == DKIM_STATUS_COUNT,
               "dkim_status_authres");

/* Key records tried at one selector name. */
#define DKIM_MAX_KEY_RECORDS 8

/* ---- names, domains, numbers --------------------------------------------- */

static int dkim_labels_ok(const char *s, size_t n, int min_labels)
{
	int labels = 0;
	size_t i = 0;
	if (n == 0 || n > 253)
		return 0;
	while (i <= n) {
		size_t start = i;
		while (i < n && s[i] != '.') {
			char c = s[i];
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			      c == '-'))
				return 0;
			i++;
		}
		size_t len = i - start;
		if (len == 0 || len > 63 || s[start] == '-' || s[i - 1] == '-')
			return 0;
		labels++;
		i++;   /* past the '.', or past the end */
	}
	return labels >= min_labels;
}

int dkim_domain_ok(const char *s, size_t n)
{
	return s && dkim_labels_ok(s, n, 2);
}

int dkim_selector_ok(const char *s, size_t n)
{
	return s && dkim_labels_ok(s, n, 1);
}

/* 1 if sub (n bytes) is domain or a subdomain of it, ASCII case ignored. */
static int dkim_is_within(const char *sub, size_t n, const char *domain)
{
	size_t dn = strlen(domain);
	if (n < dn || util_strncasecmp(sub + n - dn, domain, dn) != 0)
		return 0;
	return n == dn || sub[n - dn - 1] == '.';
}

int dkim_identity_ok(const char *i, size_t n, const char *domain)
{
	const char *at = NULL;
	for (size_t k = 0; k < n; k++) {
		if ((unsigned char)i[k] < 0x21 || (unsigned char)i[k] > 0x7E || i[k] == ';')
			return 0;
		if (i[k] == '@')
			at = i + k;
	}
	if (!at || !domain)
		return 0;
	size_t dn = n - (size_t)(at + 1 - i);
	return dkim_labels_ok(at + 1, dn, 1) && dkim_is_within(at + 1, dn, domain);
}

/* A decimal tag value of at most maxdigits digits, saturating at
 * INT64_MAX.  Returns -1 if the value is not digits only. */
static int dkim_parse_uint(const struct taglist_tag *t, size_t maxdigits, int64_t *out)
{
	int64_t v = 0;
	if (t->value_len == 0 || t->value_len > maxdigits)
		return -1;
	for (size_t i = 0; i < t->value_len; i++) {
		char c = t->value[i];
		if (c < '0' || c > '9')
			return -1;
		v = v > (INT64_MAX - 9) / 10 ? INT64_MAX : v * 10 + (c - '0');
	}
	*out = v;
	return 0;
}

void dkim_steps_free(struct dkim_steps *steps)
{
	if (!steps)
		return;
	free(steps->canon_body);
	free(steps->body_hash);
	free(steps->canon_header);
	memset(steps, 0, sizeof *steps);
}

/* ---- verifying ----------------------------------------------------------- */

static void dkim_set(struct dkim_result *r, enum dkim_status st, const char *comment,
                     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void dkim_set(struct dkim_result *r, enum dkim_status st, const char *comment,
                     const char *fmt, ...)
{
	va_list ap;
	free(r->detail);
	va_start(ap, fmt);
	r->detail = util_vformat(fmt, ap);
	va_end(ap);
	r->status = st;
	r->comment = comment;
}

/* Append a method property value (RFC 8601 pvalue): as it is when every
 * character is a token character, else as a quoted string. */
static void dkim_add_pvalue(struct sbuf *b, const char *v)
{
	static const char tspecials[] = "()<>@,;:\\\"/[]?=";
	int quote = !*v;
	for (const char *p = v; *p && !quote; p++)
		quote = (unsigned char)*p <= 32 || (unsigned char)*p >= 127 || strchr(tspecials, *p);
	if (!quote) {
		sbuf_adds(b, v);
		return;
	}
	sbuf_addc(b, '"');
	for (const char *p = v; *p; p++) {
		if (*p == '"' || *p == '\\')
			sbuf_addc(b, '\\');
		sbuf_addc(b, *p);
	}
	sbuf_addc(b, '"');
}

static char *dkim_result_authres(const struct dkim_result *r)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addf(&b, "dkim=%s", dkim_status_authres[r->status]);
	if (r->comment && *r->comment)
		sbuf_addf(&b, " (%s)", r->comment);
	if (r->domain) {
		sbuf_adds(&b, " header.d=");
		dkim_add_pvalue(&b, r->domain);
	}
	if (r->selector) {
		sbuf_adds(&b, " header.s=");
		dkim_add_pvalue(&b, r->selector);
	}
	if (r->header_b && *r->header_b) {
		sbuf_adds(&b, " header.b=");
		dkim_add_pvalue(&b, r->header_b);
	}
	return sbuf_take(&b);
}

/* The tags every signature must carry (RFC 6376 section 6.1.1). */
static const char *const dkim_required_tags[] = { "v", "a", "b", "bh", "d", "h", "s" };

/* Fetch and parse the key; returns it, or NULL with r set. */
static struct dkim_key *dkim_fetch_key(struct dkim_result *r, dkim_txt_fn lookup, void *ctx)
{
	char *const *recs = NULL;
	int n = lookup ? lookup(ctx, r->key_name, &recs) : 0;
	if (n < 0) {
		dkim_set(r, DKIM_STATUS_TEMPERROR, "key unavailable",
		         "the DNS query for %s TXT failed for now", r->key_name);
		return NULL;
	}
	if (n == 0 || !recs) {
		dkim_set(r, DKIM_STATUS_PERMERROR_NO_KEY, "no key for signature",
		         "%s has no TXT record", r->key_name);
		return NULL;
	}
	enum dkim_key_status first = DKIM_KEY_OK;
	char why[200] = "", first_why[200] = "";
	for (int i = 0; i < n && i < DKIM_MAX_KEY_RECORDS; i++) {
		struct dkim_key *k = NULL;
		struct dkim_key_record rec;
		const char *txt = recs[i] ? recs[i] : "";
		enum dkim_key_status st = dkim_key_from_record(txt, strlen(txt), &k, &rec, why,
		                                               sizeof why);
		if (st == DKIM_KEY_OK) {
			r->key_record = xstrdup(txt);
			r->key_bits = dkim_key_bits(k);
			r->key_testing = rec.testing;
			const char *at = strrchr(r->identity, '@');
			if (rec.strict && util_strcasecmp(at ? at + 1 : "", r->domain) != 0) {
				dkim_set(r, DKIM_STATUS_PERMERROR_NO_KEY, "domain mismatch",
				         "the key record says t=s: i=%s must be in %s itself", r->identity,
				         r->domain);
				dkim_key_free(k);
				return NULL;
			}
			return k;
		}
		if (first == DKIM_KEY_OK) {
			first = st;
			memcpy(first_why, why, sizeof why);
		}
	}
	static const char *const comments[DKIM_KEY_STATUS_COUNT] = {
		"", "key revoked", "key syntax error", "inappropriate key algorithm",
	};
	dkim_set(r, DKIM_STATUS_PERMERROR_NO_KEY, comments[first], "%s: %s", r->key_name, first_why);
	return NULL;
}

/* i=, q=, l=, t= and x= of a signature whose required tags are good:
 * -1 with r set when one is wrong or the signature has expired. */
static int dkim_check_optional_tags(const struct taglist *tl, int64_t now, struct dkim_result *r)
{
	const struct taglist_tag *t;
	if ((t = taglist_find(tl, "i"))) {
		r->identity = taglist_value_dup(t);
		if (!dkim_identity_ok(r->identity, strlen(r->identity), r->domain)) {
			dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "domain mismatch",
			         "i=%s is not in d=%s or a subdomain", r->identity, r->domain);
			return -1;
		}
	} else {
		size_t n = strlen(r->domain) + 2;
		r->identity = xmalloc(n);
		snprintf(r->identity, n, "@%s", r->domain);
	}
	if ((t = taglist_find(tl, "q"))) {
		char *q = taglist_value_compact(t);
		int ok = 0;
		for (char *save = NULL, *m = strtok_r(q, ":", &save); m; m = strtok_r(NULL, ":", &save))
			ok |= !strcmp(m, "dns/txt");
		free(q);
		if (!ok) {
			dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "unsupported query method",
			         "q= does not offer dns/txt");
			return -1;
		}
	}
	if (((t = taglist_find(tl, "l")) && dkim_parse_uint(t, 76, &r->body_length) < 0) ||
	    ((t = taglist_find(tl, "t")) && dkim_parse_uint(t, 12, &r->timestamp) < 0) ||
	    ((t = taglist_find(tl, "x")) && dkim_parse_uint(t, 12, &r->expires) < 0)) {
		dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "signature syntax error",
		         "%.*s= is not a decimal number", (int)t->name_len, t->name);
		return -1;
	}
	if (r->expires >= 0 && r->timestamp >= 0 && r->expires <= r->timestamp) {
		dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "signature syntax error",
		         "x= is not later than t=");
		return -1;
	}
	if (r->expires >= 0 && now >= 0 && now > r->expires) {
		dkim_set(r, DKIM_STATUS_FAIL_EXPIRED, "signature expired",
		         "the signature expired at %lld; it is now %lld", (long long)r->expires,
		         (long long)now);
		return -1;
	}
	return 0;
}

/* The body hash (RFC 6376 section 6.1.3 step 1): -1 with r set when the
 * canonical body, cut to l= if given, does not hash to bh. */
static int dkim_check_body_hash(const struct dkim_wire *w, const struct sbuf *bh, struct dkim_result *r)
{
	struct sbuf cb;
	sbuf_init(&cb);
	dkim_canon_body(&cb, r->body_canon, w->body, w->body_len);
	if (r->body_length >= 0 && (uint64_t)r->body_length > cb.len) {
		dkim_set(r, DKIM_STATUS_FAIL_BODY_HASH, "body hash did not verify",
		         "l=%lld is longer than the canonical body (%zu bytes)",
		         (long long)r->body_length, cb.len);
		sbuf_free(&cb);
		return -1;
	}
	if (r->body_length >= 0)
		cb.len = (size_t)r->body_length;
	unsigned char digest[32];
	dkim_key_sha256(cb.s ? cb.s : "", cb.len, digest);
	r->steps.canon_body = xstrndup(cb.s ? cb.s : "", cb.len);
	r->steps.canon_body_len = cb.len;
	r->steps.body_hash = dkim_wire_b64(digest, sizeof digest);
	sbuf_free(&cb);
	if (bh->len != sizeof digest || memcmp(bh->s, digest, sizeof digest) != 0) {
		dkim_set(r, DKIM_STATUS_FAIL_BODY_HASH, "body hash did not verify",
		         "the body hashes to %s, the signature says bh=%s", r->steps.body_hash,
		         r->body_hash_signed);
		return -1;
	}
	return 0;
}

/* Check the signature in field sig of w; fills r (zeroed by the caller).
 * RFC 6376 section 6.1 in its order: the required tags, the optional ones,
 * the key, the body hash, the header hash; each failure sets r and leaves
 * through the one cleanup at done.  Still over 100 lines: most of it is
 * the required tags' flat list of checks, each with its own error text;
 * the header-hash step is the next to move out. */
static void dkim_verify_one(const struct dkim_wire *w, int sig, int64_t now, dkim_txt_fn lookup,
                            void *ctx, struct dkim_result *r)
{
	const struct dkim_wire_field *f = &w->f[sig];
	const char *value = f->raw + f->name_len;
	/* The value starts after the colon (and any blanks before it). */
	while (*value != ':')
		value++;
	value++;
	size_t vlen = (size_t)(f->raw + f->len - value);
	struct taglist tl;
	const struct taglist_tag *t;
	char why[200];
	char *h = NULL, *b = NULL;
	struct sbuf sigbytes, bh, hashin;
	struct dkim_key *key = NULL;

	r->timestamp = r->expires = r->body_length = -1;
	sbuf_init(&sigbytes);
	sbuf_init(&bh);
	sbuf_init(&hashin);

	if (taglist_parse(&tl, value, vlen, why, sizeof why) < 0) {
		dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "signature syntax error", "%s", why);
		goto done;
	}
	/* What can be shown is kept before anything else can fail. */
	if ((t = taglist_find(&tl, "d")) && dkim_domain_ok(t->value, t->value_len))
		r->domain = taglist_value_dup(t);
	if ((t = taglist_find(&tl, "s")) && dkim_selector_ok(t->value, t->value_len))
		r->selector = taglist_value_dup(t);
	if ((t = taglist_find(&tl, "a")))
		r->algorithm = taglist_value_dup(t);
	if ((t = taglist_find(&tl, "b"))) {
		b = taglist_value_compact(t);
		r->header_b = xstrndup(b, strlen(b) < 8 ? strlen(b) : 8);
	}
	for (size_t i = 0; i < sizeof dkim_required_tags / sizeof *dkim_required_tags; i++)
		if (!taglist_find(&tl, dkim_required_tags[i])) {
			dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "signature missing required tag",
			         "no %s= tag", dkim_required_tags[i]);
			goto done;
		}
	if (!taglist_value_is(taglist_find(&tl, "v"), "1")) {
		dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "incompatible version", "v= is not 1");
		goto done;
	}
	if (!taglist_value_is(taglist_find(&tl, "a"), "rsa-sha256")) {
		int sha1 = taglist_value_is(taglist_find(&tl, "a"), "rsa-sha1");
		dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "unsupported algorithm", "a=%s: %s",
		         r->algorithm, sha1 ? "SHA-1 signatures are no longer valid (RFC 8301)"
		                            : "only rsa-sha256 is supported");
		goto done;
	}
	if (!r->domain) {
		dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "signature syntax error",
		         "d= is not a domain name");
		goto done;
	}
	if (!r->selector) {
		dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "signature syntax error",
		         "s= is not a selector");
		goto done;
	}
	t = taglist_find(&tl, "b");
	if (taglist_decode_base64(&sigbytes, t->value, t->value_len) < 0 || sigbytes.len == 0) {
		dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "signature syntax error",
		         "b= is empty or not base64");
		goto done;
	}
	t = taglist_find(&tl, "bh");
	r->body_hash_signed = taglist_value_compact(t);
	if (taglist_decode_base64(&bh, t->value, t->value_len) < 0 || bh.len == 0) {
		dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "signature syntax error",
		         "bh= is empty or not base64");
		goto done;
	}
	r->header_canon = r->body_canon = DKIM_CANON_SIMPLE;
	if ((t = taglist_find(&tl, "c")) &&
	    dkim_canon_parse(t->value, t->value_len, &r->header_canon, &r->body_canon) < 0) {
		dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "signature syntax error",
		         "c=%.*s is not a canonicalization", (int)t->value_len, t->value);
		goto done;
	}
	h = taglist_value_compact(taglist_find(&tl, "h"));
	r->signed_fields = xstrdup(h);
	const char *names[DKIM_MAX_SIGNED_FIELDS];
	size_t lens[DKIM_MAX_SIGNED_FIELDS];
	int nnames = dkim_wire_split_names(h, names, lens);
	if (nnames < 0) {
		dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "signature syntax error",
		         "h= is not a list of at most %d field names", DKIM_MAX_SIGNED_FIELDS);
		goto done;
	}
	int from_signed = 0;
	for (int i = 0; i < nnames; i++)
		from_signed |= lens[i] == 4 && !util_strncasecmp(names[i], "from", 4);
	if (!from_signed) {
		dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "From field not signed",
		         "h= does not list From");
		goto done;
	}
	if (dkim_check_optional_tags(&tl, now, r) < 0)
		goto done;

	/* The key. */
	struct sbuf kn;
	sbuf_init(&kn);
	sbuf_addf(&kn, "%s._domainkey.%s", r->selector, r->domain);
	r->key_name = sbuf_take(&kn);
	key = dkim_fetch_key(r, lookup, ctx);
	if (!key)
		goto done;

	if (dkim_check_body_hash(w, &bh, r) < 0)
		goto done;

	/* The header hash: the signed fields, then this field with b= empty. */
	dkim_wire_hash_fields(&hashin, w, sig, names, lens, nnames, r->header_canon);
	t = taglist_find(&tl, "b");
	size_t cut_from = (size_t)(value - f->raw) + t->eq_end;
	size_t cut_to = (size_t)(value - f->raw) + t->spec_end;
	struct sbuf blank;
	sbuf_init(&blank);
	sbuf_add(&blank, f->raw, cut_from);
	sbuf_add(&blank, f->raw + cut_to, f->len - cut_to);
	dkim_wire_hash_self(&hashin, r->header_canon, blank.s, blank.len);
	sbuf_free(&blank);
	r->steps.canon_header = xstrndup(hashin.s, hashin.len);
	r->steps.canon_header_len = hashin.len;
	if (!dkim_key_verify(key, hashin.s, hashin.len, sigbytes.s, sigbytes.len)) {
		dkim_set(r, DKIM_STATUS_FAIL_SIGNATURE, "signature did not verify",
		         "the body hash matches, but b= does not verify over the signed fields "
		         "with the %d-bit key at %s", r->key_bits, r->key_name);
		goto done;
	}
	dkim_set(r, DKIM_STATUS_PASS, "", "body hash and signature verified with the %d-bit key at %s",
	         r->key_bits, r->key_name);

done:
	dkim_key_free(key);
	free(h);
	free(b);
	sbuf_free(&sigbytes);
	sbuf_free(&bh);
	sbuf_free(&hashin);
	r->authres = dkim_result_authres(r);
}

void dkim_verify_wire(const char *text, size_t len, int64_t now, dkim_txt_fn lookup, void *ctx,
                      struct dkim_verification *out)
{
	struct dkim_wire w;
	memset(out, 0, sizeof *out);
	dkim_wire_split(&w, text, len);
	for (int i = 0; i < w.n && out->n < DKIM_MAX_SIGNATURES; i++) {
		if (!dkim_wire_field_is(&w.f[i], "DKIM-Signature", 14))
			continue;
		out->sigs = xrealloc(out->sigs, (size_t)(out->n + 1) * sizeof *out->sigs);
		struct dkim_result *r = &out->sigs[out->n++];
		memset(r, 0, sizeof *r);
		dkim_verify_one(&w, i, now, lookup, ctx, r);
	}
	dkim_wire_free(&w);
}

void dkim_verify(const struct msg *m, int64_t now, dkim_txt_fn lookup, void *ctx,
                 struct dkim_verification *out)
{
	size_t len;
	char *wire = msg_serialize(m, &len);
	dkim_verify_wire(wire, len, now, lookup, ctx, out);
	free(wire);
}

void dkim_verification_free(struct dkim_verification *v)
{
	if (!v)
		return;
	for (int i = 0; i < v->n; i++) {
		struct dkim_result *r = &v->sigs[i];
		free(r->detail);
		free(r->domain);
		free(r->selector);
		free(r->identity);
		free(r->algorithm);
		free(r->signed_fields);
		free(r->header_b);
		free(r->key_name);
		free(r->key_record);
		free(r->body_hash_signed);
		dkim_steps_free(&r->steps);
		free(r->authres);
	}
	free(v->sigs);
	v->sigs = NULL;
	v->n = 0;
}

enum dkim_status dkim_verification_status(const struct dkim_verification *v)
{
	if (!v || v->n == 0)
		return DKIM_STATUS_NONE;
	for (int i = 0; i < v->n; i++)
		if (v->sigs[i].status == DKIM_STATUS_PASS)
			return DKIM_STATUS_PASS;
	return v->sigs[0].status;
}

char *dkim_verification_authres(const struct dkim_verification *v)
{
	if (!v || v->n == 0)
		return xstrdup("dkim=none");
	struct sbuf b;
	sbuf_init(&b);
	for (int i = 0; i < v->n; i++) {
		if (i)
			sbuf_adds(&b, "; ");
		sbuf_adds(&b, v->sigs[i].authres);
	}
	return sbuf_take(&b);
}

/* ---- signing ------------------------------------------------------------- */


static char *dkim_dup(const char *str, size_t n)
{
	if (!str)
		return NULL;
	char *d = xmalloc(n + 1);
	memcpy(d, str, n);
	d[n] = '\0';
	return d;
}

static char *dkim_dups(const char *str)
{
	return str ? dkim_dup(str, strlen(str)) : NULL;
}

void dkim_verification_copy(struct dkim_verification *dst, const struct dkim_verification *src)
{
	dst->n = src->n;
	dst->sigs = src->n ? xcalloc((size_t)src->n, sizeof *dst->sigs) : NULL;
	for (int i = 0; i < src->n; i++) {
		const struct dkim_result *a = &src->sigs[i];
		struct dkim_result *b = &dst->sigs[i];
		*b = *a;
		char **f[] = { &b->detail, &b->domain, &b->selector, &b->identity, &b->algorithm,
		               &b->signed_fields, &b->header_b, &b->key_name, &b->key_record,
		               &b->body_hash_signed, &b->steps.body_hash, &b->authres };
		for (size_t k = 0; k < sizeof f / sizeof *f; k++)
			*f[k] = dkim_dups(*f[k]);
		b->steps.canon_body = dkim_dup(a->steps.canon_body, a->steps.canon_body_len);
		b->steps.canon_header = dkim_dup(a->steps.canon_header, a->steps.canon_header_len);
	}
}
