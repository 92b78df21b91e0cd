/* test_secure_retrieval — reading mail safely: APOP's digest as RFC 1939
 * computes it, STLS and IMAP STARTTLS with the capabilities before and
 * after, Dovecot's refusal of plaintext logins outside TLS, POP before
 * SMTP's relay window, and what an eavesdropper on a segment can read. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apop.h"
#include "export.h"
#include "i18n.h"
#include "narrate.h"
#include "sim.h"
#include "test_world.h"
#include "util.h"

Test(apop, reproduces_the_digest_of_rfc_1939)
{
	/* RFC 1939 section 7's own example. */
	char d[APOP_DIGEST_HEX + 1];
	cr_assert_eq(apop_digest("<1896.697170952@dbc.mtview.ca.us>", "tanstaaf", d), 0);
	cr_expect_str_eq(d, "c4c9334bac560ecc979e58001b3e22fb");
	cr_assert_eq(apop_digest("<1896.697170952@dbc.mtview.ca.us>", "tanstaaF", d), 0);
	cr_expect_str_neq(d, "c4c9334bac560ecc979e58001b3e22fb", "one letter of the secret changes it");
}

Test(apop, finds_the_timestamp_in_a_greeting)
{
	char st[64];
	cr_expect_eq(apop_stamp_of("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>", st,
	                           sizeof st), 1);
	cr_expect_str_eq(st, "<1896.697170952@dbc.mtview.ca.us>");
	cr_expect_eq(apop_stamp_of("+OK <no-at> then <a@b>", st, sizeof st), 1);
	cr_expect_str_eq(st, "<a@b>", "the first <…> with an '@'");
	cr_expect_eq(apop_stamp_of("+OK mailsim POP3 server ready", st, sizeof st), 0);
	cr_expect_str_eq(st, "");
	cr_expect_eq(apop_stamp_of("+OK <unclosed@x", st, sizeof st), 0);
	cr_expect_eq(apop_stamp_of("+OK <a@b>", st, 4), 0, "too long for out");
}

#define SR_ALICE "alice@ispa.example"
#define SR_BOB "bob@ispb.example"

/* The other of Alice and Bob sends reader m1 at 1 s; reader fetches once at
 * 10 s as fetch says (extra keys of the action, or NULL), from a mailbox
 * server set up as server (extra keys of mail-a for Alice, of mail-b for
 * Bob, or NULL).  Returns the connection reader's PC opened to port (fails
 * the test if there is none). */
static int sr_fetch(struct test_world *w, const char *reader, const char *server, const char *fetch,
                    int port)
{
	int alice = strcmp(reader, SR_ALICE) == 0;
	char act[400];
	snprintf(act, sizeof act,
	         "{'at': 1, 'do': 'send', 'id': 'm1', 'user': '%s', 'to': '%s',"
	         " 'subject': 'Hi', 'body': 'hello\\n'},"
	         "{'at': 10, 'do': 'fetch', 'user': '%s'%s%s}", alice ? SR_BOB : SR_ALICE, reader,
	         reader, fetch ? ", " : "", fetch ? fetch : "");
	test_world_start(w, &(struct test_world_parts){ .until = 30, .actions = act,
		.mail_a = alice ? server : NULL, .mail_b = alice ? NULL : server });
	return test_world_conn(w, alice ? "alice-pc" : "bob-pc", port, 0);
}

