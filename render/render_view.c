/* render_view — derived views of the run for the panels. */
#include "render_view.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "narrate.h"
#include "render_app.h"
#include "render_smime.h"
#include "render_tabs.h"
#include "render_topology.h"
#include "render_view_row.h"
#include "scenario_roles.h"

/* Above this many open connections the message list does not look for
 * refusals on them (render_view_refused_rcpts): a busy scene has its totals. */
#define RENDER_VIEW_REFUSAL_CONNS 40
/* Letters that wait at a server until a later row of the event stores or
 * forwards them: one per message and server (render_view_row_copies). */
#define RENDER_VIEW_ROW_EXTRA RENDER_APP_STAND

void render_view_sync(struct render_app *a)
{
	struct sim *s = render_app_sim(a);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	const struct scenario *sc = a->sc;
	/* A replay rebuilds the same prefix (the run is deterministic): after
	 * stepping back only captions that fired past the new end are undone. */
	if (n < a->caption_scan) {
		for (int c = 0; c < sc->ncaptions; c++)
			if (a->caption_rec[c] >= 0 && (size_t)a->caption_rec[c] >= n)
				a->caption_rec[c] = -1;
		a->caption_scan = n;
	}
	/* The same matching as the headless narration, one caption per record
	 * at most, each caption at its first match only. */
	for (int c = 0; c < sc->ncaptions; c++)
		a->caption_shown[c] = a->caption_rec[c] >= 0;
	for (size_t i = a->caption_scan; i < n; i++) {
		int c = narrate_caption_match(sc, &tr[i], a->caption_shown);
		if (c >= 0) {
			a->caption_rec[c] = (int)i;
			a->caption_shown[c] = 1;
		}
	}
	a->caption_scan = n;
}

const struct trace_rec *render_view_trace(const struct render_app *a, size_t *n)
{
	const struct sim *s = timeline_sim(a->tl);
	const struct trace_rec *tr = sim_trace(s, n);
	if (a->row_cap && a->row_cap < *n && a->row_n == *n && a->row_pos == sim_events_done(s))
		*n = a->row_cap;
	return tr;
}

size_t render_view_row_end(const struct trace_rec *tr, size_t n, size_t i)
{
	size_t e = i + 1;
	while (e < n && trace_kinds[tr[e].kind].quiet)
		e++;
	return e;
}

void render_view_set_rows(struct render_app *a, size_t end)
{
	struct sim *s = render_app_sim(a);
	size_t n = 0;
	sim_trace(s, &n);
	a->row_cap = end < n ? end : 0;
	a->row_pos = sim_events_done(s);
	a->row_n = n;
}

void render_view_tell_first(struct render_app *a, size_t from)
{
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	while (from < n && trace_kinds[tr[from].kind].quiet)
		from++;
	render_view_set_rows(a, from < n ? render_view_row_end(tr, n, from) : 0);
}

const char *render_view_host_name(const struct render_app *a, int host)
{
	if (host < 0 || host >= a->sc->nhosts)
		return "?";
	const struct sc_host *h = &a->sc->hosts[host];
	const char *t = sc_text_get(&h->label, a->lang);
	return t && *t ? t : h->id;
}

const char *render_view_router_name(const struct render_app *a, int router)
{
	if (router < 0 || router >= a->sc->nrouters)
		return "?";
	const struct sc_router *r = &a->sc->routers[router];
	const char *t = sc_text_get(&r->label, a->lang);
	return t && *t ? t : r->id;
}

const char *render_view_rule_name(const struct render_app *a, int router, int rule)
{
	if (router < 0 || router >= a->sc->nrouters || rule < 0 || rule >= a->sc->routers[router].nrules)
		return "";
	return scenario_rule_short(&a->sc->routers[router].rules[rule], a->lang);
}

const char *render_view_rule_named(const struct render_app *a, int router, const char *name)
{
	return scenario_rule_short_named(a->sc, router, name, a->lang);
}

const char *render_view_node_name(const struct render_app *a, int node)
{
	if (node < 0)
		return "";
	if (node < a->sc->nhosts)
		return render_view_host_name(a, node);
	return render_view_router_name(a, node - a->sc->nhosts);
}

const char *render_view_msg_tag(const struct render_app *a, int ledger)
{
	struct sim *s = timeline_sim(a->tl);
	if (ledger < 0 || (size_t)ledger >= sim_ledger_count(s))
		return "?";
	const struct ledger_entry *e = sim_ledger(s, (size_t)ledger);
	return e->tag ? e->tag : "?";
}

void render_view_payload_text(const struct render_app *a, uint32_t bytes, struct sbuf *out)
{
	char nb[24];
	snprintf(nb, sizeof nb, "%u", (unsigned)bytes);
	const char *args[] = { "bytes", nb, NULL };
	i18n_format(a->cat[a->lang], RENDER_VIEW_PREFIX ".data", args, out);
}

