/* render_ladder — the sequence chart of one connection: collecting its
 * arrows from the trace (and the line now on the wire), placing them on a
 * time axis that runs down the panel, and drawing lifelines, arrows, the
 * TLS band and the notes large enough for the back row. */
#include "render_ladder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_events.h"
#include "render_draw.h"
#include "render_theme.h"
#include "render_ui.h"
#include "render_view.h"
#include "render_wrap.h"

const char *const render_ladder_side_names[RENDER_LADDER_SIDE_COUNT] = { "client", "router", "server" };
_Static_assert(sizeof render_ladder_side_names / sizeof *render_ladder_side_names == RENDER_LADDER_SIDE_COUNT,
	       "ladder side names");
const char *const render_ladder_class_names[RENDER_LADDER_CLASS_COUNT] = {
	"cmd", "reply", "error", "syn", "drop", "rst",
};
_Static_assert(sizeof render_ladder_class_names / sizeof *render_ladder_class_names == RENDER_LADDER_CLASS_COUNT,
	       "ladder class names");
const char *const render_ladder_note_names[RENDER_LADDER_NOTE_COUNT] = { "timeout", "close" };
_Static_assert(sizeof render_ladder_note_names / sizeof *render_ladder_note_names == RENDER_LADDER_NOTE_COUNT,
	       "ladder note names");

/* Stroke colour per class (the transcript's colours for C: and S:). */
static const uint32_t render_ladder_colour[RENDER_LADDER_CLASS_COUNT] = {
	[RENDER_LADDER_CMD] = RENDER_THEME_CMD,
	[RENDER_LADDER_REPLY] = RENDER_THEME_REPLY,
	[RENDER_LADDER_ERROR] = RENDER_THEME_BLOCK,
	[RENDER_LADDER_SYN] = RENDER_THEME_MUTED,
	[RENDER_LADDER_DROP] = RENDER_THEME_BLOCK,
	[RENDER_LADDER_RST] = RENDER_THEME_BLOCK,
};
#define RENDER_LADDER_TLS_FILL 0xE6F4EAFFu
#define RENDER_LADDER_KNOCKOUT 0xFFFFFFE8u

int render_ladder_focus(struct render_app *a)
{
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	int only = a->sel == RENDER_APP_SEL_MSG ? a->sel_index : -1;
	for (size_t i = n; i-- > 0;)
		if (tr[i].conn >= 0 && (only < 0 || tr[i].msg == only))
			return tr[i].conn;
	return -1;
}

static struct render_ladder_arrow *render_ladder_add(struct render_ladder *l, enum render_ladder_class cls,
                                                     enum render_ladder_side from, enum render_ladder_side to,
                                                     int64_t t0, int64_t t1)
{
	if (l->narrows == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->arrow = xrealloc(l->arrow, l->cap * sizeof *l->arrow);
	}
	struct render_ladder_arrow *ar = &l->arrow[l->narrows++];
	memset(ar, 0, sizeof *ar);
	ar->cls = cls;
	ar->from = from;
	ar->to = to;
	ar->t0 = t0 < t1 ? t0 : t1;
	ar->t1 = t1;
	ar->frac = 1.0f;
	return ar;
}

static void render_ladder_note_add(struct render_ladder *l, enum render_ladder_note_kind kind, int64_t t,
                                   int64_t waited)
{
	if (l->nnotes < RENDER_LADDER_MAX_NOTES)
		l->note[l->nnotes++] = (struct render_ladder_note){ kind, t, waited, 0 };
}

/* A line's label: its first line, with "(+N lines)" when more lines
 * follow (as the event list says it; a bare "…" there read as a line
 * cut for want of room); cut between characters to fit outsz (at least
 * 8) bytes. */
static void render_ladder_first_line(struct render_app *a, const char *text, char *out, size_t outsz)
{
	const char *t = text ? text : "";
	size_t n = strcspn(t, "\n");
	struct sbuf tail = { 0 }, more = { 0 };
	if (render_events_more(a, t + n, &more)) {
		sbuf_addc(&tail, ' ');
		sbuf_adds(&tail, more.s ? more.s : "");
	}
	sbuf_free(&more);
	size_t room = tail.len + 1 < outsz ? outsz - 1 - tail.len : 0;
	size_t k = render_wrap_cut(t, n, room);
	snprintf(out, outsz, "%.*s%s", (int)k, t, tail.s ? tail.s : "");
	sbuf_free(&tail);
}

