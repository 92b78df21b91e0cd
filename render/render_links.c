/* render_links — the lines that join routers to the networks they link. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_layout.h"
#include "render_links.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_tray.h"
#include "render_ui.h"
#include "util.h"

/* The first link of router r in the flat cache: the links of the routers
 * before it. */
static size_t render_links_base(const struct scenario *sc, int r)
{
	size_t n = 0;
	for (int q = 0; q < r; q++)
		n += (size_t)sc->routers[q].nlinks;
	return n;
}

/* The nearest point of net's region to (x, y), just inside it. */
static void render_links_dot(const struct render_app *a, int net, float x, float y, float *dx, float *dy)
{
	SDL_Rect rc = render_layout_net_rect(&a->layout, net);
	float inset = 18 * a->layout.k;
	*dx = fminf(fmaxf(x, (float)rc.x + inset), (float)(rc.x + rc.w) - inset);
	*dy = fminf(fmaxf(y, (float)rc.y + inset), (float)(rc.y + rc.h) - inset);
}

int render_links_joins(const struct render_app *a, int r, int m)
{
	const struct sc_router *ro = &a->sc->routers[r];
	SDL_Rect o = render_layout_net_rect(&a->layout, m);
	for (int k = 0; k < ro->nlinks; k++) {
		int n = ro->links[k].net;
		if (n < 0 || n >= a->sc->nnets)
			continue;
		SDL_Rect rn = render_layout_net_rect(&a->layout, n);
		if (n == m || (rn.x >= o.x && rn.y >= o.y && rn.x + rn.w <= o.x + o.w && rn.y + rn.h <= o.y + o.h))
			return 1;
	}
	return 0;
}

#define RENDER_LINKS_REGIONS 24
#define RENDER_LINKS_KEEP (5 * RENDER_LINKS_REGIONS)

/* The regions a line of router r must keep off: those of networks it
 * does not link, each grown by grow pixels (negative: shrunk), into out;
 * returns how many. */
static int render_links_foreign(const struct render_app *a, int r, int grow, SDL_Rect *out, int max)
{
	int n = 0;
	for (int m = 0; m < a->sc->nnets && n < max; m++) {
		if (render_links_joins(a, r, m))
			continue;
		SDL_Rect o = render_layout_net_rect(&a->layout, m);
		out[n++] = (SDL_Rect){ o.x - grow, o.y - grow, o.w + 2 * grow, o.h + 2 * grow };
	}
	return n;
}

/* The hosts' boxes a line of router r must keep off too, every one (a
 * link joins a router to a network, never to a host), each grown by grow
 * pixels, appended to out after its n; returns how many there are now
 * (lesson 11 in presenter mode: ISP A's and ISP B's lines to the
 * Internet ended under the attacker's relay server, and the mail between
 * them read as relayed by the attacker). */
static int render_links_hosts(const struct render_app *a, int grow, SDL_Rect *out, int n, int max)
{
	for (int h = 0; h < a->sc->nhosts && n < max && a->node_box; h++) {
		if ((size_t)h >= a->nspread || render_layout_leader(a->sc, h) != h)
			continue;
		SDL_Rect o = a->node_box[h], t, j;
		if (o.w > 0 && o.h > 0)
			out[n++] = (SDL_Rect){ o.x - grow, o.y - grow, o.w + 2 * grow, o.h + 2 * grow };
		/* and its mailbox's trays (lesson 06: Oldcorp's router line ended
		 * on its INBOX tray, as if wired into a mailbox) */
		if (n < max && render_tray_rect(a, h, "INBOX", &t) && render_tray_rect(a, h, "Junk", &j)) {
			SDL_UnionRect(&t, &j, &o);
			out[n++] = (SDL_Rect){ o.x - grow, o.y - grow, o.w + 2 * grow, o.h + 2 * grow };
		}
	}
	return n;
}

/* The mailboxes' trays (INBOX and Junk together), each grown by grow
 * pixels, into out; returns how many. */
static int render_links_trays(const struct render_app *a, int grow, SDL_Rect *out, int max)
{
	int n = 0;
	for (int h = 0; h < a->sc->nhosts && n < max; h++) {
		SDL_Rect t, j, o;
		if ((size_t)h >= a->nspread || render_layout_leader(a->sc, h) != h || !render_tray_rect(a, h, "INBOX", &t) ||
		    !render_tray_rect(a, h, "Junk", &j))
			continue;
		SDL_UnionRect(&t, &j, &o);
		out[n++] = (SDL_Rect){ o.x - grow, o.y - grow, o.w + 2 * grow, o.h + 2 * grow };
	}
	return n;
}

/* The other routers' boxes and rule chips, the discs at the ends of
 * their lines to other networks than net (laid: those before link i in
 * the cache; the rest where their straight lines would end), and, with
 * titles, the names of the networks but net and those round it, each
 * grown by grow pixels, appended to out after its n; returns how many
 * there are now.  Lesson 06 at 1280 x 720 in Japanese: ISP C's line up
 * to the Internet ran under ISP A's router and its "OP25B オン", and the
 * bot's spam, which follows it, read as leaving through ISP A's OP25B;
 * lesson 12: ISP B's router's line to its servers ran through "ISP B
 * customers (dynamic IP)" (issue 11). */
