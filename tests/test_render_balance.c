/* test_render_balance — the window's panels share the room by what they
 * hold (issue 11, review 19 B6 and C10): an idle inspector folds itself
 * and the event list takes its place under the letter card, the bottom
 * row's lines wrap instead of being cut, the card gives the list what it
 * does not need; beside a filter's verdict the telling tokens show. */
#include <criterion/criterion.h>

#include <SDL.h>
#include <stdlib.h>

#include "render_app.h"
#include "render_card.h"
#include "render_control.h"
#include "render_fold.h"
#include "render_font.h"
#include "render_ladder.h"
#include "render_ui.h"
#include "render_verdict.h"
#include "test_render_util.h"

/* Event rows drawn whole (at least a line of their least size high) in
 * the last frame. */
static int test_render_balance_rows(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	int least = p->px_small * 4 / 5 > 10 ? p->px_small * 4 / 5 : 10;
	int lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, least), n = 0;
	for (size_t k = 0; k < a->nhits; k++)
		n += a->hits[k].kind == RENDER_APP_HIT_EVENT && a->hits[k].rc.h >= lh;
	return n;
}

struct test_render_balance_frame {
	const char *lesson;
	double at;
	int w, h, lang, ladder;
};

/* Review 19 B6: lesson 14 in presenter mode had "Bob's lapt…", "+OK
 * Begin TLS negoti…", "The eavesdropp…", "S: +OK mailsim POP3 serv…" and
 * an event list 1½ rows high beside an inspector 80 % empty. */
Test(render_balance, presenter_bottom_row_is_not_cut_beside_an_idle_inspector)
{
	static const struct test_render_balance_frame f[] = {
		{ "scenarios/14-secure-retrieval.json", 100.130, 1920, 1080, LANG_EN, 1 },
		{ "scenarios/14-secure-retrieval.json", 60.104, 1920, 1080, LANG_JA, 0 },
		{ "scenarios/14-secure-retrieval.json", 100.130, 1280, 720, LANG_EN, 1 },
		{ "scenarios/14-secure-retrieval.json", 60.104, 1280, 720, LANG_JA, 0 },
		{ "scenarios/01-basic-flow.json", 1.278, 1920, 1080, LANG_EN, 0 },
		{ "scenarios/11-smime.json", 40.339, 1280, 720, LANG_EN, 1 },
	};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		struct render_app *a = test_render_util_app_mode(f[i].lesson, f[i].lang, f[i].w, f[i].h, 1);
		a->quiz.off = 1;
		render_ladder_set(a, f[i].ladder);
		render_control_run_to(a, (int64_t)(f[i].at * 1e6 + 0.5));
		render_app_draw(a);
		const char *what = f[i].lesson + 10;
		cr_assert_eq(a->sel, RENDER_APP_SEL_NONE, "%s: nothing is selected", what);
		/* The inspector holds its hint and list only: it gives its room. */
		cr_expect(render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR),
		          "%s at %.3f s %dx%d: the inspector keeps its room with little to show", what, f[i].at, f[i].w,
		          f[i].h);
		cr_expect_eq(a->row_cuts, 0, "%s at %.3f s %dx%d %s: %d texts of the bottom row cut", what, f[i].at,
		             f[i].w, f[i].h, f[i].ladder ? "chart" : "text", a->row_cuts);
		/* The list: more than a quarter of the window under the bar high
		 * (the bottom row's quarter had shown 1½ rows, the caption it
		 * repeats taking the rest). */
		int under = a->h - a->panels.top.h;
		cr_expect_geq(a->panels.events.h * 100, under * 27, "%s at %.3f s %dx%d: the event list %d px high of %d",
		              what, f[i].at, f[i].w, f[i].h, a->panels.events.h, under);
		cr_expect_geq(test_render_balance_rows(a), 1);
		render_app_free(a);
	}
}

/* Review 19 C10: at 1920 x 1080 the card had a third of its panel empty
 * while the event list showed 4 or 5 rows. */
