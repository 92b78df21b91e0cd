/* imap — both ends of a small IMAP4rev1 session (RFC 3501): LOGIN or
 * AUTHENTICATE PLAIN (RFC 4616, with SASL-IR, RFC 4959), SELECT, SEARCH
 * UNSEEN, FETCH, LOGOUT; CAPABILITY and STARTTLS to turn on TLS first.
 * The mail stays on the server, flagged \Seen, unlike POP3. */
#include <string.h>

#include "mime.h"
#include "simint.h"

enum imap_state { IM_GREETING, IM_STARTTLS, IM_CAPABILITY, IM_LOGIN, IM_SELECT, IM_SEARCH,
	              IM_FETCH, IM_LOGOUT, IM_STATE_COUNT };
static const char *const imap_state_names[IM_STATE_COUNT] = {
	"greeting", "starttls", "capability", "login", "select", "search", "fetch", "logout",
};
_Static_assert(sizeof imap_state_names / sizeof *imap_state_names == IM_STATE_COUNT,
               "imap_state_names");

/* Server states: commands, or the line after AUTHENTICATE's "+ " (the
 * command's tag waits in auth_login meanwhile). */
enum { IMS_CMD, IMS_SASL };

/* The capabilities before login, as Dovecot 2.3 lists them with its
 * defaults (auth_mechanisms = plain), less what this server does not do:
 * SASL-IR (AUTHENTICATE takes an initial response), STARTTLS while TLS
 * can still start, and where a password may not cross in clear
 * LOGINDISABLED instead of AUTH=PLAIN (RFC 3501 section 6.2.3).
 * Dovecot's LITERAL+ (RFC 7888) is left out with LOGIN-REFERRALS, ID,
 * ENABLE and IDLE: this server reads a command as one line and parses no
 * literal ({n} or {n+}), so it would be a promise it does not keep. */
static void imap_caps(const struct sim *s, const struct conn *c, struct sbuf *out)
{
	sbuf_adds(out, "IMAP4rev1 SASL-IR");
	if (s->sc->hosts[c->server].starttls && !c->tls)
		sbuf_adds(out, " STARTTLS");
	sbuf_adds(out, conn_plaintext_login_ok(s, c) ? " AUTH=PLAIN" : " LOGINDISABLED");
}

/* The capabilities after login: Dovecot's list (which keeps SASL-IR)
 * less what this server does not do; no STARTTLS and no AUTH= any more. */
#define IMAP_CAPS_LOGGED_IN "IMAP4rev1 SASL-IR"

void imap_server_greet(struct sim *s, struct conn *c)
{
	sbuf_reset(&s->fmt);
	sbuf_adds(&s->fmt, "* OK [CAPABILITY ");
	imap_caps(s, c, &s->fmt);
	sbuf_adds(&s->fmt, "] mailsim IMAP ready");
	conn_send(s, c, 0, s->fmt.s);
}

static struct mfolder *imap_folder(struct sim *s, struct conn *c)
{
	return c->auth_user >= 0 ? &mda_mbox(s, c->auth_user)->f[MBOX_INBOX] : NULL;
}

/* A command's tag and what follows its verb. */
struct imap_args {
	const char *tag;
	const char *rest;
};

/* One astring (RFC 3501 section 9): an atom, or a quoted string with \"
 * and \\ escapes, into out.  Advances *p past it and the spaces after.
 * Returns 0, or -1 when there is none or it is malformed (a literal
 * {n} is not carried by these one-line sessions). */
static int imap_astring(const char **p, char *out, size_t outsz)
{
	const char *q = *p;
	size_t n = 0;
	if (*q == '"') {
		for (q++; *q && *q != '"'; q++) {
			if (*q == '\\' && (q[1] == '"' || q[1] == '\\'))
				q++;
			else if (*q == '\\')
				return -1;
			if (n + 1 >= outsz)
				return -1;
			out[n++] = *q;
		}
		if (*q != '"')
			return -1;
		q++;
	} else {
		for (; *q && *q != ' ' && *q != '(' && *q != ')' && *q != '{' && *q != '"'; q++) {
			if (n + 1 >= outsz)
				return -1;
			out[n++] = *q;
		}
		if (!n)
			return -1;
	}
	out[n] = '\0';
	while (*q == ' ')
		q++;
	*p = q;
	return 0;
}