void render_view_wire_text(const struct render_app *a, const struct trace_rec *r, struct sbuf *out)
{
	narrate_wire_text(a->cat[a->lang], RENDER_VIEW_PREFIX, r, out);
}

void render_view_event_text(const struct render_app *a, const struct trace_rec *r, struct sbuf *out)
{
	size_t from = out->len;
	narrate_tell(a->sc, a->cat[a->lang], RENDER_VIEW_PREFIX, r, out);
	/* One row: what spans lines on the wire reads as one line here. */
	for (size_t i = from; i < out->len; i++)
		if (out->s[i] == '\n' || out->s[i] == '\r')
			out->s[i] = ' ';
}

int render_view_caption(const struct render_app *a)
{
	int best = -1, at = -1;
	size_t told = 0;
	render_view_trace(a, &told);
	for (int c = 0; c < a->sc->ncaptions; c++)
		if (a->caption_rec[c] > at && (size_t)a->caption_rec[c] < told) {
			at = a->caption_rec[c];
			best = c;
		}
	return best;
}

/* Issue 11 (acceptance look 30): a caption stays in the band until the
 * next one, so when a new message starts without one it still spoke of
 * the last -- lesson 07 at 40.16 s: 「SPF で確かめた evil.example と一致し
 * ません」 while the card shows spoof2 from ceo@corp.example; lesson 11
 * at 90.53 s, for 15 s.  The band then names the message it is about. */
int render_view_caption_other(struct render_app *a, int k)
{
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	if (k < 0 || k >= a->sc->ncaptions || a->caption_rec[k] < 0 || (size_t)a->caption_rec[k] >= n)
		return -1;
	int about = tr[a->caption_rec[k]].msg, focus = render_view_focus_msg(a);
	struct sim *s = render_app_sim(a);
	size_t nl = sim_ledger_count(s);
	if (about < 0 || focus < 0 || about == focus || (size_t)about >= nl || (size_t)focus >= nl)
		return -1;
	if (sim_ledger(s, (size_t)about)->bounce_of == focus || sim_ledger(s, (size_t)focus)->bounce_of == about)
		return -1;
	return about;
}

const char *render_view_caption_text(const struct render_app *a, int caption)
{
	const char *t = sc_text_get(&a->sc->captions[caption].text, a->lang);
	return t ? t : "";
}

int render_view_caption_names(const struct render_app *a, const char *text)
{
	int c = render_view_caption(a);
	const char *cap = c >= 0 ? render_view_caption_text(a, c) : NULL;
	size_t n = text ? strlen(text) : 0;
	for (const char *q = cap && n >= 3 ? strstr(cap, text) : NULL; q; q = strstr(q + 1, text)) {
		int before = q > cap && ((unsigned char)q[-1] < 0x80 && (isalnum((unsigned char)q[-1]) || q[-1] == '-'));
		int after = (unsigned char)q[n] < 0x80 && (isalnum((unsigned char)q[n]) || q[n] == '-');
		if (!before && !after)
			return 1;
	}
	return 0;
}

/* Is the latest row a line of a retrieval session (POP3, IMAP) with a
 * server whose mailboxes hold no mail?  That session carries no message
 * (lesson 14 at 130.182 s: Alice's password to ISP C's old server, "+OK
 * 0 0"), and the card is not to show another's (review 21, C1). */
int render_view_empty_session(struct render_app *a)
{
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	size_t i = n;
	while (i > 0 && trace_kinds[tr[i - 1].kind].quiet)
		i--;
	if (i == 0)
		return 0;
	const struct trace_rec *r = &tr[i - 1];
	if (r->msg >= 0 || r->conn < 0 || (r->proto != PROTO_POP3 && r->proto != PROTO_IMAP))
		return 0;
	/* What an eavesdropper saw names one end only (lesson 14 at 20.000 s:
	 * the SYN to ISP B's server, whose mailbox holds Bob's m1): the
	 * session's ends are those its other records name. */
	int node = r->node, peer = r->peer;
	for (size_t j = i - 1; peer < 0 && j-- > 0;)
		if (tr[j].conn == r->conn && tr[j].peer >= 0) {
			node = tr[j].node;
			peer = tr[j].peer;
		}
	for (size_t k = 0; k < a->nfcopy; k++) {
		const struct sim_copy *c = &a->fcopy[k];
		/* the mailbox's own host, or the MRA host that serves it from
		 * there (lesson 01b: pop.ispb.example reads mbox.ispb.example's
		 * mailboxes; review 22, A1) */
		int mra = c->holder == HOLD_MAILBOX ? scenario_roles_fetch_host(a->sc, c->node) : -1;
		if (c->holder == HOLD_MAILBOX && (c->node == node || c->node == peer || mra == node || mra == peer))
			return 0;
	}
	return 1;
}

