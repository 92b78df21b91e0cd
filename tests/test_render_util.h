/* test_render_util — helpers shared by the GUI's off-screen tests. */
#ifndef MAILSIM_TEST_RENDER_UTIL_H
#define MAILSIM_TEST_RENDER_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "render_app.h"

/* The window's state for a lesson, drawn off-screen at w x h in lang
 * (enum lang); fails the test if it cannot be made. */
struct render_app *test_render_util_app(const char *lesson, int lang, int w, int h);

/* Lesson 01 with its first mail sent to n made-up ISP B recipients
 * (student00000@ispb.example, …) instead of Bob: a To: field of 27 bytes
 * per recipient.  Fails the test if the lesson cannot be read. */
struct scenario *test_render_util_many_rcpt(int n);

/* The colour at (x, y) of the last frame as 0xRRGGBBFF. */
uint32_t test_render_util_pixel(struct render_app *a, int x, int y);
/* How many pixels of rc in the last frame are within 24 per channel of
 * rgb (0xRRGGBB..). */
long test_render_util_count(struct render_app *a, SDL_Rect rc, uint32_t rgb);

/* A key press (keycode k with modifiers mod) fed to the session. */
void test_render_util_key(struct render_app *a, SDL_Keycode k, Uint16 mod);
/* A left click (press and release) at the centre of h, then a frame;
 * fails the test if h is NULL. */
void test_render_util_click(struct render_app *a, const struct render_app_hitbox *h);

/* Stepping row by row (issue 11): the index of the current (last told)
 * row; fails the test if no row is told yet. */
size_t test_render_util_row(struct render_app *a);
/* Step with → until the current row is of kind (and, for TR_QUEUED, taken
 * as how; -1 any); returns its index.  Fails the test if 600 steps do not
 * get there. */
size_t test_render_util_step_to(struct render_app *a, enum trace_kind kind, int how);

#endif
