/* trace_smime — how the S/MIME records are told: the variant of each
 * step's sentence, its arguments, its JSON members, and what a verdict
 * means (the reason told first, why each property holds or not).  The
 * narration, the event list, the JSON export, check and the window all
 * read the S/MIME records through these. */
#include "trace_smime.h"

#include <stdio.h>
#include <string.h>

#include "narrate.h"
#include "smime.h"
#include "util.h"

const char *const trace_smime_step_names[TRACE_SMIME_STEP_COUNT] = {
	"hash", "sign", "key", "encrypt", "wrap", "refuse",
	"unwrap", "decrypt", "digest", "verify", "chain", "verdict",
};
_Static_assert(sizeof trace_smime_step_names / sizeof *trace_smime_step_names ==
               TRACE_SMIME_STEP_COUNT, "trace_smime_step_names");

const char *const trace_smime_refuse_names[TRACE_SMIME_REFUSE_COUNT] = {
	"no_key", "no_cert", "failed",
};
_Static_assert(sizeof trace_smime_refuse_names / sizeof *trace_smime_refuse_names ==
               TRACE_SMIME_REFUSE_COUNT, "trace_smime_refuse_names");

const char *const trace_smime_verdict_names[TRACE_SMIME_V_COUNT] = {
	"ok", "signed", "encrypted", "unsigned", "tampered", "bad_signature", "no_cert",
	"mismatch", "untrusted", "unreadable", "malformed",
};
_Static_assert(sizeof trace_smime_verdict_names / sizeof *trace_smime_verdict_names ==
               TRACE_SMIME_V_COUNT, "trace_smime_verdict_names");

/* Every sentence the catalogs must have: the steps without an outcome,
 * then STEP.RESULT for the steps with one. */
const char *const trace_smime_variants[] = {
	"hash", "sign", "key", "encrypt", "wrap", "decrypt",
	"refuse.no_key", "refuse.no_cert", "refuse.failed",
	"unwrap.ok", "unwrap.not_for_me", "unwrap.no_key", "unwrap.failed", "unwrap.malformed",
	"digest.match", "digest.mismatch",
	"verify.valid", "verify.digest_mismatch", "verify.bad_signature", "verify.no_certificate",
	"verify.malformed",
	"chain.trusted", "chain.unknown_ca", "chain.expired", "chain.not_yet_valid",
	"chain.wrong_usage", "chain.invalid",
	"verdict.ok", "verdict.signed", "verdict.encrypted", "verdict.unsigned", "verdict.tampered",
	"verdict.bad_signature", "verdict.no_cert", "verdict.mismatch", "verdict.untrusted",
	"verdict.unreadable", "verdict.malformed",
	NULL,
};
_Static_assert(SMIME_CHAIN_COUNT == 7 && SMIME_SIG_COUNT == 6 && SMIME_DEC_COUNT == 6 &&
               TRACE_SMIME_V_COUNT == 11 && TRACE_SMIME_REFUSE_COUNT == 3,
               "trace_smime_variants names every outcome");

/* The names of a step's outcome, or NULL for a step without one. */
static const char *trace_smime_result_name(const struct trace_smime *f)
{
	unsigned r = f->result;
	switch (f->step) {
	case TRACE_SMIME_REFUSE:
		return r < TRACE_SMIME_REFUSE_COUNT ? trace_smime_refuse_names[r] : NULL;
	case TRACE_SMIME_UNWRAP:
		return r < SMIME_DEC_COUNT ? smime_dec_names[r] : NULL;
	case TRACE_SMIME_DIGEST:
		return r ? "match" : "mismatch";
	case TRACE_SMIME_VERIFY:
		return r < SMIME_SIG_COUNT ? smime_sig_names[r] : NULL;
	case TRACE_SMIME_CHAIN:
		return r < SMIME_CHAIN_COUNT ? smime_chain_names[r] : NULL;
	case TRACE_SMIME_VERDICT:
		return r < TRACE_SMIME_V_COUNT ? trace_smime_verdict_names[r] : NULL;
	default:
		return NULL;
	}
}

/* ---- what a verdict means ---- */

