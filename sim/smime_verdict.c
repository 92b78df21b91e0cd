/* smime_verdict — the receiving MUA's side of S/MIME: open each layer of a
 * mail (decrypt an envelope, verify a signature), check the signer's
 * certificate and address, and say what holds, with the MIME tree and the
 * facts the GUI animates.  Whatever the mail holds, a verdict comes back. */
#include "smime_int.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include "mime.h"

const char *const smime_sig_names[SMIME_SIG_COUNT] = {
	[SMIME_SIG_ABSENT] = "absent",
	[SMIME_SIG_VALID] = "valid",
	[SMIME_SIG_DIGEST_MISMATCH] = "digest_mismatch",
	[SMIME_SIG_BAD_SIGNATURE] = "bad_signature",
	[SMIME_SIG_NO_CERT] = "no_certificate",
	[SMIME_SIG_MALFORMED] = "malformed",
};
_Static_assert(sizeof smime_sig_names / sizeof *smime_sig_names == SMIME_SIG_COUNT,
               "one name per signature state");

const char *const smime_chain_names[SMIME_CHAIN_COUNT] = {
	[SMIME_CHAIN_NONE] = "none",
	[SMIME_CHAIN_TRUSTED] = "trusted",
	[SMIME_CHAIN_UNKNOWN_CA] = "unknown_ca",
	[SMIME_CHAIN_EXPIRED] = "expired",
	[SMIME_CHAIN_NOT_YET_VALID] = "not_yet_valid",
	[SMIME_CHAIN_WRONG_USAGE] = "wrong_usage",
	[SMIME_CHAIN_INVALID] = "invalid",
};
_Static_assert(sizeof smime_chain_names / sizeof *smime_chain_names == SMIME_CHAIN_COUNT,
               "one name per chain state");

const char *const smime_from_names[SMIME_FROM_COUNT] = {
	[SMIME_FROM_NONE] = "none",
	[SMIME_FROM_MATCH] = "match",
	[SMIME_FROM_MISMATCH] = "mismatch",
	[SMIME_FROM_NO_FROM] = "no_from",
};
_Static_assert(sizeof smime_from_names / sizeof *smime_from_names == SMIME_FROM_COUNT,
               "one name per From state");

const char *const smime_dec_names[SMIME_DEC_COUNT] = {
	[SMIME_DEC_NONE] = "none",
	[SMIME_DEC_OK] = "ok",
	[SMIME_DEC_NOT_FOR_ME] = "not_for_me",
	[SMIME_DEC_NO_KEY] = "no_key",
	[SMIME_DEC_FAILED] = "failed",
	[SMIME_DEC_MALFORMED] = "malformed",
};
_Static_assert(sizeof smime_dec_names / sizeof *smime_dec_names == SMIME_DEC_COUNT,
               "one name per decryption state");

const char *const smime_prop_names[SMIME_PROP_COUNT] = {
	[SMIME_PROP_AUTHENTICATION] = "authentication",
	[SMIME_PROP_CONFIDENTIALITY] = "confidentiality",
	[SMIME_PROP_NON_REPUDIATION] = "non_repudiation",
	[SMIME_PROP_INTEGRITY] = "integrity",
};
_Static_assert(sizeof smime_prop_names / sizeof *smime_prop_names == SMIME_PROP_COUNT,
               "one name per property");

/* Everything one reading needs besides the verdict. */
struct smime_verdict_run {
	struct smime *s;
	struct smime_verdict *v;
	int64_t now;                /* Unix seconds of the reading */
};

