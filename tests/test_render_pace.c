/* test_render_pace — pacing and the end of a lesson, by keys and clicks on
 * an off-screen session: "next caption" (N) stops where a caption fires,
 * "next hop" (J) where a message changes hands, A pauses play at each
 * caption (on by itself in presenter mode), and the end of the run opens
 * the check panel, which lists every expectation with ✓ or × and closes
 * and opens again from its key and its button. */
#include <criterion/criterion.h>

#include <SDL.h>
#include <glob.h>
#include <string.h>
#include <stdlib.h>

#include "render.h"
#include "render_app.h"
#include "render_check.h"
#include "render_control.h"
#include "render_view.h"
#include "test_render_util.h"
#include "util.h"

#define TEST_RENDER_PACE_BASIC "scenarios/01-basic-flow.json"
#define TEST_RENDER_PACE_OP25B "scenarios/02-op25b.json"

/* The check panel's badge colours (render_theme.h): ok, failed. */
#define TEST_RENDER_PACE_OK 0x2E7D3200u
#define TEST_RENDER_PACE_FAIL 0xD32F2F00u

static struct render_app *test_render_pace_app(const char *lesson)
{
	struct render_app *a = test_render_util_app(lesson, LANG_EN, 1600, 900);
	render_app_draw(a);
	test_render_util_key(a, SDLK_q, 0);   /* no quiz: these steps are about pacing */
	cr_assert(a->quiz.off);
	return a;
}

static int test_render_pace_fired(const struct render_app *a)
{
	int n = 0;
	for (int c = 0; c < a->sc->ncaptions; c++)
		n += a->caption_rec[c] >= 0;
	return n;
}

/* The current row: the last told record that is not a quiet one. */
static const struct trace_rec *test_render_pace_current(struct render_app *a)
{
	size_t told = 0;
	const struct trace_rec *tr = render_view_trace(a, &told);
	while (told > 0 && trace_kinds[tr[told - 1].kind].quiet)
		told--;
	cr_assert_gt(told, 0, "no row told");
	return &tr[told - 1];
}

/* Since the trace held n0 records and `before` captions had fired, a
 * caption is on screen (one fired, or one that fired with the last event
 * was still untold: render_pace_held_caption), and every caption that
 * fired came with the last event (one event can make several records, and
 * each can bring its caption): the step stopped at the first event with a
 * caption. */
static void test_render_pace_assert_caption_last(struct render_app *a, int before, size_t n0, const char *what)
{
	struct sim *s = render_app_sim(a);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	cr_assert(a->pace.caption && render_view_caption(a) >= 0 &&
	          (test_render_pace_fired(a) > before || (size_t)a->caption_rec[render_view_caption(a)] >= n0 ||
	           tr[a->caption_rec[render_view_caption(a)]].event == sim_events_done(s)),
	          "%s: no caption fired", what);
	for (int c = 0; c < a->sc->ncaptions; c++)
		if (a->caption_rec[c] >= 0 && (size_t)a->caption_rec[c] >= n0)
			cr_assert_eq(tr[a->caption_rec[c]].event, sim_events_done(s),
				     "%s went past caption %d (event %zu, now %zu)", what, c, tr[a->caption_rec[c]].event,
				     sim_events_done(s));
}

Test(render_pace, next_caption_stops_where_a_caption_fires)
{
	struct render_app *a = test_render_pace_app(TEST_RENDER_PACE_BASIC);
	for (int k = 0; k < 4; k++) {
		int before = test_render_pace_fired(a);
		size_t n0 = 0;
		sim_trace(render_app_sim(a), &n0);
		test_render_util_key(a, SDLK_n, 0);
		test_render_pace_assert_caption_last(a, before, n0, "N");
	}
	/* The button does the same. */
	int before = test_render_pace_fired(a);
	size_t n0 = 0;
	sim_trace(render_app_sim(a), &n0);
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_NEXT_CAPTION, -1));
	test_render_pace_assert_caption_last(a, before, n0, "the button");
	render_app_free(a);
}