/* Log user u in (or fail, u < 0), answering command tag. */
static void imap_login_as(struct sim *s, struct conn *c, const char *tag, int u)
{
	c->auth_user = u;
	if (u < 0)
		sbuf_addf(&s->fmt, "%s NO [AUTHENTICATIONFAILED] Authentication failed.", tag);
	else
		sbuf_addf(&s->fmt, "%s OK [CAPABILITY " IMAP_CAPS_LOGGED_IN "] Logged in", tag);
}

static void imap_do_login(struct sim *s, struct conn *c, struct mfolder *f, struct imap_args *x)
{
	(void)f;
	char user[320], pw[320];
	const char *p = x->rest;
	if (!conn_plaintext_login_ok(s, c)) {
		/* LOGINDISABLED, and the client sent the password anyway:
		 * Dovecot's alert says what that means. */
		sbuf_addf(&s->fmt, "* BAD [ALERT] Plaintext authentication not allowed without SSL/TLS, but "
		          "your client did it anyway. If anyone was listening, the password was exposed.\n"
		          "%s NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure "
		          "(SSL/TLS) connections.", x->tag);
		return;
	}
	if (imap_astring(&p, user, sizeof user) < 0 || imap_astring(&p, pw, sizeof pw) < 0 || *p) {
		sbuf_addf(&s->fmt, "%s BAD Error in IMAP command received by server.", x->tag);
		return;
	}
	imap_login_as(s, c, x->tag, engine_user_login(s, user, pw, c->server));
}

/* A SASL PLAIN message (RFC 4616) in base64, the initial response or the
 * line after "+ " (where names which, for Dovecot's words): log in as its
 * authcid with its password.  Dovecot takes an authzid only when it is
 * empty or the authcid itself (another would make the authcid a master
 * user, which a default Dovecot has none of), and exactly two NULs. */
static void imap_sasl_plain(struct sim *s, struct conn *c, const char *tag, const char *b64,
                            const char *where)
{
	struct sbuf *dec = &s->fmt2;
	sbuf_reset(dec);
	if (mime_b64_decode(dec, b64, strlen(b64), 1) < 0) {
		/* Dovecot's auth process: CLIENT_AUTH_RESULT_INVALID_BASE64,
		 * which imap-login answers BAD. */
		sbuf_addf(&s->fmt, "%s BAD Invalid base64 data in %s response", tag, where);
		return;
	}
	const char *buf = dec->s ? dec->s : "", *end = buf + dec->len;
	const char *p1 = memchr(buf, '\0', dec->len);
	const char *p2 = p1 ? memchr(p1 + 1, '\0', (size_t)(end - p1 - 1)) : NULL;
	int u = -1;
	if (p2 && !memchr(p2 + 1, '\0', (size_t)(end - p2 - 1)) && p2 > p1 + 1 &&
	    (p1 == buf || strcmp(buf, p1 + 1) == 0))
		u = engine_user_login(s, p1 + 1, p2 + 1, c->server);
	imap_login_as(s, c, tag, u);
}

/* AUTHENTICATE mechanism [initial-response] (RFC 3501 section 6.2.2,
 * SASL-IR's RFC 4959), as Dovecot 2.3's imap-login answers it: PLAIN
 * only, and only where a password may cross (its sasl-server's words
 * otherwise, with PRIVACYREQUIRED; unlike LOGIN no ALERT, even when an
 * initial response already carried the password).  Without an initial
 * response the server asks for it with "+ "; "=" is an empty one. */
