/* render_topology_route — the route a connection takes across the map
 * (host, routers, host), bent around the boxes and labels it does not use,
 * where along it a packet is now, and where along it something can sit
 * without covering a name or a badge. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_route_memo.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_topology_route_own.h"
#include "render_topology_wires.h"
#include "render_ui.h"
#include "render_view.h"

/* How many obstacles there are: the still things, then the regions. */
static size_t render_topology_route_count(const struct render_app *a, const struct render_topology_route_own *own)
{
	return a->place->nlab + (size_t)own->nreg + (size_t)own->nmark;
}

/* Obstacle i's rectangle. */
static SDL_Rect render_topology_route_rect(const struct render_app *a, const struct render_topology_route_own *own,
                                           size_t i)
{
	if (i >= a->place->nlab + (size_t)own->nreg)
		return own->mark[i - a->place->nlab - (size_t)own->nreg];
	if (i >= a->place->nlab)
		return own->reg[i - a->place->nlab];
	SDL_Rect rc = a->place->lab[i].rc;
	if (a->place->lab[i].kind == RENDER_TOPOLOGY_HOST && own->grow > 0)
		rc = (SDL_Rect){ rc.x - own->grow, rc.y - own->grow, rc.w + 2 * own->grow, rc.h + 2 * own->grow };
	return rc;
}

/* Does the segment (x1, y1)-(x2, y2) cross rc? */
static int render_topology_route_cuts(SDL_Rect rc, float x1, float y1, float x2, float y2)
{
	int a1 = (int)lroundf(x1), b1 = (int)lroundf(y1), a2 = (int)lroundf(x2), b2 = (int)lroundf(y2);
	return SDL_IntersectRectAndLine(&rc, &a1, &b1, &a2, &b2);
}

/* Is (x, y) in rc, as SDL_IntersectRectAndLine counts pixels? */
static int render_topology_route_inside(SDL_Rect rc, float x, float y)
{
	long ix = lroundf(x), iy = lroundf(y);
	return ix >= rc.x && ix < rc.x + rc.w && iy >= rc.y && iy < rc.y + rc.h;
}

/* Does the segment (x1, y1)-(x2, y2) pass through rc or within margin of
 * it?  Not if an end lies in rc (nothing could go round it); only through
 * rc itself where an end lies within the margin (a bend made beside a
 * neighbour). */
int render_topology_route_blocks(SDL_Rect rc, int margin, float x1, float y1, float x2, float y2)
{
	if (render_topology_route_inside(rc, x1, y1) || render_topology_route_inside(rc, x2, y2)) {
		/* an end on its rim (a link's dot 1 px inside the DNS server's
		 * box, lesson 03 at 20.07 s, 720p presenter): through the rest
		 * of it still blocks, and the way round leaves from the rim */
		SDL_Rect core = { rc.x + 4, rc.y + 4, rc.w - 8, rc.h - 8 };
		if (core.w <= 0 || core.h <= 0 || render_topology_route_inside(core, x1, y1) ||
		    render_topology_route_inside(core, x2, y2))
			return 0;
		return render_topology_route_cuts(core, x1, y1, x2, y2);
	}
	SDL_Rect wide = { rc.x - margin, rc.y - margin, rc.w + 2 * margin, rc.h + 2 * margin };
	if (render_topology_route_inside(wide, x1, y1) || render_topology_route_inside(wide, x2, y2))
		return render_topology_route_cuts(rc, x1, y1, x2, y2);
	return render_topology_route_cuts(wide, x1, y1, x2, y2);
}

/* The still things (boxes, chips, trays, names; not letters' piles) a
 * route must keep off: not its own, nor one that holds an end of the
 * segment (nothing could go round it). */
int render_topology_route_obstacle(const struct render_app *a, const struct render_topology_route_own *own,
                                   size_t i)
{
	if (i >= a->place->nlab + (size_t)own->nreg) {
		int o = own->mark_owner[i - a->place->nlab - (size_t)own->nreg];
		for (int k = 0; k < own->n; k++)
			if (own->node[k] == o)
				return 0;
		return 1;
	}
	if (i >= a->place->nlab)
		return own->leg >= 0 && own->leg < 32 && (own->foreign[i - a->place->nlab] >> own->leg & 1);
	const struct render_topology_label *l = &a->place->lab[i];
	if (l->kind == RENDER_TOPOLOGY_PILE)
		return 0;
	if (l->kind >= RENDER_TOPOLOGY_NET_NAME && l->owner >= 0 && l->owner < 32 && (own->names_ok >> l->owner & 1))
		return 0;
	for (int k = 0; k < own->n && l->kind < RENDER_TOPOLOGY_NET_NAME; k++)
		if (l->owner == own->node[k] && (own->at < 0 || own->at == k - 1 || own->at == k))
			return 0;
	return 1;
}

/* render_topology_route_blocks for obstacle i: a host's box grown by
 * own->grow, or where an end of the segment lies in the grown box but not
 * in the box itself, the box as it is (the wider way makes every bend the
 * closer way makes: lesson 08's bots' way in presenter mode at 1920 x 1080
 * ran from a link's dot by the DNS server's corner along its bottom
 * edge). */
