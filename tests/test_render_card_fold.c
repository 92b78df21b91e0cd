/* test_render_card_fold — the letter card keeps the copy in focus's own
 * evidence in view (review 21): a forwarded copy's card shows the trace
 * fields the receiving server wrote, not only the earlier server's; the
 * envelope stays at the top while the header scrolls under a "more
 * above" strip, the earlier servers' fields folded first; and a login
 * that carries no message shows none. */
#include <criterion/criterion.h>

#include <SDL.h>
#include <stdio.h>
#include <string.h>

#include "render_app.h"
#include "render_card.h"
#include "render_card_text.h"
#include "render_control.h"
#include "render_font.h"
#include "render_pace.h"
#include "render_view.h"
#include "test_render_util.h"

static struct render_app *test_render_card_fold_at(const char *lesson, int64_t t, int w, int h, int lang,
                                                   int presenter)
{
	struct render_app *a = test_render_util_app_mode(lesson, lang, w, h, presenter);
	a->quiz.off = 1;
	render_control_run_to(a, t);
	render_app_draw(a);
	return a;
}

/* Is copy c the one for addr (its mailbox, or its envelope's recipient)? */
static int test_render_card_fold_for(const struct sim_copy *c, const char *addr)
{
	if (c->mailbox)
		return util_strcasecmp(c->mailbox, addr) == 0;
	for (int i = 0; i < c->m->nrcpt; i++)
		if (util_strcasecmp(c->m->rcpt[i], addr) == 0)
			return 1;
	return 0;
}

static int test_render_card_fold_is(const struct msg *m, int i, const char *name)
{
	size_t nl = 0;
	const char *n = msg_field_name(m, i, &nl);
	return strlen(name) == nl && util_strncasecmp(n, name, nl) == 0;
}

/* Review 21, A1: lesson 13's forwarded copy at the university, at "SPF
 * fails" (1.800 s, queued) and after it is stored (1.900 s): the card
 * showed the university's Received line and under it ISP B's
 * Delivered-To, Authentication-Results and a green "Received-SPF: Pass",
 * the university's own fields (Received-SPF: Fail) scrolled off the top.
 * Every field above and including the top Received line (the receiving
 * server's) is drawn whole, and the envelope too. */
Test(render_card_fold, a_forwarded_copy_shows_the_receiving_servers_fields)
{
	static const struct {
		int64_t t;
		int w, h, lang;
	} at[] = {
		{ 1900000, 1920, 1080, LANG_EN }, { 1800000, 1920, 1080, LANG_JA },
		{ 1900000, 1920, 1080, LANG_JA }, { 1800000, 1920, 1080, LANG_EN },
	};
	for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
		struct render_app *a = test_render_card_fold_at("scenarios/13-dkim-dmarc.json", at[k].t, at[k].w,
		                                                at[k].h, at[k].lang, 0);
		struct sim_copy cp;
		int focus = render_view_focus_msg(a);
		cr_assert(focus >= 0 && render_view_copy_of(a, focus, &cp) == 0, "%d: no copy in focus", (int)k);
		cr_assert(test_render_card_fold_for(&cp, "carol@univ.example"), "%d: not the university's copy",
		          (int)k);
		cr_expect(test_render_util_card_shown(a, -1), "%d: the envelope is not in view", (int)k);
		int spf = 0;
		for (int i = 0; i < cp.m->nfields; i++) {
			if (test_render_card_fold_is(cp.m, i, "X-Original-To"))
				continue;   /* not shown on the card */
			cr_expect(test_render_util_card_shown(a, i), "%.3f s %s: field %d of the university's copy not in view",
			          (double)at[k].t / 1e6, at[k].lang == LANG_EN ? "en" : "ja", i);
			spf |= test_render_card_fold_is(cp.m, i, "Received-SPF");
			if (test_render_card_fold_is(cp.m, i, "Received"))
				break;
		}
		cr_expect(spf, "%d: no Received-SPF of the university's above its Received line", (int)k);
		render_app_free(a);
	}
}

