/* render_sniffer — the eavesdropper's panel (see render_sniffer.h).  It
 * takes its place from the right of the transcript, so the shared layout
 * needs no field for it: its rectangle is what lies between the
 * transcript and the right column. */
#include "render_sniffer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "narrate.h"
#include "render_app.h"
#include "render_events.h"
#include "render_draw.h"
#include "render_font.h"
#include "render_ladder.h"
#include "render_layout.h"
#include "render_letter.h"
#include "render_quiz.h"
#include "render_summary.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_view.h"
#include "trace_sniff.h"
#include "util.h"

/* Shares of the bottom row (events, transcript; the panel has the rest)
 * in text mode, in percent; beside the sequence chart the panel takes
 * this much of the chart's width instead. */
#define RENDER_SNIFFER_EVENTS 38
#define RENDER_SNIFFER_TRANSCRIPT 31
#define RENDER_SNIFFER_OF_LADDER 34

int render_sniffer_shown(const struct render_app *a)
{
	return a->sc && a->sc->nsniffers > 0;
}

static SDL_Rect render_sniffer_rect(const struct render_app *a)
{
	const SDL_Rect *t = &a->panels.transcript;
	return (SDL_Rect){ t->x + t->w, t->y, a->panels.inspector.x - (t->x + t->w), t->h };
}

void render_sniffer_layout(struct render_app *a)
{
	SDL_Rect *e = &a->panels.events, *t = &a->panels.transcript;
	if (!render_sniffer_shown(a) || t->w <= 0 || t->h <= 0 || a->panels.inspector.x != t->x + t->w)
		return;
	int row = e->w + t->w;
	if (render_ladder_shown(a)) {
		t->w -= t->w * RENDER_SNIFFER_OF_LADDER / 100;
		return;
	}
	e->w = row * RENDER_SNIFFER_EVENTS / 100;
	t->x = e->x + e->w;
	t->w = row * RENDER_SNIFFER_TRANSCRIPT / 100;
}

/* The eavesdropper's name as the tag shows it. */
static const char *render_sniffer_who(const struct render_app *a, const struct sc_sniffer *x)
{
	const char *who = sc_text_get(&x->label, a->lang);
	return who && *who ? who : x->id;
}

/* Where the lesson wants the tag's centre, logical: its place in the
 * segment's region carried to where the region is drawn (presenter mode
 * lays regions out anew; the lesson's point then fell outside the café's
 * Wi-Fi), else the region's lower left corner, else under the router. */
static int render_sniffer_want(const struct render_app *a, const struct sc_sniffer *x, float *lx, float *ly)
{
	const struct render_layout *l = &a->layout;
	if (x->net >= 0 && x->net < l->nnets) {
		const float *at = render_layout_net_at(l, x->net), *home = l->net[x->net];
		float fx = 20 / (at[2] > 40 ? at[2] : 40), fy = 1 - 20 / (at[3] > 40 ? at[3] : 40);
		if (x->has_pos && home[2] > 0 && home[3] > 0) {
			fx = (x->pos[0] - home[0]) / home[2];
			fy = (x->pos[1] - home[1]) / home[3];
		}
		*lx = at[0] + at[2] * fx;
		*ly = at[1] + at[3] * fy;
		return 1;
	}
	if (x->has_pos) {
		*lx = x->pos[0];
		*ly = x->pos[1];
		return 1;
	}
	if (x->router >= 0 && x->router < l->nrouters) {
		const float *r = render_layout_router_at(l, x->router);
		*lx = r[0];
		*ly = r[1] + 40;   /* just below the router */
		return 1;
	}
	return 0;
}

/* Where letters at rest can pile by host hi at the most (as
 * render_letter_reserve marks a pile of more than RENDER_TOPOLOGY_STACK,
 * with its count), w 0 if nowhere. */
