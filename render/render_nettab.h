/* render_nettab — a network's name that is not wholly inside its region
 * (just above, below or beside it, or across its edge, where the boxes
 * left no room inside) sits on a tab in the region's colours joined to
 * the region, so that it reads as that region's and not as floating
 * between two (issue 11, acceptance review C3). */
#ifndef MAILSIM_RENDER_NETTAB_H
#define MAILSIM_RENDER_NETTAB_H

#include <SDL.h>

struct render_app;

/* Network n's tab as this frame places its name (a->place->title[n]):
 * returns 1 with the tab in *tab and, in *joint, the stretch of the
 * region's edge the tab covers (drawn in the region's fill, so tab and
 * region are one shape); 0 if the name needs none (inside its region, a
 * line leads to it, or it is not near the region). */
int render_nettab_rect(const struct render_app *a, int n, SDL_Rect *tab, SDL_Rect *joint);
/* The same for text at s (its address range where the region has no
 * room for it, render_topology_place). */
int render_nettab_rect_of(const struct render_app *a, int n, SDL_Rect s, SDL_Rect *tab, SDL_Rect *joint);
/* Draw network n's tab, if it needs one, under where its name goes. */
void render_nettab_draw(struct render_app *a, int n);
/* Draw tab and joint (render_nettab_rect_of) in network n's colours. */
void render_nettab_draw_tab(struct render_app *a, int n, SDL_Rect tab, SDL_Rect joint);

#endif
