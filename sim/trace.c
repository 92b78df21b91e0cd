/* trace — record storage (an array plus a string arena) and the hand-off
 * to the run's listener.  With tracing off and no listener a record costs a
 * few stores into a scratch slot. */
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

void trace_end(struct sim *s, struct trace_rec *r, const struct msg *m)
{
	if (s->opts.no_trace && !s->listener)
		return;
	r->seq = ++s->nrec;
	if (r->msg < 0 && m)
		r->msg = m->ledger;
	if (!s->opts.no_trace) {
		if (s->ntr == s->captr) {
			s->captr = s->captr ? s->captr * 2 : 256;
			s->tr = xrealloc(s->tr, s->captr * sizeof *s->tr);
		}
		r->cmd = arena_strdup(&s->strings, r->cmd);
		r->text = arena_strdup(&s->strings, r->text);
		r->detail = arena_strdup(&s->strings, r->detail);
		r->subject = arena_strdup(&s->strings, r->subject);
		s->tr[s->ntr++] = *r;
		r = &s->tr[s->ntr - 1];
	}
	if (s->listener)
		s->listener(s->listener_ud, r, m);
}
