/* render_heard_room — in presenter mode, the room kept in the
 * eavesdropper's network for the line they read, where the stretch of its
 * route there has no place for it (lesson 14's café: two laptops and a
 * router; Alice's stretch of Wi-Fi a few pixels at her laptop's corner). */
#ifndef MAILSIM_RENDER_HEARD_ROOM_H
#define MAILSIM_RENDER_HEARD_ROOM_H

#include <SDL.h>

struct render_app;

/* In presenter mode with a sniffer on a network: 1 and in *out the
 * biggest room of free space inside that network's region (off the
 * boxes, chips, trays, names and where letters pile at most, by a
 * margin), at least a line of the map's labels high; else 0.  Searched
 * on a coarse grid once for a layout and kept while its still things
 * stay (with cache, in cache->heard_room; a is only read), so a frame
 * costs only the gathering of its inputs.  Call after
 * render_topology_place.  The eavesdropper's own tag keeps out of it
 * (render_sniffer); render_heard fits the line into it where its stretch
 * has no place. */
int render_heard_room(const struct render_app *a, struct render_app *cache, SDL_Rect *out);

#endif
