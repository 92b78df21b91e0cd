/* render_topology_range — where a network's address range goes on the
 * map, placed once with the names (render_topology_place) and drawn with
 * them: on the name's line, else, for a pool of dynamic addresses, across
 * its region, beside its name or on a tab outside it.  Split from
 * render_topology_place. */
#include <stdio.h>

#include "render_app.h"
#include "render_font.h"
#include "render_nettab.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_topology_sieve.h"

/* Range rc (cw x ch) on the line at y inside region rc, from its left end
 * (from_left) or its right, slid towards the other end a pad at a time
 * while a link is in the way (in presenter mode only if off_links), never
 * within a pad of gap (the name) nor of the region's sides, and with
 * off_links inside it; 1 and t->range if found. */
static int render_topology_range_at(struct render_app *a, int n, SDL_Rect rc, int y, int from_left, int cw,
                                          int ch, SDL_Rect gap, int off_links)
{
	struct render_topology_title *t = &a->place->title[n];
	int pad = (int)(10 * a->layout.k) + 2;
	for (int step = 0; step < 8; step++) {
		int dx = (from_left ? 1 : -1) * step * (pad / 2 + 1);
		SDL_Rect cr = { (from_left ? rc.x + pad : rc.x + rc.w - pad - cw) + dx, y, cw, ch };
		SDL_Rect near = { cr.x - pad, cr.y, cr.w + 2 * pad, cr.h }, x;
		/* further off than before (a pad round it) where a link must not be */
		struct render_topology_place_spot s = { .rc = off_links ? near : cr };
		if (off_links)
			s.rc.y -= pad, s.rc.h += 2 * pad;
		if (cr.x < rc.x + pad || cr.x + cw > rc.x + rc.w - pad ||
		    (off_links && (y < rc.y || y + ch > rc.y + rc.h)) || SDL_IntersectRect(&near, &gap, &x))
			return 0;
		if (render_topology_place_cover(a, cr, NULL, 0) != 0)
			return 0;
		if ((a->presenter && !off_links) || render_topology_sieve_off_links(a, 0, &s, 1)) {
			t->range = cr;
			render_topology_place_add(a->place, cr, RENDER_TOPOLOGY_NET_RANGE, n);
			return 1;
		}
	}
	return 0;
}

/* Where no line inside network n's region (rc) has room for its range
 * (cw x ch): just outside its bottom edge, else its top, at a corner (the
 * name's side last), on a tab joined to the region (render_nettab) that
 * covers nothing, lies in no other region and on no route or link:
 * lesson 03's ISP C customers in presenter mode, their bot's box filling
 * the region under their name. */
static void render_topology_range_out(struct render_app *a, int n, SDL_Rect rc, int right, int cw, int ch)
{
	struct render_topology_title *t = &a->place->title[n];
	int g = (int)(4 * a->layout.k) + 2, rad = (int)(14 * a->layout.k) + g;
	int ys[2] = { rc.y + rc.h + g, rc.y - g - ch };
	int xs[2] = { right ? rc.x + rad : rc.x + rc.w - rad - cw, right ? rc.x + rc.w - rad - cw : rc.x + rad };
	for (int k = 0; k < 4; k++) {
		SDL_Rect cr = { xs[k % 2], ys[k / 2], cw, ch }, tab, joint, x;
		if (cr.x < rc.x + rad || cr.x + cw > rc.x + rc.w - rad || !render_nettab_rect_of(a, n, cr, &tab, &joint))
			continue;
		struct render_topology_place_spot s = { .rc = tab };
		int other = 0;
		for (int m = 0; m < a->sc->nnets && !other; m++) {
			SDL_Rect o = render_layout_net_rect(&a->layout, m);
			other = m != n && SDL_IntersectRect(&o, &tab, &x);
		}
		if (other || render_topology_place_cover(a, tab, NULL, 0) != 0 || render_topology_place_on_hop(a->place, tab) ||
		    !render_topology_sieve_off_links(a, 0, &s, 1))
			continue;
		t->range = cr;
		t->range_tab = tab;
		render_topology_place_add(a->place, tab, RENDER_TOPOLOGY_NET_RANGE, n);
		return;
	}
}

