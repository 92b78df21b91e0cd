/* test_roles — the agents on separate hosts, as textbooks draw them: an
 * MSA without MTA hands every mail to its relay host over port 25 (a real
 * SMTP hop with its own Received line), an MRA without MDA serves the
 * mailboxes of its mail store, and each host answers only on the ports of
 * its roles. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "msg.h"
#include "narrate.h"
#include "sim.h"
#include "test_world.h"

/* ISP A's submission server msa-a (MSA only, handing to mail-a), ISP B's
 * mailbox server store-c for ispc.example (MTA and MDA) with the MRA mra-c
 * beside it, and Frank at ISP A who submits to msa-a.  relay is mail-a's
 * relay_networks (mynetworks): which clients it relays for. */
static struct test_world_parts roles_parts(const char *relay, const char *actions)
{
	struct test_world_parts p = { 0 };
	p.until = 120;
	p.mail_a = relay;
	p.hosts =
		"{'id': 'msa-a', 'network': 'ispa-servers', 'addr': '203.0.113.131',"
		" 'name': 'msa.ispa.example', 'roles': ['MSA'], 'relayhost': 'mail-a'},"
		"{'id': 'frank-pc', 'network': 'ispa-pool', 'addr': '203.0.113.11',"
		" 'name': 'frank-pc.ispa.example', 'roles': ['MUA']},"
		"{'id': 'store-c', 'network': 'ispb-servers', 'addr': '198.51.100.150',"
		" 'name': 'store.ispc.example', 'roles': ['MTA', 'MDA'], 'domains': ['ispc.example']},"
		"{'id': 'mra-c', 'network': 'ispb-servers', 'addr': '198.51.100.151',"
		" 'name': 'pop.ispc.example', 'roles': ['MRA'], 'mailstore': 'store-c'}";
	p.zones = "{'domain': 'ispc.example', 'mx': [{'pref': 10, 'host': 'store.ispc.example'}],"
	          " 'a': [{'name': 'store.ispc.example', 'addr': '198.51.100.150'}]}";
	p.users =
		"{'address': 'frank@ispa.example', 'name': 'Frank', 'password': 'frank-pass',"
		" 'mailbox': 'mail-a', 'mua': 'frank-pc', 'submit': {'host': 'msa-a', 'port': 587}},"
		"{'address': 'grace@ispc.example', 'name': 'Grace', 'password': 'grace-pass',"
		" 'mua': 'bob-pc', 'fetch': {'protocol': 'pop3'}}";
	p.actions = actions;
	return p;
}

#define ROLES_SEND(to) \
	"{'at': 1, 'do': 'send', 'id': 'm', 'user': 'frank@ispa.example', 'to': '" to "'," \
	" 'subject': 'hi', 'body': 'hello\\n'}"

/* The English sentence told for the first record of kind for message tag. */
static void roles_story(const struct sim *s, const char *tag, enum trace_kind kind,
                        struct sbuf *out)
{
	struct i18n *en = test_util_catalog(LANG_EN);
	int e = sim_ledger_find(s, tag);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	for (size_t i = 0; i < n; i++)
		if (tr[i].kind == kind && tr[i].msg == e) {
			narrate_tell(sim_scenario(s), en, NARRATE_PREFIX, &tr[i], out);
			break;
		}
	i18n_free(en);
}

