/* test_render_input — the teacher's keys and clicks, fed as SDL events into
 * an off-screen session, checked against the simulation afterwards: play,
 * step, back, speed, a rule toggle that stays consistent when stepping
 * back and forth, a jump from the event list, composing a Japanese mail
 * through text input (with an IME composition), dragging a host and saving
 * it atomically, and the lesson picker. */
#include <criterion/criterion.h>

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render.h"
#include "render_app.h"
#include "test_render_util.h"
#include "render_view.h"
#include "msg.h"

#define TEST_RENDER_INPUT_LESSON "scenarios/01-basic-flow.json"

static struct render_app *test_render_input_app(const char *lesson)
{
	struct render_app *a = test_render_util_app(lesson, LANG_EN, 1600, 900);
	/* These tests are about the keys and the mouse; the quiz, which holds
	 * play and steps back before its questions, has test_render_quiz. */
	a->quiz.off = 1;
	render_app_draw(a);
	return a;
}

static void test_render_input_text(struct render_app *a, const char *text)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = SDL_TEXTINPUT;
	snprintf(ev.text.text, sizeof ev.text.text, "%s", text);
	render_app_handle_event(a, &ev);
}

static void test_render_input_mouse(struct render_app *a, Uint32 type, int x, int y)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = type;
	if (type == SDL_MOUSEMOTION) {
		ev.motion.x = x;
		ev.motion.y = y;
	} else {
		ev.button.button = SDL_BUTTON_LEFT;
		ev.button.x = x;
		ev.button.y = y;
	}
	render_app_handle_event(a, &ev);
}

Test(render_input, space_plays_and_pauses)
{
	struct render_app *a = test_render_input_app(TEST_RENDER_INPUT_LESSON);
	cr_assert_eq(sim_events_done(render_app_sim(a)), 0);
	test_render_util_key(a, SDLK_SPACE, 0);
	cr_assert(a->playing);
	/* Two simulated seconds of wall time at 100x: m1 is sent at t = 1 s. */
	for (int i = 0; i < 8; i++)
		test_render_util_key(a, SDLK_PLUS, 0);
	cr_assert_float_eq(a->speed, 100.0, 1e-9);
	for (int i = 0; i < 120 && sim_now(render_app_sim(a)) < 2000000; i++)
		render_control_tick(a, 1.0 / 30);
	cr_assert_gt(sim_events_done(render_app_sim(a)), 10, "play advanced nothing");
	test_render_util_key(a, SDLK_SPACE, 0);
	cr_assert_not(a->playing);
	size_t done = sim_events_done(render_app_sim(a));
	render_control_tick(a, 1.0);
	cr_assert_eq(sim_events_done(render_app_sim(a)), done, "paused, yet the simulation moved");
	render_app_draw(a);
	cr_assert_eq(sim_events_done(render_app_sim(a)), done, "drawing advanced the simulation");
	for (int i = 0; i < 12; i++)
		test_render_util_key(a, SDLK_MINUS, 0);
	cr_assert_float_eq(a->speed, 0.1, 1e-9);
	render_app_free(a);
}

Test(render_input, right_steps_left_steps_back_r_restarts)
{
	struct render_app *a = test_render_input_app(TEST_RENDER_INPUT_LESSON);
	/* → tells one row at a time: an event that made two told rows takes
	 * two steps (test_render_moment has the row by row details). */
	for (int i = 0; i < 5; i++)
		test_render_util_key(a, SDLK_RIGHT, 0);
	size_t done = sim_events_done(render_app_sim(a));
	cr_assert(done >= 1 && done <= 5, "%zu events after five steps", done);
	size_t ntrace = 0, told = 0;
	sim_trace(render_app_sim(a), &ntrace);
	render_view_trace(a, &told);
	test_render_util_key(a, SDLK_LEFT, 0);
	size_t back = 0;
	render_view_trace(a, &back);
	cr_assert_lt(back, told, "← tells fewer rows");
	test_render_util_key(a, SDLK_RIGHT, 0);
	size_t again = 0, again_told = 0;
	sim_trace(render_app_sim(a), &again);
	render_view_trace(a, &again_told);
	cr_assert_eq(again, ntrace, "back then forward gives a different trace");
	cr_assert_eq(again_told, told, "back then forward tells other rows");
	cr_assert_eq(sim_events_done(render_app_sim(a)), done);
	test_render_util_key(a, SDLK_r, 0);
	cr_assert_eq(sim_events_done(render_app_sim(a)), 0);
	render_app_free(a);
}