static int render_links_others(const struct render_app *a, int r, int net, size_t i, int titles, int grow,
                               SDL_Rect *out, int n, int max)
{
	const struct scenario *sc = a->sc;
	const struct render_topology_place *pl = a->place;
	float th = (float)a->panels.line * 1.5f;
	int d = (int)ceilf(th * 1.6f);
	for (int q = 0; q < sc->nrouters && a->node_box && n + 2 < max; q++) {
		if (q == r)
			continue;
		SDL_Rect o = a->node_box[sc->nhosts + q];
		if (o.w > 0 && o.h > 0)
			out[n++] = (SDL_Rect){ o.x - grow, o.y - grow, o.w + 2 * grow, o.h + 2 * grow };
		if (pl && pl->chips && pl->chips[q].w > 0) {
			o = pl->chips[q];
			out[n++] = (SDL_Rect){ o.x - grow, o.y - grow, o.w + 2 * grow, o.h + 2 * grow };
		}
	}
	for (int q = 0, j = 0; q < sc->nrouters; q++)
		for (int k = 0; k < sc->routers[q].nlinks; k++, j++) {
			int m = sc->routers[q].links[k].net;
			if (q == r || m == net || m < 0 || m >= sc->nnets || n >= max)
				continue;
			float x, y, ex, ey;
			if ((size_t)j < i && (size_t)j < a->nlink_path && a->link_path[j].n >= 2) {
				ex = a->link_path[j].x[a->link_path[j].n - 1];
				ey = a->link_path[j].y[a->link_path[j].n - 1];
			} else {
				render_topology_router_xy(a, q, &x, &y);
				render_links_dot(a, m, x, y, &ex, &ey);
			}
			int cx = (int)lroundf(ex), cy = (int)lroundf(ey);
			out[n++] = (SDL_Rect){ cx - d - grow, cy - d - grow, 2 * (d + grow), 2 * (d + grow) };
		}
	SDL_Rect own = render_layout_net_rect(&a->layout, net), hit;
	for (int m = 0; titles && pl && pl->title && m < sc->nnets && n < max; m++) {
		SDL_Rect o = pl->title[m].rc, rm = render_layout_net_rect(&a->layout, m);
		if ((m == net && titles < 2) || o.w <= 0 ||
		    (m != net && SDL_IntersectRect(&own, &rm, &hit) && hit.w == own.w && hit.h == own.h))
			continue;   /* (a network's round net's: its line goes in there; net's own
			             * with titles 2, render_links_titles, off its dot too) */
		int g = grow + (m == net ? (int)ceilf(th * 1.6f) + 2 : 0);
		out[n++] = (SDL_Rect){ o.x - g, o.y - g, o.w + 2 * g, o.h + 2 * g };
	}
	return n;
}

/* How many of the n regions the path p crosses (a segment's piece inside
 * the router's own box, box, hidden by it, apart). */
static int render_links_cost(const struct render_links_path *p, const SDL_Rect *reg, int n, SDL_Rect box)
{
	int c = 0;
	for (int j = 0; j < n; j++)
		for (int i = 1; i < p->n; i++) {
			int x1 = (int)lroundf(p->x[i - 1]), y1 = (int)lroundf(p->y[i - 1]);
			int x2 = (int)lroundf(p->x[i]), y2 = (int)lroundf(p->y[i]);
			if (!SDL_IntersectRectAndLine(&reg[j], &x1, &y1, &x2, &y2))
				continue;
			SDL_Point q1 = { x1, y1 }, q2 = { x2, y2 };
			if (SDL_PointInRect(&q1, &box) && SDL_PointInRect(&q2, &box))
				continue;
			c++;
			break;
		}
	return c;
}

/* How many of the n boxes the dot at the end of p lies in (the soft
 * hosts' boxes, grown by a route's half width): routes turn there into
 * the network, and from a dot on a box's edge they ran along or through
 * the box (lesson 03 at 20.07 s, 720p presenter: ISP C's dot on the
 * Internet lay 1 px under the DNS server's box, and the dropped SYN to
 * ISP B's router crossed it).  Only where other routers link the
 * network too (render_links_lay): into a network only one router joins,
 * routes go to its hosts (lesson 12's ISP B servers at 720p presenter:
 * its dot on the mail server's corner beats a long way round to the
 * network's name).  Weighed below a name or another router near the
 * line. */
static int render_links_end_in(const struct render_links_path *p, const SDL_Rect *reg, int n)
{
	SDL_Point q = { (int)lroundf(p->x[p->n - 1]), (int)lroundf(p->y[p->n - 1]) };
	int c = 0;
	for (int j = 0; j < n; j++)
		c += SDL_PointInRect(&q, &reg[j]);
	return c;
}

static float render_links_length(const struct render_links_path *p)
{
	float d = 0;
	for (int i = 1; i < p->n; i++)
		d += hypotf(p->x[i] - p->x[i - 1], p->y[i] - p->y[i - 1]);
	return d;
}


/* How many of p's bends lie off the map (it would be cut there). */
static int render_links_off(const struct render_links_path *p, SDL_Rect map)
{
	int c = 0;
	for (int i = 1; i + 1 < p->n; i++) {
		SDL_Point q = { (int)lroundf(p->x[i]), (int)lroundf(p->y[i]) };
		c += !SDL_PointInRect(&q, &map);
	}
	return c;
}

