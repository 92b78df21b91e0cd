/* scenario_load — reading a lesson from its JSON file.  Teachers write these
 * by hand, so every problem becomes one line
 *   FILE: /json/pointer: expected WHAT, found WHAT
 * and reading goes on to report the rest; any problem makes the load fail.
 * Sections are read in dependency order (networks before the routers and
 * hosts that name them, hosts before the users, actions before the
 * expectations that name their tags), whatever order the file lists them
 * in.  This file reads the top level and the topology; scenario_script.c
 * the users, actions, captions and expectations; scenario_json.c has the
 * typed readers both use. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "ledger.h"
#include "scenario.h"
#include "scenario_auth.h"
#include "scenario_retrieval.h"
#include "scenario_json.h"
#include "scenario_roles.h"
#include "scenario_script.h"
#include "scenario_smime.h"
#include "trace.h"
#include "util.h"

static void scenario_load_network(struct scenario_ctx *c, const cJSON *obj, int i)
{
	static const char *const keys[] = { "id", "label", "cidr", "kind", "isp", "latency_ms",
	                                    "area", NULL };
	struct sc_network *nw = &c->sc->nets[i];
	const char *s;
	int kind = NET_KIND_SERVERS;
	nw->prefix = -1;               /* no usable CIDR (yet) */
	nw->latency_us = 1000;
	if (!scenario_json_keys(c, obj, keys))
		return;
	if (scenario_json_name(c, obj, "id", 1, &s) == 1) {
		for (int j = 0; j < i; j++)
			if (c->sc->nets[j].id && strcmp(c->sc->nets[j].id, s) == 0) {
				scenario_json_unique(c, "id", s, "a unique network id", "networks", j);
				break;
			}
		nw->id = xstrdup(s);
	}
	scenario_json_text(c, obj, "label", 0, &nw->label);
	if (scenario_json_str(c, obj, "cidr", 1, &s) == 1) {
		size_t old = scenario_json_push(c, "cidr");
		uint32_t a, m;
		int p;
		if (scenario_json_v_cidr(c, s, s, &a, &m, &p) == 1) {
			nw->addr = a;
			nw->mask = m;
			nw->prefix = p;
		}
		scenario_json_pop(c, old);
	}
	scenario_json_enum(c, obj, "kind", 0, net_kind_names, NET_KIND_COUNT, &kind);
	nw->kind = (enum net_kind)kind;
	scenario_json_dup(c, obj, "isp", 0, &nw->isp);
	scenario_json_ms(c, obj, "latency_ms", &nw->latency_us);
	scenario_json_floats(c, obj, "area", 4, nw->area, &nw->has_area);
}

static void scenario_load_selector(struct scenario_ctx *c, const cJSON *v, struct sc_selector *sel)
{
	const char *s;
	char buf[256];
	const struct scenario *sc = c->sc;
	int k;
	if (scenario_json_v_str(c, v, &s) < 0)
		return;
	if (*s == '!') {
		sel->negate = 1;
		s++;
	}
	sel->kind = SEL_ANY;
	if (strcmp(s, "any") == 0)
		return;
	if (strncmp(s, "net:", 4) == 0) {
		sel->kind = SEL_NET;
		sel->net = scenario_find_net(sc, s + 4);
		if (sel->net < 0)
			scenario_json_fail(c, "expected net: and a network id, found %s",
			                   scenario_json_quote(v->valuestring, buf));
	} else if (strncmp(s, "isp:", 4) == 0) {
		sel->kind = SEL_ISP;
		sel->isp = xstrdup(s + 4);
		for (k = 0; k < sc->nnets; k++)
			if (sc->nets[k].isp && strcmp(sc->nets[k].isp, s + 4) == 0)
				break;
		if (k == sc->nnets)
			scenario_json_fail(c, "expected isp: and the isp of some network, found %s",
			                   scenario_json_quote(v->valuestring, buf));
	} else if (strncmp(s, "kind:", 5) == 0) {
		sel->kind = SEL_KIND;
		for (k = 0; k < NET_KIND_COUNT && strcmp(net_kind_names[k], s + 5) != 0; k++)
			;
		if (k < NET_KIND_COUNT)
			sel->nkind = (enum net_kind)k;
		else
			scenario_json_fail(c, "expected kind: and one of dynamic, servers, company, "
			                   "backbone, found %s", scenario_json_quote(v->valuestring, buf));
	} else if (strncmp(s, "cidr:", 5) == 0) {
		int prefix;
		sel->kind = SEL_CIDR;
		scenario_json_v_cidr(c, s + 5, v->valuestring, &sel->addr, &sel->mask, &prefix);
	} else {
		scenario_json_fail(c, "expected a selector (any, net:ID, isp:ID, kind:KIND or "
		                   "cidr:A.B.C.D/N, optionally after !), found %s",
		                   scenario_json_quote(v->valuestring, buf));
	}
}

