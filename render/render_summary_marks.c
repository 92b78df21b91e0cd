/* render_summary_marks — the summary picture's marks over its arrows:
 * each arrow's end (an arrowhead, or a ✕ back along it where it was
 * stopped), the tag beside it (✓, × OP25B, × 554) and each path's
 * numbered label, each placed where it hides nothing (render_summary.c
 * draws the arrows and the legend).  Placing them is most of a summary
 * frame's time (ties searched round what is in the way), and from one
 * frame to the next nothing they depend on changes: what a frame drew and
 * recorded is kept with a key of all it read, and replayed while the key
 * is the same. */
#include "render_summary_marks.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_summary_tie.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_ui.h"
#include "render_view.h"
#include "util.h"

#define RENDER_SUMMARY_MARKS_ROUTE_MAX RENDER_TOPOLOGY_MAX_POINTS

/* What placing the marks does to the frame, in order: the drawing calls
 * and what is recorded in a->place (and a->taken). */
enum render_summary_marks_op_kind {
	RENDER_SUMMARY_MARKS_OP_ARROWHEAD,   /* render_draw_arrowhead: f[0..4], col[0] */
	RENDER_SUMMARY_MARKS_OP_DISC,        /* render_draw_disc: f[0..2], col[0] */
	RENDER_SUMMARY_MARKS_OP_CROSS,       /* render_draw_cross: f[0..3], col[0] */
	RENDER_SUMMARY_MARKS_OP_TIE,         /* render_topology_place_tie: f[0..3], col[0], n the kind */
	RENDER_SUMMARY_MARKS_OP_PILL,        /* render_topology_pill: text, n px, f[0..1] the centre,
	                                      * col bg, fg, edge (bold, 500 wide at most) */
	RENDER_SUMMARY_MARKS_OP_OVER,        /* render_topology_place_over: rc, n the kind */
	RENDER_SUMMARY_MARKS_OP_COUNT
};

struct render_summary_marks_op {
	enum render_summary_marks_op_kind kind;
	float f[5];
	uint32_t col[3];
	SDL_Rect rc;
	int n;
	char text[96];
};

struct render_summary_memo {
	uint64_t key;              /* of everything the marks were placed from */
	int valid;
	struct render_summary_marks_op *op;
	size_t nop, cap;
};

void render_summary_marks_free(struct render_summary *s)
{
	if (!s || !s->memo)
		return;
	free(s->memo->op);
	free(s->memo);
	s->memo = NULL;
}

/* Does op: draws it, or records it in a->place. */
static void render_summary_marks_run(struct render_app *a, struct render_summary_marks_op *op)
{
	switch (op->kind) {
	case RENDER_SUMMARY_MARKS_OP_ARROWHEAD:
		render_draw_arrowhead(a->ren, op->f[0], op->f[1], op->f[2], op->f[3], op->f[4], op->col[0]);
		break;
	case RENDER_SUMMARY_MARKS_OP_DISC:
		render_draw_disc(a->ren, op->f[0], op->f[1], op->f[2], op->col[0]);
		break;
	case RENDER_SUMMARY_MARKS_OP_CROSS:
		render_draw_cross(a->ren, op->f[0], op->f[1], op->f[2], op->f[3], op->col[0]);
		break;
	case RENDER_SUMMARY_MARKS_OP_TIE:
		render_topology_place_tie(a, op->f[0], op->f[1], op->f[2], op->f[3], op->col[0],
					  (enum render_topology_over)op->n);
		break;
	case RENDER_SUMMARY_MARKS_OP_PILL:
		op->rc = render_topology_pill(a, RENDER_FONT_BOLD, op->n, op->text, op->f[0], op->f[1], 500, op->col[0],
					      op->col[1], op->col[2]);
		break;
	case RENDER_SUMMARY_MARKS_OP_OVER:
		render_topology_place_over(a, op->rc, (enum render_topology_over)op->n);
		break;
	case RENDER_SUMMARY_MARKS_OP_COUNT:
	default:
		PANIC("unexpected summary mark op %d", (int)op->kind);
	}
}

