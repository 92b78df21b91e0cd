/* render_pill — the label of what flies on the wire, on its own route.
 *
 * A label is tried whole on one line, then on two lines, and cut with "…"
 * only where neither finds a place (issue 11: "S: 220 2.0.0 Ready to…"
 * with the map's width free beside it); in presenter mode first at the
 * size the back row reads (24 px at 1080p, 16 at 720p) and then at the
 * map's.  Each layout is tried on the packet, above or below it, then
 * at the points of its connection's route, nearest the packet first,
 * and where none has room, beside them, hanging from the route by a
 * short tie -- never where it lies nearer
 * another hop's line than its own route, where it reads as that hop's
 * (lesson 11: the relay's "250 … queued" to Dave on ISP A's servers'
 * link; lesson 09: ISP B's reply to its bots by ISP C's router), nor on
 * the region of a network the point it hangs from is not in.  A label
 * with no such place is the old way's: the nearest free place tied to its
 * packet (its own route's too), else a dot. */
#include <math.h>
#include <string.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_pill.h"
#include "render_topology.h"

enum { RENDER_PILL_REGIONS = 32, RENDER_PILL_LAYOUTS = 8, RENDER_PILL_SPOTS = 7 };

/* One way to lay the text out: its size, mode and width limit, and the
 * pill's size round it. */
struct render_pill_layout {
	int px, mode, maxw, pw, ph, lh;
	const char *s;   /* the text drawn: the label's, or shortened */
};

void render_pill_hop_of(const struct render_topology_route *rt, float g, struct render_pill_hop *hop)
{
	float cum[RENDER_TOPOLOGY_MAX_POINTS];
	cum[0] = 0;
	for (int i = 1; i < rt->n; i++)
		cum[i] = cum[i - 1] + hypotf(rt->x[i] - rt->x[i - 1], rt->y[i] - rt->y[i - 1]);
	hop->n = rt->n;
	for (int i = 0; i < rt->n; i++) {
		hop->x[i] = rt->x[i];
		hop->y[i] = rt->y[i];
		hop->node[i] = rt->node[i] >= 0;
	}
	hop->len = rt->n > 1 ? cum[rt->n - 1] : 0;
	hop->at = fminf(fmaxf(g * hop->len, 0), hop->len);
	hop->lo = 0;
	hop->hi = hop->len;
	hop->keep = 0;
	hop->reach = 1;
}

/* The point at distance s along the hop. */
static void render_pill_hop_xy(const struct render_pill_hop *hop, float s, float *x, float *y)
{
	*x = hop->x[0];
	*y = hop->y[0];
	for (int i = 1; i < hop->n; i++) {
		float seg = hypotf(hop->x[i] - hop->x[i - 1], hop->y[i] - hop->y[i - 1]);
		if (s <= seg && seg > 0) {
			*x = hop->x[i - 1] + (hop->x[i] - hop->x[i - 1]) * s / seg;
			*y = hop->y[i - 1] + (hop->y[i] - hop->y[i - 1]) * s / seg;
			return;
		}
		s -= seg;
		*x = hop->x[i];
		*y = hop->y[i];
	}
}

/* The distance from the point (px, py) to the segment (x0, y0)-(x1, y1). */
static float render_pill_point_seg(float px, float py, float x0, float y0, float x1, float y1)
{
	float dx = x1 - x0, dy = y1 - y0, l2 = dx * dx + dy * dy;
	float t = l2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / l2 : 0;
	t = fminf(fmaxf(t, 0), 1);
	return hypotf(px - (x0 + t * dx), py - (y0 + t * dy));
}

/* The distance from rectangle rc to the segment (x0, y0)-(x1, y1): 0 where
 * they meet. */
static float render_pill_rect_seg(SDL_Rect rc, float x0, float y0, float x1, float y1)
{
	int ax = (int)lroundf(x0), ay = (int)lroundf(y0), bx = (int)lroundf(x1), by = (int)lroundf(y1);
	if (SDL_IntersectRectAndLine(&rc, &ax, &ay, &bx, &by))
		return 0;
	float l = (float)rc.x, t = (float)rc.y, r = (float)(rc.x + rc.w), b = (float)(rc.y + rc.h);
	float ex0 = fmaxf(fmaxf(l - x0, 0), x0 - r), ey0 = fmaxf(fmaxf(t - y0, 0), y0 - b);
	float ex1 = fmaxf(fmaxf(l - x1, 0), x1 - r), ey1 = fmaxf(fmaxf(t - y1, 0), y1 - b);
	float d = fminf(hypotf(ex0, ey0), hypotf(ex1, ey1));
	const float cx[4] = { l, r, l, r }, cy[4] = { t, t, b, b };
	for (int k = 0; k < 4; k++)
		d = fminf(d, render_pill_point_seg(cx[k], cy[k], x0, y0, x1, y1));
	return d;
}

/* Does rc lie no nearer any other hop of the map (the lines between a
 * router and a box or another router, a->place->hop) than its own? */
