/* render_letter — the letters (message copies) on the network picture:
 * the envelope glyph and its colour, the envelope card written beside the
 * letter in focus, and the letters at rest, piled at a host's corner or in
 * its trays (render_letter.h). */
#include "render_letter.h"
#include "render_letter_room.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "i18n.h"
#include "render_draw.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_tray.h"
#include "render_ui.h"
#include "render_view.h"

uint32_t render_letter_color(struct render_app *a, int ledger)
{
	struct sim *s = render_app_sim(a);
	if (ledger >= 0 && (size_t)ledger < sim_ledger_count(s) && sim_ledger(s, (size_t)ledger)->bounce_of >= 0)
		return RENDER_THEME_BOUNCE;
	return render_theme_letter[(ledger < 0 ? 0 : ledger) % RENDER_THEME_NLETTER];
}

/* A letter's size at scale, as render_letter_draw draws it. */
void render_letter_size(const struct render_app *a, float scale, int *w, int *h)
{
	float lw = 36 * a->layout.k * (a->presenter ? 1.15f : 1.0f) * scale;
	if (lw < 16)
		lw = 16;
	*w = (int)lw;
	*h = (int)(lw * 0.66f);
}

/* What a "DSN" tag at rc would hide: render_topology_crowded's, and a
 * network's name or range, or a cut by the map's edge, far more (lesson
 * 06 at 60.4 s in presenter mode at 1280 x 720: the tag lay on "ISP A
 * customers (dynamic IP)"). */
static long render_letter_dsn_cost(const struct render_app *a, SDL_Rect rc)
{
	long cost = render_topology_crowded(a, rc);
	SDL_Rect ix;
	if (!SDL_IntersectRect(&rc, &a->panels.topo, &ix) || !SDL_RectEquals(&ix, &rc))
		cost += 1000000L;   /* cut by the map's edge: unread (under Alice's tray, the same moment) */
	for (size_t i = 0; a->place && i < a->place->nlab; i++) {
		const struct render_topology_label *l = &a->place->lab[i];
		if ((l->kind == RENDER_TOPOLOGY_NET_NAME || l->kind == RENDER_TOPOLOGY_NET_RANGE) &&
		    SDL_IntersectRect(&rc, &l->rc, &ix))
			cost += 1000000L + (long)ix.w * ix.h;
	}
	/* a host's name, address or badges (lesson 06 at 60.4 s, presenter,
	 * 1920 x 1080 en: "DSN" on the "PC" of "Alice's PC") */
	for (int h = 0; a->place && a->place->text && h < a->sc->nhosts; h++)
		for (int t = 0; t < 3; t++)
			if (SDL_IntersectRect(&rc, &a->place->text[h][t], &ix))
				cost += 1000000L + (long)ix.w * ix.h;
	/* a mailbox's tray, drawn over it: "DSN ×2" under ISP A's Junk tray
	 * showed only its ":2", as if Junk held two (lesson 06 at 140.81 s,
	 * 1280 x 720, presenter, en) */
	static const char *const folders[2] = { "INBOX", "Junk" };
	for (int h = 0; h < a->sc->nhosts; h++)
		for (int f = 0; f < 2; f++) {
			SDL_Rect tray;
			if (render_tray_rect(a, h, folders[f], &tray) && SDL_IntersectRect(&rc, &tray, &ix))
				cost += 1000000L + (long)ix.w * ix.h;
		}
	return cost;
}

/* "DSN" under a bounce's envelope (or a pile's, n of them: "DSN ×n"):
 * in presenter mode at the back row's size (24 px at 1080p, 16 at 720p;
 * it was at 10 to 12). */
