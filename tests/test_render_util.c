/* test_render_util — helpers shared by the GUI's off-screen tests. */
#include "test_render_util.h"

#include <criterion/criterion.h>
#include <glob.h>
#include <math.h>
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render.h"
#include "render_control.h"
#include "render_draw.h"
#include "render_pace.h"
#include "render_topology_wires.h"
#include "render_view.h"

/* Every test draws with the same fonts, whatever the machine has: the
 * runner points fontconfig at tests/fonts.conf (Noto CJK only) before any
 * test starts, and each test process inherits it. */
ReportHook(PRE_ALL)(struct criterion_test_set *set)
{
	(void)set;
	char cwd[4096], path[4200];
	if (getcwd(cwd, sizeof cwd)) {
		snprintf(path, sizeof path, "%s/tests/fonts.conf", cwd);
		setenv("FONTCONFIG_FILE", path, 1);
	}
}

struct render_app *test_render_util_app(const char *lesson, int lang, int w, int h)
{
	return test_render_util_app_mode(lesson, lang, w, h, 0);
}

struct render_app *test_render_util_app_mode(const char *lesson, int lang, int w, int h, int presenter)
{
	struct render_opts o;
	memset(&o, 0, sizeof o);
	o.scenario = lesson;
	o.scenarios_dir = "scenarios";
	o.lang = lang;
	o.presenter = presenter;
	struct render_app *a = render_app_new_offscreen(&o, w, h);
	cr_assert_not_null(a, "%s must open off-screen", lesson);
	/* Laid out without pixels until a test reads them
	 * (test_render_util_pixel): most checks look only at the layout. */
	render_draw_set_dry(a->ren, 1);
	return a;
}

struct render_app *test_render_util_app_at(const char *lesson, int lang, int w, int h, int presenter, int64_t at)
{
	struct render_app *a = test_render_util_app_mode(lesson, lang, w, h, presenter);
	a->quiz.off = 1;
	render_control_run_to(a, at);
	render_app_draw(a);
	return a;
}

int test_render_util_sweep_n(void)
{
	const char *env = getenv("MAILSIM_TEST_SWEEP");
	int n = env ? atoi(env) : 1;
	return n > 1 ? n : 1;
}

int test_render_util_thin(size_t i)
{
	return i % (size_t)test_render_util_sweep_n() == 0;
}

/* A number for the running test (its suite and name), so that tests
 * which sweep fewer lessons than all take different ones. */
static unsigned test_render_util_salt(void)
{
	unsigned h = 2166136261u;
	const struct criterion_test *t = criterion_current_test;
	const char *parts[2] = { t && t->category ? t->category : "", t && t->name ? t->name : "" };
	for (int i = 0; i < 2; i++)
		for (const char *p = parts[i]; *p; p++)
			h = (h ^ (unsigned char)*p) * 16777619u;
	return h;
}

int test_render_util_sweep(const char *lesson, int c)
{
	int n = test_render_util_sweep_n();
	if (n == 1)
		return 1;
	/* By the lesson's number (scenarios/05-…: 5; 01b: 1 + 4), so that
	 * consecutive lessons take consecutive configs and every config is
	 * taken; a name without one by a hash of it. */
	const char *base = strrchr(lesson, '/') ? strrchr(lesson, '/') + 1 : lesson;
	unsigned h = 0;
	if (*base >= '0' && *base <= '9') {
		char *end = NULL;
		h = (unsigned)strtoul(base, &end, 10);
		if (end && *end >= 'a' && *end <= 'z')
			h += 4;
	} else {
		for (const char *p = base; *p; p++)
			h = h * 31u + (unsigned char)*p;
	}
	/* Past one config per lesson (N > 8), one lesson in N / 8 as well:
	 * which ones depends on the test, so that across the suite every
	 * lesson still runs under the sanitizers. */
	if (n > 8 && (h + test_render_util_salt()) % (unsigned)(n / 8) != 0)
		return 0;
	return (h + (unsigned)c) % (unsigned)(n < 8 ? n : 8) == 0;
}

