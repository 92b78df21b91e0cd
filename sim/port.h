/* port — the well-known TCP ports of mail and DNS (RFC 5321, RFC 6409,
 * RFC 2033, RFC 8314, RFC 1939, RFC 9051, RFC 1035), named once. */
#ifndef MAILSIM_PORT_H
#define MAILSIM_PORT_H

enum port {
	PORT_DNS = 53,
	PORT_SMTP = 25,           /* relay between servers */
	PORT_LMTP = 24,           /* LMTP: an MTA hands final delivery to an MDA (RFC 2033) */
	PORT_SUBMISSION = 587,    /* submission: STARTTLS, then AUTH */
	PORT_SUBMISSIONS = 465,   /* submission with TLS from the first byte */
	PORT_POP3 = 110,
	PORT_POP3S = 995,
	PORT_IMAP = 143,
	PORT_IMAPS = 993,
};

#endif
