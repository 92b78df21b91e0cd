/* test_world — the two-ISP world the protocol tests share, built from a
 * few parts, and the questions a test asks of its run: the Nth record of a
 * kind, the dialogue on one connection, the reply to a command, the ledger
 * line of a recipient, the copy in a mailbox, a header field.
 *
 * The world is lesson 01's (Alice at ISP A, Bob at ISP B, OP25B at both
 * border routers, one DNS server) with three more users: Dave (ISP A) and
 * Carol (ISP B), who have a mailbox and no mail program, and Eve, whose
 * PC sits on the Internet and whose mail program submits to mail-a on
 * port 25 without AUTH.
 *
 *   network       cidr                latency   router
 *   ispa-pool     203.0.113.0/25      4 ms      ispa-gw (OP25B)
 *   ispa-servers  203.0.113.128/25    1 ms      ispa-gw
 *   internet      192.0.2.0/24        12 ms     both, 3 ms links
 *   ispb-servers  198.51.100.128/25   1 ms      ispb-gw
 *   ispb-pool     198.51.100.0/25     4 ms      ispb-gw (OP25B)
 *
 *   host      address          name                    roles
 *   alice-pc  203.0.113.10     alice-pc.ispa.example   MUA
 *   mail-a    203.0.113.130    mail.ispa.example       MSA MTA MDA MRA, ispa.example
 *   dns       192.0.2.53       ns.example.net          DNS
 *   mail-b    198.51.100.140   mail.ispb.example       MSA MTA MDA MRA, ispb.example
 *   bob-pc    198.51.100.20    bob-pc.ispb.example     MUA
 *   eve-pc    192.0.2.99       eve-pc.outside.example  MUA
 *
 *   user                 password    mailbox  mail program
 *   alice@ispa.example   alice-pass  mail-a   alice-pc, 587 with AUTH, IMAP
 *   bob@ispb.example     bob-pass    mail-b   bob-pc, 587 with AUTH, POP3
 *   carol@ispb.example   carol-pass  mail-b   -
 *   dave@ispa.example    dave-pass   mail-a   -
 *   eve@outside.example  eve-pass    -        eve-pc, mail-a:25 without AUTH
 *
 * Parts are JSON fragments written with single quotes; extra items and
 * extra keys are plain fragments ("'spf': 'tag'"), the fixture adds the
 * commas. */
#ifndef MAILSIM_TEST_WORLD_H
#define MAILSIM_TEST_WORLD_H

#include <stdint.h>

#include "sim.h"
#include "test_util.h"

/* The defaults of the parts that replace something, for tests that add to
 * them rather than replace them. */
#define TEST_WORLD_LINKS_A \
	"'ispa-pool', 'ispa-servers', {'network': 'internet', 'latency_ms': 3}"
#define TEST_WORLD_OP25B_A \
	"{'name': 'OP25B', 'action': 'drop', 'port': 25, 'from': ['net:ispa-pool']," \
	" 'to': ['!isp:ispa']}"
#define TEST_WORLD_OP25B_B \
	"{'name': 'OP25B', 'action': 'drop', 'port': 25, 'from': ['net:ispb-pool']," \
	" 'to': ['!isp:ispb']}"
#define TEST_WORLD_ZONE_A \
	"'mx': [{'pref': 10, 'host': 'mail.ispa.example'}]," \
	" 'a': [{'name': 'mail.ispa.example', 'addr': '203.0.113.130'}]"
#define TEST_WORLD_ZONE_B \
	"'mx': [{'pref': 10, 'host': 'mail.ispb.example'}]," \
	" 'a': [{'name': 'mail.ispb.example', 'addr': '198.51.100.140'}]"

/* What a test changes in the world.  Zero-initialise; NULL (or 0) keeps
 * the default. */