Test(roles, an_msa_without_mta_hands_the_mail_to_its_relay_host)
{
	struct test_world w;
	struct test_world_parts p = roles_parts("'relay_networks': ['ispa-servers']",
	                                        ROLES_SEND("bob@ispb.example"));
	test_world_start(&w, &p);
	int msa = test_world_host(&w, "msa-a"), mta = test_world_host(&w, "mail-a");
	cr_expect_str_eq(test_world_state(&w, "m", "bob@ispb.example"), "delivered");

	/* The MSA takes the mail and says it hands it on: no MX look-up of
	 * its own, the relay host named. */
	const struct trace_rec *q = test_world_rec(&w, TR_QUEUED, msa, 0);
	cr_assert_not_null(q);
	cr_expect_eq(q->role, ROLE_MSA);
	cr_expect_eq(q->u.queued.how, TRACE_TAKE_MSA_RELAY);
	cr_expect_str_eq(q->u.queued.to, "mail.ispa.example");
	cr_expect_eq(test_world_count(&w, TR_DNS_QUERY, msa), 0, "relayhost: no MX look-up");
	struct sbuf b = { 0 };
	roles_story(w.s, "m", TR_QUEUED, &b);
	cr_assert_not_null(b.s);
	cr_expect(strstr(b.s, "has no MTA, so it does not relay the mail itself") != NULL, "%s", b.s);
	cr_expect(strstr(b.s, "port 25 to the MTA at mail.ispa.example") != NULL, "%s", b.s);
	sbuf_free(&b);

	/* A real SMTP session on port 25, as Postfix's smtp client speaks it. */
	int c = test_world_conn(&w, "msa-a", 25, 0);
	static const struct test_world_step want[] = {
		{ NULL, NULL, 220, "220 mail.ispa.example ESMTP" },
		{ "EHLO", "EHLO msa.ispa.example", 250, "250" },
		{ "STARTTLS", NULL, 220, "220" },
		{ "EHLO", NULL, 250, "250" },
		{ "MAIL", NULL, 250, "250" },
		{ "RCPT", "RCPT TO:<bob@ispb.example>", 250, "250" },
		{ "DATA", NULL, 354, "354" },
		{ ".", NULL, 250, "250" },
		{ "QUIT", NULL, 221, "221" },
	};
	test_world_expect_dialogue(&w, c, want, sizeof want / sizeof *want);

	/* Then the MTA relays it by MX; Bob's copy has a Received line per
	 * server that took it: the MSA, ISP A's MTA, ISP B's MTA. */
	cr_expect_eq(test_world_count(&w, TR_DNS_QUERY, mta), 1);
	const struct msg *m = test_world_stored(&w, "m", "bob@ispb.example");
	cr_assert_not_null(m);
	cr_expect_eq(msg_header_count(m, "Received"), 3);
	const char *r1 = test_world_field(&w, m, "Received", 1);
	cr_assert_not_null(r1);
	cr_expect(strncmp(r1, "from msa.ispa.example (msa.ispa.example [203.0.113.131])", 56) == 0,
	          "%s", r1);
	cr_expect(strstr(r1, "by mail.ispa.example") != NULL, "%s", r1);
	const char *r2 = test_world_field(&w, m, "Received", 2);
	cr_expect(strncmp(r2, "from frank-pc.ispa.example", 26) == 0, "%s", r2);
	cr_expect(strstr(r2, "by msa.ispa.example") != NULL, "%s", r2);
	test_world_done(&w);
}

Test(roles, local_mail_goes_through_the_relay_host_too)
{
	/* The MSA keeps no mailbox: mail for its own domain goes on to the MTA
	 * as well, and is stored there. */
	struct test_world w;
	struct test_world_parts p = roles_parts("'relay_networks': ['ispa-servers']",
	                                        ROLES_SEND("dave@ispa.example"));
	test_world_start(&w, &p);
	cr_expect_str_eq(test_world_state(&w, "m", "dave@ispa.example"), "delivered");
	const struct msg *m = test_world_stored(&w, "m", "dave@ispa.example");
	cr_assert_not_null(m);
	cr_expect_eq(msg_header_count(m, "Received"), 2);
	test_world_done(&w);
}

