/* test_world — the shared two-ISP test world and the questions tests ask
 * of its run (see test_world.h). */
#include "test_world.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "narrate.h"
#include "util.h"

/* ---- building and running ---- */

/* ", item" if there is an item: extra array items and object keys. */
static void test_world_more(struct sbuf *b, const char *item)
{
	if (item && *item)
		sbuf_addf(b, ", %s", item);
}

static const char *test_world_or(const char *part, const char *dflt)
{
	return part ? part : dflt;
}

char *test_world_json(const struct test_world_parts *p)
{
	struct sbuf b = { 0 };
	sbuf_addf(&b,
		"{ 'mailsim': 1, 'title': 'test world', 'seed': 1,"
		" 'start': '2026-04-01T09:00:00+09:00', 'until': %d,\n"
		"  'networks': [\n"
		"    {'id': 'ispa-pool', 'cidr': '203.0.113.0/25', 'kind': 'dynamic', 'isp': 'ispa', 'latency_ms': 4},\n"
		"    {'id': 'ispa-servers', 'cidr': '203.0.113.128/25', 'kind': 'servers', 'isp': 'ispa', 'latency_ms': 1},\n"
		"    {'id': 'internet', 'cidr': '192.0.2.0/24', 'kind': 'backbone', 'latency_ms': 12},\n"
		"    {'id': 'ispb-servers', 'cidr': '198.51.100.128/25', 'kind': 'servers', 'isp': 'ispb', 'latency_ms': 1},\n"
		"    {'id': 'ispb-pool', 'cidr': '198.51.100.0/25', 'kind': 'dynamic', 'isp': 'ispb', 'latency_ms': 4}",
		p->until ? p->until : 600);
	test_world_more(&b, p->networks);
	sbuf_addf(&b, "],\n"
		"  'routers': [\n"
		"    {'id': 'ispa-gw', 'links': [%s],\n"
		"     'rules': [%s]},\n"
		"    {'id': 'ispb-gw', 'links': ['ispb-pool', 'ispb-servers', {'network': 'internet', 'latency_ms': 3}],\n"
		"     'rules': [%s]}",
		test_world_or(p->links_a, TEST_WORLD_LINKS_A), test_world_or(p->rules_a, TEST_WORLD_OP25B_A),
		test_world_or(p->rules_b, TEST_WORLD_OP25B_B));
	test_world_more(&b, p->routers);
	sbuf_adds(&b, "],\n"
		"  'hosts': [\n"
		"    {'id': 'alice-pc', 'network': 'ispa-pool', 'addr': '203.0.113.10', 'name': 'alice-pc.ispa.example', 'roles': ['MUA']},\n"
		"    {'id': 'mail-a', 'network': 'ispa-servers', 'addr': '203.0.113.130', 'name': 'mail.ispa.example',\n"
		"     'roles': ['MSA', 'MTA', 'MDA', 'MRA'], 'domains': ['ispa.example']");
	test_world_more(&b, p->mail_a);
	sbuf_adds(&b, "},\n"
		"    {'id': 'dns', 'network': 'internet', 'addr': '192.0.2.53', 'name': 'ns.example.net', 'roles': ['DNS']},\n"
		"    {'id': 'mail-b', 'network': 'ispb-servers', 'addr': '198.51.100.140', 'name': 'mail.ispb.example',\n"
		"     'roles': ['MSA', 'MTA', 'MDA', 'MRA'], 'domains': ['ispb.example']");
	test_world_more(&b, p->mail_b);
	sbuf_adds(&b, "},\n"
		"    {'id': 'bob-pc', 'network': 'ispb-pool', 'addr': '198.51.100.20', 'name': 'bob-pc.ispb.example', 'roles': ['MUA']},\n"
		"    {'id': 'eve-pc', 'network': 'internet', 'addr': '192.0.2.99', 'name': 'eve-pc.outside.example', 'roles': ['MUA']}");
	test_world_more(&b, p->hosts);
	sbuf_addf(&b, "],\n"
		"  'dns': {'server': 'dns', 'zones': [\n"
		"    {'domain': 'ispa.example', %s},\n"
		"    {'domain': 'ispb.example', %s}",
		test_world_or(p->zone_a, TEST_WORLD_ZONE_A), test_world_or(p->zone_b, TEST_WORLD_ZONE_B));
	test_world_more(&b, p->zones);
	sbuf_adds(&b, "]},\n"
		"  'users': [\n"
		"    {'address': 'alice@ispa.example', 'name': 'Alice', 'password': 'alice-pass', 'mailbox': 'mail-a',\n"
		"     'mua': 'alice-pc', 'submit': {'host': 'mail-a', 'port': 587, 'auth': true}, 'fetch': {'protocol': 'imap'}");
	test_world_more(&b, p->alice);
	sbuf_adds(&b, "},\n"
		"    {'address': 'bob@ispb.example', 'name': 'Bob', 'password': 'bob-pass', 'mailbox': 'mail-b',\n"
		"     'mua': 'bob-pc', 'submit': {'host': 'mail-b', 'port': 587, 'auth': true}, 'fetch': {'protocol': 'pop3'}");
	test_world_more(&b, p->bob);
	sbuf_adds(&b, "},\n"
		"    {'address': 'carol@ispb.example', 'name': 'Carol', 'password': 'carol-pass', 'mailbox': 'mail-b'},\n"
		"    {'address': 'dave@ispa.example', 'name': 'Dave', 'password': 'dave-pass', 'mailbox': 'mail-a'},\n"
		"    {'address': 'eve@outside.example', 'name': 'Eve', 'password': 'eve-pass', 'mua': 'eve-pc',\n"
		"     'submit': {'host': 'mail-a', 'port': 25, 'auth': false}}");
	test_world_more(&b, p->users);
	sbuf_addf(&b, "],\n"
		"  'actions': [%s],\n"
		"  'expect': [%s]%s%s\n"
		"}\n",
		test_world_or(p->actions, ""), test_world_or(p->expect, ""), p->top ? ",\n  " : "",
		test_world_or(p->top, ""));
	char *json = test_util_json(b.s);
	sbuf_free(&b);
	return json;
}

