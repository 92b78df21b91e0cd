/* bench_render — the GUI's figures: the time to draw one frame of a busy
 * scene (1,000 messages in flight, 1920 x 1080, software renderer,
 * off-screen), the frames around one mail to 10,000 recipients (a 270 KB
 * To: field, shortened on the letter card, whole in the inspector on a
 * click), the summary picture of the lesson with most ties (12, presenter
 * mode, both sizes), and the time to step back one event on a
 * 10,000-event trace (which replays from the start). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "render.h"
#include "render_app.h"
#include "render_ui.h"
#include "sim.h"

#define BENCH_RENDER_W 1920
#define BENCH_RENDER_H 1080
#define BENCH_RENDER_FRAMES 240
#define BENCH_LONG_RCPTS 10000

static double bench_render_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int bench_render_cmp(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

/* Messages on a connection right now. */
static size_t bench_render_inflight(struct sim *s)
{
	size_t n = sim_copy_count(s), k = 0;
	struct sim_copy c;
	for (size_t i = 0; i < n; i++)
		if (sim_copy_get(s, i, &c) == 0 && c.holder == HOLD_CONN)
			k++;
	return k;
}

void bench_render(void)
{
	struct render_opts o;
	memset(&o, 0, sizeof o);
	o.scenario = "scenarios/01-basic-flow.json";
	o.lang = 1;
	struct render_app *a = render_app_new_offscreen(&o, BENCH_RENDER_W, BENCH_RENDER_H);
	if (!a) {
		printf("bench render: cannot create the off-screen session\n");
		return;
	}
	/* 1,200 sending customers, each mailing once within a tenth of a second:
	 * their submissions overlap, so about 1,000 are on the wire at once. */
	struct scenario *sc = bench_isp_scenario(2, 601, 1200, 0.1);
	render_app_adopt(a, sc, "bench-isp.json");
	/* Find the busiest moment in 5 ms slices. */
	int64_t best_t = 0;
	size_t best = 0;
	for (int64_t t = 0; t < 3000000 && sim_events_pending(render_app_sim(a)); t += 5000) {
		render_control_run_to(a, t);
		size_t k = bench_render_inflight(render_app_sim(a));
		if (k > best) {
			best = k;
			best_t = t;
		}
	}
	render_control_restart(a);
	render_control_run_to(a, best_t);
	size_t inflight = bench_render_inflight(render_app_sim(a));
	/* Draw as play at 1x (60 frames a second) would: the simulation
	 * advances between frames, so packets move and events change the
	 * scene; only the drawing is timed. */
	int frames = BENCH_RENDER_FRAMES;
	const char *env = getenv("MAILSIM_BENCH_FRAMES");   /* shorter runs while profiling */
	if (env && atoi(env) > 0)
		frames = atoi(env);
	double *ms = xcalloc((size_t)frames, sizeof *ms);
	render_app_draw(a);   /* warm the text cache, as the first frame of a session does */
	for (int i = 0; i < frames; i++) {
		double t0 = bench_render_now();
		render_app_draw(a);
		ms[i] = (bench_render_now() - t0) * 1000.0;
		render_control_run_to(a, sim_now(render_app_sim(a)) + (int64_t)(a->rate / 60.0));
	}
	const char *png = getenv("MAILSIM_BENCH_PNG");   /* look at the scene */
	if (png)
		render_app_save_png(a, png);
	qsort(ms, (size_t)frames, sizeof *ms, bench_render_cmp);
	printf("bench render: frame_ms_median=%.2f frame_ms_p99=%.2f inflight=%zu size=%dx%d\n",
	       ms[frames / 2], ms[frames * 99 / 100], inflight,
	       BENCH_RENDER_W, BENCH_RENDER_H);
	free(ms);
	render_app_free(a);
}

/* Lesson 01 with its first mail sent to n made-up ISP B recipients instead
 * of Bob; NULL if the lesson cannot be read. */
static struct scenario *bench_render_many_rcpt(int n)
{
	struct scenario *sc = scenario_load("scenarios/01-basic-flow.json", stderr);
	if (!sc || sc->nactions < 1 || sc->actions[0].kind != ACT_SEND) {
		scenario_free(sc);
		return NULL;
	}
	struct sc_send *snd = &sc->actions[0].send;
	for (int i = 0; i < snd->nto; i++)
		free(snd->to[i]);
	free(snd->to);
	snd->to = xcalloc((size_t)n, sizeof *snd->to);
	snd->nto = n;
	for (int i = 0; i < n; i++) {
		char addr[64];
		snprintf(addr, sizeof addr, "student%05d@ispb.example", i);
		snd->to[i] = xstrdup(addr);
	}
	return sc;
}

static double bench_render_frame_ms(struct render_app *a)
{
	double t0 = bench_render_now();
	render_app_draw(a);
	return (bench_render_now() - t0) * 1000.0;
}

