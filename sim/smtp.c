/* smtp — the server end of an SMTP session (RFC 5321) with the reply codes
 * and enhanced status codes (RFC 3463) that Postfix uses; its commands are
 * a table (the client end is smtp_client.c).  Policy: AUTH is required on
 * the submission ports (RFC 6409, RFC 8314), relaying only for
 * authenticated clients, trusted networks or an open relay, local
 * recipients must exist, SPF by the host's setting.  An MDA host's LMTP
 * server (RFC 2033) shares MAIL, RCPT, DATA, RSET, NOOP and QUIT; its own
 * parts are in lmtp.c. */
#include <string.h>

#include <stdarg.h>

#include "mime.h"
#include "mta_auth.h"
#include "simint.h"
#include "smtp_reply.h"
#include "spf.h"

enum smtp_sstate {
	SS_CMD,           /* commands */
	SS_DATA,          /* the next line is the message */
	SS_AUTH_USER,     /* AUTH LOGIN: the next line is the base64 user name */
	SS_AUTH_PASS,     /* AUTH LOGIN: the next line is the base64 password */
	SS_AUTH_PLAIN,    /* AUTH PLAIN after "334 ": the next line is the response */
	SS_STATE_COUNT
};

int smtp_is_submission(const struct conn *c)
{
	return c->port == PORT_SUBMISSION || c->port == PORT_SUBMISSIONS;
}

/* The path after key ("FROM:", "TO:") as Postfix's smtpd reads it with
 * its default strict_rfc821_envelopes = no: "<addr>", or a bare address up
 * to the next space; ESMTP parameters may follow.  Never reads past the
 * end of arg. */
enum smtp_path smtp_path_arg(const char *arg, const char *key, char *out, size_t outsz)
{
	size_t kl = strlen(key);
	out[0] = '\0';
	if (util_strncasecmp(arg, key, kl) != 0)
		return SMTP_PATH_SYNTAX;
	arg += kl;
	while (*arg == ' ')
		arg++;
	if (!*arg)
		return SMTP_PATH_SYNTAX;
	const char *start = arg, *end;
	if (*arg == '<') {
		start = arg + 1;
		end = strchr(start, '>');
		if (!end)
			return SMTP_PATH_BAD;
	} else {
		end = start + strcspn(start, " ");
	}
	size_t n = (size_t)(end - start);
	if (n >= outsz)
		return SMTP_PATH_BAD;
	memcpy(out, start, n);
	out[n] = '\0';
	return SMTP_PATH_OK;
}

/* local@domain: one '@', both parts non-empty, no spaces or brackets, a
 * dot-separated domain without empty labels (RFC 5321 section 4.1.2,
 * simplified the way smtpd's address parser rejects garbage).  Bytes
 * past ASCII must make valid UTF-8 (RFC 6531's addresses; whether the
 * transaction may carry them is smtp_utf8_refused's question), except on
 * LMTP, whose LHLO reply does not offer SMTPUTF8. */
static int smtp_address_ok(const struct conn *c, const char *a)
{
	const char *at = strchr(a, '@');
	if (!at || at == a || strchr(at + 1, '@') || !at[1] || at[1] == '.')
		return 0;
	for (const char *p = a; *p; p++) {
		unsigned char b = (unsigned char)*p;
		if (b >= 0x80 && c->proto != PROTO_LMTP) {
			size_t n = util_utf8_len((const unsigned char *)p, strlen(p));
			if (!n)
				return 0;
			p += n - 1;
		} else if (b <= ' ' || b >= 0x80 || b == '<' || b == '>' || b == ',' || b == '\\' || b == 0x7f ||
		           (b == '.' && (p[1] == '.' || p[1] == '\0') && p > at)) {
			return 0;
		}
	}
	return 1;
}

/* Send reply id (with its format's arguments) to the client; the client's
 * trace record learns what it means from the table. */
static void smtp_reply(struct sim *s, struct conn *c, enum smtp_reply_id id, ...)
{
	const struct smtp_reply_def *d = &smtp_replies[id];
	/* Every line a server sends: the code and status by hand, printf
	 * only for a text with arguments. */
	char code[4] = { (char)('0' + d->code / 100 % 10), (char)('0' + d->code / 10 % 10),
	                 (char)('0' + d->code % 10), ' ' };
	sbuf_reset(&s->fmt);
	sbuf_add(&s->fmt, code, d->fmt[0] == '-' ? 3 : 4);
	if (d->status) {
		sbuf_adds(&s->fmt, d->status);
		sbuf_addc(&s->fmt, ' ');
	}
	va_list ap;
	va_start(ap, id);
	sbuf_add_fmt_s(&s->fmt, d->fmt, ap);
	va_end(ap);
	smtp_reply_send(s, c, id);
}

