/* render_letter_room — where the envelope tag of the letter in focus goes
 * (render_letter_room.h).  A tag 180 px from its letter, by Bob's PC, read
 * as if the letter were already at Bob's (lesson 11 at 40.339 s); one
 * across a region's edge and over Alice's dropped SYN hid the line the
 * caption was about (lesson 02 at 20.005 s). */
#include "render_letter_room.h"

#include <math.h>
#include <stdlib.h>

#include "render_app.h"
#include "render_topology.h"
#include "render_ui.h"

#define RENDER_LETTER_ROOM_NETS 32

/* What a place must keep to, gathered once for the many places tried. */
struct render_letter_room {
	SDL_Rect letter, vp;
	SDL_Rect *ob;            /* boxes, chips and labels placed so far */
	size_t nob;
	SDL_Rect net[RENDER_LETTER_ROOM_NETS];
	int own[RENDER_LETTER_ROOM_NETS];   /* 1: the letter lies in it */
	int nnet;
	float (*seg)[4];         /* this frame's connection lines */
	size_t nseg;
	int seg_w;               /* their half width and a pixel */
	SDL_Rect *host;          /* host and router boxes but the letter's own */
	size_t nhost;
	long reach;              /* the farthest gap from the letter, squared */
};

/* The squared gap between two rectangles (0 when they touch or overlap). */
static long render_letter_room_gap(SDL_Rect p, SDL_Rect q)
{
	int dx = q.x - (p.x + p.w) > p.x - (q.x + q.w) ? q.x - (p.x + p.w) : p.x - (q.x + q.w);
	int dy = q.y - (p.y + p.h) > p.y - (q.y + q.h) ? q.y - (p.y + p.h) : p.y - (q.y + q.h);
	dx = dx > 0 ? dx : 0;
	dy = dy > 0 ? dy : 0;
	return (long)dx * dx + (long)dy * dy;
}

static void render_letter_room_seg_add(struct render_letter_room *r, size_t *cap, float x1, float y1, float x2,
                                       float y2)
{
	if (r->nseg == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		r->seg = xrealloc(r->seg, *cap * sizeof *r->seg);
	}
	r->seg[r->nseg][0] = x1;
	r->seg[r->nseg][1] = y1;
	r->seg[r->nseg][2] = x2;
	r->seg[r->nseg++][3] = y2;
}

static void render_letter_room_init(struct render_app *a, SDL_Rect letter, int ledger, int ch,
                                    struct render_letter_room *r)
{
	r->letter = letter;
	r->vp = a->panels.topo;
	r->ob = xmalloc((a->nhits + a->ntaken + 1) * sizeof *r->ob);
	r->nob = 0;
	for (size_t i = 0; i < a->nhits; i++)
		if (a->hits[i].kind == RENDER_APP_HIT_HOST || a->hits[i].kind == RENDER_APP_HIT_ROUTER ||
		    a->hits[i].kind == RENDER_APP_HIT_RULE)
			r->ob[r->nob++] = a->hits[i].rc;
	for (size_t i = 0; i < a->ntaken; i++)
		r->ob[r->nob++] = a->taken[i];
	SDL_Point at = { letter.x + letter.w / 2, letter.y + letter.h / 2 };
	r->nnet = 0;
	for (int k = 0; k < a->sc->nnets && r->nnet < RENDER_LETTER_ROOM_NETS; k++) {
		SDL_Rect n = render_layout_net_rect(&a->layout, k);
		if (n.w <= 0 || n.h <= 0)
			continue;
		r->own[r->nnet] = SDL_PointInRect(&at, &n);
		r->net[r->nnet++] = n;
	}
	/* the lines of the moment: the letter's own connections and dropped
	 * SYNs (a busy scene's lines are one pixel wide and everywhere) */
	r->seg = NULL;
	r->nseg = 0;
	r->seg_w = (int)((float)a->panels.line * 1.25f) + 1;
	size_t cap = 0;
	for (size_t i = 0; a->nfconn <= RENDER_TOPOLOGY_LABEL_MAX && i < a->nfconn; i++) {
		struct render_topology_route rt;
		render_topology_route_of(a, &a->fconn[i], &rt);
		if (a->fconn[i].msg != ledger && !rt.blocked)
			continue;
		for (int k = 1; k < rt.n; k++)
			render_letter_room_seg_add(r, &cap, rt.x[k - 1], rt.y[k - 1], rt.x[k], rt.y[k]);
	}
	int nb = a->node_box ? a->sc->nhosts + a->sc->nrouters : 0;
	r->host = xmalloc(((size_t)nb + 1) * sizeof *r->host);
	r->nhost = 0;
	for (int h = 0; h < nb; h++) {
		SDL_Rect b = a->node_box[h];
		/* the box a resting letter lies on the corner of is its own */
		if (b.w > 0 && render_letter_room_gap(b, letter) > (long)letter.h * letter.h)
			r->host[r->nhost++] = b;
	}
	long reach = 2 * ch + letter.w;
	r->reach = reach * reach;
}

