/* test_dkim_broken — broken DKIM-Signature fields, as a spoofer or a
 * broken signer writes them: each is reported as a permerror with a
 * reason, and no input crashes the verifier or makes it work without
 * bound. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <criterion/criterion.h>

#include <string.h>

#include "dkim.h"
#include "msg.h"
#include "test_dkim_util.h"

#define TEST_DKIM_BROKEN_SEL "s1._domainkey.corp.example"

/* A signed message's wire text and the value of its DKIM-Signature field
 * (unfolded), so tests can write variants of the field. */
struct test_dkim_broken {
	char *rest;        /* the wire text after the signature field */
	char *value;       /* the signature value, unfolded */
	struct test_dkim_zone z;
};

static void test_dkim_broken_init(struct test_dkim_broken *t)
{
	struct msg *m = test_dkim_util_message();
	test_dkim_util_sign(m, "dkim-rsa2048-a.pem", DKIM_CANON_RELAXED, DKIM_CANON_RELAXED);
	char v[2048];
	cr_assert(msg_header_get(m, "DKIM-Signature", v, sizeof v));
	t->value = xstrdup(v);
	msg_header_remove(m, "DKIM-Signature");
	t->rest = msg_serialize(m, NULL);
	msg_free(m);
	memset(&t->z, 0, sizeof t->z);
	test_dkim_util_publish(&t->z, TEST_DKIM_BROKEN_SEL, "dkim-rsa2048-a.pem");
}

static void test_dkim_broken_fini(struct test_dkim_broken *t)
{
	free(t->rest);
	free(t->value);
	test_dkim_util_zone_free(&t->z);
}

/* Verify the message with field as its DKIM-Signature value. */
static enum dkim_status test_dkim_broken_run(struct test_dkim_broken *t, const char *field,
                                             size_t flen, struct dkim_verification *v)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_adds(&b, "DKIM-Signature: ");
	sbuf_add(&b, field, flen);
	sbuf_adds(&b, "\r\n");
	sbuf_adds(&b, t->rest);
	dkim_verify_wire(b.s, b.len, -1, test_dkim_util_lookup, &t->z, v);
	sbuf_free(&b);
	cr_assert_eq(v->n, 1);
	cr_assert_not_null(v->sigs[0].detail);
	cr_assert_not_null(v->sigs[0].authres);
	return v->sigs[0].status;
}

/* The value with tag name's spec ("name=…;") removed or replaced. */
static char *test_dkim_broken_edit(const char *value, const char *name, const char *with)
{
	struct sbuf b;
	char key[16];
	snprintf(key, sizeof key, " %s=", name);
	const char *at = strncmp(value, key + 1, strlen(key) - 1) == 0 ? value : strstr(value, key);
	cr_assert_not_null(at, "no %s= in %s", name, value);
	if (at != value)
		at++;
	const char *end = strchr(at, ';');
	end = end ? end + 1 : at + strlen(at);
	while (*end == ' ')
		end++;
	sbuf_init(&b);
	sbuf_add(&b, value, (size_t)(at - value));
	sbuf_adds(&b, with);
	sbuf_adds(&b, end);
	/* Drop a dangling "; " if the last spec went. */
	while (b.len && (b.s[b.len - 1] == ' ' || b.s[b.len - 1] == ';'))
		b.s[--b.len] = '\0';
	return sbuf_take(&b);
}

Test(dkim_broken, the_unbroken_field_passes)
{
	struct test_dkim_broken t;
	test_dkim_broken_init(&t);
	struct dkim_verification v;
	cr_assert_eq(test_dkim_broken_run(&t, t.value, strlen(t.value), &v), DKIM_STATUS_PASS,
	             "%s", v.sigs[0].detail);
	dkim_verification_free(&v);
	test_dkim_broken_fini(&t);
}

Test(dkim_broken, missing_required_tags)
{
	static const char *const tags[] = { "v", "a", "b", "bh", "d", "h", "s" };
	struct test_dkim_broken t;
	test_dkim_broken_init(&t);
	for (size_t i = 0; i < sizeof tags / sizeof *tags; i++) {
		char *f = test_dkim_broken_edit(t.value, tags[i], "");
		struct dkim_verification v;
		cr_assert_eq(test_dkim_broken_run(&t, f, strlen(f), &v), DKIM_STATUS_PERMERROR_SYNTAX,
		             "without %s=: %s", tags[i], v.sigs[0].detail);
		char want[16];
		snprintf(want, sizeof want, "no %s= tag", tags[i]);
		cr_assert_str_eq(v.sigs[0].detail, want);
		cr_assert_str_eq(v.sigs[0].comment, "signature missing required tag");
		cr_assert(strstr(v.sigs[0].authres, "dkim=permerror (signature missing required tag)"),
		          "%s", v.sigs[0].authres);
		cr_assert_eq(t.z.queries, 0, "no key is fetched for a broken field");
		dkim_verification_free(&v);
		free(f);
	}
	test_dkim_broken_fini(&t);
}

