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

/* The next router line after link *k of router *r (start: *r 0, *k -1):
 * 1 with its router in *r, its network in *net and its path in *p; 0
 * after the last. */
static int test_render_link_dots_next(struct render_app *a, int *r, int *k, int *net, struct render_links_path *p)
{
	for (;;) {
		if (++*k >= a->sc->routers[*r].nlinks) {
			*k = -1;
			if (++*r >= a->sc->nrouters)
				return 0;
			continue;
		}
		*net = a->sc->routers[*r].links[*k].net;
		if (*net >= 0 && *net < a->sc->nnets)
			break;
	}
	render_links_path(a, *r, *net, p);
	return 1;
}

static void test_render_link_dots_at(struct render_app *a, const char *lesson, const char *what, void *ud)
{
	struct sbuf *b = ud;
	float th = (float)a->panels.line * 1.5f;
	int d = (int)ceilf(th * 1.6f);
	int r = 0, k = -1, net;
	struct render_links_path p;
	while (a->sc->nrouters > 0 && test_render_link_dots_next(a, &r, &k, &net, &p)) {
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

static void test_render_link_dots_off_by(struct render_app *a, const char *lesson, const char *what, struct sbuf *b,
                                         int g)
{
	SDL_Rect map = { a->panels.topo.x - g, a->panels.topo.y - g, a->panels.topo.w + 2 * g, a->panels.topo.h + 2 * g };
	int r = 0, k = -1, net;
	struct render_links_path p;
	while (a->sc->nrouters > 0 && test_render_link_dots_next(a, &r, &k, &net, &p)) {
		for (int i = 0; i < p.n; i++) {
			SDL_Point q = { (int)lroundf(p.x[i]), (int)lroundf(p.y[i]) };
			if (!SDL_PointInRect(&q, &map))
				sbuf_addf(b, "  %s %s: %s's line to %s bends at %d,%d, off the map (%d,%d %dx%d)\n", lesson,
					  what, a->sc->routers[r].id, a->sc->nets[net].id, q.x, q.y, map.x, map.y, map.w,
					  map.h);
		}
	}
}

static void test_render_link_dots_on_map(struct render_app *a, const char *lesson, const char *what, void *ud)
{
	/* (a bend a line's width or two past the edge still shows the line
	 * running to it: lesson 12's data-centre router stands on the map's
	 * bottom edge at 720p presenter, its line turning 4 px below it) */
	test_render_link_dots_off_by(a, lesson, what, ud, 2 * a->panels.line);
}

/* A router's line never leaves the map: lesson 07 at 1920 x 1080
 * presenter ja, Corp's line to the Internet, kept off 「インターネット」,
 * ran off the right edge round ISP B's customers and came back 250 px
 * lower, the mail along it out of sight. */
Test(render_link_dots, a_routers_line_stays_on_the_map, .timeout = 300)
{
	struct sbuf b = { 0 };
	int n = test_render_util_each_config(test_render_link_dots_on_map, &b);
	cr_assert_gt(n, 0, "no lesson drawn");
	cr_expect_eq(b.len, 0, "router lines off the map:\n%s", b.s ? b.s : "");
	sbuf_free(&b);
}

/* The moment it was seen (the lines are laid out again as the names move). */
Test(render_link_dots, lesson_07s_corp_line_stays_on_the_map)
{
	struct render_app *a = test_render_util_app_at("scenarios/07-spoofing-spf.json", LANG_JA, 1920, 1080, 1, 1377000);
	struct sbuf b = { 0 };
	test_render_link_dots_off_by(a, "07", "at 1.377 s", &b, 0);
	cr_expect_eq(b.len, 0, "router lines off the map:\n%s", b.s ? b.s : "");
	sbuf_free(&b);
	render_app_free(a);
}
