/* test_render_smime — S/MIME in the window, off-screen: a mail program's
 * steps are not skipped as idle time while they play, the letter card's
 * MIME parts show their raw data on a click, the reader's layers appear
 * once the reader has opened the mail, the inspector names ciphertext and
 * certificates for what they are, and the compose dialog can sign and
 * encrypt (only where the lesson has keys). */
#include <criterion/criterion.h>

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "narrate.h"
#include "render_app.h"
#include "render_control.h"
#include "render_mime.h"
#include "render_pace.h"
#include "render_smime.h"
#include "render_topology.h"
#include "render_view.h"
#include "test_render_util.h"
#include "test_util.h"
#include "trace_smime.h"

#define TEST_RENDER_SMIME_LESSON "scenarios/11-smime.json"

Test(render_smime, the_steps_play_at_their_pace_and_the_last_one_stays_a_while)
{
	struct render_app *a = test_render_util_app(TEST_RENDER_SMIME_LESSON, LANG_EN, 1280, 720);
	/* Between Alice's signing steps: busy, so playing moves on at 1x and
	 * does not jump to the next event. */
	render_control_run_to(a, 8025000 + 5000);
	cr_expect(render_smime_busy(a));
	render_app_draw(a);
	a->playing = 1;
	int64_t t0 = sim_now(render_app_sim(a));
	render_control_tick(a, 0.1);
	int64_t dt = sim_now(render_app_sim(a)) - t0;
	cr_expect(dt > 0 && dt < TRACE_SMIME_STEP_US / 2, "moved %lld us in 0.1 s", (long long)dt);
	/* Long after Bob's verdict on m1 the next event is 15 s away: idle. */
	render_control_run_to(a, 25287000 + 4 * TRACE_SMIME_STEP_US);
	cr_expect(!render_smime_busy(a));
	a->playing = 1;
	render_control_tick(a, 0.05);
	cr_expect_geq(sim_now(render_app_sim(a)), 40000000, "the idle wait is skipped");
	render_app_free(a);
}

/* The card's clickable parts for the message in focus. */
static int test_render_smime_parts(struct render_app *a)
{
	int n = 0;
	for (size_t i = 0; i < a->nhits; i++)
		n += a->hits[i].kind == RENDER_APP_HIT_BUTTON && a->hits[i].a == RENDER_APP_BTN_MIME;
	return n;
}

Test(render_smime, the_card_shows_parts_their_raw_data_and_the_readers_layers)
{
	struct render_app *a = test_render_util_app(TEST_RENDER_SMIME_LESSON, LANG_JA, 1920, 1080);
	struct sim *s = render_app_sim(a);
	/* m1 on its way: one part, the ciphertext. */
	render_control_run_to(a, 9000000);
	render_app_select(a, RENDER_APP_SEL_MSG, sim_ledger_find(s, "m1"));
	render_app_draw(a);
	cr_expect_eq(test_render_smime_parts(a), 1);
	cr_expect_eq(render_mime_shown(a), -1);
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_MIME, 0));
	cr_expect_eq(render_mime_shown(a), 0, "a click shows the base64");
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_MIME, 0));
	cr_expect_eq(render_mime_shown(a), -1, "a second click hides it");
	/* Once Bob's mail program has decrypted the body (25.187 s, the caption
	 * "inside is the signed mail"), before the signature is checked, but
	 * not at the unwrapping just before: the envelope, then the signed text
	 * and the signature found inside (the multipart holding them is not a
	 * part to click). */
	render_control_run_to(a, 25172000);
	render_app_draw(a);
	cr_expect_eq(test_render_smime_parts(a), 1, "only the ciphertext before the body is decrypted");
	render_control_run_to(a, 25192000);
	render_app_draw(a);
	cr_expect_eq(test_render_smime_parts(a), 3, "what decryption revealed, at the caption that says so");
	render_control_run_to(a, 26000000);
	render_app_draw(a);
	cr_expect_eq(test_render_smime_parts(a), 3);
	render_app_free(a);
}

