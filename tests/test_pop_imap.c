/* test_pop_imap — retrieval as the user sees it: POP3 downloads the mail
 * and removes it from the server, IMAP leaves it there marked as read and
 * does not download it again. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "test_world.h"

/* The test world: Alice (ISP A, IMAP) and Bob (ISP B, POP3).  Bob gets m1
 * and fetches twice; Alice gets m2, fetches, gets m3, fetches again. */
static const char test_pop_imap_actions[] =
	"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'to': 'bob@ispb.example',\n"
	" 'subject': 'One', 'body': 'first\\n'},\n"
	"{'at': 30, 'do': 'fetch', 'user': 'bob@ispb.example'},\n"
	"{'at': 45, 'do': 'send', 'id': 'm2', 'user': 'bob@ispb.example', 'to': 'alice@ispa.example',\n"
	" 'subject': 'Two', 'body': 'second\\n'},\n"
	"{'at': 60, 'do': 'fetch', 'user': 'bob@ispb.example'},\n"
	"{'at': 80, 'do': 'fetch', 'user': 'alice@ispa.example'},\n"
	"{'at': 90, 'do': 'send', 'id': 'm3', 'user': 'bob@ispb.example', 'to': 'alice@ispa.example',\n"
	" 'subject': 'Three', 'body': 'third\\n'},\n"
	"{'at': 120, 'do': 'fetch', 'user': 'alice@ispa.example'},\n"
	"{'at': 150, 'do': 'fetch', 'user': 'alice@ispa.example'}";

/* The world, run until t_s seconds. */
static void test_pop_imap_start(struct test_world *w, int t_s)
{
	test_world_start(w, &(struct test_world_parts){ .until = t_s,
	                                                .actions = test_pop_imap_actions });
}

/* Does text end with tail? */
static void test_pop_imap_expect_tail(const char *text, const char *tail)
{
	size_t n = strlen(text), t = strlen(tail);
	cr_expect(n >= t && strcmp(text + n - t, tail) == 0, "\"%s\" does not end with \"%s\"", text,
	          tail);
}

Test(retrieval, pop3_downloads_and_deletes_from_the_server)
{
	struct test_world w;
	test_pop_imap_start(&w, 25);
	cr_assert_eq(test_world_copies(&w, HOLD_MAILBOX, "bob@ispb.example", "m1", NULL), 1,
	             "m1 waits in Bob's mailbox before he fetches");
	test_world_run(&w, SEC(40));
	const struct msg *got = NULL;
	cr_expect_eq(test_world_copies(&w, HOLD_MAILBOX, "bob@ispb.example", NULL, NULL), 0,
	             "POP3 left nothing on the server");
	cr_expect_eq(test_world_copies(&w, HOLD_FETCHED, "bob@ispb.example", "m1", &got), 1,
	             "Bob's mail program has it");
	cr_assert_not_null(got);
	cr_expect_eq(msg_header_count(got, "Delivered-To"), 1, "the copy as the server stored it");
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "delivered",
	                 "downloading is not losing");
	cr_expect_eq(test_world_count(&w, TR_FETCHED, test_world_host(&w, "bob-pc")), 1);

	int conn = test_world_conn(&w, "bob-pc", 110, 0);
	static const struct test_world_step want[] = {
		{ NULL, NULL, 1, "+OK" },
		{ "USER", "USER bob@ispb.example", 1, "+OK" },
		{ "PASS", "PASS bob-pass", 1, "+OK" },
		{ "STAT", "STAT", 1, "+OK" },
		{ "RETR", "RETR 1", 1, "+OK" },
		{ "DELE", "DELE 1", 1, "+OK Marked to be deleted." },
		{ "QUIT", "QUIT", 1, "+OK" },
	};
	test_world_expect_dialogue(&w, conn, want, 7);
	/* Dovecot's cmd_quit says so when the session deleted mail. */
	cr_expect_str_eq(test_world_reply_to(&w, conn, "QUIT")->u.line.text,
	                 "+OK Logging out, messages deleted.");
	/* STAT and RETR agree on the size, and it is the message's. */
	size_t len;
	free(msg_serialize(got, &len));
	char stat[64], retr[64];
	snprintf(stat, sizeof stat, "+OK 1 %zu", len);
	snprintf(retr, sizeof retr, "+OK %zu octets\n", len);
	cr_expect_str_eq(test_world_reply_to(&w, conn, "STAT")->u.line.text, stat);
	const struct trace_rec *rep = test_world_reply_to(&w, conn, "RETR");
	cr_expect(strncmp(rep->u.line.text, retr, strlen(retr)) == 0, "%s", rep->u.line.text);
	cr_expect_eq(rep->msg, sim_ledger_find(w.s, "m1"));
	test_world_done(&w);
}

