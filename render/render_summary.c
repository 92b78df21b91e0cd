/* render_summary — the summary picture: every path tried, from the trace
 * (see render_summary.h).  The network is drawn as in the lesson without
 * what moves; the paths go on as arrows under the boxes, their labels and
 * ✓/× marks over them, and the legend takes the right column. */
#include "render_summary.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_summary_marks.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_ui.h"
#include "render_view.h"

const char *const render_summary_end_names[RENDER_SUMMARY_END_COUNT] = {
	"accepted", "through", "rule", "refused", "timeout", "reply", "open",
};
_Static_assert(sizeof render_summary_end_names / sizeof *render_summary_end_names == RENDER_SUMMARY_END_COUNT,
	       "summary end names");

#define RENDER_SUMMARY_ROUTE_MAX RENDER_TOPOLOGY_MAX_POINTS

int render_summary_ok(const struct render_summary_path *p)
{
	return p->end == RENDER_SUMMARY_ACCEPTED || p->end == RENDER_SUMMARY_THROUGH;
}

/* One connection as its records tell it. */
struct render_summary_try {
	int seen;                  /* its TR_CONNECT was in the trace */
	int client, server, port, proto, tls;
	int stopped;               /* RULE, REFUSED or TIMEOUT in end */
	enum render_summary_end end;
	int router, rule;
	int accepted;              /* the server queued (or, over LMTP, stored) a mail from it */
	int closed;                /* it has ended (TR_CLOSE) */
	int code, err;             /* the first refusing reply (SMTP code; err: POP3/IMAP) */
	const char *reply;
	int msg;                   /* the message the server queued, -1 */
	int junk;                  /* the server's MDA filed that message in Junk */
	int sniffed;               /* an eavesdropper read lines of it in clear */
	size_t next;               /* the next connection that queued the same message */
};

static void render_summary_record(struct render_summary_try *t, const struct trace_rec *r)
{
	t->tls |= r->tls;
	switch (r->kind) {
	case TR_BLOCKED:
	case TR_REFUSED:
	case TR_TIMEOUT:
		if (r->u.stop.router >= 0) {
			t->end = RENDER_SUMMARY_RULE;
			t->router = r->u.stop.router;
			t->rule = r->u.stop.rule;
		} else if (!t->stopped) {
			t->end = r->kind == TR_REFUSED ? RENDER_SUMMARY_REFUSED : RENDER_SUMMARY_TIMEOUT;
		}
		t->stopped = 1;
		break;
	case TR_QUEUED:
		t->msg = r->msg;
		t->accepted = 1;
		break;
	case TR_DELIVER:   /* an MDA storing what came over LMTP */
		t->accepted = 1;
		t->junk |= r->u.box.folder == TRACE_FOLDER_JUNK;
		break;
	case TR_CLOSE:
		t->closed = 1;
		break;
	case TR_SNIFF:
		t->sniffed |= r->u.sniff.what == TRACE_SNIFF_CLEAR;
		break;
	case TR_REPLY:
		if (t->code || t->err)
			break;
		if ((r->proto == PROTO_SMTP || r->proto == PROTO_LMTP) && r->u.line.code >= 400) {
			t->code = r->u.line.code;
			t->reply = r->u.line.text;
		} else if ((r->proto == PROTO_POP3 || r->proto == PROTO_IMAP) && r->u.line.code == 0) {
			t->err = 1;
			t->reply = r->u.line.text;
		}
		break;
	default:
		break;
	}
}

/* Mark each connection whose server queued a mail that this server's MDA
 * then filed in Junk (a delivery is its own later event, with no
 * connection: it is matched by message and by the server's host). */
static void render_summary_junk(const struct scenario *sc, const struct trace_rec *tr, size_t n,
                                struct render_summary_try *t, size_t cap)
{
	size_t nmsg = 0;
	for (size_t c = 0; c < cap; c++)
		if (t[c].seen && t[c].msg >= 0 && (size_t)t[c].msg >= nmsg)
			nmsg = (size_t)t[c].msg + 1;
	if (!nmsg)
		return;
	size_t *head = xmalloc(nmsg * sizeof *head);
	for (size_t m = 0; m < nmsg; m++)
		head[m] = SIZE_MAX;
	for (size_t c = cap; c-- > 0;)
		if (t[c].seen && t[c].msg >= 0) {
			t[c].next = head[t[c].msg];
			head[t[c].msg] = c;
		}
	for (size_t k = 0; k < n; k++) {
		const struct trace_rec *r = &tr[k];
		if (r->kind != TR_DELIVER || r->u.box.folder != TRACE_FOLDER_JUNK || r->msg < 0 ||
		    (size_t)r->msg >= nmsg)
			continue;
		int host = render_layout_leader(sc, r->node);
		for (size_t c = head[r->msg]; c != SIZE_MAX; c = t[c].next)
			if (t[c].server == host)
				t[c].junk = 1;
	}
	free(head);
}

