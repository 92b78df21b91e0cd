/* test_evq — the event queue every run is built on: earliest time first,
 * and events scheduled for the same moment in the order they were
 * scheduled, so a lesson plays out the same way every time. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdlib.h>

#include "evq.h"
#include "rng.h"

Test(evq, empty_queue_has_nothing)
{
	struct evq q;
	struct ev e = { .t = 77, .a = 77 };
	evq_init(&q);
	cr_expect_null(evq_peek(&q));
	cr_expect_eq(evq_pop(&q, &e), 0);
	cr_expect_eq(e.t, 77, "a failed pop must leave *out alone");
	evq_free(&q);
}

Test(evq, earliest_time_first_with_arguments_kept)
{
	struct evq q;
	struct ev e;
	evq_init(&q);
	evq_push(&q, 3000, 4, 30, 31);
	evq_push(&q, 1000, 2, 10, 11);
	evq_push(&q, 2000, 3, 20, 21);
	evq_push(&q, 500, 1, 5, 6);
	const int64_t want_t[] = { 500, 1000, 2000, 3000 };
	const int want_kind[] = { 1, 2, 3, 4 };
	const int want_a[] = { 5, 10, 20, 30 };
	for (int i = 0; i < 4; i++) {
		const struct ev *p = evq_peek(&q);
		cr_assert_not_null(p);
		cr_expect_eq(p->t, want_t[i], "peek %d", i);
		cr_assert_eq(evq_pop(&q, &e), 1);
		cr_expect_eq(e.t, want_t[i], "pop %d", i);
		cr_expect_eq(e.kind, want_kind[i], "pop %d", i);
		cr_expect_eq(e.a, want_a[i], "pop %d", i);
		cr_expect_eq(e.b, want_a[i] + 1, "pop %d", i);
	}
	cr_expect_eq(evq_pop(&q, &e), 0);
	evq_free(&q);
}

Test(evq, ties_keep_insertion_order)
{
	struct evq q;
	struct ev e;
	evq_init(&q);
	/* Same-time events pushed between other times, so the heap has to move
	 * them around; they must still come out in the order scheduled. */
	for (int i = 0; i < 300; i++) {
		evq_push(&q, 42, 0, i, 0);
		evq_push(&q, i % 2 ? 10 : 90, 0, 1000 + i, 0);
	}
	int last_early = -1, next_tie = 0, last_late = -1;
	while (evq_pop(&q, &e)) {
		if (e.t == 10) {
			cr_expect_gt(e.a, last_early);
			last_early = e.a;
			cr_expect_eq(next_tie, 0, "a t=10 event after a t=42 one");
		} else if (e.t == 42) {
			cr_expect_eq(e.a, next_tie, "tie %d came out as %d", next_tie, e.a);
			next_tie++;
		} else {
			cr_expect_eq(e.t, 90);
			cr_expect_eq(next_tie, 300, "a t=90 event before every t=42 one");
			cr_expect_gt(e.a, last_late);
			last_late = e.a;
		}
	}
	cr_expect_eq(next_tie, 300);
	evq_free(&q);
}

Test(evq, sequence_numbers_grow)
{
	struct evq q;
	struct ev e1, e2;
	evq_init(&q);
	evq_push(&q, 5, 0, 0, 0);
	evq_push(&q, 5, 0, 1, 0);
	cr_assert(evq_pop(&q, &e1) && evq_pop(&q, &e2));
	cr_expect_lt(e1.seq, e2.seq);
	evq_free(&q);
}

/* A model: every pushed event with its order of insertion, taken out by
 * scanning for the minimum (time, order).  Slow and obviously right. */
struct test_evq_model {
	struct ev *v;
	size_t n;
};

static int test_evq_model_pop(struct test_evq_model *m, struct ev *out)
{
	if (!m->n)
		return 0;
	size_t best = 0;
	for (size_t i = 1; i < m->n; i++)
		if (m->v[i].t < m->v[best].t || (m->v[i].t == m->v[best].t && m->v[i].seq < m->v[best].seq))
			best = i;
	*out = m->v[best];
	m->v[best] = m->v[--m->n];
	return 1;
}

