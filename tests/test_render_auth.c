/* test_render_auth — how the window shows sender domain authentication:
 * the letter card's rows for DKIM-Signature (d= and s= highlighted) and
 * Authentication-Results (one row per method, green or red), the checks a
 * receiving server made as gathered from the trace step by step, and the
 * card beside that server in lesson 13's frames. */
#include <criterion/criterion.h>

#include <string.h>

#include "dkim.h"
#include "render_app.h"
#include "render_auth.h"
#include "render_checks.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_ui.h"
#include "render_view.h"
#include "spf.h"
#include "test_render_util.h"

#define TEST_RENDER_AUTH_LESSON "scenarios/13-dkim-dmarc.json"

Test(render_auth, a_dkim_signature_shows_d_and_s_and_the_rest_short)
{
	static const char v[] =
		"v=1; a=rsa-sha256; c=relaxed/relaxed; d=corp.example; s=s2026;\r\n"
		" t=1775001601; h=from:to:subject:date:message-id:mime-version:\r\n"
		" content-type:content-transfer-encoding;\r\n"
		" bh=w14tV8pycQ2M9JXQlJTtLj21nIkN+lLLcu36SvJ95CM=; b=\r\n"
		" i6fH8EEvH0APusvliqYZcrzEvtaIgJPxH1ZMojuaK48KEscE4f47NujqNjH/nYsaa18tDRf6\r\n"
		" ircCidgdzn4UzfmaAW6wAHCmFIRnm9tiVUSfAt28MIYVnGPr6QUadc62IBh/FQNNsVVBbhsY";
	struct render_auth_row rows[RENDER_AUTH_MAX_ROWS];
	cr_assert(render_auth_is_field("dkim-signature", 14));
	int n = render_auth_rows("DKIM-Signature", 14, v, sizeof v - 1, rows, RENDER_AUTH_MAX_ROWS);
	cr_assert_eq(n, 1);
	cr_expect_eq(rows[0].tone, RENDER_AUTH_KEY);
	cr_expect_str_eq(rows[0].lead, "DKIM-Signature:");
	cr_expect_str_eq(rows[0].text, "d=corp.example  s=s2026");
	cr_expect_str_eq(rows[0].tail, "a=rsa-sha256 h=from:to:subject:date:mes… bh=w14tV8py… b=i6fH8EEv…");
	/* Without a readable d= (or s=) there is nothing to highlight. */
	n = render_auth_rows("DKIM-Signature", 14, "v=1; s=x; b=abc", 15, rows, RENDER_AUTH_MAX_ROWS);
	cr_assert_eq(n, 1);
	cr_expect_eq(rows[0].tone, RENDER_AUTH_PLAIN);
	cr_expect_str_eq(rows[0].text, "v=1; s=x; b=abc");
}

Test(render_auth, authentication_results_are_coloured_per_method)
{
	static const char v[] =
		"mail.univ.example; spf=fail smtp.mailfrom=corp.example;\r\n"
		" dkim=fail (body hash did not verify; really) header.d=corp.example\r\n"
		" header.s=s2026; dmarc=pass (p=reject dis=none) header.from=corp.example; arc=none";
	struct render_auth_row rows[RENDER_AUTH_MAX_ROWS];
	int n = render_auth_rows("Authentication-Results", 22, v, sizeof v - 1, rows, RENDER_AUTH_MAX_ROWS);
	cr_assert_eq(n, 5, "the ';' inside the comment does not split");
	cr_expect_str_eq(rows[0].lead, "Authentication-Results:");
	cr_expect_str_eq(rows[0].text, "mail.univ.example;");
	cr_expect_eq(rows[0].tone, RENDER_AUTH_PLAIN);
	cr_expect_str_eq(rows[1].text, "  spf=fail smtp.mailfrom=corp.example");
	cr_expect_eq(rows[1].tone, RENDER_AUTH_FAIL);
	cr_expect_str_eq(rows[2].text, "  dkim=fail (body hash did not verify; really) header.d=corp.example "
	                               "header.s=s2026");
	cr_expect_eq(rows[2].tone, RENDER_AUTH_FAIL);
	cr_expect_eq(rows[3].tone, RENDER_AUTH_PASS);
	cr_expect_eq(rows[4].tone, RENDER_AUTH_PLAIN, "none is neither pass nor fail");
	cr_expect_eq(render_auth_result_tone("softfail", 8), RENDER_AUTH_FAIL);
	cr_expect_eq(render_auth_result_tone("neutral", 7), RENDER_AUTH_PLAIN);
	cr_expect_eq(render_auth_rows("Received", 8, v, sizeof v - 1, rows, RENDER_AUTH_MAX_ROWS), 0);
	/* Any bytes are safe. */
	static const char junk[] = "\xff(\"\\;;;=(((";
	n = render_auth_rows("Authentication-Results", 22, junk, sizeof junk - 1, rows, RENDER_AUTH_MAX_ROWS);
	cr_expect_geq(n, 1);
}

