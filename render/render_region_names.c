/* render_region_names — a router's room (render_region_make_room) kept
 * only if no network's name is the smaller for it (see the header). */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "render_app.h"
#include "render_region.h"
#include "util.h"

int render_region_names_short(const struct render_app *a)
{
	int least = (int)lroundf(24 * a->panels.s), sum = 0;
	for (int n = 0; a->place && n < a->sc->nnets; n++) {
		const struct render_topology_title *t = &a->place->title[n];
		if (t->rc.w > 0 && t->px < least)
			sum += least - t->px;
	}
	return sum;
}

/* The layout's places (pnet, phost, prouter) into a->region_keep (keep)
 * or back from it. */
static void render_region_names_keep(struct render_app *a, int keep)
{
	struct render_layout *l = &a->layout;
	size_t nn = (size_t)a->sc->nnets * 4, nh = (size_t)a->sc->nhosts * 2, nr = (size_t)a->sc->nrouters * 2;
	if (keep) {
		a->region_keep = xrealloc(a->region_keep, (nn + nh + nr + 1) * sizeof *a->region_keep);
		a->region_keep_key = a->region_key;
		a->region_keep_level = a->region_level;
		a->region_keep_cut = a->region_cut;
	}
	render_region_kept_stash(a, keep);
	float *f[3] = { l->pnet ? l->pnet[0] : NULL, l->phost ? l->phost[0] : NULL, l->prouter ? l->prouter[0] : NULL };
	size_t n[3] = { nn, nh, nr }, at = 0;
	for (int i = 0; i < 3; at += n[i], i++)
		if (f[i] && n[i])
			memcpy(keep ? a->region_keep + at : f[i], keep ? f[i] : a->region_keep + at, n[i] * sizeof(float));
	if (!keep) {
		a->region_key = a->region_keep_key;
		a->region_level = a->region_keep_level;
		a->region_cut = a->router_cut = a->region_keep_cut;
		a->region_fits = 1;
		a->region_rooms = 1;
	}
}

int render_region_names_check(struct render_app *a)
{
	uint64_t key = a->region_key0;
	if (!a->presenter || key == a->region_chose || (!a->region_fits && key != a->region_try))
		return 0;
	int s = a->region_fits ? render_region_names_short(a) : INT_MAX;
	if (key != a->region_try) {   /* as laid out, with rooms if any */
		if (!a->region_rooms || !s) {
			a->region_chose = key;
			a->region_bare = 0;
			return 0;
		}
		a->region_short = s;
		render_region_names_keep(a, 1);
		a->region_try = key;
		a->region_bare = 1;
		return 1;
	}
	/* without them: kept if the names are larger so */
	a->region_try = 0;
	a->region_chose = key;
	if (s < a->region_short)
		return 0;
	a->region_bare = 0;
	render_region_names_keep(a, 0);   /* as it was: not laid out again */
	return 1;
}
