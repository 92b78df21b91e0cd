/* bench_yardstick — the plain C the engine is measured against: a binary
 * heap of events ordered by (time, sequence), 10,000 messages in flight,
 * and for each event one 120-byte Received line formatted into the
 * message's own buffer; the next hop of that message is scheduled a
 * pseudo-random latency later.  No tracing, no allocation in the loop:
 * what an event costs at the least when it does what mailsim's does. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench.h"
#include "util.h"

#define BENCH_YARD_MSGS 10000
#define BENCH_YARD_LINE 120

struct bench_yard_ev {
	int64_t t;
	uint64_t seq;
	int msg;
};

struct bench_yard {
	struct bench_yard_ev *heap;
	size_t n;
	uint64_t seq, rng;
	char (*line)[BENCH_YARD_LINE + 8];
};

static int bench_yard_less(const struct bench_yard_ev *a, const struct bench_yard_ev *b)
{
	return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

static void bench_yard_push(struct bench_yard *y, int64_t t, int msg)
{
	size_t i = y->n++;
	struct bench_yard_ev e = { t, y->seq++, msg };
	while (i > 0 && bench_yard_less(&e, &y->heap[(i - 1) / 2])) {
		y->heap[i] = y->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	y->heap[i] = e;
}

static struct bench_yard_ev bench_yard_pop(struct bench_yard *y)
{
	struct bench_yard_ev top = y->heap[0], last = y->heap[--y->n];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= y->n)
			break;
		if (c + 1 < y->n && bench_yard_less(&y->heap[c + 1], &y->heap[c]))
			c++;
		if (!bench_yard_less(&y->heap[c], &last))
			break;
		y->heap[i] = y->heap[c];
		i = c;
	}
	y->heap[i] = last;
	return top;
}

static uint64_t bench_yard_rand(struct bench_yard *y)
{
	y->rng ^= y->rng << 13;
	y->rng ^= y->rng >> 7;
	y->rng ^= y->rng << 17;
	return y->rng;
}

double bench_yardstick(size_t events)
{
	struct bench_yard y = { 0 };
	y.heap = xcalloc(BENCH_YARD_MSGS + 1, sizeof *y.heap);
	y.line = xcalloc(BENCH_YARD_MSGS, sizeof *y.line);
	y.rng = 88172645463325252ULL;
	for (int m = 0; m < BENCH_YARD_MSGS; m++)
		bench_yard_push(&y, (int64_t)(bench_yard_rand(&y) % 1000000), m);
	/* CPU time, as bench_engine measures the engine. */
	struct timespec t0, t1;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
	size_t sum = 0;
	for (size_t k = 0; k < events; k++) {
		struct bench_yard_ev e = bench_yard_pop(&y);
		/* A Received line as an MTA writes it: 120 bytes with the hop's
		 * hosts, the queue id and the moment. */
		int n = snprintf(y.line[e.msg], sizeof y.line[e.msg],
		                 "from mx%d.isp%d.example (mx%d.isp%d.example [100.64.%d.%d]) by mail.example "
		                 "with ESMTP id %08llX; %lld",
		                 e.msg % 97, e.msg % 20, e.msg % 89, e.msg % 19, e.msg % 250, e.msg % 251,
		                 (unsigned long long)e.seq, (long long)e.t);
		sum += (size_t)n;
		bench_yard_push(&y, e.t + 500 + (int64_t)(bench_yard_rand(&y) % 20000), e.msg);
	}
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (sum == 0)   /* keeps the formatting from being optimised away */
		printf("bench yardstick: nothing formatted\n");
	free(y.heap);
	free(y.line);
	return (double)events / s;
}