/* Lesson 13's window at t seconds with tag selected. */
static struct render_app *test_render_auth_at(double t, const char *tag, int lang)
{
	struct render_app *a = test_render_util_app(TEST_RENDER_AUTH_LESSON, lang, 1920, 1080);
	test_render_util_msg_at(a, (int64_t)(t * 1e6), tag, 1);
	return a;
}

static void test_render_auth_gather(struct render_app *a, const char *tag, struct render_checks *ck)
{
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	render_checks_gather(tr, n, sim_ledger_find(render_app_sim(a), tag), ck);
}

Test(render_checks, each_step_appears_as_the_trace_reaches_it)
{
	struct render_checks ck;
	/* 30.36 s: news1's key query is on its way to the DNS server. */
	struct render_app *a = test_render_auth_at(30.36, "news1", LANG_JA);
	test_render_auth_gather(a, "news1", &ck);
	cr_assert_eq(ck.node, scenario_find_host(a->sc, "mail-b"));
	cr_assert_not_null(ck.spf);
	cr_expect_eq(ck.spf->u.spf.result, SPF_PASS);
	cr_assert_eq(ck.nsig, 1);
	cr_expect_not_null(ck.sig[0].query);
	cr_expect_null(ck.sig[0].verdict, "the key has not come back yet");
	cr_expect_null(ck.dmarc_query);
	render_app_free(a);
	/* 30.39 s: the signature is checked, the policy query is out. */
	a = test_render_auth_at(30.39, "news1", LANG_JA);
	test_render_auth_gather(a, "news1", &ck);
	cr_assert_eq(ck.nsig, 1);
	cr_assert_not_null(ck.sig[0].verdict);
	cr_expect_eq(ck.sig[0].verdict->u.dkim.status, DKIM_STATUS_PASS);
	cr_expect_str_eq(ck.sig[0].verdict->u.dkim.domain, "esp.example");
	cr_expect_not_null(ck.dmarc_query);
	cr_expect_null(ck.dmarc);
	render_app_free(a);
	/* Later: the verdict, and what the server did. */
	a = test_render_auth_at(31, "news1", LANG_JA);
	test_render_auth_gather(a, "news1", &ck);
	cr_assert_not_null(ck.dmarc);
	cr_expect_eq(ck.dmarc->u.dmarc.action, TRACE_DMARC_JUNK);
	render_app_free(a);
	/* m1 was forwarded: its latest checks are the university's. */
	a = test_render_auth_at(5, "m1", LANG_JA);
	test_render_auth_gather(a, "m1", &ck);
	cr_expect_eq(ck.node, scenario_find_host(a->sc, "mail-u"));
	cr_assert_not_null(ck.spf);
	cr_expect_eq(ck.spf->u.spf.result, SPF_FAIL);
	cr_assert_eq(ck.nsig, 1);
	cr_expect_eq(ck.sig[0].verdict->u.dkim.status, DKIM_STATUS_PASS);
	render_app_free(a);
	/* news2 carries two signatures, both checked. */
	a = test_render_auth_at(71, "news2", LANG_EN);
	test_render_auth_gather(a, "news2", &ck);
	cr_expect_eq(ck.nsig, 2);
	cr_expect_str_eq(ck.sig[0].verdict->u.dkim.domain, "shop.example");
	cr_expect_str_eq(ck.sig[1].verdict->u.dkim.domain, "esp.example");
	render_app_free(a);
}

