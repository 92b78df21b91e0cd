/* render_topology_wires — which pieces of a route are pieces of the lines
 * of the routers it passes to their networks, as the map draws them
 * (render_links): a route follows those lines, neither bent off them nor
 * charged for what they pass, which their own layout weighed -- not one
 * that passes under another router (render_links_under).  Lesson 13 at
 * 1280 x 720 presenter in English: ISP C's line up to the Internet ran
 * under the service's router's name; the attacker's mail, bent round it,
 * gave way to a route through ISP B's servers, as if ISP B relayed it. */
#ifndef MAILSIM_RENDER_TOPOLOGY_WIRES_H
#define MAILSIM_RENDER_TOPOLOGY_WIRES_H

#include <stdint.h>

#include "render_topology.h"

struct render_app;

#define RENDER_TOPOLOGY_WIRES 96

/* The pieces of the lines, each from (x1, y1) to (x2, y2). */
struct render_topology_wires {
	float x1[RENDER_TOPOLOGY_WIRES], y1[RENDER_TOPOLOGY_WIRES];
	float x2[RENDER_TOPOLOGY_WIRES], y2[RENDER_TOPOLOGY_WIRES];
	int n;
};

/* The pieces of the lines of the routers rt passes, but of those that
 * pass under another router: bent round the router they pass under, as
 * another way.  They stay the same while bends are added to rt. */
void render_topology_wires_of(const struct render_app *a, const struct render_topology_route *rt,
                              struct render_topology_wires *w);
/* Which segments of rt (bit k: segment k, from point k - 1) are pieces of
 * w, either way round. */
uint32_t render_topology_wires_in(const struct render_topology_wires *w, const struct render_topology_route *rt);
/* Both at once. */
uint32_t render_topology_wires_on(const struct render_app *a, const struct render_topology_route *rt);

#endif
