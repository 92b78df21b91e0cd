/* trace_auth — the sender domain authentication kinds (TR_DKIM_SIGN,
 * TR_DKIM, TR_DMARC) as the kind table needs them: the variant of each
 * sentence, its arguments, the JSON members, what a caption's "code" and
 * "cmd" match, and the verdict. */
#ifndef MAILSIM_TRACE_AUTH_H
#define MAILSIM_TRACE_AUTH_H

#include <stddef.h>

#include "trace.h"

struct narrate_args;
struct scenario;
struct sbuf;

const char *trace_auth_sign_variant(const struct trace_rec *r, char *buf, size_t sz);
void trace_auth_sign_args(struct narrate_args *a, const struct trace_rec *r);
void trace_auth_sign_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o);
void trace_auth_sign_match(const struct trace_rec *r, int *code, const char **cmd);
int trace_auth_sign_verdict(const struct trace_rec *r);
const char *trace_auth_dkim_variant(const struct trace_rec *r, char *buf, size_t sz);
void trace_auth_dkim_args(struct narrate_args *a, const struct trace_rec *r);
void trace_auth_dkim_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o);
void trace_auth_dkim_match(const struct trace_rec *r, int *code, const char **cmd);
int trace_auth_dkim_verdict(const struct trace_rec *r);
const char *trace_auth_dmarc_variant(const struct trace_rec *r, char *buf, size_t sz);
void trace_auth_dmarc_args(struct narrate_args *a, const struct trace_rec *r);
void trace_auth_dmarc_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o);
void trace_auth_dmarc_match(const struct trace_rec *r, int *code, const char **cmd);
int trace_auth_dmarc_verdict(const struct trace_rec *r);

#endif
