/* ledger_run — the ledger during a run: entries per message, states per
 * recipient, and the audit that proves no message vanished. */
#include <stdio.h>
#include <string.h>

#include "hindex.h"
#include "simint.h"
#include "slab.h"

/* ---- the index of a message with many recipients ----
 * Two chained hash tables over the lines' indices, one by the address as
 * first written, one by the current envelope address (which forwarding
 * changes).  A lookup walks one chain and takes the lowest matching line,
 * so it finds what the plain scan in line order finds. */

enum { LEDGER_INDEX_MIN = 16 };   /* fewer lines: a plain scan is cheaper */

struct ledger_index {
	size_t mask;               /* buckets - 1, a power of two minus one */
	int *head_cur, *head_addr; /* first line of each bucket, -1 */
	int *next_cur, *next_addr; /* next line in the same bucket, -1 */
};

static void ledger_index_free(struct ledger_index *ix)
{
	if (!ix)
		return;
	free(ix->head_cur);
	free(ix->head_addr);
	free(ix->next_cur);
	free(ix->next_addr);
	free(ix);
}

static void ledger_index_link(struct ledger_entry *e, int i)
{
	struct ledger_index *ix = e->ix;
	size_t bc = hindex_hash(e->rcpts[i].cur) & ix->mask;
	size_t ba = hindex_hash(e->rcpts[i].addr) & ix->mask;
	ix->next_cur[i] = ix->head_cur[bc];
	ix->head_cur[bc] = i;
	ix->next_addr[i] = ix->head_addr[ba];
	ix->head_addr[ba] = i;
}

/* (Re)build the index for the entry's capacity, once it has enough lines. */
static void ledger_index_build(struct ledger_entry *e)
{
	ledger_index_free(e->ix);
	e->ix = NULL;
	if (e->caprcpts < LEDGER_INDEX_MIN)
		return;
	struct ledger_index *ix = xcalloc(1, sizeof *ix);
	size_t nb = 16;
	while (nb < (size_t)e->caprcpts * 2)
		nb *= 2;
	ix->mask = nb - 1;
	ix->head_cur = xmalloc(nb * sizeof(int));
	ix->head_addr = xmalloc(nb * sizeof(int));
	memset(ix->head_cur, 0xff, nb * sizeof(int));     /* -1 */
	memset(ix->head_addr, 0xff, nb * sizeof(int));
	ix->next_cur = xmalloc((size_t)e->caprcpts * sizeof(int));
	ix->next_addr = xmalloc((size_t)e->caprcpts * sizeof(int));
	e->ix = ix;
	for (int i = 0; i < e->nrcpts; i++)
		ledger_index_link(e, i);
}

/* The lowest line whose current (cur) or first (!cur) address is addr, or -1. */
static int ledger_index_find(const struct ledger_entry *e, const char *addr, int cur)
{
	const struct ledger_index *ix = e->ix;
	size_t b = hindex_hash(addr) & ix->mask;
	int best = -1;
	for (int i = cur ? ix->head_cur[b] : ix->head_addr[b]; i >= 0;
	     i = cur ? ix->next_cur[i] : ix->next_addr[i])
		if (util_strcasecmp(cur ? e->rcpts[i].cur : e->rcpts[i].addr, addr) == 0 &&
		    (best < 0 || i < best))
			best = i;
	return best;
}

static int ledger_entry_find(const struct ledger_entry *e, const char *addr)
{
	if (e->ix) {
		int i = ledger_index_find(e, addr, 1);
		return i >= 0 ? i : ledger_index_find(e, addr, 0);
	}
	for (int i = 0; i < e->nrcpts; i++)
		if (util_strcasecmp(e->rcpts[i].cur, addr) == 0)
			return i;
	for (int i = 0; i < e->nrcpts; i++)
		if (util_strcasecmp(e->rcpts[i].addr, addr) == 0)
			return i;
	return -1;
}

/* Put the entries a run resumed from a snapshot has not indexed yet. */
static void ledger_index_tags(struct sim *s)
{
	for (; s->led_indexed < s->nled; s->led_indexed++)
		hindex_put_str(&s->led_by_tag, s->led[s->led_indexed]->tag, (int)s->led_indexed);
}

