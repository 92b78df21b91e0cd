/* render_topology_blocks — a router's count of the messages it has
 * stopped ("× OP25B blocked ×3"), in a pill in its rule's colour beside
 * it, or tied to it where no place beside it is free.  Split from
 * render_topology, which draws the routers and calls this. */
#include "render_topology_blocks.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_app.h"
#include "render_chart.h"
#include "render_cross.h"
#include "render_draw.h"
#include "render_font.h"
#include "render_pill.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_ui.h"
#include "render_view.h"

/* Does rc lie on the line of a connection through router r that it did
 * not stop, as drawn this frame?  There a count read as stopping it
 * (lesson 04 at 40.476 s, 720p presenter en: "× OP25B blocked ×1" on
 * Alice's port-587 line, under its "SMTP 587 TLS").  Only connections
 * through r: a few, not a botnet's hundreds. */
static int render_topology_blocks_on_route(struct render_app *a, int r, SDL_Rect rc)
{
	for (size_t i = 0; i < a->nfconn; i++) {
		const struct sim_conn *c = &a->fconn[i];
		int through = 0;
		for (int k = 0; k < c->npath && !through; k++)
			through = c->path[k] == r;
		if (!through || c->blocked_at == r)
			continue;
		struct render_topology_route rt;
		render_topology_route_of(a, c, &rt);
		for (int k = 1; k < rt.n; k++) {
			int x1 = (int)lroundf(rt.x[k - 1]), y1 = (int)lroundf(rt.y[k - 1]);
			int x2 = (int)lroundf(rt.x[k]), y2 = (int)lroundf(rt.y[k]);
			if (SDL_IntersectRectAndLine(&rc, &x1, &y1, &x2, &y2))
				return 1;
		}
	}
	return 0;
}

/* Is a connection router r lets through on the wire now, with none that
 * it stops?  Then its count is history. */
static int render_topology_blocks_passing(const struct render_app *a, int r)
{
	int pass = 0;
	for (size_t i = 0; i < a->nfconn; i++) {
		const struct sim_conn *c = &a->fconn[i];
		if (c->blocked_at == r)
			return 0;
		for (int k = 0; k < c->npath && !pass; k++)
			pass = c->path[k] == r;
	}
	return pass;
}

/* Would a count of router r's at rc, tied to its box and chips (all),
 * read as something else's: on the line of a connection r did not stop,
 * or nearer another router's box or chips than to r's? */
static int render_topology_blocks_misread(struct render_app *a, int r, SDL_Rect all, SDL_Rect rc)
{
	if (render_topology_place_routed(a, rc, r) || render_topology_blocks_on_route(a, r, rc))
		return 1;
	float own = render_topology_apart(rc, all);
	for (int q = 0; q < a->sc->nrouters; q++) {
		SDL_Rect b[2] = { a->node_box[a->sc->nhosts + q], a->place ? a->place->chips[q] : (SDL_Rect){ 0, 0, 0, 0 } };
		for (int i = 0; q != r && i < 2; i++)
			if (b[i].w > 0 && render_topology_apart(rc, b[i]) < own)
				return 1;
	}
	return 0;
}

/* The places tried beside router box (with its chips: all) for a w x h
 * label, into cand[9]: above or below it centred, beside it, further
 * above, then above or below flush with one of its sides (lesson 09 in
 * presenter mode: centred above, it touched the infected PCs' box). */
static void render_topology_blocks_cand(SDL_Rect box, SDL_Rect all, int w, int h, SDL_Rect *cand)
{
	int cx = box.x + box.w / 2, gap = 3;
	SDL_Rect c[9] = {
		{ cx - w / 2, box.y - h - gap, w, h },
		{ cx - w / 2, all.y + all.h + gap, w, h },
		{ all.x + all.w + gap, box.y, w, h },
		{ all.x - w - gap, box.y, w, h },
		{ cx - w / 2, box.y - 2 * h - 2 * gap, w, h },
		{ box.x, box.y - h - gap, w, h },
		{ box.x + box.w - w, box.y - h - gap, w, h },
		{ box.x, all.y + all.h + gap, w, h },
		{ box.x + box.w - w, all.y + all.h + gap, w, h },
	};
	memcpy(cand, c, sizeof c);
}

