/* render_heard — what the eavesdropper read, where they read it.
 *
 * The trace tells a sniffer's reading (TR_SNIFF) when the line arrives at
 * its end, so by the moment the event list and the caption tell it
 * ("On port 110 without TLS the password crosses the Wi-Fi as it is",
 * lesson 14 at 20.130 s) the line has left the wire and its label with
 * it: the map showed only the server's "+OK" by the server.  This draws
 * the line read, as read, on its connection's route where that crosses
 * the sniffer's network. */
#include <stdio.h>
#include <string.h>

#include "render_app.h"
#include "render_events.h"
#include "render_heard.h"
#include "render_pill.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_view.h"
#include "render_wrap.h"

/* The latest sniffer's reading of a line told at the trace's last
 * instant, or NULL. */
static const struct trace_rec *render_heard_latest(struct render_app *a)
{
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	if (n == 0)
		return NULL;
	int64_t t = tr[n - 1].t;
	for (size_t i = n, seen = 0; i-- > 0 && tr[i].t == t && seen < 256; seen++) {
		const struct trace_rec *r = &tr[i];
		if (r->kind == TR_SNIFF &&
		    (r->u.sniff.what == TRACE_SNIFF_CLEAR || r->u.sniff.what == TRACE_SNIFF_TLS))
			return r;
	}
	return NULL;
}

/* The label of reading r into b: the first line read, how many more came
 * with it; inside TLS the record's size.  Returns 1 if sealed. */
static int render_heard_text(struct render_app *a, const struct trace_rec *r, struct sbuf *b)
{
	const struct trace_sniff *f = &r->u.sniff;
	char num[16];
	if (f->what == TRACE_SNIFF_TLS) {
		snprintf(num, sizeof num, "%u", (unsigned)f->bytes);
		const char *args[] = { "bytes", num, NULL };
		sbuf_adds(b, RENDER_SEAL_ROOM);
		i18n_format(a->cat[a->lang], "ui.wire.tls", args, b);
		return 1;
	}
	const char *text = f->text ? f->text : "";
	size_t first = strcspn(text, "\n");
	sbuf_adds(b, f->to_server ? "C: " : "S: ");
	sbuf_add(b, text, first);
	/* How many lines follow, as the event list counts them for the same
	 * line: from the record of the line itself, where the message a RETR
	 * carries is its "(message)", not the From, To, Subject and "…" the
	 * eavesdropper's panel shows of it (lesson 14 at 40.221 s: "(+5
	 * lines)" on the map, "(+2 lines)" in the list). */
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	const struct trace_rec *w = r >= tr && r + 1 < tr + n ? r + 1 : NULL;
	if (w && w->conn == r->conn && w->t == r->t && (w->kind == TR_REPLY || w->kind == TR_CMD) && w->u.line.text &&
	    strncmp(w->u.line.text, text, first) == 0 && (w->u.line.text[first] == '\n' || !w->u.line.text[first]))
		text = w->u.line.text;
	struct sbuf more = { 0 };
	if (render_events_more(a, text + first, &more)) {
		sbuf_addc(b, ' ');
		sbuf_adds(b, more.s ? more.s : "");
	}
	sbuf_free(&more);
	return 0;
}

/* The colour of the tag of reading f: a command's blue; a reply's by
 * its class, as the map colours a line on the wire and the legend says
 * ("Refused (5xx)" red, "Try later (4xx)" amber, else green); inside TLS
 * the class is not read. */
static uint32_t render_heard_colour(const struct trace_sniff *f, int sealed)
{
	if (f->to_server)
		return RENDER_THEME_CMD;
	const char *t = f->text ? f->text : "";
	if (sealed || t[0] < '1' || t[0] > '5' || t[1] < '0' || t[1] > '9' || t[2] < '0' || t[2] > '9')
		return RENDER_THEME_REPLY;
	return t[0] == '5' ? RENDER_THEME_BLOCK : t[0] == '4' ? RENDER_THEME_WARN : RENDER_THEME_REPLY;
}

/* The point of rt in the middle of its stretch inside rect net and
 * outside its hosts' boxes: 1, its fraction and (x, y), the stretch's
 * ends in *lo and *hi; else 0. */
static int render_heard_spot(const struct render_app *a, const struct render_topology_route *rt, SDL_Rect net,
                             float *g, float *lo_g, float *hi_g, float *x, float *y)
{
	enum { STEPS = 200 };
	int lo = -1, hi = -1;
	for (int k = 0; k <= STEPS; k++) {
		float px, py;
		render_topology_along(rt, (float)k / STEPS, &px, &py);
		SDL_Point p = { (int)px, (int)py };
		int in = SDL_PointInRect(&p, &net);
		for (size_t i = 0; in && i < a->nhits; i++)
			if ((a->hits[i].kind == RENDER_APP_HIT_HOST || a->hits[i].kind == RENDER_APP_HIT_ROUTER) &&
			    SDL_PointInRect(&p, &a->hits[i].rc))
				in = 0;
		if (in && lo < 0)
			lo = k;
		if (in)
			hi = k;
		else if (lo >= 0)
			break;   /* the first stretch inside */
	}
	if (lo < 0)
		return 0;
	*g = (float)(lo + hi) / 2 / STEPS;
	*lo_g = (float)lo / STEPS;
	*hi_g = (float)hi / STEPS;
	render_topology_along(rt, *g, x, y);
	return 1;
}

