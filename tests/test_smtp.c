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
#include "util.h"
#include "test_world.h"

static const char test_smtp_send_m1[] =
	"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
	" 'to': 'bob@ispb.example', 'subject': 'Lunch', 'body': 'Noon?\\n'}";

/* The queue id in a "250 2.0.0 Ok: queued as ID" reply. */
static const char *test_smtp_qid(const struct trace_rec *reply)
{
	const char *p = strstr(reply->u.line.text ? reply->u.line.text : "", "queued as ");
	cr_assert_not_null(p, "not a queued reply: %s", reply->u.line.text);
	return p + strlen("queued as ");
}

static int test_smtp_starts(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- submission ---- */

Test(smtp, submission_dialogue_and_reply_codes)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .actions = test_smtp_send_m1 });
	int conn = test_world_conn(&w, "alice-pc", 587, 0);
	static const struct test_world_step want[] = {
		{ NULL, NULL, 220, "220 mail.ispa.example ESMTP mailsim" },
		{ "EHLO", "EHLO alice-pc.ispa.example", 250, "250-mail.ispa.example\n" },
		{ "STARTTLS", NULL, 220, "220 2.0.0 Ready to start TLS" },
		{ "EHLO", NULL, 250, "250-mail.ispa.example\n" },
		{ "AUTH", NULL, 235, "235 2.7.0 Authentication successful" },
		{ "MAIL", "MAIL FROM:<alice@ispa.example>", 250, "250 2.1.0 Ok" },
		{ "RCPT", "RCPT TO:<bob@ispb.example>", 250, "250 2.1.5 Ok" },
		{ "DATA", NULL, 354, "354 End data with <CR><LF>.<CR><LF>" },
		{ ".", NULL, 250, "250 2.0.0 Ok: queued as " },
		{ "QUIT", NULL, 221, "221 2.0.0 Bye" },
	};
	test_world_expect_dialogue(&w, conn, want, 10);

	const struct trace_rec *rep[16], *cmd[16];
	int nr = test_world_on_conn(&w, conn, TR_REPLY, rep, 16);
	int nc = test_world_on_conn(&w, conn, TR_CMD, cmd, 16);
	cr_assert_eq(nr, 10, "replies on the submission connection");
	cr_assert_eq(nc, 9, "commands on the submission connection");
	for (int i = 0; i < nr; i++) {
		cr_expect_eq(rep[i]->node, test_world_host(&w, "alice-pc"), "the client receives replies");
		cr_expect_eq(rep[i]->proto, PROTO_SMTP);
	}
	for (int i = 0; i < nc; i++)
		cr_expect_eq(cmd[i]->node, test_world_host(&w, "mail-a"), "the server receives commands");

	/* After STARTTLS, the password and the mail travel encrypted. */
	const struct trace_rec *ehlo = test_world_reply_to(&w, conn, "EHLO");
	const struct trace_rec *starttls = test_world_reply_to(&w, conn, "STARTTLS");
	const struct trace_rec *ehlo_tls =
		test_world_reply(&w, test_world_cmd_after(&w, test_world_cmd(&w, conn, "STARTTLS", 0)));
	cr_assert_not_null(ehlo_tls, "no reply to the command after STARTTLS");
	cr_expect_eq(ehlo->tls, 0);
	for (int i = 0; i < nr; i++)
		if (rep[i]->seq > starttls->seq)
			cr_expect_eq(rep[i]->tls, 1, "after STARTTLS: %s", rep[i]->u.line.text);
	cr_expect(strstr(ehlo->u.line.text, "250-STARTTLS\n") != NULL, "offers STARTTLS before TLS");
	cr_expect(strstr(ehlo_tls->u.line.text, "STARTTLS") == NULL, "no STARTTLS offer inside TLS");
	cr_expect(strstr(ehlo_tls->u.line.text, "250-AUTH PLAIN LOGIN\n") != NULL);

	const struct ledger_rcpt *lr = test_world_rcpt(&w, "m1", "bob@ispb.example");
	cr_expect_str_eq(ledger_state_names[lr->state], "delivered");
	cr_expect_str_eq(lr->mailbox, "bob@ispb.example");
	cr_expect_str_eq(lr->folder, "INBOX");
	cr_expect_eq(lr->node, test_world_host(&w, "mail-b"));
	test_world_done(&w);
}

Test(smtp, submission_without_starttls_is_the_short_dialogue)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .mail_a = "'starttls': false",
	                                                .actions = test_smtp_send_m1 });
	int conn = test_world_conn(&w, "alice-pc", 587, 0);
	static const struct test_world_step want[] = {
		{ NULL, NULL, 220, "220 " },
		{ "EHLO", NULL, 250, "250-" },
		{ "AUTH", NULL, 235, "235 2.7.0 " },
		{ "MAIL", NULL, 250, "250 2.1.0 " },
		{ "RCPT", NULL, 250, "250 2.1.5 " },
		{ "DATA", NULL, 354, "354 " },
		{ ".", NULL, 250, "250 2.0.0 " },
		{ "QUIT", NULL, 221, "221 2.0.0 " },
	};
	test_world_expect_dialogue(&w, conn, want, 8);
	const struct trace_rec *rep[16];
	int n = test_world_on_conn(&w, conn, TR_REPLY, rep, 16);
	cr_assert_eq(n, 8);
	for (int i = 0; i < n; i++)
		cr_expect_eq(rep[i]->tls, 0, "%s", rep[i]->u.line.text);
	/* Received says ESMTPA: authenticated, not encrypted. */
	const struct msg *m = test_world_stored(&w, "m1", "bob@ispb.example");
	cr_assert_not_null(m);
	const char *rv = test_world_field(&w, m, "Received", 1);
	cr_assert_not_null(rv);
	cr_expect(strstr(rv, " with ESMTPA id ") != NULL, "%s", rv);
	test_world_done(&w);
}

