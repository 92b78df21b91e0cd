/* test_smtp — SMTP as a class watches it: the replies a submission gets,
 * what a wrong password, a missing AUTH, an unknown user or a relay
 * attempt lead to, MX fallback, routers that drop or refuse the SYN, and
 * what the delivered copy carries (Received fields, no Bcc, forwarding). */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "test_util.h"
#include "util.h"

#define MS(x) ((int64_t)(x) * 1000)

/* The parts of the test world a test may change; NULL keeps the default. */
struct test_smtp_parts {
	const char *rules_a;      /* ispa-gw's rules (inside the array) */
	const char *rules_b;      /* ispb-gw's rules */
	const char *mail_a;       /* extra keys of host mail-a, each ending in ", " */
	const char *hosts;        /* extra hosts, each starting with ", " */
	const char *zone_b;       /* the ispb.example zone */
	const char *bob;          /* extra keys of user bob, each ending in ", " */
	const char *actions;      /* the actions (inside the array) */
};

/* Lesson 01's world (two ISPs with OP25B, one DNS server), plus Carol
 * (ISP B, no mail program), Dave (ISP A) and Eve on a host out on the
 * Internet whose mail program submits to mail-a on port 25 without AUTH. */
static char *test_smtp_world(const struct test_smtp_parts *p)
{
	static const char op25b_a[] =
		"{'name': 'OP25B', 'action': 'drop', 'port': 25, 'from': ['net:ispa-pool'],"
		" 'to': ['!isp:ispa']}";
	static const char op25b_b[] =
		"{'name': 'OP25B', 'action': 'drop', 'port': 25, 'from': ['net:ispb-pool'],"
		" 'to': ['!isp:ispb']}";
	static const char zone_b[] =
		"{'domain': 'ispb.example', 'mx': [{'pref': 10, 'host': 'mail.ispb.example'}],"
		" 'a': [{'name': 'mail.ispb.example', 'addr': '198.51.100.140'}]}";
	struct sbuf b = { 0 };
	sbuf_addf(&b,
		"{ 'mailsim': 1, 'title': 'smtp', 'seed': 1, 'start': '2026-04-01T09:00:00+09:00',\n"
		"  'until': 600,\n"
		"  'networks': [\n"
		"    {'id': 'ispa-pool', 'cidr': '203.0.113.0/25', 'kind': 'dynamic', 'isp': 'ispa', 'latency_ms': 4},\n"
		"    {'id': 'ispa-servers', 'cidr': '203.0.113.128/25', 'kind': 'servers', 'isp': 'ispa', 'latency_ms': 1},\n"
		"    {'id': 'internet', 'cidr': '192.0.2.0/24', 'kind': 'backbone', 'latency_ms': 12},\n"
		"    {'id': 'ispb-servers', 'cidr': '198.51.100.128/25', 'kind': 'servers', 'isp': 'ispb', 'latency_ms': 1},\n"
		"    {'id': 'ispb-pool', 'cidr': '198.51.100.0/25', 'kind': 'dynamic', 'isp': 'ispb', 'latency_ms': 4}],\n"
		"  'routers': [\n"
		"    {'id': 'ispa-gw', 'links': ['ispa-pool', 'ispa-servers', {'network': 'internet', 'latency_ms': 3}],\n"
		"     'rules': [%s]},\n"
		"    {'id': 'ispb-gw', 'links': ['ispb-pool', 'ispb-servers', {'network': 'internet', 'latency_ms': 3}],\n"
		"     'rules': [%s]}],\n"
		"  'hosts': [\n"
		"    {'id': 'alice-pc', 'network': 'ispa-pool', 'addr': '203.0.113.10', 'name': 'alice-pc.ispa.example', 'roles': ['MUA']},\n"
		"    {'id': 'mail-a', 'network': 'ispa-servers', 'addr': '203.0.113.130', 'name': 'mail.ispa.example',\n"
		"     %s'roles': ['MSA', 'MTA', 'MDA', 'MRA'], 'domains': ['ispa.example']},\n"
		"    {'id': 'dns', 'network': 'internet', 'addr': '192.0.2.53', 'name': 'ns.example.net', 'roles': ['DNS']},\n"
		"    {'id': 'mail-b', 'network': 'ispb-servers', 'addr': '198.51.100.140', 'name': 'mail.ispb.example',\n"
		"     'roles': ['MSA', 'MTA', 'MDA', 'MRA'], 'domains': ['ispb.example']},\n"
		"    {'id': 'bob-pc', 'network': 'ispb-pool', 'addr': '198.51.100.20', 'name': 'bob-pc.ispb.example', 'roles': ['MUA']},\n"
		"    {'id': 'eve-pc', 'network': 'internet', 'addr': '192.0.2.99', 'name': 'eve-pc.outside.example', 'roles': ['MUA']}%s],\n"
		"  'dns': {'server': 'dns', 'zones': [\n"
		"    {'domain': 'ispa.example', 'mx': [{'pref': 10, 'host': 'mail.ispa.example'}],\n"
		"     'a': [{'name': 'mail.ispa.example', 'addr': '203.0.113.130'}]},\n"
		"    %s]},\n"
		"  'users': [\n"
		"    {'address': 'alice@ispa.example', 'name': 'Alice', 'password': 'alice-pass', 'mailbox': 'mail-a',\n"
		"     'mua': 'alice-pc', 'submit': {'host': 'mail-a', 'port': 587, 'auth': true}, 'fetch': {'protocol': 'imap'}},\n"
		"    {'address': 'bob@ispb.example', 'name': 'Bob', 'password': 'bob-pass', 'mailbox': 'mail-b',\n"
		"     %s'mua': 'bob-pc', 'submit': {'host': 'mail-b', 'port': 587, 'auth': true}, 'fetch': {'protocol': 'pop3'}},\n"
		"    {'address': 'carol@ispb.example', 'name': 'Carol', 'password': 'carol-pass', 'mailbox': 'mail-b'},\n"
		"    {'address': 'dave@ispa.example', 'name': 'Dave', 'password': 'dave-pass', 'mailbox': 'mail-a'},\n"
		"    {'address': 'eve@outside.example', 'name': 'Eve', 'password': 'eve-pass', 'mua': 'eve-pc',\n"
		"     'submit': {'host': 'mail-a', 'port': 25, 'auth': false}}],\n"
		"  'actions': [%s]\n"
		"}\n",
		p->rules_a ? p->rules_a : op25b_a, p->rules_b ? p->rules_b : op25b_b,
		p->mail_a ? p->mail_a : "", p->hosts ? p->hosts : "", p->zone_b ? p->zone_b : zone_b,
		p->bob ? p->bob : "", p->actions ? p->actions : "");
	for (char *c = b.s; *c; c++)
		if (*c == '\'')
			*c = '"';
	return sbuf_take(&b);
}

