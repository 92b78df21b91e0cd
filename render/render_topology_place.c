/* render_topology_place — where the still things of the network picture
 * go, worked out before anything is drawn: the boxes of hosts and routers
 * (as render_topology measured and render_spread moved them), each
 * router's column of rule chips, each mailbox's trays, where letters at
 * rest will pile, and each network's name and address range where none of
 * those is.  Routes bend around all of it (render_topology_route.c), what
 * moves keeps off it (the crowding measures, render_topology_crowd.c), and
 * the unit test checks that nothing covers anything else. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_letter.h"
#include "render_links.h"
#include "render_nettab.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_topology_sieve.h"
#include "render_tray.h"
#include "render_ui.h"
#include "util.h"

const char *const render_topology_kind_names[RENDER_TOPOLOGY_KIND_COUNT] = {
	"host", "router", "chips", "tray", "pile", "network name", "address range",
};
_Static_assert(sizeof render_topology_kind_names / sizeof *render_topology_kind_names == RENDER_TOPOLOGY_KIND_COUNT,
	       "render_topology_kind_names");

void render_topology_place_add(struct render_topology_place *p, SDL_Rect rc, enum render_topology_kind kind, int owner)
{
	if (rc.w <= 0 || rc.h <= 0)
		return;
	if (p->nlab == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->lab = xrealloc(p->lab, p->cap * sizeof *p->lab);
	}
	p->lab[p->nlab++] = (struct render_topology_label){ rc, kind, owner };
}

const char *const render_topology_over_names[RENDER_TOPOLOGY_OVER_COUNT] = {
	"drop label", "block count", "envelope card", "authentication card", "Legend button", "cross", "packet label",
	"route tag", "discard mark",
};
_Static_assert(sizeof render_topology_over_names / sizeof *render_topology_over_names == RENDER_TOPOLOGY_OVER_COUNT,
               "one name per kind");

void render_topology_place_over(struct render_app *a, SDL_Rect rc, enum render_topology_over kind)
{
	render_topology_place_over_by(a, rc, kind, (SDL_Rect){ 0, 0, 0, 0 });
}

void render_topology_place_over_by(struct render_app *a, SDL_Rect rc, enum render_topology_over kind,
                                   SDL_Rect anchor)
{
	render_topology_take(a, rc);
	struct render_topology_place *p = a->place;
	if (!p)
		return;
	if (p->nover == p->capover) {
		p->capover = p->capover ? p->capover * 2 : 16;
		p->over = xrealloc(p->over, p->capover * sizeof *p->over);
	}
	p->over[p->nover++] = (struct render_topology_overlay){ rc, kind, anchor, -1, 0 };
}

void render_topology_place_tie(struct render_app *a, float x1, float y1, float x2, float y2, uint32_t col,
                               enum render_topology_over kind)
{
	render_draw_line(a->ren, x1, y1, x2, y2, (float)a->panels.line, col);
	struct render_topology_place *p = a->place;
	if (!p)
		return;
	if (p->ntie == p->captie) {
		p->captie = p->captie ? p->captie * 2 : 8;
		p->tie = xrealloc(p->tie, p->captie * sizeof *p->tie);
	}
	p->tie[p->ntie][0] = x1;
	p->tie[p->ntie][1] = y1;
	p->tie[p->ntie][2] = x2;
	p->tie[p->ntie][3] = y2;
	p->tie[p->ntie++][4] = (float)kind;
	/* what is placed after it keeps off it: dots along it as taken */
	int steps = (int)(hypotf(x2 - x1, y2 - y1) / 6);
	for (int k = 1; k < steps; k++)
		render_topology_take(a, (SDL_Rect){ (int)lroundf(x1 + (x2 - x1) * (float)k / (float)steps) - 1,
						    (int)lroundf(y1 + (y2 - y1) * (float)k / (float)steps) - 1, 3, 3 });
}

void render_topology_place_rest(struct render_app *a, SDL_Rect rc, int host, const char *folder)
{
	struct render_topology_place *p = a->place;
	if (!p)
		return;
	if (p->nrest == p->caprest) {
		p->caprest = p->caprest ? p->caprest * 2 : 16;
		p->rest = xrealloc(p->rest, p->caprest * sizeof *p->rest);
	}
	p->rest[p->nrest++] = (struct render_topology_rest){ rc, host, folder };
}

void render_topology_place_free(struct render_topology_place *p)
{
	if (!p)
		return;
	free(p->rest);
	free(p->line);
	free(p->tie);
	free(p->over);
	free(p->hop);
	free(p->lab);
	free(p->chips);
	free(p->title);
	free(p->text);
	free(p->pile_tag);
	free(p);
}

long render_topology_place_cover(const struct render_app *a, SDL_Rect rc, const int *skip, int nskip)
{
	const struct render_topology_place *p = a->place;
	long area = 0;
	SDL_Rect x;
	for (size_t i = 0; p && i < p->nlab; i++) {
		const struct render_topology_label *l = &p->lab[i];
		int own = 0;
		for (int k = 0; k < nskip && !own; k++)
			own = l->kind < RENDER_TOPOLOGY_NET_NAME && l->owner == skip[k];
		if (!own && SDL_IntersectRect(&rc, &l->rc, &x))
			area += (long)x.w * x.h + 1;
	}
	long inside = SDL_IntersectRect(&rc, &a->panels.topo, &x) ? (long)x.w * x.h : 0;
	return area + (long)rc.w * rc.h - inside;
}

/* The first of n places that covers nothing, else the one that covers
 * least (the first of those); *clear says whether it covers nothing. */