struct scenario *test_world_scenario(const struct test_world_parts *p)
{
	char *json = test_world_json(p);
	struct scenario *sc = test_util_parse("world.json", json);
	free(json);
	return sc;
}

void test_world_load(struct test_world *w, const struct test_world_parts *p)
{
	*w = (struct test_world){ 0 };
	w->sc = test_world_scenario(p);
	w->s = sim_new(w->sc, NULL);
}

void test_world_run(struct test_world *w, int64_t t_us)
{
	sim_run_until(w->s, t_us);
	cr_assert_eq(sim_audit(w->s, stderr), 0, "at %lld s the ledger lost a message (see above)",
	             (long long)(t_us / 1000000));
}

char *test_world_run_narrated(struct test_world *w, int64_t t_us, struct i18n *const *cats)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	cr_assert_not_null(out);
	struct narrator *n = narrator_new(w->s, cats, out);
	sim_set_listener(w->s, narrator_listen, n);
	test_world_run(w, t_us);
	sim_set_listener(w->s, NULL, NULL);
	narrator_free(n);
	fclose(out);
	return text;
}

void test_world_start(struct test_world *w, const struct test_world_parts *p)
{
	test_world_load(w, p);
	test_world_run(w, w->sc->until_us);
}

void test_world_done(struct test_world *w)
{
	for (int i = 0; i < w->nkept; i++)
		free(w->kept[i]);
	free(w->kept);
	sim_free(w->s);
	scenario_free(w->sc);
	*w = (struct test_world){ 0 };
}

char *test_world_errors(const char *file, const struct test_world_parts *p)
{
	char *json = test_world_json(p), *errs;
	struct scenario *sc = test_util_parse_errs(file, json, &errs);
	free(json);
	cr_assert_null(sc, "%s loaded although it should not", file);
	return errs;
}

/* ---- names ---- */

int test_world_host_at(const char *file, int line, const struct test_world *w, const char *id)
{
	int h = scenario_find_host(w->sc, id);
	cr_assert_geq(h, 0, "%s:%d: no host %s in the world", file, line, id);
	return h;
}

int test_world_router_node_at(const char *file, int line, const struct test_world *w,
                              const char *id)
{
	int k = scenario_find_router(w->sc, id);
	cr_assert_geq(k, 0, "%s:%d: no router %s in the world", file, line, id);
	return w->sc->nhosts + k;
}

/* ---- trace records ---- */

const struct trace_rec *test_world_rec(const struct test_world *w, enum trace_kind kind,
                                       int node, int nth)
{
	size_t n;
	const struct trace_rec *tr = sim_trace(w->s, &n);
	for (size_t i = 0; i < n; i++)
		if (tr[i].kind == kind && (node < 0 || tr[i].node == node) && nth-- == 0)
			return &tr[i];
	return NULL;
}

int test_world_count(const struct test_world *w, enum trace_kind kind, int node)
{
	size_t n;
	int k = 0;
	const struct trace_rec *tr = sim_trace(w->s, &n);
	for (size_t i = 0; i < n; i++)
		k += tr[i].kind == kind && (node < 0 || tr[i].node == node);
	return k;
}

