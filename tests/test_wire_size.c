/* test_wire_size — every size mailsim reports for a message (the "(the
 * message itself, N bytes)" of DATA, SIZE=, the sniffer's packet) against
 * the message serialized as it goes on the wire: CRLF line ends, stuffed
 * dots, the final ".", and against what Postfix 3.7 counts (its queue
 * file's content records: a type byte, the length in 7-bit groups, the
 * line without its end). */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "test_util.h"
#include "test_world.h"

/* The wire's measures of one serialized message. */
struct ws_size {
	size_t rfc1870;     /* octets with CRLFs, no stuffing (RFC 1870 SIZE=) */
	size_t wire;        /* what DATA carries: stuffed, then ".\r\n" */
	size_t postfix;     /* Postfix's queue file content records */
	int long_lines;     /* lines of 128 characters or more */
	int bare;           /* a CR or LF that is not part of a CRLF */
};

/* Bytes a Postfix record length takes: 7 bits a byte (rec_put). */
static size_t ws_varlen(size_t len)
{
	size_t n = 1;
	while (len >>= 7)
		n++;
	return n;
}

static void ws_measure(const char *t, size_t n, struct ws_size *z)
{
	memset(z, 0, sizeof *z);
	z->rfc1870 = n;
	z->wire = n;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		int end = i == n || (t[i] == '\r' && i + 1 < n && t[i + 1] == '\n');
		if (i < n && !end) {
			z->bare += t[i] == '\r' || t[i] == '\n';
			continue;
		}
		if (i == n && start == n)
			break;   /* the text ends with its CRLF */
		size_t len = i - start;
		z->wire += t[start] == '.' && len > 0;
		z->postfix += 1 + ws_varlen(len) + len;
		z->long_lines += len >= 128;
		if (i == n)   /* no CRLF at the end: the client adds one */
			z->wire += 2;
		start = i + 2;
		i++;
	}
	z->wire += 3;   /* ".\r\n" */
}

static void ws_measure_msg(const struct msg *m, struct ws_size *z)
{
	size_t n;
	char *t = msg_serialize(m, &n);
	ws_measure(t, n, z);
	free(t);
}

Test(wire_size, the_measures_count_what_the_wire_carries)
{
	struct ws_size z;
	const char *t = "Subject: x\r\n\r\n.one\r\n..two\r\nthree\r\n";
	ws_measure(t, strlen(t), &z);
	cr_expect_eq(z.rfc1870, strlen(t));
	cr_expect_eq(z.wire, strlen(t) + 2 + 3, "two stuffed dots and the final dot line");
	cr_expect_eq(z.postfix, strlen(t), "short lines: a type byte and a length byte per CRLF");
	cr_expect_eq(z.bare, 0);
	char line[300];
	memset(line, 'a', 200);
	memcpy(line + 200, "\r\n", 3);
	ws_measure(line, strlen(line), &z);
	cr_expect_eq(z.postfix, 1 + 2 + 200, "a length of 200 takes two bytes");
	cr_expect_eq(z.long_lines, 1);
	ws_measure("a\nb", 3, &z);
	cr_expect_eq(z.bare, 1);
	cr_expect_eq(z.wire, 3 + 2 + 3, "the client ends the last line before the dot");
}

#define WS_CONNS 1024

/* What a lesson's run said of each message it carried. */
struct ws_seen {
	int lesson_msgs, checked_size;
	int long_lines;
	long long mail_size[WS_CONNS];   /* per connection id: the last SIZE=, -1 */
};

static void ws_listen(void *ud, const struct trace_rec *r, const struct msg *m)
{
	struct ws_seen *w = ud;
	if (r->kind != TR_CMD || (r->proto != PROTO_SMTP && r->proto != PROTO_LMTP))
		return;
	cr_assert(r->conn >= 0 && r->conn < WS_CONNS, "conn %d", r->conn);
	const char *size = r->u.line.text ? strstr(r->u.line.text, " SIZE=") : NULL;
	if (!strcmp(r->u.line.verb, "MAIL")) {
		w->mail_size[r->conn] = size ? atoll(size + 6) : -1;
		return;
	}
	if (strcmp(r->u.line.verb, ".") || !m)
		return;
	struct ws_size z;
	ws_measure_msg(m, &z);
	w->lesson_msgs++;
	cr_expect_eq(z.bare, 0, "seq %llu: CRLF line ends only", (unsigned long long)r->seq);
	cr_expect_eq(r->u.line.bytes, z.rfc1870, "seq %llu: %u bytes reported, %zu serialized",
	             (unsigned long long)r->seq, r->u.line.bytes, z.rfc1870);
	/* mailsim's departure from Postfix: one byte per line of 128 or more. */
	cr_expect_eq(r->u.line.bytes + (size_t)z.long_lines, z.postfix, "seq %llu",
	             (unsigned long long)r->seq);
	w->long_lines += z.long_lines;
	if (w->mail_size[r->conn] >= 0) {
		w->checked_size++;
		cr_expect_eq(w->mail_size[r->conn], (long long)z.rfc1870, "seq %llu: SIZE= %lld",
		             (unsigned long long)r->seq, w->mail_size[r->conn]);
	}
}

