/* sim_act — actions: a rule switched, a mail composed or sent, a message
 * marked, mail fetched.  Every action, clicked in the window or scheduled
 * by the lesson, names its actor and goes through sim_act; the timeline
 * keeps the one log of the user's actions and replays them through it. */
#include <string.h>

#include "simint.h"

const char *const sim_act_names[SIM_ACT_COUNT] = { "toggle", "compose", "mark", "fetch", "send" };
_Static_assert(sizeof sim_act_names / sizeof *sim_act_names == SIM_ACT_COUNT, "sim_act_names");

static int sim_act_toggle(struct sim *s, const struct sim_action *a)
{
	if (a->router < 0 || a->router >= s->sc->nrouters || a->rule < 0 ||
	    a->rule >= s->sc->routers[a->router].nrules)
		return -1;
	s->net.enabled[a->router][a->rule] = !!a->enabled;
	struct trace_rec *r = trace_begin(s, TR_RULE, s->sc->nhosts + a->router);
	r->origin = a->origin;
	r->u.toggle = (struct trace_toggle){ a->router, a->rule, (uint8_t)!!a->enabled };
	trace_end(s, r, NULL);
	return 0;
}

static int sim_act_compose(struct sim *s, const struct sim_action *a)
{
	const struct sim_compose *c = &a->compose;
	if (c->host < 0 || c->host >= s->sc->nhosts || c->user >= s->sc->nusers ||
	    !(c->port == PORT_SMTP || c->port == PORT_SUBMISSION ||
	      c->port == PORT_SUBMISSIONS))
		return -1;
	mua_compose(s, c);
	return 0;
}

static int sim_act_mark(struct sim *s, const struct sim_action *a)
{
	if (a->user < 0 || a->user >= s->sc->nusers || a->msg < 0 || (size_t)a->msg >= s->nled)
		return -1;
	mda_mark(s, a->user, a->msg, !!a->spam, a->origin);
	return 0;
}

static int sim_act_fetch(struct sim *s, const struct sim_action *a)
{
	if (a->user < 0 || a->user >= s->sc->nusers)
		return -1;
	mua_fetch(s, a->user, a->password, a->how);
	return 0;
}

static int sim_act_send(struct sim *s, const struct sim_action *a)
{
	if (a->send < 0 || a->send >= s->sc->nactions || s->sc->actions[a->send].kind != ACT_SEND)
		return -1;
	mua_send(s, &s->sc->actions[a->send].send, a->copy);
	return 0;
}

static int (*const sim_act_fns[SIM_ACT_COUNT])(struct sim *, const struct sim_action *) = {
	[SIM_ACT_TOGGLE] = sim_act_toggle,
	[SIM_ACT_COMPOSE] = sim_act_compose,
	[SIM_ACT_MARK] = sim_act_mark,
	[SIM_ACT_FETCH] = sim_act_fetch,
	[SIM_ACT_SEND] = sim_act_send,
};

int sim_act(struct sim *s, const struct sim_action *a)
{
	if ((unsigned)a->kind >= SIM_ACT_COUNT)
		return -1;
	if (a->t > s->now)
		s->now = a->t;
	return sim_act_fns[a->kind](s, a);
}
