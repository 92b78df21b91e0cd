/* simint — the simulation's private structures, shared by the sim/ modules
 * that implement roles and protocols.  Nothing outside sim/ includes this;
 * render/ and app/ use sim.h. */
#ifndef MAILSIM_SIMINT_H
#define MAILSIM_SIMINT_H

#include "dns.h"
#include "evq.h"
#include "hindex.h"
#include "net.h"
#include "rng.h"
#include "sim.h"
#include "smtp_reply.h"
#include "util.h"

/* Timeouts and processing delays (microseconds). */
#define SIM_CONNECT_TIMEOUT_US (30 * 1000000LL)  /* Postfix smtp_connect_timeout */
#define SIM_LOCAL_DELAY_US     (1000LL)          /* hand-off inside one host */
#define SIM_DNS_LOCAL_US       (1000LL)          /* built-in resolver answer */

enum ev_kind {
	EV_SCRIPT,        /* a = scenario action, b = copy number */
	EV_SYN_ARRIVE,    /* a = conn: the SYN reached the server */
	EV_SYN_STOPPED,   /* a = conn: the SYN reached the router that stops it */
	EV_CONN_REFUSED,  /* a = conn: the client learns it was refused */
	EV_CONN_TIMEOUT,  /* a = conn: the client gives up waiting */
	EV_LINE,          /* a = conn, b = 1 to server, 0 to client */
	EV_DNS_ANSWER,    /* a = job */
	EV_JOB_RUN,       /* a = job: (re)try a queued job */
	EV_DELIVER,       /* a = job: local delivery by the MDA */
	EV_SMIME,         /* a = S/MIME task: a mail program's next step */
	EV_AUTH,          /* a = conn: a receiving MTA's DNS query for its checks is answered */
	EV_KIND_COUNT
};
extern const char *const ev_kind_names[EV_KIND_COUNT];

enum job_kind {
	JOB_SUBMIT,       /* MUA -> MSA (587/465/25) */
	JOB_DIRECT,       /* MUA or bot -> recipient's MX on 25, no MSA */
	JOB_RELAY,        /* MTA -> next MTA on 25 */
	JOB_LOCAL,        /* MTA -> MDA on the same host */
	JOB_FETCH,        /* MUA <- MRA over POP3/IMAP */
	JOB_KIND_COUNT
};
extern const char *const job_kind_names[JOB_KIND_COUNT];

enum job_state {
	JS_WAIT,          /* scheduled, nothing under way */
	JS_DNS,           /* waiting for the MX answer */
	JS_CONN,          /* a connection is under way */
	JS_DEFERRED,      /* waiting for the retry time */
	JS_FAILED,        /* given up; the copy stays (MUA outbox) */
	JS_DONE,
	JS_STATE_COUNT
};

struct job {
	int64_t created;
	struct msg *m;            /* the copy this job owns (NULL for FETCH) */
	char *password;           /* AUTH/LOGIN with this instead of the user's */
	char *const *script;      /* a hand-typed SMTP session (the scenario's), or NULL */
	char *domain;             /* RELAY/DIRECT: destination domain (conn_str_new) */
	struct dns_mx_answer *mx; /* the MX answer, allocated when it arrives */
	int *rcode;               /* per envelope recipient: last reply code */
	char **rtext;             /* per envelope recipient: last reply text */
	uint8_t *rcmd;            /* per envelope recipient: the command that reply
	                           * answered (enum smtp_stage) */
	char *last_text;          /* last session-level failure: a reply, or
	                           * Postfix's words ("connect to …: Connection
	                           * refused") */
	char *peer;               /* the last session's server, "name[ip]" as
	                           * Postfix names it (conn_str_new); NULL before any */
	char qid[16];             /* the queue id this host gave the message */
	int id;
	int host;                 /* where the job runs */
	int user;                 /* MUA jobs: the user, -1 */
	int target;               /* SUBMIT: the server to submit to */
	int conn;                 /* active connection, -1 */
	int blocked_router, blocked_rule;   /* last attempt stopped by a rule */
	int last_code;
	int nscript, script_i;
	/* Small fields packed: a queue may hold thousands of jobs. */
	uint16_t port;
	uint16_t attempts;
	uint8_t used;
	uint8_t kind;             /* enum job_kind */
	uint8_t state;            /* enum job_state */
	uint8_t auth;
	uint8_t last_why;         /* enum trace_why of last_text */
	uint8_t last_cmd;         /* enum smtp_stage last_text answered */
	uint8_t lmtp;             /* RELAY: final delivery over LMTP to the host's "lmtp" */
	int8_t nmx, mx_i;         /* nmx -1: NXDOMAIN */
	uint8_t caprep;           /* recipients the rtext/rcode/rcmd block has room
	                           * for; it stays with the slot when the job ends
	                           * (job_new takes it again), 0 for none */
};

