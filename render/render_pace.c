/* render_pace — stepping forward as the class watches (see render_pace.h). */
#include "render_pace.h"

#include "render_app.h"
#include "render_events.h"
#include "render_view.h"

/* The caption and hop steps give up after this many events (a lesson's
 * queue retrying for days must not freeze the window). */
#define RENDER_PACE_MAX_STEPS 200000

int render_pace_is_hop(const struct trace_rec *r)
{
	if (r->msg < 0)
		return 0;
	switch (r->kind) {
	case TR_QUEUED:
	case TR_DELIVER:
	case TR_FETCHED:
	case TR_BLOCKED:
	case TR_REFUSED:
	case TR_BOUNCE:
	case TR_DISCARD:
		return 1;
	case TR_REPLY:
		/* Only SMTP and LMTP replies have codes from 500 (POP3 and IMAP
		 * use 0/1). */
		return (r->proto == PROTO_SMTP || r->proto == PROTO_LMTP) && r->u.line.code >= 500;
	default:
		return 0;
	}
}

int render_pace_pausing(const struct render_app *a)
{
	return a->pace.pause_captions < 0 ? a->presenter : a->pace.pause_captions;
}

void render_pace_toggle(struct render_app *a)
{
	a->pace.pause_captions = !render_pace_pausing(a);
	render_app_toast(a, render_app_text(a, a->pace.pause_captions ? "ui.toast.pause_on" : "ui.toast.pause_off"));
}

/* Captions that have fired so far. */
static int render_pace_captions(const struct render_app *a)
{
	int n = 0;
	for (int c = 0; c < a->sc->ncaptions; c++)
		n += a->caption_rec[c] >= 0;
	return n;
}

int render_pace_step(struct render_app *a)
{
	a->pace.caption = a->pace.hop = a->pace.stopped = 0;
	render_events_follow(a);   /* a step shows the present */
	if (render_quiz_active(a))
		return 0;
	size_t n0 = 0;
	sim_trace(render_app_sim(a), &n0);
	int c0 = render_pace_captions(a);
	if (!timeline_forward(a->tl))
		return 0;
	if (render_quiz_after_step(a)) {
		render_app_sync(a);
		return 0;
	}
	render_app_sync(a);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	a->pace.caption = render_pace_captions(a) > c0;
	a->pace.caption_rec = -1;
	for (int c = 0; a->pace.caption && c < a->sc->ncaptions; c++)
		if (a->caption_rec[c] >= 0 && (size_t)a->caption_rec[c] >= n0 &&
		    (a->pace.caption_rec < 0 || a->caption_rec[c] < a->pace.caption_rec))
			a->pace.caption_rec = a->caption_rec[c];
	for (size_t i = n0; i < n && !a->pace.hop; i++)
		a->pace.hop = render_pace_is_hop(&tr[i]);
	return 1;
}

int render_pace_completes(const struct trace_rec *r, const struct trace_rec *next)
{
	switch (r->kind) {
	case TR_FILTER:      /* the delivery the verdict decides (lesson 12) */
		return next->kind == TR_DELIVER && next->msg == r->msg;
	case TR_DKIM_SIGN:   /* the queue it is signed into, with its DKIM-Signature (lesson 13) */
		return next->kind == TR_QUEUED && next->msg == r->msg;
	case TR_SNIFF:       /* the line read, on its way (lesson 14's PASS) */
		return (next->kind == TR_CMD || next->kind == TR_REPLY) && next->conn == r->conn;
	case TR_REPLY:       /* QUIT's answer: the close, and what the client then knows of
	                      * its mail (lesson 08 at 120.432 s, "The spam is refused", had
	                      * the card say "spam2 — being sent" until the close's row) */
		return next->kind == TR_CLOSE && next->conn == r->conn && r->u.line.verb &&
		       util_strcasecmp(r->u.line.verb, "quit") == 0;
	default:
		return 0;
	}
}

void render_pace_show_caption(struct render_app *a)
{
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	if (!a->pace.caption || a->pace.caption_rec < 0 || (size_t)a->pace.caption_rec >= n)
		return;
	size_t at = (size_t)a->pace.caption_rec;
	size_t end = render_view_row_end(tr, n, at);
	int own = 0;   /* (unless what completes it has a caption of its own) */
	for (int c = 0; end < n && c < a->sc->ncaptions; c++)
		own |= a->caption_rec[c] == (int)end;
	if (end < n && !own && render_pace_completes(&tr[at], &tr[end]))
		end = render_view_row_end(tr, n, end);
	render_view_set_rows(a, end);
	a->pace.stopped = 1;
}

int render_pace_held_caption(struct render_app *a)
{
	size_t told = 0, n = 0;
	render_view_trace(a, &told);
	sim_trace(render_app_sim(a), &n);
	long first = -1;
	for (int c = 0; told < n && c < a->sc->ncaptions; c++)
		if (a->caption_rec[c] >= 0 && (size_t)a->caption_rec[c] >= told &&
		    (first < 0 || a->caption_rec[c] < first))
			first = a->caption_rec[c];
	if (first < 0)
		return 0;
	a->pace.caption = 1;
	a->pace.caption_rec = first;
	a->pace.hop = 0;
	render_events_follow(a);
	render_pace_show_caption(a);
	return 1;
}

static void render_pace_until(struct render_app *a, int hop)
{
	a->playing = 0;
	/* A caption among the rows of the last event still untold (lesson
	 * 02 at 50 s: the timeout and the mail program's error, a caption
	 * each) is the next one. */
	if (!hop && render_pace_held_caption(a)) {
		render_pace_end_check(a);
		return;
	}
	for (int i = 0; i < RENDER_PACE_MAX_STEPS; i++) {
		if (!render_pace_step(a))
			break;
		if (!hop && a->pace.caption)
			render_pace_show_caption(a);
		if (hop ? a->pace.hop : a->pace.caption)
			break;
	}
	render_pace_end_check(a);
}

void render_pace_next_caption(struct render_app *a)
{
	render_pace_until(a, 0);
}

void render_pace_next_hop(struct render_app *a)
{
	render_pace_until(a, 1);
}

int render_pace_at_end(struct render_app *a)
{
	struct sim *s = render_app_sim(a);
	return sim_events_pending(s) == 0 || sim_now(s) >= a->sc->until_us;
}

void render_pace_end_check(struct render_app *a)
{
	if (!render_pace_at_end(a)) {
		a->pace.end_shown = 0;
		return;
	}
	/* (the lesson's last caption is read first: lesson 14's at 800.259 s
	 * had the panel over it; the next step, or play, opens it) */
	if (a->pace.end_shown || render_quiz_active(a) || a->pace.stopped)
		return;
	a->pace.end_shown = 1;
	a->playing = 0;
	/* Over the help, not over a dialog the teacher is typing in. */
	if (a->overlay == RENDER_APP_OVERLAY_NONE || a->overlay == RENDER_APP_OVERLAY_HELP)
		render_check_open(a);
}
