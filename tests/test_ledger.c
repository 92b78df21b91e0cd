/* test_ledger — the promise every run keeps: each message ends somewhere
 * the ledger can name, a message still waiting in a queue is "queued" and
 * not lost, retries follow Postfix's backoff, and a message that waits past
 * the queue lifetime goes back to its sender. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "test_world.h"

Test(ledger, lesson01_every_message_ends_final_and_audits_clean)
{
	struct scenario *sc = test_util_lesson("01-basic-flow.json");
	struct sim *s = sim_new(sc, NULL);
	sim_run_until(s, sc->until_us);
	cr_assert_eq(sim_ledger_count(s), 2, "m1 and m2, no bounces");
	for (size_t i = 0; i < sim_ledger_count(s); i++) {
		const struct ledger_entry *e = sim_ledger(s, i);
		cr_assert_gt(e->nrcpts, 0);
		for (int k = 0; k < e->nrcpts; k++) {
			cr_expect(ledger_state_final(e->rcpts[k].state), "%s to %s ends %s", e->tag,
			          e->rcpts[k].addr, ledger_state_names[e->rcpts[k].state]);
			cr_expect_eq(e->rcpts[k].state, LS_DELIVERED, "%s to %s", e->tag, e->rcpts[k].addr);
			cr_expect_str_eq(e->rcpts[k].folder, "INBOX");
		}
	}
	cr_expect_eq(sim_audit(s, stderr), 0);
	cr_expect_eq(sim_events_pending(s), 0, "nothing left to do at the end of lesson 01");
	sim_free(s);
	scenario_free(sc);
}

Test(ledger, final_states)
{
	cr_expect(!ledger_state_final(LS_OUTBOX));
	cr_expect(!ledger_state_final(LS_IN_FLIGHT));
	cr_expect(!ledger_state_final(LS_QUEUED));
	cr_expect(ledger_state_final(LS_DELIVERED));
	cr_expect(ledger_state_final(LS_BOUNCED));
	cr_expect(ledger_state_final(LS_REJECTED));
	cr_expect(ledger_state_final(LS_BLOCKED));
	cr_expect(ledger_state_final(LS_DISCARDED));
	for (int i = 0; i < LS_COUNT; i++)
		cr_expect_eq(ledger_state_from_name(ledger_state_names[i]), i);
	cr_expect_eq(ledger_state_from_name("lost"), -1);
}

/* The test world where ISP B's router drops every SYN to its mail servers
 * on port 25 ("maintenance"): Alice mails Bob, and mail-a can only queue
 * and retry.  mail_a_keys are extra keys of mail-a. */
