/* bench_main — `make bench`: the engine, render, replay, play and cliff benchmarks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

int main(int argc, char **argv)
{
	const char *only = argc > 1 ? argv[1] : NULL;
	if (!only || strcmp(only, "engine") == 0) {
		int nmsg = only && argc > 2 ? atoi(argv[2]) : 0;
		bench_engine(nmsg > 0 ? nmsg : 100000);
	}
	if (!only || strcmp(only, "render") == 0)
		bench_render();
	if (!only || strcmp(only, "render_long") == 0)
		bench_render_long();
	if (!only || strcmp(only, "render_summary") == 0)
		bench_render_summary();
	if (!only || strcmp(only, "replay") == 0)
		bench_replay();
	if (!only || strcmp(only, "play") == 0)
		bench_play();
	if (!only || strcmp(only, "cliffs") == 0)
		bench_cliffs();
	return 0;
}
