/* render_summary_tie — a summary label that has no free place by what it
 * labels goes to the nearest free place, tied back to it by a thin line. */
#include "render_summary_tie.h"

#include <math.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_topology.h"

/* The free place (hiding no box, chip or label, inside the network
 * panel) for a w x h label nearest to (cx, cy), within a few label
 * heights: 1 and *out, or 0 if there is none. */
int render_summary_tie_spot(const struct render_app *a, float cx, float cy, int w, int h, SDL_Rect *out)
{
	int reach = 6 * h + w / 2, step = h / 3 > 4 ? h / 3 : 4;
	long best = -1;
	for (int dy = -reach; dy <= reach; dy += step)
		for (int dx = -reach; dx <= reach; dx += step) {
			long d = (long)dx * dx + (long)dy * dy;
			if (d > (long)reach * reach || (best >= 0 && d >= best))
				continue;
			SDL_Rect rc = { (int)cx + dx - w / 2, (int)cy + dy - h / 2, w, h };
			if (render_topology_crowded(a, rc) == 0) {
				best = d;
				*out = rc;
			}
		}
	return best >= 0;
}

/* A thin line from (x, y) to the nearest point of a label placed away
 * from it. */
void render_summary_tie_draw(struct render_app *a, float x, float y, SDL_Rect at, uint32_t col)
{
	float lx = fminf(fmaxf(x, (float)at.x), (float)(at.x + at.w));
	float ly = fminf(fmaxf(y, (float)at.y), (float)(at.y + at.h));
	render_draw_line(a->ren, x, y, lx, ly, (float)a->panels.line, col);
}
