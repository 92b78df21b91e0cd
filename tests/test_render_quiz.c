/* test_render_quiz — the lesson's quiz in the window, driven by keys and
 * clicks fed as SDL events into an off-screen session: playing and
 * stepping stop just before the event a question belongs to, an answer
 * lets the event happen and the reveal shows the right answer, stepping
 * back makes a question askable again and a restart asks everything again;
 * and the overlay's parts never overlap, in both languages, at 1280x720
 * and 1920x1080, normal and presenter, for every question of every
 * lesson. */
#include <criterion/criterion.h>

#include <SDL.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "narrate.h"
#include "quiz.h"
#include "render_app.h"
#include "test_render_util.h"

#define TEST_RENDER_QUIZ_OP25B "scenarios/02-op25b.json"
#define TEST_RENDER_QUIZ_BASIC "scenarios/01-basic-flow.json"

/* The choice boxes' colours (render_quiz.c): right, wrong. */
#define TEST_RENDER_QUIZ_RIGHT_BG 0xC8E6C900u
#define TEST_RENDER_QUIZ_WRONG_BG 0xFFCDD200u

/* Does any of tr[0 .. n-1] match question q's "on"? */
static int test_render_quiz_in(const struct scenario *sc, int q, const struct trace_rec *tr, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (narrate_matches(&sc->quiz[q].on, &tr[i]))
			return 1;
	return 0;
}

/* Step with → until a question is on screen; returns its index. */
static int test_render_quiz_step_to_question(struct render_app *a)
{
	for (int i = 0; i < 5000 && a->quiz.phase == RENDER_QUIZ_IDLE; i++) {
		cr_assert_gt(sim_events_pending(render_app_sim(a)), 0, "the lesson ended without a question");
		test_render_util_key(a, SDLK_RIGHT, 0);
	}
	cr_assert_eq(a->quiz.phase, RENDER_QUIZ_ASK);
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_QUIZ);
	return a->quiz.cur[a->quiz.icur];
}

/* The question is asked before its event: the present trace holds no
 * record of it, and the next event (the run ahead, kept by the timeline)
 * makes the record. */
static void test_render_quiz_assert_before(struct render_app *a, int q)
{
	struct sim *s = render_app_sim(a);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	cr_assert_not(test_render_quiz_in(a->sc, q, tr, n), "question %d: its event already happened", q);
	cr_assert_eq(sim_events_done(s) + 1, a->quiz.event, "not one event before it");
	size_t na = 0;
	const struct trace_rec *ahead = timeline_ahead(a->tl, &na);
	int found = 0;
	for (size_t i = n; i < na; i++)
		found |= ahead[i].event == a->quiz.event && narrate_matches(&a->sc->quiz[q].on, &ahead[i]);
	cr_assert(found, "question %d: the next event is not the one it is about", q);
}

Test(render_quiz, stepping_stops_before_the_event_and_a_key_answers)
{
	struct render_app *a = test_render_util_app(TEST_RENDER_QUIZ_OP25B, LANG_EN, 1600, 900);
	int q = test_render_quiz_step_to_question(a);
	cr_assert_eq(q, 0, "the first question comes first");
	test_render_quiz_assert_before(a, q);
	size_t before = sim_events_done(render_app_sim(a));
	/* Stepping and playing wait for the answer. */
	test_render_util_key(a, SDLK_RIGHT, 0);
	test_render_util_key(a, SDLK_SPACE, 0);
	render_control_tick(a, 1.0);
	cr_assert_eq(sim_events_done(render_app_sim(a)), before, "the run went on past an open question");
	render_app_draw(a);
	const struct sc_quiz *qq = &a->sc->quiz[q];
	for (int i = 0; i < qq->nchoices; i++)
		cr_assert_not_null(render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_QUIZ_CHOICE, i),
				   "choice %d cannot be clicked", i + 1);
	/* The right answer by its key: the event happens, the reveal shows. */
	test_render_util_key(a, SDLK_1 + qq->answer, 0);
	cr_assert_eq(a->quiz.phase, RENDER_QUIZ_REVEAL);
	struct sim *s = render_app_sim(a);
	cr_assert_eq(sim_events_done(s), before + 1, "answering did not let the event happen");
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	cr_assert_geq(a->quiz.rec[q], 0);
	cr_assert(narrate_matches(&qq->on, &tr[a->quiz.rec[q]]), "the question's record is not its own");
	cr_assert_eq(tr[a->quiz.rec[q]].event, sim_events_done(s), "the record came from another event");
	cr_assert_eq(a->quiz.answer[q], qq->answer);
	render_app_draw(a);
	const struct render_quiz_layout *L = &a->quiz.layout;
	cr_assert_gt(L->verdict.h, 0, "no verdict");
	cr_assert_gt(L->explain.h, 0, "no explanation");
	SDL_Rect right = L->choice[qq->answer];
	cr_assert_gt(test_render_util_count(a, right, TEST_RENDER_QUIZ_RIGHT_BG), (long)right.w * right.h / 3,
		     "the right answer is not highlighted");
	int right_n = 0, answered = 0;
	render_quiz_score(a, &right_n, &answered);
	cr_assert_eq(right_n, 1);
	cr_assert_eq(answered, 1);
	/* Space continues: the overlay closes, the run stays where it is. */
	test_render_util_key(a, SDLK_SPACE, 0);
	cr_assert_eq(a->quiz.phase, RENDER_QUIZ_IDLE);
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_NONE);
	cr_assert_eq(sim_events_done(render_app_sim(a)), before + 1);
	cr_assert_not(a->playing);
	render_app_free(a);
}

