/* render_topology_tag — a connection's tag ("SMTP 25 TLS") on its route:
 * by its line where that hides nothing and reads as no other host's or
 * network's, else moved away and tied to the line's middle. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_app.h"
#include "render_cross.h"
#include "render_draw.h"
#include "render_font.h"
#include "render_layout.h"
#include "render_theme.h"
#include "render_topology.h"

/* What the tie segment (x0, y0)-(x1, y1) to the tag at c crosses: a
 * point a box of the route's two ends (ends[0..1], nodes as in the trace)
 * costs 1, in a label 4, in another box or a chip 16. */
static int render_topology_route_tie_cost(const struct render_app *a, float x0, float y0, float x1, float y1,
                                          SDL_Rect c, const int *ends)
{
	int steps = (int)(hypotf(x1 - x0, y1 - y0) / 4) + 1, cost = 0;
	for (int k = 0; k <= steps; k++) {
		SDL_Point pt = { (int)(x0 + (x1 - x0) * (float)k / (float)steps),
				 (int)(y0 + (y1 - y0) * (float)k / (float)steps) };
		if (SDL_PointInRect(&pt, &c))
			continue;
		for (size_t i = 0; i < a->nhits; i++) {
			const struct render_app_hitbox *h = &a->hits[i];
			int node = h->kind == RENDER_APP_HIT_HOST ? h->a : h->kind == RENDER_APP_HIT_ROUTER ? a->sc->nhosts + h->a
			         : h->kind == RENDER_APP_HIT_RULE ? -2 : -3;   /* -2: a chip */
			if (node == -3 || !SDL_PointInRect(&pt, &h->rc))
				continue;
			cost += node == ends[0] || node == ends[1] ? 1 : 16;   /* another box: at a price */
		}
		for (size_t i = 0; i < a->ntaken; i++)
			if (SDL_PointInRect(&pt, &a->taken[i]))
				cost += 4;
	}
	return cost;
}

/* How far the segment (x1, y1)-(x2, y2) comes to rc (0: it crosses it). */
static float render_topology_tag_seg(SDL_Rect rc, float x1, float y1, float x2, float y2)
{
	int a1 = (int)lroundf(x1), b1 = (int)lroundf(y1), a2 = (int)lroundf(x2), b2 = (int)lroundf(y2);
	if (SDL_IntersectRectAndLine(&rc, &a1, &b1, &a2, &b2))
		return 0;
	float best = 1e9f, dx = x2 - x1, dy = y2 - y1, l2 = dx * dx + dy * dy;
	for (int e = 0; e < 2; e++) {   /* the segment's ends to the rectangle */
		float px = e ? x2 : x1, py = e ? y2 : y1;
		float ox = fmaxf(fmaxf((float)rc.x - px, 0), px - (float)(rc.x + rc.w));
		float oy = fmaxf(fmaxf((float)rc.y - py, 0), py - (float)(rc.y + rc.h));
		best = fminf(best, hypotf(ox, oy));
	}
	for (int c = 0; c < 4 && l2 > 0; c++) {   /* the rectangle's corners to the segment */
		float cx = (float)(c & 1 ? rc.x + rc.w : rc.x), cy = (float)(c & 2 ? rc.y + rc.h : rc.y);
		float t = fminf(fmaxf(((cx - x1) * dx + (cy - y1) * dy) / l2, 0), 1);
		best = fminf(best, hypotf(cx - (x1 + dx * t), cy - (y1 + dy * t)));
	}
	return best;
}

/* Does router r link network net? */
static int render_topology_tag_links(const struct scenario *sc, int r, int net)
{
	for (int i = 0; i < sc->routers[r].nlinks; i++)
		if (sc->routers[r].links[i].net == net)
			return 1;
	return 0;
}

/* The networks route rt passes through, into on (at most max): its
 * ends' and, between two of its routers, the first both link. */
static int render_topology_tag_nets(const struct render_app *a, const struct render_topology_route *rt, int *on,
                                    int max)
{
	const struct scenario *sc = a->sc;
	int n = 0, prev = -1;
	for (int k = 0; k < rt->n && n < max; k++) {
		int node = rt->node[k];
		if (node >= 0 && node < sc->nhosts && (k == 0 || k == rt->n - 1))
			on[n++] = sc->hosts[node].net;
		if (node < sc->nhosts || node >= sc->nhosts + sc->nrouters)
			continue;
		int r = node - sc->nhosts;
		for (int i = 0; prev >= 0 && prev != r && i < sc->routers[r].nlinks && n < max; i++)
			if (render_topology_tag_links(sc, prev, sc->routers[r].links[i].net)) {
				on[n++] = sc->routers[r].links[i].net;
				break;
			}
		prev = r;
	}
	return n;
}