static void scenario_load_selectors(struct scenario_ctx *c, const cJSON *obj, const char *key,
                                    struct sc_selector **out, int *nout)
{
	size_t old;
	int n = 0, i = 0;
	const cJSON *a = scenario_json_array(c, obj, key, 0, &old, &n);
	if (a && n == 0) {
		scenario_json_fail(c, "expected at least one selector, found an empty array");
		scenario_json_pop(c, old);
		a = NULL;
	}
	if (!a) {                      /* default ["any"] (also after an error) */
		*out = xcalloc(1, sizeof **out);
		*nout = 1;
		return;
	}
	*out = xcalloc((size_t)n, sizeof **out);
	*nout = n;
	for (const cJSON *e = a->child; e; e = e->next, i++) {
		size_t o2 = scenario_json_push_i(c, i);
		scenario_load_selector(c, e, &(*out)[i]);
		scenario_json_pop(c, o2);
	}
	scenario_json_pop(c, old);
}

/* A rule's "short" name as students read it: one line of at most
 * SCENARIO_RULE_SHORT_MAX characters, since it stands in drop labels and
 * block counts beside the router at the back row's size ("× メンテナンス
 * 遮断 ×3"). */
#define SCENARIO_RULE_SHORT_MAX 16

static void scenario_load_rule_short(struct scenario_ctx *c, const cJSON *obj, struct sc_rule *ru)
{
	if (scenario_json_text(c, obj, "short", 0, &ru->brief) != 1)
		return;
	size_t old = scenario_json_push(c, "short");
	char *t[2] = { ru->brief.ja, ru->brief.en };
	const char *key[2] = { "ja", "en" };
	for (int k = 0; k < 2; k++) {
		if (!t[k])
			continue;
		size_t n = strlen(t[k]), chars = 0, step = 1;
		int ctl = 0;
		for (size_t at = 0; at < n; at += step, chars++) {
			step = util_utf8_len((const unsigned char *)t[k] + at, n - at);
			ctl |= (unsigned char)t[k][at] < 0x20;
			if (!step)
				step = 1;
		}
		if (chars == 0 || chars > SCENARIO_RULE_SHORT_MAX || ctl) {
			char buf[256];
			/* a plain string stands for both languages: its path is "short" */
			scenario_json_fail_at(c, cJSON_IsString(cJSON_GetObjectItemCaseSensitive(obj, "short"))
			                              ? NULL : key[k],
			                      "expected a short rule name of 1 to %d characters on one line, "
			                      "found %s (%zu characters)", SCENARIO_RULE_SHORT_MAX,
			                      scenario_json_quote(t[k], buf), chars);
			break;
		}
	}
	scenario_json_pop(c, old);
}

static void scenario_load_rule(struct scenario_ctx *c, const cJSON *obj, struct sc_router *r,
                               int i)
{
	static const char *const keys[] = { "name", "label", "chip", "short", "action", "port",
	                                    "from", "to", "enabled", NULL };
	struct sc_rule *ru = &r->rules[i];
	const char *s;
	int action = RULE_DROP;
	ru->enabled = 1;
	if (!scenario_json_keys(c, obj, keys)) {
		ru->from = xcalloc(1, sizeof *ru->from);
		ru->to = xcalloc(1, sizeof *ru->to);
		ru->nfrom = ru->nto = 1;
		return;
	}
	if (scenario_json_name(c, obj, "name", 1, &s) == 1) {
		int j = scenario_find_rule(r, s);
		if (j >= 0 && j < i) {
			char buf[256];
			scenario_json_fail_at(c, "name", "expected a rule name unique in this router, "
			                      "found %s (also rule %d of this router)", scenario_json_quote(s, buf),
			                      j);
		}
		ru->name = xstrdup(s);
	}
	scenario_json_text(c, obj, "label", 0, &ru->label);
	scenario_json_text(c, obj, "chip", 0, &ru->chip);
	scenario_load_rule_short(c, obj, ru);
	scenario_json_enum(c, obj, "action", 0, rule_action_names, RULE_ACTION_COUNT, &action);
	ru->action = (enum rule_action)action;
	scenario_json_intf(c, obj, "port", 0, 0, 65535, &ru->port);
	scenario_load_selectors(c, obj, "from", &ru->from, &ru->nfrom);
	scenario_load_selectors(c, obj, "to", &ru->to, &ru->nto);
	scenario_json_bool(c, obj, "enabled", 0, &ru->enabled);
}

