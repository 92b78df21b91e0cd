/* render_view_row — the map as of the current row.  While the teacher
 * steps row by row through one event (an SMTP exchange making several
 * records at one time stamp, a delivery to several recipients), the
 * simulation already holds the state after the whole event; this module
 * reads the records of that event not told yet and takes their effects
 * back out of the frame's copies and recipient states, so that the
 * letters, the INBOX/Junk trays and the state colours show the state as
 * of the current row.  The trace stays the one source: nothing here
 * changes the run. */
#ifndef MAILSIM_RENDER_VIEW_ROW_H
#define MAILSIM_RENDER_VIEW_ROW_H

#include <stddef.h>

#include "sim.h"
#include "util.h"

struct render_app;

/* The records of the present event not told yet: the trace in *tr and
 * the range [*from, *n).  A recipient's state change is recorded just
 * before the row that makes it (its TR_STATE before the TR_DELIVER), so
 * such records at the end of the told rows count as untold.  Returns 0
 * (and an empty range) when every record is told, or when too many are
 * untold to take back on every frame (a delivery to thousands of
 * recipients: the map then shows the end of the event). */
int render_view_row_untold(const struct render_app *a, const struct trace_rec **tr, size_t *from, size_t *n);

/* Take the untold records' effects out of this frame's copies: copy[0 ..
 * n-1] is the simulation's list and keep[i] says whether copy i is drawn
 * (the caller sets it; this clears it for a copy a later row makes, and
 * sets it for a copy a later row hands over).  A copy a later row stores
 * or forwards waited in its server's queue until then: one stand-in per
 * message and server is written to extra (at most max) at the queue, with
 * the stored copy's message as it was before the store: shell[x] (the
 * caller's, at least max of them, valid while the simulation's copies
 * are) views extra[x]'s header without the fields the delivery put on
 * top (Return-Path, Delivered-To, X-Original-To: the MDA writes them on
 * delivery; a queued copy has none).  Returns how many stand-ins. */
size_t render_view_row_copies(const struct render_app *a, const struct sim_copy *copy, size_t n,
                              unsigned char *keep, struct sim_copy *extra, struct msg *shell, size_t max);

/* How many ledger entries there are as of the current row: the index of
 * the first one a later row of the present event writes (a bounce written
 * at the end of a refusal's event, a message composed there), or
 * sim_ledger_count.  Entries are numbered in the order they are written,
 * so every entry from there on is still to come. */
size_t render_view_row_born(const struct render_app *a);

/* The state recipient line r of ledger entry shows as of the current row:
 * its ledger state, or the state it had before the first untold change. */
enum ledger_state render_view_row_state(const struct render_app *a, int ledger, const struct ledger_rcpt *r);

/* A copy of ledger entry ledger that the trace says still exists at the
 * current row (a recipient line not in a final state as of that row) when
 * the simulation has already let go of it later in the same event (lesson
 * 06's refused m1 at the 221 row: its bounce is written, and m1 freed, rows
 * later): its envelope as the trace told it on the wire, the latest MAIL
 * FROM and the RCPT TO lines after it on that connection, each with the
 * reply refusing it if one was told (" → 550 5.1.1 …"), one per line,
 * appended to out.  Returns 1 if so, 0 if no copy exists as of the row or
 * no envelope was told. */
int render_view_row_envelope(const struct render_app *a, int ledger, struct sbuf *out);
/* The same envelope lines, whether or not a copy exists as of the row
 * (a discarded bounce's MAIL FROM:<> and its refused RCPT TO).  Returns 1
 * if an envelope was told, else 0. */
int render_view_row_wire_envelope(const struct render_app *a, int ledger, struct sbuf *out);
/* The header of that copy, when the simulation let go of it to bounce it:
 * the bounce (written rows later in the same event) returns the copy as
 * it lay at this server in its message/rfc822 part (text/rfc822-headers
 * where only the header is returned), so the header block is read from
 * there, unchanged.  Returns 1 with the block (CRLF line ends, no blank
 * line after it) appended to out, 0 if there is no such bounce. */
int render_view_row_freed_header(const struct render_app *a, int ledger, struct sbuf *out);

/* Take the untold records' effects out of this frame's connections
 * (a->fconn): one a later row opens is not there yet, one a later row
 * closes is still open (told again from the trace and the network's path),
 * and on one a later row tells a line arriving that line is still on the
 * wire, not what the simulation sent after it. */
void render_view_row_conns(struct render_app *a);

#endif
