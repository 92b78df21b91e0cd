/* test_dmarc — sim/dmarc.c: organizational domains, alignment, policy
 * records, and the DMARC verdict for the lesson's cases: a signed mail, a
 * forwarded one, a newsletter service sending for a shop (代理送信), a
 * spoofer, and each policy. */
#include <criterion/criterion.h>

#include <string.h>

#include "dkim.h"
#include "dmarc.h"
#include "msg.h"
#include "test_dkim_util.h"

Test(dmarc, organizational_domain)
{
	static const struct {
		const char *domain, *org;
	} cases[] = {
		{ "corp.example", "corp.example" },
		{ "mail.corp.example", "corp.example" },
		{ "a.b.c.corp.example", "corp.example" },
		{ "Mail.Corp.Example.", "corp.example" },
		{ "example", "example" },
		{ "shop.co.jp", "shop.co.jp" },
		{ "news.shop.co.jp", "shop.co.jp" },
		{ "mx.isp.ne.jp", "isp.ne.jp" },
		{ "www.univ.ac.jp", "univ.ac.jp" },
		{ "co.jp", "co.jp" },
		{ "jp", "jp" },
		/* The documented limitation: the real Public Suffix List has
		 * tokyo.jp (and every prefecture); the built-in set does not. */
		{ "a.b.tokyo.jp", "tokyo.jp" },
		{ "bank.co.uk", "bank.co.uk" },
		{ "x.y.unknowntld", "y.unknowntld" },
		{ "localhost", "localhost" },
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char out[64];
		dmarc_org_domain(cases[i].domain, out, sizeof out);
		cr_assert_str_eq(out, cases[i].org, "%s", cases[i].domain);
	}
	cr_assert(dmarc_is_public_suffix("co.jp"));
	cr_assert(dmarc_is_public_suffix("EXAMPLE."));
	cr_assert_not(dmarc_is_public_suffix("corp.example"));
	char small[5];
	dmarc_org_domain("mail.corp.example", small, sizeof small);
	cr_assert_str_eq(small, "corp", "truncated to fit");
}

Test(dmarc, alignment)
{
	cr_assert(dmarc_aligned("corp.example", "corp.example", DMARC_ALIGN_STRICT));
	cr_assert(dmarc_aligned("CORP.example.", "corp.EXAMPLE", DMARC_ALIGN_STRICT));
	cr_assert_not(dmarc_aligned("mail.corp.example", "corp.example", DMARC_ALIGN_STRICT));
	cr_assert(dmarc_aligned("mail.corp.example", "corp.example", DMARC_ALIGN_RELAXED));
	cr_assert(dmarc_aligned("bounce.corp.example", "news.corp.example", DMARC_ALIGN_RELAXED));
	cr_assert_not(dmarc_aligned("esp.example", "shop.example", DMARC_ALIGN_RELAXED));
	/* Two customers of one ISP share ne.jp, not an organization. */
	cr_assert_not(dmarc_aligned("alice.ne.jp", "mallory.ne.jp", DMARC_ALIGN_RELAXED));
	cr_assert_not(dmarc_aligned("corp.example", "examplecorp.example", DMARC_ALIGN_RELAXED));
	cr_assert_not(dmarc_aligned("corp.example", "", DMARC_ALIGN_RELAXED));
	cr_assert_not(dmarc_aligned(NULL, "corp.example", DMARC_ALIGN_RELAXED));
}

static struct dmarc_record test_dmarc_rec(const char *txt)
{
	struct dmarc_record r;
	char err[160];
	cr_assert_eq(dmarc_record_parse(txt, strlen(txt), &r, err, sizeof err), 0, "%s: %s", txt,
	             err);
	return r;
}

