/* bounce — delivery status notifications (RFC 3464) as Postfix 3.7's
 * bounce(8) writes them, sent to the envelope sender with the null sender
 * <>, so that a bounce is never bounced: a bounce that cannot be delivered
 * is discarded and the ledger says so.  tests/data/postfix/ holds real
 * ones to compare with. */
#include <string.h>

#include "simint.h"

const char *const smtp_stage_names[SMTP_STAGE_COUNT] = {
	NULL, "initial greeting", "EHLO", "STARTTLS", "AUTH", "MAIL FROM", "RCPT TO", "DATA",
	"end of DATA",
};

/* Postfix wraps the text of a bounce at 76 columns, continuation lines
 * indented by 4 (util/line_wrap.c with bounce's LENGTH and INDENT): a
 * line breaks before the word that would pass the width, so a word longer
 * than the width stands alone. */
#define BOUNCE_WRAP 76
#define BOUNCE_INDENT 4

void bounce_wrap(struct sbuf *out, const char *str)
{
	const char *start = str, *word = str;
	int indent = 0;
	while (word) {
		const char *space = word + strcspn(word, " \t");
		if (word > start && space - start > BOUNCE_WRAP - indent) {
			size_t len = (size_t)(word - start);
			while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t'))
				len--;
			sbuf_addf(out, "%*s%.*s\n", indent, "", (int)len, start);
			while (*word == ' ' || *word == '\t')
				word++;
			indent = BOUNCE_INDENT;
			start = word;
		}
		word = *space ? space + 1 : NULL;
	}
	size_t len = strlen(start);
	while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t'))
		len--;
	sbuf_addf(out, "%*s%.*s\n", indent, "", (int)len, start);
}

/* The enhanced status of recipient r: its own, else the reply's
 * ("550 5.1.1 …" -> "5.1.1"), else the class of the reply code. */
static void bounce_status(const struct bounce_rcpt *r, char *out, size_t outsz)
{
	if (r->status) {
		snprintf(out, outsz, "%s", r->status);
		return;
	}
	const char *p = r->reply ? r->reply : "";
	int cls = p[0] == '4' ? 4 : 5;
	p += strspn(p, "0123456789");
	p += strspn(p, " -");
	if ((p[0] == '2' || p[0] == '4' || p[0] == '5') && p[1] == '.') {
		size_t n = strspn(p, "0123456789.");
		snprintf(out, outsz, "%.*s", (int)(n < outsz ? n : outsz - 1), p);
		return;
	}
	snprintf(out, outsz, "%d.0.0", cls);
}

/* The diagnostic as the notification words it:
 * "host NAME[IP] said: REPLY (in reply to CMD command)" or the text. */
void bounce_diagnostic(const struct bounce_rcpt *r, struct sbuf *out)
{
	if (!r->reply) {
		sbuf_adds(out, r->text ? r->text : "");
		return;
	}
	sbuf_addf(out, "host %s said: %s", r->mta ? r->mta : "", r->reply);
	if (r->cmd > SMTP_STAGE_NONE && r->cmd < SMTP_STAGE_COUNT)
		sbuf_addf(out, " (in reply to %s command)", smtp_stage_names[r->cmd]);
}

/* The first part: what happened, in words, one paragraph per recipient. */
static void bounce_notification(struct sbuf *body, const struct sc_host *h,
                                const struct bounce_rcpt *br, int n)
{
	sbuf_addf(body, "This is the mail system at host %s.\n\n"
	          "I'm sorry to have to inform you that your message could not\n"
	          "be delivered to one or more recipients. It's attached below.\n\n"
	          "For further assistance, please send mail to postmaster.\n\n"
	          "If you do so, please include this problem report. You can\n"
	          "delete your own text from the attached returned message.\n\n"
	          "                   The mail system\n\n", h->fqdn);
	struct sbuf line;
	sbuf_init(&line);
	for (int i = 0; i < n; i++) {
		sbuf_reset(&line);
		sbuf_addf(&line, "<%s>: ", br[i].rcpt);
		bounce_diagnostic(&br[i], &line);
		bounce_wrap(body, line.s);
		sbuf_addc(body, '\n');
	}
	sbuf_free(&line);
}

/* The second part: the same for programs (RFC 3464), with Postfix's own
 * X-Postfix fields. */