/* Does op (filled in but for its kind) and keeps it in the memo. */
static void render_summary_marks_do(struct render_app *a, enum render_summary_marks_op_kind kind,
                                    struct render_summary_marks_op *op)
{
	op->kind = kind;
	render_summary_marks_run(a, op);
	struct render_summary_memo *m = a->summary.memo;
	if (m->nop == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->op = xrealloc(m->op, m->cap * sizeof *m->op);
	}
	m->op[m->nop++] = *op;
}

static void render_summary_marks_disc(struct render_app *a, float cx, float cy, float r, uint32_t col)
{
	struct render_summary_marks_op op = { .f = { cx, cy, r }, .col = { col } };
	render_summary_marks_do(a, RENDER_SUMMARY_MARKS_OP_DISC, &op);
}

static void render_summary_marks_over(struct render_app *a, SDL_Rect rc, enum render_topology_over kind)
{
	struct render_summary_marks_op op = { .rc = rc, .n = (int)kind };
	render_summary_marks_do(a, RENDER_SUMMARY_MARKS_OP_OVER, &op);
}

/* render_topology_pill, bold, at most 500 pixels wide; returns its rect. */
static SDL_Rect render_summary_marks_pill(struct render_app *a, int px, const char *text, float cx, float cy,
                                          uint32_t bg, uint32_t fg, uint32_t edge)
{
	struct render_summary_marks_op op = { .f = { cx, cy }, .col = { bg, fg, edge }, .n = px };
	snprintf(op.text, sizeof op.text, "%s", text);
	render_summary_marks_do(a, RENDER_SUMMARY_MARKS_OP_PILL, &op);
	return op.rc;
}

/* Tie t drawn in col and recorded (render_topology_place_tie, kind: the
 * label's) so that what is placed after keeps off it and the checks see
 * it. */
static void render_summary_marks_tie(struct render_app *a, const struct render_summary_tie *t, uint32_t col,
                                     enum render_topology_over kind)
{
	for (int i = 1; i < t->n; i++) {
		struct render_summary_marks_op op = { .f = { t->x[i - 1], t->y[i - 1], t->x[i], t->y[i] },
						      .col = { col }, .n = (int)kind };
		render_summary_marks_do(a, RENDER_SUMMARY_MARKS_OP_TIE, &op);
	}
}

/* The box drawn for a node this frame (a host's or a router's hit box). */
static int render_summary_marks_box(const struct render_app *a, int node, SDL_Rect *out)
{
	const struct render_app_hitbox *h = node < a->sc->nhosts
		? render_app_hit_find(a, RENDER_APP_HIT_HOST, node, -1)
		: render_app_hit_find(a, RENDER_APP_HIT_ROUTER, node - a->sc->nhosts, -1);
	if (!h)
		return 0;
	*out = h->rc;
	return 1;
}

/* Where the segment from (x0,y0) into box's centre (x1,y1) crosses the
 * box's edge (the segment's end if it never does). */
static void render_summary_marks_edge(SDL_Rect box, float x0, float y0, float x1, float y1, float *ex, float *ey)
{
	float t = 1.0f;
	float dx = x1 - x0, dy = y1 - y0;
	float l = (float)box.x - 2, r = (float)(box.x + box.w) + 2, tp = (float)box.y - 2, b = (float)(box.y + box.h) + 2;
	/* Walk back from the end until outside the box (boxes are convex). */
	for (int i = 0; i < 40; i++) {
		float px = x0 + dx * t, py = y0 + dy * t;
		if (px < l || px > r || py < tp || py > b)
			break;
		t -= 0.025f;
		if (t <= 0) {
			t = 0;
			break;
		}
	}
	*ex = x0 + dx * t;
	*ey = y0 + dy * t;
}

/* 1 if the point (x, y) of a path shows: under no host's or router's box
 * (a route runs from box centre to box centre). */
static int render_summary_marks_shows(const struct render_app *a, float x, float y)
{
	SDL_Point pt = { (int)lroundf(x), (int)lroundf(y) };
	for (size_t i = 0; i < a->nhits; i++) {
		const struct render_app_hitbox *h = &a->hits[i];
		SDL_Rect near = { h->rc.x - 3, h->rc.y - 3, h->rc.w + 6, h->rc.h + 6 };
		if ((h->kind == RENDER_APP_HIT_HOST || h->kind == RENDER_APP_HIT_ROUTER) && SDL_PointInRect(&pt, &near))
			return 0;
	}
	return 1;
}