static int render_pill_own(const struct render_app *a, const struct render_pill_hop *hop, SDL_Rect rc)
{
	if (!hop || hop->n < 2 || !a->place)
		return 1;
	/* (its own route measured to the label a pixel in from its edge: one
	 * that only grazes the edge, where another hop crosses it, reads as
	 * that hop's -- lesson 12 at 35.385 s, 1920 x 1080) */
	SDL_Rect in = { rc.x + 1, rc.y + 1, rc.w > 2 ? rc.w - 2 : 1, rc.h > 2 ? rc.h - 2 : 1 };
	float own = 1e9f;
	for (int i = 1; i < hop->n; i++)
		own = fminf(own, render_pill_rect_seg(in, hop->x[i - 1], hop->y[i - 1], hop->x[i], hop->y[i]));
	if (own <= 0)
		return 1;
	for (size_t i = 0; i < a->place->nhop; i++) {
		const float *h = a->place->hop[i];
		/* one of the route's own hops drawn straight: from a node of
		 * the route to the next */
		int same = 0;
		for (int k = 0, prev = -1; k < hop->n && !same; k++) {
			if (!hop->node[k])
				continue;
			if (prev >= 0) {
				float sx = hop->x[prev], sy = hop->y[prev], ex = hop->x[k], ey = hop->y[k];
				same = (hypotf(h[0] - sx, h[1] - sy) < 3 && hypotf(h[2] - ex, h[3] - ey) < 3) ||
				       (hypotf(h[0] - ex, h[1] - ey) < 3 && hypotf(h[2] - sx, h[3] - sy) < 3);
			}
			prev = k;
		}
		if (!same && render_pill_rect_seg(rc, h[0], h[1], h[2], h[3]) < own)
			return 0;
	}
	return 1;
}

/* The point a label hangs from (its packet, or the point of its route
 * it was moved to) and the regions of the networks that point is not in
 * (a label on one reads as that network's). */
struct render_pill_from {
	float x, y;
	SDL_Rect fr[RENDER_PILL_REGIONS];
	int nf;
};

static void render_pill_from_at(const struct render_app *a, float x, float y, int moved, struct render_pill_from *o)
{
	o->x = x;
	o->y = y;
	o->nf = render_topology_foreign(a, (SDL_Point){ (int)x, (int)y }, o->fr, RENDER_PILL_REGIONS);
	/* a packet in no network: none is another's; a point of its route
	 * in none (between two regions): a label there keeps off them all */
	if (o->nf >= a->sc->nnets && !moved)
		o->nf = 0;
}

/* The tie of a label at spot from o: from the edge of the box o is in,
 * to the label's near edge straight up or down, or sideways to a label
 * beside o ((*sx, *sy) to (*ex, *ey)); 0 where the label covers o (no
 * tie). */
static int render_pill_tie(const struct render_app *a, const struct render_pill_from *o, SDL_Rect spot, float *sx,
                           float *sy, float *ex, float *ey)
{
	SDL_Point p = { (int)o->x, (int)o->y };
	if (SDL_PointInRect(&p, &spot))
		return 0;
	float lx = (float)spot.x + (float)spot.w / 2, ly = (float)spot.y + (float)spot.h / 2;
	render_traffic_tie_start(a, o->x, o->y, lx, ly, sx, sy);
	*ex = *sx;
	*ey = ly < *sy ? (float)(spot.y + spot.h) : (float)spot.y;
	if (*sy >= (float)spot.y && *sy <= (float)(spot.y + spot.h)) {   /* beside it */
		*ey = *sy;
		*ex = lx < *sx ? (float)(spot.x + spot.w) : (float)spot.x;
	}
	return 1;
}

/* Does the tie to spot from o cross no box nor label? */
static int render_pill_tie_clear(const struct render_app *a, const struct render_pill_from *o, SDL_Rect spot)
{
	float sx, sy, ex, ey;
	if (!render_pill_tie(a, o, spot, &sx, &sy, &ex, &ey))
		return 1;
	SDL_Rect from = { (int)sx - 2, (int)sy - 2, 4, 4 };
	return !render_topology_tie_crowded(a, sx, sy, ex, ey, from, spot);
}

/* Does spot lie on a region of a network o is not in? */
static int render_pill_foreign(const struct render_pill_from *o, SDL_Rect spot)
{
	for (int k = 0; k < o->nf; k++)
		if (SDL_HasIntersection(&spot, &o->fr[k]))
			return 1;
	return 0;
}

/* Where the label's centre goes, spot k (0 .. RENDER_PILL_SPOTS - 1)
 * from the point it hangs from: on it, then above, below, farther above
 * ...: a gap of 1.2, 2.4, 3.6 one-line labels' heights between them, so
 * that a label on two lines is no farther off than one on one line. */
static float render_pill_dy(const struct render_pill_layout *l, int k)
{
	static const float gap[RENDER_PILL_SPOTS] = { 0, 1.2f, 1.2f, 2.4f, 2.4f, 3.6f, 3.6f };
	if (k == 0)
		return 0;
	float d = (float)l->ph / 2 + gap[k] * (float)(l->lh + 2);
	return k % 2 ? -d : d;
}

