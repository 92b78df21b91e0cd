/* render_region_hunt — where presenter mode puts each router: the
 * search over the map for the spot that costs least, router by router,
 * in the order render_region_wires picks (internal to render_region). */
#include "render_region_work.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The search for one router's place (render_region_place_routers): the
 * best spot so far, and where it would go without the edge and line
 * rules (best0, for w->shifted).  seed: the cost of a spot the scan will
 * also visit (render_region_seed), so a spot costing more cannot win. */
struct render_region_hunt {
	const struct scenario *sc;
	const unsigned char *placed;
	int r, strict;
	float tx, ty;          /* where the router would go by its networks */
	float seed, best, best0, bx, by, bx0, by0;
};

/* Is a spot costing at least d (so far) out of the running?  A spot as
 * good as the best is: the scan keeps the first of equals.  One costing
 * the seed is not, as the seed's own spot may come later. */
static int render_region_beaten(const struct render_region_hunt *h, float d)
{
	return h->best >= 0 ? d >= h->best : h->seed >= 0 && d > h->seed;
}

/* Weigh the spot (x, y) for h's router: how far from where its networks
 * moved it and from them, then what it covers, then whether it is inside
 * one of its networks, just in a backbone's edge, on another router's
 * line, or its own lines run through another network -- each asked only
 * while the spot can still win. */
static void render_region_spot(const struct render_region_work *w, struct render_region_hunt *h, float x, float y)
{
	const struct scenario *sc = h->sc;
	int r = h->r;
	float d = (x - h->tx) * (x - h->tx) + (y - h->ty) * (y - h->ty);
	if (render_region_beaten(h, d))
		return;
	float reach = render_region_reach(w, sc, r, x, y);
	d += RENDER_REGION_REACH * reach * reach;
	if (render_region_beaten(h, d))
		return;
	float foreign = render_region_router_covers(w, sc, r, x, y, h->strict, h->placed);
	/* on a region it does not join only if nowhere else */
	d += foreign > 0 ? 1e7f + foreign * 100 : 0;
	d += render_region_router_inside(w, sc, r, x, y) ? RENDER_REGION_INSIDE : 0;
	int may = foreign >= 0 && !(foreign > 0 && h->strict);
	if (may && (h->best0 < 0 || d < h->best0)) {   /* where it would go without the rules below */
		h->best0 = d;
		h->bx0 = x;
		h->by0 = y;
	}
	d += !w->bare && render_region_on_edge(w, sc, r, x, y) ? RENDER_REGION_EDGE : 0;
	if (render_region_beaten(h, d))
		return;
	d += !w->bare && render_region_on_line(w, sc, r, x, y, h->placed) ? RENDER_REGION_EDGE : 0;
	if (render_region_beaten(h, d))
		return;
	d += !w->bare && render_region_line_through(w, sc, r, x, y, h->placed) ? RENDER_REGION_EDGE : 0;
	if (!may || render_region_beaten(h, d))
		return;
	h->best = d;
	h->bx = x;
	h->by = y;
}

/* The spots of in, every step pixels from its top-left (as the scan
 * steps, the same floats), every stride-th of them across and down. */
static void render_region_scan(const struct render_region_work *w, struct render_region_hunt *h,
                               struct render_region_rect in, float step, int stride)
{
	int node = w->nh + h->r, row = 0;
	for (float y = in.y; y + w->off[node][3] <= in.y + in.h; y += step, row++) {
		if (row % stride || render_region_beaten(h, (y - h->ty) * (y - h->ty)))
			continue;
		int col = 0;
		for (float x = in.x; x + w->off[node][2] <= in.x + in.w; x += step, col++)
			if (col % stride == 0)
				render_region_spot(w, h, x, y);
	}
}

/* Each router where its networks moved it (across with all, up or down
 * with those but the backbone) or in the room kept for it
 * (render_region_slot; those with one first, then w->first if it has
 * none, then the rest), then at the nearest place
 * (nearer where they meet, farther inside one, along a backbone's edge
 * or on another router's line) that covers nothing (..._covers) --
 * unless strict: then on the name's band of a network it joins, or if
 * nowhere else, on the least of the regions of networks it does not join;
 * returns how many have no such place.  The places are tried on a 4 px
 * grid, the first of equals kept.  Every eighth across and down is tried
 * first: the best of those bounds what the whole grid needs to ask, which
 * took most of a presenter window's first frame (the grid covers the map). */
int render_region_place_routers(struct render_region_work *w, const struct scenario *sc,
                                       struct render_region_rect in, int strict)
{
	int stuck = 0;
	w->shifted = 0;
	unsigned char *placed = xcalloc((size_t)w->nr + 1, 1);
	/* those with a room of their own first */
	for (int i = 0; i < 3 * w->nr; i++) {
		int r = i % w->nr, node = w->nh + r, nall = 0, nhome = 0, pass = i / w->nr;
		if (pass == 0 ? w->slot[r] < 0 : w->slot[r] >= 0 || (pass == 1) != (r == w->first))
			continue;
		placed[r] = 1;
		w->at[node][0] = w->at0[node][0];
		w->at[node][1] = w->at0[node][1];
		float dx = 0, dy = 0, hy = 0;
		for (int k = 0; k < sc->routers[r].nlinks; k++) {
			int n = sc->routers[r].links[k].net;
			if (n < 0 || n >= w->nnets)
				continue;
			struct render_region_rect les = w->lesson[n], now = w->net[n];
			float my = now.y + now.h / 2 - les.y - les.h / 2;
			dx += now.x + now.w / 2 - les.x - les.w / 2;
			dy += my;
			nall++;
			if (sc->nets[n].kind != NET_KIND_BACKBONE) {
				hy += my;
				nhome++;
			}
		}
		if (nall) {
			w->at[node][0] += dx / (float)nall;
			w->at[node][1] += nhome ? hy / (float)nhome : dy / (float)nall;
		}
		if (w->off[node][2] <= 0)
			continue;
		float tx = w->at[node][0] + w->off[node][0], ty = w->at[node][1] + w->off[node][1];
		if (w->slot[r] >= 0) {
			render_region_slot_at(w, sc, r, &tx, &ty);
			w->at[node][0] = tx - w->off[node][0];
			w->at[node][1] = ty - w->off[node][1];
		}
		struct render_region_hunt h = { sc, placed, r, strict, tx, ty, -1, -1, -1, tx, ty, tx, ty };
		struct render_region_hunt seed = h;
		render_region_scan(w, &seed, in, 4, 8);
		h.seed = seed.best;
		render_region_scan(w, &h, in, 4, 1);
		w->at[node][0] += h.bx - tx;
		w->at[node][1] += h.by - ty;
		stuck += h.best < 0;
		w->shifted |= h.best >= 0 && (h.bx != h.bx0 || h.by != h.by0);
	}
	free(placed);
	return stuck;
}

