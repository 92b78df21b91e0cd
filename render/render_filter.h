/* render_filter — the spam filter in the window, drawn from the trace:
 * for the selected mail each filtering user's verdict (the score on a
 * scale with the threshold, the tokens that weighed most with their spam
 * probabilities and the mails they were seen in) and, once the user
 * corrected it, what the filter learnt (the counts that moved highlighted);
 * a plot of the filter's accuracy over the mails received; the toast a
 * mark leaves. */
#ifndef MAILSIM_RENDER_FILTER_H
#define MAILSIM_RENDER_FILTER_H

#include <SDL.h>
#include <stddef.h>

#include "trace.h"
#include "util.h"

struct render_app;

/* Draw the verdicts about ledger entry msg from content position y (before
 * scrolling by off) in a column at x, w pixels wide, clipped to clip (what
 * falls outside is measured, not drawn).  Returns the y below the last
 * thing drawn: y itself when no filter judged the mail. */
int render_filter_msg(struct render_app *a, int msg, SDL_Rect clip, int x, int y, int w, int off);

/* The filter's accuracy now as one line ("6 of 7 mails judged right:
 * 86%") at x, y, fitted to w pixels, drawn only with draw; returns its
 * height.  Presenter mode sets it beside the inspector's title above a
 * verdict's panel instead of the plot, which that short column has no
 * room for. */
int render_filter_now(struct render_app *a, int x, int y, int w, int draw);

/* 1 if the trace so far holds a verdict (the plot has something to show). */
int render_filter_any(struct render_app *a);

/* The accuracy plot in rc: the share of verdicts judged right after each
 * mail received (filter_accuracy), each mail a dot (red: misjudged, by the
 * lesson's "class" or the user's mark; orange: unsure, not counted right),
 * the figure now in large type,
 * the x scale as long as the run seen so far.  Draws nothing outside rc. */
void render_filter_plot(struct render_app *a, SDL_Rect rc);

/* The toast after a mark: what the records the mark made (from trace
 * index nrec_before on) say, short: moved or not, and what the filter
 * learnt.  spam is what the user marked. */
void render_filter_mark_toast(struct render_app *a, size_t nrec_before, int spam);

/* The line that says how many of the mail's words the filter never learnt
 * (left out of the score), appended to out in the window's language, when
 * they are at least half of them: then the few clues listed are all the
 * score rests on.  Returns 1 if written, 0 if there is nothing to say. */
int render_filter_unseen(struct render_app *a, const struct trace_filter *f, struct sbuf *out);

#endif
