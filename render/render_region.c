/* render_region — presenter mode's regions, hosts and routers laid out in
 * screen space (see render_region.h).  Everything here is in the pixels of
 * the unzoomed view (render_layout_home_to_screen) and written back as
 * logical places at the end. */
#include "render_region.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_cross.h"
#include "render_topology.h"
#include "render_ui.h"

#include "render_region_name.h"
#include "render_region_work.h"
#include "util.h"

/* A node's box at its place. */
struct render_region_rect render_region_box(const struct render_region_work *w, int node)
{
	return (struct render_region_rect){ w->at[node][0] + w->off[node][0], w->at[node][1] + w->off[node][1],
					    w->off[node][2], w->off[node][3] };
}

/* How far two rectangles overlap with gap between them: along x and y
 * (both positive if they do). */
void render_region_overlap(struct render_region_rect p, struct render_region_rect q, float gap, float *ox, float *oy)
{
	*ox = fminf(p.x + p.w, q.x + q.w) - fmaxf(p.x, q.x) + gap;
	*oy = fminf(p.y + p.h, q.y + q.h) - fmaxf(p.y, q.y) + gap;
}

/* Each box's size and its offset from its place, at the lesson's places
 * in the unzoomed view (sizes in presenter mode are the text's floor: a
 * zoomed-in view is laid out as if unzoomed, its boxes shrunk back). */
void render_region_measure(struct render_app *a, struct render_region_work *w)
{
	const struct scenario *sc = a->sc;
	struct render_layout *l = &a->layout;
	float z = l->zoom > 1 ? l->zoom : 1;
	for (int node = 0; node < w->nh + w->nr; node++) {
		SDL_Rect b = { 0, 0, 0, 0 };
		float sx, sy;
		int is_host = node < w->nh;
		const float *lp = is_host ? l->host[node] : l->router[node - w->nh];
		render_layout_home_to_screen(l, lp[0], lp[1], &w->at[node][0], &w->at[node][1]);
		memset(w->off[node], 0, sizeof w->off[node]);
		if (is_host && (render_layout_leader(sc, node) != node || sc->hosts[node].net < 0))
			continue;
		if (!render_topology_node_box(a, node, &b) && !(is_host && render_topology_dot(a, node, &b)))
			continue;
		if (is_host)
			render_topology_host_xy(a, node, &sx, &sy);
		else
			render_topology_router_xy(a, node - w->nh, &sx, &sy);
		w->off[node][0] = ((float)b.x - sx) / z;
		w->off[node][1] = ((float)b.y - sy) / z;
		w->off[node][2] = (float)b.w / z;
		w->off[node][3] = (float)b.h / z;
	}
}

/* One network's host boxes in a line across (axis 0) or down (1), in
 * the lesson's order along it, centred on their mean place across it. */
static void render_region_line_up(struct render_region_work *w, const struct scenario *sc, int net, int axis)
{
	int o = !axis, k = 0;
	float mid = 0, along = 1e9f;
	for (int h = 0; h < w->nh; h++)
		if (sc->hosts[h].net == net && w->off[h][2] > 0) {
			mid += w->at0[h][o] + w->off[h][o] + w->off[h][2 + o] / 2;
			along = fminf(along, w->at0[h][axis] + w->off[h][axis]);
			k++;
		}
	mid /= (float)(k ? k : 1);
	for (int placed = 0; placed < k; placed++) {
		int next = -1;   /* the next along, by the lesson's places */
		for (int h = 0; h < w->nh; h++)
			if (sc->hosts[h].net == net && w->off[h][2] > 0 && w->at[h][axis] > -1e8f &&
			    (next < 0 || w->at0[h][axis] < w->at0[next][axis]))
				next = h;
		if (next < 0)
			break;
		w->at[next][axis] = -1e9f;   /* placed: taken out of the search */
		w->at[next][o] = mid - w->off[next][o] - w->off[next][2 + o] / 2;
		w->line[next] = along - w->off[next][axis];
		along += w->off[next][2 + axis] + w->gap;
	}
	for (int h = 0; h < w->nh; h++)
		if (sc->hosts[h].net == net && w->off[h][2] > 0)
			w->at[h][axis] = w->line[h];
}

/* Push the boxes of one network's hosts apart from the lesson's places,
 * each pair along the shorter way out (axis -1), across (0) or down (1);
 * returns 1 if some still overlap. */
static int render_region_push_apart(struct render_region_work *w, const struct scenario *sc, int net, int along)
{
	int moved = 0;
	for (int round = 0; round < RENDER_REGION_ROUNDS; round++) {
		moved = 0;
		for (int i = 0; i < w->nh; i++) {
			if (sc->hosts[i].net != net || w->off[i][2] <= 0)
				continue;
			for (int j = i + 1; j < w->nh; j++) {
				if (sc->hosts[j].net != net || w->off[j][2] <= 0)
					continue;
				float ox, oy;
				render_region_overlap(render_region_box(w, i), render_region_box(w, j), w->gap, &ox, &oy);
				if (ox <= 0 || oy <= 0)
					continue;
				int axis = along >= 0 ? along : ox < oy ? 0 : 1;
				float d = (axis ? oy : ox) / 2 + 0.5f;
				float dir = w->at[i][axis] <= w->at[j][axis] ? -1.0f : 1.0f;
				w->at[i][axis] += dir * d;
				w->at[j][axis] -= dir * d;
				moved = 1;
			}
		}
		if (!moved)
			break;
	}
	return moved;
}