static void render_letter_dsn_tag(struct render_app *a, SDL_Rect under, int n, SDL_Rect within)
{
	char buf[32] = "DSN";
	if (n > 1)
		snprintf(buf, sizeof buf, "DSN ×%d", n);
	int px = render_topology_tag_px(a, 13), w = 0, h = 0;
	int least = (int)lroundf(24 * a->panels.s);
	if (a->presenter && px < least)
		px = least;
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, buf, &w, &h);
	/* Under the letter, else above it or beside it, else a little along
	 * each: where it hides no name or label (a network's name least of
	 * all), and then kept by what is placed later (the Legend button had
	 * covered it at Alice's PC, lesson 06 in presenter mode). */
	/* under a tray's stack, kept under that tray (a stack squeezed to its
	 * right end by the count put it under the next tray) */
	int x = within.w > 0 && under.x + w > within.x + within.w ? within.x + within.w - w : under.x;
	if (within.w > 0 && x < within.x)
		x = within.x;
	int mx = under.y + (under.h - h) / 2, r = under.x + under.w - w;
	SDL_Rect cand[12] = {
		{ x, under.y + under.h, w, h },
		{ x, under.y - h, w, h },
		{ under.x + under.w + 2, mx, w, h },
		{ under.x - w - 2, mx, w, h },
		{ r, under.y + under.h, w, h },
		{ r, under.y - h, w, h },
		{ under.x + under.w + 2, under.y + under.h - h / 3, w, h },
		{ under.x - w - 2, under.y + under.h - h / 3, w, h },
		{ under.x + under.w + 2, under.y - h + h / 3, w, h },
		{ under.x - w - 2, under.y - h + h / 3, w, h },
		/* a tray's stack: beside the tray */
		{ within.x - w - 2, mx, w, h },
		{ within.x + within.w + 2, mx, w, h },
	};
	int pick = 0, ncand = within.w > 0 ? 12 : 10;
	long best = -1;
	for (int i = 0; i < ncand && best; i++) {
		long c = render_letter_dsn_cost(a, cand[i]);
		if (best < 0 || c < best) {
			best = c;
			pick = i;
		}
	}
	/* Every place hides a name, a range or a tray, or is cut by the map's
	 * edge: left out (the letter is orange, and the card says DSN) rather
	 * than read wrong -- "×2" alone by ISP A's INBOX tray, cut by the edge
	 * (lesson 06 at 140.81 s, 1280 x 720, presenter, en). */
	if (best >= 1000000L)
		return;
	SDL_Rect at = cand[pick];
	render_font_draw(a->font, RENDER_FONT_BOLD, px, RENDER_THEME_BOUNCE, RENDER_FONT_LINE, 0, buf, at.x, at.y, NULL);
	render_topology_take(a, at);
	if (a->place && a->place->ndsn < 4) {
		a->place->dsn[a->place->ndsn++] = at;
		a->place->dsn_px = px;
	}
}

/* One letter centred at (cx, cy); registers it for clicks.  A bounce
 * drawn as an envelope says "DSN" under it -- unless dsn is given: then
 * *dsn is set to 1 instead, for the caller to write once under a pile
 * (one per letter merged into "DBSN"). */
SDL_Rect render_letter_draw(struct render_app *a, int ledger, float cx, float cy, float scale,
                            struct render_topology_batches *bt, int *dsn)
{
	int lw = 0, lh = 0;
	render_letter_size(a, scale, &lw, &lh);
	SDL_Rect rc = { (int)cx - lw / 2, (int)cy - lh / 2, lw, lh };
	/* Kept on the map: a letter by a box at its top edge went under the
	 * top bar (lesson 02's waiting letter at Alice's PC, presenter 720). */
	const SDL_Rect *vp = &a->panels.topo;
	if (vp->w > lw + 2 && vp->h > lh + 2) {
		rc.x = rc.x < vp->x + 1 ? vp->x + 1 : rc.x > vp->x + vp->w - 1 - lw ? vp->x + vp->w - 1 - lw : rc.x;
		rc.y = rc.y < vp->y + 1 ? vp->y + 1 : rc.y > vp->y + vp->h - 1 - lh ? vp->y + vp->h - 1 - lh : rc.y;
	}
	uint32_t col = render_letter_color(a, ledger);
	int sel = a->sel == RENDER_APP_SEL_MSG && a->sel_index == ledger;
	if (a->nfconn > RENDER_TOPOLOGY_LABEL_MAX && !sel) {
		/* Busy scene: a small solid card in the letter's colour, batched;
		 * a thousand envelopes are a swarm, not something to read. */
		SDL_Rect dot = { (int)cx - 5, (int)cy - 3, 10, 7 };
		render_topology_batch_add(col == RENDER_THEME_BOUNCE ? &bt->dots : &bt->edges, dot);
		render_app_hit_add(a, dot, RENDER_APP_HIT_MSG, ledger, 0);
		return dot;
	}
	if (sel)
		render_draw_round(a->ren, (SDL_Rect){ rc.x - 4, rc.y - 4, rc.w + 8, rc.h + 8 }, 4, RENDER_THEME_SELECT);
	render_draw_envelope(a->ren, rc, col == RENDER_THEME_BOUNCE ? 0xFFE0B2FFu : 0xFFFDF5FFu, col,
			     a->panels.line + 1);
	if (col == RENDER_THEME_BOUNCE && dsn)
		*dsn = 1;
	else if (col == RENDER_THEME_BOUNCE)   /* a bounce says so on its envelope */
		render_letter_dsn_tag(a, rc, 1, (SDL_Rect){ 0, 0, 0, 0 });
	render_app_hit_add(a, rc, RENDER_APP_HIT_MSG, ledger, 0);
	return rc;
}

