/* render_input — keys and mouse.  Every change to the simulation goes
 * through render_app's timeline wrappers; everything else here changes only
 * the view (selection, zoom, panels, dialogs). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_events.h"
#include "render_fold.h"
#include "render_legend.h"
#include "render_pdu.h"
#include "render_mime.h"
#include "render_tabs.h"
#include "render_ui.h"

/* The speed ladder + and - walk. */
static const double render_input_speeds[] = { 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100 };
#define RENDER_INPUT_NSPEEDS (sizeof render_input_speeds / sizeof render_input_speeds[0])
/* A press that moves less than this is a click, not a drag. */
#define RENDER_INPUT_DRAG_PX 5

static void render_input_speed(struct render_app *a, int dir)
{
	size_t i = 0;
	while (i + 1 < RENDER_INPUT_NSPEEDS && render_input_speeds[i] < a->speed - 1e-9)
		i++;
	if (dir > 0 && render_input_speeds[i] <= a->speed + 1e-9 && i + 1 < RENDER_INPUT_NSPEEDS)
		i++;
	else if (dir < 0 && i > 0)
		i--;
	render_control_set_speed(a, render_input_speeds[i]);
}

static void render_input_open_picker(struct render_app *a)
{
	render_overlay_load_lessons(a);
	a->lesson_sel = 0;
	for (int i = 0; i < a->nlessons; i++)
		if (a->scenario_path && strcmp(a->lessons[i].path, a->scenario_path) == 0)
			a->lesson_sel = i;
	a->overlay = RENDER_APP_OVERLAY_PICKER;
}

static void render_input_open_lesson(struct render_app *a, int i)
{
	if (i < 0 || i >= a->nlessons)
		return;
	char *path = xstrdup(a->lessons[i].path);
	if (render_app_open(a, path) == 0)
		a->overlay = RENDER_APP_OVERLAY_NONE;
	free(path);
}

/* Whether the window is full screen, as the window manager says: it may
 * have changed it itself (a title bar button, a key of its own). */
static void render_input_sync_fullscreen(struct render_app *a)
{
	if (a->win)
		a->fullscreen = (SDL_GetWindowFlags(a->win) & SDL_WINDOW_FULLSCREEN) != 0;
}

