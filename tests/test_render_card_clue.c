/* test_render_card_clue — the letter card brings into view what the
 * caption names when it lies below the fold, in both modes (issue 11,
 * review 23: B8, B13): the signature DMARC used, the hop a forwarded mail
 * came through, the S/MIME ciphertext part. */
#include <criterion/criterion.h>
#include <string.h>

#include "msg.h"
#include "render_app.h"
#include "render_control.h"
#include "render_pace.h"
#include "render_view.h"
#include "test_render_util.h"

/* The card's copy of the focus message at moment t of lesson, in
 * configuration z (bit 0: 1920 x 1080, bit 1: English, bit 2: presenter). */
static struct render_app *test_render_card_clue_at(const char *lesson, int z, int64_t t, struct sim_copy *cp)
{
	struct render_app *a = test_render_util_app_mode(lesson, z & 2 ? LANG_EN : LANG_JA, z & 1 ? 1920 : 1280,
							  z & 1 ? 1080 : 720, z >> 2);
	a->quiz.off = 1;
	render_control_run_to(a, t);
	render_app_draw(a);
	int focus = render_view_focus_msg(a);
	cr_assert_geq(focus, 0, "a letter in focus at %.3f s", (double)t / 1e6);
	cr_assert_eq(render_view_copy_of(a, focus, cp), 0);
	return a;
}

/* The index of the first field name whose value contains has (NULL: any). */
static int test_render_card_clue_field(const struct msg *m, const char *name, const char *has)
{
	for (int i = 0; i < m->nfields; i++) {
		size_t nl = 0, vl = 0;
		const char *n = msg_field_name(m, i, &nl);
		const char *v = msg_field_value(m, i, &vl);
		if (nl != strlen(name) || strncmp(n, name, nl) != 0)
			continue;
		size_t hl = has ? strlen(has) : 0;
		for (size_t k = 0; k + hl <= vl; k++)
			if (!has || strncmp(v + k, has, hl) == 0)
				return i;
	}
	return -1;
}

/* In every configuration (one in N under the sanitizers), at t in lesson:
 * the card shows whole the first field name whose value has has (NULL:
 * any), which the focused copy must carry (what names it). */
static void test_render_card_clue_in_view(const char *lesson, int64_t t, const char *name, const char *has,
					  const char *what)
{
	for (int z = 0; z < 8; z++) {
		if (!test_render_util_thin((size_t)z))
			continue;
		struct sim_copy cp;
		struct render_app *a = test_render_card_clue_at(lesson, z, t, &cp);
		int i = test_render_card_clue_field(cp.m, name, has);
		cr_assert_geq(i, 0, "the copy in focus carries %s", what);
		cr_expect(test_render_util_card_shown(a, i), "%dx%d%s %s: %s (field %d) is not in view", a->w, a->h,
			  a->presenter ? " presenter" : "", z & 2 ? "en" : "ja", what, i);
		render_app_free(a);
	}
}

/* Lesson 13 at 70.442 s: "The d=shop.example signature passes and aligns
 * with shop.example in the From": the card is to show that signature (in
 * presenter mode it showed the other signer's, d=esp.example, and had
 * scrolled d=shop.example out of view). */
Test(render_card_clue, the_signature_the_caption_names_is_in_view)
{
	test_render_card_clue_in_view("scenarios/13-dkim-dmarc.json", 70442000, "DKIM-Signature", "d=shop.example",
				      "the d=shop.example signature");
}

/* Lesson 13 at 1.688 s: "② Forwarding: the university's server sees ISP
 * B's server as the client": the newest Received line (highlighted, ISP B
 * taking the mail from corp) is in view; the presenter card showed only
 * Authentication-Results. */
Test(render_card_clue, the_forwarding_hop_is_in_view)
{
	test_render_card_clue_in_view("scenarios/13-dkim-dmarc.json", 1688000, "Received", NULL, "the top Received");
}

