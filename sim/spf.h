/* spf — Sender Policy Framework (RFC 7208) against the scenario's DNS: is
 * this client address allowed to send mail for this domain?  Whether the
 * header From (what the reader sees) belongs to the domain SPF vouched for
 * is DMARC's question (dmarc.h). */
#ifndef MAILSIM_SPF_H
#define MAILSIM_SPF_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"

enum spf_result {
	SPF_NONE, SPF_NEUTRAL, SPF_PASS, SPF_FAIL, SPF_SOFTFAIL, SPF_TEMPERROR, SPF_PERMERROR,
	SPF_RESULT_COUNT
};
/* Lower-case names as in Authentication-Results ("pass", "fail", …). */
extern const char *const spf_result_names[SPF_RESULT_COUNT];

/* check_host(ip, domain): evaluates the domain's "v=spf1" TXT record with
 * the mechanisms all, ip4, a, mx, include and the redirect modifier (at
 * most 10 DNS-querying terms, as RFC 7208 section 4.6.4 requires).  why
 * gets the term that decided, e.g. "ip4:203.0.113.128/25" or "-all". */
enum spf_result spf_check(const struct scenario *sc, uint32_t ip, const char *domain,
                          char *why, size_t whysz);

#endif