struct test_world_parts {
	int until;                /* the run's end in seconds (600) */
	const char *networks;     /* extra networks */
	const char *routers;      /* extra routers */
	const char *links_a;      /* ispa-gw's links (TEST_WORLD_LINKS_A) */
	const char *rules_a;      /* ispa-gw's rules (TEST_WORLD_OP25B_A); "" for none */
	const char *rules_b;      /* ispb-gw's rules (TEST_WORLD_OP25B_B); "" for none */
	const char *mail_a;       /* extra keys of host mail-a */
	const char *mail_b;       /* extra keys of host mail-b */
	const char *hosts;        /* extra hosts */
	const char *zone_a;       /* the records of ispa.example (TEST_WORLD_ZONE_A) */
	const char *zone_b;       /* the records of ispb.example (TEST_WORLD_ZONE_B) */
	const char *zones;        /* extra zones */
	const char *alice;        /* extra keys of user alice@ispa.example */
	const char *bob;          /* extra keys of user bob@ispb.example */
	const char *users;        /* extra users */
	const char *actions;      /* the actions */
	const char *expect;       /* the expected outcomes */
	const char *top;          /* extra top-level members ("'sniffers': […]") */
};

/* A loaded world and its run. */
struct test_world {
	struct scenario *sc;
	struct sim *s;
	char **kept;              /* strings handed out (test_world_field) */
	int nkept;
};

/* ---- building and running ---- */

/* The world as real JSON.  The caller frees it. */
char *test_world_json(const struct test_world_parts *p);
/* The world as a scenario, for tests that run it themselves (on a
 * timeline); one that does not load fails the test with the loader's
 * messages.  The caller frees it. */
struct scenario *test_world_scenario(const struct test_world_parts *p);
/* Load the world and create its run at time 0; a world that does not load
 * fails the test with the loader's messages. */
void test_world_load(struct test_world *w, const struct test_world_parts *p);
/* Run until t_us and fail the test if the ledger audit finds a problem. */
void test_world_run(struct test_world *w, int64_t t_us);
/* test_world_run, narrated in the catalogs cats (NULL-terminated): the
 * narration, which the caller frees. */
char *test_world_run_narrated(struct test_world *w, int64_t t_us, struct i18n *const *cats);
/* test_world_load, then test_world_run until the world's end (parts.until). */
void test_world_start(struct test_world *w, const struct test_world_parts *p);
/* Free the run, the scenario and every string handed out. */
void test_world_done(struct test_world *w);
/* Assert that the world does not load under the file name file, and
 * return what the loader wrote (the caller frees it). */
char *test_world_errors(const char *file, const struct test_world_parts *p);

/* The functions that fail the test name the test's own line: each is a
 * macro over NAME_at(__FILE__, __LINE__, …). */

/* ---- names ---- */

/* Host index of id; fails the test if there is none. */
int test_world_host_at(const char *file, int line, const struct test_world *w, const char *id);
#define test_world_host(...) test_world_host_at(__FILE__, __LINE__, __VA_ARGS__)
/* Node id (nhosts + router index) of router id; fails the test if none. */
int test_world_router_node_at(const char *file, int line, const struct test_world *w,
                              const char *id);
#define test_world_router_node(...) test_world_router_node_at(__FILE__, __LINE__, __VA_ARGS__)

/* ---- trace records ----
 * Records point into the run's trace: they are valid until the run goes
 * on (test_world_run) or is freed, and a record passed back in must come
 * from the same world. */

/* The nth (from 0) record of kind at node (-1: at any node), or NULL. */
const struct trace_rec *test_world_rec(const struct test_world *w, enum trace_kind kind,
                                       int node, int nth);
/* How many records of kind there are at node (-1: at any node). */
int test_world_count(const struct test_world *w, enum trace_kind kind, int node);
/* The connection id of the nth (from 0) connection host opened to port;
 * fails the test if there is none. */
int test_world_conn_at(const char *file, int line, const struct test_world *w, const char *host,
                       int port, int nth);
#define test_world_conn(...) test_world_conn_at(__FILE__, __LINE__, __VA_ARGS__)
/* The records of kind on connection conn in order: fills out[0 .. max-1]
 * and returns how many there are (which may exceed max). */
