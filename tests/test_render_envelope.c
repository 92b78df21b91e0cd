/* test_render_envelope — the envelope tag beside the letter in focus sits
 * next to its letter, in free room (review 21 C6, C10): across no
 * region's edge and on no other network's region, over no line of the
 * moment (its letter's connections, dropped SYNs), within two of its
 * heights of its letter and nearer it than any other host's or router's
 * box.  test_render_current's sweep calls it at every caption of every
 * lesson, in both sizes, modes and languages. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "render_app.h"
#include "render_layout.h"
#include "render_topology.h"
#include "render_ui.h"
#include "render_view.h"
#include "test_render_envelope.h"
#include "test_render_util.h"

/* The squared gap between two rectangles (0 when they touch or overlap). */
static long test_render_envelope_gap(SDL_Rect p, SDL_Rect q)
{
	int dx = q.x - (p.x + p.w) > p.x - (q.x + q.w) ? q.x - (p.x + p.w) : p.x - (q.x + q.w);
	int dy = q.y - (p.y + p.h) > p.y - (q.y + q.h) ? q.y - (p.y + p.h) : p.y - (q.y + q.h);
	dx = dx > 0 ? dx : 0;
	dy = dy > 0 ? dy : 0;
	return (long)dx * dx + (long)dy * dy;
}

/* What is wrong with the envelope tag t beside letter l, a line each into
 * b; returns how many. */
static int test_render_envelope_check(struct render_app *a, SDL_Rect t, SDL_Rect l, struct sbuf *b)
{
	int bad = 0;
	SDL_Point at = { l.x + l.w / 2, l.y + l.h / 2 };
	SDL_Rect ix;
	for (int n = 0; n < a->sc->nnets; n++) {
		SDL_Rect r = render_layout_net_rect(&a->layout, n);
		if (r.w <= 0 || !SDL_IntersectRect(&t, &r, &ix))
			continue;
		if (!SDL_RectEquals(&ix, &t)) {
			sbuf_addf(b, "  tag %d,%d %dx%d lies across the edge of %s's region\n", t.x, t.y, t.w, t.h,
				  a->sc->nets[n].id);
			bad++;
		} else if (!SDL_PointInRect(&at, &r)) {
			sbuf_addf(b, "  tag %d,%d %dx%d lies on %s's region, its letter outside it\n", t.x, t.y, t.w, t.h,
				  a->sc->nets[n].id);
			bad++;
		}
	}
	/* the lines of the moment: the focus letter's connections and dropped
	 * SYNs (lesson 02's tag covered Alice's) */
	int focus = render_view_focus_msg(a);
	for (size_t i = 0; a->nfconn <= RENDER_TOPOLOGY_LABEL_MAX && i < a->nfconn; i++) {
		struct render_topology_route rt;
		render_topology_route_of(a, &a->fconn[i], &rt);
		if (a->fconn[i].msg != focus && !rt.blocked)
			continue;
		for (int k = 1; k < rt.n; k++) {
			int x1 = (int)rt.x[k - 1], y1 = (int)rt.y[k - 1], x2 = (int)rt.x[k], y2 = (int)rt.y[k];
			if (SDL_IntersectRectAndLine(&t, &x1, &y1, &x2, &y2)) {
				sbuf_addf(b, "  tag %d,%d %dx%d lies over the line %s -> %s\n", t.x, t.y, t.w, t.h,
					  render_view_host_name(a, a->fconn[i].client),
					  render_view_host_name(a, a->fconn[i].server));
				bad++;
				break;
			}
		}
	}
	long gap = test_render_envelope_gap(t, l), far = 2 * t.h + l.w + 1;
	if (gap > far * far) {
		sbuf_addf(b, "  tag %d,%d %dx%d is %.0f px from its letter at %d,%d\n", t.x, t.y, t.w, t.h, sqrt((double)gap),
			  l.x, l.y);
		bad++;
	}
	for (int h = 0; a->node_box && h < a->sc->nhosts + a->sc->nrouters; h++) {
		SDL_Rect bx = a->node_box[h];
		/* the box the letter rests on the corner of is its own */
		if (bx.w <= 0 || test_render_envelope_gap(bx, l) <= (long)l.h * l.h ||
		    test_render_envelope_gap(t, bx) >= gap)
			continue;
		sbuf_addf(b, "  tag %d,%d %dx%d is nearer %s's box than its letter at %d,%d\n", t.x, t.y, t.w, t.h,
			  render_view_node_name(a, h), l.x, l.y);
		bad++;
	}
	return bad;
}

int test_render_envelope_frame(struct render_app *a, const char *what, struct sbuf *b, int *shown)
{
	int bad = 0;
	const struct render_topology_place *p = a->place;
	for (size_t i = 0; p && i < p->nover; i++) {
		if (p->over[i].kind != RENDER_TOPOLOGY_OVER_ENVELOPE || p->over[i].anchor.w <= 0)
			continue;
		(*shown)++;
		size_t mark = b->len;
		sbuf_addf(b, "%s:\n", what);
		int m = test_render_envelope_check(a, p->over[i].rc, p->over[i].anchor, b);
		if (!m)
			b->len = mark;
		bad += m;
	}
	return bad;
}