int render_view_focus_msg(struct render_app *a)
{
	struct sim *s = render_app_sim(a);
	if (a->sel == RENDER_APP_SEL_MSG && a->sel_index >= 0 &&
	    (size_t)a->sel_index < sim_ledger_count(s))
		return a->sel_index;
	if (render_view_empty_session(a))
		return -1;
	/* A message still on the wire keeps the focus, so that with several
	 * in flight the card does not flicker between them. */
	int keep = a->auto_focus;
	if (keep >= 0 && (size_t)keep < sim_ledger_count(s)) {
		for (size_t i = 0; i < a->nfconn; i++)
			if (a->fconn[i].msg == keep)
				return keep;
	}
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	a->auto_focus = -1;
	for (size_t i = n; i-- > 0;)
		if (tr[i].msg >= 0) {
			a->auto_focus = tr[i].msg;
			break;
		}
	return a->auto_focus;
}

/* This frame's connections, in one pass over the simulation. */
static void render_view_gather_conns(struct render_app *a)
{
	struct sim *s = render_app_sim(a);
	size_t n = sim_conn_list(s, a->fconn, a->capfconn);
	if (n > a->capfconn) {
		a->capfconn = n * 2;
		a->fconn = xrealloc(a->fconn, a->capfconn * sizeof *a->fconn);
		n = sim_conn_list(s, a->fconn, a->capfconn);
	}
	a->nfconn = n;
	/* Stepping row by row: the wire as of the current row. */
	render_view_row_conns(a);
	a->fways = render_topology_route_ways(a);
}

static void render_view_gather_drops(struct render_app *a);

void render_view_gather(struct render_app *a)
{
	struct sim *s = render_app_sim(a);
	render_view_gather_conns(a);
	render_view_gather_drops(a);
	/* One pass each (sim_copy_get restarts from the first copy on every
	 * call); a second pass only when the buffer has to grow. */
	size_t n = sim_copy_list(s, a->fcopy, a->capfcopy);
	if (n > a->capfcopy) {
		a->capfcopy = n * 2;
		a->fcopy = xrealloc(a->fcopy, a->capfcopy * sizeof *a->fcopy);
		n = sim_copy_list(s, a->fcopy, a->capfcopy);
	}
	/* Keep only copies that hold a message, in the same order: once the
	 * server took the content, the client's envelope waiting for QUIT is
	 * no letter any more (the hand-over is complete). */
	unsigned char *keep = xcalloc(n + 1, 1);
	for (size_t i = 0; i < n; i++)
		keep[i] = a->fcopy[i].m && !(a->fcopy[i].m->flags & MSG_F_HANDED);
	/* Stepping row by row: the letters as of the current row. */
	struct sim_copy extra[RENDER_VIEW_ROW_EXTRA];
	size_t nx = render_view_row_copies(a, a->fcopy, n, keep, extra, a->fstand_msg, RENDER_VIEW_ROW_EXTRA);
	a->nfcopy = 0;
	for (size_t i = 0; i < n; i++)
		if (keep[i])
			a->fcopy[a->nfcopy++] = a->fcopy[i];
	free(keep);
	if (a->nfcopy + nx > a->capfcopy) {
		a->capfcopy = a->nfcopy + nx;
		a->fcopy = xrealloc(a->fcopy, a->capfcopy * sizeof *a->fcopy);
	}
	for (size_t i = 0; i < nx; i++)
		a->fcopy[a->nfcopy++] = extra[i];
	a->nfstand = nx;
}

/* The most advanced copy of a ledger entry: most header fields, on the
 * move before at rest. */
static int render_view_copy_advanced(struct render_app *a, int ledger, struct sim_copy *out)
{
	static const int rank[HOLD_COUNT] = {
		[HOLD_OUTBOX] = 0, [HOLD_QUEUE] = 2, [HOLD_CONN] = 3, [HOLD_MAILBOX] = 4, [HOLD_FETCHED] = 1,
	};
	int found = -1, best = -1;
	for (size_t i = 0; i < a->nfcopy; i++) {
		const struct sim_copy *c = &a->fcopy[i];
		if (c->m->ledger != ledger)
			continue;
		int score = c->m->nfields * 8 + rank[c->holder];
		if (score > best) {
			best = score;
			*out = *c;
			found = 0;
		}
	}
	return found;
}

static int render_view_has_rcpt(const struct msg *m, const char *addr)
{
	for (int i = 0; addr && i < m->nrcpt; i++)
		if (util_strcasecmp(m->rcpt[i], addr) == 0)
			return 1;
	return 0;
}

/* How well copy c fits record r (the latest event about its message):
 * 0 not at all, higher is closer. */