enum trace_smime_verdict trace_smime_verdict_of(const struct smime_verdict *v)
{
	if (v->dec == SMIME_DEC_NOT_FOR_ME || v->dec == SMIME_DEC_NO_KEY || v->dec == SMIME_DEC_FAILED)
		return TRACE_SMIME_V_UNREADABLE;
	if (v->dec == SMIME_DEC_MALFORMED || v->sig == SMIME_SIG_MALFORMED ||
	    (v->malformed && v->sig == SMIME_SIG_ABSENT && !v->enc.done))
		return TRACE_SMIME_V_MALFORMED;
	switch (v->sig) {
	case SMIME_SIG_DIGEST_MISMATCH:
		return TRACE_SMIME_V_TAMPERED;
	case SMIME_SIG_BAD_SIGNATURE:
		return TRACE_SMIME_V_BAD_SIGNATURE;
	case SMIME_SIG_NO_CERT:
		return TRACE_SMIME_V_NO_CERT;
	case SMIME_SIG_VALID:
		/* Someone else's signature says more than whom the reader trusts. */
		if (v->from != SMIME_FROM_MATCH)
			return TRACE_SMIME_V_MISMATCH;
		if (v->chain != SMIME_CHAIN_TRUSTED)
			return TRACE_SMIME_V_UNTRUSTED;
		return v->enc.done ? TRACE_SMIME_V_OK : TRACE_SMIME_V_SIGNED;
	default:
		return v->enc.done ? TRACE_SMIME_V_ENCRYPTED : TRACE_SMIME_V_UNSIGNED;
	}
}

static const char *trace_smime_why_integrity(const struct trace_smime *f)
{
	if (f->holds >> SMIME_PROP_INTEGRITY & 1)
		return "valid";
	if (f->dec == SMIME_DEC_NOT_FOR_ME || f->dec == SMIME_DEC_NO_KEY || f->dec == SMIME_DEC_FAILED)
		return "unread";
	if (f->sig == SMIME_SIG_MALFORMED || f->dec == SMIME_DEC_MALFORMED)
		return "malformed";
	switch (f->sig) {
	case SMIME_SIG_ABSENT:
		return "unsigned";
	case SMIME_SIG_DIGEST_MISMATCH:
		return "tampered";
	case SMIME_SIG_BAD_SIGNATURE:
		return "bad_signature";
	case SMIME_SIG_NO_CERT:
		return "no_cert";
	default:
		return "untrusted";
	}
}

const char *trace_smime_why(const struct trace_smime *f, int p)
{
	int holds = f->holds >> p & 1;
	switch (p) {
	case SMIME_PROP_INTEGRITY:
		return trace_smime_why_integrity(f);
	case SMIME_PROP_AUTHENTICATION:
	case SMIME_PROP_NON_REPUDIATION:
		if (holds)
			return "match";
		return f->sig == SMIME_SIG_VALID && f->from != SMIME_FROM_MATCH ? "mismatch" : "nointegrity";
	case SMIME_PROP_CONFIDENTIALITY:
		return holds ? "encrypted" : "plain";
	default:
		PANIC("property %d", p);
	}
}

const char *trace_smime_mark(const struct trace_smime *f, int p)
{
	if (f->holds >> p & 1)
		return "smime.yes";
	if (p != SMIME_PROP_INTEGRITY)
		return "smime.no";
	const char *why = trace_smime_why_integrity(f);
	return strcmp(why, "tampered") == 0 || strcmp(why, "bad_signature") == 0 ? "smime.no" : "smime.unknown";
}

/* ---- the sentence ---- */

const char *trace_smime_variant(const struct trace_rec *r, char *buf, size_t bufsz)
{
	const struct trace_smime *f = &r->u.smime;
	if (f->step >= TRACE_SMIME_STEP_COUNT)
		return NULL;
	const char *res = trace_smime_result_name(f);
	if (!res)
		return trace_smime_step_names[f->step];
	snprintf(buf, bufsz, "%s.%s", trace_smime_step_names[f->step], res);
	return buf;
}

/* A digest in a sentence: its first 16 hex digits, then "…". */
static void trace_smime_arg_hex(struct narrate_args *a, const char *name, const char *hex)
{
	if (hex && *hex)
		narrate_argf(a, name, "%.16s%s", hex, strlen(hex) > 16 ? "…" : "");
}

