/* render_ui — the drawing and input modules of the front end, one entry
 * each, called by render_app: the topology (render_topology.c, with what
 * moves on it in render_traffic.c), the bars and panels (render_panels.c),
 * the inspector (render_inspector.c), the help and lesson picker overlays
 * (render_overlay.c), input dispatch (render_input.c) and saving moved
 * positions (render_save.c). */
#ifndef MAILSIM_RENDER_UI_H
#define MAILSIM_RENDER_UI_H

#include <SDL.h>

struct render_app;

void render_topology_draw(struct render_app *a);
/* Screen centre of a host or router (after layout, zoom and pan). */
void render_topology_host_xy(const struct render_app *a, int host, float *x, float *y);
void render_topology_router_xy(const struct render_app *a, int router, float *x, float *y);

void render_panels_draw(struct render_app *a);
/* Grow the caption band into the network picture when the caption does
 * not fit it even at the small text size (a long caption in presenter
 * mode); call after the panels are laid out. */
void render_panels_fit_caption(struct render_app *a);
/* A panel's title for catalog key in w pixels at the small bold size:
 * the key's text, or where it is wider, its shorter forms (key.short,
 * then key.tiny, for the panels that have them; the last is cut to fit). */
const char *render_panels_title(struct render_app *a, const char *key, int w);
/* A panel background with its title, leaving reserve pixels at the right
 * of the title row (for a switch); returns the content rectangle. */
SDL_Rect render_panels_frame(struct render_app *a, SDL_Rect rc, const char *title, int reserve);
/* A button: a rounded box with a label; registers a hit box.  Returns its width. */
int render_panels_button(struct render_app *a, int x, int y, int h, const char *label,
                         int button, int active, uint32_t bg, uint32_t fg);
/* The same with b in its hit box (for whom: the user a mark is for). */
int render_panels_button_for(struct render_app *a, int x, int y, int h, const char *label,
                             int button, int b, int active, uint32_t bg, uint32_t fg);

void render_inspector_draw(struct render_app *a);
/* Show a long text of ledger entry msg whole in the inspector, selecting
 * the message: what is RENDER_FIELD_HIT_RCPTS, RENDER_FIELD_HIT_ENVELOPE
 * or RENDER_FIELD_HIT_HEADER + a header field's index in its current
 * copy.  If that text is already shown whole, it is shortened again.
 * Nothing happens for a message or field that does not exist. */
void render_inspector_full(struct render_app *a, int msg, int what);
/* One recipient's line of ledger entry ledger in the inspector (address,
 * state, where, why) into b; returns its colour. */
struct ledger_rcpt;
uint32_t render_inspector_rcpt(struct render_app *a, int ledger, const struct ledger_rcpt *r, struct sbuf *b);

void render_overlay_draw(struct render_app *a);
/* Read every lesson file in the scenarios directory for the picker. */
void render_overlay_load_lessons(struct render_app *a);
void render_overlay_free_lessons(struct render_app *a);

void render_input_event(struct render_app *a, const SDL_Event *ev);

/* Write the dragged positions into the lesson file (temp file + rename).
 * Returns 0, or -1 with a toast saying why. */
int render_save_positions(struct render_app *a);

#endif