Test(render_smime, the_inspector_names_ciphertext_and_certificates)
{
	struct render_app *a = test_render_util_app(TEST_RENDER_SMIME_LESSON, LANG_EN, 1280, 720);
	render_control_run_to(a, 20000000);
	struct sim *s = render_app_sim(a);
	struct sim_copy cp[64];
	size_t n = sim_copy_list(s, cp, 64);
	int seen = 0;
	for (size_t i = 0; i < n; i++) {
		if (!cp[i].m || cp[i].holder != HOLD_MAILBOX)
			continue;
		struct sbuf b = { 0 };
		int m1 = cp[i].m->ledger == sim_ledger_find(s, "m1");
		int m0 = cp[i].m->ledger == sim_ledger_find(s, "m0");
		int rc = render_mime_body_text(a, cp[i].m, &b);
		if (m1) {
			cr_expect_eq(rc, 0);
			cr_expect(strstr(b.s, "[ciphertext:") && !strstr(b.s, "1,200,000"), "%s", b.s);
			seen |= 1;
		}
		if (m0) {
			cr_expect_eq(rc, -1, "a plain text mail is shown as before");
			seen |= 2;
		}
		sbuf_free(&b);
	}
	cr_expect_eq(seen, 3);
	struct sbuf c = { 0 };
	render_smime_cert_text(a, scenario_find_user(a->sc, "alice@ispa.example"), &c);
	cr_expect(strstr(c.s, "alice@ispa.example") && strstr(c.s, "mailsim Lesson CA") &&
	          strstr(c.s, "Why it can be trusted") && strstr(c.s, "2048 bits"), "%s", c.s);
	sbuf_reset(&c);
	render_smime_cert_text(a, scenario_find_user(a->sc, "eve@ispa.example"), &c);
	cr_expect(strstr(c.s, "Unknown CA") && strstr(c.s, "Beware"), "%s", c.s);
	sbuf_reset(&c);
	render_smime_cert_text(a, scenario_find_user(a->sc, "carol@ispb.example"), &c);
	cr_expect(strstr(c.s, "Private key: not in the mail program"), "%s", c.s);
	sbuf_free(&c);
	render_app_free(a);
}

Test(render_smime, compose_signs_and_encrypts_where_the_lesson_has_keys)
{
	struct render_app *plain = test_render_util_app("scenarios/01-basic-flow.json", LANG_EN, 1280, 720);
	render_compose_open(plain, -1);
	render_app_draw(plain);
	cr_expect_null(render_app_hit_find(plain, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_SIGN, -1),
	               "no S/MIME switch without keys");
	render_app_free(plain);

	struct render_app *a = test_render_util_app(TEST_RENDER_SMIME_LESSON, LANG_JA, 1280, 720);
	render_control_run_to(a, 110000000);
	render_compose_open(a, scenario_find_host(a->sc, "bob-pc"));
	render_app_draw(a);
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_SIGN, -1));
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_ENCRYPT, -1));
	cr_expect(a->compose.sign && a->compose.encrypt);
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_SEND, -1));
	size_t na = 0;
	const struct sim_action *log = timeline_actions(a->tl, &na);
	cr_assert_eq(na, 1);
	cr_expect(log[0].compose.sign && log[0].compose.encrypt);
	render_control_run_to(a, 111000000);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	int wrapped = 0;
	for (size_t i = 0; i < n; i++)
		wrapped += tr[i].kind == TR_SMIME && tr[i].u.smime.step == TRACE_SMIME_WRAP &&
		           !strcmp(scenario_node_id(a->sc, tr[i].node), "bob-pc");
	cr_expect_eq(wrapped, 1, "Bob's mail program encrypted the composed mail");
	render_app_free(a);
}

/* Not only in an S/MIME lesson: a bounce's card shows its three parts
 * (lesson 06's caption explains them: for people, for programs, the
 * undelivered mail), a mail of one part shows no tree. */