/* p from its router's box's centre (box) straight to where it last
 * leaves the box, and on from there as it was, if it left the box
 * before: such a path, drawn from the box's edge facing its first bend,
 * showed a spur out of the box that led nowhere (lesson 06 at 1280 x 720
 * presenter in English: ISP C's line to its customers left the box's top
 * and came back down under it; lesson 13 with ISP B's router placed
 * first: the service's line to the Internet). */
static void render_links_trim(struct render_links_path *p, SDL_Rect box)
{
	for (int i = p->n - 1; i >= 2 && box.w > 0; i--) {
		int x1 = (int)lroundf(p->x[i - 1]), y1 = (int)lroundf(p->y[i - 1]);
		int x2 = (int)lroundf(p->x[i]), y2 = (int)lroundf(p->y[i]);
		if (!SDL_IntersectRectAndLine(&box, &x1, &y1, &x2, &y2))
			continue;
		int out = 0;   /* left the box before (else the box hides the bends) */
		for (int j = 1; j < i && !out; j++) {
			SDL_Point q = { (int)lroundf(p->x[j]), (int)lroundf(p->y[j]) };
			out = !SDL_PointInRect(&q, &box);
		}
		if (!out)
			return;
		/* square with where it goes next if it nearly is (lesson 11 at
		 * 1280 x 720 presenter in English: ISP B's line to its customers
		 * left the box's top 5 px aslant) */
		float dx = p->x[i] - (float)x2, dy = p->y[i] - (float)y2;
		if (fabsf(dx) <= 0.15f * fabsf(dy) && p->x[i] >= (float)box.x && p->x[i] < (float)(box.x + box.w))
			x2 = (int)lroundf(p->x[i]);
		else if (fabsf(dy) <= 0.15f * fabsf(dx) && p->y[i] >= (float)box.y && p->y[i] < (float)(box.y + box.h))
			y2 = (int)lroundf(p->y[i]);
		p->x[1] = (float)x2;
		p->y[1] = (float)y2;
		int m = 2;
		for (int k = i; k < p->n; k++, m++) {
			p->x[m] = p->x[k];
			p->y[m] = p->y[k];
		}
		p->n = m;
		return;
	}
}

/* Keep p if it is better than best (fewer regions and hosts' boxes
 * crossed, then other routers and names, then fewer crossed nearly or bent off the map, then fewer other
 * routers and names come near, then hosts, then shorter); the soft
 * regions' first mark[0], hosts' boxes up to mark[1], then the others';
 * mark[2]: the network is crossed between routers (render_links_end_in). */
static void render_links_try(const struct render_links_path *p, const SDL_Rect *hard, const SDL_Rect *soft, int n,
                             const int *mark, SDL_Rect box, SDL_Rect map, struct render_links_path *best,
                             float *best_cost)
{
	/* the disc at its end on a mailbox's trays, grown by the disc's
	 * radius (mark[3] of them at hard + mark[4]): as a bend off the map
	 * (lessons 06, 07, 08 and 13 at some sizes: the disc on an INBOX or
	 * Junk tray, as if the router were wired into a mailbox) */
	int disc = render_links_end_in(p, hard + mark[4], mark[3]);
	/* near a region first, near a host's box after (lesson 12 in
	 * presenter mode: ISP A's line ran on ISP B's customers' edge); near
	 * another router between (a route along the line reads as passing
	 * it: lesson 06's ISP A mail to the DNS server by ISP C's router) */
	/* A bend off the map outweighs crossing names and other routers (lesson
	 * 07 at 1920 x 1080 presenter ja: Corp's line to the Internet, kept
	 * off 「インターネット」, went right off the map round ISP B's
	 * customers and came back 250 px lower, and the mail with it), not a
	 * region or a host (lesson 12 at 720p presenter en: the school's line
	 * along the map's left edge rather than across the data centre). */
	/* (never so many others that they outweigh one region or host: lesson
	 * 12's school router's line went across the data centre rather than
	 * past ISP A's router, its dots and names) */
	int nr = mark[0], nh = mark[1];
	int others = render_links_cost(p, hard + nh, n - nh, box), near = render_links_cost(p, soft + nh, n - nh, box);
	float c = (float)render_links_cost(p, hard, nh, box) * 1e7f + (float)(others < 9 ? others : 9) * 1e6f +
		  (float)render_links_off(p, map) * 2e6f + (float)render_links_cost(p, soft, nr, box) * 1e5f +
		  (float)(near < 9 ? near : 9) * 1e4f + (float)(mark[2] ? render_links_end_in(p, soft + nr, nh - nr) : 0) * 5e3f +
		  (float)render_links_cost(p, soft + nr, nh - nr, box) * 300 + (float)disc * 2e6f + render_links_length(p);
	if (*best_cost < 0 || c < *best_cost) {
		*best = *p;
		*best_cost = c;
	}
}

/* Router r's line to net: straight to the nearest point of net's region
 * where that crosses no region of a network r does not link; else
 * straight to another point of net's region, or bent round such a region
 * at one of its corners, whichever is shortest of those that cross none
 * (lesson 06 in presenter mode at 1280 x 720: ISP B's router stood below
 * ISP C's customers, its line to the Internet ran up across them, and
 * read as ISP B's traffic passing through ISP C). */
