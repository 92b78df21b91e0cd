/* render_draw — the few shapes the front end is made of (filled and outlined
 * rounded boxes, thick lines, discs, arrows), drawn with SDL's renderer so
 * the same code draws into a window and into an off-screen surface. */
#ifndef MAILSIM_RENDER_DRAW_H
#define MAILSIM_RENDER_DRAW_H

#include <SDL.h>
#include <stdint.h>

/* Lay out without pixels: while dry is set for r, the shapes below, text
 * blits (render_font), the map's lines and the frame's clearing draw
 * nothing, while every size and place is worked out as before.  The
 * layout tests set it (tests/test_render_util.c), as most of their time
 * went into pixels they never look at; render_app_pixels draws a dry
 * frame again with pixels before anything reads them.  One renderer at a
 * time; the window never sets it. */
void render_draw_set_dry(SDL_Renderer *r, int dry);
int render_draw_dry(const SDL_Renderer *r);

/* Colours are 0xRRGGBBAA. */
void render_draw_color(SDL_Renderer *r, uint32_t rgba);
void render_draw_fill(SDL_Renderer *r, SDL_Rect rc, uint32_t rgba);
/* A rectangle with corners of radius rad, filled. */
void render_draw_round(SDL_Renderer *r, SDL_Rect rc, int rad, uint32_t rgba);
/* Its outline, th pixels thick (drawn inside rc). */
void render_draw_round_outline(SDL_Renderer *r, SDL_Rect rc, int rad, int th, uint32_t rgba);
void render_draw_outline(SDL_Renderer *r, SDL_Rect rc, int th, uint32_t rgba);
/* A line th pixels wide from (x0,y0) to (x1,y1). */
void render_draw_line(SDL_Renderer *r, float x0, float y0, float x1, float y1, float th, uint32_t rgba);
/* The same in dashes of length dash. */
void render_draw_dashed(SDL_Renderer *r, float x0, float y0, float x1, float y1, float th,
                        float dash, uint32_t rgba);
void render_draw_disc(SDL_Renderer *r, float cx, float cy, float rad, uint32_t rgba);
/* A filled triangle pointing from (x0,y0) toward (x1,y1), size sz, tip at (x1,y1). */
void render_draw_arrowhead(SDL_Renderer *r, float x0, float y0, float x1, float y1, float sz, uint32_t rgba);
/* A closed envelope icon in rc: paper colour fill, edge colour flap. */
void render_draw_envelope(SDL_Renderer *r, SDL_Rect rc, uint32_t fill, uint32_t edge, int th);
/* An X of two thick strokes centred at (cx, cy). */
void render_draw_cross(SDL_Renderer *r, float cx, float cy, float sz, float th, uint32_t rgba);

/* 1 if (x, y) is in rc. */
int render_draw_hit(SDL_Rect rc, int x, int y);
/* A point gap pixels outside rc on side (0 left, 1 right, 2 above,
 * 3 below), at fraction t (0..1) along that side: the places round a box
 * where a mark beside it may go. */
void render_draw_beside(SDL_Rect rc, float gap, int side, float t, float *x, float *y);

#endif
