/* render_letter_room — where the envelope tag of the letter in focus goes
 * on the map: next to its letter, in free room (review 21 C6, C10). */
#ifndef MAILSIM_RENDER_LETTER_ROOM_H
#define MAILSIM_RENDER_LETTER_ROOM_H

#include <SDL.h>

struct render_app;

/* A cw x ch tag for the letter drawn at letter, pad pixels off it: a place
 * that hides no box, chip or label placed so far, lies inside the map,
 * on no other network's region and across no region's edge (inside each
 * region it touches), over no line of the moment (the connections
 * carrying ledger entry ledger, dropped SYNs), and is
 * nearer the letter than any host's box but the one it rests at -- beside
 * the letter first, else the nearest such place within reach of it, its
 * tie line to the letter crossing nothing.  Returns 0 (beside, *out), 1
 * (a little away, *out, to be tied by a line) or -1: no such place (a tag
 * far from its letter read as another host's: the letter card shows the
 * envelope then). */
int render_letter_room_place(struct render_app *a, SDL_Rect letter, int ledger, int cw, int ch, int pad,
                             SDL_Rect *out);

#endif
