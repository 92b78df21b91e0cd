/* render_region_try — a presenter layout worked out two ways, the one
 * that leaves its routers no worse kept: the Internet's region grown by
 * its column's spare height or not, router names with a parenthesis on
 * two lines or one (internal to render_region). */
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_region_work.h"
#include "util.h"

/* The layout with the backbone grown (w->grow_share), kept if it moves
 * no router farther from its networks, onto another's region or into the
 * backbone than the layout without (lesson 06 at 1280 x 720 in Japanese:
 * the taller Internet left ISP B's router no room by its servers and
 * Oldcorp's over the map's top); else the one without.  Returns 1 if one
 * fits. */
static int render_region_layout_grown(struct render_app *a, struct render_region_work *w)
{
	float g = w->grow_share;
	if (g <= 0)
		return render_region_layout(a, w);
	size_t nn = (size_t)(w->nh + w->nr) * sizeof *w->at;
	float(*at)[2] = xmalloc(nn + sizeof *w->at);
	memcpy(at, w->at, nn);
	float sum0 = 0, sum1 = 0;
	int far0 = 0, foreign0 = 0, in0 = 0;
	w->grow_share = 0;
	int fits0 = render_region_layout(a, w);
	if (fits0) {
		far0 = render_region_far_count(w, a->sc, &sum0);
		foreign0 = render_region_foreign(w, a->sc);
		in0 = render_region_routers_on(w, a->sc, 1);
	}
	memcpy(w->at, at, nn);
	w->grow_share = g;
	int fits = render_region_layout(a, w);
	if (fits && fits0) {
		int far1 = render_region_far_count(w, a->sc, &sum1);
		if (far1 > far0 || render_region_foreign(w, a->sc) > foreign0 || sum1 > sum0 + 1 ||
		    render_region_routers_on(w, a->sc, 1) > in0)
			fits = 0;
	}
	if (!fits && fits0) {   /* as without, laid out again (it wrote its places) */
		memcpy(w->at, at, nn);
		w->grow_share = 0;
		fits = render_region_layout(a, w);
		w->grow_share = g;
	}
	free(at);
	return fits;
}

/* The layout with the names of routers that have a parenthesis on two
 * lines (a->router_cut; render_topology's router boxes), kept if it moves
 * no router farther from its networks, onto another's region or into the
 * backbone, nor leaves more routers with rules flush beside it
 * (render_region_routers_flush), than with them on one line (lesson 09
 * at 1280 x 720 in English: ISP C's router taller, ISP B's went onto ISP
 * A's customers; at 1920 x 1080 in Japanese ISP B's stood flush under
 * the Internet); else the one with one line.  Each is measured and laid
 * out as render_region_layout_grown does. */
int render_region_layout_cut(struct render_app *a, struct render_region_work *w)
{
	float sum0 = 0, sum1 = 0;
	int far0 = 0, foreign0 = 0, in0 = 0, flush0 = 0;
	a->router_cut = 0;
	render_region_measure(a, w);
	int fits0 = render_region_layout_grown(a, w);
	if (fits0) {
		far0 = render_region_far_count(w, a->sc, &sum0);
		foreign0 = render_region_foreign(w, a->sc);
		in0 = render_region_routers_on(w, a->sc, 1);
		flush0 = render_region_routers_flush(w, a->sc);
	}
	a->router_cut = 1;
	render_region_measure(a, w);
	int fits = render_region_layout_grown(a, w);
	if (fits && fits0) {
		int far1 = render_region_far_count(w, a->sc, &sum1);
		if (far1 > far0 || render_region_foreign(w, a->sc) > foreign0 || sum1 > sum0 + 1 ||
		    render_region_routers_on(w, a->sc, 1) > in0 || render_region_routers_flush(w, a->sc) > flush0)
			fits = 0;
	}
	if (!fits && fits0) {   /* with one line, laid out again (it wrote its places) */
		a->router_cut = 0;
		render_region_measure(a, w);
		fits = render_region_layout_grown(a, w);
	}
	return fits;
}