/* Review 21, B4: lesson 10's "the backup keeps it queued" (31.454 s) in
 * presenter mode at 1920 x 1080 had the card begin at "Header", the
 * envelope scrolled off; at 121.810 s at 1280 x 720 it began at
 * Delivered-To, the Return-Path off the top and nothing saying so.  The
 * envelope stays in view; a field of the header above the first one in
 * view means the "more above" strip is drawn; and at 121.810 s ("the
 * three Received lines tell the way") the three Received lines are in
 * view, the older two folded to a line each. */
Test(render_card_fold, the_envelope_stays_and_a_scrolled_card_says_so)
{
	static const struct {
		int64_t t;
		int w, h, lang, received;
	} at[] = {
		{ 31454000, 1920, 1080, LANG_EN, 0 }, { 31454000, 1920, 1080, LANG_JA, 0 },
		{ 121810000, 1280, 720, LANG_JA, 3 }, { 121810000, 1280, 720, LANG_EN, 3 },
	};
	for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
		struct render_app *a = test_render_card_fold_at("scenarios/10-mx-backup.json", at[k].t, at[k].w, at[k].h,
		                                                at[k].lang, 1);
		struct sim_copy cp;
		int focus = render_view_focus_msg(a);
		cr_assert(focus >= 0 && render_view_copy_of(a, focus, &cp) == 0, "%d: no copy in focus", (int)k);
		cr_expect(test_render_util_card_shown(a, -1), "%.3f s %dx%d: the envelope is not in view",
		          (double)at[k].t / 1e6, at[k].w, at[k].h);
		int first = -1, received = 0;
		for (int i = 0; i < cp.m->nfields; i++)
			if (test_render_util_card_shown(a, i)) {
				first = first < 0 ? i : first;
				received += test_render_card_fold_is(cp.m, i, "Received");
			}
		cr_assert_geq(first, 0, "%d: no header field in view", (int)k);
		static const char *const shown[] = { "Received", "Return-Path", "Delivered-To", "From", "To", "Subject" };
		int above = 0;
		for (int i = 0; i < first; i++)
			for (size_t j = 0; j < sizeof shown / sizeof *shown; j++)
				above |= test_render_card_fold_is(cp.m, i, shown[j]);
		if (above)
			cr_expect_gt(a->card_more.h, 0, "%.3f s %dx%d: fields above the card's first line, no mark",
			             (double)at[k].t / 1e6, at[k].w, at[k].h);
		cr_expect_geq(received, at[k].received, "%.3f s %dx%d: %d Received lines in view", (double)at[k].t / 1e6,
		              at[k].w, at[k].h, received);
		render_app_free(a);
	}
}

/* Review 21, C1: lesson 14 at 130.182 s ("Alice's password crossed the
 * Wi-Fi") the card showed m5, Carol's mail to Bob, while the row is
 * Alice's POP3 login to ISP C's old server, which holds no mail.  No
 * message is in focus there; Bob's login to ISP B's server, which holds
 * his mail, keeps one (20.078 s). */
Test(render_card_fold, an_empty_session_shows_no_letter)
{
	for (int lang = LANG_JA; lang <= LANG_EN; lang++) {
		struct render_app *a = test_render_card_fold_at("scenarios/14-secure-retrieval.json", 130182000, 1280, 720,
		                                                lang, 1);
		cr_expect(render_view_empty_session(a), "lang %d: Alice's login is not an empty session", lang);
		cr_expect_eq(render_view_focus_msg(a), -1, "lang %d: the card shows a message", lang);
		cr_expect_eq(a->card_body.h, 0, "lang %d: a card body is drawn", lang);
		render_app_free(a);
		a = test_render_card_fold_at("scenarios/14-secure-retrieval.json", 20078000, 1280, 720, lang, 1);
		cr_expect(!render_view_empty_session(a), "lang %d: Bob's login is taken for an empty session", lang);
		render_app_free(a);
		/* At 20.000 s the latest row is what the eavesdropper saw of
		 * the SYN, which names Bob's laptop only: the server it goes to
		 * holds his mail all the same. */
		a = test_render_card_fold_at("scenarios/14-secure-retrieval.json", 20000000, 1280, 720, lang, 1);
		cr_expect(!render_view_empty_session(a), "lang %d: Bob's SYN to ISP B is taken for an empty session", lang);
		render_app_free(a);
		/* Review 22, A1: in lesson 01b the MRA runs on its own server,
		 * pop.ispb.example, and reads the mailboxes kept on the MDA's;
		 * Bob's login there is not empty: m1 is about to be downloaded. */
		a = test_render_card_fold_at("scenarios/01b-agents.json", 30035000, 1280, 720, lang, 1);
		cr_expect(!render_view_empty_session(a), "lang %d: 01b: Bob's login to the MRA server is taken for empty", lang);
		cr_expect_geq(render_view_focus_msg(a), 0, "lang %d: 01b: the card shows no message at the login", lang);
		render_app_free(a);
	}
}

