/* test_render_moment — the picture matches the moment (issue 11): every
 * row of the trace can be the current one (→, ←, a click), even when one
 * event made several; forwarding has its own words; refusals are red with
 * a cross at the refusing server; a dropped SYN is blocked at once in the
 * message list, the router's count and the totals chart, in the rule's own
 * colour; a recipient refused with 5xx is rejected at once; mail in Junk
 * says so; the acting agent's badge lights up; a
 * click on a rule does not use up the lesson's caption for its own switch. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_control.h"
#include "render_pace.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_tray.h"
#include "render_ui.h"
#include "render_view.h"
#include "test_render_util.h"

Test(render_moment, every_row_of_one_event_is_reachable_by_steps)
{
	size_t fwd = 0;
	struct render_app *a = test_render_util_forward(&fwd);
	size_t all = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &all);
	size_t event = tr[fwd].event;
	cr_assert_eq(timeline_pos(a->tl), event, "the run is right after the forward's event");
	/* The same event made more told rows: the deliveries to Carol and Dave. */
	int later = 0;
	for (size_t i = fwd + 1; i < all && tr[i].event == event; i++)
		later += !trace_kinds[tr[i].kind].quiet;
	cr_assert_geq(later, 2, "lesson 05's DATA ends in a forward and two deliveries");
	/* The card shows the forwarded copy while its row is current. */
	render_app_draw(a);
	struct sim_copy cp;
	cr_assert_eq(render_view_copy_of(a, render_view_focus_msg(a), &cp), 0);
	cr_assert_eq(cp.m->nrcpt, 1);
	cr_expect_str_eq(cp.m->rcpt[0], "bob@univ.example");
	/* → tells the next row of the same event without running the next one. */
	test_render_util_key(a, SDLK_RIGHT, 0);
	cr_assert_eq(timeline_pos(a->tl), event);
	size_t next = test_render_util_row(a);
	cr_assert_gt(next, fwd);
	cr_assert_eq(tr[next].kind, TR_DELIVER);
	/* ← goes back to the forward, still in the same event. */
	test_render_util_key(a, SDLK_LEFT, 0);
	cr_assert_eq(timeline_pos(a->tl), event);
	cr_assert_eq(test_render_util_row(a), fwd);
	/* ← again leaves the forward for the row before it. */
	test_render_util_key(a, SDLK_LEFT, 0);
	cr_assert_lt(test_render_util_row(a), fwd);
	render_app_free(a);
}

Test(render_moment, a_click_makes_any_row_current)
{
	size_t fwd = 0;
	struct render_app *a = test_render_util_forward(&fwd);
	size_t all = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &all);
	size_t event = tr[fwd].event;
	/* On past the event, then back to it by clicking the forward's row. */
	for (int i = 0; i < 4; i++)
		test_render_util_key(a, SDLK_RIGHT, 0);
	render_app_draw(a);
	const struct render_app_hitbox *h = render_app_hit_find(a, RENDER_APP_HIT_EVENT, (int)event, (int)fwd);
	cr_assert_not_null(h, "the forward's row is in the list");
	test_render_util_click(a, h);
	cr_assert_eq(timeline_pos(a->tl), event);
	cr_assert_eq(test_render_util_row(a), fwd);
	/* The row is told in full (the current one), with the forward's words. */
	struct sbuf b = { 0 };
	render_view_event_text(a, &tr[fwd], &b);
	cr_expect(strstr(b.s, "forwards") != NULL, "\"%s\" says it forwards", b.s);
	cr_expect(strstr(b.s, "responsibility") == NULL, "\"%s\" is not the hand-over's words", b.s);
	sbuf_free(&b);
	/* Playing tells every row again. */
	a->playing = 1;
	render_control_tick(a, 0.001);
	size_t told = 0, n = 0;
	render_view_trace(a, &told);
	sim_trace(render_app_sim(a), &n);
	cr_assert_eq(told, n);
	render_app_free(a);
}

/* The box of host id as drawn in the last frame. */
static SDL_Rect test_render_moment_host_box(struct render_app *a, const char *id)
{
	int h = scenario_find_host(a->sc, id);
	cr_assert_geq(h, 0, "host %s", id);
	const struct render_app_hitbox *hb = render_app_hit_find(a, RENDER_APP_HIT_HOST, h, -1);
	cr_assert_not_null(hb, "host %s drawn", id);
	return hb->rc;
}

/* The window shows tag rejected while the ledger still waits for the
 * session's end to settle it. */
static void test_render_moment_rejected_early(struct render_app *a, const char *tag)
{
	int e = sim_ledger_find(render_app_sim(a), tag);
	cr_assert_geq(e, 0, "no %s", tag);
	cr_assert_not(ledger_state_final(sim_ledger(render_app_sim(a), (size_t)e)->rcpts[0].state),
		      "the ledger still waits for the session's end");
	cr_assert_eq(render_view_msg_state(a, e), LS_REJECTED, "%s reads as rejected, not in flight", tag);
}