struct test_smtp_run {
	struct scenario *sc;
	struct sim *s;
};

static void test_smtp_load(struct test_smtp_run *r, const struct test_smtp_parts *p)
{
	char *json = test_smtp_world(p);
	r->sc = scenario_parse("smtp.json", json, stderr);
	cr_assert_not_null(r->sc, "the test world must load:\n%s", json);
	free(json);
	r->s = sim_new(r->sc, NULL);
}

/* Load the world and run it until t_s seconds. */
static void test_smtp_start(struct test_smtp_run *r, const struct test_smtp_parts *p, int t_s)
{
	test_smtp_load(r, p);
	sim_run_until(r->s, SEC(t_s));
}

static void test_smtp_done(struct test_smtp_run *r)
{
	sim_free(r->s);
	scenario_free(r->sc);
}

static int test_smtp_host(const struct test_smtp_run *r, const char *id)
{
	int h = scenario_find_host(r->sc, id);
	cr_assert_geq(h, 0, "host %s", id);
	return h;
}

static int test_smtp_router_node(const struct test_smtp_run *r, const char *id)
{
	int k = scenario_find_router(r->sc, id);
	cr_assert_geq(k, 0, "router %s", id);
	return r->sc->nhosts + k;
}

/* The n-th (from 0) trace record of kind at node (-1: any node). */
static const struct trace_rec *test_smtp_rec(const struct test_smtp_run *r,
                                             enum trace_kind kind, int node, int nth)
{
	size_t n;
	const struct trace_rec *tr = sim_trace(r->s, &n);
	for (size_t i = 0; i < n; i++)
		if (tr[i].kind == kind && (node < 0 || tr[i].node == node) && nth-- == 0)
			return &tr[i];
	return NULL;
}

static int test_smtp_count(const struct test_smtp_run *r, enum trace_kind kind, int node)
{
	size_t n;
	int k = 0;
	const struct trace_rec *tr = sim_trace(r->s, &n);
	for (size_t i = 0; i < n; i++)
		k += tr[i].kind == kind && (node < 0 || tr[i].node == node);
	return k;
}

/* The connection id of the first connection host opened to port. */
static int test_smtp_conn(const struct test_smtp_run *r, const char *host, int port)
{
	int h = test_smtp_host(r, host);
	for (int i = 0;; i++) {
		const struct trace_rec *c = test_smtp_rec(r, TR_CONNECT, h, i);
		cr_assert_not_null(c, "%s never connected to port %d", host, port);
		if (c->port == port)
			return c->conn;
	}
}

/* The records of kind on connection conn, in order; returns how many. */
static int test_smtp_on_conn(const struct test_smtp_run *r, int conn, enum trace_kind kind,
                             const struct trace_rec **out, int max)
{
	size_t n;
	int k = 0;
	const struct trace_rec *tr = sim_trace(r->s, &n);
	for (size_t i = 0; i < n && k < max; i++)
		if (tr[i].conn == conn && tr[i].kind == kind)
			out[k++] = &tr[i];
	return k;
}

