/* render_app — one GUI session: set-up, the lesson and its timeline, the
 * selection, hit boxes, and the frame that the drawing modules fill (what
 * acts on the run is render_control.c). */
#include "render_app.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_card.h"
#include "render_dock.h"
#include "render_draw.h"
#include "render_fold.h"
#include "render_legend.h"
#include "render_links.h"
#include "render_region.h"
#include "render_pdu.h"
#include "render_route_memo.h"
#include "render_mime.h"
#include "render_filter.h"
#include "render_sniffer.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_ui.h"
#include "render_view.h"
#include "render_wrap.h"

const char *const render_app_sel_names[RENDER_APP_SEL_COUNT] = { "none", "msg", "host", "router" };
_Static_assert(sizeof render_app_sel_names / sizeof *render_app_sel_names == RENDER_APP_SEL_COUNT,
	       "sel names");
const char *const render_app_hit_names[RENDER_APP_HIT_COUNT] = {
	"host", "router", "rule", "msg", "event", "button", "lesson", "field", "port", "panel", "full",
	"packet", "tab",
};
_Static_assert(sizeof render_app_hit_names / sizeof *render_app_hit_names == RENDER_APP_HIT_COUNT,
	       "hit names");

const char *const render_app_button_names[RENDER_APP_BTN_COUNT] = {
	"play", "back", "step", "restart", "slower", "faster", "lang", "compose", "lessons", "help",
	"presenter", "save", "send", "cancel", "from_host", "auth", "close", "fetch", "spam", "ham",
	"chart", "ladder", "next_caption", "next_hop", "pause_captions", "check", "summary", "quiz_choice",
	"quiz_continue", "sign", "encrypt", "mime", "events_filter", "events_now", "fold", "legend",
	"pdu_close",
};
_Static_assert(sizeof render_app_button_names / sizeof *render_app_button_names == RENDER_APP_BTN_COUNT,
	       "button names");
const char *const render_app_panel_names[RENDER_APP_PANEL_COUNT] = {
	"topo", "events", "transcript", "inspector", "card", "picker",
};
_Static_assert(sizeof render_app_panel_names / sizeof *render_app_panel_names == RENDER_APP_PANEL_COUNT,
	       "panel names");
const char *const render_app_overlay_names[RENDER_APP_OVERLAY_COUNT] = { "none", "help", "picker", "compose", "quiz",
	"check" };
_Static_assert(sizeof render_app_overlay_names / sizeof *render_app_overlay_names == RENDER_APP_OVERLAY_COUNT,
	       "overlay names");
const char *const render_app_drag_names[RENDER_APP_DRAG_COUNT] = { "none", "pan", "host", "router" };
_Static_assert(sizeof render_app_drag_names / sizeof *render_app_drag_names == RENDER_APP_DRAG_COUNT,
	       "drag names");

/* At 1x a typical one-way trip between two hosts takes this long on the
 * screen: slow enough to read the packet's label, quick enough to keep a
 * lesson under a few minutes. */
#define RENDER_APP_TRIP_WALL_S 0.9

static char *render_app_dup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Free a session whose set-up failed: the caller still owns (and frees)
 * the renderer and surface it passed in. */
static struct render_app *render_app_fail(struct render_app *a)
{
	a->ren = NULL;
	a->surface = NULL;
	render_app_free(a);
	return NULL;
}