Test(render_moment, a_refusal_is_red_with_a_cross_at_the_server)
{
	struct render_app *a = test_render_util_app("scenarios/06-bounce-backscatter.json", LANG_EN, 1280, 720);
	render_app_draw(a);
	SDL_Rect box = test_render_moment_host_box(a, "mail-b");
	SDL_Rect around = { box.x - box.w / 2, box.y - box.h, box.w * 2, box.h * 3 };
	/* Before any refusal, no such mark (the clock only moves forward). */
	render_control_run_to(a, 1300000);
	render_app_draw(a);
	long before = test_render_util_count(a, around, RENDER_THEME_BLOCK);
	cr_assert_lt(before, 40, "%ld red pixels at 1.30 s", before);
	/* 1.41 s: ISP B's replies 250, 550, 554 to the pipelined burst leave. */
	render_control_run_to(a, 1425000);
	render_app_draw(a);
	int code = 0, conn = -1, tls = 0;
	for (size_t i = 0; i < a->nfconn; i++)
		if (a->fconn[i].in_flight && !a->fconn[i].to_server) {
			code = a->fconn[i].code;
			conn = a->fconn[i].id;
			tls = a->fconn[i].tls;
		}
	cr_assert_eq(code, 550, "the burst's worst reply is the 550");
	/* Inside TLS its label says only "TLS ciphertext", but the pill is red
	 * all the same: the map knows what it carries (it flew green). */
	cr_assert(tls, "the relay's replies travel inside TLS");
	long pill_red = 0;
	for (size_t i = 0; a->place && i < a->place->nover; i++)
		if (a->place->over[i].kind == RENDER_TOPOLOGY_OVER_PILL && a->place->over[i].conn == conn)
			pill_red += test_render_util_count(a, a->place->over[i].rc, RENDER_THEME_BLOCK);
	cr_assert_gt(pill_red, 100, "the refusal's pill is red (%ld red pixels)", pill_red);
	long red = test_render_util_count(a, around, RENDER_THEME_BLOCK);
	cr_assert_gt(red, 150, "a red cross and code beside ISP B's server (%ld red pixels)", red);
	/* After the replies arrived, the mark stays while the connection is open. */
	render_control_run_to(a, 1440000);
	render_app_draw(a);
	cr_assert_gt(test_render_util_count(a, around, RENDER_THEME_BLOCK), 150);
	/* And the message reads as rejected, though the ledger settles it only
	 * when the session ends. */
	test_render_moment_rejected_early(a, "m1");
	render_app_free(a);
}

Test(render_moment, a_dropped_syn_is_blocked_at_once)
{
	struct render_app *a = test_render_util_app("scenarios/02-op25b.json", LANG_EN, 1280, 720);
	/* 20.005 s: OP25B drops Alice's SYN; she times out at 50 s. */
	int m3 = test_render_util_msg_at(a, 21000000, "m3", 0);
	cr_assert_neq(sim_ledger(render_app_sim(a), (size_t)m3)->rcpts[0].state, LS_BLOCKED,
		      "the ledger waits for the timeout");
	cr_assert_eq(render_view_msg_state(a, m3), LS_BLOCKED, "the window does not say in flight");
	struct sbuf b = { 0 };
	render_view_msg_states(a, m3, &b);
	cr_expect_str_eq(b.s, "blocked");
	sbuf_free(&b);
	struct sim_total t[RENDER_CHART_MAX_GROUPS];
	size_t n = render_chart_totals(a, t, RENDER_CHART_MAX_GROUPS);
	int found = 0;
	for (size_t g = 0; g < n && g < RENDER_CHART_MAX_GROUPS; g++)
		for (int q = 0; strcmp(t[g].group, "m3") == 0 && q < t[g].nrules; q++)
			if (strcmp(t[g].rule[q], "OP25B") == 0) {
				cr_assert_eq(t[g].rule_count[q], 1);
				cr_assert_eq(t[g].state[LS_BLOCKED], 1);
				found = 1;
			}
	cr_assert(found, "the chart counts m3 as blocked by OP25B");
	/* The chart and the map give a rule one colour, and two rules two. */
	uint32_t op25b = render_chart_rule_fill(a->sc, 0, "OP25B");
	struct render_chart c;
	render_chart_collect_sc(&c, t, n < RENDER_CHART_MAX_GROUPS ? n : RENDER_CHART_MAX_GROUPS, a->sc);
	int keys = 0;
	for (int k = 0; k < c.nkeys; k++)
		if (c.key[k].kind == RENDER_CHART_BLOCKED && c.key[k].rule && strcmp(c.key[k].rule, "OP25B") == 0) {
			cr_assert_eq(c.key[k].fill, render_chart_rule_fill(a->sc, c.key[k].router, "OP25B"));
			keys++;
		}
	cr_assert_eq(keys, 1);
	(void)op25b;
	/* The router's "× OP25B blocked ×N" counts it too: m3 at 21 s, and
	 * at 60.05 s the bot's spam1 as well, while m3's wait is over. */
	int gw = scenario_find_router(a->sc, "ispa-gw");
	cr_assert_geq(gw, 0);
	render_app_draw(a);
	const char *rule = NULL;
	cr_assert_eq(render_topology_router_blocked(a, gw, &rule), 1);
	cr_assert_str_eq(rule, "OP25B");
	render_control_run_to(a, 60046000);
	render_app_draw(a);
	int spam1 = sim_ledger_find(render_app_sim(a), "spam1");
	cr_assert_geq(spam1, 0);
	cr_assert_neq(sim_ledger(render_app_sim(a), (size_t)spam1)->rcpts[0].state, LS_BLOCKED);
	cr_assert_eq(render_topology_router_blocked(a, gw, &rule), 2, "m3 and spam1, as the message list says");
	render_app_free(a);
}

