/* test_render_focus — the letter card and the envelope tag show the copy
 * the current event is about, so the picture agrees with the caption
 * (issue 11: lesson 05 showed Carol's delivered copy while the caption
 * spoke of the forwarded RCPT TO, sent in the burst that leaves mail-b at
 * 1.76 s; lesson 07 at 20.30 s showed the copy at ISP C while the caption
 * spoke of the SPF check at ISP B). */
#include <criterion/criterion.h>
#include <stdio.h>
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


/* The value of the first (newest) field called name of m, as a string in
 * buf; "" if none. */
static const char *test_render_focus_field(const struct msg *m, const char *name, char *buf, size_t bufsz)
{
	buf[0] = '\0';
	for (int i = 0; i < m->nfields; i++) {
		size_t nl = 0, vl = 0;
		const char *n = msg_field_name(m, i, &nl);
		if (nl != strlen(name) || strncmp(n, name, nl) != 0)
			continue;
		const char *v = msg_field_value(m, i, &vl);
		snprintf(buf, bufsz, "%.*s", (int)vl, v);
		break;
	}
	return buf;
}

/* At the hand-over of a mail with several recipient lines, a jump to the
 * instant of the receiving server's DMARC check (its caption: "The results
 * are written into the Authentication-Results header field") also tells
 * that server taking the mail: the card shows its queued copy, with its
 * Received line newest and the results fields, not the sender's copy
 * still on the wire (review 19, A2: lesson 13 at 1.410 s, lesson 07 at
 * 1.376 s). */
static void test_render_focus_taken(const char *lesson, double at, const char *by)
{
	struct render_app *a = test_render_util_app(lesson, LANG_EN, 1280, 720);
	render_control_run_to(a, (int64_t)(at * 1e6));
	render_app_draw(a);
	int focus = render_view_focus_msg(a);
	cr_assert_geq(focus, 0);
	struct sim_copy cp;
	cr_assert_eq(render_view_copy_of(a, focus, &cp), 0);
	char buf[1024];
	cr_expect_eq(cp.holder, HOLD_QUEUE, "%s at %.4f s: the copy the server queued", lesson, at);
	cr_expect(strstr(test_render_focus_field(cp.m, "Received", buf, sizeof buf), by) != NULL,
	          "%s at %.4f s: the newest Received is the receiver's (%s), not \"%s\"", lesson, at, by, buf);
	cr_expect(test_render_focus_field(cp.m, "Authentication-Results", buf, sizeof buf)[0] != '\0',
	          "%s at %.4f s: the card has the Authentication-Results the caption names", lesson, at);
	cr_expect(test_render_focus_field(cp.m, "Received-SPF", buf, sizeof buf)[0] != '\0',
	          "%s at %.4f s: and Received-SPF", lesson, at);
	render_app_free(a);
}

Test(render_focus, the_receivers_copy_at_a_multi_recipient_hand_over)
{
	test_render_focus_taken("scenarios/13-dkim-dmarc.json", 1.410, "by mail.ispb.example");
	test_render_focus_taken("scenarios/13-dkim-dmarc.json", 1.4105, "by mail.ispb.example");
	test_render_focus_taken("scenarios/07-spoofing-spf.json", 1.376, "by mail.ispb.example");
	test_render_focus_taken("scenarios/07-spoofing-spf.json", 1.3761, "by mail.ispb.example");
}
