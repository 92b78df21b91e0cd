/* render_panels — the top bar (lesson, controls, clock), the protocol
 * transcript and the caption band.  The event list is render_events.c's,
 * the letter card render_card.c's. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "narrate.h"
#include "render_app.h"
#include "render_auth.h"
#include "render_card.h"
#include "render_draw.h"
#include "render_events.h"
#include "render_fold.h"
#include "render_mime.h"
#include "render_quiz.h"
#include "render_sniffer.h"
#include "render_tabs.h"
#include "render_theme.h"
#include "render_ui.h"
#include "render_view.h"
#include "render_view_row.h"

int render_panels_button(struct render_app *a, int x, int y, int h, const char *label,
                         int button, int active, uint32_t bg, uint32_t fg)
{
	return render_panels_button_for(a, x, y, h, label, button, 0, active, bg, fg);
}

int render_panels_button_for(struct render_app *a, int x, int y, int h, const char *label,
                             int button, int b, int active, uint32_t bg, uint32_t fg)
{
	int px = a->panels.px_body;
	int w = 0, th = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, label, &w, &th);
	int pad = px / 2 + 2;
	SDL_Rect rc = { x, y, w + 2 * pad, h };
	render_draw_round(a->ren, rc, h / 4, active ? RENDER_THEME_SELECT : bg);
	render_font_draw(a->font, RENDER_FONT_BOLD, px, fg, RENDER_FONT_LINE, 0, label, x + pad,
			 y + (h - th) / 2, NULL);
	render_app_hit_add(a, rc, RENDER_APP_HIT_BUTTON, button, b);
	return rc.w;
}

/* A top bar button at text size px (the bar's size, which steps down when
 * the buttons would not fit); returns its width. */
static int render_panels_bar_button(struct render_app *a, int x, int y, int h, int px, const char *label,
                                    int button, int active, uint32_t bg, uint32_t fg)
{
	int w = 0, th = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, label, &w, &th);
	int pad = px / 2 + 2;
	SDL_Rect rc = { x, y, w + 2 * pad, h };
	render_draw_round(a->ren, rc, h / 4, active ? RENDER_THEME_SELECT : bg);
	render_font_draw(a->font, RENDER_FONT_BOLD, px, fg, RENDER_FONT_LINE, 0, label, x + pad, y + (h - th) / 2, NULL);
	render_app_hit_add(a, rc, RENDER_APP_HIT_BUTTON, button, 0);
	return rc.w;
}

struct render_panels_bar_item {
	const char *key;
	int id;
	int active;
};

/* Width of a row of bar buttons at px, with gap pixels after each. */
static int render_panels_bar_width(struct render_app *a, const struct render_panels_bar_item *it, size_t n, int px,
                                   int gap)
{
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		int tw = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, render_app_text(a, it[i].key), &tw, NULL);
		w += tw + 2 * (px / 2 + 2) + gap;
	}
	return w;
}

/* The speed as the top bar shows it: ×N, and for a lesson that declares
 * its pace ("pace" in the file, simulated seconds per wall second at ×1)
 * what ×N plays, "×100 (100 s/s)". */
static void render_panels_speed_label(struct render_app *a, double speed, char *out, size_t outsz)
{
	char x[32], rate[32];
	snprintf(x, sizeof x, speed < 1 ? "×%.1f" : "×%.0f", speed);
	if (a->sc->pace_us <= 0) {
		snprintf(out, outsz, "%s", x);
		return;
	}
	double r = speed * (double)a->sc->pace_us / 1e6;
	snprintf(rate, sizeof rate, r >= 10 ? "%.0f" : "%.2g", r);
	const char *args[] = { "speed", x, "rate", rate, NULL };
	struct sbuf b = { 0 };
	i18n_format(a->cat[a->lang], "ui.speed_rate", args, &b);
	snprintf(out, outsz, "%s", b.s ? b.s : x);
	sbuf_free(&b);
}

/* The clock's size beside buttons set at px: a quarter larger, as the
 * monospace face's digits are a fifth lower than the bold face's capitals
 * at one size (review 20 B5: at 1280x720 in presenter mode the clock read
 * smaller than the buttons beside it), or as near that as room pixels
 * hold, px at the least (the buttons' size was chosen so that the clock
 * fits at px).  *w and *h get its size. */
