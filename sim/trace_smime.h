/* trace_smime — the S/MIME trace kinds (TR_SMIME, TR_TAMPER) as the kind
 * table needs them (variants, sentence arguments, JSON, caption keys), and
 * what a reader's verdict means, for the narration and the window alike:
 * the one thing to tell first and why each of 認証 / 機密性 / 否認防止 /
 * 完全性 holds or not. */
#ifndef MAILSIM_TRACE_SMIME_H
#define MAILSIM_TRACE_SMIME_H

#include <stddef.h>

#include "trace.h"

struct narrate_args;
struct scenario;
struct sbuf;
struct smime_verdict;

/* The one thing a verdict tells first, from what the reader found (the
 * chain as the reader's own trust judges it). */
enum trace_smime_verdict trace_smime_verdict_of(const struct smime_verdict *v);

/* Why property p (enum smime_prop) holds or not for VERDICT payload f: the
 * last part of the catalog key "smime.why.PROP.WHY" —
 *   integrity:        valid | unsigned | tampered | bad_signature | no_cert |
 *                     untrusted | unread | malformed
 *   authentication,
 *   non_repudiation:  match | mismatch | nointegrity
 *   confidentiality:  encrypted | plain */
const char *trace_smime_why(const struct trace_smime *f, int p);
/* The catalog key of property p's mark in the verdict: "smime.yes" where it
 * holds; "smime.no" where it does not, and for integrity only where the
 * content is known to differ from what was signed (tampered, a signature
 * that does not verify); "smime.unknown" where integrity cannot be
 * confirmed (no signature, a signer whose certificate is not trusted or
 * missing, a mail this reader cannot decrypt): nothing says it changed. */
const char *trace_smime_mark(const struct trace_smime *f, int p);

/* The variants the narration can take ("hash", "unwrap.ok", "verdict.ok",
 * …), NULL-ended, and the variant of record r. */
extern const char *const trace_smime_variants[];
const char *trace_smime_variant(const struct trace_rec *r, char *buf, size_t bufsz);
void trace_smime_args(struct narrate_args *a, const struct trace_rec *r);
void trace_smime_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o);
/* A caption's "cmd" is the step ("verdict"), its "code" the step's result. */
void trace_smime_match(const struct trace_rec *r, int *code, const char **cmd);

/* The same for TR_TAMPER: "changed", "none" (the text was not there) or
 * "encrypted" (only ciphertext to look at). */
extern const char *const trace_smime_tamper_variants[];
const char *trace_smime_tamper_variant(const struct trace_rec *r, char *buf, size_t bufsz);
void trace_smime_tamper_args(struct narrate_args *a, const struct trace_rec *r);
void trace_smime_tamper_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o);

#endif
