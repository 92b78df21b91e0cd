/* test_dkim — sim/dkim.c: sign a message, verify it as a receiver gets it
 * (serialized, re-parsed), and see each kind of tampering caught with the
 * result RFC 6376 and RFC 8601 name. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <criterion/criterion.h>

#include <string.h>

#include "dkim.h"
#include "msg.h"
#include "test_dkim_util.h"

#define TEST_DKIM_SEL "s1._domainkey.corp.example"
#define TEST_DKIM_T 1775001600

static const enum dkim_canon test_dkim_canons[4][2] = {
	{ DKIM_CANON_RELAXED, DKIM_CANON_RELAXED },
	{ DKIM_CANON_SIMPLE, DKIM_CANON_SIMPLE },
	{ DKIM_CANON_RELAXED, DKIM_CANON_SIMPLE },
	{ DKIM_CANON_SIMPLE, DKIM_CANON_RELAXED },
};

/* The sample message (test_dkim_util_message) signed by corp.example's
 * key A (selector s1) with header and body canonicalization hc/bc. */
static struct msg *test_dkim_signed_a(enum dkim_canon hc, enum dkim_canon bc)
{
	struct msg *m = test_dkim_util_message();
	test_dkim_util_sign(m, "dkim-rsa2048-a.pem", hc, bc);
	return m;
}

/* Verify m with key a published for s1 (unless z is given); returns the
 * single result's status and leaves the verification in *v. */
static enum dkim_status test_dkim_check(const struct msg *m, struct test_dkim_zone *z,
                                        struct dkim_verification *v)
{
	struct test_dkim_zone own;
	memset(&own, 0, sizeof own);
	if (!z) {
		test_dkim_util_publish(&own, TEST_DKIM_SEL, "dkim-rsa2048-a.pem");
		z = &own;
	}
	dkim_verify(m, TEST_DKIM_T + 60, test_dkim_util_lookup, z, v);
	test_dkim_util_zone_free(&own);
	return dkim_verification_status(v);
}

/* The same on wire text. */
static enum dkim_status test_dkim_check_wire(const char *wire, struct dkim_verification *v)
{
	struct test_dkim_zone z;
	memset(&z, 0, sizeof z);
	test_dkim_util_publish(&z, TEST_DKIM_SEL, "dkim-rsa2048-a.pem");
	dkim_verify_wire(wire, strlen(wire), TEST_DKIM_T + 60, test_dkim_util_lookup, &z, v);
	test_dkim_util_zone_free(&z);
	return dkim_verification_status(v);
}

static char *test_dkim_replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	cr_assert_not_null(at, "\"%s\" not in the text", from);
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, s, (size_t)(at - s));
	sbuf_adds(&b, to);
	sbuf_adds(&b, at + strlen(from));
	return sbuf_take(&b);
}

