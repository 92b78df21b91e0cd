/* render_topology_tag — a connection's tag ("SMTP 25 TLS") on its route:
 * by its line where that hides nothing and reads as no other host's or
 * network's, else moved away and tied to the line's middle. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_app.h"
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
			if (render_topology_crowded(a, c) > 0)
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
	if (best < 0 && render_traffic_free_spot((struct render_app *)a, (SDL_Rect){ mid.x - w / 2, mid.y - h / 2, w, h },
						 w, h, 0, out)) {
		render_topology_route_tie(a, ends, mx, my, *out, tie);
		best = render_topology_route_tie_clear(a, tie, *out) ? 0 : 1L << 30;
	}
	/* In presenter mode a tag whose every tie would cross a box or a name
	 * is left out (lesson 01b: tied across the DNS server's corner), as a
	 * drop label with no place is: the line's colour still tells. */
	return best >= 0 && (!a->presenter || best < 1L << 30);
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
		NWANT = NSPOT * NABOVE + NMORE * NMABOVE + 2 * NMORE
	};
	int w = 0, h = 0;
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
		} else {   /* beside the line (a line going down) */
			m -= NMORE * NMABOVE;
			f = more_spots[m % NMORE];
			side = m / NMORE ? 1 : -1;
		}
		render_topology_along(rt, f, &mx, &my);
		my += (float)px * up;
		mx += side * (float)(w / 2 + px / 2);
		want[k] = (SDL_Rect){ (int)mx - w / 2, (int)my - h / 2, w, h };
	}
	int k = render_topology_pick(a, want, NWANT);
	SDL_Rect away;
	struct render_topology_tie tie;
	float mx = 0, my = 0;
	render_topology_along(rt, 0.5f, &mx, &my);
	int moved = render_topology_crowded(a, want[k]) > 0;
	if (moved && !render_topology_route_tag_away(a, rt, mx, my, w, h, &away, &tie)) {
		if (a->presenter)
			return;
		moved = 0;
	}
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
