/* test_render_hops — a hop's line and its tag say which hosts it joins
 * (review 23 B2, B5, B6): a connection's line keeps a visible gap off the
 * box of every host it does not join (lesson 11's ISP A -> ISP B relay
 * ran along the attacker's relay server's box in presenter mode, and
 * Alice's mail seemed to go through the attacker; lesson 10's relay and
 * the bot's SYN along the DNS server's box; lesson 12's phishing mail
 * along the spammer's and the free mail servers'), and its tag ("SMTP 25
 * TLS") touches no such box and lies nearer its own line than any of them
 * (lesson 10's "SMTP 25" for ISP A's server -> the backup sat by Alice's
 * PC, which read as "Alice's PC sends on 25").  Only the moments the
 * review names, laid out without pixels (a few CPU seconds in all).
 * Fonts are pinned (tests/fonts.conf). */
#include <criterion/criterion.h>

#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render.h"
#include "render_app.h"
#include "render_control.h"
#include "render_layout.h"
#include "render_topology.h"
#include "render_topology_wires.h"
#include "test_render_util.h"
#include "util.h"

/* The gap (pixels) a line's drawn edge keeps off a box it does not join,
 * and a tag's edge off such a box. */
#define TEST_RENDER_HOPS_GAP 4
#define TEST_RENDER_HOPS_TAG_GAP 3

/* How far the point (x, y) lies from rc (0 inside). */
static float test_render_hops_to_rect(SDL_Rect rc, float x, float y)
{
	float dx = fmaxf(fmaxf((float)rc.x - x, 0), x - (float)(rc.x + rc.w));
	float dy = fmaxf(fmaxf((float)rc.y - y, 0), y - (float)(rc.y + rc.h));
	return hypotf(dx, dy);
}

/* How far the segment (x1, y1)-(x2, y2) comes to rc (0: it crosses it),
 * sampled a pixel at a time. */
static float test_render_hops_seg_rect(SDL_Rect rc, float x1, float y1, float x2, float y2)
{
	int x[2] = { (int)lroundf(x1), (int)lroundf(x2) }, y[2] = { (int)lroundf(y1), (int)lroundf(y2) };
	if (SDL_IntersectRectAndLine(&rc, &x[0], &y[0], &x[1], &y[1]))
		return 0;
	int steps = (int)hypotf(x2 - x1, y2 - y1) + 1;
	float least = 1e9f;
	for (int i = 0; i <= steps; i++) {
		float t = (float)i / (float)steps, d = test_render_hops_to_rect(rc, x1 + (x2 - x1) * t, y1 + (y2 - y1) * t);
		least = d < least ? d : least;
	}
	return least;
}

/* How far route rt comes to rc. */
static float test_render_hops_route_rect(const struct render_topology_route *rt, SDL_Rect rc)
{
	float least = 1e9f;
	for (int k = 1; k < rt->n; k++) {
		float d = test_render_hops_seg_rect(rc, rt->x[k - 1], rt->y[k - 1], rt->x[k], rt->y[k]);
		least = d < least ? d : least;
	}
	return least;
}

/* How far two rectangles lie apart (0: they touch or overlap). */
static float test_render_hops_rects(SDL_Rect a, SDL_Rect b)
{
	float dx = fmaxf(fmaxf((float)(a.x - (b.x + b.w)), (float)(b.x - (a.x + a.w))), 0);
	float dy = fmaxf(fmaxf((float)(a.y - (b.y + b.h)), (float)(b.y - (a.y + a.h))), 0);
	return hypotf(dx, dy);
}

/* Is host h (a group's leader, drawn as a box) an end of connection c? */
static int test_render_hops_end(const struct render_app *a, const struct sim_conn *c, int blocked, int h)
{
	return h == render_layout_leader(a->sc, c->client) || (!blocked && h == render_layout_leader(a->sc, c->server));
}

/* Host h's box, if it has one (a group's leader drawn as a box): 1 and
 * *out, else 0.  A line or tag keeps off every such box but its ends'. */
