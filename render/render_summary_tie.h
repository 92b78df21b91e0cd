/* render_summary_tie — a summary label (a path's number, an end's tag)
 * that has no free place by what it labels goes to a free place near it,
 * tied back by a thin line that crosses no box, name, chip, mark or other
 * label: straight where it can, else bent once (an elbow) round what is
 * in the way. */
#ifndef MAILSIM_RENDER_SUMMARY_TIE_H
#define MAILSIM_RENDER_SUMMARY_TIE_H

#include <SDL.h>
#include <stdint.h>

#include "render_topology.h"

struct render_app;

/* A tie line: n points (2 straight, 3 bent), from what it labels to the
 * label's edge. */
struct render_summary_tie {
	float x[3], y[3];
	int n;
};

/* Points a tie keeps r pixels off (the arrows' ends: a tie run along a
 * server's top through the other arrows' heads reads as one of them). */
struct render_summary_tie_keep {
	const float (*pt)[2];
	int n;
	float r;
};

/* The place for a w x h label away from what it labels, whose tie starts
 * at one of the na points ax, ay (na at least 1): a place that hides
 * nothing (no box, chip or label, inside the network panel) within a few
 * label heights of them, whose tie -- straight, else with one bend --
 * crosses nothing but from (the mark a tie starting in it starts at; w 0
 * if none) and the label itself, keeps a little off the boxes and passes
 * no point of keep but where it starts; of those, the one with the
 * shortest tie (a bend counting a label height).  With none, the shortest
 * tie no longer than half that reach and a label height that crosses
 * nothing, near the boxes and keep's points or not.  With no such place
 * (the starts hemmed in), of the nearest places the tie (straight or
 * bent) that crosses least.  Returns 1 with *out and *tie, or 0 if no
 * place hides nothing. */
int render_summary_tie_away(const struct render_app *a, const float *ax, const float *ay, int na, SDL_Rect from,
                            const struct render_summary_tie_keep *keep, int w, int h, SDL_Rect *out,
                            struct render_summary_tie *tie);

#endif