/* Pixels of colour rgba inside rc of the last frame. */
static int test_render_auth_count(struct render_app *a, SDL_Rect rc, uint32_t rgba)
{
	int n = 0;
	for (int y = rc.y; y < rc.y + rc.h; y++)
		for (int x = rc.x; x < rc.x + rc.w; x++)
			n += test_render_util_pixel(a, x, y) == rgba;
	return n;
}

Test(render_checks, the_card_and_the_letter_show_the_checks)
{
	/* Before ISP B checked news1 nothing of its checks is drawn beside
	 * the server; after, the card's teal edge is there. */
	struct render_app *a = test_render_auth_at(30.2, "news1", LANG_JA);
	const struct render_app_hitbox *hb = render_app_hit_find(a, RENDER_APP_HIT_HOST,
	                                                         scenario_find_host(a->sc, "mail-b"), -1);
	cr_assert_not_null(hb);
	SDL_Rect below = { hb->rc.x - hb->rc.w, hb->rc.y + hb->rc.h, 3 * hb->rc.w, 4 * hb->rc.h };
	SDL_IntersectRect(&below, &a->panels.topo, &below);
	cr_expect_eq(test_render_auth_count(a, below, RENDER_THEME_DNS), 0);
	render_app_free(a);
	a = test_render_auth_at(30.6, "news1", LANG_JA);
	cr_expect_gt(test_render_auth_count(a, below, RENDER_THEME_DNS), 100, "no checks card below ISP B");
	/* The letter card: d= and s= on their highlight, a green and a red
	 * Authentication-Results row. */
	SDL_Rect card = a->panels.card;
	cr_expect_gt(test_render_auth_count(a, card, 0xB2EBF2FFu), 100, "no d=/s= highlight");
	cr_expect_gt(test_render_auth_count(a, card, 0xE8F5E9FFu), 100, "no green row");
	cr_expect_gt(test_render_auth_count(a, card, 0xFFEBEEFFu), 100, "no red row");
	render_app_free(a);
}

Test(render_auth, received_spf_is_coloured_by_its_result_word)
{
	static const struct {
		const char *value;
		const char *word;
		enum render_auth_tone tone;
	} cases[] = {
		{ "Pass (mailfrom) identity=mailfrom; client-ip=192.0.2.130;\r\n envelope-from=ceo@corp.example",
		  "Pass", RENDER_AUTH_PASS },
		{ "Fail (mailfrom) identity=mailfrom; client-ip=192.0.2.66", "Fail", RENDER_AUTH_FAIL },
		{ "Softfail (mailfrom) identity=mailfrom", "Softfail", RENDER_AUTH_FAIL },
		{ "None (mailfrom) identity=mailfrom", "None", RENDER_AUTH_PLAIN },
		{ "", "", RENDER_AUTH_PLAIN },
	};
	cr_assert(render_auth_is_field("Received-SPF", 12));
	cr_assert(render_auth_is_field("received-spf", 12));
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct render_auth_row rows[RENDER_AUTH_MAX_ROWS];
		int n = render_auth_rows("Received-SPF", 12, cases[i].value, strlen(cases[i].value), rows,
					 RENDER_AUTH_MAX_ROWS);
		cr_assert_eq(n, 1, "%s", cases[i].value);
		cr_expect_str_eq(rows[0].lead, "Received-SPF:");
		cr_expect_str_eq(rows[0].text, cases[i].word);
		cr_expect_eq(rows[0].tone, cases[i].tone, "%s", cases[i].value);
		cr_expect_null(strchr(rows[0].tail, '\n'), "the tail is one line");
	}
}

