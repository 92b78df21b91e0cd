/* mta_auth — sender domain authentication (送信ドメイン認証) at the mail
 * servers.  A sending server signs what its users submit (or what it
 * relays for its own networks) with DKIM, using the keys the lesson gives
 * it; a receiving MTA, at the end of DATA, fetches each signer's public
 * key and the From domain's DMARC policy with DNS TXT queries (records
 * the class sees travel, like the MX query), verifies the signatures,
 * evaluates DMARC with SPF's result, writes Authentication-Results and
 * Received-SPF, and then delivers, files in Junk or refuses the message,
 * by the owner's policy or its own local one.  Private to sim/. */
#ifndef MAILSIM_MTA_AUTH_H
#define MAILSIM_MTA_AUTH_H

#include "simint.h"

/* The checks of one message in progress on a connection (mta_auth.c). */
struct mta_auth;

/* Sign m, which the server of c is accepting, with each of the server's
 * DKIM keys that applies: a key "at" MSA signs mail submitted on 587/465
 * by an authenticated user, "at" MTA mail received on port 25 from the
 * server's relay networks for some recipient outside its own domains;
 * both only from the key's "since" on and when the header From's domain
 * is one of the key's "from" domains ("*": any).  Each signature is
 * prepended (relaxed/relaxed, rsa-sha256, t= from the simulated clock)
 * and told in a TR_DKIM_SIGN record; a message that cannot be signed (no
 * From field) gets a record saying why and goes on unsigned. */
void mta_auth_sign(struct sim *s, const struct conn *c, struct msg *m);

/* 1 if the server of c checks the sender of mail that arrives on this
 * connection: port 25 (not submission), with SPF or DKIM checking on. */
int mta_auth_wanted(const struct sim *s, const struct conn *c);

/* Begin the checks of m (owned from now on), which arrived on c at the
 * end of DATA.  The DNS queries take their round trip to the lesson's DNS
 * server (EV_AUTH events); when all are answered the server adds its
 * header fields and either accepts (smtp_data_accept) or refuses
 * (smtp_data_refuse) the message.  The connection waits meanwhile, as a
 * client does for the reply to its final dot. */
void mta_auth_start(struct sim *s, struct conn *c, struct msg *m);

/* EV_AUTH: the answer to the pending query on c arrived; go on. */
void mta_auth_step(struct sim *s, struct conn *c);

/* Release checks in progress (a run that ends before they do); NULL is
 * fine. */
void mta_auth_free(struct mta_auth *a);
/* A deep copy of checks in progress (NULL: NULL), for a run's snapshot;
 * its message is noted in map (simint.h). */
struct snapshot_map;
struct mta_auth *mta_auth_clone(const struct mta_auth *a, struct snapshot_map *map);

#endif