static void trace_smime_arg_props(struct narrate_args *a, const struct trace_smime *f)
{
	static const char *const names[SMIME_PROP_COUNT] = {
		[SMIME_PROP_AUTHENTICATION] = "auth", [SMIME_PROP_CONFIDENTIALITY] = "conf",
		[SMIME_PROP_NON_REPUDIATION] = "nonrep", [SMIME_PROP_INTEGRITY] = "integ",
	};
	for (int p = 0; p < SMIME_PROP_COUNT; p++)
		narrate_arg(a, names[p], narrate_arg_text(a, trace_smime_mark(f, p)));
}

void trace_smime_args(struct narrate_args *a, const struct trace_rec *r)
{
	const struct trace_smime *f = &r->u.smime;
	narrate_arg(a, "who", f->who);
	narrate_arg(a, "other", f->other);
	narrate_arg(a, "alg", f->alg);
	switch (f->step) {
	case TRACE_SMIME_HASH:
	case TRACE_SMIME_DIGEST:
		trace_smime_arg_hex(a, "digest", f->v1);
		trace_smime_arg_hex(a, "computed", f->v2);
		break;
	case TRACE_SMIME_CHAIN:
		narrate_arg(a, "from", f->v1);
		narrate_arg(a, "until", f->v2);
		break;
	case TRACE_SMIME_VERDICT:
		narrate_arg(a, "signer", f->v1);
		trace_smime_arg_props(a, f);
		return;
	default:
		break;
	}
	if (f->bits)
		narrate_argf(a, "bits", "%u", (unsigned)f->bits);
	narrate_argf(a, "bytes", "%lu", (unsigned long)f->bytes);
	if (f->bytes2)
		narrate_argf(a, "bytes2", "%lu", (unsigned long)f->bytes2);
}

/* ---- JSON: each step's members under their own names ---- */

struct trace_smime_keys {
	const char *who, *other, *alg, *v1, *v2, *bits, *bytes, *bytes2;
};

static const struct trace_smime_keys trace_smime_json_keys[TRACE_SMIME_STEP_COUNT] = {
	[TRACE_SMIME_HASH] = { "signer", NULL, "digest_alg", "digest", NULL, NULL, "content_bytes", NULL },
	[TRACE_SMIME_SIGN] = { "signer", NULL, "sig_alg", NULL, NULL, "key_bits", "signature_bytes",
	                       "certificates" },
	[TRACE_SMIME_KEY] = { NULL, NULL, "cipher", NULL, NULL, "key_bits", "iv_bytes", NULL },
	[TRACE_SMIME_ENCRYPT] = { NULL, NULL, "cipher", NULL, NULL, NULL, "plaintext_bytes",
	                          "ciphertext_bytes" },
	[TRACE_SMIME_WRAP] = { "recipients", NULL, "wrap_alg", NULL, NULL, "key_bits", "wrapped_key_bytes",
	                       "recipient_count" },
	[TRACE_SMIME_REFUSE] = { "address", NULL, NULL, NULL, NULL, NULL, NULL, NULL },
	[TRACE_SMIME_UNWRAP] = { "reader", "wrapped_for", "wrap_alg", NULL, NULL, "key_bits",
	                         "wrapped_key_bytes", NULL },
	[TRACE_SMIME_DECRYPT] = { "reader", NULL, "cipher", NULL, NULL, "key_bits", "ciphertext_bytes",
	                          "plaintext_bytes" },
	[TRACE_SMIME_DIGEST] = { "signer", NULL, "digest_alg", "signed_digest", "computed_digest", NULL,
	                         "content_bytes", NULL },
	[TRACE_SMIME_VERIFY] = { "signer", "header_from", "sig_alg", NULL, NULL, "key_bits",
	                         "signature_bytes", NULL },
	[TRACE_SMIME_CHAIN] = { "signer", "issuer", NULL, "not_before", "not_after", NULL, NULL, NULL },
	/* (v2, OpenSSL's words for the first problem, changes with its version) */
	[TRACE_SMIME_VERDICT] = { "reader", "header_from", NULL, "signer", NULL, NULL, NULL, NULL },
};

