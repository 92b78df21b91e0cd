/* test_msg — unit tests for sim/msg.c (and the sim/mime.c codecs it uses):
 * header storage, RFC 5322 folding and parsing, dates, Received values and
 * MIME bodies (RFC 2047 encoded-words: test_msg_rfc2047.c). */
#include <criterion/criterion.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "test_msg_util.h"
#include "util.h"

#define TEST_MSG_JA_BODY "こんにちは、ボブさん。\n会議の件についてご確認ください。\n\n-- \nアリス\n"

/* ---- helpers ------------------------------------------------------------- */

static struct msg *test_msg_parse_str(const char *s)
{
	char err[128];
	struct msg *m = msg_parse(s, strlen(s), err, sizeof err);
	cr_assert_not_null(m, "parse failed: %s", err);
	return m;
}

/* Parse text that must fail; return the reason in err. */
static void test_msg_parse_fails(const char *s, size_t len, char *err, size_t errsz)
{
	struct msg *m = msg_parse(s, len, err, errsz);
	cr_assert_null(m, "parse of \"%s\" should fail", s);
	cr_assert(err[0] != '\0', "no reason given");
}

static void test_msg_assert_same_header(const struct msg *a, const struct msg *b)
{
	cr_assert_eq(a->nfields, b->nfields);
	for (int i = 0; i < a->nfields; i++) {
		size_t an, bn, av, bv;
		const char *na = msg_field_name(a, i, &an), *nb = msg_field_name(b, i, &bn);
		const char *va = msg_field_value(a, i, &av), *vb = msg_field_value(b, i, &bv);
		cr_assert(an == bn && !memcmp(na, nb, an), "field %d name differs", i);
		cr_assert(av == bv && !memcmp(va, vb, av), "field %d value differs: [%.*s] vs [%.*s]",
		          i, (int)av, va, (int)bv, vb);
	}
}

/* ---- header storage ------------------------------------------------------ */

Test(msg_header, append_count_get)
{
	struct msg *m = msg_new();
	char out[64];
	msg_header_append(m, "From", "alice@a.example");
	msg_header_append(m, "To", "bob@b.example");
	msg_header_append(m, "Received", "first");
	msg_header_append(m, "Received", "second");
	cr_assert_eq(m->nfields, 4);
	cr_assert_eq(msg_header_count(m, "received"), 2);
	cr_assert_eq(msg_header_count(m, "Cc"), 0);
	cr_assert_eq(msg_header_get(m, "RECEIVED", out, sizeof out), 1);
	cr_assert_str_eq(out, "first", "get returns the first field");
	cr_assert_eq(msg_header_get(m, "Cc", out, sizeof out), 0);
	cr_assert_str_eq(out, "");
	msg_free(m);
}

Test(msg_header, get_truncates)
{
	struct msg *m = msg_new();
	char out[6];
	msg_header_append(m, "Subject", "hello world");
	cr_assert_eq(msg_header_get(m, "Subject", out, sizeof out), 1);
	cr_assert_str_eq(out, "hello");
	cr_assert_eq(msg_header_get(m, "Subject", NULL, 0), 1);
	msg_free(m);
}

Test(msg_header, get_never_splits_a_character)
{
	/* "a" and 200 × "あ": 601 bytes, cut to fit 256.  The copy must end
	 * on a character boundary, or every reader of it (the narration, the
	 * window) meets half a character. */
	struct msg *m = msg_new();
	struct sbuf v = { 0 };
	sbuf_adds(&v, "a");
	for (int i = 0; i < 200; i++)
		sbuf_adds(&v, "あ");
	msg_header_append(m, "Subject", v.s);
	char out[256];
	cr_assert_eq(msg_header_get(m, "Subject", out, sizeof out), 1);
	size_t n = strlen(out);
	cr_assert_eq(n, 1 + 84 * 3, "cut at %zu bytes, not after the 84th whole あ", n);
	cr_assert_eq(strncmp(out, v.s, n), 0);
	/* Latin-1 bytes are not UTF-8: they are cut where the buffer ends. */
	msg_header_remove(m, "Subject");
	msg_header_append(m, "Subject", "caf\xE9 cr\xE8me br\xFBl\xE9" "e");
	char small[9];
	cr_assert_eq(msg_header_get(m, "Subject", small, sizeof small), 1);
	cr_assert_str_eq(small, "caf\xE9 cr\xE8");
	/* A whole é followed by stray continuation bytes stays whole. */
	msg_header_remove(m, "Subject");
	msg_header_append(m, "Subject", "ab\xC3\xA9\x80\x80\x80");
	char six[6];
	cr_assert_eq(msg_header_get(m, "Subject", six, sizeof six), 1);
	cr_assert_str_eq(six, "ab\xC3\xA9\x80");
	sbuf_free(&v);
	msg_free(m);
}