static void test_ledger_start(struct test_world *w, const char *mail_a_keys, int t_s)
{
	test_world_start(w, &(struct test_world_parts){ .until = t_s, .mail_a = mail_a_keys,
		.rules_b = "{'name': 'maintenance', 'action': 'drop', 'port': 25,"
		           " 'to': ['net:ispb-servers']}",
		.actions = "{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		           " 'to': 'bob@ispb.example', 'subject': 'Stuck', 'body': 'hello\\n'}" });
}

Test(ledger, unreachable_mx_leaves_the_message_queued_not_lost)
{
	struct test_world w;
	test_ledger_start(&w, NULL, 200);
	int mail_a = test_world_host(&w, "mail-a");
	const struct ledger_rcpt *lr = test_world_rcpt(&w, "m1", "bob@ispb.example");
	cr_expect_str_eq(ledger_state_names[lr->state], "queued");
	cr_expect_eq(lr->node, mail_a, "mail-a holds it");
	cr_expect(!ledger_state_final(lr->state));
	cr_assert_eq(test_world_count(&w, TR_DEFER, mail_a), 1);
	const struct trace_rec *d = test_world_rec(&w, TR_DEFER, mail_a, 0);
	cr_expect_eq(d->msg, sim_ledger_find(w.s, "m1"));
	cr_expect_eq(d->u.defer.retry_us, SEC(300), "first retry in 300 s");
	cr_expect_eq(d->peer, test_world_router_node(&w, "ispb-gw"),
	             "the deferral names the router that stopped it");
	cr_expect_str_eq(d->u.defer.text,
	                 "connect to mail.ispb.example[198.51.100.140]:25: Connection timed out",
	                 "Postfix's words for the failed try");
	cr_expect_eq(d->u.defer.why, TRACE_WHY_TIMEOUT);
	cr_expect_eq(sim_next_time(w.s), d->t + SEC(300), "the retry is scheduled");
	cr_expect_eq(sim_audit(w.s, stderr), 0, "queued is held, not vanished");

	/* The copy is in mail-a's queue. */
	struct sim_copy c;
	int queued = 0;
	for (size_t i = 0; i < sim_copy_count(w.s); i++)
		if (sim_copy_get(w.s, i, &c) == 0 && c.holder == HOLD_QUEUE && c.node == mail_a &&
		    c.m->ledger == sim_ledger_find(w.s, "m1"))
			queued++;
	cr_expect_eq(queued, 1);
	test_world_done(&w);
}

/* Postfix's queue manager waits the message's age (since it arrived),
 * clamped to minimal_backoff_time .. maximal_backoff_time. */
static int64_t test_ledger_clamp(int64_t age, int64_t lo, int64_t hi)
{
	return age < lo ? lo : age > hi ? hi : age;
}

/* When mail-a took the message in. */
static int64_t test_ledger_arrived(const struct test_world *w)
{
	const struct trace_rec *in = test_world_rec(w, TR_QUEUED, test_world_host(w, "mail-a"), 0);
	cr_assert_not_null(in, "mail-a never queued the message");
	return in->t;
}

Test(ledger, retries_follow_postfix_backoff)
{
	struct test_world w;
	test_ledger_start(&w, NULL, 4 * 3600);
	int mail_a = test_world_host(&w, "mail-a");
	int64_t in = test_ledger_arrived(&w);
	/* Attempts start near 1, 331, 721, 1501, 3061, 6181 and 10211 s (each
	 * waits the age at its failure, up to 4000 s, plus the 30 s the
	 * connection takes to time out), and one more at about 14241 s. */
	int nc = test_world_count(&w, TR_CONNECT, mail_a);
	cr_assert_eq(nc, 8, "%d connection attempts", nc);
	cr_assert_eq(test_world_count(&w, TR_DEFER, mail_a), 8);
	cr_assert_eq(test_world_count(&w, TR_DNS_QUERY, mail_a), 8);
	for (int k = 0; k < 7; k++) {
		/* The k-th try's deferral, and the next try's query and connection. */
		const struct trace_rec *d = test_world_rec(&w, TR_DEFER, mail_a, k);
		const struct trace_rec *q = test_world_rec(&w, TR_DNS_QUERY, mail_a, k + 1);
		const struct trace_rec *c = test_world_rec(&w, TR_CONNECT, mail_a, k);
		const struct trace_rec *cn = test_world_rec(&w, TR_CONNECT, mail_a, k + 1);
		int64_t want = test_ledger_clamp(d->t - in, SEC(300), SEC(4000));
		cr_expect_eq(d->u.defer.retry_us, want, "deferral %d", k);
		cr_expect_eq(q->t, d->t + want, "retry %d starts on time", k + 1);
		/* Each attempt takes the same time (DNS, 30 s connect timeout), so
		 * the gap between attempts is the backoff plus that constant. */
		int64_t gap = cn->t - c->t - want;
		cr_expect(gap >= SEC(30) && gap < SEC(31), "attempt %d: %lld us", k + 1, (long long)gap);
	}
	const struct trace_rec *d0 = test_world_rec(&w, TR_DEFER, mail_a, 0);
	cr_expect_eq(d0->u.defer.retry_us, SEC(300), "a young message waits the minimum");
	cr_expect_eq(test_world_rec(&w, TR_DEFER, mail_a, 5)->u.defer.retry_us, SEC(4000),
	             "an old one the maximum");
	int64_t w2 = test_world_rec(&w, TR_DEFER, mail_a, 2)->u.defer.retry_us;
	cr_expect(w2 > SEC(600) && w2 < SEC(1200), "the age, not a doubling: %lld us", (long long)w2);
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "queued");
	test_world_done(&w);
}

Test(ledger, backoff_uses_the_hosts_queue_settings)
{
	struct test_world w;
	test_ledger_start(&w, "'queue': {'retry_min': 60, 'retry_max': 200}", 1000);
	int mail_a = test_world_host(&w, "mail-a");
	int64_t in = test_ledger_arrived(&w);
	cr_assert_geq(test_world_count(&w, TR_DEFER, mail_a), 4);
	for (int k = 0; k < 4; k++) {
		const struct trace_rec *d = test_world_rec(&w, TR_DEFER, mail_a, k);
		cr_expect_eq(d->u.defer.retry_us, test_ledger_clamp(d->t - in, SEC(60), SEC(200)),
		             "deferral %d", k);
	}
	cr_expect_eq(test_world_rec(&w, TR_DEFER, mail_a, 0)->u.defer.retry_us, SEC(60));
	cr_expect_eq(test_world_rec(&w, TR_DEFER, mail_a, 3)->u.defer.retry_us, SEC(200));
	test_world_done(&w);
}

