/* test_render_border — in presenter mode a border router stands at the
 * edge of its own networks' regions, and no route runs under a router it
 * does not pass through (review 24).  For every lesson, presenter mode at
 * 1280 x 720 and 1920 x 1080 in both languages, at half time, at the end
 * and at the moments the review looked at, it counts
 * (a) routes (every connection and DNS query of the run so far, as
 * render_topology_route_hosts lays them) whose drawn line (half its
 * width, render_topology_route_margin's, and a pixel) touches the box or
 * rule chips of a router not on their path -- lesson 03 at
 * 1.19 s: ISP A's mail to ISP B ran under "ISP C border router (no
 * OP25B)"; lesson 06 at 60.504 s: the bot's spam ran up past ISP A's
 * router and its "OP25B on" chip, as if it left through it;
 * (b) routers whose box and chips stand farther than four times a
 * region's margin (render_region_fit's) from the nearest region of their
 * own networks (the Internet apart) -- lesson 07 at 1920 x 1080: ISP C's router over ISP B's
 * servers, far from ISP C's two regions on the left;
 * (c) routers whose box stands on the region of a network they do not
 * link.  Fonts are pinned (tests/fonts.conf).  A route's ends at its own
 * routers are not counted: it meets their boxes by design. */
#include <criterion/criterion.h>

#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render.h"
#include "render_app.h"
#include "render_control.h"
#include "render_links.h"
#include "render_topology.h"
#include "render_topology_route_own.h"
#include "test_render_util.h"

/* How near a route's line (its middle) may come to a router's box or
 * chips not on its way: its drawn half width (render_topology_route_margin's)
 * and a pixel (the line touches the box), and this many line widths more
 * (0 but in issue11_l03_relay_clear_of_isp_c). */
static float test_render_border_gap_px;

/* (a) for one route: the boxes and chips of routers not in routers[]. */
static void test_render_border_route(const struct render_app *a, int c, int v, const int *routers, int nr,
                                     int *count, struct sbuf *b)
{
	const struct scenario *sc = a->sc;
	const struct render_topology_place *p = a->place;
	struct render_topology_route rt;
	render_topology_route_hosts(a, c, v, routers, nr, &rt);
	float margin = (float)a->panels.line * 2.5f / 2 + 1 + test_render_border_gap_px * (float)a->panels.line;
	for (size_t j = 0; j < p->nlab; j++) {
		const struct render_topology_label *l = &p->lab[j];
		int r = l->owner - sc->nhosts, mine = 0;
		if ((l->kind != RENDER_TOPOLOGY_ROUTER && l->kind != RENDER_TOPOLOGY_CHIPS) || r < 0 || r >= sc->nrouters)
			continue;
		for (int i = 0; i < nr; i++)
			mine |= routers[i] == r;
		if (mine)
			continue;
		float d = 1e9f;
		for (int k = 1; k < rt.n; k++)
			d = fminf(d, render_topology_route_clearance(l->rc, rt.x[k - 1], rt.y[k - 1], rt.x[k], rt.y[k]));
		if (d < margin) {
			sbuf_addf(b, "  route %s -> %s passes %.1f px from the %s of %s, not on its way (at least %.1f)\n",
				  sc->hosts[c].id, sc->hosts[v].id, (double)d, render_topology_kind_names[l->kind],
				  sc->routers[r].id, (double)margin);
			sbuf_addf(b, "   ");   /* the way and the box, to see where */
			for (int q = 0; q < rt.n; q++)
				sbuf_addf(b, " (%.0f,%.0f)", (double)rt.x[q], (double)rt.y[q]);
			sbuf_addf(b, "; box %d,%d %dx%d\n", l->rc.x, l->rc.y, l->rc.w, l->rc.h);
			count[0]++;
		}
	}
}

/* Also the link dots and lines of routers not on a route's way (issue
 * 11), below. */
static int test_render_border_links_too;
static void test_render_border_route_links(const struct render_app *a, int c, int v, const int *routers, int nr,
                                           int *count, struct sbuf *b);