void smtp_server_reply(struct sim *s, struct conn *c, enum smtp_reply_id id, const char *a,
                       const char *b)
{
	smtp_reply(s, c, id, a, b);
}

void smtp_reply_send(struct sim *s, struct conn *c, enum smtp_reply_id id)
{
	if (c->burst) {
		if (c->burst_out.len)
			sbuf_addc(&c->burst_out, '\n');
		sbuf_adds(&c->burst_out, s->fmt.s);
		if (c->nburst_explain == c->capburst_explain) {
			c->capburst_explain = c->capburst_explain ? 2 * c->capburst_explain : 8;
			c->burst_explain = xrealloc(c->burst_explain,
			                            (size_t)c->capburst_explain * sizeof *c->burst_explain);
		}
		c->burst_explain[c->nburst_explain++] = smtp_replies[id].explain;
		return;
	}
	conn_send(s, c, 0, s->fmt.s);
	c->explain = smtp_replies[id].explain;
}

static int smtp_server_role(const struct conn *c)
{
	return c->proto == PROTO_LMTP ? ROLE_MDA : smtp_is_submission(c) ? ROLE_MSA : ROLE_MTA;
}

void smtp_server_greet(struct sim *s, struct conn *c)
{
	smtp_reply(s, c, c->proto == PROTO_LMTP ? SR_LMTP_GREETING : SR_GREETING,
	           s->sc->hosts[c->server].fqdn);
}

/* A UTF-8 address in a transaction whose MAIL did not say SMTPUTF8:
 * refused as Postfix does (SMTPUTF8 in the EHLO reply promises the rest). */
static int smtp_utf8_refused(struct sim *s, struct conn *c, const char *addr)
{
	for (const char *p = addr; *p; p++)
		if ((unsigned char)*p >= 0x80 && !c->smtputf8) {
			smtp_reply(s, c, SR_SMTPUTF8_REQUIRED);
			return 1;
		}
	return 0;
}

static void smtp_reset_tx(struct sim *s, struct conn *c)
{
	c->smtputf8 = 0;
	conn_str_put(s, c->s_mail_from);
	c->s_mail_from = NULL;
	for (int i = 0; i < c->s_nrcpt; i++)
		conn_str_put(s, c->s_rcpt[i]);
	c->s_nrcpt = 0;
}

static void smtp_do_ehlo(struct sim *s, struct conn *c, const char *arg)
{
	const struct sc_host *h = &s->sc->hosts[c->server];
	if (!*arg) {
		smtp_reply(s, c, SR_EHLO_SYNTAX);
		return;
	}
	conn_set_helo(s, c, arg, 2);
	smtp_reset_tx(s, c);
	sbuf_reset(&s->fmt);
	smtp_reply_format(&s->fmt, SR_EHLO, h->fqdn);
	sbuf_adds(&s->fmt, "\n250-PIPELINING\n250-SIZE ");
	sbuf_add_int(&s->fmt, (long long)h->max_size);
	sbuf_adds(&s->fmt, "\n250-VRFY\n");
	if (h->starttls && !c->tls && c->port != PORT_SUBMISSIONS)
		sbuf_adds(&s->fmt, "250-STARTTLS\n");
	/* Submission offers AUTH only once the session is encrypted, as
	 * Postfix with smtpd_tls_auth_only=yes (a server without TLS must
	 * offer it in the clear or not at all). */
	if (smtp_is_submission(c) && (c->tls || !h->starttls))
		sbuf_adds(&s->fmt, "250-AUTH PLAIN LOGIN\n");
	sbuf_adds(&s->fmt, "250-ENHANCEDSTATUSCODES\n250-8BITMIME\n250 SMTPUTF8");
	smtp_reply_send(s, c, SR_EHLO);
}

static void smtp_do_helo(struct sim *s, struct conn *c, const char *arg)
{
	if (!*arg) {
		smtp_reply(s, c, SR_HELO_SYNTAX);
		return;
	}
	conn_set_helo(s, c, arg, 1);
	smtp_reset_tx(s, c);
	smtp_reply(s, c, SR_HELO, s->sc->hosts[c->server].fqdn);
}

static void smtp_do_starttls(struct sim *s, struct conn *c, const char *arg)
{
	(void)arg;
	if (c->tls) {
		smtp_reply(s, c, SR_TLS_ACTIVE);
		return;
	}
	if (!s->sc->hosts[c->server].starttls) {
		smtp_reply(s, c, SR_NOT_IMPLEMENTED);
		return;
	}
	/* The 220 itself still travels in the clear; the client starts the
	 * TLS handshake when it reads it (smtp_client.c sets c->tls then).
	 * Afterwards the session starts over (RFC 3207 section 4.2), so HELO
	 * and AUTH are forgotten. */
	c->helo_kind = 0;
	c->authed = 0;
	smtp_reset_tx(s, c);
	smtp_reply(s, c, SR_STARTTLS_GO);
}