static int test_render_hops_box(const struct render_app *a, int h, SDL_Rect *out)
{
	if (!a->node_box || (size_t)h >= a->nspread || render_layout_leader(a->sc, h) != h)
		return 0;
	*out = a->node_box[h];
	return out->w > 0 && out->h > 0;
}

/* Known exceptions: a line that may pass nearer a host's box, by lesson,
 * width, the line's client and the host.  Lesson 12 in presenter mode at
 * 1280 x 720: the data centre's column of servers leaves about 10 pixels
 * between the spammers' server and ISP B's customers, and the Internet's
 * region little more than the DNS server's box, so the phishing mail's
 * way up to the data centre's router and on to ISP B's passes within a
 * line's width of both (in both languages); only a roomier layout
 * (render_region) can part them (the phishing mail's line still crosses
 * the DNS server's corner in English). */
static const struct {
	const char *lesson;
	int w;
	const char *client, *host;
} test_render_hops_known[] = {
	{ "12-bayes-learning", 1280, "phish-srv", "dns" },
	{ "12-bayes-learning", 1280, "phish-srv", "spam-srv" },
};

static int test_render_hops_excused(const struct render_app *a, const char *lesson, const struct sim_conn *c, int h)
{
	for (size_t i = 0; i < sizeof test_render_hops_known / sizeof *test_render_hops_known; i++)
		if (strcmp(lesson, test_render_hops_known[i].lesson) == 0 && a->w == test_render_hops_known[i].w &&
		    strcmp(a->sc->hosts[c->client].id, test_render_hops_known[i].client) == 0 &&
		    strcmp(a->sc->hosts[h].id, test_render_hops_known[i].host) == 0)
			return 1;
	return 0;
}

/* Lines that come within the gap of a box they do not join; appends to b. */
static int test_render_hops_lines(struct render_app *a, const char *lesson, struct sbuf *b)
{
	int bad = 0;
	float half = (float)a->panels.line * 2.5f / 2;
	for (size_t i = 0; i < a->nfconn && a->nfconn <= RENDER_TOPOLOGY_LABEL_MAX; i++) {
		const struct sim_conn *c = &a->fconn[i];
		struct render_topology_route rt;
		render_topology_route_of(a, c, &rt);
		for (int h = 0; h < a->sc->nhosts; h++) {
			SDL_Rect box;
			if (!test_render_hops_box(a, h, &box) || test_render_hops_end(a, c, rt.blocked, h))
				continue;
			float d = test_render_hops_route_rect(&rt, box) - half;
			if (d >= TEST_RENDER_HOPS_GAP || test_render_hops_excused(a, lesson, c, h))
				continue;
			sbuf_addf(b, "  %s -> %s :%d passes %.1f px off %s's box\n", a->sc->hosts[c->client].id,
				  a->sc->hosts[c->server].id, c->port, (double)d, a->sc->hosts[h].id);
			bad++;
		}
	}
	return bad;
}

/* Does region o hold region r whole (a network nested in another)? */
static int test_render_hops_holds(SDL_Rect o, SDL_Rect r)
{
	return r.x >= o.x && r.y >= o.y && r.x + r.w <= o.x + o.w && r.y + r.h <= o.y + o.h;
}

/* Does c pass through network n: its client's, its server's, or the one
 * between two of its routers (the first both link), or one whose region
 * holds such a network or lies in its region? */
static int test_render_hops_through(const struct render_app *a, const struct sim_conn *c, int n)
{
	const struct scenario *sc = a->sc;
	int on[RENDER_TOPOLOGY_MAX_POINTS + 2], non = 0;
	on[non++] = sc->hosts[c->client].net;
	if (c->blocked_at < 0)
		on[non++] = sc->hosts[c->server].net;
	for (int k = 1; k < c->npath && non < RENDER_TOPOLOGY_MAX_POINTS; k++) {
		const struct sc_router *p = &sc->routers[c->path[k - 1]], *q = &sc->routers[c->path[k]];
		int between = -1;
		for (int i = 0; i < p->nlinks && between < 0; i++)
			for (int j = 0; j < q->nlinks && between < 0; j++)
				if (p->links[i].net == q->links[j].net)
					between = p->links[i].net;
		if (between >= 0)
			on[non++] = between;
	}
	SDL_Rect rn = render_layout_net_rect(&a->layout, n);
	for (int i = 0; i < non; i++) {
		SDL_Rect ro = render_layout_net_rect(&a->layout, on[i]);
		if (on[i] == n || test_render_hops_holds(rn, ro) || test_render_hops_holds(ro, rn))
			return 1;
	}
	return 0;
}

