/* dns — zone lookups.  Names compare case-insensitively, as in DNS. */
#include "dns.h"

#include <string.h>

#include "util.h"

void dns_index_build(struct scenario *sc)
{
	int na = 0;
	for (int i = 0; i < sc->nzones; i++)
		na += sc->zones[i].na;
	hindex_init(&sc->dns_zone_ix, (size_t)sc->nzones);
	hindex_init(&sc->dns_a_ix, (size_t)na);
	sc->dns_a_addr = xmalloc((size_t)(na ? na : 1) * sizeof *sc->dns_a_addr);
	na = 0;
	/* The first inserted wins, as the scans below stop at the first. */
	for (int i = 0; i < sc->nzones; i++) {
		if (sc->zones[i].domain)
			hindex_put_str(&sc->dns_zone_ix, sc->zones[i].domain, i);
		for (int k = 0; k < sc->zones[i].na; k++) {
			if (!sc->zones[i].a[k].name)
				continue;
			sc->dns_a_addr[na] = sc->zones[i].a[k].addr;
			hindex_put_str(&sc->dns_a_ix, sc->zones[i].a[k].name, na++);
		}
	}
}

void dns_index_free(struct scenario *sc)
{
	hindex_free(&sc->dns_zone_ix);
	hindex_free(&sc->dns_a_ix);
	free(sc->dns_a_addr);
	sc->dns_a_addr = NULL;
}

/* A zone by its domain: hashed once the scenario is finished (a lesson
 * may have thousands of zones, and every relay asks). */
static const struct sc_zone *dns_zone(const struct scenario *sc, const char *domain)
{
	if (sc->dns_zone_ix.cap) {
		int i = hindex_get_str(&sc->dns_zone_ix, domain);
		return i >= 0 ? &sc->zones[i] : NULL;
	}
	for (int i = 0; i < sc->nzones; i++)
		if (util_strcasecmp(sc->zones[i].domain, domain) == 0)
			return &sc->zones[i];
	return NULL;
}

int dns_lookup_a(const struct scenario *sc, const char *name, uint32_t *addr)
{
	if (sc->dns_a_ix.cap) {
		int i = hindex_get_str(&sc->dns_a_ix, name);
		if (i >= 0)
			*addr = sc->dns_a_addr[i];
		return i >= 0;
	}
	for (int i = 0; i < sc->nzones; i++)
		for (int k = 0; k < sc->zones[i].na; k++)
			if (util_strcasecmp(sc->zones[i].a[k].name, name) == 0) {
				*addr = sc->zones[i].a[k].addr;
				return 1;
			}
	return 0;
}

int dns_lookup_mx(const struct scenario *sc, const char *domain,
                  struct dns_mx_answer *out, int max)
{
	const struct sc_zone *z = dns_zone(sc, domain);
	uint32_t addr;
	int nmx = z ? z->nmx : 0;
	if (nmx == 0 || max <= 0) {
		/* No MX: the domain itself, if it has an address, is the implicit
		 * MX of preference 0 (RFC 5321 section 5.1) — also for a name
		 * defined inside a parent zone. */
		if (dns_lookup_a(sc, domain, &addr)) {
			if (max <= 0)
				return 0;
			out[0] = (struct dns_mx_answer){ 0, z ? z->domain : domain, addr };
			return 1;
		}
		return z ? 0 : -1;
	}
	/* Sort every record (stable for equal preferences), then keep the
	 * max most preferred: truncating first could drop the best. */
	struct dns_mx_answer few[DNS_MAX_MX];
	struct dns_mx_answer *all = nmx <= DNS_MAX_MX ? few : xmalloc((size_t)nmx * sizeof *all);
	for (int i = 0; i < nmx; i++) {
		struct dns_mx_answer a = { z->mx[i].pref, z->mx[i].host, 0 };
		dns_lookup_a(sc, a.name, &a.addr);
		int j = i;
		while (j > 0 && all[j - 1].pref > a.pref) {
			all[j] = all[j - 1];
			j--;
		}
		all[j] = a;
	}
	int n = nmx < max ? nmx : max;
	for (int i = 0; i < n; i++)
		out[i] = all[i];
	if (all != few)
		free(all);
	return n;
}

int dns_lookup_txt(const struct scenario *sc, const char *domain, char *const **txt)
{
	const struct sc_zone *z = dns_zone(sc, domain);
	if (!z) {
		*txt = NULL;
		return 0;
	}
	*txt = z->txt;
	return z->ntxt;
}

const char *dns_domain_of(const char *addr)
{
	const char *at = addr ? strrchr(addr, '@') : NULL;
	return at ? at + 1 : "";
}
