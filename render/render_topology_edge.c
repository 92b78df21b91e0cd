/* render_topology_edge — where routes and link lines meet a router: at
 * the edge of its box facing the way they come from or go to, not under
 * its name at its centre. */
#include <math.h>
#include <string.h>

#include "render_app.h"
#include "render_layout.h"
#include "render_topology.h"

/* Does the segment (x1, y1)-(x2, y2) cross rc, neither end in it (as
 * render_topology_route counts a segment's crossings)? */
static int render_topology_edge_cuts(SDL_Rect rc, float x1, float y1, float x2, float y2)
{
	SDL_Point p = { (int)lroundf(x1), (int)lroundf(y1) }, q = { (int)lroundf(x2), (int)lroundf(y2) };
	if (SDL_PointInRect(&p, &rc) || SDL_PointInRect(&q, &rc))
		return 0;
	return SDL_IntersectRectAndLine(&rc, &p.x, &p.y, &q.x, &q.y);
}

/* Where a line from router r's box (b) towards (tx, ty) meets its side:
 * above or below it (side 0) or beside it (side 1), facing the point. */
static void render_topology_edge_side(SDL_Rect b, int side, float tx, float ty, float *ex, float *ey)
{
	float cx = (float)b.x + (float)b.w / 2, cy = (float)b.y + (float)b.h / 2;
	float c = fminf((float)b.h / 3, (float)b.w / 4);   /* its rounded corners */
	if (!side) {
		/* within the middle half of the side: a point off to one side is
		 * met there, not at the corner (lesson 02's dropped SYN, from
		 * Alice's PC up to the left, then hugged the bot's box) */
		*ex = fminf(fmaxf(tx, cx - (float)b.w / 4), cx + (float)b.w / 4);
		*ey = ty < cy ? (float)b.y + 1 : (float)(b.y + b.h) - 1;
	} else {
		*ex = tx < cx ? (float)b.x + 1 : (float)(b.x + b.w) - 1;
		*ey = fminf(fmaxf(ty, (float)b.y + c), (float)(b.y + b.h) - c);
	}
}

/* The side of r's box, as render_topology_edge_side counts them, facing
 * (tx, ty) most: 0 above or below, 1 beside. */
static int render_topology_edge_facing(SDL_Rect b, float tx, float ty)
{
	float dx = tx - ((float)b.x + (float)b.w / 2), dy = ty - ((float)b.y + (float)b.h / 2);
	return fabsf(dy) * (float)b.w >= fabsf(dx) * (float)b.h ? 0 : 1;
}

int render_topology_router_edge(const struct render_app *a, int r, float tx, float ty, float *ex, float *ey)
{
	if (!a->node_box || r < 0 || r >= a->sc->nrouters)
		return 0;
	SDL_Rect b = a->node_box[a->sc->nhosts + r];
	if (b.w < 4 || b.h < 4)
		return 0;
	if (tx >= (float)b.x && tx <= (float)(b.x + b.w) && ty >= (float)b.y && ty <= (float)(b.y + b.h))
		return 0;   /* under the box already */
	render_topology_edge_side(b, render_topology_edge_facing(b, tx, ty), tx, ty, ex, ey);
	return 1;
}

/* Does the segment from (x, y) to (ex, ey) cross a still thing (piles
 * apart) or a network's region, a few pixels in from its edges, that the
 * one from (x, y) to (rx, ry) does not? */
static int render_topology_edge_worse(const struct render_app *a, float x, float y, float ex, float ey, float rx,
                                            float ry)
{
	for (size_t i = 0; a->place && i < a->place->nlab; i++) {
		SDL_Rect rc = a->place->lab[i].rc;
		if (a->place->lab[i].kind != RENDER_TOPOLOGY_PILE && render_topology_edge_cuts(rc, x, y, ex, ey) &&
		    !render_topology_edge_cuts(rc, x, y, rx, ry))
			return 1;
	}
	for (int n = 0; n < a->sc->nnets; n++) {
		SDL_Rect rn = render_layout_net_rect(&a->layout, n), in = { rn.x + 3, rn.y + 3, rn.w - 6, rn.h - 6 };
		if (in.w > 0 && in.h > 0 && render_topology_edge_cuts(in, x, y, ex, ey) &&
		    !render_topology_edge_cuts(in, x, y, rx, ry))
			return 1;
	}
	return 0;
}

/* How many still things (piles apart) and networks' regions the segment
 * from (x, y) to (ex, ey) crosses, neither end in them: a region from a
 * couple of pixels in from its edges (a pixel nearer than
 * render_topology_edge_worse looks, for the rounding of ends a pixel
 * off: lesson 12's school route grazed ISP A's servers' corner). */
