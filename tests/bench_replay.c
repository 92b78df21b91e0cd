/* bench_replay — `bench replay:` one step back and one jump to a random
 * event at 100,000 events of a lesson like 09 (ISP-scale, a third of the
 * mail sent straight to port 25 and stopped by OP25B), by snapshots and by
 * the old path (replay from the start, timeline_set_every 0) in the same
 * run; and the snapshots' memory on lesson 09 itself. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench.h"
#include "rng.h"
#include "sim.h"
#include "util.h"

#define BENCH_REPLAY_EVENTS 100000
#define BENCH_REPLAY_TRIES 5

static double bench_replay_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int bench_replay_cmp(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* Median milliseconds of one step back from BENCH_REPLAY_EVENTS, and of a
 * jump from there to each of the targets, with snapshots every `every`
 * events (0: the old path). */
static void bench_replay_measure(const struct scenario *sc, size_t every, const size_t *targets,
                                 double *back_ms, double *jump_ms, double *grow_kb)
{
	struct timeline *tl = timeline_new(sc, &(struct sim_opts){ 0 });
	timeline_set_every(tl, every);
	timeline_goto(tl, BENCH_REPLAY_EVENTS);
	double back[BENCH_REPLAY_TRIES], jump[BENCH_REPLAY_TRIES];
	/* The first round trip warms up; the heap is measured over the rest. */
	size_t heap0 = 0;
	for (int i = 0; i < BENCH_REPLAY_TRIES; i++) {
		if (i == 1)
			heap0 = mallinfo2().uordblks;
		timeline_goto(tl, BENCH_REPLAY_EVENTS);
		double t0 = bench_replay_now();
		timeline_back(tl);
		back[i] = (bench_replay_now() - t0) * 1000.0;
		timeline_goto(tl, BENCH_REPLAY_EVENTS);
		t0 = bench_replay_now();
		timeline_goto(tl, targets[i]);
		jump[i] = (bench_replay_now() - t0) * 1000.0;
	}
	timeline_goto(tl, BENCH_REPLAY_EVENTS);
	*grow_kb = ((double)mallinfo2().uordblks - (double)heap0) / 1024.0 / (BENCH_REPLAY_TRIES - 1);
	qsort(back, BENCH_REPLAY_TRIES, sizeof *back, bench_replay_cmp);
	qsort(jump, BENCH_REPLAY_TRIES, sizeof *jump, bench_replay_cmp);
	*back_ms = back[BENCH_REPLAY_TRIES / 2];
	*jump_ms = jump[BENCH_REPLAY_TRIES / 2];
	timeline_free(tl);
}

/* Seconds to play the whole lesson on a timeline, and the bytes its
 * snapshots hold at the end (the heap in use, less the same run without
 * snapshots). */
static void bench_replay_memory(const struct scenario *sc, size_t every, double *play_s,
                                size_t *bytes, size_t *nsnaps, size_t *events)
{
	size_t base = mallinfo2().uordblks;
	struct timeline *tl = timeline_new(sc, &(struct sim_opts){ 0 });
	timeline_set_every(tl, every);
	double t0 = bench_replay_now();
	timeline_run_until(tl, sc->until_us);
	*play_s = bench_replay_now() - t0;
	*bytes = mallinfo2().uordblks - base;
	*nsnaps = timeline_snapshots(tl, NULL);
	*events = timeline_pos(tl);
	timeline_free(tl);
}

/* Lesson 09 played with snapshots every `every` events: the snapshots'
 * memory, against the same run without them. */
static void bench_replay_lesson09(const struct scenario *sc, size_t every, size_t *snap_bytes,
                                  size_t *nsnaps)
{
	double play_old, play_new;
	size_t mem_old, mem_new, n_old, events;
	bench_replay_memory(sc, 0, &play_old, &mem_old, &n_old, &events);
	bench_replay_memory(sc, every, &play_new, &mem_new, nsnaps, &events);
	*snap_bytes = mem_new > mem_old ? mem_new - mem_old : 0;
	printf("bench replay: lesson=09 events=%zu every=%zu snapshots=%zu snapshot_mb=%.1f "
	       "mb_per_snapshot=%.2f run_mb=%.1f play_s=%.3f play_s_no_snapshots=%.3f\n",
	       events, every, *nsnaps, (double)*snap_bytes / 1e6,
	       *nsnaps > 1 ? (double)*snap_bytes / 1e6 / (double)(*nsnaps - 1) : 0.0,
	       (double)mem_old / 1e6, play_new, play_old);
}

void bench_replay(void)
{
	/* 3 ISPs x 200 hosts, 4,500 mails over 400 s: every third one goes
	 * straight to the recipient's MX on port 25 and dies at OP25B. */
	struct scenario *sc = bench_isp_scenario(3, 200, 4500, 400.0);
	for (int i = 0; i < sc->nactions; i += 3) {
		sc->actions[i].send.direct = 1;
		sc->actions[i].send.port = 25;
		sc->actions[i].send.auth = 0;
	}
	struct scenario *l09 = scenario_load("scenarios/09-botnet-scale.json", stderr);
	struct rng r;
	rng_seed(&r, 15);
	size_t targets[BENCH_REPLAY_TRIES];
	for (int i = 0; i < BENCH_REPLAY_TRIES; i++)
		targets[i] = (size_t)rng_below(&r, BENCH_REPLAY_EVENTS);
	double back, jump, old_back, old_jump, grow, old_grow;
	bench_replay_measure(sc, 0, targets, &old_back, &old_jump, &old_grow);
	size_t every = 0;
	struct timeline *probe = timeline_new(sc, &(struct sim_opts){ 0 });
	timeline_snapshots(probe, &every);
	timeline_free(probe);
	bench_replay_measure(sc, every, targets, &back, &jump, &grow);
	printf("bench replay: events=%d every=%zu back_ms=%.2f jump_ms=%.2f old_back_ms=%.1f "
	       "old_jump_ms=%.1f back_speedup=%.0f jump_speedup=%.0f heap_kb_per_round_trip=%.0f "
	       "old_heap_kb_per_round_trip=%.0f\n",
	       BENCH_REPLAY_EVENTS, every, back, jump, old_back, old_jump, old_back / back,
	       old_jump / jump, grow, old_grow);
	/* How the spacing was chosen: time against memory. */
	static const size_t sweep[] = { 500, 1000, 2000, 5000, 10000 };
	for (size_t i = 0; i < sizeof sweep / sizeof *sweep && l09; i++) {
		size_t bytes, n;
		bench_replay_measure(sc, sweep[i], targets, &back, &jump, &grow);
		bench_replay_lesson09(l09, sweep[i], &bytes, &n);
		printf("bench replay: sweep every=%zu back_ms=%.2f jump_ms=%.2f lesson09_snapshot_mb=%.1f\n",
		       sweep[i], back, jump, (double)bytes / 1e6);
	}
	if (!l09)
		printf("bench replay: scenarios/09-botnet-scale.json not found (run from the top)\n");
	scenario_free(l09);
	scenario_free(sc);
}
