/* conn — TCP connections.  A connection attempt walks the routers
 * on its path (net_evaluate); a dropped SYN makes the client time out, a
 * refused one fails at once.  Once open, one line travels at a time: the
 * mail protocols here are lock-step, which keeps the picture a class
 * follows simple and true; a pipelined burst (RFC 2920) travels as one
 * line of several commands (conn->burst). */
#include <stddef.h>
#include <string.h>

#include "mta_auth.h"
#include "simint.h"

struct conn *conn_get(struct sim *s, int slot)
{
	if (slot < 0 || slot >= s->nconns || !s->conns[slot]->used)
		PANIC("connection slot %d is not live", slot);
	return s->conns[slot];
}

/* A snapshot's free slots share this empty connection, as jobs do
 * (job_vacant): conn_alloc gives the slot its own storage again. */
static struct conn conn_vacant;

/* A connection record of a kept snapshot, counted by the kept snapshots
 * holding it, as jobs do (job_kept). */
struct conn_kept {
	int refs;
	struct conn c;
};

static struct conn_kept *conn_kept_of(struct conn *c)
{
	return (struct conn_kept *)(void *)((char *)c - offsetof(struct conn_kept, c));
}

static struct conn *conn_alloc(struct sim *s)
{
	struct conn *c;
	if (s->nconn_free) {
		int slot = s->conn_free[--s->nconn_free];
		c = s->conns[slot];
		if (c == &conn_vacant) {
			c = xcalloc(1, sizeof *c);
			c->slot = slot;
			s->conns[slot] = c;
		}
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
	/* Keep the line buffers' storage and the server's recipient array:
	 * one allocation per slot, not per line or per connection. */
	struct sbuf keep = c->line, keep_out = c->burst_out;
	const char **keep_explain = c->burst_explain;
	int keep_cap = c->capburst_explain;
	char **keep_rcpt = c->s_rcpt;
	int keep_caprcpt = c->s_caprcpt;
	int slot = c->slot;
	memset(c, 0, sizeof *c);
	c->slot = slot;
	c->line = keep;
	c->burst_out = keep_out;
	c->burst_explain = keep_explain;
	c->capburst_explain = keep_cap;
	c->s_rcpt = keep_rcpt;
	c->s_caprcpt = keep_caprcpt;
	sbuf_reset(&c->line);
	sbuf_reset(&c->burst_out);
	c->used = 1;
	c->id = ++s->next_conn_id;
	c->auth_user = -1;
	c->job = -1;
	return c;
}

static void conn_release(struct sim *s, struct conn *c)
{
	conn_str_put(s, c->helo);
	free(c->auth_login);
	free(c->stamp);
	conn_str_put(s, c->s_mail_from);
	for (int i = 0; i < c->s_nrcpt; i++)
		conn_str_put(s, c->s_rcpt[i]);
	/* s_rcpt itself stays with the slot (conn_alloc); conn_free_all frees it. */
	free(c->s_items);
	mta_auth_free(c->auth);
	c->auth = NULL;
	c->helo = c->s_mail_from = c->auth_login = c->stamp = NULL;
	c->s_items = NULL;
	c->s_nrcpt = c->s_nitems = 0;
}

int sim_host_listens(const struct sim *s, int host, int port)
{
	if (host < 0)
		return 0;
	unsigned roles = s->sc->hosts[host].roles;
	switch (port) {
	case PORT_SMTP:
		return !!(roles & ROLE_BIT(ROLE_MTA));
	case PORT_LMTP:
		/* Dovecot's lmtp service runs where an MTA hands mail to it. */
		return (roles & ROLE_BIT(ROLE_MDA)) && scenario_lmtp_client(s->sc, host) >= 0;
	case PORT_SUBMISSION:
	case PORT_SUBMISSIONS:
		return !!(roles & ROLE_BIT(ROLE_MSA));
	case PORT_POP3:
	case PORT_POP3S:
	case PORT_IMAP:
	case PORT_IMAPS:
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
	c->server = engine_host_of_ip(s, addr);
	c->port = port;
	/* What listens on 24 speaks LMTP, whoever connects (a hand-typed
	 * session too). */
	c->proto = proto == PROTO_SMTP && port == PORT_LMTP ? PROTO_LMTP : proto;
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
	struct trace_rec *r = trace_begin(s, TR_CONNECT, c->client);
	r->peer = c->server;
	r->conn = c->id;
	r->proto = (uint8_t)c->proto;
	r->port = port;
	r->u.connect.addr = addr;
	r->role = (int)job_role(s, j);
	trace_end(s, r, j->m);
	sniff_syn(s, c);

	c->in_flight = 1;
	c->to_server = 1;
	c->t_sent = s->now;
	if (!p || !p->ok) {
		/* No route: the SYN goes nowhere and the client times out. */
		c->t_arrive = s->now + SIM_CONNECT_TIMEOUT_US;
		engine_schedule(s, s->now + SIM_CONNECT_TIMEOUT_US, EV_CONN_TIMEOUT, c->slot, 0);
	} else if (c->verdict.action != RULE_ACCEPT) {
		c->t_arrive = s->now + c->verdict.latency_us;
		engine_schedule(s, c->t_arrive, EV_SYN_STOPPED, c->slot, 0);
	} else {
		c->t_arrive = s->now + c->path->latency_us;
		engine_schedule(s, c->t_arrive, EV_SYN_ARRIVE, c->slot, 0);
	}
	return c;
}

/* The class of a buffer of need bytes, -1 past the largest. */
static int conn_line_class(size_t need)
{
	_Static_assert(CONN_LINE_MIN == 16, "conn_line_class counts from 16 = 1 << 4");
	if (need <= CONN_LINE_MIN)
		return 0;
	/* the smallest k with 16 << k >= need: the bit length of need - 1,
	 * less four (a line and a string are sized at every turn) */
	int k = 64 - __builtin_clzll((unsigned long long)(need - 1)) - 4;
	return k < CONN_LINE_CLASSES ? k : -1;
}

/* Give b's storage back: to its class's spare list if it is exactly a
 * class's size (a snapshot's copies are sized to fit), else to free(). */
static void conn_line_put(struct sim *s, struct sbuf *b)
{
	int k = b->s ? conn_line_class(b->cap) : -1;
	if (k >= 0 && (size_t)CONN_LINE_MIN << k == b->cap) {
		memcpy(b->s, &s->line_free[k], sizeof(char *));
		s->line_free[k] = b->s;
	} else {
		free(b->s);
	}
	b->s = NULL;
	b->cap = b->len = 0;
}

/* Room for need bytes in b: the lines of a session change length at every
 * turn (a greeting, a long EHLO reply, a short command), and resizing
 * each one cost a realloc per line; buffers of the right class are
 * swapped instead, from spare lists the run keeps. */
static void conn_line_fit(struct sim *s, struct sbuf *b, size_t need)
{
	int k = conn_line_class(need);
	size_t cap = k >= 0 ? (size_t)CONN_LINE_MIN << k : need;
	if (b->s && b->cap == cap)
		return;
	conn_line_put(s, b);
	if (k >= 0 && s->line_free[k]) {
		b->s = s->line_free[k];
		memcpy(&s->line_free[k], b->s, sizeof(char *));
	} else {
		b->s = xmalloc(cap);
	}
	b->cap = cap;
}

void conn_send(struct sim *s, struct conn *c, int to_server, const char *line)
{
	conn_send_later(s, c, to_server, line, 0);
}

void conn_send_later(struct sim *s, struct conn *c, int to_server, const char *line,
                     int64_t delay_us)
{
	if (c->in_flight)
		PANIC("conn %d: a line is already on the wire", c->id);
	if (c->hold_tls)   /* the path is the connection's for its life */
		delay_us += 2 * c->path->latency_us;
	c->hold_tls = 0;
	/* The class that fits, not doubled: thousands of connections may be
	 * open at once. */
	size_t n = strlen(line);
	conn_line_fit(s, &c->line, n + 1);
	memcpy(c->line.s, line, n + 1);
	c->line.len = n;
	c->payload = 0;
	c->explain = NULL;
	c->burst = 0;
	c->in_flight = 1;
	c->to_server = to_server;
	c->t_sent = s->now + delay_us;
	c->t_arrive = c->t_sent + c->path->latency_us;
	engine_schedule(s, c->t_arrive, EV_LINE, c->slot, to_server);
}

struct trace_rec *conn_trace_line(struct sim *s, struct conn *c, enum trace_kind k)
{
	int at_server = k == TR_CMD;
	struct trace_rec *r = trace_begin(s, k, at_server ? c->server : c->client);
	r->peer = at_server ? c->client : c->server;
	r->conn = c->id;
	r->proto = c->proto;
	r->port = c->port;
	r->tls = c->tls;
	r->t_sent = c->t_sent;   /* so a sequence chart can draw the line's flight */
	r->u.line.explain = c->explain;
	return r;
}

int conn_plaintext_login_ok(const struct sim *s, const struct conn *c)
{
	return c->tls || c->client == c->server || c->server < 0 ||
	       !s->sc->hosts[c->server].disable_plaintext_auth;
}

char *conn_str_new(struct sim *s, const char *str)
{
	size_t n = strlen(str) + 1;
	int k = conn_line_class(n);
	char *p;
	if (k >= 0 && s->line_free[k]) {
		p = s->line_free[k];
		memcpy(&s->line_free[k], p, sizeof(char *));
	} else {
		p = xmalloc(k >= 0 ? (size_t)CONN_LINE_MIN << k : n);
	}
	memcpy(p, str, n);
	return p;
}

void conn_str_put(struct sim *s, char *p)
{
	if (!p)
		return;
	int k = conn_line_class(strlen(p) + 1);
	if (k < 0) {
		free(p);
		return;
	}
	memcpy(p, &s->line_free[k], sizeof(char *));
	s->line_free[k] = p;
}

void conn_set_helo(struct sim *s, struct conn *c, const char *name, int kind)
{
	if (!c->helo || strcmp(c->helo, name) != 0) {
		conn_str_put(s, c->helo);
		c->helo = conn_str_new(s, name);
	}
	c->helo_kind = (uint8_t)kind;
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
	if (c->proto == PROTO_POP3)
		pop3_conn_closed(s, c);
	if (c->job >= 0 && c->job < s->njobs && s->jobs[c->job]->used &&
	    s->jobs[c->job]->conn == c->slot)
		s->jobs[c->job]->conn = -1;
	conn_release(s, c);
	c->phase = CONN_CLOSED;
	c->in_flight = 0;
	c->carry = NULL;
	c->used = 0;
	s->conn_free[s->nconn_free++] = c->slot;
}

void conn_free_all(struct sim *s)
{
	for (int i = 0; i < s->nconns; i++) {
		if (s->conns[i] == &conn_vacant)
			continue;
		if (s->kept && --conn_kept_of(s->conns[i])->refs > 0)
			continue;   /* the last holder frees it */
		if (s->conns[i]->used)
			conn_release(s, s->conns[i]);
		free(s->conns[i]->s_rcpt);
		sbuf_free(&s->conns[i]->line);
		sbuf_free(&s->conns[i]->burst_out);
		free(s->conns[i]->burst_explain);
		free(s->kept ? (void *)conn_kept_of(s->conns[i]) : (void *)s->conns[i]);
	}
	free(s->conns);
	free(s->conn_free);
	for (int k = 0; k < CONN_LINE_CLASSES; k++)
		while (s->line_free[k]) {
			char *spare = s->line_free[k];
			memcpy(&s->line_free[k], spare, sizeof(char *));
			free(spare);
		}
}

static char *conn_dup(const char *str)
{
	return str ? xstrdup(str) : NULL;
}

static void conn_sbuf_copy(struct sbuf *b, const struct sbuf *a)
{
	sbuf_init(b);
	if (a->s)
		sbuf_add(b, a->s, a->len);
}

static void conn_copy(struct sim *dst, const struct sim *src, struct conn *b, const struct conn *a,
                      struct snapshot_map *map)
{
	memcpy(b, a, sizeof *b);   /* a live connection (free slots are conn_vacant),
	                            * padding and all: conn_masked compares it */
	conn_sbuf_copy(&b->line, &a->line);
	conn_sbuf_copy(&b->burst_out, &a->burst_out);
	b->capburst_explain = a->nburst_explain;
	b->burst_explain = NULL;
	if (a->nburst_explain) {
		b->burst_explain = xmalloc((size_t)a->nburst_explain * sizeof *b->burst_explain);
		memcpy(b->burst_explain, a->burst_explain,
		       (size_t)a->nburst_explain * sizeof *b->burst_explain);
	}
	/* The strings of the class the copy's run gives them back to. */
	b->helo = a->helo ? conn_str_new(dst, a->helo) : NULL;
	b->auth_login = conn_dup(a->auth_login);
	b->stamp = conn_dup(a->stamp);
	b->s_mail_from = a->s_mail_from ? conn_str_new(dst, a->s_mail_from) : NULL;
	b->s_caprcpt = a->s_nrcpt;
	b->s_rcpt = a->s_nrcpt ? xmalloc((size_t)a->s_nrcpt * sizeof *b->s_rcpt) : NULL;
	for (int i = 0; i < a->s_nrcpt; i++)
		b->s_rcpt[i] = conn_str_new(dst, a->s_rcpt[i]);
	b->s_items = NULL;
	if (a->s_nitems) {
		b->s_items = xmalloc((size_t)a->s_nitems * sizeof *b->s_items);
		memcpy(b->s_items, a->s_items, (size_t)a->s_nitems * sizeof *b->s_items);
	}
	b->auth = mta_auth_clone(a->auth, map);
	if (a->path) {
		size_t nn = (size_t)(src->sc->nnets ? src->sc->nnets : 1);
		if (a->path < src->net.paths || a->path >= src->net.paths + nn * nn)
			PANIC("connection %d: its path is not the network's", a->id);
		b->path = dst->net.paths + (a->path - src->net.paths);
	}
	b->carry = NULL;   /* found once every owner is copied */
}

static int conn_str_same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static int conn_sbuf_same(const struct sbuf *a, const struct sbuf *b)
{
	return a->len == b->len && (!a->len || memcmp(a->s, b->s, a->len) == 0);
}

/* The fields a copy holds apart (conn_copy) left out, to compare the rest
 * byte for byte; the carried message stays in (the copy carries the same
 * one), the path goes (compared by its place in the network's arrays). */
static void conn_masked(struct conn *x, const struct conn *c)
{
	/* memcpy, not assignment: the bytes around the one-bit flags are
	 * padding, which memcmp compares too (a connection starts zeroed). */
	memcpy(x, c, sizeof *x);
	x->line = x->burst_out = (struct sbuf){ 0 };
	x->burst_explain = NULL;
	x->capburst_explain = x->s_caprcpt = 0;
	x->helo = x->auth_login = x->stamp = x->s_mail_from = NULL;
	x->s_rcpt = NULL;
	x->s_items = NULL;
	x->path = NULL;
}

/* Is b (slot i of the kept snapshot prev) a copy of src's connection a as
 * it is now, in a dst that holds prev's network arrays?  One with checks
 * in progress (auth) is always copied. */
static int conn_same(const struct sim *dst, const struct sim *src, const struct sim *prev,
                     const struct conn *a, const struct conn *b)
{
	struct conn x, y;
	conn_masked(&x, a);
	conn_masked(&y, b);
	if (a->auth || b->auth || memcmp(&x, &y, sizeof x) != 0 || !a->path != !b->path ||
	    (a->path && (dst->net.paths != prev->net.paths || a->path - src->net.paths != b->path - prev->net.paths)))
		return 0;
	if (!conn_sbuf_same(&a->line, &b->line) || !conn_sbuf_same(&a->burst_out, &b->burst_out) ||
	    !conn_str_same(a->helo, b->helo) || !conn_str_same(a->auth_login, b->auth_login) ||
	    !conn_str_same(a->stamp, b->stamp) || !conn_str_same(a->s_mail_from, b->s_mail_from))
		return 0;
	if (a->nburst_explain &&
	    memcmp(a->burst_explain, b->burst_explain, (size_t)a->nburst_explain * sizeof *a->burst_explain) != 0)
		return 0;
	for (int i = 0; i < a->s_nrcpt; i++)
		if (!conn_str_same(a->s_rcpt[i], b->s_rcpt[i]))
			return 0;
	return !a->s_nitems || memcmp(a->s_items, b->s_items, (size_t)a->s_nitems * sizeof *a->s_items) == 0;
}

/* Slot i of a kept dst: prev's record while the connection is as it holds
 * it, else a counted copy (its carry set by conn_snapshot). */
static struct conn *conn_keep(struct sim *dst, const struct sim *src, const struct sim *prev, int i,
                              struct snapshot_map *map)
{
	const struct conn *a = src->conns[i];
	if (prev && i < prev->nconns && prev->conns[i] != &conn_vacant && conn_same(dst, src, prev, a, prev->conns[i])) {
		conn_kept_of(prev->conns[i])->refs++;
		return prev->conns[i];
	}
	struct conn_kept *k = xmalloc(sizeof *k);
	k->refs = 1;
	conn_copy(dst, src, &k->c, a, map);
	return &k->c;
}

void conn_snapshot(struct sim *dst, const struct sim *src, const struct sim *prev, struct snapshot_map *map)
{
	/* The same slots and free list, as for jobs. */
	dst->nconns = dst->capconns = src->nconns;
	dst->nconn_free = src->nconn_free;
	dst->next_conn_id = src->next_conn_id;
	if (!src->nconns)
		return;
	dst->conns = xmalloc((size_t)src->nconns * sizeof *dst->conns);
	dst->conn_free = xmalloc((size_t)src->nconns * sizeof *dst->conn_free);
	memcpy(dst->conn_free, src->conn_free, (size_t)src->nconn_free * sizeof *dst->conn_free);
	for (int i = 0; i < src->nconns; i++) {
		if (!src->conns[i]->used) {
			dst->conns[i] = &conn_vacant;
			continue;
		}
		if (dst->kept) {
			dst->conns[i] = conn_keep(dst, src, prev, i, map);
			continue;
		}
		dst->conns[i] = xmalloc(sizeof **dst->conns);
		conn_copy(dst, src, dst->conns[i], src->conns[i], map);
	}
	for (int i = 0; i < src->nconns; i++) {
		if (dst->conns[i] == &conn_vacant)
			continue;
		struct msg *carry = snapshot_msg_ref(map, src->conns[i]->carry);
		if (!dst->kept || conn_kept_of(dst->conns[i])->refs == 1)
			dst->conns[i]->carry = carry;
		else if (dst->conns[i]->carry != carry)   /* shared: it carries the same */
			PANIC("conn_snapshot: connection %d carries another message", src->conns[i]->id);
	}
}