/* Would a tag at rc read as another host's or network's (review 23:
 * lesson 10's "SMTP 25" for ISP A's server -> the backup on the corner
 * of ISP A's customers by Alice's PC, with OP25B on; lesson 11's "SMTP 25
 * TLS" against the attacker's relay server)?  It does if it lies on the
 * region of a network the route does not pass through, or within 3
 * pixels of the box of a host that is not an end of the route, or nearer
 * such a box than its own line. */
static int render_topology_tag_astray(const struct render_app *a, const struct render_topology_route *rt, SDL_Rect rc)
{
	const struct scenario *sc = a->sc;
	int on[RENDER_TOPOLOGY_MAX_POINTS + 2];
	int non = render_topology_tag_nets(a, rt, on, RENDER_TOPOLOGY_MAX_POINTS + 2), routers = 0;
	for (int k = 0; k < rt->n; k++)
		routers += rt->node[k] >= sc->nhosts && rt->node[k] < sc->nhosts + sc->nrouters;
	/* a hop inside one network (no router): its tag inside its region
	 * too -- outside, beyond its edge, the hop read as leaving it (lesson
	 * 01b at 1.134 s in presenter mode: "SMTP 25" for ISP A's MSA -> MTA
	 * hung below ISP A's servers by the Internet) */
	if (!routers && non > 0 && on[0] >= 0 && on[0] < sc->nnets) {
		SDL_Rect home = render_layout_net_rect(&a->layout, on[0]), ix;
		if (!SDL_IntersectRect(&home, &rc, &ix) || !SDL_RectEquals(&ix, &rc))
			return 1;
	}
	for (int n = 0; n < sc->nnets; n++) {
		SDL_Rect rn = render_layout_net_rect(&a->layout, n), ix;
		if (!SDL_IntersectRect(&rn, &rc, &ix))
			continue;
		int mine = 0;
		for (int i = 0; i < non && !mine; i++) {
			SDL_Rect ro = render_layout_net_rect(&a->layout, on[i]), u;
			SDL_UnionRect(&rn, &ro, &u);   /* the same, or one holds the other */
			mine = on[i] == n || !memcmp(&u, &rn, sizeof u) || !memcmp(&u, &ro, sizeof u);
		}
		if (!mine)
			return 1;
	}
	float own = 1e9f;
	for (int k = 1; k < rt->n; k++)
		own = fminf(own, render_topology_tag_seg(rc, rt->x[k - 1], rt->y[k - 1], rt->x[k], rt->y[k]));
	int ends[2] = { rt->node[0] >= 0 && rt->node[0] < sc->nhosts ? render_layout_leader(sc, rt->node[0]) : -1,
			rt->node[rt->n - 1] >= 0 && rt->node[rt->n - 1] < sc->nhosts ?
				render_layout_leader(sc, rt->node[rt->n - 1]) : -1 };
	for (int h = 0; a->node_box && h < sc->nhosts && (size_t)h < a->nspread; h++) {
		SDL_Rect b = a->node_box[h];
		if (b.w <= 0 || b.h <= 0 || h == ends[0] || h == ends[1] || render_layout_leader(sc, h) != h)
			continue;
		float d = render_topology_apart(rc, b);
		if (d < 3 || d <= own)
			return 1;
	}
	return 0;
}

/* The places the crosses of dropped SYNs will take on their lines
 * (render_cross_keep), placed after the tags: a tag kept off them leaves
 * each ✕ on its line (lesson 09's "SMTP 25 TLS", kept off ISP B's
 * customers, took the IP25B ✕'s place by ISP B's router). */
struct render_topology_tag_keep {
	SDL_Rect rc[16];
	int n;
};

static void render_topology_tag_keep_of(struct render_app *a, struct render_topology_tag_keep *k)
{
	k->n = 0;
	int any = 0;
	for (size_t i = 0; i < a->nfconn && !any; i++)
		any = a->fconn[i].blocked_at >= 0 && !a->fconn[i].in_flight;
	for (int r = 0; any && r < a->sc->nrouters && k->n < 16; r++)
		k->n += render_cross_keep(a, r, k->rc + k->n, 16 - k->n);
}

/* Is a tag at rc astray (render_topology_tag_astray) or on a ✕'s place? */
static int render_topology_tag_unfit(const struct render_app *a, const struct render_topology_route *rt,
                                     const struct render_topology_tag_keep *k, SDL_Rect rc)
{
	SDL_Rect ix;
	for (int i = 0; i < k->n; i++)
		if (SDL_IntersectRect(&rc, &k->rc[i], &ix))
			return 1;
	return render_topology_tag_astray(a, rt, rc);
}

/* A route tag's tie: from the line's middle straight to the tag, or
 * sideways first to the column beside the route's end boxes (out through
 * the gap between two boxes one above the other) and then to the tag. */
struct render_topology_tie {
	float x[3], y[3];
	int n, cost;
};

