/* render_drop_label — the red label beside a cross: a dropped SYN's
 * ("SYN :25 × OP25B") or a server's refusal ("RCPT → 550"), placed where
 * it hides no name, chip or box -- beside the cross, else tied to it by a
 * line, else (presenter mode) shorter or smaller, and a refusal's code
 * with no free place round its cross in the refusing server's own box;
 * else left out.  Split from render_traffic, which draws the crosses. */
#include "render_drop_label.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_font.h"
#include "render_pill.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_view.h"
#include "render_cross.h"

enum { RENDER_DROP_LABEL_REGIONS = 32 };

static int render_drop_label_owned(const struct render_app *a, int r, SDL_Rect box, SDL_Rect rc, int px);

/* Where a label of text goes beside the cross at (bx, by) of router r
 * (-1: a server's): its centre in *lx, *ly and whether a line must tie it
 * to the cross (*tied).  Off the regions of networks the router has no
 * link to (lesson 09 in presenter mode: "× IP25B ×169" on ISP C's
 * customers, issue 11); tie 0: only those beside the cross.  Returns 1
 * if that place hides nothing, 0 if it is only the one that hides least. */
static int render_drop_label_spot(struct render_app *a, int r, float bx, float by, const char *text, int px, int tw,
                                  int tie, float *lx, float *ly, int *tied)
{
	SDL_Rect fr[RENDER_DROP_LABEL_REGIONS];
	/* a server's: off the regions of networks its cross is not in
	 * (lesson 07's "RCPT → 550" at 1080p lay on ISP B's customers) */
	int nf = r >= 0 ? render_topology_router_foreign(a, r, fr, RENDER_DROP_LABEL_REGIONS)
			: render_topology_foreign(a, (SDL_Point){ (int)bx, (int)by }, fr, RENDER_DROP_LABEL_REGIONS);
	if (r < 0 && nf >= a->sc->nnets)
		nf = 0;   /* in no network's region: any */
	int w = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_FIT, tw, text, &w, &h);
	float off = (float)px * 1.6f, hw = (float)w / 2 + (float)px / 2;
	float cand[8][2] = { { bx, by - off }, { bx - hw - off / 2, by }, { bx + hw + off / 2, by },
			     { bx, by + off }, { bx, by - 2 * off }, { bx, by + 2 * off },
			     { bx - hw - off / 2, by - off }, { bx + hw + off / 2, by + off } };
	SDL_Rect spot[8];
	for (int k = 0; k < 8; k++)
		spot[k] = (SDL_Rect){ (int)cand[k][0] - w / 2 - px / 2, (int)cand[k][1] - h / 2 - 1, w + px, h + 2 };
	int pick = nf >= 0 ? render_topology_pick_off(a, spot, 8, fr, nf) : -1, clear = pick >= 0;
	if (nf < 0)
		clear = render_topology_crowded(a, spot[pick = render_topology_pick(a, spot, 8)]) == 0;
	else if (pick < 0)
		pick = render_topology_pick(a, spot, 8);
	*lx = cand[pick][0];
	*ly = cand[pick][1];
	*tied = 0;
	if (clear || !tie)
		return clear;
	SDL_Rect cross = { (int)bx - 2, (int)by - 2, 4, 4 }, free_rc;
	/* (in presenter mode not across the map, nor by a line over a
	 * router's name: that would hide as much as the label; a place
	 * whose tie line crosses no name first, where there is one) */
	int cs = render_cross_size(a, 10 * a->layout.k + 5);
	SDL_Rect mark = { (int)lroundf(bx) - cs / 2, (int)lroundf(by) - cs / 2, cs, cs };
	int got = render_traffic_tied_spot_off(a, bx, by, spot[0].w, spot[0].h + 2, w + 6 * px, mark, fr, nf, &free_rc);
	if (got != 2 && a->presenter) {
		/* a tie across a box or a name hides it as the label would (lesson
		 * 06's "RCPT → 550" across "ISP B servers"): farther, else none */
		SDL_Rect far;
		got = render_traffic_tied_spot_off(a, bx, by, spot[0].w, spot[0].h + 2, w + 12 * px, mark, fr, nf,
						   &far) == 2 ? 2 : 0;
		if (got)
			free_rc = far;
	}
	int near = got > 0;
	/* in presenter mode only where it still reads as the router's
	 * (lesson 10 at 31.6 s at 1280 x 720: the maintenance label tied 63
	 * px left of its router lay 27 px from ISP C's) */
	const struct render_app_hitbox *own = r >= 0 && a->presenter ? render_app_hit_find(a, RENDER_APP_HIT_ROUTER, r, -1)
	                                                               : NULL;
	if (near && own && !render_drop_label_owned(a, r, own->rc, free_rc, px))
		return 0;
	if (near || (!a->presenter && render_traffic_free_spot_but(a, cross, spot[0].w, spot[0].h + 2, 0, fr,
								     nf > 0 ? (size_t)nf : 0, &free_rc))) {
		/* Crowded around the router: a little further, tied to its cross. */
		*lx = (float)(free_rc.x + free_rc.w / 2);
		*ly = (float)(free_rc.y + free_rc.h / 2);
		*tied = 1;
		return 1;
	}
	return 0;
}

