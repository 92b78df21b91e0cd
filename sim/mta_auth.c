/* mta_auth — DKIM signing at the sending server; at the receiving MTA the
 * DNS look-ups, the DKIM and DMARC verdicts, Authentication-Results and
 * the decision (see mta_auth.h).
 *
 * The verifier and the DMARC evaluation run once, when DATA ends, through
 * a DNS callback that also notes each name asked; those queries are then
 * played out one after the other with the DNS server's round trip, and
 * each verdict is recorded right after the answer it needed.  The zones do
 * not change during a run, so the answers shown are the ones used. */
#include "mta_auth.h"

#include <string.h>

#include "dkim.h"
#include "dmarc.h"
#include "spf.h"
#include "taglist.h"

/* Look-ups per message at most: a key per signature, and DMARC's two. */
#define MTA_AUTH_MAX_QUERIES (DKIM_MAX_SIGNATURES + 2)

/* One DNS TXT query the checks made. */
struct mta_auth_query {
	char *name;
	uint8_t purpose;          /* enum trace_dns_for */
	int n;                    /* records found, 0 for none */
	char *answer;             /* the records as a resolver prints them */
};

/* What the pipeline does next. */
enum mta_auth_op {
	MTA_AUTH_ASK,             /* send query arg, wait for its round trip */
	MTA_AUTH_HEAR,            /* its answer arrived */
	MTA_AUTH_DKIM,            /* tell signature arg's verdict (-1: no signature) */
	MTA_AUTH_OP_COUNT
};

struct mta_auth_step {
	uint8_t op;               /* enum mta_auth_op */
	int arg;
};

#define MTA_AUTH_MAX_STEPS (3 * MTA_AUTH_MAX_QUERIES + DKIM_MAX_SIGNATURES + 1)

struct mta_auth {
	struct msg *m;            /* the message received, owned */
	int dkim_done;            /* the server checked DKIM */
	struct dkim_verification dkim;
	int dmarc_done;           /* the server evaluated DMARC */
	struct dmarc_result dmarc;
	struct mta_auth_query q[MTA_AUTH_MAX_QUERIES];
	int nq;
	struct mta_auth_step steps[MTA_AUTH_MAX_STEPS];
	int nsteps, at;
};

/* The DNS callback's context: the run, and where to note the queries. */
struct mta_auth_ctx {
	struct sim *s;
	struct mta_auth *a;       /* NULL: do not note (a second evaluation) */
	uint8_t purpose;
};

/* ---- signing ---------------------------------------------------------------- */

/* Does signer g apply to m, arriving at its host over c? */
static int mta_auth_signs(const struct sim *s, const struct conn *c, const struct msg *m,
                          const struct sc_dkim_signer *g, const char *from_domain)
{
	const struct sc_host *h = &s->sc->hosts[c->server];
	if (s->now < g->since_us)
		return 0;
	if (g->at == ROLE_MSA) {
		if (!smtp_is_submission(c) || !c->authed)
			return 0;
	} else {
		int trusted = 0, outgoing = 0;
		for (int i = 0; i < h->nrelay_nets; i++)
			trusted |= h->relay_nets[i] == s->sc->hosts[c->client].net;
		for (int i = 0; i < m->nrcpt; i++)
			outgoing |= !mta_is_local_domain(s, c->server, dns_domain_of(m->rcpt[i]));
		if (smtp_is_submission(c) || !trusted || !outgoing)
			return 0;
	}
	for (int i = 0; i < g->nfrom; i++)
		if (strcmp(g->from[i], "*") == 0 || util_strcasecmp(g->from[i], from_domain) == 0)
			return 1;
	return 0;
}

/* The h= list of the DKIM-Signature field just prepended to m. */
static char *mta_auth_signed_fields(const struct msg *m)
{
	size_t vl = 0;
	const char *v = m->nfields ? msg_field_value(m, 0, &vl) : "";
	struct taglist tl;
	char why[160];
	if (taglist_parse(&tl, v, vl, why, sizeof why) < 0 || !taglist_find(&tl, "h"))
		return xstrdup("");
	return taglist_value_compact(taglist_find(&tl, "h"));
}

