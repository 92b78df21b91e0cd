/* test_render_ladder — the sequence chart of the protocol panel: the first
 * SMTP session of lesson 01 as arrows in the order they arrived, each
 * leaving before it lands, from the right side in the right colour with
 * the line as its label; the line on the wire partly drawn; a SYN that
 * OP25B drops in lesson 02 ends at the router's lifeline with the rule's
 * name, and the timeout follows as a note; S and the switch in the panel's
 * title change the view, and drawing it never moves the simulation. */
#include <criterion/criterion.h>

#include <SDL.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "render_app.h"
#include "render_fold.h"
#include "render_control.h"
#include "test_render_util.h"
#include "render_ladder.h"
#include "render_theme.h"

static void test_render_ladder_key(struct render_app *a, SDL_Keycode k)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = SDL_KEYDOWN;
	ev.key.keysym.sym = k;
	render_app_handle_event(a, &ev);
}

static void test_render_ladder_click(struct render_app *a, SDL_Rect rc)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = SDL_MOUSEBUTTONDOWN;
	ev.button.button = SDL_BUTTON_LEFT;
	ev.button.x = rc.x + rc.w / 2;
	ev.button.y = rc.y + rc.h / 2;
	render_app_handle_event(a, &ev);
	ev.type = SDL_MOUSEBUTTONUP;
	render_app_handle_event(a, &ev);
}

