/* render_mime — what MIME makes of a mail, for the letter card and the
 * inspector: the tree of parts (each one's Content-Type and
 * Content-Transfer-Encoding, what it is for, its raw base64 on a click)
 * and, once the reader's mail program has opened an S/MIME mail, the
 * layers it found inside; and the body as whoever opens the stored file
 * sees it, ciphertext shown as ciphertext.  It reads the copies of the run
 * and opens mail with the run's S/MIME context, which changes nothing in
 * the run. */
#ifndef MAILSIM_RENDER_MIME_H
#define MAILSIM_RENDER_MIME_H

#include <SDL.h>

#include "sim.h"
#include "util.h"

struct render_app;
struct render_mime;   /* the last mail opened for the card, and which part shows raw */

/* Frees the session's state (NULL is fine). */
void render_mime_free(struct render_mime *c);

/* The letter card's MIME section for copy cp (in a lesson with S/MIME):
 * the tree of the mail as it lies there; once its reader's mail program
 * has opened it, the tree of the reader's copy and what decrypting
 * revealed inside.  Laid out
 * in rc's width from y with monospace text of px; drawn (and made
 * clickable) only with draw set.  Returns the y below it; y itself in a
 * lesson without S/MIME. */
int render_mime_card(struct render_app *a, const struct sim_copy *cp, SDL_Rect rc, int px, int y,
                     int draw);
/* A click on part `part` of the card's tree: show its raw body, or hide it. */
void render_mime_toggle(struct render_app *a, int part);
/* The part of the message in focus whose raw body shows, or -1. */
int render_mime_shown(struct render_app *a);

/* The body of m as a person who opens the stored file sees it: text
 * parts decoded, a signature and ciphertext named as what they are (with
 * the first base64 lines of the ciphertext).  Returns 0 having appended to
 * out, or -1 (nothing appended) for a body with no MIME structure, which
 * the caller shows as before. */
int render_mime_body_text(struct render_app *a, const struct msg *m, struct sbuf *out);

#endif