static void imap_do_authenticate(struct sim *s, struct conn *c, struct mfolder *f,
                                 struct imap_args *x)
{
	(void)f;
	size_t ml = strcspn(x->rest, " ");
	const char *ir = x->rest + ml + (x->rest[ml] == ' ');
	if (ml == 0)
		sbuf_addf(&s->fmt, "%s BAD Error in IMAP command received by server.", x->tag);
	else if (ml != 5 || util_strncasecmp(x->rest, "PLAIN", 5) != 0)
		sbuf_addf(&s->fmt, "%s NO [ALERT] Unsupported authentication mechanism.", x->tag);
	else if (!conn_plaintext_login_ok(s, c))
		sbuf_addf(&s->fmt, "%s NO [PRIVACYREQUIRED] Plaintext authentication disabled.", x->tag);
	else if (!*ir) {
		c->sstate = IMS_SASL;
		free(c->auth_login);
		c->auth_login = xstrdup(x->tag);
		sbuf_adds(&s->fmt, "+ ");
	} else
		imap_sasl_plain(s, c, x->tag, strcmp(ir, "=") == 0 ? "" : ir, "initial");
}

/* The line after "+ ": the response, or "*" to give up (RFC 3501
 * section 6.2.2: the server answers BAD). */
static void imap_server_sasl_line(struct sim *s, struct conn *c, const char *line)
{
	struct trace_rec *r = conn_trace_line(s, c, TR_CMD);
	r->role = ROLE_MRA;
	r->u.line = (struct trace_line){ "AUTHENTICATE", line, 0, 0, NULL };
	trace_end(s, r, NULL);
	char tag[16];
	snprintf(tag, sizeof tag, "%s", c->auth_login ? c->auth_login : "*");
	free(c->auth_login);
	c->auth_login = NULL;
	c->sstate = IMS_CMD;
	sbuf_reset(&s->fmt);
	if (strcmp(line, "*") == 0)
		sbuf_addf(&s->fmt, "%s BAD Authentication aborted by client.", tag);
	else
		imap_sasl_plain(s, c, tag, line, "continued");
	conn_send(s, c, 0, s->fmt.s);
}

/* SELECT's untagged answers as RFC 3501 section 6.3.1 lists them, in
 * Dovecot's order: FLAGS, PERMANENTFLAGS, EXISTS, RECENT (messages no
 * session had seen: this one now has, so they stop being recent), UNSEEN
 * (the first unseen message's number, left out when all are seen),
 * UIDVALIDITY (the lesson's start, as a mailbox's creation time) and
 * UIDNEXT. */
static void imap_do_select(struct sim *s, struct conn *c, struct mfolder *f, struct imap_args *x)
{
	(void)c;
	int recent = 0, unseen = 0;
	for (int k = 0; k < f->n; k++) {
		recent += f->items[k].recent;
		f->items[k].recent = 0;
		if (!unseen && !f->items[k].seen)
			unseen = k + 1;
	}
	sbuf_addf(&s->fmt, "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\n"
	          "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.\n"
	          "* %d EXISTS\n* %d RECENT\n", f->n, recent);
	if (unseen)
		sbuf_addf(&s->fmt, "* OK [UNSEEN %d] First unseen.\n", unseen);
	sbuf_addf(&s->fmt, "* OK [UIDVALIDITY %lld] UIDs valid\n* OK [UIDNEXT %u] Predicted next UID\n"
	          "%s OK [READ-WRITE] Select completed.", (long long)s->sc->epoch,
	          (unsigned)f->last_uid + 1, x->tag);
}

static void imap_do_search(struct sim *s, struct conn *c, struct mfolder *f, struct imap_args *x)
{
	(void)c;
	sbuf_adds(&s->fmt, "* SEARCH");
	for (int k = 0; k < f->n; k++)
		if (!f->items[k].seen)
			sbuf_addf(&s->fmt, " %d", k + 1);
	sbuf_addf(&s->fmt, "\n%s OK Search completed.", x->tag);
}

