/* render_dock — presenter mode's dock: a strip of the right column, taken
 * from the top of the inspector (or, when that is folded or too small,
 * from the bottom of the letter card), for a card that has no free place
 * on the network picture.  On a projector the map's names are large and
 * the map is small: a card drawn over it would hide the boxes it is about. */
#ifndef MAILSIM_RENDER_DOCK_H
#define MAILSIM_RENDER_DOCK_H

#include <SDL.h>

struct render_app;

/* Take h pixels of height from the right column for a docked card, moving
 * the inspector (or the letter card's bottom edge) in a->panels; call
 * before the panels are drawn.  Returns 1 and the strip in *out (the
 * column's full width), or 0 when neither panel can spare h pixels and
 * still show a few lines (then a->panels is unchanged). */
int render_dock_take(struct render_app *a, int h, SDL_Rect *out);
/* In presenter mode, while the inspector holds a filter's verdict
 * (render_verdict), the letter card is the short one (a->card_key): it
 * keeps its title, the mail's state, the envelope and the header's From,
 * To and Subject (render_card_keep); beside an opened packet only its
 * title and the mail's state.  It gives the rest to the inspector below it (what the class is to read there showed only
 * with the wheel at 1280 x 720).  Call after the panels are laid out and
 * this frame's copies gathered, before a card docks. */
void render_dock_yield(struct render_app *a);

/* Beside a filter's verdict in presenter mode (a->card_key), the right
 * column holds the short letter card and the verdict, whose telling
 * tokens need its height (lesson 12 at 1280 x 720 showed 2 to 4 of
 * them): a checks card takes the transcript's place in the bottom row
 * instead.  Returns 1 and that place, or 0 (not beside a verdict, the
 * transcript folded or showing the sequence chart). */
int render_dock_row(struct render_app *a, SDL_Rect *out);
/* Take that place: the transcript is not drawn this frame. */
void render_dock_take_row(struct render_app *a);

/* The most render_dock_take can take now from the panel it takes from
 * first (the inspector, unless it is folded or full; 0: nothing).  In
 * presenter mode, while the inspector holds a filter's verdict
 * (render_verdict) or an opened packet, from the letter card first and
 * then the inspector: the strip lies where they meet. */
int render_dock_room(struct render_app *a);

#endif
