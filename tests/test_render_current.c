/* test_render_current — the event list always shows its current row whole
 * (README, issue 11; review 21 B1, B6, C3): whatever docks in the right
 * column (lesson 13's checks card), whatever opens under a long caption
 * (a packet layer by layer), and however far the wheel scrolls back, the
 * rows the list shows are the trace's rows in order. */
#include <criterion/criterion.h>

#include <glob.h>
#include <stdio.h>
#include <string.h>

#include "render.h"
#include "render_app.h"
#include "render_control.h"
#include "render_events.h"
#include "render_font.h"
#include "render_pace.h"
#include "render_chart.h"
#include "render_filter.h"
#include "render_pdu.h"
#include "render_verdict.h"
#include "render_view.h"
#include "test_render_envelope.h"
#include "test_render_util.h"

/* 1 if rc lies inside room. */
static int test_render_current_inside(SDL_Rect rc, SDL_Rect room)
{
	return rc.h > 0 && rc.y >= room.y && rc.y + rc.h <= room.y + room.h && rc.x >= room.x &&
	       rc.x + rc.w <= room.x + room.w;
}

/* The list's room in lines of its text (what "a few rows" means). */
static int test_render_current_lines(struct render_app *a)
{
	int lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, a->panels.px_small);
	return lh > 0 ? a->events_room.h / lh : 0;
}

/* Review 21 B1: lesson 13 in Japanese presenter mode docked the
 * "送信ドメイン認証の確認" card over the event list, which was left its
 * title and "▼ 続き（ホイール）", no row at all (English put the list back
 * in the bottom row, the current row whole).  At every caption of every
 * lesson, in both sizes, both modes and both languages: the current row
 * lies whole in the list, and the list has room for a few lines. */
struct test_render_current_sum {
	int bad, transcripts, tags, shown, frames, jumps;
	struct sbuf tag;
	char key[256];   /* the lesson and configuration of the last frame */
	int folded;      /* its inspector folded by itself, -1 not known */
};

/* Review 22 C7: in lesson 02 in Japanese at 1080p (not presenter mode)
 * the inspector opened by itself at the fourth message (its list then
 * filled half the panel), and the event list jumped from the right column
 * to the bottom row in the middle of the lesson.  Whether the inspector
 * folds itself, with nothing in it to show, stays the same through a
 * lesson. */
static void test_render_current_fold(struct render_app *a, const char *lesson, const char *what,
                                     struct test_render_current_sum *n)
{
	const char *config = strstr(what, ") ");
	char key[256];
	snprintf(key, sizeof key, "%s%s", lesson, config ? config : "");
	if (strcmp(key, n->key) != 0) {
		snprintf(n->key, sizeof n->key, "%s", key);
		n->folded = -1;
	}
	if (a->presenter || a->insp_keep || a->fold[RENDER_APP_PANEL_INSPECTOR] || a->sel != RENDER_APP_SEL_NONE ||
	    a->pdu_rec >= 0 || a->pdu_conn >= 0 || render_verdict_msg(a) >= 0 || render_filter_any(a) ||
	    render_chart_shown(a))
		return;
	if (n->folded >= 0 && n->folded != a->insp_auto) {
		cr_expect(0, "%s: the inspector %s by itself in the middle of the lesson", what,
		          a->insp_auto ? "folds" : "opens");
		n->jumps++;
	}
	n->folded = a->insp_auto;
}

/* Issue 11: lesson 03 at 1.19 s in presenter mode at 1080p showed "▲
 * earlier (wheel)", some 125 px of blank and the current row: the row
 * before it did not fit whole with its caption, and only whole rows with
 * whole captions were drawn (so lesson 12 at 65.443 s at 1280 x 720, the
 * checks card in the right column: the current row alone under a blank).
 * Where earlier rows are left out, the blank at the list's top is less
 * than the first one left out needs: its whole row (its caption cut, or
 * left out, where it does not fit).  Returns 1 if not. */
