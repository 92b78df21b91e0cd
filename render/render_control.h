/* render_control — what the teacher does to the run and the view (see
 * render_control.c).  Every change to the run goes through the timeline. */
#ifndef MAILSIM_RENDER_CONTROL_H
#define MAILSIM_RENDER_CONTROL_H

#include <stddef.h>
#include <stdint.h>

struct render_app;

/* Forward and back move one told row of the trace: an event that made
 * several (a forward and two deliveries) takes as many steps. */
/* Advance play by wall_s seconds of wall time (nothing when paused). */
void render_control_tick(struct render_app *a, double wall_s);
void render_control_forward(struct render_app *a);
void render_control_back(struct render_app *a);
void render_control_goto(struct render_app *a, size_t events);
/* Go to the state after events, with trace record row (one the event made)
 * as the current row: the event list's click. */
void render_control_goto_row(struct render_app *a, size_t events, size_t row);
void render_control_restart(struct render_app *a);
void render_control_run_to(struct render_app *a, int64_t t_us);
void render_control_toggle_rule(struct render_app *a, int router, int rule);
/* The user whose MUA runs on host fetches their mail now (POP3 or IMAP, as
 * the lesson sets); 0, or -1 if no user's MUA is on that host. */
int render_control_fetch(struct render_app *a, int host);
/* user marks the copy of ledger entry msg in their mailbox as spam (1,
 * moved to Junk) or not (0, back to INBOX); an action in the log.  The
 * user's spam filter, if they have one, learns from it, and a toast says
 * what the mark did (render_filter_mark_toast).  0, or -1 for no such user
 * or message. */
int render_control_mark(struct render_app *a, int user, int msg, int spam);
void render_control_set_speed(struct render_app *a, double speed);
void render_control_set_lang(struct render_app *a, int lang);
#endif
