/* render_topology_route — the route a connection takes across the map
 * (host, routers, host), bent around the boxes it does not use, and where
 * along it a packet is now.  Moved out of render_topology.c, which draws. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_app.h"
#include "render_topology.h"
#include "render_ui.h"
#include "render_view.h"

/* Is node (host, then router) one that connection c uses? */
static int render_topology_uses(const struct render_app *a, const struct sim_conn *c, int node)
{
	const struct scenario *sc = a->sc;
	if (node < sc->nhosts)
		return node == render_layout_leader(sc, c->client) ||
		       (c->server >= 0 && node == render_layout_leader(sc, c->server));
	for (int i = 0; i < c->npath; i++)
		if (c->path[i] == node - sc->nhosts)
			return 1;
	return 0;
}

/* Bend a route around the boxes it would cross but does not pass through
 * (a bot's box on Alice's way out, the DNS server on a relay, another
 * ISP's router): each segment that cuts such a box goes by a point beside
 * it, on the side away from the box's centre.  One pass; busy scenes keep
 * their straight lines. */
static void render_topology_detour(const struct render_app *a, const struct sim_conn *c,
                                   struct render_topology_route *rt)
{
	if (!a->node_box)
		return;
	int nn = a->sc->nhosts + a->sc->nrouters;
	const int margin = 8;
	for (int k = 1; k < rt->n && rt->n < RENDER_TOPOLOGY_MAX_POINTS; k++) {
		for (int b = 0; b < nn; b++) {
			SDL_Rect box = a->node_box[b];
			if (box.w <= 0 || render_topology_uses(a, c, b))
				continue;
			box = (SDL_Rect){ box.x - margin, box.y - margin, box.w + 2 * margin, box.h + 2 * margin };
			int x1 = (int)rt->x[k - 1], y1 = (int)rt->y[k - 1], x2 = (int)rt->x[k], y2 = (int)rt->y[k];
			if (!SDL_IntersectRectAndLine(&box, &x1, &y1, &x2, &y2))
				continue;
			float dx = rt->x[k] - rt->x[k - 1], dy = rt->y[k] - rt->y[k - 1], len = hypotf(dx, dy);
			if (len < 1)
				continue;
			float nx = -dy / len, ny = dx / len;   /* across the segment */
			float cx = (float)box.x + (float)box.w / 2, cy = (float)box.y + (float)box.h / 2;
			/* Which side of the segment the box's centre is on: go round the other. */
			float side = (cx - rt->x[k - 1]) * nx + (cy - rt->y[k - 1]) * ny > 0 ? -1.0f : 1.0f;
			/* A point beside the box's centre across the segment, just far
			 * enough that neither new segment cuts the box (margin included). */
			float reach = fabsf(nx) * (float)box.w / 2 + fabsf(ny) * (float)box.h / 2, qx = cx, qy = cy;
			int clear = 0;
			for (float f = 1.0f; f <= 2.0f && !clear; f += 0.25f) {
				qx = cx + side * nx * reach * f;
				qy = cy + side * ny * reach * f;
				int a1 = (int)rt->x[k - 1], b1 = (int)rt->y[k - 1], a2 = (int)qx, b2 = (int)qy;
				int c1 = (int)qx, d1 = (int)qy, c2 = (int)rt->x[k], d2 = (int)rt->y[k];
				clear = !SDL_IntersectRectAndLine(&box, &a1, &b1, &a2, &b2) &&
				        !SDL_IntersectRectAndLine(&box, &c1, &d1, &c2, &d2);
			}
			if (!clear)   /* boxes too close to pass between: a straight line beats a zigzag */
				continue;
			for (int j = rt->n; j > k; j--) {
				rt->x[j] = rt->x[j - 1];
				rt->y[j] = rt->y[j - 1];
			}
			rt->x[k] = qx;
			rt->y[k] = qy;
			rt->n++;
			break;   /* the new segments are looked at next */
		}
	}
}

void render_topology_route_of(const struct render_app *a, const struct sim_conn *c,
                              struct render_topology_route *rt)
{
	rt->n = 0;
	rt->blocked = 0;
	render_topology_host_xy(a, c->client, &rt->x[0], &rt->y[0]);
	rt->n = 1;
	for (int i = 0; i < c->npath && rt->n < RENDER_TOPOLOGY_MAX_POINTS - 1; i++) {
		int r = c->path[i];
		if (r < 0 || r >= a->sc->nrouters)
			continue;
		render_topology_router_xy(a, r, &rt->x[rt->n], &rt->y[rt->n]);
		rt->n++;
		if (r == c->blocked_at) {
			rt->blocked = 1;
			break;
		}
	}
	if (!rt->blocked && c->server >= 0 && c->server < a->sc->nhosts) {
		render_topology_host_xy(a, c->server, &rt->x[rt->n], &rt->y[rt->n]);
		rt->n++;
	}
	if (a->nfconn <= RENDER_TOPOLOGY_LABEL_MAX)
		render_topology_detour(a, c, rt);
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

float render_topology_fraction(const struct sim_conn *c, int64_t now)
{
	if (c->t_arrive <= c->t_sent)
		return 1.0f;
	float f = (float)(now - c->t_sent) / (float)(c->t_arrive - c->t_sent);
	return f < 0 ? 0 : f > 1 ? 1 : f;
}