/* One network's hosts from the lesson's places pushed apart the shorter
 * way (mode 0), across (1) or down (2), or in a row (3) or a column (4),
 * into the block they make together; returns 1 if some still overlap. */
static int render_region_hosts_apart(struct render_region_work *w, const struct scenario *sc, int net, int mode)
{
	for (int h = 0; h < w->nh; h++)
		if (sc->hosts[h].net == net) {
			w->at[h][0] = w->at0[h][0];
			w->at[h][1] = w->at0[h][1];
		}
	int moved = 0;
	if (mode >= 3)
		render_region_line_up(w, sc, net, mode - 3);
	else
		moved = render_region_push_apart(w, sc, net, mode - 1);
	float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
	for (int i = 0; i < w->nh; i++) {
		if (sc->hosts[i].net != net || w->off[i][2] <= 0)
			continue;
		struct render_region_rect b = render_region_box(w, i);
		x0 = fminf(x0, b.x);
		y0 = fminf(y0, b.y);
		x1 = fmaxf(x1, b.x + b.w);
		y1 = fmaxf(y1, b.y + b.h);
	}
	if (x1 < x0) {   /* no box: an empty block at the region's middle */
		x0 = x1 = w->lesson[net].x + w->lesson[net].w / 2;
		y0 = y1 = w->lesson[net].y + w->lesson[net].h / 2;
	}
	w->block[net][0] = x0;
	w->block[net][1] = y0;
	w->block[net][2] = x1 - x0;
	w->block[net][3] = y1 - y0;
	return moved;
}

/* The columns of regions: networks whose regions the lesson puts one
 * above another (their x ranges overlap) share one; numbered left to
 * right. */
static void render_region_columns(struct render_region_work *w)
{
	int n = w->nnets;
	for (int i = 0; i < n; i++)
		w->col[i] = i;
	for (int changed = 1; changed;) {
		changed = 0;
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++) {
				struct render_region_rect p = w->lesson[i], q = w->lesson[j];
				if (w->col[i] == w->col[j] || p.x >= q.x + q.w - 1 || q.x >= p.x + p.w - 1)
					continue;
				int from = w->col[j], to = w->col[i];
				for (int k = 0; k < n; k++)
					if (w->col[k] == from)
						w->col[k] = to;
				changed = 1;
			}
	}
	/* renumber by the leftmost region of each */
	w->ncol = 0;
	for (int done = 0; done < n;) {
		int pick = -1;
		for (int i = 0; i < n; i++)
			if (w->col[i] >= 0 && (pick < 0 || w->lesson[i].x < w->lesson[pick].x))
				pick = i;
		int c = w->col[pick];
		for (int i = 0; i < n; i++)
			if (w->col[i] == c) {
				w->col[i] = -2 - w->ncol;
				done++;
			}
		w->ncol++;
	}
	for (int i = 0; i < n; i++)
		w->col[i] = -2 - w->col[i];
}

/* Each network's least size for each way (render_region_hosts_apart's
 * mode times the name's side) into opt[n * RENDER_REGION_WAYS + way]. */
static void render_region_options(struct render_app *a, struct render_region_work *w)
{
	for (int n = 0; n < w->nnets; n++)
		for (int mode = 0; mode < RENDER_REGION_MODES; mode++) {
			int tangled = render_region_hosts_apart(w, a->sc, n, mode);
			for (int side = 0; side < 2; side++) {
				render_region_name_need(a, w, n, side);
				float *o = w->opt[n * RENDER_REGION_WAYS + mode * 2 + side];
				o[0] = w->need[n][0] + (tangled ? 1e5f : 0);   /* a way that leaves boxes overlapping: last */
				o[1] = w->need[n][1];
			}
		}
}

/* Column c's height and width with its networks' ways from cmb (a digit
 * of 6 per network in nets[0 .. k-1]). */
static void render_region_measure_col(const struct render_region_work *w, const int *nets, int k, int cmb, float *ch,
                                      float *cw)
{
	*ch = -w->gap;
	*cw = 0;
	for (int i = 0, d = cmb; i < k; i++, d /= RENDER_REGION_WAYS) {
		const float *o = w->opt[nets[i] * RENDER_REGION_WAYS + d % RENDER_REGION_WAYS];
		*ch += o[1] + w->gap + w->room[nets[i]][0] + w->room[nets[i]][1];
		*cw = fmaxf(*cw, o[0]);
	}
}