static void scenario_load_link(struct scenario_ctx *c, const cJSON *v, struct sc_link *l)
{
	static const char *const keys[] = { "network", "latency_ms", NULL };
	l->net = -1;
	l->latency_us = 1000;
	if (cJSON_IsString(v)) {
		scenario_json_v_ref(c, v, SCENARIO_REF_NET, &l->net);
	} else if (!cJSON_IsObject(v)) {
		scenario_json_fail(c, "expected a network id or an object with network and latency_ms, "
		                   "found %s", scenario_json_type(v));
	} else if (scenario_json_keys(c, v, keys)) {
		const cJSON *obj = v;
		scenario_json_ref(c, obj, "network", 1, SCENARIO_REF_NET, &l->net);
		scenario_json_ms(c, obj, "latency_ms", &l->latency_us);
	}
}

static void scenario_load_router(struct scenario_ctx *c, const cJSON *obj, int i)
{
	static const char *const keys[] = { "id", "label", "links", "rules", "pos", NULL };
	struct sc_router *r = &c->sc->routers[i];
	const char *s;
	size_t old;
	int n = 0;
	if (!scenario_json_keys(c, obj, keys))
		return;
	if (scenario_json_name(c, obj, "id", 1, &s) == 1) {
		int j = scenario_find_router(c->sc, s);
		if (j >= 0 && j < i)
			scenario_json_unique(c, "id", s, "a unique node id", "routers", j);
		r->id = xstrdup(s);
	}
	scenario_json_text(c, obj, "label", 0, &r->label);
	const cJSON *a = scenario_json_array(c, obj, "links", 1, &old, &n);
	if (a) {
		int k = 0;
		if (n == 0)
			scenario_json_fail(c, "expected at least one link, found an empty array");
		r->links = xcalloc((size_t)n, sizeof *r->links);
		r->nlinks = n;
		for (const cJSON *e = a->child; e; e = e->next, k++) {
			size_t o2 = scenario_json_push_i(c, k);
			scenario_load_link(c, e, &r->links[k]);
			scenario_json_pop(c, o2);
		}
		scenario_json_pop(c, old);
	}
	a = scenario_json_array(c, obj, "rules", 0, &old, &n);
	if (a) {
		int k = 0;
		r->rules = xcalloc((size_t)n, sizeof *r->rules);
		r->nrules = n;
		for (const cJSON *e = a->child; e; e = e->next, k++) {
			size_t o2 = scenario_json_push_i(c, k);
			scenario_load_rule(c, e, r, k);
			scenario_json_pop(c, o2);
		}
		scenario_json_pop(c, old);
	}
	scenario_json_floats(c, obj, "pos", 2, r->pos, &r->has_pos);
}

static int scenario_load_is_fqdn(const char *s)
{
	if (!*s || *s == '.' || *s == '-')
		return 0;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '.' || *p == '_') || (*p == '.' && p[1] == '.'))
			return 0;
	return 1;
}

static void scenario_load_host_addr(struct scenario_ctx *c, const cJSON *obj, int i)
{
	struct sc_host *h = &c->sc->hosts[i];
	const char *s;
	char buf[256], net[16];
	uint32_t a;
	if (scenario_json_str(c, obj, "addr", 1, &s) != 1)
		return;
	if (scenario_parse_ipv4(s, &a) < 0) {
		scenario_json_fail_at(c, "addr", "expected an IPv4 address like 192.0.2.1, found %s",
		                      scenario_json_quote(s, buf));
		return;
	}
	h->addr = a;
	if (h->net >= 0 && c->sc->nets[h->net].prefix >= 0) {
		const struct sc_network *nw = &c->sc->nets[h->net];
		if ((a & nw->mask) != nw->addr) {
			scenario_format_ipv4(nw->addr, net);
			scenario_json_fail_at(c, "addr", "expected an address inside network %s (%s/%d), "
			                      "found %s", nw->id, net, nw->prefix, scenario_json_quote(s, buf));
		}
	}
	int j = scenario_find_host_by_addr(c->sc, a);
	if (j >= 0 && j < i)
		scenario_json_unique(c, "addr", s, "an address no other host has", "hosts", j);
}

