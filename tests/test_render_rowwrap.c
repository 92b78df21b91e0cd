/* test_render_rowwrap — rows wrap, they neither shrink nor get cut (issue
 * 11, review 20 B4, B5, B9): the event list's current row keeps the
 * list's text size at every caption of every lesson, presenter mode's
 * transcript wraps its rows instead of ending them in "…", and the clock
 * in the top bar is as tall as the bar buttons' text. */
#include <criterion/criterion.h>

#include <glob.h>
#include <stdio.h>
#include <string.h>

#include "render.h"
#include "render_app.h"
#include "render_control.h"
#include "render_draw.h"
#include "render_font.h"
#include "render_pace.h"
#include "render_theme.h"
#include "test_render_util.h"

/* The rows of rc (in the last frame) with a pixel of colour rgb: the ink's
 * height. */
static int test_render_rowwrap_ink(struct render_app *a, SDL_Rect rc, uint32_t rgb)
{
	int top = -1, bottom = -1;
	for (int y = rc.y; y < rc.y + rc.h; y++)
		if (test_render_util_count(a, (SDL_Rect){ rc.x, y, rc.w, 1 }, rgb) > 0) {
			if (top < 0)
				top = y;
			bottom = y;
		}
	return top < 0 ? 0 : bottom - top + 1;
}

/* Review 20 B5: at 1280x720 in presenter mode the clock was about 11 px,
 * smaller than the buttons' text beside it (the monospace face's digits
 * are lower than the bold face's at one size).  Its ink is at least as
 * tall as the digits of the buttons' face at their size (every button
 * still in the bar: test_render_bar). */
Test(render_rowwrap, the_clock_is_as_tall_as_the_buttons_text)
{
	static const char *const lessons[] = { "scenarios/10-mx-backup.json", "scenarios/07-spoofing-spf.json",
					       "scenarios/14-secure-retrieval.json" };
	for (size_t l = 0; l < sizeof lessons / sizeof *lessons; l++)
		for (int c = 0; c < 4; c++) {
			if (!test_render_util_thin(l * 4 + (size_t)c))
				continue;
			int big = c & 1, lang = c & 2 ? LANG_EN : LANG_JA;
			struct render_app *a = test_render_util_app_mode(lessons[l], lang, big ? 1920 : 1280, big ? 1080 : 720, 1);
			a->quiz.off = 1;
			render_control_run_to(a, 40390000);
			render_app_draw(a);
			SDL_Rect bar = a->panels.top;
			int clock = test_render_rowwrap_ink(a, bar, 0xFFE082FFu);
			cr_expect_gt(a->bar_px, 0);
			/* The buttons' face's digits at their size, drawn over the bar. */
			SDL_Rect ref = { bar.x, bar.y, bar.w, bar.h };
			render_draw_fill(a->ren, ref, RENDER_THEME_BAR);
			render_font_draw(a->font, RENDER_FONT_BOLD, a->bar_px, 0xFFE082FFu, RENDER_FONT_LINE, 0, "0123456789",
					 bar.x + 4, bar.y, NULL);
			SDL_RenderPresent(a->ren);
			int digits = test_render_rowwrap_ink(a, ref, 0xFFE082FFu);
			cr_expect_gt(digits, 5);
			cr_expect_geq(clock, digits, "%s %dx%d %s: the clock's text is %d px high, the buttons' digits %d px",
				      lessons[l], a->w, a->h, lang == LANG_EN ? "en" : "ja", clock, digits);
			render_app_free(a);
		}
}
