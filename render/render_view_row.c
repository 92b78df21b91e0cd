/* render_view_row — the map as of the current row (see render_view_row.h). */
#include "render_view_row.h"

#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_view.h"
#include "trace_sniff.h"
#include "ledger.h"
#include "mimetree.h"

/* Past this many untold records (a delivery to 10,000 Bcc recipients is
 * one event) the map shows the end of the event: taking each row back
 * would cost a pass over every copy per record, on every frame. */
#define RENDER_VIEW_ROW_MAX 2000
/* TLS 1.3's record overhead (header, content type, tag), as sim/sniff.c
 * counts it */
#define RENDER_VIEW_ROW_TLS 22

int render_view_row_untold(const struct render_app *a, const struct trace_rec **tr, size_t *from, size_t *n)
{
	size_t told = 0;
	render_view_trace(a, &told);
	*tr = sim_trace(timeline_sim(a->tl), n);
	if (told >= *n) {
		*from = *n;
		return 0;
	}
	while (told > 0 && (*tr)[told - 1].kind == TR_STATE && (*tr)[told - 1].event == (*tr)[told].event)
		told--;
	*from = told;
	if (*n - told > RENDER_VIEW_ROW_MAX) {
		*from = *n;
		return 0;
	}
	return 1;
}

static const char *render_view_row_user(const struct render_app *a, int user)
{
	return user >= 0 && user < a->sc->nusers ? a->sc->users[user].address : NULL;
}

static int render_view_row_has_rcpt(const struct msg *m, const char *addr)
{
	for (int i = 0; addr && i < m->nrcpt; i++)
		if (util_strcasecmp(m->rcpt[i], addr) == 0)
			return 1;
	return 0;
}

/* Does copy c (drawn or not, as on) fit record r's effect?  The last one
 * that does is taken: the newest copy of a list. */
static int render_view_row_made(const struct render_app *a, const struct sim_copy *c, const struct trace_rec *r)
{
	if (!c->m || c->m->ledger != r->msg || c->node != r->node)
		return 0;
	switch (r->kind) {
	case TR_DELIVER:
	case TR_FETCHED: {
		const char *mb = render_view_row_user(a, r->u.box.user);
		enum sim_holder h = r->kind == TR_DELIVER ? HOLD_MAILBOX : HOLD_FETCHED;
		return c->holder == h && mb && c->mailbox && util_strcasecmp(mb, c->mailbox) == 0;
	}
	case TR_QUEUED:
		if (c->holder != HOLD_QUEUE)
			return 0;
		return r->u.queued.how != TRACE_TAKE_FORWARD || render_view_row_has_rcpt(c->m, r->u.queued.to);
	case TR_BOUNCE:
		return c->holder == HOLD_QUEUE || c->holder == HOLD_OUTBOX;
	default:
		return 0;
	}
}

/* Hide the copy record r made; returns its index, or n if none is drawn. */
static size_t render_view_row_hide(const struct render_app *a, const struct sim_copy *copy, size_t n,
                                   unsigned char *keep, const struct trace_rec *r)
{
	for (size_t i = n; i-- > 0;)
		if (keep[i] && render_view_row_made(a, &copy[i], r)) {
			keep[i] = 0;
			return i;
		}
	return n;
}

/* Show again the envelope the client of connection conn kept of ledger
 * entry msg: before the server took the content it was a letter on the
 * wire.  Returns 1 if there is one. */
static int render_view_row_unhand(const struct sim_copy *copy, size_t n, unsigned char *keep, int conn, int msg)
{
	for (size_t i = 0; conn >= 0 && i < n; i++) {
		const struct sim_copy *c = &copy[i];
		if (c->m && c->holder == HOLD_CONN && c->conn == conn && c->m->ledger == msg &&
		    (c->m->flags & MSG_F_HANDED)) {
			keep[i] = 1;
			return 1;
		}
	}
	return 0;
}

