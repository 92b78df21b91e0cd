/* render_spread — pushing overlapping boxes apart (see render_spread.h). */
#include "render_spread.h"

#include <math.h>
#include <string.h>

#include "render_app.h"
#include "render_links.h"
#include "render_topology.h"

#define RENDER_SPREAD_ROUNDS 80

void render_spread_offset(const struct render_app *a, int node, float *dx, float *dy)
{
	*dx = *dy = 0;
	if (a->spread && node >= 0 && (size_t)node < a->nspread) {
		*dx = a->spread[node][0];
		*dy = a->spread[node][1];
	}
}

/* Keep a box inside the rectangle it belongs in (its network's region, or
 * the picture), as far as it fits. */
static void render_spread_clamp(float *off, SDL_Rect box, SDL_Rect in)
{
	float x = (float)box.x + off[0], y = (float)box.y + off[1];
	if (box.w <= in.w) {
		if (x < (float)in.x)
			off[0] += (float)in.x - x;
		else if (x + (float)box.w > (float)(in.x + in.w))
			off[0] -= x + (float)box.w - (float)(in.x + in.w);
	}
	if (box.h <= in.h) {
		if (y < (float)in.y)
			off[1] += (float)in.y - y;
		else if (y + (float)box.h > (float)(in.y + in.h))
			off[1] -= y + (float)box.h - (float)(in.y + in.h);
	}
}

/* One round: every overlapping pair moves apart along the axis with less
 * overlap (after half the rounds, when a box is squeezed between two
 * others, along the other one), by half the overlap each -- a router, which
 * may stand anywhere, by all of it when its pair is a host, which must stay
 * in its network.  Returns 1 if something overlapped. */
static int render_spread_round(struct render_app *a, const int *node, const SDL_Rect *box, const SDL_Rect *in,
                               int n, int late)
{
	int nh = a->sc->nhosts;
	const float gap = 6;
	int moved = 0;
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++) {
			float *oi = a->spread[node[i]], *oj = a->spread[node[j]];
			float ax = (float)box[i].x + oi[0], ay = (float)box[i].y + oi[1];
			float bx = (float)box[j].x + oj[0], by = (float)box[j].y + oj[1];
			float ox = fminf(ax + (float)box[i].w, bx + (float)box[j].w) - fmaxf(ax, bx) + gap;
			float oy = fminf(ay + (float)box[i].h, by + (float)box[j].h) - fmaxf(ay, by) + gap;
			if (ox <= 0 || oy <= 0)
				continue;
			moved = 1;
			int axis = (ox < oy) != late ? 0 : 1;
			float d = (axis ? oy : ox) + 1.0f;
			float ci = axis ? ay + (float)box[i].h / 2 : ax + (float)box[i].w / 2;
			float cj = axis ? by + (float)box[j].h / 2 : bx + (float)box[j].w / 2;
			float dir = ci < cj || (ci == cj && i < j) ? -1.0f : 1.0f;
			int ri = node[i] >= nh, rj = node[j] >= nh;
			float wi = ri == rj ? 0.5f : ri ? 1.0f : 0.0f;
			oi[axis] += dir * d * wi;
			oj[axis] -= dir * d * (1.0f - wi);
		}
	for (int i = 0; i < n; i++)
		render_spread_clamp(a->spread[node[i]], box[i], in[i]);
	return moved;
}

/* Does box i (at its offset) overlap another box, gap included? */
static int render_spread_hits(const struct render_app *a, const int *node, const SDL_Rect *box, int n, int i,
                              float dx, float dy)
{
	const float gap = 6;
	float ax = (float)box[i].x + dx, ay = (float)box[i].y + dy;
	for (int j = 0; j < n; j++) {
		if (j == i)
			continue;
		const float *oj = a->spread[node[j]];
		float bx = (float)box[j].x + oj[0], by = (float)box[j].y + oj[1];
		if (ax < bx + (float)box[j].w + gap && bx < ax + (float)box[i].w + gap && ay < by + (float)box[j].h + gap &&
		    by < ay + (float)box[i].h + gap)
			return 1;
	}
	return 0;
}

static long render_spread_foreign(const struct render_app *a, const int *node, const SDL_Rect *box, int i, float dx,
                                  float dy);
static int render_spread_by_own(const struct render_app *a, const int *node, const SDL_Rect *box, int i, float dx,
                                float dy);