static int test_smtp_starts(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static const struct ledger_rcpt *test_smtp_rcpt(const struct test_smtp_run *r, const char *tag,
                                                const char *addr)
{
	int e = sim_ledger_find(r->s, tag);
	cr_assert_geq(e, 0, "no ledger entry %s", tag);
	const struct ledger_entry *le = sim_ledger(r->s, (size_t)e);
	for (int i = 0; i < le->nrcpts; i++)
		if (strcmp(le->rcpts[i].addr, addr) == 0)
			return &le->rcpts[i];
	cr_assert_fail("%s has no recipient %s", tag, addr);
	return NULL;
}

static const char *test_smtp_state(const struct ledger_rcpt *lr)
{
	return ledger_state_names[lr->state];
}

/* The copy of message tag stored in mailbox's folder, or NULL. */
static const struct msg *test_smtp_stored(const struct test_smtp_run *r, const char *tag,
                                          const char *mailbox)
{
	int e = sim_ledger_find(r->s, tag);
	struct sim_copy c;
	for (size_t i = 0; e >= 0 && i < sim_copy_count(r->s); i++)
		if (sim_copy_get(r->s, i, &c) == 0 && c.holder == HOLD_MAILBOX && c.m->ledger == e &&
		    strcmp(c.mailbox, mailbox) == 0)
			return c.m;
	return NULL;
}

/* Value of the n-th field named name (top first), copied, or NULL. */
static char *test_smtp_field(const struct msg *m, const char *name, int nth)
{
	for (int i = 0; i < m->nfields; i++) {
		size_t nl, vl;
		const char *fn = msg_field_name(m, i, &nl);
		const char *fv = msg_field_value(m, i, &vl);
		if (nl == strlen(name) && util_strncasecmp(fn, name, nl) == 0 && nth-- == 0)
			return xstrndup(fv, vl);
	}
	return NULL;
}

/* The queue id in a "250 2.0.0 Ok: queued as ID" reply. */
static const char *test_smtp_qid(const char *reply)
{
	const char *p = strstr(reply ? reply : "", "queued as ");
	cr_assert_not_null(p, "not a queued reply: %s", reply);
	return p + strlen("queued as ");
}

static const char test_smtp_send_m1[] =
	"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
	" 'to': 'bob@ispb.example', 'subject': 'Lunch', 'body': 'Noon?\\n'}";

/* ---- submission ---- */

Test(smtp, submission_dialogue_and_reply_codes)
{
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){ .actions = test_smtp_send_m1 }, 60);
	const struct trace_rec *rep[16], *cmd[16];
	int conn = test_smtp_conn(&r, "alice-pc", 587);
	int n = test_smtp_on_conn(&r, conn, TR_REPLY, rep, 16);
	static const struct { int code; const char *text; } want[] = {
		{ 220, "220 mail.ispa.example ESMTP mailsim" },
		{ 250, "250-mail.ispa.example\n" },
		{ 220, "220 2.0.0 Ready to start TLS" },
		{ 250, "250-mail.ispa.example\n" },
		{ 235, "235 2.7.0 Authentication successful" },
		{ 250, "250 2.1.0 Ok" },
		{ 250, "250 2.1.5 Ok" },
		{ 354, "354 End data with <CR><LF>.<CR><LF>" },
		{ 250, "250 2.0.0 Ok: queued as " },
		{ 221, "221 2.0.0 Bye" },
	};
	cr_assert_eq(n, 10, "replies on the submission connection");
	for (int i = 0; i < n; i++) {
		cr_expect_eq(rep[i]->u.line.code, want[i].code, "reply %d: %s", i, rep[i]->u.line.text);
		cr_expect(test_smtp_starts(rep[i]->u.line.text, want[i].text), "reply %d: %s", i, rep[i]->u.line.text);
		cr_expect_eq(rep[i]->node, test_smtp_host(&r, "alice-pc"), "the client receives replies");
		cr_expect_eq(rep[i]->proto, PROTO_SMTP);
	}
	/* After STARTTLS, the password and the mail travel encrypted. */
	cr_expect_eq(rep[1]->tls, 0);
	for (int i = 3; i < n; i++)
		cr_expect_eq(rep[i]->tls, 1, "reply %d after STARTTLS", i);
	cr_expect(strstr(rep[1]->u.line.text, "250-STARTTLS\n") != NULL, "offers STARTTLS before TLS");
	cr_expect(strstr(rep[3]->u.line.text, "STARTTLS") == NULL, "no STARTTLS offer inside TLS");
	cr_expect(strstr(rep[3]->u.line.text, "250-AUTH PLAIN LOGIN\n") != NULL);

	static const char *const verbs[] = { "EHLO", "STARTTLS", "EHLO", "AUTH", "MAIL", "RCPT",
	                                     "DATA", ".", "QUIT" };
	cr_assert_eq(test_smtp_on_conn(&r, conn, TR_CMD, cmd, 16), 9);
	for (int i = 0; i < 9; i++) {
		cr_expect_str_eq(cmd[i]->u.line.verb, verbs[i], "command %d: %s", i, cmd[i]->u.line.text);
		cr_expect_eq(cmd[i]->node, test_smtp_host(&r, "mail-a"));
	}
	cr_expect_str_eq(cmd[0]->u.line.text, "EHLO alice-pc.ispa.example");
	cr_expect_str_eq(cmd[4]->u.line.text, "MAIL FROM:<alice@ispa.example>");
	cr_expect_str_eq(cmd[5]->u.line.text, "RCPT TO:<bob@ispb.example>");

	const struct ledger_rcpt *lr = test_smtp_rcpt(&r, "m1", "bob@ispb.example");
	cr_expect_str_eq(test_smtp_state(lr), "delivered");
	cr_expect_str_eq(lr->mailbox, "bob@ispb.example");
	cr_expect_str_eq(lr->folder, "INBOX");
	cr_expect_eq(lr->node, test_smtp_host(&r, "mail-b"));
	cr_expect_eq(sim_audit(r.s, stderr), 0);
	test_smtp_done(&r);
}

Test(smtp, submission_without_starttls_is_the_short_dialogue)
{
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){ .mail_a = "'starttls': false, ",
	                                              .actions = test_smtp_send_m1 }, 60);
	const struct trace_rec *rep[16];
	int n = test_smtp_on_conn(&r, test_smtp_conn(&r, "alice-pc", 587), TR_REPLY, rep, 16);
	static const int want[] = { 220, 250, 235, 250, 250, 354, 250, 221 };
	static const char *const text[] = { "220 ", "250-", "235 2.7.0 ", "250 2.1.0 ",
	                                    "250 2.1.5 ", "354 ", "250 2.0.0 ", "221 2.0.0 " };
	cr_assert_eq(n, 8);
	for (int i = 0; i < n; i++) {
		cr_expect_eq(rep[i]->u.line.code, want[i], "reply %d: %s", i, rep[i]->u.line.text);
		cr_expect(test_smtp_starts(rep[i]->u.line.text, text[i]), "reply %d: %s", i, rep[i]->u.line.text);
		cr_expect_eq(rep[i]->tls, 0);
	}
	/* Received says ESMTPA: authenticated, not encrypted. */
	const struct msg *m = test_smtp_stored(&r, "m1", "bob@ispb.example");
	cr_assert_not_null(m);
	char *rv = test_smtp_field(m, "Received", 1);
	cr_assert_not_null(rv);
	cr_expect(strstr(rv, " with ESMTPA id ") != NULL, "%s", rv);
	free(rv);
	test_smtp_done(&r);
}

