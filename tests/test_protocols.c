/* test_protocols — SPF evaluation, DSN structure, the hop limit, AUTH
 * LOGIN, host groups and counting expectations: the mechanisms behind the
 * spam lessons. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "i18n.h"
#include "narrate.h"
#include "sim.h"
#include "spf.h"
#include "test_util.h"
#include "test_world.h"

/* A bot of the test world's ISP C (whose router has no OP25B), standing for
 * count machines from 10.9.0.10 on. */
#define PROTO_BOT(count) \
	"{'id': 'bot', 'network': 'ispc-pool', 'addr': '10.9.0.10', 'name': 'bot.c.example'," \
	" 'roles': ['MUA'], 'bot': true, 'count': " #count "}"

/* The test world with ISP C and its bot (PROTO_BOT(1) unless p says
 * otherwise), and the SPF and DMARC records the checks look at: ispa.example
 * allows its MX only and asks receivers to reject what fails DMARC;
 * ispb.example publishes nothing; the other domains each show one SPF
 * mechanism. */
static struct test_world_parts proto_parts(struct test_world_parts p)
{
	p.networks = "{'id': 'ispc-pool', 'cidr': '10.9.0.0/16', 'kind': 'dynamic', 'isp': 'ispc'}";
	p.routers = "{'id': 'ispc-gw', 'links': ['ispc-pool', 'internet']}";
	if (!p.hosts)
		p.hosts = PROTO_BOT(1);
	p.zone_a = TEST_WORLD_ZONE_A ", 'txt': ['v=spf1 mx -all']";
	p.zones = "{'domain': '_dmarc.ispa.example', 'txt': ['v=DMARC1; p=reject']},"
	          "{'domain': 'inc.example', 'txt': ['v=spf1 include:ispa.example ~all']},"
	          "{'domain': 'redir.example', 'txt': ['v=spf1 redirect=ispa.example']},"
	          "{'domain': 'two.example', 'txt': ['v=spf1 -all', 'v=spf1 +all']},"
	          "{'domain': 'net.example', 'txt': ['v=spf1 ip4:10.9.0.0/16 ?all']}";
	return p;
}

/* Load and run the world of these tests to its end. */
static void proto_start(struct test_world *w, struct test_world_parts p)
{
	p = proto_parts(p);
	test_world_start(w, &p);
}

Test(protocols, spf_mechanisms)
{
	struct test_world w;
	struct test_world_parts p = proto_parts((struct test_world_parts){ 0 });
	test_world_load(&w, &p);
	const struct scenario *sc = w.sc;
	uint32_t ma, pc, bot;
	scenario_parse_ipv4("203.0.113.130", &ma);
	scenario_parse_ipv4("203.0.113.10", &pc);
	scenario_parse_ipv4("10.9.0.10", &bot);
	char why[64];
	cr_expect_eq(spf_check(sc, ma, "ispa.example", why, sizeof why), SPF_PASS);
	cr_expect_str_eq(why, "+mx");
	cr_expect_eq(spf_check(sc, pc, "ispa.example", why, sizeof why), SPF_FAIL);
	cr_expect_str_eq(why, "-all");
	cr_expect_eq(spf_check(sc, ma, "inc.example", NULL, 0), SPF_PASS, "include: passes through");
	cr_expect_eq(spf_check(sc, pc, "inc.example", NULL, 0), SPF_SOFTFAIL,
	             "an include that fails does not match; ~all decides");
	cr_expect_eq(spf_check(sc, pc, "redir.example", NULL, 0), SPF_FAIL,
	             "redirect= uses ispa.example");
	cr_expect_eq(spf_check(sc, ma, "ispb.example", NULL, 0), SPF_NONE, "no SPF record");
	cr_expect_eq(spf_check(sc, ma, "two.example", NULL, 0), SPF_PERMERROR, "two records");
	cr_expect_eq(spf_check(sc, bot, "net.example", NULL, 0), SPF_PASS, "ip4 with a prefix");
	cr_expect_eq(spf_check(sc, ma, "net.example", NULL, 0), SPF_NEUTRAL, "?all");
	test_world_done(&w);
}

/* The English sentences told for message tag's records of one kind, one
 * per line. */
static void proto_story(const struct sim *s, const char *tag, enum trace_kind kind, struct sbuf *out)
{
	struct i18n *en = test_util_catalog(LANG_EN);
	int e = sim_ledger_find(s, tag);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	for (size_t i = 0; i < n; i++) {
		if (tr[i].kind != kind || tr[i].msg != e)
			continue;
		narrate_tell(sim_scenario(s), en, NARRATE_PREFIX, &tr[i], out);
		sbuf_addc(out, '\n');
	}
	i18n_free(en);
}

Test(protocols, alignment_sentence_when_spf_did_not_pass)
{
	/* ispb.example publishes no SPF: the check says none, and the header
	 * From names the same domain.  That is not "ispb.example does not
	 * match ispb.example" (issue 16): nothing was verified to align with, and
	 * ispb.example has no DMARC policy either. */
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .mail_b = "'spf': 'tag'", .actions =
		"{'at': 1, 'do': 'send', 'id': 'n', 'host': 'bot', 'direct': true,"
		" 'mail_from': 'news@ispb.example', 'from': 'news@ispb.example', 'to': 'bob@ispb.example'}" });
	struct sbuf b = { 0 };
	proto_story(w.s, "n", TR_SPF, &b);
	cr_assert_not_null(b.s);
	cr_expect(strstr(b.s, "publishes no SPF record (none)") != NULL, "%s", b.s);
	sbuf_reset(&b);
	proto_story(w.s, "n", TR_DMARC, &b);
	cr_assert_not_null(b.s);
	cr_expect(strstr(b.s, "ispb.example publishes no DMARC policy, so DMARC does not apply") != NULL,
	          "%s", b.s);
	cr_expect(strstr(b.s, "does not match") == NULL, "%s", b.s);
	sbuf_free(&b);
	test_world_done(&w);
}

Test(protocols, a_bot_sending_through_a_relay_is_not_said_to_go_straight_to_the_mx)
{
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 'v', 'host': 'bot', 'via': 'mail-a',"
		" 'mail_from': 'x@c.example', 'to': 'bob@ispb.example'},"
		"{'at': 2, 'do': 'send', 'id': 'd', 'host': 'bot', 'direct': true,"
		" 'mail_from': 'x@c.example', 'to': 'bob@ispb.example'}" });
	struct sbuf b = { 0 };
	proto_story(w.s, "v", TR_COMPOSE, &b);
	cr_assert_not_null(b.s);
	cr_expect(strstr(b.s, "hands the mail to") != NULL, "%s", b.s);
	cr_expect(strstr(b.s, "straight to") == NULL, "%s", b.s);
	sbuf_reset(&b);
	proto_story(w.s, "d", TR_COMPOSE, &b);
	cr_expect(strstr(b.s, "straight to the recipient's MX") != NULL, "%s", b.s);
	sbuf_free(&b);
	test_world_done(&w);
}

