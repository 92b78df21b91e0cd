/* test_ledger — the promise every run keeps: each message ends somewhere
 * the ledger can name, a message still waiting in a queue is "queued" and
 * not lost, retries follow Postfix's backoff, and a message that waits past
 * the queue lifetime goes back to its sender. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"
#include "test_util.h"
#include "util.h"



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

/* Alice (ISP A) mails Bob (ISP B); ISP B's router drops every SYN to its
 * mail server on port 25, so mail-a can only queue and retry.  mail-a's
 * extra keys come in through %s. */
static const char test_ledger_world[] =
	"{ 'mailsim': 1, 'title': 'queue', 'seed': 5,\n"
	"  'networks': [\n"
	"    {'id': 'ispa-pool', 'cidr': '203.0.113.0/25', 'kind': 'dynamic', 'isp': 'ispa', 'latency_ms': 4},\n"
	"    {'id': 'ispa-servers', 'cidr': '203.0.113.128/25', 'kind': 'servers', 'isp': 'ispa', 'latency_ms': 1},\n"
	"    {'id': 'internet', 'cidr': '192.0.2.0/24', 'kind': 'backbone', 'latency_ms': 12},\n"
	"    {'id': 'ispb-servers', 'cidr': '198.51.100.128/25', 'kind': 'servers', 'isp': 'ispb', 'latency_ms': 1}],\n"
	"  'routers': [\n"
	"    {'id': 'ispa-gw', 'links': ['ispa-pool', 'ispa-servers', 'internet']},\n"
	"    {'id': 'ispb-gw', 'links': ['internet', 'ispb-servers'],\n"
	"     'rules': [{'name': 'maintenance', 'action': 'drop', 'port': 25, 'to': ['net:ispb-servers']}]}],\n"
	"  'hosts': [\n"
	"    {'id': 'alice-pc', 'network': 'ispa-pool', 'addr': '203.0.113.10', 'name': 'alice-pc.ispa.example', 'roles': ['MUA']},\n"
	"    {'id': 'mail-a', 'network': 'ispa-servers', 'addr': '203.0.113.130', 'name': 'mail.ispa.example',\n"
	"     %s'roles': ['MSA', 'MTA', 'MDA', 'MRA'], 'domains': ['ispa.example']},\n"
	"    {'id': 'dns', 'network': 'internet', 'addr': '192.0.2.53', 'name': 'ns.example.net', 'roles': ['DNS']},\n"
	"    {'id': 'mail-b', 'network': 'ispb-servers', 'addr': '198.51.100.140', 'name': 'mail.ispb.example',\n"
	"     'roles': ['MSA', 'MTA', 'MDA', 'MRA'], 'domains': ['ispb.example']}],\n"
	"  'dns': {'server': 'dns', 'zones': [\n"
	"    {'domain': 'ispa.example', 'mx': [{'pref': 10, 'host': 'mail.ispa.example'}],\n"
	"     'a': [{'name': 'mail.ispa.example', 'addr': '203.0.113.130'}]},\n"
	"    {'domain': 'ispb.example', 'mx': [{'pref': 10, 'host': 'mail.ispb.example'}],\n"
	"     'a': [{'name': 'mail.ispb.example', 'addr': '198.51.100.140'}]}]},\n"
	"  'users': [\n"
	"    {'address': 'alice@ispa.example', 'name': 'Alice', 'password': 'alice-pass', 'mailbox': 'mail-a',\n"
	"     'mua': 'alice-pc', 'submit': {'host': 'mail-a'}},\n"
	"    {'address': 'bob@ispb.example', 'name': 'Bob', 'password': 'bob-pass', 'mailbox': 'mail-b'}],\n"
	"  'actions': [\n"
	"    {'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'to': 'bob@ispb.example',\n"
	"     'subject': 'Stuck', 'body': 'hello\\n'}]\n"
	"}\n";

struct test_ledger_run {
	struct scenario *sc;
	struct sim *s;
	int mail_a;
};

static void test_ledger_start(struct test_ledger_run *r, const char *mail_a_keys, int t_s)
{
	struct sbuf b = { 0 };
	sbuf_addf(&b, test_ledger_world, mail_a_keys);
	for (char *p = b.s; *p; p++)
		if (*p == '\'')
			*p = '"';
	r->sc = scenario_parse("queue.json", b.s, stderr);
	sbuf_free(&b);
	cr_assert_not_null(r->sc, "the test world must load");
	r->s = sim_new(r->sc, NULL);
	r->mail_a = scenario_find_host(r->sc, "mail-a");
	sim_run_until(r->s, SEC(t_s));
}

static void test_ledger_done(struct test_ledger_run *r)
{
	sim_free(r->s);
	scenario_free(r->sc);
}

