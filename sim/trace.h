/* trace — the structured record of every event the engine processes.  One
 * record is the single source for the narration, the JSON-lines export, the
 * GUI's event list and animation, and check's evaluation of a lesson.
 *
 * A record is a common header (when, what kind, who acted, about which
 * message and connection) and a typed payload for its kind.  A record can
 * be told without the run that made it: it names its message by tag and
 * its origin, and everything else it needs comes from the scenario.
 *
 * Adding a kind: a value in enum trace_kind and its name in
 * trace_kind_names (trace_names.c), a payload struct below (or an existing
 * one), a descriptor in trace_kinds.c (its variants, the arguments of its
 * sentence, its JSON, how captions match it), and its sentences in the
 * catalogs (narr.KIND and ui.ev.KIND, both languages).  The narrator, the
 * event list, the JSON export and check need no edits. */
#ifndef MAILSIM_TRACE_H
#define MAILSIM_TRACE_H

#include <stddef.h>
#include <stdint.h>

struct msg;
struct scenario;
struct sbuf;

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
	TR_SPF,           /* a receiving MTA checked SPF */

	/* S/MIME (issue 8) */
	TR_SMIME,         /* a mail program's S/MIME step: hash, sign, session
	                   * key, encrypt, wrap; unwrap, decrypt, digest,
	                   * verify, chain, verdict (one record per step) */
	TR_TAMPER,        /* an attacker's relay changed a mail it passed on */
	TR_STATE,         /* a recipient's ledger state changed (not told) */
	/* sender domain authentication (送信ドメイン認証): mta_auth.c */
	TR_DKIM_SIGN,     /* a sending server signed a message with DKIM */
	TR_DKIM,          /* a receiving MTA checked a DKIM signature (or found none) */
	TR_DMARC,         /* a receiving MTA evaluated DMARC and decided */
	/* the spam filter (filter.c) */
	TR_FILTER,        /* a user's spam filter judged a message at delivery */
	TR_LEARN,         /* a user's mark taught the filter (train, or untrain
	                   * from the other class and train) */
	/* reading mail safely (issue 13): sniff.c */
	TR_SNIFF,         /* what an eavesdropper on a segment saw of one packet */
	TR_KIND_COUNT
};
extern const char *const trace_kind_names[TR_KIND_COUNT];
int trace_kind_from_name(const char *name);

enum proto { PROTO_NONE, PROTO_SMTP, PROTO_POP3, PROTO_IMAP, PROTO_DNS, PROTO_LMTP, PROTO_COUNT };
extern const char *const proto_names[PROTO_COUNT];

/* Who set the message (or the action) a record is about in motion. */
enum trace_origin {
	TRACE_ORIGIN_NONE,     /* not about a message or an action */
	TRACE_ORIGIN_USER,     /* a user: their mail program, or a click */
	TRACE_ORIGIN_BOT,      /* an infected PC */
	TRACE_ORIGIN_SCRIPT,   /* the lesson's script: a hand-typed session, a
	                        * scheduled rule switch or mark */
	TRACE_ORIGIN_BOUNCE,   /* a delivery status notification a server wrote */
	TRACE_ORIGIN_FORWARD,  /* a copy a mailbox's forward setting sends on */
	TRACE_ORIGIN_ATTACKER, /* an attacker's own PC (rogue like a bot, not infected) */
	TRACE_ORIGIN_COUNT
};
extern const char *const trace_origin_names[TRACE_ORIGIN_COUNT];

/* ---- payloads, one family per struct ---- */

/* TR_CMD, TR_REPLY: a line on the wire. */
struct trace_line {
	const char *verb;      /* a command's verb ("MAIL"; "." for the message
	                        * itself); for a reply, the client step it
	                        * answers ("rcpt") */
	const char *text;      /* the line as sent; NULL for the message itself */
	int code;              /* a reply's code: SMTP 250 …; POP3 and IMAP 1 for
	                        * OK, 0 for an error */
	uint32_t bytes;        /* the message itself: its size on the wire */
	const char *explain;   /* a reply: the catalog key of what it means (from
	                        * the server's reply table, a static string), or
	                        * NULL; a command's is explain.PROTO.VERB unless
	                        * its server set one (IMAP CAPABILITY in TLS) */
};

