/* render_fold — folding the transcript and the inspector (render_fold.h). */
#include "render_fold.h"

#include <stdio.h>

#include "render_app.h"
#include "render_card.h"
#include "render_chart.h"
#include "render_draw.h"
#include "render_filter.h"
#include "render_ladder.h"
#include "render_sniffer.h"
#include "render_theme.h"
#include "render_ui.h"
#include "render_verdict.h"

static int render_fold_foldable(int panel)
{
	return panel == RENDER_APP_PANEL_TRANSCRIPT || panel == RENDER_APP_PANEL_INSPECTOR;
}

/* Does the lesson open the inspector by itself: a spam filter's verdicts
 * (lesson 12) or the totals chart from the start (lesson 09)? */
static int render_fold_opens_itself(const struct render_app *a)
{
	if (a->sc->narrate_captions)
		return 1;
	for (int u = 0; u < a->sc->nusers; u++)
		if (a->sc->users[u].filter)
			return 1;
	return 0;
}

/* Presenter mode's transcript starts folded: the event list under the
 * letter card tells each command and reply, and the map, whose names are
 * large there, gets the bottom row's height (lessons 11 and 13 had routes
 * squeezed past other routers and boxes at 1280 x 720 and 1920 x 1080).
 * Not in a lesson with an eavesdropper (its panel beside the transcript
 * shows what the wire carries, the lesson's point), nor in one whose
 * inspector opens by itself: the event list then goes back to the bottom
 * row, and the map would be laid out again in mid-lesson. */
static int render_fold_pres_default(const struct render_app *a)
{
	return a->presenter && a->sc && !render_sniffer_shown(a) && !render_fold_opens_itself(a);
}

void render_fold_toggle(struct render_app *a, int panel)
{
	if (!render_fold_foldable(panel))
		return;
	a->scroll[panel] = 0;
	if (panel == RENDER_APP_PANEL_TRANSCRIPT && render_fold_pres_default(a)) {
		a->pres_transcript = render_fold_shut(a, panel);
		if (!a->pres_transcript && render_ladder_shown(a))
			render_ladder_set(a, 0);   /* shown for the sequence chart: folds with it */
		return;
	}
	if (panel == RENDER_APP_PANEL_INSPECTOR && !a->fold[panel] && a->insp_auto) {
		/* Folded by itself: the teacher's hand opens it, for good. */
		a->insp_keep = 1;
		a->insp_auto = 0;
		return;
	}
	a->fold[panel] = !a->fold[panel];
	if (panel == RENDER_APP_PANEL_INSPECTOR)
		a->insp_keep = !a->fold[panel];
}

int render_fold_shut(const struct render_app *a, int panel)
{
	if (panel == RENDER_APP_PANEL_TRANSCRIPT && render_fold_pres_default(a))
		return !a->pres_transcript && !render_ladder_shown(a);   /* the sequence chart asked for: shown */
	return a->fold[panel] || (panel == RENDER_APP_PANEL_INSPECTOR && a->insp_auto);
}

/* Issue 11: the inspector with nothing selected holds a hint and the list
 * of messages, and the bottom row beside it was cut ("Bob's lapt…", "+OK
 * Begin TLS negoti…", the event list 1½ rows high, lesson 14 in presenter
 * mode).  It folds itself then, in both modes (a click on the map opens it
 * with what was clicked, I with the list).  Outside presenter mode it had
 * folded only while its list filled under half the panel, so that in
 * lessons 02, 04 and 06 it opened in mid-lesson and the event list jumped
 * from the right column to the bottom row (review 22, C7).  Not while it
 * holds something: a selection, a packet opened layer by layer, a
 * filter's verdict or plot, the totals chart. */
void render_fold_auto(struct render_app *a)
{
	a->insp_auto = !(a->insp_keep || a->fold[RENDER_APP_PANEL_INSPECTOR] || a->sel != RENDER_APP_SEL_NONE ||
	                 a->pdu_rec >= 0 || a->pdu_conn >= 0 || render_verdict_msg(a) >= 0 || render_filter_any(a) ||
	                 render_chart_shown(a));
}

/* A tab's thickness: one line of small text with its padding. */
static int render_fold_tab(const struct render_app *a)
{
	return a->panels.px_small * 2 + a->panels.pad;
}

/* A lying tab's height: a line of its label, with the padding. */
static int render_fold_tab_h(struct render_app *a)
{
	return render_font_line_height(a->font, RENDER_FONT_BOLD, a->panels.px_small) + a->panels.pad;
}

/* Outside presenter mode (whose short letter grows to fill its panel) the
 * card gives the panel under it (the inspector, or the event list in the
 * folded inspector's room) what it does not need (lesson 13 at 1080p: a
 * third of the card empty beside a list of 4 rows), in eighths of the
 * column so that it does not move at every step. */
static void render_fold_card_gives(struct render_app *a)
{
	struct render_layout_panels *p = &a->panels;
	int col = p->inspector.y + p->inspector.h - p->card.y, eighth = col / 8;
	if (a->presenter || eighth <= 0)
		return;
	int need = (render_card_need(a) + eighth - 1) / eighth * eighth;
	need = need < 3 * eighth ? 3 * eighth : need;
	if (need < p->card.h) {
		p->inspector.y -= p->card.h - need;
		p->inspector.h += p->card.h - need;
		p->card.h = need;
	}
}

