/* mta — the transfer agent: takes responsibility for accepted mail, splits
 * it by destination (local delivery or a relay per domain), looks up MX
 * records, tries the exchangers in preference order, retries with Postfix's
 * backoff, and returns what cannot be delivered to the envelope sender.
 * Final delivery goes to the host's own MDA, or over LMTP (RFC 2033, port
 * 24) to the MDA host its "lmtp" names, as Postfix's lmtp(8) does. */
#include <string.h>

#include "simint.h"

int mta_is_local_domain(const struct sim *s, int host, const char *domain)
{
	const struct sc_host *h = &s->sc->hosts[host];
	for (int i = 0; i < h->ndomains; i++)
		if (util_strcasecmp(h->domains[i], domain) == 0)
			return 1;
	return 0;
}

int mta_final_host(const struct sim *s, int host)
{
	return s->sc->hosts[host].lmtp >= 0 ? s->sc->hosts[host].lmtp : host;
}

int mta_has_queue(const struct sim *s, int host)
{
	return !!(s->sc->hosts[host].roles & (ROLE_BIT(ROLE_MTA) | ROLE_BIT(ROLE_MSA)));
}

/* A copy of m with only the recipients for which pick(i) holds. */
static struct msg *mta_split(const struct msg *m, const int *pick, int want)
{
	struct msg *c = msg_clone_content(m, 0, 0);
	msg_set_mail_from(c, m->mail_from);
	for (int i = 0; i < m->nrcpt; i++)
		if (pick[i] == want)
			msg_add_rcpt(c, m->rcpt[i]);
	return c;
}

void mta_accept(struct sim *s, int host, struct msg *m, int via_conn, int role, const char *qid)
{
	mta_tamper(s, host, m);   /* an attacker's relay (the S/MIME lesson) */
	int n = m->nrcpt;
	/* group[i]: 0 local, k > 0 the k-th remote domain */
	int group_few[8] = { 0 };   /* no allocation for the usual few recipients */
	int *group = n < 8 ? group_few : xcalloc((size_t)n + 1, sizeof(int));
	int ngroups = 0, relayhost = s->sc->hosts[host].relayhost;
	for (int i = 0; i < n; i++) {
		const char *d = dns_domain_of(m->rcpt[i]);
		if (mta_is_local_domain(s, host, d))
			continue;
		if (relayhost >= 0) {
			/* One next hop for every remote recipient, as Postfix's
			 * relayhost: one delivery carries them all. */
			group[i] = ngroups = 1;
			continue;
		}
		for (int k = 0; k < i && !group[i]; k++)
			if (group[k] && util_strcasecmp(dns_domain_of(m->rcpt[k]), d) == 0)
				group[i] = group[k];
		if (!group[i])
			group[i] = ++ngroups;
	}
	for (int i = 0; i < n; i++)
		ledger_set(s, m->ledger, m->rcpt[i], LS_QUEUED, host);

	struct trace_rec *r = trace_begin(s, TR_QUEUED, host);
	r->role = role;
	r->conn = via_conn;
	r->u.queued.how = (uint8_t)((m->flags & MSG_F_BOUNCE) && via_conn < 0 ? TRACE_TAKE_BOUNCE
	                            : role == ROLE_MSA ? TRACE_TAKE_MSA : TRACE_TAKE_MTA);
	if (r->u.queued.how == TRACE_TAKE_MSA && !(s->sc->hosts[host].roles & ROLE_BIT(ROLE_MTA))) {
		/* An MSA without an MTA beside it: the mail goes on to its relay
		 * host, and the narration says so. */
		r->u.queued.how = TRACE_TAKE_MSA_RELAY;
		r->u.queued.to = s->sc->hosts[relayhost].fqdn;
	}
	trace_end(s, r, m);

	for (int g = 0; g <= ngroups; g++) {
		int any = 0, all = 1;
		for (int i = 0; i < n; i++) {
			any |= group[i] == g;
			all &= group[i] == g;
		}
		if (!any)
			continue;
		/* One destination for every recipient: the message itself goes,
		 * no copy. */
		struct msg *part = all ? m : mta_split(m, group, g);
		int lmtp = g == 0 && s->sc->hosts[host].lmtp >= 0;
		if (all) {
			/* It waits in the queue; a local delivery keeps the room
			 * the receiving server made for the MDA's fields
			 * (smtp_local_room) and waits only a millisecond. */
			if (g != 0 || lmtp)
				msg_fit(part);
			m = NULL;
		}
		struct job *j = job_new(s, g == 0 && !lmtp ? JOB_LOCAL : JOB_RELAY, host, part);
		util_copy(j->qid, sizeof j->qid, qid ? qid : "");
		j->lmtp = (uint8_t)lmtp;
		if (lmtp) {
			j->domain = conn_str_new(s, dns_domain_of(part->rcpt[0]));
			engine_schedule(s, s->now + SIM_LOCAL_DELAY_US, EV_JOB_RUN, j->id, 0);
		} else if (g == 0) {
			engine_schedule(s, s->now + SIM_LOCAL_DELAY_US, EV_DELIVER, j->id, 0);
		} else {
			j->domain = conn_str_new(s, dns_domain_of(part->rcpt[0]));
			engine_schedule(s, s->now + SIM_LOCAL_DELAY_US, EV_JOB_RUN, j->id, 0);
		}
	}
	if (group != group_few)
		free(group);
	msg_free(m);
}

