/* test_render_pdu — a packet opened layer by layer: the dropped SYN of
 * lesson 02 tells IP, TCP (SYN, port 25), TLS off and the rule that matched
 * with the conditions that held; a command's packet carries its line; a
 * click on an event row or on a packet on the wire opens it; Esc and the
 * close button close it. */
#include <criterion/criterion.h>

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_control.h"
#include "render_pdu.h"
#include "render_theme.h"
#include "test_render_util.h"

/* The index of the first record of kind k (with verb, for a command). */
static size_t test_render_pdu_find(struct render_app *a, enum trace_kind k, const char *verb)
{
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	for (size_t i = 0; i < n; i++)
		if (tr[i].kind == k && (!verb || (tr[i].u.line.verb && strcmp(tr[i].u.line.verb, verb) == 0)))
			return i;
	cr_assert_fail("no %s record", trace_kind_names[k]);
	return 0;
}

Test(render_pdu, dropped_syn_tells_the_rule_and_why)
{
	struct render_app *a = test_render_util_app("scenarios/02-op25b.json", LANG_EN, 1600, 900);
	render_control_run_to(a, 21000000);
	size_t i = test_render_pdu_find(a, TR_BLOCKED, NULL);
	struct render_pdu p = { 0 };
	cr_assert_eq(render_pdu_of_record(a, i, &p), 0);
	cr_assert_eq(p.flag, RENDER_PDU_SYN);
	cr_assert_eq(p.port, 25);
	cr_assert(p.to_server);
	cr_assert_eq(p.tls, 0);
	cr_assert_geq(p.router, 0);
	cr_assert_str_eq(a->sc->routers[p.router].rules[p.rule].name, "OP25B");
	/* The source is the client's own address, the destination the one
	 * its SYN was for (from the CONNECT record of that connection). */
	cr_assert_eq(p.src, a->sc->hosts[scenario_find_host(a->sc, "alice-pc")].addr);
	struct sbuf d = { 0 };
	render_pdu_describe(a, &p, &d);
	cr_assert(strstr(d.s, "# IP (network layer)"), "%s", d.s);
	cr_assert(strstr(d.s, "Source 203.0.113.10"), "%s", d.s);
	cr_assert(strstr(d.s, "SYN: connection request"), "%s", d.s);
	cr_assert(strstr(d.s, "Destination port 25 (SMTP)"), "%s", d.s);
	/* A SYN carries nothing to read: not "plain text, readable". */
	cr_assert(strstr(d.s, "not yet: TLS can only start once the TCP connection is made"), "%s", d.s);
	cr_assert_null(strstr(d.s, "plain text"), "%s", d.s);
	cr_assert(strstr(d.s, "the OP25B rule matched, and the packet was dropped"), "%s", d.s);
	/* Why comes first, under its own heading: below four layers it was out
	 * of the inspector's view. */
	cr_assert_lt(strstr(d.s, "#! "), strstr(d.s, "# IP (network layer)"), "%s", d.s);
	/* Why: port 25, the source in the ISP's customer pool, the
	 * destination outside the ISP (the rule's "!isp:ispa"). */
	cr_assert(strstr(d.s, "destination port is 25"), "%s", d.s);
	cr_assert(strstr(d.s, "source 203.0.113.10 is in"), "%s", d.s);
	/* The ISP by its networks' names, not its id ("ispa"). */
	cr_assert(strstr(d.s, "is in none of the ISP's networks (ISP A customers (dynamic IP), ISP A servers)"), "%s",
		  d.s);
	cr_assert_null(strstr(d.s, "ispa"), "%s", d.s);
	sbuf_free(&d);
	sbuf_free(&p.app);
	render_app_free(a);
}

