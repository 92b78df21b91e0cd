/* trace_kinds — what each kind of trace record is: the strings its payload
 * holds, the variant of its sentence, the arguments of that sentence, its
 * JSON members and what a caption's "code" and "cmd" mean for it.  The
 * narrator, the window's event list, the JSON export and check all read
 * records through this table; a new kind is one entry here (see trace.h). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "dkim.h"
#include "dmarc.h"
#include "bayes.h"
#include "i18n.h"
#include "ledger.h"
#include "narrate.h"
#include "scenario.h"
#include "spf.h"
#include "trace.h"
#include "trace_auth.h"
#include "trace_smime.h"
#include "trace_sniff.h"
#include "util.h"

#define TK_STR(field) ((uint16_t)offsetof(struct trace_rec, field))

/* ---- JSON helpers ---- */

/* A rule that stopped a connection: {"router", "name", "action"}. */
static void tk_json_stop(const struct scenario *sc, const struct trace_stop *st, struct sbuf *o)
{
	if (st->router < 0 || st->router >= sc->nrouters || st->rule < 0 ||
	    st->rule >= sc->routers[st->router].nrules)
		return;
	sbuf_adds(o, ",\"rule\":{\"router\":");
	sbuf_add_json_str(o, sc->routers[st->router].id);
	sbuf_adds(o, ",\"name\":");
	sbuf_add_json_str(o, sc->routers[st->router].rules[st->rule].name);
	if (st->action < RULE_ACTION_COUNT)
		sbuf_addf(o, ",\"action\":\"%s\"", rule_action_names[st->action]);
	sbuf_addc(o, '}');
}

static void tk_json_user(const struct scenario *sc, int user, struct sbuf *o)
{
	if (user >= 0 && user < sc->nusers)
		sbuf_add_json_member(o, "mailbox", sc->users[user].address);
}

/* ---- compose ---- */

static const char *tk_compose_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	(void)buf;
	(void)sz;
	/* peer: the server the action names to go through; a bot (or an
	 * attacker's PC) without one goes straight to the MX. */
	if (r->origin == TRACE_ORIGIN_BOT || r->origin == TRACE_ORIGIN_ATTACKER)
		return r->peer >= 0 ? "bot.via" : "bot";
	return r->peer >= 0 ? "via" : NULL;
}

static void tk_compose_args(struct narrate_args *a, const struct trace_rec *r)
{
	narrate_arg(a, "subject", r->u.compose.subject);
}

static void tk_compose_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	(void)sc;
	sbuf_add_json_member(o, "subject", r->u.compose.subject);
}

/* ---- connections ---- */

static const char *tk_port_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	snprintf(buf, sz, "%d", r->port);
	return buf;
}

static void tk_connect_args(struct narrate_args *a, const struct trace_rec *r)
{
	char ip[16];
	scenario_format_ipv4(r->u.connect.addr, ip);
	narrate_argf(a, "addr", "%s", ip);
}

static void tk_connect_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	(void)sc;
	char ip[16];
	scenario_format_ipv4(r->u.connect.addr, ip);
	sbuf_add_json_member(o, "addr", ip);
}

static const char *tk_blocked_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	(void)buf;
	(void)sz;
	return r->u.stop.action < RULE_ACTION_COUNT ? rule_action_names[r->u.stop.action] : NULL;
}

static const char *tk_stop_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	(void)buf;
	(void)sz;
	return r->u.stop.router >= 0 ? "rule" : NULL;
}

static void tk_stop_args(struct narrate_args *a, const struct trace_rec *r)
{
	narrate_arg(a, "rule", narrate_arg_rule(a, r->u.stop.router, r->u.stop.rule));
}

static void tk_stop_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	tk_json_stop(sc, &r->u.stop, o);
}

/* ---- lines on the wire ---- */

static void tk_line_args(struct narrate_args *a, const struct trace_rec *r)
{
	const struct trace_line *l = &r->u.line;
	narrate_arg(a, "verb", l->verb);
	narrate_argf(a, "code", "%d", l->code);
	if (l->text) {
		narrate_arg(a, "line", l->text);
	} else {
		char nb[24];
		snprintf(nb, sizeof nb, "%u", (unsigned)l->bytes);
		const char *kargs[] = { "bytes", nb, NULL };
		narrate_arg_key(a, "line", "data", kargs);
	}
}