Test(dkim_broken, bad_values)
{
	static const struct {
		const char *tag, *with;
		const char *comment;
	} cases[] = {
		{ "b", "b=AAAA*AAA", "signature syntax error" },
		{ "b", "b=", "signature syntax error" },
		{ "b", "b=AAA", "signature syntax error" },
		{ "bh", "bh=!!!!;", "signature syntax error" },
		{ "v", "v=2;", "incompatible version" },
		{ "a", "a=rsa-sha1;", "unsupported algorithm" },
		{ "a", "a=ed25519-sha256;", "unsupported algorithm" },
		{ "h", "h=to:subject;", "From field not signed" },
		{ "h", "h=from::to;", "signature syntax error" },
		{ "d", "d=corp;", "signature syntax error" },
		{ "d", "d=corp.example; i=@evil.example;", "domain mismatch" },
		{ "d", "d=corp.example; i=alice.corp.example;", "domain mismatch" },
		{ "s", "s=bad_selector!;", "signature syntax error" },
		{ "c", "c=relaxed/fancy;", "signature syntax error" },
		{ "d", "d=corp.example; q=dns/other;", "unsupported query method" },
		{ "d", "d=corp.example; l=12a;", "signature syntax error" },
		{ "t", "t=-5;", "signature syntax error" },
		{ "t", "t=1775001600; x=1775001500;", "signature syntax error" },
		{ "t", "t=1234567890123;", "signature syntax error" },
		{ "v", "v=1; v=1;", "signature syntax error" },
		{ "d", "d=corp.example;; ", "signature syntax error" },
	};
	struct test_dkim_broken t;
	test_dkim_broken_init(&t);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *f = test_dkim_broken_edit(t.value, cases[i].tag, cases[i].with);
		/* test_dkim_broken_edit joins the next spec directly. */
		struct sbuf fixed;
		sbuf_init(&fixed);
		for (const char *p = f; *p; p++) {
			sbuf_addc(&fixed, *p);
			if (*p == ';' && p[1] && p[1] != ' ')
				sbuf_addc(&fixed, ' ');
		}
		struct dkim_verification v;
		enum dkim_status st = test_dkim_broken_run(&t, fixed.s, fixed.len, &v);
		cr_assert_eq(st, DKIM_STATUS_PERMERROR_SYNTAX, "%s: %s (%s)", cases[i].with,
		             dkim_status_names[st], v.sigs[0].detail);
		cr_assert_str_eq(v.sigs[0].comment, cases[i].comment, "%s: %s", cases[i].with,
		                 v.sigs[0].detail);
		dkim_verification_free(&v);
		sbuf_free(&fixed);
		free(f);
	}
	test_dkim_broken_fini(&t);
}

Test(dkim_broken, body_length_longer_than_the_body)
{
	struct test_dkim_broken t;
	test_dkim_broken_init(&t);
	char *f = test_dkim_broken_edit(t.value, "d", "d=corp.example; l=999999999999999999999999; ");
	struct dkim_verification v;
	cr_assert_eq(test_dkim_broken_run(&t, f, strlen(f), &v), DKIM_STATUS_FAIL_BODY_HASH);
	cr_assert(strstr(v.sigs[0].detail, "longer than the canonical body"), "%s",
	          v.sigs[0].detail);
	dkim_verification_free(&v);
	free(f);
	/* l= within the body but not the signer's: the hash of the first
	 * bytes does not match. */
	f = test_dkim_broken_edit(t.value, "d", "d=corp.example; l=10; ");
	cr_assert_eq(test_dkim_broken_run(&t, f, strlen(f), &v), DKIM_STATUS_FAIL_BODY_HASH);
	cr_assert_eq(v.sigs[0].steps.canon_body_len, 10);
	dkim_verification_free(&v);
	free(f);
	test_dkim_broken_fini(&t);
}

Test(dkim_broken, empty_and_garbage_fields)
{
	struct test_dkim_broken t;
	test_dkim_broken_init(&t);
	static const char *const junk[] = {
		"", " ", ";", "v", "=", "v=1; a=rsa-sha256; b", "\x01\x02\x03", "\xff\xfe v=1",
		"v=1;\r\na=rsa-sha256", "v=1;\n a=x", "(comment) v=1", "v=1; b=\"AAAA\"",
	};
	for (size_t i = 0; i < sizeof junk / sizeof *junk; i++) {
		struct dkim_verification v;
		cr_assert_eq(test_dkim_broken_run(&t, junk[i], strlen(junk[i]), &v),
		             DKIM_STATUS_PERMERROR_SYNTAX, "junk %zu", i);
		cr_assert(strstr(v.sigs[0].authres, "dkim=permerror"), "%s", v.sigs[0].authres);
		dkim_verification_free(&v);
	}
	/* Every single byte value, alone and after a valid prefix. */
	for (int c = 0; c < 256; c++) {
		char f[64];
		int n = snprintf(f, sizeof f, "v=1; a=rsa-sha256; d=corp.example; s=s1; h=from; x");
		f[n - 1] = (char)c;
		struct dkim_verification v;
		test_dkim_broken_run(&t, f, (size_t)n, &v);
		dkim_verification_free(&v);
	}
	test_dkim_broken_fini(&t);
}