static int render_panels_clock_size(struct render_app *a, int px, int room, const char *clock, int *w, int *h)
{
	int cpx = (px * 5 + 3) / 4;
	for (;; cpx--) {
		render_font_size(a->font, RENDER_FONT_MONO, cpx, RENDER_FONT_LINE, 0, clock, w, h);
		if (*w <= room || cpx <= px)
			return cpx;
	}
}

static void render_panels_top(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	SDL_Rect bar = p->top;
	render_draw_fill(a->ren, bar, RENDER_THEME_BAR);
	const char *title = sc_text_get(&a->sc->title, a->lang);
	title = title ? title : a->sc->id;
	SDL_Rect tl = p->title;
	a->title_cut = 0;
	if (tl.h > 0) {   /* the whole title on its own line */
		int th = 0, tw = 0, fw = 0;
		render_draw_fill(a->ren, tl, RENDER_THEME_BAR);
		render_font_size(a->font, RENDER_FONT_BOLD, p->px_lesson, RENDER_FONT_LINE, 0, title, &fw, NULL);
		render_font_size(a->font, RENDER_FONT_BOLD, p->px_lesson, RENDER_FONT_FIT, tl.w - 2 * p->pad, title, &tw, &th);
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_lesson, 0xFFFFFFFFu, RENDER_FONT_FIT, tl.w - 2 * p->pad,
				 title, tl.x + p->pad, tl.y + (tl.h - th) / 2, NULL);
		a->title_cut = tw < fw;
	}
	int pad = p->pad, bh = bar.h - 2 * (pad * 2 / 3), by = bar.y + pad * 2 / 3;
	const uint32_t btn = 0x37475FFFu, fg = 0xFFFFFFFFu;
	int moved = 0;
	for (int i = 0; i < a->layout.nhosts; i++)
		moved |= a->layout.host_moved[i];
	for (int i = 0; i < a->layout.nrouters; i++)
		moved |= a->layout.router_moved[i];
	struct render_panels_bar_item right[] = {
		{ "ui.btn.save", RENDER_APP_BTN_SAVE, 1 },   /* only while something was moved */
		{ "ui.btn.pause_captions", RENDER_APP_BTN_PAUSE_CAPTIONS, render_pace_pausing(a) },
		{ "ui.btn.check", RENDER_APP_BTN_CHECK, a->overlay == RENDER_APP_OVERLAY_CHECK },
		{ "ui.btn.chart", RENDER_APP_BTN_CHART, render_chart_shown(a) },
		{ "ui.btn.compose", RENDER_APP_BTN_COMPOSE, a->overlay == RENDER_APP_OVERLAY_COMPOSE },
		{ "ui.btn.lessons", RENDER_APP_BTN_LESSONS, a->overlay == RENDER_APP_OVERLAY_PICKER },
		{ "ui.btn.lang", RENDER_APP_BTN_LANG, 0 },
		{ "ui.btn.presenter", RENDER_APP_BTN_PRESENTER, a->presenter },
		{ "ui.btn.help", RENDER_APP_BTN_HELP, a->overlay == RENDER_APP_OVERLAY_HELP },
	};
	size_t first = moved ? 0 : 1, nright = sizeof right / sizeof right[0] - first;
	/* Controls and clock come before the title: the clock must always show,
	 * the title (also in the window's title bar) gets what is left. */
	struct sim *s = render_app_sim(a);
	const struct render_panels_bar_item ctl[] = {
		{ "ui.btn.restart", RENDER_APP_BTN_RESTART, 0 },
		{ "ui.btn.back", RENDER_APP_BTN_BACK, 0 },
		{ a->playing ? "ui.btn.pause" : "ui.btn.play", RENDER_APP_BTN_PLAY, a->playing },
		{ "ui.btn.step", RENDER_APP_BTN_STEP, 0 },
		{ "ui.btn.next_caption", RENDER_APP_BTN_NEXT_CAPTION, 0 },
		{ "ui.btn.next_hop", RENDER_APP_BTN_NEXT_HOP, 0 },
		{ "ui.btn.slower", RENDER_APP_BTN_SLOWER, 0 },
	};
	size_t nctl = sizeof ctl / sizeof ctl[0];
	const struct render_panels_bar_item faster = { "ui.btn.faster", RENDER_APP_BTN_FASTER, 0 };
	char t[32], clock[160];
	render_view_time(sim_now(s), t, sizeof t);
	snprintf(clock, sizeof clock, "%s %s  %s %zu", render_app_text(a, "ui.clock"), t,
		 render_app_text(a, "ui.event_no"), sim_events_done(s));
	/* The buttons' text steps down from body size until the bar holds
	 * them, the clock with the event count and (the summary picture, the
	 * title not on a line of its own) some of the title; where even 85 %
	 * of body size leaves no room for them, it starts again without the
	 * title and with the time alone, so that nothing overlaps on a small
	 * screen. */
	int px = p->px_body, rw = 0, cw = 0, sw = 0, sh = 0, reserve = tl.h ? 0 : p->px_title * 5, full = 1;
	for (;;) {
		rw = render_panels_bar_width(a, right + first, nright, px, pad / 2);
		cw = render_panels_bar_width(a, ctl, nctl, px, pad / 3) + render_panels_bar_width(a, &faster, 1, px, pad);
		char widest[96];
		render_panels_speed_label(a, 100, widest, sizeof widest);
		render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_LINE, 0, widest, &sw, &sh);
		int tw0 = 0;
		render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_LINE, 0, full ? clock : t, &tw0, NULL);
		cw += sw + pad;
		if (rw + cw + tw0 + 3 * pad + reserve <= bar.w || (!full && px <= 9))
			break;
		if (full && px <= p->px_body * 85 / 100) {
			reserve = full = 0;
			px = p->px_body;
			continue;
		}
		px = px * 92 / 100;
	}
	a->bar_px = px;
	int x = bar.x + bar.w - rw - pad;
	int right_x = x;
	for (size_t i = first; i < sizeof right / sizeof right[0]; i++)
		x += render_panels_bar_button(a, x, by, bh, px, render_app_text(a, right[i].key), right[i].id,
					      right[i].active, btn, fg) + pad / 2;
	/* The clock grows into the room the title (summary picture) leaves. */
	int clw = 0, clh = 0, room = right_x - bar.x - 2 * pad - cw;
	int cpx = render_panels_clock_size(a, px, room - reserve, clock, &clw, &clh);
	if (room < clw) {
		/* No room (presenter mode on a small screen): the time alone. */
		snprintf(clock, sizeof clock, "%s", t);
		cpx = render_panels_clock_size(a, px, room - reserve, clock, &clw, &clh);
	}
	int tw = right_x - bar.x - 2 * pad - cw - clw - pad;
	if (tw > bar.w * 22 / 100)
		tw = bar.w * 22 / 100;
	x = bar.x + pad;
	if (!tl.h)
		a->title_cut = 1;   /* the summary picture: its card tells the title whole */
	int fw = 0;
	if (!tl.h)
		render_font_size(a->font, RENDER_FONT_BOLD, p->px_title, RENDER_FONT_LINE, 0, title, &fw, NULL);
	/* Only whole: a cut title ("06 Bou…") names no lesson, and the summary's
	 * card tells the title whole anyway (review 20, C10). */
	if (!tl.h && fw <= tw) {
		int th = 0, dw = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, p->px_title, RENDER_FONT_FIT, tw, title, &dw, &th);
		a->title_cut = 0;
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_title, fg, RENDER_FONT_FIT, tw, title, x,
				 bar.y + (bar.h - th) / 2, NULL);
		x += fw + pad;
	}
	for (size_t i = 0; i < nctl; i++)
		x += render_panels_bar_button(a, x, by, bh, px, render_app_text(a, ctl[i].key), ctl[i].id, ctl[i].active,
					      ctl[i].id == RENDER_APP_BTN_PLAY ? 0x2E7D32FFu : btn, fg) + pad / 3;
	char speed[96];
	render_panels_speed_label(a, a->speed, speed, sizeof speed);
	render_font_draw(a->font, RENDER_FONT_MONO, px, fg, RENDER_FONT_LINE, 0, speed, x + pad / 3,
			 bar.y + (bar.h - sh) / 2, NULL);
	x += sw + pad;
	x += render_panels_bar_button(a, x, by, bh, px, render_app_text(a, faster.key), faster.id, 0, btn, fg) + pad;
	render_font_draw(a->font, RENDER_FONT_MONO, cpx, 0xFFE082FFu, RENDER_FONT_FIT,
			 right_x - x - pad > 0 ? right_x - x - pad : 1, clock, x, bar.y + (bar.h - clh) / 2, NULL);
}