Test(retrieval_tls, stls_upgrades_port_110_and_capa_changes)
{
	struct test_world w;
	int conn = sr_fetch(&w, SR_BOB, NULL, "'starttls': true", 110);
	static const struct test_world_step want[] = {
		{ NULL, NULL, 1, "+OK" },
		{ "CAPA", "CAPA", 1,
		  "+OK\nCAPA\nTOP\nUIDL\nRESP-CODES\nPIPELINING\nAUTH-RESP-CODE\nSTLS\nUSER\nSASL PLAIN\n." },
		{ "STLS", "STLS", 1, "+OK Begin TLS negotiation now." },
		{ "CAPA", "CAPA", 1, "+OK\nCAPA\nTOP\nUIDL\nRESP-CODES\nPIPELINING\nAUTH-RESP-CODE\nUSER\nSASL PLAIN\n." },
		{ "USER", NULL, 1, "+OK" },
		{ "PASS", "PASS bob-pass", 1, "+OK Logged in." },
		{ "STAT", NULL, 1, "+OK 1 " },
		{ "RETR", NULL, 1, "+OK" },
		{ "DELE", NULL, 1, "+OK" },
		{ "QUIT", NULL, 1, "+OK" },
	};
	test_world_expect_dialogue(&w, conn, want, 10);
	cr_expect_eq(test_world_cmd(&w, conn, "STLS", 0)->tls, 0, "STLS itself goes in clear");
	cr_expect_eq(test_world_cmd(&w, conn, "CAPA", 1)->tls, 1, "the second CAPA is inside TLS");
	cr_expect_eq(test_world_cmd(&w, conn, "PASS", 0)->tls, 1);
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "delivered");
	cr_expect_eq(test_world_count(&w, TR_FETCHED, -1), 1);
	test_world_done(&w);
}

Test(retrieval_tls, stls_without_tls_on_the_server)
{
	struct test_world w;
	int conn = sr_fetch(&w, SR_BOB, "'starttls': false", "'starttls': true", 110);
	const struct trace_rec *capa = test_world_reply_to(&w, conn, "CAPA");
	cr_expect_null(strstr(capa->u.line.text, "STLS"), "%s", capa->u.line.text);
	cr_expect_null(test_world_cmd(&w, conn, "STLS", 0), "nothing offered, nothing asked");
	cr_expect_eq(test_world_cmd(&w, conn, "PASS", 0)->tls, 0, "the login went in clear after all");
	test_world_done(&w);
}