/* The short mark at an arrow's end: ✓, or × and what stopped it. */
static void render_summary_marks_tag(const struct render_app *a, const struct render_summary_path *p, char *buf,
                                     size_t bufsz)
{
	switch (p->end) {
	case RENDER_SUMMARY_ACCEPTED:
	case RENDER_SUMMARY_THROUGH:
		if (p->junk || render_summary_clear(p))
			snprintf(buf, bufsz, "✓ %s",
				 render_app_text(a, p->junk ? "ui.summary.tag_junk" : "ui.summary.tag_clear"));
		else
			snprintf(buf, bufsz, "✓");
		break;
	case RENDER_SUMMARY_OPEN:
		snprintf(buf, bufsz, "…");
		break;
	case RENDER_SUMMARY_RULE:
		snprintf(buf, bufsz, "× %s", render_view_rule_name(a, p->router, p->rule));
		break;
	case RENDER_SUMMARY_REFUSED:
		snprintf(buf, bufsz, "× %s", render_app_text(a, "ui.summary.tag_refused"));
		break;
	case RENDER_SUMMARY_TIMEOUT:
		snprintf(buf, bufsz, "× %s", render_app_text(a, "ui.summary.tag_timeout"));
		break;
	case RENDER_SUMMARY_REPLY:
		if (p->code)
			snprintf(buf, bufsz, "× %d", p->code);
		else
			snprintf(buf, bufsz, "× %s", p->proto == PROTO_POP3 ? "-ERR" : "NO");
		break;
	case RENDER_SUMMARY_END_COUNT:
	default:
		PANIC("unexpected summary end %d", (int)p->end);
	}
}

/* Where a stopped arrow's ✕ goes: back along the arrow (its points x, y
 * up to from, then the end ex, ey where it meets the last box) to the
 * first place where its disc of radius r is clear of the box and hides no
 * label, chip or mark placed before it; else the place that hides least
 * (counting its own box as well).  Returns its rect; its centre in *cx, *cy. */
static SDL_Rect render_summary_marks_cross_at(const struct render_app *a, SDL_Rect box, const float *x, const float *y,
                                              int from, float ex, float ey, float r, float reach, float *cx, float *cy,
                                              long *hides)
{
	SDL_Rect best = { (int)(ex - r), (int)(ey - r), (int)(2 * r), (int)(2 * r) };
	long least = -1;
	*cx = ex;
	*cy = ey;
	*hides = 0;
	float walked = 0, bx = ex, by = ey;   /* the stretch's far end, walking back */
	for (int k = from; k >= 0 && walked < reach; k--) {
		float dx = bx - x[k], dy = by - y[k], len = hypotf(dx, dy);
		for (float d = 0; d < len && walked + d < reach; d += 1.0f) {
			float px = bx - dx / len * d, py = by - dy / len * d;
			SDL_Rect rc = { (int)(px - r), (int)(py - r), (int)(2 * r), (int)(2 * r) };
			long c = render_topology_crowded(a, rc);
			/* an arrow coming in aslant would leave it on the name: on
			 * its own box only where every other place hides more */
			if (box.w > 0 && SDL_HasIntersection(&rc, &box))
				c += 4 * (long)r * (long)r;
			if (least < 0 || c < least) {
				least = c;
				best = rc;
				*cx = px;
				*cy = py;
			}
			if (c == 0)
				return best;
		}
		walked += len;
		bx = x[k];
		by = y[k];
	}
	*hides = least;
	return best;
}

/* A ✕ of radius r that has no clear place on its arrow: touching the end's
 * box, within three radii of the arrow's end (ex, ey), where it hides
 * nothing -- the nearest such place: 1, its rect and centre; else 0. */
static int render_summary_marks_cross_beside(const struct render_app *a, SDL_Rect box, float ex, float ey, float r,
                                             SDL_Rect *out, float *cx, float *cy)
{
	enum { STEPS = 8 };
	float best = -1, g = r + 2;
	for (int side = 0; side < 4 && box.w > 0; side++)
		for (int k = 0; k <= STEPS; k++) {
			float px, py;
			render_draw_beside(box, g, side, (float)k / STEPS, &px, &py);
			float d = hypotf(px - ex, py - ey);
			SDL_Rect rc = { (int)(px - r), (int)(py - r), (int)(2 * r), (int)(2 * r) };
			if (d > 3 * r + g || (best >= 0 && d >= best) || render_topology_crowded(a, rc))
				continue;
			best = d;
			*out = rc;
			*cx = px;
			*cy = py;
		}
	return best >= 0;
}

