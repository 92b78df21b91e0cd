/* render_region_names — a router's room (render_region_make_room) kept
 * only if no network's name is the smaller for it (see the header). */
#include <limits.h>
#include <math.h>

#include "render_app.h"
#include "render_region.h"

/* How many pixels the networks' names as placed this frame fall short of
 * the back row's least size (24 px at 1080p), summed. */
static int render_region_names_short(const struct render_app *a)
{
	int least = (int)lroundf(24 * a->panels.s), sum = 0;
	for (int n = 0; a->place && n < a->sc->nnets; n++) {
		const struct render_topology_title *t = &a->place->title[n];
		if (t->rc.w > 0 && t->px < least)
			sum += least - t->px;
	}
	return sum;
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
	return 1;
}