Test(dkim_broken, huge_inputs_are_refused_quickly)
{
	struct test_dkim_broken t;
	test_dkim_broken_init(&t);
	struct sbuf b;
	struct dkim_verification v;

	/* 100,000 tags. */
	sbuf_init(&b);
	for (int i = 0; i < 100000; i++)
		sbuf_addf(&b, "t%d=x; ", i);
	cr_assert_eq(test_dkim_broken_run(&t, b.s, b.len, &v), DKIM_STATUS_PERMERROR_SYNTAX);
	cr_assert(strstr(v.sigs[0].detail, "more than"), "%s", v.sigs[0].detail);
	dkim_verification_free(&v);

	/* An h= of 10,000 names. */
	char *h = NULL;
	sbuf_reset(&b);
	sbuf_adds(&b, "h=from");
	for (int i = 0; i < 10000; i++)
		sbuf_adds(&b, ":to");
	sbuf_adds(&b, ";");
	h = xstrdup(b.s);
	char *f = test_dkim_broken_edit(t.value, "h", h);
	free(h);
	cr_assert_eq(test_dkim_broken_run(&t, f, strlen(f), &v), DKIM_STATUS_PERMERROR_SYNTAX);
	cr_assert(strstr(v.sigs[0].detail, "at most"), "%s", v.sigs[0].detail);
	dkim_verification_free(&v);
	free(f);

	/* A 1 MiB b= value. */
	sbuf_reset(&b);
	sbuf_adds(&b, "b=");
	for (int i = 0; i < (1 << 18); i++)
		sbuf_adds(&b, "AAAA");
	sbuf_adds(&b, ";");
	h = xstrdup(b.s);
	f = test_dkim_broken_edit(t.value, "b", h);
	free(h);
	cr_assert_eq(test_dkim_broken_run(&t, f, strlen(f), &v), DKIM_STATUS_FAIL_SIGNATURE,
	             "valid syntax, wrong signature: %s", v.sigs[0].detail);
	dkim_verification_free(&v);
	free(f);
	sbuf_free(&b);
	test_dkim_broken_fini(&t);
}

Test(dkim_broken, many_signatures_are_capped)
{
	struct test_dkim_broken t;
	test_dkim_broken_init(&t);
	struct sbuf b;
	sbuf_init(&b);
	for (int i = 0; i < 3 * DKIM_MAX_SIGNATURES; i++)
		sbuf_addf(&b, "DKIM-Signature: %s\r\n", t.value);
	sbuf_adds(&b, t.rest);
	struct dkim_verification v;
	dkim_verify_wire(b.s, b.len, -1, test_dkim_util_lookup, &t.z, &v);
	cr_assert_eq(v.n, DKIM_MAX_SIGNATURES);
	for (int i = 0; i < v.n; i++)
		cr_assert_eq(v.sigs[i].status, DKIM_STATUS_PASS, "h= does not list dkim-signature");
	dkim_verification_free(&v);
	sbuf_free(&b);
	test_dkim_broken_fini(&t);
}

Test(dkim_broken, odd_wire_texts)
{
	struct test_dkim_zone z;
	memset(&z, 0, sizeof z);
	static const char *const texts[] = {
		"",
		"\r\n",
		"DKIM-Signature:",
		"DKIM-Signature: v=1\r\n",
		" DKIM-Signature: v=1\r\n\r\n",
		"DKIM-Signature : v=1; a=rsa-sha256\r\n\tb=x\r\n\r\nbody",
		"dkim-signature:v=1;a=rsa-sha256;b=AAAA;bh=AAAA;d=x.example;h=from;s=s\r\nFrom: a@x.example",
		"DKIM-Signature: v=1\nFrom: a\n\nbody\n",
		"no colon at all\r\nDKIM-Signature: v=1\r\n\r\n",
		"DKIM-Signature: v=1\r",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		struct dkim_verification v;
		dkim_verify_wire(texts[i], strlen(texts[i]), 0, test_dkim_util_lookup, &z, &v);
		for (int k = 0; k < v.n; k++)
			cr_assert_neq(v.sigs[k].status, DKIM_STATUS_PASS, "text %zu", i);
		dkim_verification_free(&v);
	}
	struct dkim_verification v;
	dkim_verify_wire(NULL, 0, 0, NULL, NULL, &v);
	cr_assert_eq(v.n, 0);
	dkim_verification_free(&v);
}
