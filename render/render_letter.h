/* render_letter — the letters (message copies) on the network picture:
 * drawn by render_traffic, which moves them along the wire. */
#ifndef MAILSIM_RENDER_LETTER_H
#define MAILSIM_RENDER_LETTER_H

#include <SDL.h>
#include <stdint.h>

struct render_app;
struct render_topology_batches;
struct msg;
struct sbuf;

/* A letter's colour: by its state (a bounce orange, the others by their
 * ledger entry's state). */
uint32_t render_letter_color(struct render_app *a, int ledger);
/* A letter's size at scale, in pixels. */
void render_letter_size(const struct render_app *a, float scale, int *w, int *h);
/* One letter centred at (cx, cy), registered for clicks; its rectangle.
 * A bounce says "DSN" under it unless dsn is given (*dsn set instead, for
 * one "DSN ×n" under a pile). */
SDL_Rect render_letter_draw(struct render_app *a, int ledger, float cx, float cy, float scale,
                            struct render_topology_batches *bt, int *dsn);
/* The envelope (or, stored, what is left of it) beside the letter m at
 * letter, where it hides nothing, or on the letter card only. */
void render_letter_envelope_card(struct render_app *a, const struct msg *m, SDL_Rect letter, int stored);
/* Where the slot-th letter at rest on host node goes (its centre), given
 * the host's box as drawn (w = 0: not drawn as a box). */
void render_letter_stack_xy(const struct render_app *a, int node, SDL_Rect box, int slot, float *x, float *y);
/* How many letters rest by host (a group's leader) outside its trays;
 * when more than RENDER_TOPOLOGY_STACK, or any left in a user's outbox
 * (the pile said in words beside it, where there is room), those words
 * appended to out ("受信済み 6通" / "6 fetched", "送信トレイに 1通"). */
int render_letter_pile_words(struct render_app *a, int host, struct sbuf *out);
/* Mark where letters at rest will pile (after the host boxes are drawn,
 * into a->taken), so that names placed before them keep off. */
void render_letter_reserve(struct render_app *a);
/* Letters at rest: in an outbox, a queue, a mailbox or a reader's MUA; the
 * focus letter's rectangle and copy into *focus_rc and *focus_m, *stored
 * when it is stored. */
void render_letter_resting(struct render_app *a, int focus, const struct msg *want, SDL_Rect *focus_rc,
                           const struct msg **focus_m, int *stored, struct render_topology_batches *bt);

#endif