Test(render_input, clicking_a_rule_chip_toggles_it_consistently)
{
	struct render_app *a = test_render_input_app(TEST_RENDER_INPUT_LESSON);
	for (int i = 0; i < 3; i++)
		test_render_util_key(a, SDLK_RIGHT, 0);
	render_app_draw(a);
	struct sim *s = render_app_sim(a);
	cr_assert_eq(sim_rule_enabled(s, 0, 0), 1);
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_RULE, 0, 0));
	s = render_app_sim(a);
	cr_assert_eq(sim_rule_enabled(s, 0, 0), 0, "the click did not switch OP25B off");
	size_t nact = 0;
	const struct sim_action *act = timeline_actions(a->tl, &nact);
	cr_assert_eq(nact, 1);
	cr_assert_eq(act[0].kind, SIM_ACT_TOGGLE);
	/* The toggle is in the log: a step back undoes it, a step forward redoes it. */
	test_render_util_key(a, SDLK_LEFT, 0);
	cr_assert_eq(sim_rule_enabled(render_app_sim(a), 0, 0), 1);
	test_render_util_key(a, SDLK_RIGHT, 0);
	test_render_util_key(a, SDLK_RIGHT, 0);
	cr_assert_eq(sim_rule_enabled(render_app_sim(a), 0, 0), 0);
	/* The inspector of a selected router lists the rule and toggles it too. */
	render_app_select(a, RENDER_APP_SEL_ROUTER, 0);
	render_app_draw(a);
	const struct render_app_hitbox *row = NULL;
	for (size_t i = 0; i < a->nhits; i++)
		if (a->hits[i].kind == RENDER_APP_HIT_RULE && a->hits[i].a == 0 &&
		    a->hits[i].rc.x >= a->panels.inspector.x)
			row = &a->hits[i];
	test_render_util_click(a, row);
	cr_assert_eq(sim_rule_enabled(render_app_sim(a), 0, 0), 1);
	render_app_free(a);
}

Test(render_input, clicking_an_event_jumps_there)
{
	struct render_app *a = test_render_input_app(TEST_RENDER_INPUT_LESSON);
	for (int i = 0; i < 12; i++)
		test_render_util_key(a, SDLK_RIGHT, 0);
	render_app_draw(a);
	/* The oldest visible row that lies in the past. */
	const struct render_app_hitbox *h = NULL;
	for (size_t i = 0; i < a->nhits; i++)
		if (a->hits[i].kind == RENDER_APP_HIT_EVENT && a->hits[i].a < 10)
			h = h && h->a <= a->hits[i].a ? h : &a->hits[i];
	cr_assert_not_null(h, "no event row to click");
	size_t want = (size_t)h->a;
	test_render_util_click(a, h);
	cr_assert_eq(sim_events_done(render_app_sim(a)), want);
	/* What came next is still listed (greyed) and a click goes forward again. */
	const struct render_app_hitbox *f = NULL;
	for (size_t i = 0; i < a->nhits; i++)
		if (a->hits[i].kind == RENDER_APP_HIT_EVENT && (size_t)a->hits[i].a > want)
			f = &a->hits[i];
	cr_assert_not_null(f, "the future rows are gone after stepping back");
	size_t ahead = (size_t)f->a;
	test_render_util_click(a, f);
	cr_assert_eq(sim_events_done(render_app_sim(a)), ahead);
	render_app_free(a);
}