static struct render_app *render_app_init(const struct render_opts *o, SDL_Renderer *ren,
                                          SDL_Window *win, SDL_Surface *surface)
{
	struct render_app *a = xcalloc(1, sizeof *a);
	a->opts = *o;
	a->ren = ren;
	a->win = win;
	a->surface = surface;
	a->route_memo = render_route_memo_new();
	a->pill_memo.conn = -1;
	a->speed = 1.0;
	a->presenter = o->presenter;
	a->pace.pause_captions = o->pause_captions ? 1 : -1;
	a->lang = o->lang >= 0 && o->lang < LANG_COUNT ? o->lang : LANG_JA;
	char assets_buf[4096];
	const char *assets = o->assets_dir ? o->assets_dir : i18n_assets_dir(NULL, assets_buf, sizeof assets_buf);
	a->assets_dir = render_app_dup(assets ? assets : "assets");
	a->scenarios_dir = render_app_dup(o->scenarios_dir ? o->scenarios_dir : "scenarios");
	a->font_file = render_app_dup(o->font);
	a->opts.assets_dir = a->assets_dir;
	a->opts.scenarios_dir = a->scenarios_dir;
	a->opts.font = a->font_file;
	a->opts.scenario = NULL;
	a->opts.out_png = NULL;
	a->opts.select_msg = NULL;
	a->px_per_pt = 1.0f;
	a->sel_index = -1;
	a->compose.host = -1;
	a->pdu_rec = a->pdu_conn = -1;
	for (int l = 0; l < LANG_COUNT; l++)
		a->cat[l] = i18n_load(a->assets_dir, (enum lang)l, l == a->lang ? stderr : NULL);
	if (!a->cat[a->lang]) {
		fprintf(stderr, "mailsim: no %s UI catalog in %s/i18n\n", lang_names[a->lang], a->assets_dir);
		return render_app_fail(a);
	}
	if (TTF_Init() < 0) {
		fprintf(stderr, "mailsim: TTF_Init: %s\n", TTF_GetError());
		return render_app_fail(a);
	}
	a->font = render_font_new(ren, a->font_file);
	if (!a->font) {
		TTF_Quit();
		return render_app_fail(a);
	}
	const char *path = o->scenario;
	if (!path) {
		render_overlay_load_lessons(a);
		if (a->nlessons > 0)
			path = a->lessons[0].path;
	}
	if (!path || render_app_open(a, path) < 0) {
		fprintf(stderr, "mailsim: %s: cannot open the lesson\n", path ? path : a->scenarios_dir);
		return render_app_fail(a);
	}
	return a;
}

struct render_app *render_app_new_offscreen(const struct render_opts *o, int w, int h)
{
	if (w < 320 || h < 200 || w > 8192 || h > 8192) {
		fprintf(stderr, "mailsim: picture size %dx%d out of range (320x200 .. 8192x8192)\n", w, h);
		return NULL;
	}
	SDL_Surface *sf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!sf) {
		fprintf(stderr, "mailsim: cannot create a %dx%d surface: %s\n", w, h, SDL_GetError());
		return NULL;
	}
	SDL_Renderer *ren = SDL_CreateSoftwareRenderer(sf);
	if (!ren) {
		fprintf(stderr, "mailsim: software renderer: %s\n", SDL_GetError());
		SDL_FreeSurface(sf);
		return NULL;
	}
	struct render_app *a = render_app_init(o, ren, NULL, sf);
	if (!a) {
		SDL_DestroyRenderer(ren);
		SDL_FreeSurface(sf);
		return NULL;
	}
	a->w = w;
	a->h = h;
	return a;
}

struct render_app *render_app_new_window(const struct render_opts *o, SDL_Window *win)
{
	SDL_Renderer *ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_PRESENTVSYNC);
	if (!ren)
		ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
	if (!ren) {
		fprintf(stderr, "mailsim: cannot create a renderer: %s\n", SDL_GetError());
		return NULL;
	}
	struct render_app *a = render_app_init(o, ren, win, NULL);
	if (!a) {
		SDL_DestroyRenderer(ren);
		return NULL;
	}
	return a;
}

void render_app_free(struct render_app *a)
{
	if (!a)
		return;
	int had_font = a->font != NULL;
	render_font_free(a->font);
	if (had_font)
		TTF_Quit();
	render_compose_free(&a->compose);
	render_quiz_free(&a->quiz);
	render_check_free(&a->check);
	render_summary_free(&a->summary);
	render_mime_free(a->mime);
	render_overlay_free_lessons(a);
	timeline_free(a->tl);
	scenario_free(a->sc);
	render_layout_free(&a->layout);
	for (int l = 0; l < LANG_COUNT; l++)
		i18n_free(a->cat[l]);
	/* The session owns its renderer, window or not: it goes after the
	 * textures on it (the font's, above), before the caller destroys the
	 * window; an off-screen session owns its surface too. */
	if (a->ren) {
		render_draw_set_dry(a->ren, 0);
		SDL_DestroyRenderer(a->ren);
	}
	SDL_FreeSurface(a->surface);
	free(a->caption_shown);
	free(a->caption_rec);
	free(a->hits);
	free(a->taken);
	free(a->box_fit);
	free(a->spread);
	free(a->region_keep);
	render_region_kept_free(a->region_kept);
	render_region_kept_free(a->region_kept_names);
	free(a->fconn);
	free(a->fcopy);
	free(a->fdrop);
	free(a->node_box);
	render_topology_place_free(a->place);
	render_links_free(a);
	render_route_memo_free(a->route_memo);
	free(a->chart);
	render_ladder_release(a->ladder);
	free(a->ladder);
	free(a->scenario_path);
	free(a->shot_pending);
	free(a->assets_dir);
	free(a->scenarios_dir);
	free(a->font_file);
	sbuf_free(&a->tmp);
	sbuf_free(&a->caption_about);
	free(a);
}