struct mta_auth;   /* a receiving server's checks in progress (mta_auth.h) */

/* The line on a connection's wire lives in a buffer of a power-of-two
 * class from CONN_LINE_MIN bytes (longer lines are sized to fit). */
#define CONN_LINE_MIN 16
#define CONN_LINE_CLASSES 8

enum conn_phase { CONN_SYN, CONN_OPEN, CONN_CLOSED, CONN_PHASE_COUNT };

struct conn {
	int id;                   /* unique for the run */
	int slot;
	int job;                  /* client-side job */
	int client, server;       /* hosts (server -1 if nothing at that address) */
	uint32_t server_addr;
	int auth_user;            /* user index after AUTH/LOGIN, -1 */
	/* Small fields packed (and the members below ordered by size, so
	 * that nothing is padding): thousands of connections may be open at
	 * once. */
	uint16_t port;
	uint8_t used;
	uint8_t proto;            /* enum proto */
	uint8_t phase;            /* enum conn_phase */
	uint8_t tls, authed, want_tls;
	uint8_t cstate;           /* client state: enum smtp_cstate / pop3 / imap */
	uint8_t sstate;           /* server state */
	uint8_t helo_kind;        /* 0 none, 1 HELO, 2 EHLO */
	uint8_t in_flight, to_server;
	uint8_t spf;              /* enum spf_result of this transaction's MAIL FROM */
	/* One-bit flags, packed into one byte (bench engine's bytes/msg has a
	 * 1 KiB cap: one more uint8_t here made struct conn 8 bytes longer). */
	unsigned apop : 1;        /* POP3 client: log in with APOP */
	unsigned pipelining : 1;  /* the server offered PIPELINING (client side) */
	unsigned offers_size : 1; /* the server offered SIZE (client side) */
	unsigned smtputf8 : 1;    /* server: this transaction's MAIL said SMTPUTF8 */
	unsigned hold_tls : 1;    /* the next line waits a round trip first (the
	                           * TLS handshake before an implicit-TLS
	                           * greeting): a flag, not 8 bytes of delay */
	/* Pipelining (RFC 2920): the line on the wire is a burst of burst
	 * commands or replies, one per "\n"-separated line; 0 when alone. */
	uint16_t burst;
	int rcpt_i, rcpt_ok, item_i, tag;
	int s_nrcpt, s_caprcpt;
	int s_nitems;
	uint32_t payload;         /* the size on the wire of the message carried,
	                           * while it travels, else 0 */
	int nburst_explain, capburst_explain;
	const struct net_path *path;  /* the cached path (net.c owns it) */
	struct net_verdict verdict;
	char *helo;
	char *auth_login;         /* AUTH LOGIN: the user name between the 334s */
	char *stamp;              /* POP3: the APOP timestamp the greeting carried
	                           * (server: given, client: read), or NULL */
	char *s_mail_from;
	char s_qid[16];           /* the queue id given at the end of DATA */
	char **s_rcpt;
	int *s_items;             /* POP3/IMAP: mailbox items visible */
	/* the wire: one line travels at a time (lock-step protocols) */
	struct sbuf line;
	int64_t t_sent, t_arrive;
	struct msg *carry;        /* message travelling with the DATA line */
	const char *explain;      /* the catalog key of what the line on the wire
	                           * means (a reply from the table), or NULL */
	struct sbuf burst_out;    /* server: the replies of a burst being answered */
	const char **burst_explain;   /* their catalog keys, one per reply */
	struct mta_auth *auth;    /* the server's checks of a message after DATA, or NULL */
};

/* A mailbox folder item. */
struct mitem {
	struct msg *m;
	int seen;                 /* IMAP \Seen */
	int deleted;              /* POP3 DELE, removed at QUIT */
	uint32_t uid;             /* IMAP UID, unique and rising in its folder */
	int recent;               /* IMAP \Recent: no session has seen it yet */
	uint8_t learned;          /* enum trace_learn: the class the user's spam
	                           * filter has learnt this copy as */
};

struct mfolder {
	struct mitem *items;
	int n, cap;
	uint32_t last_uid;        /* the last UID given (UIDNEXT is one more) */
	int pop3_lock;            /* INBOX: the POP3 connection id holding the
	                           * maildrop (RFC 1939's exclusive lock), 0 */
};

/* The folders of a mailbox; their names are trace_folder_names. */
enum { MBOX_INBOX = TRACE_FOLDER_INBOX, MBOX_JUNK = TRACE_FOLDER_JUNK,
       MBOX_FOLDER_COUNT = TRACE_FOLDER_COUNT };

/* A stored mail is never changed (a forward or a fetch takes a copy), so
 * a run and its snapshots share it (msg_share). */
