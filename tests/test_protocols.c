/* test_protocols — SPF evaluation, DSN structure, the hop limit, AUTH
 * LOGIN, host groups and counting expectations: the mechanisms behind the
 * spam lessons. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "i18n.h"
#include "narrate.h"
#include "sim.h"
#include "spf.h"

/* Two ISPs and a backbone; {EXTRA_HOSTS} etc. are spliced in by tests. */
static const char *const proto_base =
	"{\"title\":\"t\",\"until\":600,"
	"\"networks\":["
	"{\"id\":\"a\",\"cidr\":\"10.1.0.0/16\",\"kind\":\"servers\",\"isp\":\"a\"},"
	"{\"id\":\"pool\",\"cidr\":\"10.9.0.0/16\",\"kind\":\"dynamic\",\"isp\":\"c\"},"
	"{\"id\":\"b\",\"cidr\":\"10.2.0.0/16\",\"kind\":\"servers\",\"isp\":\"b\"},"
	"{\"id\":\"net\",\"cidr\":\"192.0.2.0/24\",\"kind\":\"backbone\"}],"
	"\"routers\":[{\"id\":\"ra\",\"links\":[\"a\",\"net\"]},{\"id\":\"rc\",\"links\":[\"pool\",\"net\"]},"
	"{\"id\":\"rb\",\"links\":[\"b\",\"net\"]}],"
	"\"hosts\":["
	"{\"id\":\"pc\",\"network\":\"a\",\"addr\":\"10.1.0.5\",\"name\":\"pc.a.example\",\"roles\":[\"MUA\"]},"
	"{\"id\":\"ma\",\"network\":\"a\",\"addr\":\"10.1.0.25\",\"name\":\"mail.a.example\","
	"\"roles\":[\"MSA\",\"MTA\",\"MDA\",\"MRA\"],\"domains\":[\"a.example\"]},"
	"{\"id\":\"mb\",\"network\":\"b\",\"addr\":\"10.2.0.25\",\"name\":\"mail.b.example\","
	"\"roles\":[\"MSA\",\"MTA\",\"MDA\",\"MRA\"],\"domains\":[\"b.example\"]%s},"
	"{\"id\":\"bot\",\"network\":\"pool\",\"addr\":\"10.9.0.10\",\"name\":\"bot.c.example\","
	"\"roles\":[\"MUA\"],\"bot\":true,\"count\":%d}],"
	"\"dns\":{\"zones\":["
	"{\"domain\":\"a.example\",\"mx\":[{\"pref\":10,\"host\":\"mail.a.example\"}],"
	"\"a\":[{\"name\":\"mail.a.example\",\"addr\":\"10.1.0.25\"}],\"txt\":[\"v=spf1 mx -all\"]},"
	"{\"domain\":\"_dmarc.a.example\",\"txt\":[\"v=DMARC1; p=reject\"]},"
	"{\"domain\":\"b.example\",\"mx\":[{\"pref\":10,\"host\":\"mail.b.example\"}],"
	"\"a\":[{\"name\":\"mail.b.example\",\"addr\":\"10.2.0.25\"}]},"
	"{\"domain\":\"inc.example\",\"txt\":[\"v=spf1 include:a.example ~all\"]},"
	"{\"domain\":\"redir.example\",\"txt\":[\"v=spf1 redirect=a.example\"]},"
	"{\"domain\":\"two.example\",\"txt\":[\"v=spf1 -all\",\"v=spf1 +all\"]},"
	"{\"domain\":\"net.example\",\"txt\":[\"v=spf1 ip4:10.9.0.0/16 ?all\"]}]},"
	"\"users\":["
	"{\"address\":\"alice@a.example\",\"name\":\"Alice\",\"password\":\"pw\",\"mailbox\":\"ma\","
	"\"mua\":\"pc\",\"submit\":{\"host\":\"ma\",\"port\":587}%s},"
	"{\"address\":\"bob@b.example\",\"password\":\"pw2\",\"mailbox\":\"mb\"%s}],"
	"\"actions\":[%s],\"expect\":[%s]}";

static struct scenario *proto_load(const char *mb_extra, int bots, const char *alice_extra,
                                   const char *bob_extra, const char *actions, const char *expect)
{
	static char buf[16384];
	snprintf(buf, sizeof buf, proto_base, mb_extra, bots, alice_extra, bob_extra, actions, expect);
	struct scenario *sc = scenario_parse("proto.json", buf, stderr);
	cr_assert_not_null(sc, "scenario did not load");
	return sc;
}

static struct sim *proto_run(const struct scenario *sc)
{
	struct sim *s = sim_new(sc, NULL);
	sim_run_until(s, sc->until_us);
	cr_assert_eq(sim_audit(s, stderr), 0, "the ledger lost a message");
	return s;
}