static void mta_try_mx(struct sim *s, struct job *j);

/* Host next as the job's one exchanger: no MX look-up, as Postfix does
 * for relayhost = [name] and for lmtp:[name]:24. */
static void mta_use_host(struct sim *s, struct job *j, int next)
{
	const struct sc_host *rh = &s->sc->hosts[next];
	free(j->mx);
	j->mx = xmalloc(sizeof *j->mx);
	j->mx[0] = (struct dns_mx_answer){ 0, rh->fqdn, rh->addr };
	j->nmx = 1;
	j->mx_i = 0;
	j->state = JS_WAIT;
	mta_try_mx(s, j);
}

/* Query the MX of the job's domain (or go to the relay host); the answer
 * comes back as an event. */
void mta_job_run(struct sim *s, struct job *j)
{
	const struct scenario *sc = s->sc;
	if (j->lmtp) {
		mta_use_host(s, j, sc->hosts[j->host].lmtp);
		return;
	}
	if (j->kind == JOB_RELAY && sc->hosts[j->host].relayhost >= 0) {
		mta_use_host(s, j, sc->hosts[j->host].relayhost);
		return;
	}
	j->state = JS_DNS;
	struct dns_mx_answer mx[DNS_MAX_MX];
	j->nmx = dns_lookup_mx(sc, j->domain, mx, DNS_MAX_MX);
	free(j->mx);
	j->mx = NULL;
	if (j->nmx > 0) {
		j->mx = xmalloc((size_t)j->nmx * sizeof *j->mx);
		memcpy(j->mx, mx, (size_t)j->nmx * sizeof *mx);
	}
	j->mx_i = 0;
	int64_t rtt = SIM_DNS_LOCAL_US;
	if (sc->dns_host >= 0) {
		int64_t lat = 0;
		int routers[NET_MAX_PATH];
		if (sim_path(s, j->host, sc->dns_host, routers, NET_MAX_PATH, &lat) >= 0)
			rtt = 2 * lat;
	}
	struct trace_rec *r = trace_begin(s, TR_DNS_QUERY, j->host);
	r->role = (int)job_role(s, j);
	r->peer = sc->dns_host;
	r->proto = PROTO_DNS;
	r->port = PORT_DNS;
	r->u.dns.domain = j->domain;
	r->u.dns.type = "MX";
	trace_end(s, r, j->m);
	engine_schedule(s, s->now + rtt, EV_DNS_ANSWER, j->id, 0);
}

static void mta_give_up_bot(struct sim *s, struct job *j);

/* Every recipient of j fails for one reason of Postfix's own (no reply
 * involved): bounce them all and end the job. */
static void mta_bounce_all(struct sim *s, struct job *j, enum trace_bounce_why why,
                           const char *status, const char *text)
{
	int n = j->m->nrcpt;
	struct bounce_rcpt *br = xcalloc((size_t)n + 1, sizeof *br);
	for (int i = 0; i < n; i++)
		br[i] = (struct bounce_rcpt){ j->m->rcpt[i], status, NULL, NULL, 0, text };
	if (mta_has_queue(s, j->host)) {
		bounce_send(s, j->host, j->m, br, n, why, j->created, j->qid);
	} else {
		/* A bot or a mail program going direct has nobody to bounce to. */
		for (int i = 0; i < n; i++) {
			j->rcode[i] = 550;
			conn_str_put(s, j->rtext[i]);
			j->rtext[i] = conn_str_new(s, text);
		}
	}
	free(br);
	if (mta_has_queue(s, j->host))
		job_free(s, j);
	else if (job_is_mua(s, j))
		mua_job_done(s, j, 1);
	else
		mta_give_up_bot(s, j);
}