Test(protocols, spf_reject_at_rcpt)
{
	/* A bot forges alice@ispa.example as envelope sender; mail-b checks SPF. */
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .mail_b = "'spf': 'reject'", .actions =
		"{'at': 1, 'do': 'send', 'id': 'f', 'host': 'bot', 'direct': true,"
		" 'mail_from': 'alice@ispa.example', 'to': 'bob@ispb.example', 'subject': 'x'}" });
	const struct ledger_rcpt *r = test_world_rcpt(&w, "f", "bob@ispb.example");
	cr_expect_eq(r->state, LS_REJECTED);
	cr_expect_eq(r->code, 550);
	cr_expect(strstr(r->reason, "5.7.23") != NULL, "reason: %s", r->reason);
	/* postfix-policyd-spf's default reason: the identity checked, the
	 * client's address, the recipient hidden (Hide_Receiver = Yes). */
	int conn = test_world_conn(&w, "bot", 25, 0);
	cr_expect_str_eq(test_world_reply_to(&w, conn, "RCPT")->u.line.text,
	                 "550 5.7.23 <bob@ispb.example>: Recipient address rejected: Message rejected due to: "
	                 "SPF fail - not authorized. Please see "
	                 "http://www.openspf.net/Why?s=mfrom;id=alice@ispa.example;ip=10.9.0.10;r=<UNKNOWN>");
	test_world_done(&w);
}

Test(protocols, spf_tag_headers)
{
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .mail_b = "'spf': 'tag'", .actions =
		"{'at': 1, 'do': 'send', 'id': 'm', 'user': 'alice@ispa.example', 'to': 'bob@ispb.example'}" });
	const struct msg *m = test_world_stored(&w, "m", "bob@ispb.example");
	cr_assert_not_null(m);
	/* postfix-policyd-spf's field with its defaults: the recipient hidden
	 * (Hide_Receiver = Yes), a blank at the end; no spf= of its own in
	 * Authentication-Results (Header_Type = SPF). */
	const char *v = test_world_field(&w, m, "Received-SPF", 0);
	cr_assert_not_null(v);
	cr_expect_str_eq(v, "Pass (mailfrom) identity=mailfrom; client-ip=203.0.113.130; "
	                    "helo=mail.ispa.example; envelope-from=alice@ispa.example; receiver=<UNKNOWN> ");
	/* OpenDMARC's own field. */
	v = test_world_field(&w, m, "Authentication-Results", 0);
	cr_assert_not_null(v);
	cr_expect_str_eq(v, "mail.ispb.example; dmarc=pass (p=reject dis=none) header.from=ispa.example");
	cr_expect_eq(msg_header_count(m, "Authentication-Results"), 1, "no DKIM check, no dkim=");
	/* What the receiving server's checks added stands above its own
	 * Received line (RFC 7208 section 9.1): after Return-Path,
	 * X-Original-To and Delivered-To come Authentication-Results,
	 * Received-SPF, then the newest Received. */
	static const char *const order[] = { "Return-Path", "X-Original-To", "Delivered-To",
	                                     "Authentication-Results", "Received-SPF", "Received" };
	for (int i = 0; i < 6; i++)
		cr_expect_eq(test_world_field_index(m, order[i], 0), i, "%s", order[i]);
	cr_expect(strstr(test_world_field(&w, m, "Received", 0), "by mail.ispb.example") != NULL,
	          "the Received under them is the receiver's own");
	test_world_done(&w);
}

Test(protocols, dsn_structure)
{
	/* alice mails a user ispb.example does not have: 550 5.1.1 at RCPT, so
	 * mail-a returns a DSN to alice. */
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 'm', 'user': 'alice@ispa.example',"
		" 'to': 'nobody@ispb.example', 'subject': 'hello'}" });
	const struct ledger_rcpt *r = test_world_rcpt(&w, "m", "nobody@ispb.example");
	cr_expect_eq(r->state, LS_BOUNCED);
	cr_expect_eq(r->code, 550);
	const struct ledger_rcpt *b = test_world_rcpt(&w, "m.bounce", "alice@ispa.example");
	cr_expect_eq(b->state, LS_DELIVERED);
	const struct msg *d = test_world_stored(&w, "m.bounce", "alice@ispa.example");
	cr_assert_not_null(d);
	cr_expect_str_eq(d->mail_from, "", "a bounce has the null sender");
	const char *from = test_world_field(&w, d, "From", 0);
	const char *type = test_world_field(&w, d, "Content-Type", 0);
	const char *rp = test_world_field(&w, d, "Return-Path", 0);
	cr_assert(from && type && rp);
	cr_expect_str_eq(from, "Mail Delivery System <MAILER-DAEMON@mail.ispa.example>");
	cr_expect(strstr(type, "multipart/report; report-type=delivery-status") != NULL, "%s", type);
	cr_expect_str_eq(rp, "<>");
	cr_expect(strstr(d->body, "Content-Type: message/delivery-status") != NULL);
	cr_expect(strstr(d->body, "Final-Recipient: rfc822; nobody@ispb.example") != NULL);
	cr_expect(strstr(d->body, "Status: 5.1.1") != NULL);
	cr_expect(strstr(d->body, "Diagnostic-Code: smtp; 550 5.1.1") != NULL);
	cr_expect(strstr(d->body, "Content-Description: Undelivered Message\r\n"
	                          "Content-Type: message/rfc822\r\n") != NULL, "the whole message returns");
	cr_expect(strstr(d->body, "Subject: hello") != NULL, "the original header is attached");
	/* And it parses back as a message. */
	size_t len;
	char *text = msg_serialize(d, &len);
	char err[128];
	struct msg *p = msg_parse(text, len, err, sizeof err);
	cr_expect_not_null(p, "%s", err);
	msg_free(p);
	free(text);
	test_world_done(&w);
}