static int test_render_current_top(struct render_app *a, const char *what)
{
	const struct render_layout_panels *p = &a->panels;
	SDL_Rect room = a->events_room;
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	size_t cur = n;
	while (cur > 0 && trace_kinds[tr[cur - 1].kind].quiet)
		cur--;
	if (cur-- == 0 || a->scroll[RENDER_APP_PANEL_EVENTS] != 0 || a->events_more)
		return 0;
	size_t j = cur;   /* the first kept row above those shown */
	for (int shown = -1; j-- > 0;)
		if (render_events_keeps(a->events_filter, &tr[j]) && ++shown == a->events_before)
			break;
	if (j == (size_t)-1)
		return 0;   /* every earlier row is shown */
	int top = a->events_cur.h > 0 ? a->events_cur.y : room.y + room.h;
	for (size_t k = 0; k < a->nhits; k++)
		if (a->hits[k].kind == RENDER_APP_HIT_EVENT && a->hits[k].rc.y < top)
			top = a->hits[k].rc.y;
	int tw = 0, rh = 0;
	render_font_size(a->font, RENDER_FONT_MONO, p->px_small, RENDER_FONT_LINE, 0, "0:00:00.000", &tw, NULL);
	struct sbuf t = { 0 };
	render_events_row_text(a, &tr[j], 0, &t);
	render_font_size(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_FONT_WRAP, room.w - tw - p->pad, t.s, NULL,
			 &rh);
	sbuf_free(&t);
	cr_expect_lt(top - room.y, rh, "%s: the list's top is blank for %d px, and row %zu (%d px) is left out", what,
		     top - room.y, j, rh);
	return top - room.y >= rh;
}

static void test_render_current_at(struct render_app *a, const char *lesson, const char *what, void *ud)
{
	struct test_render_current_sum *n = ud;
	test_render_current_fold(a, lesson, what, n);
	int whole = test_render_current_inside(a->events_cur, a->events_room) && !a->events_more;
	int lines = test_render_current_lines(a);
	cr_expect(whole, "%s: the current row (y %d, %d px high) is not whole in the list (y %d, %d px)", what,
		  a->events_cur.y, a->events_cur.h, a->events_room.y, a->events_room.h);
	cr_expect_geq(lines, 3, "%s: the event list has room for %d lines", what, lines);
	n->bad += !whole || lines < 3;
	n->bad += test_render_current_top(a, what);
	/* Review 20 B4 and B9 (test_render_rowwrap): the current row is set at
	 * the list's size, and in presenter mode no transcript row cuts a word
	 * between two letters (a URL may break after a '/' or an '=': lesson
	 * 07's SPF link at 40.390 s does, in the transcript beside the list). */
	cr_expect_gt(a->events_px, 0, "%s: no current row", what);
	cr_expect_eq(a->events_px, a->panels.px_small, "%s: the current row is set at %d px, the list at %d", what,
		     a->events_px, a->panels.px_small);
	if (a->presenter) {
		cr_expect_eq(a->transcript_cut, 0, "%s: %d transcript rows cut", what, a->transcript_cut);
		n->transcripts++;
	}
	/* Review 21 C6, C10: the envelope tag beside its letter only. */
	n->tags += test_render_envelope_frame(a, what, &n->tag, &n->shown);
	n->frames++;
}

/* One sweep for the three checks of every caption (each had its own, and
 * CI has 15 minutes). */
Test(render_current, the_current_row_shows_whole_at_every_caption, .timeout = 900)
{
	struct test_render_current_sum n = { 0 };
	int checked = test_render_util_each_caption(test_render_current_at, &n);
	cr_expect_eq(n.bad, 0, "%d of %d moments", n.bad, checked);
	cr_expect_eq(n.jumps, 0, "the inspector folded or opened by itself %d times", n.jumps);
	cr_expect_gt(checked, 1600 / test_render_util_sweep_n(), "%d moments", checked);
	cr_expect_gt(n.transcripts, 800 / test_render_util_sweep_n());
	cr_log_info("envelope tag shown in %d of %d caption frames", n.shown, n.frames);
	cr_expect_eq(n.tags, 0, "%d envelope tags out of place\n%s", n.tags, n.tag.s ? n.tag.s : "");
	sbuf_free(&n.tag);
}