static void render_links_lay(const struct render_app *a, int r, int net, size_t i, int titles,
                             struct render_links_path *p)
{
	SDL_Rect hard[RENDER_LINKS_KEEP], soft[RENDER_LINKS_KEEP];
	int gap = (int)((float)a->panels.line * 1.5f) + 3;
	int n = render_links_foreign(a, r, -3, hard, RENDER_LINKS_REGIONS);
	render_links_foreign(a, r, gap, soft, RENDER_LINKS_REGIONS);
	int nr = n;   /* regions; hosts' boxes after them */
	n = render_links_hosts(a, -2, hard, nr, RENDER_LINKS_KEEP);
	/* a route along the line is drawn wider: half of it and a little */
	int wide = (int)((float)a->panels.line * 1.25f) + 2, nh = render_links_hosts(a, wide, soft, nr, RENDER_LINKS_KEEP);
	/* other routers' boxes, chips and dots, names: the line itself off
	 * them (half of it and a pixel), a route along it nearly */
	n = render_links_others(a, r, net, i, titles, (int)((float)a->panels.line * 0.75f) + 1, hard, n, RENDER_LINKS_KEEP);
	render_links_others(a, r, net, i, titles, wide, soft, nh, RENDER_LINKS_KEEP);
	/* a network other routers link too: routes cross it dot to dot */
	int transit = 0;
	for (int q = 0; q < a->sc->nrouters && !transit; q++)
		for (int k = 0; q != r && k < a->sc->routers[q].nlinks; k++)
			transit |= a->sc->routers[q].links[k].net == net;
	/* after the rest in hard: the mailboxes' trays grown by the disc's radius */
	int nd = render_links_trays(a, (int)ceilf((float)a->panels.line * 2.4f), hard + n, RENDER_LINKS_KEEP - n);
	int mark[5] = { nr, nh, transit, nd, n };
	SDL_Rect box = { 0, 0, 0, 0 };
	if (a->node_box && a->nspread > (size_t)(a->sc->nhosts + r))
		box = a->node_box[a->sc->nhosts + r];
	render_topology_router_xy(a, r, &p->x[0], &p->y[0]);
	render_links_dot(a, net, p->x[0], p->y[0], &p->x[1], &p->y[1]);
	p->n = 2;
	/* kept where it keeps off the regions and other routers and crosses
	 * no host's box */
	if (!n || (!render_links_cost(p, soft, nr, box) && !render_links_cost(p, hard + nr, n - nr, box) &&
		   !render_links_cost(p, soft + nh, n - nh, box) && !(transit && render_links_end_in(p, soft + nr, nh - nr)) &&
		   !render_links_end_in(p, hard + n, nd)))
		return;
	struct render_links_path best = *p, c = *p;
	float cost = -1;
	SDL_Rect map = a->panels.topo;   /* a few pixels in: a bend on its edge is cut too */
	map = (SDL_Rect){ map.x + gap, map.y + gap, map.w - 2 * gap, map.h - 2 * gap };
	render_links_try(p, hard, soft, n, mark, box, map, &best, &cost);
	/* other points of the region, straight; nearer its edge where the
	 * boxes in it leave no room further in */
	SDL_Rect rc = render_layout_net_rect(&a->layout, net);
	for (int pass = 0; pass < 3 && cost >= 5e3f; pass++) {
		float inset = pass == 2 ? 3 : pass ? 8 : 18 * a->layout.k, x0 = (float)rc.x + inset, y0 = (float)rc.y + inset;
		float x1 = (float)(rc.x + rc.w) - inset, y1 = (float)(rc.y + rc.h) - inset, step = 6;
		for (float t = 0; x1 >= x0 && y1 >= y0 && t <= 2 * (x1 - x0) + 2 * (y1 - y0); t += step) {
			float u = t;
			if (u <= x1 - x0) {
				c.x[1] = x0 + u;
				c.y[1] = y0;
			} else if ((u -= x1 - x0) <= y1 - y0) {
				c.x[1] = x1;
				c.y[1] = y0 + u;
			} else if ((u -= y1 - y0) <= x1 - x0) {
				c.x[1] = x1 - u;
				c.y[1] = y1;
			} else {
				c.x[1] = x0;
				c.y[1] = y1 - (u - (x1 - x0));
			}
			render_links_try(&c, hard, soft, n, mark, box, map, &best, &cost);
			/* or at a right angle, out of the router's box level with
			 * the point or straight above or below it (lesson 11 at
			 * 1280 x 720 presenter ja: D社's router stands on its
			 * region's top edge, over its name, and its line went round
			 * the region's left side to a dot under the name, where
			 * one bend reaches the free corner right of the name) */
			struct render_links_path e = c;
			e.n = 3;
			e.x[2] = c.x[1];
			e.y[2] = c.y[1];
			/* (to a point clear of the hosts' boxes and trays; only
			 * when laid again off its own network's name, which the
			 * way there had ended on) */
			for (int k = 0; k < 2 && titles == 2 && !render_links_end_in(&c, soft + nr, nh - nr); k++) {
				e.x[1] = k ? p->x[0] : c.x[1];
				e.y[1] = k ? c.y[1] : p->y[0];
				render_links_try(&e, hard, soft, n, mark, box, map, &best, &cost);
			}
		}
	}
	/* bent at a corner of a region it keeps off, to the nearest point
	 * of net's region from there */
	c.n = 3;
	for (int j = 0; j < n; j++)
		for (int k = 0; k < 4; k++) {
			c.x[1] = (float)(k & 1 ? soft[j].x + soft[j].w + 1 : soft[j].x - 1);
			c.y[1] = (float)(k & 2 ? soft[j].y + soft[j].h + 1 : soft[j].y - 1);
			render_links_dot(a, net, c.x[1], c.y[1], &c.x[2], &c.y[2]);
			render_links_try(&c, hard, soft, n, mark, box, map, &best, &cost);
		}
	/* bent twice, round a region's side or between two regions (lesson
	 * 12: the data centre lies between the school and the Internet) */
	c.n = 4;
	/* at regions' corners; at the corners of the hosts' boxes the best
	 * way yet crosses too (lesson 12: the spammers' server in the data
	 * centre's way) -- every host's would be too many for a frame */
	int at[RENDER_LINKS_KEEP], m = 0;
	for (int j = 0; j < n; j++)
		if (j < nr || render_links_cost(&best, &hard[j], 1, box) || (j >= nh && render_links_cost(&best, &soft[j], 1, box)))
			at[m++] = j;
	for (int j = 0; j < 4 * m && cost >= 5e3f; j++)
		for (int k = 0; k < 4 * m; k++) {
			if (k == j)
				continue;
			const SDL_Rect *f = &soft[at[j / 4]], *g = &soft[at[k / 4]];
			c.x[1] = (float)(j & 1 ? f->x + f->w + 1 : f->x - 1);
			c.y[1] = (float)(j & 2 ? f->y + f->h + 1 : f->y - 1);
			c.x[2] = (float)(k & 1 ? g->x + g->w + 1 : g->x - 1);
			c.y[2] = (float)(k & 2 ? g->y + g->h + 1 : g->y - 1);
			render_links_dot(a, net, c.x[2], c.y[2], &c.x[3], &c.y[3]);
			render_links_try(&c, hard, soft, n, mark, box, map, &best, &cost);
		}
	/* (the way chosen as weighed, only its hidden start changed: trimmed
	 * before weighing, ways that double back on themselves won, lesson
	 * 12's ISP A line to its customers down past its servers and back) */
	render_links_trim(&best, box);
	*p = best;
}