/* The ways of the (up to four) networks of column c that overflow the
 * map least -- its height h and the width room the other columns leave
 * it -- of those the fewest networks not in the lesson's way (mode 0,
 * name above), of those the narrowest column.  Into w->mode and
 * w->side; returns the column's width. */
static float render_region_pick(struct render_region_work *w, int c, float h, float room)
{
	int nets[4], k = 0;
	for (int n = 0; n < w->nnets; n++)
		if (w->col[n] == c && k < 4)
			nets[k++] = n;
	int combos = 1, best_c = 0;
	for (int i = 0; i < k; i++)
		combos *= RENDER_REGION_WAYS;
	float best_over = -1, best_w = 0;
	int best_dev = 0;
	for (int cmb = 0; cmb < combos; cmb++) {
		float ch, cw;
		int dev = 0;   /* how many networks leave the lesson's way */
		for (int i = 0, d = cmb; i < k; i++, d /= RENDER_REGION_WAYS)
			dev += d % RENDER_REGION_WAYS != 0;
		render_region_measure_col(w, nets, k, cmb, &ch, &cw);
		float over = fmaxf(ch - h, 0) + fmaxf(cw - room, 0);
		int tie = over < best_over + 0.5f;
		if (best_over < 0 || over < best_over - 0.5f || (tie && dev < best_dev) ||
		    (tie && dev == best_dev && cw < best_w - 0.5f)) {
			best_over = over;
			best_w = cw;
			best_dev = dev;
			best_c = cmb;
		}
	}
	for (int i = 0, d = best_c; i < k; i++, d /= RENDER_REGION_WAYS) {
		w->mode[nets[i]] = d % RENDER_REGION_WAYS / 2;
		w->side[nets[i]] = d % 2;
	}
	return best_w;
}

/* Column c's regions one above another in the lesson's order, x to x +
 * cw, spread over the height of in: each grows towards the lesson's
 * height, the rest is equal space above, between and below. */
static void render_region_stack(struct render_region_work *w, int c, float x, float cw, struct render_region_rect in)
{
	int order[64], k = 0;
	float need = -w->gap, grow = 0;
	for (int n = 0; n < w->nnets && k < 64; n++)
		if (w->col[n] == c) {
			int i = k++;
			while (i > 0 && w->rank[order[i - 1]] > w->rank[n]) {
				order[i] = order[i - 1];
				i--;
			}
			order[i] = n;
			need += w->need[n][1] + w->gap + w->room[n][0] + w->room[n][1];
			grow += fmaxf(w->lesson[n].h - w->need[n][1], 0);
		}
	float rooms = 0, lift = 0;
	for (int i = 0; i < k; i++) {
		rooms += w->room[order[i]][0] + w->room[order[i]][1];
		lift += w->lift[order[i]];
	}
	/* a column that sinks (w->sink): spread as if it kept no rooms, each
	 * room then pushing the regions below it down into the space left
	 * below the last, if that holds them */
	float spare = in.h - need;
	if (w->sink[c] && rooms > 0) {
		float spare0 = spare + rooms, space0 = spare0 > grow ? (spare0 - grow) / (float)(k + 1) : 0;
		if (space0 >= rooms + fminf(space0, lift))
			spare = spare0;
	}
	float share = grow > 0 ? fminf(spare, grow) / grow : 0;
	/* half of what is left past the lesson's heights makes a backbone's
	 * region taller, the other half the space between the regions (where
	 * routers stand): a backbone only as tall as its boxes left a route
	 * between routers no way across it but along a box's edge (lesson
	 * 11's relay along the attacker's relay server, lesson 03's along
	 * ISP C's router, in presenter mode); only where the map has the
	 * bottom row's height too (w->grow_share): else the routers need it
	 * all, as they do in a column with no backbone */
	float more = 0;
	int kb = 0;
	for (int i = 0; i < k; i++)
		kb += w->backbone[order[i]];
	if (spare > grow && kb > 0) {
		more = (spare - grow) * w->grow_share / (float)kb;
		spare -= (spare - grow) * w->grow_share;
	}
	float space = spare > grow ? (spare - grow) / (float)(k + 1) : 0;
	float y = spare < 0 ? in.y : in.y + space;
	/* a band made taller for a router (render_region_name_lift) grows down
	 * into the space below if there is some: the space above may hold
	 * other routers */
	y += fminf(space, lift);
	for (int i = 0; i < k; i++) {
		int n = order[i];
		float h = w->need[n][1] + (share > 0 ? share * fmaxf(w->lesson[n].h - w->need[n][1], 0) : 0) +
			  (w->backbone[n] ? more : 0);
		y += w->room[n][0];
		w->net[n] = (struct render_region_rect){ x, y, cw, h };
		y += h + w->gap + space + w->room[n][1];
	}
}

/* The regions in their columns: each column as wide as its widest
 * region needs (and towards the lesson's width, with half the width
 * left), the columns spread over the map's width with the room left
 * between them (where routers stand); each column's ways picked to fit
 * its height (render_region_pick).  Returns 1 if everything fits. */
