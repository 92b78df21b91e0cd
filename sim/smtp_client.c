/* smtp_client — the client end of an SMTP session: a state machine that
 * answers each reply with the next command (EHLO, STARTTLS, AUTH, MAIL,
 * RCPT, DATA, the message, QUIT), changing state only in
 * smtp_client_enter, and settles every recipient by its last reply.  A
 * lesson's hand-typed session ("script") runs here too, and so does
 * Postfix's lmtp(8) talking LMTP (RFC 2033) to an MDA on port 24. */
#include <string.h>

#include "mime.h"
#include "simint.h"

enum smtp_cstate {
	CS_GREETING, CS_EHLO, CS_STARTTLS, CS_AUTH, CS_MAIL, CS_RCPT, CS_DATA,
	CS_CONTENT, CS_QUIT, CS_OTHER, CS_BURST, CS_STATE_COUNT
};
static const char *const smtp_cstate_names[CS_STATE_COUNT] = {
	"greeting", "ehlo", "starttls", "auth", "mail", "rcpt", "data", "content", "quit", "other",
	"burst",
};
/* The command a reply in each state answers, as a bounce names it. */
static const uint8_t smtp_client_stage[CS_STATE_COUNT] = {
	SMTP_STAGE_GREETING, SMTP_STAGE_EHLO, SMTP_STAGE_STARTTLS, SMTP_STAGE_AUTH, SMTP_STAGE_MAIL,
	SMTP_STAGE_RCPT, SMTP_STAGE_DATA, SMTP_STAGE_DOT, SMTP_STAGE_NONE, SMTP_STAGE_NONE,
	SMTP_STAGE_MAIL,
};
_Static_assert(sizeof smtp_cstate_names / sizeof *smtp_cstate_names == CS_STATE_COUNT,
               "smtp_cstate_names");

static void smtp_client_enter(struct sim *s, struct conn *c, enum smtp_cstate st)
{
	(void)s;
	if (st >= CS_STATE_COUNT)
		PANIC("conn %d: bad client state %d", c->id, (int)st);
	c->cstate = (int)st;
}

/* The reply code text starts with, as (int)strtol(t, NULL, 10) reads it;
 * the usual three digits by hand (every reply of every session). */
static int smtp_client_code(const char *t)
{
	if (t[0] >= '0' && t[0] <= '9' && t[1] >= '0' && t[1] <= '9' && t[2] >= '0' &&
	    t[2] <= '9' && !(t[3] >= '0' && t[3] <= '9'))
		return (t[0] - '0') * 100 + (t[1] - '0') * 10 + (t[2] - '0');
	return (int)strtol(t, NULL, 10);
}

static void smtp_client_send(struct sim *s, struct conn *c, enum smtp_cstate st, const char *line)
{
	smtp_client_enter(s, c, st);
	conn_send(s, c, 1, line);
}

/* Recipient i's last reply: code, text and the command it answered. */
static void smtp_client_settle(struct sim *s, struct job *j, int i, int code, const char *text,
                               int stage)
{
	j->rcode[i] = code;
	conn_str_put(s, j->rtext[i]);
	j->rtext[i] = conn_str_new(s, text);
	j->rcmd[i] = (uint8_t)stage;
}

/* Does m's envelope hold an address past ASCII? */
static int smtp_client_utf8(const struct msg *m)
{
	for (int i = -1; i < m->nrcpt; i++)
		for (const char *p = i < 0 ? m->mail_from : m->rcpt[i]; p && *p; p++)
			if ((unsigned char)*p >= 0x80)
				return 1;
	return 0;
}

/* MAIL FROM, with SIZE= when the server offers SIZE (RFC 1870) and the
 * client is an MTA, as Postfix's smtp(8); to a server that offers
 * PIPELINING (RFC 2920) the MTA sends MAIL, every RCPT and DATA in one
 * burst and reads the replies together. */
