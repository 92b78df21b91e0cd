/* test_render_route_memo — routes are remembered (render_route_memo): a
 * frame drawn again builds none afresh, and a remembered route is the one
 * built fresh (MAILSIM_ROUTE_MEMO_CHECK builds each again and stops the
 * program on a difference), also once the view has zoomed and every key
 * changed.  A few frames of lesson 06 in presenter mode, where routes bend
 * round regions as well as boxes. */
#include <criterion/criterion.h>

#include <stdlib.h>

#include "render_app.h"
#include "render_layout.h"
#include "render_control.h"
#include "render_route_memo.h"
#include "test_render_util.h"

Test(render_route_memo, a_frame_drawn_again_builds_no_route_and_a_remembered_one_is_the_fresh_one)
{
	setenv("MAILSIM_ROUTE_MEMO_CHECK", "1", 1);
	struct render_app *a = test_render_util_app_mode("scenarios/06-bounce-backscatter.json", LANG_JA, 1280, 720, 1);
	a->quiz.off = 1;
	/* moments with lines on the map: ISP A's refusal, the backscatter */
	static const int64_t at_us[] = { 1440000, 60504000 };
	unsigned long built = 0;
	for (size_t k = 0; k < sizeof at_us / sizeof at_us[0]; k++) {
		render_control_run_to(a, at_us[k]);
		render_app_draw(a);
		cr_assert_gt(a->nfconn, 0, "%.3f s: no line on the map", (double)at_us[k] / 1e6);
		cr_expect_gt(render_route_memo_built(a->route_memo), built, "%.3f s: no route was built",
			     (double)at_us[k] / 1e6);
		built = render_route_memo_built(a->route_memo);
		render_app_draw(a);
		cr_expect_eq(render_route_memo_built(a->route_memo), built,
			     "%.3f s: the same frame drawn again built %lu routes afresh", (double)at_us[k] / 1e6,
			     render_route_memo_built(a->route_memo) - built);
	}
	SDL_Rect vp = a->layout.vp;
	render_layout_zoom(&a->layout, 1.25f, (float)(vp.x + vp.w / 2), (float)(vp.y + vp.h / 2));
	render_app_draw(a);
	cr_expect_gt(render_route_memo_built(a->route_memo), built, "the zoomed view built no route afresh");
	render_app_draw(a);
	render_app_free(a);
	unsetenv("MAILSIM_ROUTE_MEMO_CHECK");
}
