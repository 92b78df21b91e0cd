/* test_postfix — the SMTP sessions recorded from a real Postfix 3.7.11
 * (tests/data/postfix/session-*.txt, how they were made is in its README)
 * replayed against mail-a of the test world, which plays the recording's
 * mail.ispa.example: every client line is sent as it was typed, and every
 * reply must be the recording's, code and text, line for line, but for
 * the departures README lists, each named in test_postfix_departures. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_world.h"
#include "util.h"

#define TEST_POSTFIX_DIR "tests/data/postfix/"
#define TEST_POSTFIX_MAX_STEPS 64

/* One command of a recording and the reply it got ("\n" between the lines
 * of a multi-line reply, as the trace keeps them). */
struct test_postfix_step {
	char *cmd;                /* NULL: the greeting */
	struct sbuf reply;
};

struct test_postfix_rec {
	struct test_postfix_step steps[TEST_POSTFIX_MAX_STEPS];
	int n;
};

/* A reply that differs from the recording on purpose: the recording's
 * reply to the nth (from 0) command cmd in file starts with recorded (so
 * a changed recording is noticed), and mailsim's is ours, for the reason
 * given. */
static const struct {
	const char *file, *cmd;
	int nth;
	const char *recorded, *ours, *why;
} test_postfix_departures[] = {
#define TEST_POSTFIX_535 "535 5.7.8 Error: authentication failed: "
	/* Dovecot SASL's 535 texts: mailsim words them as Cyrus SASL does
	 * (session-587-cyrus-*.txt), README "Deliberate departures". */
	{ "session-587-dovecot-sasl.txt", "AUTH CRAM-MD5", 0, TEST_POSTFIX_535,
	  TEST_POSTFIX_535 "no mechanism available", "Cyrus SASL's words" },
	{ "session-587-dovecot-sasl.txt", "AUTH XYZ", 0, TEST_POSTFIX_535,
	  TEST_POSTFIX_535 "no mechanism available", "Cyrus SASL's words" },
	{ "session-587-dovecot-sasl.txt", "AUTH PLAIN !!!notbase64", 0, TEST_POSTFIX_535,
	  TEST_POSTFIX_535 "bad protocol / cancel", "Cyrus SASL's words" },
	{ "session-587-dovecot-sasl.txt", "!!!", 0, TEST_POSTFIX_535,
	  TEST_POSTFIX_535 "another step is needed in authentication", "Cyrus SASL's words" },
	{ "session-587-dovecot-sasl.txt", "!!!", 1, TEST_POSTFIX_535,
	  TEST_POSTFIX_535 "another step is needed in authentication", "Cyrus SASL's words" },
	{ "session-587-dovecot-sasl.txt", "!!!", 2, TEST_POSTFIX_535,
	  TEST_POSTFIX_535 "another step is needed in authentication", "Cyrus SASL's words" },
	{ "session-587-dovecot-sasl.txt", "AUTH PLAIN AGJvYgB3cm9uZw==", 0, TEST_POSTFIX_535,
	  TEST_POSTFIX_535 "authentication failure", "Cyrus SASL's words" },
	/* The mechanisms offered are Dovecot SASL's PLAIN and LOGIN
	 * (session-587-dovecot-sasl.txt), not the sasldb's longer list. */
	{ "session-587-cyrus-sasl.txt", "EHLO client.example", 1,
	  "250-mail.ispa.example\n250-PIPELINING\n250-SIZE 10240000\n250-VRFY\n250-ETRN\n250-AUTH SCRAM",
	  "250-mail.ispa.example\n250-PIPELINING\n250-SIZE 10240000\n250-VRFY\n250-AUTH PLAIN LOGIN\n"
	  "250-ENHANCEDSTATUSCODES\n250-8BITMIME\n250 SMTPUTF8", "Dovecot SASL's mechanisms" },
	{ "session-587-cyrus-sasl.txt", "AUTH CRAM-MD5", 0, "334 ",
	  TEST_POSTFIX_535 "no mechanism available", "no CRAM-MD5, as with Dovecot SASL" },
};