/* (a) for every connection and DNS query of the run so far, each pair of
 * ends once. */
static void test_render_border_routes(const struct render_app *a, int *count, struct sbuf *b)
{
	struct sim *s = render_app_sim((struct render_app *)a);
	const struct scenario *sc = a->sc;
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	int seen[64][2], nseen = 0;
	for (size_t i = 0; i < n; i++) {
		const struct trace_rec *q = &tr[i];
		if ((q->kind != TR_CONNECT && q->kind != TR_DNS_QUERY) || q->node < 0 || q->peer < 0 ||
		    q->node >= sc->nhosts || q->peer >= sc->nhosts)
			continue;
		int c = render_layout_leader(sc, q->node), v = render_layout_leader(sc, q->peer), dup = 0;
		for (int k = 0; k < nseen; k++)
			dup |= seen[k][0] == c && seen[k][1] == v;
		if (dup || nseen >= 64)
			continue;
		seen[nseen][0] = c;
		seen[nseen++][1] = v;
		int routers[RENDER_TOPOLOGY_MAX_POINTS];
		int64_t lat = 0;
		int nr = sim_path(s, q->node, q->peer, routers, RENDER_TOPOLOGY_MAX_POINTS - 2, &lat);
		if (nr >= 0)
			test_render_border_route(a, c, v, routers, nr, count, b);
		if (nr >= 0 && test_render_border_links_too)
			test_render_border_route_links(a, c, v, routers, nr, count, b);
	}
}

/* (b) and (c) for router r. */
static void test_render_border_router(const struct render_app *a, int r, int *count, struct sbuf *b)
{
	const struct scenario *sc = a->sc;
	const struct render_topology_place *p = a->place;
	SDL_Rect box = { 0, 0, 0, 0 }, chips = { 0, 0, 0, 0 };
	for (size_t i = 0; i < p->nlab; i++)
		if (p->lab[i].kind == RENDER_TOPOLOGY_ROUTER && p->lab[i].owner == sc->nhosts + r)
			box = p->lab[i].rc;
		else if (p->lab[i].kind == RENDER_TOPOLOGY_CHIPS && p->lab[i].owner == sc->nhosts + r)
			chips = p->lab[i].rc;
	if (box.w <= 0)
		return;
	/* at most four times a region's margin round its boxes
	 * (render_region_fit's, 10 px at 1280 x 720) from the nearest, its
	 * box or its chips */
	float most = 4 * fmaxf(6, 10 * a->panels.s), near = 1e9f;
	SDL_Rect all = box;
	if (chips.w > 0)
		SDL_UnionRect(&box, &chips, &all);
	int own = -1;
	for (int m = 0; m < sc->nnets; m++) {
		SDL_Rect rm = render_layout_net_rect(&a->layout, m), ix;
		if (render_links_joins(a, r, m)) {
			if (sc->nets[m].kind == NET_KIND_BACKBONE)
				continue;
			float dx = fmaxf(fmaxf((float)(rm.x - all.x - all.w), (float)(all.x - rm.x - rm.w)), 0);
			float dy = fmaxf(fmaxf((float)(rm.y - all.y - all.h), (float)(all.y - rm.y - rm.h)), 0);
			float d = hypotf(dx, dy);
			if (d < near) {
				near = d;
				own = m;
			}
		} else if (SDL_IntersectRect(&box, &rm, &ix) && ix.w > 2 && ix.h > 2) {
			sbuf_addf(b, "  router %s at %d,%d %dx%d stands on the region of %s, which it does not link\n",
				  sc->routers[r].id, box.x, box.y, box.w, box.h, sc->nets[m].id);
			count[2]++;
		}
	}
	if (own >= 0 && near > most) {
		sbuf_addf(b, "  router %s at %d,%d %dx%d stands %.0f px from the region of %s, the nearest of its own (at most %.0f)\n",
			  sc->routers[r].id, box.x, box.y, box.w, box.h, (double)near, sc->nets[own].id, (double)most);
		count[1]++;
	}
}

