/* test_render_tabs — a message with several copies shows a tab for each
 * on the letter card (issue 11): recipients and where the copy is, the
 * current row's copy selected as the run moves, a click showing another
 * copy on the card and the envelope tag without touching the run, and the
 * tabs readable at 1280 x 720 and in presenter mode at 1920 x 1080,
 * folding into "+N" rather than overlapping anything. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "render_app.h"
#include "render_tabs.h"
#include "render_view.h"
#include "render_view_row.h"
#include "test_render_util.h"

/* The session at lesson time `at` seconds, drawn once; the focus. */
static int test_render_tabs_at(struct render_app *a, double at)
{
	a->quiz.off = 1;
	render_control_run_to(a, (int64_t)(at * 1e6));
	render_app_draw(a);
	int focus = render_view_focus_msg(a);
	cr_assert_geq(focus, 0, "a message is in focus at %.2f s", at);
	return focus;
}

/* A lesson at 1280 x 720 in English at `at` seconds, drawn once; *focus
 * gets the message in focus. */
static struct render_app *test_render_tabs_open(const char *lesson, double at, int *focus)
{
	struct render_app *a = test_render_util_stepper(lesson);
	*focus = test_render_tabs_at(a, at);
	return a;
}

/* The tab of msg whose recipients begin with who (whole form), -1. */
static int test_render_tabs_find(struct render_app *a, int msg, const char *who, struct render_tabs_tab *t, int *n)
{
	*n = render_tabs_list(a, msg, t, RENDER_TABS_MAX);
	for (int i = 0; i < *n && i < RENDER_TABS_MAX; i++)
		if (strncmp(t[i].who[0], who, strlen(who)) == 0)
			return i;
	return -1;
}

/* The card's copy of msg now. */
static const struct msg *test_render_tabs_shown(struct render_app *a, int msg)
{
	struct sim_copy cp;
	cr_assert_eq(render_view_copy_of(a, msg, &cp), 0);
	return cp.m;
}

Test(render_tabs, lesson_05_shows_bob_carol_and_dave_with_bob_selected)
{
	int m = -1;
	struct render_app *a = test_render_tabs_open("scenarios/05-envelope-bcc-forward.json", 1.90, &m);
	struct render_tabs_tab t[RENDER_TABS_MAX];
	int n = 0;
	int bob = test_render_tabs_find(a, m, "bob@univ.example", t, &n);
	cr_assert_eq(n, 3, "one tab per copy: Bob's forwarded copy, Carol's and Dave's");
	cr_assert_geq(bob, 0);
	cr_expect_str_eq(t[bob].state, "✓ INBOX");
	/* Shortest, it keeps which Bob (the mail was for bob@ispb.example,
	 * forwarded): not a "bob@…" that could be either (issue 11, 1280 x 720
	 * presenter), nor an "@univ…" that drops whose copy it is (review 19,
	 * B5): "bob@univ…". */
	cr_expect_str_eq(t[bob].who[2], "bob@univ…");
	cr_expect_str_eq(t[bob].who[1], "bob@univ…");
	/* Carol's and Dave's local parts are theirs alone. */
	cr_expect_str_eq(t[1].who[2], "carol@…");
	/* In the order of the recipient lines: Bob, Carol, Dave. */
	cr_expect_eq(bob, 0);
	cr_expect(strncmp(t[1].who[0], "carol@", 6) == 0, "%s", t[1].who[0]);
	cr_expect(strncmp(t[2].who[0], "dave@", 5) == 0, "%s", t[2].who[0]);
	/* The caption is about Bob's forwarded copy: its tab is the card's. */
	cr_expect_eq(test_render_tabs_shown(a, m), a->fcopy[t[bob].copy].m);
	render_app_free(a);
}