/* An MTA whose SYN is dropped waits and tries its next MX (lesson 10: the
 * main server is down for maintenance): the message is not blocked, and
 * the chart does not count it as blocked either. */
Test(render_moment, a_dropped_syn_an_mta_will_retry_is_not_blocked)
{
	struct render_app *a = test_render_util_app("scenarios/10-mx-backup.json", LANG_EN, 1280, 720);
	/* 1.188 s: the router drops the SYN to MX 10; the timeout is at 31.2 s. */
	render_control_run_to(a, 5000000);
	render_app_draw(a);
	int dropped = 0;
	for (size_t i = 0; i < a->nfconn; i++)
		dropped |= a->fconn[i].blocked_at >= 0 && !a->fconn[i].in_flight;
	cr_assert(dropped, "a dropped SYN is on the map");
	int m1 = sim_ledger_find(render_app_sim(a), "m1");
	cr_assert_geq(m1, 0);
	cr_assert_neq(render_view_msg_state(a, m1), LS_BLOCKED, "m1 waits for the backup MX");
	struct sim_total t[RENDER_CHART_MAX_GROUPS];
	size_t n = render_chart_totals(a, t, RENDER_CHART_MAX_GROUPS);
	for (size_t g = 0; g < n && g < RENDER_CHART_MAX_GROUPS; g++)
		cr_assert_eq(t[g].state[LS_BLOCKED], 0, "%s is not counted as blocked", t[g].group);
	const char *rule = NULL;
	cr_assert_eq(render_topology_router_blocked(a, scenario_find_router(a->sc, "ispb-gw"), &rule), 0,
		     "nor by the router's mark");
	/* 31.6 s: the backup server took it. */
	render_control_run_to(a, 31600000);
	render_app_draw(a);
	cr_assert_neq(render_view_msg_state(a, m1), LS_BLOCKED);
	render_app_free(a);
}

/* A 5xx to the only RCPT TO refuses the message at once (lesson 04's 554
 * on 587 without AUTH at 100.35 s; the MUA settles it only after QUIT). */
Test(render_moment, a_refused_submission_is_rejected_at_once)
{
	struct render_app *a = test_render_util_app("scenarios/04-submission-587-465.json", LANG_EN, 1280, 720);
	render_control_run_to(a, 100360000);
	render_app_draw(a);
	test_render_moment_rejected_early(a, "m4");
	render_app_free(a);
}

Test(render_moment, two_rules_two_colours)
{
	struct scenario *sc = scenario_load("scenarios/03-ip25b.json", stderr);
	cr_assert_not_null(sc);
	int r1 = -1, r2 = -1;
	for (int r = 0; r < sc->nrouters; r++)
		if (sc->routers[r].nrules > 0)
			r1 < 0 ? (r1 = r) : r2 < 0 ? (r2 = r) : 0;
	cr_assert(r1 >= 0 && r2 >= 0, "lesson 03 has rules at two routers");
	cr_assert_neq(render_chart_rule_fill(sc, r1, sc->routers[r1].rules[0].name),
		      render_chart_rule_fill(sc, r2, sc->routers[r2].rules[0].name));
	scenario_free(sc);
}