static SDL_Rect render_sniffer_pile(const struct render_app *a, int hi)
{
	SDL_Rect box = a->node_box ? a->node_box[hi] : (SDL_Rect){ 0, 0, 0, 0 };
	if (render_layout_leader(a->sc, hi) != hi || (box.w <= 0 && !render_topology_dot(a, hi, &box)))
		return (SDL_Rect){ 0, 0, 0, 0 };
	float lw = fmaxf(36 * a->layout.k * (a->presenter ? 1.15f : 1.0f), 16), x0, y0, x1, y1;
	render_letter_stack_xy(a, hi, box, 0, &x0, &y0);
	render_letter_stack_xy(a, hi, box, RENDER_TOPOLOGY_STACK, &x1, &y1);
	float xl = fminf(x0, x1), xr = fmaxf(x0, x1);
	SDL_Rect rc = { (int)(xl - lw / 2), (int)(y1 - lw * 0.33f), (int)(xr - xl + lw * 3.5f), (int)(y0 - y1 + lw * 0.66f) };
	if (x1 < x0)
		rc.x -= (int)(lw * 2.5f);
	return rc;
}

/* What the tag keeps to and off, gathered once a frame: its segment's
 * region (w 0 for a tap at a router), the other networks' regions, and
 * the picture's still things -- boxes, chips, trays, names, and where
 * letters can pile at the most (the piles themselves come and go, and
 * the tag would move with them). */
struct render_sniffer_room {
	SDL_Rect own, topo;
	SDL_Rect *other, *still;
	size_t nother, nstill;
};

static void render_sniffer_room(const struct render_app *a, const struct sc_sniffer *x, struct render_sniffer_room *r)
{
	const struct render_topology_place *p = a->place;
	size_t nlab = p ? p->nlab : 0;
	memset(r, 0, sizeof *r);
	r->topo = a->panels.topo;
	r->other = xcalloc((size_t)a->layout.nnets + 1, sizeof *r->other);
	r->still = xcalloc(nlab + (size_t)a->sc->nhosts + 1, sizeof *r->still);
	for (int n = 0; n < a->sc->nnets && n < a->layout.nnets; n++) {
		SDL_Rect rc = render_layout_net_rect(&a->layout, n);
		if (n == x->net)
			r->own = rc;
		else if (rc.w > 0)
			r->other[r->nother++] = rc;
	}
	for (size_t i = 0; i < nlab; i++)
		if (p->lab[i].kind != RENDER_TOPOLOGY_PILE)
			r->still[r->nstill++] = p->lab[i].rc;
	for (int hi = 0; hi < a->sc->nhosts; hi++) {
		SDL_Rect pile = render_sniffer_pile(a, hi);
		if (pile.w > 0)
			r->still[r->nstill++] = pile;
	}
}

static void render_sniffer_room_free(struct render_sniffer_room *r)
{
	free(r->other);
	free(r->still);
}

/* How good a place c is for the tag, lower is better, or -1 if it is no
 * place for it: its centre off the eavesdropper's own region, or on
 * another network's.  The pixels it covers of still things or leaves
 * outside the panel count most, then whether it only sits on the
 * region's edge, then its distance d2 from the wish. */
static long long render_sniffer_cost(const struct render_sniffer_room *r, int tap, SDL_Rect c, long d2)
{
	SDL_Rect ix;
	SDL_Point mid = { c.x + c.w / 2, c.y + c.h / 2 };
	if (!tap && (r->own.w <= 0 || !SDL_PointInRect(&mid, &r->own)))
		return -1;
	for (size_t i = 0; i < r->nother; i++)
		if (SDL_HasIntersection(&c, &r->other[i]))
			return -1;
	int edge = !tap && !(SDL_IntersectRect(&c, &r->own, &ix) && SDL_RectEquals(&ix, &c));
	long area = SDL_IntersectRect(&c, &r->topo, &ix) ? (long)c.w * c.h - (long)ix.w * ix.h : (long)c.w * c.h;
	for (size_t i = 0; i < r->nstill; i++)
		if (SDL_IntersectRect(&c, &r->still[i], &ix))
			area += (long)ix.w * ix.h + 1;
	return area * (1LL << 40) + (long long)edge * (1LL << 36) + d2;
}

/* The tag's shape: its text size and wrap width (0: one line). */
struct render_sniffer_shape {
	int px, maxw;
};

/* The nearest place for a tag of the given shape centred at (sx, sy)
 * wished, searched over the whole region (in presenter mode the café's
 * Wi-Fi is small and full); its cost (render_sniffer_cost), -1 if none. */