Test(render_tabs, a_click_shows_another_copy_until_the_run_moves)
{
	int m = -1;
	struct render_app *a = test_render_tabs_open("scenarios/05-envelope-bcc-forward.json", 1.90, &m);
	struct render_tabs_tab t[RENDER_TABS_MAX];
	int n = 0;
	int carol = test_render_tabs_find(a, m, "carol@ispb.example", t, &n);
	cr_assert_geq(carol, 0);
	const struct msg *want = a->fcopy[t[carol].copy].m;
	size_t before = 0, events = sim_events_done(render_app_sim(a));
	sim_trace(render_app_sim(a), &before);
	const struct render_app_hitbox *h = render_app_hit_find(a, RENDER_APP_HIT_TAB, m, carol);
	cr_assert_not_null(h, "Carol's tab can be clicked");
	test_render_util_click(a, h);
	/* The card and the envelope tag now show Carol's copy … */
	cr_expect_eq(test_render_tabs_shown(a, m), want, "Carol's copy on the card after the click");
	cr_expect_str_eq(want->rcpt[0], "carol@ispb.example");
	/* … and the run did not move. */
	size_t after = 0;
	sim_trace(render_app_sim(a), &after);
	cr_expect_eq(after, before, "a tab is view state: no record added");
	cr_expect_eq(sim_events_done(render_app_sim(a)), events, "no event processed");
	/* A step: the card follows the current row again. */
	test_render_util_key(a, SDLK_RIGHT, 0);
	render_app_draw(a);
	struct sim_copy cp;
	if (render_view_copy_of(a, m, &cp) == 0)
		cr_expect_neq(cp.m, want, "after a step the card follows the row, not the old click");
	render_app_free(a);
}

Test(render_tabs, lesson_07_shows_the_copy_checked_at_isp_b_beside_carols)
{
	int m = -1;
	struct render_app *a = test_render_tabs_open("scenarios/07-spoofing-spf.json", 20.30, &m);
	struct render_tabs_tab t[RENDER_TABS_MAX];
	int n = 0;
	int bob = test_render_tabs_find(a, m, "bob@ispb.example", t, &n);
	int carol = test_render_tabs_find(a, m, "carol@ispc.example", t, &n);
	cr_assert_eq(n, 2);
	cr_assert(bob >= 0 && carol >= 0);
	cr_expect(strstr(t[bob].state, "being sent") != NULL, "Bob's copy is on its way: %s", t[bob].state);
	cr_expect_str_eq(t[carol].state, "✓ INBOX");
	cr_expect_eq(test_render_tabs_shown(a, m), a->fcopy[t[bob].copy].m, "the copy ISP B checks is the card's");
	render_app_free(a);
}

/* Lesson 13 at 1.800 s: the caption is on the university's DMARC check of
 * Carol's forwarded copy; the card shows that copy (RCPT TO carol@univ),
 * so Carol's tab is the selected one, not Bob's (the first), although the
 * tab's own copy is the university's queued one. */
Test(render_tabs, the_selected_tab_is_the_card_copys_recipient)
{
	int m = -1;
	struct render_app *a = test_render_tabs_open("scenarios/13-dkim-dmarc.json", 1.800, &m);
	const struct msg *shown = test_render_tabs_shown(a, m);
	cr_assert(shown->nrcpt >= 1);
	cr_assert_str_eq(shown->rcpt[0], "carol@univ.example");
	struct render_tabs_tab t[RENDER_TABS_MAX];
	int n = render_tabs_list(a, m, t, RENDER_TABS_MAX);
	cr_assert_geq(n, 2);
	int sel = render_tabs_selected(a, m, shown, t, n < RENDER_TABS_MAX ? n : RENDER_TABS_MAX);
	cr_expect(strncmp(t[sel].who[0], "carol@univ.example", 18) == 0, "selected: %s", t[sel].who[0]);
	render_app_free(a);
}

