/* snapshot — a copy of a run, for the timeline's periodic snapshots:
 * going on from the copy gives the same run, record for record, as going on
 * with the original.  Every pointer inside the run is copied or re-aimed at
 * the copy's own objects (each module copies its part: conn.c, job.c, …),
 * except what the runs hold in common: the scenario and the S/MIME context
 * (read-only, shared by every run of the lesson), the trace store (one
 * history, simint.h), the messages (stored mails are never changed; a
 * queued copy, or one the receiving server is checking, is shared until a
 * run changes it, snapshot_own) and the ledger's entries (shared until a
 * run writes one, ledger_own: most are final, so a snapshot of a long
 * lesson costs a pointer per message).  The run's RNG is a value and is
 * copied with it; OpenSSL's generator is rekeyed from the seed before each
 * operation (smime_rand.c), so it holds nothing a snapshot must keep.
 * The snapshots a timeline keeps are never run, so one kept after another
 * shares with it each job and connection record that has not changed
 * (compared field by field; counted by their holders in job.c and conn.c),
 * and the network's arrays: most of a long lesson's queue waits between
 * two snapshots.  Its pending events are kept sorted, the older ones in a
 * block shared with the snapshots before (snapshot_queue_keep).  The host
 * and user indexes, built once from the scenario, are held by every run
 * of the lesson. */
#include <stdlib.h>
#include <string.h>

#include "simint.h"

struct snapshot_map {
	const struct msg **from;
	struct msg **to;
	size_t cap, n;            /* cap a power of two, at most half full */
};

static size_t snapshot_slot(const struct snapshot_map *map, const struct msg *m)
{
	uint64_t x = (uint64_t)(uintptr_t)m;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	size_t i = (size_t)x & (map->cap - 1);
	while (map->from[i] && map->from[i] != m)
		i = (i + 1) & (map->cap - 1);
	return i;
}

static void snapshot_map_grow(struct snapshot_map *map)
{
	struct snapshot_map old = *map;
	map->cap = old.cap ? old.cap * 2 : 256;
	map->from = xcalloc(map->cap, sizeof *map->from);
	map->to = xcalloc(map->cap, sizeof *map->to);
	for (size_t i = 0; i < old.cap; i++)
		if (old.from[i]) {
			size_t k = snapshot_slot(map, old.from[i]);
			map->from[k] = old.from[i];
			map->to[k] = old.to[i];
		}
	free(old.from);
	free(old.to);
}

/* Note that m's copy is to (a message has one owner); returns to. */
static struct msg *snapshot_map_put(struct snapshot_map *map, const struct msg *m, struct msg *to)
{
	if (2 * (map->n + 1) > map->cap)
		snapshot_map_grow(map);
	size_t k = snapshot_slot(map, m);
	if (map->from[k])
		PANIC("snapshot_msg: a message with two owners");
	map->from[k] = m;
	map->to[k] = to;
	map->n++;
	return to;
}

struct msg *snapshot_msg(struct snapshot_map *map, const struct msg *m)
{
	return m ? snapshot_map_put(map, m, msg_share(m)) : NULL;   /* changed only after snapshot_own */
}

struct msg *snapshot_msg_share(struct snapshot_map *map, const struct msg *m)
{
	(void)map;   /* the copy is m itself: nothing to look up later */
	return m ? msg_share(m) : NULL;
}

struct msg *snapshot_msg_note(struct snapshot_map *map, const struct msg *m)
{
	return m ? snapshot_map_put(map, m, (struct msg *)m) : NULL;   /* the shared record's holder */
}

struct msg *snapshot_msg_ref(const struct snapshot_map *map, const struct msg *m)
{
	if (!m)
		return NULL;
	size_t k = map->cap ? snapshot_slot(map, m) : 0;
	if (map->cap && map->from[k])
		return map->to[k];
	if (m->shared)   /* a stored mail: the copy holds the same one */
		return (struct msg *)m;
	PANIC("snapshot_msg_ref: a message no owner holds");
}

struct msg *snapshot_own(struct msg *m)
{
	if (!m || !m->shared)
		return m;
	struct msg *c = msg_clone(m);
	msg_free(m);   /* one holder fewer: the others keep it as it is */
	return c;
}

