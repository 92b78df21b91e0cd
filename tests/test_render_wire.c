/* test_render_wire — what is on the wire tells no more than has happened
 * and hides nothing the class needs: a SYN a router will drop flies like
 * any SYN until the drop; traffic between networks crosses the Internet's
 * box as the routers' links do; the pill the current row is about is not
 * hidden, and DNS routes run under names; a pile of bounces says "DSN"
 * once; a refusal's label names the command while the reply still flies;
 * the sequence chart shows the router's column only from the drop on;
 * the rules' colours (map and chart) are not the role badges' colours,
 * nor each other's, nor any colour that means something else; a
 * dropped SYN's ✕ is not on the router's name. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "render.h"
#include "render_app.h"
#include "render_chart.h"
#include "render_control.h"
#include "render_ladder.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_tray.h"
#include "render_view.h"
#include "test_render_util.h"

/* The frame's connection whose client is host (by id). */
static const struct sim_conn *test_render_wire_conn_from(struct render_app *a, const char *host)
{
	int h = scenario_find_host(a->sc, host);
	cr_assert_geq(h, 0, "%s is in the lesson", host);
	for (size_t i = 0; i < a->nfconn; i++)
		if (a->fconn[i].client == h)
			return &a->fconn[i];
	cr_assert_fail("%s has no connection open", host);
	return NULL;
}

/* Pixels of colour rgb in the network panel outside the box of host. */
static long test_render_wire_outside(struct render_app *a, int host, uint32_t rgb)
{
	SDL_Rect box = a->node_box[host];
	box = (SDL_Rect){ box.x - 6, box.y - 6, box.w + 12, box.h + 12 };
	return test_render_util_count(a, a->panels.topo, rgb) - test_render_util_count(a, box, rgb);
}

Test(render_wire, a_syn_is_a_syn_until_the_router_drops_it)
{
	struct render_app *a = test_render_util_app("scenarios/02-op25b.json", LANG_EN, 1280, 720);
	int bot = -1;
	for (int h = 0; h < a->sc->nhosts; h++)
		if (a->sc->hosts[h].bot)
			bot = h;
	cr_assert_geq(bot, 0);
	/* 20.003 s: Alice's SYN on its way; OP25B drops it at 20.005 s. */
	render_control_run_to(a, 20003000);
	render_app_draw(a);
	const struct sim_conn *c = test_render_wire_conn_from(a, "alice-pc");
	cr_assert_geq(c->blocked_at, 0, "the simulation knows the verdict already");
	cr_assert_not(render_topology_stopped(c), "the class does not, yet");
	struct render_topology_route rt;
	render_topology_route_of(a, c, &rt);
	cr_assert_not(rt.blocked);
	cr_assert_eq(rt.node[rt.n - 1], c->server, "the SYN heads for the server, as any SYN");
	cr_assert(rt.reach > 0 && rt.reach < 1, "it flies only as far as the router (%f)", rt.reach);
	/* Nothing red on the map but the bot's badge: no dashed red route, no
	 * red "SYN → :25". */
	long red = test_render_wire_outside(a, bot, RENDER_THEME_BLOCK);
	cr_assert_lt(red, 40, "%ld red pixels before the drop", red);
	/* 20.006 s: dropped; now it is red, and ends at the router. */
	render_control_run_to(a, 20006000);
	render_app_draw(a);
	c = test_render_wire_conn_from(a, "alice-pc");
	cr_assert(render_topology_stopped(c));
	render_topology_route_of(a, c, &rt);
	cr_assert(rt.blocked);
	cr_assert_eq(rt.node[rt.n - 1], a->sc->nhosts + c->blocked_at);
	/* The route dashed red, the cross and its label in OP25B's colour. */
	red = test_render_wire_outside(a, bot, RENDER_THEME_BLOCK);
	cr_assert_gt(red, 100, "%ld red pixels after the drop", red);
	uint32_t op25b = render_chart_rule_fill(a->sc, c->blocked_at, "OP25B");
	long rule = test_render_wire_outside(a, bot, op25b);
	cr_assert_gt(rule, 200, "%ld pixels of OP25B's colour after the drop", rule);
	cr_log_info("after the drop: %ld red, %ld in OP25B's colour", red, rule);
	render_app_free(a);
}

