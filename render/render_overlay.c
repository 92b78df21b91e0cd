/* render_overlay — the help overlay (every key and mouse action) and the
 * lesson picker (every scenario with its title and summary in the current
 * language). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_theme.h"
#include "render_ui.h"

static int render_overlay_is_lesson(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return n > 5 && strcmp(d->d_name + n - 5, ".json") == 0 && strcmp(d->d_name, "schema.json") != 0 &&
	       d->d_name[0] != '.';
}

static char *render_overlay_dup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void render_overlay_load_lessons(struct render_app *a)
{
	render_overlay_free_lessons(a);
	struct dirent **list = NULL;
	int n = scandir(a->scenarios_dir, &list, render_overlay_is_lesson, alphasort);
	if (n <= 0) {
		free(list);
		return;
	}
	a->lessons = xcalloc((size_t)n, sizeof *a->lessons);
	/* A broken lesson is listed (so the teacher sees it) but its problems
	 * belong to `mailsim check`, not to the picker's terminal. */
	FILE *quiet = fopen("/dev/null", "w");
	for (int i = 0; i < n; i++) {
		struct render_app_lesson *l = &a->lessons[a->nlessons++];
		size_t len = strlen(a->scenarios_dir) + strlen(list[i]->d_name) + 2;
		l->path = xmalloc(len);
		snprintf(l->path, len, "%s/%s", a->scenarios_dir, list[i]->d_name);
		struct scenario *sc = scenario_load(l->path, quiet ? quiet : stderr);
		if (sc) {
			l->title.ja = render_overlay_dup(sc->title.ja);
			l->title.en = render_overlay_dup(sc->title.en);
			l->summary.ja = render_overlay_dup(sc->summary.ja);
			l->summary.en = render_overlay_dup(sc->summary.en);
			scenario_free(sc);
		} else {
			l->broken = 1;
		}
		free(list[i]);
	}
	if (quiet)
		fclose(quiet);
	free(list);
}

void render_overlay_free_lessons(struct render_app *a)
{
	for (int i = 0; i < a->nlessons; i++) {
		struct render_app_lesson *l = &a->lessons[i];
		free(l->path);
		free(l->title.ja);
		free(l->title.en);
		free(l->summary.ja);
		free(l->summary.en);
	}
	free(a->lessons);
	a->lessons = NULL;
	a->nlessons = 0;
}

/* A centred dialog box; returns its content rectangle. */
static SDL_Rect render_overlay_box(struct render_app *a, int w, int h, const char *title)
{
	const struct render_layout_panels *p = &a->panels;
	render_draw_fill(a->ren, (SDL_Rect){ 0, 0, a->w, a->h }, 0x0A101890u);
	SDL_Rect box = { (a->w - w) / 2, (a->h - h) / 2, w, h };
	render_draw_round(a->ren, box, p->radius * 2, RENDER_THEME_PANEL);
	render_draw_round_outline(a->ren, box, p->radius * 2, p->line, RENDER_THEME_ACCENT);
	render_app_hit_add(a, box, RENDER_APP_HIT_PANEL, RENDER_APP_PANEL_PICKER, 0);
	int th = 0;
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_title, RENDER_THEME_TEXT, RENDER_FONT_FIT,
			 w - 4 * p->pad, title, box.x + 2 * p->pad, box.y + p->pad, &th);
	const char *close = render_app_text(a, "ui.btn.close");
	int cw = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_FONT_LINE, 0, close, &cw, NULL);
	render_panels_button(a, box.x + box.w - cw - 3 * p->pad, box.y + p->pad, th, close,
			     RENDER_APP_BTN_CLOSE, 0, 0x546E7AFFu, 0xFFFFFFFFu);
	return (SDL_Rect){ box.x + 2 * p->pad, box.y + th + 2 * p->pad, w - 4 * p->pad, h - th - 3 * p->pad };
}

