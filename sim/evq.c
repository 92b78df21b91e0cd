/* evq — a radix heap of events keyed by (t, seq).
 *
 * A simulation never schedules before the moment it is at, so the queue
 * is monotone: every key pushed is at least the last key taken.  A radix
 * heap (Ahuja, Mehlhorn, Orlin and Tarjan, 1990) uses that: an event
 * goes into the bucket of the highest bit in which its time differs from
 * the last one taken, a push is an append, and an event moves down a
 * bucket or more only when its bucket is the lowest left, a few times in
 * its life.  The 4-ary heap before it compared four 128-bit keys a level
 * on every pop (about 400 instructions at the benchmark's 400 events).
 * Ties need no compare: equal times always share a bucket, which keeps
 * the order they came in, and bucket 0 is taken from the front.  A push
 * earlier than the last time taken (only tests do it) sorts the heap
 * again from there. */
#include "evq.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void evq_init(struct evq *q)
{
	memset(q, 0, sizeof *q);
	q->next_seq = 1;
}

void evq_free(struct evq *q)
{
	for (int i = 0; i < EVQ_BUCKETS; i++)
		free(q->b[i].v);
	if (q->run && --q->run->refs == 0)
		free(q->run);
	evq_init(q);
}

/* t as an unsigned key: the sign bit flipped, so negative times sort
 * first. */
static inline uint64_t evq_key(int64_t t)
{
	return (uint64_t)t ^ ((uint64_t)1 << 63);
}

static inline int evq_bucket_of(uint64_t key, uint64_t last)
{
	return key == last ? 0 : 64 - __builtin_clzll(key ^ last);
}

static void evq_grow(struct evq_bucket *b)
{
	if (b->cap >= UINT32_MAX / 2)
		PANIC("evq_grow: more than 2^31 events in one bucket");
	b->cap = b->cap ? b->cap * 2 : 16;
	b->v = xrealloc(b->v, b->cap * sizeof *b->v);
}

static inline void evq_append(struct evq *q, int i, const struct ev *e)
{
	struct evq_bucket *b = &q->b[i];
	if (__builtin_expect(b->n == b->cap, 0))
		evq_grow(b);
	b->v[b->n++] = *e;
	q->full |= (uint64_t)(i != 0) << ((i - 1) & 63);
}

/* Every event of the heap, bucket by bucket, each in its order. */
void evq_heap_events(const struct evq *q, struct ev *out)
{
	size_t k = 0;
	for (int i = 0; i < EVQ_BUCKETS; i++) {
		const struct evq_bucket *b = &q->b[i];
		if (b->n == b->head)
			continue;   /* maybe never allocated: no memcpy from NULL */
		memcpy(out + k, b->v + b->head, (b->n - b->head) * sizeof *out);
		k += b->n - b->head;
	}
}

/* Measure the buckets from key (below last) instead: every event is put
 * again.  Equal times come out of one bucket in order and go into one. */
static void evq_rebase(struct evq *q, uint64_t key)
{
	size_t n = q->n;
	struct ev *all = n ? xmalloc(n * sizeof *all) : NULL;
	if (n)
		evq_heap_events(q, all);
	for (int i = 0; i < EVQ_BUCKETS; i++)
		q->b[i].head = q->b[i].n = 0;
	q->full = 0;
	q->last = key;
	q->lo = 0;
	for (size_t k = 0; k < n; k++)
		evq_append(q, evq_bucket_of(evq_key(all[k].t), key), &all[k]);
	free(all);
}

void evq_put(struct evq *q, const struct ev *e)
{
	uint64_t key = evq_key(e->t);
	if (key < q->last)
		evq_rebase(q, key);
	int i = evq_bucket_of(key, q->last);
	if (i == q->lo)
		q->lo_min = key < q->lo_min ? key : q->lo_min;
	else if (i < q->lo)
		q->lo = 0;
	evq_append(q, i, e);
	q->n++;
}

void evq_push(struct evq *q, int64_t t, int kind, int a, int b)
{
	struct ev e = { .t = t, .seq = q->next_seq++, .kind = kind, .a = a, .b = b };
	evq_put(q, &e);
}