static long long render_sniffer_search(const struct render_app *a, const struct sc_sniffer *x,
                                       const struct render_sniffer_room *room, struct render_sniffer_shape sh,
                                       float sx, float sy, SDL_Rect *out)
{
	const struct render_layout_panels *p = &a->panels;
	int tw = 0, th = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, sh.px, sh.maxw ? RENDER_FONT_WRAP : RENDER_FONT_LINE, sh.maxw,
	                 render_sniffer_who(a, x), &tw, &th);
	SDL_Rect tag = { (int)sx - tw / 2 - p->pad / 2, (int)sy - th / 2 - p->pad / 4, tw + p->pad, th + p->pad / 2 };
	int step = p->pad / 2 > 4 ? p->pad / 2 : 4, reach = 8 * tag.h;
	SDL_Rect span = { -reach - tag.w, -reach, 2 * (reach + tag.w), 2 * reach };   /* of dx, dy */
	if (x->net >= 0)   /* centres inside the region */
		span = (SDL_Rect){ room->own.x - (tag.x + tag.w / 2), room->own.y - (tag.y + tag.h / 2), room->own.w,
		                   room->own.h };
	long long best = -1;
	*out = tag;
	for (int dy = span.y; dy <= span.y + span.h; dy += step)
		for (int dx = span.x; dx <= span.x + span.w; dx += step) {
			SDL_Rect c = { tag.x + dx, tag.y + dy, tag.w, tag.h };
			long long cost = render_sniffer_cost(room, x->net < 0, c, (long)dx * dx + (long)dy * dy);
			if (cost >= 0 && (best < 0 || cost < best)) {
				best = cost;
				*out = c;
			}
		}
	return best;
}

/* The inputs of the tag's place: what it keeps to and off, the wish, the
 * name and its sizes (the search takes a millisecond or two a frame). */
static uint64_t render_sniffer_key(const struct render_app *a, const struct render_sniffer_room *r, const char *who,
                                   float sx, float sy)
{
	uint64_t h = 1469598103934665603ull;
	int v[6] = { (int)lroundf(sx), (int)lroundf(sy), a->panels.px_small, a->panels.pad, (int)r->nother,
	             (int)r->nstill };
	h = util_fnv1a(h, v, sizeof v);
	h = util_fnv1a(h, &a->font, sizeof a->font);
	h = util_fnv1a(h, who, strlen(who));
	h = util_fnv1a(h, &r->own, sizeof r->own);
	h = util_fnv1a(h, &r->topo, sizeof r->topo);
	h = util_fnv1a(h, r->other, r->nother * sizeof *r->other);
	return util_fnv1a(h, r->still, r->nstill * sizeof *r->still);
}

/* The tag's place and shape: the window's small bold text on one line
 * where that hides nothing; else wrapped, then smaller (three quarters,
 * presenter mode's 18 px for badges at 1080p), each where it hides
 * nothing; else the first shape where it hides least.  With cache, kept
 * in and taken from it while the inputs stay the same. */
static int render_sniffer_tag_shape(const struct render_app *a, struct render_app *cache, SDL_Rect *out,
                                    struct render_sniffer_shape *shape)
{
	if (!render_sniffer_shown(a) || render_summary_shown(a))
		return 0;
	const struct sc_sniffer *x = &a->sc->sniffers[0];
	float lx, ly, sx, sy;
	if (!render_sniffer_want(a, x, &lx, &ly))
		return 0;
	render_layout_to_screen(&a->layout, lx, ly, &sx, &sy);
	const char *who = render_sniffer_who(a, x);
	int px = a->panels.px_small, small = px * 3 / 4 > 10 ? px * 3 / 4 : 10, w = 0, ws = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, who, &w, NULL);
	render_font_size(a->font, RENDER_FONT_BOLD, small, RENDER_FONT_LINE, 0, who, &ws, NULL);
	const struct render_sniffer_shape shapes[] = {
		{ px, 0 }, { px, w * 3 / 4 }, { small, 0 }, { small, ws * 3 / 4 },
	};
	struct render_sniffer_room room;
	render_sniffer_room(a, x, &room);
	uint64_t key = render_sniffer_key(a, &room, who, sx, sy);
	if (cache && cache->sniffer_key == key) {
		render_sniffer_room_free(&room);
		*out = cache->sniffer_tag;
		*shape = (struct render_sniffer_shape){ cache->sniffer_px, cache->sniffer_maxw };
		return 1;
	}
	for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
		SDL_Rect rc;
		if (shapes[i].maxw && render_font_wrap_cuts(a->font, RENDER_FONT_BOLD, shapes[i].px, shapes[i].maxw, who))
			continue;   /* "eavesdrop|per": a name is not cut */
		long long cost = render_sniffer_search(a, x, &room, shapes[i], sx, sy, &rc);
		if (i == 0 || (cost >= 0 && cost < (1LL << 40))) {
			*out = rc;
			*shape = shapes[i];
		}
		if (cost >= 0 && cost < (1LL << 40))
			break;
	}
	render_sniffer_room_free(&room);
	if (cache) {
		cache->sniffer_key = key;
		cache->sniffer_tag = *out;
		cache->sniffer_px = shape->px;
		cache->sniffer_maxw = shape->maxw;
	}
	return 1;
}

