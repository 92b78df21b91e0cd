/* render_summary_tie — a summary label that has no free place by what it
 * labels goes to a free place near it, tied back by a line that goes
 * round what is in the way (see render_summary_tie.h). */
#include "render_summary_tie.h"

#include <math.h>
#include <stdlib.h>

#include "render_app.h"
#include "render_topology.h"
#include "util.h"

/* Pixels a tie keeps off a box but where it starts and ends. */
#define RENDER_SUMMARY_TIE_GAP 2
/* Starting points tried for each place: the nearest. */
#define RENDER_SUMMARY_TIE_STARTS 3

/* A free place for the label, and how near it lies to the nearest of the
 * tie's starting points. */
struct render_summary_tie_spot {
	SDL_Rect rc;
	float near;
};

static int render_summary_tie_cmp(const void *p, const void *q)
{
	const struct render_summary_tie_spot *a = p, *b = q;
	if (a->near != b->near)
		return a->near < b->near ? -1 : 1;
	/* equally near: top to bottom, left to right (qsort is not stable) */
	return a->rc.y != b->rc.y ? (a->rc.y < b->rc.y ? -1 : 1) : (a->rc.x > b->rc.x) - (a->rc.x < b->rc.x);
}

/* The point of rc nearest to (x, y), and how far it is. */
static float render_summary_tie_nearest(SDL_Rect rc, float x, float y, float *lx, float *ly)
{
	*lx = fminf(fmaxf(x, (float)rc.x), (float)(rc.x + rc.w));
	*ly = fminf(fmaxf(y, (float)rc.y), (float)(rc.y + rc.h));
	return hypotf(*lx - x, *ly - y);
}

/* 1 if rc is taken by something a tie may cross: what the summary does
 * not draw (a mailbox's trays, where letters would pile by a host), or
 * another tie. */
static int render_summary_tie_unseen(const struct render_app *a, SDL_Rect rc)
{
	/* an earlier tie's dots (render_topology_place_tie: 3 x 3 every few
	 * pixels): two thin lines may cross where they are crowded (lesson
	 * 12's ✓ Junk tags over ISP B's server, stacked) */
	if (rc.w == 3 && rc.h == 3)
		return 1;
	for (size_t i = 0; a->place && i < a->place->nlab; i++) {
		const struct render_topology_label *l = &a->place->lab[i];
		if ((l->kind == RENDER_TOPOLOGY_PILE || l->kind == RENDER_TOPOLOGY_TRAY) && SDL_RectEquals(&rc, &l->rc))
			return 1;
	}
	return 0;
}

/* 1 if the point is on nothing a tie may not cross: no host's or router's
 * box (nor within gap pixels of one), no chip, no label or mark placed
 * (a->taken), inside the panel.
 * Mailboxes' trays and where letters at rest would pile by a host are
 * taken too, but the summary draws neither: a tie may cross them (leaving
 * a server's edge, where its arrows end). */
static int render_summary_tie_point_clear(const struct render_app *a, SDL_Point pt, int gap)
{
	if (!SDL_PointInRect(&pt, &a->panels.topo))
		return 0;
	/* a few pixels off a box: a tie run along a box's edge reads as its
	 * outline (lesson 13's ④ in presenter mode at 1280 x 720) */
	SDL_Rect near = { pt.x - gap, pt.y - gap, 2 * gap + 1, 2 * gap + 1 };
	for (size_t i = 0; i < a->nhits; i++) {
		const struct render_app_hitbox *h = &a->hits[i];
		if ((h->kind == RENDER_APP_HIT_HOST || h->kind == RENDER_APP_HIT_ROUTER || h->kind == RENDER_APP_HIT_RULE) &&
		    SDL_HasIntersection(&near, &h->rc))
			return 0;
	}
	for (size_t i = 0; i < a->ntaken; i++)
		if (SDL_PointInRect(&pt, &a->taken[i]) && !render_summary_tie_unseen(a, a->taken[i]))
			return 0;
	return 1;
}