/* Simulated microseconds per wall second at 1x: the lesson's own "pace"
 * if it declares one (a lesson over minutes, such as the botnet's), else
 * from its latencies: the median one-way trip between hosts on different
 * networks takes RENDER_APP_TRIP_WALL_S. */
static double render_app_rate(struct render_app *a)
{
	if (a->sc->pace_us > 0)
		return (double)a->sc->pace_us;
	struct sim *s = timeline_sim(a->tl);
	int64_t lat[64];
	int n = 0;
	int routers[16];
	for (int i = 0; i < a->sc->nhosts && n < 64; i++)
		for (int j = i + 1; j < a->sc->nhosts && n < 64; j++) {
			int64_t l = 0;
			if (a->sc->hosts[i].net != a->sc->hosts[j].net &&
			    sim_path(s, i, j, routers, 16, &l) >= 0 && l > 0)
				lat[n++] = l;
		}
	if (n == 0)
		return 20000.0 / RENDER_APP_TRIP_WALL_S;
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && lat[j - 1] > lat[j]; j--) {
			int64_t t = lat[j];
			lat[j] = lat[j - 1];
			lat[j - 1] = t;
		}
	return (double)lat[n / 2] / RENDER_APP_TRIP_WALL_S;
}

int render_app_open(struct render_app *a, const char *path)
{
	struct scenario *sc = scenario_load(path, stderr);
	if (!sc) {
		sbuf_reset(&a->tmp);
		const char *args[] = { "file", path, NULL };
		i18n_format(a->cat[a->lang], "ui.toast.load_failed", args, &a->tmp);
		render_app_toast(a, a->tmp.s);
		return -1;
	}
	return render_app_adopt(a, sc, path);
}

int render_app_adopt(struct render_app *a, struct scenario *sc, const char *path)
{
	struct sim_opts so = { 0 };
	so.seed = a->opts.seed;
	struct timeline *tl = timeline_new(sc, &so);
	if (!tl) {
		scenario_free(sc);
		render_app_toast(a, path);
		return -1;
	}
	if (a->overlay == RENDER_APP_OVERLAY_COMPOSE)
		render_compose_close(a);
	if (a->overlay == RENDER_APP_OVERLAY_QUIZ || a->overlay == RENDER_APP_OVERLAY_CHECK)
		a->overlay = RENDER_APP_OVERLAY_NONE;   /* about the old lesson */
	timeline_free(a->tl);
	scenario_free(a->sc);
	a->tl = tl;
	a->sc = sc;
	free(a->scenario_path);
	a->scenario_path = xstrdup(path);
	a->layout.zoom = 1.0f;
	a->layout.pan_x = a->layout.pan_y = 0;
	render_layout_build(&a->layout, sc);
	free(a->caption_rec);
	free(a->caption_shown);
	a->caption_rec = xcalloc((size_t)sc->ncaptions + 1, sizeof *a->caption_rec);
	a->caption_shown = xcalloc((size_t)sc->ncaptions + 1, 1);
	for (int i = 0; i < sc->ncaptions; i++)
		a->caption_rec[i] = -1;
	a->caption_scan = 0;
	a->playing = 0;
	a->t_carry = 0;
	a->lead = 0;
	a->sel = RENDER_APP_SEL_NONE;
	a->sel_index = -1;
	a->pdu_rec = a->pdu_conn = -1;   /* the old lesson's records */
	memset(&a->full, 0, sizeof a->full);
	a->auto_focus = -1;
	a->heard_conn = -1;
	a->verdict_shown = -1;
	a->pick.msg = -1;
	a->chart_mode = -1;
	a->drag = RENDER_APP_DRAG_NONE;
	a->nhits = a->hits_modal = 0;
	memset(a->scroll, 0, sizeof a->scroll);
	a->rate = render_app_rate(a);
	render_quiz_reset(a);
	render_check_free(&a->check);
	a->pace.end_shown = 0;
	a->summary.on = 0;
	render_app_sync(a);
	if (a->win) {
		const char *title = sc_text_get(&sc->title, a->lang);
		char buf[512];
		snprintf(buf, sizeof buf, "mailsim — %s", title ? title : path);
		SDL_SetWindowTitle(a->win, buf);
	}
	return 0;
}

struct sim *render_app_sim(struct render_app *a)
{
	return timeline_sim(a->tl);
}

void render_app_sync(struct render_app *a)
{
	render_view_sync(a);
	render_quiz_sync(a);
}