/* A reply that says no: SMTP 4xx/5xx, POP3 -ERR, IMAP NO/BAD. */
static int render_ladder_is_error(enum proto proto, int code, const char *line)
{
	const char *t = line ? line : "";
	if (proto == PROTO_SMTP || proto == PROTO_LMTP || proto == PROTO_NONE) {
		if (code == 0)
			code = atoi(t);
		return code >= 400;
	}
	if (proto == PROTO_POP3)
		return strncmp(t, "-ERR", 4) == 0;
	if (proto == PROTO_IMAP) {
		const char *sp = strchr(t, ' ');
		return sp && (strncmp(sp + 1, "NO", 2) == 0 || strncmp(sp + 1, "BAD", 3) == 0);
	}
	return 0;
}

/* The line now on the wire, partly drawn: it has left, it has not landed. */
static void render_ladder_in_flight(struct render_app *a, struct render_ladder *l, int64_t now)
{
	for (size_t i = 0; i < a->nfconn; i++) {
		const struct sim_conn *c = &a->fconn[i];
		if (c->id != l->conn)
			continue;
		l->tls = c->tls;
		if (!c->in_flight)
			return;
		const char *line = c->line ? c->line : "";
		struct render_ladder_arrow *ar;
		if (!*line && c->to_server) {
			/* On its way like any SYN: the router that will drop it
			 * has not yet (render_topology_stopped), and its column
			 * comes with the drop's record. */
			ar = render_ladder_add(l, RENDER_LADDER_SYN, RENDER_LADDER_CLIENT, RENDER_LADDER_SERVER, c->t_sent,
					       c->t_arrive);
			snprintf(ar->label, sizeof ar->label, "SYN :%d", l->port);
		} else if (!*line) {
			ar = render_ladder_add(l, RENDER_LADDER_RST, c->blocked_at >= 0 ? RENDER_LADDER_ROUTER
					       : RENDER_LADDER_SERVER, RENDER_LADDER_CLIENT, c->t_sent, c->t_arrive);
			snprintf(ar->label, sizeof ar->label, "%s", render_app_text(a, "ui.ladder.rst"));
		} else {
			int err = !c->to_server && render_ladder_is_error(l->proto, 0, line);
			ar = render_ladder_add(l, c->to_server ? RENDER_LADDER_CMD : err ? RENDER_LADDER_ERROR
					       : RENDER_LADDER_REPLY, c->to_server ? RENDER_LADDER_CLIENT : RENDER_LADDER_SERVER,
					       c->to_server ? RENDER_LADDER_SERVER : RENDER_LADDER_CLIENT, c->t_sent, c->t_arrive);
			struct sbuf b = { 0 };
			if (c->payload)   /* the message itself reads as on the transcript */
				render_view_payload_text(a, c->payload, &b);
			render_ladder_first_line(a, c->payload ? b.s : line, ar->label, sizeof ar->label);
			sbuf_free(&b);
		}
		ar->in_flight = 1;
		int64_t span = ar->t1 - ar->t0;
		ar->frac = span > 0 ? (float)(now - ar->t0) / (float)span : 1.0f;
		ar->frac = ar->frac < 0 ? 0 : ar->frac > 1 ? 1 : ar->frac;
		return;
	}
}