int render_sniffer_tag(const struct render_app *a, SDL_Rect *out)
{
	struct render_sniffer_shape sh;
	return render_sniffer_tag_shape(a, NULL, out, &sh);
}

void render_sniffer_topology(struct render_app *a)
{
	SDL_Rect tag;
	struct render_sniffer_shape sh;
	if (!render_sniffer_tag_shape(a, a, &tag, &sh))
		return;
	const struct render_layout_panels *p = &a->panels;
	render_topology_take(a, tag);   /* what moves keeps off it */
	SDL_RenderSetClipRect(a->ren, &p->topo);
	render_draw_round(a->ren, tag, p->radius, RENDER_THEME_BLOCK);
	render_font_draw(a->font, RENDER_FONT_BOLD, sh.px, 0xFFFFFFFFu, sh.maxw ? RENDER_FONT_WRAP : RENDER_FONT_LINE,
	                 sh.maxw, render_sniffer_who(a, &a->sc->sniffers[0]), tag.x + p->pad / 2, tag.y + p->pad / 4,
	                 NULL);
}

/* One record: its head -- "C:110 PASS bob-pass" (what goes to port 110)
 * or "S:995 TLS ciphertext, 90 bytes" -- into head, and the further lines
 * of a clear packet of several (a RETR's header lines, CAPA's list) into
 * more, '\n' between them; returns its colour. */
static uint32_t render_sniffer_row(struct render_app *a, const struct trace_rec *r, struct sbuf *head,
                                   struct sbuf *more)
{
	const struct trace_sniff *f = &r->u.sniff;
	char bytes[16], port[8];
	snprintf(bytes, sizeof bytes, "%u", (unsigned)f->bytes);
	snprintf(port, sizeof port, "%u", (unsigned)(f->to_server ? f->dport : f->sport));
	sbuf_addf(head, "%s:%s ", f->to_server ? "C" : "S", port);
	/* a SYN with the addresses and ports it shows everyone (lesson 14's
	 * caption: "they always see the IP addresses"; the row had said only
	 * "SYN to port 110") */
	char sa[16], da[16], src[24], dst[24];
	scenario_format_ipv4(f->src, sa);
	scenario_format_ipv4(f->dst, da);
	snprintf(src, sizeof src, "%s:%u", sa, (unsigned)f->sport);
	snprintf(dst, sizeof dst, "%s:%u", da, (unsigned)f->dport);
	const char *args[] = { "bytes", bytes, "port", port, "src", src, "dst", dst, NULL };
	const struct i18n *cat = a->cat[a->lang];
	switch ((enum trace_sniff_what)f->what) {
	case TRACE_SNIFF_SYN:
		i18n_format(cat, "ui.sniffer.syn", args, head);
		return RENDER_THEME_MUTED;
	case TRACE_SNIFF_HANDSHAKE:
		i18n_format(cat, "ui.sniffer.handshake", args, head);
		return RENDER_THEME_OK;
	case TRACE_SNIFF_TLS:
		i18n_format(cat, "ui.sniffer.tls", args, head);
		return RENDER_THEME_OK;
	case TRACE_SNIFF_CLEAR:
	case TRACE_SNIFF_COUNT:
	default:
		break;
	}
	const char *text = f->text ? f->text : "";
	size_t n = strcspn(text, "\n");
	sbuf_add(head, text, n);
	if (text[n])
		sbuf_adds(more, text + n + 1);
	return f->secret == TRACE_SNIFF_PASSWORD ? RENDER_THEME_BLOCK
	     : f->secret == TRACE_SNIFF_DIGEST ? RENDER_THEME_BOUNCE : RENDER_THEME_TEXT;
}

