/* test_smtp_tls — SMTP's STARTTLS (RFC 3207) as the trace records it:
 * the command and its 220 travel in the clear, the TLS handshake takes one
 * round trip, and the session starts over inside TLS with a new EHLO whose
 * reply no longer offers STARTTLS (and, on the submission port, now offers
 * AUTH); a mail program that must log in and finds no AUTH. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "narrate.h"
#include "sim.h"
#include "test_world.h"

static void tls_alice_to_bob(struct test_world *w)
{
	test_world_start(w, &(struct test_world_parts){ .until = 60, .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		" 'to': 'bob@ispb.example', 'subject': 'Hi'}" });
}

/* The one-way latency of conn: how long its first command took to arrive. */
static int64_t tls_one_way(const struct test_world *w, int conn)
{
	const struct trace_rec *ehlo = test_world_cmd(w, conn, "EHLO", 0);
	cr_assert_not_null(ehlo);
	cr_assert_gt(ehlo->t, ehlo->t_sent);
	return ehlo->t - ehlo->t_sent;
}

/* On conn: STARTTLS and its 220 in the clear, a handshake of one round
 * trip, then EHLO again inside TLS; returns the reply to that EHLO. */
static const struct trace_rec *tls_expect_round_trip(const struct test_world *w, int conn)
{
	const struct trace_rec *st = test_world_cmd(w, conn, "STARTTLS", 0);
	cr_assert_not_null(st);
	cr_expect_str_eq(st->u.line.text, "STARTTLS");
	cr_expect_eq(st->tls, 0, "STARTTLS itself goes in the clear");
	const struct trace_rec *ready = test_world_reply(w, st);
	cr_assert_not_null(ready);
	cr_expect_eq(ready->u.line.code, 220);
	cr_expect_str_eq(ready->u.line.text, "220 2.0.0 Ready to start TLS");
	cr_expect_eq(ready->tls, 0, "the 220 comes back in the clear");
	const struct trace_rec *again = test_world_cmd_after(w, st);
	cr_assert_not_null(again);
	cr_expect_str_eq(again->u.line.verb, "EHLO", "the session starts over with EHLO");
	cr_expect_eq(again->tls, 1, "the second EHLO is inside TLS");
	cr_expect_eq(again->t_sent - ready->t, 2 * tls_one_way(w, conn),
	             "the handshake (ClientHello out, ServerHello back) is one round trip");
	const struct trace_rec *ok = test_world_reply(w, again);
	cr_assert_not_null(ok);
	cr_expect_eq(ok->u.line.code, 250);
	cr_expect_eq(ok->tls, 1);
	cr_expect_null(strstr(ok->u.line.text, "STARTTLS"), "not offered again: %s",
	               ok->u.line.text);
	/* Everything after the handshake is encrypted. */
	for (const struct trace_rec *c = again; c; c = test_world_cmd_after(w, c))
		cr_expect_eq(c->tls, 1, "%s", c->u.line.verb);
	return ok;
}

Test(smtp_tls, a_relay_upgrades_after_220_with_one_round_trip)
{
	struct test_world w;
	tls_alice_to_bob(&w);
	int relay = test_world_conn(&w, "mail-a", 25, 0);
	const struct trace_rec *first = test_world_reply_to(&w, relay, "EHLO");
	cr_expect_neq(strstr(first->u.line.text, "250-STARTTLS"), NULL, "offered in the clear: %s",
	              first->u.line.text);
	cr_expect_eq(first->tls, 0);
	const struct trace_rec *ok = tls_expect_round_trip(&w, relay);
	cr_expect_null(strstr(ok->u.line.text, "AUTH"), "port 25 offers no AUTH");
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "delivered");
	test_world_done(&w);
}

Test(smtp_tls, submission_offers_auth_only_inside_tls)
{
	struct test_world w;
	tls_alice_to_bob(&w);
	int sub = test_world_conn(&w, "alice-pc", 587, 0);
	const struct trace_rec *first = test_world_reply_to(&w, sub, "EHLO");
	cr_expect_null(strstr(first->u.line.text, "AUTH"), "no AUTH before TLS: %s",
	               first->u.line.text);
	const struct trace_rec *ok = tls_expect_round_trip(&w, sub);
	cr_expect_neq(strstr(ok->u.line.text, "250-AUTH PLAIN LOGIN"), NULL, "%s", ok->u.line.text);
	const struct trace_rec *auth = test_world_cmd(&w, sub, "AUTH", 0);
	cr_assert_not_null(auth);
	cr_expect_eq(auth->tls, 1, "the password crosses inside TLS");
	test_world_done(&w);
}