/* "tamper": {"find", "replace"} — an attacker's relay that changes the
 * mail it passes on (the S/MIME lesson's tampering, mta_tamper.c). */
static void scenario_load_tamper(struct scenario_ctx *c, const cJSON *obj, struct sc_host *h)
{
	static const char *const keys[] = { "find", "replace", NULL };
	const cJSON *t = scenario_json_item(c, obj, "tamper", 0);
	if (!t)
		return;
	size_t old = scenario_json_push(c, "tamper");
	if (scenario_json_keys(c, t, keys)) {
		const char *s;
		if (scenario_json_name(c, t, "find", 1, &s) == 1) {
			if (strpbrk(s, "\r\n"))
				scenario_json_fail_at(c, "find", "expected text within one line, found a line break");
			else
				h->tamper_find = xstrdup(s);
		}
		if (scenario_json_str(c, t, "replace", 1, &s) == 1) {
			if (strpbrk(s, "\r\n"))
				scenario_json_fail_at(c, "replace", "expected text within one line, found a line break");
			else
				h->tamper_replace = xstrdup(s);
		}
	}
	scenario_json_pop(c, old);
}

/* "queue": Postfix's backoff bounds and the queue lifetime. */
static void scenario_load_host_queue(struct scenario_ctx *c, const cJSON *obj, struct sc_host *h)
{
	static const char *const qkeys[] = { "retry_min", "retry_max", "lifetime", NULL };
	size_t old;
	const cJSON *q = scenario_json_item(c, obj, "queue", 0);
	if (q) {
		old = scenario_json_push(c, "queue");
		if (scenario_json_keys(c, q, qkeys)) {
			/* Postfix's minimal_backoff_time is at least 1 s; 0 would
			 * retry at the same instant forever. */
			if (scenario_json_secs(c, q, "retry_min", 0, &h->retry_min_us) == 1 &&
			    h->retry_min_us < INT64_C(1000000)) {
				size_t at = scenario_json_push(c, "retry_min");
				scenario_json_fail(c, "expected at least 1 second, found %.15g",
				                   (double)h->retry_min_us / 1e6);
				scenario_json_pop(c, at);
			}
			if (scenario_json_secs(c, q, "retry_max", 0, &h->retry_max_us) >= 0 &&
			    h->retry_max_us < h->retry_min_us)
				scenario_json_fail(c, "expected retry_max >= retry_min, found %.15g < %.15g",
				                   (double)h->retry_max_us / 1e6, (double)h->retry_min_us / 1e6);
			scenario_json_secs(c, q, "lifetime", 0, &h->lifetime_us);
		}
		scenario_json_pop(c, old);
	}
}

