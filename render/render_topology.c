/* render_topology — the network picture: networks as labelled regions,
 * routers with their rule chips, hosts with role badges, and the routes of
 * the connections open now with the port they use; and where labels go so
 * that none covers another (each frame's placed labels, which the next one
 * avoids).  What travels on the routes is render_traffic.c's. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_app.h"
#include "render_cross.h"
#include "render_discard.h"
#include "render_dns.h"
#include "render_draw.h"
#include "render_links.h"
#include "render_name_cut.h"
#include "render_region.h"
#include "render_smime.h"
#include "render_sniffer.h"
#include "render_spread.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_topology_blocks.h"
#include "render_tray.h"
#include "render_ui.h"
#include "render_summary_marks.h"
#include "render_view.h"

void render_topology_batch_add(struct render_topology_batch *b, SDL_Rect rc)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->r = xrealloc(b->r, b->cap * sizeof *b->r);
	}
	b->r[b->n++] = rc;
}

void render_topology_batch_flush(struct render_app *a, struct render_topology_batch *b)
{
	if (b->n && !render_draw_dry(a->ren)) {
		render_draw_color(a->ren, b->color);
		SDL_RenderFillRects(a->ren, b->r, (int)b->n);
	}
	free(b->r);
	b->r = NULL;
	b->n = b->cap = 0;
}

/* Presenter mode's floor for a text of base size: at 1920 x 1080 a host's
 * name (base 20) is 25 px and a role badge (14) 19 px, read from the back
 * row; scaled with the window. */
float render_topology_floor(const struct render_app *a, float base)
{
	/* a map too full for it (render_region's level 2): a name 24 px and a
	 * badge 18 px, the least the back row reads */
	return (base + (a->region_level >= 2 ? 4 : 5)) * a->panels.s;
}

/* Text size inside the topology follows the zoom, within readable bounds. */
int render_topology_px(const struct render_app *a, float base)
{
	float px = base * a->layout.k * (a->presenter ? 1.15f : 1.0f);
	float lo = a->presenter ? render_topology_floor(a, base) : (float)((a->panels.px_small * 4) / 5);
	if (px < lo)
		px = lo;
	if (px > 64)
		px = 64;
	return (int)lroundf(px);
}

int render_topology_tag_px(const struct render_app *a, float base)
{
	int px = render_topology_px(a, base);
	int lo = a->presenter ? 0 : (int)lroundf(16 * a->panels.s);   /* presenter mode's floor is higher */
	return px < lo ? lo : px;
}

int render_topology_drop_px(const struct render_app *a, float base)
{
	int px = render_topology_tag_px(a, base), back = (int)lroundf(24 * a->panels.s);
	return a->presenter && px < back ? back : px;
}

int render_topology_least_px(const struct render_app *a, float base)
{
	int px = render_topology_px(a, base);
	return !a->presenter && px < 11 ? 11 : px;
}

/* The same for the text in a host's or router's box (node as in the trace:
 * hosts, then routers), shrunk where boxes would overlap at full size --
 * except below presenter mode's floor: there the boxes move apart instead
 * (render_spread). */
int render_topology_box_px(const struct render_app *a, int node, float base)
{
	float px = (float)render_topology_px(a, base);
	if (a->box_fit && a->box_fit[node] < 1)
		px *= a->box_fit[node];
	if (a->presenter && px < render_topology_floor(a, base))
		px = render_topology_floor(a, base);
	return px < 10 ? 10 : (int)lroundf(px);
}

/* Text sizes in the map: labels, wire lines, trays and titles (at the zoom
 * alone), names and badges (each box at its own fit). */
static const float render_topology_label_bases[] = { 13, 14, 15, 16, 17, 19, 20, 22 };
static const float render_topology_box_bases[] = { 14, 15, 16, 19, 20 };

int render_topology_sizes(const struct render_app *a, int *px, int max)
{
	unsigned char seen[65] = { 0 };   /* render_topology_px is at most 64 */
	int n = 0;
	size_t nb = sizeof render_topology_label_bases / sizeof *render_topology_label_bases;
	size_t nbox = sizeof render_topology_box_bases / sizeof *render_topology_box_bases;
	int nodes = a->sc->nhosts + a->sc->nrouters;
	for (int node = -1; node < nodes; node++) {
		/* A box's sizes follow its fit alone: most boxes share one. */
		if (node > 0 && (!a->box_fit || a->box_fit[node] == a->box_fit[node - 1]))
			continue;
		for (size_t i = 0; i < (node < 0 ? nb : nbox); i++) {
			float base = node < 0 ? render_topology_label_bases[i] : render_topology_box_bases[i];
			int v[3] = { node < 0 ? render_topology_px(a, base) : render_topology_box_px(a, node, base),
				     node < 0 ? render_topology_tag_px(a, base) : -1,
				     node < 0 ? render_topology_least_px(a, base) : -1 };
			for (int j = 0; j < 3; j++) {
				if (v[j] < 0 || v[j] > 64 || seen[v[j]] || n == max)
					continue;
				seen[v[j]] = 1;
				px[n++] = v[j];
			}
		}
	}
	return n;
}

void render_topology_host_xy(const struct render_app *a, int host, float *x, float *y)
{
	const float *at = render_layout_host_at(&a->layout, host);
	render_layout_to_screen(&a->layout, at[0], at[1], x, y);
	float dx, dy;
	render_spread_offset(a, render_layout_leader(a->sc, host), &dx, &dy);
	*x += dx;
	*y += dy;
}