/* A refusal's code with no free place round its cross (lesson 07 at
 * 40.39 s in presenter mode at 1280 x 720: the 550 at ISP B's mail server
 * stood bare beside ISP B's "OP25B on" chip, as if OP25B had blocked it):
 * in the refusing server's own box, beside its address, where it reads as
 * that server's answer -- text, else brief at px, else at small.  1 and
 * the label's centre, text and size, else 0. */
static int render_drop_label_in_box(struct render_app *a, int host, float bx, float by, const char **text,
                                    const char *brief, int *px, int small, int tw, float *lx, float *ly)
{
	const struct {
		const char *t;
		int px;
	} tries[] = { { *text, *px }, { brief, *px }, { brief, small } };
	for (size_t i = 0; i < sizeof tries / sizeof *tries; i++) {
		int w = 0, h = 0;
		SDL_Rect rc;
		if (!tries[i].t)
			continue;
		render_font_size(a->font, RENDER_FONT_BOLD, tries[i].px, RENDER_FONT_FIT, tw, tries[i].t, &w, &h);
		if (render_cross_in_box(a, host, w + tries[i].px, h + 2, bx, by, &rc)) {
			*text = tries[i].t;
			*px = tries[i].px;
			*lx = (float)rc.x + (float)rc.w / 2;
			*ly = (float)rc.y + (float)rc.h / 2;
			return 1;
		}
	}
	return 0;
}

/* How far rect p lies from rect q, in pixels (0 if they touch). */
static int render_drop_label_gap(SDL_Rect p, SDL_Rect q)
{
	int dx = p.x > q.x + q.w ? p.x - q.x - q.w : q.x > p.x + p.w ? q.x - p.x - p.w : 0;
	int dy = p.y > q.y + q.h ? p.y - q.y - q.h : q.y > p.y + p.h ? q.y - p.y - p.h : 0;
	return dx > dy ? dx : dy;
}

/* Does a label at rc read as router r's (box: its box): nearer that box
 * than any other router's by its size px, and than any host's? */
static int render_drop_label_owned(const struct render_app *a, int r, SDL_Rect box, SDL_Rect rc, int px)
{
	int own = render_drop_label_gap(rc, box);
	for (size_t i = 0; i < a->nhits; i++) {
		const struct render_app_hitbox *h = &a->hits[i];
		int d = render_drop_label_gap(rc, h->rc);
		if ((h->kind == RENDER_APP_HIT_ROUTER && h->a != r && d <= own + px) ||
		    (h->kind == RENDER_APP_HIT_HOST && d <= own))
			return 0;
	}
	return 1;
}

/* A router's label in two lines at px, its count and port over its rule
 * ("SYN :25 2回" over "× メンテナンス"), into two (text broken at its last
 * " × "): beside the cross at (bx, by), else beside the router's box,
 * where it hides nothing, lies on no network the router does not join
 * and reads as that router's.  Presenter mode at 1280 x 720 (lesson 10 at
 * 31.6 s): one line at the back row's size found no place round the two
 * ✕ of the maintenance rule, between ISP A's customers and ISP B's
 * servers, and they stood bare.  1 and the label's rectangle, else 0. */