size_t render_ladder_collect(struct render_app *a, int conn, struct render_ladder *l)
{
	struct render_ladder_arrow *keep = l->arrow;
	size_t cap = l->cap;
	memset(l, 0, sizeof *l);
	l->arrow = keep;
	l->cap = cap;
	l->conn = -1;
	l->router = -1;
	l->t_tls = -1;
	l->y_tls = -1;
	l->client_role = l->server_role = -1;
	struct sim *s = render_app_sim(a);
	if (conn < 0)
		conn = render_ladder_focus(a);
	if (conn < 0)
		return 0;
	/* Back from the end to the connection's TR_CONNECT, so an old
	 * connection costs only what came after it. */
	size_t n = 0, first;
	const struct trace_rec *tr = render_view_trace(a, &n);
	for (first = n; first-- > 0;)
		if (tr[first].conn == conn && tr[first].kind == TR_CONNECT)
			break;
	if (first >= n)
		return 0;
	const struct trace_rec *c0 = &tr[first];
	l->conn = conn;
	l->client = c0->node;
	l->server = c0->peer;
	l->port = c0->port;
	l->proto = c0->proto;
	l->client_role = c0->role;
	l->t_start = c0->t;
	/* The trace gives a line's arrival; its departure is t_sent when the
	 * record carries one, else the arrival less the path's one-way latency
	 * (which is how the simulation schedules it), never before the last
	 * arrival on this connection: the protocols here wait for the answer. */
	int64_t lat = 0;
	int routers[16];
	if (sim_path(s, l->client, l->server, routers, 16, &lat) < 0)
		lat = 0;
	int64_t last = c0->t, blocked_t = -1;
	int accepted = 0;
	for (size_t j = first + 1; j < n; j++) {
		const struct trace_rec *r = &tr[j];
		if (r->conn != conn)
			continue;
		int64_t sent = r->t_sent < r->t ? r->t_sent : r->t - lat;
		if (sent < last)
			sent = last;
		struct render_ladder_arrow *ar = NULL;
		/* TLS from the first encrypted line's departure: the handshake
		 * after the 220 to STARTTLS ends when that line leaves (on 465,
		 * from the connection's acceptance). */
		if (r->tls && l->t_tls < 0 && r->kind != TR_CLOSE)
			l->t_tls = r->kind == TR_CMD || r->kind == TR_REPLY ? sent : r->t;
		l->tls = r->tls;
		switch (r->kind) {
		case TR_ACCEPT:
			ar = render_ladder_add(l, RENDER_LADDER_SYN, RENDER_LADDER_CLIENT, RENDER_LADDER_SERVER,
					       r->t_sent < r->t ? r->t_sent : c0->t, r->t);
			snprintf(ar->label, sizeof ar->label, "SYN :%d", l->port);
			accepted = 1;
			break;
		case TR_BLOCKED:
			l->router = r->node - a->sc->nhosts;
			blocked_t = r->t;
			ar = render_ladder_add(l, RENDER_LADDER_DROP, RENDER_LADDER_CLIENT, RENDER_LADDER_ROUTER, c0->t, r->t);
			snprintf(ar->label, sizeof ar->label, "SYN :%d", l->port);
			render_wrap_copy(ar->mark, sizeof ar->mark,
			                 render_view_rule_name(a, r->u.stop.router, r->u.stop.rule));
			break;
		case TR_REFUSED:
			if (blocked_t < 0 && !accepted) {   /* nothing listens: the server's TCP answers */
				ar = render_ladder_add(l, RENDER_LADDER_SYN, RENDER_LADDER_CLIENT, RENDER_LADDER_SERVER, c0->t,
						       r->t_sent < r->t ? r->t_sent : r->t - lat);
				snprintf(ar->label, sizeof ar->label, "SYN :%d", l->port);
			}
			ar = render_ladder_add(l, RENDER_LADDER_RST, blocked_t >= 0 ? RENDER_LADDER_ROUTER
					       : RENDER_LADDER_SERVER, RENDER_LADDER_CLIENT,
					       r->t_sent < r->t ? r->t_sent : blocked_t >= 0 ? blocked_t : sent, r->t);
			snprintf(ar->label, sizeof ar->label, "%s", render_app_text(a, "ui.ladder.rst"));
			break;
		case TR_TIMEOUT:
			render_ladder_note_add(l, RENDER_LADDER_NOTE_TIMEOUT, r->t, r->t - (r->t_sent < r->t ? r->t_sent : c0->t));
			break;
		case TR_CLOSE:
			render_ladder_note_add(l, RENDER_LADDER_NOTE_CLOSE, r->t, 0);
			break;
		case TR_CMD: {
			if (l->server_role < 0)
				l->server_role = r->role;
			ar = render_ladder_add(l, RENDER_LADDER_CMD, RENDER_LADDER_CLIENT, RENDER_LADDER_SERVER, sent, r->t);
			struct sbuf b = { 0 };
			render_view_wire_text(a, r, &b);
			render_ladder_first_line(a, b.s, ar->label, sizeof ar->label);
			sbuf_free(&b);
			break;
		}
		case TR_REPLY:
			ar = render_ladder_add(l, render_ladder_is_error(r->proto, r->u.line.code, r->u.line.text)
					       ? RENDER_LADDER_ERROR : RENDER_LADDER_REPLY, RENDER_LADDER_SERVER,
					       RENDER_LADDER_CLIENT, sent, r->t);
			ar->code = r->u.line.code;
			render_ladder_first_line(a, r->u.line.text, ar->label, sizeof ar->label);
			break;
		default:   /* queued, spf, deliver …: not on this wire */
			break;
		}
		if (ar)
			last = r->t;
	}
	render_ladder_in_flight(a, l, sim_now(s));
	return l->narrows;
}

