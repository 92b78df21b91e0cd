/* test_render_util — helpers shared by the GUI's off-screen tests. */
#ifndef MAILSIM_TEST_RENDER_UTIL_H
#define MAILSIM_TEST_RENDER_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "render_app.h"

/* The window's state for a lesson, drawn off-screen at w x h in lang
 * (enum lang); fails the test if it cannot be made. */
struct render_app *test_render_util_app(const char *lesson, int lang, int w, int h);
/* The same, in presenter mode or not, as --presenter starts it. */
struct render_app *test_render_util_app_mode(const char *lesson, int lang, int w, int h, int presenter);
/* The same with its quiz off, run to at (microseconds) and drawn. */
struct render_app *test_render_util_app_at(const char *lesson, int lang, int w, int h, int presenter, int64_t at);

/* Whether the sweep tests (every lesson in both sizes, both modes and
 * both languages: config 0..7) check config c of lesson.  Always, unless
 * MAILSIM_TEST_SWEEP=N (N > 1) is set, as make test does for its second
 * pass under ASan+UBSan: then one config in N per lesson (N <= 8), rotating
 * with the lesson's number, so that every config still runs under the
 * sanitizers on some lessons while the optimised pass checks them all;
 * with N > 8, one config on one lesson in N / 8, the lessons chosen per
 * test (by its name), so that the suite as a whole still takes each. */
int test_render_util_sweep(const char *lesson, int c);
/* N as above; 1 when every config is checked (for a test's count of what
 * it checked). */
int test_render_util_sweep_n(void);
/* Whether a test that is not a sweep runs its i-th case (a moment, a
 * configuration): always, unless MAILSIM_TEST_SWEEP=N (N > 1), and then
 * case 0 and every N-th after it, so that each such test still runs
 * under the sanitizers, on fewer cases. */
int test_render_util_thin(size_t i);

struct sbuf;
/* One check of a two-moment sweep: a's window is drawn at moment 0 (the
 * first frame) or 1 (half time); it adds what it finds to its counts
 * (count[0] …) and says where in b, a line each. */
typedef void (*test_render_util_check_fn)(const char *lesson, const struct render_app *a, int moment, int *count,
                                          struct sbuf *b);
/* Runs check on every configuration of lesson the sweep picks, at the
 * first frame and at half time, with the quiz off; count has ncount
 * counts, which check adds to.  b gets a heading for
 * each configuration and moment that found something, and nothing else. */
void test_render_util_two_moments(const char *lesson, test_render_util_check_fn check, int *count, int ncount,
                                  struct sbuf *b);
/* Every lesson at each of its captions (up to 80), in both sizes, both
 * modes and both languages (the configurations MAILSIM_TEST_SWEEP keeps),
 * drawn with its quiz off: at(a, lesson, what, ud), what naming the moment
 * and the configuration.  Returns how many moments were visited. */
typedef void (*test_render_util_caption_fn)(struct render_app *a, const char *lesson, const char *what, void *ud);
int test_render_util_each_caption(test_render_util_caption_fn at, void *ud);
/* The same at each lesson's first frame only (what says "caption 0"). */
int test_render_util_each_config(test_render_util_caption_fn at, void *ud);

/* Lesson 01 with its first mail sent to n made-up ISP B recipients
 * (student00000@ispb.example, …) instead of Bob: a To: field of 27 bytes
 * per recipient.  Fails the test if the lesson cannot be read. */
struct scenario *test_render_util_many_rcpt(int n);

/* The colour at (x, y) of the last frame as 0xRRGGBBFF. */
uint32_t test_render_util_pixel(struct render_app *a, int x, int y);
/* How many pixels of rc in the last frame are within 24 per channel of
 * rgb (0xRRGGBB..). */
long test_render_util_count(struct render_app *a, SDL_Rect rc, uint32_t rgb);
/* Whether a's last frame showed header field (or card item) field whole
 * in the letter card. */
int test_render_util_card_shown(const struct render_app *a, int field);

/* The mouse moved to the middle of over, then a wheel turned y notches
 * (positive: up) there, fed to the session. */
void test_render_util_wheel(struct render_app *a, SDL_Rect over, int y);
/* A key press (keycode k with modifiers mod) fed to the session. */
void test_render_util_key(struct render_app *a, SDL_Keycode k, Uint16 mod);
/* A left click (press and release) at the centre of h, then a frame;
 * fails the test if h is NULL. */
void test_render_util_click(struct render_app *a, const struct render_app_hitbox *h);
/* The same without the frame (a test that measures the next frame's work). */
void test_render_util_press(struct render_app *a, const struct render_app_hitbox *h);

/* Run a's lesson to t_us, find ledger entry tag (fails the test if there
 * is none), select it when select is set, and draw a frame.  Returns the
 * entry. */
int test_render_util_msg_at(struct render_app *a, int64_t t_us, const char *tag, int select);

/* A lesson to step through row by row: at 1280 x 720 in English, with the
 * quiz off (steps, not questions). */
struct render_app *test_render_util_stepper(const char *lesson);

/* Stepping row by row (issue 11): the index of the current (last told)
 * row; fails the test if no row is told yet. */
size_t test_render_util_row(struct render_app *a);
/* Step with → until the current row is of kind (and, for TR_QUEUED, taken
 * as how; -1 any); returns its index.  Fails the test if 600 steps do not
 * get there. */
size_t test_render_util_step_to(struct render_app *a, enum trace_kind kind, int how);
/* Lesson 05 (Bcc and forwarding) stepped (test_render_util_stepper) to the
 * row where ISP B's server forwards Bob's copy to the university; the
 * same event stores Carol's and Dave's copies at later rows.  *fwd gets
 * the forward's row. */
struct render_app *test_render_util_forward(size_t *fwd);
/* Step with → until the current row is of kind and a later row of the same
 * event, not told yet, is of kind later (on the current row's connection
 * if same_conn); returns the current row and sets *at to the later one.
 * Fails the test if no such row comes. */
size_t test_render_util_step_before(struct render_app *a, enum trace_kind kind, enum trace_kind later,
                                    int same_conn, size_t *at);

/* qsort's order of int64_t times, ascending. */
int test_render_util_cmp_time(const void *x, const void *y);
/* Lesson played to its end off-screen (1280 x 720, no quiz), its trace
 * in *tr and *ntr. */
struct render_app *test_render_util_played(const char *lesson, const struct trace_rec **tr, size_t *ntr);

struct render_topology_wires;
/* Does the segment (x1, y1)-(x2, y2) lie along a piece of w, within 1.5
 * px of it (the ends at the routers' boxes cut a piece where a route
 * leaves the box)? */
int test_render_util_on_wire(const struct render_topology_wires *w, float x1, float y1, float x2, float y2);
/* Does the point (x, y) lie within 1.5 px of a piece of w? */
int test_render_util_near_wire(const struct render_topology_wires *w, float x, float y);

#endif