/* The starting points (of the na points ax, ay) nearest to rc, nearest
 * first, into pick; returns how many (at most RENDER_SUMMARY_TIE_STARTS:
 * a long route has many). */
static int render_summary_tie_starts(SDL_Rect rc, const float *ax, const float *ay, int na, int *pick)
{
	float pd[RENDER_SUMMARY_TIE_STARTS], lx, ly;
	int np = 0;
	for (int k = 0; k < na; k++) {
		float d = render_summary_tie_nearest(rc, ax[k], ay[k], &lx, &ly);
		int at = np;
		if (np < RENDER_SUMMARY_TIE_STARTS)
			np++;
		else if (d >= pd[RENDER_SUMMARY_TIE_STARTS - 1])
			continue;
		else
			at = RENDER_SUMMARY_TIE_STARTS - 1;
		for (; at > 0 && pd[at - 1] > d; at--) {
			pick[at] = pick[at - 1];
			pd[at] = pd[at - 1];
		}
		pick[at] = k;
		pd[at] = d;
	}
	return np;
}

/* How the ties are kept clear: off the boxes by gap pixels and off the
 * points of keep (strict), or only off what they would hide (where no
 * strict tie can be found). */
struct render_summary_tie_rule {
	const struct render_summary_tie_keep *keep;
	int gap;
};

/* How many pixels of the line from (x0, y0) to (x1, y1) cross something,
 * but inside from (where the tie starts) and to (the label), or pass a
 * point of rule's keep; counting stops at most (0: the line is clear). */
static int render_summary_tie_cost(const struct render_app *a, float x0, float y0, float x1, float y1, SDL_Rect from,
                                   SDL_Rect to, const struct render_summary_tie_rule *rule, int most)
{
	const struct render_summary_tie_keep *keep = rule->keep;
	float len = hypotf(x1 - x0, y1 - y0);
	int cost = 0;
	for (float d = 0; d <= len && cost < most; d += 1.0f) {
		float t = len > 0 ? d / len : 0;
		SDL_Point pt = { (int)lroundf(x0 + (x1 - x0) * t), (int)lroundf(y0 + (y1 - y0) * t) };
		if (SDL_PointInRect(&pt, &from) || SDL_PointInRect(&pt, &to))
			continue;
		int bad = !render_summary_tie_point_clear(a, pt, rule->gap);
		for (int k = 0; k < keep->n && !bad; k++)
			bad = hypotf((float)pt.x - keep->pt[k][0], (float)pt.y - keep->pt[k][1]) < keep->r;
		cost += bad;
	}
	return cost;
}

static int render_summary_tie_clear(const struct render_app *a, float x0, float y0, float x1, float y1, SDL_Rect from,
                                    SDL_Rect to, const struct render_summary_tie_rule *rule)
{
	return render_summary_tie_cost(a, x0, y0, x1, y1, from, to, rule, 1) == 0;
}

/* The shortest clear tie from (px, py) to the label at c, no longer than
 * best: straight, else bent once (across, then up or down to the label's
 * middle; or up or down, then across), a bend costing pen.  Its length
 * (with the cost) and *t, or best if none is shorter. */
