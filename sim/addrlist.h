/* addrlist — an RFC 5322 address-list parser (section 3.4, with the
 * obsolete forms of section 4.4 that real mail still carries): what the
 * From, To and Cc fields say, mailbox by mailbox.  Display names may hold
 * commas inside quoted strings, comments, RFC 2047 encoded-words and
 * UTF-8 (RFC 6532); groups ("team: a@x, b@y;") are opened up.  DMARC needs
 * it to know the one domain a From field names. */
#ifndef MAILSIM_ADDRLIST_H
#define MAILSIM_ADDRLIST_H

#include <stddef.h>

/* Mailboxes a list may hold before it is refused as unreasonable. */
#define ADDRLIST_MAX 1000

struct addrlist_mailbox {
	char *display;   /* display name for people: quotes and comments gone,
	                  * encoded-words decoded, words joined by one space;
	                  * "" when there is none */
	char *local;     /* local part as written (a quoted one keeps its quotes) */
	char *domain;    /* domain as written ("[192.0.2.1]" for a literal),
	                  * obsolete white space around its dots removed */
	char *group;     /* name of the group it was listed in, or NULL */
};

struct addrlist {
	int n;                      /* mailboxes */
	struct addrlist_mailbox *v; /* n mailboxes in order, owned */
	int ngroups;                /* groups seen, empty ones included */
};

/* Parse len bytes of a header field value (unfolded or still folded:
 * CRLF before white space is taken as white space) as an address-list.
 * Empty list elements (", ,") are skipped, as RFC 5322's obs-addr-list
 * allows; an obsolete source route ("<@a.example:u@b.example>") is
 * dropped.  Returns 0 and fills *out (free it with addrlist_free), or -1
 * with a one-line reason in err (errsz bytes) saying what was expected at
 * which offset, and *out empty: an unterminated quoted string, comment or
 * domain literal, a mailbox without '@' or domain, a missing '>' or ';',
 * characters not allowed where they stand, or more than ADDRLIST_MAX
 * mailboxes.  Never reads past len; any bytes are safe. */
int addrlist_parse(const char *value, size_t len, struct addrlist *out, char *err, size_t errsz);

/* Release what the list holds and empty it; NULL is fine. */
void addrlist_free(struct addrlist *l);

#endif
