/* trace — the structured record of every event the engine processes.  One
 * record is the single source for the narration, the JSON-lines export, the
 * GUI's event list and animation, and check's evaluation of a lesson. */
#ifndef MAILSIM_TRACE_H
#define MAILSIM_TRACE_H

#include <stddef.h>
#include <stdint.h>

struct msg;

enum trace_kind {
	TR_COMPOSE,       /* an MUA (or bot) wrote a message */
	TR_CONNECT,       /* a client sent TCP SYN to peer:port */
	TR_ACCEPT,        /* the server accepted the connection */
	TR_BLOCKED,       /* a router dropped the SYN (the client will time out) */
	TR_REFUSED,       /* refused at once (router reject, or nothing listens) */
	TR_TIMEOUT,       /* the client gave up waiting for the SYN's answer */
	TR_CMD,           /* the server received a command line */
	TR_REPLY,         /* the client received a reply */
	TR_DNS_QUERY,     /* a resolver query left */
	TR_DNS_ANSWER,    /* its answer arrived */
	TR_QUEUED,        /* a server took responsibility for a message */
	TR_DELIVER,       /* the MDA stored a message in a mailbox folder */
	TR_DEFER,         /* a temporary failure: the message waits in the queue */
	TR_BOUNCE,        /* a delivery status notification was created */
	TR_DISCARD,       /* a message was dropped on purpose (bounce of a bounce) */
	TR_FETCHED,       /* an MUA downloaded a message from its mailbox */
	TR_MUA_ERROR,     /* an MUA showed an error; the mail stays in its outbox */
	TR_CLOSE,         /* a connection closed */
	TR_RULE,          /* a router rule was switched on or off */
	TR_MARK,          /* a user marked a message as spam or not spam */
	TR_SPF,           /* a receiving MTA checked SPF (cmd "mailfrom") or the
	                   * header From's alignment with it (cmd "header") */
	TR_KIND_COUNT
};
extern const char *const trace_kind_names[TR_KIND_COUNT];
int trace_kind_from_name(const char *name);

enum proto { PROTO_NONE, PROTO_SMTP, PROTO_POP3, PROTO_IMAP, PROTO_DNS, PROTO_COUNT };
extern const char *const proto_names[PROTO_COUNT];

/* One record.  Strings point into the trace's own storage and live as long
 * as the trace.  -1 marks an absent index, 0 an absent code or port. */
struct trace_rec {
	uint64_t seq;          /* 1, 2, 3 … in processing order */
	size_t event;          /* sim_events_done() once the event that made this
	                        * record is processed (timeline_goto(tl, event)
	                        * shows the state right after it); for records a
	                        * user action made between events, the count then */
	int64_t t;             /* simulated microseconds */
	int64_t t_sent;        /* when what arrived was sent (== t if local) */
	enum trace_kind kind;
	int role;              /* enum role acting at node, -1 */
	int node;              /* acting node (host or router index), -1 */
	int peer;              /* the other end, -1 */
	int msg;               /* ledger entry, -1 */
	int conn;              /* connection id, -1 */
	enum proto proto;
	int port;
	int code;              /* reply code (SMTP), 1/0 for +OK/-ERR, … */
	int tls;               /* connection is encrypted at this point */
	const char *cmd;       /* command verb ("MAIL", "RETR"), NULL */
	const char *text;      /* the whole line, the answer, the folder … */
	const char *detail;    /* rule name, domain, reason … NULL */
	const char *subject;   /* caption key suffix for narration variants, NULL */
};

/* Called for every record as it is appended.  m is the message the record
 * is about (or NULL); it is valid only during the call. */
typedef void (*trace_listener_fn)(void *ud, const struct trace_rec *r,
                                  const struct msg *m);

#endif