void mta_dns_answer(struct sim *s, struct job *j)
{
	struct trace_rec *r = trace_begin(s, TR_DNS_ANSWER, j->host);
	r->role = (int)job_role(s, j);
	r->peer = s->sc->dns_host;
	r->proto = PROTO_DNS;
	r->port = PORT_DNS;
	r->u.dns.domain = j->domain;
	r->u.dns.type = "MX";
	r->u.dns.nanswers = j->nmx;
	sbuf_reset(&s->fmt);
	for (int i = 0; i < j->nmx; i++) {
		char a[16];
		scenario_format_ipv4(j->mx[i].addr, a);
		/* "%s%s IN MX %d %s [%s]", by hand: one answer per relayed message */
		if (i)
			sbuf_addc(&s->fmt, '\n');
		sbuf_adds(&s->fmt, j->domain);
		sbuf_adds(&s->fmt, " IN MX ");
		sbuf_add_int(&s->fmt, j->mx[i].pref);
		sbuf_addc(&s->fmt, ' ');
		sbuf_adds(&s->fmt, j->mx[i].name);
		sbuf_adds(&s->fmt, " [");
		sbuf_adds(&s->fmt, j->mx[i].addr ? a : "no A record");
		sbuf_addc(&s->fmt, ']');
	}
	r->u.dns.answer = s->fmt.s;
	trace_end(s, r, j->m);
	if (j->nmx <= 0) {
		/* No such domain: Postfix's smtp(8) says so and bounces at once. */
		char why[400];
		snprintf(why, sizeof why, "Host or domain name not found. Name service error for "
		         "name=%s type=MX: Host not found", j->domain);
		mta_bounce_all(s, j, TRACE_BOUNCE_NO_HOST, "5.4.4", why);
		return;
	}
	mta_try_mx(s, j);
}

/* The exchangers worth trying (Postfix's smtp_addr.c): when this host is
 * one of them, only those it prefers to itself; none left is a loop back
 * to itself.  Returns -1 after bouncing the job. */
static int mta_prune_mx(struct sim *s, struct job *j)
{
	uint32_t self = s->sc->hosts[j->host].addr;
	int best_self = -1;
	for (int i = 0; i < j->nmx; i++)
		if (j->mx[i].addr == self && (best_self < 0 || j->mx[i].pref < best_self))
			best_self = j->mx[i].pref;
	int n = 0, named = 0;
	for (int i = 0; i < j->nmx; i++) {
		if (best_self >= 0 && j->mx[i].pref >= best_self)
			continue;
		named++;
		if (j->mx[i].addr)
			j->mx[n++] = j->mx[i];
	}
	char why[400];
	if (!named && best_self >= 0) {
		snprintf(why, sizeof why, "mail for %s loops back to myself", j->domain);
		mta_bounce_all(s, j, TRACE_BOUNCE_LOOPBACK, "5.4.6", why);
		return -1;
	}
	if (!n) {
		/* Every exchanger's name is without an address. */
		snprintf(why, sizeof why, "Host or domain name not found. Name service error for "
		         "name=%s type=A: Host not found", j->mx[0].name);
		mta_bounce_all(s, j, TRACE_BOUNCE_NO_HOST, "5.4.4", why);
		return -1;
	}
	j->nmx = (int8_t)n;
	return 0;
}

static void mta_try_mx(struct sim *s, struct job *j)
{
	if (j->mx_i == 0 && j->state == JS_DNS && mta_prune_mx(s, j) < 0)
		return;
	if (j->mx_i >= j->nmx) {
		mta_job_failed(s, j);
		return;
	}
	j->blocked_router = j->blocked_rule = -1;
	char ip[16];
	scenario_format_ipv4(j->mx[j->mx_i].addr, ip);
	conn_str_put(s, j->peer);
	sbuf_reset(&s->fmt);
	sbuf_adds(&s->fmt, j->mx[j->mx_i].name);
	sbuf_addc(&s->fmt, '[');
	sbuf_adds(&s->fmt, ip);
	sbuf_addc(&s->fmt, ']');
	j->peer = conn_str_new(s, s->fmt.s);
	struct conn *c = conn_open(s, j, j->mx[j->mx_i].addr, j->lmtp ? PORT_LMTP : PORT_SMTP,
	                           j->lmtp ? PROTO_LMTP : PROTO_SMTP);
	/* Opportunistic STARTTLS between MTAs; Postfix's lmtp(8) to a mail
	 * store inside the ISP goes without (lmtp_tls_security_level empty). */
	c->want_tls = !j->lmtp;
}

