/* render_font — fontconfig lookup, one TTF_Font per (face, pixel size), and
 * a texture cache keyed by (face, size, mode, width, text). */
#include "render_font.h"

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

const char *const render_font_face_names[RENDER_FONT_FACE_COUNT] = {
	"regular", "bold", "mono",
};
_Static_assert(sizeof render_font_face_names / sizeof render_font_face_names[0] ==
	       RENDER_FONT_FACE_COUNT, "face names");

const char *const render_font_mode_names[RENDER_FONT_MODE_COUNT] = { "line", "fit", "wrap" };
_Static_assert(sizeof render_font_mode_names / sizeof render_font_mode_names[0] == RENDER_FONT_MODE_COUNT,
	       "mode names");

/* fontconfig patterns per face; lang=ja makes fontconfig prefer a family
 * that covers Japanese (Noto Sans CJK JP on Debian with fonts-noto-cjk). */
static const char *const render_font_patterns[RENDER_FONT_FACE_COUNT] = {
	"sans-serif:lang=ja",
	"sans-serif:lang=ja:weight=bold",
	"monospace:lang=ja",
};

#define RENDER_FONT_MAX_SIZES 32
/* The cache holds at most this many textures; past the high-water mark the
 * ones not drawn in the last few frames go. */
#define RENDER_FONT_SLOTS 16384
#define RENDER_FONT_HIGH 6000
#define RENDER_FONT_KEEP_FRAMES 30

struct render_font_sized {
	int px;
	TTF_Font *font;
};

struct render_font_entry {
	uint64_t hash;
	char *s;               /* NULL = empty slot */
	unsigned char face, mode;
	int px, maxw;
	SDL_Texture *tex;      /* NULL for text that draws nothing */
	int w, h;
	unsigned last_frame;
};

/* Font slots: the faces, then the same faces from fontconfig as a fallback
 * for Japanese text when a --font override has no Japanese glyphs. */
#define RENDER_FONT_SLOTS_N (2 * RENDER_FONT_FACE_COUNT)

struct render_font {
	SDL_Renderer *r;
	char *file[RENDER_FONT_SLOTS_N];
	long index[RENDER_FONT_SLOTS_N];
	int synth_bold;        /* --font: bold is synthesised */
	int has_fallback;      /* slots FACE_COUNT.. hold a Japanese fallback */
	struct render_font_sized sized[RENDER_FONT_SLOTS_N][RENDER_FONT_MAX_SIZES];
	int nsized[RENDER_FONT_SLOTS_N];
	struct render_font_entry *slots;
	size_t used;
	unsigned frame;
	int japanese;
};

/* A private fontconfig configuration, destroyed after the lookup: the
 * global one would live (and show as a leak under ASan) until exit. */
