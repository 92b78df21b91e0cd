/* render_quiz — the lesson's quiz in the window.  While the teacher plays
 * or steps, the event a question belongs to (sim's quiz_match: the first
 * question not yet asked whose "on" a record matches, one per record) is
 * held back: the run is taken back one event, so the picture shows the
 * moment just before it, and an overlay asks the question.  Once the class
 * has answered (keys 1-4 or a click), the event happens and the overlay
 * reveals the right answer, whether the class had it, and why.  Every
 * question is asked once; stepping back before an asked question makes it
 * askable again, and a restart asks everything again. */
#ifndef MAILSIM_RENDER_QUIZ_H
#define MAILSIM_RENDER_QUIZ_H

#include <SDL.h>
#include <stddef.h>

#include "scenario.h"

struct render_app;

enum render_quiz_phase {
	RENDER_QUIZ_IDLE,        /* nothing asked now */
	RENDER_QUIZ_ASK,         /* before the event: the question and its choices */
	RENDER_QUIZ_REVEAL,      /* after it: the right answer and why */
	RENDER_QUIZ_PHASE_COUNT
};
extern const char *const render_quiz_phase_names[RENDER_QUIZ_PHASE_COUNT];

/* Questions one event can hold back at most (more are passed silently). */
#define RENDER_QUIZ_MAX_AT_ONCE 8

/* Not answered in the window (render_quiz.answer[q]). */
#define RENDER_QUIZ_UNASKED (-2)
/* Shown, but the teacher revealed it without an answer (Esc). */
#define RENDER_QUIZ_SKIPPED (-1)

/* Where the overlay put its parts in the last frame (for the tests: no two
 * overlap, all inside the box, the box inside the window). */
struct render_quiz_layout {
	SDL_Rect box;
	SDL_Rect title, question, choice[SC_QUIZ_MAX_CHOICES], verdict, explain, hint;
	int nchoices;
	int px_question, px_choice;
};

struct render_quiz {
	int off;                 /* Q: the window asks nothing (questions still
	                          * count as passed, as in a shot) */
	int nquiz;
	long *rec;               /* per question: the trace record it belongs to,
	                          * once the run has passed it; -1 */
	int *answer;             /* per question: the class's choice (0-based),
	                          * RENDER_QUIZ_SKIPPED or RENDER_QUIZ_UNASKED */
	unsigned char *matched;  /* per question: rec >= 0 (for quiz_match) */
	size_t scan;             /* trace records already matched */
	enum render_quiz_phase phase;
	/* The questions of the event held back, in record order (one event can
	 * make several records), and which one is on screen. */
	int cur[RENDER_QUIZ_MAX_AT_ONCE];
	int ncur, icur;
	size_t event;            /* that event: events done once it happened */
	int resume;              /* play on after the reveal */
	struct render_quiz_layout layout;
};

/* A new lesson (or none): every question askable, nothing on screen. */
void render_quiz_reset(struct render_app *a);
void render_quiz_free(struct render_quiz *q);

/* After any change of the run: records past the end of the trace (a step
 * back, a restart) are forgotten, and their questions become askable
 * again; new records the window did not stop for (a jump by time, as a
 * shot makes) are matched silently.  A step back closes the overlay. */
void render_quiz_sync(struct render_app *a);

/* After the teacher's one-event step forward (play, →, the pacing steps):
 * if the records it made hold a question not asked yet, take the run back
 * before that event, stop playing and ask.  Returns 1 if it did. */
int render_quiz_after_step(struct render_app *a);

/* 1 while a question or its answer is on screen. */
int render_quiz_active(const struct render_app *a);
/* 1 while a question that keeps view w out of sight is asked (its "hide":
 * what would give the answer away); everything is back with the answer. */
int render_quiz_hides(const struct render_app *a, enum sc_quiz_hide w);
/* Draw, at the top of a panel's inside c, why it is empty now. */
void render_quiz_hidden_note(struct render_app *a, SDL_Rect c);

/* The class chose choice (0-based) for the question on screen, or
 * RENDER_QUIZ_SKIPPED.  After the last question of the held-back event the
 * event happens and the answers are revealed.  Nothing happens outside
 * the asking phase or for a choice the question does not have. */
void render_quiz_answer(struct render_app *a, int choice);
/* Close the reveal (or show the next one); play resumes if it was playing
 * when the question came. */
void render_quiz_continue(struct render_app *a);
/* Close the overlay without going on (a step back, a restart, a new
 * lesson); the held-back questions stay askable. */
void render_quiz_close(struct render_app *a);
/* Q: ask questions or not; a toast says which. */
void render_quiz_toggle(struct render_app *a);

/* A key while the quiz overlay is open; returns 1 if the quiz used it. */
int render_quiz_key(struct render_app *a, int keycode);
/* Questions answered right and answered at all in the window so far. */
void render_quiz_score(const struct render_app *a, int *right, int *answered);

/* A picture of question q (its index in the lesson) on screen, as the
 * window reaches it (mailsim shot --quiz): quiz on, a jump by time to
 * just before q's record (asking nothing), then steps as → makes, any
 * other question on the way revealed without an answer and closed, until
 * q is asked.  With answer a choice (0-based) or RENDER_QUIZ_SKIPPED the
 * class answers and the event happens: the reveal; RENDER_QUIZ_UNASKED
 * leaves the question asked.  Returns 0, or -1 if the run never asks q
 * or answer is not one of its choices. */
int render_quiz_show(struct render_app *a, int q, int answer);

/* Draw the overlay (over everything) when a question is on screen. */
void render_quiz_draw(struct render_app *a);

#endif