static int render_region_nets(struct render_app *a, struct render_region_work *w, struct render_region_rect in)
{
	float cw[64] = { 0 }, grow[64] = { 0 }, total = 0, more = 0;
	int ncol = w->ncol < 64 ? w->ncol : 64, fits = 1;
	for (int n = 0; n < w->nnets; n++)
		w->mode[n] = w->side[n] = 0;
	/* each column in turn, the others as they are: a column that fits
	 * its height in a narrower way leaves the others room */
	for (int pass = 0; pass < 3; pass++)
		for (int c = 0; c < ncol; c++) {
			float others = 0;
			for (int o = 0; o < ncol; o++)
				others += o == c ? 0 : cw[o];
			float room = pass ? in.w - others - (float)(ncol - 1) * w->gap : 1e9f;
			cw[c] = render_region_pick(w, c, in.h, room);
		}
	for (int c = 0; c < ncol; c++) {
		float ch = -w->gap, lw = 0;
		cw[c] = 0;
		for (int n = 0; n < w->nnets; n++)
			if (w->col[n] == c) {
				fits &= !render_region_hosts_apart(w, a->sc, n, w->mode[n]);
				render_region_name_need(a, w, n, w->side[n]);
				memcpy(w->block_of[n], w->block[n], sizeof w->block[n]);
				cw[c] = fmaxf(cw[c], w->need[n][0]);
				lw = fmaxf(lw, w->lesson[n].w);
				ch += w->need[n][1] + w->gap + w->room[n][0] + w->room[n][1];
			}
		fits &= ch <= in.h;
		grow[c] = fmaxf(lw - cw[c], 0);
		more += grow[c];
		total += cw[c];
	}
	float spare = in.w - total - (float)(ncol - 1) * w->gap;
	if (spare < 0)
		return 0;
	float share = more > 0 ? fminf(spare / 2, more) / more : 0;
	for (int c = 0; c < ncol; c++) {
		cw[c] += grow[c] * share;
		total += grow[c] * share;
	}
	float space = ncol > 1 ? (in.w - total) / (float)(ncol - 1) : 0, x = in.x;
	if (ncol == 1)
		x += (in.w - total) / 2;
	for (int c = 0; c < ncol; c++) {
		render_region_stack(w, c, x, cw[c], in);
		x += cw[c] + space;
	}
	render_region_clear_beside(w, in);
	return fits;
}

/* Each network's hosts into its region: their block in the room the
 * name leaves, as far across and down it as the lesson put it. */
static void render_region_place_hosts(struct render_region_work *w, const struct scenario *sc)
{
	for (int n = 0; n < w->nnets; n++) {
		struct render_region_rect r = w->net[n], les = w->lesson[n], nb = w->band[n];
		float *b = w->block_of[n], m = w->margin;
		/* the room: below the name, or left of it */
		struct render_region_rect room = w->side[n] ? (struct render_region_rect){ r.x + m, r.y + m, r.w - nb.w - m, r.h - 2 * m }
		                                            : (struct render_region_rect){ r.x + m, r.y + nb.h, r.w - 2 * m, r.h - nb.h - m };
		float fx = les.w > 0 ? (b[0] + b[2] / 2 - les.x) / les.w : 0.5f;
		float fy = les.h > 0 ? (b[1] + b[3] / 2 - les.y) / les.h : 0.5f;
		float lo_x = room.x + b[2] / 2, hi_x = room.x + room.w - b[2] / 2;
		float lo_y = room.y + b[3] / 2, hi_y = room.y + room.h - b[3] / 2;
		float cx = hi_x < lo_x ? lo_x : fmaxf(fminf(r.x + fx * r.w, hi_x), lo_x);
		float cy = hi_y < lo_y ? lo_y : fmaxf(fminf(r.y + fy * r.h, hi_y), lo_y);
		float dx = cx - (b[0] + b[2] / 2), dy = cy - (b[1] + b[3] / 2);
		render_region_hosts_apart(w, sc, n, w->mode[n]);
		for (int h = 0; h < w->nh; h++)
			if (sc->hosts[h].net == n && render_layout_leader(sc, h) == h) {
				w->at[h][0] += dx;
				w->at[h][1] += dy;
			}
	}
}

/* The places into a->layout's pnet, phost and prouter (logical). */
void render_region_write(struct render_app *a, const struct render_region_work *w)
{
	struct render_layout *l = &a->layout;
	const struct scenario *sc = a->sc;
	float k = l->zoom > 0 ? l->k / l->zoom : l->k;
	l->pnet = xrealloc(l->pnet, ((size_t)w->nnets + 1) * sizeof *l->pnet);
	l->phost = xrealloc(l->phost, ((size_t)w->nh + 1) * sizeof *l->phost);
	l->prouter = xrealloc(l->prouter, ((size_t)w->nr + 1) * sizeof *l->prouter);
	for (int n = 0; n < w->nnets; n++) {
		render_layout_home_to_logical(l, w->net[n].x, w->net[n].y, &l->pnet[n][0], &l->pnet[n][1]);
		l->pnet[n][2] = w->net[n].w / k;
		l->pnet[n][3] = w->net[n].h / k;
	}
	for (int h = 0; h < w->nh; h++) {
		int g = render_layout_leader(sc, h);
		render_layout_home_to_logical(l, w->at[g][0], w->at[g][1], &l->phost[h][0], &l->phost[h][1]);
	}
	for (int r = 0; r < w->nr; r++)
		render_layout_home_to_logical(l, w->at[w->nh + r][0], w->at[w->nh + r][1], &l->prouter[r][0],
					      &l->prouter[r][1]);
}