Test(render_moment, mail_in_junk_says_so)
{
	struct render_app *a = test_render_util_app("scenarios/07-spoofing-spf.json", LANG_EN, 1280, 720);
	int spoof = test_render_util_msg_at(a, 21000000, "spoof1", 0);
	/* Bob's copy is in Junk, Carol's (at a server that checks nothing) in
	 * her INBOX: the states say both. */
	cr_assert(render_view_msg_junk(a, spoof), "one copy is in Junk");
	struct sbuf b = { 0 };
	render_view_msg_states(a, spoof, &b);
	cr_expect_str_eq(b.s, "delivered ×1, in Junk ×1");
	sbuf_free(&b);
	int real = sim_ledger_find(render_app_sim(a), "real");
	cr_assert_geq(real, 0);
	cr_assert(!render_view_msg_junk(a, real));
	sbuf_reset(&b);
	render_view_msg_states(a, real, &b);
	cr_expect_str_eq(b.s, "delivered");
	sbuf_free(&b);
	render_app_free(a);
	/* In Japanese the states are listed with 「、」, not an ASCII comma
	 * (review 22, C5). */
	a = test_render_util_app("scenarios/07-spoofing-spf.json", LANG_JA, 1280, 720);
	spoof = test_render_util_msg_at(a, 21000000, "spoof1", 0);
	render_view_msg_states(a, spoof, &b);
	cr_expect_str_eq(b.s, "配達済み ×1、迷惑メールフォルダ内 ×1");
	sbuf_free(&b);
	render_app_free(a);
}

Test(render_moment, the_acting_agent_lights_up)
{
	struct render_app *a = test_render_util_stepper("scenarios/05-envelope-bcc-forward.json");
	/* Step to the first delivery: the MDA stores. */
	size_t all = 0;
	for (int i = 0; i < 600; i++) {
		test_render_util_key(a, SDLK_RIGHT, 0);
		size_t n = 0;
		const struct trace_rec *tr = render_view_trace(a, &n);
		if (tr[test_render_util_row(a)].kind == TR_DELIVER)
			break;
	}
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &all);
	const struct trace_rec *r = &tr[test_render_util_row(a)];
	cr_assert_eq(r->kind, TR_DELIVER);
	cr_assert_eq(r->role, ROLE_MDA);
	render_app_draw(a);
	const struct render_app_hitbox *h = render_app_hit_find(a, RENDER_APP_HIT_HOST, r->node, -1);
	cr_assert_not_null(h);
	long glow = test_render_util_count(a, h->rc, RENDER_THEME_ACTING);
	cr_assert_gt(glow, 20, "the MDA badge glows (%ld pixels)", glow);
	/* Other hosts do not. */
	int other = scenario_find_host(a->sc, "alice-pc");
	const struct render_app_hitbox *o = render_app_hit_find(a, RENDER_APP_HIT_HOST, other, -1);
	cr_assert_not_null(o);
	cr_assert_lt(test_render_util_count(a, o->rc, RENDER_THEME_ACTING), 5);
	render_app_free(a);
}

Test(render_moment, a_clicked_rule_leaves_the_lessons_caption)
{
	struct render_app *a = test_render_util_app("scenarios/02-op25b.json", LANG_EN, 1280, 720);
	int gw = -1;
	for (int r = 0; r < a->sc->nrouters; r++)
		if (strcmp(a->sc->routers[r].id, "ispa-gw") == 0)
			gw = r;
	cr_assert_geq(gw, 0);
	/* The teacher switches OP25B off and on by hand at 10 s. */
	render_control_run_to(a, 10000000);
	render_control_toggle_rule(a, gw, 0);
	render_control_toggle_rule(a, gw, 0);
	int cap = -1;
	for (int c = 0; c < a->sc->ncaptions; c++)
		if (a->sc->captions[c].on.type == TR_RULE && a->sc->captions[c].on.code < 0)
			cap = c;
	cr_assert_geq(cap, 0, "lesson 02 has a caption for its own switch");
	cr_assert_eq(a->caption_rec[cap], -1, "the clicks did not use it up");
	/* The lesson's own switch at 120 s fires it. */
	render_control_run_to(a, 121000000);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	cr_assert_geq(a->caption_rec[cap], 0);
	cr_assert_eq(tr[a->caption_rec[cap]].origin, TRACE_ORIGIN_SCRIPT);
	render_app_free(a);
}

Test(render_moment, a_spoof_lies_in_the_junk_tray_and_its_card_shows_the_evidence)
{
	struct render_app *a = test_render_util_app("scenarios/07-spoofing-spf.json", LANG_EN, 1280, 720);
	int spoof = test_render_util_msg_at(a, 20520000, "spoof1", 1);
	/* Bob's copy rests in the Junk tray under ISP B's server. */
	int mb = scenario_find_host(a->sc, "mail-b");
	SDL_Rect junk, inbox, hit;
	cr_assert(render_tray_rect(a, mb, "Junk", &junk));
	cr_assert(render_tray_rect(a, mb, "INBOX", &inbox));
	int in_junk = 0;
	for (size_t i = 0; i < a->nhits; i++)
		if (a->hits[i].kind == RENDER_APP_HIT_MSG && a->hits[i].a == spoof &&
		    SDL_IntersectRect(&a->hits[i].rc, &junk, &hit))
			in_junk = 1;
	cr_assert(in_junk, "the spoof's letter is in the Junk tray");
	/* The card: the From badge (amber) and a stored copy's envelope gone. */
	SDL_Rect card = a->panels.card;
	long amber = test_render_util_count(a, card, RENDER_THEME_WARN);
	cr_assert_gt(amber, 2000, "the From/MAIL FROM badge and the Junk title (%ld amber pixels)", amber);
	/* The real mail's card has no badge: its From and MAIL FROM agree. */
	int real = sim_ledger_find(render_app_sim(a), "real");
	render_app_select(a, RENDER_APP_SEL_MSG, real);
	render_app_draw(a);
	cr_assert_lt(test_render_util_count(a, card, RENDER_THEME_WARN), 50);
	render_app_free(a);
}

