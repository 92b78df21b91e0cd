/* test_dovecot — the POP3 and IMAP sessions recorded from a real Dovecot
 * 2.3.19 (tests/data/postfix/pop3-in-use.txt and imap-select.txt, how
 * they were made is in that folder's README) replayed against mail-a of
 * the test world, which plays the recording's mail.ispa.example: every
 * command of every session (A, B, … interleaved as they were typed) is
 * given to mailsim's server, and every reply must be the recording's, line
 * for line, but for the departures README lists, each made by
 * test_dovecot_expected from the recorded reply:
 *   - the greeting's words are mailsim's (Dovecot's login_greeting);
 *   - the capabilities are Dovecot's less those mailsim does not do
 *     (TEST_DOVECOT_CAPS keeps the rest, in Dovecot's order);
 *   - the tagged OK leaves out Dovecot's timings ("(0.001 + 0.000 secs)");
 *   - UIDVALIDITY is the lesson's start, not the mailbox's creation time;
 *   - a message's bytes are "(message)" (it travels with the line), and
 *     its size is mailsim's copy's.
 * The client is the server host itself, as the recording's was 127.0.0.1
 * (where Dovecot lets a password cross without TLS). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simint.h"
#include "test_world.h"
#include "util.h"

#define TEST_DOVECOT_DIR "tests/data/postfix/"
#define TEST_DOVECOT_MAX_STEPS 64
#define TEST_DOVECOT_SESSIONS 8

/* One command of one session (cmd NULL: its greeting) and the recorded
 * reply, "\n" between its lines. */
struct test_dovecot_step {
	int session;              /* 0 for A, 1 for B, … */
	char *cmd;
	struct sbuf reply;
};

struct test_dovecot_rec {
	struct test_dovecot_step steps[TEST_DOVECOT_MAX_STEPS];
	int n;
};

/* The capabilities mailsim offers, of Dovecot's. */
static const char *const test_dovecot_caps[] = { "IMAP4rev1", "SASL-IR", "STARTTLS", "AUTH=PLAIN" };

/* Read a recording: "A S: …" and "A C: …" lines. */
static void test_dovecot_read(const char *file, struct test_dovecot_rec *r)
{
	char path[256];
	snprintf(path, sizeof path, TEST_DOVECOT_DIR "%s", file);
	FILE *f = fopen(path, "r");
	cr_assert_not_null(f, "cannot open %s (run from the top directory)", path);
	memset(r, 0, sizeof *r);
	char line[2048];
	int cur[TEST_DOVECOT_SESSIONS];   /* the step each session's replies go to */
	for (int i = 0; i < TEST_DOVECOT_SESSIONS; i++)
		cur[i] = -1;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		int k = line[0] - 'A';
		cr_assert(k >= 0 && k < TEST_DOVECOT_SESSIONS && line[1] == ' ' &&
		          (line[2] == 'S' || line[2] == 'C') && line[3] == ':' && line[4] == ' ',
		          "%s: not a session's line: %s", file, line);
		if (line[2] == 'C' || cur[k] < 0) {
			cr_assert_lt(r->n, TEST_DOVECOT_MAX_STEPS, "%s: too many steps", file);
			cur[k] = r->n++;
			r->steps[cur[k]].session = k;
			if (line[2] == 'C') {
				r->steps[cur[k]].cmd = xstrdup(line + 5);
				continue;
			}
		}
		struct sbuf *b = &r->steps[cur[k]].reply;
		if (b->len)
			sbuf_addc(b, '\n');
		sbuf_adds(b, line + 5);
	}
	fclose(f);
}

static void test_dovecot_free(struct test_dovecot_rec *r)
{
	for (int i = 0; i < r->n; i++) {
		free(r->steps[i].cmd);
		sbuf_free(&r->steps[i].reply);
	}
}

/* "[CAPABILITY …]" of one recorded line, with only mailsim's
 * capabilities, into out; returns the rest of the line after "]". */