Test(render_quiz, playing_stops_before_each_question_and_resumes_after_it)
{
	struct render_app *a = test_render_util_app(TEST_RENDER_QUIZ_OP25B, LANG_JA, 1280, 720);
	render_control_set_speed(a, 20);
	test_render_util_key(a, SDLK_SPACE, 0);
	cr_assert(a->playing);
	for (int i = 0; i < 3000 && a->quiz.phase == RENDER_QUIZ_IDLE; i++)
		render_control_tick(a, 1.0 / 30);
	cr_assert_eq(a->quiz.phase, RENDER_QUIZ_ASK, "play passed the first question");
	cr_assert_not(a->playing, "play goes on under the question");
	cr_assert_eq(a->quiz.cur[0], 0);
	test_render_quiz_assert_before(a, 0);
	render_app_draw(a);
	/* A wrong answer by a click. */
	const struct sc_quiz *qq = &a->sc->quiz[0];
	int wrong = qq->answer == 0 ? 1 : 0;
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_QUIZ_CHOICE, wrong));
	cr_assert_eq(a->quiz.phase, RENDER_QUIZ_REVEAL);
	cr_assert_eq(a->quiz.answer[0], wrong);
	SDL_Rect mine = a->quiz.layout.choice[wrong], right = a->quiz.layout.choice[qq->answer];
	cr_assert_gt(test_render_util_count(a, mine, TEST_RENDER_QUIZ_WRONG_BG), (long)mine.w * mine.h / 3,
		     "the class's wrong answer is not marked");
	cr_assert_gt(test_render_util_count(a, right, TEST_RENDER_QUIZ_RIGHT_BG), (long)right.w * right.h / 3,
		     "the right answer is not highlighted");
	/* A click on the reveal continues, and play resumes. */
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_QUIZ_CONTINUE, -1));
	cr_assert_eq(a->quiz.phase, RENDER_QUIZ_IDLE);
	cr_assert(a->playing, "play did not resume after the reveal");
	for (int i = 0; i < 3000 && a->quiz.phase == RENDER_QUIZ_IDLE; i++)
		render_control_tick(a, 1.0 / 30);
	cr_assert_eq(a->quiz.phase, RENDER_QUIZ_ASK);
	cr_assert_eq(a->quiz.cur[0], 1, "the second question is next");
	test_render_quiz_assert_before(a, 1);
	int right_n = 0, answered = 0;
	render_quiz_score(a, &right_n, &answered);
	cr_assert_eq(right_n, 0);
	cr_assert_eq(answered, 1);
	render_app_free(a);
}

