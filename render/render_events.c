/* render_events — the event list (see render_events.h).  Rows are wrapped
 * rather than cut: an SMTP command at the end of a row is what the class
 * is looking for, and a cut row loses it. */
#include "render_events.h"

#include <stdio.h>
#include <string.h>

#include "narrate.h"
#include "render_app.h"
#include "render_draw.h"
#include "render_quiz.h"
#include "render_theme.h"
#include "render_ui.h"
#include "render_view.h"

const char *const render_events_filter_names[RENDER_EVENTS_FILTER_COUNT] = { "all", "key" };
_Static_assert(sizeof render_events_filter_names / sizeof *render_events_filter_names ==
	       RENDER_EVENTS_FILTER_COUNT, "events filter names");

/* The envelope's commands and the message itself (its verb is "."). */
static int render_events_envelope_verb(const char *verb)
{
	static const char *const verbs[] = { "MAIL", "RCPT", "DATA", "." };
	for (size_t i = 0; verb && i < sizeof verbs / sizeof verbs[0]; i++)
		if (strcmp(verb, verbs[i]) == 0)
			return 1;
	return 0;
}

int render_events_keeps(enum render_events_filter f, const struct trace_rec *r)
{
	if (trace_kinds[r->kind].quiet)
		return 0;
	if (f == RENDER_EVENTS_ALL)
		return 1;
	switch (r->kind) {
	case TR_CMD:
		return r->proto == PROTO_SMTP && render_events_envelope_verb(r->u.line.verb);
	case TR_REPLY:   /* a refusal is a key moment; a 250 is chatter */
		return r->proto == PROTO_SMTP && r->u.line.code >= 400;
	case TR_SMIME:
		return r->u.smime.step == TRACE_SMIME_VERDICT || r->u.smime.step == TRACE_SMIME_REFUSE;
	case TR_COMPOSE: case TR_BLOCKED: case TR_REFUSED: case TR_TIMEOUT: case TR_QUEUED:
	case TR_DELIVER: case TR_DEFER: case TR_BOUNCE: case TR_DISCARD: case TR_FETCHED:
	case TR_MUA_ERROR: case TR_RULE: case TR_MARK: case TR_SPF: case TR_TAMPER: case TR_DKIM:
	case TR_DMARC: case TR_FILTER: case TR_LEARN:
		return 1;
	case TR_CONNECT: case TR_ACCEPT: case TR_DNS_QUERY: case TR_DNS_ANSWER: case TR_CLOSE:
	case TR_STATE: case TR_DKIM_SIGN:
		return 0;
	case TR_KIND_COUNT:
	default:
		PANIC("unexpected trace kind %d", (int)r->kind);
	}
}

void render_events_toggle_filter(struct render_app *a)
{
	a->events_filter = (a->events_filter + 1) % RENDER_EVENTS_FILTER_COUNT;
	a->scroll[RENDER_APP_PANEL_EVENTS] = 0;
}

void render_events_follow(struct render_app *a)
{
	a->scroll[RENDER_APP_PANEL_EVENTS] = 0;
}

/* A small switch in a panel's title row, right-aligned at right; returns
 * its width. */
static int render_events_pill(struct render_app *a, int right, int y, const char *label, int button, int on)
{
	const struct render_layout_panels *p = &a->panels;
	int w = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_FONT_LINE, 0, label, &w, &h);
	SDL_Rect rc = { right - w - p->px_small, y, w + p->px_small, h };
	render_draw_round(a->ren, rc, h / 2, on ? RENDER_THEME_SELECT : 0x546E7AFFu);
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, 0xFFFFFFFFu, RENDER_FONT_LINE, 0, label,
			 rc.x + p->px_small / 2, y, NULL);
	render_app_hit_add(a, rc, RENDER_APP_HIT_BUTTON, button, 0);
	return rc.w;
}

/* The same look, only a mark (no click): what the wheel does there. */
static void render_events_mark(struct render_app *a, int right, int y, const char *key)
{
	const struct render_layout_panels *p = &a->panels;
	const char *label = render_app_text(a, key);
	int w = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_FONT_LINE, 0, label, &w, &h);
	SDL_Rect rc = { right - w - p->px_small, y, w + p->px_small, h };
	render_draw_round(a->ren, rc, h / 2, 0x546E7AFFu);
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, 0xFFFFFFFFu, RENDER_FONT_LINE, 0, label,
			 rc.x + p->px_small / 2, y, NULL);
}

