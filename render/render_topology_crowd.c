/* render_topology_crowd — the crowding measures of the map: which
 * regions are foreign to a point or a router, how much of a candidate
 * label's place is already taken (host and router boxes, rule chips,
 * labels placed this frame), whether a line or a tie would cross any of
 * it, and the pick of the least crowded candidate.  What moves (labels,
 * tags, letters, ties) asks here before it is drawn; render_topology.h
 * declares them. */
#include <math.h>

#include "render_app.h"
#include "render_topology.h"
#include "util.h"

int render_topology_foreign(const struct render_app *a, SDL_Point at, SDL_Rect *out, int max)
{
	int n = 0;
	for (int k = 0; k < a->sc->nnets && n < max; k++) {
		SDL_Rect r = render_layout_net_rect(&a->layout, k);
		if (r.w > 0 && r.h > 0 && !SDL_PointInRect(&at, &r))
			out[n++] = r;
	}
	return n;
}

int render_topology_router_foreign(const struct render_app *a, int r, SDL_Rect *out, int max)
{
	if (r < 0 || r >= a->sc->nrouters)
		return 0;
	const struct sc_router *ro = &a->sc->routers[r];
	int n = 0;
	for (int k = 0; k < a->sc->nnets && n < max; k++) {
		SDL_Rect rk = render_layout_net_rect(&a->layout, k), ix;
		int mine = 0;
		for (int l = 0; l < ro->nlinks && !mine; l++) {
			/* a network it links to, or a region holding one's (nested
			 * by design) */
			SDL_Rect rl = render_layout_net_rect(&a->layout, ro->links[l].net);
			mine = ro->links[l].net == k || (SDL_IntersectRect(&rk, &rl, &ix) && SDL_RectEquals(&ix, &rl));
		}
		if (rk.w > 0 && rk.h > 0 && !mine)
			out[n++] = rk;
	}
	return n;
}

/* What is already on the map where a label would go (render_topology.h). */
long render_topology_crowded(const struct render_app *a, SDL_Rect rc)
{
	long area = 0;
	SDL_Rect x;
	for (size_t i = 0; i < a->nhits; i++) {
		const struct render_app_hitbox *h = &a->hits[i];
		if ((h->kind == RENDER_APP_HIT_HOST || h->kind == RENDER_APP_HIT_ROUTER ||
		     h->kind == RENDER_APP_HIT_RULE) && SDL_IntersectRect(&rc, &h->rc, &x))
			area += (long)x.w * x.h + 1;
	}
	for (size_t i = 0; i < a->ntaken; i++)
		if (SDL_IntersectRect(&rc, &a->taken[i], &x))
			area += (long)x.w * x.h + 1;
	/* Cut off by the panel's edge is as bad as hidden. */
	long inside = SDL_IntersectRect(&rc, &a->panels.topo, &x) ? (long)x.w * x.h : 0;
	return area + (long)rc.w * rc.h - inside;
}

int render_topology_segment_crowded(const struct render_app *a, float x0, float y0, float x1, float y1,
                                    SDL_Rect from, SDL_Rect to, int skip_host)
{
	int steps = (int)(hypotf(x1 - x0, y1 - y0) / 4) + 1;
	for (int k = 0; k <= steps; k++) {
		SDL_Point pt = { (int)(x0 + (x1 - x0) * (float)k / (float)steps),
				 (int)(y0 + (y1 - y0) * (float)k / (float)steps) };
		if (SDL_PointInRect(&pt, &from) || SDL_PointInRect(&pt, &to))
			continue;
		for (size_t i = 0; i < a->nhits; i++) {
			const struct render_app_hitbox *h = &a->hits[i];
			if ((h->kind == RENDER_APP_HIT_HOST && h->a != skip_host) || h->kind == RENDER_APP_HIT_ROUTER ||
			    h->kind == RENDER_APP_HIT_RULE)
				if (SDL_PointInRect(&pt, &h->rc))
					return 1;
		}
		for (size_t i = 0; i < a->ntaken; i++)
			if (SDL_PointInRect(&pt, &a->taken[i]))
				return 1;
	}
	return 0;
}