static int render_topology_place_pick(const struct render_app *a, const SDL_Rect *cand, int n, int *clear)
{
	int pick = 0;
	long best = -1;
	for (int i = 0; i < n; i++) {
		long sc = render_topology_place_cover(a, cand[i], NULL, 0);
		if (sc == 0) {
			*clear = 1;
			return i;
		}
		if (best < 0 || sc < best) {
			best = sc;
			pick = i;
		}
	}
	*clear = 0;
	return pick;
}

float render_topology_apart(SDL_Rect p, SDL_Rect q)
{
	int dx = q.x - (p.x + p.w) > p.x - (q.x + q.w) ? q.x - (p.x + p.w) : p.x - (q.x + q.w);
	int dy = q.y - (p.y + p.h) > p.y - (q.y + q.h) ? q.y - (p.y + p.h) : p.y - (q.y + q.h);
	return hypotf(dx > 0 ? (float)dx : 0, dy > 0 ? (float)dy : 0);
}

/* Does router r's column of chips at c (each row high), gap off its box,
 * read as r's: farther from every other router's box and chips than two
 * gaps more, and each chip nearer r's box than theirs?
 * Lesson 03 at 1280 x 720 (issue 11): ISP B's "IP25B オン / OP25B オン"
 * hung 4 px under ISP B's router and 10 px over 「ISP C 境界ルータ
 * （OP25Bなし）」, and read as ISP C's.  A region the router does not
 * join counts as well. */
static int render_topology_place_chips_own(const struct render_app *a, int r, SDL_Rect c, int gap, int row)
{
	const struct scenario *sc = a->sc;
	/* nor on the region of a network it does not link (lesson 07 at
	 * 1280 x 720: ISP B's "OP25B オン" on Corp's LAN read as Corp's) */
	for (int n = 0; n < sc->nnets; n++) {
		int mine = 0;
		for (int k = 0; k < sc->routers[r].nlinks && !mine; k++)
			mine = sc->routers[r].links[k].net == n;
		SDL_Rect rn = render_layout_net_rect(&a->layout, n), x;
		if (!mine && rn.w > 0 && SDL_IntersectRect(&c, &rn, &x))
			return 0;
	}
	for (int q = 0; q < sc->nrouters; q++) {
		if (q == r)
			continue;
		SDL_Rect qc = a->place->chips[q];
		if (render_topology_apart(c, a->node_box[sc->nhosts + q]) < (float)(3 * gap) ||
		    (qc.w > 0 && render_topology_apart(c, qc) < (float)(3 * gap)))
			return 0;
		/* and each chip nearer its own router's box than this one's
		 * (lesson 03 at 80.504 s, 1080p presenter: ISP B's second chip,
		 * "OP25B on", hung 14 px over "ISP C's border router (no
		 * OP25B)" and 39 px under its own) */
		for (int y = c.y; y + row <= c.y + c.h; y += row + RENDER_TOPOLOGY_CHIP_GAP) {
			SDL_Rect one = { c.x, y, c.w, row };
			float mine = render_topology_apart(one, a->node_box[sc->nhosts + r]);
			if (render_topology_apart(one, a->node_box[sc->nhosts + q]) <= mine ||
			    (qc.w > 0 && render_topology_apart(one, qc) <= mine))
				return 0;
		}
	}
	return 1;
}

/* Rule chips in a column: below the router's box unless that covers a
 * host, another router or its chips, or reads as another router's
 * (render_topology_place_chips_own); else above, right, left, then below
 * and above at either end of the box; where no place is free and clearly
 * the router's, the first free one of the first four. */
static void render_topology_place_chips(struct render_app *a)
{
	struct render_topology_place *p = a->place;
	const struct scenario *sc = a->sc;
	for (int r = 0; r < sc->nrouters; r++) {
		p->chips[r] = (SDL_Rect){ 0, 0, 0, 0 };
		int cw = 0, ch = 0;
		render_topology_chips_size(a, r, &cw, &ch);
		if (!ch)
			continue;
		SDL_Rect box = a->node_box[sc->nhosts + r];
		int cx = box.x + box.w / 2, gap = 4, clear = 0;
		/* the last four, below and above at the box's ends, only where
		 * they read as the router's */
		SDL_Rect cand[8] = {
			{ cx - cw / 2, box.y + box.h + gap, cw, ch },
			{ cx - cw / 2, box.y - gap - ch, cw, ch },
			{ box.x + box.w + gap, box.y, cw, ch },
			{ box.x - gap - cw, box.y, cw, ch },
			{ box.x + box.w - cw, box.y + box.h + gap, cw, ch },
			{ box.x, box.y + box.h + gap, cw, ch },
			{ box.x + box.w - cw, box.y - gap - ch, cw, ch },
			{ box.x, box.y - gap - ch, cw, ch },
		};
		SDL_Rect own[8];
		int nown = 0, pick;
		for (int i = 0; i < 8; i++)
			if (render_topology_place_chips_own(a, r, cand[i], gap, render_topology_chip_row(ch, sc->routers[r].nrules)))
				own[nown++] = cand[i];
		pick = nown ? render_topology_place_pick(a, own, nown, &clear) : 0;
		if (nown && clear)
			p->chips[r] = own[pick];
		else
			p->chips[r] = cand[render_topology_place_pick(a, cand, 4, &clear)];
		render_topology_place_add(p, p->chips[r], RENDER_TOPOLOGY_CHIPS, sc->nhosts + r);
	}
}

/* Candidates for a name of w x lh at size px, best first: along the
 * region's top and bottom edges inside (the corners first, then sliding
 * along), then just outside above and below, then anywhere inside. */
