/* test_render_align — the card's From / MAIL FROM badge tells what DMARC
 * made of the difference (issue 11: lesson 13 at 70.442 s put the amber
 * "different domains" warning on the legitimate newsletter whose DMARC
 * passes through DKIM alignment, which a student reads as "forged"). */
#include <criterion/criterion.h>
#include <string.h>

#include "render_align.h"
#include "render_app.h"
#include "render_control.h"
#include "render_theme.h"
#include "render_view.h"
#include "test_render_util.h"

#define TEST_RENDER_ALIGN_LESSON "scenarios/13-dkim-dmarc.json"

/* The badge of the copy the card shows for entry tag at t_us (selected
 * when select is set), its text into out. */
static enum render_align_badge test_render_align_badge(struct render_app *a, int64_t t_us, const char *tag,
                                                       int select, struct sbuf *out)
{
	int m = test_render_util_msg_at(a, t_us, tag, select);
	cr_assert_eq(render_view_focus_msg(a), m, "the card shows %s", tag);
	struct sim_copy cp;
	cr_assert_eq(render_view_copy_of(a, m, &cp), 0);
	sbuf_reset(out);
	return render_align_text(a, &cp, out);
}

Test(render_align, a_newsletter_dmarc_passes_through_dkim_is_not_a_warning)
{
	for (int lang = 0; lang < 2; lang++) {
		struct render_app *a = test_render_util_app(TEST_RENDER_ALIGN_LESSON, lang ? LANG_EN : LANG_JA, 1280, 720);
		struct sbuf b = { 0 };
		/* The moment ISP B's DMARC check passes: the copy on the wire. */
		cr_assert_eq(test_render_align_badge(a, 70442000, "news2", 0, &b), RENDER_ALIGN_DMARC_DKIM);
		cr_expect(strstr(b.s, "@shop.example") && strstr(b.s, "@esp.example"), "%s", b.s);
		cr_expect(strstr(b.s, "d=shop.example") != NULL, "%s", b.s);
		cr_expect(strstr(b.s, lang ? "DMARC passes" : "DMARC は pass です") != NULL, "%s", b.s);
		/* and that the mismatch is normal when a service sends on the
		 * domain's behalf (review 25, B3) */
		cr_expect(strstr(b.s, lang ? "on someone's behalf" : "代理送信ではよくあることです") != NULL, "%s", b.s);
		long amber = test_render_util_count(a, a->panels.card, RENDER_THEME_WARN);
		cr_assert_lt(amber, 300, "no amber badge on the card (%ld amber pixels)", amber);
		cr_assert_gt(test_render_util_count(a, a->panels.card, RENDER_THEME_OK), 1500, "the badge in green");
		sbuf_free(&b);
		render_app_free(a);
	}
}

Test(render_align, the_stored_copy_reads_its_servers_evaluation)
{
	struct render_app *a = test_render_util_app(TEST_RENDER_ALIGN_LESSON, LANG_EN, 1280, 720);
	struct sbuf b = { 0 };
	/* In Bob's INBOX: found through its Authentication-Results' host. */
	cr_assert_eq(test_render_align_badge(a, 90000000, "news2", 1, &b), RENDER_ALIGN_DMARC_DKIM, "%s", b.s);
	sbuf_free(&b);
	render_app_free(a);
}

/* The first newsletter, signed only with d=esp.example: DMARC fails and
 * the warning stays; lesson 07's spoof, where no DMARC was evaluated,
 * too. */
Test(render_align, a_failed_or_absent_dmarc_keeps_the_warning)
{
	struct render_app *a = test_render_util_app(TEST_RENDER_ALIGN_LESSON, LANG_EN, 1280, 720);
	struct sbuf b = { 0 };
	cr_assert_eq(test_render_align_badge(a, 30410000, "news1", 1, &b), RENDER_ALIGN_WARN, "%s", b.s);
	cr_expect(strstr(b.s, "DMARC") == NULL, "%s", b.s);
	cr_assert_gt(test_render_util_count(a, a->panels.card, RENDER_THEME_WARN), 2000, "the amber badge");
	render_app_free(a);
	a = test_render_util_app("scenarios/07-spoofing-spf.json", LANG_EN, 1280, 720);
	cr_assert_eq(test_render_align_badge(a, 20520000, "spoof1", 1, &b), RENDER_ALIGN_WARN, "%s", b.s);
	sbuf_free(&b);
	render_app_free(a);
}