static void smime_verdict_problem(struct smime_verdict *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Record a problem; the first one is the one told. */
static void smime_verdict_problem(struct smime_verdict *v, const char *fmt, ...)
{
	if (v->problem[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v->problem, sizeof v->problem, fmt, ap);
	va_end(ap);
}

/* A problem with OpenSSL's reason appended; clears the error queue. */
static void smime_verdict_ossl(struct smime_verdict *v, const char *what)
{
	char why[200];
	smime_ossl_fail(why, sizeof why, what);
	smime_verdict_problem(v, "%s", why);
}

static void smime_verdict_layer(struct smime_verdict *v, const char *name)
{
	size_t l = strlen(v->layers);
	snprintf(v->layers + l, sizeof v->layers - l, "%s%s", l ? " > " : "", name);
}

/* Keep text (malloc'd, len bytes and a NUL) for the verdict's lifetime;
 * returns it. */
static char *smime_verdict_keep(struct smime_verdict *v, char *text, size_t len)
{
	v->texts = xrealloc(v->texts, (size_t)(v->ntexts + 1) * sizeof *v->texts);
	v->text_lens = xrealloc(v->text_lens, (size_t)(v->ntexts + 1) * sizeof *v->text_lens);
	v->text_lens[v->ntexts] = len;
	v->texts[v->ntexts++] = text;
	return text;
}

/* The addr-spec of a From value: inside the last <...>, else the value
 * without comments and blanks.  "" when there is none. */
static void smime_verdict_addr(const char *value, char *out, size_t outsz)
{
	const char *lt = strrchr(value, '<');
	const char *gt = lt ? strchr(lt, '>') : NULL;
	struct sbuf b;
	sbuf_init(&b);
	if (lt && gt) {
		sbuf_add(&b, lt + 1, (size_t)(gt - lt - 1));
	} else {
		int depth = 0;
		for (const char *p = value; *p && *p != ','; p++) {
			if (*p == '(')
				depth++;
			else if (*p == ')' && depth)
				depth--;
			else if (!depth && *p != ' ' && *p != '\t')
				sbuf_addc(&b, *p);
		}
	}
	snprintf(out, outsz, "%s", b.s ? b.s : "");
	sbuf_free(&b);
	/* blanks inside <...> are not part of the address */
	char *w = out;
	for (const char *r = out; *r; r++)
		if (*r != ' ' && *r != '\t')
			*w++ = *r;
	*w = '\0';
}

/* The body of part p decoded as its Content-Transfer-Encoding says (only
 * base64 or raw bytes make sense for CMS).  Returns -1 if base64 is broken. */
static int smime_verdict_body(const struct mimetree_part *p, struct sbuf *out)
{
	if (!strcmp(p->cte, "base64"))
		return mime_b64_decode(out, p->body, p->body_len, 1);
	sbuf_add(out, p->body, p->body_len);
	return 0;
}

/* CMS from DER or BER bytes, in the context's library context. */
static CMS_ContentInfo *smime_verdict_cms(struct smime *s, const struct sbuf *der)
{
	if (!der->len || der->len > 0x7fffffff)
		return NULL;
	CMS_ContentInfo *cms = CMS_ContentInfo_new_ex(s->libctx, NULL);
	BIO *b = BIO_new_mem_buf(der->s, (int)der->len);
	if (!cms || !b || !d2i_CMS_bio(b, &cms)) {
		/* d2i frees and clears the object it failed to fill */
		CMS_ContentInfo_free(cms);
		cms = NULL;
	}
	BIO_free(b);
	return cms;
}

static void smime_verdict_digest(struct smime_verdict_run *r, CMS_SignerInfo *si,
                                 const char *content, size_t len)
{
	struct smime_sign_facts *f = &r->v->sign;
	X509_ALGOR *dig = NULL;
	CMS_SignerInfo_get0_algs(si, NULL, NULL, &dig, NULL);
	const ASN1_OBJECT *obj = NULL;
	if (dig)
		X509_ALGOR_get0(&obj, NULL, NULL, dig);
	int nid = obj ? OBJ_obj2nid(obj) : NID_undef;
	EVP_MD *md = nid != NID_undef ? EVP_MD_fetch(r->s->libctx, OBJ_nid2sn(nid), NULL) : NULL;
	unsigned char h[EVP_MAX_MD_SIZE];
	unsigned hl = 0;
	if (md && EVP_Digest(content, len, h, &hl, md, NULL))
		smime_hex(f->computed, sizeof f->computed, h, hl, 0);
	EVP_MD_free(md);
	f->content_len = len;
	ERR_clear_error();
}

static enum smime_chain smime_verdict_chain_of(int e)
{
	switch (e) {
	case X509_V_OK:
		return SMIME_CHAIN_TRUSTED;
	case X509_V_ERR_CERT_HAS_EXPIRED:
		return SMIME_CHAIN_EXPIRED;
	case X509_V_ERR_CERT_NOT_YET_VALID:
		return SMIME_CHAIN_NOT_YET_VALID;
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
	case X509_V_ERR_CERT_UNTRUSTED:
		return SMIME_CHAIN_UNKNOWN_CA;
	case X509_V_ERR_INVALID_PURPOSE:
	case X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE:
		return SMIME_CHAIN_WRONG_USAGE;
	default:
		return SMIME_CHAIN_INVALID;
	}
}

/* The signer's chain at the time of reading, as an S/MIME signing key. */
static void smime_verdict_chain(struct smime_verdict_run *r, X509 *signer, STACK_OF(X509) *certs)
{
	struct smime_verdict *v = r->v;
	X509_STORE_CTX *xc = X509_STORE_CTX_new_ex(r->s->libctx, NULL);
	if (!xc || !X509_STORE_CTX_init(xc, r->s->trust, signer, certs)) {
		v->chain = SMIME_CHAIN_INVALID;
		smime_verdict_ossl(v, "cannot check the certificate chain");
		X509_STORE_CTX_free(xc);
		return;
	}
	X509_STORE_CTX_set_purpose(xc, X509_PURPOSE_SMIME_SIGN);
	X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(xc), (time_t)r->now);
	int ok = X509_verify_cert(xc) == 1;
	int e = ok ? X509_V_OK : X509_STORE_CTX_get_error(xc);
	v->chain = ok ? SMIME_CHAIN_TRUSTED : smime_verdict_chain_of(e);
	if (!ok) {
		snprintf(v->chain_error, sizeof v->chain_error, "%s", X509_verify_cert_error_string(e));
		smime_verdict_problem(v, "the signer's certificate: %s", v->chain_error);
	}
	X509_STORE_CTX_free(xc);
	ERR_clear_error();
}

/* Compare the signer's certificate with the header From. */
static void smime_verdict_from(struct smime_verdict *v, X509 *signer)
{
	STACK_OF(OPENSSL_STRING) *emails = X509_get1_email(signer);
	if (emails && sk_OPENSSL_STRING_num(emails) > 0)
		snprintf(v->sign.signer, sizeof v->sign.signer, "%s",
		         sk_OPENSSL_STRING_value(emails, 0));
	if (!v->from_addr[0]) {
		v->from = SMIME_FROM_NO_FROM;
	} else {
		v->from = SMIME_FROM_MISMATCH;
		for (int i = 0; emails && i < sk_OPENSSL_STRING_num(emails); i++)
			if (!util_strcasecmp(sk_OPENSSL_STRING_value(emails, i), v->from_addr))
				v->from = SMIME_FROM_MATCH;
		if (v->from == SMIME_FROM_MISMATCH)
			smime_verdict_problem(v, "signed by %s, but the header From is %s",
			                      v->sign.signer[0] ? v->sign.signer : "someone else",
			                      v->from_addr);
	}
	X509_email_free(emails);
}

/* A signature that cannot be read: malformed, unless one was judged. */
static void smime_verdict_bad_sig(struct smime_verdict *v, const char *why)
{
	v->malformed = 1;
	if (!v->sign.done)
		v->sig = SMIME_SIG_MALFORMED;
	smime_verdict_problem(v, "%s", why);
}

/* Verify signed-data cms over content (detached: the multipart's first
 * part) or over its own content (content NULL: opaque signed-data, whose
 * content is appended to inner).  Only the first signature of a mail is
 * judged; a second layer is only opened.  Returns 1 if the content is
 * there to read on (verified or not), 0 if not. */
static int smime_verdict_verify(struct smime_verdict_run *r, CMS_ContentInfo *cms,
                                const char *content, size_t len, struct sbuf *inner)
{
	struct smime_verdict *v = r->v;
	int judged = v->sign.done;
	int detached = CMS_is_detached(cms) == 1;
	if (content && !detached) {
		smime_verdict_bad_sig(v, "the signature part carries content of its own");
		return 1;
	}
	if (!content) {
		ASN1_OCTET_STRING **pc = CMS_get0_content(cms);
		if (detached || !pc || !*pc) {
			smime_verdict_bad_sig(v, "signed-data without content");
			return 0;
		}
		content = (const char *)ASN1_STRING_get0_data(*pc);
		len = (size_t)ASN1_STRING_length(*pc);
		sbuf_add(inner, content, len);
	}
	if (judged)
		return 1;
	STACK_OF(CMS_SignerInfo) *sis = CMS_get0_SignerInfos(cms);
	if (!sis || sk_CMS_SignerInfo_num(sis) < 1 || len > INT_MAX) {
		smime_verdict_bad_sig(v, "the signature has no signer");
		return 1;
	}
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(sis, 0);
	STACK_OF(X509) *certs = CMS_get1_certs(cms);
	struct smime_sign_facts *f = &v->sign;
	int64_t when = 0;
	ASN1_TYPE *st = NULL;
	int ti = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
	X509_ATTRIBUTE *at = ti >= 0 ? CMS_signed_get_attr(si, ti) : NULL;
	if (at && (st = X509_ATTRIBUTE_get0_type(at, 0)) &&
	    (st->type == V_ASN1_UTCTIME || st->type == V_ASN1_GENERALIZEDTIME))
		when = smime_asn1_time(st->value.asn1_string);
	X509 *signer = NULL;
	for (int i = 0; certs && i < sk_X509_num(certs); i++)
		if (!CMS_SignerInfo_cert_cmp(si, sk_X509_value(certs, i)))
			signer = sk_X509_value(certs, i);
	/* the facts the animation shows: the digest signed and the one computed */
	smime_sign_facts_fill(si, "", len, when, f);
	f->ncerts = certs ? sk_X509_num(certs) : 0;
	smime_verdict_digest(r, si, content, len);
	if (!signer) {
		v->sig = SMIME_SIG_NO_CERT;
		smime_verdict_problem(v, "the signer's certificate is not in the signature");
		sk_X509_pop_free(certs, X509_free);
		ERR_clear_error();
		return 1;
	}
	CMS_SignerInfo_set1_signer_cert(si, signer);
	smime_cert_card_of(signer, &v->signer_card);
	v->has_signer_card = 1;
	smime_verdict_chain(r, signer, certs);
	smime_verdict_from(v, signer);

	/* First the signature over the signed attributes (with the signer's
	 * public key), then the whole check with the content: if only the
	 * second fails, the content no longer has the digest that was signed. */
	int attrs_ok = CMS_signed_get_attr_count(si) <= 0 || CMS_SignerInfo_verify(si) > 0;
	ERR_clear_error();
	BIO *dc = BIO_new_mem_buf(content, (int)len);
	int all_ok = attrs_ok && dc &&
		CMS_verify(cms, certs, NULL, detached ? dc : NULL, NULL,
		           CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) > 0;
	BIO_free(dc);
	if (all_ok) {
		v->sig = SMIME_SIG_VALID;
		ERR_clear_error();
	} else if (!attrs_ok || CMS_signed_get_attr_count(si) <= 0) {
		v->sig = SMIME_SIG_BAD_SIGNATURE;
		smime_verdict_ossl(v, "the signature does not verify with the signer's public key");
	} else {
		v->sig = SMIME_SIG_DIGEST_MISMATCH;
		ERR_clear_error();
		smime_verdict_problem(v, "the content was changed after signing: its %s digest "
		                      "is not the one signed", f->digest_alg);
	}
	sk_X509_pop_free(certs, X509_free);
	return 1;
}

/* Decrypt enveloped cms as the reader; the plaintext goes to inner.
 * Returns 1 if decrypted. */
static int smime_verdict_decrypt(struct smime_verdict_run *r, CMS_ContentInfo *cms,
                                 const struct sbuf *der, struct sbuf *inner)
{
	struct smime_verdict *v = r->v;
	struct smime_enc_facts *f = &v->enc;
	int first = !f->done;
	if (first) {
		f->done = 1;
		smime_enc_rcpt_facts(r->s, cms, f);
		/* the facts come from the DER form (a BER mail is re-encoded) */
		unsigned char *d = NULL;
		int dl = i2d_CMS_ContentInfo(cms, &d);
		if (dl > 0)
			smime_env_der_facts(r->s, d, dl, f);
		else
			smime_env_der_facts(r->s, (const unsigned char *)der->s, (long)der->len, f);
		OPENSSL_free(d);
		ERR_clear_error();
	}
	int u = smime_find_user(r->s, v->reader);
	enum smime_dec d = SMIME_DEC_OK;
	if (u < 0 || !r->s->users[u].key) {
		d = SMIME_DEC_NO_KEY;
		smime_verdict_problem(v, "%s holds no private key to decrypt with",
		                      v->reader[0] ? v->reader : "the reader");
	} else {
		X509 *cert = r->s->users[u].cert;
		STACK_OF(CMS_RecipientInfo) *ris = CMS_get0_RecipientInfos(cms);
		int mine = 0;
		for (int i = 0; ris && i < sk_CMS_RecipientInfo_num(ris); i++) {
			CMS_RecipientInfo *ri = sk_CMS_RecipientInfo_value(ris, i);
			if (CMS_RecipientInfo_type(ri) == CMS_RECIPINFO_TRANS &&
			    !CMS_RecipientInfo_ktri_cert_cmp(ri, cert))
				mine = 1;
		}
		ERR_clear_error();
		if (!mine) {
			d = SMIME_DEC_NOT_FOR_ME;
			smime_verdict_problem(v, "no key for me: the session key was wrapped only "
			                      "for other recipients' public keys, not for %s",
			                      v->reader);
		} else {
			/* CMS_DEBUG_DECRYPT: say why it failed.  Real MUAs hide it
			 * (the Bleichenbacher/MMA defence); a classroom wants the
			 * truth. */
			BIO *out = BIO_new(BIO_s_mem());
			if (out && CMS_decrypt(cms, r->s->users[u].key, cert, NULL, out,
			                       CMS_BINARY | CMS_DEBUG_DECRYPT) > 0) {
				char *p = NULL;
				long n = BIO_get_mem_data(out, &p);
				sbuf_add(inner, p ? p : "", n > 0 ? (size_t)n : 0);
				ERR_clear_error();
			} else {
				d = SMIME_DEC_FAILED;
				smime_verdict_ossl(v, "the envelope does not decrypt with the reader's key");
			}
			BIO_free(out);
		}
	}
	if (first)
		v->dec = d;
	if (d == SMIME_DEC_OK && first && inner->len)
		f->plaintext_len = inner->len;
	return d == SMIME_DEC_OK;
}

/* Open application/pkcs7-mime part p: an envelope or opaque signed-data.
 * Returns 1 with the inner entity in inner, 0 when the layer stays shut. */
static int smime_verdict_pkcs7(struct smime_verdict_run *r, const struct mimetree_part *p,
                               struct sbuf *inner)
{
	struct smime_verdict *v = r->v;
	char *ct = mimetree_field(p->hdr, p->hdr_len, "Content-Type");
	char st[40];
	mimetree_param(ct, "smime-type", st, sizeof st);
	free(ct);
	int says_signed = !util_strcasecmp(st, "signed-data");
	struct sbuf der;
	sbuf_init(&der);
	CMS_ContentInfo *cms = NULL;
	int nid = NID_undef, rc = 0;
	if (smime_verdict_body(p, &der) < 0) {
		smime_verdict_problem(v, "%s: the base64 body does not decode", p->type);
	} else if (!(cms = smime_verdict_cms(r->s, &der))) {
		ERR_clear_error();
		smime_verdict_problem(v, "%s: the body is not a CMS (PKCS #7) structure", p->type);
	} else if ((nid = OBJ_obj2nid(CMS_get0_type(cms))) == NID_pkcs7_enveloped) {
		smime_verdict_layer(v, "enveloped-data");
		rc = smime_verdict_decrypt(r, cms, &der, inner);
	} else if (nid == NID_pkcs7_signed) {
		smime_verdict_layer(v, "signed-data");
		rc = smime_verdict_verify(r, cms, NULL, 0, inner);
	} else {
		smime_verdict_problem(v, "%s holds a CMS %s, neither enveloped nor signed data",
		                      p->type, OBJ_nid2sn(nid));
	}
	CMS_ContentInfo_free(cms);
	if (nid == NID_pkcs7_enveloped || nid == NID_pkcs7_signed) {
		sbuf_free(&der);
		return rc;
	}
	/* unreadable: blame the layer the Content-Type announces */
	v->malformed = 1;
	if (says_signed) {
		if (!v->sign.done)
			v->sig = SMIME_SIG_MALFORMED;
	} else if (!v->enc.done) {
		v->dec = SMIME_DEC_MALFORMED;
	}
	sbuf_free(&der);
	return 0;
}

/* Verify the multipart/signed part at index self.  Returns the index of
 * the signed part, where reading goes on (read even when the signature
 * cannot be, unverified), or -1 when the multipart itself is broken. */
static int smime_verdict_multisigned(struct smime_verdict_run *r, int self)
{
	struct smime_verdict *v = r->v;
	const struct mimetree *t = &v->tree;
	const struct mimetree_part *p = &t->parts[self];
	char *ct = mimetree_field(p->hdr, p->hdr_len, "Content-Type");
	char proto[64];
	mimetree_param(ct, "protocol", proto, sizeof proto);
	free(ct);
	int c0 = mimetree_child(t, self, 0), c1 = mimetree_child(t, self, 1);
	int bad = 1;
	if (util_strcasecmp(proto, "application/pkcs7-signature") &&
	    util_strcasecmp(proto, "application/x-pkcs7-signature"))
		smime_verdict_problem(v, "multipart/signed with protocol \"%s\", not "
		                      "application/pkcs7-signature", proto);
	else if (c0 < 0 || c1 < 0)
		smime_verdict_problem(v, "multipart/signed needs two parts, found %d", c0 < 0 ? 0 : 1);
	else
		bad = 0;
	if (bad) {
		v->malformed = 1;
		if (!v->sign.done)
			v->sig = SMIME_SIG_MALFORMED;
		return c0 < 0 || c1 < 0 ? -1 : c0;
	}
	const struct mimetree_part *cp = &t->parts[c0], *sp = &t->parts[c1];
	/* The signed bytes are the first part exactly: header, blank line, body. */
	const char *text = cp->hdr;
	size_t len = (size_t)(cp->body + cp->body_len - cp->hdr);
	struct sbuf der;
	sbuf_init(&der);
	CMS_ContentInfo *cms = NULL;
	int nid = NID_undef;
	if (smime_verdict_body(sp, &der) < 0)
		smime_verdict_problem(v, "the signature part's base64 does not decode");
	else if (!(cms = smime_verdict_cms(r->s, &der)))
		smime_verdict_problem(v, "the signature part is not a CMS (PKCS #7) structure");
	else if ((nid = OBJ_obj2nid(CMS_get0_type(cms))) != NID_pkcs7_signed)
		smime_verdict_problem(v, "the signature part holds %s, not signed data",
		                      OBJ_nid2sn(nid));
	sbuf_free(&der);
	ERR_clear_error();
	if (nid != NID_pkcs7_signed) {
		v->malformed = 1;
		if (!v->sign.done)
			v->sig = SMIME_SIG_MALFORMED;
	} else {
		struct sbuf unused;    /* detached: no content comes out */
		sbuf_init(&unused);
		(void)smime_verdict_verify(r, cms, text, len, &unused);
		sbuf_free(&unused);
	}
	CMS_ContentInfo_free(cms);
	return c0;
}

/* The whole text of part i: its header, the blank line, its body. */
static void smime_verdict_part_text(const struct mimetree_part *p, const char **text, size_t *len)
{
	*text = p->hdr;
	*len = (size_t)(p->body + p->body_len - p->hdr);
}

/* Parse text (owned by the verdict) into the tree as layer tag; -1 when
 * its structure is broken (reported). */
static int smime_verdict_parse(struct smime_verdict *v, const char *text, size_t len, int tag)
{
	char why[200];
	int before = v->tree.n;
	int root = mimetree_parse(&v->tree, text, len, tag, why, sizeof why);
	if (root >= 0)
		return root;
	v->malformed = 1;
	smime_verdict_problem(v, "%s", why);
	if (v->tree.n > before && !strcmp(v->tree.parts[before].type, "multipart/signed") &&
	    !v->sign.done)
		v->sig = SMIME_SIG_MALFORMED;
	return -1;
}

/* Open the layers of the mail text (owned by the verdict). */
static void smime_verdict_walk(struct smime_verdict_run *r, const char *text, size_t len)
{
	struct smime_verdict *v = r->v;
	int tag = 0;
	int cur = smime_verdict_parse(v, text, len, tag);
	for (int opened = 0; cur >= 0; opened++) {
		const struct mimetree_part *p = &v->tree.parts[cur];
		int pkcs7 = !strcmp(p->type, "application/pkcs7-mime") ||
		            !strcmp(p->type, "application/x-pkcs7-mime");
		int msigned = !strcmp(p->type, "multipart/signed");
		if (opened == SMIME_MAX_LAYERS || (!pkcs7 && !msigned)) {
			smime_verdict_layer(v, p->type);
			smime_verdict_part_text(p, &text, &len);
			v->content = xstrndup(text, len);
			v->content_len = len;
			return;
		}
		if (msigned) {
			smime_verdict_layer(v, "multipart/signed");
			/* the signed part is already in the tree as the first child */
			cur = smime_verdict_multisigned(r, cur);
			continue;
		}
		struct sbuf inner;
		sbuf_init(&inner);
		if (!smime_verdict_pkcs7(r, p, &inner)) {
			sbuf_free(&inner);
			return;
		}
		len = inner.len;
		text = smime_verdict_keep(v, inner.s ? sbuf_take(&inner) : xstrdup(""), len);
		cur = smime_verdict_parse(v, text, len, ++tag);
	}
}

static struct smime_verdict *smime_verdict_new(const char *reader)
{
	struct smime_verdict *v = xcalloc(1, sizeof *v);
	mimetree_init(&v->tree);
	snprintf(v->reader, sizeof v->reader, "%s", reader ? reader : "");
	return v;
}

static void smime_verdict_read(struct smime *s, struct smime_verdict *v, char *text, size_t len,
                               int64_t t_us)
{
	smime_verdict_keep(v, text, len);
	struct smime_verdict_run r = { s, v, smime_unix(s, t_us) };
	/* RSA decryption blinds with random bytes: key them to the mail. */
	if (!smime_rekey(s, "open", t_us, text, len)) {
		smime_verdict_ossl(v, "cannot key the random generator");
		v->malformed = 1;
		return;
	}
	smime_verdict_walk(&r, text, len);
	ERR_clear_error();
}

struct smime_verdict *smime_verdict_open(struct smime *s, const struct msg *m,
                                         const char *reader, int64_t t_us)
{
	struct smime_verdict *v = smime_verdict_new(reader);
	char from[512];
	if (msg_header_get(m, "From", from, sizeof from))
		smime_verdict_addr(from, v->from_addr, sizeof v->from_addr);
	size_t len;
	char *text = msg_serialize(m, &len);
	smime_verdict_read(s, v, text, len, t_us);
	return v;
}

struct smime_verdict *smime_verdict_open_text(struct smime *s, const char *text, size_t len,
                                              const char *reader, int64_t t_us)
{
	char err[160];
	struct msg *m = msg_parse(text, len, err, sizeof err);
	if (!m) {
		struct smime_verdict *v = smime_verdict_new(reader);
		v->malformed = 1;
		smime_verdict_problem(v, "not a mail: %s", err);
		return v;
	}
	struct smime_verdict *v = smime_verdict_open(s, m, reader, t_us);
	msg_free(m);
	return v;
}

void smime_verdict_free(struct smime_verdict *v)
{
	if (!v)
		return;
	for (int i = 0; i < v->ntexts; i++)
		free(v->texts[i]);
	free(v->texts);
	free(v->text_lens);
	free(v->content);
	mimetree_free(&v->tree);
	free(v);
}

int smime_verdict_holds(const struct smime_verdict *v, enum smime_prop p)
{
	int integrity = v->sig == SMIME_SIG_VALID && v->chain == SMIME_CHAIN_TRUSTED;
	switch (p) {
	case SMIME_PROP_INTEGRITY:
		return integrity;
	case SMIME_PROP_AUTHENTICATION:
	case SMIME_PROP_NON_REPUDIATION:
		return integrity && v->from == SMIME_FROM_MATCH;
	case SMIME_PROP_CONFIDENTIALITY:
		return v->enc.done && v->dec != SMIME_DEC_MALFORMED && v->dec != SMIME_DEC_NONE;
	case SMIME_PROP_COUNT:
		break;
	}
	PANIC("property %d", (int)p);
}

struct msg *smime_verdict_unwrap(const struct msg *m, const struct smime_verdict *v)
{
	if (!v->content)
		return NULL;
	struct msg *out = msg_clone(m);
	smime_strip_mime_fields(out);
	char err[120];
	struct msg *in = msg_parse(v->content, v->content_len, err, sizeof err);
	if (!in) {      /* no header block: all of it is body */
		msg_set_body(out, v->content);
		return out;
	}
	msg_header_append(out, "MIME-Version", "1.0");
	for (int i = 0; i < in->nfields; i++) {
		size_t nl, vl;
		const char *n = msg_field_name(in, i, &nl);
		const char *val = msg_field_value(in, i, &vl);
		if (nl > 8 && !util_strncasecmp(n, "Content-", 8)) {
			char *name = xstrndup(n, nl), *value = xstrndup(val, vl);
			msg_header_append(out, name, value);
			free(name);
			free(value);
		}
	}
	msg_set_body(out, in->body ? in->body : "");
	msg_free(in);
	return out;
}

/* Where p (inside one of v's texts, or NULL) lies in the copy c. */
static const char *smime_verdict_rebase(const struct smime_verdict *v,
                                        const struct smime_verdict *c, const char *p)
{
	if (!p)
		return NULL;
	for (int i = 0; i < v->ntexts; i++)
		if (p >= v->texts[i] && p <= v->texts[i] + v->text_lens[i])
			return c->texts[i] + (p - v->texts[i]);
	PANIC("smime_verdict_rebase: a part points outside the verdict's texts");
}

struct smime_verdict *smime_verdict_clone(const struct smime_verdict *v)
{
	struct smime_verdict *c = xmalloc(sizeof *c);
	*c = *v;
	size_t nt = (size_t)v->ntexts;
	c->texts = nt ? xmalloc(nt * sizeof *c->texts) : NULL;
	c->text_lens = nt ? xmalloc(nt * sizeof *c->text_lens) : NULL;
	for (size_t i = 0; i < nt; i++) {
		c->text_lens[i] = v->text_lens[i];
		c->texts[i] = xmalloc(v->text_lens[i] + 1);
		memcpy(c->texts[i], v->texts[i], v->text_lens[i] + 1);
	}
	if (v->content) {
		c->content = xmalloc(v->content_len + 1);
		memcpy(c->content, v->content, v->content_len + 1);
	}
	c->tree.parts = v->tree.cap ? xmalloc((size_t)v->tree.cap * sizeof *c->tree.parts) : NULL;
	for (int i = 0; i < v->tree.n; i++) {
		struct mimetree_part *p = &c->tree.parts[i];
		*p = v->tree.parts[i];
		p->hdr = smime_verdict_rebase(v, c, p->hdr);
		p->body = smime_verdict_rebase(v, c, p->body);
	}
	return c;
}