/* Panels' titles with their shorter forms, longest first. */
static const char *const render_panels_titles[][3] = {
	{ "ui.panel.card", "ui.panel.card.short", NULL },
	{ "ui.panel.events", "ui.panel.events.short", "ui.panel.events.tiny" },
	{ "ui.panel.transcript", "ui.panel.transcript.short", "ui.panel.transcript.tiny" },
	{ "ui.panel.ladder", "ui.panel.ladder.short", "ui.panel.ladder.tiny" },
};

const char *render_panels_title(struct render_app *a, const char *key, int w)
{
	const char *const *forms = NULL;
	for (size_t i = 0; i < sizeof render_panels_titles / sizeof *render_panels_titles; i++)
		if (strcmp(render_panels_titles[i][0], key) == 0)
			forms = render_panels_titles[i];
	const char *text = render_app_text(a, key);
	for (int i = 1; forms && i < 3 && forms[i]; i++) {
		int tw = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, a->panels.px_small, RENDER_FONT_LINE, 0, text, &tw, NULL);
		if (tw < w)   /* FIT cuts a text as wide as its room */
			break;
		text = render_app_text(a, forms[i]);
	}
	return text;
}

/* A panel background with its title, leaving reserve pixels at the right
 * of the title row (for a switch); returns the content rectangle. */