struct mbox {
	int user;
	struct mfolder f[MBOX_FOLDER_COUNT];
	struct mfolder fetched;   /* copies in the user's MUA */
};

/* A chunked string arena: pointers stay valid until the arena is freed. */
struct arena {
	struct arena_chunk *head;
};

/* The trace's records and their strings.  A run owns one; the runs of a
 * timeline (the present, its snapshots) share it, counted in refs: they are
 * one history, so record i is the same record in each of them.  The present
 * run writes at its own count (sim.ntr), over the record a run further on
 * left there (the same one: runs are deterministic); n is the furthest count
 * any of them reached, and the records between a run's ntr and n are what
 * comes next for it.  Ledger tags live in strings too, so records stay valid
 * when the run that made them is freed. */
struct trace_store {
	int refs;
	struct trace_rec *tr;
	size_t n, cap;
	struct arena strings;
};

struct sim {
	const struct scenario *sc;
	struct sim_opts opts;
	struct rng rng;
	struct evq q;
	struct net net;
	struct hindex host_by_addr;   /* host index by IPv4 address */
	struct hindex user_by_addr;   /* user index by mail address */
	struct hindex user_by_login;  /* user index by login name */
	struct hindex led_by_tag;     /* ledger entry by tag (case-insensitive:
	                               * sim_ledger_find checks the case) */
	size_t led_indexed;           /* entries [0, led_indexed) are in led_by_tag:
	                               * a snapshot leaves it empty, and a run
	                               * resumed from one indexes on its first
	                               * ledger_add (sim_ledger_find scans the rest) */
	int64_t now;
	size_t events_done;
	int in_event;             /* an event handler is running */
	uint64_t next_qid;

	/* trace */
	uint64_t nrec;            /* records made, kept or not */
	struct trace_store *ts;   /* shared with the timeline's other runs */
	size_t ntr;               /* records of this run: ts->tr[0 .. ntr-1] */
	struct trace_rec scratch;
	trace_listener_fn listener;
	void *listener_ud;
	struct sbuf fmt;          /* scratch for formatting lines */
	struct sbuf fmt2;         /* more scratch, for what is made while fmt is
	                           * in use (AUTH PLAIN's response, a decoded
	                           * base64 line): zeroed is empty */
	/* engine_mail_date's last answer, for the second mail_date_sec: a
	 * cache (the run asks in time order, nearly always for the second it
	 * asked before); zeroed, as in a snapshot, it holds nothing */
	int64_t mail_date_sec;
	int mail_date_ok;
	char mail_date[48];

	/* ledger: entries shared with the timeline's other runs until written
	 * (ledger_own), so a snapshot costs a pointer per message */
	struct ledger_entry **led;
	size_t nled, capled;

	/* connections and jobs, recycled through free lists */
	struct conn **conns;
	int nconns, capconns;
	char *line_free[CONN_LINE_CLASSES];   /* spare line buffers by size class,
	                                       * chained through their first bytes */
	int next_conn_id;
	int *conn_free;
	int nconn_free;
	struct job **jobs;
	int njobs, capjobs;
	int *job_free;
	int njob_free;

	/* mailboxes, one per user (index = user) */
	struct mbox *mbox;

	int ncomposed;            /* mails composed in the window: tags c1, c2 … */

	/* S/MIME (mua_smime.c) */
	struct smime *smime;      /* the lesson's context (the scenario keeps it), NULL */
	struct mua_smime_task **stasks;   /* steps still to come, per mail */
	int nstasks, capstasks;
	int64_t *smime_busy;      /* per host: when its mail program's last step is */
	/* spam filters (filter.c): one classifier, and per user a database of
	 * their own (NULL for a user without a filter, the array NULL when no
	 * user has one) */
	struct bayes *bayes;
	struct bayes_db **filter_db;

	/* POP before SMTP (pop3.c): addresses allowed to relay, until when */
	struct pop3_relay { int host; uint32_t addr; int64_t until; } *pop_relay;
	int npop_relay, cappop_relay;

	/* A snapshot the timeline keeps (snapshot_keep): never run.  Its job
	 * and connection records may be shared with the kept snapshots beside
	 * it (job.c, conn.c count their holders), and so may the network's
	 * arrays: net_refs counts the runs holding them (NULL: this run's alone). */
	int kept;
	int *net_refs;
	/* The runs holding the host and user indexes above (built once from
	 * the scenario, never changed, so every run of a lesson holds the
	 * same ones: snapshot.c); NULL: this run's alone. */
	int *index_refs;
	/* A kept snapshot's pending events (snapshot.c; q holds none), NULL. */
	struct snapshot_queue *kq;