/* 1 if the server named fqdn belongs to another organization than the
 * signing domain: it signs on the domain's behalf with a key it was given. */
static int mta_auth_delegated(const char *fqdn, const char *domain)
{
	char a[256], b[256];
	dmarc_org_domain(fqdn, a, sizeof a);
	dmarc_org_domain(domain, b, sizeof b);
	return util_strcasecmp(a, b) != 0;
}

static void mta_auth_sign_one(struct sim *s, const struct conn *c, struct msg *m,
                              const struct sc_dkim_signer *g)
{
	const struct sc_host *h = &s->sc->hosts[c->server];
	struct dkim_sign_opts o;
	struct dkim_steps steps = { 0 };
	char err[200];
	dkim_sign_opts_init(&o, g->domain, g->selector);
	o.timestamp = s->sc->epoch + s->now / 1000000;
	int rc = dkim_sign(m, g->key, &o, &steps, err, sizeof err);
	char *fields = rc == 0 ? mta_auth_signed_fields(m) : NULL;
	struct trace_rec *r = trace_begin(s, TR_DKIM_SIGN, c->server);
	r->role = g->at;
	r->peer = c->client;
	r->conn = c->id;
	r->port = c->port;
	r->u.dkim_sign = (struct trace_dkim_sign){
		.delegated = (uint8_t)mta_auth_delegated(h->fqdn, g->domain),
		.key_bits = dkim_key_bits(g->key),
		.domain = g->domain,
		.selector = g->selector,
		.fields = fields,
		.body_hash = rc == 0 ? steps.body_hash : NULL,
		.error = rc == 0 ? NULL : err,
	};
	trace_end(s, r, m);
	free(fields);
	dkim_steps_free(&steps);
}

void mta_auth_sign(struct sim *s, const struct conn *c, struct msg *m)
{
	const struct sc_host *h = &s->sc->hosts[c->server];
	if (!h->ndkim_sign)
		return;
	char from[256], why[160];
	if (dmarc_from_domain(m, from, sizeof from, why, sizeof why) < 0)
		from[0] = '\0';
	for (int i = 0; i < h->ndkim_sign; i++)
		if (mta_auth_signs(s, c, m, &h->dkim_sign[i], from))
			mta_auth_sign_one(s, c, m, &h->dkim_sign[i]);
}

/* ---- receiving: the plan ------------------------------------------------- */

int mta_auth_wanted(const struct sim *s, const struct conn *c)
{
	const struct sc_host *h = &s->sc->hosts[c->server];
	return !smtp_is_submission(c) && (h->spf != SPF_POLICY_OFF || h->dkim_verify);
}

/* The scenario's TXT records for name; notes the query when asked to. */
static int mta_auth_lookup(void *ctx, const char *name, char *const **records)
{
	struct mta_auth_ctx *x = ctx;
	int n = dns_lookup_txt(x->s->sc, name, records);
	struct mta_auth *a = x->a;
	if (!a || a->nq == MTA_AUTH_MAX_QUERIES)
		return n;
	struct mta_auth_query *q = &a->q[a->nq++];
	struct sbuf b;
	sbuf_init(&b);
	for (int i = 0; i < n; i++)
		sbuf_addf(&b, "%s%s IN TXT \"%s\"", i ? "\n" : "", name, (*records)[i]);
	q->name = xstrdup(name);
	q->purpose = x->purpose;
	q->n = n;
	q->answer = n ? sbuf_take(&b) : NULL;
	sbuf_free(&b);
	return n;
}

static void mta_auth_plan(struct mta_auth *a, enum mta_auth_op op, int arg)
{
	if (a->nsteps == MTA_AUTH_MAX_STEPS)
		PANIC("more than %d steps", MTA_AUTH_MAX_STEPS);
	a->steps[a->nsteps++] = (struct mta_auth_step){ (uint8_t)op, arg };
}

