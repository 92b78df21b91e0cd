/* render_card_told — the letter card of a copy the simulation no longer
 * holds: one the trace says exists at the current row (its envelope as
 * told on the wire), and a message dropped on purpose (its last copy,
 * struck through).  Split from render_card.c. */
#include "render_card_told.h"
#include "render_card_text.h"

#include <stdio.h>
#include <string.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_field.h"
#include "render_theme.h"
#include "render_ui.h"
#include "render_view.h"
#include "render_view_row.h"

/* A discarded copy's text, and the line through it: the text dark
 * enough to be read from the back row through the line. */
#define RENDER_CARD_STRUCK_TEXT 0x546E7AFFu
#define RENDER_CARD_STRUCK_LINE 0xB0BEC5FFu

/* A line struck through the middle of each row of monospace text of px
 * pixels in rc: what the card shows of a copy that no longer exists. */
static void render_card_strike(struct render_app *a, SDL_Rect rc, int px)
{
	int lh = render_font_line_height(a->font, RENDER_FONT_MONO, px);
	for (int ly = rc.y + lh / 2; lh > 0 && ly < rc.y + rc.h; ly += lh)
		render_draw_fill(a->ren, (SDL_Rect){ rc.x, ly, rc.w, a->panels.line }, RENDER_CARD_STRUCK_LINE);
}

/* A header block (fields, CRLF line ends, folded lines) as the card shows
 * a header: the fields it shows, each unfolded and shortened as there, the
 * top Received highlighted.  Returns the height drawn. */
static int render_card_block(struct render_app *a, const char *h, size_t len, SDL_Rect rc, int y0, int struck)
{
	const struct render_layout_panels *p = &a->panels;
	struct sbuf v = { 0 }, b = { 0 };
	int y = y0, first_received = 1;
	for (size_t i = 0; i < len;) {
		size_t colon = i;
		while (colon < len && h[colon] != ':' && h[colon] != '\n')
			colon++;
		size_t end = colon;   /* the field ends before a line that is not folded */
		for (;;) {
			const char *nl = memchr(h + end, '\n', len - end);
			end = nl ? (size_t)(nl - h) + 1 : len;
			if (end >= len || (h[end] != ' ' && h[end] != '\t'))
				break;
		}
		if (colon < end && h[colon] == ':' && render_card_shown_field(h + i, colon - i)) {
			sbuf_reset(&v);
			for (size_t k = colon + 1; k < end; k++)
				if (h[k] != '\r' && h[k] != '\n')
					sbuf_addc(&v, h[k]);
			size_t skip = 0;
			while (skip < v.len && v.s[skip] == ' ')
				skip++;
			sbuf_reset(&b);
			render_field_header(&b, a->cat[a->lang], h + i, colon - i, v.s + skip, v.len - skip, 0);
			int is_recv = colon - i == 8 && util_strncasecmp(h + i, "Received", 8) == 0;
			uint32_t col = struck ? RENDER_CARD_STRUCK_TEXT : is_recv ? 0x4E342EFFu : RENDER_THEME_TEXT;
			int fh = render_card_folded(a, p->px_mono, col, rc.w - p->pad, b.s, rc.x + p->pad / 2, y + 1, 0);
			if (is_recv && first_received && !struck)
				render_draw_fill(a->ren, (SDL_Rect){ rc.x, y, rc.w, fh + 2 }, RENDER_THEME_HILITE);
			first_received &= !is_recv;
			render_card_folded(a, p->px_mono, col, rc.w - p->pad, b.s, rc.x + p->pad / 2, y + 1, 1);
			if (struck)
				render_card_strike(a, (SDL_Rect){ rc.x + p->pad / 2, y + 1, rc.w - p->pad, fh }, p->px_mono);
			y += fh + 3;
		}
		i = end;
	}
	sbuf_free(&v);
	sbuf_free(&b);
	return y - y0 + p->pad / 2;
}

/* The card of a copy the trace says exists at the current row while the
 * simulation has already let go of it later in the same event
 * (render_view_row_envelope): its envelope as told on the wire, on blue,
 * and a line saying why no header is shown.  Returns 0 if there is no
 * such copy. */