static const struct ledger_rcpt *proto_rcpt(const struct sim *s, const char *tag, const char *addr)
{
	int e = sim_ledger_find(s, tag);
	cr_assert_geq(e, 0, "no message %s", tag);
	const struct ledger_entry *le = sim_ledger(s, (size_t)e);
	for (int i = 0; i < le->nrcpts; i++)
		if (strcmp(le->rcpts[i].addr, addr) == 0)
			return &le->rcpts[i];
	cr_assert_fail("message %s has no recipient %s", tag, addr);
	return NULL;
}

/* The delivered copy of tag in addr's mailbox. */
static const struct msg *proto_copy(const struct sim *s, const char *tag)
{
	int e = sim_ledger_find(s, tag);
	struct sim_copy c;
	for (size_t i = 0; i < sim_copy_count(s); i++)
		if (sim_copy_get(s, i, &c) == 0 && c.holder == HOLD_MAILBOX && c.m->ledger == e)
			return c.m;
	return NULL;
}

Test(protocols, spf_mechanisms)
{
	struct scenario *sc = proto_load("", 1, "", "", "", "");
	uint32_t ma, pc, bot;
	scenario_parse_ipv4("10.1.0.25", &ma);
	scenario_parse_ipv4("10.1.0.5", &pc);
	scenario_parse_ipv4("10.9.0.10", &bot);
	char why[64];
	cr_expect_eq(spf_check(sc, ma, "a.example", why, sizeof why), SPF_PASS);
	cr_expect_str_eq(why, "+mx");
	cr_expect_eq(spf_check(sc, pc, "a.example", why, sizeof why), SPF_FAIL);
	cr_expect_str_eq(why, "-all");
	cr_expect_eq(spf_check(sc, ma, "inc.example", NULL, 0), SPF_PASS, "include: passes through");
	cr_expect_eq(spf_check(sc, pc, "inc.example", NULL, 0), SPF_SOFTFAIL,
	             "an include that fails does not match; ~all decides");
	cr_expect_eq(spf_check(sc, pc, "redir.example", NULL, 0), SPF_FAIL, "redirect= uses a.example");
	cr_expect_eq(spf_check(sc, ma, "b.example", NULL, 0), SPF_NONE, "no SPF record");
	cr_expect_eq(spf_check(sc, ma, "two.example", NULL, 0), SPF_PERMERROR, "two records");
	cr_expect_eq(spf_check(sc, bot, "net.example", NULL, 0), SPF_PASS, "ip4 with a prefix");
	cr_expect_eq(spf_check(sc, ma, "net.example", NULL, 0), SPF_NEUTRAL, "?all");
	scenario_free(sc);
}

/* The English sentences told for message tag's records of one kind, one
 * per line. */
static void proto_story(const struct sim *s, const char *tag, enum trace_kind kind, struct sbuf *out)
{
	char buf[4096];
	const char *assets = i18n_assets_dir(NULL, buf, sizeof buf);
	cr_assert_not_null(assets);
	struct i18n *en = i18n_load(assets, LANG_EN, stderr);
	cr_assert_not_null(en);
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
	/* b.example publishes no SPF: the check says none, and the header
	 * From names the same domain.  That is not "b.example does not match
	 * b.example" (issue 16): nothing was verified to align with, and
	 * b.example has no DMARC policy either. */
	struct scenario *sc = proto_load(",\"spf\":\"tag\"", 1, "", "",
		"{\"at\":1,\"do\":\"send\",\"id\":\"n\",\"host\":\"bot\",\"direct\":true,"
		"\"mail_from\":\"news@b.example\",\"from\":\"news@b.example\",\"to\":\"bob@b.example\"}", "");
	struct sim *s = proto_run(sc);
	struct sbuf b = { 0 };
	proto_story(s, "n", TR_SPF, &b);
	cr_assert_not_null(b.s);
	cr_expect(strstr(b.s, "publishes no SPF record (none)") != NULL, "%s", b.s);
	sbuf_reset(&b);
	proto_story(s, "n", TR_DMARC, &b);
	cr_assert_not_null(b.s);
	cr_expect(strstr(b.s, "b.example publishes no DMARC policy, so DMARC does not apply") != NULL,
	          "%s", b.s);
	cr_expect(strstr(b.s, "does not match") == NULL, "%s", b.s);
	sbuf_free(&b);
	sim_free(s);
	scenario_free(sc);
}