void render_topology_router_xy(const struct render_app *a, int router, float *x, float *y)
{
	const float *at = render_layout_router_at(&a->layout, router);
	render_layout_to_screen(&a->layout, at[0], at[1], x, y);
	float dx, dy;
	render_spread_offset(a, a->sc->nhosts + router, &dx, &dy);
	*x += dx;
	*y += dy;
}

static void render_topology_nets(struct render_app *a)
{
	const struct scenario *sc = a->sc;
	int th = a->panels.line;
	for (int n = 0; n < sc->nnets; n++) {
		const struct sc_network *net = &sc->nets[n];
		SDL_Rect rc = render_layout_net_rect(&a->layout, n);
		int rad = (int)(14 * a->layout.k);
		render_draw_round(a->ren, rc, rad, render_theme_net[net->kind]);
		render_draw_round_outline(a->ren, rc, rad, th, render_theme_net_edge[net->kind]);
	}
}

/* Where router r's link to net meets net's region: its line's dot
 * (render_links). */
void render_topology_link_xy(const struct render_app *a, int r, int net, float *x, float *y)
{
	struct render_links_path p;
	render_links_path(a, r, net, &p);
	*x = p.x[p.n - 1];
	*y = p.y[p.n - 1];
}

uint32_t render_topology_proto_color(enum proto p)
{
	switch (p) {
	case PROTO_SMTP:
	case PROTO_LMTP: return RENDER_THEME_ACCENT;
	case PROTO_POP3:
	case PROTO_IMAP: return render_theme_role[ROLE_MRA];
	case PROTO_DNS: return render_theme_role[ROLE_DNS];
	case PROTO_NONE:
	case PROTO_COUNT: return RENDER_THEME_LINK;
	}
	return RENDER_THEME_LINK;
}

/* A label in a rounded pill centred at (cx, cy); returns its rectangle. */
SDL_Rect render_topology_pill(struct render_app *a, enum render_font_face face, int px,
                              const char *text, float cx, float cy, int maxw,
                              uint32_t bg, uint32_t fg, uint32_t edge)
{
	int w = 0, h = 0;
	render_font_size(a->font, face, px, RENDER_FONT_FIT, maxw, text, &w, &h);
	int pad = px / 3 + 2;
	SDL_Rect rc = { (int)cx - w / 2 - pad, (int)cy - h / 2 - 1, w + 2 * pad, h + 2 };
	render_draw_round(a->ren, rc, h / 2, bg);
	if (edge)
		render_draw_round_outline(a->ren, rc, h / 2, a->panels.line, edge);
	render_font_draw(a->font, face, px, fg, RENDER_FONT_FIT, maxw, text, rc.x + pad, rc.y + 1, NULL);
	return rc;
}

/* Connection routes, each distinct one once; labels (the port in use) go
 * on in a second pass, above the hosts they may cross. */
/* A busy scene: each link segment once, one pixel wide and opaque (a
 * thousand blended thick lines would cost the software renderer a frame). */
static void render_topology_conns_dense(struct render_app *a)
{
	enum { SLOTS = 16384 };
	uint64_t *seen = xcalloc(SLOTS, sizeof *seen);
	for (size_t i = 0; i < a->nfconn; i++) {
		const struct sim_conn *c = &a->fconn[i];
		struct render_topology_route rt;
		render_topology_route_of(a, c, &rt);
		for (int k = 1; k < rt.n; k++) {
			/* the segment by its ends' pixels: routes share their links */
			uint64_t key = ((uint64_t)(uint16_t)lroundf(rt.x[k - 1]) << 48 |
					(uint64_t)(uint16_t)lroundf(rt.y[k - 1]) << 32 |
					(uint64_t)(uint16_t)lroundf(rt.x[k]) << 16 | (uint16_t)lroundf(rt.y[k])) + 1;
			size_t j = (size_t)(key * 11400714819323198485ull >> 50) % SLOTS;
			while (seen[j] && seen[j] != key)
				j = (j + 1) % SLOTS;
			if (seen[j])
				continue;
			seen[j] = key;
			render_draw_color(a->ren, rt.blocked ? RENDER_THEME_BLOCK : render_topology_proto_color(c->proto));
			if (!render_draw_dry(a->ren))
				SDL_RenderDrawLineF(a->ren, rt.x[k - 1], rt.y[k - 1], rt.x[k], rt.y[k]);
		}
	}
	free(seen);
}