SDL_Rect render_panels_frame(struct render_app *a, SDL_Rect rc, const char *title, int reserve)
{
	const struct render_layout_panels *p = &a->panels;
	SDL_Rect in = { rc.x + p->pad / 2, rc.y + p->pad / 2, rc.w - p->pad, rc.h - p->pad };
	render_draw_fill(a->ren, in, RENDER_THEME_PANEL);
	render_draw_outline(a->ren, in, 1, RENDER_THEME_PANEL_EDGE);
	int th = 0;
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_FIT,
			 in.w - 2 * p->pad - reserve, title, in.x + p->pad, in.y + p->pad / 3, &th);
	SDL_Rect content = { in.x + p->pad, in.y + th + p->pad / 2, in.w - 2 * p->pad, in.h - th - p->pad };
	return content;
}

static int render_panels_wire_kind(enum trace_kind k)
{
	return k == TR_CMD || k == TR_REPLY || k == TR_CONNECT || k == TR_ACCEPT || k == TR_BLOCKED ||
	       k == TR_REFUSED || k == TR_TIMEOUT || k == TR_CLOSE;
}

/* "── client → server :port PROTO ──" for the session of a C:/S: line r
 * (a command is told at the server, a reply at the client). */
static void render_panels_session_mark(struct render_app *a, const struct trace_rec *r, struct sbuf *out)
{
	int client = r->kind == TR_CMD ? r->peer : r->node, server = r->kind == TR_CMD ? r->node : r->peer;
	sbuf_addf(out, "── %s → %s ──", render_view_node_name(a, client), render_view_node_name(a, server));
}

/* One transcript line for a record: C:/S: lines as on the wire, the rest
 * as separators naming both ends. */