static float render_summary_tie_from(const struct render_app *a, float px, float py, SDL_Rect from,
                                     const struct render_summary_tie_rule *rule, SDL_Rect c, float pen, float best,
                                     struct render_summary_tie *t)
{
	/* where it starts: a point of keep there does not count */
	float r = rule->keep->r > 2 ? rule->keep->r : 2;
	SDL_Rect start = { (int)(px - r), (int)(py - r), (int)(2 * r) + 1, (int)(2 * r) + 1 };
	SDL_Point at = { (int)px, (int)py };
	if (from.w > 0 && SDL_PointInRect(&at, &from))
		SDL_UnionRect(&start, &from, &start);   /* the mark it starts at */
	float lx, ly, l = render_summary_tie_nearest(c, px, py, &lx, &ly);
	if (l < best && render_summary_tie_clear(a, px, py, lx, ly, start, c, rule)) {
		*t = (struct render_summary_tie){ { px, lx, 0 }, { py, ly, 0 }, 2 };
		return l;
	}
	float mx = (float)c.x + (float)c.w / 2, my = (float)c.y + (float)c.h / 2;
	SDL_Rect none = { 0, 0, 0, 0 };
	for (int across = 1; across >= 0; across--) {
		float bx = across ? mx : px, by = across ? py : my;   /* the bend */
		float ex = across ? mx : (px < mx ? (float)c.x : (float)(c.x + c.w));
		float ey = across ? (py < my ? (float)c.y : (float)(c.y + c.h)) : my;
		/* only where the label lies beyond the bend, not over it */
		if (across ? (py >= (float)c.y && py <= (float)(c.y + c.h)) : (px >= (float)c.x && px <= (float)(c.x + c.w)))
			continue;
		float len = hypotf(bx - px, by - py) + hypotf(ex - bx, ey - by) + pen;
		if (len >= best)
			continue;
		if (render_summary_tie_clear(a, px, py, bx, by, start, none, rule) &&
		    render_summary_tie_clear(a, bx, by, ex, ey, none, c, rule)) {
			*t = (struct render_summary_tie){ { px, bx, ex }, { py, by, ey }, 3 };
			best = len;
		}
	}
	return best;
}

/* The ties from (px, py) to the label at c: straight to its nearest
 * point, then bent once as render_summary_tie_from bends them, where the
 * label lies beyond the bend.  Returns how many (1 to 3) into t. */
static int render_summary_tie_shapes(float px, float py, SDL_Rect c, struct render_summary_tie *t)
{
	float lx, ly;
	render_summary_tie_nearest(c, px, py, &lx, &ly);
	int n = 0;
	t[n++] = (struct render_summary_tie){ { px, lx, 0 }, { py, ly, 0 }, 2 };
	float mx = (float)c.x + (float)c.w / 2, my = (float)c.y + (float)c.h / 2;
	for (int across = 1; across >= 0; across--) {
		if (across ? (py >= (float)c.y && py <= (float)(c.y + c.h)) : (px >= (float)c.x && px <= (float)(c.x + c.w)))
			continue;
		float bx = across ? mx : px, by = across ? py : my;
		float ex = across ? mx : (px < mx ? (float)c.x : (float)(c.x + c.w));
		float ey = across ? (py < my ? (float)c.y : (float)(c.y + c.h)) : my;
		t[n++] = (struct render_summary_tie){ { px, bx, ex }, { py, by, ey }, 3 };
	}
	return n;
}

