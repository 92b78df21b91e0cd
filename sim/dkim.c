/* dkim — signing and verifying DKIM-Signature fields (RFC 6376) on the
 * message as it travels on the wire. */
#include "dkim.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mime.h"
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

const char *const dkim_default_fields[] = {
	"From", "To", "Cc", "Subject", "Date", "Message-ID", "Reply-To", "In-Reply-To",
	"References", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", NULL,
};

/* b= is written in chunks this long, so the serializer can fold it. */
#define DKIM_B_CHUNK 72
/* Inside h=, a space goes after a colon once this many characters ran
 * without one. */
#define DKIM_H_RUN 56
/* Key records tried at one selector name. */
#define DKIM_MAX_KEY_RECORDS 8

/* ---- the message as on the wire ----------------------------------------- */

/* A header field as it arrived: name, colon, value with its folds; no
 * final CRLF.  name_len is 0 for a line that has no usable name. */
struct dkim_field {
	const char *raw;
	size_t len;
	size_t name_len;
};

struct dkim_wire {
	struct dkim_field *f;
	int n, cap;
	const char *body;
	size_t body_len;
	char *copy;                 /* the text with LF made CRLF, when it had no CR */
};

static int dkim_is_wsp(char c)
{
	return c == ' ' || c == '\t';
}

static void dkim_wire_add(struct dkim_wire *w, const char *raw, size_t len)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->f = xrealloc(w->f, (size_t)w->cap * sizeof *w->f);
	}
	struct dkim_field *f = &w->f[w->n++];
	f->raw = raw;
	f->len = len;
	f->name_len = 0;
	const char *colon = memchr(raw, ':', len);
	if (colon && !dkim_is_wsp(raw[0])) {
		size_t n = (size_t)(colon - raw);
		while (n > 0 && dkim_is_wsp(raw[n - 1]))
			n--;
		f->name_len = n;
	}
}

/* Split text into header fields and body.  The header ends at the first
 * empty line; without one the body is empty. */
static void dkim_wire_split(struct dkim_wire *w, const char *text, size_t len)
{
	memset(w, 0, sizeof *w);
	if (!text)
		len = 0;
	if (len && !memchr(text, '\r', len) && memchr(text, '\n', len)) {
		struct sbuf b;
		sbuf_init(&b);
		for (size_t i = 0; i < len; i++) {
			if (text[i] == '\n')
				sbuf_addc(&b, '\r');
			sbuf_addc(&b, text[i]);
		}
		len = b.len;
		w->copy = sbuf_take(&b);
		text = w->copy;
	}
	w->body = text ? text + len : "";
	size_t pos = 0;
	int cur = -1;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t next = nl ? end + 1 : len;
		size_t cend = end > pos && text[end - 1] == '\r' ? end - 1 : end;
		if (cend == pos) {
			w->body = text + next;
			w->body_len = len - next;
			return;
		}
		if (cur >= 0 && dkim_is_wsp(text[pos])) {
			w->f[cur].len = (size_t)(text + cend - w->f[cur].raw);
		} else {
			dkim_wire_add(w, text + pos, cend - pos);
			cur = w->n - 1;
		}
		pos = next;
	}
}

static void dkim_wire_free(struct dkim_wire *w)
{
	free(w->f);
	free(w->copy);
	memset(w, 0, sizeof *w);
}

static int dkim_field_is(const struct dkim_field *f, const char *name, size_t n)
{
	return f->name_len == n && !util_strncasecmp(f->raw, name, n);
}

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

/* Split a compacted h= value at its colons.  Returns the number of names
 * (pointers into h), or -1 if one is empty, is not a field name, or there
 * are more than DKIM_MAX_SIGNED_FIELDS. */
static int dkim_split_names(const char *h, const char **names, size_t *lens)
{
	int n = 0;
	const char *p = h;
	for (;;) {
		size_t len = strcspn(p, ":");
		if (len == 0 || n == DKIM_MAX_SIGNED_FIELDS)
			return -1;
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)p[i] < 33 || (unsigned char)p[i] > 126)
				return -1;
		names[n] = p;
		lens[n] = len;
		n++;
		if (!p[len])
			return n;
		p += len + 1;
	}
}