/* Where the card from the letter at (lx, ly) to rc is tied: the point of
 * rc nearest the letter. */
static void render_letter_tie_end(SDL_Rect rc, float lx, float ly, float *ex, float *ey)
{
	*ex = fminf(fmaxf(lx, (float)rc.x), (float)(rc.x + rc.w));
	*ey = fminf(fmaxf(ly, (float)rc.y), (float)(rc.y + rc.h));
}

/* The envelope, written on the travelling letter: what SMTP said, not
 * what the header says. */
void render_letter_envelope_card(struct render_app *a, const struct msg *m, SDL_Rect letter, int stored)
{
	int px = a->panels.px_mono;
	struct sbuf b = { 0 };
	char rp[300], dt[300];
	if (stored && msg_header_get(m, "Return-Path", rp, sizeof rp) && msg_header_get(m, "Delivered-To", dt, sizeof dt)) {
		/* In a mailbox the envelope is gone: what is left of it is in the
		 * header, as the MDA wrote it. */
		sbuf_addf(&b, "Return-Path: %s\nDelivered-To: %s", rp, dt);
	} else {
		sbuf_addf(&b, "MAIL FROM:<%s>", m->mail_from ? m->mail_from : "");
		for (int i = 0; i < m->nrcpt && i < 3; i++)
			sbuf_addf(&b, "\nRCPT TO:<%s>", m->rcpt[i]);
		if (m->nrcpt > 3)
			sbuf_addf(&b, "\n… +%d", m->nrcpt - 3);
	}
	int w = 0, h = 0;
	int maxw = a->panels.topo.w / 2;
	render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_WRAP, maxw, b.s, &w, &h);
	int pad = px / 2;
	SDL_Rect rc;
	int away = render_letter_room_place(a, letter, m->ledger, w + 2 * pad, h + 2 * pad, pad, &rc);
	if (away < 0) {
		sbuf_free(&b);
		return;
	}
	if (away) {   /* away from the letter, a line says whose envelope it is */
		float lx = (float)(letter.x + letter.w / 2), ly = (float)(letter.y + letter.h / 2), ex, ey;
		render_letter_tie_end(rc, lx, ly, &ex, &ey);
		render_draw_line(a->ren, lx, ly, ex, ey, (float)a->panels.line, render_letter_color(a, m->ledger));
	}
	render_draw_round(a->ren, (SDL_Rect){ rc.x + 3, rc.y + 3, rc.w, rc.h }, 6, 0x00000030u);
	render_draw_round(a->ren, rc, 6, stored ? 0xF5F5F5FFu : 0xFFFDE7FFu);
	render_draw_round_outline(a->ren, rc, 6, a->panels.line, render_letter_color(a, m->ledger));
	render_font_draw(a->font, RENDER_FONT_MONO, px, RENDER_THEME_TEXT, RENDER_FONT_WRAP, maxw, b.s,
			 rc.x + pad, rc.y + pad, NULL);
	render_topology_place_over_by(a, rc, RENDER_TOPOLOGY_OVER_ENVELOPE, letter);
	sbuf_free(&b);
}

/* Pixels of rc on other hosts' boxes, and off the map if edges (one at
 * least for each box touched). */
static long render_letter_pile_cost(const struct render_app *a, int node, SDL_Rect rc, int edges)
{
	long c = 0;
	SDL_Rect x;
	for (int h = 0; a->node_box && h < a->sc->nhosts; h++)
		if (h != node && a->node_box[h].w > 0 && SDL_IntersectRect(&rc, &a->node_box[h], &x))
			c += (long)x.w * x.h + 1;
	if (!edges)
		return c;
	/* what runs off the map is as hidden as what lies on a box */
	const SDL_Rect *vp = &a->panels.topo;
	if (rc.x + rc.w > vp->x + vp->w)
		c += (long)(rc.x + rc.w - vp->x - vp->w) * rc.h + 1;
	if (rc.x < vp->x)
		c += (long)(vp->x - rc.x) * rc.h + 1;
	if (rc.y < vp->y)
		c += (long)(vp->y - rc.y) * rc.w + 1;
	return c;
}