Test(msg_header, field_accessors_point_into_storage)
{
	struct msg *m = msg_new();
	size_t n;
	msg_header_append(m, "X-Lesson", "hi");
	const char *name = msg_field_name(m, 0, &n);
	cr_assert_eq(n, 8);
	cr_assert(!memcmp(name, "X-Lesson", 8));
	const char *v = msg_field_value(m, 0, &n);
	cr_assert_eq(n, 2);
	cr_assert(!memcmp(v, "hi", 2));
	cr_assert(name >= m->hdr && v + n <= m->hdr + m->hdr_len);
	msg_free(m);
}

/* The names every hop writes are not stored in each message: only the
 * value takes room, and the name reads back the same. */
Test(msg_header, common_names_take_no_storage)
{
	struct msg *m = msg_new();
	size_t n;
	msg_header_prepend(m, "Received", "by mx.example");
	cr_expect_eq(m->hdr_len, strlen("by mx.example"));
	cr_expect_str_eq(msg_field_name(m, 0, &n), "Received");
	cr_expect_eq(n, 8);
	msg_header_append(m, "received", "x");   /* another spelling is stored as it is */
	const char *name = msg_field_name(m, 1, &n);
	cr_expect(n == 8 && !memcmp(name, "received", 8));
	cr_expect_eq(msg_header_count(m, "RECEIVED"), 2);
	cr_expect_eq(msg_header_remove(m, "Received"), 2);
	msg_header_append(m, "Subject", "");
	char out[8];
	cr_expect_eq(msg_header_get(m, "subject", out, sizeof out), 1);
	cr_expect_str_eq(out, "");
	msg_free(m);
}

Test(msg_header, prepend_puts_newest_on_top)
{
	struct msg *m = msg_new();
	msg_header_append(m, "Subject", "s");
	msg_header_prepend(m, "Received", "by mta1");
	msg_header_prepend(m, "Received", "by mta2");
	msg_header_prepend(m, "Return-Path", "<alice@a.example>");
	const char *want[][2] = { { "Return-Path", "<alice@a.example>" }, { "Received", "by mta2" },
	                          { "Received", "by mta1" }, { "Subject", "s" } };
	cr_assert_eq(m->nfields, 4);
	for (int i = 0; i < 4; i++) {
		size_t nn, vn;
		const char *name = msg_field_name(m, i, &nn), *v = msg_field_value(m, i, &vn);
		cr_assert(nn == strlen(want[i][0]) && !memcmp(name, want[i][0], nn), "name %d", i);
		cr_assert(vn == strlen(want[i][1]) && !memcmp(v, want[i][1], vn), "value %d", i);
	}
	msg_free(m);
}

Test(msg_header, remove_all_of_a_name)
{
	struct msg *m = msg_new();
	char out[32];
	msg_header_append(m, "Bcc", "x@a.example");
	msg_header_append(m, "To", "bob@b.example");
	msg_header_append(m, "BCC", "y@a.example");
	msg_header_append(m, "Subject", "s");
	cr_assert_eq(msg_header_remove(m, "bcc"), 2);
	cr_assert_eq(msg_header_remove(m, "bcc"), 0);
	cr_assert_eq(m->nfields, 2);
	cr_assert_eq(msg_header_count(m, "Bcc"), 0);
	msg_header_get(m, "To", out, sizeof out);
	cr_assert_str_eq(out, "bob@b.example");
	msg_header_get(m, "Subject", out, sizeof out);
	cr_assert_str_eq(out, "s");
	msg_free(m);
}

Test(msg_header, storage_stays_bounded_under_edits)
{
	/* An MTA that rewrites one field at every hop must not grow the
	 * message without bound: dead bytes get reclaimed. */
	struct msg *m = msg_new();
	char v[200], out[256];
	memset(v, 'x', sizeof v - 1);
	v[sizeof v - 1] = '\0';
	msg_header_append(m, "Subject", "kept");
	for (int i = 0; i < 1000; i++) {
		msg_header_remove(m, "X-Hop");
		msg_header_append(m, "X-Hop", v);
	}
	cr_assert_lt(m->hdr_len, 4 * sizeof v);
	cr_assert_eq(msg_header_get(m, "X-Hop", out, sizeof out), 1);
	cr_assert_str_eq(out, v);
	msg_header_get(m, "Subject", out, sizeof out);
	cr_assert_str_eq(out, "kept");
	msg_free(m);
}

Test(msg_header, crlf_in_value_cannot_inject_a_field)
{
	struct msg *m = msg_new();
	msg_header_append(m, "Subject", "hi\r\nBcc: victim@x.example");
	struct msg *p = test_msg_util_roundtrip(m, NULL);
	cr_assert_eq(p->nfields, 1);
	cr_assert_eq(msg_header_count(p, "Bcc"), 0);
	msg_free(p);
	msg_free(m);
}