static void bounce_report(struct sim *s, struct sbuf *body, const struct sc_host *h,
                          const struct msg *m, const struct bounce_rcpt *br, int n,
                          const char *qid, int64_t arrived)
{
	char arrival[64], status[16];
	engine_mail_date(s, arrived, arrival, sizeof arrival);
	sbuf_addf(body, "Reporting-MTA: dns; %s\nX-Postfix-Queue-ID: %s\n"
	          "X-Postfix-Sender: rfc822; %s\nArrival-Date: %s\n", h->fqdn, qid, m->mail_from,
	          arrival);
	struct sbuf line;
	sbuf_init(&line);
	for (int i = 0; i < n; i++) {
		bounce_status(&br[i], status, sizeof status);
		sbuf_addf(body, "\nFinal-Recipient: rfc822; %s\nOriginal-Recipient: rfc822;%s\n"
		          "Action: failed\nStatus: %s\n", br[i].rcpt, br[i].rcpt, status);
		sbuf_reset(&line);
		if (br[i].reply) {
			/* Remote-MTA names the host without its address. */
			sbuf_addf(body, "Remote-MTA: dns; %.*s\n",
			          (int)strcspn(br[i].mta ? br[i].mta : "", "["), br[i].mta ? br[i].mta : "");
			sbuf_addf(&line, "Diagnostic-Code: smtp; %s", br[i].reply);
		} else {
			sbuf_addf(&line, "Diagnostic-Code: X-Postfix; %s", br[i].text ? br[i].text : "");
		}
		bounce_wrap(body, line.s);
	}
	sbuf_free(&line);
}

/* The body: notification, delivery report and the returned message. */
static char *bounce_body(struct sim *s, const struct sc_host *h, const struct msg *m,
                         const struct bounce_rcpt *br, int n, const char *qid, int64_t arrived,
                         const char *boundary)
{
	struct sbuf body;
	sbuf_init(&body);
	sbuf_addf(&body, "This is a MIME-encapsulated message.\n\n--%s\n"
	          "Content-Description: Notification\n"
	          "Content-Type: text/plain; charset=utf-8\n"
	          "Content-Transfer-Encoding: 8bit\n\n", boundary);
	bounce_notification(&body, h, br, n);
	sbuf_addf(&body, "--%s\nContent-Description: Delivery report\n"
	          "Content-Type: message/delivery-status\n\n", boundary);
	bounce_report(s, &body, h, m, br, n, qid, arrived);
	/* The whole message as this host holds it, with the Return-Path
	 * its queue file implies (Postfix's default bounce_size_limit keeps
	 * whole messages of the size lessons send). */
	sbuf_addf(&body, "\n--%s\nContent-Description: Undelivered Message\n"
	          "Content-Type: message/rfc822\nContent-Transfer-Encoding: 8bit\n\n"
	          "Return-Path: <%s>\n", boundary, m->mail_from);
	size_t tlen;
	char *raw = msg_serialize(m, &tlen);
	sbuf_add(&body, raw, tlen);
	free(raw);
	sbuf_addf(&body, "\n--%s--\n", boundary);
	return sbuf_take(&body);
}

/* "YYYYMMDDhhmmss" in UTC for Unix time t, as Postfix's Message-Id. */
static void bounce_utc_stamp(int64_t t, char *out, size_t outsz)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char d[64];
	msg_format_date(t, 0, 0, d, sizeof d);   /* "Wed, 01 Apr 2026 00:00:00 +0000" */
	int mon = 1;
	for (int k = 0; k < 12; k++)
		if (strncmp(months + 3 * k, d + 8, 3) == 0)
			mon = k + 1;
	snprintf(out, outsz, "%.4s%02d%.2s%.2s%.2s%.2s", d + 12, mon, d + 5, d + 17, d + 20, d + 23);
}

/* The bounce message itself, from host about m. */
static struct msg *bounce_build(struct sim *s, int host, const struct msg *m,
                                const struct bounce_rcpt *br, int n, const char *qid,
                                int64_t arrived, const char *own_qid)
{
	const struct sc_host *h = &s->sc->hosts[host];
	char date[64], buf[600], stamp[32];
	engine_mail_date(s, s->now, date, sizeof date);
	/* Message-Id and boundary carry the moment as UTC digits and as
	 * seconds since 1970. */
	int64_t unix_now = s->sc->epoch + s->now / 1000000;
	bounce_utc_stamp(unix_now, stamp, sizeof stamp);
	struct msg *b = msg_new();
	b->flags |= MSG_F_BOUNCE;
	msg_header_append(b, "Date", date);
	snprintf(buf, sizeof buf, "Mail Delivery System <MAILER-DAEMON@%s>", h->fqdn);
	msg_header_append(b, "From", buf);
	msg_header_append(b, "Subject", "Undelivered Mail Returned to Sender");
	msg_header_append(b, "To", m->mail_from);
	msg_header_append(b, "Auto-Submitted", "auto-replied");
	msg_header_append(b, "MIME-Version", "1.0");
	char boundary[96];
	snprintf(boundary, sizeof boundary, "%s.%lld/%s", qid, (long long)unix_now, h->fqdn);
	snprintf(buf, sizeof buf, "multipart/report; report-type=delivery-status;\tboundary=\"%s\"",
	         boundary);
	msg_header_append(b, "Content-Type", buf);
	msg_header_append(b, "Content-Transfer-Encoding", "8bit");
	snprintf(buf, sizeof buf, "<%s.%s@%s>", stamp, own_qid, h->fqdn);
	msg_header_append(b, "Message-Id", buf);
	char *body = bounce_body(s, h, m, br, n, qid, arrived, boundary);
	msg_set_body(b, body);
	free(body);
	/* Made here, not received: cleanup(8) still stamps a Received line. */
	snprintf(buf, sizeof buf, "by %s (mailsim)\tid %s; %s", h->fqdn, own_qid, date);
	msg_header_prepend(b, "Received", buf);
	msg_set_mail_from(b, "");
	msg_add_rcpt(b, m->mail_from);
	return b;
}

