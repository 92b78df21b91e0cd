/* scenario — a lesson as loaded from its JSON file: the topology, DNS zones,
 * users, scripted actions, captions and the expected outcomes.  Immutable
 * once loaded; a run (struct sim) reads it and never changes it.  The format
 * is documented in scenarios/schema.json and the README. */
#ifndef MAILSIM_SCENARIO_H
#define MAILSIM_SCENARIO_H

#include <stdint.h>
#include <stdio.h>

#include "hindex.h"
#include "port.h"

struct msg;
struct dkim_key;

/* Text in the two classroom languages; either may be NULL. */
struct sc_text {
	char *ja;
	char *en;
};

enum net_kind {
	NET_KIND_DYNAMIC,      /* an ISP's pool of dynamic customer addresses */
	NET_KIND_SERVERS,      /* an ISP's or a company's server segment */
	NET_KIND_COMPANY,      /* a company LAN */
	NET_KIND_BACKBONE,     /* the Internet between the ISPs */
	NET_KIND_COUNT
};
extern const char *const net_kind_names[NET_KIND_COUNT];

struct sc_network {
	char *id;
	struct sc_text label;
	uint32_t addr, mask;   /* network address and netmask, host order */
	int prefix;
	enum net_kind kind;
	char *isp;             /* owning ISP or organisation id, may be NULL */
	int64_t latency_us;    /* one-way delay to cross this network */
	float area[4];         /* x, y, w, h in layout units, if has_area */
	int has_area;
};

enum rule_action { RULE_DROP, RULE_REJECT, RULE_ACCEPT, RULE_ACTION_COUNT };
extern const char *const rule_action_names[RULE_ACTION_COUNT];

enum sel_kind { SEL_ANY, SEL_NET, SEL_ISP, SEL_KIND, SEL_CIDR, SEL_KIND_COUNT };

/* One term of a rule's from/to list: "any", "net:ID", "isp:ID", "kind:dynamic",
 * "cidr:A.B.C.D/N", each optionally negated with a leading '!'. */
struct sc_selector {
	enum sel_kind kind;
	int negate;
	int net;               /* SEL_NET */
	char *isp;             /* SEL_ISP */
	enum net_kind nkind;   /* SEL_KIND */
	uint32_t addr, mask;   /* SEL_CIDR */
};

/* A router rule: matches a TCP connection attempt by destination port and by
 * source and destination address.  A list matches if any term matches;
 * negated terms must all hold (see net_rule_matches). */
struct sc_rule {
	char *name;            /* e.g. "OP25B" */
	struct sc_text label;
	struct sc_text chip;   /* the window's rule chip, before on/off; NULL
	                        * texts: the name (lesson 10's "maintenance"
	                        * read as "the server is on") */
	struct sc_text brief;  /* "short": its name on a student's screen, in
	                        * drop labels, block counts and sentences; NULL
	                        * texts: the name (lesson 10's "maintenance" on a
	                        * Japanese screen, issue 11) */
	enum rule_action action;
	int port;              /* 0 = any port */
	struct sc_selector *from, *to;
	int nfrom, nto;
	int enabled;           /* initial state; the run may toggle it */
};

struct sc_link {
	int net;
	int64_t latency_us;
};

struct sc_router {
	char *id;
	struct sc_text label;
	struct sc_link *links;
	int nlinks;
	struct sc_rule *rules;
	int nrules;
	float pos[2];
	int has_pos;
};

enum role { ROLE_MUA, ROLE_MSA, ROLE_MTA, ROLE_MDA, ROLE_MRA, ROLE_DNS, ROLE_COUNT };
extern const char *const role_names[ROLE_COUNT];
#define ROLE_BIT(r) (1u << (r))

/* What a receiving MTA does with SPF (RFC 7208) on port 25. */
enum spf_policy {
	SPF_POLICY_OFF,        /* no check */
	SPF_POLICY_TAG,        /* check and add Received-SPF */
	SPF_POLICY_JUNK,       /* … and file a fail in the Junk folder */
	SPF_POLICY_REJECT,     /* … and refuse a fail with 550 5.7.23 */
	SPF_POLICY_COUNT
};
extern const char *const spf_policy_names[SPF_POLICY_COUNT];

/* What a receiving MTA does with DMARC (RFC 7489) on port 25: nothing,
 * or which policy it applies to a message that fails.  A host without
 * "dmarc" takes it from "spf": off -> off, tag -> tag, junk -> quarantine,
 * reject -> honor.  DMARC needs SPF's result, so it is off when SPF is. */