/* What render_heard_draw tags: the reading r of connection c's line, at
 * the point (x, y), fraction g, of c's route rt inside the sniffer's
 * network (its stretch from lo to hi); 0 if nothing is tagged. */
struct render_heard_spot {
	const struct trace_rec *r;
	const struct sim_conn *c;
	struct render_topology_route rt;
	float g, lo, hi, x, y;
};

/* Has the line now on connection c's wire (route rt), a later one than
 * what reading r read, come into rect net yet (on its way from its
 * sender to where it is now)?  Then the Wi-Fi carries that line, not the
 * one read: lesson 14 at 800.210 s, Alice's "C: QUIT" left her laptop
 * while "S: 554 … Relay access denied", which she had received at
 * 800.208 s, still hung on the café's link beside it (review C10). */
static int render_heard_overtaken(const struct sim_conn *c, const struct trace_rec *r,
                                  const struct render_topology_route *rt, SDL_Rect net, int64_t now)
{
	if (!c->in_flight || c->t_sent < r->t || now <= r->t)
		return 0;
	enum { STEPS = 64 };
	float f = render_topology_fraction(c, now);
	for (int k = 0; k <= STEPS; k++) {
		float g = f * (float)k / STEPS, x, y;   /* from the sender, g of the way to it */
		render_topology_along(rt, rt->reach * (c->to_server ? g : 1.0f - g), &x, &y);
		SDL_Point p = { (int)x, (int)y };
		if (SDL_PointInRect(&p, &net))
			return 1;
	}
	return 0;
}

static int render_heard_find(struct render_app *a, struct render_heard_spot *h)
{
	if (!a->sc->nsniffers || a->nfconn > RENDER_TOPOLOGY_LABEL_MAX)
		return 0;
	const struct trace_rec *r = render_heard_latest(a);
	if (!r)
		return 0;
	/* the moment of the reading, and a flight's time after it in play */
	int64_t now = sim_now(render_app_sim(a));
	if (now < r->t || now - r->t > r->t - r->t_sent)
		return 0;
	const struct sim_conn *c = NULL;
	for (size_t i = 0; i < a->nfconn && !c; i++)
		if (a->fconn[i].id == r->conn)
			c = &a->fconn[i];
	const struct trace_sniff *f = &r->u.sniff;
	int net = f->sniffer >= 0 && f->sniffer < a->sc->nsniffers ? a->sc->sniffers[f->sniffer].net : -1;
	/* (the line read may still be on the wire, arriving at the row that
	 * tells it: this tag is its label, render_heard_tells) */
	if (!c || net < 0)
		return 0;
	h->r = r;
	h->c = c;
	render_topology_route_of(a, c, &h->rt);
	SDL_Rect rn = render_layout_net_rect(&a->layout, net);
	/* what was read stays tagged at its moment, and after it only until
	 * the next line of the connection is on that network's wire */
	return h->rt.n >= 2 && !h->rt.blocked && !render_heard_overtaken(c, r, &h->rt, rn, now) &&
	       render_heard_spot(a, &h->rt, rn, &h->g, &h->lo, &h->hi, &h->x, &h->y);
}

int render_heard_tells(const struct render_app *a, const struct sim_conn *c)
{
	return c->in_flight && a->heard_conn == c->id;
}

void render_heard_draw(struct render_app *a)
{
	struct render_heard_spot h;
	a->heard_conn = -1;
	if (!render_heard_find(a, &h))
		return;
	struct sbuf t = { 0 };
	int sealed = render_heard_text(a, h.r, &t);
	char buf[128];
	render_wrap_copy(buf, sizeof buf, t.s ? t.s : "");
	sbuf_free(&t);
	int drawn = render_pill_place_in(a, RENDER_FONT_MONO, render_topology_px(a, 16), buf, &h.rt, h.g, h.lo, h.hi,
					 h.x, h.y, (int)(330 * a->layout.k), render_heard_colour(&h.r->u.sniff, sealed),
					 sealed, h.c->id);
	/* the line read still on the wire, arriving at this row: this is its
	 * label (render_traffic leaves out its own) */
	const struct sim_conn *c = h.c;
	if (drawn && c->in_flight && c->to_server == h.r->u.sniff.to_server && c->t_sent == h.r->t_sent)
		a->heard_conn = c->id;
}

int render_heard_label(struct render_app *a, char *buf, size_t n)
{
	struct render_heard_spot h;
	if (!render_heard_find(a, &h))
		return 0;
	struct sbuf t = { 0 };
	render_heard_text(a, h.r, &t);
	render_wrap_copy(buf, n, t.s ? t.s : "");
	sbuf_free(&t);
	return 1;
}