Test(retrieval_tls, plaintext_pop3_refused_outside_tls)
{
	/* Dovecot's disable_plaintext_auth: USER is refused on 110 before
	 * the password is ever sent, and CAPA does not offer USER. */
	struct test_world w;
	int conn = sr_fetch(&w, SR_BOB, "'disable_plaintext_auth': true", NULL, 110);
	const struct trace_rec *user = test_world_reply_to(&w, conn, "USER");
	cr_expect_str_eq(user->u.line.text,
	                 "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
	cr_expect_null(test_world_cmd(&w, conn, "PASS", 0), "the client gave up before PASS");
	cr_expect_eq(test_world_count(&w, TR_FETCHED, -1), 0);
	const struct trace_rec *err = test_world_rec(&w, TR_MUA_ERROR, -1, 0);
	cr_assert_not_null(err);
	cr_expect(err->u.error.fetch);
	test_world_done(&w);

	/* With STLS the same server lets him in. */
	conn = sr_fetch(&w, SR_BOB, "'disable_plaintext_auth': true", "'starttls': true", 110);
	/* Before STLS neither USER nor PLAIN: Dovecot's SASL line is empty. */
	const struct trace_rec *capa = test_world_reply_to(&w, conn, "CAPA");
	cr_expect_str_eq(capa->u.line.text,
	                 "+OK\nCAPA\nTOP\nUIDL\nRESP-CODES\nPIPELINING\nAUTH-RESP-CODE\nSTLS\nSASL\n.");
	cr_expect_str_eq(test_world_reply_to(&w, conn, "PASS")->u.line.text, "+OK Logged in.");
	cr_expect_eq(test_world_count(&w, TR_FETCHED, -1), 1);
	test_world_done(&w);
}

Test(retrieval_tls, imap_login_while_logindisabled)
{
	struct test_world w;
	int conn = sr_fetch(&w, SR_ALICE, "'disable_plaintext_auth': true", NULL, 143);
	cr_expect_str_eq(test_world_greeting(&w, conn)->u.line.text,
	                 "* OK [CAPABILITY IMAP4rev1 SASL-IR STARTTLS LOGINDISABLED] mailsim IMAP ready");
	const struct trace_rec *login = test_world_reply_to(&w, conn, "LOGIN");
	cr_expect_str_eq(login->u.line.text,
	                 "* BAD [ALERT] Plaintext authentication not allowed without SSL/TLS, but your "
	                 "client did it anyway. If anyone was listening, the password was exposed.\n"
	                 "a1 NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure "
	                 "(SSL/TLS) connections.");
	cr_expect_eq(login->u.line.code, 0);
	cr_expect_null(test_world_cmd(&w, conn, "SELECT", 0), "not logged in");
	cr_expect_eq(test_world_count(&w, TR_FETCHED, -1), 0);
	test_world_done(&w);
}

Test(retrieval_tls, imap_starttls_then_capability_then_login)
{
	struct test_world w;
	int conn = sr_fetch(&w, SR_ALICE, "'disable_plaintext_auth': true", "'starttls': true", 143);
	static const struct test_world_step want[] = {
		{ NULL, NULL, 1, "* OK [CAPABILITY IMAP4rev1 SASL-IR STARTTLS LOGINDISABLED]" },
		{ "STARTTLS", "a1 STARTTLS", 1, "a1 OK Begin TLS negotiation now." },
		{ "CAPABILITY", "a2 CAPABILITY", 1,
		  "* CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN\n"
		  "a2 OK Pre-login capabilities listed, post-login capabilities have more." },
		{ "LOGIN", NULL, 1, "a3 OK [CAPABILITY IMAP4rev1 SASL-IR] Logged in" },
		{ "SELECT", NULL, 1, "* FLAGS" },
		{ "SEARCH", NULL, 1, "* SEARCH 1" },
		{ "FETCH", NULL, 1, "* 1 FETCH" },
		{ "LOGOUT", NULL, 1, "* BYE" },
	};
	test_world_expect_dialogue(&w, conn, want, 8);
	cr_expect_eq(test_world_cmd(&w, conn, "LOGIN", 0)->tls, 1);
	cr_expect_eq(test_world_count(&w, TR_FETCHED, -1), 1);
	test_world_done(&w);
}

Test(retrieval_tls, imaps_offers_no_starttls)
{
	struct test_world w;
	int conn = sr_fetch(&w, SR_ALICE, "'disable_plaintext_auth': true", "'port': 993", 993);
	cr_expect_str_eq(test_world_greeting(&w, conn)->u.line.text,
	                 "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] mailsim IMAP ready",
	                 "TLS from the first byte: nothing to upgrade, LOGIN allowed");
	cr_expect_eq(test_world_count(&w, TR_FETCHED, -1), 1);
	test_world_done(&w);
}

Test(retrieval_apop, login_with_the_digest_of_the_greeting)
{
	struct test_world w;
	int conn = sr_fetch(&w, SR_BOB, "'apop': true", "'apop': true", 110);
	const char *greet = test_world_greeting(&w, conn)->u.line.text;
	char stamp[300], want[APOP_DIGEST_HEX + 1], line[400];
	cr_assert_eq(apop_stamp_of(greet, stamp, sizeof stamp), 1, "%s", greet);
	cr_expect(strstr(stamp, "@mail.ispb.example>") != NULL, "%s", stamp);
	cr_assert_eq(apop_digest(stamp, "bob-pass", want), 0);
	snprintf(line, sizeof line, "APOP bob@ispb.example %s", want);
	const struct trace_rec *apop = test_world_cmd(&w, conn, "APOP", 0);
	cr_assert_not_null(apop);
	cr_expect_str_eq(apop->u.line.text, line);
	cr_expect_null(strstr(apop->u.line.text, "bob-pass"), "the password never crosses the wire");
	cr_expect_str_eq(test_world_reply(&w, apop)->u.line.text, "+OK Logged in.");
	cr_expect_null(test_world_cmd(&w, conn, "USER", 0));
	cr_expect_eq(test_world_count(&w, TR_FETCHED, -1), 1);
	test_world_done(&w);
}

Test(retrieval_apop, a_wrong_digest_is_refused)
{
	struct test_world w;
	int conn = sr_fetch(&w, SR_BOB, "'apop': true", "'apop': true, 'password': 'bob-typo'", 110);
	cr_expect_str_eq(test_world_reply_to(&w, conn, "APOP")->u.line.text,
	                 "-ERR [AUTH] Authentication failed.");
	cr_expect_eq(test_world_count(&w, TR_FETCHED, -1), 0);
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "delivered",
	                 "the mail waits on the server");
	test_world_done(&w);
}