static int render_drop_label_two(struct render_app *a, int r, float bx, float by, const char *text, int px, int tw,
                                 char *two, size_t twosz, SDL_Rect *out)
{
	const char *cut = NULL;
	for (const char *p = strstr(text, " × "); p; p = strstr(p + 1, " × "))
		cut = p;
	const struct render_app_hitbox *hb = r >= 0 ? render_app_hit_find(a, RENDER_APP_HIT_ROUTER, r, -1) : NULL;
	if (!cut || cut == text || !hb)
		return 0;
	snprintf(two, twosz, "%.*s\n%s", (int)(cut - text), text, cut + 1);
	int w = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_WRAP, tw, two, &w, &h);
	int pad = px / 3 + 2, W = w + 2 * pad, H = h + 2, g = px / 2;
	int x = (int)lroundf(bx), y = (int)lroundf(by), cs = render_cross_size(a, RENDER_CROSS_DROP_ARM(a)) / 2 + g;
	SDL_Rect b = hb->rc;
	SDL_Rect cand[] = {
		{ x - cs - W, y - H / 2, W, H }, { x + cs, y - H / 2, W, H },      /* beside the cross */
		{ x - W / 2, y + cs, W, H },     { x - W / 2, y - cs - H, W, H },
		{ b.x + b.w + g, b.y + b.h / 2 - H / 2, W, H },                 /* beside the box */
		{ b.x - g - W, b.y + b.h / 2 - H / 2, W, H },
		{ b.x + b.w + g, b.y, W, H },    { b.x - g - W, b.y, W, H },
		{ b.x + b.w + g, b.y + b.h - H, W, H }, { b.x - g - W, b.y + b.h - H, W, H },
	};
	SDL_Rect fr[RENDER_DROP_LABEL_REGIONS];
	int nf = render_topology_router_foreign(a, r, fr, RENDER_DROP_LABEL_REGIONS);
	for (size_t k = 0; k < sizeof cand / sizeof *cand; k++)
		if (render_topology_pick_off(a, &cand[k], 1, fr, nf > 0 ? nf : 0) == 0 &&
		    render_drop_label_owned(a, r, b, cand[k], px)) {
			*out = cand[k];
			return 1;
		}
	return 0;
}

/* Router r's label of two lines at rc (render_drop_label_two), in col,
 * recorded by the router's box as a one-line label is. */
static void render_drop_label_two_draw(struct render_app *a, int r, SDL_Rect rc, const char *two, int px, int tw,
                                       uint32_t col)
{
	int pad = px / 3 + 2;
	render_draw_round(a->ren, rc, render_font_line_height(a->font, RENDER_FONT_BOLD, px) / 2, col);
	render_font_draw(a->font, RENDER_FONT_BOLD, px, 0xFFFFFFFFu, RENDER_FONT_WRAP, tw, two, rc.x + pad, rc.y + 1, NULL);
	const struct render_app_hitbox *h = render_app_hit_find(a, RENDER_APP_HIT_ROUTER, r, -1);
	render_topology_place_over_by(a, rc, RENDER_TOPOLOGY_OVER_DROP, h ? h->rc : (SDL_Rect){ 0, 0, 0, 0 });
}

/* A red label beside the cross at (bx, by), where it hides no router name
 * or rule chip.  In presenter mode, where the map is small and its names
 * large, a label with no free place is tried in its short form (brief, if
 * given), else left out: the cross stays, in its rule's colour, and a
 * label over a box would hide what the class must read.  host: the server
 * whose refusal it is (a group's leader), else -1. */