static int render_ladder_cmp_t(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

/* The y of time t on the axis given by the knots' times and ys. */
static int render_ladder_y(const int64_t *kt, const double *ky, size_t nk, int64_t t)
{
	if (nk == 0)
		return 0;
	if (t <= kt[0])
		return (int)ky[0];
	for (size_t i = 1; i < nk; i++)
		if (t <= kt[i]) {
			double f = (double)(t - kt[i - 1]) / (double)(kt[i] - kt[i - 1]);
			return (int)(ky[i - 1] + f * (ky[i] - ky[i - 1]) + 0.5);
		}
	return (int)ky[nk - 1];
}

void render_ladder_place(struct render_ladder *l, int row, int row_max, int avail_h)
{
	l->row = row > 1 ? row : 1;
	l->nbreaks = 0;
	l->height = 0;
	size_t nk = 0, cap = 2 * l->narrows + (size_t)l->nnotes + 2;
	int64_t *kt = xmalloc(cap * sizeof *kt);
	double *ky = xmalloc(cap * sizeof *ky);
	kt[nk++] = l->t_start;
	for (size_t i = 0; i < l->narrows; i++) {
		kt[nk++] = l->arrow[i].t0;
		kt[nk++] = l->arrow[i].t1;
	}
	for (int i = 0; i < l->nnotes; i++)
		kt[nk++] = l->note[i].t;
	if (l->t_tls >= 0)
		kt[nk++] = l->t_tls;
	qsort(kt, nk, sizeof *kt, render_ladder_cmp_t);
	size_t u = 0;
	for (size_t i = 0; i < nk; i++)
		if (u == 0 || kt[i] != kt[u - 1])
			kt[u++] = kt[i];
	nk = u;
	/* Scale: the shortest flight and the closest two labels (at the
	 * arrows' midpoints) get a row each, so no two labels overlap. */
	int64_t dmin = INT64_MAX;
	int64_t *mid = xmalloc((l->narrows + 1) * sizeof *mid);
	for (size_t i = 0; i < l->narrows; i++) {
		int64_t span = l->arrow[i].t1 - l->arrow[i].t0;
		if (span > 0 && span < dmin)
			dmin = span;
		mid[i] = l->arrow[i].t0 + span / 2;
	}
	qsort(mid, l->narrows, sizeof *mid, render_ladder_cmp_t);
	for (size_t i = 1; i < l->narrows; i++)
		if (mid[i] > mid[i - 1] && mid[i] - mid[i - 1] < dmin)
			dmin = mid[i] - mid[i - 1];
	free(mid);
	if (dmin == INT64_MAX)
		dmin = 10000;
	double k = (double)l->row / (double)dmin;
	/* A wait of more than three rows (a 30 s connect timeout) becomes a
	 * break of two rows, marked with how long it was. */
	double top = l->row / 3.0, total = top;
	for (size_t i = 1; i < nk; i++) {
		double h = (double)(kt[i] - kt[i - 1]) * k;
		total += h > 3.0 * l->row ? 2.0 * l->row : h;
	}
	double bottom = l->row;   /* room for a note under the last arrow */
	double stretch = 1.0;
	if (total + bottom < avail_h && total > top) {
		stretch = (avail_h - bottom - top) / (total - top);
		if (stretch > (double)row_max / l->row)
			stretch = (double)row_max / l->row;
		if (stretch < 1.0)
			stretch = 1.0;
	}
	/* A pipelined burst (RFC 2920: MAIL, RCPT and DATA sent before any
	 * reply) travels as one: its first line's arrow, the others ride on
	 * it (they leave and land when it lands).  They are drawn parallel to
	 * it, a row apart, in the room of that many more rows. */
	int *slot = xcalloc(l->narrows + 1, sizeof *slot), *lead = xcalloc(l->narrows + 1, sizeof *lead);
	double *add = xcalloc(nk + 1, sizeof *add);
	for (size_t i = 0; i < l->narrows; i++) {
		const struct render_ladder_arrow *p = &l->arrow[i], *q = i ? &l->arrow[lead[i - 1]] : NULL;
		int rides = q && p->t0 == p->t1 && p->from == q->from && p->t0 == q->t1 && q->t1 > q->t0;
		lead[i] = rides ? lead[i - 1] : (int)i;
		slot[i] = rides ? slot[i - 1] + 1 : 0;
	}
	for (size_t i = 0; i < l->narrows; i++) {
		if (!slot[i] || (i + 1 < l->narrows && slot[i + 1] > slot[i]))
			continue;   /* not the last of a burst */
		size_t n = 1;
		while (n < nk && kt[n] <= l->arrow[lead[i]].t0)
			n++;
		if (n < nk)
			add[n] += (double)slot[i] * l->row;
	}
	ky[0] = top;
	for (size_t i = 1; i < nk; i++) {
		double h = (double)(kt[i] - kt[i - 1]) * k;
		if (h > 3.0 * l->row) {
			h = 2.0 * l->row;
			if (l->nbreaks < RENDER_LADDER_MAX_BREAKS)
				l->brk[l->nbreaks++] = (struct render_ladder_break){
					(int)(ky[i - 1] + h * stretch / 2), kt[i] - kt[i - 1] };
		}
		ky[i] = ky[i - 1] + h * stretch + add[i];
	}
	for (size_t i = 0; i < l->narrows; i++) {
		l->arrow[i].y0 = render_ladder_y(kt, ky, nk, l->arrow[i].t0);
		l->arrow[i].y1 = render_ladder_y(kt, ky, nk, l->arrow[i].t1);
	}
	/* a burst's arrows: the first as steep as its flight, each next one a
	 * row below it, the last landing where the flight ends */
	for (size_t i = 0, last = 0; i < l->narrows; i++) {
		if (slot[i] || i + 1 >= l->narrows || !slot[i + 1])
			continue;
		for (last = i + 1; last + 1 < l->narrows && slot[last + 1] > slot[last]; last++)
			;
		int y0 = l->arrow[i].y0, y1 = l->arrow[i].y1 - slot[last] * l->row;
		for (size_t j = i; j <= last; j++) {
			l->arrow[j].y0 = y0 + slot[j] * l->row;
			l->arrow[j].y1 = y1 + slot[j] * l->row;
		}
	}
	free(slot);
	free(lead);
	free(add);
	for (int i = 0; i < l->nnotes; i++)
		l->note[i].y = render_ladder_y(kt, ky, nk, l->note[i].t);
	l->y_tls = l->t_tls >= 0 ? render_ladder_y(kt, ky, nk, l->t_tls) : -1;
	l->height = (int)(ky[nk - 1] + bottom + 0.5);
	free(kt);
	free(ky);
}

void render_ladder_release(struct render_ladder *l)
{
	if (!l)
		return;
	free(l->arrow);
	l->arrow = NULL;
	l->narrows = l->cap = 0;
}

int render_ladder_shown(const struct render_app *a)
{
	return a->ladder_on;
}

void render_ladder_set(struct render_app *a, int on)
{
	if (a->ladder_on != !!on)
		a->scroll[RENDER_APP_PANEL_TRANSCRIPT] = 0;
	a->ladder_on = !!on;
}

void render_ladder_toggle(struct render_app *a)
{
	render_ladder_set(a, !a->ladder_on);
}

static const char *const render_ladder_tabs[2] = { "ui.ladder.tab_text", "ui.ladder.tab_chart" };

/* The switch's width with its labels at px. */
static int render_ladder_switch_width_at(struct render_app *a, int px)
{
	int w = 0;
	for (int i = 0; i < 2; i++) {
		int tw = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0,
				 render_app_text(a, render_ladder_tabs[i]), &tw, NULL);
		w += tw + px;
	}
	return w;
}