void render_app_select(struct render_app *a, enum render_app_sel kind, int index)
{
	a->sel = kind;
	a->sel_index = index;
	a->pdu_rec = a->pdu_conn = -1;   /* the inspector shows the new selection */
	memset(&a->full, 0, sizeof a->full);
	a->scroll[RENDER_APP_PANEL_INSPECTOR] = 0;
	a->scroll[RENDER_APP_PANEL_CARD] = 0;
}

void render_app_toast(struct render_app *a, const char *text)
{
	render_wrap_copy(a->toast, sizeof a->toast, text ? text : "");
	a->toast_until = SDL_GetTicks() + 4000;
}

const char *render_app_text(const struct render_app *a, const char *key)
{
	const char *t = a->cat[a->lang] ? i18n_find(a->cat[a->lang], key) : NULL;
	if (!t && a->cat[LANG_EN])
		t = i18n_find(a->cat[LANG_EN], key);
	return t ? t : key;
}

void render_app_hit_add(struct render_app *a, SDL_Rect rc, enum render_app_hit kind, int x, int y)
{
	if (a->nhits == a->caphits) {
		a->caphits = a->caphits ? a->caphits * 2 : 256;
		a->hits = xrealloc(a->hits, a->caphits * sizeof *a->hits);
	}
	a->hits[a->nhits++] = (struct render_app_hitbox){ rc, kind, x, y };
}

const struct render_app_hitbox *render_app_hit_at(const struct render_app *a, int x, int y)
{
	size_t from = a->overlay != RENDER_APP_OVERLAY_NONE ? a->hits_modal : 0;
	for (size_t i = a->nhits; i-- > from;)
		if (render_draw_hit(a->hits[i].rc, x, y))
			return &a->hits[i];
	return NULL;
}

const struct render_app_hitbox *render_app_hit_find(const struct render_app *a,
                                                    enum render_app_hit kind, int x, int y)
{
	for (size_t i = 0; i < a->nhits; i++)
		if (a->hits[i].kind == kind && a->hits[i].a == x && (y < 0 || a->hits[i].b == y))
			return &a->hits[i];
	return NULL;
}

void render_app_handle_event(struct render_app *a, const SDL_Event *ev)
{
	render_input_event(a, ev);
}

static void render_app_draw_toast(struct render_app *a)
{
	if (!a->toast[0] || SDL_TICKS_PASSED(SDL_GetTicks(), a->toast_until))
		return;
	const struct render_layout_panels *p = &a->panels;
	int w = 0, h = 0;
	int maxw = p->topo.w - 4 * p->pad;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_FONT_FIT, maxw, a->toast, &w, &h);
	SDL_Rect rc = { p->topo.x + (p->topo.w - w) / 2 - p->pad, p->topo.y + p->pad,
		w + 2 * p->pad, h + p->pad };
	render_draw_round(a->ren, rc, p->radius, 0x263238E8u);
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_body, 0xFFFFFFFFu, RENDER_FONT_FIT, maxw,
			 a->toast, rc.x + p->pad, rc.y + p->pad / 2, NULL);
}

/* Open every face at the text sizes the window can draw at now, as the
 * layout is laid out: the panels', the map's (its labels follow the zoom,
 * its boxes their fit) and the letter card's as it shrinks.  Opening the
 * CJK font at a size costs 10-150 ms, a dropped frame if a label first
 * needs it while the lesson plays (bench play's fonts_opened). */
static void render_app_open_sizes(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	int px[64] = { p->px_small, p->px_body, p->px_title, p->px_mono, p->px_caption };
	int n = 5;
	n += render_topology_sizes(a, px + n, 32);
	n += render_card_sizes(a, px + n, (int)(sizeof px / sizeof px[0]) - n);
	for (int face = 0; face < RENDER_FONT_FACE_COUNT; face++)
		for (int i = 0; i < n; i++)
			render_font_line_height(a->font, (enum render_font_face)face, px[i]);
}

