/* render_topology — shared by the two halves of the network picture:
 * render_topology.c (networks, links, routers, hosts, connection routes)
 * and render_traffic.c (packets, DNS, letters, the envelope card): the
 * route of a connection on screen, text size at the current zoom, labelled
 * pills, and batches of small rectangles. */
#ifndef MAILSIM_RENDER_TOPOLOGY_H
#define MAILSIM_RENDER_TOPOLOGY_H

#include <SDL.h>
#include <stdint.h>

#include "render_font.h"
#include "sim.h"

struct render_app;

/* Past this many connections the picture drops per-packet labels: a
 * thousand labels are unreadable anyway, and dots keep the frame fast. */
#define RENDER_TOPOLOGY_LABEL_MAX 40
#define RENDER_TOPOLOGY_MAX_POINTS 20
#define RENDER_TOPOLOGY_STACK 4

struct render_topology_route {
	float x[RENDER_TOPOLOGY_MAX_POINTS], y[RENDER_TOPOLOGY_MAX_POINTS];
	int n;
	int blocked;           /* ends at the router that stopped it */
};

/* Small rectangles of one colour, drawn in one SDL_RenderFillRects call:
 * in a busy scene thousands of dots and letters cost one call each. */
struct render_topology_batch {
	SDL_Rect *r;
	size_t n, cap;
	uint32_t color;
};

struct render_topology_batches {
	struct render_topology_batch dots, edges, cmd, reply;
};

/* Add a rectangle to a batch; flush draws the batch in its colour and
 * empties it. */
void render_topology_batch_add(struct render_topology_batch *b, SDL_Rect rc);
void render_topology_batch_flush(struct render_app *a, struct render_topology_batch *b);
/* Pixel size for text of base logical units at the current zoom, within
 * readable bounds. */
int render_topology_px(const struct render_app *a, float base);
/* The box of node (hosts, then routers; a router's with its rule chips
 * below) at the current text size.  Returns 0 for a host drawn as a dot or
 * standing in its group's box. */
int render_topology_node_box(struct render_app *a, int node, SDL_Rect *out);
/* The screen route of a connection: client, routers, server (or up to
 * the router that stopped it). */
void render_topology_route_of(const struct render_app *a, const struct sim_conn *c,
                              struct render_topology_route *rt);
/* The point at fraction f (0..1) of a route's length. */
void render_topology_along(const struct render_topology_route *rt, float f, float *x, float *y);
/* How far (0..1) the line on the wire has travelled at time now. */
float render_topology_fraction(const struct sim_conn *c, int64_t now);
uint32_t render_topology_proto_color(enum proto p);
/* A label in a rounded pill centred at (cx, cy); returns its rectangle. */
SDL_Rect render_topology_pill(struct render_app *a, enum render_font_face face, int px,
                              const char *text, float cx, float cy, int maxw,
                              uint32_t bg, uint32_t fg, uint32_t edge);
/* Pixels of rc that cover hosts, routers, rule chips and labels placed
 * this frame, or lie outside the network panel (0 = it hides nothing). */
long render_topology_crowded(const struct render_app *a, SDL_Rect rc);
/* Record a label's place, so that labels placed after it avoid it. */
void render_topology_take(struct render_app *a, SDL_Rect rc);
/* The first of n candidate places that hides nothing, else the one that
 * hides least (the first of those); returns its index. */
int render_topology_pick(const struct render_app *a, const SDL_Rect *cand, int n);

/* render_traffic.c: mark where letters at rest will pile (after the host
 * boxes are drawn), so that names placed before them keep off. */
void render_traffic_reserve(struct render_app *a);
/* render_traffic.c: everything that moves; flushes the batches (the host
 * dots must be flushed before), then draws the envelope card on top. */
void render_traffic_draw(struct render_app *a, struct render_topology_batches *bt);

#endif
