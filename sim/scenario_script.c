/* scenario_script — reading the lesson's script: its users, the actions
 * that happen at given times, the captions tied to trace events, and the
 * expected outcomes that make the lesson a test. */
#include "scenario_script.h"

#include "scenario_quiz.h"
#include "scenario_roles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bayes.h"
#include "ledger.h"
#include "msg.h"
#include "scenario_quiz.h"
#include "scenario_retrieval.h"
#include "scenario_smime.h"
#include "trace.h"

/* The host that keeps mail for addr's domain: MDA role, domain listed;
 * or the MDA host an MTA with that domain hands it to over LMTP. */
static int scenario_script_home(const struct scenario *sc, const char *addr)
{
	const char *dom = strchr(addr, '@') + 1;
	for (int i = 0; i < sc->nhosts; i++) {
		const struct sc_host *h = &sc->hosts[i];
		if (!(h->roles & ROLE_BIT(ROLE_MDA)) && h->lmtp < 0)
			continue;
		for (int k = 0; k < h->ndomains; k++)
			if (util_strcasecmp(h->domains[k], dom) == 0)
				return h->lmtp >= 0 ? h->lmtp : i;
	}
	return -1;
}

static void scenario_script_user(struct scenario_ctx *c, const cJSON *obj, int i)
{
	static const char *const keys[] = { "address", "name", "login", "password", "mailbox",
	                                    "mua", "submit", "fetch", "forward", "filter", "quota",
	                                    NULL };
	static const char *const skeys[] = { "host", "port", "auth", NULL };
	static const char *const fkeys[] = { "protocol", "port", "starttls", "apop", NULL };
	struct scenario *sc = c->sc;
	struct sc_user *u = &sc->users[i];
	const char *s;
	u->mailbox_host = u->mua_host = u->submit_host = u->fetch_host = -1;
	u->submit_port = PORT_SUBMISSION;
	u->submit_auth = 1;
	u->fetch_proto = FETCH_IMAP;
	u->fetch_port = PORT_IMAP;
	if (!scenario_json_keys(c, obj, keys))
		return;
	if (scenario_json_addr(c, obj, "address", 1, &s) == 1) {
		int j = scenario_find_user(sc, s);
		if (j >= 0 && j < i)
			scenario_json_unique(c, "address", s, "an address no other user has", "users", j);
		u->address = xstrdup(s);
		u->mailbox_host = scenario_script_home(sc, s);
	}
	scenario_json_dup(c, obj, "name", 0, &u->name);
	scenario_json_dup(c, obj, "login", 0, &u->login);
	if (!u->login && u->address)
		u->login = xstrdup(u->address);
	u->password = xstrdup("");
	scenario_json_dup(c, obj, "password", 0, &u->password);
	scenario_json_role_host(c, obj, "mailbox", ROLE_MDA, &u->mailbox_host);
	scenario_json_ref(c, obj, "mua", 0, SCENARIO_REF_HOST, &u->mua_host);
	const cJSON *v = scenario_json_item(c, obj, "submit", 0);
	if (v) {
		size_t old = scenario_json_push(c, "submit");
		if (scenario_json_keys(c, v, skeys)) {
			scenario_json_ref(c, v, "host", 1, SCENARIO_REF_HOST, &u->submit_host);
			scenario_json_intf(c, v, "port", 0, 1, 65535, &u->submit_port);
			scenario_json_bool(c, v, "auth", 0, &u->submit_auth);
		}
		scenario_json_pop(c, old);
	}
	v = scenario_json_item(c, obj, "fetch", 0);
	if (v) {
		size_t old = scenario_json_push(c, "fetch");
		if (scenario_json_keys(c, v, fkeys)) {
			struct sc_fetch f = { FETCH_IMAP, PORT_IMAP, 0, 0 };
			scenario_retrieval_fetch(c, v, &f);
			u->fetch_proto = f.proto;
			u->fetch_port = f.port;
			u->fetch_starttls = f.starttls;
			u->fetch_apop = f.apop;
		}
		scenario_json_pop(c, old);
	}
	if (scenario_json_addr(c, obj, "forward", 0, &s) == 1)
		u->forward = xstrdup(s);
	/* Forwarding sends the mail on from the mailbox host: an MDA that
	 * takes its mail over LMTP has no MTA to send it with. */
	if (u->forward && u->mailbox_host >= 0 &&
	    !(sc->hosts[u->mailbox_host].roles & ROLE_BIT(ROLE_MTA)))
		scenario_json_fail_at(c, "forward", "expected no \"forward\" for a mailbox on a host "
		                      "without the MTA role (it could not send the mail on), found "
		                      "\"%s\" on \"%s\"", u->forward, sc->hosts[u->mailbox_host].id);
	/* Only Dovecot's LMTP checks a quota here, after the message. */
	if (scenario_json_intf(c, obj, "quota", 0, 1, 1000000000, &u->quota) == 1 &&
	    (u->mailbox_host < 0 || scenario_lmtp_client(sc, u->mailbox_host) < 0))
		scenario_json_fail_at(c, "quota", "expected \"quota\" only for a mailbox on an MDA "
		                      "host that takes its mail over LMTP (its quota is checked "
		                      "there), found %s%s%s", u->mailbox_host < 0 ? "no mailbox" : "\"",
		                      u->mailbox_host < 0 ? "" : sc->hosts[u->mailbox_host].id,
		                      u->mailbox_host < 0 ? "" : "\"");
	u->fetch_host = scenario_roles_fetch_host(sc, u->mailbox_host);
	scenario_train_user(c, obj, u);
}

