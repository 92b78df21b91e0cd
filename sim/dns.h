/* dns — answers MX, A and TXT queries from the scenario's zones. */
#ifndef MAILSIM_DNS_H
#define MAILSIM_DNS_H

#include <stdint.h>

#include "scenario.h"

#define DNS_MAX_MX 8

struct dns_mx_answer {
	int pref;
	const char *name;      /* the exchanger's host name */
	uint32_t addr;         /* its A record, 0 if it has none */
};

/* MX records of domain, sorted by preference (ties keep zone order), each
 * with its address resolved.  Returns the number written (at most max), 0
 * for a domain with no MX, or -1 if the domain does not exist (NXDOMAIN).
 * Like real MTAs, a domain with an A record but no MX yields itself as an
 * implicit MX of preference 0 (RFC 5321 section 5.1). */
int dns_lookup_mx(const struct scenario *sc, const char *domain,
                  struct dns_mx_answer *out, int max);

/* The A record of name; returns 1 and sets *addr, or 0 if none. */
int dns_lookup_a(const struct scenario *sc, const char *name, uint32_t *addr);

/* The TXT records of domain: returns how many; *txt points at the array. */
int dns_lookup_txt(const struct scenario *sc, const char *domain, char *const **txt);

/* Build sc's zone and A-record indexes (scenario_finish, once the zones
 * are read), and free them (scenario_free). */
void dns_index_build(struct scenario *sc);
void dns_index_free(struct scenario *sc);

/* The domain part of an address ("bob@b.example" -> "b.example"), or "". */
const char *dns_domain_of(const char *addr);

#endif
