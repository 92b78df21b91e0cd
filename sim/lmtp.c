/* lmtp — the server end of LMTP (RFC 2033) on an MDA host, as Dovecot's
 * lmtp service speaks it to Postfix's lmtp(8): LHLO instead of EHLO, and
 * after the message one reply per accepted recipient, each copy saved at
 * once with Dovecot's Received line (or refused alone when it would pass
 * the mailbox's quota).  The commands LMTP shares with SMTP
 * (MAIL, RCPT, DATA, RSET, NOOP, QUIT) run in smtp.c. */
#include <string.h>

#include "mime.h"
#include "simint.h"

void lmtp_do_lhlo(struct sim *s, struct conn *c, const char *arg)
{
	if (!*arg) {
		smtp_server_reply(s, c, SR_LHLO_SYNTAX, NULL, NULL);
		return;
	}
	conn_set_helo(s, c, arg, 2);
	sbuf_reset(&s->fmt);
	smtp_reply_format(&s->fmt, SR_LHLO, s->sc->hosts[c->server].fqdn);
	sbuf_adds(&s->fmt, "\n250-8BITMIME\n250-ENHANCEDSTATUSCODES\n250 PIPELINING");
	smtp_reply_send(s, c, SR_LHLO);
}

int lmtp_rcpt_known(const struct sim *s, const struct conn *c, const char *addr)
{
	int u = engine_user_of_addr(s, addr);
	return u >= 0 && s->sc->users[u].mailbox_host == c->server;
}

/* Dovecot's session id: 16 random bytes in base64 without the padding
 * (22 characters), from the run's RNG so that runs repeat. */
static void lmtp_session_id(struct sim *s, char out[32])
{
	unsigned char raw[16];
	for (int i = 0; i < 2; i++) {
		uint64_t v = rng_next(&s->rng);
		for (int k = 0; k < 8; k++)
			raw[8 * i + k] = (unsigned char)(v >> (8 * k));
	}
	struct sbuf b;
	sbuf_init(&b);
	mime_b64_encode(&b, raw, sizeof raw, 0);
	snprintf(out, 32, "%.22s", b.s ? b.s : "");
	sbuf_free(&b);
}

/* Dovecot's Received line (smtp_server_transaction_write_trace_record):
 * the client's LHLO name and address, this host, the session id, the
 * envelope sender and, when the transaction has a single recipient, that
 * recipient ("for" is left out for several).  The date is Dovecot's
 * message_date_create: a two-digit day and no zone comment ("Wed, 01 Apr
 * 2026 09:00:01 +0900"), not Postfix's form with the padded day and
 * "(JST)". */
static void lmtp_stamp_received(struct sim *s, struct conn *c, struct msg *m, const char *id,
                                const char *rcpt)
{
	char date[64], ip[16];
	engine_date(s, date, sizeof date);
	scenario_format_ipv4(s->sc->hosts[c->client].addr, ip);
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addf(&b, "from %s ([%s])\tby %s with LMTP\tid %s\t(envelope-from <%s>)",
	          c->helo ? c->helo : s->sc->hosts[c->client].fqdn, ip, s->sc->hosts[c->server].fqdn,
	          id, c->s_mail_from ? c->s_mail_from : "");
	if (c->s_nrcpt == 1)
		sbuf_addf(&b, "\tfor <%s>", rcpt);
	sbuf_addf(&b, "; %s", date);
	msg_header_prepend(m, "Received", b.s);
	sbuf_free(&b);
}

/* Would m take addr's mailbox past its quota (the bytes of what it holds,
 * each mail counted as smtp_msg_size counts it: Dovecot's quota plugin
 * counts the stored file, LF line ends by default, one byte fewer a line;
 * README, "The server behaviour")? */
static int lmtp_over_quota(struct sim *s, const char *addr, const struct msg *m)
{
	int u = engine_user_of_addr(s, addr);
	if (u < 0 || !s->sc->users[u].quota)
		return 0;
	size_t used = smtp_msg_size(m);
	const struct mbox *b = mda_mbox(s, u);
	for (int f = 0; f < MBOX_FOLDER_COUNT; f++)
		for (int k = 0; k < b->f[f].n; k++)
			used += smtp_msg_size(b->f[f].items[k].m);
	return used > (size_t)s->sc->users[u].quota;
}

void lmtp_data_end(struct sim *s, struct conn *c)
{
	if (!c->carry)
		PANIC("conn %d: LMTP DATA without a message", c->id);
	struct msg *in = smtp_client_wire_copy(s, c);   /* long lines broken */
	char id[32];
	lmtp_session_id(s, id);
	sbuf_reset(&c->burst_out);
	c->nburst_explain = 0;
	c->burst = 1;   /* collect the replies: they leave together */
	for (int i = 0; i < c->s_nrcpt; i++) {
		/* The MTA's verdicts (Junk by its SPF or DMARC policy) travel
		 * with the copy: the MDA files what the MTA judged. */
		struct msg *m = msg_clone(in);
		msg_set_mail_from(m, c->s_mail_from);
		msg_clear_rcpt(m);
		msg_add_rcpt(m, c->s_rcpt[i]);
		lmtp_stamp_received(s, c, m, id, c->s_rcpt[i]);
		/* The quota is checked now, not at RCPT (Dovecot's default
		 * lmtp_rcpt_check_quota = no): this recipient alone fails. */
		if (lmtp_over_quota(s, c->s_rcpt[i], m)) {
			msg_free(m);
			smtp_server_reply(s, c, SR_LMTP_QUOTA, c->s_rcpt[i], NULL);
			continue;
		}
		struct job *j = job_new(s, JOB_LOCAL, c->server, m);
		j->conn = c->slot;   /* the delivery is told as this session's */
		mda_deliver(s, j);
		smtp_server_reply(s, c, SR_LMTP_SAVED, c->s_rcpt[i], id);
	}
	msg_free(in);
	smtp_burst_send(s, c);
}
