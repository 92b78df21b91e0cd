/* render_topology_route_points — a route's points before any bend:
 * client, routers (along their links' lines to the network between), server
 * (see render_topology_route_own.h). */
#include <math.h>

#include "render_app.h"
#include "render_links.h"
#include "render_topology.h"
#include "render_topology_route_own.h"
#include "render_ui.h"

/* Append point (x, y) of node (or RENDER_TOPOLOGY_LINK/BEND) to rt, unless it is where the
 * last point is (a router standing on its network's edge). */
static void render_topology_route_add(struct render_topology_route *rt, float x, float y, int node)
{
	if (rt->n >= RENDER_TOPOLOGY_MAX_POINTS)
		return;
	if (rt->n > 0 && fabsf(rt->x[rt->n - 1] - x) < 1 && fabsf(rt->y[rt->n - 1] - y) < 1) {
		if (node >= 0)
			rt->node[rt->n - 1] = node;
		return;
	}
	rt->x[rt->n] = x;
	rt->y[rt->n] = y;
	rt->node[rt->n++] = node;
}

/* Does router r link to network net? */
static int render_topology_route_links(const struct scenario *sc, int r, int net)
{
	for (int i = 0; net >= 0 && i < sc->routers[r].nlinks; i++)
		if (sc->routers[r].links[i].net == net)
			return 1;
	return 0;
}

/* The network a packet crosses between routers r and q: the first one
 * both link to (the Internet, in every lesson), else -1. */
int render_topology_route_between(const struct scenario *sc, int r, int q)
{
	for (int i = 0; i < sc->routers[r].nlinks; i++)
		if (render_topology_route_links(sc, q, sc->routers[r].links[i].net))
			return sc->routers[r].links[i].net;
	return -1;
}

/* Router r's point in a route, entered from network in and left to
 * network out (-1: none, or the route ends here): along its links' lines
 * to their dots, as the map draws them, so that traffic between two routers visibly
 * crosses the network between them. */
static void render_topology_route_router(const struct render_app *a, struct render_topology_route *rt, int r,
                                         int in, int out)
{
	float x, y;
	struct render_links_path p;
	if (render_topology_route_links(a->sc, r, in)) {
		render_links_path(a, r, in, &p);   /* along the link, bends and all */
		for (int i = p.n - 1; i > 0; i--)
			render_topology_route_add(rt, p.x[i], p.y[i], i == p.n - 1 ? RENDER_TOPOLOGY_LINK : RENDER_TOPOLOGY_BEND);
	}
	render_topology_router_xy(a, r, &x, &y);
	render_topology_route_add(rt, x, y, a->sc->nhosts + r);
	if (render_topology_route_links(a->sc, r, out)) {
		render_links_path(a, r, out, &p);
		for (int i = 1; i < p.n; i++)
			render_topology_route_add(rt, p.x[i], p.y[i], i == p.n - 1 ? RENDER_TOPOLOGY_LINK : RENDER_TOPOLOGY_BEND);
	}
}

/* The route's points before any bend: client, routers, server; with
 * links, each pair of routers joined through their links to the network
 * between them.  Fills own with the nodes it passes. */
void render_topology_route_points(const struct render_app *a, int client, int server, const int *hop, int nh,
                                         int links, struct render_topology_route *rt,
                                         struct render_topology_route_own *own)
{
	const struct scenario *sc = a->sc;
	float x, y;
	rt->n = 0;
	rt->blocked = 0;
	rt->reach = 1;
	own->n = 0;
	own->nreg = 0;
	own->leg = -1;
	own->at = -1;
	own->grow = 0;
	own->nmark = 0;
	own->names_ok = 0;
	render_topology_host_xy(a, client, &x, &y);
	render_topology_route_add(rt, x, y, client);
	own->node[own->n++] = render_layout_leader(sc, client);
	for (int i = 0; i < nh; i++) {
		/* A host reaches its router straight (its own network); between
		 * routers the way goes through the network between. */
		int in = links && i > 0 ? render_topology_route_between(sc, hop[i - 1], hop[i]) : -1;
		int out = links && i + 1 < nh ? render_topology_route_between(sc, hop[i], hop[i + 1]) : -1;
		/* links > 1: the ends too, along the first and last routers'
		 * lines to the client's and the server's networks */
		if (links > 1 && i == 0 && client >= 0 && client < sc->nhosts)
			in = sc->hosts[client].net;
		if (links > 1 && i + 1 == nh && server >= 0 && server < sc->nhosts)
			out = sc->hosts[server].net;
		render_topology_route_router(a, rt, hop[i], in, out);
		own->node[own->n++] = sc->nhosts + hop[i];
	}
	if (server >= 0 && server < sc->nhosts) {
		render_topology_host_xy(a, server, &x, &y);
		render_topology_route_add(rt, x, y, server);
		own->node[own->n++] = render_layout_leader(sc, server);
	}
}