Test(protocols, a_bot_sending_through_a_relay_is_not_said_to_go_straight_to_the_mx)
{
	struct scenario *sc = proto_load("", 1, "", "",
		"{\"at\":1,\"do\":\"send\",\"id\":\"v\",\"host\":\"bot\",\"via\":\"ma\","
		"\"mail_from\":\"x@c.example\",\"to\":\"bob@b.example\"},"
		"{\"at\":2,\"do\":\"send\",\"id\":\"d\",\"host\":\"bot\",\"direct\":true,"
		"\"mail_from\":\"x@c.example\",\"to\":\"bob@b.example\"}", "");
	struct sim *s = proto_run(sc);
	struct sbuf b = { 0 };
	proto_story(s, "v", TR_COMPOSE, &b);
	cr_assert_not_null(b.s);
	cr_expect(strstr(b.s, "hands the mail to") != NULL, "%s", b.s);
	cr_expect(strstr(b.s, "straight to") == NULL, "%s", b.s);
	sbuf_reset(&b);
	proto_story(s, "d", TR_COMPOSE, &b);
	cr_expect(strstr(b.s, "straight to the recipient's MX") != NULL, "%s", b.s);
	sbuf_free(&b);
	sim_free(s);
	scenario_free(sc);
}

Test(protocols, spf_reject_at_rcpt)
{
	/* A bot forges alice@a.example as envelope sender; b checks SPF. */
	struct scenario *sc = proto_load(",\"spf\":\"reject\"", 1, "", "",
		"{\"at\":1,\"do\":\"send\",\"id\":\"f\",\"host\":\"bot\",\"direct\":true,"
		"\"mail_from\":\"alice@a.example\",\"to\":\"bob@b.example\",\"subject\":\"x\"}", "");
	struct sim *s = proto_run(sc);
	const struct ledger_rcpt *r = proto_rcpt(s, "f", "bob@b.example");
	cr_expect_eq(r->state, LS_REJECTED);
	cr_expect_eq(r->code, 550);
	cr_expect(strstr(r->reason, "5.7.23") != NULL, "reason: %s", r->reason);
	sim_free(s);
	scenario_free(sc);
}

Test(protocols, spf_tag_headers)
{
	struct scenario *sc = proto_load(",\"spf\":\"tag\"", 1, "", "",
		"{\"at\":1,\"do\":\"send\",\"id\":\"m\",\"user\":\"alice@a.example\",\"to\":\"bob@b.example\"}",
		"");
	struct sim *s = proto_run(sc);
	const struct msg *m = proto_copy(s, "m");
	cr_assert_not_null(m);
	char v[512];
	cr_assert(msg_header_get(m, "Received-SPF", v, sizeof v));
	cr_expect(strncmp(v, "Pass (mailfrom) identity=mailfrom; client-ip=10.1.0.25;", 55) == 0,
	          "Received-SPF: %s", v);
	cr_assert(msg_header_get(m, "Authentication-Results", v, sizeof v));
	cr_expect_str_eq(v, "mail.b.example; spf=pass smtp.mailfrom=a.example; dmarc=pass "
	                    "(p=reject dis=none) header.from=a.example");
	/* Newest Received on top, then what the receiver added. */
	size_t nl;
	cr_expect(strncmp(msg_field_name(m, 2, &nl), "Received", 8) == 0 && nl == 8);
	cr_expect(strncmp(msg_field_name(m, 3, &nl), "Received-SPF", 12) == 0);
	sim_free(s);
	scenario_free(sc);
}

Test(protocols, dsn_structure)
{
	/* alice mails a user b.example does not have: 550 5.1.1 at RCPT, so
	 * a's MTA returns a DSN to alice. */
	struct scenario *sc = proto_load("", 1, "", "",
		"{\"at\":1,\"do\":\"send\",\"id\":\"m\",\"user\":\"alice@a.example\","
		"\"to\":\"nobody@b.example\",\"subject\":\"hello\"}", "");
	struct sim *s = proto_run(sc);
	const struct ledger_rcpt *r = proto_rcpt(s, "m", "nobody@b.example");
	cr_expect_eq(r->state, LS_BOUNCED);
	cr_expect_eq(r->code, 550);
	const struct ledger_rcpt *b = proto_rcpt(s, "m.bounce", "alice@a.example");
	cr_expect_eq(b->state, LS_DELIVERED);
	const struct msg *d = proto_copy(s, "m.bounce");
	cr_assert_not_null(d);
	cr_expect_str_eq(d->mail_from, "", "a bounce has the null sender");
	char v[512];
	msg_header_get(d, "From", v, sizeof v);
	cr_expect(strncmp(v, "MAILER-DAEMON@mail.a.example", 28) == 0, "From: %s", v);
	msg_header_get(d, "Content-Type", v, sizeof v);
	cr_expect(strstr(v, "multipart/report; report-type=delivery-status") != NULL);
	msg_header_get(d, "Return-Path", v, sizeof v);
	cr_expect_str_eq(v, "<>");
	cr_expect(strstr(d->body, "Content-Type: message/delivery-status") != NULL);
	cr_expect(strstr(d->body, "Final-Recipient: rfc822; nobody@b.example") != NULL);
	cr_expect(strstr(d->body, "Status: 5.1.1") != NULL);
	cr_expect(strstr(d->body, "Diagnostic-Code: smtp; 550 5.1.1") != NULL);
	cr_expect(strstr(d->body, "Content-Type: text/rfc822-headers") != NULL);
	cr_expect(strstr(d->body, "Subject: hello") != NULL, "the original header is attached");
	/* And it parses back as a message. */
	size_t len;
	char *text = msg_serialize(d, &len);
	char err[128];
	struct msg *p = msg_parse(text, len, err, sizeof err);
	cr_expect_not_null(p, "%s", err);
	msg_free(p);
	free(text);
	sim_free(s);
	scenario_free(sc);
}