static const char *test_dovecot_caps_of(const char *l, size_t len, struct sbuf *out)
{
	const char *open = strstr(l, "[CAPABILITY ");
	const char *close = open ? memchr(open, ']', (size_t)(l + len - open)) : NULL;
	if (!open || !close) {
		sbuf_add(out, l, len);
		return NULL;
	}
	sbuf_add(out, l, (size_t)(open - l) + 11);
	for (const char *p = open + 12; p < close;) {
		size_t n = strcspn(p, " ]");
		for (size_t c = 0; c < sizeof test_dovecot_caps / sizeof *test_dovecot_caps; c++)
			if (strlen(test_dovecot_caps[c]) == n && strncmp(p, test_dovecot_caps[c], n) == 0) {
				sbuf_addc(out, ' ');
				sbuf_add(out, p, n);
			}
		p += n + (p[n] == ' ');
	}
	sbuf_addc(out, ']');
	return close + 1;
}

/* The recorded reply (one line of it: l, len bytes) as mailsim means to
 * give it, appended to out; size is the size of mailsim's copy of the
 * message the reply carries, epoch the lesson's start. */
static void test_dovecot_line(const char *l, size_t len, size_t size, long long epoch,
                              struct sbuf *out)
{
	char buf[2048];
	snprintf(buf, sizeof buf, "%.*s", (int)len, l);
	const char *rest;
	long n;
	if (strstr(buf, "[CAPABILITY ")) {
		struct sbuf caps = { 0 };
		rest = test_dovecot_caps_of(buf, strlen(buf), &caps);
		sbuf_adds(out, caps.s);
		if (rest && strcmp(rest, " Dovecot (Debian) ready.") == 0)
			sbuf_adds(out, " mailsim IMAP ready");
		else if (rest)
			sbuf_adds(out, rest);
		sbuf_free(&caps);
		return;
	}
	if (strcmp(buf, "+OK Dovecot (Debian) ready.") == 0) {
		sbuf_adds(out, "+OK mailsim POP3 server ready");
		return;
	}
	if (strncmp(buf, "* OK [UIDVALIDITY ", 18) == 0 && (rest = strchr(buf, ']'))) {
		sbuf_addf(out, "* OK [UIDVALIDITY %lld%s", epoch, rest);
		return;
	}
	/* Dovecot's timings after a tagged OK's words: " (0.001 + 0.000 secs)." */
	char *t = strstr(buf, " (0.");
	if (t && strlen(t) > 7 && strcmp(t + strlen(t) - 7, " secs).") == 0) {
		sbuf_add(out, buf, (size_t)(t - buf));
		sbuf_addc(out, '.');
		return;
	}
	/* A literal's size, and its bytes. */
	char *brace = strrchr(buf, '{');
	if (brace && buf[0] == '*' && strstr(buf, " FETCH ") && sscanf(brace, "{%ld}", &n) == 1) {
		sbuf_add(out, buf, (size_t)(brace - buf));
		sbuf_addf(out, "{%zu}", size);
		return;
	}
	if (sscanf(buf, "(%ld bytes)", &n) == 1 && buf[0] == '(') {
		sbuf_adds(out, "(message)");
		return;
	}
	sbuf_adds(out, buf);
}

static void test_dovecot_expected(const char *recorded, size_t size, long long epoch,
                                  struct sbuf *out)
{
	sbuf_reset(out);
	long n;
	/* POP3's RETR: "+OK N octets", the message's lines, ".". */
	if (sscanf(recorded, "+OK %ld octets", &n) == 1) {
		sbuf_addf(out, "+OK %zu octets\n(message)\n.", size);
		return;
	}
	for (const char *p = recorded; *p;) {
		size_t len = strcspn(p, "\n");
		if (out->len)
			sbuf_addc(out, '\n');
		test_dovecot_line(p, len, size, epoch, out);
		p += len + (p[len] == '\n');
	}
}

/* Take off the queue the one event conn c just caused (its SYN or a line
 * on its way): the replay hands it over itself, and nothing else runs. */
static void test_dovecot_take(struct sim *s, struct conn *c)
{
	struct ev e;
	cr_assert(evq_pop(&s->q, &e), "conn %d: nothing on the queue", c->id);
	cr_assert(e.a == c->slot && (e.kind == EV_LINE || e.kind == EV_SYN_ARRIVE),
	          "conn %d: the next event is another's (%s)", c->id, ev_kind_names[e.kind]);
	c->in_flight = 0;
	c->carry = NULL;
}