Test(retrieval_apop, a_greeting_without_timestamp_is_no_apop)
{
	struct test_world w;
	int conn = sr_fetch(&w, SR_BOB, NULL, "'apop': true", 110);
	cr_expect_null(strchr(test_world_greeting(&w, conn)->u.line.text, '<'));
	cr_expect_null(test_world_cmd(&w, conn, "APOP", 0), "nothing to compute a digest from");
	cr_expect_null(test_world_cmd(&w, conn, "USER", 0), "and no falling back to the password");
	const struct trace_rec *err = test_world_rec(&w, TR_MUA_ERROR, -1, 0);
	cr_assert_not_null(err);
	cr_expect_str_eq(err->u.error.text, "the server's greeting offers no APOP timestamp");
	test_world_done(&w);
}

Test(retrieval_apop, a_users_own_setting_serves_a_click)
{
	/* Frank's mail program is set to STLS and APOP; a click on Fetch
	 * (no lesson action) uses that setting. */
	struct test_world w;
	test_world_load(&w, &(struct test_world_parts){ .until = 30, .mail_b = "'apop': true",
		.users = "{'address': 'frank@ispb.example', 'password': 'frank-pass', 'mailbox': 'mail-b',"
		         " 'mua': 'bob-pc', 'fetch': {'protocol': 'pop3', 'starttls': true, 'apop': true}}" });
	struct sim_action f = { .kind = SIM_ACT_FETCH, .origin = TRACE_ORIGIN_USER, .msg = -1 };
	f.user = scenario_find_user(w.sc, "frank@ispb.example");
	cr_assert_eq(sim_act(w.s, &f), 0);
	test_world_run(&w, SEC(30));
	int conn = test_world_conn(&w, "bob-pc", 110, 0);
	const struct trace_rec *apop = test_world_cmd(&w, conn, "APOP", 0);
	cr_assert_not_null(apop);
	cr_expect_eq(apop->tls, 1, "after STLS");
	cr_expect_not_null(test_world_cmd(&w, conn, "STLS", 0));
	cr_expect_str_eq(test_world_reply(&w, apop)->u.line.text, "+OK Logged in.");
	test_world_done(&w);
}

/* POP before SMTP at mail-a (window minutes): Alice logs in to POP3 at
 * login_s (0: never), then sends to Bob on port 25 without AUTH at each
 * of send_s[0..1]. */
static void sr_pbs(struct test_world *w, const char *window, int login_s, int send1, int send2)
{
	char mail_a[64], act[1200];
	snprintf(mail_a, sizeof mail_a, "'pop_before_smtp': %s", window);
	int n = 0;
	if (login_s)
		n += snprintf(act + n, sizeof act - (size_t)n,
		              "{'at': %d, 'do': 'fetch', 'user': 'alice@ispa.example', 'protocol': 'pop3'},",
		              login_s);
	n += snprintf(act + n, sizeof act - (size_t)n,
	              "{'at': %d, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'port': 25,"
	              " 'auth': false, 'to': 'bob@ispb.example', 'subject': 'One', 'body': 'x\\n'},"
	              "{'at': %d, 'do': 'send', 'id': 'm2', 'user': 'alice@ispa.example', 'port': 25,"
	              " 'auth': false, 'to': 'bob@ispb.example', 'subject': 'Two', 'body': 'y\\n'}",
	              send1, send2);
	test_world_start(w, &(struct test_world_parts){ .until = send2 + 60, .mail_a = mail_a,
	                                                 .actions = act });
}

