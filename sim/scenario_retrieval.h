/* scenario_retrieval — the loader's reading of how mail is read safely:
 * a server's POP3/IMAP settings (plaintext logins outside TLS, APOP, POP
 * before SMTP), how a mail program fetches (protocol, port, STLS or
 * STARTTLS, APOP) and the lesson's sniffers.  Private to the scenario
 * loader. */
#ifndef MAILSIM_SCENARIO_RETRIEVAL_H
#define MAILSIM_SCENARIO_RETRIEVAL_H

#include "scenario_json.h"

/* Default length of POP before SMTP's relay window: ten minutes, the
 * usual setting of the pop-before-smtp daemons. */
#define SCENARIO_POP_BEFORE_SMTP_US (600 * 1000000LL)

/* Reads members "disable_plaintext_auth", "apop" and "pop_before_smtp"
 * (true for ten minutes, or a number of minutes) of host i (obj), whose
 * roles are already read; each needs the MRA role (the last the MTA's
 * too), or it is reported. */
void scenario_retrieval_host(struct scenario_ctx *c, const cJSON *obj, int i);

/* Reads members "protocol", "port", "starttls" and "apop" of obj into f,
 * which holds the defaults: a new protocol without "port" takes its
 * plain port (110, 143).  Reports APOP with IMAP, and STARTTLS on a port
 * where TLS starts with the first byte (995, 993). */
void scenario_retrieval_fetch(struct scenario_ctx *c, const cJSON *obj, struct sc_fetch *f);

/* Reads the top-level "sniffers" array: each {"id", "label", "network"
 * or "router", "pos"}; ids are unique among sniffers. */
void scenario_retrieval_sniffers(struct scenario_ctx *c, const cJSON *top);

#endif
