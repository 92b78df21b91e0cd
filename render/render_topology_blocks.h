/* render_topology_blocks — a router's count of the messages it has
 * stopped, beside it on the map (render_topology_blocks.c). */
#ifndef MAILSIM_RENDER_TOPOLOGY_BLOCKS_H
#define MAILSIM_RENDER_TOPOLOGY_BLOCKS_H

#include <SDL.h>

struct render_app;

/* Router r's count of blocked messages, by rule, in a pill beside its box
 * (box; chips: its column of rule chips, w 0 if none) where it hides
 * nothing and lies off the regions of networks it has no link to: long,
 * then short, at the back row's size in presenter mode, then at the
 * map's; else tied to it from the nearest free place whose tie crosses
 * no box or name (found once, render_app.marks_memo). */
void render_topology_blocks_draw(struct render_app *a, int r, SDL_Rect box, SDL_Rect chips);

#endif