Test(render_wire, the_sequence_chart_tells_the_drop_only_when_it_happens)
{
	struct render_app *a = test_render_util_app("scenarios/02-op25b.json", LANG_EN, 1280, 720);
	render_control_run_to(a, 20003000);
	render_app_draw(a);
	struct render_ladder l;
	memset(&l, 0, sizeof l);
	size_t n = render_ladder_collect(a, test_render_wire_conn_from(a, "alice-pc")->id, &l);
	cr_assert_eq(n, 1, "the SYN, on its way");
	cr_assert_eq(l.router, -1, "no router column before the drop");
	cr_assert_eq(l.arrow[0].cls, RENDER_LADDER_SYN);
	cr_assert_eq(l.arrow[0].to, RENDER_LADDER_SERVER, "it heads for the server, as any SYN");
	render_control_run_to(a, 20006000);
	render_app_draw(a);
	n = render_ladder_collect(a, test_render_wire_conn_from(a, "alice-pc")->id, &l);
	cr_assert_geq(n, 1);
	cr_assert_geq(l.router, 0, "the router that dropped it has its column");
	cr_assert_eq(l.arrow[n - 1].cls, RENDER_LADDER_DROP);
	cr_assert_eq(l.arrow[n - 1].to, RENDER_LADDER_ROUTER);
	render_ladder_release(&l);
	render_app_free(a);
}

/* Between each two routers of rt, a point inside network net's area. */
static void test_render_wire_through(struct render_app *a, const struct render_topology_route *rt, int net)
{
	SDL_Rect box = render_layout_net_rect(&a->layout, net);
	int last = -1, hops = 0;
	for (int k = 0; k < rt->n; k++) {
		if (rt->node[k] < a->sc->nhosts)
			continue;
		if (last >= 0) {
			int inside = 0;
			for (int j = last + 1; j < k; j++)
				inside |= rt->x[j] > (float)box.x && rt->x[j] < (float)(box.x + box.w) &&
					  rt->y[j] > (float)box.y && rt->y[j] < (float)(box.y + box.h);
			cr_assert(inside, "from point %d to %d the route stays outside the Internet", last, k);
			hops++;
		}
		last = k;
	}
	cr_assert_gt(hops, 0, "the route joins two routers");
}

Test(render_wire, traffic_between_networks_crosses_the_internet)
{
	static const struct {
		const char *lesson, *client;
		int64_t at;
	} cases[] = {
		{ "scenarios/05-envelope-bcc-forward.json", "mail-b", 1765000 },
		{ "scenarios/04-submission-587-465.json", "alice-pc", 100290000 },
		{ "scenarios/03-ip25b.json", "bot-c", 20055000 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct render_app *a = test_render_util_app(cases[i].lesson, LANG_EN, 1280, 720);
		render_control_run_to(a, cases[i].at);
		render_app_draw(a);
		int internet = scenario_find_net(a->sc, "internet");
		cr_assert_geq(internet, 0);
		struct render_topology_route rt;
		render_topology_route_of(a, test_render_wire_conn_from(a, cases[i].client), &rt);
		test_render_wire_through(a, &rt, internet);
		render_app_free(a);
	}
}

/* The longest run of pixels of colour rgb on one row of rc. */
static int test_render_wire_run(struct render_app *a, SDL_Rect rc, uint32_t rgb)
{
	int best = 0;
	for (int y = rc.y; y < rc.y + rc.h; y++)
		for (int x = rc.x, run = 0; x < rc.x + rc.w; x++) {
			run = test_render_util_count(a, (SDL_Rect){ x, y, 1, 1 }, rgb) ? run + 1 : 0;
			best = run > best ? run : best;
		}
	return best;
}

Test(render_wire, the_current_rows_dns_pill_is_whole_and_its_route_under_names)
{
	struct render_app *a = test_render_util_app("scenarios/01-basic-flow.json", LANG_EN, 1920, 1080);
	/* 1.135 s: the MTA asks for ispb.example's MX, as the caption says,
	 * while the "250 … queued" reply still flies to Alice. */
	render_control_run_to(a, 1135000);
	render_app_draw(a);
	const struct trace_rec *q[2];
	cr_assert_eq(render_view_dns_pending(a, q, 2), 1);
	int px = render_topology_tag_px(a, 16), w = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_FIT, 2000, "DNS ? ispb.example MX", &w, &h);
	int run = test_render_wire_run(a, a->panels.topo, RENDER_THEME_DNS);
	cr_assert_geq(run, w, "the DNS pill shows %d of its %d pixels", run, w);
	/* Its dashed route passes the router under its name, not over it. */
	const struct render_app_hitbox *r = render_app_hit_find(a, RENDER_APP_HIT_ROUTER, 0, -1);
	cr_assert_not_null(r);
	SDL_Rect name = { r->rc.x + 2, r->rc.y + 2, r->rc.w - 4, r->rc.h - 4 };
	cr_assert_eq(test_render_util_count(a, name, RENDER_THEME_DNS), 0);
	render_app_free(a);
}