Test(dkim_sign, sign_then_verify_every_canonicalization)
{
	for (int c = 0; c < 4; c++) {
		struct msg *m = test_dkim_signed_a(test_dkim_canons[c][0], test_dkim_canons[c][1]);
		struct dkim_verification v;
		enum dkim_status st = test_dkim_check(m, NULL, &v);
		cr_assert_eq(st, DKIM_STATUS_PASS, "c=%s/%s: %s", dkim_canon_names[test_dkim_canons[c][0]],
		             dkim_canon_names[test_dkim_canons[c][1]], v.n ? v.sigs[0].detail : "none");
		cr_assert_eq(v.n, 1);
		const struct dkim_result *r = &v.sigs[0];
		cr_assert_str_eq(r->domain, "corp.example");
		cr_assert_str_eq(r->selector, "s1");
		cr_assert_str_eq(r->identity, "@corp.example");
		cr_assert_str_eq(r->algorithm, "rsa-sha256");
		cr_assert_eq(r->header_canon, test_dkim_canons[c][0]);
		cr_assert_eq(r->body_canon, test_dkim_canons[c][1]);
		cr_assert_eq(r->timestamp, TEST_DKIM_T);
		cr_assert_eq(r->key_bits, 2048);
		cr_assert_str_eq(r->key_name, TEST_DKIM_SEL);
		cr_assert_str_eq(r->signed_fields,
		                 "from:to:subject:date:message-id:mime-version:content-type:"
		                 "content-transfer-encoding");
		cr_assert_str_eq(r->steps.body_hash, r->body_hash_signed);
		/* The steps show what was hashed: the signed fields, then the
		 * signature field with b= empty and no CRLF. */
		cr_assert_not_null(r->steps.canon_header);
		cr_assert_eq(strlen(r->steps.canon_header), r->steps.canon_header_len);
		const char *from = test_dkim_canons[c][0] == DKIM_CANON_RELAXED
		                       ? "from:Alice Example <alice@corp.example>\r\n"
		                       : "From: Alice Example <alice@corp.example>\r\n";
		cr_assert_eq(strncmp(r->steps.canon_header, from, strlen(from)), 0, "%s",
		             r->steps.canon_header);
		size_t hl = r->steps.canon_header_len;
		cr_assert_eq(strcmp(r->steps.canon_header + hl - 2, "b="), 0);
		char want[128];
		snprintf(want, sizeof want, "dkim=pass header.d=corp.example header.s=s1 header.b=%s",
		         r->header_b);
		cr_assert_str_eq(r->authres, want);
		cr_assert_eq(strlen(r->header_b), 8);
		char *ar = dkim_verification_authres(&v);
		cr_assert_str_eq(ar, want);
		free(ar);
		dkim_verification_free(&v);
		msg_free(m);
	}
}

Test(dkim_sign, signing_is_deterministic_and_steps_match_the_verifier)
{
	struct msg *a = test_dkim_util_message(), *b = test_dkim_util_message();
	struct dkim_key *k = test_dkim_util_key("dkim-rsa2048-a.pem");
	struct dkim_sign_opts o;
	struct dkim_steps st;
	char err[200];
	dkim_sign_opts_init(&o, "corp.example", "s1");
	o.timestamp = TEST_DKIM_T;
	cr_assert_eq(dkim_sign(a, k, &o, &st, err, sizeof err), 0, "%s", err);
	cr_assert_eq(dkim_sign(b, k, &o, NULL, err, sizeof err), 0, "%s", err);
	char va[1024], vb[1024];
	msg_header_get(a, "DKIM-Signature", va, sizeof va);
	msg_header_get(b, "DKIM-Signature", vb, sizeof vb);
	cr_assert_str_eq(va, vb, "same key, message and time: same signature");

	struct dkim_verification v;
	cr_assert_eq(test_dkim_check(a, NULL, &v), DKIM_STATUS_PASS);
	cr_assert_str_eq(st.body_hash, v.sigs[0].steps.body_hash);
	cr_assert_eq(st.canon_body_len, v.sigs[0].steps.canon_body_len);
	cr_assert_eq(memcmp(st.canon_body, v.sigs[0].steps.canon_body, st.canon_body_len), 0);
	cr_assert_eq(st.canon_header_len, v.sigs[0].steps.canon_header_len);
	cr_assert_eq(memcmp(st.canon_header, v.sigs[0].steps.canon_header, st.canon_header_len), 0,
	             "the signer hashed exactly what the verifier hashes");
	dkim_verification_free(&v);
	dkim_steps_free(&st);
	dkim_steps_free(NULL);
	dkim_key_free(k);
	msg_free(a);
	msg_free(b);
}

