/* test_render_focus — the letter card and the envelope tag show the copy
 * the current event is about, so the picture agrees with the caption
 * (issue 11: lesson 05 at 1.90 s showed Carol's delivered copy while the
 * caption spoke of the forwarded RCPT TO; lesson 07 at 20.30 s showed the
 * copy at ISP C while the caption spoke of the SPF check at ISP B). */
#include <criterion/criterion.h>
#include <string.h>

#include "render_app.h"
#include "render_view.h"
#include "test_render_util.h"

static const struct msg *test_render_focus_copy(struct render_app *a, double at)
{
	render_control_run_to(a, (int64_t)(at * 1e6));
	render_app_draw(a);
	int focus = render_view_focus_msg(a);
	cr_assert_geq(focus, 0);
	struct sim_copy cp;
	cr_assert_eq(render_view_copy_of(a, focus, &cp), 0);
	return cp.m;
}

Test(render_focus, the_forwarded_copy_while_it_is_forwarded)
{
	struct render_app *a = test_render_util_app("scenarios/05-envelope-bcc-forward.json", LANG_EN, 1280, 720);
	const struct msg *m = test_render_focus_copy(a, 1.90);
	cr_assert_eq(m->nrcpt, 1);
	cr_expect_str_eq(m->rcpt[0], "bob@univ.example", "the card shows the copy being forwarded");
	render_app_free(a);
}

Test(render_focus, the_copy_at_the_server_that_checks_spf)
{
	struct render_app *a = test_render_util_app("scenarios/07-spoofing-spf.json", LANG_EN, 1280, 720);
	const struct msg *m = test_render_focus_copy(a, 20.30);
	cr_assert_eq(m->nrcpt, 1);
	cr_expect_str_eq(m->rcpt[0], "bob@ispb.example", "the copy on its way to ISP B");
	render_app_free(a);
}