Test(render_tabs, a_refused_recipient_has_a_tab_with_the_code)
{
	int focus = -1;
	struct render_app *a = test_render_tabs_open("scenarios/07-spoofing-spf.json", 1e6, &focus);
	int m = sim_ledger_find(render_app_sim(a), "spoof2");
	cr_assert_geq(m, 0);
	struct render_tabs_tab t[RENDER_TABS_MAX];
	int n = 0;
	int bob = test_render_tabs_find(a, m, "bob@ispb.example", t, &n);
	cr_assert_eq(n, 2, "Carol's stored copy and Bob's refused line");
	cr_assert_geq(bob, 0);
	cr_expect_eq(t[bob].copy, -1, "no copy holds Bob's line");
	cr_expect(strncmp(t[bob].state, "× 5", 4) == 0, "a 5xx code: %s", t[bob].state);
	render_app_free(a);
	/* At the caption of the 550 itself (40.40 s), while the client's copy
	 * is still on the connection until QUIT: refused, as the card's title
	 * says ("delivered ×1, rejected ×1"), not "→ in flight". */
	a = test_render_tabs_open("scenarios/07-spoofing-spf.json", 40.40, &focus);
	m = sim_ledger_find(render_app_sim(a), "spoof2");
	bob = test_render_tabs_find(a, m, "bob@ispb.example", t, &n);
	cr_assert_geq(bob, 0);
	cr_expect(strncmp(t[bob].state, "×", strlen("×")) == 0, "refused at the 550: %s", t[bob].state);
	render_app_free(a);
}

/* Every tab of msg drawn this frame: inside the card, below its title,
 * side by side on one row without overlapping; returns how many. */
static int test_render_tabs_laid_out(struct render_app *a, int msg)
{
	SDL_Rect tabs[RENDER_TABS_MAX + 1];
	int k = 0;
	for (size_t i = 0; i < a->nhits && k <= RENDER_TABS_MAX; i++)
		if (a->hits[i].kind == RENDER_APP_HIT_TAB && a->hits[i].a == msg)
			tabs[k++] = a->hits[i].rc;
	SDL_Rect card = a->panels.card;
	for (int i = 0; i < k; i++) {
		cr_expect(tabs[i].x >= card.x && tabs[i].x + tabs[i].w <= card.x + card.w, "tab %d inside the card", i);
		cr_expect(tabs[i].y > card.y + a->panels.px_title, "tab %d below the title", i);
		cr_expect_eq(tabs[i].y, tabs[0].y, "one row");
		for (int j = 0; j < i; j++)
			cr_expect(!SDL_HasIntersection(&tabs[i], &tabs[j]), "tabs %d and %d apart", j, i);
	}
	return k;
}

Test(render_tabs, readable_at_1280x720_and_in_presenter_mode_at_1080p)
{
	static const struct { int w, h, presenter, lang; } sizes[] = {
		{ 1280, 720, 0, LANG_EN }, { 1280, 720, 0, LANG_JA }, { 1920, 1080, 1, LANG_EN }, { 1920, 1080, 1, LANG_JA },
		{ 1280, 720, 1, LANG_JA },
	};
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
		struct render_app *a = test_render_util_app("scenarios/05-envelope-bcc-forward.json", sizes[s].lang,
							     sizes[s].w, sizes[s].h);
		a->presenter = sizes[s].presenter;
		int m = test_render_tabs_at(a, 1.90);
		render_app_draw(a);
		int k = test_render_tabs_laid_out(a, m);
		cr_expect_geq(k, 2, "%dx%d presenter %d: at least two tabs to click (or one and +N)", sizes[s].w,
			      sizes[s].h, sizes[s].presenter);
		/* The name text is at the panel's body size: 25 px or more in
		 * presenter mode at 1080p. */
		if (sizes[s].presenter && sizes[s].h == 1080)
			cr_expect_geq(a->panels.px_body, 25);
		/* The selected tab is always among those drawn. */
		struct sim_copy cp;
		cr_assert_eq(render_view_copy_of(a, m, &cp), 0);
		struct render_tabs_tab t[RENDER_TABS_MAX];
		int n = render_tabs_list(a, m, t, RENDER_TABS_MAX), sel = -1;
		for (int i = 0; i < n; i++)
			if (t[i].copy >= 0 && a->fcopy[t[i].copy].m == cp.m)
				sel = i;
		cr_assert_geq(sel, 0);
		cr_expect_not_null(render_app_hit_find(a, RENDER_APP_HIT_TAB, m, sel), "the selected tab is drawn");
		render_app_free(a);
	}
}