Test(dmarc, record_parsing)
{
	struct dmarc_record r = test_dmarc_rec("v=DMARC1; p=reject; sp=quarantine; adkim=s; aspf=r; "
	                                       "pct=50; rua=mailto:dmarc@corp.example; fo=1");
	cr_assert_eq(r.p, DMARC_POLICY_REJECT);
	cr_assert_eq(r.sp, DMARC_POLICY_QUARANTINE);
	cr_assert_eq(r.adkim, DMARC_ALIGN_STRICT);
	cr_assert_eq(r.aspf, DMARC_ALIGN_RELAXED);
	cr_assert_eq(r.pct, 50);
	cr_assert(r.has_rua);
	cr_assert_str_eq(r.warning, "");

	r = test_dmarc_rec("v=DMARC1;p=quarantine");
	cr_assert_eq(r.p, DMARC_POLICY_QUARANTINE);
	cr_assert_eq(r.sp, DMARC_POLICY_QUARANTINE, "sp defaults to p");
	cr_assert_eq(r.adkim, DMARC_ALIGN_RELAXED);
	cr_assert_eq(r.pct, 100);

	r = test_dmarc_rec("v=DMARC1; P=Reject; ADKIM=S");
	cr_assert_eq(r.p, DMARC_POLICY_REJECT, "names and words are case-insensitive");
	cr_assert_eq(r.adkim, DMARC_ALIGN_STRICT);

	r = test_dmarc_rec("v=DMARC1; p=none; sp=maybe; pct=150; aspf=x");
	cr_assert_eq(r.sp, DMARC_POLICY_NONE);
	cr_assert_eq(r.pct, 100);
	cr_assert(strstr(r.warning, "sp=maybe ignored") && strstr(r.warning, "pct=150 ignored") &&
	          strstr(r.warning, "aspf=x ignored"), "%s", r.warning);

	r = test_dmarc_rec("v=DMARC1; p=bogus; rua=mailto:r@corp.example");
	cr_assert_eq(r.p, DMARC_POLICY_NONE, "a bad p= with rua= reads as none");
	cr_assert(strstr(r.warning, "p=none"), "%s", r.warning);

	static const struct {
		const char *txt, *why;
	} bad[] = {
		{ "v=DMARC1", "no p= tag" },
		{ "v=DMARC1; p=bogus", "not none, quarantine or reject" },
		{ "p=reject; v=DMARC1", "first tag" },
		{ "v=dmarc1; p=reject", "first tag" },
		{ "v=DMARC1; p=reject;; ", "tag-list" },
		{ "", "tag-list" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct dmarc_record rr;
		char err[160] = "";
		cr_assert_eq(dmarc_record_parse(bad[i].txt, strlen(bad[i].txt), &rr, err, sizeof err),
		             -1, "%s", bad[i].txt);
		cr_assert(strstr(err, bad[i].why), "%s: \"%s\" should say %s", bad[i].txt, err,
		          bad[i].why);
	}
	cr_assert(dmarc_record_is_dmarc("v=DMARC1; p=none", 16));
	cr_assert(dmarc_record_is_dmarc(" v = DMARC1 ;", 13));
	cr_assert(dmarc_record_is_dmarc("v=DMARC1", 8));
	cr_assert_not(dmarc_record_is_dmarc("v=DMARC10; p=none", 17));
	cr_assert_not(dmarc_record_is_dmarc("v=spf1 -all", 11));
	cr_assert_not(dmarc_record_is_dmarc("", 0));
}

static struct msg *test_dmarc_msg(const char *from)
{
	struct msg *m = test_dkim_util_message();
	msg_header_remove(m, "From");
	if (from)
		msg_header_prepend(m, "From", from);
	return m;
}

Test(dmarc, from_domain)
{
	static const struct {
		const char *from, *domain;
	} good[] = {
		{ "news@shop.example", "shop.example" },
		{ "\"Shop, Inc.\" <News@Shop.Example>", "shop.example" },
		{ "=?UTF-8?B?44K344On44OD44OX?= <news@shop.example>", "shop.example" },
		{ "Sellers: news@shop.example;", "shop.example" },
		{ "news@shop.example (the shop <boss@bank.example>)", "shop.example" },
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		struct msg *m = test_dmarc_msg(good[i].from);
		char d[64], err[160];
		cr_assert_eq(dmarc_from_domain(m, d, sizeof d, err, sizeof err), 0, "%s: %s",
		             good[i].from, err);
		cr_assert_str_eq(d, good[i].domain);
		msg_free(m);
	}
	static const struct {
		const char *from, *why;
	} bad[] = {
		{ NULL, "no From field" },
		{ "a@shop.example, b@bank.example", "2 mailboxes" },
		{ "undisclosed-recipients:;", "no mailbox" },
		{ "Shop <news@shop.example", "does not parse" },
		{ "news@[192.0.2.1]", "address literal" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct msg *m = test_dmarc_msg(bad[i].from);
		char d[64] = "x", err[160] = "";
		cr_assert_eq(dmarc_from_domain(m, d, sizeof d, err, sizeof err), -1, "%s",
		             bad[i].from ? bad[i].from : "(none)");
		cr_assert_str_eq(d, "");
		cr_assert(strstr(err, bad[i].why), "\"%s\" should say %s", err, bad[i].why);
		msg_free(m);
	}
	struct msg *m = test_dmarc_msg("a@shop.example");
	msg_header_append(m, "From", "b@bank.example");
	char d[64], err[160];
	cr_assert_eq(dmarc_from_domain(m, d, sizeof d, err, sizeof err), -1);
	cr_assert(strstr(err, "2 From fields"), "%s", err);
	msg_free(m);
}

/* ---- evaluation ------------------------------------------------------------ */

struct test_dmarc_case {
	struct test_dkim_zone z;
	struct msg *m;
	struct dkim_verification dkim;
	struct dmarc_result r;
};

/* A mail with header From from, signed by d= (NULL: unsigned) with key a,
 * DKIM-verified against a zone that also holds the given DMARC records. */
static void test_dmarc_setup(struct test_dmarc_case *c, const char *from, const char *signer)
{
	memset(c, 0, sizeof *c);
	c->m = test_dmarc_msg(from);
	if (signer) {
		struct dkim_key *k = test_dkim_util_key("dkim-rsa2048-a.pem");
		struct dkim_sign_opts o;
		char err[200];
		dkim_sign_opts_init(&o, signer, "s1");
		cr_assert_eq(dkim_sign(c->m, k, &o, NULL, err, sizeof err), 0, "%s", err);
		dkim_key_free(k);
	}
	test_dkim_util_publish(&c->z, "s1._domainkey.corp.example", "dkim-rsa2048-a.pem");
	test_dkim_util_publish(&c->z, "s1._domainkey.shop.example", "dkim-rsa2048-a.pem");
	test_dkim_util_publish(&c->z, "s1._domainkey.esp.example", "dkim-rsa2048-a.pem");
	test_dkim_util_zone_add(&c->z, "_dmarc.corp.example", "v=DMARC1; p=reject");
	test_dkim_util_zone_add(&c->z, "_dmarc.shop.example",
	                        "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@shop.example");
	test_dkim_util_zone_add(&c->z, "_dmarc.shop.example", "some unrelated TXT record");
}

static void test_dmarc_run(struct test_dmarc_case *c, enum spf_result spf, const char *spf_domain,
                           int sample)
{
	dkim_verify(c->m, -1, test_dkim_util_lookup, &c->z, &c->dkim);
	struct dmarc_input in = { c->m, spf, spf_domain, &c->dkim, sample };
	dmarc_evaluate(&in, test_dkim_util_lookup, &c->z, &c->r);
	cr_assert_not_null(c->r.detail);
	cr_assert_not_null(c->r.authres);
}

static void test_dmarc_done(struct test_dmarc_case *c)
{
	dmarc_result_free(&c->r);
	dkim_verification_free(&c->dkim);
	msg_free(c->m);
	test_dkim_util_zone_free(&c->z);
}

Test(dmarc, signed_and_spf_aligned_mail_passes)
{
	struct test_dmarc_case c;
	test_dmarc_setup(&c, "Alice <alice@corp.example>", "corp.example");
	test_dmarc_run(&c, SPF_PASS, "corp.example", -1);
	cr_assert_eq(c.r.status, DMARC_STATUS_PASS, "%s", c.r.detail);
	cr_assert(c.r.spf_aligned && c.r.dkim_aligned);
	cr_assert_str_eq(c.r.dkim_domain, "corp.example");
	cr_assert_str_eq(c.r.record_domain, "corp.example");
	cr_assert_eq(c.r.requested, DMARC_POLICY_REJECT);
	cr_assert_eq(c.r.disposition, DMARC_POLICY_NONE, "a pass is delivered");
	cr_assert_str_eq(c.r.authres, "dmarc=pass (p=reject dis=none) header.from=corp.example");
	test_dmarc_done(&c);
}

Test(dmarc, forwarded_mail_passes_on_dkim_alone)
{
	/* The university receives it from ISP B: SPF for corp.example fails
	 * (ISP B is not in its record), DKIM still passes. */
	struct test_dmarc_case c;
	test_dmarc_setup(&c, "Alice <alice@corp.example>", "corp.example");
	msg_header_prepend(c.m, "Received", "from mx.ispb.example by mx.univ.example; date");
	test_dmarc_run(&c, SPF_FAIL, "corp.example", -1);
	cr_assert_eq(c.r.status, DMARC_STATUS_PASS, "%s", c.r.detail);
	cr_assert_not(c.r.spf_aligned);
	cr_assert(c.r.dkim_aligned);
	cr_assert(strstr(c.r.detail, "DKIM passed for d=corp.example"), "%s", c.r.detail);
	test_dmarc_done(&c);
}

Test(dmarc, newsletter_service_without_and_with_the_shops_signature)
{
	/* 代理送信: envelope bounce-…@esp.example, header From news@shop.example. */
	struct test_dmarc_case c;
	test_dmarc_setup(&c, "Shop <news@shop.example>", NULL);
	test_dmarc_run(&c, SPF_PASS, "esp.example", -1);
	cr_assert_eq(c.r.status, DMARC_STATUS_FAIL, "SPF passes but is not aligned");
	cr_assert_not(c.r.spf_aligned);
	cr_assert_eq(c.r.requested, DMARC_POLICY_REJECT);
	cr_assert_eq(c.r.disposition, DMARC_POLICY_REJECT);
	cr_assert_str_eq(c.r.authres, "dmarc=fail (p=reject dis=reject) header.from=shop.example");
	test_dmarc_done(&c);

	/* Signed by the service's own domain: DKIM passes, not aligned. */
	test_dmarc_setup(&c, "Shop <news@shop.example>", "esp.example");
	test_dmarc_run(&c, SPF_PASS, "esp.example", -1);
	cr_assert_eq(dkim_verification_status(&c.dkim), DKIM_STATUS_PASS);
	cr_assert_eq(c.r.status, DMARC_STATUS_FAIL);
	test_dmarc_done(&c);

	/* Signed with the key the shop delegated (d=shop.example): pass. */
	test_dmarc_setup(&c, "Shop <news@shop.example>", "shop.example");
	test_dmarc_run(&c, SPF_PASS, "esp.example", -1);
	cr_assert_eq(c.r.status, DMARC_STATUS_PASS, "%s", c.r.detail);
	cr_assert(c.r.dkim_aligned && !c.r.spf_aligned);
	test_dmarc_done(&c);
}

Test(dmarc, spoofer_with_a_copied_signature_and_changed_body_fails)
{
	struct test_dmarc_case c;
	test_dmarc_setup(&c, "Alice <alice@corp.example>", "corp.example");
	msg_set_body(c.m, "Please wire the money today.\r\n");
	test_dmarc_run(&c, SPF_FAIL, "corp.example", -1);
	cr_assert_eq(dkim_verification_status(&c.dkim), DKIM_STATUS_FAIL_BODY_HASH);
	cr_assert_eq(c.r.status, DMARC_STATUS_FAIL);
	cr_assert_eq(c.r.disposition, DMARC_POLICY_REJECT);
	test_dmarc_done(&c);
}

Test(dmarc, subdomains_use_sp_and_pct_samples)
{
	/* news.shop.example has no record: the shop's applies, with sp=. */
	struct test_dmarc_case c;
	test_dmarc_setup(&c, "news@news.shop.example", NULL);
	test_dmarc_run(&c, SPF_PASS, "esp.example", -1);
	cr_assert_eq(c.r.status, DMARC_STATUS_FAIL);
	cr_assert_str_eq(c.r.record_domain, "shop.example");
	cr_assert_str_eq(c.r.org_domain, "shop.example");
	cr_assert_eq(c.r.requested, DMARC_POLICY_QUARANTINE);
	test_dmarc_done(&c);

	/* A relaxed-aligned SPF domain passes for the subdomain. */
	test_dmarc_setup(&c, "news@news.shop.example", NULL);
	test_dmarc_run(&c, SPF_PASS, "bounce.shop.example", -1);
	cr_assert_eq(c.r.status, DMARC_STATUS_PASS);
	test_dmarc_done(&c);

	/* pct=50: a sample of 70 is outside, reject becomes quarantine. */
	for (int sample = 20; sample <= 70; sample += 50) {
		test_dmarc_setup(&c, "x@pct.example", NULL);
		test_dkim_util_zone_add(&c.z, "_dmarc.pct.example", "v=DMARC1; p=reject; pct=50");
		test_dmarc_run(&c, SPF_NONE, NULL, sample);
		cr_assert_eq(c.r.status, DMARC_STATUS_FAIL);
		cr_assert_eq(c.r.requested, DMARC_POLICY_REJECT);
		cr_assert_eq(c.r.sampled_out, sample >= 50);
		cr_assert_eq(c.r.disposition,
		             sample >= 50 ? DMARC_POLICY_QUARANTINE : DMARC_POLICY_REJECT);
		test_dmarc_done(&c);
	}
}

Test(dmarc, strict_alignment)
{
	struct test_dmarc_case c;
	for (int strict = 0; strict < 2; strict++) {
		test_dmarc_setup(&c, "a@strict.example", NULL);
		test_dkim_util_zone_add(&c.z, "_dmarc.strict.example",
		                        strict ? "v=DMARC1; p=quarantine; aspf=s"
		                               : "v=DMARC1; p=quarantine");
		test_dmarc_run(&c, SPF_PASS, "mail.strict.example", -1);
		cr_assert_eq(c.r.status, strict ? DMARC_STATUS_FAIL : DMARC_STATUS_PASS);
		cr_assert_eq(c.r.rec.aspf, strict ? DMARC_ALIGN_STRICT : DMARC_ALIGN_RELAXED);
		test_dmarc_done(&c);
	}
}

Test(dmarc, none_temperror_permerror)
{
	struct test_dmarc_case c;
	/* No record: DMARC does not apply, alignment is still shown. */
	test_dmarc_setup(&c, "a@norecord.example", NULL);
	test_dmarc_run(&c, SPF_PASS, "norecord.example", -1);
	cr_assert_eq(c.r.status, DMARC_STATUS_NONE);
	cr_assert(c.r.spf_aligned);
	cr_assert_eq(c.r.disposition, DMARC_POLICY_NONE);
	cr_assert_str_eq(c.r.authres, "dmarc=none header.from=norecord.example");
	test_dmarc_done(&c);

	/* Two DMARC records: none applies. */
	test_dmarc_setup(&c, "a@two.example", NULL);
	test_dkim_util_zone_add(&c.z, "_dmarc.two.example", "v=DMARC1; p=reject");
	test_dkim_util_zone_add(&c.z, "_dmarc.two.example", "v=DMARC1; p=none");
	test_dmarc_run(&c, SPF_FAIL, "two.example", -1);
	cr_assert_eq(c.r.status, DMARC_STATUS_NONE);
	cr_assert(strstr(c.r.detail, "2 DMARC records"), "%s", c.r.detail);
	test_dmarc_done(&c);

	/* A broken record. */
	test_dmarc_setup(&c, "a@broken.example", NULL);
	test_dkim_util_zone_add(&c.z, "_dmarc.broken.example", "v=DMARC1; p=maybe");
	test_dmarc_run(&c, SPF_FAIL, "broken.example", -1);
	cr_assert_eq(c.r.status, DMARC_STATUS_PERMERROR);
	cr_assert_str_eq(c.r.authres, "dmarc=permerror (bad policy record) header.from=broken.example");
	test_dmarc_done(&c);

	/* Two From addresses: DMARC cannot be evaluated. */
	test_dmarc_setup(&c, "a@corp.example, b@shop.example", NULL);
	test_dmarc_run(&c, SPF_PASS, "corp.example", -1);
	cr_assert_eq(c.r.status, DMARC_STATUS_PERMERROR);
	cr_assert_null(c.r.from_domain);
	cr_assert_str_eq(c.r.authres, "dmarc=permerror (no single From domain)");
	test_dmarc_done(&c);

	/* DNS trouble. */
	test_dmarc_setup(&c, "a@corp.example", NULL);
	c.z.temperror = 1;
	test_dmarc_run(&c, SPF_PASS, "corp.example", -1);
	cr_assert_eq(c.r.status, DMARC_STATUS_TEMPERROR);
	test_dmarc_done(&c);

	/* No DKIM results given at all. */
	test_dmarc_setup(&c, "a@corp.example", NULL);
	struct dmarc_input in = { c.m, SPF_SOFTFAIL, "corp.example", NULL, -1 };
	dmarc_evaluate(&in, test_dkim_util_lookup, &c.z, &c.r);
	cr_assert_eq(c.r.status, DMARC_STATUS_FAIL);
	test_dmarc_done(&c);
	dmarc_result_free(NULL);
}