/* Lesson's counts over the presenter configurations the sweep keeps
 * (only: 1920 x 1080 in Japanese, as the review looked, if set) at the
 * moments extra[] and at its end; fails if one is above most[]. */
static void test_render_border_lesson(const char *lesson, const int *most, int only, const int64_t *extra, int nextra)
{
	static const int size[2][2] = { { 1280, 720 }, { 1920, 1080 } };
	struct sbuf b = { 0 };
	int count[3] = { 0, 0, 0 };
	for (int c = 0; c < 8; c++) {
		if (!((c >> 1) & 1) || (only && c != 3) || (!only && !test_render_util_sweep(lesson, c)))
			continue;
		int w = size[c & 1][0], h = size[c & 1][1], lang = c >> 2 ? LANG_EN : LANG_JA;
		struct render_app *a = test_render_util_app_mode(lesson, lang, w, h, 1);
		a->quiz.off = 1;
		int64_t at[8];
		int nat = 0;
		for (int i = 0; i < nextra && nat < 6; i++)
			at[nat++] = extra[i];
		at[nat++] = a->sc->until_us;
		for (int i = 0; i < nat; i++) {
			if ((i && at[i] < at[i - 1]) || !test_render_util_thin((size_t)i))
				continue;   /* time runs forward only; under the sanitizers the first moment only */
			render_control_run_to(a, at[i]);
			render_app_draw(a);
			cr_assert_not_null(a->place);
			size_t mark = b.len;
			int before = count[0] + count[1] + count[2];
			sbuf_addf(&b, "%dx%d %s at %.3f s:\n", w, h, lang == LANG_EN ? "en" : "ja", (double)at[i] / 1e6);
			for (int r = 0; r < a->sc->nrouters; r++)
				test_render_border_router(a, r, count, &b);
			test_render_border_routes(a, count, &b);
			if (count[0] + count[1] + count[2] == before)
				b.len = mark;
		}
		render_app_free(a);
	}
	if (b.s)
		b.s[b.len] = 0;
	cr_assert(count[0] <= most[0] && count[1] <= most[1] && count[2] <= most[2],
		  "%s: %d routes under a router not on their way, %d routers away from their own networks, %d routers "
		  "on a region they do not link (at most %d, %d, %d)\n%s",
		  lesson, count[0], count[1], count[2], most[0], most[1], most[2], b.s ? b.s : "");
	sbuf_free(&b);
}

/* Each lesson's counts may not grow past main's before review 24 (over
 * its four presenter configurations, at the first frame or the moments
 * the review looked at, and at its end: a fault that stays put counts
 * once a moment).  Lower a budget when a change clears some; raise one
 * only saying why.  The moments after the budgets are the review's. */
#define TEST_RENDER_BORDER(name, file, a, b, c, ...) \
	Test(render_border, name) \
	{ \
		static const int most[3] = { a, b, c }; \
		static const int64_t at[] = { __VA_ARGS__ }; \
		test_render_border_lesson("scenarios/" file ".json", most, 0, at, (int)(sizeof at / sizeof *at)); \
	}

TEST_RENDER_BORDER(l01, "01-basic-flow", 0, 0, 0, 0)
TEST_RENDER_BORDER(l01b, "01b-agents", 0, 0, 0, 0)
TEST_RENDER_BORDER(l02, "02-op25b", 0, 0, 0, 0)
TEST_RENDER_BORDER(l03, "03-ip25b", 0, 0, 0, 1190000)
TEST_RENDER_BORDER(l04, "04-submission-587-465", 0, 0, 0, 0)
TEST_RENDER_BORDER(l05, "05-envelope-bcc-forward", 0, 0, 0, 0)
/* l06 8 -> 12 and l10 5 -> 7 with lines24 (lines go wider round hosts'
 * boxes they do not join, review 23 B2/B6): some of those ways now run
 * along a router's box instead.  Growing routers' boxes in the same
 * detour was tried and made its ways cross far more (rejected).  place25
 * lowered most budgets: a router far from its networks gets room beside
 * its own regions, and routers keep off a backbone's edge strip and off
 * the lines of routers placed before them (render_region_routers). */