/* The place for a label of l at spot k from o (side: beside it instead,
 * k 0 on the right, 1 on the left, a short tie away: a route that runs
 * up and down has room there where above and below are taken, lesson 11's
 * relay to Dave's PC in presenter mode), kept on the map, in *out; and
 * whether it hides nothing, is its own route's, lies on no other
 * network's region (away from its packet) and its tie is clear. */
static int render_pill_try(const struct render_app *a, const struct render_pill_hop *hop,
                           const struct render_pill_from *o, const struct render_pill_layout *l, int k, int moved,
                           int side, SDL_Rect *out)
{
	const SDL_Rect *vp = &a->panels.topo;
	SDL_Rect rc = { (int)o->x - l->pw / 2, (int)(o->y + render_pill_dy(l, k)) - l->ph / 2, l->pw, l->ph };
	if (side) {
		/* beside the router's box where the route passes through one
		 * (lesson 11's Company D router in presenter mode at 1280 x 720
		 * in Japanese, in its room between the Internet and its company:
		 * beside the route there lay on its box) */
		int gap = l->px / 3 + 1, x0 = (int)o->x, x1 = (int)o->x;
		SDL_Point at = { (int)o->x, (int)o->y };
		for (size_t i = 0; a->place && i < a->place->nlab; i++)
			if (a->place->lab[i].kind == RENDER_TOPOLOGY_ROUTER && SDL_PointInRect(&at, &a->place->lab[i].rc)) {
				x0 = a->place->lab[i].rc.x;
				x1 = x0 + a->place->lab[i].rc.w;
			}
		rc.x = k == 0 ? x1 + gap : x0 - gap - l->pw;
		rc.y = (int)o->y - l->ph / 2;
		if (rc.x < vp->x + 1 || rc.x + rc.w > vp->x + vp->w - 1) {
			*out = rc;
			return 0;
		}
	}
	int top = vp->y + 1, bottom = vp->y + vp->h - 1 - l->ph;
	if (rc.y < top && top <= bottom)
		rc.y = top;
	else if (rc.y > bottom && top <= bottom)
		rc.y = bottom;
	*out = rc;
	/* what an eavesdropper read keeps a little off the boxes too: one
	 * touching a box's border reads as lying over it (lesson 14 at
	 * 800.208 s, 1280 x 720: the 554 on Alice's laptop) */
	int m = hop && hop->keep ? a->panels.line + 2 : 0;
	SDL_Rect room = { rc.x - m, rc.y - m, rc.w + 2 * m, rc.h + 2 * m };
	return render_topology_crowded(a, rc) == 0 && (m == 0 || render_topology_crowded(a, room) == 0) &&
	       render_pill_own(a, hop, rc) &&
	       (!(moved || k > 0 || (hop && hop->keep)) || !render_pill_foreign(o, rc)) && render_pill_tie_clear(a, o, rc);
}

/* A place for layout l: on the packet, above or below it, else at a
 * point of its route, nearest the packet first (side: beside them).  1,
 * *out and the point it hangs from in *o (the packet, else that point),
 * or 0. */
static int render_pill_spot(const struct render_app *a, const struct render_pill_hop *hop,
                            const struct render_pill_from *packet, const struct render_pill_layout *l, int side,
                            SDL_Rect *out, struct render_pill_from *o)
{
	int nk = side ? 2 : RENDER_PILL_SPOTS;
	*o = *packet;
	for (int k = 0; k < nk; k++)
		if (render_pill_try(a, hop, o, l, k, 0, side, out))
			return 1;
	if (!hop || hop->n < 2)
		return 0;
	float ds = fmaxf(4, (float)l->ph / (side ? 8 : 2));   /* beside: where the room is a label high, just */
	/* not farther along the route from the packet than half the label's
	 * width or four of its heights (hop->reach times): hung from its line
	 * far off it read as the packet's place (lesson 06 at 1.419 s, 1080p
	 * presenter: the 550 reply's "TLS ciphertext, 172 bytes" by ISP A's
	 * mail server while the packet crossed the Internet); beyond, a tie
	 * to the packet itself (render_pill_tied) or a dot.  A stretch given
	 * (render_pill_place_in) is searched whole. */
	float far = hop->keep ? hop->len : hop->reach * fmaxf((float)l->pw / 2, 4.0f * (float)l->ph);
	for (float d = ds; d <= hop->len && d <= far; d += ds)
		for (int dir = 1; dir >= -1; dir -= 2) {
			float s = hop->at + (float)dir * d, x, y;
			if (s < hop->lo || s > hop->hi)
				continue;
			render_pill_hop_xy(hop, s, &x, &y);
			render_pill_from_at(a, x, y, 1, o);
			for (int k = 0; k < nk; k++)
				if (render_pill_try(a, hop, o, l, k, 1, side, out))
					return 1;
		}
	*o = *packet;
	return 0;
}

