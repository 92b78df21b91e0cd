/* render_topology_sieve — see render_topology_sieve.h. */
#include "render_topology_sieve.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
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
