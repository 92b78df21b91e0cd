/* render_region_name — the room presenter mode's layout (render_region)
 * keeps each network's name in its region (internal to render_region). */
#ifndef MAILSIM_RENDER_REGION_NAME_H
#define MAILSIM_RENDER_REGION_NAME_H

#include "render_region_work.h"

/* The least region that holds network n's block (w->block[n]) with a
 * margin round it and its name above the block (side 0) or beside it at
 * its right (side 1): into w->need[n], and the name's band, from the
 * region's top-left, into w->band[n]. */
void render_region_name_need(struct render_app *a, struct render_region_work *w, int n, int side);
/* Routers that stand on the band of a network they join and leave its
 * name no room beside them: w->lift[n] grown to hold both (loose: also
 * where the name would go on two lines beside the router in a band one
 * line high).  *cramped: how many names a step smaller do not fit on one
 * line beside a router.  Returns how many bands grow. */
int render_region_name_lift(const struct render_app *a, struct render_region_work *w, int loose, int *cramped);

#endif