static int test_render_util_sum(const int *count, int n)
{
	int sum = 0;
	for (int i = 0; i < n; i++)
		sum += count[i];
	return sum;
}

void test_render_util_two_moments(const char *lesson, test_render_util_check_fn check, int *count, int ncount,
                                  struct sbuf *b)
{
	static const int size[2][2] = { { 1280, 720 }, { 1920, 1080 } };
	for (int c = 0; c < 8; c++) {
		if (!test_render_util_sweep(lesson, c))
			continue;
		int w = size[c & 1][0], h = size[c & 1][1], presenter = (c >> 1) & 1, lang = c >> 2 ? LANG_EN : LANG_JA;
		struct render_app *a = test_render_util_app_mode(lesson, lang, w, h, presenter);
		a->quiz.off = 1;
		for (int moment = 0; moment < 2; moment++) {
			if (moment)
				render_control_run_to(a, a->sc->until_us / 2);
			render_app_draw(a);
			cr_assert_not_null(a->place);
			size_t at = b->len;
			int before = test_render_util_sum(count, ncount);
			sbuf_addf(b, "%dx%d %s %s at %s:\n", w, h, presenter ? "presenter" : "normal",
				  lang == LANG_EN ? "en" : "ja", moment ? "half time" : "the first frame");
			check(lesson, a, moment, count, b);
			if (test_render_util_sum(count, ncount) == before)
				b->len = at;
		}
		render_app_free(a);
	}
	if (b->s)
		b->s[b->len] = 0;
}

/* Every lesson in every configuration the sweep keeps: at its first frame
 * (captions 0) or at each of its captions up to 80. */
static int test_render_util_each(test_render_util_caption_fn at, void *ud, int captions)
{
	glob_t gl;
	cr_assert_eq(glob("scenarios/[0-9]*.json", 0, NULL, &gl), 0, "no lessons (run from the top directory)");
	int visited = 0;
	for (size_t l = 0; l < gl.gl_pathc; l++)
		for (int c = 0; c < 8; c++) {
			if (!test_render_util_sweep(gl.gl_pathv[l], c))
				continue;
			int big = c & 1, presenter = (c >> 1) & 1, lang = c & 4 ? LANG_EN : LANG_JA;
			struct render_app *a = test_render_util_app_mode(gl.gl_pathv[l], lang, big ? 1920 : 1280,
									 big ? 1080 : 720, presenter);
			a->quiz.off = 1;
			if (captions)
				render_pace_next_caption(a);
			for (int k = 0; k < (captions ? 80 : 1) && !(captions && render_pace_at_end(a)); k++) {
				render_app_draw(a);
				char what[256];
				snprintf(what, sizeof what, "%s caption %d (%.3f s) %dx%d%s %s", gl.gl_pathv[l], k,
					 (double)sim_now(render_app_sim(a)) / 1e6, a->w, a->h, presenter ? " presenter" : "",
					 lang == LANG_EN ? "en" : "ja");
				at(a, gl.gl_pathv[l], what, ud);
				visited++;
				if (captions)
					render_pace_next_caption(a);
			}
			render_app_free(a);
		}
	globfree(&gl);
	return visited;
}

int test_render_util_each_caption(test_render_util_caption_fn at, void *ud)
{
	return test_render_util_each(at, ud, 1);
}

int test_render_util_each_config(test_render_util_caption_fn at, void *ud)
{
	return test_render_util_each(at, ud, 0);
}