static void render_input_fullscreen(struct render_app *a)
{
	if (!a->win)
		return;
	render_input_sync_fullscreen(a);
	a->fullscreen = !a->fullscreen;
	SDL_SetWindowFullscreen(a->win, a->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
}

static void render_input_screenshot(struct render_app *a)
{
	char path[512];
	snprintf(path, sizeof path, "mailsim-%s-%zu.png", a->sc->id ? a->sc->id : "shot",
		 sim_events_done(render_app_sim(a)));
	free(a->shot_pending);
	a->shot_pending = xstrdup(path);
}

static void render_input_play(struct render_app *a)
{
	if (!a->playing && sim_events_pending(render_app_sim(a)) == 0) {
		render_app_toast(a, render_app_text(a, "ui.toast.end"));
		return;
	}
	a->playing = !a->playing;
}

static void render_input_button(struct render_app *a, int id)
{
	switch ((enum render_app_button)id) {
	case RENDER_APP_BTN_PLAY: render_input_play(a); break;
	case RENDER_APP_BTN_BACK: render_control_back(a); break;
	case RENDER_APP_BTN_STEP: a->playing = 0; render_control_forward(a); break;
	case RENDER_APP_BTN_RESTART: render_control_restart(a); break;
	case RENDER_APP_BTN_SLOWER: render_input_speed(a, -1); break;
	case RENDER_APP_BTN_FASTER: render_input_speed(a, +1); break;
	case RENDER_APP_BTN_LANG: render_control_set_lang(a, a->lang == LANG_JA ? LANG_EN : LANG_JA); break;
	case RENDER_APP_BTN_COMPOSE:
		if (a->overlay == RENDER_APP_OVERLAY_COMPOSE)
			render_compose_close(a);
		else
			render_compose_open(a, -1);
		break;
	case RENDER_APP_BTN_LESSONS:
		if (a->overlay == RENDER_APP_OVERLAY_PICKER)
			a->overlay = RENDER_APP_OVERLAY_NONE;
		else
			render_input_open_picker(a);
		break;
	case RENDER_APP_BTN_HELP:
		a->overlay = a->overlay == RENDER_APP_OVERLAY_HELP ? RENDER_APP_OVERLAY_NONE : RENDER_APP_OVERLAY_HELP;
		break;
	case RENDER_APP_BTN_PRESENTER: a->presenter = !a->presenter; break;
	case RENDER_APP_BTN_SAVE: render_save_positions(a); break;
	case RENDER_APP_BTN_SEND: render_compose_submit(a); break;
	case RENDER_APP_BTN_CANCEL: render_compose_close(a); break;
	case RENDER_APP_BTN_FROM_HOST: render_compose_next_host(a); break;
	case RENDER_APP_BTN_AUTH: a->compose.auth = !a->compose.auth; break;
	case RENDER_APP_BTN_SIGN: a->compose.sign = !a->compose.sign; break;
	case RENDER_APP_BTN_ENCRYPT: a->compose.encrypt = !a->compose.encrypt; break;
	case RENDER_APP_BTN_CLOSE:
		if (a->overlay == RENDER_APP_OVERLAY_COMPOSE)
			render_compose_close(a);
		else
			a->overlay = RENDER_APP_OVERLAY_NONE;
		break;
	case RENDER_APP_BTN_FETCH:
		if (a->sel == RENDER_APP_SEL_HOST)
			render_control_fetch(a, a->sel_index);
		break;
	case RENDER_APP_BTN_CHART: render_chart_toggle(a); break;
	case RENDER_APP_BTN_LADDER: render_ladder_toggle(a); break;
	case RENDER_APP_BTN_NEXT_CAPTION: render_pace_next_caption(a); break;
	case RENDER_APP_BTN_NEXT_HOP: render_pace_next_hop(a); break;
	case RENDER_APP_BTN_PAUSE_CAPTIONS: render_pace_toggle(a); break;
	case RENDER_APP_BTN_CHECK: render_check_toggle(a); break;
	case RENDER_APP_BTN_SUMMARY: render_summary_toggle(a); break;
	case RENDER_APP_BTN_QUIZ_CONTINUE: render_quiz_continue(a); break;
	case RENDER_APP_BTN_QUIZ_CHOICE:   /* only from a click, which names the choice */
		break;
	case RENDER_APP_BTN_EVENTS_FILTER: render_events_toggle_filter(a); break;
	case RENDER_APP_BTN_EVENTS_NOW: render_events_follow(a); break;
	case RENDER_APP_BTN_LEGEND: a->legend = !a->legend; break;
	case RENDER_APP_BTN_PDU_CLOSE: render_pdu_close(a); break;
	case RENDER_APP_BTN_FOLD:   /* only from a click or a key, which names the panel */
	case RENDER_APP_BTN_SPAM:
	case RENDER_APP_BTN_HAM:   /* only from a click, which names the user */
	case RENDER_APP_BTN_MIME:  /* only from a click, which names the part */
		break;
	case RENDER_APP_BTN_COUNT:
	default:
		PANIC("unexpected button %d", id);
	}
}

static void render_input_picker_key(struct render_app *a, SDL_Keycode k)
{
	switch (k) {
	case SDLK_UP:
		if (a->lesson_sel > 0)
			a->lesson_sel--;
		break;
	case SDLK_DOWN:
		if (a->lesson_sel + 1 < a->nlessons)
			a->lesson_sel++;
		break;
	case SDLK_RETURN:
	case SDLK_KP_ENTER:
		render_input_open_lesson(a, a->lesson_sel);
		break;
	case SDLK_ESCAPE:
	case SDLK_o:
	case SDLK_TAB:
		a->overlay = RENDER_APP_OVERLAY_NONE;
		break;
	default:
		break;
	}
}

static void render_input_key(struct render_app *a, const SDL_KeyboardEvent *ke)
{
	SDL_Keycode k = ke->keysym.sym;
	int ctrl = (ke->keysym.mod & KMOD_CTRL) != 0;
	int shift = (ke->keysym.mod & KMOD_SHIFT) != 0;
	if (a->overlay == RENDER_APP_OVERLAY_PICKER) {
		render_input_picker_key(a, k);
		return;
	}
	if (a->overlay == RENDER_APP_OVERLAY_HELP && k != SDLK_l && k != SDLK_p && k != SDLK_f) {
		a->overlay = RENDER_APP_OVERLAY_NONE;
		return;
	}
	/* A question on screen takes the keys it needs (1-4, Space …). */
	if (a->overlay == RENDER_APP_OVERLAY_QUIZ && render_quiz_key(a, k))
		return;
	if (a->overlay == RENDER_APP_OVERLAY_CHECK && k != SDLK_l && k != SDLK_p && k != SDLK_f && k != SDLK_m &&
	    k != SDLK_F12) {
		render_check_close(a);   /* any other key closes it, as the help */
		return;
	}
	switch (k) {
	case SDLK_SPACE: render_input_play(a); break;
	case SDLK_RIGHT: render_input_button(a, RENDER_APP_BTN_STEP); break;
	case SDLK_LEFT: render_control_back(a); break;
	case SDLK_PLUS:
	case SDLK_KP_PLUS:
	case SDLK_EQUALS: render_input_speed(a, +1); break;
	case SDLK_MINUS:
	case SDLK_KP_MINUS: render_input_speed(a, -1); break;
	case SDLK_r: render_control_restart(a); break;
	case SDLK_l: render_input_button(a, RENDER_APP_BTN_LANG); break;
	case SDLK_f: render_input_fullscreen(a); break;
	case SDLK_p: a->presenter = !a->presenter; break;
	case SDLK_h:
	case SDLK_QUESTION: render_input_button(a, RENDER_APP_BTN_HELP); break;
	case SDLK_SLASH:
		if (shift)
			render_input_button(a, RENDER_APP_BTN_HELP);
		break;
	case SDLK_o:
	case SDLK_TAB: render_input_open_picker(a); break;
	case SDLK_c: render_compose_open(a, -1); break;
	case SDLK_t: render_chart_toggle(a); break;
	case SDLK_e: render_events_toggle_filter(a); break;
	case SDLK_g: a->legend = !a->legend; break;
	case SDLK_w: render_fold_toggle(a, RENDER_APP_PANEL_TRANSCRIPT); break;
	case SDLK_i: render_fold_toggle(a, RENDER_APP_PANEL_INSPECTOR); break;
	case SDLK_n: render_pace_next_caption(a); break;
	case SDLK_j: render_pace_next_hop(a); break;
	case SDLK_a: render_pace_toggle(a); break;
	case SDLK_k: render_check_toggle(a); break;
	case SDLK_m: render_summary_toggle(a); break;
	case SDLK_s:
		if (ctrl)
			render_save_positions(a);
		else
			render_ladder_toggle(a);
		break;
	case SDLK_q:
		if (ctrl)
			a->quit = 1;
		else
			render_quiz_toggle(a);
		break;
	case SDLK_0:
	case SDLK_KP_0: render_layout_reset_view(&a->layout); break;
	case SDLK_F12: render_input_screenshot(a); break;
	case SDLK_ESCAPE:
		if (a->fullscreen)
			render_input_fullscreen(a);
		else if (render_summary_shown(a))
			render_summary_set(a, 0);
		else if (a->pdu_rec >= 0 || a->pdu_conn >= 0)
			render_pdu_close(a);
		else
			render_app_select(a, RENDER_APP_SEL_NONE, -1);
		break;
	default:
		break;
	}
}

static void render_input_click(struct render_app *a, const struct render_app_hitbox *h)
{
	switch (h->kind) {
	case RENDER_APP_HIT_HOST: render_app_select(a, RENDER_APP_SEL_HOST, h->a); break;
	case RENDER_APP_HIT_ROUTER: render_app_select(a, RENDER_APP_SEL_ROUTER, h->a); break;
	case RENDER_APP_HIT_RULE: render_control_toggle_rule(a, h->a, h->b); break;
	case RENDER_APP_HIT_MSG:
		if (a->sel == RENDER_APP_SEL_MSG && a->sel_index == h->a)
			render_app_select(a, RENDER_APP_SEL_NONE, -1);
		else
			render_app_select(a, RENDER_APP_SEL_MSG, h->a);
		break;
	case RENDER_APP_HIT_EVENT:
		/* Go to that row and open the record layer by layer. */
		render_control_goto_row(a, (size_t)h->a, (size_t)h->b);
		render_pdu_open_record(a, h->b);
		break;
	case RENDER_APP_HIT_PACKET: render_pdu_open_conn(a, h->a); break;
	case RENDER_APP_HIT_TAB: render_tabs_pick(a, h->a, h->b); break;
	case RENDER_APP_HIT_BUTTON:
		if (h->a == RENDER_APP_BTN_LADDER)   /* a side of the switch: show that view */
			render_ladder_set(a, h->b);
		else if (h->a == RENDER_APP_BTN_QUIZ_CHOICE)   /* b: the choice */
			render_quiz_answer(a, h->b);
		else if ((h->a == RENDER_APP_BTN_SPAM || h->a == RENDER_APP_BTN_HAM) &&
		         a->sel == RENDER_APP_SEL_MSG)   /* b: whose copy */
			render_control_mark(a, h->b, a->sel_index, h->a == RENDER_APP_BTN_SPAM);
		else if (h->a == RENDER_APP_BTN_MIME)   /* b: which part of the card's tree */
			render_mime_toggle(a, h->b);
		else if (h->a == RENDER_APP_BTN_FOLD)   /* b: which panel */
			render_fold_toggle(a, h->b);
		else
			render_input_button(a, h->a);
		break;
	case RENDER_APP_HIT_LESSON:
		if (a->lesson_sel == h->a)
			render_input_open_lesson(a, h->a);
		else
			a->lesson_sel = h->a;
		break;
	case RENDER_APP_HIT_FIELD: a->compose.focus = h->a; break;
	case RENDER_APP_HIT_PORT:   /* a port, or 0: straight to the MX */
		a->compose.direct = h->a == 0;
		if (h->a)
			a->compose.port = h->a;
		break;
	case RENDER_APP_HIT_PANEL:
		if (h->a == RENDER_APP_PANEL_TOPO)
			render_app_select(a, RENDER_APP_SEL_NONE, -1);
		break;
	case RENDER_APP_HIT_FULL: render_inspector_full(a, h->a, h->b); break;
	case RENDER_APP_HIT_COUNT:
	default:
		PANIC("unexpected hit kind %d", (int)h->kind);
	}
}

static void render_input_press(struct render_app *a, int x, int y)
{
	a->press_x = a->mouse_x = x;
	a->press_y = a->mouse_y = y;
	a->drag_moved = 0;
	a->drag = RENDER_APP_DRAG_NONE;
	const struct render_app_hitbox *h = render_app_hit_at(a, x, y);
	if (!h) {
		/* A click outside a dialog closes it (not the compose dialog: text
		 * would be lost; not a question: the class must answer it). */
		if (a->overlay == RENDER_APP_OVERLAY_HELP || a->overlay == RENDER_APP_OVERLAY_PICKER ||
		    a->overlay == RENDER_APP_OVERLAY_CHECK)
			a->overlay = RENDER_APP_OVERLAY_NONE;
		else if (a->overlay == RENDER_APP_OVERLAY_QUIZ)
			render_quiz_continue(a);   /* the reveal: a click anywhere goes on */
		return;
	}
	if (h->kind == RENDER_APP_HIT_HOST) {
		a->drag = RENDER_APP_DRAG_HOST;
		a->drag_index = h->a;
	} else if (h->kind == RENDER_APP_HIT_ROUTER) {
		a->drag = RENDER_APP_DRAG_ROUTER;
		a->drag_index = h->a;
	} else if (h->kind == RENDER_APP_HIT_PANEL && h->a == RENDER_APP_PANEL_TOPO) {
		a->drag = RENDER_APP_DRAG_PAN;
	}
}

static void render_input_motion(struct render_app *a, int x, int y)
{
	int dx = x - a->mouse_x, dy = y - a->mouse_y;
	a->mouse_x = x;
	a->mouse_y = y;
	if (a->drag == RENDER_APP_DRAG_NONE)
		return;
	if (!a->drag_moved && abs(x - a->press_x) + abs(y - a->press_y) < RENDER_INPUT_DRAG_PX)
		return;
	if (!a->drag_moved) {
		/* The first motion past the threshold also moves by what came before. */
		dx = x - a->press_x;
		dy = y - a->press_y;
		a->drag_moved = 1;
	}
	float k = a->layout.k > 0 ? a->layout.k : 1;
	switch (a->drag) {
	case RENDER_APP_DRAG_PAN:
		render_layout_pan(&a->layout, (float)dx, (float)dy);
		break;
	case RENDER_APP_DRAG_HOST:
		a->layout.host[a->drag_index][0] += (float)dx / k;
		a->layout.host[a->drag_index][1] += (float)dy / k;
		a->layout.host_moved[a->drag_index] = 1;
		break;
	case RENDER_APP_DRAG_ROUTER:
		a->layout.router[a->drag_index][0] += (float)dx / k;
		a->layout.router[a->drag_index][1] += (float)dy / k;
		a->layout.router_moved[a->drag_index] = 1;
		break;
	case RENDER_APP_DRAG_NONE:
	case RENDER_APP_DRAG_COUNT:
	default:
		break;
	}
}

static void render_input_release(struct render_app *a, int x, int y)
{
	enum render_app_drag d = a->drag;
	int moved = a->drag_moved;
	a->drag = RENDER_APP_DRAG_NONE;
	if (moved) {
		if (d == RENDER_APP_DRAG_HOST || d == RENDER_APP_DRAG_ROUTER)
			render_app_toast(a, render_app_text(a, "ui.toast.moved"));
		return;
	}
	/* A click acts where it was pressed, if it was released on the same thing. */
	const struct render_app_hitbox *h = render_app_hit_at(a, a->press_x, a->press_y);
	const struct render_app_hitbox *h2 = render_app_hit_at(a, x, y);
	if (h && h2 && h->kind == h2->kind && h->a == h2->a && h->b == h2->b)
		render_input_click(a, h);
}

/* The panel under (x, y), below whatever else is there. */
static const struct render_app_hitbox *render_input_panel_at(const struct render_app *a, int x, int y)
{
	size_t from = a->overlay != RENDER_APP_OVERLAY_NONE ? a->hits_modal : 0;
	for (size_t i = a->nhits; i-- > from;)
		if (a->hits[i].kind == RENDER_APP_HIT_PANEL && render_draw_hit(a->hits[i].rc, x, y))
			return &a->hits[i];
	return NULL;
}

static void render_input_wheel(struct render_app *a, int wy)
{
	const struct render_app_hitbox *h = render_app_hit_at(a, a->mouse_x, a->mouse_y);
	/* Over a row, a long text, a card's tab or a switch in a panel: scroll
	 * the panel. */
	if (h && (h->kind == RENDER_APP_HIT_FULL || h->kind == RENDER_APP_HIT_EVENT || h->kind == RENDER_APP_HIT_TAB ||
		  (h->kind == RENDER_APP_HIT_BUTTON && a->overlay == RENDER_APP_OVERLAY_NONE)))
		h = render_input_panel_at(a, a->mouse_x, a->mouse_y);
	if (a->overlay == RENDER_APP_OVERLAY_PICKER) {
		a->lesson_sel -= wy;
		if (a->lesson_sel < 0)
			a->lesson_sel = 0;
		if (a->lesson_sel >= a->nlessons)
			a->lesson_sel = a->nlessons - 1;
		return;
	}
	if (!h || h->kind != RENDER_APP_HIT_PANEL) {
		/* Over a host or letter in the topology: still zoom. */
		if (h && (h->kind == RENDER_APP_HIT_HOST || h->kind == RENDER_APP_HIT_ROUTER ||
			  h->kind == RENDER_APP_HIT_MSG || h->kind == RENDER_APP_HIT_RULE || h->kind == RENDER_APP_HIT_PACKET))
			render_layout_zoom(&a->layout, wy > 0 ? 1.15f : 1 / 1.15f, (float)a->mouse_x, (float)a->mouse_y);
		return;
	}
	switch (h->a) {
	case RENDER_APP_PANEL_TOPO:
		render_layout_zoom(&a->layout, wy > 0 ? 1.15f : 1 / 1.15f, (float)a->mouse_x, (float)a->mouse_y);
		break;
	case RENDER_APP_PANEL_EVENTS:
	case RENDER_APP_PANEL_TRANSCRIPT:
		/* Wheel up goes back in time: lines scrolled back from the newest;
		 * down from the newest, into a current row taller than the event
		 * list (render_events_draw). */
		a->scroll[h->a] += wy * 3;
		if (a->scroll[h->a] < 0 && h->a == RENDER_APP_PANEL_EVENTS && a->scroll[h->a] < -a->events_into)
			a->scroll[h->a] = -a->events_into;
		else if (a->scroll[h->a] < 0 && h->a != RENDER_APP_PANEL_EVENTS)
			a->scroll[h->a] = 0;
		break;
	case RENDER_APP_PANEL_INSPECTOR:
		a->scroll[h->a] -= wy * 3;
		if (a->scroll[h->a] < 0)
			a->scroll[h->a] = 0;
		break;
	case RENDER_APP_PANEL_CARD:
		/* From where the card put itself (render_card_draw: the
		 * evidence of the moment in view), up as well as down; the card
		 * keeps it within its text. */
		a->scroll[h->a] -= wy * 3;
		break;
	default:
		break;
	}
}

void render_input_event(struct render_app *a, const SDL_Event *ev)
{
	if (a->overlay == RENDER_APP_OVERLAY_COMPOSE && render_compose_event(a, ev))
		return;
	float s = a->px_per_pt;
	switch (ev->type) {
	case SDL_QUIT:
		a->quit = 1;
		break;
	case SDL_WINDOWEVENT:
		/* A new size, perhaps the window manager's doing: the next frame
		 * lays out for it (render_app_draw reads the size every frame); the
		 * full-screen flag follows the window's, and a drag in progress
		 * ends, its start belonging to the old layout. */
		if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED || ev->window.event == SDL_WINDOWEVENT_RESIZED ||
		    ev->window.event == SDL_WINDOWEVENT_MAXIMIZED || ev->window.event == SDL_WINDOWEVENT_RESTORED) {
			render_input_sync_fullscreen(a);
			a->drag = RENDER_APP_DRAG_NONE;
		}
		break;
	case SDL_KEYDOWN:
		render_input_key(a, &ev->key);
		break;
	case SDL_MOUSEBUTTONDOWN:
		if (ev->button.button == SDL_BUTTON_LEFT)
			render_input_press(a, (int)((float)ev->button.x * s), (int)((float)ev->button.y * s));
		break;
	case SDL_MOUSEMOTION:
		render_input_motion(a, (int)((float)ev->motion.x * s), (int)((float)ev->motion.y * s));
		break;
	case SDL_MOUSEBUTTONUP:
		if (ev->button.button == SDL_BUTTON_LEFT)
			render_input_release(a, (int)((float)ev->button.x * s), (int)((float)ev->button.y * s));
		break;
	case SDL_MOUSEWHEEL:
		if (ev->wheel.y)
			render_input_wheel(a, ev->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -ev->wheel.y : ev->wheel.y);
		break;
	default:
		break;
	}
}
