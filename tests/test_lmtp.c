/* test_lmtp — an MTA that hands final delivery to an MDA on another host
 * over LMTP (RFC 2033, port 24), as Postfix's lmtp(8) talks to Dovecot:
 * LHLO, one reply per accepted recipient after the message, Dovecot's
 * Received line, and a recipient the MDA does not know bounced alone. */
#include <criterion/criterion.h>
#include <string.h>

#include "msg.h"
#include "sim.h"
#include "test_world.h"

/* ISP C inside ISP B's server network: mx-c (MTA, ispc.example, not
 * checking recipients itself, as Postfix without a recipient map) hands
 * its mail to mda-c over LMTP; mra-c serves mda-c's mailboxes.  Grace and
 * Heidi have mailboxes there (found through the domain). */
static struct test_world_parts lmtp_parts(const char *to)
{
	static char actions[512];
	snprintf(actions, sizeof actions,
	         "{'at': 1, 'do': 'send', 'id': 'm', 'user': 'alice@ispa.example', 'to': %s,"
	         " 'subject': 'hi', 'body': 'hello\\n'}", to);
	struct test_world_parts p = { 0 };
	p.until = 120;
	p.hosts =
		"{'id': 'mx-c', 'network': 'ispb-servers', 'addr': '198.51.100.150',"
		" 'name': 'mx.ispc.example', 'roles': ['MTA'], 'domains': ['ispc.example'],"
		" 'lmtp': 'mda-c', 'verify_recipients': false},"
		"{'id': 'mda-c', 'network': 'ispb-servers', 'addr': '198.51.100.151',"
		" 'name': 'mbox.ispc.example', 'roles': ['MDA']},"
		"{'id': 'mra-c', 'network': 'ispb-servers', 'addr': '198.51.100.152',"
		" 'name': 'pop.ispc.example', 'roles': ['MRA'], 'mailstore': 'mda-c'}";
	p.zones = "{'domain': 'ispc.example', 'mx': [{'pref': 10, 'host': 'mx.ispc.example'}],"
	          " 'a': [{'name': 'mx.ispc.example', 'addr': '198.51.100.150'}]}";
	p.users = "{'address': 'grace@ispc.example', 'password': 'grace-pass'},"
	          "{'address': 'heidi@ispc.example', 'password': 'heidi-pass'}";
	p.actions = actions;
	return p;
}

Test(lmtp, the_mta_hands_final_delivery_to_the_mda_host)
{
	struct test_world w;
	struct test_world_parts p = lmtp_parts("'grace@ispc.example'");
	test_world_start(&w, &p);
	int mx = test_world_host(&w, "mx-c"), mda = test_world_host(&w, "mda-c");
	cr_expect_str_eq(test_world_state(&w, "m", "grace@ispc.example"), "delivered");
	cr_expect_eq(test_world_rcpt(&w, "m", "grace@ispc.example")->node, mda,
	             "stored by the MDA host, not by the MTA");
	cr_expect_eq(test_world_count(&w, TR_DELIVER, mx), 0);
	const struct trace_rec *dl = test_world_rec(&w, TR_DELIVER, mda, 0);
	cr_assert_not_null(dl);
	cr_expect_eq(dl->conn, test_world_conn(&w, "mx-c", 24, 0), "told as the LMTP session's");

	/* The LMTP dialogue as Dovecot answers Postfix's lmtp client. */
	int c = test_world_conn(&w, "mx-c", 24, 0);
	static const struct test_world_step want[] = {
		{ NULL, NULL, 220, "220 mbox.ispc.example Dovecot ready." },
		{ "LHLO", "LHLO mx.ispc.example", 250,
		  "250-mbox.ispc.example\n250-8BITMIME\n250-ENHANCEDSTATUSCODES\n250 PIPELINING" },
		{ "MAIL", "MAIL FROM:<alice@ispa.example>", 250, "250 2.1.0 OK" },
		{ "RCPT", "RCPT TO:<grace@ispc.example>", 250, "250 2.1.5 OK" },
		{ "DATA", NULL, 354, "354 OK" },
		{ ".", NULL, 250, "250 2.0.0 <grace@ispc.example> " },
		{ "QUIT", NULL, 221, "221" },
	};
	test_world_expect_dialogue(&w, c, want, sizeof want / sizeof *want);
	const struct trace_rec *lhlo = test_world_cmd(&w, c, "LHLO", 0);
	cr_assert_not_null(lhlo);
	cr_expect_eq(lhlo->proto, PROTO_LMTP);
	cr_expect_eq(lhlo->role, ROLE_MDA, "the MDA answers LMTP");

	/* Three Received lines: mail-a's, mx-c's, and Dovecot's on top. */
	const struct msg *m = test_world_stored(&w, "m", "grace@ispc.example");
	cr_assert_not_null(m);
	cr_expect_eq(msg_header_count(m, "Received"), 3);
	const char *r0 = test_world_field(&w, m, "Received", 0);
	cr_assert_not_null(r0);
	cr_expect(strncmp(r0, "from mx.ispc.example ([198.51.100.150])\tby mbox.ispc.example with "
	                      "LMTP\tid ", 69) == 0, "%s", r0);
	cr_expect(strstr(r0, "(envelope-from <alice@ispa.example>)\tfor <grace@ispc.example>; ") != NULL,
	          "%s", r0);
	/* Over it Dovecot's Return-Path and, for the single recipient,
	 * Delivered-To; no X-Original-To (Postfix's local(8) adds that). */
	cr_expect_eq(test_world_field_index(m, "Return-Path", 0), 0);
	cr_expect_eq(test_world_field_index(m, "Delivered-To", 0), 1);
	cr_expect_str_eq(test_world_field(&w, m, "Delivered-To", 0), "grace@ispc.example");
	cr_expect_eq(test_world_field_index(m, "Received", 0), 2);
	cr_expect_eq(msg_header_count(m, "X-Original-To"), 0);
	/* The reply names the same session id as the Received line. */
	const char *id = strstr(r0, "\tid ");
	cr_assert_not_null(id);
	char want_saved[96];
	snprintf(want_saved, sizeof want_saved, "250 2.0.0 <grace@ispc.example> %.*s Saved",
	         (int)strcspn(id + 4, "\t"), id + 4);
	cr_expect_str_eq(test_world_reply_to(&w, c, ".")->u.line.text, want_saved);
	test_world_done(&w);
}

