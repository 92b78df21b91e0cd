/* render_cross — where the cross of a stopped connection goes on the
 * network picture, and its drawing: a SYN a router dropped or refused, a
 * command a server refused (see render_cross.h).  Split from
 * render_traffic, which draws what moves and calls these. */
#include "render_cross.h"

#include <math.h>
#include <string.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_topology.h"
#include "render_ui.h"

int render_cross_size(const struct render_app *a, float arm)
{
	return 2 * (int)ceilf(arm + (float)a->panels.line * 1.5f);
}

void render_cross_draw(struct render_app *a, struct render_cross_drawn *cr, float bx, float by, float arm,
                       uint32_t col, int kind, int index)
{
	int x = (int)lroundf(bx * 4), y = (int)lroundf(by * 4);   /* quarter pixels */
	for (int i = 0; cr && i < cr->n; i++)
		if (cr->x[i] == x && cr->y[i] == y && cr->col[i] == col)
			return;
	int full = 0;   /* past RENDER_CROSS_DRAWN: drawn, not recorded again */
	if (cr && cr->n < RENDER_CROSS_DRAWN) {
		cr->x[cr->n] = x;
		cr->col[cr->n] = col;
		cr->y[cr->n++] = y;
	} else if (cr) {
		full = 1;
	}
	render_draw_cross(a->ren, bx, by, arm, (float)a->panels.line * 2.5f, col);
	if (full)
		return;
	/* what is placed after it (its label, other packets' labels) keeps off */
	int cs = render_cross_size(a, arm);
	const struct render_app_hitbox *h = render_app_hit_find(a, (enum render_app_hit)kind, index, -1);
	render_topology_place_over_by(a, (SDL_Rect){ (int)lroundf(bx) - cs / 2, (int)lroundf(by) - cs / 2, cs, cs },
				      RENDER_TOPOLOGY_OVER_CROSS, h ? h->rc : (SDL_Rect){ 0, 0, 0, 0 });
}

/* What a cross at rc would hide: render_topology_crowded's boxes, chips
 * and labels, and the networks' names, ranges and mailbox trays it does
 * not count (lesson 04's OP25B ✕ in presenter mode lay on the home
 * network's name, where nothing was crowded). */
static long render_cross_hidden(const struct render_app *a, SDL_Rect rc)
{
	long area = render_topology_crowded(a, rc);
	SDL_Rect x;
	for (size_t i = 0; a->place && i < a->place->nlab; i++) {
		enum render_topology_kind k = a->place->lab[i].kind;
		if ((k == RENDER_TOPOLOGY_NET_NAME || k == RENDER_TOPOLOGY_NET_RANGE || k == RENDER_TOPOLOGY_TRAY) &&
		    SDL_IntersectRect(&rc, &a->place->lab[i].rc, &x))
			area += (long)x.w * x.h + 1;
	}
	return area;
}

static SDL_Rect render_cross_rect(int cs, float x, float y)
{
	return (SDL_Rect){ (int)lroundf(x) - cs / 2, (int)lroundf(y) - cs / 2, cs, cs };
}

/* Where along rt near fraction f (within lo .. hi) a cross of w x h covers
 * no box, badge, chip or name: 1 and that point, else 0 and the point at f
 * itself. */
static int render_cross_clear_xy(const struct render_app *a, const struct render_topology_route *rt, float f, int w,
                                 int h, float lo, float hi, float *x, float *y)
{
	float g = render_topology_clear_along(a, rt, f, w, h, lo, hi);
	render_topology_along(rt, g >= 0 ? g : f, x, y);
	return g >= 0;
}

/* Where the segment from the centre of a drawn box (a host's or a
 * router's, found by its hit box) towards (tx, ty) leaves the box, moved
 * out by gap: a mark there hides neither the box nor its name.  Without a
 * box, (cx, cy) itself. */
static void render_cross_box_exit(const struct render_app *a, enum render_app_hit kind, int index, float cx,
                                  float cy, float tx, float ty, float gap, float *x, float *y)
{
	const struct render_app_hitbox *h = render_app_hit_find(a, kind, index, -1);
	float dx = tx - cx, dy = ty - cy, len = hypotf(dx, dy);
	*x = cx;
	*y = cy;
	if (!h || len < 1)
		return;
	float ux = dx / len, uy = dy / len;
	float hw = (float)h->rc.w / 2, hh = (float)h->rc.h / 2;
	float d = fminf(fabsf(ux) > 1e-4f ? hw / fabsf(ux) : 1e9f, fabsf(uy) > 1e-4f ? hh / fabsf(uy) : 1e9f) + gap;
	if (d > len * 0.85f)   /* the other end is close: stay on the wire */
		d = len * 0.85f;
	*x = cx + ux * d;
	*y = cy + uy * d;
}

