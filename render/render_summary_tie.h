/* render_summary_tie — a summary label (a path's number, an end's tag)
 * that has no free place by what it labels goes to the nearest free
 * place, tied back to it by a thin line. */
#ifndef MAILSIM_RENDER_SUMMARY_TIE_H
#define MAILSIM_RENDER_SUMMARY_TIE_H

#include <SDL.h>
#include <stdint.h>

struct render_app;

/* The free place (hiding no box, chip or label, inside the network
 * panel) for a w x h label nearest to (cx, cy), within a few label
 * heights: 1 and *out, or 0 if there is none. */
int render_summary_tie_spot(const struct render_app *a, float cx, float cy, int w, int h, SDL_Rect *out);
/* A thin line in col from (x, y) to the nearest point of the label at
 * at, placed away from it. */
void render_summary_tie_draw(struct render_app *a, float x, float y, SDL_Rect at, uint32_t col);

#endif
