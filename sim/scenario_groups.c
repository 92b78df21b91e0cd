/* scenario_groups — a host with "count": N stands for N machines (a botnet
 * of infected PCs, a room of students' PCs): the loader expands it into N
 * hosts with consecutive addresses, appended after the hosts of the file so
 * that the indices the file's references resolved to stay valid. */
#include <string.h>

#include "scenario.h"
#include "util.h"

/* The k-th machine's name.  A name whose first label spells the group's
 * first address with dashes, as ISPs name dynamic addresses
 * ("198-51-100-24.dyn.ispb.example", lesson 03), gets each machine's own
 * address there ("198-51-100-30.dyn.ispb.example"); any other name gets a
 * number ("bot.ispa.example" -> "bot-7.ispa.example"). */
static char *scenario_groups_name(const char *fqdn, uint32_t first, uint32_t addr, int k)
{
	const char *dot = strchr(fqdn, '.');
	size_t head = dot ? (size_t)(dot - fqdn) : strlen(fqdn);
	char dashed[16];
	scenario_format_ipv4(first, dashed);
	for (char *p = dashed; *p; p++)
		if (*p == '.')
			*p = '-';
	struct sbuf b;
	sbuf_init(&b);
	if (head == strlen(dashed) && !strncmp(fqdn, dashed, head)) {
		scenario_format_ipv4(addr, dashed);
		for (char *p = dashed; *p; p++)
			if (*p == '.')
				*p = '-';
		sbuf_addf(&b, "%s%s", dashed, dot ? dot : "");
	} else {
		sbuf_addf(&b, "%.*s-%d%s", (int)head, fqdn, k, dot ? dot : "");
	}
	return sbuf_take(&b);
}

static char *scenario_groups_dup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

int scenario_groups_expand(struct scenario *sc, FILE *err)
{
	int old = sc->nhosts, add = 0, bad = 0;
	for (int i = 0; i < old; i++) {
		const struct sc_host *h = &sc->hosts[i];
		if (h->group_size <= 1)
			continue;
		const struct sc_network *n = &sc->nets[h->net];
		uint32_t last = h->addr + (uint32_t)(h->group_size - 1);
		if (last < h->addr || (last & n->mask) != n->addr) {
			char a[16];
			scenario_format_ipv4(last, a);
			if (err)
				fprintf(err, "%s: /hosts/%d/count: expected %d addresses from %s to fit in "
				        "network %s, found the last would be %s\n", sc->file, i, h->group_size,
				        n->id, n->id, a);
			bad = 1;
			continue;
		}
		for (uint32_t a = h->addr + 1; a <= last; a++)
			for (int k = 0; k < old; k++)
				if (sc->hosts[k].addr == a) {
					char s[16];
					scenario_format_ipv4(a, s);
					if (err)
						fprintf(err, "%s: /hosts/%d/count: expected addresses no other host "
						        "has, found %s (host %s)\n", sc->file, i, s, sc->hosts[k].id);
					bad = 1;
				}
		add += h->group_size - 1;
	}
	if (bad)
		return -1;
	if (!add)
		return 0;
	sc->hosts = xrealloc(sc->hosts, (size_t)(old + add) * sizeof *sc->hosts);
	int next = old;
	for (int i = 0; i < old; i++) {
		struct sc_host *h = &sc->hosts[i];
		h->group = i;
		h->group_rest = h->group_size > 1 ? next : -1;
		for (int k = 2; k <= h->group_size; k++) {
			struct sc_host *r = &sc->hosts[next++];
			*r = *h;
			struct sbuf id;
			sbuf_init(&id);
			sbuf_addf(&id, "%s.%d", h->id, k);
			r->id = sbuf_take(&id);
			r->label.ja = scenario_groups_dup(h->label.ja);
			r->label.en = scenario_groups_dup(h->label.en);
			r->fqdn = scenario_groups_name(h->fqdn, h->addr, h->addr + (uint32_t)(k - 1), k);
			r->tamper_find = scenario_groups_dup(h->tamper_find);
			r->tamper_replace = scenario_groups_dup(h->tamper_replace);
			r->addr = h->addr + (uint32_t)(k - 1);
			r->domains = NULL;
			r->ndomains = 0;
			r->relay_nets = NULL;
			r->nrelay_nets = 0;
			r->relay_domains = NULL;
			r->nrelay_domains = 0;
			/* The loader refuses DKIM keys on a group: a key is one
			 * server's, not a crowd's. */
			r->dkim_sign = NULL;
			r->ndkim_sign = 0;
			if (h->ndomains) {
				r->domains = xcalloc((size_t)h->ndomains, sizeof *r->domains);
				for (int d = 0; d < h->ndomains; d++)
					r->domains[d] = xstrdup(h->domains[d]);
				r->ndomains = h->ndomains;
			}
			if (h->nrelay_domains) {
				r->relay_domains = xcalloc((size_t)h->nrelay_domains, sizeof *r->relay_domains);
				for (int d = 0; d < h->nrelay_domains; d++)
					r->relay_domains[d] = xstrdup(h->relay_domains[d]);
				r->nrelay_domains = h->nrelay_domains;
			}
			if (h->nrelay_nets) {
				r->relay_nets = xmalloc((size_t)h->nrelay_nets * sizeof(int));
				memcpy(r->relay_nets, h->relay_nets, (size_t)h->nrelay_nets * sizeof(int));
				r->nrelay_nets = h->nrelay_nets;
			}
			r->group = i;
			r->group_rest = -1;
		}
	}
	sc->nhosts = old + add;
	/* Node numbers of routers follow the hosts: move them along. */
	for (int i = 0; i < sc->ncaptions; i++)
		if (sc->captions[i].on.node >= old)
			sc->captions[i].on.node += add;
	for (int i = 0; i < sc->nquiz; i++)
		if (sc->quiz[i].on.node >= old)
			sc->quiz[i].on.node += add;
	for (int i = 0; i < sc->nexpects; i++)
		if (sc->expects[i].node >= old)
			sc->expects[i].node += add;
	return 0;
}