static int render_topology_place_slide(SDL_Rect rc, int pad, int w, int lh, int px, int mode, int maxw,
                                       struct render_topology_place_spot *c, int n, int max)
{
	int x0 = rc.x + pad, x1 = rc.x + rc.w - pad - w;
	int ys[4] = { rc.y + pad / 2, rc.y + rc.h - pad / 2 - lh, rc.y - lh - 2, rc.y + rc.h + 2 };
	int step = w / 4 > 8 ? w / 4 : 8;
	for (int e = 0; e < 4; e++) {
		if (e < 2 && w > rc.w - 2 * pad)
			continue;
		int lo = e < 2 ? x0 : rc.x, hi = e < 2 ? x1 : rc.x + rc.w - w;
		if (hi < lo)
			hi = lo;
		for (int k = 0; k <= 2 + (hi - lo) / step && n < max; k++) {
			/* left, right, then from the left in steps */
			int x = k == 0 ? lo : k == 1 ? hi : lo + (k - 1) * step;
			if (k > 1 && x >= hi)
				break;
			c[n++] = (struct render_topology_place_spot){ { x, ys[e], w, lh }, px, mode, maxw,
								      e < 2 && mode == RENDER_FONT_LINE };
		}
	}
	for (int y = rc.y + pad / 2 + lh; y + lh <= rc.y + rc.h - pad / 2 - lh && w <= rc.w - 2 * pad; y += lh / 2 + 1)
		for (int x = x0; x <= x1 && n < max; x += step)
			c[n++] = (struct render_topology_place_spot){ { x, y, w, lh }, px, mode, maxw, 0 };
	return n;
}

/* Candidates for a name of w x lh touching the region, best first: just
 * above it, across its top edge, just below, across its bottom edge (each
 * row from its left inner corner outwards, reaching past its corners),
 * then beside it left and right -- for a region too full for its name
 * inside (presenter mode's large boxes), so that the name still reads as
 * the region's. */
static int render_topology_place_ring(SDL_Rect rc, SDL_Rect vp, int pad, int w, int lh, int px, int mode, int maxw,
                                      struct render_topology_place_spot *c, int n, int max)
{
	int step = w / 6 > 6 ? w / 6 : 6, ystep = lh / 2 > 4 ? lh / 2 : 4;
	int ys[4] = { rc.y - lh - 2, rc.y - lh / 2, rc.y + rc.h + 2, rc.y + rc.h - lh / 2 };
	for (int e = 1; e < 4; e += 2) {   /* across an edge at the picture's edge: as far out as it goes */
		if (ys[e] < vp.y + 2)
			ys[e] = vp.y + 2;
		if (ys[e] + lh > vp.y + vp.h - 2)
			ys[e] = vp.y + vp.h - 2 - lh;
	}
	int xs[2] = { rc.x - w - 2, rc.x + rc.w + 2 }, x0 = rc.x + pad;
	int lo = rc.x - w + 2 * pad, hi = rc.x + rc.w - 2 * pad;
	for (int e = 0; e < 4; e++)
		for (int d = 0; (x0 + d <= hi || x0 - d >= lo) && n < max; d += step)
			for (int side = 0; side < 2 && n < max; side++) {
				int x = side ? x0 - d : x0 + d;
				if ((side && d == 0) || x < lo || x > hi)
					continue;
				c[n++] = (struct render_topology_place_spot){ { x, ys[e], w, lh }, px, mode, maxw, 0 };
			}
	for (int e = 0; e < 2; e++)
		for (int y = rc.y + pad; y <= rc.y + rc.h - pad && n < max; y += ystep)
			c[n++] = (struct render_topology_place_spot){ { xs[e], y, w, lh }, px, mode, maxw, 0 };
	return n;
}

/* The smallest size a network's name may shrink to: presenter mode's
 * floor for a host's name (25 px at 1080p), else 70 % of its size. */
static int render_topology_place_min_px(const struct render_app *a, int px)
{
	int lo = a->presenter ? (int)lroundf(render_topology_floor(a, 20)) : (int)lroundf((float)px * 0.7f);
	if (lo < 10)
		lo = 10;
	return lo > px ? px : lo;
}

/* The line from the middle of c to the nearest point of region rc: does
 * it cross a host's or router's box? */
static int render_topology_place_lead_cuts(const struct render_app *a, SDL_Rect rc, SDL_Rect c)
{
	int lx = c.x + c.w / 2, ly = c.y + c.h / 2;
	int ex = lx < rc.x ? rc.x : lx > rc.x + rc.w ? rc.x + rc.w : lx;
	int ey = ly < rc.y ? rc.y : ly > rc.y + rc.h ? rc.y + rc.h : ly;
	for (size_t i = 0; i < a->place->nlab; i++) {
		const struct render_topology_label *l = &a->place->lab[i];
		int x1 = lx, y1 = ly, x2 = ex, y2 = ey;
		if ((l->kind == RENDER_TOPOLOGY_HOST || l->kind == RENDER_TOPOLOGY_ROUTER) &&
		    SDL_IntersectRectAndLine(&l->rc, &x1, &y1, &x2, &y2))
			return 1;
	}
	return 0;
}

/* One more hop into p->hop. */
static void render_topology_place_hop(struct render_topology_place *p, float x0, float y0, float x1, float y1)
{
	if (p->nhop == p->caphop) {
		p->caphop = p->caphop ? p->caphop * 2 : 32;
		p->hop = xrealloc(p->hop, p->caphop * sizeof *p->hop);
	}
	p->hop[p->nhop][0] = x0;
	p->hop[p->nhop][1] = y0;
	p->hop[p->nhop][2] = x1;
	p->hop[p->nhop++][3] = y1;
}

/* The straight hops routes take before they bend (a host to a router of
 * its network, two routers on one network), into p->hop: a name on one
 * makes every route through it bend round the name, or cross it where the
 * gap beside it is narrow (lesson 12's Internet at 1280 x 720).  Hosts
 * drawn as boxes only. */
