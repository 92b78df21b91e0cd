/* render_card_told — the parts of the letter card (render_card.c) shared
 * with the cards of copies the simulation no longer holds. */
#ifndef MAILSIM_RENDER_CARD_TOLD_H
#define MAILSIM_RENDER_CARD_TOLD_H

#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

struct render_app;

/* Is header field name (len bytes) one the card shows? */
int render_card_shown_field(const char *name, size_t len);
/* A heading of the card (catalog key), drawn (draw) or only measured at
 * (rc.x, y) wrapped at rc.w; returns its height. */
int render_card_heading(struct render_app *a, const char *key, SDL_Rect rc, int y, int draw);
/* The card of a copy the trace says exists at the current row while the
 * simulation let go of it later in the same event, drawn from y in c.
 * Returns 0 if there is none. */
int render_card_told(struct render_app *a, int focus, SDL_Rect c, int y);
/* The card of a message dropped on purpose (a bounce not bounced again),
 * its last copy struck through.  Returns 0 if focus was not discarded. */
int render_card_discarded(struct render_app *a, int focus, SDL_Rect c, int y);

#endif