size_t render_summary_paths(const struct scenario *sc, const struct trace_rec *tr, size_t n,
                            struct render_summary_path *out, size_t max)
{
	struct render_summary_try *t = NULL;
	size_t cap = 0;
	for (size_t k = 0; k < n; k++) {
		const struct trace_rec *r = &tr[k];
		if (r->conn < 0)
			continue;
		size_t c = (size_t)r->conn;
		if (c >= cap) {
			size_t ncap = cap ? cap : 64;
			while (ncap <= c)
				ncap *= 2;
			t = xrealloc(t, ncap * sizeof *t);
			memset(t + cap, 0, (ncap - cap) * sizeof *t);
			cap = ncap;
		}
		if (r->kind == TR_CONNECT) {
			memset(&t[c], 0, sizeof t[c]);
			t[c].seen = 1;
			t[c].client = render_layout_leader(sc, r->node);
			t[c].server = render_layout_leader(sc, r->peer);
			t[c].port = r->port;
			t[c].proto = r->proto;
			t[c].router = t[c].rule = -1;
			t[c].msg = -1;
		}
		if (t[c].seen)
			render_summary_record(&t[c], r);
	}
	render_summary_junk(sc, tr, n, t, cap);
	/* Connection ids are handed out in order: ascending ids are the order
	 * the attempts began. */
	size_t np = 0;
	struct render_summary_path *all = NULL;
	size_t capall = 0;
	for (size_t c = 0; c < cap; c++) {
		const struct render_summary_try *x = &t[c];
		if (!x->seen)
			continue;
		struct render_summary_path p;
		memset(&p, 0, sizeof p);
		p.client = x->client;
		p.server = x->server;
		p.port = x->port;
		p.proto = (enum proto)x->proto;
		p.tls = x->tls;
		p.router = p.rule = -1;
		p.junk = x->accepted && x->junk;
		p.sniffed = x->sniffed;
		if (x->stopped) {
			p.end = x->end;
			p.router = x->router;
			p.rule = x->rule;
		} else if (x->accepted) {
			p.end = RENDER_SUMMARY_ACCEPTED;
			p.code = x->code;   /* some recipients refused */
			p.reply = x->reply;
		} else if (x->code || x->err) {
			p.end = RENDER_SUMMARY_REPLY;
			p.code = x->code;
			p.reply = x->reply;
		} else if (!x->closed) {
			p.end = RENDER_SUMMARY_OPEN;
		} else {
			p.end = RENDER_SUMMARY_THROUGH;
		}
		size_t i = 0;
		while (i < np && !(all[i].client == p.client && all[i].server == p.server && all[i].port == p.port &&
				   all[i].proto == p.proto && all[i].tls == p.tls && all[i].end == p.end &&
				   all[i].router == p.router && all[i].rule == p.rule && all[i].code == p.code &&
				   all[i].junk == p.junk && all[i].sniffed == p.sniffed))
			i++;
		if (i == np) {
			if (np == capall) {
				capall = capall ? capall * 2 : 16;
				all = xrealloc(all, capall * sizeof *all);
			}
			all[np++] = p;
		}
		all[i].count++;
	}
	for (size_t i = 0; i < np && i < max; i++)
		out[i] = all[i];
	free(all);
	free(t);
	return np;
}

/* ---- the window's side ---- */

void render_summary_free(struct render_summary *s)
{
	render_summary_marks_free(s);
}

int render_summary_shown(const struct render_app *a)
{
	return a->summary.on;
}

void render_summary_set(struct render_app *a, int on)
{
	a->summary.on = on != 0;
	if (on && a->overlay == RENDER_APP_OVERLAY_CHECK)
		a->overlay = RENDER_APP_OVERLAY_NONE;
}