Test(msg_header, bad_field_name_panics, .signal = SIGABRT)
{
	struct msg *m = msg_new();
	msg_header_append(m, "Bad Name", "v");
}

/* ---- envelope, body, clone, footprint ----------------------------------- */

Test(msg_envelope, mail_from_and_rcpt)
{
	struct msg *m = msg_new();
	cr_assert_str_eq(m->mail_from, "", "a new message has the null sender");
	cr_assert_eq(m->ledger, -1);
	msg_set_mail_from(m, "alice@a.example");
	for (int i = 0; i < 10; i++)
		msg_add_rcpt(m, i % 2 ? "bob@b.example" : "carol@c.example");
	cr_assert_str_eq(m->mail_from, "alice@a.example");
	cr_assert_eq(m->nrcpt, 10);
	cr_assert_str_eq(m->rcpt[9], "bob@b.example");
	msg_clear_rcpt(m);
	cr_assert_eq(m->nrcpt, 0);
	msg_add_rcpt(m, "dave@d.example");
	cr_assert_str_eq(m->rcpt[0], "dave@d.example");
	msg_free(m);
	msg_free(NULL);
}

Test(msg_body, line_ends_become_crlf)
{
	struct msg *m = msg_new();
	msg_set_body(m, "a\nb\r\nc\rd\n");
	cr_assert_str_eq(m->body, "a\r\nb\r\nc\r\nd\r\n");
	cr_assert_eq(m->body_len, strlen(m->body));
	msg_free(m);
}

/* What mda_deliver relies on when it stores the job's own message: after
 * msg_reserve the prepended fields fit without moving the storage, and the
 * message reads as a copy made with the same room would. */
Test(msg_clone, reserve_in_place)
{
	struct msg *m = msg_new();
	msg_set_mail_from(m, "alice@a.example");
	msg_add_rcpt(m, "bob@b.example");
	msg_header_append(m, "Subject", "hello");
	msg_header_append(m, "X-Custom-Field", "v");
	msg_set_body(m, "body\n");
	msg_fit(m);
	size_t room = strlen("Delivered-To") + strlen("bob@b.example") + strlen("Return-Path") +
	              strlen("<alice@a.example>");
	struct msg *c = msg_clone_content(m, room, 2);
	msg_reserve(m, room, 2);
	const char *hdr = m->hdr;
	const struct msg_field *fields = m->fields;
	msg_header_prepend(m, "Delivered-To", "bob@b.example");
	msg_header_prepend(m, "Return-Path", "<alice@a.example>");
	msg_header_prepend(c, "Delivered-To", "bob@b.example");
	msg_header_prepend(c, "Return-Path", "<alice@a.example>");
	cr_assert(m->hdr == hdr && m->fields == fields, "the reserved room was not enough");
	size_t lm, lc;
	char *wm = msg_serialize(m, &lm), *wc = msg_serialize(c, &lc);
	cr_assert_str_eq(wm, wc);
	cr_assert_eq(msg_wire_size(m), lm);
	cr_assert_str_eq(m->mail_from, "alice@a.example");   /* the envelope stays */
	cr_assert_eq(m->nrcpt, 1);
	free(wm);
	free(wc);
	msg_free(m);
	msg_free(c);
}

Test(msg_clone, deep_copy)
{
	struct msg *m = msg_new();
	m->ledger = 7;
	m->copy = 2;
	m->flags = MSG_F_BOUNCE;
	msg_set_mail_from(m, "");
	msg_add_rcpt(m, "bob@b.example");
	msg_header_append(m, "Subject", "s");
	msg_set_body(m, "body\n");
	struct msg *c = msg_clone(m);
	msg_header_prepend(m, "Received", "r");
	msg_add_rcpt(m, "x@x.example");
	msg_set_body(m, "changed\n");
	cr_assert_eq(c->ledger, 7);
	cr_assert_eq(c->copy, 2);
	cr_assert_eq(c->flags, MSG_F_BOUNCE);
	cr_assert_eq(c->nrcpt, 1);
	cr_assert_str_eq(c->rcpt[0], "bob@b.example");
	cr_assert_eq(c->nfields, 1);
	cr_assert_str_eq(c->body, "body\r\n");
	msg_header_append(c, "To", "t");     /* a clone grows like any message */
	cr_assert_eq(msg_header_count(c, "To"), 1);
	msg_free(m);
	msg_free(c);
}