/* Read a recording: "S: " and "C: " lines; "   (TLS handshake)" notes are
 * skipped. */
static void test_postfix_read(const char *file, struct test_postfix_rec *r)
{
	char path[256];
	snprintf(path, sizeof path, TEST_POSTFIX_DIR "%s", file);
	FILE *f = fopen(path, "r");
	cr_assert_not_null(f, "cannot open %s (run from the top directory)", path);
	memset(r, 0, sizeof *r);
	r->n = 1;   /* steps[0]: the greeting */
	char line[2048];
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (strncmp(line, "C: ", 3) == 0) {
			cr_assert_lt(r->n, TEST_POSTFIX_MAX_STEPS, "%s: too many commands", file);
			r->steps[r->n++].cmd = xstrdup(line + 3);
		} else if (strncmp(line, "S: ", 3) == 0) {
			struct sbuf *b = &r->steps[r->n - 1].reply;
			if (b->len)
				sbuf_addc(b, '\n');
			sbuf_adds(b, line + 3);
		}
	}
	fclose(f);
}

static void test_postfix_free(struct test_postfix_rec *r)
{
	for (int i = 0; i < r->n; i++) {
		free(r->steps[i].cmd);
		sbuf_free(&r->steps[i].reply);
	}
}

/* The recording's reply as mailsim means to give it: the
 * banner says mailsim, and ETRN, DSN and CHUNKING are not offered
 * (README, "Deliberate departures"). */
static void test_postfix_expected(const char *recorded, struct sbuf *out)
{
	sbuf_reset(out);
	const char *banner = strstr(recorded, " ESMTP Postfix");
	if (strncmp(recorded, "220 ", 4) == 0 && banner && !banner[14]) {
		sbuf_add(out, recorded, (size_t)(banner - recorded));
		sbuf_adds(out, " ESMTP mailsim");
		return;
	}
	for (const char *p = recorded; *p;) {
		size_t len = strcspn(p, "\n");
		int dropped = len >= 4 && strncmp(p, "250", 3) == 0 && strncmp(recorded, "250-", 4) == 0 &&
		              ((len == 8 && strncmp(p + 4, "ETRN", 4) == 0) ||
		               (len == 7 && strncmp(p + 4, "DSN", 3) == 0) ||
		               (len == 12 && strncmp(p + 4, "CHUNKING", 8) == 0));
		if (!dropped) {
			if (out->len)
				sbuf_addc(out, '\n');
			sbuf_add(out, p, len);
		}
		p += len + (p[len] == '\n');
	}
	/* The last line of a multi-line reply has a space after the code. */
	char *last = out->s ? strrchr(out->s, '\n') : NULL;
	if (last && last[4] == '-')
		last[4] = ' ';
}

/* Does a recorded reply stop in the middle (its last line "250-…")? */
static int test_postfix_cut(const char *reply)
{
	const char *last = strrchr(reply, '\n');
	last = last ? last + 1 : reply;
	return strlen(last) > 3 && last[3] == '-';
}

/* Replay file from client (a send action's "user" or "host" part) and
 * compare reply for reply. */
