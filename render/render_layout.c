/* render_layout — automatic topology layout and the view transform.
 *
 * The automatic layout puts one column per ISP or organisation and the
 * backbone in the middle, so that a mail travels left to right as the class
 * reads.  Routers sit in a strip on the side of their column that faces the
 * backbone, where the links they join meet. */
#include "render_layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define RENDER_LAYOUT_HOST_W 200.0f
#define RENDER_LAYOUT_HOST_H 96.0f
#define RENDER_LAYOUT_GAP 24.0f
#define RENDER_LAYOUT_LABEL 34.0f
#define RENDER_LAYOUT_STRIP 170.0f
#define RENDER_LAYOUT_MARGIN 16.0f

void render_layout_free(struct render_layout *l)
{
	free(l->net);
	free(l->host);
	free(l->router);
	free(l->host_moved);
	free(l->host_compact);
	free(l->host_cell);
	free(l->router_moved);
	free(l->pnet);
	free(l->phost);
	free(l->prouter);
	l->pnet = NULL;
	l->phost = NULL;
	l->prouter = NULL;
	l->present = 0;
	l->net = NULL;
	l->host = NULL;
	l->router = NULL;
	l->host_moved = NULL;
	l->host_compact = NULL;
	l->host_cell = NULL;
	l->router_moved = NULL;
}

/* Which column group a net belongs to: nets of one ISP share a group; the
 * backbone is its own group; a net without an ISP is alone. */
static int render_layout_group_of(const struct scenario *sc, int n, int *groups, int *ngroups,
                                  int *is_backbone)
{
	const struct sc_network *net = &sc->nets[n];
	for (int i = 0; i < n; i++) {
		const struct sc_network *o = &sc->nets[i];
		int same = net->kind == NET_KIND_BACKBONE ? o->kind == NET_KIND_BACKBONE
			: (o->kind != NET_KIND_BACKBONE && net->isp && o->isp && strcmp(net->isp, o->isp) == 0);
		if (same)
			return groups[i];
	}
	is_backbone[*ngroups] = net->kind == NET_KIND_BACKBONE;
	return (*ngroups)++;
}

/* Place nets without an area in columns; returns per group the column's x
 * range and which side its router strip is on (via out arrays). */
