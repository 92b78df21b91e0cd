/* render_links — the lines that join each router to the networks it
 * links (drawn under everything else on the map): from the router to a
 * dot just inside the network's region, which routes between routers
 * pass through. */
#ifndef MAILSIM_RENDER_LINKS_H
#define MAILSIM_RENDER_LINKS_H

#include <SDL.h>

struct render_app;

#define RENDER_LINKS_POINTS 4

/* A link's line: x[0], y[0] the router's centre, x[n-1], y[n-1] the dot
 * on the network's region, any points between bends. */
struct render_links_path {
	float x[RENDER_LINKS_POINTS], y[RENDER_LINKS_POINTS];
	int n;
};

/* Lay this frame's link lines out into a's cache (owned by the session,
 * freed by render_links_free); call once the boxes and regions are
 * placed (after render_topology_place). */
void render_links_update(struct render_app *a);
/* Once the networks' names are placed (a->place->title, placed off the
 * lines as render_links_update laid them): the lines that run over the
 * name of a network they do not go to laid again off the names (kept
 * while the lines' inputs and the names' places are the same). */
void render_links_titles(struct render_app *a);
/* Router r's line to network net (one it links), as the last
 * render_links_update laid it out, or laid out now if it has not. */
void render_links_path(const struct render_app *a, int r, int net, struct render_links_path *p);
/* Draw every router's lines and their dots. */
void render_links_draw(struct render_app *a);
/* Does router r link network m, or one whose region m's holds (nested
 * by design)?  (Its line may cross m's region; render_spread asks too.) */
int render_links_joins(const struct render_app *a, int r, int m);
/* Does the line p of router r, but for its piece under r's own box, pass
 * through rc? */
int render_links_cuts(const struct render_app *a, int r, const struct render_links_path *p, SDL_Rect rc);
/* Does the line p of router r pass under another router's box or rule
 * chips (where nothing else was free: render_links_lay)? */
int render_links_under(const struct render_app *a, int r, const struct render_links_path *p);
void render_links_free(struct render_app *a);

#endif