void render_summary_toggle(struct render_app *a)
{
	render_summary_set(a, !a->summary.on);
}

void render_summary_layout(struct render_app *a)
{
	struct render_layout_panels *p = &a->panels;
	SDL_Rect none = { 0, 0, 0, 0 };
	int top = p->top.y + p->top.h, right = p->card.w;
	int h = p->inspector.y + p->inspector.h;
	p->topo = (SDL_Rect){ 0, top, p->top.w - right, h - top };
	p->card = (SDL_Rect){ p->top.w - right, top, right, h - top };
	p->caption = p->events = p->transcript = p->inspector = p->title = none;   /* the title in the bar */
}

/* The nodes path p passes (as in the trace: hosts, then routers): its
 * client, the routers on the way, and its server, or the router that
 * stopped it.  Returns how many. */
static int render_summary_nodes(struct render_app *a, const struct render_summary_path *p, int *node)
{
	int routers[RENDER_SUMMARY_ROUTE_MAX];
	int nr = sim_path(render_app_sim(a), p->client, p->server, routers, RENDER_SUMMARY_ROUTE_MAX - 2, NULL);
	if (nr > RENDER_SUMMARY_ROUTE_MAX - 2)
		nr = RENDER_SUMMARY_ROUTE_MAX - 2;
	int n = 0, stopped = 0;
	node[n++] = p->client;
	for (int k = 0; k < nr && !stopped; k++) {
		node[n++] = a->sc->nhosts + routers[k];
		stopped = p->end == RENDER_SUMMARY_RULE && routers[k] == p->router;
	}
	if (!stopped)
		node[n++] = p->server;
	return n;
}

/* The screen route of path i given the nodes each path 0 .. i passes
 * (nodes[j], nn[j]: render_summary_nodes). */
static int render_summary_route_of(struct render_app *a, size_t i, const int (*nodes)[RENDER_SUMMARY_ROUTE_MAX],
                                   const int *nn, float *x, float *y, int *node)
{
	const struct render_summary_path *p = &a->summary.path[i];
	/* The way the main map draws a connection (render_topology_route):
	 * between two routers through their links' dots in the network
	 * between (the Internet's box), round the boxes it does not use. */
	int routers[RENDER_SUMMARY_ROUTE_MAX], nr = 0;
	for (int k = 1; k < nn[i]; k++)
		if (nodes[i][k] >= a->sc->nhosts)
			routers[nr++] = nodes[i][k] - a->sc->nhosts;
	int reached = nodes[i][nn[i] - 1] < a->sc->nhosts;
	struct render_topology_route rt;
	render_topology_route_hosts(a, p->client, reached ? p->server : -1, routers, nr, &rt);
	int n = rt.n;
	for (int k = 0; k < n; k++) {
		x[k] = rt.x[k];
		y[k] = rt.y[k];
		node[k] = rt.node[k];
	}
	/* The lane: how many paths drawn before share a stretch (two nodes
	 * passed one after the other, not points drawn) with this one;
	 * lanes alternate sides (0, +1, -1, +2 …), the side taken from the
	 * direction between the two ends so that a path back runs beside the
	 * path there, not on it. */
	int lane = 0;
	for (size_t j = 0; j < i; j++) {
		const int *jn = nodes[j];
		int share = 0;
		for (int u = 1; u < nn[i] && !share; u++)
			for (int v = 1; v < nn[j] && !share; v++)
				share = (nodes[i][u - 1] == jn[v - 1] && nodes[i][u] == jn[v]) ||
					(nodes[i][u - 1] == jn[v] && nodes[i][u] == jn[v - 1]);
		lane += share;
	}
	float off = (float)((lane + 1) / 2) * (lane % 2 ? 1.0f : -1.0f) * (float)a->panels.line * 5.0f;
	if (p->client > p->server)
		off = -off;
	if (off != 0 && n > 1) {
		float ox[RENDER_SUMMARY_ROUTE_MAX], oy[RENDER_SUMMARY_ROUTE_MAX];
		for (int k = 0; k < n; k++) {
			/* The normal at a point: of its segment, averaged at a joint. */
			float nx = 0, ny = 0;
			for (int s = k - 1; s <= k; s++) {
				if (s < 0 || s + 1 >= n)
					continue;
				float dx = x[s + 1] - x[s], dy = y[s + 1] - y[s], len = hypotf(dx, dy);
				if (len > 0) {
					nx += -dy / len;
					ny += dx / len;
				}
			}
			float len = hypotf(nx, ny);
			ox[k] = x[k] + (len > 0 ? nx / len * off : 0);
			oy[k] = y[k] + (len > 0 ? ny / len * off : 0);
		}
		memcpy(x, ox, sizeof(float) * (size_t)n);
		memcpy(y, oy, sizeof(float) * (size_t)n);
	}
	return n;
}