static int render_topology_route_blocks_i(const struct render_app *a, const struct render_topology_route_own *own,
                                          size_t i, int margin, float x1, float y1, float x2, float y2)
{
	SDL_Rect rc = render_topology_route_rect(a, own, i);
	if (render_topology_route_blocks(rc, margin, x1, y1, x2, y2))
		return 1;
	if (own->grow <= 0 || i >= a->place->nlab || a->place->lab[i].kind != RENDER_TOPOLOGY_HOST ||
	    !(render_topology_route_inside(rc, x1, y1) || render_topology_route_inside(rc, x2, y2)))
		return 0;
	return render_topology_route_blocks(a->place->lab[i].rc, margin, x1, y1, x2, y2);
}

/* The leg of a route that its segment k is on: how many routers come
 * before it. */
int render_topology_route_leg(const struct render_app *a, const struct render_topology_route *rt, int k)
{
	int leg = 0;
	for (int i = 0; i < k && i < rt->n; i++)
		leg += rt->node[i] >= a->sc->nhosts && rt->node[i] < a->sc->nhosts + a->sc->nrouters;
	return leg;
}

/* Does segment k of rt start at a bend inside rc?  Such a bend hides the
 * line under rc though no segment crosses it by render_topology_route_blocks,
 * which spares a segment whose end rc holds (lesson 06's backscatter,
 * bent by the Internet's name into the DNS server's box at 1920 x 1080 in
 * presenter mode, ran on under the box). */
static int render_topology_route_bent_in(SDL_Rect rc, const struct render_topology_route *rt, int k)
{
	return rt->node[k - 1] == RENDER_TOPOLOGY_BEND && render_topology_route_inside(rc, rt->x[k - 1], rt->y[k - 1]);
}

/* How many obstacles route rt crosses, each segment's own boxes those of
 * the nodes its leg meets (render_topology_route_own.at). */
static int render_topology_route_crossings_rt(const struct render_app *a, const struct render_topology_route_own *own,
                                              const struct render_topology_route *rt)
{
	struct render_topology_route_own seg = *own;
	int count = 0;
	uint32_t wires = render_topology_wires_on(a, rt);
	for (size_t i = 0; i < render_topology_route_count(a, own); i++)
		for (int k = 1; k < rt->n; k++) {
			seg.at = render_topology_route_leg(a, rt, k);
			if (wires >> k & 1)
				continue;
			if (render_topology_route_obstacle(a, &seg, i) &&
			    (render_topology_route_blocks_i(a, own, i, 0, rt->x[k - 1], rt->y[k - 1], rt->x[k], rt->y[k]) ||
			     render_topology_route_bent_in(render_topology_route_rect(a, own, i), rt, k))) {
				count++;
				break;
			}
		}
	return count;
}

/* How many obstacles the path p[0..n-1] crosses, the first segment's
 * from (x0, y0); an obstacle holding an end is not counted. */
static int render_topology_route_crossings(const struct render_app *a, const struct render_topology_route_own *own,
                                           const float *px, const float *py, int n, int margin)
{
	int count = 0;
	for (size_t i = 0; i < render_topology_route_count(a, own); i++) {
		if (!render_topology_route_obstacle(a, own, i))
			continue;
		for (int k = 1; k < n; k++)
			if (render_topology_route_blocks_i(a, own, i, margin, px[k - 1], py[k - 1], px[k], py[k])) {
				count++;
				break;
			}
	}
	return count;
}

/* How many obstacles hold the point (x, y). */
static int render_topology_route_holds(const struct render_app *a, const struct render_topology_route_own *own,
                                       float x, float y)
{
	int n = 0;
	for (size_t i = 0; i < render_topology_route_count(a, own); i++)
		n += render_topology_route_obstacle(a, own, i) &&
		     render_topology_route_inside(render_topology_route_rect(a, own, i), x, y);
	return n;
}

/* The first obstacle along segment k (nearest its start) that the segment
 * crosses, or -1. */
static int render_topology_route_first(const struct render_app *a, const struct render_topology_route_own *own,
                                       const struct render_topology_route *rt, int k, int margin)
{
	int best = -1;
	float bd = 0;
	for (size_t i = 0; i < render_topology_route_count(a, own); i++) {
		if (!render_topology_route_obstacle(a, own, i))
			continue;
		SDL_Rect rc = render_topology_route_rect(a, own, i);
		if (!render_topology_route_blocks_i(a, own, i, margin, rt->x[k - 1], rt->y[k - 1], rt->x[k], rt->y[k]))
			continue;
		int x1 = (int)lroundf(rt->x[k - 1]), y1 = (int)lroundf(rt->y[k - 1]);
		int x2 = (int)lroundf(rt->x[k]), y2 = (int)lroundf(rt->y[k]);
		if (!SDL_IntersectRectAndLine(&rc, &x1, &y1, &x2, &y2))
			continue;
		float d = hypotf((float)x1 - rt->x[k - 1], (float)y1 - rt->y[k - 1]);
		if (best < 0 || d < bd) {
			best = (int)i;
			bd = d;
		}
	}
	return best;
}

/* Segment k crosses obstacle rc: the way round it by one corner or two
 * (the rectangle widened by margin), the one that crosses fewest other
 * obstacles, then the shortest.  Returns how many points (0..2) go into
 * vx, vy; 0 if every way round crosses rc itself. */
