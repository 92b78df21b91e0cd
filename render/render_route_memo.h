/* render_route_memo — routes already built, by everything they are built
 * from.  A frame asks for the same connection's route several times (its
 * line, its packet, its tag, its cross, the letter waiting on it), and the
 * next frame mostly for the same routes again; building one bends it round
 * every box on the map, the largest share of a frame's work.  A route is
 * remembered under a hash of its ends and routers and of all the map it
 * was bent round (positions, view, boxes, chips, names, regions, link
 * lines), so a stale one is never handed back: anything that moved gives
 * a new key. */
#ifndef MAILSIM_RENDER_ROUTE_MEMO_H
#define MAILSIM_RENDER_ROUTE_MEMO_H

#include <stdint.h>

#include "render_topology.h"

struct render_app;
struct render_route_memo;

struct render_route_memo *render_route_memo_new(void);
void render_route_memo_free(struct render_route_memo *m);
/* The key of a route from client to server (-1: it stops at its last
 * router) through routers[0..nr), bent (bend) or straight, on a's map as
 * it is now. */
uint64_t render_route_memo_key(const struct render_app *a, int client, int server, const int *routers, int nr,
                               int bend);
/* The route remembered under key into *rt: 1, or 0 if there is none. */
int render_route_memo_get(const struct render_route_memo *m, uint64_t key, struct render_topology_route *rt);
void render_route_memo_put(struct render_route_memo *m, uint64_t key, const struct render_topology_route *rt);
/* How many routes were built afresh (put) since m was made. */
unsigned long render_route_memo_built(const struct render_route_memo *m);

#endif