	/* sim_totals' memo of each ledger entry's group (sim_view.c): NULL
	 * until asked, never copied. */
	struct sim_groups *groups;
};

/* ---- trace (trace.c) ---- */
/* A record to fill: kind, time and sequence set, every index -1.  Strings
 * set on it may point anywhere until trace_end copies them. */
struct trace_rec *trace_begin(struct sim *s, enum trace_kind k, int node);
/* Append r: its message (m's ledger entry unless r->msg is set), its tag,
 * its origin (m's unless set), copies of its payload strings; then hand it
 * to the listener.  m may be NULL. */
void trace_end(struct sim *s, struct trace_rec *r, const struct msg *m);
/* Who set message m in motion (TRACE_ORIGIN_NONE for NULL). */
enum trace_origin trace_origin_of(const struct msg *m);
const char *arena_strdup(struct arena *a, const char *str);
void arena_free(struct arena *a);
/* A new store (refs 1), another holder of ts (refs + 1), and letting go of
 * one (freed with the last; NULL ok). */
struct trace_store *trace_store_new(void);
struct trace_store *trace_store_hold(struct trace_store *ts);
void trace_store_release(struct trace_store *ts);
/* Forget what comes after this run's records (an action changed the
 * future). */
void trace_cut_future(struct sim *s);


/* ---- ledger (ledger_run.c) ---- */
/* Entry i (which must exist), this run's own: a copy of it first if
 * another run (a snapshot) shares it.  Every change to an entry or its
 * lines goes through here, ledger_rcpt_find or ledger_set; pointers into
 * the entry stay valid until the next snapshot. */
struct ledger_entry *ledger_own(struct sim *s, int i);
int ledger_add(struct sim *s, const char *tag, const struct msg *m, int bounce_of);
/* The line of entry for addr: the first whose current envelope address is
 * addr, else the first first addressed to addr; NULL if none (or no such
 * entry).  Hashed for messages with many recipients. */
struct ledger_rcpt *ledger_rcpt_find(struct sim *s, int entry, const char *addr);
/* r (a line of entry) is forwarded: its current envelope address becomes to. */
void ledger_rcpt_forward(struct sim *s, int entry, struct ledger_rcpt *r, const char *to);
/* A recipient the message did not have when it was written (a hand-typed
 * RCPT): a new line in state st at node. */
void ledger_add_rcpt(struct sim *s, int entry, const char *addr, enum ledger_state st, int node);
/* The one way a recipient line changes state: to st, held at node (a host,
 * or nhosts + router for a block), with a TR_STATE record of old -> new. */
void ledger_enter(struct sim *s, int entry, struct ledger_rcpt *r, enum ledger_state st, int node);
/* ledger_enter for the recipient addr of entry (which must exist). */
void ledger_set(struct sim *s, int entry, const char *addr, enum ledger_state st,
                int node);
void ledger_free_all(struct sim *s);

/* ---- jobs (job.c) ---- */
struct job *job_new(struct sim *s, enum job_kind kind, int host, struct msg *m);
struct job *job_get(struct sim *s, int id);
/* Is this job run by a user's mail program (rather than an MTA or a bot)? */
int job_is_mua(const struct sim *s, const struct job *j);
/* The one place that says which program acts for a job on its host: MUA
 * (a user's or a bot's own mail, and fetching), MTA (relaying) or MDA
 * (local delivery).  Every record a job makes names this role. */
enum role job_role(const struct sim *s, const struct job *j);
/* Add addr to the envelope of the job's copy (reply code 0). */
void job_add_rcpt(struct sim *s, struct job *j, const char *addr);
/* Keep only the recipients whose keep[i] is set (resets reply codes). */
void job_keep_rcpts(struct sim *s, struct job *j, const int *keep);
void job_free(struct sim *s, struct job *j);
void job_free_all(struct sim *s);
/* Recipient lr of ledger entry entry, refused for good (a 5xx reply) on a
 * session that is still open by a client with nobody to bounce to (a
 * mail program, or a host without a queue): the ledger settles it as
 * rejected only when the session ends (mua_job_done, mta_job_done), while
 * the map and the card show the refusal at once.  1 and the reply's code
 * and the client's host if so, else 0. */
int job_refused_pending(const struct sim *s, int entry, const struct ledger_rcpt *lr, int *code, int *node);

/* ---- connections (conn.c) ---- */
/* Open a TCP connection for job j to addr:port; schedules what follows. */
struct conn *conn_open(struct sim *s, struct job *j, uint32_t addr, int port,
                       enum proto proto);
struct conn *conn_get(struct sim *s, int slot);
/* Send a line: to_server 1 client->server, 0 server->client. */
void conn_send(struct sim *s, struct conn *c, int to_server, const char *line);
/* conn_send, leaving after delay_us more (a TLS handshake before it). */
void conn_send_later(struct sim *s, struct conn *c, int to_server, const char *line,
                     int64_t delay_us);