/* Lesson 11 at 8.579 s (the ciphertext an administrator would see): the
 * MIME tree is in view above the "▼ more below" strip, which had covered
 * its application/pkcs7-mime line in presenter mode. */
Test(render_card_clue, the_ciphertext_part_is_not_under_the_more_below_strip)
{
	for (int z = 0; z < 8; z++) {
		if (!test_render_util_thin((size_t)z))
			continue;
		struct sim_copy cp;
		struct render_app *a = test_render_card_clue_at("scenarios/11-smime.json", z, 8579000, &cp);
		SDL_Rect e = a->card_evidence, b = a->card_body;
		const char *mode = a->presenter ? " presenter" : "";
		cr_assert_gt(e.h, 0, "%dx%d%s: the MIME tree is the evidence", a->w, a->h, mode);
		cr_expect(e.y >= b.y && e.y + e.h <= b.y + b.h, "%dx%d%s: the tree %d..%d is outside the card %d..%d", a->w,
			  a->h, mode, e.y, e.y + e.h, b.y, b.y + b.h);
		cr_expect(a->card_below.h == 0 || e.y + e.h <= a->card_below.y + 2,
			  "%dx%d%s: the tree ends at %d, under the \"more below\" strip at %d", a->w, a->h, mode, e.y + e.h,
			  a->card_below.y);
		render_app_free(a);
	}
}

/* The card's MIME tree whole inside its body, in every configuration (one
 * in N under the sanitizers), stopped at the caption after from (as the
 * window, pausing at captions, stops there). */
static void test_render_card_clue_tree_whole(const char *lesson, int64_t from, const char *what)
{
	for (int z = 0; z < 8; z++) {
		if (!test_render_util_thin((size_t)z))
			continue;
		struct render_app *a = test_render_util_app_mode(lesson, z & 2 ? LANG_EN : LANG_JA, z & 1 ? 1920 : 1280,
		                                                 z & 1 ? 1080 : 720, z >> 2);
		a->quiz.off = 1;
		render_control_run_to(a, from);
		render_pace_next_caption(a);
		render_app_draw(a);
		SDL_Rect e = a->card_evidence, b = a->card_body;
		const char *mode = a->presenter ? " presenter" : "";
		cr_expect_gt(e.h, 0, "%dx%d%s %s: no MIME tree as the evidence", a->w, a->h, mode, what);
		cr_expect(e.y >= b.y && e.y + e.h <= b.y + b.h, "%dx%d%s %s: the tree %d..%d is outside the card %d..%d",
		          a->w, a->h, mode, what, e.y, e.y + e.h, b.y, b.y + b.h);
		/* a part of it to click, whole in the card */
		const struct render_app_hitbox *part = render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_MIME, -1);
		cr_expect(part && part->rc.y >= b.y && part->rc.y + part->rc.h <= b.y + b.h,
		          "%dx%d%s %s: no part of the MIME tree to click in the card", a->w, a->h, mode, what);
		render_app_free(a);
	}
}

/* Lesson 11 at 1.454 s: "select m0 and click its text/plain part under
 * "MIME structure" in the card": the card ended at From: (1920 x 1080
 * presenter) or Subject:, and the part the class is sent to click was out
 * of view. */
Test(render_card_clue, the_mime_tree_the_caption_sends_the_class_to_is_in_view)
{
	test_render_card_clue_tree_whole("scenarios/11-smime.json", 1453000, "m0's text/plain part");
}

/* Lesson 11 at 8.125 s, 1280 x 720 presenter ja: the card was 14 px
 * taller than its body, less than scrolling gains (the envelope's
 * heading less the "more above" strip), so it did not scroll, and the
 * application/pkcs7-mime line was cut in half by the panel's foot. */
Test(render_card_clue, a_card_a_little_too_tall_scrolls_rather_than_cut_its_tree)
{
	test_render_card_clue_tree_whole("scenarios/11-smime.json", 8124000, "the enveloped-data part");
}
