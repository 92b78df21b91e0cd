/* render_font — fontconfig lookup, one TTF_Font per (face, pixel size) with
 * a cache of glyph advances, a cache of wrapped layouts keyed by (face,
 * size, width, text), and a texture cache keyed by (face, size, mode,
 * width, text).  Line breaking and fitting are render_wrap's, fed with the
 * glyph advances, so that they cost time in proportion to the text. */
#include "render_font.h"

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>

#include "render_draw.h"
#include "render_font_pool.h"
#include "render_wrap.h"
#include "render_yen.h"
#include "util.h"

const char *const render_font_face_names[RENDER_FONT_FACE_COUNT] = {
	"regular", "bold", "mono",
};
_Static_assert(sizeof render_font_face_names / sizeof render_font_face_names[0] ==
	       RENDER_FONT_FACE_COUNT, "face names");

const char *const render_font_mode_names[RENDER_FONT_MODE_COUNT] = { "line", "fit", "wrap" };
_Static_assert(sizeof render_font_mode_names / sizeof render_font_mode_names[0] == RENDER_FONT_MODE_COUNT,
	       "mode names");

/* fontconfig patterns per face: Noto Sans CJK JP (fonts-noto-cjk, which
 * make deps installs) first, as it has a bold face and a real backslash;
 * else whatever covers Japanese (lang=ja).  With lang=ja alone, a machine
 * that also has IPAGothic (common on Japanese school PCs) gets IPAGothic
 * for every face, bold headings included. */
static const char *const render_font_patterns[RENDER_FONT_FACE_COUNT] = {
	"Noto Sans CJK JP,sans-serif:lang=ja",
	"Noto Sans CJK JP,sans-serif:lang=ja:weight=bold",
	"Noto Sans Mono CJK JP,monospace:lang=ja",
};

#define RENDER_FONT_MAX_SIZES 32
/* The cache holds at most this many textures; past the high-water mark the
 * ones not drawn in the last few frames go. */
#define RENDER_FONT_SLOTS 16384
#define RENDER_FONT_HIGH 6000
#define RENDER_FONT_KEEP_FRAMES 30
/* Wrapped layouts: slots, the high-water mark in entries, and in bytes of
 * text they hold (the whole To: of a mail to 10,000 recipients, shown in
 * the inspector, is some 270 KB per width and size). */
#define RENDER_FONT_LAYOUT_SLOTS 4096
#define RENDER_FONT_LAYOUT_HIGH 1500
#define RENDER_FONT_LAYOUT_BYTES ((size_t)64 << 20)
/* Glyph advances per sized font: a direct-mapped table by code point. */
#define RENDER_FONT_ADV_SLOTS 1024

struct render_font_adv {
	uint32_t key;          /* code point + 1; 0 = empty */
	int w;
};

struct render_font_sized {
	int px;
	struct render_font_pool_font *font;
	struct render_font_pool_font *bs;   /* the backslash's font when this one draws a yen */
	struct render_font_adv *adv;   /* RENDER_FONT_ADV_SLOTS entries */
};

struct render_font_entry {
	uint64_t hash;
	char *s;               /* NULL = empty slot */
	unsigned char face, mode;
	int px, maxw;
	SDL_Texture *tex;      /* NULL for text that draws nothing */
	int w, h;
	unsigned last_frame;
	unsigned char cut;     /* FIT: cut with an ellipsis */
};

