/* render — the two entry points app/main.c calls: the classroom window and
 * the off-screen picture of one moment. */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_check.h"
#include "render_compose.h"
#include "render_events.h"
#include "render_font_pool.h"
#include "render_pdu.h"
#include "render_mime.h"

/* Frames per second when nothing paces the loop (no vsync under Xvfb or
 * with the software renderer). */
#define RENDER_FPS 60

static void render_window_size(const struct render_opts *o, int *w, int *h)
{
	*w = o->width > 0 ? o->width : 1600;
	*h = o->height > 0 ? o->height : 900;
	/* Never larger than the screen (a 1920 x 1080 request on a 1366 x 768
	 * classroom laptop): shrink to most of it, keeping the shape. */
	SDL_Rect r;
	if (SDL_GetDisplayUsableBounds(0, &r) == 0 && r.w > 0 && r.h > 0) {
		double k = 1.0;
		if (*w > r.w * 95 / 100)
			k = (double)r.w * 0.95 / *w;
		if (*h * k > r.h * 0.95)
			k = (double)r.h * 0.95 / *h;
		*w = (int)(*w * k);
		*h = (int)(*h * k);
	}
}


/* The app freed, and with it the fonts nobody holds any more
 * (render_font_pool keeps them open for the next window otherwise). */