Test(render_input, compose_a_japanese_mail_with_bcc)
{
	struct render_app *a = test_render_input_app(TEST_RENDER_INPUT_LESSON);
	size_t before = sim_ledger_count(render_app_sim(a));
	test_render_util_key(a, SDLK_c, 0);
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_COMPOSE);
	render_app_draw(a);
	/* Keys that would play or step while the dialog is open go to the dialog. */
	test_render_util_key(a, SDLK_SPACE, 0);
	cr_assert_not(a->playing);
	/* Focus starts in To; go to Bcc, type an address; then the subject. */
	cr_assert_eq(a->compose.focus, RENDER_COMPOSE_TO);
	test_render_util_key(a, SDLK_TAB, 0);
	test_render_util_key(a, SDLK_TAB, 0);
	cr_assert_eq(a->compose.focus, RENDER_COMPOSE_BCC);
	test_render_input_text(a, "alice@ispa.example");
	test_render_util_key(a, SDLK_TAB, 0);
	while (a->compose.text[RENDER_COMPOSE_SUBJECT].len)
		test_render_util_key(a, SDLK_BACKSPACE, 0);
	/* An IME first shows its composition, then commits the text. */
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = SDL_TEXTEDITING;
	snprintf(ev.edit.text, sizeof ev.edit.text, "%s", "かいぎ");
	render_app_handle_event(a, &ev);
	cr_assert_str_eq(a->compose.editing, "かいぎ");
	render_app_draw(a);
	test_render_input_text(a, "会議");
	cr_assert_str_eq(a->compose.editing, "");
	test_render_input_text(a, "の件");
	cr_assert_str_eq(a->compose.text[RENDER_COMPOSE_SUBJECT].s, "会議の件");
	/* Port 465 by clicking its chip. */
	render_app_draw(a);
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_PORT, 465, -1));
	cr_assert_eq(a->compose.port, 465);
	test_render_util_key(a, SDLK_RETURN, KMOD_LCTRL);
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_NONE, "Ctrl+Enter did not send");
	size_t nact = 0;
	const struct sim_action *act = timeline_actions(a->tl, &nact);
	cr_assert_eq(nact, 1);
	cr_assert_eq(act[0].kind, SIM_ACT_COMPOSE);
	cr_assert_str_eq(act[0].compose.subject, "会議の件");
	cr_assert_str_eq(act[0].compose.bcc, "alice@ispa.example");
	cr_assert_eq(act[0].compose.port, 465);
	/* Run to the end: the mail exists in the ledger with its subject. */
	render_control_run_to(a, 200000000);
	struct sim *s = render_app_sim(a);
	cr_assert_gt(sim_ledger_count(s), before);
	int found = 0;
	for (size_t i = 0; i < sim_ledger_count(s); i++) {
		const struct ledger_entry *e = sim_ledger(s, i);
		found |= e->subject && strstr(e->subject, "会議") != NULL;
	}
	cr_assert(found, "the composed mail is not in the ledger");
	render_app_draw(a);
	render_app_free(a);
}

Test(render_input, escape_cancels_compose_without_sending)
{
	struct render_app *a = test_render_input_app(TEST_RENDER_INPUT_LESSON);
	test_render_util_key(a, SDLK_c, 0);
	test_render_input_text(a, "x");
	test_render_util_key(a, SDLK_ESCAPE, 0);
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_NONE);
	size_t nact = 1;
	timeline_actions(a->tl, &nact);
	cr_assert_eq(nact, 0);
	render_app_free(a);
}

Test(render_input, drag_a_host_and_save_atomically)
{
	char dir[] = "/tmp/mailsim-test-save-XXXXXX";
	cr_assert_not_null(mkdtemp(dir));
	char path[256], cmd[600];
	snprintf(path, sizeof path, "%s/lesson.json", dir);
	snprintf(cmd, sizeof cmd, "cp %s %s", TEST_RENDER_INPUT_LESSON, path);
	cr_assert_eq(system(cmd), 0);
	struct render_app *a = test_render_input_app(path);
	const struct render_app_hitbox *h = render_app_hit_find(a, RENDER_APP_HIT_HOST, 0, -1);
	cr_assert_not_null(h);
	float x0 = a->layout.host[0][0], y0 = a->layout.host[0][1];
	int x = h->rc.x + h->rc.w / 2, y = h->rc.y + h->rc.h / 2;
	test_render_input_mouse(a, SDL_MOUSEBUTTONDOWN, x, y);
	test_render_input_mouse(a, SDL_MOUSEMOTION, x + 20, y + 10);
	test_render_input_mouse(a, SDL_MOUSEMOTION, x + 60, y + 30);
	test_render_input_mouse(a, SDL_MOUSEBUTTONUP, x + 60, y + 30);
	cr_assert_gt(a->layout.host[0][0], x0 + 1);
	cr_assert_gt(a->layout.host[0][1], y0 + 1);
	cr_assert(a->layout.host_moved[0]);
	cr_assert_neq(a->sel, RENDER_APP_SEL_HOST, "a drag is not a click");
	test_render_util_key(a, SDLK_s, KMOD_LCTRL);
	char tmp[300];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	cr_assert_neq(access(tmp, F_OK), 0, "the temporary file was left behind");
	struct scenario *sc = scenario_load(path, stderr);
	cr_assert_not_null(sc, "the saved lesson no longer loads");
	cr_assert(sc->hosts[0].has_pos);
	cr_assert_float_eq(sc->hosts[0].pos[0], a->layout.host[0][0], 1.0);
	cr_assert_float_eq(sc->hosts[0].pos[1], a->layout.host[0][1], 1.0);
	scenario_free(sc);
	render_app_free(a);
	unlink(path);
	rmdir(dir);
}