static void render_layout_auto_nets(struct render_layout *l, const struct scenario *sc,
                                    int *group, float (*col)[2], int *strip_right)
{
	int n = sc->nnets;
	int *is_bb = xcalloc((size_t)n + 1, sizeof *is_bb);
	int ng = 0;
	for (int i = 0; i < n; i++)
		group[i] = render_layout_group_of(sc, i, group, &ng, is_bb);
	/* Column order: the non-backbone groups with the backbone in the middle. */
	int *order = xcalloc((size_t)ng + 1, sizeof *order);
	int no = 0, bb = -1;
	for (int g = 0; g < ng; g++) {
		if (is_bb[g])
			bb = g;
		else
			order[no++] = g;
	}
	if (bb >= 0) {
		int mid = (no + 1) / 2;
		memmove(&order[mid + 1], &order[mid], (size_t)(no - mid) * sizeof *order);
		order[mid] = bb;
		no++;
	}
	float total = 0;
	for (int i = 0; i < no; i++)
		total += is_bb[order[i]] ? 0.7f : 1.0f;
	float x = RENDER_LAYOUT_MARGIN;
	float avail = RENDER_LAYOUT_CANVAS_W - 2 * RENDER_LAYOUT_MARGIN - (float)(no - 1) * RENDER_LAYOUT_GAP;
	int bbcol = -1;
	for (int i = 0; i < no; i++)
		if (is_bb[order[i]])
			bbcol = i;
	for (int i = 0; i < no; i++) {
		int g = order[i];
		float w = avail * (is_bb[g] ? 0.7f : 1.0f) / total;
		col[g][0] = x;
		col[g][1] = w;
		strip_right[g] = bbcol < 0 ? 1 : i < bbcol;
		x += w + RENDER_LAYOUT_GAP;
	}
	/* Stack each group's nets: each gets room for one row of hosts, and
	 * what is left goes by the square root of how many hosts they hold (a
	 * pool of hundreds of customers must not crush the server segment). */
	const float min_h = RENDER_LAYOUT_HOST_H + RENDER_LAYOUT_LABEL + RENDER_LAYOUT_GAP * 1.5f;
	for (int g = 0; g < ng; g++) {
		float weight = 0;
		int cnt = 0;
		for (int i = 0; i < n; i++) {
			if (group[i] != g)
				continue;
			int hosts = 0;
			for (int h = 0; h < sc->nhosts; h++)
				hosts += sc->hosts[h].net == i;
			weight += sqrtf((float)hosts);
			cnt++;
		}
		float y = RENDER_LAYOUT_MARGIN;
		float availh = RENDER_LAYOUT_CANVAS_H - 2 * RENDER_LAYOUT_MARGIN - (float)(cnt - 1) * RENDER_LAYOUT_GAP;
		float spare = availh - (float)cnt * min_h;
		if (spare < 0)
			spare = 0;
		float sx = col[g][0], sw = col[g][1];
		if (!is_bb[g]) {
			sw -= RENDER_LAYOUT_STRIP;
			if (!strip_right[g])
				sx += RENDER_LAYOUT_STRIP;
		}
		for (int i = 0; i < n; i++) {
			if (group[i] != g)
				continue;
			int hosts = 0;
			for (int h = 0; h < sc->nhosts; h++)
				hosts += sc->hosts[h].net == i;
			float hgt = cnt == 1 ? availh
				: min_h + (weight > 0 ? spare * sqrtf((float)hosts) / weight : spare / (float)cnt);
			if (sc->nets[i].has_area) {
				memcpy(l->net[i], sc->nets[i].area, sizeof l->net[i]);
			} else {
				l->net[i][0] = sx;
				l->net[i][1] = y;
				l->net[i][2] = sw;
				l->net[i][3] = hgt;
			}
			y += hgt + RENDER_LAYOUT_GAP;
		}
	}
	free(order);
	free(is_bb);
}

int render_layout_leader(const struct scenario *sc, int h)
{
	if (h < 0 || h >= sc->nhosts)
		return h;
	int g = sc->hosts[h].group;
	return g >= 0 && g < sc->nhosts && g != h && sc->hosts[g].group_size > 1 ? g : h;
}

static void render_layout_auto_hosts(struct render_layout *l, const struct scenario *sc)
{
	for (int n = 0; n < sc->nnets; n++) {
		int cnt = 0;
		for (int h = 0; h < sc->nhosts; h++)
			cnt += sc->hosts[h].net == n && !sc->hosts[h].has_pos && render_layout_leader(sc, h) == h;
		if (!cnt)
			continue;
		float *a = l->net[n];
		float aw = a[2] - RENDER_LAYOUT_GAP, ah = a[3] - RENDER_LAYOUT_LABEL - RENDER_LAYOUT_GAP / 2;
		/* A grid whose cells have the shape of a host box. */
		int cols = (int)ceilf(sqrtf((float)cnt * (aw / ah) *
					    (RENDER_LAYOUT_HOST_H / RENDER_LAYOUT_HOST_W)));
		if (cols < 1)
			cols = 1;
		if (cols > cnt)
			cols = cnt;
		int rows = (cnt + cols - 1) / cols;
		float cw = aw / (float)cols, rh = ah / (float)rows;
		int k = 0;
		for (int h = 0; h < sc->nhosts; h++) {
			if (sc->hosts[h].net != n || sc->hosts[h].has_pos || render_layout_leader(sc, h) != h)
				continue;
			int c = k % cols, r = k / cols;
			/* A network of hundreds of customers has no room for their
			 * boxes: those that are only an MUA become dots. */
			l->host_cell[h] = fminf(cw, rh);
			l->host_compact[h] = (cw < RENDER_LAYOUT_HOST_W * 0.75f || rh < RENDER_LAYOUT_HOST_H * 0.75f) &&
				sc->hosts[h].roles == ROLE_BIT(ROLE_MUA);
			l->host[h][0] = a[0] + RENDER_LAYOUT_GAP / 2 + cw * ((float)c + 0.5f);
			l->host[h][1] = a[1] + RENDER_LAYOUT_LABEL + rh * ((float)r + 0.5f);
			k++;
		}
	}
}

