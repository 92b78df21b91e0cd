/* sim — the run: creation from a scenario, the event loop and its handler
 * table.  Actions are in sim_act.c, views for the GUI in sim_view.c, the
 * ledger audit in ledger_run.c; the floor every role uses is engine.c. */
#include <string.h>

#include "mta_auth.h"
#include "simint.h"

const char *const ev_kind_names[EV_KIND_COUNT] = {
	"script", "syn_arrive", "syn_stopped", "conn_refused", "conn_timeout",
	"line", "dns_answer", "job_run", "deliver", "smime", "auth",
};
_Static_assert(sizeof ev_kind_names / sizeof *ev_kind_names == EV_KIND_COUNT,
               "ev_kind_names");

const char *const job_kind_names[JOB_KIND_COUNT] = {
	"submit", "direct", "relay", "local", "fetch",
};
_Static_assert(sizeof job_kind_names / sizeof *job_kind_names == JOB_KIND_COUNT,
               "job_kind_names");

struct sim *sim_new(const struct scenario *sc, const struct sim_opts *opts)
{
	struct sim *s = xcalloc(1, sizeof *s);
	s->sc = sc;
	if (opts)
		s->opts = *opts;
	rng_seed(&s->rng, s->opts.seed ? s->opts.seed : sc->seed);
	s->ts = trace_store_new();
	evq_init(&s->q);
	net_init(&s->net, sc);
	hindex_init(&s->host_by_addr, (size_t)sc->nhosts);
	for (int h = 0; h < sc->nhosts; h++)
		hindex_put_u32(&s->host_by_addr, sc->hosts[h].addr, h);
	hindex_init(&s->user_by_addr, (size_t)sc->nusers);
	hindex_init(&s->user_by_login, (size_t)sc->nusers);
	/* A ledger entry for each sent mail at least: sized once, not grown
	 * (and rehashed) a dozen times in a long run. */
	hindex_init(&s->led_by_tag, (size_t)sc->nactions + 64);
	for (int u = 0; u < sc->nusers; u++) {
		hindex_put_str(&s->user_by_addr, sc->users[u].address, u);
		hindex_put_str(&s->user_by_login, sc->users[u].login, u);
	}
	s->mbox = xcalloc((size_t)sc->nusers + 1, sizeof *s->mbox);
	for (int u = 0; u < sc->nusers; u++)
		s->mbox[u].user = u;
	s->smime = scenario_smime_ctx(sc, s->opts.seed);
	if (s->smime)
		s->smime_busy = xcalloc((size_t)sc->nhosts + 1, sizeof *s->smime_busy);
	filter_init(s);
	for (int i = 0; i < sc->nactions; i++) {
		const struct sc_action *a = &sc->actions[i];
		int n = a->kind == ACT_SEND && a->send.count > 1 ? a->send.count : 1;
		for (int k = 0; k < n; k++)
			engine_schedule(s, a->at + (int64_t)k * (a->kind == ACT_SEND ? a->send.every_us : 0),
			             EV_SCRIPT, i, n > 1 ? k + 1 : 0);
	}
	evq_freeze(&s->q);   /* the script waits beside the heap, not in it */
	return s;
}

void sim_free(struct sim *s)
{
	if (!s)
		return;
	evq_free(&s->q);
	snapshot_queue_free(s->kq);
	if (!s->net_refs || --*s->net_refs == 0) {   /* the last holder (snapshot.c) */
		net_free(&s->net);
		free(s->net_refs);
	}
	if (!s->index_refs || --*s->index_refs == 0) {   /* the last holder */
		hindex_free(&s->host_by_addr);
		hindex_free(&s->user_by_addr);
		hindex_free(&s->user_by_login);
		free(s->index_refs);
	}
	hindex_free(&s->led_by_tag);
	job_free_all(s);   /* first: its reply texts go back to the spare lists */
	conn_free_all(s);
	mda_free_all(s);
	mua_smime_free_all(s);
	free(s->mbox);
	filter_free_all(s);
	free(s->pop_relay);
	ledger_free_all(s);
	sim_groups_free(s->groups);
	trace_store_release(s->ts);
	sbuf_free(&s->fmt);
	sbuf_free(&s->fmt2);
	free(s);
}

const struct scenario *sim_scenario(const struct sim *s)
{
	return s->sc;
}

struct smime *sim_smime(const struct sim *s)
{
	return s->smime;
}

/* ---- event handlers ---- */