/* A network's address range at the other end of the edge its name is on,
 * if it fits there without covering anything, nor under a router's link
 * and the disc at its end (lesson 10's "192.0.2.0/26" at 1920 x 1080
 * under the Internet's bottom-left disc): slid towards the name if a
 * link is in the way, a pad short of it.  (Not yet in presenter mode: a
 * range left out there sent lesson 11's route along the DNS server's box
 * at 1280 x 720, render_hops.)  A pool of dynamic addresses, whose range
 * the port 25 rules and captions cite, goes further where its name leaves
 * no room on its edge: at the opposite edge (across from the name
 * first), else on the line beside the name, inwards, else outside on a
 * tab, each off the links in every mode (there, in lesson 11 at 720p
 * presenter, ISP A customers' range on their router's disc sent the
 * relay's route against the DNS server's box).  Lesson 03's caption cites
 * ISP C's 192.0.2.64/26 at 20.07 s, and its name across the bottom of
 * its narrow region left the range out at every size (issue 11). */
void render_topology_range_place(struct render_app *a, int n)
{
	struct render_topology_title *t = &a->place->title[n];
	const struct sc_network *net = &a->sc->nets[n];
	t->range = t->range_tab = (SDL_Rect){ 0, 0, 0, 0 };
	if (!t->edge && (net->kind != NET_KIND_DYNAMIC || t->rc.w <= 0))
		return;
	SDL_Rect rc = render_layout_net_rect(&a->layout, n);
	char cidr[40], ip[16];
	scenario_format_ipv4(net->addr, ip);
	snprintf(cidr, sizeof cidr, "%s/%d", ip, net->prefix);
	int cw = 0, ch = 0;
	render_font_size(a->font, RENDER_FONT_REGULAR, render_topology_px(a, 16), RENDER_FONT_LINE, 0, cidr, &cw, &ch);
	int right = t->rc.x + t->rc.w / 2 > rc.x + rc.w / 2;   /* the name is at the right: the range goes left */
	/* A pool's name wrapped on lines of its own: its range beside the
	 * first of them, else on a free line inside (lesson 02 in presenter mode from 50
	 * s, as the captions speak of ISP A's dynamic addresses: "ISP A
	 * customers (dynamic IP)" on two lines left it out at every size). */
	if (!t->edge) {
		if (render_topology_range_at(a, n, rc, t->rc.y + 2, right, cw, ch, t->rc, 1))
			return;
		/* (a name outside on a tab, normal mode at 1280 x 720: any free
		 * line of the region, from its top) */
		int last = rc.y + rc.h - 4 - ch;   /* (down to the bottom line) */
		for (int y = rc.y + 4; y <= last; y = y < last && y + ch / 2 + 1 > last ? last : y + ch / 2 + 1)
			for (int k = 0; k < 2; k++)
				if (render_topology_range_at(a, n, rc, y, k ? !right : right, cw, ch, t->rc, 1))
					return;
		return;   /* (not on a tab of its own: lesson 04's "1 in the outbox" at 100.4 s is there) */
	}
	int top = t->rc.y + t->rc.h / 2 < rc.y + rc.h / 2;
	int y = t->rc.y + (t->rc.h - ch) / 2;
	/* the name's line mirrored about the region's middle */
	int across = 2 * rc.y + rc.h - t->rc.y - t->rc.h + (t->rc.h - ch) / 2;
	SDL_Rect gap = t->rc;
	if (render_topology_range_at(a, n, rc, y, right, cw, ch, gap, 0) || net->kind != NET_KIND_DYNAMIC ||
	    render_topology_range_at(a, n, rc, across, right, cw, ch, gap, 1) ||
	    render_topology_range_at(a, n, rc, across, !right, cw, ch, gap, 1))
		return;
	if (!render_topology_range_at(a, n, rc, top ? t->rc.y + t->rc.h : t->rc.y - ch, !right, cw, ch,
					    (SDL_Rect){ 0, 0, 0, 0 }, 1))
		render_topology_range_out(a, n, rc, right, cw, ch);
}

void render_topology_range_draw(struct render_app *a, int n, int px)
{
	const struct render_topology_title *t = &a->place->title[n];
	if (t->range.w <= 0)
		return;
	char cidr[40], ip[16];
	SDL_Rect tab, joint;
	if (t->range_tab.w > 0 && render_nettab_rect_of(a, n, t->range, &tab, &joint))
		render_nettab_draw_tab(a, n, tab, joint);
	scenario_format_ipv4(a->sc->nets[n].addr, ip);
	snprintf(cidr, sizeof cidr, "%s/%d", ip, a->sc->nets[n].prefix);
	render_font_draw(a->font, RENDER_FONT_REGULAR, px, RENDER_THEME_MUTED, RENDER_FONT_LINE, 0, cidr, t->range.x,
			 t->range.y, NULL);
}
