/* smtp_reply — the SMTP server's replies (see smtp_reply.h).  The texts are
 * Postfix 3.7's; where mailsim departs from Postfix on purpose the entry
 * says why. */
#include "smtp_reply.h"

#include <stdarg.h>

const struct smtp_reply_def smtp_replies[SR_COUNT] = {
	[SR_GREETING] = { "greeting", 220, NULL, "%s ESMTP mailsim", "explain.SMTP.220" },
	[SR_HELO] = { "helo", 250, NULL, "%s", "explain.SMTP.250.helo" },
	/* The first line of the EHLO reply; the extensions follow as given. */
	[SR_EHLO] = { "ehlo", 250, NULL, "-%s", "explain.SMTP.250.ehlo" },
	/* Postfix's HELO and EHLO syntax replies have no enhanced status code. */
	[SR_EHLO_SYNTAX] = { "ehlo_syntax", 501, NULL, "Syntax: EHLO hostname", "explain.SMTP.501.helo" },
	[SR_HELO_SYNTAX] = { "helo_syntax", 501, NULL, "Syntax: HELO hostname", "explain.SMTP.501.helo" },
	[SR_NOT_IMPLEMENTED] = { "not_implemented", 502, "5.5.1", "Error: command not implemented", "explain.SMTP.502.5.5.1" },
	[SR_UNRECOGNIZED] = { "unrecognized", 500, "5.5.2", "Error: command not recognized", "explain.SMTP.500.5.5.2" },
	[SR_STARTTLS_GO] = { "starttls", 220, "2.0.0", "Ready to start TLS", "explain.SMTP.220.2.0.0" },
	[SR_AUTH_OK] = { "auth_ok", 235, "2.7.0", "Authentication successful", "explain.SMTP.235" },
	[SR_AUTH_FAILED] = { "auth_failed", 535, "5.7.8",
	                     "Error: authentication failed: authentication failure",
	                     "explain.SMTP.535.5.7.8" },
	[SR_AUTH_NOT_ENABLED] = { "auth_not_enabled", 503, "5.5.1", "Error: authentication not enabled",
	                          "explain.SMTP.503.5.5.1" },
	[SR_AUTH_TWICE] = { "auth_twice", 503, "5.5.1", "Error: already authenticated",
	                    "explain.SMTP.503.5.5.1" },
	[SR_AUTH_USERNAME] = { "auth_username", 334, NULL, "VXNlcm5hbWU6", "explain.SMTP.334.user" },
	[SR_AUTH_PASSWORD] = { "auth_password", 334, NULL, "UGFzc3dvcmQ6", "explain.SMTP.334.pass" },
	/* The 535 texts are Cyrus SASL's (Postfix passes them on): an initial
	 * response that is not base64, and a mechanism it does not offer. */
	[SR_AUTH_UNDECODABLE] = { "auth_undecodable", 535, "5.7.8",
	                          "Error: authentication failed: bad protocol / cancel",
	                          "explain.SMTP.535.5.7.8.base64" },
	[SR_AUTH_MECHANISM] = { "auth_mechanism", 535, "5.7.8",
	                        "Error: authentication failed: no mechanism available",
	                        "explain.SMTP.535.5.7.8.mech" },
	[SR_AUTH_ABORTED] = { "auth_aborted", 501, "5.7.0", "Authentication aborted", "explain.SMTP.501.5.7.0" },
	/* smtpd's reply to XSASL_AUTH_TEMP, with the words of Postfix's Dovecot
	 * SASL client when the auth service does not answer (the Cyrus client
	 * never answers 454: a saslauthd that is down gives 535). */
	[SR_AUTH_TEMP] = { "auth_temp", 454, "4.7.0",
	                   "Temporary authentication failure: Connection lost to authentication server",
	                   "explain.SMTP.454.4.7.0" },
	[SR_NEED_HELO] = { "need_helo", 503, "5.5.1", "Error: send HELO/EHLO first", "explain.SMTP.503.5.5.1" },
	[SR_NESTED_MAIL] = { "nested_mail", 503, "5.5.1", "Error: nested MAIL command", "explain.SMTP.503.5.5.1" },
	[SR_MAIL_SYNTAX] = { "mail_syntax", 501, "5.5.4", "Syntax: MAIL FROM:<address>", "explain.SMTP.501.5.5.4" },
	[SR_BAD_SENDER] = { "bad_sender", 501, "5.1.7", "Bad sender address syntax", "explain.SMTP.501.5.1.7" },
	[SR_MAIL_OK] = { "mail_ok", 250, "2.1.0", "Ok", "explain.SMTP.250.2.1.0" },
	[SR_NEED_MAIL] = { "need_mail", 503, "5.5.1", "Error: need MAIL command", "explain.SMTP.503.5.5.1" },
	[SR_RCPT_SYNTAX] = { "rcpt_syntax", 501, "5.5.4", "Syntax: RCPT TO:<address>", "explain.SMTP.501.5.5.4" },
	[SR_BAD_RCPT] = { "bad_rcpt", 501, "5.1.3", "Bad recipient address syntax", "explain.SMTP.501.5.1.3" },
	/* As postfix-policyd-spf words it with its defaults (Reason_Message
	 * "Message {rejectdefer} due to: {spf}. Please see {url}", the URL
	 * naming the identity checked, mfrom or helo, and Hide_Receiver = Yes's
	 * "<UNKNOWN>" for the recipient): recipient, identity kind, identity,
	 * client address. */
	[SR_SPF_REJECT] = { "spf_reject", 550, "5.7.23",
	                    "<%s>: Recipient address rejected: Message rejected due to: SPF fail - not "
	                    "authorized. Please see http://www.openspf.net/Why?s=%s;id=%s;ip=%s;r=<UNKNOWN>",
	                    "explain.SMTP.550.5.7.23" },
	[SR_USER_UNKNOWN] = { "user_unknown", 550, "5.1.1",
	                      "<%s>: Recipient address rejected: User unknown in local recipient table",
	                      "explain.SMTP.550.5.1.1" },
	/* As with reject_unauth_destination, which the lessons' servers are
	 * configured with: Postfix 3.7's default smtpd_relay_restrictions
	 * ends in defer_unauth_destination instead, a temporary 454 4.7.1
	 * with the same text.  A permanent refusal is what the lessons show
	 * (README, "Deliberate departures"). */
	[SR_RELAY_DENIED] = { "relay_denied", 554, "5.7.1", "<%s>: Relay access denied",
	                      "explain.SMTP.554.5.7.1.relay" },
	/* The same words; the gloss names the other way to relay there. */
	[SR_RELAY_DENIED_POP] = { "relay_denied_pop", 554, "5.7.1", "<%s>: Relay access denied",
	                          "explain.SMTP.554.5.7.1.relay.pop_before_smtp" },
	/* The submission ports (587, 465) as Debian's master.cf sets them up:
	 * smtpd_relay_restrictions=permit_sasl_authenticated,reject.  Postfix
	 * takes MAIL FROM without AUTH and refuses each RCPT TO with the generic
	 * "reject" text (var_reject_code 554, class "Recipient address").
	 * RFC 4954's "530 5.7.0 Authentication required" is not Postfix's. */
	[SR_SUBMIT_DENIED] = { "submit_denied", 554, "5.7.1",
	                       "<%s>: Recipient address rejected: Access denied",
	                       "explain.SMTP.554.5.7.1.submit" },
	[SR_RCPT_OK] = { "rcpt_ok", 250, "2.1.5", "Ok", "explain.SMTP.250.2.1.5" },
	[SR_RCPT_POP_OK] = { "rcpt_pop_ok", 250, "2.1.5", "Ok", "explain.SMTP.250.2.1.5.pop_before_smtp" },
	[SR_NEED_RCPT] = { "need_rcpt", 503, "5.5.1", "Error: need RCPT command", "explain.SMTP.503.5.5.1" },
	[SR_DATA_GO] = { "data_go", 354, NULL, "End data with <CR><LF>.<CR><LF>", "explain.SMTP.354" },
	[SR_OK] = { "ok", 250, "2.0.0", "Ok", "explain.SMTP.250.ok" },
	[SR_BYE] = { "bye", 221, "2.0.0", "Bye", "explain.SMTP.221" },
	/* As OpenDMARC (opendmarc.c, DMARC_REJECT_SMTP 550, 5.7.1) words it:
	 * Postfix has no DMARC check of its own and passes the milter's reply on. */
	[SR_DMARC_REJECT] = { "dmarc_reject", 550, "5.7.1", "rejected by DMARC policy for %s",
	                      "explain.SMTP.550.5.7.1.dmarc" },
	[SR_TOO_MANY_HOPS] = { "too_many_hops", 554, "5.4.0", "Error: too many hops",
	                       "explain.SMTP.554.5.4.0" },
	[SR_TOO_BIG] = { "too_big", 552, "5.3.4", "Error: message file too big", "explain.SMTP.552.5.3.4" },
	[SR_QUEUED] = { "queued", 250, "2.0.0", "Ok: queued as %s", "explain.SMTP.250.2.0.0" },
	[SR_AUTH_SYNTAX] = { "auth_syntax", 501, "5.5.4", "Syntax: AUTH mechanism", "explain.SMTP.501.5.5.4.auth" },
	/* A 334 with nothing after it: "send your initial response now". */
	[SR_AUTH_CONTINUE] = { "auth_continue", 334, NULL, "", "explain.SMTP.334.plain" },
	/* Cyrus SASL's words for a continued response that is not base64. */
	[SR_AUTH_STEP] = { "auth_step", 535, "5.7.8",
	                   "Error: authentication failed: another step is needed in authentication",
	                   "explain.SMTP.535.5.7.8.base64" },
	[SR_AUTH_IN_MAIL] = { "auth_in_mail", 503, "5.5.1", "Error: MAIL transaction in progress",
	                      "explain.SMTP.503.5.5.1" },
	[SR_VRFY] = { "vrfy", 252, "2.0.0", "%s", "explain.SMTP.252" },
	[SR_VRFY_SYNTAX] = { "vrfy_syntax", 501, "5.5.4", "Syntax: VRFY address", "explain.SMTP.501.5.5.4.vrfy" },
	[SR_NO_VALID_RCPT] = { "no_valid_rcpt", 554, "5.5.1", "Error: no valid recipients",
	                       "explain.SMTP.554.5.5.1" },
	[SR_TLS_ACTIVE] = { "tls_active", 554, "5.5.1", "Error: TLS already active",
	                    "explain.SMTP.554.5.5.1.tls" },
	[SR_SIZE_EXCEEDED] = { "size_exceeded", 552, "5.3.4", "Message size exceeds fixed limit",
	                       "explain.SMTP.552.5.3.4.size" },
	/* Postfix's smtpd with smtputf8_enable = yes (its default): a UTF-8
	 * address at MAIL or RCPT needs MAIL's SMTPUTF8 (RFC 6531 section 3.4). */
	[SR_SMTPUTF8_REQUIRED] = { "smtputf8_required", 553, "5.6.7",
	                           "Must declare SMTPUTF8 to send unicode address",
	                           "explain.SMTP.553.5.6.7" },
	/* LMTP: Dovecot 2.3's lmtp service (its smtp-server library's texts). */
	[SR_LMTP_GREETING] = { "lmtp_greeting", 220, NULL, "%s Dovecot ready.", "explain.LMTP.220" },
	[SR_LHLO] = { "lhlo", 250, NULL, "-%s", "explain.LMTP.250.lhlo" },
	[SR_LHLO_SYNTAX] = { "lhlo_syntax", 501, "5.5.4", "Missing hostname", "explain.SMTP.501.helo" },
	[SR_LMTP_UNKNOWN] = { "lmtp_unknown", 500, "5.5.1", "Unknown command", "explain.SMTP.500.5.5.2" },
	[SR_LMTP_MAIL_OK] = { "lmtp_mail_ok", 250, "2.1.0", "OK", "explain.SMTP.250.2.1.0" },
	[SR_LMTP_RCPT_OK] = { "lmtp_rcpt_ok", 250, "2.1.5", "OK", "explain.SMTP.250.2.1.5" },
	[SR_LMTP_NO_USER] = { "lmtp_no_user", 550, "5.1.1", "<%s> User doesn't exist: %s",
	                      "explain.LMTP.550.5.1.1" },
	[SR_LMTP_DATA_GO] = { "lmtp_data_go", 354, NULL, "OK", "explain.SMTP.354" },
	[SR_LMTP_SAVED] = { "lmtp_saved", 250, "2.0.0", "<%s> %s Saved", "explain.LMTP.250.saved" },
	/* The quota plugin's default quota_exceeded_message. */
	[SR_LMTP_QUOTA] = { "lmtp_quota", 552, "5.2.2", "<%s> Quota exceeded (mailbox for user is full)",
	                    "explain.LMTP.552.5.2.2" },
};

void smtp_reply_format(struct sbuf *out, enum smtp_reply_id id, ...)
{
	if ((unsigned)id >= SR_COUNT || !smtp_replies[id].fmt)
		PANIC("no SMTP reply %d", (int)id);
	const struct smtp_reply_def *d = &smtp_replies[id];
	/* "250-HOST" continues a multi-line reply: no space after the code. */
	sbuf_add_int(out, d->code);
	if (d->fmt[0] != '-')
		sbuf_addc(out, ' ');
	if (d->status) {
		sbuf_adds(out, d->status);
		sbuf_addc(out, ' ');
	}
	va_list ap;
	va_start(ap, id);
	sbuf_add_fmt_s(out, d->fmt, ap);
	va_end(ap);
}