static void render_topology_conns(struct render_app *a, int pass)
{
	int labels = a->nfconn <= RENDER_TOPOLOGY_LABEL_MAX;
	if (!labels) {
		if (pass == 0)
			render_topology_conns_dense(a);
		return;
	}
	int px = render_topology_tag_px(a, 17);
	float th = (float)a->panels.line * 2.5f;
	for (size_t i = 0; i < a->nfconn; i++) {
		const struct sim_conn *c = &a->fconn[i];
		/* One route per pair of boxes: the machines of a group share theirs. */
		int dup = 0;
		int cl = render_layout_leader(a->sc, c->client), sv = render_layout_leader(a->sc, c->server);
		for (size_t j = 0; j < i && !dup; j++) {
			const struct sim_conn *o = &a->fconn[j];
			dup = render_layout_leader(a->sc, o->client) == cl && render_layout_leader(a->sc, o->server) == sv &&
			      o->port == c->port && o->blocked_at == c->blocked_at &&
			      render_topology_stopped(o) == render_topology_stopped(c) && o->connecting == c->connecting;
		}
		if (dup)
			continue;
		struct render_topology_route rt;
		render_topology_route_of(a, c, &rt);
		if (rt.n < 2)
			continue;
		uint32_t col = render_topology_proto_color(c->proto);
		/* A SYN on its way: the route ahead of it thin and dashed, not yet
		 * a path the connection has taken (lesson 09 at 2.194 s: the next
		 * bot's SYN, to be dropped at ISP A's OP25B, drew a solid "SMTP 25"
		 * path past the router's cross into ISP B's mail server). */
		int syn = c->connecting && c->in_flight && c->to_server && !rt.blocked;
		float ahead = syn ? render_topology_fraction(c, sim_now(render_app_sim(a))) * rt.reach : 2.0f;
		/* and only as far as the router that will drop it (lesson 09 at
		 * 2.194 s: the next bot's SYN drew a dashed "SMTP 25" way past ISP
		 * A's OP25B cross across the Internet to ISP B) */
		float stop = syn ? rt.reach : 1.0f;
		float len = render_topology_route_length(&rt), done = 0;
		for (int k = 1; k < rt.n && pass == 0 && done < stop * len; k++) {
			float seg = hypotf(rt.x[k] - rt.x[k - 1], rt.y[k] - rt.y[k - 1]);
			float ex = rt.x[k], ey = rt.y[k];
			if (stop < 1 && seg > 0 && done + seg > stop * len) {   /* ends at that router */
				float v = (stop * len - done) / seg;
				ex = rt.x[k - 1] + (rt.x[k] - rt.x[k - 1]) * v;
				ey = rt.y[k - 1] + (rt.y[k] - rt.y[k - 1]) * v;
			}
			render_topology_place_line(a, rt.x[k - 1], rt.y[k - 1], ex, ey, rt.blocked ? c->blocked_at : -1);
			float u = len > 0 && seg > 0 ? (ahead * len - done) / seg : 1.0f;   /* where the SYN is, on this piece */
			u = u < 0 ? 0 : u > 1 ? 1 : u;
			float mx = rt.x[k - 1] + (rt.x[k] - rt.x[k - 1]) * u, my = rt.y[k - 1] + (rt.y[k] - rt.y[k - 1]) * u;
			done += seg;
			if (rt.blocked)
				render_draw_dashed(a->ren, rt.x[k - 1], rt.y[k - 1], rt.x[k], rt.y[k], th,
						   10 * a->layout.k + 4, RENDER_THEME_BLOCK);
			else {
				if (u > 0)
					render_draw_line(a->ren, rt.x[k - 1], rt.y[k - 1], mx, my, th, col & 0xFFFFFFA0u);
				if (u < 1 && (mx != ex || my != ey))
					render_draw_dashed(a->ren, mx, my, ex, ey, th / 2, 8 * a->layout.k + 3,
							   col & 0xFFFFFF80u);
			}
		}
		/* An MRA serving mail it reads from another host's mailboxes: the
		 * line goes on to them, as it ends at the mailbox where one host
		 * is both (lesson 01b: POP3 stopped at the MRA's box) */
		/* (once the server has taken the connection, and thin and dashed:
		 * the MRA reading the mailbox server's store is no POP3 session
		 * of its own; lesson 01b at 30 s, "it is not the server that holds
		 * the mailbox", had the POP3 line drawn on into the mailbox
		 * server while Bob's SYN was still on its way) */
		if (pass == 0 && !rt.blocked && !c->connecting && render_topology_store_route(a, c, &rt))
			for (int k = 1; k < rt.n; k++)
				render_draw_dashed(a->ren, rt.x[k - 1], rt.y[k - 1], rt.x[k], rt.y[k], th / 2,
						   6 * a->layout.k + 3, col & 0xFFFFFFA0u);
		if (!labels || pass == 0)
			continue;
		char lbl[64];
		snprintf(lbl, sizeof lbl, "%s %d%s", proto_names[c->proto], c->port,
			 c->tls ? " TLS" : "");
		if (rt.blocked || stop < 1)   /* (its packet's own label says the port) */
			continue;
		size_t before = a->place ? a->place->nover : 0;
		render_topology_route_tag(a, &rt, lbl, px, col);
		if (a->place && a->place->nover > before)   /* whose tag it is, for the checks */
			a->place->over[a->place->nover - 1].conn = c->id;
	}
}

int render_topology_router_blocked(struct render_app *a, int r, const char **rule_out)
{
	struct sim *s = render_app_sim(a);
	int node = a->sc->nhosts + r;
	int count = 0;
	const char *rule = NULL;
	for (size_t e = 0; e < sim_ledger_count(s); e++) {
		const struct ledger_entry *le = sim_ledger(s, e);
		for (int i = 0; i < le->nrcpts; i++)
			if (le->rcpts[i].state == LS_BLOCKED && le->rcpts[i].node == node) {
				count++;
				rule = le->rcpts[i].rule;
			}
	}
	/* And a SYN dropped here whose client still waits: blocked from the
	 * moment it is dropped, as the message list and the totals chart count
	 * it (lesson 02 at 60 s: "×1" here while the list had two blocked). */
	for (size_t i = 0; i < a->nfdrop; i++) {
		const struct render_app_drop *c = &a->fdrop[i];
		if (c->router != r || c->msg < 0 || (size_t)c->msg >= sim_ledger_count(s) || c->rule < 0 ||
		    c->rule >= a->sc->routers[r].nrules ||
		    (i > 0 && a->fdrop[i - 1].msg == c->msg && a->fdrop[i - 1].client == c->client))
			continue;
		const struct ledger_entry *le = sim_ledger(s, (size_t)c->msg);
		for (int k = 0; k < le->nrcpts; k++)
			if (le->rcpts[k].node == c->client && !ledger_state_final(le->rcpts[k].state)) {
				count++;
				rule = a->sc->routers[r].rules[c->rule].name;
			}
	}
	*rule_out = rule;
	return count;
}