Test(protocols, no_bounce_to_a_bounce)
{
	/* The bounce goes to an envelope sender at ispb.example that does not
	 * exist: it cannot be delivered and is discarded, not bounced again. */
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 'm', 'host': 'bot', 'direct': true,"
		" 'mail_from': 'ghost@ispb.example', 'to': 'nobody@ispa.example'}" });
	/* mail-a rejects nobody@ispa at RCPT: the bot (no queue) records a
	 * rejection. */
	cr_expect_eq(test_world_rcpt(&w, "m", "nobody@ispa.example")->state, LS_REJECTED);
	cr_expect_eq(sim_ledger_find(w.s, "m.bounce"), -1, "a bot sends no bounces");
	test_world_done(&w);

	/* Now through alice's MSA: mail-a relays to mail-b, where bob forwards
	 * to ghost@ispa.example, which mail-a rejects (550); mail-b must not
	 * bounce the null-sender mail: it is discarded. */
	proto_start(&w, (struct test_world_parts){ .bob = "'forward': 'ghost@ispa.example'",
		.actions = "{'at': 1, 'do': 'send', 'id': 'm', 'user': 'alice@ispa.example',"
		           " 'mail_from': '', 'to': 'bob@ispb.example'}" });
	const struct ledger_rcpt *r = test_world_rcpt(&w, "m", "bob@ispb.example");
	cr_expect_eq(r->state, LS_DISCARDED, "state %s", ledger_state_names[r->state]);
	test_world_done(&w);
}

/* A null sender is glossed as one: "bounces go back to this address" is
 * false for MAIL FROM:<> (RFC 5321 §4.5.5), and the ordinary sender keeps
 * its gloss. */
Test(protocols, null_sender_has_its_own_gloss)
{
	struct test_world w;
	test_world_load(&w, &(struct test_world_parts){ .until = 60,
		.actions = "{'at': 1, 'do': 'send', 'id': 'n', 'user': 'alice@ispa.example',"
		           " 'mail_from': '', 'to': 'bob@ispb.example'},"
		           "{'at': 5, 'do': 'send', 'id': 'm', 'user': 'alice@ispa.example',"
		           " 'to': 'bob@ispb.example'}" });
	struct i18n *cats[3] = { test_util_catalog(LANG_EN), test_util_catalog(LANG_JA), NULL };
	char *text = test_world_run_narrated(&w, SEC(60), cats);
	const char *null = strstr(text, "C: MAIL FROM:<>");
	const char *plain = strstr(text, "C: MAIL FROM:<alice@ispa.example>");
	cr_assert(null && plain, "%s", text);
	const char *want = "↳ The null envelope sender";
	const char *gloss = strstr(null, "↳");
	cr_assert_not_null(gloss);
	cr_expect(strncmp(gloss, want, strlen(want)) == 0, "%.200s", gloss);
	cr_expect(strstr(gloss, "空のエンベロープ差出人") != NULL && strstr(gloss, "空のエンベロープ差出人") < plain);
	cr_expect(strstr(null, "Bounces go back") == NULL || strstr(null, "Bounces go back") > plain,
	          "the null sender is not told bounces go back to it");
	cr_expect(strstr(plain, "Bounces go back to this address") != NULL);
	free(text);
	i18n_free(cats[0]);
	i18n_free(cats[1]);
	test_world_done(&w);
}

/* alice forwards to bob, bob forwards to alice: each MDA marks the copy
 * with Delivered-To before forwarding it, so when it comes back to mail-b
 * the loop shows and mail-b bounces it (Postfix's local(8): "mail
 * forwarding loop for …", 5.4.6) long before the hop limit. */
Test(protocols, forwarding_loop_across_servers_is_bounced)
{
	struct test_world w;
	proto_start(&w, (struct test_world_parts){
		.alice = "'forward': 'bob@ispb.example'", .bob = "'forward': 'alice@ispa.example'",
		.actions = "{'at': 1, 'do': 'send', 'id': 'm', 'host': 'alice-pc',"
		           " 'user': 'alice@ispa.example', 'mail_from': 'alice@ispa.example',"
		           " 'to': 'bob@ispb.example'}" });
	const struct ledger_rcpt *r = test_world_rcpt(&w, "m", "bob@ispb.example");
	cr_expect_eq(r->state, LS_BOUNCED, "%s", ledger_state_names[r->state]);
	cr_expect_str_eq(r->reason, "mail forwarding loop for bob@ispb.example");
	cr_expect_eq(r->node, test_world_host(&w, "mail-b"));
	size_t n;
	const struct trace_rec *tr = sim_trace(w.s, &n);
	int loops = 0, hops = 0;
	for (size_t i = 0; i < n; i++) {
		if (tr[i].kind == TR_BOUNCE && tr[i].u.bounce.why == TRACE_BOUNCE_FWD_LOOP) {
			loops++;
			cr_expect_str_eq(tr[i].u.bounce.status, "5.4.6");
		}
		hops += tr[i].kind == TR_REPLY && tr[i].u.line.code == 554;
	}
	cr_expect_eq(loops, 1);
	cr_expect_eq(hops, 0, "caught before the hop limit");
	/* The bounce goes to alice, whose forward sends it round once more;
	 * a bounce of a bounce is never written: it ends discarded. */
	const struct ledger_rcpt *b = test_world_rcpt(&w, "m.bounce", "alice@ispa.example");
	cr_expect(b->state == LS_DISCARDED || b->state == LS_DELIVERED, "%s",
	          ledger_state_names[b->state]);
	cr_expect_eq(sim_ledger_find(w.s, "m.bounce.bounce"), -1);
	test_world_done(&w);
}

/* A ring of forwards on one server (Bob -> Frank -> Bob at mail-b):
 * local delivery finds Bob's own Delivered-To on the second pass and
 * bounces at once (it once stored the mail after 8 forwards). */
Test(protocols, local_forward_ring_is_bounced)
{
	struct test_world w;
	proto_start(&w, (struct test_world_parts){
		.bob = "'forward': 'frank@ispb.example'",
		.users = "{'address': 'frank@ispb.example', 'password': 'f', 'mailbox': 'mail-b',"
		         " 'forward': 'bob@ispb.example'}",
		.actions = "{'at': 1, 'do': 'send', 'id': 'm', 'user': 'alice@ispa.example',"
		           " 'to': 'bob@ispb.example'}" });
	const struct ledger_rcpt *r = test_world_rcpt(&w, "m", "bob@ispb.example");
	cr_expect_eq(r->state, LS_BOUNCED, "%s", ledger_state_names[r->state]);
	cr_expect_str_eq(r->reason, "mail forwarding loop for bob@ispb.example");
	cr_expect_eq(test_world_copies(&w, HOLD_MAILBOX, "bob@ispb.example", "m", NULL) +
	             test_world_copies(&w, HOLD_MAILBOX, "frank@ispb.example", "m", NULL), 0,
	             "no copy stored in the ring");
	cr_expect_str_eq(test_world_state(&w, "m.bounce", "alice@ispa.example"), "delivered");
	test_world_done(&w);
}

/* Postfix counts the Received line it is about to add: 48 earlier ones
 * pass, 49 reach hopcount_limit = 50 (tests/data/postfix/session-hops-*). */