static void render_topology_place_hops(struct render_app *a)
{
	struct render_topology_place *p = a->place;
	const struct scenario *sc = a->sc;
	p->nhop = 0;
	for (int r = 0; r < sc->nrouters; r++) {
		float rx, ry;
		render_topology_router_xy(a, r, &rx, &ry);
		for (int k = 0; k < sc->routers[r].nlinks; k++) {
			int net = sc->routers[r].links[k].net;
			for (int h = 0; h < sc->nhosts + sc->nrouters; h++) {
				float x, y;
				if (h < sc->nhosts) {
					/* a box (a crowd's dots are a hop each: too many to matter) */
					if (a->node_box[h].w <= 0 || sc->hosts[h].net != net)
						continue;
					render_topology_host_xy(a, h, &x, &y);
				} else {
					int o = h - sc->nhosts, shared = 0;
					for (int j = 0; o > r && j < sc->routers[o].nlinks; j++)
						shared |= sc->routers[o].links[j].net == net;
					if (!shared)
						continue;
					render_topology_router_xy(a, o, &x, &y);
				}
				render_topology_place_hop(p, rx, ry, x, y);
			}
		}
	}
	/* an MRA's line on to the mailboxes it reads on another host, drawn
	 * while it serves (render_topology_store_route) */
	for (int h = 0; h < sc->nhosts; h++) {
		int store = sc->hosts[h].mailstore;
		if (store < 0 || store >= sc->nhosts || store == h || a->node_box[h].w <= 0 || a->node_box[store].w <= 0)
			continue;
		float x0, y0, x1, y1;
		render_topology_host_xy(a, h, &x0, &y0);
		render_topology_host_xy(a, store, &x1, &y1);
		render_topology_place_hop(p, x0, y0, x1, y1);
	}
}

int render_topology_place_on_hop(const struct render_topology_place *p, SDL_Rect rc)
{
	for (size_t i = 0; i < p->nhop; i++) {
		int x1 = (int)lroundf(p->hop[i][0]), y1 = (int)lroundf(p->hop[i][1]);
		int x2 = (int)lroundf(p->hop[i][2]), y2 = (int)lroundf(p->hop[i][3]);
		if (SDL_IntersectRectAndLine(&rc, &x1, &y1, &x2, &y2))
			return 1;
	}
	return 0;
}

void render_topology_place_line(struct render_app *a, float x1, float y1, float x2, float y2, int stop)
{
	struct render_topology_place *p = a->place;
	if (!p)
		return;
	if (p->nline == p->capline) {
		p->capline = p->capline ? p->capline * 2 : 32;
		p->line = xrealloc(p->line, p->capline * sizeof *p->line);
	}
	p->line[p->nline][0] = x1;
	p->line[p->nline][1] = y1;
	p->line[p->nline][2] = x2;
	p->line[p->nline][3] = y2;
	p->line[p->nline++][4] = (float)stop;
}

static int render_topology_place_seg_in(SDL_Rect rc, float x1, float y1, float x2, float y2)
{
	int ax = (int)lroundf(x1), ay = (int)lroundf(y1), bx = (int)lroundf(x2), by = (int)lroundf(y2);
	return SDL_IntersectRectAndLine(&rc, &ax, &ay, &bx, &by);
}

int render_topology_place_lined(const struct render_app *a, SDL_Rect rc)
{
	const struct render_topology_place *p = a->place;
	for (size_t i = 0; p && i < p->nline; i++)
		if (render_topology_place_seg_in(rc, p->line[i][0], p->line[i][1], p->line[i][2], p->line[i][3]))
			return 1;
	for (int r = 0; r < a->sc->nrouters; r++)
		for (int k = 0; k < a->sc->routers[r].nlinks; k++) {
			struct render_links_path lp;
			render_links_path(a, r, a->sc->routers[r].links[k].net, &lp);
			if (lp.n >= 2)   /* (drawn from its box's edge) */
				render_topology_router_edge(a, r, lp.x[1], lp.y[1], &lp.x[0], &lp.y[0]);
			for (int i = 1; i < lp.n; i++)
				if (render_topology_place_seg_in(rc, lp.x[i - 1], lp.y[i - 1], lp.x[i], lp.y[i]))
					return 1;
		}
	return 0;
}

int render_topology_place_routed(const struct render_app *a, SDL_Rect rc, int r)
{
	const struct render_topology_place *p = a->place;
	for (size_t i = 0; p && i < p->nline; i++)
		if ((int)p->line[i][4] != r &&
		    render_topology_place_seg_in(rc, p->line[i][0], p->line[i][1], p->line[i][2], p->line[i][3]))
			return 1;
	return 0;
}

/* The first of n places that covers nothing and lies on no hop, or -1. */
static int render_topology_place_off_hops(const struct render_app *a, const SDL_Rect *cand, int n)
{
	for (int i = 0; i < n; i++)
		if (render_topology_place_cover(a, cand[i], NULL, 0) == 0 && !render_topology_place_on_hop(a->place, cand[i]))
			return i;
	return -1;
}

/* The nearest free place within the picture for a w x h name, near the
 * region's top-left corner: 1 and *out, or 0. */