/* Is copy c one of the present event's forwards (told or not)?  Those are
 * new; the copy they came from is another. */
static int render_view_row_forward(const struct trace_rec *tr, size_t from, size_t n, const struct sim_copy *c)
{
	size_t first = from;
	while (first > 0 && n > from && tr[first - 1].event == tr[from].event)
		first--;
	for (size_t i = first; i < n; i++)
		if (tr[i].kind == TR_QUEUED && tr[i].u.queued.how == TRACE_TAKE_FORWARD && tr[i].msg == c->m->ledger &&
		    render_view_row_has_rcpt(c->m, tr[i].u.queued.to))
			return 1;
	return 0;
}

/* Does a drawn copy of ledger entry msg wait in the queue at node, other
 * than the stand-ins so far and the event's forwards? */
static int render_view_row_waiting(const struct sim_copy *copy, size_t n, const unsigned char *keep,
                                   const struct trace_rec *tr, size_t from, size_t nt, int msg, int node)
{
	for (size_t i = 0; i < n; i++)
		if (keep[i] && copy[i].m && copy[i].m->ledger == msg && copy[i].node == node &&
		    copy[i].holder == HOLD_QUEUE && !render_view_row_forward(tr, from, nt, &copy[i]))
			return 1;
	return 0;
}

/* How many of m's top fields the delivery (or a forward, which marks its
 * copy with Delivered-To) wrote: the MDA prepends them (sim/mda.c), so they
 * are the leading Return-Path, Delivered-To and X-Original-To. */
static int render_view_row_delivery_fields(const struct msg *m)
{
	static const char *const names[] = { "Return-Path", "Delivered-To", "X-Original-To" };
	int k = 0;
	for (; k < m->nfields; k++) {
		size_t nl = 0;
		const char *n = msg_field_name(m, k, &nl);
		int found = 0;
		for (size_t j = 0; j < sizeof names / sizeof *names && !found; j++)
			found = nl == strlen(names[j]) && util_strncasecmp(n, names[j], nl) == 0;
		if (!found)
			break;
	}
	return k;
}

size_t render_view_row_copies(const struct render_app *a, const struct sim_copy *copy, size_t n,
                              unsigned char *keep, struct sim_copy *extra, struct msg *shell, size_t max)
{
	const struct trace_rec *tr;
	size_t from, nt, nx = 0;
	if (!render_view_row_untold(a, &tr, &from, &nt))
		return 0;
	for (size_t k = from; k < nt; k++) {
		const struct trace_rec *r = &tr[k];
		if (trace_kinds[r->kind].quiet || r->msg < 0)
			continue;
		/* A connection whose SYN is untold is not drawn yet (see
		 * render_view_row_conns): the letter it carries is still where
		 * it waited, in the outbox or the queue (lesson 01 stopped at the
		 * caption on m1 written: no letter at Alice's PC). */
		if (r->kind == TR_CONNECT) {
			for (size_t i = 0; i < n && nx < max; i++)
				if (keep[i] && copy[i].m && copy[i].holder == HOLD_CONN && copy[i].conn == r->conn &&
				    copy[i].m->ledger == r->msg) {
					keep[i] = 0;
					extra[nx] = copy[i];
					extra[nx].conn = -1;
					extra[nx].holder = copy[i].node >= 0 && copy[i].node < a->sc->nhosts &&
					                   (a->sc->hosts[copy[i].node].roles & ROLE_BIT(ROLE_MTA))
					                       ? HOLD_QUEUE : HOLD_OUTBOX;
					nx++;
				}
			continue;
		}
		/* A bounce is at its server from the row that writes it (its
		 * TR_BOUNCE, which takes it back while untold), queued or not. */
		if (r->kind == TR_QUEUED && r->u.queued.how == TRACE_TAKE_BOUNCE)
			continue;
		size_t i = render_view_row_hide(a, copy, n, keep, r);
		if (i == n)
			continue;
		if (r->kind == TR_QUEUED && r->u.queued.how != TRACE_TAKE_FORWARD) {
			/* Taken over a connection: the letter was still on it. */
			render_view_row_unhand(copy, n, keep, r->conn, r->msg);
			continue;
		}
		if (r->kind == TR_BOUNCE || r->kind == TR_FETCHED)
			continue;   /* a new letter, or one read from a mailbox that keeps it */
		/* Stored or forwarded: it waited at the server (on the LMTP
		 * connection, or in the queue), one letter for all its lines. */
		if (render_view_row_unhand(copy, n, keep, r->conn, r->msg))
			continue;
		int dup = render_view_row_waiting(copy, n, keep, tr, from, nt, r->msg, r->node);
		for (size_t x = 0; x < nx && !dup; x++)
			dup = extra[x].m->ledger == r->msg && extra[x].node == r->node;
		if (dup || nx == max)
			continue;
		extra[nx] = copy[i];
		extra[nx].holder = HOLD_QUEUE;
		extra[nx].conn = -1;
		extra[nx].mailbox = extra[nx].folder = NULL;
		/* The same header storage, from below the delivery's fields
		 * (lesson 12 at 65.443 s: phish1 waits in the queue while the
		 * filter judges it; its Return-Path comes with the store). */
		int skip = render_view_row_delivery_fields(copy[i].m);
		if (skip) {
			shell[nx] = *copy[i].m;
			shell[nx].fields += skip;
			shell[nx].nfields -= skip;
			shell[nx].capfields -= skip;
			extra[nx].m = &shell[nx];
		}
		nx++;
	}
	return nx;
}

