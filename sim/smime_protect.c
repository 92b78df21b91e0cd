/* smime_protect — the sending MUA's side of S/MIME: sign (detached
 * multipart/signed), encrypt (enveloped data), or sign then encrypt a
 * message in place. */
#include "smime_int.h"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <string.h>

#include "mime.h"

const char *const smime_mode_names[SMIME_MODE_COUNT] = {
	[SMIME_MODE_SIGN] = "sign",
	[SMIME_MODE_ENCRYPT] = "encrypt",
	[SMIME_MODE_SIGN_ENCRYPT] = "sign+encrypt",
};
_Static_assert(sizeof smime_mode_names / sizeof *smime_mode_names == SMIME_MODE_COUNT,
               "one name per mode");

/* A MIME entity being built: header lines "Name: value\r\n" and a body. */
struct smime_protect_ent {
	struct sbuf fields;
	struct sbuf body;
};

static void smime_protect_ent_free(struct smime_protect_ent *e)
{
	sbuf_free(&e->fields);
	sbuf_free(&e->body);
}

/* The entity as one text: fields, the empty line, the body. */
static char *smime_protect_ent_text(const struct smime_protect_ent *e, size_t *len)
{
	struct sbuf t;
	sbuf_init(&t);
	sbuf_add(&t, e->fields.s ? e->fields.s : "", e->fields.len);
	sbuf_add(&t, "\r\n", 2);
	sbuf_add(&t, e->body.s ? e->body.s : "", e->body.len);
	*len = t.len;
	return sbuf_take(&t);
}

/* The entity m carries: its Content-* fields and its body, made 7-bit. */
static void smime_protect_ent_of_msg(const struct msg *m, struct smime_protect_ent *e)
{
	char type[96] = "", cte[32] = "";
	int has_type = msg_header_get(m, "Content-Type", type, sizeof type);
	msg_header_get(m, "Content-Transfer-Encoding", cte, sizeof cte);
	int multipart = has_type && !util_strncasecmp(type, "multipart/", 10);
	int encoded = !util_strcasecmp(cte, "base64") || !util_strcasecmp(cte, "quoted-printable");
	/* Signed content must survive any relay byte for byte (RFC 8551
	 * section 3.1.2), so 8-bit text is sent as base64. */
	int rebase = !multipart && !encoded && mime_has_8bit(m->body, m->body_len);
	if (!has_type)
		sbuf_adds(&e->fields, "Content-Type: text/plain; charset=us-ascii\r\n");
	for (int i = 0; i < m->nfields; i++) {
		size_t nl, vl;
		const char *n = msg_field_name(m, i, &nl);
		const char *v = msg_field_value(m, i, &vl);
		int mime_version = nl == 12 && !util_strncasecmp(n, "MIME-Version", 12);
		if (!smime_content_field(n, nl) || mime_version)
			continue;
		if (rebase && nl == 25 && !util_strncasecmp(n, "Content-Transfer-Encoding", 25))
			continue;
		sbuf_add(&e->fields, n, nl);
		sbuf_add(&e->fields, ": ", 2);
		sbuf_add(&e->fields, v, vl);
		sbuf_add(&e->fields, "\r\n", 2);
	}
	if (rebase) {
		sbuf_adds(&e->fields, "Content-Transfer-Encoding: base64\r\n");
		mime_b64_encode(&e->body, m->body, m->body_len, 76);
	} else {
		sbuf_add(&e->body, m->body ? m->body : "", m->body_len);
	}
}

/* Replace m's MIME fields and body by those of e. */
static void smime_protect_ent_to_msg(const struct smime_protect_ent *e, struct msg *m)
{
	smime_strip_mime_fields(m);
	msg_header_append(m, "MIME-Version", "1.0");
	const char *p = e->fields.s ? e->fields.s : "";
	while (*p) {
		const char *eol = strstr(p, "\r\n");
		const char *colon = strchr(p, ':');
		if (!eol || !colon || colon > eol)
			PANIC("entity field without a colon: %.40s", p);
		char *name = xstrndup(p, (size_t)(colon - p));
		const char *v = colon + 1;
		while (*v == ' ')
			v++;
		char *value = xstrndup(v, (size_t)(eol - v));
		msg_header_append(m, name, value);
		free(name);
		free(value);
		p = eol + 2;
	}
	msg_set_body(m, e->body.s ? e->body.s : "");
}

