/* ledger_run — the ledger during a run: entries per message, states per
 * recipient, and the audit that proves no message vanished. */
#include <stdio.h>
#include <string.h>

#include "simint.h"


int ledger_add(struct sim *s, const char *tag, const struct msg *m, int bounce_of)
{
	if (s->nled == s->capled) {
		s->capled = s->capled ? s->capled * 2 : 64;
		s->led = xrealloc(s->led, s->capled * sizeof *s->led);
	}
	struct ledger_entry *e = &s->led[s->nled];
	memset(e, 0, sizeof *e);
	/* In the trace's arena: records name their message by this tag and
	 * may outlive this run (the timeline shares them). */
	/* In the trace store: records name their message by this tag and may
	 * outlive this run (the timeline's runs share them). */
	e->tag = (char *)arena_strdup(&s->ts->strings, tag);
	char subj[256];
	msg_header_get(m, "Subject", subj, sizeof subj);
	e->subject = xstrdup(subj);
	e->bounce_of = bounce_of;
	e->t_created = s->now;
	e->caprcpts = m->nrcpt ? m->nrcpt : 1;
	e->rcpts = xcalloc((size_t)e->caprcpts, sizeof *e->rcpts);
	for (int i = 0; i < m->nrcpt; i++) {
		struct ledger_rcpt *r = &e->rcpts[e->nrcpts++];
		r->addr = xstrdup(m->rcpt[i]);
		r->cur = xstrdup(m->rcpt[i]);
		r->state = LS_OUTBOX;
		r->node = -1;
		r->spam = -1;
	}
	return (int)s->nled++;
}

struct ledger_rcpt *ledger_rcpt_find(struct sim *s, int entry, const char *addr)
{
	if (entry < 0 || (size_t)entry >= s->nled)
		return NULL;
	struct ledger_entry *e = &s->led[entry];
	for (int i = 0; i < e->nrcpts; i++)
		if (util_strcasecmp(e->rcpts[i].cur, addr) == 0)
			return &e->rcpts[i];
	for (int i = 0; i < e->nrcpts; i++)
		if (util_strcasecmp(e->rcpts[i].addr, addr) == 0)
			return &e->rcpts[i];
	return NULL;
}

void ledger_add_rcpt(struct sim *s, int entry, const char *addr, enum ledger_state st, int node)
{
	if (entry < 0 || (size_t)entry >= s->nled)
		PANIC("no ledger entry %d", entry);
	if (ledger_rcpt_find(s, entry, addr))
		return;
	struct ledger_entry *e = &s->led[entry];
	if (e->nrcpts == e->caprcpts) {
		e->caprcpts *= 2;
		e->rcpts = xrealloc(e->rcpts, (size_t)e->caprcpts * sizeof *e->rcpts);
	}
	struct ledger_rcpt *r = &e->rcpts[e->nrcpts++];
	memset(r, 0, sizeof *r);
	r->addr = xstrdup(addr);
	r->cur = xstrdup(addr);
	r->state = LS_OUTBOX;
	r->node = node;
	r->spam = -1;
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
	for (size_t i = 0; i < s->nled; i++) {
		struct ledger_entry *e = &s->led[i];
		for (int k = 0; k < e->nrcpts; k++) {
			free(e->rcpts[k].addr);
			free(e->rcpts[k].cur);
			free(e->rcpts[k].folder);
			free(e->rcpts[k].mailbox);
			free(e->rcpts[k].rule);
			free(e->rcpts[k].reason);
		}
		free(e->rcpts);   /* the tag is in the trace store */
		free(e->subject);
	}
	free(s->led);
}

size_t sim_ledger_count(const struct sim *s)
{
	return s->nled;
}

const struct ledger_entry *sim_ledger(const struct sim *s, size_t i)
{
	return i < s->nled ? &s->led[i] : NULL;
}

int sim_ledger_find(const struct sim *s, const char *tag)
{
	for (size_t i = 0; i < s->nled; i++)
		if (strcmp(s->led[i].tag, tag) == 0)
			return (int)i;
	return -1;
}

/* Mark in held[] (one flag per recipient line, entries laid end to end
 * from base[]) every recipient that some live copy carries. */
static void ledger_mark(const struct sim *s, const size_t *base, unsigned char *held,
                        const struct msg *m, int holder_kind)
{
	if (!m || m->ledger < 0 || (size_t)m->ledger >= s->nled)
		return;
	const struct ledger_entry *e = &s->led[m->ledger];
	for (int i = 0; i < m->nrcpt; i++)
		for (int k = 0; k < e->nrcpts; k++)
			if (util_strcasecmp(e->rcpts[k].cur, m->rcpt[i]) == 0)
				held[base[m->ledger] + (size_t)k] |= (unsigned char)holder_kind;
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
		base[i + 1] = base[i] + (size_t)s->led[i].nrcpts;
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
		const struct ledger_entry *e = &s->led[i];
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

static char *ledger_dup(const char *str)
{
	return str ? xstrdup(str) : NULL;
}

void ledger_snapshot(struct sim *dst, const struct sim *src)
{
	dst->nled = dst->capled = src->nled;
	dst->led = src->nled ? xmalloc(src->nled * sizeof *dst->led) : NULL;
	for (size_t i = 0; i < src->nled; i++) {
		const struct ledger_entry *a = &src->led[i];
		struct ledger_entry *b = &dst->led[i];
		*b = *a;   /* the tag is the trace store's, which the copy shares */
		b->subject = ledger_dup(a->subject);
		b->caprcpts = a->nrcpts ? a->nrcpts : 1;
		b->rcpts = xmalloc((size_t)b->caprcpts * sizeof *b->rcpts);
		for (int k = 0; k < a->nrcpts; k++) {
			const struct ledger_rcpt *p = &a->rcpts[k];
			struct ledger_rcpt *q = &b->rcpts[k];
			*q = *p;
			q->addr = ledger_dup(p->addr);
			q->cur = ledger_dup(p->cur);
			q->folder = ledger_dup(p->folder);
			q->mailbox = ledger_dup(p->mailbox);
			q->rule = ledger_dup(p->rule);
			q->reason = ledger_dup(p->reason);
		}
	}
}