/* What the lines are laid out from: the regions, the boxes, the routers'
 * places, the line's width (a frame with the same lays them out the
 * same; keeping hosts' boxes off costs too much to lay them every frame). */
static uint64_t render_links_key(const struct render_app *a)
{
	uint64_t h = 14695981039346656037ull;
	h = util_fnv1a(h, &a->sc, sizeof a->sc);
	h = util_fnv1a(h, &a->sc->nrouters, sizeof a->sc->nrouters);
	h = util_fnv1a(h, &a->panels.line, sizeof a->panels.line);
	h = util_fnv1a(h, &a->layout.k, sizeof a->layout.k);
	for (int n = 0; n < a->sc->nnets; n++) {
		SDL_Rect rc = render_layout_net_rect(&a->layout, n);
		h = util_fnv1a(h, &rc, sizeof rc);
	}
	if (a->node_box)
		h = util_fnv1a(h, a->node_box, (size_t)(a->sc->nhosts + a->sc->nrouters) * sizeof *a->node_box);
	for (int r = 0; r < a->sc->nrouters; r++) {
		float xy[2];
		render_topology_router_xy(a, r, &xy[0], &xy[1]);
		h = util_fnv1a(h, xy, sizeof xy);
		if (a->place && a->place->chips)
			h = util_fnv1a(h, &a->place->chips[r], sizeof a->place->chips[r]);
	}
	return h;
}

/* The point at distance t along the inset rectangle (x0, y0)-(x1, y1)'s
 * edge, clockwise from its top-left corner. */
static void render_links_ring_xy(float x0, float y0, float x1, float y1, float t, float *x, float *y)
{
	float w = x1 - x0, h = y1 - y0, per = 2 * (w + h);
	t = fmodf(fmodf(t, per) + per, per);
	if (t <= w) {
		*x = x0 + t;
		*y = y0;
	} else if ((t -= w) <= h) {
		*x = x1;
		*y = y0 + t;
	} else if ((t -= h) <= w) {
		*x = x1 - t;
		*y = y1;
	} else {
		*x = x0;
		*y = y1 - (t - w);
	}
}

/* Does the segment (x1, y1)-(x2, y2) cross a box of the map's but router
 * r's own? */
static int render_links_seg_boxed(const struct render_app *a, int r, float x1, float y1, float x2, float y2)
{
	const struct scenario *sc = a->sc;
	for (int i = 0; a->node_box && i < sc->nhosts + sc->nrouters && (size_t)i < a->nspread; i++) {
		SDL_Rect b = a->node_box[i];
		int ax = (int)lroundf(x1), ay = (int)lroundf(y1), bx = (int)lroundf(x2), by = (int)lroundf(y2);
		if (i != sc->nhosts + r && b.w > 0 && SDL_IntersectRectAndLine(&b, &ax, &ay, &bx, &by))
			return 1;
	}
	return 0;
}

