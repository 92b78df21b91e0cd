/* fuzz_smtpd — libFuzzer target for the SMTP server's command reading
 * (sim/smtp.c): any lines a hand-typed session can send (a lesson's
 * "script", as with telnet) reach the server of lesson 01's world on the
 * submission port 587, on 465, and on port 25 from outside (mail-b) and
 * from inside (Alice's PC).  The first byte picks which; the rest, split at
 * line breaks, are the lines.  Every run must end with the ledger audited
 * clean, and every reply the server gives is one Postfix could give: a
 * three-digit code from 2xx to 5xx heading the line, and an enhanced
 * status, where there is one, of the same class.  Run from the top
 * directory (it reads lesson 01). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_lesson.h"
#include "sim.h"
#include "trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_SMTPD_MAX_LINES 64

static const char fuzz_smtpd_actions[] =
	"[{\"at\": 1, \"do\": \"send\", \"id\": \"s0\", \"user\": \"alice@ispa.example\","
	"  \"to\": \"bob@ispb.example\", \"port\": 587, \"script\": [\"NOOP\"]},"
	" {\"at\": 1, \"do\": \"send\", \"id\": \"s1\", \"user\": \"alice@ispa.example\","
	"  \"to\": \"bob@ispb.example\", \"port\": 465, \"script\": [\"NOOP\"]},"
	" {\"at\": 1, \"do\": \"send\", \"id\": \"s2\", \"host\": \"mail-b\","
	"  \"mail_from\": \"bob@ispb.example\", \"to\": \"alice@ispa.example\", \"direct\": true,"
	"  \"script\": [\"NOOP\"]},"
	" {\"at\": 1, \"do\": \"send\", \"id\": \"s3\", \"user\": \"alice@ispa.example\","
	"  \"to\": \"bob@ispb.example\", \"via\": \"mail-a\", \"port\": 25, \"script\": [\"NOOP\"]}]";

/* Is text a reply Postfix could send: "ddd" then space, dash or end, the
 * code 200..599, and an enhanced status "c.x.y" of the code's class where
 * a 4xx or 5xx has one? */
static int fuzz_smtpd_reply_ok(int code, const char *text)
{
	if (code < 200 || code > 599 || !text)
		return 0;
	char want[4];
	snprintf(want, sizeof want, "%d", code);
	if (strncmp(text, want, 3) != 0 || (text[3] && text[3] != ' ' && text[3] != '-'))
		return 0;
	/* Postfix leaves the enhanced status out of a few replies ("501
	 * Syntax: HELO hostname"); where there is one, its class is the
	 * code's. */
	if (code < 400 || !text[3] || !(text[4] >= '2' && text[4] <= '5' && text[5] == '.'))
		return 1;
	return text[4] == want[0];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct scenario *sc;
	if (!sc)
		sc = fuzz_lesson_load(fuzz_smtpd_actions, 600);
	if (size < 1)
		return 0;
	/* The lines, as a lesson's script holds them: no line breaks, no NUL,
	 * not empty, at most 998 bytes. */
	char *text = xmalloc(size);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	char *lines[FUZZ_SMTPD_MAX_LINES];
	int n = 0;
	for (char *p = text, *end = text + size - 1; p < end && n < FUZZ_SMTPD_MAX_LINES;) {
		size_t len = strcspn(p, "\r\n");
		p[len] = '\0';
		if (len > 0 && len <= 998)
			lines[n++] = p;
		p += len + 1;
	}
	/* One session: the chosen action alone, with these lines. */
	struct sc_action keep0 = sc->actions[0];
	int keep_n = sc->nactions;
	struct sc_action a = sc->actions[data[0] % keep_n];
	char **keep_script = a.send.script;
	int keep_nscript = a.send.nscript;
	a.send.script = lines;
	a.send.nscript = n;
	sc->actions[0] = a;
	sc->nactions = 1;

	struct sim *s = sim_new(sc, NULL);
	sim_run_until(s, sc->until_us);
	if (sim_audit(s, stderr) != 0)
		abort();
	size_t nrec = 0;
	const struct trace_rec *tr = sim_trace(s, &nrec);
	for (size_t i = 0; i < nrec; i++)
		if (tr[i].kind == TR_REPLY && tr[i].proto == PROTO_SMTP &&
		    !fuzz_smtpd_reply_ok(tr[i].u.line.code, tr[i].u.line.text)) {
			fprintf(stderr, "not a reply Postfix sends: %d \"%s\"\n", tr[i].u.line.code,
			        tr[i].u.line.text ? tr[i].u.line.text : "(null)");
			abort();
		}
	sim_free(s);

	a.send.script = keep_script;
	a.send.nscript = keep_nscript;
	sc->actions[0] = keep0;
	sc->nactions = keep_n;
	free(text);
	return 0;
}
