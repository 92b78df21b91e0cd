/* evq — binary heap of events keyed by (t, seq). */
#include "evq.h"

#include <string.h>

#include "util.h"

void evq_init(struct evq *q)
{
	q->heap = NULL;
	q->n = q->cap = 0;
	q->next_seq = 1;
}

void evq_free(struct evq *q)
{
	free(q->heap);
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

int evq_pop(struct evq *q, struct ev *out)
{
	if (q->n == 0)
		return 0;
	*out = q->heap[0];
	struct ev last = q->heap[--q->n];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= q->n)
			break;
		if (c + 1 < q->n && evq_less(&q->heap[c + 1], &q->heap[c]))
			c++;
		if (!evq_less(&q->heap[c], &last))
			break;
		q->heap[i] = q->heap[c];
		i = c;
	}
	if (q->n)
		q->heap[i] = last;
	return 1;
}

const struct ev *evq_peek(const struct evq *q)
{
	return q->n ? &q->heap[0] : NULL;
}

void evq_copy(struct evq *dst, const struct evq *src)
{
	*dst = *src;
	dst->cap = src->n ? src->n : 0;
	dst->heap = src->n ? xmalloc(src->n * sizeof *dst->heap) : NULL;
	if (src->n)
		memcpy(dst->heap, src->heap, src->n * sizeof *dst->heap);
}
