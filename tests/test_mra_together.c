/* test_mra_together — two mail programs at one mailbox at the same moment,
 * and passwords that must be quoted (issue 14): POP3 locks the maildrop as
 * Dovecot does (tests/data/postfix/pop3-in-use.txt), IMAP lets both
 * sessions in and gives \Recent to one of them (RFC 3501 section 2.3.2),
 * and an IMAP password with blanks and quotes travels as a quoted string. */
#include <criterion/criterion.h>

#include <string.h>

#include "sim.h"
#include "test_world.h"

/* Alice mails Bob and Bob mails Alice; at 30 s both read their mail twice
 * at once (Bob over POP3, Alice over IMAP). */
static void test_mra_together_start(struct test_world *w)
{
	test_world_start(w, &(struct test_world_parts){ .until = 90, .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'to': 'bob@ispb.example'},"
		"{'at': 1, 'do': 'send', 'id': 'm2', 'user': 'bob@ispb.example', 'to': 'alice@ispa.example'},"
		"{'at': 30, 'do': 'fetch', 'user': 'bob@ispb.example'},"
		"{'at': 30, 'do': 'fetch', 'user': 'bob@ispb.example'},"
		"{'at': 30, 'do': 'fetch', 'user': 'alice@ispa.example'},"
		"{'at': 30, 'do': 'fetch', 'user': 'alice@ispa.example'}" });
}

Test(mra_together, second_pop3_session_finds_the_maildrop_locked)
{
	struct test_world w;
	test_mra_together_start(&w);
	const char *pass[2];
	for (int k = 0; k < 2; k++)
		pass[k] = test_world_reply_to(&w, test_world_conn(&w, "bob-pc", 110, k), "PASS")->u.line.text;
	int first = strcmp(pass[0], "+OK Logged in.") == 0 ? 0 : 1;
	cr_expect_str_eq(pass[first], "+OK Logged in.");
	cr_expect_str_eq(pass[1 - first], "-ERR [IN-USE] Mailbox is locked by another POP3 session.");
	cr_expect_eq(test_world_count(&w, TR_FETCHED, test_world_host(&w, "bob-pc")), 1,
	             "the mail is downloaded once");
	cr_expect_eq(test_world_copies(&w, HOLD_FETCHED, "bob@ispb.example", "m1", NULL), 1);
	test_world_done(&w);
}

Test(mra_together, two_imap_sessions_share_the_mailbox_and_one_gets_recent)
{
	struct test_world w;
	test_mra_together_start(&w);
	int recent = 0;
	for (int k = 0; k < 2; k++) {
		const char *sel =
			test_world_reply_to(&w, test_world_conn(&w, "alice-pc", 143, k), "SELECT")->u.line.text;
		cr_expect(strstr(sel, "* 1 EXISTS\n") != NULL, "%s", sel);
		cr_expect(strstr(sel, "[UNSEEN 1]") != NULL, "%s", sel);
		cr_expect(strstr(sel, "a2 OK [READ-WRITE] Select completed.") != NULL, "%s", sel);
		recent += strstr(sel, "* 1 RECENT\n") != NULL;
		cr_expect(strstr(sel, "* 1 RECENT\n") || strstr(sel, "* 0 RECENT\n"), "%s", sel);
	}
	cr_expect_eq(recent, 1, "\\Recent goes to one session only");
	cr_expect_str_eq(test_world_state(&w, "m2", "alice@ispa.example"), "delivered");
	test_world_done(&w);
}

/* A password with a blank and quotes: LOGIN sends it as a quoted string
 * with the quotes escaped, and the server reads it back whole. */
Test(mra_together, imap_password_with_blanks_and_quotes_is_a_quoted_string)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60,
		.users = "{'address': 'erin@ispa.example', 'password': 'my \\\"secret\\\" pass',"
		         " 'mailbox': 'mail-a', 'mua': 'alice-pc', 'fetch': {'protocol': 'imap'}}",
		.actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'to': 'erin@ispa.example'},"
		"{'at': 30, 'do': 'fetch', 'user': 'erin@ispa.example'}" });
	int conn = test_world_conn(&w, "alice-pc", 143, 0);
	const struct trace_rec *login = test_world_cmd(&w, conn, "LOGIN", 0);
	cr_assert_not_null(login);
	cr_expect_str_eq(login->u.line.text, "a1 LOGIN erin@ispa.example \"my \\\"secret\\\" pass\"");
	cr_expect_str_eq(test_world_reply(&w, login)->u.line.text, "a1 OK [CAPABILITY IMAP4rev1 SASL-IR] Logged in");
	cr_expect_eq(test_world_copies(&w, HOLD_FETCHED, "erin@ispa.example", "m1", NULL), 1);
	test_world_done(&w);
}