static void render_layout_auto_routers(struct render_layout *l, const struct scenario *sc,
                                       const int *group, float (*col)[2], const int *strip_right)
{
	for (int r = 0; r < sc->nrouters; r++) {
		const struct sc_router *rt = &sc->routers[r];
		if (rt->has_pos)
			continue;
		/* Home column: the first linked net that is not the backbone. */
		int home = -1;
		float ysum = 0, xsum = 0;
		int ny = 0;
		for (int i = 0; i < rt->nlinks; i++) {
			int n = rt->links[i].net;
			if (n < 0 || n >= sc->nnets)
				continue;
			xsum += l->net[n][0] + l->net[n][2] / 2;
			if (sc->nets[n].kind != NET_KIND_BACKBONE) {
				if (home < 0)
					home = n;
				ysum += l->net[n][1] + l->net[n][3] / 2;
				ny++;
			}
		}
		if (home >= 0 && !sc->nets[home].has_area) {
			int g = group[home];
			l->router[r][0] = strip_right[g] ? col[g][0] + col[g][1] - RENDER_LAYOUT_STRIP / 2
				: col[g][0] + RENDER_LAYOUT_STRIP / 2;
			l->router[r][1] = ysum / (float)ny;
		} else if (rt->nlinks > 0) {
			l->router[r][0] = xsum / (float)rt->nlinks;
			l->router[r][1] = home >= 0 ? ysum / (float)ny : RENDER_LAYOUT_CANVAS_H / 2;
		} else {
			l->router[r][0] = RENDER_LAYOUT_CANVAS_W / 2;
			l->router[r][1] = RENDER_LAYOUT_CANVAS_H / 2;
		}
	}
	/* Keep routers in one strip apart from each other. */
	for (int pass = 0; pass < 4; pass++)
		for (int a = 0; a < sc->nrouters; a++)
			for (int b = a + 1; b < sc->nrouters; b++) {
				if (sc->routers[a].has_pos || sc->routers[b].has_pos)
					continue;
				float dx = l->router[a][0] - l->router[b][0];
				float dy = l->router[a][1] - l->router[b][1];
				if (fabsf(dx) < 120 && fabsf(dy) < 130) {
					float push = (130 - fabsf(dy)) / 2;
					if (dy >= 0) {
						l->router[a][1] += push;
						l->router[b][1] -= push;
					} else {
						l->router[a][1] -= push;
						l->router[b][1] += push;
					}
				}
			}
}

/* The box around everything drawn: the view fits this rather than the
 * whole canvas, so a lesson that uses part of the canvas still fills the
 * panel.  Hosts and routers count with the room their boxes and chips take. */
static void render_layout_bounds(struct render_layout *l, const struct scenario *sc)
{
	float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
	for (int i = 0; i < sc->nnets; i++) {
		x0 = fminf(x0, l->net[i][0]);
		y0 = fminf(y0, l->net[i][1]);
		x1 = fmaxf(x1, l->net[i][0] + l->net[i][2]);
		y1 = fmaxf(y1, l->net[i][1] + l->net[i][3]);
	}
	for (int i = 0; i < sc->nhosts; i++) {
		x0 = fminf(x0, l->host[i][0] - RENDER_LAYOUT_HOST_W / 2);
		y0 = fminf(y0, l->host[i][1] - RENDER_LAYOUT_HOST_H / 2);
		x1 = fmaxf(x1, l->host[i][0] + RENDER_LAYOUT_HOST_W / 2);
		y1 = fmaxf(y1, l->host[i][1] + RENDER_LAYOUT_HOST_H / 2);
	}
	for (int i = 0; i < sc->nrouters; i++) {
		float below = 40.0f + 30.0f * (float)sc->routers[i].nrules;
		x0 = fminf(x0, l->router[i][0] - 90);
		y0 = fminf(y0, l->router[i][1] - 50);
		x1 = fmaxf(x1, l->router[i][0] + 90);
		y1 = fmaxf(y1, l->router[i][1] + below);
	}
	if (x1 <= x0 || y1 <= y0) {
		x0 = y0 = 0;
		x1 = RENDER_LAYOUT_CANVAS_W;
		y1 = RENDER_LAYOUT_CANVAS_H;
	}
	float m = 20;
	l->bbox[0] = x0 - m;
	l->bbox[1] = y0 - m;
	l->bbox[2] = x1 - x0 + 2 * m;
	l->bbox[3] = y1 - y0 + 2 * m;
}

