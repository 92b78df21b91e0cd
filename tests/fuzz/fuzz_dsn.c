/* fuzz_dsn — libFuzzer target for the bounce (sim/bounce.c) and for
 * outside mail carried by the servers: the input, read as a mail file (as
 * the "eml" action sends it: 8-bit and Latin-1 header bytes, bad base64,
 * unclosed multiparts, overlong lines and all), goes from Alice to Bob, to
 * an unknown user at ISP B (refused at RCPT: a 550 bounce) and to a domain
 * that does not exist (5.4.4).  Then:
 *   - the ledger audits clean;
 *   - Bob's copy has the original body byte for byte and every original
 *     header field, in order, below what the servers added (as mail-a's
 *     relay writes them: a line over 998 characters broken as Postfix's
 *     smtp_line_length_limit breaks it);
 *   - each bounce in Alice's INBOX reads back (serialized, parsed) as a
 *     multipart/report of a text/plain notification, a
 *     message/delivery-status report whose per-recipient fields name each
 *     failed recipient with a 5.x.x Status, and the returned message as
 *     message/rfc822 holding the original body.
 * Run from the top directory (it reads lesson 01). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_lesson.h"
#include "ledger.h"
#include "mimetree.h"
#include "msg.h"
#include "sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fuzz_dsn_actions[] =
	"[{\"at\": 1, \"do\": \"send\", \"id\": \"m\", \"user\": \"alice@ispa.example\","
	"  \"to\": [\"bob@ispb.example\", \"nobody@ispb.example\", \"x@nowhere.example\"]}]";

#define FUZZ_DSN_CHECK(cond, ...)                                                          \
	do {                                                                                   \
		if (!(cond)) {                                                                     \
			fprintf(stderr, __VA_ARGS__);                                                  \
			fputc('\n', stderr);                                                           \
			abort();                                                                       \
		}                                                                                  \
	} while (0)

/* Every field of orig appears in got, in the same order, with the same
 * value (got may have more: what the servers added). */
static void fuzz_dsn_header_kept(const struct msg *orig, const struct msg *got)
{
	int k = 0;
	for (int i = 0; i < orig->nfields; i++) {
		size_t nl, vl;
		const char *n = msg_field_name(orig, i, &nl), *v = msg_field_value(orig, i, &vl);
		for (; k < got->nfields; k++) {
			size_t gnl, gvl;
			const char *gn = msg_field_name(got, k, &gnl), *gv = msg_field_value(got, k, &gvl);
			if (gnl == nl && gvl == vl && memcmp(gn, n, nl) == 0 && memcmp(gv, v, vl) == 0)
				break;
		}
		FUZZ_DSN_CHECK(k < got->nfields, "header field %d (%.*s) was lost or changed", i,
		               (int)nl, n);
		k++;
	}
}

/* orig as Postfix's client writes it on the wire and the next server reads
 * it back: every line over 998 characters in pieces of 998, then of a
 * space and 997; NULL when no line is that long (orig goes as it is). */
static struct msg *fuzz_dsn_relayed(const struct msg *orig)
{
	size_t len;
	char *text = msg_serialize(orig, &len);
	struct sbuf out = { 0 };
	int broke = 0;
	for (size_t at = 0; at < len;) {
		char *eol = strstr(text + at, "\r\n");
		size_t n = eol ? (size_t)(eol - text) - at : len - at, room = 998;
		for (; n > room; room = 997, broke = 1) {
			sbuf_add(&out, text + at, room);
			sbuf_add(&out, "\r\n ", 3);
			at += room;
			n -= room;
		}
		sbuf_add(&out, text + at, n + (eol ? 2 : 0));
		at += n + (eol ? 2 : 0);
	}
	struct msg *m = broke ? msg_parse(out.s, out.len, NULL, 0) : NULL;
	sbuf_free(&out);
	free(text);
	return m;
}

