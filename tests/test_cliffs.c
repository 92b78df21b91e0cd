/* test_cliffs — the sizes where a run once fell off a cliff, kept as tests:
 * ten thousand Bcc recipients cost ten thousand squared address
 * comparisons (2.6 s at 10,000, 8.4 s at 20,000), a lesson may not ask for
 * more copies of mail than a run can hold, and a queue cannot spin.
 * make bench prints their time and memory (bench_cliffs.c). */
/* memmem (glibc: _GNU_SOURCE) */
#define _GNU_SOURCE
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "narrate.h"
#include "sim.h"
#include "test_world.h"
#include "util.h"

/* A send action from Alice to Bob with n Bcc recipients at ISP B, none of
 * whom has a mailbox there (mail-b refuses each at RCPT, mail-a bounces
 * them all in one report).  The caller frees it. */
static char *test_cliffs_bcc_action(int n)
{
	struct sbuf a = { 0 };
	sbuf_adds(&a, "{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
	              " 'to': 'bob@ispb.example', 'subject': 'many', 'bcc': [");
	for (int i = 0; i < n; i++)
		sbuf_addf(&a, "%s'u%d@ispb.example'", i ? ", " : "", i);
	sbuf_adds(&a, "]}");
	return sbuf_take(&a);
}

/* Run the world with n Bcc recipients and check that every one of them
 * ended where Postfix would put it. */
static void test_cliffs_bcc_run(int n)
{
	char *action = test_cliffs_bcc_action(n);
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 3600, .actions = action });
	const struct ledger_entry *e = sim_ledger(w.s, (size_t)sim_ledger_find(w.s, "m1"));
	cr_assert_eq(e->nrcpts, n + 1, "Bob and the %d Bcc recipients, each once", n);
	int bounced = 0;
	for (int k = 0; k < e->nrcpts; k++)
		bounced += e->rcpts[k].state == LS_BOUNCED && e->rcpts[k].code == 550;
	cr_expect_eq(bounced, n, "every unknown Bcc recipient bounced with mail-b's 550");
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "delivered");
	cr_expect_str_eq(test_world_state(&w, "m1.bounce", "alice@ispa.example"), "delivered",
	                 "one report about all of them");
	test_world_done(&w);
	free(action);
}

/* The ledger, the mail program and the audit look recipients up by hash:
 * 16,000 Bcc recipients end where Postfix would put them.  Speed is
 * measured by make bench (bench cliffs), not here (a return of the
 * quadratic cost would take minutes and show there).  No criterion
 * .timeout: in Debian's criterion 2.4 it leaked in the runner under
 * LeakSanitizer. */
Test(cliffs, sixteen_thousand_bcc_recipients_each_end_right)
{
	test_cliffs_bcc_run(16000);
}

/* A bot's mail straight to n domains that do not exist (mail-a sends it
 * direct): one job per domain and one 5.4.4 bounce each. */
static void test_cliffs_domains_run(int n)
{
	struct sbuf a = { 0 };
	sbuf_adds(&a, "{'at': 1, 'do': 'send', 'id': 'm1', 'host': 'mail-a', 'direct': true,"
	              " 'mail_from': 'alice@ispa.example', 'to': 'bob@ispb.example', 'bcc': [");
	for (int i = 0; i < n; i++)
		sbuf_addf(&a, "%s'u@d%d.example'", i ? ", " : "", i);
	sbuf_adds(&a, "]}");
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 600, .actions = a.s });
	char tag[32];
	snprintf(tag, sizeof tag, "m1.bounce%d", n);
	cr_expect_geq(sim_ledger_find(w.s, tag), 0, "one bounce per dead domain, up to %s", tag);
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "delivered");
	test_world_done(&w);
	sbuf_free(&a);
}

/* Each bounce was named by searching the ledger for TAG.bounce, then
 * TAG.bounce2 … one by one, and the mail program grouped the recipients
 * by domain pairwise: 1,000 domains took 5.4 s, 5,000 took 485 s. */
Test(cliffs, mail_to_thousands_of_dead_domains_bounces_once_each)
{
	test_cliffs_domains_run(4000);
}

/* Alice's mail to n Bcc recipients sent straight to the MX, which OP25B
 * blocks: the run and the headless outcome table, where every line says
 * the copy stays in the outbox. */
