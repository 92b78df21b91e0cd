/* conn — TCP connections and jobs.  A connection attempt walks the routers
 * on its path (net_evaluate); a dropped SYN makes the client time out, a
 * refused one fails at once.  Once open, one line travels at a time: the
 * mail protocols here are lock-step (no pipelining), which keeps the picture
 * a class follows simple and true. */
#include <string.h>

#include "simint.h"

struct job *job_new(struct sim *s, enum job_kind kind, int host, struct msg *m)
{
	struct job *j;
	if (s->njob_free) {
		j = s->jobs[s->job_free[--s->njob_free]];
	} else {
		if (s->njobs == s->capjobs) {
			s->capjobs = s->capjobs ? s->capjobs * 2 : 64;
			s->jobs = xrealloc(s->jobs, (size_t)s->capjobs * sizeof *s->jobs);
			s->job_free = xrealloc(s->job_free, (size_t)s->capjobs * sizeof(int));
		}
		j = xmalloc(sizeof *j);
		j->id = s->njobs;
		s->jobs[s->njobs++] = j;
	}
	int id = j->id;
	memset(j, 0, sizeof *j);
	j->id = id;
	j->used = 1;
	j->kind = kind;
	j->state = JS_WAIT;
	j->host = host;
	j->m = m;
	j->user = -1;
	j->target = -1;
	j->conn = -1;
	j->created = s->now;
	j->blocked_router = j->blocked_rule = -1;
	if (m && m->nrcpt) {
		j->rcode = xcalloc((size_t)m->nrcpt, sizeof(int));
		j->rtext = xcalloc((size_t)m->nrcpt, sizeof(char *));
	}
	return j;
}

struct job *job_get(struct sim *s, int id)
{
	if (id < 0 || id >= s->njobs || !s->jobs[id]->used)
		PANIC("job %d is not live", id);
	return s->jobs[id];
}

int job_is_mua(const struct sim *s, const struct job *j)
{
	return (j->kind == JOB_SUBMIT && j->user >= 0) || j->kind == JOB_FETCH ||
	       (j->kind == JOB_DIRECT && j->user >= 0 &&
	        !(s->sc->hosts[j->host].roles & ROLE_BIT(ROLE_MTA)));
}

void job_add_rcpt(struct sim *s, struct job *j, const char *addr)
{
	(void)s;
	int n = j->m->nrcpt;
	msg_add_rcpt(j->m, addr);
	j->rcode = xrealloc(j->rcode, (size_t)(n + 1) * sizeof *j->rcode);
	j->rtext = xrealloc(j->rtext, (size_t)(n + 1) * sizeof *j->rtext);
	j->rcode[n] = 0;
	j->rtext[n] = NULL;
}

void job_keep_rcpts(struct job *j, const int *keep)
{
	int n = j->m->nrcpt, k = 0;
	char **old = j->m->rcpt;
	j->m->rcpt = xcalloc((size_t)n + 1, sizeof(char *));
	j->m->caprcpt = n + 1;
	for (int i = 0; i < n; i++) {
		if (keep[i])
			j->m->rcpt[k++] = old[i];
		else
			free(old[i]);
		free(j->rtext[i]);
		j->rtext[i] = NULL;
		j->rcode[i] = 0;
	}
	j->m->nrcpt = k;
	free(old);
}

static void job_release(struct job *j)
{
	if (j->rcode && j->m)
		for (int i = 0; i < j->m->nrcpt; i++)
			free(j->rtext[i]);
	free(j->rcode);
	free(j->rtext);
	free(j->domain);
	free(j->last_text);
	free(j->password);
	free(j->mx);
	msg_free(j->m);
}

void job_free(struct sim *s, struct job *j)
{
	if (!j || !j->used)
		return;
	job_release(j);
	j->m = NULL;
	j->rcode = NULL;
	j->rtext = NULL;
	j->domain = j->last_text = j->password = NULL;
	j->mx = NULL;
	j->used = 0;
	s->job_free[s->njob_free++] = j->id;
}