static void mta_give_up_bot(struct sim *s, struct job *j)
{
	/* An infected PC has no queue: what failed is simply lost to it. */
	for (int i = 0; i < j->m->nrcpt; i++) {
		struct ledger_rcpt *lr = ledger_rcpt_find(s, j->m->ledger, j->m->rcpt[i]);
		if (!lr)
			continue;
		if (j->blocked_router >= 0) {
			ledger_enter(s, j->m->ledger, lr, LS_BLOCKED, s->sc->nhosts + j->blocked_router);
			free(lr->rule);
			lr->rule = xstrdup(s->sc->routers[j->blocked_router].rules[j->blocked_rule].name);
		} else if (j->script && !j->rcode[i]) {
			/* A hand-typed session that ended before the message was
			 * sent: nobody refused it, it was never sent. */
			ledger_enter(s, j->m->ledger, lr, LS_DISCARDED, j->host);
		} else {
			ledger_enter(s, j->m->ledger, lr, LS_REJECTED, j->host);
		}
		lr->code = j->rcode[i] ? j->rcode[i] : j->last_code;
		free(lr->reason);
		lr->reason = xstrdup(j->rtext[i] ? j->rtext[i] : j->last_text ? j->last_text : "");
	}
	job_free(s, j);
}

/* Postfix's queue manager waits as long as the message has been in the
 * queue, but at least minimal_backoff_time and at most
 * maximal_backoff_time (qmgr_active.c), so the waits grow with its age. */
static int64_t mta_backoff(const struct sc_host *h, int64_t age)
{
	return age < h->retry_min_us ? h->retry_min_us : age > h->retry_max_us ? h->retry_max_us : age;
}

/* The last try's failure in Postfix's words, for the queue and for an
 * expired message's bounce. */
static void mta_describe_failure(struct sim *s, struct job *j)
{
	if (j->last_why != TRACE_WHY_TIMEOUT && j->last_why != TRACE_WHY_REFUSED)
		return;
	if (!j->peer || (j->last_text && strncmp(j->last_text, "connect to ", 11) == 0))
		return;
	sbuf_reset(&s->fmt);
	sbuf_addf(&s->fmt, "connect to %s:%d: Connection %s", j->peer, j->lmtp ? PORT_LMTP : PORT_SMTP,
	          j->last_why == TRACE_WHY_TIMEOUT ? "timed out" : "refused");
	free(j->last_text);
	j->last_text = xstrdup(s->fmt.s);
	j->last_cmd = SMTP_STAGE_NONE;
}

/* Past maximal_queue_lifetime: bounce with the last deferral's status and
 * text, as Postfix does (a 4.x.x status: it never got a final answer). */
static void mta_expire(struct sim *s, struct job *j)
{
	int n = j->m->nrcpt, reply = j->last_why == TRACE_WHY_REPLY && j->last_code >= 400;
	const char *text = j->last_text ? j->last_text : "delivery temporarily suspended";
	struct bounce_rcpt *br = xcalloc((size_t)n + 1, sizeof *br);
	for (int i = 0; i < n; i++) {
		br[i].rcpt = j->m->rcpt[i];
		if (reply) {
			br[i] = (struct bounce_rcpt){ j->m->rcpt[i], NULL, text, j->peer, j->last_cmd, NULL };
		} else {
			br[i].status = j->last_why == TRACE_WHY_NO_MX ? "4.4.3" : "4.4.1";
			br[i].text = text;
		}
	}
	bounce_send(s, j->host, j->m, br, n, TRACE_BOUNCE_EXPIRED, j->created, j->qid);
	free(br);
	job_free(s, j);
}

