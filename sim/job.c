/* job — the units of work a host carries out for one message copy (submit,
 * relay, deliver locally, fetch): their storage, recycled through a free
 * list because a queue may hold thousands, and their recipients' last
 * replies. */
#include <stddef.h>
#include <string.h>

#include "simint.h"

/* What a snapshot holds in a free slot: one shared, never written, empty
 * job instead of a copy of the stale one (lesson 09 keeps about 1,200
 * slots of which a few dozen are in use).  job_new gives the slot its own
 * storage when it is taken again; every reader checks used first. */
static struct job job_vacant;

/* A job record of a kept snapshot (snapshot_keep), counted by the kept
 * snapshots holding it: the next one shares it while the job is as it
 * was. */
struct job_kept {
	int refs;
	struct job j;
};

static struct job_kept *job_kept_of(struct job *j)
{
	return (struct job_kept *)(void *)((char *)j - offsetof(struct job_kept, j));
}

/* The per-recipient replies of j in one block of room for n (texts first,
 * for their alignment, then codes, then commands), zeroed: a job has them
 * from its start to its end, so three allocations were two too many.
 * Only rtext is freed. */
static void job_replies_alloc(struct job *j, size_t n)
{
	size_t room = n ? n : 1;
	j->rtext = xcalloc(room, sizeof *j->rtext + sizeof *j->rcode + sizeof *j->rcmd);
	j->rcode = (int *)(void *)(j->rtext + room);
	j->rcmd = (uint8_t *)(j->rcode + room);
	j->caprep = (uint8_t)(room <= UINT8_MAX ? room : 0);
}

/* The replies of a new job for n recipients: the block the slot kept
 * from its last job when it has room (most jobs have one recipient, and
 * a queue's slots are taken again and again), zeroed; else a new one. */
static void job_replies_take(struct job *j, char **kept, uint8_t cap, size_t n)
{
	if (kept && n <= cap) {
		j->rtext = kept;
		j->rcode = (int *)(void *)(kept + cap);
		j->rcmd = (uint8_t *)(j->rcode + cap);
		j->caprep = cap;
		for (size_t i = 0; i < n; i++) {   /* mostly one: no memset calls */
			j->rtext[i] = NULL;
			j->rcode[i] = 0;
			j->rcmd[i] = 0;
		}
		return;
	}
	free(kept);
	job_replies_alloc(j, n);
}

/* dst (from job_replies_alloc) takes src's first n replies; the texts are
 * src's, not copied. */
static void job_replies_move(struct job *dst, const struct job *src, size_t n)
{
	if (!n)
		return;
	memcpy(dst->rtext, src->rtext, n * sizeof *dst->rtext);
	memcpy(dst->rcode, src->rcode, n * sizeof *dst->rcode);
	memcpy(dst->rcmd, src->rcmd, n * sizeof *dst->rcmd);
}

struct job *job_new(struct sim *s, enum job_kind kind, int host, struct msg *m)
{
	struct job *j;
	if (s->njob_free) {
		int slot = s->job_free[--s->njob_free];
		j = s->jobs[slot];
		if (j == &job_vacant) {
			j = xmalloc(sizeof *j);
			j->caprep = 0;
			j->id = slot;
			s->jobs[slot] = j;
		}
	} else {
		if (s->njobs == s->capjobs) {
			s->capjobs = s->capjobs ? s->capjobs * 2 : 64;
			s->jobs = xrealloc(s->jobs, (size_t)s->capjobs * sizeof *s->jobs);
			s->job_free = xrealloc(s->job_free, (size_t)s->capjobs * sizeof(int));
		}
		j = xmalloc(sizeof *j);
		j->caprep = 0;
		j->id = s->njobs;
		s->jobs[s->njobs++] = j;
	}
	int id = j->id;
	char **kept = j->caprep ? j->rtext : NULL;   /* none in a new record */
	uint8_t cap = kept ? j->caprep : 0;
	memset(j, 0, sizeof *j);
	j->id = id;
	j->used = 1;
	j->kind = kind;
	j->state = JS_WAIT;
	j->host = host;
	j->m = m;
	j->user = -1;
	j->target = -1;
	j->conn = -1;
	j->created = s->now;
	j->blocked_router = j->blocked_rule = -1;
	if (m && m->nrcpt)
		job_replies_take(j, kept, cap, (size_t)m->nrcpt);
	else
		free(kept);
	return j;
}

struct job *job_get(struct sim *s, int id)
{
	if (id < 0 || id >= s->njobs || !s->jobs[id]->used)
		PANIC("job %d is not live", id);
	return s->jobs[id];
}

int job_is_mua(const struct sim *s, const struct job *j)
{
	return (j->kind == JOB_SUBMIT && j->user >= 0) || j->kind == JOB_FETCH ||
	       (j->kind == JOB_DIRECT && j->user >= 0 &&
	        !(s->sc->hosts[j->host].roles & ROLE_BIT(ROLE_MTA)));
}