/* A cross of cs x cs pixels at (*x, *y) that would cover a box, a name,
 * a label or another cross: moved to the nearest free place within three
 * crosses of it, if there is one; else beside the box of the node it
 * marks (kind, index: the router or server) or a cross further, where it
 * hides least -- never on that box's name. */
static void render_cross_clear(struct render_app *a, int cs, enum render_app_hit kind, int index, float *x,
                               float *y)
{
	SDL_Rect at = { (int)lroundf(*x) - cs / 2, (int)lroundf(*y) - cs / 2, cs, cs }, free_rc;
	if (render_topology_crowded(a, at) == 0)
		return;
	if (render_traffic_free_spot(a, at, cs, cs, 3 * cs, &free_rc)) {
		*x = (float)free_rc.x + (float)cs / 2;
		*y = (float)free_rc.y + (float)cs / 2;
		return;
	}
	const struct render_app_hitbox *h = render_app_hit_find(a, kind, index, -1);
	if (!h)
		return;
	SDL_Rect b = h->rc, cand[16];
	int mx = b.x + b.w / 2 - cs / 2, my = b.y + b.h / 2 - cs / 2;
	for (int ring = 0; ring < 2; ring++) {   /* touching the box, then a cross further */
		int g = 2 + ring * cs;
		SDL_Rect *c = &cand[ring * 8];
		c[0] = (SDL_Rect){ b.x - cs - g, my, cs, cs };
		c[1] = (SDL_Rect){ b.x + b.w + g, my, cs, cs };
		c[2] = (SDL_Rect){ mx, b.y - cs - g, cs, cs };
		c[3] = (SDL_Rect){ mx, b.y + b.h + g, cs, cs };
		c[4] = (SDL_Rect){ b.x - cs - g, b.y - cs - g, cs, cs };
		c[5] = (SDL_Rect){ b.x + b.w + g, b.y - cs - g, cs, cs };
		c[6] = (SDL_Rect){ b.x - cs - g, b.y + b.h + g, cs, cs };
		c[7] = (SDL_Rect){ b.x + b.w + g, b.y + b.h + g, cs, cs };
	}
	int k = render_topology_pick(a, cand, 16);
	*x = (float)cand[k].x + (float)cs / 2;
	*y = (float)cand[k].y + (float)cs / 2;
}

/* How far the point (x, y) lies from the box of node index (kind: a host
 * or a router), *own (-1 if it has none), and from the nearest other
 * host's or router's box, *other -- for a host's (a server's refusal) a
 * router's rule chip too: a ✕ 16 px from ISP B's mail server and 18 from
 * "OP25B on" read as OP25B's block (lesson 07 at 40.39 s in presenter
 * mode, both sizes). */
static void render_cross_dists(const struct render_app *a, enum render_app_hit kind, int index, int chips, float x,
                               float y, float *own, float *other)
{
	*own = -1;
	*other = 1e9f;
	for (size_t i = 0; i < a->nhits; i++) {
		const struct render_app_hitbox *h = &a->hits[i];
		/* with chips set, a router's own rule chips count as its box */
		int chip = chips && h->kind == RENDER_APP_HIT_RULE && kind == RENDER_APP_HIT_ROUTER && h->a == index;
		if (h->kind != RENDER_APP_HIT_HOST && h->kind != RENDER_APP_HIT_ROUTER && !chip &&
		    (h->kind != RENDER_APP_HIT_RULE || kind != RENDER_APP_HIT_HOST))
			continue;
		float dx = fmaxf(fmaxf((float)h->rc.x - x, x - (float)(h->rc.x + h->rc.w)), 0);
		float dy = fmaxf(fmaxf((float)h->rc.y - y, y - (float)(h->rc.y + h->rc.h)), 0);
		float d = hypotf(dx, dy);
		if ((h->kind == kind && h->a == index) || chip)
			*own = *own < 0 || d < *own ? d : *own;
		else if (d < *other)
			*other = d;
	}
}

/* Does a cross at (x, y) read as node index's (kind: a host or a router):
 * within three crosses (cs) of its box and nearer it than any other by
 * margin (a server's by a quarter cross, render_cross_at_server)? */