struct scenario *test_render_util_many_rcpt(int n)
{
	struct scenario *sc = scenario_load("scenarios/01-basic-flow.json", stderr);
	cr_assert_not_null(sc);
	cr_assert_eq(sc->actions[0].kind, ACT_SEND);
	struct sc_send *snd = &sc->actions[0].send;
	for (int i = 0; i < snd->nto; i++)
		free(snd->to[i]);
	free(snd->to);
	snd->to = xcalloc((size_t)n, sizeof *snd->to);
	snd->nto = n;
	for (int i = 0; i < n; i++) {
		char addr[64];
		snprintf(addr, sizeof addr, "student%05d@ispb.example", i);
		snd->to[i] = xstrdup(addr);
	}
	return sc;
}

uint32_t test_render_util_pixel(struct render_app *a, int x, int y)
{
	render_app_pixels(a);
	SDL_Surface *s = a->surface;
	cr_assert(x >= 0 && y >= 0 && x < s->w && y < s->h);
	Uint32 v = *(const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch + x * 4);
	Uint8 r, g, b;
	SDL_GetRGB(v, s->format, &r, &g, &b);
	return (uint32_t)r << 24 | (uint32_t)g << 16 | (uint32_t)b << 8 | 0xFFu;
}

int test_render_util_card_shown(const struct render_app *a, int field)
{
	for (int k = 0; k < a->ncard_shown; k++)
		if (a->card_shown[k] == field)
			return 1;
	return 0;
}

long test_render_util_count(struct render_app *a, SDL_Rect rc, uint32_t rgb)
{
	long n = 0;
	for (int y = rc.y; y < rc.y + rc.h; y++)
		for (int x = rc.x; x < rc.x + rc.w; x++) {
			if (x < 0 || y < 0 || x >= a->surface->w || y >= a->surface->h)
				continue;
			uint32_t v = test_render_util_pixel(a, x, y);
			int ok = 1;
			for (int sh = 8; sh <= 24; sh += 8) {
				int d = (int)((v >> sh) & 0xFF) - (int)((rgb >> sh) & 0xFF);
				ok &= d >= -24 && d <= 24;
			}
			n += ok;
		}
	return n;
}

void test_render_util_wheel(struct render_app *a, SDL_Rect over, int y)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = SDL_MOUSEMOTION;
	ev.motion.x = over.x + over.w / 2;
	ev.motion.y = over.y + over.h / 2;
	render_app_handle_event(a, &ev);
	memset(&ev, 0, sizeof ev);
	ev.type = SDL_MOUSEWHEEL;
	ev.wheel.y = y;
	render_app_handle_event(a, &ev);
}

void test_render_util_key(struct render_app *a, SDL_Keycode k, Uint16 mod)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = SDL_KEYDOWN;
	ev.key.keysym.sym = k;
	ev.key.keysym.mod = mod;
	render_app_handle_event(a, &ev);
}

void test_render_util_click(struct render_app *a, const struct render_app_hitbox *h)
{
	test_render_util_press(a, h);
	render_app_draw(a);
}

void test_render_util_press(struct render_app *a, const struct render_app_hitbox *h)
{
	cr_assert_not_null(h, "nothing to click");
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.button.button = SDL_BUTTON_LEFT;
	ev.button.x = h->rc.x + h->rc.w / 2;
	ev.button.y = h->rc.y + h->rc.h / 2;
	ev.type = SDL_MOUSEBUTTONDOWN;
	render_app_handle_event(a, &ev);
	ev.type = SDL_MOUSEBUTTONUP;
	render_app_handle_event(a, &ev);
}

size_t test_render_util_row(struct render_app *a)
{
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	while (n > 0 && trace_kinds[tr[n - 1].kind].quiet)
		n--;
	cr_assert_gt(n, 0, "a row is current");
	return n - 1;
}

size_t test_render_util_step_to(struct render_app *a, enum trace_kind kind, int how)
{
	for (int i = 0; i < 600; i++) {
		test_render_util_key(a, SDLK_RIGHT, 0);
		size_t n = 0;
		const struct trace_rec *tr = render_view_trace(a, &n);
		size_t cur = test_render_util_row(a);
		if (tr[cur].kind == kind && (how < 0 || tr[cur].u.queued.how == how))
			return cur;
	}
	cr_assert_fail("→ never made a %s row current", trace_kind_names[kind]);
	return 0;
}

