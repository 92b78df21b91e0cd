/* render_region_wires — presenter mode's routers placed in another order
 * where the one laid out leaves a router's line under another router's
 * box (see render_region.h). */
#include <math.h>

#include "render_app.h"
#include "render_layout.h"
#include "render_links.h"
#include "render_region.h"
#include "render_topology.h"

/* How the routers' lines lie this frame: how many pass under another
 * router's box or rule chips (render_links_under), how many
 * through the region of a network their router does not join (each line
 * and region once; a few pixels in from its edges), and how long they are
 * in all. */
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

int render_region_wires_check(struct render_app *a)
{
	uint64_t key = a->region_key0;
	/* (an order tried that does not fit is not kept, but the trying goes
	 * on: its frame keeps the lesson's places) */
	if (!a->presenter || key == a->wires_chose || !a->link_path_known || (!a->layout.present && key != a->wires_try))
		return 0;
	int under, foreign;
	float length;
	render_region_wires_measure(a, &under, &foreign, &length);
	if (key != a->wires_try) {   /* as laid out, in index order */
		if (!under) {
			a->wires_chose = key;
			return 0;
		}
		a->wires_try = key;
		a->wires_best = 0;
		a->wires_under = under;
		a->wires_length = a->wires_length0 = length;
		a->wires_foreign0 = foreign;
		a->region_first = 1;
		return 1;
	}
	/* an order kept only if it leaves fewer lines under others, none more
	 * across other networks (lesson 12 at 1280 x 720 in Japanese: ISP A's
	 * and the school's lines across the data centre), and the lines not
	 * much longer in all (a router far from its networks) */
	if (a->region_fits && length <= a->wires_length0 * 1.2f && foreign <= a->wires_foreign0 &&
	    (under < a->wires_under || (under == a->wires_under && a->wires_best && length < a->wires_length))) {
		a->wires_best = a->region_first;
		a->wires_under = under;
		a->wires_length = length;
	}
	if (a->region_first < a->sc->nrouters) {
		a->region_first++;
		return 1;
	}
	a->wires_try = 0;
	a->wires_chose = key;
	if (a->region_first == a->wires_best)
		return 0;
	a->region_first = a->wires_best;
	return 1;
}