/* A connection from host client to mail-a on port, greeted; its greeting
 * is left in c->line. */
static struct conn *test_dovecot_open_from(struct test_world *w, const char *client, int port)
{
	struct sim *s = w->s;
	int host = test_world_host(w, "mail-a");
	struct job *j = job_new(s, JOB_FETCH, test_world_host(w, client), NULL);
	j->user = scenario_find_user(w->sc, "bob@ispa.example");
	int imap = port == PORT_IMAP;
	struct conn *c = conn_open(s, j, w->sc->hosts[host].addr, port, imap ? PROTO_IMAP : PROTO_POP3);
	test_dovecot_take(s, c);
	c->phase = CONN_OPEN;
	if (imap)
		imap_server_greet(s, c);
	else
		pop3_server_greet(s, c);
	test_dovecot_take(s, c);
	return c;
}

/* A connection from the server host to itself on port (127.0.0.1 in the
 * recording), greeted. */
static struct conn *test_dovecot_open(struct test_world *w, int port)
{
	return test_dovecot_open_from(w, "mail-a", port);
}

/* Send cmd on c and let the server answer; the reply is left in c->line. */
static void test_dovecot_say(struct sim *s, struct conn *c, const char *cmd)
{
	conn_send(s, c, 1, cmd);
	test_dovecot_take(s, c);
	if (c->proto == PROTO_IMAP)
		imap_server_line(s, c);
	else
		pop3_server_line(s, c);
	test_dovecot_take(s, c);
}

static void test_dovecot_close(struct sim *s, struct conn *c)
{
	struct job *j = job_get(s, c->job);
	conn_close(s, c);
	job_free(s, j);
}

/* The size a reply to cmd speaks of, in mailsim's copy of user's INBOX:
 * STAT's total, or RETR's / FETCH's message's; 0 for other commands. */
static size_t test_dovecot_size(struct sim *s, int user, const char *cmd)
{
	const struct mfolder *f = &mda_mbox(s, user)->f[MBOX_INBOX];
	const char *fetch = strstr(cmd, " FETCH ");
	int k = strncmp(cmd, "RETR ", 5) == 0 ? atoi(cmd + 5) : fetch ? atoi(fetch + 7) : 0;
	if (k >= 1 && k <= f->n)
		return msg_wire_size(f->items[k - 1].m);
	size_t total = 0;
	for (int i = 0; strcmp(cmd, "STAT") == 0 && i < f->n; i++)
		total += f->items[i].deleted ? 0 : msg_wire_size(f->items[i].m);
	return total;
}

/* Replay file against mail-a of w on port: every session's greeting and
 * every command's reply compared with the recording's. */
static void test_dovecot_replay(struct test_world *w, const char *file, int port)
{
	struct test_dovecot_rec r;
	test_dovecot_read(file, &r);
	struct conn *c[TEST_DOVECOT_SESSIONS] = { 0 };
	int user[TEST_DOVECOT_SESSIONS];
	struct sbuf want = { 0 };
	for (int i = 0; i < r.n; i++) {
		const struct test_dovecot_step *st = &r.steps[i];
		int k = st->session;
		if (!st->cmd) {
			cr_assert_null(c[k], "%s: session %c greeted twice", file, 'A' + k);
			c[k] = test_dovecot_open(w, port);
			user[k] = -1;
		} else {
			cr_assert_not_null(c[k], "%s: session %c not opened", file, 'A' + k);
			test_dovecot_say(w->s, c[k], st->cmd);
			if (c[k]->auth_user >= 0)
				user[k] = c[k]->auth_user;
		}
		size_t size = user[k] >= 0 && st->cmd ? test_dovecot_size(w->s, user[k], st->cmd) : 0;
		/* STAT's total stands where the recording's is. */
		if (st->cmd && strcmp(st->cmd, "STAT") == 0) {
			int n;
			long bytes;
			cr_assert(sscanf(st->reply.s, "+OK %d %ld", &n, &bytes) == 2, "%s", st->reply.s);
			sbuf_reset(&want);
			sbuf_addf(&want, "+OK %d %zu", n, size);
		} else {
			test_dovecot_expected(st->reply.s ? st->reply.s : "", size, (long long)w->sc->epoch,
			                      &want);
		}
		cr_expect_str_eq(c[k]->line.s, want.s, "%s, session %c: the reply to %s:\n%s\nexpected:\n%s",
		                 file, 'A' + k, st->cmd ? st->cmd : "(greeting)", c[k]->line.s, want.s);
	}
	for (int k = 0; k < TEST_DOVECOT_SESSIONS; k++)
		if (c[k])
			test_dovecot_close(w->s, c[k]);
	sbuf_free(&want);
	test_dovecot_free(&r);
}