Test(lmtp, one_reply_per_recipient_and_a_bounce_for_the_unknown_one_only)
{
	struct test_world w;
	struct test_world_parts p = lmtp_parts(
		"['grace@ispc.example', 'nobody@ispc.example', 'heidi@ispc.example']");
	test_world_start(&w, &p);
	int c = test_world_conn(&w, "mx-c", 24, 0);
	const struct trace_rec *rep[16];
	int n = test_world_on_conn(&w, c, TR_REPLY, rep, 16);
	/* greeting, LHLO, MAIL, 3 × RCPT, DATA, 2 × saved, QUIT */
	cr_assert_eq(n, 10, "%d replies", n);
	cr_expect_str_eq(rep[4]->u.line.text,
	                 "550 5.1.1 <nobody@ispc.example> User doesn't exist: nobody@ispc.example");
	/* After the message, one reply for each recipient the MDA took, in
	 * RCPT order, each its own record. */
	cr_expect(strncmp(rep[7]->u.line.text, "250 2.0.0 <grace@ispc.example> ", 31) == 0, "%s",
	          rep[7]->u.line.text);
	cr_expect(strncmp(rep[8]->u.line.text, "250 2.0.0 <heidi@ispc.example> ", 31) == 0, "%s",
	          rep[8]->u.line.text);
	cr_expect(strstr(rep[8]->u.line.text, " Saved") != NULL);
	cr_expect_eq(rep[7]->burst, 1);
	cr_expect_eq(rep[8]->burst, 2);
	cr_expect_str_eq(test_world_state(&w, "m", "grace@ispc.example"), "delivered");
	cr_expect_str_eq(test_world_state(&w, "m", "heidi@ispc.example"), "delivered");
	const struct ledger_rcpt *nb = test_world_rcpt(&w, "m", "nobody@ispc.example");
	cr_expect_eq(nb->state, LS_BOUNCED);
	cr_expect_eq(nb->code, 550);
	/* Two recipients in one transaction: Dovecot's Received line has no
	 * "for", and there is no Delivered-To (lmtp_local_add_headers and the
	 * trace record name a recipient only when there is one); never an
	 * X-Original-To, which is Postfix's local(8). */
	const struct msg *h = test_world_stored(&w, "m", "heidi@ispc.example");
	cr_assert_not_null(h);
	const char *r0 = test_world_field(&w, h, "Received", 0);
	cr_expect(strstr(r0, "for <") == NULL && strstr(r0, "(envelope-from <alice@ispa.example>); ") != NULL,
	          "%s", r0);
	cr_expect_eq(test_world_field_index(h, "Return-Path", 0), 0);
	cr_expect_eq(msg_header_count(h, "Delivered-To"), 0);
	cr_expect_eq(msg_header_count(h, "X-Original-To"), 0);

	/* The MTA bounces the refused recipient alone, with the MDA's words. */
	const struct msg *d = test_world_stored(&w, "m.bounce", "alice@ispa.example");
	cr_assert_not_null(d);
	cr_expect(strstr(d->body, "Final-Recipient: rfc822; nobody@ispc.example") != NULL);
	cr_expect(strstr(d->body, "Final-Recipient: rfc822; grace@ispc.example") == NULL);
	cr_expect(strstr(d->body, "Final-Recipient: rfc822; heidi@ispc.example") == NULL);
	cr_expect(strstr(d->body, "Diagnostic-Code: smtp; 550 5.1.1 <nobody@ispc.example> User "
	                          "doesn't exist") != NULL);
	cr_expect(strstr(d->body, "Reporting-MTA: dns; mx.ispc.example") != NULL);
	test_world_done(&w);
}