void render_layout_build(struct render_layout *l, const struct scenario *sc)
{
	float zoom = l->zoom > 0 ? l->zoom : 1.0f;
	SDL_Rect vp = l->vp;
	render_layout_free(l);
	memset(l, 0, sizeof *l);
	l->zoom = zoom;
	l->vp = vp;
	l->nnets = sc->nnets;
	l->nhosts = sc->nhosts;
	l->nrouters = sc->nrouters;
	l->net = xcalloc((size_t)sc->nnets + 1, sizeof *l->net);
	l->host = xcalloc((size_t)sc->nhosts + 1, sizeof *l->host);
	l->router = xcalloc((size_t)sc->nrouters + 1, sizeof *l->router);
	l->host_moved = xcalloc((size_t)sc->nhosts + 1, sizeof *l->host_moved);
	l->host_compact = xcalloc((size_t)sc->nhosts + 1, sizeof *l->host_compact);
	l->host_cell = xcalloc((size_t)sc->nhosts + 1, sizeof *l->host_cell);
	l->router_moved = xcalloc((size_t)sc->nrouters + 1, sizeof *l->router_moved);
	int *group = xcalloc((size_t)sc->nnets + 1, sizeof *group);
	float (*col)[2] = xcalloc((size_t)sc->nnets + 1, sizeof *col);
	int *strip_right = xcalloc((size_t)sc->nnets + 1, sizeof *strip_right);
	render_layout_auto_nets(l, sc, group, col, strip_right);
	for (int h = 0; h < sc->nhosts; h++)
		if (sc->hosts[h].has_pos)
			memcpy(l->host[h], sc->hosts[h].pos, sizeof l->host[h]);
	render_layout_auto_hosts(l, sc);
	/* The machines of a group sit where their group's box is. */
	for (int h = 0; h < sc->nhosts; h++) {
		int g = render_layout_leader(sc, h);
		if (g != h) {
			memcpy(l->host[h], l->host[g], sizeof l->host[h]);
			l->host_compact[h] = l->host_compact[g];
			l->host_cell[h] = l->host_cell[g];
		}
	}
	for (int r = 0; r < sc->nrouters; r++)
		if (sc->routers[r].has_pos)
			memcpy(l->router[r], sc->routers[r].pos, sizeof l->router[r]);
	render_layout_auto_routers(l, sc, group, col, strip_right);
	free(group);
	free(col);
	free(strip_right);
	render_layout_bounds(l, sc);
	render_layout_fit(l, l->vp);
}

void render_layout_fit(struct render_layout *l, SDL_Rect vp)
{
	l->vp = vp;
	if (l->zoom <= 0)
		l->zoom = 1.0f;
	float bw = l->bbox[2] > 0 ? l->bbox[2] : RENDER_LAYOUT_CANVAS_W;
	float bh = l->bbox[3] > 0 ? l->bbox[3] : RENDER_LAYOUT_CANVAS_H;
	float k0 = fminf((float)vp.w / bw, (float)vp.h / bh);
	if (k0 <= 0)
		k0 = 0.01f;
	l->k = k0 * l->zoom;
}

static float render_layout_cx(const struct render_layout *l)
{
	return l->bbox[2] > 0 ? l->bbox[0] + l->bbox[2] / 2 : RENDER_LAYOUT_CANVAS_W / 2;
}

static float render_layout_cy(const struct render_layout *l)
{
	return l->bbox[3] > 0 ? l->bbox[1] + l->bbox[3] / 2 : RENDER_LAYOUT_CANVAS_H / 2;
}

void render_layout_to_screen(const struct render_layout *l, float x, float y, float *sx, float *sy)
{
	float cx = (float)l->vp.x + (float)l->vp.w / 2, cy = (float)l->vp.y + (float)l->vp.h / 2;
	*sx = cx + (x - render_layout_cx(l) - l->pan_x) * l->k;
	*sy = cy + (y - render_layout_cy(l) - l->pan_y) * l->k;
}