static void render_letter_room_free(struct render_letter_room *r)
{
	free(r->ob);
	free(r->seg);
	free(r->host);
}

/* 1 if the tie line from the letter's edge to c crosses a box or label. */
static int render_letter_room_tie_crowded(const struct render_letter_room *r, SDL_Rect c)
{
	float lx = (float)r->letter.x + (float)r->letter.w / 2, ly = (float)r->letter.y + (float)r->letter.h / 2;
	float ex = fminf(fmaxf(lx, (float)c.x), (float)(c.x + c.w));
	float ey = fminf(fmaxf(ly, (float)c.y), (float)(c.y + c.h));
	float dx = ex - lx, dy = ey - ly, t = 1;
	if (dx > 0)
		t = fminf(t, ((float)(r->letter.x + r->letter.w) - lx) / dx);
	else if (dx < 0)
		t = fminf(t, ((float)r->letter.x - lx) / dx);
	if (dy > 0)
		t = fminf(t, ((float)(r->letter.y + r->letter.h) - ly) / dy);
	else if (dy < 0)
		t = fminf(t, ((float)r->letter.y - ly) / dy);
	int x0 = (int)(lx + dx * t), y0 = (int)(ly + dy * t);
	for (size_t k = 0; k < r->nob; k++) {
		int x1 = x0, y1 = y0, x2 = (int)ex, y2 = (int)ey;
		if (SDL_IntersectRectAndLine(&r->ob[k], &x1, &y1, &x2, &y2))
			return 1;
	}
	return 0;
}

/* 1 if c is free room for the tag (render_letter_room.h), its tie too
 * when tied. */
static int render_letter_room_fits(const struct render_letter_room *r, SDL_Rect c, int tied)
{
	SDL_Rect ix;
	if (c.x < r->vp.x + 2 || c.y < r->vp.y + 2 || c.x + c.w > r->vp.x + r->vp.w - 2 ||
	    c.y + c.h > r->vp.y + r->vp.h - 2 || SDL_HasIntersection(&c, &r->letter))
		return 0;
	long gap = render_letter_room_gap(c, r->letter);
	if (gap > r->reach)
		return 0;
	for (size_t k = 0; k < r->nob; k++)
		if (SDL_HasIntersection(&c, &r->ob[k]))
			return 0;
	for (int k = 0; k < r->nnet; k++) {
		/* a region's edge and a pixel either side of it */
		SDL_Rect out = { r->net[k].x - 2, r->net[k].y - 2, r->net[k].w + 4, r->net[k].h + 4 };
		SDL_Rect in = { r->net[k].x + 2, r->net[k].y + 2, r->net[k].w - 4, r->net[k].h - 4 };
		if (!SDL_HasIntersection(&c, &out))
			continue;
		if (!r->own[k] || !SDL_IntersectRect(&c, &in, &ix) || !SDL_RectEquals(&ix, &c))
			return 0;
	}
	SDL_Rect wide = { c.x - r->seg_w, c.y - r->seg_w, c.w + 2 * r->seg_w, c.h + 2 * r->seg_w };
	for (size_t k = 0; k < r->nseg; k++) {
		int x1 = (int)r->seg[k][0], y1 = (int)r->seg[k][1], x2 = (int)r->seg[k][2], y2 = (int)r->seg[k][3];
		if (SDL_IntersectRectAndLine(&wide, &x1, &y1, &x2, &y2))
			return 0;
	}
	for (size_t k = 0; k < r->nhost; k++)
		if (render_letter_room_gap(c, r->host[k]) < gap)
			return 0;
	return !tied || !render_letter_room_tie_crowded(r, c);
}