Test(render_pdu, a_command_carries_its_line_and_tls)
{
	struct render_app *a = test_render_util_app("scenarios/01-basic-flow.json", LANG_EN, 1600, 900);
	render_control_run_to(a, 200000000);
	/* The first MAIL FROM goes to the MSA after STARTTLS on 587: TLS on. */
	size_t i = test_render_pdu_find(a, TR_CMD, "MAIL");
	struct render_pdu p = { 0 };
	cr_assert_eq(render_pdu_of_record(a, i, &p), 0);
	cr_assert_eq(p.flag, RENDER_PDU_DATA);
	cr_assert(p.to_server);
	cr_assert(strncmp(p.app.s, "C: MAIL FROM:<", 14) == 0, "%s", p.app.s);
	/* Port 587 is named as the submission port (サブミッションポート),
	 * not as plain SMTP. */
	cr_assert_eq(p.port, 587);
	struct sbuf d = { 0 };
	render_pdu_describe(a, &p, &d);
	cr_assert(strstr(d.s, "587 (submission port)"), "%s", d.s);
	/* Inside TLS the line shown is what the two ends read, not what the
	 * wire carries: said beside "nothing on the way can read it". */
	cr_assert(p.tls);
	cr_assert(strstr(d.s, "below is what the two ends read once they decrypt it"), "%s", d.s);
	render_control_set_lang(a, LANG_JA);
	sbuf_reset(&d);
	render_pdu_describe(a, &p, &d);
	cr_assert(strstr(d.s, "587 (サブミッションポート)"), "%s", d.s);
	sbuf_free(&d);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	cr_assert_eq(p.tls, tr[i].tls);
	cr_assert_eq(p.router, -1);
	sbuf_free(&p.app);
	/* A reply goes the other way: the server's port is its source. */
	i = test_render_pdu_find(a, TR_REPLY, NULL);
	cr_assert_eq(render_pdu_of_record(a, i, &p), 0);
	cr_assert_not(p.to_server);
	cr_assert(strncmp(p.app.s, "S: ", 3) == 0);
	sbuf_free(&p.app);
	/* A delivery is not a packet. */
	i = test_render_pdu_find(a, TR_DELIVER, NULL);
	cr_assert_eq(render_pdu_of_record(a, i, &p), -1);
	sbuf_free(&p.app);
	render_app_free(a);
}

Test(render_pdu, a_click_on_a_row_opens_it_and_esc_closes)
{
	struct render_app *a = test_render_util_app("scenarios/02-op25b.json", LANG_JA, 1920, 1080);
	a->quiz.off = 1;
	render_control_run_to(a, 21000000);
	render_app_draw(a);
	size_t blocked = test_render_pdu_find(a, TR_BLOCKED, NULL);
	const struct render_app_hitbox *row = NULL;
	for (size_t k = 0; k < a->nhits && !row; k++)
		if (a->hits[k].kind == RENDER_APP_HIT_EVENT && a->hits[k].b == (int)blocked)
			row = &a->hits[k];
	test_render_util_click(a, row);
	cr_assert_eq(a->pdu_rec, (int)blocked);
	/* The inspector shows the layers with a close button. */
	cr_assert_not_null(render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_PDU_CLOSE, -1));
	test_render_util_key(a, SDLK_ESCAPE, 0);
	cr_assert_eq(a->pdu_rec, -1);
	render_app_draw(a);
	cr_assert_null(render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_PDU_CLOSE, -1));
	render_app_free(a);
}

Test(render_pdu, a_packet_on_the_wire_opens)
{
	struct render_app *a = test_render_util_app("scenarios/01-basic-flow.json", LANG_EN, 1600, 900);
	a->quiz.off = 1;
	/* m1 between the two MTAs: a line on the wire. */
	render_control_run_to(a, 1300000);
	render_app_draw(a);
	const struct render_app_hitbox *h = render_app_hit_find(a, RENDER_APP_HIT_PACKET, -1, -1);
	for (size_t k = 0; k < a->nhits && !h; k++)
		if (a->hits[k].kind == RENDER_APP_HIT_PACKET)
			h = &a->hits[k];
	cr_assert_not_null(h, "no packet to click on the wire");
	int conn = h->a;
	test_render_util_click(a, h);
	cr_assert_eq(a->pdu_conn, conn);
	struct render_pdu p = { 0 };
	cr_assert_eq(render_pdu_of_conn(a, conn, &p), 0);
	cr_assert_eq(p.port, 25);
	cr_assert(p.flag == RENDER_PDU_SYN || p.flag == RENDER_PDU_DATA);
	sbuf_free(&p.app);
	/* Its close button closes it. */
	test_render_util_click(a, render_app_hit_find(a, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_PDU_CLOSE, -1));
	cr_assert_eq(a->pdu_conn, -1);
	render_app_free(a);
}