/* l06 4, 0, 2 -> 3, 0, 0 with links28: a router whose room was refused
 * is placed before those with none (ISP C's between its customers and
 * the Internet at 1280 x 720 in Japanese, as in English, not under its
 * customers and across ISP A's servers); the routes from ISP A along the
 * Internet's bottom edge now pass its box's top (three), the bot's spam
 * no longer ISP A's router and chip (four). */
TEST_RENDER_BORDER(l06, "06-bounce-backscatter", 0, 0, 0, 60504000)
TEST_RENDER_BORDER(l07, "07-spoofing-spf", 0, 0, 0, 1376000, 20499000)
TEST_RENDER_BORDER(l08, "08-open-relay", 0, 1, 0, 0)
/* l09 1 -> 2 with routers' own lines kept off other networks' regions
 * and routers placed before them (render_region_line_through): ISP C's
 * router stands 4 px further right at 1920 x 1080 in English, and the
 * ways of ISP B's bots and mail server to the DNS server pass its box
 * 5.8 px off (6 asked) at the run's end.  l06 3 -> 0 and l10 7 -> 0
 * with router names on two lines (render_topology_cut) and those lines
 * (the build before counted 1 and 4); l03, l08, l11 and l12 lowered to
 * what the build before already counted. */
TEST_RENDER_BORDER(l09, "09-botnet-scale", 2, 0, 0, 0)
TEST_RENDER_BORDER(l10, "10-mx-backup", 0, 0, 0, 0)
/* l11 0 -> 2 routers away with place26: at 1280 x 720 in English the room
 * that put Company D's router between the Internet and its company moved
 * the Internet up over ISP B's router, which stood across its edge
 * (render_region_swallows), and left the relay's replies to Dave's PC no
 * room for their label; without it Company D's router stands in the
 * Internet, 120 px from its company (counted at two moments). */
TEST_RENDER_BORDER(l11, "11-smime", 0, 0, 0, 0)
TEST_RENDER_BORDER(l12, "12-bayes-learning", 6, 0, 0, 0)
/* l13 5 -> 6 with labels27: "ISP C 会員（動的IP）" on two lines at 24 px
 * at 1920 x 1080 in Japanese (narrow lines at full size before a badge's
 * size on one, render_topology_place_band) instead of one line at 16 px,
 * and one route more at the lesson's end passes close to a router (there
 * the attacker's ways run 2 and 5 px from the distribution service's). */
/* l13 6 -> 5 with routes27b (routes keep off other routers' link dots
 * and lines where that comes near no more routers): esp-mail -> mail-b
 * no longer 1.8 px off the university's router at 1280 x 720 in English. */
/* l13 5 -> 6 with links28: at 1280 x 720 in English ISP C's router, its
 * room refused, is placed before the service's router and stands between
 * the Internet and its customers (its line no longer runs up under the
 * university's router); ISP B's mail now passes it 2 and 3 px off, and
 * 1 px off the university's router on its way to the DNS server. */
TEST_RENDER_BORDER(l13, "13-dkim-dmarc", 6, 0, 0, 0)
TEST_RENDER_BORDER(l14, "14-secure-retrieval", 0, 0, 0, 0)

/* Review 24's pictures (1920 x 1080, presenter, Japanese) must be clear:
 * B4, lesson 03 at 1.19 s, ISP A's mail to ISP B under ISP C's router;
 * B5, lesson 06 at 60.504 s, the bot's spam up past ISP A's router and
 * its OP25B chip; B6, lesson 07 at 1.376 and 20.499 s, ISP C's router
 * over ISP B's servers, far from ISP C's regions.  Cleared by place25's
 * rules (render_region_routers): room kept for a router far from its
 * networks beside its own regions (B5, B6), a router kept off the strip
 * along a backbone's edge where routes run (B4) and off the lines of
 * routers placed before it. */