/* A router rule that stopped a connection (router -1: none did). */
struct trace_stop {
	int router, rule;      /* scenario indices */
	uint8_t action;        /* enum rule_action */
};

/* TR_COMPOSE (its peer is the server named by the action's "via", a
 * smarthost or an open relay a bot abuses, or -1) */
struct trace_compose {
	const char *subject;
};

/* TR_CONNECT */
struct trace_connect {
	uint32_t addr;         /* the address the SYN is for */
};

/* TR_DNS_QUERY, TR_DNS_ANSWER */
enum trace_dns_for {
	TRACE_DNS_MX,          /* where to send mail (MX) */
	TRACE_DNS_DKIM,        /* a DKIM signer's public key (TXT at s._domainkey.d) */
	TRACE_DNS_DMARC,       /* a From domain's DMARC policy (TXT at _dmarc.d) */
	TRACE_DNS_FOR_COUNT
};
extern const char *const trace_dns_for_names[TRACE_DNS_FOR_COUNT];
struct trace_dns {
	const char *domain;
	const char *type;      /* "MX", "TXT" */
	int nanswers;          /* answer: records found; 0 none, -1 NXDOMAIN */
	const char *answer;    /* answer: the records, one per line, as a
	                        * resolver prints them */
	uint8_t purpose;       /* enum trace_dns_for */
};

/* TR_QUEUED: how a server came to hold the message. */
enum trace_take {
	TRACE_TAKE_MSA,        /* submitted by an authenticated user */
	TRACE_TAKE_MTA,        /* relayed to it over port 25 */
	TRACE_TAKE_FORWARD,    /* a mailbox's forward setting sends it on */
	TRACE_TAKE_BOUNCE,     /* a bounce it wrote itself */
	TRACE_TAKE_MSA_RELAY,  /* submitted to an MSA without an MTA beside it,
	                        * which hands it to its relay host (to) */
	TRACE_TAKE_COUNT
};
extern const char *const trace_take_names[TRACE_TAKE_COUNT];
struct trace_queued {
	uint8_t how;           /* enum trace_take */
	const char *rcpt;      /* forward: the recipient whose setting forwards */
	const char *to;        /* forward: where the copy goes now; MSA_relayhost:
	                        * the relay host's name */
};

/* TR_DELIVER, TR_FETCHED, TR_MARK: a user's mailbox. */
struct trace_box {
	int user;              /* scenario user index */
	uint8_t folder;        /* deliver, mark: the folder it is in now */
	uint8_t spam;          /* mark: 1 marked as spam, 0 as not spam */
};
enum { TRACE_FOLDER_INBOX, TRACE_FOLDER_JUNK, TRACE_FOLDER_COUNT };
extern const char *const trace_folder_names[TRACE_FOLDER_COUNT];

/* TR_DEFER: why a try failed. */
enum trace_why {
	TRACE_WHY_REPLY,       /* the server answered 4xx (code, text) */
	TRACE_WHY_TIMEOUT,     /* no answer to the SYN */
	TRACE_WHY_REFUSED,     /* the connection was refused */
	TRACE_WHY_NO_MX,       /* no mail exchanger to try */
	TRACE_WHY_COUNT
};
extern const char *const trace_why_names[TRACE_WHY_COUNT];
struct trace_defer {
	uint8_t why;           /* enum trace_why */
	int code;              /* the reply code, 0 */
	const char *text;      /* the reply or the reason, in English */
	int64_t retry_us;      /* the wait before the next try */
};