Test(smtp, wrong_password_gets_535_and_the_mail_is_rejected)
{
	/* Alice's mail program is set up with a mistyped password. */
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		" 'password': 'alice-pa55', 'to': 'bob@ispb.example', 'subject': 'x'}" });
	int conn = test_world_conn(&w, "alice-pc", 587, 0);
	/* The client says QUIT after the failure. */
	static const struct test_world_step want[] = {
		{ NULL, NULL, 220, "220 " },
		{ "EHLO", NULL, 250, "250-" },
		{ "STARTTLS", NULL, 220, "220 " },
		{ "EHLO", NULL, 250, "250-" },
		/* AUTH PLAIN of "\0alice@ispa.example\0alice-pa55" */
		{ "AUTH", "AUTH PLAIN AGFsaWNlQGlzcGEuZXhhbXBsZQBhbGljZS1wYTU1", 535,
		  "535 5.7.8 Error: authentication failed: authentication failure" },
		{ "QUIT", NULL, 221, "221 " },
	};
	test_world_expect_dialogue(&w, conn, want, 6);
	cr_expect_str_eq(test_world_reply_to(&w, conn, "AUTH")->u.line.text,
	                 "535 5.7.8 Error: authentication failed: authentication failure");
	const struct ledger_rcpt *lr = test_world_rcpt(&w, "m1", "bob@ispb.example");
	cr_expect_str_eq(ledger_state_names[lr->state], "rejected");
	cr_expect_eq(lr->code, 535);
	cr_expect_eq(lr->node, test_world_host(&w, "alice-pc"));
	const struct trace_rec *e = test_world_rec(&w, TR_MUA_ERROR, test_world_host(&w, "alice-pc"), 0);
	cr_assert_not_null(e, "the mail program shows an error");
	cr_expect_eq(e->u.error.code, 535);
	cr_expect(e->u.error.gone, "refused for good: the narration must not say it stays in the outbox");
	cr_expect_eq(test_world_count(&w, TR_CONNECT, test_world_host(&w, "mail-a")), 0,
	             "nothing relayed");
	test_world_done(&w);
}

/* Postfix on 587 (Debian's master.cf: smtpd_relay_restrictions=
 * permit_sasl_authenticated,reject) takes MAIL FROM without AUTH, as the
 * recording session-587-dovecot-sasl.txt shows, and refuses every
 * recipient with the generic "reject" text.  With no recipient left, the
 * mail program gives up and quits.  "530 5.7.0 Authentication required" is RFC 4954's
 * example, not Postfix's. */
Test(smtp, submission_port_without_auth_refuses_at_rcpt)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'auth': false,"
		" 'to': 'bob@ispb.example', 'subject': 'x'}" });
	int conn = test_world_conn(&w, "alice-pc", 587, 0);
	static const struct test_world_step want[] = {
		{ NULL, NULL, 220, "220 " },
		{ "EHLO", NULL, 250, "250-" },
		{ "STARTTLS", NULL, 220, "220 " },
		{ "EHLO", NULL, 250, "250-" },
		{ "MAIL", NULL, 250, "250 2.1.0 Ok" },
		{ "RCPT", NULL, 554, "554 5.7.1 <bob@ispb.example>: Recipient address rejected: Access denied" },
		{ "QUIT", NULL, 221, "221 " },
	};
	test_world_expect_dialogue(&w, conn, want, 7);
	const struct trace_rec *rcpt = test_world_reply_to(&w, conn, "RCPT");
	cr_expect_str_eq(rcpt->u.line.verb, "rcpt", "refused at RCPT TO");
	cr_expect_null(test_world_cmd(&w, conn, "AUTH", 0), "the client was told not to authenticate");
	const struct ledger_rcpt *lr = test_world_rcpt(&w, "m1", "bob@ispb.example");
	cr_expect_str_eq(ledger_state_names[lr->state], "rejected");
	cr_expect_eq(lr->code, 554);
	cr_expect_eq(test_world_count(&w, TR_CONNECT, test_world_host(&w, "mail-a")), 0,
	             "nothing relayed");
	test_world_done(&w);
}

/* ---- unknown users, relaying ---- */

Test(smtp, unknown_remote_user_bounces_to_the_sender)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 120, .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		" 'to': 'nobody@ispb.example', 'subject': 'Hello'}" });
	int mail_a = test_world_host(&w, "mail-a");
	/* mail-b refuses the recipient in the relay session from mail-a. */
	int relay = test_world_conn(&w, "mail-a", 25, 0);
	const struct trace_rec *rcpt = test_world_reply_to(&w, relay, "RCPT");
	cr_expect_eq(rcpt->u.line.code, 550);
	cr_expect_str_eq(rcpt->u.line.text, "550 5.1.1 <nobody@ispb.example>: Recipient address "
	                 "rejected: User unknown in local recipient table");
	cr_expect_str_eq(rcpt->u.line.verb, "rcpt");
	const struct ledger_rcpt *lr = test_world_rcpt(&w, "m1", "nobody@ispb.example");
	cr_expect_str_eq(ledger_state_names[lr->state], "bounced");
	cr_expect_eq(lr->code, 550);
	cr_expect_eq(lr->node, mail_a, "the MTA that held it bounces it");

	/* The DSN is a message of its own, delivered to Alice. */
	int m1 = sim_ledger_find(w.s, "m1"), b = sim_ledger_find(w.s, "m1.bounce");
	cr_assert_geq(b, 0, "a m1.bounce ledger entry");
	cr_expect_eq(sim_ledger(w.s, (size_t)b)->bounce_of, m1);
	const struct ledger_rcpt *br = test_world_rcpt(&w, "m1.bounce", "alice@ispa.example");
	cr_expect_str_eq(ledger_state_names[br->state], "delivered");
	cr_expect_str_eq(br->mailbox, "alice@ispa.example");
	cr_expect_str_eq(br->folder, "INBOX");
	const struct trace_rec *tb = test_world_rec(&w, TR_BOUNCE, mail_a, 0);
	cr_assert_not_null(tb);
	cr_expect_str_eq(tb->tag, "m1.bounce");
	cr_expect_str_eq(tb->u.bounce.to, "alice@ispa.example");

	const struct msg *dsn = test_world_stored(&w, "m1.bounce", "alice@ispa.example");
	cr_assert_not_null(dsn, "the bounce is in Alice's INBOX");
	cr_expect_str_eq(dsn->mail_from, "", "a bounce has the null envelope sender");
	const char *from = test_world_field(&w, dsn, "From", 0);
	const char *rp = test_world_field(&w, dsn, "Return-Path", 0);
	const char *subj = test_world_field(&w, dsn, "Subject", 0);
	cr_assert(from && rp && subj);
	cr_expect_str_eq(from, "Mail Delivery System <MAILER-DAEMON@mail.ispa.example>");
	cr_expect_str_eq(rp, "<>");
	cr_expect_str_eq(subj, "Undelivered Mail Returned to Sender");
	/* The notification names the recipient, the server, its reply and the
	 * command it answered, wrapped at 76 columns as Postfix wraps it
	 * (tests/data/postfix/dsn-550-rcpt.eml). */
	cr_expect(strstr(dsn->body, "\r\n<nobody@ispb.example>: host mail.ispb.example[198.51.100.140] "
	                            "said: 550\r\n    5.1.1 <nobody@ispb.example>: Recipient address "
	                            "rejected: User unknown in\r\n    local recipient table (in reply to "
	                            "RCPT TO command)\r\n") != NULL, "%s", dsn->body);
	cr_expect(strstr(dsn->body, "Remote-MTA: dns; mail.ispb.example\r\n") != NULL);
	cr_expect(strstr(dsn->body, "X-Postfix-Sender: rfc822; alice@ispa.example\r\n") != NULL);
	cr_expect(strstr(dsn->body, "Final-Recipient: rfc822; nobody@ispb.example\r\n") != NULL);
	cr_expect(strstr(dsn->body, "Action: failed\r\nStatus: 5.1.1\r\n") != NULL);
	cr_expect(strstr(dsn->body, "Subject: Hello\r\n") != NULL, "the original header is attached");
	test_world_done(&w);
}

