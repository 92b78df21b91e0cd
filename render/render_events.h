/* render_events — the event list: one row per told trace record, newest at
 * the bottom, every row wrapped to the panel's width (never cut), the
 * lesson's captions under the records they fired at, the rows that come
 * next greyed after stepping back, a filter that keeps only the key
 * moments (E), and a "jump to now" control while the list is scrolled
 * back. */
#ifndef MAILSIM_RENDER_EVENTS_H
#define MAILSIM_RENDER_EVENTS_H

#include "trace.h"

struct render_app;

/* What the list shows. */
enum render_events_filter {
	RENDER_EVENTS_ALL,       /* every told record */
	RENDER_EVENTS_KEY,       /* envelope commands (MAIL, RCPT, DATA, the
	                          * message), hand-overs, blocks, refusals,
	                          * bounces, deliveries, fetches and verdicts:
	                          * no EHLO, STARTTLS, AUTH, QUIT or greeting */
	RENDER_EVENTS_FILTER_COUNT
};
extern const char *const render_events_filter_names[RENDER_EVENTS_FILTER_COUNT];

/* Draw the list into the events panel (a->panels.events). */
void render_events_draw(struct render_app *a);
/* 1 if record r is a row under filter f.  The current record is always
 * shown whatever the filter, so the class never loses the present. */
int render_events_keeps(enum render_events_filter f, const struct trace_rec *r);
/* Switch the filter (key E, or the panel's switch). */
void render_events_toggle_filter(struct render_app *a);
/* A reply of several lines in b (the text after its first line feed:
 * an EHLO's 250- lines, an IMAP SELECT's untagged lines) told as its
 * first line and, after sep, how many follow, "(+6 lines)", when two or
 * more follow; returns 1 if b was shortened.  For rows that cannot show
 * the reply whole (the event list's current row, the transcript's older
 * rows in presenter mode). */
struct sbuf;
int render_events_summarise(struct render_app *a, struct sbuf *b, char sep);
/* The same reply's lines run on in one paragraph, each after a "⏎" (a
 * reply the caption names, whose lines are the evidence: lesson 14's
 * "CAPA lists no STLS"). */
#define RENDER_EVENTS_BREAK " \u23CE "
void render_events_flow(struct sbuf *b);
/* How many lines follow the first of text (from its end on, rest), said
 * into b: "(+2 lines)"; the message a POP3 RETR or an IMAP FETCH carries
 * in its "(message)" place is the message, not a line of that name,
 * "(+ the message and 1 line)".  One count for the map's labels, the
 * event list, the transcript and the sequence chart (lesson 14 at
 * 40.221 s: the map's "+OK 685 octets (+5 lines)" counted the From, To,
 * Subject and "…" the eavesdropper's panel shows of the message, the
 * event list's "(+2 lines)" its place-holder).  Returns how many follow,
 * the message one; 0 (b unchanged) if none. */
int render_events_more(struct render_app *a, const char *rest, struct sbuf *b);
/* The words of record r's row in the event list into b (reset first):
 * the current row tells the narration's full sentence; a past row its
 * short form on one line, a reply of several lines as its first line and
 * "(+N lines)" (an EHLO's ten 250- lines took five rows of the list,
 * acceptance review of issue 11). current 2: the current row told as the
 * past ones are (a list too short for the sentence). */
struct trace_rec;
void render_events_row_text(struct render_app *a, const struct trace_rec *r, int current, struct sbuf *b);
/* The height an events panel w pixels wide needs to show its current row
 * whole, and at the least four lines of rows (two before any row; README:
 * the list always shows the current row), with its title: what the layout
 * leaves the list when a card docks in the right column (render_dock).
 * brief: the row as the other rows tell it (the list falls back to that),
 * three lines at the least in presenter mode: what it keeps when a long
 * caption grows (render_panels_fit_caption), which takes the rest from
 * the map, whose names and places need their room. */
int render_events_need(struct render_app *a, int w, int brief);
/* Follow the present again: the list scrolls back to the newest row (after
 * a step, a jump, a restart, or the "now" control). */
void render_events_follow(struct render_app *a);

#endif