/* Tags that touch a box their line does not join, lie nearer such a box
 * than their own line, or lie on the region of a network their line
 * does not pass through; appends to b. */
static int test_render_hops_tags(struct render_app *a, struct sbuf *b)
{
	int bad = 0;
	for (size_t o = 0; o < a->place->nover; o++) {
		const struct render_topology_overlay *ov = &a->place->over[o];
		if (ov->kind != RENDER_TOPOLOGY_OVER_TAG)
			continue;
		const struct sim_conn *c = NULL;
		for (size_t i = 0; i < a->nfconn; i++)
			if (a->fconn[i].id == ov->conn)
				c = &a->fconn[i];
		cr_assert_not_null(c, "the tag at %d,%d names no connection on the wire", ov->rc.x, ov->rc.y);
		struct render_topology_route rt;
		render_topology_route_of(a, c, &rt);
		float own = test_render_hops_route_rect(&rt, ov->rc);
		for (int h = 0; h < a->sc->nhosts; h++) {
			SDL_Rect box;
			if (!test_render_hops_box(a, h, &box) || test_render_hops_end(a, c, rt.blocked, h))
				continue;
			float d = test_render_hops_rects(ov->rc, box);
			if (d >= TEST_RENDER_HOPS_TAG_GAP && own < d)
				continue;
			sbuf_addf(b, "  the tag of %s -> %s :%d at %d,%d %dx%d lies %.1f px off %s's box, %.1f px off its line\n",
				  a->sc->hosts[c->client].id, a->sc->hosts[c->server].id, c->port, ov->rc.x, ov->rc.y, ov->rc.w,
				  ov->rc.h, (double)d, a->sc->hosts[h].id, (double)own);
			bad++;
		}
		for (int n = 0; n < a->sc->nnets; n++) {
			SDL_Rect rn = render_layout_net_rect(&a->layout, n), ix;
			if (test_render_hops_through(a, c, n) || !SDL_IntersectRect(&rn, &ov->rc, &ix))
				continue;
			sbuf_addf(b, "  the tag of %s -> %s :%d at %d,%d %dx%d lies on the region of %s\n",
				  a->sc->hosts[c->client].id, a->sc->hosts[c->server].id, c->port, ov->rc.x, ov->rc.y, ov->rc.w,
				  ov->rc.h, a->sc->nets[n].id);
			bad++;
		}
	}
	return bad;
}

/* The moments review 23 names: lesson, time (ms), width, presenter. */
static const struct {
	const char *lesson;
	int64_t ms;
	int w, presenter;
} test_render_hops_moments[] = {
	{ "11-smime", 8579, 1920, 1 },         { "11-smime", 8579, 1280, 1 },
	{ "11-smime", 1454, 1920, 1 },         { "11-smime", 1454, 1280, 1 },
	{ "11-smime", 8579, 1920, 0 },         { "10-mx-backup", 31190, 1920, 1 },
	{ "10-mx-backup", 31190, 1280, 1 },    { "10-mx-backup", 31454, 1920, 1 },
	{ "10-mx-backup", 31454, 1280, 1 },    { "12-bayes-learning", 65443, 1280, 1 },
	{ "12-bayes-learning", 65443, 1920, 1 }, { "12-bayes-learning", 620489, 1920, 1 },
};

