/* test_render_focus — the letter card and the envelope tag show the copy
 * the current event is about, so the picture agrees with the caption
 * (issue 11: lesson 05 showed Carol's delivered copy while the caption
 * spoke of the forwarded RCPT TO, sent in the burst that leaves mail-b at
 * 1.76 s; lesson 07 at 20.30 s showed the copy at ISP C while the caption
 * spoke of the SPF check at ISP B). */
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
	const struct msg *m = test_render_focus_copy(a, 1.77);
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

/* Lesson 07 at 1.298 s: ISP B's SPF check and its caption, then, at the
 * same instant, Corp's pipelined commands to ISP C.  A jump to that time
 * tells the whole instant; the caption is about ISP B's check, so the card
 * shows Bob's copy.  Stepping row by row to ISP C's command, the current
 * row decides again: Carol's copy. */
Test(render_focus, the_captioned_copy_when_the_instant_is_told_at_once)
{
	struct render_app *a = test_render_util_app("scenarios/07-spoofing-spf.json", LANG_EN, 1280, 720);
	const struct msg *m = test_render_focus_copy(a, 1.298);
	cr_assert_eq(m->nrcpt, 1);
	cr_expect_str_eq(m->rcpt[0], "bob@ispb.example", "the copy the caption is about");
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	size_t last = n;
	while (last > 0 && trace_kinds[tr[last - 1].kind].quiet)
		last--;
	cr_assert_gt(last, 0);
	render_control_goto_row(a, sim_events_done(render_app_sim(a)), last - 1);
	render_app_draw(a);
	struct sim_copy cp;
	cr_assert_eq(render_view_copy_of(a, render_view_focus_msg(a), &cp), 0);
	cr_assert_eq(cp.m->nrcpt, 1);
	cr_expect_str_eq(cp.m->rcpt[0], "carol@ispc.example", "stepped to ISP C's command: Carol's copy");
	render_app_free(a);
}
