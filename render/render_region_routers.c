/* render_region_routers — where presenter mode puts routers: off hosts'
 * boxes, other routers and name bands, on as little of other networks'
 * regions as can be, off the lines routes run along, near their networks
 * -- in room kept for them beside their own regions where the regions
 * left none (see render_region_work.h). */
#include "render_region_work.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_topology.h"

/* How much router r's box at (x, y) (its top-left) covers of the regions
 * of networks it does not join (pixels), or -1 if it covers a host's box,
 * a router placed before it or a network's name band (unless strict is 0
 * and it joins that network: the name finds another place). */
float render_region_router_covers(const struct render_region_work *w, const struct scenario *sc, int r,
                                         float x, float y, int strict, const unsigned char *placed)
{
	int node = w->nh + r;
	struct render_region_rect me = { x, y, w->off[node][2], w->off[node][3] };
	float ox, oy, foreign = 0;
	for (int i = 0; i < w->nh + w->nr; i++) {
		if (i == node || w->off[i][2] <= 0 || (i >= w->nh && !placed[i - w->nh]))
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

/* Does router r link network n? */
static int render_region_links(const struct scenario *sc, int r, int n)
{
	for (int k = 0; k < sc->routers[r].nlinks; k++)
		if (sc->routers[r].links[k].net == n)
			return 1;
	return 0;
}

/* How far apart two rectangles are (0 if they touch or overlap). */
static float render_region_apart(struct render_region_rect p, struct render_region_rect q)
{
	float dx = fmaxf(fmaxf(q.x - p.x - p.w, p.x - q.x - q.w), 0), dy = fmaxf(fmaxf(q.y - p.y - p.h, p.y - q.y - q.h), 0);
	return sqrtf(dx * dx + dy * dy);
}

/* Does router r join a network other than a backbone in column c? */
static int render_region_home_in(const struct render_region_work *w, const struct scenario *sc, int r, int c)
{
	for (int k = 0; k < sc->routers[r].nlinks; k++) {
		int n = sc->routers[r].links[k].net;
		if (n >= 0 && n < w->nnets && sc->nets[n].kind != NET_KIND_BACKBONE && w->col[n] == c)
			return 1;
	}
	return 0;
}

/* How far router r stands beyond four margins from the nearest region of
 * its own but the backbone's (lesson 07's ISP C router over ISP B's
 * servers at 1920 x 1080, its room by ISP C's regions taken by the
 * Internet's), plus how far beyond from the backbone it links where that
 * stands in the column of one of those (lesson 06's ISP C router under
 * its customers, its line up to the Internet past ISP A's router); 0 if
 * it stands near both. */
float render_region_far(const struct render_region_work *w, const struct scenario *sc, int r)
{
	int node = w->nh + r;
	if (w->off[node][2] <= 0)
		return 0;
	struct render_region_rect me = render_region_box(w, node);
	float home = 1e9f, back = 1e9f;
	for (int k = 0; k < sc->routers[r].nlinks; k++) {
		int n = sc->routers[r].links[k].net, same = 0;
		if (n < 0 || n >= w->nnets)
			continue;
		if (sc->nets[n].kind != NET_KIND_BACKBONE) {
			home = fminf(home, render_region_apart(me, w->net[n]));
			continue;
		}
		/* a backbone counts in the column of a network of its own only:
		 * room in that column can bring the router nearer to it (lesson
		 * 10's data centre router, far above the Internet in the next
		 * column, got room down by its region, and the bot's way then
		 * ran under the DNS server) */
		for (int j = 0; j < sc->routers[r].nlinks; j++) {
			int m = sc->routers[r].links[j].net;
			same |= m >= 0 && m < w->nnets && sc->nets[m].kind != NET_KIND_BACKBONE && w->col[m] == w->col[n];
		}
		if (same)
			back = fminf(back, render_region_apart(me, w->net[n]));
	}
	if (home > 1e8f)
		return 0;
	/* standing over a backbone's column, its middle above or below the
	 * backbone's region, its own regions all in other columns and each
	 * only aslant from it (not beside it, nor above or below): as far as
	 * its middle is from them (lesson 08's
	 * ISP B router at 1280 x 720 in Japanese, under the Internet by its
	 * servers' corner: the bot's SYN was dropped 17 px off ISP C's router,
	 * and it read as ISP C's) */
	float mx = me.x + me.w / 2, my = me.y + me.h / 2, mid = 1e9f;
	int over = 0, own = 0;
	for (int k = 0; k < sc->routers[r].nlinks; k++) {
		int n = sc->routers[r].links[k].net;
		if (n < 0 || n >= w->nnets)
			continue;
		struct render_region_rect q = w->net[n];
		if (sc->nets[n].kind == NET_KIND_BACKBONE) {
			over |= mx > q.x && mx < q.x + q.w && (my < q.y || my > q.y + q.h) &&
				!render_region_home_in(w, sc, r, w->col[n]);
			continue;
		}
		own |= (me.x < q.x + q.w && me.x + me.w > q.x) || (me.y < q.y + q.h && me.y + me.h > q.y);
		mid = fminf(mid, render_region_apart((struct render_region_rect){ mx, my, 0, 0 }, q));
	}
	if (over && !own)
		home = fmaxf(home, mid);
	return fmaxf(home - 4 * w->margin, 0) + (back < 1e8f ? fmaxf(back - 4 * w->margin, 0) : 0);
}

/* How many routers stand far from their networks (render_region_far),
 * and how far beyond four margins, summed (into *sum). */
int render_region_far_count(const struct render_region_work *w, const struct scenario *sc, float *sum)
{
	int k = 0;
	*sum = 0;
	for (int r = 0; r < w->nr; r++) {
		float d = render_region_far(w, sc, r);
		k += d > 0;
		*sum += d;
	}
	return k;
}

/* The router that stands farthest from its networks
 * (render_region_far) with no room of its own yet nor refused one (slot
 * -2), or -1 if none is far. */
int render_region_farthest(const struct render_region_work *w, const struct scenario *sc)
{
	int pick = -1;
	float most = 0;
	for (int r = 0; r < w->nr; r++) {
		float d = w->slot[r] == -1 ? render_region_far(w, sc, r) : 0;
		if (d > most) {
			most = d;
			pick = r;
		}
	}
	return pick;
}

/* The region next to n in its column, above (side 0) or below (1), or -1. */
static int render_region_next(const struct render_region_work *w, int n, int side)
{
	int best = -1;
	for (int m = 0; m < w->nnets; m++) {
		if (m == n || w->col[m] != w->col[n] || (side ? w->rank[m] <= w->rank[n] : w->rank[m] >= w->rank[n]))
			continue;
		if (best < 0 || (side ? w->rank[m] < w->rank[best] : w->rank[m] > w->rank[best]))
			best = m;
	}
	return best;
}

/* Room for router r if it stands far from its networks
 * (render_region_far): in its column beside a region of its own, above
 * or below it, where no other router's room is -- between two of its
 * networks if it can (lesson 07's ISP C router between its customers and
 * its servers, lesson 06's between its customers and the Internet), else
 * the nearest to where the lesson puts it; the room as high as its box
 * and a gap.  Returns 1 if it got some. */
int render_region_slot(struct render_region_work *w, const struct scenario *sc, int r)
{
	int node = w->nh + r, pick = -1;
	if (w->slot[r] >= 0 || render_region_far(w, sc, r) <= 0)
		return 0;
	float lx = w->at0[node][0] + w->off[node][0] + w->off[node][2] / 2;
	float ly = w->at0[node][1] + w->off[node][1] + w->off[node][3] / 2, best = 0;
	for (int k = 0; k < sc->routers[r].nlinks; k++) {
		int n = sc->routers[r].links[k].net;
		if (n < 0 || n >= w->nnets || sc->nets[n].kind == NET_KIND_BACKBONE)
			continue;
		for (int side = 0; side < 2; side++) {
			int nb = render_region_next(w, n, side);
			if (w->room[n][side] > 0 || (nb >= 0 && w->room[nb][!side] > 0))
				continue;
			struct render_region_rect q = w->lesson[n];
			float dx = fmaxf(fmaxf(q.x - lx, lx - q.x - q.w), 0), dy = ly - (side ? q.y + q.h : q.y);
			float score = sqrtf(dx * dx + dy * dy) - (nb >= 0 && render_region_links(sc, r, nb) ? 1e4f : 0);
			if (pick < 0 || score < best) {
				best = score;
				pick = n * 2 + side;
			}
		}
	}
	if (pick < 0)
		return 0;
	w->slot[r] = pick;
	w->room[pick / 2][pick % 2] = w->off[node][3] + w->gap;
	return 1;
}

/* Is router r, in room kept for it (render_region_slot), wider than its
 * column and the spaces beside it, out over the next columns' regions
 * unless their rows beside it are free? */
static int render_region_overhangs(const struct render_region_work *w, int r)
{
	if (w->slot[r] < 0)
		return 0;
	int n = w->slot[r] / 2, c = w->col[n];
	float lo = -1e9f, hi = 1e9f;   /* the columns' edges beside */
	for (int m = 0; m < w->nnets; m++) {
		if (w->col[m] == c - 1)
			lo = fmaxf(lo, w->net[m].x + w->net[m].w);
		if (w->col[m] == c + 1)
			hi = fminf(hi, w->net[m].x);
	}
	return hi - lo < w->off[w->nh + r][2];
}

/* The top of router r's box in its room (render_region_slot): in the
 * middle between the regions it lies between, or of the room at a
 * column's end -- but a box wider than its column and the spaces beside
 * (render_region_overhangs), which stands out where routes bend round
 * the regions' corners, a gap off the region of its own, as far as it
 * can be from the next (lesson 06's ISP C router at 1280 x 720 in Japanese, in the
 * middle, stood by the corner of ISP A's customers where ISP A's DNS
 * queries bent up into the Internet, 1 px off them). */
static float render_region_slot_y(const struct render_region_work *w, int r)
{
	int n = w->slot[r] / 2, side = w->slot[r] % 2, nb = render_region_next(w, n, side);
	struct render_region_rect q = w->net[n];
	float bh = w->off[w->nh + r][3], room = w->gap + w->room[n][side];
	if (nb >= 0 && render_region_overhangs(w, r))
		return side ? q.y + q.h + w->gap : q.y - w->gap - bh;
	if (nb >= 0)
		room = side ? w->net[nb].y - q.y - q.h : q.y - w->net[nb].y - w->net[nb].h;
	return side ? q.y + q.h + (room - bh) / 2 : q.y - (room + bh) / 2;
}

/* How far column d's regions can move towards clear of the y range y0
 * .. y1 (the one across it and those beyond, down or up if it lies
 * mostly above the range), as far as the map leaves room; moved so if
 * move.  Returns the distance (0: none across it, or no room). */
static float render_region_clear_rows(struct render_region_work *w, int d, float y0, float y1,
                                      struct render_region_rect in, int move)
{
	for (int m = 0; m < w->nnets; m++) {
		struct render_region_rect q = w->net[m];
		if (w->col[m] != d || q.y >= y1 || q.y + q.h <= y0)
			continue;
		int down = q.y + q.h / 2 > (y0 + y1) / 2;
		float by = down ? y1 - q.y : y0 - q.y - q.h, end = down ? in.y + in.h : in.y;
		for (int k = 0; k < w->nnets; k++)
			if (w->col[k] == d && (down ? w->net[k].y >= q.y : w->net[k].y <= q.y))
				by = down ? fminf(by, end - w->net[k].y - w->net[k].h) : fmaxf(by, end - w->net[k].y);
		if (down ? by <= 0 : by >= 0)
			return 0;
		for (int k = 0; k < w->nnets && move; k++)
			if (w->col[k] == d && (down ? w->net[k].y >= q.y : w->net[k].y <= q.y))
				w->net[k].y += by;
		return fabsf(by);
	}
	return 0;
}

/* A router in room kept for it between two regions of a column
 * narrower than the spaces beside it leave for its box stands out over
 * the next column on one side: that column's regions moved off its rows
 * as far as the map leaves room, on the side where that is farther
 * (lesson 06's ISP C router at 1280 x 720 in Japanese, 4 px wider than
 * its customers' column and the spaces beside, fitted only between ISP
 * A's two regions right under the Internet, where ISP A's mail ran round
 * it; ISP A's servers moved down, it stands by its customers). */
void render_region_clear_beside(struct render_region_work *w, struct render_region_rect in)
{
	for (int r = 0; r < w->nr; r++) {
		if (!render_region_overhangs(w, r))
			continue;
		int c = w->col[w->slot[r] / 2], pick = -1;
		float bh = w->off[w->nh + r][3], y = render_region_slot_y(w, r), best = 0;
		for (int d = c - 1; d <= c + 1; d += 2) {
			float by = d >= 0 && d < w->ncol ? render_region_clear_rows(w, d, y, y + bh, in, 0) : 0;
			if (by > best) {
				best = by;
				pick = d;
			}
		}
		if (pick >= 0)
			render_region_clear_rows(w, pick, y, y + bh, in, 1);
	}
}

/* Where router r's room (render_region_slot) puts its box's top-left: at
 * render_region_slot_y, at its column's edge towards the backbone it
 * links in another column, else across its column as near to where its
 * networks moved it as can be (x in); centred if it is wider than the
 * column, or out over the column beside if wider than the spaces too. */
void render_region_slot_at(const struct render_region_work *w, const struct scenario *sc, int r, float *x,
                                  float *y)
{
	int node = w->nh + r, n = w->slot[r] / 2;
	struct render_region_rect q = w->net[n];
	float bw = w->off[node][2];
	*y = render_region_slot_y(w, r);
	float lo = q.x, hi = q.x + q.w - bw;
	if (hi < lo) {
		/* wider than its column: centred; wider than the spaces beside
		 * too, out over the column beside whose regions leave its rows
		 * free, or nearest to (render_region_clear_beside),
		 * its other end an edge's strip in from its column's edge, where
		 * the lines of the routers beside come down from the backbone's
		 * corner dots (lesson 06's ISP B router's at 1280 x 720 in
		 * Japanese, 5 px off ISP C's router's corner) */
		float bh = w->off[node][3], to[2] = { *y, *y };   /* per side: the nearest rows free of it */
		for (int m = 0; m < w->nnets; m++) {
			int d = w->col[m] - w->col[n];
			struct render_region_rect b = w->net[m];
			if ((d == -1 || d == 1) && b.y < *y + bh && b.y + b.h > *y)
				to[d > 0] = b.y + b.h / 2 > *y + bh / 2 ? b.y - bh : b.y + b.h;
		}
		*x = q.x + (q.w - bw) / 2;
		if (!render_region_overhangs(w, r))
			return;
		int side = fabsf(to[0] - *y) <= fabsf(to[1] - *y) ? 0 : 1;
		int nb = render_region_next(w, n, w->slot[r] % 2);
		float top = nb < 0 ? -1e9f : w->slot[r] % 2 ? q.y + q.h : w->net[nb].y + w->net[nb].h;
		float bottom = nb < 0 ? 1e9f : w->slot[r] % 2 ? w->net[nb].y : q.y;
		if (to[side] >= top + w->gap && to[side] + bh <= bottom - w->gap) {
			*y = to[side];
			*x = side ? lo + w->edge : hi - w->edge;
		}
		return;
	}
	for (int k = 0; k < sc->routers[r].nlinks; k++) {
		int b = sc->routers[r].links[k].net;
		if (b >= 0 && b < w->nnets && sc->nets[b].kind == NET_KIND_BACKBONE && w->col[b] != w->col[n])
			*x = w->col[b] > w->col[n] ? hi : lo;
	}
	*x = fminf(fmaxf(*x, lo), hi);
}

/* Does router r's box at (x, y) lie along the edge of a backbone it
 * links, in the strip where routes run between its dots: less deep into
 * it than that strip, more than twice as long along it (lesson 03's ISP C
 * router 4 px into the Internet's bottom edge, where ISP A's mail ran to
 * ISP B's router)?  A box on a corner is not asked about: lesson 07's ISP
 * C router at 1280 x 720, 5 px into the Internet's corner, kept the
 * routes off; moved 3 px out of it, they ran down beside it. */
int render_region_on_edge(const struct render_region_work *w, const struct scenario *sc, int r, float x,
                                 float y)
{
	int node = w->nh + r;
	struct render_region_rect me = { x, y, w->off[node][2], w->off[node][3] };
	for (int k = 0; k < sc->routers[r].nlinks; k++) {
		int n = sc->routers[r].links[k].net;
		float ox, oy;
		if (n < 0 || n >= w->nnets || sc->nets[n].kind != NET_KIND_BACKBONE)
			continue;
		render_region_overlap(me, w->net[n], 0, &ox, &oy);
		if (ox > 0 && oy > 0 && fminf(ox, oy) < w->edge && fmaxf(ox, oy) > 2 * w->edge)
			return 1;
	}
	return 0;
}

/* Does router r's box at (x, y) stand where routes going round a host
 * of a backbone run: beside a side of the host's box nearer the
 * backbone's edge than a route needs to pass inside it, within the way
 * round (w->pass) and a gap of that side?  Lesson 03's ISP C router just
 * under the Internet at 1920 x 1080 and 1280 x 720: ISP A's mail to ISP
 * B went round the DNS server's bottom, 17 px above the Internet's edge
 * (7 px at 720p), along the top of the router's name (issue 11). */
static int render_region_on_pass(const struct render_region_work *w, const struct scenario *sc, int r, float x,
                                 float y)
{
	int node = w->nh + r;
	struct render_region_rect me = { x, y, w->off[node][2], w->off[node][3] };
	float p = w->pass, reach = w->pass + w->gap;
	for (int h = 0; h < w->nh; h++) {
		int n = sc->hosts[h].net;
		if (w->off[h][2] <= 0 || n < 0 || n >= w->nnets || sc->nets[n].kind != NET_KIND_BACKBONE)
			continue;
		struct render_region_rect b = render_region_box(w, h), q = w->net[n];
		/* each side of the host's box (top, bottom, left, right): how far
		 * in from the region's edge it lies, and the strip beside it */
		float in[4] = { b.y - q.y, q.y + q.h - b.y - b.h, b.x - q.x, q.x + q.w - b.x - b.w };
		struct render_region_rect strip[4] = { { b.x - p, b.y - reach, b.w + 2 * p, reach },
						       { b.x - p, b.y + b.h, b.w + 2 * p, reach },
						       { b.x - reach, b.y - p, reach, b.h + 2 * p },
						       { b.x + b.w, b.y - p, reach, b.h + 2 * p } };
		for (int s = 0; s < 4; s++) {
			float ox, oy;
			if (in[s] >= p)
				continue;
			render_region_overlap(me, strip[s], 0, &ox, &oy);
			/* along half that side at least: not a router the routes
			 * meet by the host's corner (lesson 03's ISP A router) */
			if (ox > 0 && oy > 0 && (s < 2 ? ox > b.w / 2 : oy > b.h / 2))
				return 1;
		}
	}
	return 0;
}

/* Does the segment (x1, y1)-(x2, y2) pass through q grown by g? */
static int render_region_cuts(struct render_region_rect q, float g, float x1, float y1, float x2, float y2)
{
	float t0 = 0, t1 = 1, dx = x2 - x1, dy = y2 - y1;
	float p[4] = { -dx, dx, -dy, dy };
	float v[4] = { x1 - (q.x - g), q.x + q.w + g - x1, y1 - (q.y - g), q.y + q.h + g - y1 };
	for (int i = 0; i < 4; i++) {
		if (p[i] == 0) {
			if (v[i] < 0)
				return 0;
			continue;
		}
		float t = v[i] / p[i];
		if (p[i] < 0)
			t0 = fmaxf(t0, t);
		else
			t1 = fminf(t1, t);
	}
	return t0 <= t1;
}

/* Router r's line to network n from its box b: from its centre to the
 * nearest point of n's region, inset (as render_links draws it). */
static void render_region_line(const struct render_region_work *w, struct render_region_rect b, int n, float *l)
{
	struct render_region_rect q = w->net[n];
	l[0] = b.x + b.w / 2;
	l[1] = b.y + b.h / 2;
	l[2] = fminf(fmaxf(l[0], q.x + w->inset), q.x + q.w - w->inset);
	l[3] = fminf(fmaxf(l[1], q.y + w->inset), q.y + q.h - w->inset);
}

/* Does router r's box at (x, y) stand on the line of a router placed
 * before it to one of its networks (lesson 07's ISP B router over the
 * corner where Corp's router's line met the Internet)?  (Its own lines
 * through routers placed before it were once asked here too, and lesson
 * 08's corp1 router went far from its company, below ISP B's router;
 * render_region_line_through asks it now, weighed after this one.) */
int render_region_on_line(const struct render_region_work *w, const struct scenario *sc, int r, float x,
                                 float y, const unsigned char *placed)
{
	int node = w->nh + r;
	struct render_region_rect me = { x, y, w->off[node][2], w->off[node][3] };
	float l[4];
	for (int q = 0; q < w->nr; q++) {
		if (q == r || !placed[q] || w->off[w->nh + q][2] <= 0)
			continue;
		struct render_region_rect other = render_region_box(w, w->nh + q);
		for (int k = 0; k < sc->routers[q].nlinks; k++) {
			int n = sc->routers[q].links[k].net;
			if (n < 0 || n >= w->nnets)
				continue;
			render_region_line(w, other, n, l);
			/* but for its end, where it meets the region's edge (lesson
			 * 12's data centre router at 1280 x 720 moved up off the
			 * school router's line's end, onto its region's name) */
			float dx = l[2] - l[0], dy = l[3] - l[1], len = sqrtf(dx * dx + dy * dy), keep;
			if (len <= 2 * w->edge)
				continue;
			keep = (len - 2 * w->edge) / len;
			if (render_region_cuts(me, w->clear, l[0], l[1], l[0] + dx * keep, l[1] + dy * keep))
				return 1;
		}
	}
	return 0;
}

/* Does a line of router r's box at (x, y) to a network of its own run
 * through the region of a network it does not join, past a margin in, or
 * through the box of a router placed before it (lesson 06's ISP B router
 * at 1920 x 1080, at the map's foot under its servers' corner: its line
 * up to the Internet ran past ISP C's customers and through ISP C's
 * router, and the mail to ISP B went round that router)?  Weighed after
 * render_region_on_line, as one more edge's worth. */
int render_region_line_through(const struct render_region_work *w, const struct scenario *sc, int r, float x,
                                      float y, const unsigned char *placed)
{
	int node = w->nh + r;
	struct render_region_rect me = { x, y, w->off[node][2], w->off[node][3] };
	float l[4];
	for (int k = 0; k < sc->routers[r].nlinks; k++) {
		int n = sc->routers[r].links[k].net;
		if (n < 0 || n >= w->nnets)
			continue;
		render_region_line(w, me, n, l);
		for (int m = 0; m < w->nnets; m++) {
			struct render_region_rect q = w->net[m];
			float g = -w->margin;   /* past a margin in: not a corner it grazes */
			if (!render_region_links(sc, r, m) && q.w > 2 * w->margin && q.h > 2 * w->margin &&
			    render_region_cuts(q, g, l[0], l[1], l[2], l[3]))
				return 1;
		}
		for (int q = 0; q < w->nr; q++)
			if (q != r && placed[q] && w->off[w->nh + q][2] > 0 &&
			    render_region_cuts(render_region_box(w, w->nh + q), 0, l[0], l[1], l[2], l[3]))
				return 1;
	}
	return 0;
}

/* How much router r's box at (x, y) covers of its own networks' regions
 * but the backbones'. */
static float render_region_own_cover(const struct render_region_work *w, const struct scenario *sc, int r, float x,
                                     float y)
{
	int node = w->nh + r;
	struct render_region_rect me = { x, y, w->off[node][2], w->off[node][3] };
	float sum = 0, ox, oy;
	for (int n = 0; n < w->nnets; n++) {
		if (sc->nets[n].kind == NET_KIND_BACKBONE || !render_region_links(sc, r, n))
			continue;
		render_region_overlap(me, w->net[n], 0, &ox, &oy);
		sum += ox > 0 && oy > 0 ? ox * oy : 0;
	}
	return sum;
}

/* Only once the regions are laid out, and each router only a little
 * (within twice the way round and a gap): a rule that moved routers
 * while they are (lifts, rooms, columns) moved whole columns (lesson 12's
 * Internet at 1280 x 720, and ISP B's router onto its servers' name),
 * and one that let a router jump as far as an edge does put lesson 10's
 * and 11's elsewhere; never onto a name's band nor farther into a region
 * of its own (lesson 12's ISP B router at 1280 x 720 went onto its
 * servers' name). */
void render_region_pass_off(struct render_region_work *w, const struct scenario *sc, struct render_region_rect in)
{
	if (w->bare)
		return;
	unsigned char *placed = xmalloc((size_t)w->nr + 1);
	memset(placed, 1, (size_t)w->nr + 1);
	float lim = 2 * (w->pass + w->gap);
	for (int r = 0; r < w->nr; r++) {
		int node = w->nh + r;
		float x0 = w->at[node][0] + w->off[node][0], y0 = w->at[node][1] + w->off[node][1];
		if (w->off[node][2] <= 0 || !render_region_on_pass(w, sc, r, x0, y0))
			continue;
		float cover0 = render_region_router_covers(w, sc, r, x0, y0, 1, placed);
		float own0 = render_region_own_cover(w, sc, r, x0, y0);
		float reach0 = render_region_reach(w, sc, r, x0, y0), best = -1, bx = x0, by = y0;
		int inside0 = render_region_router_inside(w, sc, r, x0, y0), edge0 = render_region_on_edge(w, sc, r, x0, y0);
		int line0 = render_region_on_line(w, sc, r, x0, y0, placed);
		for (float dy = -lim; dy <= lim; dy += 2)
			for (float dx = -lim; dx <= lim; dx += 2) {
				float x = x0 + dx, y = y0 + dy, d = dx * dx + dy * dy;
				if ((best >= 0 && d >= best) || x < in.x || y < in.y || x + w->off[node][2] > in.x + in.w ||
				    y + w->off[node][3] > in.y + in.h || render_region_on_pass(w, sc, r, x, y))
					continue;
				float cover = render_region_router_covers(w, sc, r, x, y, 1, placed);
				if (cover < 0 || cover > cover0 || render_region_own_cover(w, sc, r, x, y) > own0 ||
				    render_region_reach(w, sc, r, x, y) > reach0 + lim ||
				    (render_region_router_inside(w, sc, r, x, y) && !inside0) ||
				    (render_region_on_edge(w, sc, r, x, y) && !edge0) ||
				    (render_region_on_line(w, sc, r, x, y, placed) && !line0))
					continue;
				best = d;
				bx = x;
				by = y;
			}
		w->at[node][0] += bx - x0;
		w->at[node][1] += by - y0;
	}
	free(placed);
}

/* Does q cross the edge of region n on one side (0 top, 1 bottom, 2 left,
 * 3 right), over it across? */
static int render_region_across(struct render_region_rect q, struct render_region_rect n, int side)
{
	float e = side == 0 ? n.y : side == 1 ? n.y + n.h : side == 2 ? n.x : n.x + n.w;
	float lo = side < 2 ? q.y : q.x, hi = side < 2 ? q.y + q.h : q.x + q.w;
	int over = side < 2 ? q.x < n.x + n.w && q.x + q.w > n.x : q.y < n.y + n.h && q.y + q.h > n.y;
	return over && lo < e && hi > e;
}

int render_region_swallows(const struct render_region_work *w, const struct scenario *sc,
                           const struct render_region_rect *net0, const struct render_region_rect *box0)
{
	for (int r = 0; r < w->nr; r++) {
		if (w->slot[r] >= 0 || w->off[w->nh + r][2] <= 0)
			continue;
		struct render_region_rect b = render_region_box(w, w->nh + r);
		for (int k = 0; k < sc->routers[r].nlinks; k++) {
			int n = sc->routers[r].links[k].net;
			if (n < 0 || n >= w->nnets || sc->nets[n].kind != NET_KIND_BACKBONE)
				continue;
			struct render_region_rect q = w->net[n], q0 = net0[n];
			float ox, oy;
			render_region_overlap(b, q, 0, &ox, &oy);
			float moved[4] = { q.y - q0.y, q.y + q.h - q0.y - q0.h, q.x - q0.x, q.x + q.w - q0.x - q0.w };
			for (int side = 0; side < 4 && ox > 0 && oy > 0; side++)
				if (fabsf(moved[side]) > 1 && render_region_across(box0[r], q0, side) &&
				    !render_region_across(b, q, side))
					return 1;
		}
	}
	return 0;
}

/* Does router box b stand on the region of network n, which router r
 * does not join (inside 0), or inside backbone n, its centre past the
 * strip along the edge where lines end (inside 1)? */
static int render_region_stands_on(const struct render_region_work *w, const struct scenario *sc, int r,
                                   struct render_region_rect b, int n, int inside)
{
	struct render_region_rect q = w->net[n];
	if (inside) {
		struct render_region_rect in = { q.x + w->edge, q.y + w->edge, q.w - 2 * w->edge, q.h - 2 * w->edge };
		float cx = b.x + b.w / 2, cy = b.y + b.h / 2;
		return w->backbone[n] && cx > in.x && cx < in.x + in.w && cy > in.y && cy < in.y + in.h;
	}
	float ox, oy;
	render_region_overlap(b, q, 0, &ox, &oy);
	return !render_region_links(sc, r, n) && ox > 0 && oy > 0;
}

/* How many routers stand on the region of a network they do not join
 * (inside 0), or inside a backbone's (inside 1: lesson 10 at 1280 x 720
 * presenter en, the Internet grown: ISP C's router across its lower
 * corner, and the relay to the backup went round it through ISP C's
 * customers). */
int render_region_routers_on(const struct render_region_work *w, const struct scenario *sc, int inside)
{
	int k = 0;
	for (int r = 0; r < w->nr; r++) {
		struct render_region_rect b = render_region_box(w, w->nh + r);
		for (int n = 0; w->off[w->nh + r][2] > 0 && n < w->nnets; n++)
			if (render_region_stands_on(w, sc, r, b, n, inside)) {
				k++;
				break;
			}
	}
	return k;
}

/* The ✕ of a SYN a router drops goes on the line in to it, off the boxes
 * and names (render_cross_at_router): a router flush beside a backbone
 * leaves that line no length, and the route beside the backbone's edge
 * may run by a host's box (lesson 09 at 1920 x 1080 in Japanese: ISP
 * B's router flush under the Internet, and the IP25B ✕ stood 94 px off
 * the bot's SYN's line, which ran under the DNS server's box). */
int render_region_routers_flush(const struct render_region_work *w, const struct scenario *sc)
{
	int k = 0;
	for (int r = 0; r < w->nr; r++) {
		if (!sc->routers[r].nrules || w->off[w->nh + r][2] <= 0)
			continue;
		struct render_region_rect b = render_region_box(w, w->nh + r);
		for (int i = 0; i < sc->routers[r].nlinks; i++) {
			int n = sc->routers[r].links[i].net;
			float ox, oy;
			if (n < 0 || n >= w->nnets || sc->nets[n].kind != NET_KIND_BACKBONE)
				continue;
			render_region_overlap(b, w->net[n], 0, &ox, &oy);
			if (!(ox > 0 && oy > 0) && render_region_apart(b, w->net[n]) < w->mark) {
				k++;
				break;
			}
		}
	}
	return k;
}

/* How many routers stand over the end of another router's line to a
 * backbone (its dot, where the routes along the backbone's edge turn to
 * that router), within the edge strip's width: the routes pass under the
 * box there, as if through it (lesson 06 at 1280 x 720 in Japanese: with
 * the Internet grown, Oldcorp's router stood across its right edge just
 * above the corner where ISP B's router's line met it, and ISP A's mail
 * to ISP B ran under Oldcorp's name). */
int render_region_routers_over_dots(const struct render_region_work *w, const struct scenario *sc)
{
	int k = 0;
	for (int r = 0; r < w->nr; r++) {
		if (w->off[w->nh + r][2] <= 0)
			continue;
		struct render_region_rect b = render_region_box(w, w->nh + r);
		int over = 0;
		for (int q = 0; q < w->nr && !over; q++) {
			if (q == r || w->off[w->nh + q][2] <= 0)
				continue;
			struct render_region_rect o = render_region_box(w, w->nh + q);
			for (int i = 0; i < sc->routers[q].nlinks && !over; i++) {
				int n = sc->routers[q].links[i].net;
				float l[4];
				if (n < 0 || n >= w->nnets || sc->nets[n].kind != NET_KIND_BACKBONE)
					continue;
				render_region_line(w, o, n, l);
				over = l[2] > b.x - w->edge && l[2] < b.x + b.w + w->edge && l[3] > b.y - w->edge &&
				       l[3] < b.y + b.h + w->edge;
			}
		}
		k += over;
	}
	return k;
}
