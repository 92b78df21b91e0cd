/* test_render_scroll — the event list scrolled back with the wheel (issue
 * 11): it shows whole rows only (a row's lower part peeked out under the
 * list's title) and its way back to the present, "▼ Now", hides no row's
 * text (it sat on the lowest row's right end).  Fonts are pinned
 * (tests/fonts.conf). */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "render.h"
#include "render_app.h"
#include "render_control.h"
#include "render_events.h"
#include "render_font.h"
#include "render_view.h"
#include "test_render_util.h"

/* The list's current row: the newest told record that is not quiet (as
 * render_events draws it), or n. */
static size_t test_render_scroll_current(struct render_app *a)
{
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	size_t i = n;
	while (i > 0 && trace_kinds[tr[i - 1].kind].quiet)
		i--;
	return i > 0 ? i - 1 : n;
}

/* A wheel notch over the event list (up: back in time). */
static void test_render_scroll_wheel(struct render_app *a)
{
	const struct render_app_hitbox *list = render_app_hit_find(a, RENDER_APP_HIT_PANEL, RENDER_APP_PANEL_EVENTS, -1);
	cr_assert_not_null(list);
	test_render_util_wheel(a, list->rc, 1);
	render_app_draw(a);
}

/* Every row of the list but the current one (told at its own length) is
 * as tall as its words wrapped to the row; one cut by the list's top has
 * a shorter click area.  Appends what is wrong to b; returns how many. */
static int test_render_scroll_rows_whole(struct render_app *a, const char *what, struct sbuf *b)
{
	const struct render_layout_panels *p = &a->panels;
	SDL_Rect c = a->events_room;
	int tw = 0, bad = 0;
	render_font_size(a->font, RENDER_FONT_MONO, p->px_small, RENDER_FONT_LINE, 0, "0:00:00.000", &tw, NULL);
	size_t nahead = 0, cur = test_render_scroll_current(a);
	const struct trace_rec *all = timeline_ahead(a->tl, &nahead);
	struct sbuf t = { 0 };
	for (size_t k = 0; k < a->nhits; k++) {
		const struct render_app_hitbox *h = &a->hits[k];
		if (h->kind != RENDER_APP_HIT_EVENT || (size_t)h->b == cur || (size_t)h->b >= nahead)
			continue;
		render_events_row_text(a, &all[h->b], 0, &t);
		int rh = 0;
		render_font_size(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_FONT_WRAP, c.w - tw - p->pad, t.s, NULL,
				 &rh);
		if (h->rc.h != rh || h->rc.y < c.y) {
			sbuf_addf(b, "  %s: row %d shows %d of its %d px at y %d (the list from y %d)\n", what, h->b, h->rc.h,
				  rh, h->rc.y, c.y);
			bad++;
		}
	}
	sbuf_free(&t);
	return bad;
}

/* "▼ Now" lies on no row, above the list's room (in its title row).
 * Appends what is wrong to b; returns how many. */
static int test_render_scroll_now_clear(struct render_app *a, const char *what, struct sbuf *b)
{
	const struct render_app_hitbox *now = render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_EVENTS_NOW, -1);
	if (!now) {
		sbuf_addf(b, "  %s: scrolled back, no way to the present\n", what);
		return 1;
	}
	int bad = 0;
	for (size_t k = 0; k < a->nhits; k++) {
		const struct render_app_hitbox *h = &a->hits[k];
		if (h->kind == RENDER_APP_HIT_EVENT && SDL_HasIntersection(&h->rc, &now->rc)) {
			sbuf_addf(b, "  %s: \"Now\" at %d,%d %dx%d lies on row %d at %d,%d %dx%d\n", what, now->rc.x, now->rc.y,
				  now->rc.w, now->rc.h, h->b, h->rc.x, h->rc.y, h->rc.w, h->rc.h);
			bad++;
		}
	}
	return bad;
}

/* Lessons 02 (the list long at Alice's second try), 07 (long SPF rows)
 * and 11 (the verdict's long row), in both sizes, both modes and both
 * languages: as drawn, then one to four notches of the wheel back. */