/* A told SMTP line of verb on ledger entry msg. */
static int render_view_row_line(const struct trace_rec *r, enum trace_kind kind, const char *verb, int msg)
{
	return r->kind == kind && r->msg == msg && r->proto == PROTO_SMTP && r->u.line.verb &&
	       util_strcasecmp(r->u.line.verb, verb) == 0;
}

int render_view_row_envelope(const struct render_app *a, int ledger, struct sbuf *out)
{
	const struct ledger_entry *le = sim_ledger(timeline_sim(a->tl), (size_t)ledger);
	int open = 0;
	for (int i = 0; le && i < le->nrcpts && !open; i++)
		open = !ledger_state_final(render_view_row_state(a, ledger, &le->rcpts[i]));
	return open && render_view_row_wire_envelope(a, ledger, out);
}

int render_view_row_wire_envelope(const struct render_app *a, int ledger, struct sbuf *out)
{
	size_t n = 0, mail = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	for (mail = n; mail-- > 0;)
		if (render_view_row_line(&tr[mail], TR_CMD, "MAIL", ledger))
			break;
	if (mail >= n || !tr[mail].u.line.text)
		return 0;
	sbuf_adds(out, tr[mail].u.line.text);
	/* The k-th reply to a RCPT answers the k-th RCPT (pipelined or not). */
	size_t rcpt = mail, reply = mail;
	for (;;) {
		while (++rcpt < n && !(tr[rcpt].conn == tr[mail].conn &&
		                       render_view_row_line(&tr[rcpt], TR_CMD, "RCPT", ledger)))
			;
		if (rcpt >= n)
			break;
		while (++reply < n && !(tr[reply].conn == tr[mail].conn &&
		                        render_view_row_line(&tr[reply], TR_REPLY, "rcpt", ledger)))
			;
		sbuf_addf(out, "\n%s", tr[rcpt].u.line.text ? tr[rcpt].u.line.text : "RCPT");
		if (reply < n && tr[reply].u.line.code >= 400 && tr[reply].u.line.text)
			sbuf_addf(out, " → %.*s", (int)strcspn(tr[reply].u.line.text, "\n"), tr[reply].u.line.text);
		if (reply >= n)
			reply = n - 1;   /* no reply told yet: none for the RCPTs after it either */
	}
	return 1;
}