static int render_topology_route_round(const struct render_app *a, const struct render_topology_route_own *own,
                                       const struct render_topology_route *rt, int k, SDL_Rect rc, int margin,
                                       float *vx, float *vy)
{
	float m = (float)margin + 2;
	float cx[4] = { (float)rc.x - m, (float)(rc.x + rc.w) + m, (float)(rc.x + rc.w) + m, (float)rc.x - m };
	float cy[4] = { (float)rc.y - m, (float)rc.y - m, (float)(rc.y + rc.h) + m, (float)(rc.y + rc.h) + m };
	float ax = rt->x[k - 1], ay = rt->y[k - 1], bx = rt->x[k], by = rt->y[k];
	int got = 0;
	float best = 0;
	/* one corner (i == j), or two that share a side of the rectangle */
	for (int i = 0; i < 4; i++)
		for (int d = 0; d < 3; d++) {
			int j = d == 0 ? i : d == 1 ? (i + 1) % 4 : (i + 3) % 4;
			float px[4] = { ax, cx[i], cx[j], bx }, py[4] = { ay, cy[i], cy[j], by };
			int n = i == j ? 3 : 4;
			if (i == j) {
				px[2] = bx;
				py[2] = by;
			}
			int cut = 0;
			for (int s = 1; s < n && !cut; s++)
				cut = render_topology_route_blocks(rc, margin, px[s - 1], py[s - 1], px[s], py[s]);
			if (cut)
				continue;
			float len = 0;
			for (int s = 1; s < n; s++)
				len += hypotf(px[s] - px[s - 1], py[s] - py[s - 1]);
			len += 100000.0f * (float)render_topology_route_crossings(a, own, px, py, n, 0);
			for (int s = 1; s < n - 1; s++) {
				/* a bend inside another obstacle could never leave it; one
				 * off the map would take the packet's label with it */
				len += 100000.0f * (float)render_topology_route_holds(a, own, px[s], py[s]);
				SDL_Rect vp = a->panels.topo;
				if (px[s] < (float)vp.x + 8 || px[s] > (float)(vp.x + vp.w) - 8 || py[s] < (float)vp.y + 8 ||
				    py[s] > (float)(vp.y + vp.h) - 8)
					len += 100000.0f;
			}
			if (got && len >= best)
				continue;
			best = len;
			got = n - 2;
			for (int s = 0; s < got; s++) {
				vx[s] = px[s + 1];
				vy[s] = py[s + 1];
			}
		}
	return got;
}

int render_topology_route_margin(const struct render_app *a)
{
	int m = (int)ceilf((float)a->panels.line * 2.5f / 2 + 3.5f);
	return m > 6 ? m : 6;
}

/* How many of own's regions rt crosses on a leg that does not pass
 * through them. */
int render_topology_route_through(const struct render_app *a, const struct render_topology_route_own *own,
                                  const struct render_topology_route *rt)
{
	int n = 0;
	uint32_t wires = own->nreg ? render_topology_wires_on(a, rt) : 0;
	for (int i = 0; i < own->nreg; i++)
		for (int k = 1; k < rt->n; k++) {
			int leg = render_topology_route_leg(a, rt, k);
			if (wires >> k & 1)
				continue;
			if (leg < 32 && (own->foreign[i] >> leg & 1) &&
			    render_topology_route_blocks(own->reg[i], 0, rt->x[k - 1], rt->y[k - 1], rt->x[k], rt->y[k])) {
				n++;
				break;
			}
		}
	return n;
}

/* Bend a route around the still things it would cross but does not pass
 * through (a bot's box on Alice's way out, the DNS server on a relay,
 * another ISP's router, a network's name, a mailbox's trays): each segment
 * that cuts one goes round it by its corners, the way that crosses fewest
 * others; the new segments are looked at again, up to a few bends.  With
 * route->nreg, also round the regions a segment's leg does not pass
 * through (render_topology_route_off_regions). */
static void render_topology_detour_by(const struct render_app *a, const struct render_topology_route_own *route,
                                      struct render_topology_route *rt, int margin)
{
	int bends = 0;
	struct render_topology_route_own seg = *route;   /* with the leg of the segment looked at */
	const struct render_topology_route_own *own = &seg;
	struct render_topology_wires w;   /* the same routers all along */
	render_topology_wires_of(a, rt, &w);
	for (int k = 1; k < rt->n && bends < 24;) {
		seg.at = render_topology_route_leg(a, rt, k);
		seg.leg = route->nreg ? seg.at : -1;
		if (render_topology_wires_in(&w, rt) >> k & 1) {
			k++;   /* along a router's line */
			continue;
		}
		int o = render_topology_route_first(a, own, rt, k, margin);
		float vx[2], vy[2];
		SDL_Rect orc = o < 0 ? (SDL_Rect){ 0, 0, 0, 0 } : render_topology_route_rect(a, own, (size_t)o);
		int add = o < 0 ? 0 : render_topology_route_round(a, own, rt, k, orc, margin, vx, vy);
		if (o >= 0 && !add)   /* a narrow gap: closer to the obstacle */
			add = render_topology_route_round(a, own, rt, k, orc, 1, vx, vy);
		if (!add || rt->n + add > RENDER_TOPOLOGY_MAX_POINTS) {
			k++;   /* clear, or no way round: a straight line beats a zigzag */
			continue;
		}
		for (int j = rt->n - 1; j >= k; j--) {
			rt->x[j + add] = rt->x[j];
			rt->y[j + add] = rt->y[j];
			rt->node[j + add] = rt->node[j];
		}
		for (int s = 0; s < add; s++) {
			rt->x[k + s] = vx[s];
			rt->y[k + s] = vy[s];
			rt->node[k + s] = RENDER_TOPOLOGY_BEND;
		}
		rt->n += add;
		bends++;
	}
}