void render_drop_label_draw(struct render_app *a, int r, int host, float bx, float by, const char *text,
                            const char *brief, uint32_t col)
{
	int small = render_topology_tag_px(a, 16), px = render_topology_drop_px(a, 16);
	/* as wide, for its size, as at the map's size: not cut ("SYN :25 ×
	 * maintenance …" at 24 px, its count lost) */
	int tw = ((int)(330 * a->layout.k) + 80) * px / small, tied = 0;
	float lx, ly;
	int clear = 0;
	/* A refusal's: beside its cross, else in its server's box, before a
	 * place tied far off (lesson 07 at 40.39 s, 1920 x 1080 presenter en:
	 * "550" tied up against "ISP B's border router" read as the
	 * router's) */
	for (int i = 0; host >= 0 && !clear && i < 2; i++) {
		const char *t = i ? brief : text;
		if (t && (clear = render_drop_label_spot(a, r, bx, by, t, px, tw, 0, &lx, &ly, &tied)) != 0)
			text = t;
	}
	if (!clear && host >= 0)
		clear = render_drop_label_in_box(a, host, bx, by, &text, brief, &px, small, tw, &lx, &ly);
	if (!clear)
		clear = render_drop_label_spot(a, r, bx, by, text, px, tw, 1, &lx, &ly, &tied);
	if (!clear && a->presenter) {
		/* Issue 11: at the back row's size, shorter before smaller (the
		 * brief at full size, then both at the map's size); with no free
		 * place even so, left out: the cross stays in its rule's colour
		 * and the event list tells it.  Drawn where it hid least, it
		 * covered a network's name (lesson 07 at 40.39 s at 1280 x 720:
		 * "550" on "ISP B servers") or its router's other cross (lesson
		 * 10 at 60 s).  A router's, before smaller: in two lines, beside
		 * its cross or its box (lesson 10's two crosses at 31.6 s at
		 * 720p stood bare, render_drop_label_two). */
		const struct {
			const char *t;
			int px;
		} tries[] = { { brief, px }, { text, small }, { brief, small } };
		for (size_t i = 0; !clear && i < sizeof tries / sizeof *tries; i++) {
			SDL_Rect rc;
			char two[192];
			if (i == 1 && render_drop_label_two(a, r, bx, by, text, px, tw, two, sizeof two, &rc)) {
				render_drop_label_two_draw(a, r, rc, two, px, tw, col);
				return;
			}
			if (!tries[i].t || (i && tries[i].px == px))
				continue;
			clear = render_drop_label_spot(a, r, bx, by, tries[i].t, tries[i].px, tw, 1, &lx, &ly, &tied);
			if (clear)
				text = tries[i].t, px = tries[i].px;
		}
	}
	if (!clear && a->presenter)
		return;
	if (tied)
		render_topology_place_tie(a, bx, by, lx, ly, col, RENDER_TOPOLOGY_OVER_DROP);
	/* by the router's or server's box, as its cross, for the checks
	 * (test_render_marks, test_render_names) */
	const struct render_app_hitbox *h = r >= 0	 ? render_app_hit_find(a, RENDER_APP_HIT_ROUTER, r, -1)
					    : host >= 0 ? render_app_hit_find(a, RENDER_APP_HIT_HOST, host, -1)
							: NULL;
	render_topology_place_over_by(a,
				      render_topology_pill(a, RENDER_FONT_BOLD, px, text, lx, ly, tw, col, 0xFFFFFFFFu, 0),
				      RENDER_TOPOLOGY_OVER_DROP, h ? h->rc : (SDL_Rect){ 0, 0, 0, 0 });
}

/* The count goes with the SYNs, in words ("SYN :25 2回 × メンテナンス"):
 * "SYN :25 × maintenance ×2" beside the router read as two routers or two
 * of the rule (issue 11); a router's block count counts messages ("×
 * OP25B 遮断 ×3", render_topology_blocks). */
void render_drop_label_text(struct render_app *a, int r, const char *rule, int port, int n, char *buf, size_t bufsz,
                            char *brief, size_t briefsz)
{
	const char *word = render_view_rule_named(a, r, rule);
	if (n <= 1) {
		snprintf(buf, bufsz, "SYN :%d × %s", port, word);
		snprintf(brief, briefsz, "× %s", word);
		return;
	}
	char ps[16], ns[16];
	snprintf(ps, sizeof ps, "%d", port);
	snprintf(ns, sizeof ns, "%d", n);
	const char *args[] = { "port", ps, "n", ns, "rule", word, NULL };
	const char *key[2] = { "ui.drop.many", "ui.drop.many_brief" };
	char *out[2] = { buf, brief };
	size_t sz[2] = { bufsz, briefsz };
	for (int k = 0; k < 2; k++) {
		struct sbuf b = { 0 };
		i18n_format(a->cat[a->lang], key[k], args, &b);
		snprintf(out[k], sz[k], "%s", b.s ? b.s : "");
		sbuf_free(&b);
	}
}