/* Is the byte at s[i] (a character's first) one a label may be
 * shortened before: a space, a dot (a domain loses its tail,
 * "mail.ispb…"), an opening bracket, or what follows '@', ',', '/' or
 * '-'? */
static int render_pill_boundary(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	char c = s[i], b = s[i - 1];
	return c == ' ' || c == '<' || c == '(' || strncmp(s + i, "（", strlen("（")) == 0 ||
	       (b != ' ' && (c == '.' || b == '@' || b == ',' || b == '/' || b == '-'));
}

/* A sealed label's text (RENDER_SEAL_ROOM, then ui.wire.tls: "TLS
 * ciphertext, 57 bytes") without "TLS", which its padlock says: "暗号文
 * 57バイト" / "ciphertext 57 B" (ui.wire.tls.brief), its room kept
 * (lead: its length), else "暗号文" / "ciphertext" alone.  Cut in the
 * middle as other labels are, it kept "TLS … 57 バイト" and lost the word
 * the lesson is about.  1 and out (of size n) where that fits maxw at
 * px, else 0. */
static int render_pill_sealed_brief(struct render_app *a, enum render_font_face face, int px, const char *text,
                                    size_t lead, int maxw, char *out, size_t n)
{
	size_t e = strlen(text), b;
	while (e > lead && !(text[e - 1] >= '0' && text[e - 1] <= '9'))
		e--;
	for (b = e; b > lead && text[b - 1] >= '0' && text[b - 1] <= '9'; b--)
		;
	if (b == e || e - b >= 16)
		return 0;
	char bytes[16];
	memcpy(bytes, text + b, e - b);
	bytes[e - b] = '\0';
	const char *args[] = { "bytes", bytes, NULL };
	struct sbuf t = { 0 };
	int ok = 0;
	/* with its size, else the word alone (lesson 11 at 75.138 s, 720p
	 * presenter: the font cut it to "TLS の暗号文 3…", a figure cut) */
	for (int k = 0; k < 2 && !ok; k++) {
		sbuf_reset(&t);
		sbuf_add(&t, text, lead);
		i18n_format(a->cat[a->lang], k ? "ui.wire.tls.word" : "ui.wire.tls.brief", args, &t);
		int w = 0, h = 0;
		if (t.s && t.len < n) {
			memcpy(out, t.s, t.len + 1);
			render_font_size(a->font, face, px, RENDER_FONT_LINE, 0, out, &w, &h);
			ok = w <= maxw;
		}
	}
	sbuf_free(&t);
	return ok;
}

/* text shortened to fit maxw at px on one line, meaningfully: its
 * longest head that ends where a word or a domain's label does, and "…"
 * (issue 11: "S: 220 mail.ispb.ex…" cut inside the domain's label where
 * no place had room for it whole; now "S: 220 mail.ispb…").  A head
 * shorter than its first three such pieces ("S: 220 mail") keeps no
 * meaning; nor one that leaves out more than its first word and last
 * two: 0, and the caller cuts it as the font does.  1 and out (of size
 * n) else. */
int render_pill_shorten(struct render_app *a, enum render_font_face face, int px, const char *text, int maxw, char *out,
                        size_t n)
{
	size_t len = strlen(text), lead = 0, least = len;
	while (lead < len && text[lead] == ' ')   /* a padlock's room (render_seal) */
		lead++;
	for (size_t i = lead + 1, pieces = 0; i < len; i++)
		if ((text[i] & 0xC0) != 0x80 && text[i - 1] != ' ' && render_pill_boundary(text, i) && ++pieces == 3) {
			least = i;
			break;
		}
	int w = 0, h = 0;
	render_font_size(a->font, face, px, RENDER_FONT_LINE, 0, text, &w, &h);
	if (w <= maxw || len + 4 > n)
		return 0;
	if (lead > 0 && render_pill_sealed_brief(a, face, px, text, lead, maxw, out, n))
		return 1;
	for (size_t i = len - 1; i >= least; i--) {
		if ((text[i] & 0xC0) == 0x80 || !render_pill_boundary(text, i))
			continue;
		size_t k = i;
		while (k > lead && text[k - 1] == ' ')
			k--;
		if (k < least)
			break;
		if (text[k - 1] >= '0' && text[k - 1] <= '9')
			continue;   /* a figure without its unit says nothing ("TLS ciphertext, 57…") */
		memcpy(out, text, k);
		memcpy(out + k, "…", strlen("…") + 1);
		render_font_size(a->font, face, px, RENDER_FONT_LINE, 0, out, &w, &h);
		if (w <= maxw)
			return 1;
	}
	/* else its first word and its last two, what is between them left
	 * out: "TLS … 57 bytes" (the English "TLS ciphertext, 57 bytes" had
	 * no room for "TLS ciphertext, 57 bytes" nor a head that ends in a
	 * word, but its figure) */
	size_t first = lead + strcspn(text + lead, " "), last = len, spaces = 0;
	while (last > first && !(text[last - 1] == ' ' && ++spaces == 2))
		last--;
	if (spaces < 2 || last <= first + 1)
		return 0;
	memcpy(out, text, first);
	memcpy(out + first, " … ", strlen(" … "));
	memcpy(out + first + strlen(" … "), text + last, len - last + 1);
	render_font_size(a->font, face, px, RENDER_FONT_LINE, 0, out, &w, &h);
	return w <= maxw;
}

