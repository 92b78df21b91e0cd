/* render_card_text — the card's text blocks (render_card_text.h). */
#include "render_card_text.h"
#include "render_card_told.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_auth.h"
#include "render_draw.h"
#include "render_font.h"
#include "render_theme.h"
#include "render_view.h"
#include "render_wrap.h"
#include "util.h"

/* A header field "Name: value" as a folded header line (RFC 5322 §2.2.3):
 * wrapped at w pixels, each continuation line indented by two
 * characters, so that a long field is read whole and still reads as one
 * field (a Received line's IP, "by" and "with ESMTPSA" had been cut with
 * "…" in presenter mode: review 20, B2).  At (x, y) in colour col;
 * returns the height; draws only with draw. */
int render_card_draws(struct render_app *a, SDL_Rect rc, int y, int h)
{
	if (y + h < rc.y || y > rc.y + rc.h || (y + h > rc.y + rc.h && y > rc.y))
		return 0;
	if (y + h > a->card_end) {
		a->card_end = y + h;
		a->card_end_right = rc.x + rc.w;   /* until the block says (render_card_folded_end) */
		a->card_end_line = h;
	}
	return 1;
}

void render_card_folded_end(struct render_app *a, int px, int w, const char *text, int x, int y, int h)
{
	if (y + h < a->card_end - 2)
		return;   /* not the last block drawn */
	struct sbuf c = { 0 };
	render_wrap_clean(&c, text, strlen(text), 0);
	int lh = render_font_line_height(a->font, RENDER_FONT_MONO, px), tw = 0, th = 0;
	render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_WRAP, w, c.s ? c.s : "", &tw, &th);
	if (th <= lh) {   /* one line: its own width (of several, the widest is all that is known) */
		a->card_end_right = x + tw;
		a->card_end_line = lh;
	}
	sbuf_free(&c);
}

int render_card_folded(struct render_app *a, int px, uint32_t col, int w, const char *text, int x, int y, int draw)
{
	struct sbuf c = { 0 };
	render_wrap_clean(&c, text, strlen(text), 0);
	const char *s = c.s ? c.s : "";
	int h = 0, lh = render_font_line_height(a->font, RENDER_FONT_MONO, px), iw = 0;
	render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_WRAP, w, s, NULL, &h);
	render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_LINE, 0, "  ", &iw, NULL);
	if (h <= lh || w - iw < px * 4) {   /* one line (or no room to indent) */
		if (draw)
			render_font_draw(a->font, RENDER_FONT_MONO, px, col, RENDER_FONT_WRAP, w, s, x, y, NULL);
		sbuf_free(&c);
		return h;
	}
	size_t next = 0, first = render_font_wrap_first(a->font, RENDER_FONT_MONO, px, w, s, &next);
	int rh = 0;
	render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_WRAP, w - iw, s + next, NULL, &rh);
	if (draw) {
		char *head = xstrndup(s, first);
		render_font_draw(a->font, RENDER_FONT_MONO, px, col, RENDER_FONT_LINE, 0, head, x, y, NULL);
		free(head);
		render_font_draw(a->font, RENDER_FONT_MONO, px, col, RENDER_FONT_WRAP, w - iw, s + next, x + iw, y + lh,
				 NULL);
	}
	sbuf_free(&c);
	return lh + rh;
}

/* A DKIM-Signature or Authentication-Results field on the card, row by
 * row (render_auth): d= and s= on a highlight, each method's result in
 * green (pass) or red (fail).  Returns the height; draws only with draw. */