/* The point of rect r nearest (px, py), its last pixel inside (a tie
 * ending on the edge crossed it), into (*x, *y); its squared distance. */
static float render_topology_blocks_near(SDL_Rect r, float px, float py, float *x, float *y)
{
	*x = fminf(fmaxf(px, (float)r.x), (float)(r.x + r.w - 1));
	*y = fminf(fmaxf(py, (float)r.y), (float)(r.y + r.h - 1));
	return (*x - px) * (*x - px) + (*y - py) * (*y - py);
}

/* The tie of a label at c to one of the router's box and chips (part[0],
 * part[1], w 0: none; their union all), the nearer first whose tie is
 * clear: straight from the label's middle to its nearest point, else
 * (elbow 1, 2) out of the label's left or right end, a line's width off
 * it, and straight down or up to it (round a network's range under the
 * label).  Not to their union: a tie ended in its empty corner, beside
 * the chips and under the wider box, tied to nothing (lesson 09 at 10.3 s
 * in presenter mode at 1920 x 1080 ja: "× IP25B ×165").  The tie's points
 * into x[3], y[3] (x[1] = x[2] if straight); 1 if it crosses no box or
 * name (else the nearer's points). */
static int render_topology_blocks_tie(struct render_app *a, SDL_Rect all, const SDL_Rect *part, SDL_Rect c,
                                      int elbow, float *x, float *y)
{
	float lx = (float)c.x + (float)c.w / 2, ly = (float)c.y + (float)c.h / 2, g = 3.0f * (float)a->panels.line;
	float ox = elbow == 0 ? lx : elbow == 1 ? (float)c.x - g : (float)(c.x + c.w) + g, d[2], px[2], py[2];
	for (int i = 0; i < 2; i++)
		d[i] = part[i].w > 0 ? render_topology_blocks_near(part[i], ox, ly, &px[i], &py[i]) : -1;
	int first = d[1] >= 0 && (d[0] < 0 || d[1] < d[0]);
	SDL_Rect none = { 0, 0, 0, 0 };
	for (int k = 0; k < 2; k++) {
		int i = k ? !first : first;
		if (d[i] < 0 || (elbow && px[i] != ox))
			continue;   /* not above or below it: no straight way down */
		x[0] = lx;
		y[0] = ly;
		x[1] = elbow ? ox : px[i];
		y[1] = elbow ? ly : py[i];
		x[2] = px[i];
		y[2] = py[i];
		int clear = elbow ? !render_topology_tie_crowded(a, x[1], y[1], lx, ly, none, c) &&
					    !render_topology_tie_crowded(a, x[2], y[2], x[1], y[1], all, none)
				  : !render_topology_tie_crowded(a, x[2], y[2], lx, ly, all, c);
		if (clear)
			return 1;
	}
	int i = d[first] >= 0 ? first : !first;
	x[0] = x[1] = lx;
	y[0] = y[1] = ly;
	x[2] = d[i] >= 0 ? px[i] : lx;
	y[2] = d[i] >= 0 ? py[i] : ly;
	if (!elbow)
		x[1] = x[2], y[1] = y[2];
	return 0;
}

/* Does the tie x[3], y[3] keep off the nk rectangles keep (the places of
 * the router's ✕ on the SYNs' lines)?  Lesson 09 at 2.064 s in presenter
 * mode at 1920 x 1080: "× IP25B ×1"'s tie ran down beside the SYN's line
 * over the ✕'s place, which then stood 20 px off the line. */