/* An SPF verdict at MAIL FROM is on the map at once, before DMARC after
 * DATA (lesson 07 at 20.40 s: the caption says "SPF passes"). */
Test(render_checks, an_spf_verdict_alone_shows_its_card)
{
	struct render_app *a = test_render_util_app("scenarios/07-spoofing-spf.json", LANG_EN, 1920, 1080);
	int e = test_render_util_msg_at(a, 20400000, "spoof1", 1);
	struct render_checks ck;
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	render_checks_gather(tr, n, e, &ck);
	cr_assert_not_null(ck.spf, "ISP B checked SPF at 20.315 s");
	cr_assert_null(ck.dmarc, "DMARC comes after DATA");
	const struct render_app_hitbox *hb = render_app_hit_find(a, RENDER_APP_HIT_HOST,
	                                                         scenario_find_host(a->sc, "mail-b"), -1);
	cr_assert_not_null(hb);
	SDL_Rect around = { hb->rc.x - 2 * hb->rc.w, hb->rc.y - 2 * hb->rc.h, 5 * hb->rc.w, 5 * hb->rc.h };
	SDL_IntersectRect(&around, &a->panels.topo, &around);
	cr_expect_gt(test_render_auth_count(a, around, RENDER_THEME_DNS), 100, "no checks card near ISP B");
	render_app_free(a);
}

Test(render_checks, presenter_mode_docks_the_card_the_map_has_no_room_for)
{
	/* At 1280 x 720 in presenter mode lesson 13's map has no free place
	 * for ISP B's card at 1.38 s (m1's DKIM checks): the card is not drawn
	 * over the map's boxes but in the right column, between the letter
	 * card and the inspector, naming its server. */
	struct render_app *a = test_render_util_app(TEST_RENDER_AUTH_LESSON, LANG_EN, 1280, 720);
	a->presenter = 1;
	render_control_run_to(a, 1380000);
	render_app_draw(a);
	cr_assert_not_null(a->place);
	for (size_t i = 0; i < a->place->nover; i++)
		cr_expect_neq(a->place->over[i].kind, RENDER_TOPOLOGY_OVER_AUTH, "the card is on the map at %d,%d",
			      a->place->over[i].rc.x, a->place->over[i].rc.y);
	const struct render_layout_panels *p = &a->panels;
	SDL_Rect strip = { p->card.x, p->card.y + p->card.h, p->card.w, p->inspector.y - p->card.y - p->card.h };
	cr_assert_gt(strip.h, 4 * p->px_body, "no room taken between the letter card and the inspector");
	cr_expect_gt(test_render_auth_count(a, strip, RENDER_THEME_DNS), 100, "no checks card in the right column");
	render_app_free(a);
	/* In the normal layout the card beside ISP B's server ran off the
	 * map's right edge ("DMARC: asking DNS for the poli"): it is docked
	 * too, or whole on the map. */
	a = test_render_util_app(TEST_RENDER_AUTH_LESSON, LANG_EN, 1280, 720);
	render_control_run_to(a, 1380000);
	render_app_draw(a);
	/* docked: drawn in the right column this frame (the events list
	 * lies between the card and the inspector either way) */
	int docked = a->dock_px > 0;
	for (size_t i = 0; i < a->place->nover; i++) {
		SDL_Rect rc = a->place->over[i].rc, ix;
		if (a->place->over[i].kind != RENDER_TOPOLOGY_OVER_AUTH)
			continue;
		cr_expect(!docked, "the card is both docked and on the map");
		cr_expect(SDL_IntersectRect(&rc, &a->panels.topo, &ix) && SDL_RectEquals(&ix, &rc),
			  "the card at %d,%d %dx%d runs off the map", rc.x, rc.y, rc.w, rc.h);
		docked = 1;
	}
	cr_expect(docked, "no checks card on the map or in the right column");
	render_app_free(a);
}