/* 1 if tag names a message of the lesson: a send action's tag, or one of
 * its copies or bounces ("m1.3", "m1.bounce"): what precedes the first '.'. */
static int scenario_script_is_tag(const struct scenario *sc, const char *tag)
{
	size_t len = strcspn(tag, ".");
	for (int i = 0; i < sc->nactions; i++) {
		const char *t = sc->actions[i].send.tag;
		if (sc->actions[i].kind == ACT_SEND && t && strlen(t) == len &&
		    strncmp(t, tag, len) == 0)
			return 1;
	}
	return 0;
}

void scenario_script_tag(struct scenario_ctx *c, const cJSON *obj, const char *key, int req,
                         char **out)
{
	const char *s;
	char buf[256];
	if (scenario_json_name(c, obj, key, req, &s) != 1)
		return;
	if (!scenario_script_is_tag(c->sc, s))
		scenario_json_fail_at(c, key, "expected the id of a send action, found %s",
		                      scenario_json_quote(s, buf));
	*out = xstrdup(s);
}

/* "Name <address>", quoting the name when RFC 5322 needs it to. */
static char *scenario_script_from(const struct sc_user *u)
{
	struct sbuf b = { 0 };
	if (!u->name || !*u->name)
		return xstrdup(u->address);
	if (strpbrk(u->name, "()<>[]:;@\\,.\"")) {
		sbuf_addc(&b, '"');
		for (const char *p = u->name; *p; p++) {
			if (*p == '"' || *p == '\\')
				sbuf_addc(&b, '\\');
			sbuf_addc(&b, *p);
		}
		sbuf_addc(&b, '"');
	} else {
		sbuf_adds(&b, u->name);
	}
	sbuf_addf(&b, " <%s>", u->address);
	return sbuf_take(&b);
}

#define SCENARIO_SCRIPT_MAX_EML (1 << 20)

/* Read and parse an .eml file named relative to the lesson file. */
static void scenario_script_eml(struct scenario_ctx *c, const char *name, struct msg **out)
{
	struct sbuf text, quoted;
	sbuf_init(&text);
	if (scenario_json_read_file(c, "eml", name, ".eml file", SCENARIO_SCRIPT_MAX_EML, &text,
	                            &quoted) == 0) {
		char err[160];
		*out = msg_parse(text.s ? text.s : "", text.len, err, sizeof err);
		if (!*out)
			scenario_json_fail_at(c, "eml", "expected an RFC 5322 message in %s, found %s",
			                      quoted.s, err);
	}
	sbuf_free(&quoted);
	sbuf_free(&text);
}