Test(render_pace, next_hop_stops_where_a_message_changes_hands)
{
	struct render_app *a = test_render_pace_app(TEST_RENDER_PACE_OP25B);
	int blocked = 0;
	for (int k = 0; k < 40 && sim_events_pending(render_app_sim(a)); k++) {
		size_t n0 = 0;
		sim_trace(render_app_sim(a), &n0);
		if (k % 2)
			test_render_util_key(a, SDLK_j, 0);
		else
			test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_NEXT_HOP, -1));
		struct sim *s = render_app_sim(a);
		size_t n = 0;
		const struct trace_rec *tr = sim_trace(s, &n);
		size_t ev = sim_events_done(s);
		int hop_now = 0;
		for (size_t i = n0; i < n; i++) {
			if (tr[i].event < ev)
				cr_assert_not(render_pace_is_hop(&tr[i]), "J passed a hop (%s) at record %zu",
					      trace_kind_names[tr[i].kind], i);
			else
				hop_now |= render_pace_is_hop(&tr[i]);
			blocked |= tr[i].kind == TR_BLOCKED && tr[i].event == ev;
		}
		if (sim_events_pending(s))
			cr_assert(hop_now, "J stopped where no message changed hands");
		if (a->overlay == RENDER_APP_OVERLAY_CHECK)
			break;
	}
	cr_assert(blocked, "no J stopped at OP25B's block");
	render_app_free(a);
}

Test(render_pace, a_pauses_play_at_each_caption)
{
	struct render_app *a = test_render_pace_app(TEST_RENDER_PACE_BASIC);
	cr_assert_not(render_pace_pausing(a), "off by default outside presenter mode");
	test_render_util_key(a, SDLK_a, 0);
	cr_assert(render_pace_pausing(a));
	render_control_set_speed(a, 50);
	for (int k = 0; k < 3; k++) {
		int before = test_render_pace_fired(a);
		size_t n0 = 0;
		sim_trace(render_app_sim(a), &n0);
		test_render_util_key(a, SDLK_SPACE, 0);
		cr_assert(a->playing);
		for (int i = 0; i < 5000 && a->playing; i++)
			render_control_tick(a, 1.0 / 30);
		cr_assert_not(a->playing, "play never paused");
		test_render_pace_assert_caption_last(a, before, n0, "play");
	}
	/* Off again: play runs through captions. */
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_PAUSE_CAPTIONS, -1));
	cr_assert_not(render_pace_pausing(a));
	int before = test_render_pace_fired(a);
	test_render_util_key(a, SDLK_SPACE, 0);
	for (int i = 0; i < 200 && a->playing; i++)
		render_control_tick(a, 1.0 / 30);
	cr_assert_gt(test_render_pace_fired(a), before + 1, "play still stops at captions");
	render_app_free(a);
}

Test(render_pace, presenter_mode_pauses_at_captions_by_default)
{
	struct render_opts o;
	memset(&o, 0, sizeof o);
	o.scenario = TEST_RENDER_PACE_BASIC;
	o.scenarios_dir = "scenarios";
	o.lang = LANG_JA;
	o.presenter = 1;
	struct render_app *a = render_app_new_offscreen(&o, 1280, 720);
	cr_assert_not_null(a);
	cr_assert(render_pace_pausing(a), "presenter mode does not pause at captions");
	test_render_util_key(a, SDLK_p, 0);   /* presenter off: the default follows */
	cr_assert_not(render_pace_pausing(a));
	test_render_util_key(a, SDLK_p, 0);
	test_render_util_key(a, SDLK_a, 0);   /* switched off by hand: it stays off */
	cr_assert_not(render_pace_pausing(a));
	render_app_free(a);
	/* --pause-captions outside presenter mode. */
	o.presenter = 0;
	o.pause_captions = 1;
	a = render_app_new_offscreen(&o, 1280, 720);
	cr_assert_not_null(a);
	cr_assert(render_pace_pausing(a));
	render_app_free(a);
}

/* Rows of the check panel drawn with a ✓ (ok) or × badge. */
static void test_render_pace_badges(struct render_app *a, int *ok, int *failed)
{
	*ok = *failed = 0;
	for (int i = 0; i < a->check.nrows; i++) {
		SDL_Rect b = a->check.badge[i];
		long area = (long)b.w * b.h;
		if (test_render_util_count(a, b, TEST_RENDER_PACE_OK) > area / 3)
			(*ok)++;
		else if (test_render_util_count(a, b, TEST_RENDER_PACE_FAIL) > area / 3)
			(*failed)++;
	}
}