Test(protocols, hop_limit_counts_as_postfix)
{
	static const struct { const char *file; int refused; } cases[] = {
		{ "tests/data/mail/hops-48.eml", 0 }, { "tests/data/mail/hops-49.eml", 1 },
	};
	for (int k = 0; k < 2; k++) {
		char action[400];
		snprintf(action, sizeof action, "{'at': 1, 'do': 'send', 'id': 'h', 'host': 'bot',"
		         " 'direct': true, 'mail_from': 'x@c.example', 'to': 'bob@ispb.example',"
		         " 'eml': '%s'}", cases[k].file);
		struct test_world w;
		proto_start(&w, (struct test_world_parts){ .actions = action });
		const struct ledger_rcpt *r = test_world_rcpt(&w, "h", "bob@ispb.example");
		if (cases[k].refused) {
			cr_expect_eq(r->state, LS_REJECTED, "%s", cases[k].file);
			cr_expect_str_eq(r->reason, "554 5.4.0 Error: too many hops");
			cr_expect_str_eq(test_world_reply_to(&w, test_world_conn(&w, "bot", 25, 0), ".")
			                 ->u.line.text, "554 5.4.0 Error: too many hops");
		} else {
			cr_expect_eq(r->state, LS_DELIVERED, "%s", cases[k].file);
		}
		test_world_done(&w);
	}
}

/* A group named by its first address with dashes, as ISPs name dynamic
 * addresses (lesson 03), names each machine by its own address (lesson 09's
 * bots), not "198-51-100-24-5.dyn…". */
Test(protocols, host_group_dynamic_names)
{
	struct scenario *sc = test_util_lesson("09-botnet-scale.json");
	int b = scenario_find_host(sc, "bots-b.5");
	cr_assert_geq(b, 0);
	cr_expect_str_eq(sc->hosts[b].fqdn, "198-51-100-28.dyn.ispb.example");
	cr_expect_eq(scenario_find_host_by_fqdn(sc, "198-51-100-28.dyn.ispb.example"), b);
	cr_expect_str_eq(sc->hosts[scenario_find_host(sc, "bots-b")].fqdn,
	                 "198-51-100-24.dyn.ispb.example");
	scenario_free(sc);
}

Test(protocols, host_group_round_robin)
{
	struct test_world w;
	struct test_world_parts p = proto_parts((struct test_world_parts){ .hosts = PROTO_BOT(5),
		.actions = "{'at': 1, 'do': 'send', 'id': 's', 'host': 'bot', 'direct': true, 'count': 10,"
		           " 'every': 0.5, 'mail_from': 'x@c.example', 'to': 'bob@ispb.example'}",
		.expect = "{'msg': 's', 'state': 'delivered', 'min': 10},"
		          "{'msg': 's', 'state': 'blocked', 'max': 0}" });
	test_world_load(&w, &p);
	const struct scenario *sc = w.sc;
	int bot = test_world_host(&w, "bot");
	cr_assert_eq(sc->nhosts, bot + 1 + 4, "a group of 5 adds 4 hosts after the bot");
	int b5 = test_world_host(&w, "bot.5");
	char a[16];
	scenario_format_ipv4(sc->hosts[b5].addr, a);
	cr_expect_str_eq(a, "10.9.0.14");
	cr_expect_str_eq(sc->hosts[b5].fqdn, "bot-5.c.example");
	cr_expect_eq(sc->hosts[b5].group, bot);
	test_world_run(&w, sc->until_us);
	/* Copies 1..10 come from bot, bot.2 … bot.5, bot, … in turn: the order
	 * is the point. */
	cr_assert_eq(test_world_count(&w, TR_COMPOSE, -1), 10);
	int from[10];
	for (int k = 0; k < 10; k++)
		from[k] = test_world_rec(&w, TR_COMPOSE, -1, k)->node;
	cr_expect_eq(from[0], bot);
	cr_expect_eq(from[1], test_world_host(&w, "bot.2"));
	cr_expect_eq(from[4], b5);
	cr_expect_eq(from[5], from[0]);
	int passed = 0, failed = 0;
	FILE *out = fopen("/dev/null", "w");
	struct i18n *en = test_util_catalog(LANG_EN);
	check_run(w.s, en, out, &passed, &failed);
	i18n_free(en);
	fclose(out);
	cr_expect_eq(failed, 0);
	cr_expect_eq(passed, 3);
	struct sim_total t[4];
	size_t ng = sim_totals(w.s, t, 4);
	cr_assert_eq(ng, 1);
	cr_expect_str_eq(t[0].group, "s");
	cr_expect_eq(t[0].inbox, 10);
	test_world_done(&w);
}

Test(protocols, group_that_does_not_fit_is_an_error)
{
	struct test_world_parts p = proto_parts((struct test_world_parts){ .hosts = PROTO_BOT(70000) });
	char *text = test_world_errors("g.json", &p);
	cr_expect(strstr(text, "g.json: /hosts/6/count: expected 70000 addresses from ispc-pool to fit")
	          != NULL, "%s", text);
	free(text);
}

Test(protocols, counting_expectation_fails_when_short)
{
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .hosts = PROTO_BOT(2),
		.actions = "{'at': 1, 'do': 'send', 'id': 's', 'host': 'bot', 'direct': true, 'count': 4,"
		           " 'mail_from': 'x@c.example', 'to': 'bob@ispb.example'}",
		.expect = "{'msg': 's', 'state': 'delivered', 'min': 5}" });
	int passed = 0, failed = 0;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct i18n *en = test_util_catalog(LANG_EN);
	check_run(w.s, en, out, &passed, &failed);
	i18n_free(en);
	fclose(out);
	cr_expect_eq(failed, 1);
	cr_expect(strstr(text, "expected between 5 and 4 of 4, found 4") != NULL, "%s", text);
	free(text);
	test_world_done(&w);
}