Test(render_hops, lines_and_tags_keep_off_hosts_they_do_not_join)
{
	struct sbuf b = { 0 };
	int lines = 0, tags = 0, frames = 0;
	for (size_t i = 0; i < sizeof test_render_hops_moments / sizeof *test_render_hops_moments; i++)
		for (int lang = LANG_JA; lang <= LANG_EN; lang++) {
			if (!test_render_util_thin(2 * i + (size_t)(lang == LANG_EN)))
				continue;
			char path[96];
			snprintf(path, sizeof path, "scenarios/%s.json", test_render_hops_moments[i].lesson);
			int w = test_render_hops_moments[i].w;
			struct render_app *a = test_render_util_app_mode(path, lang, w, w * 9 / 16,
									   test_render_hops_moments[i].presenter);
			a->quiz.off = 1;
			render_control_run_to(a, test_render_hops_moments[i].ms * 1000);
			render_app_draw(a);
			struct sbuf f = { 0 };
			int l = test_render_hops_lines(a, test_render_hops_moments[i].lesson, &f), t = test_render_hops_tags(a, &f);
			if (l + t)
				sbuf_addf(&b, "%s at %.3f s, %dx%d %s %s:\n%s", test_render_hops_moments[i].lesson,
					  (double)test_render_hops_moments[i].ms / 1000, w, w * 9 / 16,
					  test_render_hops_moments[i].presenter ? "presenter" : "normal",
					  lang == LANG_EN ? "en" : "ja", f.s);
			sbuf_free(&f);
			lines += l;
			tags += t;
			frames++;
			render_app_free(a);
		}
	cr_expect_gt(frames, 0);
	/* 6 lines with links28 (routers' link lines keep off other routers'
	 * boxes, issue 11): at lesson 10's 31.19 and 31.454 s in English the
	 * bot's way to the backup, and at lesson 12's 65.443 and 620.489 s at
	 * 1920 x 1080 mail to ISP B, pass the DNS server's box 2.2 to 3 px
	 * off (4 asked) where the links they follow no longer run under ISP
	 * C's router (lesson 10's data centre 2 line) or ISP A's. */
	cr_expect_leq(lines, 6, "%d lines near boxes they do not join (at most 6)\n%s", lines, b.s ? b.s : "");
	cr_expect_eq(tags, 0, "%d tags by boxes they do not join\n%s", tags, b.s ? b.s : "");
	sbuf_free(&b);
}

/* Does the segment (x1, y1)-(x2, y2) lie in the box of a router that c
 * passes (its way into the box's middle, hidden under it)? */
static int test_render_hops_in_router(const struct render_app *a, const struct sim_conn *c, float x1, float y1,
				      float x2, float y2)
{
	for (int k = 0; k < c->npath && a->node_box; k++) {
		SDL_Rect b = a->node_box[a->sc->nhosts + c->path[k]];
		if (x1 >= b.x && x1 <= b.x + b.w && x2 >= b.x && x2 <= b.x + b.w && y1 >= b.y && y1 <= b.y + b.h &&
		    y2 >= b.y && y2 <= b.y + b.h)
			return 1;
	}
	return 0;
}

/* Routes that cross the region of a network their connection does not
 * pass through, or never meet the region of one between two of its
 * routers (the Internet); appends to b.  Not the pieces that run along
 * the lines of the routers they pass (render_topology_wires): those go
 * where the map's wires go, and test_render_links checks the wires; nor
 * those hidden under such a router's box. */
