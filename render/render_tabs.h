/* render_tabs — the letter card's tabs: a message with several copies
 * (To and Cc, a Bcc, a forward, a recipient refused) shows one tab per
 * copy with its recipients and where it is ("bob@… ✓ INBOX", "carol@…
 * × 550", "dave@… ○ queued").  The tab of the copy the current row is
 * about is selected as the run moves; a click shows another copy on the
 * card and the envelope tag until the run moves on.  Choosing a tab is
 * view state only: nothing here changes the run. */
#ifndef MAILSIM_RENDER_TABS_H
#define MAILSIM_RENDER_TABS_H

#include <SDL.h>
#include <stdint.h>

#include "sim.h"

struct render_app;

/* At most this many tabs are described; the rest are counted. */
#define RENDER_TABS_MAX 64
/* How many ways a tab's recipients are written, longest first. */
#define RENDER_TABS_LEVELS 3

struct render_tabs_tab {
	int copy;              /* index in the frame's copies (a->fcopy), or -1:
	                        * a recipient line no copy holds any more
	                        * (rejected, bounced, blocked, discarded) */
	int line;              /* the first ledger line it holds, -1 if none */
	char who[RENDER_TABS_LEVELS][200];   /* its recipients, whole
	                        * ("bob@univ.example"), then shorter
	                        * ("bob@univ…"), then shortest ("bob@…", or
	                        * still "bob@univ…" where another address of
	                        * the message has the local part bob); the
	                        * local part always stays whole */
	char state[96];        /* where it is ("✓ INBOX", "× 550", "○ queued") */
	uint32_t color;        /* the state's colour */
};

/* The tabs of ledger entry msg in this frame, in the order of its
 * recipient lines: out[0 .. max-1] described; returns how many there are
 * (which may exceed max).  Each recipient line is in one tab, in the state
 * it has at the current row: where two copies name it (at a hand-over the
 * client's still waiting for the 250 and the server's; a download and the
 * mailbox it came from), the tab is the one of the copy that holds it in
 * that state (the card's copy, then the one furthest along, among
 * equals), and the other copy shows only the lines left to it, or no tab. */
int render_tabs_list(struct render_app *a, int msg, struct render_tabs_tab *out, int max);

/* The copy of msg a click on a tab chose, while the run is still at the
 * row where it was clicked and the copy is still there: 0 and *out, else
 * -1 (the card then follows the current row). */
int render_tabs_picked(const struct render_app *a, int msg, struct sim_copy *out);

/* A click on tab `tab` of msg: show its copy (a tab without a copy, or
 * the one the current row is about, goes back to following the row). */
void render_tabs_pick(struct render_app *a, int msg, int tab);

/* Draw the tabs of msg across the top of rc, the tab of copy `shown`
 * selected, each with its hit box; tabs that do not fit fold into a "+N"
 * tab (which picks the first folded copy).  Returns the height used: 0
 * when msg has fewer than two tabs. */
int render_tabs_draw(struct render_app *a, int msg, const struct msg *shown, SDL_Rect rc);
/* Which of the nd tabs t (render_tabs_list) is selected: the tab of the
 * copy the card shows; else, when that copy's lines are another copy's
 * tab at this row (lesson 13 at 1.800 s: the card shows the forward the
 * university is checking, still on the connection, and Carol's line is
 * already the university's queued copy), the tab of its first line, not
 * the first tab (Bob's, which the card is not about). */
int render_tabs_selected(struct render_app *a, int msg, const struct msg *shown, const struct render_tabs_tab *t,
                         int nd);

#endif