enum sc_dmarc {
	SC_DMARC_OFF,          /* no evaluation */
	SC_DMARC_TAG,          /* evaluate and record; deliver as usual whatever the
	                        * owner asks (a local policy) */
	SC_DMARC_HONOR,        /* the owner's policy: none delivers, quarantine files
	                        * in Junk, reject refuses with 550 5.7.1 */
	SC_DMARC_QUARANTINE,   /* the owner's policy, but Junk where it asks to reject
	                        * (a local policy, as many receivers do) */
	SC_DMARC_COUNT
};
extern const char *const sc_dmarc_names[SC_DMARC_COUNT];

/* One DKIM key a host signs with (RFC 6376): which mail, as which domain
 * and selector.  The lesson's PEM file is read when it loads. */
struct sc_dkim_signer {
	char *domain;          /* d= */
	char *selector;        /* s= */
	char *key_file;        /* the PEM file as the lesson names it */
	struct dkim_key *key;  /* its private key, owned */
	char **from;           /* header From domains it signs for ("*": any) */
	int nfrom;
	int at;                /* ROLE_MSA: mail its users submit (587/465);
	                        * ROLE_MTA: mail it relays on port 25 for its
	                        * relay_networks (an outgoing gateway) */
	int64_t since_us;      /* signs from this simulated time on (a key handed
	                        * over during the lesson) */
};

struct sc_host {
	char *id;
	struct sc_text label;
	int net;
	uint32_t addr;
	char *fqdn;            /* host name, used in HELO, Received and DNS */
	unsigned roles;        /* ROLE_BIT set */
	char **domains;        /* mail domains this host's MTA/MDA is final for */
	int ndomains;
	int *relay_nets;       /* networks allowed to relay without AUTH */
	int nrelay_nets;
	char **relay_domains;  /* domains it accepts for anyone and passes on to
	                        * their other MX (a backup MX, Postfix relay_domains) */
	int nrelay_domains;
	int open_relay;        /* relays for anyone (a misconfiguration lesson) */
	int starttls;          /* offers STARTTLS on 25/587 (465 is always TLS) */
	int verify_rcpt;       /* reject unknown local users at RCPT (default 1);
	                        * 0 accepts them and bounces later (backscatter) */
	int spf;               /* enum spf_policy for mail received on port 25 */
	int dmarc;             /* enum sc_dmarc for mail received on port 25 */
	int dkim_verify;       /* checks the DKIM signatures of mail received on 25 */
	struct sc_dkim_signer *dkim_sign;   /* keys it signs outgoing mail with */
	int ndkim_sign;
	int max_hops;          /* Received fields allowed before 554 5.4.0 */
	int64_t max_size;      /* SIZE limit in bytes */
	int64_t retry_min_us, retry_max_us, lifetime_us;   /* queue backoff */
	int bot;               /* an infected PC that sends straight to MX */
	int attacker;          /* an attacker's own PC (not infected): its mail is
	                        * as rogue as a bot's, but it wears no BOT badge */
	int group;             /* first host of this host's group (itself if alone) */
	int group_size;        /* machines in the group: a host with "count": N stands
	                        * for N machines with consecutive addresses; the first
	                        * keeps the id, the others are ID.2 … ID.N */
	int group_rest;        /* on the first: index of ID.2 (ID.k is group_rest + k - 2) */
	char *tamper_find;     /* "tamper": an attacker's relay changes this text in
	                        * every text part of the mail it passes on, NULL */
	char *tamper_replace;  /* … into this */
	int relayhost;         /* "relayhost": the MTA host that takes, over port
	                        * 25 and without an MX lookup, every mail this host
	                        * does not deliver itself (Postfix's relayhost =
	                        * [host]); required on a host with MSA but not MTA,
	                        * which cannot relay by itself; -1 */
	int lmtp;              /* "lmtp": on an MTA host, the MDA host that takes,
	                        * over LMTP on port 24 (RFC 2033), final delivery
	                        * for this host's domains (Postfix's
	                        * mailbox_transport = lmtp:[host]:24 to Dovecot),
	                        * -1: this host's own MDA stores it */
	int mailstore;         /* "mailstore": on a host with MRA but not MDA, the
	                        * MDA host whose mailboxes it serves (shared
	                        * storage); the host itself when it has MDA, else -1 */
	/* Reading mail (scenario_retrieval.c). */
	int disable_plaintext_auth;   /* POP3/IMAP: no USER/PASS or LOGIN outside
	                        * TLS (Dovecot's disable_plaintext_auth; CAPA
	                        * leaves USER out, IMAP says LOGINDISABLED) */
	int apop;              /* POP3: the greeting carries an APOP timestamp */
	int64_t pop_before_smtp_us;   /* after a POP3 login, relay on port 25 for
	                        * the client's address this long; 0 off */
	int64_t auth_down_until_us;   /* "auth_down_until": SMTP AUTH's backend (the
	                        * Dovecot auth service Postfix asks) cannot be
	                        * reached before this time: AUTH gets 454 4.7.0;
	                        * 0: always up */
	float pos[2];
	int has_pos;
};