void conn_close(struct sim *s, struct conn *c);
/* May a POP3 or IMAP password cross c in clear?  Inside TLS, from the
 * server's own host (Dovecot counts that as secured), or where the
 * server allows plaintext logins (no disable_plaintext_auth). */
int conn_plaintext_login_ok(const struct sim *s, const struct conn *c);
/* The name the client gave in EHLO (kind 2), HELO (1) or LHLO (2),
 * copied; kept when it is the name already held (EHLO again after
 * STARTTLS). */
void conn_set_helo(struct sim *s, struct conn *c, const char *name, int kind);
/* A connection's strings (helo, s_mail_from, s_rcpt) and the replies a
 * session leaves in a job (rtext): a copy of str in a
 * buffer of the line classes, taken from the run's spare lists, and p
 * given back to them (NULL is nothing).  The class follows from the
 * length, so a string carries no size; one longer than the largest class
 * is malloc'd and freed.  A session's names and addresses cost an
 * allocation and a free each. */
char *conn_str_new(struct sim *s, const char *str);
void conn_str_put(struct sim *s, char *p);
/* A record for the line that just arrived on c: TR_CMD (at the server) or
 * TR_REPLY (at the client), with the peer, connection, protocol, port,
 * TLS state and the time the line was sent filled in. */
struct trace_rec *conn_trace_line(struct sim *s, struct conn *c, enum trace_kind k);
/* Forget a connection that never opened (no close record). */
void conn_drop(struct sim *s, struct conn *c);
void conn_free_all(struct sim *s);
int sim_host_listens(const struct sim *s, int host, int port);

/* ---- SMTP (smtp.c: the server, smtp_client.c: the client) ---- */
/* Is this connection on a submission port (587, 465)? */
int smtp_is_submission(const struct conn *c);
/* The address after key ("FROM:", "TO:") in a MAIL or RCPT argument,
 * copied into out: SMTP_PATH_OK; SMTP_PATH_SYNTAX when the key or the path
 * is missing (Postfix's "501 5.5.4 Syntax"); SMTP_PATH_BAD when the path is
 * there but unusable (an unclosed "<", longer than outsz). */
enum smtp_path { SMTP_PATH_OK, SMTP_PATH_SYNTAX, SMTP_PATH_BAD };
/* Which command a reply answered, as a bounce names it ("in reply to RCPT
 * TO command"); SMTP_STAGE_NONE for what was not a reply. */
enum smtp_stage { SMTP_STAGE_NONE, SMTP_STAGE_GREETING, SMTP_STAGE_EHLO, SMTP_STAGE_STARTTLS,
	              SMTP_STAGE_AUTH, SMTP_STAGE_MAIL, SMTP_STAGE_RCPT, SMTP_STAGE_DATA,
	              SMTP_STAGE_DOT, SMTP_STAGE_COUNT };
/* "RCPT TO", "end of DATA", …; NULL for SMTP_STAGE_NONE. */
extern const char *const smtp_stage_names[SMTP_STAGE_COUNT];
enum smtp_path smtp_path_arg(const char *arg, const char *key, char *out, size_t outsz);
/* The message's size as it travels: fields, blank line, body. */
size_t smtp_msg_size(const struct msg *m);
/* How many dots DATA stuffs into m on the wire (lines that begin with "."). */
size_t smtp_msg_stuffed(const struct msg *m);
void smtp_server_greet(struct sim *s, struct conn *c);
void smtp_server_line(struct sim *s, struct conn *c);
/* The end of DATA, once the server's checks (mta_auth) allow it: m
 * already has its Received line and the queue id c->s_qid; add Date and
 * Message-ID on submission, sign (mta_auth_sign), reply 250 and hand m
 * (owned) to the MTA. */
void smtp_data_accept(struct sim *s, struct conn *c, struct msg *m);
/* The end of DATA refused because domain's DMARC policy says reject:
 * 550 5.7.1; m (owned) is freed. */
void smtp_data_refuse(struct sim *s, struct conn *c, struct msg *m, const char *domain);
/* Send reply id with up to two string arguments for its format. */
void smtp_server_reply(struct sim *s, struct conn *c, enum smtp_reply_id id, const char *a,
                       const char *b);
/* Send what s->fmt holds as reply id; while answering a pipelined burst
 * (c->burst set), collect it with the others instead (they leave together
 * with smtp_burst_send). */
void smtp_reply_send(struct sim *s, struct conn *c, enum smtp_reply_id id);
/* Send the replies collected in c->burst_out as one burst, c->burst the
 * number of replies in it. */
