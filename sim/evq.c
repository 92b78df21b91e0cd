/* evq — binary heap of events keyed by (t, seq). */
#include "evq.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void evq_init(struct evq *q)
{
	q->heap = NULL;
	q->n = q->cap = 0;
	q->next_seq = 1;
	q->run = NULL;
	q->run_i = 0;
}

void evq_free(struct evq *q)
{
	free(q->heap);
	if (q->run && --q->run->refs == 0)
		free(q->run);
	evq_init(q);
}

static int evq_less(const struct ev *x, const struct ev *y)
{
	return x->t < y->t || (x->t == y->t && x->seq < y->seq);
}

void evq_push(struct evq *q, int64_t t, int kind, int a, int b)
{
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 256;
		q->heap = xrealloc(q->heap, q->cap * sizeof *q->heap);
	}
	struct ev e = { .t = t, .seq = q->next_seq++, .kind = kind, .a = a, .b = b };
	size_t i = q->n++;
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (!evq_less(&e, &q->heap[parent]))
			break;
		q->heap[i] = q->heap[parent];
		i = parent;
	}
	q->heap[i] = e;
}

static int evq_cmp(const void *a, const void *b)
{
	return evq_less(a, b) ? -1 : evq_less(b, a) ? 1 : 0;
}

void evq_freeze(struct evq *q)
{
	if (q->run)
		PANIC("evq_freeze: frozen already");
	if (!q->n)
		return;
	q->run = xmalloc(sizeof *q->run + q->n * sizeof *q->run->ev);
	q->run->refs = 1;
	q->run->n = q->n;
	memcpy(q->run->ev, q->heap, q->n * sizeof *q->heap);
	qsort(q->run->ev, q->n, sizeof *q->run->ev, evq_cmp);
	q->run_i = 0;
	q->n = 0;
}

size_t evq_len(const struct evq *q)
{
	return q->n + (q->run ? q->run->n - q->run_i : 0);
}

/* The run's next event when it comes before the heap's top, else NULL. */
static const struct ev *evq_run_first(const struct evq *q)
{
	if (!q->run || q->run_i == q->run->n)
		return NULL;
	const struct ev *r = &q->run->ev[q->run_i];
	return q->n == 0 || evq_less(r, &q->heap[0]) ? r : NULL;
}

int evq_pop(struct evq *q, struct ev *out)
{
	const struct ev *r = evq_run_first(q);
	if (r) {
		*out = *r;
		q->run_i++;
		return 1;
	}
	if (q->n == 0)
		return 0;
	*out = q->heap[0];
	struct ev last = q->heap[--q->n];
	if (q->n == 0)
		return 1;
	/* Bottom-up (Floyd): the hole left by the top goes down to a leaf
	 * by the smaller child, one comparison a level, and the last event
	 * comes up from there; it belongs near the bottom, so it seldom
	 * climbs far.  The order is (t, seq), so pops are the same. */
	struct ev *h = q->heap;
	size_t i = 0, c;
	while ((c = 2 * i + 1) < q->n) {
		if (c + 1 < q->n && evq_less(&h[c + 1], &h[c]))
			c++;
		h[i] = h[c];
		i = c;
	}
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (!evq_less(&last, &h[parent]))
			break;
		h[i] = h[parent];
		i = parent;
	}
	h[i] = last;
	return 1;
}

const struct ev *evq_peek(const struct evq *q)
{
	const struct ev *r = evq_run_first(q);
	return r ? r : q->n ? &q->heap[0] : NULL;
}

void evq_copy(struct evq *dst, const struct evq *src)
{
	*dst = *src;
	if (dst->run)
		dst->run->refs++;
	dst->cap = src->n ? src->n : 0;
	dst->heap = src->n ? xmalloc(src->n * sizeof *dst->heap) : NULL;
	if (src->n)
		memcpy(dst->heap, src->heap, src->n * sizeof *dst->heap);
}
