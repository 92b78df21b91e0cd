/* test_render — the GUI drawn off-screen, no display needed: every lesson
 * renders to a PNG of the asked size that is not blank, the first lesson
 * matches its golden picture within a tolerance, Japanese text has real
 * glyphs, and presenter mode keeps body text at least 28 px at 1920x1080.
 * Set MAILSIM_UPDATE_GOLDEN=1 to rewrite the golden picture after a
 * deliberate change of the look. */
#include <criterion/criterion.h>

#include <SDL.h>
#include <SDL_image.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render.h"
#include "render_app.h"
#include "render_font_pool.h"
#include "test_render_util.h"

#define TEST_RENDER_GOLDEN "tests/golden/render/01-basic-flow.png"
#define TEST_RENDER_LESSON "scenarios/01-basic-flow.json"

static struct render_opts test_render_opts(const char *lesson, int lang)
{
	struct render_opts o;
	memset(&o, 0, sizeof o);
	o.scenario = lesson;
	o.scenarios_dir = "scenarios";
	o.lang = lang;
	return o;
}

/* Distinct colours in a sample of the picture: a blank or broken frame
 * has one or two. */
static int test_render_colours(SDL_Surface *s)
{
	SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
	cr_assert_not_null(c);
	uint32_t seen[512];
	int n = 0;
	for (int y = 0; y < c->h; y += 7)
		for (int x = 0; x < c->w; x += 5) {
			const Uint8 *p = (const Uint8 *)c->pixels + y * c->pitch + x * 3;
			uint32_t v = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
			int k = 0;
			while (k < n && seen[k] != v)
				k++;
			if (k == n && n < 512)
				seen[n++] = v;
		}
	SDL_FreeSurface(c);
	return n;
}

static void test_render_shot_ok(const char *lesson, double at, int w, int h, int lang)
{
	char out[256];
	snprintf(out, sizeof out, "/tmp/mailsim-test-render-%d-%s.png", (int)getpid(),
		 strrchr(lesson, '/') + 1);
	struct render_opts o = test_render_opts(lesson, lang);
	o.width = w;
	o.height = h;
	o.at_seconds = at;
	o.out_png = out;
	cr_assert_eq(render_shot(&o), 0, "%s: render_shot failed", lesson);
	SDL_Surface *s = IMG_Load(out);
	cr_assert_not_null(s, "%s: no PNG written (%s)", lesson, IMG_GetError());
	cr_assert_eq(s->w, w, "%s: width %d, want %d", lesson, s->w, w);
	cr_assert_eq(s->h, h, "%s: height %d, want %d", lesson, s->h, h);
	cr_assert_gt(test_render_colours(s), 40, "%s: the picture is (nearly) blank", lesson);
	SDL_FreeSurface(s);
	unlink(out);
}

Test(render_shot, every_lesson_draws_a_picture)
{
	DIR *d = opendir("scenarios");
	cr_assert_not_null(d, "run from the repository root");
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0 || strcmp(e->d_name, "schema.json") == 0)
			continue;
		char path[512];
		snprintf(path, sizeof path, "scenarios/%s", e->d_name);
		/* Early (mail on the wire) and late (delivered), in both
		 * languages; under the sanitizers' sweep one of the two, by turns. */
		if (test_render_util_sweep_n() == 1 || n % 2 == 0)
			test_render_shot_ok(path, 1.2, 1280, 720, LANG_JA);
		if (test_render_util_sweep_n() == 1 || n % 2 == 1)
			test_render_shot_ok(path, 60, 1920, 1080, LANG_EN);
		n++;
	}
	closedir(d);
	cr_assert_gt(n, 0, "no lessons in scenarios/");
}

Test(render_shot, odd_sizes_and_selection)
{
	test_render_shot_ok(TEST_RENDER_LESSON, 0, 800, 600, LANG_EN);
	struct render_opts o = test_render_opts(TEST_RENDER_LESSON, LANG_JA);
	o.width = 1000;
	o.height = 700;
	o.at_seconds = 2;
	o.select_msg = "m1";
	o.out_png = "/tmp/mailsim-test-render-select.png";
	cr_assert_eq(render_shot(&o), 0);
	unlink(o.out_png);
	o.select_msg = "no-such-message";
	cr_assert_eq(render_shot(&o), 1, "an unknown --select must fail");
}

