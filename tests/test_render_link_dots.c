/* test_render_link_dots — where a router's line meets a network's region
 * (issue 11, review 32): its dot lies on the region's edge nearest the
 * router, where the network's name runs along the edge too.  Lesson 07 at
 * 1920 x 1080 presenter: ISP C's router's dot on "port 25 rules)"; lesson
 * 06 at 1280 x 720 presenter: ISP A's between the "I" and the "P" of
 * 「ISP A 会員（動的IP）」. */
#include <criterion/criterion.h>
#include <math.h>

#include "render_app.h"
#include "render_links.h"
#include "render_topology.h"
#include "test_render_util.h"
#include "util.h"

static void test_render_link_dots_at(struct render_app *a, const char *lesson, const char *what, void *ud)
{
	struct sbuf *b = ud;
	float th = (float)a->panels.line * 1.5f;
	int d = (int)ceilf(th * 1.6f);
	for (int r = 0; r < a->sc->nrouters; r++)
		for (int k = 0; k < a->sc->routers[r].nlinks; k++) {
			int net = a->sc->routers[r].links[k].net;
			struct render_links_path p;
			if (net < 0 || net >= a->sc->nnets)
				continue;
			render_links_path(a, r, net, &p);
			SDL_Rect t = a->place->title[net].rc, hit;
			SDL_Rect dot = { (int)lroundf(p.x[p.n - 1]) - d, (int)lroundf(p.y[p.n - 1]) - d, 2 * d, 2 * d };
			if (p.n >= 2 && t.w > 0 && SDL_IntersectRect(&t, &dot, &hit))
				sbuf_addf(b, "  %s %s: %s's dot at %.0f,%.0f on the name of %s (%d,%d %dx%d)\n", lesson, what,
					  a->sc->routers[r].id, (double)p.x[p.n - 1], (double)p.y[p.n - 1], a->sc->nets[net].id,
					  t.x, t.y, t.w, t.h);
		}
}

/* At every lesson's first frame in every size, mode and language: 46 dots
 * lay on their network's name before.  Two regions have no edge near
 * their router off the name (lesson 08's Internet at 1080p presenter in
 * English, under corp1's router: the dot stays above the glyphs, in the
 * name's top margin; lesson 12's ISP A customers at 720p presenter in
 * Japanese): at most those two. */
Test(render_link_dots, a_routers_dot_is_off_its_networks_name, .timeout = 300)
{
	struct sbuf b = { 0 };
	int n = test_render_util_each_config(test_render_link_dots_at, &b);
	cr_assert_gt(n, 0, "no lesson drawn");
	int lines = 0;
	for (size_t i = 0; i < b.len; i++)
		lines += b.s[i] == '\n';
	cr_expect_leq(lines, 2, "link dots on their network's name:\n%s", b.s ? b.s : "");
	sbuf_free(&b);
}