Test(render_moment, a_route_goes_round_a_box_it_does_not_use)
{
	struct render_app *a = test_render_util_app("scenarios/02-op25b.json", LANG_EN, 1280, 720);
	/* 20.003 s: Alice's SYN on its way to ISP A's border router, past the bot. */
	render_control_run_to(a, 20003000);
	render_app_draw(a);
	int alice = scenario_find_host(a->sc, "alice-pc"), bot = -1;
	for (int h = 0; h < a->sc->nhosts; h++)
		if (a->sc->hosts[h].bot)
			bot = h;
	cr_assert(alice >= 0 && bot >= 0);
	const struct sim_conn *c = NULL;
	for (size_t i = 0; i < a->nfconn; i++)
		if (a->fconn[i].client == alice)
			c = &a->fconn[i];
	cr_assert_not_null(c, "Alice's connection is open");
	struct render_topology_route rt;
	render_topology_route_of(a, c, &rt);
	SDL_Rect box = a->node_box[bot];
	cr_assert_gt(box.w, 0);
	cr_assert_gt(rt.n, 2, "the route bends");
	for (int k = 1; k < rt.n; k++) {
		int x1 = (int)rt.x[k - 1], y1 = (int)rt.y[k - 1], x2 = (int)rt.x[k], y2 = (int)rt.y[k];
		cr_assert_not(SDL_IntersectRectAndLine(&box, &x1, &y1, &x2, &y2),
			      "segment %d crosses the bot's box", k);
	}
	render_app_free(a);
}

/* The inspector's line for a copy refused at RCPT TO names the client it
 * stays with as such (not "rejected @ the attacker's PC", as if that PC
 * had refused it), and the reply code once. */
Test(render_moment, a_refused_recipient_stays_with_the_client_and_its_code_is_said_once)
{
	struct render_app *a = test_render_util_app("scenarios/07-spoofing-spf.json", LANG_EN, 1920, 1080);
	render_control_run_to(a, 40450000);
	struct sim *s = render_app_sim(a);
	int e = sim_ledger_find(s, "spoof2");
	cr_assert_geq(e, 0);
	const struct ledger_entry *le = sim_ledger(s, (size_t)e);
	const struct ledger_rcpt *bob = NULL;
	for (int i = 0; i < le->nrcpts; i++)
		if (strcmp(le->rcpts[i].addr, "bob@ispb.example") == 0)
			bob = &le->rcpts[i];
	cr_assert_not_null(bob);
	cr_assert_eq(bob->state, LS_REJECTED);
	struct sbuf b = { 0 };
	uint32_t col = render_inspector_rcpt(a, e, bob, &b);
	cr_expect_eq(col, RENDER_THEME_BLOCK);
	cr_expect(strstr(b.s, "it stays with the attacker's PC"), "%s", b.s);
	cr_expect_null(strstr(b.s, " @ "), "%s", b.s);
	cr_expect_null(strstr(b.s, "550 550"), "%s", b.s);
	cr_expect(strstr(b.s, "550 5.7.23"), "%s", b.s);
	sbuf_free(&b);
	render_app_free(a);
}

/* Lesson 10 at 20 s: the main MX's router dropped both SYNs and the clients
 * wait out their 30 s.  The mail has not left: its state reads
 * "connecting", not "in flight", in the card title, the list and the tab. */
Test(render_moment, a_client_waiting_on_a_dropped_syn_is_connecting_not_in_flight)
{
	struct render_app *a = test_render_util_app("scenarios/10-mx-backup.json", LANG_EN, 1920, 1080);
	render_control_run_to(a, 20000000);
	render_app_draw(a);
	struct sim *s = render_app_sim(a);
	static const char *const tags[] = { "m1", "spam" };
	for (int k = 0; k < 2; k++) {
		int e = sim_ledger_find(s, tags[k]);
		cr_assert_geq(e, 0);
		struct sbuf b = { 0 };
		render_view_msg_states(a, e, &b);
		cr_expect_str_eq(b.s, "connecting", "%s", tags[k]);
		cr_expect_eq(render_view_msg_state(a, e), LS_IN_FLIGHT, "%s is still the ledger's in_flight", tags[k]);
		sbuf_free(&b);
	}
	/* Once the backup MX accepted m1, it is in flight. */
	render_control_run_to(a, 31300000);
	render_app_draw(a);
	struct sbuf b = { 0 };
	render_view_msg_states(a, sim_ledger_find(render_app_sim(a), "m1"), &b);
	cr_expect_str_eq(b.s, "being sent");
	sbuf_free(&b);
	render_app_free(a);
}