static void imap_do_fetch(struct sim *s, struct conn *c, struct mfolder *f, struct imap_args *x)
{
	int k = atoi(x->rest) - 1;
	if (k < 0 || k >= f->n) {
		sbuf_addf(&s->fmt, "%s BAD Invalid message number", x->tag);
		return;
	}
	size_t len = msg_wire_size(f->items[k].m);
	f->items[k].seen = 1;
	c->carry = f->items[k].m;
	sbuf_addf(&s->fmt, "* %d FETCH (FLAGS (\\Seen) BODY[] {%zu}\n(message)\n)\n"
	          "%s OK Fetch completed.", k + 1, len, x->tag);
}

static void imap_do_logout(struct sim *s, struct conn *c, struct mfolder *f, struct imap_args *x)
{
	(void)c;
	(void)f;
	sbuf_addf(&s->fmt, "* BYE Logging out\n%s OK Logout completed.", x->tag);
}

static void imap_do_capability(struct sim *s, struct conn *c, struct mfolder *f, struct imap_args *x)
{
	sbuf_adds(&s->fmt, "* CAPABILITY ");
	if (f)
		sbuf_adds(&s->fmt, IMAP_CAPS_LOGGED_IN);
	else
		imap_caps(s, c, &s->fmt);
	sbuf_addf(&s->fmt, "\n%s OK %s", x->tag, f ? "Capability completed."
	          : "Pre-login capabilities listed, post-login capabilities have more.");
}

/* STARTTLS (RFC 3501 section 6.2.1): TLS starts after the OK. */
static void imap_do_starttls(struct sim *s, struct conn *c, struct mfolder *f, struct imap_args *x)
{
	if (f)   /* after login there is no STARTTLS command */
		sbuf_addf(&s->fmt, "%s BAD Error in IMAP command", x->tag);
	else if (c->tls)
		sbuf_addf(&s->fmt, "%s BAD TLS is already active.", x->tag);
	else if (!s->sc->hosts[c->server].starttls)
		sbuf_addf(&s->fmt, "%s BAD TLS support isn't enabled.", x->tag);
	else
		sbuf_addf(&s->fmt, "%s OK Begin TLS negotiation now.", x->tag);
}

/* A command's gloss where the verb alone does not say enough, else NULL
 * (explain.IMAP.VERB then).  CAPABILITY asked again inside TLS: the
 * list seen before TLS is discarded (RFC 3501 section 6.2.1); what
 * changes depends on whether this server's greeting listed
 * LOGINDISABLED, which it did when a password could not cross in clear
 * on this connection. */
static const char *imap_cmd_explain(const struct sim *s, const struct conn *c, const char *verb)
{
	if (!c->tls || util_strcasecmp(verb, "CAPABILITY") != 0)
		return NULL;
	struct conn before = *c;
	before.tls = 0;
	return conn_plaintext_login_ok(s, &before) ? NULL : "explain.IMAP.CAPABILITY.tls.logindisabled";
}

/* The commands and the state each is valid in (RFC 3501 section 3):
 * LOGIN and AUTHENTICATE before login (Dovecot's imap-login; its imap
 * process after login knows neither), those that read the mailbox after
 * it, the rest in both. */
enum imap_need { IMAP_NEED_ANY, IMAP_NEED_AUTH, IMAP_NEED_NOT_AUTH };
static const struct {
	const char *verb;
	enum imap_need need;
	void (*fn)(struct sim *, struct conn *, struct mfolder *, struct imap_args *);
} imap_cmds[] = {
	{ "LOGIN", IMAP_NEED_NOT_AUTH, imap_do_login },
	{ "AUTHENTICATE", IMAP_NEED_NOT_AUTH, imap_do_authenticate },
	{ "SELECT", IMAP_NEED_AUTH, imap_do_select },
	{ "SEARCH", IMAP_NEED_AUTH, imap_do_search },
	{ "FETCH", IMAP_NEED_AUTH, imap_do_fetch },
	{ "LOGOUT", IMAP_NEED_ANY, imap_do_logout },
	{ "CAPABILITY", IMAP_NEED_ANY, imap_do_capability },
	{ "STARTTLS", IMAP_NEED_ANY, imap_do_starttls },
};