static int render_topology_edge_crossed(const struct render_app *a, float x, float y, float ex, float ey)
{
	int n = 0;
	for (size_t i = 0; a->place && i < a->place->nlab; i++)
		n += a->place->lab[i].kind != RENDER_TOPOLOGY_PILE &&
		     render_topology_edge_cuts(a->place->lab[i].rc, x, y, ex, ey);
	for (int k = 0; k < a->sc->nnets; k++) {
		SDL_Rect rn = render_layout_net_rect(&a->layout, k), in = { rn.x + 2, rn.y + 2, rn.w - 4, rn.h - 4 };
		n += in.w > 0 && in.h > 0 && render_topology_edge_cuts(in, x, y, ex, ey);
	}
	return n;
}

/* The edge point e of r's box (b) towards (tx, ty), or the one on the
 * other side facing that point (beside the box for one above it, and so
 * on) where the way from (tx, ty) to that one crosses fewer things
 * (render_topology_edge_crossed): lesson 12's school route left its
 * router's top towards a bend up to the right and cut the corner of ISP
 * A's servers' region above the router, where from the router's right
 * side it passes clear. */
static void render_topology_edge_other(const struct render_app *a, SDL_Rect b, float tx, float ty, float *e)
{
	int other = !render_topology_edge_facing(b, tx, ty);
	if (other ? tx >= (float)b.x && tx <= (float)(b.x + b.w) : ty >= (float)b.y && ty <= (float)(b.y + b.h))
		return;   /* not beyond that side: the line would cross the box */
	int now = render_topology_edge_crossed(a, tx, ty, e[0], e[1]);
	float o[2];
	render_topology_edge_side(b, other, tx, ty, &o[0], &o[1]);
	if (now && render_topology_edge_crossed(a, tx, ty, o[0], o[1]) < now) {
		e[0] = o[0];
		e[1] = o[1];
	}
}

/* Each router's point of rt (its box's centre) reached and left on its
 * box's edge, facing the point before and the one after (its bends
 * made: what it goes round is placed for a way to the centre)
 * (render_topology_router_edge): a line aimed at the centre ran under the
 * router's name (lesson 10's bot's way through ISP C's router), and the ✕
 * of a SYN it drops went where the line met the box, on the name. */
void render_topology_route_edges(const struct render_app *a, struct render_topology_route *rt)
{
	for (int i = 0; i < rt->n; i++) {
		int r = rt->node[i] - a->sc->nhosts;
		if (rt->node[i] < a->sc->nhosts || r >= a->sc->nrouters)
			continue;
		float e[2][2];
		int got[2] = { 0, 0 };
		for (int s = 0; s < 2; s++) {
			int j = s ? i + 1 : i - 1;
			if (j < 0 || j >= rt->n ||
			    !render_topology_router_edge(a, r, rt->x[j], rt->y[j], &e[s][0], &e[s][1]))
				continue;
			got[s] = 1;
			/* where the line to the centre meets the edge instead, if
			 * the way straight across would cross a box, a name or a
			 * region the line to the centre does not (the bends were
			 * made for that line) */
			SDL_Rect b = a->node_box[a->sc->nhosts + r];
			float cx = rt->x[i], cy = rt->y[i], dx = rt->x[j] - cx, dy = rt->y[j] - cy;
			float t = fminf(fabsf(dx) > 1e-3f ? ((float)b.w / 2 - 1) / fabsf(dx) : 1e9f,
					fabsf(dy) > 1e-3f ? ((float)b.h / 2 - 1) / fabsf(dy) : 1e9f);
			/* (and towards a host at the route's end: where its letter
			 * waits and its server's ✕ goes are found along that line) */
			int end = j == 0 || j == rt->n - 1;
			if (t < 1 && (end || render_topology_edge_worse(a, rt->x[j], rt->y[j], e[s][0], e[s][1],
									      cx + dx * t, cy + dy * t))) {
				e[s][0] = cx + dx * t;
				e[s][1] = cy + dy * t;
			}
			if (!end)
				render_topology_edge_other(a, b, rt->x[j], rt->y[j], e[s]);
		}
		if (rt->n + got[0] + got[1] > RENDER_TOPOLOGY_MAX_POINTS)
			return;
		for (int s = 0; s < 2; s++) {
			if (!got[s])
				continue;
			int at = s ? i + 1 : i;   /* before the centre, or after it */
			memmove(&rt->x[at + 1], &rt->x[at], (size_t)(rt->n - at) * sizeof *rt->x);
			memmove(&rt->y[at + 1], &rt->y[at], (size_t)(rt->n - at) * sizeof *rt->y);
			memmove(&rt->node[at + 1], &rt->node[at], (size_t)(rt->n - at) * sizeof *rt->node);
			rt->x[at] = e[s][0];
			rt->y[at] = e[s][1];
			rt->node[at] = RENDER_TOPOLOGY_EDGE;
			rt->n++;
			if (!s)
				i++;   /* the centre moved on by one */
		}
		i++;   /* past the exit */
	}
}