Test(render_pdu, presenter_mode_shows_all_four_layers_and_the_client_port)
{
	/* Lesson 14 at 60.130 s, 1920 x 1080, presenter mode: Bob's USER on
	 * POP3S (995) opened layer by layer in the short inspector.  IP, TCP,
	 * TLS and POP3 are all on screen (TLS and POP3 were below the fold),
	 * and the client's port is the number the eavesdropper's panel shows,
	 * not only "ephemeral". */
	struct render_app *a = test_render_util_app("scenarios/14-secure-retrieval.json", LANG_JA, 1920, 1080);
	a->quiz.off = 1;
	a->presenter = 1;
	render_control_run_to(a, 60130000);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	size_t user = n;
	for (size_t i = 0; i < n; i++)
		if (tr[i].kind == TR_CMD && tr[i].port == 995 && tr[i].u.line.verb && strcmp(tr[i].u.line.verb, "USER") == 0)
			user = i;
	cr_assert_lt(user, n, "no USER on 995");
	render_pdu_open_record(a, (int)user);
	render_app_draw(a);
	SDL_Rect in = a->panels.inspector;
	static const uint32_t bands[] = { 0x3949ABFFu, 0x00897BFFu, 0x6D4C41FFu, 0x1565C0FFu };
	static const char *const names[] = { "IP", "TCP", "TLS", "POP3" };
	for (int k = 0; k < 4; k++)
		cr_assert_gt(test_render_util_count(a, in, bands[k]), 20, "the %s layer is not on screen", names[k]);
	/* The client's port: the eavesdropper saw this connection's packets
	 * from the same number. */
	struct render_pdu p = { 0 };
	cr_assert_eq(render_pdu_of_record(a, user, &p), 0);
	int sport = -1;
	for (size_t i = 0; i < n; i++)
		if (tr[i].kind == TR_SNIFF && tr[i].conn == tr[user].conn && tr[i].u.sniff.to_server)
			sport = tr[i].u.sniff.sport;
	cr_assert_gt(sport, 0, "the eavesdropper saw no packet of that connection");
	char want[64];
	snprintf(want, sizeof want, "%d（一時ポート", sport);
	struct sbuf d = { 0 };
	render_pdu_describe(a, &p, &d);
	cr_assert(strstr(d.s, want), "no \"%s\" in %s", want, d.s);
	sbuf_free(&d);
	sbuf_free(&p.app);
	render_app_free(a);
}

/* Lesson 02's dropped SYN at 1920 x 1080 in presenter mode: the short
 * inspector showed the rule's heading and IP, TCP only half, and not why
 * it matched.  An opened packet takes most of the right column, the four
 * layers show, and the reasons are drawn in red in the layers they are
 * about (the addresses under IP, the port under TCP). */
Test(render_pdu, presenter_mode_shows_why_a_dropped_syn_matched)
{
	struct render_app *a = test_render_util_app("scenarios/02-op25b.json", LANG_JA, 1920, 1080);
	a->quiz.off = 1;
	a->presenter = 1;
	render_control_run_to(a, 21000000);
	size_t i = test_render_pdu_find(a, TR_BLOCKED, NULL);
	render_app_draw(a);
	int card_h = a->panels.card.h;
	render_pdu_open_record(a, (int)i);
	render_app_draw(a);
	cr_assert_lt(a->panels.card.h, card_h, "the card keeps its share while a packet is open");
	SDL_Rect in = a->panels.inspector;
	static const uint32_t bands[] = { 0x3949ABFFu, 0x00897BFFu, 0x6D4C41FFu, 0x1565C0FFu };
	static const char *const names[] = { "IP", "TCP", "TLS", "SMTP" };
	for (int k = 0; k < 4; k++)
		cr_assert_gt(test_render_util_count(a, in, bands[k]), 20, "the %s layer is not on screen", names[k]);
	/* The reasons' red text, beside the IP and TCP bands, not only the
	 * heading's red band above them. */
	SDL_Rect rows = in;
	int top = in.y + in.h, bottom = in.y;
	for (int y = in.y; y < in.y + in.h; y++)
		if (test_render_util_count(a, (SDL_Rect){ in.x, y, 60, 1 }, bands[0]) ||
		    test_render_util_count(a, (SDL_Rect){ in.x, y, 60, 1 }, bands[1])) {
			top = y < top ? y : top;
			bottom = y > bottom ? y : bottom;
		}
	cr_assert_lt(top, bottom, "no IP or TCP band");
	rows.y = top;
	rows.h = bottom - top;
	cr_assert_gt(test_render_util_count(a, rows, RENDER_THEME_BLOCK), 200, "no reason drawn in the IP and TCP rows");
	render_app_free(a);
}

/* Presenter mode at 1280 x 720 and 1920 x 1080, both languages: every
 * command, reply, connection and stopped SYN of lessons 01, 02, 03, 13 and
 * 14 opened layer by layer shows all of its layers, the application's line
 * last, without the wheel (issue 11: at 720p the application row needed
 * it; lesson 13's EHLO reply, lesson 03's dropped SYN with its reasons). */
