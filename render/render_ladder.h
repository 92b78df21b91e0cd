/* render_ladder — the sequence (ladder) chart of the connection in focus,
 * the other view of the protocol panel (S or the switch in its title): the
 * client's and the server's lifelines, and one slanted arrow per line on
 * the wire, leaving when it was sent and landing when it arrived, so the
 * latency shows as slope.  Derived from the trace and the connection on
 * the wire on every frame; drawing it never advances the simulation. */
#ifndef MAILSIM_RENDER_LADDER_H
#define MAILSIM_RENDER_LADDER_H

#include <SDL.h>
#include <stddef.h>
#include <stdint.h>

#include "sim.h"

struct render_app;

/* The lifelines, left to right. */
enum render_ladder_side {
	RENDER_LADDER_CLIENT,
	RENDER_LADDER_ROUTER,    /* only when a router stopped the SYN */
	RENDER_LADDER_SERVER,
	RENDER_LADDER_SIDE_COUNT
};
extern const char *const render_ladder_side_names[RENDER_LADDER_SIDE_COUNT];

/* What an arrow is, which sets its colour and stroke. */
enum render_ladder_class {
	RENDER_LADDER_CMD,       /* a command, client to server: blue */
	RENDER_LADDER_REPLY,     /* a reply, server to client: green */
	RENDER_LADDER_ERROR,     /* a reply with code >= 400 (or -ERR, NO, BAD): red */
	RENDER_LADDER_SYN,       /* TCP SYN: dashed */
	RENDER_LADDER_DROP,      /* a SYN a router dropped: dashed, red x at the router */
	RENDER_LADDER_RST,       /* the refusal coming back: dashed red */
	RENDER_LADDER_CLASS_COUNT
};
extern const char *const render_ladder_class_names[RENDER_LADDER_CLASS_COUNT];

enum render_ladder_note_kind {
	RENDER_LADDER_NOTE_TIMEOUT,   /* the client gave up waiting */
	RENDER_LADDER_NOTE_CLOSE,     /* the connection closed */
	RENDER_LADDER_NOTE_COUNT
};
extern const char *const render_ladder_note_names[RENDER_LADDER_NOTE_COUNT];

#define RENDER_LADDER_LABEL 192
#define RENDER_LADDER_MAX_NOTES 4
#define RENDER_LADDER_MAX_BREAKS 8

struct render_ladder_arrow {
	enum render_ladder_class cls;
	enum render_ladder_side from, to;
	int64_t t0, t1;          /* sent, arrived (or will arrive: in flight) */
	float frac;              /* share of the way drawn: 1, less while in flight */
	int in_flight;
	int code;                /* reply code, 0 */
	char label[RENDER_LADDER_LABEL];   /* the line (first line of a reply) */
	char mark[64];           /* DROP: the rule's name by the cross */
	int y0, y1;              /* placed: pixels from the plot's top, unscrolled */
};

struct render_ladder_note {
	enum render_ladder_note_kind kind;
	int64_t t;
	int64_t waited;          /* TIMEOUT: microseconds the client waited */
	int y;                   /* placed */
};

/* A long wait squeezed to a short gap in the time axis. */
struct render_ladder_break {
	int y;                   /* placed: the middle of the gap */
	int64_t dt;              /* the wait it stands for */
};

struct render_ladder {
	int conn;                /* connection id, -1 = none */
	int client, server;      /* host indices */
	int router;              /* router that stopped the SYN, -1 */
	int port;
	enum proto proto;
	int tls;                 /* encrypted at the latest record */
	int client_role, server_role;   /* enum role, -1 */
	int64_t t_start;         /* the SYN left */
	int64_t t_tls;           /* TLS began (after 220 to STARTTLS, or at once on 465), -1 */
	struct render_ladder_arrow *arrow;
	size_t narrows, cap;
	struct render_ladder_note note[RENDER_LADDER_MAX_NOTES];
	int nnotes;
	/* placed */
	int row;                 /* pixels between two labels */
	int height;              /* the whole chart, pixels */
	int y_tls;               /* where the TLS band starts, -1 */
	struct render_ladder_break brk[RENDER_LADDER_MAX_BREAKS];
	int nbreaks;
	int x[RENDER_LADDER_SIDE_COUNT];   /* lifelines, pixels (set by the drawing) */
	SDL_Rect plot;           /* the last frame's chart area under the heads */
	int base;                /* where its y 0 was drawn (scrolled), pixels */
};

/* The connection in focus: the one the latest trace record with a
 * connection belongs to, or with a message selected, that message's latest
 * connection.  -1 if there is none yet. */
int render_ladder_focus(struct render_app *a);

/* Fill l with the arrows of connection conn (-1: the one in focus) in the
 * order they arrive, the line now on the wire last (partly drawn), and the
 * notes (timeout, close).  Reads the trace and this frame's connections
 * (render_view_gather, which render_app_draw calls first).  Keeps l's
 * arrow buffer; returns the number of arrows (0 and l->conn = -1 if the
 * connection has no records). */
size_t render_ladder_collect(struct render_app *a, int conn, struct render_ladder *l);

/* Give every arrow and note its y (pixels from the top of the chart): the
 * time axis runs down, with row pixels at least between two labels, stretched
 * to fill avail_h pixels but at most to row_max between labels, and waits
 * longer than a few rows squeezed into breaks.  Sets l->height. */
void render_ladder_place(struct render_ladder *l, int row, int row_max, int avail_h);

/* Release l's buffers (l itself is not freed; NULL ok). */
void render_ladder_release(struct render_ladder *l);

/* 1 if the protocol panel shows the chart rather than the transcript. */
int render_ladder_shown(const struct render_app *a);
/* S: switch between the transcript and the chart. */
void render_ladder_toggle(struct render_app *a);
/* Show the chart (1) or the transcript (0). */
void render_ladder_set(struct render_app *a, int on);

/* The two-way switch [transcript | chart] ending at right_x in the panel's
 * title row at y, h pixels high, at most maxw wide (its labels smaller if
 * need be); registers its hit boxes.  Returns its width. */
int render_ladder_switch(struct render_app *a, int right_x, int y, int h, int maxw);
/* Its width, without drawing. */
int render_ladder_switch_width(struct render_app *a);

/* Draw the chart in c (the protocol panel's content rectangle); keeps the
 * geometry in the session for the tests (render_app's ladder). */
void render_ladder_draw(struct render_app *a, SDL_Rect c);

#endif