static int render_font_lookup(FcConfig *cfg, const char *pattern, char **file, long *index)
{
	FcPattern *p = FcNameParse((const FcChar8 *)pattern);
	if (!p)
		return -1;
	FcConfigSubstitute(cfg, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	FcResult res;
	FcPattern *m = FcFontMatch(cfg, p, &res);
	FcPatternDestroy(p);
	if (!m)
		return -1;
	FcChar8 *f = NULL;
	int idx = 0;
	int ok = FcPatternGetString(m, FC_FILE, 0, &f) == FcResultMatch;
	if (ok) {
		FcPatternGetInteger(m, FC_INDEX, 0, &idx);
		*file = xstrdup((const char *)f);
		*index = idx;
	}
	FcPatternDestroy(m);
	return ok ? 0 : -1;
}

struct render_font *render_font_new(SDL_Renderer *r, const char *override)
{
	struct render_font *f = xcalloc(1, sizeof *f);
	f->r = r;
	f->slots = xcalloc(RENDER_FONT_SLOTS, sizeof *f->slots);
	FcConfig *cfg = override ? NULL : FcInitLoadConfigAndFonts();
	for (int i = 0; i < RENDER_FONT_FACE_COUNT; i++) {
		if (override) {
			f->file[i] = xstrdup(override);
			f->index[i] = 0;
		} else if (!cfg || render_font_lookup(cfg, render_font_patterns[i], &f->file[i], &f->index[i]) < 0) {
			fprintf(stderr, "mailsim: fontconfig found no font for \"%s\"; "
				"install fonts-noto-cjk or pass --font FILE\n",
				render_font_patterns[i]);
			if (cfg)
				FcConfigDestroy(cfg);
			render_font_free(f);
			return NULL;
		}
	}
	if (cfg)
		FcConfigDestroy(cfg);
	f->synth_bold = override != NULL;
	TTF_Font *probe = TTF_OpenFontIndex(f->file[0], 16, f->index[0]);
	if (!probe) {
		fprintf(stderr, "mailsim: cannot open font %s: %s\n", f->file[0], TTF_GetError());
		render_font_free(f);
		return NULL;
	}
	/* あ and 漢: without both the Japanese lesson text would show boxes. */
	f->japanese = TTF_GlyphIsProvided32(probe, 0x3042) && TTF_GlyphIsProvided32(probe, 0x6F22);
	TTF_CloseFont(probe);
	if (!f->japanese && override) {
		/* Japanese text then comes from fontconfig's choice, so it never
		 * shows as boxes; the override draws everything else. */
		FcConfig *fb = FcInitLoadConfigAndFonts();
		int ok = fb != NULL;
		for (int i = 0; ok && i < RENDER_FONT_FACE_COUNT; i++)
			ok = render_font_lookup(fb, render_font_patterns[i], &f->file[RENDER_FONT_FACE_COUNT + i],
						&f->index[RENDER_FONT_FACE_COUNT + i]) == 0;
		if (fb)
			FcConfigDestroy(fb);
		f->has_fallback = ok;
	}
	if (!f->japanese && !f->has_fallback)
		fprintf(stderr, "mailsim: warning: font %s has no Japanese glyphs\n", f->file[0]);
	return f;
}

static void render_font_clear_cache(struct render_font *f)
{
	for (size_t i = 0; i < RENDER_FONT_SLOTS; i++) {
		struct render_font_entry *e = &f->slots[i];
		if (!e->s)
			continue;
		if (e->tex)
			SDL_DestroyTexture(e->tex);
		free(e->s);
		memset(e, 0, sizeof *e);
	}
	f->used = 0;
}

void render_font_free(struct render_font *f)
{
	if (!f)
		return;
	if (f->slots) {
		render_font_clear_cache(f);
		free(f->slots);
	}
	for (int i = 0; i < RENDER_FONT_SLOTS_N; i++) {
		for (int j = 0; j < f->nsized[i]; j++)
			TTF_CloseFont(f->sized[i][j].font);
		free(f->file[i]);
	}
	free(f);
}

const char *render_font_file(const struct render_font *f, enum render_font_face face)
{
	return f->file[face];
}

int render_font_has_japanese(const struct render_font *f)
{
	return f->japanese || f->has_fallback;
}

/* Any character from the CJK blocks (U+2E80 and up, below the surrogates)? */
static int render_font_has_cjk(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0xE2 && *p <= 0xED && (*p > 0xE2 || p[1] >= 0xBA))
			return 1;
	return 0;
}

size_t render_font_cached(const struct render_font *f)
{
	return f->used;
}

