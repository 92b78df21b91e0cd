/* test_mta_auth — sender domain authentication at the servers (sim/
 * mta_auth.c): the MSA or an outgoing MTA signs, the receiving MTA asks
 * DNS for the key and the policy (records the class sees, taking their
 * round trip), verifies, and decides by the owner's DMARC policy or its
 * own local one; and the loader's lines for broken settings. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkim.h"
#include "dmarc.h"
#include "dns.h"
#include "i18n.h"
#include "narrate.h"
#include "sim.h"
#include "test_util.h"
#include "util.h"

/* A sender ISP a (alice, its server ma signs as a.example with selector
 * s1), a receiver b (mb checks: {MB} is spliced in), a third server d
 * that bob forwards to (md checks as {MD} says), a bot in a dynamic pool
 * whose own domain c.example lists it in SPF.  {ZONES} adds zones. */
static const char auth_base[] =
	"{'title':'t','until':300,"
	"'networks':["
	"{'id':'a','cidr':'10.1.0.0/16','kind':'servers','isp':'a'},"
	"{'id':'b','cidr':'10.2.0.0/16','kind':'servers','isp':'b'},"
	"{'id':'d','cidr':'10.4.0.0/16','kind':'servers','isp':'d'},"
	"{'id':'pool','cidr':'10.9.0.0/16','kind':'dynamic','isp':'c'},"
	"{'id':'net','cidr':'192.0.2.0/24','kind':'backbone'}],"
	"'routers':[{'id':'ra','links':['a','net']},{'id':'rb','links':['b','net']},"
	"{'id':'rd','links':['d','net']},{'id':'rc','links':['pool','net']}],"
	"'hosts':["
	"{'id':'pc','network':'a','addr':'10.1.0.5','name':'pc.a.example','roles':['MUA']},"
	"{'id':'ma','network':'a','addr':'10.1.0.25','name':'mail.a.example',"
	"'roles':['MSA','MTA','MDA'],'domains':['a.example'],'relay_networks':['a']%s},"
	"{'id':'mb','network':'b','addr':'10.2.0.25','name':'mail.b.example',"
	"'roles':['MSA','MTA','MDA'],'domains':['b.example']%s},"
	"{'id':'md','network':'d','addr':'10.4.0.25','name':'mail.d.example',"
	"'roles':['MSA','MTA','MDA'],'domains':['d.example']%s},"
	"{'id':'dns','network':'net','addr':'192.0.2.53','name':'ns.example.net','roles':['DNS']},"
	"{'id':'bot','network':'pool','addr':'10.9.0.10','name':'bot.c.example','roles':['MUA'],'bot':true}],"
	"'dns':{'server':'dns','zones':["
	"{'domain':'a.example','mx':[{'pref':10,'host':'mail.a.example'}],"
	"'a':[{'name':'mail.a.example','addr':'10.1.0.25'}],'txt':['v=spf1 mx -all']},"
	"{'domain':'s1._domainkey.a.example','dkim_key':'tests/data/dkim-rsa2048-a.pem'},"
	"{'domain':'b.example','mx':[{'pref':10,'host':'mail.b.example'}],"
	"'a':[{'name':'mail.b.example','addr':'10.2.0.25'}],'txt':['v=spf1 mx -all']},"
	"{'domain':'d.example','mx':[{'pref':10,'host':'mail.d.example'}],"
	"'a':[{'name':'mail.d.example','addr':'10.4.0.25'}]},"
	"{'domain':'c.example','txt':['v=spf1 ip4:10.9.0.0/16 -all']}%s]},"
	"'users':["
	"{'address':'alice@a.example','name':'Alice','password':'pw','mailbox':'ma','mua':'pc',"
	"'submit':{'host':'ma','port':587}%s},"
	"{'address':'bob@b.example','password':'pw','mailbox':'mb'%s},"
	"{'address':'dave@d.example','password':'pw','mailbox':'md'}],"
	"'actions':[%s]}";

/* What a test varies; NULL members are "". */
struct auth_setup {
	const char *ma, *mb, *md, *zones, *alice, *bob, *actions;
};

