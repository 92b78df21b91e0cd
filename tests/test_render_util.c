/* test_render_util — helpers shared by the GUI's off-screen tests. */
#include "test_render_util.h"

#include <criterion/criterion.h>
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render.h"

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
	struct render_opts o;
	memset(&o, 0, sizeof o);
	o.scenario = lesson;
	o.scenarios_dir = "scenarios";
	o.lang = lang;
	struct render_app *a = render_app_new_offscreen(&o, w, h);
	cr_assert_not_null(a, "%s must open off-screen", lesson);
	return a;
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
	SDL_Surface *s = a->surface;
	cr_assert(x >= 0 && y >= 0 && x < s->w && y < s->h);
	Uint32 v = *(const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch + x * 4);
	Uint8 r, g, b;
	SDL_GetRGB(v, s->format, &r, &g, &b);
	return (uint32_t)r << 24 | (uint32_t)g << 16 | (uint32_t)b << 8 | 0xFFu;
}
