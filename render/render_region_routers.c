/* render_region_routers — where presenter mode puts routers: off hosts'
 * boxes, other routers and name bands, on as little of other networks'
 * regions as can be, near their networks (see render_region_work.h). */
#include "render_region_work.h"

#include <math.h>

#include "render_topology.h"

/* How much router r's box at (x, y) (its top-left) covers of the regions
 * of networks it does not join (pixels), or -1 if it covers a host's box,
 * a router placed before it or a network's name band (unless strict is 0
 * and it joins that network: the name finds another place). */
static float render_region_router_covers(const struct render_region_work *w, const struct scenario *sc, int r,
                                         float x, float y, int strict)
{
	int node = w->nh + r;
	struct render_region_rect me = { x, y, w->off[node][2], w->off[node][3] };
	float ox, oy, foreign = 0;
	for (int i = 0; i < node; i++) {
		if (w->off[i][2] <= 0)
			continue;
		render_region_overlap(me, render_region_box(w, i), w->gap, &ox, &oy);
		if (ox > 0 && oy > 0)
			return -1;
	}
	for (int n = 0; n < w->nnets; n++) {
		int joins = 0;
		for (int k = 0; k < sc->routers[r].nlinks; k++)
			joins |= sc->routers[r].links[k].net == n;
		struct render_region_rect band = { w->net[n].x + w->band[n].x, w->net[n].y + w->band[n].y, w->band[n].w,
						   w->band[n].h };
		render_region_overlap(me, band, 2, &ox, &oy);
		if (ox > 0 && oy > 0 && (strict || !joins))
			return -1;
		render_region_overlap(me, w->net[n], 0, &ox, &oy);
		if (!joins && ox > 0 && oy > 0)
			foreign += ox * oy;
	}
	return foreign;
}

/* Is router r's box at (x, y) inside a region of its own but the Internet's, off
 * its border (lesson 12's ISP B router in its customers' at 1280 x 720)? */
int render_region_router_inside(const struct render_region_work *w, const struct scenario *sc, int r,
                                       float x, float y)
{
	int node = w->nh + r;
	for (int k = 0; k < sc->routers[r].nlinks; k++) {
		int n = sc->routers[r].links[k].net;
		if (n < 0 || n >= w->nnets || sc->nets[n].kind == NET_KIND_BACKBONE)
			continue;
		struct render_region_rect q = w->net[n];
		if (x >= q.x - 4 && y >= q.y - 4 && x + w->off[node][2] <= q.x + q.w + 4 &&
		    y + w->off[node][3] <= q.y + q.h + 4)
			return 1;
	}
	return 0;
}

/* How far router r's box at (x, y) is from its networks' regions, summed: the least
 * line it needs (lesson 06's ISP B router at 1280 x 720 was far below the Internet). */
float render_region_reach(const struct render_region_work *w, const struct scenario *sc, int r, float x,
                                 float y)
{
	float x1 = x + w->off[w->nh + r][2], y1 = y + w->off[w->nh + r][3], sum = 0;
	for (int k = 0; k < sc->routers[r].nlinks; k++) {
		int n = sc->routers[r].links[k].net;
		if (n < 0 || n >= w->nnets)
			continue;
		struct render_region_rect q = w->net[n];
		float dx = fmaxf(fmaxf(q.x - x1, x - q.x - q.w), 0), dy = fmaxf(fmaxf(q.y - y1, y - q.y - q.h), 0);
		sum += sqrtf(dx * dx + dy * dy);
	}
	return sum;
}

/* Each router where its networks moved it (across with all, up or down
 * with those but the backbone), then at the nearest place (nearer where
 * they meet, farther inside one) that covers nothing (..._covers) --
 * unless strict: then on the name's band of a network it joins, or if
 * nowhere else, on the least of the regions of networks it does not join;
 * returns how many have no such place. */
int render_region_place_routers(struct render_region_work *w, const struct scenario *sc,
                                       struct render_region_rect in, int strict)
{
	int stuck = 0;
	for (int r = 0; r < w->nr; r++) {
		int node = w->nh + r, nall = 0, nhome = 0;
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
		float best = -1, bx = tx, by = ty, step = 4;
		for (float y = in.y; y + w->off[node][3] <= in.y + in.h; y += step)
			for (float x = in.x; x + w->off[node][2] <= in.x + in.w; x += step) {
				float reach = render_region_reach(w, sc, r, x, y);
				float d = (x - tx) * (x - tx) + (y - ty) * (y - ty) + RENDER_REGION_REACH * reach * reach;
				if (best >= 0 && d >= best)
					continue;
				float foreign = render_region_router_covers(w, sc, r, x, y, strict);
				/* on a region it does not join only if nowhere else */
				d += foreign > 0 ? 1e7f + foreign * 100 : 0;
				d += render_region_router_inside(w, sc, r, x, y) ? RENDER_REGION_INSIDE : 0;
				if (foreign < 0 || (foreign > 0 && strict) || (best >= 0 && d >= best))
					continue;
				best = d;
				bx = x;
				by = y;
			}
		w->at[node][0] += bx - tx;
		w->at[node][1] += by - ty;
		stuck += best < 0;
	}
	return stuck;
}