/* Plan the queries from first on: asked, then answered. */
static void mta_auth_plan_queries(struct mta_auth *a, int first, int end)
{
	for (int i = first; i < end; i++) {
		mta_auth_plan(a, MTA_AUTH_ASK, i);
		mta_auth_plan(a, MTA_AUTH_HEAR, i);
	}
}

/* Verify every signature; each key query comes before its verdict. */
static void mta_auth_run_dkim(struct sim *s, struct mta_auth *a)
{
	struct mta_auth_ctx x = { s, a, TRACE_DNS_DKIM };
	dkim_verify(a->m, s->sc->epoch + s->now / 1000000, mta_auth_lookup, &x, &a->dkim);
	a->dkim_done = 1;
	int next = 0;
	for (int i = 0; i < a->dkim.n; i++) {
		const char *kn = a->dkim.sigs[i].key_name;
		if (kn && next < a->nq && strcmp(a->q[next].name, kn) == 0) {
			mta_auth_plan_queries(a, next, next + 1);
			next++;
		}
		mta_auth_plan(a, MTA_AUTH_DKIM, i);
	}
	if (!a->dkim.n)
		mta_auth_plan(a, MTA_AUTH_DKIM, -1);
}

/* Evaluate DMARC; a pct= sample is drawn only when a policy has one. */
static void mta_auth_run_dmarc(struct sim *s, struct conn *c, struct mta_auth *a)
{
	struct mta_auth_ctx x = { s, a, TRACE_DNS_DMARC };
	int first = a->nq;
	struct dmarc_input in = {
		.msg = a->m, .spf = (enum spf_result)c->spf,
		.spf_domain = *c->s_mail_from ? dns_domain_of(c->s_mail_from) : c->helo,
		.dkim = a->dkim_done ? &a->dkim : NULL, .sample = -1,
	};
	dmarc_evaluate(&in, mta_auth_lookup, &x, &a->dmarc);
	if (a->dmarc.status == DMARC_STATUS_FAIL && a->dmarc.rec.pct < 100) {
		x.a = NULL;
		in.sample = (int)rng_below(&s->rng, 100);
		dmarc_result_free(&a->dmarc);
		dmarc_evaluate(&in, mta_auth_lookup, &x, &a->dmarc);
	}
	a->dmarc_done = 1;
	mta_auth_plan_queries(a, first, a->nq);
}

void mta_auth_start(struct sim *s, struct conn *c, struct msg *m)
{
	const struct sc_host *h = &s->sc->hosts[c->server];
	if (c->auth)
		PANIC("conn %d: checks of a message already under way", c->id);
	struct mta_auth *a = xcalloc(1, sizeof *a);
	a->m = m;
	if (h->dkim_verify)
		mta_auth_run_dkim(s, a);
	if (h->dmarc != SC_DMARC_OFF)
		mta_auth_run_dmarc(s, c, a);
	c->auth = a;
	mta_auth_step(s, c);
}

void mta_auth_free(struct mta_auth *a)
{
	if (!a)
		return;
	msg_free(a->m);
	dkim_verification_free(&a->dkim);
	dmarc_result_free(&a->dmarc);
	for (int i = 0; i < a->nq; i++) {
		free(a->q[i].name);
		free(a->q[i].answer);
	}
	free(a);
}

/* ---- receiving: the records ---------------------------------------------- */

/* A DNS record of the checks on c: the server asks the DNS server. */
static struct trace_rec *mta_auth_dns_rec(struct sim *s, struct conn *c, enum trace_kind k,
                                          const struct mta_auth_query *q)
{
	struct trace_rec *r = trace_begin(s, k, c->server);
	r->role = ROLE_MTA;
	r->peer = s->sc->dns_host;
	r->conn = c->id;   /* the session whose checks asked */
	r->proto = PROTO_DNS;
	r->port = PORT_DNS;
	r->u.dns.domain = q->name;
	r->u.dns.type = "TXT";
	r->u.dns.purpose = q->purpose;
	return r;
}

