/* test_render_check — the check panel (K) opened while a lesson still runs
 * (review 20, A1): what has not happened yet is "not yet" (…, grey), not a
 * failure (×, red), and a refusal whose reply has come counts at once. */
#include <criterion/criterion.h>

#include <SDL.h>
#include <string.h>

#include "check.h"
#include "render.h"
#include "render_app.h"
#include "render_check.h"
#include "render_control.h"
#include "render_theme.h"
#include "test_render_util.h"

Test(render_check, what_has_not_happened_yet_is_not_a_failure)
{
	for (int lang = 0; lang < LANG_COUNT; lang++) {
		struct render_app *a = test_render_util_app("scenarios/13-dkim-dmarc.json", lang, 1280, 720);
		a->quiz.off = 1;
		render_control_run_to(a, 100558000);
		render_check_open(a);
		render_app_draw(a);
		cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_CHECK);
		cr_assert(render_check_running(a), "lesson 13 goes on after 1:40.558");
		const struct check_report *r = render_check_report(a);
		int pending = 0;
		for (int i = 0; i < r->nitems; i++) {
			const struct check_item *it = &r->items[i];
			if (strcmp(a->sc->expects[i].msg, "fake1") == 0)
				cr_expect(it->ok, "fake1's refusal (550 at the end of DATA) counts at its caption");
			if (it->ok)
				continue;
			pending++;
			struct sbuf b = { 0 };
			render_check_found(a, it, &b);
			cr_expect(b.s && !strstr(b.s, "expected") && !strstr(b.s, "never sent"),
				  "row %d reads as a failure while the lesson runs: %s", i, b.s ? b.s : "");
			sbuf_free(&b);
		}
		cr_expect_geq(pending, 5, "lesson 13's fifth part is still to come at 1:40.558 (%d rows pending)", pending);
		/* The pending rows' badges are grey, none is the failure's red
		 * (rows are registered line by line across columns: counted). */
		int grey = 0, red = 0;
		for (int k = 0; k < a->check.nrows; k++) {
			SDL_Rect bd = a->check.badge[k];
			uint32_t px = test_render_util_pixel(a, bd.x + 2, bd.y + bd.h / 2);
			grey += px == RENDER_THEME_MUTED;
			red += px == RENDER_THEME_BLOCK;
		}
		cr_expect_eq(grey, pending, "%d grey badges for %d rows not yet holding", grey, pending);
		cr_expect_eq(red, 0, "%d red (failed) badges while the lesson runs", red);
		render_app_free(a);
	}
}

Test(render_check, the_end_of_the_lesson_is_not_running)
{
	struct render_app *a = test_render_util_app("scenarios/13-dkim-dmarc.json", LANG_EN, 1280, 720);
	a->quiz.off = 1;
	render_control_run_to(a, a->sc->until_us);
	cr_expect(!render_check_running(a), "nothing is left to happen at the lesson's end");
	const struct check_report *r = render_check_report(a);
	for (int i = 0; i < r->nitems; i++)
		cr_expect(r->items[i].ok, "lesson 13's expectation %d holds at the end", i);
	render_app_free(a);
}
