/* test_render_util — helpers shared by the GUI's off-screen tests. */
#ifndef MAILSIM_TEST_RENDER_UTIL_H
#define MAILSIM_TEST_RENDER_UTIL_H

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

#endif
