/* scenario_auth — reading a host's DKIM and DMARC settings and a zone's
 * DKIM key record from the lesson file (see scenario_auth.h). */
#include "scenario_auth.h"

#include <errno.h>
#include <string.h>

#include "dkim.h"
#include "dkim_key.h"

#define SCENARIO_AUTH_PEM_MAX (1 << 20)


/* The "from" list of a signer: domains, or "*" alone. */
static void scenario_auth_from(struct scenario_ctx *c, const cJSON *obj, struct sc_dkim_signer *g)
{
	if (scenario_json_strs(c, obj, "from", 1, 0, &g->from, &g->nfrom) == 0) {
		g->from = xcalloc(1, sizeof *g->from);
		g->from[0] = xstrdup(g->domain ? g->domain : "");
		g->nfrom = 1;
		return;
	}
	for (int k = 0; k < g->nfrom; k++) {
		const char *d = g->from[k];
		if ((strcmp(d, "*") == 0 && g->nfrom == 1) || dkim_domain_ok(d, strlen(d)))
			continue;
		char buf[256];
		size_t old = scenario_json_push(c, "from");
		size_t o2 = scenario_json_push_i(c, k);
		scenario_json_fail(c, "expected a domain name (or \"*\" alone: any From), found %s",
		                   scenario_json_quote(d, buf));
		scenario_json_pop(c, o2);
		scenario_json_pop(c, old);
	}
}

/* One element of "dkim": {"sign": [ … ]}. */
static void scenario_auth_signer(struct scenario_ctx *c, const cJSON *obj, struct sc_host *h,
                                 struct sc_dkim_signer *g)
{
	static const char *const keys[] = { "domain", "selector", "key", "from", "at", "since", NULL };
	static const char *const at_names[] = { "MSA", "MTA" };
	const char *s;
	char buf[256];
	g->at = ROLE_MSA;
	if (!scenario_json_keys(c, obj, keys))
		return;
	if (scenario_json_str(c, obj, "domain", 1, &s) == 1) {
		if (!dkim_domain_ok(s, strlen(s)))
			scenario_json_fail_at(c, "domain", "expected a domain name for d=, found %s",
			                      scenario_json_quote(s, buf));
		g->domain = xstrdup(s);
	}
	if (scenario_json_str(c, obj, "selector", 1, &s) == 1) {
		if (!dkim_selector_ok(s, strlen(s)))
			scenario_json_fail_at(c, "selector", "expected a selector (letters, digits, "
			                      "hyphens, dots), found %s", scenario_json_quote(s, buf));
		g->selector = xstrdup(s);
	}
	if (scenario_json_name(c, obj, "key", 1, &s) == 1) {
		struct sbuf path;
		char err[300];
		g->key_file = xstrdup(s);
		scenario_json_file_path(c, s, &path);
		g->key = dkim_key_load_file(path.s, err, sizeof err);
		if (!g->key)
			scenario_json_fail_at(c, "key", "expected an RSA private key in PEM of at least "
			                      "%d bits, found %s", DKIM_KEY_MIN_BITS, err);
		sbuf_free(&path);
	}
	scenario_auth_from(c, obj, g);
	int at = 0, r = scenario_json_enum(c, obj, "at", 0, at_names, 2, &at);
	g->at = at ? ROLE_MTA : ROLE_MSA;
	if (r >= 0 && !(h->roles & ROLE_BIT(g->at))) {
		if (r == 1)
			scenario_json_fail_at(c, "at", "expected a role this host has, found \"%s\"",
			                      at_names[at]);
		else
			scenario_json_fail(c, "expected \"at\": \"MTA\" on a host without the MSA role, "
			                   "found no \"at\"");
	}
	scenario_json_secs(c, obj, "since", 0, &g->since_us);
}

static void scenario_auth_dkim(struct scenario_ctx *c, const cJSON *v, struct sc_host *h)
{
	static const char *const keys[] = { "verify", "sign", NULL };
	size_t old;
	int n = 0;
	if (!scenario_json_keys(c, v, keys))
		return;
	if (scenario_json_bool(c, v, "verify", 0, &h->dkim_verify) == 1 && h->dkim_verify &&
	    !(h->roles & ROLE_BIT(ROLE_MTA)))
		scenario_json_fail_at(c, "verify", "expected false on a host without the MTA role "
		                      "(only an MTA receives on port 25), found true");
	const cJSON *a = scenario_json_array(c, v, "sign", 0, &old, &n);
	if (!a)
		return;
	if (h->group_size > 1)
		scenario_json_fail(c, "expected no signing keys on a group of %d machines, found %d",
		                   h->group_size, n);
	h->dkim_sign = xcalloc((size_t)n + 1, sizeof *h->dkim_sign);
	int k = 0;
	for (const cJSON *e = a->child; e; e = e->next, k++) {
		size_t o2 = scenario_json_push_i(c, k);
		scenario_auth_signer(c, e, h, &h->dkim_sign[h->ndkim_sign++]);
		scenario_json_pop(c, o2);
	}
	scenario_json_pop(c, old);
}

