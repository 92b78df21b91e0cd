/* test_pop_imap — retrieval as the user sees it: POP3 downloads the mail
 * and removes it from the server, IMAP leaves it there marked as read and
 * does not download it again. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "test_util.h"
#include "util.h"


/* Lesson 01's world: Alice (ISP A, IMAP) and Bob (ISP B, POP3).  Bob gets
 * m1 and fetches twice; Alice gets m2, fetches, gets m3, fetches again. */
static const char test_pop_imap_world[] =
	"{ 'mailsim': 1, 'title': 'retrieval', 'seed': 3, 'until': 300,\n"
	"  'networks': [\n"
	"    {'id': 'ispa-pool', 'cidr': '203.0.113.0/25', 'kind': 'dynamic', 'isp': 'ispa', 'latency_ms': 4},\n"
	"    {'id': 'ispa-servers', 'cidr': '203.0.113.128/25', 'kind': 'servers', 'isp': 'ispa', 'latency_ms': 1},\n"
	"    {'id': 'internet', 'cidr': '192.0.2.0/24', 'kind': 'backbone', 'latency_ms': 12},\n"
	"    {'id': 'ispb-servers', 'cidr': '198.51.100.128/25', 'kind': 'servers', 'isp': 'ispb', 'latency_ms': 1},\n"
	"    {'id': 'ispb-pool', 'cidr': '198.51.100.0/25', 'kind': 'dynamic', 'isp': 'ispb', 'latency_ms': 4}],\n"
	"  'routers': [\n"
	"    {'id': 'ispa-gw', 'links': ['ispa-pool', 'ispa-servers', 'internet'],\n"
	"     'rules': [{'name': 'OP25B', 'port': 25, 'from': ['net:ispa-pool'], 'to': ['!isp:ispa']}]},\n"
	"    {'id': 'ispb-gw', 'links': ['ispb-pool', 'ispb-servers', 'internet'],\n"
	"     'rules': [{'name': 'OP25B', 'port': 25, 'from': ['net:ispb-pool'], 'to': ['!isp:ispb']}]}],\n"
	"  'hosts': [\n"
	"    {'id': 'alice-pc', 'network': 'ispa-pool', 'addr': '203.0.113.10', 'name': 'alice-pc.ispa.example', 'roles': ['MUA']},\n"
	"    {'id': 'mail-a', 'network': 'ispa-servers', 'addr': '203.0.113.130', 'name': 'mail.ispa.example',\n"
	"     'roles': ['MSA', 'MTA', 'MDA', 'MRA'], 'domains': ['ispa.example']},\n"
	"    {'id': 'mail-b', 'network': 'ispb-servers', 'addr': '198.51.100.140', 'name': 'mail.ispb.example',\n"
	"     'roles': ['MSA', 'MTA', 'MDA', 'MRA'], 'domains': ['ispb.example']},\n"
	"    {'id': 'bob-pc', 'network': 'ispb-pool', 'addr': '198.51.100.20', 'name': 'bob-pc.ispb.example', 'roles': ['MUA']}],\n"
	"  'dns': {'zones': [\n"
	"    {'domain': 'ispa.example', 'mx': [{'pref': 10, 'host': 'mail.ispa.example'}],\n"
	"     'a': [{'name': 'mail.ispa.example', 'addr': '203.0.113.130'}]},\n"
	"    {'domain': 'ispb.example', 'mx': [{'pref': 10, 'host': 'mail.ispb.example'}],\n"
	"     'a': [{'name': 'mail.ispb.example', 'addr': '198.51.100.140'}]}]},\n"
	"  'users': [\n"
	"    {'address': 'alice@ispa.example', 'name': 'Alice', 'password': 'alice-pass', 'mailbox': 'mail-a',\n"
	"     'mua': 'alice-pc', 'submit': {'host': 'mail-a'}, 'fetch': {'protocol': 'imap'}},\n"
	"    {'address': 'bob@ispb.example', 'name': 'Bob', 'password': 'bob-pass', 'mailbox': 'mail-b',\n"
	"     'mua': 'bob-pc', 'submit': {'host': 'mail-b'}, 'fetch': {'protocol': 'pop3'}}],\n"
	"  'actions': [\n"
	"    {'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'to': 'bob@ispb.example',\n"
	"     'subject': 'One', 'body': 'first\\n'},\n"
	"    {'at': 30, 'do': 'fetch', 'user': 'bob@ispb.example'},\n"
	"    {'at': 45, 'do': 'send', 'id': 'm2', 'user': 'bob@ispb.example', 'to': 'alice@ispa.example',\n"
	"     'subject': 'Two', 'body': 'second\\n'},\n"
	"    {'at': 60, 'do': 'fetch', 'user': 'bob@ispb.example'},\n"
	"    {'at': 80, 'do': 'fetch', 'user': 'alice@ispa.example'},\n"
	"    {'at': 90, 'do': 'send', 'id': 'm3', 'user': 'bob@ispb.example', 'to': 'alice@ispa.example',\n"
	"     'subject': 'Three', 'body': 'third\\n'},\n"
	"    {'at': 120, 'do': 'fetch', 'user': 'alice@ispa.example'},\n"
	"    {'at': 150, 'do': 'fetch', 'user': 'alice@ispa.example'}]\n"
	"}\n";