/* The end's tag (✓, × OP25B, × 530) beside the mark at (ex, ey) (a ✕ at
 * mark, or an arrowhead: mark w 0), where it hides nothing; with no such
 * place beside it, a free place near it, tied to the mark by a line that
 * crosses nothing (render_summary_tie). */
static void render_summary_marks_end_tag(struct render_app *a, const struct render_summary_path *p, float ex, float ey,
                                         SDL_Rect mark, const struct render_summary_tie_keep *keep, float d,
                                         uint32_t col)
{
	int tpx = render_topology_px(a, 20);
	char tag[96];
	render_summary_marks_tag(a, p, tag, sizeof tag);
	int w = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, tpx, RENDER_FONT_FIT, 500, tag, &w, &h);
	w += 2 * (tpx / 3 + 2);
	h += 2;
	SDL_Rect cand[8] = {
		{ (int)(ex + d), (int)(ey - h / 2), w, h }, { (int)(ex - d) - w, (int)(ey - h / 2), w, h },
		{ (int)ex - w / 2, (int)(ey - d) - h, w, h }, { (int)ex - w / 2, (int)(ey + d), w, h },
		{ (int)(ex + d), (int)(ey - d) - h, w, h }, { (int)(ex - d) - w, (int)(ey - d) - h, w, h },
		{ (int)(ex + d), (int)(ey + d), w, h }, { (int)(ex - d) - w, (int)(ey + d), w, h },
	};
	SDL_Rect at = cand[render_topology_pick(a, cand, 8)];
	struct render_summary_tie tie;
	if (render_topology_crowded(a, at) > 0 && render_summary_tie_away(a, &ex, &ey, 1, mark, keep, w, h, &at, &tie))
		render_summary_marks_tie(a, &tie, col, RENDER_TOPOLOGY_OVER_DROP);
	SDL_Rect drawn = render_summary_marks_pill(a, tpx, tag, (float)(at.x + w / 2), (float)(at.y + h / 2), col,
						   0xFFFFFFFFu, 0);
	render_summary_marks_over(a, drawn, RENDER_TOPOLOGY_OVER_DROP);
}

/* Path i's label: "④ SMTP 587 TLS ×2". */
static void render_summary_marks_label(const struct render_app *a, size_t i, char *lbl, size_t sz)
{
	const struct render_summary_path *p = &a->summary.path[i];
	char num[16];
	render_summary_number(i, num, sizeof num);
	snprintf(lbl, sz, "%s %s %d%s", num, proto_names[p->proto], p->port, p->tls ? " TLS" : "");
	if (p->count > 1)
		snprintf(lbl + strlen(lbl), sz - strlen(lbl), " ×%d", p->count);
}

/* Path i's label (number, protocol and port) along the longest stretch of
 * its np points x, y where it hides nothing, else a free place near the
 * path, tied to where the path shows (not under a box; or its end mark at
 * end, a ✕ drawn at mark, w 0 for an arrowhead) by a line that crosses
 * nothing (render_summary_tie), with a dot there. */