static uint32_t render_panels_wire_line(struct render_app *a, const struct trace_rec *r, struct sbuf *out)
{
	switch (r->kind) {
	case TR_CMD: {
		sbuf_adds(out, "C: ");
		size_t from = out->len;
		render_view_wire_text(a, r, out);
		/* A command is one line; the message itself ends with its dot. */
		size_t n = strcspn(out->s + from, "\n");
		out->len = from + n;
		out->s[out->len] = '\0';
		return RENDER_THEME_CMD;
	}
	case TR_REPLY:
		sbuf_adds(out, "S: ");
		render_view_wire_text(a, r, out);
		/* as on the map: "try later" amber, a refusal red */
		return r->u.line.code >= 500   ? RENDER_THEME_BLOCK
		       : r->u.line.code >= 400 ? RENDER_THEME_WARN
		                               : RENDER_THEME_REPLY;
	case TR_CONNECT:
		sbuf_addf(out, "── %s → %s :%d %s ──", render_view_node_name(a, r->node),
			  render_view_node_name(a, r->peer), r->port, proto_names[r->proto]);
		return RENDER_THEME_MUTED;
	case TR_BLOCKED:
	case TR_REFUSED:
	case TR_TIMEOUT:
		render_view_event_text(a, r, out);
		return RENDER_THEME_BLOCK;
	case TR_ACCEPT:
	case TR_CLOSE:
	default:
		render_view_event_text(a, r, out);
		return RENDER_THEME_MUTED;
	}
}

/* One transcript row of text in colour col with its bottom at y, the
 * newest one highlighted; returns its height.  A row wider than the panel
 * wraps rather than being cut (review 20 B9: "S: +OK mailsim POP3 serv…"
 * lost the greeting's timestamp, which APOP's digest is made from). */
static int render_panels_transcript_row(struct render_app *a, SDL_Rect c, const char *text, uint32_t col, int y,
                                        int newest)
{
	const struct render_layout_panels *p = &a->panels;
	int h = 0;
	render_font_size(a->font, RENDER_FONT_MONO, p->px_mono, RENDER_FONT_WRAP, c.w, text, NULL, &h);
	/* A URL broken after one of its marks ("open-spf.org/" | "Why?s=…")
	 * reads on; only a word cut between two letters counts as cut. */
	int cut = (render_font_wrap_cuts(a->font, RENDER_FONT_MONO, p->px_mono, c.w, text) & 4) != 0;
	a->row_cuts += cut;
	a->transcript_cut += cut;
	y -= h;
	if (y + h <= c.y)
		return h;
	if (newest)
		render_draw_fill(a->ren, (SDL_Rect){ c.x, y, c.w, h }, RENDER_THEME_HILITE);
	render_font_draw(a->font, RENDER_FONT_MONO, p->px_mono, col, RENDER_FONT_WRAP, c.w, text, c.x, y, NULL);
	return h;
}