static int render_topology_blocks_tie_off(const float *x, const float *y, const SDL_Rect *keep, int nk)
{
	for (int k = 0; k < nk; k++)
		for (int i = 0; i < 2; i++) {
			int x1 = (int)lroundf(x[i]), y1 = (int)lroundf(y[i]), x2 = (int)lroundf(x[i + 1]), y2 = (int)lroundf(y[i + 1]);
			SDL_Rect in = { keep[k].x - 2, keep[k].y - 2, keep[k].w + 4, keep[k].h + 4 };
			if ((x1 != x2 || y1 != y2) && SDL_IntersectRectAndLine(&in, &x1, &y1, &x2, &y2))
				return 0;
		}
	return 1;
}

/* A free place for a w x h label tied to the router's box and chips
 * (all), off the nf rectangles fr: the nearest whose tie
 * (render_topology_blocks_tie, elbow *elbow) crosses no box or name, else
 * the nearest (*elbow -1; lesson 09 at 101.5 s in presenter mode at 1920
 * x 1080: "× IP25B blocked ×1000"'s tie ran down across ISP B's
 * servers' address range, issue 11).  0 if there is none. */
static int render_topology_blocks_search(struct render_app *a, SDL_Rect all, const SDL_Rect *part, int w, int h,
                                        const SDL_Rect *fr, int nf, const SDL_Rect *keep, int nk, SDL_Rect *out,
                                        int *elbow)
{
	enum { TRIES = 12, REGIONS = 32 };
	SDL_Rect tried[REGIONS + TRIES];
	size_t base = 0, n = 0;
	float x[3], y[3];
	for (; base < (size_t)nf && base < REGIONS; base++)
		tried[base] = fr[base];
	while (n < TRIES && render_traffic_free_spot_but(a, all, w, h, 0, tried, base + n, &tried[base + n])) {
		for (int e = 0; e < 3; e++)
			if (render_topology_blocks_tie(a, all, part, tried[base + n], e, x, y) &&
			    render_topology_blocks_tie_off(x, y, keep, nk)) {
				*out = tried[base + n];
				*elbow = e;
				return 1;
			}
		n++;
	}
	*out = tried[base];
	*elbow = -1;
	return n > 0;
}

/* render_topology_blocks_search for router r, remembered
 * (render_app.marks_memo) while the place stays free, off fr, and its tie
 * as clear as it was: the search runs when the map changes, not at each
 * frame.  The tie's points into x[3], y[3]. */
static int render_topology_blocks_tied(struct render_app *a, int r, SDL_Rect all, const SDL_Rect *part, int w, int h,
                                      const SDL_Rect *fr, int nf, const SDL_Rect *keep, int nk, SDL_Rect *out,
                                      float *x, float *y)
{
	size_t n = sizeof a->marks_memo / sizeof *a->marks_memo;
	struct render_app_marks_memo *m = &a->marks_memo[(size_t)r % n];
	SDL_Rect ix;
	int ok = m->r1 == r + 1 && m->w == w && m->h == h && SDL_RectEquals(&m->all, &all) &&
		 render_topology_crowded(a, m->rc) == 0;
	for (int i = 0; ok && i < nf; i++)
		ok = !SDL_IntersectRect(&m->rc, &fr[i], &ix);
	if (ok && m->elbow >= 0)
		ok = render_topology_blocks_tie(a, all, part, m->rc, m->elbow, x, y) &&
		     render_topology_blocks_tie_off(x, y, keep, nk);
	if (!ok) {
		m->r1 = 0;
		if (!render_topology_blocks_search(a, all, part, w, h, fr, nf, keep, nk, &m->rc, &m->elbow))
			return 0;
		m->r1 = r + 1;
		m->w = w;
		m->h = h;
		m->all = all;
	}
	*out = m->rc;
	render_topology_blocks_tie(a, all, part, m->rc, m->elbow < 0 ? 0 : m->elbow, x, y);
	return 1;
}

/* The other routers' boxes and chips grown by g, into out (at most max):
 * a count is kept that far off them, so that it reads as its own
 * router's (lesson 08 at 120.378 s, 1280 x 720 presenter, English: ISP
 * B's "× IP25B blocked ×1" lay 13 px under "ISP C's border router (no
 * OP25B)", on the bot's path, as if ISP C had blocked it).  Returns how
 * many. */
