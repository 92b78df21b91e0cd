/* trace_auth — TR_DKIM_SIGN, TR_DKIM and TR_DMARC in the kind table (see
 * trace_auth.h); moved out of trace_kinds.c. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "dkim.h"
#include "dmarc.h"
#include "narrate.h"
#include "scenario.h"
#include "trace_auth.h"
#include "util.h"

const char *trace_auth_sign_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	(void)buf;
	(void)sz;
	if (r->u.dkim_sign.error)
		return "error";
	return r->u.dkim_sign.delegated ? "delegated" : NULL;
}

void trace_auth_sign_args(struct narrate_args *a, const struct trace_rec *r)
{
	const struct trace_dkim_sign *g = &r->u.dkim_sign;
	narrate_arg(a, "domain", g->domain);
	narrate_arg(a, "selector", g->selector);
	narrate_arg(a, "fields", g->fields);
	narrate_argf(a, "bits", "%d", g->key_bits);
	narrate_arg(a, "error", g->error ? narrate_arg_phrase(a, g->error) : "");
}

void trace_auth_sign_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	(void)sc;
	const struct trace_dkim_sign *g = &r->u.dkim_sign;
	sbuf_add_json_member(o, "domain", g->domain);
	sbuf_add_json_member(o, "selector", g->selector);
	sbuf_add_json_member(o, "fields", g->fields);
	sbuf_add_json_member(o, "body_hash", g->body_hash);
	sbuf_addf(o, ",\"key_bits\":%d,\"delegated\":%s", g->key_bits, g->delegated ? "true" : "false");
	sbuf_add_json_member(o, "error", g->error);
}

void trace_auth_sign_match(const struct trace_rec *r, int *code, const char **cmd)
{
	*code = 0;
	*cmd = r->u.dkim_sign.domain;
}

int trace_auth_sign_verdict(const struct trace_rec *r)
{
	return r->u.dkim_sign.error ? -1 : 1;
}

const char *trace_auth_dkim_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	(void)buf;
	(void)sz;
	return r->u.dkim.status < DKIM_STATUS_COUNT ? dkim_status_names[r->u.dkim.status] : NULL;
}

void trace_auth_dkim_args(struct narrate_args *a, const struct trace_rec *r)
{
	const struct trace_dkim *d = &r->u.dkim;
	narrate_arg(a, "domain", d->domain ? d->domain : "?");
	narrate_arg(a, "selector", d->selector ? d->selector : "?");
	narrate_arg(a, "fields", d->fields);
	narrate_argf(a, "bits", "%d", d->key_bits);
	narrate_arg(a, "authres", d->authres);
}

void trace_auth_dkim_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	(void)sc;
	const struct trace_dkim *d = &r->u.dkim;
	if (d->status < DKIM_STATUS_COUNT)
		sbuf_add_json_member(o, "dkim", dkim_status_names[d->status]);
	sbuf_add_json_member(o, "domain", d->domain);
	sbuf_add_json_member(o, "selector", d->selector);
	sbuf_add_json_member(o, "fields", d->fields);
	if (d->status != DKIM_STATUS_NONE && d->key < TRACE_DKIM_STEP_COUNT &&
	    d->body < TRACE_DKIM_STEP_COUNT && d->signature < TRACE_DKIM_STEP_COUNT) {
		sbuf_addf(o, ",\"steps\":{\"key\":\"%s\",\"body_hash\":\"%s\",\"signature\":\"%s\"}",
		          trace_dkim_step_names[d->key], trace_dkim_step_names[d->body],
		          trace_dkim_step_names[d->signature]);
		sbuf_addf(o, ",\"key_bits\":%d", d->key_bits);
	}
	sbuf_add_json_member(o, "authres", d->authres);
	sbuf_add_json_member(o, "detail", d->detail);
}

void trace_auth_dkim_match(const struct trace_rec *r, int *code, const char **cmd)
{
	*code = 0;
	*cmd = r->u.dkim.status < DKIM_STATUS_COUNT ? dkim_status_names[r->u.dkim.status] : NULL;
}

int trace_auth_dkim_verdict(const struct trace_rec *r)
{
	return r->u.dkim.status == DKIM_STATUS_PASS ? 1 : r->u.dkim.status == DKIM_STATUS_NONE ? 0 : -1;
}

const char *trace_auth_dmarc_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	const struct trace_dmarc *d = &r->u.dmarc;
	if (d->status >= DMARC_STATUS_COUNT || d->why >= TRACE_DMARC_WHY_COUNT)
		return NULL;
	if (d->status == DMARC_STATUS_PASS)
		return d->spf_aligned && d->dkim_aligned ? "pass.both" : d->dkim_aligned ? "pass.dkim"
		                                                                        : "pass.spf";
	if (d->status == DMARC_STATUS_FAIL) {
		/* by the owner's policy: the policy's name ("fail.quarantine") */
		const char *why = d->why == TRACE_DMARC_POLICY && d->disposition < DMARC_POLICY_COUNT
		                ? dmarc_policy_names[d->disposition] : trace_dmarc_why_names[d->why];
		snprintf(buf, sz, "fail.%s", why);
		return buf;
	}
	snprintf(buf, sz, "%s%s", dmarc_status_names[d->status], d->why == TRACE_DMARC_SPF ? ".spf" : "");
	return buf;
}

