/* render_region — presenter mode's picture laid out in screen space.  A
 * lesson places its networks, hosts and routers for normal text; at
 * presenter size (a host's name 25 px at 1080p) the boxes no longer fit
 * their regions.  Here each network's region grows to hold its boxes with
 * a margin and a free band for its name along its top edge, neighbouring
 * regions move apart until none overlaps another (inside the map), the
 * hosts move with their region, and each router goes to the free place
 * nearest to where its networks moved it: off every box, every name's band
 * and every region it does not join.  The result is kept as logical places
 * (render_layout's pnet, phost, prouter) so that zoom and pan still apply. */
#ifndef MAILSIM_RENDER_REGION_H
#define MAILSIM_RENDER_REGION_H

struct render_app;

/* In presenter mode, lay the picture out for this frame's text sizes and
 * switch a->layout to it (a->layout.present = 1); else switch it back to
 * the lesson's places.  Call before the boxes are fitted and spread
 * (render_topology_fit, render_spread_apply), with no spread offsets. */
void render_region_apply(struct render_app *a);

#endif