Test(render_balance, event_list_takes_what_the_card_does_not_need)
{
	static const struct test_render_balance_frame f[] = {
		{ "scenarios/13-dkim-dmarc.json", 100.558, 1920, 1080, LANG_EN, 0 },
		{ "scenarios/11-smime.json", 40.339, 1920, 1080, LANG_JA, 0 },
		{ "scenarios/11-smime.json", 8.579, 1920, 1080, LANG_EN, 0 },
		{ "scenarios/01-basic-flow.json", 1.278, 1280, 720, LANG_JA, 0 },
	};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		struct render_app *a = test_render_util_app_mode(f[i].lesson, f[i].lang, f[i].w, f[i].h, 0);
		a->quiz.off = 1;
		render_control_run_to(a, (int64_t)(f[i].at * 1e6 + 0.5));
		render_app_draw(a);
		const struct render_layout_panels *p = &a->panels;
		const char *what = f[i].lesson + 10;
		int col = a->h - p->card.y, empty = p->card.h - render_card_need(a);
		cr_expect_lt(empty, col / 8, "%s at %.3f s %dx%d: %d px of the card empty", what, f[i].at, f[i].w, f[i].h,
		             empty);
		int rows = test_render_balance_rows(a);
		cr_expect_geq(rows, 7, "%s at %.3f s %dx%d: %d event rows beside %d px of empty card", what, f[i].at, f[i].w,
		              f[i].h, rows, empty);
		cr_expect_eq(a->row_cuts, 0, "%s at %.3f s: %d transcript lines cut", what, f[i].at, a->row_cuts);
		render_app_free(a);
	}
}

/* The teacher's hand: I opens an inspector that folded itself and it
 * stays open; I again folds it. */
Test(render_balance, inspector_opened_by_hand_stays_open)
{
	struct render_app *a = test_render_util_app_mode("scenarios/14-secure-retrieval.json", LANG_EN, 1920, 1080, 1);
	a->quiz.off = 1;
	render_control_run_to(a, 60104000);
	render_app_draw(a);
	cr_assert(render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR));
	SDL_Rect events = a->panels.events;
	cr_assert_eq(events.x, a->panels.card.x, "the event list is not under the card");
	test_render_util_key(a, SDLK_i, 0);
	render_app_draw(a);
	cr_assert_not(render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR), "I did not open the inspector");
	cr_assert_lt(a->panels.events.x, a->panels.card.x, "the event list did not go back to the bottom row");
	render_control_run_to(a, 100130000);
	render_app_draw(a);
	cr_assert_not(render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR), "the inspector folded itself again");
	test_render_util_key(a, SDLK_i, 0);
	render_app_draw(a);
	cr_assert(render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR));
	/* Its tab opens it again. */
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_FOLD,
	                                              RENDER_APP_PANEL_INSPECTOR));
	cr_assert_not(render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR));
	render_app_free(a);
}

/* Lesson 12 at 1280 x 720 in presenter mode: at every moment the
 * inspector holds a filter's verdict (those the captions tell among them),
 * its five most telling tokens (all, if fewer) are in view without the
 * wheel (issue 11: 2 to 4 of them were). */
Test(render_balance, presenter_verdict_shows_five_tokens_at_720p)
{
	for (int lang = 0; lang < 2; lang++) {
		struct render_app *a = test_render_util_app_mode("scenarios/12-bayes-learning.json",
		                                                 lang ? LANG_EN : LANG_JA, 1280, 720, 1);
		a->quiz.off = 1;
		render_control_run_to(a, 400000000);
		size_t n = 0;
		const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
		int64_t *at = calloc(n + 1, sizeof *at);
		size_t nat = 0;
		for (size_t i = 0; i < n; i++)
			if ((tr[i].kind == TR_FILTER || tr[i].kind == TR_LEARN) && (nat == 0 || at[nat - 1] != tr[i].t))
				at[nat++] = tr[i].t;
		render_app_free(a);
		a = test_render_util_app_mode("scenarios/12-bayes-learning.json", lang ? LANG_EN : LANG_JA, 1280, 720, 1);
		a->quiz.off = 1;
		int seen = 0;
		for (size_t k = 0; k < nat; k++) {
			render_control_run_to(a, at[k]);
			render_app_draw(a);
			int m = render_verdict_msg(a);
			if (m < 0)
				continue;
			int clues = 0;
			size_t nr = 0;
			const struct trace_rec *r = sim_trace(render_app_sim(a), &nr);
			for (size_t i = 0; i < nr; i++)
				if ((r[i].kind == TR_FILTER || r[i].kind == TR_LEARN) && r[i].msg == m)
					clues = r[i].u.filter.nclues;
			seen++;
			cr_expect_geq(a->insp_clues, clues < 5 ? clues : 5, "%s at %.3f s: %d of %d tokens in view",
			              lang ? "en" : "ja", (double)at[k] / 1e6, a->insp_clues, clues);
		}
		cr_assert_gt(seen, 5, "the verdict showed at %d moments only", seen);
		free(at);
		render_app_free(a);
	}
}