struct sc_mx {
	int pref;
	char *host;            /* a host name in some zone's A records */
};

struct sc_arec {
	char *name;
	uint32_t addr;
};

struct sc_zone {
	char *domain;
	struct sc_mx *mx;
	int nmx;
	struct sc_arec *a;
	int na;
	char **txt;            /* TXT records, those made from "dkim_key" last */
	int ntxt;
	char *dkim_key_file;   /* "dkim_key": the PEM file its DKIM record is made
	                        * from (as the lesson names it), or NULL */
};

/* A mail a lesson ships to train a user's spam filter before the run
 * starts (its "filter" files; an mbox gives one per message). */
struct sc_train {
	char *data;            /* the message's bytes as in the file, owned */
	size_t len;
	int spam;              /* 1 learnt as spam, 0 as ham */
};

enum fetch_proto { FETCH_POP3, FETCH_IMAP, FETCH_PROTO_COUNT };
extern const char *const fetch_proto_names[FETCH_PROTO_COUNT];

/* How a mail program reads mail: the user's "fetch" setting, or a fetch
 * action's own (which starts from the user's). */
struct sc_fetch {
	enum fetch_proto proto;
	int port;              /* 110/143, 995/993 (TLS from the first byte) */
	int starttls;          /* upgrade first: STLS (POP3, RFC 2595) or
	                        * STARTTLS (IMAP, RFC 3501) */
	int apop;              /* POP3: log in with APOP (RFC 1939 section 7) */
};

/* A sniffer: an eavesdropper on a network segment (a café's Wi-Fi) or
 * with a tap at a router, who records what every packet crossing it lets
 * them read.  Exactly one of net and router is set (the other -1). */
struct sc_sniffer {
	char *id;
	struct sc_text label;
	int net;
	int router;
	float pos[2];          /* where to draw them (logical units), if has_pos */
	int has_pos;
};

struct sc_user {
	char *address;         /* alice@a.example */
	char *name;            /* display name, may be NULL */
	char *login;           /* login for AUTH / POP3 / IMAP (default: address) */
	char *password;
	int mailbox_host;      /* host whose MDA keeps the mailbox, -1 if remote */
	int mua_host;          /* host the user's MUA runs on, -1 if none */
	int submit_host;       /* submission server, -1 = none */
	int submit_port;       /* 587, 465 or 25 */
	int submit_auth;       /* use SMTP AUTH */
	enum fetch_proto fetch_proto;
	int fetch_port;
	int fetch_host;        /* the MRA host the user's mail program reads the
	                        * mailbox from: the mailbox host if it has MRA,
	                        * else the first MRA host serving it; -1 none */
	int fetch_starttls;    /* see struct sc_fetch */
	int fetch_apop;
	char *forward;         /* forward every mail to this address, may be NULL */
	int quota;             /* "quota": the most bytes the mailbox holds, checked
	                        * by an LMTP MDA after DATA (Dovecot's quota
	                        * plugin); 0 none */
	int filter;            /* 1: the MDA runs a Bayesian spam filter for this
	                        * user ("filter"), which learns train first */
	struct sc_train *train;
	int ntrain;
};

enum act_kind { ACT_SEND, ACT_FETCH, ACT_TOGGLE, ACT_MARK_SPAM, ACT_KIND_COUNT };
extern const char *const act_kind_names[ACT_KIND_COUNT];

