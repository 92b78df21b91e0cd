/* test_render_text — the window's text on hostile bytes: the wrapper, the
 * one-line fit and the plain line must take any bytes (a character cut in
 * half, Latin-1, stray continuation bytes, overlong forms, surrogates)
 * without reading past the end, and show what is not UTF-8 as U+FFFD; a
 * lesson whose subject is cut in the middle of a character and a real mail
 * with Latin-1 header bytes draw without a sanitizer report. */
#include <criterion/criterion.h>

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "render_app.h"
#include "render_draw.h"
#include "test_render_util.h"
#include "util.h"

#define TEST_RENDER_TEXT_LESSON "scenarios/01-basic-flow.json"

/* Byte strings no UTF-8 decoder may trust, each ending where a careless
 * walk would step over the terminator. */
static const char *const test_render_text_bad[] = {
	"abc\xE3\x81",             /* あ without its last byte */
	"\xE3",                    /* a lone lead byte */
	"\xF0\x9F\x98",            /* a four-byte character cut after three */
	"x\xF0",
	"\x80\x80\x80",            /* continuation bytes alone */
	"caf\xE9 cr\xE8me br\xFBl\xE9" "e",   /* Latin-1 */
	"\xC0\xAF\xC1\xBF",        /* overlong forms */
	"\xED\xA0\x80\xED\xBF\xBF",  /* UTF-16 surrogates */
	"\xF4\x90\x80\x80",        /* above U+10FFFF */
	"\xFF\xFE\xFD",
	"\xE3\x81\x82\xE3\x81",    /* あ then half of the next */
	"word \xE3\x81\n\xE3\x81\n",
	"、\xE3",                  /* a kinsoku mark then a cut character */
};

static void test_render_text_all_modes(struct render_app *a, const char *s)
{
	/* A copy of exactly the string's size, so that a read past the
	 * terminator is a read past the allocation. */
	char *c = xstrdup(s);
	static const int widths[] = { 1, 4, 9, 40, 200, 4000 };
	for (int face = 0; face < RENDER_FONT_FACE_COUNT; face++) {
		for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
			int w = -1, h = -1;
			render_font_size(a->font, (enum render_font_face)face, 16, RENDER_FONT_WRAP, widths[i], c, &w, &h);
			cr_expect_geq(w, 0);
			cr_expect_gt(h, 0);
			render_font_draw(a->font, (enum render_font_face)face, 16, 0x000000FFu, RENDER_FONT_WRAP,
					 widths[i], c, 10, 10, NULL);
			render_font_draw(a->font, (enum render_font_face)face, 16, 0x000000FFu, RENDER_FONT_FIT,
					 widths[i], c, 10, 10, NULL);
		}
		render_font_draw(a->font, (enum render_font_face)face, 16, 0x000000FFu, RENDER_FONT_LINE, 0, c,
				 10, 10, NULL);
	}
	free(c);
}

Test(render_text, any_bytes_wrap_fit_and_draw)
{
	struct render_app *a = test_render_util_app(TEST_RENDER_TEXT_LESSON, LANG_EN, 800, 600);
	render_draw_set_dry(a->ren, 0);   /* every text is blitted, too */
	for (size_t i = 0; i < sizeof test_render_text_bad / sizeof test_render_text_bad[0]; i++)
		test_render_text_all_modes(a, test_render_text_bad[i]);
	/* The subject the MUA used to cut at 255 bytes: "a", 84 whole あ and
	 * two bytes of the 85th. */
	struct sbuf b = { 0 };
	sbuf_adds(&b, "a");
	for (int i = 0; i < 84; i++)
		sbuf_adds(&b, "あ");
	sbuf_add(&b, "\xE3\x81", 2);
	test_render_text_all_modes(a, b.s);
	sbuf_free(&b);
	render_app_free(a);
}

Test(render_text, what_is_not_utf8_shows_as_the_replacement_character)
{
	struct render_app *a = test_render_util_app(TEST_RENDER_TEXT_LESSON, LANG_EN, 800, 600);
	int bad = 0, good = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_REGULAR, 20, RENDER_FONT_LINE, 0, "caf\xE9!", &bad, &h);
	render_font_size(a->font, RENDER_FONT_REGULAR, 20, RENDER_FONT_LINE, 0, "caf\xEF\xBF\xBD!", &good, &h);
	cr_expect_eq(bad, good, "Latin-1 é is drawn as U+FFFD (%d px vs %d px)", bad, good);
	/* Three stray bytes are three replacement characters, not one. */
	render_font_size(a->font, RENDER_FONT_REGULAR, 20, RENDER_FONT_WRAP, 4000, "\x80\x80\x80", &bad, &h);
	render_font_size(a->font, RENDER_FONT_REGULAR, 20, RENDER_FONT_WRAP, 4000,
			 "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", &good, &h);
	cr_expect_eq(bad, good, "%d px vs %d px", bad, good);
	render_app_free(a);
}

/* Lesson 01 with its first mail's subject replaced. */
static struct scenario *test_render_text_lesson(const char *subject)
{
	struct scenario *sc = scenario_load(TEST_RENDER_TEXT_LESSON, stderr);
	cr_assert_not_null(sc);
	cr_assert_eq(sc->actions[0].kind, ACT_SEND);
	free(sc->actions[0].send.subject);
	sc->actions[0].send.subject = xstrdup(subject);
	return sc;
}

/* Draw the lesson at a few moments, with nothing and then the first mail
 * selected, in both languages. */