Test(protocols, no_bounce_to_a_bounce)
{
	/* The bounce goes to an envelope sender at b.example that does not
	 * exist: it cannot be delivered and is discarded, not bounced again. */
	struct scenario *sc = proto_load("", 1, "", "",
		"{\"at\":1,\"do\":\"send\",\"id\":\"m\",\"host\":\"bot\",\"direct\":true,"
		"\"mail_from\":\"ghost@b.example\",\"to\":\"nobody@a.example\"}", "");
	struct sim *s = proto_run(sc);
	/* a rejects nobody@a at RCPT: the bot (no queue) records a rejection. */
	cr_expect_eq(proto_rcpt(s, "m", "nobody@a.example")->state, LS_REJECTED);
	cr_expect_eq(sim_ledger_find(s, "m.bounce"), -1, "a bot sends no bounces");
	sim_free(s);
	scenario_free(sc);

	/* Now through alice's MSA: a relays to b, which rejects ghost... */
	sc = proto_load("", 1, "", ",\"forward\":\"ghost@a.example\"",
		"{\"at\":1,\"do\":\"send\",\"id\":\"m\",\"user\":\"alice@a.example\","
		"\"mail_from\":\"\",\"to\":\"bob@b.example\"}", "");
	s = proto_run(sc);
	/* bob forwards to ghost@a.example, which a rejects (550); b must not
	 * bounce the null-sender mail: it is discarded. */
	const struct ledger_rcpt *r = proto_rcpt(s, "m", "bob@b.example");
	cr_expect_eq(r->state, LS_DISCARDED, "state %s", ledger_state_names[r->state]);
	sim_free(s);
	scenario_free(sc);
}

Test(protocols, hop_limit_stops_a_forwarding_loop)
{
	/* alice forwards to bob, bob forwards to alice: each pass adds a
	 * Received line until a server refuses with 554 5.4.0 too many hops;
	 * the bounce goes back to the original sender. */
	struct scenario *sc = proto_load(",\"max_hops\":10", 1, ",\"forward\":\"bob@b.example\"",
		",\"forward\":\"alice@a.example\"",
		"{\"at\":1,\"do\":\"send\",\"id\":\"m\",\"host\":\"pc\",\"user\":\"alice@a.example\","
		"\"mail_from\":\"alice@a.example\",\"to\":\"bob@b.example\"}", "");
	struct sim *s = proto_run(sc);
	size_t n;
	const struct trace_rec *tr = sim_trace(s, &n);
	int loops = 0;
	for (size_t i = 0; i < n; i++)
		if (tr[i].kind == TR_REPLY && tr[i].u.line.code == 554 && strstr(tr[i].u.line.text, "5.4.0 Error: too many hops"))
			loops++;
	cr_expect_geq(loops, 1, "no 554 5.4.0 seen");
	cr_expect_eq(proto_rcpt(s, "m", "bob@b.example")->state, LS_BOUNCED);
	sim_free(s);
	scenario_free(sc);
}