/* Records of kind at node, in order; returns how many (up to max). */
static int test_ledger_recs(const struct test_ledger_run *r, enum trace_kind kind, int node,
                            const struct trace_rec **out, int max)
{
	size_t n;
	int k = 0;
	const struct trace_rec *tr = sim_trace(r->s, &n);
	for (size_t i = 0; i < n; i++)
		if (tr[i].kind == kind && tr[i].node == node) {
			if (k < max)
				out[k] = &tr[i];
			k++;
		}
	return k;
}

static const struct ledger_rcpt *test_ledger_bob(const struct test_ledger_run *r)
{
	int e = sim_ledger_find(r->s, "m1");
	cr_assert_geq(e, 0);
	return &sim_ledger(r->s, (size_t)e)->rcpts[0];
}

Test(ledger, unreachable_mx_leaves_the_message_queued_not_lost)
{
	struct test_ledger_run r;
	test_ledger_start(&r, "", 200);
	const struct ledger_rcpt *lr = test_ledger_bob(&r);
	cr_expect_str_eq(ledger_state_names[lr->state], "queued");
	cr_expect_eq(lr->node, r.mail_a, "mail-a holds it");
	cr_expect(!ledger_state_final(lr->state));
	const struct trace_rec *d[4];
	cr_assert_eq(test_ledger_recs(&r, TR_DEFER, r.mail_a, d, 4), 1);
	cr_expect_eq(d[0]->msg, sim_ledger_find(r.s, "m1"));
	cr_expect_eq(d[0]->u.defer.retry_us, SEC(300), "first retry in 300 s");
	cr_expect_eq(d[0]->peer, r.sc->nhosts + scenario_find_router(r.sc, "ispb-gw"),
	             "the deferral names the router that stopped it");
	cr_expect_str_eq(d[0]->u.defer.text,
	                 "connect to mail.ispb.example[198.51.100.140]:25: Connection timed out",
	                 "Postfix's words for the failed try");
	cr_expect_eq(d[0]->u.defer.why, TRACE_WHY_TIMEOUT);
	cr_expect_eq(sim_next_time(r.s), d[0]->t + SEC(300), "the retry is scheduled");
	cr_expect_eq(sim_audit(r.s, stderr), 0, "queued is held, not vanished");

	/* The copy is in mail-a's queue. */
	struct sim_copy c;
	int queued = 0;
	for (size_t i = 0; i < sim_copy_count(r.s); i++)
		if (sim_copy_get(r.s, i, &c) == 0 && c.holder == HOLD_QUEUE && c.node == r.mail_a &&
		    c.m->ledger == sim_ledger_find(r.s, "m1"))
			queued++;
	cr_expect_eq(queued, 1);
	test_ledger_done(&r);
}

/* Postfix's queue manager waits the message's age (since it arrived),
 * clamped to minimal_backoff_time .. maximal_backoff_time. */
static int64_t test_ledger_clamp(int64_t age, int64_t lo, int64_t hi)
{
	return age < lo ? lo : age > hi ? hi : age;
}

Test(ledger, retries_follow_postfix_backoff)
{
	struct test_ledger_run r;
	test_ledger_start(&r, "", 4 * 3600);
	const struct trace_rec *c[32], *d[32], *q[32], *in[2];
	int nc = test_ledger_recs(&r, TR_CONNECT, r.mail_a, c, 32);
	int nd = test_ledger_recs(&r, TR_DEFER, r.mail_a, d, 32);
	int nq = test_ledger_recs(&r, TR_DNS_QUERY, r.mail_a, q, 32);
	cr_assert_geq(test_ledger_recs(&r, TR_QUEUED, r.mail_a, in, 2), 1);
	/* Attempts start near 1, 331, 721, 1501, 3061, 6181 and 10211 s (each
	 * waits the age at its failure, up to 4000 s, plus the 30 s the
	 * connection takes to time out). */
	cr_assert_eq(nc, 8, "%d connection attempts", nc);
	cr_assert_eq(nd, 8);
	cr_assert_eq(nq, 8);
	for (int k = 0; k < 6; k++) {
		int64_t want = test_ledger_clamp(d[k]->t - in[0]->t, SEC(300), SEC(4000));
		cr_expect_eq(d[k]->u.defer.retry_us, want, "deferral %d", k);
		cr_expect_eq(q[k + 1]->t, d[k]->t + want, "retry %d starts on time", k + 1);
		int64_t gap = c[k + 1]->t - c[k]->t - want;
		cr_expect(gap >= SEC(30) && gap < SEC(31), "attempt %d: %lld us", k + 1, (long long)gap);
	}
	cr_expect_eq(d[0]->u.defer.retry_us, SEC(300), "a young message waits the minimum");
	cr_expect_eq(d[5]->u.defer.retry_us, SEC(4000), "an old one the maximum");
	cr_expect_gt(d[2]->u.defer.retry_us, SEC(600), "not a doubling: the age");
	cr_expect_str_eq(ledger_state_names[test_ledger_bob(&r)->state], "queued");
	cr_expect_eq(sim_audit(r.s, stderr), 0);
	test_ledger_done(&r);
}