int ledger_add(struct sim *s, const char *tag, const struct msg *m, int bounce_of)
{
	if (s->nled == s->capled) {
		s->capled = s->capled ? s->capled * 2 : 64;
		s->led = xrealloc(s->led, s->capled * sizeof *s->led);
	}
	/* The entry, its subject and recipient lines stay with every
	 * message the run has seen: slab blocks (see slab.h). */
	struct ledger_entry *e = slab_alloc(sizeof *e);
	memset(e, 0, sizeof *e);
	s->led[s->nled] = e;
	e->refs = 1;
	/* In the trace store: records name their message by this tag and may
	 * outlive this run (the timeline's runs share them). */
	e->tag = (char *)arena_strdup(&s->ts->strings, tag);
	char subj[256];
	msg_header_get(m, "Subject", subj, sizeof subj);
	e->subject = slab_strdup(subj);
	e->bounce_of = bounce_of;
	e->t_created = s->now;
	e->caprcpts = m->nrcpt ? m->nrcpt : 1;
	e->rcpts = slab_alloc((size_t)e->caprcpts * sizeof *e->rcpts);
	memset(e->rcpts, 0, (size_t)e->caprcpts * sizeof *e->rcpts);
	for (int i = 0; i < m->nrcpt; i++) {
		struct ledger_rcpt *r = &e->rcpts[e->nrcpts++];
		r->addr = r->cur = slab_strdup(m->rcpt[i]);
		r->state = LS_OUTBOX;
		r->node = -1;
		r->spam = -1;
	}
	ledger_index_build(e);
	s->nled++;
	ledger_index_tags(s);
	return (int)s->nled - 1;
}

static char *ledger_dup(const char *str)
{
	return str ? xstrdup(str) : NULL;
}

/* A deep copy of entry a, held by one run (the tag is the trace store's). */
/* Free r's current address unless it is the first (cur starts as addr). */
static void ledger_rcpt_drop_cur(struct ledger_rcpt *r)
{
	if (r->cur != r->addr)
		slab_free_str(r->cur);
	r->cur = NULL;
}

static struct ledger_entry *ledger_entry_clone(const struct ledger_entry *a)
{
	struct ledger_entry *b = slab_alloc(sizeof *b);
	*b = *a;
	b->refs = 1;
	b->subject = a->subject ? slab_strdup(a->subject) : NULL;
	b->caprcpts = a->nrcpts ? a->nrcpts : 1;
	b->rcpts = slab_alloc((size_t)b->caprcpts * sizeof *b->rcpts);
	for (int k = 0; k < a->nrcpts; k++) {
		const struct ledger_rcpt *p = &a->rcpts[k];
		struct ledger_rcpt *q = &b->rcpts[k];
		*q = *p;
		q->addr = p->addr ? slab_strdup(p->addr) : NULL;
		q->cur = p->cur == p->addr ? q->addr : p->cur ? slab_strdup(p->cur) : NULL;
		q->rule = ledger_dup(p->rule);
		q->reason = ledger_dup(p->reason);
	}
	b->ix = NULL;   /* the copy's own index, over its own lines */
	ledger_index_build(b);
	return b;
}

static void ledger_entry_release(struct ledger_entry *e)
{
	if (--e->refs > 0)
		return;
	for (int k = 0; k < e->nrcpts; k++) {
		ledger_rcpt_drop_cur(&e->rcpts[k]);
		slab_free_str(e->rcpts[k].addr);
		free(e->rcpts[k].rule);
		free(e->rcpts[k].reason);
	}
	/* the tag is in the trace store */
	slab_free(e->rcpts, (size_t)e->caprcpts * sizeof *e->rcpts);
	ledger_index_free(e->ix);
	slab_free_str(e->subject);
	slab_free(e, sizeof *e);
}

struct ledger_entry *ledger_own(struct sim *s, int i)
{
	if (i < 0 || (size_t)i >= s->nled)
		PANIC("no ledger entry %d", i);
	struct ledger_entry *e = s->led[i];
	if (e->refs > 1) {
		s->led[i] = ledger_entry_clone(e);
		e->refs--;
	}
	return s->led[i];
}

struct ledger_rcpt *ledger_rcpt_find(struct sim *s, int entry, const char *addr)
{
	if (entry < 0 || (size_t)entry >= s->nled)
		return NULL;
	/* A line found here is about to change: the entry must be this run's. */
	struct ledger_entry *e = ledger_own(s, entry);
	int i = ledger_entry_find(e, addr);
	return i >= 0 ? &e->rcpts[i] : NULL;
}

