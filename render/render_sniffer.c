/* render_sniffer — the eavesdropper's panel (see render_sniffer.h).  It
 * takes its place from the right of the transcript, so the shared layout
 * needs no field for it: its rectangle is what lies between the
 * transcript and the right column. */
#include "render_sniffer.h"

#include <stdio.h>
#include <string.h>

#include "narrate.h"
#include "render_app.h"
#include "render_draw.h"
#include "render_font.h"
#include "render_ladder.h"
#include "render_layout.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_view.h"
#include "trace_sniff.h"

/* Shares of the bottom row (events, transcript; the panel has the rest)
 * in text mode, in percent; beside the sequence chart the panel takes
 * this much of the chart's width instead. */
#define RENDER_SNIFFER_EVENTS 38
#define RENDER_SNIFFER_TRANSCRIPT 31
#define RENDER_SNIFFER_OF_LADDER 34

int render_sniffer_shown(const struct render_app *a)
{
	return a->sc && a->sc->nsniffers > 0;
}

static SDL_Rect render_sniffer_rect(const struct render_app *a)
{
	const SDL_Rect *t = &a->panels.transcript;
	return (SDL_Rect){ t->x + t->w, t->y, a->panels.inspector.x - (t->x + t->w), t->h };
}

void render_sniffer_layout(struct render_app *a)
{
	SDL_Rect *e = &a->panels.events, *t = &a->panels.transcript;
	if (!render_sniffer_shown(a) || t->w <= 0 || t->h <= 0 || a->panels.inspector.x != t->x + t->w)
		return;
	int row = e->w + t->w;
	if (render_ladder_shown(a)) {
		t->w -= t->w * RENDER_SNIFFER_OF_LADDER / 100;
		return;
	}
	e->w = row * RENDER_SNIFFER_EVENTS / 100;
	t->x = e->x + e->w;
	t->w = row * RENDER_SNIFFER_TRANSCRIPT / 100;
}

/* Where the tag hides a name or an address (presenter mode lays the boxes
 * out anew: it covered Alice's laptop's name), the nearest place that
 * hides nothing and lies on no other network's region (in or by the
 * eavesdropper's own); else where it was. */
static SDL_Rect render_sniffer_tag_spot(struct render_app *a, const struct sc_sniffer *x, SDL_Rect tag)
{
	SDL_Rect best = tag, ix;
	long best_d = -1;
	int step = tag.h / 2 > 4 ? tag.h / 2 : 4, reach = 8 * tag.h;
	for (int dy = -reach; dy <= reach; dy += step)
		for (int dx = -reach - tag.w; dx <= reach + tag.w; dx += step) {
			long d = (long)dx * dx + (long)dy * dy;
			if (best_d >= 0 && d >= best_d)
				continue;
			SDL_Rect c = { tag.x + dx, tag.y + dy, tag.w, tag.h };
			int foreign = 0;
			for (int n = 0; n < a->sc->nnets && !foreign; n++) {
				SDL_Rect r = render_layout_net_rect(&a->layout, n);
				foreign = n != x->net && r.w > 0 && SDL_HasIntersection(&c, &r);
			}
			if (!foreign && render_topology_crowded(a, c) == 0 && SDL_IntersectRect(&c, &a->panels.topo, &ix) &&
			    SDL_RectEquals(&ix, &c)) {
				best = c;
				best_d = d;
			}
		}
	return best;
}

/* The eavesdropper on the topology, where the lesson places them (else
 * in the corner of their segment, or under the router they tap): a red
 * tag with their name. */
static void render_sniffer_topology(struct render_app *a, const struct sc_sniffer *x, const char *who)
{
	const struct render_layout_panels *p = &a->panels;
	float lx, ly, sx, sy;
	if (x->has_pos) {
		lx = x->pos[0];
		ly = x->pos[1];
	} else if (x->net >= 0 && x->net < a->layout.nnets) {
		const float *n = render_layout_net_at(&a->layout, x->net);
		lx = n[0] + 20;
		ly = n[1] + n[3] - 20;
	} else if (x->router >= 0 && x->router < a->layout.nrouters) {
		const float *r = render_layout_router_at(&a->layout, x->router);
		lx = r[0];
		ly = r[1] + 40;   /* just below the router */
	} else {
		return;
	}
	render_layout_to_screen(&a->layout, lx, ly, &sx, &sy);
	int tw = 0, th = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_FONT_LINE, 0, who, &tw, &th);
	SDL_Rect tag = { (int)sx - tw / 2 - p->pad / 2, (int)sy - th / 2 - p->pad / 4, tw + p->pad, th + p->pad / 2 };
	if (render_topology_crowded(a, tag) > 0)
		tag = render_sniffer_tag_spot(a, x, tag);
	render_topology_take(a, tag);
	SDL_RenderSetClipRect(a->ren, &p->topo);
	render_draw_round(a->ren, tag, p->radius, RENDER_THEME_BLOCK);
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, 0xFFFFFFFFu, RENDER_FONT_LINE, 0, who,
	                 tag.x + p->pad / 2, tag.y + p->pad / 4, NULL);
	SDL_RenderSetClipRect(a->ren, NULL);
}