static void sim_on_script(struct sim *s, const struct ev *e)
{
	/* The lesson's scheduled actions take the same path as a click. */
	const struct sc_action *sa = &s->sc->actions[e->a];
	struct sim_action a = { .origin = TRACE_ORIGIN_SCRIPT, .msg = -1, .user = sa->user };
	switch (sa->kind) {
	case ACT_SEND:
		a.kind = SIM_ACT_SEND;
		a.send = e->a;
		a.copy = e->b;
		a.user = sa->send.user;
		break;
	case ACT_FETCH:
		a.kind = SIM_ACT_FETCH;
		a.password = sa->password;
		a.how = &sa->fetch;
		break;
	case ACT_TOGGLE:
		a.kind = SIM_ACT_TOGGLE;
		a.router = sa->router;
		a.rule = sa->rule;
		a.enabled = sa->enabled;
		break;
	case ACT_MARK_SPAM:
		a.kind = SIM_ACT_MARK;
		a.msg = sim_ledger_find(s, sa->tag);
		a.spam = sa->spam;
		if (a.msg < 0)
			return;   /* not sent (yet): nothing to mark */
		break;
	case ACT_KIND_COUNT:
		PANIC("bad action kind");
	}
	if (sim_act(s, &a) != 0)
		PANIC("the lesson's action %d names nothing", e->a);
}

static void sim_on_syn_arrive(struct sim *s, const struct ev *e)
{
	struct conn *c = conn_get(s, e->a);
	c->in_flight = 0;
	if (!sim_host_listens(s, c->server, c->port)) {
		/* Nothing listens: the server's TCP answers RST. */
		c->in_flight = 1;
		c->to_server = 0;
		c->t_sent = s->now;
		c->t_arrive = s->now + c->path->latency_us;
		engine_schedule(s, c->t_arrive, EV_CONN_REFUSED, c->slot, 0);
		return;
	}
	c->phase = CONN_OPEN;
	if (c->port == PORT_SUBMISSIONS || c->port == PORT_IMAPS || c->port == PORT_POP3S)
		c->tls = 1;   /* implicit TLS from the first byte (RFC 8314) */
	struct trace_rec *r = trace_begin(s, TR_ACCEPT, c->server);
	r->peer = c->client;
	r->conn = c->id;
	r->proto = c->proto;
	r->port = c->port;
	r->tls = c->tls;
	const struct job *j = c->job >= 0 && s->jobs[c->job]->used ? s->jobs[c->job] : NULL;
	trace_end(s, r, j ? j->m : NULL);
	if (c->tls) {
		/* The TLS handshake comes first: the greeting leaves after one
		 * round trip, as after a 220 to STARTTLS (smtp_client.c). */
		sniff_handshake(s, c);
		c->hold_tls = 1;
	}
	switch (c->proto) {
	case PROTO_SMTP:
	case PROTO_LMTP: smtp_server_greet(s, c); break;
	case PROTO_POP3: pop3_server_greet(s, c); break;
	case PROTO_IMAP: imap_server_greet(s, c); break;
	case PROTO_NONE:
	case PROTO_DNS:
	case PROTO_COUNT:
		PANIC("conn %d: bad protocol %d", c->id, (int)c->proto);
	}
}

static void sim_on_syn_stopped(struct sim *s, const struct ev *e)
{
	struct conn *c = conn_get(s, e->a);
	struct trace_rec *r = trace_begin(s, TR_BLOCKED, s->sc->nhosts + c->verdict.router);
	r->peer = c->client;
	r->conn = c->id;
	r->proto = c->proto;
	r->port = c->port;
	r->u.stop = (struct trace_stop){ c->verdict.router, c->verdict.rule,
	                                 (uint8_t)c->verdict.action };
	struct job *j = job_get(s, c->job);
	j->blocked_router = c->verdict.router;
	j->blocked_rule = c->verdict.rule;
	trace_end(s, r, j->m);
	if (c->verdict.action == RULE_REJECT) {
		c->t_sent = s->now;
		c->t_arrive = s->now + c->verdict.latency_us;
		c->to_server = 0;
		engine_schedule(s, c->t_arrive, EV_CONN_REFUSED, c->slot, 0);
	} else {
		/* Dropped silently: the client waits for an answer that never comes. */
		c->in_flight = 0;
		engine_schedule(s, c->t_sent + SIM_CONNECT_TIMEOUT_US, EV_CONN_TIMEOUT, c->slot, 0);
	}
}

static void sim_conn_failed(struct sim *s, const struct ev *e, int refused)
{
	struct conn *c = conn_get(s, e->a);
	c->in_flight = 0;
	struct job *j = job_get(s, c->job);
	struct trace_rec *r = trace_begin(s, refused ? TR_REFUSED : TR_TIMEOUT, c->client);
	r->t_sent = c->t_sent;   /* when the SYN left: the wait the narration tells */
	r->peer = c->server;
	r->conn = c->id;
	r->proto = c->proto;
	r->port = c->port;
	r->u.stop = (struct trace_stop){ -1, -1, 0 };
	if (j->blocked_router >= 0 && c->verdict.router >= 0)
		r->u.stop = (struct trace_stop){ j->blocked_router, j->blocked_rule,
		                                 (uint8_t)c->verdict.action };
	trace_end(s, r, j->m);
	if (c->verdict.router < 0)
		j->blocked_router = j->blocked_rule = -1;
	j->last_code = 0;
	free(j->last_text);
	j->last_text = xstrdup(refused ? "connection refused" : "connection timed out");
	j->last_why = refused ? TRACE_WHY_REFUSED : TRACE_WHY_TIMEOUT;
	conn_drop(s, c);
	if (j->kind == JOB_FETCH)
		mua_job_done(s, j, 0);
	else
		smtp_client_failed(s, j, refused);
}