Test(dkim_sign, signature_field_is_folded_and_the_wire_round_trips)
{
	for (int c = 0; c < 4; c++) {
		struct msg *m = test_dkim_signed_a(test_dkim_canons[c][0], test_dkim_canons[c][1]);
		size_t len;
		char *wire = msg_serialize(m, &len);
		/* No line of the signature field is longer than 78. */
		const char *end = strstr(wire, "\r\nFrom:");
		cr_assert_not_null(end);
		for (const char *p = wire; p < end;) {
			const char *e = strstr(p, "\r\n");
			cr_assert_leq(e - p, 78, "line too long: %.*s", (int)(e - p), p);
			p = e + 2;
		}
		/* A receiver parses the wire text and the MTAs serialize it again:
		 * the signature still verifies, even with simple/simple. */
		char err[128];
		struct msg *again = msg_parse(wire, len, err, sizeof err);
		cr_assert_not_null(again, "%s", err);
		size_t len2;
		char *wire2 = msg_serialize(again, &len2);
		cr_assert_eq(len2, len);
		cr_assert_eq(memcmp(wire, wire2, len), 0, "serialize(parse(wire)) == wire");
		struct dkim_verification v;
		cr_assert_eq(test_dkim_check(again, NULL, &v), DKIM_STATUS_PASS, "%s", v.sigs[0].detail);
		dkim_verification_free(&v);
		cr_assert_eq(test_dkim_check_wire(wire, &v), DKIM_STATUS_PASS);
		dkim_verification_free(&v);
		free(wire);
		free(wire2);
		msg_free(again);
		msg_free(m);
	}
}

Test(dkim_verify, tampered_body_fails_the_body_hash)
{
	for (int c = 0; c < 4; c++) {
		struct msg *m = test_dkim_signed_a(test_dkim_canons[c][0], test_dkim_canons[c][1]);
		char *body = test_dkim_replace(m->body, "attached", "on the phishing site");
		msg_set_body(m, body);
		free(body);
		struct dkim_verification v;
		cr_assert_eq(test_dkim_check(m, NULL, &v), DKIM_STATUS_FAIL_BODY_HASH);
		const struct dkim_result *r = &v.sigs[0];
		cr_assert_str_eq(r->comment, "body hash did not verify");
		cr_assert_neq(strcmp(r->steps.body_hash, r->body_hash_signed), 0);
		char want[128];
		snprintf(want, sizeof want,
		         "dkim=fail (body hash did not verify) header.d=corp.example header.s=s1 "
		         "header.b=%s", r->header_b);
		cr_assert_str_eq(r->authres, want);
		cr_assert_null(r->steps.canon_header, "the header is not hashed after a body failure");
		dkim_verification_free(&v);
		msg_free(m);
	}
}

Test(dkim_verify, tampered_signed_field_fails_the_signature)
{
	struct msg *m = test_dkim_signed_a(DKIM_CANON_RELAXED, DKIM_CANON_RELAXED);
	msg_header_remove(m, "Subject");
	msg_header_append(m, "Subject", "Quarterly report (urgent: pay now)");
	struct dkim_verification v;
	cr_assert_eq(test_dkim_check(m, NULL, &v), DKIM_STATUS_FAIL_SIGNATURE);
	cr_assert_str_eq(v.sigs[0].comment, "signature did not verify");
	cr_assert(strstr(v.sigs[0].authres, "dkim=fail (signature did not verify) header.d=corp.example"),
	          "%s", v.sigs[0].authres);
	dkim_verification_free(&v);
	msg_free(m);

	/* A changed From (spoofing the display name) likewise. */
	m = test_dkim_signed_a(DKIM_CANON_RELAXED, DKIM_CANON_RELAXED);
	msg_header_remove(m, "From");
	msg_header_prepend(m, "From", "CEO <alice@corp.example>");
	cr_assert_eq(test_dkim_check(m, NULL, &v), DKIM_STATUS_FAIL_SIGNATURE);
	dkim_verification_free(&v);
	msg_free(m);
}

Test(dkim_verify, unsigned_fields_and_forwarding_do_not_matter)
{
	/* What relaying MTAs do: Received on top, Return-Path and Delivered-To
	 * at delivery, the envelope rewritten by a forward.  DKIM survives. */
	struct msg *m = test_dkim_signed_a(DKIM_CANON_RELAXED, DKIM_CANON_RELAXED);
	msg_header_prepend(m, "Received", "from mx.ispb.example ([198.51.100.25]) by mx.univ.example "
	                                  "with ESMTP id 9A; Wed, 01 Apr 2026 09:00:03 +0900");
	msg_header_prepend(m, "Return-Path", "<bob@ispb.example>");
	msg_header_prepend(m, "Delivered-To", "bob@univ.example");
	msg_set_mail_from(m, "bob@ispb.example");
	struct dkim_verification v;
	cr_assert_eq(test_dkim_check(m, NULL, &v), DKIM_STATUS_PASS, "%s", v.sigs[0].detail);
	dkim_verification_free(&v);
	msg_free(m);
}