/* The detour keeping wide pixels off what it goes round; where that
 * leaves a crossing in a crowded picture, one keeping 6, 3 or 1 off if it
 * crosses less. */
static void render_topology_detour_from(const struct render_app *a, const struct render_topology_route_own *own,
                                        struct render_topology_route *rt, int wide)
{
	struct render_topology_route straight = *rt;
	render_topology_detour_by(a, own, rt, wide);
	int left = render_topology_route_crossings_rt(a, own, rt) + render_topology_route_through(a, own, rt);
	static const int fallback[] = { 6, 3, 1 };
	for (size_t i = wide > 6 ? 0 : 1; left && i < sizeof fallback / sizeof *fallback; i++) {
		struct render_topology_route near = straight;
		render_topology_detour_by(a, own, &near, fallback[i]);
		int n = render_topology_route_crossings_rt(a, own, &near) + render_topology_route_through(a, own, &near);
		if (n < left) {
			*rt = near;
			left = n;
		}
	}
}


/* The detour keeping 6 pixels off what it goes round; with presenter
 * mode's thick lines, half the line's width more (lesson 02's dropped SYN
 * seemed to clip the bot's box) where that crosses no more than the
 * narrower way (lesson 08's bot's way in presenter mode at 1280 x 720
 * would cut the DNS server's corner). */
static void render_topology_detour_at(const struct render_app *a, const struct render_topology_route_own *own,
                                      struct render_topology_route *rt)
{
	if (!a->place)
		return;
	int wide = render_topology_route_margin(a);
	struct render_topology_route narrow = *rt;
	render_topology_detour_from(a, own, rt, wide);
	if (wide <= 6)
		return;
	render_topology_detour_from(a, own, &narrow, 6);
	if (render_topology_route_hits(a, own, &narrow) < render_topology_route_hits(a, own, rt))
		*rt = narrow;
}

/* What rt costs (render_topology_route_hits) once it meets its routers at
 * their boxes' edges, as it will be drawn: a bend made farther out may
 * turn the way to a router's edge across a box (lesson 08's bot's way in
 * presenter mode at 1920 x 1080 crossed the DNS server's). */
int render_topology_route_hits_edged(const struct render_app *a, const struct render_topology_route_own *own,
                                     const struct render_topology_route *rt)
{
	struct render_topology_route e = *rt;
	render_topology_route_edges(a, &e);
	return render_topology_route_hits(a, own, &e);
}

float render_topology_route_length(const struct render_topology_route *rt)
{
	float d = 0;
	for (int k = 1; k < rt->n; k++)
		d += hypotf(rt->x[k] - rt->x[k - 1], rt->y[k] - rt->y[k - 1]);
	return d;
}

/* The detour keeping a visible gap off the boxes of hosts the route does
 * not join -- the line's half width and 6 pixels more than off a name --
 * where that crosses no more than the closer way: a line along a host's
 * edge reads as going through it (review 23: lesson 11's ISP A -> ISP B
 * relay along the attacker's relay server in presenter mode, lesson 12's
 * phishing mail along the spammer's server). */
static void render_topology_detour(const struct render_app *a, const struct render_topology_route_own *own,
                                   struct render_topology_route *rt)
{
	if (!a->place)
		return;
	struct render_topology_route near = *rt;
	render_topology_detour_at(a, own, rt);
	float len = render_topology_route_length(rt);
	int hits = render_topology_route_hits_edged(a, own, rt);
	/* 6 px wider, else 3 (lesson 10's bot's SYN up the DNS server's side
	 * at 1920 x 1080 in presenter mode: 6 px wider went round ISP B's
	 * second router and across both server rooms' regions instead) */
	for (int grow = 6; grow >= 3; grow -= 3) {
		struct render_topology_route_own wide = *own;
		wide.grow = grow;
		struct render_topology_route far = near;
		render_topology_detour_at(a, &wide, &far);
		/* not a long way round for a few pixels' gap */
		if (render_topology_route_length(&far) <= len * 1.2f && render_topology_route_hits_edged(a, own, &far) <= hits) {
			*rt = far;
			return;
		}
	}
}

/* How many still things a segment of rt passes through (grow -1: not
 * just along an edge, as test_render_place counts them; more: within grow
 * pixels of them), its own apart. */