int render_topology_tie_crowded(const struct render_app *a, float x0, float y0, float x1, float y1, SDL_Rect from,
                                SDL_Rect to)
{
	if (render_topology_segment_crowded(a, x0, y0, x1, y1, from, to, -1))
		return 1;
	float len = hypotf(x1 - x0, y1 - y0), hw = (float)a->panels.line / 2;
	float e = hw + 2;   /* its ends, where it is tied, aside */
	if (len <= 2 * e)
		return 0;
	float ux = (x1 - x0) / len, uy = (y1 - y0) / len;
	/* A box's corner clipped between two of the samples above (lesson 13
	 * at 30.02 s, 1280 x 720: "SMTP 587 TLS" tied across the newsletter
	 * system's corner): the segment itself, but for a box it starts or
	 * ends in; nor across a network's name or range (lesson 07 at 40.39 s
	 * in presenter mode: the 550's tie across "ISP B servers"). */
	SDL_Point p0 = { (int)lroundf(x0), (int)lroundf(y0) }, p1 = { (int)lroundf(x1), (int)lroundf(y1) };
	for (size_t i = 0; a->place && i < a->place->nlab; i++) {
		const struct render_topology_label *l = &a->place->lab[i];
		if (l->kind != RENDER_TOPOLOGY_HOST && l->kind != RENDER_TOPOLOGY_ROUTER && l->kind != RENDER_TOPOLOGY_CHIPS &&
		    l->kind != RENDER_TOPOLOGY_NET_NAME && l->kind != RENDER_TOPOLOGY_NET_RANGE)
			continue;
		if (SDL_PointInRect(&p0, &l->rc) || SDL_PointInRect(&p1, &l->rc))
			continue;
		/* a name's rect grown by the line's half width: a tie passing a
		 * pixel above "ISP B servers" still lay on it */
		int g = l->kind >= RENDER_TOPOLOGY_NET_NAME ? (int)ceilf(hw) : 0;
		SDL_Rect in = { l->rc.x - g, l->rc.y - g, l->rc.w + 2 * g, l->rc.h + 2 * g };
		int a1 = p0.x, b1 = p0.y, a2 = p1.x, b2 = p1.y;
		if (SDL_IntersectRectAndLine(&in, &a1, &b1, &a2, &b2))
			return 1;
	}
	for (int side = -1; side <= 1; side += 2) {
		float ox = -uy * hw * (float)side, oy = ux * hw * (float)side;
		if (render_topology_segment_crowded(a, x0 + ux * e + ox, y0 + uy * e + oy, x1 - ux * e + ox, y1 - uy * e + oy,
						    from, to, -1))
			return 1;
	}
	return 0;
}

void render_topology_take(struct render_app *a, SDL_Rect rc)
{
	if (a->ntaken == a->captaken) {
		a->captaken = a->captaken ? a->captaken * 2 : 64;
		a->taken = xrealloc(a->taken, a->captaken * sizeof *a->taken);
	}
	a->taken[a->ntaken++] = rc;
}

int render_topology_pick(const struct render_app *a, const SDL_Rect *cand, int n)
{
	int pick = 0;
	long best = -1;
	for (int i = 0; i < n; i++) {
		long sc = render_topology_crowded(a, cand[i]);
		if (sc == 0)
			return i;
		if (best < 0 || sc < best) {
			best = sc;
			pick = i;
		}
	}
	return pick;
}

int render_topology_pick_off(const struct render_app *a, const SDL_Rect *cand, int n, const SDL_Rect *off, int noff)
{
	for (int i = 0; i < n; i++) {
		SDL_Rect ix;
		int on = 0;
		for (int k = 0; k < noff && !on; k++)
			on = SDL_IntersectRect(&cand[i], &off[k], &ix);
		if (!on && render_topology_crowded(a, cand[i]) == 0)
			return i;
	}
	return -1;
}