void render_layout_to_logical(const struct render_layout *l, float sx, float sy, float *x, float *y)
{
	float cx = (float)l->vp.x + (float)l->vp.w / 2, cy = (float)l->vp.y + (float)l->vp.h / 2;
	*x = (sx - cx) / l->k + render_layout_cx(l) + l->pan_x;
	*y = (sy - cy) / l->k + render_layout_cy(l) + l->pan_y;
}

void render_layout_zoom(struct render_layout *l, float factor, float sx, float sy)
{
	float bx, by, ax, ay;
	render_layout_to_logical(l, sx, sy, &bx, &by);
	float z = l->zoom * factor;
	if (z < 0.3f)
		z = 0.3f;
	if (z > 6.0f)
		z = 6.0f;
	l->zoom = z;
	render_layout_fit(l, l->vp);
	render_layout_to_logical(l, sx, sy, &ax, &ay);
	l->pan_x += bx - ax;
	l->pan_y += by - ay;
}

void render_layout_pan(struct render_layout *l, float dx_px, float dy_px)
{
	l->pan_x -= dx_px / l->k;
	l->pan_y -= dy_px / l->k;
}

void render_layout_reset_view(struct render_layout *l)
{
	l->zoom = 1.0f;
	l->pan_x = l->pan_y = 0;
	render_layout_fit(l, l->vp);
}

const float *render_layout_net_at(const struct render_layout *l, int net)
{
	return l->present && l->pnet ? l->pnet[net] : l->net[net];
}

const float *render_layout_host_at(const struct render_layout *l, int host)
{
	return l->present && l->phost ? l->phost[host] : l->host[host];
}

const float *render_layout_router_at(const struct render_layout *l, int router)
{
	return l->present && l->prouter ? l->prouter[router] : l->router[router];
}

/* Pixels per logical unit at zoom 1. */
static float render_layout_home_k(const struct render_layout *l)
{
	return l->zoom > 0 ? l->k / l->zoom : l->k;
}

void render_layout_home_to_screen(const struct render_layout *l, float x, float y, float *sx, float *sy)
{
	float k = render_layout_home_k(l);
	*sx = (float)l->vp.x + (float)l->vp.w / 2 + (x - render_layout_cx(l)) * k;
	*sy = (float)l->vp.y + (float)l->vp.h / 2 + (y - render_layout_cy(l)) * k;
}

void render_layout_home_to_logical(const struct render_layout *l, float sx, float sy, float *x, float *y)
{
	float k = render_layout_home_k(l);
	*x = (sx - (float)l->vp.x - (float)l->vp.w / 2) / k + render_layout_cx(l);
	*y = (sy - (float)l->vp.y - (float)l->vp.h / 2) / k + render_layout_cy(l);
}

SDL_Rect render_layout_net_rect(const struct render_layout *l, int net)
{
	const float *n = render_layout_net_at(l, net);
	float x0, y0, x1, y1;
	render_layout_to_screen(l, n[0], n[1], &x0, &y0);
	render_layout_to_screen(l, n[0] + n[2], n[1] + n[3], &x1, &y1);
	SDL_Rect rc = { (int)lroundf(x0), (int)lroundf(y0), (int)lroundf(x1 - x0), (int)lroundf(y1 - y0) };
	return rc;
}