/* A current event row taller than half the event list (lesson 07's 550
 * reply with its SPF URL, in presenter mode) shows its top, with the time
 * and who, not only its tail. */
Test(render_moment, a_tall_current_event_row_shows_its_top)
{
	struct render_app *a = test_render_util_app("scenarios/07-spoofing-spf.json", LANG_EN, 1920, 1080);
	a->presenter = 1;
	render_control_run_to(a, 40390000);
	render_app_draw(a);
	const struct render_app_hitbox *cur = NULL;
	for (size_t i = 0; i < a->nhits; i++)
		if (a->hits[i].kind == RENDER_APP_HIT_EVENT && (!cur || a->hits[i].b > cur->b))
			cur = &a->hits[i];
	cr_assert_not_null(cur);
	SDL_Rect ev = a->panels.events;
	cr_expect_gt(cur->rc.h, ev.h / 2, "the row is tall (%d of %d px)", cur->rc.h, ev.h);
	/* its time, drawn muted at the row's top left, is in the list's first line */
	SDL_Rect time = { cur->rc.x, cur->rc.y, cur->rc.w / 5, a->panels.px_small };
	cr_expect_gt(test_render_util_count(a, time, RENDER_THEME_MUTED), 0, "the row's time is in view");
	render_app_free(a);
}

/* The EHLO reply's eight lines (lesson 07 at 20.300 s, presenter mode at
 * 720p) did not fit the list even at four fifths of its size, and ended in
 * "▼ more (wheel)" (review 20 B4): told as its first line and "(+6
 * lines)", the row fits at the list's size. */
Test(render_moment, a_long_reply_is_its_first_line_and_a_count)
{
	for (int lang = 0; lang < 2; lang++) {
		struct render_app *a = test_render_util_app_mode("scenarios/07-spoofing-spf.json",
								 lang ? LANG_EN : LANG_JA, 1280, 720, 1);
		a->quiz.off = 1;
		render_control_run_to(a, 20300000);
		render_app_draw(a);
		cr_expect_eq(a->events_px, a->panels.px_small, "lang %d", lang);
		cr_expect_eq(a->events_more, 0, "lang %d: the reply's row still runs below the list", lang);
		cr_expect_eq(a->events_into, 0, "lang %d", lang);
		render_app_free(a);
	}
}

/* Two sessions at once interleave in the transcript: each change of
 * session between C:/S: lines is marked with its two ends (lesson 07 at
 * 1.376 s: ISP A relays to ISP B and ISP C, and "S: 250 2.1.0 Ok" came
 * twice with nothing to tell whose); one session alone has no mark. */
Test(render_moment, interleaved_sessions_are_marked_in_the_transcript)
{
	struct render_app *a = test_render_util_app("scenarios/07-spoofing-spf.json", LANG_EN, 1280, 720);
	render_control_run_to(a, 1376000);
	render_app_draw(a);
	cr_expect_geq(a->transcript_marks, 2, "%d marks", a->transcript_marks);
	render_app_free(a);
	a = test_render_util_app("scenarios/01-basic-flow.json", LANG_EN, 1280, 720);
	render_control_run_to(a, 1100000);
	render_app_draw(a);
	cr_expect_eq(a->transcript_marks, 0, "%d marks", a->transcript_marks);
	render_app_free(a);
	/* Lesson 08 at 60.540 s: the bot's QUIT came right under "── corp1 →
	 * ISP B :25 SMTP ──", another session's opening, with no mark of its
	 * own (review 24 B2); now it has one, as its 221 below has. */
	a = test_render_util_app("scenarios/08-open-relay.json", LANG_EN, 1280, 720);
	render_control_run_to(a, 60540000);
	render_app_draw(a);
	cr_expect_geq(a->transcript_marks, 2, "%d marks", a->transcript_marks);
	render_app_free(a);
}

/* The current row, when it tells a line arriving at the moment the map
 * shows (sim_now): on its connection the map has that line on the wire,
 * arriving, and labels it -- not what the other end sent in the same
 * event (review 23 C14). */
