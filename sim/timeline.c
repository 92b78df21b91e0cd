/* timeline — stepping back and jumping by snapshots, and the one log of
 * the user's actions.  While the run goes forward the timeline keeps a
 * deep copy of it every `every` events (snapshot.c); going to event n
 * resumes a copy of the last snapshot at or before n and replays the
 * events and logged actions after it, so no jump replays more than `every`
 * events.  A run is a pure function of (scenario, seed, log), so the state
 * reached is exactly the state the run had.  The runs share one trace
 * store: the records past the present are the future a run further on
 * made, shown as what comes next. */
#include <string.h>

#include "simint.h"

/* Events between snapshots, chosen by measurement (`make bench`, bench
 * replay's sweep): at 100,000 events a step back or a jump costs a copy of
 * the run and at most this many events, a few milliseconds, while lesson
 * 09 (63,000 events) keeps 32 snapshots of about 1 MB (mostly the free
 * job and connection slots: the ledger's entries are shared, ledger_own);
 * 500 doubles the memory for no gain (the copy dominates), 10,000 doubles
 * the time. */
#define TIMELINE_EVERY_DEFAULT 2000
/* At most this many snapshots: past it every other one is dropped and the
 * spacing doubles, so memory stays bounded on any lesson. */
#define TIMELINE_MAX_SNAPS 64

struct timeline_snap {
	struct sim *s;            /* frozen: only copied, never run */
	size_t applied;           /* log entries applied when it was taken */
};

struct timeline {
	const struct scenario *sc;
	struct sim_opts opts;
	struct sim *sim;
	struct timeline_snap *snaps;   /* by events_done, rising; [0] is event 0 */
	size_t nsnaps;
	size_t every;             /* events between snapshots, 0 = only [0] */
	struct sim_action *log;   /* sorted by after_events; strings owned */
	size_t nlog, caplog;
	size_t applied;           /* log entries applied to the current run */
};

static char *timeline_dup(const char *x)
{
	return x ? xstrdup(x) : NULL;
}

static void timeline_free_entry(struct sim_action *a)
{
	free((char *)a->compose.header_from);
	free((char *)a->compose.mail_from);
	free((char *)a->compose.to);
	free((char *)a->compose.cc);
	free((char *)a->compose.bcc);
	free((char *)a->compose.subject);
	free((char *)a->compose.body);
	free((char *)a->password);
}

static void timeline_snap_add(struct timeline *tl)
{
	tl->snaps = xrealloc(tl->snaps, (tl->nsnaps + 1) * sizeof *tl->snaps);
	/* What has not changed since the last one is shared with it. */
	const struct sim *prev = tl->nsnaps ? tl->snaps[tl->nsnaps - 1].s : NULL;
	tl->snaps[tl->nsnaps++] = (struct timeline_snap){ snapshot_keep(tl->sim, prev), tl->applied };
}

/* Drop the snapshots after event n (they are of a future that changed). */
static void timeline_snap_cut(struct timeline *tl, size_t n)
{
	while (tl->nsnaps > 1 && tl->snaps[tl->nsnaps - 1].s->events_done > n)
		sim_free(tl->snaps[--tl->nsnaps].s);
}

/* Too many snapshots: keep [0] and every other one, twice as far apart. */
static void timeline_snap_thin(struct timeline *tl)
{
	size_t k = 1;
	for (size_t i = 1; i < tl->nsnaps; i++) {
		if (tl->snaps[i].s->events_done % (2 * tl->every) == 0)
			tl->snaps[k++] = tl->snaps[i];
		else
			sim_free(tl->snaps[i].s);
	}
	tl->nsnaps = k;
	tl->every *= 2;
}

struct timeline *timeline_new(const struct scenario *sc, const struct sim_opts *o)
{
	struct timeline *tl = xcalloc(1, sizeof *tl);
	tl->sc = sc;
	if (o)
		tl->opts = *o;
	tl->sim = sim_new(sc, &tl->opts);
	tl->every = TIMELINE_EVERY_DEFAULT;
	timeline_snap_add(tl);
	return tl;
}

void timeline_set_every(struct timeline *tl, size_t every)
{
	timeline_snap_cut(tl, 0);
	tl->every = every;
}

size_t timeline_snapshots(const struct timeline *tl, size_t *every)
{
	if (every)
		*every = tl->every;
	return tl->nsnaps;
}

void timeline_free(struct timeline *tl)
{
	if (!tl)
		return;
	sim_free(tl->sim);
	for (size_t i = 0; i < tl->nsnaps; i++)
		sim_free(tl->snaps[i].s);
	free(tl->snaps);
	for (size_t i = 0; i < tl->nlog; i++)
		timeline_free_entry(&tl->log[i]);
	free(tl->log);
	free(tl);
}

struct sim *timeline_sim(struct timeline *tl)
{
	return tl->sim;
}

size_t timeline_pos(const struct timeline *tl)
{
	return tl->sim->events_done;
}

/* Apply the logged actions that belong at the present event count. */
static void timeline_apply_due(struct timeline *tl)
{
	while (tl->applied < tl->nlog &&
	       tl->log[tl->applied].after_events <= tl->sim->events_done)
		if (sim_act(tl->sim, &tl->log[tl->applied++]) != 0)
			PANIC("logged action %zu no longer applies", tl->applied - 1);
}