/* Does a disc of radius rad at (x, y) lie on a box but router r's own or
 * on a mailbox's trays? */
static int render_links_disc_on(const struct render_app *a, int r, float x, float y, float rad)
{
	const struct scenario *sc = a->sc;
	SDL_Rect disc = { (int)(x - rad), (int)(y - rad), (int)(2 * rad) + 1, (int)(2 * rad) + 1 }, ix;
	for (int i = 0; a->node_box && i < sc->nhosts + sc->nrouters && (size_t)i < a->nspread; i++)
		if (i != sc->nhosts + r && a->node_box[i].w > 0 && SDL_IntersectRect(&a->node_box[i], &disc, &ix))
			return 1;
	SDL_Rect trays[RENDER_LINKS_KEEP];
	int n = render_links_trays(a, 0, trays, RENDER_LINKS_KEEP);
	for (int i = 0; i < n; i++)
		if (SDL_IntersectRect(&trays[i], &disc, &ix))
			return 1;
	return 0;
}

/* Do the segments (ax, ay)-(bx, by) and (cx, cy)-(dx, dy) cross? */
static int render_links_cross(float ax, float ay, float bx, float by, float cx, float cy, float dx, float dy)
{
	float d1 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax), d2 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
	float d3 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx), d4 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
	return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/* Does line i's last piece, from (px, py) to (x, y), cross a line to net
 * laid before it? */
static int render_links_crosses_before(const struct render_app *a, int i, int net, float px, float py, float x,
                                       float y)
{
	const struct scenario *sc = a->sc;
	for (int q = 0, j = 0; q < sc->nrouters; q++)
		for (int m = 0; m < sc->routers[q].nlinks; m++, j++) {
			const struct render_links_path *o = &a->link_path[j];
			for (int k = 1; j < i && sc->routers[q].links[m].net == net && k < o->n; k++)
				if (render_links_cross(px, py, x, y, o->x[k - 1], o->y[k - 1], o->x[k], o->y[k]))
					return 1;
		}
	return 0;
}

/* Does the segment (px, py)-(x, y) pass within d of the end of a line
 * laid before line i to net (its disc on the way: it reads as joined)? */
static int render_links_passes_dot(const struct render_app *a, int i, int net, float px, float py, float x, float y,
                                   float d)
{
	const struct scenario *sc = a->sc;
	float vx = x - px, vy = y - py, l2 = vx * vx + vy * vy;
	for (int q = 0, j = 0; q < sc->nrouters; q++)
		for (int m = 0; m < sc->routers[q].nlinks; m++, j++) {
			const struct render_links_path *o = &a->link_path[j];
			if (j >= i || sc->routers[q].links[m].net != net || o->n < 2)
				continue;
			float ox = o->x[o->n - 1], oy = o->y[o->n - 1];
			float t = l2 > 0 ? ((ox - px) * vx + (oy - py) * vy) / l2 : 0;
			t = t < 0 ? 0 : t > 1 ? 1 : t;
			if (hypotf(px + t * vx - ox, py + t * vy - oy) < d)
				return 1;
		}
	return 0;
}

/* Does a line laid before line i to net end within d of (x, y)? */
static int render_links_dot_near(const struct render_app *a, int i, int net, float x, float y, float d)
{
	const struct scenario *sc = a->sc;
	for (int q = 0, j = 0; q < sc->nrouters; q++)
		for (int m = 0; m < sc->routers[q].nlinks; m++, j++) {
			const struct render_links_path *o = &a->link_path[j];
			if (j < i && sc->routers[q].links[m].net == net && o->n >= 2 &&
			    hypotf(o->x[o->n - 1] - x, o->y[o->n - 1] - y) < d)
				return 1;
		}
	return 0;
}

/* Each line whose disc lands on the disc of a line laid before it to the
 * same network slid along that network's edge (its routers' dots' ring)
 * until the two are apart, the nearer way whose last piece crosses no box
 * nor passes by the other disc (lesson 08: the second company's line ran
 * up past ISP B's dot), and crosses no earlier line if it can: two
 * routers' lines meeting at one dot read as wired to each other
 * (lesson 13 at 1280 x 720 presenter: ISP C's and ISP B's lines met in a
 * V on the Internet's corner; lesson 08: the second company's and ISP
 * B's). */