/* A bounce as Postfix writes it, read back from its wire form. */
static void fuzz_dsn_bounce_ok(const struct msg *b, const struct msg *orig)
{
	size_t len;
	char *text = msg_serialize(b, &len);
	struct mimetree t;
	mimetree_init(&t);
	char err[160];
	int root = mimetree_parse(&t, text, len, 0, err, sizeof err);
	FUZZ_DSN_CHECK(root == 0, "the bounce does not parse: %s", err);
	FUZZ_DSN_CHECK(strcmp(t.parts[0].type, "multipart/report") == 0, "bounce is %s",
	               t.parts[0].type);
	static const char *const want[] = { "text/plain", "message/delivery-status",
		                                "message/rfc822" };
	int part[3];
	for (int k = 0; k < 3; k++) {
		part[k] = mimetree_child(&t, 0, k);
		FUZZ_DSN_CHECK(part[k] >= 0 && strcmp(t.parts[part[k]].type, want[k]) == 0,
		               "part %d is not %s", k + 1, want[k]);
	}
	FUZZ_DSN_CHECK(mimetree_child(&t, 0, 3) < 0, "a fourth part");
	/* The report: the per-message block, then one block per recipient,
	 * each with Final-Recipient and a permanent Status. */
	const struct mimetree_part *r = &t.parts[part[1]];
	char *report = xstrndup(r->body, r->body_len);
	int nfinal = 0;
	for (char *p = strstr(report, "Final-Recipient: rfc822; "); p;
	     p = strstr(p + 1, "Final-Recipient: rfc822; ")) {
		nfinal++;
		char *st = strstr(p, "\nStatus: ");
		FUZZ_DSN_CHECK(st && st[9] == '5' && st[10] == '.', "a recipient without a 5.x.x Status");
	}
	FUZZ_DSN_CHECK(nfinal >= 1, "a report naming no recipient");
	free(report);
	/* The returned message holds the original body. */
	const struct mimetree_part *rm = &t.parts[part[2]];
	if (orig->body_len > 0) {
		int found = 0;
		for (size_t i = 0; !found && i + orig->body_len <= rm->body_len; i++)
			found = memcmp(rm->body + i, orig->body, orig->body_len) == 0;
		FUZZ_DSN_CHECK(found, "the returned message lost the original body");
	}
	mimetree_free(&t);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct scenario *sc;
	if (!sc)
		sc = fuzz_lesson_load(fuzz_dsn_actions, 600);
	char err[160];
	struct msg *orig = msg_parse((const char *)data, size, err, sizeof err);
	if (!orig)
		return 0;   /* refused with one line: the loader says it (test_scenario) */
	sc->actions[0].send.eml = orig;
	struct sim *s = sim_new(sc, NULL);
	sim_run_until(s, sc->until_us);
	FUZZ_DSN_CHECK(sim_audit(s, stderr) == 0, "the ledger lost a message");
	/* What became of each recipient decides what to look for: a message
	 * the submission server refused (too big, too many hops) has no copy
	 * and no bounce. */
	const struct ledger_entry *e = sim_ledger(s, (size_t)sim_ledger_find(s, "m"));
	int bob_delivered = 0, bounced = 0;
	for (int k = 0; k < e->nrcpts; k++) {
		bob_delivered |= strcmp(e->rcpts[k].addr, "bob@ispb.example") == 0 &&
		                 e->rcpts[k].state == LS_DELIVERED;
		bounced += e->rcpts[k].state == LS_BOUNCED;
	}
	struct msg *relayed = fuzz_dsn_relayed(orig);
	const struct msg *want = relayed ? relayed : orig;
	size_t n = sim_copy_list(s, NULL, 0);
	struct sim_copy *cp = xcalloc(n + 1, sizeof *cp);
	sim_copy_list(s, cp, n);
	int bob = 0, bounces = 0;
	for (size_t i = 0; i < n; i++) {
		if (cp[i].holder != HOLD_MAILBOX)
			continue;
		if (strcmp(cp[i].mailbox, "bob@ispb.example") == 0) {
			bob++;
			FUZZ_DSN_CHECK(cp[i].m->body_len == want->body_len &&
			               memcmp(cp[i].m->body, want->body, want->body_len) == 0,
			               "Bob's copy has another body");
			fuzz_dsn_header_kept(want, cp[i].m);
		} else if (strcmp(cp[i].mailbox, "alice@ispa.example") == 0) {
			bounces++;
			fuzz_dsn_bounce_ok(cp[i].m, orig);
		}
	}
	FUZZ_DSN_CHECK(bob == bob_delivered, "Bob got %d copies", bob);
	FUZZ_DSN_CHECK(!bounced || bounces >= 1, "no bounce came back to Alice");
	free(cp);
	msg_free(relayed);
	sim_free(s);
	sc->actions[0].send.eml = NULL;
	msg_free(orig);
	return 0;
}