Test(dkim_verify, relaxed_tolerates_refolding_simple_does_not)
{
	for (int c = 0; c < 2; c++) {
		struct msg *m = test_dkim_signed_a(test_dkim_canons[c][0], test_dkim_canons[c][1]);
		char *wire = msg_serialize(m, NULL);
		char *changed = test_dkim_replace(wire, "Subject: Quarterly report",
		                                  "subject:   Quarterly\r\n\t report ");
		struct dkim_verification v;
		enum dkim_status want = c == 0 ? DKIM_STATUS_PASS : DKIM_STATUS_FAIL_SIGNATURE;
		cr_assert_eq(test_dkim_check_wire(changed, &v), want, "c=%d", c);
		dkim_verification_free(&v);
		free(changed);
		/* Trailing blanks on body lines and extra empty lines at the end. */
		changed = test_dkim_replace(wire, "Hello Bob,\r\n", "Hello   Bob, \t\r\n");
		char *more = test_dkim_replace(changed, "Alice\r\n", "Alice\r\n\r\n\r\n");
		cr_assert_eq(test_dkim_check_wire(more, &v),
		             c == 0 ? DKIM_STATUS_PASS : DKIM_STATUS_FAIL_BODY_HASH, "c=%d", c);
		dkim_verification_free(&v);
		free(more);
		free(changed);
		/* Only empty lines added at the end: both canonicalizations agree. */
		changed = test_dkim_replace(wire, "Alice\r\n", "Alice\r\n\r\n\r\n");
		cr_assert_eq(test_dkim_check_wire(changed, &v), DKIM_STATUS_PASS, "c=%d", c);
		dkim_verification_free(&v);
		free(changed);
		free(wire);
		msg_free(m);
	}
}

Test(dkim_verify, fields_that_occur_twice_are_signed_bottom_up)
{
	struct msg *m = test_dkim_util_message();
	msg_header_prepend(m, "Received", "from a (a [192.0.2.1]) by b with ESMTP id 1; date-1");
	msg_header_prepend(m, "Received", "from b (b [192.0.2.2]) by c with ESMTP id 2; date-2");
	struct dkim_key *k = test_dkim_util_key("dkim-rsa2048-a.pem");
	static const char *const fields[] = { "From", "Received", NULL };
	struct dkim_sign_opts o;
	char err[200];
	dkim_sign_opts_init(&o, "corp.example", "s1");
	o.fields = fields;
	cr_assert_eq(dkim_sign(m, k, &o, NULL, err, sizeof err), 0, "%s", err);
	dkim_key_free(k);

	struct dkim_verification v;
	cr_assert_eq(test_dkim_check(m, NULL, &v), DKIM_STATUS_PASS, "%s", v.sigs[0].detail);
	cr_assert_str_eq(v.sigs[0].signed_fields, "from:received:received");
	/* The hash input has the bottom Received first. */
	const char *h = v.sigs[0].steps.canon_header;
	const char *r1 = strstr(h, "id 1;"), *r2 = strstr(h, "id 2;");
	cr_assert(r1 && r2 && r1 < r2, "%s", h);
	dkim_verification_free(&v);

	/* Swapping the two Received fields breaks the signature. */
	char *wire = msg_serialize(m, NULL);
	char *a = strstr(wire, "Received: from b"), *b = strstr(wire, "Received: from a");
	cr_assert(a && b && a < b);
	char *line_a = xstrndup(a, (size_t)(strstr(a, "\r\n") - a));
	char *line_b = xstrndup(b, (size_t)(strstr(b, "\r\n") - b));
	char *t1 = test_dkim_replace(wire, line_a, "@@A@@");
	char *t2 = test_dkim_replace(t1, line_b, line_a);
	char *t3 = test_dkim_replace(t2, "@@A@@", line_b);
	cr_assert_eq(test_dkim_check_wire(t3, &v), DKIM_STATUS_FAIL_SIGNATURE);
	dkim_verification_free(&v);
	free(t1);
	free(t2);
	free(t3);
	free(line_a);
	free(line_b);
	free(wire);
	msg_free(m);
}