static void render_panels_transcript(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	/* The switch to the sequence chart sits at the right of the title. */
	int fw = render_fold_button(a, RENDER_APP_PANEL_TRANSCRIPT, 0, 0, 0) + p->pad / 2;
	int sw = render_ladder_switch_width(a) + p->pad + fw;
	int ladder = render_ladder_shown(a);
	/* A panel too narrow for both (lesson 14 in presenter mode, beside the
	 * eavesdropper's panel): the switch goes on a row of its own under the
	 * title rather than over it. */
	int own_row = p->transcript.w - 2 * p->pad - sw < 8 * p->px_small;
	SDL_Rect c = render_panels_frame(a, p->transcript,
					 render_panels_title(a, ladder ? "ui.panel.ladder" : "ui.panel.transcript",
							     p->transcript.w - 3 * p->pad - (own_row ? 0 : sw)),
					 own_row ? 0 : sw);
	render_app_hit_add(a, p->transcript, RENDER_APP_HIT_PANEL, RENDER_APP_PANEL_TRANSCRIPT, 0);
	a->transcript_marks = a->transcript_cut = a->transcript_flowed = 0;
	int th = render_font_line_height(a->font, RENDER_FONT_BOLD, p->px_small);
	int ty = p->transcript.y + p->pad / 2 + p->pad / 3;
	if (own_row) {
		ty = c.y;
		c.y += th + p->pad / 3;
		c.h -= th + p->pad / 3;
	}
	render_fold_button(a, RENDER_APP_PANEL_TRANSCRIPT, p->transcript.x + p->transcript.w - p->pad, ty, 1);
	render_ladder_switch(a, p->transcript.x + p->transcript.w - p->pad - fw, ty, th, p->transcript.w - p->pad - fw);
	if (render_quiz_hides(a, SC_QUIZ_HIDE_WIRE)) {
		render_quiz_hidden_note(a, c);
		return;
	}
	if (ladder) {
		render_ladder_draw(a, c);
		return;
	}
	SDL_RenderSetClipRect(a->ren, &c);
	/* Newest at the bottom: the oldest row shown may not fit; its lines
	 * that do show, not half of one (lesson 14 at 100.130 s). */
	render_font_whole_lines(a->font, 1);
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	int only = a->sel == RENDER_APP_SEL_MSG ? a->sel_index : -1;
	int y = c.y + c.h;   /* the bottom of the rows drawn so far */
	int skip = a->scroll[RENDER_APP_PANEL_TRANSCRIPT];
	struct sbuf b = { 0 };
	int newest = 1;
	/* The newest line is lit only where it is the current row: lesson 09
	 * at 10.489 s, Alice's m1 stored, lit a bot session's "220 2.0.0
	 * Ready to start TLS", read as Alice's. */
	size_t cur = n;
	while (cur > 0 && trace_kinds[tr[cur - 1].kind].quiet)
		cur--;
	const struct trace_rec *below = NULL;   /* the C:/S: line drawn under this one */
	for (size_t i = n; i-- > 0 && y > c.y;) {
		const struct trace_rec *r = &tr[i];
		if (!render_panels_wire_kind(r->kind))
			continue;
		if (only >= 0 && r->msg != only)
			continue;
		if (skip > 0) {
			skip--;
			newest = 0;
			continue;
		}
		if (below && below->conn != r->conn) {
			/* Two sessions at once (lesson 07: ISP A relays to ISP B and
			 * ISP C): the line under here is the other session's.  Also
			 * under another session's opening, acceptance or close (lesson
			 * 08: the bot's QUIT right under "── corp1 → ISP B ──" read
			 * as corp1's, before ISP B's greeting; review 24). */
			sbuf_reset(&b);
			render_panels_session_mark(a, below, &b);
			y -= render_panels_transcript_row(a, c, b.s, RENDER_THEME_MUTED, y, 0);
			a->transcript_marks++;
		}
		below = r->kind == TR_CMD || r->kind == TR_REPLY ? r : NULL;
		sbuf_reset(&b);
		uint32_t col = render_panels_wire_line(a, r, &b);
		/* A reply of several lines shows whole while it is the newest row
		 * and fits; else its first line and how many follow, so that the
		 * lines before it stay in view. */
		if (r->kind == TR_REPLY && strchr(b.s, '\n')) {
			int h = 0;
			render_font_size(a->font, RENDER_FONT_MONO, p->px_mono, RENDER_FONT_WRAP, c.w, b.s, NULL, &h);
			/* one the caption names runs on in a paragraph where that
			 * fits (lesson 14 at 130.182 s: "the old ISP C server's CAPA
			 * lists no STLS", and the transcript said "S: +OK (+9 lines)") */
			char verb[16] = "";   /* (a reply's is the step it answers, "capa") */
			for (size_t k = 0; r->u.line.verb && r->u.line.verb[k] && k + 1 < sizeof verb; k++)
				verb[k] = (char)toupper((unsigned char)r->u.line.verb[k]);
			int fold = !newest || h > c.h * 2 / 3;
			if (fold && render_view_caption_names(a, verb)) {
				struct sbuf f = { 0 };
				sbuf_adds(&f, b.s);
				render_events_flow(&f);
				render_font_size(a->font, RENDER_FONT_MONO, p->px_mono, RENDER_FONT_WRAP, c.w, f.s, NULL, &h);
				if (h <= y - c.y) {   /* whole, or not at all */
					a->transcript_flowed++;
					sbuf_reset(&b);
					sbuf_adds(&b, f.s);
				}
				sbuf_free(&f);
			}
			if (strchr(b.s, '\n') && fold)
				render_events_summarise(a, &b, ' ');
		}
		y -= render_panels_transcript_row(a, c, b.s, col, y, newest && i + 1 == cur);
		newest = 0;
	}
	sbuf_free(&b);
	render_font_whole_lines(a->font, 0);
	SDL_RenderSetClipRect(a->ren, NULL);
}

/* The caption band's text: the caption of what just happened, else the
 * lesson's summary. */