Test(render_pace, the_end_opens_the_check_panel_with_every_expectation)
{
	struct render_app *a = test_render_pace_app(TEST_RENDER_PACE_OP25B);
	for (int i = 0; i < 5000 && a->overlay != RENDER_APP_OVERLAY_CHECK; i++) {
		cr_assert(sim_events_pending(render_app_sim(a)) || a->overlay == RENDER_APP_OVERLAY_CHECK);
		test_render_util_key(a, SDLK_j, 0);
	}
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_CHECK, "the end did not open the check panel");
	cr_assert(render_pace_at_end(a));
	render_app_draw(a);
	cr_assert_eq(a->check.nrows, a->sc->nexpects);
	int ok = 0, failed = 0;
	test_render_pace_badges(a, &ok, &failed);
	cr_assert_eq(ok, a->sc->nexpects, "%d of %d rows show ✓", ok, a->sc->nexpects);
	cr_assert_eq(failed, 0);
	/* Closable; K and the top bar's button bring it back. */
	test_render_util_key(a, SDLK_ESCAPE, 0);
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_NONE);
	test_render_util_key(a, SDLK_k, 0);
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_CHECK);
	render_app_draw(a);
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_CLOSE, -1));
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_NONE);
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_CHECK, -1));
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_CHECK);
	/* Its button opens the summary picture. */
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_SUMMARY, -1));
	cr_assert(render_summary_shown(a));
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_NONE);
	render_app_free(a);
}

Test(render_pace, the_check_panel_marks_what_failed_and_says_what_was_found)
{
	/* OP25B switched off at the start: the bot's spam is no longer
	 * stopped, so the expectations about it fail. */
	struct render_app *a = test_render_pace_app(TEST_RENDER_PACE_OP25B);
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_RULE, 0, 0));
	cr_assert_not(sim_rule_enabled(render_app_sim(a), 0, 0));
	render_control_run_to(a, a->sc->until_us);
	test_render_util_key(a, SDLK_k, 0);
	render_app_draw(a);
	const struct check_report *r = render_check_report(a);
	int want_failed = 0;
	for (int i = 0; i < r->nitems; i++)
		if (!r->items[i].ok) {
			want_failed++;
			cr_assert(r->items[i].told, "a failing expectation without what was found");
		}
	cr_assert_gt(want_failed, 0, "switching OP25B off failed nothing");
	/* What was found, told in the window's language: in Japanese, with
	 * the state named as the window names it (spam1 was to be 遮断 at the
	 * border router, and got through: 配達済み), no English left. */
	for (int lang = 0; lang < LANG_COUNT; lang++) {
		a->lang = lang;
		int named = 0;
		for (int i = 0; i < r->nitems; i++) {
			struct sbuf b = { 0 };
			render_check_found(a, &r->items[i], &b);
			cr_assert_eq(!b.s || !*b.s, r->items[i].ok, "row %d: what was found %s", i,
			             b.s ? b.s : "(nothing)");
			if (b.s && lang == LANG_JA) {
				cr_expect(strncmp(b.s, "実際は：", strlen("実際は：")) == 0, "%s", b.s);
				cr_expect(!strstr(b.s, "expected") && !strstr(b.s, "found") && !strstr(b.s, "blocked") &&
				          !strstr(b.s, "delivered"), "row %d still in English: %s", i, b.s);
				named += strstr(b.s, "「配達済み」") && strstr(b.s, "「遮断」");
			}
			if (b.s && lang == LANG_EN)
				named += strstr(b.s, "expected blocked, found delivered") != NULL;
			free(b.s);
		}
		cr_expect_gt(named, 0, "no row in %s names the states as the window does", lang_names[lang]);
	}
	a->lang = LANG_JA;
	int ok = 0, failed = 0;
	test_render_pace_badges(a, &ok, &failed);
	cr_assert_eq(failed, want_failed, "%d rows show ×, want %d", failed, want_failed);
	cr_assert_eq(ok, r->nitems - want_failed);
	/* Going back re-evaluates: at the start nothing has happened yet. */
	test_render_util_key(a, SDLK_ESCAPE, 0);
	render_control_restart(a);
	r = render_check_report(a);
	int ok0 = 0;
	for (int i = 0; i < r->nitems; i++)
		ok0 += r->items[i].ok;
	cr_assert_lt(ok0, r->nitems, "the report was not evaluated again");
	render_app_free(a);
}

