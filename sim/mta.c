/* mta — the transfer agent: takes responsibility for accepted mail, splits
 * it by destination (local delivery or a relay per domain), looks up MX
 * records, tries the exchangers in preference order, retries with Postfix's
 * backoff, and returns what cannot be delivered to the envelope sender. */
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

/* A copy of m with only the recipients for which pick(i) holds. */
static struct msg *mta_split(const struct msg *m, const int *pick, int want)
{
	struct msg *c = msg_clone(m);
	msg_clear_rcpt(c);
	for (int i = 0; i < m->nrcpt; i++)
		if (pick[i] == want)
			msg_add_rcpt(c, m->rcpt[i]);
	return c;
}

void mta_accept(struct sim *s, int host, struct msg *m, int via_conn, int role)
{
	int n = m->nrcpt;
	/* group[i]: 0 local, k > 0 the k-th remote domain */
	int *group = xcalloc((size_t)n + 1, sizeof(int));
	int ngroups = 0;
	for (int i = 0; i < n; i++) {
		const char *d = dns_domain_of(m->rcpt[i]);
		if (mta_is_local_domain(s, host, d))
			continue;
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
	trace_end(s, r, m);

	for (int g = 0; g <= ngroups; g++) {
		int any = 0;
		for (int i = 0; i < n; i++)
			any |= group[i] == g;
		if (!any)
			continue;
		struct msg *part = mta_split(m, group, g);
		struct job *j = job_new(s, g == 0 ? JOB_LOCAL : JOB_RELAY, host, part);
		if (g == 0) {
			engine_schedule(s, s->now + SIM_LOCAL_DELAY_US, EV_DELIVER, j->id, 0);
		} else {
			j->domain = xstrdup(dns_domain_of(part->rcpt[0]));
			engine_schedule(s, s->now + SIM_LOCAL_DELAY_US, EV_JOB_RUN, j->id, 0);
		}
	}
	free(group);
	msg_free(m);
}

/* Query the MX of the job's domain; the answer comes back as an event. */
void mta_job_run(struct sim *s, struct job *j)
{
	const struct scenario *sc = s->sc;
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

static void mta_try_mx(struct sim *s, struct job *j);

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
		sbuf_addf(&s->fmt, "%s%s IN MX %d %s [%s]", i ? "\n" : "", j->domain, j->mx[i].pref,
		          j->mx[i].name, j->mx[i].addr ? a : "no A record");
	}
	r->u.dns.answer = s->fmt.s;
	trace_end(s, r, j->m);
	if (j->nmx <= 0) {
		char why[400];
		snprintf(why, sizeof why, "550 5.1.2 Host or domain name not found. "
		         "Name service error for name=%s type=MX: Host not found", j->domain);
		for (int i = 0; i < j->m->nrcpt; i++) {
			j->rcode[i] = 550;
			free(j->rtext[i]);
			j->rtext[i] = xstrdup(why);
		}
		mta_job_done(s, j);
		return;
	}
	mta_try_mx(s, j);
}

static void mta_try_mx(struct sim *s, struct job *j)
{
	const struct sc_host *self = &s->sc->hosts[j->host];
	while (j->mx_i < j->nmx && (!j->mx[j->mx_i].addr || j->mx[j->mx_i].addr == self->addr))
		j->mx_i++;
	if (j->mx_i >= j->nmx) {
		mta_job_failed(s, j);
		return;
	}
	j->blocked_router = j->blocked_rule = -1;
	struct conn *c = conn_open(s, j, j->mx[j->mx_i].addr, PORT_SMTP, PROTO_SMTP);
	c->want_tls = 1;   /* opportunistic STARTTLS between MTAs */
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

/* Backoff as Postfix: the delay doubles from minimal_backoff_time up to
 * maximal_backoff_time; past maximal_queue_lifetime the mail bounces. */
static int64_t mta_backoff(const struct sc_host *h, int attempts)
{
	int64_t d = h->retry_min_us;
	for (int i = 1; i < attempts && d < h->retry_max_us; i++)
		d *= 2;
	return d < h->retry_max_us ? d : h->retry_max_us;
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
	if (!(s->sc->hosts[j->host].roles & ROLE_BIT(ROLE_MTA))) {
		mta_give_up_bot(s, j);
		return;
	}
	const struct sc_host *h = &s->sc->hosts[j->host];
	j->attempts++;
	/* Postfix bounces at the first failed try once the mail is older
	 * than maximal_queue_lifetime, not in anticipation of it. */
	if (s->now - j->created >= h->lifetime_us) {
		int *all = xcalloc((size_t)j->m->nrcpt + 1, sizeof(int));
		int *codes = xcalloc((size_t)j->m->nrcpt + 1, sizeof(int));
		char **texts = xcalloc((size_t)j->m->nrcpt + 1, sizeof(char *));
		char why[300];
		snprintf(why, sizeof why, "4.4.7 delivery temporarily suspended: %s; "
		         "message expired after %lld seconds in the queue",
		         j->last_text ? j->last_text : "no answer",
		         (long long)((s->now - j->created) / 1000000));
		for (int i = 0; i < j->m->nrcpt; i++) {
			all[i] = 1;
			codes[i] = j->rcode[i] ? j->rcode[i] : 421;
			texts[i] = why;
		}
		bounce_send(s, j->host, j->m, all, codes, texts, "expired", j->created);
		free(all);
		free(codes);
		free(texts);
		job_free(s, j);
		return;
	}
	int64_t wait = mta_backoff(h, j->attempts);
	j->state = JS_DEFERRED;
	struct trace_rec *r = trace_begin(s, TR_DEFER, j->host);
	r->role = ROLE_MTA;
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

/* A session ended with QUIT: settle each recipient by its last reply. */
void mta_job_done(struct sim *s, struct job *j)
{
	int n = j->m->nrcpt;
	int *failed = xcalloc((size_t)n + 1, sizeof(int));
	int *keep = xcalloc((size_t)n + 1, sizeof(int));
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
		if (!(s->sc->hosts[j->host].roles & ROLE_BIT(ROLE_MTA))) {
			for (int i = 0; i < n; i++) {
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
		} else {
			bounce_send(s, j->host, j->m, failed, j->rcode, j->rtext, "rejected", j->created);
		}
	}
	if (!nkeep) {
		job_free(s, j);
	} else {
		for (int i = 0; i < n; i++)
			if (keep[i] && !j->last_text && j->rtext[i]) {
				j->last_code = j->rcode[i];
				j->last_text = xstrdup(j->rtext[i]);
				j->last_why = TRACE_WHY_REPLY;
			}
		job_keep_rcpts(j, keep);
		mta_job_failed(s, j);
	}
	free(failed);
	free(keep);
}