Test(smtp, wrong_password_gets_535_and_the_mail_is_rejected)
{
	/* Alice's mail program is set up with a mistyped password. */
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		" 'password': 'alice-pa55', 'to': 'bob@ispb.example', 'subject': 'x'}" }, 60);
	const struct trace_rec *rep[16], *cmd[16];
	int conn = test_smtp_conn(&r, "alice-pc", 587);
	int n = test_smtp_on_conn(&r, conn, TR_REPLY, rep, 16);
	cr_assert_eq(n, 6);
	cr_assert_geq(test_smtp_on_conn(&r, conn, TR_CMD, cmd, 16), 4);
	/* AUTH PLAIN of "\0alice@ispa.example\0alice-pa55" */
	cr_expect_str_eq(cmd[3]->u.line.text, "AUTH PLAIN AGFsaWNlQGlzcGEuZXhhbXBsZQBhbGljZS1wYTU1");
	cr_expect_eq(rep[4]->u.line.code, 535);
	cr_expect_str_eq(rep[4]->u.line.text, "535 5.7.8 Error: authentication failed: authentication failure");
	cr_expect_eq(rep[5]->u.line.code, 221, "the client says QUIT after the failure");
	const struct ledger_rcpt *lr = test_smtp_rcpt(&r, "m1", "bob@ispb.example");
	cr_expect_str_eq(test_smtp_state(lr), "rejected");
	cr_expect_eq(lr->code, 535);
	cr_expect_eq(lr->node, test_smtp_host(&r, "alice-pc"));
	const struct trace_rec *e = test_smtp_rec(&r, TR_MUA_ERROR, test_smtp_host(&r, "alice-pc"), 0);
	cr_assert_not_null(e, "the mail program shows an error");
	cr_expect_eq(e->u.error.code, 535);
	cr_expect_eq(test_smtp_count(&r, TR_CONNECT, test_smtp_host(&r, "mail-a")), 0, "nothing relayed");
	cr_expect_eq(sim_audit(r.s, stderr), 0);
	test_smtp_done(&r);
}

Test(smtp, submission_port_without_auth_gets_530)
{
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'auth': false,"
		" 'to': 'bob@ispb.example', 'subject': 'x'}" }, 60);
	const struct trace_rec *rep[16], *cmd[16];
	int conn = test_smtp_conn(&r, "alice-pc", 587);
	int n = test_smtp_on_conn(&r, conn, TR_REPLY, rep, 16);
	cr_assert_eq(n, 6);
	cr_expect_eq(rep[4]->u.line.code, 530);
	cr_expect_str_eq(rep[4]->u.line.text, "530 5.7.0 Authentication required");
	cr_expect_str_eq(rep[4]->u.line.verb, "mail", "refused at MAIL FROM");
	cr_expect_eq(rep[5]->u.line.code, 221);
	n = test_smtp_on_conn(&r, conn, TR_CMD, cmd, 16);
	for (int i = 0; i < n; i++)
		cr_expect_str_neq(cmd[i]->u.line.verb, "AUTH", "the client was told not to authenticate");
	const struct ledger_rcpt *lr = test_smtp_rcpt(&r, "m1", "bob@ispb.example");
	cr_expect_str_eq(test_smtp_state(lr), "rejected");
	cr_expect_eq(lr->code, 530);
	cr_expect_eq(sim_audit(r.s, stderr), 0);
	test_smtp_done(&r);
}

/* ---- unknown users, relaying ---- */

Test(smtp, unknown_remote_user_bounces_to_the_sender)
{
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		" 'to': 'nobody@ispb.example', 'subject': 'Hello'}" }, 120);
	int mail_a = test_smtp_host(&r, "mail-a");
	/* mail-b refuses the recipient in the relay session from mail-a. */
	const struct trace_rec *rep[16];
	int n = test_smtp_on_conn(&r, test_smtp_conn(&r, "mail-a", 25), TR_REPLY, rep, 16);
	int seen = 0;
	for (int i = 0; i < n; i++)
		if (rep[i]->u.line.code == 550) {
			seen = 1;
			cr_expect_str_eq(rep[i]->u.line.text, "550 5.1.1 <nobody@ispb.example>: Recipient address "
			                 "rejected: User unknown in local recipient table");
			cr_expect_str_eq(rep[i]->u.line.verb, "rcpt");
		}
	cr_expect(seen, "no 550 in the relay session");
	const struct ledger_rcpt *lr = test_smtp_rcpt(&r, "m1", "nobody@ispb.example");
	cr_expect_str_eq(test_smtp_state(lr), "bounced");
	cr_expect_eq(lr->code, 550);
	cr_expect_eq(lr->node, mail_a, "the MTA that held it bounces it");

	/* The DSN is a message of its own, delivered to Alice. */
	int m1 = sim_ledger_find(r.s, "m1"), b = sim_ledger_find(r.s, "m1.bounce");
	cr_assert_geq(b, 0, "a m1.bounce ledger entry");
	cr_expect_eq(sim_ledger(r.s, (size_t)b)->bounce_of, m1);
	const struct ledger_rcpt *br = test_smtp_rcpt(&r, "m1.bounce", "alice@ispa.example");
	cr_expect_str_eq(test_smtp_state(br), "delivered");
	cr_expect_str_eq(br->mailbox, "alice@ispa.example");
	cr_expect_str_eq(br->folder, "INBOX");
	const struct trace_rec *tb = test_smtp_rec(&r, TR_BOUNCE, mail_a, 0);
	cr_assert_not_null(tb);
	cr_expect_str_eq(tb->tag, "m1.bounce");
	cr_expect_str_eq(tb->u.bounce.to, "alice@ispa.example");

	const struct msg *dsn = test_smtp_stored(&r, "m1.bounce", "alice@ispa.example");
	cr_assert_not_null(dsn, "the bounce is in Alice's INBOX");
	cr_expect_str_eq(dsn->mail_from, "", "a bounce has the null envelope sender");
	char *from = test_smtp_field(dsn, "From", 0), *rp = test_smtp_field(dsn, "Return-Path", 0);
	char *subj = test_smtp_field(dsn, "Subject", 0);
	cr_assert(from && rp && subj);
	cr_expect(test_smtp_starts(from, "MAILER-DAEMON@mail.ispa.example"), "From: %s", from);
	cr_expect_str_eq(rp, "<>");
	cr_expect_str_eq(subj, "Undelivered Mail Returned to Sender");
	/* The notification names the recipient and quotes the server's reply. */
	cr_expect(strstr(dsn->body, "\r\n<nobody@ispb.example>: ") != NULL, "%s", dsn->body);
	cr_expect(strstr(dsn->body, "550 5.1.1 <nobody@ispb.example>: Recipient address rejected")
	          != NULL, "%s", dsn->body);
	cr_expect(strstr(dsn->body, "Final-Recipient: rfc822; nobody@ispb.example\r\n") != NULL);
	cr_expect(strstr(dsn->body, "Action: failed\r\nStatus: 5.1.1\r\n") != NULL);
	cr_expect(strstr(dsn->body, "Subject: Hello\r\n") != NULL, "the original header is attached");
	free(from);
	free(rp);
	free(subj);
	cr_expect_eq(sim_audit(r.s, stderr), 0);
	test_smtp_done(&r);
}

