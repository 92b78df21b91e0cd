/* scenario_auth — the loader's reading of a lesson's sender domain
 * authentication (送信ドメイン認証) settings: the DKIM keys a host signs
 * with, whether it checks DKIM and which DMARC policy it applies, and the
 * DKIM key records a DNS zone publishes from a PEM file.  Private to
 * scenario_load.c. */
#ifndef MAILSIM_SCENARIO_AUTH_H
#define MAILSIM_SCENARIO_AUTH_H

#include "scenario_json.h"

/* Reads members "dkim" and "dmarc" of host i (obj, the path at the host),
 * whose roles, "spf" and "count" are already read: every signer's PEM
 * file is loaded (relative to the lesson file), and every problem is
 * reported through c with its path. */
void scenario_auth_host(struct scenario_ctx *c, const cJSON *obj, int i);

/* Reads member "dkim_key" of zone i (obj): the zone must be named
 * SELECTOR._domainkey.DOMAIN, and the PEM file (a private or a public RSA
 * key) becomes one more TXT record "v=DKIM1; k=rsa; p=…" after the zone's
 * own. */
void scenario_auth_zone(struct scenario_ctx *c, const cJSON *obj, int i);

#endif