Test(msg_footprint, counts_header_not_body)
{
	struct msg *m = msg_new();
	size_t empty = msg_footprint(m);
	/* An empty sender is the one shared empty string: nothing of its own. */
	cr_assert_eq(empty, sizeof(struct msg));
	msg_set_body(m, "a long body that is not counted at all, however long it grows\n");
	cr_assert_eq(msg_footprint(m), empty);
	msg_header_append(m, "Subject", "hello");
	msg_set_mail_from(m, "alice@a.example");
	msg_add_rcpt(m, "bob@b.example");
	size_t want = sizeof(struct msg) + (size_t)m->caprcpt * sizeof(char *) +
	              (size_t)m->capfields * sizeof(struct msg_field) + m->hdr_cap +
	              strlen(m->mail_from) + 1 + strlen("bob@b.example") + 1;
	cr_assert_eq(msg_footprint(m), want);
	msg_free(m);
}

/* The size kept in the message is what serializing gives, through every
 * kind of change: SIZE= and the DATA byte count rely on it. */
static void test_msg_wire_matches(const struct msg *m, const char *what)
{
	size_t len;
	free(msg_serialize(m, &len));
	cr_expect_eq(msg_wire_size(m), len, "%s: kept %zu, serialized %zu", what,
	             msg_wire_size(m), len);
}

Test(msg_wire_size, follows_every_change)
{
	struct msg *m = msg_new();
	test_msg_wire_matches(m, "empty");
	msg_header_append(m, "From", "Alice <alice@a.example>");
	msg_header_append(m, "Subject", TEST_MSG_UTIL_JA_SUBJECT);
	test_msg_wire_matches(m, "8-bit subject");
	struct sbuf to;
	sbuf_init(&to);
	for (int i = 0; i < 40; i++)
		sbuf_addf(&to, "%s\"名前 %d\" <user%d@b.example>", i ? ", " : "", i, i);
	msg_header_append(m, "To", to.s);
	sbuf_free(&to);
	test_msg_wire_matches(m, "long folded address list");
	msg_set_body_text_utf8(m, TEST_MSG_JA_BODY);
	test_msg_wire_matches(m, "base64 body");
	msg_set_body_text_utf8(m, "plain\n");
	test_msg_wire_matches(m, "7bit body");
	char *rv = msg_received_value("pc1.a.example", "pc1.a.example", "10.0.0.1",
	                              "mx.b.example (mailsim)", "ESMTPSA", "0000ABCDE",
	                              "bob@b.example", "Wed,  1 Apr 2026 09:00:00 +0900 (JST)");
	msg_header_prepend(m, "Received", rv);
	free(rv);
	test_msg_wire_matches(m, "prepended Received");
	cr_expect_eq(msg_header_remove(m, "Subject"), 1);
	test_msg_wire_matches(m, "removed field");
	struct msg *c = msg_clone(m);
	test_msg_wire_matches(c, "clone");
	size_t len;
	char *text = msg_serialize(m, &len);
	struct msg *p = msg_parse(text, len, NULL, 0);
	cr_assert_not_null(p);
	test_msg_wire_matches(p, "parsed with continuation lines");
	cr_expect_eq(msg_wire_size(p), len);
	free(text);
	msg_free(p);
	msg_free(c);
	msg_free(m);
}

/* The size counted without folding matches the folded text for values
 * of every shape near the 78-column limit: leading, doubled and trailing
 * blanks, TABs, words too long for a line, 8-bit text. */
Test(msg_wire_size, counted_as_folded)
{
	static const char alphabet[] = "aaaaaaaab  \t";
	static const char *const names[] = { "To", "Subject", "Received", "X-Long-Field-Name" };
	uint32_t r = 12345;
	for (int k = 0; k < 2000; k++) {
		char v[300];
		size_t n = (size_t)(k % 200);
		for (size_t i = 0; i < n; i++) {
			r = r * 1103515245u + 12345u;
			v[i] = alphabet[(r >> 16) % (sizeof alphabet - 1)];
		}
		v[n] = '\0';
		if (k % 50 == 7 && n > 3)
			memcpy(v + n / 2, "\xc3\xa9", 2);
		struct msg *m = msg_new();
		msg_header_append(m, names[k % 4], v);
		test_msg_wire_matches(m, v);
		msg_free(m);
	}
}

/* ---- serialize / parse --------------------------------------------------- */

Test(msg_serialize, exact_text)
{
	struct msg *m = msg_new();
	msg_header_append(m, "From", "alice@a.example");
	msg_header_append(m, "Subject", "hi");
	msg_set_body(m, "line 1\nline 2\n");
	size_t len;
	char *s = msg_serialize(m, &len);
	cr_assert_str_eq(s, "From: alice@a.example\r\nSubject: hi\r\n\r\nline 1\r\nline 2\r\n");
	cr_assert_eq(len, strlen(s));
	free(s);
	msg_free(m);
}