Test(render_pdu, presenter_mode_shows_every_packet_without_the_wheel)
{
	static const char *const lesson[] = { "scenarios/01-basic-flow.json", "scenarios/02-op25b.json",
		                              "scenarios/03-ip25b.json", "scenarios/13-dkim-dmarc.json",
		                              "scenarios/14-secure-retrieval.json" };
	for (int z = 0; z < 20; z++) {
		int big = z & 1, lang = z & 2 ? LANG_EN : LANG_JA, w = big ? 1920 : 1280, h = big ? 1080 : 720;
		const char *file = lesson[z / 4];
		/* the sweep's configs: size, presenter, language */
		if (!test_render_util_sweep(file, big + 2 + (lang == LANG_EN ? 4 : 0)))
			continue;
		struct render_app *a = test_render_util_app_mode(file, lang, w, h, 1);
		render_control_run_to(a, 400000000);
		size_t n = 0;
		const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
		size_t *pick = calloc(n + 1, sizeof *pick), np = 0;
		int64_t *at = calloc(n + 1, sizeof *at);
		for (size_t i = 0; i < n; i++)
			if (tr[i].kind == TR_CMD || tr[i].kind == TR_REPLY || tr[i].kind == TR_CONNECT ||
			    tr[i].kind == TR_BLOCKED) {
				at[np] = tr[i].t;
				pick[np++] = i;
			}
		render_app_free(a);
		cr_assert_gt(np, 10, "%s: too few packets", file);
		a = test_render_util_app_mode(file, lang, w, h, 1);
		a->quiz.off = 1;
		for (size_t k = 0; k < np; k++) {
			if (!test_render_util_thin(k))
				continue;
			render_control_run_to(a, at[k]);
			render_pdu_open_record(a, (int)pick[k]);
			render_app_draw(a);
			cr_assert_eq(a->insp_over, 0, "%s %dx%d %s: record %zu at %.3f s is %d px below the panel", file, w,
			             h, lang == LANG_EN ? "en" : "ja", pick[k] + 1, (double)at[k] / 1e6, a->insp_over);
		}
		free(pick);
		free(at);
		render_app_free(a);
	}
}

/* A click on the red cross of a dropped SYN opens that SYN with the rule
 * that stopped it, in both modes and languages: the click area sat 80 %
 * along the route's last stretch while the cross is drawn off the labels,
 * so clicking the cross did nothing (live, lesson 02 at 20.005 s). */
Test(render_pdu, a_click_on_a_dropped_syns_cross_opens_it)
{
	for (int z = 0; z < 4; z++) {
		struct render_app *a = test_render_util_app("scenarios/02-op25b.json", z & 1 ? LANG_EN : LANG_JA, 1920, 1080);
		a->quiz.off = 1;
		a->presenter = z >> 1;
		render_control_run_to(a, 20005000);
		render_app_draw(a);
		int clicked = 0;
		for (size_t i = 0; i < a->place->nover && !clicked; i++) {
			const struct render_topology_overlay *o = &a->place->over[i];
			if (o->kind != RENDER_TOPOLOGY_OVER_CROSS)
				continue;
			struct render_app_hitbox at = { o->rc, RENDER_APP_HIT_PACKET, 0, 0 };   /* only its place counts */
			test_render_util_click(a, &at);
			cr_assert_geq(a->pdu_conn, 0, "%s%s: a click on the cross at (%d,%d) opened nothing",
				      z & 1 ? "en" : "ja", z >> 1 ? " presenter" : "", o->rc.x, o->rc.y);
			struct render_pdu p = { 0 };
			cr_assert_eq(render_pdu_of_conn(a, a->pdu_conn, &p), 0);
			cr_expect_eq(p.flag, RENDER_PDU_SYN);
			cr_expect_geq(p.rule, 0, "the rule that stopped it is not named");
			sbuf_free(&p.app);
			clicked = 1;
		}
		cr_assert(clicked, "no cross drawn at 20.005 s");
		render_app_free(a);
	}
}

/* Presenter mode with a packet's layers open beside a verdict's panel
 * squeezes the card to its title: the "more below" strip had covered the
 * title ("fake1 — rejected", lesson 13 at 100.558 s, 1920 x 1080 ja); the
 * card keeps its title in view and marks the rest with a bar. */
Test(render_pdu, the_squeezed_card_keeps_its_title)
{
	struct render_app *a = test_render_util_app_mode("scenarios/13-dkim-dmarc.json", LANG_JA, 1920, 1080, 1);
	render_control_run_to(a, 100558000);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	size_t i = n;
	while (i > 0 && !(tr[i - 1].kind == TR_REPLY && tr[i - 1].tls))
		i--;
	cr_assert_gt(i, 0);
	render_pdu_open_record(a, (int)i - 1);
	render_app_draw(a);
	cr_assert_gt(a->card_body.h, 0);
	cr_assert(a->card_below.h == 0 || a->card_below.y >= a->card_body.y, "strip at y %d over the title (body at %d)",
		  a->card_below.y, a->card_body.y);
	render_app_free(a);
}