Test(render_quiz, stepping_back_makes_a_question_askable_again_and_restart_asks_all)
{
	struct render_app *a = test_render_util_app(TEST_RENDER_QUIZ_BASIC, LANG_EN, 1280, 720);
	int q = test_render_quiz_step_to_question(a);
	cr_assert_eq(q, 0);
	/* Lesson 01 asks its first question before its first event: ← closes
	 * it even where there is no step back. */
	cr_assert_eq(sim_events_done(render_app_sim(a)), 0);
	test_render_util_key(a, SDLK_LEFT, 0);
	cr_assert_eq(a->quiz.phase, RENDER_QUIZ_IDLE);
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_NONE);
	cr_assert_eq(test_render_quiz_step_to_question(a), 0);
	test_render_util_key(a, SDLK_1 + a->sc->quiz[0].answer, 0);
	test_render_util_key(a, SDLK_RETURN, 0);
	cr_assert_geq(a->quiz.rec[0], 0);
	/* One step back: the event is undone, the question can come again. */
	test_render_util_key(a, SDLK_LEFT, 0);
	cr_assert_eq(a->quiz.rec[0], -1);
	cr_assert_eq(a->quiz.answer[0], RENDER_QUIZ_UNASKED);
	cr_assert_eq(test_render_quiz_step_to_question(a), 0, "the question was not asked again");
	/* Esc shows the answer without one. */
	test_render_util_key(a, SDLK_ESCAPE, 0);
	cr_assert_eq(a->quiz.phase, RENDER_QUIZ_REVEAL);
	cr_assert_eq(a->quiz.answer[0], RENDER_QUIZ_SKIPPED);
	render_app_draw(a);
	test_render_util_key(a, SDLK_SPACE, 0);
	/* ← while a question is open closes it and steps back. */
	cr_assert_eq(test_render_quiz_step_to_question(a), 1);
	size_t at = sim_events_done(render_app_sim(a));
	test_render_util_key(a, SDLK_LEFT, 0);
	cr_assert_eq(a->quiz.phase, RENDER_QUIZ_IDLE);
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_NONE);
	cr_assert_eq(sim_events_done(render_app_sim(a)), at - 1);
	cr_assert_geq(a->quiz.rec[0], 0, "the first question, long passed, was forgotten");
	/* Restart: every question is askable again, the first comes first. */
	test_render_util_key(a, SDLK_r, 0);
	for (int i = 0; i < a->quiz.nquiz; i++) {
		cr_assert_eq(a->quiz.rec[i], -1);
		cr_assert_eq(a->quiz.answer[i], RENDER_QUIZ_UNASKED);
	}
	cr_assert_eq(test_render_quiz_step_to_question(a), 0);
	/* Q switches the quiz off: the question closes and stepping goes on. */
	test_render_util_key(a, SDLK_q, 0);
	cr_assert(a->quiz.off);
	cr_assert_eq(a->quiz.phase, RENDER_QUIZ_IDLE);
	size_t e = sim_events_done(render_app_sim(a));
	test_render_util_key(a, SDLK_RIGHT, 0);
	cr_assert_eq(sim_events_done(render_app_sim(a)), e + 1);
	cr_assert_eq(a->quiz.phase, RENDER_QUIZ_IDLE);
	render_app_free(a);
}

/* The parts of the overlay in the last frame: none overlaps another, all
 * lie inside the box, the box inside the window below the top bar. */
static void test_render_quiz_assert_layout(struct render_app *a, const char *what)
{
	const struct render_quiz_layout *L = &a->quiz.layout;
	SDL_Rect part[5 + SC_QUIZ_MAX_CHOICES];
	int n = 0;
	part[n++] = L->title;
	part[n++] = L->question;
	for (int i = 0; i < L->nchoices; i++)
		part[n++] = L->choice[i];
	if (a->quiz.phase == RENDER_QUIZ_REVEAL) {
		part[n++] = L->verdict;
		part[n++] = L->explain;
	}
	part[n++] = L->hint;
	SDL_Rect win = { 0, a->panels.top.h, a->w, a->h - a->panels.top.h }, x;
	SDL_Rect box = L->box;
	cr_assert(SDL_IntersectRect(&box, &win, &x) && SDL_RectEquals(&x, &box), "%s: the box leaves the window", what);
	for (int i = 0; i < n; i++) {
		cr_assert(part[i].w > 0 && part[i].h > 0, "%s: part %d is empty", what, i);
		cr_assert(SDL_IntersectRect(&part[i], &box, &x) && SDL_RectEquals(&x, &part[i]),
			  "%s: part %d (%d,%d %dx%d) leaves the box", what, i, part[i].x, part[i].y, part[i].w, part[i].h);
		for (int j = 0; j < i; j++)
			cr_assert_not(SDL_HasIntersection(&part[i], &part[j]), "%s: parts %d and %d overlap", what, j, i);
	}
}

/* Every question of the lesson, stepping from start to end: asked once
 * each, in the order sim's quiz_locate gives, its layout clean; at the end
 * the check panel opens. */
