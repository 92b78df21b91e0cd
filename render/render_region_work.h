/* render_region_work — what render_region.c and render_region_routers.c
 * share: one presenter layout's working data (internal to render_region). */
#ifndef MAILSIM_RENDER_REGION_WORK_H
#define MAILSIM_RENDER_REGION_WORK_H

#include "render_app.h"

#define RENDER_REGION_ROUNDS 160
#define RENDER_REGION_MODES 5   /* render_region_hosts_apart's */
#define RENDER_REGION_WAYS (RENDER_REGION_MODES * 2)
#define RENDER_REGION_LEVELS 3  /* a->region_level's */
#define RENDER_REGION_INSIDE 4e4f  /* a router inside a network of its own: as if 200 px farther */
#define RENDER_REGION_EDGE 1e4f   /* a router just in a backbone's edge: as if 100 px farther */
#define RENDER_REGION_GROW 0.5f   /* the share of a column's spare height its backbone grows by */
#define RENDER_REGION_REACH 0.25f   /* a pixel of line against one from the lesson's place, squared */

struct render_region_rect {
	float x, y, w, h;
};

/* One layout's working data. */
struct render_region_work {
	int nh, nr, nnets;
	float (*at)[2];        /* per node (hosts, then routers): its place */
	float (*at0)[2];       /* the same where the lesson puts it */
	float *line;           /* per host: its place along a line (render_region_line_up) */
	int *mode;             /* per net: how its hosts are arranged
	                        * (render_region_hosts_apart) */
	float (*off)[4];       /* per node: its box's top-left from its place, w, h
	                        * (w 0: no box of its own) */
	struct render_region_rect *lesson; /* per net: its region where the lesson puts it */
	struct render_region_rect *net;    /* per net: its region here */
	float (*need)[2];      /* per net: the least w and h that hold it */
	struct render_region_rect *band; /* per net: its name's place, from its top-left */
	float (*block)[4];     /* per net: its hosts' boxes together, x y w h */
	float (*block_of)[4];  /* the same in the way picked */
	int *side;             /* per net: its name above its hosts (0) or beside them (1) */
	float *lift;           /* per net: room in its name's band for a router that
	                        * has to sit on it (render_region_lift) */
	int *col, ncol;        /* per net: its column, left to right; how many */
	float *rank;           /* per net: its place down its column (the lesson's
	                        * y, or above or below all for one moved there) */
	float (*opt)[2];       /* per net and way: the least w and h */
	float (*room)[2];      /* per net: room kept above and below its region in its
	                        * column for a router of its own (render_region_slots) */
	unsigned char *sink;   /* per column: 1 if its rooms push the regions
	                        * below them down rather than spread the column
	                        * (render_region_stack; render_region_make_room) */
	int *slot;             /* per router: the network whose room it stands in,
	                        * times 2, plus 1 below it (-1: none, -2: none, one
	                        * refused: render_region_swallows) */
	float grow_share;      /* the share of a column's spare height its
	                        * backbone's region grows by (RENDER_REGION_GROW
	                        * or 0) */
	unsigned char *backbone; /* per net: 1 if it is a backbone (the Internet) */
	float margin, gap;
	float inset;           /* how far in from a region's edge routers' lines
	                        * end (render_links' dots) */
	float clear;           /* half a line and a pixel */
	float edge;            /* the inset and clear: where routes run along a
	                        * backbone's edge between its dots */
	float mark;            /* a dropped SYN's cross's size (render_cross_size) */
	float pass;            /* how far from a side of a host's box a route
	                        * going round it may run, its half width and a
	                        * pixel (render_topology_detour's grown box and
	                        * render_topology_route_round's margin) */
	int bare;              /* 1: no room kept for routers and no edge or line
	                        * kept clear of them (the layout before either) */
	int roomed;            /* 1: the layout keeps room for a router */
	int first;             /* the router placed first of those with no room
	                        * (render_region_wires; -1: index order) */
	int strict;            /* the last render_region_fit that fitted placed
	                        * the routers strict (render_region_place_routers) */
	int shifted;           /* 1: the last render_region_place_routers moved a
	                        * router off an edge or a line (not if bare) */
};

/* A node's box at its place. */
struct render_region_rect render_region_box(const struct render_region_work *w, int node);
/* How far two rectangles overlap with gap between them: along x and y
 * (both positive if they do). */
void render_region_overlap(struct render_region_rect p, struct render_region_rect q, float gap, float *ox, float *oy);

/* ---- the layout (render_region.c) ---- */
/* Each node's place where the lesson puts it and its box's offset and
 * size at this frame's text size (w->at, w->off). */
void render_region_measure(struct render_app *a, struct render_region_work *w);
/* The regions, hosts and routers laid out for w's measures, the places
 * written to a->layout; returns 1 if it fits. */
int render_region_layout(struct render_app *a, struct render_region_work *w);
/* How many routers stand on the region of a network they do not join. */
int render_region_foreign(const struct render_region_work *w, const struct scenario *sc);

/* The map's inside, where regions and boxes go. */
struct render_region_rect render_region_inside(const struct render_app *a);
/* w's places written to a->layout (pnet, phost, prouter). */
void render_region_write(struct render_app *a, const struct render_region_work *w);
/* Free w's arrays (and zero it). */
void render_region_work_free(struct render_region_work *w);
/* Keep the layout just written, w, for placing its routers again in
 * another order (render_region_wires); takes w's arrays (w is zeroed). */
void render_region_kept_set(struct render_app *a, struct render_region_work *w);