/* The network's arrays as prev holds them: the paths found so far and the
 * rules' switches. */
static int snapshot_net_same(const struct net *a, const struct net *b)
{
	const struct scenario *sc = a->sc;
	size_t nn = (size_t)(sc->nnets ? sc->nnets : 1);
	if (memcmp(a->path_done, b->path_done, nn * nn) != 0 ||
	    memcmp(a->paths, b->paths, nn * nn * sizeof *a->paths) != 0)
		return 0;
	for (int r = 0; r < sc->nrouters; r++)
		if (memcmp(a->enabled[r], b->enabled[r], (size_t)sc->routers[r].nrules * sizeof(int)) != 0)
			return 0;
	return 1;
}

/* A kept copy holds prev's network arrays when they are the same (one
 * more holder, counted in net_refs), else a copy of src's. */
static void snapshot_net(struct sim *s, const struct sim *src, const struct sim *prev)
{
	if (!prev || !snapshot_net_same(&src->net, &prev->net)) {
		net_copy(&s->net, &src->net);
		return;
	}
	struct sim *p = (struct sim *)prev;   /* only its count changes */
	if (!p->net_refs) {
		p->net_refs = xmalloc(sizeof *p->net_refs);
		*p->net_refs = 1;
	}
	++*p->net_refs;
	s->net = p->net;
	s->net_refs = p->net_refs;
}

/* The host and user indexes never change after sim_new: the copy holds
 * src's, one holder more. */
static void snapshot_indexes(struct sim *s, const struct sim *src)
{
	struct sim *w = (struct sim *)src;   /* only its count changes */
	if (!w->index_refs) {
		w->index_refs = xmalloc(sizeof *w->index_refs);
		*w->index_refs = 1;
	}
	++*w->index_refs;
	s->index_refs = w->index_refs;
	s->host_by_addr = src->host_by_addr;
	s->user_by_addr = src->user_by_addr;
	s->user_by_login = src->user_by_login;
}

/* A kept snapshot's pending events, sorted by (time, sequence): the events
 * a base held that are still pending (a suffix of it: events leave the
 * queue earliest first) and its own, those queued since the base was made
 * (sequence numbers from base_seq on).  A base is shared by the kept
 * snapshots after it, counted, until their own events outnumber what is
 * left of it: a long lesson queues its scripted sends from the start. */
struct snapshot_base {
	int refs;
	struct ev *ev;
	size_t n;
	uint64_t seq;             /* the queue's next sequence number when made */
};

struct snapshot_queue {
	struct snapshot_base *base;
	size_t from;              /* base->ev[from ..] are pending */
	struct ev *own;
	size_t nown;
};

