/* render_control — what the teacher does to the run and the view: step,
 * go back, jump, restart, play at a speed, switch a rule, fetch mail, mark
 * a message, change the language, select, and tell what happened in a
 * toast.  Every change to the run goes through the timeline's action API. */
#include "render_control.h"

#include <math.h>
#include <string.h>

#include "render_app.h"
#include "render_events.h"
#include "render_filter.h"
#include "render_view.h"

/* With nothing on the wire, a wait longer than this (wall seconds at the
 * current speed) is skipped: a retry timer or a 30 s connect timeout
 * should not make the class stare at a still picture. */
#define RENDER_CONTROL_IDLE_SKIP_S 0.6

/* A tick spends on the run's events at most half the last frame's wall
 * time, kept between these bounds (and at most this many events): the run
 * gets as much of the machine as the drawing, a busy moment at 100x never
 * holds up a frame for long, and what is left is owed to the clock and
 * played in the next frames. */
#define RENDER_CONTROL_TICK_MIN_S 0.008
#define RENDER_CONTROL_TICK_MAX_S 0.050
#define RENDER_CONTROL_MAX_EVENTS_PER_TICK 20000
/* The run owes the clock at most this many wall seconds of play: a lesson
 * heavier than the machine plays slower than asked instead of ever further
 * behind. */
#define RENDER_CONTROL_MAX_OWED_S 0.5
/* A frame appears about one frame period after its tick (the drawing and
 * the swap come in between), so play runs that far ahead of the clock:
 * what is on screen is the moment the clock says when it is seen, not a
 * frame old. At most this much (a stall does not push play ahead). */
#define RENDER_CONTROL_LEAD_MAX_S 0.05

/* The index of the last told row before end, or (size_t)-1 if none. */
static size_t render_control_last_row(const struct trace_rec *tr, size_t end)
{
	while (end > 0 && trace_kinds[tr[end - 1].kind].quiet)
		end--;
	return end ? end - 1 : (size_t)-1;
}

/* Forward moves go row by row: the next told record of the event already
 * processed, else the next event (through render_pace_step, so that the
 * quiz can stop before the event its question is about), whose first row
 * becomes the current one. */
void render_control_forward(struct render_app *a)
{
	size_t told = 0, n = 0;
	render_view_trace(a, &told);
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	a->playing = 0;
	render_events_follow(a);
	if (told < n) {
		render_view_set_rows(a, render_view_row_end(tr, n, told));
		return;
	}
	if (render_pace_step(a))
		render_view_tell_first(a, n);
	render_pace_end_check(a);
}

void render_control_back(struct render_app *a)
{
	a->playing = 0;
	render_events_follow(a);
	size_t told = 0;
	const struct trace_rec *tr = render_view_trace(a, &told);
	size_t cur = render_control_last_row(tr, told);
	size_t prev = cur == (size_t)-1 ? cur : render_control_last_row(tr, cur);
	/* An earlier row of the same (latest) event: only the row moves,
	 * unless the teacher acted since (a step back undoes the action). */
	size_t nact = 0;
	const struct sim_action *act = timeline_actions(a->tl, &nact);
	size_t pos = sim_events_done(render_app_sim(a));
	int acted = nact > 0 && act[nact - 1].after_events == pos;
	/* A question on screen is closed by a whole step back (its event is
	 * held back, not told row by row). */
	if (!acted && !render_quiz_active(a) && prev != (size_t)-1 && tr[prev].event == tr[cur].event &&
	    tr[cur].event == pos) {
		render_view_set_rows(a, prev + 1);
		return;
	}
	render_view_set_rows(a, 0);
	timeline_back(a->tl);
	render_app_sync(a);
	render_quiz_close(a);   /* also at the very start, where there is no step back */
	render_pace_end_check(a);
}

void render_control_goto_row(struct render_app *a, size_t events, size_t row)
{
	render_control_goto(a, events);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	if (timeline_pos(a->tl) == events && row < n && tr[row].event == events)
		render_view_set_rows(a, render_view_row_end(tr, n, row));
}

void render_control_goto(struct render_app *a, size_t events)
{
	a->playing = 0;
	render_events_follow(a);
	render_view_set_rows(a, 0);
	if (events < timeline_pos(a->tl)) {
		timeline_goto(a->tl, events);
		render_app_sync(a);
	}
	while (timeline_pos(a->tl) < events && render_pace_step(a))
		;
	render_pace_end_check(a);
}

void render_control_restart(struct render_app *a)
{
	a->playing = 0;
	a->t_carry = 0;
	a->lead = 0;
	render_events_follow(a);
	render_view_set_rows(a, 0);
	timeline_restart(a->tl);
	render_app_sync(a);
	render_quiz_close(a);
	render_pace_end_check(a);
}

void render_control_run_to(struct render_app *a, int64_t t_us)
{
	timeline_run_until(a->tl, t_us);
	render_app_sync(a);
}

/* Play the run's events up to target, until budget_s of wall time is
 * spent; 1 if that stopped it first (the rest is owed), -1 if a caption or
 * a question stopped play, 0 when every event up to target was played. */
static int render_control_play_to(struct render_app *a, int64_t target, double budget_s)
{
	uint64_t t0 = SDL_GetPerformanceCounter();
	uint64_t budget = (uint64_t)(budget_s * (double)SDL_GetPerformanceFrequency());
	int64_t next;
	for (int done = 0; (next = sim_next_time(render_app_sim(a))) >= 0 && next <= target; done++) {
		if (done == RENDER_CONTROL_MAX_EVENTS_PER_TICK ||
		    (done % 8 == 7 && SDL_GetPerformanceCounter() - t0 > budget))
			return 1;
		if (!render_pace_step(a))
			return render_quiz_active(a) ? -1 : 0;   /* held back for a question */
		if (a->pace.caption && render_pace_pausing(a)) {
			a->playing = 0;
			render_pace_show_caption(a);
			return -1;
		}
	}
	return 0;
}

