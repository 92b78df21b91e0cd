/* test_determinism — a run is a pure function of (scenario, seed, action
 * log): the same lesson plays the same way twice, stepping back and forth
 * on the timeline shows exactly what the straight run showed, and acting
 * after a step back replaces the old future with a new, repeatable one. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "sim.h"
#include "test_world.h"
#include "util.h"

static int test_determinism_str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* A record as the JSON trace writes it: every field of its payload. */
static char *test_determinism_json(const struct sim *s, const struct trace_rec *r)
{
	struct sbuf o = { 0 };
	export_trace_json(s, r, NULL, &o);
	return sbuf_take(&o);
}

/* Every field of every record, strings by content. */
static void test_determinism_same_trace(const struct sim *a, const struct sim *b)
{
	size_t na, nb;
	const struct trace_rec *ta = sim_trace(a, &na), *tb = sim_trace(b, &nb);
	cr_assert_eq(na, nb, "trace lengths %zu and %zu", na, nb);
	for (size_t i = 0; i < na; i++) {
		const struct trace_rec *x = &ta[i], *y = &tb[i];
		cr_assert(x->seq == y->seq && x->t == y->t && x->t_sent == y->t_sent &&
		          x->kind == y->kind && x->role == y->role && x->node == y->node &&
		          x->peer == y->peer && x->msg == y->msg && x->conn == y->conn &&
		          x->proto == y->proto && x->port == y->port && x->origin == y->origin &&
		          x->tls == y->tls && x->event == y->event, "record %zu (%s at %lld) differs", i,
		          trace_kind_names[x->kind], (long long)x->t);
		char *jx = test_determinism_json(a, x), *jy = test_determinism_json(b, y);
		cr_assert_str_eq(jx, jy, "record %zu", i);
		free(jx);
		free(jy);
	}
}

static void test_determinism_same_ledger(const struct sim *a, const struct sim *b)
{
	cr_assert_eq(sim_ledger_count(a), sim_ledger_count(b));
	for (size_t i = 0; i < sim_ledger_count(a); i++) {
		const struct ledger_entry *x = sim_ledger(a, i), *y = sim_ledger(b, i);
		cr_assert_str_eq(x->tag, y->tag);
		cr_assert_eq(x->bounce_of, y->bounce_of);
		cr_assert_eq(x->t_created, y->t_created);
		cr_assert_eq(x->nrcpts, y->nrcpts);
		for (int k = 0; k < x->nrcpts; k++) {
			const struct ledger_rcpt *p = &x->rcpts[k], *q = &y->rcpts[k];
			cr_assert(p->state == q->state && p->node == q->node && p->code == q->code &&
			          p->received == q->received && p->spam == q->spam,
			          "%s to %s: %s / %s", x->tag, p->addr, ledger_state_names[p->state],
			          ledger_state_names[q->state]);
			const char *ps[] = { p->addr, p->cur, p->folder, p->mailbox, p->rule, p->reason };
			const char *qs[] = { q->addr, q->cur, q->folder, q->mailbox, q->rule, q->reason };
			for (int f = 0; f < 6; f++)
				cr_assert(test_determinism_str_eq(ps[f], qs[f]), "%s to %s: string %d", x->tag,
				          p->addr, f);
		}
	}
}

/* Every copy of every message, as the user would export it. */
static void test_determinism_same_copies(const struct sim *a, const struct sim *b)
{
	cr_assert_eq(sim_copy_count(a), sim_copy_count(b));
	for (size_t i = 0; i < sim_copy_count(a); i++) {
		struct sim_copy x, y;
		cr_assert(sim_copy_get(a, i, &x) == 0 && sim_copy_get(b, i, &y) == 0);
		cr_assert_eq(x.holder, y.holder);
		cr_assert_eq(x.node, y.node);
		char *tx = msg_serialize(x.m, NULL), *ty = msg_serialize(y.m, NULL);
		cr_assert_str_eq(tx, ty, "copy %zu", i);
		free(tx);
		free(ty);
	}
}