static void test_postfix_replay(const char *file, const char *client, int port)
{
	struct test_postfix_rec r;
	test_postfix_read(file, &r);
	struct sbuf act = { 0 }, want = { 0 };
	sbuf_addf(&act, "{'at': 1, 'do': 'send', 'id': 't', %s, 'to': 'bob@ispa.example', 'script': [",
	          client);
	for (int i = 1; i < r.n; i++)
		sbuf_addf(&act, "%s'%s'", i > 1 ? ", " : "", r.steps[i].cmd);
	sbuf_adds(&act, "]}");
	struct test_world w;
	/* The recording's mail.ispa.example: SIZE 10240000, and bob, whose
	 * SASL login is "bob" (AGJvYgBib2ItcGFzcw== is "\0bob\0bob-pass"). */
	test_world_start(&w, &(struct test_world_parts){ .until = 120, .mail_a = "'max_size': 10240000",
		.users = "{'address': 'bob@ispa.example', 'name': 'Bob A', 'login': 'bob',"
		         " 'password': 'bob-pass', 'mailbox': 'mail-a'}",
		.actions = act.s });
	const char *host = strstr(client, "'user': 'alice") ? "alice-pc" : "eve-pc";
	int conn = test_world_conn(&w, host, port, 0);
	const struct trace_rec *cmds[TEST_POSTFIX_MAX_STEPS];
	int ncmds = test_world_on_conn(&w, conn, TR_CMD, cmds, TEST_POSTFIX_MAX_STEPS);
	/* A recording that stops before QUIT: the script's client quits
	 * on its own. */
	if (ncmds == r.n && strcmp(cmds[ncmds - 1]->u.line.text, "QUIT") == 0 &&
	    strcmp(r.steps[r.n - 1].cmd, "QUIT") != 0)
		ncmds--;
	cr_expect_eq(ncmds, r.n - 1, "%s: %d commands sent, the recording has %d", file, ncmds, r.n - 1);
	for (int i = 0; i < r.n && i <= ncmds; i++) {
		const struct trace_rec *rep = i ? test_world_reply(&w, cmds[i - 1]) : test_world_greeting(&w, conn);
		const char *got = rep ? rep->u.line.text : "(no reply)";
		const char *cmd = i ? cmds[i - 1]->u.line.text : "(greeting)";
		if (i && strcmp(cmd, r.steps[i].cmd) != 0) {
			cr_expect_str_eq(cmd, r.steps[i].cmd, "%s: command %d", file, i);
			continue;
		}
		int nth = 0;
		for (int k = 1; k < i; k++)
			nth += strcmp(r.steps[k].cmd, r.steps[i].cmd) == 0;
		int dep = -1;
		for (size_t d = 0; i && d < sizeof test_postfix_departures / sizeof *test_postfix_departures; d++)
			if (strcmp(test_postfix_departures[d].file, file) == 0 &&
			    strcmp(test_postfix_departures[d].cmd, cmd) == 0 && test_postfix_departures[d].nth == nth)
				dep = (int)d;
		if (dep >= 0) {
			const char *rec = test_postfix_departures[dep].recorded;
			cr_expect(strncmp(r.steps[i].reply.s, rec, strlen(rec)) == 0,
			          "%s: the departure for %s no longer matches the recording", file, cmd);
			cr_expect_str_eq(got, test_postfix_departures[dep].ours, "%s: %s (%s)", file, cmd,
			                 test_postfix_departures[dep].why);
			continue;
		}
		test_postfix_expected(r.steps[i].reply.s ? r.steps[i].reply.s : "", &want);
		if (i == r.n - 1 && r.steps[i].reply.s && test_postfix_cut(r.steps[i].reply.s)) {
			/* The recording ends inside this reply: what it has (its
			 * last line still a "250-" one). */
			char *last = strrchr(want.s, '\n');
			if (last && last[4] == ' ')
				last[4] = '-';
			cr_expect(strncmp(got, want.s, strlen(want.s)) == 0,
			          "%s: the reply to %s:\n%s\nrecorded (cut short):\n%s", file, cmd, got, want.s);
			continue;
		}
		cr_expect_str_eq(got, want.s ? want.s : "", "%s: the reply to %s (number %d):\n%s\nrecorded:\n%s",
		                 file, cmd, nth, got, want.s ? want.s : "");
	}
	test_world_done(&w);
	sbuf_free(&act);
	sbuf_free(&want);
	test_postfix_free(&r);
}

/* Port 25 from a client on the Internet without AUTH. */
#define TEST_POSTFIX_ON_25 "'user': 'eve@outside.example'"
/* The submission ports from Alice's PC. */
#define TEST_POSTFIX_ON_587 "'user': 'alice@ispa.example', 'port': 587"
#define TEST_POSTFIX_ON_465 "'user': 'alice@ispa.example', 'port': 465"

Test(postfix, session_25_misc)
{
	test_postfix_replay("session-25-misc.txt", TEST_POSTFIX_ON_25, 25);
}