/* Box i moved to the top-left corner nearest its offset, on a grid of step
 * pixels within area (where its top-left corner may go, the box whole
 * inside area), where it overlaps no box (and, if home, lies on no other
 * network's region, a router by one of its own); 1 if there was one (a->spread updated). */
static int render_spread_nearest(struct render_app *a, const int *node, const SDL_Rect *box, int n, int i,
                                 SDL_Rect area, int step, int home)
{
	float *oi = a->spread[node[i]];
	float best = -1, bx = 0, by = 0;
	for (int y = area.y; y + box[i].h <= area.y + area.h; y += step)
		for (int x = area.x; x + box[i].w <= area.x + area.w; x += step) {
			float dx = (float)(x - box[i].x), dy = (float)(y - box[i].y);
			float d = (dx - oi[0]) * (dx - oi[0]) + (dy - oi[1]) * (dy - oi[1]);
			if ((best >= 0 && d >= best) || render_spread_hits(a, node, box, n, i, dx, dy) ||
			    (home && (render_spread_foreign(a, node, box, i, dx, dy) ||
				      !render_spread_by_own(a, node, box, i, dx, dy))))
				continue;
			best = d;
			bx = dx;
			by = dy;
		}
	if (best < 0)
		return 0;
	oi[0] = bx;
	oi[1] = by;
	return 1;
}

/* Pushing in pairs has not untangled a crowded picture: each box that
 * still overlaps another (routers first: they may stand anywhere) goes to
 * the nearest place where it overlaps none -- inside its own rectangle if
 * there is one, else anywhere in the picture -- and stays where it is if
 * there is none. */
static void render_spread_settle(struct render_app *a, const int *node, const SDL_Rect *box, const SDL_Rect *in,
                                 int n)
{
	SDL_Rect vp = a->panels.topo;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < n; i++) {
			float *oi = a->spread[node[i]];
			if ((node[i] >= a->sc->nhosts) != (pass == 0) || !render_spread_hits(a, node, box, n, i, oi[0], oi[1]))
				continue;
			for (int wide = 0; wide < 2; wide++) {
				SDL_Rect r = wide ? vp : in[i];
				if (render_spread_nearest(a, node, box, n, i, (SDL_Rect){ r.x + 2, r.y + 2, r.w - 4, r.h - 4 }, 6,
							  0))
					break;
			}
		}
}

/* Pixels of box i (at offset dx, dy) on the regions of networks other
 * than its own: a host's network, or for a router those it links
 * (lesson 12's school router stood on the data centre's region). */
static long render_spread_foreign(const struct render_app *a, const int *node, const SDL_Rect *box, int i, float dx,
                                  float dy)
{
	const struct scenario *sc = a->sc;
	int router = node[i] >= sc->nhosts ? node[i] - sc->nhosts : -1;
	if (router < 0 && sc->hosts[node[i]].net < 0)
		return 0;
	int own = router < 0 ? sc->hosts[node[i]].net : -1;
	SDL_Rect rc = { box[i].x + (int)lroundf(dx), box[i].y + (int)lroundf(dy), box[i].w, box[i].h }, ix;
	SDL_Rect ro = own >= 0 ? render_layout_net_rect(&a->layout, own) : (SDL_Rect){ 0, 0, 0, 0 };
	long area = 0;
	for (int m = 0; m < sc->nnets; m++) {
		SDL_Rect o = render_layout_net_rect(&a->layout, m);
		int mine = router >= 0 ? render_links_joins(a, router, m)
		                       : m == own || (ro.x >= o.x && ro.y >= o.y && ro.x + ro.w <= o.x + o.w &&
		                                      ro.y + ro.h <= o.y + o.h);
		if (!mine && SDL_IntersectRect(&o, &rc, &ix))
			area += (long)ix.w * ix.h;
	}
	return area;
}

/* Does router box i (at offset dx, dy) touch, or lie within a few pixels
 * of, the region of a network it links (always 1 for a host)? */