static void scenario_script_send(struct scenario_ctx *c, const cJSON *obj, int i)
{
	struct scenario *sc = c->sc;
	struct sc_send *m = &sc->actions[i].send;
	const char *s;
	char buf[256];
	int direct = 0, nerr;
	if (scenario_json_name(c, obj, "id", 1, &s) == 1) {
		for (int j = 0; j < i; j++)
			if (sc->actions[j].kind == ACT_SEND && sc->actions[j].send.tag &&
			    strcmp(sc->actions[j].send.tag, s) == 0) {
				scenario_json_unique(c, "id", s, "an id no other send action has", "actions", j);
				break;
			}
		if (strchr(s, '.'))
			scenario_json_fail_at(c, "id", "expected an id without '.', found %s",
			                      scenario_json_quote(s, buf));
		m->tag = xstrdup(s);
	}
	int ru = scenario_json_ref(c, obj, "user", 0, SCENARIO_REF_USER, &m->user);
	const struct sc_user *u = m->user >= 0 ? &sc->users[m->user] : NULL;
	if (scenario_json_ref(c, obj, "host", 0, SCENARIO_REF_HOST, &m->host) == 0) {
		if (u && u->mua_host >= 0)
			m->host = u->mua_host;
		else if (u)
			scenario_json_fail(c, "expected key \"host\" (user %s has no mua), found none",
			                   u->address);
		else if (ru == 0)
			scenario_json_fail(c, "expected key \"user\" or \"host\", found none");
	}
	int rf = scenario_json_str(c, obj, "mail_from", 0, &s);
	if (rf == 1 && *s && !scenario_json_is_address(s))
		scenario_json_fail_at(c, "mail_from", "expected a mail address or \"\" (the null "
		                      "sender), found %s", scenario_json_quote(s, buf));
	else if (rf == 1)
		m->mail_from = xstrdup(s);
	else if (rf == 0 && u)
		m->mail_from = xstrdup(u->address);
	else if (rf == 0 && ru == 0)
		scenario_json_fail(c, "expected key \"mail_from\" (no user sends this), found none");
	scenario_json_dup(c, obj, "from", 0, &m->header_from);
	if (!m->header_from)
		m->header_from = u ? scenario_script_from(u) : xstrdup(m->mail_from ? m->mail_from : "");
	nerr = c->nerr;
	scenario_json_strs(c, obj, "to", 1, 2, &m->to, &m->nto);
	scenario_json_strs(c, obj, "cc", 1, 2, &m->cc, &m->ncc);
	scenario_json_strs(c, obj, "bcc", 1, 2, &m->bcc, &m->nbcc);
	if (c->nerr == nerr && m->nto + m->ncc + m->nbcc == 0)
		scenario_json_fail(c, "expected at least one recipient in to, cc or bcc, found none");
	m->subject = xstrdup("");
	m->body = xstrdup("");
	scenario_json_dup(c, obj, "subject", 0, &m->subject);
	scenario_json_dup(c, obj, "body", 0, &m->body);
	scenario_json_bool(c, obj, "direct", 0, &direct);
	m->direct = direct;
	m->port = direct ? PORT_SMTP : u && u->submit_host >= 0 ? u->submit_port : PORT_SUBMISSION;
	scenario_json_intf(c, obj, "port", 0, 1, 65535, &m->port);
	scenario_json_bool(c, obj, "auth", 0, &m->auth);
	scenario_json_intf(c, obj, "count", 0, 1, 1000000, &m->count);
	scenario_json_secs(c, obj, "every", 0, &m->every_us);
	if (scenario_json_ref(c, obj, "via", 0, SCENARIO_REF_HOST, &m->via) == 1) {
		if (direct)
			scenario_json_fail_at(c, "via", "expected either via or direct, found both");
		if (!u)
			m->port = PORT_SMTP;
		scenario_json_intf(c, obj, "port", 0, 1, 65535, &m->port);
	}
	scenario_json_dup(c, obj, "password", 0, &m->password);
	scenario_json_bool(c, obj, "sign", 0, &m->sign);       /* checked in scenario_smime.c */
	scenario_json_bool(c, obj, "encrypt", 0, &m->encrypt);
	static const char *const classes[] = { "ham", "spam" };   /* truth 1, 2 */
	if (scenario_json_enum(c, obj, "class", 0, classes, 2, &m->truth) == 1)
		m->truth++;
	else
		m->truth = 0;
	if (scenario_json_name(c, obj, "eml", 0, &s) == 1)
		scenario_script_eml(c, s, &m->eml);
	int ns = c->nerr;
	if (scenario_json_strs(c, obj, "script", 0, 0, &m->script, &m->nscript) == 1 && c->nerr == ns)
		for (int k = 0; k < m->nscript; k++)
			if (strpbrk(m->script[k], "\r\n") || strlen(m->script[k]) > 998) {
				size_t o1 = scenario_json_push(c, "script");
				size_t o2 = scenario_json_push_i(c, k);
				scenario_json_fail(c, "expected one SMTP line (no line break, at most 998 "
				                   "characters), found %s", scenario_json_quote(m->script[k], buf));
				scenario_json_pop(c, o2);
				scenario_json_pop(c, o1);
			}
}

