/* test_render_pile — letters at rest by a host (issue 11): a pile too big
 * to draw whole says what it holds beside it (C17: a bare "×6" by Bob's PC
 * in lessons 11 and 14 did not say it was the mail his program had
 * downloaded), the words keeping off the boxes, chips and trays placed
 * before them; a pile reads as its own host's (C5); and a letter waiting
 * for its connection keeps off the networks' names and their tabs (C3). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_control.h"
#include "render_letter.h"
#include "render_nettab.h"
#include "render_pace.h"
#include "render_topology.h"
#include "render_view.h"
#include "test_render_util.h"
#include "util.h"

static struct render_app *test_render_pile_at(const char *lesson, int lang, int w, int h, int presenter, double at)
{
	struct render_app *a = test_render_util_app_mode(lesson, lang, w, h, presenter);
	a->quiz.off = 1;
	render_control_run_to(a, (int64_t)(at * 1e6));
	render_app_draw(a);
	return a;
}

/* Bob's copies in his mail program now (what the trace's "fetched" rows
 * left there). */
static int test_render_pile_fetched(const struct render_app *a, int bob)
{
	int n = 0;
	for (size_t i = 0; i < a->nfcopy; i++)
		n += a->fcopy[i].node == bob && a->fcopy[i].holder == HOLD_FETCHED;
	return n;
}

Test(render_pile, lesson_14_says_bob_has_downloaded_six)
{
	static const struct { int lang, w, h, presenter; const char *words; } cfg[] = {
		{ LANG_JA, 1920, 1080, 0, "受信済み 6通" },
		{ LANG_EN, 1280, 720, 1, "6 fetched" },
	};
	for (size_t c = 0; c < sizeof cfg / sizeof cfg[0]; c++) {
		struct render_app *a = test_render_pile_at("scenarios/14-secure-retrieval.json", cfg[c].lang, cfg[c].w,
							   cfg[c].h, cfg[c].presenter, 110.0);
		int bob = scenario_find_host(a->sc, "bob-pc");
		cr_assert_geq(bob, 0);
		cr_expect_eq(test_render_pile_fetched(a, bob), 6, "six downloads at 110 s");
		struct sbuf b = { 0 };
		int n = render_letter_pile_words(a, bob, &b);
		cr_expect_eq(n, 6);
		cr_expect_str_eq(b.s ? b.s : "", cfg[c].words, "config %zu", c);
		cr_expect_gt(a->place->pile_tag[bob].w, 0, "drawn beside the pile");
		sbuf_free(&b);
		render_app_free(a);
	}
}

/* Lesson 11 at 80 s in presenter mode at 1280 x 720: Bob's pile grows to
 * the left of his box, under ISP B's border router; its words hid the
 * router's "OP25B on" there, then its name. */
Test(render_pile, lesson_11_words_keep_off_the_router)
{
	struct render_app *a = test_render_pile_at("scenarios/11-smime.json", LANG_EN, 1280, 720, 1, 80.0);
	int bob = scenario_find_host(a->sc, "bob-pc");
	SDL_Rect tag = a->place->pile_tag[bob], x;
	cr_assert_gt(tag.w, 0);
	const struct render_topology_place *p = a->place;
	for (size_t i = 0; i < p->nlab; i++) {
		const struct render_topology_label *l = &p->lab[i];
		if (l->kind == RENDER_TOPOLOGY_PILE)
			continue;
		cr_expect(!SDL_IntersectRect(&tag, &l->rc, &x), "the words (%d,%d %dx%d) on a %s (%d,%d %dx%d)", tag.x,
			  tag.y, tag.w, tag.h, render_topology_kind_names[l->kind], l->rc.x, l->rc.y, l->rc.w, l->rc.h);
	}
	render_app_free(a);
}

/* Lesson 06 in presenter mode at 1920 x 1080, 35 s: the bounce Alice's
 * mail program has downloaded stood in the narrow gap between her PC and
 * Carol's (the map's edge on her other side) and read as Carol's; now it
 * lies over Alice's box, within its width. */
