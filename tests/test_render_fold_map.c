/* test_render_fold_map — presenter mode starts with the protocol
 * transcript folded and gives the map the bottom row's height (issue 11:
 * "presenter mode grows the side panels but not the map"), except where
 * the lesson needs the row; and the map keeps its size through a lesson,
 * so that it is never laid out again while the class watches. */
#include <criterion/criterion.h>
#include <glob.h>
#include <string.h>

#include "render_app.h"
#include "render_control.h"
#include "render_fold.h"
#include "render_ladder.h"
#include "test_render_util.h"

static struct render_app *test_render_fold_map_app(const char *lesson, int big, int64_t t)
{
	struct render_app *a = test_render_util_app_mode(lesson, big ? LANG_EN : LANG_JA, big ? 1920 : 1280,
							  big ? 1080 : 720, 1);
	a->quiz.off = 1;
	render_control_run_to(a, t);
	render_app_draw(a);
	return a;
}

/* Lesson 13 at 70.2 s: the transcript is folded to a tab across the
 * map's foot, the map is taller by the row it had (less the tab), W
 * shows the transcript again and takes the height back, W again folds
 * it; the sequence chart, asked for, shows its panel. */
Test(render_fold_map, presenter_starts_with_the_transcript_folded_and_the_map_takes_its_row)
{
	for (int big = 0; big < 2; big++) {
		struct render_app *a = test_render_fold_map_app("scenarios/13-dkim-dmarc.json", big, 70200000);
		cr_assert(render_fold_shut(a, RENDER_APP_PANEL_TRANSCRIPT), "the transcript starts folded");
		SDL_Rect folded = a->panels.topo, tab = a->panels.transcript;
		cr_expect_gt(tab.w, tab.h, "the tab lies across the map's foot");
		cr_expect_eq(tab.x, folded.x);
		cr_expect_gt(tab.y, folded.y + folded.h, "under the map and the caption");
		cr_expect_gt(a->panels.events.x, folded.x + folded.w / 2, "the event list under the letter card");
		int button = 0;
		for (size_t i = 0; i < a->nhits; i++)
			button |= a->hits[i].kind == RENDER_APP_HIT_BUTTON && a->hits[i].a == RENDER_APP_BTN_FOLD &&
				  a->hits[i].b == RENDER_APP_PANEL_TRANSCRIPT;
		cr_expect(button, "the tab unfolds it with a click");
		render_fold_toggle(a, RENDER_APP_PANEL_TRANSCRIPT);
		render_app_draw(a);
		cr_assert(!render_fold_shut(a, RENDER_APP_PANEL_TRANSCRIPT), "W shows it");
		SDL_Rect shown = a->panels.topo;
		cr_expect_geq(folded.h - shown.h, (big ? 150 : 100), "%dx%d: the map %d px high folded, %d shown", a->w,
			      a->h, folded.h, shown.h);
		cr_expect_eq(folded.w, shown.w);
		render_fold_toggle(a, RENDER_APP_PANEL_TRANSCRIPT);
		render_app_draw(a);
		cr_expect(render_fold_shut(a, RENDER_APP_PANEL_TRANSCRIPT), "W again folds it");
		cr_expect_eq(a->panels.topo.h, folded.h);
		render_ladder_set(a, 1);
		render_app_draw(a);
		cr_expect(!render_fold_shut(a, RENDER_APP_PANEL_TRANSCRIPT), "the sequence chart shows its panel");
		render_fold_toggle(a, RENDER_APP_PANEL_TRANSCRIPT);
		cr_expect(render_fold_shut(a, RENDER_APP_PANEL_TRANSCRIPT) && !render_ladder_shown(a),
			  "W folds the chart's panel, the chart with it");
		render_app_free(a);
	}
}

/* Not where the lesson needs the row: lesson 14's eavesdropper's panel
 * sits beside the transcript; lessons 09 and 12 open the inspector by
 * themselves (the totals chart, the spam filter's verdicts), which would
 * send the event list back to the bottom row in mid-lesson.  Outside
 * presenter mode nothing starts folded. */
Test(render_fold_map, lessons_that_need_the_row_keep_it)
{
	static const char *keep[] = { "scenarios/09-botnet-scale.json", "scenarios/12-bayes-learning.json",
				      "scenarios/14-secure-retrieval.json" };
	for (size_t i = 0; i < sizeof keep / sizeof *keep; i++) {
		struct render_app *a = test_render_fold_map_app(keep[i], 0, 0);
		cr_expect(!render_fold_shut(a, RENDER_APP_PANEL_TRANSCRIPT), "%s: the transcript is shown", keep[i]);
		cr_expect_eq(a->fold_both, 0, "%s", keep[i]);
		render_app_free(a);
	}
	struct render_app *a = test_render_util_app_mode("scenarios/13-dkim-dmarc.json", LANG_JA, 1280, 720, 0);
	render_app_draw(a);
	cr_expect(!render_fold_shut(a, RENDER_APP_PANEL_TRANSCRIPT), "normal mode shows the transcript");
	render_app_free(a);
}

/* Every lesson in presenter mode, at its first frame and at eight moments
 * through it, with no hand on the window: the bottom row stays folded
 * away or stays, and the map keeps its width and top (a panel that opens
 * by itself and sends the event list back to the bottom row would lay the
 * whole map out again under the class's eyes; a long caption's band may
 * still take some of its height, render_panels_fit_caption). */
Test(render_fold_map, presenter_map_keeps_its_size_through_each_lesson, .timeout = 600)
{
	glob_t gl;
	cr_assert_eq(glob("scenarios/[0-9]*.json", 0, NULL, &gl), 0, "no lessons (run from the top directory)");
	int checked = 0;
	for (size_t l = 0; l < gl.gl_pathc; l++) {
		if (!test_render_util_thin(l))
			continue;
		struct render_app *a = test_render_fold_map_app(gl.gl_pathv[l], (int)(l & 1), 0);
		SDL_Rect first = a->panels.topo;
		int both = a->fold_both, ex = a->panels.events.x;   /* (lesson 12's list moves to the row at its first verdict) */
		int64_t until = a->sc->until_us;
		for (int k = 1; k <= 8; k++) {
			int64_t t = until * k / 8;
			render_control_run_to(a, t);
			render_app_draw(a);
			SDL_Rect now = a->panels.topo;
			cr_expect(now.x == first.x && now.y == first.y && now.w == first.w && a->fold_both == both,
				  "%s %dx%d at %.1f s: the map %dx%d at %d,%d, the row %s, the list at x %d; at the start "
				  "%dx%d at %d,%d, the row %s, the list at x %d",
				  gl.gl_pathv[l], a->w, a->h, (double)t / 1e6, now.w, now.h, now.x, now.y,
				  a->fold_both ? "folded" : "kept", a->panels.events.x, first.w, first.h, first.x, first.y,
				  both ? "folded" : "kept", ex);
			checked++;
		}
		render_app_free(a);
	}
	globfree(&gl);
	cr_expect_gt(checked, 0);
}