static void smtp_client_mail(struct sim *s, struct conn *c, struct job *j)
{
	/* A server's client: an MTA, or an MSA handing mail to its relay host. */
	enum role role = job_role(s, j);
	int mta = (role == ROLE_MTA || role == ROLE_MSA) && !j->script;
	sbuf_reset(&s->fmt);
	sbuf_adds(&s->fmt, "MAIL FROM:<");
	sbuf_adds(&s->fmt, j->m->mail_from ? j->m->mail_from : "");
	sbuf_addc(&s->fmt, '>');
	if (mta && c->offers_size) {
		sbuf_adds(&s->fmt, " SIZE=");
		sbuf_add_int(&s->fmt, (long long)smtp_msg_size(j->m));
	}
	/* An address past ASCII needs SMTPUTF8 (RFC 6531 section 3.4), which
	 * every SMTP server here offers (smtp.c's EHLO reply); LMTP's LHLO
	 * reply does not, and refuses such an address. */
	if (c->proto != PROTO_LMTP && smtp_client_utf8(j->m))
		sbuf_adds(&s->fmt, " SMTPUTF8");
	if (!(mta && c->pipelining)) {
		smtp_client_send(s, c, CS_MAIL, s->fmt.s);
		return;
	}
	for (int i = 0; i < j->m->nrcpt; i++) {
		sbuf_adds(&s->fmt, "\nRCPT TO:<");
		sbuf_adds(&s->fmt, j->m->rcpt[i]);
		sbuf_addc(&s->fmt, '>');
	}
	sbuf_adds(&s->fmt, "\nDATA");
	smtp_client_send(s, c, CS_BURST, s->fmt.s);
	c->burst = (uint16_t)(j->m->nrcpt + 2);
}

static void smtp_client_rcpt(struct sim *s, struct conn *c, struct job *j)
{
	sbuf_reset(&s->fmt);
	sbuf_adds(&s->fmt, "RCPT TO:<");
	sbuf_adds(&s->fmt, j->m->rcpt[c->rcpt_i]);
	sbuf_addc(&s->fmt, '>');
	smtp_client_send(s, c, CS_RCPT, s->fmt.s);
}

/* Every recipient was accepted: like a real MTA deleting its queue file on
 * the 250, keep only the envelope (for the outcome) and drop the content. */
static void smtp_client_drop_content(struct job *j)
{
	if (!j->m->shared) {
		/* In place: the envelope stays where it is (no copy of it per hop). */
		msg_drop_content(j->m);
		j->m->flags |= MSG_F_HANDED;
		return;
	}
	/* A snapshot holds the message as it was: a new envelope for this run. */
	struct msg *env = msg_new();
	env->ledger = j->m->ledger;
	env->copy = j->m->copy;
	env->flags = j->m->flags | MSG_F_HANDED;
	msg_set_mail_from(env, j->m->mail_from ? j->m->mail_from : "");
	for (int i = 0; i < j->m->nrcpt; i++)
		msg_add_rcpt(env, j->m->rcpt[i]);
	msg_free(j->m);
	j->m = env;
}

/* Did the server take recipient i in the transaction now open: a 2xx to
 * its RCPT, not yet followed by the message?  (A hand-typed session may
 * hold several transactions; a recipient the end of an earlier DATA
 * settled is not sent again.) */
static int smtp_client_taken(const struct job *j, int i)
{
	return j->rcode[i] >= 200 && j->rcode[i] < 300 &&
	       (!j->script || j->rcmd[i] == SMTP_STAGE_RCPT);
}

/* Postfix's smtp_line_length_limit (default 998): its client breaks a
 * longer line of the message into pieces of at most 998 characters,
 * each later piece starting with a space (smtp_proto.c, smtp_text_out).
 * In a header the space makes the rest a folded continuation: the field
 * unfolds with one space more there. */
#define SMTP_CLIENT_LINE_LIMIT 998

/* text (n bytes, CRLF line ends) with every line longer than the limit
 * broken as Postfix's client breaks it into out; returns how many breaks. */
static int smtp_client_break_text(const char *text, size_t n, struct sbuf *out)
{
	int breaks = 0;
	for (size_t at = 0; at < n;) {
		size_t len = 0;
		while (at + len < n && !(text[at + len] == '\r' && at + len + 1 < n &&
		                         text[at + len + 1] == '\n'))
			len++;
		int eol = at + len < n;
		size_t room = SMTP_CLIENT_LINE_LIMIT, k = 0;
		while (len - k > room) {
			sbuf_add(out, text + at + k, room);
			sbuf_add(out, "\r\n ", 3);
			k += room;
			room = SMTP_CLIENT_LINE_LIMIT - 1;
			breaks++;
		}
		sbuf_add(out, text + at + k, len - k);
		if (eol)
			sbuf_add(out, "\r\n", 2);
		at += len + (eol ? 2 : 0);
	}
	return breaks;
}