static const char *render_panels_caption_text(struct render_app *a)
{
	if (render_quiz_hides(a, SC_QUIZ_HIDE_CAPTION))
		return render_app_text(a, "ui.quiz.hidden");
	int k = render_view_caption(a);
	const char *text = k >= 0 ? render_view_caption_text(a, k) : NULL;
	if (!text || !*text) {
		const char *sum = sc_text_get(&a->sc->summary, a->lang);
		return sum ? sum : "";
	}
	int other = render_view_caption_other(a, k);
	if (other < 0)
		return text;
	/* about another message than the card's: say which */
	const char *args[] = { "msg", render_view_msg_tag(a, other), "text", text, NULL };
	sbuf_reset(&a->caption_about);
	i18n_format(a->cat[a->lang], "ui.caption.about", args, &a->caption_about);
	return a->caption_about.s ? a->caption_about.s : text;
}

void render_panels_fit_caption(struct render_app *a)
{
	struct render_layout_panels *p = &a->panels;
	int h = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_caption_min, RENDER_FONT_WRAP, p->caption.w - 2 * p->pad,
			 render_panels_caption_text(a), NULL, &h);
	/* At its least size the caption does not fit its band: the band grows
	 * down into the event list and the transcript first (the list keeps
	 * its title and the current row whole, four lines at the least:
	 * render_events_need; review 21 B6: lesson 07's nine-line opening
	 * caption at 1824 x 1026 had left it one row; the transcript keeps
	 * its title and two rows),
	 * then into the network picture, by at most a third of it: the map's
	 * names and boxes keep their room (presenter mode's map is small and
	 * its names large; at 1280 x 720 a 16 px caption takes five lines). */
	int extra = h + p->pad - p->caption.h;
	if (extra > 0) {
		/* (the event list under the letter card, render_fold_apply, keeps its place) */
		int row = p->events.x < p->caption.x + p->caption.w;
		int keep = 4 * p->px_body + 2 * p->pad, need = row ? render_events_need(a, p->events.w, 1) : 0;
		int spare = (row ? p->events.h : p->transcript.h) - (need > keep ? need : keep);
		int take = extra < spare ? extra : spare;
		if (take > 0) {
			p->caption.h += take;
			if (row) {
				p->events.y += take;
				p->events.h -= take;
			}
			p->transcript.y += take;
			p->transcript.h -= take;
			extra -= take;
		}
	}
	if (extra > p->topo.h / 3)
		extra = p->topo.h / 3;
	if (extra <= 0)
		return;
	p->topo.h -= extra;
	p->caption.y -= extra;
	p->caption.h += extra;
}

static void render_panels_caption(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	SDL_Rect rc = p->caption;
	render_draw_fill(a->ren, rc, 0x263238FFu);
	const char *text = render_panels_caption_text(a);
	SDL_RenderSetClipRect(a->ren, &rc);
	int px = p->px_caption, h = 0;
	/* Step the size down until the caption fits its band, not below its
	 * floor (render_panels_fit_caption made the band tall enough there). */
	for (;;) {
		render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_WRAP, rc.w - 2 * p->pad, text, NULL, &h);
		if (h <= rc.h - p->pad || px <= p->px_caption_min)
			break;
		px = px * 9 / 10 > p->px_caption_min ? px * 9 / 10 : p->px_caption_min;
	}
	a->caption_px = px;
	int w = render_font_draw(a->font, RENDER_FONT_BOLD, px, 0xFFFFFFFFu, RENDER_FONT_WRAP,
				 rc.w - 2 * p->pad, text, rc.x + p->pad, rc.y + (rc.h - h) / 2, NULL);
	a->caption_text = (SDL_Rect){ rc.x + p->pad, rc.y + (rc.h - h) / 2, w, h };
	SDL_RenderSetClipRect(a->ren, NULL);
}

void render_panels_draw(struct render_app *a)
{
	if (!render_summary_shown(a)) {   /* the summary picture has its legend instead */
		render_panels_caption(a);
		render_events_draw(a);
		if (!render_fold_shut(a, RENDER_APP_PANEL_TRANSCRIPT) && a->panels.transcript.h > 0)   /* (render_dock_take_row) */
			render_panels_transcript(a);
		render_sniffer_draw(a);
		render_card_draw(a);
	}
	render_panels_top(a);
}