static void tk_line_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	(void)sc;
	const struct trace_line *l = &r->u.line;
	char key[8];
	snprintf(key, sizeof key, "%s", proto_names[r->proto < PROTO_COUNT ? r->proto : PROTO_NONE]);
	for (char *p = key; *p; p++)
		*p = (char)(*p | 0x20);
	sbuf_addf(o, ",\"%s\":{\"cmd\":", *key ? key : "line");
	sbuf_add_json_str(o, l->verb);
	if (r->kind == TR_REPLY)
		sbuf_addf(o, ",\"code\":%d", l->code);
	if (l->text) {
		sbuf_adds(o, ",\"text\":");
		sbuf_add_json_str(o, l->text);
	} else {
		sbuf_addf(o, ",\"message_bytes\":%u", (unsigned)l->bytes);
	}
	if (r->burst)
		sbuf_addf(o, ",\"pipelined\":%u", (unsigned)r->burst);
	sbuf_addc(o, '}');
}

static void tk_line_match(const struct trace_rec *r, int *code, const char **cmd)
{
	*code = r->kind == TR_REPLY ? r->u.line.code : 0;
	*cmd = r->u.line.verb;
}

/* ---- DNS ---- */

static const char *tk_dns_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	const struct trace_dns *d = &r->u.dns;
	/* What a receiving MTA's TXT query is for (a DKIM key, a DMARC policy). */
	const char *what = d->purpose > TRACE_DNS_MX && d->purpose < TRACE_DNS_FOR_COUNT
	                 ? trace_dns_for_names[d->purpose] : NULL;
	if (r->kind == TR_DNS_QUERY) {
		if (what)
			return what;
		/* the bot (or attacker's PC) itself asks, not a server relaying its mail */
		return (r->origin == TRACE_ORIGIN_BOT || r->origin == TRACE_ORIGIN_ATTACKER) && r->role == ROLE_MUA
		       ? "bot" : NULL;
	}
	if (what) {
		snprintf(buf, sz, "%s%s", what, d->nanswers > 0 ? "" : ".none");
		return buf;
	}
	return d->nanswers > 0 ? NULL : "none";
}

/* The answer with every long p= (a public key, 392 characters for RSA
 * 2048) shortened to its ends, so the sentence stays readable; the JSON
 * trace has it whole. */
static void tk_dns_short_keys(char *out, size_t outsz, const char *answer)
{
	size_t k = 0;
	for (const char *p = answer; *p && k + 1 < outsz;) {
		size_t run = 0;
		if ((p == answer || p[-1] == ' ' || p[-1] == ';' || p[-1] == '"') && p[0] == 'p' &&
		    p[1] == '=')
			run = strcspn(p + 2, "; \"\n");
		if (run > 40 && k + 30 < outsz) {
			k += (size_t)snprintf(out + k, outsz - k, "p=%.16s…%.8s", p + 2, p + 2 + run - 8);
			p += 2 + run;
			continue;
		}
		out[k++] = *p++;
	}
	out[k] = '\0';
}

static void tk_dns_args(struct narrate_args *a, const struct trace_rec *r)
{
	const struct trace_dns *d = &r->u.dns;
	narrate_arg(a, "domain", d->domain);
	narrate_arg(a, "type", d->type);   /* the event list's "IN {type} ?" */
	if (r->kind == TR_DNS_QUERY)
		return;
	if (d->nanswers > 0 && d->purpose == TRACE_DNS_DKIM) {
		char shortened[240];
		tk_dns_short_keys(shortened, sizeof shortened, d->answer ? d->answer : "");
		narrate_argf(a, "answer", "%s", shortened);
		return;
	}
	if (d->nanswers > 0) {
		narrate_arg(a, "answer", d->answer);
		return;
	}
	if (d->nanswers < 0)
		narrate_argf(a, "answer", "%s: NXDOMAIN", d->domain ? d->domain : "");
	else
		narrate_argf(a, "answer", "%s: no %s", d->domain ? d->domain : "", d->type ? d->type : "");
}

static void tk_dns_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	(void)sc;
	const struct trace_dns *d = &r->u.dns;
	sbuf_add_json_member(o, "domain", d->domain);
	sbuf_add_json_member(o, "qtype", d->type);
	if (d->purpose > TRACE_DNS_MX && d->purpose < TRACE_DNS_FOR_COUNT)
		sbuf_add_json_member(o, "for", trace_dns_for_names[d->purpose]);
	if (r->kind == TR_DNS_ANSWER) {
		if (d->nanswers < 0)
			sbuf_adds(o, ",\"rcode\":\"NXDOMAIN\"");
		sbuf_addf(o, ",\"answers\":%d", d->nanswers > 0 ? d->nanswers : 0);
		sbuf_add_json_member(o, "answer", d->answer);
	}
}