static void render_topology_route_tie(const struct render_app *a, const int *ends, float mx, float my, SDL_Rect c,
                                      struct render_topology_tie *t)
{
	float cx = (float)c.x + (float)c.w / 2, cy = (float)c.y + (float)c.h / 2;
	*t = (struct render_topology_tie){ { mx, cx, 0 }, { my, cy, 0 }, 2, 0 };
	t->cost = render_topology_route_tie_cost(a, mx, my, cx, cy, c, ends);
	SDL_Rect u = { 0, 0, 0, 0 }, b;
	for (int e = 0; e < 2; e++)
		if (render_topology_node_box((struct render_app *)a, ends[e], &b))
			SDL_UnionRect(&u, &b, &u);
	if (u.w == 0)
		return;
	float ex = cx > mx ? (float)(u.x + u.w + a->panels.pad) : (float)(u.x - a->panels.pad);
	if ((cx > mx) != (cx > ex) || cx == ex)
		return;   /* the tag is not beyond the boxes */
	int c1 = render_topology_route_tie_cost(a, mx, my, ex, my, c, ends);
	int c2 = render_topology_route_tie_cost(a, ex, my, cx, cy, c, ends);
	if (c1 + c2 < t->cost)
		*t = (struct render_topology_tie){ { mx, ex, cx }, { my, my, cy }, 3, c1 + c2 };
}

/* Does tie t to the tag at c cross no box, chip or label (but the tag)? */
static int render_topology_route_tie_clear(const struct render_app *a, const struct render_topology_tie *t, SDL_Rect c)
{
	SDL_Rect start = { (int)t->x[0] - 2, (int)t->y[0] - 2, 4, 4 };
	for (int i = 1; i < t->n; i++)
		if (render_topology_tie_crowded(a, t->x[i - 1], t->y[i - 1], t->x[i], t->y[i], start, c))
			return 0;
	return 1;
}

/* A w x h place for a route's tag with no room by the line: a free one
 * around the line's middle (mx, my) in eight directions, whose tie
 * crosses as little as it can (render_topology_route_tie_cost), else the
 * nearest free place anywhere, tied straight.  1, *out and its tie, else
 * 0. */
static int render_topology_route_tag_away(const struct render_app *a, const struct render_topology_route *rt,
                                          const struct render_topology_tag_keep *keep,
                                          float mx, float my, int w, int h, SDL_Rect *out,
                                          struct render_topology_tie *tie)
{
	int ends[2] = { rt->node[0], rt->node[rt->n - 1] };
	long best = -1;
	SDL_Point mid = { (int)mx, (int)my };
	for (int r = 1; r <= 24; r++) {
		int d = r * h / 2;
		for (int dir = 0; dir < 8; dir++) {
			static const int dx[8] = { 1, -1, 0, 0, 1, -1, 1, -1 }, dy[8] = { 0, 0, -1, 1, 1, 1, -1, -1 };
			SDL_Rect c = { dx[dir] > 0 ? mid.x + d : dx[dir] < 0 ? mid.x - d - w : mid.x - w / 2,
				       dy[dir] > 0 ? mid.y + d / 2 : dy[dir] < 0 ? mid.y - d / 2 - h : mid.y - h / 2, w, h };
			if (dx[dir] == 0)
				c.y = dy[dir] > 0 ? mid.y + d : mid.y - d - h;
			if (render_topology_crowded(a, c) > 0 || render_topology_tag_unfit(a, rt, keep, c))
				continue;
			struct render_topology_tie t;
			render_topology_route_tie(a, ends, mx, my, c, &t);
			long score = (long)t.cost * 64 + d;   /* through a box costs more than a longer line */
			if (!render_topology_route_tie_clear(a, &t, c))
				score += 1L << 30;   /* across a box or a label: only if no tie is clear */
			if (best < 0 || score < best) {
				best = score;
				*out = c;
				*tie = t;
			}
		}
	}
	/* (not one that reads as another network's either: lesson 12 at
	 * 620.5 s, 1920 x 1080 presenter in Japanese, "SMTP 25 TLS" for ISP
	 * A's server -> ISP B's went on ISP A's customers' corner) */
	if (best < 0 && render_traffic_free_spot((struct render_app *)a, (SDL_Rect){ mid.x - w / 2, mid.y - h / 2, w, h },
						 w, h, 0, out) && !render_topology_tag_unfit(a, rt, keep, *out)) {
		render_topology_route_tie(a, ends, mx, my, *out, tie);
		best = render_topology_route_tie_clear(a, tie, *out) ? 0 : 1L << 30;
	}
	/* A tag whose every tie would cross a box or a name is left out
	 * (lesson 01b: tied across the DNS server's corner), as a drop label
	 * with no place is: the line's colour still tells. */
	return best >= 0 && best < 1L << 30;
}