void smtp_burst_send(struct sim *s, struct conn *c);
void smtp_client_line(struct sim *s, struct conn *c);
/* The size of the message c carries as its client writes it on the wire:
 * smtp_msg_size, plus 3 bytes ("\r\n ") for each line Postfix's client
 * breaks (smtp_line_length_limit = 998) when the client is an MTA or an
 * MSA relaying; dot-stuffing not included. */
size_t smtp_client_wire_size(struct sim *s, const struct conn *c);
/* A new copy of the message c carries, as the server reads it off the
 * wire: with those lines broken; _content leaves the envelope empty and
 * keeps room for hdr_room bytes and field_room fields.  The caller owns it. */
struct msg *smtp_client_wire_content(struct sim *s, const struct conn *c, size_t hdr_room,
				     int field_room);
struct msg *smtp_client_wire_copy(struct sim *s, const struct conn *c);
/* The client side of a job learns its connection failed (timeout/refused). */
void smtp_client_failed(struct sim *s, struct job *j, int refused);

/* ---- LMTP, the MDA's server end (lmtp.c) ---- */
void lmtp_do_lhlo(struct sim *s, struct conn *c, const char *arg);
/* Does this MDA keep a mailbox for addr? */
int lmtp_rcpt_known(const struct sim *s, const struct conn *c, const char *addr);
/* The end of DATA: each accepted recipient's copy gets Dovecot's Received
 * line and is stored at once (mda_deliver); one reply per recipient, in
 * RCPT order (RFC 2033 section 4.2), leaves as one burst. */
void lmtp_data_end(struct sim *s, struct conn *c);

/* ---- POP3 / IMAP (pop3.c, imap.c) ---- */
void pop3_server_greet(struct sim *s, struct conn *c);
void pop3_server_line(struct sim *s, struct conn *c);
void pop3_client_line(struct sim *s, struct conn *c);
/* A POP3 connection closes: let go of the maildrop it locked, if any. */
void pop3_conn_closed(struct sim *s, struct conn *c);
/* POP before SMTP: may addr relay through host's port 25 now, because a
 * POP3 login from addr succeeded there within its window?  0 when the
 * host has no such setting. */
int pop3_relay_allowed(const struct sim *s, int host, uint32_t addr);
/* A POP3 login on c succeeded: open (or extend) the relay window for the
 * client's address, if the server does POP before SMTP. */
void pop3_relay_allow(struct sim *s, const struct conn *c);
void imap_server_greet(struct sim *s, struct conn *c);
void imap_server_line(struct sim *s, struct conn *c);
void imap_client_line(struct sim *s, struct conn *c);

/* ---- the eavesdroppers (sniff.c) ---- */
/* Each sniffer whose segment c's path crosses records what it sees: the
 * SYN of c (sniff_syn), the TLS handshake as it starts (sniff_handshake),
 * the line on c's wire as it arrives (sniff_line: in clear text, or only
 * its size inside TLS).  Nothing without sniffers. */
void sniff_syn(struct sim *s, const struct conn *c);
void sniff_handshake(struct sim *s, const struct conn *c);
void sniff_line(struct sim *s, const struct conn *c);
/* The bytes the line on c's wire takes there: in clear, each line with its
 * CRLF and the message it carries; inside TLS, the record round them (what
 * sniff_line records a sniffer seeing).  Computed whether or not the lesson
 * has sniffers. */
uint32_t sniff_wire_bytes(struct sim *s, const struct conn *c);

/* ---- roles (mua.c, mta.c, mda.c, bounce.c) ---- */
void mua_send(struct sim *s, const struct sc_send *snd, int copy);
/* Open the submission connection of job j (a mail in the outbox). */
void mua_start_submit(struct sim *s, struct job *j);
void mua_compose(struct sim *s, const struct sim_compose *c);
/* Fetch user's mail as how says (NULL: the user's own setting). */
void mua_fetch(struct sim *s, int user, const char *password, const struct sc_fetch *how);
void mua_job_done(struct sim *s, struct job *j, int ok);
/* The mail program fetched m over connection c. */
void mua_fetched(struct sim *s, const struct conn *c, int user, const struct msg *m);
/* A server took responsibility for message m (owned now) at host. */
void mta_accept(struct sim *s, int host, struct msg *m, int via_conn, int role, const char *qid);
void mta_job_run(struct sim *s, struct job *j);
void mta_dns_answer(struct sim *s, struct job *j);
void mta_job_failed(struct sim *s, struct job *j);
void mta_job_done(struct sim *s, struct job *j);
int mta_is_local_domain(const struct sim *s, int host, const char *domain);
/* The host whose MDA stores host's local mail: its "lmtp" host, or itself. */
int mta_final_host(const struct sim *s, int host);
/* Does host keep a mail queue (retry, bounce) for what it accepted: an MTA,
 * or an MSA that hands its mail to a relay host? */