/* TR_BOUNCE: why the mail could not be delivered, as Postfix decides. */
enum trace_bounce_why {
	TRACE_BOUNCE_REPLY,      /* a server refused it with 5xx (text: the reply) */
	TRACE_BOUNCE_EXPIRED,    /* older than the queue lifetime: the last deferral */
	TRACE_BOUNCE_LOOPBACK,   /* the best MX is this host: "loops back to myself" */
	TRACE_BOUNCE_NO_HOST,    /* the domain or its MX host has no address */
	TRACE_BOUNCE_FWD_LOOP,   /* local delivery found its own Delivered-To */
	TRACE_BOUNCE_UNKNOWN,    /* accepted for a local user who does not exist */
	TRACE_BOUNCE_WHY_COUNT
};
extern const char *const trace_bounce_why_names[TRACE_BOUNCE_WHY_COUNT];
struct trace_bounce {
	const char *to;        /* the original's envelope sender */
	uint8_t why;           /* enum trace_bounce_why */
	const char *status;    /* the first failed recipient's status ("5.1.1") */
	const char *text;      /* and its diagnostic, as the bounce words it */
};

/* TR_DISCARD */
struct trace_discard {
	const char *why;       /* "rejected", "unknown user", "expired" */
	const char *header;    /* the message's header as it was dropped (CRLF
	                        * line ends, folded, no blank line after it):
	                        * the letter card still shows the copy there */
};

/* TR_MUA_ERROR */
struct trace_error {
	uint8_t fetch;         /* fetching failed (else sending) */
	uint8_t gone;          /* sending: every recipient it failed for was
	                        * refused for good (5xx), so nothing stays in
	                        * the outbox to send again */
	int code;              /* the reply code that caused it, 0 */
	const char *text;      /* the error: a reply, or a reason in English */
	struct trace_stop stop;
};

/* TR_RULE */
struct trace_toggle {
	int router, rule;
	uint8_t enabled;
};

/* TR_SPF: the SPF check (RFC 7208) of the envelope sender's domain, or
 * of the HELO name for the null sender of a bounce. */
enum trace_spf_check { TRACE_SPF_MAILFROM, TRACE_SPF_HELO, TRACE_SPF_COUNT };
extern const char *const trace_spf_check_names[TRACE_SPF_COUNT];
struct trace_spf {
	uint8_t check;         /* enum trace_spf_check */
	uint8_t result;        /* enum spf_result */
	const char *domain;    /* the domain SPF checked (envelope, or HELO) */
	const char *mechanism; /* the term that decided ("+mx") */
};

/* Simulated time one S/MIME step takes at a mail program: about a second
 * on the screen at 1x, so that each step can be watched. */
#define TRACE_SMIME_STEP_US (25 * 1000LL)

/* TR_SMIME: one step of S/MIME at a mail program (node: its host, role
 * MUA).  The sending MUA hashes and signs, makes a session key, encrypts
 * and wraps; the reading MUA unwraps, decrypts, compares digests,
 * verifies the signature and the certificate chain, and gives a verdict.
 * Names, reasons and sentences: trace_smime.h. */
enum trace_smime_step {
	TRACE_SMIME_HASH,      /* the signed content's digest (who: signer; alg;
	                        * v1: the digest in hex; bytes: content hashed) */
	TRACE_SMIME_SIGN,      /* the digest signed with the signer's private key
	                        * (bits: RSA key; bytes: signature; bytes2:
	                        * certificates carried) */
	TRACE_SMIME_KEY,       /* a one-time session key made (alg: cipher; bits;
	                        * bytes: IV) */
	TRACE_SMIME_ENCRYPT,   /* the content encrypted with it (bytes: plaintext;
	                        * bytes2: ciphertext) */
	TRACE_SMIME_WRAP,      /* the session key encrypted with each recipient's
	                        * public key (who: recipients; bits: RSA key;
	                        * bytes: wrapped key; bytes2: recipients) */
	TRACE_SMIME_REFUSE,    /* the sender's MUA cannot protect the mail
	                        * (result: enum trace_smime_refuse; who: whose
	                        * key or certificate is missing) */
	TRACE_SMIME_UNWRAP,    /* the reader's private key on the wrapped session
	                        * key (result: enum smime_dec; who: reader; other:
	                        * whom it was wrapped for; bits; bytes) */
	TRACE_SMIME_DECRYPT,   /* the content decrypted with the session key
	                        * (alg; bits; bytes: ciphertext; bytes2: plaintext) */
	TRACE_SMIME_DIGEST,    /* the received content's digest against the one
	                        * signed (result: 1 match, 0 not; who: signer; v1:
	                        * signed, v2: computed; bytes: content hashed) */
	TRACE_SMIME_VERIFY,    /* the signature checked with the public key in the
	                        * signer's certificate (result: enum smime_sig; who:
	                        * signer; other: header From; bits; bytes) */
	TRACE_SMIME_CHAIN,     /* the signer's certificate checked up to a CA the
	                        * reader trusts (result: enum smime_chain; who:
	                        * signer; other: the issuing CA; v1, v2: valid
	                        * from, until) */
	TRACE_SMIME_VERDICT,   /* what holds (result: enum trace_smime_verdict;
	                        * sig, chain, from, dec; holds; who: reader; other:
	                        * header From; v1: signer) */
	TRACE_SMIME_STEP_COUNT
};
extern const char *const trace_smime_step_names[TRACE_SMIME_STEP_COUNT];