static int render_view_copy_fit(const struct render_app *a, const struct sim_copy *c,
                                const struct trace_rec *r)
{
	switch (r->kind) {
	case TR_DELIVER:
	case TR_FETCHED:
	case TR_MARK: {
		/* The copy in that user's mailbox (or mail program). */
		const char *mb = r->u.box.user >= 0 && r->u.box.user < a->sc->nusers
		                     ? a->sc->users[r->u.box.user].address : NULL;
		if (!mb || !c->mailbox || util_strcasecmp(mb, c->mailbox) != 0)
			return 0;
		return (r->kind == TR_FETCHED) == (c->holder == HOLD_FETCHED) ? 3 : 1;
	}
	case TR_QUEUED:
		if (r->u.queued.how == TRACE_TAKE_FORWARD)
			return render_view_has_rcpt(c->m, r->u.queued.to) ? 3 : 0;
		/* Taken over: the server's copy with its new Received line, not
		 * the client's still waiting on the connection for the 250. */
		if (c->holder == HOLD_QUEUE && c->node == r->node)
			return 4;
		break;
	default:
		break;
	}
	/* On the connection the event happened on: the copy it carries. */
	if (r->conn >= 0 && c->holder == HOLD_CONN && c->conn == r->conn)
		return 3;
	/* An SMTP line is about the copy it carries or is about to carry (in
	 * the sender's outbox or queue), never another recipient's copy that
	 * rests in a mailbox at the same host. */
	if (r->conn >= 0 && r->proto == PROTO_SMTP && c->holder != HOLD_QUEUE && c->holder != HOLD_OUTBOX)
		return 0;
	/* At the host where it happened (its queue, or a mailbox there). */
	if (c->node == r->node && c->holder != HOLD_CONN)
		return 2;
	return 0;
}

/* The record the copy of ledger is chosen by, in a jump (not a step row
 * by row): while the caption is about that message and every told record
 * about the message since happened at the caption's host (the server goes
 * on with what the caption tells: stores, forwards, asks the DNS), the
 * latest of them that carries on the caption's copy (of its origin: not a
 * forward the server sends on), else none (-1).  Lesson 13 at 1.42 s: the
 * caption on ISP B's DMARC pass ("it goes to the INBOX") is about Bob's
 * copy, stored at 1.411 s, though ISP B asks the DNS for Carol's forward
 * at 1.412 s. */
static long render_view_caption_rec(const struct render_app *a, const struct trace_rec *tr, size_t n, int ledger)
{
	const struct sim *s = timeline_sim(a->tl);
	size_t all = 0;
	sim_trace(s, &all);
	if (!n || n < all || (a->row_n == all && a->row_pos == sim_events_done(s)))
		return -1;
	int c = render_view_caption(a);
	if (c < 0 || a->caption_rec[c] < 0 || (size_t)a->caption_rec[c] >= n)
		return -1;
	size_t at = (size_t)a->caption_rec[c], last = at;
	/* A caption long past (lesson 09 has 96 000 records) has been
	 * overtaken: no scan of them on every frame. */
	if (tr[at].msg != ledger || n - at > 2000)
		return -1;
	for (size_t i = at + 1; i < n; i++) {
		if (tr[i].msg != ledger || trace_kinds[tr[i].kind].quiet)
			continue;
		if (tr[i].node != tr[at].node)
			return -1;
		if (tr[i].origin == tr[at].origin)
			last = i;
	}
	return (long)last;
}

/* Where "the latest record" is read from for the copy of ledger: the told
 * records (n), or, when the whole instant is told at once (a jump to a
 * time, not a step row by row) and the caption up fired at this instant
 * about this message, up to the caption's record and the records of its
 * connection after it at that instant: the caption talks about
 * that copy, not about another session's line at the same time (lesson 07
 * at 1.298 s: the caption on ISP B's SPF check while Carol's copy at ISP C
 * sent the last command of the instant). */
size_t render_view_caption_moment(const struct render_app *a, const struct trace_rec *tr, size_t n, int ledger)
{
	const struct sim *s = timeline_sim(a->tl);
	size_t all = 0;
	sim_trace(s, &all);
	/* Rows set at this very state: a step (row by row or event by event),
	 * where the current row decides. */
	if (!n || n < all || (a->row_n == all && a->row_pos == sim_events_done(s)))
		return n;
	int c = render_view_caption(a);
	if (c < 0)
		return n;
	size_t at = (size_t)a->caption_rec[c];
	if (at >= n || tr[at].msg != ledger || tr[at].t != tr[n - 1].t)
		return n;
	/* The caption's own session goes on at the same instant: its later
	 * records on the same connection are the same copy's (lesson 13 at
	 * 1.410 s: the caption on ISP B's DMARC check, then ISP B takes the
	 * mail and adds its Received line; the card shows ISP B's copy, not
	 * Corp's still on the wire). */
	size_t end = at + 1;
	for (size_t i = at + 1; tr[at].conn >= 0 && i < n; i++)
		if (tr[i].msg == ledger && tr[i].conn == tr[at].conn && !trace_kinds[tr[i].kind].quiet)
			end = i + 1;
	return end;
}