/* The default signer: ma signs a.example at its MSA. */
#define AUTH_SIGNER ",'dkim':{'sign':[{'domain':'a.example','selector':'s1','key':'tests/data/dkim-rsa2048-a.pem'}]}"
#define AUTH_CHECKS ",'spf':'tag','dmarc':'honor','dkim':{'verify':true}"
#define AUTH_ALICE_TO_BOB "{'at':1,'do':'send','id':'m','user':'alice@a.example','to':'bob@b.example','subject':'hi','body':'hello\\n'}"
/* The bot poses as alice with its own envelope domain (SPF pass for
 * c.example, which does not align with a.example). */
#define AUTH_BOT_AS_ALICE "{'at':1,'do':'send','id':'x','host':'bot','direct':true,'mail_from':'x@c.example','from':'Alice <alice@a.example>','to':'bob@b.example','subject':'pay','body':'now\\n'}"

static struct scenario *auth_load(const struct auth_setup *u)
{
	static char buf[16384];
	snprintf(buf, sizeof buf, auth_base, u->ma ? u->ma : "", u->mb ? u->mb : "", u->md ? u->md : "",
	         u->zones ? u->zones : "", u->alice ? u->alice : "", u->bob ? u->bob : "",
	         u->actions ? u->actions : "");
	for (char *p = buf; *p; p++)
		if (*p == '\'')
			*p = '"';
	struct scenario *sc = scenario_parse("auth.json", buf, stderr);
	cr_assert_not_null(sc, "scenario did not load");
	return sc;
}

static struct sim *auth_run(const struct scenario *sc)
{
	struct sim *s = sim_new(sc, NULL);
	sim_run_until(s, sc->until_us);
	cr_assert_eq(sim_audit(s, stderr), 0, "the ledger lost a message");
	return s;
}

/* The first record of kind for message tag at host id (NULL: any host)
 * after record *from (updated); NULL if there is none. */
static const struct trace_rec *auth_rec(const struct sim *s, const char *tag, enum trace_kind kind,
                                        const char *host, size_t *from)
{
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	int e = sim_ledger_find(s, tag);
	int node = host ? scenario_find_host(sim_scenario(s), host) : -1;
	for (size_t i = from ? *from : 0; i < n; i++)
		if (tr[i].kind == kind && tr[i].msg == e && (node < 0 || tr[i].node == node)) {
			if (from)
				*from = i + 1;
			return &tr[i];
		}
	return NULL;
}

static const struct ledger_rcpt *auth_rcpt(const struct sim *s, const char *tag, int i)
{
	int e = sim_ledger_find(s, tag);
	cr_assert_geq(e, 0, "no message %s", tag);
	const struct ledger_entry *le = sim_ledger(s, (size_t)e);
	cr_assert_lt(i, le->nrcpts);
	return &le->rcpts[i];
}

/* The copy of tag in a mailbox, or NULL. */
static const struct msg *auth_copy(const struct sim *s, const char *tag)
{
	int e = sim_ledger_find(s, tag);
	struct sim_copy c;
	for (size_t i = 0; i < sim_copy_count(s); i++)
		if (sim_copy_get(s, i, &c) == 0 && c.holder == HOLD_MAILBOX && c.m->ledger == e)
			return c.m;
	return NULL;
}

static int auth_lookup(void *ctx, const char *name, char *const **records)
{
	return dns_lookup_txt(ctx, name, records);
}

/* The nth (from 0, top first) field called name in m, into out ("" if
 * there is none). */
static const char *auth_field(const struct msg *m, const char *name, int nth, char *out, size_t outsz)
{
	out[0] = '\0';
	for (int i = 0; i < m->nfields; i++) {
		size_t nl, vl;
		const char *fn = msg_field_name(m, i, &nl);
		if (nl != strlen(name) || util_strncasecmp(fn, name, nl) != 0 || nth-- != 0)
			continue;
		const char *fv = msg_field_value(m, i, &vl);
		snprintf(out, outsz, "%.*s", (int)vl, fv);
		break;
	}
	return out;
}