Test(render_smime, a_bounce_shows_its_three_parts)
{
	struct render_app *a = test_render_util_app("scenarios/06-bounce-backscatter.json", LANG_EN, 1280, 720);
	struct sim *s = render_app_sim(a);
	render_control_run_to(a, 1477000);
	render_app_select(a, RENDER_APP_SEL_MSG, sim_ledger_find(s, "m1.bounce"));
	render_app_draw(a);
	int parts = test_render_smime_parts(a);
	cr_expect_eq(parts, 3, "the three parts of multipart/report: %d", parts);
	render_app_select(a, RENDER_APP_SEL_MSG, sim_ledger_find(s, "m1"));
	render_app_draw(a);
	cr_expect_eq(test_render_smime_parts(a), 0, "a plain text mail has no tree to show");
	render_app_free(a);
}

Test(render_smime, letters_keep_off_the_bubbles)
{
	/* Presenter mode at 1280 x 720: the letters are drawn after the
	 * bubbles, so a letter on a bubble hid its words ("the private ke▮ of
	 * alice" at 8.05 s, the rewritten account number "76▮21" at 40.339 s).
	 * No letter lies on a bubble. */
	static const int64_t at[] = { 8050000, 40339000 };
	for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
		struct render_app *a = test_render_util_app(TEST_RENDER_SMIME_LESSON, LANG_EN, 1280, 720);
		a->quiz.off = 1;
		a->presenter = 1;
		render_control_run_to(a, at[k]);
		render_app_draw(a);
		cr_assert_gt(a->nsmime_bubble, 0, "%.3f s: no bubble", (double)at[k] / 1e6);
		int letters = 0;
		for (size_t i = 0; i < a->nhits; i++) {
			const struct render_app_hitbox *h = &a->hits[i];
			if (h->kind != RENDER_APP_HIT_MSG || !SDL_HasIntersection(&h->rc, &a->panels.topo))
				continue;
			letters++;
			for (int b = 0; b < a->nsmime_bubble; b++)
				cr_expect_not(SDL_HasIntersection(&h->rc, &a->smime_bubble[b]),
					      "%.3f s: a letter at %d,%d lies on the bubble at %d,%d %dx%d", (double)at[k] / 1e6,
					      h->rc.x, h->rc.y, a->smime_bubble[b].x, a->smime_bubble[b].y, a->smime_bubble[b].w,
					      a->smime_bubble[b].h);
		}
		cr_assert_gt(letters, 0, "no letters on the map");
		render_app_free(a);
	}
}

/* A verdict's bubble keeps off the map's still things as the other labels
 * do: in presenter mode it covered the networks' names and "ISP B's
 * border router" (lesson 11 at 1920 x 1080 and 1280 x 720).  At each
 * moment a reader's verdict is shown, in both sizes and languages, no
 * bubble lies on a host's or router's box, a rule chip, a mailbox's trays
 * or a network's name or range. */
Test(render_smime, bubbles_keep_off_names)
{
	static const int64_t at[] = { 8050000, 25287000, 40339000, 75212000, 75337000, 75437000, 105162000 };
	static const int size[2][2] = { { 1920, 1080 }, { 1280, 720 } };
	struct sbuf b = { 0 };
	int bad = 0, bubbles = 0;
	for (int c = 0; c < 4; c++) {
		if (!test_render_util_thin((size_t)c))
			continue;
		int lang = c & 1 ? LANG_EN : LANG_JA, w = size[c >> 1][0], h = size[c >> 1][1];
		struct render_app *a = test_render_util_app(TEST_RENDER_SMIME_LESSON, lang, w, h);
		a->quiz.off = 1;
		a->presenter = 1;
		for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
			render_control_run_to(a, at[k]);
			render_app_draw(a);
			bubbles += a->nsmime_bubble;
			for (int n = 0; n < a->nsmime_bubble; n++)
				for (size_t i = 0; i < a->place->nlab; i++) {
					const struct render_topology_label *l = &a->place->lab[i];
					SDL_Rect bu = a->smime_bubble[n];
					if (l->kind == RENDER_TOPOLOGY_PILE || !SDL_HasIntersection(&bu, &l->rc))
						continue;
					sbuf_addf(&b, "  %dx%d %s at %.3f s: the bubble at %d,%d %dx%d covers %s at %d,%d %dx%d\n", w, h,
						  lang == LANG_EN ? "en" : "ja", (double)at[k] / 1e6, bu.x, bu.y, bu.w, bu.h,
						  render_topology_kind_names[l->kind], l->rc.x, l->rc.y, l->rc.w, l->rc.h);
					bad++;
				}
		}
		render_app_free(a);
	}
	cr_expect_gt(bubbles, 0, "no bubbles drawn");
	cr_expect_eq(bad, 0, "%d bubbles cover names or boxes:\n%s", bad, b.s ? b.s : "");
	sbuf_free(&b);
}