Test(render_wire, a_tray_of_bounces_says_dsn_once)
{
	struct render_app *a = test_render_util_app("scenarios/06-bounce-backscatter.json", LANG_EN, 1920, 1080);
	render_control_run_to(a, 140810000);
	render_app_draw(a);
	int mail = scenario_find_host(a->sc, "mail-a");
	cr_assert_geq(mail, 0);
	SDL_Rect tray;
	cr_assert(render_tray_rect(a, mail, "INBOX", &tray));
	/* Beside the tray (left of it, else under it: the tag keeps off
	 * names and ranges, names28): one "DSN ×2" in the bounce colour, not
	 * two "DSN" a few pixels apart. */
	int px = render_topology_tag_px(a, 13), w = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, "DSN ×2", &w, &h);
	const SDL_Rect bands[2] = {
		{ tray.x - w - 40, tray.y - h / 2, w + 39, tray.h + h },   /* left of it, on its row */
		{ tray.x - 20, tray.y + tray.h + 1, tray.w + 40, h + tray.h / 2 },   /* under it */
	};
	int x0 = -1, x1 = -1;
	for (int k = 0; k < 2 && x0 < 0; k++)
		for (int x = bands[k].x; x < bands[k].x + bands[k].w; x++)
			if (test_render_util_count(a, (SDL_Rect){ x, bands[k].y, 1, bands[k].h }, RENDER_THEME_BOUNCE)) {
				x0 = x0 < 0 ? x : x0;
				x1 = x;
			}
	cr_assert_geq(x0, 0, "a DSN label beside the tray");
	cr_assert(x1 - x0 + 1 >= w - 4 && x1 - x0 + 1 <= w + 4, "the label is %d px wide, \"DSN ×2\" %d", x1 - x0 + 1, w);
	render_app_free(a);
}

/* The width of this frame's label by a refusal's cross (the only drop
 * label of the frame), 0 if none. */
static int test_render_wire_drop_label(struct render_app *a)
{
	int w = 0;
	for (size_t i = 0; a->place && i < a->place->nover; i++)
		if (a->place->over[i].kind == RENDER_TOPOLOGY_OVER_DROP)
			w = a->place->over[i].rc.w;
	return w;
}

Test(render_wire, a_refusal_in_flight_names_its_command)
{
	struct render_app *a = test_render_util_app("scenarios/04-submission-587-465.json", LANG_EN, 1920, 1080);
	/* 100.34 s: the 554 to RCPT TO (587 without AUTH) is on its way back;
	 * 100.36 s: it has landed.  The label reads "RCPT → 554" both times. */
	render_control_run_to(a, 100340000);
	render_app_draw(a);
	int flying = test_render_wire_drop_label(a);
	render_control_run_to(a, 100360000);
	render_app_draw(a);
	int landed = test_render_wire_drop_label(a);
	cr_assert_gt(landed, 0);
	cr_assert_eq(flying, landed, "the label is %d px wide in flight, %d landed", flying, landed);
	render_app_free(a);
}