static void test_cliffs_blocked_run(int n)
{
	char *action = test_cliffs_bcc_action(n);
	struct sbuf a = { 0 };
	sbuf_adds(&a, action);
	a.len -= 1;   /* "…]}" -> "…]", then direct */
	a.s[a.len] = '\0';
	sbuf_adds(&a, ", 'direct': true}");
	struct i18n *cats[2] = { test_util_catalog(LANG_EN), NULL };
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 120, .actions = a.s });
	struct narrator *nr = narrator_new(w.s, cats, f);
	narrator_summary(nr);
	narrator_free(nr);
	fclose(f);
	/* memmem, not strstr: the sanitizers' strstr measures the rest of the
	 * text at each call, which made this loop quadratic (12 s there) */
	static const char held_s[] = "(the mail stays in the outbox)";
	int held = 0;
	for (const char *p = out, *end = out + len; (p = memmem(p, (size_t)(end - p), held_s, sizeof held_s - 1)) != NULL; p++)
		held++;
	cr_expect_eq(held, n + 1, "every blocked recipient's copy stays in the outbox");
	free(out);
	i18n_free(cats[0]);
	test_world_done(&w);
	sbuf_free(&a);
	free(action);
}

/* The mail program grouped the recipients of a direct send by domain
 * pairwise, and the outcome table asked for each blocked line whether the
 * outbox still holds it by scanning every copy: 10,000 took 9 s. */
Test(cliffs, sixteen_thousand_blocked_recipients_stay_in_the_outbox)
{
	test_cliffs_blocked_run(16000);
}

/* A forwarded recipient of a message with many recipients is still found
 * by its new address (the hash index follows forwarding). */
Test(cliffs, forwarding_in_a_big_message_keeps_the_ledger_exact)
{
	struct sbuf a = { 0 };
	sbuf_adds(&a, "{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
	              " 'to': 'carol@ispb.example', 'cc': 'bob@ispb.example', 'bcc': [");
	for (int i = 0; i < 40; i++)
		sbuf_addf(&a, "%s'u%d@ispb.example'", i ? ", " : "", i);
	sbuf_adds(&a, "]}");
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 120, .actions = a.s,
		.bob = "'forward': 'dave@ispa.example'" });
	const struct ledger_rcpt *lr = test_world_rcpt(&w, "m1", "bob@ispb.example");
	cr_expect_eq(lr->state, LS_DELIVERED);
	cr_expect_str_eq(lr->cur, "dave@ispa.example");
	cr_expect_str_eq(lr->mailbox, "dave@ispa.example");
	cr_expect_str_eq(test_world_state(&w, "m1", "carol@ispb.example"), "delivered");
	test_world_done(&w);
	sbuf_free(&a);
}

/* A lesson asking for more copies of mail than a run can hold (a mailbox
 * of 100,000 mails took 30 s and 870 MB) is one located error naming the
 * action that passes the bound. */
Test(cliffs, too_many_copies_is_one_located_error)
{
	char *errs = test_world_errors("t.json", &(struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		" 'to': ['bob@ispb.example', 'carol@ispb.example'], 'count': 20000},"
		"{'at': 2, 'do': 'send', 'id': 'm2', 'user': 'alice@ispa.example',"
		" 'to': 'bob@ispb.example', 'count': 10001}" });
	cr_expect_str_eq(errs, "t.json: /actions/1: expected at most 50000 copies of mail in the "
	                 "whole lesson (count x recipients, summed over the send actions), found "
	                 "50001 with this action's 10001\n");
	free(errs);
	/* At the bound it loads. */
	struct scenario *sc = test_world_scenario(&(struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		" 'to': ['bob@ispb.example', 'carol@ispb.example'], 'count': 25000}" });
	scenario_free(sc);
}

/* A queue whose retry minimum is the smallest a lesson may give (1 s)
 * still ends: retries wait the message's age, so a message to a dead MX
 * is tried a bounded number of times in its lifetime and then bounced. */
Test(cliffs, shortest_retry_minimum_still_ends)
{
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 3 * 86400,
		.mail_a = "'queue': {'retry_min': 1, 'lifetime': 86400}",
		.rules_b = "{'name': 'dead', 'action': 'drop', 'port': 25, 'to': ['net:ispb-servers']}",
		.actions = "{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		           " 'to': 'bob@ispb.example'}" });
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "bounced");
	int node = test_world_host(&w, "mail-a");
	int tries = test_world_count(&w, TR_CONNECT, node);
	/* 1, 2, 4 … 2048 s, then every 4000 s: about 33 tries in a day. */
	cr_expect(tries > 20 && tries < 60, "%d connection attempts in a day", tries);
	cr_expect_eq(sim_events_pending(w.s), 0);
	test_world_done(&w);
}