/* Which corner of host node's box (w > 0) letters pile on: 0 its
 * top-right, outwards; 1 its top-left, outwards, if the right one would
 * lie on more of other hosts' boxes (lesson 11's six letters at Bob's PC
 * covered Carol's PC beside it); 2 on its own top edge from right of its
 * middle, when the corner's first letter would stand within half a
 * letter of another host's box (where it reads as that host's as much as
 * its own) and the room above the top edge is clear: in lesson 06 in
 * presenter mode Alice's DSN stood in the narrow gap between her PC and
 * Carol's and read as Carol's. */
static int render_letter_pile_side(const struct render_app *a, int node, SDL_Rect box, float lw)
{
	int reach = (int)(lw * 1.6f + 100 * a->layout.k);   /* the pile and its words */
	SDL_Rect right = { box.x + box.w, box.y - (int)lw, reach, (int)(lw * 1.5f) };
	SDL_Rect left = { box.x - reach, box.y - (int)lw, reach, (int)(lw * 1.5f) };
	long r = render_letter_pile_cost(a, node, right, 1), l = render_letter_pile_cost(a, node, left, 1);
	int side = r > l;
	float cx = side ? (float)box.x - lw * 0.15f : (float)(box.x + box.w) + lw * 0.15f;
	SDL_Rect near = { (int)(cx - lw), (int)((float)box.y - lw * 1.03f), (int)(lw * 2), (int)(lw * 1.66f) };
	if (render_letter_pile_cost(a, node, near, 0)) {
		SDL_Rect top = { box.x + box.w / 2 - (int)(lw * 1.6f), box.y - (int)(lw * 1.2f), (int)(lw * 3), (int)lw };
		if (!render_letter_pile_cost(a, node, top, 1))
			return 2;
	}
	return side;
}

/* Where the slot-th letter at rest on host node goes (its centre), given
 * the host's box as drawn (w = 0: not drawn as a box). */
void render_letter_stack_xy(const struct render_app *a, int node, SDL_Rect box, int slot, float *x, float *y)
{
	float lw = 36 * a->layout.k * (a->presenter ? 1.15f : 1.0f);
	if (lw < 16)
		lw = 16;
	float cx, cy;
	render_topology_host_xy(a, node, &cx, &cy);
	float x0 = cx + 70 * a->layout.k, y0 = cy - 44 * a->layout.k;
	float dir = 1;
	if (box.w > 0) {   /* just outside the box's top-right corner, off its name */
		x0 = (float)(box.x + box.w) + lw * 0.15f;
		y0 = (float)box.y - lw * 0.2f;
		switch (render_letter_pile_side(a, node, box, lw)) {
		case 1:   /* or its top-left one */
			x0 = (float)box.x - lw * 0.15f;
			dir = -1;
			break;
		case 2:   /* or on its own top edge, as high as at a corner (no
		           * higher: lesson 11's "ISP A customers" lost its room
		           * above), leftwards from right of its middle */
			x0 = fminf((float)(box.x + box.w) - lw * 0.6f, (float)box.x + (float)box.w / 2 + lw * 0.7f);
			dir = -1;
			break;
		default:
			break;
		}
	}
	*x = x0 + dir * (float)slot * lw * 0.35f;
	*y = y0 - (float)slot * lw * 0.2f;
}

/* Each host's letters at rest outside its trays, by holder: count[h *
 * HOLD_COUNT + holder] (host h a group's leader); the caller frees it. */
static int *render_letter_pile_counts(struct render_app *a)
{
	const struct scenario *sc = a->sc;
	int *count = xcalloc(((size_t)sc->nhosts + 1) * HOLD_COUNT, sizeof *count);
	for (size_t i = 0; i < a->nfcopy; i++) {
		const struct sim_copy *c = &a->fcopy[i];
		SDL_Rect tray;
		if (c->holder == HOLD_MAILBOX && render_tray_rect(a, c->node, c->folder, &tray))
			continue;   /* it rests in its tray */
		if (c->holder != HOLD_CONN && c->holder < HOLD_COUNT && c->node >= 0 && c->node < sc->nhosts)
			count[(size_t)render_layout_leader(sc, c->node) * HOLD_COUNT + c->holder]++;
	}
	return count;
}