size_t render_view_row_born(const struct render_app *a)
{
	const struct trace_rec *tr;
	size_t from, n, born = sim_ledger_count(timeline_sim(a->tl));
	if (!render_view_row_untold(a, &tr, &from, &n))
		return born;
	/* Only these kinds write an entry (mua.c, bounce.c): the record
	 * names the new entry. */
	for (size_t k = from; k < n; k++)
		if ((tr[k].kind == TR_COMPOSE || tr[k].kind == TR_BOUNCE) && tr[k].msg >= 0 && (size_t)tr[k].msg < born)
			born = (size_t)tr[k].msg;
	return born;
}

enum ledger_state render_view_row_state(const struct render_app *a, int ledger, const struct ledger_rcpt *r)
{
	const struct trace_rec *tr;
	size_t from, n;
	if (!render_view_row_untold(a, &tr, &from, &n))
		return r->state;
	for (size_t k = from; k < n; k++) {
		const struct trace_rec *q = &tr[k];
		if (q->kind != TR_STATE || q->msg != ledger || !q->u.state.rcpt)
			continue;
		if (util_strcasecmp(q->u.state.rcpt, r->addr) == 0 ||
		    (r->cur && util_strcasecmp(q->u.state.rcpt, r->cur) == 0))
			return (enum ledger_state)q->u.state.from;
	}
	return r->state;
}

/* The connection record r (a TR_CLOSE) ends, as it was at the current
 * row: from the records of the event and before it, and the network's
 * path between its ends.  Returns 0, or -1 if it cannot be told. */
static int render_view_row_revive(struct render_app *a, const struct trace_rec *tr, size_t from,
                                  const struct trace_rec *r, int *hops, struct sim_conn *out)
{
	memset(out, 0, sizeof *out);
	out->id = r->conn;
	out->client = r->node;
	out->server = r->peer;
	out->port = r->port;
	out->proto = (enum proto)r->proto;
	out->tls = r->tls;
	out->msg = -1;
	out->blocked_at = -1;
	out->line = "";
	int np = sim_path(timeline_sim(a->tl), r->node, r->peer, hops, RENDER_APP_ROW_HOPS, NULL);
	if (np < 0 || np > RENDER_APP_ROW_HOPS)
		return -1;
	out->path = hops;
	out->npath = np;
	/* The message it carries and the router that stopped its SYN: the
	 * connection's latest records before the current row. */
	size_t lo = from > RENDER_VIEW_ROW_MAX * 4 ? from - RENDER_VIEW_ROW_MAX * 4 : 0;
	for (size_t k = from; k-- > lo && (out->msg < 0 || out->blocked_at < 0);) {
		const struct trace_rec *q = &tr[k];
		if (q->conn != r->conn)
			continue;
		if (out->msg < 0 && q->msg >= 0)
			out->msg = q->msg;
		if (out->blocked_at < 0 && (q->kind == TR_BLOCKED || q->kind == TR_REFUSED || q->kind == TR_TIMEOUT))
			out->blocked_at = q->u.stop.router;
		if (q->kind == TR_CONNECT)
			break;
	}
	return 0;
}

/* Record the bytes on the wire of the line q tells (of connection c): an
 * eavesdropper's record of it where there is one; else each line with
 * its CRLF, or the message's size, and TLS's record overhead. */