void bench_render_long(void)
{
	struct render_opts o;
	memset(&o, 0, sizeof o);
	o.scenario = "scenarios/01-basic-flow.json";
	o.lang = 1;
	struct render_app *a = render_app_new_offscreen(&o, BENCH_RENDER_W, BENCH_RENDER_H);
	struct scenario *sc = bench_render_many_rcpt(BENCH_LONG_RCPTS);
	if (!a || !sc) {
		printf("bench render_long: cannot create the off-screen session\n");
		scenario_free(sc);
		render_app_free(a);
		return;
	}
	render_app_adopt(a, sc, "bench-many-rcpt.json");
	/* Ten seconds in, the mail is on its way to the MSA: the card shows it. */
	render_control_run_to(a, 10 * 1000000);
	size_t to_bytes = 0;
	int to_field = -1;
	struct sim_copy c;
	for (size_t i = 0; i < sim_copy_count(render_app_sim(a)) && !to_bytes; i++) {
		if (sim_copy_get(render_app_sim(a), i, &c) != 0)
			continue;
		for (int f = 0; f < c.m->nfields && !to_bytes; f++) {
			size_t nl = 0;
			const char *nm = msg_field_name(c.m, f, &nl);
			if (nl == 2 && util_strncasecmp(nm, "To", 2) == 0) {
				msg_field_value(c.m, f, &to_bytes);
				to_field = f;
			}
		}
	}
	double first = bench_render_frame_ms(a);
	double warm[5];
	for (int i = 0; i < 5; i++)
		warm[i] = bench_render_frame_ms(a);
	qsort(warm, 5, sizeof *warm, bench_render_cmp);
	double median = warm[2];
	a->presenter = 1;
	double presenter = bench_render_frame_ms(a);
	a->presenter = 0;
	render_control_set_lang(a, 0);
	double lang = bench_render_frame_ms(a);
	/* The whole To: in the inspector, as a click on the card's shows it:
	 * laid out once (cold), then drawn from the cache (warm). */
	render_control_set_lang(a, 1);
	render_inspector_full(a, 0, RENDER_FIELD_HIT_HEADER + to_field);
	double full_first = bench_render_frame_ms(a);
	for (int i = 0; i < 5; i++)
		warm[i] = bench_render_frame_ms(a);
	qsort(warm, 5, sizeof *warm, bench_render_cmp);
	double full_frame = warm[2];
	const char *png = getenv("MAILSIM_BENCH_PNG_LONG");   /* look at the card */
	if (png)
		render_app_save_png(a, png);
	printf("bench render_long: first_ms=%.1f frame_ms=%.2f presenter_ms=%.1f lang_ms=%.1f "
	       "full_first_ms=%.1f full_frame_ms=%.2f to_bytes=%zu rcpts=%d size=%dx%d\n", first, median,
	       presenter, lang, full_first, full_frame, to_bytes, BENCH_LONG_RCPTS, BENCH_RENDER_W, BENCH_RENDER_H);
	render_app_free(a);
}

/* The thread's CPU time, in seconds: on a machine shared with other
 * work, the wall clock counts the waits for a core as well. */
static double bench_render_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The end-of-lesson summary picture (M) of lesson 12 in presenter mode,
 * whose labels and tags are most often moved away and tied back: the
 * first frame and the median of the next ones, at both sizes (wall clock
 * and CPU time). */
void bench_render_summary(void)
{
	static const int size[2][2] = { { 1280, 720 }, { 1920, 1080 } };
	for (int z = 0; z < 2; z++) {
		struct render_opts o;
		memset(&o, 0, sizeof o);
		o.scenario = "scenarios/12-bayes-learning.json";
		o.lang = 0;
		o.presenter = 1;
		struct render_app *a = render_app_new_offscreen(&o, size[z][0], size[z][1]);
		if (!a) {
			printf("bench render_summary: cannot open lesson 12 off-screen\n");
			return;
		}
		a->quiz.off = 1;
		render_control_run_to(a, a->sc->until_us);
		render_summary_set(a, 1);
		double c1 = bench_render_cpu();
		double first = bench_render_frame_ms(a);
		double first_cpu = (bench_render_cpu() - c1) * 1000.0;
		double ms[9], cpu[9];
		for (int i = 0; i < 9; i++) {
			double c0 = bench_render_cpu();
			ms[i] = bench_render_frame_ms(a);
			cpu[i] = (bench_render_cpu() - c0) * 1000.0;
		}
		qsort(ms, 9, sizeof *ms, bench_render_cmp);
		qsort(cpu, 9, sizeof *cpu, bench_render_cmp);
		printf("bench render_summary: first_ms=%.1f first_cpu_ms=%.1f frame_ms=%.2f frame_cpu_ms=%.2f paths=%zu "
		       "presenter size=%dx%d\n", first, first_cpu, ms[4], cpu[4], a->summary.npath, size[z][0], size[z][1]);
		render_app_free(a);
	}
}