Test(smtp, unknown_local_user_is_refused_to_the_mail_program)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		" 'to': ['nobody@ispa.example', 'dave@ispa.example'], 'subject': 'Hello'}" });
	const struct ledger_rcpt *lr = test_world_rcpt(&w, "m1", "nobody@ispa.example");
	cr_expect_str_eq(ledger_state_names[lr->state], "rejected", "the MSA refuses it to Alice's face");
	cr_expect_eq(lr->code, 550);
	cr_expect(test_smtp_starts(lr->reason, "550 5.1.1 <nobody@ispa.example>"), "%s", lr->reason);
	cr_expect_str_eq(test_world_state(&w, "m1", "dave@ispa.example"), "delivered");
	cr_expect_eq(sim_ledger_find(w.s, "m1.bounce"), -1, "the client was told: no bounce");
	test_world_done(&w);
}

static const char test_smtp_send_nobody_a[] =
	"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
	" 'to': 'nobody@ispa.example', 'subject': 'Hello'}";

Test(smtp, unverified_unknown_user_is_accepted_then_bounced)
{
	/* verify_recipients: false takes the mail and bounces it afterwards:
	 * the cause of backscatter. */
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60,
		.mail_a = "'verify_recipients': false", .actions = test_smtp_send_nobody_a });
	const struct trace_rec *rcpt =
		test_world_reply_to(&w, test_world_conn(&w, "alice-pc", 587, 0), "RCPT");
	cr_expect_str_eq(rcpt->u.line.verb, "rcpt");
	cr_expect_eq(rcpt->u.line.code, 250, "accepted at RCPT: %s", rcpt->u.line.text);
	const struct ledger_rcpt *lr = test_world_rcpt(&w, "m1", "nobody@ispa.example");
	cr_expect_str_eq(ledger_state_names[lr->state], "bounced");
	cr_expect_eq(lr->code, 550);
	cr_expect_str_eq(test_world_state(&w, "m1.bounce", "alice@ispa.example"), "delivered");
	test_world_done(&w);
}

/* A late bounce from the MDA carries the enhanced code of its reason
 * (5.1.1, bad destination mailbox), not just the class 5.0.0. */
Test(smtp, late_bounce_status_is_5_1_1)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60,
		.mail_a = "'verify_recipients': false", .actions = test_smtp_send_nobody_a });
	const struct msg *dsn = test_world_stored(&w, "m1.bounce", "alice@ispa.example");
	cr_assert_not_null(dsn);
	cr_expect(strstr(dsn->body, "Status: 5.1.1\r\n") != NULL, "%s", dsn->body);
	test_world_done(&w);
}

Test(smtp, relay_from_outside_without_auth_is_denied)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'eve@outside.example',"
		" 'to': ['bob@ispb.example', 'dave@ispa.example'], 'subject': 'Hi'}" });
	int conn = test_world_conn(&w, "eve-pc", 25, 0);
	const struct trace_rec *to_bob = test_world_cmd_line(&w, conn, "RCPT TO:<bob@ispb.example>", 0);
	const struct trace_rec *to_dave = test_world_cmd_line(&w, conn, "RCPT TO:<dave@ispa.example>", 0);
	cr_assert(to_bob && to_dave, "Eve's mail program names both recipients");
	const struct trace_rec *rep = test_world_reply(&w, to_bob);
	cr_assert_not_null(rep);
	cr_expect_eq(rep->u.line.code, 554);
	cr_expect_str_eq(rep->u.line.text, "554 5.7.1 <bob@ispb.example>: Relay access denied");
	rep = test_world_reply(&w, to_dave);
	cr_assert_not_null(rep);
	cr_expect_eq(rep->u.line.code, 250, "mail for mail-a's own domain is taken: %s", rep->u.line.text);
	cr_expect_str_eq(rep->u.line.verb, "rcpt");
	const struct trace_rec *all[16];
	int n = test_world_on_conn(&w, conn, TR_REPLY, all, 16), denied = 0;
	for (int i = 0; i < n && i < 16; i++)
		denied += all[i]->u.line.code == 554;
	cr_expect_eq(denied, 1, "only the relay is denied");
	const struct ledger_rcpt *lr = test_world_rcpt(&w, "m1", "bob@ispb.example");
	cr_expect_str_eq(ledger_state_names[lr->state], "rejected");
	cr_expect_eq(lr->code, 554);
	cr_expect_eq(lr->node, test_world_host(&w, "eve-pc"));
	cr_expect_str_eq(test_world_state(&w, "m1", "dave@ispa.example"), "delivered");
	cr_expect_eq(test_world_count(&w, TR_CONNECT, test_world_host(&w, "mail-a")), 0,
	             "mail-a relays nothing to ISP B");
	test_world_done(&w);
}