void ledger_rcpt_forward(struct sim *s, int entry, struct ledger_rcpt *r, const char *to)
{
	struct ledger_entry *e = ledger_own(s, entry);   /* r came from ledger_rcpt_find */
	int i = (int)(r - e->rcpts);
	if (i < 0 || i >= e->nrcpts)
		PANIC("message %d: a recipient line of another run", entry);
	if (e->ix) {   /* unlink i from its old current address's chain */
		size_t b = hindex_hash(r->cur) & e->ix->mask;
		int *p = &e->ix->head_cur[b];
		while (*p >= 0 && *p != i)
			p = &e->ix->next_cur[*p];
		if (*p == i)
			*p = e->ix->next_cur[i];
	}
	ledger_rcpt_drop_cur(r);
	r->cur = slab_strdup(to);
	if (e->ix) {
		size_t b = hindex_hash(r->cur) & e->ix->mask;
		e->ix->next_cur[i] = e->ix->head_cur[b];
		e->ix->head_cur[b] = i;
	}
}

void ledger_add_rcpt(struct sim *s, int entry, const char *addr, enum ledger_state st, int node)
{
	if (entry < 0 || (size_t)entry >= s->nled)
		PANIC("no ledger entry %d", entry);
	if (ledger_rcpt_find(s, entry, addr))
		return;
	struct ledger_entry *e = ledger_own(s, entry);
	int grown = e->nrcpts == e->caprcpts;
	if (grown) {
		e->rcpts = slab_realloc(e->rcpts, (size_t)e->caprcpts * sizeof *e->rcpts,
		                        (size_t)e->caprcpts * 2 * sizeof *e->rcpts);
		e->caprcpts *= 2;
	}
	struct ledger_rcpt *r = &e->rcpts[e->nrcpts++];
	memset(r, 0, sizeof *r);
	r->addr = r->cur = slab_strdup(addr);
	r->state = LS_OUTBOX;
	r->node = node;
	r->spam = -1;
	if (grown)
		ledger_index_build(e);
	else if (e->ix)
		ledger_index_link(e, e->nrcpts - 1);
	ledger_enter(s, entry, r, st, node);
}

void ledger_enter(struct sim *s, int entry, struct ledger_rcpt *r, enum ledger_state st, int node)
{
	if ((unsigned)st >= LS_COUNT)
		PANIC("message %d: bad state %d", entry, (int)st);
	enum ledger_state old = r->state;
	r->state = st;
	r->node = node;
	if (old == st)
		return;
	struct trace_rec *t = trace_begin(s, TR_STATE, node);
	t->msg = entry;
	t->u.state.rcpt = r->addr;
	t->u.state.from = (uint8_t)old;
	t->u.state.to = (uint8_t)st;
	trace_end(s, t, NULL);
}

void ledger_set(struct sim *s, int entry, const char *addr, enum ledger_state st, int node)
{
	struct ledger_rcpt *r = ledger_rcpt_find(s, entry, addr);
	if (!r)
		PANIC("message %d has no recipient %s", entry, addr);
	ledger_enter(s, entry, r, st, node);
}

void ledger_free_all(struct sim *s)
{
	for (size_t i = 0; i < s->nled; i++)
		ledger_entry_release(s->led[i]);
	free(s->led);
}

size_t sim_ledger_count(const struct sim *s)
{
	return s->nled;
}

const struct ledger_entry *sim_ledger(const struct sim *s, size_t i)
{
	return i < s->nled ? s->led[i] : NULL;
}

int sim_ledger_find(const struct sim *s, const char *tag)
{
	/* Hashed (a message bounced to 5,000 domains makes 5,000 bounce
	 * entries, each named after a search); tags differing only in case
	 * share a key, so a miss on the exact tag scans.  Entries a run
	 * resumed from a snapshot has not indexed yet are scanned. */
	int i = hindex_get_str(&s->led_by_tag, tag);
	if (i >= 0 && strcmp(s->led[i]->tag, tag) == 0)
		return i;
	for (size_t k = i < 0 ? s->led_indexed : 0; k < s->nled; k++)
		if (strcmp(s->led[k]->tag, tag) == 0)
			return (int)k;
	return -1;
}