static void scenario_script_action(struct scenario_ctx *c, const cJSON *obj, int i)
{
	static const char *const send_keys[] = {
		"at", "do", "id", "user", "host", "mail_from", "from", "to", "cc", "bcc", "subject",
		"body", "port", "auth", "direct", "via", "password", "script", "eml", "count", "every",
		"sign", "encrypt", "class", NULL };
	static const char *const fetch_keys[] = { "at", "do", "user", "password", "protocol", "port",
	                                          "starttls", "apop", NULL };
	static const char *const toggle_keys[] = { "at", "do", "router", "rule", "enabled", NULL };
	static const char *const mark_keys[] = { "at", "do", "user", "id", "spam", NULL };
	static const char *const any_keys[] = {
		"at", "do", "id", "user", "host", "mail_from", "from", "to", "cc", "bcc", "subject",
		"body", "port", "auth", "direct", "via", "password", "script", "eml", "count", "every",
		"router", "rule", "enabled", "spam", "sign", "encrypt", "class", "protocol", "starttls", "apop", NULL };
	static const char *const *const kind_keys[ACT_KIND_COUNT] = {
		send_keys, fetch_keys, toggle_keys, mark_keys };
	struct sc_action *a = &c->sc->actions[i];
	struct sc_send *m = &a->send;
	int kind = -1;
	const char *s;
	a->user = a->router = a->rule = -1;
	a->spam = 1;
	m->user = m->host = m->auth = m->via = -1;
	m->count = 1;
	a->kind = ACT_FETCH;           /* until known: a kind the tag look-ups skip */
	if (!cJSON_IsObject(obj)) {
		scenario_json_keys(c, obj, any_keys);      /* says it is no object */
		return;
	}
	/* Which keys belong depends on "do": read it first, and without it
	 * check the keys against every action's so typos still show. */
	if (scenario_json_enum(c, obj, "do", 1, act_kind_names, ACT_KIND_COUNT, &kind) != 1) {
		scenario_json_keys(c, obj, any_keys);
		scenario_json_secs(c, obj, "at", 1, &a->at);
		return;
	}
	scenario_json_keys(c, obj, kind_keys[kind]);
	a->kind = (enum act_kind)kind;
	scenario_json_secs(c, obj, "at", 1, &a->at);
	switch (a->kind) {
	case ACT_SEND:
		scenario_script_send(c, obj, i);
		break;
	case ACT_FETCH:
		scenario_json_ref(c, obj, "user", 1, SCENARIO_REF_USER, &a->user);
		scenario_json_dup(c, obj, "password", 0, &a->password);
		if (a->user >= 0) {
			const struct sc_user *u = &c->sc->users[a->user];
			a->fetch = (struct sc_fetch){ u->fetch_proto, u->fetch_port, u->fetch_starttls,
			                              u->fetch_apop };
		}
		scenario_retrieval_fetch(c, obj, &a->fetch);
		break;
	case ACT_TOGGLE:
		scenario_json_ref(c, obj, "router", 1, SCENARIO_REF_ROUTER, &a->router);
		if (scenario_json_name(c, obj, "rule", 1, &s) == 1 && a->router >= 0) {
			char buf[256];
			const struct sc_router *r = &c->sc->routers[a->router];
			a->rule = scenario_find_rule(r, s);
			if (a->rule < 0)
				scenario_json_fail_at(c, "rule", "expected a rule name of router %s, found %s",
				                      r->id, scenario_json_quote(s, buf));
		}
		scenario_json_bool(c, obj, "enabled", 1, &a->enabled);
		break;
	case ACT_MARK_SPAM:
		scenario_json_ref(c, obj, "user", 1, SCENARIO_REF_USER, &a->user);
		/* "id" may name a later send: checked once all actions are read. */
		if (scenario_json_name(c, obj, "id", 1, &s) == 1)
			a->tag = xstrdup(s);
		scenario_json_bool(c, obj, "spam", 0, &a->spam);
		break;
	case ACT_KIND_COUNT:
		PANIC("bad action kind");
	}
}