Test(render_input, click_selects_and_wheel_zooms)
{
	struct render_app *a = test_render_input_app(TEST_RENDER_INPUT_LESSON);
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_HOST, 1, -1));
	cr_assert_eq(a->sel, RENDER_APP_SEL_HOST);
	cr_assert_eq(a->sel_index, 1);
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_ROUTER, 0, -1));
	cr_assert_eq(a->sel, RENDER_APP_SEL_ROUTER);
	float z = a->layout.zoom;
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	test_render_input_mouse(a, SDL_MOUSEMOTION, a->panels.topo.x + 40, a->panels.topo.y + 40);
	ev.type = SDL_MOUSEWHEEL;
	ev.wheel.y = 1;
	render_app_handle_event(a, &ev);
	cr_assert_gt(a->layout.zoom, z);
	test_render_util_key(a, SDLK_0, 0);
	cr_assert_float_eq(a->layout.zoom, 1.0f, 1e-6);
	test_render_util_key(a, SDLK_ESCAPE, 0);
	cr_assert_eq(a->sel, RENDER_APP_SEL_NONE);
	render_app_free(a);
}

Test(render_input, language_presenter_help_and_picker)
{
	struct render_app *a = test_render_input_app(TEST_RENDER_INPUT_LESSON);
	test_render_util_key(a, SDLK_l, 0);
	cr_assert_eq(a->lang, LANG_JA);
	test_render_util_key(a, SDLK_l, 0);
	cr_assert_eq(a->lang, LANG_EN);
	test_render_util_key(a, SDLK_p, 0);
	cr_assert(a->presenter);
	test_render_util_key(a, SDLK_h, 0);
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_HELP);
	render_app_draw(a);
	test_render_util_key(a, SDLK_ESCAPE, 0);
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_NONE);
	test_render_util_key(a, SDLK_o, 0);
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_PICKER);
	cr_assert_gt(a->nlessons, 0);
	render_app_draw(a);
	cr_assert_not_null(render_app_hit_find(a, RENDER_APP_HIT_LESSON, 0, -1));
	test_render_util_key(a, SDLK_RIGHT, 0);   /* ignored by the picker */
	cr_assert_eq(sim_events_done(render_app_sim(a)), 0);
	test_render_util_key(a, SDLK_RETURN, 0);
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_NONE);
	cr_assert_not_null(a->sc);
	render_app_free(a);
}

Test(render_input, fetch_button_on_an_mua_host)
{
	struct render_app *a = test_render_input_app(TEST_RENDER_INPUT_LESSON);
	int bob = scenario_find_host(a->sc, "bob-pc");
	cr_assert_geq(bob, 0);
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_HOST, bob, -1));
	cr_assert_eq(a->sel, RENDER_APP_SEL_HOST);
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_FETCH, -1));
	size_t nact = 0;
	const struct sim_action *act = timeline_actions(a->tl, &nact);
	cr_assert_eq(nact, 1, "the fetch button did nothing");
	cr_assert_eq(act[0].kind, SIM_ACT_FETCH);
	/* A server has no user's MUA: no button there. */
	int mail = scenario_find_host(a->sc, "mail-b");
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_HOST, mail, -1));
	cr_assert_null(render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_FETCH, -1));
	render_app_free(a);
}

Test(render_input, mark_a_delivered_message_as_spam)
{
	/* Only where the reader has a spam filter (review 19 C9): not in
	 * lesson 01, which has none... */
	struct render_app *a = test_render_input_app(TEST_RENDER_INPUT_LESSON);
	test_render_util_msg_at(a, 20000000, "m1", 1);   /* in Bob's mailbox by then */
	cr_assert_null(render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_SPAM, -1),
	               "\"Mark as spam\" in a lesson without a spam filter");
	cr_assert_null(render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_HAM, -1));
	render_app_free(a);
	/* ... but in lesson 12, where Bob's has one. */
	a = test_render_input_app("scenarios/12-bayes-learning.json");
	test_render_util_msg_at(a, 80000000, "phish1", 1);
	cr_assert_not_null(render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_HAM, -1));
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_SPAM, -1));
	size_t nact = 0;
	const struct sim_action *act = timeline_actions(a->tl, &nact);
	cr_assert_eq(nact, 1, "the spam button did nothing");
	cr_assert_eq(act[0].kind, SIM_ACT_MARK);
	cr_assert_eq(act[0].spam, 1);
	cr_assert_eq(act[0].user, scenario_find_user(a->sc, "bob@ispb.example"), "the mark names Bob");
	render_app_free(a);
}