/* A router's box and the column of its rule chips. */
/* A rule's chip: its short text (the name by default) and on or off. */
static void render_topology_chip_text(struct render_app *a, const struct sc_rule *ru, int on, char *out,
                                      size_t n)
{
	const char *t = sc_text_get(&ru->chip, a->lang);
	snprintf(out, n, "%s %s", *t ? t : scenario_rule_short(ru, a->lang), render_app_text(a, on ? "ui.on" : "ui.off"));
}

struct render_topology_routerm {
	const char *name;
	int px, cpx, nw, nh;
	int cut;               /* the name on two lines: the second's start, or 0 */
	char first[128];       /* the first line */
	int fw, sw;            /* the two lines' widths */
	SDL_Rect box;
	int chip_w, chip_h;    /* the widest chip, one chip's height */
};

static void render_topology_router_measure(struct render_app *a, int r, struct render_topology_routerm *m)
{
	const struct sc_router *ro = &a->sc->routers[r];
	struct sim *s = render_app_sim(a);
	m->px = render_topology_box_px(a, a->sc->nhosts + r, 19);
	m->cpx = render_topology_box_px(a, a->sc->nhosts + r, 16);
	m->name = render_view_router_name(a, r);
	m->nw = m->nh = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, m->px, RENDER_FONT_LINE, 0, m->name, &m->nw, &m->nh);
	/* In presenter mode a name with a parenthesis goes on two lines where
	 * render_region chose so (a->router_cut): at its size "ISP C's border
	 * router (no OP25B)" is wider than the column it stands in, and took
	 * the place of the router beside it (lesson 06 at 1280 x 720 in
	 * Japanese: ISP B's router went down to the map's foot, and the relay
	 * to it round ISP C's customers). */
	m->cut = a->presenter && a->router_cut ? render_name_cut(a, m->name, m->px, m->first, sizeof m->first,
								     &m->fw, &m->sw, &m->nw, &m->nh)
					       : 0;
	int pad = m->px / 2;
	int bw = m->nw + 2 * pad, bh = m->nh + pad;
	float fit = a->box_fit && a->box_fit[a->sc->nhosts + r] < 1 ? a->box_fit[a->sc->nhosts + r] : 1;
	int minw = (int)(110 * a->layout.k * fit);   /* a box shrunk to fit is narrower too */
	if (bw < minw)
		bw = minw;
	float cx, cy;
	render_topology_router_xy(a, r, &cx, &cy);
	m->box = (SDL_Rect){ (int)cx - bw / 2, (int)cy - bh / 2, bw, bh };
	m->chip_w = m->chip_h = 0;
	for (int i = 0; i < ro->nrules; i++) {
		char chip[96];
		render_topology_chip_text(a, &ro->rules[i], sim_rule_enabled(s, r, i), chip, sizeof chip);
		int cw = 0, ch = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, m->cpx, RENDER_FONT_LINE, 0, chip, &cw, &ch);
		if (cw + m->cpx > m->chip_w)
			m->chip_w = cw + m->cpx;
		m->chip_h = ch + 2;
	}
}