/* CIE L*a*b* of 0xRRGGBB.. (sRGB, D65). */
static void test_render_wire_lab(uint32_t c, double lab[3])
{
	double v[3];
	for (int i = 0; i < 3; i++) {
		double x = (double)((c >> (24 - 8 * i)) & 0xFF) / 255.0;
		v[i] = x <= 0.04045 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4);
	}
	double xyz[3] = { (v[0] * 0.4124 + v[1] * 0.3576 + v[2] * 0.1805) / 0.95047,
			  v[0] * 0.2126 + v[1] * 0.7152 + v[2] * 0.0722,
			  (v[0] * 0.0193 + v[1] * 0.1192 + v[2] * 0.9505) / 1.08883 };
	for (int i = 0; i < 3; i++)
		xyz[i] = xyz[i] > 0.008856 ? cbrt(xyz[i]) : 7.787 * xyz[i] + 16.0 / 116.0;
	lab[0] = 116 * xyz[1] - 16;
	lab[1] = 500 * (xyz[0] - xyz[1]);
	lab[2] = 200 * (xyz[1] - xyz[2]);
}

/* How far apart two colours look (CIE76 delta E; about 2.3 is the least
 * an eye tells apart side by side, a projector needs far more). */
static double test_render_wire_de(uint32_t p, uint32_t q)
{
	double a[3], b[3];
	test_render_wire_lab(p, a);
	test_render_wire_lab(q, b);
	return sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
}

Test(render_wire, lesson_09s_rule_colours_are_not_role_colours)
{
	struct render_app *a = test_render_util_app("scenarios/09-botnet-scale.json", LANG_EN, 1280, 720);
	uint32_t rule[16];
	int n = 0;
	for (int r = 0; r < a->sc->nrouters; r++)
		for (int i = 0; i < a->sc->routers[r].nrules && n < 16; i++)
			rule[n++] = render_chart_rule_fill(a->sc, r, a->sc->routers[r].rules[i].name);
	cr_assert_geq(n, 3, "OP25B at ISP A, OP25B and IP25B at ISP B");
	for (int i = 0; i < n; i++) {
		for (int k = 0; k < ROLE_COUNT; k++)
			cr_expect_geq(test_render_wire_de(rule[i], render_theme_role[k]), 25.0,
				      "rule colour %08X looks like %s's badge %08X", rule[i], role_names[k], render_theme_role[k]);
		for (int j = 0; j < i; j++)
			cr_expect_geq(test_render_wire_de(rule[i], rule[j]), 25.0, "rule colours %08X and %08X", rule[i],
				      rule[j]);
	}
	render_app_free(a);
}

/* Every rule colour the map, the totals chart and the legend can show is
 * clearly apart (CIE76 20 or more; lesson 02's OP25B was the red of a 5xx,
 * the fourth and sixth rules a deep pink and a red next to MRA's magenta
 * and the first rule's) from every other rule's and from each colour with
 * a meaning of its own: lines and replies, states, the chart's kinds, the
 * role badges, the acting glow, the letters' edges. */
