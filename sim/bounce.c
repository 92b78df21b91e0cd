/* bounce — delivery status notifications (RFC 3464) sent to the envelope
 * sender with the null sender <>, so that a bounce is never bounced: a
 * bounce that cannot be delivered is discarded and the ledger says so. */
#include <string.h>

#include "simint.h"

/* "550 5.1.1 <x>: ..." -> "5.1.1"; falls back to the class of the code. */
static void bounce_status(int code, const char *text, char *out, size_t outsz)
{
	const char *p = text ? text : "";
	if (!(p[0] >= '2' && p[0] <= '5' && p[1] == '.')) {   /* skip "550 " */
		while (*p >= '0' && *p <= '9')
			p++;
		while (*p == ' ' || *p == '-')
			p++;
	}
	if (p[0] >= '2' && p[0] <= '5' && p[1] == '.') {
		size_t n = strspn(p, "0123456789.");
		snprintf(out, outsz, "%.*s", (int)(n < outsz ? n : outsz - 1), p);
		return;
	}
	snprintf(out, outsz, "%d.0.0", code >= 500 ? 5 : 4);
}

/* Is text an SMTP reply ("550 5.1.1 …")?  If not (local delivery,
 * expiry), *plain gets it without a leading enhanced status code. */
static int bounce_is_reply(const char *t, const char **plain)
{
	if (t[0] >= '2' && t[0] <= '5' && t[1] >= '0' && t[1] <= '9' && t[2] >= '0' &&
	    t[2] <= '9' && t[3] == ' ') {
		*plain = t;
		return 1;
	}
	if (t[0] >= '2' && t[0] <= '5' && t[1] == '.')
		t += strspn(t, "0123456789.");
	while (*t == ' ')
		t++;
	*plain = t;
	return 0;
}