/* The screen route of path i (see render_summary.h). */
int render_summary_route(struct render_app *a, size_t i, float *x, float *y, int *node)
{
	int nodes[RENDER_SUMMARY_MAX][RENDER_SUMMARY_ROUTE_MAX], nn[RENDER_SUMMARY_MAX];
	for (size_t j = 0; j <= i; j++)
		nn[j] = render_summary_nodes(a, &a->summary.path[j], nodes[j]);
	return render_summary_route_of(a, i, (const int (*)[RENDER_SUMMARY_ROUTE_MAX])nodes, nn, x, y, node);
}

int render_summary_clear(const struct render_summary_path *p)
{
	if (!render_summary_ok(p) || p->tls)
		return 0;
	/* A mailbox session: the password (but for APOP) and the mail crossed
	 * the network readable, watched or not. */
	if (p->end == RENDER_SUMMARY_THROUGH && (p->proto == PROTO_POP3 || p->proto == PROTO_IMAP))
		return 1;
	/* Any other session an eavesdropper read: SMTP on 25 carried the whole
	 * mail in clear. */
	return p->sniffed;
}

uint32_t render_summary_color(const struct render_summary_path *p)
{
	if (p->end == RENDER_SUMMARY_OPEN)
		return RENDER_THEME_MUTED;
	if (p->junk || render_summary_clear(p))
		return RENDER_THEME_WARN;   /* accepted, but filed in Junk; read in clear text */
	return render_summary_ok(p) ? RENDER_THEME_OK : RENDER_THEME_BLOCK;
}

void render_summary_routes(struct render_app *a)
{
	struct render_summary *s = &a->summary;
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	s->total = render_summary_paths(a->sc, tr, n, s->path, RENDER_SUMMARY_MAX);
	s->npath = s->total < RENDER_SUMMARY_MAX ? s->total : RENDER_SUMMARY_MAX;
	float th = (float)a->panels.line * 2.5f;
	/* Each path's nodes once (the lanes compare every pair), each route
	 * once a frame: the marks take them from s->line. */
	int nodes[RENDER_SUMMARY_MAX][RENDER_SUMMARY_ROUTE_MAX], nn[RENDER_SUMMARY_MAX];
	for (size_t i = 0; i < s->npath; i++)
		nn[i] = render_summary_nodes(a, &s->path[i], nodes[i]);
	for (size_t i = 0; i < s->npath; i++) {
		struct render_summary_line *l = &s->line[i];
		l->n = render_summary_route_of(a, i, (const int (*)[RENDER_SUMMARY_ROUTE_MAX])nodes, nn, l->x, l->y,
					       l->node);
		uint32_t col = render_summary_color(&s->path[i]);
		for (int k = 1; k < l->n; k++)
			render_draw_line(a->ren, l->x[k - 1], l->y[k - 1], l->x[k], l->y[k], th, col);
	}
}

/* "①" … "⑳", then "(21)" (see render_summary.h). */
void render_summary_number(size_t i, char *buf, size_t bufsz)
{
	if (i < 20)
		snprintf(buf, bufsz, "%s", (const char *[]){ "①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩", "⑪",
							     "⑫", "⑬", "⑭", "⑮", "⑯", "⑰", "⑱", "⑲", "⑳" }[i]);
	else
		snprintf(buf, bufsz, "(%zu)", i + 1);
}

/* The legend's second line for path p: protocol and port, then how it
 * ended, in words. */