static int snapshot_ev_cmp(const void *x, const void *y)
{
	const struct ev *a = x, *b = y;
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

static int snapshot_ev_same(const struct ev *a, const struct ev *b)
{
	return a->t == b->t && a->seq == b->seq && a->kind == b->kind && a->a == b->a && a->b == b->b;
}

void snapshot_queue_free(struct snapshot_queue *kq)
{
	if (!kq)
		return;
	if (--kq->base->refs == 0) {
		free(kq->base->ev);
		free(kq->base);
	}
	free(kq->own);
	free(kq);
}

/* src's pending events for a kept copy, sharing prev's base when what is
 * left of it is exactly the older part of src's queue. */
static struct snapshot_queue *snapshot_queue_keep(const struct evq *q, const struct sim *prev)
{
	struct ev *all = q->n ? xmalloc(q->n * sizeof *all) : NULL;
	if (q->n) {
		evq_heap_events(q, all);
		qsort(all, q->n, sizeof *all, snapshot_ev_cmp);
	}
	struct snapshot_queue *kq = xcalloc(1, sizeof *kq);
	struct snapshot_base *b = prev ? prev->kq->base : NULL;
	size_t nold = 0;
	for (size_t i = 0; b && i < q->n; i++)
		nold += all[i].seq < b->seq;
	if (b && nold <= b->n && q->n - nold <= nold) {
		size_t from = b->n - nold, k = 0, nown = 0;
		int same = 1;
		for (size_t i = 0; i < q->n; i++) {
			if (all[i].seq >= b->seq)
				all[nown++] = all[i];   /* own events, in order, to the front */
			else if (!snapshot_ev_same(&all[i], &b->ev[from + k++]))
				same = 0;
		}
		if (same) {
			b->refs++;
			struct ev *own = nown ? xrealloc(all, nown * sizeof *all) : NULL;
			if (!nown)
				free(all);
			*kq = (struct snapshot_queue){ b, from, own, nown };
			return kq;
		}
		evq_heap_events(q, all);   /* not expected: a base of its own */
		qsort(all, q->n, sizeof *all, snapshot_ev_cmp);
	}
	kq->base = xmalloc(sizeof *kq->base);
	*kq->base = (struct snapshot_base){ 1, all, q->n, q->next_seq };
	return kq;
}

/* q shares src's frozen run (the script, sorted beside the heap: see
 * evq_freeze) and is as far along it. */
static void snapshot_queue_run(struct evq *q, const struct evq *src)
{
	q->run = src->run;
	q->run_i = src->run_i;
	if (q->run)
		q->run->refs++;
}

/* A run's queue from a kept snapshot's: the two sorted parts merged, put
 * in the order they will come out. */
static void snapshot_queue_resume(struct evq *q, const struct sim *src)
{
	const struct snapshot_queue *kq = src->kq;
	const struct ev *a = kq->base->ev + kq->from, *b = kq->own;
	size_t na = kq->base->n - kq->from, nb = kq->nown, i = 0, j = 0;
	evq_init(q);
	q->next_seq = src->q.next_seq;
	snapshot_queue_run(q, &src->q);
	for (size_t k = 0; k < na + nb; k++)
		evq_put(q, j == nb || (i < na && snapshot_ev_cmp(&a[i], &b[j]) < 0) ? &a[i++] : &b[j++]);
}

static struct sim *snapshot_copy(const struct sim *src, const struct sim *prev, int kept)
{
	if (src->in_event)
		PANIC("snapshot_take: inside an event");
	struct sim *s = xcalloc(1, sizeof *s);
	s->kept = kept;
	s->sc = src->sc;
	s->opts = src->opts;
	s->rng = src->rng;
	if (kept) {   /* only the sequence number and the shared run are kept in q */
		s->kq = snapshot_queue_keep(&src->q, prev);
		evq_init(&s->q);
		s->q.next_seq = src->q.next_seq;
		snapshot_queue_run(&s->q, &src->q);
	} else if (src->kq) {
		snapshot_queue_resume(&s->q, src);
	} else {
		evq_copy(&s->q, &src->q);
	}
	snapshot_net(s, src, prev);
	snapshot_indexes(s, src);
	s->now = src->now;
	s->events_done = src->events_done;
	s->next_qid = src->next_qid;
	s->nrec = src->nrec;
	s->ts = trace_store_hold(src->ts);
	s->ntr = src->ntr;
	ledger_snapshot(s, src);
	struct snapshot_map map = { 0 };
	job_snapshot(s, src, prev, &map);
	mda_snapshot(s, src, &map);
	mua_smime_snapshot(s, src, &map);
	conn_snapshot(s, src, prev, &map);
	free(map.from);
	free(map.to);
	s->ncomposed = src->ncomposed;
	s->smime = src->smime;
	filter_snapshot(s, src);
	/* POP before SMTP's open windows (pop3.c) */
	if (src->npop_relay) {
		s->pop_relay = xmalloc((size_t)src->npop_relay * sizeof *s->pop_relay);
		memcpy(s->pop_relay, src->pop_relay, (size_t)src->npop_relay * sizeof *s->pop_relay);
	}
	s->npop_relay = s->cappop_relay = src->npop_relay;
	return s;
}

struct sim *snapshot_take(const struct sim *src)
{
	return snapshot_copy(src, NULL, 0);
}

struct sim *snapshot_keep(const struct sim *src, const struct sim *prev)
{
	if (prev && (!prev->kept || prev->sc != src->sc))
		PANIC("snapshot_keep: prev is not a kept snapshot of this lesson");
	return snapshot_copy(src, prev, 1);
}