/* Review 22 C2: a card block (a field, a folded trace line, a row of an
 * Authentication-Results) is drawn whole or not at all: at lesson 09's
 * 2.194 s in Japanese presenter mode the red "dmarc=fail" row had shown
 * its upper half at the panel's foot.  The rule, at the edges... */
Test(render_card_fold, a_block_is_drawn_whole_or_not_at_all)
{
	struct render_app a = { 0 };
	SDL_Rect rc = { 0, 100, 300, 200 };   /* rows 100 .. 299 */
	cr_expect(render_card_draws(&a, rc, 100, 50), "a block at the top");
	cr_expect(render_card_draws(&a, rc, 250, 50), "a block flush with the foot");
	cr_expect_eq(a.card_end, 300);
	cr_expect(!render_card_draws(&a, rc, 260, 50), "a block cut at the foot is drawn");
	cr_expect(render_card_draws(&a, rc, 80, 50), "a block scrolled past the top is left out");
	cr_expect(render_card_draws(&a, rc, 90, 400), "a block taller than the panel, from its top, is left out");
	cr_expect(!render_card_draws(&a, rc, 20, 50), "a block above the panel is drawn");
	cr_expect(!render_card_draws(&a, rc, 310, 10), "a block below the panel is drawn");
	cr_expect_eq(a.card_end, 490);
}

/* ... and in the frames review 22 named: nothing drawn past the body's
 * foot, and the card says it goes on ("▼ more below" where there is room,
 * else the wheel's rule). */
Test(render_card_fold, a_full_card_says_it_goes_on)
{
	static const struct {
		const char *lesson;
		int64_t t;
		int w, h;
	} at[] = {
		{ "scenarios/09-botnet-scale.json", 2194000, 1920, 1080 },
		{ "scenarios/05-envelope-bcc-forward.json", 60455000, 1920, 1080 },
		{ "scenarios/01-basic-flow.json", 80070000, 1920, 1080 },
	};
	for (size_t k = 0; k < sizeof at / sizeof at[0]; k++)
		for (int lang = LANG_JA; lang <= LANG_EN; lang++) {
			if (!test_render_util_thin(k * 2 + (size_t)lang))
				continue;
			struct render_app *a = test_render_card_fold_at(at[k].lesson, at[k].t, at[k].w, at[k].h, lang, 1);
			SDL_Rect b = a->card_body;
			cr_assert_gt(b.h, 0, "%s: no card body", at[k].lesson);
			cr_expect_leq(a->card_end, b.y + b.h, "%s lang %d: a block runs %d px past the card's foot",
			              at[k].lesson, lang, a->card_end - (b.y + b.h));
			if (a->card_below.h > 0)
				cr_expect_geq(a->card_below.y, a->card_end, "%s lang %d: the strip covers a block",
				              at[k].lesson, lang);
			render_app_free(a);
		}
}

/* Review 24 B3: lesson 05 in presenter mode at 1920 x 1080.  At 60.455 s
 * the caption says Carol's mail program shows the mail as from 「社長」,
 * the clues being the Return-Path and the Received lines; at 100.455 s
 * the mail reaches Dave although its header To is
 * "undisclosed-recipients:;".  The card had scrolled From: 社長 and
 * To: undisclosed-recipients:; out of view (and at 100.455 s left a
 * blank under Delivered-To, where a whole Received line did not fit).
 * At a delivery the reader's From and To are in view with the fields the
 * moment names (the Return-Path, the Received lines folded to a line
 * each; the Subject may yield), and the card leaves no blank of more than
 * a line above its "more below" strip. */
