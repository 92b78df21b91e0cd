/* render_cross — where the cross of a stopped connection goes on the
 * network picture, and its drawing.  A cross keeps off every name, badge,
 * chip and label placed so far; in presenter mode it reads as the router's
 * or server's that stopped the connection (the nearest box is that one's). */
#ifndef MAILSIM_RENDER_CROSS_H
#define MAILSIM_RENDER_CROSS_H

#include <SDL.h>
#include <stdint.h>

struct render_app;
struct render_topology_route;

/* Crosses already drawn this frame: hundreds of SYNs dropped at one router
 * (lesson 09 at x100) share a handful of places, and an opaque cross drawn
 * again on itself changes no pixel. */
#define RENDER_CROSS_DRAWN 64
struct render_cross_drawn {
	int n;
	int x[RENDER_CROSS_DRAWN], y[RENDER_CROSS_DRAWN];
	uint32_t col[RENDER_CROSS_DRAWN];
};

/* The side of the square a cross of arm (its strokes' width included)
 * covers, in pixels. */
int render_cross_size(const struct render_app *a, float arm);
/* Draw a cross at (bx, by) in col, once per place and colour (cr, NULL for
 * a server's refusal, drawn once), recorded as drawn over the still things
 * (render_topology_place_over_by, by the box of the node that stopped the
 * connection: kind RENDER_APP_HIT_HOST or _ROUTER, index) so that labels
 * placed after it keep off and the checks can tell whose it is. */
void render_cross_draw(struct render_app *a, struct render_cross_drawn *cr, float bx, float by, float arm,
                       uint32_t col, int kind, int index);
/* Where the cross of a command the server refused goes, on route rt near
 * the server (host index): off its badges, within three crosses of its
 * box, else beside the box; into (*bx, *by). */
void render_cross_at_server(struct render_app *a, const struct render_topology_route *rt, int server, float arm,
                            float *bx, float *by);
/* A w x h place inside server host's box (a group's leader) for the code
 * of a reply it refused with, when none is free round the cross: off the
 * box's name, address, badges and the acting badge's ring, and off what
 * is placed this frame, nearest (x, y).  1 and *out, else 0. */
int render_cross_in_box(const struct render_app *a, int host, int w, int h, float x, float y, SDL_Rect *out);
/* Where the cross of a SYN router r stopped goes, on route rt (which ends
 * at the router) near the router: off every name and chip, in presenter
 * mode by the router's box and not another's (else the free place nearest
 * the box), where it hides nothing or least; into (*bx, *by). */
void render_cross_at_router(struct render_app *a, const struct render_topology_route *rt, int r, float arm, float *bx,
                            float *by);

/* A cross (*bx, *by) of router r's rule that stands beside its column of
 * rule chips, moved level with that rule's own chip where it hides
 * nothing there: beside the other rule's chip it read as that rule's
 * (lesson 09 at 1080p presenter en: IP25B's ✕ bare beside "OP25B on"). */
void render_cross_by_rule(struct render_app *a, int r, const char *rule, float arm, float *bx, float *by);

/* The arm of a dropped SYN's cross (render_traffic draws it so). */
#define RENDER_CROSS_DROP_ARM(a) (10 * (a)->layout.k + 5)
/* Where the crosses of the SYNs router r has dropped will go on their
 * lines (as render_cross_at_router finds them now), up to max squares into
 * out; returns how many.  For what is placed before the crosses and
 * beside the router (its count of blocked messages): kept off these, it
 * leaves the line room for its ✕ (lesson 09's "× OP25B blocked ×1" sat on
 * the bots' way in, and the ✕ went 44 px off it). */
int render_cross_keep(struct render_app *a, int r, SDL_Rect *out, int max);

#endif