/* The inputs of a layout: the lesson's places, the boxes' sizes, the
 * view and the language (the names' sizes). */
static uint64_t render_region_key(const struct render_app *a, const struct render_region_work *w)
{
	const struct render_layout *l = &a->layout;
	uint64_t h = 1469598103934665603ull;
	const void *who[2] = { a->sc, a->font };
	float view[3] = { l->k, l->zoom, a->panels.s };
	h = util_fnv1a(h, who, sizeof who);
	h = util_fnv1a(h, &a->lang, sizeof a->lang);
	h = util_fnv1a(h, &w->grow_share, sizeof w->grow_share);
	h = util_fnv1a(h, view, sizeof view);
	h = util_fnv1a(h, &l->vp, sizeof l->vp);
	h = util_fnv1a(h, l->net, (size_t)w->nnets * sizeof *l->net);
	h = util_fnv1a(h, l->host, (size_t)w->nh * sizeof *l->host);
	h = util_fnv1a(h, l->router, (size_t)w->nr * sizeof *l->router);
	h = util_fnv1a(h, w->off, (size_t)(w->nh + w->nr) * sizeof *w->off);
	return h;
}

/* The regions in their columns, with room to spare round the boxes and
 * between the regions if that fits, else with less, and the hosts and
 * routers in them; returns 1 if it fits, with every router in a place of
 * its own (render_region_place_routers, strict or not). */
static int render_region_fit(struct render_app *a, struct render_region_work *w, struct render_region_rect in,
                             int strict)
{
	for (int tight = 0; tight < 2; tight++) {
		w->margin = fmaxf(tight ? 4 : 6, (tight ? 5 : 10) * a->panels.s);
		w->gap = w->margin;
		/* render_links' dots 18 units in, a route's half width and a pixel */
		w->inset = 18 * (a->layout.zoom > 0 ? a->layout.k / a->layout.zoom : a->layout.k);
		w->clear = (float)a->panels.line * 2.5f / 2 + 1;
		w->edge = w->inset + w->clear;
		w->pass = 6 + (float)render_topology_route_margin(a) + 2 + w->clear;
		w->mark = (float)render_cross_size(a, 10 * a->layout.k + 5);   /* as render_traffic's */
		render_region_options(a, w);
		if (render_region_nets(a, w, in)) {
			render_region_place_hosts(w, a->sc);
			w->strict = strict;
			return !render_region_place_routers(w, a->sc, in, strict);
		}
	}
	return 0;
}

/* Is network n the top or bottom one of its column? */
static int render_region_at_end(const struct render_region_work *w, int n)
{
	int above = 0, below = 0;
	for (int m = 0; m < w->nnets; m++)
		if (m != n && w->col[m] == w->col[n]) {
			above |= w->rank[m] < w->rank[n];
			below |= w->rank[m] > w->rank[n];
		}
	return !above || !below;
}

/* Is network n's column taller than h with the ways last picked? */
static int render_region_over(const struct render_region_work *w, int n, float h)
{
	float ch = -w->gap;
	for (int m = 0; m < w->nnets; m++)
		if (w->col[m] == w->col[n])
			ch += w->need[m][1] + w->gap + w->room[m][0] + w->room[m][1];
	return ch > h;
}

/* How its routers stand: one inside a network of its own counts most,
 * then the least line they need (render_region_reach). */
static float render_region_routers_score(const struct render_region_work *w, const struct scenario *sc)
{
	float sum = 0;
	for (int r = 0, node = w->nh; r < w->nr; r++, node++) {
		float x = w->at[node][0] + w->off[node][0], y = w->at[node][1] + w->off[node][1];
		if (w->off[node][2] > 0)
			sum += render_region_reach(w, sc, r, x, y) + (render_region_router_inside(w, sc, r, x, y) ? 1e6f : 0);
	}
	return sum;
}

/* The lesson's columns too full for the map: the top or bottom region of a column
 * (first of one too tall) moved to the column beside it, in the lesson's order or
 * above or below all (lesson 13's company LAN; 12's Internet at 1280 x 720 above
 * ISP B's), the move that fits best (render_region_routers_score, the lesson's
 * order on a tie); returns 1 if one fits. */