/* ---- hashing --------------------------------------------------------------- */

/* Append the canonical form of every field named in names, in that order:
 * a name listed k times takes the k fields of that name from the bottom
 * up (RFC 6376 section 5.4.2); a name with no field left adds nothing.
 * self (the signature being checked, or -1) is never selected. */
static void dkim_hash_fields(struct sbuf *out, const struct dkim_wire *w, int self,
                             const char *const *names, const size_t *lens, int count,
                             enum dkim_canon c)
{
	int cursor[DKIM_MAX_SIGNED_FIELDS];
	for (int i = 0; i < count; i++) {
		int start = w->n;
		for (int j = i - 1; j >= 0; j--)
			if (lens[j] == lens[i] && !util_strncasecmp(names[j], names[i], lens[i])) {
				start = cursor[j];
				break;
			}
		int found = -1;
		for (int k = start - 1; k >= 0; k--)
			if (k != self && dkim_field_is(&w->f[k], names[i], lens[i])) {
				found = k;
				break;
			}
		cursor[i] = found >= 0 ? found : 0;
		if (found >= 0)
			dkim_canon_header(out, c, w->f[found].raw, w->f[found].len);
	}
}

/* The signature field itself ends the hash input: canonicalized, without
 * its final CRLF (RFC 6376 section 3.7). */
static void dkim_hash_self(struct sbuf *out, enum dkim_canon c, const char *raw, size_t n)
{
	dkim_canon_header(out, c, raw, n);
	out->len -= 2;
	out->s[out->len] = '\0';
}