Test(protocols, host_group_round_robin)
{
	struct scenario *sc = proto_load("", 5, "", "",
		"{\"at\":1,\"do\":\"send\",\"id\":\"s\",\"host\":\"bot\",\"direct\":true,\"count\":10,"
		"\"every\":0.5,\"mail_from\":\"x@c.example\",\"to\":\"bob@b.example\"}",
		"{\"msg\":\"s\",\"state\":\"delivered\",\"min\":10},"
		"{\"msg\":\"s\",\"state\":\"blocked\",\"max\":0}");
	cr_assert_eq(sc->nhosts, 4 + 4, "a group of 5 adds 4 hosts");
	int b5 = scenario_find_host(sc, "bot.5");
	cr_assert_geq(b5, 0);
	char a[16];
	scenario_format_ipv4(sc->hosts[b5].addr, a);
	cr_expect_str_eq(a, "10.9.0.14");
	cr_expect_str_eq(sc->hosts[b5].fqdn, "bot-5.c.example");
	cr_expect_eq(sc->hosts[b5].group, scenario_find_host(sc, "bot"));
	struct sim *s = proto_run(sc);
	/* Copies 1..10 come from bot, bot.2 … bot.5, bot, … */
	size_t n;
	const struct trace_rec *tr = sim_trace(s, &n);
	int from[10] = { 0 }, k = 0;
	for (size_t i = 0; i < n && k < 10; i++)
		if (tr[i].kind == TR_COMPOSE)
			from[k++] = tr[i].node;
	cr_assert_eq(k, 10);
	cr_expect_eq(from[0], scenario_find_host(sc, "bot"));
	cr_expect_eq(from[1], scenario_find_host(sc, "bot.2"));
	cr_expect_eq(from[4], b5);
	cr_expect_eq(from[5], from[0]);
	int passed = 0, failed = 0;
	FILE *out = fopen("/dev/null", "w");
	check_run(s, out, &passed, &failed);
	fclose(out);
	cr_expect_eq(failed, 0);
	cr_expect_eq(passed, 3);
	struct sim_total t[4];
	size_t ng = sim_totals(s, t, 4);
	cr_assert_eq(ng, 1);
	cr_expect_str_eq(t[0].group, "s");
	cr_expect_eq(t[0].inbox, 10);
	sim_free(s);
	scenario_free(sc);
}

Test(protocols, group_that_does_not_fit_is_an_error)
{
	static char buf[16384];
	snprintf(buf, sizeof buf, proto_base, "", 70000, "", "", "", "");
	char *text = NULL;
	size_t len = 0;
	FILE *err = open_memstream(&text, &len);
	struct scenario *sc = scenario_parse("g.json", buf, err);
	fclose(err);
	cr_expect_null(sc);
	cr_expect(strstr(text, "g.json: /hosts/3/count: expected 70000 addresses from pool to fit") != NULL,
	          "%s", text);
	free(text);
}

Test(protocols, counting_expectation_fails_when_short)
{
	struct scenario *sc = proto_load("", 2, "", "",
		"{\"at\":1,\"do\":\"send\",\"id\":\"s\",\"host\":\"bot\",\"direct\":true,\"count\":4,"
		"\"mail_from\":\"x@c.example\",\"to\":\"bob@b.example\"}",
		"{\"msg\":\"s\",\"state\":\"delivered\",\"min\":5}");
	struct sim *s = proto_run(sc);
	int passed = 0, failed = 0;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	check_run(s, out, &passed, &failed);
	fclose(out);
	cr_expect_eq(failed, 1);
	cr_expect(strstr(text, "expected between 5 and 4 of 4, found 4") != NULL, "%s", text);
	free(text);
	sim_free(s);
	scenario_free(sc);
}

/* Every reply of the session, in order, as "CODE TEXT" lines. */
static int proto_replies(const struct sim *s, const char *const *want, int nwant)
{
	size_t n;
	const struct trace_rec *tr = sim_trace(s, &n);
	int k = 0;
	for (size_t i = 0; i < n && k < nwant; i++) {
		if (tr[i].kind != TR_REPLY || tr[i].proto != PROTO_SMTP)
			continue;
		if (strncmp(tr[i].u.line.text, want[k], strlen(want[k])) != 0) {
			cr_log_error("reply %d: expected \"%s\", found \"%s\"", k, want[k], tr[i].u.line.text);
			return k;
		}
		k++;
	}
	return k;
}

Test(protocols, scripted_session_gets_the_out_of_order_replies)
{
	struct scenario *sc = proto_load("", 1, "", "",
		"{\"at\":1,\"do\":\"send\",\"id\":\"t\",\"host\":\"bot\",\"direct\":true,"
		"\"mail_from\":\"x@c.example\",\"to\":\"bob@b.example\",\"script\":["
		"\"HELO bot.c.example\",\"RCPT TO:<bob@b.example>\",\"DATA\",\"FOO bar\","
		"\"AUTH PLAIN AGJvYgBwdzI=\",\"MAIL FROM:<x@c.example>\",\"MAIL FROM:<y@c.example>\","
		"\"RCPT TO:<bob@b.example>\",\"DATA\"]}", "");
	struct sim *s = proto_run(sc);
	static const char *const want[] = {
		"220 mail.b.example ESMTP", "250 mail.b.example", "503 5.5.1 Error: need MAIL command",
		"503 5.5.1 Error: need MAIL command", "502 5.5.2 Error: command not recognized",
		"503 5.5.1 Error: authentication not enabled", "250 2.1.0 Ok",
		"503 5.5.1 Error: nested MAIL command", "250 2.1.5 Ok", "354 End data with",
		"250 2.0.0 Ok: queued as", "221 2.0.0 Bye",
	};
	cr_expect_eq(proto_replies(s, want, 12), 12);
	cr_expect_eq(proto_rcpt(s, "t", "bob@b.example")->state, LS_DELIVERED);
	/* HELO, not EHLO: the Received line says SMTP. */
	char v[512];
	msg_header_get(proto_copy(s, "t"), "Received", v, sizeof v);
	cr_expect(strstr(v, " with SMTP id ") != NULL, "%s", v);
	sim_free(s);
	scenario_free(sc);
}

