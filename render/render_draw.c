/* render_draw — shapes.  Rounded boxes are batched into one
 * SDL_RenderFillRects call (one rect per corner scanline) and lines are two
 * triangles through SDL_RenderGeometry, which the software renderer supports:
 * both keep a frame with a thousand letters cheap. */
#include "render_draw.h"

#include <math.h>

#define RENDER_DRAW_MAX_RAD 64

/* The renderer that lays out without pixels (render_draw_set_dry). */
static const SDL_Renderer *render_draw_dry_ren;

void render_draw_set_dry(SDL_Renderer *r, int dry)
{
	if (dry)
		render_draw_dry_ren = r;
	else if (render_draw_dry_ren == r)
		render_draw_dry_ren = NULL;
}

int render_draw_dry(const SDL_Renderer *r)
{
	return r && r == render_draw_dry_ren;
}

static SDL_Color render_draw_sdl(uint32_t rgba)
{
	SDL_Color c = { (Uint8)(rgba >> 24), (Uint8)(rgba >> 16), (Uint8)(rgba >> 8), (Uint8)rgba };
	return c;
}

void render_draw_color(SDL_Renderer *r, uint32_t rgba)
{
	SDL_Color c = render_draw_sdl(rgba);
	SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
}

void render_draw_fill(SDL_Renderer *r, SDL_Rect rc, uint32_t rgba)
{
	if (rc.w <= 0 || rc.h <= 0)
		return;
	render_draw_color(r, rgba);
	if (!render_draw_dry(r))
		SDL_RenderFillRect(r, &rc);
}

/* Horizontal inset of a circle of radius rad at scanline dy (0 = top). */
static int render_draw_inset(int rad, int dy)
{
	float y = (float)rad - (float)dy - 0.5f;
	float x = sqrtf((float)rad * (float)rad - y * y);
	return rad - (int)lroundf(x);
}

/* A corner radius that fits the box and the scanline table. */
static int render_draw_clamp_rad(SDL_Rect rc, int rad)
{
	if (rad > rc.w / 2)
		rad = rc.w / 2;
	if (rad > rc.h / 2)
		rad = rc.h / 2;
	return rad > RENDER_DRAW_MAX_RAD ? RENDER_DRAW_MAX_RAD : rad;
}

void render_draw_round(SDL_Renderer *r, SDL_Rect rc, int rad, uint32_t rgba)
{
	if (rc.w <= 0 || rc.h <= 0)
		return;
	rad = render_draw_clamp_rad(rc, rad);
	if (rad <= 1) {
		render_draw_fill(r, rc, rgba);
		return;
	}
	SDL_Rect rows[2 * RENDER_DRAW_MAX_RAD + 1];
	int n = 0;
	for (int dy = 0; dy < rad; dy++) {
		int in = render_draw_inset(rad, dy);
		rows[n++] = (SDL_Rect){ rc.x + in, rc.y + dy, rc.w - 2 * in, 1 };
		rows[n++] = (SDL_Rect){ rc.x + in, rc.y + rc.h - 1 - dy, rc.w - 2 * in, 1 };
	}
	rows[n++] = (SDL_Rect){ rc.x, rc.y + rad, rc.w, rc.h - 2 * rad };
	render_draw_color(r, rgba);
	if (!render_draw_dry(r))
		SDL_RenderFillRects(r, rows, n);
}

void render_draw_round_outline(SDL_Renderer *r, SDL_Rect rc, int rad, int th, uint32_t rgba)
{
	if (rc.w <= 0 || rc.h <= 0 || th <= 0)
		return;
	rad = render_draw_clamp_rad(rc, rad);
	if (rad < th) {
		render_draw_outline(r, rc, th, rgba);
		return;
	}
	/* Each corner scanline is drawn as its two end spans: the outer edge
	 * minus the inner circle (radius rad - th). */
	SDL_Rect rows[4 * RENDER_DRAW_MAX_RAD + 4];
	int n = 0, irad = rad - th;
	for (int dy = 0; dy < rad; dy++) {
		int out = render_draw_inset(rad, dy);
		int in;
		if (dy < th)
			in = rc.w / 2;
		else
			in = th + render_draw_inset(irad, dy - th);
		int span = in - out;
		if (span < 1)
			span = 1;
		for (int side = 0; side < 2; side++) {
			int y = side ? rc.y + rc.h - 1 - dy : rc.y + dy;
			if (dy < th) {
				rows[n++] = (SDL_Rect){ rc.x + out, y, rc.w - 2 * out, 1 };
			} else {
				rows[n++] = (SDL_Rect){ rc.x + out, y, span, 1 };
				rows[n++] = (SDL_Rect){ rc.x + rc.w - out - span, y, span, 1 };
			}
		}
	}
	rows[n++] = (SDL_Rect){ rc.x, rc.y + rad, th, rc.h - 2 * rad };
	rows[n++] = (SDL_Rect){ rc.x + rc.w - th, rc.y + rad, th, rc.h - 2 * rad };
	render_draw_color(r, rgba);
	if (!render_draw_dry(r))
		SDL_RenderFillRects(r, rows, n);
}

void render_draw_outline(SDL_Renderer *r, SDL_Rect rc, int th, uint32_t rgba)
{
	if (rc.w <= 0 || rc.h <= 0 || th <= 0)
		return;
	SDL_Rect e[4] = {
		{ rc.x, rc.y, rc.w, th },
		{ rc.x, rc.y + rc.h - th, rc.w, th },
		{ rc.x, rc.y + th, th, rc.h - 2 * th },
		{ rc.x + rc.w - th, rc.y + th, th, rc.h - 2 * th },
	};
	render_draw_color(r, rgba);
	if (!render_draw_dry(r))
		SDL_RenderFillRects(r, e, 4);
}