int render_view_copy_of(struct render_app *a, int ledger, struct sim_copy *out)
{
	/* The copy a click on the card's tab chose, until the run moves. */
	if (render_tabs_picked(a, ledger, out) == 0)
		return 0;
	/* The copy the latest event about this message is about: with several
	 * copies (Cc, Bcc, a forward) the card and the envelope tag must show
	 * the one the caption is talking about, not another recipient's. */
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	long cap = render_view_caption_rec(a, tr, n, ledger);
	if (cap >= 0) {
		int best = 0;
		for (size_t k = 0; k < a->nfcopy; k++) {
			const struct sim_copy *c = &a->fcopy[k];
			int fit = c->m->ledger == ledger ? render_view_copy_fit(a, c, &tr[cap]) : 0;
			if (fit > best) {
				best = fit;
				*out = *c;
			}
		}
		if (best)
			return 0;
	}
	n = render_view_caption_moment(a, tr, n, ledger);
	for (size_t i = n, seen = 0; i-- > 0 && seen < 2000; seen++) {
		const struct trace_rec *r = &tr[i];
		if (r->msg != ledger || trace_kinds[r->kind].quiet)
			continue;
		int best = 0;
		for (size_t k = 0; k < a->nfcopy; k++) {
			const struct sim_copy *c = &a->fcopy[k];
			if (c->m->ledger != ledger)
				continue;
			int fit = render_view_copy_fit(a, c, r);
			if (fit > best) {
				best = fit;
				*out = *c;
			}
		}
		if (best)
			return 0;
		/* A line of a finished hand-over (QUIT, 221): the copy it was
		 * about is where an earlier record of it says. */
		if (r->conn < 0)
			break;
	}
	return render_view_copy_advanced(a, ledger, out);
}

const char *render_view_blocked_rule(struct render_app *a, int conn)
{
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	for (size_t i = n; i-- > 0;)
		if (tr[i].conn == conn && (tr[i].kind == TR_BLOCKED || tr[i].kind == TR_REFUSED ||
		                           tr[i].kind == TR_TIMEOUT) && tr[i].u.stop.router >= 0)
			return a->sc->routers[tr[i].u.stop.router].rules[tr[i].u.stop.rule].name;
	return NULL;
}

static int render_view_drop_by_conn(const void *x, const void *y)
{
	const struct render_app_drop *p = x, *q = y;
	return (p->conn > q->conn) - (p->conn < q->conn);
}

static int render_view_drop_by_msg(const void *x, const void *y)
{
	const struct render_app_drop *p = x, *q = y;
	return p->msg != q->msg ? (p->msg > q->msg) - (p->msg < q->msg) : (p->conn > q->conn) - (p->conn < q->conn);
}

/* This frame's dropped SYNs (a router dropped them; the client still waits
 * for its timeout) that end their message's way (sim_conn.gives_up: an MTA
 * that will try its next MX or retry is waiting, not blocked — lesson 10),
 * with the rule told in the trace, sorted by message. */
static void render_view_gather_drops(struct render_app *a)
{
	a->nfdrop = 0;
	for (size_t i = 0; i < a->nfconn; i++) {
		const struct sim_conn *c = &a->fconn[i];
		if (c->msg < 0 || c->blocked_at < 0 || c->in_flight || !c->gives_up)
			continue;
		if (a->nfdrop == a->capfdrop) {
			a->capfdrop = a->capfdrop ? a->capfdrop * 2 : 16;
			a->fdrop = xrealloc(a->fdrop, a->capfdrop * sizeof *a->fdrop);
		}
		a->fdrop[a->nfdrop++] = (struct render_app_drop){ c->msg, c->client, c->id, -1, -1 };
	}
	if (!a->nfdrop)
		return;
	/* One pass back over the told trace finds each drop's rule. */
	qsort(a->fdrop, a->nfdrop, sizeof *a->fdrop, render_view_drop_by_conn);
	size_t n = 0, left = a->nfdrop;
	const struct trace_rec *tr = render_view_trace(a, &n);
	for (size_t i = n; i-- > 0 && left > 0;) {
		if (tr[i].kind != TR_BLOCKED || tr[i].conn < 0 || tr[i].u.stop.router < 0)
			continue;
		struct render_app_drop key = { .conn = tr[i].conn };
		struct render_app_drop *d = bsearch(&key, a->fdrop, a->nfdrop, sizeof *a->fdrop, render_view_drop_by_conn);
		if (d && d->router < 0) {
			d->router = tr[i].u.stop.router;
			d->rule = tr[i].u.stop.rule;
			left--;
		}
	}
	qsort(a->fdrop, a->nfdrop, sizeof *a->fdrop, render_view_drop_by_msg);
}