static int render_topology_place_near(const struct render_app *a, SDL_Rect rc, int w, int h, SDL_Rect *out)
{
	SDL_Rect vp = a->panels.topo;
	int sx = w / 8 > 6 ? w / 8 : 6, sy = h / 3 > 4 ? h / 3 : 4;
	long best = -1;
	for (int y = vp.y + 2; y + h <= vp.y + vp.h - 2; y += sy)
		for (int x = vp.x + 2; x + w <= vp.x + vp.w - 2; x += sx) {
			SDL_Rect c = { x, y, w, h };
			long dx = x < rc.x ? rc.x - x : x > rc.x + rc.w ? x - rc.x - rc.w : 0;
			long dy = y + h < rc.y ? rc.y - y - h : y > rc.y + rc.h ? y - rc.y - rc.h : 0;
			long d = dx * dx + dy * dy;
			/* inside another network's region it would read as that one's */
			for (int n = 0; n < a->sc->nnets && d < 100000000L; n++) {
				SDL_Rect o = render_layout_net_rect(&a->layout, n), ix;
				if (!(o.x == rc.x && o.y == rc.y && o.w == rc.w && o.h == rc.h) && SDL_IntersectRect(&o, &c, &ix))
					d += 100000000L;
			}
			if ((best >= 0 && d >= best) || render_topology_place_cover(a, c, NULL, 0))
				continue;
			if (d > 16 && render_topology_place_lead_cuts(a, rc, c))
				d += 50000000L;   /* a line to it would cross a box: only if nothing else */
			if (render_topology_place_on_hop(a->place, c))
				d += 40000L;      /* routes would cross it: 200 px further is better */
			if (best >= 0 && d >= best)
				continue;
			best = d;
			*out = c;
		}
	return best >= 0;
}

/* Does rc lie on the region of a network other than n (one that does
 * not hold n's region)? */
static int render_topology_place_foreign(const struct render_app *a, int n, SDL_Rect rc)
{
	SDL_Rect own = render_layout_net_rect(&a->layout, n), ix;
	for (int m = 0; m < a->sc->nnets; m++) {
		SDL_Rect o = render_layout_net_rect(&a->layout, m);
		int holds = own.x >= o.x && own.y >= o.y && own.x + own.w <= o.x + o.w && own.y + own.h <= o.y + o.h;
		if (m != n && !holds && SDL_IntersectRect(&o, &rc, &ix))
			return 1;
	}
	return 0;
}

/* Network n's name at rc as drawn: on a tab round it where it is not
 * inside its region clear of the edge (render_nettab_rect's margin, and
 * a line). */
static SDL_Rect render_topology_place_tab(const struct render_app *a, int n, SDL_Rect rc)
{
	SDL_Rect own = render_layout_net_rect(&a->layout, n);
	int g = (int)(4 * a->layout.k) + 2 + a->panels.line, line = a->panels.line > 0 ? a->panels.line : 1;
	if (rc.x >= own.x + line && rc.y >= own.y + line && rc.x + rc.w <= own.x + own.w - line &&
	    rc.y + rc.h <= own.y + own.h - line)
		return rc;
	return (SDL_Rect){ rc.x - g, rc.y - g, rc.w + 2 * g, rc.h + 2 * g };
}

/* Of the n candidates in c, those on no other network's region (a name
 * there reads as that one's: lesson 13's "Newsletter service" below its
 * region, on ISP C's), moved to its front; returns how many.  Presenter
 * mode's regions leave each name a place of its own (render_region);
 * normal mode's shrink it, down to its floor, where they are full --
 * where nothing inside fits, render_topology_place_title looks around the
 * region, first off other regions. */
static int render_topology_place_own_only(const struct render_app *a, int net, struct render_topology_place_spot *c,
                                          int n)
{
	int m = 0;
	for (int i = 0; i < n; i++)
		if (!render_topology_place_foreign(a, net, render_topology_place_tab(a, net, c[i].rc)))
			c[m++] = c[i];
	return m;
}

/* Network n's name inside its region: at its full size, then smaller
 * down to floor px, on one line and then wrapped (never with a word cut,
 * nor split inside a word of one script unless split_ok -- a katakana
 * word (インター|ネット) only if split_ok is 2), the first place
 * that covers nothing; its index in c (cand: room for as many), or -1.
 * Wholly inside if within (2: also on narrow lines, two or three, for a
 * short name), else also just above or below it; with chips, off them. */
