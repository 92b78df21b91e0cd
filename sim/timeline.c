/* timeline — stepping back by replay, and the one log of the user's
 * actions.  Going back builds a fresh run and replays events and logged
 * actions up to the point asked for.  A run is a pure function of
 * (scenario, seed, log), so the state reached is exactly the state the run
 * had.  The run that went furthest is kept while the present is behind it,
 * so that what comes next can be shown (its trace is the future). */
#include <string.h>

#include "simint.h"

struct timeline {
	const struct scenario *sc;
	struct sim_opts opts;
	struct sim *sim;
	struct sim *ahead;        /* a run further on than sim, or NULL */
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
	sim_free(tl->ahead);
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

/* The present has caught up with the run ahead: it is no longer needed. */
static void timeline_check_ahead(struct timeline *tl)
{
	if (tl->ahead && tl->sim->events_done >= tl->ahead->events_done) {
		sim_free(tl->ahead);
		tl->ahead = NULL;
	}
}

static int timeline_step(struct timeline *tl)
{
	timeline_apply_due(tl);
	if (!sim_step(tl->sim))
		return 0;
	timeline_apply_due(tl);
	timeline_check_ahead(tl);
	return 1;
}

/* A fresh run from the start with the same listener; the old one is kept
 * as the run ahead if it went further than any other. */
static void timeline_rebuild(struct timeline *tl, int keep_ahead)
{
	trace_listener_fn fn = tl->sim->listener;
	void *ud = tl->sim->listener_ud;
	if (keep_ahead && (!tl->ahead || tl->sim->events_done > tl->ahead->events_done)) {
		sim_free(tl->ahead);
		tl->ahead = tl->sim;
		sim_set_listener(tl->ahead, NULL, NULL);
	} else {
		sim_free(tl->sim);
	}
	if (!keep_ahead) {
		sim_free(tl->ahead);
		tl->ahead = NULL;
	}
	tl->sim = sim_new(tl->sc, &tl->opts);
	sim_set_listener(tl->sim, fn, ud);
	tl->applied = 0;
}

void timeline_goto(struct timeline *tl, size_t n)
{
	if (n < tl->sim->events_done)
		timeline_rebuild(tl, 1);
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
	timeline_rebuild(tl, same);
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
	const struct sim *s = tl->ahead ? tl->ahead : tl->sim;
	return sim_trace(s, n);
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
	sim_free(tl->ahead);
	tl->ahead = NULL;
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