static int render_cross_owned(const struct render_app *a, enum render_app_hit kind, int index, int cs, float x,
                              float y, float margin)
{
	float own, other;
	render_cross_dists(a, kind, index, 0, x, y, &own, &other);
	return own >= 0 && own <= 3.0f * (float)cs && own + margin < other;
}

/* A cross of cs x cs that has no place on the route by the node it marks
 * (kind, index; its box crowded by names, as in presenter mode's large
 * boxes): touching that box, nearest where the route meets it (ex, ey),
 * where it hides nothing and reads as that node's (nearer its box than
 * any other by margin), else where it hides least.  Left at (*x, *y) if
 * no place reads as the node's.  Returns what the place hides
 * (render_cross_hidden), -1 if none was found. */
static long render_cross_beside(struct render_app *a, enum render_app_hit kind, int index, int cs, float margin,
                                float ex, float ey, float *x, float *y)
{
	const struct render_app_hitbox *h = render_app_hit_find(a, kind, index, -1);
	if (!h)
		return -1;
	enum { STEPS = 6 };
	SDL_Rect b = h->rc;
	long best = -1;
	float bd = 0;
	for (int side = 0; side < 4; side++)
		for (int k = 0; k <= STEPS; k++) {
			float cx, cy;
			render_draw_beside(b, (float)cs / 2 + 2, side, (float)k / STEPS, &cx, &cy);
			if (!render_cross_owned(a, kind, index, cs, cx, cy, margin))
				continue;
			SDL_Rect rc = { (int)lroundf(cx) - cs / 2, (int)lroundf(cy) - cs / 2, cs, cs };
			long c = render_cross_hidden(a, rc);
			float d = hypotf(cx - ex, cy - ey);
			if (best < 0 || c < best || (c == best && d < bd)) {
				best = c;
				bd = d;
				*x = cx;
				*y = cy;
			}
		}
	return best;
}

/* A cross of cs x cs for router r whose box is box: the free place
 * nearest the box, within two crosses of it, that reads as the router's
 * (render_cross_owned), into (*x, *y); if none does and any is better
 * than the place given (it hides something), the nearest free one. */
static void render_cross_near(struct render_app *a, SDL_Rect box, int cs, int r, int any, float *x, float *y)
{
	enum { TRIES = 16 };
	SDL_Rect tried[TRIES];
	int reach = (box.w > box.h ? box.w : box.h) / 2 + 2 * cs;
	for (size_t n = 0; n < TRIES && render_traffic_free_spot_but(a, box, cs, cs, reach, tried, n, &tried[n]); n++) {
		float fx = (float)tried[n].x + (float)cs / 2, fy = (float)tried[n].y + (float)cs / 2;
		if (render_cross_owned(a, RENDER_APP_HIT_ROUTER, r, cs, fx, fy, 0) || (any && n == 0)) {
			*x = fx;
			*y = fy;
			if (render_cross_owned(a, RENDER_APP_HIT_ROUTER, r, cs, fx, fy, 0))
				return;
		}
	}
}

void render_cross_at_server(struct render_app *a, const struct render_topology_route *rt, int server, float arm,
                            float *bx, float *by)
{
	float sx = rt->x[rt->n - 1], sy = rt->y[rt->n - 1];
	int cs = render_cross_size(a, arm);
	/* Off the server's badges, but near enough to be the server's: within
	 * three crosses of its box (lesson 04's 530 had slid half the way to
	 * a router, where it read as the router's block). */
	float len = 0;
	for (int k = 1; k < rt->n; k++)
		len += hypotf(rt->x[k] - rt->x[k - 1], rt->y[k] - rt->y[k - 1]);
	float lo = len > 0 ? 1.0f - 3.0f * (float)cs / len : 0.5f;
	if (lo < 0.5f)
		lo = 0.5f;
	if (!render_cross_clear_xy(a, rt, 1, cs, cs, lo, 1, bx, by))
		render_cross_box_exit(a, RENDER_APP_HIT_HOST, server, sx, sy, rt->x[rt->n - 2], rt->y[rt->n - 2],
				      arm * 1.4f, bx, by);
	render_cross_clear(a, cs, RENDER_APP_HIT_HOST, server, bx, by);
	int lead = render_layout_leader(a->sc, server);
	float margin = (float)cs / 4;
	if (!render_cross_owned(a, RENDER_APP_HIT_HOST, lead, cs, *bx, *by, margin)) {
		/* moved off the route to beside a router's name, where it read
		 * as the router's drop (lesson 13's 550 in presenter mode); a
		 * server's nearer its box than any other box or rule chip by a
		 * quarter cross (lesson 07's 550 at 40.39 s in presenter mode
		 * stood 16 px from ISP B's mail server, 18 from "OP25B on", and
		 * read as OP25B's block) -- but where that hides something, a
		 * place that hid nothing and was plainly nearer stays (lesson
		 * 04's 554 by Alice's company router) */
		float ex, ey, ox = *bx, oy = *by;
		int plain = render_cross_owned(a, RENDER_APP_HIT_HOST, lead, cs, ox, oy, 0) &&
			    !render_cross_hidden(a, render_cross_rect(cs, ox, oy));
		render_cross_box_exit(a, RENDER_APP_HIT_HOST, server, sx, sy, rt->x[rt->n - 2], rt->y[rt->n - 2], 0,
				      &ex, &ey);
		long got = render_cross_beside(a, RENDER_APP_HIT_HOST, lead, cs, margin, ex, ey, bx, by);
		if (got != 0 && plain)
			*bx = ox, *by = oy;
		else if (got < 0)
			render_cross_beside(a, RENDER_APP_HIT_HOST, lead, cs, 0, ex, ey, bx, by);
	}
}

