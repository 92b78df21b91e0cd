/* sim — the public face of the simulation: create a run from a scenario,
 * advance it, act on it, and read its state.  The GUI and the command line
 * use only this header (with the scenario, trace, ledger and msg headers it
 * names).  A run is a pure function of (scenario, seed, action log). */
#ifndef MAILSIM_SIM_H
#define MAILSIM_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "ledger.h"
#include "msg.h"
#include "scenario.h"
#include "trace.h"

struct sim;

/* Options for a run.  Zero-initialise, then set what you need. */
struct sim_opts {
	uint64_t seed;         /* 0 = the scenario's seed */
	int no_trace;          /* keep no trace records (benchmark) */
};

/* A new run at time 0 with the scenario's scripted actions scheduled.  The
 * scenario must outlive the run.  Free with sim_free (NULL ok). */
struct sim *sim_new(const struct scenario *sc, const struct sim_opts *opts);
void sim_free(struct sim *s);
const struct scenario *sim_scenario(const struct sim *s);
/* The run's S/MIME context (smime.h; the scenario's, shared by every run
 * of the lesson with this seed), NULL when the lesson has none.  Opening a
 * mail with it (smime_verdict_open) changes nothing in the run. */
struct smime *sim_smime(const struct sim *s);

/* Process the next event.  Returns 1 if one was processed, 0 if none is left. */
int sim_step(struct sim *s);
/* Process every event with time <= t_us, then set the clock to t_us (never
 * backwards).  Returns the number of events processed. */
size_t sim_run_until(struct sim *s, int64_t t_us);
/* Run until no event is left or max_events were processed (0 = no limit). */
size_t sim_run(struct sim *s, size_t max_events);
int64_t sim_now(const struct sim *s);
/* Time of the next pending event, or -1 if none. */
int64_t sim_next_time(const struct sim *s);
/* Events processed so far. */
size_t sim_events_done(const struct sim *s);
size_t sim_events_pending(const struct sim *s);

/* ---- actions ---- */

enum sim_act { SIM_ACT_TOGGLE, SIM_ACT_COMPOSE, SIM_ACT_MARK, SIM_ACT_FETCH, SIM_ACT_SEND,
               SIM_ACT_COUNT };
extern const char *const sim_act_names[SIM_ACT_COUNT];

/* A mail composed in the GUI.  Strings are copied. */
struct sim_compose {
	int host;              /* the MUA's host */
	int user;              /* sending user (credentials, submission server) or -1 */
	const char *header_from;
	const char *mail_from;       /* envelope sender (MAIL FROM), apart from the
	                              * header From; NULL or "" = the user's address */
	const char *to, *cc, *bcc;   /* comma-separated address lists */
	const char *subject;
	const char *body;
	int port;              /* 25, 587 or 465 */
	int auth;              /* 1 = SMTP AUTH */
	int direct;            /* 1 = straight to each recipient domain's MX on
	                        * port 25, as a bot or an attacker's program
	                        * sends: no MSA, no AUTH (port, auth, sign and
	                        * encrypt are not used) */
	int sign;              /* S/MIME: the user's mail program signs */
	int encrypt;           /* S/MIME: … encrypts for every recipient */
};

/* One action, named by its actor: the router whose rule is switched, the
 * user whose mailbox a mark or a fetch is about, the MUA that composes. */
struct sim_action {
	enum sim_act kind;
	uint8_t origin;        /* TRACE_ORIGIN_USER (a click) or _SCRIPT (the lesson) */
	size_t after_events;   /* the log: applied when this many events had been processed */
	int64_t t;             /* the log: the simulated time it was taken */
	int router, rule;      /* TOGGLE: the rule */
	int enabled;           /* TOGGLE */
	int user;              /* MARK, FETCH: the mailbox's user */
	int msg, spam;         /* MARK: the ledger entry; 1 spam (to Junk), 0 not (to INBOX);
	                        * the user's spam filter, if any, learns from it (filter.h) */
	const char *password;  /* FETCH: log in with this instead of the user's, or NULL */
	const struct sc_fetch *how;   /* FETCH: how (the lesson's action), or NULL for
	                        * the user's own setting */
	struct sim_compose compose;   /* COMPOSE */
	int send, copy;        /* SEND: the scenario's action index and copy number */
};

/* Apply an action to the run now (the lesson's are applied as their
 * events come up; the timeline applies the user's and logs them).
 * Returns 0, or -1 if it names nothing (a bad index or port). */