/* The height a mark takes at the list's bottom, with its gap above. */
static int render_events_mark_h(struct render_app *a)
{
	return render_font_line_height(a->font, RENDER_FONT_BOLD, a->panels.px_small) + 2 * (a->panels.pad / 3);
}

/* A reply of several lines (an EHLO's 250- lines, an IMAP SELECT's
 * untagged lines) as its first line and how many follow, "(+6 lines)",
 * for a current row that would not fit the list whole.  Returns 1 if b
 * was shortened. */
int render_events_more(struct render_app *a, const char *rest, struct sbuf *b)
{
	int more = 0, message = 0;
	for (const char *q = rest ? strchr(rest, '\n') : NULL; q && q[1]; q = strchr(q + 1, '\n')) {
		size_t n = strcspn(q + 1, "\n");
		if (n == strlen("(message)") && memcmp(q + 1, "(message)", n) == 0)
			message = 1;
		else
			more++;
	}
	if (!more && !message)
		return 0;
	char n[16];
	snprintf(n, sizeof n, "%d", more);
	const char *args[] = { "n", n, NULL };
	i18n_format(a->cat[a->lang], !message ? "ui.events.lines" : more == 0 ? "ui.events.message"
				     : more == 1 ? "ui.events.message_line" : "ui.events.message_lines", args, b);
	return more + message;
}

int render_events_summarise(struct render_app *a, struct sbuf *b, char sep)
{
	char *nl = b->s ? strchr(b->s, '\n') : NULL;
	if (!nl)
		return 0;
	struct sbuf tail = { 0 };
	if (render_events_more(a, nl, &tail) < 2) {
		sbuf_free(&tail);
		return 0;
	}
	b->len = (size_t)(nl - b->s);
	b->s[b->len] = '\0';
	sbuf_addc(b, sep);
	sbuf_adds(b, tail.s ? tail.s : "");
	sbuf_free(&tail);
	return 1;
}

void render_events_flow(struct sbuf *b)
{
	struct sbuf out = { 0 };
	for (const char *s = b->s; s && *s;) {
		size_t n = strcspn(s, "\r\n");
		if (out.len)
			sbuf_adds(&out, RENDER_EVENTS_BREAK);
		sbuf_add(&out, s, n);
		s += n;
		s += strspn(s, "\r\n");
	}
	sbuf_reset(b);
	sbuf_adds(b, out.s ? out.s : "");
	sbuf_free(&out);
}

void render_events_row_text(struct render_app *a, const struct trace_rec *r, int current, struct sbuf *b)
{
	sbuf_reset(b);
	if (current == 1) {
		narrate_tell(a->sc, a->cat[a->lang], NARRATE_PREFIX, r, b);
		return;
	}
	narrate_tell(a->sc, a->cat[a->lang], RENDER_VIEW_PREFIX, r, b);
	if (r->kind == TR_REPLY)
		render_events_summarise(a, b, ' ');
	for (size_t i = 0; i < b->len; i++)   /* what spans lines on the wire is one line here */
		if (b->s[i] == '\n' || b->s[i] == '\r')
			b->s[i] = ' ';
}

/* One row: time, what happened (wrapped to the panel), and a hit box that
 * jumps there and opens the record layer by layer.  The current row tells
 * the narration's full sentence.  Every row is set at the list's size and
 * wrapped, a word wider than the row after its last mark (a URL, a
 * filter's token): a row is never set smaller than the others (issue 11,
 * review 20 B4: a long 550 reply went down to 12 px in presenter mode, 7
 * in the window).  A current row taller than fit pixels tells a reply of
 * several lines as its first line and how many follow; one still taller
 * grows, and the list shows its top (render_events_draw).  current 2 is
 * the current row told as the others are, for a list too short for the
 * narration's sentence (the caption band tells the moment anyway).
 * Returns the row's height; with measure set, only measures. */