Test(smtp, relay_allowed_from_a_trusted_network)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60,
		.mail_a = "'relay_networks': ['internet']",
		.actions = "{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'eve@outside.example',"
		           " 'to': 'bob@ispb.example', 'subject': 'Hi'}" });
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "delivered");
	test_world_done(&w);
}

/* ---- MX fallback ---- */

static const char test_smtp_zone_b_backup[] =
	"'mx': [{'pref': 20, 'host': 'mail.ispb.example'}, {'pref': 10, 'host': 'mx1.ispb.example'}],"
	" 'a': [{'name': 'mail.ispb.example', 'addr': '198.51.100.140'},"
	"       {'name': 'mx1.ispb.example', 'addr': '%s'}]";

Test(smtp, mx_fallback_when_the_first_exchanger_refuses)
{
	/* mx1 is a host with no MTA: its TCP answers RST at once. */
	char zone[600];
	snprintf(zone, sizeof zone, test_smtp_zone_b_backup, "198.51.100.150");
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60,
		.hosts = "{'id': 'web-b', 'network': 'ispb-servers', 'addr': '198.51.100.150',"
		         " 'name': 'mx1.ispb.example', 'roles': ['MRA'], 'mailstore': 'mail-b'}",
		.zone_b = zone, .actions = test_smtp_send_m1 });
	int mail_a = test_world_host(&w, "mail-a");
	const struct trace_rec *c1 = test_world_rec(&w, TR_CONNECT, mail_a, 0);
	const struct trace_rec *c2 = test_world_rec(&w, TR_CONNECT, mail_a, 1);
	cr_assert(c1 && c2);
	cr_expect_str_eq(test_util_connect_addr(c1), "198.51.100.150", "preference 10 first");
	cr_expect_eq(c1->peer, test_world_host(&w, "web-b"));
	const struct trace_rec *ref = test_world_rec(&w, TR_REFUSED, mail_a, 0);
	cr_assert_not_null(ref);
	cr_expect_eq(ref->conn, c1->conn);
	cr_expect_str_eq(test_util_connect_addr(c2), "198.51.100.140", "then preference 20");
	cr_expect_eq(c2->t, ref->t, "straight on to the next MX, no queueing");
	cr_expect_eq(test_world_count(&w, TR_DEFER, -1), 0);
	const struct ledger_rcpt *lr = test_world_rcpt(&w, "m1", "bob@ispb.example");
	cr_expect_str_eq(ledger_state_names[lr->state], "delivered");
	cr_expect_eq(lr->node, test_world_host(&w, "mail-b"));
	const char *top = test_world_field(&w, test_world_stored(&w, "m1", "bob@ispb.example"),
	                                   "Received", 0);
	cr_assert_not_null(top);
	cr_expect(strstr(top, "\tby mail.ispb.example (mailsim) ") != NULL, "%s", top);
	test_world_done(&w);
}

Test(smtp, mx_fallback_when_the_first_exchanger_is_unreachable)
{
	/* 10.9.9.9 is in no network: the SYN goes nowhere and the MTA waits out
	 * its 30 s connect timeout before the next MX. */
	char zone[600];
	snprintf(zone, sizeof zone, test_smtp_zone_b_backup, "10.9.9.9");
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 120, .zone_b = zone,
	                                                .actions = test_smtp_send_m1 });
	int mail_a = test_world_host(&w, "mail-a");
	const struct trace_rec *c1 = test_world_rec(&w, TR_CONNECT, mail_a, 0);
	const struct trace_rec *c2 = test_world_rec(&w, TR_CONNECT, mail_a, 1);
	const struct trace_rec *to = test_world_rec(&w, TR_TIMEOUT, mail_a, 0);
	cr_assert(c1 && c2 && to);
	cr_expect_str_eq(test_util_connect_addr(c1), "10.9.9.9");
	cr_expect_eq(to->t - c1->t, SEC(30));
	cr_expect_str_eq(test_util_connect_addr(c2), "198.51.100.140");
	cr_expect_eq(c2->t, to->t);
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "delivered");
	test_world_done(&w);
}

/* ---- routers ---- */

Test(smtp, dropped_syn_times_out_after_30s_and_mail_is_blocked)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 120,
		.rules_a = "{'name': 'no-submission', 'action': 'drop', 'port': 587,"
		           " 'from': ['net:ispa-pool']}",
		.actions = test_smtp_send_m1 });
	int alice = test_world_host(&w, "alice-pc"), gw = test_world_router_node(&w, "ispa-gw");
	const struct trace_rec *c = test_world_rec(&w, TR_CONNECT, alice, 0);
	const struct trace_rec *bl = test_world_rec(&w, TR_BLOCKED, gw, 0);
	const struct trace_rec *to = test_world_rec(&w, TR_TIMEOUT, alice, 0);
	cr_assert(c && bl && to);
	cr_expect_eq(c->t, SEC(1));
	cr_expect_eq(bl->t, SEC(1) + MS(4 + 1), "dies at the border router");
	cr_expect_str_eq(test_util_rule(w.sc, &bl->u.stop), "no-submission");
	cr_expect_eq(bl->u.stop.action, RULE_DROP);
	cr_expect_eq(to->t, SEC(31), "the client waits its 30 s connect timeout");
	cr_expect_eq(to->conn, c->conn);
	cr_expect_eq(test_world_count(&w, TR_ACCEPT, -1), 0);
	cr_expect_eq(test_world_count(&w, TR_REFUSED, -1), 0);
	const struct ledger_rcpt *lr = test_world_rcpt(&w, "m1", "bob@ispb.example");
	cr_expect_str_eq(ledger_state_names[lr->state], "blocked");
	cr_expect_eq(lr->node, gw);
	cr_expect_str_eq(lr->rule, "no-submission");
	const struct trace_rec *e = test_world_rec(&w, TR_MUA_ERROR, alice, 0);
	cr_assert_not_null(e);
	cr_expect_eq(e->t, SEC(31));
	cr_expect_not(e->u.error.gone, "a timeout leaves the mail in the outbox");
	cr_expect_str_eq(test_util_rule(w.sc, &e->u.error.stop), "no-submission");
	test_world_done(&w);
}