/* Lesson 09 (a botnet over minutes) declares "pace": 1, so ×100 plays 100
 * simulated seconds per wall second; a small lesson keeps the pace of its
 * latencies (a trip between networks in about a second). */
Test(render_pace, a_lesson_may_declare_its_pace)
{
	struct render_app *a = test_render_pace_app("scenarios/09-botnet-scale.json");
	cr_assert_float_eq(a->rate, 1e6, 1e-6, "lesson 09 at 1x: one simulated second per second");
	render_app_free(a);
	a = test_render_pace_app(TEST_RENDER_PACE_BASIC);
	cr_assert(a->rate > 0 && a->rate < 1e6, "lesson 01 paced by its latencies: %g µs/s", a->rate);
	render_app_free(a);
}

/* A frame's tick stops when its time is spent, and the next frames play
 * what it owes the clock: one wall second at ×100 on lesson 09 asks for
 * 100 simulated seconds (thousands of events), more than one tick may
 * take.  The budget is capped at a nanosecond, so that the tick runs out
 * of time on any machine (the engine now plays those 100 seconds within
 * the 50 ms budget on this one). */
Test(render_pace, a_busy_tick_owes_the_clock_and_catches_up)
{
	struct render_app *a = test_render_pace_app("scenarios/09-botnet-scale.json");
	a->pace.pause_captions = 0;
	a->budget_cap_s = 1e-9;
	render_control_set_speed(a, 100);
	a->playing = 1;
	render_control_tick(a, 1.0);
	int64_t first = sim_now(render_app_sim(a));
	cr_assert_lt(first, INT64_C(100000000), "one tick played 100 s of lesson 09: no time budget");
	cr_assert_gt(a->t_carry, 1e6, "what the tick did not play is not owed");
	double owed = a->t_carry;
	render_control_set_speed(a, 10);
	cr_assert_eq(a->t_carry, 0, "x10 would jump ahead by what x100 owed");
	render_control_set_speed(a, 100);
	a->t_carry = owed;
	int ticks = 0;
	while (a->playing && a->t_carry >= 1 && ticks < 100000) {
		render_control_tick(a, 0);
		ticks++;
	}
	/* Owed at most half a wall second: 50 simulated seconds at ×100, less
	 * the lead of the first frame (at most 50 ms, 5 simulated seconds),
	 * which these zero-length frames give back. */
	cr_assert_geq(sim_now(render_app_sim(a)), INT64_C(45000000),
	              "the next ticks did not catch up (%d ticks, at %lld µs)", ticks,
	              (long long)sim_now(render_app_sim(a)));
	render_app_free(a);
}

/* A frame is seen about one frame period after its tick, so play runs that
 * far ahead of the clock: at ×1, ticks 20 ms apart play 40 ms at the first
 * frame (the 20 ms since the last one and the 20 ms until this one is
 * seen), then 20 ms a frame; pausing drops the lead, and a new speed does
 * not inherit the old one's. */
Test(render_pace, play_shows_the_moment_a_frame_appears)
{
	struct render_app *a = test_render_pace_app("scenarios/09-botnet-scale.json");
	a->pace.pause_captions = 0;
	render_control_set_speed(a, 1);
	struct sim *s = render_app_sim(a);
	int64_t t0 = sim_now(s);
	a->playing = 1;
	render_control_tick(a, 0.020);
	cr_assert_float_eq(a->lead, 0.020 * a->rate, 1e-6, "lead after the first frame: %g µs", a->lead);
	int64_t t1 = sim_now(s);
	cr_assert_geq(t1 - t0, (int64_t)(0.040 * a->rate) - 1, "the first frame played %lld µs",
	              (long long)(t1 - t0));
	render_control_tick(a, 0.020);
	int64_t t2 = sim_now(s);
	cr_assert_lt(t2 - t1, (int64_t)(0.030 * a->rate), "the second frame played %lld µs: lead added twice",
	             (long long)(t2 - t1));
	render_control_set_speed(a, 100);
	cr_assert_eq(a->lead, 0, "x100 keeps x1's lead");
	a->playing = 0;
	render_control_tick(a, 0.020);
	cr_assert_eq(a->lead, 0, "paused play keeps its lead");
	cr_assert_eq(sim_now(s), t2, "paused play moved");
	render_app_free(a);
}