Test(smtp, unknown_local_user_is_refused_to_the_mail_program)
{
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		" 'to': ['nobody@ispa.example', 'dave@ispa.example'], 'subject': 'Hello'}" }, 60);
	const struct ledger_rcpt *lr = test_smtp_rcpt(&r, "m1", "nobody@ispa.example");
	cr_expect_str_eq(test_smtp_state(lr), "rejected", "the MSA refuses it to Alice's face");
	cr_expect_eq(lr->code, 550);
	cr_expect(test_smtp_starts(lr->reason, "550 5.1.1 <nobody@ispa.example>"), "%s", lr->reason);
	cr_expect_str_eq(test_smtp_state(test_smtp_rcpt(&r, "m1", "dave@ispa.example")), "delivered");
	cr_expect_eq(sim_ledger_find(r.s, "m1.bounce"), -1, "the client was told: no bounce");
	cr_expect_eq(sim_audit(r.s, stderr), 0);
	test_smtp_done(&r);
}

static const char test_smtp_send_nobody_a[] =
	"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
	" 'to': 'nobody@ispa.example', 'subject': 'Hello'}";

Test(smtp, unverified_unknown_user_is_accepted_then_bounced)
{
	/* verify_recipients: false takes the mail and bounces it afterwards:
	 * the cause of backscatter. */
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){ .mail_a = "'verify_recipients': false, ",
	                                              .actions = test_smtp_send_nobody_a }, 60);
	const struct trace_rec *rep[16];
	int n = test_smtp_on_conn(&r, test_smtp_conn(&r, "alice-pc", 587), TR_REPLY, rep, 16);
	cr_assert_geq(n, 7);
	cr_expect_str_eq(rep[6]->u.line.verb, "rcpt");
	cr_expect_eq(rep[6]->u.line.code, 250, "accepted at RCPT: %s", rep[6]->u.line.text);
	const struct ledger_rcpt *lr = test_smtp_rcpt(&r, "m1", "nobody@ispa.example");
	cr_expect_str_eq(test_smtp_state(lr), "bounced");
	cr_expect_eq(lr->code, 550);
	lr = test_smtp_rcpt(&r, "m1.bounce", "alice@ispa.example");
	cr_expect_str_eq(test_smtp_state(lr), "delivered");
	cr_expect_eq(sim_audit(r.s, stderr), 0);
	test_smtp_done(&r);
}

/* A late bounce from the MDA carries the enhanced code of its reason
 * (5.1.1, bad destination mailbox), not just the class 5.0.0. */
Test(smtp, late_bounce_status_is_5_1_1)
{
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){ .mail_a = "'verify_recipients': false, ",
	                                              .actions = test_smtp_send_nobody_a }, 60);
	const struct msg *dsn = test_smtp_stored(&r, "m1.bounce", "alice@ispa.example");
	cr_assert_not_null(dsn);
	cr_expect(strstr(dsn->body, "Status: 5.1.1\r\n") != NULL, "%s", dsn->body);
	test_smtp_done(&r);
}

Test(smtp, relay_from_outside_without_auth_is_denied)
{
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'eve@outside.example',"
		" 'to': ['bob@ispb.example', 'dave@ispa.example'], 'subject': 'Hi'}" }, 60);
	const struct trace_rec *rep[16];
	int n = test_smtp_on_conn(&r, test_smtp_conn(&r, "eve-pc", 25), TR_REPLY, rep, 16);
	int denied = 0, local_ok = 0;
	for (int i = 0; i < n; i++) {
		if (rep[i]->u.line.code == 554) {
			denied++;
			cr_expect_str_eq(rep[i]->u.line.text, "554 5.7.1 <bob@ispb.example>: Relay access denied");
		}
		if (rep[i]->u.line.code == 250 && strcmp(rep[i]->u.line.verb, "rcpt") == 0)
			local_ok++;
	}
	cr_expect_eq(denied, 1);
	cr_expect_eq(local_ok, 1, "mail for mail-a's own domain is taken");
	const struct ledger_rcpt *lr = test_smtp_rcpt(&r, "m1", "bob@ispb.example");
	cr_expect_str_eq(test_smtp_state(lr), "rejected");
	cr_expect_eq(lr->code, 554);
	cr_expect_eq(lr->node, test_smtp_host(&r, "eve-pc"));
	cr_expect_str_eq(test_smtp_state(test_smtp_rcpt(&r, "m1", "dave@ispa.example")), "delivered");
	cr_expect_eq(test_smtp_count(&r, TR_CONNECT, test_smtp_host(&r, "mail-a")), 0,
	             "mail-a relays nothing to ISP B");
	cr_expect_eq(sim_audit(r.s, stderr), 0);
	test_smtp_done(&r);
}