static void render_topology_routers(struct render_app *a)
{
	const struct scenario *sc = a->sc;
	struct sim *s = render_app_sim(a);
	for (int r = 0; r < sc->nrouters; r++) {
		const struct sc_router *ro = &sc->routers[r];
		struct render_topology_routerm m;
		render_topology_router_measure(a, r, &m);
		SDL_Rect box = m.box;
		int bh = box.h, pad = m.px / 2;
		int selected = a->sel == RENDER_APP_SEL_ROUTER && a->sel_index == r;
		render_draw_round(a->ren, box, bh / 3, RENDER_THEME_ROUTER);
		if (selected)
			render_draw_round_outline(a->ren, (SDL_Rect){ box.x - 4, box.y - 4, box.w + 8, box.h + 8 },
						  bh / 3, a->panels.line * 2, RENDER_THEME_SELECT);
		render_font_draw(a->font, RENDER_FONT_BOLD, m.px, 0xFFFFFFFFu, RENDER_FONT_LINE, 0,
				 m.cut ? m.first : m.name, box.x + (box.w - (m.cut ? m.fw : m.nw)) / 2, box.y + pad / 2,
				 NULL);
		if (m.cut)
			render_font_draw(a->font, RENDER_FONT_BOLD, m.px, 0xFFFFFFFFu, RENDER_FONT_LINE, 0, m.name + m.cut,
					 box.x + (box.w - m.sw) / 2, box.y + pad / 2 + m.nh / 2, NULL);
		render_app_hit_add(a, box, RENDER_APP_HIT_ROUTER, r, 0);
		/* Rule chips in a column where render_topology_place put it.
		 * Green when on, slate when off -- not struck through: a line
		 * through "OP25B off" read as "not off" (review 32, lessons 02
		 * and 10). */
		SDL_Rect col = a->place ? a->place->chips[r] : (SDL_Rect){ 0, 0, 0, 0 };
		int y = col.y;
		for (int i = 0; i < ro->nrules; i++) {
			int on = sim_rule_enabled(s, r, i);
			char chip[96];
			render_topology_chip_text(a, &ro->rules[i], on, chip, sizeof chip);
			int cw = 0, ch = 0, cpx = m.cpx;
			render_font_size(a->font, RENDER_FONT_BOLD, cpx, RENDER_FONT_LINE, 0, chip, &cw, &ch);
			SDL_Rect rc = { col.x + (col.w - cw - cpx) / 2, y, cw + cpx, ch + 2 };
			/* Off is a dark slate, not a pale grey: it must read from the
			 * back of the room as clearly as on.  Over a line (the route
			 * down from its router: review C18, lesson 14's "OP25B on",
			 * lesson 10's maintenance chip), the line shows through it
			 * and the chip keeps its edge: where a chip goes is the
			 * router's, and moving it moved names and routes. */
			uint32_t bg = on ? RENDER_THEME_OK : 0x546E7AFFu;
			SDL_Rect body = { rc.x + rc.h / 2, rc.y + 2, rc.w - rc.h, rc.h - 4 };   /* (not its round ends) */
			if (render_topology_place_lined(a, body)) {
				render_draw_round(a->ren, rc, rc.h / 2, (bg & 0xFFFFFF00u) | 0xD8u);
				render_draw_round_outline(a->ren, rc, rc.h / 2, a->panels.line, bg);
			} else
				render_draw_round(a->ren, rc, rc.h / 2, bg);
			render_font_draw(a->font, RENDER_FONT_BOLD, cpx, 0xFFFFFFFFu, RENDER_FONT_LINE, 0, chip,
					 rc.x + cpx / 2, rc.y + 1, NULL);
			render_app_hit_add(a, rc, RENDER_APP_HIT_RULE, r, i);
			y += rc.h + RENDER_TOPOLOGY_CHIP_GAP;
		}
	}
	/* The counts of stopped messages after every router and chip is down
	 * (the summary picture marks where each path stopped instead). */
	for (int r = 0; r < sc->nrouters && !render_summary_shown(a); r++) {
		struct render_topology_routerm m;
		render_topology_router_measure(a, r, &m);
		SDL_Rect chips = { 0, 0, 0, 0 };
		for (size_t i = 0; i < a->nhits; i++)
			if (a->hits[i].kind == RENDER_APP_HIT_RULE && a->hits[i].a == r)
				SDL_UnionRect(chips.w ? &chips : &a->hits[i].rc, &a->hits[i].rc, &chips);
		render_topology_blocks_draw(a, r, m.box, chips);
	}
}

/* A host box's text and size at the current text scale. */
struct render_topology_hostm {
	const char *name;
	char ip[16];
	int px, spx, bpx;
	int nw, nh, iw, ih, bh, bsum;
	int cut;               /* the name on two lines: the second's start, or 0 */
	char first[128];       /* the first line */
	int fw, sw;            /* the two lines' widths */
	int bw[ROLE_COUNT];
	SDL_Rect box;
};

/* In a map too full for its names on one line (render_region's level 1
 * and up), a name much wider than its box's other lines goes on two
 * (render_name_cut).  Sets m->cut, first, fw, sw and the name's nw
 * and nh; else leaves them for one line. */
static void render_topology_host_cut(struct render_app *a, struct render_topology_hostm *m)
{
	m->cut = 0;
	int rest = m->iw > m->bsum ? m->iw : m->bsum;
	if (!a->presenter || a->region_level < 1 || 2 * m->nw < 3 * rest)
		return;
	m->cut = render_name_cut(a, m->name, m->px, m->first, sizeof m->first, &m->fw, &m->sw, &m->nw, &m->nh);
}

static void render_topology_host_measure(struct render_app *a, int hi, struct render_topology_hostm *m)
{
	const struct sc_host *h = &a->sc->hosts[hi];
	m->px = render_topology_box_px(a, hi, 20);
	m->spx = render_topology_box_px(a, hi, 15);
	m->bpx = render_topology_box_px(a, hi, 14);
	m->name = render_view_host_name(a, hi);
	scenario_format_ipv4(h->addr, m->ip);
	m->nw = m->nh = m->iw = m->ih = m->bh = m->bsum = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, m->px, RENDER_FONT_LINE, 0, m->name, &m->nw, &m->nh);
	render_font_size(a->font, RENDER_FONT_REGULAR, m->spx, RENDER_FONT_LINE, 0, m->ip, &m->iw, &m->ih);
	/* Badges row width. */
	for (int r = 0; r < ROLE_COUNT; r++) {
		m->bw[r] = 0;
		if (h->roles & ROLE_BIT(r)) {
			render_font_size(a->font, RENDER_FONT_BOLD, m->bpx, RENDER_FONT_LINE, 0, role_names[r], &m->bw[r], &m->bh);
			m->bw[r] += m->bpx / 2 + 2;
			m->bsum += m->bw[r] + 3;
		}
	}
	if (h->bot) {
		int w = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, m->bpx, RENDER_FONT_LINE, 0, "BOT", &w, &m->bh);
		m->bsum += w + m->bpx / 2 + 5;
	}
	render_topology_host_cut(a, m);
	int pad = m->px / 2;
	int w = m->nw > m->iw ? m->nw : m->iw;
	if (m->bsum > w)
		w = m->bsum;
	w += 2 * pad;
	float fit = a->box_fit && a->box_fit[hi] < 1 ? a->box_fit[hi] : 1;
	int minw = (int)(150 * a->layout.k * fit);
	if (w < minw)
		w = minw;
	int hgt = m->nh + m->ih + m->bh + pad + 6;
	float cx, cy;
	render_topology_host_xy(a, hi, &cx, &cy);
	m->box = (SDL_Rect){ (int)cx - w / 2, (int)cy - hgt / 2, w, hgt };
	if (h->group_size > 1) {   /* the stack of cards behind reaches up and right */
		m->box.y -= 10;
		m->box.w += 10;
		m->box.h += 10;
	}
}