Test(render_tabs, one_copy_has_no_tabs)
{
	int m = -1;
	struct render_app *a = test_render_tabs_open("scenarios/01-basic-flow.json", 1.30, &m);
	struct render_tabs_tab t[RENDER_TABS_MAX];
	cr_expect_leq(render_tabs_list(a, m, t, RENDER_TABS_MAX), 1);
	cr_expect_null(render_app_hit_find(a, RENDER_APP_HIT_TAB, m, -1));
	render_app_free(a);
}

Test(render_tabs, the_wheel_over_a_tab_scrolls_the_card)
{
	int m = -1;
	struct render_app *a = test_render_tabs_open("scenarios/05-envelope-bcc-forward.json", 1.90, &m);
	const struct render_app_hitbox *h = render_app_hit_find(a, RENDER_APP_HIT_TAB, m, -1);
	cr_assert_not_null(h);
	test_render_util_wheel(a, h->rc, -1);   /* down: on through the card */
	cr_expect_neq(a->scroll[RENDER_APP_PANEL_CARD], 0, "the card scrolled");
	render_app_free(a);
}

/* The tabs of msg name each recipient once, each in the state its ledger
 * line has at the current row, and the card's copy is among them. */
static void test_render_tabs_true(struct render_app *a, int msg)
{
	struct render_tabs_tab t[RENDER_TABS_MAX];
	int n = render_tabs_list(a, msg, t, RENDER_TABS_MAX);
	cr_assert_leq(n, RENDER_TABS_MAX);
	const struct ledger_entry *e = sim_ledger(render_app_sim(a), (size_t)msg);
	size_t row = test_render_util_row(a);
	struct sim_copy cp;
	int has = render_view_copy_of(a, msg, &cp) == 0, card = 0;
	for (int i = 0; i < n; i++) {
		card |= has && t[i].copy >= 0 && a->fcopy[t[i].copy].m == cp.m;
		/* Whole names, two at most in these lessons: "bob@…, carol@…". */
		cr_assert(strchr(t[i].who[0], '+') == NULL);
		cr_assert_geq(t[i].line, 0, "row %zu: tab %s is a recipient line's", row, t[i].who[0]);
		char want[200];
		snprintf(want, sizeof want, "%s", t[i].who[0]);
		for (char *w = strtok(want, ", "); w; w = strtok(NULL, ", "))
			for (int j = 0; j < n; j++)
				cr_expect(j == i || strstr(t[j].who[0], w) == NULL, "row %zu: %s in tabs '%s %s' and '%s %s'",
					  row, w, t[i].who[0], t[i].state, t[j].who[0], t[j].state);
		enum ledger_state st = render_view_row_state(a, msg, &e->rcpts[t[i].line]);
		/* in flight once the server accepted; before, the client waits ("○ connecting") */
		int waits = st == LS_IN_FLIGHT && render_view_rcpt_connecting(a, msg, &e->rcpts[t[i].line]);
		const char *mark = st == LS_IN_FLIGHT && !waits ? "→" : st == LS_DELIVERED ? "✓"
		                 : !ledger_state_final(st) ? "○" : "×";
		cr_expect(strncmp(t[i].state, mark, strlen(mark)) == 0, "row %zu: tab '%s %s' but its line is %s", row,
			  t[i].who[0], t[i].state, ledger_state_names[st]);
	}
	cr_expect(n < 2 || !has || card, "row %zu: the card's copy has a tab", row);
}