Test(smtp, relay_allowed_from_a_trusted_network)
{
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){ .mail_a = "'relay_networks': ['internet'], ",
		.actions = "{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'eve@outside.example',"
		           " 'to': 'bob@ispb.example', 'subject': 'Hi'}" }, 60);
	cr_expect_str_eq(test_smtp_state(test_smtp_rcpt(&r, "m1", "bob@ispb.example")), "delivered");
	test_smtp_done(&r);
}

/* ---- MX fallback ---- */

static const char test_smtp_zone_b_backup[] =
	"{'domain': 'ispb.example', 'mx': [{'pref': 20, 'host': 'mail.ispb.example'},"
	" {'pref': 10, 'host': 'mx1.ispb.example'}],"
	" 'a': [{'name': 'mail.ispb.example', 'addr': '198.51.100.140'},"
	"       {'name': 'mx1.ispb.example', 'addr': '%s'}]}";

Test(smtp, mx_fallback_when_the_first_exchanger_refuses)
{
	/* mx1 is a host with no MTA: its TCP answers RST at once. */
	char zone[600];
	snprintf(zone, sizeof zone, test_smtp_zone_b_backup, "198.51.100.150");
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){
		.hosts = ", {'id': 'web-b', 'network': 'ispb-servers', 'addr': '198.51.100.150',"
		         " 'name': 'mx1.ispb.example', 'roles': ['MRA']}",
		.zone_b = zone, .actions = test_smtp_send_m1 }, 60);
	int mail_a = test_smtp_host(&r, "mail-a");
	const struct trace_rec *c1 = test_smtp_rec(&r, TR_CONNECT, mail_a, 0);
	const struct trace_rec *c2 = test_smtp_rec(&r, TR_CONNECT, mail_a, 1);
	cr_assert(c1 && c2);
	cr_expect_str_eq(test_util_connect_addr(c1), "198.51.100.150", "preference 10 first");
	cr_expect_eq(c1->peer, test_smtp_host(&r, "web-b"));
	const struct trace_rec *ref = test_smtp_rec(&r, TR_REFUSED, mail_a, 0);
	cr_assert_not_null(ref);
	cr_expect_eq(ref->conn, c1->conn);
	cr_expect_str_eq(test_util_connect_addr(c2), "198.51.100.140", "then preference 20");
	cr_expect_eq(c2->t, ref->t, "straight on to the next MX, no queueing");
	cr_expect_eq(test_smtp_count(&r, TR_DEFER, -1), 0);
	const struct ledger_rcpt *lr = test_smtp_rcpt(&r, "m1", "bob@ispb.example");
	cr_expect_str_eq(test_smtp_state(lr), "delivered");
	cr_expect_eq(lr->node, test_smtp_host(&r, "mail-b"));
	const struct msg *m = test_smtp_stored(&r, "m1", "bob@ispb.example");
	cr_assert_not_null(m);
	char *top = test_smtp_field(m, "Received", 0);
	cr_expect(strstr(top, " by mail.ispb.example (mailsim) ") != NULL, "%s", top);
	free(top);
	test_smtp_done(&r);
}

Test(smtp, mx_fallback_when_the_first_exchanger_is_unreachable)
{
	/* 10.9.9.9 is in no network: the SYN goes nowhere and the MTA waits out
	 * its 30 s connect timeout before the next MX. */
	char zone[600];
	snprintf(zone, sizeof zone, test_smtp_zone_b_backup, "10.9.9.9");
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){ .zone_b = zone,
	                                              .actions = test_smtp_send_m1 }, 120);
	int mail_a = test_smtp_host(&r, "mail-a");
	const struct trace_rec *c1 = test_smtp_rec(&r, TR_CONNECT, mail_a, 0);
	const struct trace_rec *c2 = test_smtp_rec(&r, TR_CONNECT, mail_a, 1);
	const struct trace_rec *to = test_smtp_rec(&r, TR_TIMEOUT, mail_a, 0);
	cr_assert(c1 && c2 && to);
	cr_expect_str_eq(test_util_connect_addr(c1), "10.9.9.9");
	cr_expect_eq(to->t - c1->t, SEC(30));
	cr_expect_str_eq(test_util_connect_addr(c2), "198.51.100.140");
	cr_expect_eq(c2->t, to->t);
	cr_expect_str_eq(test_smtp_state(test_smtp_rcpt(&r, "m1", "bob@ispb.example")), "delivered");
	test_smtp_done(&r);
}

/* ---- routers ---- */

Test(smtp, dropped_syn_times_out_after_30s_and_mail_is_blocked)
{
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){
		.rules_a = "{'name': 'no-submission', 'action': 'drop', 'port': 587,"
		           " 'from': ['net:ispa-pool']}",
		.actions = test_smtp_send_m1 }, 120);
	int alice = test_smtp_host(&r, "alice-pc"), gw = test_smtp_router_node(&r, "ispa-gw");
	const struct trace_rec *c = test_smtp_rec(&r, TR_CONNECT, alice, 0);
	const struct trace_rec *bl = test_smtp_rec(&r, TR_BLOCKED, gw, 0);
	const struct trace_rec *to = test_smtp_rec(&r, TR_TIMEOUT, alice, 0);
	cr_assert(c && bl && to);
	cr_expect_eq(c->t, SEC(1));
	cr_expect_eq(bl->t, SEC(1) + MS(4 + 1), "dies at the border router");
	cr_expect_str_eq(test_util_rule(r.sc, &bl->u.stop), "no-submission");
	cr_expect_eq(bl->u.stop.action, RULE_DROP);
	cr_expect_eq(to->t, SEC(31), "the client waits its 30 s connect timeout");
	cr_expect_eq(to->conn, c->conn);
	cr_expect_eq(test_smtp_count(&r, TR_ACCEPT, -1), 0);
	cr_expect_eq(test_smtp_count(&r, TR_REFUSED, -1), 0);
	const struct ledger_rcpt *lr = test_smtp_rcpt(&r, "m1", "bob@ispb.example");
	cr_expect_str_eq(test_smtp_state(lr), "blocked");
	cr_expect_eq(lr->node, gw);
	cr_expect_str_eq(lr->rule, "no-submission");
	const struct trace_rec *e = test_smtp_rec(&r, TR_MUA_ERROR, alice, 0);
	cr_assert_not_null(e);
	cr_expect_eq(e->t, SEC(31));
	cr_expect_str_eq(test_util_rule(r.sc, &e->u.error.stop), "no-submission");
	cr_expect_eq(sim_audit(r.s, stderr), 0);
	test_smtp_done(&r);
}