/* The agent acting in the current row of the trace (the MSA accepting,
 * the MTA relaying, the MDA storing, the MRA handing out): its host (a
 * group's leader) and role, or -1. */
static void render_topology_acting(struct render_app *a, int *host, int *role)
{
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	*host = *role = -1;
	while (n > 0 && trace_kinds[tr[n - 1].kind].quiet)
		n--;
	if (!n)
		return;
	const struct trace_rec *r = &tr[n - 1];
	if (r->node < 0 || r->node >= a->sc->nhosts || r->role < 0 || r->role >= ROLE_COUNT)
		return;
	*host = render_layout_leader(a->sc, r->node);
	*role = r->role;
}

static void render_topology_hosts(struct render_app *a, struct render_topology_batches *bt)
{
	const struct scenario *sc = a->sc;
	int act_host, act_role;
	render_topology_acting(a, &act_host, &act_role);
	for (int hi = 0; hi < sc->nhosts; hi++) {
		const struct sc_host *h = &sc->hosts[hi];
		if (render_layout_leader(sc, hi) != hi)
			continue;   /* one box stands for the whole group */
		SDL_Rect dot;
		if (render_topology_dot(a, hi, &dot)) {
			int sel = a->sel == RENDER_APP_SEL_HOST && a->sel_index == hi;
			if (sel || h->bot || h->attacker)
				render_draw_fill(a->ren, dot, sel ? RENDER_THEME_SELECT : RENDER_THEME_BLOCK);
			else
				render_topology_batch_add(&bt->dots, dot);
			render_app_hit_add(a, dot, RENDER_APP_HIT_HOST, hi, 0);
			continue;
		}
		struct render_topology_hostm m;
		render_topology_host_measure(a, hi, &m);
		SDL_Rect box = m.box;
		if (h->group_size > 1) {   /* measured with its stack: the front card */
			box.y += 10;
			box.w -= 10;
			box.h -= 10;
		}
		int w = box.w, pad = m.px / 2;
		int selected = a->sel == RENDER_APP_SEL_HOST && a->sel_index == hi;
		if (h->group_size > 1) {
			/* A group of machines: a stack of cards behind the box. */
			for (int k = 2; k >= 1; k--) {
				SDL_Rect back = { box.x + 5 * k, box.y - 5 * k, box.w, box.h };
				render_draw_round(a->ren, back, a->panels.radius, h->bot || h->attacker ? 0xF8D7DCFFu : 0xE8ECF0FFu);
				render_draw_round_outline(a->ren, back, a->panels.radius, a->panels.line, 0x90A4AEFFu);
			}
		}
		render_draw_round(a->ren, (SDL_Rect){ box.x + 3, box.y + 4, box.w, box.h }, a->panels.radius, 0x0000002Au);
		render_draw_round(a->ren, box, a->panels.radius, h->bot || h->attacker ? 0xFFEBEEFFu : RENDER_THEME_HOST);
		render_draw_round_outline(a->ren, box, a->panels.radius, selected ? a->panels.line * 2 : a->panels.line,
					  selected ? RENDER_THEME_SELECT : 0x78909CFFu);
		int y = box.y + pad / 2;
		/* the name, or its two lines each centred */
		render_font_draw(a->font, RENDER_FONT_BOLD, m.px, RENDER_THEME_TEXT, RENDER_FONT_LINE, 0,
				 m.cut ? m.first : m.name, box.x + (w - (m.cut ? m.fw : m.nw)) / 2, y, NULL);
		if (m.cut)
			render_font_draw(a->font, RENDER_FONT_BOLD, m.px, RENDER_THEME_TEXT, RENDER_FONT_LINE, 0,
					 m.name + m.cut, box.x + (w - m.sw) / 2, y + m.nh / 2, NULL);
		y += m.nh;
		render_font_draw(a->font, RENDER_FONT_REGULAR, m.spx, RENDER_THEME_MUTED, RENDER_FONT_LINE, 0, m.ip,
				 box.x + (w - m.iw) / 2, y, NULL);
		SDL_Rect ip = { box.x + (w - m.iw) / 2, y, m.iw, m.ih };
		if (a->place && a->place->text) {
			a->place->text[hi][0] = (SDL_Rect){ box.x + (w - m.nw) / 2, box.y + pad / 2, m.nw, m.nh };
			a->place->text[hi][1] = ip;
		}
		y += m.ih + 2;
		int x = box.x + (w - m.bsum) / 2;
		if (a->place && a->place->text && m.bsum > 0)
			a->place->text[hi][2] = (SDL_Rect){ x, y, m.bsum, m.bh };
		for (int r = 0; r < ROLE_COUNT; r++) {
			if (!(h->roles & ROLE_BIT(r)))
				continue;
			SDL_Rect b = { x, y, m.bw[r], m.bh };
			if (hi == act_host && r == act_role) {   /* this agent acts now: it lights up */
				/* up to the address's line, not over it (it hid the
				 * digits' feet in presenter mode, accept B8) */
				int g = m.bh / 4 + 2, top = b.y - g < ip.y + ip.h ? ip.y + ip.h : b.y - g;
				SDL_Rect ring = { b.x - g, top, b.w + 2 * g, b.y + b.h + g - top };
				render_draw_round(a->ren, ring, 4 + g < ring.h / 2 ? 4 + g : ring.h / 2, RENDER_THEME_ACTING);
				if (a->place) {
					a->place->acting = ring;
					a->place->acting_text = ip;
				}
			}
			render_draw_round(a->ren, b, 4, render_theme_role[r]);
			render_font_draw(a->font, RENDER_FONT_BOLD, m.bpx, 0xFFFFFFFFu, RENDER_FONT_LINE, 0, role_names[r],
					 x + m.bpx / 4 + 1, y, NULL);
			x += m.bw[r] + 3;
		}
		if (h->bot) {
			int bw2 = 0;
			render_font_size(a->font, RENDER_FONT_BOLD, m.bpx, RENDER_FONT_LINE, 0, "BOT", &bw2, NULL);
			SDL_Rect b = { x + 2, y, bw2 + m.bpx / 2, m.bh };
			render_draw_round(a->ren, b, 4, RENDER_THEME_BLOCK);
			render_font_draw(a->font, RENDER_FONT_BOLD, m.bpx, 0xFFFFFFFFu, RENDER_FONT_LINE, 0, "BOT",
					 b.x + m.bpx / 4, y, NULL);
		}
		render_app_hit_add(a, box, RENDER_APP_HIT_HOST, hi, 0);
	}
}