Test(msg_roundtrip, fields_and_body)
{
	struct msg *m = msg_new();
	msg_header_append(m, "From", "Alice <alice@a.example>");
	msg_header_append(m, "To", "bob@b.example");
	msg_header_append(m, "Subject", "  leading blanks, trailing blank ");
	msg_header_append(m, "X-Empty", "");
	msg_header_append(m, "X-Tab", "a\tb");
	msg_set_body(m, "Hi Bob,\n\nA line.\n.\nLast line without newline");
	struct msg *p = test_msg_util_roundtrip(m, NULL);
	test_msg_assert_same_header(m, p);
	cr_assert_eq(p->body_len, m->body_len);
	cr_assert_str_eq(p->body, m->body);
	cr_assert_str_eq(p->mail_from, "", "the envelope is not in the text");
	cr_assert_eq(p->nrcpt, 0);
	msg_free(p);
	msg_free(m);
}

Test(msg_fold, long_received_folds_and_unfolds)
{
	struct msg *m = msg_new();
	char *rv = msg_received_value("client.isp-a.example", "p1234-ipngn.isp-a.example",
	                              "203.0.113.45", "mx.b.example", "ESMTPS",
	                              "4ZxYw12abcdefghijk", "bob@b.example",
	                              "Wed, 01 Apr 2026 09:00:00 +0900");
	msg_header_append(m, "Received", rv);
	char *text;
	struct msg *p = test_msg_util_roundtrip(m, &text);
	cr_assert_leq(test_msg_util_longest_line(text), 78, "%s", text);
	/* Folded between the clauses, as Postfix writes it, never inside the
	 * "(host [address])" comment. */
	cr_assert_str_eq(text, "Received: from client.isp-a.example (p1234-ipngn.isp-a.example "
	                 "[203.0.113.45])\r\n\tby mx.b.example with ESMTPS id 4ZxYw12abcdefghijk\r\n"
	                 "\tfor <bob@b.example>; Wed, 01 Apr 2026 09:00:00 +0900\r\n\r\n");
	test_msg_assert_same_header(m, p);
	free(text);
	free(rv);
	msg_free(p);
	msg_free(m);
}

/* Postfix's smtpd writes "Received: from HELO (NAME [ADDR])" as one line
 * however long, and folds only before "by" and "for" (and Dovecot's lmtp
 * likewise at its TABs): a bot's long reverse name does not fold the
 * comment, where a Subject as long would fold. */
Test(msg_fold, received_folds_only_where_postfix_does)
{
	struct msg *m = msg_new();
	char *rv = msg_received_value("bot-192-0-2-77.dyn.ispc.example", "192-0-2-77.dyn.ispc.example",
	                              "192.0.2.77", "mail.ispb.example (mailsim)", "ESMTP",
	                              "0000ABCDE", "bob@ispb.example",
	                              "Wed,  1 Apr 2026 09:00:00 +0900 (JST)");
	msg_header_append(m, "Received", rv);
	msg_header_append(m, "Subject", "from bot-192-0-2-77.dyn.ispc.example (192-0-2-77.dyn.ispc.example "
	                  "[192.0.2.77])");
	char *text;
	struct msg *p = test_msg_util_roundtrip(m, &text);
	cr_assert_str_eq(text, "Received: from bot-192-0-2-77.dyn.ispc.example (192-0-2-77.dyn.ispc.example "
	                 "[192.0.2.77])\r\n\tby mail.ispb.example (mailsim) with ESMTP id 0000ABCDE\r\n"
	                 "\tfor <bob@ispb.example>; Wed,  1 Apr 2026 09:00:00 +0900 (JST)\r\n"
	                 "Subject: from bot-192-0-2-77.dyn.ispc.example (192-0-2-77.dyn.ispc.example\r\n"
	                 " [192.0.2.77])\r\n\r\n");
	test_msg_assert_same_header(m, p);
	test_msg_wire_matches(m, "a long Received");
	free(text);
	free(rv);
	msg_free(p);
	msg_free(m);
}

Test(msg_fold, long_address_list_folds_and_unfolds)
{
	struct msg *m = msg_new();
	char to[2048] = "";
	for (int i = 0; i < 30; i++) {
		char one[64];
		snprintf(one, sizeof one, "%sUser Number %d <user%d@example.com>", i ? ", " : "", i, i);
		strcat(to, one);
	}
	msg_header_append(m, "To", to);
	msg_header_append(m, "Cc", "a  b   c    d");      /* runs of blanks survive */
	char *text;
	struct msg *p = test_msg_util_roundtrip(m, &text);
	cr_assert_leq(test_msg_util_longest_line(text), 78, "%s", text);
	test_msg_assert_same_header(m, p);
	/* No continuation line is blank: each holds some text. */
	for (const char *q = strstr(text, "\r\n "); q; q = strstr(q + 1, "\r\n "))
		cr_assert(q[3] != '\r' && q[3] != ' ' && q[3] != '\t');
	free(text);
	msg_free(p);
	msg_free(m);
}