Test(protocols, scripted_session_gets_the_out_of_order_replies)
{
	/* "AGJvYkBpc3BiLmV4YW1wbGUAYm9iLXBhc3M=" is "\0bob@ispb.example\0bob-pass":
	 * even good credentials get nowhere on port 25. */
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 't', 'host': 'bot', 'direct': true,"
		" 'mail_from': 'x@c.example', 'to': 'bob@ispb.example', 'script': ["
		"'HELO bot.c.example', 'RCPT TO:<bob@ispb.example>', 'DATA', 'FOO bar',"
		"'AUTH PLAIN AGJvYkBpc3BiLmV4YW1wbGUAYm9iLXBhc3M=', 'MAIL FROM:<x@c.example>',"
		"'MAIL FROM:<y@c.example>', 'RCPT TO:<bob@ispb.example>', 'DATA']}" });
	static const struct test_world_step want[] = {
		{ NULL, NULL, 220, "220 mail.ispb.example ESMTP" },
		{ "HELO", "HELO bot.c.example", 250, "250 mail.ispb.example" },
		{ "RCPT", NULL, 503, "503 5.5.1 Error: need MAIL command" },
		{ "DATA", NULL, 503, "503 5.5.1 Error: need RCPT command" },
		{ "FOO", "FOO bar", 500, "500 5.5.2 Error: command not recognized" },
		{ "AUTH", NULL, 503, "503 5.5.1 Error: authentication not enabled" },
		{ "MAIL", "MAIL FROM:<x@c.example>", 250, "250 2.1.0 Ok" },
		{ "MAIL", "MAIL FROM:<y@c.example>", 503, "503 5.5.1 Error: nested MAIL command" },
		{ "RCPT", NULL, 250, "250 2.1.5 Ok" },
		{ "DATA", NULL, 354, "354 End data with" },
		{ ".", NULL, 250, "250 2.0.0 Ok: queued as" },
		{ "QUIT", NULL, 221, "221 2.0.0 Bye" },
	};
	test_world_expect_dialogue(&w, test_world_conn(&w, "bot", 25, 0), want, 12);
	cr_expect_eq(test_world_rcpt(&w, "t", "bob@ispb.example")->state, LS_DELIVERED);
	/* HELO, not EHLO: the Received line says SMTP. */
	const char *v = test_world_field(&w, test_world_stored(&w, "t", "bob@ispb.example"),
	                                 "Received", 0);
	cr_assert_not_null(v);
	cr_expect(strstr(v, " with SMTP id ") != NULL, "%s", v);
	test_world_done(&w);
}

Test(protocols, auth_login_dialogue)
{
	/* "YWxpY2VAaXNwYS5leGFtcGxl" = alice@ispa.example, "YWxpY2UtcGFzcw==" =
	 * alice-pass */
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 't', 'user': 'alice@ispa.example', 'port': 587,"
		" 'to': 'bob@ispb.example', 'script': ['EHLO alice-pc.ispa.example', 'AUTH LOGIN', '*',"
		" 'STARTTLS', 'EHLO alice-pc.ispa.example', 'AUTH CRAM-MD5', 'AUTH LOGIN',"
		" 'YWxpY2VAaXNwYS5leGFtcGxl', 'YWxpY2UtcGFzcw==', 'MAIL FROM:<alice@ispa.example>',"
		" 'RCPT TO:<bob@ispb.example>', 'DATA']}" });
	/* Before STARTTLS, AUTH is neither offered nor accepted on 587
	 * (smtpd_tls_auth_only); the "*" that would have cancelled it is then
	 * just an unknown command. */
	static const struct test_world_step want[] = {
		{ NULL, NULL, 220, "220 " },
		{ "EHLO", NULL, 250, "250-mail.ispa.example" },
		{ "AUTH", "AUTH LOGIN", 503, "503 5.5.1 Error: authentication not enabled" },
		{ "*", "*", 500, "500 5.5.2 Error: command not recognized" },
		{ "STARTTLS", NULL, 220, "220 2.0.0 Ready to start TLS" },
		{ "EHLO", NULL, 250, "250-mail.ispa.example" },
		{ "AUTH", "AUTH CRAM-MD5", 535, "535 5.7.8 Error: authentication failed: no mechanism available" },
		{ "AUTH", "AUTH LOGIN", 334, "334 VXNlcm5hbWU6" },
		{ "AUTH", "YWxpY2VAaXNwYS5leGFtcGxl", 334, "334 UGFzc3dvcmQ6" },
		{ "AUTH", "YWxpY2UtcGFzcw==", 235, "235 2.7.0 Authentication successful" },
		{ "MAIL", NULL, 250, "250 2.1.0 Ok" },
		{ "RCPT", NULL, 250, "250 2.1.5 Ok" },
		{ "DATA", NULL, 354, "354 " },
		{ ".", NULL, 250, "250 2.0.0 Ok" },
		{ "QUIT", NULL, 221, "221 " },
	};
	int conn = test_world_conn(&w, "alice-pc", 587, 0);
	test_world_expect_dialogue(&w, conn, want, 15);
	const struct trace_rec *ehlo = test_world_reply_to(&w, conn, "EHLO");
	cr_expect_eq(ehlo->tls, 0);
	cr_expect(strstr(ehlo->u.line.text, "AUTH") == NULL, "AUTH offered before TLS");
	cr_expect_eq(test_world_rcpt(&w, "t", "bob@ispb.example")->state, LS_DELIVERED);
	const char *v = test_world_field(&w, test_world_stored(&w, "t", "bob@ispb.example"),
	                                 "Received", 0);
	cr_assert_not_null(v);
	cr_expect(strstr(v, "by mail.ispb.example") && strstr(v, "with ESMTPS"), "%s", v);
	test_world_done(&w);
}

Test(protocols, size_limit_552)
{
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .mail_b = "'max_size': 600", .actions =
		"{'at': 1, 'do': 'send', 'id': 'big', 'user': 'alice@ispa.example',"
		" 'to': 'bob@ispb.example', 'body': '"
		"0123456789012345678901234567890123456789012345678901234567890123456789\\n"
		"0123456789012345678901234567890123456789012345678901234567890123456789\\n"
		"0123456789012345678901234567890123456789012345678901234567890123456789\\n'}" });
	const struct ledger_rcpt *r = test_world_rcpt(&w, "big", "bob@ispb.example");
	cr_expect_eq(r->state, LS_BOUNCED, "mail-a returns what mail-b refused");
	cr_expect_eq(r->code, 552);
	/* mail-a announced SIZE= (mail-b offers SIZE): mail-b refuses at MAIL
	 * FROM, before the message is sent at all. */
	cr_expect_str_eq(r->reason, "host mail.ispb.example[198.51.100.140] said: 552 5.3.4 Message "
	                 "size exceeds fixed limit (in reply to MAIL FROM command)");
	cr_expect_null(test_world_cmd(&w, test_world_conn(&w, "mail-a", 25, 0), ".", 0),
	               "the message never travels");
	test_world_done(&w);
}

Test(protocols, dmarc_reject_550)
{
	/* net.example's SPF passes for the bot, but the header From claims
	 * ispa.example, whose DMARC policy is reject. */
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .mail_b = "'spf': 'reject'", .actions =
		"{'at': 1, 'do': 'send', 'id': 'd', 'host': 'bot', 'direct': true,"
		" 'mail_from': 'x@net.example', 'from': 'Alice <alice@ispa.example>',"
		" 'to': 'bob@ispb.example'}" });
	const struct ledger_rcpt *r = test_world_rcpt(&w, "d", "bob@ispb.example");
	cr_expect_eq(r->state, LS_REJECTED);
	cr_expect_eq(r->code, 550);
	cr_expect(strstr(r->reason, "550 5.7.1 rejected by DMARC policy for ispa.example") != NULL,
	          "%s", r->reason);
	test_world_done(&w);
}

