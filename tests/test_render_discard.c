/* test_render_discard — where a copy is discarded, the map says so while
 * that is the moment's event (lesson 06 at 140.847 s: the bounce of a
 * bounce vanished at Oldcorp with nothing on the map, only the card
 * telling it; acceptance look).  Fonts are pinned (tests/fonts.conf). */
#include <criterion/criterion.h>

#include "render_app.h"
#include "render_topology.h"
#include "test_render_util.h"

static int test_render_discard_marks(const struct render_app *a, SDL_Rect *rc, SDL_Rect *anchor)
{
	int n = 0;
	for (size_t i = 0; i < a->place->nover; i++)
		if (a->place->over[i].kind == RENDER_TOPOLOGY_OVER_DISCARD) {
			*rc = a->place->over[i].rc;
			*anchor = a->place->over[i].anchor;
			n++;
		}
	return n;
}

Test(render_discard, the_discarding_server_is_marked_at_the_moment)
{
	static const struct {
		int w, h, presenter, lang;
	} cf[] = { { 1280, 720, 0, LANG_JA }, { 1280, 720, 1, LANG_EN }, { 1920, 1080, 1, LANG_JA } };
	for (size_t i = 0; i < sizeof cf / sizeof *cf; i++) {
		struct render_app *a = test_render_util_app_at("scenarios/06-bounce-backscatter.json", cf[i].lang, cf[i].w,
							       cf[i].h, cf[i].presenter, 140847000);
		int old = scenario_find_host(a->sc, "mail-x");
		cr_assert_geq(old, 0);
		SDL_Rect rc, anchor, box;
		cr_assert(render_topology_node_box(a, old, &box));
		cr_assert_eq(test_render_discard_marks(a, &rc, &anchor), 1, "%dx%d: one discard mark", cf[i].w, cf[i].h);
		cr_expect(SDL_RectEquals(&anchor, &box), "%dx%d: by Oldcorp's server", cf[i].w, cf[i].h);
		/* nearer that server than any other host */
		float own = render_topology_apart(rc, box);
		for (int h = 0; h < a->sc->nhosts; h++)
			cr_expect(h == old || a->node_box[h].w <= 0 || render_topology_apart(rc, a->node_box[h]) > own,
				  "%dx%d: the mark at %d,%d is nearer %s than Oldcorp's server", cf[i].w, cf[i].h, rc.x, rc.y,
				  a->sc->hosts[h].id);
		render_app_free(a);
		/* and not before: the bounce was still on its way */
		a = test_render_util_app_at("scenarios/06-bounce-backscatter.json", cf[i].lang, cf[i].w, cf[i].h,
					   cf[i].presenter, 140803000);
		cr_expect_eq(test_render_discard_marks(a, &rc, &anchor), 0, "%dx%d: no mark before the discard", cf[i].w,
			     cf[i].h);
		render_app_free(a);
	}
}
