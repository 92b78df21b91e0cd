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
#define RENDER_TOPOLOGY_MAX_POINTS 32
#define RENDER_TOPOLOGY_STACK 4
#define RENDER_TOPOLOGY_BEND (-1)
#define RENDER_TOPOLOGY_LINK (-2)
#define RENDER_TOPOLOGY_EDGE (-3)

struct render_topology_route {
	float x[RENDER_TOPOLOGY_MAX_POINTS], y[RENDER_TOPOLOGY_MAX_POINTS];
	int node[RENDER_TOPOLOGY_MAX_POINTS];   /* the node at each point (hosts,
	                        * then routers), RENDER_TOPOLOGY_BEND for a bend
	                        * round an obstacle, RENDER_TOPOLOGY_LINK where a
	                        * router's link meets a network,
	                        * RENDER_TOPOLOGY_EDGE where the route reaches
	                        * or leaves a router's box */
	int n;
	int blocked;           /* ends at the router that stopped it */
	float reach;           /* how far (0..1) its packet goes: where the
	                        * router that will stop its SYN stands, else 1 */
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
/* The text sizes the map can draw at in the present layout (labels and
 * lines on the wire at the zoom, each box's name and badges at its fit),
 * each once, into px (at most max); returns how many.  The window opens
 * its fonts at these before play needs them (render_app_open_sizes). */
int render_topology_sizes(const struct render_app *a, int *px, int max);
/* The box of node (hosts, then routers; a router's with its rule chips
 * below) at the current text size.  Returns 0 for a host drawn as a dot or
 * standing in its group's box. */
int render_topology_node_box(struct render_app *a, int node, SDL_Rect *out);
/* Has a router stopped c's SYN (dropped it, or refused it and the reset
 * is on its way back)?  Before the router's drop event the SYN is on its
 * way like any other: the rule's verdict is not yet the class's to see. */
int render_topology_stopped(const struct sim_conn *c);
/* The screen route of a connection: client, routers, server (or up to
 * the router that stopped it), each router reached and left by its link
 * to the network between (through the Internet's box, not beside it). */
void render_topology_route_of(const struct render_app *a, const struct sim_conn *c,
                              struct render_topology_route *rt);
/* How many ways this frame's connections take -- pairs of boxes (a
 * group's machines share their group's) and where a SYN stops -- counted
 * up to one past RENDER_TOPOLOGY_LABEL_MAX.  A busy scene that takes few
 * (lesson 09's botnets) has its routes bent round the boxes they do not
 * use, each way built once; one that takes more keeps straight lines. */
int render_topology_route_ways(const struct render_app *a);
/* Where a line between router r and the point (tx, ty) meets r's box:
 * on the side of it facing that point, straight across from it where the
 * point lies beyond the middle of that side (else at the nearest end of
 * the middle: the middle half of a top or bottom, off the rounded corners
 * of a side), a pixel inside;
 * 1 and (*ex, *ey), else 0 (no box yet).  Routes and link lines end
 * there, not under the router's name at its centre. */
int render_topology_router_edge(const struct render_app *a, int r, float tx, float ty, float *ex, float *ey);
/* render_topology_edge.c: each router's point of rt (its box's centre)
 * reached and left at its box's edge (render_topology_router_edge), once
 * the route's bends are made. */
void render_topology_route_edges(const struct render_app *a, struct render_topology_route *rt);
/* Where router r's link to network net meets that network's area (the
 * dot the map draws). */
void render_topology_link_xy(const struct render_app *a, int r, int net, float *x, float *y);
/* A route's length in pixels. */
float render_topology_route_length(const struct render_topology_route *rt);
/* The point at fraction f (0..1) of a route's length. */
void render_topology_along(const struct render_topology_route *rt, float f, float *x, float *y);
/* Where c's line (or SYN) on the wire is now along its route rt: a SYN a
 * router will stop flies only as far as that router (rt->reach). */
void render_topology_packet_xy(const struct render_topology_route *rt, const struct sim_conn *c, int64_t now,
                               float *x, float *y);
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
/* 1 if a line from (x0, y0) to (x1, y1) would pass over a box, a chip or
 * a placed label, outside the rects it joins (from, to) and host
 * skip_host's box (-1: none skipped). */
int render_topology_segment_crowded(const struct render_app *a, float x0, float y0, float x1, float y1,
                                    SDL_Rect from, SDL_Rect to, int skip_host);
/* The same for a tie line drawn a->panels.line wide from (x0, y0) to
 * (x1, y1), its width too (a thin line fitted down the 3-pixel gap
 * between a mailbox's trays, the drawn one lay on both), its host unskipped. */
int render_topology_tie_crowded(const struct render_app *a, float x0, float y0, float x1, float y1, SDL_Rect from,
                                SDL_Rect to);
/* Record a segment of a route drawn this frame (a->place->line), of a
 * connection stopped at router stop (-1: not stopped at a router). */
void render_topology_place_line(struct render_app *a, float x1, float y1, float x2, float y2, int stop);
/* Does a route drawn this frame pass under rc, but for those stopped at
 * router r (a count of r's may stand on its own dropped SYN's end)? */
int render_topology_place_routed(const struct render_app *a, SDL_Rect rc, int r);
/* Does a line drawn on the map so far -- a route this frame
 * (a->place->line) or a router's line to a network, from its box's edge
 * -- pass under rc? */
int render_topology_place_lined(const struct render_app *a, SDL_Rect rc);
/* Record a label's place, so that labels placed after it avoid it. */
void render_topology_take(struct render_app *a, SDL_Rect rc);
/* The first of n candidate places that hides nothing, else the one that
 * hides least (the first of those); returns its index. */
int render_topology_pick(const struct render_app *a, const SDL_Rect *cand, int n);

/* The size of text of base size in node's box (hosts, then routers):
 * render_topology_px shrunk where the boxes would overlap at full size,
 * down to presenter mode's floor (a host's name is base 20, its address
 * 15, its badges 14; a router's name 19). */
int render_topology_box_px(const struct render_app *a, int node, float base);
/* render_topology_px for what is read off the map on its own -- a
 * packet's, a route's or a dropped SYN's tag, a DNS query's, a router's
 * blocked count, a pile's or a bounce's tag (not yet what the eavesdropper
 * read: lesson 14's "S: 554 … Relay access denied" at 11 px finds no place
 * on the café's Wi-Fi, render_sniffer): never below 16 px at 1920 x 1080 (11 at
 * 1280 x 720) -- at 720p the map's zoom had set them at 7 to 9 px, unread
 * from a projector's back row (review 26).  Presenter mode's floor
 * (render_topology_floor) is higher already: 12 to 17 px at 720p. */
int render_topology_tag_px(const struct render_app *a, float base);
/* The same for a drop's label and a router's count of blocks: in
 * presenter mode at the back row's size, 24 px at 1080p (16 at 720p), as
 * a route's tag (issue 11: "× OP25B ×166" was at 14 px at 720p). */
int render_topology_drop_px(const struct render_app *a, float base);
/* The same for a mailbox's INBOX and Junk counts (in the room the host's
 * box keeps below it) and the sender-authentication card: 11 px at the
 * least (8 and 9 at 1280 x 720 before), no larger at 1080p, where larger
 * trays shrank the boxes' names and the card, too large for the map,
 * docked in the event list's room. */
int render_topology_least_px(const struct render_app *a, float base);
/* Presenter mode's floor for a text of base size (render_topology.c). */
float render_topology_floor(const struct render_app *a, float base);
/* How far two rectangles lie apart (0 where they touch or overlap). */
float render_topology_apart(SDL_Rect p, SDL_Rect q);
/* The size of router r's column of rule chips (0 x 0 without rules). */
void render_topology_chips_size(struct render_app *a, int r, int *w, int *h);
/* The pixels between two rule chips of a router's column. */
#define RENDER_TOPOLOGY_CHIP_GAP 3
/* The height of one chip in a column h high of n chips (n > 0). */
int render_topology_chip_row(int h, int n);
/* Each host's and router's box as it will be drawn this frame (after
 * render_spread), into a->node_box: w 0 for a host drawn as a dot or
 * standing in its group's box. */
void render_topology_node_boxes(struct render_app *a);
/* The dot of a host drawn as a dot: 1 and *out, else 0. */
int render_topology_dot(const struct render_app *a, int host, SDL_Rect *out);

/* render_topology_place.c: the still things of the picture, placed before
 * anything is drawn, so that routes bend around them and what moves keeps
 * off them. */
enum render_topology_kind {
	RENDER_TOPOLOGY_HOST,      /* a host's box (name, address, badges) or dot */
	RENDER_TOPOLOGY_ROUTER,    /* a router's box with its name */
	RENDER_TOPOLOGY_CHIPS,     /* a router's column of rule chips */
	RENDER_TOPOLOGY_TRAY,      /* a mailbox's INBOX or Junk tray */
	RENDER_TOPOLOGY_PILE,      /* where letters at rest pile by a host */
	RENDER_TOPOLOGY_NET_NAME,  /* a network's name */
	RENDER_TOPOLOGY_NET_RANGE, /* its address range */
	RENDER_TOPOLOGY_KIND_COUNT
};
extern const char *const render_topology_kind_names[RENDER_TOPOLOGY_KIND_COUNT];

struct render_topology_label {
	SDL_Rect rc;
	enum render_topology_kind kind;
	int owner;             /* node (hosts, then routers); a network for
	                        * names and ranges; -1 for piles */
};

struct render_topology_title {
	SDL_Rect rc;           /* where the name goes, w 0 if nowhere */
	int px, mode, maxw;    /* its size and render_font_mode */
	int edge;              /* one line inside, along the region's edge */
	int lead;              /* away from its region: a line leads to it */
	SDL_Rect range;        /* its address range, w 0 if none */
	SDL_Rect range_tab;    /* the tab under it where it is outside the
	                        * region (render_nettab), w 0 if none */
};

/* What is drawn over the still things and must keep off them, recorded
 * for the checks (test_render_place). */
enum render_topology_over {
	RENDER_TOPOLOGY_OVER_DROP,     /* a dropped SYN's label by its cross */
	RENDER_TOPOLOGY_OVER_BLOCKS,   /* a router's "× rule blocked ×N" */
	RENDER_TOPOLOGY_OVER_ENVELOPE, /* the envelope card */
	RENDER_TOPOLOGY_OVER_AUTH,     /* the sender-authentication card */
	RENDER_TOPOLOGY_OVER_LEGEND,   /* the Legend (G) button */
	RENDER_TOPOLOGY_OVER_CROSS,    /* a ✕ where a SYN died or a server refused */
	RENDER_TOPOLOGY_OVER_PILL,     /* a packet's label travelling with it */
	RENDER_TOPOLOGY_OVER_TAG,      /* a connection's tag ("SMTP 25 TLS") */
	RENDER_TOPOLOGY_OVER_DISCARD,  /* "× discarded" where a copy was just dropped */
	RENDER_TOPOLOGY_OVER_COUNT
};
extern const char *const render_topology_over_names[RENDER_TOPOLOGY_OVER_COUNT];

struct render_topology_overlay {
	SDL_Rect rc;
	enum render_topology_over kind;
	SDL_Rect anchor;       /* what it is drawn beside (the envelope card's
	                        * letter), w 0 if nothing */
	int conn;              /* a packet's label or a route's tag: its
	                        * connection's id, else -1 */
	int px;                /* a packet's label: the size its text is set
	                        * at, else 0 */
};

/* A letter drawn resting in a mailbox's tray, for the checks (it keeps
 * off the tray's label, render_tray_label_rect). */
struct render_topology_rest {
	SDL_Rect rc;
	int host;
	const char *folder;    /* the copy's (the scenario's or the sim's string) */
};

struct render_topology_place {
	struct render_topology_label *lab;   /* this frame's, in placing order */
	size_t nlab, cap;
	struct render_topology_overlay *over; /* this frame's, drawn over them */
	size_t nover, capover;
	SDL_Rect *chips;       /* per router: its column of chips, w 0 if none */
	struct render_topology_title *title; /* per network */
	float (*hop)[4];       /* the routes' straight hops, x1 y1 x2 y2 */
	size_t nhop, caphop;
	float (*tie)[5];       /* this frame's tie lines (a label moved away to
	                        * what it labels), x1 y1 x2 y2 and the label's
	                        * enum render_topology_over, for the checks */
	size_t ntie, captie;
	SDL_Rect acting;       /* the ring round the acting agent's badge, w 0 if none */
	SDL_Rect acting_text;  /* the line above it in its box (the address) */
	SDL_Rect (*text)[3];   /* per host: its name's and address's lines and
	                        * its row of role badges as drawn this frame
	                        * (w 0: not drawn), for the checks (letters
	                        * keep off them) and a refusal's code set in
	                        * its box (render_traffic) */
	SDL_Rect *pile_tag;    /* per host: what its full pile holds, in words
	                        * (render_letter_reserve), w 0 if none */
	struct render_topology_rest *rest;   /* this frame's letters resting in trays */
	size_t nrest, caprest;
	float (*line)[5];      /* this frame's routes' drawn segments, x1 y1 x2 y2
	                        * and the router the connection was stopped at
	                        * (-1: none); the chips over them let them
	                        * show through */
	size_t nline, capline;
	SDL_Rect dsn[4];       /* this frame's first "DSN" tags (render_letter), */
	int ndsn, dsn_px;      /* how many of them and their size, for the checks */
	uint64_t names_key;    /* the inputs the titles were placed from */
	int names_known;       /* 1: title[] holds the places for names_key */
};

/* Place this frame's still things into a->place (allocated on first use,
 * owned by the session) and a->taken; call after render_spread_apply. */
void render_topology_place(struct render_app *a);
void render_topology_place_free(struct render_topology_place *p);
/* Record rc, drawn over the still things this frame, as taken
 * (render_topology_take) and in a->place->over for the checks. */
void render_topology_place_over(struct render_app *a, SDL_Rect rc, enum render_topology_over kind);
/* The same, for something drawn beside anchor (the envelope card beside
 * its letter), which the checks read the networks it belongs to from. */
void render_topology_place_over_by(struct render_app *a, SDL_Rect rc, enum render_topology_over kind,
                                   SDL_Rect anchor);
/* Draw a tie line from (x1, y1) to (x2, y2) in col, tying a label of kind
 * to what it labels, and record it in a->place->tie for the checks (a tie
 * crosses no box nor label but those at its ends). */
void render_topology_place_tie(struct render_app *a, float x1, float y1, float x2, float y2, uint32_t col,
                               enum render_topology_over kind);
/* Record a letter drawn at rc resting in the folder's tray of host's
 * mailbox, for the checks. */
void render_topology_place_rest(struct render_app *a, SDL_Rect rc, int host, const char *folder);
/* Draw the networks' names and ranges where render_topology_place put them. */
void render_topology_place_titles(struct render_app *a);
/* Record rc as taken by kind for owner (a node or network index): later
 * labels keep off it, and the checks read it. */
void render_topology_place_add(struct render_topology_place *p, SDL_Rect rc, enum render_topology_kind kind, int owner);
/* Does a route's hop (p->hop) cross rc? */
int render_topology_place_on_hop(const struct render_topology_place *p, SDL_Rect rc);
/* render_topology_range.c: network n's address range, placed into
 * a->place->title[n] (after its name) and recorded as taken; and drawn
 * at px (on its tab where it is outside its region). */
void render_topology_range_place(struct render_app *a, int n);
void render_topology_range_draw(struct render_app *a, int n, int px);
/* Pixels of rc covering still things placed this frame -- except those of
 * the nodes skip[0 .. nskip-1] (a box, its chips, its trays) -- or lying
 * outside the network panel; 0 = it covers nothing. */
long render_topology_place_cover(const struct render_app *a, SDL_Rect rc, const int *skip, int nskip);

/* The point of rt nearest to fraction f, within lo .. hi, where a w x h
 * rectangle centred on it covers no still thing (see
 * render_topology_place_cover, piles excepted) and nothing drawn over them
 * so far (a->place->over: a router's block count, a packet's label): its
 * fraction, or -1 if there is none. */
float render_topology_clear_along(const struct render_app *a, const struct render_topology_route *rt, float f,
                                  int w, int h, float lo, float hi);
/* The screen route between two hosts through the given routers, bent as
 * render_topology_route_of bends a connection's (a DNS query's). */
void render_topology_route_hosts(const struct render_app *a, int client, int server, const int *routers, int nr,
                                 struct render_topology_route *rt);
/* The line from the MRA host serving connection c (POP3 or IMAP) to the
 * host whose mailboxes it reads ("mailstore"), when that is another host:
 * 1 and *rt, else 0. */
int render_topology_store_route(const struct render_app *a, const struct sim_conn *c,
                                struct render_topology_route *rt);
/* How far (pixels) a route's middle keeps off the boxes and labels it
 * goes round where it can: 6, or the drawn line's half width and a
 * visible gap where lines are thick (presenter mode). */
int render_topology_route_margin(const struct render_app *a);

/* A connection's tag ("SMTP 25 TLS") on route rt at text size px (in
 * presenter mode the back row's 24 px at 1080p at least) in col: by the line where that hides nothing, else at the nearest free
 * place around the line's middle, tied to it; recorded in a->place->over
 * (RENDER_TOPOLOGY_OVER_TAG). */
void render_topology_route_tag(struct render_app *a, const struct render_topology_route *rt, const char *lbl, int px,
                               uint32_t col);
/* render_traffic.c: the free w x h place (hiding no box, chip or label
 * taken so far, inside the network panel) nearest to near, within max_d
 * pixels (0: anywhere); 1 and *out, else 0. */
int render_traffic_free_spot(struct render_app *a, SDL_Rect near, int w, int h, int max_d, SDL_Rect *out);
/* The regions of the networks the point at is not in, into out (at most
 * max); returns how many.  Something drawn for a thing at `at` (its
 * envelope card, a packet's label moved away) on one of them reads as
 * that network's (lesson 06: Alice's card on ISP C's customers; lesson 13
 * in presenter mode: ISP B's "S: 250" on ISP C's customers). */
int render_topology_foreign(const struct render_app *a, SDL_Point at, SDL_Rect *out, int max);
/* render_traffic.c: the same, keeping off the nextra rects of extra too
 * (other networks' regions, places already tried). */
int render_traffic_free_spot_but(struct render_app *a, SDL_Rect near, int w, int h, int max_d, const SDL_Rect *extra,
                                 size_t nextra, SDL_Rect *out);
/* The regions of the networks router r has no link to (and that hold
 * none of those it links to), into out (at most max); returns how many.
 * Its drop label or block count on one of them reads as that network's
 * (lesson 09 in presenter mode at 1920 x 1080: ISP B's router's
 * "× IP25B" on ISP C's customers). */
int render_topology_router_foreign(const struct render_app *a, int r, SDL_Rect *out, int max);
/* The first of n candidate places that hides nothing and lies on none of
 * the noff rects of off; its index, else -1. */
int render_topology_pick_off(const struct render_app *a, const SDL_Rect *cand, int n, const SDL_Rect *off,
                             int noff);
/* A white padlock centred on (cx, cy) for text of size px: a line sent
 * inside TLS (its label on the map, the legend's sample; render_seal.c). */
void render_traffic_padlock(struct render_app *a, float cx, float cy, int px);
/* The spaces a sealed packet label begins with: the padlock's room. */
#define RENDER_SEAL_ROOM "   "
/* Draw the padlock of packet label rc (text size px) in the room its text
 * keeps at its start (RENDER_SEAL_ROOM; render_seal.c). */
void render_traffic_seal(struct render_app *a, SDL_Rect rc, int px);
/* render_traffic.c: the label of connection c's packet on the wire into
 * buf ("SYN → :25", "C: MAIL FROM:<…>"); inside TLS only what the wire
 * shows, RENDER_SEAL_ROOM then "TLS ciphertext, 94 bytes" in a's language
 * (the record's size, sim_conn_wire_bytes), and 1 is returned: the label
 * is drawn with a padlock.  Else 0. */
int render_traffic_packet_label(struct render_app *a, const struct sim_conn *c, int forward, char *buf, size_t n);
/* render_traffic.c: everything that moves; flushes the batches (the host
 * dots must be flushed before), then draws the envelope card on top. */
void render_traffic_draw(struct render_app *a, struct render_topology_batches *bt);
/* How many recipient lines router r has stopped as of now (finally, or a
 * dropped SYN whose client still waits), as the message list counts
 * them; the rule of the last into *rule. */
int render_topology_router_blocked(struct render_app *a, int r, const char **rule);

#endif