Test(protocols, wrong_login_for_pop3_and_imap)
{
	/* Alice fetches with IMAP, Bob with POP3; both mistype the password. */
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'fetch', 'user': 'alice@ispa.example', 'password': 'nope'},"
		"{'at': 2, 'do': 'fetch', 'user': 'bob@ispb.example', 'password': 'nope'}" });
	const struct trace_rec *imap = test_world_reply_to(&w, test_world_conn(&w, "alice-pc", 143, 0),
	                                                   "LOGIN");
	cr_expect_eq(imap->u.line.code, 0);
	cr_expect(strstr(imap->u.line.text, "NO [AUTHENTICATIONFAILED]") != NULL, "%s",
	          imap->u.line.text);
	const struct trace_rec *pop = test_world_reply_to(&w, test_world_conn(&w, "bob-pc", 110, 0),
	                                                  "PASS");
	cr_expect_eq(pop->u.line.code, 0);
	cr_expect_str_eq(pop->u.line.text, "-ERR [AUTH] Authentication failed.");
	/* Not logged in, the QUIT goes to Dovecot's pop3-login, whose words
	 * have no period. */
	const struct trace_rec *quit = test_world_reply_to(&w, test_world_conn(&w, "bob-pc", 110, 0),
	                                                   "QUIT");
	cr_expect_str_eq(quit->u.line.text, "+OK Logging out");
	cr_expect_eq(test_world_count(&w, TR_MUA_ERROR, -1), 2,
	             "both mail programs report the failed login");
	test_world_done(&w);
}

Test(protocols, script_line_with_a_line_break_is_an_error)
{
	struct test_world_parts p = proto_parts((struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 't', 'host': 'bot', 'direct': true,"
		" 'mail_from': 'x@c.example', 'to': 'bob@ispb.example', 'script': ['HELO a\\r\\nQUIT']}" });
	char *text = test_world_errors("s.json", &p);
	cr_expect(strstr(text, "s.json: /actions/0/script/0: expected one SMTP line") != NULL, "%s", text);
	free(text);
}

Test(protocols, eml_file_is_sent_as_it_is)
{
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 'p', 'user': 'alice@ispa.example',"
		" 'eml': 'scenarios/mail/phish.eml', 'to': 'bob@ispb.example'}" });
	const struct msg *m = test_world_stored(&w, "p", "bob@ispb.example");
	cr_assert_not_null(m);
	const char *to = test_world_field(&w, m, "To", 0);
	const char *id = test_world_field(&w, m, "Message-ID", 0);
	cr_assert(to && id);
	cr_expect_str_eq(to, "undisclosed-recipients:;", "the header is the file's");
	cr_expect_str_eq(id, "<20260401085500.4711@abc-bank.example>");
	char *body = msg_body_text_decoded(m);
	cr_expect(strstr(body, "ABC銀行") != NULL);
	free(body);
	cr_expect_eq(test_world_rcpt(&w, "p", "bob@ispb.example")->state, LS_DELIVERED,
	             "the envelope decides where it goes");
	test_world_done(&w);
}

Test(protocols, malformed_eml_is_one_error_line)
{
	struct test_world_parts p = proto_parts((struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 'p', 'user': 'alice@ispa.example',"
		" 'eml': 'Makefile', 'to': 'bob@ispb.example'}" });
	char *text = test_world_errors("x.json", &p);
	size_t len = strlen(text);
	cr_expect(strncmp(text, "x.json: /actions/0/eml: expected an RFC 5322 message in \"Makefile\", "
	                        "found line 1:", 70) == 0, "%s", text);
	cr_expect_eq(strchr(text, '\n') - text + 1, (long)len, "exactly one line: %s", text);
	free(text);
}

/* "RCPT" alone has no argument: a syntax error, never a read past the end
 * of the line (the script parser once looked at line + 5). */
Test(protocols, script_rcpt_without_an_argument)
{
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 't', 'host': 'bot', 'direct': true,"
		" 'mail_from': 'x@c.example', 'to': 'bob@ispb.example', 'script': ["
		"'HELO bot.c.example', 'MAIL FROM:<x@c.example>', 'RCPT', 'RCPT TO:',"
		"'RCPT TO:<bob@ispb.example>', 'DATA']}" });
	static const struct test_world_step want[] = {
		{ NULL, NULL, 220, "220 " },
		{ "HELO", NULL, 250, "250 mail.ispb.example" },
		{ "MAIL", NULL, 250, "250 2.1.0 Ok" },
		{ "RCPT", "RCPT", 501, "501 5.5.4 Syntax: RCPT TO:<address>" },
		{ "RCPT", "RCPT TO:", 501, "501 5.5.4 Syntax: RCPT TO:<address>" },
		{ "RCPT", "RCPT TO:<bob@ispb.example>", 250, "250 2.1.5 Ok" },
		{ "DATA", NULL, 354, "354 " },
		{ ".", NULL, 250, "250 2.0.0 Ok" },
		{ "QUIT", NULL, 221, "221 " },
	};
	test_world_expect_dialogue(&w, test_world_conn(&w, "bot", 25, 0), want, 9);
	cr_expect_eq(test_world_rcpt(&w, "t", "bob@ispb.example")->state, LS_DELIVERED);
	test_world_done(&w);
}

/* Alice's hand-typed submission up to MAIL FROM; a test adds the rest.
 * "AGFsaWNlQGlzcGEuZXhhbXBsZQBhbGljZS1wYXNz" is
 * "\0alice@ispa.example\0alice-pass". */
#define PROTO_ALICE_SCRIPT \
	"'EHLO alice-pc.ispa.example', 'STARTTLS', 'EHLO alice-pc.ispa.example'," \
	" 'AUTH PLAIN AGFsaWNlQGlzcGEuZXhhbXBsZQBhbGljZS1wYXNz', 'MAIL FROM:<alice@ispa.example>'"

/* A hand-typed session that names a recipient the action did not list
 * adds an envelope recipient, as a real client would: the ledger gets a
 * line for it instead of the run aborting. */
Test(protocols, script_rcpt_for_an_unlisted_recipient)
{
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 't', 'user': 'alice@ispa.example', 'port': 587,"
		" 'to': 'bob@ispb.example', 'script': [" PROTO_ALICE_SCRIPT ","
		" 'RCPT TO:<bob@ispb.example>', 'RCPT TO:<alice@ispa.example>',"
		" 'RCPT TO:<nobody@ispa.example>', 'DATA']}" });
	cr_expect_eq(test_world_rcpt(&w, "t", "bob@ispb.example")->state, LS_DELIVERED);
	const struct ledger_rcpt *alice = test_world_rcpt(&w, "t", "alice@ispa.example");
	cr_expect_eq(alice->state, LS_DELIVERED, "the added recipient is carried like the others");
	const struct ledger_rcpt *nobody = test_world_rcpt(&w, "t", "nobody@ispa.example");
	cr_expect_eq(nobody->state, LS_REJECTED, "an unknown user is refused at RCPT");
	cr_expect_eq(nobody->code, 550);
	test_world_done(&w);
}

