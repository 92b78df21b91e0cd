/* pop3 — both ends of a POP3 session (RFC 1939): USER/PASS, APOP or
 * AUTH PLAIN (RFC 5034), STAT, RETR, TOP, UIDL, DELE, QUIT; CAPA (RFC 2449)
 * and STLS (RFC 2595) to turn on TLS first.  The client downloads every message in INBOX and deletes it
 * on the server, as classic POP3 clients do; that is the contrast with
 * IMAP, where mail stays on the server.  A successful login also opens
 * the server's relay to the client's address for a while where the
 * server does POP before SMTP. */
#include <stdlib.h>
#include <string.h>

#include "apop.h"
#include "mime.h"
#include "simint.h"

enum pop3_state { P3_GREETING, P3_CAPA, P3_STLS, P3_USER, P3_PASS, P3_APOP, P3_STAT, P3_RETR,
	              P3_DELE, P3_QUIT, P3_STATE_COUNT };
static const char *const pop3_state_names[P3_STATE_COUNT] = {
	"greeting", "capa", "stls", "user", "pass", "apop", "stat", "retr", "dele", "quit",
};
_Static_assert(sizeof pop3_state_names / sizeof *pop3_state_names == P3_STATE_COUNT,
               "pop3_state_names");

/* server states: before login, logged in, and between AUTH PLAIN's "+ "
 * and the client's response to it */
enum { P3S_AUTH, P3S_TRANS, P3S_SASL };

/* Dovecot's words when disable_plaintext_auth refuses a login outside TLS. */
#define POP3_NO_PLAINTEXT "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections."

static struct mfolder *pop3_inbox(struct sim *s, struct conn *c)
{
	return c->auth_user >= 0 ? &mda_mbox(s, c->auth_user)->f[MBOX_INBOX] : NULL;
}

void pop3_server_greet(struct sim *s, struct conn *c)
{
	const struct sc_host *h = &s->sc->hosts[c->server];
	if (!h->apop) {
		conn_send(s, c, 0, "+OK mailsim POP3 server ready");
		return;
	}
	/* RFC 1939's timestamp: <process-ID.clock@hostname>, new for every
	 * greeting, so that a digest seen once is worth nothing later. */
	char stamp[300];
	snprintf(stamp, sizeof stamp, "<%u.%lld@%s>", (unsigned)(rng_next(&s->rng) % 90000 + 10000),
	         (long long)(s->sc->epoch + s->now / 1000000), h->fqdn);
	free(c->stamp);
	c->stamp = xstrdup(stamp);
	sbuf_reset(&s->fmt);
	sbuf_addf(&s->fmt, "+OK mailsim POP3 server ready %s", stamp);
	conn_send(s, c, 0, s->fmt.s);
}

static void pop3_trace_cmd(struct sim *s, struct conn *c, const char *verb, const char *line)
{
	struct trace_rec *r = conn_trace_line(s, c, TR_CMD);
	r->role = ROLE_MRA;
	r->u.line = (struct trace_line){ verb, line, 0, 0, NULL };
	trace_end(s, r, NULL);
}

static void pop3_do_user(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	(void)in;
	if (!conn_plaintext_login_ok(s, c)) {
		conn_send(s, c, 0, POP3_NO_PLAINTEXT);
		return;
	}
	conn_str_put(s, c->helo);
	c->helo = conn_str_new(s, arg);
	conn_send(s, c, 0, "+OK");
}

/* Log user u in (the password or the digest was right). */
static void pop3_login(struct sim *s, struct conn *c, int u)
{
	/* One session at a time holds the maildrop (RFC 1939 section 8; the
	 * response code is RFC 2449's, the words Dovecot's with
	 * pop3_lock_session = yes). */
	struct mfolder *inbox = &mda_mbox(s, u)->f[MBOX_INBOX];
	if (inbox->pop3_lock && inbox->pop3_lock != c->id) {
		conn_send(s, c, 0, "-ERR [IN-USE] Mailbox is locked by another POP3 session.");
		return;
	}
	inbox->pop3_lock = c->id;
	c->auth_user = u;
	c->sstate = P3S_TRANS;
	pop3_relay_allow(s, c);
	conn_send(s, c, 0, "+OK Logged in.");
}

static void pop3_do_pass(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	(void)in;
	int u = engine_user_login(s, c->helo, arg, c->server);
	if (u < 0)
		conn_send(s, c, 0, "-ERR [AUTH] Authentication failed.");
	else
		pop3_login(s, c, u);
}

