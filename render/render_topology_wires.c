/* render_topology_wires — the pieces of a route that follow its routers'
 * link lines (see the header). */
#include "render_topology_wires.h"

#include "render_app.h"
#include "render_links.h"

void render_topology_wires_of(const struct render_app *a, const struct render_topology_route *rt,
                              struct render_topology_wires *w)
{
	const struct scenario *sc = a->sc;
	w->n = 0;
	for (int e = 0; e < rt->n; e++) {
		int r = rt->node[e] - sc->nhosts;
		for (int j = 0; r >= 0 && r < sc->nrouters && j < sc->routers[r].nlinks; j++) {
			struct render_links_path p;
			if (sc->routers[r].links[j].net < 0)
				continue;
			render_links_path(a, r, sc->routers[r].links[j].net, &p);
			if (render_links_under(a, r, &p))
				continue;
			for (int i = 1; i < p.n && w->n < RENDER_TOPOLOGY_WIRES; i++, w->n++) {
				w->x1[w->n] = p.x[i - 1];
				w->y1[w->n] = p.y[i - 1];
				w->x2[w->n] = p.x[i];
				w->y2[w->n] = p.y[i];
			}
		}
	}
}

uint32_t render_topology_wires_in(const struct render_topology_wires *w, const struct render_topology_route *rt)
{
	uint32_t wires = 0;
	for (int k = 1; k < rt->n && k < 32; k++)
		for (int i = 0; i < w->n; i++) {
			float ax = rt->x[k - 1], ay = rt->y[k - 1], bx = rt->x[k], by = rt->y[k];
			if ((ax == w->x1[i] && ay == w->y1[i] && bx == w->x2[i] && by == w->y2[i]) ||
			    (ax == w->x2[i] && ay == w->y2[i] && bx == w->x1[i] && by == w->y1[i])) {
				wires |= 1u << k;
				break;
			}
		}
	return wires;
}

uint32_t render_topology_wires_on(const struct render_app *a, const struct render_topology_route *rt)
{
	struct render_topology_wires w;
	render_topology_wires_of(a, rt, &w);
	return render_topology_wires_in(&w, rt);
}
