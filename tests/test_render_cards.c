/* test_render_cards — what is drawn beside a letter or a packet reads as
 * its own network's: the envelope card of a lesson lying on the region of
 * a network its letter is not in is counted at (up to 80 of) every moment
 * of the lesson's trace, in both sizes and languages of normal mode,
 * against a bound per lesson where its map leaves no free place; a
 * packet's label moved away keeps off other networks' regions.  The suite
 * is render_place's (test_render_place checks the rest of the picture).
 * Fonts are pinned (tests/fonts.conf). */
#include <criterion/criterion.h>

#include <SDL.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "render_app.h"
#include "render_control.h"
#include "render_pace.h"
#include "render_topology.h"
#include "test_render_util.h"
#include "util.h"

/* Overlays of kind (envelope cards, packets' labels moved away) lying on
 * the region of a network what they are drawn beside is not in (they
 * read as that network's): one per overlay and region; appends to b. */
static int test_render_cards_foreign(struct render_app *a, enum render_topology_over kind, struct sbuf *b)
{
	const struct render_topology_place *p = a->place;
	int bad = 0;
	for (size_t i = 0; i < p->nover; i++) {
		const struct render_topology_overlay *o = &p->over[i];
		if (o->kind != kind || o->anchor.w <= 0)
			continue;
		SDL_Point at = { o->anchor.x + o->anchor.w / 2, o->anchor.y + o->anchor.h / 2 };
		for (int n = 0; n < a->sc->nnets; n++) {
			SDL_Rect r = render_layout_net_rect(&a->layout, n), ix;
			if (r.w <= 0 || SDL_PointInRect(&at, &r) || !SDL_IntersectRect(&o->rc, &r, &ix))
				continue;
			sbuf_addf(b, "  %s at %d,%d %dx%d lies on the region of %s (%dx%d)\n", render_topology_over_names[kind],
				  o->rc.x, o->rc.y, o->rc.w, o->rc.h, a->sc->nets[n].id, ix.w, ix.h);
			bad++;
		}
	}
	return bad;
}

/* The distinct times of the lesson's trace records, at most max of them
 * taken evenly (lesson 09's storm has thousands); returns how many. */
static int test_render_cards_event_times(const char *lesson, int64_t *out, int max)
{
	size_t ntr = 0;
	const struct trace_rec *tr = NULL;
	struct render_app *a = test_render_util_played(lesson, &tr, &ntr);
	int64_t *all = xcalloc(ntr + 1, sizeof *all);
	size_t nall = 0;
	for (size_t i = 0; i < ntr; i++)
		if (!nall || tr[i].t != all[nall - 1])
			all[nall++] = tr[i].t;
	int n = 0;
	for (int k = 0; k < max && nall; k++) {
		int64_t t = all[(size_t)k * nall / (size_t)max];
		if (!n || t != out[n - 1])
			out[n++] = t;
	}
	free(all);
	render_app_free(a);
	return n;
}

/* The envelope cards of a lesson that lie on another network's region
 * (test_render_place_card_foreign), at every moment of its trace (up to
 * 80, spread over it; 160 until CI neared its 15 minutes), in both sizes
 * and languages of normal mode: at most bound, what is left where a
 * lesson's map has no free place off other regions near the letter. */
static void test_render_cards_each(const char *lesson, int bound)
{
	static const int size[2][2] = { { 1280, 720 }, { 1920, 1080 } };
	static int64_t times[80];
	int ntimes = test_render_cards_event_times(lesson, times, 80), total = 0;
	struct sbuf b = { 0 };
	for (int c = 0; c < 8; c++) {
		int w = size[c & 1][0], h = size[c & 1][1], presenter = (c >> 1) & 1, lang = c >> 2 ? LANG_EN : LANG_JA;
		if (presenter || !test_render_util_sweep(lesson, c))
			continue;
		struct render_opts o;
		memset(&o, 0, sizeof o);
		o.scenario = lesson;
		o.scenarios_dir = "scenarios";
		o.lang = lang;
		struct render_app *a = render_app_new_offscreen(&o, w, h);
		cr_assert_not_null(a, "%s must open off-screen", lesson);
		a->quiz.off = 1;
		int n = 0;
		for (int k = 0; k < ntimes; k++) {
			render_control_run_to(a, times[k]);
			render_app_draw(a);
			size_t at = b.len;
			sbuf_addf(&b, "%dx%d %s at %.3f s:\n", w, h, lang == LANG_EN ? "en" : "ja", (double)times[k] / 1e6);
			int m = test_render_cards_foreign(a, RENDER_TOPOLOGY_OVER_ENVELOPE, &b);
			if (!m)
				b.len = at;
			n += m;
		}
		total += n;
		render_app_free(a);
	}
	if (b.s)
		b.s[b.len] = 0;
	cr_assert_leq(total, bound, "%s: %d envelope cards on other networks' regions (at most %d)\n%s", lesson, total,
		      bound, b.s ? b.s : "");
	sbuf_free(&b);
}

