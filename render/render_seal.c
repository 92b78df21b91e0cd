/* render_seal — a line sent inside TLS drawn sealed on the map: a padlock
 * and its words under a veil (render_traffic's packet labels, the legend's
 * sample). */
#include <SDL.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_font.h"
#include "render_topology.h"

/* A line sent inside TLS, as its label on the map: a padlock at the left
 * and the words under a veil of the label's colour, faint -- the two ends
 * read them, nothing on the way does (lesson 14: "[TLS] C: USER bob@is…"
 * in plain white beside the café's eavesdropper while the caption said
 * USER cannot be read, review 19 C7). */
void render_traffic_seal(struct render_app *a, SDL_Rect rc, int px, uint32_t bg)
{
	/* the six spaces the label keeps for it, after the pill's margin */
	int in = px / 3 + 2, room = 0;
	render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_LINE, 0, "      ", &room, NULL);
	int lock = in + room * 2 / 3;
	/* a label on two lines: the padlock on the first, the second veiled
	 * from its start */
	int lh = render_font_line_height(a->font, RENDER_FONT_MONO, px);
	int first = rc.h - 2 < 2 * lh ? rc.h - 2 : lh;
	SDL_Rect veil = { rc.x + lock, rc.y + 1, rc.w - lock - in / 2, first };
	if (veil.w > 0)
		render_draw_fill(a->ren, veil, (bg & 0xFFFFFF00u) | 0xB8u);
	SDL_Rect rest = { rc.x + in / 2, rc.y + 1 + first, rc.w - in, rc.h - 2 - first };
	if (rest.w > 0 && rest.h > 0)
		render_draw_fill(a->ren, rest, (bg & 0xFFFFFF00u) | 0xB8u);
	render_traffic_padlock(a, (float)(rc.x + in) + (float)room / 3, (float)(rc.y + 1) + (float)first / 2, px);
}

void render_traffic_padlock(struct render_app *a, float cx, float cy, int px)
{
	/* a shackle (an arch of two legs and a bar) over a body */
	float th = (float)(px / 7 > 1 ? px / 7 : 1), bw = (float)px * 0.72f, bh = (float)px * 0.52f;
	float x = cx - bw / 2, y = cy - bh / 5;
	float sw = bw * 0.62f, sx = x + (bw - sw) / 2, top = y - bh * 0.75f;
	render_draw_line(a->ren, sx, y, sx, top, th, 0xFFFFFFFFu);
	render_draw_line(a->ren, sx + sw, y, sx + sw, top, th, 0xFFFFFFFFu);
	render_draw_line(a->ren, sx, top, sx + sw, top, th, 0xFFFFFFFFu);
	render_draw_round(a->ren, (SDL_Rect){ (int)x, (int)y, (int)bw, (int)bh }, (int)th, 0xFFFFFFFFu);
}