Test(ledger, expired_message_bounces_with_a_dsn)
{
	struct test_world w;
	test_ledger_start(&w, "'queue': {'lifetime': 1000}", 5000);
	int mail_a = test_world_host(&w, "mail-a");
	const struct ledger_rcpt *lr = test_world_rcpt(&w, "m1", "bob@ispb.example");
	cr_expect_str_eq(ledger_state_names[lr->state], "bounced");
	cr_expect_eq(lr->node, mail_a);
	cr_expect_str_eq(lr->reason, "connect to mail.ispb.example[198.51.100.140]:25: Connection timed out",
	                 "the last deferral's reason, as Postfix keeps it");
	cr_assert_eq(test_world_count(&w, TR_BOUNCE, mail_a), 1);
	const struct trace_rec *b = test_world_rec(&w, TR_BOUNCE, mail_a, 0);
	cr_expect_str_eq(b->tag, "m1.bounce");
	int nc = test_world_count(&w, TR_CONNECT, mail_a);
	cr_expect_eq(nc, 4, "attempts near 1, 331, 721 and 1501 s: the last fails past the "
	             "lifetime, then it bounces");
	for (int k = 0; k < nc; k++)
		cr_expect_lt(test_world_rec(&w, TR_CONNECT, mail_a, k)->t, b->t,
		             "no attempt after the bounce");

	/* The DSN reaches Alice and says what happened. */
	int e = sim_ledger_find(w.s, "m1.bounce");
	cr_assert_geq(e, 0);
	const struct ledger_entry *be = sim_ledger(w.s, (size_t)e);
	cr_expect_eq(be->bounce_of, sim_ledger_find(w.s, "m1"));
	cr_assert_eq(be->nrcpts, 1);
	cr_expect_str_eq(be->rcpts[0].addr, "alice@ispa.example");
	cr_expect_eq(be->rcpts[0].state, LS_DELIVERED);
	cr_expect_str_eq(be->rcpts[0].folder, "INBOX");
	const struct msg *dsn = test_world_stored(&w, "m1.bounce", "alice@ispa.example");
	cr_assert_not_null(dsn);
	cr_expect_str_eq(dsn->mail_from, "");
	cr_expect(strstr(dsn->body, "Final-Recipient: rfc822; bob@ispb.example\r\n") != NULL);
	cr_expect(strstr(dsn->body, "Action: failed\r\n") != NULL);
	cr_expect(strstr(dsn->body, "Status: 4.") != NULL, "a temporary failure that expired");
	cr_expect(strstr(dsn->body, "\r\n<bob@ispb.example>: connect to mail.ispb.example[198.51.100.140]:25:\r\n"
	                            "    Connection timed out\r\n") != NULL, "%s", dsn->body);

	for (size_t i = 0; i < sim_ledger_count(w.s); i++) {
		const struct ledger_entry *le = sim_ledger(w.s, i);
		for (int k = 0; k < le->nrcpts; k++)
			cr_expect(ledger_state_final(le->rcpts[k].state), "%s", le->tag);
	}
	test_world_done(&w);
}

/* The DSN of an expired message in Alice's mailbox, for the tests below. */
static const struct msg *test_ledger_dsn(const struct test_world *w)
{
	const struct msg *dsn = test_world_stored(w, "m1.bounce", "alice@ispa.example");
	cr_assert_not_null(dsn, "no DSN in Alice's mailbox");
	return dsn;
}

/* The Status of an expired message's DSN is the last deferral's, as
 * Postfix writes it (tests/data/postfix/dsn-expired.eml: 4.4.1 for a
 * connection that failed), with its text as an X-Postfix diagnostic. */
Test(ledger, expired_dsn_status_matches_its_diagnostic)
{
	struct test_world w;
	test_ledger_start(&w, "'queue': {'lifetime': 1000}", 5000);
	const struct msg *dsn = test_ledger_dsn(&w);
	cr_expect(strstr(dsn->body, "Status: 4.4.1\r\nDiagnostic-Code: X-Postfix; connect to "
	                            "mail.ispb.example[198.51.100.140]:25:\r\n    Connection timed out\r\n")
	          != NULL, "%s", dsn->body);
	test_world_done(&w);
}

/* Arrival-Date in the delivery report is when the message arrived at the
 * reporting MTA (RFC 3464 section 2.2.5), not when the DSN is written: for
 * a message queued at 09:00:01 and expired later it says 09:00:01. */
Test(ledger, dsn_arrival_date_is_when_the_mail_arrived)
{
	struct test_world w;
	test_ledger_start(&w, "'queue': {'lifetime': 1000}", 5000);
	const struct msg *dsn = test_ledger_dsn(&w);
	cr_expect(strstr(dsn->body, "Arrival-Date: Wed,  1 Apr 2026 09:00:01 +0900 (JST)\r\n") != NULL,
	          "%s", dsn->body);
	test_world_done(&w);
}