void mta_job_failed(struct sim *s, struct job *j)
{
	/* This exchanger did not work out: the next one, if any. */
	if (j->state == JS_CONN && j->mx_i + 1 < j->nmx) {
		j->mx_i++;
		j->state = JS_WAIT;
		mta_try_mx(s, j);
		return;
	}
	if (!mta_has_queue(s, j->host)) {
		mta_give_up_bot(s, j);
		return;
	}
	const struct sc_host *h = &s->sc->hosts[j->host];
	j->attempts++;
	mta_describe_failure(s, j);
	/* Postfix bounces at the first failed try once the mail is older
	 * than maximal_queue_lifetime, not in anticipation of it. */
	if (s->now - j->created >= h->lifetime_us) {
		mta_expire(s, j);
		return;
	}
	int64_t wait = mta_backoff(h, s->now - j->created);
	j->state = JS_DEFERRED;
	struct trace_rec *r = trace_begin(s, TR_DEFER, j->host);
	r->role = (int)job_role(s, j);
	r->u.defer.why = j->last_text ? j->last_why : TRACE_WHY_NO_MX;
	r->u.defer.code = j->last_code;
	r->u.defer.text = j->last_text ? j->last_text : "";
	r->u.defer.retry_us = wait;
	if (j->blocked_router >= 0)
		r->peer = s->sc->nhosts + j->blocked_router;
	trace_end(s, r, j->m);
	for (int i = 0; i < j->m->nrcpt; i++)
		ledger_set(s, j->m->ledger, j->m->rcpt[i], LS_QUEUED, j->host);
	engine_schedule(s, s->now + wait, EV_JOB_RUN, j->id, 0);
}

/* A host without a queue (a bot, a mail program going direct) was
 * refused for good: the ledger says so, nobody bounces. */
static void mta_reject_direct(struct sim *s, struct job *j, const int *failed)
{
	for (int i = 0; i < j->m->nrcpt; i++) {
		if (!failed[i])
			continue;
		struct ledger_rcpt *lr = ledger_rcpt_find(s, j->m->ledger, j->m->rcpt[i]);
		if (lr) {
			ledger_enter(s, j->m->ledger, lr, LS_REJECTED, j->host);
			lr->code = j->rcode[i];
			free(lr->reason);
			lr->reason = xstrdup(j->rtext[i] ? j->rtext[i] : "");
		}
	}
}

/* The recipients a server refused for good (failed[i]) go back to the
 * sender, each with the reply, the server and the command it answered. */
static void mta_bounce_refused(struct sim *s, struct job *j, const int *failed)
{
	int n = j->m->nrcpt, k = 0;
	struct bounce_rcpt *br = xcalloc((size_t)n + 1, sizeof *br);
	for (int i = 0; i < n; i++)
		if (failed[i])
			br[k++] = (struct bounce_rcpt){ j->m->rcpt[i], NULL, j->rtext[i] ? j->rtext[i] : "",
			                                j->peer, j->rcmd[i], NULL };
	bounce_send(s, j->host, j->m, br, k, TRACE_BOUNCE_REPLY, j->created, j->qid);
	free(br);
}

/* A session ended with QUIT: settle each recipient by its last reply. */
void mta_job_done(struct sim *s, struct job *j)
{
	int n = j->m->nrcpt;
	/* failed[i] and keep[i]: on the stack for the usual few recipients,
	 * else one block for both */
	int few[2 * 8] = { 0 };
	int *failed = n < 8 ? few : xcalloc(2 * ((size_t)n + 1), sizeof(int));
	int *keep = failed + (n < 8 ? 8 : n + 1);
	int nfailed = 0, nkeep = 0;
	for (int i = 0; i < n; i++) {
		int code = j->rcode[i];
		if (code >= 500) {
			failed[i] = 1;
			nfailed++;
		} else if (code < 200 || code >= 300) {
			keep[i] = 1;
			nkeep++;
		}
	}
	if (nfailed) {
		if (!mta_has_queue(s, j->host))
			mta_reject_direct(s, j, failed);
		else
			mta_bounce_refused(s, j, failed);
	}
	if (!nkeep) {
		job_free(s, j);
	} else {
		/* The deferral this session gave is the one to remember. */
		for (int i = 0; i < n; i++)
			if (keep[i] && j->rtext[i]) {
				j->last_code = j->rcode[i];
				free(j->last_text);
				j->last_text = xstrdup(j->rtext[i]);
				j->last_why = TRACE_WHY_REPLY;
				j->last_cmd = j->rcmd[i];
				break;
			}
		job_keep_rcpts(s, j, keep);
		mta_job_failed(s, j);
	}
	if (failed != few)
		free(failed);
}
