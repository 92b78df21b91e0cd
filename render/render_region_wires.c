/* render_region_wires — presenter mode's routers placed again, in another
 * order, where the layout leaves a router's line under another router's
 * box (see render_region.h).  Only the routers move: the regions and
 * hosts stay as laid out, kept from render_region_apply, so a try costs a
 * router search and a frame's placing, not a layout (laying the whole map
 * out again for each order took a second a frame). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_layout.h"
#include "render_links.h"
#include "render_region.h"
#include "render_region_work.h"
#include "render_topology.h"
#include "util.h"

/* A layout as render_region_apply left it. */
struct render_region_kept {
	struct render_region_work w;
	float (*at)[2];        /* its places as laid out */
	uint64_t key;          /* a->region_key it was laid out for */
};

void render_region_kept_free(struct render_region_kept *k)
{
	if (!k)
		return;
	render_region_work_free(&k->w);
	free(k->at);
	free(k);
}

void render_region_kept_set(struct render_app *a, struct render_region_work *w)
{
	render_region_kept_free(a->region_kept);
	struct render_region_kept *k = xcalloc(1, sizeof *k);
	size_t nn = (size_t)(w->nh + w->nr) * sizeof *w->at;
	k->w = *w;
	k->at = xmalloc(nn + sizeof *w->at);
	memcpy(k->at, w->at, nn);
	k->key = a->region_key;
	a->region_kept = k;
	memset(w, 0, sizeof *w);
}

void render_region_kept_stash(struct render_app *a, int stash)
{
	if (stash) {
		render_region_kept_free(a->region_kept_names);
		a->region_kept_names = a->region_kept;
		a->region_kept = NULL;
		return;
	}
	render_region_kept_free(a->region_kept);
	a->region_kept = a->region_kept_names;
	a->region_kept_names = NULL;
}

/* The kept layout's routers placed again with router first (-1: as laid
 * out) placed first of those with no room of their own, and written to
 * a->layout; returns 0 (the layout as laid out written back) if the
 * routers then stand worse by render_region_worse, or one finds no place. */
static int render_region_replace(struct render_app *a, int first)
{
	struct render_region_kept *k = a->region_kept;
	if (!k || k->key != a->region_key)
		return 0;
	struct render_region_work *w = &k->w;
	size_t nn = (size_t)(w->nh + w->nr) * sizeof *w->at;
	memcpy(w->at, k->at, nn);
	int ok = first < 0;
	if (!ok) {
		struct render_region_score s0;
		struct render_region_rect in = render_region_inside(a);
		render_region_score_of(w, a->sc, &s0);
		w->first = first;
		ok = !render_region_place_routers(w, a->sc, in, w->strict);
		w->first = -1;
		render_region_pass_off(w, a->sc, in);
		ok = ok && !render_region_worse(w, a->sc, &s0, 1);
		if (!ok)
			memcpy(w->at, k->at, nn);
	}
	render_region_write(a, w);
	return ok;
}

/* How the routers' lines lie this frame: how many pass under another
 * router's box or rule chips (render_links_under), how many through the
 * region of a network their router does not join (each line and region
 * once; a few pixels in from its edges), and how long they are in all. */
static void render_region_wires_measure(const struct render_app *a, int *under, int *foreign, float *length)
{
	const struct scenario *sc = a->sc;
	*under = 0;
	*foreign = 0;
	*length = 0;
	for (int r = 0, j = 0; r < sc->nrouters; r++)
		for (int k = 0; k < sc->routers[r].nlinks; k++, j++) {
			if ((size_t)j >= a->nlink_path || !a->node_box || a->nspread <= (size_t)(sc->nhosts + r))
				continue;
			const struct render_links_path *p = &a->link_path[j];
			for (int i = 1; i < p->n; i++)
				*length += hypotf(p->x[i] - p->x[i - 1], p->y[i] - p->y[i - 1]);
			for (int m = 0; m < sc->nnets; m++) {
				SDL_Rect rm = render_layout_net_rect(&a->layout, m);
				*foreign += !render_links_joins(a, r, m) &&
					    render_links_cuts(a, r, p, (SDL_Rect){ rm.x + 3, rm.y + 3, rm.w - 6, rm.h - 6 });
			}
			*under += render_links_under(a, r, p);
		}
}