Test(dkim_verify, oversigning_blocks_added_fields)
{
	for (int oversign = 0; oversign < 2; oversign++) {
		struct msg *m = test_dkim_util_message();
		struct dkim_key *k = test_dkim_util_key("dkim-rsa2048-a.pem");
		struct dkim_sign_opts o;
		char err[200];
		dkim_sign_opts_init(&o, "corp.example", "s1");
		o.oversign = oversign;
		cr_assert_eq(dkim_sign(m, k, &o, NULL, err, sizeof err), 0, "%s", err);
		dkim_key_free(k);
		struct dkim_verification v;
		cr_assert_eq(test_dkim_check(m, NULL, &v), DKIM_STATUS_PASS);
		if (oversign)
			cr_assert(strstr(v.sigs[0].signed_fields, "from:from") &&
			          strstr(v.sigs[0].signed_fields, "cc:"),
			          "present fields twice, absent ones once: %s", v.sigs[0].signed_fields);
		dkim_verification_free(&v);
		/* Someone adds a Cc (absent when signed) and a second Subject. */
		msg_header_append(m, "Cc", "mallory@evil.example");
		cr_assert_eq(test_dkim_check(m, NULL, &v),
		             oversign ? DKIM_STATUS_FAIL_SIGNATURE : DKIM_STATUS_PASS, "oversign=%d",
		             oversign);
		dkim_verification_free(&v);
		msg_free(m);
	}
}

Test(dkim_verify, japanese_subject_is_signed_as_encoded_on_the_wire)
{
	struct msg *m = test_dkim_util_message();
	msg_header_remove(m, "Subject");
	msg_header_append(m, "Subject", "四半期報告書について（ご確認ください）");
	msg_header_remove(m, "From");
	msg_header_prepend(m, "From", "アリス <alice@corp.example>");
	msg_set_body_text_utf8(m, "ボブさん\n\n報告書です。\n");
	test_dkim_util_sign(m, "dkim-rsa2048-a.pem", DKIM_CANON_SIMPLE, DKIM_CANON_SIMPLE);
	struct dkim_verification v;
	cr_assert_eq(test_dkim_check(m, NULL, &v), DKIM_STATUS_PASS, "%s", v.sigs[0].detail);
	cr_assert(strstr(v.sigs[0].steps.canon_header, "Subject: =?UTF-8?B?"),
	          "the hash covers the encoded-words a receiver sees");
	dkim_verification_free(&v);
	char *wire = msg_serialize(m, NULL);
	cr_assert_eq(test_dkim_check_wire(wire, &v), DKIM_STATUS_PASS);
	dkim_verification_free(&v);
	free(wire);
	msg_free(m);
}

