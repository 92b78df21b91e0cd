/* test_render_accept — polish items of issue 11 found by an acceptance
 * review: the legend shows each rule's colour, a network's name is in
 * its region or attached to it, a letter keeps off the networks' names,
 * the summary's rows are readable in presenter mode, and the event list
 * tells a past reply of many lines as its first line and a count. */
#include <criterion/criterion.h>

#include <glob.h>
#include <stdio.h>
#include <string.h>

#include "narrate.h"
#include "render.h"
#include "render_app.h"
#include "render_chart.h"
#include "render_control.h"
#include "render_pace.h"
#include "render_events.h"
#include "render_layout.h"
#include "render_legend.h"
#include "render_nettab.h"
#include "render_summary.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_view.h"
#include "test_render_util.h"

/* C5: the legend names each of the lesson's rules in the colour its stops
 * wear on the map and its bar in the totals chart (one source: the
 * chart's palette), drawn in every size and mode. */
Test(render_accept, the_legend_shows_each_rules_colour)
{
	static const char *const lessons[] = { "scenarios/02-op25b.json", "scenarios/10-mx-backup.json" };
	for (size_t l = 0; l < 2; l++)
		for (int c = 0; c < 8; c++) {
			if (!test_render_util_thin(l * 8 + (size_t)c))
				continue;
			int big = c & 1, presenter = (c >> 1) & 1, lang = c & 4 ? LANG_EN : LANG_JA;
			struct render_app *a = test_render_util_app_mode(lessons[l], lang, big ? 1920 : 1280, big ? 1080 : 720,
									 presenter);
			a->legend = 1;
			render_app_draw(a);
			struct render_legend_list list;
			render_legend_list(a, &list);
			const struct render_legend_drawn *d = &a->legend_drawn;
			cr_assert_eq(d->n, list.n);
			int rules = 0;
			for (int r = 0; r < a->sc->nrouters; r++)
				for (int k = 0; k < a->sc->routers[r].nrules; k++, rules++) {
					/* by its short name in the screen's language (lesson
					 * 10's メンテナンス, not "maintenance"), in the colour of
					 * its id */
					const char *name = render_view_rule_name(a, r, k);
					uint32_t want = render_chart_rule_fill(a->sc, r, a->sc->routers[r].rules[k].name);
					int found = -1;
					for (int i = 0; i < list.n && found < 0; i++)
						if (list.e[i].words && strstr(list.e[i].words, name) && list.e[i].color == want)
							found = i;
					cr_assert_geq(found, 0, "%s: no legend entry for rule %s in its colour", lessons[l], name);
					SDL_Rect s = d->sample[found];
					cr_assert(s.w > 0 && d->text[found].w > 0, "%s %dx%d presenter %d: rule %s not drawn",
						  lessons[l], a->w, a->h, presenter, name);
					SDL_Rect t = d->text[found];
					cr_expect_leq(t.x + t.w, d->box.x + d->box.w, "%s %dx%d presenter %d: rule %s's words cut",
						      lessons[l], a->w, a->h, presenter, name);
					uint32_t px = test_render_util_pixel(a, s.x + s.w / 4, s.y + s.h / 2);
					cr_expect_eq(px, want, "%s %dx%d presenter %d: rule %s's sample is %08x, not %08x",
						     lessons[l], a->w, a->h, presenter, name, px, want);
				}
			cr_assert_gt(rules, 0);
			render_app_free(a);
		}
}

/* C9: a letter never lies on a network's name (lesson 05's forwarded
 * letter on "ISP B servers"), at any moment of the forwarding, in both
 * sizes, modes and languages. */
Test(render_accept, a_letter_keeps_off_the_networks_names, .timeout = 600)
{
	int frames = 0, bad = 0;
	for (int c = 0; c < 8; c++) {
		if (!test_render_util_sweep("scenarios/05-envelope-bcc-forward.json", c))
			continue;
		int big = c & 1, presenter = (c >> 1) & 1, lang = c & 4 ? LANG_EN : LANG_JA;
		struct render_app *a = test_render_util_app_mode("scenarios/05-envelope-bcc-forward.json", lang,
								 big ? 1920 : 1280, big ? 1080 : 720, presenter);
		a->quiz.off = 1;
		for (int64_t t = 300000; t <= 3000000; t += 10000) {
			render_control_run_to(a, t);
			render_app_draw(a);
			frames++;
			for (size_t i = 0; i < a->nhits; i++) {
				SDL_Rect rc = a->hits[i].rc, x;
				if (a->hits[i].kind != RENDER_APP_HIT_MSG || !SDL_HasIntersection(&rc, &a->panels.topo))
					continue;
				for (int n = 0; n < a->sc->nnets; n++)
					if (a->place && SDL_IntersectRect(&rc, &a->place->title[n].rc, &x) && bad++ < 10)
						cr_expect_fail("%.2f s %dx%d%s %s: a letter at %d,%d %dx%d lies on %s's name",
							       (double)t / 1e6, a->w, a->h, presenter ? " presenter" : "",
							       lang == LANG_EN ? "en" : "ja", rc.x, rc.y, rc.w, rc.h,
							       a->sc->nets[n].id);
			}
		}
		render_app_free(a);
	}
	cr_expect_eq(bad, 0, "%d of %d frames' letters lie on a network's name", bad, frames);
}