static void test_render_quiz_whole_lesson(const char *lesson, int lang, int w, int h, int presenter)
{
	struct render_app *a = test_render_util_app(lesson, lang, w, h);
	a->presenter = presenter;
	render_app_draw(a);
	int asked[16] = { 0 }, order[16], n = 0;
	char what[160];
	for (int step = 0; step < 20000 && a->overlay != RENDER_APP_OVERLAY_CHECK; step++) {
		if (a->quiz.phase == RENDER_QUIZ_ASK) {
			int q = a->quiz.cur[a->quiz.icur];
			cr_assert_lt(q, 16);
			cr_assert_eq(asked[q], 0, "%s: question %d asked twice", lesson, q);
			asked[q] = 1;
			order[n++] = q;
			snprintf(what, sizeof what, "%s q%d %s %dx%d%s ask", lesson, q, lang_names[lang], w, h,
				 presenter ? " presenter" : "");
			render_app_draw(a);
			test_render_quiz_assert_layout(a, what);
			/* Big type: the choices at least body size, the question larger. */
			cr_assert_geq(a->quiz.layout.px_choice, a->panels.px_body, "%s: choices at %d px", what,
				      a->quiz.layout.px_choice);
			cr_assert_gt(a->quiz.layout.px_question, a->quiz.layout.px_choice, "%s", what);
			test_render_util_key(a, SDLK_1 + (step % a->sc->quiz[q].nchoices), 0);
			cr_assert_eq(a->quiz.phase, RENDER_QUIZ_REVEAL, "%s", what);
			render_app_draw(a);
			what[strlen(what) - 3] = '\0';
			strcat(what, "reveal");
			test_render_quiz_assert_layout(a, what);
			test_render_util_key(a, SDLK_SPACE, 0);
			continue;
		}
		test_render_util_key(a, SDLK_RIGHT, 0);
	}
	cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_CHECK, "%s: the check panel did not open at the end", lesson);
	/* The order the run asks them in, as the worksheet prints them. */
	size_t nt = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &nt);
	long at[16];
	quiz_locate(a->sc, tr, nt, at);
	cr_assert_eq(n, a->sc->nquiz, "%s: %d of %d questions asked", lesson, n, a->sc->nquiz);
	for (int i = 1; i < n; i++)
		cr_assert_lt(at[order[i - 1]], at[order[i]], "%s: questions out of order", lesson);
	render_app_free(a);
}

Test(render_quiz, every_question_of_lessons_01_to_05_is_asked_once_and_laid_out_cleanly)
{
	static const char *const lessons[] = {
		"scenarios/01-basic-flow.json", "scenarios/02-op25b.json", "scenarios/03-ip25b.json",
		"scenarios/04-submission-587-465.json", "scenarios/05-envelope-bcc-forward.json",
	};
	for (size_t i = 0; i < sizeof lessons / sizeof *lessons; i++) {
		/* Each lesson in one of the combinations, and lesson 05 (the
		 * longest texts) in all of them. */
		int combo = (int)i;
		test_render_quiz_whole_lesson(lessons[i], combo % 2 ? LANG_EN : LANG_JA, combo / 2 % 2 ? 1920 : 1280,
					      combo / 2 % 2 ? 1080 : 720, combo == 1 || combo == 2);
	}
	/* (under the sanitizers the configurations MAILSIM_TEST_SWEEP picks) */
	for (int k = 0; k < 8; k++)
		if (test_render_util_sweep(lessons[4], k))
			test_render_quiz_whole_lesson(lessons[4], k % 2 ? LANG_EN : LANG_JA, k / 2 % 2 ? 1920 : 1280,
						      k / 2 % 2 ? 1080 : 720, k / 4);
}

/* Step with → (answering and closing any other question on the way) until
 * question q is on screen; fails the test if the run ends first. */
static void test_render_quiz_step_to(struct render_app *a, int q, const char *what)
{
	for (int i = 0; i < 200000; i++) {
		if (a->quiz.phase == RENDER_QUIZ_ASK && a->quiz.cur[a->quiz.icur] == q)
			return;
		if (a->quiz.phase == RENDER_QUIZ_ASK) {
			test_render_util_key(a, SDLK_1, 0);
			continue;
		}
		if (a->quiz.phase == RENDER_QUIZ_REVEAL) {
			test_render_util_key(a, SDLK_SPACE, 0);
			continue;
		}
		cr_assert_gt(sim_events_pending(render_app_sim(a)), 0, "%s: the lesson ended before the question", what);
		test_render_util_key(a, SDLK_RIGHT, 0);
	}
	cr_assert_fail("%s: never asked", what);
}

