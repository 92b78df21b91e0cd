/* render_nettab — a network's name outside its region on a tab joined to
 * it (see render_nettab.h). */
#include "render_nettab.h"

#include "render_app.h"
#include "render_draw.h"
#include "render_theme.h"
#include "render_topology.h"

int render_nettab_rect(const struct render_app *a, int n, SDL_Rect *tab, SDL_Rect *joint)
{
	if (!a->place || n < 0 || n >= a->sc->nnets)
		return 0;
	const struct render_topology_title *t = &a->place->title[n];
	if (t->rc.w <= 0 || t->lead)
		return 0;
	return render_nettab_rect_of(a, n, t->rc, tab, joint);
}

int render_nettab_rect_of(const struct render_app *a, int n, SDL_Rect s, SDL_Rect *tab, SDL_Rect *joint)
{
	if (n < 0 || n >= a->sc->nnets || s.w <= 0)
		return 0;
	SDL_Rect rc = render_layout_net_rect(&a->layout, n);
	int line = a->panels.line > 0 ? a->panels.line : 1;
	int g = (int)(4 * a->layout.k) + 2, gap = (int)(10 * a->layout.k) + 2, rad = (int)(14 * a->layout.k);
	if (rc.w <= 0 || (s.x >= rc.x + line && s.y >= rc.y + line && s.x + s.w <= rc.x + rc.w - line &&
			  s.y + s.h <= rc.y + rc.h - line))
		return 0;   /* inside, clear of the edge */
	SDL_Rect b = { s.x - g, s.y - g, s.w + 2 * g, s.h + 2 * g };
	int horiz = 1;   /* the joint is on the top or bottom edge */
	int across = b.x < rc.x + rc.w - rad && b.x + b.w > rc.x + rad;   /* over the top or bottom edge's straight */
	int along = b.y < rc.y + rc.h - rad && b.y + b.h > rc.y + rad;    /* beside the left or right one's */
	if (across && b.y < rc.y + line && b.y + b.h >= rc.y - gap) {   /* the top edge */
		if (b.y + b.h < rc.y + 2 * line)
			b.h = rc.y + 2 * line - b.y;
		*joint = (SDL_Rect){ b.x + line, rc.y - line, b.w - 2 * line, 3 * line };
	} else if (across && b.y + b.h > rc.y + rc.h - line && b.y <= rc.y + rc.h + gap) {   /* the bottom */
		if (b.y > rc.y + rc.h - 2 * line) {
			b.h += b.y - (rc.y + rc.h - 2 * line);
			b.y = rc.y + rc.h - 2 * line;
		}
		*joint = (SDL_Rect){ b.x + line, rc.y + rc.h - 2 * line, b.w - 2 * line, 3 * line };
	} else if (along && b.x < rc.x + line && b.x + b.w >= rc.x - gap) {   /* the left */
		if (b.x + b.w < rc.x + 2 * line)
			b.w = rc.x + 2 * line - b.x;
		*joint = (SDL_Rect){ rc.x - line, b.y + line, 3 * line, b.h - 2 * line };
		horiz = 0;
	} else if (along && b.x + b.w > rc.x + rc.w - line && b.x <= rc.x + rc.w + gap) {   /* the right */
		if (b.x > rc.x + rc.w - 2 * line) {
			b.w += b.x - (rc.x + rc.w - 2 * line);
			b.x = rc.x + rc.w - 2 * line;
		}
		*joint = (SDL_Rect){ rc.x + rc.w - 2 * line, b.y + line, 3 * line, b.h - 2 * line };
		horiz = 0;
	} else {
		return 0;   /* not by its region's straight edges: left as it is */
	}
	/* the joint keeps to the edge's straight part, off the rounded corners */
	int x0 = joint->x > rc.x + rad ? joint->x : rc.x + rad, y0 = joint->y;
	if (horiz) {
		int x1 = joint->x + joint->w < rc.x + rc.w - rad ? joint->x + joint->w : rc.x + rc.w - rad;
		*joint = (SDL_Rect){ x0, y0, x1 - x0, joint->h };
	} else {
		y0 = joint->y > rc.y + rad ? joint->y : rc.y + rad;
		int y1 = joint->y + joint->h < rc.y + rc.h - rad ? joint->y + joint->h : rc.y + rc.h - rad;
		*joint = (SDL_Rect){ joint->x, y0, joint->w, y1 - y0 };
	}
	*tab = b;
	return joint->w > 0 && joint->h > 0;
}

void render_nettab_draw(struct render_app *a, int n)
{
	SDL_Rect tab, joint;
	if (render_nettab_rect(a, n, &tab, &joint))
		render_nettab_draw_tab(a, n, tab, joint);
}

void render_nettab_draw_tab(struct render_app *a, int n, SDL_Rect tab, SDL_Rect joint)
{
	enum net_kind kind = a->sc->nets[n].kind;
	int rad = tab.h / 4 < 8 ? tab.h / 4 : 8;
	render_draw_round(a->ren, tab, rad, render_theme_net[kind]);
	render_draw_round_outline(a->ren, tab, rad, a->panels.line, render_theme_net_edge[kind]);
	render_draw_fill(a->ren, joint, render_theme_net[kind]);
}
