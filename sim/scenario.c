/* scenario — the lesson once loaded: the name tables of its enums, look-ups
 * by id, IPv4 text, building a scenario in code and freeing it.  Reading the
 * JSON file is scenario_load.c's job. */
#include "scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkim_key.h"
#include "dns.h"
#include "msg.h"
#include "scenario_smime.h"
#include "util.h"

const char *const net_kind_names[NET_KIND_COUNT] = {
	"dynamic", "servers", "company", "backbone",
};
_Static_assert(sizeof net_kind_names / sizeof *net_kind_names == NET_KIND_COUNT,
               "net_kind_names");

const char *const spf_policy_names[SPF_POLICY_COUNT] = { "off", "tag", "junk", "reject" };
_Static_assert(sizeof spf_policy_names / sizeof *spf_policy_names == SPF_POLICY_COUNT,
               "spf_policy_names");

const char *const sc_dmarc_names[SC_DMARC_COUNT] = { "off", "tag", "honor", "quarantine" };
_Static_assert(sizeof sc_dmarc_names / sizeof *sc_dmarc_names == SC_DMARC_COUNT, "sc_dmarc_names");

const char *const rule_action_names[RULE_ACTION_COUNT] = { "drop", "reject", "accept" };
_Static_assert(sizeof rule_action_names / sizeof *rule_action_names == RULE_ACTION_COUNT,
               "rule_action_names");

const char *const role_names[ROLE_COUNT] = { "MUA", "MSA", "MTA", "MDA", "MRA", "DNS" };
_Static_assert(sizeof role_names / sizeof *role_names == ROLE_COUNT, "role_names");

const char *const fetch_proto_names[FETCH_PROTO_COUNT] = { "pop3", "imap" };
_Static_assert(sizeof fetch_proto_names / sizeof *fetch_proto_names == FETCH_PROTO_COUNT,
               "fetch_proto_names");

const char *const act_kind_names[ACT_KIND_COUNT] = { "send", "fetch", "toggle", "mark_spam" };
_Static_assert(sizeof act_kind_names / sizeof *act_kind_names == ACT_KIND_COUNT,
               "act_kind_names");

/* ---- look-ups (linear: lessons have tens of nodes, not thousands) ---- */

int scenario_node_count(const struct scenario *sc)
{
	return sc->nhosts + sc->nrouters;
}

const char *scenario_node_id(const struct scenario *sc, int node)
{
	const char *id = NULL;
	if (node >= 0 && node < sc->nhosts)
		id = sc->hosts[node].id;
	else if (node >= sc->nhosts && node < sc->nhosts + sc->nrouters)
		id = sc->routers[node - sc->nhosts].id;
	/* "?" rather than NULL so that a stray index shows up in a narration
	 * instead of crashing printf. */
	return id ? id : "?";
}

int scenario_find_host(const struct scenario *sc, const char *id)
{
	for (int i = 0; i < sc->nhosts; i++)
		if (sc->hosts[i].id && strcmp(sc->hosts[i].id, id) == 0)
			return i;
	return -1;
}

int scenario_find_router(const struct scenario *sc, const char *id)
{
	for (int i = 0; i < sc->nrouters; i++)
		if (sc->routers[i].id && strcmp(sc->routers[i].id, id) == 0)
			return i;
	return -1;
}

int scenario_find_node(const struct scenario *sc, const char *id)
{
	int i = scenario_find_host(sc, id);
	if (i >= 0)
		return i;
	i = scenario_find_router(sc, id);
	return i >= 0 ? sc->nhosts + i : -1;
}

int scenario_find_host_by_fqdn(const struct scenario *sc, const char *fqdn)
{
	for (int i = 0; i < sc->nhosts; i++)
		if (sc->hosts[i].fqdn && util_strcasecmp(sc->hosts[i].fqdn, fqdn) == 0)
			return i;
	return -1;
}

int scenario_find_host_by_addr(const struct scenario *sc, uint32_t addr)
{
	for (int i = 0; i < sc->nhosts; i++)
		if (sc->hosts[i].addr == addr)
			return i;
	return -1;
}

int scenario_lmtp_client(const struct scenario *sc, int host)
{
	for (int i = 0; host >= 0 && i < sc->nhosts; i++)
		if (sc->hosts[i].lmtp == host)
			return i;
	return -1;
}

int scenario_find_rule(const struct sc_router *r, const char *name)
{
	for (int i = 0; i < r->nrules; i++)
		if (r->rules[i].name && strcmp(r->rules[i].name, name) == 0)
			return i;
	return -1;
}

int scenario_find_net(const struct scenario *sc, const char *id)
{
	for (int i = 0; i < sc->nnets; i++)
		if (sc->nets[i].id && strcmp(sc->nets[i].id, id) == 0)
			return i;
	return -1;
}

int scenario_find_user(const struct scenario *sc, const char *address)
{
	for (int i = 0; i < sc->nusers; i++)
		if (sc->users[i].address && util_strcasecmp(sc->users[i].address, address) == 0)
			return i;
	return -1;
}