Test(render_input, stepped_back_future_events_still_name_their_mail)
{
	/* Run past m2's creation, step back before it: the grey future rows
	 * must still say "m2", not "?". */
	struct render_app *a = test_render_input_app(TEST_RENDER_INPUT_LESSON);
	struct sim *s = timeline_sim(a->tl);
	while (sim_ledger_count(s) < 2) {
		test_render_util_key(a, SDLK_RIGHT, 0);
		s = timeline_sim(a->tl);
		cr_assert_lt(sim_events_done(s), 5000u, "m2 never appeared");
	}
	size_t at = sim_events_done(s);
	for (size_t i = 0; i < 10; i++)
		test_render_util_key(a, SDLK_LEFT, 0);
	s = timeline_sim(a->tl);
	cr_assert_eq(sim_ledger_count(s), 1, "back before m2 exists");
	size_t nahead = 0;
	const struct trace_rec *ahead = timeline_ahead(a->tl, &nahead);
	cr_assert_gt(nahead, 0);
	cr_assert_geq(ahead[nahead - 1].event + 1, at, "the future rows are kept");
	int found = 0;
	for (size_t i = 0; i < nahead; i++)
		if (ahead[i].kind == TR_COMPOSE && ahead[i].msg == 1) {
			struct sbuf b = { 0 };
			render_view_event_text(a, &ahead[i], &b);
			cr_expect(strstr(b.s, "m2") != NULL, "future row: %s", b.s);
			cr_expect(strstr(b.s, "?") == NULL, "future row: %s", b.s);
			sbuf_free(&b);
			found = 1;
		}
	cr_expect(found, "m2's compose row is among the kept records");
	render_app_free(a);
}

/* Lesson 07's forgery recreated live: from the attacker's PC (no user
 * account) the dialog goes straight to the MX on port 25, with a header
 * From of the CEO and the attacker's own envelope sender; ISP B's SPF
 * passes for evil.example, DMARC fails, and the copy lands in Junk. */
Test(render_input, compose_sends_straight_to_the_mx_from_an_attackers_pc)
{
	struct render_app *a = test_render_input_app("scenarios/07-spoofing-spf.json");
	render_control_run_to(a, 60000000);
	int attacker = scenario_find_host(a->sc, "attacker");
	cr_assert_geq(attacker, 0);
	render_compose_open(a, attacker);
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_COMPOSE);
	cr_assert_eq(a->compose.user, -1);
	cr_assert(a->compose.direct, "a PC with no account starts on straight-to-MX");
	render_app_draw(a);
	cr_assert_null(render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_AUTH, -1),
	               "no SMTP AUTH switch for someone else's MX");
	/* Port 587 and back: the chips switch between submission and direct. */
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_PORT, 587, -1));
	cr_assert_not(a->compose.direct);
	render_app_draw(a);
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_PORT, 0, -1));
	cr_assert(a->compose.direct);
	sbuf_reset(&a->compose.text[RENDER_COMPOSE_FROM]);
	sbuf_adds(&a->compose.text[RENDER_COMPOSE_FROM], "社長 <ceo@corp.example>");
	sbuf_reset(&a->compose.text[RENDER_COMPOSE_MAIL_FROM]);
	sbuf_adds(&a->compose.text[RENDER_COMPOSE_MAIL_FROM], "news@evil.example");
	sbuf_reset(&a->compose.text[RENDER_COMPOSE_TO]);
	sbuf_adds(&a->compose.text[RENDER_COMPOSE_TO], "bob@ispb.example");
	render_app_draw(a);
	test_render_util_key(a, SDLK_RETURN, KMOD_LCTRL);
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_NONE);
	size_t nact = 0;
	const struct sim_action *act = timeline_actions(a->tl, &nact);
	cr_assert_eq(nact, 1);
	cr_assert(act[0].compose.direct);
	render_control_run_to(a, a->sc->until_us);
	struct sim *s = render_app_sim(a);
	int e = sim_ledger_find(s, "c1");
	cr_assert_geq(e, 0, "the composed mail is in the ledger");
	const struct ledger_entry *le = sim_ledger(s, (size_t)e);
	cr_assert_eq(le->nrcpts, 1);
	cr_expect_eq(le->rcpts[0].state, LS_DELIVERED);
	cr_expect_str_eq(le->rcpts[0].folder, "Junk", "SPF pass for evil.example, DMARC fail for corp.example");
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	int compose = 0, submission = 0;
	for (size_t i = 0; i < n; i++) {
		if (tr[i].msg != e)
			continue;
		if (tr[i].kind == TR_COMPOSE) {
			compose++;
			cr_expect_eq(tr[i].origin, TRACE_ORIGIN_ATTACKER);
			cr_expect_eq(tr[i].peer, -1, "no relay named");
		}
		submission += tr[i].port == 587 || tr[i].port == 465;
	}
	cr_expect_eq(compose, 1);
	cr_expect_eq(submission, 0, "no submission port on the way");
	render_app_free(a);
}