Test(smtp, reject_rule_refuses_at_once)
{
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){
		.rules_a = "{'name': 'no-submission', 'action': 'reject', 'port': 587,"
		           " 'from': ['net:ispa-pool']}",
		.actions = test_smtp_send_m1 }, 120);
	int alice = test_smtp_host(&r, "alice-pc"), gw = test_smtp_router_node(&r, "ispa-gw");
	const struct trace_rec *bl = test_smtp_rec(&r, TR_BLOCKED, gw, 0);
	const struct trace_rec *ref = test_smtp_rec(&r, TR_REFUSED, alice, 0);
	cr_assert(bl && ref);
	cr_expect_eq(bl->u.stop.action, RULE_REJECT);
	cr_expect_eq(bl->t, SEC(1) + MS(5));
	cr_expect_eq(ref->t, SEC(1) + MS(10), "the refusal travels back from the router");
	cr_expect_str_eq(test_util_rule(r.sc, &ref->u.stop), "no-submission");
	cr_expect_eq(test_smtp_count(&r, TR_TIMEOUT, -1), 0);
	const struct ledger_rcpt *lr = test_smtp_rcpt(&r, "m1", "bob@ispb.example");
	cr_expect_str_eq(test_smtp_state(lr), "blocked");
	cr_expect_eq(lr->node, gw);
	cr_expect_str_eq(lr->rule, "no-submission");
	test_smtp_done(&r);
}

Test(smtp, op25b_blocks_a_direct_send_from_the_pool)
{
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'direct': true,"
		" 'to': 'bob@ispb.example', 'subject': 'x'}" }, 120);
	const struct trace_rec *c = test_smtp_rec(&r, TR_CONNECT, test_smtp_host(&r, "alice-pc"), 0);
	cr_assert_not_null(c);
	cr_expect_eq(c->port, 25);
	cr_expect_str_eq(test_util_connect_addr(c), "198.51.100.140", "straight to Bob's MX");
	const struct ledger_rcpt *lr = test_smtp_rcpt(&r, "m1", "bob@ispb.example");
	cr_expect_str_eq(test_smtp_state(lr), "blocked");
	cr_expect_eq(lr->node, test_smtp_router_node(&r, "ispa-gw"));
	cr_expect_str_eq(lr->rule, "OP25B");
	cr_expect_eq(sim_audit(r.s, stderr), 0);
	test_smtp_done(&r);
}

/* ---- what the delivered copy carries ---- */

Test(smtp, received_fields_of_submission_and_relay)
{
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){ .actions = test_smtp_send_m1 }, 60);
	const struct msg *m = test_smtp_stored(&r, "m1", "bob@ispb.example");
	cr_assert_not_null(m);
	cr_expect_eq(msg_header_count(m, "Received"), 2);
	cr_expect_eq(test_smtp_rcpt(&r, "m1", "bob@ispb.example")->received, 2);

	/* The ids are the ones each server announced in its 250 reply, the
	 * dates the moments each server queued the mail. */
	const struct trace_rec *rep[16];
	int n = test_smtp_on_conn(&r, test_smtp_conn(&r, "alice-pc", 587), TR_REPLY, rep, 16);
	cr_assert_geq(n, 2);
	const char *qid_a = test_smtp_qid(rep[n - 2]->u.line.text);
	n = test_smtp_on_conn(&r, test_smtp_conn(&r, "mail-a", 25), TR_REPLY, rep, 16);
	cr_assert_geq(n, 2);
	const char *qid_b = test_smtp_qid(rep[n - 2]->u.line.text);
	const struct trace_rec *qa = test_smtp_rec(&r, TR_QUEUED, test_smtp_host(&r, "mail-a"), 0);
	const struct trace_rec *qb = test_smtp_rec(&r, TR_QUEUED, test_smtp_host(&r, "mail-b"), 0);
	cr_assert(qa && qb);
	char da[64], db[64], want[600];
	sim_format_date(r.s, qa->t, da, sizeof da);
	sim_format_date(r.s, qb->t, db, sizeof db);
	cr_expect_str_eq(da, "Wed, 01 Apr 2026 09:00:01 +0900");

	char *bottom = test_smtp_field(m, "Received", 1), *top = test_smtp_field(m, "Received", 0);
	cr_assert(bottom && top);
	snprintf(want, sizeof want, "from alice-pc.ispa.example (alice-pc.ispa.example "
	         "[203.0.113.10]) by mail.ispa.example (mailsim) with ESMTPSA id %s for "
	         "<bob@ispb.example>; %s", qid_a, da);
	cr_expect_str_eq(bottom, want);
	snprintf(want, sizeof want, "from mail.ispa.example (mail.ispa.example "
	         "[203.0.113.130]) by mail.ispb.example (mailsim) with ESMTPS id %s for "
	         "<bob@ispb.example>; %s", qid_b, db);
	cr_expect_str_eq(top, want);
	cr_expect_str_neq(qid_a, qid_b);
	free(bottom);
	free(top);

	char *dt = test_smtp_field(m, "Delivered-To", 0), *rp = test_smtp_field(m, "Return-Path", 0);
	cr_assert(dt && rp);
	cr_expect_str_eq(dt, "bob@ispb.example");
	cr_expect_str_eq(rp, "<alice@ispa.example>");
	free(dt);
	free(rp);
	test_smtp_done(&r);
}