Test(evq, random_pushes_and_pops_match_a_model)
{
	struct evq q;
	struct rng r;
	struct test_evq_model m = { calloc(20000, sizeof(struct ev)), 0 };
	uint64_t order = 0;
	size_t popped = 0;
	cr_assert_not_null(m.v);
	evq_init(&q);
	rng_seed(&r, 20260401);
	for (int step = 0; step < 20000; step++) {
		/* Two pushes for every pop on average; times from a small range
		 * so that ties are common. */
		if (rng_below(&r, 3) != 0) {
			int64_t t = (int64_t)rng_below(&r, 500);
			int a = (int)order;
			evq_push(&q, t, (int)rng_below(&r, 9), a, -a);
			m.v[m.n++] = (struct ev){ .t = t, .seq = order++, .a = a, .b = -a };
		} else {
			struct ev got, want;
			int g = evq_pop(&q, &got), w = test_evq_model_pop(&m, &want);
			cr_assert_eq(g, w, "step %d: pop returned %d, model %d", step, g, w);
			if (w) {
				cr_assert_eq(got.t, want.t, "step %d", step);
				cr_assert_eq(got.a, want.a, "step %d: t=%lld", step, (long long)got.t);
				cr_assert_eq(got.b, want.b, "step %d", step);
				popped++;
			}
		}
		cr_assert_eq(q.n, m.n);
	}
	/* Drain: sorted by time, ties in insertion order. */
	struct ev prev = { .t = -1, .a = -1 }, e;
	while (evq_pop(&q, &e)) {
		cr_assert(e.t > prev.t || (e.t == prev.t && e.a > prev.a),
		          "out of order: (%lld, %d) after (%lld, %d)", (long long)e.t, e.a,
		          (long long)prev.t, prev.a);
		prev = e;
		popped++;
	}
	cr_expect_eq(popped, order, "every event pushed comes out once");
	evq_free(&q);
	free(m.v);
}

Test(evq, ten_thousand_random_times_come_out_sorted)
{
	struct evq q;
	struct rng r;
	evq_init(&q);
	rng_seed(&r, 7);
	for (int i = 0; i < 10000; i++)
		evq_push(&q, (int64_t)rng_below(&r, 1000000) * 1000, 0, i, 0);
	struct ev prev = { .t = INT64_MIN }, e;
	int n = 0;
	while (evq_pop(&q, &e)) {
		cr_assert_geq(e.t, prev.t);
		if (e.t == prev.t)
			cr_assert_gt(e.a, prev.a);
		prev = e;
		n++;
	}
	cr_expect_eq(n, 10000);
	evq_free(&q);
}

Test(evq, free_leaves_an_empty_usable_queue)
{
	struct evq q;
	struct ev e;
	evq_init(&q);
	for (int i = 0; i < 1000; i++)
		evq_push(&q, i, 0, i, 0);
	evq_free(&q);
	cr_expect_eq(q.n, 0);
	cr_expect_null(evq_peek(&q));
	evq_push(&q, 9, 0, 1, 2);
	cr_assert_eq(evq_pop(&q, &e), 1);
	cr_expect_eq(e.t, 9);
	evq_free(&q);
}

/* A lesson's script is queued first and frozen into a sorted run beside
 * the heap: what comes out, with later pushes tying with it, is what the
 * heap alone gives; a copy shares the run and pops the same on its own. */
Test(evq, a_frozen_run_pops_as_the_heap_would)
{
	struct evq q, c;
	struct rng r;
	struct test_evq_model m = { calloc(30000, sizeof(struct ev)), 0 };
	uint64_t order = 0;
	cr_assert_not_null(m.v);
	evq_init(&q);
	rng_seed(&r, 15);
	for (int i = 0; i < 5000; i++) {
		int64_t t = (int64_t)rng_below(&r, 800);
		evq_push(&q, t, 0, (int)order, 0);
		m.v[m.n++] = (struct ev){ .t = t, .seq = order, .a = (int)order };
		order++;
	}
	evq_freeze(&q);
	cr_assert_eq(q.n, 0, "the heap is empty once frozen");
	cr_assert_eq(evq_len(&q), 5000);
	for (int step = 0; step < 20000; step++) {
		if (step == 9000)
			evq_copy(&c, &q);
		if (rng_below(&r, 2) == 0) {
			int64_t t = (int64_t)rng_below(&r, 800);
			evq_push(&q, t, 1, (int)order, 0);
			m.v[m.n++] = (struct ev){ .t = t, .seq = order, .a = (int)order };
			order++;
		} else {
			struct ev got, want;
			int g = evq_pop(&q, &got), w = test_evq_model_pop(&m, &want);
			cr_assert_eq(g, w, "step %d", step);
			if (w)
				cr_assert_eq(got.a, want.a, "step %d: t=%lld", step, (long long)got.t);
		}
		cr_assert_eq(evq_len(&q), m.n);
	}
	/* The copy drains in order, the original's pops since did not touch it. */
	size_t left = evq_len(&c);
	struct ev prev = { .t = -1 }, e;
	uint64_t prev_seq = 0;
	while (evq_pop(&c, &e)) {
		cr_assert(e.t > prev.t || (e.t == prev.t && e.seq > prev_seq));
		prev = e;
		prev_seq = e.seq;
		left--;
	}
	cr_expect_eq(left, 0);
	evq_free(&c);
	evq_free(&q);
	free(m.v);
}

