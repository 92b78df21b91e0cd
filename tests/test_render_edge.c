/* test_render_edge — where routes meet routers and where a dropped SYN's
 * ✕ goes (issue 11: "the ✕ covers router names"): routes meet each
 * router at its box's edge (render_topology_route_edges; the checks of
 * every lesson are in test_render_place), and in presenter mode a drop's
 * ✕ sits on the SYN's line by the router that dropped it, not beside the
 * router's box off the line, where it read as another box's.  Fonts are
 * pinned (tests/fonts.conf). */
#include <criterion/criterion.h>

#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render.h"
#include "render_app.h"
#include "render_control.h"
#include "render_topology.h"
#include "test_render_util.h"

/* The distance from (x, y) to the segment (x1, y1)-(x2, y2). */
static float test_render_edge_seg(float x, float y, float x1, float y1, float x2, float y2)
{
	float dx = x2 - x1, dy = y2 - y1, l2 = dx * dx + dy * dy;
	float t = l2 > 0 ? ((x - x1) * dx + (y - y1) * dy) / l2 : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	return hypotf(x - (x1 + dx * t), y - (y1 + dy * t));
}

/* Each ✕ drawn for a drop at router `router` (its anchor the router's
 * box) whose centre lies more than a quarter of the cross off every
 * dropped SYN's line into that router; appends to b. */
static int test_render_edge_off_line(struct render_app *a, const char *router, struct sbuf *b)
{
	int want = scenario_find_router(a->sc, router);
	cr_assert(want >= 0, "no router %s", router);
	int bad = 0;
	for (size_t i = 0; i < a->place->nover; i++) {
		const struct render_topology_overlay *o = &a->place->over[i];
		if (o->kind != RENDER_TOPOLOGY_OVER_CROSS)
			continue;
		int r = -1;
		for (int k = 0; k < a->sc->nrouters; k++)
			if (a->node_box && !memcmp(&a->node_box[a->sc->nhosts + k], &o->anchor, sizeof o->anchor))
				r = k;
		if (r != want)
			continue;   /* a server's refusal, another router's drop */
		float cx = (float)o->rc.x + (float)o->rc.w / 2, cy = (float)o->rc.y + (float)o->rc.h / 2, least = 1e9f;
		int routes = 0;
		for (size_t c = 0; c < a->nfconn; c++) {
			if (a->fconn[c].blocked_at != r || a->fconn[c].in_flight)
				continue;
			struct render_topology_route rt;
			render_topology_route_of(a, &a->fconn[c], &rt);
			routes++;
			for (int k = 1; k < rt.n; k++) {
				float d = test_render_edge_seg(cx, cy, rt.x[k - 1], rt.y[k - 1], rt.x[k], rt.y[k]);
				least = d < least ? d : least;
			}
		}
		if (routes && least > (float)o->rc.w / 4) {
			sbuf_addf(b, "  %s's ✕ at (%.0f,%.0f) lies %.0f px off its SYN's line (cross %d px)\n",
				  a->sc->routers[r].id, (double)cx, (double)cy, (double)least, o->rc.w);
			bad++;
		}
	}
	return bad;
}

/* Lesson 09 at 2.117 s in presenter mode at 1280 x 720: the SYN from ISP
 * C's bots reaches ISP B's border router along the top of its box, under
 * the DNS server, where no ✕ fits; its IP25B ✕ went beside the box's
 * lower right, by ISP B's mail server and off the dotted line.  It sits
 * on the line where it comes up to the router's corner.  (Not ISP A's
 * OP25B ✕: the bots' box leaves its line to that router no room; nor in
 * Japanese, where the line comes up into ISP B's router under its rule
 * chips and across the Internet's name.) */
Test(render_edge, l09_ip25b_cross_on_the_syns_line)
{
	struct render_app *a = test_render_util_app_mode("scenarios/09-botnet-scale.json", LANG_EN, 1280, 720, 1);
	a->quiz.off = 1;
	render_control_run_to(a, 2117000);
	render_app_draw(a);
	struct sbuf b = { 0 };
	int bad = test_render_edge_off_line(a, "ispb-gw", &b);
	cr_expect_eq(bad, 0, "%s", b.s ? b.s : "");
	sbuf_free(&b);
	render_app_free(a);
}

/* Lesson 06 at 60.826 s in presenter mode at 1920 x 1080: the
 * backscatter bounce from oldcorp's server to ISP A's went round the
 * Internet's name by a corner that lay inside the DNS server's box and
 * ran on from there under the box (a segment whose end a box holds was
 * not counted as crossing it).  Its route bends inside no box, chip, tray
 * or name but its own, and runs clear of the DNS server's box. */
Test(render_edge, l06_backscatter_bends_outside_the_dns_server)
{
	for (int lang = LANG_JA; lang <= LANG_EN; lang++) {
		struct render_app *a =
			test_render_util_app_mode("scenarios/06-bounce-backscatter.json", lang, 1920, 1080, 1);
		a->quiz.off = 1;
		render_control_run_to(a, 60826000);
		render_app_draw(a);
		int from = scenario_find_host(a->sc, "mail-x"), to = scenario_find_host(a->sc, "mail-a"), seen = 0;
		cr_assert(from >= 0 && to >= 0);
		for (size_t c = 0; c < a->nfconn; c++) {
			if (a->fconn[c].client != from || a->fconn[c].server != to)
				continue;
			struct render_topology_route rt;
			render_topology_route_of(a, &a->fconn[c], &rt);
			seen++;
			for (size_t i = 0; i < a->place->nlab; i++) {
				const struct render_topology_label *l = &a->place->lab[i];
				SDL_Rect in = { l->rc.x + 1, l->rc.y + 1, l->rc.w - 2, l->rc.h - 2 };
				int mine = 0;   /* its ends' and routers' own boxes, chips and trays */
				for (int k = 0; k < rt.n && l->kind < RENDER_TOPOLOGY_NET_NAME; k++)
					mine |= rt.node[k] >= 0 && l->owner == rt.node[k];
				if (l->kind == RENDER_TOPOLOGY_PILE || mine)
					continue;
				for (int k = 0; k < rt.n; k++) {
					SDL_Point p = { (int)lroundf(rt.x[k]), (int)lroundf(rt.y[k]) };
					cr_expect(rt.node[k] != RENDER_TOPOLOGY_BEND || !SDL_PointInRect(&p, &in),
						  "%s: the bounce bends at (%d,%d) inside %s %d at %d,%d %dx%d",
						  lang == LANG_EN ? "en" : "ja", p.x, p.y, render_topology_kind_names[l->kind],
						  l->owner, l->rc.x, l->rc.y, l->rc.w, l->rc.h);
				}
			}
			SDL_Rect dns = a->node_box[scenario_find_host(a->sc, "dns")];
			for (int k = 1; k < rt.n; k++) {
				int x1 = (int)lroundf(rt.x[k - 1]), y1 = (int)lroundf(rt.y[k - 1]);
				int x2 = (int)lroundf(rt.x[k]), y2 = (int)lroundf(rt.y[k]);
				cr_expect(!SDL_IntersectRectAndLine(&dns, &x1, &y1, &x2, &y2),
					  "%s: the bounce's segment %d (%.0f,%.0f)-(%.0f,%.0f) runs under the DNS server's box",
					  lang == LANG_EN ? "en" : "ja", k, (double)rt.x[k - 1], (double)rt.y[k - 1],
					  (double)rt.x[k], (double)rt.y[k]);
			}
		}
		cr_expect_gt(seen, 0, "the bounce is on the wire at 60.826 s");
		render_app_free(a);
	}
}