Test(render_card_fold, a_delivery_keeps_from_to_and_subject)
{
	static const struct {
		int64_t t;
		int w, h, lang;
	} at[] = {
		{ 60455000, 1920, 1080, LANG_JA }, { 100455000, 1920, 1080, LANG_JA },
		{ 60455000, 1280, 720, LANG_EN }, { 100455000, 1280, 720, LANG_JA },
		{ 100455000, 1920, 1080, LANG_EN }, { 60455000, 1280, 720, LANG_JA },
	};
	static const char *const want[] = { "From", "To", "Return-Path", "Received" };
	for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
		if (!test_render_util_thin(k))
			continue;
		struct render_app *a = test_render_card_fold_at("scenarios/05-envelope-bcc-forward.json", at[k].t,
		                                                at[k].w, at[k].h, at[k].lang, 1);
		char what[96];
		snprintf(what, sizeof what, "%.3f s %dx%d %s", (double)at[k].t / 1e6, at[k].w, at[k].h,
		         at[k].lang == LANG_EN ? "en" : "ja");
		struct sim_copy cp;
		int focus = render_view_focus_msg(a);
		cr_assert(focus >= 0 && render_view_copy_of(a, focus, &cp) == 0, "%s: no copy in focus", what);
		cr_expect(test_render_util_card_shown(a, -1), "%s: the envelope is not in view", what);
		for (size_t j = 0; j < sizeof want / sizeof *want; j++) {
			int found = 0, shown = 0;
			for (int i = 0; i < cp.m->nfields; i++)
				if (test_render_card_fold_is(cp.m, i, want[j])) {
					found = 1;
					shown |= test_render_util_card_shown(a, i);
				}
			cr_expect(found && shown, "%s: %s: not in view", what, want[j]);
		}
		if (a->card_below.h > 0) {
			int lh = render_font_line_height(a->font, RENDER_FONT_MONO, a->panels.px_small);
			cr_expect_leq(a->card_below.y - a->card_end, lh, "%s: %d px blank above \"more below\"", what,
			              a->card_below.y - a->card_end);
		}
		render_app_free(a);
	}
}

/* A scrolled card leaves no blank room at its foot: a field of several
 * lines may be scrolled by a line of it, where the next field had been
 * the nearest place to scroll to (lesson 05 stopped at the caption on
 * Carol's RCPT TO, 720p presenter: the Received line scrolled away whole
 * while the caption says the header travels unchanged, and three lines'
 * room blank under Date). */
Test(render_card_fold, a_scrolled_card_leaves_no_room_at_its_foot)
{
	for (int z = 0; z < 4; z++) {
		struct render_app *a = test_render_util_app_mode("scenarios/05-envelope-bcc-forward.json",
		                                                 z & 2 ? LANG_EN : LANG_JA, z & 1 ? 1920 : 1280,
		                                                 z & 1 ? 1080 : 720, 1);
		a->quiz.off = 1;
		render_control_run_to(a, 1437000);
		render_pace_next_caption(a);
		render_app_draw(a);
		cr_assert_eq(sim_now(render_app_sim(a)), 1438000);
		int lh = render_font_line_height(a->font, RENDER_FONT_MONO, a->panels.px_mono);
		int foot = a->card_body.y + a->card_body.h - a->card_end;
		if (a->card_more.h > 0 && a->card_below.h == 0)
			cr_expect_lt(foot, 2 * lh, "%dx%d %s: scrolled, and %d px blank at the card's foot", a->w, a->h,
			             z & 2 ? "en" : "ja", foot);
		render_app_free(a);
	}
}

/* With no room at the card's foot for "▼ more below", a short "▼ more"
 * tab says the card goes on, beside its last line, not over it (lesson
 * 09 at 2.5 s, 720p presenter: only a 3 px bar had said so). */