static int render_letter_pile_total(const int *kinds)
{
	int n = 0;
	for (int k = 0; k < HOLD_COUNT; k++)
		n += kinds[k];
	return n;
}

/* Does a host's pile (kinds: its counts by holder) say in words what it
 * holds?  One too big to draw whole, and any with mail left in an
 * outbox: a letter at a sender's PC read as nothing in particular
 * (lesson 04 at 100.4 s: m1, blocked by OP25B, stayed in Alice's outbox
 * with no word on the map that it was still unsent). */
static int render_letter_pile_tagged(const struct render_app *a, int host, const int *kinds)
{
	const int *k = &kinds[(size_t)host * HOLD_COUNT];
	/* (not a group's: a bot's spam waiting to go out is no lesson, and
	 * lesson 09's busy map has no room for it) */
	return render_letter_pile_total(k) > RENDER_TOPOLOGY_STACK ||
	       (k[HOLD_OUTBOX] > 0 && a->sc->hosts[host].group_size <= 1);
}

/* What a pile too big to draw whole holds, said in words beside it: a
 * bare "×6" at Bob's PC (lessons 11 and 14) did not say these were mail
 * his mail program had downloaded. "受信済み 6通" / "6 fetched", one part
 * per kind of holder, into out. */
static void render_letter_pile_text(struct render_app *a, const int *kinds, struct sbuf *out)
{
	static const char *const key[HOLD_COUNT] = {
		[HOLD_OUTBOX] = "ui.pile.outbox", [HOLD_QUEUE] = "ui.pile.queue",
		[HOLD_MAILBOX] = "ui.pile.mailbox", [HOLD_FETCHED] = "ui.pile.fetched",
	};
	for (int k = 0; k < HOLD_COUNT; k++) {
		if (!kinds[k] || !key[k])
			continue;
		if (out->len)
			sbuf_adds(out, render_app_text(a, "ui.pile.and"));
		char nb[16];
		snprintf(nb, sizeof nb, "%d", kinds[k]);
		const char *args[] = { "n", nb, NULL };
		i18n_format(a->cat[a->lang], key[k], args, out);
	}
	if (!out->s)
		sbuf_adds(out, "");
}

/* The pill of text's size (render_topology_pill's) beside host's full
 * pile, on the box as placed (render_letter_stack_xy): past the pile's far
 * end level with its middle, else on the box's top edge beside the pile,
 * else over the pile, else under its far end beside the box -- the first
 * that hides no box, chip or tray placed so far (in lesson 11 at 720p
 * presenter the first hid ISP B's router's "OP25B on"), else the one that
 * hides least (*cost: what it hides, 0 for nothing).  A pile of n letters
 * drawn whole (an outbox's) may go over or under the box's left end too. */
