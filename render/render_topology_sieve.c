/* render_topology_sieve — see render_topology_sieve.h. */
#include "render_topology_sieve.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_layout.h"
#include "render_topology.h"
#include "render_ui.h"
#include "util.h"

/* Does an end of a hop of p->hop (a router's or a box's point, where
 * routes meet) lie within margin of rc?  A route cannot bend round a name
 * that holds its end. */
int render_topology_sieve_on_end(const struct render_topology_place *p, SDL_Rect rc, int margin)
{
	for (size_t i = 0; i < p->nhop; i++)
		for (int e = 0; e < 4; e += 2) {
			float x = p->hop[i][e], y = p->hop[i][e + 1];
			if (x >= (float)(rc.x - margin) && x <= (float)(rc.x + rc.w + margin) && y >= (float)(rc.y - margin) &&
			    y <= (float)(rc.y + rc.h + margin))
				return 1;
		}
	return 0;
}

/* Presenter mode's regions keep a band for their names (render_region):
 * of the n candidates in c, those wholly inside region rc and not within
 * margin of a hop's end (lesson 10's routes ran through "インターネット"
 * beside its router), kept in their order; returns how many. */
int render_topology_sieve_within(const struct render_topology_place *p, SDL_Rect rc, int margin,
                                 struct render_topology_place_spot *c, int n)
{
	int m = 0;
	for (int i = 0; i < n; i++)
		if (c[i].rc.x >= rc.x && c[i].rc.y >= rc.y && c[i].rc.x + c[i].rc.w <= rc.x + rc.w &&
		    c[i].rc.y + c[i].rc.h <= rc.y + rc.h && !render_topology_sieve_on_end(p, c[i].rc, margin))
			c[m++] = c[i];
	return m;
}

int render_topology_sieve_on_link(const struct render_app *a, SDL_Rect rc, int r0)
{
	const struct scenario *sc = a->sc;
	SDL_Rect grown = { rc.x - r0, rc.y - r0, rc.w + 2 * r0, rc.h + 2 * r0 };
	for (int r = 0; r < sc->nrouters; r++)
		for (int k = 0; k < sc->routers[r].nlinks; k++) {
			int net = sc->routers[r].links[k].net;
			if (net < 0 || net >= sc->nnets)
				continue;
			float rx, ry, nx, ny;
			render_topology_router_xy(a, r, &rx, &ry);
			render_topology_link_xy(a, r, net, &nx, &ny);
			int x1 = (int)lroundf(rx), y1 = (int)lroundf(ry), x2 = (int)lroundf(nx), y2 = (int)lroundf(ny);
			if (SDL_IntersectRectAndLine(&grown, &x1, &y1, &x2, &y2))
				return 1;
		}
	return 0;
}

/* Of the n candidates in c, those not within margin of a hop's end (a
 * route would start inside the name) and crossed by no router's link to
 * a network (its line and disc, drawn over the name: lesson 12's data
 * centre at 1920 x 1080), kept in their order; returns how many. */
int render_topology_sieve_off_links(const struct render_app *a, int margin,
                                    struct render_topology_place_spot *c, int n)
{
	int m = 0, r0 = (int)lroundf((float)a->panels.line * 2.4f) + 2;   /* the disc's radius and a little */
	for (int i = 0; i < n; i++)
		if (!(margin > 0 && render_topology_sieve_on_end(a->place, c[i].rc, margin)) &&
		    !render_topology_sieve_on_link(a, c[i].rc, r0))
			c[m++] = c[i];
	return m;
}

/* Does rc, grown by r0, cover the dot at (x, y) and leave no room for it
 * elsewhere on the edge of region reg it lies along (inset in from it),
 * nor between itself and that edge?  If so, *moved is rc moved off the
 * edge just far enough to leave that room (maybe out of reg). */