/* Play starts from the moment it is started: paused, the window sleeps up
 * to a quarter second waiting for a key, and that time is not the clock's.
 * At x100 the first frame had played 25 simulated seconds at once. */
Test(render_pace, play_starts_when_it_is_started)
{
	struct render_app *a = test_render_pace_app("scenarios/09-botnet-scale.json");
	a->pace.pause_captions = 0;
	render_control_set_speed(a, 100);
	struct sim *s = render_app_sim(a);
	render_control_tick(a, 0.25);   /* paused: the window waits for a key */
	int64_t t0 = sim_now(s);
	a->playing = 1;
	render_control_tick(a, 0.25);   /* the Play key came at the end of the wait */
	cr_assert_lt(sim_now(s) - t0, INT64_C(1000000), "the first frame of play jumped %lld µs",
	             (long long)(sim_now(s) - t0));
	int64_t t1 = sim_now(s);
	render_control_tick(a, 0.020);
	cr_assert_geq(sim_now(s) - t1, (int64_t)(0.020 * a->speed * a->rate) - 1, "the next frame played %lld µs",
	              (long long)(sim_now(s) - t1));
	render_app_free(a);
}

static int test_render_pace_inside(SDL_Rect in, SDL_Rect out)
{
	return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w && in.y + in.h <= out.y + out.h;
}

/* Every lesson's check panel at its end shows every expectation and its
 * Summary button inside the panel, at both sizes and in both modes:
 * lesson 12's 38 rows ran off the bottom (the last 6 at 1920x1080, 18 in
 * presenter mode), and its footer with them. */
Test(render_pace, the_check_panel_shows_every_row_at_every_size)
{
	glob_t gl;
	cr_assert_eq(glob("scenarios/[0-9]*.json", 0, NULL, &gl), 0, "no lessons (run from the top directory)");
	static const int sizes[][2] = { { 1280, 720 }, { 1920, 1080 } };
	for (size_t li = 0; li < gl.gl_pathc; li++)
		for (int sz = 0; sz < 2; sz++)
			for (int pres = 0; pres < 2; pres++) {
				int lang = (int)(li + (size_t)sz + (size_t)pres) % 2 ? LANG_EN : LANG_JA;
				if (!test_render_util_sweep(gl.gl_pathv[li], sz + 2 * pres + (lang == LANG_EN ? 4 : 0)))
					continue;
				struct render_app *a =
					test_render_util_app_mode(gl.gl_pathv[li], lang, sizes[sz][0], sizes[sz][1], pres);
				render_control_run_to(a, a->sc->until_us);
				render_check_open(a);
				render_app_draw(a);
				const char *what = gl.gl_pathv[li];
				cr_assert_eq(a->check.nrows, a->sc->nexpects, "%s %dx%d presenter %d: %d of %d rows", what,
					     sizes[sz][0], sizes[sz][1], pres, a->check.nrows, a->sc->nexpects);
				for (int i = 0; i < a->check.nrows; i++)
					cr_assert(test_render_pace_inside(a->check.row[i], a->check.box),
						  "%s %dx%d presenter %d: row %d outside the panel", what, sizes[sz][0],
						  sizes[sz][1], pres, i);
				const struct render_app_hitbox *sum =
					render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_SUMMARY, -1);
				cr_assert_not_null(sum);
				cr_assert(test_render_pace_inside(sum->rc, a->check.box), "%s %dx%d presenter %d: the summary "
					  "button is outside the panel", what, sizes[sz][0], sizes[sz][1], pres);
				render_app_free(a);
			}
	globfree(&gl);
}

/* Played to its end at x100 with long frames, a lesson's clock stops at its
 * last event: it had run on to wherever the last frame's wall time took it
 * (lesson 09 ended at 2:33.9, 2:36.1 and 2:35.3 in three plays). */
Test(render_pace, play_ends_on_the_last_event)
{
	for (int k = 0; k < 2; k++) {
		struct render_app *a = test_render_pace_app(TEST_RENDER_PACE_BASIC);
		a->quiz.off = 1;
		render_control_set_speed(a, 100);
		test_render_util_key(a, SDLK_SPACE, 0);
		for (int i = 0; i < 5000 && a->playing; i++)
			render_control_tick(a, k ? 0.37 : 0.11);
		cr_assert_not(a->playing, "play never ended");
		struct sim *s = render_app_sim(a);
		size_t n = 0;
		const struct trace_rec *tr = sim_trace(s, &n);
		cr_assert_gt(n, 0);
		/* The end: its "until", or its last event if none is left. */
		int64_t end = sim_events_pending(s) ? a->sc->until_us : tr[n - 1].t;
		cr_expect_eq(sim_now(s), end, "the clock ran on past the end (%lld, not %lld)", (long long)sim_now(s),
			     (long long)end);
		render_app_free(a);
	}
}