static TTF_Font *render_font_at(struct render_font *f, int face, int px)
{
	if (px < 6)
		px = 6;
	for (int i = 0; i < f->nsized[face]; i++)
		if (f->sized[face][i].px == px)
			return f->sized[face][i].font;
	TTF_Font *font = f->file[face] ? TTF_OpenFontIndex(f->file[face], px, f->index[face]) : NULL;
	if (!font)
		font = TTF_OpenFontIndex(f->file[0], px, f->index[0]);
	if (!font)
		PANIC("cannot open font %s at %d px: %s", f->file[face], px, TTF_GetError());
	if (face == RENDER_FONT_BOLD && f->synth_bold)
		TTF_SetFontStyle(font, TTF_STYLE_BOLD);
	/* Sizes change only with the window; when many were opened (a long
	 * resize drag) drop the oldest rather than grow without bound. */
	if (f->nsized[face] == RENDER_FONT_MAX_SIZES) {
		render_font_clear_cache(f);
		TTF_CloseFont(f->sized[face][0].font);
		memmove(&f->sized[face][0], &f->sized[face][1],
			(RENDER_FONT_MAX_SIZES - 1) * sizeof f->sized[face][0]);
		f->nsized[face]--;
	}
	f->sized[face][f->nsized[face]++] = (struct render_font_sized){ px, font };
	return font;
}

int render_font_line_height(struct render_font *f, enum render_font_face face, int px)
{
	return TTF_FontHeight(render_font_at(f, face, px));
}

static uint64_t render_font_hash(const char *s, int face, int px, int mode, int maxw)
{
	uint64_t h = 1469598103934665603ull;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	h = (h ^ (uint64_t)face) * 1099511628211ull;
	h = (h ^ (uint64_t)px) * 1099511628211ull;
	h = (h ^ (uint64_t)mode) * 1099511628211ull;
	h = (h ^ (uint64_t)(unsigned)maxw) * 1099511628211ull;
	return h ? h : 1;
}

/* Byte length of the UTF-8 sequence starting with c. */
static int render_font_u8len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		return 2;
	if ((c & 0xF0) == 0xE0)
		return 3;
	if ((c & 0xF8) == 0xF0)
		return 4;
	return 1;
}

/* Byte offset of the count-th character. */
static size_t render_font_u8off(const char *s, int count)
{
	size_t o = 0;
	while (count-- > 0 && s[o])
		o += (size_t)render_font_u8len((unsigned char)s[o]);
	return o;
}

/* Control characters would render as boxes; a line shows them as spaces. */
static char *render_font_clean(const char *s, int keep_newlines)
{
	char *c = xstrdup(s);
	for (char *p = c; *p; p++)
		if ((unsigned char)*p < 0x20 && !(keep_newlines && *p == '\n'))
			*p = ' ';
	return c;
}

static SDL_Surface *render_font_line_surface(TTF_Font *font, const char *s)
{
	static const SDL_Color white = { 255, 255, 255, 255 };
	if (!*s)
		return NULL;
	SDL_Surface *sf = TTF_RenderUTF8_Blended(font, s, white);
	if (!sf)
		return NULL;
	return sf;
}

/* Characters a Japanese line must not start with (kinsoku). */
static int render_font_no_line_start(const char *p)
{
	static const char *const marks[] = { "、", "。", "，", "．", "）", "」", "』", "ー", "！", "？", ",", ".", ")" };
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (strncmp(p, marks[i], strlen(marks[i])) == 0)
			return 1;
	return 0;
}

/* Split one paragraph into lines no wider than maxw: at a space between
 * Latin words, anywhere between Japanese characters. */
static void render_font_wrap_para(TTF_Font *font, char *para, int maxw,
                                  char ***lines, int *n, int *cap)
{
	char *p = para;
	for (;;) {
		int extent = 0, count = 0;
		if (!*p || TTF_MeasureUTF8(font, p, maxw, &extent, &count) < 0 ||
		    p[render_font_u8off(p, count)] == '\0') {
			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 8;
				*lines = xrealloc(*lines, (size_t)*cap * sizeof **lines);
			}
			(*lines)[(*n)++] = xstrdup(p);
			return;
		}
		if (count < 1)
			count = 1;
		size_t cut = render_font_u8off(p, count);
		size_t next = cut;
		unsigned char before = (unsigned char)p[cut - 1], at = (unsigned char)p[cut];
		if (before < 0x80 && at < 0x80 && before != ' ' && at != ' ') {
			/* Inside a Latin word: go back to the last space or CJK char. */
			size_t b = cut;
			while (b > 0 && (unsigned char)p[b - 1] < 0x80 && p[b - 1] != ' ')
				b--;
			if (b > 0) {
				cut = b;
				next = b;
			}
		} else if (render_font_no_line_start(p + cut) && count > 1) {
			size_t b = cut - 1;
			while (b > 0 && ((unsigned char)p[b] & 0xC0) == 0x80)
				b--;
			cut = next = b;
		}
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 8;
			*lines = xrealloc(*lines, (size_t)*cap * sizeof **lines);
		}
		size_t end = cut;
		while (end > 0 && p[end - 1] == ' ')
			end--;
		(*lines)[(*n)++] = xstrndup(p, end);
		p += next;
		while (*p == ' ')
			p++;
	}
}