/* Can m have a line over the limit once serialized?  A cheap look that
 * spares the relay a serialization for ordinary mail: a body line that
 * long, or a field that could reach it even written as encoded-words
 * (which at most triple its bytes). */
static int smtp_client_may_break(const struct msg *m)
{
	size_t run = 0;
	for (size_t i = 0; i < m->body_len; i++) {
		run = m->body[i] == '\n' ? 0 : run + 1;
		if (run > SMTP_CLIENT_LINE_LIMIT)
			return 1;
	}
	for (int i = 0; i < m->nfields; i++)
		if ((size_t)m->fields[i].name_len + 2 + 3 * (size_t)m->fields[i].value_len >
		    SMTP_CLIENT_LINE_LIMIT)
			return 1;
	return 0;
}

/* Does c's client break long lines: an MTA or an MSA relaying (Postfix's
 * smtp(8) and lmtp(8)), not a mail program nor a hand-typed session? */
static int smtp_client_breaks(struct sim *s, const struct conn *c)
{
	if (c->job < 0)
		return 0;
	struct job *j = job_get(s, c->job);
	enum role role = job_role(s, j);
	return (role == ROLE_MTA || role == ROLE_MSA) && !j->script;
}

/* m serialized with its long lines broken into out; returns the breaks. */
static int smtp_client_broken_text(const struct msg *m, struct sbuf *out)
{
	if (!smtp_client_may_break(m))
		return 0;
	size_t n;
	char *text = msg_serialize(m, &n);
	int breaks = smtp_client_break_text(text, n, out);
	free(text);
	return breaks;
}

size_t smtp_client_wire_size(struct sim *s, const struct conn *c)
{
	size_t n = smtp_msg_size(c->carry);
	if (smtp_client_breaks(s, c)) {
		struct sbuf out;
		sbuf_init(&out);
		n += 3 * (size_t)smtp_client_broken_text(c->carry, &out);
		sbuf_free(&out);
	}
	return n;
}

/* Postfix breaks only what it writes to the socket: its queue file (here
 * the job's copy, which a retry or a bounce uses) stays whole.  The copy
 * the server receives, without an envelope: long lines broken, else the
 * content with room for hdr_room more header bytes and field_room more
 * fields (msg_clone_content). */
struct msg *smtp_client_wire_content(struct sim *s, const struct conn *c, size_t hdr_room,
				     int field_room)
{
	const struct msg *in = c->carry;
	struct msg *broken = NULL;
	struct sbuf out;
	sbuf_init(&out);
	if (smtp_client_breaks(s, c) && smtp_client_broken_text(in, &out) > 0)
		broken = msg_parse(out.s, out.len, NULL, 0);
	sbuf_free(&out);
	if (!broken)
		return msg_clone_content(in, hdr_room, field_room);
	broken->ledger = in->ledger;
	broken->copy = in->copy;
	broken->flags = in->flags;
	return broken;
}

/* The same with the client's envelope. */
struct msg *smtp_client_wire_copy(struct sim *s, const struct conn *c)
{
	const struct msg *in = c->carry;
	struct msg *m = smtp_client_wire_content(s, c, 0, 0);
	msg_set_mail_from(m, in->mail_from ? in->mail_from : "");
	for (int i = 0; i < in->nrcpt; i++)
		msg_add_rcpt(m, in->rcpt[i]);
	return m;
}

/* After the 354: the message itself, for the recipients the server took. */
static void smtp_client_send_content(struct sim *s, struct conn *c, struct job *j)
{
	for (int i = 0; i < j->m->nrcpt; i++)
		if (smtp_client_taken(j, i))
			ledger_set(s, j->m->ledger, j->m->rcpt[i], LS_IN_FLIGHT, c->client);
	/* The message travels with the line that ends it: what the trace and
	 * the picture show is the message, its size, and the dot. */
	c->carry = j->m;
	smtp_client_send(s, c, CS_CONTENT, ".");
	c->payload = (uint32_t)smtp_client_wire_size(s, c);
}

static void smtp_client_quit(struct sim *s, struct conn *c)
{
	smtp_client_send(s, c, CS_QUIT, "QUIT");
}

/* Every recipient not yet settled in this session gets code/text, the
 * reply to the command of stage. */
static void smtp_client_fail_open(struct sim *s, struct job *j, int code, const char *text,
                                  int stage)
{
	for (int i = 0; i < j->m->nrcpt; i++)
		if (j->rcode[i] == 0 || (j->rcode[i] >= 200 && j->rcode[i] < 300 && code))
			smtp_client_settle(s, j, i, code, text, stage);
	j->last_code = code;
	free(j->last_text);
	j->last_text = xstrdup(text);
	j->last_why = TRACE_WHY_REPLY;
	j->last_cmd = (uint8_t)stage;
}