/* Ask query q; its answer comes back as EV_AUTH after the round trip. */
static void mta_auth_ask(struct sim *s, struct conn *c, const struct mta_auth_query *q)
{
	int64_t rtt = SIM_DNS_LOCAL_US;
	int routers[NET_MAX_PATH];
	int64_t lat = 0;
	if (s->sc->dns_host >= 0 &&
	    sim_path(s, c->server, s->sc->dns_host, routers, NET_MAX_PATH, &lat) >= 0)
		rtt = 2 * lat;
	trace_end(s, mta_auth_dns_rec(s, c, TR_DNS_QUERY, q), c->auth->m);
	engine_schedule(s, s->now + rtt, EV_AUTH, c->slot, 0);
}

static void mta_auth_hear(struct sim *s, struct conn *c, const struct mta_auth_query *q)
{
	struct trace_rec *r = mta_auth_dns_rec(s, c, TR_DNS_ANSWER, q);
	r->u.dns.nanswers = q->n;
	r->u.dns.answer = q->answer;
	trace_end(s, r, c->auth->m);
}

/* The steps of one DKIM check, from where the verifier stopped. */
static void mta_auth_dkim_steps(const struct dkim_result *d, struct trace_dkim *t)
{
	t->key = t->body = t->signature = TRACE_DKIM_SKIPPED;
	if (d->key_name)   /* the key was asked for */
		t->key = d->key_record ? TRACE_DKIM_OK : TRACE_DKIM_FAILED;
	if (d->steps.body_hash)
		t->body = d->status == DKIM_STATUS_FAIL_BODY_HASH ? TRACE_DKIM_FAILED : TRACE_DKIM_OK;
	if (d->status == DKIM_STATUS_PASS)
		t->signature = TRACE_DKIM_OK;
	else if (d->status == DKIM_STATUS_FAIL_SIGNATURE)
		t->signature = TRACE_DKIM_FAILED;
}

/* Tell signature i's verdict (i -1: the message has none). */
static void mta_auth_trace_dkim(struct sim *s, struct conn *c, int i)
{
	const struct mta_auth *a = c->auth;
	struct trace_rec *r = trace_begin(s, TR_DKIM, c->server);
	r->role = ROLE_MTA;
	r->peer = c->client;
	r->conn = c->id;
	r->port = c->port;
	struct trace_dkim *t = &r->u.dkim;
	if (i < 0) {
		t->status = DKIM_STATUS_NONE;
		t->authres = "dkim=none";
		t->detail = "the message has no DKIM-Signature field";
	} else {
		const struct dkim_result *d = &a->dkim.sigs[i];
		t->status = (uint8_t)d->status;
		mta_auth_dkim_steps(d, t);
		t->key_bits = d->key_bits;
		t->domain = d->domain;
		t->selector = d->selector;
		t->fields = d->signed_fields;
		t->authres = d->authres;
		t->detail = d->detail;
	}
	trace_end(s, r, a->m);
}

/* ---- receiving: the decision ---------------------------------------------- */

static enum trace_dmarc_act mta_auth_act_of(enum dmarc_policy p)
{
	return p == DMARC_POLICY_REJECT ? TRACE_DMARC_REJECT
	     : p == DMARC_POLICY_QUARANTINE ? TRACE_DMARC_JUNK : TRACE_DMARC_INBOX;
}

/* What the server of c does with the message, and why: the owner's DMARC
 * policy, or the server's own local one instead; then its SPF setting
 * may still file an SPF fail in Junk, unless DMARC passed. */
