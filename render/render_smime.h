/* render_smime — S/MIME in the window: at a mail program doing an S/MIME
 * step, a bubble with the step and the keys it uses, drawn in their
 * owners' colours (a private key solid, a public key hollow, the session
 * key gold); on the letter card, what the reader's mail program found of
 * 認証 / 機密性 / 否認防止 / 完全性, and why; in the inspector, a user's
 * certificate and why it can be trusted.  Everything is derived from the
 * trace and the lesson (the MIME tree is render_mime's). */
#ifndef MAILSIM_RENDER_SMIME_H
#define MAILSIM_RENDER_SMIME_H

#include <SDL.h>
#include <stdint.h>

#include "sim.h"
#include "util.h"

struct render_app;

/* The bubbles at the mail programs now doing S/MIME steps, and at an
 * attacker's relay that has just changed a mail (after the hosts are
 * drawn: bubbles keep off them and off placed labels). */
void render_smime_topology(struct render_app *a);
/* 1 while a mail program is in the middle of its S/MIME steps, or still
 * showing its last one: playing must not skip that time as idle. */
int render_smime_busy(struct render_app *a);

/* The colour of the keys of the user with this address (one per user of
 * the lesson); a neutral grey for an address no user has. */
uint32_t render_smime_owner_color(const struct render_app *a, const char *addr);

/* The latest verdict (a TR_SMIME VERDICT record) on ledger entry msg so
 * far, preferring the one by reader (NULL: anyone's); NULL if none. */
const struct trace_rec *render_smime_verdict(struct render_app *a, int msg, const char *reader);
/* The same, but from the moment the reader's mail program decrypted the
 * body (its DECRYPT record) on: what is inside is known from then, before
 * the signature is checked.  NULL before. */
const struct trace_rec *render_smime_opened(struct render_app *a, int msg, const char *reader);

/* The letter card's table for message msg: the four properties, each
 * yes or no and why, as reader's mail program found them (or a line that
 * it has not opened the mail yet).  Laid out in rc's width from y in text
 * of px; drawn only with draw set.  Returns the y below it. */
int render_smime_props(struct render_app *a, int msg, const char *reader, SDL_Rect rc, int px, int y,
                       int draw);

/* The certificate of user u as the inspector shows it (subject, issuer,
 * validity, key usage, public key, whether this PC holds the private key,
 * and why a CA's signature makes it trustworthy, or why not), appended to
 * out.  Appends nothing for a user without a certificate. */
void render_smime_cert_text(struct render_app *a, int user, struct sbuf *out);

#endif