static int render_region_rebalance(struct render_app *a, struct render_region_work *w, struct render_region_rect in,
                                   int strict)
{
	unsigned char *over = xcalloc((size_t)w->nnets + 1, 1);
	for (int n = 0; n < w->nnets; n++)
		over[n] = (unsigned char)render_region_over(w, n, in.h);
	int best_n = -1, best_col = 0;
	float best = -1, best_rank = 0;
	for (int pass = 0; pass < 2 && best_n < 0; pass++)
		for (int n = 0; n < w->nnets; n++) {
			int home = w->col[n];
			float rank = w->rank[n];
			if (over[n] != !pass || !render_region_at_end(w, n))
				continue;
			for (int v = 0; v < 6; v++) {
				int d = v < 3 ? -1 : 1, where = v % 3;
				if (home + d < 0 || home + d >= w->ncol)
					continue;
				w->col[n] = home + d;
				w->rank[n] = where == 0 ? rank : where == 1 ? -1e9f : 1e9f;
				float score = render_region_fit(a, w, in, strict)
						      ? render_region_routers_score(w, a->sc) + (where ? 1e5f : 0) : -1;
				if (score >= 0 && (best < 0 || score < best - 0.5f)) {
					best = score;
					best_n = n;
					best_col = home + d;
					best_rank = w->rank[n];
				}
				w->col[n] = home;
				w->rank[n] = rank;
			}
		}
	free(over);
	if (best_n < 0)
		return 0;
	w->col[best_n] = best_col;
	w->rank[best_n] = best_rank;
	return render_region_fit(a, w, in, strict);
}

/* How many routers stand on the region of a network they do not join. */
int render_region_foreign(const struct render_region_work *w, const struct scenario *sc)
{
	return render_region_routers_on(w, sc, 0);
}

/* How many routers leave a name of a network they join no room beside
 * them on its band, across or on two lines where the band has room for
 * two (render_region_name_lift's test; the lifts kept as they are). */
static int render_region_squeezed(const struct render_app *a, struct render_region_work *w)
{
	size_t n = (size_t)w->nnets * sizeof *w->lift;
	float *keep = xmalloc(n + sizeof *w->lift);
	int cramped = 0;
	memcpy(keep, w->lift, n);
	int k = render_region_name_lift(a, w, 0, &cramped);
	memcpy(w->lift, keep, n);
	free(keep);
	return k;
}

/* Routers that stand far from their networks (render_region_far_count)
 * get room beside a region of their own in its column
 * (render_region_slot): the farthest first, and then any that its room
 * moves far (lesson 06's ISP B router, out of the gap ISP C's took), all
 * kept only if the layout then fits, the first at least half as far as
 * it was (lesson 12's school router a little nearer the Internet, far
 * above it, moved ISP B's and the routes crossed more), routers less far
 * in all, no more of them far, no more on regions they do not join and
 * no more leaving a name no room beside them (lesson 13's service router
 * at 1280 x 720, out of the gap ISP C's router took, onto its network's
 * name, which went out of its region); a room that moves a backbone's
 * region over a router with none on its edge is refused, the next tried
 * (render_region_swallows); returns 0 if the layout no longer fits. */
static int render_region_make_room(struct render_app *a, struct render_region_work *w, struct render_region_rect in)
{
	size_t nroom = (size_t)w->nnets * sizeof *w->room, nslot = (size_t)w->nr * sizeof *w->slot;
	float(*room)[2] = xmalloc(nroom + sizeof *w->room);
	int *slot = xmalloc(nslot + sizeof *w->slot), fits = 1;
	size_t nsink = (size_t)w->nnets;
	unsigned char *sink = xmalloc(nsink + 1);
	/* the regions and routers' boxes before the rooms */
	struct render_region_rect *net0 = xmalloc(((size_t)w->nnets + (size_t)w->nr + 1) * sizeof *net0);
	struct render_region_rect *box0 = net0 + w->nnets;
	memcpy(net0, w->net, (size_t)w->nnets * sizeof *net0);
	for (int r = 0; r < w->nr; r++)
		box0[r] = render_region_box(w, w->nh + r);
	for (int tries = 0; tries < w->nr && fits; tries++) {
		float sum, now, first = 0;
		int far = render_region_far_count(w, a->sc, &sum), foreign = render_region_foreign(w, a->sc), got = 0;
		int bands = render_region_squeezed(a, w);
		int r0 = render_region_farthest(w, a->sc);
		if (r0 >= 0)
			first = render_region_far(w, a->sc, r0);
		memcpy(room, w->room, nroom);
		memcpy(slot, w->slot, nslot);
		memcpy(sink, w->sink, nsink);
		int stale = 0, ok = 1;   /* stale: the last fit tried did not fit */
		for (int more = 0; more < w->nr; more++) {
			int r = render_region_farthest(w, a->sc);
			if (r < 0 || !render_region_slot(w, a->sc, r))
				break;
			stale = !render_region_fit(a, w, in, 1) && !render_region_fit(a, w, in, 0);
			int swallows = !stale && render_region_swallows(w, a->sc, net0, box0);
			int c = w->col[w->slot[r] / 2];
			if (swallows && !w->sink[c]) {
				/* the room's column spread swallowed a router: its regions
				 * below the room moved down instead, the rest kept (lesson
				 * 06's Internet at 1280 x 720 in Japanese kept its place
				 * round Oldcorp's router, ISP C's customers moved down to
				 * make ISP C's router room between them) */
				w->sink[c] = 1;
				stale = !render_region_fit(a, w, in, 1) && !render_region_fit(a, w, in, 0);
				swallows = !stale && render_region_swallows(w, a->sc, net0, box0);
				if (stale || swallows)
					w->sink[c] = 0;
			}
			if (!stale && !swallows) {
				got++;
				continue;
			}
			w->room[w->slot[r] / 2][w->slot[r] % 2] = 0;   /* no room for it: as it was */
			w->slot[r] = swallows ? -2 : -1;   /* a room that swallows a router: refused, the next tried */
			if (!swallows)
				break;
			stale = !render_region_fit(a, w, in, 1) && !render_region_fit(a, w, in, 0);
			if (stale)
				break;
		}
		if (stale)
			ok = render_region_fit(a, w, in, 1) || render_region_fit(a, w, in, 0);
		if (!got) {
			fits = ok;
			break;
		}
		int kept = ok && render_region_far_count(w, a->sc, &now) <= far && now < sum - 1 &&
			   render_region_foreign(w, a->sc) <= foreign && render_region_far(w, a->sc, r0) <= first / 2 &&
			   render_region_squeezed(a, w) <= bands;
		if (kept)
			continue;
		memcpy(w->room, room, nroom);
		memcpy(w->slot, slot, nslot);
		memcpy(w->sink, sink, nsink);
		fits = render_region_fit(a, w, in, 1) || render_region_fit(a, w, in, 0);
		break;
	}
	free(room);
	free(slot);
	free(sink);
	free(net0);
	return fits;
}