static void trace_smime_json_str(struct sbuf *o, const char *key, const char *v)
{
	if (!key || !v || !*v)
		return;
	sbuf_addf(o, ",\"%s\":", key);
	sbuf_add_json_str(o, v);
}

static void trace_smime_json_verdict(const struct trace_smime *f, struct sbuf *o)
{
	if (f->sig < SMIME_SIG_COUNT)
		sbuf_addf(o, ",\"sig\":\"%s\"", smime_sig_names[f->sig]);
	if (f->chain < SMIME_CHAIN_COUNT)
		sbuf_addf(o, ",\"chain\":\"%s\"", smime_chain_names[f->chain]);
	if (f->from < SMIME_FROM_COUNT)
		sbuf_addf(o, ",\"from\":\"%s\"", smime_from_names[f->from]);
	if (f->dec < SMIME_DEC_COUNT)
		sbuf_addf(o, ",\"dec\":\"%s\"", smime_dec_names[f->dec]);
	sbuf_adds(o, ",\"holds\":{");
	for (int p = 0; p < SMIME_PROP_COUNT; p++)
		sbuf_addf(o, "%s\"%s\":%s", p ? "," : "", smime_prop_names[p],
		          f->holds >> p & 1 ? "true" : "false");
	sbuf_addc(o, '}');
}

void trace_smime_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	(void)sc;
	const struct trace_smime *f = &r->u.smime;
	if (f->step >= TRACE_SMIME_STEP_COUNT)
		return;
	const struct trace_smime_keys *k = &trace_smime_json_keys[f->step];
	sbuf_addf(o, ",\"smime\":{\"step\":\"%s\"", trace_smime_step_names[f->step]);
	const char *res = trace_smime_result_name(f);
	if (res)
		sbuf_addf(o, ",\"result\":\"%s\"", res);
	trace_smime_json_str(o, k->who, f->who);
	trace_smime_json_str(o, k->other, f->other);
	trace_smime_json_str(o, k->alg, f->alg);
	trace_smime_json_str(o, k->v1, f->v1);
	trace_smime_json_str(o, k->v2, f->v2);
	if (k->bits && f->bits)
		sbuf_addf(o, ",\"%s\":%u", k->bits, (unsigned)f->bits);
	if (k->bytes)
		sbuf_addf(o, ",\"%s\":%lu", k->bytes, (unsigned long)f->bytes);
	if (k->bytes2)
		sbuf_addf(o, ",\"%s\":%lu", k->bytes2, (unsigned long)f->bytes2);
	if (f->step == TRACE_SMIME_VERDICT)
		trace_smime_json_verdict(f, o);
	sbuf_addc(o, '}');
}

void trace_smime_match(const struct trace_rec *r, int *code, const char **cmd)
{
	const struct trace_smime *f = &r->u.smime;
	*code = f->result;
	*cmd = f->step < TRACE_SMIME_STEP_COUNT ? trace_smime_step_names[f->step] : NULL;
}

/* ---- TR_TAMPER ---- */

const char *const trace_smime_tamper_variants[] = { "changed", "none", "encrypted", NULL };

const char *trace_smime_tamper_variant(const struct trace_rec *r, char *buf, size_t bufsz)
{
	(void)buf;
	(void)bufsz;
	const struct trace_tamper *t = &r->u.tamper;
	return t->count > 0 ? "changed" : t->encrypted ? "encrypted" : "none";
}

void trace_smime_tamper_args(struct narrate_args *a, const struct trace_rec *r)
{
	narrate_arg(a, "find", r->u.tamper.find);
	narrate_arg(a, "replace", r->u.tamper.replace);
	narrate_argf(a, "count", "%d", r->u.tamper.count);
}

void trace_smime_tamper_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	(void)sc;
	const struct trace_tamper *t = &r->u.tamper;
	sbuf_adds(o, ",\"tamper\":{\"find\":");
	sbuf_add_json_str(o, t->find ? t->find : "");
	sbuf_adds(o, ",\"replace\":");
	sbuf_add_json_str(o, t->replace ? t->replace : "");
	sbuf_addf(o, ",\"count\":%d,\"encrypted\":%s}", t->count, t->encrypted ? "true" : "false");
}