/* Settle the failed recipients' ledger lines: bounced, or discarded when
 * the failed mail was itself a bounce. */
static void bounce_settle(struct sim *s, int host, const struct msg *m,
                          const struct bounce_rcpt *br, int n, int discard)
{
	struct sbuf why;
	sbuf_init(&why);
	for (int i = 0; i < n; i++) {
		struct ledger_rcpt *lr = ledger_rcpt_find(s, m->ledger, br[i].rcpt);
		if (!lr)
			continue;
		ledger_enter(s, m->ledger, lr, discard ? LS_DISCARDED : LS_BOUNCED, host);
		lr->code = br[i].reply ? (int)strtol(br[i].reply, NULL, 10)
		                       : br[i].status && br[i].status[0] == '4' ? 450 : 550;
		sbuf_reset(&why);
		bounce_diagnostic(&br[i], &why);
		free(lr->reason);
		lr->reason = xstrdup(why.s ? why.s : "");
	}
	sbuf_free(&why);
}

void bounce_send(struct sim *s, int host, const struct msg *m, const struct bounce_rcpt *br, int n,
                 int why, int64_t arrived, const char *qid)
{
	int is_bounce = (m->flags & MSG_F_BOUNCE) || !m->mail_from || !*m->mail_from;
	/* The host's queue: its MTA's, or that of an MSA with a relay host. */
	int role = (s->sc->hosts[host].roles & ROLE_BIT(ROLE_MTA)) ? ROLE_MTA : ROLE_MSA;
	if (n <= 0)
		return;
	bounce_settle(s, host, m, br, n, is_bounce);
	if (is_bounce) {
		static const char *const discard_why[TRACE_BOUNCE_WHY_COUNT] = {
			"rejected", "expired", "loops back to myself", "host not found",
			"mail forwarding loop", "unknown user",
		};
		struct trace_rec *r = trace_begin(s, TR_DISCARD, host);
		r->role = role;
		r->u.discard.why = why >= 0 && why < TRACE_BOUNCE_WHY_COUNT ? discard_why[why] : "rejected";
		size_t len = 0;
		char *text = msg_serialize(m, &len), *end = strstr(text, "\r\n\r\n");
		if (end)
			*end = '\0';   /* the header only: the body is not evidence here */
		r->u.discard.header = text;
		trace_end(s, r, m);
		free(text);
		return;
	}
	char own_qid[16], oqid[16], status[16];
	engine_new_qid(s, own_qid);
	if (!qid || !*qid)
		qid = engine_new_qid(s, oqid);
	struct msg *b = bounce_build(s, host, m, br, n, qid, arrived, own_qid);
	/* TAG.bounce, then TAG.bounce2, …: counted, not searched for (a
	 * message to 5,000 dead domains bounces 5,000 times). */
	struct ledger_entry *orig = ledger_own(s, m->ledger);
	char tag[160];
	int k = ++orig->nbounces;
	do {
		if (k == 1)
			snprintf(tag, sizeof tag, "%s.bounce", orig->tag);
		else
			snprintf(tag, sizeof tag, "%s.bounce%d", orig->tag, k);
		k++;
	} while (sim_ledger_find(s, tag) >= 0);
	orig->nbounces = k - 1;
	b->ledger = ledger_add(s, tag, b, m->ledger);

	struct sbuf text;
	sbuf_init(&text);
	bounce_diagnostic(&br[0], &text);
	bounce_status(&br[0], status, sizeof status);
	struct trace_rec *r = trace_begin(s, TR_BOUNCE, host);
	r->role = role;
	r->u.bounce = (struct trace_bounce){ m->mail_from, (uint8_t)why, status, text.s };
	trace_end(s, r, b);
	sbuf_free(&text);
	mta_accept(s, host, b, -1, role, own_qid);
}