/* Text at px on one line (no wider than cap), on two lines (no narrower
 * than maxw), then on two lines narrower than maxw, appended to out at
 * *n: each as found. */
static void render_pill_layouts_at(struct render_app *a, enum render_font_face face, int px, const char *text,
                                   int maxw, int cap, struct render_pill_layout *out, int *n)
{
	int w = 0, h = 0, lh = render_font_line_height(a->font, face, px);
	render_font_size(a->font, face, px, RENDER_FONT_LINE, 0, text, &w, &h);
	if (w <= cap)
		out[(*n)++] = (struct render_pill_layout){ px, RENDER_FONT_LINE, 0, w, h, lh, text };
	/* two lines, as narrow as breaking between words allows ("C: MAIL"
	 * over "FROM:<alice@ispa.example>"); then, where those found no
	 * place, two lines narrower than maxw (lesson 11's reply to Dave's
	 * PC, beside a route up and down with a region's edge close by) */
	for (int narrow = 0; narrow < 2; narrow++)
		for (int tenth = 5; tenth < 10; tenth++) {
			int ww = w * tenth / 10 + 2 * px, w2 = 0, h2 = 0;
			if (!narrow)
				ww = ww > maxw ? ww : maxw;
			if (ww >= w || (narrow ? ww >= maxw : ww > cap))
				break;
			render_font_size(a->font, face, px, RENDER_FONT_WRAP, ww, text, &w2, &h2);
			if (h2 <= 2 * lh + 1 && !render_font_wrap_cuts(a->font, face, px, ww, text)) {
				out[(*n)++] = (struct render_pill_layout){ px, RENDER_FONT_WRAP, ww, w2, h2, lh, text };
				break;
			}
		}
}

/* The ways to lay text out, best first, at px -- in presenter mode at
 * the back row's size at least (issue 11: the map's px there is 20-21
 * at 1080p, and 6 of 16 labels at render_names' moments were set so):
 * whole (render_pill_layouts_at), then shortened to maxw into brief (of
 * size nbrief) where that keeps its meaning (render_pill_shorten), else
 * cut at maxw; the last is what the fallback places.  The current row's
 * label (keep) where no place has room for it at the back row's size is
 * drawn at the map's px rather than as a dot (lesson 12 at 350 s in
 * English at 1080p: the spammers' DNS query in the data centre's packed
 * region): its whole layouts at px come before the last.  Returns how
 * many. */
static int render_pill_layouts(struct render_app *a, enum render_font_face face, int px, const char *text, int maxw,
                               int keep, struct render_pill_layout *out, char *brief, size_t nbrief)
{
	int n = 0, big = (int)lroundf(24 * a->panels.s), small = px;
	if (a->presenter && big > px)
		px = big;
	int cap = a->panels.topo.w / 2 > maxw ? a->panels.topo.w / 2 : maxw;
	render_pill_layouts_at(a, face, px, text, maxw, cap, out, &n);
	struct render_pill_layout last;
	int w = 0, h = 0, lh = render_font_line_height(a->font, face, px);
	if (render_pill_shorten(a, face, px, text, maxw, brief, nbrief)) {
		render_font_size(a->font, face, px, RENDER_FONT_LINE, 0, brief, &w, &h);
		last = (struct render_pill_layout){ px, RENDER_FONT_LINE, 0, w, h, lh, brief };
		if (keep && small < px)
			out[n++] = last;
	} else {
		render_font_size(a->font, face, px, RENDER_FONT_FIT, maxw, text, &w, &h);
		last = (struct render_pill_layout){ px, RENDER_FONT_FIT, maxw, w, h, lh, text };
	}
	if (keep && small < px)
		render_pill_layouts_at(a, face, small, text, maxw, cap, out, &n);
	out[n++] = last;
	for (int i = 0; i < n; i++) {
		out[i].pw = out[i].pw + 2 * (out[i].px / 3 + 2);
		out[i].ph += 2;
	}
	return n;
}

/* Draw the label in layout l at rc. */
static void render_pill_draw(struct render_app *a, enum render_font_face face, const struct render_pill_layout *l,
                             const char *text, SDL_Rect rc, uint32_t bg, int sealed)
{
	render_draw_round(a->ren, rc, l->lh / 2 < rc.h / 2 ? l->lh / 2 : rc.h / 2, bg);
	render_font_draw(a->font, face, l->px, 0xFFFFFFFFu, (enum render_font_mode)l->mode, l->maxw, l->s ? l->s : text,
			 rc.x + l->px / 3 + 2, rc.y + 1, NULL);
	if (sealed)
		render_traffic_seal(a, rc, l->px);
}