/* Mark in held[] (one flag per recipient line, entries laid end to end
 * from base[]) every recipient that some live copy carries. */
static void ledger_mark(const struct sim *s, const size_t *base, unsigned char *held,
                        const struct msg *m, int holder_kind)
{
	if (!m || m->ledger < 0 || (size_t)m->ledger >= s->nled)
		return;
	const struct ledger_entry *e = s->led[m->ledger];
	unsigned char *h = held + base[m->ledger];
	for (int i = 0; i < m->nrcpt; i++) {
		if (!e->ix) {
			for (int k = 0; k < e->nrcpts; k++)
				if (util_strcasecmp(e->rcpts[k].cur, m->rcpt[i]) == 0)
					h[k] |= (unsigned char)holder_kind;
			continue;
		}
		/* Every line now addressed to this recipient, as the scan finds. */
		size_t b = hindex_hash(m->rcpt[i]) & e->ix->mask;
		for (int k = e->ix->head_cur[b]; k >= 0; k = e->ix->next_cur[k])
			if (util_strcasecmp(e->rcpts[k].cur, m->rcpt[i]) == 0)
				h[k] |= (unsigned char)holder_kind;
	}
}

enum { LEDGER_IN_JOB = 1, LEDGER_IN_MAILBOX = 2 };

/* Is a recipient in state st where the copies say it is?  Final states
 * other than delivered hold no copy: the mail left the simulation. */
static int ledger_held(enum ledger_state st, unsigned char held)
{
	switch (st) {
	case LS_OUTBOX:
	case LS_QUEUED:
	case LS_IN_FLIGHT:
		return !!(held & LEDGER_IN_JOB);
	case LS_DELIVERED:
		return !!(held & LEDGER_IN_MAILBOX);
	case LS_BLOCKED:      /* the MUA keeps it in the outbox; a bot drops it */
	case LS_BOUNCED:
	case LS_REJECTED:
	case LS_DISCARDED:
		return 1;
	case LS_COUNT:
		break;
	}
	return 0;
}

int sim_audit(const struct sim *s, void *errp)
{
	FILE *err = errp;
	size_t *base = xcalloc(s->nled + 1, sizeof *base);
	for (size_t i = 0; i < s->nled; i++)
		base[i + 1] = base[i] + (size_t)s->led[i]->nrcpts;
	unsigned char *held = xcalloc(base[s->nled] + 1, 1);
	for (int i = 0; i < s->njobs; i++)
		if (s->jobs[i]->used)
			ledger_mark(s, base, held, s->jobs[i]->m, LEDGER_IN_JOB);
	for (int u = 0; u < s->sc->nusers; u++) {
		const struct mbox *b = &s->mbox[u];
		for (int f = 0; f < MBOX_FOLDER_COUNT; f++)
			for (int k = 0; k < b->f[f].n; k++)
				ledger_mark(s, base, held, b->f[f].items[k].m, LEDGER_IN_MAILBOX);
		for (int k = 0; k < b->fetched.n; k++)
			ledger_mark(s, base, held, b->fetched.items[k].m, LEDGER_IN_MAILBOX);
	}
	int problems = 0;
	for (size_t i = 0; i < s->nled; i++) {
		const struct ledger_entry *e = s->led[i];
		for (int k = 0; k < e->nrcpts; k++) {
			const struct ledger_rcpt *r = &e->rcpts[k];
			if (r->state < LS_COUNT && ledger_held(r->state, held[base[i] + (size_t)k]))
				continue;
			problems++;
			if (err)
				fprintf(err, "ledger: message %s to <%s> vanished (state %s)\n", e->tag,
				        r->addr, r->state < LS_COUNT ? ledger_state_names[r->state] : "?");
		}
	}
	free(base);
	free(held);
	return problems;
}

void ledger_snapshot(struct sim *dst, const struct sim *src)
{
	/* Shared, entry by entry, until one of the runs writes (ledger_own);
	 * the tag index is left for the run resumed from the copy to build. */
	dst->nled = dst->capled = src->nled;
	dst->led = src->nled ? xmalloc(src->nled * sizeof *dst->led) : NULL;
	for (size_t i = 0; i < src->nled; i++) {
		dst->led[i] = src->led[i];
		dst->led[i]->refs++;
	}
	dst->led_indexed = 0;
}