void render_control_tick(struct render_app *a, double wall_s)
{
	if (!a->playing) {
		a->t_carry = 0;   /* play starts again from the present */
		a->lead = 0;
		a->frame_s = 0;
		a->paused_tick = 1;
		return;
	}
	/* The first tick of play: the wall time since the last frame went by
	 * paused (the window sleeps up to a quarter second waiting for the
	 * key), so the clock starts here; at x100 it had jumped 25 simulated
	 * seconds on the first frame. */
	if (a->paused_tick)
		wall_s = 0;
	a->paused_tick = 0;
	/* Play goes on from a stop at a caption: a later caption in the same
	 * event's untold rows stops it again first. */
	if (render_pace_pausing(a) && render_pace_held_caption(a)) {
		a->playing = 0;
		return;
	}
	a->row_cap = 0;   /* playing tells every row */
	struct sim *s = render_app_sim(a);
	if (sim_events_pending(s) == 0) {
		a->playing = 0;
		a->pace.stopped = 0;   /* played on from the last caption: the end */
		render_pace_end_check(a);
		return;
	}
	int64_t now = sim_now(s);
	double per_s = a->speed * a->rate;   /* simulated µs per wall second */
	a->frame_s = a->frame_s < 1e-3 ? wall_s : 0.75 * a->frame_s + 0.25 * wall_s;
	double lead = fmin(a->frame_s, RENDER_CONTROL_LEAD_MAX_S) * per_s;
	double adv = fmax(wall_s * per_s + (lead - a->lead) + a->t_carry, 0);
	a->lead = lead;
	int64_t target = now + (int64_t)adv;
	a->t_carry = adv - floor(adv);
	int64_t next = sim_next_time(s);
	if (next > target && !render_view_moving(a) &&
	    (double)(next - now) > RENDER_CONTROL_IDLE_SKIP_S * per_s)
		target = next;
	/* Play stops at the lesson's end (the check panel opens there). */
	if (now < a->sc->until_us && target > a->sc->until_us)
		target = a->sc->until_us;
	double budget_s = fmin(fmax(wall_s / 2, RENDER_CONTROL_TICK_MIN_S), RENDER_CONTROL_TICK_MAX_S);
	if (a->budget_cap_s > 0)
		budget_s = fmin(budget_s, a->budget_cap_s);
	int r = render_control_play_to(a, target, budget_s);
	if (r == 1) {   /* out of time: the clock is owed the rest */
		double owed = (double)(target - sim_now(render_app_sim(a))) + a->t_carry;
		a->t_carry = fmin(owed, RENDER_CONTROL_MAX_OWED_S * per_s);
	} else if (r == 0) {
		/* Nothing left before the target: only the clock moves (through
		 * the timeline, which applies any logged action due there). With
		 * no event left at all the lesson is over, and the clock stays at
		 * its last event: it had run on to wherever the frame's wall time
		 * took it, a different end on every play. */
		if (sim_events_pending(render_app_sim(a)) > 0)
			timeline_run_until(a->tl, target);
	} else {
		a->t_carry = 0;
	}
	render_app_sync(a);
	render_pace_end_check(a);
}

void render_control_toggle_rule(struct render_app *a, int router, int rule)
{
	struct sim *s = render_app_sim(a);
	int on = sim_rule_enabled(s, router, rule);
	if (timeline_toggle_rule(a->tl, router, rule, !on) == 0) {
		render_app_sync(a);
		const struct sc_rule *r = &a->sc->routers[router].rules[rule];
		sbuf_reset(&a->tmp);
		const char *args[] = { "rule", scenario_rule_short(r, a->lang), "router", render_view_router_name(a, router),
			"state", render_app_text(a, on ? "ui.off" : "ui.on"), NULL };
		i18n_format(a->cat[a->lang], "ui.toast.rule", args, &a->tmp);
		render_app_toast(a, a->tmp.s);
	}
}

int render_control_fetch(struct render_app *a, int host)
{
	for (int u = 0; u < a->sc->nusers; u++) {
		if (a->sc->users[u].mua_host != host)
			continue;
		if (timeline_fetch(a->tl, u) != 0)
			return -1;
		render_app_sync(a);
		sbuf_reset(&a->tmp);
		const char *args[] = { "user", a->sc->users[u].address, NULL };
		i18n_format(a->cat[a->lang], "ui.toast.fetch", args, &a->tmp);
		render_app_toast(a, a->tmp.s);
		return 0;
	}
	return -1;
}

int render_control_mark(struct render_app *a, int user, int msg, int spam)
{
	size_t before = 0;
	sim_trace(render_app_sim(a), &before);
	if (timeline_mark_spam(a->tl, user, msg, spam) != 0)
		return -1;
	render_app_sync(a);
	render_filter_mark_toast(a, before, spam);
	return 0;
}

void render_control_set_speed(struct render_app *a, double speed)
{
	if (speed < 0.1)
		speed = 0.1;
	if (speed > 100)
		speed = 100;
	if (speed != a->speed) {
		a->t_carry = 0;   /* what ×100 owed is not for ×1 to catch up */
		a->lead = 0;      /* nor its lead for ×1 to wait out */
	}
	a->speed = speed;
}

void render_control_set_lang(struct render_app *a, int lang)
{
	if (lang < 0 || lang >= LANG_COUNT)
		return;
	if (!a->cat[lang])
		a->cat[lang] = i18n_load(a->assets_dir, (enum lang)lang, stderr);
	if (!a->cat[lang])
		return;
	a->lang = lang;
}



