/* test_render_counts — a router's count of the messages it stopped ("×
 * OP25B blocked ×2") says whether it is blocking now or history: solid in
 * its rule's colour while the rule is on and it stops what comes, an
 * outline worded "blocked earlier" / 「遮断済み」 once the rule is off or
 * while mail it lets through passes it (issue 11).  Split from
 * test_render_marks.  Fonts are pinned (tests/fonts.conf). */
#include <criterion/criterion.h>

#include <SDL.h>
#include <stdint.h>

#include "render_app.h"
#include "render_chart.h"
#include "render_control.h"
#include "render_topology.h"
#include "test_render_util.h"

/* The count pill of router 0's OP25B in file at `at`: how many there are,
 * its width, and whether it is solid (most of it the rule's colour) or an
 * outline. */
static int test_render_counts_pill(const char *file, int lang, int64_t at, int *width, int *solid)
{
	struct render_app *a = test_render_util_app_mode(file, lang, 1920, 1080, 1);
	a->quiz.off = 1;
	render_control_run_to(a, at);
	render_app_draw(a);
	int seen = 0;
	for (size_t i = 0; i < a->place->nover; i++) {
		const struct render_topology_overlay *o = &a->place->over[i];
		if (o->kind != RENDER_TOPOLOGY_OVER_BLOCKS)
			continue;
		seen++;
		*width = o->rc.w;
		uint32_t col = render_chart_rule_fill(a->sc, 0, "OP25B");
		long n = test_render_util_count(a, o->rc, col), all = (long)o->rc.w * o->rc.h;
		*solid = n * 2 > all;
	}
	render_app_free(a);
	return seen;
}

/* Lesson 02 at 130.04 s, after the teacher's lesson switched OP25B off:
 * ISP A's router still counts the two SYNs it dropped, but a solid red
 * "× OP25B 遮断 ×2" under the struck-through "OP25B オフ" read as blocking
 * now, while the caption says the router lets the bot through.  The count
 * of a rule that is off is drawn as an outline: most of its pill is not
 * the rule's colour (a solid pill is nearly all of it); at 60 s, with the
 * rule on, it is solid.  An outline alone still read as blocking now
 * (review 32): it says so in words too, 「遮断済み」, wider than 「遮断」. */
Test(render_counts, a_count_of_a_rule_switched_off_is_an_outline)
{
	static const struct {
		int64_t at;
		int on;
	} at[] = { { 60100000, 1 }, { 130040000, 0 } };
	int width[2] = { 0, 0 };
	for (size_t k = 0; k < sizeof at / sizeof *at; k++) {
		int solid = -1;
		int seen = test_render_counts_pill("scenarios/02-op25b.json", LANG_JA, at[k].at, &width[k], &solid);
		cr_expect_eq(seen, 1, "at %.2f s: one count, ISP A's", (double)at[k].at / 1e6);
		cr_expect_eq(solid, at[k].on, "at %.2f s (OP25B %s): the count is %s", (double)at[k].at / 1e6,
			     at[k].on ? "on" : "off", at[k].on ? "solid" : "an outline");
	}
	cr_expect_gt(width[1], width[0] + 20, "the count of a rule switched off says 遮断済み (%d px wide, on: %d)",
		     width[1], width[0]);
}

/* Lesson 04: ISP A's router dropped m1's SYN to port 25 at 1 s.  While
 * Alice's port-587 mail passes it (40–100 s) a solid red "× OP25B blocked
 * ×1" beside it read as stopping that mail too, while the caption says
 * OP25B lets it through.  The count is history then: an outline saying
 * "blocked earlier"; while m1 waits for its answer (10 s) it is solid. */
Test(render_counts, a_count_is_history_while_mail_passes_the_router)
{
	static const struct {
		int64_t at;
		int solid;
	} at[] = { { 10000000, 1 }, { 40125000, 0 }, { 70125000, 0 } };
	int width[3] = { 0, 0, 0 };
	for (size_t k = 0; k < sizeof at / sizeof *at; k++) {
		int solid = -1;
		int seen = test_render_counts_pill("scenarios/04-submission-587-465.json", LANG_EN, at[k].at, &width[k], &solid);
		cr_expect_eq(seen, 1, "at %.3f s: one count, ISP A's", (double)at[k].at / 1e6);
		cr_expect_eq(solid, at[k].solid, "at %.3f s: the count is %s", (double)at[k].at / 1e6,
			     at[k].solid ? "solid (m1 waits for an answer)" : "an outline (mail passes the router)");
		if (k)
			cr_expect_gt(width[k], width[0] + 20, "at %.3f s: it says \"blocked earlier\" (%d px wide, then %d)",
				     (double)at[k].at / 1e6, width[k], width[0]);
	}
}