Test(pop_before_smtp, relays_inside_the_window_only)
{
	struct test_world w;
	sr_pbs(&w, "10", 10, 20, 10 + 11 * 60);
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "delivered",
	                 "ten seconds after the POP3 login: relayed");
	int c1 = test_world_conn(&w, "alice-pc", 25, 0);
	const struct trace_rec *ok = test_world_reply_to(&w, c1, "RCPT");
	cr_expect_str_eq(ok->u.line.text, "250 2.1.5 Ok");
	cr_expect_str_eq(ok->u.line.explain, "explain.SMTP.250.2.1.5.pop_before_smtp");
	cr_expect_str_eq(test_world_state(&w, "m2", "bob@ispb.example"), "rejected",
	                 "eleven minutes after it: refused");
	int c2 = test_world_conn(&w, "alice-pc", 25, 1);
	cr_expect_str_eq(test_world_reply_to(&w, c2, "RCPT")->u.line.text,
	                 "554 5.7.1 <bob@ispb.example>: Relay access denied");
	test_world_done(&w);
}

Test(pop_before_smtp, no_login_no_relay)
{
	struct test_world w;
	sr_pbs(&w, "10", 0, 20, 30);
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "rejected");
	cr_expect_str_eq(test_world_state(&w, "m2", "bob@ispb.example"), "rejected");
	test_world_done(&w);
}

Test(pop_before_smtp, the_window_is_the_servers_setting)
{
	struct test_world w;
	sr_pbs(&w, "1", 10, 60, 80);   /* one minute: 50 s in, 70 s out */
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "delivered");
	cr_expect_str_eq(test_world_state(&w, "m2", "bob@ispb.example"), "rejected");
	test_world_done(&w);
	sr_pbs(&w, "true", 10, 20, 30);
	cr_expect_eq(sim_scenario(w.s)->hosts[test_world_host(&w, "mail-a")].pop_before_smtp_us,
	             600 * 1000000LL, "true is ten minutes");
	test_world_done(&w);
}

Test(pop_before_smtp, an_imap_login_opens_nothing)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .mail_a = "'pop_before_smtp': 10",
		.actions = "{'at': 10, 'do': 'fetch', 'user': 'alice@ispa.example'},"
		           "{'at': 20, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'port': 25,"
		           " 'auth': false, 'to': 'bob@ispb.example', 'subject': 'One', 'body': 'x\\n'}" });
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "rejected");
	test_world_done(&w);
}

/* ---- the eavesdropper ---- */

#define SR_SNIFFER(net) "'sniffers': [{'id': 'eve', 'label': 'Eve', 'network': '" net "'}]"

static void sr_sniff(struct test_world *w, const char *net_top, const char *fetch1, const char *fetch2)
{
	char act[600];
	snprintf(act, sizeof act,
	         "{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'to': 'bob@ispb.example',"
	         " 'subject': 'Hi', 'body': 'hello\\n'},"
	         "{'at': 10, 'do': 'fetch', 'user': 'bob@ispb.example'%s},"
	         "{'at': 15, 'do': 'send', 'id': 'm2', 'user': 'alice@ispa.example', 'to': 'bob@ispb.example',"
	         " 'subject': 'Again', 'body': 'hello\\n'},"
	         "{'at': 30, 'do': 'fetch', 'user': 'bob@ispb.example'%s}", fetch1, fetch2);
	test_world_start(w, &(struct test_world_parts){ .until = 60, .actions = act, .top = net_top });
}

