/* render_name_cut — where a router's name breaks onto two lines in
 * presenter mode: before its parenthesis where render_region chose so
 * (a->router_cut), and at a space too where render_region_spaces_check
 * asks for it (a->router_spaces).  Split from render_topology, which
 * measures and draws the routers' boxes. */
#ifndef MAILSIM_RENDER_NAME_CUT_H
#define MAILSIM_RENDER_NAME_CUT_H

#include <stddef.h>

struct render_app;

/* A name on two lines, broken where render_name_cut.c says: all of
 * it is still there.  Returns where the second line starts, with the
 * first in first, the lines' widths in fw and sw and the name's width and
 * height in nw and nh; or 0 (none of them set) for a name that does not
 * break. */
int render_name_cut(struct render_app *a, const char *name, int px, char *first, size_t nfirst, int *fw, int *sw,
                    int *nw, int *nh);

#endif