/* Stopped at a caption, the current row is the caption's record or what
 * completes it, not what the same event began after it: lesson 11 at
 * 8.125 s, the caption on the session key encrypted with Bob's public key
 * came with the TCP SYN to ISP A's server, and the window stopped with
 * the SYN as the current row and the card on "m1 — connecting".  Then a
 * forward step tells the SYN.  By N and by play. */
Test(render_pace, a_caption_stops_on_its_own_row)
{
	for (int by_play = 0; by_play < 2; by_play++) {
		struct render_app *a = test_render_pace_app("scenarios/11-smime.json");
		render_control_run_to(a, 8124000);
		if (by_play) {
			test_render_util_key(a, SDLK_a, 0);
			render_control_set_speed(a, 1);
			test_render_util_key(a, SDLK_SPACE, 0);
			for (int i = 0; i < 500 && a->playing; i++)
				render_control_tick(a, 1.0 / 30);
			cr_assert_not(a->playing, "play never paused");
		} else {
			test_render_util_key(a, SDLK_n, 0);
		}
		size_t told = 0, n = 0;
		const struct trace_rec *tr = render_view_trace(a, &told);
		sim_trace(render_app_sim(a), &n);
		while (told > 0 && trace_kinds[tr[told - 1].kind].quiet)
			told--;
		cr_assert_gt(told, 0);
		const char *how = by_play ? "play" : "N";
		cr_expect_eq(tr[told - 1].kind, TR_SMIME, "%s: the current row is a %s", how,
		             trace_kind_names[tr[told - 1].kind]);
		cr_expect_lt(told, n, "%s: the SYN is told with the caption", how);
		cr_expect_eq(sim_now(render_app_sim(a)), 8125000);
		test_render_util_key(a, SDLK_RIGHT, 0);
		tr = render_view_trace(a, &told);
		while (told > 0 && trace_kinds[tr[told - 1].kind].quiet)
			told--;
		cr_expect_eq(tr[told - 1].kind, TR_CONNECT, "%s: → tells the SYN next", how);
		render_app_free(a);
	}
}

/* N shows every caption that fires, in turn, each on its own row: two
 * captions in one event (lesson 02 at 50 s: the timeout, then the mail
 * program's error) are two stops, and a caption on a record pipelined
 * with others (lesson 05 at 1.438 s: Carol's RCPT TO, then DATA) stops on
 * that record, not on the last of the batch. */
Test(render_pace, next_caption_shows_every_caption_on_its_row)
{
	glob_t g;
	cr_assert_eq(glob("scenarios/[0-9]*.json", 0, NULL, &g), 0);
	for (size_t f = 0; f < g.gl_pathc; f++) {
		struct render_app *a = test_render_pace_app(g.gl_pathv[f]);
		int *seen = xcalloc((size_t)a->sc->ncaptions + 1, sizeof *seen);
		int stops = 0;
		for (int k = 0; k < 400 && !render_pace_at_end(a); k++) {
			test_render_util_key(a, SDLK_n, 0);
			a->overlay = RENDER_APP_OVERLAY_NONE;
			int c = render_view_caption(a);
			if (c < 0 || !a->pace.caption)
				continue;
			size_t told = 0;
			const struct trace_rec *tr = render_view_trace(a, &told);
			while (told > 0 && trace_kinds[tr[told - 1].kind].quiet)
				told--;
			size_t want = (size_t)a->caption_rec[c] + 1;
			if (told > want && render_pace_completes(&tr[want - 1], &tr[told - 1]))
				want = told;   /* what completes it (the delivery a verdict decides) */
			cr_expect_eq(told, want, "%s: caption %d shown with %s as the current row, "
			             "not its own %s", g.gl_pathv[f], c, trace_kind_names[tr[told - 1].kind],
			             trace_kind_names[tr[a->caption_rec[c]].kind]);
			cr_expect_not(seen[c], "%s: caption %d shown by two stops", g.gl_pathv[f], c);
			seen[c] = 1;
			stops++;
		}
		for (int c = 0; c < a->sc->ncaptions; c++)
			cr_expect(!(a->caption_rec[c] >= 0 && !seen[c]), "%s: caption %d fired but N never showed it",
			          g.gl_pathv[f], c);
		cr_expect_gt(stops, 3, "%s", g.gl_pathv[f]);
		free(seen);
		render_app_free(a);
	}
	globfree(&g);
}