int mta_has_queue(const struct sim *s, int host);
void mda_deliver(struct sim *s, struct job *j);
/* The header bytes mda_deliver prepends (in MDA_FIELDS fields) to user's
 * copy addressed to rcpt from mail_from: a message made with that room
 * is stored without its header storage moving. */
#define MDA_FIELDS 3
size_t mda_room(const struct sim *s, int user, const char *rcpt, const char *mail_from);
struct mbox *mda_mbox(struct sim *s, int user);
/* user marks their copy of ledger entry as spam (1: to Junk) or not (0: to
 * the INBOX), with the origin of the action: the copy moves (TR_MARK) if it
 * is in the other folder, and the user's spam filter learns from the mark
 * (TR_LEARN) if they have one. */
void mda_mark(struct sim *s, int user, int ledger, int spam, int origin);
void mda_free_all(struct sim *s);
/* One recipient a bounce reports: either a server's reply (reply, with
 * the server as mta "name[ip]" and the command it answered) or Postfix's
 * own words (text).  status is the enhanced status code ("5.1.1"); NULL
 * takes it from the reply. */
struct bounce_rcpt {
	const char *rcpt;
	const char *status;
	const char *reply;
	const char *mta;
	uint8_t cmd;              /* enum smtp_stage */
	const char *text;
};
/* Return message m (not owned) to its envelope sender for the n
 * recipients in br, from host, which gave it queue id qid (NULL: a new
 * one) when it arrived (the DSN's Arrival-Date).  why (enum
 * trace_bounce_why) is what the trace tells.  A bounce of a bounce is
 * discarded instead.  The ledger lines of those recipients end here. */
void bounce_send(struct sim *s, int host, const struct msg *m, const struct bounce_rcpt *br, int n,
                 int why, int64_t arrived, const char *qid);
/* Append str wrapped as Postfix wraps bounce text: at 76 columns,
 * continuation lines indented by 4, each line ending in "\n". */
void bounce_wrap(struct sbuf *out, const char *str);
/* Append r's diagnostic as a bounce words it: "host NAME[IP] said: REPLY
 * (in reply to CMD command)", or Postfix's own text. */
void bounce_diagnostic(const struct bounce_rcpt *r, struct sbuf *out);

/* ---- S/MIME at the mail programs (mua_smime.c, mta_tamper.c) ---- */
#define MUA_SMIME_STEP_US TRACE_SMIME_STEP_US
/* Sign and/or encrypt job j's mail (its user signs; the key is wrapped for
 * every envelope recipient) one TR_SMIME step per event, then submit it.
 * When that cannot be done (no key, a recipient without a certificate) a
 * REFUSE step says why and the mail stays in the outbox. */
void mua_smime_send(struct sim *s, struct job *j, int sign, int encrypt);
/* user's mail program opens m, which it has just fetched: decrypt, verify,
 * verdict, one TR_SMIME step per event.  Nothing without S/MIME. */
void mua_smime_read(struct sim *s, int user, const struct msg *m);
/* EV_SMIME: task i's next step. */
void mua_smime_step(struct sim *s, int i);
void mua_smime_free_all(struct sim *s);
/* An attacker's relay (a host with "tamper") changes the text parts of m
 * as it takes it, with a TR_TAMPER record; nothing on other hosts. */
void mta_tamper(struct sim *s, int host, struct msg *m);

/* ---- spam filters (filter.c; the public part is filter.h) ---- */
/* Create the classifier and each filtering user's database, trained from
 * the lesson's training mail. */
void filter_init(struct sim *s);
void filter_free_all(struct sim *s);
/* The MDA at host is about to store m for user: if the user has a filter,
 * judge m (a TR_FILTER record) and learn it as what it was judged (ham or
 * spam; an unsure mail is not learnt).  Returns the class learnt (enum
 * trace_learn); *spam is 1 if the filter calls it spam (to Junk). */
int filter_judge(struct sim *s, int host, int user, const struct msg *m, int *spam);
/* user marked their stored copy m as spam or not; *learned is the class
 * the filter has learnt m as (enum trace_learn) and becomes the user's.
 * Untrains and trains as needed and records TR_LEARN (with origin).
 * Nothing happens for a user without a filter. */
void filter_learn(struct sim *s, int user, const struct msg *m, int spam, uint8_t *learned,
                  int origin);

/* ---- views (sim_view.c) ---- */
struct sim_groups;
/* Free sim_totals' memo (NULL ok). */
void sim_groups_free(struct sim_groups *g);

/* ---- snapshots (snapshot.c) ---- */
/* A deep copy of run s (between events), which goes on exactly as s would:
 * the same events, records, ledger and copies.  It shares s's trace store
 * (one history: simint.h) and no listener is set.  Free with sim_free. */