Test(dkim_verify, keys_missing_revoked_wrong_or_unreachable)
{
	struct msg *m = test_dkim_signed_a(DKIM_CANON_RELAXED, DKIM_CANON_RELAXED);
	struct test_dkim_zone z;
	struct dkim_verification v;

	memset(&z, 0, sizeof z);
	test_dkim_util_zone_add(&z, "s2._domainkey.corp.example", "v=DKIM1; p=");
	cr_assert_eq(test_dkim_check(m, &z, &v), DKIM_STATUS_PERMERROR_NO_KEY);
	cr_assert_str_eq(v.sigs[0].comment, "no key for signature");
	cr_assert(strstr(v.sigs[0].authres, "dkim=permerror (no key for signature) header.d="),
	          "%s", v.sigs[0].authres);
	dkim_verification_free(&v);
	test_dkim_util_zone_free(&z);

	test_dkim_util_zone_add(&z, TEST_DKIM_SEL, "v=DKIM1; k=rsa; p=");
	cr_assert_eq(test_dkim_check(m, &z, &v), DKIM_STATUS_PERMERROR_NO_KEY);
	cr_assert_str_eq(v.sigs[0].comment, "key revoked");
	dkim_verification_free(&v);
	test_dkim_util_zone_free(&z);

	test_dkim_util_zone_add(&z, TEST_DKIM_SEL, "v=DKIM1; k=rsa; p=QUJD");
	cr_assert_eq(test_dkim_check(m, &z, &v), DKIM_STATUS_PERMERROR_NO_KEY);
	cr_assert_str_eq(v.sigs[0].comment, "key syntax error");
	dkim_verification_free(&v);
	test_dkim_util_zone_free(&z);

	/* Another domain's key under this selector: the signature does not
	 * verify.  A non-DKIM TXT record before it is skipped. */
	test_dkim_util_zone_add(&z, TEST_DKIM_SEL, "google-site-verification=abc");
	test_dkim_util_publish(&z, TEST_DKIM_SEL, "dkim-rsa2048-b.pem");
	cr_assert_eq(test_dkim_check(m, &z, &v), DKIM_STATUS_FAIL_SIGNATURE);
	dkim_verification_free(&v);
	test_dkim_util_zone_free(&z);

	test_dkim_util_publish(&z, TEST_DKIM_SEL, "dkim-rsa2048-a.pem");
	z.temperror = 1;
	cr_assert_eq(test_dkim_check(m, &z, &v), DKIM_STATUS_TEMPERROR);
	cr_assert(strstr(v.sigs[0].authres, "dkim=temperror"), "%s", v.sigs[0].authres);
	dkim_verification_free(&v);
	test_dkim_util_zone_free(&z);

	/* A 512-bit key is refused even when it is the right one to ask. */
	size_t len;
	char *small = test_dkim_util_read("dkim-rsa512.txt", &len);
	small[strcspn(small, "\n")] = '\0';
	test_dkim_util_zone_add(&z, TEST_DKIM_SEL, small);
	free(small);
	cr_assert_eq(test_dkim_check(m, &z, &v), DKIM_STATUS_PERMERROR_NO_KEY);
	cr_assert_str_eq(v.sigs[0].comment, "inappropriate key algorithm");
	dkim_verification_free(&v);
	test_dkim_util_zone_free(&z);
	msg_free(m);
}

Test(dkim_verify, identity_strict_keys_and_expiry)
{
	struct msg *m = test_dkim_util_message();
	struct dkim_key *k = test_dkim_util_key("dkim-rsa2048-a.pem");
	struct dkim_sign_opts o;
	char err[200];
	dkim_sign_opts_init(&o, "corp.example", "s1");
	o.identity = "news@mail.corp.example";
	o.timestamp = TEST_DKIM_T;
	o.expires = TEST_DKIM_T + 30;
	cr_assert_eq(dkim_sign(m, k, &o, NULL, err, sizeof err), 0, "%s", err);
	dkim_key_free(k);

	struct test_dkim_zone z;
	struct dkim_verification v;
	memset(&z, 0, sizeof z);
	test_dkim_util_publish(&z, TEST_DKIM_SEL, "dkim-rsa2048-a.pem");
	dkim_verify(m, TEST_DKIM_T + 10, test_dkim_util_lookup, &z, &v);
	cr_assert_eq(dkim_verification_status(&v), DKIM_STATUS_PASS, "%s", v.sigs[0].detail);
	cr_assert_str_eq(v.sigs[0].identity, "news@mail.corp.example");
	cr_assert_eq(v.sigs[0].expires, TEST_DKIM_T + 30);
	dkim_verification_free(&v);
	/* Past x=: expired.  Without a clock: not checked. */
	dkim_verify(m, TEST_DKIM_T + 31, test_dkim_util_lookup, &z, &v);
	cr_assert_eq(dkim_verification_status(&v), DKIM_STATUS_FAIL_EXPIRED);
	cr_assert(strstr(v.sigs[0].authres, "dkim=fail (signature expired)"), "%s",
	          v.sigs[0].authres);
	dkim_verification_free(&v);
	dkim_verify(m, -1, test_dkim_util_lookup, &z, &v);
	cr_assert_eq(dkim_verification_status(&v), DKIM_STATUS_PASS);
	dkim_verification_free(&v);
	test_dkim_util_zone_free(&z);

	/* A key record with t=s refuses an i= in a subdomain. */
	char *txt = NULL;
	{
		size_t len;
		char *pem = test_dkim_util_read("dkim-rsa2048-a.pem", &len);
		txt = dkim_key_txt_from_pem(pem, len, err, sizeof err);
		free(pem);
	}
	struct sbuf strict;
	sbuf_init(&strict);
	sbuf_addf(&strict, "t=s; %s", txt + strlen("v=DKIM1; "));
	free(txt);
	test_dkim_util_zone_add(&z, TEST_DKIM_SEL, strict.s);
	sbuf_free(&strict);
	dkim_verify(m, -1, test_dkim_util_lookup, &z, &v);
	cr_assert_eq(dkim_verification_status(&v), DKIM_STATUS_PERMERROR_NO_KEY);
	cr_assert_str_eq(v.sigs[0].comment, "domain mismatch");
	dkim_verification_free(&v);
	test_dkim_util_zone_free(&z);
	msg_free(m);
}

