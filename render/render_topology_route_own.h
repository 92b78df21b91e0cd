/* render_topology_route_own — render_topology_route's private view of a
 * route being built (what it passes through, what it keeps off), shared
 * with render_topology_route_ease.c, which eases a built route off the
 * boxes it passes too near. */
#ifndef RENDER_TOPOLOGY_ROUTE_OWN_H
#define RENDER_TOPOLOGY_ROUTE_OWN_H

#include "render_topology.h"

#define RENDER_TOPOLOGY_MAX_REGIONS 24
#define RENDER_TOPOLOGY_MAX_MARKS 192

/* The nodes a route passes through (its ends' boxes, its routers): their
 * boxes, chips and trays are its own, the rest it must go around. */
struct render_topology_route_own {
	int node[RENDER_TOPOLOGY_MAX_POINTS + 2];
	int n;
	/* the regions of networks, a few pixels in from their edges, that a
	 * leg of it does not pass through (bit L of foreign: leg L, from its
	 * L-th router to the next), kept off too in presenter mode
	 * (render_topology_route_off_regions) by the segments of leg (-1:
	 * none) */
	SDL_Rect reg[RENDER_TOPOLOGY_MAX_REGIONS];
	unsigned foreign[RENDER_TOPOLOGY_MAX_REGIONS];
	int nreg, leg;
	/* the leg of the segment looked at (-1: any): a node's box, chips and
	 * trays are the route's own only on the legs that meet it (node[k] on
	 * legs k - 1 and k); on another they are in its way like anyone's
	 * (lesson 13's forwarded copy left ISP B's server down to its border
	 * router and went back up through the server's box) */
	int at;
	/* how far (pixels) the hosts' boxes are grown where the route goes
	 * round them: a visible gap off a host it does not join, more than
	 * off a name or a chip (render_topology_detour) */
	int grow;
	/* in presenter mode, the link dots and lines of the routers it does
	 * not pass through (router mark_owner[i], a node): a route along or
	 * across one reads as if the mail went through that router (issue 11:
	 * lesson 03's relay through ISP C's router's dot at 1280 x 720) */
	SDL_Rect mark[RENDER_TOPOLOGY_MAX_MARKS];
	int mark_owner[RENDER_TOPOLOGY_MAX_MARKS];
	int nmark;
	/* networks (bit n) whose names and ranges are not in its way: those
	 * it crosses between two of its routers (set only when costs are
	 * weighed, render_topology_route_costs) */
	unsigned names_ok;
};

/* The network a packet crosses between routers r and q: the first one
 * both link to (the Internet, in every lesson), else -1. */
int render_topology_route_between(const struct scenario *sc, int r, int q);
/* The route's points before any bend (render_topology_route_points.c):
 * client, routers, server; with links, each pair of routers joined
 * through their links to the network between them.  Fills own with the
 * nodes it passes (and clears the rest of it). */
void render_topology_route_points(const struct render_app *a, int client, int server, const int *hop, int nh,
                                  int links, struct render_topology_route *rt, struct render_topology_route_own *own);

/* Is place label i (or region i past them) in own's way on the segment
 * own->at looks at? */
int render_topology_route_obstacle(const struct render_app *a, const struct render_topology_route_own *own, size_t i);
/* The leg of rt's segment k: how many routers come before it. */
int render_topology_route_leg(const struct render_app *a, const struct render_topology_route *rt, int k);
/* How many of own's regions rt crosses on a leg that does not pass
 * through them. */
int render_topology_route_through(const struct render_app *a, const struct render_topology_route_own *own,
                                  const struct render_topology_route *rt);
/* What rt costs once it meets its routers at their boxes' edges. */
int render_topology_route_hits_edged(const struct render_app *a, const struct render_topology_route_own *own,
                                     const struct render_topology_route *rt);
/* render_topology_route_ease.c: presenter mode's thick lines eased off
 * the hosts' boxes they pass within a line's width of. */
void render_topology_route_ease(const struct render_app *a, const struct render_topology_route_own *own,
                                struct render_topology_route *rt);
/* render_topology_route.c: does the segment pass through rc or within
 * margin of it (not if an end lies in rc)? */
int render_topology_route_blocks(SDL_Rect rc, int margin, float x1, float y1, float x2, float y2);
/* What a way costs: the still things it passes through (more with
 * presenter mode's thick lines). */
int render_topology_route_hits(const struct render_app *a, const struct render_topology_route_own *own,
                               const struct render_topology_route *rt);
/* render_topology_route_marks.c: into own->mark, the link dots and
 * lines of the routers own does not pass through. */
void render_topology_route_marks(const struct render_app *a, struct render_topology_route_own *own);
/* How many of own's marks rt crosses, and (weighted) the boxes, names and
 * regions it passes through, the routers' boxes it comes near and the
 * routers it meets off their boxes' edges. */
void render_topology_route_costs(const struct render_app *a, const struct render_topology_route_own *own,
                                 const struct render_topology_route *rt, int *marks, int *hits);
/* How close the segment (x1, y1)-(x2, y2) comes to rc (0 if it crosses);
 * render_border's checks measure with it too. */
float render_topology_route_clearance(SDL_Rect rc, float x1, float y1, float x2, float y2);

#endif