/* Sign entity text (len bytes) as user u at simulated t_us; out gets the
 * multipart/signed entity. */
static int smime_protect_sign(struct smime *s, const struct smime_user *u, const char *text,
                              size_t len, int64_t t_us, struct smime_protect_ent *out,
                              struct smime_sign_facts *f, char *err, size_t errsz)
{
	const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL;
	int rc = -1;
	unsigned char *der = NULL;
	BIO *in = BIO_new_mem_buf(text, (int)len);
	CMS_ContentInfo *cms = CMS_sign_ex(NULL, NULL, NULL, NULL, flags, s->libctx, NULL);
	CMS_SignerInfo *si = cms ? CMS_add1_signer(cms, u->cert, u->key, s->sha256, flags) : NULL;
	/* The signing time is the simulated clock, not the wall clock that
	 * CMS_final would otherwise stamp. */
	int64_t when = smime_unix(s, t_us);
	ASN1_TIME *st = ASN1_TIME_set(NULL, (time_t)when);
	if (!in || !si || !st ||
	    !CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, st->type, st, -1) ||
	    !CMS_final(cms, in, NULL, flags)) {
		smime_ossl_fail(err, errsz, "signing failed");
		goto done;
	}
	int dlen = i2d_CMS_ContentInfo(cms, &der);
	if (dlen <= 0) {
		smime_ossl_fail(err, errsz, "cannot encode the signature");
		goto done;
	}
	/* The boundary comes from the seeded generator too. */
	char boundary[64];
	for (int tries = 0;; tries++) {
		unsigned char rb[12];
		char hex[25];
		if (tries == 8 || RAND_bytes_ex(s->libctx, rb, sizeof rb, 0) <= 0) {
			smime_ossl_fail(err, errsz, "cannot make a MIME boundary");
			goto done;
		}
		smime_hex(hex, sizeof hex, rb, sizeof rb, 0);
		snprintf(boundary, sizeof boundary, "----=_mailsim_smime_%s", hex);
		char *text0 = xstrndup(text, len);    /* memmem is not in C11 */
		int clash = strstr(text0, boundary) != NULL;
		free(text0);
		if (!clash)
			break;
	}
	sbuf_addf(&out->fields, "Content-Type: multipart/signed; protocol=\"application/"
	          "pkcs7-signature\"; micalg=sha-256; boundary=\"%s\"\r\n", boundary);
	struct sbuf *b = &out->body;
	sbuf_addf(b, "This is an S/MIME signed message.\r\n\r\n--%s\r\n", boundary);
	sbuf_add(b, text, len);
	sbuf_addf(b, "\r\n--%s\r\n", boundary);
	sbuf_adds(b, "Content-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
	             "Content-Transfer-Encoding: base64\r\n"
	             "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n"
	             "Content-Description: S/MIME Cryptographic Signature\r\n\r\n");
	mime_b64_encode(b, der, (size_t)dlen, 76);
	sbuf_addf(b, "\r\n--%s--\r\n", boundary);
	if (f)
		smime_sign_facts_fill(si, u->address, len, when, f);
	rc = 0;
done:
	OPENSSL_free(der);
	ASN1_TIME_free(st);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	return rc;
}

static int smime_protect_encrypt(struct smime *s, const int *rcpt, int nrcpt, const char *text,
                                 size_t len, struct smime_protect_ent *out,
                                 struct smime_enc_facts *f, char *err, size_t errsz)
{
	int rc = -1;
	unsigned char *der = NULL;
	STACK_OF(X509) *certs = sk_X509_new_null();
	for (int i = 0; certs && i < nrcpt; i++)
		if (!sk_X509_push(certs, s->users[rcpt[i]].cert))
			PANIC("sk_X509_push failed");
	BIO *in = BIO_new_mem_buf(text, (int)len);
	CMS_ContentInfo *cms = certs && in ?
		CMS_encrypt_ex(certs, in, s->cipher, CMS_BINARY, s->libctx, NULL) : NULL;
	int dlen = cms ? i2d_CMS_ContentInfo(cms, &der) : -1;
	if (dlen <= 0) {
		smime_ossl_fail(err, errsz, "encryption failed");
		goto done;
	}
	sbuf_adds(&out->fields,
	          "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; "
	          "name=\"smime.p7m\"\r\n"
	          "Content-Transfer-Encoding: base64\r\n"
	          "Content-Disposition: attachment; filename=\"smime.p7m\"\r\n"
	          "Content-Description: S/MIME Encrypted Message\r\n");
	mime_b64_encode(&out->body, der, (size_t)dlen, 76);
	if (f) {
		memset(f, 0, sizeof *f);
		f->done = 1;
		f->plaintext_len = len;
		smime_enc_rcpt_facts(s, cms, f);
		smime_env_der_facts(s, der, dlen, f);
	}
	rc = 0;
done:
	OPENSSL_free(der);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	sk_X509_free(certs);
	return rc;
}