Test(dkim_verify, no_signature_is_none)
{
	struct msg *m = test_dkim_util_message();
	struct test_dkim_zone z;
	struct dkim_verification v;
	memset(&z, 0, sizeof z);
	dkim_verify(m, -1, test_dkim_util_lookup, &z, &v);
	cr_assert_eq(v.n, 0);
	cr_assert_eq(dkim_verification_status(&v), DKIM_STATUS_NONE);
	char *ar = dkim_verification_authres(&v);
	cr_assert_str_eq(ar, "dkim=none");
	cr_assert_eq(z.queries, 0, "no DNS query without a signature");
	free(ar);
	dkim_verification_free(&v);
	dkim_verification_free(NULL);
	msg_free(m);
}

Test(dkim_verify, two_signatures_one_good_is_a_pass)
{
	/* The shop signs, the newsletter service signs again on top, and the
	 * service's key has been revoked: the message passes on the shop's. */
	struct msg *m = test_dkim_signed_a(DKIM_CANON_RELAXED, DKIM_CANON_RELAXED);
	struct dkim_key *k = test_dkim_util_key("dkim-rsa2048-c.pem");
	struct dkim_sign_opts o;
	char err[200];
	dkim_sign_opts_init(&o, "esp.example", "news");
	cr_assert_eq(dkim_sign(m, k, &o, NULL, err, sizeof err), 0, "%s", err);
	dkim_key_free(k);

	struct test_dkim_zone z;
	struct dkim_verification v;
	memset(&z, 0, sizeof z);
	test_dkim_util_publish(&z, TEST_DKIM_SEL, "dkim-rsa2048-a.pem");
	test_dkim_util_zone_add(&z, "news._domainkey.esp.example", "v=DKIM1; p=");
	dkim_verify(m, -1, test_dkim_util_lookup, &z, &v);
	cr_assert_eq(v.n, 2);
	cr_assert_str_eq(v.sigs[0].domain, "esp.example", "the top signature first");
	cr_assert_eq(v.sigs[0].status, DKIM_STATUS_PERMERROR_NO_KEY);
	cr_assert_eq(v.sigs[1].status, DKIM_STATUS_PASS);
	cr_assert_eq(dkim_verification_status(&v), DKIM_STATUS_PASS);
	char *ar = dkim_verification_authres(&v);
	cr_assert(strstr(ar, "dkim=permerror (key revoked) header.d=esp.example header.s=news"),
	          "%s", ar);
	cr_assert(strstr(ar, "; dkim=pass header.d=corp.example header.s=s1"), "%s", ar);
	free(ar);
	dkim_verification_free(&v);
	test_dkim_util_zone_free(&z);
	msg_free(m);
}