/* The lesson's copies of mail stay within SC_MAX_COPIES: the action whose
 * copies pass it is named (still in file order here). */
static void scenario_script_budget(struct scenario_ctx *c)
{
	const struct scenario *sc = c->sc;
	int64_t total = 0;
	for (int i = 0; i < sc->nactions; i++) {
		const struct sc_send *m = &sc->actions[i].send;
		if (sc->actions[i].kind != ACT_SEND)
			continue;
		int nrcpt = m->nto + m->ncc + m->nbcc;
		int64_t copies = (int64_t)(m->count > 0 ? m->count : 1) * (nrcpt > 0 ? nrcpt : 1);
		total += copies;
		if (total <= SC_MAX_COPIES)
			continue;
		size_t o = scenario_json_push_i(c, i);
		scenario_json_fail(c, "expected at most %d copies of mail in the whole lesson "
		                   "(count x recipients, summed over the send actions), found %lld "
		                   "with this action's %lld", SC_MAX_COPIES, (long long)total,
		                   (long long)copies);
		scenario_json_pop(c, o);
		return;
	}
}

static void scenario_script_actions(struct scenario_ctx *c, const cJSON *top)
{
	struct scenario *sc = c->sc;
	size_t old;
	int n = 0, i = 0;
	const cJSON *arr = scenario_json_array(c, top, "actions", 0, &old, &n);
	if (!arr)
		return;
	sc->actions = xcalloc((size_t)n, sizeof *sc->actions);
	sc->nactions = n;
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		size_t o2 = scenario_json_push_i(c, i);
		scenario_script_action(c, e, i);
		scenario_json_pop(c, o2);
	}
	scenario_script_budget(c);
	/* Still in file order here, so index i is the file's. */
	for (i = 0; i < n; i++) {
		const struct sc_action *a = &sc->actions[i];
		char buf[256];
		if (a->kind != ACT_MARK_SPAM || !a->tag || scenario_script_is_tag(sc, a->tag))
			continue;
		size_t o2 = scenario_json_push_i(c, i);
		scenario_json_fail_at(c, "id", "expected the id of a send action, found %s",
		                      scenario_json_quote(a->tag, buf));
		scenario_json_pop(c, o2);
	}
	scenario_json_pop(c, old);
}

void scenario_script_on(struct scenario_ctx *c, const cJSON *obj, struct sc_match *m)
{
	static const char *const on_keys[] = { "type", "node", "msg", "code", "cmd", "text", NULL };
	m->type = m->node = m->code = -1;
	const cJSON *on = scenario_json_item(c, obj, "on", 1);
	if (!on)
		return;
	size_t old = scenario_json_push(c, "on");
	if (scenario_json_keys(c, on, on_keys)) {
		if (!on->child)
			scenario_json_fail(c, "expected at least one of type, node, msg, code, cmd, text, "
			                   "found an empty object");
		scenario_json_enum(c, on, "type", 0, trace_kind_names, TR_KIND_COUNT, &m->type);
		scenario_json_ref(c, on, "node", 0, SCENARIO_REF_NODE, &m->node);
		scenario_script_tag(c, on, "msg", 0, &m->msg);
		scenario_json_intf(c, on, "code", 0, 0, 999, &m->code);
		scenario_json_dup(c, on, "cmd", 0, &m->cmd);
		scenario_json_dup(c, on, "text", 0, &m->text);
	}
	scenario_json_pop(c, old);
}

static void scenario_script_caption(struct scenario_ctx *c, const cJSON *obj, int i)
{
	static const char *const keys[] = { "on", "ja", "en", NULL };
	struct sc_caption *cap = &c->sc->captions[i];
	cap->on.type = cap->on.node = cap->on.code = -1;
	if (!scenario_json_keys(c, obj, keys))
		return;
	scenario_script_on(c, obj, &cap->on);
	int ja = scenario_json_dup(c, obj, "ja", 0, &cap->text.ja);
	int en = scenario_json_dup(c, obj, "en", 0, &cap->text.en);
	if (ja == 0 && en == 0)
		scenario_json_fail(c, "expected key \"ja\" or \"en\", found none");
}