static int render_events_row(struct render_app *a, SDL_Rect c, const struct trace_rec *r, int y, int tw,
                             int future, int current, size_t index, struct sbuf *b, int measure, int fit)
{
	const struct render_layout_panels *p = &a->panels;
	int tx = c.x + tw + p->pad / 2, w = c.w - tw - p->pad;
	render_events_row_text(a, r, current, b);
	int px = p->px_small, h = 0;
	render_font_size(a->font, RENDER_FONT_REGULAR, px, RENDER_FONT_WRAP, w, b->s, NULL, &h);
	if (fit > 0 && h > fit && r->kind == TR_REPLY && render_events_summarise(a, b, '\n'))
		render_font_size(a->font, RENDER_FONT_REGULAR, px, RENDER_FONT_WRAP, w, b->s, NULL, &h);
	if (measure)
		return h;
	if (current)
		a->events_px = px;
	SDL_Rect row = { c.x, y, c.w, h };
	if (y + h < c.y || y > c.y + c.h)
		return h;   /* off the panel: nothing to draw or click */
	if (current)
		render_draw_fill(a->ren, row, RENDER_THEME_HILITE);
	if (a->pdu_rec == (int)index && !future)
		render_draw_outline(a->ren, row, 2, RENDER_THEME_ACCENT);
	char t[32];
	render_view_time(r->t, t, sizeof t);
	render_font_draw(a->font, RENDER_FONT_MONO, p->px_small, future ? 0xA0A8B4FFu : RENDER_THEME_MUTED,
			 RENDER_FONT_LINE, 0, t, c.x, y, NULL);
	uint32_t col = r->kind == TR_BLOCKED || r->kind == TR_REFUSED || r->kind == TR_TIMEOUT ||
		r->kind == TR_BOUNCE || r->kind == TR_MUA_ERROR ? RENDER_THEME_BLOCK
		: r->kind == TR_DELIVER ? (r->u.box.folder == TRACE_FOLDER_JUNK ? RENDER_THEME_WARN : RENDER_THEME_OK)
		: r->kind == TR_REPLY && r->proto == PROTO_SMTP && r->u.line.code >= 500 ? RENDER_THEME_BLOCK
		: r->kind == TR_REPLY && r->proto == PROTO_SMTP && r->u.line.code >= 400 ? RENDER_THEME_WARN
		: RENDER_THEME_TEXT;
	if (future)
		col = 0x9AA3B0FFu;   /* what comes next, greyed: known from the run before stepping back */
	render_font_draw(a->font, RENDER_FONT_REGULAR, px, col, RENDER_FONT_WRAP, w, b->s, tx, y, NULL);
	SDL_Rect hit;
	if (SDL_IntersectRect(&row, &c, &hit))
		render_app_hit_add(a, hit, RENDER_APP_HIT_EVENT, (int)r->event, (int)index);
	return h;
}

/* The captions that fired at record i, stacked upwards from y; returns
 * the new y.  With draw, only those that lie whole in the list. */
static int render_events_captions(struct render_app *a, SDL_Rect c, size_t i, int y, int draw)
{
	const struct render_layout_panels *p = &a->panels;
	for (int k = a->sc->ncaptions; k-- > 0;) {
		if (a->caption_rec[k] != (int)i)
			continue;
		const char *text = render_view_caption_text(a, k);
		int ch = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_FONT_WRAP, c.w - p->pad, text, NULL, &ch);
		y -= ch + 4;
		if (!draw || y < c.y || y + ch + 2 > c.y + c.h)
			continue;   /* only whole: the caption band tells it anyway */
		render_draw_fill(a->ren, (SDL_Rect){ c.x, y, c.w, ch + 2 }, 0xE8F0FEFFu);
		render_draw_fill(a->ren, (SDL_Rect){ c.x, y, 4, ch + 2 }, RENDER_THEME_ACCENT);
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_ACCENT, RENDER_FONT_WRAP,
				 c.w - p->pad, text, c.x + p->pad / 2 + 4, y + 1, NULL);
	}
	return y;
}

/* The height of the line that says a caption under the current row goes
 * on in the caption band. */
static int render_events_cut_h(struct render_app *a)
{
	return render_font_line_height(a->font, RENDER_FONT_BOLD, a->panels.px_small) + 2;
}

/* The captions of record i cut to at most room pixels under its row:
 * their first lines, whole, then a line saying more follows -- for the
 * current row (tell set) that the caption band tells them whole in large
 * type, for an earlier row only "…" (the band tells the current moment).
 * Review 24 B1: a current row's caption taller than the list's room had
 * left the list blank but for the row at its top; issue 11: an earlier
 * row with its caption too tall for the room above the current one had
 * left that room blank (lesson 03 at 1.19 s, presenter mode at 1080p).
 * The current row's captions show a line at the least, an earlier row's
 * may show only the "…" line.  From top down, drawn with draw; returns
 * the height taken, 0 if not that much fits. */
