/* scenario_retrieval — reading a lesson's settings for reading mail
 * safely (see scenario_retrieval.h). */
#include "scenario_retrieval.h"

#include <string.h>

void scenario_retrieval_host(struct scenario_ctx *c, const cJSON *obj, int i)
{
	struct sc_host *h = &c->sc->hosts[i];
	int mra = !!(h->roles & ROLE_BIT(ROLE_MRA));
	static const char *const need_mra[] = { "disable_plaintext_auth", "apop", "pop_before_smtp" };
	for (size_t k = 0; k < sizeof need_mra / sizeof *need_mra; k++)
		if (!mra && cJSON_GetObjectItemCaseSensitive(obj, need_mra[k]))
			scenario_json_fail_at(c, need_mra[k], "expected a host with the MRA role (POP3/IMAP), "
			                      "found a host without it");
	scenario_json_bool(c, obj, "disable_plaintext_auth", 0, &h->disable_plaintext_auth);
	scenario_json_bool(c, obj, "apop", 0, &h->apop);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "pop_before_smtp");
	if (!v)
		return;
	if (!(h->roles & ROLE_BIT(ROLE_MTA)))
		scenario_json_fail_at(c, "pop_before_smtp", "expected a host with the MTA role too (it "
		                      "relays on port 25), found a host without it");
	if (cJSON_IsBool(v)) {
		h->pop_before_smtp_us = cJSON_IsTrue(v) ? SCENARIO_POP_BEFORE_SMTP_US : 0;
		return;
	}
	long long min = 0;
	size_t old = scenario_json_push(c, "pop_before_smtp");
	if (scenario_json_v_int(c, v, 1, 24 * 60, &min) == 1)
		h->pop_before_smtp_us = min * 60 * 1000000LL;
	scenario_json_pop(c, old);
}

void scenario_retrieval_fetch(struct scenario_ctx *c, const cJSON *obj, struct sc_fetch *f)
{
	int proto = (int)f->proto;
	if (scenario_json_enum(c, obj, "protocol", 0, fetch_proto_names, FETCH_PROTO_COUNT, &proto) == 1 &&
	    proto != (int)f->proto) {
		f->proto = (enum fetch_proto)proto;
		f->port = proto == FETCH_POP3 ? PORT_POP3 : PORT_IMAP;
	}
	scenario_json_intf(c, obj, "port", 0, 1, 65535, &f->port);
	if (scenario_json_bool(c, obj, "starttls", 0, &f->starttls) == 1 && f->starttls &&
	    (f->port == PORT_POP3S || f->port == PORT_IMAPS))
		scenario_json_fail_at(c, "starttls", "expected no starttls on port %d, where TLS starts "
		                      "with the first byte, found true", f->port);
	if (scenario_json_bool(c, obj, "apop", 0, &f->apop) == 1 && f->apop && f->proto != FETCH_POP3)
		scenario_json_fail_at(c, "apop", "expected APOP only with protocol pop3, found it "
		                      "with %s", fetch_proto_names[f->proto]);
}

static void scenario_retrieval_sniffer(struct scenario_ctx *c, const cJSON *obj, int i)
{
	static const char *const keys[] = { "id", "label", "network", "router", "pos", NULL };
	struct sc_sniffer *x = &c->sc->sniffers[i];
	const char *s;
	x->net = x->router = -1;
	if (!scenario_json_keys(c, obj, keys))
		return;
	if (scenario_json_name(c, obj, "id", 1, &s) == 1) {
		for (int j = 0; j < i; j++)
			if (c->sc->sniffers[j].id && strcmp(c->sc->sniffers[j].id, s) == 0)
				scenario_json_unique(c, "id", s, "a unique sniffer id", "sniffers", j);
		x->id = xstrdup(s);
	}
	scenario_json_text(c, obj, "label", 0, &x->label);
	int has_net = cJSON_GetObjectItemCaseSensitive(obj, "network") != NULL;
	int has_router = cJSON_GetObjectItemCaseSensitive(obj, "router") != NULL;
	if (has_net == has_router)
		scenario_json_fail(c, "expected either \"network\" (a segment) or \"router\" (a tap), "
		                   "found %s", has_net ? "both" : "neither");
	scenario_json_ref(c, obj, "network", 0, SCENARIO_REF_NET, &x->net);
	scenario_json_ref(c, obj, "router", 0, SCENARIO_REF_ROUTER, &x->router);
	scenario_json_floats(c, obj, "pos", 2, x->pos, &x->has_pos);
}

void scenario_retrieval_sniffers(struct scenario_ctx *c, const cJSON *top)
{
	size_t old;
	int n = 0;
	const cJSON *a = scenario_json_array(c, top, "sniffers", 0, &old, &n);
	if (!a)
		return;
	c->sc->sniffers = xcalloc((size_t)n + 1, sizeof *c->sc->sniffers);
	c->sc->nsniffers = n;
	scenario_json_each(c, a, old, scenario_retrieval_sniffer);
}