/* A record's further lines, each wrapping under the head's text, indent
 * px in (two characters in a narrow panel, where the head's "S:110 "
 * would take a third of it).  Where they do not all fit above, they flow
 * on together, "⏎" between them (CAPA's list of capabilities in presenter
 * mode: STLS is what the caption is about); where that does not fit
 * either, the first lines and "… and N more lines" in place of the rest
 * (never of one line: its row would take the same room). */
#define RENDER_SNIFFER_LINES_MAX 64

enum render_sniffer_form { RENDER_SNIFFER_FULL, RENDER_SNIFFER_FLOW, RENDER_SNIFFER_CUT };

struct render_sniffer_rec {
	const char *line[RENDER_SNIFFER_LINES_MAX];
	int h[RENDER_SNIFFER_LINES_MAX];
	int px;                /* the size it is measured and drawn at */
	int nline, keep, head_h, flow_h, height, indent;
	enum render_sniffer_form form;
	struct sbuf flow;      /* the lines joined, for RENDER_SNIFFER_FLOW */
};

static int render_sniffer_text_h(struct render_app *a, int px, int w, const char *s)
{
	int lh = render_font_line_height(a->font, RENDER_FONT_MONO, px), h = 0;
	render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_WRAP, w, s, NULL, &h);
	return h > lh ? h : lh;
}

/* The indent of a record's further lines (see above). */
static int render_sniffer_indent(struct render_app *a, int px, const SDL_Rect *c, const char *head)
{
	char prefix[16];
	int w = 0, two = 0;
	snprintf(prefix, sizeof prefix, "%.*s", (int)strcspn(head, " ") + 1, head);
	render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_LINE, 0, prefix, &w, NULL);
	render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_LINE, 0, "  ", &two, NULL);
	return w * 5 <= c->w ? w : two;
}

/* Measure a record's head and further lines (more is modified: each
 * line ends in a NUL) and choose its form for room px above; m->height
 * is its height then.  m->flow is m's to free. */
static void render_sniffer_measure(struct render_app *a, const SDL_Rect *c, const char *head, char *more, int room,
                                   struct render_sniffer_rec *m)
{
	int lh = render_font_line_height(a->font, RENDER_FONT_MONO, m->px);
	sbuf_reset(&m->flow);
	m->nline = 0;
	m->form = RENDER_SNIFFER_FULL;
	m->head_h = render_sniffer_text_h(a, m->px, c->w, head);
	m->indent = render_sniffer_indent(a, m->px, c, head);
	int total = m->head_h, w = c->w - m->indent;
	for (char *s = more; s && *s && m->nline < RENDER_SNIFFER_LINES_MAX; m->nline++) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		m->line[m->nline] = s;
		m->h[m->nline] = render_sniffer_text_h(a, m->px, w, s);
		total += m->h[m->nline];
		sbuf_addf(&m->flow, "%s%s", m->nline ? RENDER_EVENTS_BREAK : "", s);
		s = nl ? nl + 1 : NULL;
	}
	m->keep = m->nline;
	m->height = total;
	if (total <= room || m->nline < 2)
		return;
	m->flow_h = render_sniffer_text_h(a, m->px, w, m->flow.s);
	if (m->head_h + m->flow_h < total) {
		m->form = RENDER_SNIFFER_FLOW;
		m->height = m->head_h + m->flow_h;
		if (m->height <= room)
			return;
	}
	/* Not even so: the head and the first lines, then the count of the
	 * rest (the RETR's From, To and Subject come first; "…" and "." go). */
	int used = m->head_h + lh, k = 0;
	while (k < m->nline && used + m->h[k] <= room)
		used += m->h[k++];
	if (m->nline - k >= 2 && used < m->height) {
		m->form = RENDER_SNIFFER_CUT;
		m->keep = k;
		m->height = used;
		/* a line the caption names shown in place of the last kept one
		 * (lesson 14 at 100.130 s: "an attacker can delete STLS from the
		 * CAPA reply", and the pane showed "CAPA … and 9 more lines") */
		for (int j = k; k > 0 && j < m->nline; j++)
			if (m->h[j] <= m->h[k - 1] && render_view_caption_names(a, m->line[j])) {
				const char *t = m->line[k - 1];
				m->line[k - 1] = m->line[j];
				m->line[j] = t;
				break;
			}
	}
}