static int render_topology_place_inside(struct render_app *a, int n, const char *label, int split_ok, int within,
                                        int floor, int chips, struct render_topology_place_spot *c, SDL_Rect *cand)
{
	enum { MAX = 512 };
	SDL_Rect rc = render_layout_net_rect(&a->layout, n);
	int px = render_topology_px(a, 22), lo = floor < px ? floor : px;
	int pad = (int)(10 * a->layout.k) + 2, iw = rc.w - 2 * pad;
	int best = -1;
	/* first off the routes' hops and a few pixels clear of everything (a
	 * route can pass between), then a few pixels clear, then merely clear
	 * -- the three on one line at full size or a step smaller first (pass
	 * 0 to 2; on a hop, the routes bend round it), then smaller and
	 * wrapped too (pass 3 to 5): a name that fits on one line at its size
	 * is not wrapped, nor shrunk more than a step (issue 11: lesson 12's
	 * "データセンター（レンタルサーバ）" at 13 px off the hops at 1920 x
	 * 1080, with room for it at 16 px on one) */
	/* (first leaving its routers' lines room to end beside it, then,
	 * with none, as the lines will be laid round it) */
	for (int room = 1; room >= 0 && best < 0; room--)
	for (int pass = 0; pass < 6 && best < 0; pass++)
	for (int spx = px, gap = pass % 3 < 2 ? 4 : 0;; spx = spx * 9 / 10 > lo ? spx * 9 / 10 : lo) {
		int w = 0, lh = 0, n0 = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, spx, RENDER_FONT_LINE, 0, label, &w, &lh);
		n0 = render_topology_place_slide(rc, pad, w, lh, spx, RENDER_FONT_LINE, 0, c, 0, MAX);
		/* two or three lines: narrower and narrower across the region;
		 * narrow (within 2), also a short name, on half or a third its
		 * width (beside its hosts: render_region keeps it a band that
		 * narrow, lesson 12's "ISP B servers" at 1280 x 720) */
		int ws[14], nw = 0;
		for (int ww = iw; ww > spx * 4 && nw < 10 && (within == 2 || w > ww / 2); ww = ww * 3 / 4)
			ws[nw++] = ww;
		if (within == 2) {   /* (and between: three lines broken between phrases, "ISP C 会員|（動的IP・|25番の制限なし）") */
			ws[nw++] = w / 2 + spx;
			ws[nw++] = w * 9 / 20 + spx;
			ws[nw++] = w * 2 / 5 + spx;
			ws[nw++] = w / 3 + spx;
		}
		for (int i = 0; i < nw && pass >= 3; i++) {
			int fw = 0, fh = 0, ww = ws[i];
			render_font_size(a->font, RENDER_FONT_BOLD, spx, RENDER_FONT_WRAP, ww, label, &fw, &fh);
			if (fh <= 3 * lh + 2 && fw < w && !(render_font_wrap_cuts(a->font, RENDER_FONT_BOLD, spx, ww, label) & (split_ok == 2 ? 1 : split_ok ? 9 : 11)))
				n0 = render_topology_place_slide(rc, pad, fw, fh, spx, RENDER_FONT_WRAP, ww, c, n0, MAX);
		}
		n0 = render_topology_place_own_only(a, n, c, n0);
		if (room)
			n0 = render_topology_sieve_dot_room(a, n, c, n0);
		if (chips)
			n0 = render_topology_sieve_off_chips(a->place, pad > lh / 2 ? pad : lh / 2, c, n0);
		render_topology_sieve_apart(a, c, n0, spx / 2);
		if (within)
			n0 = render_topology_sieve_within(a->place, rc, pad, c, n0);
		if (pass == 1 || pass == 2)   /* on a hop: not where it starts, nor on a router's link */
			n0 = render_topology_sieve_off_links(a, within ? 0 : pad, c, n0);
		for (int i = 0; i < n0; i++)
			cand[i] = (SDL_Rect){ c[i].rc.x - gap, c[i].rc.y - gap, c[i].rc.w + 2 * gap, c[i].rc.h + 2 * gap };
		int clear = 0, k = pass % 3 ? render_topology_place_pick(a, cand, n0, &clear)
		                            : render_topology_place_off_hops(a, cand, n0);
		if (n0 && (pass % 3 ? clear : k >= 0)) {
			best = k;
			break;
		}
		if (spx == lo || (pass < 3 && spx < px))
			break;
	}
	return best;
}

/* Presenter mode's name inside its region, down to tier[0] px, then
 * tier[1], then on narrow lines too: first half a line off the rule chips
 * where it keeps its least size (lesson 10 at 1920 x 1080: "OP25B オン
 * インターネット", 9 px apart).  Its index in c, or -1. */
static int render_topology_place_band(struct render_app *a, int n, const char *label, const int *tier,
                                      struct render_topology_place_spot *c, SDL_Rect *cand)
{
	int best = -1;
	for (int chips = 1; chips >= 0; chips--) {
		best = -1;
		/* at the back row's size on two or three narrow lines before a
		 * role badge's size on one (issue 11: lesson 12's names at 12 px
		 * at 1280 x 720 where a narrow band held them at 16) */
		static const int order[8] = { 0, 1, 4, 5, 2, 3, 6, 7 };
		for (int i = 0; i < 8 && best < 0; i++) {
			int k = order[i];
			best = render_topology_place_inside(a, n, label, k & 1, 1 + (k >> 2), tier[(k >> 1) & 1], chips,
							    c, cand);
		}
		if (best >= 0 && c[best].px >= tier[0])
			break;
	}
	return best;
}

/* Where network n's name goes: at its full size, then smaller down to the
 * floor, on one line and then wrapped, the first place that covers
 * nothing; else the nearest free place in the picture at the floor size
 * (a line leads to it); else, and only then, the place that covers least. */