static int render_topology_route_hits_of(const struct render_app *a, const struct render_topology_route_own *own,
                                         const struct render_topology_route *rt, int grow, int kind)
{
	int n = 0;
	struct render_topology_route_own seg = *own;
	uint32_t wires = render_topology_wires_on(a, rt);
	for (size_t i = 0; i < a->place->nlab; i++) {
		if (kind >= 0 && (int)a->place->lab[i].kind != kind)
			continue;
		SDL_Rect rc = a->place->lab[i].rc, in = { rc.x - grow, rc.y - grow, rc.w + 2 * grow, rc.h + 2 * grow };
		for (int k = 1; k < rt->n; k++) {
			seg.at = render_topology_route_leg(a, rt, k);   /* its own on the legs that meet it */
			if (wires >> k & 1)
				continue;
			if (render_topology_route_obstacle(a, &seg, i) &&
			    (render_topology_route_bent_in(in, rt, k) ||
			     (!render_topology_route_inside(in, rt->x[k - 1], rt->y[k - 1]) &&
			      !render_topology_route_inside(in, rt->x[k], rt->y[k]) &&
			      render_topology_route_cuts(in, rt->x[k - 1], rt->y[k - 1], rt->x[k], rt->y[k])))) {
				n++;
				break;
			}
		}
	}
	return n;
}

static int render_topology_route_hits_by(const struct render_app *a, const struct render_topology_route_own *own,
                                         const struct render_topology_route *rt, int grow)
{
	return render_topology_route_hits_of(a, own, rt, grow, -1);
}

/* How many routers a way passes close by that it does not go through: a
 * line within a few of its widths of a router's box reads as going
 * through it (lesson 13 at 1280 x 720 in presenter mode: the straight
 * way from the service's router to ISP B's ran past ISP C's border
 * router, as if the newsletter went through ISP C, and never crossed the
 * Internet). */
static int render_topology_route_by_routers(const struct render_app *a, const struct render_topology_route_own *own,
                                            const struct render_topology_route *rt)
{
	return render_topology_route_hits_of(a, own, rt, 3 * a->panels.line, RENDER_TOPOLOGY_ROUTER);
}

/* What a way costs: the still things it passes through, then, with
 * presenter mode's thick lines, those its drawn line touches (lesson 13's
 * relay at 1280 x 720 ran along the DNS server's edges, between the
 * Internet's link dots under its box). */
int render_topology_route_hits(const struct render_app *a, const struct render_topology_route_own *own,
                               const struct render_topology_route *rt)
{
	int n = render_topology_route_hits_by(a, own, rt, -1);
	if (render_topology_route_margin(a) <= 6)
		return n;
	int edge = (int)((float)a->panels.line * 2.5f / 2);
	return 64 * n + render_topology_route_hits_by(a, own, rt, edge);
}

/* Into own->reg and own->foreign, the regions of the networks that a
 * leg of the route does not pass through in reality (leg 0 its client's
 * network, leg nh its server's, each between its network between two
 * routers), a few pixels in from their edges so that a way along an edge
 * or from a link's dot on it stays clear; not a region that holds the
 * leg's network (nested by design). */
static void render_topology_route_regions(const struct render_app *a, int client, int server, const int *hop, int nh,
                                          struct render_topology_route_own *own)
{
	const struct scenario *sc = a->sc;
	int nn = sc->nnets < RENDER_TOPOLOGY_MAX_REGIONS ? sc->nnets : RENDER_TOPOLOGY_MAX_REGIONS;
	own->nreg = 0;
	own->leg = -1;
	for (int n = 0; n < nn; n++) {
		SDL_Rect rn = render_layout_net_rect(&a->layout, n), in = { rn.x + 3, rn.y + 3, rn.w - 6, rn.h - 6 };
		unsigned foreign = 0;
		for (int leg = 0; leg <= nh && leg < 32; leg++) {
			int on[2] = { -1, -1 };   /* the leg's networks */
			if (leg == 0 && client >= 0 && client < sc->nhosts)
				on[0] = sc->hosts[client].net;
			if (leg == nh && server >= 0 && server < sc->nhosts)
				on[1] = sc->hosts[server].net;
			if (leg > 0 && leg < nh)
				on[0] = render_topology_route_between(sc, hop[leg - 1], hop[leg]);
			int mine = 0;
			for (int e = 0; e < 2 && !mine; e++) {
				SDL_Rect ro = on[e] >= 0 ? render_layout_net_rect(&a->layout, on[e]) : (SDL_Rect){ 0, 0, 0, 0 };
				mine = on[e] == n || (on[e] >= 0 && ro.x >= rn.x && ro.y >= rn.y && ro.x + ro.w <= rn.x + rn.w &&
				                      ro.y + ro.h <= rn.y + rn.h);
			}
			foreign |= (unsigned)!mine << leg;
		}
		if (foreign && in.w > 0 && in.h > 0) {
			own->reg[own->nreg] = in;
			own->foreign[own->nreg++] = foreign;
		}
	}
}

/* How near the route's first leg comes to its last, sampled every 2 px
 * along the first (1e9 with fewer than two routers, where the two legs
 * meet at the one router). */
static float render_topology_route_legs_near(const struct render_app *a, const struct render_topology_route *rt)
{
	int last = render_topology_route_leg(a, rt, rt->n), end0 = 1, from = rt->n - 1;
	float least = 1e9f;
	if (last < 2)
		return least;
	while (end0 < rt->n && render_topology_route_leg(a, rt, end0) == 0)
		end0++;   /* segments 1 .. end0 - 1: the first leg */
	while (from > 1 && render_topology_route_leg(a, rt, from - 1) == last)
		from--;   /* segments from .. n - 1: the last */
	for (int k = 1; k < end0; k++) {
		float x1 = rt->x[k - 1], y1 = rt->y[k - 1], dx = rt->x[k] - x1, dy = rt->y[k] - y1;
		int steps = (int)(hypotf(dx, dy) / 2) + 1;
		for (int s = 0; s <= steps; s++) {
			SDL_Rect pt = { (int)lroundf(x1 + dx * (float)s / (float)steps), (int)lroundf(y1 + dy * (float)s / (float)steps),
					1, 1 };
			for (int j = from; j < rt->n; j++)
				least = fminf(least, render_topology_route_clearance(pt, rt->x[j - 1], rt->y[j - 1], rt->x[j], rt->y[j]));
		}
	}
	return least;
}