int test_world_conn_at(const char *file, int line, const struct test_world *w, const char *host,
                       int port, int nth)
{
	int h = test_world_host_at(file, line, w, host), k = nth;
	for (int i = 0;; i++) {
		const struct trace_rec *c = test_world_rec(w, TR_CONNECT, h, i);
		cr_assert_not_null(c, "%s:%d: %s opened no connection number %d (from 0) to port %d",
		                   file, line, host, nth, port);
		if (c->port == port && k-- == 0)
			return c->conn;
	}
}

int test_world_on_conn(const struct test_world *w, int conn, enum trace_kind kind,
                       const struct trace_rec **out, int max)
{
	size_t n;
	int k = 0;
	const struct trace_rec *tr = sim_trace(w->s, &n);
	for (size_t i = 0; i < n; i++)
		if (tr[i].conn == conn && tr[i].kind == kind) {
			if (k < max)
				out[k] = &tr[i];
			k++;
		}
	return k;
}

/* ---- commands and their replies ---- */

static int test_world_str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

const struct trace_rec *test_world_cmd(const struct test_world *w, int conn, const char *verb,
                                       int nth)
{
	size_t n;
	const struct trace_rec *tr = sim_trace(w->s, &n);
	for (size_t i = 0; i < n; i++)
		if (tr[i].conn == conn && tr[i].kind == TR_CMD &&
		    test_world_str_eq(tr[i].u.line.verb, verb) && nth-- == 0)
			return &tr[i];
	return NULL;
}

const struct trace_rec *test_world_cmd_line(const struct test_world *w, int conn,
                                            const char *line, int nth)
{
	size_t n;
	const struct trace_rec *tr = sim_trace(w->s, &n);
	for (size_t i = 0; i < n; i++)
		if (tr[i].conn == conn && tr[i].kind == TR_CMD &&
		    test_world_str_eq(tr[i].u.line.text, line) && nth-- == 0)
			return &tr[i];
	return NULL;
}

const struct trace_rec *test_world_cmd_after(const struct test_world *w,
                                             const struct trace_rec *cmd)
{
	size_t n;
	const struct trace_rec *tr = sim_trace(w->s, &n);
	cr_assert_not_null(cmd, "no command to look after");
	for (size_t i = (size_t)(cmd - tr) + 1; i < n; i++)
		if (tr[i].conn == cmd->conn && tr[i].kind == TR_CMD)
			return &tr[i];
	return NULL;
}

const struct trace_rec *test_world_greeting(const struct test_world *w, int conn)
{
	size_t n;
	const struct trace_rec *tr = sim_trace(w->s, &n);
	for (size_t i = 0; i < n; i++)
		if (tr[i].conn == conn && (tr[i].kind == TR_CMD || tr[i].kind == TR_REPLY))
			return tr[i].kind == TR_REPLY ? &tr[i] : NULL;
	return NULL;
}

const struct trace_rec *test_world_reply(const struct test_world *w, const struct trace_rec *cmd)
{
	size_t n;
	const struct trace_rec *tr = sim_trace(w->s, &n);
	cr_assert(cmd && cmd->kind == TR_CMD, "not a command");
	/* Which command of its connection it is, counting the greeting. */
	int k = test_world_greeting(w, cmd->conn) != NULL;
	for (const struct trace_rec *r = tr; r < cmd; r++)
		k += r->conn == cmd->conn && r->kind == TR_CMD;
	for (size_t i = 0; i < n; i++)
		if (tr[i].conn == cmd->conn && tr[i].kind == TR_REPLY && k-- == 0) {
			cr_assert_gt(tr[i].seq, cmd->seq, "conn %d: the reply \"%s\" came before the "
			             "command \"%s\" it would answer", cmd->conn, tr[i].u.line.text,
			             cmd->u.line.text ? cmd->u.line.text : ".");
			return &tr[i];
		}
	return NULL;
}

const struct trace_rec *test_world_reply_to_at(const char *file, int line,
                                               const struct test_world *w, int conn,
                                               const char *verb)
{
	const struct trace_rec *cmd = test_world_cmd(w, conn, verb, 0);
	cr_assert_not_null(cmd, "%s:%d: no %s command on connection %d", file, line, verb, conn);
	const struct trace_rec *rep = test_world_reply(w, cmd);
	cr_assert_not_null(rep, "%s:%d: the %s command on connection %d got no reply", file, line,
	                   verb, conn);
	return rep;
}

static const char *test_world_text(const struct trace_rec *r)
{
	return !r ? "(nothing)" : r->u.line.text ? r->u.line.text : "(the message itself)";
}