/* Draw a measured record with its top at y; or, with seen, only append
 * there each text of it that lies wholly below top, one a line. */
static void render_sniffer_rec_draw(struct render_app *a, const SDL_Rect *c, const char *head,
                                    const struct render_sniffer_rec *m, uint32_t col, int y, struct sbuf *seen)
{
	int px = m->px, x = c->x + m->indent, w = c->w - m->indent, nt = 0;
	const char *text[RENDER_SNIFFER_LINES_MAX + 2];
	int at[RENDER_SNIFFER_LINES_MAX + 2], ind[RENDER_SNIFFER_LINES_MAX + 2];
	text[nt] = head, at[nt] = y, ind[nt++] = 0;
	y += m->head_h;
	if (m->form == RENDER_SNIFFER_FLOW)
		text[nt] = m->flow.s, at[nt] = y, ind[nt++] = 1;
	for (int k = 0; m->form != RENDER_SNIFFER_FLOW && k < m->keep; k++) {
		text[nt] = m->line[k], at[nt] = y, ind[nt++] = 1;
		y += m->h[k];
	}
	struct sbuf b = { 0 };
	if (m->form == RENDER_SNIFFER_CUT) {
		char n[16];
		snprintf(n, sizeof n, "%d", m->nline - m->keep);
		const char *args[] = { "n", n, NULL };
		i18n_format(a->cat[a->lang], "ui.sniffer.more", args, &b);
		text[nt] = b.s, at[nt] = y, ind[nt++] = 2;
	}
	for (int k = 0; k < nt; k++) {
		if (seen && at[k] >= c->y)
			sbuf_addf(seen, "%s\n", text[k]);
		else if (!seen)
			render_font_draw(a->font, RENDER_FONT_MONO, px, ind[k] == 2 ? RENDER_THEME_MUTED : col,
			                 ind[k] == 2 ? RENDER_FONT_FIT : RENDER_FONT_WRAP, ind[k] ? w : c->w, text[k],
			                 ind[k] ? x : c->x, at[k], NULL);
	}
	sbuf_free(&b);
}

/* The panel's text size: presenter mode's mono size, else a step or two
 * smaller where the newest packet would be cut at it (the RETR's Subject
 * in presenter mode's narrow panel), down to the window's small text. */
static int render_sniffer_px(struct render_app *a, const SDL_Rect *c, const struct trace_rec *newest,
                             struct render_sniffer_rec *m)
{
	const struct render_layout_panels *p = &a->panels;
	struct sbuf head = { 0 }, more = { 0 };
	int px = p->px_mono;
	for (int step = 0; newest && step < 3; step++) {
		m->px = p->px_mono - step * (p->px_mono - p->px_small * 4 / 5) / 2;
		sbuf_reset(&head);
		sbuf_reset(&more);
		render_sniffer_row(a, newest, &head, &more);
		render_sniffer_measure(a, c, head.s, more.s, c->h, m);
		if (step == 0)
			px = m->px;
		if (m->form != RENDER_SNIFFER_CUT) {
			px = m->px;
			break;
		}
	}
	sbuf_free(&head);
	sbuf_free(&more);
	return px;
}

/* The panel's rectangle inside its frame and, under its title, where
 * the rows go; 0 if it has no room. */
