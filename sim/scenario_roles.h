/* scenario_roles — the loader's check that each host's roles can hand mail
 * on ("relayhost", "lmtp", "mailstore"), and the look-up of the MRA that serves a
 * mailbox.  Private to the loader. */
#ifndef MAILSIM_SCENARIO_ROLES_H
#define MAILSIM_SCENARIO_ROLES_H

#include "scenario_json.h"

/* After the hosts are read: reads each host's "relayhost", "lmtp" and
 * "mailstore" (references may point further down the list) and refuses,
 * one located line each, an MSA without MTA and without a relay host, an
 * MRA without MDA and without a mail store, an MDA that neither an MTA
 * beside it nor an MTA's "lmtp" feeds, "lmtp" off an MTA-only host or
 * without domains, and domains on a host without MTA, or without MDA and
 * "lmtp". */
void scenario_roles_read(struct scenario_ctx *c, const cJSON *top);

/* The host whose MRA serves the mailboxes kept at mailbox_host: that host
 * if it has MRA, else the first MRA host whose mail store it is; -1 when
 * none does (or mailbox_host is -1). */
int scenario_roles_fetch_host(const struct scenario *sc, int mailbox_host);

#endif
