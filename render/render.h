/* render — the SDL2 classroom front end.  Reads the simulation through
 * sim.h and acts only through its action API (the timeline wrappers). */
#ifndef MAILSIM_RENDER_H
#define MAILSIM_RENDER_H

#include <stdint.h>

struct render_opts {
	const char *scenario;      /* lesson file to open */
	const char *scenarios_dir; /* for the lesson picker */
	const char *assets_dir;    /* i18n catalogs, icons */
	const char *font;          /* --font override, NULL = fontconfig */
	int lang;                  /* enum lang */
	int width, height;         /* window or picture size */
	int presenter;             /* large text for a projector */
	int pause_captions;        /* stop playing at each caption (presenter mode
	                            * does by default); a shot plays on from --at to
	                            * the next caption */
	uint64_t seed;             /* 0 = scenario's */
	/* shot only */
	double at_seconds;
	const char *out_png;
	int summary;               /* the summary picture (every path tried), at
	                            * the lesson's end unless at_seconds is set */
	const char *select_msg;    /* message tag (else host id) to select */
	int quiz;                  /* 1 + the question (its index in the lesson)
	                            * to draw asked, just before its event; 0 none */
	int quiz_answer;           /* with quiz: 0 asked only; 1-4 the class's
	                            * choice, then the reveal after the event; -1
	                            * the reveal without an answer (Esc) */
};

/* Open the window and run until it is closed.  Returns the exit status, or
 * RENDER_NO_DISPLAY if no display could be opened (the caller then falls
 * back to the headless narration). */
#define RENDER_NO_DISPLAY 77
int render_window(const struct render_opts *o);

/* Draw the frame at o->at_seconds off-screen and write o->out_png.  Needs no
 * display.  Returns 0, or 1 after printing why it failed. */
int render_shot(const struct render_opts *o);

#endif
