/* test_render_marks — the marks on the network picture belong to what
 * they mark: a server's refusal (a 5xx) puts its ✕ at the refusing
 * server, nearer its box than any router's (lesson 13's 550 in presenter
 * mode at 1280 x 720 lay beside ISP B's border router's name, where it read
 * as a router's drop like OP25B's).  Every lesson, every refusal the
 * window labels, at both sizes, in normal and presenter mode, in both
 * languages.  Fonts are pinned (tests/fonts.conf). */
#include <criterion/criterion.h>

#include <SDL.h>
#include <glob.h>
#include <math.h>
#include <string.h>

#include "render_app.h"
#include "render_control.h"
#include "render_topology.h"
#include "test_render_util.h"

/* The distance from (x, y) to rectangle r (0 inside). */
static float test_render_marks_dist(SDL_Rect r, float x, float y)
{
	float dx = x < (float)r.x ? (float)r.x - x : x > (float)(r.x + r.w) ? x - (float)(r.x + r.w) : 0;
	float dy = y < (float)r.y ? (float)r.y - y : y > (float)(r.y + r.h) ? y - (float)(r.y + r.h) : 0;
	return hypotf(dx, dy);
}

/* The host or router whose box lies nearest the point (x, y): its hit box
 * in *rc; returns its kind and index in *index, or -1 if none is drawn. */
static int test_render_marks_nearest(const struct render_app *a, float x, float y, int *index)
{
	float best = 1e9f;
	int kind = -1;
	for (size_t i = 0; i < a->nhits; i++) {
		const struct render_app_hitbox *h = &a->hits[i];
		if (h->kind != RENDER_APP_HIT_HOST && h->kind != RENDER_APP_HIT_ROUTER)
			continue;
		float d = test_render_marks_dist(h->rc, x, y);
		if (d < best) {
			best = d;
			kind = (int)h->kind;
			*index = h->a;
		}
	}
	return kind;
}

/* A refusal: when, and which server (its group's leader). */
struct test_render_marks_refusal {
	int64_t t;
	int server;
};

/* The lesson's SMTP refusals (a 5xx reply), the first of each connection,
 * at most max. */
static int test_render_marks_refusals(const char *lesson, struct test_render_marks_refusal *out, int max)
{
	struct render_app *a = test_render_util_app(lesson, LANG_EN, 1280, 720);
	a->quiz.off = 1;
	render_control_run_to(a, a->sc->until_us);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	int nout = 0, last_conn = -1;
	for (size_t i = 0; i < n && nout < max; i++) {
		const struct trace_rec *r = &tr[i];
		if (r->kind != TR_REPLY || r->proto != PROTO_SMTP || r->u.line.code < 500 || r->conn == last_conn)
			continue;
		int server = -1;
		for (size_t j = i; j-- > 0 && server < 0;)
			if (tr[j].kind == TR_CONNECT && tr[j].conn == r->conn)
				server = tr[j].peer;
		if (server < 0 || server >= a->sc->nhosts)
			continue;
		last_conn = r->conn;
		out[nout++] = (struct test_render_marks_refusal){ r->t, render_layout_leader(a->sc, server) };
	}
	render_app_free(a);
	return nout;
}

/* At a refusal's moment: some ✕ lies by the server's box (within three
 * ✕s of it, as render_traffic places it on the route) and nearer it than
 * any other box.  Appends a failure to b and
 * returns 1, else 0 (also when the scene is too busy for marks). */
static int test_render_marks_check(struct render_app *a, const struct test_render_marks_refusal *f, struct sbuf *b)
{
	if (a->nfconn > RENDER_TOPOLOGY_LABEL_MAX)
		return 0;
	const struct render_app_hitbox *sh = render_app_hit_find(a, RENDER_APP_HIT_HOST, f->server, -1);
	if (!sh)
		return 0;
	const struct render_topology_place *p = a->place;
	char seen[160] = "";
	for (size_t i = 0; i < p->nover; i++) {
		const struct render_topology_overlay *o = &p->over[i];
		if (o->kind != RENDER_TOPOLOGY_OVER_CROSS)
			continue;
		float x = (float)o->rc.x + (float)o->rc.w / 2, y = (float)o->rc.y + (float)o->rc.h / 2;
		int idx = -1, kind = test_render_marks_nearest(a, x, y, &idx);
		if (kind == RENDER_APP_HIT_HOST && idx == f->server &&
		    test_render_marks_dist(sh->rc, x, y) <= 3.0f * (float)o->rc.w)
			return 0;
		size_t at = strlen(seen);
		snprintf(seen + at, sizeof seen - at, " %.0f,%.0f", x, y);
	}
	sbuf_addf(b, "  %dx%d%s %s at %.3f s: no ✕ by %s (box %d,%d %dx%d; crosses:%s)\n", a->w, a->h,
		  a->presenter ? " presenter" : "", a->lang == LANG_EN ? "en" : "ja", (double)f->t / 1e6,
		  a->sc->hosts[f->server].id, sh->rc.x, sh->rc.y, sh->rc.w, sh->rc.h, seen);
	return 1;
}

Test(render_marks, a_refusal_is_marked_at_the_refusing_server)
{
	glob_t gl;
	cr_assert_eq(glob("scenarios/[0-9]*.json", 0, NULL, &gl), 0, "no lessons (run from the top directory)");
	struct sbuf b = { 0 };
	int bad = 0, checked = 0;
	for (size_t l = 0; l < gl.gl_pathc; l++) {
		struct test_render_marks_refusal f[24];
		int nf = test_render_marks_refusals(gl.gl_pathv[l], f, 24);
		for (int c = 0; c < 8 && nf > 0; c++) {
			struct render_app *a = test_render_util_app_mode(gl.gl_pathv[l], c & 4 ? LANG_EN : LANG_JA,
									  c & 1 ? 1920 : 1280, c & 1 ? 1080 : 720, (c >> 1) & 1);
			a->quiz.off = 1;
			size_t at = b.len;
			sbuf_addf(&b, "%s:\n", gl.gl_pathv[l]);
			int n = 0;
			for (int k = 0; k < nf; k++) {
				render_control_run_to(a, f[k].t);
				render_app_draw(a);
				n += test_render_marks_check(a, &f[k], &b);
				checked++;
			}
			if (!n)
				b.len = at;
			bad += n;
			render_app_free(a);
		}
	}
	globfree(&gl);
	if (b.s)
		b.s[b.len] = 0;
	cr_assert_gt(checked, 40, "the lessons' refusals");
	cr_assert_eq(bad, 0, "%d refusals marked away from their server:\n%s", bad, b.s ? b.s : "");
	sbuf_free(&b);
}