static SDL_Rect render_letter_pile_tag_rect(struct render_app *a, int host, SDL_Rect box, int n, const char *text,
                                            long *cost)
{
	int top = n > RENDER_TOPOLOGY_STACK ? RENDER_TOPOLOGY_STACK : n - 1;   /* the last letter drawn */
	int px = render_topology_tag_px(a, 15), w = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_FIT, a->panels.topo.w / 3, text, &w, &h);
	int pad = px / 3 + 2, pw = w + 2 * pad, ph = h + 2;
	float lw = fmaxf(36 * a->layout.k * (a->presenter ? 1.15f : 1.0f), 16), x0, y0, x1, y1;
	render_letter_stack_xy(a, host, box, 0, &x0, &y0);
	render_letter_stack_xy(a, host, box, top < 0 ? 0 : top, &x1, &y1);
	int left = x1 < x0, gap = (int)(lw * 0.1f) + 2;
	int far = (int)(left ? x1 - lw / 2 : x1 + lw / 2);   /* the pile's far end */
	int xl = (int)(fminf(x0, x1) - lw / 2), xr = (int)(fmaxf(x0, x1) + lw / 2);
	SDL_Rect cand[6] = {
		{ left ? far - gap - pw : far + gap, (int)(y1 + lw * 0.5f) - ph / 2, pw, ph },
		{ left ? xr + gap : xl - gap - pw, (int)(y0 + lw * 0.2f) - ph - 1, pw, ph },   /* on the box's top, by the pile */
		{ (xl + xr) / 2 - pw / 2, (int)(y1 - lw * 0.33f) - gap - ph, pw, ph },
		{ left ? xr - pw : xl, (int)(y0 + lw * 0.33f) + gap, pw, ph },
		{ box.x, box.y - gap - ph, pw, ph },   /* over the box's left end */
		{ box.x, box.y + box.h + gap, pw, ph },   /* under it */
	};
	int whole = n <= RENDER_TOPOLOGY_STACK, ncand = whole ? 6 : 4;   /* (drawn whole: an outbox's) */
	int best = 0;
	long least = -1;
	int net = a->sc->hosts[host].net;
	SDL_Rect own = net >= 0 ? render_layout_net_rect(&a->layout, net) : (SDL_Rect){ 0, 0, 0, 0 }, ix;
	for (int i = 0; i < ncand; i++) {
		long c = render_topology_place_cover(a, cand[i], NULL, 0);
		/* nor on another network's region, where it read as that
		 * network's (lesson 11 at 90.53 s: Bob's 「受信済み 6通」 in the
		 * Internet's box); a region holding the host's own does */
		for (int o = 0; o < a->sc->nnets; o++) {
			SDL_Rect rn = render_layout_net_rect(&a->layout, o);
			int holds = SDL_IntersectRect(&rn, &own, &ix) && SDL_RectEquals(&ix, &own);
			if (o != net && !holds && SDL_IntersectRect(&cand[i], &rn, &ix))
				c += 1000000L + (long)ix.w * ix.h;
		}
		/* an outbox's, placed as the letters are drawn, after what moves:
		 * off what is drawn over the map (lesson 04 at 40.001 s, 720p
		 * presenter: 「送信トレイに 1通」 hid the SYN's "→ :587") */
		for (size_t k = 0; whole && a->place && k < a->place->nover; k++)
			if (SDL_IntersectRect(&cand[i], &a->place->over[k].rc, &ix))
				c += (long)ix.w * ix.h + 1;
		/* nor nearer another's box than its own, where it read as that
		 * one's (lesson 04 at 100.4 s, 1080p: "1 in the outbox" 5 px
		 * over ISP A's router, 30 px from Alice's PC): as bad as
		 * covering its own size */
		float mine = render_topology_apart(cand[i], box);
		for (int k = 0; a->node_box && k < a->sc->nhosts + a->sc->nrouters; k++) {
			SDL_Rect nb = a->node_box[k];
			if (nb.w > 0 && (k >= a->sc->nhosts || render_layout_leader(a->sc, k) != host) &&
			    render_topology_apart(cand[i], nb) < mine) {
				c += (long)pw * ph;
				break;
			}
		}
		if (least < 0 || c < least) {
			least = c;
			best = i;
		}
		if (!c)
			break;
	}
	*cost = least;
	return cand[best];
}

int render_letter_pile_words(struct render_app *a, int host, struct sbuf *out)
{
	if (host < 0 || host >= a->sc->nhosts)
		return 0;
	int *kinds = render_letter_pile_counts(a);
	int n = render_letter_pile_total(&kinds[(size_t)host * HOLD_COUNT]);
	if (render_letter_pile_tagged(a, host, kinds))
		render_letter_pile_text(a, &kinds[(size_t)host * HOLD_COUNT], out);
	free(kinds);
	return n;
}

void render_letter_reserve(struct render_app *a)
{
	const struct scenario *sc = a->sc;
	int *kinds = render_letter_pile_counts(a);
	float lw = 36 * a->layout.k * (a->presenter ? 1.15f : 1.0f);
	if (lw < 16)
		lw = 16;
	for (int hi = 0; hi < sc->nhosts; hi++) {
		SDL_Rect box = a->node_box ? a->node_box[hi] : (SDL_Rect){ 0, 0, 0, 0 };
		int n = render_letter_pile_total(&kinds[(size_t)hi * HOLD_COUNT]);
		if (!n || (box.w <= 0 && !render_topology_dot(a, hi, &box)))
			continue;
		int top = n > RENDER_TOPOLOGY_STACK ? RENDER_TOPOLOGY_STACK : n - 1;
		float x0, y0, x1, y1;
		render_letter_stack_xy(a, hi, box, 0, &x0, &y0);
		render_letter_stack_xy(a, hi, box, top, &x1, &y1);
		float xl = fminf(x0, x1), xr = fmaxf(x0, x1);
		SDL_Rect rc = { (int)(xl - lw / 2), (int)(y1 - lw * 0.33f), (int)(xr - xl + lw), (int)(y0 - y1 + lw * 0.66f) };
		render_topology_take(a, rc);
		/* and what it holds, beside it -- not an outbox's few letters,
		 * tagged where the names leave room (render_letter_resting):
		 * reserved before the networks' names, their tags pushed the
		 * names out of their regions (lesson 03's ISP C customers) */
		if (n > RENDER_TOPOLOGY_STACK) {
			struct sbuf b = { 0 };
			render_letter_pile_text(a, &kinds[(size_t)hi * HOLD_COUNT], &b);
			long cost;
			SDL_Rect tag = render_letter_pile_tag_rect(a, hi, box, n, b.s, &cost);
			render_topology_take(a, tag);
			if (a->place && a->place->pile_tag)
				a->place->pile_tag[hi] = tag;
			sbuf_free(&b);
		}
	}
	free(kinds);
}