/* Lesson 11 at 25.287 s in presenter mode at 1280 x 720: Bob's mail
 * program's verdict has no free place by his PC on the map and docks in
 * the right column, away from what it is about; it said "Bob's PC" and
 * the verdict, not which mail.  A docked bubble names its host and the
 * message (m1, as the card's title does) and lies on no other panel. */
Test(render_smime, a_docked_verdict_names_its_message)
{
	static const int size[2][2] = { { 1280, 720 }, { 1920, 1080 } };
	struct sbuf b = { 0 };
	int bad = 0, docked = 0, bubbles = 0;
	for (int c = 0; c < 4; c++) {
		int lang = c & 1 ? LANG_EN : LANG_JA, w = size[c >> 1][0], h = size[c >> 1][1];
		struct render_app *a = test_render_util_app_mode(TEST_RENDER_SMIME_LESSON, lang, w, h, 1);
		a->quiz.off = 1;
		render_control_run_to(a, 25287000);
		render_app_draw(a);
		const char *host = render_view_host_name(a, scenario_find_host(a->sc, "bob-pc"));
		const struct render_layout_panels *p = &a->panels;
		const SDL_Rect others[] = { p->topo, p->caption, p->card, p->inspector, p->events, p->transcript };
		static const char *const names[] = { "the map", "the caption", "the card", "the inspector", "the events",
						      "the transcript" };
		bubbles += a->nsmime_bubble;
		for (int n = 0; n < a->nsmime_bubble; n++) {
			SDL_Rect bu = a->smime_bubble[n], ix;
			if (SDL_IntersectRect(&bu, &p->topo, &ix) && SDL_RectEquals(&ix, &bu))
				continue;   /* on the map, by its host */
			docked++;
			const char *head = a->smime_head[n];
			if (!strstr(head, host) || !strstr(head, "m1")) {
				sbuf_addf(&b, "  %dx%d %s: the docked bubble says \"%s\", not %s and m1\n", w, h,
					  lang == LANG_EN ? "en" : "ja", head, host);
				bad++;
			}
			for (size_t k = 0; k < sizeof others / sizeof *others; k++)
				if (others[k].w > 0 && others[k].h > 0 && SDL_HasIntersection(&bu, &others[k])) {
					sbuf_addf(&b, "  %dx%d %s: the docked bubble at %d,%d %dx%d lies on %s\n", w, h,
						  lang == LANG_EN ? "en" : "ja", bu.x, bu.y, bu.w, bu.h, names[k]);
					bad++;
				}
		}
		render_app_free(a);
	}
	cr_expect_gt(bubbles, 0, "no verdict drawn");
	cr_expect_gt(docked, 0, "no bubble docked (the case this test is about)");
	cr_expect_eq(bad, 0, "%d docked bubbles unclear or on other panels:\n%s", bad, b.s ? b.s : "");
	sbuf_free(&b);
}

/* Lesson 11 at 8.125 s in presenter mode at 1920 x 1080 en: the docked
 * bubble said "with the public key of bob@ispb.…", which lost whose key it
 * is.  A bubble's lines under its heading wrap rather than end in "…"
 * (the heading, the mail's subject, may be cut). */
