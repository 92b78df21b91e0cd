/* dns — zone lookups.  Names compare case-insensitively, as in DNS. */
#include "dns.h"

#include <string.h>

#include "util.h"

static const struct sc_zone *dns_zone(const struct scenario *sc, const char *domain)
{
	for (int i = 0; i < sc->nzones; i++)
		if (util_strcasecmp(sc->zones[i].domain, domain) == 0)
			return &sc->zones[i];
	return NULL;
}

int dns_lookup_a(const struct scenario *sc, const char *name, uint32_t *addr)
{
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
	if (!z)
		return dns_lookup_a(sc, domain, &addr) ? 0 : -1;
	int n = 0;
	for (int i = 0; i < z->nmx && n < max; i++) {
		struct dns_mx_answer a = { z->mx[i].pref, z->mx[i].host, 0 };
		dns_lookup_a(sc, a.name, &a.addr);
		/* insertion sort: stable for equal preferences */
		int j = n++;
		while (j > 0 && out[j - 1].pref > a.pref) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = a;
	}
	if (n == 0 && max > 0 && dns_lookup_a(sc, domain, &addr)) {
		out[0] = (struct dns_mx_answer){ 0, z->domain, addr };
		n = 1;
	}
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