/* RCPT accepted, then QUIT (or RSET) without DATA: the message was never
 * sent.  It is not "in flight" forever: a bot lets it go, a mail program
 * keeps it in its outbox. */
Test(protocols, script_quit_before_data_sends_nothing)
{
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 't', 'host': 'bot', 'direct': true,"
		" 'mail_from': 'x@c.example', 'to': 'bob@ispb.example', 'script': ["
		"'HELO bot.c.example', 'MAIL FROM:<x@c.example>', 'RCPT TO:<bob@ispb.example>',"
		"'QUIT']},"
		"{'at': 1, 'do': 'send', 'id': 'u', 'user': 'alice@ispa.example', 'port': 587,"
		" 'to': 'bob@ispb.example', 'script': [" PROTO_ALICE_SCRIPT ","
		" 'RCPT TO:<bob@ispb.example>', 'RSET']}" });
	const struct ledger_rcpt *t = test_world_rcpt(&w, "t", "bob@ispb.example");
	cr_expect_eq(t->state, LS_DISCARDED, "the bot never sent it: %s", ledger_state_names[t->state]);
	const struct ledger_rcpt *u = test_world_rcpt(&w, "u", "bob@ispb.example");
	cr_expect_eq(u->state, LS_OUTBOX, "Alice's mail program keeps it: %s",
	             ledger_state_names[u->state]);
	test_world_done(&w);
}

/* Two transactions in one hand-typed session (found by fuzz_smtpd): the
 * first DATA sends to Dave, then RSET, a new MAIL and RCPT for Bob.  The
 * second message goes to Bob alone; Dave's line keeps the outcome of the
 * first (it was once sent again and left "in flight", failing the audit),
 * and a recipient taken after the last DATA and then reset stays unsent. */
Test(protocols, script_second_transaction_sends_only_its_own_recipients)
{
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 't', 'user': 'alice@ispa.example', 'port': 587,"
		" 'to': 'carol@ispb.example', 'script': [" PROTO_ALICE_SCRIPT ","
		" 'RCPT TO:<dave@ispa.example>', 'DATA', 'RSET', 'MAIL FROM:<alice@ispa.example>',"
		" 'RCPT TO:<bob@ispb.example>', 'DATA', 'MAIL FROM:<alice@ispa.example>',"
		" 'RCPT TO:<carol@ispb.example>', 'RSET']}" });
	const struct ledger_rcpt *dave = test_world_rcpt(&w, "t", "dave@ispa.example");
	cr_expect_eq(dave->state, LS_DELIVERED, "%s", ledger_state_names[dave->state]);
	cr_expect_eq(test_world_rcpt(&w, "t", "bob@ispb.example")->state, LS_DELIVERED);
	const struct ledger_rcpt *carol = test_world_rcpt(&w, "t", "carol@ispb.example");
	cr_expect_eq(carol->state, LS_OUTBOX, "taken, then reset: %s",
	             ledger_state_names[carol->state]);
	int conn = test_world_conn(&w, "alice-pc", 587, 0);
	int queued = 0;
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(w.s, &n);
	for (size_t i = 0; i < n; i++)
		queued += tr[i].kind == TR_QUEUED && tr[i].conn == conn;
	cr_expect_eq(queued, 2, "two messages taken on the connection, one per DATA");
	test_world_done(&w);
}

/* ---- hand-typed sessions against the replies recorded from Postfix ---- */

/* The reply to the nth (from 0) command on conn whose line is line,
 * found by command, not by position. */
static const char *proto_reply_to(const struct test_world *w, int conn, const char *line, int nth)
{
	const struct trace_rec *cmd = test_world_cmd_line(w, conn, line, nth);
	if (!cmd)
		return "(no such command)";
	const struct trace_rec *rep = test_world_reply(w, cmd);
	return rep ? rep->u.line.text : "(no reply)";
}

struct proto_want {
	const char *cmd;
	int nth;
	const char *reply;
};

static void proto_expect_replies(const struct test_world *w, int conn, const struct proto_want *want,
                                 size_t n)
{
	for (size_t i = 0; i < n; i++)
		cr_expect_str_eq(proto_reply_to(w, conn, want[i].cmd, want[i].nth), want[i].reply,
		                 "%s (number %d)", want[i].cmd, want[i].nth);
}

/* Port 25 (tests/data/postfix/session-25-*.txt). */
Test(protocols, hand_typed_replies_on_port_25)
{
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .mail_b = "'max_size': 10240000", .actions =
		"{'at': 1, 'do': 'send', 'id': 't', 'host': 'bot', 'direct': true,"
		" 'mail_from': 'x@c.example', 'to': 'bob@ispb.example', 'script': ["
		"'MAIL FROM:<x@c.example>', 'RCPT TO:<nosuch@ispb.example>', 'DATA', 'RSET',"
		"'FOO bar', 'VRFY bob', 'VRFY', 'EHLO', 'HELO', 'DATA', 'STARTTLS', 'EHLO bot.c.example',"
		"'STARTTLS', 'AUTH PLAIN AGJvYgBwdzI=', 'MAIL FROM:<x@c.example> SIZE=20000000',"
		"'MAIL FROM:<x@c.example> SIZE=1000', 'RCPT TO:<bob@ispb.example>', 'DATA']}" });
	static const struct proto_want want[] = {
		{ "MAIL FROM:<x@c.example>", 0, "250 2.1.0 Ok" },   /* before HELO: accepted */
		{ "RCPT TO:<nosuch@ispb.example>", 0, "550 5.1.1 <nosuch@ispb.example>: Recipient "
		  "address rejected: User unknown in local recipient table" },
		{ "DATA", 0, "554 5.5.1 Error: no valid recipients" },
		{ "RSET", 0, "250 2.0.0 Ok" },
		{ "FOO bar", 0, "500 5.5.2 Error: command not recognized" },
		{ "VRFY bob", 0, "252 2.0.0 bob" },
		{ "VRFY", 0, "501 5.5.4 Syntax: VRFY address" },
		{ "EHLO", 0, "501 Syntax: EHLO hostname" },
		{ "HELO", 0, "501 Syntax: HELO hostname" },
		{ "DATA", 1, "503 5.5.1 Error: need RCPT command" },
		{ "STARTTLS", 0, "220 2.0.0 Ready to start TLS" },
		{ "STARTTLS", 1, "554 5.5.1 Error: TLS already active" },
		{ "AUTH PLAIN AGJvYgBwdzI=", 0, "503 5.5.1 Error: authentication not enabled" },
		{ "MAIL FROM:<x@c.example> SIZE=20000000", 0, "552 5.3.4 Message size exceeds fixed limit" },
		{ "MAIL FROM:<x@c.example> SIZE=1000", 0, "250 2.1.0 Ok" },
		{ "DATA", 2, "354 End data with <CR><LF>.<CR><LF>" },
	};
	int conn = test_world_conn(&w, "bot", 25, 0);
	proto_expect_replies(&w, conn, want, sizeof want / sizeof *want);
	/* The 220 to STARTTLS still travels in the clear; what follows is in TLS. */
	const struct trace_rec *go = test_world_reply(&w, test_world_cmd_line(&w, conn, "STARTTLS", 0));
	cr_assert_not_null(go);
	cr_expect_eq(go->tls, 0);
	cr_expect_eq(test_world_reply(&w, test_world_cmd_after(&w, test_world_cmd_line(&w, conn,
	             "STARTTLS", 0)))->tls, 1);
	cr_expect_eq(test_world_rcpt(&w, "t", "bob@ispb.example")->state, LS_DELIVERED);
	test_world_done(&w);
}

