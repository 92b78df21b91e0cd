/* trace — record storage (an array plus a string arena, shared by the
 * runs of one timeline) and the hand-off to the run's listener.  With
 * tracing off and no listener a record costs a few stores into a scratch
 * slot. */
#include <string.h>

#include "simint.h"

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, cap;
	char data[];
};

const char *arena_strdup(struct arena *a, const char *str)
{
	if (!str)
		return NULL;
	size_t n = strlen(str) + 1;
	struct arena_chunk *c = a->head;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > 65536 ? n : 65536;
		c = xmalloc(sizeof *c + cap);
		c->next = a->head;
		c->used = 0;
		c->cap = cap;
		a->head = c;
	}
	char *d = c->data + c->used;
	memcpy(d, str, n);
	c->used += n;
	return d;
}

void arena_free(struct arena *a)
{
	while (a->head) {
		struct arena_chunk *n = a->head->next;
		free(a->head);
		a->head = n;
	}
}

struct trace_store *trace_store_new(void)
{
	struct trace_store *ts = xcalloc(1, sizeof *ts);
	ts->refs = 1;
	return ts;
}

struct trace_store *trace_store_hold(struct trace_store *ts)
{
	ts->refs++;
	return ts;
}

void trace_store_release(struct trace_store *ts)
{
	if (!ts || --ts->refs > 0)
		return;
	free(ts->tr);
	arena_free(&ts->strings);
	free(ts);
}

/* The stored copy of string *p of a record written at a place that holds
 * old (a run ahead of this one wrote it there, or NULL): old's own when it
 * says the same, so a replay adds nothing to the arena. */
static const char *trace_keep(struct trace_store *ts, const struct trace_rec *old, size_t off,
                              const char *str)
{
	if (!str)
		return NULL;
	if (old) {
		const char *was = *(const char *const *)(const void *)((const char *)old + off);
		if (was && strcmp(was, str) == 0)
			return was;
	}
	return arena_strdup(&ts->strings, str);
}

void trace_cut_future(struct sim *s)
{
	s->ts->n = s->ntr;
}

struct trace_rec *trace_begin(struct sim *s, enum trace_kind k, int node)
{
	struct trace_rec *r = &s->scratch;
	memset(r, 0, sizeof *r);
	r->kind = k;
	r->event = s->events_done + (size_t)s->in_event;
	r->t = r->t_sent = s->now;
	r->role = -1;
	r->node = node;
	r->peer = -1;
	r->msg = -1;
	r->conn = -1;
	return r;
}

enum trace_origin trace_origin_of(const struct msg *m)
{
	if (!m)
		return TRACE_ORIGIN_NONE;
	if (m->flags & MSG_F_BOUNCE)
		return TRACE_ORIGIN_BOUNCE;
	if (m->flags & MSG_F_FORWARD)
		return TRACE_ORIGIN_FORWARD;
	if (m->flags & MSG_F_BOT)
		return TRACE_ORIGIN_BOT;
	if (m->flags & MSG_F_ATTACKER)
		return TRACE_ORIGIN_ATTACKER;
	if (m->flags & MSG_F_SCRIPT)
		return TRACE_ORIGIN_SCRIPT;
	return TRACE_ORIGIN_USER;
}

void trace_end(struct sim *s, struct trace_rec *r, const struct msg *m)
{
	if (s->opts.no_trace && !s->listener)
		return;
	r->seq = ++s->nrec;
	if (r->msg < 0 && m)
		r->msg = m->ledger;
	if (r->origin == TRACE_ORIGIN_NONE)
		r->origin = (uint8_t)trace_origin_of(m);
	if (r->msg >= 0 && (size_t)r->msg < s->nled)
		r->tag = s->led[r->msg]->tag;
	if (!s->opts.no_trace) {
		struct trace_store *ts = s->ts;
		if (s->ntr == ts->cap) {
			ts->cap = ts->cap ? ts->cap * 2 : 256;
			ts->tr = xrealloc(ts->tr, ts->cap * sizeof *ts->tr);
		}
		/* The payload's strings may point anywhere (a scratch buffer, a
		 * connection's line): the stored record gets its own copies. */
		const struct trace_kind_desc *d = &trace_kinds[r->kind];
		const struct trace_rec *old = s->ntr < ts->n && ts->tr[s->ntr].kind == r->kind ?
		                              &ts->tr[s->ntr] : NULL;
		for (size_t i = 0; i < sizeof d->strings / sizeof *d->strings && d->strings[i]; i++) {
			const char **p = (const char **)(void *)((char *)r + d->strings[i]);
			*p = trace_keep(ts, old, d->strings[i], *p);
		}
		/* A run resumed from a snapshot writes over what the run ahead
		 * of it left at this place. */
		ts->tr[s->ntr++] = *r;
		if (ts->n < s->ntr)
			ts->n = s->ntr;
		r = &ts->tr[s->ntr - 1];
	}
	if (s->listener)
		s->listener(s->listener_ud, r, m);
}