/* Record the label at rc, its text set at px, as drawn over the map
 * (anchor: the point of its route it hangs from, when that is not its
 * packet), with its connection. */
static void render_pill_record(struct render_app *a, SDL_Rect rc, int px, SDL_Rect anchor, int conn)
{
	render_topology_place_over_by(a, rc, RENDER_TOPOLOGY_OVER_PILL, anchor);
	if (a->place && a->place->nover > 0) {
		a->place->over[a->place->nover - 1].conn = conn;
		a->place->over[a->place->nover - 1].px = px;
	}
}

/* Draw the label of layout l at rc hanging from o (its packet at p): the
 * tie from o, a dot where the tie starts, or at the packet where the
 * label moved along the route. */
static void render_pill_put(struct render_app *a, enum render_font_face face, const struct render_pill_layout *l,
                            const char *text, SDL_Rect rc, const struct render_pill_from *o,
                            const struct render_pill_from *p, uint32_t bg, int sealed, int conn)
{
	float sx, sy, ex, ey;
	int moved = o->x != p->x || o->y != p->y;
	if (render_pill_tie(a, o, rc, &sx, &sy, &ex, &ey)) {
		render_topology_place_tie(a, sx, sy, ex, ey, bg, RENDER_TOPOLOGY_OVER_PILL);
		if (!moved)
			render_draw_disc(a->ren, sx, sy, (float)a->panels.line * 2.0f, bg);
	}
	if (moved) {   /* the packet itself stays marked on the wire */
		int d = l->px / 2 + 2;
		SDL_Rect dot = { (int)p->x - d / 2, (int)p->y - d / 2, d, d };
		if (render_topology_crowded(a, dot) == 0)
			render_draw_fill(a->ren, dot, bg);
	}
	render_pill_draw(a, face, l, text, rc, bg, sealed);
	render_pill_record(a, rc, l->px, moved ? (SDL_Rect){ (int)o->x, (int)o->y, 1, 1 } : (SDL_Rect){ 0, 0, 0, 0 },
			   conn);
}

/* Does the tie (x0, y0)-(x1, y1), as wide as it is drawn, touch a box, a
 * router or a tray other than the box the packet at (px, py) is in?  (The
 * free-place search sets a tie's ends aside, and a tray lies a few pixels
 * below its box: lesson 07 in presenter mode at 1080p, a tie from ISP B's
 * server grazed its INBOX tray.) */
static int render_pill_tie_grazes(const struct render_app *a, float x0, float y0, float x1, float y1, float px,
                                  float py)
{
	int m = a->panels.line / 2 + 1;
	SDL_Point p = { (int)px, (int)py };
	for (size_t i = 0; a->place && i < a->place->nlab; i++) {
		const struct render_topology_label *l = &a->place->lab[i];
		if (l->kind != RENDER_TOPOLOGY_HOST && l->kind != RENDER_TOPOLOGY_ROUTER && l->kind != RENDER_TOPOLOGY_TRAY)
			continue;
		if (SDL_PointInRect(&p, &l->rc))
			continue;
		SDL_Rect rc = { l->rc.x - m, l->rc.y - m, l->rc.w + 2 * m, l->rc.h + 2 * m };
		int ax = (int)lroundf(x0), ay = (int)lroundf(y0), bx = (int)lroundf(x1), by = (int)lroundf(y1);
		if (SDL_IntersectRectAndLine(&rc, &ax, &ay, &bx, &by))
			return 1;
	}
	return 0;
}

/* The nearest free place for layout l tied to its packet p (near, else
 * farther): one whose tie crosses nothing and that is its own route's;
 * else (loose, and not in presenter mode) the nearest free place that is
 * its own route's.  A tie across a box or a tray (or, in presenter mode
 * or strict, any tie not clear) hides it as the label would.  What an eavesdropper read (must 2)
 * keeps off the boxes by a margin too (touching one's border, it reads as
 * lying over it).  1 and *away, or 0. */