/* The extensions of an EHLO reply the client acts on, as bits. */
enum {
	SMTP_EXT_PIPELINING = 1 << 0,
	SMTP_EXT_SIZE = 1 << 1,
	SMTP_EXT_STARTTLS = 1 << 2,
	SMTP_EXT_AUTH = 1 << 3,
};

/* Is the line of an EHLO reply (len bytes) the keyword name (n bytes)
 * after "250-", ending the line or followed by a space? */
static inline int smtp_client_kw(const char *p, size_t len, const char *name, size_t n)
{
	return len >= 4 + n && (len == 4 + n || p[4 + n] == ' ') &&
	       util_strncasecmp(p + 4, name, n) == 0;
}

/* Which of them the lines of an EHLO reply ("250-SIZE 10240000") name.
 * One pass over the reply, at every hop, where each was looked for over
 * all of it (four passes); a line is compared only with the names that
 * start with its first letter. */
static int smtp_client_ehlo_exts(const char *ehlo)
{
	int exts = 0;
	for (const char *p = ehlo; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		switch (len > 4 ? p[4] & ~0x20 : 0) {
		case 'P':
			exts |= smtp_client_kw(p, len, "PIPELINING", 10) ? SMTP_EXT_PIPELINING : 0;
			break;
		case 'S':
			exts |= smtp_client_kw(p, len, "SIZE", 4) ? SMTP_EXT_SIZE
			        : smtp_client_kw(p, len, "STARTTLS", 8) ? SMTP_EXT_STARTTLS : 0;
			break;
		case 'A':
			exts |= smtp_client_kw(p, len, "AUTH", 4) ? SMTP_EXT_AUTH : 0;
			break;
		default:
			break;
		}
		p = nl ? nl + 1 : NULL;
	}
	return exts;
}

/* The mail program was told to log in (SMTP AUTH) and the EHLO reply
 * offers no AUTH, as Postfix's port 25 does by default: it does not send
 * the mail without logging in, says QUIT and shows its own error; the mail
 * stays in its outbox.  No server said anything of the kind, so there is
 * no reply code (SMTP_STAGE_NONE: not a reply).  Only a mail program's
 * job logs in: mailsim's MTAs, like Postfix's smtp(8) by default
 * (smtp_sasl_auth_enable = no), never do.  (With it and
 * smtp_sasl_auth_enforce, smtp(8) would defer the message with 4.7.0
 * "SASL authentication failed: server NAME[ADDR] offered no compatible
 * authentication mechanisms for this type of connection security".) */
#define SMTP_CLIENT_NO_AUTH "the server offers no SMTP authentication (no AUTH in its EHLO reply)"
static void smtp_client_no_auth(struct sim *s, struct conn *c, struct job *j)
{
	if (!job_is_mua(s, j))
		PANIC("job %d: only a mail program logs in to submit", j->id);
	for (int i = 0; i < j->m->nrcpt; i++)
		if (j->rcode[i] == 0)
			smtp_client_settle(s, j, i, 0, SMTP_CLIENT_NO_AUTH, SMTP_STAGE_NONE);
	smtp_client_quit(s, c);
}

static void smtp_client_after_ehlo(struct sim *s, struct conn *c, struct job *j, int exts)
{
	if (!c->tls && c->want_tls && (exts & SMTP_EXT_STARTTLS)) {
		smtp_client_send(s, c, CS_STARTTLS, "STARTTLS");
		return;
	}
	if (j->auth && !c->authed) {
		if (!(exts & SMTP_EXT_AUTH)) {
			smtp_client_no_auth(s, c, j);
			return;
		}
		const struct sc_user *u = &s->sc->users[j->user];
		/* authzid NUL authcid NUL password in the run's scratch
		 * buffer, encoded after the command in its line buffer */
		struct sbuf *raw = &s->fmt2;
		sbuf_reset(raw);
		sbuf_addc(raw, '\0');
		sbuf_adds(raw, u->login);
		sbuf_addc(raw, '\0');
		sbuf_adds(raw, j->password ? j->password : u->password);
		sbuf_reset(&s->fmt);
		sbuf_adds(&s->fmt, "AUTH PLAIN ");
		mime_b64_encode(&s->fmt, raw->s, raw->len, 0);
		smtp_client_send(s, c, CS_AUTH, s->fmt.s);
		return;
	}
	smtp_client_mail(s, c, j);
}