Test(msg_fold, unbreakable_word_stays_whole)
{
	struct msg *m = msg_new();
	char id[120];
	memset(id, 'a', sizeof id - 1);
	id[sizeof id - 1] = '\0';
	msg_header_append(m, "Message-ID", id);
	char *text;
	struct msg *p = test_msg_util_roundtrip(m, &text);
	cr_assert_null(strstr(text, "\r\n "), "there is no fold point");
	test_msg_assert_same_header(m, p);
	free(text);
	msg_free(p);
	msg_free(m);
}

Test(msg_parse, lf_and_crlf_give_the_same_message)
{
	const char *lf = "From: alice@a.example\nSubject: a folded\n  subject\n\nbody 1\nbody 2\n";
	const char *crlf = "From: alice@a.example\r\nSubject: a folded\r\n  subject\r\n\r\n"
	                   "body 1\r\nbody 2\r\n";
	struct msg *a = test_msg_parse_str(lf), *b = test_msg_parse_str(crlf);
	test_msg_assert_same_header(a, b);
	cr_assert_str_eq(a->body, "body 1\r\nbody 2\r\n");
	cr_assert_str_eq(b->body, a->body);
	char *v = test_msg_util_field_dup(a, 1);
	cr_assert_str_eq(v, "a folded  subject", "unfolding removes only the CRLF");
	free(v);
	msg_free(a);
	msg_free(b);
}

Test(msg_parse, value_space_handling)
{
	struct msg *m = test_msg_parse_str("A:x\r\nB: x\r\nC:  x\r\nD:\r\nE: \r\n\r\n");
	const char *want[] = { "x", "x", " x", "", "" };
	for (int i = 0; i < 5; i++) {
		char *v = test_msg_util_field_dup(m, i);
		cr_assert_str_eq(v, want[i], "field %d", i);
		free(v);
	}
	msg_free(m);
}

Test(msg_parse, header_only_and_empty_body)
{
	struct msg *m = test_msg_parse_str("Subject: no blank line");
	cr_assert_eq(m->nfields, 1);
	cr_assert_str_eq(m->body, "");
	msg_free(m);
	m = test_msg_parse_str("Subject: x\r\n");
	cr_assert_eq(m->body_len, 0);
	msg_free(m);
	m = test_msg_parse_str("\r\nonly a body");
	cr_assert_eq(m->nfields, 0);
	cr_assert_str_eq(m->body, "only a body");
	msg_free(m);
}

Test(msg_parse, body_keeps_blank_lines_and_colons)
{
	struct msg *m = test_msg_parse_str("S: x\n\n\nNot: a header\n\n");
	cr_assert_eq(m->nfields, 1);
	cr_assert_str_eq(m->body, "\r\nNot: a header\r\n\r\n");
	msg_free(m);
}

Test(msg_parse, errors)
{
	char err[128];
	test_msg_parse_fails("", 0, err, sizeof err);
	cr_assert_str_eq(err, "empty message");
	test_msg_parse_fails(NULL, 0, err, sizeof err);
	test_msg_parse_fails("Subject hi\r\n\r\n", 14, err, sizeof err);
	cr_assert_not_null(strstr(err, "no colon"), "%s", err);
	test_msg_parse_fails("From: a\r\nBad Name: x\r\n", 22, err, sizeof err);
	cr_assert_not_null(strstr(err, "line 2"), "%s", err);
	test_msg_parse_fails("Subject : x\r\n", 13, err, sizeof err);
	test_msg_parse_fails(": x\r\n", 5, err, sizeof err);
	cr_assert_not_null(strstr(err, "empty field name"), "%s", err);
	test_msg_parse_fails(" x\r\nSubject: y\r\n", 16, err, sizeof err);
	test_msg_parse_fails("Subject: a\rb\r\n", 14, err, sizeof err);
	test_msg_parse_fails("Subj\xc3\xa9: x\r\n", 13, err, sizeof err);
	/* NUL in the header and in the body */
	test_msg_parse_fails("Subject: a\0b\r\n", 14, err, sizeof err);
	cr_assert_not_null(strstr(err, "NUL"), "%s", err);
	test_msg_parse_fails("Subject: a\r\n\r\nbo\0dy", 19, err, sizeof err);
	/* err may be absent */
	cr_assert_null(msg_parse("x", 1, NULL, 0));
}

Test(msg_parse, never_reads_past_len)
{
	/* Exact-size heap copies without a terminator: the sanitizer build
	 * catches any read past the end. */
	const char *cases[] = { "Subject: x", "Subject: x\r", "S: x\r\n\r", "S: x\n\nbody\r",
	                        "S: x\n y", "S", "S:", "\r", "\n" };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n = strlen(cases[i]);
		char *buf = malloc(n);
		memcpy(buf, cases[i], n);
		char err[64];
		msg_free(msg_parse(buf, n, err, sizeof err));
		free(buf);
	}
	/* len shorter than the string: the rest is not looked at. */
	struct msg *m = msg_parse("Subject: x\r\n\r\nbody", 10, NULL, 0);
	cr_assert_not_null(m);
	char *v = test_msg_util_field_dup(m, 0);
	cr_assert_str_eq(v, "x");
	cr_assert_str_eq(m->body, "");
	free(v);
	msg_free(m);
}

