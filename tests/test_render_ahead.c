/* test_render_ahead — a SYN on its way to a router that will drop it
 * (OP25B, IP25B) shows the way ahead only as far as that router, and no
 * port tag: lesson 09 at 2.194 s drew the next bot's SYN as a dashed
 * "SMTP 25" way past ISP A's OP25B cross, across the Internet to ISP B,
 * the opposite of the lesson's point (acceptance look, issue 11).  Both
 * sizes, normal and presenter, both languages.  Fonts are pinned
 * (tests/fonts.conf). */
#include <criterion/criterion.h>

#include <SDL.h>
#include <math.h>
#include <string.h>

#include "render_app.h"
#include "render_control.h"
#include "render_topology.h"
#include "test_render_util.h"

/* How far (x, y) lies from the segment (x1, y1)-(x2, y2). */
static float test_render_ahead_seg(float x, float y, float x1, float y1, float x2, float y2)
{
	float dx = x2 - x1, dy = y2 - y1, l2 = dx * dx + dy * dy;
	float t = l2 > 0 ? ((x - x1) * dx + (y - y1) * dy) / l2 : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	return hypotf(x1 + t * dx - x, y1 + t * dy - y);
}

/* How far (x, y) lies from route rt. */
static float test_render_ahead_route(const struct render_topology_route *rt, float x, float y)
{
	float d = 1e9f;
	for (int k = 1; k < rt->n; k++)
		d = fminf(d, test_render_ahead_seg(x, y, rt->x[k - 1], rt->y[k - 1], rt->x[k], rt->y[k]));
	return d;
}

/* SYNs on their way to be dropped in a's frame whose way past the router
 * is drawn or tagged; appended to b. */
static int test_render_ahead_check(const struct render_app *a, struct sbuf *b)
{
	int bad = 0, syns = 0;
	for (size_t i = 0; i < a->nfconn; i++) {
		const struct sim_conn *c = &a->fconn[i];
		struct render_topology_route rt;
		render_topology_route_of(a, c, &rt);
		if (!c->connecting || !c->in_flight || !c->to_server || rt.blocked || rt.reach >= 1 || rt.n < 2)
			continue;
		syns++;
		for (size_t j = 0; j < a->place->nover; j++)
			if (a->place->over[j].kind == RENDER_TOPOLOGY_OVER_TAG && a->place->over[j].conn == c->id) {
				sbuf_addf(b, "  the SYN of %s -> %s, to be dropped, has a port tag\n",
				          a->sc->hosts[c->client].id, a->sc->hosts[c->server].id);
				bad++;
			}
		/* a point a little past the router, on no other connection's way */
		float x, y;
		render_topology_along(&rt, rt.reach + (1 - rt.reach) * 0.25f, &x, &y);
		int shared = 0;
		for (size_t o = 0; o < a->nfconn && !shared; o++) {
			struct render_topology_route ort;
			if (o == i)
				continue;
			render_topology_route_of(a, &a->fconn[o], &ort);
			shared = ort.reach >= 1 && test_render_ahead_route(&ort, x, y) < 4;
		}
		for (size_t l = 0; l < a->place->nline && !shared; l++) {
			const float *s = a->place->line[l];
			if (test_render_ahead_seg(x, y, s[0], s[1], s[2], s[3]) < 2) {
				sbuf_addf(b, "  the SYN of %s -> %s, to be dropped, has its way drawn past the router at %.0f,%.0f\n",
				          a->sc->hosts[c->client].id, a->sc->hosts[c->server].id, (double)x, (double)y);
				bad++;
				break;
			}
		}
	}
	return bad + (syns ? 0 : -1000);
}

Test(render_ahead, a_syn_to_be_dropped_shows_its_way_only_to_the_router)
{
	struct sbuf b = { 0 };
	int bad = 0, seen = 0;
	for (int c = 0; c < 8; c++) {
		const char *lesson = "scenarios/09-botnet-scale.json";
		if (!test_render_util_sweep(lesson, c))
			continue;
		int w = c & 2 ? 1920 : 1280, h = c & 2 ? 1080 : 720;
		struct render_app *a = test_render_util_app_mode(lesson, c & 1 ? LANG_EN : LANG_JA, w, h, c & 4);
		a->quiz.off = 1;
		render_control_run_to(a, 2194000);
		render_app_draw(a);
		int n = test_render_ahead_check(a, &b);
		if (n >= 0) {
			bad += n;
			seen++;
		}
		render_app_free(a);
	}
	cr_assert_gt(seen, 0, "no SYN on its way to be dropped at 2.194 s");
	cr_expect_eq(bad, 0, "%d SYNs to be dropped drawn or tagged past their router:\n%s", bad, b.s ? b.s : "");
	sbuf_free(&b);
}
