/* render_verdict — the mail the filter panel opens for without a
 * selection: the one the moment's verdict, mark or learning is about. */
#include "render_verdict.h"

#include "render_app.h"
#include "render_view.h"

/* Records looked back over after a caption: a mail's delivery makes a few
 * dozen; past this the caption's moment is long gone. */
#define RENDER_VERDICT_LOOKBACK 400

static int render_verdict_kind(const struct trace_rec *r)
{
	return (r->kind == TR_FILTER || r->kind == TR_LEARN || r->kind == TR_MARK) && r->msg >= 0;
}

/* The caption shown fired on a verdict (or a mark, or learning), or on
 * what followed one about the same mail, and nothing told since is about
 * another mail: that mail, else -1. */
static int render_verdict_captioned(struct render_app *a, const struct trace_rec *tr, size_t n)
{
	int c = render_view_caption(a);
	size_t at = c >= 0 ? (size_t)a->caption_rec[c] : n;
	if (at >= n || n - at > RENDER_VERDICT_LOOKBACK || tr[at].msg < 0)
		return -1;
	/* a caption on what followed the verdict about the same mail, its
	 * filing (lesson 12's 「判断できない」 phish1 at 65.5 s: its caption on
	 * the delivery told the unsure verdict for 30 s while the panel had
	 * gone back to the mail list, issue 11) */
	int seen = render_verdict_kind(&tr[at]);
	for (size_t i = at; !seen && i-- > 0 && at - i <= RENDER_VERDICT_LOOKBACK;) {
		if (tr[i].msg >= 0 && tr[i].msg != tr[at].msg && !trace_kinds[tr[i].kind].quiet)
			break;
		seen = render_verdict_kind(&tr[i]) && tr[i].msg == tr[at].msg;
	}
	if (!seen)
		return -1;
	for (size_t i = at + 1; i < n; i++)
		if (tr[i].msg >= 0 && tr[i].msg != tr[at].msg && !trace_kinds[tr[i].kind].quiet)
			return -1;
	return tr[at].msg;
}

int render_verdict_msg(struct render_app *a)
{
	if (a->sel != RENDER_APP_SEL_NONE)
		return -1;
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	if (!n)
		return -1;
	/* The lesson has run to its end: its outcome, the message list and
	 * the accuracy plot (lesson 12's last caption sums up the plot). */
	const struct sim *s = render_app_sim(a);
	size_t all = 0;
	sim_trace(s, &all);
	if (n == all && sim_events_pending(s) == 0)
		return -1;
	int m = render_verdict_captioned(a, tr, n);
	if (m >= 0 || a->playing)
		return m;
	/* Stopped at a verdict no caption tells (stepped onto, or a jump to
	 * its time): the latest of the present instant. */
	for (size_t i = n; i-- > 0 && tr[i].t == tr[n - 1].t;)
		if (render_verdict_kind(&tr[i]))
			return tr[i].msg;
	return -1;
}