/* The recording's mail.ispa.example: Bob (login "bob") and Dave (login
 * "dave", a password with a space) keep their mailboxes there. */
#define TEST_DOVECOT_USERS \
	"{'address': 'bob@ispa.example', 'name': 'Bob A', 'login': 'bob', 'password': 'bob-pass'," \
	" 'mailbox': 'mail-a'}," \
	"{'address': 'dave.s@ispa.example', 'login': 'dave', 'password': 'dave pass'," \
	" 'mailbox': 'mail-a'}"
#define TEST_DOVECOT_SEND(at, id) \
	"{'at': " #at ", 'do': 'send', 'id': '" id "', 'user': 'alice@ispa.example'," \
	" 'to': 'bob@ispa.example', 'subject': '" id "'}"

/* Three messages in Bob's INBOX, then the recording's two sessions: the
 * second login finds the maildrop locked by the first. */
Test(dovecot, pop3_in_use)
{
	struct test_world w;
	test_world_load(&w, &(struct test_world_parts){ .until = 60, .users = TEST_DOVECOT_USERS,
		.actions = TEST_DOVECOT_SEND(1, "m1") "," TEST_DOVECOT_SEND(2, "m2") ","
		           TEST_DOVECOT_SEND(3, "m3") });
	test_world_run(&w, SEC(30));
	int bob = scenario_find_user(w.sc, "bob@ispa.example");
	cr_assert_eq(mda_mbox(w.s, bob)->f[MBOX_INBOX].n, 3);
	test_dovecot_replay(&w, "pop3-in-use.txt", PORT_POP3);
	cr_expect_eq(mda_mbox(w.s, bob)->f[MBOX_INBOX].n, 3, "RETR without DELE deletes nothing");
	test_world_done(&w);
}

/* Six messages in Bob's INBOX: an earlier session (not recorded) selected
 * the first three, so they are no longer recent, and read the first; then
 * three more came.  Then the recording's sessions: A and B at once (only
 * the first to select sees the recent ones), C after A read message 2,
 * Dave's empty INBOX (D), and a password with a space not quoted (E). */
Test(dovecot, imap_select)
{
	struct test_world w;
	test_world_load(&w, &(struct test_world_parts){ .until = 60, .users = TEST_DOVECOT_USERS,
		.actions = TEST_DOVECOT_SEND(1, "m1") "," TEST_DOVECOT_SEND(2, "m2") ","
		           TEST_DOVECOT_SEND(3, "m3") "," TEST_DOVECOT_SEND(30, "m4") ","
		           TEST_DOVECOT_SEND(31, "m5") "," TEST_DOVECOT_SEND(32, "m6") });
	test_world_run(&w, SEC(20));
	struct conn *c = test_dovecot_open(&w, PORT_IMAP);
	test_dovecot_say(w.s, c, "x1 LOGIN bob bob-pass");
	test_dovecot_say(w.s, c, "x2 SELECT INBOX");
	cr_expect(strstr(c->line.s, "* 3 EXISTS\n* 3 RECENT\n"), "%s", c->line.s);
	test_dovecot_say(w.s, c, "x3 FETCH 1 BODY[]");
	test_dovecot_say(w.s, c, "x4 LOGOUT");
	test_dovecot_close(w.s, c);
	test_world_run(&w, SEC(60));
	cr_assert_eq(mda_mbox(w.s, scenario_find_user(w.sc, "bob@ispa.example"))->f[MBOX_INBOX].n, 6);
	test_dovecot_replay(&w, "imap-select.txt", PORT_IMAP);
	test_world_done(&w);
}