/* The session has ended with 221: settle the job. */
static void smtp_client_done(struct sim *s, struct conn *c, struct job *j)
{
	conn_close(s, c);
	if (job_is_mua(s, j))
		mua_job_done(s, j, 1);
	else
		mta_job_done(s, j);
}

/* A hand-typed RCPT names addr: its index in the envelope.  A recipient the
 * action did not list becomes a new envelope recipient (with its own
 * ledger line), as it would for a real client. */
static int smtp_client_script_rcpt(struct sim *s, struct conn *c, struct job *j, const char *addr)
{
	for (int i = 0; i < j->m->nrcpt; i++)
		if (util_strcasecmp(j->m->rcpt[i], addr) == 0)
			return i;
	job_add_rcpt(s, j, addr);
	ledger_add_rcpt(s, j->m->ledger, addr, LS_IN_FLIGHT, c->client);
	return j->m->nrcpt - 1;
}

/* RSET, or a new MAIL the server took: the open transaction is gone, and
 * the 250s its recipients got no longer mean anything.  Recipients an
 * earlier transaction's DATA settled keep their outcome. */
static void smtp_client_script_rset(struct job *j)
{
	for (int i = 0; i < j->m->nrcpt; i++)
		if (smtp_client_taken(j, i))
			j->rcode[i] = 0;
}

/* The session is over.  A recipient whose RCPT was accepted but whose
 * message never followed (no DATA, or RSET) was not sent: its reply code
 * is cleared so that the sender keeps (or lets go of) the mail. */
static void smtp_client_script_end(struct sim *s, struct conn *c, struct job *j)
{
	for (int i = 0; i < j->m->nrcpt; i++) {
		if (j->rcode[i] != 0 && !smtp_client_taken(j, i))
			continue;
		j->rcode[i] = 0;
		conn_str_put(s, j->rtext[i]);
		j->rtext[i] = conn_str_new(s, "the session ended before the message was sent");
	}
	smtp_client_done(s, c, j);
}

/* A hand-typed session (a lesson's "script", as with telnet to port 25):
 * each reply is answered with the next line, whatever it said; after a 354
 * the message itself follows; when the lines run out, QUIT.  Replies still
 * settle the recipients they concern, so the ledger stays exact. */
static void smtp_client_script_step(struct sim *s, struct conn *c, struct job *j, int code,
                             const char *text)
{
	switch ((enum smtp_cstate)c->cstate) {
	case CS_QUIT:
		smtp_client_script_end(s, c, j);
		return;
	case CS_RCPT:
		if (c->rcpt_i >= 0)
			smtp_client_settle(s, j, c->rcpt_i, code, text, SMTP_STAGE_RCPT);
		break;
	case CS_DATA:
		if (code == 354) {
			smtp_client_send_content(s, c, j);
			return;
		}
		break;
	case CS_CONTENT:
		c->carry = NULL;
		for (int i = 0; i < j->m->nrcpt; i++)
			if (smtp_client_taken(j, i))
				smtp_client_settle(s, j, i, code, text, SMTP_STAGE_DOT);
		break;
	case CS_MAIL:
		if (code >= 200 && code < 300)   /* a new transaction */
			smtp_client_script_rset(j);
		break;
	case CS_STARTTLS:
		if (code == 220 && !c->tls) {
			c->tls = 1;
			sniff_handshake(s, c);
		}
		break;
	case CS_AUTH:
		c->authed |= code == 235;
		break;
	case CS_GREETING:
	case CS_EHLO:
	case CS_OTHER:
	case CS_BURST:   /* a script never pipelines */
		break;
	case CS_STATE_COUNT:
		PANIC("conn %d: bad client state", c->id);
	}
	if (code >= 400) {
		j->last_code = code;
		free(j->last_text);
		j->last_text = xstrdup(text);
		j->last_why = TRACE_WHY_REPLY;
		j->last_cmd = smtp_client_stage[c->cstate];
	}
	/* After a 220 to STARTTLS the TLS handshake takes a round trip. */
	int64_t delay = c->cstate == CS_STARTTLS && code == 220 ? 2 * c->path->latency_us : 0;
	if (j->script_i >= j->nscript) {
		smtp_client_quit(s, c);
		return;
	}
	const char *line = j->script[j->script_i++];
	static const struct { const char *verb; enum smtp_cstate st; } verbs[] = {
		{ "EHLO", CS_EHLO }, { "HELO", CS_EHLO }, { "STARTTLS", CS_STARTTLS },
		{ "AUTH", CS_AUTH }, { "MAIL", CS_MAIL }, { "RCPT", CS_RCPT },
		{ "DATA", CS_DATA }, { "QUIT", CS_QUIT },
	};
	/* The verb is the first word, as the server reads it ("RCPTX" is no RCPT). */
	size_t vl = strcspn(line, " ");
	const char *arg = line + vl + strspn(line + vl, " ");
	enum smtp_cstate st = c->cstate == CS_AUTH && code == 334 ? CS_AUTH : CS_OTHER;
	for (size_t i = 0; st == CS_OTHER && i < sizeof verbs / sizeof *verbs; i++)
		if (vl == strlen(verbs[i].verb) && util_strncasecmp(line, verbs[i].verb, vl) == 0)
			st = verbs[i].st;
	if (st == CS_OTHER && vl == 4 && util_strncasecmp(line, "RSET", 4) == 0)
		smtp_client_script_rset(j);
	c->rcpt_i = -1;
	char addr[320];
	if (st == CS_RCPT && smtp_path_arg(arg, "TO:", addr, sizeof addr) == SMTP_PATH_OK && *addr)
		c->rcpt_i = smtp_client_script_rcpt(s, c, j, addr);
	smtp_client_enter(s, c, st);
	conn_send_later(s, c, 1, line, delay);
}

