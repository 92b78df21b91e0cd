/* render_check — the end-of-lesson 確認 / Check panel: every expectation of
 * the lesson's answer key, its note in the current language, with ✓ or ×
 * as sim's check_evaluate finds it on the run as it stands (a failing one
 * says what was found), and the class's quiz score.  It opens by itself
 * when the run reaches the lesson's end (render_pace), and with K or the
 * top bar's button; from it M opens the summary picture. */
#ifndef MAILSIM_RENDER_CHECK_H
#define MAILSIM_RENDER_CHECK_H

#include <SDL.h>
#include <stddef.h>

#include "check.h"

struct render_app;

/* Rows drawn at most (a lesson with more expectations is cut off with a
 * note saying how many more there are). */
#define RENDER_CHECK_MAX_ROWS 64

struct render_check {
	struct check_report report;   /* the run as it stood when evaluated */
	int valid;
	const void *sim;         /* which run, at which point, it was evaluated on */
	size_t events, ntrace, nactions;
	int64_t now;
	/* last frame: one row per expectation drawn, its ✓/× badge, and the panel */
	SDL_Rect box;
	SDL_Rect row[RENDER_CHECK_MAX_ROWS], badge[RENDER_CHECK_MAX_ROWS];
	int nrows;
};

void render_check_free(struct render_check *c);
/* Whether the lesson still runs (an event is left before its end): then a
 * row that does not hold is "not yet" (…), not a failure (×). */
int render_check_running(const struct render_app *a);
/* Open the panel (evaluating the run now), close it, or switch (K). */
void render_check_open(struct render_app *a);
void render_check_close(struct render_app *a);
void render_check_toggle(struct render_app *a);
/* The report for the run as it stands (re-evaluated when the run has
 * changed since the last call); valid until the next call. */
const struct check_report *render_check_report(struct render_app *a);
/* Append to out what was found against the failing item it, as the
 * panel's row says it ("実際は：…"): in the window's language, with states,
 * folders and hosts named as the window names them.  Appends nothing for
 * an item that holds. */
void render_check_found(const struct render_app *a, const struct check_item *it, struct sbuf *out);
/* Draw the panel when it is open. */
void render_check_draw(struct render_app *a);

#endif