/* TRACE_SMIME_REFUSE: why the sender's MUA cannot protect a mail. */
enum trace_smime_refuse {
	TRACE_SMIME_REFUSE_NO_KEY,    /* the sender holds no private key to sign with */
	TRACE_SMIME_REFUSE_NO_CERT,   /* a recipient has no certificate to encrypt for */
	TRACE_SMIME_REFUSE_FAILED,    /* libcrypto failed */
	TRACE_SMIME_REFUSE_COUNT
};
extern const char *const trace_smime_refuse_names[TRACE_SMIME_REFUSE_COUNT];

/* TRACE_SMIME_VERDICT: the one thing to tell first. */
enum trace_smime_verdict {
	TRACE_SMIME_V_OK,             /* signed by From, trusted, and encrypted */
	TRACE_SMIME_V_SIGNED,         /* signed by From and trusted; not encrypted */
	TRACE_SMIME_V_ENCRYPTED,      /* encrypted and read; not signed */
	TRACE_SMIME_V_UNSIGNED,       /* neither signed nor encrypted */
	TRACE_SMIME_V_TAMPERED,       /* the content changed after signing */
	TRACE_SMIME_V_BAD_SIGNATURE,  /* the signature does not verify */
	TRACE_SMIME_V_NO_CERT,        /* the signer's certificate is missing */
	TRACE_SMIME_V_MISMATCH,       /* signed by someone else than From */
	TRACE_SMIME_V_UNTRUSTED,      /* the certificate is not trusted (unknown
	                               * CA, expired, …: chain) */
	TRACE_SMIME_V_UNREADABLE,     /* encrypted, and this reader cannot decrypt */
	TRACE_SMIME_V_MALFORMED,      /* something could not be read */
	TRACE_SMIME_V_COUNT
};
extern const char *const trace_smime_verdict_names[TRACE_SMIME_V_COUNT];

struct trace_smime {
	uint8_t step;          /* enum trace_smime_step */
	uint8_t more;          /* 1 if this mail program has more steps of this
	                        * mail to go (the animation keeps playing) */
	uint8_t result;        /* the step's outcome (see each step) */
	uint8_t sig, chain, from, dec;   /* VERDICT: enum smime_sig, _chain,
	                        * _from, _dec as the reader found them */
	uint8_t holds;         /* VERDICT: bit p set when enum smime_prop p holds */
	uint16_t bits;         /* a key's size in bits */
	uint32_t bytes, bytes2;   /* sizes (see each step) */
	const char *who, *other, *alg, *v1, *v2;
};

/* TR_TAMPER: what the attacker's relay changed. */
struct trace_tamper {
	const char *find;      /* the text it looked for */
	const char *replace;   /* what it wrote instead */
	int count;             /* places changed; 0: not found */
	uint8_t encrypted;     /* the mail was encrypted: only ciphertext to look at */
};