int sim_act(struct sim *s, const struct sim_action *a);

/* ---- state ---- */

int sim_rule_enabled(const struct sim *s, int router, int rule);

const struct trace_rec *sim_trace(const struct sim *s, size_t *n);
/* Called for every new trace record (one listener; NULL to remove). */
void sim_set_listener(struct sim *s, trace_listener_fn fn, void *ud);

size_t sim_ledger_count(const struct sim *s);
const struct ledger_entry *sim_ledger(const struct sim *s, size_t i);
/* Ledger entry for a tag, or -1. */
int sim_ledger_find(const struct sim *s, const char *tag);

/* Totals per message group: the tag up to its first '.' ("spam" for
 * spam.1 … spam.3000); all bounces form the group "bounce".  For lessons
 * where thousands of messages make the per-message view useless. */
#define SIM_TOTAL_RULES 8
struct sim_total {
	char group[48];
	int messages;               /* ledger entries */
	int rcpts;                  /* recipient lines */
	int state[LS_COUNT];        /* recipient lines per state */
	int inbox, junk;            /* delivered lines by folder */
	int nrules;                 /* blocked lines per router rule */
	int rule_router[SIM_TOTAL_RULES];
	const char *rule[SIM_TOTAL_RULES];    /* the scenario's rule names */
	int rule_count[SIM_TOTAL_RULES];
};
/* Fill out[0 .. max-1] with the groups in order of first appearance and
 * return how many groups there are (which may exceed max: the rest are
 * counted but not described). */
size_t sim_totals(const struct sim *s, struct sim_total *out, size_t max);

/* Where copies of messages are right now. */
enum sim_holder { HOLD_OUTBOX, HOLD_QUEUE, HOLD_CONN, HOLD_MAILBOX, HOLD_FETCHED, HOLD_COUNT };
extern const char *const sim_holder_names[HOLD_COUNT];
struct sim_copy {
	const struct msg *m;
	enum sim_holder holder;
	int node;              /* host holding it */
	int conn;              /* HOLD_CONN: the connection */
	const char *mailbox;   /* HOLD_MAILBOX/FETCHED: the mailbox address */
	const char *folder;    /* HOLD_MAILBOX: "INBOX", "Junk" */
};
size_t sim_copy_count(const struct sim *s);
/* Copy i (0 <= i < sim_copy_count) in a stable order; returns 0 on success.
 * Each call walks from the start: to visit every copy use sim_copy_list. */
int sim_copy_get(const struct sim *s, size_t i, struct sim_copy *out);
/* Every copy in the same order, in one pass: fills out[0 .. max-1] and
 * returns how many there are (which may exceed max). */
size_t sim_copy_list(const struct sim *s, struct sim_copy *out, size_t max);

/* Connections open or opening now, for drawing packets in flight. */
struct sim_conn {
	int id;
	int client, server;    /* host indices */
	int port;
	enum proto proto;
	int tls, authed;
	int msg;               /* ledger entry being carried, -1 */
	const int *path;       /* routers on the way, client side first */
	int npath;
	int blocked_at;        /* router that dropped/refused the SYN, -1 */
	int gives_up;          /* when this try fails the message is lost to its
	                        * client: no queue to retry from and no other MX
	                        * (a bot, a mail program going direct), so a
	                        * dropped SYN is already a block; an MTA waits,
	                        * then tries the next MX or retries later */
	int connecting;        /* 1 until the server accepts: the SYN travels, or a
	                        * router dropped it and the client still waits */
	/* What is on the wire now: a line travelling from one end to the other. */
	int in_flight;         /* 1 if a line/SYN is travelling */
	int to_server;         /* direction of the travelling line */
	int64_t t_sent, t_arrive;
	const char *line;      /* the travelling command or reply, "" for SYN */
	uint32_t payload;      /* the message itself travels with the line (the
	                        * DATA content, ended by "."): its size, else 0 */
	int code;              /* an SMTP reply travelling to the client: its
	                        * code, the worst of a pipelined burst's (a 5xx
	                        * over a 4xx over a 2xx/3xx); else 0 */
	int examining;         /* the message itself has reached the server, which
	                        * has not answered yet: it reads it (SPF, DKIM,
	                        * DMARC, the filter) before its reply */
};
size_t sim_conn_count(const struct sim *s);
int sim_conn_get(const struct sim *s, size_t i, struct sim_conn *out);
/* Every open connection in one pass (as sim_copy_list). */
size_t sim_conn_list(const struct sim *s, struct sim_conn *out, size_t max);
/* The bytes the line in flight on connection id takes on the wire: inside
 * TLS its record's (header and tag included), as an eavesdropper's
 * TR_SNIFF record gives them once it arrives; 0 if the connection is not
 * open or nothing but a SYN travels.  (Not in struct sim_conn: a message's
 * size is counted by serializing it, too slow for every connection of a
 * busy frame.) */