void test_world_expect_dialogue_at(const char *file, int line, const struct test_world *w,
                                   int conn, const struct test_world_step *want, int n)
{
	const struct trace_rec *cmd = NULL;
	int ncmds = test_world_on_conn(w, conn, TR_CMD, NULL, 0), seen = 0;
	for (int i = 0; i < n; i++) {
		const struct test_world_step *st = &want[i];
		const struct trace_rec *rep;
		if (!st->verb) {
			rep = test_world_greeting(w, conn);
		} else {
			const struct trace_rec *first = NULL;
			if (!cmd)
				test_world_on_conn(w, conn, TR_CMD, &first, 1);
			cmd = cmd ? test_world_cmd_after(w, cmd) : first;
			if (!cmd) {
				cr_expect_fail("%s:%d: conn %d, step %d: expected %s, but the client sent "
				               "no more commands", file, line, conn, i, st->verb);
				return;
			}
			seen++;
			cr_expect_str_eq(cmd->u.line.verb, st->verb, "%s:%d: conn %d, step %d: expected %s, "
			                 "found \"%s\"", file, line, conn, i, st->verb, test_world_text(cmd));
			if (st->line)
				cr_expect(test_world_str_eq(cmd->u.line.text, st->line), "%s:%d: conn %d, "
				          "step %d: expected \"%s\", found \"%s\"", file, line, conn, i,
				          st->line, test_world_text(cmd));
			rep = test_world_reply(w, cmd);
		}
		const char *what = st->verb ? st->verb : "the greeting";
		if (!rep) {
			cr_expect_fail("%s:%d: conn %d, step %d: %s got no reply", file, line, conn, i, what);
			continue;
		}
		if (st->code)
			cr_expect_eq(rep->u.line.code, st->code, "%s:%d: conn %d, step %d: %s answered "
			             "%d, expected %d: \"%s\"", file, line, conn, i, what,
			             rep->u.line.code, st->code, test_world_text(rep));
		cr_expect(rep->u.line.text &&
		          strncmp(rep->u.line.text, st->reply, strlen(st->reply)) == 0,
		          "%s:%d: conn %d, step %d: %s answered \"%s\", expected \"%s…\"", file, line,
		          conn, i, what, test_world_text(rep), st->reply);
	}
	cr_expect_eq(seen, ncmds, "%s:%d: conn %d: the dialogue has %d commands, expected %d",
	             file, line, conn, ncmds, seen);
}

/* ---- the ledger and the mailboxes ---- */

const struct ledger_rcpt *test_world_rcpt_at(const char *file, int line,
                                             const struct test_world *w, const char *tag,
                                             const char *addr)
{
	int e = sim_ledger_find(w->s, tag);
	cr_assert_geq(e, 0, "%s:%d: no ledger entry %s", file, line, tag);
	const struct ledger_entry *le = sim_ledger(w->s, (size_t)e);
	for (int i = 0; i < le->nrcpts; i++)
		if (strcmp(le->rcpts[i].addr, addr) == 0)
			return &le->rcpts[i];
	cr_assert_fail("%s:%d: %s has no recipient %s", file, line, tag, addr);
	return NULL;
}

const char *test_world_state_at(const char *file, int line, const struct test_world *w,
                               const char *tag, const char *addr)
{
	return ledger_state_names[test_world_rcpt_at(file, line, w, tag, addr)->state];
}

int test_world_copies(const struct test_world *w, enum sim_holder holder, const char *mailbox,
                      const char *tag, const struct msg **first)
{
	int e = tag ? sim_ledger_find(w->s, tag) : -1, n = 0;
	struct sim_copy c;
	if (first)
		*first = NULL;
	if (tag && e < 0)
		return 0;
	for (size_t i = 0; i < sim_copy_count(w->s); i++) {
		cr_assert_eq(sim_copy_get(w->s, i, &c), 0);
		if (c.holder != holder || !test_world_str_eq(c.mailbox, mailbox) || (tag && c.m->ledger != e))
			continue;
		if (first && !n)
			*first = c.m;
		n++;
	}
	return n;
}

const struct msg *test_world_stored(const struct test_world *w, const char *tag,
                                    const char *mailbox)
{
	const struct msg *m;
	test_world_copies(w, HOLD_MAILBOX, mailbox, tag, &m);
	return m;
}

int test_world_field_index(const struct msg *m, const char *name, int nth)
{
	cr_assert_not_null(m, "no message to find %s in", name);
	for (int i = 0; i < m->nfields; i++) {
		size_t nl;
		const char *fn = msg_field_name(m, i, &nl);
		if (nl == strlen(name) && util_strncasecmp(fn, name, nl) == 0 && nth-- == 0)
			return i;
	}
	return -1;
}

const char *test_world_field(struct test_world *w, const struct msg *m, const char *name, int nth)
{
	int i = test_world_field_index(m, name, nth);
	if (i < 0)
		return NULL;
	size_t vl;
	const char *fv = msg_field_value(m, i, &vl);
	w->kept = xrealloc(w->kept, (size_t)(w->nkept + 1) * sizeof *w->kept);
	return w->kept[w->nkept++] = xstrndup(fv, vl);
}