/* TR_FILTER, TR_LEARN: a user's Bayesian spam filter (bayes.h).  A
 * verdict is made at delivery by the MDA; a correction (TR_LEARN) records
 * what the filter learnt and the message judged again by what it knows
 * now.  The clues are the tokens that weighed most, most telling first. */
#define TRACE_FILTER_CLUES 5
/* A class the filter has learnt a message as, or none. */
enum trace_learn { TRACE_LEARN_NONE, TRACE_LEARN_HAM, TRACE_LEARN_SPAM, TRACE_LEARN_COUNT };
extern const char *const trace_learn_names[TRACE_LEARN_COUNT];
struct trace_filter {
	int user;              /* scenario user index: whose filter */
	float score;           /* 0 (ham) … 1 (spam) */
	float ham_cut;         /* ham below this */
	float cut;             /* spam from this on (filed in Junk); unsure between */
	uint8_t verdict;       /* enum bayes_verdict */
	uint8_t from;          /* TR_LEARN: the class unlearnt first (enum trace_learn) */
	uint8_t learned;       /* the class learnt now (TR_FILTER: its own verdict,
	                        * none when unsure; TR_LEARN: the user's) */
	uint8_t truth;         /* TR_FILTER: what the lesson says the mail is
	                        * (enum trace_learn; none where it does not say) */
	uint8_t nclues;
	uint16_t ntokens;      /* distinct tokens in the message (saturating) */
	uint16_t nunseen;      /* of them, those the filter never learnt: left out
	                        * of the score (saturating) */
	const char *clues;     /* the clue tokens, each ended by '\n' (tokens hold
	                        * no white space): see trace_filter_clue */
	uint16_t prob[TRACE_FILTER_CLUES];      /* f(w) × 10000 */
	uint16_t count[TRACE_FILTER_CLUES][2];  /* ham and spam messages the token
	                                         * was in (saturating at 65535) */
};
/* Clue i (0 <= i < nclues) of f: its bytes (not NUL-terminated) and length
 * in *len; NULL for a bad index. */
const char *trace_filter_clue(const struct trace_filter *f, int i, size_t *len);

/* TR_STATE: one recipient's ledger line changed state. */
struct trace_state {
	const char *rcpt;
	uint8_t from, to;      /* enum ledger_state */
};

/* TR_DKIM_SIGN: a sending server signed a message (RFC 6376). */
struct trace_dkim_sign {
	uint8_t delegated;     /* the server is not the signing domain's own: it signs
	                        * with a key the domain handed over (代理送信) */
	int key_bits;          /* the RSA key's size */
	const char *domain;    /* d= */
	const char *selector;  /* s= */
	const char *fields;    /* h=: the header fields signed */
	const char *body_hash; /* bh=: the body's SHA-256, base64 */
	const char *error;     /* why it could not sign (English), or NULL */
};

/* TR_DKIM: a receiving MTA checked one DKIM-Signature field, or found
 * none (status DKIM_STATUS_NONE).  Each step is what the verifier did:
 * fetch the public key from DNS, compare the body hash, check the header
 * signature with the key; a step after one that failed is skipped. */
enum trace_dkim_step { TRACE_DKIM_SKIPPED, TRACE_DKIM_OK, TRACE_DKIM_FAILED, TRACE_DKIM_STEP_COUNT };
extern const char *const trace_dkim_step_names[TRACE_DKIM_STEP_COUNT];
struct trace_dkim {
	uint8_t status;        /* enum dkim_status (dkim.h) */
	uint8_t key, body, signature;   /* enum trace_dkim_step */
	int key_bits;          /* the public key's size, 0 if none was usable */
	const char *domain;    /* d= (NULL when the field is unreadable) */
	const char *selector;  /* s= */
	const char *fields;    /* h= */
	const char *authres;   /* its Authentication-Results resinfo */
	const char *detail;    /* what the verifier found, in English */
};

/* TR_DMARC: what a receiving MTA made of DMARC (RFC 7489) and what it
 * does with the message because of its checks. */