static void test_render_text_frames(struct render_app *a)
{
	static const int64_t at[] = { 1000000, 1200000, 5000000, 40000000 };
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
		render_control_run_to(a, at[i]);
		for (int lang = 0; lang < LANG_COUNT; lang++) {
			render_control_set_lang(a, lang);
			render_app_select(a, RENDER_APP_SEL_NONE, -1);
			render_app_draw(a);
			render_app_select(a, RENDER_APP_SEL_MSG, 0);
			render_app_draw(a);
		}
	}
}

Test(render_text, a_subject_cut_inside_a_character_draws)
{
	struct sbuf b = { 0 };
	sbuf_adds(&b, "a");
	for (int i = 0; i < 200; i++)
		sbuf_adds(&b, "件");
	struct render_app *a = test_render_util_app(TEST_RENDER_TEXT_LESSON, LANG_JA, 1280, 720);
	render_app_adopt(a, test_render_text_lesson(b.s), "long-subject.json");
	test_render_text_frames(a);
	sbuf_free(&b);
	render_app_free(a);
}

Test(render_text, a_mail_with_latin1_header_bytes_draws)
{
	/* A real mail as an old mail program wrote it: ISO-8859-1 bytes in the
	 * header without RFC 2047, and in the body. */
	static const char eml[] =
		"From: Ren\xE9 Fran\xE7ois <rene@ispa.example>\r\n"
		"To: Bob <bob@ispb.example>\r\n"
		"Subject: R\xE9sum\xE9 \xE0 lire, cr\xE8me br\xFBl\xE9" "e \xE3\x81\r\n"
		"Content-Type: text/plain; charset=iso-8859-1\r\n"
		"\r\n"
		"Voil\xE0 mon r\xE9sum\xE9.\r\n\xE3";
	char err[128];
	struct msg *m = msg_parse(eml, sizeof eml - 1, err, sizeof err);
	cr_assert_not_null(m, "%s", err);
	struct scenario *sc = test_render_text_lesson("unused");
	sc->actions[0].send.eml = m;
	struct render_app *a = test_render_util_app(TEST_RENDER_TEXT_LESSON, LANG_EN, 1280, 720);
	render_app_adopt(a, sc, "latin1.json");
	test_render_text_frames(a);
	render_app_free(a);
}

Test(render_text, a_long_toast_is_cut_between_characters)
{
	/* "a" and 100 × 件 (301 bytes) in a toast of 256: "a" and 84 whole 件. */
	struct render_app *a = test_render_util_app(TEST_RENDER_TEXT_LESSON, LANG_JA, 800, 600);
	struct sbuf b = { 0 };
	sbuf_adds(&b, "a");
	for (int i = 0; i < 100; i++)
		sbuf_adds(&b, "件");
	render_app_toast(a, b.s);
	cr_expect_eq(strlen(a->toast), 1 + 84 * 3, "%zu bytes", strlen(a->toast));
	cr_expect_eq(strncmp(a->toast, b.s, strlen(a->toast)), 0);
	render_app_draw(a);
	sbuf_free(&b);
	render_app_free(a);
}

/* A scrolled list, newest at the bottom, asks for whole lines: a line
 * whose top the clip rectangle cuts is left out, not drawn as the bottom
 * half of its letters (lesson 14's transcript at 100.130 s showed the
 * lower half of the POP3 greeting at its top); lines below it still draw,
 * and without the request the cut line draws as before. */
Test(render_text, whole_lines_leave_out_a_line_the_clip_cuts)
{
	struct render_app *a = test_render_util_app(TEST_RENDER_TEXT_LESSON, LANG_EN, 800, 600);
	render_draw_set_dry(a->ren, 0);
	const char *text = "HHHHHHHH HHHHHHHH HHHHHHHH";   /* three lines at 200 px */
	int lh = render_font_line_height(a->font, RENDER_FONT_MONO, 24), h = 0;
	render_font_size(a->font, RENDER_FONT_MONO, 24, RENDER_FONT_WRAP, 200, text, NULL, &h);
	cr_assert_geq(h, 3 * lh, "the text wraps to three lines");
	int skip = h / 3;
	for (int whole = 0; whole < 2; whole++) {
		render_draw_fill(a->ren, (SDL_Rect){ 0, 0, 800, 600 }, 0xFFFFFFFFu);
		SDL_Rect clip = { 0, 100 + skip / 2, 800, 400 };   /* through the first line */
		SDL_RenderSetClipRect(a->ren, &clip);
		render_font_whole_lines(a->font, whole);
		render_font_draw(a->font, RENDER_FONT_MONO, 24, 0x000000FFu, RENDER_FONT_WRAP, 200, text, 10, 100, NULL);
		render_font_whole_lines(a->font, 0);
		SDL_RenderSetClipRect(a->ren, NULL);
		long first = test_render_util_count(a, (SDL_Rect){ 0, 100 + skip / 2, 800, 100 + skip - (100 + skip / 2) },
		                                    0x000000FFu);
		long rest = test_render_util_count(a, (SDL_Rect){ 0, 100 + skip, 800, 2 * skip }, 0x000000FFu);
		if (whole)
			cr_expect_eq(first, 0, "%ld dark pixels of the cut line drawn", first);
		else
			cr_expect_gt(first, 0, "without whole lines the cut line's lower half shows");
		cr_expect_gt(rest, 0, "the lines below it draw");
	}
	render_app_free(a);
}