void render_layout_panels(struct render_layout_panels *p, int w, int h, int presenter,
                          enum render_layout_share share)
{
	float s = fminf((float)w / 1920.0f, (float)h / 1080.0f);
	if (s < 0.45f)
		s = 0.45f;
	p->s = s;
	/* Presenter mode: body text 28 px at 1920 x 1080 (readable from the
	 * back row), and wider panels to hold it. */
	float body = presenter ? 28 : 18, small = presenter ? 24 : 15;
	float title = presenter ? 34 : 24, mono = presenter ? 26 : 16, cap = presenter ? 34 : 25;
	p->px_body = (int)lroundf(body * s);
	p->px_small = (int)lroundf(small * s);
	p->px_title = (int)lroundf(title * s);
	p->px_mono = (int)lroundf(mono * s);
	p->px_caption = (int)lroundf(cap * s);
	p->px_lesson = presenter ? p->px_body : p->px_title;
	if (p->px_small < 10)
		p->px_small = 10;
	if (p->px_body < 11)
		p->px_body = 11;
	if (p->px_mono < 10)
		p->px_mono = 10;
	/* The caption is what the class reads aloud: a long one gets more
	 * lines, never smaller than this (16 px at 1280 x 720; 12 px read as
	 * fine print from the back row, review 19; presenter mode's small
	 * size, as before). */
	p->px_caption_min = (int)lroundf(24 * s);
	if (p->px_caption_min > p->px_caption)
		p->px_caption_min = p->px_caption;
	p->pad = (int)lroundf((presenter ? 12 : 10) * s);
	p->line = (int)lroundf((presenter ? 4 : 2) * s);
	if (p->line < 1)
		p->line = 1;
	p->radius = (int)lroundf(8 * s);
	int top = (int)lroundf((presenter ? 64 : 54) * s);
	/* The lesson's title on a line of its own under the bar, above the
	 * map (in the bar it was cut to "11 …" in presenter mode, to "12 The
	 * B…" otherwise: the buttons fill the bar), taken from the event
	 * list's and transcript's row: the map and the right column keep their
	 * sizes.  Presenter mode sets it at body size, the window otherwise at
	 * title size (px_lesson). */
	int title_h = (int)lroundf((presenter ? body * 1.5f : title * 1.4f) * s);
	/* Presenter mode's right column is only a little wider: the map must
	 * grow too, its text being larger (render_topology_px). */
	int right = (int)lroundf((presenter ? 680 : 620) * s);
	int bottom = (int)lroundf(300 * s) - title_h;
	if (right > w / 2)
		right = w / 2;
	if (bottom > (h - top) / 2)
		bottom = (h - top) / 2;
	/* The lesson caption gets its own band under the topology (two lines;
	 * a longer caption is set smaller down to px_caption_min, then the
	 * band grows: render_panels_fit_caption), so it never hides a host. */
	int band = (int)lroundf(2.0f * (float)p->px_caption * 1.5f) + 2 * p->pad;
	p->top = (SDL_Rect){ 0, 0, w, top };
	p->title = (SDL_Rect){ 0, top, w - right, title_h };
	p->topo = (SDL_Rect){ 0, top + title_h, w - right, h - top - title_h - bottom - band };
	p->caption = (SDL_Rect){ 0, p->topo.y + p->topo.h, w - right, band };
	int ew = (w - right) * 52 / 100;
	p->events = (SDL_Rect){ 0, h - bottom, ew, bottom };
	p->transcript = (SDL_Rect){ ew, h - bottom, w - right - ew, bottom };
	/* The letter card is what the class reads, unless the totals chart is. */
	int ch = (h - top) * (share == RENDER_LAYOUT_INSPECTOR_MOST ? 26 : share == RENDER_LAYOUT_INSPECTOR_FIRST ? 40
	                                                                                                     : 56) / 100;
	p->card = (SDL_Rect){ w - right, top, right, ch };
	p->inspector = (SDL_Rect){ w - right, top + ch, right, h - top - ch };
}

void render_layout_panels_ladder(struct render_layout_panels *p, int percent, int presenter)
{
	/* Presenter mode's larger text left the chart one arrow high (at
	 * 1280 x 720 and at 1920 x 1080): its row takes 45 % of the window
	 * under the bar, from the map. */
	int grow = presenter ? (p->caption.y + p->caption.h + p->events.h - p->topo.y) * 45 / 100 - p->events.h : 0;
	if (grow > 0 && grow < p->topo.h / 2) {
		p->topo.h -= grow;
		p->caption.y -= grow;
		p->events.y -= grow;
		p->events.h += grow;
		p->transcript.y -= grow;
		p->transcript.h += grow;
	}
	int row = p->events.w + p->transcript.w;
	p->events.w = row * (100 - percent) / 100;
	p->transcript.x = p->events.x + p->events.w;
	p->transcript.w = row - p->events.w;
}
