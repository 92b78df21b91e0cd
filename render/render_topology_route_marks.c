/* render_topology_route_marks — in presenter mode, the link dots and
 * lines of the routers a route does not pass through, as things it keeps
 * off (issue 11: a route along or across another router's link reads as
 * if the mail went through that router), and what a way costs when
 * render_topology_route chooses between keeping off them or not. */
#include <math.h>

#include "render_app.h"
#include "render_links.h"
#include "render_topology.h"
#include "render_topology_route_own.h"

/* Add a mark of router r's to own: rc, unless there is no room left. */
static void render_topology_route_mark(struct render_topology_route_own *own, SDL_Rect rc, int r)
{
	if (own->nmark >= RENDER_TOPOLOGY_MAX_MARKS)
		return;
	own->mark[own->nmark] = rc;
	own->mark_owner[own->nmark++] = r;
}

/* Into own->mark, the link dots and lines (as render_links_draw draws
 * them, and the line's width) of the routers own does not pass through:
 * a straight stem as one thin box, a slanted line as squares along it. */
void render_topology_route_marks(const struct render_app *a, struct render_topology_route_own *own)
{
	const struct scenario *sc = a->sc;
	float th = (float)a->panels.line * 1.5f, dot = th * 1.6f;
	for (int r = 0; r < sc->nrouters; r++) {
		int mine = 0;
		for (int k = 0; k < own->n; k++)
			mine |= own->node[k] == sc->nhosts + r;
		for (int l = 0; !mine && l < sc->routers[r].nlinks; l++) {
			struct render_links_path p;
			render_links_path(a, r, sc->routers[r].links[l].net, &p);
			if (p.n < 2)
				continue;
			render_topology_router_edge(a, r, p.x[1], p.y[1], &p.x[0], &p.y[0]);
			float ex = p.x[p.n - 1], ey = p.y[p.n - 1];
			render_topology_route_mark(own, (SDL_Rect){ (int)floorf(ex - dot), (int)floorf(ey - dot),
			                                            (int)ceilf(2 * dot) + 1, (int)ceilf(2 * dot) + 1 },
			                           sc->nhosts + r);
			for (int i = 1; i < p.n; i++) {
				float x1 = p.x[i - 1], y1 = p.y[i - 1], x2 = p.x[i], y2 = p.y[i], h = th / 2;
				if (fabsf(x2 - x1) < 2 || fabsf(y2 - y1) < 2) {
					float lx = fminf(x1, x2) - h, ly = fminf(y1, y2) - h;
					render_topology_route_mark(own, (SDL_Rect){ (int)floorf(lx), (int)floorf(ly),
					                                            (int)ceilf(fabsf(x2 - x1) + 2 * h) + 1,
					                                            (int)ceilf(fabsf(y2 - y1) + 2 * h) + 1 },
					                           sc->nhosts + r);
					continue;
				}
				float len = hypotf(x2 - x1, y2 - y1), step = fmaxf(2 * th, 8);
				int n = (int)ceilf(len / step);
				for (int s = 0; s <= n; s++) {
					float cx = x1 + (x2 - x1) * (float)s / (float)n, cy = y1 + (y2 - y1) * (float)s / (float)n;
					render_topology_route_mark(own, (SDL_Rect){ (int)floorf(cx - step / 2),
					                                            (int)floorf(cy - step / 2), (int)ceilf(step),
					                                            (int)ceilf(step) },
					                           sc->nhosts + r);
				}
			}
		}
	}
}