Test(render_ladder, first_smtp_session_of_lesson_01)
{
	struct render_app *a = test_render_util_app("scenarios/01-basic-flow.json", LANG_JA, 1920, 1080);
	render_control_run_to(a, 1300000);
	render_app_draw(a);   /* gathers this frame's connections */
	/* Connection 1: alice's PC submits m1 to ISP A's server on 587. */
	struct render_ladder l;
	memset(&l, 0, sizeof l);
	cr_assert_eq(render_ladder_collect(a, 1, &l), 20);
	cr_assert_eq(l.conn, 1);
	cr_assert_str_eq(a->sc->hosts[l.client].id, "alice-pc");
	cr_assert_str_eq(a->sc->hosts[l.server].id, "mail-a");
	cr_assert_eq(l.port, 587);
	cr_assert_eq(l.proto, PROTO_SMTP);
	cr_assert_eq(l.router, -1);
	static const struct { enum render_ladder_class cls; const char *label; } want[] = {
		{ RENDER_LADDER_SYN, "SYN :587" },
		{ RENDER_LADDER_REPLY, "220 mail.ispa.example ESMTP mailsim" },
		{ RENDER_LADDER_CMD, "EHLO alice-pc.ispa.example" },
		{ RENDER_LADDER_REPLY, "250-mail.ispa.example （ほか 7 行）" },
		{ RENDER_LADDER_CMD, "STARTTLS" },
		{ RENDER_LADDER_REPLY, "220 2.0.0 Ready to start TLS" },
		{ RENDER_LADDER_CMD, "EHLO alice-pc.ispa.example" },
		{ RENDER_LADDER_REPLY, "250-mail.ispa.example （ほか 7 行）" },
		{ RENDER_LADDER_CMD, "AUTH PLAIN " },
		{ RENDER_LADDER_REPLY, "235 2.7.0 Authentication successful" },
		{ RENDER_LADDER_CMD, "MAIL FROM:<alice@ispa.example>" },
		{ RENDER_LADDER_REPLY, "250 2.1.0 Ok" },
		{ RENDER_LADDER_CMD, "RCPT TO:<bob@ispb.example>" },
		{ RENDER_LADDER_REPLY, "250 2.1.5 Ok" },
		{ RENDER_LADDER_CMD, "DATA" },
		{ RENDER_LADDER_REPLY, "354 End data with <CR><LF>.<CR><LF>" },
		{ RENDER_LADDER_CMD, "（メール本体 464 バイト）" },
		{ RENDER_LADDER_REPLY, "250 2.0.0 Ok: queued as " },
		{ RENDER_LADDER_CMD, "QUIT" },
		{ RENDER_LADDER_REPLY, "221 2.0.0 Bye" },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct render_ladder_arrow *ar = &l.arrow[i];
		cr_assert_eq(ar->cls, want[i].cls, "arrow %zu: %s, want %s", i, render_ladder_class_names[ar->cls],
			     render_ladder_class_names[want[i].cls]);
		cr_assert_eq(strncmp(ar->label, want[i].label, strlen(want[i].label)), 0, "arrow %zu: \"%s\", want \"%s\"",
			     i, ar->label, want[i].label);
		int to_server = ar->cls == RENDER_LADDER_CMD || ar->cls == RENDER_LADDER_SYN;
		cr_assert_eq(ar->from, to_server ? RENDER_LADDER_CLIENT : RENDER_LADDER_SERVER, "arrow %zu", i);
		cr_assert_eq(ar->to, to_server ? RENDER_LADDER_SERVER : RENDER_LADDER_CLIENT, "arrow %zu", i);
		cr_assert_lt(ar->t0, ar->t1, "arrow %zu lands before it leaves", i);
		cr_assert_eq(ar->t1 - ar->t0, 7000, "arrow %zu: one-way latency 7 ms, got %lld µs", i,
			     (long long)(ar->t1 - ar->t0));
		cr_assert_not(ar->in_flight);
		if (i)
			cr_assert_geq(ar->t0, l.arrow[i - 1].t1, "arrow %zu leaves before the one it answers lands", i);
	}
	/* The 220 that answers STARTTLS travels in the clear; the TLS
	 * handshake takes a round trip (2 x 7 ms) and TLS starts with the
	 * EHLO that follows it. */
	cr_assert_eq(l.t_tls, l.arrow[6].t0);
	cr_assert_eq(l.arrow[6].t0 - l.arrow[5].t1, 14000);
	cr_assert(l.tls);
	cr_assert_eq(l.nnotes, 1);
	cr_assert_eq(l.note[0].kind, RENDER_LADDER_NOTE_CLOSE);
	/* Placed: time runs down, every arrow slopes down, labels a row apart. */
	render_ladder_place(&l, 24, 60, 200);
	for (size_t i = 0; i < l.narrows; i++) {
		cr_assert_gt(l.arrow[i].y1, l.arrow[i].y0, "arrow %zu does not slope down", i);
		if (i) {
			int m0 = (l.arrow[i - 1].y0 + l.arrow[i - 1].y1) / 2, m1 = (l.arrow[i].y0 + l.arrow[i].y1) / 2;
			cr_assert_geq(m1 - m0, 23, "labels %zu and %zu overlap (%d px apart)", i - 1, i, m1 - m0);
		}
	}
	cr_assert_geq(l.y_tls, l.arrow[5].y1);
	cr_assert_lt(l.y_tls, l.arrow[6].y1);
	cr_assert_gt(l.height, 200, "twenty arrows do not fit 200 px: the chart scrolls");
	/* A taller plot stretches the axis (at most 60 px between labels). */
	render_ladder_place(&l, 24, 60, 2000);
	int m0 = (l.arrow[0].y0 + l.arrow[0].y1) / 2, m1 = (l.arrow[1].y0 + l.arrow[1].y1) / 2;
	cr_assert(m1 - m0 > 30 && m1 - m0 <= 61, "stretched rows %d px apart", m1 - m0);
	cr_assert_leq(l.height, 2000);
	render_ladder_release(&l);
	render_app_free(a);
}

Test(render_ladder, focus_follows_the_latest_connection_and_the_wire)
{
	struct render_app *a = test_render_util_app("scenarios/01-basic-flow.json", LANG_JA, 1920, 1080);
	render_control_run_to(a, 1100000);
	render_app_draw(a);
	cr_assert_eq(render_ladder_focus(a), 1);
	render_control_run_to(a, 1358000);
	render_app_draw(a);
	/* At 1.358 s the two MTAs talk (connection 2); after STARTTLS and the
	 * TLS handshake's round trip, EHLO is on the wire. */
	cr_assert_eq(render_ladder_focus(a), 2);
	struct render_ladder l;
	memset(&l, 0, sizeof l);
	size_t n = render_ladder_collect(a, -1, &l);
	cr_assert_eq(l.conn, 2);
	cr_assert_eq(l.port, 25);
	cr_assert_str_eq(l.arrow[1].label, "220 mail.ispb.example ESMTP mailsim");
	const struct render_ladder_arrow *last = &l.arrow[n - 1];
	cr_assert(last->in_flight, "the line on the wire is not drawn");
	cr_assert_str_eq(last->label, "EHLO mail.ispa.example");
	cr_assert_eq(last->cls, RENDER_LADDER_CMD);
	cr_assert(last->frac > 0.55f && last->frac < 0.72f, "EHLO left at 1.344 s, lands at 1.366 s: %.2f drawn",
		  (double)last->frac);
	/* With m1 selected, its latest connection (the same one). */
	render_app_select(a, RENDER_APP_SEL_MSG, sim_ledger_find(render_app_sim(a), "m1"));
	cr_assert_eq(render_ladder_focus(a), 2);
	render_ladder_release(&l);
	render_app_free(a);
}

