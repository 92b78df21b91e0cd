/* test_render_chip_owner — a router's rule chips read as that router's
 * (issue 11): for every lesson, in presenter mode in the sizes and
 * languages the sweep picks, at half time, each router's column
 * of chips must be nearer its own router's box than any other router's
 * box or chips by 8 px.  Lesson 03 at 1280 x 720 in presenter mode: ISP
 * B's "IP25B オン / OP25B オン" hung 4 px under ISP B's router and 10 px
 * over 「ISP C 境界ルータ（OP25Bなし）」, as if ISP C had the OP25B it
 * has not.  Fonts are pinned (tests/fonts.conf). */
#include <criterion/criterion.h>

#include <SDL.h>
#include <math.h>

#include "render_app.h"
#include "render_control.h"
#include "render_topology.h"
#include "test_render_util.h"
#include "util.h"

/* How far apart two rectangles are (0 where they touch or overlap). */
static float test_render_chip_owner_apart(SDL_Rect p, SDL_Rect q)
{
	float dx = fmaxf(fmaxf((float)(q.x - (p.x + p.w)), (float)(p.x - (q.x + q.w))), 0);
	float dy = fmaxf(fmaxf((float)(q.y - (p.y + p.h)), (float)(p.y - (q.y + q.h))), 0);
	return hypotf(dx, dy);
}

/* Each block count ("× IP25B blocked ×1") likewise nearer its router's
 * box (its anchor) or chips than any other router's box or chips by 8 px, unless
 * tied to it from afar (lesson
 * 08 at 120.378 s, 720p presenter, English: ISP B's lay 13 px under ISP
 * C's router and 7 px beside ISP B's); into count[1]. */
static void test_render_chip_owner_counts(const struct render_app *a, int *count, struct sbuf *b)
{
	const struct scenario *sc = a->sc;
	const struct render_topology_place *p = a->place;
	for (size_t k = 0; k < p->nover; k++) {
		const struct render_topology_overlay *o = &p->over[k];
		if (o->kind != RENDER_TOPOLOGY_OVER_BLOCKS)
			continue;
		int tied = 0;   /* a count tied to its router from afar reads as its by the tie */
		for (size_t t = 0; t < p->ntie; t++)
			for (int e = 0; (int)p->tie[t][4] == RENDER_TOPOLOGY_OVER_BLOCKS && e < 2; e++) {
				SDL_Rect end = { (int)p->tie[t][2 * e] - 2, (int)p->tie[t][2 * e + 1] - 2, 4, 4 };
				tied |= SDL_HasIntersection(&end, &o->rc);
			}
		if (tied)
			continue;
		float own = test_render_chip_owner_apart(o->rc, o->anchor);   /* from its box or its chips */
		for (int q = 0; q < sc->nrouters; q++) {
			SDL_Rect qb = a->node_box[sc->nhosts + q];
			if (SDL_RectEquals(&qb, &o->anchor) && p->chips[q].w > 0)
				own = fminf(own, test_render_chip_owner_apart(o->rc, p->chips[q]));
		}
		for (int q = 0; q < sc->nrouters; q++) {
			SDL_Rect qb = a->node_box[sc->nhosts + q];
			if (SDL_RectEquals(&qb, &o->anchor))
				continue;
			float d = fminf(test_render_chip_owner_apart(o->rc, qb),
			                p->chips[q].w > 0 ? test_render_chip_owner_apart(o->rc, p->chips[q]) : 1e9f);
			if (d < own + 8) {
				sbuf_addf(b, "  a block count (%d,%d %dx%d) %.0f px from its router, %.0f px from %s's\n",
				          o->rc.x, o->rc.y, o->rc.w, o->rc.h, (double)own, (double)d, sc->routers[q].id);
				count[1]++;
			}
		}
	}
}

static void test_render_chip_owner_moment(const char *lesson, const struct render_app *a, int moment, int *count,
                                     struct sbuf *b)
{
	(void)lesson;
	(void)moment;
	const struct scenario *sc = a->sc;
	const struct render_topology_place *p = a->place;
	for (int r = 0; r < sc->nrouters; r++) {
		SDL_Rect c = p->chips[r];
		if (c.w <= 0)
			continue;
		float own = test_render_chip_owner_apart(c, a->node_box[sc->nhosts + r]);
		for (int q = 0; q < sc->nrouters; q++) {
			if (q == r)
				continue;
			float box = test_render_chip_owner_apart(c, a->node_box[sc->nhosts + q]);
			float chips = p->chips[q].w > 0 ? test_render_chip_owner_apart(c, p->chips[q]) : 1e9f;
			if (fminf(box, chips) < own + 8) {
				sbuf_addf(b, "  %s's chips (%d,%d %dx%d) %.0f px from its box, %.0f px from %s's %s\n",
				          sc->routers[r].id, c.x, c.y, c.w, c.h, (double)own, (double)fminf(box, chips),
				          sc->routers[q].id, box <= chips ? "box" : "chips");
				count[0]++;
			}
			/* each chip too: the far end of a column read as the router
			 * it hung over (lesson 03 at 80.504 s, 1080p presenter en:
			 * ISP B's second chip "OP25B on" 14 px over "ISP C's border
			 * router (no OP25B)", 39 px under its own) */
			int n = sc->routers[r].nrules, row = n ? (c.h + 3) / n - 3 : c.h;
			for (int i = 0; i < n; i++) {
				SDL_Rect one = { c.x, c.y + i * (row + 3), c.w, row };
				float mine = test_render_chip_owner_apart(one, a->node_box[sc->nhosts + r]);
				float theirs = test_render_chip_owner_apart(one, a->node_box[sc->nhosts + q]);
				if (theirs <= mine) {
					sbuf_addf(b, "  %s's chip %d (%d,%d %dx%d) %.0f px from its box, %.0f px from %s's\n",
					          sc->routers[r].id, i + 1, one.x, one.y, one.w, one.h, (double)mine,
					          (double)theirs, sc->routers[q].id);
					count[0]++;
				}
			}
		}
	}
	test_render_chip_owner_counts(a, count, b);
}