Test(render_card_fold, a_card_without_room_for_the_strip_has_a_tab)
{
	struct render_app *a = test_render_card_fold_at("scenarios/09-botnet-scale.json", 2500000, 1280, 720, LANG_EN, 1);
	cr_assert_eq(a->card_below.h, 0, "the strip had room after all");
	cr_assert_gt(a->card_tab.h, 0, "no tab says the card goes on");
	cr_expect_geq(a->card_tab.x, a->card_end_right, "the tab covers the last line's text");
	cr_expect_leq(a->card_tab.y + a->card_tab.h, a->card_body.y + a->card_body.h + 1, "the tab hangs below the card");
	render_app_free(a);
}

/* Stopped at the caption after at (µs) of lesson, in presenter mode at
 * w x h in lang: is header field name in the card's view? */
static int test_render_card_fold_shown_at(const char *lesson, int64_t at, int lang, int w, int h, const char *name)
{
	struct render_app *a = test_render_util_app_mode(lesson, lang, w, h, 1);
	a->quiz.off = 1;
	render_control_run_to(a, at);
	render_pace_next_caption(a);
	render_app_draw(a);
	struct sim_copy cp;
	int focus = render_view_focus_msg(a);
	cr_assert(focus >= 0 && render_view_copy_of(a, focus, &cp) == 0, "no copy in focus");
	int shown = 0;
	for (int i = 0; i < cp.m->nfields; i++)
		shown |= test_render_card_fold_is(cp.m, i, name) && test_render_util_card_shown(a, i);
	render_app_free(a);
	return shown;
}

/* DMARC judges the header From, so a refusal by DMARC keeps it in view:
 * lesson 13 stopped at "it refuses the mail with 550 at the end of DATA"
 * (100.558 s, presenter, beside the sender checks) showed the Header
 * heading over blank room, the forged From out of view. */
Test(render_card_fold, a_dmarc_refusal_shows_the_from_it_judged)
{
	for (int lang = 0; lang < 2; lang++)
		cr_expect(test_render_card_fold_shown_at("scenarios/13-dkim-dmarc.json", 100557000, lang ? LANG_EN : LANG_JA,
		                                         1920, 1080, "From"),
		          "%s: the From DMARC judged is not in view", lang ? "en" : "ja");
}

/* A verdict's own row: the server has not written its
 * Authentication-Results yet, so a caption's "dmarc=pass" must not bring
 * an earlier server's into view in place of the From DMARC judged
 * (lesson 13 at 1.800 s, the university's DMARC: the card showed ISP B's
 * "Authentication-Results: mail.ispb.example; dmarc=pass", From out of
 * view).  An S/MIME verdict compares the signer with the header From, and
 * its caption says so ("the signer is Alice, the same as the header
 * From"): the From stays in view beside the MIME tree the card shows for
 * an S/MIME mail (lesson 11 at 25.287 s, 1080p presenter en: it had been
 * scrolled out above the tree). */
Test(render_card_fold, a_verdict_shows_the_from_it_judges)
{
	for (int c = 0; c < 4; c++) {
		int lang = c & 1 ? LANG_EN : LANG_JA, w = c & 2 ? 1920 : 1280, h = c & 2 ? 1080 : 720;
		const char *l = lang == LANG_EN ? "en" : "ja";
		cr_expect(test_render_card_fold_shown_at("scenarios/13-dkim-dmarc.json", 1799000, lang, w, h, "From"),
		          "13 %dx%d %s: the From DMARC judged is not in view", w, h, l);
		cr_expect(!test_render_card_fold_shown_at("scenarios/13-dkim-dmarc.json", 1799000, lang, w, h,
		                                          "Authentication-Results"),
		          "13 %dx%d %s: an earlier server's Authentication-Results is in view", w, h, l);
		cr_expect(test_render_card_fold_shown_at("scenarios/11-smime.json", 25286000, lang, w, h, "From"),
		          "11 %dx%d %s: the From the verdict compares is not in view", w, h, l);
	}
}