int job_refused_pending(const struct sim *s, int entry, const struct ledger_rcpt *lr, int *code, int *node)
{
	for (int id = 0; id < s->njobs; id++) {
		const struct job *j = s->jobs[id];
		if (!j->used || !j->m || j->m->ledger != entry || j->conn < 0 || !j->rcode)
			continue;
		if (!job_is_mua(s, j) && mta_has_queue(s, j->host))
			continue;   /* a queue bounces: that is settled when it is sent */
		for (int i = 0; i < j->m->nrcpt; i++)
			if (j->rcode[i] >= 500 && util_strcasecmp(j->m->rcpt[i], lr->cur ? lr->cur : lr->addr) == 0) {
				*code = j->rcode[i];
				*node = j->host;
				return 1;
			}
	}
	return 0;
}

enum role job_role(const struct sim *s, const struct job *j)
{
	switch ((enum job_kind)j->kind) {
	case JOB_RELAY:
		/* An MSA without an MTA beside it hands its mail on itself. */
		return (s->sc->hosts[j->host].roles & ROLE_BIT(ROLE_MTA)) ? ROLE_MTA : ROLE_MSA;
	case JOB_LOCAL:
		return ROLE_MDA;
	case JOB_SUBMIT:
	case JOB_FETCH:
		return ROLE_MUA;
	case JOB_DIRECT:
		/* A mail program or a bot going straight to the MX is still the
		 * program on that PC; a server sending by itself is its MTA. */
		return (s->sc->hosts[j->host].roles & ROLE_BIT(ROLE_MUA)) ? ROLE_MUA : ROLE_MTA;
	case JOB_KIND_COUNT:
		break;
	}
	PANIC("job %d: bad kind %d", j->id, (int)j->kind);
}

/* j's copy made this run's alone before it changes (snapshot_own); the
 * connection carrying it follows, as it would follow the one copy. */
static void job_own_msg(struct sim *s, struct job *j)
{
	struct msg *old = j->m;
	if (!old || !old->shared)
		return;
	j->m = snapshot_own(old);
	if (j->conn >= 0 && j->conn < s->nconns && s->conns[j->conn]->carry == old)
		s->conns[j->conn]->carry = j->m;
}

void job_add_rcpt(struct sim *s, struct job *j, const char *addr)
{
	job_own_msg(s, j);
	int n = j->m->nrcpt;
	msg_add_rcpt(j->m, addr);
	struct job old = *j;
	job_replies_alloc(j, (size_t)n + 1);
	if (old.rtext) {
		job_replies_move(j, &old, (size_t)n);
		free(old.rtext);
	}
}

void job_keep_rcpts(struct sim *s, struct job *j, const int *keep)
{
	job_own_msg(s, j);
	int n = j->m->nrcpt, k = 0;
	char **old = j->m->rcpt;
	j->m->rcpt = xcalloc((size_t)n + 1, sizeof(char *));
	j->m->caprcpt = n + 1;
	for (int i = 0; i < n; i++) {
		if (keep[i])
			j->m->rcpt[k++] = old[i];
		else
			msg_addr_free(old[i]);
		conn_str_put(s, j->rtext[i]);
		j->rtext[i] = NULL;
		j->rcode[i] = 0;
		j->rcmd[i] = 0;
	}
	j->m->nrcpt = k;
	free(old);
}

static void job_release(struct sim *s, struct job *j)
{
	if (j->rcode && j->m)
		for (int i = 0; i < j->m->nrcpt; i++)
			conn_str_put(s, j->rtext[i]);
	conn_str_put(s, j->peer);
	conn_str_put(s, j->domain);
	free(j->last_text);
	free(j->password);
	free(j->mx);
	msg_free(j->m);
}

void job_free(struct sim *s, struct job *j)
{
	if (!j || !j->used)
		return;
	job_release(s, j);
	/* The reply block stays with the slot for the next job (job_new). */
	if (!j->caprep) {
		free(j->rtext);   /* and rcode, rcmd: one block */
		j->rtext = NULL;
	}
	j->m = NULL;
	j->rcode = NULL;
	j->rcmd = NULL;
	j->domain = j->last_text = j->password = j->peer = NULL;
	j->mx = NULL;
	j->used = 0;
	s->job_free[s->njob_free++] = j->id;
}

void job_free_all(struct sim *s)
{
	for (int i = 0; i < s->njobs; i++) {
		if (s->jobs[i] == &job_vacant)
			continue;
		if (s->kept) {   /* the last holder frees it */
			struct job_kept *k = job_kept_of(s->jobs[i]);
			if (--k->refs == 0) {
				job_release(s, &k->j);
				free(k->j.rtext);
				free(k);
			}
			continue;
		}
		if (s->jobs[i]->used)
			job_release(s, s->jobs[i]);
		free(s->jobs[i]->rtext);
		free(s->jobs[i]);
	}
	free(s->jobs);
	free(s->job_free);
}

