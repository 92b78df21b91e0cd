/* render_yen — a real backslash in a JIS font's text (see render_yen.h). */
#include "render_yen.h"

#include <fontconfig/fontconfig.h>
#include <string.h>

#include "util.h"

/* Does a glyph's picture go down from left to right, as a backslash does?
 * The ink of its top third sits left of the ink of its bottom third by a
 * good part of its width; a yen sign's arms meet over a centred stem, so
 * its two thirds sit at the same place.  (Comparing with U+00A5 does not
 * work: IPAGothic's U+005C is a half-width yen, U+00A5 a full-width one.) */
static int render_yen_descends(SDL_Surface *g)
{
	int top = -1, bottom = -1, x0 = g->w, x1 = -1;
	for (int r = 0; r < g->h; r++)
		for (int c = 0; c < g->w; c++)
			if (((const Uint8 *)g->pixels)[r * g->pitch + c]) {
				if (top < 0)
					top = r;
				bottom = r;
				x0 = c < x0 ? c : x0;
				x1 = c > x1 ? c : x1;
			}
	if (top < 0 || bottom - top < 6)
		return 0;
	int third = (bottom - top + 1) / 3;
	double cx[2] = { 0, 0 }, n[2] = { 0, 0 };
	for (int r = top; r <= bottom; r++) {
		int part = r < top + third ? 0 : r > bottom - third ? 1 : -1;
		for (int c = 0; part >= 0 && c < g->w; c++)
			if (((const Uint8 *)g->pixels)[r * g->pitch + c]) {
				cx[part] += c;
				n[part]++;
			}
	}
	if (!n[0] || !n[1])
		return 0;
	return cx[1] / n[1] - cx[0] / n[0] > 0.3 * (x1 - x0 + 1);
}

int render_yen_face(TTF_Font *font)
{
	static const SDL_Color white = { 255, 255, 255, 255 };
	SDL_Surface *g = TTF_GlyphIsProvided32(font, 0x5C) ? TTF_RenderGlyph32_Solid(font, 0x5C, white) : NULL;
	int is_yen = !g || !render_yen_descends(g);
	SDL_FreeSurface(g);
	return is_yen;
}

int render_yen_font(const char *file, long index)
{
	TTF_Font *font = TTF_OpenFontIndex(file, 48, index);
	if (!font)
		return -1;
	int is_yen = render_yen_face(font);
	TTF_CloseFont(font);
	return is_yen;
}

int render_yen_find(const char *pattern, char **file, long *index)
{
	FcConfig *cfg = FcInitLoadConfigAndFonts();
	FcPattern *p = cfg ? FcNameParse((const FcChar8 *)pattern) : NULL;
	if (!p) {
		if (cfg)
			FcConfigDestroy(cfg);
		return -1;
	}
	FcConfigSubstitute(cfg, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	FcResult res;
	FcFontSet *set = FcFontSort(cfg, p, FcTrue, NULL, &res);
	FcPatternDestroy(p);
	int found = -1;
	/* The first few candidates in fontconfig's order of preference. */
	for (int i = 0; set && i < set->nfont && i < 24 && found < 0; i++) {
		FcChar8 *f = NULL;
		int idx = 0;
		if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &f) != FcResultMatch)
			continue;
		FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &idx);
		if (render_yen_font((const char *)f, idx) == 0) {
			*file = xstrdup((const char *)f);
			*index = idx;
			found = 0;
		}
	}
	if (set)
		FcFontSetDestroy(set);
	FcConfigDestroy(cfg);
	return found;
}

/* Copy src onto dst at (x, y), alpha included (no blending). */
static void render_yen_put(SDL_Surface *dst, SDL_Surface *src, int x, int y)
{
	if (!src)
		return;
	SDL_SetSurfaceBlendMode(src, SDL_BLENDMODE_NONE);
	SDL_Rect at = { x, y, src->w, src->h };
	SDL_BlitSurface(src, NULL, dst, &at);
}

SDL_Surface *render_yen_line(TTF_Font *font, TTF_Font *bs, const char *s)
{
	static const SDL_Color white = { 255, 255, 255, 255 };
	if (!*s)
		return NULL;
	if (!bs || !strchr(s, '\\'))
		return TTF_RenderUTF8_Blended(font, s, white);
	/* Runs between backslashes from font, each backslash from bs, set on
	 * font's baseline. */
	int h = TTF_FontHeight(font), asc = TTF_FontAscent(font), dy = asc - TTF_FontAscent(bs);
	int w = 0, bw = 0;
	TTF_GlyphMetrics32(bs, 0x5C, NULL, NULL, NULL, NULL, &bw);
	struct sbuf run = { 0 };
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "\\");
		if (n) {
			int rw = 0;
			sbuf_reset(&run);
			sbuf_add(&run, p, n);
			TTF_SizeUTF8(font, run.s, &rw, NULL);
			w += rw;
			p += n;
		}
		if (*p == '\\') {
			w += bw;
			p++;
		}
	}
	SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, w > 0 ? w : 1, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!out) {
		sbuf_free(&run);
		return NULL;
	}
	SDL_FillRect(out, NULL, 0);
	SDL_Surface *glyph = TTF_RenderGlyph32_Blended(bs, 0x5C, white);
	int x = 0;
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "\\");
		if (n) {
			sbuf_reset(&run);
			sbuf_add(&run, p, n);
			SDL_Surface *part = TTF_RenderUTF8_Blended(font, run.s, white);
			render_yen_put(out, part, x, 0);
			x += part ? part->w : 0;
			SDL_FreeSurface(part);
			p += n;
		}
		if (*p == '\\') {
			render_yen_put(out, glyph, x, dy);
			x += bw;
			p++;
		}
	}
	SDL_FreeSurface(glyph);
	sbuf_free(&run);
	return out;
}