static int render_sniffer_places(struct render_app *a, SDL_Rect *in, SDL_Rect *rows)
{
	const struct render_layout_panels *p = &a->panels;
	SDL_Rect rc = render_sniffer_rect(a);
	if (!render_sniffer_shown(a) || rc.w < 4 * p->pad || rc.h < 4 * p->pad)
		return 0;
	*in = (SDL_Rect){ rc.x + p->pad / 2, rc.y + p->pad / 2, rc.w - p->pad, rc.h - p->pad };
	int th = render_font_line_height(a->font, RENDER_FONT_BOLD, p->px_small);
	*rows = (SDL_Rect){ in->x + p->pad, in->y + th + p->pad / 2, in->w - 2 * p->pad, in->h - th - p->pad };
	return 1;
}

/* The rows, newest at the bottom: drawn, or with seen, only listed (see
 * render_sniffer_rec_draw); 0 if no packet has been seen yet.  A long
 * line wraps (the APOP digest, the size of a TLS record: what the caption
 * is about was cut off), and a packet of several lines shows them as the
 * eavesdropper reads them (the mail's From, To and Subject; CAPA's STLS),
 * shortened only where they do not fit. */
static int render_sniffer_list(struct render_app *a, const SDL_Rect *c, struct sbuf *seen)
{
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	struct sbuf b = { 0 }, more = { 0 };
	struct render_sniffer_rec m = { 0 };
	size_t last = n;
	while (last > 0 && tr[last - 1].kind != TR_SNIFF)
		last--;
	int px = render_sniffer_px(a, c, last ? &tr[last - 1] : NULL, &m);
	int y = c->y + c->h, newest = 1;
	for (size_t i = last; i-- > 0 && y > c->y;) {
		if (tr[i].kind != TR_SNIFF)
			continue;
		sbuf_reset(&b);
		sbuf_reset(&more);
		uint32_t col = render_sniffer_row(a, &tr[i], &b, &more);
		m.px = px;
		render_sniffer_measure(a, c, b.s, more.s, y - c->y, &m);
		y -= m.height;
		/* A packet that does not fit whole under the title is left out
		 * (the newest still shows): its last lines alone ("… and 6 more
		 * lines" under nothing, lesson 14 at 140.208 s) read as garbage. */
		if (!newest && y < c->y)
			break;
		if (newest && !seen)
			render_draw_fill(a->ren, (SDL_Rect){ c->x, y, c->w, m.height }, RENDER_THEME_HILITE);
		render_sniffer_rec_draw(a, c, b.s, &m, col, y, seen);
		newest = 0;
	}
	sbuf_free(&b);
	sbuf_free(&more);
	sbuf_free(&m.flow);
	return last > 0;
}

void render_sniffer_text(struct render_app *a, struct sbuf *out)
{
	SDL_Rect in, c;
	if (render_sniffer_places(a, &in, &c))
		render_sniffer_list(a, &c, out);
}

void render_sniffer_draw(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	SDL_Rect in, c;
	if (!render_sniffer_places(a, &in, &c))
		return;
	render_draw_fill(a->ren, in, 0xFFF8F6FFu);   /* a faint red: someone is listening */
	render_draw_outline(a->ren, in, 1, RENDER_THEME_BLOCK);
	const char *targs[] = { "sniffer", render_sniffer_who(a, &a->sc->sniffers[0]), NULL };
	struct sbuf b = { 0 };
	i18n_format(a->cat[a->lang], "ui.panel.sniffer", targs, &b);
	int tw = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_FONT_LINE, 0, b.s, &tw, NULL);
	a->row_cuts += tw > in.w - 2 * p->pad;
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_BLOCK, RENDER_FONT_FIT,
	                 in.w - 2 * p->pad, b.s, in.x + p->pad, in.y + p->pad / 3, NULL);
	sbuf_free(&b);
	SDL_RenderSetClipRect(a->ren, &c);
	if (render_quiz_hides(a, SC_QUIZ_HIDE_WIRE))
		render_quiz_hidden_note(a, c);
	else {
		render_font_whole_lines(a->font, 1);   /* as the transcript beside it */
		int any = render_sniffer_list(a, &c, NULL);
		render_font_whole_lines(a->font, 0);
		if (!any)
			render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_WRAP, c.w,
		                 render_app_text(a, "ui.sniffer.none"), c.x, c.y, NULL);
	}
	SDL_RenderSetClipRect(a->ren, NULL);
}