static int render_pill_tied(struct render_app *a, const struct render_pill_hop *hop, const struct render_pill_from *p,
                            const struct render_pill_layout *l, int must, int loose_ok, SDL_Rect *away)
{
	SDL_Rect off[RENDER_PILL_REGIONS], none = { 0, 0, 0, 0 };
	int noff = 0, m = a->panels.line + 2;
	for (int j = 0; j < p->nf && noff < RENDER_PILL_REGIONS; j++)
		off[noff++] = p->fr[j];
	for (size_t i = 0; must > 1 && i < a->nhits && noff < RENDER_PILL_REGIONS; i++)
		if (a->hits[i].kind == RENDER_APP_HIT_HOST)
			off[noff++] = (SDL_Rect){ a->hits[i].rc.x - m, a->hits[i].rc.y - m, a->hits[i].rc.w + 2 * m,
			                          a->hits[i].rc.h + 2 * m };
	int got = 0, loose = 0;
	SDL_Rect any = none;
	for (int far = 0; !got && far < 2; far++) {
		int max_d = far ? 12 * l->ph + l->pw : 6 * l->ph + l->pw / 2;
		int r = render_traffic_tied_spot_off(a, p->x, p->y, l->pw, l->ph, max_d, none, off, noff, away);
		got = r == 2 && render_pill_own(a, hop, *away);
		if (r && !loose && render_pill_own(a, hop, *away)) {
			loose = 1;
			any = *away;
		}
	}
	if (!got && loose && loose_ok && !a->presenter) {
		got = 1;
		*away = any;
	}
	/* (in normal mode too: lesson 09 at 2.117 s at 1280 x 720, "TLS の暗号文
	 * 36 バイト" hung under ISP B's mail server on a tie down between its
	 * trays and through the SPF card) */
	if (got) {
		float ax = (float)away->x + (float)l->pw / 2, ay = (float)away->y + (float)l->ph / 2, sx, sy;
		render_traffic_tie_start(a, p->x, p->y, ax, ay, &sx, &sy);
		got = !render_pill_tie_grazes(a, sx, sy, ax, ay, p->x, p->y);
	}
	return got;
}

/* The place the current row's label of layout l, on connection conn, was
 * tied to last (a->pill_memo), if it is still free, its own route's, off
 * other networks' regions and its tie clear of boxes and labels: 1 and
 * *rc.  A search per frame (render_pill_tied) cost the frame half a
 * millisecond, and let the label jump about while its packet moved. */
static int render_pill_tied_kept(const struct render_app *a, const struct render_pill_hop *hop,
                                 const struct render_pill_from *p, const struct render_pill_layout *l, int conn,
                                 SDL_Rect *rc)
{
	const SDL_Rect m = a->pill_memo.rc;
	if (a->pill_memo.conn < 0 || a->pill_memo.conn != conn || a->pill_memo.none || a->pill_memo.w != l->pw ||
	    a->pill_memo.h != l->ph)
		return 0;
	SDL_Point at = { (int)p->x, (int)p->y };
	float d = hypotf((float)m.x + (float)m.w / 2 - p->x, (float)m.y + (float)m.h / 2 - p->y);
	if (d > (float)(12 * l->ph + l->pw) || SDL_PointInRect(&at, &m) || render_topology_crowded(a, m) != 0 ||
	    !render_pill_own(a, hop, m) ||
	    render_pill_foreign(p, m) || !render_pill_tie_clear(a, p, m))
		return 0;
	float ax = (float)m.x + (float)l->pw / 2, ay = (float)m.y + (float)l->ph / 2, sx, sy;
	render_traffic_tie_start(a, p->x, p->y, ax, ay, &sx, &sy);
	if (render_pill_tie_grazes(a, sx, sy, ax, ay, p->x, p->y))
		return 0;
	*rc = m;
	return 1;
}

/* Draw the label of layout l at away, tied to its packet p. */
static void render_pill_put_tied(struct render_app *a, enum render_font_face face, const char *text,
                                 const struct render_pill_from *p, const struct render_pill_layout *l, SDL_Rect away,
                                 uint32_t bg, int sealed, int conn)
{
	float ax = (float)away.x + (float)l->pw / 2, ay = (float)away.y + (float)l->ph / 2, sx, sy;
	render_traffic_tie_start(a, p->x, p->y, ax, ay, &sx, &sy);
	render_topology_place_tie(a, sx, sy, ax, ay, bg, RENDER_TOPOLOGY_OVER_PILL);
	render_draw_disc(a->ren, sx, sy, (float)a->panels.line * 2.0f, bg);
	render_pill_draw(a, face, l, text, away, bg, sealed);
	render_pill_record(a, away, l->px, (SDL_Rect){ (int)p->x, (int)p->y, 1, 1 }, conn);
}

/* The old way, for a label with no place on its route in any layout:
 * the packet's spot that hides least; for the current row's, with none
 * free, the nearest free place tied to it (render_pill_tied); else a
 * dot. */
static int render_pill_fallback(struct render_app *a, enum render_font_face face, const char *text,
                                const struct render_pill_hop *hop, const struct render_pill_from *p,
                                const struct render_pill_layout *l, uint32_t bg, int must, int sealed, int conn)
{
	SDL_Rect spot[RENDER_PILL_SPOTS], away;
	for (int k = 0; k < RENDER_PILL_SPOTS; k++)
		render_pill_try(a, hop, p, l, k, 0, 0, &spot[k]);
	int k = render_topology_pick(a, spot, RENDER_PILL_SPOTS);
	int hidden = render_topology_crowded(a, spot[k]) > 0 || !render_pill_own(a, hop, spot[k]) ||
		     (a->presenter && !render_pill_tie_clear(a, p, spot[k]));
	if (!hidden) {
		render_pill_put(a, face, l, text, spot[k], p, p, bg, sealed, conn);
		return 1;
	}
	if (must && render_pill_tied(a, hop, p, l, must, 1, &away)) {
		render_pill_put_tied(a, face, text, p, l, away, bg, sealed, conn);
		return 1;
	}
	/* No room to read it: a dot on the wire (the event list tells it),
	 * none where it would hide a letter of a box's name. */
	int d = l->px / 2 + 2;
	SDL_Rect dot = { (int)p->x - d / 2, (int)p->y - d / 2, d, d };
	if (render_topology_crowded(a, dot) == 0)
		render_draw_fill(a->ren, dot, bg);
	return 0;
}