/* Presenter mode only (its layout moves the routers; in normal mode they
 * stand where the lesson put them), at half time (chips are placed with
 * the layout, block counts once something was blocked): the configurations
 * the sweep picks. */
static void test_render_chip_owner_lesson(const char *lesson)
{
	struct sbuf b = { 0 };
	int count[2] = { 0, 0 };
	for (int c = 0; c < 8; c++) {
		if (!((c >> 1) & 1) || !test_render_util_sweep(lesson, c))
			continue;
		int big = c & 1, lang = c >> 2 ? LANG_EN : LANG_JA;
		struct render_app *a = test_render_util_app_mode(lesson, lang, big ? 1920 : 1280, big ? 1080 : 720, 1);
		a->quiz.off = 1;
		render_control_run_to(a, a->sc->until_us / 2);
		render_app_draw(a);
		cr_assert_not_null(a->place);
		size_t at = b.len;
		int before = count[0] + count[1];
		sbuf_addf(&b, "%dx%d presenter %s at half time:\n", a->w, a->h, lang == LANG_EN ? "en" : "ja");
		test_render_chip_owner_moment(lesson, a, 1, count, &b);
		if (count[0] + count[1] == before)
			b.len = at;
		render_app_free(a);
	}
	if (b.s)
		b.s[b.len] = 0;
	cr_assert_eq(count[0] + count[1], 0, "%s: %d rule chips and %d block counts nearer another router than their own\n%s",
	             lesson, count[0], count[1], b.s ? b.s : "");
	sbuf_free(&b);
}

#define TEST_RENDER_CHIP_OWNER(name, file) \
	Test(render_chip_owner, name) { test_render_chip_owner_lesson("scenarios/" file ".json"); }

TEST_RENDER_CHIP_OWNER(l01, "01-basic-flow")
TEST_RENDER_CHIP_OWNER(l01b, "01b-agents")
TEST_RENDER_CHIP_OWNER(l02, "02-op25b")
TEST_RENDER_CHIP_OWNER(l03, "03-ip25b")
TEST_RENDER_CHIP_OWNER(l04, "04-submission-587-465")
TEST_RENDER_CHIP_OWNER(l05, "05-envelope-bcc-forward")
TEST_RENDER_CHIP_OWNER(l06, "06-bounce-backscatter")
TEST_RENDER_CHIP_OWNER(l07, "07-spoofing-spf")
TEST_RENDER_CHIP_OWNER(l08, "08-open-relay")
TEST_RENDER_CHIP_OWNER(l09, "09-botnet-scale")
TEST_RENDER_CHIP_OWNER(l10, "10-mx-backup")
TEST_RENDER_CHIP_OWNER(l11, "11-smime")
TEST_RENDER_CHIP_OWNER(l12, "12-bayes-learning")
TEST_RENDER_CHIP_OWNER(l13, "13-dkim-dmarc")
TEST_RENDER_CHIP_OWNER(l14, "14-secure-retrieval")

/* The moment the acceptance look found it (not at the sweep's two). */
Test(render_chip_owner, l08_count_at_the_refusal)
{
	struct render_app *a = test_render_util_app_mode("scenarios/08-open-relay.json", LANG_EN, 1280, 720, 1);
	a->quiz.off = 1;
	render_control_run_to(a, 120378000);
	render_app_draw(a);
	cr_assert_not_null(a->place);
	struct sbuf b = { 0 };
	int count[2] = { 0, 0 }, any = 0;
	for (size_t k = 0; k < a->place->nover; k++)
		any += a->place->over[k].kind == RENDER_TOPOLOGY_OVER_BLOCKS;
	test_render_chip_owner_counts(a, count, &b);
	cr_assert(any > 0, "a block count to check");
	cr_assert_eq(count[1], 0, "%s", b.s ? b.s : "");
	sbuf_free(&b);
	render_app_free(a);
}

/* Lesson 03 at 80.504 s, 1080p presenter en: ISP B's chips hung under
 * its router, the second 14 px over ISP C's (no OP25B). */
Test(render_chip_owner, l03_each_chip_nearer_its_own_router)
{
	struct render_app *a = test_render_util_app_at("scenarios/03-ip25b.json", LANG_EN, 1920, 1080, 1, 80504000);
	struct sbuf b = { 0 };
	int count[2] = { 0, 0 };
	test_render_chip_owner_moment("scenarios/03-ip25b.json", a, 1, count, &b);
	cr_assert_eq(count[0], 0, "%s", b.s ? b.s : "");
	sbuf_free(&b);
	render_app_free(a);
}