Test(render_pile, lesson_06_alices_dsn_lies_over_her_box)
{
	struct render_app *a = test_render_pile_at("scenarios/06-bounce-backscatter.json", LANG_JA, 1920, 1080, 1, 35.0);
	int alice = scenario_find_host(a->sc, "alice-pc"), carol = scenario_find_host(a->sc, "carol-pc");
	SDL_Rect ab = a->node_box[alice], cb = a->node_box[carol];
	int found = 0;
	for (size_t i = 0; i < a->nfcopy; i++) {
		const struct sim_copy *c = &a->fcopy[i];
		if (c->node != alice || c->holder != HOLD_FETCHED)
			continue;
		/* its letter by her PC (the other copy rests in the server's INBOX) */
		const struct render_app_hitbox *h = NULL;
		for (size_t k = 0; k < a->nhits; k++) {
			const struct render_app_hitbox *o = &a->hits[k];
			if (o->kind == RENDER_APP_HIT_MSG && o->a == c->m->ledger && o->rc.y < ab.y + ab.h &&
			    (!h || abs(o->rc.y - ab.y) < abs(h->rc.y - ab.y)))
				h = o;
		}
		cr_assert_not_null(h, "Alice's downloaded bounce is drawn");
		int cx = h->rc.x + h->rc.w / 2;
		cr_expect(cx >= ab.x && cx < ab.x + ab.w, "its middle %d over Alice's box [%d, %d) (Carol's from %d)", cx,
			  ab.x, ab.x + ab.w, cb.x);
		found++;
	}
	cr_expect_eq(found, 1, "one downloaded bounce at Alice's PC");
	render_app_free(a);
}

/* Lesson 13 at 30 s (1920 x 1080, English): the newsletter system's
 * letter, waiting for its connection at its box's corner, lay under the
 * tab "Newsletter service (esp.example)" is drawn on across its region's
 * edge (issue 11, C3); it keeps off every name, tab and other box. */
Test(render_pile, lesson_13_waiting_letter_keeps_off_the_names_tab)
{
	struct render_app *a = test_render_pile_at("scenarios/13-dkim-dmarc.json", LANG_EN, 1920, 1080, 0, 30.0);
	const struct render_topology_place *p = a->place;
	int app = scenario_find_host(a->sc, "esp-app"), n = 0;
	for (size_t k = 0; k < a->nhits; k++) {
		SDL_Rect rc = a->hits[k].rc, x, tab, joint;
		if (a->hits[k].kind != RENDER_APP_HIT_MSG)
			continue;
		n++;
		for (int net = 0; net < a->sc->nnets; net++)
			if (render_nettab_rect(a, net, &tab, &joint))
				cr_expect(!SDL_IntersectRect(&rc, &tab, &x), "letter %d (%d,%d %dx%d) on %s's tab", a->hits[k].a,
					  rc.x, rc.y, rc.w, rc.h, a->sc->nets[net].id);
		for (size_t i = 0; i < p->nlab; i++) {
			const struct render_topology_label *l = &p->lab[i];
			if (l->kind == RENDER_TOPOLOGY_PILE || (l->kind == RENDER_TOPOLOGY_HOST && l->owner == app) ||
			    l->kind == RENDER_TOPOLOGY_TRAY)
				continue;   /* (the letters resting in trays lie on them) */
			cr_expect(!SDL_IntersectRect(&rc, &l->rc, &x), "letter %d (%d,%d %dx%d) on a %s", a->hits[k].a, rc.x,
				  rc.y, rc.w, rc.h, render_topology_kind_names[l->kind]);
		}
	}
	cr_expect_geq(n, 1, "the waiting letter is drawn");
	render_app_free(a);
}

/* A pile's tag lies on no other network's region (lesson 11 at 90.53 s,
 * 1280 x 720: Bob's 「受信済み 6通」 stood in the Internet's box and read
 * as the Internet's count). */
Test(render_pile, the_tag_keeps_off_other_networks)
{
	struct render_app *a = test_render_util_app("scenarios/11-smime.json", LANG_JA, 1280, 720);
	a->quiz.off = 1;
	render_control_run_to(a, 90530000);
	render_app_draw(a);
	int tags = 0;
	for (int h = 0; h < a->sc->nhosts; h++) {
		SDL_Rect t = a->place->pile_tag[h], ix;
		if (t.w <= 0)
			continue;
		tags++;
		SDL_Rect own = render_layout_net_rect(&a->layout, a->sc->hosts[h].net);
		for (int n = 0; n < a->sc->nnets; n++) {
			SDL_Rect rn = render_layout_net_rect(&a->layout, n);
			int holds = SDL_IntersectRect(&rn, &own, &ix) && SDL_RectEquals(&ix, &own);
			cr_expect(n == a->sc->hosts[h].net || holds || !SDL_IntersectRect(&t, &rn, &ix),
				  "%s's pile tag on %s's region", a->sc->hosts[h].id, a->sc->nets[n].id);
		}
	}
	cr_assert_gt(tags, 0, "a pile tag to check");
	render_app_free(a);
}

/* Lesson 04 at 100.4 s: m1, blocked by OP25B at 1 s, is still in Alice's
 * outbox, and the letter at her PC said so nowhere on the map.  In every
 * mode, size and language the pile says it in words, on nothing placed
 * before it, nearer her box than any other. */
