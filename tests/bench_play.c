/* bench_play — `bench play:` lesson 09 played at x100 in the window's own
 * frame loop, drawn off-screen at 1920 x 1080: simulated seconds per wall
 * second, what the clock asks at that speed, and how long a frame spends
 * advancing the run against drawing it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "render.h"
#include "render_app.h"
#include "render_control.h"
#include "render_pace.h"
#include "sim.h"
#include "util.h"

#define BENCH_PLAY_W 1920
#define BENCH_PLAY_H 1080
#define BENCH_PLAY_SPEED 100.0
#define BENCH_PLAY_MAX_FRAMES 20000

static double bench_play_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds this process has used: on a shared machine, what play had
 * to work with (cpu_share = cpu_s / wall_s). */
static double bench_play_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int bench_play_cmp(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* Play lesson 09 at speed (the window's x, relative to the lesson's own
 * pace, a->rate) to its end, or at the speed that asks for demand_sim_s
 * simulated seconds per wall second when that is > 0. */
static void bench_play_run(double speed, double demand_sim_s)
{
	struct render_opts o;
	memset(&o, 0, sizeof o);
	o.scenario = "scenarios/09-botnet-scale.json";
	o.lang = 1;
	struct render_app *a = render_app_new_offscreen(&o, BENCH_PLAY_W, BENCH_PLAY_H);
	if (!a) {
		printf("bench play: cannot open lesson 09 off-screen (run from the top)\n");
		return;
	}
	a->pace.pause_captions = 0;   /* play through: no caption stops, */
	a->quiz.off = 1;              /* no questions (Q) */
	render_control_set_speed(a, speed);
	if (demand_sim_s > 0)   /* beyond the window's own x100 */
		a->speed = speed = demand_sim_s * 1e6 / a->rate;
	a->playing = 1;
	render_app_draw(a);   /* the first frame lays out the text */
	double *tick = xcalloc(BENCH_PLAY_MAX_FRAMES, sizeof *tick);
	double *draw = xcalloc(BENCH_PLAY_MAX_FRAMES, sizeof *draw);
	double *at = xcalloc(BENCH_PLAY_MAX_FRAMES, sizeof *at);        /* a tick's start */
	int64_t *reached = xcalloc(BENCH_PLAY_MAX_FRAMES, sizeof *reached);   /* the run after it */
	int frames = 0;
	double start = bench_play_now(), last = start, behind = 0, behind_frames = 0;
	double cpu0 = bench_play_cpu();
	size_t opened0 = render_font_opened(a->font);
	int64_t until = a->sc->until_us;
	while (a->playing && frames < BENCH_PLAY_MAX_FRAMES) {
		double t0 = bench_play_now();
		render_control_tick(a, t0 - last);
		last = t0;
		double t1 = bench_play_now();
		render_app_draw(a);
		double t2 = bench_play_now();
		tick[frames] = (t1 - t0) * 1000.0;
		draw[frames] = (t2 - t1) * 1000.0;
		at[frames] = t0;
		reached[frames] = sim_now(render_app_sim(a));
		frames++;
		/* Where the clock says the run should be against where it is. */
		double want = (t2 - start) * speed * a->rate;
		double lag = want - (double)sim_now(render_app_sim(a));
		if (lag > behind && sim_now(render_app_sim(a)) < until)
			behind = lag;
		/* The same in frames: a run that keeps up is one frame (this
		 * tick and draw) behind when the frame is shown. */
		double frame = (t2 - t0) * speed * a->rate;
		if (frame > 0 && lag / frame > behind_frames && sim_now(render_app_sim(a)) < until)
			behind_frames = lag / frame;
	}
	double wall = bench_play_now() - start, cpu = bench_play_cpu() - cpu0;
	struct sim *s = render_app_sim(a);
	double sim_s = (double)sim_now(s) / 1e6;
	/* The clock ends where the last tick's target was; the lesson's last
	 * event may be well before it. */
	size_t ntr = 0;
	const struct trace_rec *tr = sim_trace(s, &ntr);
	double last_s = ntr ? (double)tr[ntr - 1].t / 1e6 : 0;
	/* Steady play: the simulated time the run advanced between two ticks
	 * against the wall time between their starts, from the tick after the
	 * first tenth of the wall time to the last tick before the lesson's
	 * end.  That leaves out the first frame (text laid out) and the last
	 * (play stops and the check panel opens, slow to draw), which
	 * sim_s_per_wall_s counts; a run that keeps up reads the clock's
	 * figure, one that falls behind less. */
	int f0 = 0, f1 = frames - 1;
	while (f0 < frames - 1 && at[f0] - start < wall / 10)
		f0++;
	while (f1 > f0 && reached[f1] >= until)
		f1--;
	double steady = f1 > f0 && at[f1] > at[f0] ? (double)(reached[f1] - reached[f0]) / 1e6 / (at[f1] - at[f0]) : 0;
	qsort(tick, (size_t)frames, sizeof *tick, bench_play_cmp);
	qsort(draw, (size_t)frames, sizeof *draw, bench_play_cmp);
	printf("bench play: lesson=09 speed=%.0f sim_s_per_wall_s=%.1f clock_sim_s_per_wall_s=%.1f "
	       "sim_s=%.1f wall_s=%.2f events=%zu frames=%d fps=%.1f tick_ms_median=%.2f "
	       "tick_ms_p99=%.1f tick_ms_max=%.1f draw_ms_median=%.1f draw_ms_max=%.1f max_behind_clock_s=%.2f "
	       "max_behind_frames=%.2f last_event_s=%.1f cpu_share=%.2f fonts_opened=%zu size=%dx%d "
	       "steady_sim_s_per_wall_s=%.1f\n",
	       speed, sim_s / wall, speed * a->rate / 1e6, sim_s, wall,
	       sim_events_done(s), frames, frames / wall, tick[frames / 2], tick[frames * 99 / 100], tick[frames - 1],
	       draw[frames / 2], draw[frames - 1], behind / 1e6, behind_frames, last_s, cpu / wall,
	       render_font_opened(a->font) - opened0, BENCH_PLAY_W, BENCH_PLAY_H, steady);
	free(at);
	free(reached);
	free(tick);
	free(draw);
	render_app_free(a);
}

void bench_play(void)
{
	/* The window's x100 (100 times the lesson's pace: lesson 09 declares
	 * "pace": 1, so 100 simulated seconds per wall second), then a clock
	 * that asks 100 s/s whatever the lesson declares (the same run while
	 * it says 1). */
	bench_play_run(BENCH_PLAY_SPEED, 0);
	bench_play_run(BENCH_PLAY_SPEED, 100.0);
}