static void render_topology_place_title(struct render_app *a, int n, const char *label)
{
	struct render_topology_title *t = &a->place->title[n];
	SDL_Rect rc = render_layout_net_rect(&a->layout, n);
	int px = render_topology_px(a, 22), lo = render_topology_place_min_px(a, px);
	int pad = (int)(10 * a->layout.k) + 2;
	enum { MAX = 512 };
	struct render_topology_place_spot *c = xmalloc(MAX * sizeof *c);
	SDL_Rect *cand = xmalloc(MAX * sizeof *cand);
	memset(t, 0, sizeof *t);
	/* In presenter mode, whose regions keep a band for their names
	 * (render_region), wholly inside first: a name on the routes' hops
	 * makes them bend round it, but one above or below its region reads
	 * as no region's (lesson 13's "インターネット" at 1280 x 720) -- down
	 * to a role badge's floor (19 px at 1080p), split where its script
	 * allows (会|員) only if nothing else fits. */
	int tier[2] = { lo, a->presenter ? (int)lroundf(render_topology_floor(a, 14)) : lo }, best = -1, nall = 0;
	if (a->presenter)
		best = render_topology_place_band(a, n, label, tier, c, cand);
	/* a name that is one katakana word with no band to hold it whole at
	 * those sizes: on two lines at the back row's size, split where its
	 * parts meet (インター|ネット), before anything under the role
	 * badge's floor -- whole at 10 px (lesson 12's Internet at 1280 x 720,
	 * labels27) could not be read from the back row; smaller and whole
	 * only if even that finds no room.  Never on another network's region. */
	int one = 0, oh = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, tier[1], RENDER_FONT_LINE, 0, label, &one, &oh);
	if (a->presenter && best < 0 && render_font_wrap_cuts(a->font, RENDER_FONT_BOLD, tier[1], one - 1, label) & 8) {
		for (int chips = 1; chips >= 0 && best < 0; chips--)
			best = render_topology_place_inside(a, n, label, 2, 2, tier[0], chips, c, cand);
		if (best < 0)
			best = render_topology_place_inside(a, n, label, 0, 1, 10, 0, c, cand);
	}
	if (best < 0)
		best = render_topology_place_inside(a, n, label, 0, 0, lo, 0, c, cand);
	/* Touching it from outside, at the floor; in presenter mode, where
	 * the boxes fill the regions, then at a role badge's floor inside or
	 * touching it rather than away from it -- first on no other network's
	 * region (it would read as that one's name). */
	for (int foreign = 0; foreign < 2 && best < 0; foreign++)
	for (int cuts = 0; cuts < 2 && best < 0; cuts++) {   /* a word cut only if nothing else there */
	if (!foreign && cuts && (best = render_topology_place_inside(a, n, label, 1, 0, lo, 0, c, cand)) >= 0)
		break;   /* inside after all, split where its script allows (会|員) */
	for (int ti = 0; ti < 2 && best < 0; ti++)
	for (int lines = 1; best < 0 && lines <= 3 && (ti == 0 || tier[1] < lo); lines++) {
		int tpx = tier[ti], w = 0, lh = 0, mode = lines > 1 ? RENDER_FONT_WRAP : RENDER_FONT_LINE, maxw = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, tpx, RENDER_FONT_LINE, 0, label, &w, &lh);
		if (lines > 1) {
			maxw = w / lines + tpx;
			/* not so narrow that a word is cut ("corp.exa|mple") while
			 * another way is left */
			int wc = render_font_wrap_cuts(a->font, RENDER_FONT_BOLD, tpx, maxw, label);
			if ((!cuts && wc) || (wc & 8))   /* never インター|ネット */
				continue;
			render_font_size(a->font, RENDER_FONT_BOLD, tpx, RENDER_FONT_WRAP, maxw, label, &w, &lh);
		}
		int n0 = ti ? render_topology_place_slide(rc, pad, w, lh, tpx, mode, maxw, c, 0, MAX) : 0, clear = 0;
		n0 = render_topology_place_ring(rc, a->panels.topo, pad, w, lh, tpx, mode, maxw, c, n0, MAX);
		int m = 0;
		for (int i = 0; i < n0; i++)
			if (foreign || !render_topology_place_foreign(a, n, render_topology_place_tab(a, n, c[i].rc)))
				c[m++] = c[i];   /* its tab too (lesson 13's "Newsletter service" on Corp's region) */
		for (int i = 0; i < m; i++)
			cand[i] = c[i].rc;
		/* off the routes' hops if it can be (routes bend round names) */
		int k = render_topology_place_off_hops(a, cand, m);
		if (k < 0 && m)
			k = render_topology_place_pick(a, cand, m, &clear);
		else
			clear = k >= 0;
		if (k >= 0 && clear)
			best = k;
	}
	}
	for (int lines = 1; best < 0 && lines <= 3; lines++) {   /* on one line, else on two or three */
		int w = 0, lh = 0, mode = lines > 1 ? RENDER_FONT_WRAP : RENDER_FONT_LINE, maxw = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, lo, RENDER_FONT_LINE, 0, label, &w, &lh);
		if (lines > 1) {
			maxw = w / lines + lo;
			if (render_font_wrap_cuts(a->font, RENDER_FONT_BOLD, lo, maxw, label))
				continue;
			render_font_size(a->font, RENDER_FONT_BOLD, lo, RENDER_FONT_WRAP, maxw, label, &w, &lh);
		}
		SDL_Rect near;
		if (render_topology_place_near(a, rc, w, lh, &near)) {
			c[0] = (struct render_topology_place_spot){ near, lo, mode, maxw, 0 };
			SDL_Rect hit;
			t->lead = !SDL_IntersectRect(&near, &(SDL_Rect){ rc.x - 4, rc.y - 4, rc.w + 8, rc.h + 8 }, &hit);
			best = 0;
		}
	}
	if (best < 0) {   /* nowhere free: the least covered of the candidates at the floor */
		int w0 = 0, h0 = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, lo, RENDER_FONT_LINE, 0, label, &w0, &h0);
		nall = render_topology_place_slide(rc, pad, w0, h0, lo, RENDER_FONT_LINE, 0, c, 0, MAX);
		for (int i = 0; i < nall; i++)
			cand[i] = c[i].rc;
		int clear = 0;
		best = nall ? render_topology_place_pick(a, cand, nall, &clear) : -1;
	}
	if (best >= 0) {
		t->rc = c[best].rc;
		t->px = c[best].px;
		t->mode = c[best].mode;
		t->maxw = c[best].maxw;
		t->edge = c[best].edge;
		render_topology_place_add(a->place, t->rc, RENDER_TOPOLOGY_NET_NAME, n);
	}
	free(cand);
	free(c);
}

/* A frame's inputs to the networks' names: the still things placed before
 * them, the routes' hops, the regions, the text sizes and the language.
 * The same key gives the same places, so a frame like the last one (most
 * are) does not search again. */
static uint64_t render_topology_place_key(const struct render_app *a)
{
	const struct render_topology_place *p = a->place;
	const struct scenario *sc = a->sc;
	uint64_t h = 1469598103934665603ull;
	const void *who[2] = { sc, a->font };
	int mode[3] = { a->lang, a->presenter, sc->nnets };
	float k[2] = { a->layout.k, a->panels.s };
	h = util_fnv1a(h, who, sizeof who);
	h = util_fnv1a(h, mode, sizeof mode);
	h = util_fnv1a(h, k, sizeof k);
	h = util_fnv1a(h, &a->panels.topo, sizeof a->panels.topo);
	h = util_fnv1a(h, p->lab, p->nlab * sizeof *p->lab);
	h = util_fnv1a(h, p->hop, p->nhop * sizeof *p->hop);
	for (int n = 0; n < sc->nnets; n++) {
		SDL_Rect rc = render_layout_net_rect(&a->layout, n);
		const char *label = sc_text_get(&sc->nets[n].label, a->lang);
		h = util_fnv1a(h, &rc, sizeof rc);
		h = util_fnv1a(h, label ? label : "", label ? strlen(label) + 1 : 1);
	}
	return h;
}