/* Check a login and password; 235 or 535 (RFC 4954 section 6). */
static void smtp_auth_check(struct sim *s, struct conn *c, const char *login, const char *pass)
{
	int u = login && pass ? engine_user_login(s, login, pass, -1) : -1;
	/* Only this server's own users: those whose mailbox or submission
	 * server it is (a server's SASL database knows nobody else). */
	if (u >= 0 && s->sc->users[u].mailbox_host != c->server &&
	    s->sc->users[u].submit_host != c->server)
		u = -1;
	if (u >= 0) {
		c->authed = 1;
		c->auth_user = u;
		smtp_reply(s, c, SR_AUTH_OK);
	} else {
		smtp_reply(s, c, SR_AUTH_FAILED);
	}
}

/* Decode base64 into the run's scratch buffer, which *dec then names (in
 * use until the AUTH step is answered); returns 0, or -1 if it is not
 * base64. */
static int smtp_b64(struct sim *s, const char *in, struct sbuf **dec)
{
	*dec = &s->fmt2;
	sbuf_reset(*dec);
	return mime_b64_decode(*dec, in, strlen(in), 1);
}

/* AUTH PLAIN's response: authzid NUL authcid NUL password (RFC 4616). */
static void smtp_auth_plain(struct sim *s, struct conn *c, const struct sbuf *dec)
{
	const char *buf = dec->s, *login = NULL, *pass = NULL;
	size_t n = dec->len;
	const char *p1 = n ? memchr(buf, '\0', n) : NULL;
	if (p1 && p1 + 1 < buf + n) {
		login = p1 + 1;
		const char *p2 = memchr(login, '\0', (size_t)(buf + n - login));
		if (p2)
			pass = p2 + 1;
	}
	smtp_auth_check(s, c, login, pass);
}

/* Is AUTH allowed now?  Postfix's order of checks; replies if not. */
static int smtp_auth_allowed(struct sim *s, struct conn *c)
{
	const struct sc_host *h = &s->sc->hosts[c->server];
	/* Not on port 25, and on submission only inside TLS when the server
	 * has TLS (smtpd_tls_auth_only = yes): AUTH is not even offered. */
	if (!smtp_is_submission(c) || (h->starttls && !c->tls))
		smtp_reply(s, c, SR_AUTH_NOT_ENABLED);
	else if (!c->helo_kind)
		smtp_reply(s, c, SR_NEED_HELO);
	else if (c->s_mail_from)
		smtp_reply(s, c, SR_AUTH_IN_MAIL);
	else if (c->authed)
		smtp_reply(s, c, SR_AUTH_TWICE);
	else
		return 1;
	return 0;
}

static void smtp_do_auth(struct sim *s, struct conn *c, const char *arg)
{
	if (!smtp_auth_allowed(s, c))
		return;
	size_t ml = strcspn(arg, " ");
	const char *resp = arg + ml + strspn(arg + ml, " ");
	if (ml == 0) {
		smtp_reply(s, c, SR_AUTH_SYNTAX);
		return;
	}
	int plain = ml == 5 && util_strncasecmp(arg, "PLAIN", 5) == 0;
	int login = ml == 5 && util_strncasecmp(arg, "LOGIN", 5) == 0;
	if (!plain && !login) {
		smtp_reply(s, c, SR_AUTH_MECHANISM);
		return;
	}
	/* Postfix asks its SASL backend from the first step on: when that
	 * cannot answer, the failure is temporary and says nothing about the
	 * password (RFC 4954 section 6). */
	if (s->now < s->sc->hosts[c->server].auth_down_until_us) {
		smtp_reply(s, c, SR_AUTH_TEMP);
		return;
	}
	if (!*resp) {   /* no initial response: ask for it */
		c->sstate = plain ? SS_AUTH_PLAIN : SS_AUTH_USER;
		if (plain)
			smtp_reply(s, c, SR_AUTH_CONTINUE);
		else
			smtp_reply(s, c, SR_AUTH_USERNAME);      /* "Username:" */
		return;
	}
	struct sbuf empty = { 0 }, *dec = &empty;
	/* "=" is an empty initial response (RFC 4954 section 4). */
	if (strcmp(resp, "=") != 0 && smtp_b64(s, resp, &dec) < 0) {
		smtp_reply(s, c, SR_AUTH_UNDECODABLE);
		return;
	}
	if (plain) {
		smtp_auth_plain(s, c, dec);
	} else {
		free(c->auth_login);
		c->auth_login = xstrdup(dec->s ? dec->s : "");
		c->sstate = SS_AUTH_PASS;
		smtp_reply(s, c, SR_AUTH_PASSWORD);      /* "Password:" */
	}
}

