/* render_pace — how the run moves forward as the class watches it: one
 * event at a time (every forward step of the window goes through
 * render_pace_step, so the quiz can hold an event back), "next caption"
 * and "next hop" steps, pausing at each caption while playing, and what
 * happens when the run reaches the lesson's end (the check panel opens).
 *
 * A hop is an event where a message changes hands: a server accepts
 * responsibility for it (TR_QUEUED), a mailbox stores it (TR_DELIVER), the
 * reader's mail program downloads it (TR_FETCHED), a router stops the
 * connection carrying it (TR_BLOCKED, TR_REFUSED), a server refuses it with
 * a 5xx reply, a bounce is written for it (TR_BOUNCE), or it is discarded
 * (TR_DISCARD). */
#ifndef MAILSIM_RENDER_PACE_H
#define MAILSIM_RENDER_PACE_H

#include "trace.h"

struct render_app;

struct render_pace {
	int pause_captions;      /* -1: as presenter mode (on there), 0 off, 1 on */
	int end_shown;           /* the check panel opened at the end already */
	/* what the last render_pace_step made happen */
	int caption;             /* a lesson caption fired */
	long caption_rec;        /* the trace record of the first that did, -1 */
	int hop;                 /* a hop (see above) */
	int stopped;             /* the window stopped at that caption: the check
	                          * panel waits for the next step, not over it */
};

/* 1 if record r is a hop. */
int render_pace_is_hop(const struct trace_rec *r);

/* Does playback stop at captions now? */
int render_pace_pausing(const struct render_app *a);
/* A: stop at captions or not (it then no longer follows presenter mode). */
void render_pace_toggle(struct render_app *a);

/* One event forward, as the teacher sees it.  Returns 1 if an event
 * happened (a->pace.caption and a->pace.hop say what it brought), 0 if
 * none did: the run is at its end, or the quiz held the event back and
 * asks its question (render_quiz_active). */
int render_pace_step(struct render_app *a);
/* 1 if record next, right after r, completes what r tells and is told
 * with it when a caption stops on r: a filter's verdict and the delivery
 * it decides, a DKIM signature and the queue the signed mail enters (its
 * card then shows the DKIM-Signature the caption names), what an
 * eavesdropper read and the line itself. */
int render_pace_completes(const struct trace_rec *r, const struct trace_rec *next);
/* After a step that fired a caption: the step's records told up to the
 * first caption's own (and the quiet ones after it; and what completes it,
 * render_pace_completes); the rest of the
 * event, which the next forward step tells, may begin something new or
 * hold the next caption.  Lesson 11 at 8.125 s: the caption on the
 * session key had stopped with the card on "m1 — connecting" and the TCP
 * SYN of the same event as the current row; lesson 05 at 1.438 s, the
 * caption on Carol's RCPT TO, on the DATA pipelined after it; lesson 02
 * at 50 s, two captions in one event, the first never shown. */
void render_pace_show_caption(struct render_app *a);
/* If the last event's rows still untold hold a caption: tell up to it
 * (a->pace.caption set, as a step that fired it) and return 1; else 0. */
int render_pace_held_caption(struct render_app *a);
/* Step until a caption fires (N), or a hop happens (J), the quiz asks, or
 * the run ends; stops playing. */
void render_pace_next_caption(struct render_app *a);
void render_pace_next_hop(struct render_app *a);

/* 1 if the run is at the lesson's end: no event is left, or the clock has
 * reached the lesson's "until". */
int render_pace_at_end(struct render_app *a);
/* After the run moved: at the end, stop playing and open the check panel
 * once (unless a question is on screen or a dialog is open); before the
 * end, allow that again. */
void render_pace_end_check(struct render_app *a);

#endif