/* Lesson 13's forwarded invoice passes DMARC on DKIM alone.  The rule as
 * told, in the narration and in the caption, in both languages, needs an
 * identifier that passes and aligns (RFC 7489 section 4.2): at mail-u the
 * SPF domain, corp.example, matches the From yet fails, so "one of them
 * matches" alone would be a wrong rule. */
Test(mta_auth, the_dmarc_rule_is_told_as_pass_and_align)
{
	struct scenario *sc = test_util_lesson("13-dkim-dmarc.json");
	struct sim *s = auth_run(sc);
	const struct trace_rec *r = auth_rec(s, "m1", TR_DMARC, "mail-u", NULL);
	cr_assert_not_null(r);
	cr_assert_eq(r->u.dmarc.status, DMARC_STATUS_PASS);
	cr_assert(!r->u.dmarc.spf_aligned && r->u.dmarc.dkim_aligned);
	int cap = narrate_caption_match(sc, r, NULL);
	cr_assert_geq(cap, 0, "the lesson has a caption on this verdict");
	static const struct {
		enum lang lang;
		const char *passes;
	} want[] = { { LANG_JA, "pass し" }, { LANG_EN, "pass and align" } };
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		struct i18n *cat = test_util_catalog(want[i].lang);
		struct sbuf b;
		sbuf_init(&b);
		narrate_tell(sc, cat, NARRATE_PREFIX, r, &b);
		cr_expect_not_null(strstr(b.s, want[i].passes), "narration: %s", b.s);
		const char *t = sc_text_get(&sc->captions[cap].text, want[i].lang == LANG_JA ? 0 : 1);
		cr_expect_not_null(strstr(t, want[i].passes), "caption: %s", t);
		sbuf_free(&b);
		i18n_free(cat);
	}
	sim_free(s);
	scenario_free(sc);
}