Test(postfix, session_25_transaction)
{
	test_postfix_replay("session-25-transaction.txt", TEST_POSTFIX_ON_25, 25);
}

Test(postfix, session_465)
{
	test_postfix_replay("session-465.txt", TEST_POSTFIX_ON_465, 465);
}

Test(postfix, session_587_cyrus_sasl)
{
	test_postfix_replay("session-587-cyrus-sasl.txt", TEST_POSTFIX_ON_587, 587);
}

Test(postfix, session_587_cyrus_mechanisms)
{
	test_postfix_replay("session-587-cyrus-mechanisms.txt", TEST_POSTFIX_ON_587, 587);
}

Test(postfix, session_587_dovecot_sasl)
{
	test_postfix_replay("session-587-dovecot-sasl.txt", TEST_POSTFIX_ON_587, 587);
}

/* "auth_down_until": the submission server's SASL backend does not
 * answer until 20 s.  Alice's AUTH at 1 s gets Postfix's temporary 454
 * 4.7.0 (not 535: nothing is known about her password), so her mail stays
 * in the outbox; the same mail program at 30 s logs in and sends. */
Test(postfix, auth_backend_down_is_a_temporary_failure)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .mail_a = "'auth_down_until': 20",
		.actions = "{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		           " 'to': 'bob@ispb.example', 'subject': 'Early'},"
		           "{'at': 30, 'do': 'send', 'id': 'm2', 'user': 'alice@ispa.example',"
		           " 'to': 'bob@ispb.example', 'subject': 'Later'}" });
	int conn = test_world_conn(&w, "alice-pc", 587, 0);
	const struct trace_rec *auth = test_world_reply_to(&w, conn, "AUTH");
	cr_expect_eq(auth->u.line.code, 454);
	cr_expect_str_eq(auth->u.line.text,
	                 "454 4.7.0 Temporary authentication failure: Connection lost to authentication server");
	const struct ledger_rcpt *r = test_world_rcpt(&w, "m1", "bob@ispb.example");
	cr_expect_eq(r->state, LS_OUTBOX, "a temporary failure keeps the mail: %s", ledger_state_names[r->state]);
	cr_expect_eq(r->code, 454);
	cr_expect_null(test_world_cmd(&w, conn, "MAIL", 0),
	               "no mail without a login");
	auth = test_world_reply_to(&w, test_world_conn(&w, "alice-pc", 587, 1), "AUTH");
	cr_expect_eq(auth->u.line.code, 235, "the backend is back at 30 s: %s", auth->u.line.text);
	cr_expect_str_eq(test_world_state(&w, "m2", "bob@ispb.example"), "delivered");
	test_world_done(&w);

	/* Only a server that takes SMTP AUTH has such a backend. */
	char *text = test_world_errors("s.json", &(struct test_world_parts){
		.hosts = "{'id': 'pc9', 'network': 'internet', 'addr': '192.0.2.77', 'name': 'pc9.example.net',"
		         " 'roles': ['MUA'], 'auth_down_until': 5}" });
	cr_expect(strstr(text, "s.json: /hosts/") &&
	          strstr(text, "/auth_down_until: expected a host with the MSA role"), "%s", text);
	free(text);
}

/* What the EHLO reply's SMTPUTF8 promises (RFC 6531), as Postfix 3.7 with
 * smtputf8_enable = yes keeps it: an address past ASCII is taken once
 * MAIL says SMTPUTF8, refused with 553 5.6.7 without it (at MAIL for the
 * sender, at RCPT for a recipient), and one that is not UTF-8 at all is
 * bad syntax.  "\303\251" is "é" in UTF-8, "\351" in Latin-1. */