int render_ladder_switch_width(struct render_app *a)
{
	return render_ladder_switch_width_at(a, a->panels.px_small);
}

int render_ladder_switch(struct render_app *a, int right_x, int y, int h, int maxw)
{
	/* A panel narrower than the switch (lesson 07 at 40.39 s, 720p
	 * presenter: it reached 15 px out over the event list): its labels a
	 * step smaller, down to 10 px, rather than out of the panel. */
	int px = a->panels.px_small, w = render_ladder_switch_width_at(a, px);
	while (w > maxw && px > 10) {
		px = px * 9 / 10 > 10 ? px * 9 / 10 : 10;
		w = render_ladder_switch_width_at(a, px);
	}
	int x = right_x - w;
	SDL_Rect all = { x, y, w, h };
	render_draw_round(a->ren, all, h / 3, 0xE3E8EEFFu);
	for (int i = 0; i < 2; i++) {
		const char *t = render_app_text(a, render_ladder_tabs[i]);
		int tw = 0, th = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, t, &tw, &th);
		SDL_Rect seg = { x, y, tw + px, h };
		int on = i == render_ladder_shown(a);
		if (on)
			render_draw_round(a->ren, seg, h / 3, RENDER_THEME_ACCENT);
		render_font_draw(a->font, RENDER_FONT_BOLD, px, on ? 0xFFFFFFFFu : RENDER_THEME_MUTED, RENDER_FONT_LINE, 0,
				 t, x + px / 2, y + (h - th) / 2, NULL);
		render_app_hit_add(a, seg, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_LADDER, i);
		x += seg.w;
	}
	return w;
}

/* Text on a white patch, so lines under it do not break it up. */
static void render_ladder_text(struct render_app *a, enum render_font_face face, int px, uint32_t col, int maxw,
                               const char *s, int x, int y, int centre)
{
	int tw = 0, th = 0;
	render_font_size(a->font, face, px, RENDER_FONT_FIT, maxw, s, &tw, &th);
	if (centre)
		x -= tw / 2;
	render_draw_round(a->ren, (SDL_Rect){ x - 3, y, tw + 6, th }, 3, RENDER_LADDER_KNOCKOUT);
	render_font_draw(a->font, face, px, col, RENDER_FONT_FIT, maxw, s, x, y, NULL);
}

/* A lifeline's head: the node's name, wrapped rather than cut (issue 11:
 * "Bob's lapt…", "ISP B's ma…" in presenter mode), and under it what it
 * is here.  Returns its height; with draw 0 only measures. */