static void test_render_border_review(const char *lesson, const int64_t *at, int nat, const int *budget)
{
	static const int none[3] = { 0, 0, 0 };
	test_render_border_lesson(lesson, budget ? budget : none, 1, at, nat);
}

/* B5 with the transcript folded in presenter mode (render_fold: the map
 * has the bottom row's height): the bot's spam stays clear, but ISP C's
 * router now stands 4 px (6 asked) beside ISP A's line to its servers,
 * which ISP A's DNS query follows (counted at two moments); the four
 * routers round the Internet's foot need a layout that keeps a router
 * off the lines of those placed after it (render_region_on_line asks
 * only about those before). */
Test(render_border, review24)
{
	static const int64_t b4[] = { 1190000 }, b5[] = { 60504000 }, b6[] = { 1376000, 20499000 };
	static const int b5_budget[3] = { 2, 0, 0 };
	test_render_border_review("scenarios/03-ip25b.json", b4, 1, NULL);
	test_render_border_review("scenarios/06-bounce-backscatter.json", b5, 1, b5_budget);
	test_render_border_review("scenarios/07-spoofing-spf.json", b6, 2, NULL);
}

/* Issue 11: lesson 06 at 1.44 s, 1280 x 720 presenter ja (links28 put ISP
 * C's router under the Internet): ISP A's mail to ISP B ran along the
 * bottom of ISP C's router's box, 8 px from it, as if it went through ISP
 * C, and its DNS query by the box's corner (1 px).  The router, 4 px wider
 * than its customers' column and the spaces beside, now stands by its
 * customers out over ISP A's column, whose servers moved down
 * (render_region_clear_beside), and the mail goes over the DNS server.
 * Lesson 03 at 1.19 s in presenter mode, 1920 x 1080 in
 * Japanese and 1280 x 720 in English -- ISP A's mail to ISP B went round
 * the DNS server's bottom along the top of ISP C's router's name box,
 * 1 px off it at 1080p (5 at 720p).  Every route of the run so far keeps
 * a visible gap, two line widths, off the routers not on its way:
 * render_region_pass_off moves a router a little off where routes go
 * round a backbone's host.  (At 1280 x 720 in Japanese there is no room
 * between the Internet and ISP C's customers to move it into: counted in
 * l03's budget.)  Lesson 06 at 1.44 s went round ISP C's customers to ISP
 * B's router at the map's foot for a while; with router names on two
 * lines (render_topology_cut), and the Internet grown only where no
 * router then stands over another's line's end
 * (render_region_routers_over_dots), the mail crosses the Internet to ISP
 * B's router, clear of ISP C's and Oldcorp's. */
Test(render_border, issue11_l03_relay_clear_of_isp_c)
{
	static const struct {
		const char *lesson;
		int64_t at;
		int w, h, lang;
	} cf[] = {
		{ "scenarios/03-ip25b.json", 1190000, 1920, 1080, LANG_JA },
		{ "scenarios/03-ip25b.json", 1190000, 1280, 720, LANG_EN },
		{ "scenarios/06-bounce-backscatter.json", 1440000, 1280, 720, LANG_JA },
	};
	struct sbuf b = { 0 };
	int count[3] = { 0, 0, 0 };
	test_render_border_gap_px = 2;
	for (size_t i = 0; i < sizeof cf / sizeof *cf; i++) {
		struct render_app *a = test_render_util_app_mode(cf[i].lesson, cf[i].lang, cf[i].w, cf[i].h, 1);
		a->quiz.off = 1;
		render_control_run_to(a, cf[i].at);
		render_app_draw(a);
		cr_assert_not_null(a->place);
		sbuf_addf(&b, "%s %dx%d %s:\n", cf[i].lesson + 10, cf[i].w, cf[i].h, cf[i].lang == LANG_EN ? "en" : "ja");
		test_render_border_routes(a, count, &b);
		render_app_free(a);
	}
	test_render_border_gap_px = 0;
	if (b.s)
		b.s[b.len] = 0;
	cr_expect_eq(count[0], 0, "lesson 03 at 1.19 s, 06 at 1.44 s: %d routes near a router not on their way\n%s",
		     count[0], b.s ? b.s : "");
	sbuf_free(&b);
}

