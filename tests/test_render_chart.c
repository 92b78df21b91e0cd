/* test_render_chart — the totals chart: its bars add up to the groups'
 * recipients with one colour per destination and per blocking rule, share
 * one scale, stay inside their plot; it appears by itself in the botnet
 * lesson, T switches it anywhere, and the picture has the bars where the
 * geometry says.  Also the event list's short lines (the words the chart's
 * neighbours use): every field filled, folders and rules named. */
#include <criterion/criterion.h>

#include <SDL.h>
#include <string.h>

#include "render.h"
#include "render_app.h"
#include "test_render_util.h"
#include "render_chart.h"
#include "render_view.h"

static struct sim_total test_render_chart_group(const char *name, int rcpts)
{
	struct sim_total t;
	memset(&t, 0, sizeof t);
	snprintf(t.group, sizeof t.group, "%s", name);
	t.messages = rcpts;
	t.rcpts = rcpts;
	return t;
}

static int test_render_chart_seg(const struct render_chart *c, int bar, enum render_chart_kind kind,
                                 const char *rule)
{
	for (int i = 0; i < c->bar[bar].nseg; i++) {
		const struct render_chart_key *k = &c->key[c->bar[bar].seg[i].key];
		if (k->kind == kind && (!rule || (k->rule && strcmp(k->rule, rule) == 0)))
			return i;
	}
	return -1;
}

Test(render_chart, segments_add_up_and_share_a_scale)
{
	static const char op25b[] = "OP25B", ip25b[] = "IP25B";
	struct sim_total t[3];
	t[0] = test_render_chart_group("spamA", 1000);
	t[0].state[LS_BLOCKED] = 1000;
	t[0].nrules = 1;
	t[0].rule_router[0] = 0;
	t[0].rule[0] = op25b;
	t[0].rule_count[0] = 1000;
	t[1] = test_render_chart_group("spamB", 500);
	t[1].state[LS_DELIVERED] = 400;
	t[1].inbox = 100;
	t[1].junk = 300;
	t[1].state[LS_BLOCKED] = 60;   /* 50 by IP25B, 10 by a rule the totals could not name */
	t[1].nrules = 1;
	t[1].rule_router[0] = 2;
	t[1].rule[0] = ip25b;
	t[1].rule_count[0] = 50;
	t[1].state[LS_IN_FLIGHT] = 40;
	t[2] = test_render_chart_group("m1", 1);
	t[2].state[LS_DELIVERED] = 1;
	t[2].inbox = 1;
	struct render_chart c;
	render_chart_collect(&c, t, 3);
	cr_assert_eq(c.ngroups, 3);
	cr_assert_eq(c.nmore, 0);
	/* One key per blocking rule, distinct colours. */
	int a = test_render_chart_seg(&c, 0, RENDER_CHART_BLOCKED, "OP25B");
	int b = test_render_chart_seg(&c, 1, RENDER_CHART_BLOCKED, "IP25B");
	cr_assert_geq(a, 0);
	cr_assert_geq(b, 0);
	cr_assert_neq(c.key[c.bar[0].seg[a].key].fill, c.key[c.bar[1].seg[b].key].fill);
	cr_assert_eq(c.key[c.bar[1].seg[b].key].router, 2);
	/* Every group's segments add up to its recipients; keys in order. */
	for (size_t g = 0; g < c.ngroups; g++) {
		int sum = 0;
		for (int i = 0; i < c.bar[g].nseg; i++) {
			sum += c.bar[g].seg[i].count;
			cr_assert_gt(c.bar[g].seg[i].count, 0);
			if (i)
				cr_assert_gt(c.bar[g].seg[i].key, c.bar[g].seg[i - 1].key);
		}
		cr_assert_eq(sum, t[g].rcpts, "group %s: %d of %d", t[g].group, sum, t[g].rcpts);
	}
	cr_assert_geq(test_render_chart_seg(&c, 1, RENDER_CHART_BLOCKED, NULL), 0);
	int other = test_render_chart_seg(&c, 1, RENDER_CHART_OTHER, NULL);
	cr_assert_geq(other, 0);
	cr_assert_eq(c.bar[1].seg[other].count, 40);

	SDL_Rect plot = { 100, 50, 600, 300 };
	render_chart_place(&c, plot, 120, 60, 36, 60, 4);
	cr_assert_eq(c.nplaced, 3);
	int full = 600 - 120 - 60;
	cr_assert_eq(c.bar[0].bar.w, full, "the largest group fills the bar area");
	cr_assert_eq(c.bar[0].bar.x, 100 + 120);
	int half = c.bar[1].bar.w;
	cr_assert(half >= full / 2 - 3 && half <= full / 2 + 12, "500 of 1000 is half: %d of %d", half, full);
	cr_assert_geq(c.bar[2].bar.w, 4, "one recipient is still visible");
	for (size_t g = 0; g < c.ngroups; g++) {
		const struct render_chart_bar *bar = &c.bar[g];
		cr_assert_geq(bar->label.y, plot.y);
		cr_assert_leq(bar->label.y + bar->label.h, plot.y + plot.h);
		if (g)
			cr_assert_geq(bar->label.y, c.bar[g - 1].label.y + c.bar[g - 1].label.h, "rows overlap");
		int x = bar->bar.x;
		for (int i = 0; i < bar->nseg; i++) {
			cr_assert_eq(bar->seg[i].rc.x, x, "segments touch, in order");
			cr_assert_geq(bar->seg[i].rc.w, 4);
			x += bar->seg[i].rc.w;
		}
		cr_assert_leq(x, plot.x + plot.w - 60, "the bar ends before the total");
	}
	/* Too many groups for the plot: the ones that fit are placed. */
	struct sim_total many[RENDER_CHART_MAX_GROUPS + 4];
	for (int i = 0; i < RENDER_CHART_MAX_GROUPS + 4; i++)
		many[i] = test_render_chart_group("g", 10 + i);
	render_chart_collect(&c, many, RENDER_CHART_MAX_GROUPS + 4);
	cr_assert_eq(c.ngroups, RENDER_CHART_MAX_GROUPS);
	cr_assert_eq(c.nmore, 4);
	render_chart_place(&c, plot, 120, 60, 36, 60, 4);
	cr_assert_eq(c.nplaced, 300 / 36);
}