Test(sniffer, reads_a_plaintext_password_and_only_sizes_inside_tls)
{
	struct test_world w;
	sr_sniff(&w, SR_SNIFFER("ispb-pool"), "", ", 'port': 995");
	int plain = test_world_conn(&w, "bob-pc", 110, 0);
	int tls = test_world_conn(&w, "bob-pc", 995, 0);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(w.s, &n);
	int pw = 0, clear_on_tls = 0, sizes = 0, syn = 0, shakes = 0;
	for (size_t i = 0; i < n; i++) {
		const struct trace_rec *r = &tr[i];
		if (r->kind != TR_SNIFF)
			continue;
		const struct trace_sniff *f = &r->u.sniff;
		cr_expect_eq(f->sniffer, 0);
		syn += f->what == TRACE_SNIFF_SYN;
		if (r->conn == plain && f->secret == TRACE_SNIFF_PASSWORD) {
			pw++;
			cr_expect_str_eq(f->text, "PASS bob-pass");
			cr_expect_eq(f->dport, 110);
			cr_expect_eq(f->bytes, strlen("PASS bob-pass") + 2);
		}
		if (r->conn == tls) {
			clear_on_tls += f->what == TRACE_SNIFF_CLEAR;
			shakes += f->what == TRACE_SNIFF_HANDSHAKE;
			if (f->what == TRACE_SNIFF_TLS) {
				sizes++;
				cr_expect_null(f->text, "inside TLS only the size");
				cr_expect_gt(f->bytes, 22);
			}
		}
	}
	cr_expect_eq(pw, 1, "the password was read once, on 110");
	cr_expect_eq(clear_on_tls, 0, "nothing in clear on 995");
	cr_expect_eq(shakes, 1);
	cr_expect_gt(sizes, 5);
	cr_expect_eq(syn, 2, "both connections' SYNs (the mails' SMTP never crosses ispb-pool)");
	test_world_done(&w);
}

Test(sniffer, sees_nothing_off_its_segment)
{
	struct test_world w;
	sr_sniff(&w, SR_SNIFFER("ispa-servers"), "", "");
	/* ispa-servers carries Alice's submission to mail-a and mail-a's
	 * relay out, never Bob's fetching. */
	int fetch = test_world_conn(&w, "bob-pc", 110, 0);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(w.s, &n);
	int seen = 0;
	for (size_t i = 0; i < n; i++)
		if (tr[i].kind == TR_SNIFF) {
			seen++;
			cr_expect_neq(tr[i].conn, fetch);
		}
	cr_expect_gt(seen, 0, "it does see the mail-a side of things");
	test_world_done(&w);
}

Test(sniffer, a_transit_segment_between_routers_is_crossed)
{
	struct test_world w;
	sr_sniff(&w, SR_SNIFFER("internet"), "", "");
	/* Alice's mail crosses the Internet from ispa-gw to ispb-gw: the
	 * relay's DATA is read whole (the servers' STARTTLS protects it only
	 * from there on, so what is in clear is EHLO and STARTTLS). */
	int n = test_world_count(&w, TR_SNIFF, -1);
	cr_expect_gt(n, 0);
	const struct trace_rec *r = test_world_rec(&w, TR_SNIFF, -1, 0);
	cr_assert_not_null(r);
	cr_expect_eq(r->u.sniff.what, TRACE_SNIFF_SYN);
	cr_expect_eq(r->u.sniff.dport, 25, "the first to cross is mail-a's relay to mail-b");
	test_world_done(&w);
}

Test(sniffer, a_tap_at_a_router_sees_what_passes_it)
{
	struct test_world w;
	sr_sniff(&w, "'sniffers': [{'id': 'tap', 'router': 'ispb-gw'}]", "", "");
	/* ispb-gw carries mail-a's relay to mail-b, not Bob's fetching
	 * (bob-pc and mail-b are both behind it, but the path between them
	 * crosses it too: ispb-pool -> ispb-gw -> ispb-servers). */
	int relay = test_world_conn(&w, "mail-a", 25, 0);
	int fetch = test_world_conn(&w, "bob-pc", 110, 0);
	int on_relay = 0, on_fetch = 0;
	const struct trace_rec *r;
	for (int i = 0; (r = test_world_rec(&w, TR_SNIFF, -1, i)); i++) {
		on_relay += r->conn == relay;
		on_fetch += r->conn == fetch;
	}
	cr_expect_gt(on_relay, 0);
	cr_expect_gt(on_fetch, 0);
	test_world_done(&w);
	/* A tap at ispa-gw sees nothing of Bob's fetching. */
	sr_sniff(&w, "'sniffers': [{'id': 'tap', 'router': 'ispa-gw'}]", "", "");
	fetch = test_world_conn(&w, "bob-pc", 110, 0);
	for (int i = 0; (r = test_world_rec(&w, TR_SNIFF, -1, i)); i++)
		cr_expect_neq(r->conn, fetch);
	test_world_done(&w);
}