static void render_links_apart(struct render_app *a)
{
	const struct scenario *sc = a->sc;
	float d = 2 * (float)a->panels.line * 1.5f * 1.6f + 2, inset = 18 * a->layout.k;
	for (int r = 0, i = 0; r < sc->nrouters; r++)
		for (int k = 0; k < sc->routers[r].nlinks; k++, i++) {
			struct render_links_path *p = &a->link_path[i];
			int net = sc->routers[r].links[k].net;
			if (net < 0 || net >= sc->nnets || p->n < 2)
				continue;
			SDL_Rect rc = render_layout_net_rect(&a->layout, net);
			float x0 = (float)rc.x + inset, y0 = (float)rc.y + inset, x1 = (float)(rc.x + rc.w) - inset,
			      y1 = (float)(rc.y + rc.h) - inset;
			float ex = p->x[p->n - 1], ey = p->y[p->n - 1], t0 = 0, best = 1e9f;
			if (!render_links_dot_near(a, i, net, ex, ey, d) || x1 <= x0 || y1 <= y0)
				continue;
			/* where on the ring it ends (its end is on it, clamped there) */
			for (float t = 0; t < 2 * (x1 - x0 + y1 - y0); t += 1) {
				float x, y;
				render_links_ring_xy(x0, y0, x1, y1, t, &x, &y);
				float e = hypotf(x - ex, y - ey);
				if (e < best) {
					best = e;
					t0 = t;
				}
			}
			if (best > 2)
				continue;   /* inside the region, not on its edge: left as laid */
			/* first where it crosses no line laid before it to net (an X
			 * of two lines is no better than a V) */
			for (int pass = 0; pass < 2; pass++)
			for (float off = 2; off <= 6 * d; off += 2)
				for (int dir = 1; dir >= -1; dir -= 2) {
					float x, y;
					render_links_ring_xy(x0, y0, x1, y1, t0 + (float)dir * off, &x, &y);
					if (render_links_dot_near(a, i, net, x, y, d) ||
					    render_links_passes_dot(a, i, net, p->x[p->n - 2], p->y[p->n - 2], x, y, d) ||
					    (!pass && render_links_crosses_before(a, i, net, p->x[p->n - 2], p->y[p->n - 2], x, y)))
						continue;
					if (render_links_seg_boxed(a, r, p->x[p->n - 2], p->y[p->n - 2], x, y) ||
					    render_links_disc_on(a, r, x, y, d / 2))
						continue;
					p->x[p->n - 1] = x;
					p->y[p->n - 1] = y;
					off = 1e9f;   /* done */
					pass = 2;
					break;
				}
		}
}

void render_links_update(struct render_app *a)
{
	const struct scenario *sc = a->sc;
	uint64_t key = render_links_key(a);
	if (a->link_path_known && key == a->link_key)
		return;
	a->link_key = key;
	a->link_title_key = 0;
	size_t total = render_links_base(sc, sc->nrouters);
	if (total > a->nlink_path || !a->link_path)   /* the lines, then as laid before the names */
		a->link_path = xrealloc(a->link_path, (2 * total + 1) * sizeof *a->link_path);
	a->nlink_path = total;
	for (int r = 0, i = 0; r < sc->nrouters; r++)
		for (int k = 0; k < sc->routers[r].nlinks; k++, i++) {
			int net = sc->routers[r].links[k].net;
			if (net >= 0 && net < sc->nnets)
				render_links_lay(a, r, net, (size_t)i, 0, &a->link_path[i]);
			else
				a->link_path[i].n = 0;
		}
	render_links_apart(a);
	memcpy(a->link_path + total, a->link_path, total * sizeof *a->link_path);
	a->link_path_known = 1;
}

/* Does the dot at the end of path p (th: the line's width) lie on net's
 * own name?  The dot goes on the region's edge nearest the router, where
 * a name along the edge may be (lesson 07 at 1080p presenter: ISP C's
 * router's dot on "port 25 rules)"; lesson 06 at 720p presenter: ISP A's
 * between the "I" and the "P" of 「ISP A 会員（動的IP）」). */
static int render_links_dot_on_title(const struct render_app *a, int net, const struct render_links_path *p,
                                     float th)
{
	SDL_Rect o = a->place->title[net].rc, hit;
	int d = (int)ceilf(th * 1.6f) + 2;
	SDL_Rect dot = { (int)lroundf(p->x[p->n - 1]) - d, (int)lroundf(p->y[p->n - 1]) - d, 2 * d, 2 * d };
	return o.w > 0 && SDL_IntersectRect(&o, &dot, &hit);
}

/* Does path p of router r run over the name of a network but net (and
 * those round it)? */
static int render_links_on_title(const struct render_app *a, int r, int net, const struct render_links_path *p)
{
	SDL_Rect t[RENDER_LINKS_REGIONS + 1], box = { 0, 0, 0, 0 };
	int n = 0;
	SDL_Rect own = render_layout_net_rect(&a->layout, net), hit;
	for (int m = 0; m < a->sc->nnets && n < RENDER_LINKS_REGIONS; m++) {
		SDL_Rect o = a->place->title[m].rc, rm = render_layout_net_rect(&a->layout, m);
		if (m == net || o.w <= 0 || (SDL_IntersectRect(&own, &rm, &hit) && hit.w == own.w && hit.h == own.h))
			continue;
		int g = (int)((float)a->panels.line * 0.75f) + 1;
		t[n++] = (SDL_Rect){ o.x - g, o.y - g, o.w + 2 * g, o.h + 2 * g };
	}
	if (a->node_box && a->nspread > (size_t)(a->sc->nhosts + r))
		box = a->node_box[a->sc->nhosts + r];
	return n && render_links_cost(p, t, n, box) > 0;
}

/* What the names were placed at: with the lines' inputs, the key of the
 * lines laid off them. */
static uint64_t render_links_title_key(const struct render_app *a)
{
	uint64_t h = util_fnv1a(a->link_key, "titles", 6);
	for (int m = 0; m < a->sc->nnets; m++)
		h = util_fnv1a(h, &a->place->title[m].rc, sizeof a->place->title[m].rc);
	return h | 1;
}