/* Presenter mode's regions are laid out for their boxes (render_region),
 * its routers where there is room: a way through the networks between
 * routers may cut across the region of a network it does not pass
 * through (lesson 06's relay from ISP A to ISP B ran down through ISP
 * C's customers to ISP B's router at 1280 x 720), which reads as if it
 * went there.  Such a route is bent round those regions as well, where
 * that crosses fewer of them and no more boxes or names: first with its
 * ends too along its first and last routers' lines to the client's and
 * the server's networks (lesson 12 at 1280 x 720 in English: ISP B's
 * router stands on its customers' region, and the phishing mail ran from
 * it down through "ISP B customers" to ISP B's servers, beside the
 * router's own line to them down the region's edge), then through the
 * networks between, then straight. */
static void render_topology_route_off_regions(const struct render_app *a, int client, int server, const int *hop,
                                              int nh, struct render_topology_route *rt,
                                              struct render_topology_route_own *own)
{
	render_topology_route_regions(a, client, server, hop, nh, own);
	int through = render_topology_route_through(a, own, rt);
	if (!through)
		return;
	struct render_topology_route_own bare = *own;
	bare.nreg = 0;
	int hits = render_topology_route_hits_by(a, &bare, rt, -1);
	for (int links = 2; links >= 0 && through; links--) {
		struct render_topology_route way;
		struct render_topology_route_own mine;
		render_topology_route_points(a, client, server, hop, nh, links, &way, &mine);
		mine.nmark = own->nmark;
		memcpy(mine.mark, own->mark, sizeof mine.mark);
		memcpy(mine.mark_owner, own->mark_owner, sizeof mine.mark_owner);
		render_topology_route_regions(a, client, server, hop, nh, &mine);
		render_topology_detour(a, &mine, &way);
		int t = render_topology_route_through(a, &mine, &way);
		/* with its ends along the routers' lines, its first and last legs
		 * apart: side by side they read as one line, the mail going
		 * straight from its client to its server (lesson 12 at 1280 x 720
		 * in English: the phishing mail's way up beside the data centre
		 * and ISP B's line down the same gap, joined by the phishers'
		 * server, as if it never crossed the Internet; an acceptance look) */
		if (links > 1 && render_topology_route_legs_near(a, &way) < 2.0f * (float)render_topology_route_margin(a))
			continue;
		mine.nreg = 0;
		if (t < through && render_topology_route_hits_by(a, &mine, &way, -1) <= hits) {
			*rt = way;
			through = t;
		}
	}
}

static void render_topology_route_make_by(const struct render_app *a, int client, int server, const int *routers,
                                          int nr, struct render_topology_route *rt, int bend, int marks,
                                          struct render_topology_route_own *mine)
{
	const struct scenario *sc = a->sc;
	struct render_topology_route_own own;
	int hop[RENDER_TOPOLOGY_MAX_POINTS] = { 0 }, nh = 0;
	for (int i = 0; i < nr && nh < RENDER_TOPOLOGY_MAX_POINTS / 3 - 1; i++)
		if (routers[i] >= 0 && routers[i] < sc->nrouters)
			hop[nh++] = routers[i];
	render_topology_route_points(a, client, server, hop, nh, 1, rt, &own);
	if (marks)
		render_topology_route_marks(a, &own);
	if (!bend || !a->place) {
		render_topology_route_edges(a, rt);
		return;
	}
	render_topology_detour(a, &own, rt);
	int left = nh < 2 ? 0 : render_topology_route_hits(a, &own, rt);
	if (left) {
		/* A map too crowded for the way through the network between
		 * routers (presenter mode at 1280 x 720 hides the Internet's box
		 * under others): the straight way, if it crosses less. */
		struct render_topology_route direct;
		render_topology_route_points(a, client, server, hop, nh, 0, &direct, &own);
		if (marks)
			render_topology_route_marks(a, &own);
		render_topology_detour(a, &own, &direct);
		int by = render_topology_route_by_routers(a, &own, rt), by_direct = render_topology_route_by_routers(a, &own, &direct);
		if (render_topology_route_hits(a, &own, &direct) + 32 * by_direct < left + 32 * by)
			*rt = direct;
	}
	if (a->presenter && a->layout.present) {
		render_topology_route_off_regions(a, client, server, hop, nh, rt, &own);
		render_topology_route_ease(a, &own, rt);
	}
	/* the ends at the routers' boxes last, facing the bends made */
	render_topology_route_edges(a, rt);
	if (mine)
		*mine = own;
}

/* In presenter mode the route also kept off the link dots and lines of
 * the routers it does not pass through (issue 11: lesson 03's relay ran
 * through ISP C's router's dot at 1280 x 720), where that crosses fewer
 * of them and passes through no more boxes, names or regions than the
 * way that does not look at them. */