Test(determinism, lesson01_twice_gives_identical_runs)
{
	struct scenario *sc = test_util_lesson("01-basic-flow.json");
	struct sim *a = sim_new(sc, NULL), *b = sim_new(sc, NULL);
	sim_run_until(a, sc->until_us);
	sim_run_until(b, sc->until_us);
	size_t n;
	sim_trace(a, &n);
	cr_assert_gt(n, 50, "the lesson does something");
	cr_expect_eq(sim_events_done(a), sim_events_done(b));
	test_determinism_same_trace(a, b);
	test_determinism_same_ledger(a, b);
	test_determinism_same_copies(a, b);
	sim_free(a);
	sim_free(b);
	scenario_free(sc);
}

Test(determinism, the_seed_changes_queue_ids_not_the_outcome)
{
	struct scenario *sc = test_util_lesson("01-basic-flow.json");
	struct sim_opts o = { .seed = sc->seed + 1 };
	struct sim *a = sim_new(sc, NULL), *b = sim_new(sc, &o);
	sim_run_until(a, sc->until_us);
	sim_run_until(b, sc->until_us);
	test_determinism_same_ledger(a, b);
	size_t na, nb;
	const struct trace_rec *ta = sim_trace(a, &na), *tb = sim_trace(b, &nb);
	cr_assert_eq(na, nb);
	int differ = 0;
	for (size_t i = 0; i < na; i++) {
		char *jx = test_determinism_json(a, &ta[i]), *jy = test_determinism_json(b, &tb[i]);
		differ += strcmp(jx, jy) != 0;
		free(jx);
		free(jy);
	}
	cr_expect_gt(differ, 0, "another seed, other queue ids");
	sim_free(a);
	sim_free(b);
	scenario_free(sc);
}

Test(determinism, back_one_forward_one_is_the_straight_run)
{
	struct scenario *sc = test_util_lesson("01-basic-flow.json");
	const size_t n = 60;
	struct timeline *tl = timeline_new(sc, NULL);
	struct sim *straight = sim_new(sc, NULL);

	cr_expect_eq(timeline_back(tl), 0, "nothing before the start");
	timeline_goto(tl, n);
	cr_assert_eq(timeline_pos(tl), n);
	cr_assert_eq(timeline_back(tl), 1);
	cr_assert_eq(timeline_pos(tl), n - 1);
	cr_assert_eq(timeline_forward(tl), 1);
	cr_assert_eq(timeline_pos(tl), n);

	cr_assert_eq(sim_run(straight, n), n);
	test_determinism_same_trace(timeline_sim(tl), straight);
	test_determinism_same_ledger(timeline_sim(tl), straight);
	cr_expect_eq(sim_now(timeline_sim(tl)), sim_now(straight));

	/* And on to the end, both ways. */
	timeline_run_until(tl, sc->until_us);
	sim_run_until(straight, sc->until_us);
	test_determinism_same_trace(timeline_sim(tl), straight);
	test_determinism_same_ledger(timeline_sim(tl), straight);
	test_determinism_same_copies(timeline_sim(tl), straight);
	cr_expect_eq(timeline_forward(tl), 0, "nothing after the end");
	timeline_free(tl);
	sim_free(straight);
	scenario_free(sc);
}

Test(determinism, going_back_to_every_event_replays_the_same_state)
{
	struct scenario *sc = test_util_lesson("01-basic-flow.json");
	struct timeline *tl = timeline_new(sc, NULL);
	struct sim *straight = sim_new(sc, NULL);
	timeline_run_until(tl, sc->until_us);
	size_t end = timeline_pos(tl);
	for (size_t k = 0; k <= end; k += 7) {
		timeline_goto(tl, k);
		cr_assert_eq(timeline_pos(tl), k);
		sim_free(straight);
		straight = sim_new(sc, NULL);
		if (k)   /* sim_run(s, 0) means no limit */
			cr_assert_eq(sim_run(straight, k), k);
		test_determinism_same_trace(timeline_sim(tl), straight);
		test_determinism_same_ledger(timeline_sim(tl), straight);
	}
	timeline_free(tl);
	sim_free(straight);
	scenario_free(sc);
}