/* Lay the picture out; returns 0 (nothing written) if it does not fit. */
int render_region_layout(struct render_app *a, struct render_region_work *w)
{
	struct render_region_rect in = render_region_inside(a);
	for (int n = 0; n < w->nnets; n++) {
		const float *ln = a->layout.net[n];
		float x0, y0, x1, y1;
		render_layout_home_to_screen(&a->layout, ln[0], ln[1], &x0, &y0);
		render_layout_home_to_screen(&a->layout, ln[0] + ln[2], ln[1] + ln[3], &x1, &y1);
		w->lesson[n] = (struct render_region_rect){ x0, y0, x1 - x0, y1 - y0 };
	}
	memcpy(w->at0, w->at, (size_t)(w->nh + w->nr) * sizeof *w->at0);
	memset(w->room, 0, (size_t)w->nnets * sizeof *w->room);
	memset(w->sink, 0, (size_t)w->nnets);
	for (int r = 0; r < w->nr; r++)
		w->slot[r] = -1;
	render_region_columns(w);
	for (int n = 0; n < w->nnets; n++)
		w->rank[n] = w->lesson[n].y;
	/* in the lesson's columns if possible, with every router off the
	 * regions it does not join if possible */
	memset(w->lift, 0, (size_t)w->nnets * sizeof *w->lift);
	int fits = render_region_fit(a, w, in, 1) || render_region_fit(a, w, in, 0);
	for (int strict = 1; strict >= 0 && !fits; strict--)
		fits = render_region_rebalance(a, w, in, strict);
	if (!fits)
		return 0;
	/* a router left on a name's band: the band taller by the router,
	 * until none is (a taller region moves others' routers), if the
	 * columns have the room and no other name is then pushed smaller by
	 * a router that moved; first also where the name would go on two
	 * lines beside the router in a band one line high (with no more
	 * routers on regions they do not join: lesson 07's ISP C router at
	 * 1280 x 720 went onto ISP B's customers), then only
	 * where it has no room for two lines across; else as it was */
	int done = 0, foreign0 = render_region_foreign(w, a->sc);
	for (int loose = 0; loose < 2 && !done; loose++) {
		if (loose) {   /* the layout without lifts again */
			memset(w->lift, 0, (size_t)w->nnets * sizeof *w->lift);
			if (!render_region_fit(a, w, in, 1) && !render_region_fit(a, w, in, 0))
				return 0;
		}
		int cramped0 = 0, cramped = 0, bad0 = render_region_name_lift(a, w, loose, &cramped0), bad = bad0;
		for (int round = 0; bad && round < 4; round++) {
			if (!render_region_fit(a, w, in, 1) && !render_region_fit(a, w, in, 0))
				break;
			bad = render_region_name_lift(a, w, loose, &cramped);
		}
		done = !bad && !(bad0 && cramped > cramped0 - bad0) && (loose || render_region_foreign(w, a->sc) <= foreign0);
	}
	if (!done) {
		memset(w->lift, 0, (size_t)w->nnets * sizeof *w->lift);
		if (!render_region_fit(a, w, in, 1) && !render_region_fit(a, w, in, 0))
			return 0;
	}
	if (!w->bare && !render_region_make_room(a, w, in))
		return 0;
	render_region_pass_off(w, a->sc, in);
	w->roomed = w->shifted;
	for (int r = 0; r < w->nr; r++)
		w->roomed |= w->slot[r] >= 0;
	render_region_write(a, w);
	return 1;
}