int render_view_dropped_node(const struct render_app *a, int ledger, int *router, int *rule)
{
	size_t lo = 0, hi = a->nfdrop;
	while (lo < hi) {   /* the first drop of this message */
		size_t mid = (lo + hi) / 2;
		if (a->fdrop[mid].msg < ledger)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < a->nfdrop && a->fdrop[lo].msg == ledger; lo++) {
		const struct render_app_drop *d = &a->fdrop[lo];
		if ((router || rule) && d->router < 0)
			continue;
		if (router)
			*router = d->router;
		if (rule)
			*rule = d->rule;
		return d->client;
	}
	return -1;
}

/* Recipients of ledger entry a server refused (5xx to their RCPT TO) on a
 * connection still open: their addresses into addr (at most max), how
 * many.  The ledger settles them when the session ends; the picture shows
 * the refusal at once, as the red reply and the cross at the server do. */
/* The SMTP commands whose refusal is the whole message's. */
static int render_view_whole_verb(const char *verb)
{
	return strcmp(verb, "mail") == 0 || strcmp(verb, "data") == 0 || strcmp(verb, "content") == 0 ||
	       strcmp(verb, "auth") == 0;
}

static int render_view_refused_rcpts(const struct render_app *a, int ledger, const char **addr, int max)
{
	int n = 0;
	if (a->nfconn > RENDER_VIEW_REFUSAL_CONNS)
		return 0;   /* a busy scene: the totals tell it */
	size_t nt = 0;
	const struct trace_rec *tr = render_view_trace(a, &nt);
	for (size_t k = 0; k < a->nfconn; k++) {
		const struct sim_conn *c = &a->fconn[k];
		const struct msg *m = NULL;
		for (size_t i = 0; c->msg == ledger && i < a->nfcopy && !m; i++)
			if (a->fcopy[i].holder == HOLD_CONN && a->fcopy[i].conn == c->id)
				m = a->fcopy[i].m;
		if (!m)
			continue;
		/* Back to the connection's start: its RCPT replies, newest first;
		 * a 5xx to AUTH, MAIL, DATA or the message refuses every
		 * recipient at once (lesson 04's 530 at MAIL FROM). */
		int code[64], place[64], nr = 0, whole = 0;
		for (size_t i = nt, seen = 0; i-- > 0 && seen < 5000; seen++) {
			const struct trace_rec *r = &tr[i];
			if (r->conn != c->id)
				continue;
			if (r->kind == TR_CONNECT)
				break;
			if (r->kind != TR_REPLY || r->proto != PROTO_SMTP || !r->u.line.verb)
				continue;
			if (strcmp(r->u.line.verb, "rcpt") == 0 && nr < 64) {
				code[nr] = r->u.line.code;
				place[nr++] = r->burst;
			} else if (r->u.line.code >= 500 && render_view_whole_verb(r->u.line.verb)) {
				whole = 1;
			}
		}
		for (int j = 0; whole && j < m->nrcpt && n < max; j++)
			addr[n++] = m->rcpt[j];
		if (whole)
			continue;
		for (int j = 0; j < nr; j++) {
			/* A pipelined reply knows its place (MAIL is 1); one by one,
			 * the replies come in the order of the RCPT TO lines. */
			int idx = place[j] ? place[j] - 2 : nr - 1 - j;
			if (code[j] >= 500 && idx >= 0 && idx < m->nrcpt && n < max)
				addr[n++] = m->rcpt[idx];
		}
	}
	return n;
}

const struct sim_conn *render_view_conn_by_id(const struct render_app *a, int id)
{
	for (size_t k = 0; k < a->nfconn; k++)
		if (a->fconn[k].id == id)
			return &a->fconn[k];
	return NULL;
}

/* Whether ledger's copies on connections wait for the server: 0 none
 * does, 1 every one does, 2 some do (then each line's own copy decides). */
static int render_view_conn_mode(const struct render_app *a, int ledger)
{
	int waiting = 0, open = 0;
	for (size_t i = 0; i < a->nfcopy; i++) {
		const struct sim_copy *c = &a->fcopy[i];
		if (c->holder != HOLD_CONN || !c->m || c->m->ledger != ledger)
			continue;
		const struct sim_conn *cn = render_view_conn_by_id(a, c->conn);
		if (cn) {
			waiting += cn->connecting;
			open += !cn->connecting;
		}
	}
	return !waiting ? 0 : !open ? 1 : 2;
}