static void sim_on_refused(struct sim *s, const struct ev *e)
{
	sim_conn_failed(s, e, 1);
}

static void sim_on_timeout(struct sim *s, const struct ev *e)
{
	sim_conn_failed(s, e, 0);
}

static void sim_on_line(struct sim *s, const struct ev *e)
{
	struct conn *c = conn_get(s, e->a);
	c->in_flight = 0;
	void (*fn)(struct sim *, struct conn *) = NULL;
	switch (c->proto) {
	case PROTO_SMTP:
	case PROTO_LMTP: fn = e->b ? smtp_server_line : smtp_client_line; break;
	case PROTO_POP3: fn = e->b ? pop3_server_line : pop3_client_line; break;
	case PROTO_IMAP: fn = e->b ? imap_server_line : imap_client_line; break;
	case PROTO_NONE:
	case PROTO_DNS:
	case PROTO_COUNT:
		PANIC("conn %d: bad protocol %d", c->id, (int)c->proto);
	}
	sniff_line(s, c);
	fn(s, c);
}

static void sim_on_dns_answer(struct sim *s, const struct ev *e)
{
	mta_dns_answer(s, job_get(s, e->a));
}

static void sim_on_job_run(struct sim *s, const struct ev *e)
{
	mta_job_run(s, job_get(s, e->a));
}

static void sim_on_deliver(struct sim *s, const struct ev *e)
{
	mda_deliver(s, job_get(s, e->a));
}

static void sim_on_smime(struct sim *s, const struct ev *e)
{
	mua_smime_step(s, e->a);
}

static void sim_on_auth(struct sim *s, const struct ev *e)
{
	mta_auth_step(s, conn_get(s, e->a));
}

static void (*const sim_handlers[EV_KIND_COUNT])(struct sim *, const struct ev *) = {
	[EV_SCRIPT] = sim_on_script,
	[EV_SYN_ARRIVE] = sim_on_syn_arrive,
	[EV_SYN_STOPPED] = sim_on_syn_stopped,
	[EV_CONN_REFUSED] = sim_on_refused,
	[EV_CONN_TIMEOUT] = sim_on_timeout,
	[EV_LINE] = sim_on_line,
	[EV_DNS_ANSWER] = sim_on_dns_answer,
	[EV_JOB_RUN] = sim_on_job_run,
	[EV_DELIVER] = sim_on_deliver,
	[EV_SMIME] = sim_on_smime,
	[EV_AUTH] = sim_on_auth,
};

int sim_step(struct sim *s)
{
	struct ev e;
	if (!evq_pop(&s->q, &e))
		return 0;
	if (e.t > s->now)
		s->now = e.t;
	if (e.kind < 0 || e.kind >= EV_KIND_COUNT || !sim_handlers[e.kind])
		PANIC("unexpected event kind %d", e.kind);
	s->in_event = 1;
	sim_handlers[e.kind](s, &e);
	s->in_event = 0;
	s->events_done++;
	return 1;
}

size_t sim_run_until(struct sim *s, int64_t t_us)
{
	size_t n = 0;
	const struct ev *e;
	while ((e = evq_peek(&s->q)) && e->t <= t_us) {
		sim_step(s);
		n++;
	}
	if (t_us > s->now)
		s->now = t_us;
	return n;
}

size_t sim_run(struct sim *s, size_t max_events)
{
	size_t n = 0;
	while ((!max_events || n < max_events) && sim_step(s))
		n++;
	return n;
}

int64_t sim_now(const struct sim *s)
{
	return s->now;
}

int64_t sim_next_time(const struct sim *s)
{
	const struct ev *e = evq_peek(&s->q);
	return e ? e->t : -1;
}

size_t sim_events_done(const struct sim *s)
{
	return s->events_done;
}

size_t sim_events_pending(const struct sim *s)
{
	return evq_len(&s->q);
}

int sim_rule_enabled(const struct sim *s, int router, int rule)
{
	if (router < 0 || router >= s->sc->nrouters || rule < 0 ||
	    rule >= s->sc->routers[router].nrules)
		return 0;
	return s->net.enabled[router][rule];
}

const struct trace_rec *sim_trace(const struct sim *s, size_t *n)
{
	*n = s->ntr;
	return s->ts->tr;
}

void sim_set_listener(struct sim *s, trace_listener_fn fn, void *ud)
{
	s->listener = fn;
	s->listener_ud = ud;
}
