/* render_spread — pushing overlapping boxes apart (see render_spread.h). */
#include "render_spread.h"

#include <math.h>
#include <string.h>

#include "render_app.h"
#include "render_topology.h"

#define RENDER_SPREAD_ROUNDS 40

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
	free(node);
	free(in);
	free(box);
}