Test(lmtp, whatever_connects_to_port_24_is_answered_in_lmtp)
{
	/* Alice's mail program sent to the MDA's port 24 by hand: the MDA
	 * still speaks LMTP (it is no MTA), so the copy is stored at once. */
	struct test_world w;
	struct test_world_parts p = lmtp_parts("'grace@ispc.example'");
	p.actions = "{'at': 1, 'do': 'send', 'id': 'm', 'user': 'alice@ispa.example',"
	            " 'via': 'mda-c', 'port': 24, 'auth': false, 'to': 'grace@ispc.example',"
	            " 'subject': 'hi', 'body': 'hello\\n'}";
	test_world_start(&w, &p);
	int c = test_world_conn(&w, "alice-pc", 24, 0);
	const struct trace_rec *g = test_world_greeting(&w, c);
	cr_assert_not_null(g);
	cr_expect_eq(g->proto, PROTO_LMTP);
	cr_expect_str_eq(g->u.line.text, "220 mbox.ispc.example Dovecot ready.");
	cr_expect_not_null(test_world_cmd(&w, c, "LHLO", 0));
	cr_expect_str_eq(test_world_state(&w, "m", "grace@ispc.example"), "delivered");
	cr_expect_eq(test_world_count(&w, TR_QUEUED, test_world_host(&w, "mda-c")), 0,
	             "the MDA queues nothing: it is no MTA");
	test_world_done(&w);
}

Test(lmtp, a_full_mailbox_refuses_after_the_message_for_its_recipient_alone)
{
	/* Grace's mailbox holds at most 100 bytes: the MDA took her at RCPT
	 * (it checks the quota with the message in hand), then answers the
	 * message with 552 5.2.2 for her and 250 Saved for Heidi. */
	struct test_world w;
	struct test_world_parts p = lmtp_parts("['grace@ispc.example', 'heidi@ispc.example']");
	p.users = "{'address': 'grace@ispc.example', 'password': 'grace-pass', 'quota': 100},"
	          "{'address': 'heidi@ispc.example', 'password': 'heidi-pass'}";
	test_world_start(&w, &p);
	int c = test_world_conn(&w, "mx-c", 24, 0);
	const struct trace_rec *rep[16];
	int n = test_world_on_conn(&w, c, TR_REPLY, rep, 16);
	/* greeting, LHLO, MAIL, 2 × RCPT, DATA, 2 replies to the message, QUIT */
	cr_assert_eq(n, 9, "%d replies", n);
	cr_expect_str_eq(rep[3]->u.line.text, "250 2.1.5 OK", "Grace is taken at RCPT");
	cr_expect_str_eq(rep[6]->u.line.text,
	                 "552 5.2.2 <grace@ispc.example> Quota exceeded (mailbox for user is full)");
	cr_expect(strncmp(rep[7]->u.line.text, "250 2.0.0 <heidi@ispc.example> ", 31) == 0, "%s",
	          rep[7]->u.line.text);
	cr_expect_str_eq(test_world_state(&w, "m", "heidi@ispc.example"), "delivered");
	const struct ledger_rcpt *g = test_world_rcpt(&w, "m", "grace@ispc.example");
	cr_expect_eq(g->state, LS_BOUNCED);
	cr_expect_eq(g->code, 552);
	cr_expect_null(test_world_stored(&w, "m", "grace@ispc.example"));
	const struct msg *d = test_world_stored(&w, "m.bounce", "alice@ispa.example");
	cr_assert_not_null(d);
	cr_expect(strstr(d->body, "Final-Recipient: rfc822; grace@ispc.example") != NULL);
	cr_expect(strstr(d->body, "Final-Recipient: rfc822; heidi@ispc.example") == NULL);
	cr_expect(strstr(d->body, "Diagnostic-Code: smtp; 552 5.2.2") != NULL);
	cr_expect(strstr(g->reason, "(in reply to end of DATA command)") != NULL, "%s", g->reason);
	test_world_done(&w);
}