const char *sc_text_get(const struct sc_text *t, int lang)
{
	if (!t)
		return "";
	const char *want = lang == 0 ? t->ja : t->en;
	const char *other = lang == 0 ? t->en : t->ja;
	return want ? want : other ? other : "";
}

const char *scenario_rule_short(const struct sc_rule *ru, int lang)
{
	/* Not the other language's: an English screen shows "OP25B" or the
	 * id rather than a Japanese word, and the reverse. */
	const char *t = lang == 0 ? ru->brief.ja : ru->brief.en;
	return t && *t ? t : ru->name ? ru->name : "";
}

const char *scenario_rule_short_named(const struct scenario *sc, int router, const char *name, int lang)
{
	if (!name)
		return "";
	if (router < 0 || router >= sc->nrouters)
		return name;
	int i = scenario_find_rule(&sc->routers[router], name);
	return i >= 0 ? scenario_rule_short(&sc->routers[router].rules[i], lang) : name;
}

/* ---- IPv4 ---- */

int scenario_parse_ipv4(const char *s, uint32_t *out)
{
	uint32_t a = 0;
	for (int part = 0; part < 4; part++) {
		if (part > 0 && *s++ != '.')
			return -1;
		if (*s < '0' || *s > '9')
			return -1;
		/* No leading zeros: "010" means 8 to some tools and 10 to others. */
		if (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
			return -1;
		unsigned v = 0;
		int digits = 0;
		while (*s >= '0' && *s <= '9' && digits < 4) {
			v = v * 10 + (unsigned)(*s++ - '0');
			digits++;
		}
		if (digits > 3 || v > 255)
			return -1;
		a = a << 8 | v;
	}
	if (*s)
		return -1;
	*out = a;
	return 0;
}

void scenario_format_ipv4(uint32_t a, char out[16])
{
	/* By hand, not snprintf: every Received line and connection names
	 * addresses, and printf's parsing cost more than the rest of it. */
	char *p = out;
	for (int shift = 24; shift >= 0; shift -= 8) {
		unsigned v = a >> shift & 255;
		if (v >= 100)
			*p++ = (char)('0' + v / 100);
		if (v >= 10)
			*p++ = (char)('0' + v / 10 % 10);
		*p++ = (char)('0' + v % 10);
		*p++ = shift ? '.' : '\0';
	}
}

/* ---- building ---- */

struct scenario *scenario_new_empty(const char *name)
{
	struct scenario *sc = xcalloc(1, sizeof *sc);
	if (!name || !*name)
		name = "scenario";
	sc->file = xstrdup(name);
	/* The id defaults to the file name's stem: "lessons/op25b.json" -> "op25b". */
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	const char *dot = strrchr(base, '.');
	size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	sc->id = len ? xstrndup(base, len) : xstrdup("scenario");
	sc->seed = 1;
	sc->epoch = 1775001600;        /* 2026-04-01T09:00:00+09:00 */
	sc->tz_min = 540;
	sc->until_us = INT64_C(3600000000);
	sc->dns_host = -1;
	return sc;
}

/* Stable merge sort by time: actions scheduled for the same instant keep the
 * order the lesson lists them in, so a run is the same on every libc. */
static void scenario_sort_actions(struct sc_action *a, int n)
{
	int sorted = 1;
	for (int i = 1; i < n && sorted; i++)
		sorted = a[i - 1].at <= a[i].at;
	if (sorted)
		return;
	struct sc_action *tmp = xmalloc((size_t)n * sizeof *tmp);
	struct sc_action *src = a, *dst = tmp;
	for (int w = 1; w < n; w *= 2) {
		for (int lo = 0; lo < n; lo += 2 * w) {
			int mid = lo + w < n ? lo + w : n;
			int hi = lo + 2 * w < n ? lo + 2 * w : n;
			int i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				dst[k++] = src[j].at < src[i].at ? src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		struct sc_action *t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, (size_t)n * sizeof *a);
	free(tmp);
}

void scenario_finish(struct scenario *sc)
{
	for (int i = 0; i < sc->nhosts; i++)
		if (sc->hosts[i].group_size < 1) {
			sc->hosts[i].group = i;
			sc->hosts[i].group_size = 1;
		}
	scenario_sort_actions(sc->actions, sc->nactions);
	dns_index_free(sc);   /* finished twice: built anew */
	dns_index_build(sc);
}

/* ---- freeing ---- */

static void scenario_free_text(struct sc_text *t)
{
	free(t->ja);
	free(t->en);
}

static void scenario_free_strv(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void scenario_free_rule(struct sc_rule *r)
{
	free(r->name);
	scenario_free_text(&r->label);
	scenario_free_text(&r->chip);
	scenario_free_text(&r->brief);
	for (int i = 0; i < r->nfrom; i++)
		free(r->from[i].isp);
	for (int i = 0; i < r->nto; i++)
		free(r->to[i].isp);
	free(r->from);
	free(r->to);
}

static void scenario_free_zone(struct sc_zone *z)
{
	free(z->domain);
	for (int i = 0; i < z->nmx; i++)
		free(z->mx[i].host);
	free(z->mx);
	for (int i = 0; i < z->na; i++)
		free(z->a[i].name);
	free(z->a);
	scenario_free_strv(z->txt, z->ntxt);
	free(z->dkim_key_file);
}

static void scenario_free_signers(struct sc_host *h)
{
	for (int i = 0; i < h->ndkim_sign; i++) {
		struct sc_dkim_signer *g = &h->dkim_sign[i];
		free(g->domain);
		free(g->selector);
		free(g->key_file);
		dkim_key_free(g->key);
		scenario_free_strv(g->from, g->nfrom);
	}
	free(h->dkim_sign);
	h->dkim_sign = NULL;
	h->ndkim_sign = 0;
}

/* Every pointer of an action is freed whatever its kind: the loader leaves
 * the unused ones NULL, and a half-loaded action may have no kind yet. */
static void scenario_free_action(struct sc_action *a)
{
	struct sc_send *s = &a->send;
	free(s->tag);
	free(s->mail_from);
	free(s->header_from);
	scenario_free_strv(s->to, s->nto);
	scenario_free_strv(s->cc, s->ncc);
	scenario_free_strv(s->bcc, s->nbcc);
	free(s->subject);
	free(s->body);
	free(s->password);
	scenario_free_strv(s->script, s->nscript);
	msg_free(s->eml);
	free(a->tag);
	free(a->password);
}

void scenario_free(struct scenario *sc)
{
	if (!sc)
		return;
	dns_index_free(sc);
	free(sc->file);
	free(sc->id);
	scenario_free_text(&sc->title);
	scenario_free_text(&sc->summary);
	for (int i = 0; i < sc->nnets; i++) {
		free(sc->nets[i].id);
		scenario_free_text(&sc->nets[i].label);
		free(sc->nets[i].isp);
	}
	free(sc->nets);
	for (int i = 0; i < sc->nrouters; i++) {
		struct sc_router *r = &sc->routers[i];
		free(r->id);
		scenario_free_text(&r->label);
		free(r->links);
		for (int j = 0; j < r->nrules; j++)
			scenario_free_rule(&r->rules[j]);
		free(r->rules);
	}
	free(sc->routers);
	for (int i = 0; i < sc->nhosts; i++) {
		struct sc_host *h = &sc->hosts[i];
		free(h->id);
		scenario_free_text(&h->label);
		free(h->fqdn);
		scenario_free_strv(h->domains, h->ndomains);
		scenario_free_strv(h->relay_domains, h->nrelay_domains);
		free(h->relay_nets);
		free(h->tamper_find);
		free(h->tamper_replace);
		scenario_free_signers(h);
	}
	free(sc->hosts);
	for (int i = 0; i < sc->nzones; i++)
		scenario_free_zone(&sc->zones[i]);
	free(sc->zones);
	for (int i = 0; i < sc->nusers; i++) {
		struct sc_user *u = &sc->users[i];
		free(u->address);
		free(u->name);
		free(u->login);
		free(u->password);
		free(u->forward);
		for (int k = 0; k < u->ntrain; k++)
			free(u->train[k].data);
		free(u->train);
	}
	free(sc->users);
	for (int i = 0; i < sc->nactions; i++)
		scenario_free_action(&sc->actions[i]);
	free(sc->actions);
	for (int i = 0; i < sc->ncaptions; i++) {
		struct sc_caption *c = &sc->captions[i];
		free(c->on.msg);
		free(c->on.cmd);
		free(c->on.text);
		scenario_free_text(&c->text);
	}
	free(sc->captions);
	for (int i = 0; i < sc->nquiz; i++) {
		struct sc_quiz *q = &sc->quiz[i];
		free(q->on.msg);
		free(q->on.cmd);
		free(q->on.text);
		for (int l = 0; l < 2; l++) {
			free(q->text[l].question);
			free(q->text[l].explain);
			for (int k = 0; k < SC_QUIZ_MAX_CHOICES; k++)
				free(q->text[l].choice[k]);
		}
	}
	free(sc->quiz);
	for (int i = 0; i < sc->nexpects; i++) {
		struct sc_expect *e = &sc->expects[i];
		free(e->msg);
		free(e->rcpt);
		free(e->folder);
		free(e->mailbox);
		free(e->rule);
		free(e->header);
		free(e->absent_header);
		free(e->smime);
		scenario_free_text(&e->note);
	}
	free(sc->expects);
	scenario_smime_free(sc->smime);
	for (int i = 0; i < sc->nsniffers; i++) {
		free(sc->sniffers[i].id);
		scenario_free_text(&sc->sniffers[i].label);
	}
	free(sc->sniffers);
	free(sc);
}