static void tk_dns_match(const struct trace_rec *r, int *code, const char **cmd)
{
	*code = r->kind == TR_DNS_ANSWER ? r->u.dns.nanswers : 0;
	*cmd = NULL;
}

/* ---- taking responsibility ---- */

static const char *tk_queued_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	(void)buf;
	(void)sz;
	return r->u.queued.how < TRACE_TAKE_COUNT ? trace_take_names[r->u.queued.how] : NULL;
}

static void tk_queued_args(struct narrate_args *a, const struct trace_rec *r)
{
	narrate_arg(a, "rcpt", r->u.queued.rcpt);
	narrate_arg(a, "to", r->u.queued.to);
}

static void tk_queued_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	(void)sc;
	const struct trace_queued *q = &r->u.queued;
	if (q->how < TRACE_TAKE_COUNT)
		sbuf_add_json_member(o, "how", trace_take_names[q->how]);
	sbuf_add_json_member(o, "rcpt", q->rcpt);
	sbuf_add_json_member(o, "to", q->to);
}

/* ---- mailboxes ---- */

static void tk_box_args(struct narrate_args *a, const struct trace_rec *r)
{
	narrate_arg(a, "mailbox", narrate_arg_user(a, r->u.box.user));
	narrate_arg(a, "folder", narrate_arg_folder(a, r->u.box.folder));
}

static const char *tk_fetched_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	(void)buf;
	(void)sz;
	/* IMAP reads a copy and leaves the mail on the server. */
	return r->proto == PROTO_IMAP ? "IMAP" : NULL;
}

static void tk_box_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	tk_json_user(sc, r->u.box.user, o);
	if (r->kind != TR_FETCHED && r->u.box.folder < TRACE_FOLDER_COUNT)
		sbuf_add_json_member(o, "folder", trace_folder_names[r->u.box.folder]);
	if (r->kind == TR_MARK)
		sbuf_addf(o, ",\"spam\":%s", r->u.box.spam ? "true" : "false");
}

static const char *tk_mark_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	(void)buf;
	(void)sz;
	return r->u.box.spam ? "spam" : "ham";
}

static void tk_mark_match(const struct trace_rec *r, int *code, const char **cmd)
{
	*code = r->u.box.spam;
	*cmd = NULL;
}

/* ---- the queue ---- */

static void tk_defer_args(struct narrate_args *a, const struct trace_rec *r)
{
	narrate_arg(a, "reason", narrate_arg_phrase(a, r->u.defer.text));
	narrate_argf(a, "retry", "%lld", (long long)(r->u.defer.retry_us / 1000000));
	narrate_argf(a, "code", "%d", r->u.defer.code);
}

static void tk_defer_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	(void)sc;
	const struct trace_defer *d = &r->u.defer;
	if (d->why < TRACE_WHY_COUNT)
		sbuf_add_json_member(o, "why", trace_why_names[d->why]);
	if (d->code)
		sbuf_addf(o, ",\"code\":%d", d->code);
	sbuf_add_json_member(o, "text", d->text);
	sbuf_addf(o, ",\"retry\":%lld", (long long)(d->retry_us / 1000000));
}

static void tk_defer_match(const struct trace_rec *r, int *code, const char **cmd)
{
	*code = r->u.defer.code;
	*cmd = r->u.defer.why < TRACE_WHY_COUNT ? trace_why_names[r->u.defer.why] : NULL;
}

static const char *tk_bounce_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	(void)buf;
	(void)sz;
	return r->u.bounce.why < TRACE_BOUNCE_WHY_COUNT ? trace_bounce_why_names[r->u.bounce.why] : NULL;
}

static void tk_bounce_args(struct narrate_args *a, const struct trace_rec *r)
{
	narrate_arg(a, "to", r->u.bounce.to);
	narrate_arg(a, "status", r->u.bounce.status ? r->u.bounce.status : "");
	narrate_arg(a, "reason", narrate_arg_phrase(a, r->u.bounce.text ? r->u.bounce.text : ""));
}

