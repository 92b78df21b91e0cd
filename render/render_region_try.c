/* render_region_try — a presenter layout worked out two ways, the one
 * that leaves its routers no worse kept: the Internet's region grown by
 * its column's spare height or not, router names with a parenthesis on
 * two lines or one (internal to render_region). */
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_region_work.h"
#include "util.h"

void render_region_score_of(const struct render_region_work *w, const struct scenario *sc,
                            struct render_region_score *s)
{
	s->far = render_region_far_count(w, sc, &s->sum);
	s->foreign = render_region_foreign(w, sc);
	s->in = render_region_routers_on(w, sc, 1);
	s->flush = render_region_routers_flush(w, sc);
	s->dots = render_region_routers_over_dots(w, sc);
}

/* (render_region_work.h; lesson 10 at 1280 x 720 in English, its router
 * names on one line for that, had its mail to the backup pass ISP C's
 * router 3.6 px off: others' dots count there) */
int render_region_worse(const struct render_region_work *w, const struct scenario *sc,
                        const struct render_region_score *s0, int dots)
{
	struct render_region_score s;
	render_region_score_of(w, sc, &s);
	return s.far > s0->far || s.foreign > s0->foreign || s.sum > s0->sum + 1 || s.in > s0->in ||
	       s.flush > s0->flush || (dots && s.dots > s0->dots);
}

/* The layout with the backbone grown (w->grow_share), kept if its routers
 * are no worse (render_region_worse) than in the layout without (lesson
 * 06 at 1280 x 720 in Japanese: the taller Internet left ISP B's router
 * no room by its servers and Oldcorp's over the map's top, and later put
 * Oldcorp's over the end of ISP B's router's line); else the one without.
 * Returns 1 if one fits. */
static int render_region_layout_grown(struct render_app *a, struct render_region_work *w)
{
	float g = w->grow_share;
	if (g <= 0)
		return render_region_layout(a, w);
	size_t nn = (size_t)(w->nh + w->nr) * sizeof *w->at;
	float(*at)[2] = xmalloc(nn + sizeof *w->at);
	memcpy(at, w->at, nn);
	struct render_region_score s0;
	w->grow_share = 0;
	int fits0 = render_region_layout(a, w);
	if (fits0)
		render_region_score_of(w, a->sc, &s0);
	memcpy(w->at, at, nn);
	w->grow_share = g;
	int fits = render_region_layout(a, w);
	if (fits && fits0 && render_region_worse(w, a->sc, &s0, 1))
		fits = 0;
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
 * lines (a->router_cut; render_topology's router boxes), kept if its
 * routers are no worse (render_region_worse, but for others' dots) than
 * with them on one line
 * (lesson 09 at 1280 x 720 in English: ISP C's router taller, ISP B's
 * went onto ISP A's customers; at 1920 x 1080 in Japanese ISP B's stood
 * flush under the Internet, and its IP25B cross found no place on the
 * SYN's line); else the one with one line.  Each is measured and laid
 * out as render_region_layout_grown does. */
int render_region_layout_cut(struct render_app *a, struct render_region_work *w)
{
	/* no name that goes on two lines (most lessons): one way only */
	size_t noff = (size_t)(w->nh + w->nr) * sizeof *w->off;
	float(*off1)[4] = xmalloc(noff + sizeof *w->off);
	a->router_cut = 1;
	render_region_measure(a, w);
	memcpy(off1, w->off, noff);
	a->router_cut = 0;
	render_region_measure(a, w);
	int same = memcmp(off1, w->off, noff) == 0;
	free(off1);
	if (same)
		return render_region_layout_grown(a, w);
	struct render_region_score s0;
	int fits0 = render_region_layout_grown(a, w);
	if (fits0)
		render_region_score_of(w, a->sc, &s0);
	a->router_cut = 1;
	render_region_measure(a, w);
	int fits = render_region_layout_grown(a, w);
	if (fits && fits0 && render_region_worse(w, a->sc, &s0, 0))
		fits = 0;
	if (!fits && fits0) {   /* with one line, laid out again (it wrote its places) */
		a->router_cut = 0;
		render_region_measure(a, w);
		fits = render_region_layout_grown(a, w);
	}
	return fits;
}