enum trace_dmarc_act { TRACE_DMARC_INBOX, TRACE_DMARC_JUNK, TRACE_DMARC_REJECT,
                       TRACE_DMARC_ACT_COUNT };
extern const char *const trace_dmarc_act_names[TRACE_DMARC_ACT_COUNT];
/* Why the action is what it is. */
enum trace_dmarc_why {
	TRACE_DMARC_AS_USUAL,  /* nothing asks for more than ordinary delivery */
	TRACE_DMARC_POLICY,    /* the From domain owner's policy (p=, sp=) */
	TRACE_DMARC_PCT,       /* that policy one step milder: pct= left it out */
	TRACE_DMARC_LOCAL,     /* the server's own local policy instead of the owner's */
	TRACE_DMARC_SPF,       /* the server files mail that failed SPF in Junk */
	TRACE_DMARC_WHY_COUNT
};
extern const char *const trace_dmarc_why_names[TRACE_DMARC_WHY_COUNT];
struct trace_dmarc {
	uint8_t status;        /* enum dmarc_status (dmarc.h) */
	uint8_t spf;           /* enum spf_result the evaluation used */
	uint8_t spf_aligned;   /* SPF passed for a domain aligned with From */
	uint8_t dkim_aligned;  /* a DKIM signature passed with an aligned d= */
	uint8_t dkim_checked;  /* the server verified DKIM signatures at all */
	uint8_t requested;     /* enum dmarc_policy the owner asks for */
	uint8_t disposition;   /* … after pct= */
	uint8_t action;        /* enum trace_dmarc_act */
	uint8_t why;           /* enum trace_dmarc_why */
	uint8_t local;         /* enum sc_dmarc: the server's setting */
	int pct;               /* the record's pct= (100 without a record) */
	const char *from;      /* the header From domain (NULL if none) */
	const char *spf_domain;    /* the domain SPF checked */
	const char *dkim_domain;   /* the aligned d= if any, else the first d= that
	                            * passed without aligning, else NULL */
	const char *record;    /* the policy record found, or NULL */
	const char *detail;    /* what the evaluation found, in English */
};

/* TR_SNIFF: what an eavesdropper (a scenario sniffer) on a network
 * segment could read of one packet crossing it.  The addresses and ports
 * are always in the clear; the content only without TLS. */
enum trace_sniff_what {
	TRACE_SNIFF_SYN,       /* a TCP connection attempt */
	TRACE_SNIFF_CLEAR,     /* a protocol line in clear text: all of it */
	TRACE_SNIFF_HANDSHAKE, /* the TLS handshake: that encryption starts */
	TRACE_SNIFF_TLS,       /* TLS application data: only its size */
	TRACE_SNIFF_COUNT
};
extern const char *const trace_sniff_what_names[TRACE_SNIFF_COUNT];
/* What a clear line gives away. */
enum trace_sniff_secret {
	TRACE_SNIFF_NOTHING,   /* nothing secret */
	TRACE_SNIFF_PASSWORD,  /* a password (POP3 PASS, IMAP LOGIN, SMTP AUTH) */
	TRACE_SNIFF_DIGEST,    /* an APOP digest: not the password, and good for
	                        * this one greeting's timestamp only */
	TRACE_SNIFF_SECRET_COUNT
};
extern const char *const trace_sniff_secret_names[TRACE_SNIFF_SECRET_COUNT];
struct trace_sniff {
	int sniffer;           /* scenario sniffer index */
	uint8_t what;          /* enum trace_sniff_what */
	uint8_t secret;        /* enum trace_sniff_secret (CLEAR) */
	uint8_t to_server;     /* the packet goes client -> server */
	uint16_t sport, dport; /* source and destination ports */
	uint32_t src, dst;     /* source and destination addresses */
	uint32_t bytes;        /* bytes the packet carries (TLS: the records) */
	const char *text;      /* CLEAR: the line(s) as they cross; else NULL */
};

/* One record.  Strings point into the trace's own storage and live as long
 * as the run.  -1 marks an absent index, 0 an absent port. */