/* Every question of a lesson, asked and revealed: the window jumps by time
 * to just before the question's record (a jump asks nothing) and steps
 * from there, so even lesson 09's 96,000 records take a moment. */
static void test_render_quiz_every_question(const char *lesson, int lang, int w, int h, int presenter)
{
	struct render_app *a = test_render_util_app(lesson, lang, w, h);
	a->presenter = presenter;
	const struct scenario *sc = a->sc;
	cr_assert_geq(sc->nquiz, 3, "%s asks %d questions", lesson, sc->nquiz);
	/* Where each question belongs, from a headless run of the same lesson. */
	struct sim *s = sim_new(sc, NULL);
	sim_run_until(s, sc->until_us);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	long *at = calloc((size_t)sc->nquiz, sizeof *at);
	int64_t *t = calloc((size_t)sc->nquiz, sizeof *t);
	quiz_locate(sc, tr, n, at);
	for (int q = 0; q < sc->nquiz; q++) {
		cr_assert_geq(at[q], 0, "%s: question %d is never asked", lesson, q);
		t[q] = tr[at[q]].t;
	}
	sim_free(s);
	render_app_draw(a);
	char what[200];
	for (int k = 0; k < sc->nquiz; k++) {
		/* The k-th question in the run's order (records are distinct). */
		int q = -1;
		for (int j = 0; j < sc->nquiz && q < 0; j++) {
			int before = 0;
			for (int i = 0; i < sc->nquiz; i++)
				before += at[i] < at[j];
			if (before == k)
				q = j;
		}
		cr_assert_geq(q, 0, "%s: two questions on one record", lesson);
		snprintf(what, sizeof what, "%s q%d %s %dx%d%s", lesson, q, lang_names[lang], w, h,
			 presenter ? " presenter" : "");
		if (sim_now(render_app_sim(a)) < t[q] - 1)
			render_control_run_to(a, t[q] - 1);
		test_render_quiz_step_to(a, q, what);
		render_app_draw(a);
		test_render_quiz_assert_layout(a, what);
		cr_assert_geq(a->quiz.layout.px_choice, a->panels.px_body, "%s: choices at %d px", what,
			      a->quiz.layout.px_choice);
		cr_assert_gt(a->quiz.layout.px_question, a->quiz.layout.px_choice, "%s", what);
		test_render_util_key(a, SDLK_1 + (q % sc->quiz[q].nchoices), 0);
		cr_assert_eq(a->quiz.phase, RENDER_QUIZ_REVEAL, "%s", what);
		render_app_draw(a);
		test_render_quiz_assert_layout(a, what);
		test_render_util_key(a, SDLK_SPACE, 0);
	}
	free(at);
	free(t);
	render_app_free(a);
}

Test(render_quiz, every_question_of_every_lesson_fits_the_window)
{
	glob_t gl;
	cr_assert_eq(glob("scenarios/[0-9]*.json", 0, NULL, &gl), 0, "no lessons (run from the top directory)");
	for (size_t i = 0; i < gl.gl_pathc; i++) {
		/* The smallest window in Japanese (the longest lines) normal and
		 * presenter, and in English presenter. */
		if (test_render_util_sweep(gl.gl_pathv[i], 0))
			test_render_quiz_every_question(gl.gl_pathv[i], LANG_JA, 1280, 720, 0);
		if (test_render_util_sweep(gl.gl_pathv[i], 2))
			test_render_quiz_every_question(gl.gl_pathv[i], LANG_JA, 1280, 720, 1);
		if (test_render_util_sweep(gl.gl_pathv[i], 6))
			test_render_quiz_every_question(gl.gl_pathv[i], LANG_EN, 1280, 720, 1);
	}
	globfree(&gl);
}

/* mailsim shot --quiz: render_quiz_show brings each question on screen as
 * the window does (just before its event, nothing else open), and with an
 * answer lets the event happen and reveals it; a choice the question does
 * not have is refused. */