void render_app_draw(struct render_app *a)
{
	if (a->win) {
		int ww = 1, wh = 1;
		SDL_GetRendererOutputSize(a->ren, &a->w, &a->h);
		SDL_GetWindowSize(a->win, &ww, &wh);
		a->px_per_pt = ww > 0 ? (float)a->w / (float)ww : 1.0f;
	}
	if (a->w < 200 || a->h < 150) {
		/* Minimised or absurdly small: nothing readable fits. */
		render_draw_color(a->ren, RENDER_THEME_BG);
		SDL_RenderClear(a->ren);
		if (!a->surface)
			SDL_RenderPresent(a->ren);
		return;
	}
	a->frame++;
	a->now_ms = SDL_GetTicks();
	/* This frame's letters first: the right column's share of the letter
	 * card depends on the copy it shows (render_dock_yield). */
	render_view_gather(a);
	/* The totals chart, or a spam filter's verdicts and plot, get the
	 * larger share of the right column; an opened packet most of it. */
	render_layout_panels(&a->panels, a->w, a->h, a->presenter,
			     a->pdu_rec >= 0 || a->pdu_conn >= 0 ? RENDER_LAYOUT_INSPECTOR_MOST
			     : render_chart_shown(a) || render_filter_any(a) ? RENDER_LAYOUT_INSPECTOR_FIRST
			     : RENDER_LAYOUT_CARD_FIRST);
	int summary = render_summary_shown(a);
	a->insp_auto = a->fold_ew = a->fold_both = 0;
	if (summary)
		render_summary_layout(a);
	else if (render_ladder_shown(a))
		render_layout_panels_ladder(&a->panels, 60, a->presenter);
	if (!summary) {
		render_fold_auto(a);
		render_dock_yield(a);
		render_sniffer_layout(a);
		render_fold_apply(a);
		render_panels_fit_caption(a);
	}
	render_layout_fit(&a->layout, a->panels.topo);
	render_app_open_sizes(a);
	render_font_frame(a->font);
	a->nhits = 0;
	a->ncross_hits = 0;
	a->hits_modal = 0;
	a->row_cuts = 0;
	SDL_RenderSetClipRect(a->ren, NULL);
	render_draw_color(a->ren, RENDER_THEME_BG);
	if (!render_draw_dry(a->ren))
		SDL_RenderClear(a->ren);
	render_topology_draw(a);
	render_panels_draw(a);
	if (summary)
		render_summary_legend(a);
	else if (!render_fold_shut(a, RENDER_APP_PANEL_INSPECTOR))
		render_inspector_draw(a);
	if (!summary) {
		render_fold_draw_tabs(a);
		render_legend_draw(a);
		render_pdu_wire_hits(a);
	}
	SDL_RenderSetClipRect(a->ren, NULL);
	a->hits_modal = a->nhits;
	render_overlay_draw(a);
	if (a->overlay == RENDER_APP_OVERLAY_COMPOSE)
		render_compose_draw(a);
	render_check_draw(a);
	render_quiz_draw(a);
	SDL_RenderSetClipRect(a->ren, NULL);
	render_app_draw_toast(a);
	if (a->shot_pending) {
		/* Read the frame before presenting: afterwards the back buffer is undefined. */
		if (render_app_save_png(a, a->shot_pending) == 0) {
			sbuf_reset(&a->tmp);
			const char *args[] = { "file", a->shot_pending, NULL };
			i18n_format(a->cat[a->lang], "ui.toast.shot", args, &a->tmp);
			render_app_toast(a, a->tmp.s);
		}
		free(a->shot_pending);
		a->shot_pending = NULL;
	}
	if (a->surface)
		SDL_RenderFlush(a->ren);
	else
		SDL_RenderPresent(a->ren);
}

void render_app_pixels(struct render_app *a)
{
	if (!render_draw_dry(a->ren))
		return;
	render_draw_set_dry(a->ren, 0);
	render_app_draw(a);
}

int render_app_save_png(struct render_app *a, const char *path)
{
	SDL_Surface *rgb = NULL;
	render_app_pixels(a);
	if (a->surface) {
		SDL_RenderFlush(a->ren);
		rgb = SDL_ConvertSurfaceFormat(a->surface, SDL_PIXELFORMAT_RGB24, 0);
	} else {
		rgb = SDL_CreateRGBSurfaceWithFormat(0, a->w, a->h, 24, SDL_PIXELFORMAT_RGB24);
		if (rgb && SDL_RenderReadPixels(a->ren, NULL, SDL_PIXELFORMAT_RGB24, rgb->pixels, rgb->pitch) < 0) {
			SDL_FreeSurface(rgb);
			rgb = NULL;
		}
	}
	if (!rgb) {
		fprintf(stderr, "mailsim: %s: %s\n", path, SDL_GetError());
		return -1;
	}
	/* Write beside the target and rename, so a reader never sees half a file. */
	size_t n = strlen(path) + 8;
	char *tmp = xmalloc(n);
	snprintf(tmp, n, "%s.tmp", path);
	int rc = IMG_SavePNG(rgb, tmp);
	SDL_FreeSurface(rgb);
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -1;
	if (rc != 0) {
		fprintf(stderr, "mailsim: cannot write %s: %s\n", path, IMG_GetError());
		remove(tmp);
	}
	free(tmp);
	return rc == 0 ? 0 : -1;
}