/* The message bounces at the first failed attempt once it is older than
 * the lifetime, as Postfix's qmgr_active_done does with
 * maximal_queue_lifetime, never as soon as the next retry would fall past
 * it (with lifetime 1000 s: defer 750 s at about 751 s, retry at about
 * 1501 s, bounce when that fails at about 1531 s). */
Test(ledger, bounce_only_after_the_lifetime_has_passed)
{
	struct test_world w;
	test_ledger_start(&w, "'queue': {'lifetime': 1000}", 5000);
	int mail_a = test_world_host(&w, "mail-a");
	cr_assert_eq(test_world_count(&w, TR_BOUNCE, mail_a), 1);
	const struct trace_rec *b = test_world_rec(&w, TR_BOUNCE, mail_a, 0);
	int e = sim_ledger_find(w.s, "m1");
	cr_expect_geq(b->t - sim_ledger(w.s, (size_t)e)->t_created, SEC(1000),
	              "bounced %lld s after the mail was written", (long long)(b->t / 1000000));
	test_world_done(&w);
}

Test(ledger, message_held_back_by_the_mail_program_stays_in_the_outbox)
{
	/* No route at all from Alice's PC (ispa-gw no longer links her pool):
	 * the mail program keeps the mail. */
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 100,
		.links_a = "'ispa-servers', {'network': 'internet', 'latency_ms': 3}",
		.actions = "{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		           " 'to': 'bob@ispb.example', 'subject': 'Stuck', 'body': 'hello\\n'}" });
	const struct ledger_rcpt *lr = test_world_rcpt(&w, "m1", "bob@ispb.example");
	cr_expect_str_eq(ledger_state_names[lr->state], "outbox");
	cr_expect_eq(lr->node, test_world_host(&w, "alice-pc"));
	cr_expect_eq(sim_audit(w.s, stderr), 0, "kept in the outbox is not lost");
	test_world_done(&w);
}

/* The chart's totals, asked again and again while the lesson plays (they
 * remember each entry's group between calls), against the ledger counted
 * here from scratch: messages, lines, states and folders per group. */
static void test_ledger_totals_while_playing(const char *lesson, size_t step)
{
	struct scenario *sc = test_util_lesson(lesson);
	struct sim *s = sim_new(sc, NULL);
	enum { MAXG = 64 };
	struct sim_total t[MAXG], want[MAXG];
	size_t checks = 0;
	for (;;) {
		size_t ng = sim_totals(s, t, MAXG);
		cr_assert_leq(ng, MAXG, "%s: groups", lesson);
		size_t nw = 0;
		memset(want, 0, sizeof want);
		for (size_t i = 0; i < sim_ledger_count(s); i++) {
			const struct ledger_entry *e = sim_ledger(s, i);
			char g[sizeof want[0].group];
			snprintf(g, sizeof g, "%.*s", e->bounce_of >= 0 ? 6 : (int)strcspn(e->tag, "."),
			         e->bounce_of >= 0 ? "bounce" : e->tag);
			size_t k = 0;
			while (k < nw && strcmp(want[k].group, g) != 0)
				k++;
			if (k == nw)
				memcpy(want[nw++].group, g, sizeof g);
			want[k].messages++;
			for (int r = 0; r < e->nrcpts; r++) {
				want[k].rcpts++;
				want[k].state[e->rcpts[r].state]++;
				if (e->rcpts[r].state == LS_DELIVERED)
					*(e->rcpts[r].folder && !strcmp(e->rcpts[r].folder, "Junk") ? &want[k].junk : &want[k].inbox) += 1;
			}
		}
		cr_assert_eq(ng, nw, "%s at event %zu: groups", lesson, sim_events_done(s));
		for (size_t k = 0; k < nw; k++) {
			cr_assert_str_eq(t[k].group, want[k].group, "%s at event %zu", lesson, sim_events_done(s));
			cr_assert(t[k].messages == want[k].messages && t[k].rcpts == want[k].rcpts &&
			          t[k].inbox == want[k].inbox && t[k].junk == want[k].junk &&
			          !memcmp(t[k].state, want[k].state, sizeof t[k].state),
			          "%s at event %zu: group %s", lesson, sim_events_done(s), want[k].group);
		}
		checks++;
		if (sim_run(s, step) < step)
			break;
	}
	cr_assert_gt(checks, 3, "%s: asked while playing", lesson);
	sim_free(s);
	scenario_free(sc);
}

Test(ledger, totals_asked_while_lesson09_plays_match_the_ledger)
{
	test_ledger_totals_while_playing("09-botnet-scale.json", 2500);
}

Test(ledger, totals_asked_while_lesson12_plays_match_the_ledger_after_marks)
{
	test_ledger_totals_while_playing("12-bayes-learning.json", 7);
}
