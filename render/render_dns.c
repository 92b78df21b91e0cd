/* render_dns — DNS on the map: each query on its way to the DNS server
 * and its answer on the way back, as a dashed route (under the boxes and
 * names, like the connections' routes) and a pill that travels along it. */
#include <stdio.h>

#include "render_app.h"
#include "render_dns.h"
#include "render_draw.h"
#include "render_pill.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_view.h"

/* The route of a pending DNS query q (along the real path between the
 * asking host and the DNS server): 1 and *rt, else 0. */
static int render_dns_route(struct render_app *a, const struct trace_rec *q, int64_t *lat,
                            struct render_topology_route *rt)
{
	if (q->node < 0 || q->node >= a->sc->nhosts || q->peer < 0 || q->peer >= a->sc->nhosts)
		return 0;
	int routers[16];
	*lat = 0;
	int nr = sim_path(render_app_sim(a), q->node, q->peer, routers, 16, lat);
	if (nr < 0 || *lat <= 0)
		return 0;
	render_topology_route_hosts(a, q->node, q->peer, routers, nr < 16 ? nr : 16, rt);
	return 1;
}

void render_dns_routes(struct render_app *a)
{
	const struct trace_rec *q[8];
	int n = render_view_dns_pending(a, q, 8);
	for (int i = 0; i < n; i++) {
		struct render_topology_route rt;
		int64_t lat;
		if (!render_dns_route(a, q[i], &lat, &rt))
			continue;
		for (int k = 1; k < rt.n; k++)
			render_draw_dashed(a->ren, rt.x[k - 1], rt.y[k - 1], rt.x[k], rt.y[k], (float)a->panels.line * 2,
					   8 * a->layout.k + 3, RENDER_THEME_DNS);
	}
}

/* DNS queries in flight: the question goes out to the DNS server, the
 * answer comes back in the second half of the round trip.  The pill of
 * the query host lead asked (the current row's) is always drawn; the
 * others give way to what is placed already. */
void render_dns_pills(struct render_app *a, int lead)
{
	const struct trace_rec *q[8];
	int n = render_view_dns_pending(a, q, 8);
	int64_t now = sim_now(render_app_sim(a));
	int px = render_topology_tag_px(a, 16);
	for (int i = 0; i < n; i++) {
		const struct trace_rec *r = q[i];
		struct render_topology_route rt;
		int64_t lat;
		if (!render_dns_route(a, r, &lat, &rt))
			continue;
		float f = (float)(now - r->t) / (float)lat;
		if (f < 0)
			f = 0;
		if (f > 2)
			f = 2;
		float x, y;
		render_topology_along(&rt, f <= 1 ? f : 2 - f, &x, &y);
		char buf[160];
		if (f <= 1)
			snprintf(buf, sizeof buf, "DNS ? %s %s", r->u.dns.domain ? r->u.dns.domain : "",
			         r->u.dns.type ? r->u.dns.type : "");
		else
			snprintf(buf, sizeof buf, "DNS → %s %s", r->u.dns.type ? r->u.dns.type : "",
			         r->u.dns.domain ? r->u.dns.domain : "");
		render_pill_place(a, RENDER_FONT_MONO, px, buf, &rt, f <= 1 ? f : 2 - f, x, y, (int)(330 * a->layout.k) + 60,
				  RENDER_THEME_DNS, r->node == lead, 0, -1);
	}
}
