/* render_view — what the picture is derived from: names of nodes in the
 * current language, the narration line of a trace record, which captions
 * have fired, which message is in focus and which copy of it to show.
 * Everything here reads the simulation; nothing changes it. */
#ifndef MAILSIM_RENDER_VIEW_H
#define MAILSIM_RENDER_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "sim.h"
#include "util.h"

struct render_app;

/* Bring the record-to-event map and the caption matches up to date with
 * the trace (after a step, a replay or an action). */
void render_view_sync(struct render_app *a);

/* Before going back: keep the records beyond the ones kept so far. */
void render_view_keep(struct render_app *a);
/* After an action changed the future: forget kept records past the present.
 * all = 1 forgets every kept record (a new lesson). */
void render_view_drop_future(struct render_app *a, int all);

const char *render_view_host_name(const struct render_app *a, int host);
const char *render_view_router_name(const struct render_app *a, int router);
/* Node index as in the trace: hosts, then routers. */
const char *render_view_node_name(const struct render_app *a, int node);
/* A ledger entry's tag, "?" if out of range. */
const char *render_view_msg_tag(const struct render_app *a, int ledger);

/* The DATA payload line ("(message, N bytes)" in a command record) in the
 * current language, appended to out: returns 1, or 0 (nothing appended) if
 * r is not the payload. */
int render_view_payload(const struct render_app *a, const struct trace_rec *r, struct sbuf *out);
/* One narration line for a trace record, appended to out. */
void render_view_event_text(const struct render_app *a, const struct trace_rec *r, struct sbuf *out);
/* The latest caption that has fired, -1 if none. */
int render_view_caption(const struct render_app *a);
const char *render_view_caption_text(const struct render_app *a, int caption);

/* Gather this frame's connections and copies from the simulation. */
void render_view_gather(struct render_app *a);

/* The message the card and letter envelope show: the selection if it is a
 * message, else the one the latest event was about.  -1 if none. */
int render_view_focus_msg(struct render_app *a);
/* The most advanced copy of a ledger entry (most header fields, on the
 * move before at rest).  Returns 0 and fills out, or -1 if none exists. */
int render_view_copy_of(struct render_app *a, int ledger, struct sim_copy *out);
/* The rule name that stopped connection conn, or NULL. */
const char *render_view_blocked_rule(struct render_app *a, int conn);
/* The overall state of a ledger entry (its least final recipient). */
int render_view_msg_state(struct render_app *a, int ledger);
/* Its states in words, appended to out: "delivered", or per state with a
 * count when the recipients differ ("delivered ×1, rejected ×1"). */
void render_view_msg_states(struct render_app *a, int ledger, struct sbuf *out);

/* DNS queries whose answer has not arrived: up to max record pointers in
 * out (newest first); returns how many. */
int render_view_dns_pending(struct render_app *a, const struct trace_rec **out, int max);
/* Anything on a wire now (a line, a SYN or a DNS query)? */
int render_view_moving(struct render_app *a);

/* Simulated time as "0:00:01.234". */
void render_view_time(int64_t t_us, char *out, size_t outsz);

#endif