/* Review 21 B6: the live window at 1824 x 1026 (a window manager's
 * 1920 x 1080), lesson 07 at its nine-line opening caption with a packet
 * opened layer by layer from its event row: the caption band grew into the
 * bottom row and left the event list one row high.  The list keeps room
 * for about four rows, the current one whole. */
Test(render_current, a_long_caption_leaves_the_list_four_rows)
{
	static const int size[][2] = { { 1824, 1026 }, { 1920, 1080 }, { 1280, 720 } };
	for (size_t s = 0; s < sizeof size / sizeof *size; s++)
		for (int lang = 0; lang < 2; lang++) {
			struct render_app *a = test_render_util_app_mode("scenarios/07-spoofing-spf.json",
									 lang ? LANG_EN : LANG_JA, size[s][0], size[s][1], 0);
			a->quiz.off = 1;
			render_control_run_to(a, 1011000);
			render_app_draw(a);
			render_pdu_open_record(a, (int)test_render_util_row(a));
			render_app_draw(a);
			cr_assert_geq(a->pdu_rec, 0, "the packet is open");
			int lines = test_render_current_lines(a);
			cr_expect_geq(lines, 4, "%dx%d %s: the event list has room for %d lines", a->w, a->h,
				      lang ? "en" : "ja", lines);
			cr_expect(test_render_current_inside(a->events_cur, a->events_room) && !a->events_more,
				  "%dx%d %s: the current row is not whole", a->w, a->h, lang ? "en" : "ja");
			/* the caption is still told whole */
			cr_expect_leq(a->caption_text.y + a->caption_text.h, a->panels.caption.y + a->panels.caption.h,
				      "%dx%d: the caption is cut", a->w, a->h);
			render_app_free(a);
		}
}

/* Whether trace record r is a row of the list now. */
static int test_render_current_kept(const struct render_app *a, const struct trace_rec *r)
{
	return render_events_keeps(a->events_filter, r);
}

/* Review 21 C3: lesson 02, stepped back to 20.005 s (the dropped SYN)
 * from 50 s, the wheel up six times over the list: the rows scrolled into
 * view ended at 0:00:05.300 and the greyed rows still to come stayed
 * pinned under them from 0:00:50.000, the rows between out of view.  The
 * rows shown are consecutive rows of the trace, top to bottom, and "Now"
 * is there to come back. */
Test(render_current, a_scrolled_list_shows_consecutive_rows)
{
	for (int lang = 0; lang < 2; lang++) {
		struct render_app *a = test_render_util_app_mode("scenarios/02-op25b.json", lang ? LANG_EN : LANG_JA,
								 1824, 1026, 0);
		a->quiz.off = 1;
		render_control_run_to(a, 50000000);
		render_app_draw(a);
		for (int i = 0; i < 200 && sim_now(render_app_sim(a)) > 20005000; i++) {
			test_render_util_key(a, SDLK_LEFT, 0);
			render_app_draw(a);
		}
		size_t nahead = 0;
		const struct trace_rec *all = timeline_ahead(a->tl, &nahead);
		size_t n = 0;
		render_view_trace(a, &n);
		cr_assert_gt(nahead, n, "rows still to come after stepping back");
		const struct render_app_hitbox *list =
			render_app_hit_find(a, RENDER_APP_HIT_PANEL, RENDER_APP_PANEL_EVENTS, -1);
		cr_assert_not_null(list);
		SDL_Rect over = list->rc;
		for (int wheel = 0; wheel < 6; wheel++) {
			test_render_util_wheel(a, over, 1);
			render_app_draw(a);
			cr_assert_gt(a->scroll[RENDER_APP_PANEL_EVENTS], 0, "the wheel scrolled the list back");
			/* The rows, top to bottom. */
			int idx[256], ys[256], rows = 0;
			for (size_t k = 0; k < a->nhits && rows < 256; k++) {
				if (a->hits[k].kind != RENDER_APP_HIT_EVENT)
					continue;
				int at = rows++;
				for (; at > 0 && ys[at - 1] > a->hits[k].rc.y; at--) {
					ys[at] = ys[at - 1];
					idx[at] = idx[at - 1];
				}
				ys[at] = a->hits[k].rc.y;
				idx[at] = a->hits[k].b;
			}
			for (int r = 1; r < rows; r++) {
				int skipped = 0;
				for (int j = idx[r - 1] + 1; j < idx[r] && (size_t)j < nahead; j++)
					skipped += test_render_current_kept(a, &all[j]);
				cr_expect_gt(idx[r], idx[r - 1], "wheel %d: row %d under row %d", wheel + 1, idx[r], idx[r - 1]);
				cr_expect_eq(skipped, 0, "%s wheel %d: %d rows left out between row %d and row %d",
					     lang ? "en" : "ja", wheel + 1, skipped, idx[r - 1], idx[r]);
			}
			cr_expect_geq(rows, 3, "wheel %d: %d rows shown", wheel + 1, rows);
			cr_expect_not_null(render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_EVENTS_NOW, -1),
					   "wheel %d: no way back to now", wheel + 1);
		}
		render_app_free(a);
	}
}