Test(roles, a_relay_host_that_does_not_trust_the_msa_refuses_and_the_msa_bounces)
{
	/* mail-a relays only for its own customers' pool, not for msa-a's
	 * network: 554 Relay access denied, and the MSA's queue returns the
	 * mail to Frank, telling it as the MSA (it has no MTA). */
	struct test_world w;
	struct test_world_parts p = roles_parts("'relay_networks': ['ispa-pool']",
	                                        ROLES_SEND("bob@ispb.example"));
	test_world_start(&w, &p);
	int msa = test_world_host(&w, "msa-a");
	cr_expect_str_eq(test_world_state(&w, "m", "bob@ispb.example"), "bounced");
	const struct ledger_rcpt *r = test_world_rcpt(&w, "m", "bob@ispb.example");
	cr_expect_eq(r->code, 554);
	const struct trace_rec *bo = test_world_rec(&w, TR_BOUNCE, msa, 0);
	cr_assert_not_null(bo);
	cr_expect_eq(bo->role, ROLE_MSA);
	struct sbuf b = { 0 };
	roles_story(w.s, "m.bounce", TR_BOUNCE, &b);
	cr_assert_not_null(b.s);
	cr_expect(strncmp(b.s, "The MSA on ", 11) == 0, "%s", b.s);
	sbuf_free(&b);
	cr_expect_str_eq(test_world_state(&w, "m.bounce", "frank@ispa.example"), "delivered");
	test_world_done(&w);
}

Test(roles, each_host_answers_only_on_the_ports_of_its_roles)
{
	/* Eve tries port 25 of the MSA-only host: nothing listens there. */
	struct test_world w;
	struct test_world_parts p = roles_parts(
		"'relay_networks': ['ispa-servers']",
		"{'at': 1, 'do': 'send', 'id': 'e', 'user': 'eve@outside.example', 'via': 'msa-a',"
		" 'port': 25, 'to': 'bob@ispb.example', 'subject': 'x', 'body': 'x\\n'}");
	test_world_start(&w, &p);
	int eve = test_world_host(&w, "eve-pc");
	cr_expect_eq(test_world_count(&w, TR_REFUSED, eve), 1, "port 25 refused on an MSA-only host");
	cr_expect_eq(test_world_count(&w, TR_CMD, test_world_host(&w, "msa-a")), 0);
	test_world_done(&w);
}

Test(roles, an_mra_without_mda_serves_the_mailboxes_of_its_mail_store)
{
	struct test_world w;
	struct test_world_parts p = roles_parts(
		"'relay_networks': ['ispa-servers']",
		ROLES_SEND("grace@ispc.example") ","
		"{'at': 30, 'do': 'fetch', 'user': 'grace@ispc.example'}");
	test_world_start(&w, &p);
	int store = test_world_host(&w, "store-c"), mra = test_world_host(&w, "mra-c");
	const struct ledger_rcpt *r = test_world_rcpt(&w, "m", "grace@ispc.example");
	cr_expect_str_eq(test_world_state(&w, "m", "grace@ispc.example"), "delivered");
	cr_expect_eq(r->node, store, "stored by the MDA of the mail store");
	/* Bob's PC (Grace's mail program) reads it from the MRA on port 110. */
	int c = test_world_conn(&w, "bob-pc", 110, 0);
	const struct trace_rec *user = test_world_cmd(&w, c, "PASS", 0);
	cr_assert_not_null(user);
	cr_expect_eq(user->node, mra, "the MRA host answers the POP3 session");
	cr_expect(strncmp(test_world_reply(&w, user)->u.line.text, "+OK", 3) == 0);
	const struct trace_rec *f = test_world_rec(&w, TR_FETCHED, -1, 0);
	cr_assert_not_null(f, "Grace's mail program fetched the mail");
	test_world_done(&w);
}