/* The distance from point (px, py) to the segment (x1, y1)-(x2, y2). */
static float test_render_border_pt_seg(float px, float py, float x1, float y1, float x2, float y2)
{
	float vx = x2 - x1, vy = y2 - y1, l2 = vx * vx + vy * vy;
	float t = l2 > 0 ? fminf(fmaxf(((px - x1) * vx + (py - y1) * vy) / l2, 0), 1) : 0;
	return hypotf(x1 + t * vx - px, y1 + t * vy - py);
}

/* The distance between two segments (0 if they cross). */
static float test_render_border_seg_seg(const float *s, const float *t)
{
	float d1 = (s[2] - s[0]) * (t[1] - s[1]) - (s[3] - s[1]) * (t[0] - s[0]);
	float d2 = (s[2] - s[0]) * (t[3] - s[1]) - (s[3] - s[1]) * (t[2] - s[0]);
	float d3 = (t[2] - t[0]) * (s[1] - t[1]) - (t[3] - t[1]) * (s[0] - t[0]);
	float d4 = (t[2] - t[0]) * (s[3] - t[1]) - (t[3] - t[1]) * (s[2] - t[0]);
	if (((d1 < 0) != (d2 < 0)) && ((d3 < 0) != (d4 < 0)))
		return 0;
	float d = test_render_border_pt_seg(s[0], s[1], t[0], t[1], t[2], t[3]);
	d = fminf(d, test_render_border_pt_seg(s[2], s[3], t[0], t[1], t[2], t[3]));
	d = fminf(d, test_render_border_pt_seg(t[0], t[1], s[0], s[1], s[2], s[3]));
	return fminf(d, test_render_border_pt_seg(t[2], t[3], s[0], s[1], s[2], s[3]));
}

/* Issue 11 (links): one route's drawn line (half width, and a line's
 * width more) against the link dots and link lines (as render_links_draw
 * draws them) of the routers not on its way. */
static void test_render_border_route_links(const struct render_app *a, int c, int v, const int *routers, int nr,
                                           int *count, struct sbuf *b)
{
	const struct scenario *sc = a->sc;
	struct render_topology_route rt;
	render_topology_route_hosts(a, c, v, routers, nr, &rt);
	float line = (float)a->panels.line, half = line * 2.5f / 2 + line, th = line * 1.5f;
	for (int r = 0; r < sc->nrouters; r++) {
		int mine = 0;
		for (int i = 0; i < nr; i++)
			mine |= routers[i] == r;
		for (int l = 0; !mine && l < sc->routers[r].nlinks; l++) {
			struct render_links_path p;
			render_links_path(a, r, sc->routers[r].links[l].net, &p);
			if (p.n < 2)
				continue;
			render_topology_router_edge(a, r, p.x[1], p.y[1], &p.x[0], &p.y[0]);
			float dot = 1e9f, ln = 1e9f;
			for (int k = 1; k < rt.n; k++) {
				float s[4] = { rt.x[k - 1], rt.y[k - 1], rt.x[k], rt.y[k] };
				dot = fminf(dot, test_render_border_pt_seg(p.x[p.n - 1], p.y[p.n - 1], s[0], s[1], s[2], s[3]));
				for (int i = 1; i < p.n; i++) {
					float t[4] = { p.x[i - 1], p.y[i - 1], p.x[i], p.y[i] };
					ln = fminf(ln, test_render_border_seg_seg(s, t));
				}
			}
			if (dot < half + th * 1.6f || ln < half + th / 2) {
				sbuf_addf(b, "  route %s -> %s: %.1f px from the dot, %.1f from the line of %s's link to %s\n",
					  sc->hosts[c].id, sc->hosts[v].id, (double)dot, (double)ln, sc->routers[r].id,
					  sc->nets[sc->routers[r].links[l].net].id);
				count[0]++;
			}
		}
	}
}