static int render_ladder_head(struct render_app *a, const char *name, const char *detail, int x, int y, int maxw,
                              int align, int draw)
{
	const struct render_layout_panels *p = &a->panels;
	int nw = 0, nh = 0, dw = 0, dh = 0, full = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_FONT_WRAP, maxw - p->pad, name, &nw, &nh);
	render_font_size(a->font, RENDER_FONT_MONO, p->px_small, RENDER_FONT_FIT, maxw - p->pad, detail, &dw, &dh);
	if (!draw)
		return nh + dh + 2;
	render_font_size(a->font, RENDER_FONT_MONO, p->px_small, RENDER_FONT_LINE, 0, detail, &full, NULL);
	a->row_cuts += (render_font_wrap_cuts(a->font, RENDER_FONT_BOLD, p->px_body, maxw - p->pad, name) & 1) +
		(full > dw);
	int w = (nw > dw ? nw : dw) + p->pad;
	int bx = align < 0 ? x : align > 0 ? x - w : x - w / 2;
	render_draw_round(a->ren, (SDL_Rect){ bx, y, w, nh + dh + 2 }, p->radius, 0xECEFF3FFu);
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_THEME_TEXT, RENDER_FONT_WRAP, maxw - p->pad, name,
			 bx + p->pad / 2, y, NULL);
	render_font_draw(a->font, RENDER_FONT_MONO, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_FIT, maxw - p->pad,
			 detail, bx + p->pad / 2, y + nh, NULL);
	return nh + dh + 2;
}

static void render_ladder_seconds(int64_t us, char *out, size_t outsz)
{
	if (us < 10 * 1000000LL)
		snprintf(out, outsz, "%lld ms", (long long)(us / 1000));
	else
		snprintf(out, outsz, "%.1f s", (double)us / 1e6);
}

static void render_ladder_arrow_draw(struct render_app *a, const struct render_ladder *l,
                                     const struct render_ladder_arrow *ar, int base, int lh)
{
	const struct render_layout_panels *p = &a->panels;
	float x0 = (float)l->x[ar->from], x1 = (float)l->x[ar->to];
	float y0 = (float)(base + ar->y0), y1 = (float)(base + ar->y1);
	float xe = x0 + (x1 - x0) * ar->frac, ye = y0 + (y1 - y0) * ar->frac;
	uint32_t col = render_ladder_colour[ar->cls];
	float th = (float)(p->line > 1 ? p->line : 2), head = (float)p->px_mono * 0.7f;
	int dashed = ar->cls == RENDER_LADDER_SYN || ar->cls == RENDER_LADDER_DROP || ar->cls == RENDER_LADDER_RST;
	float dx = x1 > x0 ? x1 - x0 : x0 - x1;
	int maxw = (int)dx - 2 * p->pad;
	if (dashed)
		render_draw_dashed(a->ren, x0, y0, xe, ye, th, 6.0f * p->s + 2, col);
	else
		render_draw_line(a->ren, x0, y0, xe, ye, th, col);
	/* The label on a white patch over the line's middle, then the head, so
	 * the tip of a line still travelling shows on top of it. */
	/* Whole where the chart has room: as wide as between the outer
	 * lifelines, slid off its line's middle where that is too near an
	 * edge (a line to the router in the middle is half as long as the
	 * chart; its label was cut with "…" beside free room). */
	int lo = l->x[RENDER_LADDER_CLIENT] - p->pad, hi = l->x[RENDER_LADDER_SERVER] + p->pad, tw = 0;
	maxw = hi - lo > maxw ? hi - lo : maxw;
	maxw = maxw > 4 * p->px_mono ? maxw : 4 * p->px_mono;
	render_font_size(a->font, RENDER_FONT_MONO, p->px_mono, RENDER_FONT_FIT, maxw, ar->label, &tw, NULL);
	int tx = (int)((x0 + x1) / 2) - tw / 2;
	tx = tx + tw > hi ? hi - tw : tx;
	tx = tx < lo ? lo : tx;
	render_ladder_text(a, RENDER_FONT_MONO, p->px_mono, ar->cls == RENDER_LADDER_SYN ? RENDER_THEME_TEXT : col, maxw,
			   ar->label, tx, (int)((y0 + y1) / 2) - lh / 2, 0);
	if (ar->cls == RENDER_LADDER_DROP && !ar->in_flight)
		render_draw_cross(a->ren, x1, y1, head * 1.2f, th * 1.6f, RENDER_THEME_BLOCK);
	else
		render_draw_arrowhead(a->ren, x0, y0, xe, ye, head, col);
	if (ar->cls == RENDER_LADDER_DROP && ar->mark[0] && !ar->in_flight) {
		char m[96];
		snprintf(m, sizeof m, "× %s", ar->mark);
		render_ladder_text(a, RENDER_FONT_BOLD, p->px_body, RENDER_THEME_BLOCK, l->x[RENDER_LADDER_SERVER] -
				   (int)x1 - 2 * p->pad, m, (int)(x1 + head * 1.5f), (int)y1 - lh / 2, 0);
	}
}