Test(roles, an_mta_with_a_relayhost_delivers_its_own_domains_and_hands_on_the_rest)
{
	/* mail-a as Postfix with relayhost = [smart.ispa.example]: Dave's copy
	 * is stored at once, Bob's goes through the smarthost, not by MX. */
	struct test_world w;
	struct test_world_parts p = roles_parts(
		"'relay_networks': ['ispa-servers'], 'relayhost': 'smart-a'",
		"{'at': 1, 'do': 'send', 'id': 'm', 'user': 'alice@ispa.example',"
		" 'to': ['bob@ispb.example', 'dave@ispa.example'], 'subject': 'hi', 'body': 'x\\n'}");
	p.hosts = "{'id': 'msa-a', 'network': 'ispa-servers', 'addr': '203.0.113.131',"
	          " 'name': 'msa.ispa.example', 'roles': ['MSA'], 'relayhost': 'mail-a'},"
	          "{'id': 'smart-a', 'network': 'ispa-servers', 'addr': '203.0.113.140',"
	          " 'name': 'smart.ispa.example', 'roles': ['MTA'], 'relay_networks': ['ispa-servers']}";
	p.zones = NULL;
	p.users = NULL;
	test_world_start(&w, &p);
	int mail_a = test_world_host(&w, "mail-a"), smart = test_world_host(&w, "smart-a");
	cr_expect_eq(test_world_count(&w, TR_DNS_QUERY, mail_a), 0, "no MX look-up at mail-a");
	cr_expect_eq(test_world_count(&w, TR_DNS_QUERY, smart), 1, "the smarthost looks up the MX");
	const struct msg *d = test_world_stored(&w, "m", "dave@ispa.example");
	const struct msg *b = test_world_stored(&w, "m", "bob@ispb.example");
	cr_assert(d && b);
	cr_expect_eq(msg_header_count(d, "Received"), 1, "stored where it was submitted");
	cr_expect_eq(msg_header_count(b, "Received"), 3, "mail-a, the smarthost, mail-b");
	const char *r1 = test_world_field(&w, b, "Received", 1);
	cr_expect(strncmp(r1, "from mail.ispa.example", 22) == 0 && strstr(r1, "by smart.ispa.example"),
	          "%s", r1);
	const struct trace_rec *q = test_world_rec(&w, TR_QUEUED, mail_a, 0);
	cr_assert_not_null(q);
	cr_expect_eq(q->u.queued.how, TRACE_TAKE_MSA, "an MSA with an MTA beside it");
	test_world_done(&w);
}

/* An attacker's own PC is as rogue as a bot -- it goes straight to the MX
 * and the story says so -- but the trace names it an attacker, not an
 * infected PC (the map gives it no BOT badge); a host cannot be both. */
static struct test_world_parts roles_rogue_parts(const char *flags)
{
	static char host[256];
	struct test_world_parts p = { 0 };
	p.until = 60;
	snprintf(host, sizeof host,
	         "{'id': 'evil-pc', 'network': 'ispb-pool', 'addr': '198.51.100.66',"
	         " 'name': 'p066.dyn.ispb.example', 'roles': ['MUA'], %s}", flags);
	p.hosts = host;
	p.actions = "{'at': 1, 'do': 'send', 'id': 'x', 'host': 'evil-pc', 'direct': true,"
	            " 'mail_from': 'ceo@ispa.example', 'to': 'bob@ispb.example', 'subject': 'pay', 'body': 'now\\n'}";
	return p;
}

Test(roles, an_attackers_pc_sends_like_a_bot_but_is_not_called_infected)
{
	static const char *const flags[2] = { "'attacker': true", "'bot': true" };
	static const enum trace_origin want[2] = { TRACE_ORIGIN_ATTACKER, TRACE_ORIGIN_BOT };
	for (int k = 0; k < 2; k++) {
		struct test_world_parts p = roles_rogue_parts(flags[k]);
		struct test_world w;
		test_world_start(&w, &p);
		int evil = test_world_host(&w, "evil-pc");
		cr_expect_eq(w.sc->hosts[evil].attacker, k == 0);
		cr_expect_eq(w.sc->hosts[evil].bot, k == 1);
		const struct trace_rec *r = test_world_rec(&w, TR_COMPOSE, evil, 0);
		cr_assert_not_null(r);
		cr_expect_eq(r->origin, want[k], "%s", flags[k]);
		struct sbuf story = { 0 };
		roles_story(w.s, "x", TR_COMPOSE, &story);
		cr_expect(strstr(story.s, "straight to the recipient's MX"), "%s: %s", flags[k], story.s);
		sbuf_reset(&story);
		roles_story(w.s, "x", TR_DNS_QUERY, &story);
		cr_expect(strstr(story.s, "skips the mail servers"), "%s: %s", flags[k], story.s);
		free(story.s);
		test_world_done(&w);
	}
	struct test_world_parts both = roles_rogue_parts("'attacker': true, 'bot': true");
	char *errs = test_world_errors("t.json", &both);
	cr_expect(strstr(errs, "/attacker: expected either bot or attacker, found both"), "%s", errs);
	free(errs);
}