struct sc_send {
	char *tag;             /* message id in the lesson, e.g. "m1" */
	int user;              /* sending user, -1 for a bot/raw host */
	int host;              /* sending host (the user's MUA host by default) */
	char *mail_from;       /* envelope sender (default: the user's address) */
	char *header_from;     /* header From (default: "Name <address>") */
	char **to, **cc, **bcc;
	int nto, ncc, nbcc;
	char *subject;
	char *body;
	int port;              /* submission port; 25 with direct */
	int auth;              /* -1 = the user's default */
	int direct;            /* skip the MSA: look up MX and speak SMTP on 25 */
	int via;               /* submit through this host (a smarthost or an open
	                        * relay) instead of the user's server, -1 */
	char *password;        /* AUTH with this password instead of the user's */
	struct msg *eml;       /* a real message read from an .eml file ("eml"): its
	                        * header and body are sent as they are; owned */
	char **script;         /* a hand-typed SMTP session (as with telnet): these
	                        * lines are sent one per reply, whatever the replies;
	                        * after a 354 the message itself follows; QUIT ends */
	int nscript;
	int count;             /* send this many copies (tags TAG.1 … TAG.N); 1 default */
	int64_t every_us;      /* spacing between copies */
	int sign;              /* S/MIME: the sending user's MUA signs (SHA-256, RSA) */
	int encrypt;           /* S/MIME: … encrypts for every envelope recipient
	                        * (sign first when both) */
	int truth;             /* what the mail really is ("class"): 0 unsaid (a
	                        * zeroed send), 1 ham, 2 spam; the filter's
	                        * accuracy is judged against it (filter_accuracy) */
};

/* The most copies of mail (count × recipients, summed over a lesson's send
 * actions) a lesson may send.  A run keeps its whole trace, about 12 KB
 * for each copy it carries to a mailbox (make bench: 50,000 copies take
 * seconds and hundreds of MB), so a lesson past this is refused with a
 * located error rather than left to swap. */
#define SC_MAX_COPIES 50000

struct sc_action {
	int64_t at;            /* simulated microseconds */
	enum act_kind kind;
	struct sc_send send;   /* ACT_SEND */
	int user;              /* ACT_FETCH, ACT_MARK_SPAM */
	char *password;        /* ACT_FETCH: log in with this instead of the user's */
	struct sc_fetch fetch; /* ACT_FETCH: how (the user's setting unless the
	                        * action says otherwise) */
	int router, rule, enabled;   /* ACT_TOGGLE */
	char *tag;             /* ACT_MARK_SPAM: which message */
	int spam;              /* ACT_MARK_SPAM: 1 spam, 0 not spam */
};

/* Which trace record a caption or a quiz question belongs to: the first
 * that matches every given field.  Unset fields: type -1, node -1, code -1,
 * NULL strings.  code and cmd mean what the kind's descriptor says
 * (trace_match_keys). */
struct sc_match {
	int type;              /* enum trace_kind or -1 */
	int node;              /* host or router index (see scenario_node) or -1 */
	char *msg;             /* message tag */
	int code;
	char *cmd;
	char *text;            /* a piece of a protocol line as sent (cmd, reply
	                        * records only), e.g. "dave@ispb.example" */
};

/* A caption is shown (GUI) or printed (headless) at its record. */
struct sc_caption {
	struct sc_match on;
	struct sc_text text;
};

/* A quiz question, asked just before its record happens: the window pauses
 * there, asks, lets the event happen and reveals the answer. */
#define SC_QUIZ_MAX_CHOICES 4
struct sc_quiz_text {
	char *question;
	char *choice[SC_QUIZ_MAX_CHOICES];
	char *explain;         /* one sentence: why the answer is right */
};
/* What the window keeps out of view while a question is asked (not once it
 * is answered): what would give its answer away.  A whole view, because
 * how much the question's own box covers changes with the language and
 * the window's size. */
enum sc_quiz_hide {
	SC_QUIZ_HIDE_CAPTION,  /* the caption band (the lesson's summary, a caption) */
	SC_QUIZ_HIDE_EVENTS,   /* the event list and its narration */
	SC_QUIZ_HIDE_CARD,     /* the focused mail's envelope and header */
	SC_QUIZ_HIDE_CHECKS,   /* the receiving server's checks box on the map */
	SC_QUIZ_HIDE_WIRE,     /* the lines on the wire: the map's tags, the
	                        * transcript, what the eavesdropper heard */
	SC_QUIZ_HIDE_COUNT
};
extern const char *const sc_quiz_hide_names[SC_QUIZ_HIDE_COUNT];

struct sc_quiz {
	struct sc_match on;
	unsigned hide;         /* 1 << enum sc_quiz_hide */
	int nchoices;          /* 2 .. SC_QUIZ_MAX_CHOICES */
	int answer;            /* 0-based index of the right choice */
	struct sc_quiz_text text[2];   /* [0] ja, [1] en */
};