/* The test world where Alice's PC sends two mails straight to Bob's MX on
 * port 25 (m1 at 1 s, m2 at 60 s); ISP A's OP25B drops them unless a user
 * switches it off. */
static struct scenario *test_determinism_direct(void)
{
	return test_world_scenario(&(struct test_world_parts){ .until = 200, .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'direct': true,"
		" 'to': 'bob@ispb.example', 'subject': 'first'},"
		"{'at': 60, 'do': 'send', 'id': 'm2', 'user': 'alice@ispa.example', 'direct': true,"
		" 'to': 'bob@ispb.example', 'subject': 'second'}" });
}

static enum ledger_state test_determinism_state(struct sim *s, const char *tag)
{
	int e = sim_ledger_find(s, tag);
	cr_assert_geq(e, 0, "%s", tag);
	return sim_ledger(s, (size_t)e)->rcpts[0].state;
}

/* The story below, on a fresh timeline; returns it for comparison. */
static struct timeline *test_determinism_rewrite_history(const struct scenario *sc)
{
	int agw = scenario_find_router(sc, "ispa-gw"), bgw = scenario_find_router(sc, "ispb-gw");
	int op25b = scenario_find_rule(&sc->routers[agw], "OP25B");
	struct timeline *tl = timeline_new(sc, NULL);

	/* m1 is dropped; then the user switches OP25B off and m2 gets through. */
	timeline_run_until(tl, SEC(40));
	cr_assert_eq(test_determinism_state(timeline_sim(tl), "m1"), LS_BLOCKED);
	size_t p = timeline_pos(tl);
	cr_assert_eq(timeline_toggle_rule(tl, agw, op25b, 0), 0);
	timeline_run_until(tl, SEC(200));
	cr_assert_eq(test_determinism_state(timeline_sim(tl), "m2"), LS_DELIVERED);
	size_t end = timeline_pos(tl);

	/* Stepping back and replaying keeps that future: the logged toggle is
	 * applied again at the same point. */
	timeline_goto(tl, p - 3);
	cr_expect_eq(sim_rule_enabled(timeline_sim(tl), agw, op25b), 1);
	timeline_goto(tl, end);
	cr_expect_eq(sim_rule_enabled(timeline_sim(tl), agw, op25b), 0);
	cr_expect_eq(test_determinism_state(timeline_sim(tl), "m2"), LS_DELIVERED);

	/* Acting after a step back drops the old future: the new action (a
	 * rule at ISP B, off Alice's path) replaces the logged toggle, so
	 * OP25B stays on and m2 is dropped like m1. */
	timeline_goto(tl, p - 3);
	cr_assert_eq(timeline_toggle_rule(tl, bgw, 0, 0), 0);
	timeline_run_until(tl, SEC(200));
	struct sim *s = timeline_sim(tl);
	cr_expect_eq(sim_rule_enabled(s, agw, op25b), 1, "the old toggle is gone");
	cr_expect_eq(test_determinism_state(s, "m1"), LS_BLOCKED);
	cr_expect_eq(test_determinism_state(s, "m2"), LS_BLOCKED);
	size_t na;
	const struct sim_action *a = timeline_actions(tl, &na);
	cr_assert_eq(na, 1, "only the new action is in the log");
	cr_expect_eq(a[0].kind, SIM_ACT_TOGGLE);
	cr_expect_eq(a[0].router, bgw);
	cr_expect_eq(a[0].after_events, p - 3);

	/* And the new future is what replay gives too. */
	timeline_goto(tl, 1);
	timeline_run_until(tl, SEC(200));
	cr_expect_eq(test_determinism_state(timeline_sim(tl), "m2"), LS_BLOCKED);
	cr_expect_eq(sim_rule_enabled(timeline_sim(tl), agw, op25b), 1);
	return tl;
}

Test(determinism, acting_after_a_step_back_replaces_the_future)
{
	struct scenario *sc = test_determinism_direct();
	struct timeline *a = test_determinism_rewrite_history(sc);
	struct timeline *b = test_determinism_rewrite_history(sc);
	test_determinism_same_trace(timeline_sim(a), timeline_sim(b));
	test_determinism_same_ledger(timeline_sim(a), timeline_sim(b));
	timeline_free(a);
	timeline_free(b);
	scenario_free(sc);
}