/* The lines of one text at one (font slot, size, width). */
struct render_font_layout {
	uint64_t hash;
	char *key;             /* the text as given; NULL = empty slot */
	unsigned char slot;
	int px, maxw;
	struct sbuf text;      /* cleaned for drawing; the lines index into it */
	struct render_wrap wrap;
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
	int yen[RENDER_FONT_SLOTS_N];   /* the slot's U+005C is a yen sign (render_yen) */
	char *bs_file;         /* a font with a real backslash, for those */
	long bs_index;
	struct render_font_sized sized[RENDER_FONT_SLOTS_N][RENDER_FONT_MAX_SIZES];
	int nsized[RENDER_FONT_SLOTS_N];
	struct render_font_entry *slots;
	size_t used;
	struct render_font_layout *layouts;
	size_t nlayouts, layout_bytes;
	unsigned frame;
	int japanese;
	size_t measured;       /* characters measured (render_font_measured) */
	size_t opened;         /* sized fonts opened (render_font_opened) */
	struct sbuf scratch;   /* one line of a layout, to look up its texture */
	/* where this frame drew a text cut with an ellipsis (the tests) */
	SDL_Rect cut[RENDER_FONT_CUTS];
	size_t ncut;
	int whole_lines;       /* render_font_whole_lines */
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

/* A JIS font draws U+005C as ¥: IMAP's \Seen would read ¥Seen.  Its
 * backslashes then come from a font whose backslash is one. */
static void render_font_backslash(struct render_font *f)
{
	int any = 0;
	for (int i = 0; i < RENDER_FONT_SLOTS_N; i++) {
		struct render_font_pool_font *font = f->file[i] ? render_font_pool_open(f->file[i], f->index[i], 48, 0) : NULL;
		if (font) {
			any |= f->yen[i] = render_yen_face(render_font_pool_use(font)) == 1;
			render_font_pool_close(font);
		}
	}
	if (any && render_yen_find("monospace:lang=en", &f->bs_file, &f->bs_index) < 0 &&
	    render_yen_find("sans-serif:lang=en", &f->bs_file, &f->bs_index) < 0)
		fprintf(stderr, "mailsim: warning: font %s draws a backslash as a yen sign, and fontconfig "
		        "found no font with a real one\n", f->file[0]);
}

int render_font_yen(const struct render_font *f, enum render_font_face face)
{
	return f->yen[face];
}

const char *render_font_backslash_file(const struct render_font *f)
{
	return f->bs_file;
}

struct render_font *render_font_new(SDL_Renderer *r, const char *override)
{
	struct render_font *f = xcalloc(1, sizeof *f);
	f->r = r;
	f->slots = xcalloc(RENDER_FONT_SLOTS, sizeof *f->slots);
	f->layouts = xcalloc(RENDER_FONT_LAYOUT_SLOTS, sizeof *f->layouts);
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
	struct render_font_pool_font *probe = render_font_pool_open(f->file[0], f->index[0], 16, 0);
	if (!probe) {
		fprintf(stderr, "mailsim: cannot open font %s: %s\n", f->file[0], TTF_GetError());
		render_font_free(f);
		return NULL;
	}
	/* あ and 漢: without both the Japanese lesson text would show boxes. */
	f->japanese = TTF_GlyphIsProvided32(render_font_pool_use(probe), 0x3042) &&
	              TTF_GlyphIsProvided32(render_font_pool_use(probe), 0x6F22);
	render_font_pool_close(probe);
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
	render_font_backslash(f);
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

static void render_font_layout_drop(struct render_font_layout *l)
{
	free(l->key);
	sbuf_free(&l->text);
	render_wrap_free(&l->wrap);
	memset(l, 0, sizeof *l);
}

static void render_font_clear_layouts(struct render_font *f)
{
	for (size_t i = 0; i < RENDER_FONT_LAYOUT_SLOTS; i++)
		if (f->layouts[i].key)
			render_font_layout_drop(&f->layouts[i]);
	f->nlayouts = 0;
	f->layout_bytes = 0;
}

void render_font_free(struct render_font *f)
{
	if (!f)
		return;
	if (f->slots) {
		render_font_clear_cache(f);
		free(f->slots);
	}
	if (f->layouts) {
		render_font_clear_layouts(f);
		free(f->layouts);
	}
	for (int i = 0; i < RENDER_FONT_SLOTS_N; i++) {
		for (int j = 0; j < f->nsized[i]; j++) {
			render_font_pool_close(f->sized[i][j].font);
			if (f->sized[i][j].bs)
				render_font_pool_close(f->sized[i][j].bs);
			free(f->sized[i][j].adv);
		}
		free(f->file[i]);
	}
	free(f->bs_file);
	sbuf_free(&f->scratch);
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

size_t render_font_measured(const struct render_font *f)
{
	return f->measured;
}

size_t render_font_opened(const struct render_font *f)
{
	return f->opened;
}

/* The font of a slot at a pixel size, opened on first use.  Opening one may
 * clear the caches (see below), so callers open before they look up. */
static struct render_font_sized *render_font_at(struct render_font *f, int face, int px)
{
	if (px < 6)
		px = 6;
	for (int i = 0; i < f->nsized[face]; i++)
		if (f->sized[face][i].px == px)
			return &f->sized[face][i];
	f->opened++;
	int style = face == RENDER_FONT_BOLD && f->synth_bold ? TTF_STYLE_BOLD : 0;
	struct render_font_pool_font *font =
		f->file[face] ? render_font_pool_open(f->file[face], f->index[face], px, style) : NULL;
	if (!font)
		font = render_font_pool_open(f->file[0], f->index[0], px, style);
	if (!font)
		PANIC("cannot open font %s at %d px: %s", f->file[face], px, TTF_GetError());
	/* Sizes change only with the window; when many were opened (a long
	 * resize drag) drop the oldest rather than grow without bound. */
	if (f->nsized[face] == RENDER_FONT_MAX_SIZES) {
		render_font_clear_cache(f);
		render_font_clear_layouts(f);
		render_font_pool_close(f->sized[face][0].font);
		if (f->sized[face][0].bs)
			render_font_pool_close(f->sized[face][0].bs);
		free(f->sized[face][0].adv);
		memmove(&f->sized[face][0], &f->sized[face][1],
			(RENDER_FONT_MAX_SIZES - 1) * sizeof f->sized[face][0]);
		f->nsized[face]--;
	}
	struct render_font_sized *sz = &f->sized[face][f->nsized[face]++];
	sz->px = px;
	sz->font = font;
	sz->bs = f->yen[face] && f->bs_file ? render_font_pool_open(f->bs_file, f->bs_index, px, 0) : NULL;
	sz->adv = xcalloc(RENDER_FONT_ADV_SLOTS, sizeof *sz->adv);
	return sz;
}

int render_font_line_height(struct render_font *f, enum render_font_face face, int px)
{
	return render_font_pool_height(render_font_at(f, face, px)->font);
}

/* The measure render_wrap calls: one glyph's advance, from the table or
 * from SDL_ttf. */
struct render_font_measure {
	struct render_font *f;
	struct render_font_sized *sz;
};

static int render_font_advance(void *ctx, uint32_t cp)
{
	struct render_font_measure *m = ctx;
	m->f->measured++;
	struct render_font_adv *e = &m->sz->adv[cp % RENDER_FONT_ADV_SLOTS];
	if (e->key != cp + 1) {
		int adv = 0;
		struct render_font_pool_font *font = cp == 0x5C && m->sz->bs ? m->sz->bs : m->sz->font;
		if (TTF_GlyphMetrics32(render_font_pool_use(font), cp, NULL, NULL, NULL, NULL, &adv) < 0)
			adv = 0;
		e->key = cp + 1;
		e->w = adv;
	}
	return e->w;
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

/* Text made fit to draw (render_wrap_clean) in b; returns b->s. */
static const char *render_font_clean(struct sbuf *b, const char *s, int keep_newlines)
{
	sbuf_reset(b);
	render_wrap_clean(b, s, strlen(s), keep_newlines);
	sbuf_addc(b, '\0');
	return b->s;
}

static SDL_Surface *render_font_line_surface(struct render_font_sized *sz, const char *s)
{
	return render_yen_line(render_font_pool_use(sz->font), sz->bs ? render_font_pool_use(sz->bs) : NULL, s);
}

/* One line cut with an ellipsis to fit maxw; measures only what fits. */
static SDL_Surface *render_font_fit_surface(struct render_font *f, struct render_font_sized *sz,
                                            const char *s, int maxw, unsigned char *cut)
{
	struct sbuf c = { 0 };
	render_font_clean(&c, s, 0);
	size_t n = strlen(c.s);
	struct render_font_measure m = { f, sz };
	size_t fit = render_wrap_fit(c.s, n, maxw, render_font_advance, &m, NULL);
	SDL_Surface *sf;
	*cut = fit < n;
	if (fit < n) {
		int ew = render_font_advance(&m, 0x2026);   /* … */
		fit = render_wrap_fit(c.s, n, maxw - ew > 0 ? maxw - ew : 0, render_font_advance, &m, NULL);
		struct sbuf b = { 0 };
		sbuf_add(&b, c.s, fit);
		sbuf_adds(&b, "…");
		sf = render_font_line_surface(sz, b.s);
		sbuf_free(&b);
	} else {
		sf = render_font_line_surface(sz, c.s);
	}
	sbuf_free(&c);
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

/* Drop the layouts not used for a while, beyond half the entries, or
 * beyond half the bytes unless the last frame used them; rehash the rest. */
static void render_font_evict_layouts(struct render_font *f)
{
	struct render_font_layout *old = f->layouts;
	f->layouts = xcalloc(RENDER_FONT_LAYOUT_SLOTS, sizeof *f->layouts);
	f->nlayouts = 0;
	f->layout_bytes = 0;
	for (size_t i = 0; i < RENDER_FONT_LAYOUT_SLOTS; i++) {
		struct render_font_layout *l = &old[i];
		if (!l->key)
			continue;
		if (f->frame - l->last_frame > RENDER_FONT_KEEP_FRAMES || f->nlayouts >= RENDER_FONT_LAYOUT_HIGH / 2 ||
		    (f->frame - l->last_frame > 1 && f->layout_bytes + 2 * l->text.len > RENDER_FONT_LAYOUT_BYTES / 2)) {
			render_font_layout_drop(l);
			continue;
		}
		size_t j = l->hash % RENDER_FONT_LAYOUT_SLOTS;
		while (f->layouts[j].key)
			j = (j + 1) % RENDER_FONT_LAYOUT_SLOTS;
		f->layouts[j] = *l;
		f->nlayouts++;
		f->layout_bytes += 2 * l->text.len;
	}
	free(old);
}

void render_font_frame(struct render_font *f)
{
	f->frame++;
	f->ncut = 0;
	if (f->used > RENDER_FONT_HIGH)
		render_font_evict(f);
	if (f->nlayouts > RENDER_FONT_LAYOUT_HIGH || f->layout_bytes > RENDER_FONT_LAYOUT_BYTES)
		render_font_evict_layouts(f);
}

/* The font slot that draws s in face: the Japanese fallback for text with
 * CJK characters when the --font override has none. */
static int render_font_slot(const struct render_font *f, enum render_font_face face, const char *s)
{
	return (int)face + (f->has_fallback && render_font_has_cjk(s) ? RENDER_FONT_FACE_COUNT : 0);
}

/* The texture of s in a slot (LINE and FIT; WRAP draws its lines as LINE). */
static struct render_font_entry *render_font_get(struct render_font *f, int slot, int px,
                                                 enum render_font_mode mode, int maxw, const char *s)
{
	if (mode == RENDER_FONT_LINE)
		maxw = 0;
	if (maxw < 0)
		maxw = 0;
	/* Opening a new size may clear the cache, so do it before probing. */
	struct render_font_sized *sz = render_font_at(f, slot, px);
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
	unsigned char cut = 0;
	switch (mode) {
	case RENDER_FONT_WRAP:   /* without a width: one line, as FIT without a limit */
	case RENDER_FONT_FIT:
		sf = render_font_fit_surface(f, sz, s, maxw > 0 ? maxw : 1 << 20, &cut);
		break;
	case RENDER_FONT_LINE: {
		struct sbuf c = { 0 };
		sf = render_font_line_surface(sz, render_font_clean(&c, s, 0));
		sbuf_free(&c);
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
	e->cut = cut;
	e->tex = NULL;
	e->w = 0;
	e->h = render_font_pool_height(sz->font);
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

/* The wrapped lines of s in a slot at maxw (> 0), from the cache or made
 * now in one pass over the text. */
static struct render_font_layout *render_font_layout(struct render_font *f, int slot, int px, int maxw,
                                                     const char *s)
{
	struct render_font_sized *sz = render_font_at(f, slot, px);
	uint64_t h = render_font_hash(s, slot, px, RENDER_FONT_WRAP, maxw);
	size_t j = h % RENDER_FONT_LAYOUT_SLOTS;
	for (; f->layouts[j].key; j = (j + 1) % RENDER_FONT_LAYOUT_SLOTS) {
		struct render_font_layout *l = &f->layouts[j];
		if (l->hash == h && l->slot == slot && l->px == px && l->maxw == maxw && strcmp(l->key, s) == 0) {
			l->last_frame = f->frame;
			return l;
		}
	}
	if (f->nlayouts >= RENDER_FONT_LAYOUT_SLOTS - 1) {
		render_font_clear_layouts(f);
		j = h % RENDER_FONT_LAYOUT_SLOTS;
	}
	struct render_font_layout *l = &f->layouts[j];
	l->hash = h;
	l->key = xstrdup(s);
	l->slot = (unsigned char)slot;
	l->px = px;
	l->maxw = maxw;
	l->last_frame = f->frame;
	render_font_clean(&l->text, s, 1);
	l->text.len--;   /* the terminator render_font_clean added */
	struct render_font_measure m = { f, sz };
	render_wrap_lines(&l->wrap, l->text.s, l->text.len, maxw, render_font_advance, &m);
	f->nlayouts++;
	f->layout_bytes += 2 * l->text.len;
	return l;
}

/* The rows of pixels text may show in: the clip rectangle, or the whole
 * target. */
static void render_font_visible(struct render_font *f, int *y0, int *y1)
{
	SDL_Rect clip;
	int ow = 0, oh = 0;
	SDL_GetRendererOutputSize(f->r, &ow, &oh);
	*y0 = 0;
	*y1 = oh;
	if (SDL_RenderIsClipEnabled(f->r)) {
		SDL_RenderGetClipRect(f->r, &clip);
		*y0 = clip.y;
		*y1 = clip.y + clip.h;
	}
}

static void render_font_blit(struct render_font *f, const struct render_font_entry *e, uint32_t rgba, int x, int y)
{
	if (!e->tex || render_draw_dry(f->r))
		return;
	SDL_SetTextureColorMod(e->tex, (Uint8)(rgba >> 24), (Uint8)(rgba >> 16), (Uint8)(rgba >> 8));
	SDL_SetTextureAlphaMod(e->tex, (Uint8)rgba);
	SDL_Rect dst = { x, y, e->w, e->h };
	SDL_RenderCopy(f->r, e->tex, NULL, &dst);
}

/* Wrapped text: only the lines that fall where the renderer can draw get
 * a texture, so a text of thousands of lines in a scrolled panel costs its
 * visible lines. */
static int render_font_draw_wrap(struct render_font *f, enum render_font_face face, int px, uint32_t rgba,
                                 int maxw, const char *s, int x, int y, int *h)
{
	int slot = render_font_slot(f, face, s);
	struct render_font_layout *l = render_font_layout(f, slot, px, maxw, s);
	struct render_font_pool_font *font = render_font_at(f, slot, px)->font;
	int lh = render_font_pool_line_skip(font), fh = render_font_pool_height(font);
	if (lh < 1)
		lh = 1;
	int y0, y1;
	render_font_visible(f, &y0, &y1);
	size_t first = y0 - fh > y ? (size_t)((y0 - fh - y) / lh) : 0;
	for (size_t i = first; i < l->wrap.n; i++) {
		long ly = (long)y + (long)i * lh;
		if (ly >= y1)
			break;
		if (ly + fh <= y0 || (f->whole_lines && ly < y0))
			continue;
		const struct render_wrap_line *ln = &l->wrap.line[i];
		sbuf_reset(&f->scratch);
		sbuf_add(&f->scratch, l->text.s + ln->off, ln->len);
		sbuf_addc(&f->scratch, '\0');
		render_font_blit(f, render_font_get(f, slot, px, RENDER_FONT_LINE, 0, f->scratch.s), rgba, x, (int)ly);
	}
	if (h)
		*h = (int)l->wrap.n * lh;
	return l->wrap.w;
}

int render_font_draw(struct render_font *f, enum render_font_face face, int px,
                     uint32_t rgba, enum render_font_mode mode, int maxw,
                     const char *s, int x, int y, int *h)
{
	if (!s)
		s = "";
	if (mode == RENDER_FONT_WRAP && maxw > 0)
		return render_font_draw_wrap(f, face, px, rgba, maxw, s, x, y, h);
	struct render_font_entry *e = render_font_get(f, render_font_slot(f, face, s), px, mode, maxw, s);
	int y0 = 0, y1 = 0;
	if (f->whole_lines)
		render_font_visible(f, &y0, &y1);
	if (!f->whole_lines || y >= y0)
		render_font_blit(f, e, rgba, x, y);
	if (e->cut && f->ncut < RENDER_FONT_CUTS)
		f->cut[f->ncut++] = (SDL_Rect){ x, y, e->w, e->h };
	if (h)
		*h = e->h;
	return e->w;
}

void render_font_whole_lines(struct render_font *f, int on)
{
	f->whole_lines = on;
}

size_t render_font_cuts(const struct render_font *f, const SDL_Rect **at)
{
	*at = f->cut;
	return f->ncut;
}

int render_font_wrap_cuts(struct render_font *f, enum render_font_face face, int px, int maxw, const char *s)
{
	if (!s || maxw <= 0)
		return 0;
	const struct render_wrap *w = &render_font_layout(f, render_font_slot(f, face, s), px, maxw, s)->wrap;
	return (w->cut ? 1 : 0) | (w->split ? 2 : 0) | (w->letters ? 4 : 0) | (w->loan ? 8 : 0);
}

size_t render_font_wrap_first(struct render_font *f, enum render_font_face face, int px, int maxw, const char *s,
                              size_t *next)
{
	if (!s)
		s = "";
	size_t n = strlen(s);
	if (next)
		*next = n;
	if (maxw <= 0)
		return n;
	const struct render_wrap *w = &render_font_layout(f, render_font_slot(f, face, s), px, maxw, s)->wrap;
	if (w->n < 2)
		return n;
	if (next)
		*next = w->line[1].off < n ? w->line[1].off : n;
	return w->line[0].len < n ? w->line[0].len : n;
}

void render_font_size(struct render_font *f, enum render_font_face face, int px,
                      enum render_font_mode mode, int maxw, const char *s, int *w, int *h)
{
	if (!s)
		s = "";
	int slot = render_font_slot(f, face, s);
	if (mode == RENDER_FONT_WRAP && maxw > 0) {
		struct render_font_layout *l = render_font_layout(f, slot, px, maxw, s);
		int lh = render_font_pool_line_skip(render_font_at(f, slot, px)->font);
		if (w)
			*w = l->wrap.w;
		if (h)
			*h = (int)l->wrap.n * (lh > 0 ? lh : 1);
		return;
	}
	struct render_font_entry *e = render_font_get(f, slot, px, mode, maxw, s);
	if (w)
		*w = e->w;
	if (h)
		*h = e->h;
}