Test(mta_auth, the_msa_signs_and_the_receiver_verifies_step_by_step)
{
	struct auth_setup u = { .ma = AUTH_SIGNER, .mb = AUTH_CHECKS, .actions = AUTH_ALICE_TO_BOB };
	struct scenario *sc = auth_load(&u);
	struct sim *s = auth_run(sc);
	size_t at = 0;
	const struct trace_rec *sign = auth_rec(s, "m", TR_DKIM_SIGN, "ma", &at);
	cr_assert_not_null(sign);
	cr_expect_eq(sign->role, ROLE_MSA);
	cr_expect_str_eq(sign->u.dkim_sign.domain, "a.example");
	cr_expect_str_eq(sign->u.dkim_sign.selector, "s1");
	cr_expect_eq(sign->u.dkim_sign.key_bits, 2048);
	cr_expect_eq(sign->u.dkim_sign.delegated, 0, "mail.a.example signs for its own domain");
	cr_expect(strstr(sign->u.dkim_sign.fields, "from") != NULL, "h=%s", sign->u.dkim_sign.fields);

	/* At the receiver: the key query, its answer, the verdict, then the
	 * policy query, its answer and DMARC; each answer a round trip later. */
	const struct trace_rec *q = auth_rec(s, "m", TR_DNS_QUERY, "mb", &at);
	const struct trace_rec *ans = auth_rec(s, "m", TR_DNS_ANSWER, "mb", &at);
	const struct trace_rec *dk = auth_rec(s, "m", TR_DKIM, "mb", &at);
	const struct trace_rec *q2 = auth_rec(s, "m", TR_DNS_QUERY, "mb", &at);
	const struct trace_rec *dm = auth_rec(s, "m", TR_DMARC, "mb", &at);
	cr_assert(q && ans && dk && q2 && dm);
	cr_expect_str_eq(q->u.dns.domain, "s1._domainkey.a.example");
	cr_expect_str_eq(q->u.dns.type, "TXT");
	cr_expect_eq(q->u.dns.purpose, TRACE_DNS_DKIM);
	cr_expect_eq(q->peer, scenario_find_host(sc, "dns"), "asked of the lesson's DNS server");
	cr_expect_geq(q->conn, 0, "the query belongs to the SMTP session");
	cr_expect_gt(ans->t, q->t, "the answer takes its round trip");
	cr_expect_eq(ans->u.dns.nanswers, 1);
	cr_expect(strstr(ans->u.dns.answer, "IN TXT \"v=DKIM1; k=rsa; p=") != NULL, "%s", ans->u.dns.answer);
	cr_expect_eq(dk->u.dkim.status, DKIM_STATUS_PASS);
	cr_expect_eq(dk->u.dkim.key, TRACE_DKIM_OK);
	cr_expect_eq(dk->u.dkim.body, TRACE_DKIM_OK);
	cr_expect_eq(dk->u.dkim.signature, TRACE_DKIM_OK);
	cr_expect_eq(dk->t, ans->t);
	cr_expect_str_eq(q2->u.dns.domain, "_dmarc.a.example");
	cr_expect_eq(q2->u.dns.purpose, TRACE_DNS_DMARC);
	cr_expect_eq(dm->u.dmarc.status, DMARC_STATUS_NONE, "a.example publishes no policy here");
	cr_expect(dm->u.dmarc.spf_aligned && dm->u.dmarc.dkim_aligned);
	cr_expect_eq(dm->u.dmarc.action, TRACE_DMARC_INBOX);
	/* The 250 for the message comes only after the checks. */
	const struct trace_rec *r;
	while ((r = auth_rec(s, "m", TR_REPLY, NULL, &at)) && r->u.line.code != 250)
		;
	cr_assert_not_null(r, "no 250 after DMARC");
	cr_expect_geq(r->t, dm->t);

	const struct msg *m = auth_copy(s, "m");
	cr_assert_not_null(m);
	char ar0[600], ar1[600], rsv[600];
	/* One field per milter: OpenDMARC's on top, OpenDKIM's under it; the
	 * SPF result is in Received-SPF (postfix-policyd-spf's). */
	cr_expect_eq(msg_header_count(m, "Authentication-Results"), 2);
	cr_expect_str_eq(auth_field(m, "Authentication-Results", 0, ar0, sizeof ar0),
	                 "mail.b.example; dmarc=none header.from=a.example");
	const char *dkar = auth_field(m, "Authentication-Results", 1, ar1, sizeof ar1);
	cr_expect(strstr(dkar, "mail.b.example; dkim=pass header.d=a.example header.s=s1 header.b=") == dkar,
	          "%s", dkar);
	const char *rs = auth_field(m, "Received-SPF", 0, rsv, sizeof rsv);
	cr_expect(strncmp(rs, "Pass (mailfrom) identity=mailfrom;", 34) == 0, "%s", rs);
	/* What was delivered still verifies, as any verifier reads the wire. */
	size_t len;
	char *wire = msg_serialize(m, &len);
	struct dkim_verification dv;
	dkim_verify_wire(wire, len, -1, auth_lookup, (void *)sc, &dv);
	cr_expect_eq(dkim_verification_status(&dv), DKIM_STATUS_PASS);
	dkim_verification_free(&dv);
	free(wire);
	sim_free(s);
	scenario_free(sc);
}

/* One DMARC case: the bot poses as alice; a.example's record, the
 * receiver's setting, and what must come of it. */
struct auth_case {
	const char *record;        /* _dmarc.a.example, NULL for none */
	const char *mb;            /* mb's settings */
	enum ledger_state state;
	const char *folder;        /* delivered: "INBOX" or "Junk" */
	uint8_t status, action, why;
	const char *authres;       /* in Authentication-Results, or NULL */
};