/* Say cmd on c and expect the reply want, word for word. */
#define TEST_DOVECOT_EXPECT(w, c, cmd, want)                                                   \
	do {                                                                                   \
		test_dovecot_say((w)->s, (c), (cmd));                                          \
		cr_expect_str_eq((c)->line.s, (want), "the reply to %s:\n%s", (cmd), (c)->line.s); \
	} while (0)

/* CAPA as Dovecot 2.3 answers it with its defaults (no recording: its
 * pop3-login and pop3 code, POP3_CAPABILITY_REPLY), and what the list
 * promises: AUTH PLAIN (with or without an initial response), TOP and
 * UIDL (pop3_uidl_format's default %08Xu%08Xv).  The client is the
 * server itself, where a password may cross without TLS. */
Test(dovecot, pop3_capa_lists_what_the_server_does)
{
	struct test_world w;
	test_world_load(&w, &(struct test_world_parts){ .until = 60, .users = TEST_DOVECOT_USERS,
		.actions = "{'at': 1, 'do': 'send', 'id': 'm1', 'user': 'alice@ispa.example',"
		           " 'to': 'bob@ispa.example', 'subject': 'Top', 'body': 'one\\n.two\\nthree\\n'}" });
	test_world_run(&w, SEC(30));
	const struct mfolder *in = &mda_mbox(w.s, scenario_find_user(w.sc, "bob@ispa.example"))->f[MBOX_INBOX];
	cr_assert_eq(in->n, 1);
	struct conn *c = test_dovecot_open(&w, PORT_POP3);
	TEST_DOVECOT_EXPECT(&w, c, "CAPA",
	                    "+OK\nCAPA\nTOP\nUIDL\nRESP-CODES\nPIPELINING\nAUTH-RESP-CODE\nSTLS\nUSER\nSASL PLAIN\n.");
	TEST_DOVECOT_EXPECT(&w, c, "AUTH", "+OK\nPLAIN\n.");
	TEST_DOVECOT_EXPECT(&w, c, "AUTH CRAM-MD5", "-ERR [AUTH] Unsupported authentication mechanism.");
	TEST_DOVECOT_EXPECT(&w, c, "AUTH PLAIN !!", "-ERR [AUTH] Invalid base64 data in initial response");
	TEST_DOVECOT_EXPECT(&w, c, "AUTH PLAIN AGJvYgB3cm9uZw==", "-ERR [AUTH] Authentication failed.");
	TEST_DOVECOT_EXPECT(&w, c, "AUTH PLAIN", "+ ");
	TEST_DOVECOT_EXPECT(&w, c, "*", "-ERR Authentication aborted by client.");
	TEST_DOVECOT_EXPECT(&w, c, "AUTH PLAIN", "+ ");
	TEST_DOVECOT_EXPECT(&w, c, "AGJvYgBib2ItcGFzcw==", "+OK Logged in.");
	/* After login: the list alone (Dovecot's pop3 process). */
	TEST_DOVECOT_EXPECT(&w, c, "CAPA", "+OK\nCAPA\nTOP\nUIDL\nRESP-CODES\nPIPELINING\nAUTH-RESP-CODE\n.");
	TEST_DOVECOT_EXPECT(&w, c, "AUTH PLAIN AGJvYgBib2ItcGFzcw==", "-ERR Unknown command.");
	test_dovecot_say(w.s, c, "TOP 1 0");
	size_t n = strlen(c->line.s);
	cr_expect(strncmp(c->line.s, "+OK\n", 4) == 0 && strstr(c->line.s, "\nSubject: Top\n") &&
	          n > 3 && strcmp(c->line.s + n - 3, "\n\n.") == 0, "header, blank line, no body:\n%s",
	          c->line.s);
	test_dovecot_say(w.s, c, "TOP 1 2");
	n = strlen(c->line.s);
	const char *tail = "\n\none\n..two\n.";
	cr_expect(n > strlen(tail) && strcmp(c->line.s + n - strlen(tail), tail) == 0,
	          "two body lines, the dot doubled:\n%s", c->line.s);
	TEST_DOVECOT_EXPECT(&w, c, "TOP 2 1", "-ERR There's no message");
	TEST_DOVECOT_EXPECT(&w, c, "TOP 1", "-ERR Invalid size: ");
	char want[64];
	snprintf(want, sizeof want, "+OK 1 %08X%08X", (unsigned)in->items[0].uid, (unsigned)w.sc->epoch);
	TEST_DOVECOT_EXPECT(&w, c, "UIDL 1", want);
	snprintf(want, sizeof want, "+OK\n1 %08X%08X\n.", (unsigned)in->items[0].uid, (unsigned)w.sc->epoch);
	TEST_DOVECOT_EXPECT(&w, c, "UIDL", want);
	TEST_DOVECOT_EXPECT(&w, c, "QUIT", "+OK Logging out.");
	test_dovecot_close(w.s, c);
	cr_expect_eq(in->n, 1, "TOP deletes nothing");
	test_world_done(&w);
}