int smime_protect(struct smime *s, struct msg *m, enum smime_mode mode, const char *signer,
                  const char *const *rcpts, int nrcpt, int64_t t_us,
                  struct smime_facts *facts, char *err, size_t errsz)
{
	if ((unsigned)mode >= SMIME_MODE_COUNT)
		PANIC("mode %d", (int)mode);
	int sign = mode != SMIME_MODE_ENCRYPT, encrypt = mode != SMIME_MODE_SIGN;
	int su = -1, ru[SMIME_MAX_RCPT];
	if (facts)
		memset(facts, 0, sizeof *facts);
	if (sign) {
		su = smime_find_user(s, signer);
		if (su < 0)
			return util_fail(err, errsz, "%s has no certificate to sign with",
			                 signer ? signer : "(nobody)");
		if (!s->users[su].key)
			return util_fail(err, errsz, "%s holds no private key to sign with", signer);
	}
	if (encrypt) {
		if (nrcpt < 1 || nrcpt > SMIME_MAX_RCPT)
			return util_fail(err, errsz, "encryption needs 1 to %d recipients, found %d",
			                 SMIME_MAX_RCPT, nrcpt);
		for (int i = 0; i < nrcpt; i++)
			if ((ru[i] = smime_find_user(s, rcpts[i])) < 0)
				return util_fail(err, errsz, "no certificate for %s: cannot encrypt for them",
				                 rcpts[i] ? rcpts[i] : "(nobody)");
	}

	/* This operation's random bytes are a function of the seed, the mode,
	 * the time, the message and the parties — not of what ran before. */
	struct sbuf id;
	sbuf_init(&id);
	size_t mlen;
	char *mtext = msg_serialize(m, &mlen);
	sbuf_add(&id, mtext, mlen);
	free(mtext);
	sbuf_addf(&id, "\nsigner=%s", sign ? signer : "");
	for (int i = 0; encrypt && i < nrcpt; i++)
		sbuf_addf(&id, "\nrcpt=%s", rcpts[i]);
	int keyed = smime_rekey(s, smime_mode_names[mode], t_us, id.s, id.len);
	sbuf_free(&id);
	if (!keyed)
		return smime_ossl_fail(err, errsz, "cannot key the random generator");

	struct smime_protect_ent in, mid, out;
	memset(&in, 0, sizeof in);
	memset(&mid, 0, sizeof mid);
	memset(&out, 0, sizeof out);
	smime_protect_ent_of_msg(m, &in);
	size_t len;
	char *text = smime_protect_ent_text(&in, &len);
	int rc = 0;
	const struct smime_protect_ent *res = &in;
	if (sign) {
		rc = smime_protect_sign(s, &s->users[su], text, len, t_us, &mid,
		                        facts ? &facts->sign : NULL, err, errsz);
		res = &mid;
		if (rc == 0 && encrypt) {
			free(text);
			text = smime_protect_ent_text(&mid, &len);
		}
	}
	if (rc == 0 && encrypt) {
		rc = smime_protect_encrypt(s, ru, nrcpt, text, len, &out, facts ? &facts->enc : NULL,
		                           err, errsz);
		res = &out;
	}
	if (rc == 0)
		smime_protect_ent_to_msg(res, m);
	free(text);
	smime_protect_ent_free(&in);
	smime_protect_ent_free(&mid);
	smime_protect_ent_free(&out);
	return rc;
}