Test(sniffer, the_narration_and_json_say_the_same)
{
	struct test_world w;
	sr_sniff(&w, SR_SNIFFER("ispb-pool"), "", "");
	const struct trace_rec *pw = NULL;
	for (int i = 0; (pw = test_world_rec(&w, TR_SNIFF, -1, i)); i++)
		if (pw->u.sniff.secret == TRACE_SNIFF_PASSWORD)
			break;
	cr_assert_not_null(pw);
	struct sbuf j = { 0 };
	export_trace_json(w.s, pw, NULL, &j);
	cr_expect(strstr(j.s, "\"type\":\"sniff\"") && strstr(j.s, "\"sniffer\":\"eve\"") &&
	          strstr(j.s, "\"seen\":\"clear\"") && strstr(j.s, "\"text\":\"PASS bob-pass\"") &&
	          strstr(j.s, "\"gives_away\":\"password\"") && strstr(j.s, ",\"dst\":\"198.51.100.140:110\""),
	          "%s", j.s);
	sbuf_free(&j);
	struct i18n *en = test_util_catalog(LANG_EN);
	struct sbuf t = { 0 };
	narrate_tell(sim_scenario(w.s), en, NARRATE_PREFIX, pw, &t);
	cr_expect(strstr(t.s, "Eve reads the password in clear text") && strstr(t.s, "PASS bob-pass"),
	          "%s", t.s);
	sbuf_free(&t);
	i18n_free(en);
	test_world_done(&w);
}

/* The gloss of PASS follows the connection's TLS, not the port's habit. */
Test(sniffer, pass_gloss_depends_on_tls)
{
	struct test_world w;
	test_world_load(&w, &(struct test_world_parts){ .until = 60,
		.actions = "{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'to': 'bob@ispb.example',"
		           " 'subject': 'Hi', 'body': 'hello\\n'},"
		           "{'at': 10, 'do': 'fetch', 'user': 'bob@ispb.example'},"
		           "{'at': 20, 'do': 'fetch', 'user': 'bob@ispb.example', 'port': 995},"
		           "{'at': 30, 'do': 'fetch', 'user': 'bob@ispb.example', 'starttls': true}" });
	struct i18n *cats[2] = { test_util_catalog(LANG_EN), NULL };
	char *text = test_world_run_narrated(&w, SEC(60), cats);
	const char *clear = "Sends the password in clear text";
	const char *safe = "Sends the password; this connection is encrypted with TLS";
	const char *p1 = strstr(text, "C: PASS bob-pass");
	cr_assert_not_null(p1);
	const char *p2 = strstr(p1 + 1, "C: PASS bob-pass");
	cr_assert_not_null(p2);
	const char *p3 = strstr(p2 + 1, "C: PASS bob-pass");
	cr_assert_not_null(p3);
	cr_expect(strstr(p1, clear) && strstr(p1, clear) < p2, "port 110: in clear");
	cr_expect(strstr(p2, safe) && strstr(p2, safe) < p3 && !(strstr(p2, clear) && strstr(p2, clear) < p3),
	          "port 995: encrypted");
	cr_expect(strstr(p3, safe) && !strstr(p3, clear), "110 after STLS: encrypted");
	free(text);
	i18n_free(cats[0]);
	test_world_done(&w);
}

/* Alice's server refuses passwords outside TLS, Bob's does not; each reads
 * the other's mail over IMAP with STARTTLS.  Returns the narration in
 * lang into *text; the caller frees it. */