static void scenario_script_expect(struct scenario_ctx *c, const cJSON *obj, int i)
{
	static const char *const keys[] = {
		"msg", "rcpt", "state", "folder", "mailbox", "at", "rule", "code", "received",
		"header", "absent_header", "min", "max", "smime", "verdict", "note", NULL };
	/* enum bayes_verdict's names */
	static const char *const verdicts[] = { "ham", "unsure", "spam" };
	_Static_assert(sizeof verdicts / sizeof *verdicts == BAYES_VERDICT_COUNT, "verdicts");
	const struct scenario *sc = c->sc;
	struct sc_expect *e = &c->sc->expects[i];
	const char *s;
	char buf[256];
	e->state = e->node = e->received = e->min = e->max = e->verdict = -1;
	if (!scenario_json_keys(c, obj, keys))
		return;
	scenario_script_tag(c, obj, "msg", 1, &e->msg);
	if (scenario_json_addr(c, obj, "rcpt", 0, &s) == 1)
		e->rcpt = xstrdup(s);
	scenario_json_enum(c, obj, "state", 0, ledger_state_names, LS_COUNT, &e->state);
	if (scenario_json_name(c, obj, "folder", 0, &s) == 1)
		e->folder = xstrdup(s);
	if (scenario_json_addr(c, obj, "mailbox", 0, &s) == 1)
		e->mailbox = xstrdup(s);
	scenario_json_ref(c, obj, "at", 0, SCENARIO_REF_NODE, &e->node);
	if (scenario_json_name(c, obj, "rule", 0, &s) == 1) {
		int found = 0;
		if (e->node >= sc->nhosts) {
			const struct sc_router *r = &sc->routers[e->node - sc->nhosts];
			if (scenario_find_rule(r, s) < 0)
				scenario_json_fail_at(c, "rule", "expected a rule name of router %s, found %s",
				                      r->id, scenario_json_quote(s, buf));
		} else {
			for (int k = 0; k < sc->nrouters && !found; k++)
				found = scenario_find_rule(&sc->routers[k], s) >= 0;
			if (!found)
				scenario_json_fail_at(c, "rule", "expected the name of a router's rule, "
				                      "found %s", scenario_json_quote(s, buf));
		}
		e->rule = xstrdup(s);
	}
	scenario_json_intf(c, obj, "code", 0, 0, 999, &e->code);
	scenario_json_intf(c, obj, "received", 0, 0, 1000, &e->received);
	scenario_json_intf(c, obj, "min", 0, 0, 10000000, &e->min);
	scenario_json_intf(c, obj, "max", 0, 0, 10000000, &e->max);
	if (scenario_json_str(c, obj, "header", 0, &s) == 1) {
		const char *colon = strchr(s, ':');
		if (!colon || colon == s || strcspn(s, " \t") < (size_t)(colon - s))
			scenario_json_fail_at(c, "header", "expected \"Name: value\", found %s",
			                      scenario_json_quote(s, buf));
		e->header = xstrdup(s);
	}
	if (scenario_json_name(c, obj, "absent_header", 0, &s) == 1) {
		if (strpbrk(s, ": \t"))
			scenario_json_fail_at(c, "absent_header", "expected a field name like "
			                      "X-Spam-Flag, found %s", scenario_json_quote(s, buf));
		e->absent_header = xstrdup(s);
	}
	scenario_smime_expect(c, obj, e->rcpt != NULL, &e->smime);
	scenario_json_enum(c, obj, "verdict", 0, verdicts, BAYES_VERDICT_COUNT, &e->verdict);
	scenario_json_text(c, obj, "note", 0, &e->note);
}

void scenario_script_read(struct scenario_ctx *c, const cJSON *top)
{
	struct scenario *sc = c->sc;
	const cJSON *a;
	size_t old;
	int n;
	if ((a = scenario_json_array(c, top, "users", 0, &old, &n))) {
		sc->users = xcalloc((size_t)n, sizeof *sc->users);
		sc->nusers = n;
		scenario_json_each(c, a, old, scenario_script_user);
	}
	scenario_script_actions(c, top);
	if ((a = scenario_json_array(c, top, "captions", 0, &old, &n))) {
		sc->captions = xcalloc((size_t)n, sizeof *sc->captions);
		sc->ncaptions = n;
		scenario_json_each(c, a, old, scenario_script_caption);
	}
	scenario_quiz_read(c, top);
	if ((a = scenario_json_array(c, top, "expect", 0, &old, &n))) {
		sc->expects = xcalloc((size_t)n, sizeof *sc->expects);
		sc->nexpects = n;
		scenario_json_each(c, a, old, scenario_script_expect);
	}
}