Test(render_chart, botnet_lesson_draws_its_totals)
{
	/* Lesson 09 at 230 s: the chart is in the inspector's place by itself,
	 * one bar per group, spamA stopped by OP25B at ISP A's border, spamC
	 * by IP25B at ISP B's, and the picture has those colours there. */
	struct render_app *a = test_render_util_app("scenarios/09-botnet-scale.json", LANG_JA, 1920, 1080);
	render_control_run_to(a, 230 * 1000000LL);
	render_app_draw(a);
	cr_assert(render_chart_shown(a));
	const struct render_chart *c = a->chart;
	cr_assert_not_null(c, "no chart drawn");
	cr_assert_eq(c->nplaced, (int)c->ngroups);
	const char *want[] = { "spamA", "spamC", "spamB", "spamAoff", "spamCoff", "m1" };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		size_t g = 0;
		while (g < c->ngroups && strcmp(c->group[g].group, want[i]) != 0)
			g++;
		cr_assert_lt(g, c->ngroups, "no bar for %s", want[i]);
		const struct render_chart_bar *bar = &c->bar[g];
		cr_assert(SDL_HasIntersection(&bar->bar, &a->panels.inspector), "%s outside the chart panel", want[i]);
		for (int k = 0; k < bar->nseg; k++) {
			const struct render_chart_seg *s = &bar->seg[k];
			if (s->rc.w < 8)
				continue;
			/* Sample left of the centre line, under any label's text. */
			uint32_t got = test_render_util_pixel(a, s->rc.x + 2, s->rc.y + 2);
			cr_assert_eq(got, c->key[s->key].fill, "%s segment %d: %08x, want %08x", want[i], k, got,
				     c->key[s->key].fill);
		}
		if (strcmp(want[i], "spamA") == 0 || strcmp(want[i], "spamC") == 0) {
			int k = test_render_chart_seg(c, (int)g, RENDER_CHART_BLOCKED,
						      want[i][4] == 'A' ? "OP25B" : "IP25B");
			cr_assert_geq(k, 0, "%s has no blocked segment", want[i]);
			const struct render_chart_key *key = &c->key[bar->seg[k].key];
			cr_assert_str_eq(a->sc->routers[key->router].id, want[i][4] == 'A' ? "ispa-gw" : "ispb-gw");
			cr_assert_gt(bar->seg[k].count, 0);
		}
	}
	render_app_free(a);
}