static SDL_Surface *render_font_wrap_surface(TTF_Font *font, const char *s, int maxw)
{
	char *text = render_font_clean(s, 1);
	char **lines = NULL;
	int n = 0, cap = 0;
	for (char *para = text;;) {
		char *nl = strchr(para, '\n');
		if (nl)
			*nl = '\0';
		render_font_wrap_para(font, para, maxw, &lines, &n, &cap);
		if (!nl)
			break;
		para = nl + 1;
	}
	free(text);
	int lh = TTF_FontLineSkip(font);
	SDL_Surface **sf = xcalloc((size_t)n, sizeof *sf);
	int w = 1;
	for (int i = 0; i < n; i++) {
		sf[i] = render_font_line_surface(font, lines[i]);
		if (sf[i] && sf[i]->w > w)
			w = sf[i]->w;
	}
	SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, w, lh * n, 32, SDL_PIXELFORMAT_ARGB8888);
	for (int i = 0; i < n; i++) {
		if (sf[i] && out) {
			SDL_Rect dst = { 0, i * lh, sf[i]->w, sf[i]->h };
			SDL_SetSurfaceBlendMode(sf[i], SDL_BLENDMODE_NONE);
			SDL_BlitSurface(sf[i], NULL, out, &dst);
		}
		SDL_FreeSurface(sf[i]);
		free(lines[i]);
	}
	free(sf);
	free(lines);
	return out;
}

static SDL_Surface *render_font_fit_surface(TTF_Font *font, const char *s, int maxw)
{
	char *text = render_font_clean(s, 0);
	int extent = 0, count = 0;
	SDL_Surface *sf;
	if (TTF_MeasureUTF8(font, text, maxw, &extent, &count) == 0 &&
	    text[render_font_u8off(text, count)] != '\0') {
		int ew = 0, eh = 0;
		TTF_SizeUTF8(font, "…", &ew, &eh);
		TTF_MeasureUTF8(font, text, maxw - ew > 0 ? maxw - ew : 0, &extent, &count);
		size_t cut = render_font_u8off(text, count);
		struct sbuf b = { 0 };
		sbuf_add(&b, text, cut);
		sbuf_adds(&b, "…");
		sf = render_font_line_surface(font, b.s);
		sbuf_free(&b);
	} else {
		sf = render_font_line_surface(font, text);
	}
	free(text);
	return sf;
}

static void render_font_evict(struct render_font *f)
{
	/* Rehash the survivors: open addressing cannot just punch holes. */
	struct render_font_entry *old = f->slots;
	f->slots = xcalloc(RENDER_FONT_SLOTS, sizeof *f->slots);
	f->used = 0;
	for (size_t i = 0; i < RENDER_FONT_SLOTS; i++) {
		struct render_font_entry *e = &old[i];
		if (!e->s)
			continue;
		if (f->frame - e->last_frame > RENDER_FONT_KEEP_FRAMES || f->used >= RENDER_FONT_HIGH / 2) {
			if (e->tex)
				SDL_DestroyTexture(e->tex);
			free(e->s);
			continue;
		}
		size_t j = e->hash % RENDER_FONT_SLOTS;
		while (f->slots[j].s)
			j = (j + 1) % RENDER_FONT_SLOTS;
		f->slots[j] = *e;
		f->used++;
	}
	free(old);
}