size_t test_render_util_step_before(struct render_app *a, enum trace_kind kind, enum trace_kind later,
                                    int same_conn, size_t *at)
{
	for (int i = 0; i < 600; i++) {
		size_t cur = test_render_util_step_to(a, kind, -1), n = 0, all = 0;
		render_view_trace(a, &n);
		const struct trace_rec *tr = sim_trace(render_app_sim(a), &all);
		for (size_t k = n; k < all && tr[k].event == tr[cur].event; k++)
			if (tr[k].kind == later && (!same_conn || tr[k].conn == tr[cur].conn)) {
				*at = k;
				return cur;
			}
	}
	cr_assert_fail("no %s row before a %s row of its event", trace_kind_names[kind], trace_kind_names[later]);
	return 0;
}

int test_render_util_msg_at(struct render_app *a, int64_t t_us, const char *tag, int select)
{
	render_control_run_to(a, t_us);
	int e = sim_ledger_find(render_app_sim(a), tag);
	cr_assert_geq(e, 0, "no %s at %.3f s", tag, (double)t_us / 1e6);
	if (select)
		render_app_select(a, RENDER_APP_SEL_MSG, e);
	render_app_draw(a);
	return e;
}

struct render_app *test_render_util_stepper(const char *lesson)
{
	struct render_app *a = test_render_util_app(lesson, LANG_EN, 1280, 720);
	a->quiz.off = 1;   /* steps, not questions */
	return a;
}

struct render_app *test_render_util_forward(size_t *fwd)
{
	struct render_app *a = test_render_util_stepper("scenarios/05-envelope-bcc-forward.json");
	*fwd = test_render_util_step_to(a, TR_QUEUED, TRACE_TAKE_FORWARD);
	return a;
}

int test_render_util_cmp_time(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

/* Lesson played to its end off-screen (1280 x 720, no quiz), its trace
 * in *tr and *ntr. */
struct render_app *test_render_util_played(const char *lesson, const struct trace_rec **tr, size_t *ntr)
{
	struct render_opts o;
	memset(&o, 0, sizeof o);
	o.scenario = lesson;
	o.scenarios_dir = "scenarios";
	struct render_app *a = render_app_new_offscreen(&o, 1280, 720);
	cr_assert_not_null(a, "%s must open off-screen", lesson);
	a->quiz.off = 1;
	render_control_run_to(a, a->sc->until_us);
	*tr = sim_trace(render_app_sim(a), ntr);
	return a;
}

/* How far the point (x, y) lies from the segment (x1, y1)-(x2, y2). */
static float test_render_util_to_seg(float x, float y, float x1, float y1, float x2, float y2)
{
	float dx = x2 - x1, dy = y2 - y1, l = dx * dx + dy * dy;
	float t = l > 0 ? ((x - x1) * dx + (y - y1) * dy) / l : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	return hypotf(x - x1 - t * dx, y - y1 - t * dy);
}

int test_render_util_near_wire(const struct render_topology_wires *w, float x, float y)
{
	for (int i = 0; i < w->n; i++)
		if (test_render_util_to_seg(x, y, w->x1[i], w->y1[i], w->x2[i], w->y2[i]) < 1.5f)
			return 1;
	return 0;
}

int test_render_util_on_wire(const struct render_topology_wires *w, float x1, float y1, float x2, float y2)
{
	for (int i = 0; i < w->n; i++)
		if (test_render_util_to_seg(x1, y1, w->x1[i], w->y1[i], w->x2[i], w->y2[i]) < 1.5f &&
		    test_render_util_to_seg(x2, y2, w->x1[i], w->y1[i], w->x2[i], w->y2[i]) < 1.5f)
			return 1;
	return 0;
}