Test(render_wire, every_rule_colour_is_apart_from_every_other_colour)
{
	uint32_t meaning[64];
	size_t nm = 0;
	static const uint32_t theme[] = {
		RENDER_THEME_TEXT, RENDER_THEME_MUTED, RENDER_THEME_ACCENT, RENDER_THEME_ACTING, RENDER_THEME_SELECT,
		RENDER_THEME_BLOCK, RENDER_THEME_OK, RENDER_THEME_WARN, RENDER_THEME_BOUNCE, RENDER_THEME_ROUTER,
		RENDER_THEME_CMD, RENDER_THEME_REPLY, RENDER_THEME_DNS, RENDER_THEME_BAR,
	};
	for (size_t i = 0; i < sizeof theme / sizeof theme[0]; i++)
		meaning[nm++] = theme[i];
	for (int k = 0; k < ROLE_COUNT; k++)
		meaning[nm++] = render_theme_role[k];
	for (int k = 0; k < RENDER_CHART_KIND_COUNT; k++)
		meaning[nm++] = render_chart_kind_fill((enum render_chart_kind)k);
	for (int k = 0; k < RENDER_THEME_NLETTER; k++)
		meaning[nm++] = render_theme_letter[k];
	const uint32_t *rule = NULL;
	size_t nr = render_chart_rule_palette(&rule);
	cr_assert_geq(nr, 4, "a lesson with four rules gets four colours");
	double least = 1e9;
	for (size_t i = 0; i < nr; i++) {
		for (size_t j = 0; j < nm; j++) {
			double d = test_render_wire_de(rule[i], meaning[j]);
			least = fmin(least, d);
			cr_expect_geq(d, 20.0, "rule colour %zu (%08X) is close to %08X (delta E %.1f)", i, rule[i],
				      meaning[j], d);
		}
		for (size_t j = 0; j < i; j++) {
			double d = test_render_wire_de(rule[i], rule[j]);
			least = fmin(least, d);
			cr_expect_geq(d, 20.0, "rule colours %zu and %zu (%08X, %08X): delta E %.1f", j, i, rule[j], rule[i],
				      d);
		}
		/* The drop labels write white on it. */
		double lab[3];
		test_render_wire_lab(rule[i], lab);
		cr_expect_leq(lab[0], 55.0, "rule colour %zu (%08X) is too light for white text", i, rule[i]);
	}
	cr_log_info("least delta E of a rule colour: %.1f", least);
}

/* A refusal at the end of the message answers its closing ".", no command
 * of its own: the label says "end of DATA" (Postfix's "in reply to end of
 * DATA command"), not the client's internal step ("CONTENT"). */
Test(render_wire, a_refusal_of_the_message_names_the_end_of_data)
{
	struct render_app *a = test_render_util_app("scenarios/13-dkim-dmarc.json", LANG_EN, 1920, 1080);
	render_control_run_to(a, 100560000);
	render_app_draw(a);
	int px = render_topology_tag_px(a, 16), w = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_FIT, (int)(330 * a->layout.k) + 80,
			 "end of DATA → 550", &w, &h);
	int label = test_render_wire_drop_label(a);
	cr_assert_eq(label, w + 2 * (px / 3 + 2), "the label is %d px wide, \"end of DATA → 550\" %d", label,
		     w + 2 * (px / 3 + 2));
	render_app_free(a);
}

/* The distance from a rectangle's centre to a box (0 inside it). */
static float test_render_wire_dist(SDL_Rect r, SDL_Rect box)
{
	float cx = (float)r.x + (float)r.w / 2, cy = (float)r.y + (float)r.h / 2;
	float dx = fmaxf(fmaxf((float)box.x - cx, cx - (float)(box.x + box.w)), 0);
	float dy = fmaxf(fmaxf((float)box.y - cy, cy - (float)(box.y + box.h)), 0);
	return hypotf(dx, dy);
}

/* A letter its client still holds (the content has gone, the server's 250
 * has not come back) waits by the client's box, not half way along the
 * route: lesson 06's DSN at Oldcorp's server was drawn in the middle of
 * the Internet, where it read as a second bounce in flight.  Since the
 * letter leaves the client when the server takes it, at 60.826 s the DSN
 * is stored at ISP A (its server's tray) while the 250 flies back: each
 * DSN letter on the map is by Oldcorp's server or by ISP A's. */
Test(render_wire, a_letter_waiting_for_its_reply_stays_by_its_client)
{
	struct render_app *a = test_render_util_app("scenarios/06-bounce-backscatter.json", LANG_JA, 1280, 720);
	render_control_run_to(a, 60826000);
	render_app_draw(a);
	int dsn = sim_ledger_find(render_app_sim(a), "spam1.bounce");
	cr_assert_geq(dsn, 0);
	const struct render_app_hitbox *client = render_app_hit_find(a, RENDER_APP_HIT_HOST,
								    scenario_find_host(a->sc, "mail-x"), -1);
	const struct render_app_hitbox *server = render_app_hit_find(a, RENDER_APP_HIT_HOST,
								    scenario_find_host(a->sc, "mail-a"), -1);
	cr_assert_not_null(client);
	cr_assert_not_null(server);
	SDL_Rect net = render_layout_net_rect(&a->layout, a->sc->hosts[scenario_find_host(a->sc, "dns")].net);
	int seen = 0;
	for (size_t i = 0; i < a->nhits; i++) {
		const struct render_app_hitbox *h = &a->hits[i];
		SDL_Point c = { h->rc.x + h->rc.w / 2, h->rc.y + h->rc.h / 2 };
		/* letters on the map only (not the message list's row) */
		if (h->kind != RENDER_APP_HIT_MSG || h->a != dsn || !SDL_PointInRect(&c, &a->panels.topo))
			continue;
		seen++;
		cr_expect_not(SDL_PointInRect(&c, &net), "a DSN in the Internet's region at %d,%d", c.x, c.y);
		float d = fminf(test_render_wire_dist(h->rc, client->rc), test_render_wire_dist(h->rc, server->rc));
		cr_expect_leq(d, 2.0f * (float)h->rc.w, "a DSN at %d,%d, by neither server", c.x, c.y);
	}
	cr_assert_gt(seen, 0, "no DSN on the map");
	render_app_free(a);
}