static void render_view_row_wire(struct render_app *a, const struct sim_conn *c, const struct trace_rec *q)
{
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(timeline_sim(a->tl), &n);
	uint32_t bytes = 0;
	int to_server = q->kind == TR_CMD;
	for (size_t k = (size_t)(q - tr); k-- > 0 && tr[k].t == q->t && !bytes;)
		if (tr[k].kind == TR_SNIFF && tr[k].conn == q->conn && tr[k].u.sniff.to_server == to_server &&
		    tr[k].t_sent == q->t_sent && tr[k].u.sniff.what != TRACE_SNIFF_SYN)
			bytes = tr[k].u.sniff.bytes;
	if (!bytes && q->kind != TR_ACCEPT) {
		const char *t = q->u.line.text;
		size_t b = t ? strlen(t) + 2 : q->u.line.bytes;
		for (const char *p = t; p && (p = strchr(p, '\n')); p++)
			b++;
		bytes = (uint32_t)b + (c->tls ? RENDER_VIEW_ROW_TLS : 0);
	}
	for (int i = 0; i < a->nrow_wire; i++)
		if (a->row_wire[i].id == c->id) {
			a->row_wire[i].bytes = bytes;
			return;
		}
	if (a->nrow_wire < RENDER_APP_ROW_CONNS) {
		a->row_wire[a->nrow_wire].id = c->id;
		a->row_wire[a->nrow_wire++].bytes = bytes;
	}
}

/* The line record q (of connection c) tells arriving: at the current row
 * it is still on the wire, arriving now; what the simulation has on the
 * wire was sent after it. */
static void render_view_row_arriving(struct render_app *a, struct sim_conn *c, const struct trace_rec *q)
{
	render_view_row_wire(a, c, q);
	c->in_flight = 1;
	c->t_sent = q->t_sent;
	c->t_arrive = q->t;
	c->payload = 0;
	c->code = 0;
	if (q->kind == TR_ACCEPT) {
		c->to_server = 1;
		c->line = "";   /* the SYN */
		return;
	}
	c->to_server = q->kind == TR_CMD;
	c->line = q->u.line.text ? q->u.line.text : "";
	if (q->kind == TR_CMD && !q->u.line.text)
		c->payload = q->u.line.bytes;
	if (q->kind == TR_REPLY && q->proto == PROTO_SMTP)
		c->code = q->u.line.code;
}

static size_t render_view_row_conn_find(const struct render_app *a, int id)
{
	size_t i = 0;
	while (i < a->nfconn && a->fconn[i].id != id)
		i++;
	return i;
}

/* At the time of the current row, what an end sent in answer to a line
 * the told rows show arriving at that same moment has not left yet: the
 * row is the server receiving PASS, and the map shows PASS arriving, not
 * the "+OK Logged in." the simulation sent in the same event (review 23,
 * C14: the map ran a row ahead of the list, the card and the caption).
 * From the next instant on, in play, the answer flies. */
static void render_view_row_unanswered(struct render_app *a)
{
	size_t told = 0;
	const struct trace_rec *tr = render_view_trace(a, &told);
	int64_t now = sim_now(timeline_sim(a->tl));
	/* Newest first: on each connection the latest row decides.  Only an
	 * arrival: a later row of the same instant where the end acts on it
	 * (lesson 11 at 40.339 s: the relay took the mail) sent the answer
	 * ("250 … queued as"), which is on its way then. */
	unsigned char *seen = xcalloc(a->nfconn + 1, 1);
	for (size_t k = told; k-- > 0 && tr[k].t == now;) {
		const struct trace_rec *q = &tr[k];
		if (q->conn < 0 || q->kind == TR_SNIFF || trace_kinds[q->kind].quiet)
			continue;
		size_t i = render_view_row_conn_find(a, q->conn);
		if (i == a->nfconn || seen[i])
			continue;
		seen[i] = 1;
		struct sim_conn *c = &a->fconn[i];
		if ((q->kind == TR_CMD || q->kind == TR_REPLY || q->kind == TR_ACCEPT) && c->in_flight &&
		    c->t_sent == now && q->t_sent < now)
			render_view_row_arriving(a, c, q);
	}
	free(seen);
}