Test(render_scroll, a_scrolled_list_shows_whole_rows_and_now_hides_none, .timeout = 300)
{
	static const struct {
		const char *lesson;
		int64_t at;
	} moments[] = { { "scenarios/02-op25b.json", 20000000 },
			{ "scenarios/07-spoofing-spf.json", 40390000 },
			{ "scenarios/11-smime.json", 25287000 } };
	static const int size[2][2] = { { 1280, 720 }, { 1920, 1080 } };
	struct sbuf b = { 0 };
	int bad = 0, checked = 0, scrolled = 0;
	for (size_t m = 0; m < sizeof moments / sizeof *moments; m++)
		for (int cfg = 0; cfg < 8; cfg++) {
			if (!test_render_util_sweep(moments[m].lesson, cfg))
				continue;
			int lang = cfg & 4 ? LANG_EN : LANG_JA, presenter = (cfg >> 1) & 1;
			struct render_app *a = test_render_util_app_mode(moments[m].lesson, lang, size[cfg & 1][0],
									 size[cfg & 1][1], presenter);
			a->quiz.off = 1;
			render_control_run_to(a, moments[m].at);
			render_app_draw(a);
			for (int wheel = 0; wheel <= 4; wheel++) {
				char what[200];
				snprintf(what, sizeof what, "%s %dx%d%s %s, %d notches", moments[m].lesson, a->w, a->h,
					 presenter ? " presenter" : "", lang == LANG_EN ? "en" : "ja", wheel);
				if (wheel)
					test_render_scroll_wheel(a);
				bad += test_render_scroll_rows_whole(a, what, &b);
				if (a->scroll[RENDER_APP_PANEL_EVENTS] > 0) {
					bad += test_render_scroll_now_clear(a, what, &b);
					scrolled++;
				}
				checked++;
			}
			render_app_free(a);
		}
	cr_expect_gt(checked, 0);
	cr_expect_gt(scrolled, 0, "the wheel never scrolled the list back");
	cr_expect_eq(bad, 0, "%d rows cut or hidden in %d frames:\n%s", bad, checked, b.s ? b.s : "");
	sbuf_free(&b);
}

/* Lesson 12 at 65.443 s, 1280 x 720: the row before the current one is too
 * tall for the room above it, so only the current row shows; the room
 * above it says that earlier rows exist and the wheel brings them (it was
 * blank, as if nothing had happened before). */
Test(render_scroll, an_empty_room_above_the_current_row_says_earlier_rows_exist)
{
	struct render_app *a = test_render_util_app("scenarios/12-bayes-learning.json", LANG_JA, 1280, 720);
	a->quiz.off = 1;
	render_control_run_to(a, 65443000);
	render_app_draw(a);
	cr_assert_neq(test_render_scroll_current(a), 0, "no earlier row at 65.443 s");
	cr_expect(a->events_before > 0 || a->events_earlier,
		  "the list shows no earlier row and does not say that there are any");
	render_app_free(a);
}

/* Issue 11: lesson 03 at 1.19 s, 1920 x 1080 in presenter mode, Japanese:
 * the row before the current one (1.168 s) did not fit whole with its
 * caption, so the list showed "▲ earlier (wheel)", some 125 px of blank
 * and the current row.  That row shows, whole, its caption cut to the
 * lines that fit and "…", and the list's top is not left blank. */
Test(render_scroll, an_earlier_row_shows_with_its_caption_cut)
{
	struct render_app *a = test_render_util_app_mode("scenarios/03-ip25b.json", LANG_JA, 1920, 1080, 1);
	a->quiz.off = 1;
	render_control_run_to(a, 1190000);
	render_app_draw(a);
	SDL_Rect room = a->events_room;
	int top = a->events_cur.h > 0 ? a->events_cur.y : room.y + room.h;
	for (size_t k = 0; k < a->nhits; k++)
		if (a->hits[k].kind == RENDER_APP_HIT_EVENT && a->hits[k].rc.y < top)
			top = a->hits[k].rc.y;
	int lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, a->panels.px_small);
	cr_expect_gt(a->events_before, 0, "no earlier row above the current one");
	cr_expect_leq(top - room.y, 2 * lh, "the list's top is blank down to %d (list from %d)", top, room.y);
	struct sbuf b = { 0 };
	cr_expect_eq(test_render_scroll_rows_whole(a, "lesson 03 at 1.19 s", &b), 0, "%s", b.s ? b.s : "");
	sbuf_free(&b);
	render_app_free(a);
}