/* Stopped at the caption on a bounce being written (lesson 06 at 1.476
 * s), the bounce is the current row and its card does not put it in an
 * outbox: it has not entered its server's queue yet, and no mail program
 * wrote it. */
Test(render_pace, a_bounce_just_written_is_in_no_outbox)
{
	struct render_app *a = test_render_pace_app("scenarios/06-bounce-backscatter.json");
	render_control_run_to(a, 1475000);
	test_render_util_key(a, SDLK_n, 0);
	enum trace_kind k = test_render_pace_current(a)->kind;
	cr_assert_eq(k, TR_BOUNCE, "the current row is a %s", trace_kind_names[k]);
	int dsn = -1;
	for (size_t i = 0; i < sim_ledger_count(render_app_sim(a)); i++)
		if (sim_ledger(render_app_sim(a), i)->bounce_of >= 0)
			dsn = (int)i;
	cr_assert_geq(dsn, 0);
	struct sbuf st = { 0 };
	render_view_msg_states(a, dsn, &st);
	cr_expect_str_eq(st.s, render_app_text(a, "ui.state.written"));
	sbuf_free(&st);
	render_app_free(a);
}

/* The last told row where N stops at a caption at t_us - 1 ms in lesson. */
static enum trace_kind test_render_pace_stop_row(const char *lesson, int64_t t_us)
{
	struct render_app *a = test_render_pace_app(lesson);
	render_control_run_to(a, t_us - 1000);
	test_render_util_key(a, SDLK_n, 0);
	enum trace_kind k = test_render_pace_current(a)->kind;
	render_app_free(a);
	return k;
}

/* What completes the caption's row is told with it: the DKIM signature
 * and the queue the signed mail enters, whose card shows the
 * DKIM-Signature the caption names (lesson 13 at 1.021 s had stopped with
 * the card still unsigned); what the eavesdropper read and the line
 * itself (lesson 14 at 20.130 s: "PASS bob-pass" in the eavesdropper's
 * pane while the transcript's current line was still the server's +OK). */
Test(render_pace, a_stop_tells_what_completes_its_row)
{
	enum trace_kind k = test_render_pace_stop_row("scenarios/13-dkim-dmarc.json", 1021000);
	cr_expect_eq(k, TR_QUEUED, "lesson 13: the stop's current row is a %s", trace_kind_names[k]);
	k = test_render_pace_stop_row("scenarios/14-secure-retrieval.json", 20130000);
	cr_expect_eq(k, TR_CMD, "lesson 14: the stop's current row is a %s", trace_kind_names[k]);
	/* QUIT's answer and the close, after which the client knows its mail
	 * was refused (lesson 08 at 120.432 s, "The spam is refused": the card
	 * had said "spam2 — being sent") */
	k = test_render_pace_stop_row("scenarios/08-open-relay.json", 120431000);
	cr_expect_eq(k, TR_CLOSE, "lesson 08: the stop's current row is a %s", trace_kind_names[k]);
}

/* Stopped at the lesson's last caption, the check panel does not cover
 * it: the next step opens it (lesson 14 at 800.259 s). */
Test(render_pace, the_last_caption_is_read_before_the_check_panel)
{
	struct render_app *a = test_render_pace_app("scenarios/14-secure-retrieval.json");
	render_control_run_to(a, 800258000);
	test_render_util_key(a, SDLK_n, 0);
	cr_assert(a->pace.caption, "no caption at the end");
	cr_assert(render_pace_at_end(a), "not at the end (%.3f s)", (double)sim_now(render_app_sim(a)) / 1e6);
	cr_expect_neq(a->overlay, RENDER_APP_OVERLAY_CHECK, "the check panel covers the last caption");
	test_render_util_key(a, SDLK_n, 0);
	cr_expect_eq(a->overlay, RENDER_APP_OVERLAY_CHECK, "the next step does not open the check panel");
	render_app_free(a);
}