struct conn *conn_get(struct sim *s, int slot)
{
	if (slot < 0 || slot >= s->nconns || !s->conns[slot]->used)
		PANIC("connection slot %d is not live", slot);
	return s->conns[slot];
}

static struct conn *conn_alloc(struct sim *s)
{
	struct conn *c;
	if (s->nconn_free) {
		c = s->conns[s->conn_free[--s->nconn_free]];
	} else {
		if (s->nconns == s->capconns) {
			s->capconns = s->capconns ? s->capconns * 2 : 64;
			s->conns = xrealloc(s->conns, (size_t)s->capconns * sizeof *s->conns);
			s->conn_free = xrealloc(s->conn_free, (size_t)s->capconns * sizeof(int));
		}
		c = xcalloc(1, sizeof *c);
		c->slot = s->nconns;
		s->conns[s->nconns++] = c;
	}
	/* Keep the line buffer's storage: one allocation per slot, not per line. */
	struct sbuf keep = c->line;
	int slot = c->slot;
	memset(c, 0, sizeof *c);
	c->slot = slot;
	c->line = keep;
	sbuf_reset(&c->line);
	c->used = 1;
	c->id = ++s->next_conn_id;
	c->auth_user = -1;
	c->job = -1;
	return c;
}

static void conn_release(struct conn *c)
{
	free(c->helo);
	free(c->auth_login);
	free(c->s_mail_from);
	for (int i = 0; i < c->s_nrcpt; i++)
		free(c->s_rcpt[i]);
	free(c->s_rcpt);
	free(c->s_items);
	c->helo = c->s_mail_from = c->auth_login = NULL;
	c->s_rcpt = NULL;
	c->s_items = NULL;
	c->s_nrcpt = c->s_caprcpt = c->s_nitems = 0;
}

int sim_host_listens(const struct sim *s, int host, int port)
{
	if (host < 0)
		return 0;
	unsigned roles = s->sc->hosts[host].roles;
	switch (port) {
	case 25:
		return !!(roles & ROLE_BIT(ROLE_MTA));
	case 587:
	case 465:
		return !!(roles & ROLE_BIT(ROLE_MSA));
	case 110:
	case 995:
	case 143:
	case 993:
		return !!(roles & ROLE_BIT(ROLE_MRA));
	default:
		return 0;
	}
}

struct conn *conn_open(struct sim *s, struct job *j, uint32_t addr, int port,
                       enum proto proto)
{
	const struct scenario *sc = s->sc;
	struct conn *c = conn_alloc(s);
	c->job = j->id;
	c->client = j->host;
	c->server_addr = addr;
	c->server = sim_host_of_ip(s, addr);
	c->port = port;
	c->proto = proto;
	c->phase = CONN_SYN;
	j->conn = c->slot;
	j->state = JS_CONN;

	int src_net = sc->hosts[c->client].net;
	int dst_net = c->server >= 0 ? sc->hosts[c->server].net : net_of_addr(sc, addr);
	const struct net_path *p = dst_net >= 0 ? net_path_between(&s->net, src_net, dst_net)
	                                        : NULL;
	static const struct net_path conn_no_path;   /* ok = 0 */
	c->path = p ? p : &conn_no_path;
	c->verdict = (struct net_verdict){ RULE_ACCEPT, -1, -1, -1, c->path->latency_us };
	if (p && p->ok)
		c->verdict = net_evaluate(&s->net, p, sc->hosts[c->client].addr, src_net, addr,
		                          dst_net, port);

	/* From the first SYN the message is on its way, not in the outbox. */
	for (int i = 0; j->m && i < j->m->nrcpt; i++)
		ledger_set(s, j->m->ledger, j->m->rcpt[i], LS_IN_FLIGHT, c->client);
	char a[16];
	scenario_format_ipv4(addr, a);
	struct trace_rec *r = trace_begin(s, TR_CONNECT, c->client);
	r->peer = c->server;
	r->conn = c->id;
	r->proto = proto;
	r->port = port;
	r->text = a;
	r->role = j->kind == JOB_RELAY ? ROLE_MTA : ROLE_MUA;
	trace_end(s, r, j->m);

