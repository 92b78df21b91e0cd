/* dkim_sign — making a DKIM-Signature field (RFC 6376 section 5) over the
 * message exactly as it will be serialized. */
#include "dkim.h"

#include <stdio.h>
#include <string.h>

#include "dkim_wire.h"
#include "util.h"

const char *const dkim_sign_default_fields[] = {
	"From", "To", "Cc", "Subject", "Date", "Message-ID", "Reply-To", "In-Reply-To",
	"References", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", NULL,
};

/* b= is written in chunks this long, so the serializer can fold it. */
#define DKIM_SIGN_B_CHUNK 72
/* Inside h=, a space goes after a colon once this many characters ran
 * without one. */
#define DKIM_SIGN_H_RUN 56

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

/* Check what dkim_sign is asked to do; 0 or -1 with err. */
static int dkim_sign_check(const struct msg *m, const struct dkim_key *key,
                           const struct dkim_sign_opts *o, const char *const *fields, char *err,
                           size_t errsz)
{
	if (!o->domain || !dkim_domain_ok(o->domain, strlen(o->domain)))
		return util_fail(err, errsz, "d=%s is not a domain name",
		                 o->domain ? o->domain : "(none)");
	if (!o->selector || !dkim_selector_ok(o->selector, strlen(o->selector)))
		return util_fail(err, errsz, "s=%s is not a selector",
		                 o->selector ? o->selector : "(none)");
	if (o->identity && !dkim_identity_ok(o->identity, strlen(o->identity), o->domain))
		return util_fail(err, errsz, "i=%s is not an address in %s or below it",
		                 o->identity, o->domain);
	if (o->header_canon >= DKIM_CANON_COUNT || o->body_canon >= DKIM_CANON_COUNT)
		return util_fail(err, errsz, "unknown canonicalization");
	if (o->expires >= 0 && o->timestamp >= 0 && o->expires <= o->timestamp)
		return util_fail(err, errsz, "x= must be later than t=");
	if (!key || !dkim_key_can_sign(key))
		return util_fail(err, errsz, "the key has no private half");
	if (msg_header_count(m, "From") == 0)
		return util_fail(err, errsz, "the message has no From field to sign");
	int from = 0;
	for (int i = 0; fields[i]; i++) {
		size_t n = strlen(fields[i]);
		if (n == 0)
			return util_fail(err, errsz, "an empty field name to sign");
		for (size_t k = 0; k < n; k++)
			if ((unsigned char)fields[i][k] < 33 || (unsigned char)fields[i][k] > 126 ||
			    fields[i][k] == ':' || fields[i][k] == ';')
				return util_fail(err, errsz, "\"%s\" is not a field name", fields[i]);
		from |= !util_strcasecmp(fields[i], "From");
	}
	if (!from)
		return util_fail(err, errsz, "From must be signed (RFC 6376 section 5.4)");
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
			reps += dkim_wire_field_is(&w->f[k], fields[i], n);
		for (int r = 0; r < reps; r++) {
			if (++count > DKIM_MAX_SIGNED_FIELDS)
				return -1;
			if (h->len) {
				sbuf_addc(h, ':');
				run++;
				if (run + n > DKIM_SIGN_H_RUN) {
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

/* (102 lines: RFC 6376 section 5's signing steps in their order, with one
 * cleanup; the body-hash step is the one to move out when it grows.) */
int dkim_sign(struct msg *m, const struct dkim_key *key, const struct dkim_sign_opts *o,
              struct dkim_steps *steps, char *err, size_t errsz)
{
	const char *const *fields = o->fields ? o->fields : dkim_sign_default_fields;
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
	bh64 = dkim_wire_b64(digest, sizeof digest);

	if (dkim_sign_names(&h, &w, fields, o->oversign) < 0) {
		util_fail(err, errsz, "more than %d fields to sign", DKIM_MAX_SIGNED_FIELDS);
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
	int nnames = dkim_wire_split_names(hc, names, lens);
	if (nnames < 0)
		PANIC("h=%s does not split", hc);
	dkim_wire_hash_fields(&hashin, &w, -1, names, lens, nnames, o->header_canon);
	dkim_wire_hash_self(&hashin, o->header_canon, field_wire, flen - 4);
	free(hc);

	if (dkim_key_sign(key, hashin.s, hashin.len, &sig, err, errsz) < 0)
		goto out;
	char *b64 = dkim_wire_b64(sig.s, sig.len);
	size_t blen = strlen(b64);
	for (size_t i = 0; i < blen; i += DKIM_SIGN_B_CHUNK) {
		sbuf_addc(&v, ' ');
		sbuf_add(&v, b64 + i, blen - i < DKIM_SIGN_B_CHUNK ? blen - i : DKIM_SIGN_B_CHUNK);
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