void scenario_auth_host(struct scenario_ctx *c, const cJSON *obj, int i)
{
	/* Without "dmarc", what "spf" implied before DMARC had a key of its
	 * own: tag only records, junk files failures in Junk (even where the
	 * owner asks to reject), reject honours the owner's policy. */
	static const int from_spf[SPF_POLICY_COUNT] = {
		[SPF_POLICY_OFF] = SC_DMARC_OFF, [SPF_POLICY_TAG] = SC_DMARC_TAG,
		[SPF_POLICY_JUNK] = SC_DMARC_QUARANTINE, [SPF_POLICY_REJECT] = SC_DMARC_HONOR,
	};
	struct sc_host *h = &c->sc->hosts[i];
	h->dmarc = h->spf >= 0 && h->spf < SPF_POLICY_COUNT ? from_spf[h->spf] : SC_DMARC_OFF;
	if (scenario_json_enum(c, obj, "dmarc", 0, sc_dmarc_names, SC_DMARC_COUNT, &h->dmarc) == 1 &&
	    h->dmarc != SC_DMARC_OFF && h->spf == SPF_POLICY_OFF)
		scenario_json_fail_at(c, "dmarc", "expected \"off\" while \"spf\" is \"off\" (DMARC "
		                      "needs the SPF result), found \"%s\"", sc_dmarc_names[h->dmarc]);
	const cJSON *v = scenario_json_item(c, obj, "dkim", 0);
	if (v) {
		size_t old = scenario_json_push(c, "dkim");
		scenario_auth_dkim(c, v, h);
		scenario_json_pop(c, old);
	}
}

/* The text of the file at path (at most SCENARIO_AUTH_PEM_MAX bytes), or
 * NULL with the reason in err. */
static char *scenario_auth_read(const char *path, size_t *len, char *err, size_t errsz)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errsz, "%s (%s)", path, strerror(errno));
		return NULL;
	}
	char *buf = xmalloc(SCENARIO_AUTH_PEM_MAX);
	*len = fread(buf, 1, SCENARIO_AUTH_PEM_MAX, f);
	int bad = ferror(f) || *len == SCENARIO_AUTH_PEM_MAX;
	fclose(f);
	if (bad) {
		snprintf(err, errsz, "%s (unreadable, or larger than 1 MiB)", path);
		free(buf);
		return NULL;
	}
	return buf;
}

void scenario_auth_zone(struct scenario_ctx *c, const cJSON *obj, int i)
{
	struct sc_zone *z = &c->sc->zones[i];
	const char *s;
	char buf[256], err[300];
	if (scenario_json_name(c, obj, "dkim_key", 0, &s) != 1)
		return;
	z->dkim_key_file = xstrdup(s);
	const char *dk = z->domain ? strstr(z->domain, "._domainkey.") : NULL;
	if (!dk || dk == z->domain || !dkim_domain_ok(dk + 12, strlen(dk + 12))) {
		scenario_json_fail_at(c, "dkim_key", "expected it in a zone named "
		                      "SELECTOR._domainkey.DOMAIN, found it in %s",
		                      scenario_json_quote(z->domain ? z->domain : "", buf));
		return;
	}
	struct sbuf path;
	size_t len = 0;
	scenario_json_file_path(c, s, &path);
	char *pem = scenario_auth_read(path.s, &len, err, sizeof err);
	char why[200];
	char *txt = pem ? dkim_key_txt_from_pem(pem, len, why, sizeof why) : NULL;
	if (pem && !txt)
		snprintf(err, sizeof err, "%s: %s", path.s, why);
	if (!txt) {
		scenario_json_fail_at(c, "dkim_key", "expected a PEM file with an RSA key, found %s",
		                      err);
	} else {
		z->txt = xrealloc(z->txt, (size_t)(z->ntxt + 1) * sizeof *z->txt);
		z->txt[z->ntxt++] = txt;
	}
	free(pem);
	sbuf_free(&path);
}