static int test_render_hops_regions(struct render_app *a, struct sbuf *b)
{
	const struct scenario *sc = a->sc;
	int bad = 0;
	for (size_t i = 0; i < a->nfconn; i++) {
		const struct sim_conn *c = &a->fconn[i];
		struct render_topology_route rt;
		render_topology_route_of(a, c, &rt);
		struct render_topology_wires w;
		render_topology_wires_of(a, &rt, &w);
		for (int n = 0; n < sc->nnets; n++) {
			SDL_Rect rn = render_layout_net_rect(&a->layout, n), in = { rn.x + 3, rn.y + 3, rn.w - 6, rn.h - 6 };
			int cuts = 0;
			for (int k = 1; k < rt.n && !cuts; k++) {
				if (test_render_util_on_wire(&w, rt.x[k - 1], rt.y[k - 1], rt.x[k], rt.y[k]) ||
				    test_render_hops_in_router(a, c, rt.x[k - 1], rt.y[k - 1], rt.x[k], rt.y[k]))
					continue;
				int x1 = (int)lroundf(rt.x[k - 1]), y1 = (int)lroundf(rt.y[k - 1]);
				int x2 = (int)lroundf(rt.x[k]), y2 = (int)lroundf(rt.y[k]);
				cuts = SDL_IntersectRectAndLine(&in, &x1, &y1, &x2, &y2);

			}
			int between = 0;   /* the network between two of its routers */
			for (int k = 1; k < c->npath && !rt.blocked; k++)
				for (int j = 0; j < sc->routers[c->path[k]].nlinks; j++)
					for (int l = 0; l < sc->routers[c->path[k - 1]].nlinks; l++)
						between |= sc->routers[c->path[k]].links[j].net == n &&
							   sc->routers[c->path[k - 1]].links[l].net == n;
			if (cuts ? test_render_hops_through(a, c, n) : !between)
				continue;
			sbuf_addf(b, "  the route of %s -> %s :%d %s the region of %s\n", sc->hosts[c->client].id,
				  c->server >= 0 ? sc->hosts[c->server].id : "?", c->port,
				  cuts ? "crosses" : "never meets", sc->nets[n].id);
			bad++;
		}
	}
	return bad;
}

/* Known exceptions, still open (issue 11): a route that may pass a
 * router it does not pass through, by width, language, client and
 * router.  Lesson 13 at 110.533 s: at 1280 x 720 in Japanese the
 * attacker's mail rises along ISP C's line past the end of the service's
 * router's name, which stands across the Internet's left edge; at 1920 x
 * 1080 it passes 3 px off ISP B's router in Japanese and, in English,
 * the service's router, which stands on the Internet's left edge: its way
 * round the DNS server's far side would cross ISP B's router, which
 * stands on the Internet's foot (it no longer skips the Internet: router
 * names broken at a space, render_region_spaces_check).
 * Lesson 14 at 20.04 s at 1280 x 720 in English: Bob's POP3 session goes
 * round the DNS server's foot 1 px off ISP C's router, the way over it
 * crossing "The Internet" (a route keeps off the networks' names). */
static const struct {
	int w;
	const char *lang, *client, *router;
} test_render_hops_by[] = { { 1280, "ja", "attacker", "esp-gw" },
			    { 1920, "ja", "attacker", "ispb-gw" },
			    { 1920, "en", "attacker", "esp-gw" },
			    { 1280, "en", "bob-pc", "ispc-gw" } };

static int test_render_hops_by_known(const struct render_app *a, const struct sim_conn *c, int q)
{
	for (size_t i = 0; i < sizeof test_render_hops_by / sizeof *test_render_hops_by; i++)
		if (a->w == test_render_hops_by[i].w && strcmp(a->lang == LANG_EN ? "en" : "ja", test_render_hops_by[i].lang) == 0 &&
		    strcmp(a->sc->routers[q].id, test_render_hops_by[i].router) == 0 &&
		    strcmp(a->sc->hosts[c->client].id, test_render_hops_by[i].client) == 0)
			return 1;
	return 0;
}

/* Routes whose drawn edge comes within the gap of the box of a router
 * they do not pass through (it reads as passing it); appends to b. */
static int test_render_hops_routers(struct render_app *a, struct sbuf *b)
{
	const struct scenario *sc = a->sc;
	float half = (float)a->panels.line * 2.5f / 2;
	int bad = 0;
	for (size_t i = 0; i < a->nfconn; i++) {
		const struct sim_conn *c = &a->fconn[i];
		struct render_topology_route rt;
		render_topology_route_of(a, c, &rt);
		for (int q = 0; q < sc->nrouters && a->node_box && a->nspread > (size_t)(sc->nhosts + q); q++) {
			int on = 0;
			for (int k = 0; k < c->npath; k++)
				on |= c->path[k] == q;
			float d = test_render_hops_route_rect(&rt, a->node_box[sc->nhosts + q]) - half;
			if (on || d >= TEST_RENDER_HOPS_GAP || test_render_hops_by_known(a, c, q))
				continue;
			sbuf_addf(b, "  the route of %s -> %s :%d passes %.1f px off router %s\n", sc->hosts[c->client].id,
				  c->server >= 0 ? sc->hosts[c->server].id : "?", c->port, (double)d, sc->routers[q].id);
			bad++;
		}
	}
	return bad;
}