int render_card_told(struct render_app *a, int focus, SDL_Rect c, int y)
{
	const struct render_layout_panels *p = &a->panels;
	struct sbuf env = { 0 };
	if (!render_view_row_envelope(a, focus, &env)) {
		sbuf_free(&env);
		return 0;
	}
	y += render_card_heading(a, "ui.card.envelope", c, y, 1);
	int h = 0;
	render_font_size(a->font, RENDER_FONT_MONO, p->px_mono, RENDER_FONT_WRAP, c.w - p->pad, env.s, NULL, &h);
	render_draw_fill(a->ren, (SDL_Rect){ c.x, y, c.w, h + p->pad / 2 }, 0xE3F2FDFFu);
	render_font_draw(a->font, RENDER_FONT_MONO, p->px_mono, RENDER_THEME_TEXT, RENDER_FONT_WRAP, c.w - p->pad,
			 env.s, c.x + p->pad / 2, y + p->pad / 4, NULL);
	y += h + p->pad;
	/* Its header, where the bounce that let go of it returns it. */
	struct sbuf hdr = { 0 };
	int have_hdr = render_view_row_freed_header(a, focus, &hdr);
	if (have_hdr) {
		y += render_card_heading(a, "ui.card.header", c, y, 1);
		y += render_card_block(a, hdr.s, hdr.len, c, y, 0);
	}
	render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_body, RENDER_THEME_MUTED, RENDER_FONT_WRAP, c.w,
			 render_app_text(a, have_hdr ? "ui.card.told_header" : "ui.card.told"), c.x, y, NULL);
	sbuf_free(&hdr);
	sbuf_free(&env);
	return 1;
}

/* The card of a message dropped on purpose: a bounce that cannot be
 * delivered is not bounced again (its envelope sender is <>, and no
 * bounce is made for a bounce).  Its last copy as it lay where it was
 * dropped, greyed and struck through: the envelope as the wire told it
 * (MAIL FROM:<> and the RCPT TO refused) and the header the discard
 * recorded, under a line saying who dropped it and why (review 20, B3:
 * the card had said only that no copy exists, at the caption explaining
 * "its envelope sender is <>").  Returns 0 if focus was not discarded. */
int render_card_discarded(struct render_app *a, int focus, SDL_Rect c, int y)
{
	const struct render_layout_panels *p = &a->panels;
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n), *d = NULL;
	for (size_t i = n; i-- > 0 && !d;) {
		if (tr[i].msg != focus)
			continue;
		if (tr[i].kind == TR_DISCARD)
			d = &tr[i];
		else if (tr[i].kind == TR_COMPOSE || tr[i].kind == TR_BOUNCE)
			break;   /* where the message began: it was not dropped */
	}
	if (!d)
		return 0;
	/* first who dropped it and why: the header may run past the panel */
	struct sbuf why = { 0 };
	const char *args[] = { "host", render_view_host_name(a, d->node), NULL };
	i18n_format(a->cat[a->lang], "ui.card.discarded", args, &why);
	int wh = 0;
	render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_body, RENDER_THEME_TEXT, RENDER_FONT_WRAP, c.w, why.s,
			 c.x, y, &wh);
	y += wh + p->pad / 2;
	sbuf_free(&why);
	struct sbuf env = { 0 };
	if (render_view_row_wire_envelope(a, focus, &env)) {
		y += render_card_heading(a, "ui.card.envelope_discarded", c, y, 1);
		int h = 0, w = 0;
		render_font_size(a->font, RENDER_FONT_MONO, p->px_mono, RENDER_FONT_WRAP, c.w - p->pad, env.s, &w, &h);
		render_draw_fill(a->ren, (SDL_Rect){ c.x, y, c.w, h + p->pad / 2 }, 0xECEFF1FFu);
		render_font_draw(a->font, RENDER_FONT_MONO, p->px_mono, RENDER_CARD_STRUCK_TEXT, RENDER_FONT_WRAP,
				 c.w - p->pad, env.s, c.x + p->pad / 2, y + p->pad / 4, NULL);
		render_card_strike(a, (SDL_Rect){ c.x + p->pad / 2, y + p->pad / 4, w, h }, p->px_mono);
		y += h + p->pad;
	}
	sbuf_free(&env);
	/* the header, if its heading and a line of it fit (no heading cut
	 * in half at the panel's foot) */
	int lh = render_font_line_height(a->font, RENDER_FONT_MONO, p->px_mono);
	if (d->u.discard.header && y + render_card_heading(a, "ui.card.header_discarded", c, y, 0) + lh <= c.y + c.h) {
		y += render_card_heading(a, "ui.card.header_discarded", c, y, 1);
		y += render_card_block(a, d->u.discard.header, strlen(d->u.discard.header), c, y, 1);
	}
	return 1;
}