/* An expected outcome, evaluated by check. */
struct sc_expect {
	char *msg;             /* message tag (required) */
	char *rcpt;            /* recipient address; NULL = every recipient */
	int state;             /* enum ledger_state or -1 */
	char *folder;          /* "INBOX", "Junk" */
	char *mailbox;         /* mailbox address that holds it */
	int node;              /* where it ended (router for blocked, host else) or -1 */
	char *rule;            /* blocking rule name */
	int code;              /* final SMTP reply code seen for it, 0 = any */
	int received;          /* number of Received fields in the delivered copy, -1 = any */
	char *header;          /* "Name: value" that must be present in the delivered copy */
	char *absent_header;   /* field name that must not be present */
	int verdict;           /* the recipient's spam filter judged it so (enum
	                        * bayes_verdict: ham, unsure, spam), -1 = any */
	int min, max;          /* counting: how many recipient lines of every message
	                        * whose tag is msg or starts with "msg." must match
	                        * the rest of the expectation; -1 = not counting */
	struct sc_expect_smime *smime;   /* what rcpt's MUA found opening it, or NULL */
	struct sc_text note;   /* what this expectation teaches */
};

/* ---- S/MIME (scenario_smime.c) ---- */

/* What a recipient's mail program must have found when it opened a
 * message ("smime" in an expectation).  -1: any. */
struct sc_expect_smime {
	int sig, chain, from, dec;   /* enum smime_sig, smime_chain, smime_from, smime_dec */
	unsigned holds, fails;       /* bit per enum smime_prop that must (not) hold */
};

/* A certificate authority of the lesson. */
struct sc_smime_ca {
	char *id;              /* "lesson-ca" */
	char *name;            /* its common name, NULL: the id */
	char *key_pem;         /* the private key (read from "key"), NULL */
	char *cert_pem;        /* its certificate (read from "cert"), NULL: self-signed */
	int trusted;           /* trusted by every user whose "trust" does not say */
};

/* A user's key and certificate. */
struct sc_smime_user {
	int user;              /* scenario user index */
	char *key_pem;         /* the private key (read from "key"), NULL */
	char *cert_pem;        /* the certificate (read from "cert"), NULL: issued */
	int ca;                /* issuing CA (index in cas) */
	unsigned trust;        /* bit c: this user's mail program trusts CA c */
	int64_t not_before, not_after;   /* Unix seconds; both 0: the default */
};

struct scenario_smime_cache;
struct smime;

#define SC_SMIME_MAX_CAS 16   /* a user's trust is one bit per CA */

/* The "smime" section: the lesson's CAs and its users' keys. */
struct sc_smime {
	struct sc_smime_ca *cas;
	int ncas;
	struct sc_smime_user *users;
	int nusers;
	struct scenario_smime_cache *cache;   /* contexts built so far, per seed */
};

struct scenario {
	char *file;
	char *id;
	struct sc_text title, summary;
	uint64_t seed;
	int64_t epoch;         /* Unix seconds at simulated time 0 */
	int tz_min;            /* time zone for Date and Received */
	int64_t until_us;      /* default run length */
	int64_t pace_us;       /* "pace": simulated µs the window plays per wall
	                        * second at 1x; 0 = from the lesson's latencies
	                        * (a network trip in about a second) */
	int narrate_captions;  /* "narrate": "captions": the headless run tells only
	                        * the captioned events and the totals (for lessons
	                        * with thousands of messages) */
	uint64_t narrate_kinds;   /* "narrate": [kinds]: bit k set, the headless run
	                           * tells kind k (and every captioned event); 0 all */
	struct sc_network *nets;  int nnets;
	struct sc_router *routers; int nrouters;
	struct sc_host *hosts;  int nhosts;
	struct sc_zone *zones;  int nzones;
	int dns_host;          /* host with the DNS role, -1 = built-in resolver */
	struct sc_user *users;  int nusers;
	struct sc_action *actions; int nactions;
	struct sc_caption *captions; int ncaptions;
	struct sc_quiz *quiz; int nquiz;
	struct sc_expect *expects; int nexpects;
	struct sc_smime *smime;   /* NULL: the lesson has no S/MIME */
	struct sc_sniffer *sniffers; int nsniffers;
	/* DNS's indexes (dns.c), built by scenario_finish: the zone of a
	 * domain, and an A record's address by name (the first in zone order,
	 * as the scan found it).  Empty in a scenario never finished (dns.c
	 * scans then). */
	struct hindex dns_zone_ix, dns_a_ix;
	uint32_t *dns_a_addr;     /* dns_a_ix's values index this */
};

