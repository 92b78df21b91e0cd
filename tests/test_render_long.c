/* test_render_long — one mail to 10,000 recipients (a 270 KB To: field, an
 * envelope of 10,000 RCPT TO lines) drawn off-screen: the letter card and
 * the inspector show the long texts shortened ("… and 9,997 more", both
 * languages), a click shows one whole in the inspector and another click
 * shortens it again, and what a frame measures does not grow with the
 * list: the same frame for 1,000 recipients measures as much, and the
 * whole To: is laid out in one linear pass.  No timing: the counts are
 * what the user's seconds come from. */
#include <criterion/criterion.h>

#include <SDL.h>
#include <string.h>

#include "render_app.h"
#include "render_field.h"
#include "render_ui.h"
#include "render_wrap.h"
#include "test_render_util.h"

#define TEST_RENDER_LONG_AT 10000000   /* 10 s: the mail is on its way to the MSA */

/* A session at 1920 x 1080 with lesson 01's first mail going to n
 * recipients, 10 s in. */
static struct render_app *test_render_long_app(int n, int lang)
{
	struct render_app *a = test_render_util_app("scenarios/01-basic-flow.json", lang, 1920, 1080);
	cr_assert_eq(render_app_adopt(a, test_render_util_many_rcpt(n), "many-rcpt.json"), 0);
	render_control_run_to(a, TEST_RENDER_LONG_AT);
	return a;
}

/* The first message's copy on the wire, and the index of its To: field. */
static const struct msg *test_render_long_msg(struct render_app *a, int *to)
{
	struct sim *s = render_app_sim(a);
	struct sim_copy c;
	for (size_t i = 0; i < sim_copy_count(s); i++) {
		if (sim_copy_get(s, i, &c) != 0 || c.m->ledger != 0)
			continue;
		for (int f = 0; f < c.m->nfields; f++) {
			size_t nl = 0;
			const char *nm = msg_field_name(c.m, f, &nl);
			if (nl == 2 && util_strncasecmp(nm, "To", 2) == 0) {
				*to = f;
				return c.m;
			}
		}
	}
	cr_assert_fail("no copy of the first message with a To: field");
	return NULL;
}

/* Characters measured by one frame. */
static size_t test_render_long_frame(struct render_app *a)
{
	size_t before = render_font_measured(a->font);
	render_app_draw(a);
	return render_font_measured(a->font) - before;
}

Test(render_long, the_card_shows_a_long_to_shortened)
{
	static const struct {
		int lang;
		const char *more;
	} want[] = {
		{ LANG_EN, " … and 9,997 more (click to see all)" },
		{ LANG_JA, " …ほか 9,997 件（クリックで全部表示）" },
	};
	for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
		struct render_app *a = test_render_long_app(10000, want[k].lang);
		render_app_draw(a);
		int to = -1;
		const struct msg *m = test_render_long_msg(a, &to);
		size_t nl = 0, vl = 0;
		const char *n = msg_field_name(m, to, &nl);
		const char *v = msg_field_value(m, to, &vl);
		cr_assert_gt(vl, 200000, "a To: of %zu bytes", vl);
		struct sbuf b = { 0 };
		cr_assert_eq(render_field_header(&b, a->cat[a->lang], n, nl, v, vl, 0), 1);
		struct sbuf exp = { 0 };
		sbuf_addf(&exp, "To: student00000@ispb.example, student00001@ispb.example, "
			  "student00002@ispb.example%s", want[k].more);
		cr_expect_str_eq(b.s, exp.s);
		/* The card and the inspector's overview offer it whole on a click. */
		cr_expect_not_null(render_app_hit_find(a, RENDER_APP_HIT_FULL, 0, RENDER_FIELD_HIT_HEADER + to), "no click target on the card's To:");
		cr_expect_not_null(render_app_hit_find(a, RENDER_APP_HIT_FULL, 0, RENDER_FIELD_HIT_ENVELOPE),
				   "no click target on the card's envelope");
		sbuf_reset(&b);
		cr_assert_eq(render_field_envelope(&b, a->cat[a->lang], m, 0), 1);
		cr_expect_eq(strncmp(b.s + b.len - strlen(want[k].more) + 1, want[k].more + 1, strlen(want[k].more) - 1),
			     0, "envelope: %s", b.s);
		sbuf_free(&exp);
		sbuf_free(&b);
		render_app_free(a);
	}
}

Test(render_long, a_frame_costs_the_same_for_1000_or_10000_recipients)
{
	/* The same moment, the same scene, one list ten times longer: with the
	 * long texts shortened, the first frame measures the same text. */
	struct render_app *small = test_render_long_app(1000, LANG_EN);
	struct render_app *big = test_render_long_app(10000, LANG_EN);
	render_app_select(small, RENDER_APP_SEL_MSG, 0);
	render_app_select(big, RENDER_APP_SEL_MSG, 0);
	size_t ms = test_render_long_frame(small), mb = test_render_long_frame(big);
	cr_expect_leq(mb, ms + ms / 10, "10,000 recipients: %zu characters measured, 1,000: %zu", mb, ms);
	/* Nothing changed: the next frame lays nothing out again. */
	cr_expect_eq(test_render_long_frame(big), 0);
	render_app_free(small);
	render_app_free(big);
}

