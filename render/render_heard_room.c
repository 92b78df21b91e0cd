/* render_heard_room — the room kept in the eavesdropper's network for the
 * line they read (see render_heard_room.h).  In presenter mode lesson
 * 14's café is two laptops and a router, and Alice's stretch of Wi-Fi a
 * few pixels at her laptop's corner: no place by the stretch is free
 * (review 23 B3).  The biggest free room of the network is searched on a
 * coarse grid once for a layout (lesson, window size, mode, language) and
 * kept while the still things stay where they are; a frame only reads
 * it.  (A fine search for a place each frame cost up to a second a frame
 * where there was no room.) */
#include "render_heard_room.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_layout.h"
#include "render_topology.h"
#include "util.h"

/* What the room keeps off, and where it may be. */
struct render_heard_room_in {
	SDL_Rect own;          /* the eavesdropper's network's region */
	SDL_Rect *off;         /* still things and other networks' regions */
	size_t noff;
	int cell, margin, hmin, hcap, wcap;
};

static void render_heard_room_gather(const struct render_app *a, int net, struct render_heard_room_in *in)
{
	const struct render_topology_place *p = a->place;
	size_t nlab = p ? p->nlab : 0;
	in->own = render_layout_net_rect(&a->layout, net);
	in->off = xcalloc(nlab + (size_t)a->layout.nnets + 1, sizeof *in->off);
	in->noff = 0;
	for (size_t i = 0; i < nlab; i++)
		if (p->lab[i].kind != RENDER_TOPOLOGY_PILE)   /* (piles come and go: a frame checks them) */
			in->off[in->noff++] = p->lab[i].rc;
	for (int n = 0; n < a->sc->nnets && n < a->layout.nnets; n++) {
		SDL_Rect rc = render_layout_net_rect(&a->layout, n);
		if (n != net && rc.w > 0)
			in->off[in->noff++] = rc;
	}
	/* a label of the back row's size on one line, or two, down to three
	 * fifths of it on one (render_pill_place_in fits it into the room) */
	int big = (int)lroundf(24 * a->panels.s), lh = render_font_line_height(a->font, RENDER_FONT_MONO, big);
	int least = render_font_line_height(a->font, RENDER_FONT_MONO, big * 3 / 5 > 10 ? big * 3 / 5 : 10);
	in->margin = a->panels.line + 2;
	in->cell = 2;
	in->hmin = least + 2;   /* (a free cell is the margin off all it keeps off) */
	in->hcap = 2 * lh + 2;
	in->wcap = (int)(330 * a->layout.k) + 2 * big;
}

static uint64_t render_heard_room_key(const struct render_app *a, const struct render_heard_room_in *in)
{
	uint64_t h = 1469598103934665603ull;
	int v[5] = { in->cell, in->margin, in->hmin, in->hcap, in->wcap };
	h = util_fnv1a(h, &a->font, sizeof a->font);
	h = util_fnv1a(h, v, sizeof v);
	h = util_fnv1a(h, &in->own, sizeof in->own);
	h = util_fnv1a(h, &a->panels.topo, sizeof a->panels.topo);
	return util_fnv1a(h, in->off, in->noff * sizeof *in->off);
}

/* The search: which cells of the region are free (a cell, widened by the
 * margin, meets nothing), then of the rooms of free cells at least hmin
 * high the widest (up to wcap: what is read is mostly one long line),
 * then the highest (up to hcap).  Some ten thousand cells, once. */
static SDL_Rect render_heard_room_search(const struct render_app *a, const struct render_heard_room_in *in)
{
	SDL_Rect own = in->own, best = { 0, 0, 0, 0 };
	SDL_IntersectRect(&in->own, &a->panels.topo, &own);
	int s = in->cell, cols = own.w / s, rows = own.h / s;
	if (cols <= 0 || rows <= 0)
		return best;
	unsigned char *free_ = xcalloc((size_t)cols * (size_t)rows, 1), *run = xcalloc((size_t)cols, 1);
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++) {
			SDL_Rect cell = { own.x + c * s - in->margin, own.y + r * s - in->margin, s + 2 * in->margin,
			                  s + 2 * in->margin };
			int hit = 0;
			for (size_t i = 0; i < in->noff && !hit; i++)
				hit = SDL_HasIntersection(&cell, &in->off[i]);
			free_[r * cols + c] = !hit;
		}
	long best_score = 0;
	for (int top = 0; top < rows; top++) {
		memset(run, 1, (size_t)cols);
		for (int bot = top; bot < rows; bot++) {
			int h = (bot - top + 1) * s, any = 0;
			for (int c = 0; c < cols; c++)
				any |= run[c] &= free_[bot * cols + c];
			if (!any || h > in->hcap)
				break;   /* (higher: no wider, and no more use) */
			if (h < in->hmin)
				continue;
			for (int c = 0; c < cols;) {
				if (!run[c]) {
					c++;
					continue;
				}
				int c1 = c;
				while (c1 < cols && run[c1])
					c1++;
				int w = (c1 - c) * s;
				long score = (long)(w < in->wcap ? w : in->wcap) * 4096 + (h < in->hcap ? h : in->hcap);
				if (score > best_score) {
					best_score = score;
					best = (SDL_Rect){ own.x + c * s, own.y + top * s, w, h };
				}
				c = c1;
			}
		}
	}
	free(free_);
	free(run);
	return best;
}

int render_heard_room(const struct render_app *a, struct render_app *cache, SDL_Rect *out)
{
	*out = (SDL_Rect){ 0, 0, 0, 0 };
	if (!a->presenter || !a->sc || a->sc->nsniffers <= 0 || !a->place)
		return 0;
	int net = a->sc->sniffers[0].net;
	if (net < 0 || net >= a->layout.nnets || net >= a->sc->nnets)
		return 0;
	struct render_heard_room_in in;
	render_heard_room_gather(a, net, &in);
	uint64_t key = render_heard_room_key(a, &in);
	SDL_Rect rc = a->heard_room;
	if (!a->heard_room_known || a->heard_room_key != key) {
		rc = render_heard_room_search(a, &in);
		if (cache) {
			cache->heard_room = rc;
			cache->heard_room_key = key;
			cache->heard_room_known = 1;
		}
	}
	free(in.off);
	if (rc.w <= 0 || rc.h <= 0)
		return 0;
	*out = rc;
	return 1;
}