static void render_summary_outcome(struct render_app *a, const struct render_summary_path *p, struct sbuf *b)
{
	const struct i18n *cat = a->cat[a->lang];
	sbuf_addf(b, "%s %d%s — ", proto_names[p->proto], p->port, p->tls ? " TLS" : "");
	char code[160];
	if (p->reply) {
		/* A reply as sent, its first line. */
		size_t l = strcspn(p->reply, "\r\n");
		snprintf(code, sizeof code, "%.*s", (int)(l < 120 ? l : 120), p->reply);
	} else {
		snprintf(code, sizeof code, "%d", p->code);
	}
	switch (p->end) {
	case RENDER_SUMMARY_ACCEPTED:
		sbuf_adds(b, render_app_text(a, p->junk ? "ui.summary.accepted_junk"
		                                 : render_summary_clear(p) ? "ui.summary.accepted_clear"
		                                 : "ui.summary.accepted"));
		if (p->code) {
			const char *args[] = { "reply", code, NULL };
			sbuf_adds(b, " · ");
			i18n_format(cat, "ui.summary.partly", args, b);
		}
		break;
	case RENDER_SUMMARY_THROUGH:
		sbuf_adds(b, render_app_text(a, render_summary_clear(p) ? "ui.summary.through_clear" : "ui.summary.through"));
		break;
	case RENDER_SUMMARY_RULE: {
		const char *args[] = { "rule", render_view_rule_name(a, p->router, p->rule), "router",
			render_view_router_name(a, p->router), NULL };
		i18n_format(cat, "ui.summary.rule", args, b);
		break;
	}
	case RENDER_SUMMARY_REFUSED:
		sbuf_adds(b, render_app_text(a, "ui.summary.refused"));
		break;
	case RENDER_SUMMARY_TIMEOUT:
		sbuf_adds(b, render_app_text(a, "ui.summary.timeout"));
		break;
	case RENDER_SUMMARY_REPLY: {
		const char *args[] = { "reply", code, NULL };
		i18n_format(cat, "ui.summary.reply", args, b);
		break;
	}
	case RENDER_SUMMARY_OPEN:
		sbuf_adds(b, render_app_text(a, "ui.summary.open"));
		break;
	case RENDER_SUMMARY_END_COUNT:
	default:
		PANIC("unexpected summary end %d", (int)p->end);
	}
	if (p->count > 1) {
		char n[16];
		snprintf(n, sizeof n, "%d", p->count);
		const char *args[] = { "n", n, NULL };
		sbuf_adds(b, " ");
		i18n_format(cat, "ui.summary.times", args, b);
	}
}

/* Path i's row: its words (b, the boxes; o, the outcome) and their
 * heights at px and spx wrapped at w. */
static void render_summary_row(struct render_app *a, size_t i, int px, int spx, int w, struct sbuf *b,
                               struct sbuf *o, int *h1, int *h2)
{
	const struct render_summary_path *sp = &a->summary.path[i];
	char num[16];
	sbuf_reset(b);
	sbuf_reset(o);
	render_summary_number(i, num, sizeof num);
	sbuf_addf(b, "%s %s → %s", num, render_view_host_name(a, sp->client), render_view_host_name(a, sp->server));
	render_summary_outcome(a, sp, o);
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_WRAP, w, b->s, NULL, h1);
	render_font_size(a->font, RENDER_FONT_REGULAR, spx, RENDER_FONT_WRAP, w, o->s, NULL, h2);
}