/* A host's box with the room its mailbox's trays take below it. */
static SDL_Rect render_topology_host_extent(const struct render_app *a, int host, SDL_Rect box)
{
	if (a->sc->hosts[host].roles & ROLE_BIT(ROLE_MDA))
		box.h += render_topology_least_px(a, RENDER_TRAY_BOX_BASE) + 8 + 3;   /* as render_tray_rect */
	return box;
}

int render_topology_node_box(struct render_app *a, int node, SDL_Rect *out)
{
	const struct scenario *sc = a->sc;
	if (node < sc->nhosts) {
		if (render_layout_leader(sc, node) != node || a->layout.host_compact[node])
			return 0;
		struct render_topology_hostm m;
		render_topology_host_measure(a, node, &m);
		*out = render_topology_host_extent(a, node, m.box);
		return 1;
	}
	int r = node - sc->nhosts;
	struct render_topology_routerm m;
	render_topology_router_measure(a, r, &m);
	*out = m.box;
	if (sc->routers[r].nrules) {
		int ch = sc->routers[r].nrules * (m.chip_h + RENDER_TOPOLOGY_CHIP_GAP);
		SDL_Rect chips = { m.box.x + (m.box.w - m.chip_w) / 2, m.box.y + m.box.h, m.chip_w, ch };
		SDL_UnionRect(&m.box, &chips, out);
	}
	return 1;
}

/* The text scale of each host and router box at which no two boxes (a
 * router's with its chips) overlap: a lesson's positions are made for the
 * normal text size, and presenter mode or a small window would otherwise
 * pile them up.  Only the boxes that collide shrink, each pair just enough;
 * sizes follow the text about in proportion, so a few rounds settle. */
static void render_topology_fit(struct render_app *a)
{
	const struct scenario *sc = a->sc;
	size_t nn = (size_t)sc->nhosts + (size_t)sc->nrouters;
	a->box_fit = xrealloc(a->box_fit, (nn + 1) * sizeof *a->box_fit);
	for (size_t i = 0; i < nn; i++)
		a->box_fit[i] = 1;
	SDL_Rect *box = xmalloc((nn + 1) * sizeof *box);
	int *node = xmalloc((nn + 1) * sizeof *node);
	float *next = xmalloc((nn + 1) * sizeof *next);
	const float gap = 4;
	for (int round = 0; round < 8; round++) {
		int n = 0;
		for (int hi = 0; hi < sc->nhosts; hi++) {
			if (render_layout_leader(sc, hi) != hi || a->layout.host_compact[hi])
				continue;
			struct render_topology_hostm m;
			render_topology_host_measure(a, hi, &m);
			node[n] = hi;
			box[n++] = render_topology_host_extent(a, hi, m.box);
		}
		for (int r = 0; r < sc->nrouters; r++) {
			struct render_topology_routerm m;
			render_topology_router_measure(a, r, &m);
			node[n] = sc->nhosts + r;
			box[n] = m.box;
			if (sc->routers[r].nrules) {
				int ch = sc->routers[r].nrules * (m.chip_h + RENDER_TOPOLOGY_CHIP_GAP);
				SDL_Rect chips = { m.box.x + (m.box.w - m.chip_w) / 2, m.box.y + m.box.h, m.chip_w, ch };
				SDL_UnionRect(&m.box, &chips, &box[n]);
			}
			n++;
		}
		memcpy(next, a->box_fit, nn * sizeof *next);
		int moved = 0;
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++) {
				float dx = fabsf((float)(2 * box[i].x + box[i].w - 2 * box[j].x - box[j].w)) / 2;
				float dy = fabsf((float)(2 * box[i].y + box[i].h - 2 * box[j].y - box[j].h)) / 2;
				float hw = (float)(box[i].w + box[j].w) / 2, hh = (float)(box[i].h + box[j].h) / 2;
				if (dx >= hw + gap || dy >= hh + gap)
					continue;
				float s = fmaxf(fmaxf((dx - gap) / hw, (dy - gap) / hh), 0.6f) * 0.98f;
				next[node[i]] = fminf(next[node[i]], a->box_fit[node[i]] * s);
				next[node[j]] = fminf(next[node[j]], a->box_fit[node[j]] * s);
				moved = 1;
			}
		/* Below 0.45 text would be too small to read: overlap instead
		 * (render_spread moves the boxes apart).  In normal mode below
		 * 0.8 a box reads as less than the others on the map (lesson 12's
		 * data centre at 1080p: its hosts' names at 10 px beside 16):
		 * render_spread moves them apart in their region instead. */
		float lo = a->presenter ? 0.45f : 0.8f;
		for (size_t i = 0; i < nn; i++)
			a->box_fit[i] = fmaxf(next[i], lo);
		if (!moved)
			break;
	}
	free(next);
	free(node);
	free(box);
}