/* A moving label stays on the map: at its top edge the label above a
 * packet went under the top bar (lesson 14's laptop, presenter 720). */
Test(render_wire, a_moving_label_stays_on_the_map)
{
	static const int64_t at[] = { 40104000, 60052000 };
	for (int i = 0; i < 2; i++) {
		struct render_app *a = test_render_util_app("scenarios/14-secure-retrieval.json", LANG_JA, 1280, 720);
		a->presenter = 1;
		render_control_run_to(a, at[i]);
		render_app_draw(a);
		for (size_t k = 0; k < a->ntaken; k++) {
			SDL_Rect r = a->taken[k], ix;
			cr_expect(SDL_IntersectRect(&r, &a->panels.topo, &ix) && SDL_RectEquals(&ix, &r),
				  "at %.3f s a label at %d,%d %dx%d is cut by the map's edge (map from y %d)",
				  (double)at[i] / 1e6, r.x, r.y, r.w, r.h, a->panels.topo.y);
		}
		render_app_free(a);
	}
}

/* A letter stays on the map: one waiting by a box at the map's top edge
 * went under the top bar (the moments an acceptance review found, in
 * their sizes, modes and languages). */
Test(render_wire, a_letter_stays_on_the_map)
{
	static const struct {
		const char *lesson;
		int64_t at;
		int w, presenter, lang;
	} when[] = {
		{ "02-op25b", 20005000, 1280, 1, LANG_JA },        { "05-envelope-bcc-forward", 1105000, 1920, 1, LANG_JA },
		{ "06-bounce-backscatter", 60826000, 1280, 1, LANG_JA }, { "06-bounce-backscatter", 140847000, 1920, 1, LANG_JA },
		{ "11-smime", 25162000, 1280, 1, LANG_JA },
	};
	for (size_t i = 0; i < sizeof when / sizeof when[0]; i++) {
		char path[96];
		snprintf(path, sizeof path, "scenarios/%s.json", when[i].lesson);
		struct render_app *a = test_render_util_app(path, when[i].lang, when[i].w, when[i].w * 9 / 16);
		a->presenter = when[i].presenter;
		render_control_run_to(a, when[i].at);
		render_app_draw(a);
		int letters = 0;
		for (size_t k = 0; k < a->nhits; k++) {
			SDL_Rect r = a->hits[k].rc, ix;
			if (a->hits[k].kind != RENDER_APP_HIT_MSG || !SDL_HasIntersection(&r, &a->panels.topo))
				continue;
			letters++;
			cr_expect(SDL_IntersectRect(&r, &a->panels.topo, &ix) && SDL_RectEquals(&ix, &r),
				  "%s at %.3f s: a letter at %d,%d %dx%d is cut by the map's edge (map %d,%d %dx%d)",
				  when[i].lesson, (double)when[i].at / 1e6, r.x, r.y, r.w, r.h, a->panels.topo.x,
				  a->panels.topo.y, a->panels.topo.w, a->panels.topo.h);
		}
		cr_expect_gt(letters, 0, "%s at %.3f s: a letter on the map", when[i].lesson, (double)when[i].at / 1e6);
		render_app_free(a);
	}
}