static char *dkim_b64(const void *p, size_t n)
{
	struct sbuf b;
	sbuf_init(&b);
	mime_b64_encode(&b, p, n, 0);
	return sbuf_take(&b);
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
	struct sbuf b;
	sbuf_init(&b);
	va_start(ap, fmt);
	sbuf_vaddf(&b, fmt, ap);
	va_end(ap);
	free(r->detail);
	r->detail = sbuf_take(&b);
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

/* Check the signature in field sig of w; fills r (zeroed by the caller). */
static void dkim_verify_one(const struct dkim_wire *w, int sig, int64_t now, dkim_txt_fn lookup,
                            void *ctx, struct dkim_result *r)
{
	const struct dkim_field *f = &w->f[sig];
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
	int nnames = dkim_split_names(h, names, lens);
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
	if ((t = taglist_find(&tl, "i"))) {
		r->identity = taglist_value_dup(t);
		const char *at = strrchr(r->identity, '@');
		if (!at || !dkim_is_within(at + 1, strlen(at + 1), r->domain)) {
			dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "domain mismatch",
			         "i=%s is not in d=%s or a subdomain", r->identity, r->domain);
			goto done;
		}
	} else {
		size_t n = strlen(r->domain) + 2;
		r->identity = xmalloc(n);
		snprintf(r->identity, n, "@%s", r->domain);
	}
	if ((t = taglist_find(&tl, "q"))) {
		char *q = taglist_value_compact(t);
		int ok = 0;
		for (char *save = NULL, *m = strtok_r(q, ":", &save); m; m = strtok_r(NULL, ":", &save))
			ok |= !strcmp(m, "dns/txt");
		free(q);
		if (!ok) {
			dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "unsupported query method",
			         "q= does not offer dns/txt");
			goto done;
		}
	}
	if (((t = taglist_find(&tl, "l")) && dkim_parse_uint(t, 76, &r->body_length) < 0) ||
	    ((t = taglist_find(&tl, "t")) && dkim_parse_uint(t, 12, &r->timestamp) < 0) ||
	    ((t = taglist_find(&tl, "x")) && dkim_parse_uint(t, 12, &r->expires) < 0)) {
		dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "signature syntax error",
		         "%.*s= is not a decimal number", (int)t->name_len, t->name);
		goto done;
	}
	if (r->expires >= 0 && r->timestamp >= 0 && r->expires <= r->timestamp) {
		dkim_set(r, DKIM_STATUS_PERMERROR_SYNTAX, "signature syntax error",
		         "x= is not later than t=");
		goto done;
	}
	if (r->expires >= 0 && now >= 0 && now > r->expires) {
		dkim_set(r, DKIM_STATUS_FAIL_EXPIRED, "signature expired",
		         "the signature expired at %lld; it is now %lld", (long long)r->expires,
		         (long long)now);
		goto done;
	}

	/* The key. */
	struct sbuf kn;
	sbuf_init(&kn);
	sbuf_addf(&kn, "%s._domainkey.%s", r->selector, r->domain);
	r->key_name = sbuf_take(&kn);
	key = dkim_fetch_key(r, lookup, ctx);
	if (!key)
		goto done;

	/* The body hash. */
	struct sbuf cb;
	sbuf_init(&cb);
	dkim_canon_body(&cb, r->body_canon, w->body, w->body_len);
	if (r->body_length >= 0 && (uint64_t)r->body_length > cb.len) {
		dkim_set(r, DKIM_STATUS_FAIL_BODY_HASH, "body hash did not verify",
		         "l=%lld is longer than the canonical body (%zu bytes)",
		         (long long)r->body_length, cb.len);
		sbuf_free(&cb);
		goto done;
	}
	if (r->body_length >= 0)
		cb.len = (size_t)r->body_length;
	unsigned char digest[32];
	dkim_key_sha256(cb.s ? cb.s : "", cb.len, digest);
	r->steps.canon_body = xstrndup(cb.s ? cb.s : "", cb.len);
	r->steps.canon_body_len = cb.len;
	r->steps.body_hash = dkim_b64(digest, sizeof digest);
	sbuf_free(&cb);
	if (bh.len != sizeof digest || memcmp(bh.s, digest, sizeof digest) != 0) {
		dkim_set(r, DKIM_STATUS_FAIL_BODY_HASH, "body hash did not verify",
		         "the body hashes to %s, the signature says bh=%s", r->steps.body_hash,
		         r->body_hash_signed);
		goto done;
	}

	/* The header hash: the signed fields, then this field with b= empty. */
	dkim_hash_fields(&hashin, w, sig, names, lens, nnames, r->header_canon);
	t = taglist_find(&tl, "b");
	size_t cut_from = (size_t)(value - f->raw) + t->eq_end;
	size_t cut_to = (size_t)(value - f->raw) + t->spec_end;
	struct sbuf blank;
	sbuf_init(&blank);
	sbuf_add(&blank, f->raw, cut_from);
	sbuf_add(&blank, f->raw + cut_to, f->len - cut_to);
	dkim_hash_self(&hashin, r->header_canon, blank.s, blank.len);
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
		if (!dkim_field_is(&w.f[i], "DKIM-Signature", 14))
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

void dkim_sign_opts_init(struct dkim_sign_opts *o, const char *domain, const char *selector)
{
	memset(o, 0, sizeof *o);
	o->domain = domain;
	o->selector = selector;
	o->header_canon = DKIM_CANON_RELAXED;
	o->body_canon = DKIM_CANON_RELAXED;
	o->fields = NULL;
	o->timestamp = -1;
	o->expires = -1;
}