Test(smtp, reject_rule_refuses_at_once)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 120,
		.rules_a = "{'name': 'no-submission', 'action': 'reject', 'port': 587,"
		           " 'from': ['net:ispa-pool']}",
		.actions = test_smtp_send_m1 });
	int alice = test_world_host(&w, "alice-pc"), gw = test_world_router_node(&w, "ispa-gw");
	const struct trace_rec *bl = test_world_rec(&w, TR_BLOCKED, gw, 0);
	const struct trace_rec *ref = test_world_rec(&w, TR_REFUSED, alice, 0);
	cr_assert(bl && ref);
	cr_expect_eq(bl->u.stop.action, RULE_REJECT);
	cr_expect_eq(bl->t, SEC(1) + MS(5));
	cr_expect_eq(ref->t, SEC(1) + MS(10), "the refusal travels back from the router");
	cr_expect_str_eq(test_util_rule(w.sc, &ref->u.stop), "no-submission");
	cr_expect_eq(test_world_count(&w, TR_TIMEOUT, -1), 0);
	const struct ledger_rcpt *lr = test_world_rcpt(&w, "m1", "bob@ispb.example");
	cr_expect_str_eq(ledger_state_names[lr->state], "blocked");
	cr_expect_eq(lr->node, gw);
	cr_expect_str_eq(lr->rule, "no-submission");
	test_world_done(&w);
}

Test(smtp, op25b_blocks_a_direct_send_from_the_pool)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 120, .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'direct': true,"
		" 'to': 'bob@ispb.example', 'subject': 'x'}" });
	const struct trace_rec *c = test_world_rec(&w, TR_CONNECT, test_world_host(&w, "alice-pc"), 0);
	cr_assert_not_null(c);
	cr_expect_eq(c->port, 25);
	cr_expect_str_eq(test_util_connect_addr(c), "198.51.100.140", "straight to Bob's MX");
	const struct ledger_rcpt *lr = test_world_rcpt(&w, "m1", "bob@ispb.example");
	cr_expect_str_eq(ledger_state_names[lr->state], "blocked");
	cr_expect_eq(lr->node, test_world_router_node(&w, "ispa-gw"));
	cr_expect_str_eq(lr->rule, "OP25B");
	test_world_done(&w);
}

/* ---- what the delivered copy carries ---- */

Test(smtp, received_fields_of_submission_and_relay)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .actions = test_smtp_send_m1 });
	const struct msg *m = test_world_stored(&w, "m1", "bob@ispb.example");
	cr_assert_not_null(m);
	cr_expect_eq(msg_header_count(m, "Received"), 2);
	cr_expect_eq(test_world_rcpt(&w, "m1", "bob@ispb.example")->received, 2);

	/* The ids are the ones each server announced in its 250 reply to the
	 * message, the dates the moments each server queued the mail. */
	int submission = test_world_conn(&w, "alice-pc", 587, 0);
	int relay = test_world_conn(&w, "mail-a", 25, 0);
	const char *qid_a = test_smtp_qid(test_world_reply_to(&w, submission, "."));
	const char *qid_b = test_smtp_qid(test_world_reply_to(&w, relay, "."));
	const struct trace_rec *qa = test_world_rec(&w, TR_QUEUED, test_world_host(&w, "mail-a"), 0);
	const struct trace_rec *qb = test_world_rec(&w, TR_QUEUED, test_world_host(&w, "mail-b"), 0);
	cr_assert(qa && qb);
	char da[64], db[64], want[600];
	msg_format_mail_date(w.sc->epoch, qa->t, w.sc->tz_min, da, sizeof da);
	msg_format_mail_date(w.sc->epoch, qb->t, w.sc->tz_min, db, sizeof db);
	cr_expect_str_eq(da, "Wed,  1 Apr 2026 09:00:01 +0900 (JST)", "the date as Postfix writes it");

	const char *bottom = test_world_field(&w, m, "Received", 1);
	const char *top = test_world_field(&w, m, "Received", 0);
	cr_assert(bottom && top);
	/* TABs where the value folds: before "by" and "for". */
	snprintf(want, sizeof want, "from alice-pc.ispa.example (alice-pc.ispa.example "
	         "[203.0.113.10])\tby mail.ispa.example (mailsim) with ESMTPSA id %s\tfor "
	         "<bob@ispb.example>; %s", qid_a, da);
	cr_expect_str_eq(bottom, want);
	snprintf(want, sizeof want, "from mail.ispa.example (mail.ispa.example "
	         "[203.0.113.130])\tby mail.ispb.example (mailsim) with ESMTPS id %s\tfor "
	         "<bob@ispb.example>; %s", qid_b, db);
	cr_expect_str_eq(top, want);
	cr_expect_str_neq(qid_a, qid_b);

	const char *dt = test_world_field(&w, m, "Delivered-To", 0);
	const char *rp = test_world_field(&w, m, "Return-Path", 0);
	cr_assert(dt && rp);
	cr_expect_str_eq(dt, "bob@ispb.example");
	cr_expect_str_eq(rp, "<alice@ispa.example>");
	test_world_done(&w);
}