Test(determinism, toggle_rule_rejects_bad_indexes)
{
	struct scenario *sc = test_determinism_direct();
	struct timeline *tl = timeline_new(sc, NULL);
	cr_expect_eq(timeline_toggle_rule(tl, -1, 0, 0), -1);
	cr_expect_eq(timeline_toggle_rule(tl, sc->nrouters, 0, 0), -1);
	cr_expect_eq(timeline_toggle_rule(tl, 0, 5, 0), -1);
	size_t na;
	timeline_actions(tl, &na);
	cr_expect_eq(na, 0, "nothing logged");
	timeline_free(tl);
	scenario_free(sc);
}

Test(determinism, compose_from_the_gui_is_delivered_and_replayed)
{
	struct scenario *sc = test_util_lesson("01-basic-flow.json");
	int alice = scenario_find_user(sc, "alice@ispa.example");
	struct timeline *tl = timeline_new(sc, NULL);
	timeline_run_until(tl, SEC(5));
	struct sim_compose c = {
		.host = scenario_find_host(sc, "alice-pc"), .user = alice,
		.to = "Bob <bob@ispb.example>", .subject = "From the GUI", .body = "Hello Bob\n",
		.port = 587, .auth = 1,
	};
	struct sim_compose bad = c;
	bad.port = 2525;
	cr_expect_eq(timeline_compose(tl, &bad), -1, "no such submission port");
	cr_assert_eq(timeline_compose(tl, &c), 0);
	size_t at = timeline_pos(tl);
	timeline_run_until(tl, SEC(60));

	struct sim *s = timeline_sim(tl);
	int e = sim_ledger_find(s, "c1");
	cr_assert_geq(e, 0, "the composed mail is in the ledger as c1");
	const struct ledger_entry *le = sim_ledger(s, (size_t)e);
	cr_expect_str_eq(le->subject, "From the GUI");
	cr_assert_eq(le->nrcpts, 1);
	cr_expect_str_eq(le->rcpts[0].addr, "bob@ispb.example");
	cr_expect_eq(le->rcpts[0].state, LS_DELIVERED);
	cr_expect_str_eq(le->rcpts[0].folder, "INBOX");
	cr_expect_eq(le->rcpts[0].received, 2);
	cr_expect_eq(sim_audit(s, stderr), 0);

	/* Step back past the compose and forward again: it is replayed. */
	timeline_goto(tl, at - 1);
	cr_expect_eq(sim_ledger_find(timeline_sim(tl), "c1"), -1, "not yet written");
	timeline_run_until(tl, SEC(60));
	s = timeline_sim(tl);
	e = sim_ledger_find(s, "c1");
	cr_assert_geq(e, 0);
	cr_expect_eq(sim_ledger(s, (size_t)e)->rcpts[0].state, LS_DELIVERED);
	cr_expect_eq(sim_ledger_find(s, "c2"), -1, "replayed once, not twice");
	timeline_free(tl);
	scenario_free(sc);
}

Test(determinism, restart_forgets_the_users_actions)
{
	struct scenario *sc = test_util_lesson("01-basic-flow.json");
	struct timeline *tl = timeline_new(sc, NULL);
	int r = scenario_find_router(sc, "ispa-gw");
	cr_assert_geq(r, 0);
	/* Switched off before anything happened, then again later. */
	cr_assert_eq(timeline_toggle_rule(tl, r, 0, 0), 0);
	cr_expect_not(sim_rule_enabled(timeline_sim(tl), r, 0));
	timeline_goto(tl, 20);
	timeline_restart(tl);
	cr_expect(sim_rule_enabled(timeline_sim(tl), r, 0), "R brings back the lesson as written");
	size_t n;
	timeline_actions(tl, &n);
	cr_expect_eq(n, 0);
	timeline_goto(tl, 20);
	cr_expect(sim_rule_enabled(timeline_sim(tl), r, 0), "and the old toggle is not replayed");
	timeline_free(tl);
	scenario_free(sc);
}