void render_topology_node_boxes(struct render_app *a)
{
	const struct scenario *sc = a->sc;
	size_t nn = (size_t)sc->nhosts + (size_t)sc->nrouters;
	a->node_box = xrealloc(a->node_box, (nn + 1) * sizeof *a->node_box);
	for (int hi = 0; hi < sc->nhosts; hi++) {
		a->node_box[hi] = (SDL_Rect){ 0, 0, 0, 0 };
		if (render_layout_leader(sc, hi) == hi && !a->layout.host_compact[hi]) {
			struct render_topology_hostm m;
			render_topology_host_measure(a, hi, &m);
			a->node_box[hi] = m.box;
		}
	}
	for (int r = 0; r < sc->nrouters; r++) {
		struct render_topology_routerm m;
		render_topology_router_measure(a, r, &m);
		a->node_box[sc->nhosts + r] = m.box;
	}
}

void render_topology_chips_size(struct render_app *a, int r, int *w, int *h)
{
	struct render_topology_routerm m;
	render_topology_router_measure(a, r, &m);
	int n = a->sc->routers[r].nrules;
	*w = n ? m.chip_w : 0;
	*h = n ? n * (m.chip_h + RENDER_TOPOLOGY_CHIP_GAP) - RENDER_TOPOLOGY_CHIP_GAP : 0;
}

int render_topology_chip_row(int h, int n)
{
	return (h + RENDER_TOPOLOGY_CHIP_GAP) / n - RENDER_TOPOLOGY_CHIP_GAP;
}

int render_topology_dot(const struct render_app *a, int host, SDL_Rect *out)
{
	if (render_layout_leader(a->sc, host) != host || !a->layout.host_compact[host])
		return 0;
	float cx, cy;
	render_topology_host_xy(a, host, &cx, &cy);
	int d = (int)(a->layout.host_cell[host] * 0.55f * a->layout.k);
	if (d < 3)
		d = 3;
	*out = (SDL_Rect){ (int)cx - d / 2, (int)cy - d / 2, d, d };
	return 1;
}

void render_topology_draw(struct render_app *a)
{
	SDL_Rect vp = a->panels.topo;
	SDL_RenderSetClipRect(a->ren, &vp);
	render_app_hit_add(a, vp, RENDER_APP_HIT_PANEL, RENDER_APP_PANEL_TOPO, 0);
	a->ntaken = 0;
	if (a->nspread)   /* sizes are fitted at the lesson's places */
		memset(a->spread, 0, a->nspread * sizeof *a->spread);
	/* (the checks end once they have chosen for the layout's inputs; a
	 * bound on the passes all the same, should the inputs not hold still) */
	for (int again = 1, pass = 0; again; pass++) {
		render_region_apply(a);   /* presenter mode: regions laid out for its boxes */
		render_topology_fit(a);
		render_spread_apply(a);
		render_topology_place(a);
		again = render_region_names_check(a);
		if (!again) {
			render_links_update(a);
			again = pass < 8 * a->sc->nrouters + 16 &&
				(render_region_wires_check(a) || render_region_spaces_check(a));
		}
		if (again) {
			a->ntaken = 0;
			if (a->nspread)
				memset(a->spread, 0, a->nspread * sizeof *a->spread);
		}
	}
	render_topology_nets(a);
	render_links_draw(a);
	int summary = render_summary_shown(a);
	if (summary)
		render_summary_routes(a);   /* every path tried, instead of what moves now */
	else {
		render_topology_conns(a, 0);
		render_dns_routes(a);
	}
	struct render_topology_batches bt;
	memset(&bt, 0, sizeof bt);
	bt.dots.color = render_theme_role[ROLE_MUA];
	bt.edges.color = RENDER_THEME_ACCENT;
	bt.cmd.color = RENDER_THEME_CMD;
	bt.reply.color = RENDER_THEME_REPLY;
	/* What stands still first (hosts, routers, chips, trays, the networks'
	 * names), then the labels of what moves, each avoiding what is down. */
	render_topology_hosts(a, &bt);
	render_topology_batch_flush(a, &bt.dots);
	bt.dots.color = RENDER_THEME_BOUNCE;
	render_topology_routers(a);
	if (!summary)
		render_tray_draw(a);   /* the mailboxes' INBOX and Junk */
	render_topology_place_titles(a);
	if (summary) {
		render_summary_marks(a);
	} else {
		render_sniffer_topology(a);   /* the eavesdropper, among what stands still */
		render_topology_conns(a, 1);
		render_smime_topology(a);   /* before what moves, whose labels keep off it */
		render_traffic_draw(a, &bt);
		render_discard_draw(a);
	}
	SDL_RenderSetClipRect(a->ren, NULL);
}
