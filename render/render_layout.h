/* render_layout — where things go.  The topology lives on a logical canvas
 * of 1600 x 900 units (the unit of the scenario's "area" and "pos" fields),
 * fitted into the topology panel and then zoomed and panned by the user.
 * The panels around it are laid out in pixels from the window size, so a
 * resize or a high-DPI display keeps every text readable. */
#ifndef MAILSIM_RENDER_LAYOUT_H
#define MAILSIM_RENDER_LAYOUT_H

#include <SDL.h>

#include "scenario.h"

#define RENDER_LAYOUT_CANVAS_W 1600.0f
#define RENDER_LAYOUT_CANVAS_H 900.0f

struct render_layout {
	int nnets, nhosts, nrouters;
	float (*net)[4];       /* x, y, w, h */
	float (*host)[2];      /* centre */
	float (*router)[2];    /* centre */
	int *host_moved;       /* dragged since load (1) */
	int *host_compact;     /* too many in its network for a full box: draw a dot */
	float *host_cell;      /* the size of its automatic grid cell, logical */
	int *router_moved;
	float bbox[4];         /* x, y, w, h of everything drawn, logical */
	/* presenter mode's places (render_region), logical, used instead of
	 * net, host and router while present is 1 */
	float (*pnet)[4], (*phost)[2], (*prouter)[2];
	int present;
	/* the view */
	SDL_Rect vp;           /* topology panel, pixels */
	float zoom;            /* 1 = fit */
	float pan_x, pan_y;    /* logical offset of the view centre from the canvas centre */
	float k;               /* pixels per logical unit, derived */
};

/* Positions from the scenario where it gives them, an automatic layout for
 * the rest.  Frees what l held before. */
void render_layout_build(struct render_layout *l, const struct scenario *sc);
void render_layout_free(struct render_layout *l);
/* Fit the canvas into vp (pixels) keeping zoom and pan. */
void render_layout_fit(struct render_layout *l, SDL_Rect vp);
void render_layout_to_screen(const struct render_layout *l, float x, float y, float *sx, float *sy);
void render_layout_to_logical(const struct render_layout *l, float sx, float sy, float *x, float *y);
/* Zoom by factor about the screen point (sx, sy); zoom stays in 0.3..6. */
void render_layout_zoom(struct render_layout *l, float factor, float sx, float sy);
void render_layout_pan(struct render_layout *l, float dx_px, float dy_px);
void render_layout_reset_view(struct render_layout *l);
/* A net's area in screen pixels. */
SDL_Rect render_layout_net_rect(const struct render_layout *l, int net);
/* Where net (x, y, w, h), host and router (centre) are drawn, logical:
 * presenter mode's places while l->present, else the lesson's. */
const float *render_layout_net_at(const struct render_layout *l, int net);
const float *render_layout_host_at(const struct render_layout *l, int host);
const float *render_layout_router_at(const struct render_layout *l, int router);
/* The view as it is unzoomed and unpanned (zoom 1, the picture fitted in
 * the panel): logical to screen and back. */
void render_layout_home_to_screen(const struct render_layout *l, float x, float y, float *sx, float *sy);
void render_layout_home_to_logical(const struct render_layout *l, float sx, float sy, float *x, float *y);

/* The host that stands for h's group (a lesson's "count": N hosts are drawn
 * as one box): the group's first host, or h itself. */
int render_layout_leader(const struct scenario *sc, int h);

/* The panels of a window w x h pixels. */
struct render_layout_panels {
	SDL_Rect top, topo, caption, card, inspector, events, transcript;
	float s;               /* window scale relative to 1920 x 1080 */
	int px_small, px_body, px_title, px_mono, px_caption;
	int px_caption_min;    /* the caption's least size (render_panels_caption) */
	int pad, line, radius;
	SDL_Rect title;        /* the lesson title's line under the bar, above
	                        * the map; h 0 while the summary picture shows
	                        * (the title then in the bar) */
	int px_lesson;         /* the lesson title's text size on that line */
};
/* What the right column shows most of: the letter card (its usual 56 %),
 * the inspector's larger share (40 % left to the card) when the totals
 * chart takes its place, or about three quarters of it (26 % to the card) for a
 * packet opened layer by layer, whose four layers and the router's reasons
 * must show at once. */
enum render_layout_share { RENDER_LAYOUT_CARD_FIRST, RENDER_LAYOUT_INSPECTOR_FIRST, RENDER_LAYOUT_INSPECTOR_MOST };
void render_layout_panels(struct render_layout_panels *p, int w, int h, int presenter,
                          enum render_layout_share share);
/* The sequence chart needs width more than the event list does: give the
 * protocol panel percent of the bottom row left of the right column; in
 * presenter mode (presenter 1) the bottom row also takes height from the
 * map, to 45 % of the window under the bar, so that the chart shows
 * several rows at the larger text size. */
void render_layout_panels_ladder(struct render_layout_panels *p, int percent, int presenter);

#endif