/* A server that offers no STARTTLS: the client carries on in the clear
 * after one EHLO, as Postfix's smtp_tls_security_level = may does. */
Test(smtp_tls, no_starttls_offered_means_one_ehlo_in_the_clear)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .mail_b = "'starttls': false",
		.actions = "{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		           " 'to': 'bob@ispb.example', 'subject': 'Hi'}" });
	int relay = test_world_conn(&w, "mail-a", 25, 0);
	cr_expect_null(test_world_cmd(&w, relay, "STARTTLS", 0));
	cr_expect_null(test_world_cmd(&w, relay, "EHLO", 1), "one EHLO only");
	const struct trace_rec *mail = test_world_cmd(&w, relay, "MAIL", 0);
	cr_assert_not_null(mail);
	cr_expect_eq(mail->tls, 0);
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "delivered");
	test_world_done(&w);
}

/* Alice's mail program is told to log in but submits to port 25, whose
 * EHLO offers no AUTH (Postfix's default smtpd_sasl_auth_enable = no):
 * it sends no mail, says QUIT and shows its own error.  No server reply
 * says so (none was invented), the record has no code, and the mail stays
 * in the outbox. */
Test(smtp_tls, a_mail_program_that_must_log_in_and_finds_no_auth_keeps_the_mail)
{
	struct test_world w;
	test_world_load(&w, &(struct test_world_parts){ .until = 60, .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'port': 25,"
		" 'auth': true, 'to': 'bob@ispb.example', 'subject': 'Hi'}" });
	struct i18n *cats[3] = { test_util_catalog(LANG_EN), test_util_catalog(LANG_JA), NULL };
	char *text = test_world_run_narrated(&w, SEC(60), cats);
	int sub = test_world_conn(&w, "alice-pc", 25, 0);
	static const struct test_world_step want[] = {
		{ NULL, NULL, 220, "220 mail.ispa.example ESMTP" },
		{ "EHLO", NULL, 250, "250-mail.ispa.example" },
		{ "STARTTLS", NULL, 220, "220 2.0.0 Ready to start TLS" },
		{ "EHLO", NULL, 250, "250-mail.ispa.example" },
		{ "QUIT", NULL, 221, "221 2.0.0 Bye" },
	};
	test_world_expect_dialogue(&w, sub, want, 5);
	const struct trace_rec *ehlo = test_world_reply(&w, test_world_cmd(&w, sub, "EHLO", 1));
	cr_assert_not_null(ehlo);
	cr_expect_null(strstr(ehlo->u.line.text, "AUTH"), "%s", ehlo->u.line.text);
	const struct trace_rec *err = test_world_rec(&w, TR_MUA_ERROR, -1, 0);
	cr_assert_not_null(err);
	cr_expect_eq(err->u.error.code, 0, "the mail program's own error, not a reply");
	cr_expect_str_eq(err->u.error.text,
	                 "the server offers no SMTP authentication (no AUTH in its EHLO reply)");
	const struct ledger_rcpt *r = test_world_rcpt(&w, "m1", "bob@ispb.example");
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "outbox");
	cr_expect_eq(r->code, 0);
	cr_expect(strstr(text, "530") == NULL, "no invented 530:\n%s", text);
	cr_expect_neq(strstr(text, "The mail program on alice-pc shows an error: \"the server offers no "
	                           "SMTP authentication (no AUTH in its EHLO reply)\". The mail stays in "
	                           "the outbox."), NULL, "%s", text);
	cr_expect_neq(strstr(text, "「サーバが SMTP 認証を提供していません（EHLO の応答に AUTH がありません）」"),
	              NULL, "%s", text);
	free(text);
	i18n_free(cats[0]);
	i18n_free(cats[1]);
	test_world_done(&w);
}