Test(ledger, backoff_uses_the_hosts_queue_settings)
{
	struct test_ledger_run r;
	test_ledger_start(&r, "'queue': {'retry_min': 60, 'retry_max': 200}, ", 1000);
	const struct trace_rec *d[16], *in[2];
	int nd = test_ledger_recs(&r, TR_DEFER, r.mail_a, d, 16);
	cr_assert_geq(test_ledger_recs(&r, TR_QUEUED, r.mail_a, in, 2), 1);
	cr_assert_geq(nd, 4);
	cr_expect_eq(d[0]->u.defer.retry_us, SEC(60));
	for (int k = 0; k < 4; k++)
		cr_expect_eq(d[k]->u.defer.retry_us, test_ledger_clamp(d[k]->t - in[0]->t, SEC(60), SEC(200)),
		             "deferral %d", k);
	cr_expect_eq(d[3]->u.defer.retry_us, SEC(200));
	test_ledger_done(&r);
}

Test(ledger, expired_message_bounces_with_a_dsn)
{
	struct test_ledger_run r;
	test_ledger_start(&r, "'queue': {'lifetime': 1000}, ", 5000);
	const struct ledger_rcpt *lr = test_ledger_bob(&r);
	cr_expect_str_eq(ledger_state_names[lr->state], "bounced");
	cr_expect_eq(lr->node, r.mail_a);
	cr_expect_str_eq(lr->reason, "connect to mail.ispb.example[198.51.100.140]:25: Connection timed out",
	                 "the last deferral's reason, as Postfix keeps it");
	const struct trace_rec *b[4], *c[16];
	cr_assert_eq(test_ledger_recs(&r, TR_BOUNCE, r.mail_a, b, 4), 1);
	cr_expect_str_eq(b[0]->tag, "m1.bounce");
	int nc = test_ledger_recs(&r, TR_CONNECT, r.mail_a, c, 16);
	cr_expect_eq(nc, 4, "attempts near 1, 331, 721 and 1501 s: the last fails past the lifetime, then it bounces");
	for (int k = 0; k < nc && k < 16; k++)
		cr_expect_lt(c[k]->t, b[0]->t, "no attempt after the bounce");

	/* The DSN reaches Alice and says what happened. */
	int e = sim_ledger_find(r.s, "m1.bounce");
	cr_assert_geq(e, 0);
	const struct ledger_entry *be = sim_ledger(r.s, (size_t)e);
	cr_expect_eq(be->bounce_of, sim_ledger_find(r.s, "m1"));
	cr_assert_eq(be->nrcpts, 1);
	cr_expect_str_eq(be->rcpts[0].addr, "alice@ispa.example");
	cr_expect_eq(be->rcpts[0].state, LS_DELIVERED);
	cr_expect_str_eq(be->rcpts[0].folder, "INBOX");
	struct sim_copy cp;
	const struct msg *dsn = NULL;
	for (size_t i = 0; i < sim_copy_count(r.s); i++)
		if (sim_copy_get(r.s, i, &cp) == 0 && cp.holder == HOLD_MAILBOX && cp.m->ledger == e)
			dsn = cp.m;
	cr_assert_not_null(dsn);
	cr_expect_str_eq(dsn->mail_from, "");
	cr_expect(strstr(dsn->body, "Final-Recipient: rfc822; bob@ispb.example\r\n") != NULL);
	cr_expect(strstr(dsn->body, "Action: failed\r\n") != NULL);
	cr_expect(strstr(dsn->body, "Status: 4.") != NULL, "a temporary failure that expired");
	cr_expect(strstr(dsn->body, "<bob@ispb.example>: connect to mail.ispb.example[198.51.100.140]:25:\r\n"
	                            "    Connection timed out\r\n") != NULL, "%s", dsn->body);

	for (size_t i = 0; i < sim_ledger_count(r.s); i++) {
		const struct ledger_entry *le = sim_ledger(r.s, i);
		for (int k = 0; k < le->nrcpts; k++)
			cr_expect(ledger_state_final(le->rcpts[k].state), "%s", le->tag);
	}
	cr_expect_eq(sim_audit(r.s, stderr), 0);
	test_ledger_done(&r);
}