static void test_render_moment_row_line(struct render_app *a, const char *how, int *checked)
{
	render_app_draw(a);
	size_t n = 0, cur = test_render_util_row(a);
	const struct trace_rec *tr = render_view_trace(a, &n), *r = &tr[cur];
	if ((r->kind != TR_CMD && r->kind != TR_REPLY) || r->t != sim_now(render_app_sim(a)))
		return;
	const struct sim_conn *c = NULL;
	for (size_t i = 0; i < a->nfconn && !c; i++)
		if (a->fconn[i].id == r->conn)
			c = &a->fconn[i];
	if (!c)
		return;   /* closed at this row */
	struct sbuf b = { 0 };
	render_view_event_text(a, r, &b);
	cr_expect(c->in_flight && c->to_server == (r->kind == TR_CMD) && c->t_sent == r->t_sent,
		  "%s %.3f s: the current row is \"%s\"; the map has \"%s\" on the wire", how, (double)r->t / 1e6, b.s,
		  c->in_flight ? c->line : "(nothing)");
	int pills = 0;
	for (size_t i = 0; i < a->place->nover; i++)
		pills += a->place->over[i].kind == RENDER_TOPOLOGY_OVER_PILL && a->place->over[i].conn == r->conn;
	cr_expect_geq(pills, 1, "%s %.3f s: \"%s\" has no label on the map", how, (double)r->t / 1e6, b.s);
	sbuf_free(&b);
	(*checked)++;
}

/* Review 23 C14: in lesson 14 at 20.130 s the map showed "S: +OK Logged
 * in." while the current row (the event list's, the card's, the
 * caption's) was the server receiving PASS: the simulation had sent the
 * answer in the same event.  At the captioned moments, and stepping → and
 * ← through a POP3 login, the map shows the line the row tells. */
Test(render_moment, the_map_shows_the_line_the_current_row_tells)
{
	static const int64_t at[] = { 20130000, 40104000, 130182000, 140208000, 800208000 };
	struct render_app *a = test_render_util_stepper("scenarios/14-secure-retrieval.json");
	int checked = 0;
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
		render_control_run_to(a, at[i]);
		test_render_moment_row_line(a, "at", &checked);
	}
	cr_expect_eq(checked, 5, "each moment's row tells a line arriving (%d)", checked);
	render_app_free(a);
	a = test_render_util_stepper("scenarios/14-secure-retrieval.json");
	render_control_run_to(a, 20078000);   /* USER bob@ispb.example arrives */
	checked = 0;
	for (int i = 0; i < 10; i++) {
		test_render_util_key(a, SDLK_RIGHT, 0);
		test_render_moment_row_line(a, "→", &checked);
	}
	for (int i = 0; i < 10; i++) {
		test_render_util_key(a, SDLK_LEFT, 0);
		test_render_moment_row_line(a, "←", &checked);
	}
	cr_expect_geq(checked, 8, "rows telling a line, stepping (%d)", checked);
	render_app_free(a);
}

/* Review 23 C20: lesson 13 at 100.558 s, ISP B's 550 reaches the
 * attacker's PC inside TLS.  Its label says only the record's size -- of
 * that reply, not of the QUIT sent after it (it said 28 bytes). */
Test(render_moment, a_refusal_inside_tls_is_labelled_with_its_own_size)
{
	for (int z = 0; z < 2; z++) {
		struct render_app *a = test_render_util_app_mode("scenarios/13-dkim-dmarc.json", z ? LANG_JA : LANG_EN,
								 z ? 1920 : 1280, z ? 1080 : 720, z);
		a->quiz.off = 1;
		render_control_run_to(a, 100558000);
		render_app_draw(a);
		size_t n = 0, cur = test_render_util_row(a);
		const struct trace_rec *tr = render_view_trace(a, &n), *r = &tr[cur];
		cr_assert(r->kind == TR_REPLY && r->u.line.code == 550 && r->u.line.text, "the row is the 550 arriving");
		const struct sim_conn *c = NULL;
		for (size_t i = 0; i < a->nfconn && !c; i++)
			if (a->fconn[i].id == r->conn)
				c = &a->fconn[i];
		cr_assert(c && c->tls && c->in_flight && !c->to_server, "the 550 on the wire inside TLS");
		char buf[96], want[16];
		cr_expect_eq(render_traffic_packet_label(a, c, 0, buf, sizeof buf), 1);
		snprintf(want, sizeof want, " %u ", (unsigned)strlen(r->u.line.text) + 2 + 22);
		cr_expect(strstr(buf, want), "%s: \"%s\" is not the 550's record (%s bytes)", z ? "ja" : "en", buf, want);
		render_app_free(a);
	}
}

/* A SYN on its way draws the route behind it, not a path ahead it has
 * not taken: lesson 09's next bot SYN, to be dropped at ISP A's OP25B,
 * had drawn a solid "SMTP 25" path past the router's cross into ISP B's
 * mail server.  Alice's SYN in lesson 02 (sent at 20.000 s, dropped at
 * 20.005 s): the solid line over the map's background grows as it goes. */