Test(smtp, bcc_recipient_is_in_the_envelope_only)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		" 'to': 'bob@ispb.example', 'bcc': 'carol@ispb.example', 'subject': 'Surprise'}" });
	int conn = test_world_conn(&w, "alice-pc", 587, 0);
	static const char rcpt_carol[] = "RCPT TO:<carol@ispb.example>";
	cr_expect(test_world_cmd_line(&w, conn, rcpt_carol, 0) &&
	          !test_world_cmd_line(&w, conn, rcpt_carol, 1), "Carol is an envelope recipient, once");
	cr_expect_str_eq(test_world_state(&w, "m1", "carol@ispb.example"), "delivered");
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "delivered");

	const struct msg *mb = test_world_stored(&w, "m1", "bob@ispb.example");
	const struct msg *mc = test_world_stored(&w, "m1", "carol@ispb.example");
	cr_assert(mb && mc);
	cr_expect_eq(msg_header_count(mb, "Bcc"), 0);
	cr_expect_eq(msg_header_count(mc, "Bcc"), 0);
	const char *to = test_world_field(&w, mc, "To", 0);
	cr_assert_not_null(to);
	cr_expect_str_eq(to, "bob@ispb.example", "Carol sees only the To the sender wrote");
	/* Nothing in Bob's copy gives Carol away. */
	char *text = msg_serialize(mb, NULL);
	cr_expect(strstr(text, "carol") == NULL, "%s", text);
	free(text);
	test_world_done(&w);
}

Test(smtp, forward_changes_the_envelope_not_the_header)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60,
		.bob = "'forward': 'dave@ispa.example'", .actions = test_smtp_send_m1 });
	const struct ledger_rcpt *lr = test_world_rcpt(&w, "m1", "bob@ispb.example");
	cr_expect_str_eq(ledger_state_names[lr->state], "delivered");
	cr_expect_str_eq(lr->cur, "dave@ispa.example");
	cr_expect_str_eq(lr->mailbox, "dave@ispa.example");
	cr_expect_str_eq(lr->folder, "INBOX");
	cr_expect_eq(lr->node, test_world_host(&w, "mail-a"));
	cr_expect_null(test_world_stored(&w, "m1", "bob@ispb.example"), "nothing kept for Bob");

	const struct msg *m = test_world_stored(&w, "m1", "dave@ispa.example");
	cr_assert_not_null(m);
	cr_assert_eq(m->nrcpt, 1);
	cr_expect_str_eq(m->rcpt[0], "dave@ispa.example", "the envelope names Dave");
	const char *to = test_world_field(&w, m, "To", 0);
	const char *dt = test_world_field(&w, m, "Delivered-To", 0);
	cr_assert(to && dt);
	cr_expect_str_eq(to, "bob@ispb.example", "the header still says Bob");
	cr_expect_str_eq(dt, "dave@ispa.example");
	cr_expect_eq(msg_header_count(m, "Received"), 3, "alice->A, A->B, B->A");

	/* mail-b sent it on: RCPT TO Dave in a session from mail-b to mail-a. */
	int conn = test_world_conn(&w, "mail-b", 25, 0);
	static const char rcpt_dave[] = "RCPT TO:<dave@ispa.example>";
	cr_expect(test_world_cmd_line(&w, conn, rcpt_dave, 0) &&
	          !test_world_cmd_line(&w, conn, rcpt_dave, 1), "once");
	test_world_done(&w);
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
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .actions = act.s });
	const struct trace_rec *c = test_world_rec(&w, TR_COMPOSE, -1, 0);
	cr_assert_not_null(c);
	const char *cs = c->u.compose.subject;
	cr_assert_not_null(cs);
	cr_expect(test_smtp_utf8_ok(cs), "the compose record's subject ends in half a character");
	cr_expect_gt(strlen(cs), 200, "the subject is shortened, not dropped");
	cr_expect_eq(strncmp(cs, subj.s, strlen(cs)), 0, "the subject's start: %s", cs);
	const struct ledger_entry *le = sim_ledger(w.s, 0);
	cr_expect(test_smtp_utf8_ok(le->subject), "the ledger's subject ends in half a character");
	sbuf_free(&subj);
	sbuf_free(&act);
	test_world_done(&w);
}

/* ---- compared with a real Postfix 3.7.11 (tests/data/postfix) ---- */

/* The DSN's shape as a list: the top-level field names (trace fields
 * left out), then, line by line up to the returned message, every field
 * name of the MIME parts and the delivery report, and the fixed text of
 * the notification. */
static void test_smtp_dsn_shape(const struct msg *m, struct sbuf *out)
{
	static const char *const skip[] = { "Return-Path", "X-Original-To", "Delivered-To", "Received" };
	for (int i = 0; i < m->nfields; i++) {
		size_t nl;
		const char *n = msg_field_name(m, i, &nl);
		int drop = 0;
		for (size_t k = 0; k < sizeof skip / sizeof *skip; k++)
			drop |= nl == strlen(skip[k]) && strncmp(n, skip[k], nl) == 0;
		if (!drop)
			sbuf_addf(out, "%.*s\n", (int)nl, n);
	}
	const char *end = strstr(m->body, "Content-Type: message/rfc822");
	cr_assert_not_null(end, "no returned message");
	for (const char *p = m->body; p < end;) {
		const char *eol = strstr(p, "\r\n");
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *colon = memchr(p, ':', len);
		if (len && p[0] != ' ' && p[0] != '<' && colon && !memchr(p, ' ', (size_t)(colon - p)))
			sbuf_addf(out, "%.*s\n", (int)(colon - p), p);   /* a field's name */
		else if (len && p[0] != ' ' && p[0] != '<' && p[0] != '-' && !strstr(p, "mail system at"))
			sbuf_addf(out, "%.*s\n", (int)len, p);   /* fixed text */
		p += len + 2;
	}
}