static void render_summary_marks_path_label(struct render_app *a, size_t i, const float *x, const float *y, int np,
                                            const float *end, SDL_Rect mark,
                                            const struct render_summary_tie_keep *keep, uint32_t col)
{
	int px = render_topology_px(a, 17);
	char lbl[96];
	render_summary_marks_label(a, i, lbl, sizeof lbl);
	int w = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_FIT, 500, lbl, &w, &h);
	w += 2 * (px / 3 + 2);
	h += 2;
	/* Candidates along every stretch, the longest first: the middle,
	 * then off it, then beside the line. */
	static const float spots[] = { 0.5f, 0.35f, 0.65f, 0.2f, 0.8f };
	static const float side[] = { 0, -1.3f, 1.3f, -2.6f, 2.6f };
	enum { NSPOT = sizeof spots / sizeof spots[0], NSIDE = sizeof side / sizeof side[0] };
	enum { NCAND = NSPOT * NSIDE * (RENDER_SUMMARY_MARKS_ROUTE_MAX - 1) };
	SDL_Rect want[NCAND];
	/* The stretches by length, longest first. */
	int order[RENDER_SUMMARY_MARKS_ROUTE_MAX], nseg = 0;
	float len[RENDER_SUMMARY_MARKS_ROUTE_MAX];
	for (int q = 1; q < np; q++) {
		len[q] = hypotf(x[q] - x[q - 1], y[q] - y[q - 1]);
		int at = nseg++;
		for (; at > 0 && len[order[at - 1]] < len[q]; at--)
			order[at] = order[at - 1];
		order[at] = q;
	}
	int nc = 0;
	for (int si = 0; si < nseg; si++)
		for (int c = 0; c < NSPOT * NSIDE; c++) {
			int seg = order[si];
			float f = spots[c % NSPOT];
			float mx = x[seg - 1] + (x[seg] - x[seg - 1]) * f, my = y[seg - 1] + (y[seg] - y[seg - 1]) * f;
			my += (float)h * side[c / NSPOT];
			want[nc++] = (SDL_Rect){ (int)mx - w / 2, (int)my - h / 2, w, h };
		}
	SDL_Rect at = want[render_topology_pick(a, want, nc)];
	if (render_topology_crowded(a, at) > 0) {
		/* Where the tie may start: the longest stretch's middle (as
		 * before ties went round), the end mark, then every few pixels
		 * along the path where it shows. */
		enum { NAT = 96 };
		float ax[NAT], ay[NAT];
		int seg = order[0], na = 0;
		ax[na] = (x[seg - 1] + x[seg]) / 2;
		ay[na++] = (y[seg - 1] + y[seg]) / 2;
		/* its end mark, which shows where two boxes leave the arrow
		 * no stretch of its own (lesson 13's newsletter system and the
		 * service's server, in presenter mode) */
		ax[na] = end[0];
		ay[na++] = end[1];
		float gap = (float)h / 2;
		for (int q = 1; q < np; q++)
			for (float d = 0; d < len[q] && na < NAT; d += gap) {
				float tx = x[q - 1] + (x[q] - x[q - 1]) * d / len[q], ty = y[q - 1] + (y[q] - y[q - 1]) * d / len[q];
				if (render_summary_marks_shows(a, tx, ty)) {
					ax[na] = tx;
					ay[na++] = ty;
				}
			}
		struct render_summary_tie tie;
		if (render_summary_tie_away(a, ax, ay, na, mark, keep, w, h, &at, &tie)) {
			render_summary_marks_tie(a, &tie, col, RENDER_TOPOLOGY_OVER_PILL);
			render_summary_marks_disc(a, tie.x[0], tie.y[0], (float)a->panels.line * 2.0f, col);
		}
	}
	SDL_Rect drawn = render_summary_marks_pill(a, px, lbl, (float)(at.x + w / 2), (float)(at.y + h / 2),
						   RENDER_THEME_PANEL, col, col);
	render_summary_marks_over(a, drawn, RENDER_TOPOLOGY_OVER_PILL);
}

/* Path i's end mark: an arrowhead where it meets its last box, or a ✕
 * back along it; where the mark is into *ex, *ey, the ✕'s rect into *mark
 * (w 0 for an arrowhead). */
