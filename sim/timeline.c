/* timeline — stepping back by replay.  The timeline keeps the master action
 * log; going back builds a fresh run and replays events and actions up to
 * the point asked for.  A run is a pure function of (scenario, seed, log),
 * so the state reached is exactly the state the run had. */
#include <string.h>

#include "simint.h"

struct timeline {
	const struct scenario *sc;
	struct sim_opts opts;
	struct sim *sim;
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
	free((char *)a->compose.to);
	free((char *)a->compose.cc);
	free((char *)a->compose.bcc);
	free((char *)a->compose.subject);
	free((char *)a->compose.body);
}

struct timeline *timeline_new(const struct scenario *sc, const struct sim_opts *o)
{
	struct timeline *tl = xcalloc(1, sizeof *tl);
	tl->sc = sc;
	if (o)
		tl->opts = *o;
	tl->sim = sim_new(sc, &tl->opts);
	return tl;
}

void timeline_free(struct timeline *tl)
{
	if (!tl)
		return;
	sim_free(tl->sim);
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
		sim_apply_logged(tl->sim, &tl->log[tl->applied++]);
}

static int timeline_step(struct timeline *tl)
{
	timeline_apply_due(tl);
	if (!sim_step(tl->sim))
		return 0;
	timeline_apply_due(tl);
	return 1;
}

void timeline_goto(struct timeline *tl, size_t n)
{
	if (n < tl->sim->events_done) {
		{
			trace_listener_fn fn = tl->sim->listener;
			void *ud = tl->sim->listener_ud;
			sim_free(tl->sim);
			tl->sim = sim_new(tl->sc, &tl->opts);
			sim_set_listener(tl->sim, fn, ud);
		}
		tl->applied = 0;
	}
	timeline_apply_due(tl);
	while (tl->sim->events_done < n && timeline_step(tl))
		;
}

int timeline_back(struct timeline *tl)
{
	if (tl->sim->events_done == 0)
		return 0;
	timeline_goto(tl, tl->sim->events_done - 1);
	/* Show the moment of the event we stand on, not a later play time. */
	return 1;
}

int timeline_forward(struct timeline *tl)
{
	return timeline_step(tl);
}

void timeline_restart(struct timeline *tl)
{
	/* The lesson as written: the user's own actions are dropped, so a rule
	 * switched at the very start does not survive a restart. */
	for (size_t i = 0; i < tl->nlog; i++)
		timeline_free_entry(&tl->log[i]);
	tl->nlog = 0;
	tl->applied = 0;
	timeline_goto(tl, 0);
	if (tl->sim->nlog) {
		/* goto(0) from 0 keeps the run; rebuild it without the actions. */
		trace_listener_fn fn = tl->sim->listener;
		void *ud = tl->sim->listener_ud;
		sim_free(tl->sim);
		tl->sim = sim_new(tl->sc, &tl->opts);
		sim_set_listener(tl->sim, fn, ud);
	}
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

/* A new action: the future beyond the present is dropped, then the action
 * is applied and logged. */
static void timeline_log(struct timeline *tl, const struct sim_action *a)
{
	for (size_t i = tl->applied; i < tl->nlog; i++)
		timeline_free_entry(&tl->log[i]);
	tl->nlog = tl->applied;
	if (tl->nlog == tl->caplog) {
		tl->caplog = tl->caplog ? tl->caplog * 2 : 16;
		tl->log = xrealloc(tl->log, tl->caplog * sizeof *tl->log);
	}
	struct sim_action *d = &tl->log[tl->nlog++];
	*d = *a;
	d->compose.header_from = timeline_dup(a->compose.header_from);
	d->compose.to = timeline_dup(a->compose.to);
	d->compose.cc = timeline_dup(a->compose.cc);
	d->compose.bcc = timeline_dup(a->compose.bcc);
	d->compose.subject = timeline_dup(a->compose.subject);
	d->compose.body = timeline_dup(a->compose.body);
	tl->applied = tl->nlog;
}

static int timeline_took(struct timeline *tl, int rc)
{
	if (rc == 0)
		timeline_log(tl, &tl->sim->log[tl->sim->nlog - 1]);
	return rc;
}

int timeline_toggle_rule(struct timeline *tl, int router, int rule, int enabled)
{
	return timeline_took(tl, sim_toggle_rule(tl->sim, router, rule, enabled));
}

int timeline_compose(struct timeline *tl, const struct sim_compose *c)
{
	return timeline_took(tl, sim_compose(tl->sim, c));
}

int timeline_mark_spam(struct timeline *tl, int msg, int spam)
{
	return timeline_took(tl, sim_mark_spam(tl->sim, msg, spam));
}

int timeline_fetch(struct timeline *tl, int user)
{
	return timeline_took(tl, sim_fetch(tl->sim, user));
}