/* AUTHENTICATE PLAIN as Dovecot 2.3's imap-login answers it with its
 * defaults (no recording: its client-authenticate.c, and the words of
 * login-common's sasl-server.c and client-common-auth.c and of the auth
 * process): what the greeting's SASL-IR and AUTH=PLAIN promise, with the
 * initial response (RFC 4959) or after "+ ", "*" to cancel (RFC 3501
 * section 6.2.2), and the PLAIN message of RFC 4616. */
Test(dovecot, imap_authenticate_plain)
{
	struct test_world w;
	test_world_load(&w, &(struct test_world_parts){ .until = 60, .users = TEST_DOVECOT_USERS });
	struct conn *c = test_dovecot_open(&w, PORT_IMAP);
	cr_expect_str_eq(c->line.s, "* OK [CAPABILITY IMAP4rev1 SASL-IR STARTTLS AUTH=PLAIN] mailsim IMAP ready");
	TEST_DOVECOT_EXPECT(&w, c, "a1 AUTHENTICATE CRAM-MD5",
	                    "a1 NO [ALERT] Unsupported authentication mechanism.");
	TEST_DOVECOT_EXPECT(&w, c, "a2 AUTHENTICATE", "a2 BAD Error in IMAP command received by server.");
	TEST_DOVECOT_EXPECT(&w, c, "a3 AUTHENTICATE PLAIN !!",
	                    "a3 BAD Invalid base64 data in initial response");
	/* "\0bob\0wrong" */
	TEST_DOVECOT_EXPECT(&w, c, "a4 AUTHENTICATE PLAIN AGJvYgB3cm9uZw==",
	                    "a4 NO [AUTHENTICATIONFAILED] Authentication failed.");
	TEST_DOVECOT_EXPECT(&w, c, "a5 AUTHENTICATE PLAIN =",
	                    "a5 NO [AUTHENTICATIONFAILED] Authentication failed.");
	TEST_DOVECOT_EXPECT(&w, c, "a6 AUTHENTICATE PLAIN", "+ ");
	TEST_DOVECOT_EXPECT(&w, c, "*", "a6 BAD Authentication aborted by client.");
	TEST_DOVECOT_EXPECT(&w, c, "a7 authenticate plain", "+ ");
	TEST_DOVECOT_EXPECT(&w, c, "!!", "a7 BAD Invalid base64 data in continued response");
	/* "dave\0bob\0bob-pass": Bob's password, to act as Dave, which only
	 * a master user may; "\0bob\0bob-pass\0x": a third NUL. */
	TEST_DOVECOT_EXPECT(&w, c, "a8 AUTHENTICATE PLAIN ZGF2ZQBib2IAYm9iLXBhc3M=",
	                    "a8 NO [AUTHENTICATIONFAILED] Authentication failed.");
	TEST_DOVECOT_EXPECT(&w, c, "a9 AUTHENTICATE PLAIN AGJvYgBib2ItcGFzcwB4",
	                    "a9 NO [AUTHENTICATIONFAILED] Authentication failed.");
	cr_expect_lt(c->auth_user, 0, "nobody logged in yet");
	/* "bob\0bob\0bob-pass": the authzid may name the authcid itself. */
	TEST_DOVECOT_EXPECT(&w, c, "b1 AUTHENTICATE PLAIN", "+ ");
	TEST_DOVECOT_EXPECT(&w, c, "Ym9iAGJvYgBib2ItcGFzcw==", "b1 OK [CAPABILITY IMAP4rev1 SASL-IR] Logged in");
	cr_expect_eq(c->auth_user, scenario_find_user(w.sc, "bob@ispa.example"));
	/* Logged in: neither AUTHENTICATE nor LOGIN is a command any more. */
	TEST_DOVECOT_EXPECT(&w, c, "b2 AUTHENTICATE PLAIN AGJvYgBib2ItcGFzcw==", "b2 BAD Error in IMAP command");
	TEST_DOVECOT_EXPECT(&w, c, "b3 LOGIN dave \"dave pass\"", "b3 BAD Error in IMAP command");
	cr_expect_eq(c->auth_user, scenario_find_user(w.sc, "bob@ispa.example"));
	test_dovecot_close(w.s, c);
	/* The initial response in the command itself (SASL-IR). */
	c = test_dovecot_open(&w, PORT_IMAP);
	TEST_DOVECOT_EXPECT(&w, c, "c1 AUTHENTICATE PLAIN AGJvYgBib2ItcGFzcw==",
	                    "c1 OK [CAPABILITY IMAP4rev1 SASL-IR] Logged in");
	TEST_DOVECOT_EXPECT(&w, c, "c2 CAPABILITY",
	                    "* CAPABILITY IMAP4rev1 SASL-IR\nc2 OK Capability completed.");
	test_dovecot_close(w.s, c);
	test_world_done(&w);
}

