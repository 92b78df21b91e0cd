/* scenario_smime — the loader's reading of a lesson's S/MIME: the "smime"
 * section (CAs, the users' keys and certificates, whom each user trusts),
 * the S/MIME checks of send actions ("sign", "encrypt") and of
 * expectations ("smime"), and the contexts built from it.  Private to the
 * loader (scenario_load.c, scenario_script.c) and scenario.c. */
#ifndef MAILSIM_SCENARIO_SMIME_H
#define MAILSIM_SCENARIO_SMIME_H

#include "scenario_json.h"

/* Reads the top-level "smime" member of top into c->sc->smime (the users
 * and actions are already read), checks the send actions that sign or
 * encrypt against it, and builds the context for the lesson's seed, so
 * that a key or certificate libcrypto refuses is reported at its path. */
void scenario_smime_read(struct scenario_ctx *c, const cJSON *top);

/* Reads an expectation's "smime" member (if obj has one) into *out
 * (allocated); the expectation must name its rcpt (whose mail program
 * opened the mail).  has_rcpt says whether it does. */
void scenario_smime_expect(struct scenario_ctx *c, const cJSON *obj, int has_rcpt,
                           struct sc_expect_smime **out);

/* Frees the section and every context built from it (NULL is fine). */
void scenario_smime_free(struct sc_smime *x);

#endif