struct sim *snapshot_take(const struct sim *s);
/* The same copy of s to keep and never run (the timeline's snapshots):
 * each job and connection record, and the network's arrays, that are as
 * prev (the last kept snapshot, or NULL) holds them are prev's, shared and
 * counted, not copied (seven jobs in ten between two of lesson 09's).
 * Going on from it takes a snapshot_take of it.  Free with sim_free, in
 * any order. */
struct sim *snapshot_keep(const struct sim *s, const struct sim *prev);
/* Free a kept snapshot's events (NULL ok). */
struct snapshot_queue;
void snapshot_queue_free(struct snapshot_queue *kq);
/* The messages the copy holds so far, each under its one owner, so that a
 * pointer that only refers to a message (a connection's carry) is checked
 * against an owner. */
struct snapshot_map;
/* The copy's holder of m, which has one owner in the run (a job's copy,
 * checks in progress, an S/MIME step's result), noted in map: m itself,
 * one more holder of it (msg_share), not a deep copy.  Whichever run
 * changes a message it holds takes its own copy first (snapshot_own), so
 * the runs never see each other's changes.  NULL: NULL. */
struct msg *snapshot_msg(struct snapshot_map *map, const struct msg *m);
/* m itself, one more holder of it (msg_share: a stored mail, never
 * changed); snapshot_msg_ref finds it as it is. */
struct msg *snapshot_msg_share(struct snapshot_map *map, const struct msg *m);
/* m noted in map as held by a record the kept copy shares with the last
 * kept snapshot (which holds m already): m, no holder more. */
struct msg *snapshot_msg_note(struct snapshot_map *map, const struct msg *m);
/* The copy's message for a pointer that only refers to one (a
 * connection's carry): m itself, which an owner noted in map or a stored
 * mail holds (NULL: NULL); a message no owner holds is a broken invariant. */
struct msg *snapshot_msg_ref(const struct snapshot_map *map, const struct msg *m);
/* m (owned by the caller, NULL: NULL) made this run's alone, before it is
 * changed: m itself if nobody else holds it, else a deep copy (msg_clone)
 * while the others keep m.  Every writer of a message that lives between
 * events calls it first: a job's rcpt list (job_own_msg), the checks'
 * copy they stamp and sign (mta_auth_finish). */
struct msg *snapshot_own(struct msg *m);
/* Each module copies its part of src into dst (a run being built by
 * snapshot_take: scenario, options and network already set). */
void ledger_snapshot(struct sim *dst, const struct sim *src);
/* prev (jobs and connections): the last kept snapshot, whose unchanged
 * records a kept dst shares; NULL when dst is a run to go on with. */
void job_snapshot(struct sim *dst, const struct sim *src, const struct sim *prev, struct snapshot_map *map);
void mda_snapshot(struct sim *dst, const struct sim *src, struct snapshot_map *map);
void mua_smime_snapshot(struct sim *dst, const struct sim *src, struct snapshot_map *map);
void filter_snapshot(struct sim *dst, const struct sim *src);
/* Last: the connections' carried messages are found in map. */
void conn_snapshot(struct sim *dst, const struct sim *src, const struct sim *prev, struct snapshot_map *map);

/* ---- the engine (engine.c): scheduling and lookups; calls nothing above it ---- */
/* Schedule event k at t (never before now). */
void engine_schedule(struct sim *s, int64_t t, enum ev_kind k, int a, int b);
const struct sc_host *engine_host(const struct sim *s, int h);
/* The user with this mail address, or -1. */
int engine_user_of_addr(const struct sim *s, const char *addr);
/* The host with this IPv4 address, or -1. */
int engine_host_of_ip(const struct sim *s, uint32_t addr);
/* The user whose login and password match and whose mailbox is on host
 * (host -1: anywhere), or -1. */
int engine_user_login(const struct sim *s, const char *login, const char *password, int host);
/* The user with this login whose mailbox host keeps (any host when host
 * is -1), or -1: for a login that proves itself without sending the
 * password (APOP). */
int engine_user_login_any(const struct sim *s, const char *login, int host);
/* A Postfix-style queue id, unique within the run, written into out. */
char *engine_new_qid(struct sim *s, char out[16]);
/* The RFC 5322 date of the present moment in the lesson's zone, as a mail
 * program writes it ("Wed, 01 Apr 2026 09:00:00 +0900"). */
void engine_date(const struct sim *s, char *out, size_t outsz);
/* The date of moment t_us as a server (Postfix) writes it in Received,
 * Date and DSN fields ("Wed,  1 Apr 2026 09:00:00 +0900 (JST)"). */
void engine_mail_date(struct sim *s, int64_t t_us, char *out, size_t outsz);

#endif
