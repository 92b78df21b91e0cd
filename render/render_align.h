/* render_align — the letter card's badge for a header From whose domain
 * differs from the envelope MAIL FROM's.  Different domains are no forgery
 * by themselves (a newsletter sent through a delivery service, 代理送信):
 * when the receiving server's DMARC evaluation of this copy passed through
 * an aligned DKIM d= or an aligned SPF domain, the badge says so, not in
 * the warning colour; when DMARC failed, found no policy or has not been
 * evaluated, it warns.  The result is the trace's TR_DMARC record (the
 * window tells, it does not judge again). */
#ifndef MAILSIM_RENDER_ALIGN_H
#define MAILSIM_RENDER_ALIGN_H

#include <SDL.h>
#include <stddef.h>

#include "sim.h"
#include "util.h"

struct render_app;

enum render_align_badge {
	RENDER_ALIGN_NONE,       /* the domains agree (or there is nothing to compare) */
	RENDER_ALIGN_WARN,       /* they differ, and DMARC did not vouch for the From */
	RENDER_ALIGN_DMARC_DKIM, /* they differ, DMARC passed through an aligned DKIM d= */
	RENDER_ALIGN_DMARC_SPF,  /* they differ, DMARC passed through an aligned SPF domain */
	RENDER_ALIGN_BADGE_COUNT
};

/* The told DMARC evaluation of copy cp (a TR_DMARC record), or NULL: the
 * one made on the connection carrying it, else the one made by the
 * server that wrote the copy's topmost Authentication-Results (its
 * authserv-id names the host). */
const struct trace_rec *render_align_dmarc(struct render_app *a, const struct sim_copy *cp);

/* Which badge copy cp gets, with its text in the window's language
 * appended to out (nothing for RENDER_ALIGN_NONE). */
enum render_align_badge render_align_text(struct render_app *a, const struct sim_copy *cp, struct sbuf *out);

/* The badge at (rc.x, y), at most rc.w wide: its height with the space
 * under it, 0 when the domains agree.  Draws only with draw. */
int render_align_draw(struct render_app *a, const struct sim_copy *cp, SDL_Rect rc, int y, int draw);

#endif