static void scenario_load_host(struct scenario_ctx *c, const cJSON *obj, int i)
{
	static const char *const keys[] = {
		"id", "label", "network", "addr", "name", "roles", "domains", "relayhost", "lmtp",
		"mailstore", "relay_networks", "relay_domains",
		"open_relay", "starttls", "verify_recipients", "spf", "dmarc", "dkim", "max_hops",
		"max_size", "queue", "bot", "attacker", "count", "pos", "tamper", "disable_plaintext_auth", "apop",
		"pop_before_smtp", "auth_down_until", NULL };
	struct scenario *sc = c->sc;
	struct sc_host *h = &sc->hosts[i];
	const char *s;
	size_t old;
	int n = 0;
	long long size;
	h->net = -1;
	h->addr = 0xFFFFFFFFu;         /* matches no other host until read */
	h->starttls = 1;
	h->verify_rcpt = 1;
	h->group = i;
	h->group_size = 1;
	h->max_hops = 50;
	h->max_size = 10240000;
	h->retry_min_us = INT64_C(300000000);
	h->retry_max_us = INT64_C(4000000000);
	h->lifetime_us = INT64_C(432000000000);
	if (!scenario_json_keys(c, obj, keys))
		return;
	if (scenario_json_name(c, obj, "id", 1, &s) == 1) {
		int j = scenario_find_router(sc, s);
		if (j >= 0)
			scenario_json_unique(c, "id", s, "a unique node id", "routers", j);
		j = scenario_find_host(sc, s);
		if (j >= 0 && j < i)
			scenario_json_unique(c, "id", s, "a unique node id", "hosts", j);
		h->id = xstrdup(s);
	}
	scenario_json_text(c, obj, "label", 0, &h->label);
	scenario_json_ref(c, obj, "network", 1, SCENARIO_REF_NET, &h->net);
	scenario_load_host_addr(c, obj, i);
	if (scenario_json_str(c, obj, "name", 1, &s) == 1) {
		char buf[256];
		int j = scenario_find_host_by_fqdn(sc, s);
		if (!scenario_load_is_fqdn(s))
			scenario_json_fail_at(c, "name", "expected a host name like mx.example.com, found %s",
			                      scenario_json_quote(s, buf));
		else if (j >= 0 && j < i)
			scenario_json_unique(c, "name", s, "a host name no other host has", "hosts", j);
		h->fqdn = xstrdup(s);
	}
	const cJSON *a = scenario_json_array(c, obj, "roles", 1, &old, &n);
	if (a) {
		int k = 0;
		for (const cJSON *e = a->child; e; e = e->next, k++) {
			int role;
			size_t o2 = scenario_json_push_i(c, k);
			if (scenario_json_v_enum(c, e, role_names, ROLE_COUNT, &role) == 1)
				h->roles |= ROLE_BIT(role);
			scenario_json_pop(c, o2);
		}
		scenario_json_pop(c, old);
	}
	scenario_json_strs(c, obj, "domains", 0, 0, &h->domains, &h->ndomains);
	a = scenario_json_array(c, obj, "relay_networks", 0, &old, &n);
	if (a) {
		int k = 0;
		h->relay_nets = xcalloc((size_t)n, sizeof *h->relay_nets);
		for (const cJSON *e = a->child; e; e = e->next, k++) {
			size_t o2 = scenario_json_push_i(c, k);
			if (scenario_json_v_ref(c, e, SCENARIO_REF_NET, &h->relay_nets[h->nrelay_nets]) == 1)
				h->nrelay_nets++;
			scenario_json_pop(c, o2);
		}
		scenario_json_pop(c, old);
	}
	scenario_json_strs(c, obj, "relay_domains", 0, 0, &h->relay_domains, &h->nrelay_domains);
	scenario_json_bool(c, obj, "open_relay", 0, &h->open_relay);
	scenario_json_intf(c, obj, "count", 0, 1, 100000, &h->group_size);
	scenario_json_bool(c, obj, "starttls", 0, &h->starttls);
	scenario_json_bool(c, obj, "verify_recipients", 0, &h->verify_rcpt);
	scenario_json_enum(c, obj, "spf", 0, spf_policy_names, SPF_POLICY_COUNT, &h->spf);
	scenario_json_intf(c, obj, "max_hops", 0, 1, 1000, &h->max_hops);
	if (scenario_json_int(c, obj, "max_size", 0, 1, SCENARIO_JSON_INT_MAX, &size) == 1)
		h->max_size = size;
	scenario_load_host_queue(c, obj, h);
	scenario_json_bool(c, obj, "bot", 0, &h->bot);
	scenario_json_bool(c, obj, "attacker", 0, &h->attacker);
	if (h->bot && h->attacker)
		scenario_json_fail_at(c, "attacker", "expected either bot or attacker, found both");
	scenario_load_tamper(c, obj, h);
	if (scenario_json_secs(c, obj, "auth_down_until", 0, &h->auth_down_until_us) == 1 &&
	    !(h->roles & ROLE_BIT(ROLE_MSA)))
		scenario_json_fail_at(c, "auth_down_until", "expected a host with the MSA role (SMTP AUTH on "
		                      "587 and 465), found a host without it");
	scenario_json_floats(c, obj, "pos", 2, h->pos, &h->has_pos);
	scenario_auth_host(c, obj, i);
	scenario_retrieval_host(c, obj, i);
}