/* The current row's label, moved away from its packet for lack of room,
 * is tied to it by a line that crosses no router's name (lesson 01b in
 * presenter mode: "S: 250 … queued" was tied across "ISP A's border
 * router") and starts at the edge of the box the packet is in. */
Test(render_wire, a_label_tied_to_its_packet_crosses_no_name)
{
	struct render_app *a = test_render_util_app("scenarios/01b-agents.json", LANG_EN, 1280, 720);
	a->presenter = 1;
	render_control_run_to(a, 1133000);
	render_app_draw(a);
	for (int r = 0; r < a->sc->nrouters; r++) {
		SDL_Rect box = a->node_box[a->sc->nhosts + r];
		box = (SDL_Rect){ box.x + 2, box.y + 2, box.w - 4, box.h - 4 };
		long n = test_render_util_count(a, box, RENDER_THEME_REPLY);
		cr_expect_lt(n, 4, "%ld pixels of the reply's tie line on %s's name", n, a->sc->routers[r].id);
	}
	render_app_free(a);
}

/* A dropped SYN's ✕ sits beside the router that dropped it, not on its
 * name: no pixel of a rule's colour inside a router's name box (lesson
 * 09's ✕ at ISP B's border router covered "ISP B's border router" in
 * presenter mode at 1280 x 720).  And the ✕ and the packets' labels are
 * recorded as drawn over the map, for test_render_place's checks. */