struct trace_rec {
	uint64_t seq;          /* 1, 2, 3 … in processing order */
	size_t event;          /* sim_events_done() once the event that made this
	                        * record is processed (timeline_goto(tl, event)
	                        * shows the state right after it); for records a
	                        * user action made between events, the count then */
	int64_t t;             /* simulated microseconds */
	int64_t t_sent;        /* when what arrived was sent (== t if local) */
	enum trace_kind kind;
	uint8_t origin;        /* enum trace_origin */
	uint8_t tls;           /* the connection is encrypted at this point */
	uint8_t proto;         /* enum proto */
	int role;              /* enum role acting at node, -1 */
	int node;              /* acting node (host, or nhosts + router), -1 */
	int peer;              /* the other end, -1 */
	int msg;               /* ledger entry, -1 */
	const char *tag;       /* that entry's tag ("m1"), NULL */
	int conn;              /* connection id, -1 */
	int port;
	uint16_t burst;        /* TR_CMD, TR_REPLY pipelined (RFC 2920): the line's
	                        * place in the burst of commands or replies that
	                        * travelled together (1, 2, …); 0 when alone */
	union {
		struct trace_line line;
		struct trace_stop stop;       /* TR_BLOCKED, TR_REFUSED, TR_TIMEOUT */
		struct trace_compose compose;
		struct trace_connect connect;
		struct trace_dns dns;
		struct trace_queued queued;
		struct trace_box box;
		struct trace_defer defer;
		struct trace_bounce bounce;
		struct trace_discard discard;
		struct trace_error error;
		struct trace_toggle toggle;
		struct trace_spf spf;
		struct trace_smime smime;
		struct trace_tamper tamper;
		struct trace_state state;
		struct trace_dkim_sign dkim_sign;
		struct trace_dkim dkim;
		struct trace_dmarc dmarc;
		struct trace_filter filter;   /* TR_FILTER, TR_LEARN */
		struct trace_sniff sniff;
	} u;
};

/* Called for every record as it is appended.  m is the message the record
 * is about (or NULL); it is valid only during the call. */
typedef void (*trace_listener_fn)(void *ud, const struct trace_rec *r,
                                  const struct msg *m);

/* ---- what each kind is: trace_kinds.c ---- */

/* The arguments of a sentence being built (narrate.c). */
struct narrate_args;

struct trace_kind_desc {
	/* Not told: the narration and the event list pass over it. */
	uint8_t quiet;
	/* The variant is the record's port number (narr.accept.465). */
	uint8_t port_variant;
	/* Every other variant the variant function can return, NULL-ended
	 * (the catalog test checks each has text). */
	const char *const *variants;
	/* Offsets in struct trace_rec of the payload's strings, which the
	 * trace copies into its own storage; 0 ends the list. */
	uint16_t strings[5];
	/* The catalog key's variant ("narr.KIND.VARIANT", falling back to
	 * "narr.KIND"), or NULL; buf may hold it. */
	const char *(*variant)(const struct trace_rec *r, char *buf, size_t bufsz);
	/* Add the kind's own arguments to a sentence (the common ones, node,
	 * peer, addr, port, portdesc, msg, sec, role and proto, are there). */
	void (*args)(struct narrate_args *a, const struct trace_rec *r);
	/* Append the payload's JSON members, each starting with ','. */
	void (*json)(const struct scenario *sc, const struct trace_rec *r, struct sbuf *o);
	/* What a caption's "code" and "cmd" are matched against. */
	void (*match)(const struct trace_rec *r, int *code, const char **cmd);
	/* A check of the sender (SPF, DKIM, DMARC): 1 if it vouches for the
	 * message, -1 if it speaks against it, 0 neither.  NULL for kinds
	 * that are no such check; the window lists and colours those that are. */
	int (*verdict)(const struct trace_rec *r);
};
extern const struct trace_kind_desc trace_kinds[TR_KIND_COUNT];

/* A caption's "code" and "cmd" keys for record r (0 and NULL when its
 * kind has none). */
void trace_match_keys(const struct trace_rec *r, int *code, const char **cmd);

#endif