/* render_pill_place's, along the stretch lo .. hi (fractions of rt's
 * length) only, or (lo < 0) all of it. */
static int render_pill_place_range(struct render_app *a, enum render_font_face face, int px, const char *text,
                                   const struct render_topology_route *rt, float g, float lo, float hi, float x,
                                   float y, int maxw, uint32_t bg, int must, int sealed, int conn)
{
	struct render_pill_hop hop, *h = NULL;
	if (rt && rt->n >= 2) {
		render_pill_hop_of(rt, g, &hop);
		if (lo >= 0) {
			hop.lo = lo * hop.len;
			hop.hi = hi * hop.len;
			hop.keep = 1;
		}
		h = &hop;
	}
	struct render_pill_from p, o;
	render_pill_from_at(a, x, y, lo >= 0, &p);
	struct render_pill_layout l[RENDER_PILL_LAYOUTS];
	char brief[128];
	int n = render_pill_layouts(a, face, px, text, maxw, must != 0, l, brief, sizeof brief);
	/* above or below in every layout first, then beside (what found a
	 * place above or below keeps it); whole, then -- the current row's --
	 * whole a short tie away, before the layout cut with "…" (lesson 03
	 * at 1.19 s in presenter mode at 1080p: "S: 220 mail.ispb.ex…" on its
	 * route with the room for it whole beside) */
	SDL_Rect rc;
	for (int side = 0; side < 2; side++)
		for (int i = 0; i < n - 1; i++)
			if (render_pill_spot(a, h, &p, &l[i], side, &rc, &o)) {
				render_pill_put(a, face, &l[i], text, rc, &o, &p, bg, sealed, conn);
				return 1;
			}
	/* (the search once, not each frame while the packet stays within a
	 * few pixels of where none was found) */
	int searched = must == 1 && a->pill_memo.conn == conn && a->pill_memo.none && fabsf(a->pill_memo.x - p.x) < 8 &&
		       fabsf(a->pill_memo.y - p.y) < 8;
	for (int i = 0; must && !searched && i < n - 1; i++)
		if ((must == 1 && render_pill_tied_kept(a, h, &p, &l[i], conn, &rc)) ||
		    render_pill_tied(a, h, &p, &l[i], must, 0, &rc)) {
			a->pill_memo.conn = conn;
			a->pill_memo.w = l[i].pw;
			a->pill_memo.h = l[i].ph;
			a->pill_memo.rc = rc;
			a->pill_memo.none = 0;
			render_pill_put_tied(a, face, text, &p, &l[i], rc, bg, sealed, conn);
			return 1;
		}
	if (must == 1 && !searched) {
		a->pill_memo.conn = conn;
		a->pill_memo.none = 1;
		a->pill_memo.x = p.x;
		a->pill_memo.y = p.y;
	}
	for (int side = 0; side < 2; side++)
		if (render_pill_spot(a, h, &p, &l[n - 1], side, &rc, &o)) {
			render_pill_put(a, face, &l[n - 1], text, rc, &o, &p, bg, sealed, conn);
			return 1;
		}
	/* the current row's, with no place near and no tie: farther along,
	 * three times as far at most, rather than none (lesson 11 at 40.339 s
	 * in presenter mode: the relay's "250 … queued" to Dave's PC) */
	for (int side = 0; must && h && side < 2; side++)
		for (int i = 0; i < n; i++) {
			h->reach = 3;
			int got = render_pill_spot(a, h, &p, &l[i], side, &rc, &o);
			h->reach = 1;
			if (got) {
				render_pill_put(a, face, &l[i], text, rc, &o, &p, bg, sealed, conn);
				return 1;
			}
		}
	return render_pill_fallback(a, face, text, h, &p, &l[n - 1], bg, must, sealed, conn);
}

int render_pill_place(struct render_app *a, enum render_font_face face, int px, const char *text,
                      const struct render_topology_route *rt, float g, float x, float y, int maxw, uint32_t bg,
                      int must, int sealed, int conn)
{
	return render_pill_place_range(a, face, px, text, rt, g, -1, -1, x, y, maxw, bg, must, sealed, conn);
}

int render_pill_place_in(struct render_app *a, enum render_font_face face, int px, const char *text,
                         const struct render_topology_route *rt, float g, float lo, float hi, float x, float y,
                         int maxw, uint32_t bg, int sealed, int conn)
{
	return render_pill_place_range(a, face, px, text, rt, g, lo, hi, x, y, maxw, bg, 2, sealed, conn);
}