static void tk_bounce_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	(void)sc;
	sbuf_add_json_member(o, "to", r->u.bounce.to);
	if (r->u.bounce.why < TRACE_BOUNCE_WHY_COUNT)
		sbuf_add_json_member(o, "why", trace_bounce_why_names[r->u.bounce.why]);
	sbuf_add_json_member(o, "status", r->u.bounce.status);
	sbuf_add_json_member(o, "text", r->u.bounce.text);
}

static void tk_bounce_match(const struct trace_rec *r, int *code, const char **cmd)
{
	*code = 0;
	*cmd = r->u.bounce.why < TRACE_BOUNCE_WHY_COUNT ? trace_bounce_why_names[r->u.bounce.why] : NULL;
}

static void tk_discard_args(struct narrate_args *a, const struct trace_rec *r)
{
	narrate_arg(a, "why", narrate_arg_phrase(a, r->u.discard.why));
}

static void tk_discard_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	(void)sc;
	sbuf_add_json_member(o, "why", r->u.discard.why);
}

/* ---- the mail program's errors ---- */

static const char *tk_error_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	(void)buf;
	(void)sz;
	int rule = r->u.error.stop.router >= 0;
	if (r->u.error.fetch)
		return rule ? "fetch.rule" : "fetch";
	if (r->u.error.gone)
		return "gone";
	return rule ? "rule" : NULL;
}

static void tk_error_args(struct narrate_args *a, const struct trace_rec *r)
{
	narrate_arg(a, "error", narrate_arg_phrase(a, r->u.error.text));
	narrate_arg(a, "rule", narrate_arg_rule(a, r->u.error.stop.router, r->u.error.stop.rule));
	narrate_argf(a, "code", "%d", r->u.error.code);
}

static void tk_error_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	const struct trace_error *e = &r->u.error;
	sbuf_add_json_member(o, "during", e->fetch ? "fetch" : "send");
	if (e->code)
		sbuf_addf(o, ",\"code\":%d", e->code);
	sbuf_add_json_member(o, "text", e->text);
	if (!e->fetch)
		sbuf_addf(o, ",\"outbox\":%s", e->gone ? "false" : "true");
	tk_json_stop(sc, &e->stop, o);
}

static void tk_error_match(const struct trace_rec *r, int *code, const char **cmd)
{
	*code = r->u.error.code;
	*cmd = r->u.error.fetch ? "fetch" : "send";
}

/* ---- rules ---- */

static const char *tk_toggle_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	(void)buf;
	(void)sz;
	return r->u.toggle.enabled ? "on" : "off";
}

static void tk_toggle_args(struct narrate_args *a, const struct trace_rec *r)
{
	narrate_arg(a, "rule", narrate_arg_rule(a, r->u.toggle.router, r->u.toggle.rule));
}

static void tk_toggle_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	const struct trace_toggle *t = &r->u.toggle;
	if (t->router >= 0 && t->router < sc->nrouters && t->rule >= 0 &&
	    t->rule < sc->routers[t->router].nrules)
		sbuf_add_json_member(o, "rule", sc->routers[t->router].rules[t->rule].name);
	sbuf_addf(o, ",\"enabled\":%s", t->enabled ? "true" : "false");
}

static void tk_toggle_match(const struct trace_rec *r, int *code, const char **cmd)
{
	*code = r->u.toggle.enabled;
	*cmd = NULL;
}

/* ---- SPF ---- */

static const char *tk_spf_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	(void)buf;
	(void)sz;
	return r->u.spf.result < SPF_RESULT_COUNT ? spf_result_names[r->u.spf.result] : NULL;
}

static void tk_spf_args(struct narrate_args *a, const struct trace_rec *r)
{
	const struct trace_spf *f = &r->u.spf;
	narrate_arg(a, "domain", f->domain);
	narrate_arg(a, "mechanism", f->mechanism);
	narrate_arg(a, "result", f->result < SPF_RESULT_COUNT ? spf_result_names[f->result] : "");
}

static void tk_spf_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	(void)sc;
	const struct trace_spf *f = &r->u.spf;
	if (f->check < TRACE_SPF_COUNT)
		sbuf_add_json_member(o, "check", trace_spf_check_names[f->check]);
	if (f->result < SPF_RESULT_COUNT)
		sbuf_add_json_member(o, "spf", spf_result_names[f->result]);
	sbuf_add_json_member(o, "domain", f->domain);
	sbuf_add_json_member(o, "mechanism", f->mechanism);
}