static void render_overlay_help(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	static const char *const keys[][2] = {
		{ "Space", "ui.help.play" }, { "→", "ui.help.step" }, { "←", "ui.help.back" },
		{ "N", "ui.help.next_caption" }, { "J", "ui.help.next_hop" }, { "A", "ui.help.pause_captions" },
		{ "1 – 4", "ui.help.answer" }, { "Q", "ui.help.quiz" }, { "K", "ui.help.check" },
		{ "M", "ui.help.summary" },
		{ "+ / −", "ui.help.speed" }, { "R", "ui.help.restart" }, { "L", "ui.help.lang" },
		{ "F", "ui.help.fullscreen" }, { "P", "ui.help.presenter" }, { "H / ?", "ui.help.help" },
		{ "O / Tab", "ui.help.lessons" }, { "C", "ui.help.compose" }, { "T", "ui.help.chart" },
		{ "S", "ui.help.ladder" }, { "Ctrl+S", "ui.help.save" },
		{ "E", "ui.help.filter" }, { "G", "ui.help.legend" }, { "W", "ui.help.fold_transcript" },
		{ "I", "ui.help.fold_inspector" },
		{ "0", "ui.help.reset_view" }, { "F12", "ui.help.screenshot" }, { "Esc", "ui.help.escape" },
		{ "Ctrl+Q", "ui.help.quit" },
		{ "ui.help.m_click", "ui.help.click" }, { "ui.help.m_wheel", "ui.help.wheel" },
		{ "ui.help.m_drag_bg", "ui.help.drag_bg" }, { "ui.help.m_drag_host", "ui.help.drag_host" },
		{ "ui.help.m_chip", "ui.help.chip" }, { "ui.help.m_event", "ui.help.event" },
		{ "ui.help.m_long", "ui.help.long" }, { "ui.help.m_packet", "ui.help.packet" },
		{ "ui.help.m_tab", "ui.help.tab" },
	};
	int n = (int)(sizeof keys / sizeof keys[0]);
	int lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, p->px_body) + 2;
	int w = a->w * (a->presenter ? 19 : 3) / (a->presenter ? 20 : 4);
	int h = lh * ((n + 1) / 2) + 6 * p->pad + p->px_title * 2;
	if (h > a->h - 2 * p->pad)
		h = a->h - 2 * p->pad;
	SDL_Rect c = render_overlay_box(a, w, h, render_app_text(a, "ui.help.title"));
	SDL_RenderSetClipRect(a->ren, &c);
	/* The key column is as wide as its longest entry, up to half a column. */
	int colw = c.w / 2, kw = 0;
	for (int i = 0; i < n; i++) {
		const char *k = keys[i][0];
		int kwi = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_FONT_LINE, 0,
				 strncmp(k, "ui.", 3) == 0 ? render_app_text(a, k) : k, &kwi, NULL);
		if (kwi + 2 * p->pad > kw)
			kw = kwi + 2 * p->pad;
	}
	if (kw > colw / 2)
		kw = colw / 2;
	for (int i = 0; i < n; i++) {
		int col = i < (n + 1) / 2 ? 0 : 1;
		int row = col ? i - (n + 1) / 2 : i;
		int x = c.x + col * colw, y = c.y + row * lh;
		const char *k = keys[i][0];
		if (strncmp(k, "ui.", 3) == 0)
			k = render_app_text(a, k);
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_THEME_ACCENT, RENDER_FONT_FIT, kw - p->pad,
				 k, x, y, NULL);
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_body, RENDER_THEME_TEXT, RENDER_FONT_FIT,
				 colw - kw - p->pad, render_app_text(a, keys[i][1]), x + kw, y, NULL);
	}
	SDL_RenderSetClipRect(a->ren, NULL);
}

static void render_overlay_picker(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	int w = a->w * 2 / 3, h = a->h * 3 / 4;
	SDL_Rect c = render_overlay_box(a, w, h, render_app_text(a, "ui.picker.title"));
	SDL_RenderSetClipRect(a->ren, &c);
	if (a->nlessons == 0)
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_body, RENDER_THEME_MUTED, RENDER_FONT_WRAP, c.w,
				 render_app_text(a, "ui.picker.none"), c.x, c.y, NULL);
	/* Keep the highlighted row in view. */
	int y = c.y;
	int first = 0;
	if (a->lesson_sel >= 0) {
		int approx = render_font_line_height(a->font, RENDER_FONT_REGULAR, p->px_body) * 3;
		int fit = approx > 0 ? c.h / approx : 1;
		if (a->lesson_sel >= fit)
			first = a->lesson_sel - fit + 1;
	}
	for (int i = first; i < a->nlessons && y < c.y + c.h; i++) {
		const struct render_app_lesson *l = &a->lessons[i];
		const char *title = sc_text_get(&l->title, a->lang);
		const char *sum = sc_text_get(&l->summary, a->lang);
		const char *base = strrchr(l->path, '/');
		base = base ? base + 1 : l->path;
		char head[512];
		snprintf(head, sizeof head, "%s   (%s)%s", title ? title : base, base,
			 l->broken ? render_app_text(a, "ui.picker.broken") : "");
		int th = 0, sh = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_FONT_FIT, c.w - 2 * p->pad, head, NULL, &th);
		if (sum)
			render_font_size(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_FONT_WRAP, c.w - 2 * p->pad, sum, NULL, &sh);
		SDL_Rect row = { c.x, y, c.w, th + sh + p->pad };
		int current = a->scenario_path && strcmp(a->scenario_path, l->path) == 0;
		if (i == a->lesson_sel)
			render_draw_round(a->ren, row, p->radius, RENDER_THEME_HILITE);
		else if (current)
			render_draw_round(a->ren, row, p->radius, 0xE3F2FDFFu);
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_body, l->broken ? RENDER_THEME_BLOCK : RENDER_THEME_TEXT,
				 RENDER_FONT_FIT, c.w - 2 * p->pad, head, c.x + p->pad, y + p->pad / 2, NULL);
		if (sum)
			render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_WRAP,
					 c.w - 2 * p->pad, sum, c.x + p->pad, y + p->pad / 2 + th, NULL);
		SDL_Rect vis;
		if (SDL_IntersectRect(&row, &c, &vis))
			render_app_hit_add(a, vis, RENDER_APP_HIT_LESSON, i, 0);
		y += row.h + p->pad / 2;
	}
	SDL_RenderSetClipRect(a->ren, NULL);
}

void render_overlay_draw(struct render_app *a)
{
	switch (a->overlay) {
	case RENDER_APP_OVERLAY_HELP:
		render_overlay_help(a);
		break;
	case RENDER_APP_OVERLAY_PICKER:
		render_overlay_picker(a);
		break;
	case RENDER_APP_OVERLAY_NONE:
	case RENDER_APP_OVERLAY_COMPOSE:
	case RENDER_APP_OVERLAY_QUIZ:      /* render_quiz_draw */
	case RENDER_APP_OVERLAY_CHECK:     /* render_check_draw */
		break;
	case RENDER_APP_OVERLAY_COUNT:
	default:
		PANIC("unexpected overlay %d", (int)a->overlay);
	}
}