/* Times are compared as one number with the sign bit flipped: negative
 * times still come first, and the extremes keep their places. */
Test(evq, negative_and_extreme_times_keep_their_order)
{
	struct evq q;
	struct ev e;
	const int64_t t[] = { INT64_MAX, 0, -1, INT64_MIN, 1, -1000000, INT64_MAX, INT64_MIN, 0 };
	const int n = (int)(sizeof t / sizeof *t);
	const int want[] = { 3, 7, 5, 2, 1, 8, 4, 0, 6 };
	evq_init(&q);
	for (int i = 0; i < n; i++)
		evq_push(&q, t[i], 0, i, 0);
	for (int i = 0; i < n; i++) {
		cr_assert_eq(evq_pop(&q, &e), 1);
		cr_expect_eq(e.a, want[i], "pop %d: got event %d (t=%lld)", i, e.a, (long long)e.t);
	}
	cr_expect_eq(evq_pop(&q, &e), 0);
	evq_free(&q);
}

static int test_evq_ref_cmp(const void *pa, const void *pb)
{
	const struct ev *a = pa, *b = pb;
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return a->a < b->a ? -1 : a->a > b->a;
}

/* 200,000 events with few distinct times, drained from every queue size
 * on the way down (each count of children in the last family), against
 * a plain sort by (time, order of insertion). */
Test(evq, a_large_random_sequence_matches_a_sort)
{
	enum { N = 200000 };
	struct evq q;
	struct rng r;
	struct ev *ref = calloc(N, sizeof *ref), e;
	cr_assert_not_null(ref);
	evq_init(&q);
	rng_seed(&r, 99);
	for (int i = 0; i < N; i++) {
		int64_t t = (int64_t)rng_below(&r, 64) * 1000 - 16000;
		evq_push(&q, t, 0, i, 0);
		ref[i] = (struct ev){ .t = t, .a = i };
	}
	qsort(ref, N, sizeof *ref, test_evq_ref_cmp);
	for (int i = 0; i < N; i++) {
		cr_assert_eq(evq_len(&q), (size_t)(N - i));
		cr_assert_eq(evq_pop(&q, &e), 1);
		cr_assert_eq(e.a, ref[i].a, "pop %d: event %d, want %d", i, e.a, ref[i].a);
	}
	cr_expect_eq(evq_pop(&q, &e), 0);
	evq_free(&q);
	free(ref);
}

/* A copy taken mid-run (what a snapshot holds) and the original, given
 * the same pushes afterwards, pop the same events in the same order. */
Test(evq, a_copy_goes_on_exactly_as_the_original)
{
	struct evq q, c;
	struct rng r;
	struct ev a, b;
	evq_init(&q);
	rng_seed(&r, 5);
	for (int i = 0; i < 3000; i++)
		evq_push(&q, (int64_t)rng_below(&r, 50), 0, i, 0);
	for (int i = 0; i < 1000; i++)
		evq_pop(&q, &a);
	evq_copy(&c, &q);
	cr_assert_eq(evq_len(&c), evq_len(&q));
	for (int step = 0; step < 6000; step++) {
		if (rng_below(&r, 3) == 0) {
			int64_t t = (int64_t)rng_below(&r, 80);
			evq_push(&q, t, 1, 10000 + step, 0);
			evq_push(&c, t, 1, 10000 + step, 0);
			continue;
		}
		int ga = evq_pop(&q, &a), gb = evq_pop(&c, &b);
		cr_assert_eq(ga, gb, "step %d", step);
		if (ga) {
			cr_assert_eq(a.a, b.a, "step %d", step);
			cr_assert_eq(a.seq, b.seq, "step %d", step);
		}
	}
	evq_free(&c);
	evq_free(&q);
}