/* Line r's own copy on a connection waits for the server (mode 2). */
static int render_view_rcpt_connecting_scan(const struct render_app *a, int ledger, const struct ledger_rcpt *r)
{
	const char *addr = r->cur ? r->cur : r->addr;
	for (size_t i = 0; i < a->nfcopy; i++) {
		const struct sim_copy *c = &a->fcopy[i];
		if (c->holder != HOLD_CONN || !c->m || c->m->ledger != ledger)
			continue;
		int has = 0;
		for (int k = 0; k < c->m->nrcpt && !has; k++)
			has = util_strcasecmp(c->m->rcpt[k], addr) == 0;
		const struct sim_conn *cn = has ? render_view_conn_by_id(a, c->conn) : NULL;
		if (cn)
			return cn->connecting;
	}
	return 0;
}

/* The same with ledger's mode known (*mode < 0: not yet worked out): a
 * mail to 10,000 recipients is not scanned 10,000 times. */
static int render_view_connecting_in(const struct render_app *a, int ledger, const struct ledger_rcpt *r, int *mode)
{
	if (*mode < 0)
		*mode = render_view_conn_mode(a, ledger);
	return *mode == 1 || (*mode == 2 && render_view_rcpt_connecting_scan(a, ledger, r));
}

int render_view_rcpt_connecting(const struct render_app *a, int ledger, const struct ledger_rcpt *r)
{
	int mode = -1;
	return render_view_connecting_in(a, ledger, r, &mode);
}

/* Slots past the ledger's states: a delivered line in Junk, an in-flight
 * line whose client still waits for the server to accept (render_view.h). */
enum { RENDER_VIEW_SLOT_JUNK = LS_COUNT, RENDER_VIEW_SLOT_CONNECTING, RENDER_VIEW_SLOTS };

/* The state a recipient line is shown in: its state as of the current
 * row, except that a line whose SYN a router dropped (held at node
 * dropped, the client waiting for its timeout) is blocked already, as the
 * map shows it, a line refused on an open connection (refused, n
 * addresses) is rejected already, a delivered line in Junk takes slot
 * RENDER_VIEW_SLOT_JUNK and an in-flight one whose client still waits for
 * the server RENDER_VIEW_SLOT_CONNECTING. */
static int render_view_line_slot(const struct render_app *a, int ledger, const struct ledger_rcpt *r, int dropped,
                                 const char *const *refused, int n, int *mode)
{
	enum ledger_state st = render_view_row_state(a, ledger, r);
	if ((int)st < 0 || st >= LS_COUNT)
		return -1;
	if (dropped >= 0 && r->node == dropped && !ledger_state_final(st))
		return LS_BLOCKED;
	for (int i = 0; i < n && !ledger_state_final(st); i++)
		if (util_strcasecmp(refused[i], r->cur ? r->cur : r->addr) == 0)
			return LS_REJECTED;
	if (st == LS_DELIVERED && r->folder && util_strcasecmp(r->folder, "Junk") == 0)
		return RENDER_VIEW_SLOT_JUNK;
	if (st == LS_IN_FLIGHT && render_view_connecting_in(a, ledger, r, mode))
		return RENDER_VIEW_SLOT_CONNECTING;
	return (int)st;
}

/* A slot as a ledger state (-1 stays -1). */
static int render_view_slot_state(int slot)
{
	return slot == RENDER_VIEW_SLOT_JUNK ? LS_DELIVERED : slot == RENDER_VIEW_SLOT_CONNECTING ? LS_IN_FLIGHT : slot;
}

void render_view_line_states(struct render_app *a, int ledger, unsigned char *out, int n)
{
	const struct ledger_entry *e = sim_ledger(render_app_sim(a), (size_t)ledger);
	int dropped = render_view_dropped_node(a, ledger, NULL, NULL);
	const char *refused[16];
	int nref = render_view_refused_rcpts(a, ledger, refused, 16), mode = -1;
	for (int i = 0; i < n && i < e->nrcpts; i++) {
		int st = render_view_slot_state(render_view_line_slot(a, ledger, &e->rcpts[i], dropped, refused, nref, &mode));
		out[i] = (unsigned char)(st >= 0 ? st : (int)render_view_row_state(a, ledger, &e->rcpts[i]));
	}
}

int render_view_msg_state(struct render_app *a, int ledger)
{
	struct sim *s = render_app_sim(a);
	if (ledger < 0 || (size_t)ledger >= sim_ledger_count(s))
		return -1;
	const struct ledger_entry *e = sim_ledger(s, (size_t)ledger);
	int dropped = render_view_dropped_node(a, ledger, NULL, NULL);
	const char *refused[16];
	int nref = render_view_refused_rcpts(a, ledger, refused, 16), mode = -1;
	int st = -1;
	for (int i = 0; i < e->nrcpts; i++) {
		int r = render_view_slot_state(render_view_line_slot(a, ledger, &e->rcpts[i], dropped, refused, nref, &mode));
		if (r < 0)
			continue;
		if (st < 0 || (ledger_state_final((enum ledger_state)st) && !ledger_state_final((enum ledger_state)r)))
			st = r;
	}
	return st;
}