/* C3: a network's name is inside its region, or on a tab joined to it
 * (the region's edge under the tab drawn in the region's fill, so the two
 * read as one shape), or a line leads to it -- never floating between
 * two regions (lesson 07's "ISP C customers", lesson 02's "インターネット"
 * above their boxes).  Every lesson, both sizes, modes and languages. */
static void test_render_accept_title(struct render_app *a, const char *lesson, const char *frame, void *ud)
{
	(void)lesson;
	int *tabs = ud;
	for (int n = 0; n < a->sc->nnets && a->place; n++) {
		const struct render_topology_title *t = &a->place->title[n];
		SDL_Rect rc = render_layout_net_rect(&a->layout, n), s = t->rc, tab, joint;
		if (s.w <= 0 || t->lead || rc.w <= 0)
			continue;
		int line = a->panels.line > 0 ? a->panels.line : 1;
		if (s.x >= rc.x + line && s.y >= rc.y + line && s.x + s.w <= rc.x + rc.w - line &&
		    s.y + s.h <= rc.y + rc.h - line)
			continue;   /* inside */
		char what[400];
		snprintf(what, sizeof what, "%s: %s's name at %d,%d %dx%d, its region %d,%d %dx%d", frame,
			 a->sc->nets[n].id, s.x, s.y, s.w, s.h, rc.x, rc.y, rc.w, rc.h);
		if (!render_nettab_rect(a, n, &tab, &joint)) {
			cr_expect_fail("%s: neither inside nor on a tab", what);
			continue;
		}
		SDL_Rect x;
		cr_expect(SDL_IntersectRect(&tab, &s, &x) && SDL_RectEquals(&x, &s), "%s: not on its tab", what);
		/* the joint's pixels beside the name's words (their ink may
		 * pass their line's box by a pixel or two): the region's
		 * fill; none when the words cover all of it */
		uint32_t fill = render_theme_net[a->sc->nets[n].kind], bad = 0;
		SDL_Rect ink = { s.x - 3, s.y - 3, s.w + 6, s.h + 6 };
		int seen = 0, off = 0;
		for (int y = joint.y; y < joint.y + joint.h; y++)
			for (int x0 = joint.x; x0 < joint.x + joint.w; x0++) {
				SDL_Point pt = { x0, y };
				if (SDL_PointInRect(&pt, &ink))
					continue;
				uint32_t v = test_render_util_pixel(a, x0, y);
				seen++;
				if (v != fill && !off++)
					bad = v;
			}
		cr_expect(off == 0, "%s: %d of %d pixels of the joint at %d,%d %dx%d are not the region's %08x (%08x)",
			  what, off, seen, joint.x, joint.y, joint.w, joint.h, fill, bad);
		(*tabs)++;
	}
}

Test(render_accept, a_networks_name_is_inside_or_attached, .timeout = 600)
{
	int tabs = 0;
	test_render_util_each_config(test_render_accept_title, &tabs);
	cr_expect_gt(tabs, 0, "no name outside its region to check");
}

/* Item 4: lesson 12's summary (ten paths) in presenter mode at 1280 x 720
 * lists its rows at presenter mode's small size or more (they were set at
 * 10 px), and says how many more there are when not all fit. */
Test(render_accept, the_summarys_rows_are_readable_in_presenter_mode)
{
	for (int c = 0; c < 4; c++) {
		int big = c & 1, lang = c & 2 ? LANG_EN : LANG_JA;
		struct render_app *a = test_render_util_app_mode("scenarios/12-bayes-learning.json", lang, big ? 1920 : 1280,
								 big ? 1080 : 720, 1);
		a->quiz.off = 1;
		render_control_run_to(a, a->sc->until_us);
		render_summary_set(a, 1);
		render_app_draw(a);
		const struct render_summary *s = &a->summary;
		cr_assert_geq(s->npath, 10);
		cr_expect_geq(s->row_px, 16, "%dx%d: rows' names at %d px", a->w, a->h, s->row_px);
		cr_expect_geq(s->row_small_px, a->panels.px_small, "%dx%d: rows' outcomes at %d px, small text is %d", a->w,
			      a->h, s->row_small_px, a->panels.px_small);
		cr_expect_geq(s->rows_shown, 3, "%dx%d: %zu rows listed", a->w, a->h, s->rows_shown);
		render_app_free(a);
	}
}

