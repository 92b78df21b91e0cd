/* test_render_chip_owner — a router's rule chips read as that router's
 * (issue 11): for every lesson, in the sizes, modes and languages the
 * sweep picks, at the first frame and at half time, each router's column
 * of chips must be nearer its own router's box than any other router's
 * box or chips by 8 px.  Lesson 03 at 1280 x 720 in presenter mode: ISP
 * B's "IP25B オン / OP25B オン" hung 4 px under ISP B's router and 10 px
 * over 「ISP C 境界ルータ（OP25Bなし）」, as if ISP C had the OP25B it
 * has not.  Fonts are pinned (tests/fonts.conf). */
#include <criterion/criterion.h>

#include <SDL.h>
#include <math.h>

#include "render_app.h"
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
		}
	}
}

static void test_render_chip_owner_lesson(const char *lesson)
{
	struct sbuf b = { 0 };
	int count[1] = { 0 };
	test_render_util_two_moments(lesson, test_render_chip_owner_moment, count, 1, &b);
	cr_assert_eq(count[0], 0, "%s: %d rule chips nearer another router than their own\n%s", lesson, count[0],
	             b.s ? b.s : "");
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