Test(render_shot, a_broken_lesson_fails_cleanly)
{
	struct render_opts o = test_render_opts("/nonexistent/lesson.json", LANG_EN);
	o.out_png = "/tmp/mailsim-test-render-broken.png";
	cr_assert_eq(render_shot(&o), 1);
	cr_assert_neq(access(o.out_png, F_OK), 0, "no picture for a lesson that did not load");
}

/* Compare two pictures: a pixel differs when a channel is off by more than
 * 48 (anti-aliasing and font hinting move less than that); the pictures
 * match when at most 0.5 % of pixels differ. */
static double test_render_diff(SDL_Surface *a, SDL_Surface *b)
{
	SDL_Surface *x = SDL_ConvertSurfaceFormat(a, SDL_PIXELFORMAT_RGB24, 0);
	SDL_Surface *y = SDL_ConvertSurfaceFormat(b, SDL_PIXELFORMAT_RGB24, 0);
	long differ = 0;
	for (int r = 0; r < x->h; r++)
		for (int c = 0; c < x->w; c++) {
			const Uint8 *p = (const Uint8 *)x->pixels + r * x->pitch + c * 3;
			const Uint8 *q = (const Uint8 *)y->pixels + r * y->pitch + c * 3;
			for (int k = 0; k < 3; k++)
				if (abs((int)p[k] - (int)q[k]) > 48) {
					differ++;
					break;
				}
		}
	double frac = (double)differ / ((double)x->w * x->h);
	SDL_FreeSurface(x);
	SDL_FreeSurface(y);
	return frac;
}

/* Draw lesson at seconds (w x h, lang, presenter or not) and compare it
 * with the golden picture golden; MAILSIM_UPDATE_GOLDEN=1 writes it. */
static void test_render_golden(const char *lesson, double seconds, int lang, int w, int h, int presenter,
                               const char *golden)
{
	/* one file per picture: the tests run in parallel */
	char out[256];
	const char *base = strrchr(golden, '/');
	snprintf(out, sizeof out, "/tmp/mailsim-test-golden-%ld-%s", (long)getpid(), base ? base + 1 : golden);
	struct render_opts o = test_render_opts(lesson, lang);
	o.width = w;
	o.height = h;
	o.presenter = presenter;
	o.at_seconds = seconds;
	o.out_png = getenv("MAILSIM_UPDATE_GOLDEN") ? golden : out;
	cr_assert_eq(render_shot(&o), 0);
	if (getenv("MAILSIM_UPDATE_GOLDEN"))
		return;
	SDL_Surface *got = IMG_Load(out), *want = IMG_Load(golden);
	cr_assert_not_null(want, "no golden picture %s; run with MAILSIM_UPDATE_GOLDEN=1", golden);
	cr_assert_not_null(got);
	int same_size = got->w == want->w && got->h == want->h;
	double frac = same_size ? test_render_diff(got, want) : 1.0;
	SDL_FreeSurface(got);
	SDL_FreeSurface(want);
	cr_assert(same_size, "the picture's size differs from %s", golden);
	cr_assert_leq(frac, 0.005, "%.2f %% of pixels differ from %s (picture in %s)", frac * 100, golden, out);
	unlink(out);
}

Test(render_golden, first_lesson_matches)
{
	/* m1 between the two MTAs: letter, packet and card on screen */
	test_render_golden(TEST_RENDER_LESSON, 1.3, LANG_JA, 1280, 720, 0, TEST_RENDER_GOLDEN);
}

/* Issue 11's moments: lesson 05 after the forward (the card shows the
 * forwarded copy), lesson 06's 550 and 554 (red, a cross at ISP B's
 * server), lesson 02's dropped SYN (blocked at once, in OP25B's colour). */
Test(render_golden, forwarded_copy_matches)
{
	test_render_golden("scenarios/05-envelope-bcc-forward.json", 1.90, LANG_EN, 1280, 720, 0,
			   "tests/golden/render/05-forward-1.90.png");
}

Test(render_golden, refusal_matches)
{
	test_render_golden("scenarios/06-bounce-backscatter.json", 1.44, LANG_JA, 1280, 720, 1,
			   "tests/golden/render/06-refusal-1.44-presenter.png");
}

