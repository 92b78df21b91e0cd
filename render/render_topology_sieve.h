/* render_topology_sieve — the sieves a network's name's candidate places
 * go through before render_topology_place picks the first that covers
 * nothing: wholly inside its region, off the ends of hops, off routers'
 * links and rule chips, and apart from boxes first.  Each keeps (or puts
 * first) the candidates that pass, in their order, and returns how many
 * it kept. */
#ifndef MAILSIM_RENDER_TOPOLOGY_SIEVE_H
#define MAILSIM_RENDER_TOPOLOGY_SIEVE_H

#include <SDL.h>

struct render_app;
struct render_topology_place;

/* A network's name in one candidate place and form. */
struct render_topology_place_spot {
	SDL_Rect rc;
	int px, mode, maxw;
	int edge;              /* one line inside, along the region's top or bottom edge */
};

int render_topology_sieve_on_end(const struct render_topology_place *p, SDL_Rect rc, int margin);
/* Does a router's link to a network (its line, and the disc at its end
 * of radius r0) cross rc? */
int render_topology_sieve_on_link(const struct render_app *a, SDL_Rect rc, int r0);
int render_topology_sieve_within(const struct render_topology_place *p, SDL_Rect rc, int margin,
                                 struct render_topology_place_spot *c, int n);
int render_topology_sieve_off_links(const struct render_app *a, int margin, struct render_topology_place_spot *c,
                                    int n);
/* Of the n candidates for network net's name in c, those that leave each
 * router's line to net room to end beside it (on its disc's edge). */
int render_topology_sieve_dot_room(const struct render_app *a, int net, struct render_topology_place_spot *c, int n);
int render_topology_sieve_off_chips(const struct render_topology_place *p, int margin,
                                    struct render_topology_place_spot *c, int n);
void render_topology_sieve_apart(const struct render_app *a, struct render_topology_place_spot *c, int n, int d);

#endif