/* ---- MIME body ----------------------------------------------------------- */

Test(msg_body, utf8_text_is_base64_and_decodes_back)
{
	struct msg *m = msg_new();
	msg_header_append(m, "Subject", "x");
	msg_header_append(m, "Content-Type", "text/html");     /* replaced */
	char text[4096] = "";
	for (int i = 0; i < 10; i++)
		strcat(text, TEST_MSG_JA_BODY);
	msg_set_body_text_utf8(m, text);
	char v[64];
	cr_assert_eq(msg_header_count(m, "Content-Type"), 1);
	msg_header_get(m, "MIME-Version", v, sizeof v);
	cr_assert_str_eq(v, "1.0");
	msg_header_get(m, "Content-Type", v, sizeof v);
	cr_assert_str_eq(v, "text/plain; charset=UTF-8");
	msg_header_get(m, "Content-Transfer-Encoding", v, sizeof v);
	cr_assert_str_eq(v, "base64");
	cr_assert_eq(test_msg_util_longest_line(m->body), 76);
	for (size_t i = 0; i < m->body_len; i++)
		cr_assert_lt((unsigned char)m->body[i], 0x80);

	struct msg *p = test_msg_util_roundtrip(m, NULL);
	cr_assert_str_eq(p->body, m->body, "the serializer leaves the body alone");
	char *d = msg_body_text_decoded(p);
	cr_assert_str_eq(d, text);
	free(d);
	msg_free(p);
	msg_free(m);
}

Test(msg_body, ascii_text_is_7bit)
{
	struct msg *m = msg_new();
	msg_set_body_text_utf8(m, "Hello Bob,\nplain text.\n");
	char v[32];
	msg_header_get(m, "Content-Transfer-Encoding", v, sizeof v);
	cr_assert_str_eq(v, "7bit");
	cr_assert_str_eq(m->body, "Hello Bob,\r\nplain text.\r\n");
	char *d = msg_body_text_decoded(m);
	cr_assert_str_eq(d, "Hello Bob,\nplain text.\n");
	free(d);
	/* Setting it again replaces, never duplicates, the MIME fields. */
	msg_set_body_text_utf8(m, "é\n");
	cr_assert_eq(msg_header_count(m, "MIME-Version"), 1);
	cr_assert_eq(msg_header_count(m, "Content-Transfer-Encoding"), 1);
	d = msg_body_text_decoded(m);
	cr_assert_str_eq(d, "é\n");
	free(d);
	msg_free(m);
}

Test(msg_body, decodes_quoted_printable_and_plain)
{
	struct msg *m = msg_new();
	msg_header_append(m, "Content-Transfer-Encoding", " Quoted-Printable (comment)");
	msg_set_body(m, "caf=C3=A9 soft=\r\nbreak, trailing   \r\n=3D done=\r\n");
	char *d = msg_body_text_decoded(m);
	cr_assert_str_eq(d, "café softbreak, trailing\n= done");
	free(d);
	msg_header_remove(m, "Content-Transfer-Encoding");
	msg_set_body(m, "8bit \xc3\xa9\r\n");
	d = msg_body_text_decoded(m);
	cr_assert_str_eq(d, "8bit é\n");
	free(d);
	msg_free(m);
}

/* ---- Date and Received --------------------------------------------------- */