Test(protocols, auth_login_dialogue)
{
	/* "YWxpY2VAYS5leGFtcGxl" = alice@a.example, "cHc=" = pw */
	struct scenario *sc = proto_load("", 1, "", "",
		"{\"at\":1,\"do\":\"send\",\"id\":\"t\",\"user\":\"alice@a.example\",\"port\":587,"
		"\"to\":\"bob@b.example\",\"script\":[\"EHLO pc.a.example\",\"AUTH LOGIN\",\"*\","
		"\"STARTTLS\",\"EHLO pc.a.example\",\"AUTH CRAM-MD5\",\"AUTH LOGIN\","
		"\"YWxpY2VAYS5leGFtcGxl\",\"cHc=\",\"MAIL FROM:<alice@a.example>\","
		"\"RCPT TO:<bob@b.example>\",\"DATA\"]}", "");
	struct sim *s = proto_run(sc);
	static const char *const want[] = {
		"220 ", "250-mail.a.example", "334 VXNlcm5hbWU6", "501 5.7.0 Authentication aborted",
		"220 2.0.0 Ready to start TLS", "250-mail.a.example", "504 5.5.4 Unrecognized",
		"334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6", "235 2.7.0 Authentication successful",
		"250 2.1.0 Ok", "250 2.1.5 Ok", "354 ", "250 2.0.0 Ok", "221 ",
	};
	/* Before STARTTLS, AUTH is not offered on 587 (smtpd_tls_auth_only);
	 * the server still answers it, and "*" cancels (RFC 4954). */
	cr_expect_eq(proto_replies(s, want, 15), 15);
	size_t n;
	const struct trace_rec *tr = sim_trace(s, &n);
	for (size_t i = 0; i < n; i++)
		if (tr[i].kind == TR_REPLY && tr[i].u.line.text && strncmp(tr[i].u.line.text, "250-mail.a.example", 18) == 0 &&
		    !tr[i].tls)
			cr_expect(strstr(tr[i].u.line.text, "AUTH") == NULL, "AUTH offered before TLS");
	cr_expect_eq(proto_rcpt(s, "t", "bob@b.example")->state, LS_DELIVERED);
	char v[512];
	msg_header_get(proto_copy(s, "t"), "Received", v, sizeof v);
	cr_expect(strstr(v, "by mail.b.example") && strstr(v, "with ESMTPS"), "%s", v);
	sim_free(s);
	scenario_free(sc);
}

Test(protocols, size_limit_552)
{
	struct scenario *sc = proto_load(",\"max_size\":600", 1, "", "",
		"{\"at\":1,\"do\":\"send\",\"id\":\"big\",\"user\":\"alice@a.example\","
		"\"to\":\"bob@b.example\",\"body\":\"" 
		"0123456789012345678901234567890123456789012345678901234567890123456789\\n"
		"0123456789012345678901234567890123456789012345678901234567890123456789\\n"
		"0123456789012345678901234567890123456789012345678901234567890123456789\\n\"}", "");
	struct sim *s = proto_run(sc);
	const struct ledger_rcpt *r = proto_rcpt(s, "big", "bob@b.example");
	cr_expect_eq(r->state, LS_BOUNCED, "a's MTA returns what b refused");
	cr_expect_eq(r->code, 552);
	cr_expect(strstr(r->reason, "552 5.3.4 Error: message file too big") != NULL, "%s", r->reason);
	sim_free(s);
	scenario_free(sc);
}

Test(protocols, dmarc_reject_550)
{
	/* net.example's SPF passes for the bot, but the header From claims
	 * a.example, whose DMARC policy is reject. */
	struct scenario *sc = proto_load(",\"spf\":\"reject\"", 1, "", "",
		"{\"at\":1,\"do\":\"send\",\"id\":\"d\",\"host\":\"bot\",\"direct\":true,"
		"\"mail_from\":\"x@net.example\",\"from\":\"Alice <alice@a.example>\",\"to\":\"bob@b.example\"}",
		"");
	struct sim *s = proto_run(sc);
	const struct ledger_rcpt *r = proto_rcpt(s, "d", "bob@b.example");
	cr_expect_eq(r->state, LS_REJECTED);
	cr_expect_eq(r->code, 550);
	cr_expect(strstr(r->reason, "550 5.7.1 Email rejected per DMARC policy for a.example") != NULL,
	          "%s", r->reason);
	sim_free(s);
	scenario_free(sc);
}