	c->in_flight = 1;
	c->to_server = 1;
	c->t_sent = s->now;
	if (!p || !p->ok) {
		/* No route: the SYN goes nowhere and the client times out. */
		c->t_arrive = s->now + SIM_CONNECT_TIMEOUT_US;
		sim_schedule(s, s->now + SIM_CONNECT_TIMEOUT_US, EV_CONN_TIMEOUT, c->slot, 0);
	} else if (c->verdict.action != RULE_ACCEPT) {
		c->t_arrive = s->now + c->verdict.latency_us;
		sim_schedule(s, c->t_arrive, EV_SYN_STOPPED, c->slot, 0);
	} else {
		c->t_arrive = s->now + c->path->latency_us;
		sim_schedule(s, c->t_arrive, EV_SYN_ARRIVE, c->slot, 0);
	}
	return c;
}

void conn_send(struct sim *s, struct conn *c, int to_server, const char *line)
{
	if (c->in_flight)
		PANIC("conn %d: a line is already on the wire", c->id);
	/* Sized to fit (grown, or shrunk after a long EHLO reply), not doubled:
	 * thousands of connections may be open at once. */
	size_t n = strlen(line);
	if (n + 1 > c->line.cap || (c->line.cap > 64 && n + 1 < c->line.cap / 2)) {
		c->line.s = xrealloc(c->line.s, n + 1);
		c->line.cap = n + 1;
	}
	memcpy(c->line.s, line, n + 1);
	c->line.len = n;
	c->in_flight = 1;
	c->to_server = to_server;
	c->t_sent = s->now;
	c->t_arrive = s->now + c->path->latency_us;
	sim_schedule(s, c->t_arrive, EV_LINE, c->slot, to_server);
}

struct trace_rec *conn_trace_line(struct sim *s, struct conn *c, enum trace_kind k)
{
	int at_server = k == TR_CMD;
	struct trace_rec *r = trace_begin(s, k, at_server ? c->server : c->client);
	r->peer = at_server ? c->client : c->server;
	r->conn = c->id;
	r->proto = (enum proto)c->proto;
	r->port = c->port;
	r->tls = c->tls;
	r->t_sent = c->t_sent;   /* so a sequence chart can draw the line's flight */
	return r;
}

void conn_close(struct sim *s, struct conn *c)
{
	struct trace_rec *r = trace_begin(s, TR_CLOSE, c->client);
	r->peer = c->server;
	r->conn = c->id;
	r->proto = c->proto;
	r->port = c->port;
	r->tls = c->tls;
	trace_end(s, r, NULL);
	conn_drop(s, c);
}

void conn_drop(struct sim *s, struct conn *c)
{
	if (c->job >= 0 && c->job < s->njobs && s->jobs[c->job]->used &&
	    s->jobs[c->job]->conn == c->slot)
		s->jobs[c->job]->conn = -1;
	conn_release(c);
	c->phase = CONN_CLOSED;
	c->in_flight = 0;
	c->carry = NULL;
	c->used = 0;
	s->conn_free[s->nconn_free++] = c->slot;
}

void conn_free_all(struct sim *s)
{
	for (int i = 0; i < s->nconns; i++) {
		if (s->conns[i]->used)
			conn_release(s->conns[i]);
		sbuf_free(&s->conns[i]->line);
		free(s->conns[i]);
	}
	free(s->conns);
	free(s->conn_free);
	for (int i = 0; i < s->njobs; i++) {
		if (s->jobs[i]->used)
			job_release(s->jobs[i]);
		free(s->jobs[i]);
	}
	free(s->jobs);
	free(s->job_free);
}