/* Item 5: a past row of a reply of several lines (an EHLO's 250- lines) is
 * its first line and "(+N lines)", like the current row that does not fit:
 * not the whole reply taking five rows of the list. */
Test(render_accept, a_past_ehlo_reply_is_its_first_line_and_a_count)
{
	struct render_app *a = test_render_util_app_mode("scenarios/05-envelope-bcc-forward.json", LANG_EN, 1920, 1080, 0);
	a->quiz.off = 1;
	render_control_run_to(a, 3000000);
	render_app_draw(a);
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	struct sbuf b = { 0 };
	int replies = 0;
	for (size_t i = 0; i < n; i++) {
		if (tr[i].kind != TR_REPLY || !tr[i].u.line.text || !strstr(tr[i].u.line.text, "250-PIPELINING"))
			continue;
		render_events_row_text(a, &tr[i], 0, &b);
		cr_expect(strstr(b.s, "(+") && strstr(b.s, "lines)"), "past row %zu: \"%s\" has no count of lines", i, b.s);
		cr_expect_null(strstr(b.s, "PIPELINING"), "past row %zu: \"%s\" shows the reply whole", i, b.s);
		cr_expect_null(strchr(b.s, '\n'), "past row %zu: more than one line", i);
		replies++;
	}
	sbuf_free(&b);
	cr_expect_geq(replies, 2, "lesson 05 has EHLO replies before 3 s");
	render_app_free(a);
}

/* Issue 11 (acceptance check): lesson 03's caption at 20.07 s cites ISP
 * C's dynamic range 192.0.2.64/26, which the map showed in no size, mode
 * or language: its name across its narrow region left no room on that
 * edge.  Lesson 02 from 50 s, as the captions speak of ISP A's customers'
 * dynamic addresses: their name wrapped on two lines left their range
 * out in presenter mode.  A dynamic pool's range is on the map at those
 * moments in every configuration, whole in the map, inside its region or
 * on a tab joined to it, and on no other region. */
Test(render_accept, a_dynamic_pools_range_the_caption_cites_is_shown)
{
	static const struct {
		const char *lesson, *net;
		int64_t at;
	} cases[2] = { { "scenarios/03-ip25b.json", "ispc-pool", 20070000 },
		       { "scenarios/02-op25b.json", "ispa-pool", 49999000 } };
	for (int c = 0; c < 16; c++) {
		int big = c & 1, presenter = (c >> 1) & 1, lang = c & 4 ? LANG_EN : LANG_JA, k = c >> 3;
		struct render_app *a = test_render_util_app_mode(cases[k].lesson, lang, big ? 1920 : 1280, big ? 1080 : 720,
		                                                  presenter);
		a->quiz.off = 1;
		render_control_run_to(a, cases[k].at);
		if (k)
			render_pace_next_caption(a);
		render_app_draw(a);
		int n = scenario_find_net(a->sc, cases[k].net);
		cr_assert_geq(n, 0);
		SDL_Rect r = a->place->title[n].range, rn = render_layout_net_rect(&a->layout, n), x, tab, joint;
		cr_assert_gt(r.w, 0, "%s %dx%d presenter %d lang %d: no range for %s", cases[k].lesson, a->w, a->h, presenter,
			     lang, cases[k].net);
		cr_expect(SDL_IntersectRect(&r, &a->panels.topo, &x) && SDL_RectEquals(&x, &r), "range cut by the map");
		int inside = SDL_IntersectRect(&r, &rn, &x) && SDL_RectEquals(&x, &r);
		cr_expect(inside || render_nettab_rect_of(a, n, r, &tab, &joint),
			  "%dx%d presenter %d: the range neither in its region nor on a tab", a->w, a->h, presenter);
		for (int m = 0; m < a->sc->nnets; m++) {
			SDL_Rect o = render_layout_net_rect(&a->layout, m);
			cr_expect(m == n || !SDL_HasIntersection(&o, &r), "the range on %s's region", a->sc->nets[m].id);
		}
		render_app_free(a);
	}
}
