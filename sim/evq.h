/* evq — the event queue: a radix heap ordered by (time, insertion
 * sequence), so events at the same time run in the order they were
 * scheduled (as libuv's timer heap does with start_id). */
#ifndef MAILSIM_EVQ_H
#define MAILSIM_EVQ_H

#include <stddef.h>
#include <stdint.h>

struct ev {
	int64_t t;
	uint64_t seq;
	int32_t kind;          /* enum ev_kind (simint.h) */
	int32_t a, b;          /* arguments: connection, job, host, action … */
};

/* Events queued all at once before the run starts (a lesson's script,
 * 100,000 sends in the ISP benchmark), sorted by (t, seq) once and read in
 * order beside the heap, so that they cost the heap's every push and pop
 * nothing until their time comes.  Read only after evq_freeze: copies of
 * the queue share it (refs). */
struct evq_run {
	unsigned refs;
	size_t n;
	struct ev ev[];
};

/* One bucket of the radix heap: its events are v[head..n), in the order
 * they came in (so equal times stay in sequence order). */
struct evq_bucket {
	struct ev *v;
	uint32_t head, n, cap;
};

/* Bucket 0 holds the events at exactly the time last taken; bucket i > 0
 * those whose time first differs from it in bit i - 1 (from the top).  A
 * push is an append; a pop takes bucket 0's first, or first spreads the
 * lowest bucket holding any over the buckets below it. */
#define EVQ_BUCKETS 65

struct evq {
	struct evq_bucket b[EVQ_BUCKETS];
	uint64_t full;            /* bit i - 1: bucket i holds events (i > 0) */
	uint64_t last;            /* the key buckets are measured from */
	uint64_t lo_min;          /* the least key in bucket lo, if lo > 0 */
	int lo;                   /* the bucket lo_min is known for, or 0 */
	size_t n;                 /* events in the heap (evq_len counts both) */
	uint64_t next_seq;
	struct evq_run *run;      /* NULL, or sorted events beside the heap */
	size_t run_i;             /* the first of run not yet taken */
};

void evq_init(struct evq *q);
void evq_free(struct evq *q);
/* dst (not initialised) becomes a copy of src with a heap of its own (the
 * frozen run is shared). */
void evq_copy(struct evq *dst, const struct evq *src);
/* Schedule; the sequence number is assigned here. */
void evq_push(struct evq *q, int64_t t, int kind, int a, int b);
/* Add *e with its own sequence number (a queue rebuilt from a kept copy);
 * the caller keeps next_seq above every sequence number put. */
void evq_put(struct evq *q, const struct ev *e);
/* Move every event queued so far out of the heap into a sorted run read
 * beside it (once: a queue frozen already panics).  Pops come in the
 * same order as without it. */
void evq_freeze(struct evq *q);
/* Events waiting, in the heap and the run. */
size_t evq_len(const struct evq *q);
/* The q->n events in the heap (not the run), in no particular order, into
 * out. */
void evq_heap_events(const struct evq *q, struct ev *out);
/* Remove the earliest event into *out; returns 0 if the queue is empty. */
int evq_pop(struct evq *q, struct ev *out);
/* The earliest event without removing it, or NULL; valid until the next
 * push or pop.  The buckets may be rearranged, never what comes out. */
const struct ev *evq_peek(const struct evq *q);

#endif