void render_summary_legend(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	struct render_summary *s = &a->summary;
	SDL_Rect rc = p->card;
	SDL_Rect in = { rc.x + p->pad / 2, rc.y + p->pad / 2, rc.w - p->pad, rc.h - p->pad };
	s->legend = in;
	render_draw_fill(a->ren, in, RENDER_THEME_PANEL);
	render_draw_outline(a->ren, in, 1, RENDER_THEME_PANEL_EDGE);
	render_app_hit_add(a, rc, RENDER_APP_HIT_PANEL, RENDER_APP_PANEL_CARD, 0);
	SDL_RenderSetClipRect(a->ren, &in);
	int x = in.x + p->pad, w = in.w - 2 * p->pad, y = in.y + p->pad / 2, h = 0;
	/* Back to the lesson, at the top right. */
	const char *back = render_app_text(a, "ui.summary.back");
	int bw = 0, bh = render_font_line_height(a->font, RENDER_FONT_BOLD, p->px_body) + p->pad / 2;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_FONT_LINE, 0, back, &bw, NULL);
	bw += 2 * (p->px_body / 2 + 2);
	render_panels_button(a, x + w - bw, y, bh, back, RENDER_APP_BTN_SUMMARY, 0, 0x546E7AFFu, 0xFFFFFFFFu);
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_title, RENDER_THEME_TEXT, RENDER_FONT_WRAP, w - bw - p->pad,
			 render_app_text(a, "ui.summary.title"), x, y, &h);
	y += (h > bh ? h : bh) + p->pad / 3;
	/* The lesson's title: the picture may travel alone (a handout, a slide),
	 * and the top bar gives the title what room is left. */
	const char *title = sc_text_get(&a->sc->title, a->lang);
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_THEME_ACCENT, RENDER_FONT_WRAP, w,
			 title ? title : a->sc->id, x, y, &h);
	y += h + p->pad / 3;
	render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_WRAP, w,
			 render_app_text(a, "ui.summary.key"), x, y, &h);
	y += h + p->pad / 2;
	if (!s->total)
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_body, RENDER_THEME_MUTED, RENDER_FONT_WRAP, w,
				 render_app_text(a, "ui.summary.none"), x, y, NULL);
	/* Rows at body size, smaller when they would not all fit -- in
	 * presenter mode no smaller than its small text (16 px at 720p; they
	 * went down to 10, acceptance review of issue 11): the rows that fit,
	 * then how many more the numbered arrows show. */
	int px = p->px_body, spx = p->px_small, floor = a->presenter ? p->px_small : 10;
	int bottom = in.y + in.h - p->pad / 2;
	struct sbuf b = { 0 }, o = { 0 };
	for (int pass = 0; pass < 6; pass++) {
		int total = 0;
		for (size_t i = 0; i < s->npath; i++) {
			int h1 = 0, h2 = 0;
			render_summary_row(a, i, px, spx, w - p->pad, &b, &o, &h1, &h2);
			total += h1 + h2 + p->pad / 2;
		}
		if (y + total <= in.y + in.h - p->pad || (px <= floor && spx <= floor))
			break;
		px = px * 9 / 10 > floor ? px * 9 / 10 : floor;
		spx = spx * 9 / 10 > floor ? spx * 9 / 10 : floor;
	}
	int more_h = render_font_line_height(a->font, RENDER_FONT_REGULAR, spx) + 2;
	size_t shown = 0;
	for (size_t i = 0; i < s->npath; i++) {
		const struct render_summary_path *sp = &s->path[i];
		int h1 = 0, h2 = 0;
		render_summary_row(a, i, px, spx, w - p->pad, &b, &o, &h1, &h2);
		if (i > 0 && y + h1 + h2 + (i + 1 < s->npath ? more_h : 0) > bottom)
			break;
		uint32_t col = render_summary_color(sp);
		render_draw_fill(a->ren, (SDL_Rect){ x, y, 4, h1 + h2 }, col);
		render_font_draw(a->font, RENDER_FONT_BOLD, px, RENDER_THEME_TEXT, RENDER_FONT_WRAP, w - p->pad, b.s,
				 x + p->pad, y, NULL);
		render_font_draw(a->font, RENDER_FONT_REGULAR, spx, col, RENDER_FONT_WRAP, w - p->pad, o.s, x + p->pad,
				 y + h1, NULL);
		y += h1 + h2 + p->pad / 2;
		shown++;
	}
	s->row_px = px;
	s->row_small_px = spx;
	s->rows_shown = shown;
	if (shown < s->npath) {
		char n[24];
		snprintf(n, sizeof n, "%zu", s->npath - shown);
		const char *args[] = { "n", n, NULL };
		sbuf_reset(&b);
		i18n_format(a->cat[a->lang], "ui.summary.rows_more", args, &b);
		int mh = 0;
		render_font_draw(a->font, RENDER_FONT_REGULAR, spx, RENDER_THEME_MUTED, RENDER_FONT_WRAP, w, b.s, x, y, &mh);
		y += mh;
	}
	if (s->total > s->npath) {
		char n[24];
		snprintf(n, sizeof n, "%zu", s->total - s->npath);
		const char *args[] = { "n", n, NULL };
		sbuf_reset(&b);
		i18n_format(a->cat[a->lang], "ui.summary.more", args, &b);
		render_font_draw(a->font, RENDER_FONT_REGULAR, spx, RENDER_THEME_MUTED, RENDER_FONT_WRAP, w, b.s, x, y, NULL);
	}
	sbuf_free(&b);
	sbuf_free(&o);
	SDL_RenderSetClipRect(a->ren, NULL);
}