Test(render_tabs, at_the_hand_over_a_recipient_has_one_tab_with_the_rows_state)
{
	struct render_app *a = test_render_util_stepper("scenarios/07-spoofing-spf.json");
	/* ISP A's MSA takes Alice's mail for Bob (ISP B) and Carol (ISP C):
	 * the client's copy waits on the connection for the 250, the server
	 * holds one copy per domain. */
	size_t q = test_render_util_step_to(a, TR_QUEUED, TRACE_TAKE_MSA);
	size_t all = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &all);
	int m = tr[q].msg;
	render_app_draw(a);
	struct render_tabs_tab t[RENDER_TABS_MAX];
	int n = 0;
	int bob = test_render_tabs_find(a, m, "bob@ispb.example", t, &n);
	int carol = test_render_tabs_find(a, m, "carol@ispc.example", t, &n);
	cr_assert_eq(n, 2, "Bob's and Carol's copies at ISP A, not also the client's still on the wire");
	cr_assert(bob >= 0 && carol >= 0);
	cr_expect_str_eq(t[bob].who[0], "bob@ispb.example");
	cr_expect_str_eq(t[bob].state, "○ queued");
	cr_expect_str_eq(t[carol].state, "○ queued");
	test_render_tabs_true(a, m);
	/* Every row of the message's way to both mailboxes tells the truth. */
	for (int i = 0; i < 120; i++) {
		test_render_util_key(a, SDLK_RIGHT, 0);
		render_app_draw(a);
		test_render_tabs_true(a, m);
	}
	cr_expect_eq(sim_ledger(render_app_sim(a), (size_t)m)->rcpts[1].state, LS_DELIVERED, "walked to the end");
	render_app_free(a);
}

Test(render_tabs, a_download_is_one_tab_beside_the_mailbox_it_came_from)
{
	struct render_app *a = test_render_util_stepper("scenarios/01-basic-flow.json");
	size_t f = test_render_util_step_to(a, TR_FETCHED, -1);
	size_t all = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &all);
	int m = tr[f].msg;
	render_app_draw(a);
	/* Until POP3's QUIT deletes it, the mail is still on the server too:
	 * two copies, one recipient. */
	int copies = 0;
	for (size_t i = 0; i < a->nfcopy; i++)
		copies += a->fcopy[i].m->ledger == m;
	cr_assert_eq(copies, 2, "the INBOX's copy and the mail program's");
	struct render_tabs_tab t[RENDER_TABS_MAX];
	cr_assert_eq(render_tabs_list(a, m, t, RENDER_TABS_MAX), 1, "one tab for Bob");
	cr_expect(strstr(t[0].state, "mail program") != NULL, "the row's download: %s", t[0].state);
	cr_expect_null(render_app_hit_find(a, RENDER_APP_HIT_TAB, m, -1), "one tab is not drawn");
	render_app_free(a);
}

/* Every tab, at every level, begins with the local part of its first
 * address: whose copy it is (review 19, B5: lesson 05 at 1.760 s and 13 at
 * 1.766 s read "@univ… → in flight" beside "carol@…" and "dave@…"). */
static void test_render_tabs_owned(const char *lesson, double at)
{
	int m = -1;
	struct render_app *a = test_render_tabs_open(lesson, at, &m);
	struct render_tabs_tab t[RENDER_TABS_MAX];
	int n = render_tabs_list(a, m, t, RENDER_TABS_MAX);
	cr_assert_geq(n, 2, "%s at %.3f s: several copies", lesson, at);
	int univ = 0;
	for (int i = 0; i < n && i < RENDER_TABS_MAX; i++) {
		const char *w = t[i].who[0], *at_sign = strchr(w, '@');
		if (!at_sign)
			continue;
		size_t ll = (size_t)(at_sign - w);
		cr_assert_gt(ll, 0);
		univ += strstr(w, "@univ.example") != NULL;
		for (int level = 1; level < RENDER_TABS_LEVELS; level++)
			cr_expect(strncmp(t[i].who[level], w, ll + 1) == 0, "%s at %.3f s: tab \"%s\" at level %d keeps "
			          "its owner %.*s@", lesson, at, t[i].who[level], level, (int)ll, w);
	}
	cr_expect_geq(univ, 1, "%s at %.3f s: the forwarded copy has its tab", lesson, at);
	render_app_free(a);
}

Test(render_tabs, a_forwarded_copys_tab_keeps_whose_it_is)
{
	test_render_tabs_owned("scenarios/05-envelope-bcc-forward.json", 1.760);
	test_render_tabs_owned("scenarios/13-dkim-dmarc.json", 1.766);
}