static void tk_spf_match(const struct trace_rec *r, int *code, const char **cmd)
{
	const struct trace_spf *f = &r->u.spf;
	*code = f->result;
	*cmd = f->check < TRACE_SPF_COUNT ? trace_spf_check_names[f->check] : NULL;
}

static int tk_spf_verdict(const struct trace_rec *r)
{
	return r->u.spf.result == SPF_PASS ? 1
	     : r->u.spf.result == SPF_FAIL || r->u.spf.result == SPF_SOFTFAIL ? -1 : 0;
}

/* ---- the ledger ---- */

static void tk_state_args(struct narrate_args *a, const struct trace_rec *r)
{
	char key[40];
	narrate_arg(a, "rcpt", r->u.state.rcpt);
	snprintf(key, sizeof key, "state.%s", r->u.state.from < LS_COUNT ? ledger_state_names[r->u.state.from] : "");
	narrate_arg(a, "from", narrate_arg_text(a, key));
	snprintf(key, sizeof key, "state.%s", r->u.state.to < LS_COUNT ? ledger_state_names[r->u.state.to] : "");
	narrate_arg(a, "to", narrate_arg_text(a, key));
}

static void tk_state_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	(void)sc;
	sbuf_add_json_member(o, "rcpt", r->u.state.rcpt);
	if (r->u.state.from < LS_COUNT)
		sbuf_add_json_member(o, "from", ledger_state_names[r->u.state.from]);
	if (r->u.state.to < LS_COUNT)
		sbuf_add_json_member(o, "to", ledger_state_names[r->u.state.to]);
}

static void tk_state_match(const struct trace_rec *r, int *code, const char **cmd)
{
	*code = 0;
	*cmd = r->u.state.to < LS_COUNT ? ledger_state_names[r->u.state.to] : NULL;
}

/* ---- the spam filter ---- */

const char *trace_filter_clue(const struct trace_filter *f, int i, size_t *len)
{
	const char *p = f->clues;
	if (!p || i < 0 || i >= f->nclues || i >= TRACE_FILTER_CLUES)
		return NULL;
	for (; i > 0; i--) {
		p = strchr(p, '\n');
		if (!p)
			return NULL;
		p++;
	}
	*len = strcspn(p, "\n");
	return p;
}

/* A record's verdict by name ("?" for a value no verdict has: the trace
 * writer may be handed any bytes). */
static const char *tk_filter_verdict(const struct trace_filter *f)
{
	return f->verdict < BAYES_VERDICT_COUNT ? bayes_verdict_name((enum bayes_verdict)f->verdict) : "?";
}

/* Clues the sentences name: the few that weighed most. */
#define TK_FILTER_TOLD 3

static const char *tk_filter_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	(void)buf;
	(void)sz;
	const struct trace_filter *f = &r->u.filter;
	if (f->nclues == 0)
		return "none";   /* nothing learnt tells this mail's words apart */
	return tk_filter_verdict(f);
}

static const char *tk_learn_variant(const struct trace_rec *r, char *buf, size_t sz)
{
	const struct trace_filter *f = &r->u.filter;
	const char *how = f->from == TRACE_LEARN_NONE ? "train" : f->from == f->learned ? "keep"
	                                                                                 : "retrain";
	snprintf(buf, sz, "%s.%s", how, f->learned < TRACE_LEARN_COUNT ? trace_learn_names[f->learned]
	                                                               : "");
	return buf;
}

/* "「当選」0.99、「賞金」0.98" in the catalog's words (PREFIX.clue, joined
 * by PREFIX.clue.sep). */
static char *tk_filter_clues(const struct narrate_args *a, const struct trace_filter *f)
{
	const struct i18n *cat = narrate_arg_catalog(a);
	char key[48], sep[48], tok[BAYES_TOK_MAX + 1], p[16];
	snprintf(key, sizeof key, "%s.clue", narrate_arg_prefix(a));
	snprintf(sep, sizeof sep, "%s.clue.sep", narrate_arg_prefix(a));
	struct sbuf b = { 0 };
	sbuf_adds(&b, "");
	for (int i = 0; i < f->nclues && i < TK_FILTER_TOLD; i++) {
		size_t len = 0;
		const char *t = trace_filter_clue(f, i, &len);
		if (!t)
			break;
		snprintf(tok, sizeof tok, "%.*s", (int)len, t);
		snprintf(p, sizeof p, "%.2f", f->prob[i] / 10000.0);
		if (i)
			sbuf_adds(&b, i18n_get(cat, sep));
		const char *args[] = { "token", tok, "p", p, NULL };
		i18n_format(cat, key, args, &b);
	}
	return sbuf_take(&b);
}