static long test_render_moment_solid_at(int64_t t)
{
	struct render_app *a = test_render_util_app_at("scenarios/02-op25b.json", LANG_EN, 1920, 1080, 1, t);
	render_app_draw(a);
	uint32_t bg = RENDER_THEME_BG, acc = RENDER_THEME_ACCENT, mix = 0xFFu;
	for (int sh = 8; sh <= 24; sh += 8) {   /* the line's colour at alpha 0xA0 over the background */
		int b = (int)((bg >> sh) & 0xFF), c = (int)((acc >> sh) & 0xFF);
		mix |= (uint32_t)(b + (c - b) * 0xA0 / 0xFF) << sh;
	}
	long n = test_render_util_count(a, a->panels.topo, mix);
	render_app_free(a);
	return n;
}

Test(render_moment, a_syn_on_its_way_draws_no_path_ahead_of_it)
{
	long early = test_render_moment_solid_at(20000500), late = test_render_moment_solid_at(20004000);
	cr_expect_gt(late, early + early / 2 + 50, "the solid line does not grow with the SYN (%ld px, then %ld px)",
	             early, late);
}

/* The MRA's line on to the mailbox server it reads (lesson 01b) is drawn
 * once the connection is taken, not while Bob's SYN is on its way to the
 * retrieval server ("it is not the server that holds the mailbox" had the
 * POP3 line drawn on into the mailbox server). */
static long test_render_moment_store_line(int64_t t)
{
	struct render_app *a = test_render_util_app_at("scenarios/01b-agents.json", LANG_EN, 1920, 1080, 1, t);
	int mra = scenario_find_host(a->sc, "mra-b"), mda = scenario_find_host(a->sc, "mda-b");
	const struct render_app_hitbox *p = render_app_hit_find(a, RENDER_APP_HIT_HOST, mra, -1);
	const struct render_app_hitbox *q = render_app_hit_find(a, RENDER_APP_HIT_HOST, mda, -1);
	cr_assert(p && q);
	/* between the two boxes, the retrieval server's above */
	int x0 = p->rc.x < q->rc.x ? p->rc.x : q->rc.x, x1 = p->rc.x + p->rc.w > q->rc.x + q->rc.w ? p->rc.x + p->rc.w
	                                                                                            : q->rc.x + q->rc.w;
	SDL_Rect gap = { x0, p->rc.y + p->rc.h + 2, x1 - x0, q->rc.y - (p->rc.y + p->rc.h) - 4 };
	cr_assert_gt(gap.h, 4, "the boxes are not one above the other");
	uint32_t bg = test_render_util_pixel(a, gap.x + 2, gap.y + 1);   /* the region's fill */
	long n = 0;
	for (int y = gap.y; y < gap.y + gap.h; y++)
		for (int x = gap.x; x < gap.x + gap.w; x++) {
			uint32_t v = test_render_util_pixel(a, x, y);
			int d = 0;
			for (int sh = 8; sh <= 24; sh += 8)
				d += abs((int)((v >> sh) & 0xFF) - (int)((bg >> sh) & 0xFF));
			int r = (int)(v >> 24), g = (int)((v >> 16) & 0xFF), b = (int)((v >> 8) & 0xFF);
			n += d > 60 && r > g + 40 && r > b;   /* reddish: the MRA's colour, not the grey links */
		}
	render_app_free(a);
	return n;
}

Test(render_moment, the_mras_store_line_waits_for_the_connection)
{
	long syn = test_render_moment_store_line(30003000), taken = test_render_moment_store_line(30069000);
	cr_expect_eq(syn, 0, "%ld px of the MRA's line to the mailbox server while the SYN is on its way", syn);
	cr_expect_gt(taken, 10, "no line to the mailbox server once the connection is taken");
}

/* A DNS query is on the map once its row is told, not while the event
 * list still greys it as the row to come (lesson 02 stopped at the caption
 * on the bot's spam written at 60 s: the query's path and its label
 * "DNS ? ispb.example MX" were already drawn). */
Test(render_moment, a_dns_query_waits_for_its_row)
{
	struct render_app *a = test_render_util_app_at("scenarios/02-op25b.json", LANG_EN, 1280, 720, 1, 59999000);
	render_pace_next_caption(a);
	const struct trace_rec *q[8];
	size_t told = 0, n = 0;
	const struct trace_rec *tr = render_view_trace(a, &told);
	sim_trace(render_app_sim(a), &n);
	cr_assert_eq(tr[told - 1].kind, TR_COMPOSE, "stopped on a %s", trace_kind_names[tr[told - 1].kind]);
	cr_assert(told < n && tr[told].kind == TR_DNS_QUERY, "the DNS query is not the next row");
	cr_expect_eq(render_view_dns_pending(a, q, 8), 0, "the query is drawn before its row is told");
	test_render_util_key(a, SDLK_RIGHT, 0);
	cr_expect_eq(render_view_dns_pending(a, q, 8), 1, "told, the query is not drawn");
	render_app_free(a);
}