static void scenario_load_zone(struct scenario_ctx *c, const cJSON *obj, int i)
{
	static const char *const keys[] = { "domain", "mx", "a", "txt", "dkim_key", NULL };
	static const char *const mxkeys[] = { "pref", "host", NULL };
	static const char *const akeys[] = { "name", "addr", NULL };
	struct sc_zone *z = &c->sc->zones[i];
	const char *s;
	size_t old;
	int n = 0;
	if (!scenario_json_keys(c, obj, keys))
		return;
	if (scenario_json_name(c, obj, "domain", 1, &s) == 1) {
		for (int j = 0; j < i; j++)
			if (c->sc->zones[j].domain && util_strcasecmp(c->sc->zones[j].domain, s) == 0) {
				scenario_json_unique(c, "domain", s, "a domain no other zone has",
				                     "dns/zones", j);
				break;
			}
		z->domain = xstrdup(s);
	}
	const cJSON *a = scenario_json_array(c, obj, "mx", 0, &old, &n);
	if (a) {
		int k = 0;
		z->mx = xcalloc((size_t)n, sizeof *z->mx);
		z->nmx = n;
		for (const cJSON *e = a->child; e; e = e->next, k++) {
			size_t o2 = scenario_json_push_i(c, k);
			if (scenario_json_keys(c, e, mxkeys)) {
				scenario_json_intf(c, e, "pref", 1, 0, 65535, &z->mx[k].pref);
				if (scenario_json_name(c, e, "host", 1, &s) == 1)
					z->mx[k].host = xstrdup(s);
			}
			scenario_json_pop(c, o2);
		}
		scenario_json_pop(c, old);
	}
	a = scenario_json_array(c, obj, "a", 0, &old, &n);
	if (a) {
		int k = 0;
		z->a = xcalloc((size_t)n, sizeof *z->a);
		z->na = n;
		for (const cJSON *e = a->child; e; e = e->next, k++) {
			size_t o2 = scenario_json_push_i(c, k);
			if (scenario_json_keys(c, e, akeys)) {
				if (scenario_json_name(c, e, "name", 1, &s) == 1)
					z->a[k].name = xstrdup(s);
				if (scenario_json_str(c, e, "addr", 1, &s) == 1 &&
				    scenario_parse_ipv4(s, &z->a[k].addr) < 0) {
					char buf[256];
					scenario_json_fail_at(c, "addr", "expected an IPv4 address like 192.0.2.1, "
					                      "found %s", scenario_json_quote(s, buf));
				}
			}
			scenario_json_pop(c, o2);
		}
		scenario_json_pop(c, old);
	}
	scenario_json_strs(c, obj, "txt", 0, 0, &z->txt, &z->ntxt);
	scenario_auth_zone(c, obj, i);
}

static void scenario_load_dns(struct scenario_ctx *c, const cJSON *obj)
{
	static const char *const keys[] = { "server", "zones", NULL };
	size_t old;
	int n = 0;
	if (!scenario_json_keys(c, obj, keys))
		return;
	scenario_json_role_host(c, obj, "server", ROLE_DNS, &c->sc->dns_host);
	const cJSON *a = scenario_json_array(c, obj, "zones", 0, &old, &n);
	if (a) {
		c->sc->zones = xcalloc((size_t)n, sizeof *c->sc->zones);
		c->sc->nzones = n;
		scenario_json_each(c, a, old, scenario_load_zone);
	}
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard
 * Hinnant's days_from_civil), so no timegm and no TZ enter the result. */
static int64_t scenario_load_days(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* "YYYY-MM-DDTHH:MM:SS±HH:MM" (or "…Z") -> Unix seconds and zone minutes. */
int scenario_load_parse_date(const char *s, int64_t *epoch, int *tz_min)
{
	static const char pat[] = "dddd-dd-ddTdd:dd:dd+dd:dd";
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	size_t len = strlen(s);
	int zulu = len == 20 && s[19] == 'Z';
	if (len != 25 && !zulu)
		return -1;
	for (size_t i = 0; i < (zulu ? 19 : 25); i++) {
		int ok = pat[i] == 'd' ? s[i] >= '0' && s[i] <= '9'
		       : pat[i] == '+' ? s[i] == '+' || s[i] == '-' : s[i] == pat[i];
		if (!ok)
			return -1;
	}
#define SCENARIO_LOAD_NUM2(p) ((s[p] - '0') * 10 + (s[p + 1] - '0'))
	int y = SCENARIO_LOAD_NUM2(0) * 100 + SCENARIO_LOAD_NUM2(2), mo = SCENARIO_LOAD_NUM2(5);
	int d = SCENARIO_LOAD_NUM2(8), h = SCENARIO_LOAD_NUM2(11), mi = SCENARIO_LOAD_NUM2(14);
	int se = SCENARIO_LOAD_NUM2(17);
	int tzh = zulu ? 0 : SCENARIO_LOAD_NUM2(20), tzm = zulu ? 0 : SCENARIO_LOAD_NUM2(23);
#undef SCENARIO_LOAD_NUM2
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] + (mo == 2 && leap) ||
	    h > 23 || mi > 59 || se > 59 || tzh > 23 || tzm > 59)
		return -1;
	*tz_min = (tzh * 60 + tzm) * (!zulu && s[19] == '-' ? -1 : 1);
	*epoch = scenario_load_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - *tz_min * 60;
	return 0;
}