/* Straight to the MX with MAIL FROM left empty, the preview's notes (what
 * <> means, what going direct means) are whole in presenter mode at both
 * sizes and in both languages (at 1280 x 720 they were cut). */
Test(render_input, the_compose_preview_notes_are_whole)
{
	for (int z = 0; z < 8; z++) {
		if (!test_render_util_sweep("scenarios/07-spoofing-spf.json", (z & 1) + 2 * (z >> 2) + (z & 2 ? 4 : 0)))
			continue;
		struct render_app *a = test_render_util_app_mode("scenarios/07-spoofing-spf.json", z & 2 ? LANG_EN : LANG_JA,
								  z & 1 ? 1920 : 1280, z & 1 ? 1080 : 720, z >> 2);
		render_compose_open(a, scenario_find_host(a->sc, "attacker"));
		cr_assert(a->compose.direct);
		render_app_draw(a);
		cr_expect_not(a->compose.preview_cut, "%dx%d%s %s: the preview is cut", a->w, a->h,
			      a->presenter ? " presenter" : "", z & 2 ? "en" : "ja");
		render_app_free(a);
	}
}

/* From the attacker's PC with From and MAIL FROM empty, the preview drew a
 * bare "From:" and Send wrote a message with an empty From, which RFC 5322
 * forbids. Now the preview says From is missing and Send refuses; with
 * only MAIL FROM typed, the From written (and previewed) is that address,
 * as mua_compose writes it. */
Test(render_input, compose_never_sends_a_mail_without_a_from)
{
	struct render_app *a = test_render_input_app("scenarios/07-spoofing-spf.json");
	render_compose_open(a, scenario_find_host(a->sc, "attacker"));
	struct render_compose *c = &a->compose;
	cr_assert_eq(c->user, -1);
	sbuf_reset(&c->text[RENDER_COMPOSE_FROM]);
	sbuf_reset(&c->text[RENDER_COMPOSE_MAIL_FROM]);
	sbuf_reset(&c->text[RENDER_COMPOSE_TO]);
	sbuf_adds(&c->text[RENDER_COMPOSE_TO], "bob@ispb.example");
	struct sbuf env = { 0 }, hdr = { 0 };
	render_compose_preview(a->sc, c, &env, &hdr);
	cr_expect_null(strstr(hdr.s, "From:"), "a bare From: in the preview: %s", hdr.s);
	cr_assert_eq(render_compose_submit(a), -1, "a mail with no From was sent");
	size_t nact = 0;
	timeline_actions(a->tl, &nact);
	cr_assert_eq(nact, 0);
	sbuf_adds(&c->text[RENDER_COMPOSE_MAIL_FROM], "news@evil.example");
	sbuf_reset(&env);
	sbuf_reset(&hdr);
	render_compose_preview(a->sc, c, &env, &hdr);
	cr_expect(strstr(hdr.s, "From: news@evil.example\n"), "%s", hdr.s);
	sbuf_free(&env);
	sbuf_free(&hdr);
	cr_assert_eq(render_compose_submit(a), 0);
	render_control_run_to(a, a->sc->until_us);
	struct sim *s = render_app_sim(a);
	int e = sim_ledger_find(s, "c1");
	cr_assert_geq(e, 0);
	struct sim_copy cp;
	int seen = 0;
	for (size_t i = 0; sim_copy_get(s, i, &cp) == 0; i++) {
		char f[256];
		if (cp.holder != HOLD_MAILBOX || !msg_header_get(cp.m, "Subject", f, sizeof f))
			continue;
		if (!msg_header_get(cp.m, "From", f, sizeof f))
			f[0] = '\0';
		seen += strcmp(f, "news@evil.example") == 0;
	}
	cr_expect(seen, "no stored copy has the From news@evil.example");
	render_app_free(a);
}