static int imap_allowed(enum imap_need need, const struct mfolder *f)
{
	return need == IMAP_NEED_ANY || (need == IMAP_NEED_AUTH) == (f != NULL);
}

void imap_server_line(struct sim *s, struct conn *c)
{
	const char *line = c->line.s ? c->line.s : "";
	if (c->sstate == IMS_SASL) {
		imap_server_sasl_line(s, c, line);
		return;
	}
	char tag[16], verb[16];
	size_t tl = strcspn(line, " "), vl = 0;
	snprintf(tag, sizeof tag, "%.*s", (int)(tl < 15 ? tl : 15), line);
	const char *v = line + tl + strspn(line + tl, " ");
	vl = strcspn(v, " ");
	snprintf(verb, sizeof verb, "%.*s", (int)(vl < 15 ? vl : 15), v);
	const char *rest = v + vl + strspn(v + vl, " ");
	struct trace_rec *r = conn_trace_line(s, c, TR_CMD);
	r->role = ROLE_MRA;
	r->u.line = (struct trace_line){ verb, line, 0, 0, imap_cmd_explain(s, c, verb) };
	trace_end(s, r, NULL);

	struct mfolder *f = imap_folder(s, c);
	struct imap_args x = { tag, rest };
	sbuf_reset(&s->fmt);
	size_t i = 0;
	for (; tl && tl < 16 && vl < 16 && i < sizeof imap_cmds / sizeof *imap_cmds; i++)
		if (util_strcasecmp(verb, imap_cmds[i].verb) == 0 && imap_allowed(imap_cmds[i].need, f)) {
			imap_cmds[i].fn(s, c, f, &x);
			break;
		}
	if (!tl || tl >= 16 || vl >= 16 || i == sizeof imap_cmds / sizeof *imap_cmds)
		sbuf_addf(&s->fmt, "%s BAD Error in IMAP command", tl && tl < 16 ? tag : "*");
	conn_send(s, c, 0, s->fmt.s);
}

static void imap_client_send_later(struct sim *s, struct conn *c, enum imap_state st,
                                   const char *cmd, int64_t delay_us)
{
	char buf[420];
	c->cstate = (int)st;
	snprintf(buf, sizeof buf, "a%d %s", ++c->tag, cmd);
	conn_send_later(s, c, 1, buf, delay_us);
}

static void imap_client_send(struct sim *s, struct conn *c, enum imap_state st, const char *cmd)
{
	imap_client_send_later(s, c, st, cmd, 0);
}

/* "LOGIN user "password"" with the password as a quoted string: any
 * '"' or '\' in it escaped (RFC 3501 section 4.3). */
static void imap_client_login(const char *login, const char *pw, char *out, size_t outsz)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addf(&b, "LOGIN %s \"", login);
	for (const char *p = pw; *p; p++) {
		if (*p == '"' || *p == '\\')
			sbuf_addc(&b, '\\');
		sbuf_addc(&b, *p);
	}
	sbuf_addc(&b, '"');
	snprintf(out, outsz, "%s", b.s);
	sbuf_free(&b);
}

/* The tagged status of the last line: "aN OK ..." -> 1. */
static int imap_ok(const char *text)
{
	const char *last = strrchr(text, '\n');
	last = last ? last + 1 : text;
	const char *sp = strchr(last, ' ');
	return sp && strncmp(sp + 1, "OK", 2) == 0;
}

