/* smtp_reply — every reply the SMTP server can send, in one table: the
 * code, the enhanced status code (RFC 3463), the text as Postfix 3.7
 * writes it (Dovecot 2.3's for LMTP), and the catalog key of what it means
 * for the class. */
#ifndef MAILSIM_SMTP_REPLY_H
#define MAILSIM_SMTP_REPLY_H

#include "util.h"

enum smtp_reply_id {
	SR_GREETING,          /* 220 HOST ESMTP mailsim */
	SR_HELO,              /* 250 HOST */
	SR_EHLO,              /* 250-HOST … the extension lines */
	SR_EHLO_SYNTAX,
	SR_HELO_SYNTAX,
	SR_NOT_IMPLEMENTED,
	SR_UNRECOGNIZED,
	SR_STARTTLS_GO,
	SR_AUTH_OK,
	SR_AUTH_FAILED,
	SR_AUTH_NOT_ENABLED,
	SR_AUTH_TWICE,
	SR_AUTH_USERNAME,     /* 334 "Username:" in base64 */
	SR_AUTH_PASSWORD,     /* 334 "Password:" in base64 */
	SR_AUTH_UNDECODABLE,
	SR_AUTH_MECHANISM,
	SR_AUTH_ABORTED,
	SR_AUTH_TEMP,         /* 454 4.7.0 Temporary authentication failure: … */
	SR_NEED_HELO,
	SR_NESTED_MAIL,
	SR_MAIL_SYNTAX,
	SR_BAD_SENDER,
	SR_MAIL_OK,
	SR_NEED_MAIL,
	SR_RCPT_SYNTAX,
	SR_BAD_RCPT,
	SR_SPF_REJECT,        /* 550 5.7.23 <ADDR>: … SPF fail */
	SR_USER_UNKNOWN,      /* 550 5.1.1 <ADDR>: … */
	SR_RELAY_DENIED,      /* 554 5.7.1 <ADDR>: Relay access denied */
	SR_RELAY_DENIED_POP,  /* the same, from a server that does POP before SMTP */
	SR_SUBMIT_DENIED,     /* 554 5.7.1 <ADDR>: Recipient address rejected: Access denied */
	SR_RCPT_OK,
	SR_NEED_RCPT,
	SR_DATA_GO,
	SR_OK,                /* RSET, NOOP */
	SR_BYE,
	SR_DMARC_REJECT,      /* 550 5.7.1 … DMARC policy for DOMAIN */
	SR_TOO_MANY_HOPS,
	SR_TOO_BIG,
	SR_QUEUED,            /* 250 2.0.0 Ok: queued as QID */
	SR_AUTH_SYNTAX,       /* 501 5.5.4: AUTH without a mechanism */
	SR_AUTH_CONTINUE,     /* "334 ": PLAIN without an initial response */
	SR_AUTH_STEP,         /* 535: a continued response that is not base64 */
	SR_AUTH_IN_MAIL,      /* 503: AUTH inside a mail transaction */
	SR_VRFY,              /* 252 2.0.0 ADDR: cannot verify, will try */
	SR_VRFY_SYNTAX,
	SR_NO_VALID_RCPT,     /* 554 5.5.1: DATA after every RCPT was refused */
	SR_TLS_ACTIVE,        /* 554 5.5.1: STARTTLS inside TLS (or on 465) */
	SR_SIZE_EXCEEDED,     /* 552 5.3.4 at MAIL: the announced SIZE= is over the limit */
	SR_RCPT_POP_OK,       /* 250 2.1.5 Ok: relayed for a POP before SMTP address */
	SR_SMTPUTF8_REQUIRED, /* 553 5.6.7: a UTF-8 address in a transaction without SMTPUTF8 */
	/* LMTP (RFC 2033) as Dovecot's lmtp service answers. */
	SR_LMTP_GREETING,     /* 220 HOST Dovecot ready. */
	SR_LHLO,              /* 250-HOST … its capability lines */
	SR_LHLO_SYNTAX,       /* 501 5.5.4 Missing hostname */
	SR_LMTP_UNKNOWN,      /* 500 5.5.1 Unknown command */
	SR_LMTP_MAIL_OK,      /* 250 2.1.0 OK */
	SR_LMTP_RCPT_OK,      /* 250 2.1.5 OK */
	SR_LMTP_NO_USER,      /* 550 5.1.1 <ADDR> User doesn't exist: ADDR */
	SR_LMTP_DATA_GO,      /* 354 OK */
	SR_LMTP_SAVED,        /* 250 2.0.0 <ADDR> ID Saved: one per recipient */
	SR_LMTP_QUOTA,        /* 552 5.2.2 <ADDR> Quota exceeded (mailbox for user is full) */
	SR_COUNT
};

struct smtp_reply_def {
	const char *name;     /* for tests and the trace */
	int code;
	const char *status;   /* enhanced status code, or NULL (HELO-era replies) */
	const char *fmt;      /* the text after code and status: each "%s" takes
	                       * an argument (sbuf_add_fmt_s), nothing else */
	const char *explain;  /* i18n key of what it means, or NULL */
};
extern const struct smtp_reply_def smtp_replies[SR_COUNT];

/* Append reply id to out: "CODE STATUS TEXT" with the format's arguments. */
void smtp_reply_format(struct sbuf *out, enum smtp_reply_id id, ...);

#endif