static int render_topology_blocks_others(const struct render_app *a, int r, int g, SDL_Rect *out, int max)
{
	int n = 0;
	for (int q = 0; q < a->sc->nrouters; q++) {
		SDL_Rect b[2] = { a->node_box[a->sc->nhosts + q], a->place ? a->place->chips[q] : (SDL_Rect){ 0, 0, 0, 0 } };
		for (int i = 0; q != r && i < 2 && n < max; i++)
			if (b[i].w > 0)
				out[n++] = (SDL_Rect){ b[i].x - g, b[i].y - g, b[i].w + 2 * g, b[i].h + 2 * g };
	}
	return n;
}

/* Messages this router has stopped, by rule, in a red pill beside it
 * where it hides nothing: the class sees where they died.  Off the
 * regions of networks it has no link to, where it read as theirs (lesson
 * 09 in presenter mode at 1920 x 1080: ISP B's "× IP25B blocked ×1000" on
 * ISP C's customers, issue 11): beside the router, else in its short form
 * ("× OP25B ×1000": ISP A's reached into ISP B's customers in English),
 * else at the nearest free place off them, tied to it. */
void render_topology_blocks_draw(struct render_app *a, int r, SDL_Rect box, SDL_Rect chips)
{
	const char *rule = NULL;
	int count = render_topology_router_blocked(a, r, &rule);
	if (!count)
		return;
	/* Long, then short, at the back row's size in presenter mode; then
	 * both at the map's (shorter before smaller, issue 11) */
	/* A rule switched off since: the count is history, drawn as an
	 * outline and said so ("blocked earlier" / 「遮断済み」): lesson 02 at
	 * 130 s, a solid "× OP25B 遮断 ×2" under "OP25B オフ" read as
	 * blocking now, while the caption says the router lets the bot
	 * through; an outline alone still read so (review 32) */
	int off = 0;
	for (int i = 0; rule && i < a->sc->routers[r].nrules; i++)
		if (strcmp(a->sc->routers[r].rules[i].name, rule) == 0)
			off = !sim_rule_enabled(render_app_sim(a), r, i);
	/* So while mail it lets through passes it and it stops nothing: lesson
	 * 04 at 40–100 s, a solid red "× OP25B blocked ×1" (m1's, at 1 s) by
	 * the router that Alice's port-587 mail passes read as stopping that
	 * mail too, while the caption says OP25B lets it through */
	off = off || render_topology_blocks_passing(a, r);
	char text[4][128];
	const char *word = render_view_rule_named(a, r, rule);
	snprintf(text[0], sizeof text[0], "× %s %s ×%d", word, render_app_text(a, off ? "ui.blocked.earlier" : "ui.blocked"),
		 count);
	/* (short, the same either way: "× IP25B earlier ×1000" found no
	 * place by ISP B's router in lesson 09 at 101.5 s, 1080p presenter,
	 * and went over ISP C's customers' name) */
	snprintf(text[1], sizeof text[1], "× %s ×%d", word, count);
	memcpy(text[2], text[0], sizeof text[0]);
	memcpy(text[3], text[1], sizeof text[1]);
	int fpx[4] = { render_topology_drop_px(a, 17), 0, render_topology_tag_px(a, 17), 0 };
	fpx[1] = fpx[0];
	fpx[3] = fpx[2];
	int forms = fpx[2] < fpx[0] ? 4 : 2;
	int w[4], h[4];
	SDL_Rect all = box, cand[4][9], part[2] = { box, chips };
	if (chips.w > 0)
		SDL_UnionRect(&box, &chips, &all);
	for (int f = 0; f < forms; f++) {
		w[f] = h[f] = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, fpx[f], RENDER_FONT_FIT, 600, text[f], &w[f], &h[f]);
		w[f] += 2 * (fpx[f] / 3 + 2);
		h[f] += 2;
		render_topology_blocks_cand(box, all, w[f], h[f], cand[f]);
	}
	enum { REGIONS = 32 };
	SDL_Rect fr[REGIONS], at;
	int nf = render_topology_router_foreign(a, r, fr, REGIONS), f = 0, k = -1, tied = 0;
	float tx[3], ty[3];
	int nk = render_cross_keep(a, r, fr + nf, REGIONS - nf);   /* and off its ✕'s place on the SYN's line */
	const SDL_Rect *keep = fr + nf;
	nf += nk;
	nf += render_topology_blocks_others(a, r, h[0] * 3 / 4, fr + nf, REGIONS - nf);
	/* off the lines of what it let through first, at the back row's size
	 * (its two forms), then as before */
	for (int g = 0; g < 2 && g < forms && k < 0; g++)
		for (int j = 0; j < 9 && k < 0; j++)
			if (render_topology_pick_off(a, &cand[g][j], 1, fr, nf) == 0 &&
			    !render_topology_blocks_on_route(a, r, cand[g][j]))
				k = j, f = g + 1;
	for (; f < forms && k < 0; f++)
		k = render_topology_pick_off(a, cand[f], 9, fr, nf);
	f = k >= 0 ? f - 1 : 0;
	SDL_Rect away;
	float ax[3], ay[3];
	if (k >= 0 && f < 2 && render_topology_blocks_on_route(a, r, cand[f][k]) &&
	    render_topology_blocks_tied(a, r, all, part, w[1], h[1], fr, nf, keep, nk, &away, ax, ay) &&
	    !render_topology_blocks_on_route(a, r, away)) {
		/* beside it only on what it let through (lesson 08 at 60.495 s,
		 * 1080p presenter: "× IP25B 遮断 ×1" on the relay IP25B cannot
		 * stop): a free place tied to it */
		at = away;
		memcpy(tx, ax, sizeof ax);
		memcpy(ty, ay, sizeof ay);
		tied = 1;
		f = 1;
	} else if (k >= 0) {
		at = cand[f][k];
	} else if (render_topology_blocks_tied(a, r, all, part, w[1], h[1], fr, nf, keep, nk, &at, tx, ty)) {
		tied = 1;
		f = 1;
	} else {   /* what hides least beside it, else the nearest free place */
		at = cand[0][render_topology_pick(a, cand[0], 9)];
		tied = render_topology_crowded(a, at) > 0 && render_traffic_free_spot(a, all, w[0], h[0], 0, &at);
		if (tied)
			render_topology_blocks_tie(a, all, part, at, 0, tx, ty);
	}
	/* Tied far off to a place nearer another router, or on a line it did
	 * not stop, it reads as that router's or that line's (lesson 09 at
	 * 1080p presenter en: "× IP25B ×959" above ISP A's OP25B count, or on
	 * ISP B's own bots' line, two acceptance looks): left out, the totals
	 * chart counts it. */
	if (tied && render_topology_blocks_misread(a, r, all, at))
		return;
	int px = fpx[f];
	uint32_t fill = rule ? render_chart_rule_fill(a->sc, r, rule) : RENDER_THEME_BLOCK;
	for (int i = 0; tied && i < 2; i++)   /* no room beside the router: tied to it */
		if (tx[i + 1] != tx[i] || ty[i + 1] != ty[i])
			render_topology_place_tie(a, tx[i], ty[i], tx[i + 1], ty[i + 1], fill, RENDER_TOPOLOGY_OVER_BLOCKS);
	SDL_Rect rc = render_topology_pill(a, RENDER_FONT_BOLD, px, text[f], (float)(at.x + w[f] / 2),
					   (float)(at.y + h[f] / 2), 600, off ? 0xFFFFFFFFu : fill, off ? fill : 0xFFFFFFFFu,
					   off ? fill : 0);
	/* by the router's box, for the checks (test_render_marks) */
	render_topology_place_over_by(a, rc, RENDER_TOPOLOGY_OVER_BLOCKS, box);
}