/* A line during AUTH: a base64 user name or password (LOGIN), the whole
 * response (PLAIN), or "*" to give up. */
static void smtp_auth_line(struct sim *s, struct conn *c, const char *line)
{
	struct sbuf *dec;
	int st = c->sstate;
	c->sstate = SS_CMD;
	if (strcmp(line, "*") == 0) {
		smtp_reply(s, c, SR_AUTH_ABORTED);
		return;
	}
	if (smtp_b64(s, line, &dec) < 0) {
		smtp_reply(s, c, SR_AUTH_STEP);
		return;
	}
	if (st == SS_AUTH_PLAIN) {
		smtp_auth_plain(s, c, dec);
	} else if (st == SS_AUTH_USER) {
		free(c->auth_login);
		c->auth_login = xstrdup(dec->s ? dec->s : "");
		c->sstate = SS_AUTH_PASS;
		smtp_reply(s, c, SR_AUTH_PASSWORD);
	} else {
		smtp_auth_check(s, c, c->auth_login, dec->s ? dec->s : "");
	}
}

/* One TR_SPF record on connection c. */
static void smtp_trace_spf(struct sim *s, struct conn *c, const struct trace_spf *spf,
                           const struct msg *m)
{
	struct trace_rec *r = trace_begin(s, TR_SPF, c->server);
	r->role = ROLE_MTA;
	r->peer = c->client;
	r->conn = c->id;
	r->port = c->port;
	r->u.spf = *spf;
	trace_end(s, r, m);
}

/* SPF on port 25 (RFC 7208): is the client allowed to send for the
 * envelope sender's domain (the HELO name for a bounce)? */
static void smtp_check_spf(struct sim *s, struct conn *c)
{
	const struct sc_host *h = &s->sc->hosts[c->server];
	c->spf = SPF_NONE;
	if (h->spf == SPF_POLICY_OFF || smtp_is_submission(c) || c->proto == PROTO_LMTP)
		return;
	const char *domain = *c->s_mail_from ? dns_domain_of(c->s_mail_from) : c->helo;
	char why[128];
	c->spf = (uint8_t)spf_check(s->sc, s->sc->hosts[c->client].addr, domain, why, sizeof why);
	struct job *j = c->job >= 0 && s->jobs[c->job]->used ? s->jobs[c->job] : NULL;
	struct trace_spf t = { .check = *c->s_mail_from ? TRACE_SPF_MAILFROM : TRACE_SPF_HELO,
	                       .result = c->spf, .domain = domain, .mechanism = why };
	smtp_trace_spf(s, c, &t, j ? j->m : NULL);
}

/* Does MAIL's arg carry the ESMTP parameter name (a keyword without a
 * value, such as RFC 6531's SMTPUTF8)? */
static int smtp_has_param(const char *arg, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = strchr(arg, ' '); p; p = strchr(p + 1, ' '))
		if (util_strncasecmp(p + 1, name, n) == 0 && (p[n + 1] == ' ' || !p[n + 1]))
			return 1;
	return 0;
}

/* The value of a SIZE=n parameter (RFC 1870) among MAIL's ESMTP
 * parameters, or -1 if there is none. */
static long long smtp_size_param(const char *arg)
{
	for (const char *p = strchr(arg, ' '); p; p = strchr(p + 1, ' ')) {
		if (util_strncasecmp(p + 1, "SIZE=", 5) != 0)
			continue;
		char *end;
		long long v = strtoll(p + 6, &end, 10);
		return end > p + 6 && v >= 0 ? v : -1;
	}
	return -1;
}

/* MAIL before HELO/EHLO is accepted, as Postfix does by default
 * (smtpd_helo_required = no).  So is MAIL without AUTH on a submission
 * port: Postfix refuses at RCPT TO (SR_SUBMIT_DENIED). */
static void smtp_do_mail(struct sim *s, struct conn *c, const char *arg)
{
	char addr[320];
	enum smtp_path pr;
	if (c->s_mail_from)
		smtp_reply(s, c, SR_NESTED_MAIL);
	else if ((pr = smtp_path_arg(arg, "FROM:", addr, sizeof addr)) == SMTP_PATH_SYNTAX)
		smtp_reply(s, c, SR_MAIL_SYNTAX);
	else if (pr == SMTP_PATH_BAD || (*addr && !smtp_address_ok(c, addr)))
		smtp_reply(s, c, SR_BAD_SENDER);
	else if (smtp_size_param(arg) > (long long)s->sc->hosts[c->server].max_size)
		smtp_reply(s, c, SR_SIZE_EXCEEDED);
	else if (!smtp_has_param(arg, "SMTPUTF8") && smtp_utf8_refused(s, c, addr))
		;   /* refused: an address past ASCII without SMTPUTF8 */
	else {
		c->smtputf8 = smtp_has_param(arg, "SMTPUTF8") != 0;
		c->s_mail_from = conn_str_new(s, addr);
		smtp_check_spf(s, c);
		smtp_reply(s, c, c->proto == PROTO_LMTP ? SR_LMTP_MAIL_OK : SR_MAIL_OK);
	}
}