static int timeline_step(struct timeline *tl)
{
	timeline_apply_due(tl);
	if (!sim_step(tl->sim))
		return 0;
	timeline_apply_due(tl);
	size_t n = tl->sim->events_done;
	if (tl->every && n % tl->every == 0 && n > tl->snaps[tl->nsnaps - 1].s->events_done) {
		timeline_snap_add(tl);
		if (tl->nsnaps > TIMELINE_MAX_SNAPS)
			timeline_snap_thin(tl);
	}
	return 1;
}

/* The last snapshot at or before event n. */
static const struct timeline_snap *timeline_snap_before(const struct timeline *tl, size_t n)
{
	size_t lo = 0, hi = tl->nsnaps;   /* snaps[0] is at event 0 */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (tl->snaps[mid].s->events_done <= n)
			lo = mid;
		else
			hi = mid;
	}
	return &tl->snaps[lo];
}

/* The present becomes a copy of snapshot p, with the same listener. */
static void timeline_resume(struct timeline *tl, const struct timeline_snap *p)
{
	trace_listener_fn fn = tl->sim->listener;
	void *ud = tl->sim->listener_ud;
	/* Freed first, so that the copy reuses its memory. */
	sim_free(tl->sim);
	tl->sim = snapshot_take(p->s);
	sim_set_listener(tl->sim, fn, ud);
	tl->applied = p->applied;
}

void timeline_goto(struct timeline *tl, size_t n)
{
	const struct timeline_snap *p = timeline_snap_before(tl, n);
	if (n < tl->sim->events_done || p->s->events_done > tl->sim->events_done)
		timeline_resume(tl, p);
	timeline_apply_due(tl);
	while (tl->sim->events_done < n && timeline_step(tl))
		;
}

int timeline_back(struct timeline *tl)
{
	if (tl->sim->events_done == 0)
		return 0;
	timeline_goto(tl, tl->sim->events_done - 1);
	return 1;
}

int timeline_forward(struct timeline *tl)
{
	return timeline_step(tl);
}

void timeline_restart(struct timeline *tl)
{
	/* The lesson as written: the user's own actions are dropped, so a rule
	 * switched at the very start does not survive a restart.  Without any,
	 * the run so far is still what comes next. */
	int same = tl->nlog == 0;
	for (size_t i = 0; i < tl->nlog; i++)
		timeline_free_entry(&tl->log[i]);
	tl->nlog = 0;
	if (!same)
		timeline_snap_cut(tl, 0);
	timeline_resume(tl, &tl->snaps[0]);
	if (!same)
		trace_cut_future(tl->sim);
}

size_t timeline_run_until(struct timeline *tl, int64_t t_us)
{
	size_t n = 0;
	timeline_apply_due(tl);
	for (;;) {
		int64_t next = sim_next_time(tl->sim);
		if (next < 0 || next > t_us)
			break;
		timeline_step(tl);
		n++;
	}
	if (t_us > tl->sim->now)
		tl->sim->now = t_us;
	return n;
}

const struct sim_action *timeline_actions(const struct timeline *tl, size_t *n)
{
	*n = tl->nlog;
	return tl->log;
}

const struct trace_rec *timeline_ahead(const struct timeline *tl, size_t *n)
{
	*n = tl->sim->ts->n;
	return tl->sim->ts->tr;
}

int timeline_act(struct timeline *tl, const struct sim_action *a)
{
	struct sim_action d = *a;
	d.origin = TRACE_ORIGIN_USER;
	d.after_events = tl->sim->events_done;
	d.t = tl->sim->now;
	/* Whatever the old future held is not what comes next any more. */
	timeline_apply_due(tl);
	int rc = sim_act(tl->sim, &d);
	if (rc != 0)
		return rc;
	for (size_t i = tl->applied; i < tl->nlog; i++)
		timeline_free_entry(&tl->log[i]);
	tl->nlog = tl->applied;
	trace_cut_future(tl->sim);
	timeline_snap_cut(tl, tl->sim->events_done);
	if (tl->nlog == tl->caplog) {
		tl->caplog = tl->caplog ? tl->caplog * 2 : 16;
		tl->log = xrealloc(tl->log, tl->caplog * sizeof *tl->log);
	}
	d.compose.header_from = timeline_dup(a->compose.header_from);
	d.compose.mail_from = timeline_dup(a->compose.mail_from);
	d.compose.to = timeline_dup(a->compose.to);
	d.compose.cc = timeline_dup(a->compose.cc);
	d.compose.bcc = timeline_dup(a->compose.bcc);
	d.compose.subject = timeline_dup(a->compose.subject);
	d.compose.body = timeline_dup(a->compose.body);
	d.password = timeline_dup(a->password);
	tl->log[tl->nlog++] = d;
	tl->applied = tl->nlog;
	return 0;
}

int timeline_toggle_rule(struct timeline *tl, int router, int rule, int enabled)
{
	struct sim_action a = { .kind = SIM_ACT_TOGGLE, .router = router, .rule = rule,
	                        .enabled = enabled, .user = -1, .msg = -1 };
	return timeline_act(tl, &a);
}

int timeline_compose(struct timeline *tl, const struct sim_compose *c)
{
	struct sim_action a = { .kind = SIM_ACT_COMPOSE, .compose = *c, .user = c->user, .msg = -1 };
	return timeline_act(tl, &a);
}

int timeline_mark_spam(struct timeline *tl, int user, int msg, int spam)
{
	struct sim_action a = { .kind = SIM_ACT_MARK, .user = user, .msg = msg, .spam = spam };
	return timeline_act(tl, &a);
}

int timeline_fetch(struct timeline *tl, int user)
{
	struct sim_action a = { .kind = SIM_ACT_FETCH, .user = user, .msg = -1 };
	return timeline_act(tl, &a);
}