Test(msg_date, known_instants)
{
	/* Expected strings checked with `date -u -d @N`. */
	struct {
		int64_t epoch, t_us;
		int tz;
		const char *want;
	} cases[] = {
		{ 1775001600, 0, 540, "Wed, 01 Apr 2026 09:00:00 +0900" },
		{ 0, 0, 0, "Thu, 01 Jan 1970 00:00:00 +0000" },
		{ -1, 0, 0, "Wed, 31 Dec 1969 23:59:59 +0000" },
		{ 1709210096, 0, 0, "Thu, 29 Feb 2024 12:34:56 +0000" },
		{ 951782400, 0, 0, "Tue, 29 Feb 2000 00:00:00 +0000" },
		{ 4107542400, 0, 0, "Mon, 01 Mar 2100 00:00:00 +0000" },
		{ -2208988800, 0, 0, "Mon, 01 Jan 1900 00:00:00 +0000" },
		{ 1767225599, 0, 540, "Thu, 01 Jan 2026 08:59:59 +0900" },
		{ 1775001600, 90061500000, -300, "Wed, 01 Apr 2026 20:01:01 -0500" },
		{ 1775001600, 0, -90, "Tue, 31 Mar 2026 22:30:00 -0130" },
		{ 1775001600, -1, 0, "Tue, 31 Mar 2026 23:59:59 +0000" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[40];
		msg_format_date(cases[i].epoch, cases[i].t_us, cases[i].tz, out, sizeof out);
		cr_assert_str_eq(out, cases[i].want, "case %zu", i);
	}
}

Test(msg_date, absurd_input_does_not_crash)
{
	char out[40];
	msg_format_date(INT64_MAX, INT64_MAX, 100000, out, sizeof out);
	cr_assert_str_eq(out, "Fri, 31 Dec 9999 23:59:59 +9959");
	msg_format_date(INT64_MIN, INT64_MIN, -100000, out, sizeof out);
	cr_assert_str_eq(out, "Sat, 01 Jan 0000 00:00:00 -9959");
	char small[8];
	msg_format_date(0, 0, 0, small, sizeof small);
	cr_assert_str_eq(small, "Thu, 01");
	msg_format_date(0, 0, 0, NULL, 0);
}

Test(msg_received, three_forms)
{
	const char *date = "Wed, 01 Apr 2026 09:00:00 +0900";
	char *r = msg_received_value("pc1", "p1.isp.example", "192.0.2.1", "mx.b.example",
	                             "ESMTPSA", "ABC123", "bob@b.example", date);
	/* A TAB where Postfix folds: before "by" and before "for" (or the date). */
	cr_assert_str_eq(r, "from pc1 (p1.isp.example [192.0.2.1])\tby mx.b.example with ESMTPSA "
	                    "id ABC123\tfor <bob@b.example>; Wed, 01 Apr 2026 09:00:00 +0900");
	free(r);
	r = msg_received_value("pc1", NULL, "192.0.2.1", "mx.b.example", "SMTP", "ABC123",
	                       "bob@b.example", date);
	cr_assert_str_eq(r, "from pc1 ([192.0.2.1])\tby mx.b.example with SMTP id ABC123"
	                    "\tfor <bob@b.example>; Wed, 01 Apr 2026 09:00:00 +0900");
	free(r);
	r = msg_received_value("pc1", NULL, "192.0.2.1", "mx.b.example", "ESMTP", "ABC123", NULL,
	                       date);
	cr_assert_str_eq(r, "from pc1 ([192.0.2.1])\tby mx.b.example with ESMTP id ABC123;"
	                    "\tWed, 01 Apr 2026 09:00:00 +0900");
	free(r);
	/* The date as Postfix writes it: the day padded with a space, the
	 * zone's name. */
	char d[64];
	msg_format_mail_date(1775001600, 0, 540, d, sizeof d);
	cr_assert_str_eq(d, "Wed,  1 Apr 2026 09:00:00 +0900 (JST)");
	msg_format_mail_date(1775001600, INT64_C(9) * 86400 * 1000000, 540, d, sizeof d);
	cr_assert_str_eq(d, "Fri, 10 Apr 2026 09:00:00 +0900 (JST)");
	msg_format_mail_date(1775001600, 0, 0, d, sizeof d);
	cr_assert_str_eq(d, "Wed,  1 Apr 2026 00:00:00 +0000 (UTC)");
	r = NULL;
	free(r);
}

/* A client whose server took the mail keeps the envelope only: what is
 * left reads as a new message with that envelope. */
Test(msg_clone, drop_content_keeps_the_envelope)
{
	struct msg *m = msg_new();
	msg_set_mail_from(m, "alice@a.example");
	msg_add_rcpt(m, "bob@b.example");
	msg_add_rcpt(m, "carol@c.example");
	msg_header_append(m, "Subject", "hello");
	msg_set_body(m, "body\n");
	m->ledger = 4;
	m->flags = MSG_F_BOT;
	msg_drop_content(m);
	struct msg *want = msg_new();
	msg_set_mail_from(want, "alice@a.example");
	size_t lm, lw;
	char *wm = msg_serialize(m, &lm), *ww = msg_serialize(want, &lw);
	cr_expect_str_eq(wm, ww);
	cr_expect_eq(msg_wire_size(m), lm);
	cr_expect_eq(m->nfields, 0);
	cr_expect_str_eq(m->mail_from, "alice@a.example");
	cr_assert_eq(m->nrcpt, 2);
	cr_expect_str_eq(m->rcpt[1], "carol@c.example");
	cr_expect_eq(m->ledger, 4);
	cr_expect_eq(m->flags, MSG_F_BOT);
	msg_header_append(m, "Subject", "again");   /* still a usable message */
	cr_expect_eq(msg_header_count(m, "Subject"), 1);
	free(wm);
	free(ww);
	msg_free(want);
	msg_free(m);
}