/* May this client send to addr, a domain that is not ours?  Anyone may
 * for a domain we relay for (a backup MX); otherwise only authenticated
 * clients, trusted networks, or anyone at an open relay. */
static int smtp_may_relay(const struct sim *s, const struct conn *c, const char *addr)
{
	const struct sc_host *h = &s->sc->hosts[c->server];
	if (c->authed || h->open_relay)
		return 1;
	for (int i = 0; i < h->nrelay_domains; i++)
		if (util_strcasecmp(h->relay_domains[i], dns_domain_of(addr)) == 0)
			return 1;
	int cn = s->sc->hosts[c->client].net;
	for (int i = 0; i < h->nrelay_nets; i++)
		if (h->relay_nets[i] == cn)
			return 1;
	return 0;
}

/* Postfix's recipient restrictions for addr: SPF, local users, relaying.
 * Returns 1 if the recipient may be accepted; else it has replied. */
/* 0: refused (the reply is sent), 1: accepted, 2: accepted because of
 * POP before SMTP. */
static int smtp_rcpt_allowed(struct sim *s, struct conn *c, const char *addr)
{
	/* The submission ports' relay restrictions come first and refuse
	 * every recipient, ours too, until the client has authenticated. */
	if (smtp_is_submission(c) && !c->authed) {
		smtp_reply(s, c, SR_SUBMIT_DENIED, addr);
		return 0;
	}
	if (c->spf == SPF_FAIL && s->sc->hosts[c->server].spf == SPF_POLICY_REJECT) {
		char ip[16];
		scenario_format_ipv4(s->sc->hosts[c->client].addr, ip);
		int mfrom = c->s_mail_from && *c->s_mail_from;
		smtp_reply(s, c, SR_SPF_REJECT, addr, mfrom ? "mfrom" : "helo",
		           mfrom ? c->s_mail_from : c->helo ? c->helo : "", ip);
		return 0;
	}
	if (mta_is_local_domain(s, c->server, dns_domain_of(addr))) {
		int u = engine_user_of_addr(s, addr);
		if (s->sc->hosts[c->server].verify_rcpt &&
		    (u < 0 || s->sc->users[u].mailbox_host != mta_final_host(s, c->server))) {
			smtp_reply(s, c, SR_USER_UNKNOWN, addr);
			return 0;
		}
	} else if (!smtp_may_relay(s, c, addr)) {
		/* POP before SMTP: an address that logged in to POP3 here a
		 * short while ago may relay without AUTH. */
		if (!pop3_relay_allowed(s, c->server, s->sc->hosts[c->client].addr)) {
			smtp_reply(s, c, s->sc->hosts[c->server].pop_before_smtp_us > 0 ? SR_RELAY_DENIED_POP
			                                                           : SR_RELAY_DENIED, addr);
			return 0;
		}
		return 2;
	}
	return 1;
}

static void smtp_do_rcpt(struct sim *s, struct conn *c, const char *arg)
{
	char addr[320];
	int pop_ok = 0;
	if (!c->s_mail_from) {
		smtp_reply(s, c, SR_NEED_MAIL);
		return;
	}
	enum smtp_path pr = smtp_path_arg(arg, "TO:", addr, sizeof addr);
	if (pr == SMTP_PATH_SYNTAX) {
		smtp_reply(s, c, SR_RCPT_SYNTAX);
		return;
	}
	if (pr == SMTP_PATH_BAD || !smtp_address_ok(c, addr)) {
		smtp_reply(s, c, SR_BAD_RCPT);
		return;
	}
	if (smtp_utf8_refused(s, c, addr))
		return;
	sbuf_reset(&s->fmt);
	if (c->proto == PROTO_LMTP) {
		/* The MDA knows its own users only, and asks no relay questions. */
		if (!lmtp_rcpt_known(s, c, addr)) {
			smtp_reply(s, c, SR_LMTP_NO_USER, addr, addr);
			return;
		}
	} else if (!(pop_ok = smtp_rcpt_allowed(s, c, addr))) {
		return;
	}
	if (c->s_nrcpt == c->s_caprcpt) {
		c->s_caprcpt = c->s_caprcpt ? c->s_caprcpt * 2 : 4;
		c->s_rcpt = xrealloc(c->s_rcpt, (size_t)c->s_caprcpt * sizeof *c->s_rcpt);
	}
	c->s_rcpt[c->s_nrcpt++] = conn_str_new(s, addr);
	smtp_reply(s, c, c->proto == PROTO_LMTP ? SR_LMTP_RCPT_OK : pop_ok == 2 ? SR_RCPT_POP_OK : SR_RCPT_OK);
}