/* ---- the state machine: one handler per step the reply answers ---- */

/* A reply that ends the attempt: settle what is still open, then QUIT. */
static void smtp_client_give_up(struct sim *s, struct conn *c, struct job *j, int code,
                                const char *text)
{
	smtp_client_fail_open(s, j, code, text, smtp_client_stage[c->cstate]);
	smtp_client_quit(s, c);
}

/* EHLO, delay_us from now (after a TLS handshake). */
static void smtp_client_ehlo(struct sim *s, struct conn *c, int64_t delay_us)
{
	sbuf_reset(&s->fmt);
	sbuf_adds(&s->fmt, c->proto == PROTO_LMTP ? "LHLO " : "EHLO ");
	sbuf_adds(&s->fmt, s->sc->hosts[c->client].fqdn);
	smtp_client_enter(s, c, CS_EHLO);
	conn_send_later(s, c, 1, s->fmt.s, delay_us);
}

static void smtp_client_on_greeting(struct sim *s, struct conn *c, struct job *j, int code,
                                    const char *text)
{
	if (code != 220)
		smtp_client_give_up(s, c, j, code, text);
	else
		smtp_client_ehlo(s, c, 0);
}

static void smtp_client_on_ehlo(struct sim *s, struct conn *c, struct job *j, int code,
                                const char *text)
{
	if (code < 200 || code >= 300) {
		smtp_client_give_up(s, c, j, code, text);
		return;
	}
	int exts = smtp_client_ehlo_exts(text);
	c->pipelining = !!(exts & SMTP_EXT_PIPELINING);
	c->offers_size = !!(exts & SMTP_EXT_SIZE);
	smtp_client_after_ehlo(s, c, j, exts);
}

static void smtp_client_on_starttls(struct sim *s, struct conn *c, struct job *j, int code,
                                    const char *text)
{
	(void)text;
	if (code == 220) {
		/* The 220 came in the clear; now the TLS handshake (one round
		 * trip), then the session starts over inside it. */
		c->tls = 1;
		sniff_handshake(s, c);
		smtp_client_ehlo(s, c, 2 * c->path->latency_us);
	} else {   /* no TLS after all: carry on in the clear, as Postfix may */
		c->want_tls = 0;
		smtp_client_mail(s, c, j);
	}
}

static void smtp_client_on_auth(struct sim *s, struct conn *c, struct job *j, int code,
                                const char *text)
{
	if (code != 235) {
		smtp_client_give_up(s, c, j, code, text);
		return;
	}
	c->authed = 1;
	smtp_client_mail(s, c, j);
}

static void smtp_client_on_mail(struct sim *s, struct conn *c, struct job *j, int code,
                                const char *text)
{
	if (code < 200 || code >= 300) {
		smtp_client_give_up(s, c, j, code, text);
		return;
	}
	c->rcpt_i = 0;
	c->rcpt_ok = 0;
	smtp_client_rcpt(s, c, j);
}