uint32_t sim_conn_wire_bytes(const struct sim *s, int id);

/* Path latency and routers between two hosts (for drawing links). */
int sim_path(const struct sim *s, int from_host, int to_host, int *routers, int max,
             int64_t *latency_us);

/* Audit the ledger: every recipient of every message is in a known state and
 * the copies agree with it.  Returns the number of problems, each printed to
 * err (if non-NULL) as one line. */
int sim_audit(const struct sim *s, void *err /* FILE * */);

/* Bytes held by messages in flight or queued, excluding bodies, and their
 * count (for the benchmark). */
void sim_footprint(const struct sim *s, size_t *bytes, size_t *msgs);

/* The RFC 5322 date for simulated time t_us in the scenario's zone. */
void sim_format_date(const struct sim *s, int64_t t_us, char *out, size_t outsz);

/* ---- timeline: step forward and back, jump, by snapshots and replay ---- */

/* A run plus the log needed to rebuild any earlier point.  While the run
 * goes forward the timeline keeps a copy of it every so many events (its
 * snapshots); going to an event resumes the last snapshot before it and
 * replays the rest, so a step back or a jump anywhere replays at most that
 * many events.  Acting after going back drops the old future. */
struct timeline;
struct timeline *timeline_new(const struct scenario *sc, const struct sim_opts *o);
void timeline_free(struct timeline *tl);
/* Events between snapshots (the default is chosen by measurement; it
 * doubles when a long run would keep too many).  0 keeps only the one at
 * event 0, so going back replays from the start (the benchmark's yardstick).
 * Drops the snapshots taken so far after event 0. */
void timeline_set_every(struct timeline *tl, size_t every);
/* The number of snapshots kept now, and in *every (if non-NULL) the events
 * between them. */
size_t timeline_snapshots(const struct timeline *tl, size_t *every);
struct sim *timeline_sim(struct timeline *tl);
/* Go to the state after exactly n events (replaying if n is in the past). */
void timeline_goto(struct timeline *tl, size_t n);
/* Play: process events up to time t_us (applying the logged actions that
 * belong there, as after a step back), then set the clock to t_us.  Use
 * this rather than sim_run_until on the timeline's run. */
size_t timeline_run_until(struct timeline *tl, int64_t t_us);
/* Events processed in the run now, and in the longest run seen (the end of
 * the future that forward steps would replay). */
size_t timeline_pos(const struct timeline *tl);
int timeline_back(struct timeline *tl);         /* one event back; 0 at start */
int timeline_forward(struct timeline *tl);      /* one event forward; 0 at end */
/* Back to the start of the lesson as written: the user's actions (rule
 * switches, composed mail, spam marks) are forgotten. */
void timeline_restart(struct timeline *tl);
/* A user's action: drop the future beyond the present, apply it (sim_act)
 * and log it with the moment it was taken.  Returns sim_act's result;
 * nothing is logged on failure.  a->origin is taken as TRACE_ORIGIN_USER. */
int timeline_act(struct timeline *tl, const struct sim_action *a);
/* The log of the user's actions, oldest first (valid until the next action
 * or restart). */
const struct sim_action *timeline_actions(const struct timeline *tl, size_t *n);
/* The trace of the furthest run seen: after stepping back, the records past
 * the present are what the next steps will replay (the run is
 * deterministic).  Valid until the next timeline call.  The records up to
 * the present are sim_trace's of timeline_sim: one store. */
const struct trace_rec *timeline_ahead(const struct timeline *tl, size_t *n);
/* timeline_act for each kind of action. */
int timeline_toggle_rule(struct timeline *tl, int router, int rule, int enabled);
int timeline_compose(struct timeline *tl, const struct sim_compose *c);
int timeline_mark_spam(struct timeline *tl, int user, int msg, int spam);
int timeline_fetch(struct timeline *tl, int user);

#endif