static void sr_capability_story(enum lang lang, char **text)
{
	struct test_world w;
	test_world_load(&w, &(struct test_world_parts){ .until = 60,
		.mail_a = "'disable_plaintext_auth': true",
		.actions = "{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'to': 'bob@ispb.example',"
		           " 'subject': 'Hi', 'body': 'hello\\n'},"
		           "{'at': 2, 'do': 'send', 'id': 'm2', 'user': 'bob@ispb.example', 'to': 'alice@ispa.example',"
		           " 'subject': 'Hi', 'body': 'hello\\n'},"
		           "{'at': 10, 'do': 'fetch', 'user': 'alice@ispa.example', 'protocol': 'imap', 'starttls': true},"
		           "{'at': 20, 'do': 'fetch', 'user': 'bob@ispb.example', 'protocol': 'imap', 'starttls': true}" });
	struct i18n *cats[2] = { test_util_catalog(lang), NULL };
	*text = test_world_run_narrated(&w, SEC(60), cats);
	i18n_free(cats[0]);
	test_world_done(&w);
}

/* The CAPABILITY asked again inside TLS is glossed by what this server's
 * greeting listed: LOGINDISABLED is named only where it was there. */
Test(sniffer, capability_gloss_follows_the_greeting)
{
	for (int k = 0; k < 2; k++) {
		const char *lang = k ? "ja" : "en";
		char *text;
		sr_capability_story(k ? LANG_JA : LANG_EN, &text);
		const char *a = strstr(text, "C: a2 CAPABILITY");
		cr_assert_not_null(a);
		const char *b = strstr(a + 1, "C: a2 CAPABILITY");
		cr_assert_not_null(b);
		const char *a_end = strstr(a, "C: a3 LOGIN"), *b_end = strstr(b, "C: a3 LOGIN");
		cr_assert(a_end && a_end < b && b_end);
		cr_assert(strstr(text, "LOGINDISABLED]") < a, "Alice's greeting listed LOGINDISABLED");
		const char *ld = strstr(a, "LOGINDISABLED");
		cr_expect(ld && ld < strstr(a, "S: "), "Alice's gloss says LOGINDISABLED goes (%s)", lang);
		ld = strstr(b, "LOGINDISABLED");
		cr_expect(!ld || ld > b_end, "Bob's server never listed LOGINDISABLED (%s)", lang);
		const char *st = strstr(b + 1, "STARTTLS");
		cr_expect(st && st < strstr(b, "S: "), "the gloss says STARTTLS leaves the list (%s)", lang);
		free(text);
	}
}

/* ---- the lesson file ---- */

Test(retrieval_scenario, bad_settings_are_located)
{
	char *text = test_world_errors("r.json", &(struct test_world_parts){
		.hosts = "{'id': 'x', 'network': 'internet', 'addr': '192.0.2.7', 'name': 'x.example.net',"
		         " 'roles': ['MUA'], 'apop': true}",
		.actions = "{'at': 1, 'do': 'fetch', 'user': 'bob@ispb.example', 'port': 995, 'starttls': true},"
		           "{'at': 2, 'do': 'fetch', 'user': 'alice@ispa.example', 'apop': true}",
		.top = "'sniffers': [{'id': 'e', 'network': 'nowhere'},"
		       " {'id': 'f', 'network': 'internet', 'router': 'ispa-gw'}, {'id': 'g'}]" });
	cr_expect(strstr(text, "r.json: /hosts/6/apop: expected a host with the MRA role") != NULL, "%s", text);
	cr_expect(strstr(text, "r.json: /actions/0/starttls: expected no starttls on port 995") != NULL,
	          "%s", text);
	cr_expect(strstr(text, "r.json: /actions/1/apop: expected APOP only with protocol pop3") != NULL,
	          "%s", text);
	cr_expect(strstr(text, "r.json: /sniffers/0/network:") != NULL, "%s", text);
	cr_expect(strstr(text, "r.json: /sniffers/1: expected either \"network\" (a segment) or "
	                 "\"router\" (a tap), found both") != NULL, "%s", text);
	cr_expect(strstr(text, "r.json: /sniffers/2: expected either") != NULL, "%s", text);
	free(text);
}