static int render_events_captions_cut(struct render_app *a, SDL_Rect c, size_t i, int top, int room, int draw,
                                      int tell)
{
	const struct render_layout_panels *p = &a->panels;
	int lh = render_font_line_height(a->font, RENDER_FONT_BOLD, p->px_small), mark = render_events_cut_h(a);
	int y = top, left = room - mark - 2;
	if (left < (tell ? lh + 2 : 0))
		return 0;
	for (int k = 0; k < a->sc->ncaptions && left >= lh + 2; k++) {
		if (a->caption_rec[k] != (int)i)
			continue;
		const char *text = render_view_caption_text(a, k);
		int ch = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_FONT_WRAP, c.w - p->pad, text, NULL, &ch);
		int shown = ch + 2 <= left ? ch : (left - 2) / lh * lh;   /* whole lines */
		if (draw) {
			render_draw_fill(a->ren, (SDL_Rect){ c.x, y, c.w, shown + 2 }, 0xE8F0FEFFu);
			render_draw_fill(a->ren, (SDL_Rect){ c.x, y, 4, shown + 2 }, RENDER_THEME_ACCENT);
			SDL_Rect clip = { c.x, y, c.w, shown + 1 };
			SDL_RenderSetClipRect(a->ren, &clip);
			render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_ACCENT, RENDER_FONT_WRAP,
					 c.w - p->pad, text, c.x + p->pad / 2 + 4, y + 1, NULL);
			SDL_RenderSetClipRect(a->ren, &c);
		}
		y += shown + 4;
		left -= shown + 4;
	}
	int at = y > top ? y - 2 : y;   /* joined to the lines above it, or the first */
	if (draw) {
		SDL_Rect r = { c.x, at, c.w, mark };
		render_draw_fill(a->ren, r, 0xE8F0FEFFu);
		render_draw_fill(a->ren, (SDL_Rect){ c.x, r.y, 4, r.h }, RENDER_THEME_ACCENT);
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_FIT,
				 c.w - p->pad - 4, tell ? render_app_text(a, "ui.events.caption_more") : "…",
				 c.x + p->pad / 2 + 4, r.y + 1, NULL);
	}
	return at + mark - top;
}

/* After stepping back, the rows that come next stay below the current one
 * (greyed, clickable), taking up to 40 % of the panel and never the room
 * the current row needs (keep): the trace of the run that went furthest,
 * past the present's records.  Returns the top of that block. */
static int render_events_future(struct render_app *a, SDL_Rect c, size_t n, int tw, int keep, struct sbuf *b)
{
	size_t nahead = 0;
	const struct trace_rec *ahead = timeline_ahead(a->tl, &nahead);
	int room = c.h * 2 / 5 < c.h - keep ? c.h * 2 / 5 : c.h - keep, used = 0;
	size_t end = n;
	for (size_t i = n; i < nahead; i++) {
		if (!render_events_keeps(a->events_filter, &ahead[i]))
			continue;
		int h = render_events_row(a, c, &ahead[i], 0, tw, 1, 0, i, b, 1, 0);
		if (used + h > room)
			break;
		used += h;
		end = i + 1;
	}
	int y = c.y + c.h - used;
	for (size_t i = n; i < end; i++)
		if (render_events_keeps(a->events_filter, &ahead[i]))
			y += render_events_row(a, c, &ahead[i], y, tw, 1, 0, i, b, 0, 0);
	return c.y + c.h - used;
}

/* An earlier row (record i) whose captions do not fit with it in the room
 * above y: the row whole, its captions cut (their first lines and "…"),
 * or where not even the "…" fits, the row alone (issue 11: lesson 03 at
 * 1.19 s in presenter mode, lesson 12 at 65.443 s at 1280 x 720 with the
 * checks card in the right column: the list had shown "▲ earlier", a
 * blank, and the current row).  below is the captions' whole height.
 * Returns the new y, -1 if the row itself
 * does not fit (nothing drawn). */