/* Submission with AUTH (tests/data/postfix/session-587-cyrus-*.txt).
 * "AGFsaWNlQGlzcGEuZXhhbXBsZQBhbGljZS1wYXNz" is
 * "\0alice@ispa.example\0alice-pass". */
Test(protocols, hand_typed_auth_on_587)
{
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 't', 'user': 'alice@ispa.example', 'port': 587,"
		" 'to': 'bob@ispb.example', 'script': ['EHLO alice-pc.ispa.example',"
		" 'AUTH PLAIN AGFsaWNlQGlzcGEuZXhhbXBsZQBhbGljZS1wYXNz', 'STARTTLS',"
		" 'EHLO alice-pc.ispa.example', 'AUTH', 'AUTH CRAM-MD5', 'AUTH PLAIN !!!', 'AUTH PLAIN',"
		" '*', 'AUTH LOGIN', '!!!', 'AUTH PLAIN', 'AGFsaWNlQGlzcGEuZXhhbXBsZQBhbGljZS1wYXNz',"
		" 'AUTH PLAIN AGFsaWNlQGlzcGEuZXhhbXBsZQBhbGljZS1wYXNz', 'MAIL FROM:<alice@ispa.example>',"
		" 'RCPT TO:<bob@ispb.example>', 'DATA']}" });
	static const struct proto_want want[] = {
		{ "AUTH PLAIN AGFsaWNlQGlzcGEuZXhhbXBsZQBhbGljZS1wYXNz", 0,
		  "503 5.5.1 Error: authentication not enabled" },
		{ "AUTH", 0, "501 5.5.4 Syntax: AUTH mechanism" },
		{ "AUTH CRAM-MD5", 0, "535 5.7.8 Error: authentication failed: no mechanism available" },
		{ "AUTH PLAIN !!!", 0, "535 5.7.8 Error: authentication failed: bad protocol / cancel" },
		{ "AUTH PLAIN", 0, "334 " },
		{ "*", 0, "501 5.7.0 Authentication aborted" },
		{ "AUTH LOGIN", 0, "334 VXNlcm5hbWU6" },
		{ "!!!", 0, "535 5.7.8 Error: authentication failed: another step is needed in "
		  "authentication" },
		{ "AGFsaWNlQGlzcGEuZXhhbXBsZQBhbGljZS1wYXNz", 0, "235 2.7.0 Authentication successful" },
		{ "AUTH PLAIN AGFsaWNlQGlzcGEuZXhhbXBsZQBhbGljZS1wYXNz", 1,
		  "503 5.5.1 Error: already authenticated" },
	};
	proto_expect_replies(&w, test_world_conn(&w, "alice-pc", 587, 0), want,
	                     sizeof want / sizeof *want);
	cr_expect_eq(test_world_rcpt(&w, "t", "bob@ispb.example")->state, LS_DELIVERED);
	test_world_done(&w);
}

/* On 465 TLS is there from the first byte (tests/data/postfix/session-465.txt). */
Test(protocols, starttls_on_465_is_already_active)
{
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .actions =
		"{'at': 1, 'do': 'send', 'id': 't', 'user': 'alice@ispa.example', 'port': 465,"
		" 'to': 'bob@ispb.example', 'script': ['EHLO alice-pc.ispa.example', 'STARTTLS']}" });
	int conn = test_world_conn(&w, "alice-pc", 465, 0);
	cr_expect_str_eq(proto_reply_to(&w, conn, "STARTTLS", 0), "554 5.5.1 Error: TLS already active");
	const char *ehlo = test_world_reply_to(&w, conn, "EHLO")->u.line.text;
	cr_expect(strstr(ehlo, "STARTTLS") == NULL, "%s", ehlo);
	cr_expect(strstr(ehlo, "\n250-AUTH PLAIN LOGIN\n") != NULL, "offered at once: %s", ehlo);
	cr_expect_eq(test_world_greeting(&w, conn)->tls, 1);
	test_world_done(&w);
}

/* A client that does not announce SIZE= is refused after the message
 * itself, with Postfix's cleanup words. */
Test(protocols, message_over_the_limit_without_size_is_refused_after_data)
{
	struct test_world w;
	proto_start(&w, (struct test_world_parts){ .mail_b = "'max_size': 200", .actions =
		"{'at': 1, 'do': 'send', 'id': 't', 'host': 'bot', 'direct': true,"
		" 'mail_from': 'x@c.example', 'to': 'bob@ispb.example', 'body': '"
		"0123456789012345678901234567890123456789012345678901234567890123456789\\n"
		"0123456789012345678901234567890123456789012345678901234567890123456789\\n', 'script': ["
		"'EHLO bot.c.example', 'MAIL FROM:<x@c.example>', 'RCPT TO:<bob@ispb.example>', 'DATA']}" });
	int conn = test_world_conn(&w, "bot", 25, 0);
	cr_expect_str_eq(test_world_reply_to(&w, conn, "MAIL")->u.line.text, "250 2.1.0 Ok");
	cr_expect_str_eq(test_world_reply_to(&w, conn, ".")->u.line.text,
	                 "552 5.3.4 Error: message file too big");
	const struct ledger_rcpt *r = test_world_rcpt(&w, "t", "bob@ispb.example");
	cr_expect_eq(r->state, LS_REJECTED);
	cr_expect_eq(r->code, 552);
	test_world_done(&w);
}