/* The letters of one tray or pile drawn so far: where, and how many are
 * bounces. */
struct render_letter_stack {
	SDL_Rect rc;
	int dsn;
};

static void render_letter_stack_add(struct render_letter_stack *st, SDL_Rect lr, int dsn)
{
	if (st->rc.w <= 0)
		st->rc = lr;
	else
		SDL_UnionRect(&st->rc, &lr, &st->rc);
	st->dsn += dsn;
}

/* The centre x of the slot-th letter (ledger's) resting in tray (the
 * folder's of host's mailbox): from the tray's right end leftwards, the
 * stack squeezed to keep off the tray's label: a busy scene's, drawn
 * over it, hid the count (lesson 09 at 10.489 s, 1920 x 1080); with no
 * room beside it a letter lies under it, the count drawn last. */
static float render_letter_tray_x(const struct render_app *a, int host, const char *folder, SDL_Rect tray,
                                  int ledger, int slot)
{
	int w = 0, h = 0;
	render_letter_size(a, 0.7f, &w, &h);
	float lw = (float)w;
	if (a->nfconn > RENDER_TOPOLOGY_LABEL_MAX && !(a->sel == RENDER_APP_SEL_MSG && a->sel_index == ledger))
		lw = 10;   /* a busy scene's small card (render_letter_draw) */
	float nominal = 36 * a->layout.k * (a->presenter ? 1.15f : 1.0f) * 0.7f;
	float right = (float)(tray.x + tray.w) - nominal * 0.6f, step = nominal * 0.35f;
	SDL_Rect plate;
	if (render_tray_label_rect(a, host, folder, &plate)) {
		float left = (float)(plate.x + plate.w) + lw / 2 + 1;   /* the leftmost letter's centre */
		float edge = (float)(tray.x + tray.w) - lw / 2;   /* the last centre inside the tray */
		if (left >= right) {   /* room for one: up to the tray's end */
			step = 0;
			right = fminf(left, edge) > right ? fminf(left, edge) : right;
		} else if (step * RENDER_TOPOLOGY_STACK > right - left)
			step = (right - left) / RENDER_TOPOLOGY_STACK;
	}
	return right - (float)slot * step;
}

/* Letters at rest: in an outbox, a queue, a mailbox or a reader's MUA,
 * stacked at the host's top-right corner. */
