/* render_spread — room for the text on the map.  A lesson places its
 * boxes for normal text; at presenter size (a host's name 25 px at 1080p)
 * they would pile up, and shrinking the text again would defeat the
 * purpose (in normal mode, text shrunk to its limit can still leave two
 * boxes overlapping).  Instead the boxes that overlap are pushed apart,
 * each pair along the shorter way out, a host staying inside its network's
 * region (unless it is too small for its boxes) and a router inside the
 * picture; a box still overlapping after that goes to the nearest free
 * place, and a host left on another network's region (it would read as
 * that network's), or a router on the region of a network it does not
 * link, to the nearest free place off it (a router's by a network it
 * links).  Routes, letters and
 * labels follow, since they take their ends from the same positions. */
#ifndef MAILSIM_RENDER_SPREAD_H
#define MAILSIM_RENDER_SPREAD_H

struct render_app;

/* Compute this frame's offsets (a->spread, pixels per node: hosts, then
 * routers); all zero where no boxes overlap.  Call after the boxes' text
 * sizes are settled (render_topology_fit). */
void render_spread_apply(struct render_app *a);
/* The offset of node (hosts, then routers) in pixels. */
void render_spread_offset(const struct render_app *a, int node, float *dx, float *dy);

#endif