/* Run a lesson to its end with the listener; returns the messages seen. */
static struct ws_seen ws_run_lesson(const char *name)
{
	struct ws_seen seen;
	memset(&seen, 0, sizeof seen);
	for (int i = 0; i < WS_CONNS; i++)
		seen.mail_size[i] = -1;
	struct scenario *sc = test_util_lesson(name);
	struct sim *s = sim_new(sc, &(struct sim_opts){ 0 });
	sim_set_listener(s, ws_listen, &seen);
	sim_run(s, 2000000);
	sim_free(s);
	scenario_free(sc);
	return seen;
}

/* Plain text, Japanese headers as encoded-words, a bounce with the whole
 * returned message, S/MIME's base64, DKIM signatures folded. */
Test(wire_size, every_lesson_message_reports_its_serialized_size, .timeout = 60)
{
	static const char *const lessons[] = {
		"01-basic-flow.json", "04-submission-587-465.json", "05-envelope-bcc-forward.json",
		"06-bounce-backscatter.json", "11-smime.json", "13-dkim-dmarc.json",
	};
	int sized = 0;
	for (size_t i = 0; i < sizeof lessons / sizeof *lessons; i++) {
		struct ws_seen seen = ws_run_lesson(lessons[i]);
		cr_expect_gt(seen.lesson_msgs, 0, "%s carries a message", lessons[i]);
		sized += seen.checked_size;
		/* The lessons' mail has no line of 128 or more: Postfix would
		 * log the same size= as mailsim reports. */
		cr_expect_eq(seen.long_lines, 0, "%s", lessons[i]);
	}
	cr_expect_gt(sized, 3, "relays announce SIZE=");
}

/* A body with lines that begin with "." and a line of 200 characters,
 * relayed in the clear (mail-b offers no STARTTLS) past a sniffer on the
 * Internet: the reported size has no stuffed dots, the packet has them. */
Test(wire_size, dot_stuffing_is_on_the_wire_not_in_the_size)
{
	char body[400] = ".hidden\\n..two\\n.\\nend\\n";
	size_t at = strlen(body);
	memset(body + at, 'x', 200);
	strcpy(body + at + 200, "\\n");
	char act[700];
	snprintf(act, sizeof act,
	         "{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example', 'to': 'bob@ispb.example',"
	         " 'subject': 'Dots', 'body': '%s'}", body);
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .actions = act,
		.mail_b = "'starttls': false",
		.top = "'sniffers': [{'id': 'eve', 'label': 'Eve', 'network': 'internet'}]" });
	int relay = test_world_conn(&w, "mail-a", 25, 0);
	const struct trace_rec *dot = test_world_cmd(&w, relay, ".", 0);
	cr_assert_not_null(dot);
	cr_expect_eq(dot->tls, 0, "in the clear");
	const struct msg *got = test_world_stored(&w, "m1", "bob@ispb.example");
	cr_assert_not_null(got);
	cr_expect(strstr(got->body, ".hidden\r\n..two\r\n.\r\nend\r\n") != NULL,
	          "the receiver unstuffs: the body arrives as written");
	const struct trace_rec *mail = test_world_cmd(&w, relay, "MAIL", 0);
	cr_assert_not_null(mail);
	char want[80];
	snprintf(want, sizeof want, "SIZE=%u", dot->u.line.bytes);
	cr_expect(strstr(mail->u.line.text, want) != NULL, "%s", mail->u.line.text);
	/* The packet that carries the message: the message stuffed, ".\r\n". */
	int packets = 0;
	const struct trace_rec *r;
	for (int i = 0; (r = test_world_rec(&w, TR_SNIFF, -1, i)); i++) {
		if (r->conn != relay || !r->u.sniff.to_server || !r->u.sniff.text ||
		    !strstr(r->u.sniff.text, "Subject: Dots"))
			continue;
		packets++;
		cr_expect_eq(r->u.sniff.bytes, dot->u.line.bytes + 3 + 3,
		             "three stuffed dots and the final dot line: %u", r->u.sniff.bytes);
	}
	cr_expect_eq(packets, 1);
	/* The server's 250 to it is a line of its own: the client still holds
	 * the message until that reply is back, and it had been counted in
	 * the reply's size too (lesson 14: "426 bytes" for "250 2.0.0 Ok:
	 * queued as …"). */
	int replies = 0;
	for (int i = 0; (r = test_world_rec(&w, TR_SNIFF, -1, i)); i++) {
		if (r->conn != relay || r->u.sniff.to_server || !r->u.sniff.text ||
		    strncmp(r->u.sniff.text, "250 2.0.0 Ok: queued", 20) != 0)
			continue;
		replies++;
		cr_expect_eq(r->u.sniff.bytes, strlen(r->u.sniff.text) + 2, "\"%s\": %u bytes", r->u.sniff.text,
		             r->u.sniff.bytes);
	}
	cr_expect_eq(replies, 1);
	test_world_done(&w);
}

