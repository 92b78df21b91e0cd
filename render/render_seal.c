/* render_seal — a line sent inside TLS drawn sealed on the map: a padlock
 * before what the wire shows of it (render_traffic's packet labels, the
 * legend's sample). */
#include <SDL.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_font.h"
#include "render_topology.h"

/* A line sent inside TLS, as its label on the map: a padlock in the room
 * its text keeps, then what the wire shows -- "TLS ciphertext, 94 bytes",
 * readable.  (The words the two ends read, once drawn faint under a veil,
 * still read as something an observer on the way could see: issue 11.) */
void render_traffic_seal(struct render_app *a, SDL_Rect rc, int px)
{
	int in = px / 3 + 2, room = 0;
	render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_LINE, 0, RENDER_SEAL_ROOM, &room, NULL);
	/* on the first line of a label on two */
	int lh = render_font_line_height(a->font, RENDER_FONT_MONO, px);
	int first = rc.h - 2 < 2 * lh ? rc.h - 2 : lh;
	render_traffic_padlock(a, (float)(rc.x + in) + (float)room * 0.42f, (float)(rc.y + 1) + (float)first / 2, px);
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