static void smtp_do_data(struct sim *s, struct conn *c, const char *arg)
{
	(void)arg;
	/* Postfix asks for RCPT even when MAIL is missing too; inside a
	 * transaction whose recipients were all refused, there is nobody. */
	if (!c->s_nrcpt)
		smtp_reply(s, c, c->s_mail_from ? SR_NO_VALID_RCPT : SR_NEED_RCPT);
	else {
		c->sstate = SS_DATA;
		smtp_reply(s, c, c->proto == PROTO_LMTP ? SR_LMTP_DATA_GO : SR_DATA_GO);
	}
}

static void smtp_do_rset(struct sim *s, struct conn *c, const char *arg)
{
	(void)arg;
	smtp_reset_tx(s, c);
	smtp_reply(s, c, SR_OK);
}

static void smtp_do_noop(struct sim *s, struct conn *c, const char *arg)
{
	(void)arg;
	smtp_reply(s, c, SR_OK);
}

/* VRFY neither confirms nor denies (Postfix with disable_vrfy_command =
 * no answers 252 for an address it would accept). */
static void smtp_do_vrfy(struct sim *s, struct conn *c, const char *arg)
{
	if (!*arg)
		smtp_reply(s, c, SR_VRFY_SYNTAX);
	else
		smtp_reply(s, c, SR_VRFY, arg);
}

static void smtp_do_quit(struct sim *s, struct conn *c, const char *arg)
{
	(void)arg;
	smtp_reply(s, c, SR_BYE);
}

/* Size as it travels: the serialized message, encoded-words and folds
 * included (what SIZE= announces and DATA carries, before dot-stuffing).
 * This is RFC 1870's message size (CRLF line ends, no stuffed dots, no
 * final ".").  Postfix counts its queue file's content records instead (a
 * type byte and one length byte per line under 128 characters, so the
 * same number; one byte more per line of 128 or more, which mailsim does
 * not add: README, "The server behaviour").  The message keeps this
 * count as it changes (msg_wire_size). */
size_t smtp_msg_size(const struct msg *m)
{
	return msg_wire_size(m);
}

/* The dots DATA stuffs in front of m's lines that begin with "." (RFC 5321
 * section 4.5.2): what the wire carries beyond smtp_msg_size, besides
 * the final ".\r\n".  POP3 stuffs the same way (RFC 1939 section 3). */
size_t smtp_msg_stuffed(const struct msg *m)
{
	size_t n, dots = 0;
	char *t = msg_serialize(m, &n);
	for (size_t i = 0; i < n; i++)
		dots += t[i] == '.' && (i == 0 || t[i - 1] == '\n');
	free(t);
	return dots;
}

/* Postfix's protocol names: SMTP after HELO (or none), ESMTP after EHLO;
 * S for TLS and A for AUTH make it ESMTP whatever the greeting. */
static const char *smtp_proto_name(const struct conn *c)
{
	if (c->tls)
		return c->authed ? "ESMTPSA" : "ESMTPS";
	if (c->authed)
		return "ESMTPA";
	return c->helo_kind == 2 ? "ESMTP" : "SMTP";
}

/* This server's Received line for a message that gets queue id qid, into
 * s->fmt. */
static void smtp_received(struct sim *s, struct conn *c, const char *qid)
{
	const struct sc_host *h = &s->sc->hosts[c->server];
	const struct sc_host *ch = &s->sc->hosts[c->client];
	char date[64], addr[16], by[300];
	engine_mail_date(s, s->now, date, sizeof date);
	scenario_format_ipv4(ch->addr, addr);
	static const char tail[] = " (mailsim)";
	size_t n = strlen(h->fqdn);
	if (n > sizeof by - sizeof tail)
		n = sizeof by - sizeof tail;
	memcpy(by, h->fqdn, n);
	memcpy(by + n, tail, sizeof tail);
	sbuf_reset(&s->fmt);
	/* Without HELO, Postfix names the client by its reverse-DNS name. */
	msg_received_format(&s->fmt, c->helo ? c->helo : ch->fqdn, ch->fqdn, addr, by,
	                    smtp_proto_name(c), qid, c->s_nrcpt == 1 ? c->s_rcpt[0] : NULL, date);
}