Test(render_golden, dropped_syn_matches)
{
	test_render_golden("scenarios/02-op25b.json", 21, LANG_EN, 1280, 720, 0,
			   "tests/golden/render/02-drop-21.png");
}

Test(render_font, japanese_glyphs_and_presenter_size)
{
	struct render_opts o = test_render_opts(TEST_RENDER_LESSON, LANG_JA);
	struct render_app *a = render_app_new_offscreen(&o, 1920, 1080);
	cr_assert_not_null(a);
	cr_assert(render_font_has_japanese(a->font), "font %s has no Japanese glyphs",
		  render_font_file(a->font, RENDER_FONT_REGULAR));
	a->presenter = 1;
	render_app_draw(a);
	int lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, a->panels.px_body);
	cr_assert_geq(a->panels.px_body, 28, "presenter body text %d px", a->panels.px_body);
	cr_assert_geq(lh, 28, "presenter line height %d px", lh);
	a->presenter = 0;
	render_app_draw(a);
	cr_assert_lt(a->panels.px_body, 28);
	render_app_free(a);
}

Test(render_font, the_panels_sizes_are_open_before_play)
{
	/* Opening the CJK font at a size costs 70-150 ms: every face is
	 * opened at the panels' sizes when they are laid out, not when a
	 * label first needs one while the lesson plays. */
	struct render_opts o = test_render_opts(TEST_RENDER_LESSON, LANG_JA);
	struct render_app *a = render_app_new_offscreen(&o, 1920, 1080);
	cr_assert_not_null(a);
	render_app_draw(a);
	size_t opened = render_font_opened(a->font);
	const struct render_layout_panels *p = &a->panels;
	const int px[] = { p->px_small, p->px_body, p->px_title, p->px_mono, p->px_caption };
	for (int face = 0; face < RENDER_FONT_FACE_COUNT; face++)
		for (size_t i = 0; i < sizeof px / sizeof px[0]; i++)
			cr_expect_gt(render_font_line_height(a->font, (enum render_font_face)face, px[i]), 0);
	cr_expect_eq(render_font_opened(a->font), opened, "%zu sizes opened after the first frame",
		     render_font_opened(a->font) - opened);
	render_app_free(a);
}

Test(render_font, an_override_without_japanese_falls_back)
{
	/* --font with a Latin-only font: Japanese text still gets real glyphs
	 * from fontconfig's choice instead of boxes. */
	const char *latin = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
	if (access(latin, R_OK) != 0)
		cr_skip_test("no DejaVu Sans to test with");
	struct render_opts o = test_render_opts(TEST_RENDER_LESSON, LANG_JA);
	o.font = latin;
	struct render_app *a = render_app_new_offscreen(&o, 800, 600);
	cr_assert_not_null(a);
	cr_assert_str_eq(render_font_file(a->font, RENDER_FONT_REGULAR), latin);
	cr_assert(render_font_has_japanese(a->font));
	render_app_draw(a);
	render_app_free(a);
}

/* A second window at the same sizes opens no font again: opening a CJK
 * face at a size costs some 10 ms and 2.7 MB (render_font_pool), and the
 * tests make many windows in one process. */
Test(render_font, a_second_window_finds_its_fonts_open)
{
	struct render_opts o = test_render_opts(TEST_RENDER_LESSON, LANG_JA);
	struct render_app *a = render_app_new_offscreen(&o, 1280, 720);
	cr_assert_not_null(a);
	render_app_draw(a);
	size_t n = render_font_pool_count();
	cr_assert_gt(n, 10, "the first frame's fonts are in the pool");
	render_app_free(a);
	cr_expect_eq(render_font_pool_count(), n, "kept open after the window closed");
	a = render_app_new_offscreen(&o, 1280, 720);
	cr_assert_not_null(a);
	render_app_draw(a);
	cr_expect_eq(render_font_pool_count(), n, "%zu fonts opened again for the same frame", render_font_pool_count() - n);
	cr_expect_leq(render_font_pool_faces(), 3, "%zu faces opened for %zu sizes of three faces", render_font_pool_faces(), n);
	render_app_free(a);
	render_font_pool_flush();
	cr_expect_eq(render_font_pool_count(), 0, "nothing held is left open");
}