int render_card_auth(struct render_app *a, const char *n, size_t nl, const char *v, size_t vl, SDL_Rect rc, int y,
                     int px, int draw)
{
	static const uint32_t bg[RENDER_AUTH_TONE_COUNT] = { 0, 0xB2EBF2FFu, 0xE8F5E9FFu, 0xFFEBEEFFu };
	static const uint32_t fg[RENDER_AUTH_TONE_COUNT] = {
		RENDER_THEME_TEXT, 0x006064FFu, RENDER_THEME_OK, RENDER_THEME_BLOCK,
	};
	const struct render_layout_panels *p = &a->panels;
	struct render_auth_row rows[RENDER_AUTH_MAX_ROWS];
	int nr = render_auth_rows(n, nl, v, vl, rows, RENDER_AUTH_MAX_ROWS), y0 = y;
	for (int i = 0; i < nr; i++) {
		const struct render_auth_row *r = &rows[i];
		int x = rc.x + p->pad / 2, lw = 0, lh = 0, tw = 0, th = 0;
		if (*r->lead) {
			char lead[64];
			snprintf(lead, sizeof lead, "%s ", r->lead);
			render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_LINE, 0, lead, &lw, &lh);
		}
		int avail = rc.w - p->pad - lw > px * 4 ? rc.w - p->pad - lw : px * 4;
		render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_WRAP, avail, r->text, &tw, NULL);
		/* a method too long for its line folds, indented under it */
		th = render_card_folded(a, px, fg[r->tone], avail, r->text, x + lw, y + 1, 0);
		int h = th > lh ? th : lh;
		/* the tail on the same line if it fits there, else on the lines
		 * under it, indented as a folded header line (review 20, B2: a
		 * Received-SPF's client-ip and a DKIM-Signature's a= had been
		 * cut with "…") */
		int tailw = 0, iw = 0, fold = 0;
		if (*r->tail) {
			render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_LINE, 0, r->tail, &tailw, NULL);
			render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_LINE, 0, "  ", &iw, NULL);
			fold = tw + px + tailw > avail;
		}
		int foldw = rc.w - p->pad - iw > px * 4 ? rc.w - p->pad - iw : px * 4, fh = 0;
		if (fold)
			render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_WRAP, foldw, r->tail, NULL, &fh);
		if (draw && render_card_draws(a, rc, y, h + fh + 2)) {
			if (bg[r->tone])   /* d=/s= just behind the text; a result across the row */
				render_draw_fill(a->ren, (SDL_Rect){ x + lw - 2, y, r->tone == RENDER_AUTH_KEY ? tw + 4
						 : rc.x + rc.w - x - lw + 2, h + 2 }, bg[r->tone]);
			if (*r->lead)
				render_font_draw(a->font, RENDER_FONT_MONO, px, RENDER_THEME_TEXT, RENDER_FONT_LINE, 0,
						 r->lead, x, y + 1, NULL);
			render_card_folded(a, px, fg[r->tone], avail, r->text, x + lw, y + 1, 1);
			if (*r->tail && !fold)
				render_font_draw(a->font, RENDER_FONT_MONO, px, RENDER_THEME_MUTED, RENDER_FONT_LINE, 0,
						 r->tail, x + lw + tw + px, y + 1, NULL);
			else if (fold)
				render_font_draw(a->font, RENDER_FONT_MONO, px, RENDER_THEME_MUTED, RENDER_FONT_WRAP, foldw,
						 r->tail, x + iw, y + 1 + h, NULL);
		}
		y += h + fh + 3;
	}
	return y - y0;
}

/* A heading of the letter card, drawn (draw) or only measured; returns
 * its height. */
int render_card_heading(struct render_app *a, const char *key, SDL_Rect rc, int y,
                                      int draw)
{
	const struct render_layout_panels *p = &a->panels;
	int h = 0;
	/* wrapped, not cut: "(kept as Return-Path and Delivered-To)" is
	 * what the struck envelope under it means */
	if (draw)
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_ACCENT, RENDER_FONT_WRAP,
				 rc.w, render_app_text(a, key), rc.x, y, &h);
	else
		render_font_size(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_FONT_WRAP, rc.w,
				 render_app_text(a, key), NULL, &h);
	return h;
}

/* A strip that says the card goes on: over the scrolled header ("▲ more
 * above", its rule under it) or at its foot ("▼ more below", rule above). */