static void smtp_client_on_rcpt(struct sim *s, struct conn *c, struct job *j, int code,
                                const char *text)
{
	smtp_client_settle(s, j, c->rcpt_i, code, text, SMTP_STAGE_RCPT);
	c->rcpt_ok += code >= 200 && code < 300;
	if (++c->rcpt_i < j->m->nrcpt)
		smtp_client_rcpt(s, c, j);
	else if (c->rcpt_ok)
		smtp_client_send(s, c, CS_DATA, "DATA");
	else
		smtp_client_quit(s, c);
}

static void smtp_client_on_data(struct sim *s, struct conn *c, struct job *j, int code,
                                const char *text)
{
	if (code != 354)
		smtp_client_give_up(s, c, j, code, text);
	else
		smtp_client_send_content(s, c, j);
}

/* The reply to the message itself settles every recipient the server had
 * taken at RCPT. */
static void smtp_client_on_content(struct sim *s, struct conn *c, struct job *j, int code,
                                   const char *text)
{
	int ok = code >= 200 && code < 300, kept = 0;
	c->carry = NULL;
	for (int i = 0; i < j->m->nrcpt; i++)
		if (j->rcode[i] >= 200 && j->rcode[i] < 300) {
			smtp_client_settle(s, j, i, code, text, SMTP_STAGE_DOT);
			if (!ok)
				ledger_set(s, j->m->ledger, j->m->rcpt[i], LS_QUEUED, c->client);
		}
	for (int i = 0; i < j->m->nrcpt; i++)
		kept |= j->rcode[i] < 200 || j->rcode[i] >= 300;
	if (!kept)
		smtp_client_drop_content(j);
	smtp_client_quit(s, c);
}

/* LMTP's answer to the message (RFC 2033 section 4.2): one reply per
 * recipient accepted at RCPT, in that order, each a trace record of its
 * own and each settling its own recipient. */
static void smtp_client_on_lmtp_content(struct sim *s, struct conn *c, struct job *j)
{
	char *text = xstrdup(c->line.s ? c->line.s : "");
	int n = 0, k = 0, kept = 0;
	for (int i = 0; i < j->m->nrcpt; i++)
		n += j->rcode[i] >= 200 && j->rcode[i] < 300;
	c->carry = NULL;
	char *save = NULL, *l = strtok_r(text, "\n", &save);
	for (int i = 0; i < j->m->nrcpt; i++) {
		if (j->rcode[i] < 200 || j->rcode[i] >= 300)
			continue;
		/* A reply missing is a session lost before it came (Postfix's
		 * words), and the recipient stays in the queue. */
		const char *line = l ? l : "451 4.4.2 lost connection while sending end of data";
		int code = smtp_client_code(line);
		struct trace_rec *r = conn_trace_line(s, c, TR_REPLY);
		r->role = (int)job_role(s, j);
		const char *explain = l && k < c->nburst_explain ? c->burst_explain[k] : NULL;
		r->u.line = (struct trace_line){ smtp_cstate_names[CS_CONTENT], line, code, 0, explain };
		r->burst = (uint16_t)(n > 1 ? k + 1 : 0);
		trace_end(s, r, j->m);
		smtp_client_settle(s, j, i, code, line, SMTP_STAGE_DOT);
		if (code < 200 || code >= 300)
			ledger_set(s, j->m->ledger, j->m->rcpt[i], LS_QUEUED, c->client);
		k++;
		if (l)
			l = strtok_r(NULL, "\n", &save);
	}
	for (int i = 0; i < j->m->nrcpt; i++)
		kept |= j->rcode[i] < 200 || j->rcode[i] >= 300;
	if (!kept)
		smtp_client_drop_content(j);
	free(text);
	smtp_client_quit(s, c);
}

static void smtp_client_on_quit(struct sim *s, struct conn *c, struct job *j, int code,
                                const char *text)
{
	(void)code;
	(void)text;
	smtp_client_done(s, c, j);
}

/* The replies to a pipelined burst, in order: MAIL, one per RCPT, DATA.
 * Each is a trace record of its own (burst: its place); then the
 * recipients are settled as if the commands had gone one by one. */