/* Sizes of one face share its TTF_Font, each set to its own size when used:
 * what is measured and drawn at one size after another is what a font
 * opened at that size alone gives. */
Test(render_font, sizes_of_a_face_share_one_font)
{
	const char *latin = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
	if (access(latin, R_OK) != 0)
		cr_skip_test("no DejaVu Sans to test with");
	cr_assert_eq(TTF_Init(), 0);
	TTF_Font *alone = TTF_OpenFont(latin, 40);
	cr_assert_not_null(alone);
	int w40 = 0, h40 = TTF_FontHeight(alone);
	cr_assert_eq(TTF_SizeUTF8(alone, "Received: from", &w40, NULL), 0);
	TTF_CloseFont(alone);
	struct render_font_pool_font *s20 = render_font_pool_open(latin, 0, 20, 0);
	struct render_font_pool_font *s40 = render_font_pool_open(latin, 0, 40, 0);
	cr_assert(s20 && s40 && s20 != s40);
	cr_expect_eq(render_font_pool_faces(), 1);
	cr_expect_eq(render_font_pool_count(), 2);
	cr_expect_eq(render_font_pool_use(s20), render_font_pool_use(s40), "one TTF_Font under both");
	int w = 0;
	cr_expect_eq(TTF_SizeUTF8(render_font_pool_use(s20), "Received: from", &w, NULL), 0);
	cr_expect_lt(w, w40, "20 px narrower than 40 px");
	cr_expect_eq(TTF_SizeUTF8(render_font_pool_use(s40), "Received: from", &w, NULL), 0);
	cr_expect_eq(w, w40, "40 px after 20 px measures as 40 px alone");
	cr_expect_eq(render_font_pool_height(s40), h40);
	cr_expect_lt(render_font_pool_height(s20), h40);
	/* used by turns again and again, each gets a font of its own */
	for (int i = 0; i < 100; i++) {
		render_font_pool_use(s20);
		render_font_pool_use(s40);
	}
	cr_expect_neq(render_font_pool_use(s20), render_font_pool_use(s40), "hot sizes have their own fonts");
	cr_expect_eq(TTF_SizeUTF8(render_font_pool_use(s40), "Received: from", &w, NULL), 0);
	cr_expect_eq(w, w40);
	cr_expect_eq(TTF_FontHeight(render_font_pool_use(s40)), h40);
	render_font_pool_close(s20);
	render_font_pool_close(s40);
	render_font_pool_flush();
	cr_expect_eq(render_font_pool_count(), 0);
	cr_expect_eq(render_font_pool_faces(), 0);
	TTF_Quit();
}

/* A synthesised bold (--font) is its own font: the regular face at the
 * same size must not turn bold with it. */
Test(render_font, a_synthesised_bold_is_not_the_regular_font)
{
	const char *latin = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
	if (access(latin, R_OK) != 0)
		cr_skip_test("no DejaVu Sans to test with");
	cr_assert_eq(TTF_Init(), 0);
	struct render_font_pool_font *r = render_font_pool_open(latin, 0, 20, 0);
	struct render_font_pool_font *b = render_font_pool_open(latin, 0, 20, TTF_STYLE_BOLD);
	cr_assert(r && b);
	cr_expect_neq(r, b);
	cr_expect_neq(render_font_pool_use(r), render_font_pool_use(b));
	cr_expect_eq(TTF_GetFontStyle(render_font_pool_use(r)), TTF_STYLE_NORMAL);
	cr_expect_eq(TTF_GetFontStyle(render_font_pool_use(b)), TTF_STYLE_BOLD);
	cr_expect_eq(render_font_pool_open(latin, 0, 20, 0), r, "the same key, the same font");
	render_font_pool_close(r);
	render_font_pool_close(r);
	render_font_pool_close(b);
	render_font_pool_flush();
	cr_expect_eq(render_font_pool_count(), 0);
	TTF_Quit();
}