/* Issue 11 ("lines do not pass through what they do not pass through"):
 * in presenter mode no route runs within a line's width of another
 * router's box, link dot or link line -- lesson 03 at 1.19 s at 1280 x
 * 720: ISP A -> ISP B ran round the DNS server's corner through ISP C's
 * router's dot and along its name box in Japanese, across its line up
 * to the Internet in English.  Not yet clear, so not here: lesson 06 at 60.4 s at
 * 1280 x 720 in Japanese (the bot's spam runs along ISP C's link, which
 * itself passes under ISP A's router and its OP25B chip), lesson 13 at
 * 1.3 s in English at both sizes (Corp -> ISP B past the university's
 * router's dot and box, 8 px at 1080p, on them at 720p). */
Test(render_border, issue11_links_clear)
{
	static const struct {
		const char *lesson;
		int64_t at;
		int w, h, lang;
	} cf[] = {
		{ "scenarios/03-ip25b.json", 1190000, 1280, 720, LANG_JA },
		{ "scenarios/03-ip25b.json", 1190000, 1280, 720, LANG_EN },
	};
	struct sbuf b = { 0 };
	int count[3] = { 0, 0, 0 };
	test_render_border_gap_px = 1;
	test_render_border_links_too = 1;
	for (size_t i = 0; i < sizeof cf / sizeof *cf; i++) {
		struct render_app *a = test_render_util_app_mode(cf[i].lesson, cf[i].lang, cf[i].w, cf[i].h, 1);
		a->quiz.off = 1;
		render_control_run_to(a, cf[i].at);
		render_app_draw(a);
		cr_assert_not_null(a->place);
		sbuf_addf(&b, "%s %dx%d %s at %.3f s:\n", cf[i].lesson, cf[i].w, cf[i].h,
			  cf[i].lang == LANG_EN ? "en" : "ja", (double)cf[i].at / 1e6);
		test_render_border_routes(a, count, &b);
		render_app_free(a);
	}
	test_render_border_gap_px = 0;
	test_render_border_links_too = 0;
	if (b.s)
		b.s[b.len] = 0;
	cr_expect_eq(count[0], 0, "%d routes near a router, its link dot or line, not on their way\n%s", count[0],
		     b.s ? b.s : "");
	sbuf_free(&b);
}

/* Issue 11 (links28): router r's link lines as drawn, each segment
 * against the boxes and chips of the other routers, the discs at the
 * ends of their lines and the names of the networks the line does not
 * go to -- how many it touches (half its width and a pixel off). */
static int test_render_border_link_keeps(const struct render_app *a, int r, struct sbuf *b)
{
	const struct scenario *sc = a->sc;
	const struct render_topology_place *p = a->place;
	float th = (float)a->panels.line * 1.5f, half = th / 2 + 1;
	int bad = 0;
	for (int l = 0; l < sc->routers[r].nlinks; l++) {
		int net = sc->routers[r].links[l].net;
		struct render_links_path lp;
		render_links_path(a, r, net, &lp);
		if (lp.n < 2)
			continue;
		render_topology_router_edge(a, r, lp.x[1], lp.y[1], &lp.x[0], &lp.y[0]);
		/* what it keeps off: routers' boxes and chips, names, discs */
		SDL_Rect keep[96];
		int nk = 0;
		const char *what[96];
		for (size_t j = 0; j < p->nlab && nk < 96; j++) {
			const struct render_topology_label *lb = &p->lab[j];
			if ((lb->kind == RENDER_TOPOLOGY_ROUTER || lb->kind == RENDER_TOPOLOGY_CHIPS) &&
			    lb->owner != sc->nhosts + r && lb->rc.w > 0) {
				what[nk] = render_topology_kind_names[lb->kind];
				keep[nk++] = lb->rc;
			}
		}
		for (int m = 0; m < sc->nnets && nk < 96; m++)
			if (m != net && p->title[m].rc.w > 0) {
				what[nk] = sc->nets[m].id;
				keep[nk++] = p->title[m].rc;
			}
		for (int q = 0; q < sc->nrouters; q++)
			for (int k = 0; q != r && k < sc->routers[q].nlinks && nk < 96; k++) {
				struct render_links_path o;
				if (sc->routers[q].links[k].net == net)
					continue;   /* (two lines may meet in the network they go to) */
				render_links_path(a, q, sc->routers[q].links[k].net, &o);
				int d = (int)ceilf(th * 1.6f);
				if (o.n >= 2) {
					what[nk] = "link dot";
					keep[nk++] = (SDL_Rect){ (int)o.x[o.n - 1] - d, (int)o.y[o.n - 1] - d, 2 * d, 2 * d };
				}
			}
		for (int k = 0; k < nk; k++)
			for (int i = 1; i < lp.n; i++)
				if (render_topology_route_clearance(keep[k], lp.x[i - 1], lp.y[i - 1], lp.x[i], lp.y[i]) < half) {
					sbuf_addf(b, "  %s's line to %s runs over %s at %d,%d %dx%d\n", sc->routers[r].id,
						  sc->nets[net].id, what[k], keep[k].x, keep[k].y, keep[k].w, keep[k].h);
					bad++;
					break;
				}
	}
	return bad;
}