void render_topology_route_tag(struct render_app *a, const struct render_topology_route *rt, const char *lbl, int px,
                               uint32_t col)
{
	/* The first spot along the route, above or below the line, that
	 * hides no host, router, chip or label: the usual few, then more
	 * along it and nearer or farther from it. */
	static const float spots[] = { 0.5f, 0.35f, 0.65f, 0.22f, 0.78f };
	static const float above[] = { -1.2f, 1.2f, -2.4f };
	static const float more_spots[] = { 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f };
	static const float more_above[] = { -1.5f, 1.5f, -1.8f, 1.8f, 2.4f, -3.0f, 3.0f };
	enum {
		NSPOT = sizeof spots / sizeof spots[0], NABOVE = sizeof above / sizeof above[0],
		NMORE = sizeof more_spots / sizeof more_spots[0], NMABOVE = sizeof more_above / sizeof more_above[0],
		NWANT = NSPOT * NABOVE + NMORE * NMABOVE + 3 * NMORE
	};
	/* in presenter mode at the back row's size at least, 24 px at 1080p
	 * (16 at 720p; the floor for the map's base 17 set it at 22 and 15)
	 * -- issue 11 */
	int w = 0, h = 0, back = (int)lroundf(24 * a->panels.s);
	if (a->presenter && px < back)
		px = back;
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_FIT, 400, lbl, &w, &h);
	w += 2 * (px / 3 + 2);   /* as render_topology_pill draws it */
	h += 2;
	SDL_Rect want[NWANT];
	for (int k = 0; k < NWANT; k++) {
		float mx = 0, my = 0, f, up = 0, side = 0;
		int m = k - NSPOT * NABOVE;
		if (m < 0) {
			f = spots[k % NSPOT];
			up = above[k / NSPOT];
		} else if (m < NMORE * NMABOVE) {
			f = more_spots[m % NMORE];
			up = more_above[m / NMORE];
		} else if (m < NMORE * NMABOVE + 2 * NMORE) {   /* beside the line (a line going down) */
			m -= NMORE * NMABOVE;
			f = more_spots[m % NMORE];
			side = m / NMORE ? 1 : -1;
		} else {   /* on the line, last: where no place by it is its own */
			f = more_spots[(m - NMORE * NMABOVE - 2 * NMORE) % NMORE];
		}
		render_topology_along(rt, f, &mx, &my);
		my += (float)px * up;
		mx += side * (float)(w / 2 + px / 2);
		want[k] = (SDL_Rect){ (int)mx - w / 2, (int)my - h / 2, w, h };
	}
	/* none that reads as another host's or network's: those are moved
	 * off the map for the pick (it counts what lies outside as hidden) */
	SDL_Rect mine[NWANT];
	struct render_topology_tag_keep keep;
	render_topology_tag_keep_of(a, &keep);
	for (int i = 0; i < NWANT; i++) {
		mine[i] = want[i];
		if (render_topology_tag_unfit(a, rt, &keep, want[i]))
			mine[i].x = -100000;
	}
	int k = render_topology_pick(a, mine, NWANT);
	if (mine[k].x == -100000)
		k = render_topology_pick(a, want, NWANT);   /* all stray: as before, moved away below */
	SDL_Rect away;
	struct render_topology_tie tie;
	float mx = 0, my = 0;
	render_topology_along(rt, 0.5f, &mx, &my);
	int moved = render_topology_crowded(a, want[k]) > 0 || render_topology_tag_unfit(a, rt, &keep, want[k]);
	/* No place by the line and none away whose tie crosses nothing: left
	 * out, as a drop label with no place is (the line's colour still
	 * tells): by the line it hid a name, tied away it crossed a box
	 * (lesson 13 at 30.02 s, 1280 x 720: across the newsletter system's
	 * corner). */
	if (moved && !render_topology_route_tag_away(a, rt, &keep, mx, my, w, h, &away, &tie))
		return;
	if (moved) {
		/* None by the line (two boxes one above the other, lesson 01b's
		 * submission and relay servers: it hid the MSA badge and the
		 * address): beside them, tied to the line's middle. */
		for (int i = 1; i < tie.n; i++)
			render_topology_place_tie(a, tie.x[i - 1], tie.y[i - 1], tie.x[i], tie.y[i], col,
						  RENDER_TOPOLOGY_OVER_TAG);
		render_draw_disc(a->ren, mx, my, (float)a->panels.line * 2.0f, col);
		want[k] = away;
	}
	render_topology_place_over(a, render_topology_pill(a, RENDER_FONT_BOLD, px, lbl, (float)(want[k].x + w / 2),
							   (float)(want[k].y + h / 2), 400, RENDER_THEME_PANEL, col, col),
				   RENDER_TOPOLOGY_OVER_TAG);
}