static void tk_filter_args(struct narrate_args *a, const struct trace_rec *r)
{
	const struct trace_filter *f = &r->u.filter;
	char key[48];
	narrate_arg(a, "mailbox", narrate_arg_user(a, f->user));
	narrate_argf(a, "score", "%.3f", f->score);
	narrate_argf(a, "cut", "%.2f", f->cut);
	narrate_argf(a, "ham_cut", "%.2f", f->ham_cut);
	narrate_argf(a, "ntokens", "%u", (unsigned)f->ntokens);
	narrate_argf(a, "unseen", "%u", (unsigned)f->nunseen);
	snprintf(key, sizeof key, "%s.verdict.%s", narrate_arg_prefix(a), tk_filter_verdict(f));
	narrate_arg(a, "verdict", i18n_get(narrate_arg_catalog(a), key));
	narrate_arg_take(a, "clues", tk_filter_clues(a, f));
}

static void tk_filter_json(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o)
{
	const struct trace_filter *f = &r->u.filter;
	tk_json_user(sc, f->user, o);
	sbuf_addf(o, ",\"score\":%.4f", f->score);
	sbuf_add_json_member(o, "verdict", tk_filter_verdict(f));
	sbuf_addf(o, ",\"ham_cut\":%.2f,\"cut\":%.2f", f->ham_cut, f->cut);
	if (r->kind == TR_LEARN && f->from < TRACE_LEARN_COUNT)
		sbuf_add_json_member(o, "unlearned", trace_learn_names[f->from]);
	if (f->learned < TRACE_LEARN_COUNT)
		sbuf_add_json_member(o, "learned", trace_learn_names[f->learned]);
	if (r->kind == TR_FILTER && f->truth != TRACE_LEARN_NONE && f->truth < TRACE_LEARN_COUNT)
		sbuf_add_json_member(o, "truth", trace_learn_names[f->truth]);
	sbuf_addf(o, ",\"tokens\":%u,\"unseen\":%u,\"clues\":[", (unsigned)f->ntokens, (unsigned)f->nunseen);
	for (int i = 0; i < f->nclues; i++) {
		size_t len = 0;
		const char *t = trace_filter_clue(f, i, &len);
		if (!t)
			break;
		char tok[BAYES_TOK_MAX + 1];
		snprintf(tok, sizeof tok, "%.*s", (int)len, t);
		sbuf_adds(o, i ? ",{\"token\":" : "{\"token\":");
		sbuf_add_json_str(o, tok);
		sbuf_addf(o, ",\"p\":%.4f,\"ham\":%u,\"spam\":%u}", f->prob[i] / 10000.0,
		          (unsigned)f->count[i][0], (unsigned)f->count[i][1]);
	}
	sbuf_addc(o, ']');
}

static void tk_filter_match(const struct trace_rec *r, int *code, const char **cmd)
{
	const struct trace_filter *f = &r->u.filter;
	*code = 0;
	if (r->kind == TR_LEARN)
		*cmd = f->learned < TRACE_LEARN_COUNT ? trace_learn_names[f->learned] : NULL;
	else
		*cmd = tk_filter_verdict(f);
}

static const char *const tk_v_compose[] = { "bot", "bot.via", "via", NULL };
static const char *const tk_v_blocked[] = { "drop", "reject", NULL };
static const char *const tk_v_stop[] = { "rule", NULL };
static const char *const tk_v_dns[] = { "bot", "none", "dkim", "dkim.none", "dmarc", "dmarc.none",
                                        NULL };
static const char *const tk_v_queued[] = { "MSA", "MTA", "forward", "bounce", "MSA_relayhost",
                                           NULL };
static const char *const tk_v_fetched[] = { "IMAP", NULL };
static const char *const tk_v_bounce[] = { "reply", "expired", "loopback", "no_host",
                                           "forwarding_loop", "unknown_user", NULL };
_Static_assert(TRACE_BOUNCE_WHY_COUNT == 6, "tk_v_bounce names every bounce reason");
static const char *const tk_v_error[] = { "rule", "fetch", "fetch.rule", "gone", NULL };
static const char *const tk_v_toggle[] = { "on", "off", NULL };
static const char *const tk_v_mark[] = { "spam", "ham", NULL };
static const char *const tk_v_spf[] = { "none", "neutral", "pass", "fail", "softfail", "temperror",
                                        "permerror", NULL };