/* The folded inspector's room goes to the event list, which moves up
 * under the letter card (in 1080p's window it had shown 4 or 5 rows, in
 * presenter mode 1 or 2), and the event list's to the transcript or the
 * sequence chart beside the eavesdropper (their names and lines had been
 * cut: "Bob's lapt…", "+OK Begin TLS negoti…").  The inspector's tab lies
 * under the list, at the right column's foot.  With the transcript folded
 * too, the list keeps the bottom row and the card takes the column. */
static void render_fold_inspector(struct render_app *a, int tab, int transcript_folded)
{
	struct render_layout_panels *p = &a->panels;
	if (transcript_folded || p->inspector.h <= 2 * tab) {
		p->card.h += p->inspector.h - tab;
		p->inspector.y = p->card.y + p->card.h;
		p->inspector.h = tab;
		return;
	}
	a->fold_ew = p->events.w;
	a->fold_tw = p->transcript.w;
	/* the transcript and the eavesdropper's panel right of it widen alike */
	int row = p->inspector.x - p->events.x, rest = p->inspector.x - p->transcript.x;
	if (rest > 0)
		p->transcript.w = p->transcript.w * row / rest;
	p->transcript.x = p->events.x;
	render_fold_card_gives(a);
	p->events = (SDL_Rect){ p->inspector.x, p->inspector.y, p->inspector.w, p->inspector.h - tab };
	p->inspector.y += p->events.h;
	p->inspector.h = tab;
}

/* Presenter mode with both folded: the event list under the letter card,
 * and the bottom row's height to the map and the caption, the
 * transcript's tab lying across the foot of the map's column. */
static void render_fold_both(struct render_app *a)
{
	struct render_layout_panels *p = &a->panels;
	int th = render_fold_tab_h(a), grow = p->events.h - th;
	if (grow <= 0)
		return;
	p->topo.h += grow;
	p->caption.y += grow;
	p->transcript = (SDL_Rect){ p->events.x, p->events.y + grow, p->inspector.x - p->events.x, th };
	p->events = (SDL_Rect){ p->inspector.x, p->inspector.y, p->inspector.w, p->inspector.h - th };
	p->inspector.y += p->events.h;
	p->inspector.h = th;
	a->fold_both = 1;
}

void render_fold_apply(struct render_app *a)
{
	struct render_layout_panels *p = &a->panels;
	int tab = render_fold_tab(a);
	int transcript = render_fold_shut(a, RENDER_APP_PANEL_TRANSCRIPT);
	if (transcript && a->presenter && render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR) && p->inspector.h > tab &&
	    !render_ladder_shown(a)) {
		render_fold_both(a);
		return;
	}
	if (transcript && p->transcript.w > tab) {
		p->events.w += p->transcript.w - tab;
		p->transcript.x = p->events.x + p->events.w;
		p->transcript.w = tab;
	}
	if (render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR) && p->inspector.h > tab)
		render_fold_inspector(a, render_fold_tab_h(a), transcript);
	else if (!render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR))
		render_fold_card_gives(a);
}

/* A tab: a dark strip with a label (vertical strips stack the label's
 * characters one under another), a click away from unfolding. */
static void render_fold_tab_draw(struct render_app *a, int panel, SDL_Rect rc, const char *label)
{
	const struct render_layout_panels *p = &a->panels;
	SDL_Rect in = { rc.x + p->pad / 2, rc.y + p->pad / 2, rc.w - p->pad, rc.h - p->pad };
	render_draw_round(a->ren, in, p->radius, 0x37474FFFu);
	int w = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_FONT_WRAP, in.w > in.h ? in.w : 1, label, &w, &h);
	SDL_RenderSetClipRect(a->ren, &in);
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, 0xFFFFFFFFu, RENDER_FONT_WRAP, in.w > in.h ? in.w : 1,
			 label, in.x + (in.w - w) / 2, in.y + (in.h - h) / 2, NULL);
	SDL_RenderSetClipRect(a->ren, NULL);
	render_app_hit_add(a, rc, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_FOLD, panel);
}

void render_fold_draw_tabs(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	if (render_fold_shut(a, RENDER_APP_PANEL_TRANSCRIPT)) {
		char label[160] = "◀W";
		if (p->transcript.w > p->transcript.h)   /* across the map's foot (render_fold_both) */
			snprintf(label, sizeof label, "▲ %s (W)", render_app_text(a, "ui.panel.transcript.tab"));
		render_fold_tab_draw(a, RENDER_APP_PANEL_TRANSCRIPT, p->transcript, label);
	}
	if (render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR)) {
		char label[160];
		snprintf(label, sizeof label, "▲ %s (I)", render_app_text(a, "ui.panel.inspector"));
		render_fold_tab_draw(a, RENDER_APP_PANEL_INSPECTOR, p->inspector, label);
	}
}

int render_fold_button(struct render_app *a, int panel, int right, int y, int draw)
{
	const struct render_layout_panels *p = &a->panels;
	const char *label = panel == RENDER_APP_PANEL_TRANSCRIPT ? "▶W" : "▼I";
	int w = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_FONT_LINE, 0, label, &w, &h);
	SDL_Rect rc = { right - w - p->px_small / 2, y, w + p->px_small / 2, h };
	if (draw) {
		render_draw_round(a->ren, rc, h / 3, 0x78909CFFu);
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, 0xFFFFFFFFu, RENDER_FONT_LINE, 0, label,
				 rc.x + p->px_small / 4, y, NULL);
		render_app_hit_add(a, rc, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_FOLD, panel);
	}
	return rc.w;
}