Test(render_ladder, op25b_drops_the_syn_at_the_router)
{
	/* Lesson 02 at 30 s: alice's PC tried the webmail server's port 25
	 * from her dynamic address; ISP A's border router dropped the SYN. */
	struct render_app *a = test_render_util_app("scenarios/02-op25b.json", LANG_JA, 1920, 1080);
	render_ladder_set(a, 1);
	render_control_run_to(a, 30 * 1000000LL);
	render_app_draw(a);
	const struct render_ladder *l = a->ladder;
	cr_assert_not_null(l, "no chart drawn");
	cr_assert_eq(l->conn, 5);
	cr_assert_eq(l->narrows, 1);
	const struct render_ladder_arrow *ar = &l->arrow[0];
	cr_assert_eq(ar->cls, RENDER_LADDER_DROP);
	cr_assert_eq(ar->from, RENDER_LADDER_CLIENT);
	cr_assert_eq(ar->to, RENDER_LADDER_ROUTER);
	cr_assert_str_eq(ar->mark, "OP25B");
	cr_assert_str_eq(ar->label, "SYN :25");
	cr_assert_lt(ar->t0, ar->t1);
	cr_assert_gt(ar->y1, ar->y0);
	cr_assert_geq(l->router, 0);
	cr_assert_str_eq(a->sc->routers[l->router].id, "ispa-gw");
	cr_assert_str_eq(a->sc->hosts[l->server].id, "mail-x");
	cr_assert(l->x[RENDER_LADDER_CLIENT] < l->x[RENDER_LADDER_ROUTER] &&
		  l->x[RENDER_LADDER_ROUTER] < l->x[RENDER_LADDER_SERVER], "the router's lifeline is not in the middle");
	cr_assert(SDL_PointInRect(&(SDL_Point){ l->x[RENDER_LADDER_ROUTER], a->panels.transcript.y + a->panels.transcript.h / 2 },
				  &a->panels.transcript));
	cr_assert_eq(l->nnotes, 0, "the client is still waiting");
	/* The red cross sits on the router's lifeline where the SYN ended. */
	int red = 0;
	for (int y = a->panels.transcript.y; y < a->panels.transcript.y + a->panels.transcript.h; y++)
		red += test_render_util_pixel(a, l->x[RENDER_LADDER_ROUTER], y) == RENDER_THEME_BLOCK;
	cr_assert_geq(red, 4, "no red cross on the router's lifeline");
	/* 30 s after the SYN left, the client gives up: a note, after a break. */
	render_control_run_to(a, 55 * 1000000LL);
	render_app_draw(a);
	cr_assert_eq(l->conn, 5);
	cr_assert_eq(l->nnotes, 1);
	cr_assert_eq(l->note[0].kind, RENDER_LADDER_NOTE_TIMEOUT);
	cr_assert_eq(l->note[0].waited, 30 * 1000000LL);
	cr_assert_gt(l->note[0].y, l->arrow[0].y1);
	cr_assert_eq(l->nbreaks, 1, "the 30 s wait is not squeezed");
	cr_assert_lt(l->height, a->panels.transcript.h, "a dropped SYN and its timeout fit the panel");
	render_app_free(a);
}