static void render_summary_marks_end_mark(struct render_app *a, size_t i, const float *x, const float *y,
                                          const int *node, int np, float *ex, float *ey, SDL_Rect *mark)
{
	const struct render_summary_path *p = &a->summary.path[i];
	float sz = (float)render_topology_px(a, 20) * 0.9f;
	uint32_t col = render_summary_color(p);
	/* The end: where the route meets the last box, coming from the last
	 * point outside it (a router's link dot can lie under its box: a mark
	 * placed from there would sit on the router's name). */
	*ex = x[np - 1];
	*ey = y[np - 1];
	int from = np - 2;
	SDL_Rect box = { 0, 0, 0, 0 };
	if (render_summary_marks_box(a, node[np - 1], &box)) {
		SDL_Rect near = { box.x - 2, box.y - 2, box.w + 4, box.h + 4 };
		while (from > 0 && x[from] >= (float)near.x && x[from] <= (float)(near.x + near.w) &&
		       y[from] >= (float)near.y && y[from] <= (float)(near.y + near.h))
			from--;
		render_summary_marks_edge(box, x[from], y[from], x[np - 1], y[np - 1], ex, ey);
	}
	if (render_summary_ok(p) || p->end == RENDER_SUMMARY_OPEN) {
		struct render_summary_marks_op op = { .f = { x[from], y[from], *ex, *ey, sz }, .col = { col } };
		render_summary_marks_do(a, RENDER_SUMMARY_MARKS_OP_ARROWHEAD, &op);
		*mark = (SDL_Rect){ 0, 0, 0, 0 };
		return;
	}
	/* Where the arrow has no clear stretch for it (presenter mode's large
	 * boxes crowd the map), a smaller ✕ that hides nothing rather than a
	 * full one on a name; at none of the sizes, the full one where it
	 * hides least. */
	static const float scale[] = { 1.0f, 0.8f, 0.65f };
	float cx = 0, cy = 0, k = 1.0f;
	SDL_Rect rc = { 0, 0, 0, 0 };
	long least = -1;
	for (size_t t = 0; t < sizeof scale / sizeof scale[0] && least != 0; t++) {
		float tx, ty;
		long hides;
		SDL_Rect r = render_summary_marks_cross_at(a, box, x, y, from, *ex, *ey, sz * 0.8f * scale[t],
						     sz * 0.8f * 12, &tx, &ty, &hides);
		if (least < 0 || hides == 0) {
			least = hides;
			rc = r;
			cx = tx;
			cy = ty;
			k = scale[t];
		}
	}
	/* none on the arrow hides nothing: touching its box by the arrow's end
	 * (presenter mode: a bot's ✕ lay on the bot's name, lesson 09) */
	for (size_t t = 0; least != 0 && t < sizeof scale / sizeof scale[0]; t++)
		if (render_summary_marks_cross_beside(a, box, *ex, *ey, sz * 0.8f * scale[t], &rc, &cx, &cy)) {
			least = 0;
			k = scale[t];
		}
	render_summary_marks_disc(a, cx, cy, sz * 0.75f * k, 0xFFFFFFFFu);
	struct render_summary_marks_op op = { .f = { cx, cy, sz * 0.9f * k,
						     (float)a->panels.line * (k < 1 ? 1.6f : 2.0f) }, .col = { col } };
	render_summary_marks_do(a, RENDER_SUMMARY_MARKS_OP_CROSS, &op);
	render_summary_marks_over(a, rc, RENDER_TOPOLOGY_OVER_CROSS);
	*mark = rc;
	*ex = cx;
	*ey = cy;
}

/* The first path before i that was stopped at the same node (last[]: the
 * node each path ends at) in the same way (a router's rule, or a reply
 * code); i if there is none, or if path i got through. */
static size_t render_summary_marks_same_stop(const struct render_summary *s, size_t i, const int *last)
{
	const struct render_summary_path *p = &s->path[i];
	if (render_summary_ok(p) || p->end == RENDER_SUMMARY_OPEN)
		return i;
	for (size_t j = 0; j < i; j++) {
		const struct render_summary_path *q = &s->path[j];
		if (last[j] == last[i] && q->end == p->end && q->code == p->code &&
		    (p->end != RENDER_SUMMARY_RULE || (q->router == p->router && q->rule == p->rule)))
			return j;
	}
	return i;
}

/* The key of everything placing the marks reads: the paths, their routes
 * and texts, the sizes, the boxes and chips (hit boxes), what is taken
 * and the places of trays and piles (which ties may cross). */