void imap_client_line(struct sim *s, struct conn *c)
{
	struct job *j = job_get(s, c->job);
	const struct sc_user *u = &s->sc->users[j->user];
	const char *text = c->line.s ? c->line.s : "";
	int ok = c->cstate == IM_GREETING ? strncmp(text, "* OK", 4) == 0 : imap_ok(text);
	struct trace_rec *r = conn_trace_line(s, c, TR_REPLY);
	r->role = (int)job_role(s, j);
	r->u.line = (struct trace_line){ imap_state_names[c->cstate], text, ok, 0, NULL };
	trace_end(s, r, c->carry);

	char buf[400];
	/* LOGIN is the next command after the greeting, STARTTLS or CAPABILITY. */
	if (c->cstate == IM_GREETING || c->cstate == IM_STARTTLS || c->cstate == IM_CAPABILITY)
		imap_client_login(u->login, j->password ? j->password : u->password, buf, sizeof buf);
	switch ((enum imap_state)c->cstate) {
	case IM_GREETING:
		/* STARTTLS first if the program is set to and the server offers it. */
		if (c->want_tls && !c->tls && strstr(text, " STARTTLS"))
			imap_client_send(s, c, IM_STARTTLS, "STARTTLS");
		else
			imap_client_send(s, c, IM_LOGIN, buf);
		break;
	case IM_STARTTLS:
		if (!ok) {   /* no TLS after all: carry on in the clear */
			imap_client_send(s, c, IM_LOGIN, buf);
			break;
		}
		/* The OK came in the clear; after the TLS handshake (a round
		 * trip) the capabilities are asked again: they change. */
		c->tls = 1;
		sniff_handshake(s, c);
		imap_client_send_later(s, c, IM_CAPABILITY, "CAPABILITY", 2 * c->path->latency_us);
		break;
	case IM_CAPABILITY:
		imap_client_send(s, c, IM_LOGIN, buf);
		break;
	case IM_LOGIN:
		if (!ok) {
			free(j->last_text);
			j->last_text = xstrdup(text);
			imap_client_send(s, c, IM_LOGOUT, "LOGOUT");
			break;
		}
		imap_client_send(s, c, IM_SELECT, "SELECT INBOX");
		break;
	case IM_SELECT:
		imap_client_send(s, c, IM_SEARCH, "SEARCH UNSEEN");
		break;
	case IM_SEARCH: {
		/* Remember the unseen message numbers in s_items. */
		const char *p = strstr(text, "* SEARCH");
		free(c->s_items);
		c->s_items = NULL;
		c->s_nitems = 0;
		c->item_i = 0;
		if (p) {
			p += 8;
			int cap = 0;
			while (*p == ' ') {
				int k = (int)strtol(p + 1, (char **)&p, 10);
				if (k <= 0)
					break;
				if (c->s_nitems == cap)
					c->s_items = xrealloc(c->s_items, (size_t)(cap = cap ? cap * 2 : 8) * sizeof(int));
				c->s_items[c->s_nitems++] = k;
			}
		}
		if (c->s_nitems) {
			snprintf(buf, sizeof buf, "FETCH %d BODY[]", c->s_items[0]);
			imap_client_send(s, c, IM_FETCH, buf);
		} else {
			imap_client_send(s, c, IM_LOGOUT, "LOGOUT");
		}
		break;
	}
	case IM_FETCH:
		if (ok && c->carry)
			mua_fetched(s, c, j->user, c->carry);
		c->carry = NULL;
		if (++c->item_i < c->s_nitems) {
			snprintf(buf, sizeof buf, "FETCH %d BODY[]", c->s_items[c->item_i]);
			imap_client_send(s, c, IM_FETCH, buf);
		} else {
			imap_client_send(s, c, IM_LOGOUT, "LOGOUT");
		}
		break;
	case IM_LOGOUT:
		conn_close(s, c);
		mua_job_done(s, j, !j->last_text);
		break;
	case IM_STATE_COUNT:
		PANIC("conn %d: bad IMAP client state", c->id);
	}
}