/* APOP name digest (RFC 1939 section 7): the server computes the digest
 * from its own timestamp and the user's secret and compares. */
static void pop3_do_apop(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	(void)in;
	char name[320], digest[APOP_DIGEST_HEX + 2], want[APOP_DIGEST_HEX + 1];
	if (!c->stamp) {
		conn_send(s, c, 0, "-ERR APOP not enabled.");
		return;
	}
	if (sscanf(arg, "%319s %33s", name, digest) != 2 || strlen(digest) != APOP_DIGEST_HEX) {
		conn_send(s, c, 0, "-ERR Invalid parameters.");
		return;
	}
	int u = engine_user_login_any(s, name, c->server);
	if (u < 0 || apop_digest(c->stamp, s->sc->users[u].password, want) < 0 ||
	    util_strcasecmp(want, digest) != 0) {
		conn_send(s, c, 0, "-ERR [AUTH] Authentication failed.");
		return;
	}
	pop3_login(s, c, u);
}

/* The capabilities Dovecot 2.3 lists in either state (its
 * POP3_CAPABILITY_REPLY), each a line.  PIPELINING holds as this server
 * answers the commands one by one, in the order they arrive. */
#define POP3_CAPS "CAPA\nTOP\nUIDL\nRESP-CODES\nPIPELINING\nAUTH-RESP-CODE\n"

/* CAPA (RFC 2449) as Dovecot 2.3 answers it with its defaults
 * (auth_mechanisms = plain).  Before login (its pop3-login process) the
 * ways to log in follow: STLS while TLS can still start, USER where a
 * password may cross, and SASL with the mechanisms allowed here, which
 * leaves PLAIN out where a password may not cross (an empty SASL line, as
 * Dovecot sends it).  After login (its pop3 process) only the list. */
static void pop3_do_capa(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	(void)in;
	(void)arg;
	sbuf_adds(&s->fmt, "+OK\n" POP3_CAPS);
	if (c->sstate == P3S_AUTH) {
		int plain = conn_plaintext_login_ok(s, c);
		if (s->sc->hosts[c->server].starttls && !c->tls)
			sbuf_adds(&s->fmt, "STLS\n");
		if (plain)
			sbuf_adds(&s->fmt, "USER\n");
		sbuf_adds(&s->fmt, plain ? "SASL PLAIN\n" : "SASL\n");
	}
	sbuf_adds(&s->fmt, ".");
	conn_send(s, c, 0, s->fmt.s);
}

/* AUTH PLAIN's response (RFC 4616: authzid NUL authcid NUL password, in
 * base64), as the initial response or on the line after "+ ". */
static void pop3_sasl_plain(struct sim *s, struct conn *c, const char *b64, const char *where)
{
	struct sbuf *dec = &s->fmt2;
	sbuf_reset(dec);
	if (mime_b64_decode(dec, b64, strlen(b64), 1) < 0) {
		sbuf_reset(&s->fmt);
		sbuf_addf(&s->fmt, "-ERR [AUTH] Invalid base64 data in %s response", where);
		conn_send(s, c, 0, s->fmt.s);
		return;
	}
	const char *buf = dec->s ? dec->s : "", *login = NULL, *pass = NULL;
	const char *p1 = dec->len ? memchr(buf, '\0', dec->len) : NULL;
	if (p1 && p1 + 1 < buf + dec->len) {
		login = p1 + 1;
		const char *p2 = memchr(login, '\0', (size_t)(buf + dec->len - login));
		if (p2)
			pass = p2 + 1;
	}
	int u = login && pass ? engine_user_login(s, login, pass, c->server) : -1;
	if (u < 0)
		conn_send(s, c, 0, "-ERR [AUTH] Authentication failed.");
	else
		pop3_login(s, c, u);
}

/* AUTH (RFC 5034), Dovecot's way: PLAIN only, and only where a password
 * may cross (its words otherwise); with no initial response the server
 * asks for it with "+ ".  Its refusals carry RFC 3206's [AUTH] code, as
 * AUTH-RESP-CODE in CAPA promises (pop3-login's POP3_CMD_REPLY_AUTH_ERROR
 * for an unknown mechanism, one refused outside TLS and bad base64; a
 * "*" is not a refusal and has none).  AUTH alone lists the mechanisms (the
 * pre-RFC 5034 discovery Outlook uses). */