/* The next router to try placing first after a->wires_first (1 + its
 * index) whose placing is kept (render_region_replace), its 1 + index; or
 * 0 if none is left. */
static int render_region_wires_next(struct render_app *a)
{
	const struct render_region_work *w = &a->region_kept->w;
	for (int r = a->wires_first; r < a->sc->nrouters; r++)
		if (w->slot[r] < 0 && render_region_replace(a, r))
			return r + 1;
	return 0;
}

int render_region_wires_check(struct render_app *a)
{
	uint64_t key = a->region_key;
	if (!a->presenter || !a->layout.present || key == a->wires_chose || !a->link_path_known || !a->region_kept ||
	    a->region_kept->key != key)
		return 0;
	int under, foreign;
	float length;
	render_region_wires_measure(a, &under, &foreign, &length);
	if (key != a->wires_try) {   /* as laid out */
		a->wires_chose = key;
		if (!under)
			return 0;
		a->wires_first = 0;
		a->wires_first = render_region_wires_next(a);
		if (!a->wires_first)
			return 0;
		a->wires_chose = 0;
		a->wires_try = key;
		a->wires_best = 0;
		a->wires_under = under;
		a->wires_length = a->wires_length0 = length;
		a->wires_foreign0 = foreign;
		return 1;
	}
	/* an order kept only if it leaves fewer lines under others, none more
	 * across other networks (lesson 12 at 1280 x 720 in Japanese: ISP A's
	 * and the school's lines across the data centre), and the lines not
	 * much longer in all (a router far from its networks) */
	if (length <= a->wires_length0 * 1.2f && foreign <= a->wires_foreign0 &&
	    (under < a->wires_under || (under == a->wires_under && a->wires_best && length < a->wires_length))) {
		a->wires_best = a->wires_first;
		a->wires_under = under;
		a->wires_length = length;
	}
	a->wires_first = render_region_wires_next(a);
	if (a->wires_first)
		return 1;
	a->wires_try = 0;
	a->wires_chose = key;
	render_region_replace(a, a->wires_best - 1);
	return 1;
}

int render_region_spaces_check(struct render_app *a)
{
	uint64_t key = a->region_key0;
	if (a->router_spaces && (!a->presenter || !a->layout.present)) {   /* it does not fit */
		a->router_spaces = 0;
		a->spaces_key1 = 0;
		return 1;
	}
	if (!a->presenter || !a->layout.present || !a->link_path_known)
		return 0;
	int under, foreign;
	float length;
	if (a->router_spaces) {
		if (key == a->spaces_key1)   /* kept for these inputs */
			return 0;
		if (!a->spaces_key1) {   /* laid out with it: judged */
			render_region_wires_measure(a, &under, &foreign, &length);
			if (under < a->spaces_under && foreign <= a->spaces_foreign && length <= a->spaces_length * 1.2f &&
			    render_region_names_short(a) <= a->spaces_short) {
				a->spaces_key1 = key;
				return 0;
			}
		}
		/* not kept, or the inputs changed since: without it */
		a->router_spaces = 0;
		a->spaces_key1 = 0;
		return 1;
	}
	if (key == a->spaces_key)
		return 0;
	a->spaces_key = key;
	a->spaces_key1 = 0;
	/* only where the map fits at its full text size: in lesson 12's
	 * packed presenter layouts the try found no better one, and laying
	 * the map out twice more took half a second a frame */
	render_region_wires_measure(a, &under, &foreign, &length);
	if (!under || a->region_level > 0)
		return 0;
	a->spaces_under = under;
	a->spaces_foreign = foreign;
	a->spaces_length = length;
	a->spaces_short = render_region_names_short(a);
	a->router_spaces = 1;
	return 1;
}