/* ---- two ways (render_region_try.c) ---- */
/* How a layout's routers stand, for comparing two ways of it. */
struct render_region_score {
	int far;       /* routers far from their networks (render_region_far_count) */
	float sum;     /* and how far beyond, summed */
	int foreign;   /* routers on a region they do not join */
	int in;        /* routers inside a backbone, past its edge strip */
	int flush;     /* routers with rules flush beside a backbone (no line for a ✕) */
	int dots;      /* routers over another's line's end on a backbone, the routes under them */
};

void render_region_score_of(const struct render_region_work *w, const struct scenario *sc,
                            struct render_region_score *s);
/* Is the layout in w worse than the one scored s0 on any count (routers
 * over others' dots only if dots)? */
int render_region_worse(const struct render_region_work *w, const struct scenario *sc,
                        const struct render_region_score *s0, int dots);

/* Measured and laid out with router names on two lines (a->router_cut),
 * kept if its routers are no worse than with one, else with one line,
 * each with the backbone grown or not as render_region_layout_grown
 * picks; returns 1 if one fits. */
int render_region_layout_cut(struct render_app *a, struct render_region_work *w);

/* ---- routers (render_region_routers.c) ---- */
/* How many routers stand on the region of a network they do not join
 * (inside 0), or inside a backbone's, past the strip along its edge where
 * lines end (inside 1). */
int render_region_routers_on(const struct render_region_work *w, const struct scenario *sc, int inside);
/* How many routers with rules stand off a backbone they link by less
 * than a cross (w->mark), not across its edge. */
int render_region_routers_flush(const struct render_region_work *w, const struct scenario *sc);
/* How many routers stand over the end of another router's line to a
 * backbone, within the edge strip's width. */
int render_region_routers_over_dots(const struct render_region_work *w, const struct scenario *sc);
/* Is router r's box at (x, y) wholly inside the region of a network of
 * its own other than the Internet? */
int render_region_router_inside(const struct render_region_work *w, const struct scenario *sc, int r, float x,
                                float y);
/* How far router r's box at (x, y) is from its networks' regions. */
float render_region_reach(const struct render_region_work *w, const struct scenario *sc, int r, float x, float y);
/* Room for router r in its column if it stands far from its networks
 * (render_region_far_count): returns 1 if it got some. */
int render_region_slot(struct render_region_work *w, const struct scenario *sc, int r);
/* How many routers stand far from their networks: farther than four
 * margins from the nearest region of their own (the backbone apart) or
 * from the backbone they link in the column of one of those; *sum: how
 * far beyond, summed. */
int render_region_far_count(const struct render_region_work *w, const struct scenario *sc, float *sum);
/* How far router r stands beyond four margins from the nearest region of
 * its own (the backbone apart), plus beyond them from its backbone in the
 * column of one of those. */
float render_region_far(const struct render_region_work *w, const struct scenario *sc, int r);
/* The router farthest from its networks with no room of its own nor one
 * refused (slot -2), or -1. */
int render_region_farthest(const struct render_region_work *w, const struct scenario *sc);
/* Does a backbone's region, moved since the layout before the rooms
 * (net0, and box0 the routers' boxes then), now hold wholly across an
 * edge a router with no room that stood across that edge then -- a
 * border router swallowed by the Internet it borders on (lesson 11's ISP
 * B router at 1280 x 720, the Internet moved up to make Company D's
 * router room below it)? */
int render_region_swallows(const struct render_region_work *w, const struct scenario *sc,
                           const struct render_region_rect *net0, const struct render_region_rect *box0);
/* Where a router in room kept for it (render_region_slot) is wider than
 * its column, the regions of the columns beside it moved off its rows if
 * the map has room (after the columns are stacked). */
void render_region_clear_beside(struct render_region_work *w, struct render_region_rect in);
/* How much router r's box at (x, y) covers of the regions of networks it
 * does not join, or -1 if it covers a host's box, a router placed before
 * it or a name band it may not (placed: per router, 1 once placed). */
float render_region_router_covers(const struct render_region_work *w, const struct scenario *sc, int r, float x,
                                  float y, int strict, const unsigned char *placed);
/* Where router r's room (render_region_slot) puts its box's top-left. */
void render_region_slot_at(const struct render_region_work *w, const struct scenario *sc, int r, float *x, float *y);
/* Does router r's box at (x, y) lie along a backbone's edge, in the strip
 * where routes run between its dots? */
int render_region_on_edge(const struct render_region_work *w, const struct scenario *sc, int r, float x, float y);
/* Does router r's box at (x, y) stand on the line of a router placed
 * before it to one of its networks? */
int render_region_on_line(const struct render_region_work *w, const struct scenario *sc, int r, float x, float y,
                          const unsigned char *placed);
/* Does a line of router r's box at (x, y) run through the region of a
 * network it does not join, or through the box of a router placed? */
int render_region_line_through(const struct render_region_work *w, const struct scenario *sc, int r, float x,
                               float y, const unsigned char *placed);

/* ---- the search (render_region_hunt.c) ---- */
/* Place every router (strict: off other networks' name bands too);
 * returns how many found no free place. */
int render_region_place_routers(struct render_region_work *w, const struct scenario *sc,
                                struct render_region_rect in, int strict);
/* The routers of a laid-out picture moved a little off where routes go
 * round a backbone's host (render_region_on_pass), where that covers no
 * more and stands no worse (inside a region of its own, along a
 * backbone's edge, on another router's line, farther from its networks
 * than the move); else left where they are. */
void render_region_pass_off(struct render_region_work *w, const struct scenario *sc, struct render_region_rect in);

#endif