/* Nodes are hosts then routers: node i < nhosts is host i, else router
 * i - nhosts.  Names for display (scenario_node_id gives "?" for an index
 * that names no node).  The find functions return an index or -1; users
 * and host names (fqdn) compare without regard to ASCII case. */
int scenario_node_count(const struct scenario *sc);
const char *scenario_node_id(const struct scenario *sc, int node);
int scenario_find_node(const struct scenario *sc, const char *id);
int scenario_find_host(const struct scenario *sc, const char *id);
int scenario_find_host_by_fqdn(const struct scenario *sc, const char *fqdn);
int scenario_find_host_by_addr(const struct scenario *sc, uint32_t addr);
/* The first MTA host whose "lmtp" names host (it hands its final delivery
 * to host's MDA over LMTP), or -1. */
int scenario_lmtp_client(const struct scenario *sc, int host);
int scenario_find_router(const struct scenario *sc, const char *id);
int scenario_find_rule(const struct sc_router *r, const char *name);
int scenario_find_net(const struct scenario *sc, const char *id);
int scenario_find_user(const struct scenario *sc, const char *address);
const char *sc_text_get(const struct sc_text *t, int lang);   /* lang: 0 ja, 1 en */
/* A rule's name as students read it in lang (0 ja, 1 en): its "short" text
 * in that language, else its name (an id such as "OP25B", the same in both
 * languages).  Never NULL. */
const char *scenario_rule_short(const struct sc_rule *ru, int lang);
/* The same for the rule named name at router (a ledger's or the totals'
 * key); name itself if there is no such rule, "" for NULL. */
const char *scenario_rule_short_named(const struct scenario *sc, int router, const char *name, int lang);

/* The S/MIME context (smime.h) of a run of sc with seed (0: the lesson's
 * own): the lesson's CAs and users' keys and certificates.  Built on first
 * use and kept by the scenario, so every run and every replay of one lesson
 * and seed shares it (building one costs tens of milliseconds; its output
 * depends only on the seed and each operation's inputs, see smime.h).  The
 * context for the lesson's own seed is built when the lesson loads, so that
 * a bad key or certificate is a located load error.  Returns NULL when the
 * lesson has no "smime" section; panics if libcrypto cannot build a context
 * for another seed (the same keys already loaded once). */
struct smime *scenario_smime_ctx(const struct scenario *sc, uint64_t seed);
/* The index in sc->smime->users of the user with this address, or -1 (also
 * without an smime section). */
int scenario_smime_user(const struct scenario *sc, const char *address);

/* Load a scenario file.  On success returns the scenario; on failure returns
 * NULL after printing one line per problem to err in the form
 *   FILE: /json/path: expected WHAT, found WHAT
 * The caller owns the result and frees it with scenario_free (NULL ok). */
struct scenario *scenario_load(const char *path, FILE *err);
/* The same from a string already in memory; name is used in messages. */
struct scenario *scenario_parse(const char *name, const char *json, FILE *err);
void scenario_free(struct scenario *sc);

/* Expand host groups ("count": N) into N hosts appended after the others,
 * and renumber router node references.  Called by the loader; a scenario
 * built in code may call it after setting group_size.  Returns 0, or -1
 * after printing a line per problem (FILE: /hosts/I/count: …) to err. */
int scenario_groups_expand(struct scenario *sc, FILE *err);

/* Helpers for building a scenario in code (the benchmark does).
 * scenario_new_empty gives a scenario with no nodes and the format's
 * defaults (file = name, id = its stem, seed 1, start
 * 2026-04-01T09:00:00+09:00, until 3600 s, no DNS server); fill the arrays
 * with xmalloc'd storage, which scenario_free then frees.  scenario_finish
 * sorts the actions by time, keeping the order of equal times. */
struct scenario *scenario_new_empty(const char *name);
void scenario_finish(struct scenario *sc);   /* derive indexes after filling arrays */

/* IPv4 text <-> host order.  scenario_parse_ipv4 accepts exactly four
 * decimal parts 0..255 without leading zeros ("192.0.2.1"); it returns 0
 * and sets *out, or -1 (leaving *out alone) if s is anything else. */
int scenario_parse_ipv4(const char *s, uint32_t *out);
void scenario_format_ipv4(uint32_t a, char out[16]);

#endif