void render_font_frame(struct render_font *f)
{
	f->frame++;
	if (f->used > RENDER_FONT_HIGH)
		render_font_evict(f);
}

static struct render_font_entry *render_font_get(struct render_font *f, enum render_font_face face,
                                                 int px, enum render_font_mode mode, int maxw,
                                                 const char *s)
{
	if (mode == RENDER_FONT_LINE)
		maxw = 0;
	if (maxw < 0)
		maxw = 0;
	int slot = (int)face + (f->has_fallback && render_font_has_cjk(s) ? RENDER_FONT_FACE_COUNT : 0);
	/* Opening a new size may clear the cache, so do it before probing. */
	TTF_Font *font = render_font_at(f, slot, px);
	uint64_t h = render_font_hash(s, slot, px, mode, maxw);
	size_t j = h % RENDER_FONT_SLOTS;
	for (; f->slots[j].s; j = (j + 1) % RENDER_FONT_SLOTS) {
		struct render_font_entry *e = &f->slots[j];
		if (e->hash == h && e->face == slot && e->px == px && e->mode == mode &&
		    e->maxw == maxw && strcmp(e->s, s) == 0) {
			e->last_frame = f->frame;
			return e;
		}
	}
	if (f->used >= RENDER_FONT_SLOTS - 1) {
		render_font_clear_cache(f);
		j = h % RENDER_FONT_SLOTS;
	}
	SDL_Surface *sf;
	switch (mode) {
	case RENDER_FONT_WRAP:
		sf = maxw > 0 ? render_font_wrap_surface(font, s, maxw) : render_font_fit_surface(font, s, 1 << 20);
		break;
	case RENDER_FONT_FIT:
		sf = render_font_fit_surface(font, s, maxw > 0 ? maxw : 1 << 20);
		break;
	case RENDER_FONT_LINE: {
		char *c = render_font_clean(s, 0);
		sf = render_font_line_surface(font, c);
		free(c);
		break;
	}
	default:
		PANIC("unexpected mode %d", (int)mode);
	}
	struct render_font_entry *e = &f->slots[j];
	e->hash = h;
	e->s = xstrdup(s);
	e->face = (unsigned char)slot;
	e->mode = (unsigned char)mode;
	e->px = px;
	e->maxw = maxw;
	e->last_frame = f->frame;
	e->tex = NULL;
	e->w = 0;
	e->h = TTF_FontHeight(font);
	if (sf) {
		e->tex = SDL_CreateTextureFromSurface(f->r, sf);
		e->w = sf->w;
		e->h = sf->h;
		if (e->tex)
			SDL_SetTextureBlendMode(e->tex, SDL_BLENDMODE_BLEND);
		SDL_FreeSurface(sf);
	}
	f->used++;
	return e;
}

int render_font_draw(struct render_font *f, enum render_font_face face, int px,
                     uint32_t rgba, enum render_font_mode mode, int maxw,
                     const char *s, int x, int y, int *h)
{
	if (!s)
		s = "";
	struct render_font_entry *e = render_font_get(f, face, px, mode, maxw, s);
	if (e->tex) {
		SDL_SetTextureColorMod(e->tex, (Uint8)(rgba >> 24), (Uint8)(rgba >> 16), (Uint8)(rgba >> 8));
		SDL_SetTextureAlphaMod(e->tex, (Uint8)rgba);
		SDL_Rect dst = { x, y, e->w, e->h };
		SDL_RenderCopy(f->r, e->tex, NULL, &dst);
	}
	if (h)
		*h = e->h;
	return e->w;
}

void render_font_size(struct render_font *f, enum render_font_face face, int px,
                      enum render_font_mode mode, int maxw, const char *s, int *w, int *h)
{
	struct render_font_entry *e = render_font_get(f, face, px, mode, maxw, s ? s : "");
	if (w)
		*w = e->w;
	if (h)
		*h = e->h;
}