/* As the engine uses it: a frozen script, and every event scheduling a
 * few more at its own time or a step of 500 µs later (so that times tie
 * often, in the heap and with the script), now and then peeked before it
 * is popped; against the model, with the events each queue holds. */
Test(evq, an_engine_like_run_matches_a_model)
{
	struct evq q;
	struct rng r;
	struct test_evq_model m = { calloc(200000, sizeof(struct ev)), 0 };
	uint64_t order = 0;
	cr_assert_not_null(m.v);
	evq_init(&q);
	rng_seed(&r, 16);
	for (int i = 0; i < 2000; i++) {
		int64_t t = (int64_t)rng_below(&r, 2000) * 1000;
		evq_push(&q, t, 0, (int)order, 0);
		m.v[m.n++] = (struct ev){ .t = t, .seq = order, .a = (int)order };
		order++;
	}
	evq_freeze(&q);
	struct ev got, want;
	size_t popped = 0;
	while (evq_len(&q)) {
		if (rng_below(&r, 4) == 0) {
			/* What peek shows is what pop then takes. */
			const struct ev *p = evq_peek(&q);
			cr_assert_not_null(p);
			int peeked = p->a;
			cr_assert_eq(evq_pop(&q, &got), 1);
			cr_assert_eq(got.a, peeked);
		} else {
			cr_assert_eq(evq_pop(&q, &got), 1);
		}
		cr_assert_eq(test_evq_model_pop(&m, &want), 1);
		cr_assert_eq(got.a, want.a, "pop %zu: event %d at %lld, want %d at %lld", popped,
		             got.a, (long long)got.t, want.a, (long long)want.t);
		popped++;
		int more = order < 150000 ? (int)rng_below(&r, 3) : 0;
		for (int k = 0; k < more; k++) {
			int64_t t = got.t + (int64_t)rng_below(&r, 5) * 500;
			evq_push(&q, t, 1, (int)order, 0);
			m.v[m.n++] = (struct ev){ .t = t, .seq = order, .a = (int)order };
			order++;
		}
		cr_assert_eq(evq_len(&q), m.n);
	}
	cr_expect_eq(popped, order);
	evq_free(&q);
	free(m.v);
}

/* A user's action lands between events, at a time before the event the
 * window peeked at: it comes out first, and the rest keep their order. */
Test(evq, a_push_before_the_peeked_event_comes_first)
{
	struct evq q;
	struct ev e;
	evq_init(&q);
	for (int i = 0; i < 100; i++)
		evq_push(&q, 1000 + (i % 10) * 100, 0, i, 0);
	cr_assert_eq(evq_pop(&q, &e), 1);
	cr_expect_eq(e.t, 1000);
	const struct ev *p = evq_peek(&q);
	cr_assert_not_null(p);
	cr_expect_eq(p->t, 1000);
	for (int i = 0; i < 9; i++)
		cr_assert_eq(evq_pop(&q, &e), 1);
	p = evq_peek(&q);
	cr_expect_eq(p->t, 1100, "the next time once 1000 is done");
	evq_push(&q, 1050, 1, 500, 0);   /* before what was peeked */
	evq_push(&q, 1100, 1, 501, 0);   /* ties with it: after those there */
	cr_assert_eq(evq_pop(&q, &e), 1);
	cr_expect_eq(e.a, 500);
	int64_t prev_t = e.t;
	int last_a = -1, n = 1;
	while (evq_pop(&q, &e)) {
		cr_assert_geq(e.t, prev_t);
		if (e.t == 1100) {
			cr_expect_gt(e.a, last_a, "ties in the order they were pushed");
			last_a = e.a;
		}
		prev_t = e.t;
		n++;
	}
	cr_expect_eq(n, 100 - 10 + 2);
	cr_expect_eq(last_a, 501);
	evq_free(&q);
}