int render_view_msg_junk(struct render_app *a, int ledger)
{
	struct sim *s = render_app_sim(a);
	if (ledger < 0 || (size_t)ledger >= sim_ledger_count(s))
		return 0;
	const struct ledger_entry *e = sim_ledger(s, (size_t)ledger);
	for (int i = 0; i < e->nrcpts; i++) {
		const struct ledger_rcpt *r = &e->rcpts[i];
		if (render_view_row_state(a, ledger, r) == LS_DELIVERED && r->folder &&
		    util_strcasecmp(r->folder, "Junk") == 0)
			return 1;
	}
	return 0;
}

void render_view_msg_states(struct render_app *a, int ledger, struct sbuf *out)
{
	struct sim *s = render_app_sim(a);
	if (ledger < 0 || (size_t)ledger >= sim_ledger_count(s))
		return;
	const struct ledger_entry *e = sim_ledger(s, (size_t)ledger);
	int dropped = render_view_dropped_node(a, ledger, NULL, NULL);
	const char *refused[16];
	int nref = render_view_refused_rcpts(a, ledger, refused, 16), mode = -1;
	/* Delivered lines in Junk are told apart: a spoof the filter caught
	 * must not read as mail in the INBOX; so are lines whose client still
	 * waits for the server to accept (a dropped SYN it does not know of). */
	int count[RENDER_VIEW_SLOTS] = { 0 }, kinds = 0;
	for (int i = 0; i < e->nrcpts; i++) {
		int slot = render_view_line_slot(a, ledger, &e->rcpts[i], dropped, refused, nref, &mode);
		if (slot >= 0 && !count[slot]++)
			kinds++;
	}
	int first = 1;
	for (int st = 0; st < RENDER_VIEW_SLOTS; st++) {
		if (!count[st])
			continue;
		char key[64];
		/* A bounce before it enters its server's queue is not in anyone's
		 * outbox (lesson 06 stopped at "writes a bounce": 「DSN m1.bounce
		 * — 送信トレイ」). */
		snprintf(key, sizeof key, "ui.state.%s", st == RENDER_VIEW_SLOT_JUNK ? "junk"
		         : st == RENDER_VIEW_SLOT_CONNECTING ? "connecting"
		         : st == LS_OUTBOX && e->bounce_of >= 0 ? "written" : ledger_state_names[st]);
		sbuf_addf(out, "%s%s", first ? "" : render_app_text(a, "ui.ev.clue.sep"), render_app_text(a, key));
		if (kinds > 1)
			sbuf_addf(out, " ×%d", count[st]);
		first = 0;
	}
}

void render_view_time(int64_t t_us, char *out, size_t outsz)
{
	if (t_us < 0)
		t_us = 0;
	int64_t ms = t_us / 1000;
	snprintf(out, outsz, "%d:%02d:%02d.%03d", (int)(ms / 3600000), (int)(ms / 60000 % 60),
		 (int)(ms / 1000 % 60), (int)(ms % 1000));
}

int render_view_dns_pending(struct render_app *a, const struct trace_rec **out, int max)
{
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);   /* as told: not ahead of the event list */
	int answered[16], na = 0, k = 0;
	/* Backwards: an answer is met before its query. */
	for (size_t i = n, seen = 0; i-- > 0 && seen < 400 && k < max; seen++) {
		const struct trace_rec *r = &tr[i];
		if (r->kind == TR_DNS_ANSWER && na < 16) {
			answered[na++] = r->node;
		} else if (r->kind == TR_DNS_QUERY && r->peer >= 0) {
			int done = 0;
			for (int j = 0; j < na && !done; j++)
				if (answered[j] == r->node) {
					answered[j] = answered[--na];
					done = 1;
				}
			if (!done)
				out[k++] = r;
		}
	}
	return k;
}

int render_view_moving(struct render_app *a)
{
	struct sim *s = render_app_sim(a);
	/* Called between frames (while playing): refresh the frame's list of
	 * connections, which the next draw gathers again anyway. */
	render_view_gather_conns(a);
	int64_t now = sim_now(s);
	for (size_t i = 0; i < a->nfconn; i++)
		if (a->fconn[i].in_flight && a->fconn[i].t_arrive > now)
			return 1;
	const struct trace_rec *q[1];
	return render_view_dns_pending(a, q, 1) > 0 || render_smime_busy(a);
}
