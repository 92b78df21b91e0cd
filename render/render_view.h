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

/* The trace as told now: every record of the run, or, while stepping
 * row by row inside one event, those up to the current row.  Every view of
 * "now" (event list, transcript, caption, card, sequence chart) reads it;
 * the map's letters, trays and states take back what the rows after it
 * did (render_view_row). */
const struct trace_rec *render_view_trace(const struct render_app *a, size_t *n);
/* Rows: the end (exclusive) of the told records when record i is the
 * current row (i and the quiet records after it). */
size_t render_view_row_end(const struct trace_rec *tr, size_t n, size_t i);
/* Tell the records up to end (exclusive) of the present run, or all of
 * them (end 0 or past the last record). */
void render_view_set_rows(struct render_app *a, size_t end);

/* After a step that made the records from index from on: tell only the
 * first told row of them (the next steps tell the others). */
void render_view_tell_first(struct render_app *a, size_t from);

const char *render_view_host_name(const struct render_app *a, int host);
const char *render_view_router_name(const struct render_app *a, int router);
/* A rule's name on screen in the window's language: its "short" text, else
 * its name (scenario_rule_short); by index at router, or by name (a
 * ledger's, a trace's or the totals' key: the name itself if the router
 * has no such rule, "" for NULL). */
const char *render_view_rule_name(const struct render_app *a, int router, int rule);
const char *render_view_rule_named(const struct render_app *a, int router, const char *name);
/* Node index as in the trace: hosts, then routers. */
const char *render_view_node_name(const struct render_app *a, int node);
/* A ledger entry's tag, "?" if out of range. */
const char *render_view_msg_tag(const struct render_app *a, int ledger);

/* The catalog prefix of the event list's short lines (the narration's is
 * NARRATE_PREFIX): the same records, told by the same function. */
#define RENDER_VIEW_PREFIX "ui.ev"

/* The message itself on the wire, in words ("(the message itself, N
 * bytes)"), appended to out. */
void render_view_payload_text(const struct render_app *a, uint32_t bytes, struct sbuf *out);
/* A TR_CMD or TR_REPLY record's line as the transcript shows it. */
void render_view_wire_text(const struct render_app *a, const struct trace_rec *r, struct sbuf *out);
/* One short line for a trace record (the event list), appended to out. */
void render_view_event_text(const struct render_app *a, const struct trace_rec *r, struct sbuf *out);
/* The latest caption that has fired, -1 if none. */
int render_view_caption(const struct render_app *a);
/* The message caption k (fired) is about, if the card now shows another
 * one (nor its bounce, nor the message it reports on); else -1. */
int render_view_caption_other(struct render_app *a, int k);
const char *render_view_caption_text(const struct render_app *a, int caption);
/* Does the caption up now name text (3 bytes or more) as a word of its
 * own ("CAPA", "STLS"; not "CAPAB")? */
int render_view_caption_names(const struct render_app *a, const char *text);

/* Gather this frame's connections and copies from the simulation, the
 * copies as of the current row (render_view_row_copies). */
void render_view_gather(struct render_app *a);

/* The message the card and letter envelope show: the selection if it is a
 * message, else the one the latest event was about.  -1 if none. */
int render_view_focus_msg(struct render_app *a);
/* Is the latest row a line of a retrieval session (POP3, IMAP) with a
 * server that holds no mail?  Then no message is in focus. */
int render_view_empty_session(struct render_app *a);
/* The copy of a ledger entry the card and the envelope tag show: the one a
 * click on the card's tab chose while the run stays where it was
 * (render_tabs), else the copy the latest record about the entry is about,
 * else the most advanced (most header fields, on the move before at
 * rest).  Returns 0 and fills out, or -1 if none exists. */
int render_view_copy_of(struct render_app *a, int ledger, struct sim_copy *out);
/* Where "the latest record" about ledger is read from among the n told
 * records tr: n, or, when the whole instant is told at once (a jump) and
 * the caption up fired at this instant about ledger, one past the
 * caption's record or past the last record of the same instant on the
 * caption's connection (the moment the caption talks about, and what that
 * session did next in it: the server took the copy). */
size_t render_view_caption_moment(const struct render_app *a, const struct trace_rec *tr, size_t n, int ledger);
/* The rule name that stopped connection conn, or NULL. */
const char *render_view_blocked_rule(struct render_app *a, int conn);
/* A connection of this frame carrying ledger entry whose SYN a router
 * dropped (the client still waits for its timeout): the client's host,
 * else -1.  With router or rule given, only one whose drop is told, and
 * they receive the rule that dropped it. */
int render_view_dropped_node(const struct render_app *a, int ledger, int *router, int *rule);
/* The overall state of a ledger entry (its least final recipient; lines
 * whose SYN was dropped count as blocked, as the map shows them). */
int render_view_msg_state(struct render_app *a, int ledger);
/* 1 if a delivered recipient line of the entry is in a Junk folder: the
 * message list then draws it amber, not the INBOX's green. */
int render_view_msg_junk(struct render_app *a, int ledger);
/* Its states in words, appended to out: "delivered", or per state with a
 * count when the recipients differ ("delivered ×1, rejected ×1"); a
 * line delivered to Junk reads "delivered to Junk". */
void render_view_msg_states(struct render_app *a, int ledger, struct sbuf *out);
/* 1 if recipient line r of ledger entry ledger is on a connection the
 * server has not accepted yet: its SYN travels, or a router dropped it and
 * the client, which cannot know, still waits ("connecting", not "in
 * flight": the mail has not left). */
struct ledger_rcpt;
/* This frame's connection with id, or NULL. */
const struct sim_conn *render_view_conn_by_id(const struct render_app *a, int id);
/* The state of lines 0 .. n-1 of ledger entry ledger as the window tells
 * them at the current row (enum ledger_state): the ledger's, but a line
 * whose SYN was dropped for good is blocked, and one a 5xx reply refused is
 * rejected from that reply on, as render_view_msg_states counts them. */
void render_view_line_states(struct render_app *a, int ledger, unsigned char *out, int n);
int render_view_rcpt_connecting(const struct render_app *a, int ledger, const struct ledger_rcpt *r);

/* DNS queries whose answer has not arrived: up to max record pointers in
 * out (newest first); returns how many. */
int render_view_dns_pending(struct render_app *a, const struct trace_rec **out, int max);
/* Anything on a wire now (a line, a SYN or a DNS query), or a mail
 * program in the middle of its S/MIME steps? */
int render_view_moving(struct render_app *a);

/* Simulated time as "0:00:01.234". */
void render_view_time(int64_t t_us, char *out, size_t outsz);

#endif
