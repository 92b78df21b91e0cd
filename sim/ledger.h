/* ledger — where every message is.  One entry per message the lesson sends
 * (and per bounce the run creates); one line per envelope recipient with its
 * state.  Every run audits the ledger at its end: a message that vanished is
 * a bug, and says so. */
#ifndef MAILSIM_LEDGER_H
#define MAILSIM_LEDGER_H

#include <stdint.h>

enum ledger_state {
	LS_OUTBOX,        /* in the sender's MUA, not yet accepted by a server */
	LS_IN_FLIGHT,     /* being transferred over a connection */
	LS_QUEUED,        /* a server holds it and will try (again) */
	LS_DELIVERED,     /* stored in a mailbox folder */
	LS_BOUNCED,       /* returned to the envelope sender as a DSN */
	LS_REJECTED,      /* refused with 5xx to the client that submitted it */
	LS_BLOCKED,       /* the connection was dropped or refused by a router rule */
	LS_DISCARDED,     /* dropped by whoever held it: an undeliverable bounce
	                   * (no bounce to a bounce), or a message a bot's
	                   * hand-typed session never sent */
	LS_COUNT
};
extern const char *const ledger_state_names[LS_COUNT];
int ledger_state_from_name(const char *name);
/* Final states: the message will not move again on its own. */
int ledger_state_final(enum ledger_state s);

/* An entry's tag belongs to the run's trace (records name their message by
 * it, and may outlive the run): never free it. */
struct ledger_rcpt {
	char *addr;            /* the recipient as first addressed */
	char *cur;             /* the envelope recipient now (forwarding changes it);
	                        * addr itself until then (one copy, not two) */
	enum ledger_state state;
	int node;              /* host holding it, or router that blocked it, -1 */
	const char *folder;    /* mailbox folder when delivered: a trace_folder_names
	                        * entry, not owned */
	const char *mailbox;   /* mailbox address when delivered (after forwarding):
	                        * the scenario's user address, not owned */
	char *rule;            /* blocking rule */
	int code;              /* last reply code that concerned it, 0 */
	char *reason;          /* last reply text or reason */
	int received;          /* Received fields in the delivered copy */
	int spam;              /* -1 unknown, 0 ham, 1 marked spam */
};

struct ledger_entry {
	char *tag;             /* "m1", "m1.bounce", "spam.17" */
	char *subject;
	int bounce_of;         /* ledger entry this bounce reports on, -1 */
	int nbounces;          /* bounces written about this message so far */
	int64_t t_created;
	struct ledger_rcpt *rcpts;
	int nrcpts, caprcpts;
	/* Private to the run (ledger_run.c): a hash index of the recipients
	 * by address, kept once a message has many (10,000 Bcc recipients
	 * must not cost 10,000² comparisons), else NULL. */
	struct ledger_index *ix;
	/* Private to the run (ledger_run.c): how many runs hold this entry.
	 * A timeline's snapshots share the entries they have in common with
	 * the run they were taken from (most are final and never change); a
	 * run copies an entry it shares before it changes it. */
	int refs;
};

#endif