/* Review 24 B1: in presenter mode a caption of some 150 characters or
 * more under the current row (lesson 04 at 100.35 s, 01b at 1.469 s and
 * 1.476 s, 06 at 1.477 s, 08 at 120.378 s) left the list its current row
 * alone at the top and blank below: no caption, no earlier row.  The
 * current row lies whole in the list with its caption right under it (cut
 * with a line saying the rest is in the caption band, where it does not
 * fit), and the list's top is not left blank. */
Test(render_current, a_long_caption_stays_under_its_row)
{
	static const struct {
		const char *lesson;
		int64_t t;
		int w, h, lang;
	} at[] = {
		{ "scenarios/04-submission-587-465.json", 100350000, 1920, 1080, LANG_JA },
		{ "scenarios/01b-agents.json", 1469000, 1920, 1080, LANG_JA },
		{ "scenarios/06-bounce-backscatter.json", 1477000, 1920, 1080, LANG_JA },
		{ "scenarios/08-open-relay.json", 120378000, 1920, 1080, LANG_JA },
		{ "scenarios/04-submission-587-465.json", 100350000, 1280, 720, LANG_EN },
		{ "scenarios/01b-agents.json", 1476000, 1920, 1080, LANG_JA },
		{ "scenarios/04-submission-587-465.json", 100350000, 1280, 720, LANG_JA },
		{ "scenarios/08-open-relay.json", 120378000, 1920, 1080, LANG_EN },
	};
	int cut = 0, all = 1;
	for (size_t k = 0; k < sizeof at / sizeof *at; k++) {
		if (!test_render_util_thin(k)) {
			all = 0;
			continue;
		}
		struct render_app *a = test_render_util_app_mode(at[k].lesson, at[k].lang, at[k].w, at[k].h, 1);
		a->quiz.off = 1;
		render_control_run_to(a, at[k].t);
		render_app_draw(a);
		char what[160];
		snprintf(what, sizeof what, "%s at %.3f s, %dx%d %s", at[k].lesson, (double)at[k].t / 1e6, a->w, a->h,
		         at[k].lang == LANG_EN ? "en" : "ja");
		SDL_Rect cur = a->events_cur, cap = a->events_caption, room = a->events_room;
		cr_expect(test_render_current_inside(cur, room), "%s: the current row is not whole", what);
		cr_expect(test_render_current_inside(cap, room) && cap.y == cur.y + cur.h,
		          "%s: no caption under the current row (row %d+%d, caption %d+%d, list %d+%d)", what, cur.y,
		          cur.h, cap.y, cap.h, room.y, room.h);
		/* the highest row drawn, the list's top no more than a row's
		 * worth of lines blank above it */
		int top = cur.h > 0 ? cur.y : room.y + room.h;
		for (size_t i = 0; i < a->nhits; i++)
			if (a->hits[i].kind == RENDER_APP_HIT_EVENT && a->hits[i].rc.y < top)
				top = a->hits[i].rc.y;
		int lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, a->panels.px_small);
		cr_expect_leq(top - room.y, 2 * lh, "%s: the list's top is blank down to %d (list from %d)", what, top,
		              room.y);
		cut += a->events_caption_cut;
		render_app_free(a);
	}
	/* (over all of them: the sanitizer pass thins them to one) */
	if (all)
		cr_expect_gt(cut, 0, "no caption was cut: the moments no longer test what they are for");
}