void trace_auth_dmarc_args(struct narrate_args *a, const struct trace_rec *r)
{
	const struct trace_dmarc *d = &r->u.dmarc;
	char key[48];
	narrate_arg(a, "result", d->status < DMARC_STATUS_COUNT ? dmarc_status_names[d->status] : "");
	narrate_arg(a, "from", d->from ? d->from : "?");
	narrate_arg(a, "spf", d->spf < SPF_RESULT_COUNT ? spf_result_names[d->spf] : "");
	narrate_arg(a, "spf_domain", d->spf_domain);
	if (d->dkim_domain)
		narrate_argf(a, "dkim", "d=%s", d->dkim_domain);
	else
		narrate_arg(a, "dkim", narrate_arg_text(a, d->dkim_checked ? "dmarc.dkim.none"
		                                                             : "dmarc.dkim.unchecked"));
	narrate_arg(a, "dkim_domain", d->dkim_domain);
	narrate_arg(a, "p", d->requested < DMARC_POLICY_COUNT ? dmarc_policy_names[d->requested] : "");
	narrate_arg(a, "dis", d->disposition < DMARC_POLICY_COUNT ? dmarc_policy_names[d->disposition] : "");
	narrate_argf(a, "pct", "%d", d->pct);
	snprintf(key, sizeof key, "dmarc.action.%s",
	         d->action < TRACE_DMARC_ACT_COUNT ? trace_dmarc_act_names[d->action] : "");
	narrate_arg(a, "action", narrate_arg_text(a, key));
}

void trace_auth_dmarc_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	(void)sc;
	const struct trace_dmarc *d = &r->u.dmarc;
	if (d->status < DMARC_STATUS_COUNT)
		sbuf_add_json_member(o, "dmarc", dmarc_status_names[d->status]);
	sbuf_add_json_member(o, "header_from", d->from);
	if (d->spf < SPF_RESULT_COUNT)
		sbuf_add_json_member(o, "spf", spf_result_names[d->spf]);
	sbuf_add_json_member(o, "spf_domain", d->spf_domain);
	sbuf_addf(o, ",\"spf_aligned\":%s,\"dkim_checked\":%s,\"dkim_aligned\":%s",
	          d->spf_aligned ? "true" : "false", d->dkim_checked ? "true" : "false",
	          d->dkim_aligned ? "true" : "false");
	sbuf_add_json_member(o, "dkim_domain", d->dkim_domain);
	sbuf_add_json_member(o, "record", d->record);
	if (d->record && d->requested < DMARC_POLICY_COUNT && d->disposition < DMARC_POLICY_COUNT) {
		sbuf_add_json_member(o, "policy", dmarc_policy_names[d->requested]);
		sbuf_add_json_member(o, "disposition", dmarc_policy_names[d->disposition]);
		sbuf_addf(o, ",\"pct\":%d", d->pct);
	}
	if (d->local < SC_DMARC_COUNT)
		sbuf_add_json_member(o, "receiver_policy", sc_dmarc_names[d->local]);
	if (d->action < TRACE_DMARC_ACT_COUNT)
		sbuf_add_json_member(o, "action", trace_dmarc_act_names[d->action]);
	if (d->why < TRACE_DMARC_WHY_COUNT)
		sbuf_add_json_member(o, "why", trace_dmarc_why_names[d->why]);
	sbuf_add_json_member(o, "detail", d->detail);
}

void trace_auth_dmarc_match(const struct trace_rec *r, int *code, const char **cmd)
{
	*code = r->u.dmarc.action;
	*cmd = r->u.dmarc.status < DMARC_STATUS_COUNT ? dmarc_status_names[r->u.dmarc.status] : NULL;
}

int trace_auth_dmarc_verdict(const struct trace_rec *r)
{
	return r->u.dmarc.status == DMARC_STATUS_PASS ? 1
	     : r->u.dmarc.status == DMARC_STATUS_FAIL ? -1 : 0;
}

