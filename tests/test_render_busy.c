/* test_render_busy — a busy scene (past RENDER_TOPOLOGY_LABEL_MAX
 * connections: lesson 09's botnets) draws its routes as thin lines and its
 * packets as dots, and still keeps them off what they do not pass
 * through (issue 11, "lines do not pass through what they do not pass
 * through"): at 10.30 s in normal mode the bots of ISP C's SYNs to ISP B
 * ran straight under the DNS server's box, and the packets just leaving
 * or reaching a box were dots on its address ("198.5■.100.24" on ISP B's
 * bots, "203.0■3.130" on ISP A's mail server).  Fonts are pinned
 * (tests/fonts.conf). */
#include <criterion/criterion.h>

#include <SDL.h>

#include "render_app.h"
#include "render_control.h"
#include "render_theme.h"
#include "render_topology.h"
#include "test_render_util.h"

#define TEST_RENDER_BUSY_LESSON "scenarios/09-botnet-scale.json"
#define TEST_RENDER_BUSY_AT 10300000

/* The configuration (1920 x 1080 in Japanese) and the other size
 * in English, normal mode, at 10.30 s, drawn. */
static struct render_app *test_render_busy_app(int c)
{
	struct render_app *a = test_render_util_app_mode(TEST_RENDER_BUSY_LESSON, c ? LANG_EN : LANG_JA,
							  c ? 1280 : 1920, c ? 720 : 1080, 0);
	a->quiz.off = 1;
	render_control_run_to(a, TEST_RENDER_BUSY_AT);
	render_app_draw(a);
	cr_assert_gt(a->nfconn, RENDER_TOPOLOGY_LABEL_MAX, "lesson 09 at 10.30 s is no longer a busy scene");
	return a;
}

/* Is node (hosts, then routers) an end or a router of connection c? */
static int test_render_busy_own(const struct render_app *a, const struct sim_conn *c, int node)
{
	const struct scenario *sc = a->sc;
	if (node < sc->nhosts)
		return node == render_layout_leader(sc, c->client) || node == render_layout_leader(sc, c->server);
	for (int i = 0; i < c->npath; i++)
		if (c->path[i] == node - sc->nhosts)
			return 1;
	return 0;
}

/* No route crosses the box of a host or router it does not pass through. */
Test(render_busy, routes_keep_off_other_boxes)
{
	for (int c = 0; c < 2; c++) {
		struct render_app *a = test_render_busy_app(c);
		const struct scenario *sc = a->sc;
		for (size_t i = 0; i < a->nfconn; i++) {
			const struct sim_conn *cn = &a->fconn[i];
			struct render_topology_route rt;
			render_topology_route_of(a, cn, &rt);
			for (int node = 0; node < sc->nhosts + sc->nrouters; node++) {
				SDL_Rect box = a->node_box[node];
				if (box.w <= 0 || test_render_busy_own(a, cn, node))
					continue;
				for (int k = 1; k < rt.n; k++) {
					int x1 = (int)rt.x[k - 1], y1 = (int)rt.y[k - 1], x2 = (int)rt.x[k], y2 = (int)rt.y[k];
					cr_assert(!SDL_IntersectRectAndLine(&box, &x1, &y1, &x2, &y2),
						  "%s: %s -> %s runs under %s's box at %d,%d %dx%d (segment %.0f,%.0f - %.0f,%.0f)",
						  c ? "1280x720 en" : "1920x1080 ja", sc->hosts[cn->client].id,
						  sc->hosts[cn->server].id,
						  node < sc->nhosts ? sc->hosts[node].id : sc->routers[node - sc->nhosts].id, box.x,
						  box.y, box.w, box.h, (double)rt.x[k - 1], (double)rt.y[k - 1], (double)rt.x[k],
						  (double)rt.y[k]);
				}
			}
		}
		render_app_free(a);
	}
}

/* No packet's dot lies on a host's name or address: none of the colours
 * a busy scene's dots are drawn in (commands, replies, refusals, drops)
 * shows in those lines, which are drawn in black and grey. */
Test(render_busy, packets_keep_off_the_hosts_text)
{
	static const uint32_t dot[] = { RENDER_THEME_CMD, RENDER_THEME_REPLY, RENDER_THEME_WARN, RENDER_THEME_BLOCK };
	for (int c = 0; c < 2; c++) {
		struct render_app *a = test_render_busy_app(c);
		for (int h = 0; h < a->sc->nhosts; h++)
			for (int t = 0; t < 2; t++) {
				SDL_Rect rc = a->place->text[h][t];
				for (size_t d = 0; rc.w > 0 && d < sizeof dot / sizeof *dot; d++) {
					long n = test_render_util_count(a, rc, dot[d]);
					cr_expect_eq(n, 0, "%s: %ld pixels of a packet's dot (%08x) on %s's %s at %d,%d %dx%d",
						     c ? "1280x720 en" : "1920x1080 ja", n, dot[d], a->sc->hosts[h].id,
						     t ? "address" : "name", rc.x, rc.y, rc.w, rc.h);
				}
			}
		render_app_free(a);
	}
}