struct render_region_rect render_region_inside(const struct render_app *a)
{
	SDL_Rect vp = a->layout.vp;
	return (struct render_region_rect){ (float)vp.x + 4, (float)vp.y + 4, (float)vp.w - 8, (float)vp.h - 8 };
}

void render_region_work_free(struct render_region_work *w)
{
	void *p[] = { w->lesson, w->net,  w->need, w->band, w->block, w->block_of, w->side, w->col,     w->opt,
		      w->at0,    w->line, w->mode, w->lift, w->rank,  w->room,     w->slot, w->sink, w->at,
		      w->off,    w->backbone };
	for (size_t i = 0; i < sizeof p / sizeof *p; i++)
		free(p[i]);
	memset(w, 0, sizeof *w);
}

void render_region_apply(struct render_app *a)
{
	struct render_layout *l = &a->layout;
	const struct scenario *sc = a->sc;
	l->present = 0;
	int level = a->region_level;
	a->region_level = 0;   /* the inputs are measured at full size */
	if (!a->presenter || !sc->nnets)
		return;
	/* the inputs measured with router names on two lines whichever is
	 * chosen (render_region_layout_cut) */
	a->router_cut = 1;
	struct render_region_work w;
	memset(&w, 0, sizeof w);
	w.nh = sc->nhosts;
	w.nr = sc->nrouters;
	w.nnets = sc->nnets;
	w.grow_share = a->fold_both ? RENDER_REGION_GROW : 0;
	w.backbone = xcalloc((size_t)w.nnets + 1, 1);
	for (int n = 0; n < w.nnets; n++)
		w.backbone[n] = sc->nets[n].kind == NET_KIND_BACKBONE;
	size_t nn = (size_t)w.nh + (size_t)w.nr + 1, nt = (size_t)w.nnets + 1;
	w.at = xmalloc(nn * sizeof *w.at);
	w.off = xmalloc(nn * sizeof *w.off);
	render_region_measure(a, &w);
	uint64_t key = render_region_key(a, &w);
	/* without rooms for routers while render_region_names_check tries
	 * it or has chosen it for these inputs */
	a->region_key0 = key;
	w.bare = a->region_bare && (key == a->region_try || key == a->region_chose);
	w.first = -1;
	key ^= w.bare ? 0x9e3779b97f4a7c15ull : 0;
	/* laid out again only when its inputs change (a picture that does
	 * not fit is not tried again every frame) */
	if (key != a->region_key || (a->region_fits && !l->pnet)) {
		w.lesson = xmalloc(nt * sizeof *w.lesson);
		w.net = xmalloc(nt * sizeof *w.net);
		w.need = xmalloc(nt * sizeof *w.need);
		w.band = xmalloc(nt * sizeof *w.band);
		w.block = xmalloc(nt * sizeof *w.block);
		w.block_of = xcalloc(nt, sizeof *w.block_of);
		w.side = xcalloc(nt, sizeof *w.side);
		w.col = xcalloc(nt, sizeof *w.col);
		w.opt = xcalloc(nt * RENDER_REGION_WAYS, sizeof *w.opt);
		w.at0 = xmalloc(nn * sizeof *w.at0);
		w.line = xcalloc(nn, sizeof *w.line);
		w.mode = xcalloc(nt, sizeof *w.mode);
		w.lift = xcalloc(nt, sizeof *w.lift);
		w.rank = xcalloc(nt, sizeof *w.rank);
		w.room = xcalloc(nt, sizeof *w.room);
		w.slot = xmalloc(nn * sizeof *w.slot);
		w.sink = xcalloc(nt, 1);
		/* at full size; else with long host names on two lines; else
		 * also with the map's text at the least the issue allows */
		a->region_fits = 0;
		/* (trying router names broken at spaces: at full size only,
		 * render_region_spaces_check) */
		int levels = a->router_spaces ? 1 : RENDER_REGION_LEVELS;
		for (level = 0; level < levels && !a->region_fits; level++) {
			a->region_level = level;
			a->region_fits = render_region_layout_cut(a, &w);
		}
		a->region_cut = a->router_cut;
		a->region_rooms = a->region_fits && w.roomed;
		level--;
		a->region_key = key;
		if (a->region_fits)   /* for render_region_wires_check */
			render_region_kept_set(a, &w);
	}
	render_region_work_free(&w);
	/* a picture too full for its text at presenter size keeps the
	 * lesson's places (render_spread moves its boxes apart) */
	l->present = a->region_fits;
	a->region_level = a->region_fits ? level : 0;
	a->router_cut = a->region_fits && a->region_cut;
}