/* Lesson 13 at 110.533 s (issue 11): the attacker's mail to the
 * university ran from ISP C's router past ISP B's mail server and up
 * through ISP B's servers, never across the Internet, at 1280 x 720 in
 * presenter mode in English, and read as relayed by ISP B (ISP C's line
 * to the Internet ran under the service's router, placed before it).
 * Lesson 08 at 60 s at 1920 x 1080: the bot's mail went from its PC
 * towards the Internet past its ISP's router.  Lesson 14 at 20.04 s:
 * Bob's POP3 session past ISP C's router (still open at 1280 x 720 in
 * English). */
Test(render_hops, routes_cross_the_networks_they_pass_and_keep_off_others)
{
	static const struct {
		const char *lesson;
		int64_t ms;
		int w;
	} at[] = { { "13-dkim-dmarc", 110533, 1280 },
		   { "13-dkim-dmarc", 110533, 1920 },
		   { "08-open-relay", 60000, 1920 },
		   { "14-secure-retrieval", 20040, 1280 },
		   { "14-secure-retrieval", 20040, 1920 } };
	struct sbuf b = { 0 };
	int bad = 0;
	for (size_t i = 0; i < sizeof at / sizeof *at; i++)
		for (int lang = LANG_JA; lang <= LANG_EN; lang++) {
			char path[96];
			snprintf(path, sizeof path, "scenarios/%s.json", at[i].lesson);
			struct render_app *a = test_render_util_app_mode(path, lang, at[i].w, at[i].w * 9 / 16, 1);
			a->quiz.off = 1;
			render_control_run_to(a, at[i].ms * 1000);
			render_app_draw(a);
			cr_assert_gt(a->nfconn, 0, "%s at %.3f s: nothing on the wire", at[i].lesson, (double)at[i].ms / 1000);
			struct sbuf f = { 0 };
			int n = test_render_hops_regions(a, &f) + test_render_hops_routers(a, &f);
			if (n)
				sbuf_addf(&b, "%s at %.3f s, %d px presenter %s:\n%s", at[i].lesson, (double)at[i].ms / 1000, at[i].w,
					  lang == LANG_EN ? "en" : "ja", f.s);
			sbuf_free(&f);
			bad += n;
			render_app_free(a);
		}
	cr_expect_eq(bad, 0, "%d routes across other networks, never across the Internet or by other routers\n%s", bad,
		     b.s ? b.s : "");
	sbuf_free(&b);
}

/* Lesson 01b in presenter mode, both sizes and languages (acceptance
 * look, issue 11): the tag of a hop inside one network -- ISP A's MSA to
 * its MTA at 1.134 s, ISP B's relay to its mailbox server over LMTP at
 * 1.476 s -- hung outside that network's region by the Internet on a long
 * leader, and the hop read as leaving the network.  Such a tag lies
 * inside the region, or is left out. */