Test(render_long, a_click_shows_the_whole_to_and_another_shortens_it)
{
	struct render_app *a = test_render_long_app(10000, LANG_EN);
	render_app_draw(a);
	int to = -1;
	const struct msg *m = test_render_long_msg(a, &to);
	size_t vl = 0;
	const char *v = msg_field_value(m, to, &vl);
	struct sbuf full = { 0 };
	sbuf_adds(&full, "To: ");
	sbuf_add(&full, v, vl);
	size_t chars = 0;
	for (size_t i = 0; i < full.len; chars++) {
		uint32_t cp;
		i += (size_t)render_wrap_next(full.s + i, full.len - i, &cp);
	}

	/* A click on the card's To: selects the message and shows it whole. */
	test_render_util_press(a, render_app_hit_find(a, RENDER_APP_HIT_FULL, 0, RENDER_FIELD_HIT_HEADER + to));
	cr_assert_eq(a->sel, RENDER_APP_SEL_MSG);
	cr_assert_eq(a->sel_index, 0);
	cr_assert_eq(a->full.part, RENDER_FIELD_HEADER);
	cr_assert_str_eq(a->full.name, "To");
	cr_assert_eq(a->full.nth, 0);
	size_t tex = render_font_cached(a->font);
	size_t base = test_render_long_frame(a);
	/* Linear: the whole To: once or twice, plus what the rest of the frame
	 * (the shortened texts) costs; only its visible lines get a texture. */
	cr_expect_leq(base, 2 * chars + 10000, "%zu characters measured for a To: of %zu", base, chars);
	cr_expect_geq(base, chars, "the whole To: was laid out");
	cr_expect_lt(render_font_cached(a->font), tex + 400, "%zu textures for one frame",
		     render_font_cached(a->font) - tex);
	cr_expect_eq(test_render_long_frame(a), 0, "the next frame lays nothing out again");

	/* Presenter mode: a new size, laid out once more, linearly. */
	a->presenter = 1;
	size_t pres = test_render_long_frame(a);
	cr_expect_leq(pres, 2 * chars + 10000, "presenter mode: %zu characters measured", pres);
	/* Scrolled far down the inspector, the frame still draws. */
	SDL_Event wheel;
	memset(&wheel, 0, sizeof wheel);
	const struct render_app_hitbox *ins = render_app_hit_find(a, RENDER_APP_HIT_PANEL, RENDER_APP_PANEL_INSPECTOR, -1);
	cr_assert_not_null(ins);
	wheel.type = SDL_MOUSEMOTION;
	wheel.motion.x = ins->rc.x + ins->rc.w / 2;
	wheel.motion.y = ins->rc.y + ins->rc.h / 2;
	render_app_handle_event(a, &wheel);
	wheel.type = SDL_MOUSEWHEEL;
	wheel.wheel.y = -1;
	for (int i = 0; i < 500; i++)
		render_app_handle_event(a, &wheel);
	cr_expect_eq(a->scroll[RENDER_APP_PANEL_INSPECTOR], 1500, "the wheel over the whole To: scrolls the inspector");
	render_app_draw(a);

	/* A click on the whole text shortens it again. */
	a->scroll[RENDER_APP_PANEL_INSPECTOR] = 0;
	render_app_draw(a);
	const struct render_app_hitbox *h = NULL;
	for (size_t i = 0; i < a->nhits; i++)
		if (a->hits[i].kind == RENDER_APP_HIT_FULL && a->hits[i].b == RENDER_FIELD_HIT_HEADER + to &&
		    SDL_HasIntersection(&a->hits[i].rc, &ins->rc))
			h = &a->hits[i];
	test_render_util_press(a, h);
	cr_expect_eq(a->full.part, RENDER_FIELD_NONE);
	cr_expect_eq(a->sel, RENDER_APP_SEL_MSG, "the message stays selected");
	sbuf_free(&full);
	render_app_free(a);
}

Test(render_long, the_recipients_and_the_envelope_open_whole)
{
	struct render_app *a = test_render_long_app(10000, LANG_JA);
	render_app_select(a, RENDER_APP_SEL_MSG, 0);
	render_app_draw(a);
	/* The inspector lists three recipients and a line for the rest. */
	const struct render_app_hitbox *h = render_app_hit_find(a, RENDER_APP_HIT_FULL, 0, RENDER_FIELD_HIT_RCPTS);
	test_render_util_press(a, h);
	cr_assert_eq(a->full.part, RENDER_FIELD_RCPTS);
	size_t tex = render_font_cached(a->font);
	render_app_draw(a);
	cr_expect_lt(render_font_cached(a->font), tex + 400, "only the recipients in view are drawn");
	/* The envelope, from the card. */
	h = render_app_hit_find(a, RENDER_APP_HIT_FULL, 0, RENDER_FIELD_HIT_ENVELOPE);
	test_render_util_press(a, h);
	cr_assert_eq(a->full.part, RENDER_FIELD_ENVELOPE);
	render_app_draw(a);
	/* Another selection shortens everything again. */
	render_app_select(a, RENDER_APP_SEL_NONE, -1);
	cr_expect_eq(a->full.part, RENDER_FIELD_NONE);
	render_app_draw(a);
	render_app_free(a);
}