Test(render_quiz, a_shot_shows_each_question_asked_and_revealed)
{
	const char *lesson = "scenarios/05-envelope-bcc-forward.json";
	struct render_app *probe = test_render_util_app(lesson, LANG_JA, 1280, 720);
	int nquiz = probe->sc->nquiz;
	render_app_free(probe);
	for (int q = 0; q < nquiz; q++) {
		struct render_app *a = test_render_util_app(lesson, LANG_JA, 1280, 720);
		a->quiz.off = 1;   /* as a shot starts */
		cr_assert_eq(render_quiz_show(a, q, RENDER_QUIZ_UNASKED), 0, "question %d", q);
		cr_assert_eq(a->quiz.phase, RENDER_QUIZ_ASK, "question %d", q);
		cr_assert_eq(a->quiz.cur[a->quiz.icur], q);
		cr_assert_eq(a->overlay, RENDER_APP_OVERLAY_QUIZ);
		test_render_quiz_assert_before(a, q);
		render_app_free(a);
		a = test_render_util_app(lesson, LANG_JA, 1280, 720);
		int wrong = (a->sc->quiz[q].answer + 1) % a->sc->quiz[q].nchoices;
		cr_assert_eq(render_quiz_show(a, q, wrong), 0);
		cr_assert_eq(a->quiz.phase, RENDER_QUIZ_REVEAL, "question %d", q);
		cr_assert_eq(a->quiz.answer[q], wrong);
		size_t n = 0;
		const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
		cr_assert(a->quiz.rec[q] >= 0 && narrate_matches(&a->sc->quiz[q].on, &tr[a->quiz.rec[q]]),
			  "question %d: its event has not happened at the reveal", q);
		render_app_free(a);
	}
	struct render_app *a = test_render_util_app(lesson, LANG_JA, 1280, 720);
	cr_assert_eq(render_quiz_show(a, 0, a->sc->quiz[0].nchoices), -1, "a choice the question lacks");
	cr_assert_eq(render_quiz_show(a, nquiz, RENDER_QUIZ_UNASKED), -1, "a question the lesson lacks");
	render_app_free(a);
}

/* This frame's overlays of kind on the map. */
static int test_render_quiz_overs(const struct render_app *a, enum render_topology_over kind)
{
	int n = 0;
	for (size_t i = 0; a->place && i < a->place->nover; i++)
		n += a->place->over[i].kind == kind;
	return n;
}

/* Review 25 B8: the window around a question must not answer it.  Lesson
 * 11's question 3 (what does the admin see of the signed and encrypted
 * m1?) had the card show a readable Subject and "application/pkcs7-mime
 * — ciphertext"; lesson 14's question 1 (what does the eavesdropper
 * see?) had the map's tag say "C: PASS bob-pass".  What a question hides
 * comes back with the answer; a question that hides nothing hides
 * nothing. */
Test(render_quiz, what_would_give_the_answer_away_is_hidden_until_the_answer)
{
	struct render_app *a = test_render_util_app("scenarios/11-smime.json", LANG_JA, 1920, 1080);
	cr_assert(a->sc->quiz[2].hide >> SC_QUIZ_HIDE_CARD & 1u);
	cr_assert_eq(render_quiz_show(a, 2, RENDER_QUIZ_UNASKED), 0);
	render_app_draw(a);
	cr_assert_eq(a->ncard_shown, 0, "the card shows %d fields while question 3 is asked", a->ncard_shown);
	render_quiz_answer(a, 0);
	cr_assert_eq(a->quiz.phase, RENDER_QUIZ_REVEAL);
	render_app_draw(a);
	cr_assert_gt(a->ncard_shown, 0, "the card stays empty at the answer");
	render_app_free(a);
	a = test_render_util_app("scenarios/11-smime.json", LANG_JA, 1920, 1080);
	cr_assert_eq(a->sc->quiz[0].hide, 0u);
	cr_assert_eq(render_quiz_show(a, 0, RENDER_QUIZ_UNASKED), 0);
	render_app_draw(a);
	cr_assert_gt(a->ncard_shown, 0, "question 1 hides nothing, yet the card is empty");
	render_app_free(a);

	a = test_render_util_app("scenarios/14-secure-retrieval.json", LANG_EN, 1920, 1080);
	cr_assert(a->sc->quiz[0].hide >> SC_QUIZ_HIDE_WIRE & 1u);
	cr_assert_eq(render_quiz_show(a, 0, RENDER_QUIZ_UNASKED), 0);
	render_app_draw(a);
	cr_assert_eq(test_render_quiz_overs(a, RENDER_TOPOLOGY_OVER_PILL), 0, "a packet's line is on the map");
	cr_assert_eq(a->heard_conn, -1, "the eavesdropper's tag is on the map");
	render_quiz_answer(a, 1);
	render_app_draw(a);
	cr_assert_gt(test_render_quiz_overs(a, RENDER_TOPOLOGY_OVER_PILL) + (a->heard_conn >= 0), 0,
		     "the wire stays bare at the answer");
	render_app_free(a);
}
