/* render_card_text — the card's text blocks: a header field folded as in
 * a mail file, and an authentication field row by row in its colours. */
#ifndef MAILSIM_RENDER_CARD_TEXT_H
#define MAILSIM_RENDER_CARD_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

struct render_app;

/* "Name: value" as a folded header line at (x, y) wrapped at w in
 * monospace px, colour col; returns the height; draws only with draw. */
int render_card_folded(struct render_app *a, int px, uint32_t col, int w, const char *text, int x, int y, int draw);
/* A DKIM-Signature or Authentication-Results field (name n, value v) on
 * the card at y in rc, row by row (render_auth): d= and s= on a
 * highlight, each method's result in green (pass) or red (fail).  Returns
 * the height; draws only with draw. */
/* Whether a block of the card h high at y is drawn in rc: when it is
 * whole there, or runs past rc's top (scrolled up), never cut in half at
 * the bottom (review 22, C2: "From: Bob…" and a red dmarc=fail line had
 * shown only their upper half); a drawn block's bottom is kept in
 * a->card_end, for the "more below" strip. */
int render_card_draws(struct render_app *a, SDL_Rect rc, int y, int h);
/* After render_card_folded drew text at (x, y) in a block h high: if
 * that is the card's last block and the text one line, where it ends on
 * the right (a->card_end_right) and its line's height (the short "▼ more"
 * tab at the card's foot goes beside it where the strip has no room). */
void render_card_folded_end(struct render_app *a, int px, int w, const char *text, int x, int y, int h);
int render_card_auth(struct render_app *a, const char *n, size_t nl, const char *v, size_t vl, SDL_Rect rc, int y,
                     int px, int draw);

/* A strip that says the card goes on, r: over the scrolled header ("▲
 * more above", its rule under it: above set) or at its foot ("▼ more
 * below", rule above), saying catalog key key. */
void render_card_strip(struct render_app *a, SDL_Rect r, const char *key, int above);
/* The card c (its scrolled body, body) goes on below: "▼ more below" on
 * a strip in the room the last, unfinished block left, or, with no
 * room for it, a bar at the foot and a short "▼ more" tab beside the last
 * line where that ends short of the right edge. */
void render_card_foot(struct render_app *a, SDL_Rect c, SDL_Rect body, int strip);

/* The card's title for ledger entry focus ("DSN " for a bounce, its tag,
 * " — " and its copies' states) in buf, the size to set it at in *px and
 * its height at w pixels wide: on one line at the title size, else a
 * step smaller down to the body's size, else wrapped at the title size
 * -- never cut (lesson 07 at 20.6 s in presenter mode, English: "spoof1
 * — delivered ×1, delivered t…"), and a line taken from the evidence
 * below only when even the body's size does not hold it. */
int render_card_title(struct render_app *a, int focus, int w, char *buf, size_t n, int *px);

#endif