/* A place for router r's cross of cs x cs on route rt (which ends at the
 * router), on its drawn line or a few pixels beside it, still across it,
 * walked back from the router: the first that hides nothing and reads as
 * the router's -- with near set, within three crosses of its box and
 * nearer it than any other box by a quarter cross (lesson 02's by the
 * bot's box read as the bot's), its rule chips counted as its box (lesson
 * 09 at 2.063 s, 720p presenter: the IP25B SYN's line ends under ISP B's
 * chips, and the ✕, kept off them and the DNS box, stood 110 px left of
 * the line); else nearer its box than any other.  1 and
 * (*bx, *by), else 0.  Beside the box but off the line the ✕ read as
 * dropped nowhere in particular (lesson 09's IP25B ✕ in presenter mode at
 * 1280 x 720 stood 83 px off the line by ISP B's mail server; lesson 04's
 * OP25B ✕ at 1920 x 1080 beside the router's box, 18 px off). */
enum { RENDER_CROSS_LIVE = 64 };

/* The segments of the lines of this frame's connections no router
 * stopped (but SYNs still on their way through router r), into seg (x1,
 * y1, x2, y2 each), at most RENDER_CROSS_LIVE; returns how many. */
static int render_cross_live(struct render_app *a, int r, float (*seg)[4])
{
	int n = 0;
	for (size_t i = 0; i < a->nfconn && n < RENDER_CROSS_LIVE; i++) {
		const struct sim_conn *c = &a->fconn[i];
		int through = 0;   /* (a SYN on its way through r may be dropped there too: lesson 09's bots) */
		for (int k = 0; c->in_flight && k < c->npath && !through; k++)
			through = c->path[k] == r;
		if (c->blocked_at >= 0 || through || c->proto == PROTO_DNS)
			continue;
		struct render_topology_route rt;
		render_topology_route_of(a, c, &rt);
		for (int k = 1; k < rt.n && n < RENDER_CROSS_LIVE; k++, n++) {
			seg[n][0] = rt.x[k - 1], seg[n][1] = rt.y[k - 1];
			seg[n][2] = rt.x[k], seg[n][3] = rt.y[k];
		}
	}
	return n;
}

/* Does a cross at rc lie on one of the n live segments? */
static int render_cross_on_live(SDL_Rect rc, float (*seg)[4], int n)
{
	for (int i = 0; i < n; i++) {
		int x1 = (int)lroundf(seg[i][0]), y1 = (int)lroundf(seg[i][1]);
		int x2 = (int)lroundf(seg[i][2]), y2 = (int)lroundf(seg[i][3]);
		if (SDL_IntersectRectAndLine(&rc, &x1, &y1, &x2, &y2))
			return 1;
	}
	return 0;
}

/* (And off the lines of connections that were not stopped: lesson 10 at
 * 35.065 s, the maintenance ✕ for the backup's relay, kept off the chip
 * under data-centre-1's router, sat on the bend of the bot's live session
 * to the backup, and read as that session blocked.) */