static int render_events_squeezed(struct render_app *a, SDL_Rect c, const struct trace_rec *r, size_t i, int y,
                                  int below, int tw, struct sbuf *b)
{
	int rh = render_events_row(a, c, r, y, tw, 0, 0, i, b, 1, 0);
	int room = y - c.y - rh;
	if (room < 0)
		return -1;
	int cut = below > 0 ? render_events_captions_cut(a, c, i, 0, room, 0, 0) : 0;
	y -= cut;
	if (cut > 0)
		render_events_captions_cut(a, c, i, y, room, 1, 0);
	y -= rh;
	render_events_row(a, c, r, y, tw, 0, 0, i, b, 0, 0);
	a->events_before++;
	return y;
}

/* The index of the current row of the n told records tr, n if none: the
 * newest told record that is not quiet. */
static size_t render_events_current(const struct trace_rec *tr, size_t n)
{
	size_t newest = n;
	while (newest > 0 && trace_kinds[tr[newest - 1].kind].quiet)
		newest--;
	return newest > 0 ? newest - 1 : n;
}

int render_events_need(struct render_app *a, int w, int brief)
{
	const struct render_layout_panels *p = &a->panels;
	int th = render_font_line_height(a->font, RENDER_FONT_BOLD, p->px_small);
	int lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, p->px_small);
	int rows = (brief && a->presenter ? 3 : 4) * lh;
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	size_t cur = render_events_current(tr, n);
	if (cur == n)   /* nothing told yet: the list's one line, "no events" */
		rows = 2 * lh;
	else {
		/* As render_events_draw sets it (the content is the panel less
		 * its frame's padding, a long reply told short where it must):
		 * the narration's sentence up to six lines, else (or brief) the
		 * row told as the others are, which the list falls back to. */
		int tw = 0;
		render_font_size(a->font, RENDER_FONT_MONO, p->px_small, RENDER_FONT_LINE, 0, "0:00:00.000", &tw, NULL);
		SDL_Rect c = { 0, 0, w - 3 * p->pad, 0 };
		struct sbuf b = { 0 };
		int h = brief ? 0 : render_events_row(a, c, &tr[cur], 0, tw, 0, 1, cur, &b, 1, 1);
		if (brief || h > 6 * lh)
			h = render_events_row(a, c, &tr[cur], 0, tw, 0, 2, cur, &b, 1, 1);
		sbuf_free(&b);
		rows = h > rows ? h : rows;
	}
	return rows + th + 2 * p->pad;
}

