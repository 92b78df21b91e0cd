/* render_summary — the lesson in one picture: every path tried, derived
 * from the trace alone.  Each connection attempt between two hosts (a
 * TR_CONNECT and the records of its connection) becomes an arrow along its
 * route with its protocol and port, ending in ✓ where it got through (a
 * server accepted a mail, a mail program logged in) or × where it was
 * stopped, with what stopped it: the router rule (OP25B at ISP A's border
 * router), a refusal or a timeout, or the server's reply (530, 554 …); a
 * connection still going on (the run has not got further) is grey.
 * Attempts alike (the same boxes, port and outcome; a group of machines is
 * one box) are one arrow with a count.  A legend lists them in full.  It
 * is the figure exam questions are drawn from: M in the window, and
 * `mailsim shot LESSON --summary`. */
#ifndef MAILSIM_RENDER_SUMMARY_H
#define MAILSIM_RENDER_SUMMARY_H

#include <SDL.h>
#include <stddef.h>

#include "render_topology.h"
#include "scenario.h"
#include "trace.h"

struct render_app;

/* How an attempt ended. */
enum render_summary_end {
	RENDER_SUMMARY_ACCEPTED,   /* a server took a mail (TR_QUEUED) */
	RENDER_SUMMARY_THROUGH,    /* connected and done without a refusal (a
	                            * POP3/IMAP session, a session with no mail) */
	RENDER_SUMMARY_RULE,       /* a router rule dropped or refused the SYN */
	RENDER_SUMMARY_REFUSED,    /* refused with no rule: nothing listens */
	RENDER_SUMMARY_TIMEOUT,    /* no answer, no rule: the server is down */
	RENDER_SUMMARY_REPLY,      /* the server refused with a reply (4xx/5xx,
	                            * POP3 -ERR, IMAP NO) and took no mail */
	RENDER_SUMMARY_OPEN,       /* still going on (the run has not got further) */
	RENDER_SUMMARY_END_COUNT
};
extern const char *const render_summary_end_names[RENDER_SUMMARY_END_COUNT];

/* One arrow: the attempts from one box to another on one port that ended
 * alike. */
struct render_summary_path {
	int client, server;        /* hosts (a group's first host for a group) */
	int port;
	enum proto proto;
	int tls;                   /* the connection was encrypted at some point */
	enum render_summary_end end;
	int router, rule;          /* RULE: the router and its rule; -1 */
	int code;                  /* REPLY: the first refusing reply's code (0 for
	                            * POP3/IMAP errors); ACCEPTED: a refusal for
	                            * some recipients, else 0 */
	const char *reply;         /* that reply as sent (the trace's string), NULL */
	int count;                 /* attempts */
	int junk;                  /* ACCEPTED: the server's MDA filed the mail in
	                            * Junk (SPF, DMARC quarantine, the filter) */
	int sniffed;               /* an eavesdropper (a scenario sniffer) read
	                            * lines of it in clear text */
};

/* 1 if the attempt got through (ACCEPTED or THROUGH). */
int render_summary_ok(const struct render_summary_path *p);
/* 1 if it got through in clear text where that matters: a POP3 or IMAP
 * session without TLS (the password and the mail crossed readable), or
 * any session without TLS that an eavesdropper read. */
int render_summary_clear(const struct render_summary_path *p);

/* The colour of p's arrow and marks: green through, amber through but
 * filed in Junk or read in clear text, red stopped, grey still open. */
uint32_t render_summary_color(const struct render_summary_path *p);
/* Path i's number as the picture and the legend write it: "①" … "⑳",
 * then "(21)", into buf (bufsz bytes, at least 16). */
void render_summary_number(size_t i, char *buf, size_t bufsz);

/* The paths tried in tr[0 .. n-1], in the order they were first tried:
 * fills out[0 .. max-1] and returns how many there are (which may exceed
 * max).  Strings point into the trace. */
size_t render_summary_paths(const struct scenario *sc, const struct trace_rec *tr, size_t n,
                            struct render_summary_path *out, size_t max);

/* Arrows drawn at most; the legend says how many more there are. */
#define RENDER_SUMMARY_MAX 48

/* A path's screen route (render_summary_route). */
struct render_summary_line {
	float x[RENDER_TOPOLOGY_MAX_POINTS], y[RENDER_TOPOLOGY_MAX_POINTS];
	int node[RENDER_TOPOLOGY_MAX_POINTS];
	int n;
};

/* The marks last placed and how (render_summary_marks.c). */
struct render_summary_memo;

struct render_summary {
	int on;                    /* the window shows the summary picture (M) */
	struct render_summary_path path[RENDER_SUMMARY_MAX];
	size_t npath;              /* paths drawn this frame */
	size_t total;              /* paths tried (may exceed RENDER_SUMMARY_MAX) */
	struct render_summary_line line[RENDER_SUMMARY_MAX];   /* this frame's
	                            * routes of path[0 .. npath-1], worked out once */
	struct render_summary_memo *memo;   /* owned; render_summary_free */
	SDL_Rect legend;           /* last frame's legend panel */
	int row_px, row_small_px;  /* last frame's rows' sizes (name, outcome) */
	size_t rows_shown;         /* and how many of npath it listed */
};

/* Frees what s owns (its memo of the marks); s itself is the caller's. */
void render_summary_free(struct render_summary *s);

int render_summary_shown(const struct render_app *a);
/* M: show the summary picture or go back to the lesson. */
void render_summary_toggle(struct render_app *a);
void render_summary_set(struct render_app *a, int on);
/* The panels for the summary frame: the network takes the whole height
 * left of the right column, which becomes the legend. */
void render_summary_layout(struct render_app *a);
/* Called by render_topology_draw in summary mode: the arrows under the
 * hosts, then their labels and marks over everything else (the marks:
 * render_summary_marks.c). */
void render_summary_routes(struct render_app *a);
/* The screen route of this frame's path i (a->summary.path[i]) as the
 * main map routes a connection (render_topology_route_hosts: between two
 * routers through the network between them, the Internet's box), moved
 * sideways by its lane so that paths sharing a stretch run side by side:
 * its points into x, y and the node at each (hosts, then routers, or
 * RENDER_TOPOLOGY_BEND / RENDER_TOPOLOGY_LINK) into node, each of room for
 * RENDER_TOPOLOGY_MAX_POINTS.  Returns the number of points. */
int render_summary_route(struct render_app *a, size_t i, float *x, float *y, int *node);
/* The legend panel (right column). */
void render_summary_legend(struct render_app *a);

#endif