Test(postfix, smtputf8_addresses)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .actions =
		"{'at': 1, 'do': 'send', 'id': 't', " TEST_POSTFIX_ON_25 ", 'to': 'alice@ispa.example',"
		" 'script': ['EHLO eve-pc.outside.example', 'MAIL FROM:<r\303\251mi@outside.example>',"
		" 'MAIL FROM:<eve@outside.example>', 'RCPT TO:<b\303\251b\303\251@ispa.example>', 'RSET',"
		" 'MAIL FROM:<r\303\251mi@outside.example> SMTPUTF8', 'RCPT TO:<b\303\251b\303\251@ispa.example>',"
		" 'RCPT TO:<alice@ispa.example>', 'RSET', 'MAIL FROM:<r\351mi@outside.example> SMTPUTF8',"
		" 'MAIL FROM:<eve@outside.example> smtputf8', 'RCPT TO:<b\303\251b\303\251@ispa.example>']}" });
	int conn = test_world_conn(&w, "eve-pc", 25, 0);
	static const struct { const char *cmd; int nth; const char *reply; } want[] = {
		{ "EHLO eve-pc.outside.example", 0, "250 SMTPUTF8" },
		{ "MAIL FROM:<r\303\251mi@outside.example>", 0,
		  "553 5.6.7 Must declare SMTPUTF8 to send unicode address" },
		{ "MAIL FROM:<eve@outside.example>", 0, "250 2.1.0 Ok" },
		{ "RCPT TO:<b\303\251b\303\251@ispa.example>", 0,
		  "553 5.6.7 Must declare SMTPUTF8 to send unicode address" },
		{ "MAIL FROM:<r\303\251mi@outside.example> SMTPUTF8", 0, "250 2.1.0 Ok" },
		{ "RCPT TO:<b\303\251b\303\251@ispa.example>", 1, "550 5.1.1 <b\303\251b\303\251@ispa.example>: "
		  "Recipient address rejected: User unknown in local recipient table" },
		{ "RCPT TO:<alice@ispa.example>", 0, "250 2.1.5 Ok" },
		{ "MAIL FROM:<r\351mi@outside.example> SMTPUTF8", 0, "501 5.1.7 Bad sender address syntax" },
		{ "MAIL FROM:<eve@outside.example> smtputf8", 0, "250 2.1.0 Ok" },
		{ "RCPT TO:<b\303\251b\303\251@ispa.example>", 2, "550 5.1.1 <b\303\251b\303\251@ispa.example>: "
		  "Recipient address rejected: User unknown in local recipient table" },
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		const struct trace_rec *cmd = test_world_cmd_line(&w, conn, want[i].cmd, want[i].nth);
		cr_assert_not_null(cmd, "%s (number %d) was not sent", want[i].cmd, want[i].nth);
		const struct trace_rec *rep = test_world_reply(&w, cmd);
		const char *got = rep ? rep->u.line.text : "(no reply)";
		if (i == 0)   /* the EHLO reply's last line */
			got = strrchr(got, '\n') ? strrchr(got, '\n') + 1 : got;
		cr_expect_str_eq(got, want[i].reply, "%s (number %d): %s", want[i].cmd, want[i].nth, got);
	}
	test_world_done(&w);

	/* A mail program and the MTA after it say SMTPUTF8 for such a
	 * recipient; Bob's server knows no "bébé" and says so. */
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .actions =
		"{'at': 1, 'do': 'send', 'id': 'm', 'user': 'alice@ispa.example',"
		" 'to': 'b\303\251b\303\251@ispb.example'}" });
	const struct trace_rec *mail = test_world_cmd(&w, test_world_conn(&w, "alice-pc", 587, 0), "MAIL", 0);
	cr_assert_not_null(mail);
	cr_expect_str_eq(mail->u.line.text, "MAIL FROM:<alice@ispa.example> SMTPUTF8");
	int relay = test_world_conn(&w, "mail-a", 25, 0);
	const struct trace_rec *rcpt = test_world_reply_to(&w, relay, "RCPT");
	cr_assert_not_null(rcpt);
	cr_expect_eq(rcpt->u.line.code, 550, "%s", rcpt->u.line.text);
	cr_expect(strstr(test_world_cmd(&w, relay, "MAIL", 0)->u.line.text, " SMTPUTF8"), "the MTA says it too");
	test_world_done(&w);
}