static void auth_check_case(const struct auth_case *k)
{
	char zones[128] = "";
	if (k->record)
		snprintf(zones, sizeof zones, ",{'domain':'_dmarc.a.example','txt':['%s']}", k->record);
	struct auth_setup u = { .mb = k->mb, .zones = zones, .actions = AUTH_BOT_AS_ALICE };
	struct scenario *sc = auth_load(&u);
	struct sim *s = auth_run(sc);
	const struct trace_rec *dm = auth_rec(s, "x", TR_DMARC, "mb", NULL);
	cr_assert_not_null(dm, "%s / %s", k->record, k->mb);
	cr_expect_eq(dm->u.dmarc.status, k->status, "%s / %s: status", k->record, k->mb);
	cr_expect_eq(dm->u.dmarc.action, k->action, "%s / %s: action", k->record, k->mb);
	cr_expect_eq(dm->u.dmarc.why, k->why, "%s / %s: why %s", k->record, k->mb,
	             trace_dmarc_why_names[dm->u.dmarc.why]);
	const struct ledger_rcpt *lr = auth_rcpt(s, "x", 0);
	cr_assert_eq(lr->state, k->state, "%s / %s: state %s", k->record, k->mb, ledger_state_names[lr->state]);
	if (k->state == LS_DELIVERED) {
		cr_expect_str_eq(lr->folder, k->folder, "%s / %s", k->record, k->mb);
		char v[600];
		cr_assert(msg_header_get(auth_copy(s, "x"), "Authentication-Results", v, sizeof v));
		if (k->authres)
			cr_expect(strstr(v, k->authres) != NULL, "%s / %s: %s", k->record, k->mb, v);
	} else {
		cr_expect_eq(lr->code, 550);
		cr_expect(strstr(lr->reason, "5.7.1 rejected by DMARC policy for a.example") != NULL,
		          "%s", lr->reason);
	}
	sim_free(s);
	scenario_free(sc);
}