Test(protocols, wrong_login_for_pop3_and_imap)
{
	struct scenario *sc = proto_load("", 1, ",\"fetch\":{\"protocol\":\"pop3\"}",
		",\"mua\":\"pc\",\"fetch\":{\"protocol\":\"imap\"}",
		"{\"at\":1,\"do\":\"fetch\",\"user\":\"alice@a.example\",\"password\":\"nope\"},"
		"{\"at\":2,\"do\":\"fetch\",\"user\":\"bob@b.example\",\"password\":\"nope\"}", "");
	struct sim *s = proto_run(sc);
	size_t n;
	const struct trace_rec *tr = sim_trace(s, &n);
	int pop_err = 0, imap_no = 0, mua_err = 0;
	for (size_t i = 0; i < n; i++) {
		if (tr[i].kind == TR_REPLY && tr[i].proto == PROTO_POP3 &&
		    strcmp(tr[i].u.line.text, "-ERR [AUTH] Authentication failed.") == 0)
			pop_err++;
		if (tr[i].kind == TR_REPLY && tr[i].proto == PROTO_IMAP &&
		    strstr(tr[i].u.line.text, "NO [AUTHENTICATIONFAILED]"))
			imap_no++;
		mua_err += tr[i].kind == TR_MUA_ERROR;
	}
	cr_expect_eq(pop_err, 1);
	cr_expect_eq(imap_no, 1);
	cr_expect_eq(mua_err, 2, "both mail programs report the failed login");
	sim_free(s);
	scenario_free(sc);
}

Test(protocols, script_line_with_a_line_break_is_an_error)
{
	static char buf[16384];
	snprintf(buf, sizeof buf, proto_base, "", 1, "", "",
	         "{\"at\":1,\"do\":\"send\",\"id\":\"t\",\"host\":\"bot\",\"direct\":true,"
	         "\"mail_from\":\"x@c.example\",\"to\":\"bob@b.example\",\"script\":[\"HELO a\\r\\nQUIT\"]}",
	         "");
	char *text = NULL;
	size_t len = 0;
	FILE *err = open_memstream(&text, &len);
	cr_expect_null(scenario_parse("s.json", buf, err));
	fclose(err);
	cr_expect(strstr(text, "s.json: /actions/0/script/0: expected one SMTP line") != NULL, "%s", text);
	free(text);
}

Test(protocols, eml_file_is_sent_as_it_is)
{
	struct scenario *sc = proto_load("", 1, "", "",
		"{\"at\":1,\"do\":\"send\",\"id\":\"p\",\"user\":\"alice@a.example\","
		"\"eml\":\"scenarios/mail/phish.eml\",\"to\":\"bob@b.example\"}", "");
	struct sim *s = proto_run(sc);
	const struct msg *m = proto_copy(s, "p");
	cr_assert_not_null(m);
	char v[512];
	msg_header_get(m, "To", v, sizeof v);
	cr_expect_str_eq(v, "undisclosed-recipients:;", "the header is the file's");
	msg_header_get(m, "Message-ID", v, sizeof v);
	cr_expect_str_eq(v, "<20260401085500.4711@abc-bank.example>");
	char *body = msg_body_text_decoded(m);
	cr_expect(strstr(body, "ABC銀行") != NULL);
	free(body);
	cr_expect_eq(proto_rcpt(s, "p", "bob@b.example")->state, LS_DELIVERED,
	             "the envelope decides where it goes");
	sim_free(s);
	scenario_free(sc);
}

Test(protocols, malformed_eml_is_one_error_line)
{
	static char buf[16384];
	snprintf(buf, sizeof buf, proto_base, "", 1, "", "",
	         "{\"at\":1,\"do\":\"send\",\"id\":\"p\",\"user\":\"alice@a.example\","
	         "\"eml\":\"Makefile\",\"to\":\"bob@b.example\"}", "");
	char *text = NULL;
	size_t len = 0;
	FILE *err = open_memstream(&text, &len);
	cr_expect_null(scenario_parse("x.json", buf, err));
	fclose(err);
	cr_expect(strncmp(text, "x.json: /actions/0/eml: expected an RFC 5322 message in \"Makefile\", "
	                        "found line 1:", 70) == 0, "%s", text);
	cr_expect_eq(strchr(text, '\n') - text + 1, (long)len, "exactly one line: %s", text);
	free(text);
}