_Static_assert(TR_KIND_COUNT <= 64, "narrate_kinds is a 64-bit set");

/* "narrate": [kind …]: the headless run tells these kinds of events (and
 * every captioned one), for lessons whose story is a few kinds among many
 * wire lines. */
static void scenario_load_narrate_kinds(struct scenario_ctx *c, const cJSON *top)
{
	char **kinds = NULL;
	int n = 0;
	char buf[256];
	scenario_json_strs(c, top, "narrate", 0, 0, &kinds, &n);
	for (int i = 0; i < n; i++) {
		int k = trace_kind_from_name(kinds[i]);
		if (k < 0) {
			size_t o1 = scenario_json_push(c, "narrate");
			size_t o2 = scenario_json_push_i(c, i);
			scenario_json_fail(c, "expected the name of a trace event type (deliver, filter, "
			                   "learn, …), found %s", scenario_json_quote(kinds[i], buf));
			scenario_json_pop(c, o2);
			scenario_json_pop(c, o1);
		} else {
			c->sc->narrate_kinds |= 1ull << k;
		}
		free(kinds[i]);
	}
	free(kinds);
	if (n == 0 && c->sc->narrate_kinds == 0)
		scenario_json_fail_at(c, "narrate", "expected \"events\", \"captions\" or a non-empty "
		                      "list of event types, found []");
}

/* "pace": simulated seconds per wall second at the window's 1x, from a
 * thousandth (a wire lesson in slow motion) to an hour. */
#define SCENARIO_LOAD_PACE_MIN 0.001
#define SCENARIO_LOAD_PACE_MAX 3600.0

static void scenario_load_pace(struct scenario_ctx *c, const cJSON *top)
{
	const cJSON *v = scenario_json_item(c, top, "pace", 0);
	double d;
	if (!v)
		return;
	size_t old = scenario_json_push(c, "pace");
	if (scenario_json_v_num(c, v, SCENARIO_LOAD_PACE_MIN, SCENARIO_LOAD_PACE_MAX,
	                        "simulated seconds per wall second", &d) == 1)
		c->sc->pace_us = (int64_t)(d * 1e6 + 0.5);
	scenario_json_pop(c, old);
}