static void mta_auth_decide(const struct sc_host *h, const struct conn *c,
                            const struct mta_auth *a, uint8_t *act, uint8_t *why)
{
	*act = TRACE_DMARC_INBOX;
	*why = TRACE_DMARC_AS_USUAL;
	const struct dmarc_result *d = &a->dmarc;
	if (a->dmarc_done && d->status == DMARC_STATUS_FAIL) {
		enum trace_dmarc_act owner = mta_auth_act_of(d->disposition);
		enum trace_dmarc_act mine = owner;
		if (h->dmarc == SC_DMARC_TAG)
			mine = TRACE_DMARC_INBOX;
		else if (h->dmarc == SC_DMARC_QUARANTINE && owner == TRACE_DMARC_REJECT)
			mine = TRACE_DMARC_JUNK;
		*act = (uint8_t)mine;
		*why = mine != owner ? TRACE_DMARC_LOCAL
		     : d->sampled_out ? TRACE_DMARC_PCT : TRACE_DMARC_POLICY;
	}
	int passed = a->dmarc_done && d->status == DMARC_STATUS_PASS;
	if (*act == TRACE_DMARC_INBOX && h->spf == SPF_POLICY_JUNK && c->spf == SPF_FAIL && !passed) {
		*act = TRACE_DMARC_JUNK;
		*why = TRACE_DMARC_SPF;
	}
}

static void mta_auth_trace_dmarc(struct sim *s, struct conn *c, uint8_t act, uint8_t why)
{
	const struct mta_auth *a = c->auth;
	const struct dmarc_result *d = &a->dmarc;
	const struct sc_host *h = &s->sc->hosts[c->server];
	const char *dkim_domain = d->dkim_domain;
	for (int i = 0; !dkim_domain && a->dkim_done && i < a->dkim.n; i++)
		if (a->dkim.sigs[i].status == DKIM_STATUS_PASS)
			dkim_domain = a->dkim.sigs[i].domain;
	struct trace_rec *r = trace_begin(s, TR_DMARC, c->server);
	r->role = ROLE_MTA;
	r->peer = c->client;
	r->conn = c->id;
	r->port = c->port;
	r->u.dmarc = (struct trace_dmarc){
		.status = (uint8_t)d->status, .spf = c->spf,
		.spf_aligned = (uint8_t)d->spf_aligned, .dkim_aligned = (uint8_t)d->dkim_aligned,
		.dkim_checked = (uint8_t)a->dkim_done,
		.requested = (uint8_t)d->requested, .disposition = (uint8_t)d->disposition,
		.action = act, .why = why, .local = (uint8_t)h->dmarc,
		.pct = d->record ? d->rec.pct : 100,
		.from = d->from_domain,
		.spf_domain = *c->s_mail_from ? dns_domain_of(c->s_mail_from) : c->helo,
		.dkim_domain = dkim_domain, .record = d->record, .detail = d->detail,
	};
	trace_end(s, r, a->m);
}

/* Received-SPF (RFC 7208 section 9.1) as postfix-policyd-spf writes it
 * with its defaults (Header_Type = SPF, Hide_Receiver = Yes): the result,
 * the identity checked as its comment, the key=value pairs, the recipient
 * hidden as <UNKNOWN> and a blank at the end (its format string's).  It
 * writes no Authentication-Results. */
static void mta_auth_received_spf(struct sim *s, const struct conn *c, struct msg *m)
{
	char ip[16], res[16];
	scenario_format_ipv4(s->sc->hosts[c->client].addr, ip);
	snprintf(res, sizeof res, "%s", spf_result_names[c->spf]);
	res[0] = (char)(res[0] - 'a' + 'A');
	int mfrom = *c->s_mail_from != '\0';
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addf(&b, "%s (%s) identity=%s; client-ip=%s; helo=%s; envelope-from=%s; receiver=<UNKNOWN> ",
	          res, mfrom ? "mailfrom" : "helo", mfrom ? "mailfrom" : "helo", ip,
	          c->helo ? c->helo : "", mfrom ? c->s_mail_from : "<>");
	msg_header_prepend(m, "Received-SPF", b.s);
	sbuf_free(&b);
}

/* Received-SPF (postfix-policyd-spf, at RCPT), then one
 * Authentication-Results (RFC 8601) field for each milter that checked:
 * OpenDKIM's dkim= and above it OpenDMARC's dmarc=, each milter inserting
 * its own at the top.  All above the server's own Received line. */