int test_world_on_conn(const struct test_world *w, int conn, enum trace_kind kind,
                       const struct trace_rec **out, int max);

/* ---- commands and their replies ---- */

/* The nth (from 0) command on conn whose verb is verb ("EHLO"; "." is the
 * message itself; for IMAP the word after the tag), or NULL. */
const struct trace_rec *test_world_cmd(const struct test_world *w, int conn, const char *verb,
                                       int nth);
/* The nth (from 0) command on conn whose line is exactly line, or NULL. */
const struct trace_rec *test_world_cmd_line(const struct test_world *w, int conn,
                                            const char *line, int nth);
/* The command sent after cmd on its connection, or NULL. */
const struct trace_rec *test_world_cmd_after(const struct test_world *w,
                                             const struct trace_rec *cmd);
/* The reply that answers cmd, or NULL if none came.  Servers answer in the
 * order of the commands (also when a client pipelines them), so the k-th
 * command's reply is the k-th reply after the greeting. */
const struct trace_rec *test_world_reply(const struct test_world *w, const struct trace_rec *cmd);
/* The server's greeting on conn (the reply before any command), or NULL. */
const struct trace_rec *test_world_greeting(const struct test_world *w, int conn);
/* The reply to the first command with verb on conn; fails the test, saying
 * which, if there is no such command or it got no reply. */
const struct trace_rec *test_world_reply_to_at(const char *file, int line,
                                               const struct test_world *w, int conn,
                                               const char *verb);
#define test_world_reply_to(...) test_world_reply_to_at(__FILE__, __LINE__, __VA_ARGS__)

/* One exchange of a dialogue: a command and what its reply starts with. */
struct test_world_step {
	const char *verb;         /* the command's verb; NULL: the greeting */
	const char *line;         /* the whole command line, or NULL: not checked */
	int code;                 /* the reply's code, or 0: not checked */
	const char *reply;        /* what the reply starts with */
};
/* Expect the dialogue on conn to be exactly want[0 .. n-1]: the same
 * commands in the same order, each answered as said.  Every difference is
 * one failed expectation naming the step. */
void test_world_expect_dialogue_at(const char *file, int line, const struct test_world *w,
                                   int conn, const struct test_world_step *want, int n);
#define test_world_expect_dialogue(...) \
	test_world_expect_dialogue_at(__FILE__, __LINE__, __VA_ARGS__)

/* ---- the ledger and the mailboxes ---- */

/* The ledger line of message tag for recipient addr (as first addressed);
 * fails the test if there is none. */
const struct ledger_rcpt *test_world_rcpt_at(const char *file, int line,
                                             const struct test_world *w, const char *tag,
                                             const char *addr);
#define test_world_rcpt(...) test_world_rcpt_at(__FILE__, __LINE__, __VA_ARGS__)
/* The name of that line's state ("delivered"). */
const char *test_world_state_at(const char *file, int line, const struct test_world *w,
                               const char *tag, const char *addr);
#define test_world_state(...) test_world_state_at(__FILE__, __LINE__, __VA_ARGS__)
/* The copy of message tag stored in mailbox (any folder), or NULL. */
const struct msg *test_world_stored(const struct test_world *w, const char *tag,
                                    const char *mailbox);
/* How many copies are held as holder for mailbox (of message tag only, if
 * tag is non-NULL); *first (if non-NULL) gets the first of them. */
int test_world_copies(const struct test_world *w, enum sim_holder holder, const char *mailbox,
                      const char *tag, const struct msg **first);
/* The position in m's header (from 0 at the top) of the nth (from 0) field
 * called name, or -1. */
int test_world_field_index(const struct msg *m, const char *name, int nth);
/* The value of the nth (from 0, top first) field called name in m, or NULL.
 * The string lives until test_world_done. */
const char *test_world_field(struct test_world *w, const struct msg *m, const char *name,
                             int nth);

#endif