Test(smtp, dsn_has_the_shape_of_postfix_s)
{
	size_t len;
	char *text = test_util_read("tests/data/postfix/dsn-550-rcpt.eml", &len);
	char err[128];
	struct msg *real = msg_parse(text, len, err, sizeof err);
	cr_assert_not_null(real, "%s", err);
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 120, .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		" 'to': 'nobody@ispb.example', 'subject': 'Lunch'}" });
	const struct msg *ours = test_world_stored(&w, "m1.bounce", "alice@ispa.example");
	cr_assert_not_null(ours);
	struct sbuf a = { 0 }, b = { 0 };
	test_smtp_dsn_shape(real, &a);
	test_smtp_dsn_shape(ours, &b);
	cr_expect_str_eq(b.s, a.s, "mailsim's DSN, field by field, against Postfix's");
	/* Values that do not depend on the run. */
	static const char *const same[] = { "Subject", "Auto-Submitted", "MIME-Version",
	                                     "Content-Transfer-Encoding", "To" };
	for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
		const char *x = test_world_field(&w, real, same[i], 0);
		const char *y = test_world_field(&w, ours, same[i], 0);
		cr_assert(x && y, "%s", same[i]);
		cr_expect_str_eq(y, x, "%s", same[i]);
	}
	static const char *const lines[] = {
		"\r\nAction: failed\r\nStatus: 5.1.1\r\n",
		"Content-Type: text/plain; charset=utf-8\r\n",
		"\r\nX-Postfix-Sender: rfc822; alice@ispa.example\r\n",
		"\r\nOriginal-Recipient: rfc822;nobody@ispb.example\r\n",
		"\r\nRemote-MTA: dns; mail.ispb.example\r\n",
		"Diagnostic-Code: smtp; 550 5.1.1 <nobody@ispb.example>: Recipient address\r\n"
		"    rejected: User unknown in local recipient table\r\n",
		"(in reply to RCPT TO command)\r\n",
		"Return-Path: <alice@ispa.example>\r\n",
		"\r\nSubject: Lunch\r\n",
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		cr_expect(strstr(real->body, lines[i]) != NULL, "the recording has %s", lines[i]);
		cr_expect(strstr(ours->body, lines[i]) != NULL, "mailsim's DSN lacks %s", lines[i]);
	}
	/* X-Postfix-Queue-ID is the original's queue ID at the bouncing MTA:
	 * the one its "250 … queued as" gave Alice's mail program. */
	char want[64];
	snprintf(want, sizeof want, "X-Postfix-Queue-ID: %s\r\n", test_smtp_qid(
	         test_world_reply_to(&w, test_world_conn(&w, "alice-pc", 587, 0), ".")));
	cr_expect(strstr(ours->body, want) != NULL, "%s", want);
	sbuf_free(&a);
	sbuf_free(&b);
	msg_free(real);
	free(text);
	test_world_done(&w);
}

/* What local(8) puts on top of a delivered copy, in its order
 * (tests/data/postfix/delivered-local.eml): Return-Path, X-Original-To
 * (the envelope recipient as it arrived), Delivered-To, then the newest
 * Received. */
Test(smtp, delivered_copy_starts_as_local_delivery_writes_it)
{
	size_t len;
	char *text = test_util_read("tests/data/postfix/delivered-local.eml", &len);
	char err[128];
	struct msg *real = msg_parse(text, len, err, sizeof err);
	cr_assert_not_null(real, "%s", err);
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60,
		.bob = "'forward': 'dave@ispa.example'", .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		" 'to': ['bob@ispb.example', 'carol@ispb.example'], 'subject': 'Lunch'}" });
	const struct msg *carol = test_world_stored(&w, "m1", "carol@ispb.example");
	const struct msg *dave = test_world_stored(&w, "m1", "dave@ispa.example");
	cr_assert(carol && dave);
	static const char *const top[] = { "Return-Path", "X-Original-To", "Delivered-To", "Received" };
	for (int i = 0; i < 4; i++) {
		cr_expect_eq(test_world_field_index(real, top[i], 0), i, "the recording: %s", top[i]);
		cr_expect_eq(test_world_field_index(carol, top[i], 0), i, "mailsim: %s", top[i]);
	}
	cr_expect_str_eq(test_world_field(&w, carol, "X-Original-To", 0), "carol@ispb.example");
	cr_expect_str_eq(test_world_field(&w, carol, "Delivered-To", 0), "carol@ispb.example");
	/* Bob's copy was forwarded to Dave: it arrived at ISP A for Dave, and
	 * ISP B's Delivered-To for Bob stays below, as local(8) left it. */
	cr_expect_str_eq(test_world_field(&w, dave, "X-Original-To", 0), "dave@ispa.example");
	cr_expect_str_eq(test_world_field(&w, dave, "Delivered-To", 0), "dave@ispa.example");
	cr_expect_str_eq(test_world_field(&w, dave, "Delivered-To", 1), "bob@ispb.example");
	msg_free(real);
	free(text);
	test_world_done(&w);
}

/* What Postfix's SMTP client sends to a server that offers PIPELINING and
 * SIZE (tests/data/postfix/client-pipelining.txt): MAIL FROM with SIZE=,
 * every RCPT and DATA in one burst, and the replies read together. */