Test(retrieval, pop3_second_fetch_finds_an_empty_mailbox)
{
	struct test_world w;
	test_pop_imap_start(&w, 70);
	int conn = test_world_conn(&w, "bob-pc", 110, 1);
	static const struct test_world_step want[] = {
		{ NULL, NULL, 1, "+OK" },
		{ "USER", NULL, 1, "+OK" },
		{ "PASS", NULL, 1, "+OK" },
		{ "STAT", "STAT", 1, "+OK 0 0" },
		{ "QUIT", "QUIT", 1, "+OK" },
	};
	test_world_expect_dialogue(&w, conn, want, 5);
	cr_expect_str_eq(test_world_reply_to(&w, conn, "STAT")->u.line.text, "+OK 0 0");
	cr_expect_str_eq(test_world_reply_to(&w, conn, "QUIT")->u.line.text, "+OK Logging out.",
	                 "nothing deleted, nothing said about it");
	cr_expect_eq(test_world_count(&w, TR_FETCHED, test_world_host(&w, "bob-pc")), 1,
	             "nothing new downloaded");
	cr_expect_eq(test_world_copies(&w, HOLD_FETCHED, "bob@ispb.example", NULL, NULL), 1);
	test_world_done(&w);
}

Test(retrieval, imap_leaves_mail_on_the_server_marked_seen)
{
	struct test_world w;
	test_pop_imap_start(&w, 85);
	cr_expect_eq(test_world_copies(&w, HOLD_MAILBOX, "alice@ispa.example", "m2", NULL), 1,
	             "IMAP leaves m2 on the server");
	cr_expect_eq(test_world_copies(&w, HOLD_FETCHED, "alice@ispa.example", "m2", NULL), 1,
	             "and Alice's mail program has a copy");
	cr_expect_str_eq(test_world_state(&w, "m2", "alice@ispa.example"), "delivered");
	cr_expect_eq(test_world_count(&w, TR_FETCHED, test_world_host(&w, "alice-pc")), 1);

	int conn = test_world_conn(&w, "alice-pc", 143, 0);
	static const struct test_world_step want[] = {
		{ NULL, NULL, 1, "" },
		{ "LOGIN", "a1 LOGIN alice@ispa.example \"alice-pass\"", 1, "" },
		{ "SELECT", "a2 SELECT INBOX", 1, "" },
		{ "SEARCH", "a3 SEARCH UNSEEN", 1, "* SEARCH 1\n" },
		{ "FETCH", "a4 FETCH 1 BODY[]", 1, "" },
		{ "LOGOUT", "a5 LOGOUT", 1, "" },
	};
	test_world_expect_dialogue(&w, conn, want, 6);
	const char *select = test_world_reply_to(&w, conn, "SELECT")->u.line.text;
	cr_expect(strstr(select, "* 1 EXISTS\n") && strstr(select, "[UNSEEN 1]"), "%s", select);
	const char *fetch = test_world_reply_to(&w, conn, "FETCH")->u.line.text;
	cr_expect(strstr(fetch, "FLAGS (\\Seen)") != NULL, "%s", fetch);
	/* The tagged answers in Dovecot's words (imap-select.txt), less the
	 * timings, and after login Dovecot's CAPABILITY code. */
	cr_expect_str_eq(test_world_reply_to(&w, conn, "LOGIN")->u.line.text,
	                 "a1 OK [CAPABILITY IMAP4rev1 SASL-IR] Logged in");
	test_pop_imap_expect_tail(select, "\na2 OK [READ-WRITE] Select completed.");
	test_pop_imap_expect_tail(test_world_reply_to(&w, conn, "SEARCH")->u.line.text,
	                          "\na3 OK Search completed.");
	test_pop_imap_expect_tail(fetch, "\na4 OK Fetch completed.");
	cr_expect_str_eq(test_world_reply_to(&w, conn, "LOGOUT")->u.line.text,
	                 "* BYE Logging out\na5 OK Logout completed.");
	test_world_done(&w);
}