void render_draw_line(SDL_Renderer *r, float x0, float y0, float x1, float y1, float th, uint32_t rgba)
{
	float dx = x1 - x0, dy = y1 - y0;
	float len = sqrtf(dx * dx + dy * dy);
	if (len < 0.01f)
		return;
	if (th < 1.0f)
		th = 1.0f;
	float nx = -dy / len * th * 0.5f, ny = dx / len * th * 0.5f;
	SDL_Color c = render_draw_sdl(rgba);
	SDL_Vertex v[4] = {
		{ { x0 + nx, y0 + ny }, c, { 0, 0 } },
		{ { x0 - nx, y0 - ny }, c, { 0, 0 } },
		{ { x1 + nx, y1 + ny }, c, { 0, 0 } },
		{ { x1 - nx, y1 - ny }, c, { 0, 0 } },
	};
	static const int idx[6] = { 0, 1, 2, 1, 3, 2 };
	SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
	if (!render_draw_dry(r))
		SDL_RenderGeometry(r, NULL, v, 4, idx, 6);
}

void render_draw_dashed(SDL_Renderer *r, float x0, float y0, float x1, float y1, float th,
                        float dash, uint32_t rgba)
{
	float dx = x1 - x0, dy = y1 - y0;
	float len = sqrtf(dx * dx + dy * dy);
	if (len < 0.01f || dash < 1.0f)
		return;
	for (float d = 0; d < len; d += 2 * dash) {
		float e = d + dash < len ? d + dash : len;
		render_draw_line(r, x0 + dx * d / len, y0 + dy * d / len,
				 x0 + dx * e / len, y0 + dy * e / len, th, rgba);
	}
}

void render_draw_disc(SDL_Renderer *r, float cx, float cy, float rad, uint32_t rgba)
{
	enum { SEG = 20 };
	SDL_Vertex v[SEG + 1];
	int idx[SEG * 3];
	SDL_Color c = render_draw_sdl(rgba);
	v[0] = (SDL_Vertex){ { cx, cy }, c, { 0, 0 } };
	for (int i = 0; i < SEG; i++) {
		float a = (float)i * 6.2831853f / SEG;
		v[i + 1] = (SDL_Vertex){ { cx + rad * cosf(a), cy + rad * sinf(a) }, c, { 0, 0 } };
		idx[3 * i] = 0;
		idx[3 * i + 1] = i + 1;
		idx[3 * i + 2] = (i + 1) % SEG + 1;
	}
	SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
	if (!render_draw_dry(r))
		SDL_RenderGeometry(r, NULL, v, SEG + 1, idx, SEG * 3);
}

void render_draw_arrowhead(SDL_Renderer *r, float x0, float y0, float x1, float y1, float sz, uint32_t rgba)
{
	float dx = x1 - x0, dy = y1 - y0;
	float len = sqrtf(dx * dx + dy * dy);
	if (len < 0.01f)
		return;
	dx /= len;
	dy /= len;
	SDL_Color c = render_draw_sdl(rgba);
	SDL_Vertex v[3] = {
		{ { x1, y1 }, c, { 0, 0 } },
		{ { x1 - dx * sz - dy * sz * 0.55f, y1 - dy * sz + dx * sz * 0.55f }, c, { 0, 0 } },
		{ { x1 - dx * sz + dy * sz * 0.55f, y1 - dy * sz - dx * sz * 0.55f }, c, { 0, 0 } },
	};
	SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
	if (!render_draw_dry(r))
		SDL_RenderGeometry(r, NULL, v, 3, NULL, 0);
}

void render_draw_envelope(SDL_Renderer *r, SDL_Rect rc, uint32_t fill, uint32_t edge, int th)
{
	render_draw_fill(r, rc, fill);
	render_draw_outline(r, rc, th, edge);
	float mx = (float)rc.x + (float)rc.w / 2.0f, my = (float)rc.y + (float)rc.h * 0.55f;
	render_draw_line(r, (float)rc.x + 1, (float)rc.y + 1, mx, my, (float)th, edge);
	render_draw_line(r, (float)(rc.x + rc.w) - 1, (float)rc.y + 1, mx, my, (float)th, edge);
}

void render_draw_cross(SDL_Renderer *r, float cx, float cy, float sz, float th, uint32_t rgba)
{
	render_draw_line(r, cx - sz, cy - sz, cx + sz, cy + sz, th, rgba);
	render_draw_line(r, cx - sz, cy + sz, cx + sz, cy - sz, th, rgba);
}

int render_draw_hit(SDL_Rect rc, int x, int y)
{
	return x >= rc.x && y >= rc.y && x < rc.x + rc.w && y < rc.y + rc.h;
}

void render_draw_beside(SDL_Rect rc, float gap, int side, float t, float *x, float *y)
{
	if (side < 2) {   /* left, right */
		*x = side == 0 ? (float)rc.x - gap : (float)(rc.x + rc.w) + gap;
		*y = (float)rc.y + t * (float)rc.h;
	} else {          /* above, below */
		*x = (float)rc.x + t * (float)rc.w;
		*y = side == 2 ? (float)rc.y - gap : (float)(rc.y + rc.h) + gap;
	}
}