Test(render_pile, an_outbox_letter_says_it_is_unsent)
{
	for (int z = 0; z < 8; z++) {
		struct render_app *a = test_render_pile_at("scenarios/04-submission-587-465.json", z & 2 ? LANG_EN : LANG_JA,
							   z & 1 ? 1920 : 1280, z & 1 ? 1080 : 720, z >> 2, 100.4);
		int alice = scenario_find_host(a->sc, "alice-pc");
		cr_assert_geq(alice, 0);
		struct sbuf b = { 0 };
		cr_expect_eq(render_letter_pile_words(a, alice, &b), 1, "m1 alone at Alice's PC");
		cr_expect_str_eq(b.s ? b.s : "", z & 2 ? "1 in the outbox" : "送信トレイに 1通");
		SDL_Rect tag = a->place->pile_tag[alice], x;
		cr_expect_gt(tag.w, 0, "%dx%d%s: no words by the letter", a->w, a->h, a->presenter ? " presenter" : "");
		for (size_t i = 0; tag.w > 0 && i < a->place->nlab; i++) {
			const struct render_topology_label *l = &a->place->lab[i];
			cr_expect(l->kind == RENDER_TOPOLOGY_PILE || !SDL_IntersectRect(&tag, &l->rc, &x),
				  "%dx%d%s: the words on a %s", a->w, a->h, a->presenter ? " presenter" : "",
				  render_topology_kind_names[l->kind]);
		}
		float mine = render_topology_apart(tag, a->node_box[alice]);
		for (int k = 0; tag.w > 0 && k < a->sc->nhosts + a->sc->nrouters; k++)
			cr_expect(k == alice || a->node_box[k].w <= 0 || render_topology_apart(tag, a->node_box[k]) >= mine,
				  "%dx%d%s: the words nearer node %d", a->w, a->h, a->presenter ? " presenter" : "", k);
		sbuf_free(&b);
		render_app_free(a);
	}
}

/* The outbox's words are placed as the letters are drawn, after what
 * moves: lesson 04 at 40.001 s (720p presenter, en) 「送信トレイに 1通」
 * hid the SYN's "→ :587", and at 130.301 s (1080p presenter, ja) the
 * label "TLS の暗号文 28 バイト".  Where they are drawn they hide nothing
 * drawn before them. */
Test(render_pile, an_outbox_tag_hides_no_moving_label)
{
	static const int64_t at[] = { 40001000, 130301000 };
	for (int z = 0; z < 8; z++)
		for (size_t t = 0; t < sizeof at / sizeof *at; t++) {
			if (!test_render_util_thin((size_t)z * 2 + t))
				continue;
			struct render_app *a = test_render_util_app_at("scenarios/04-submission-587-465.json",
								       z & 2 ? LANG_EN : LANG_JA, z & 1 ? 1920 : 1280,
								       z & 1 ? 1080 : 720, z >> 2, at[t]);
			int alice = scenario_find_host(a->sc, "alice-pc");
			SDL_Rect tag = a->place->pile_tag[alice], x;
			for (size_t k = 0; tag.w > 0 && k < a->place->nover; k++)
				cr_expect(!SDL_IntersectRect(&tag, &a->place->over[k].rc, &x),
					  "%dx%d%s at %.3f s: the outbox's words on a %s", a->w, a->h,
					  a->presenter ? " presenter" : "", (double)at[t] / 1e6,
					  render_topology_over_names[a->place->over[k].kind]);
			render_app_free(a);
		}
}

/* Stopped at the caption on m1 written (lesson 01 at 1.000 s), with the
 * SYN of the same event still to be told: the letter waits in Alice's
 * outbox on the map, as the card says; it had been on the untold
 * connection, drawn nowhere. */
Test(render_pile, a_letter_written_waits_in_the_outbox_until_its_syn_is_told)
{
	struct render_app *a = test_render_util_app_at("scenarios/01-basic-flow.json", LANG_EN, 1920, 1080, 1, 999000);
	render_pace_next_caption(a);
	render_app_draw(a);
	size_t told = 0, n = 0;
	const struct trace_rec *tr = render_view_trace(a, &told);
	sim_trace(render_app_sim(a), &n);
	cr_assert(told < n && tr[told].kind == TR_CONNECT, "the SYN is not the row to come");
	int alice = scenario_find_host(a->sc, "alice-pc");
	struct sbuf b = { 0 };
	cr_expect_eq(render_letter_pile_words(a, alice, &b), 1, "m1 is not at Alice's PC");
	cr_expect_str_eq(b.s ? b.s : "", "1 in the outbox");
	sbuf_free(&b);
	test_render_util_key(a, SDLK_RIGHT, 0);   /* the SYN told: m1 goes with it */
	render_app_draw(a);
	sbuf_reset(&b);
	cr_expect_eq(render_letter_pile_words(a, alice, &b), 0, "m1 still rests at Alice's PC with its SYN told");
	sbuf_free(&b);
	render_app_free(a);
}