/* Issue 11, "lines do not pass through what they do not pass through":
 * a router's link line keeps off other routers' boxes, chips and the
 * discs at the ends of their lines to other networks, and the names of
 * networks it does not go to.  Lesson 06 at 60.4 s, 1280 x 720 in
 * Japanese: ISP C's line up to the Internet ran under ISP A's router and
 * its OP25B chip (the bot's spam, which follows it, read as leaving
 * through ISP A's OP25B); lesson 12 at 65.443 s in English: ISP B's
 * router's line to its servers ran through "ISP B customers (dynamic
 * IP)", and ISP A's through "ISP A customers (dynamic IP)".  Those
 * routers' lines must be clear; the rest may not grow past what is left
 * (lesson 06: ISP B's line passes the end of ISP C's router's box, which
 * stands in the only gap from ISP B's servers to the Internet, as in
 * English before; lesson 12: the school's router, boxed in by the data
 * centre, sends its line round the map along ISP A's router's box and
 * across its own school's name). */
Test(render_border, issue11_link_lines_keep_clear)
{
	static const struct {
		const char *lesson;
		int64_t at;
		int lang, most;
		const char *clear[2];
	} cf[] = {
		{ "scenarios/06-bounce-backscatter.json", 60400000, LANG_JA, 1, { "ispc-gw", "ispa-gw" } },
		{ "scenarios/12-bayes-learning.json", 65443000, LANG_EN, 3, { "ispb-gw", "ispa-gw" } },
	};
	struct sbuf b = { 0 };
	int bad = 0, named = 0;
	for (size_t i = 0; i < sizeof cf / sizeof *cf; i++) {
		struct render_app *a = test_render_util_app_mode(cf[i].lesson, cf[i].lang, 1280, 720, 1);
		a->quiz.off = 1;
		render_control_run_to(a, cf[i].at);
		render_app_draw(a);
		cr_assert_not_null(a->place);
		sbuf_addf(&b, "%s:\n", cf[i].lesson);
		int here = 0;
		for (int r = 0; r < a->sc->nrouters; r++) {
			int k = test_render_border_link_keeps(a, r, &b);
			here += k;
			if (!strcmp(a->sc->routers[r].id, cf[i].clear[0]) || !strcmp(a->sc->routers[r].id, cf[i].clear[1]))
				named += k;
		}
		bad += here > cf[i].most;
		render_app_free(a);
	}
	if (b.s)
		b.s[b.len] = 0;
	cr_expect(named == 0 && bad == 0,
		  "%d link lines of the routers named over what they do not pass through, %d pictures with more than "
		  "their budget\n%s", named, bad, b.s ? b.s : "");
	sbuf_free(&b);
}
