/* render_region_name — the room presenter mode's layout keeps each
 * network's name in its region: the band it needs beside its hosts, and
 * grown where a router of its own stands on it (see render_region_name.h). */
#include "render_region_name.h"

#include <math.h>

#include "render_topology.h"

/* The least region that holds network n's block (its hosts as
 * render_region_hosts_apart left them) with a margin round it and its
 * name above the block (side 0) or beside it at its right (side 1), as
 * render_topology_place will look for it: at the smallest size a name may
 * take, a few pixels clear, on one line or on two, whichever needs the
 * smaller region.  Into need[n] and band[n] (the name's place, from the
 * region's top-left). */
void render_region_name_need(struct render_app *a, struct render_region_work *w, int n, int side)
{
	const char *label = sc_text_get(&a->sc->nets[n].label, a->lang);
	if (!label || !*label)
		label = a->sc->nets[n].id;
	int px = render_topology_px(a, 22), lo = (int)lroundf(render_topology_floor(a, 20));
	lo = lo > px ? px : lo < 10 ? 10 : lo;
	int pad = (int)(10 * a->layout.k) + 2;
	float bw = w->block[n][2], bh = w->block[n][3], m = w->margin;
	float clear = (float)pad / 2 + 10, across = (float)(2 * pad + 10);
	float best = -1;
	for (int lines = 1; lines <= 2; lines++) {
		int tw = 0, th = 0, maxw = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, lo, RENDER_FONT_LINE, 0, label, &tw, &th);
		if (lines == 2) {
			maxw = tw / 2 + lo;
			if (render_font_wrap_cuts(a->font, RENDER_FONT_BOLD, lo, maxw, label) & 1)   /* a split (会|員) may do */
				break;
			render_font_size(a->font, RENDER_FONT_BOLD, lo, RENDER_FONT_WRAP, maxw, label, &tw, &th);
		}
		float nw = (float)tw + across, nh = (float)th + clear + w->lift[n];
		float rw = side ? bw + 2 * m + nw : fmaxf(bw + 2 * m, nw);
		float rh = side ? fmaxf(bh + 2 * m, nh + m) : nh + bh + m;
		if (best >= 0 && rw * rh >= best)
			continue;
		best = rw * rh;
		w->need[n][0] = rw;
		w->need[n][1] = rh;
		w->band[n] = (struct render_region_rect){ side ? rw - nw : 0, 0, nw, nh };
	}
}

/* Routers that sit on the name's band of a network they join (not
 * strict: nowhere else was free) and leave the name no room beside them
 * there, across or up and down -- lesson 12's data centre router at
 * 1280 x 720 on "データセンター（レンタルサーバ）", which then went
 * outside its region: into lift[n], the router's height and a gap, for
 * that band to hold both.  Room for the name on two lines beside the
 * router counts only in a band high enough for two lines, unless loose
 * (lesson 10's "ISP B サーバ（第1データセンター）" at 1280 x 720 beside
 * its router and its chip went down to 13 px in a band one line high) --
 * or the band is the Internet's, which its routers stand round (grown,
 * lesson 09's at 1920 x 1080 moved ISP A's router under the bots' box
 * and its block count beside ISP B's router).
 * *cramped: how many names at a step smaller (9/10) do not fit on one
 * line beside a router.  Returns how many bands grow. */
int render_region_name_lift(const struct render_app *a, struct render_region_work *w, int loose, int *cramped)
{
	const struct scenario *sc = a->sc;
	int any = 0;
	*cramped = 0;
	float pad = (float)((int)(10 * a->layout.k) + 2);
	int lo = (int)lroundf(render_topology_floor(a, 20)), px = render_topology_px(a, 22);
	int lh = render_font_line_height(a->font, RENDER_FONT_BOLD, lo > px ? px : lo < 10 ? 10 : lo);
	for (int r = 0; r < w->nr; r++) {
		int node = w->nh + r;
		if (w->off[node][2] <= 0)
			continue;
		struct render_region_rect me = render_region_box(w, node);
		for (int k = 0; k < sc->routers[r].nlinks; k++) {
			int n = sc->routers[r].links[k].net;
			if (n < 0 || n >= w->nnets)
				continue;
			struct render_region_rect b = { w->net[n].x + w->band[n].x, w->net[n].y + w->band[n].y, w->band[n].w,
							w->band[n].h };
			float ox, oy;
			render_region_overlap(me, b, 0, &ox, &oy);
			if (ox <= 0 || oy <= 0)
				continue;
			/* above the hosts, the name may go anywhere across the region;
			 * it needs its text's width (the band's less its padding,
			 * render_region_need) from the region's inner edge and a few
			 * pixels clear of the router */
			float x0 = w->side[n] ? b.x : w->net[n].x, x1 = w->side[n] ? b.x + b.w : w->net[n].x + w->net[n].w;
			float across = fmaxf(me.x - x0, x1 - me.x - me.w);
			float down = fmaxf(me.y - b.y, b.y + b.h - me.y - me.h);
			if (down >= b.h - w->lift[n] - 6)
				continue;
			/* its name at a step smaller (9/10) does not fit beside it */
			int beside = across >= pad + 4 + 0.9f * (b.w - 2 * pad - 10);
			*cramped += !beside;
			/* nor on two lines (in a band high enough for two) */
			int two = loose || sc->nets[n].kind == NET_KIND_BACKBONE ||
			          b.h - w->lift[n] - ((float)pad / 2 + 10) >= 1.5f * (float)lh;
			if (beside || (two && across >= (b.w - pad - 6) / 2))
				continue;
			any++;
			w->lift[n] = fmaxf(w->lift[n], me.h + w->gap);
		}
	}
	return any;
}
