/* render_region — presenter mode's picture laid out in screen space.  A
 * lesson places its networks, hosts and routers for normal text; at
 * presenter size (a host's name 25 px at 1080p) the boxes no longer fit
 * their regions.  Here each network's region grows to hold its boxes with
 * a margin and a free place for its name (above them, or beside them),
 * its hosts pushed apart or lined up in a row or a column, whichever fits;
 * the regions keep the lesson's columns and order and are spread over the
 * map so that none overlaps another (a column too tall for the map gives
 * its top or bottom region to the column beside it), and each router goes
 * to the free place nearest to where its networks moved it: off every
 * box, off the names' places and off the regions of networks it does not
 * join, as far as there is room; a router left far from its own
 * networks gets room kept for it in its column, beside one of its own
 * regions (between two of its networks if it can), if the picture fits
 * with it; one wider than its column and the spaces beside stands by its
 * own region, out over the next column, whose regions move off its rows
 * as far as the map leaves room.  The result is kept as logical places
 * (render_layout's pnet, phost, prouter) so that zoom and pan still apply.
 * A picture too full for it is packed tighter, each step only if the one
 * before does not fit (a->region_level): long host names on two lines at
 * their parenthesis, then the map's text at the least issue 11 allows (a
 * name 24 px, a badge 18 px at 1080p); one too full even then keeps the
 * lesson's places. */
#ifndef MAILSIM_RENDER_REGION_H
#define MAILSIM_RENDER_REGION_H

struct render_app;

/* In presenter mode, lay the picture out for this frame's text sizes and
 * switch a->layout to it (a->layout.present = 1); else switch it back to
 * the lesson's places.  Call before the boxes are fitted and spread
 * (render_topology_fit, render_spread_apply), with no spread offsets. */
void render_region_apply(struct render_app *a);

/* Once per layout that keeps room for a router, after the names are
 * placed (render_topology_place): if a network's name is below the back
 * row's least size (24 px at 1080p), the layout is tried once without
 * the rooms (lesson 07's "ISP C servers" at 21 px beside its router at
 * 1920 x 1080, lesson 12's "ISP A servers" at 12 px under its router's
 * line at 1280 x 720), and kept so if the names fall less short; the
 * choice holds while the layout's inputs do.  Returns 1 if the frame is
 * to be laid out and placed again. */
int render_region_names_check(struct render_app *a);

/* Once per layout, after the routers' lines are laid (render_links_update):
 * if one passes under another router's box or rule chips, the routers
 * (not the regions nor the hosts) are placed again with each placed first
 * of those with no room of their own, and the order kept that leaves the
 * fewest such lines, none more across other networks, the lines in all
 * no more than a fifth longer than in index order and the routers no
 * worse placed (lesson 13 at 1280 x 720 in English: ISP C's line to the
 * Internet ran under the service's router, placed before it, and the
 * attacker's mail along it); the choice holds while the layout's inputs
 * do.  Returns 1 if the frame is to be placed again. */
int render_region_wires_check(struct render_app *a);
/* How many pixels the networks' names as placed this frame fall short of
 * the back row's least size (24 px at 1080p), summed. */
int render_region_names_short(const struct render_app *a);
/* Where lines still run under other routers once render_region_wires_check
 * has chosen, in a layout that fits at full text size, the whole layout
 * tried again with router names broken at a space too (a->router_spaces;
 * narrower boxes find places off the lines), at full text size, kept if
 * it leaves fewer such lines, none more across other networks, the lines
 * at most a fifth longer in all and the networks' names no further short
 * of the back row's size.  Returns 1 if the map must be laid out again. */
int render_region_spaces_check(struct render_app *a);

/* The layout kept for it (render_region_kept_set) set aside while
 * render_region_names_check tries one without rooms (stash 1), or put
 * back (0). */
void render_region_kept_stash(struct render_app *a, int stash);
struct render_region_kept;
void render_region_kept_free(struct render_region_kept *k);

#endif