Test(render_window, the_session_destroys_its_renderer)
{
	/* The window's renderer (and the textures on it) goes with the session,
	 * before the caller destroys the window: nothing of SDL is left over. */
	cr_assert_eq(SDL_Init(SDL_INIT_VIDEO), 0, "%s", SDL_GetError());
	SDL_Window *win = SDL_CreateWindow("mailsim test", 0, 0, 1024, 640, SDL_WINDOW_HIDDEN);
	cr_assert_not_null(win, "%s", SDL_GetError());
	struct render_opts o = test_render_opts(TEST_RENDER_LESSON, LANG_EN);
	struct render_app *a = render_app_new_window(&o, win);
	cr_assert_not_null(a);
	render_app_draw(a);
	cr_assert_not_null(SDL_GetRenderer(win));
	render_app_free(a);
	cr_expect_null(SDL_GetRenderer(win), "the window still has its renderer after the session ended");
	SDL_DestroyWindow(win);
	SDL_Quit();
}

Test(render_layout, automatic_layout_without_coordinates)
{
	/* The lesson without its coordinates: every host still lands inside
	 * its network, and no two hosts share a spot. */
	struct scenario *sc = scenario_load(TEST_RENDER_LESSON, stderr);
	cr_assert_not_null(sc);
	for (int i = 0; i < sc->nnets; i++)
		sc->nets[i].has_area = 0;
	for (int i = 0; i < sc->nhosts; i++)
		sc->hosts[i].has_pos = 0;
	for (int i = 0; i < sc->nrouters; i++)
		sc->routers[i].has_pos = 0;
	struct render_layout l;
	memset(&l, 0, sizeof l);
	l.vp = (SDL_Rect){ 0, 0, 1200, 700 };
	render_layout_build(&l, sc);
	for (int h = 0; h < sc->nhosts; h++) {
		const float *n = l.net[sc->hosts[h].net];
		cr_assert(l.host[h][0] > n[0] && l.host[h][0] < n[0] + n[2] &&
			  l.host[h][1] > n[1] && l.host[h][1] < n[1] + n[3], "host %s outside its network", sc->hosts[h].id);
		for (int k = 0; k < h; k++)
			cr_assert(l.host[h][0] != l.host[k][0] || l.host[h][1] != l.host[k][1]);
	}
	/* The view round-trips between logical and screen coordinates. */
	float sx, sy, x, y;
	render_layout_zoom(&l, 1.7f, 300, 200);
	render_layout_to_screen(&l, 123, 456, &sx, &sy);
	render_layout_to_logical(&l, sx, sy, &x, &y);
	cr_assert_float_eq(x, 123, 0.01);
	cr_assert_float_eq(y, 456, 0.01);
	render_layout_free(&l);
	scenario_free(sc);
}

Test(render_i18n, both_catalogs_have_every_ui_string)
{
	/* Every key of one language exists in the other, so switching with L
	 * never shows a bare key; and every message state has a name. */
	char buf[4096];
	const char *assets = i18n_assets_dir(NULL, buf, sizeof buf);
	cr_assert_not_null(assets);
	struct i18n *ja = i18n_load(assets, LANG_JA, stderr), *en = i18n_load(assets, LANG_EN, stderr);
	cr_assert_not_null(ja);
	cr_assert_not_null(en);
	char path[512];
	for (int l = 0; l < LANG_COUNT; l++) {
		snprintf(path, sizeof path, "%s/i18n/ui.%s.json", assets, lang_names[l]);
		FILE *f = fopen(path, "r");
		cr_assert_not_null(f, "%s missing", path);
		char line[2048];
		while (fgets(line, sizeof line, f)) {
			char *k = strstr(line, "\"ui.");
			if (!k)
				continue;
			char *e = strchr(k + 1, '"');
			cr_assert_not_null(e);
			*e = '\0';
			cr_assert_not_null(i18n_find(l == LANG_JA ? en : ja, k + 1), "%s is in ui.%s.json only",
					   k + 1, lang_names[l]);
		}
		fclose(f);
	}
	for (int st = 0; st < LS_COUNT; st++) {
		char key[64];
		snprintf(key, sizeof key, "ui.state.%s", ledger_state_names[st]);
		cr_assert_not_null(i18n_find(ja, key), "%s missing", key);
		cr_assert_not_null(i18n_find(en, key), "%s missing", key);
	}
	i18n_free(ja);
	i18n_free(en);
}