void render_letter_resting(struct render_app *a, int focus, const struct msg *want,
                           SDL_Rect *focus_rc, const struct msg **focus_m, int *stored,
                           struct render_topology_batches *bt)
{
	const struct scenario *sc = a->sc;
	int *count = xcalloc((size_t)sc->nhosts + 1, sizeof *count);
	/* Each host's box as drawn: the letters pile on its corner, not on
	 * its name, whatever size the box came out. */
	SDL_Rect *box = xcalloc((size_t)sc->nhosts + 1, sizeof *box);
	for (size_t i = 0; i < a->nhits; i++)
		if (a->hits[i].kind == RENDER_APP_HIT_HOST && a->hits[i].a >= 0 && a->hits[i].a < sc->nhosts)
			box[a->hits[i].a] = a->hits[i].rc;
	int *in_tray = xcalloc(2 * (size_t)sc->nhosts + 2, sizeof *in_tray);
	/* each tray's (2 per host) and each pile's letters, for one "DSN" */
	struct render_letter_stack *stack = xcalloc(3 * (size_t)sc->nhosts + 1, sizeof *stack);
	for (size_t i = 0; i < a->nfcopy; i++) {
		const struct sim_copy *c = &a->fcopy[i];
		if (c->holder == HOLD_CONN || c->node < 0 || c->node >= sc->nhosts)
			continue;
		SDL_Rect tray;
		if (c->holder == HOLD_MAILBOX && render_tray_rect(a, c->node, c->folder, &tray)) {
			/* In its mailbox's tray, the newest to the left of the older. */
			int *k = &in_tray[2 * c->node + (tray.x > box[c->node].x)];
			if (*k >= RENDER_TOPOLOGY_STACK && c->m->ledger != focus)
				continue;
			int slot = *k < RENDER_TOPOLOGY_STACK ? (*k)++ : RENDER_TOPOLOGY_STACK;
			float lx = render_letter_tray_x(a, c->node, c->folder, tray, c->m->ledger, slot);
			int dsn = 0;
			SDL_Rect lr = render_letter_draw(a, c->m->ledger, lx, (float)tray.y + (float)tray.h / 2, 0.7f, bt,
							    &dsn);
			render_topology_place_rest(a, lr, c->node, c->folder);
			render_letter_stack_add(&stack[2 * c->node + (tray.x > box[c->node].x)], lr, dsn);
			if (c->m->ledger == focus && (!*focus_m || (c->m == want && *focus_m != want))) {
				*focus_rc = lr;
				*focus_m = c->m;
				*stored = 1;
			}
			continue;
		}
		int node = render_layout_leader(sc, c->node);   /* a group's letters pile on its box */
		int k = count[node]++;
		if (k >= RENDER_TOPOLOGY_STACK && c->m->ledger != focus)
			continue;
		int slot = k < RENDER_TOPOLOGY_STACK ? k : RENDER_TOPOLOGY_STACK;
		float lx, ly;
		render_letter_stack_xy(a, node, box[node], slot, &lx, &ly);
		int dsn = 0;
		SDL_Rect lr = render_letter_draw(a, c->m->ledger, lx, ly, 1.0f, bt, &dsn);
		render_letter_stack_add(&stack[2 * (size_t)sc->nhosts + (size_t)node], lr, dsn);
		/* The envelope goes on the copy the letter card shows. */
		if (c->m->ledger == focus && (!*focus_m || (c->m == want && *focus_m != want))) {
			*focus_rc = lr;
			*focus_m = c->m;
			*stored = c->holder == HOLD_MAILBOX || c->holder == HOLD_FETCHED;
		}
	}
	int *kinds = render_letter_pile_counts(a);
	for (int h = 0; h < sc->nhosts; h++) {
		if (!render_letter_pile_tagged(a, h, kinds))
			continue;
		struct sbuf b = { 0 };
		render_letter_pile_text(a, &kinds[(size_t)h * HOLD_COUNT], &b);
		/* where render_letter_reserve placed it, this frame; an
		 * outbox's few letters only where the tag hides nothing (it
		 * says what the card says too; over a network's name it hid
		 * the name) */
		long cost = 0;
		SDL_Rect tag = a->place && a->place->pile_tag && a->place->pile_tag[h].w > 0
				       ? a->place->pile_tag[h]
				       : render_letter_pile_tag_rect(a, h, box[h], count[h], b.s, &cost);
		if (cost && count[h] <= RENDER_TOPOLOGY_STACK) {
			sbuf_free(&b);
			continue;
		}
		if (a->place && a->place->pile_tag)
			a->place->pile_tag[h] = tag;
		render_topology_take(a, render_topology_pill(a, RENDER_FONT_BOLD, render_topology_tag_px(a, 15), b.s,
							     (float)tag.x + (float)tag.w / 2, (float)tag.y + (float)tag.h / 2,
							     a->panels.topo.w / 3, RENDER_THEME_TEXT, 0xFFFFFFFFu, 0));
		sbuf_free(&b);
	}
	free(kinds);
	for (size_t i = 0; i < 3 * (size_t)sc->nhosts; i++) {
		SDL_Rect tray = { 0, 0, 0, 0 };   /* the first 2 per host are trays (INBOX, Junk) */
		if (!stack[i].dsn)
			continue;
		if (i < 2 * (size_t)sc->nhosts && !render_tray_rect(a, (int)(i / 2), render_tray_names[i % 2], &tray))
			tray.w = 0;
		render_letter_dsn_tag(a, stack[i].rc, stack[i].dsn, tray);
	}
	free(stack);
	free(in_tray);
	free(box);
	free(count);
}
