/* render_font — finds a font with Japanese glyphs through fontconfig (or
 * takes --font), opens it at the pixel sizes the layout asks for, and keeps
 * rendered text as textures so that a frame re-draws text without re-shaping
 * it.  Text is rendered white and tinted per draw, so colour is not part of
 * the cache key. */
#ifndef MAILSIM_RENDER_FONT_H
#define MAILSIM_RENDER_FONT_H

#include <SDL.h>
#include <stdint.h>

enum render_font_face {
	RENDER_FONT_REGULAR,
	RENDER_FONT_BOLD,
	RENDER_FONT_MONO,
	RENDER_FONT_FACE_COUNT
};
extern const char *const render_font_face_names[RENDER_FONT_FACE_COUNT];

struct render_font;

/* Open the fonts.  override is a font file (--font) used for every face, or
 * NULL to ask fontconfig for sans-serif, bold and monospace faces that cover
 * Japanese.  Returns NULL after printing why to stderr (TTF_Init must have
 * succeeded).  The renderer must outlive the font set; free with
 * render_font_free (NULL ok). */
struct render_font *render_font_new(SDL_Renderer *r, const char *override);
void render_font_free(struct render_font *f);

/* The file chosen for a face (for messages and tests). */
const char *render_font_file(const struct render_font *f, enum render_font_face face);
/* 1 if face's font draws U+005C as a yen sign (a JIS font such as
 * IPAGothic); its backslashes are then drawn from render_font_backslash_file
 * (NULL when fontconfig found no font with a real backslash). */
int render_font_yen(const struct render_font *f, enum render_font_face face);
const char *render_font_backslash_file(const struct render_font *f);
/* 1 if the regular face has glyphs for Japanese kana and kanji. */
int render_font_has_japanese(const struct render_font *f);

/* Mark the start of a frame: textures not drawn for a while are released
 * when the cache grows large. */
void render_font_frame(struct render_font *f);

/* Text layout modes: one line as is, one line cut with an ellipsis to fit
 * maxw, or wrapped into lines no wider than maxw (render_wrap's rules:
 * at spaces, between Japanese characters, with kinsoku).  WRAP without a
 * positive maxw is one line, as FIT without a limit. */
enum render_font_mode { RENDER_FONT_LINE, RENDER_FONT_FIT, RENDER_FONT_WRAP, RENDER_FONT_MODE_COUNT };
extern const char *const render_font_mode_names[RENDER_FONT_MODE_COUNT];

/* Draw text with its top-left corner at (x, y) in colour rgba (0xRRGGBBAA).
 * Any bytes are safe: what is not UTF-8 is drawn as U+FFFD, control
 * characters as spaces (WRAP keeps line feeds).  Returns the drawn width;
 * *h (if non-NULL) gets the height.  Empty text draws nothing and returns
 * 0 with *h = line height.
 *
 * Layout costs time in proportion to the text (glyph advances, measured
 * once per character and size), never to its square, and is cached: a
 * wrapped text's lines are kept per (face, size, width, text), so a resize,
 * presenter mode or another language simply makes new keys and the old
 * ones age out after a few frames unused.  A wrapped text draws only the
 * lines inside the renderer's clip rectangle (or target), so a text of
 * thousands of lines in a scrolled panel costs its visible lines. */
int render_font_draw(struct render_font *f, enum render_font_face face, int px,
                     uint32_t rgba, enum render_font_mode mode, int maxw,
                     const char *s, int x, int y, int *h);
/* With on, a line whose top the clip rectangle cuts is not drawn at all
 * (a scrolled panel's list, newest at the bottom: half a line at its top
 * reads as garbage); off again for the rest of the frame. */
void render_font_whole_lines(struct render_font *f, int on);
/* Non-zero if s wrapped at maxw reads badly: 1 set if a word is cut (no
 * place to break it), 2 set if text without spaces breaks inside a run of
 * kanji (会|員, render_wrap's split) or of katakana, 8 set too for the
 * latter (a katakana word wider than maxw: インター|ネット, which a
 * Japanese reader takes for two words), 4 set if a cut word had no mark
 * to break after and was cut between two letters (bit 1 alone: after a
 * URL's '/' or '='). */
int render_font_wrap_cuts(struct render_font *f, enum render_font_face face, int px, int maxw, const char *s);
/* Where s, wrapped at maxw as RENDER_FONT_WRAP wraps it, breaks first:
 * returns the length in bytes of its first line, and *next (if non-NULL)
 * gets where the second begins (after the spaces broken at; strlen(s) if
 * there is one line).  s must be clean text (render_wrap_clean without
 * line feeds): the offsets are those of the text drawn.  For a hanging
 * indent: the letter card's folded header lines. */
size_t render_font_wrap_first(struct render_font *f, enum render_font_face face, int px, int maxw, const char *s,
                              size_t *next);
/* Size the same call would draw, without drawing.  A wrapped text's width
 * is its widest line's, from the glyph advances. */
void render_font_size(struct render_font *f, enum render_font_face face, int px,
                      enum render_font_mode mode, int maxw, const char *s,
                      int *w, int *h);
/* Height of one line of text at px. */
int render_font_line_height(struct render_font *f, enum render_font_face face, int px);

/* Where the frame (since render_font_frame) drew a text cut with an
 * ellipsis (RENDER_FONT_FIT, too wide for its room), the first
 * RENDER_FONT_CUTS of them: for the tests (the letter card cuts no
 * header line).  Returns how many; *at gets them. */
#define RENDER_FONT_CUTS 256
size_t render_font_cuts(const struct render_font *f, const SDL_Rect **at);
/* Textures currently cached (for tests and the benchmark). */
size_t render_font_cached(const struct render_font *f);
/* Characters measured for layout so far, cached advances included (for the
 * tests: laying out a text must measure each character at most twice). */
size_t render_font_measured(const struct render_font *f);
/* Fonts opened at a size so far, one per face and size (for the
 * benchmark: opening the CJK font costs 70-150 ms, a dropped frame when
 * it happens during play). */
size_t render_font_opened(const struct render_font *f);

#endif