Test(render_wire, a_drop_cross_keeps_off_the_routers_name)
{
	static const struct {
		const char *lesson;
		int lang, presenter;
		int64_t at;
	} cases[] = {
		{ "scenarios/09-botnet-scale.json", LANG_EN, 1, 2200000 },
		{ "scenarios/09-botnet-scale.json", LANG_JA, 1, 2200000 },
		{ "scenarios/09-botnet-scale.json", LANG_EN, 0, 40000000 },
		{ "scenarios/02-op25b.json", LANG_EN, 0, 21000000 },
		{ "scenarios/03-ip25b.json", LANG_JA, 1, 21000000 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct render_opts o;
		memset(&o, 0, sizeof o);
		o.scenario = cases[i].lesson;
		o.scenarios_dir = "scenarios";
		o.lang = cases[i].lang;
		o.presenter = cases[i].presenter;
		struct render_app *a = render_app_new_offscreen(&o, 1280, 720);
		cr_assert_not_null(a);
		a->quiz.off = 1;
		render_control_run_to(a, cases[i].at);
		render_app_draw(a);
		int crosses = 0;
		for (size_t k = 0; k < a->place->nover; k++)
			crosses += a->place->over[k].kind == RENDER_TOPOLOGY_OVER_CROSS;
		cr_assert_gt(crosses, 0, "%s at %.2f s: a dropped SYN's cross", cases[i].lesson, (double)cases[i].at / 1e6);
		for (int r = 0; r < a->sc->nrouters; r++) {
			SDL_Rect box = a->node_box[a->sc->nhosts + r];
			box = (SDL_Rect){ box.x + 2, box.y + 2, box.w - 4, box.h - 4 };
			for (int k = 0; k < a->sc->routers[r].nrules; k++) {
				uint32_t col = render_chart_rule_fill(a->sc, r, a->sc->routers[r].rules[k].name);
				long n = test_render_util_count(a, box, col);
				cr_expect_lt(n, 8, "%s %s at %.2f s: %ld pixels of %s's colour on %s's name", cases[i].lesson,
					     cases[i].presenter ? "presenter" : "normal", (double)cases[i].at / 1e6, n,
					     a->sc->routers[r].rules[k].name, a->sc->routers[r].id);
			}
		}
		render_app_free(a);
	}
}

/* Letters at rest pile on a corner of their host's box that no other box
 * is beside: lesson 11's six letters at Bob's PC lay on Carol's PC. */
Test(render_wire, a_pile_of_letters_covers_no_other_host)
{
	static const int size[2][3] = { { 1920, 1080, 1 }, { 1280, 720, 0 } };
	for (int k = 0; k < 2; k++) {
		struct render_app *a = test_render_util_app("scenarios/11-smime.json", LANG_EN, size[k][0], size[k][1]);
		a->presenter = size[k][2];
		render_control_run_to(a, 75295000);
		render_app_draw(a);
		const struct render_app_hitbox *carol =
			render_app_hit_find(a, RENDER_APP_HIT_HOST, scenario_find_host(a->sc, "carol-pc"), -1);
		cr_assert_not_null(carol);
		for (size_t i = 0; i < a->nhits; i++)
			if (a->hits[i].kind == RENDER_APP_HIT_MSG)
				cr_expect_not(SDL_HasIntersection(&a->hits[i].rc, &carol->rc),
					      "%dx%d: a letter at %d,%d lies on Carol's PC", size[k][0], size[k][1],
					      a->hits[i].rc.x, a->hits[i].rc.y);
		render_app_free(a);
	}
}

/* A packet's label on the wire is recorded as drawn over the map (and so
 * checked against every name by test_render_place). */
Test(render_wire, a_packets_label_is_recorded_over_the_map)
{
	struct render_app *a = test_render_util_app("scenarios/02-op25b.json", LANG_EN, 1280, 720);
	render_control_run_to(a, 20003000);   /* Alice's SYN on its way */
	render_app_draw(a);
	int pills = 0;
	for (size_t k = 0; k < a->place->nover; k++)
		pills += a->place->over[k].kind == RENDER_TOPOLOGY_OVER_PILL;
	cr_assert_gt(pills, 0, "the SYN's label");
	render_app_free(a);
}

/* A network's name wraps between words, not inside one, where the map
 * has room for that: lesson 11's "D社（corp.exa|mple）", lesson 12's
 * "（レンタルサー|バ）" sat in a column too narrow for them. */
Test(render_wire, a_network_name_is_not_cut_inside_a_word)
{
	static const char *const lessons[] = { "scenarios/11-smime.json", "scenarios/12-bayes-learning.json" };
	for (int l = 0; l < 2; l++) {
		struct render_app *a = test_render_util_app(lessons[l], LANG_JA, 1280, 720);
		render_control_run_to(a, 25000000);
		render_app_draw(a);
		for (int n = 0; n < a->sc->nnets; n++) {
			const struct render_topology_title *t = &a->place->title[n];
			const char *label = sc_text_get(&a->sc->nets[n].label, LANG_JA);
			if (t->rc.w > 0 && t->mode == RENDER_FONT_WRAP && label)
				cr_expect_not(render_font_wrap_cuts(a->font, RENDER_FONT_BOLD, t->px, t->maxw, label) & 1,
					      "%s: \"%s\" is cut inside a word", lessons[l], label);
		}
		render_app_free(a);
	}
}

/* While the server reads the message it was sent, before it answers, the
 * letter is at the server, not back at its client: lesson 13 at 1.376 s,
 * ISP B checks m1's DKIM signature while m1 was drawn at Corp's server. */
Test(render_wire, a_letter_the_server_reads_is_at_the_server)
{
	struct render_app *a = test_render_util_app("scenarios/13-dkim-dmarc.json", LANG_JA, 1280, 720);
	render_control_run_to(a, 1376000);
	render_app_draw(a);
	int m1 = sim_ledger_find(render_app_sim(a), "m1");
	const struct render_app_hitbox *b = render_app_hit_find(a, RENDER_APP_HIT_HOST, scenario_find_host(a->sc, "mail-b"), -1);
	const struct render_app_hitbox *corp =
		render_app_hit_find(a, RENDER_APP_HIT_HOST, scenario_find_host(a->sc, "corp-mail"), -1);
	cr_assert(m1 >= 0 && b && corp);
	int seen = 0;
	for (size_t i = 0; i < a->nhits; i++)
		if (a->hits[i].kind == RENDER_APP_HIT_MSG && a->hits[i].a == m1) {
			seen++;
			cr_expect_lt(test_render_wire_dist(a->hits[i].rc, b->rc), test_render_wire_dist(a->hits[i].rc, corp->rc),
				     "m1 is drawn nearer Corp's server than ISP B's, which reads it");
		}
	cr_assert_gt(seen, 0, "m1 is not drawn");
	render_app_free(a);
}