/* A place by its gap from the letter. */
struct render_letter_room_spot {
	int x, y;
	long d;
};

static int render_letter_room_cmp(const void *p, const void *q)
{
	const struct render_letter_room_spot *s = p, *t = q;
	if (s->d != t->d)
		return s->d < t->d ? -1 : 1;
	return s->y != t->y ? (s->y < t->y ? -1 : 1) : (s->x > t->x) - (s->x < t->x);
}

int render_letter_room_place(struct render_app *a, SDL_Rect letter, int ledger, int cw, int ch, int pad,
                             SDL_Rect *out)
{
	struct render_letter_room r;
	render_letter_room_init(a, letter, ledger, ch, &r);
	int mx = letter.x + letter.w / 2 - cw / 2, my = letter.y + letter.h / 2 - ch / 2;
	const SDL_Rect beside[8] = {
		{ letter.x + letter.w + pad, letter.y - ch - pad, cw, ch },
		{ letter.x - cw - pad, letter.y - ch - pad, cw, ch },
		{ letter.x + letter.w + pad, letter.y + letter.h + pad, cw, ch },
		{ letter.x - cw - pad, letter.y + letter.h + pad, cw, ch },
		{ letter.x + letter.w + pad, my, cw, ch },
		{ letter.x - cw - pad, my, cw, ch },
		{ mx, letter.y - ch - pad, cw, ch },
		{ mx, letter.y + letter.h + pad, cw, ch },
	};
	int found = -1;
	for (int i = 0; i < 8 && found < 0; i++)
		if (render_letter_room_fits(&r, beside[i], 0)) {
			*out = beside[i];
			found = 0;
		}
	/* else the nearest free room within reach, on a grid of 4 pixels (by
	 * gap, then top to bottom, then left to right): one pass that tries
	 * only spots nearer than the best found so far (sorting the some 10^5
	 * spots first was a third of a presenter frame's time). */
	int step = 4, reach = 2 * ch + letter.w;
	int x0 = letter.x - reach - cw, y0 = letter.y - reach - ch;
	int nx = (letter.w + 2 * reach + cw) / step + 1, ny = (letter.h + 2 * reach + ch) / step + 1;
	struct render_letter_room_spot best = { 0, 0, -1 };
	for (int j = 0; found < 0 && j < ny; j++)
		for (int i = 0; i < nx; i++) {
			SDL_Rect c = { x0 + i * step, y0 + j * step, cw, ch };
			struct render_letter_room_spot s = { c.x, c.y, render_letter_room_gap(c, letter) };
			if (s.d > r.reach || (best.d >= 0 && render_letter_room_cmp(&s, &best) >= 0))
				continue;
			/* within a pad or two of the letter it reads as beside it */
			if (render_letter_room_fits(&r, c, s.d > (long)(2 * pad) * (2 * pad)))
				best = s;
		}
	if (found < 0 && best.d >= 0) {
		*out = (SDL_Rect){ best.x, best.y, cw, ch };
		found = best.d > (long)(2 * pad) * (2 * pad);
	}
	render_letter_room_free(&r);
	return found;
}