/* Dovecot's disable_plaintext_auth outside TLS: the greeting lists
 * LOGINDISABLED and no AUTH=PLAIN; AUTHENTICATE PLAIN gets sasl-server's
 * words, PRIVACYREQUIRED in IMAP, AUTH-RESP-CODE's [AUTH] in POP3; after
 * STARTTLS / STLS the same command logs in. */
Test(dovecot, plain_authentication_refused_outside_tls)
{
	struct test_world w;
	test_world_load(&w, &(struct test_world_parts){ .until = 60, .users = TEST_DOVECOT_USERS });
	w.sc->hosts[test_world_host(&w, "mail-a")].disable_plaintext_auth = 1;
	struct conn *c = test_dovecot_open_from(&w, "alice-pc", PORT_IMAP);
	cr_expect_str_eq(c->line.s, "* OK [CAPABILITY IMAP4rev1 SASL-IR STARTTLS LOGINDISABLED] mailsim IMAP ready");
	TEST_DOVECOT_EXPECT(&w, c, "a1 AUTHENTICATE PLAIN",
	                    "a1 NO [PRIVACYREQUIRED] Plaintext authentication disabled.");
	TEST_DOVECOT_EXPECT(&w, c, "a2 AUTHENTICATE PLAIN AGJvYgBib2ItcGFzcw==",
	                    "a2 NO [PRIVACYREQUIRED] Plaintext authentication disabled.");
	cr_expect_lt(c->auth_user, 0);
	TEST_DOVECOT_EXPECT(&w, c, "a3 STARTTLS", "a3 OK Begin TLS negotiation now.");
	c->tls = 1;
	TEST_DOVECOT_EXPECT(&w, c, "a4 CAPABILITY", "* CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN\n"
	                    "a4 OK Pre-login capabilities listed, post-login capabilities have more.");
	TEST_DOVECOT_EXPECT(&w, c, "a5 AUTHENTICATE PLAIN AGJvYgBib2ItcGFzcw==",
	                    "a5 OK [CAPABILITY IMAP4rev1 SASL-IR] Logged in");
	test_dovecot_close(w.s, c);
	c = test_dovecot_open_from(&w, "alice-pc", PORT_POP3);
	TEST_DOVECOT_EXPECT(&w, c, "AUTH PLAIN AGJvYgBib2ItcGFzcw==",
	                    "-ERR [AUTH] Plaintext authentication disabled.");
	TEST_DOVECOT_EXPECT(&w, c, "STLS", "+OK Begin TLS negotiation now.");
	c->tls = 1;
	TEST_DOVECOT_EXPECT(&w, c, "AUTH PLAIN AGJvYgBib2ItcGFzcw==", "+OK Logged in.");
	test_dovecot_close(w.s, c);
	test_world_done(&w);
}