static void render_ladder_notes(struct render_app *a, const struct render_ladder *l, int base, int lh,
                                struct sbuf *b)
{
	const struct render_layout_panels *p = &a->panels;
	int xc = l->x[RENDER_LADDER_CLIENT], xs = l->x[RENDER_LADDER_SERVER];
	for (int i = 0; i < l->nnotes; i++) {
		const struct render_ladder_note *n = &l->note[i];
		int y = base + n->y;
		sbuf_reset(b);
		if (n->kind == RENDER_LADDER_NOTE_TIMEOUT) {
			char sec[32];
			snprintf(sec, sizeof sec, "%lld", (long long)(n->waited / 1000000));
			const char *args[] = { "s", sec, NULL };
			i18n_format(a->cat[a->lang], "ui.ladder.timeout", args, b);
			render_draw_line(a->ren, (float)xc - p->pad, (float)y, (float)xc + p->pad, (float)y, (float)p->line * 2,
					 RENDER_THEME_BLOCK);
			render_ladder_text(a, RENDER_FONT_BOLD, p->px_body, RENDER_THEME_BLOCK, xs - xc - 2 * p->pad, b->s,
					   xc + p->pad * 3 / 2, y - lh / 2, 0);
		} else {
			render_draw_dashed(a->ren, (float)xc, (float)y, (float)xs, (float)y, 1.0f, 4.0f, RENDER_THEME_MUTED);
			sbuf_adds(b, render_app_text(a, "ui.ladder.close"));
			render_ladder_text(a, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, xs - xc, b->s, (xc + xs) / 2,
					   y + 2, 1);
		}
	}
}