Test(render_smime, a_bubbles_words_wrap_rather_than_cut)
{
	for (int c = 0; c < 4; c++) {
		int lang = c & 1 ? LANG_EN : LANG_JA, big = c >> 1;
		struct render_app *a = test_render_util_app_mode(TEST_RENDER_SMIME_LESSON, lang, big ? 1920 : 1280,
		                                                 big ? 1080 : 720, 1);
		a->quiz.off = 1;
		render_control_run_to(a, 8125000);
		render_app_draw(a);
		cr_assert_gt(a->nsmime_bubble, 0, "no bubble at 8.125 s");
		const SDL_Rect *cut = NULL;
		size_t ncut = render_font_cuts(a->font, &cut);
		for (int n = 0; n < a->nsmime_bubble; n++) {
			SDL_Rect bu = a->smime_bubble[n];
			/* the heading is the top line: the next starts a quarter
			 * of the bubble down at the least (four lines) */
			for (size_t k = 0; k < ncut; k++)
				cr_expect(!SDL_HasIntersection(&cut[k], &bu) || cut[k].y < bu.y + bu.h / 4,
				          "%dx%d %s: a line of the bubble \"%s\" is cut", a->w, a->h, lang == LANG_EN ? "en" : "ja",
				          a->smime_head[n]);
		}
		render_app_free(a);
	}
}

/* Each S/MIME row of the event list names its message: lesson 11 at
 * 75.137 s, "the hash values differ (tampered)" stood right under "Bob's
 * PC fetches s1" and read as s1's; it is d1's. */
Test(render_smime, each_row_names_its_message)
{
	for (int lang = 0; lang < 2; lang++) {
		struct render_app *a = test_render_util_app(TEST_RENDER_SMIME_LESSON, lang ? LANG_EN : LANG_JA, 1280, 720);
		render_control_run_to(a, 80000000);
		size_t n = 0;
		const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
		int rows = 0;
		for (size_t i = 0; i < n; i++) {
			if (tr[i].kind != TR_SMIME || !tr[i].tag)
				continue;
			struct sbuf b = { 0 };
			narrate_tell(a->sc, a->cat[a->lang], RENDER_VIEW_PREFIX, &tr[i], &b);
			char want[64];
			snprintf(want, sizeof want, lang ? "(%s)" : "（%s）", tr[i].tag);
			cr_expect(b.s && strstr(b.s, want), "%s: the row \"%s\" does not name %s", lang ? "en" : "ja",
			          b.s ? b.s : "", tr[i].tag);
			sbuf_free(&b);
			rows++;
		}
		cr_expect_gt(rows, 10, "too few S/MIME rows");
		render_app_free(a);
	}
}

/* Lesson 11 stopped at "The whole signed body is encrypted with this
 * symmetric key" (8.100 s): the card listed the readable text/plain and
 * signature parts as if nothing had happened to them.  It now says, in
 * view under them, that they are being encrypted; not a step before
 * (the session key made) nor once the mail is wrapped (8.125 s). */
Test(render_smime, the_card_says_its_parts_are_being_encrypted)
{
	static const int64_t at[3] = { 8074000, 8099000, 8124000 };
	for (int c = 0; c < 4; c++)
		for (int k = 0; k < 3; k++) {
			int lang = c & 1 ? LANG_EN : LANG_JA, w = c & 2 ? 1920 : 1280, h = c & 2 ? 1080 : 720;
			struct render_app *a = test_render_util_app_at("scenarios/11-smime.json", lang, w, h, 1, at[k]);
			render_pace_next_caption(a);
			render_app_draw(a);
			SDL_Rect n = a->card_sealing, b = a->card_body, x;
			const char *where = lang == LANG_EN ? "en" : "ja";
			if (k != 1) {
				cr_expect_eq(n.h, 0, "%dx%d %s at %.3f s: a note where nothing is being encrypted", w, h, where,
				             (double)at[k] / 1e6);
			} else {
				cr_expect(n.h > 0 && SDL_IntersectRect(&n, &b, &x) && x.h == n.h,
				          "%dx%d %s: the note is not wholly in view (%d,%d %dx%d in %d,%d %dx%d)", w, h, where, n.x,
				          n.y, n.w, n.h, b.x, b.y, b.w, b.h);
			}
			render_app_free(a);
		}
}