/* "RCPT" alone has no argument: a syntax error, never a read past the end
 * of the line (the script parser once looked at line + 5). */
Test(protocols, script_rcpt_without_an_argument)
{
	struct scenario *sc = proto_load("", 1, "", "",
		"{\"at\":1,\"do\":\"send\",\"id\":\"t\",\"host\":\"bot\",\"direct\":true,"
		"\"mail_from\":\"x@c.example\",\"to\":\"bob@b.example\",\"script\":["
		"\"HELO bot.c.example\",\"MAIL FROM:<x@c.example>\",\"RCPT\",\"RCPT TO:\","
		"\"RCPT TO:<bob@b.example>\",\"DATA\"]}", "");
	struct sim *s = proto_run(sc);
	static const char *const want[] = {
		"220 ", "250 mail.b.example", "250 2.1.0 Ok", "501 5.5.4 Syntax: RCPT TO:<address>",
		"501 5.5.4 Syntax: RCPT TO:<address>", "250 2.1.5 Ok", "354 ", "250 2.0.0 Ok", "221 ",
	};
	cr_expect_eq(proto_replies(s, want, 9), 9);
	cr_expect_eq(proto_rcpt(s, "t", "bob@b.example")->state, LS_DELIVERED);
	sim_free(s);
	scenario_free(sc);
}

/* A hand-typed session that names a recipient the action did not list
 * adds an envelope recipient, as a real client would: the ledger gets a
 * line for it instead of the run aborting. */
Test(protocols, script_rcpt_for_an_unlisted_recipient)
{
	struct scenario *sc = proto_load("", 1, "", "",
		"{\"at\":1,\"do\":\"send\",\"id\":\"t\",\"user\":\"alice@a.example\",\"port\":587,"
		"\"to\":\"bob@b.example\",\"script\":[\"EHLO pc.a.example\",\"STARTTLS\","
		"\"EHLO pc.a.example\",\"AUTH PLAIN AGFsaWNlQGEuZXhhbXBsZQBwdw==\","
		"\"MAIL FROM:<alice@a.example>\",\"RCPT TO:<bob@b.example>\","
		"\"RCPT TO:<alice@a.example>\",\"RCPT TO:<carol@a.example>\",\"DATA\"]}", "");
	struct sim *s = proto_run(sc);
	cr_expect_eq(proto_rcpt(s, "t", "bob@b.example")->state, LS_DELIVERED);
	const struct ledger_rcpt *alice = proto_rcpt(s, "t", "alice@a.example");
	cr_expect_eq(alice->state, LS_DELIVERED, "the added recipient is carried like the others");
	const struct ledger_rcpt *carol = proto_rcpt(s, "t", "carol@a.example");
	cr_expect_eq(carol->state, LS_REJECTED, "an unknown user is refused at RCPT");
	cr_expect_eq(carol->code, 550);
	sim_free(s);
	scenario_free(sc);
}

/* RCPT accepted, then QUIT (or RSET) without DATA: the message was never
 * sent.  It is not "in flight" forever: a bot lets it go, a mail program
 * keeps it in its outbox. */
Test(protocols, script_quit_before_data_sends_nothing)
{
	struct scenario *sc = proto_load("", 1, "", "",
		"{\"at\":1,\"do\":\"send\",\"id\":\"t\",\"host\":\"bot\",\"direct\":true,"
		"\"mail_from\":\"x@c.example\",\"to\":\"bob@b.example\",\"script\":["
		"\"HELO bot.c.example\",\"MAIL FROM:<x@c.example>\",\"RCPT TO:<bob@b.example>\","
		"\"QUIT\"]},"
		"{\"at\":1,\"do\":\"send\",\"id\":\"u\",\"user\":\"alice@a.example\",\"port\":587,"
		"\"to\":\"bob@b.example\",\"script\":[\"EHLO pc.a.example\",\"STARTTLS\","
		"\"EHLO pc.a.example\",\"AUTH PLAIN AGFsaWNlQGEuZXhhbXBsZQBwdw==\","
		"\"MAIL FROM:<alice@a.example>\",\"RCPT TO:<bob@b.example>\",\"RSET\"]}", "");
	struct sim *s = proto_run(sc);
	const struct ledger_rcpt *t = proto_rcpt(s, "t", "bob@b.example");
	cr_expect_eq(t->state, LS_DISCARDED, "the bot never sent it: %s", ledger_state_names[t->state]);
	const struct ledger_rcpt *u = proto_rcpt(s, "u", "bob@b.example");
	cr_expect_eq(u->state, LS_OUTBOX, "Alice's mail program keeps it: %s",
	             ledger_state_names[u->state]);
	sim_free(s);
	scenario_free(sc);
}