static void pop3_do_auth(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	(void)in;
	int plain_ok = conn_plaintext_login_ok(s, c);
	size_t ml = strcspn(arg, " ");
	const char *resp = arg + ml + strspn(arg + ml, " ");
	if (ml == 0) {
		conn_send(s, c, 0, plain_ok ? "+OK\nPLAIN\n." : "+OK\n.");
		return;
	}
	if (ml != 5 || util_strncasecmp(arg, "PLAIN", 5) != 0) {
		conn_send(s, c, 0, "-ERR [AUTH] Unsupported authentication mechanism.");
		return;
	}
	if (!plain_ok) {
		conn_send(s, c, 0, "-ERR [AUTH] Plaintext authentication disabled.");
		return;
	}
	if (!*resp) {
		c->sstate = P3S_SASL;
		conn_send(s, c, 0, "+ ");
		return;
	}
	/* "=" is an empty initial response (RFC 5034 section 4). */
	pop3_sasl_plain(s, c, strcmp(resp, "=") == 0 ? "" : resp, "initial");
}

/* STLS (RFC 2595 section 4): TLS starts after this +OK, and the session
 * starts over inside it, forgetting a USER given in clear. */
static void pop3_do_stls(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	(void)in;
	(void)arg;
	if (c->tls) {
		conn_send(s, c, 0, "-ERR TLS is already active.");
		return;
	}
	if (!s->sc->hosts[c->server].starttls) {
		conn_send(s, c, 0, "-ERR TLS support isn't enabled.");
		return;
	}
	conn_str_put(s, c->helo);
	c->helo = NULL;
	conn_send(s, c, 0, "+OK Begin TLS negotiation now.");
}

static void pop3_do_stat(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	(void)arg;
	size_t total = 0;
	int n = 0;
	for (int k = 0; k < in->n; k++)
		if (!in->items[k].deleted) {
			char *txt = msg_serialize(in->items[k].m, NULL);
			total += strlen(txt);
			free(txt);
			n++;
		}
	sbuf_addf(&s->fmt, "+OK %d %zu", n, total);
	conn_send(s, c, 0, s->fmt.s);
}

/* The message numbered arg in the maildrop, or NULL after an -ERR. */
static struct mitem *pop3_item(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	int k = atoi(arg) - 1;
	if (k < 0 || k >= in->n || in->items[k].deleted) {
		conn_send(s, c, 0, "-ERR There's no message");
		return NULL;
	}
	return &in->items[k];
}

static void pop3_do_retr(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	struct mitem *it = pop3_item(s, c, in, arg);
	if (!it)
		return;
	size_t len = msg_wire_size(it->m);
	sbuf_addf(&s->fmt, "+OK %zu octets\n(message)\n.", len);
	c->carry = it->m;
	conn_send(s, c, 0, s->fmt.s);
}

/* TOP msg n (RFC 1939 section 7): the header, the blank line and the
 * body's first n lines, each line starting with "." doubled. */