static void scenario_load_top(struct scenario_ctx *c, const cJSON *top)
{
	static const char *const keys[] = {
		"$schema", "mailsim", "id", "title", "summary", "seed", "start", "until", "pace",
		"narrate", "networks", "routers", "hosts", "dns", "users", "actions", "captions", "quiz", "expect",
		"smime", "sniffers", NULL };
	static const char *const narrate_names[] = { "events", "captions" };
	struct scenario *sc = c->sc;
	const cJSON *v, *a;
	const char *s;
	char buf[256];
	long long seed;
	size_t old;
	int n;
	if (!scenario_json_keys(c, top, keys))
		return;
	scenario_json_str(c, top, "$schema", 0, &s);       /* for editors only */
	if ((v = scenario_json_item(c, top, "mailsim", 0)) &&
	    !(cJSON_IsNumber(v) && v->valuedouble == 1))
		scenario_json_fail_at(c, "mailsim", "expected 1 (the format version this program "
		                      "reads), found %s", scenario_json_value(v, buf));
	if (scenario_json_name(c, top, "id", 0, &s) == 1) {
		free(sc->id);
		sc->id = xstrdup(s);
	}
	scenario_json_text(c, top, "title", 1, &sc->title);
	scenario_json_text(c, top, "summary", 0, &sc->summary);
	if (cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(top, "narrate")))
		scenario_load_narrate_kinds(c, top);
	else
		scenario_json_enum(c, top, "narrate", 0, narrate_names, 2, &sc->narrate_captions);
	if (scenario_json_int(c, top, "seed", 0, 0, SCENARIO_JSON_INT_MAX, &seed) == 1)
		sc->seed = (uint64_t)seed;
	if (scenario_json_str(c, top, "start", 0, &s) == 1 &&
	    scenario_load_parse_date(s, &sc->epoch, &sc->tz_min) < 0)
		scenario_json_fail_at(c, "start", "expected a date like 2026-04-01T09:00:00+09:00, "
		                      "found %s", scenario_json_quote(s, buf));
	scenario_json_secs(c, top, "until", 0, &sc->until_us);
	scenario_load_pace(c, top);
	if ((a = scenario_json_array(c, top, "networks", 0, &old, &n))) {
		sc->nets = xcalloc((size_t)n, sizeof *sc->nets);
		sc->nnets = n;
		scenario_json_each(c, a, old, scenario_load_network);
	}
	if ((a = scenario_json_array(c, top, "routers", 0, &old, &n))) {
		sc->routers = xcalloc((size_t)n, sizeof *sc->routers);
		sc->nrouters = n;
		scenario_json_each(c, a, old, scenario_load_router);
	}
	if ((a = scenario_json_array(c, top, "hosts", 0, &old, &n))) {
		sc->hosts = xcalloc((size_t)n, sizeof *sc->hosts);
		sc->nhosts = n;
		scenario_json_each(c, a, old, scenario_load_host);
	}
	scenario_roles_read(c, top);
	if ((v = scenario_json_item(c, top, "dns", 0))) {
		old = scenario_json_push(c, "dns");
		scenario_load_dns(c, v);
		scenario_json_pop(c, old);
	}
	scenario_retrieval_sniffers(c, top);
	scenario_script_read(c, top);
	scenario_smime_read(c, top);
}

struct scenario *scenario_parse(const char *name, const char *json, FILE *err)
{
	struct scenario_ctx c = { 0 };
	const char *end = NULL;
	c.file = name && *name ? name : "scenario";
	c.err = err;
	if (!json)
		json = "";
	util_cjson_init();
	cJSON *root = cJSON_ParseWithOpts(json, &end, 1);
	if (!root) {
		/* Line and column as an editor counts them: characters, from 1. */
		int line = 1, col = 1;
		if (!end)
			end = json;
		for (const char *p = json; p < end && *p; p++) {
			if (*p == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)*p & 0xC0) != 0x80) {
				col++;
			}
		}
		scenario_json_fail(&c, "expected valid JSON, found syntax error at line %d, column %d",
		                   line, col);
		return NULL;
	}
	c.sc = scenario_new_empty(c.file);
	scenario_load_top(&c, root);
	cJSON_Delete(root);
	sbuf_free(&c.path);
	if (c.nerr || scenario_groups_expand(c.sc, err) < 0) {
		scenario_free(c.sc);
		return NULL;
	}
	scenario_finish(c.sc);
	return c.sc;
}

struct scenario *scenario_load(const char *path, FILE *err)
{
	struct sbuf b = { 0 };
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (err)
			fprintf(err, "%s: cannot read: %s\n", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sbuf_add(&b, chunk, n);
	int e = ferror(f) ? (errno ? errno : EIO) : 0;
	fclose(f);
	if (e) {
		if (err)
			fprintf(err, "%s: cannot read: %s\n", path, strerror(e));
		sbuf_free(&b);
		return NULL;
	}
	struct scenario *sc = NULL;
	if (b.s && strlen(b.s) != b.len) {
		/* cJSON would stop at the NUL and accept what came before it. */
		struct scenario_ctx c = { .file = path, .err = err };
		scenario_json_fail(&c, "expected text, found a NUL byte at offset %zu", strlen(b.s));
	} else {
		sc = scenario_parse(path, b.s ? b.s : "", err);
	}
	sbuf_free(&b);
	return sc;
}