/* The DSN of an expired message, for the tests below. */
static const struct msg *test_ledger_dsn(const struct test_ledger_run *r)
{
	int e = sim_ledger_find(r->s, "m1.bounce");
	struct sim_copy cp;
	for (size_t i = 0; e >= 0 && i < sim_copy_count(r->s); i++)
		if (sim_copy_get(r->s, i, &cp) == 0 && cp.holder == HOLD_MAILBOX && cp.m->ledger == e)
			return cp.m;
	cr_assert_fail("no DSN in Alice's mailbox");
	return NULL;
}

/* The Status of an expired message's DSN is the last deferral's, as
 * Postfix writes it (tests/data/postfix/dsn-expired.eml: 4.4.1 for a
 * connection that failed), with its text as an X-Postfix diagnostic. */
Test(ledger, expired_dsn_status_matches_its_diagnostic)
{
	struct test_ledger_run r;
	test_ledger_start(&r, "'queue': {'lifetime': 1000}, ", 5000);
	const struct msg *dsn = test_ledger_dsn(&r);
	cr_expect(strstr(dsn->body, "Status: 4.4.1\r\nDiagnostic-Code: X-Postfix; connect to "
	                            "mail.ispb.example[198.51.100.140]:25:\r\n    Connection timed out\r\n")
	          != NULL, "%s", dsn->body);
	test_ledger_done(&r);
}

/* BUG (sim/bounce.c, bounce_send): Arrival-Date in the delivery report is
 * the time the DSN is written, not when the message arrived at the
 * reporting MTA (RFC 3464 section 2.2.5): for a message queued at
 * 09:00:01 and expired at 09:16:31 it says 09:16:31.  The MTA would need
 * to keep the arrival time with the queued copy (e.g. the job's created
 * time) and pass it to bounce_send. */
Test(ledger, dsn_arrival_date_is_when_the_mail_arrived)
{
	struct test_ledger_run r;
	test_ledger_start(&r, "'queue': {'lifetime': 1000}, ", 5000);
	const struct msg *dsn = test_ledger_dsn(&r);
	cr_expect(strstr(dsn->body, "Arrival-Date: Wed,  1 Apr 2026 09:00:01 +0900 (JST)\r\n") != NULL,
	          "%s", dsn->body);
	test_ledger_done(&r);
}

/* BUG (sim/mta.c, mta_job_failed, the lifetime test): the message bounces
 * as soon as the *next* retry would fall past the lifetime, i.e. before
 * the lifetime has run out.  With lifetime 1000 s it bounces at about
 * 991 s and the DSN says "message expired after 990 seconds in the queue".
 * Postfix (qmgr_active_done) bounces at the first failed attempt once the
 * message is older than maximal_queue_lifetime; the check should be
 * s->now - j->created >= h->lifetime_us (here: defer 1200 s at 991 s,
 * retry at ~2191 s, bounce when that fails at ~2221 s). */
Test(ledger, bounce_only_after_the_lifetime_has_passed)
{
	struct test_ledger_run r;
	test_ledger_start(&r, "'queue': {'lifetime': 1000}, ", 5000);
	const struct trace_rec *b[4];
	cr_assert_eq(test_ledger_recs(&r, TR_BOUNCE, r.mail_a, b, 4), 1);
	int e = sim_ledger_find(r.s, "m1");
	cr_expect_geq(b[0]->t - sim_ledger(r.s, (size_t)e)->t_created, SEC(1000),
	              "bounced %lld s after the mail was written",
	              (long long)(b[0]->t / 1000000));
	test_ledger_done(&r);
}

Test(ledger, message_held_back_by_the_mail_program_stays_in_the_outbox)
{
	/* No route at all from Alice's PC: the mail program keeps the mail. */
	struct test_ledger_run r;
	struct sbuf b = { 0 };
	sbuf_addf(&b, test_ledger_world, "");
	/* Cut the PC's network off: ispa-gw no longer links ispa-pool. */
	char *cut = strstr(b.s, "'links': ['ispa-pool', ");
	cr_assert_not_null(cut);
	memcpy(cut, "'links': [             ", strlen("'links': ['ispa-pool', "));
	for (char *p = b.s; *p; p++)
		if (*p == '\'')
			*p = '"';
	r.sc = scenario_parse("queue.json", b.s, stderr);
	sbuf_free(&b);
	cr_assert_not_null(r.sc);
	r.s = sim_new(r.sc, NULL);
	sim_run_until(r.s, SEC(100));
	const struct ledger_rcpt *lr = test_ledger_bob(&r);
	cr_expect_str_eq(ledger_state_names[lr->state], "outbox");
	cr_expect_eq(lr->node, scenario_find_host(r.sc, "alice-pc"));
	cr_expect_eq(sim_audit(r.s, stderr), 0, "kept in the outbox is not lost");
	test_ledger_done(&r);
}