static void pop3_do_top(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	struct mitem *it = pop3_item(s, c, in, arg);
	if (!it)
		return;
	const char *sp = strchr(arg, ' ');
	char *end = NULL;
	long lines = sp ? strtol(sp + 1, &end, 10) : -1;
	if (!sp || lines < 0 || end == sp + 1 || *end) {
		sbuf_addf(&s->fmt, "-ERR Invalid size: %s", sp ? sp + 1 : "");
		conn_send(s, c, 0, s->fmt.s);
		return;
	}
	size_t len = 0;
	char *txt = msg_serialize(it->m, &len);
	sbuf_adds(&s->fmt, "+OK\n");
	int body = 0;
	for (const char *p = txt; p < txt + len && (!body || lines-- > 0);) {
		const char *nl = memchr(p, '\n', (size_t)(txt + len - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(txt + len - p);
		size_t shown = n && p[n - 1] == '\r' ? n - 1 : n;
		if (*p == '.')
			sbuf_addc(&s->fmt, '.');
		sbuf_add(&s->fmt, p, shown);
		sbuf_addc(&s->fmt, '\n');
		body |= shown == 0;   /* the blank line ends the header */
		p += n + (nl != NULL);
	}
	free(txt);
	sbuf_adds(&s->fmt, ".");
	conn_send(s, c, 0, s->fmt.s);
}

/* A message's unique id as Dovecot makes it by default
 * (pop3_uidl_format = %08Xu%08Xv): its IMAP UID and the folder's
 * UIDVALIDITY (the lesson's start), in hexadecimal. */
static void pop3_uidl_line(struct sim *s, const struct mfolder *in, int k)
{
	sbuf_addf(&s->fmt, "%d %08X%08X", k + 1, (unsigned)in->items[k].uid, (unsigned)s->sc->epoch);
}

/* UIDL [msg] (RFC 1939 section 7): what lets a client that leaves mail
 * on the server tell the messages it already has from new ones. */
static void pop3_do_uidl(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	if (*arg) {
		struct mitem *it = pop3_item(s, c, in, arg);
		if (!it)
			return;
		sbuf_adds(&s->fmt, "+OK ");
		pop3_uidl_line(s, in, (int)(it - in->items));
		conn_send(s, c, 0, s->fmt.s);
		return;
	}
	sbuf_adds(&s->fmt, "+OK\n");
	for (int k = 0; k < in->n; k++)
		if (!in->items[k].deleted) {
			pop3_uidl_line(s, in, k);
			sbuf_addc(&s->fmt, '\n');
		}
	sbuf_adds(&s->fmt, ".");
	conn_send(s, c, 0, s->fmt.s);
}

static void pop3_do_dele(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	struct mitem *it = pop3_item(s, c, in, arg);
	if (!it)
		return;
	it->deleted = 1;
	conn_send(s, c, 0, "+OK Marked to be deleted.");
}

static void pop3_do_quit(struct sim *s, struct conn *c, struct mfolder *in, const char *arg)
{
	(void)arg;
	/* The UPDATE state: deletions take effect only now (RFC 1939 section 6). */
	int deleted = 0;
	for (int k = 0; in && k < in->n; k++)
		if (in->items[k].deleted) {
			msg_free(in->items[k].m);
			memmove(&in->items[k], &in->items[k + 1], (size_t)(in->n - k - 1) * sizeof *in->items);
			in->n--;
			k--;
			deleted = 1;
		}
	pop3_conn_closed(s, c);
	/* Dovecot's words: pop3-login's before a login (no period), then
	 * pop3's cmd_quit, by whether the session deleted any. */
	conn_send(s, c, 0, !in ? "+OK Logging out"
	                 : deleted ? "+OK Logging out, messages deleted." : "+OK Logging out.");
}

void pop3_conn_closed(struct sim *s, struct conn *c)
{
	if (c->auth_user < 0 || c->auth_user >= s->sc->nusers)
		return;
	struct mfolder *inbox = &mda_mbox(s, c->auth_user)->f[MBOX_INBOX];
	if (inbox->pop3_lock == c->id)
		inbox->pop3_lock = 0;
}

/* The commands, and the state each needs (RFC 1939): USER, PASS, APOP,
 * AUTH and STLS before login, the maildrop's commands after it, CAPA and
 * QUIT in both. */
enum pop3_need { P3_NEED_AUTH, P3_NEED_USER, P3_NEED_TRANS, P3_NEED_ANY };
static const struct {
	const char *verb;
	enum pop3_need need;
	void (*fn)(struct sim *, struct conn *, struct mfolder *, const char *arg);
} pop3_cmds[] = {
	{ "USER", P3_NEED_AUTH, pop3_do_user },  { "PASS", P3_NEED_USER, pop3_do_pass },
	{ "APOP", P3_NEED_AUTH, pop3_do_apop },  { "STLS", P3_NEED_AUTH, pop3_do_stls },
	{ "AUTH", P3_NEED_AUTH, pop3_do_auth },  { "CAPA", P3_NEED_ANY, pop3_do_capa },
	{ "STAT", P3_NEED_TRANS, pop3_do_stat }, { "RETR", P3_NEED_TRANS, pop3_do_retr },
	{ "TOP", P3_NEED_TRANS, pop3_do_top },   { "UIDL", P3_NEED_TRANS, pop3_do_uidl },
	{ "DELE", P3_NEED_TRANS, pop3_do_dele }, { "QUIT", P3_NEED_ANY, pop3_do_quit },
};

static int pop3_allowed(const struct conn *c, const struct mfolder *in, enum pop3_need need)
{
	switch (need) {
	case P3_NEED_AUTH: return c->sstate == P3S_AUTH;
	case P3_NEED_USER: return c->sstate == P3S_AUTH && c->helo;
	case P3_NEED_TRANS: return in != NULL;
	case P3_NEED_ANY: return 1;
	}
	return 0;
}

/* ---- POP before SMTP ---- */

void pop3_relay_allow(struct sim *s, const struct conn *c)
{
	int64_t win = s->sc->hosts[c->server].pop_before_smtp_us;
	uint32_t addr = s->sc->hosts[c->client].addr;
	if (win <= 0)
		return;
	for (int i = 0; i < s->npop_relay; i++)
		if (s->pop_relay[i].host == c->server && s->pop_relay[i].addr == addr) {
			s->pop_relay[i].until = s->now + win;
			return;
		}
	if (s->npop_relay == s->cappop_relay) {
		s->cappop_relay = s->cappop_relay ? s->cappop_relay * 2 : 4;
		s->pop_relay = xrealloc(s->pop_relay, (size_t)s->cappop_relay * sizeof *s->pop_relay);
	}
	s->pop_relay[s->npop_relay++] = (struct pop3_relay){ c->server, addr, s->now + win };
}

int pop3_relay_allowed(const struct sim *s, int host, uint32_t addr)
{
	for (int i = 0; i < s->npop_relay; i++)
		if (s->pop_relay[i].host == host && s->pop_relay[i].addr == addr)
			return s->now <= s->pop_relay[i].until;
	return 0;
}

void pop3_server_line(struct sim *s, struct conn *c)
{
	const char *line = c->line.s ? c->line.s : "";
	char verb[8], arg[320];
	arg[0] = '\0';
	if (sscanf(line, "%7s %319[^\n]", verb, arg) < 1)
		verb[0] = '\0';
	/* The password is shown as the wire carries it: on port 110 without
	 * TLS anyone on the path can read it, which is worth seeing. */
	if (c->sstate == P3S_SASL) {   /* the response "+ " asked for, not a command */
		pop3_trace_cmd(s, c, "AUTH", line);
		c->sstate = P3S_AUTH;
		sbuf_reset(&s->fmt);
		if (strcmp(line, "*") == 0)
			conn_send(s, c, 0, "-ERR Authentication aborted by client.");
		else
			pop3_sasl_plain(s, c, line, "continued");
		return;
	}
	pop3_trace_cmd(s, c, verb, line);
	struct mfolder *in = pop3_inbox(s, c);
	sbuf_reset(&s->fmt);
	for (size_t i = 0; i < sizeof pop3_cmds / sizeof *pop3_cmds; i++)
		if (util_strcasecmp(verb, pop3_cmds[i].verb) == 0 && pop3_allowed(c, in, pop3_cmds[i].need)) {
			pop3_cmds[i].fn(s, c, in, arg);
			return;
		}
	conn_send(s, c, 0, "-ERR Unknown command.");
}

static void pop3_client_send(struct sim *s, struct conn *c, enum pop3_state st,
                             const char *line, int64_t delay_us)
{
	c->cstate = (int)st;
	conn_send_later(s, c, 1, line, delay_us);
}

/* Does a CAPA answer list capability cap on a line of its own? */
static int pop3_client_offers(const char *text, const char *cap)
{
	size_t n = strlen(cap);
	for (const char *p = text; p; p = strchr(p, '\n')) {
		p += *p == '\n';
		if (strncmp(p, cap, n) == 0 && (p[n] == '\n' || p[n] == ' ' || !p[n]))
			return 1;
	}
	return 0;
}

/* Log in: APOP with the greeting's timestamp, or USER (then PASS). */
static void pop3_client_login(struct sim *s, struct conn *c, struct job *j, int64_t delay_us)
{
	const struct sc_user *u = &s->sc->users[j->user];
	char buf[400], digest[APOP_DIGEST_HEX + 1];
	if (!c->apop) {
		snprintf(buf, sizeof buf, "USER %s", u->login);
		pop3_client_send(s, c, P3_USER, buf, delay_us);
		return;
	}
	if (!c->stamp || apop_digest(c->stamp, j->password ? j->password : u->password, digest) < 0) {
		/* No timestamp in the greeting: this server does not do APOP. */
		free(j->last_text);
		j->last_text = xstrdup("the server's greeting offers no APOP timestamp");
		pop3_client_send(s, c, P3_QUIT, "QUIT", delay_us);
		return;
	}
	snprintf(buf, sizeof buf, "APOP %s %s", u->login, digest);
	pop3_client_send(s, c, P3_APOP, buf, delay_us);
}

/* A refusal ends the session: remember it, and QUIT. */
static void pop3_client_refused(struct sim *s, struct conn *c, struct job *j, const char *text)
{
	free(j->last_text);
	j->last_text = xstrdup(text);
	pop3_client_send(s, c, P3_QUIT, "QUIT", 0);
}

/* Before logging in: the greeting (its APOP timestamp), CAPA, STLS. */
static void pop3_client_pre_login(struct sim *s, struct conn *c, struct job *j, int ok,
                                  const char *text)
{
	char stamp[300];
	switch ((enum pop3_state)c->cstate) {
	case P3_GREETING:
		if (apop_stamp_of(text, stamp, sizeof stamp)) {
			free(c->stamp);
			c->stamp = xstrdup(stamp);
		}
		if (c->want_tls && !c->tls)
			pop3_client_send(s, c, P3_CAPA, "CAPA", 0);   /* is there STLS? */
		else
			pop3_client_login(s, c, j, 0);
		break;
	case P3_CAPA:
		if (ok && !c->tls && c->want_tls && pop3_client_offers(text, "STLS"))
			pop3_client_send(s, c, P3_STLS, "STLS", 0);
		else
			pop3_client_login(s, c, j, 0);
		break;
	case P3_STLS:
		if (!ok) {   /* no TLS after all: carry on in the clear */
			c->want_tls = 0;
			pop3_client_login(s, c, j, 0);
			break;
		}
		/* The +OK came in the clear; the TLS handshake takes a round
		 * trip, then capabilities are asked again (RFC 2595 section 4). */
		c->tls = 1;
		sniff_handshake(s, c);
		pop3_client_send(s, c, P3_CAPA, "CAPA", 2 * c->path->latency_us);
		break;
	default:
		PANIC("conn %d: POP3 client state %d is past login", c->id, (int)c->cstate);
	}
}

void pop3_client_line(struct sim *s, struct conn *c)
{
	struct job *j = job_get(s, c->job);
	const struct sc_user *u = &s->sc->users[j->user];
	const char *text = c->line.s ? c->line.s : "";
	int ok = strncmp(text, "+OK", 3) == 0;
	struct trace_rec *r = conn_trace_line(s, c, TR_REPLY);
	r->role = (int)job_role(s, j);
	r->u.line = (struct trace_line){ pop3_state_names[c->cstate], text, ok, 0, NULL };
	trace_end(s, r, c->carry);

	char buf[400];
	switch ((enum pop3_state)c->cstate) {
	case P3_GREETING:
	case P3_CAPA:
	case P3_STLS:
		pop3_client_pre_login(s, c, j, ok, text);
		break;
	case P3_USER:
		if (!ok) {
			pop3_client_refused(s, c, j, text);
			break;
		}
		snprintf(buf, sizeof buf, "PASS %s", j->password ? j->password : u->password);
		pop3_client_send(s, c, P3_PASS, buf, 0);
		break;
	case P3_PASS:
	case P3_APOP:
		if (!ok)
			pop3_client_refused(s, c, j, text);
		else
			pop3_client_send(s, c, P3_STAT, "STAT", 0);
		break;
	case P3_STAT:
		c->item_i = 0;
		c->tag = ok ? atoi(text + 4) : 0;   /* messages on the server */
		if (c->tag > 0)
			pop3_client_send(s, c, P3_RETR, "RETR 1", 0);
		else
			pop3_client_send(s, c, P3_QUIT, "QUIT", 0);
		break;
	case P3_RETR:
		if (ok && c->carry)
			mua_fetched(s, c, j->user, c->carry);
		c->carry = NULL;
		snprintf(buf, sizeof buf, "DELE %d", c->item_i + 1);
		pop3_client_send(s, c, P3_DELE, buf, 0);
		break;
	case P3_DELE:
		if (++c->item_i < c->tag) {
			snprintf(buf, sizeof buf, "RETR %d", c->item_i + 1);
			pop3_client_send(s, c, P3_RETR, buf, 0);
		} else {
			pop3_client_send(s, c, P3_QUIT, "QUIT", 0);
		}
		break;
	case P3_QUIT:
		conn_close(s, c);
		mua_job_done(s, j, !j->last_text);
		break;
	case P3_STATE_COUNT:
		PANIC("conn %d: bad POP3 client state", c->id);
	}
}