Test(mta_auth, the_owners_policy_decides_a_failing_mail)
{
	static const struct auth_case cases[] = {
		{ "v=DMARC1; p=none", AUTH_CHECKS, LS_DELIVERED, "INBOX", DMARC_STATUS_FAIL, TRACE_DMARC_INBOX,
		  TRACE_DMARC_POLICY, "mail.b.example; dmarc=fail (p=none dis=none) header.from=a.example" },
		{ "v=DMARC1; p=quarantine", AUTH_CHECKS, LS_DELIVERED, "Junk", DMARC_STATUS_FAIL, TRACE_DMARC_JUNK,
		  TRACE_DMARC_POLICY, "dmarc=fail (p=quarantine dis=quarantine) header.from=a.example" },
		{ "v=DMARC1; p=reject", AUTH_CHECKS, LS_REJECTED, NULL, DMARC_STATUS_FAIL, TRACE_DMARC_REJECT,
		  TRACE_DMARC_POLICY, NULL },
		/* pct=0: every failing mail is outside the sample, one step milder. */
		{ "v=DMARC1; p=reject; pct=0", AUTH_CHECKS, LS_DELIVERED, "Junk", DMARC_STATUS_FAIL,
		  TRACE_DMARC_JUNK, TRACE_DMARC_PCT, "dmarc=fail (p=reject dis=quarantine)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		auth_check_case(&cases[i]);
}

Test(mta_auth, a_local_policy_may_replace_the_owners)
{
	static const struct auth_case cases[] = {
		/* Junk where the owner asks to reject; the field says so. */
		{ "v=DMARC1; p=reject", ",'spf':'tag','dmarc':'quarantine','dkim':{'verify':true}", LS_DELIVERED,
		  "Junk", DMARC_STATUS_FAIL, TRACE_DMARC_JUNK, TRACE_DMARC_LOCAL,
		  "dmarc=fail (p=reject dis=quarantine) header.from=a.example" },
		/* The same server honours quarantine as asked: no override. */
		{ "v=DMARC1; p=quarantine", ",'spf':'tag','dmarc':'quarantine'", LS_DELIVERED, "Junk",
		  DMARC_STATUS_FAIL, TRACE_DMARC_JUNK, TRACE_DMARC_POLICY, "dmarc=fail (p=quarantine dis=quarantine)" },
		/* tag only records: the INBOX although the owner asks for quarantine. */
		{ "v=DMARC1; p=quarantine", ",'spf':'tag','dmarc':'tag'", LS_DELIVERED, "INBOX", DMARC_STATUS_FAIL,
		  TRACE_DMARC_INBOX, TRACE_DMARC_LOCAL, "dmarc=fail (p=quarantine dis=none)" },
		/* Without "dmarc", spf junk means quarantine: an old lesson's server. */
		{ "v=DMARC1; p=reject", ",'spf':'junk'", LS_DELIVERED, "Junk", DMARC_STATUS_FAIL, TRACE_DMARC_JUNK,
		  TRACE_DMARC_LOCAL, "mail.b.example; dmarc=fail (p=reject dis=quarantine)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		auth_check_case(&cases[i]);
}

Test(mta_auth, spf_junk_files_an_spf_fail_unless_dmarc_passes)
{
	/* The bot forges alice's envelope too: SPF fails, no policy. */
	struct auth_setup u = { .mb = ",'spf':'junk'",
		.actions = "{'at':1,'do':'send','id':'x','host':'bot','direct':true,'mail_from':'alice@a.example',"
		           "'to':'bob@b.example','subject':'s','body':'b\\n'}" };
	struct scenario *sc = auth_load(&u);
	struct sim *s = auth_run(sc);
	const struct trace_rec *dm = auth_rec(s, "x", TR_DMARC, "mb", NULL);
	cr_assert_not_null(dm);
	cr_expect_eq(dm->u.dmarc.status, DMARC_STATUS_NONE);
	cr_expect_eq(dm->u.dmarc.action, TRACE_DMARC_JUNK);
	cr_expect_eq(dm->u.dmarc.why, TRACE_DMARC_SPF);
	cr_expect_str_eq(auth_rcpt(s, "x", 0)->folder, "Junk");
	sim_free(s);
	scenario_free(sc);

	/* Forwarded by b to d: SPF fails at d (mail.b.example is not in
	 * a.example's record), but the signature survived, so DMARC passes
	 * and d's SPF setting does not apply. */
	struct auth_setup f = { .ma = AUTH_SIGNER, .mb = AUTH_CHECKS,
		.md = ",'spf':'junk','dkim':{'verify':true}", .bob = ",'forward':'dave@d.example'",
		.zones = ",{'domain':'_dmarc.a.example','txt':['v=DMARC1; p=reject']}",
		.actions = AUTH_ALICE_TO_BOB };
	sc = auth_load(&f);
	s = auth_run(sc);
	const struct trace_rec *spf = auth_rec(s, "m", TR_SPF, "md", NULL);
	cr_assert_not_null(spf);
	cr_expect_eq(spf->u.spf.result, SPF_FAIL);
	dm = auth_rec(s, "m", TR_DMARC, "md", NULL);
	cr_assert_not_null(dm);
	cr_expect_eq(dm->u.dmarc.status, DMARC_STATUS_PASS);
	cr_expect(dm->u.dmarc.dkim_aligned && !dm->u.dmarc.spf_aligned);
	const struct ledger_rcpt *lr = auth_rcpt(s, "m", 0);
	cr_expect_eq(lr->state, LS_DELIVERED);
	cr_expect_str_eq(lr->mailbox, "dave@d.example");
	cr_expect_str_eq(lr->folder, "INBOX");
	sim_free(s);
	scenario_free(sc);
}

Test(mta_auth, a_changed_body_fails_the_body_hash)
{
	/* Lesson 13's tampered invoice, with corp.example's key published. */
	struct auth_setup u = { .mb = AUTH_CHECKS,
		.zones = ",{'domain':'s2026._domainkey.corp.example','dkim_key':'scenarios/keys/dkim-corp.pem'},"
		         "{'domain':'_dmarc.corp.example','txt':['v=DMARC1; p=quarantine']}",
		.actions = "{'at':1,'do':'send','id':'t','host':'bot','direct':true,'mail_from':'x@c.example',"
		           "'eml':'scenarios/mail/corp-invoice-tampered.eml','to':'bob@b.example'}" };
	struct scenario *sc = auth_load(&u);
	struct sim *s = auth_run(sc);
	const struct trace_rec *dk = auth_rec(s, "t", TR_DKIM, "mb", NULL);
	cr_assert_not_null(dk);
	cr_expect_eq(dk->u.dkim.status, DKIM_STATUS_FAIL_BODY_HASH);
	cr_expect_eq(dk->u.dkim.key, TRACE_DKIM_OK);
	cr_expect_eq(dk->u.dkim.body, TRACE_DKIM_FAILED);
	cr_expect_eq(dk->u.dkim.signature, TRACE_DKIM_SKIPPED, "a verifier stops at the body hash");
	cr_expect_str_eq(dk->u.dkim.authres, "dkim=fail (body hash did not verify) header.d=corp.example "
	                                     "header.s=s2026 header.b=i6fH8EEv");
	cr_expect_str_eq(auth_rcpt(s, "t", 0)->folder, "Junk");
	sim_free(s);
	scenario_free(sc);
}

Test(mta_auth, no_published_key_and_no_signature)
{
	/* No key at s1._domainkey.b.example: the signer signs, the key
	 * lookup finds nothing, the signature is a permerror. */
	struct auth_setup u = {
		.ma = ",'dkim':{'sign':[{'domain':'a.example','selector':'s1','key':'tests/data/dkim-rsa2048-a.pem'},"
		      "{'domain':'b.example','selector':'s1','key':'tests/data/dkim-rsa2048-b.pem','from':'*'}]}",
		.mb = AUTH_CHECKS, .actions = AUTH_ALICE_TO_BOB "," AUTH_BOT_AS_ALICE };
	struct scenario *sc = auth_load(&u);
	struct sim *s = auth_run(sc);
	size_t at = 0;
	const struct trace_rec *sign = auth_rec(s, "m", TR_DKIM_SIGN, "ma", &at);
	const struct trace_rec *sign2 = auth_rec(s, "m", TR_DKIM_SIGN, "ma", &at);
	cr_assert(sign && sign2);
	cr_expect_str_eq(sign2->u.dkim_sign.domain, "b.example");
	cr_expect_eq(sign2->u.dkim_sign.delegated, 1, "mail.a.example signs for b.example");
	at = 0;
	const struct trace_rec *dk = auth_rec(s, "m", TR_DKIM, "mb", &at);   /* the top one: b.example */
	cr_assert_not_null(dk);
	cr_expect_eq(dk->u.dkim.status, DKIM_STATUS_PERMERROR_NO_KEY);
	cr_expect_eq(dk->u.dkim.key, TRACE_DKIM_FAILED);
	cr_expect_eq(dk->u.dkim.body, TRACE_DKIM_SKIPPED);
	const struct trace_rec *ans = auth_rec(s, "m", TR_DNS_ANSWER, "mb", NULL);
	cr_assert_not_null(ans);
	cr_expect_eq(ans->u.dns.nanswers, 0);
	dk = auth_rec(s, "m", TR_DKIM, "mb", &at);
	cr_assert_not_null(dk);
	cr_expect_eq(dk->u.dkim.status, DKIM_STATUS_PASS, "the a.example signature still passes");
	/* The bot's mail carries no signature at all. */
	dk = auth_rec(s, "x", TR_DKIM, "mb", NULL);
	cr_assert_not_null(dk);
	cr_expect_eq(dk->u.dkim.status, DKIM_STATUS_NONE);
	cr_expect_str_eq(dk->u.dkim.authres, "dkim=none");
	sim_free(s);
	scenario_free(sc);
}

Test(mta_auth, since_from_and_at_decide_which_keys_sign)
{
	/* A key from 100 s on, one for another From domain, and an outgoing
	 * gateway that signs at its MTA what its network relays through it. */
	struct auth_setup u = {
		.ma = ",'dkim':{'sign':["
		      "{'domain':'a.example','selector':'late','key':'tests/data/dkim-rsa2048-a.pem','since':100},"
		      "{'domain':'x.example','selector':'s1','key':'tests/data/dkim-rsa2048-b.pem','from':['x.example']},"
		      "{'domain':'a.example','selector':'gw','key':'tests/data/dkim-rsa2048-c.pem','at':'MTA'}]}",
		.mb = AUTH_CHECKS,
		.alice = "",
		.actions = AUTH_ALICE_TO_BOB ","
		           "{'at':150,'do':'send','id':'n','user':'alice@a.example','to':'bob@b.example','subject':'s','body':'b\\n'},"
		           "{'at':200,'do':'send','id':'r','user':'alice@a.example','port':25,'auth':false,"
		           "'to':'bob@b.example','subject':'s','body':'b\\n'}" };
	struct scenario *sc = auth_load(&u);
	struct sim *s = auth_run(sc);
	cr_expect_null(auth_rec(s, "m", TR_DKIM_SIGN, "ma", NULL), "before since, no key applies");
	const struct trace_rec *g = auth_rec(s, "n", TR_DKIM_SIGN, "ma", NULL);
	cr_assert_not_null(g);
	cr_expect_str_eq(g->u.dkim_sign.selector, "late");
	cr_expect_eq(g->role, ROLE_MSA);
	size_t at = 0;
	g = auth_rec(s, "r", TR_DKIM_SIGN, "ma", &at);
	cr_assert_not_null(g, "the gateway signs relayed mail");
	cr_expect_str_eq(g->u.dkim_sign.selector, "gw");
	cr_expect_eq(g->role, ROLE_MTA);
	cr_expect_null(auth_rec(s, "r", TR_DKIM_SIGN, "ma", &at), "only the MTA key applies on port 25");
	sim_free(s);
	scenario_free(sc);
}

/* The loader's line for a broken setting. */
static void auth_fails(const struct auth_setup *u, const char *want)
{
	static char buf[16384];
	snprintf(buf, sizeof buf, auth_base, u->ma ? u->ma : "", u->mb ? u->mb : "", u->md ? u->md : "",
	         u->zones ? u->zones : "", "", "", "");
	for (char *p = buf; *p; p++)
		if (*p == '\'')
			*p = '"';
	char *errs = NULL;
	size_t len = 0;
	FILE *err = open_memstream(&errs, &len);
	cr_assert_not_null(err);
	struct scenario *sc = scenario_parse("auth.json", buf, err);
	fclose(err);
	cr_expect_null(sc);
	cr_expect(errs && strstr(errs, want) != NULL, "expected %s, found %s", want, errs ? errs : "");
	scenario_free(sc);
	free(errs);
}

Test(mta_auth, broken_settings_are_reported_where_they_are)
{
	struct auth_setup u = { .mb = ",'dmarc':'honor'" };
	auth_fails(&u, "auth.json: /hosts/2/dmarc: expected \"off\" while \"spf\" is \"off\" (DMARC needs "
	               "the SPF result), found \"honor\"\n");
	u = (struct auth_setup){ .ma = ",'dkim':{'sign':[{'domain':'a.example','selector':'s1',"
	                               "'key':'tests/data/missing.pem'}]}" };
	auth_fails(&u, "auth.json: /hosts/1/dkim/sign/0/key: expected an RSA private key in PEM of at least "
	               "1024 bits, found tests/data/missing.pem: cannot open\n");
	u = (struct auth_setup){ .ma = ",'dkim':{'sign':[{'domain':'a.example','selector':'s1',"
	                               "'key':'tests/data/dkim-rsa512.pem'}]}" };
	auth_fails(&u, "/hosts/1/dkim/sign/0/key: expected an RSA private key in PEM of at least 1024 bits");
	u = (struct auth_setup){ .mb = ",'dkim':{'sign':[{'domain':'b..example','selector':'s1',"
	                               "'key':'tests/data/dkim-rsa2048-b.pem','at':'MUA'}]}" };
	auth_fails(&u, "auth.json: /hosts/2/dkim/sign/0/domain: expected a domain name for d=, found "
	               "\"b..example\"\n");
	auth_fails(&u, "auth.json: /hosts/2/dkim/sign/0/at: expected one of MSA, MTA, found \"MUA\"\n");
	u = (struct auth_setup){ .zones = ",{'domain':'a.example.dkim','dkim_key':'tests/data/dkim-rsa2048-a.pem'}" };
	auth_fails(&u, "auth.json: /dns/zones/5/dkim_key: expected it in a zone named "
	               "SELECTOR._domainkey.DOMAIN, found it in \"a.example.dkim\"\n");
}