struct test_pop_imap_run {
	struct scenario *sc;
	struct sim *s;
};

static void test_pop_imap_start(struct test_pop_imap_run *r, int t_s)
{
	char *json = xstrdup(test_pop_imap_world);
	for (char *p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	r->sc = scenario_parse("retrieval.json", json, stderr);
	free(json);
	cr_assert_not_null(r->sc, "the test world must load");
	r->s = sim_new(r->sc, NULL);
	sim_run_until(r->s, SEC(t_s));
}

static void test_pop_imap_done(struct test_pop_imap_run *r)
{
	sim_free(r->s);
	scenario_free(r->sc);
}

/* Copies held as holder for mailbox (and ledger entry tag, if non-NULL). */
static int test_pop_imap_copies(const struct test_pop_imap_run *r, enum sim_holder holder,
                                const char *mailbox, const char *tag, const struct msg **first)
{
	int e = tag ? sim_ledger_find(r->s, tag) : -1, n = 0;
	struct sim_copy c;
	for (size_t i = 0; i < sim_copy_count(r->s); i++) {
		cr_assert_eq(sim_copy_get(r->s, i, &c), 0);
		if (c.holder != holder || strcmp(c.mailbox, mailbox) != 0 || (tag && c.m->ledger != e))
			continue;
		if (first && !n)
			*first = c.m;
		n++;
	}
	return n;
}

/* The replies (or commands) of the k-th connection from host to port,
 * in order; returns how many. */
static int test_pop_imap_session(const struct test_pop_imap_run *r, const char *host, int port,
                                 int k, enum trace_kind kind, const struct trace_rec **out,
                                 int max)
{
	size_t n;
	const struct trace_rec *tr = sim_trace(r->s, &n);
	int h = scenario_find_host(r->sc, host), conn = -1, got = 0;
	for (size_t i = 0; i < n && conn < 0; i++)
		if (tr[i].kind == TR_CONNECT && tr[i].node == h && tr[i].port == port && k-- == 0)
			conn = tr[i].conn;
	cr_assert_geq(conn, 0, "%s made no such connection to %d", host, port);
	for (size_t i = 0; i < n && got < max; i++)
		if (tr[i].conn == conn && tr[i].kind == kind)
			out[got++] = &tr[i];
	return got;
}

static int test_pop_imap_fetched_records(const struct test_pop_imap_run *r, const char *host)
{
	size_t n;
	int k = 0, h = scenario_find_host(r->sc, host);
	const struct trace_rec *tr = sim_trace(r->s, &n);
	for (size_t i = 0; i < n; i++)
		k += tr[i].kind == TR_FETCHED && tr[i].node == h;
	return k;
}

static const char *test_pop_imap_state(const struct test_pop_imap_run *r, const char *tag)
{
	int e = sim_ledger_find(r->s, tag);
	cr_assert_geq(e, 0, "%s", tag);
	return ledger_state_names[sim_ledger(r->s, (size_t)e)->rcpts[0].state];
}

Test(retrieval, pop3_downloads_and_deletes_from_the_server)
{
	struct test_pop_imap_run r;
	test_pop_imap_start(&r, 25);
	cr_assert_eq(test_pop_imap_copies(&r, HOLD_MAILBOX, "bob@ispb.example", "m1", NULL), 1,
	             "m1 waits in Bob's mailbox before he fetches");
	sim_run_until(r.s, SEC(40));
	const struct msg *got = NULL;
	cr_expect_eq(test_pop_imap_copies(&r, HOLD_MAILBOX, "bob@ispb.example", NULL, NULL), 0,
	             "POP3 left nothing on the server");
	cr_expect_eq(test_pop_imap_copies(&r, HOLD_FETCHED, "bob@ispb.example", "m1", &got), 1,
	             "Bob's mail program has it");
	cr_assert_not_null(got);
	cr_expect_eq(msg_header_count(got, "Delivered-To"), 1, "the copy as the server stored it");
	cr_expect_str_eq(test_pop_imap_state(&r, "m1"), "delivered", "downloading is not losing");
	cr_expect_eq(test_pop_imap_fetched_records(&r, "bob-pc"), 1);
	cr_expect_eq(sim_audit(r.s, stderr), 0);

	const struct trace_rec *cmd[16], *rep[16];
	int nc = test_pop_imap_session(&r, "bob-pc", 110, 0, TR_CMD, cmd, 16);
	int nr = test_pop_imap_session(&r, "bob-pc", 110, 0, TR_REPLY, rep, 16);
	static const char *const want[] = { "USER bob@ispb.example", "PASS bob-pass", "STAT",
	                                    "RETR 1", "DELE 1", "QUIT" };
	cr_assert_eq(nc, 6);
	for (int i = 0; i < nc; i++)
		cr_expect_str_eq(cmd[i]->u.line.text, want[i]);
	cr_assert_eq(nr, 7);
	for (int i = 0; i < nr; i++)
		cr_expect_eq(rep[i]->u.line.code, 1, "+OK: %s", rep[i]->u.line.text);
	/* STAT and RETR agree on the size, and it is the message's. */
	size_t len;
	free(msg_serialize(got, &len));
	char stat[64], retr[64];
	snprintf(stat, sizeof stat, "+OK 1 %zu", len);
	snprintf(retr, sizeof retr, "+OK %zu octets\n", len);
	cr_expect_str_eq(rep[3]->u.line.text, stat);
	cr_expect(strncmp(rep[4]->u.line.text, retr, strlen(retr)) == 0, "%s", rep[4]->u.line.text);
	cr_expect_eq(rep[4]->msg, sim_ledger_find(r.s, "m1"));
	test_pop_imap_done(&r);
}

Test(retrieval, pop3_second_fetch_finds_an_empty_mailbox)
{
	struct test_pop_imap_run r;
	test_pop_imap_start(&r, 70);
	const struct trace_rec *cmd[16], *rep[16];
	int nc = test_pop_imap_session(&r, "bob-pc", 110, 1, TR_CMD, cmd, 16);
	int nr = test_pop_imap_session(&r, "bob-pc", 110, 1, TR_REPLY, rep, 16);
	cr_assert_eq(nc, 4, "USER, PASS, STAT, QUIT");
	cr_expect_str_eq(cmd[2]->u.line.text, "STAT");
	cr_expect_str_eq(cmd[3]->u.line.text, "QUIT");
	cr_assert_eq(nr, 5);
	cr_expect_str_eq(rep[3]->u.line.text, "+OK 0 0");
	cr_expect_eq(test_pop_imap_fetched_records(&r, "bob-pc"), 1, "nothing new downloaded");
	cr_expect_eq(test_pop_imap_copies(&r, HOLD_FETCHED, "bob@ispb.example", NULL, NULL), 1);
	cr_expect_eq(sim_audit(r.s, stderr), 0);
	test_pop_imap_done(&r);
}

Test(retrieval, imap_leaves_mail_on_the_server_marked_seen)
{
	struct test_pop_imap_run r;
	test_pop_imap_start(&r, 85);
	cr_expect_eq(test_pop_imap_copies(&r, HOLD_MAILBOX, "alice@ispa.example", "m2", NULL), 1,
	             "IMAP leaves m2 on the server");
	cr_expect_eq(test_pop_imap_copies(&r, HOLD_FETCHED, "alice@ispa.example", "m2", NULL), 1,
	             "and Alice's mail program has a copy");
	cr_expect_str_eq(test_pop_imap_state(&r, "m2"), "delivered");
	cr_expect_eq(test_pop_imap_fetched_records(&r, "alice-pc"), 1);

	const struct trace_rec *cmd[16], *rep[16];
	int nc = test_pop_imap_session(&r, "alice-pc", 143, 0, TR_CMD, cmd, 16);
	int nr = test_pop_imap_session(&r, "alice-pc", 143, 0, TR_REPLY, rep, 16);
	static const char *const want[] = { "a1 LOGIN alice@ispa.example \"alice-pass\"",
	                                    "a2 SELECT INBOX", "a3 SEARCH UNSEEN",
	                                    "a4 FETCH 1 BODY[]", "a5 LOGOUT" };
	cr_assert_eq(nc, 5);
	for (int i = 0; i < nc; i++)
		cr_expect_str_eq(cmd[i]->u.line.text, want[i]);
	cr_assert_eq(nr, 6);
	for (int i = 0; i < nr; i++)
		cr_expect_eq(rep[i]->u.line.code, 1, "OK: %s", rep[i]->u.line.text);
	cr_expect(strstr(rep[2]->u.line.text, "* 1 EXISTS\n") && strstr(rep[2]->u.line.text, "[UNSEEN 1]"),
	          "%s", rep[2]->u.line.text);
	cr_expect(strncmp(rep[3]->u.line.text, "* SEARCH 1\n", 11) == 0, "%s", rep[3]->u.line.text);
	cr_expect(strstr(rep[4]->u.line.text, "FLAGS (\\Seen)") != NULL, "%s", rep[4]->u.line.text);
	cr_expect_eq(sim_audit(r.s, stderr), 0);
	test_pop_imap_done(&r);
}

Test(retrieval, imap_fetches_only_what_is_new)
{
	struct test_pop_imap_run r;
	test_pop_imap_start(&r, 200);
	const struct trace_rec *cmd[16], *rep[16];
	/* Second session: m2 is seen, only m3 comes down. */
	int nc = test_pop_imap_session(&r, "alice-pc", 143, 1, TR_CMD, cmd, 16);
	int nr = test_pop_imap_session(&r, "alice-pc", 143, 1, TR_REPLY, rep, 16);
	cr_assert_eq(nc, 5);
	cr_expect_str_eq(cmd[3]->u.line.text, "a4 FETCH 2 BODY[]");
	cr_assert_geq(nr, 5);
	/* RFC 3501: UNSEEN is the number of the first unseen message (m3 is
	 * the second), RECENT counts what no session has seen (m3 came after
	 * the first session), and the UIDs are announced
	 * (tests/data/postfix/imap-select.txt is Dovecot's). */
	cr_expect(strstr(rep[2]->u.line.text, "* 2 EXISTS\n* 1 RECENT\n* OK [UNSEEN 2] First unseen.\n"
	                                     "* OK [UIDVALIDITY ") != NULL, "%s", rep[2]->u.line.text);
	cr_expect(strstr(rep[2]->u.line.text, "* OK [UIDNEXT 3] Predicted next UID\n") != NULL);
	cr_expect(strstr(rep[2]->u.line.text, "* OK [PERMANENTFLAGS (") != NULL);
	cr_expect(strncmp(rep[3]->u.line.text, "* SEARCH 2\n", 11) == 0, "%s", rep[3]->u.line.text);
	cr_expect_eq(rep[4]->msg, sim_ledger_find(r.s, "m3"));
	/* Third session: nothing unseen, nothing fetched. */
	nc = test_pop_imap_session(&r, "alice-pc", 143, 2, TR_CMD, cmd, 16);
	nr = test_pop_imap_session(&r, "alice-pc", 143, 2, TR_REPLY, rep, 16);
	cr_assert_eq(nc, 4, "LOGIN, SELECT, SEARCH, LOGOUT");
	cr_expect_str_eq(cmd[3]->u.line.text, "a4 LOGOUT");
	cr_assert_geq(nr, 4);
	cr_expect(strstr(rep[2]->u.line.text, "UNSEEN") == NULL, "no UNSEEN when all are seen: %s",
	          rep[2]->u.line.text);
	cr_expect(strstr(rep[2]->u.line.text, "* 0 RECENT\n") != NULL, "%s", rep[2]->u.line.text);
	cr_expect(strncmp(rep[3]->u.line.text, "* SEARCH\n", 9) == 0, "%s", rep[3]->u.line.text);

	cr_expect_eq(test_pop_imap_fetched_records(&r, "alice-pc"), 2, "m2 once, m3 once");
	cr_expect_eq(test_pop_imap_copies(&r, HOLD_FETCHED, "alice@ispa.example", "m2", NULL), 1);
	cr_expect_eq(test_pop_imap_copies(&r, HOLD_FETCHED, "alice@ispa.example", "m3", NULL), 1);
	cr_expect_eq(test_pop_imap_copies(&r, HOLD_MAILBOX, "alice@ispa.example", NULL, NULL), 2,
	             "both still on the server");
	cr_expect_eq(sim_audit(r.s, stderr), 0);
	test_pop_imap_done(&r);
}

Test(retrieval, fetch_through_the_api_is_the_same_session)
{
	struct test_pop_imap_run r;
	test_pop_imap_start(&r, 85);
	struct sim_action f = { .kind = SIM_ACT_FETCH, .origin = TRACE_ORIGIN_USER, .msg = -1 };
	f.user = -1;
	cr_expect_eq(sim_act(r.s, &f), -1);
	f.user = r.sc->nusers;
	cr_expect_eq(sim_act(r.s, &f), -1);
	f.user = scenario_find_user(r.sc, "alice@ispa.example");
	cr_assert_eq(sim_act(r.s, &f), 0);
	sim_run_until(r.s, SEC(88));
	const struct trace_rec *cmd[16];
	int nc = test_pop_imap_session(&r, "alice-pc", 143, 1, TR_CMD, cmd, 16);
	cr_expect_eq(nc, 4, "a fetch with nothing unseen");
	cr_expect_eq(test_pop_imap_fetched_records(&r, "alice-pc"), 1);
	test_pop_imap_done(&r);
}