float render_topology_route_clearance(SDL_Rect rc, float x1, float y1, float x2, float y2)
{
	if (render_topology_route_blocks(rc, 0, x1, y1, x2, y2))
		return 0;
	float d = 1e9f, ex[2] = { x1, x2 }, ey[2] = { y1, y2 };
	for (int i = 0; i < 2; i++) {
		float dx = fmaxf(fmaxf((float)rc.x - ex[i], ex[i] - (float)(rc.x + rc.w)), 0);
		float dy = fmaxf(fmaxf((float)rc.y - ey[i], ey[i] - (float)(rc.y + rc.h)), 0);
		d = fminf(d, hypotf(dx, dy));
	}
	float vx = x2 - x1, vy = y2 - y1, l2 = vx * vx + vy * vy;
	for (int c = 0; c < 4; c++) {
		float cx = (float)(c & 1 ? rc.x + rc.w : rc.x), cy = (float)(c & 2 ? rc.y + rc.h : rc.y);
		float t = l2 > 0 ? fminf(fmaxf(((cx - x1) * vx + (cy - y1) * vy) / l2, 0), 1) : 0;
		d = fminf(d, hypotf(x1 + t * vx - cx, y1 + t * vy - cy));
	}
	return d;
}

/* How many of own's marks (other routers' link dots and lines) rt
 * crosses, and then the still things and regions it passes through. */
void render_topology_route_costs(const struct render_app *a, const struct render_topology_route_own *own,
                                        const struct render_topology_route *rt, int *marks, int *hits)
{
	struct render_topology_route_own bare = *own;
	bare.nmark = 0;
	/* a line along the name of a network it crosses between its routers
	 * (lesson 03's relay under "The Internet" at 1280 x 720) tells no lie */
	const struct scenario *sc = a->sc;
	for (int k = 1; k < own->n; k++) {
		int r = own->node[k - 1] - sc->nhosts, q = own->node[k] - sc->nhosts;
		if (r < 0 || q < 0 || r >= sc->nrouters || q >= sc->nrouters)
			continue;
		for (int i = 0; i < sc->routers[r].nlinks; i++)
			for (int j = 0; j < sc->routers[q].nlinks; j++) {
				int n = sc->routers[r].links[i].net;
				if (n >= 0 && n < 32 && n == sc->routers[q].links[j].net)
					bare.names_ok |= 1u << n;
			}
	}
	*hits = 64 * (render_topology_route_hits(a, &bare, rt) + render_topology_route_through(a, &bare, rt));
	/* and the routers' boxes and chips its drawn line comes near */
	float near = (float)a->panels.line * 2.5f / 2 + 1;
	for (size_t i = 0; i < a->place->nlab; i++) {
		const struct render_topology_label *l = &a->place->lab[i];
		if (l->kind != RENDER_TOPOLOGY_ROUTER && l->kind != RENDER_TOPOLOGY_CHIPS)
			continue;
		int mine = 0;
		for (int k = 0; k < own->n; k++)
			mine |= own->node[k] == l->owner;
		for (int k = 1; !mine && k < rt->n; k++)
			if (render_topology_route_clearance(l->rc, rt->x[k - 1], rt->y[k - 1], rt->x[k], rt->y[k]) < near) {
				(*hits)++;
				break;
			}
	}
	/* and it meets its routers at their boxes' edges (with too many bends
	 * for room to add the edge's point, at a centre) */
	for (int k = 0; k < rt->n; k++) {
		int node = rt->node[k];
		if (node < a->sc->nhosts || node >= a->sc->nhosts + a->sc->nrouters)
			continue;
		SDL_Rect box = a->node_box[node], in = { box.x - 1, box.y - 1, box.w + 2, box.h + 2 };
		for (int j = k - 1; j <= k + 1; j += 2)
			if (j >= 0 && j < rt->n &&
			    !(rt->x[j] >= (float)in.x && rt->x[j] <= (float)(in.x + in.w) && rt->y[j] >= (float)in.y &&
			      rt->y[j] <= (float)(in.y + in.h)))
				*hits += 4096;
	}
	*marks = 0;
	for (int i = 0; i < own->nmark; i++) {
		size_t at = a->place->nlab + (size_t)own->nreg + (size_t)i;
		if (!render_topology_route_obstacle(a, own, at))
			continue;
		for (int k = 1; k < rt->n; k++)
			if (render_topology_route_blocks(own->mark[i], 0, rt->x[k - 1], rt->y[k - 1], rt->x[k], rt->y[k])) {
				(*marks)++;
				break;
			}
	}
}