/* Each network's name and range: where the last frame put them if its key
 * is this frame's, else searched afresh. */
static void render_topology_place_names(struct render_app *a)
{
	struct render_topology_place *p = a->place;
	const struct scenario *sc = a->sc;
	uint64_t key = render_topology_place_key(a);
	if (p->names_known && p->names_key == key) {
		for (int n = 0; n < sc->nnets; n++) {
			if (p->title[n].rc.w > 0)
				render_topology_place_add(p, p->title[n].rc, RENDER_TOPOLOGY_NET_NAME, n);
			if (p->title[n].range.w > 0)
				render_topology_place_add(p, p->title[n].range_tab.w > 0 ? p->title[n].range_tab : p->title[n].range,
							  RENDER_TOPOLOGY_NET_RANGE, n);
		}
		return;
	}
	for (int n = 0; n < sc->nnets; n++) {
		const char *label = sc_text_get(&sc->nets[n].label, a->lang);
		render_topology_place_title(a, n, label && *label ? label : sc->nets[n].id);
		render_topology_range_place(a, n);
	}
	p->names_key = key;
	p->names_known = 1;
}

void render_topology_place(struct render_app *a)
{
	const struct scenario *sc = a->sc;
	if (!a->place)
		a->place = xcalloc(1, sizeof *a->place);
	struct render_topology_place *p = a->place;
	p->nlab = 0;
	p->nover = 0;
	p->ndsn = 0;
	p->ntie = 0;
	p->nrest = 0;
	p->nline = 0;
	p->acting = p->acting_text = (SDL_Rect){ 0, 0, 0, 0 };
	p->chips = xrealloc(p->chips, ((size_t)sc->nrouters + 1) * sizeof *p->chips);
	p->title = xrealloc(p->title, ((size_t)sc->nnets + 1) * sizeof *p->title);
	p->text = xrealloc(p->text, ((size_t)sc->nhosts + 1) * sizeof *p->text);
	memset(p->text, 0, ((size_t)sc->nhosts + 1) * sizeof *p->text);
	p->pile_tag = xrealloc(p->pile_tag, ((size_t)sc->nhosts + 1) * sizeof *p->pile_tag);
	memset(p->pile_tag, 0, ((size_t)sc->nhosts + 1) * sizeof *p->pile_tag);
	render_topology_node_boxes(a);
	for (int hi = 0; hi < sc->nhosts; hi++) {
		SDL_Rect dot;
		if (a->node_box[hi].w > 0)
			render_topology_place_add(p, a->node_box[hi], RENDER_TOPOLOGY_HOST, hi);
		else if (render_topology_dot(a, hi, &dot))
			render_topology_place_add(p, dot, RENDER_TOPOLOGY_HOST, hi);
	}
	for (int r = 0; r < sc->nrouters; r++)
		render_topology_place_add(p, a->node_box[sc->nhosts + r], RENDER_TOPOLOGY_ROUTER, sc->nhosts + r);
	render_topology_place_chips(a);
	render_links_update(a);   /* off the routers and chips; the names keep off the links' lines */
	for (int h = 0; h < sc->nhosts; h++) {
		SDL_Rect tray;
		for (int f = 0; f < RENDER_TRAY_COUNT; f++)
			if (render_tray_rect(a, h, render_tray_names[f], &tray))
				render_topology_place_add(p, tray, RENDER_TOPOLOGY_TRAY, h);
	}
	if (!render_summary_shown(a))
		render_letter_reserve(a);   /* the letters' piles, into a->taken */
	for (size_t i = 0; i < a->ntaken; i++)
		render_topology_place_add(p, a->taken[i], RENDER_TOPOLOGY_PILE, -1);
	render_topology_place_hops(a);
	render_topology_place_names(a);
	render_links_titles(a);   /* and the lines off the names */
	/* What is drawn later (ports, packets, crosses, the envelope card)
	 * keeps off chips, trays and names as it keeps off the boxes -- and
	 * off the boxes as placed here, with a group's stacked cards (its
	 * click area is the front card only). */
	a->ntaken = 0;
	for (size_t i = 0; i < p->nlab; i++)
		render_topology_take(a, p->lab[i].rc);
}

void render_topology_place_titles(struct render_app *a)
{
	const struct scenario *sc = a->sc;
	int spx = render_topology_px(a, 16);
	for (int n = 0; n < sc->nnets && a->place; n++) {
		const struct render_topology_title *t = &a->place->title[n];
		if (t->rc.w <= 0)
			continue;
		const char *label = sc_text_get(&sc->nets[n].label, a->lang);
		if (!label || !*label)
			label = sc->nets[n].id;
		render_nettab_draw(a, n);   /* outside or across its region's edge: on a tab joined to it */
		if (t->lead) {   /* away from its region: a line from the region's edge */
			SDL_Rect rc = render_layout_net_rect(&a->layout, n);
			float lx = (float)t->rc.x + (float)t->rc.w / 2, ly = (float)t->rc.y + (float)t->rc.h / 2;
			float ex = fminf(fmaxf(lx, (float)rc.x), (float)(rc.x + rc.w));
			float ey = fminf(fmaxf(ly, (float)rc.y), (float)(rc.y + rc.h));
			render_draw_line(a->ren, lx, ly, ex, ey, (float)a->panels.line, render_theme_net_edge[sc->nets[n].kind]);
		}
		render_font_draw(a->font, RENDER_FONT_BOLD, t->px, RENDER_THEME_TEXT, t->mode, t->maxw, label, t->rc.x,
				 t->rc.y, NULL);
		render_topology_range_draw(a, n, spx);
	}
}