_Static_assert(SPF_RESULT_COUNT == 7, "tk_v_spf names every SPF result");
static const char *const tk_v_dkim_sign[] = { "delegated", "error", NULL };
static const char *const tk_v_dkim[] = { "none", "pass", "fail-body-hash", "fail-signature",
                                         "fail-expired", "permerror-syntax", "permerror-no-key",
                                         "temperror", NULL };
_Static_assert(DKIM_STATUS_COUNT == 8, "tk_v_dkim names every DKIM status");
static const char *const tk_v_dmarc[] = {
	"pass.spf", "pass.dkim", "pass.both",
	"fail.none", "fail.quarantine", "fail.reject", "fail.pct", "fail.local", "fail.spf",
	"none", "none.spf", "permerror", "permerror.spf", "temperror", "temperror.spf", NULL,
};
_Static_assert(DMARC_STATUS_COUNT == 5 && DMARC_POLICY_COUNT == 3 && TRACE_DMARC_WHY_COUNT == 5,
               "tk_v_dmarc names every status, policy and reason");
static const char *const tk_v_filter[] = { "ham", "unsure", "spam", "none", NULL };
static const char *const tk_v_learn[] = { "train.ham", "train.spam", "retrain.ham", "retrain.spam",
                                          "keep.ham", "keep.spam", NULL };

