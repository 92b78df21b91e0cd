/* render_fold — the protocol transcript (W) and the inspector (I) fold
 * away to a tab, giving their room to the event list and the letter card:
 * on a projector the class reads fewer, larger things.  A click on the tab
 * (or the key again) unfolds the panel. */
#ifndef MAILSIM_RENDER_FOLD_H
#define MAILSIM_RENDER_FOLD_H

#include <SDL.h>

struct render_app;

/* Fold or unfold panel (RENDER_APP_PANEL_TRANSCRIPT or _INSPECTOR; others
 * do not fold and are ignored). */
void render_fold_toggle(struct render_app *a, int panel);
/* Whether panel is folded this frame: by the teacher's hand (a->fold) or,
 * the inspector, by itself (render_fold_auto). */
int render_fold_shut(const struct render_app *a, int panel);
/* Decide whether the inspector folds itself this frame, having little to
 * show (a->insp_auto).  Call after the panels are laid out. */
void render_fold_auto(struct render_app *a);
/* Give the folded panels' room to their neighbours in a->panels, leaving
 * each folded one a tab's room.  Call after the panels are laid out. */
void render_fold_apply(struct render_app *a);
/* Draw the tabs of the folded panels. */
void render_fold_draw_tabs(struct render_app *a);
/* A fold button ("–") right-aligned at right in a panel's title row at y;
 * returns its width (draw 0: only measures). */
int render_fold_button(struct render_app *a, int panel, int right, int y, int draw);

#endif