/* Postfix's client breaks lines over smtp_line_length_limit (998): a
 * mail from an .eml file with a body line of 2,500 characters and a header
 * line of 1,501 (no whitespace to fold at) reaches Bob in pieces of at
 * most 998, each later piece starting with a space; the MUA's submission
 * carried them whole, SIZE= (the queue's copy) is 3 bytes per break
 * smaller than what DATA carries, and the queue's copy stays whole: the
 * bounce for a refused recipient returns the line unbroken. */
Test(wire_size, the_relay_breaks_lines_over_998_as_postfix_does)
{
	static char eml[8192];
	char *p = eml;
	p += sprintf(p, "From: Alice <alice@ispa.example>\r\nTo: bob@ispb.example\r\n"
	                "Subject: Long\r\nDate: Wed, 1 Apr 2026 09:00:00 +0900\r\n"
	                "Message-ID: <long@ispa.example>\r\nX-Long: x ");
	memset(p, 'h', 1500);
	p += 1500;
	p += sprintf(p, "\r\n\r\nshort\r\n");
	memset(p, 'b', 2500);
	p += 2500;
	p += sprintf(p, "\r\nend\r\n");
	FILE *f = fopen("build/tests/long-lines.eml", "wb");
	cr_assert_not_null(f);
	fwrite(eml, 1, (size_t)(p - eml), f);
	fclose(f);
	struct test_world w;
	test_world_start(&w, &(struct test_world_parts){ .until = 60, .actions =
		"{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		" 'eml': 'build/tests/long-lines.eml', 'to': ['bob@ispb.example', 'nobody@ispb.example']}" });
	cr_expect_str_eq(test_world_state(&w, "m1", "bob@ispb.example"), "delivered");
	cr_expect_str_eq(test_world_state(&w, "m1", "nobody@ispb.example"), "bounced");
	const struct msg *got = test_world_stored(&w, "m1", "bob@ispb.example");
	cr_assert_not_null(got);
	char want[4096];
	memset(want, 'b', 998);
	memcpy(want + 998, "\r\n ", 3);
	memset(want + 1001, 'b', 997);
	memcpy(want + 1998, "\r\n ", 3);
	memset(want + 2001, 'b', 505);
	strcpy(want + 2506, "\r\nend\r\n");
	cr_expect(strstr(got->body, want) != NULL, "the body line in three pieces");
	/* "X-Long: x" folds before the run; its line " hhh…" is broken too,
	 * and the field unfolds with a space at the break. */
	char v[2048];
	cr_assert(msg_header_get(got, "X-Long", v, sizeof v));
	cr_expect_eq(strlen(v), 2 + 997 + 1 + 503);
	cr_expect_eq(v[2 + 997], ' ');
	cr_expect_eq(strspn(v + 2 + 998, "h"), 503);
	size_t n;
	char *t = msg_serialize(got, &n);
	for (char *line = t, *eol; (eol = strstr(line, "\r\n")); line = eol + 2)
		cr_expect_leq(eol - line, 998, "a line of %td", eol - line);
	free(t);
	/* What the wire carried: the unbroken size announced, 3 breaks more. */
	int relay = test_world_conn(&w, "mail-a", 25, 0);
	const struct trace_rec *mail = test_world_cmd(&w, relay, "MAIL", 0);
	const struct trace_rec *dot = test_world_cmd(&w, relay, ".", 0);
	cr_assert(mail && dot);
	const char *size = strstr(mail->u.line.text, " SIZE=");
	cr_assert_not_null(size);
	cr_expect_eq(atol(size + 6) + 3 * 3, (long)dot->u.line.bytes, "%s, %u bytes carried",
	             mail->u.line.text, dot->u.line.bytes);
	const struct msg *dsn = test_world_stored(&w, "m1.bounce", "alice@ispa.example");
	cr_assert_not_null(dsn);
	char whole[2600];
	memset(whole, 'b', 2500);
	strcpy(whole + 2500, "\r\nend\r\n");
	cr_expect(strstr(dsn->body, whole) != NULL, "the returned message has the line whole");
	/* Alice's mail program (not Postfix) sent the lines whole: the file,
	 * with "X-Long: x" folded before the run (a CRLF more). */
	int sub = test_world_conn(&w, "alice-pc", 587, 0);
	const struct trace_rec *sdot = test_world_cmd(&w, sub, ".", 0);
	cr_assert_not_null(sdot);
	cr_expect_eq(sdot->u.line.bytes, (uint32_t)(p - eml) + 2, "%u for a file of %td",
	             sdot->u.line.bytes, p - eml);
	test_world_done(&w);
}