void bounce_send(struct sim *s, int host, const struct msg *m, const int *failed,
                 const int *codes, char *const *texts, const char *why, int64_t arrived)
{
	const struct sc_host *h = &s->sc->hosts[host];
	int is_bounce = (m->flags & MSG_F_BOUNCE) || !m->mail_from || !*m->mail_from;
	for (int i = 0; i < m->nrcpt; i++) {
		if (!failed[i])
			continue;
		struct ledger_rcpt *lr = ledger_rcpt_find(s, m->ledger, m->rcpt[i]);
		if (!lr)
			continue;
		ledger_enter(s, m->ledger, lr, is_bounce ? LS_DISCARDED : LS_BOUNCED, host);
		lr->code = codes[i];
		free(lr->reason);
		lr->reason = xstrdup(texts[i] ? texts[i] : why);
	}
	if (is_bounce) {
		struct trace_rec *r = trace_begin(s, TR_DISCARD, host);
		r->role = ROLE_MTA;
		r->u.discard.why = why;
		trace_end(s, r, m);
		return;
	}

	char date[64], arrival[64], qid[16], buf[600], status[16];
	engine_date(s, date, sizeof date);
	sim_format_date(s, arrived, arrival, sizeof arrival);
	engine_new_qid(s, qid);
	struct msg *b = msg_new();
	b->flags |= MSG_F_BOUNCE;
	snprintf(buf, sizeof buf, "MAILER-DAEMON@%s (Mail Delivery System)", h->fqdn);
	msg_header_append(b, "From", buf);
	msg_header_append(b, "To", m->mail_from);
	msg_header_append(b, "Subject", "Undelivered Mail Returned to Sender");
	msg_header_append(b, "Date", date);
	snprintf(buf, sizeof buf, "<%s.bounce@%s>", qid, h->fqdn);
	msg_header_append(b, "Message-ID", buf);
	msg_header_append(b, "Auto-Submitted", "auto-replied");
	msg_header_append(b, "MIME-Version", "1.0");
	char boundary[64];
	snprintf(boundary, sizeof boundary, "%s.bounce/%s", qid, h->fqdn);
	/* Stored unfolded; msg_serialize folds it. */
	snprintf(buf, sizeof buf, "multipart/report; report-type=delivery-status; "
	         "boundary=\"%s\"", boundary);
	msg_header_append(b, "Content-Type", buf);

	struct sbuf body;
	sbuf_init(&body);
	sbuf_addf(&body, "This is a MIME-encapsulated message.\n\n--%s\n"
	          "Content-Description: Notification\n"
	          "Content-Type: text/plain; charset=us-ascii\n\n"
	          "This is the mail system at host %s.\n\n"
	          "I'm sorry to have to inform you that your message could not\n"
	          "be delivered to one or more recipients. It's attached below.\n\n"
	          "For further assistance, please send mail to postmaster.\n\n"
	          "                   The mail system\n\n", boundary, h->fqdn);
	for (int i = 0; i < m->nrcpt; i++) {
		const char *t;
		if (!failed[i])
			continue;
		if (bounce_is_reply(texts[i] ? texts[i] : why, &t))
			sbuf_addf(&body, "<%s>: host said: %s\n", m->rcpt[i], t);
		else
			sbuf_addf(&body, "<%s>: %s\n", m->rcpt[i], t);
	}
	sbuf_addf(&body, "\n--%s\nContent-Description: Delivery report\n"
	          "Content-Type: message/delivery-status\n\n"
	          "Reporting-MTA: dns; %s\nX-Postfix-Queue-ID: %s\nArrival-Date: %s\n",
	          boundary, h->fqdn, qid, arrival);
	for (int i = 0; i < m->nrcpt; i++) {
		if (!failed[i])
			continue;
		bounce_status(codes[i], texts[i], status, sizeof status);
		sbuf_addf(&body, "\nFinal-Recipient: rfc822; %s\nOriginal-Recipient: rfc822;%s\n"
		          "Action: failed\nStatus: %s\n", m->rcpt[i], m->rcpt[i], status);
		/* Not an SMTP reply (local delivery, expiry): Postfix's own type. */
		const char *t;
		if (bounce_is_reply(texts[i] ? texts[i] : why, &t))
			sbuf_addf(&body, "Diagnostic-Code: smtp; %s\n", t);
		else
			sbuf_addf(&body, "Diagnostic-Code: X-Postfix; %s\n", t);
	}
	sbuf_addf(&body, "\n--%s\nContent-Description: Undelivered Message Headers\n"
	          "Content-Type: text/rfc822-headers\n\n", boundary);
	/* The original header as it travelled: encoded-words, folded lines. */
	size_t tlen;
	char *raw = msg_serialize(m, &tlen);
	char *end = strstr(raw, "\r\n\r\n");
	sbuf_add(&body, raw, end ? (size_t)(end - raw) + 2 : tlen);
	free(raw);
	sbuf_addf(&body, "\n--%s--\n", boundary);
	msg_set_body(b, body.s);
	sbuf_free(&body);

	/* Made here, not received: cleanup(8) still stamps a Received line. */
	snprintf(buf, sizeof buf, "by %s (mailsim) id %s; %s", h->fqdn, qid, date);
	msg_header_prepend(b, "Received", buf);
	msg_set_mail_from(b, "");
	msg_add_rcpt(b, m->mail_from);
	const struct ledger_entry *orig = &s->led[m->ledger];
	char tag[160];
	snprintf(tag, sizeof tag, "%s.bounce", orig->tag);
	for (int k = 2; sim_ledger_find(s, tag) >= 0; k++)
		snprintf(tag, sizeof tag, "%s.bounce%d", orig->tag, k);
	b->ledger = ledger_add(s, tag, b, m->ledger);

	struct trace_rec *r = trace_begin(s, TR_BOUNCE, host);
	r->role = ROLE_MTA;
	r->u.bounce.to = m->mail_from;
	trace_end(s, r, b);
	mta_accept(s, host, b, -1, ROLE_MTA);
}