static uint64_t render_summary_marks_key(const struct render_app *a)
{
	const struct render_summary *s = &a->summary;
	uint64_t h = 14695981039346656037ull;
	int v[6] = { a->sc->nhosts, a->lang, render_topology_px(a, 20), render_topology_px(a, 17), a->panels.line,
		     (int)s->npath };
	h = util_fnv1a(h, v, sizeof v);
	h = util_fnv1a(h, &a->panels.topo, sizeof a->panels.topo);
	for (size_t i = 0; i < s->npath; i++) {
		const struct render_summary_path *p = &s->path[i];
		int f[12] = { p->client, p->server, p->port, (int)p->proto, p->tls, (int)p->end, p->router, p->rule,
			      p->code, p->count, p->junk, p->sniffed };
		h = util_fnv1a(h, f, sizeof f);
		const struct render_summary_line *l = &s->line[i];
		h = util_fnv1a(h, &l->n, sizeof l->n);
		h = util_fnv1a(h, l->x, sizeof *l->x * (size_t)l->n);
		h = util_fnv1a(h, l->y, sizeof *l->y * (size_t)l->n);
		h = util_fnv1a(h, l->node, sizeof *l->node * (size_t)l->n);
		char t[96];
		render_summary_marks_tag(a, p, t, sizeof t);
		h = util_fnv1a(h, t, strlen(t) + 1);
		render_summary_marks_label(a, i, t, sizeof t);
		h = util_fnv1a(h, t, strlen(t) + 1);
	}
	for (size_t i = 0; i < a->nhits; i++) {
		const struct render_app_hitbox *x = &a->hits[i];
		if (x->kind != RENDER_APP_HIT_HOST && x->kind != RENDER_APP_HIT_ROUTER && x->kind != RENDER_APP_HIT_RULE)
			continue;
		int f[6] = { (int)x->kind, x->a, x->rc.x, x->rc.y, x->rc.w, x->rc.h };
		h = util_fnv1a(h, f, sizeof f);
	}
	h = util_fnv1a(h, &a->ntaken, sizeof a->ntaken);
	h = util_fnv1a(h, a->taken, a->ntaken * sizeof *a->taken);
	for (size_t i = 0; a->place && i < a->place->nlab; i++) {
		const struct render_topology_label *l = &a->place->lab[i];
		int f[5] = { (int)l->kind, l->rc.x, l->rc.y, l->rc.w, l->rc.h };
		h = util_fnv1a(h, f, sizeof f);
	}
	return h;
}

/* Every path's end mark first (a ✕ can only move along its arrow), then
 * the tags beside them, then the paths' labels (which can move away, tied
 * back by a line); or, when nothing they are placed from has changed
 * since they were last placed, what that placing did, again. */
void render_summary_marks(struct render_app *a)
{
	struct render_summary *s = &a->summary;
	if (!s->memo)
		s->memo = xcalloc(1, sizeof *s->memo);
	struct render_summary_memo *m = s->memo;
	uint64_t key = render_summary_marks_key(a);
	if (m->valid && m->key == key) {
		for (size_t k = 0; k < m->nop; k++)
			render_summary_marks_run(a, &m->op[k]);
		return;
	}
	m->nop = 0;
	m->valid = 0;
	float sz = (float)render_topology_px(a, 20) * 0.9f;
	float end[RENDER_SUMMARY_MAX][2];
	SDL_Rect mark[RENDER_SUMMARY_MAX];   /* each ✕, w 0 for an arrowhead */
	int last[RENDER_SUMMARY_MAX];   /* the node each path ends at */
	float ends[RENDER_SUMMARY_MAX][2];   /* the marks drawn, which ties keep off */
	struct render_summary_tie_keep keep = { ends, 0, (float)a->panels.line * 2.5f };
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < s->npath; i++) {
			const struct render_summary_line *l = &s->line[i];
			const float *x = l->x, *y = l->y;
			int np = l->n;
			if (np < 2)
				continue;
			last[i] = l->node[np - 1];
			/* Stopped at the same node in the same way as a path before
			 * it: one ✕ and one tag for them all. */
			int again = render_summary_marks_same_stop(s, i, last) < i;
			uint32_t col = render_summary_color(&s->path[i]);
			if (pass == 0 && !again) {
				render_summary_marks_end_mark(a, i, x, y, l->node, np, &end[i][0], &end[i][1], &mark[i]);
				ends[keep.n][0] = end[i][0];
				ends[keep.n++][1] = end[i][1];
			} else if (pass == 1 && !again)
				render_summary_marks_end_tag(a, &s->path[i], end[i][0], end[i][1], mark[i], &keep,
							     sz * 1.2f, col);
			else if (pass == 2) {
				size_t j = render_summary_marks_same_stop(s, i, last);   /* whose mark it ends at */
				render_summary_marks_path_label(a, i, x, y, np, end[j], mark[j], &keep, col);
			}
		}
	m->key = key;
	m->valid = 1;
}