static int render_cross_on_way(struct render_app *a, const struct render_topology_route *rt, int r, int cs, int near,
                               float *bx, float *by)
{
	float live[RENDER_CROSS_LIVE][4];
	int nlive = render_cross_live(a, r, live);
	for (int k = rt->n - 1; k > 0; k--) {
		float dx = rt->x[k - 1] - rt->x[k], dy = rt->y[k - 1] - rt->y[k], len = hypotf(dx, dy);
		for (float t = 0; len > 0 && t < len; t += 2)
			/* on the line or a few pixels beside it, still across it */
			for (int o = 0; o <= cs / 5; o = o > 0 ? -o : 2 - o) {
				float x = rt->x[k] + (dx * t - dy * (float)o) / len, y = rt->y[k] + (dy * t + dx * (float)o) / len;
				float own, other;
				render_cross_dists(a, RENDER_APP_HIT_ROUTER, r, near, x, y, &own, &other);
				if (own < 0 || (near ? own > 3.0f * (float)cs || own + (float)cs / 4 >= other : own >= other) ||
				    render_cross_hidden(a, render_cross_rect(cs, x, y)) ||
				    render_cross_on_live(render_cross_rect(cs, x, y), live, nlive))
					continue;
				*bx = x;
				*by = y;
				return 1;
			}
	}
	return 0;
}

void render_cross_at_router(struct render_app *a, const struct render_topology_route *rt, int r, float arm, float *bx,
                            float *by)
{
	int cs = render_cross_size(a, arm);
	/* On the SYN's line where it hides nothing, by the router, else
	 * further back while it still reads as the router's. */
	if (render_cross_on_way(a, rt, r, cs, 1, bx, by) || render_cross_on_way(a, rt, r, cs, 0, bx, by))
		return;
	/* No free place on the line that reads as the router's (presenter
	 * mode's large boxes, chips and names leave some ways in none): off
	 * every name and chip by the router's box, as before the line was
	 * tried.  The way in: from the point before the route reaches the
	 * box's edge. */
	int in = rt->n > 2 && rt->node[rt->n - 2] == RENDER_TOPOLOGY_EDGE ? rt->n - 3 : rt->n - 2;
	if (!render_cross_clear_xy(a, rt, 1, cs, cs, 0, 1, bx, by))   /* off every name and chip */
		render_cross_box_exit(a, RENDER_APP_HIT_ROUTER, r, rt->x[rt->n - 1], rt->y[rt->n - 1], rt->x[in], rt->y[in],
				      arm * 1.7f, bx, by);
	render_cross_clear(a, cs, RENDER_APP_HIT_ROUTER, r, bx, by);
	float ex, ey, nx = *bx, ny = *by;   /* by its box, not another's (lesson 10 in */
	render_cross_box_exit(a, RENDER_APP_HIT_ROUTER, r, rt->x[rt->n - 1], rt->y[rt->n - 1], rt->x[in], rt->y[in], 0, &ex,
			      &ey);   /* presenter mode; lesson 02's on the bot's corner) */
	if (!render_cross_owned(a, RENDER_APP_HIT_ROUTER, r, cs, *bx, *by, 0))
		render_cross_beside(a, RENDER_APP_HIT_ROUTER, r, cs, 0, ex, ey, &nx, &ny);
	long cb = render_cross_hidden(a, render_cross_rect(cs, *bx, *by));
	long cn = render_cross_hidden(a, render_cross_rect(cs, nx, ny));
	if (!cn || cn < cb)
		*bx = nx, *by = ny, cb = cn;   /* where it hides nothing, or less */
	/* else the free place nearest the router's box, if one is within
	 * two crosses of it */
	int mine = render_cross_owned(a, RENDER_APP_HIT_ROUTER, r, cs, *bx, *by, 0);
	const struct render_app_hitbox *rb = cb || !mine ? render_app_hit_find(a, RENDER_APP_HIT_ROUTER, r, -1) : NULL;
	if (rb)
		render_cross_near(a, rb->rc, cs, r, cb > 0, bx, by);
}