/* The card of a server's checks is never drawn inside another network's
 * region, where it reads as that network's server's: lesson 13's card of
 * the university's checks (fake2 filed in Junk) sat under ISP B's server,
 * which had refused that forgery.  Checked at every SPF and DMARC verdict
 * of lessons 07, 12 and 13, at both sizes, normal and presenter. */
static void test_render_auth_own_region(const char *lesson, int w, int h, int presenter)
{
	struct render_app *a = test_render_util_app(lesson, LANG_JA, w, h);
	a->presenter = presenter;
	render_control_run_to(a, a->sc->until_us);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	int64_t times[64];
	int nt = 0;
	for (size_t i = 0; i < n && nt < 64; i++)
		if ((tr[i].kind == TR_SPF || tr[i].kind == TR_DMARC) && (!nt || times[nt - 1] != tr[i].t))
			times[nt++] = tr[i].t;
	cr_assert_gt(nt, 0, "%s has no sender checks", lesson);
	render_app_free(a);
	a = test_render_util_app(lesson, LANG_JA, w, h);
	a->presenter = presenter;
	for (int k = 0; k < nt; k++) {
		render_control_run_to(a, times[k] + 1);
		render_app_draw(a);
		int focus = render_view_focus_msg(a);
		struct render_checks ck;
		const struct trace_rec *now = render_view_trace(a, &n);
		render_checks_gather(now, n, focus, &ck);
		for (size_t i = 0; a->place && i < a->place->nover && ck.node >= 0; i++) {
			if (a->place->over[i].kind != RENDER_TOPOLOGY_OVER_AUTH)
				continue;
			for (int net = 0; net < a->sc->nnets; net++) {
				SDL_Rect r = render_layout_net_rect(&a->layout, net), card = a->place->over[i].rc;
				cr_expect(net == a->sc->hosts[ck.node].net || !SDL_HasIntersection(&card, &r),
					  "%s %dx%d%s at %.3f s: the card of %s's checks is in network %s's region", lesson, w,
					  h, presenter ? " presenter" : "", (double)times[k] / 1e6, a->sc->hosts[ck.node].id,
					  a->sc->nets[net].id);
			}
		}
	}
	render_app_free(a);
}

Test(render_checks, a_card_stays_out_of_other_networks_regions, .timeout = 300)
{
	static const char *const lessons[] = { "scenarios/07-spoofing-spf.json", "scenarios/12-bayes-learning.json",
					       TEST_RENDER_AUTH_LESSON };
	for (int l = 0; l < 3; l++)
		for (int c = 0; c < 4; c++)
			if (test_render_util_sweep(lessons[l], c))
				test_render_auth_own_region(lessons[l], c & 1 ? 1920 : 1280, c & 1 ? 1080 : 720, c >> 1);
}

/* A checks card docked in the right column in presenter mode keeps the
 * size the class reads (lesson 13 at 70.44 s, 1920x1080: its text had
 * shrunk to about 20 px to leave the inspector five lines). */
Test(render_checks, a_docked_card_keeps_a_readable_size)
{
	for (int lang = 0; lang < 2; lang++) {
		struct render_app *a = test_render_util_app_mode("scenarios/13-dkim-dmarc.json", lang ? LANG_EN : LANG_JA,
								  1920, 1080, 1);
		a->quiz.off = 1;
		render_control_run_to(a, 70442000);
		render_app_draw(a);
		cr_assert_gt(a->dock_px, 0, "the card is docked");
		cr_expect_geq(a->dock_px, a->panels.px_small, "%s: text at %d px, the small text is %d px",
			      lang ? "en" : "ja", a->dock_px, a->panels.px_small);
		render_app_free(a);
	}
}