static char *job_dup(const char *str)
{
	return str ? xstrdup(str) : NULL;
}

static void job_copy(struct sim *dst, struct job *b, const struct job *a,
                     struct snapshot_map *map)
{
	*b = *a;
	b->m = snapshot_msg(map, a->m);
	b->password = job_dup(a->password);
	b->domain = a->domain ? conn_str_new(dst, a->domain) : NULL;
	b->last_text = job_dup(a->last_text);
	b->peer = a->peer ? conn_str_new(dst, a->peer) : NULL;
	if (a->mx && a->nmx > 0) {
		b->mx = xmalloc((size_t)a->nmx * sizeof *b->mx);
		memcpy(b->mx, a->mx, (size_t)a->nmx * sizeof *b->mx);
	}
	if (a->rcode) {
		size_t n = a->m ? (size_t)a->m->nrcpt : 0;
		job_replies_alloc(b, n + 1);
		job_replies_move(b, a, n);
		for (size_t i = 0; i < n; i++)
			b->rtext[i] = a->rtext[i] ? conn_str_new(dst, a->rtext[i]) : NULL;
	}
}

static int job_str_same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The fields a copy holds apart (job_copy) left out, to compare the rest
 * byte for byte; the message stays in, as the copy holds the same one. */
static void job_masked(struct job *x, const struct job *j)
{
	*x = *j;
	x->password = x->domain = x->last_text = x->peer = NULL;
	x->mx = NULL;
	x->rcode = NULL;
	x->rtext = NULL;
	x->rcmd = NULL;
	x->caprep = 0;
}

/* Is b (a kept snapshot's record) a copy of a as it is now?  A message
 * that b holds cannot have changed under a: a writer copies a shared
 * message first (snapshot_own). */
static int job_same(const struct job *a, const struct job *b)
{
	struct job x, y;
	job_masked(&x, a);
	job_masked(&y, b);
	if (memcmp(&x, &y, sizeof x) != 0 || !job_str_same(a->password, b->password) ||
	    !job_str_same(a->domain, b->domain) || !job_str_same(a->last_text, b->last_text) ||
	    !job_str_same(a->peer, b->peer) || !a->mx != !b->mx || !a->rcode != !b->rcode)
		return 0;
	if (a->mx && a->nmx > 0 && memcmp(a->mx, b->mx, (size_t)a->nmx * sizeof *a->mx) != 0)
		return 0;
	if (a->rcode) {
		size_t n = a->m ? (size_t)a->m->nrcpt : 0;
		if (memcmp(a->rcode, b->rcode, n * sizeof *a->rcode) != 0 || memcmp(a->rcmd, b->rcmd, n) != 0)
			return 0;
		for (size_t i = 0; i < n; i++)
			if (!job_str_same(a->rtext[i], b->rtext[i]))
				return 0;
	}
	return 1;
}

/* Slot i of a kept dst: prev's record while job a is as it holds it,
 * else a counted copy. */
static struct job *job_keep(struct sim *dst, const struct sim *prev, int i, const struct job *a,
                            struct snapshot_map *map)
{
	if (prev && i < prev->njobs && prev->jobs[i] != &job_vacant && job_same(a, prev->jobs[i])) {
		struct job *b = prev->jobs[i];
		job_kept_of(b)->refs++;
		snapshot_msg_note(map, a->m);
		return b;
	}
	struct job_kept *k = xmalloc(sizeof *k);
	k->refs = 1;
	job_copy(dst, &k->j, a, map);
	return &k->j;
}

void job_snapshot(struct sim *dst, const struct sim *src, const struct sim *prev, struct snapshot_map *map)
{
	/* The same slots and the same free list: ids and reuse order are part
	 * of the run. */
	dst->njobs = dst->capjobs = src->njobs;
	dst->njob_free = src->njob_free;
	if (!src->njobs)
		return;
	dst->jobs = xmalloc((size_t)src->njobs * sizeof *dst->jobs);
	dst->job_free = xmalloc((size_t)src->njobs * sizeof *dst->job_free);
	memcpy(dst->job_free, src->job_free, (size_t)src->njob_free * sizeof *dst->job_free);
	for (int i = 0; i < src->njobs; i++) {
		if (!src->jobs[i]->used) {
			dst->jobs[i] = &job_vacant;
			continue;
		}
		if (dst->kept) {
			dst->jobs[i] = job_keep(dst, prev, i, src->jobs[i], map);
			continue;
		}
		dst->jobs[i] = xmalloc(sizeof **dst->jobs);
		job_copy(dst, dst->jobs[i], src->jobs[i], map);
	}
}