const struct trace_kind_desc trace_kinds[TR_KIND_COUNT] = {
	[TR_COMPOSE] = { 0, 0, tk_v_compose, { TK_STR(u.compose.subject) }, tk_compose_variant,
	                 tk_compose_args, tk_compose_json, NULL },
	[TR_CONNECT] = { 0, 1, NULL, { 0 }, tk_port_variant, tk_connect_args, tk_connect_json, NULL },
	[TR_ACCEPT] = { 0, 1, NULL, { 0 }, tk_port_variant, NULL, NULL, NULL },
	[TR_BLOCKED] = { 0, 0, tk_v_blocked, { 0 }, tk_blocked_variant, tk_stop_args, tk_stop_json, NULL },
	[TR_REFUSED] = { 0, 0, tk_v_stop, { 0 }, tk_stop_variant, tk_stop_args, tk_stop_json, NULL },
	[TR_TIMEOUT] = { 0, 0, tk_v_stop, { 0 }, tk_stop_variant, tk_stop_args, tk_stop_json, NULL },
	[TR_CMD] = { 0, 0, NULL, { TK_STR(u.line.verb), TK_STR(u.line.text) }, NULL, tk_line_args,
	             tk_line_json, tk_line_match },
	[TR_REPLY] = { 0, 0, NULL, { TK_STR(u.line.verb), TK_STR(u.line.text) }, NULL, tk_line_args,
	               tk_line_json, tk_line_match },
	[TR_DNS_QUERY] = { 0, 0, tk_v_dns, { TK_STR(u.dns.domain), TK_STR(u.dns.type) }, tk_dns_variant,
	                   tk_dns_args, tk_dns_json, tk_dns_match },
	[TR_DNS_ANSWER] = { 0, 0, tk_v_dns, { TK_STR(u.dns.domain), TK_STR(u.dns.type), TK_STR(u.dns.answer) },
	                    tk_dns_variant, tk_dns_args, tk_dns_json, tk_dns_match },
	[TR_QUEUED] = { 0, 0, tk_v_queued, { TK_STR(u.queued.rcpt), TK_STR(u.queued.to) }, tk_queued_variant,
	                tk_queued_args, tk_queued_json, NULL },
	[TR_DELIVER] = { 0, 0, NULL, { 0 }, NULL, tk_box_args, tk_box_json, NULL },
	[TR_DEFER] = { 0, 0, NULL, { TK_STR(u.defer.text) }, NULL, tk_defer_args, tk_defer_json,
	               tk_defer_match },
	[TR_BOUNCE] = { 0, 0, tk_v_bounce, { TK_STR(u.bounce.to), TK_STR(u.bounce.status), TK_STR(u.bounce.text) },
	                tk_bounce_variant, tk_bounce_args, tk_bounce_json, tk_bounce_match },
	[TR_DISCARD] = { 0, 0, NULL, { TK_STR(u.discard.why), TK_STR(u.discard.header) }, NULL, tk_discard_args, tk_discard_json,
	                 NULL },
	[TR_FETCHED] = { 0, 0, tk_v_fetched, { 0 }, tk_fetched_variant, tk_box_args, tk_box_json, NULL },
	[TR_MUA_ERROR] = { 0, 0, tk_v_error, { TK_STR(u.error.text) }, tk_error_variant, tk_error_args,
	                   tk_error_json, tk_error_match },
	[TR_CLOSE] = { 0, 1, NULL, { 0 }, tk_port_variant, NULL, NULL, NULL },
	[TR_RULE] = { 0, 0, tk_v_toggle, { 0 }, tk_toggle_variant, tk_toggle_args, tk_toggle_json,
	              tk_toggle_match },
	[TR_MARK] = { 0, 0, tk_v_mark, { 0 }, tk_mark_variant, tk_box_args, tk_box_json, tk_mark_match },
	[TR_SPF] = { 0, 0, tk_v_spf, { TK_STR(u.spf.domain), TK_STR(u.spf.mechanism) },
	             tk_spf_variant, tk_spf_args, tk_spf_json, tk_spf_match, tk_spf_verdict },
	/* S/MIME (issue 8): trace_smime.c */
	[TR_SMIME] = { 0, 0, trace_smime_variants, { TK_STR(u.smime.who), TK_STR(u.smime.other),
	                                            TK_STR(u.smime.alg), TK_STR(u.smime.v1),
	                                            TK_STR(u.smime.v2) },
	               trace_smime_variant, trace_smime_args, trace_smime_json, trace_smime_match },
	[TR_TAMPER] = { 0, 0, trace_smime_tamper_variants,
	                { TK_STR(u.tamper.find), TK_STR(u.tamper.replace) },
	                trace_smime_tamper_variant, trace_smime_tamper_args, trace_smime_tamper_json, NULL },
	[TR_STATE] = { 1, 0, NULL, { TK_STR(u.state.rcpt) }, NULL, tk_state_args, tk_state_json,
	               tk_state_match },
	[TR_DKIM_SIGN] = { 0, 0, tk_v_dkim_sign,
	                   { TK_STR(u.dkim_sign.domain), TK_STR(u.dkim_sign.selector),
	                     TK_STR(u.dkim_sign.fields), TK_STR(u.dkim_sign.body_hash),
	                     TK_STR(u.dkim_sign.error) },
	                   trace_auth_sign_variant, trace_auth_sign_args, trace_auth_sign_json, trace_auth_sign_match,
	                   trace_auth_sign_verdict },
	[TR_DKIM] = { 0, 0, tk_v_dkim,
	              { TK_STR(u.dkim.domain), TK_STR(u.dkim.selector), TK_STR(u.dkim.fields),
	                TK_STR(u.dkim.authres), TK_STR(u.dkim.detail) },
	              trace_auth_dkim_variant, trace_auth_dkim_args, trace_auth_dkim_json, trace_auth_dkim_match, trace_auth_dkim_verdict },
	[TR_DMARC] = { 0, 0, tk_v_dmarc,
	               { TK_STR(u.dmarc.from), TK_STR(u.dmarc.spf_domain), TK_STR(u.dmarc.dkim_domain),
	                 TK_STR(u.dmarc.record), TK_STR(u.dmarc.detail) },
	               trace_auth_dmarc_variant, trace_auth_dmarc_args, trace_auth_dmarc_json, trace_auth_dmarc_match, trace_auth_dmarc_verdict },
	[TR_FILTER] = { 0, 0, tk_v_filter, { TK_STR(u.filter.clues) }, tk_filter_variant, tk_filter_args,
	                tk_filter_json, tk_filter_match },
	[TR_LEARN] = { 0, 0, tk_v_learn, { TK_STR(u.filter.clues) }, tk_learn_variant, tk_filter_args,
	               tk_filter_json, tk_filter_match },
	/* the eavesdropper (issue 13): trace_sniff.c */
	[TR_SNIFF] = { 0, 0, trace_sniff_variants, { TK_STR(u.sniff.text) }, trace_sniff_variant,
	               trace_sniff_args, trace_sniff_json, trace_sniff_match },
};

void trace_match_keys(const struct trace_rec *r, int *code, const char **cmd)
{
	*code = 0;
	*cmd = NULL;
	if (trace_kinds[r->kind].match)
		trace_kinds[r->kind].match(r, code, cmd);
}
