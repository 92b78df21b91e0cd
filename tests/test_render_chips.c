/* test_render_chips — a router's rule chip ("OP25B on", "maintenance
 * on") lying on a line of the map lets the line show through it (review
 * C18: lesson 14's "OP25B on" lay on ISP B's border router's line down to
 * its servers, lesson 10's maintenance chip on the route up to ISP B's
 * router in presenter mode; the line vanished under the chip), and a chip
 * on no line stays solid.  Three frames at 1920 x 1080.  Fonts are pinned
 * (tests/fonts.conf). */
#include <criterion/criterion.h>

#include <SDL.h>
#include <math.h>

#include "render.h"
#include "render_app.h"
#include "render_links.h"
#include "render_theme.h"
#include "render_topology.h"
#include "test_render_util.h"

/* Does the segment (x1, y1)-(x2, y2) pass over rc? */
static int test_render_chips_under(SDL_Rect rc, float x1, float y1, float x2, float y2)
{
	int ax = (int)lroundf(x1), ay = (int)lroundf(y1), bx = (int)lroundf(x2), by = (int)lroundf(y2);
	return SDL_IntersectRectAndLine(&rc, &ax, &ay, &bx, &by);
}

/* Does a line drawn on the map -- a route this frame or a router's line
 * to a network, from its box's edge -- pass under rc? */
static int test_render_chips_lined(struct render_app *a, SDL_Rect rc)
{
	const struct render_topology_place *p = a->place;
	for (size_t i = 0; i < p->nline; i++)
		if (test_render_chips_under(rc, p->line[i][0], p->line[i][1], p->line[i][2], p->line[i][3]))
			return 1;
	for (int o = 0; o < a->sc->nrouters; o++)
		for (int k = 0; k < a->sc->routers[o].nlinks; k++) {
			struct render_links_path lp;
			render_links_path(a, o, a->sc->routers[o].links[k].net, &lp);
			if (lp.n >= 2)
				render_topology_router_edge(a, o, lp.x[1], lp.y[1], &lp.x[0], &lp.y[0]);
			for (int j = 1; j < lp.n; j++)
				if (test_render_chips_under(rc, lp.x[j - 1], lp.y[j - 1], lp.x[j], lp.y[j]))
					return 1;
		}
	return 0;
}

/* Each rule chip of lesson in lang at 1920 x 1080 (presenter or not) on
 * a line lets it show through (few pixels inside its edge have the
 * chip's solid colour), one on none is solid; returns how many lay on a
 * line. */
static int test_render_chips_check(const char *lesson, int lang, int presenter)
{
	struct render_app *a = test_render_util_app_mode(lesson, lang, 1920, 1080, presenter);
	a->quiz.off = 1;
	render_app_draw(a);
	cr_assert_not_null(a->place);
	int lined = 0, chips = 0, m = a->panels.line + 1;
	for (size_t i = 0; i < a->nhits; i++) {
		if (a->hits[i].kind != RENDER_APP_HIT_RULE)
			continue;
		/* (inside its edge, past its round ends) */
		SDL_Rect rc = a->hits[i].rc, in = { rc.x + rc.h / 2 + m, rc.y + m, rc.w - rc.h - 2 * m, rc.h - 2 * m };
		long solid = test_render_util_count(a, in, RENDER_THEME_OK) + test_render_util_count(a, in, 0x546E7AFFu);
		int on = test_render_chips_lined(a, (SDL_Rect){ rc.x + rc.h / 2, rc.y + 2, rc.w - rc.h, rc.h - 4 });
		chips++;
		lined += on;
		/* (a dark line through it reads near the solid colour: a
		 * quarter of it at most) */
		long quarter = (long)in.w * in.h / 4;
		if (on)
			cr_expect_lt(solid, quarter, "%s%s: the chip at %d,%d %dx%d lies on a line and hides it (%ld solid pixels)",
				     lesson, presenter ? " presenter" : "", rc.x, rc.y, rc.w, rc.h, solid);
		else
			cr_expect_gt(solid, quarter, "%s%s: the chip at %d,%d %dx%d lies on no line, yet is not solid", lesson,
				     presenter ? " presenter" : "", rc.x, rc.y, rc.w, rc.h);
	}
	cr_expect_gt(chips, 0, "%s: no rule chip", lesson);
	render_app_free(a);
	return lined;
}

Test(render_chips, a_line_shows_through_a_chip_on_it)
{
	int lined = test_render_chips_check("scenarios/14-secure-retrieval.json", LANG_EN, 0);
	lined += test_render_chips_check("scenarios/14-secure-retrieval.json", LANG_EN, 1);
	lined += test_render_chips_check("scenarios/10-mx-backup.json", LANG_JA, 1);
	cr_expect_gt(lined, 0, "no chip on a line: the moments no longer show the case");
}