static void render_topology_route_make(const struct render_app *a, int client, int server, const int *routers,
                                       int nr, struct render_topology_route *rt, int bend)
{
	struct render_topology_route_own own;
	render_topology_route_make_by(a, client, server, routers, nr, rt, bend, 0, NULL);
	if (!bend || !a->place || !a->presenter || !a->layout.present)
		return;
	struct render_topology_route off;
	render_topology_route_make_by(a, client, server, routers, nr, &off, bend, 1, &own);
	int m0, h0, m1, h1;
	render_topology_route_costs(a, &own, rt, &m0, &h0);
	render_topology_route_costs(a, &own, &off, &m1, &h1);
	if (m1 < m0 && h1 <= h0)
		*rt = off;
}

/* The route as render_topology_route_make builds it: remembered
 * (render_route_memo) under everything it is built from.  With
 * MAILSIM_ROUTE_MEMO_CHECK set, every remembered route is built again and
 * compared, as a test of the key. */
static void render_topology_route_build(const struct render_app *a, int client, int server, const int *routers,
                                        int nr, struct render_topology_route *rt, int bend)
{
	uint64_t key = render_route_memo_key(a, client, server, routers, nr, bend);
	if (render_route_memo_get(a->route_memo, key, rt)) {
		if (getenv("MAILSIM_ROUTE_MEMO_CHECK")) {
			struct render_topology_route fresh;
			memset(&fresh, 0, sizeof fresh);
			render_topology_route_make(a, client, server, routers, nr, &fresh, bend);
			int same = fresh.n == rt->n && fresh.blocked == rt->blocked;
			for (int i = 0; same && i < rt->n; i++)
				same = fresh.x[i] == rt->x[i] && fresh.y[i] == rt->y[i] && fresh.node[i] == rt->node[i];
			if (!same)
				PANIC("remembered route %d -> %d differs from a fresh one", client, server);
		}
		return;
	}
	render_topology_route_make(a, client, server, routers, nr, rt, bend);
	render_route_memo_put(a->route_memo, key, rt);
}

void render_topology_route_hosts(const struct render_app *a, int client, int server, const int *routers, int nr,
                                 struct render_topology_route *rt)
{
	render_topology_route_build(a, client, server, routers, nr, rt, 1);
}

int render_topology_stopped(const struct sim_conn *c)
{
	return c->blocked_at >= 0 && !(c->in_flight && c->to_server);
}

/* The fraction of rt's length at which node stands (a router: where the
 * route reaches its box's edge), 1 if it is not on it. */
static float render_topology_route_reach(const struct render_topology_route *rt, int node)
{
	float total = 0, at = -1;
	for (int i = 1; i < rt->n; i++) {
		total += hypotf(rt->x[i] - rt->x[i - 1], rt->y[i] - rt->y[i - 1]);
		if (at < 0 && i + 1 < rt->n && rt->node[i] == RENDER_TOPOLOGY_EDGE && rt->node[i + 1] == node)
			at = total;
		if (at < 0 && rt->node[i] == node)
			at = total;
	}
	return at < 0 || total <= 0 ? 1.0f : at / total;
}

void render_topology_route_of(const struct render_app *a, const struct sim_conn *c,
                              struct render_topology_route *rt)
{
	int routers[RENDER_TOPOLOGY_MAX_POINTS], nr = 0, blocked = 0;
	int stopped = render_topology_stopped(c);
	for (int i = 0; i < c->npath && nr < RENDER_TOPOLOGY_MAX_POINTS - 2; i++) {
		routers[nr++] = c->path[i];
		if (stopped && c->path[i] == c->blocked_at) {
			blocked = 1;
			break;
		}
	}
	/* Built for the ends' boxes: the machines of a group stand in their
	 * leader's box and share its routes, so that a busy scene of few ways
	 * (lesson 09's hundreds of bots) builds each once and bends it round
	 * the boxes it does not use as a quiet one does (its straight lines
	 * ran under the DNS server's box); one of many ways (a thousand
	 * hosts) keeps its straight lines.  The ends named again after. */
	int cl = render_layout_leader(a->sc, c->client);
	int sv = blocked || c->server < 0 || c->server >= a->sc->nhosts ? -1 : render_layout_leader(a->sc, c->server);
	render_topology_route_build(a, cl, sv, routers, nr, rt,
				    a->nfconn <= RENDER_TOPOLOGY_LABEL_MAX || a->fways <= RENDER_TOPOLOGY_LABEL_MAX);
	if (rt->n > 0 && rt->node[0] == cl)
		rt->node[0] = c->client;
	if (sv >= 0 && rt->n > 1 && rt->node[rt->n - 1] == sv)
		rt->node[rt->n - 1] = c->server;
	rt->blocked = blocked;
	if (c->blocked_at >= 0)   /* its SYN dies there (or will): at the box's edge */
		rt->reach = render_topology_route_reach(rt, a->sc->nhosts + c->blocked_at);
}

