/* evq — the event queue: a binary min-heap ordered by (time, insertion
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

struct evq {
	struct ev *heap;
	size_t n, cap;
	uint64_t next_seq;
};

void evq_init(struct evq *q);
void evq_free(struct evq *q);
/* dst (not initialised) becomes a copy of src with storage of its own. */
void evq_copy(struct evq *dst, const struct evq *src);
/* Schedule; the sequence number is assigned here. */
void evq_push(struct evq *q, int64_t t, int kind, int a, int b);
/* Remove the earliest event into *out; returns 0 if the queue is empty. */
int evq_pop(struct evq *q, struct ev *out);
/* The earliest event without removing it, or NULL. */
const struct ev *evq_peek(const struct evq *q);

#endif