Test(render_ladder, s_and_the_title_switch_change_the_view)
{
	struct render_app *a = test_render_util_app("scenarios/01-basic-flow.json", LANG_JA, 1280, 720);
	render_control_run_to(a, 1100000);
	render_app_draw(a);
	cr_assert_not(render_ladder_shown(a), "the transcript is the default view");
	cr_assert_null(a->ladder);
	const struct render_app_hitbox *h = render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_LADDER, 1);
	cr_assert_not_null(h, "no switch in the protocol panel's title");
	cr_assert(SDL_HasIntersection(&h->rc, &a->panels.transcript));
	size_t events = sim_events_done(render_app_sim(a));
	test_render_ladder_key(a, SDLK_s);
	cr_assert(render_ladder_shown(a));
	for (int i = 0; i < 3; i++)
		render_app_draw(a);
	cr_assert_not_null(a->ladder);
	cr_assert_eq(a->ladder->conn, 1);
	cr_assert_gt(a->ladder->narrows, 10);
	cr_assert_eq(sim_events_done(render_app_sim(a)), events, "drawing moved the simulation");
	test_render_ladder_key(a, SDLK_s);
	cr_assert_not(render_ladder_shown(a));
	/* The switch: its right half shows the chart, its left half the text. */
	render_app_draw(a);
	h = render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_LADDER, 1);
	cr_assert_not_null(h);
	test_render_ladder_click(a, h->rc);
	cr_assert(render_ladder_shown(a));
	test_render_ladder_click(a, h->rc);
	cr_assert(render_ladder_shown(a), "the chart's half does not switch back");
	render_app_draw(a);
	h = render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_LADDER, 0);
	cr_assert_not_null(h);
	test_render_ladder_click(a, h->rc);
	cr_assert_not(render_ladder_shown(a));
	/* Presenter mode and English draw too. */
	render_ladder_set(a, 1);
	a->presenter = 1;
	render_control_set_lang(a, LANG_EN);
	render_app_draw(a);
	cr_assert_eq(a->ladder->conn, 1);
	render_app_free(a);
}

/* Presenter mode's larger text left one arrow in view (lesson 01 at
 * 1.45 s, 1280 x 720 and 1920 x 1080): the bottom row grows, and several
 * arrows are in the chart at once. */
Test(render_ladder, presenter_mode_shows_several_rows)
{
	static const int sizes[][2] = { { 1280, 720 }, { 1920, 1080 } };
	for (int k = 0; k < 4; k++) {
		int w = sizes[k & 1][0], h = sizes[k & 1][1], lang = k >> 1 ? LANG_EN : LANG_JA;
		struct render_app *a = test_render_util_app_mode("scenarios/01-basic-flow.json", lang, w, h, 1);
		a->quiz.off = 1;
		render_ladder_set(a, 1);
		render_control_run_to(a, 1450000);
		render_app_draw(a);
		const struct render_ladder *l = a->ladder;
		cr_assert_not_null(l);
		int seen = 0;
		for (size_t i = 0; i < l->narrows; i++) {
			int y = l->base + l->arrow[i].y1;
			seen += y >= l->plot.y && y <= l->plot.y + l->plot.h;
		}
		cr_expect_geq(seen, 4, "%dx%d lang %d: %d arrows in view in a chart %d px high", w, h, lang, seen, l->plot.h);
		/* and the map keeps most of the window's height */
		cr_expect_geq(a->panels.topo.h, h / 3, "%dx%d: the map %d px high", w, h, a->panels.topo.h);
		render_app_free(a);
	}
}

Test(render_ladder, every_lesson_draws_its_connections)
{
	/* Smoke over the lessons (587, 465, refused, rejected, POP3, IMAP,
	 * thousands of bots): every arrow goes from one lifeline to another,
	 * lands no earlier than it left, slopes down and stays in the chart. */
	static const char *const lessons[] = {
		"scenarios/01-basic-flow.json", "scenarios/03-ip25b.json", "scenarios/04-submission-587-465.json",
		"scenarios/05-envelope-bcc-forward.json", "scenarios/06-bounce-backscatter.json",
		"scenarios/07-spoofing-spf.json", "scenarios/08-open-relay.json", "scenarios/09-botnet-scale.json",
	};
	static const double at[] = { 1.01, 1.2, 5, 31, 45, 72, 101, 131, 200 };
	for (size_t i = 0; i < sizeof lessons / sizeof lessons[0]; i++) {
		struct render_app *a = test_render_util_app(lessons[i], LANG_JA, 1280, 720);
		render_ladder_set(a, 1);
		for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
			render_control_run_to(a, (int64_t)(at[k] * 1e6));
			render_app_draw(a);
			const struct render_ladder *l = a->ladder;
			cr_assert_not_null(l);
			for (size_t j = 0; j < l->narrows; j++) {
				const struct render_ladder_arrow *ar = &l->arrow[j];
				cr_assert_neq(ar->from, ar->to, "%s at %.2f s: arrow %zu", lessons[i], at[k], j);
				cr_assert_leq(ar->t0, ar->t1, "%s at %.2f s: arrow %zu", lessons[i], at[k], j);
				cr_assert_geq(ar->y1, ar->y0, "%s at %.2f s: arrow %zu", lessons[i], at[k], j);
				cr_assert_leq(ar->y1, l->height);
				cr_assert(ar->label[0], "%s at %.2f s: arrow %zu has no label", lessons[i], at[k], j);
			}
		}
		render_app_free(a);
	}
}