static int render_topology_sieve_dot_stuck(SDL_Rect rc, int r0, SDL_Rect reg, float inset, float x, float y,
                                           SDL_Rect *moved)
{
	float g[4] = { (float)(rc.x - r0), (float)(rc.y - r0), (float)(rc.x + rc.w + r0), (float)(rc.y + rc.h + r0) };
	if (x < g[0] || x > g[2] || y < g[1] || y > g[3])
		return 0;
	float lo[2] = { (float)reg.x + inset, (float)reg.y + inset };
	float hi[2] = { (float)(reg.x + reg.w) - inset, (float)(reg.y + reg.h) - inset };
	/* along the top or bottom edge (the nearer of the two sides): the
	 * stretches left and right of the name; else up and down it */
	float dy = fminf(fabsf(y - lo[1]), fabsf(y - hi[1])), dx = fminf(fabsf(x - lo[0]), fabsf(x - hi[0]));
	int k = dy <= dx ? 0 : 1, j = 1 - k;
	if (g[k] - lo[k] >= 1 || hi[k] - g[k + 2] >= 1)
		return 0;
	/* or between the name and the edge itself, the dot on the edge (a
	 * line laid again ends there, render_links_lay) */
	float v = j ? y : x, e0 = (float)(j ? reg.y : reg.x), e1 = (float)(j ? reg.y + reg.h : reg.x + reg.w);
	int near0 = fabsf(v - e0) <= fabsf(v - e1), need = r0 + 3;
	float room = near0 ? g[j] - e0 : e1 - g[j + 2];
	if (room >= (float)need)
		return 0;
	int by = (int)ceilf((float)need - room) * (near0 ? 1 : -1);
	*moved = rc;
	*(j ? &moved->y : &moved->x) += by;
	return 1;
}

/* Of the n candidates in c, those that leave a router's line to network
 * net a place to end: off the disc at its end, or with room for it on the
 * same edge of the region beside the name or between the name and the
 * edge -- a name in the way moved off that edge where it stays inside.
 * A name over the disc lays the line again round it
 * (render_links_titles), and a name across the whole edge left it only a
 * long way round: lesson 03 at 1280 x 720 presenter, ISP C's line to its
 * customers bent up under ISP B's router and its "× IP25B blocked", as if
 * ISP C's customers hung off ISP B. */
int render_topology_sieve_dot_room(const struct render_app *a, int net, struct render_topology_place_spot *c, int n)
{
	const struct scenario *sc = a->sc;
	SDL_Rect reg = render_layout_net_rect(&a->layout, net);
	int m = 0, r0 = (int)lroundf((float)a->panels.line * 2.4f) + 2;   /* the disc's radius and a little */
	for (int i = 0; i < n; i++) {
		struct render_topology_place_spot s = c[i];
		int stuck = 0;
		for (int r = 0; r < sc->nrouters && !stuck; r++)
			for (int k = 0; k < sc->routers[r].nlinks && !stuck; k++) {
				if (sc->routers[r].links[k].net != net)
					continue;
				float x, y;
				SDL_Rect moved;
				render_topology_link_xy(a, r, net, &x, &y);
				if (!render_topology_sieve_dot_stuck(s.rc, r0, reg, 18 * a->layout.k, x, y, &moved))
					continue;
				stuck = moved.x < reg.x || moved.y < reg.y || moved.x + moved.w > reg.x + reg.w ||
					moved.y + moved.h > reg.y + reg.h;
				s.rc = moved;   /* (still along the edge, its range with it) */
			}
		if (!stuck)
			c[m++] = s;
	}
	return m;
}

/* Of the n candidates in c, those no nearer than margin to rule chips: a
 * chip by a name reads as one label with it (review C4). */
int render_topology_sieve_off_chips(const struct render_topology_place *p, int margin,
                                    struct render_topology_place_spot *c, int n)
{
	int m = 0;
	for (int i = 0; i < n; i++) {
		SDL_Rect g = { c[i].rc.x - margin, c[i].rc.y - margin, c[i].rc.w + 2 * margin, c[i].rc.h + 2 * margin };
		int near = 0;
		for (size_t k = 0; k < p->nlab && !near; k++)
			near = p->lab[k].kind == RENDER_TOPOLOGY_CHIPS && SDL_HasIntersection(&g, &p->lab[k].rc);
		if (!near)
			c[m++] = c[i];
	}
	return m;
}

/* The n candidates in c, those with no host's or router's box beside them
 * within d first (a name on a line with a box a few pixels off reads as
 * one phrase with it: lesson 13's "メール配信サービス" by "配信サービスの
 * ルータ" at 1280 x 720), each kind in its order. */
void render_topology_sieve_apart(const struct render_app *a, struct render_topology_place_spot *c, int n, int d)
{
	struct render_topology_place_spot *tmp = xmalloc((size_t)(n > 0 ? n : 1) * sizeof *tmp);
	int m = 0;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < n; i++) {
			SDL_Rect g = { c[i].rc.x - d, c[i].rc.y, c[i].rc.w + 2 * d, c[i].rc.h }, x;
			int beside = 0;
			for (int k = 0; k < a->sc->nhosts + a->sc->nrouters && !beside; k++)
				beside = SDL_IntersectRect(&g, &a->node_box[k], &x);
			if (beside == pass)
				tmp[m++] = c[i];
		}
	memcpy(c, tmp, (size_t)m * sizeof *c);
	free(tmp);
}