Test(smtp, bcc_recipient_is_in_the_envelope_only)
{
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		" 'to': 'bob@ispb.example', 'bcc': 'carol@ispb.example', 'subject': 'Surprise'}" }, 60);
	const struct trace_rec *cmd[16];
	int n = test_smtp_on_conn(&r, test_smtp_conn(&r, "alice-pc", 587), TR_CMD, cmd, 16);
	int rcpt_carol = 0;
	for (int i = 0; i < n; i++)
		rcpt_carol += cmd[i]->u.line.text && strcmp(cmd[i]->u.line.text, "RCPT TO:<carol@ispb.example>") == 0;
	cr_expect_eq(rcpt_carol, 1, "Carol is an envelope recipient");
	cr_expect_str_eq(test_smtp_state(test_smtp_rcpt(&r, "m1", "carol@ispb.example")), "delivered");
	cr_expect_str_eq(test_smtp_state(test_smtp_rcpt(&r, "m1", "bob@ispb.example")), "delivered");

	const struct msg *mb = test_smtp_stored(&r, "m1", "bob@ispb.example");
	const struct msg *mc = test_smtp_stored(&r, "m1", "carol@ispb.example");
	cr_assert(mb && mc);
	cr_expect_eq(msg_header_count(mb, "Bcc"), 0);
	cr_expect_eq(msg_header_count(mc, "Bcc"), 0);
	char *to = test_smtp_field(mc, "To", 0);
	cr_assert_not_null(to);
	cr_expect_str_eq(to, "bob@ispb.example", "Carol sees only the To the sender wrote");
	free(to);
	/* Nothing in Bob's copy gives Carol away. */
	char *text = msg_serialize(mb, NULL);
	cr_expect(strstr(text, "carol") == NULL, "%s", text);
	free(text);
	cr_expect_eq(sim_audit(r.s, stderr), 0);
	test_smtp_done(&r);
}

Test(smtp, forward_changes_the_envelope_not_the_header)
{
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){ .bob = "'forward': 'dave@ispa.example', ",
	                                              .actions = test_smtp_send_m1 }, 60);
	const struct ledger_rcpt *lr = test_smtp_rcpt(&r, "m1", "bob@ispb.example");
	cr_expect_str_eq(test_smtp_state(lr), "delivered");
	cr_expect_str_eq(lr->cur, "dave@ispa.example");
	cr_expect_str_eq(lr->mailbox, "dave@ispa.example");
	cr_expect_str_eq(lr->folder, "INBOX");
	cr_expect_eq(lr->node, test_smtp_host(&r, "mail-a"));
	cr_expect_null(test_smtp_stored(&r, "m1", "bob@ispb.example"), "nothing kept for Bob");

	const struct msg *m = test_smtp_stored(&r, "m1", "dave@ispa.example");
	cr_assert_not_null(m);
	cr_assert_eq(m->nrcpt, 1);
	cr_expect_str_eq(m->rcpt[0], "dave@ispa.example", "the envelope names Dave");
	char *to = test_smtp_field(m, "To", 0), *dt = test_smtp_field(m, "Delivered-To", 0);
	cr_assert(to && dt);
	cr_expect_str_eq(to, "bob@ispb.example", "the header still says Bob");
	cr_expect_str_eq(dt, "dave@ispa.example");
	free(to);
	free(dt);
	cr_expect_eq(msg_header_count(m, "Received"), 3, "alice->A, A->B, B->A");

	/* mail-b sent it on: RCPT TO Dave in a session from mail-b to mail-a. */
	const struct trace_rec *cmd[16];
	int n = test_smtp_on_conn(&r, test_smtp_conn(&r, "mail-b", 25), TR_CMD, cmd, 16);
	int rcpt_dave = 0;
	for (int i = 0; i < n; i++)
		rcpt_dave += cmd[i]->u.line.text && strcmp(cmd[i]->u.line.text, "RCPT TO:<dave@ispa.example>") == 0;
	cr_expect_eq(rcpt_dave, 1);
	cr_expect_eq(sim_audit(r.s, stderr), 0);
	test_smtp_done(&r);
}

/* ---- what the MUA writes down ---- */

/* 1 if s is well-formed UTF-8 (no cut character; overlongs not checked). */
static int test_smtp_utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int len = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : (*p & 0xF8) == 0xF0 ? 4 : 0;
		if (!len)
			return 0;
		for (int i = 1; i < len; i++)
			if ((p[i] & 0xC0) != 0x80)
				return 0;
		p += len;
	}
	return 1;
}

Test(smtp, a_long_japanese_subject_is_cut_between_characters)
{
	/* "a" and 200 Japanese characters: the MUA's note of the subject (the
	 * narration's "subject ...") and the ledger's are shortened, but never
	 * in the middle of a character. */
	struct sbuf subj = { 0 }, act = { 0 };
	sbuf_adds(&subj, "a");
	for (int i = 0; i < 200; i++)
		sbuf_adds(&subj, "件");
	sbuf_addf(&act, "{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		  " 'to': 'bob@ispb.example', 'body': 'x\\n', 'subject': '%s'}", subj.s);
	struct test_smtp_run r;
	test_smtp_start(&r, &(struct test_smtp_parts){ .actions = act.s }, 60);
	const struct trace_rec *c = test_smtp_rec(&r, TR_COMPOSE, -1, 0);
	cr_assert_not_null(c);
	const char *cs = c->u.compose.subject;
	cr_assert_not_null(cs);
	cr_expect(test_smtp_utf8_ok(cs), "the compose record's subject ends in half a character");
	cr_expect_gt(strlen(cs), 200, "the subject is shortened, not dropped");
	cr_expect_eq(strncmp(cs, subj.s, strlen(cs)), 0, "the subject's start: %s", cs);
	const struct ledger_entry *le = sim_ledger(r.s, 0);
	cr_expect(test_smtp_utf8_ok(le->subject), "the ledger's subject ends in half a character");
	sbuf_free(&subj);
	sbuf_free(&act);
	test_smtp_done(&r);
}