void render_card_strip(struct render_app *a, SDL_Rect r, const char *key, int above)
{
	const struct render_layout_panels *p = &a->panels;
	render_draw_fill(a->ren, r, 0xE3F2FDFFu);
	render_draw_fill(a->ren, (SDL_Rect){ r.x, above ? r.y + r.h - 2 : r.y, r.w, 2 }, RENDER_THEME_ACCENT);
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_ACCENT, RENDER_FONT_LINE, 0,
			 render_app_text(a, key), r.x + p->pad / 2, r.y + p->pad / 4, NULL);
}

int render_card_title(struct render_app *a, int focus, int w, char *buf, size_t n, int *px)
{
	struct sbuf st = { 0 };
	render_view_msg_states(a, focus, &st);
	const struct ledger_entry *le = sim_ledger(render_app_sim(a), (size_t)focus);
	snprintf(buf, n, "%s%s — %s", le->bounce_of >= 0 ? "DSN " : "", le->tag, st.s ? st.s : "");
	sbuf_free(&st);
	const struct render_layout_panels *p = &a->panels;
	int h = 0;
	size_t len = strlen(buf);
	for (int v = p->px_title;; v = v * 9 / 10 > p->px_body ? v * 9 / 10 : p->px_body) {
		/* On one line as render_card_draw wraps it, not as one shaped
		 * line measures: the wrap adds up each character's advance, a
		 * little wider, and lesson 09's "spamB.82 — 迷惑メールフォルダに配達"
		 * at 10.30 s (720p presenter ja) measured 419 px as a line but
		 * wrapped "配達" onto the envelope's heading (issue 11). */
		if (render_font_wrap_first(a->font, RENDER_FONT_BOLD, v, w, buf, NULL) >= len) {
			*px = v;
			return render_font_line_height(a->font, RENDER_FONT_BOLD, p->px_title);   /* the title's line */
		}
		if (v <= p->px_body)
			break;
	}
	*px = p->px_title;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_title, RENDER_FONT_WRAP, w, buf, NULL, &h);
	return h;
}

/* Where the "▼ more below" strip has no room: a short "▼ more" tab at
 * the card's foot, on the right of its last line where that line ends
 * short of it (lesson 09 at 2.5 s and lesson 06 at 1.30 s in presenter
 * mode: only the 3 px bar had said the card goes on). */
static void render_card_tab(struct render_app *a, SDL_Rect c)
{
	const struct render_layout_panels *p = &a->panels;
	const char *t = render_app_text(a, "ui.card.more_below.short");
	int tw = 0, th = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_FONT_LINE, 0, t, &tw, &th);
	int bottom = c.y + c.h - 3, top = a->card_end - a->card_end_line;
	top = top > bottom - th - 2 ? top : bottom - th - 2;
	SDL_Rect tab = { c.x + c.w - tw - p->pad, top, tw + p->pad, bottom - top };
	/* (its letters, not its font's whole line height, need the room: a
	 * mono line 21 px high at 720p, the small font's 24) */
	if (tab.h < th * 3 / 4 || tab.x < a->card_end_right + p->pad / 2 || tab.x < c.x)
		return;   /* the last line reaches there: the bar alone */
	render_draw_fill(a->ren, tab, RENDER_THEME_ACCENT);
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, 0xFFFFFFFFu, RENDER_FONT_LINE, 0, t,
			 tab.x + p->pad / 2, tab.y + (tab.h - th) / 2, NULL);
	a->card_tab = tab;
}

void render_card_foot(struct render_app *a, SDL_Rect c, SDL_Rect body, int strip)
{
	/* never over the title: a card squeezed to a line or two (presenter
	 * mode with a packet's layers open beside a verdict) keeps its title
	 * readable and gets the bar */
	if (c.y + c.h - a->card_end >= strip && c.y + c.h - strip >= body.y) {
		a->card_below = (SDL_Rect){ body.x, c.y + c.h - strip, body.w, strip };
		render_card_strip(a, a->card_below, "ui.card.more_below", 0);
	} else {
		render_draw_fill(a->ren, (SDL_Rect){ c.x, c.y + c.h - 3, c.w, 3 }, RENDER_THEME_ACCENT);
		render_card_tab(a, c);
	}
}