/* Lesson 09 at 10.49 s (1080p presenter): m1's one recipient beside
 * spamA's 170.  A faint track drawn the full scale behind its 2 px bar
 * read as "1 of 170"; the row is bare past the bar and its total stands
 * at the bar's end, darker than the panel right after it. */
Test(render_chart, a_short_bar_has_no_track_and_its_total_at_its_end)
{
	struct render_app *a = test_render_util_app_at("scenarios/09-botnet-scale.json", LANG_EN, 1920, 1080, 1, 10490000);
	cr_assert(render_chart_shown(a));
	const struct render_chart *c = a->chart;
	cr_assert_not_null(c);
	int g = 0;
	while (g < c->nplaced && strcmp(c->group[g].group, "m1") != 0)
		g++;
	cr_assert_lt(g, c->nplaced, "m1's bar is drawn");
	const struct render_chart_bar *bar = &c->bar[g];
	cr_assert_eq(bar->total, 1);
	int end = bar->bar.x;
	for (int k = 0; k < bar->nseg; k++)
		end = end > bar->seg[k].rc.x + bar->seg[k].rc.w ? end : bar->seg[k].rc.x + bar->seg[k].rc.w;
	int full = bar->count.x - bar->bar.x;   /* the scale's length: the track's, once */
	cr_assert_lt(end - bar->bar.x, full / 20, "a short bar");
	int y = bar->label.y + bar->label.h / 2;
	uint32_t panel = test_render_util_pixel(a, bar->count.x - 4, bar->label.y - 2);
	for (int x = bar->bar.x + full / 3; x < bar->count.x - 2; x += 7)
		cr_assert_eq(test_render_util_pixel(a, x, y), panel, "at %d,%d: %08x, the panel is %08x", x, y,
			     test_render_util_pixel(a, x, y), panel);
	int ink = 0;   /* the "1" within a few digits of the bar's end */
	for (int x = end; x < end + bar->label.h && !ink; x++)
		for (int yy = bar->label.y; yy < bar->label.y + bar->label.h && !ink; yy++)
			ink = (test_render_util_pixel(a, x, yy) & 0xFF000000u) < 0x60000000u;
	cr_assert(ink, "the total is drawn at the bar's end");
	render_app_free(a);
}

Test(render_chart, t_switches_it_in_any_lesson)
{
	struct render_app *a = test_render_util_app("scenarios/01-basic-flow.json", LANG_JA, 1280, 720);
	render_app_draw(a);
	cr_assert_not(render_chart_shown(a), "a small lesson starts with the message list");
	cr_assert_not_null(render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_CHART, -1),
			   "no chart button in the top bar");
	render_app_select(a, RENDER_APP_SEL_HOST, 0);
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = SDL_KEYDOWN;
	ev.key.keysym.sym = SDLK_t;
	render_app_handle_event(a, &ev);
	cr_assert(render_chart_shown(a));
	cr_assert_eq(a->sel, RENDER_APP_SEL_NONE, "showing the chart clears the selection");
	render_control_run_to(a, 3 * 1000000LL);
	render_app_draw(a);
	cr_assert_not_null(a->chart);
	cr_assert_gt(a->chart->nplaced, 0);
	render_app_handle_event(a, &ev);
	cr_assert_not(render_chart_shown(a));
	render_app_free(a);
}

static void test_render_chart_line(struct render_app *a, const struct trace_rec *r, const char *want,
                                   const char *not_want)
{
	struct sbuf b = { 0 };
	render_view_event_text(a, r, &b);
	cr_assert_not_null(b.s);
	cr_assert_not_null(strstr(b.s, want), "\"%s\" lacks \"%s\"", b.s, want);
	if (not_want)
		cr_assert_null(strstr(b.s, not_want), "\"%s\" has \"%s\"", b.s, not_want);
	cr_assert_null(strchr(b.s, '{'), "unfilled field in \"%s\"", b.s);
	sbuf_free(&b);
}