/* Refuse what arrived after DATA (the transaction is over). */
static void smtp_data_fail(struct sim *s, struct conn *c, enum smtp_reply_id id, const char *arg)
{
	smtp_reply(s, c, id, arg);
	smtp_reset_tx(s, c);
}

/* A mail for one recipient in a domain of this host is stored as it
 * comes (mda_deliver): its copy is made with room for what the MDA
 * prepends as well, so that the header storage is not grown again a
 * millisecond later.  The mailbox's address is taken to be as long as the
 * recipient's (a user look-up here cost more than the realloc it saved);
 * when it is not, mda_deliver makes the room.  Adds the room to *room and
 * returns the fields it takes. */
static int smtp_local_room(const struct sim *s, const struct conn *c, size_t *room)
{
	if (c->s_nrcpt != 1 || s->sc->hosts[c->server].lmtp >= 0 ||
	    !mta_is_local_domain(s, c->server, dns_domain_of(c->s_rcpt[0])))
		return 0;
	size_t r = strlen(c->s_rcpt[0]);
	*room += 2 * r + strlen(c->s_mail_from ? c->s_mail_from : "") + 2;
	return MDA_FIELDS;
}

/* The end of DATA: check hops and size; then the sender checks
 * (mta_auth) on port 25, or straight to taking responsibility. */
static void smtp_data_end(struct sim *s, struct conn *c)
{
	const struct sc_host *h = &s->sc->hosts[c->server];
	const struct msg *in = c->carry;
	c->sstate = SS_CMD;
	if (!in)
		PANIC("conn %d: DATA without a message", c->id);
	/* Postfix counts the Received line it is about to add: 49 earlier
	 * ones reach the default hopcount_limit of 50. */
	if (msg_header_count(in, "Received") + 1 >= h->max_hops) {
		smtp_data_fail(s, c, SR_TOO_MANY_HOPS, NULL);
		return;
	}
	if ((int64_t)c->payload > h->max_size) {
		smtp_data_fail(s, c, SR_TOO_BIG, NULL);
		return;
	}
	/* The queue id and Received line come first: what the checks add
	 * (mta_auth) stands above them, as a policy service's PREPEND and a
	 * milter put it.  The copy is made with room for that line, and with
	 * long lines broken as the client sent them. */
	engine_new_qid(s, c->s_qid);
	smtp_received(s, c, c->s_qid);
	size_t room = s->fmt.len;   /* "Received" is kept once for all (msg_names) */
	int fields = 1 + smtp_local_room(s, c, &room);
	struct msg *m = smtp_client_wire_content(s, c, room, fields);
	m->flags &= ~MSG_F_JUNK;   /* each receiving server judges for itself */
	msg_set_mail_from(m, c->s_mail_from);
	for (int i = 0; i < c->s_nrcpt; i++)
		msg_add_rcpt(m, c->s_rcpt[i]);
	msg_header_prepend(m, "Received", s->fmt.s);
	if (mta_auth_wanted(s, c))
		mta_auth_start(s, c, m);
	else
		smtp_data_accept(s, c, m);
}

void smtp_data_refuse(struct sim *s, struct conn *c, struct msg *m, const char *domain)
{
	smtp_data_fail(s, c, SR_DMARC_REJECT, domain);
	msg_free(m);
}

void smtp_data_accept(struct sim *s, struct conn *c, struct msg *m)
{
	const struct sc_host *h = &s->sc->hosts[c->server];
	const char *qid = c->s_qid;
	char date[64];
	if (smtp_is_submission(c)) {
		/* RFC 6409 section 8: the MSA may complete a header the MUA left
		 * short (Postfix's cleanup adds them at the end, as here). */
		engine_mail_date(s, s->now, date, sizeof date);
		if (!msg_header_count(m, "Date"))
			msg_header_append(m, "Date", date);
		if (!msg_header_count(m, "Message-ID")) {
			char mid[340];
			snprintf(mid, sizeof mid, "<%s@%s>", qid, h->fqdn);
			msg_header_append(m, "Message-ID", mid);
		}
	}
	mta_auth_sign(s, c, m);
	smtp_reply(s, c, SR_QUEUED, qid);
	smtp_reset_tx(s, c);
	mta_accept(s, c->server, m, c->id, smtp_server_role(c), qid);
}

struct smtp_cmd {
	const char *verb;
	void (*fn)(struct sim *, struct conn *, const char *arg);
};

static const struct smtp_cmd smtp_cmds[] = {
	{ "EHLO", smtp_do_ehlo },     { "HELO", smtp_do_helo },
	{ "STARTTLS", smtp_do_starttls }, { "AUTH", smtp_do_auth },
	{ "MAIL", smtp_do_mail },     { "RCPT", smtp_do_rcpt },
	{ "DATA", smtp_do_data },     { "RSET", smtp_do_rset },
	{ "NOOP", smtp_do_noop },     { "QUIT", smtp_do_quit },
	{ "VRFY", smtp_do_vrfy },
};