static int dkim_sign_fail(char *err, size_t errsz, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int dkim_sign_fail(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;
	if (err && errsz) {
		va_start(ap, fmt);
		vsnprintf(err, errsz, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* An i= value: printable ASCII without ';' or blanks (a tag value), an
 * '@', and a domain that is d= or below it. */
static int dkim_identity_ok(const char *i, const char *domain)
{
	const char *at = strrchr(i, '@');
	if (!at)
		return 0;
	for (const char *p = i; *p; p++)
		if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7E || *p == ';')
			return 0;
	return dkim_labels_ok(at + 1, strlen(at + 1), 1) &&
	       dkim_is_within(at + 1, strlen(at + 1), domain);
}

/* Check what dkim_sign is asked to do; 0 or -1 with err. */
static int dkim_sign_check(const struct msg *m, const struct dkim_key *key,
                           const struct dkim_sign_opts *o, const char *const *fields, char *err,
                           size_t errsz)
{
	if (!o->domain || !dkim_domain_ok(o->domain, strlen(o->domain)))
		return dkim_sign_fail(err, errsz, "d=%s is not a domain name",
		                      o->domain ? o->domain : "(none)");
	if (!o->selector || !dkim_selector_ok(o->selector, strlen(o->selector)))
		return dkim_sign_fail(err, errsz, "s=%s is not a selector",
		                      o->selector ? o->selector : "(none)");
	if (o->identity && !dkim_identity_ok(o->identity, o->domain))
		return dkim_sign_fail(err, errsz, "i=%s is not an address in %s or below it",
		                      o->identity, o->domain);
	if (o->header_canon >= DKIM_CANON_COUNT || o->body_canon >= DKIM_CANON_COUNT)
		return dkim_sign_fail(err, errsz, "unknown canonicalization");
	if (o->expires >= 0 && o->timestamp >= 0 && o->expires <= o->timestamp)
		return dkim_sign_fail(err, errsz, "x= must be later than t=");
	if (!key || !dkim_key_can_sign(key))
		return dkim_sign_fail(err, errsz, "the key has no private half");
	if (msg_header_count(m, "From") == 0)
		return dkim_sign_fail(err, errsz, "the message has no From field to sign");
	int from = 0;
	for (int i = 0; fields[i]; i++) {
		size_t n = strlen(fields[i]);
		if (n == 0)
			return dkim_sign_fail(err, errsz, "an empty field name to sign");
		for (size_t k = 0; k < n; k++)
			if ((unsigned char)fields[i][k] < 33 || (unsigned char)fields[i][k] > 126 ||
			    fields[i][k] == ':' || fields[i][k] == ';')
				return dkim_sign_fail(err, errsz, "\"%s\" is not a field name", fields[i]);
		from |= !util_strcasecmp(fields[i], "From");
	}
	if (!from)
		return dkim_sign_fail(err, errsz, "From must be signed (RFC 6376 section 5.4)");
	return 0;
}

/* Build h=: each name as often as it occurs (once more when over-signing),
 * lower-cased, with a space after a colon now and then as a fold point.
 * Returns the number of names, or -1 when there are too many. */
static int dkim_sign_names(struct sbuf *h, const struct dkim_wire *w, const char *const *fields,
                           int oversign)
{
	int count = 0;
	size_t run = 2;   /* "h=" */
	for (int i = 0; fields[i]; i++) {
		size_t n = strlen(fields[i]);
		int reps = oversign ? 1 : 0;
		for (int k = 0; k < w->n; k++)
			reps += dkim_field_is(&w->f[k], fields[i], n);
		for (int r = 0; r < reps; r++) {
			if (++count > DKIM_MAX_SIGNED_FIELDS)
				return -1;
			if (h->len) {
				sbuf_addc(h, ':');
				run++;
				if (run + n > DKIM_H_RUN) {
					sbuf_addc(h, ' ');
					run = 0;
				}
			}
			for (size_t k = 0; k < n; k++) {
				char c = fields[i][k];
				sbuf_addc(h, c >= 'A' && c <= 'Z' ? (char)(c + 32) : c);
			}
			run += n;
		}
	}
	return count;
}

int dkim_sign(struct msg *m, const struct dkim_key *key, const struct dkim_sign_opts *o,
              struct dkim_steps *steps, char *err, size_t errsz)
{
	const char *const *fields = o->fields ? o->fields : dkim_default_fields;
	if (steps)
		memset(steps, 0, sizeof *steps);
	if (err && errsz)
		err[0] = '\0';
	if (dkim_sign_check(m, key, o, fields, err, errsz) < 0)
		return -1;

	size_t len;
	char *wire = msg_serialize(m, &len);
	struct dkim_wire w;
	dkim_wire_split(&w, wire, len);

	struct sbuf body, h, v, hashin, sig;
	sbuf_init(&body);
	sbuf_init(&h);
	sbuf_init(&v);
	sbuf_init(&hashin);
	sbuf_init(&sig);
	int rc = -1;
	char *bh64 = NULL, *field_wire = NULL;
	struct msg *tmp = NULL;

	dkim_canon_body(&body, o->body_canon, w.body, w.body_len);
	unsigned char digest[32];
	dkim_key_sha256(body.s ? body.s : "", body.len, digest);
	bh64 = dkim_b64(digest, sizeof digest);

	if (dkim_sign_names(&h, &w, fields, o->oversign) < 0) {
		dkim_sign_fail(err, errsz, "more than %d fields to sign", DKIM_MAX_SIGNED_FIELDS);
		goto out;
	}
	sbuf_addf(&v, "v=1; a=rsa-sha256; c=%s/%s; d=%s; s=%s;", dkim_canon_names[o->header_canon],
	          dkim_canon_names[o->body_canon], o->domain, o->selector);
	if (o->identity)
		sbuf_addf(&v, " i=%s;", o->identity);
	if (o->timestamp >= 0)
		sbuf_addf(&v, " t=%lld;", (long long)o->timestamp);
	if (o->expires >= 0)
		sbuf_addf(&v, " x=%lld;", (long long)o->expires);
	sbuf_addf(&v, " h=%s; bh=%s; b=", h.s, bh64);

	/* The field as the serializer will write it with b= still empty;
	 * filled, it folds the same up to "b=" (see dkim.h). */
	tmp = msg_new();
	msg_header_append(tmp, "DKIM-Signature", v.s);
	size_t flen;
	field_wire = msg_serialize(tmp, &flen);
	if (flen < 4 || memcmp(field_wire + flen - 4, "\r\n\r\n", 4) != 0)
		PANIC("serialized field does not end the header");

	char *hc = xstrdup(h.s);
	const char *names[DKIM_MAX_SIGNED_FIELDS];
	size_t lens[DKIM_MAX_SIGNED_FIELDS];
	size_t k = 0;
	for (size_t i = 0; hc[i]; i++)   /* drop the fold spaces */
		if (hc[i] != ' ')
			hc[k++] = hc[i];
	hc[k] = '\0';
	int nnames = dkim_split_names(hc, names, lens);
	if (nnames < 0)
		PANIC("h=%s does not split", hc);
	dkim_hash_fields(&hashin, &w, -1, names, lens, nnames, o->header_canon);
	dkim_hash_self(&hashin, o->header_canon, field_wire, flen - 4);
	free(hc);

	if (dkim_key_sign(key, hashin.s, hashin.len, &sig, err, errsz) < 0)
		goto out;
	char *b64 = dkim_b64(sig.s, sig.len);
	size_t blen = strlen(b64);
	for (size_t i = 0; i < blen; i += DKIM_B_CHUNK) {
		sbuf_addc(&v, ' ');
		sbuf_add(&v, b64 + i, blen - i < DKIM_B_CHUNK ? blen - i : DKIM_B_CHUNK);
	}
	free(b64);
	msg_header_prepend(m, "DKIM-Signature", v.s);
	rc = 0;
	if (steps) {
		steps->canon_body_len = body.len;
		steps->canon_body = sbuf_take(&body);
		steps->body_hash = bh64;
		bh64 = NULL;
		steps->canon_header_len = hashin.len;
		steps->canon_header = sbuf_take(&hashin);
	}

out:
	msg_free(tmp);
	free(field_wire);
	free(bh64);
	sbuf_free(&body);
	sbuf_free(&h);
	sbuf_free(&v);
	sbuf_free(&hashin);
	sbuf_free(&sig);
	dkim_wire_free(&w);
	free(wire);
	return rc;
}