Test(retrieval, imap_fetches_only_what_is_new)
{
	struct test_world w;
	test_pop_imap_start(&w, 200);
	/* Second session: m2 is seen, only m3 comes down. */
	int conn = test_world_conn(&w, "alice-pc", 143, 1);
	static const struct test_world_step second[] = {
		{ NULL, NULL, 1, "" },
		{ "LOGIN", NULL, 1, "" },
		{ "SELECT", NULL, 1, "" },
		{ "SEARCH", NULL, 1, "* SEARCH 2\n" },
		{ "FETCH", "a4 FETCH 2 BODY[]", 1, "" },
		{ "LOGOUT", NULL, 1, "" },
	};
	test_world_expect_dialogue(&w, conn, second, 6);
	const char *select = test_world_reply_to(&w, conn, "SELECT")->u.line.text;
	/* RFC 3501: UNSEEN is the number of the first unseen message (m3 is
	 * the second), RECENT counts what no session has seen (m3 came after
	 * the first session), and the UIDs are announced
	 * (tests/data/postfix/imap-select.txt is Dovecot's). */
	cr_expect(strstr(select, "* 2 EXISTS\n* 1 RECENT\n* OK [UNSEEN 2] First unseen.\n"
	                         "* OK [UIDVALIDITY ") != NULL, "%s", select);
	cr_expect(strstr(select, "* OK [UIDNEXT 3] Predicted next UID\n") != NULL, "%s", select);
	cr_expect(strstr(select, "* OK [PERMANENTFLAGS (") != NULL, "%s", select);
	cr_expect_eq(test_world_reply_to(&w, conn, "FETCH")->msg, sim_ledger_find(w.s, "m3"));
	/* Third session: nothing unseen, nothing fetched. */
	conn = test_world_conn(&w, "alice-pc", 143, 2);
	static const struct test_world_step third[] = {
		{ NULL, NULL, 1, "" },
		{ "LOGIN", NULL, 1, "" },
		{ "SELECT", NULL, 1, "" },
		{ "SEARCH", NULL, 1, "* SEARCH\n" },
		{ "LOGOUT", "a4 LOGOUT", 1, "" },
	};
	test_world_expect_dialogue(&w, conn, third, 5);
	select = test_world_reply_to(&w, conn, "SELECT")->u.line.text;
	cr_expect(strstr(select, "UNSEEN") == NULL, "no UNSEEN when all are seen: %s", select);
	cr_expect(strstr(select, "* 0 RECENT\n") != NULL, "%s", select);

	cr_expect_eq(test_world_count(&w, TR_FETCHED, test_world_host(&w, "alice-pc")), 2,
	             "m2 once, m3 once");
	cr_expect_eq(test_world_copies(&w, HOLD_FETCHED, "alice@ispa.example", "m2", NULL), 1);
	cr_expect_eq(test_world_copies(&w, HOLD_FETCHED, "alice@ispa.example", "m3", NULL), 1);
	cr_expect_eq(test_world_copies(&w, HOLD_MAILBOX, "alice@ispa.example", NULL, NULL), 2,
	             "both still on the server");
	test_world_done(&w);
}

Test(retrieval, fetch_through_the_api_is_the_same_session)
{
	struct test_world w;
	test_pop_imap_start(&w, 85);
	struct sim_action f = { .kind = SIM_ACT_FETCH, .origin = TRACE_ORIGIN_USER, .msg = -1 };
	f.user = -1;
	cr_expect_eq(sim_act(w.s, &f), -1);
	f.user = w.sc->nusers;
	cr_expect_eq(sim_act(w.s, &f), -1);
	f.user = scenario_find_user(w.sc, "alice@ispa.example");
	cr_assert_eq(sim_act(w.s, &f), 0);
	test_world_run(&w, SEC(88));
	/* A fetch with nothing unseen. */
	static const struct test_world_step want[] = {
		{ NULL, NULL, 1, "" },
		{ "LOGIN", NULL, 1, "" },
		{ "SELECT", NULL, 1, "" },
		{ "SEARCH", NULL, 1, "* SEARCH\n" },
		{ "LOGOUT", NULL, 1, "" },
	};
	test_world_expect_dialogue(&w, test_world_conn(&w, "alice-pc", 143, 1), want, 5);
	cr_expect_eq(test_world_count(&w, TR_FETCHED, test_world_host(&w, "alice-pc")), 1);
	test_world_done(&w);
}