Test(smtp, relay_pipelines_mail_rcpt_and_data_as_one_burst)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		" 'to': ['bob@ispb.example', 'nobody@ispb.example', 'carol@ispb.example'],"
		" 'subject': 'Lunch'}" });
	int relay = test_world_conn(&w, "mail-a", 25, 0);
	const struct trace_rec *mail = test_world_cmd(&w, relay, "MAIL", 0);
	cr_assert_not_null(mail);
	/* SIZE= is the message as it goes on the wire. */
	const struct trace_rec *dot = test_world_cmd(&w, relay, ".", 0);
	cr_assert_not_null(dot);
	char want[128];
	snprintf(want, sizeof want, "MAIL FROM:<alice@ispa.example> SIZE=%u", dot->u.line.bytes);
	cr_expect_str_eq(mail->u.line.text, want);
	static const char *const burst[] = { "MAIL", "RCPT", "RCPT", "RCPT", "DATA" };
	const struct trace_rec *cmd = mail;
	for (int k = 0; k < 5; k++, cmd = test_world_cmd_after(&w, cmd)) {
		cr_assert_not_null(cmd);
		cr_expect_str_eq(cmd->u.line.verb, burst[k]);
		cr_expect_eq(cmd->burst, k + 1, "%s is line %d of the burst", cmd->u.line.text, k + 1);
		cr_expect_eq(cmd->t_sent, mail->t_sent, "sent together");
		cr_expect_eq(cmd->t, mail->t, "read together");
		const struct trace_rec *rep = test_world_reply(&w, cmd);
		cr_assert_not_null(rep);
		cr_expect_eq(rep->burst, k + 1);
		cr_expect_eq(rep->t, test_world_reply(&w, mail)->t, "the replies come back together");
	}
	cr_expect_eq(cmd->burst, 0, "the message itself is not part of the burst");
	static const struct test_world_step want_dialogue[] = {
		{ NULL, NULL, 220, "220 mail.ispb.example ESMTP mailsim" },
		{ "EHLO", "EHLO mail.ispa.example", 250, "250-mail.ispb.example\n250-PIPELINING\n" },
		{ "STARTTLS", NULL, 220, "220 2.0.0 Ready to start TLS" },
		{ "EHLO", NULL, 250, "250-" },
		{ "MAIL", NULL, 250, "250 2.1.0 Ok" },
		{ "RCPT", "RCPT TO:<bob@ispb.example>", 250, "250 2.1.5 Ok" },
		{ "RCPT", "RCPT TO:<nobody@ispb.example>", 550, "550 5.1.1 <nobody@ispb.example>" },
		{ "RCPT", "RCPT TO:<carol@ispb.example>", 250, "250 2.1.5 Ok" },
		{ "DATA", "DATA", 354, "354 End data with <CR><LF>.<CR><LF>" },
		{ ".", NULL, 250, "250 2.0.0 Ok: queued as " },
		{ "QUIT", NULL, 221, "221 2.0.0 Bye" },
	};
	test_world_expect_dialogue(&w, relay, want_dialogue, 11);
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "delivered");
	cr_expect_str_eq(test_world_state(&w, "m1", "carol@ispb.example"), "delivered");
	cr_expect_str_eq(test_world_state(&w, "m1", "nobody@ispb.example"), "bounced");
	/* A mail program does not pipeline: Alice's submission goes line by line. */
	int sub = test_world_conn(&w, "alice-pc", 587, 0);
	const struct trace_rec *smail = test_world_cmd(&w, sub, "MAIL", 0);
	cr_assert_not_null(smail);
	cr_expect_eq(smail->burst, 0);
	cr_expect_str_eq(smail->u.line.text, "MAIL FROM:<alice@ispa.example>");
	test_world_done(&w);
}

/* ---- dead ends (issue 16) ---- */

/* m1 to rcpt bounced at once at mail-a (never deferred) for reason, with
 * the bounce's why and status, and Alice got the bounce: returns it. */
static const struct msg *test_smtp_dead_end(const struct test_world *w, const char *rcpt,
                                            const char *reason, uint8_t why, const char *status)
{
	const struct ledger_rcpt *lr = test_world_rcpt(w, "m1", rcpt);
	cr_expect_str_eq(ledger_state_names[lr->state], "bounced");
	cr_expect_str_eq(lr->reason, reason);
	cr_expect_eq(test_world_count(w, TR_DEFER, -1), 0, "no five days in the queue");
	const struct trace_rec *b = test_world_rec(w, TR_BOUNCE, test_world_host(w, "mail-a"), 0);
	cr_assert_not_null(b);
	cr_expect_eq(b->u.bounce.why, why);
	cr_expect_str_eq(b->u.bounce.status, status);
	cr_expect_str_eq(test_world_state(w, "m1.bounce", "alice@ispa.example"), "delivered");
	const struct msg *dsn = test_world_stored(w, "m1.bounce", "alice@ispa.example");
	cr_assert_not_null(dsn);
	return dsn;
}

Test(smtp, mx_pointing_back_at_the_sender_bounces_at_once)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 120,
		.zone_b = "'mx': [{'pref': 10, 'host': 'mail.ispa.example'}]",
		.actions = test_smtp_send_m1 });
	const struct msg *dsn = test_smtp_dead_end(&w, "bob@ispb.example",
		"mail for ispb.example loops back to myself", TRACE_BOUNCE_LOOPBACK, "5.4.6");
	cr_expect_eq(test_world_count(&w, TR_CONNECT, test_world_host(&w, "mail-a")), 0,
	             "mail-a never connects to itself");
	/* As tests/data/postfix/dsn-loops-back.eml words it. */
	cr_expect(strstr(dsn->body, "\r\n<bob@ispb.example>: mail for ispb.example loops back to "
	                            "myself\r\n") != NULL, "%s", dsn->body);
	cr_expect(strstr(dsn->body, "Status: 5.4.6\r\nDiagnostic-Code: X-Postfix; mail for ispb.example "
	                            "loops back to myself\r\n") != NULL, "%s", dsn->body);
	test_world_done(&w);
}

Test(smtp, mx_without_an_address_bounces_host_not_found)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 120,
		.zone_b = "'mx': [{'pref': 10, 'host': 'mx.nowhere.example'}]",
		.actions = test_smtp_send_m1 });
	const struct msg *dsn = test_smtp_dead_end(&w, "bob@ispb.example",
		"Host or domain name not found. Name service error for "
		"name=mx.nowhere.example type=A: Host not found", TRACE_BOUNCE_NO_HOST, "5.4.4");
	cr_expect(strstr(dsn->body, "Status: 5.4.4\r\nDiagnostic-Code: X-Postfix; Host or domain name "
	                            "not found. Name service\r\n    error for name=mx.nowhere.example "
	                            "type=A: Host not found\r\n") != NULL, "%s", dsn->body);
	test_world_done(&w);
}

/* A domain nobody publishes (NXDOMAIN) is the same dead end, named by its
 * MX lookup. */
Test(smtp, domain_that_does_not_exist_bounces_host_not_found)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 120, .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		" 'to': 'someone@nowhere.example', 'subject': 'x'}" });
	const struct msg *dsn = test_smtp_dead_end(&w, "someone@nowhere.example",
		"Host or domain name not found. Name service error for "
		"name=nowhere.example type=MX: Host not found", TRACE_BOUNCE_NO_HOST, "5.4.4");
	cr_expect(strstr(dsn->body, "Status: 5.4.4\r\n") != NULL, "%s", dsn->body);
	test_world_done(&w);
}