static void mta_auth_headers(struct sim *s, struct conn *c, struct msg *m, uint8_t act,
                             uint8_t why)
{
	const struct mta_auth *a = c->auth;
	const struct sc_host *h = &s->sc->hosts[c->server];
	if (h->spf != SPF_POLICY_OFF)
		mta_auth_received_spf(s, c, m);
	struct sbuf b;
	sbuf_init(&b);
	/* OpenDKIM adds none for a message without a signature (its
	 * AlwaysAddARHeader = no). */
	if (a->dkim_done && a->dkim.n > 0) {
		char *dk = dkim_verification_authres(&a->dkim);
		sbuf_addf(&b, "%s; %s", h->fqdn, dk);
		free(dk);
		msg_header_prepend(m, "Authentication-Results", b.s);
	}
	sbuf_reset(&b);
	if (a->dmarc_done && why == TRACE_DMARC_LOCAL)   /* dis= is what this server did */
		sbuf_addf(&b, "%s; dmarc=fail (p=%s dis=%s) header.from=%s", h->fqdn,
		          dmarc_policy_names[a->dmarc.requested],
		          act == TRACE_DMARC_JUNK ? "quarantine" : "none", a->dmarc.from_domain);
	else if (a->dmarc_done)
		sbuf_addf(&b, "%s; %s", h->fqdn, a->dmarc.authres);
	if (a->dmarc_done)
		msg_header_prepend(m, "Authentication-Results", b.s);
	sbuf_free(&b);
}

/* Every query answered: decide, record, add the header fields, reply. */
static void mta_auth_finish(struct sim *s, struct conn *c)
{
	struct mta_auth *a = c->auth;
	uint8_t act, why;
	mta_auth_decide(&s->sc->hosts[c->server], c, a, &act, &why);
	if (a->dmarc_done)
		mta_auth_trace_dmarc(s, c, act, why);
	/* Stamped, maybe marked Junk and signed next: this run's own copy. */
	struct msg *m = snapshot_own(a->m);
	a->m = NULL;
	mta_auth_headers(s, c, m, act, why);
	char domain[256];
	snprintf(domain, sizeof domain, "%s", a->dmarc.from_domain ? a->dmarc.from_domain : "");
	c->auth = NULL;
	mta_auth_free(a);
	if (act == TRACE_DMARC_REJECT) {
		smtp_data_refuse(s, c, m, domain);
		return;
	}
	if (act == TRACE_DMARC_JUNK)
		m->flags |= MSG_F_JUNK;
	smtp_data_accept(s, c, m);
}

void mta_auth_step(struct sim *s, struct conn *c)
{
	struct mta_auth *a = c->auth;
	if (!a)
		PANIC("conn %d: no checks under way", c->id);
	while (a->at < a->nsteps) {
		const struct mta_auth_step *st = &a->steps[a->at++];
		switch ((enum mta_auth_op)st->op) {
		case MTA_AUTH_ASK:
			mta_auth_ask(s, c, &a->q[st->arg]);
			return;
		case MTA_AUTH_HEAR:
			mta_auth_hear(s, c, &a->q[st->arg]);
			break;
		case MTA_AUTH_DKIM:
			mta_auth_trace_dkim(s, c, st->arg);
			break;
		case MTA_AUTH_OP_COUNT:
		default:
			PANIC("conn %d: unexpected step %d", c->id, st->op);
		}
	}
	mta_auth_finish(s, c);
}

struct mta_auth *mta_auth_clone(const struct mta_auth *a, struct snapshot_map *map)
{
	if (!a)
		return NULL;
	struct mta_auth *c = xmalloc(sizeof *c);
	*c = *a;
	c->m = snapshot_msg(map, a->m);
	dkim_verification_copy(&c->dkim, &a->dkim);
	dmarc_result_copy(&c->dmarc, &a->dmarc);
	for (int i = 0; i < a->nq; i++) {
		c->q[i].name = a->q[i].name ? xstrdup(a->q[i].name) : NULL;
		c->q[i].answer = a->q[i].answer ? xstrdup(a->q[i].answer) : NULL;
	}
	return c;
}