void render_events_draw(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	SDL_Rect pr = p->events;
	SDL_Rect in = { pr.x + p->pad / 2, pr.y + p->pad / 2, pr.w - p->pad, pr.h - p->pad };
	render_draw_fill(a->ren, in, RENDER_THEME_PANEL);
	render_draw_outline(a->ren, in, 1, RENDER_THEME_PANEL_EDGE);
	render_app_hit_add(a, pr, RENDER_APP_HIT_PANEL, RENDER_APP_PANEL_EVENTS, 0);
	if (render_quiz_hides(a, SC_QUIZ_HIDE_EVENTS)) {
		render_quiz_hidden_note(a, (SDL_Rect){ in.x + p->pad, in.y + p->pad / 2, in.w - 2 * p->pad, in.h - p->pad });
		return;
	}
	size_t n = 0;
	/* the rows told so far: one event's rows are stepped one by one */
	const struct trace_rec *tr = render_view_trace(a, &n);
	size_t newest = render_events_current(tr, n);
	newest = newest < n ? newest + 1 : 0;
	/* The wheel scrolls back by shown rows; the newest told row is current. */
	if (a->scroll[RENDER_APP_PANEL_EVENTS] > 0) {
		/* No further back than the first row. */
		int shown = 0;
		for (size_t i = 0; i < newest; i++)
			shown += i + 1 == newest || render_events_keeps(a->events_filter, &tr[i]);
		if (a->scroll[RENDER_APP_PANEL_EVENTS] >= shown)
			a->scroll[RENDER_APP_PANEL_EVENTS] = shown > 0 ? shown - 1 : 0;
	}
	char sw[160];
	int key = a->events_filter == RENDER_EVENTS_KEY;
	snprintf(sw, sizeof sw, "%s (E)", render_app_text(a, key ? "ui.events.filter.key" : "ui.events.filter.all"));
	int ty = in.y + p->pad / 3;
	int swr = render_events_pill(a, in.x + in.w - p->pad / 2, ty, sw, RENDER_APP_BTN_EVENTS_FILTER, key);
	/* Scrolled back: the way to the present in the title row, beside the
	 * filter, where it hides no row (at the list's bottom right it had
	 * covered the end of the lowest row's text). */
	if (a->scroll[RENDER_APP_PANEL_EVENTS] > 0)
		swr += p->pad / 3 + render_events_pill(a, in.x + in.w - p->pad / 2 - swr - p->pad / 3, ty,
						       render_app_text(a, "ui.events.now"), RENDER_APP_BTN_EVENTS_NOW, 1);
	int th = 0;
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_FIT,
			 in.w - 2 * p->pad - swr, render_panels_title(a, "ui.panel.events", in.w - 2 * p->pad - swr),
			 in.x + p->pad, ty, &th);
	SDL_Rect c = { in.x + p->pad, in.y + th + p->pad / 2, in.w - 2 * p->pad, in.h - th - p->pad };
	SDL_RenderSetClipRect(a->ren, &c);
	int tw = 0;
	render_font_size(a->font, RENDER_FONT_MONO, p->px_small, RENDER_FONT_LINE, 0, "0:00:00.000", &tw, NULL);
	struct sbuf b = { 0 };
	/* The rows still to come after a step back, under the current one;
	 * not while scrolled back: the rows shown are consecutive, the lowest
	 * followed by the next one out of view (review 21 C3: "0:00:05.300"
	 * had been followed by the greyed "0:00:50.000", the rows between,
	 * the current one among them, out of view). */
	/* The current row needs its room first, whole, with a line of its
	 * captions and the line that says the rest is in the caption band
	 * (lesson 11 at 8.125 s in presenter mode, stopped at the caption on
	 * the session key with the TCP SYN of the same event still to come:
	 * the greyed SYN had left the current row no room, and the list
	 * showed nothing else). */
	int keep = 0;
	if (newest > 0) {
		int below = render_events_captions(a, c, newest - 1, 0, 0);
		keep = render_events_row(a, c, &tr[newest - 1], 0, tw, 0, 1, newest - 1, &b, 1, c.h) +
		       (below < 0 ? render_events_cut_h(a) * 2 + 4 : 0);
	}
	int y = a->scroll[RENDER_APP_PANEL_EVENTS] > 0 ? c.y + c.h : render_events_future(a, c, n, tw, keep, &b);
	/* Wheel down from the newest row scrolls into a current row taller
	 * than the list (a negative scroll: lines into it). */
	int into = a->scroll[RENDER_APP_PANEL_EVENTS] < 0 ? -a->scroll[RENDER_APP_PANEL_EVENTS] : 0;
	size_t skip = a->scroll[RENDER_APP_PANEL_EVENTS] > 0 ? (size_t)a->scroll[RENDER_APP_PANEL_EVENTS] : 0;
	a->events_px = 0;
	a->events_into = a->events_more = 0;
	a->events_cur = a->events_caption = (SDL_Rect){ 0, 0, 0, 0 };
	a->events_caption_cut = a->events_before = a->events_earlier = 0;
	a->events_room = c;
	int more = 0, earlier = 0;
	for (size_t i = newest; i-- > 0 && y > c.y;) {
		const struct trace_rec *r = &tr[i];
		int cur = i + 1 == newest;
		if (!cur && !render_events_keeps(a->events_filter, r))
			continue;
		if (skip > 0) {
			skip--;
			continue;
		}
		/* The current row shows whole: the list scrolls so that it and
		 * its captions fit, and if it alone is taller than the panel a
		 * long reply is told shorter (render_events_row); its captions,
		 * which the caption band above tells in large type, then go
		 * below it. */
		int below = y - render_events_captions(a, c, i, y, 0);
		int fit = cur ? c.h : 0;
		/* Only whole rows above the current one: a row's lower part had
		 * peeked out under the list's title. */
		if (!cur && y - below - render_events_row(a, c, r, y, tw, 0, 0, i, &b, 1, 0) < c.y) {
			earlier = 1;
			int top = render_events_squeezed(a, c, r, i, y, below, tw, &b);
			if (top < 0)
				break;
			y = top;
			continue;   /* a short row may still fit above it */
		}
		int tell = cur;
		int h = render_events_row(a, c, r, y, tw, 0, tell, i, &b, 1, fit);
		/* under it at the least a line of its captions and the line
		 * that says the rest is in the caption band */
		int least = below > 0 ? render_events_cut_h(a) * 2 + 4 : 0;
		if (cur && h + least > y - c.y) {
			/* Too long for the room above the rows still to come: the
			 * row as the others tell it, the caption band telling the
			 * narration's sentence (lesson 12's learning sentence ran
			 * to ten lines in presenter mode at 1280 x 720). */
			int hs = render_events_row(a, c, r, y, tw, 0, 2, i, &b, 1, fit);
			if (hs < h) {
				tell = 2;
				h = hs;
			}
		}
		/* Its captions too tall for the room the row leaves: cut to half
		 * of it (the other half shows the rows before), their first
		 * lines and a line saying the rest is in the caption band, which
		 * tells them whole (review 24 B1: lesson 04 at 100.35 s in
		 * presenter mode, the list had shown the current row alone at
		 * its top, no caption, no earlier row). */
		int cutting = cur && below > 0 && h + below > y - c.y, give = 0;
		if (cutting) {
			int room = y - c.y - h;
			give = room / 2 >= least ? room / 2 : room;
			int cut = render_events_captions_cut(a, c, i, 0, give, 0, 1);
			cutting = cut > 0;   /* no line of them fits: the row alone, at the top */
			below = cutting ? cut : below;
		}
		/* One still taller than the room left shows its top -- time and
		 * who -- not its tail, which the wheel brings up line by line;
		 * rows still to come, after a step back, keep their place. */
		if (cur && y - below - h < c.y && y == c.y + c.h) {
			y = c.y + h + below;
			if (h > c.h) {
				int lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, p->px_small);
				int over = h - c.h, shift = into * lh < over ? into * lh : over;
				a->events_into = (over + lh - 1) / lh;
				a->events_more = (over - shift + lh - 1) / lh;
				y -= shift;
				more = shift < over;
			}
		}
		if (cur && more) {
			/* The mark's line under the row, not on its text, and the
			 * row's last line shown whole or not at all. */
			int lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, p->px_small);
			int top = y - below - h, room = c.y + c.h - render_events_mark_h(a) - top;
			int bottom = top + (room > 0 ? room / lh * lh : 0);
			SDL_Rect shown = { c.x, c.y, c.w, bottom > c.y ? bottom - c.y : 0 };
			SDL_RenderSetClipRect(a->ren, &shown);
		}
		if (cutting) {
			y -= below;
			render_events_captions_cut(a, c, i, y, give, 1, 1);
		} else {
			int yc = render_events_captions(a, c, i, y, 1);
			if (cur && yc < y && yc >= c.y && y <= c.y + c.h)
				a->events_caption = (SDL_Rect){ c.x, yc, c.w, y - yc };
			y = yc;
		}
		if (cutting) {
			a->events_caption = (SDL_Rect){ c.x, y, c.w, below };
			a->events_caption_cut = 1;
		}
		y -= h;
		render_events_row(a, c, r, y, tw, 0, tell, i, &b, 0, fit);
		if (cur)
			a->events_cur = (SDL_Rect){ c.x, y, c.w, h };
		else if (y >= c.y)
			a->events_before++;
		if (cur && more)
			SDL_RenderSetClipRect(a->ren, &c);
	}
	if (newest == 0 && y == c.y + c.h)
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_body, RENDER_THEME_MUTED, RENDER_FONT_WRAP, c.w,
				 render_app_text(a, "ui.events.none"), c.x, c.y, NULL);
	/* An earlier row too tall for the room above the current one leaves
	 * that room empty (only whole rows show): say that rows came before
	 * and the wheel brings them (lesson 12 at 65.443 s, 1280 x 720: the
	 * list's top half was blank, as if nothing had happened yet). */
	if (earlier && y - c.y >= render_events_mark_h(a)) {
		render_events_mark(a, c.x + c.w, c.y + p->pad / 3, "ui.events.earlier");
		a->events_earlier = 1;
	}
	sbuf_free(&b);
	SDL_RenderSetClipRect(a->ren, NULL);
	/* The current row's tail below the list: a mark that more follows. */
	if (more)
		render_events_mark(a, c.x + c.w, c.y + c.h - render_events_mark_h(a) + p->pad / 3, "ui.events.more");
}