void render_links_titles(struct render_app *a)
{
	const struct scenario *sc = a->sc;
	if (!a->link_path_known || !a->place || !a->place->title)
		return;
	uint64_t key = render_links_title_key(a);
	if (key == a->link_title_key)
		return;
	a->link_title_key = key;
	size_t total = a->nlink_path;
	memcpy(a->link_path, a->link_path + total, total * sizeof *a->link_path);
	for (int r = 0, i = 0; r < sc->nrouters; r++)
		for (int k = 0; k < sc->routers[r].nlinks; k++, i++) {
			int net = sc->routers[r].links[k].net;
			struct render_links_path p = a->link_path[i];
			if (net < 0 || net >= sc->nnets || p.n < 2)
				continue;
			render_topology_router_edge(a, r, p.x[1], p.y[1], &p.x[0], &p.y[0]);   /* as drawn */
			int own = render_links_dot_on_title(a, net, &p, (float)a->panels.line * 1.5f);
			if (!own && !render_links_on_title(a, r, net, &p))
				continue;
			struct render_links_path q = p;
			render_links_lay(a, r, net, (size_t)i, own ? 2 : 1, &q);
			if (own && render_links_dot_on_title(a, net, &q, (float)a->panels.line * 1.5f)) {
				/* no better place for the dot: off the others' names only */
				if (!render_links_on_title(a, r, net, &p))
					continue;
				q = p;
				render_links_lay(a, r, net, (size_t)i, 1, &q);
			}
			a->link_path[i] = q;
		}
	render_links_apart(a);
}

void render_links_path(const struct render_app *a, int r, int net, struct render_links_path *p)
{
	const struct scenario *sc = a->sc;
	if (a->link_path_known && r >= 0 && r < sc->nrouters) {
		size_t i = render_links_base(sc, r);
		for (int k = 0; k < sc->routers[r].nlinks; k++)
			if (sc->routers[r].links[k].net == net && i + (size_t)k < a->nlink_path &&
			    a->link_path[i + (size_t)k].n >= 2) {
				*p = a->link_path[i + (size_t)k];
				return;
			}
	}
	render_links_lay(a, r, net, 0, 0, p);
}

void render_links_draw(struct render_app *a)
{
	const struct scenario *sc = a->sc;
	float th = (float)a->panels.line * 1.5f;
	for (int r = 0; r < sc->nrouters; r++)
		for (int k = 0; k < sc->routers[r].nlinks; k++) {
			int n = sc->routers[r].links[k].net;
			if (n < 0 || n >= sc->nnets)
				continue;
			struct render_links_path p;
			render_links_path(a, r, n, &p);
			/* from the edge of the router's box facing the line, where
			 * routes meet it too (render_topology_router_edge) */
			if (p.n >= 2)
				render_topology_router_edge(a, r, p.x[1], p.y[1], &p.x[0], &p.y[0]);
			for (int i = 1; i < p.n; i++) {
				render_draw_line(a->ren, p.x[i - 1], p.y[i - 1], p.x[i], p.y[i], th, RENDER_THEME_LINK);
				if (i + 1 < p.n)   /* a round joint at a bend */
					render_draw_disc(a->ren, p.x[i], p.y[i], th / 2, RENDER_THEME_LINK);
			}
			render_draw_disc(a->ren, p.x[p.n - 1], p.y[p.n - 1], th * 1.6f, RENDER_THEME_LINK);
		}
}

int render_links_cuts(const struct render_app *a, int r, const struct render_links_path *p, SDL_Rect rc)
{
	SDL_Rect own = { 0, 0, 0, 0 };
	if (a->node_box && a->nspread > (size_t)(a->sc->nhosts + r))
		own = a->node_box[a->sc->nhosts + r];
	for (int i = 1; i < p->n && rc.w > 0 && rc.h > 0; i++) {
		int x1 = (int)lroundf(p->x[i - 1]), y1 = (int)lroundf(p->y[i - 1]);
		int x2 = (int)lroundf(p->x[i]), y2 = (int)lroundf(p->y[i]);
		if (!SDL_IntersectRectAndLine(&rc, &x1, &y1, &x2, &y2))
			continue;
		SDL_Point q1 = { x1, y1 }, q2 = { x2, y2 };
		if (!(SDL_PointInRect(&q1, &own) && SDL_PointInRect(&q2, &own)))
			return 1;
	}
	return 0;
}

int render_links_under(const struct render_app *a, int r, const struct render_links_path *p)
{
	const struct scenario *sc = a->sc;
	for (int q = 0; q < sc->nrouters && a->node_box; q++) {
		if (q == r || a->nspread <= (size_t)(sc->nhosts + q))
			continue;
		SDL_Rect chip = a->place && a->place->chips ? a->place->chips[q] : (SDL_Rect){ 0, 0, 0, 0 };
		if (render_links_cuts(a, r, p, a->node_box[sc->nhosts + q]) || render_links_cuts(a, r, p, chip))
			return 1;
	}
	return 0;
}

void render_links_free(struct render_app *a)
{
	free(a->link_path);
	a->link_path = NULL;
	a->nlink_path = 0;
	a->link_path_known = 0;
}