static void smtp_client_on_burst(struct sim *s, struct conn *c, struct job *j)
{
	/* On the stack for a burst of a few recipients, the usual one. */
	enum { SMALL = 16 };
	char stack[1024];
	int stack_code[SMALL];
	char *stack_line[SMALL];
	size_t len = c->line.s ? c->line.len : 0;
	char *text = len < sizeof stack ? stack : xmalloc(len + 1);
	if (len)
		memcpy(text, c->line.s, len);
	text[len] = '\0';
	int n = j->m->nrcpt + 2, k = 0;
	int *code = n <= SMALL ? stack_code : xmalloc((size_t)n * sizeof *code);
	char **line = n <= SMALL ? stack_line : xmalloc((size_t)n * sizeof *line);
	memset(code, 0, (size_t)n * sizeof *code);
	memset(line, 0, (size_t)n * sizeof *line);
	for (char *save = NULL, *l = strtok_r(text, "\n", &save); l && k < n;
	     l = strtok_r(NULL, "\n", &save), k++) {
		line[k] = l;
		code[k] = smtp_client_code(l);
		struct trace_rec *r = conn_trace_line(s, c, TR_REPLY);
		r->role = (int)job_role(s, j);
		const char *verb = k == 0 ? "mail" : k == n - 1 ? "data" : "rcpt";
		const char *explain = k < c->nburst_explain ? c->burst_explain[k] : NULL;
		r->u.line = (struct trace_line){ verb, l, code[k], 0, explain };
		r->burst = (uint16_t)(k + 1);
		trace_end(s, r, j->m);
	}
	c->rcpt_ok = 0;
	for (int i = 0; code[0] >= 200 && code[0] < 300 && i < j->m->nrcpt && i + 1 < k; i++) {
		smtp_client_settle(s, j, i, code[i + 1], line[i + 1], SMTP_STAGE_RCPT);
		c->rcpt_ok += code[i + 1] >= 200 && code[i + 1] < 300;
	}
	if (k < n || code[0] < 200 || code[0] >= 300) {   /* MAIL refused, or replies missing */
		smtp_client_enter(s, c, CS_MAIL);
		smtp_client_give_up(s, c, j, code[0], k ? line[0] : "");
	} else if (code[n - 1] == 354 && c->rcpt_ok) {
		smtp_client_send_content(s, c, j);
	} else {
		smtp_client_enter(s, c, CS_DATA);
		smtp_client_give_up(s, c, j, code[n - 1], line[n - 1]);
	}
	if (code != stack_code)
		free(code);
	if (line != stack_line)
		free(line);
	if (text != stack)
		free(text);
}

static void (*const smtp_client_on[CS_STATE_COUNT])(struct sim *, struct conn *, struct job *, int,
                                                    const char *) = {
	[CS_GREETING] = smtp_client_on_greeting, [CS_EHLO] = smtp_client_on_ehlo,
	[CS_STARTTLS] = smtp_client_on_starttls, [CS_AUTH] = smtp_client_on_auth,
	[CS_MAIL] = smtp_client_on_mail,         [CS_RCPT] = smtp_client_on_rcpt,
	[CS_DATA] = smtp_client_on_data,         [CS_CONTENT] = smtp_client_on_content,
	[CS_QUIT] = smtp_client_on_quit,
};

void smtp_client_line(struct sim *s, struct conn *c)
{
	struct job *j = job_get(s, c->job);
	const char *text = c->line.s ? c->line.s : "";
	int code = smtp_client_code(text);
	if (c->cstate == CS_BURST) {
		smtp_client_on_burst(s, c, j);
		return;
	}
	if (c->cstate == CS_CONTENT && c->proto == PROTO_LMTP && !j->script) {
		smtp_client_on_lmtp_content(s, c, j);
		return;
	}
	struct trace_rec *r = conn_trace_line(s, c, TR_REPLY);
	r->role = (int)job_role(s, j);
	r->u.line = (struct trace_line){ smtp_cstate_names[c->cstate], text, code, 0, c->explain };
	trace_end(s, r, j->m);

	if (j->script) {
		smtp_client_script_step(s, c, j, code, text);
		return;
	}
	if (c->cstate >= CS_STATE_COUNT || !smtp_client_on[c->cstate])
		PANIC("conn %d: a reply in client state %d", c->id, (int)c->cstate);
	smtp_client_on[c->cstate](s, c, j, code, text);
}

void smtp_client_failed(struct sim *s, struct job *j, int refused)
{
	(void)refused;
	if (job_is_mua(s, j))
		mua_job_done(s, j, 0);
	else
		mta_job_failed(s, j);
}