/* Spread bucket i (the lowest holding events) over the buckets below it,
 * measured from key: at most the least key in it, and above every key in
 * the buckets below (they are empty but for bucket 0's, which are at
 * last).  Every event lands lower: it shares with key the bits above
 * i - 1, and bit i - 1 too (key is in the bucket's range); those at key
 * in bucket 0, all in the order they were in. */
static void evq_spread(struct evq *q, int i, uint64_t key)
{
	struct evq_bucket *b = &q->b[i];
	q->last = key;
	q->lo = 0;
	q->full &= ~((uint64_t)1 << (i - 1));
	for (uint32_t k = b->head; k < b->n; k++)
		evq_append(q, evq_bucket_of(evq_key(b->v[k].t), key), &b->v[k]);
	b->head = b->n = 0;
}

/* The next event, the run's or the heap's (then at the front of bucket
 * 0), or NULL.  last stays at most its key, so that nothing left, in the
 * heap or the run, is below it. */
static const struct ev *evq_next(struct evq *q)
{
	const struct ev *r = q->run && q->run_i < q->run->n ? &q->run->ev[q->run_i] : NULL;
	uint64_t rk = r ? evq_key(r->t) : 0;
	struct evq_bucket *z = &q->b[0];
	if (z->head < z->n) {
		/* At last, as r may be (never below it): r was pushed before
		 * anything in the heap, so it comes first at a tie. */
		const struct ev *h = &z->v[z->head];
		return r && rk == q->last && r->seq < h->seq ? r : h;
	}
	z->head = z->n = 0;
	if (!q->full) {
		if (r)
			q->last = rk;
		return r;
	}
	int i = __builtin_ctzll(q->full) + 1;
	/* r below bucket i's range: the buckets mean the same from r. */
	if (r && ((rk ^ q->last) >> (i - 1)) == 0) {
		q->last = rk;
		return r;
	}
	/* Its least key, kept while only pushes change it: while the
	 * script's events come first, the bucket is not read again at each. */
	uint64_t min = q->lo_min;
	if (q->lo != i) {
		const struct evq_bucket *b = &q->b[i];
		min = UINT64_MAX;
		for (uint32_t k = b->head; k < b->n; k++) {
			uint64_t key = evq_key(b->v[k].t);
			min = key < min ? key : min;
		}
		q->lo = i;
		q->lo_min = min;
	}
	/* At a tie r comes first (pushed before anything in the heap).  The
	 * heap waits as it is: spread from r, its events would be spread
	 * again from their own least. */
	if (r && rk <= min)
		return r;
	evq_spread(q, i, min);
	return &z->v[0];
}

static int evq_cmp(const void *x, const void *y)
{
	const struct ev *a = x, *b = y;
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
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
	evq_heap_events(q, q->run->ev);
	qsort(q->run->ev, q->n, sizeof *q->run->ev, evq_cmp);
	q->run_i = 0;
	for (int i = 0; i < EVQ_BUCKETS; i++)
		q->b[i].head = q->b[i].n = 0;
	q->full = 0;
	q->lo = 0;
	q->last = 0;   /* at most every key in the run */
	q->n = 0;
}

size_t evq_len(const struct evq *q)
{
	return q->n + (q->run ? q->run->n - q->run_i : 0);
}

int evq_pop(struct evq *q, struct ev *out)
{
	const struct ev *e = evq_next(q);
	if (!e)
		return 0;
	*out = *e;
	if (q->run && e == &q->run->ev[q->run_i]) {
		q->run_i++;
	} else {
		q->b[0].head++;
		q->n--;
	}
	return 1;
}

const struct ev *evq_peek(const struct evq *q)
{
	/* Finding the next event may spread a bucket over lower ones: the
	 * events and the order they come out in stay as they were, so a
	 * const queue (sim_next_time's) is, as far as anyone can tell,
	 * unchanged. */
	return evq_next((struct evq *)q);
}

void evq_copy(struct evq *dst, const struct evq *src)
{
	*dst = *src;
	if (dst->run)
		dst->run->refs++;
	for (int i = 0; i < EVQ_BUCKETS; i++) {
		const struct evq_bucket *b = &src->b[i];
		struct evq_bucket *d = &dst->b[i];
		d->head = 0;
		d->n = d->cap = b->n - b->head;
		d->v = d->n ? xmalloc(d->n * sizeof *d->v) : NULL;
		if (d->n)
			memcpy(d->v, b->v + b->head, d->n * sizeof *d->v);
	}
}