/* The bounds are what the 80 moments find (with 160: 11, 40, 20, 6, 59,
 * 160 and 3 for lessons 03, 06, 07, 10, 11, 12 and 13). */
#define TEST_RENDER_PLACE_CARDS(name, file, bound) \
	Test(render_place, cards_##name) { test_render_cards_each("scenarios/" file ".json", bound); }

TEST_RENDER_PLACE_CARDS(l01, "01-basic-flow", 0)
TEST_RENDER_PLACE_CARDS(l01b, "01b-agents", 0)
TEST_RENDER_PLACE_CARDS(l02, "02-op25b", 0)
TEST_RENDER_PLACE_CARDS(l03, "03-ip25b", 10)
TEST_RENDER_PLACE_CARDS(l04, "04-submission-587-465", 0)
TEST_RENDER_PLACE_CARDS(l05, "05-envelope-bcc-forward", 0)
TEST_RENDER_PLACE_CARDS(l06, "06-bounce-backscatter", 18)
/* "ISP C servers" lies in its region (it stood between the two ISP C
 * regions), and the card beside the attacker's PC reaches 3 px into it
 * (20 of 160 moments, 19 before review18 lengthened the captions) */
TEST_RENDER_PLACE_CARDS(l07, "07-spoofing-spf", 14)
TEST_RENDER_PLACE_CARDS(l08, "08-open-relay", 0)
TEST_RENDER_PLACE_CARDS(l09, "09-botnet-scale", 0)
TEST_RENDER_PLACE_CARDS(l10, "10-mx-backup", 3)
/* 26 before the packets' labels were drawn whole (render_pill): their
 * room costs the envelope card two moments off its own networks */
TEST_RENDER_PLACE_CARDS(l11, "11-smime", 28)
TEST_RENDER_PLACE_CARDS(l12, "12-bayes-learning", 68)
TEST_RENDER_PLACE_CARDS(l13, "13-dkim-dmarc", 1)
TEST_RENDER_PLACE_CARDS(l14, "14-secure-retrieval", 0)

/* Lesson 13 at 1.410 s in presenter mode at 1920 x 1080: ISP B's
 * "S: 250 …", moved away from its crowded wire, was tied down into ISP C's
 * customers, where it read as theirs; a label moved away keeps off other
 * networks' regions (or is left out, the event list telling it). */
Test(render_place, a_moved_packet_label_keeps_to_its_networks)
{
	for (int lang = LANG_JA; lang <= LANG_EN; lang++) {
		struct render_app *a = test_render_util_app_mode("scenarios/13-dkim-dmarc.json", lang, 1920, 1080, 1);
		a->quiz.off = 1;
		render_control_run_to(a, 1410000);
		render_app_draw(a);
		struct sbuf b = { 0 };
		int bad = test_render_cards_foreign(a, RENDER_TOPOLOGY_OVER_PILL, &b);
		cr_expect_eq(bad, 0, "lang %d:\n%s", lang, b.s ? b.s : "");
		sbuf_free(&b);
		render_app_free(a);
	}
}

/* Lesson 13 at 30.408 s in presenter mode at 1280 x 720 (a helper's
 * acceptance look): the 250 reply's "TLS の暗号文 57 バイト" hung above
 * ISP B's mail server on the university's region, and read as traffic
 * with the university while the caption is about news1 at ISP B.  A label
 * above or below its packet keeps off other networks' regions too, as one
 * moved along its route does. */
Test(render_place, a_packet_label_above_its_packet_keeps_to_its_networks)
{
	int pills = 0;
	for (int lang = LANG_JA; lang <= LANG_EN; lang++) {
		struct render_app *a = test_render_util_app_mode("scenarios/13-dkim-dmarc.json", lang, 1280, 720, 1);
		a->quiz.off = 1;
		render_control_run_to(a, 30407000);
		render_pace_next_caption(a);   /* as the window stops there */
		render_app_draw(a);
		/* no packet is in the university's network then, nor on its way */
		int univ = -1;
		for (int n = 0; n < a->sc->nnets; n++)
			univ = strcmp(a->sc->nets[n].id, "univ-net") == 0 ? n : univ;
		cr_assert_geq(univ, 0);
		SDL_Rect r = render_layout_net_rect(&a->layout, univ);
		for (size_t i = 0; i < a->place->nover; i++) {
			const struct render_topology_overlay *o = &a->place->over[i];
			if (o->kind != RENDER_TOPOLOGY_OVER_PILL)
				continue;
			pills++;
			cr_expect(!SDL_HasIntersection(&o->rc, &r), "lang %d: a packet label at %d,%d %dx%d lies on the university's region",
			          lang, o->rc.x, o->rc.y, o->rc.w, o->rc.h);
		}
		render_app_free(a);
	}
	cr_expect_gt(pills, 0, "no packet label (English has none there: the reply at its server)");
}