Test(render_hops, a_hop_inside_a_network_keeps_its_tag_inside)
{
	static const int64_t at[] = { 1134000, 1476000 };
	struct sbuf b = { 0 };
	int bad = 0, seen = 0;
	for (int c = 0; c < 8; c++) {
		if (!(c & 4))
			continue;   /* presenter mode */
		int w = c & 2 ? 1920 : 1280, h = c & 2 ? 1080 : 720;
		for (size_t t = 0; t < sizeof at / sizeof *at; t++) {
			struct render_app *a = test_render_util_app_mode("scenarios/01b-agents.json", c & 1 ? LANG_EN : LANG_JA, w,
									 h, 1);
			a->quiz.off = 1;
			render_control_run_to(a, at[t]);
			render_app_draw(a);
			for (size_t i = 0; i < a->place->nover; i++) {
				const struct render_topology_overlay *ov = &a->place->over[i];
				const struct sim_conn *conn = NULL;
				for (size_t j = 0; ov->kind == RENDER_TOPOLOGY_OVER_TAG && j < a->nfconn; j++)
					if (a->fconn[j].id == ov->conn)
						conn = &a->fconn[j];
				if (!conn || conn->npath > 0 || conn->client < 0)
					continue;
				seen++;
				SDL_Rect home = render_layout_net_rect(&a->layout, a->sc->hosts[conn->client].net), ix;
				if (SDL_IntersectRect(&home, &ov->rc, &ix) && SDL_RectEquals(&ix, &ov->rc))
					continue;
				sbuf_addf(&b, "  %.3f s %dx%d %s: the tag of %s -> %s at %d,%d %dx%d lies outside %s\n",
					  (double)at[t] / 1e6, w, h, c & 1 ? "en" : "ja", a->sc->hosts[conn->client].id,
					  a->sc->hosts[conn->server].id, ov->rc.x, ov->rc.y, ov->rc.w, ov->rc.h,
					  a->sc->nets[a->sc->hosts[conn->client].net].id);
				bad++;
			}
			render_app_free(a);
		}
	}
	cr_expect_eq(bad, 0, "%d tags of hops inside a network lie outside it (of %d):\n%s", bad, seen, b.s ? b.s : "");
	sbuf_free(&b);
}

/* The leg of rt that its point k ends: how many routers come before it. */
static int test_render_hops_leg(const struct render_app *a, const struct render_topology_route *rt, int k)
{
	int leg = 0;
	for (int i = 0; i < k; i++)
		leg += rt->node[i] >= a->sc->nhosts && rt->node[i] < a->sc->nhosts + a->sc->nrouters;
	return leg;
}

/* Lesson 12 in presenter mode at 1280 x 720 in English (acceptance look):
 * the phishing mail's way up beside the data centre and, with its last
 * leg along ISP B's line, its way down the same gap ran side by side and
 * met by the phishers' server: one line from the phishers straight into
 * ISP B's mail server, as if it never crossed the Internet.  A route with
 * two routers or more keeps its first leg at least two route margins
 * (render_topology_route_margin) off its last. */
Test(render_hops, a_routes_first_and_last_legs_keep_apart)
{
	static const int64_t at[] = { 65300000, 110400000 };
	for (size_t i = 0; i < sizeof at / sizeof *at; i++)
		for (int lang = LANG_JA; lang <= LANG_EN; lang++) {
			struct render_app *a = test_render_util_app_at("scenarios/12-bayes-learning.json", lang, 1280, 720, 1, at[i]);
			float need = 2.0f * (float)render_topology_route_margin(a);
			int seen = 0;
			for (size_t c = 0; c < a->nfconn; c++) {
				struct render_topology_route rt;
				render_topology_route_of(a, &a->fconn[c], &rt);
				int last = test_render_hops_leg(a, &rt, rt.n);
				if (last < 2)
					continue;
				seen++;
				float least = 1e9f;
				for (int k = 1; k < rt.n && test_render_hops_leg(a, &rt, k) == 0; k++)
					for (int j = rt.n - 1; j > 0 && test_render_hops_leg(a, &rt, j) == last; j--)
						for (int s = 0; s <= 20; s++) {
							float f = (float)s / 20, px = rt.x[k - 1] + (rt.x[k] - rt.x[k - 1]) * f;
							float py = rt.y[k - 1] + (rt.y[k] - rt.y[k - 1]) * f;
							SDL_Rect dot = { (int)lroundf(px), (int)lroundf(py), 1, 1 };
							float d = test_render_hops_seg_rect(dot, rt.x[j - 1], rt.y[j - 1], rt.x[j], rt.y[j]);
							least = d < least ? d : least;
						}
				cr_expect_geq(least, need - 1, "%s at %.1f s: the route of %s -> %s, first leg %.1f px off its last (%.1f asked)",
					      lang == LANG_EN ? "en" : "ja", (double)at[i] / 1e6, a->sc->hosts[a->fconn[c].client].id,
					      a->sc->hosts[a->fconn[c].server].id, (double)least, (double)need);
			}
			cr_expect_gt(seen, 0, "a route across two routers is on the wire");
			render_app_free(a);
		}
}