void render_cross_by_rule(struct render_app *a, int r, const char *rule, float arm, float *bx, float *by)
{
	if (!a->place || !rule || r < 0 || r >= a->sc->nrouters || a->place->chips[r].w <= 0)
		return;
	const struct sc_router *ro = &a->sc->routers[r];
	int i = 0, cs = render_cross_size(a, arm);
	while (i < ro->nrules && strcmp(ro->rules[i].name, rule) != 0)
		i++;
	SDL_Rect c = a->place->chips[r];
	if (i >= ro->nrules || ro->nrules < 2)
		return;
	int row = render_topology_chip_row(c.h, ro->nrules);
	float left = (float)c.x - *bx, right = *bx - (float)(c.x + c.w);
	if ((left < 0 && right < 0) || fmaxf(left, right) > 2.0f * (float)cs || *by < (float)c.y - (float)cs ||
	    *by > (float)(c.y + c.h + cs))
		return;   /* not beside the column */
	float y = (float)(c.y + i * (row + RENDER_TOPOLOGY_CHIP_GAP)) + (float)row / 2;
	if (fabsf(y - *by) >= 1.0f && render_cross_hidden(a, render_cross_rect(cs, *bx, y)) == 0 &&
	    render_cross_owned(a, RENDER_APP_HIT_ROUTER, r, cs, *bx, y, (float)cs / 4))
		*by = y;   /* (and still its router's, not a host's by it: lesson 09 at 60 s, 720p) */
}

int render_cross_keep(struct render_app *a, int r, SDL_Rect *out, int max)
{
	int n = 0;
	int cs = render_cross_size(a, RENDER_CROSS_DROP_ARM(a));
	float way[8][4];   /* the ways in seen: hundreds of bots' SYNs share a few */
	int nway = 0;
	for (size_t i = 0; i < a->nfconn && n < max; i++) {
		const struct sim_conn *c = &a->fconn[i];
		if (c->blocked_at != r || c->in_flight)
			continue;
		struct render_topology_route rt;
		render_topology_route_of(a, c, &rt);
		if (!rt.blocked || rt.n < 3)
			continue;
		int seen = 0;
		for (int k = 0; k < nway && !seen; k++)
			seen = way[k][0] == rt.x[rt.n - 2] && way[k][1] == rt.y[rt.n - 2] && way[k][2] == rt.x[rt.n - 3] &&
			       way[k][3] == rt.y[rt.n - 3];
		if (seen || nway == 8)
			continue;
		way[nway][0] = rt.x[rt.n - 2];
		way[nway][1] = rt.y[rt.n - 2];
		way[nway][2] = rt.x[rt.n - 3];
		way[nway++][3] = rt.y[rt.n - 3];
		float x, y;
		if (render_cross_on_way(a, &rt, r, cs, 1, &x, &y) || render_cross_on_way(a, &rt, r, cs, 0, &x, &y))
			out[n++] = render_cross_rect(cs, x, y);
	}
	return n;
}

/* Does a hold all of b? */
static int render_cross_holds(SDL_Rect a, SDL_Rect b)
{
	return b.x >= a.x && b.y >= a.y && b.x + b.w <= a.x + a.w && b.y + b.h <= a.y + a.h;
}

int render_cross_in_box(const struct render_app *a, int host, int w, int h, float x, float y, SDL_Rect *out)
{
	const struct render_app_hitbox *hb = render_app_hit_find(a, RENDER_APP_HIT_HOST, host, -1);
	if (!hb || !a->place || !a->place->text || host < 0 || host >= a->sc->nhosts)
		return 0;
	int in = a->panels.line + 2;
	SDL_Rect box = { hb->rc.x + in, hb->rc.y + in, hb->rc.w - 2 * in, hb->rc.h - 2 * in }, keep[4], ix;
	int nk = 0;
	for (int t = 0; t < 3; t++) {
		SDL_Rect r = a->place->text[host][t];
		if (r.w > 0)
			keep[nk++] = (SDL_Rect){ r.x - 3, r.y - 1, r.w + 6, r.h + 2 };
	}
	if (a->place->acting.w > 0)
		keep[nk++] = a->place->acting;
	float best = -1;
	for (int cy = box.y; cy + h <= box.y + box.h; cy += 2)
		for (int cx = box.x; cx + w <= box.x + box.w; cx += 2) {
			SDL_Rect c = { cx, cy, w, h };
			float dx = (float)cx + (float)w / 2 - x, dy = (float)cy + (float)h / 2 - y, d = dx * dx + dy * dy;
			int hit = best >= 0 && d >= best;
			for (int k = 0; k < nk && !hit; k++)
				hit = SDL_IntersectRect(&c, &keep[k], &ix);
			for (size_t k = 0; k < a->ntaken && !hit; k++)   /* (the box itself is taken) */
				hit = !render_cross_holds(a->taken[k], hb->rc) && SDL_IntersectRect(&c, &a->taken[k], &ix);
			if (!hit) {
				best = d;
				*out = c;
			}
		}
	return best >= 0;
}