void render_view_row_conns(struct render_app *a)
{
	const struct trace_rec *tr;
	size_t from, nt;
	int revived = 0;
	a->nrow_wire = 0;
	render_view_row_unanswered(a);
	if (!render_view_row_untold(a, &tr, &from, &nt))
		return;
	/* Newest first, so that for each connection the earliest untold
	 * record decides. */
	for (size_t k = nt; k-- > from;) {
		const struct trace_rec *q = &tr[k];
		if (q->conn < 0)
			continue;
		size_t i = render_view_row_conn_find(a, q->conn);
		if (q->kind == TR_CLOSE && i == a->nfconn && revived < RENDER_APP_ROW_CONNS) {
			struct sim_conn c;
			if (render_view_row_revive(a, tr, from, q, a->fconn_hops[revived], &c) < 0)
				continue;
			revived++;
			if (a->nfconn == a->capfconn) {
				a->capfconn = a->capfconn ? a->capfconn * 2 : 16;
				a->fconn = xrealloc(a->fconn, a->capfconn * sizeof *a->fconn);
			}
			a->fconn[a->nfconn++] = c;
		} else if (q->kind == TR_CONNECT && i < a->nfconn) {
			/* Opened by a later row: not there yet. */
			memmove(&a->fconn[i], &a->fconn[i + 1], (a->nfconn - i - 1) * sizeof *a->fconn);
			a->nfconn--;
		} else if ((q->kind == TR_CMD || q->kind == TR_REPLY || q->kind == TR_ACCEPT) && i < a->nfconn) {
			render_view_row_arriving(a, &a->fconn[i], q);
		}
	}
}

/* In the bounce's text: the header block of the part that returns the
 * original (message/rfc822 or text/rfc822-headers), appended to out. */
static int render_view_row_returned(const char *text, size_t len, struct sbuf *out)
{
	struct mimetree t;
	mimetree_init(&t);
	char err[160];
	mimetree_parse(&t, text, len, 0, err, sizeof err);
	int found = 0;
	for (int i = 0; i < t.n && !found; i++) {
		const struct mimetree_part *p = &t.parts[i];
		if (strcmp(p->type, "message/rfc822") != 0 && strcmp(p->type, "text/rfc822-headers") != 0)
			continue;
		/* The returned header ends at its first empty line (or with the
		 * part, for text/rfc822-headers). */
		size_t end = 0;
		while (end < p->body_len) {
			const char *nl = memchr(p->body + end, '\n', p->body_len - end);
			size_t line = nl ? (size_t)(nl - (p->body + end)) : p->body_len - end;
			if (line == 0 || (line == 1 && p->body[end] == '\r'))
				break;
			end += line + (nl != NULL);
		}
		while (end > 0 && (p->body[end - 1] == '\n' || p->body[end - 1] == '\r'))
			end--;
		/* The Return-Path on top is the bounce's (Postfix writes the one
		 * its queue file implies); the copy keeps its sender in the
		 * envelope, shown above the header. */
		size_t from = 0;
		if (end > 12 && util_strncasecmp(p->body, "Return-Path:", 12) == 0) {
			const char *nl = memchr(p->body, '\n', end);
			from = nl ? (size_t)(nl - p->body) + 1 : end;
		}
		if (end > from) {
			sbuf_add(out, p->body + from, end - from);
			found = 1;
		}
	}
	mimetree_free(&t);
	return found;
}

int render_view_row_freed_header(const struct render_app *a, int ledger, struct sbuf *out)
{
	const struct sim *s = timeline_sim(a->tl);
	size_t n = sim_copy_count(s);
	if (!n)
		return 0;
	struct sim_copy *cp = xmalloc(n * sizeof *cp);
	n = sim_copy_list(s, cp, n);
	int found = 0;
	for (size_t i = 0; i < n && !found; i++) {
		const struct ledger_entry *le = cp[i].m->ledger >= 0 ? sim_ledger(s, (size_t)cp[i].m->ledger) : NULL;
		if (!le || le->bounce_of != ledger)
			continue;
		size_t len = 0;
		char *text = msg_serialize(cp[i].m, &len);
		found = render_view_row_returned(text, len, out);
		free(text);
	}
	free(cp);
	return found;
}
