/* test_render_envelope — the envelope tag beside the letter in focus sits
 * next to its letter, in free room (review 21 C6, C10): across no
 * region's edge and on no other network's region, over no line of the
 * moment (its letter's connections, dropped SYNs), within two of its
 * heights of its letter and nearer it than any other host's or router's
 * box.  Every lesson at its captions' moments, in both sizes,
 * modes and languages (MAILSIM_TEST_SWEEP picks some under the
 * sanitizers). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "render_app.h"
#include "render_layout.h"
#include "render_topology.h"
#include "render_ui.h"
#include "render_view.h"
#include "test_render_util.h"

/* The squared gap between two rectangles (0 when they touch or overlap). */
static long test_render_envelope_gap(SDL_Rect p, SDL_Rect q)
{
	int dx = q.x - (p.x + p.w) > p.x - (q.x + q.w) ? q.x - (p.x + p.w) : p.x - (q.x + q.w);
	int dy = q.y - (p.y + p.h) > p.y - (q.y + q.h) ? q.y - (p.y + p.h) : p.y - (q.y + q.h);
	dx = dx > 0 ? dx : 0;
	dy = dy > 0 ? dy : 0;
	return (long)dx * dx + (long)dy * dy;
}

/* What is wrong with the envelope tag t beside letter l, a line each into
 * b; returns how many. */
static int test_render_envelope_check(struct render_app *a, SDL_Rect t, SDL_Rect l, struct sbuf *b)
{
	int bad = 0;
	SDL_Point at = { l.x + l.w / 2, l.y + l.h / 2 };
	SDL_Rect ix;
	for (int n = 0; n < a->sc->nnets; n++) {
		SDL_Rect r = render_layout_net_rect(&a->layout, n);
		if (r.w <= 0 || !SDL_IntersectRect(&t, &r, &ix))
			continue;
		if (!SDL_RectEquals(&ix, &t)) {
			sbuf_addf(b, "  tag %d,%d %dx%d lies across the edge of %s's region\n", t.x, t.y, t.w, t.h,
				  a->sc->nets[n].id);
			bad++;
		} else if (!SDL_PointInRect(&at, &r)) {
			sbuf_addf(b, "  tag %d,%d %dx%d lies on %s's region, its letter outside it\n", t.x, t.y, t.w, t.h,
				  a->sc->nets[n].id);
			bad++;
		}
	}
	/* the lines of the moment: the focus letter's connections and dropped
	 * SYNs (lesson 02's tag covered Alice's) */
	int focus = render_view_focus_msg(a);
	for (size_t i = 0; a->nfconn <= RENDER_TOPOLOGY_LABEL_MAX && i < a->nfconn; i++) {
		struct render_topology_route rt;
		render_topology_route_of(a, &a->fconn[i], &rt);
		if (a->fconn[i].msg != focus && !rt.blocked)
			continue;
		for (int k = 1; k < rt.n; k++) {
			int x1 = (int)rt.x[k - 1], y1 = (int)rt.y[k - 1], x2 = (int)rt.x[k], y2 = (int)rt.y[k];
			if (SDL_IntersectRectAndLine(&t, &x1, &y1, &x2, &y2)) {
				sbuf_addf(b, "  tag %d,%d %dx%d lies over the line %s -> %s\n", t.x, t.y, t.w, t.h,
					  render_view_host_name(a, a->fconn[i].client),
					  render_view_host_name(a, a->fconn[i].server));
				bad++;
				break;
			}
		}
	}
	long gap = test_render_envelope_gap(t, l), far = 2 * t.h + l.w + 1;
	if (gap > far * far) {
		sbuf_addf(b, "  tag %d,%d %dx%d is %.0f px from its letter at %d,%d\n", t.x, t.y, t.w, t.h, sqrt((double)gap),
			  l.x, l.y);
		bad++;
	}
	for (int h = 0; a->node_box && h < a->sc->nhosts + a->sc->nrouters; h++) {
		SDL_Rect bx = a->node_box[h];
		/* the box the letter rests on the corner of is its own */
		if (bx.w <= 0 || test_render_envelope_gap(bx, l) <= (long)l.h * l.h ||
		    test_render_envelope_gap(t, bx) >= gap)
			continue;
		sbuf_addf(b, "  tag %d,%d %dx%d is nearer %s's box than its letter at %d,%d\n", t.x, t.y, t.w, t.h,
			  render_view_node_name(a, h), l.x, l.y);
		bad++;
	}
	return bad;
}