int render_summary_tie_away(const struct render_app *a, const float *ax, const float *ay, int na, SDL_Rect from,
                            const struct render_summary_tie_keep *keep, int w, int h, SDL_Rect *out,
                            struct render_summary_tie *tie)
{
	/* Tried at most: the nearest free places (a frame of the window
	 * draws the summary: lesson 12 in presenter mode took 270 ms with
	 * every place tried from every start when none was clear). */
	enum { TRIED = 400 };
	int reach = 6 * h, step = h / 3 > 4 ? h / 3 : 4;
	float x0 = ax[0], x1 = ax[0], y0 = ay[0], y1 = ay[0];
	for (int k = 1; k < na; k++) {
		x0 = fminf(x0, ax[k]);
		x1 = fmaxf(x1, ax[k]);
		y0 = fminf(y0, ay[k]);
		y1 = fmaxf(y1, ay[k]);
	}
	size_t n = 0, cap = 256;
	struct render_summary_tie_spot *spot = xmalloc(cap * sizeof *spot);
	for (int cy = (int)y0 - reach - h / 2; cy <= (int)y1 + reach + h / 2; cy += step)
		for (int cx = (int)x0 - reach - w / 2; cx <= (int)x1 + reach + w / 2; cx += step) {
			SDL_Rect rc = { cx - w / 2, cy - h / 2, w, h };
			float near = -1, lx, ly;
			for (int k = 0; k < na; k++) {
				float d = render_summary_tie_nearest(rc, ax[k], ay[k], &lx, &ly);
				if (near < 0 || d < near)
					near = d;
			}
			if (near > (float)reach || render_topology_crowded(a, rc) > 0)
				continue;
			if (n == cap) {
				cap *= 2;
				spot = xrealloc(spot, cap * sizeof *spot);
			}
			spot[n++] = (struct render_summary_tie_spot){ rc, near };
		}
	if (n == 0) {
		free(spot);
		return 0;
	}
	qsort(spot, n, sizeof *spot, render_summary_tie_cmp);
	/* Kept off the boxes and the arrows' ends; where none can be (presenter
	 * mode's large boxes, lesson 12's ✓ tags stacked over ISP B's server),
	 * only off what it would cross, and near: a label far off along
	 * another arrow reads as that arrow's (lesson 12's ✓ went down by
	 * the phishing server's box, at 1280 x 720 in presenter mode). */
	const struct render_summary_tie_keep none = { keep->pt, 0, keep->r };
	const struct render_summary_tie_rule rules[2] = { { keep, RENDER_SUMMARY_TIE_GAP }, { &none, 0 } };
	const float longest[2] = { INFINITY, (float)(reach / 2 + h) };
	float best = INFINITY;
	int pick[RENDER_SUMMARY_TIE_STARTS];
	for (int q = 0; q < 2 && isinf(best); q++)
		for (size_t s = 0; s < n && s < TRIED && spot[s].near < fminf(best, longest[q]); s++) {
			int np = render_summary_tie_starts(spot[s].rc, ax, ay, na, pick);
			for (int k = 0; k < np; k++) {
				struct render_summary_tie t;
				float len = render_summary_tie_from(a, ax[pick[k]], ay[pick[k]], from, &rules[q], spot[s].rc,
								    (float)h, fminf(best, longest[q]), &t);
				if (len < fminf(best, longest[q])) {
					best = len;
					*out = spot[s].rc;
					*tie = t;
				}
			}
		}
	if (isinf(best)) {
		/* No tie is clear (where its start is hemmed in): of the
		 * nearest places, the tie (straight or bent) that crosses least,
		 * then the shortest. */
		long least = -1;
		for (size_t s = 0; s < n && s < TRIED / 8; s++) {
			int np = render_summary_tie_starts(spot[s].rc, ax, ay, na, pick);
			for (int q = 0; q < np; q++) {
				int k = pick[q];
				SDL_Point at = { (int)ax[k], (int)ay[k] };
				SDL_Rect start = { at.x - 2, at.y - 2, 5, 5 };
				if (from.w > 0 && SDL_PointInRect(&at, &from))
					SDL_UnionRect(&start, &from, &start);
				struct render_summary_tie t[3];
				int nt = render_summary_tie_shapes(ax[k], ay[k], spot[s].rc, t);
				for (int u = 0; u < nt; u++) {
					int most = least < 0 ? 1 << 20 : (int)(least / 4096) + 1, cost = 0;
					float l = (float)(t[u].n - 2) * (float)h;   /* a bend counts a label height */
					for (int v = 1; v < t[u].n && cost < most; v++) {
						cost += render_summary_tie_cost(a, t[u].x[v - 1], t[u].y[v - 1], t[u].x[v], t[u].y[v],
										v == 1 ? start : (SDL_Rect){ 0, 0, 0, 0 },
										v == t[u].n - 1 ? spot[s].rc : (SDL_Rect){ 0, 0, 0, 0 },
										&rules[1], most - cost);
						l += hypotf(t[u].x[v] - t[u].x[v - 1], t[u].y[v] - t[u].y[v - 1]);
					}
					long score = (long)cost * 4096 + (long)l;
					if (least < 0 || score < least) {
						least = score;
						*out = spot[s].rc;
						*tie = t[u];
					}
				}
			}
		}
	}
	free(spot);
	return 1;
}
