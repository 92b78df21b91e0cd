/* render_fold — folding the transcript and the inspector (render_fold.h). */
#include "render_fold.h"

#include <stdio.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_theme.h"

static int render_fold_foldable(int panel)
{
	return panel == RENDER_APP_PANEL_TRANSCRIPT || panel == RENDER_APP_PANEL_INSPECTOR;
}

void render_fold_toggle(struct render_app *a, int panel)
{
	if (!render_fold_foldable(panel))
		return;
	a->fold[panel] = !a->fold[panel];
	a->scroll[panel] = 0;
}

/* A tab's thickness: one line of small text with its padding. */
static int render_fold_tab(const struct render_app *a)
{
	return a->panels.px_small * 2 + a->panels.pad;
}

void render_fold_apply(struct render_app *a)
{
	struct render_layout_panels *p = &a->panels;
	int tab = render_fold_tab(a);
	if (a->fold[RENDER_APP_PANEL_TRANSCRIPT] && p->transcript.w > tab) {
		p->events.w += p->transcript.w - tab;
		p->transcript.x = p->events.x + p->events.w;
		p->transcript.w = tab;
	}
	if (a->fold[RENDER_APP_PANEL_INSPECTOR] && p->inspector.h > tab) {
		p->card.h += p->inspector.h - tab;
		p->inspector.y = p->card.y + p->card.h;
		p->inspector.h = tab;
	}
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
	if (a->fold[RENDER_APP_PANEL_TRANSCRIPT])
		render_fold_tab_draw(a, RENDER_APP_PANEL_TRANSCRIPT, p->transcript, "◀W");
	if (a->fold[RENDER_APP_PANEL_INSPECTOR]) {
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
