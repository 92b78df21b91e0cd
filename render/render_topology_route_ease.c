/* render_topology_route_ease — a built route's bends moved off the boxes
 * of hosts it passes within a line's width of (presenter mode's thick
 * lines), where that crosses nothing more. */
#include <math.h>

#include "render_app.h"
#include "render_topology.h"
#include "render_topology_route_own.h"

/* How far the segment (x1, y1)-(x2, y2) comes to rc (sampled every 2 px),
 * where (*t along it) and which way from rc (*nx, *ny, unit). */
static float render_topology_route_gap(SDL_Rect rc, float x1, float y1, float x2, float y2, float *t, float *nx,
                                       float *ny)
{
	int steps = (int)(hypotf(x2 - x1, y2 - y1) / 2) + 1;
	float least = 1e9f;
	for (int i = 0; i <= steps; i++) {
		float f = (float)i / (float)steps, x = x1 + (x2 - x1) * f, y = y1 + (y2 - y1) * f;
		float cx = fminf(fmaxf(x, (float)rc.x), (float)(rc.x + rc.w));
		float cy = fminf(fmaxf(y, (float)rc.y), (float)(rc.y + rc.h));
		float d = hypotf(x - cx, y - cy);
		if (d < least) {
			least = d;
			*t = f;
			*nx = d > 0 ? (x - cx) / d : 0;
			*ny = d > 0 ? (y - cy) / d : 0;
		}
	}
	return least;
}

/* What segment k of rt lacks of need pixels off a host's box it passes
 * beside but does not join (0: nothing); where and which way, as above. */
static float render_topology_route_lack(const struct render_app *a, const struct render_topology_route_own *own,
                                        const struct render_topology_route *rt, int k, float need, float *t,
                                        float *nx, float *ny)
{
	struct render_topology_route_own seg = *own;
	seg.leg = -1;
	seg.at = render_topology_route_leg(a, rt, k);
	float lack = 0, x1 = rt->x[k - 1], y1 = rt->y[k - 1], x2 = rt->x[k], y2 = rt->y[k];
	for (size_t i = 0; i < a->place->nlab; i++) {
		const struct render_topology_label *l = &a->place->lab[i];
		SDL_Rect rc = l->rc;
		if (l->kind != RENDER_TOPOLOGY_HOST || fminf(x1, x2) > (float)(rc.x + rc.w) + need ||
		    fmaxf(x1, x2) < (float)rc.x - need || fminf(y1, y2) > (float)(rc.y + rc.h) + need ||
		    fmaxf(y1, y2) < (float)rc.y - need || !render_topology_route_obstacle(a, &seg, i))
			continue;
		float f = 0, ux = 0, uy = 0, d = render_topology_route_gap(rc, x1, y1, x2, y2, &f, &ux, &uy);
		if (d > 0 && need - d > lack) {
			lack = need - d;
			*t = f;
			*nx = ux;
			*ny = uy;
		}
	}
	return lack;
}

/* Presenter mode's detours by a narrow gap may run within a line's width
 * of a host's box (lesson 11's ISP A -> ISP B relay at 1280 x 720, 2 px
 * under and up the relay server): such a segment's bends move off it by
 * what it lacks (more for one tied to a fixed end), a few rounds, kept if
 * then none lacks and the way crosses nothing more. */
void render_topology_route_ease(const struct render_app *a, const struct render_topology_route_own *own,
                                struct render_topology_route *rt)
{
	if (render_topology_route_margin(a) <= 6)
		return;
	float need = (float)a->panels.line * 2.5f / 2 + 4.5f, t = 0, nx = 0, ny = 0;
	struct render_topology_route moved = *rt;
	int lacking = 1;
	for (int round = 0; round < 4 && lacking; round++) {
		float dx[RENDER_TOPOLOGY_MAX_POINTS] = { 0 }, dy[RENDER_TOPOLOGY_MAX_POINTS] = { 0 };
		lacking = 0;
		for (int k = 1; k < moved.n; k++) {
			int b0 = moved.node[k - 1] == RENDER_TOPOLOGY_BEND, b1 = moved.node[k] == RENDER_TOPOLOGY_BEND;
			float lack = b0 || b1 ? render_topology_route_lack(a, own, &moved, k, need, &t, &nx, &ny) : 0;
			if (lack <= 0)
				continue;
			lacking = 1;
			float by = lack + 0.5f;
			if (b0 && !b1)
				by /= fmaxf(1 - t, 0.25f);
			else if (b1 && !b0)
				by /= fmaxf(t, 0.25f);
			for (int e = 0; e < 2; e++)
				if (e ? b1 : b0)
					dx[k - 1 + e] += nx * by, dy[k - 1 + e] += ny * by;
		}
		if (!lacking && round == 0)
			return;   /* nothing too near: as it was */
		for (int k = 0; k < moved.n; k++) {
			moved.x[k] += dx[k];
			moved.y[k] += dy[k];
		}
	}
	if (!lacking && render_topology_route_hits_edged(a, own, &moved) + render_topology_route_through(a, own, &moved) <=
				render_topology_route_hits_edged(a, own, rt) + render_topology_route_through(a, own, rt))
		*rt = moved;
}

