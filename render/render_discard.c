/* render_discard — the discard mark (render_discard.h).  Lesson 06 at
 * 140.847 s: the double bounce vanished at Oldcorp with nothing on the
 * map, only the card telling it (acceptance look). */
#include "render_discard.h"

#include "render_app.h"
#include "render_cross.h"
#include "render_font.h"
#include "render_layout.h"
#include "render_pill.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_view.h"
#include "trace.h"

void render_discard_draw(struct render_app *a)
{
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	while (n > 0 && trace_kinds[tr[n - 1].kind].quiet)
		n--;
	if (!n || tr[n - 1].kind != TR_DISCARD || tr[n - 1].node < 0 || tr[n - 1].node >= a->sc->nhosts)
		return;
	int host = render_layout_leader(a->sc, tr[n - 1].node);
	SDL_Rect box, at;
	if (!render_topology_node_box(a, host, &box))
		return;
	const char *text = render_app_text(a, "ui.discarded");
	int px = render_topology_drop_px(a, 17), w = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, text, &w, &h);
	w += 2 * (px / 3 + 2);
	h += 2;
	/* in its box where its name, address and badges leave room, else
	 * tied to it from the nearest place whose tie crosses nothing, off
	 * the regions of networks it is not in (lesson 06 at 1080p presenter:
	 * between Oldcorp and ISP B's servers, it read as either's) */
	float hx = (float)box.x + (float)box.w / 2, hy = (float)box.y + (float)box.h / 2;
	int inside = render_cross_in_box(a, host, w, h, (float)(box.x + box.w), (float)(box.y + box.h), &at);
	if (!inside && !render_traffic_tied_spot_off(a, hx, hy, w, h, 0, box, NULL, -1, &at))
		return;
	float cx = (float)at.x + (float)w / 2, cy = (float)at.y + (float)h / 2, sx, sy;
	render_traffic_tie_start(a, hx, hy, cx, cy, &sx, &sy);
	if (!inside && render_topology_apart(at, box) > 2)
		render_topology_place_tie(a, sx, sy, cx, cy, RENDER_THEME_MUTED, RENDER_TOPOLOGY_OVER_DISCARD);
	SDL_Rect rc = render_topology_pill(a, RENDER_FONT_BOLD, px, text, cx, cy, 600, RENDER_THEME_MUTED, 0xFFFFFFFFu, 0);
	render_topology_place_over_by(a, rc, RENDER_TOPOLOGY_OVER_DISCARD, box);
}