Test(render_i18n, event_lines_say_what_happened)
{
	/* The short lines of the event list, in Japanese: a mark says spam or
	 * not and the folder (not the reader's address as the verdict), a
	 * delivery names the folder, a refused connection names its rule only
	 * when there is one, and the DATA payload is told in words. */
	struct render_app *a = test_render_util_app("scenarios/01-basic-flow.json", LANG_JA, 800, 600);
	struct trace_rec r;
	memset(&r, 0, sizeof r);
	r.node = 0;
	r.peer = 1;
	r.msg = -1;
	r.conn = -1;
	r.role = -1;
	r.kind = TR_MARK;
	r.u.box.user = scenario_find_user(a->sc, "bob@ispb.example");
	r.u.box.folder = TRACE_FOLDER_JUNK;
	r.u.box.spam = 1;
	test_render_chart_line(a, &r, "を迷惑メールと指定（迷惑メール", "を bob@ispb.example と判定");
	r.u.box.spam = 0;
	r.u.box.folder = TRACE_FOLDER_INBOX;
	test_render_chart_line(a, &r, "迷惑メールではないと指定（受信箱", NULL);
	r.kind = TR_DELIVER;
	r.u.box.folder = TRACE_FOLDER_JUNK;
	test_render_chart_line(a, &r, "（迷惑メールフォルダ）", NULL);
	memset(&r.u, 0, sizeof r.u);
	r.kind = TR_REFUSED;
	r.port = 25;
	r.u.stop = (struct trace_stop){ -1, -1, 0 };
	test_render_chart_line(a, &r, "拒否されました", "ルール");
	r.u.stop = (struct trace_stop){ scenario_find_router(a->sc, "ispa-gw"), 0, RULE_DROP };
	test_render_chart_line(a, &r, "（ルール「OP25B」）", NULL);
	r.kind = TR_TIMEOUT;
	test_render_chart_line(a, &r, "タイムアウト（ルール「OP25B」）", NULL);
	r.kind = TR_RULE;
	r.u.toggle = (struct trace_toggle){ scenario_find_router(a->sc, "ispa-gw"), 0, 1 };
	test_render_chart_line(a, &r, "ルール「OP25B」をオンに", "を オン に");
	r.kind = TR_CMD;
	r.u.line = (struct trace_line){ ".", NULL, 0, 440, NULL };
	test_render_chart_line(a, &r, "（メール本体 440 バイト）", "message");
	struct sbuf b = { 0 };
	render_view_payload_text(a, 440, &b);
	cr_assert_str_eq(b.s, "（メール本体 440 バイト）");
	sbuf_reset(&b);
	r.u.line = (struct trace_line){ "DATA", "DATA", 0, 0, NULL };
	render_view_wire_text(a, &r, &b);
	cr_assert_str_eq(b.s, "DATA");
	sbuf_free(&b);
	render_app_free(a);
}

/* The group of the message in focus, by its tag ("spamCoff.1" ->
 * "spamCoff"), among the chart's placed rows: its row, or -1. */
static int test_render_chart_focus_row(struct render_app *a)
{
	int focus = render_view_focus_msg(a);
	cr_assert_geq(focus, 0, "no message in focus");
	const char *tag = sim_ledger(render_app_sim(a), (size_t)focus)->tag;
	for (int g = 0; g < a->chart->nplaced; g++)
		if (strncmp(a->chart->group[g].group, tag, strcspn(tag, ".")) == 0 &&
		    a->chart->group[g].group[strcspn(tag, ".")] == '\0')
			return g;
	return -1;
}