/* Commands sent together (a pipelined burst, RFC 2920: MAIL, RCPT and
 * DATA before any reply) leave and land at the same times: each gets a
 * row of its own, as every label does, parallel arrows a row apart (their
 * labels were drawn on one another). */
Test(render_ladder, pipelined_commands_get_a_row_each)
{
	glob_t gl;
	cr_assert_eq(glob("scenarios/[0-9]*.json", 0, NULL, &gl), 0, "no lessons (run from the top directory)");
	int bursts = 0;
	for (size_t li = 0; li < gl.gl_pathc; li++) {
		struct render_app *a = test_render_util_app(gl.gl_pathv[li], LANG_EN, 1280, 720);
		render_control_run_to(a, a->sc->until_us);
		render_app_draw(a);
		for (int conn = 1; conn < 64; conn++) {
			struct render_ladder l;
			memset(&l, 0, sizeof l);
			if (render_ladder_collect(a, conn, &l) <= 0) {
				render_ladder_release(&l);
				continue;
			}
			render_ladder_place(&l, 24, 60, 200);
			for (size_t i = 0; i < l.narrows; i++)
				for (size_t j = i + 1; j < l.narrows; j++) {
					const struct render_ladder_arrow *p = &l.arrow[i], *q = &l.arrow[j];
					int mp = (p->y0 + p->y1) / 2, mq = (q->y0 + q->y1) / 2;
					bursts += p->t0 == q->t0 && p->from == q->from;
					cr_assert_geq(abs(mq - mp), 23, "%s conn %d: \"%s\" and \"%s\" %d px apart", gl.gl_pathv[li],
						      conn, p->label, q->label, abs(mq - mp));
					cr_assert_geq(q->y0, p->y0, "%s conn %d: \"%s\" leaves above \"%s\"", gl.gl_pathv[li], conn,
						      q->label, p->label);
				}
			render_ladder_release(&l);
		}
		render_app_free(a);
	}
	globfree(&gl);
	cr_assert_gt(bursts, 0, "no lesson pipelines its commands");
}

/* The [text | sequence chart] switch stays inside the transcript's panel
 * however narrow it is (lesson 07 at 40.39 s, 720p presenter, Japanese:
 * it reached 15 px out over the event list). */
Test(render_ladder, the_switch_stays_in_its_panel)
{
	struct render_app *a = test_render_util_app_mode("scenarios/07-spoofing-spf.json", LANG_JA, 1280, 720, 1);
	a->quiz.off = 1;
	render_fold_toggle(a, RENDER_APP_PANEL_TRANSCRIPT);   /* presenter mode starts with it folded */
	render_control_run_to(a, 40390000);
	render_app_draw(a);
	SDL_Rect t = a->panels.transcript;
	int segs = 0;
	for (size_t i = 0; i < a->nhits; i++) {
		const struct render_app_hitbox *h = &a->hits[i];
		if (h->kind != RENDER_APP_HIT_BUTTON || h->a != RENDER_APP_BTN_LADDER)
			continue;
		segs++;
		cr_expect(h->rc.x >= t.x && h->rc.x + h->rc.w <= t.x + t.w, "a tab at x %d..%d, the panel %d..%d", h->rc.x,
			  h->rc.x + h->rc.w, t.x, t.x + t.w);
	}
	cr_assert_eq(segs, 2);
	render_app_free(a);
}