static void render_done(struct render_app *a)
{
	render_app_free(a);
	render_font_pool_flush();
}
int render_window(const struct render_opts *o)
{
	SDL_SetHint(SDL_HINT_IME_SHOW_UI, "1");
	if (SDL_Init(SDL_INIT_VIDEO) < 0)
		return RENDER_NO_DISPLAY;
	int w, h;
	render_window_size(o, &w, &h);
	SDL_Window *win = SDL_CreateWindow("mailsim", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
					   SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
	if (!win) {
		SDL_Quit();
		return RENDER_NO_DISPLAY;
	}
	SDL_SetWindowMinimumSize(win, 800, 450);
	struct render_app *a = render_app_new_window(o, win);
	if (!a) {
		SDL_DestroyWindow(win);
		SDL_Quit();
		return 1;
	}
	/* Text input only while the compose dialog is open, or an IME would
	 * swallow the space bar and the letter keys. */
	SDL_StopTextInput();
	Uint64 freq = SDL_GetPerformanceFrequency();
	Uint64 last = SDL_GetPerformanceCounter();
	while (!a->quit) {
		SDL_Event ev;
		int busy = a->playing || a->drag != RENDER_APP_DRAG_NONE ||
			   a->overlay == RENDER_APP_OVERLAY_COMPOSE || a->toast[0];
		/* Paused and idle: sleep until something happens (a projector
		 * laptop on battery should not spin). */
		if (!busy && SDL_WaitEventTimeout(&ev, 250))
			render_app_handle_event(a, &ev);
		while (SDL_PollEvent(&ev))
			render_app_handle_event(a, &ev);
		Uint64 now = SDL_GetPerformanceCounter();
		double dt = (double)(now - last) / (double)freq;
		last = now;
		if (dt > 0.25)
			dt = 0.25;   /* after a stall, do not jump ahead */
		render_control_tick(a, dt);
		render_app_draw(a);
		if (a->toast[0] && SDL_TICKS_PASSED(SDL_GetTicks(), a->toast_until))
			a->toast[0] = '\0';
		double spent = (double)(SDL_GetPerformanceCounter() - now) / (double)freq;
		if (spent < 1.0 / RENDER_FPS)
			SDL_Delay((Uint32)((1.0 / RENDER_FPS - spent) * 1000.0));
	}
	render_done(a);
	SDL_DestroyWindow(win);
	SDL_Quit();
	return 0;
}

int render_shot(const struct render_opts *o)
{
	if (!o->out_png) {
		fprintf(stderr, "mailsim: shot: no output file (--out)\n");
		return 1;
	}
	int w = o->width > 0 ? o->width : 1920, h = o->height > 0 ? o->height : 1080;
	struct render_app *a = render_app_new_offscreen(o, w, h);
	if (!a)
		return 1;
	/* A picture asks no questions: the run goes straight to its moment,
	 * unless the picture is of a question (asked, or revealed). */
	a->quiz.off = 1;
	double at = o->at_seconds > 0 ? o->at_seconds : 0;
	if (o->quiz > 0) {
		int answer = o->quiz_answer > 0 ? o->quiz_answer - 1
		           : o->quiz_answer < 0 ? RENDER_QUIZ_SKIPPED : RENDER_QUIZ_UNASKED;
		if (render_quiz_show(a, o->quiz - 1, answer) < 0) {
			fprintf(stderr, "mailsim: shot: question %d is never asked, or has no choice %d\n",
			        o->quiz, o->quiz_answer);
			render_done(a);
			return 1;
		}
		at = (double)sim_now(render_app_sim(a)) / 1e6;
	} else if (o->summary && !(o->at_seconds > 0))
		render_control_run_to(a, a->sc->until_us);   /* the summary of the whole lesson */
	else
		render_control_run_to(a, (int64_t)(at * 1e6 + 0.5));
	/* As the window paused at captions would: play on to the next caption. */
	if (o->pause_captions && !o->summary)
		render_pace_next_caption(a);
	if (o->summary)
		render_summary_set(a, 1);
	if (o->select_msg) {
		/* A message by its tag, else a host by its id (its inspector shows
		 * its roles and, with S/MIME, its users' certificates). */
		int m = sim_ledger_find(render_app_sim(a), o->select_msg);
		int host = m < 0 ? scenario_find_host(a->sc, o->select_msg) : -1;
		if (m < 0 && host < 0) {
			fprintf(stderr, "mailsim: shot: no message \"%s\" at %.3f s\n", o->select_msg, at);
			render_done(a);
			return 1;
		}
		render_app_select(a, m >= 0 ? RENDER_APP_SEL_MSG : RENDER_APP_SEL_HOST, m >= 0 ? m : host);
	}
	/* The raw data of the card's MIME part N, as a click shows it. */
	const char *part = getenv("MAILSIM_SHOT_MIME");
	if (part && *part)
		render_mime_toggle(a, atoi(part));
	/* The protocol panel as a sequence chart (app/ has no option for it). */
	const char *view = getenv("MAILSIM_SHOT_VIEW");
	if (view && strcmp(view, "ladder") == 0)
		render_ladder_set(a, 1);
	/* A record opened layer by layer, by its seq in --trace-json (as a
	 * click on its row); the event list's key moments; the legend. */
	const char *pdu = getenv("MAILSIM_SHOT_PDU");
	if (pdu && *pdu)
		render_pdu_open_record(a, atoi(pdu) - 1);
	const char *filter = getenv("MAILSIM_SHOT_FILTER");
	if (filter && strcmp(filter, "key") == 0)
		a->events_filter = RENDER_EVENTS_KEY;
	const char *legend = getenv("MAILSIM_SHOT_LEGEND");
	a->legend = legend && *legend == '1';
	/* The check panel (K), as the lesson's end opens it. */
	const char *check = getenv("MAILSIM_SHOT_CHECK");
	if (check && *check == '1')
		render_check_open(a);
	/* The compose dialog opened from host ID, with its defaults. */
	const char *compose = getenv("MAILSIM_SHOT_COMPOSE");
	if (compose && *compose) {
		int host = scenario_find_host(a->sc, compose);
		if (host < 0) {
			fprintf(stderr, "mailsim: MAILSIM_SHOT_COMPOSE: expected a host id, found \"%s\"\n", compose);
			render_done(a);
			return 1;
		}
		render_compose_open(a, host);
	}
	render_app_draw(a);
	int rc = render_app_save_png(a, o->out_png);
	render_done(a);
	return rc == 0 ? 0 : 1;
}