/* LMTP: LHLO instead of HELO and EHLO, and no STARTTLS, AUTH or VRFY. */
static const struct smtp_cmd smtp_lmtp_cmds[] = {
	{ "LHLO", lmtp_do_lhlo },     { "MAIL", smtp_do_mail },
	{ "RCPT", smtp_do_rcpt },     { "DATA", smtp_do_data },
	{ "RSET", smtp_do_rset },     { "NOOP", smtp_do_noop },
	{ "QUIT", smtp_do_quit },
};

/* One command line in the command state: its trace record (burst: its
 * place in a pipelined burst, or 0), then its handler. */
static void smtp_server_command(struct sim *s, struct conn *c, const char *line, int burst)
{
	struct job *j = c->job >= 0 ? s->jobs[c->job] : NULL;
	char verb[16];
	size_t vl = strcspn(line, " ");
	memcpy(verb, line, vl < 15 ? vl : 15);
	verb[vl < 15 ? vl : 15] = '\0';
	struct trace_rec *r = conn_trace_line(s, c, TR_CMD);
	r->role = smtp_server_role(c);
	r->u.line = (struct trace_line){ verb, line, 0, 0, NULL };
	r->burst = (uint16_t)burst;
	trace_end(s, r, j && j->used ? j->m : NULL);
	const char *arg = line + vl;
	while (*arg == ' ')
		arg++;
	int lmtp = c->proto == PROTO_LMTP;
	const struct smtp_cmd *cmds = lmtp ? smtp_lmtp_cmds : smtp_cmds;
	size_t n = lmtp ? sizeof smtp_lmtp_cmds / sizeof *smtp_lmtp_cmds
	                : sizeof smtp_cmds / sizeof *smtp_cmds;
	for (size_t i = 0; i < n; i++)
		if (cmds[i].verb[0] == (verb[0] & ~0x20) && util_strcasecmp(cmds[i].verb, verb) == 0) {
			cmds[i].fn(s, c, arg);
			return;
		}
	smtp_reply(s, c, lmtp ? SR_LMTP_UNKNOWN : SR_UNRECOGNIZED);
}

/* A pipelined burst (RFC 2920): every command in turn, then all the
 * replies in one burst back, as Postfix's smtpd flushes its replies when
 * it has read everything the client sent. */
static void smtp_server_burst(struct sim *s, struct conn *c)
{
	/* The burst cut into its lines, on the stack when it fits (an MTA's
	 * burst is MAIL, a few RCPT and DATA). */
	char stack[1024];
	size_t len = c->line.s ? c->line.len : 0;
	char *lines = len < sizeof stack ? stack : xmalloc(len + 1);
	if (len)
		memcpy(lines, c->line.s, len);
	lines[len] = '\0';
	sbuf_reset(&c->burst_out);
	c->nburst_explain = 0;
	int k = 0;
	for (char *save = NULL, *l = strtok_r(lines, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		smtp_server_command(s, c, l, ++k);
	if (lines != stack)
		free(lines);
	smtp_burst_send(s, c);
}

void smtp_burst_send(struct sim *s, struct conn *c)
{
	/* conn_send copies the text onto the wire; burst_out stays as it is. */
	int n = c->nburst_explain;
	c->burst = 0;
	conn_send(s, c, 0, c->burst_out.s ? c->burst_out.s : "");
	c->burst = (uint16_t)n;
}

void smtp_server_line(struct sim *s, struct conn *c)
{
	const char *line = c->line.s ? c->line.s : "";
	struct job *j = c->job >= 0 ? s->jobs[c->job] : NULL;
	if (c->sstate == SS_CMD) {
		if (c->burst)
			smtp_server_burst(s, c);
		else
			smtp_server_command(s, c, line, 0);
		return;
	}
	struct trace_rec *r = conn_trace_line(s, c, TR_CMD);
	r->role = smtp_server_role(c);
	if (c->sstate == SS_DATA)   /* the message itself, ended by the dot */
		r->u.line = (struct trace_line){ ".", NULL, 0, c->payload, NULL };
	else
		r->u.line = (struct trace_line){ "AUTH", line, 0, 0, NULL };
	trace_end(s, r, j && j->used ? j->m : NULL);
	if (c->sstate == SS_DATA && c->proto == PROTO_LMTP) {
		c->sstate = SS_CMD;
		lmtp_data_end(s, c);
		smtp_reset_tx(s, c);
	} else if (c->sstate == SS_DATA)
		smtp_data_end(s, c);
	else
		smtp_auth_line(s, c, line);
}