int render_topology_route_ways(const struct render_app *a)
{
	int way[RENDER_TOPOLOGY_LABEL_MAX + 1][3], n = 0;
	for (size_t i = 0; i < a->nfconn && n <= RENDER_TOPOLOGY_LABEL_MAX; i++) {
		const struct sim_conn *c = &a->fconn[i];
		int w[3] = { render_layout_leader(a->sc, c->client), render_layout_leader(a->sc, c->server), c->blocked_at };
		int k = 0;
		while (k < n && (way[k][0] != w[0] || way[k][1] != w[1] || way[k][2] != w[2]))
			k++;
		if (k == n)
			memcpy(way[n++], w, sizeof w);
	}
	return n;
}

int render_topology_store_route(const struct render_app *a, const struct sim_conn *c,
                                struct render_topology_route *rt)
{
	const struct scenario *sc = a->sc;
	if (c->proto != PROTO_POP3 && c->proto != PROTO_IMAP)
		return 0;
	int sv = render_layout_leader(sc, c->server);
	if (sv < 0 || sv >= sc->nhosts)
		return 0;
	int store = sc->hosts[sv].mailstore;
	if (store < 0 || store >= sc->nhosts || render_layout_leader(sc, store) == sv)
		return 0;
	render_topology_route_hosts(a, sv, render_layout_leader(sc, store), NULL, 0, rt);
	return rt->n >= 2;
}

/* Does a w x h rectangle centred at (x, y) cover a still thing (piles
 * excepted) or what is drawn over them so far? */
static int render_topology_route_covers(const struct render_app *a, float x, float y, int w, int h)
{
	SDL_Rect rc = { (int)(x + 0.5f) - w / 2, (int)(y + 0.5f) - h / 2, w, h }, ix;
	for (size_t i = 0; i < a->place->nlab; i++)
		if (a->place->lab[i].kind != RENDER_TOPOLOGY_PILE && SDL_IntersectRect(&rc, &a->place->lab[i].rc, &ix))
			return 1;
	for (size_t i = 0; i < a->place->nover; i++)
		if (SDL_IntersectRect(&rc, &a->place->over[i].rc, &ix))
			return 1;
	/* and the labels this frame placed so far: a route's port ("SMTP 587
	 * TLS", "LMTP 24") was hidden by the letter waiting beside it */
	for (size_t i = 0; i < a->ntaken; i++)
		if (SDL_IntersectRect(&rc, &a->taken[i], &ix))
			return 1;
	return 0;
}

float render_topology_clear_along(const struct render_app *a, const struct render_topology_route *rt, float f,
                                  int w, int h, float lo, float hi)
{
	if (!a->place || rt->n < 2)
		return -1;
	float cum[RENDER_TOPOLOGY_MAX_POINTS];   /* the length up to each point */
	cum[0] = 0;
	for (int i = 1; i < rt->n; i++)
		cum[i] = cum[i - 1] + hypotf(rt->x[i] - rt->x[i - 1], rt->y[i] - rt->y[i - 1]);
	float total = cum[rt->n - 1];
	if (total < 1)
		return -1;
	float step = 2.0f / total;
	for (int i = 0; i * step <= hi - lo + step; i++)
		for (int side = 0; side < 2; side++) {
			float g = side ? f - (float)i * step : f + (float)i * step;
			if (g < lo || g > hi || (i == 0 && side))
				continue;
			float want = g * total, x = rt->x[rt->n - 1], y = rt->y[rt->n - 1];
			for (int k = 1; k < rt->n; k++)
				if (want <= cum[k] && cum[k] > cum[k - 1]) {
					float t = (want - cum[k - 1]) / (cum[k] - cum[k - 1]);
					x = rt->x[k - 1] + (rt->x[k] - rt->x[k - 1]) * t;
					y = rt->y[k - 1] + (rt->y[k] - rt->y[k - 1]) * t;
					break;
				}
			if (!render_topology_route_covers(a, x, y, w, h))
				return g;
		}
	return -1;
}

/* The point at fraction f (0..1) of the route's length. */
void render_topology_along(const struct render_topology_route *rt, float f, float *x, float *y)
{
	float total = 0;
	for (int i = 1; i < rt->n; i++)
		total += hypotf(rt->x[i] - rt->x[i - 1], rt->y[i] - rt->y[i - 1]);
	float want = f * total;
	for (int i = 1; i < rt->n; i++) {
		float seg = hypotf(rt->x[i] - rt->x[i - 1], rt->y[i] - rt->y[i - 1]);
		if (want <= seg && seg > 0) {
			*x = rt->x[i - 1] + (rt->x[i] - rt->x[i - 1]) * want / seg;
			*y = rt->y[i - 1] + (rt->y[i] - rt->y[i - 1]) * want / seg;
			return;
		}
		want -= seg;
	}
	*x = rt->x[rt->n - 1];
	*y = rt->y[rt->n - 1];
}

void render_topology_packet_xy(const struct render_topology_route *rt, const struct sim_conn *c, int64_t now,
                               float *x, float *y)
{
	float f = render_topology_fraction(c, now);
	render_topology_along(rt, rt->reach * (c->to_server ? f : 1.0f - f), x, y);
}

float render_topology_fraction(const struct sim_conn *c, int64_t now)
{
	if (c->t_arrive <= c->t_sent)
		return 1.0f;
	float f = (float)(now - c->t_sent) / (float)(c->t_arrive - c->t_sent);
	return f < 0 ? 0 : f > 1 ? 1 : f;
}