Test(dkim_sign, refuses_what_it_cannot_sign)
{
	struct dkim_key *k = test_dkim_util_key("dkim-rsa2048-a.pem");
	size_t len;
	char *pub_pem = test_dkim_util_read("dkim-rsa2048-a.pub.pem", &len);
	char *pub_txt = dkim_key_txt_from_pem(pub_pem, len, NULL, 0);
	struct dkim_key *pub = NULL;
	cr_assert_eq(dkim_key_from_record(pub_txt, strlen(pub_txt), &pub, NULL, NULL, 0),
	             DKIM_KEY_OK);
	free(pub_pem);
	free(pub_txt);
	static const char *const no_from[] = { "To", "Subject", NULL };
	static const char *const bad_name[] = { "From", "X Bad", NULL };
	const struct {
		const char *domain, *selector, *identity;
		int64_t t, x;
		const char *const *fields;
		int public_only, drop_from;
		const char *why;
	} cases[] = {
		{ "corp", "s1", NULL, -1, -1, NULL, 0, 0, "not a domain name" },
		{ "corp..example", "s1", NULL, -1, -1, NULL, 0, 0, "not a domain name" },
		{ "-corp.example", "s1", NULL, -1, -1, NULL, 0, 0, "not a domain name" },
		{ "corp.example", "s 1", NULL, -1, -1, NULL, 0, 0, "not a selector" },
		{ "corp.example", "", NULL, -1, -1, NULL, 0, 0, "not a selector" },
		{ "corp.example", "s1", "a@evil.example", -1, -1, NULL, 0, 0, "i=" },
		{ "corp.example", "s1", "no-at-sign", -1, -1, NULL, 0, 0, "i=" },
		{ "corp.example", "s1", NULL, 100, 100, NULL, 0, 0, "later than t=" },
		{ "corp.example", "s1", NULL, -1, -1, no_from, 0, 0, "From must be signed" },
		{ "corp.example", "s1", NULL, -1, -1, bad_name, 0, 0, "not a field name" },
		{ "corp.example", "s1", NULL, -1, -1, NULL, 1, 0, "private" },
		{ "corp.example", "s1", NULL, -1, -1, NULL, 0, 1, "no From" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct msg *m = test_dkim_util_message();
		if (cases[i].drop_from)
			msg_header_remove(m, "From");
		char *before = msg_serialize(m, NULL);
		struct dkim_sign_opts o;
		char err[200] = "";
		dkim_sign_opts_init(&o, cases[i].domain, cases[i].selector);
		o.identity = cases[i].identity;
		o.timestamp = cases[i].t;
		o.expires = cases[i].x;
		o.fields = cases[i].fields;
		cr_assert_eq(dkim_sign(m, cases[i].public_only ? pub : k, &o, NULL, err, sizeof err), -1,
		             "case %zu must fail", i);
		cr_assert(strstr(err, cases[i].why), "case %zu: \"%s\" should say %s", i, err,
		          cases[i].why);
		char *after = msg_serialize(m, NULL);
		cr_assert_str_eq(before, after, "the message is unchanged");
		free(before);
		free(after);
		msg_free(m);
	}
	dkim_key_free(pub);
	dkim_key_free(k);
}

Test(dkim_sign, domain_and_selector_syntax)
{
	cr_assert(dkim_domain_ok("corp.example", 12));
	cr_assert(dkim_domain_ok("a-b.c0.example", 14));
	cr_assert_not(dkim_domain_ok("example", 7), "d= needs two labels");
	cr_assert_not(dkim_domain_ok("corp.example.", 13));
	cr_assert_not(dkim_domain_ok("corp_x.example", 14));
	cr_assert_not(dkim_domain_ok("corp-.example", 13));
	cr_assert(dkim_selector_ok("s2026", 5));
	cr_assert(dkim_selector_ok("news.2026", 9));
	cr_assert_not(dkim_selector_ok("", 0));
	cr_assert(dkim_identity_ok("@corp.example", 13, "corp.example"));
	cr_assert(dkim_identity_ok("news@Mail.Corp.Example", 22, "corp.example"));
	cr_assert_not(dkim_identity_ok("a@evilcorp.example", 18, "corp.example"));
	cr_assert_not(dkim_identity_ok("a b@corp.example", 16, "corp.example"));
	cr_assert_not(dkim_identity_ok("corp.example", 12, "corp.example"));
	char label[70];
	memset(label, 'a', 64);
	memcpy(label + 64, ".jp", 4);
	cr_assert_not(dkim_domain_ok(label, strlen(label)), "a label of 64");
}