void render_ladder_draw(struct render_app *a, SDL_Rect c)
{
	const struct render_layout_panels *p = &a->panels;
	if (!a->ladder)
		a->ladder = xcalloc(1, sizeof *a->ladder);
	struct render_ladder *l = a->ladder;
	int prev = l->conn;
	render_ladder_collect(a, -1, l);
	if (l->conn != prev)   /* a new connection in focus starts at its latest line */
		a->scroll[RENDER_APP_PANEL_TRANSCRIPT] = 0;
	if (l->conn < 0) {
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_body, RENDER_THEME_MUTED, RENDER_FONT_WRAP, c.w,
				 render_app_text(a, "ui.ladder.none"), c.x, c.y, NULL);
		return;
	}
	SDL_RenderSetClipRect(a->ren, &c);
	int lh = render_font_line_height(a->font, RENDER_FONT_MONO, p->px_mono);
	int sh = render_font_line_height(a->font, RENDER_FONT_MONO, p->px_small);
	int tw = 0;
	render_font_size(a->font, RENDER_FONT_MONO, p->px_small, RENDER_FONT_LINE, 0, "99.9 s", &tw, NULL);
	int margin = (c.w - tw) / 12 > 2 * p->pad ? (c.w - tw) / 12 : 2 * p->pad;
	l->x[RENDER_LADDER_CLIENT] = c.x + tw + margin;
	l->x[RENDER_LADDER_SERVER] = c.x + c.w - margin;
	l->x[RENDER_LADDER_ROUTER] = (l->x[RENDER_LADDER_CLIENT] + l->x[RENDER_LADDER_SERVER]) / 2;
	/* Heads: names in the current language, then role, port, protocol. */
	struct sbuf b = { 0 };
	int parts = l->router >= 0 ? 3 : 2, hw = (c.w - tw) / parts - p->pad / 2;
	sbuf_addf(&b, "%s%s:%d %s%s", l->server_role >= 0 ? role_names[l->server_role] : "", l->server_role >= 0 ? " " : "",
		  l->port, proto_names[l->proto], l->tls ? " TLS" : "");
	const char *rule = "";
	for (size_t i = 0; l->router >= 0 && i < l->narrows; i++)
		if (l->arrow[i].cls == RENDER_LADDER_DROP && l->arrow[i].mark[0])
			rule = l->arrow[i].mark;
	int head = 0;
	for (int draw = 0; draw < 2; draw++) {   /* measure the tallest head, then draw */
		int h = render_ladder_head(a, render_view_host_name(a, l->client),
		                           l->client_role >= 0 ? role_names[l->client_role] : "", c.x + tw + margin / 3, c.y,
		                           hw, -1, draw);
		head = h > head ? h : head;
		h = render_ladder_head(a, render_view_host_name(a, l->server), b.s, c.x + c.w - margin / 3, c.y, hw, 1, draw);
		head = h > head ? h : head;
		if (l->router >= 0)
			h = render_ladder_head(a, render_view_router_name(a, l->router), rule, l->x[RENDER_LADDER_ROUTER], c.y,
			                       hw, 0, draw);
		head = h > head ? h : head;
	}
	SDL_Rect plot = { c.x, c.y + head - 2 + p->pad / 2, c.w, c.h - head + 2 - p->pad / 2 };
	render_ladder_place(l, lh * 3 / 2, lh * 5 / 2, plot.h);
	/* The latest arrows at the bottom; the wheel goes back up. */
	int over = l->height - plot.h, base = plot.y;
	if (over > 0) {
		int off = a->scroll[RENDER_APP_PANEL_TRANSCRIPT] * lh;
		if (off > over) {
			off = over;
			a->scroll[RENDER_APP_PANEL_TRANSCRIPT] = (over + lh - 1) / lh;
		}
		base = plot.y - over + off;
	} else {
		a->scroll[RENDER_APP_PANEL_TRANSCRIPT] = 0;
	}
	l->plot = plot;
	l->base = base;
	SDL_RenderSetClipRect(a->ren, &plot);
	int xl = l->x[RENDER_LADDER_CLIENT] - margin / 2, xr = l->x[RENDER_LADDER_SERVER] + margin / 2;
	if (l->y_tls >= 0) {
		int y = base + l->y_tls;
		render_draw_fill(a->ren, (SDL_Rect){ xl, y, xr - xl, plot.y + plot.h - y }, RENDER_LADDER_TLS_FILL);
		int ty = y > plot.y ? y : plot.y;
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_OK, RENDER_FONT_FIT, margin,
				 render_app_text(a, "ui.ladder.tls"), l->x[RENDER_LADDER_SERVER] + 4, ty + 2, NULL);
	}
	for (int s = 0; s < RENDER_LADDER_SIDE_COUNT; s++) {
		if (s == RENDER_LADDER_ROUTER && l->router < 0)
			continue;
		float x = (float)l->x[s];
		if (s == RENDER_LADDER_ROUTER)
			render_draw_dashed(a->ren, x, (float)plot.y, x, (float)(plot.y + plot.h), 2.0f, 5.0f, RENDER_THEME_ROUTER);
		else
			render_draw_line(a->ren, x, (float)plot.y, x, (float)(plot.y + plot.h), (float)p->line + 1,
					 RENDER_THEME_LINK);
	}
	for (int i = 0; i < l->nbreaks; i++) {
		int y = base + l->brk[i].y;
		render_draw_fill(a->ren, (SDL_Rect){ xl, y - l->row / 3, xr - xl, 2 * l->row / 3 }, RENDER_THEME_PANEL);
		char sec[32];
		snprintf(sec, sizeof sec, "%.0f", (double)l->brk[i].dt / 1e6);
		const char *args[] = { "s", sec, NULL };
		sbuf_reset(&b);
		i18n_format(a->cat[a->lang], "ui.ladder.gap", args, &b);
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_LINE, 0, b.s,
				 l->x[RENDER_LADDER_CLIENT] + p->pad, y - sh / 2, NULL);
	}
	for (size_t i = 0; i < l->narrows; i++)
		render_ladder_arrow_draw(a, l, &l->arrow[i], base, lh);
	render_ladder_notes(a, l, base, lh, &b);
	/* Arrival times since the SYN (and the notes' times), down the left edge. */
	int last_y = -(1 << 20);
	for (size_t i = 0; i < l->narrows + (size_t)l->nnotes; i++) {
		const struct render_ladder_arrow *ar = i < l->narrows ? &l->arrow[i] : NULL;
		const struct render_ladder_note *no = ar ? NULL : &l->note[i - l->narrows];
		int y = base + (ar ? ar->y1 : no->y) - sh / 2;
		if ((ar && ar->in_flight) || y - last_y < sh)
			continue;
		char t[32];
		render_ladder_seconds((ar ? ar->t1 : no->t) - l->t_start, t, sizeof t);
		int w = 0;
		render_font_size(a->font, RENDER_FONT_MONO, p->px_small, RENDER_FONT_LINE, 0, t, &w, NULL);
		render_font_draw(a->font, RENDER_FONT_MONO, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_LINE, 0, t,
				 c.x + tw - w, y, NULL);
		last_y = y;
	}
	if (over > 0 && base + l->height > plot.y + plot.h + 2)   /* scrolled back: more below */
		render_draw_fill(a->ren, (SDL_Rect){ plot.x, plot.y + plot.h - 3, plot.w, 3 }, RENDER_THEME_ACCENT);
	sbuf_free(&b);
	SDL_RenderSetClipRect(a->ren, NULL);
}