/* One row: "C:110 PASS bob-pass" (what goes to port 110) or
 * "S:995 TLS ciphertext, 90 bytes", and its colour. */
static uint32_t render_sniffer_row(struct render_app *a, const struct trace_rec *r, struct sbuf *out)
{
	const struct trace_sniff *f = &r->u.sniff;
	char bytes[16], port[8];
	snprintf(bytes, sizeof bytes, "%u", (unsigned)f->bytes);
	snprintf(port, sizeof port, "%u", (unsigned)(f->to_server ? f->dport : f->sport));
	sbuf_addf(out, "%s:%s ", f->to_server ? "C" : "S", port);
	const char *args[] = { "bytes", bytes, "port", port, NULL };
	const struct i18n *cat = a->cat[a->lang];
	switch ((enum trace_sniff_what)f->what) {
	case TRACE_SNIFF_SYN:
		i18n_format(cat, "ui.sniffer.syn", args, out);
		return RENDER_THEME_MUTED;
	case TRACE_SNIFF_HANDSHAKE:
		i18n_format(cat, "ui.sniffer.handshake", args, out);
		return RENDER_THEME_OK;
	case TRACE_SNIFF_TLS:
		i18n_format(cat, "ui.sniffer.tls", args, out);
		return RENDER_THEME_OK;
	case TRACE_SNIFF_CLEAR:
	case TRACE_SNIFF_COUNT:
	default:
		break;
	}
	/* A clear line: its first line, and a mark when more followed. */
	const char *text = f->text ? f->text : "";
	size_t n = strcspn(text, "\n");
	sbuf_add(out, text, n);
	if (text[n])
		sbuf_adds(out, " …");
	return f->secret == TRACE_SNIFF_PASSWORD ? RENDER_THEME_BLOCK
	     : f->secret == TRACE_SNIFF_DIGEST ? RENDER_THEME_BOUNCE : RENDER_THEME_TEXT;
}

void render_sniffer_draw(struct render_app *a)
{
	if (!render_sniffer_shown(a))
		return;
	const struct render_layout_panels *p = &a->panels;
	SDL_Rect rc = render_sniffer_rect(a);
	if (rc.w < 4 * p->pad || rc.h < 4 * p->pad)
		return;
	SDL_Rect in = { rc.x + p->pad / 2, rc.y + p->pad / 2, rc.w - p->pad, rc.h - p->pad };
	render_draw_fill(a->ren, in, 0xFFF8F6FFu);   /* a faint red: someone is listening */
	render_draw_outline(a->ren, in, 1, RENDER_THEME_BLOCK);
	const struct sc_sniffer *x = &a->sc->sniffers[0];
	const char *who = sc_text_get(&x->label, a->lang);
	const char *targs[] = { "sniffer", who && *who ? who : x->id, NULL };
	render_sniffer_topology(a, x, targs[1]);
	struct sbuf b = { 0 };
	i18n_format(a->cat[a->lang], "ui.panel.sniffer", targs, &b);
	int th = 0;
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_BLOCK, RENDER_FONT_FIT,
	                 in.w - 2 * p->pad, b.s, in.x + p->pad, in.y + p->pad / 3, &th);
	SDL_Rect c = { in.x + p->pad, in.y + th + p->pad / 2, in.w - 2 * p->pad, in.h - th - p->pad };
	SDL_RenderSetClipRect(a->ren, &c);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	int lh = render_font_line_height(a->font, RENDER_FONT_MONO, p->px_mono);
	/* Newest at the bottom; a long line wraps (the APOP digest, the size
	 * of a TLS record: what the caption is about was cut off). */
	int y = c.y + c.h, newest = 1, any = 0;
	for (size_t i = n; i-- > 0 && y > c.y;) {
		if (tr[i].kind != TR_SNIFF)
			continue;
		any = 1;
		sbuf_reset(&b);
		uint32_t col = render_sniffer_row(a, &tr[i], &b);
		int rw = 0, rh = 0;
		render_font_size(a->font, RENDER_FONT_MONO, p->px_mono, RENDER_FONT_WRAP, c.w, b.s, &rw, &rh);
		y -= rh > lh ? rh : lh;
		if (newest)
			render_draw_fill(a->ren, (SDL_Rect){ c.x, y, c.w, rh > lh ? rh : lh }, RENDER_THEME_HILITE);
		render_font_draw(a->font, RENDER_FONT_MONO, p->px_mono, col, RENDER_FONT_WRAP, c.w, b.s, c.x, y, NULL);
		newest = 0;
	}
	if (!any)
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_WRAP, c.w,
		                 render_app_text(a, "ui.sniffer.none"), c.x, c.y, NULL);
	sbuf_free(&b);
	SDL_RenderSetClipRect(a->ren, NULL);
}
