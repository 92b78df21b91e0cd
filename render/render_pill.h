/* render_pill — the label of what flies on the wire (a packet's line, a
 * DNS question or answer), placed on the hop it flies on: whole where the
 * map has room, on two lines where one does not fit, cut with "…" only
 * where neither does; never nearer another hop's line than its own (there
 * it reads as that hop's). */
#ifndef MAILSIM_RENDER_PILL_H
#define MAILSIM_RENDER_PILL_H

#include "render_font.h"
#include "render_topology.h"

struct render_app;

/* The line a packet at fraction g (0..1 of the route's length) of rt
 * flies on: the route's points (those of a node: a host or a router,
 * else a bend or where a router's link meets a network), its length and
 * the packet's distance along it. */
struct render_pill_hop {
	float x[RENDER_TOPOLOGY_MAX_POINTS], y[RENDER_TOPOLOGY_MAX_POINTS];
	int node[RENDER_TOPOLOGY_MAX_POINTS];
	int n;
	float len;   /* its length in pixels */
	float at;    /* the packet's distance from its first point */
	float lo, hi;   /* the stretch a label may hang from (0 .. len) */
	int keep;    /* 1: off other networks' regions even at the packet */
	float reach;  /* how far along from the packet a label may hang, in
	               * half its widths or four of its heights (render_pill_spot) */
};
void render_pill_hop_of(const struct render_topology_route *rt, float g, struct render_pill_hop *hop);

/* Place and draw the label text (in face, at about px, wrapped or cut at
 * no less than maxw) of what is at fraction g of route rt (NULL: at (x,
 * y), with no hop to keep to), in colour bg; must: the current row's,
 * which takes a place away from the wire, tied to it, rather than
 * shrinking to a dot.  sealed: the text begins with RENDER_SEAL_ROOM,
 * where a padlock is drawn (render_seal.c).
 * Recorded in a->place->over (RENDER_TOPOLOGY_OVER_PILL) with conn (-1:
 * none); one moved off the packet is anchored at the packet.  Returns 1 if
 * a label was drawn, 0 for a dot or nothing. */
/* text shortened to fit maxw at px on one line where that keeps its
 * meaning: a head that ends where a word ends ("S: 220 mail.ispb…"), a
 * sealed label's without "TLS" ("ciphertext 57 B"), else its first word
 * and its last two, what is between left out.  1 and out (of size n),
 * else 0. */
int render_pill_shorten(struct render_app *a, enum render_font_face face, int px, const char *text, int maxw, char *out,
                        size_t n);
int render_pill_place(struct render_app *a, enum render_font_face face, int px, const char *text,
                      const struct render_topology_route *rt, float g, float x, float y, int maxw, uint32_t bg,
                      int must, int sealed, int conn);

/* The same for a label that belongs to the stretch lo .. hi (fractions
 * of rt's length) of its route, where that lies in one network (what an
 * eavesdropper on it read, render_heard): hung only from points of that
 * stretch, never on another network's region, nor touching a host's box
 * (its tie-free places keep a margin); the current row's. */
int render_pill_place_in(struct render_app *a, enum render_font_face face, int px, const char *text,
                         const struct render_topology_route *rt, float g, float lo, float hi, float x, float y,
                         int maxw, uint32_t bg, int sealed, int conn);

/* render_traffic.c's: where a tie line from the point (x, y) to a label
 * centred at (lx, ly) starts (the edge of the box the point is in, if it
 * is in one); the nearest free places for a w x h label with a tie line
 * from (x, y) (see render_traffic.c), off the nf regions fr (nf < 0: the
 * regions of the networks the point is not in). */
void render_traffic_tie_start(const struct render_app *a, float x, float y, float lx, float ly, float *sx,
                              float *sy);
int render_traffic_tied_spot_off(struct render_app *a, float x, float y, int w, int h, int max_d, SDL_Rect from,
                                 const SDL_Rect *fr, int nf, SDL_Rect *out);

#endif