Test(render_chart, the_focused_group_is_on_screen_in_presenter_mode)
{
	/* Lesson 09 in presenter mode: the chart has room for a bar or two of
	 * six groups.  At 101.5 s the caption is about spamCoff in Bob's
	 * INBOX, at 10.489 s about Alice's m1: the bar of the group in focus
	 * is drawn (it was left out under "5 more groups do not fit"), and
	 * thinner bars fit more than one. */
	static const struct {
		int w, h, lang;
		int64_t t;
		const char *tag;
	} at[] = {
		{ 1280, 720, LANG_JA, 101500000, "spamCoff" },
		{ 1280, 720, LANG_EN, 10489000, "m1" },
		{ 1920, 1080, LANG_EN, 2194000, "spamB" },
	};
	for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
		struct render_app *a = test_render_util_app("scenarios/09-botnet-scale.json", at[k].lang, at[k].w, at[k].h);
		a->quiz.off = 1;
		a->presenter = 1;
		render_control_run_to(a, at[k].t);
		render_app_draw(a);
		cr_assert(render_chart_shown(a));
		cr_assert_not_null(a->chart);
		int focus = render_view_focus_msg(a);
		cr_assert_geq(focus, 0);
		cr_assert(strncmp(sim_ledger(render_app_sim(a), (size_t)focus)->tag, at[k].tag, strlen(at[k].tag)) == 0,
			  "%.3f s: focus %s", (double)at[k].t / 1e6, sim_ledger(render_app_sim(a), (size_t)focus)->tag);
		int row = test_render_chart_focus_row(a);
		cr_assert_geq(row, 0, "%.3f s %dx%d: %s's bar is not drawn (%d of %zu placed)", (double)at[k].t / 1e6,
			      at[k].w, at[k].h, at[k].tag, a->chart->nplaced, a->chart->ngroups);
		cr_assert_gt(a->chart->bar[row].bar.w, 0);
		if (at[k].h == 720 && at[k].lang == LANG_JA)
			cr_assert_geq(a->chart->nplaced, 2, "thinner bars: more than one group");
		render_app_free(a);
	}
}

Test(render_chart, every_group_has_its_bar_in_presenter_mode)
{
	/* Lesson 09 in presenter mode at 1280 x 720: the chart under the
	 * sender-authentication card showed Alice's m1 alone, "3 more groups
	 * do not fit" -- the groups OP25B and IP25B blocked, which the lesson
	 * is about, left out.  Thinner bars, a legend of only the colours the
	 * bars have, packed, and the hint left out if need be: every group
	 * with a message has its bar, in both languages and sizes. */
	static const int64_t at[] = { 10489000, 31454000, 60000000, 101500000, 230000000 };
	static const int size[2][2] = { { 1280, 720 }, { 1920, 1080 } };
	for (int c = 0; c < 4; c++) {
		int lang = c & 1 ? LANG_EN : LANG_JA, w = size[c >> 1][0], h = size[c >> 1][1];
		if (!test_render_util_sweep("scenarios/09-botnet-scale.json", (c >> 1) + 2 + (c & 1 ? 4 : 0)))
			continue;
		/* one window played on through the moments */
		struct render_app *a = test_render_util_app("scenarios/09-botnet-scale.json", lang, w, h);
		a->quiz.off = 1;
		a->presenter = 1;
		for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
			render_control_run_to(a, at[k]);
			render_app_draw(a);
			cr_assert(render_chart_shown(a));
			cr_assert_not_null(a->chart);
			const struct render_chart *ch = a->chart;
			cr_assert_eq(ch->nmore, 0);
			cr_assert_eq(ch->nplaced, (int)ch->ngroups, "%.3f s %dx%d %s: %d of %zu groups have a bar",
				     (double)at[k] / 1e6, w, h, lang == LANG_EN ? "en" : "ja", ch->nplaced, ch->ngroups);
			/* The title whole, on one line at the size it is drawn. */
			int tw = 0;
			render_font_size(a->font, RENDER_FONT_BOLD, ch->title_px, RENDER_FONT_LINE, 0,
					 render_app_text(a, "ui.chart.title"), &tw, NULL);
			cr_assert_leq(tw, ch->title.w, "%.3f s %dx%d %s: the chart's title is cut (%d px of %d)",
				      (double)at[k] / 1e6, w, h, lang == LANG_EN ? "en" : "ja", tw, ch->title.w);
			for (int g = 0; g < ch->nplaced; g++) {
				cr_assert_gt(ch->bar[g].total, 0);
				/* names whole ("spamA…" could be spamA or spamAoff) */
				int nw = 0;
				render_font_size(a->font, RENDER_FONT_BOLD, ch->name_px, RENDER_FONT_LINE, 0, ch->group[g].group,
						 &nw, NULL);
				cr_assert_leq(nw, ch->bar[g].label.w, "%s's name cut", ch->group[g].group);
				cr_assert(SDL_HasIntersection(&ch->bar[g].bar, &a->panels.inspector), "%s outside the panel",
					  ch->group[g].group);
				cr_assert_leq(ch->bar[g].bar.y + ch->bar[g].bar.h, a->panels.inspector.y + a->panels.inspector.h,
					      "%s's bar below the panel", ch->group[g].group);
			}
		}
		render_app_free(a);
	}
}