/* The times of the lesson's captions (the trace records they fired at),
 * ascending, into a new array (the caller frees it); their number in *n. */
static int64_t *test_render_envelope_times(const char *lesson, int *n)
{
	struct render_app *a = test_render_util_app_mode(lesson, LANG_EN, 1280, 720, 0);
	a->quiz.off = 1;
	render_control_run_to(a, a->sc->until_us);
	size_t ntr = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &ntr);
	int64_t *at = xcalloc((size_t)a->sc->ncaptions + 1, sizeof *at);
	*n = 0;
	for (int k = 0; k < a->sc->ncaptions; k++) {
		int rec = a->caption_rec[k];
		if (rec >= 0 && (size_t)rec < ntr && (!*n || tr[rec].t > at[*n - 1]))
			at[(*n)++] = tr[rec].t;
	}
	render_app_free(a);
	return at;
}

static void test_render_envelope_lesson(const char *lesson)
{
	static const int size[2][2] = { { 1280, 720 }, { 1920, 1080 } };
	struct sbuf b = { 0 };
	int bad = 0, shown = 0, frames = 0, nat = 0;
	int64_t *at = test_render_envelope_times(lesson, &nat);
	for (int c = 0; c < 8; c++) {
		if (!test_render_util_sweep(lesson, c))
			continue;
		int w = size[c & 1][0], h = size[c & 1][1], presenter = (c >> 1) & 1, lang = c >> 2 ? LANG_EN : LANG_JA;
		/* played forward through the moments, as `mailsim shot` plays */
		struct render_app *a = test_render_util_app_mode(lesson, lang, w, h, presenter);
		a->quiz.off = 1;
		for (int k = 0; k < nat; k++) {
			render_control_run_to(a, at[k]);
			render_app_draw(a);
			frames++;
			const struct render_topology_place *p = a->place;
			for (size_t i = 0; p && i < p->nover; i++) {
				if (p->over[i].kind != RENDER_TOPOLOGY_OVER_ENVELOPE || p->over[i].anchor.w <= 0)
					continue;
				shown++;
				size_t mark = b.len;
				sbuf_addf(&b, "%dx%d %s %s at %.3f s:\n", w, h, presenter ? "presenter" : "normal",
					  lang == LANG_EN ? "en" : "ja", (double)at[k] / 1e6);
				int m = test_render_envelope_check(a, p->over[i].rc, p->over[i].anchor, &b);
				if (!m)
					b.len = mark;
				bad += m;
			}
		}
		render_app_free(a);
	}
	free(at);
	if (b.s)
		b.s[b.len] = 0;
	cr_log_info("%s: envelope tag shown in %d of %d caption frames", lesson, shown, frames);
	cr_expect_eq(bad, 0, "%s: %d envelope tags out of place\n%s", lesson, bad, b.s ? b.s : "");
	sbuf_free(&b);
}

#define TEST_RENDER_ENVELOPE(name, file) \
	Test(render_envelope, name) { test_render_envelope_lesson("scenarios/" file ".json"); }

TEST_RENDER_ENVELOPE(l01, "01-basic-flow")
TEST_RENDER_ENVELOPE(l01b, "01b-agents")
TEST_RENDER_ENVELOPE(l02, "02-op25b")
TEST_RENDER_ENVELOPE(l03, "03-ip25b")
TEST_RENDER_ENVELOPE(l04, "04-submission-587-465")
TEST_RENDER_ENVELOPE(l05, "05-envelope-bcc-forward")
TEST_RENDER_ENVELOPE(l06, "06-bounce-backscatter")
TEST_RENDER_ENVELOPE(l07, "07-spoofing-spf")
TEST_RENDER_ENVELOPE(l08, "08-open-relay")
TEST_RENDER_ENVELOPE(l09, "09-botnet-scale")
TEST_RENDER_ENVELOPE(l10, "10-mx-backup")
TEST_RENDER_ENVELOPE(l11, "11-smime")
TEST_RENDER_ENVELOPE(l12, "12-bayes-learning")
TEST_RENDER_ENVELOPE(l13, "13-dkim-dmarc")
TEST_RENDER_ENVELOPE(l14, "14-secure-retrieval")