static int render_spread_by_own(const struct render_app *a, const int *node, const SDL_Rect *box, int i, float dx,
                                float dy)
{
	const struct scenario *sc = a->sc;
	if (node[i] < sc->nhosts)
		return 1;
	const struct sc_router *ro = &sc->routers[node[i] - sc->nhosts];
	int g = (int)(8 * a->panels.s) + 2;
	SDL_Rect rc = { box[i].x + (int)lroundf(dx) - g, box[i].y + (int)lroundf(dy) - g, box[i].w + 2 * g,
			box[i].h + 2 * g }, ix;
	for (int k = 0; k < ro->nlinks; k++) {
		SDL_Rect o = ro->links[k].net >= 0 && ro->links[k].net < sc->nnets
				     ? render_layout_net_rect(&a->layout, ro->links[k].net)
				     : (SDL_Rect){ 0, 0, 0, 0 };
		if (SDL_IntersectRect(&o, &rc, &ix))
			return 1;
	}
	return 0;
}

/* A host pushed onto another network's region reads as that network's,
 * a router standing on the region of a network it does not link as if
 * it belonged there: it goes to the nearest place within a box's size that overlaps no box
 * and lies on no other network's region, if there is one. */
static void render_spread_home(struct render_app *a, const int *node, const SDL_Rect *box, int n)
{
	SDL_Rect vp = a->panels.topo;
	for (int i = 0; i < n; i++) {
		float *oi = a->spread[node[i]];
		if (!render_spread_foreign(a, node, box, i, oi[0], oi[1]))
			continue;
		int reach = box[i].w > box[i].h ? box[i].w : box[i].h;
		SDL_Rect near = { box[i].x + (int)oi[0] - reach, box[i].y + (int)oi[1] - reach, 2 * reach + box[i].w,
				  2 * reach + box[i].h };
		SDL_Rect inside = { vp.x + 2, vp.y + 2, vp.w - 4, vp.h - 4 }, area;
		int moved = SDL_IntersectRect(&near, &inside, &area) && render_spread_nearest(a, node, box, n, i, area, 8, 1);
		/* a router, which may stand anywhere by its networks: farther
		 * (presenter mode's lesson 12 at 1280 x 720 packs ISP A's
		 * border router onto the school's LAN) */
		if (!moved && node[i] >= a->sc->nhosts)
			render_spread_nearest(a, node, box, n, i, inside, 8, 1);
	}
}

void render_spread_apply(struct render_app *a)
{
	const struct scenario *sc = a->sc;
	size_t nn = (size_t)sc->nhosts + (size_t)sc->nrouters;
	if (a->nspread != nn) {
		a->spread = xrealloc(a->spread, (nn + 1) * sizeof *a->spread);
		a->nspread = nn;
	}
	memset(a->spread, 0, (nn + 1) * sizeof *a->spread);
	/* The boxes where the lesson puts them (offsets are zero now). */
	SDL_Rect *box = xmalloc((nn + 1) * sizeof *box), *in = xmalloc((nn + 1) * sizeof *in);
	int *node = xmalloc((nn + 1) * sizeof *node);
	int n = 0;
	for (size_t k = 0; k < nn; k++) {
		SDL_Rect b;
		if (!render_topology_node_box(a, (int)k, &b))
			continue;
		int h = (int)k < sc->nhosts ? (int)k : -1;
		node[n] = (int)k;
		box[n] = b;
		in[n] = h >= 0 && sc->hosts[h].net >= 0 ? render_layout_net_rect(&a->layout, sc->hosts[h].net) : a->panels.topo;
		n++;
	}
	int left = 1;
	for (int r = 0; r < RENDER_SPREAD_ROUNDS && left; r++)
		left = render_spread_round(a, node, box, in, n, r >= RENDER_SPREAD_ROUNDS / 2);
	/* A network too small for its boxes at this size: overlapping would
	 * hide names, so they may reach out of it, within the picture. */
	for (int i = 0; left && i < n; i++)
		in[i] = a->panels.topo;
	for (int r = 0; r < RENDER_SPREAD_ROUNDS && left; r++)
		left = render_spread_round(a, node, box, in, n, r >= RENDER_SPREAD_ROUNDS / 2);
	/* (a last round's clamp may have pushed a box onto another: settling
	 * looks at every box again) */
	for (int i = 0; i < n; i++)   /* back to each box's own rectangle, for settling */
		in[i] = node[i] < sc->nhosts && sc->hosts[node[i]].net >= 0
				? render_layout_net_rect(&a->layout, sc->hosts[node[i]].net)
				: a->panels.topo;
	render_spread_settle(a, node, box, in, n);
	render_spread_home(a, node, box, n);
	free(node);
	free(in);
	free(box);
}
