/* render_font_pool — the process's opened fonts (render_font_pool.h).
 *
 * Opening a Noto CJK face costs some 10 ms and 2.7 MB: SDL_ttf hands
 * FreeType a read callback, not memory, so FreeType copies the tables it
 * needs into fresh allocations each time.  One frame of lesson 13 draws
 * at some 50 sizes; opened once per size, that was more than half of a
 * one-frame render's time (and under the sanitizers, which watch every
 * one of those allocations, most of the suite's).  So each face is opened
 * once, and TTF_SetFontSize sets it to the size asked for when that
 * differs from the last (its glyph cache starts again; render_font keeps
 * advances and drawn texts itself).  A size once opened stays open, at
 * most RENDER_FONT_POOL_IDLE of them unused, so a second window at the
 * same sizes finds them. */
#include "render_font_pool.h"

#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* Fonts kept open while no window uses them (the least recently closed go
 * first): the sizes of two windows' worth of text. */
#define RENDER_FONT_POOL_IDLE 96
#define RENDER_FONT_POOL_MAPS 8
/* A size that has set its face to itself this many times gets a TTF_Font
 * of its own: played, a lesson draws new labels at a few sizes every
 * frame, and each switch starts the face's glyph cache again (bench play,
 * lesson 09 at x100: the median frame took 13 % longer).  A still frame
 * of lesson 06 switches a size at most 13 times. */
#define RENDER_FONT_POOL_HOT 16

/* A font file mapped into memory, shared by every face opened from it:
 * FreeType then reads glyphs from memory.  Opened by name, SDL_ttf reads
 * through stdio, a seek and a read per glyph table access -- four million
 * lseek calls in one run of the render tests, most of their system time. */
struct render_font_pool_map {
	char *path;            /* NULL = unused */
	void *data;
	size_t len;
};

/* One opened TTF_Font: a (file, face index, style). */
struct render_font_pool_face {
	char *path;
	long index;
	int style;
	TTF_Font *font;
	int px;                /* the size it is set to */
	int sizes;             /* sizes open on it */
};

struct render_font_pool_font {
	struct render_font_pool_face *face;
	int px;
	int height, line_skip;
	int switches;          /* times it set its face to its size */
	TTF_Font *own;         /* its own, once hot (NULL: the face's) */
	int refs;
	unsigned long closed;  /* when refs last fell to 0 */
};

static struct {
	struct render_font_pool_map maps[RENDER_FONT_POOL_MAPS];
	struct render_font_pool_face **faces;
	size_t nfaces, face_cap;
	struct render_font_pool_font **fonts;
	size_t n, cap, idle;
	unsigned long clock;
	int held;              /* the pool's own TTF_Init, while it holds fonts */
} render_font_pool;

/* path mapped (once per process), or NULL when it cannot be (then the
 * caller opens the file by name). */
static const struct render_font_pool_map *render_font_pool_mapped(const char *path)
{
	struct render_font_pool_map *free_slot = NULL;
	for (int i = 0; i < RENDER_FONT_POOL_MAPS; i++) {
		struct render_font_pool_map *m = &render_font_pool.maps[i];
		if (m->path && strcmp(m->path, path) == 0)
			return m;
		if (!m->path && !free_slot)
			free_slot = m;
	}
	if (!free_slot)
		return NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	void *data = MAP_FAILED;
	if (fstat(fd, &st) == 0 && st.st_size > 0)
		data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (data == MAP_FAILED)
		return NULL;
	free_slot->path = xstrdup(path);
	free_slot->data = data;
	free_slot->len = (size_t)st.st_size;
	return free_slot;
}

/* TTF_OpenFontIndex, from the mapped file where it can be mapped. */
static TTF_Font *render_font_pool_load(const char *path, int px, long index)
{
	const struct render_font_pool_map *m = render_font_pool_mapped(path);
	SDL_RWops *rw = m && m->len <= (size_t)INT_MAX ? SDL_RWFromConstMem(m->data, (int)m->len) : NULL;
	if (!rw)
		return TTF_OpenFontIndex(path, px, index);
	return TTF_OpenFontIndexRW(rw, 1, px, index);
}

/* The face (path, index, style), opened now or already open; NULL if it
 * cannot be opened. */
static struct render_font_pool_face *render_font_pool_face(const char *path, long index, int px, int style)
{
	for (size_t i = 0; i < render_font_pool.nfaces; i++) {
		struct render_font_pool_face *c = render_font_pool.faces[i];
		if (c->index == index && c->style == style && strcmp(c->path, path) == 0)
			return c;
	}
	TTF_Font *font = render_font_pool_load(path, px, index);
	if (!font)
		return NULL;
	if (style)
		TTF_SetFontStyle(font, style);
	/* Fonts kept open past their window's TTF_Quit need the library: the
	 * pool holds it while it holds a font. */
	if (!render_font_pool.held && TTF_Init() == 0)
		render_font_pool.held = 1;
	if (render_font_pool.nfaces == render_font_pool.face_cap) {
		render_font_pool.face_cap = render_font_pool.face_cap ? 2 * render_font_pool.face_cap : 8;
		render_font_pool.faces = xrealloc(render_font_pool.faces,
		                                  render_font_pool.face_cap * sizeof *render_font_pool.faces);
	}
	struct render_font_pool_face *c = xcalloc(1, sizeof *c);
	*c = (struct render_font_pool_face){ .path = xstrdup(path), .index = index, .style = style, .font = font, .px = px };
	render_font_pool.faces[render_font_pool.nfaces++] = c;
	return c;
}

/* Closes size i and takes it out, and its face with its last size; with
 * no font left, the files are unmapped and the pool's hold on SDL_ttf let
 * go. */
static void render_font_pool_drop(size_t i)
{
	struct render_font_pool_font *e = render_font_pool.fonts[i];
	struct render_font_pool_face *c = e->face;
	render_font_pool.fonts[i] = render_font_pool.fonts[--render_font_pool.n];
	if (e->own)
		TTF_CloseFont(e->own);
	free(e);
	if (--c->sizes == 0) {
		for (size_t k = 0; k < render_font_pool.nfaces; k++)
			if (render_font_pool.faces[k] == c)
				render_font_pool.faces[k] = render_font_pool.faces[--render_font_pool.nfaces];
		TTF_CloseFont(c->font);
		free(c->path);
		free(c);
	}
	if (render_font_pool.n)
		return;
	for (int k = 0; k < RENDER_FONT_POOL_MAPS; k++) {
		struct render_font_pool_map *m = &render_font_pool.maps[k];
		if (m->path) {
			munmap(m->data, m->len);
			free(m->path);
			memset(m, 0, sizeof *m);
		}
	}
	if (render_font_pool.held) {
		render_font_pool.held = 0;
		TTF_Quit();
	}
}

struct render_font_pool_font *render_font_pool_open(const char *path, long index, int px, int style)
{
	for (size_t i = 0; i < render_font_pool.n; i++) {
		struct render_font_pool_font *e = render_font_pool.fonts[i];
		if (e->px == px && e->face->index == index && e->face->style == style &&
		    strcmp(e->face->path, path) == 0) {
			if (!e->refs++)
				render_font_pool.idle--;
			return e;
		}
	}
	struct render_font_pool_face *c = render_font_pool_face(path, index, px, style);
	if (!c)
		return NULL;
	if (render_font_pool.n == render_font_pool.cap) {
		render_font_pool.cap = render_font_pool.cap ? 2 * render_font_pool.cap : 64;
		render_font_pool.fonts = xrealloc(render_font_pool.fonts, render_font_pool.cap * sizeof *render_font_pool.fonts);
	}
	struct render_font_pool_font *e = xcalloc(1, sizeof *e);
	*e = (struct render_font_pool_font){ .face = c, .px = px, .refs = 1 };
	c->sizes++;
	render_font_pool.fonts[render_font_pool.n++] = e;
	TTF_Font *font = render_font_pool_use(e);
	e->height = TTF_FontHeight(font);
	e->line_skip = TTF_FontLineSkip(font);
	return e;
}

TTF_Font *render_font_pool_use(struct render_font_pool_font *font)
{
	struct render_font_pool_face *c = font->face;
	if (font->own)
		return font->own;
	if (c->px != font->px && ++font->switches >= RENDER_FONT_POOL_HOT &&
	    (font->own = render_font_pool_load(c->path, font->px, c->index)) != NULL) {
		if (c->style)
			TTF_SetFontStyle(font->own, c->style);
		return font->own;
	}
	if (c->px != font->px) {
		if (TTF_SetFontSize(c->font, font->px) < 0)
			PANIC("cannot set font %s to %d px: %s", c->path, font->px, TTF_GetError());
		c->px = font->px;
	}
	return c->font;
}

int render_font_pool_height(const struct render_font_pool_font *font)
{
	return font->height;
}

int render_font_pool_line_skip(const struct render_font_pool_font *font)
{
	return font->line_skip;
}

void render_font_pool_close(struct render_font_pool_font *font)
{
	if (!font)
		return;
	if (--font->refs == 0) {
		font->closed = ++render_font_pool.clock;
		render_font_pool.idle++;
	}
	while (render_font_pool.idle > RENDER_FONT_POOL_IDLE) {
		size_t oldest = render_font_pool.n;
		for (size_t i = 0; i < render_font_pool.n; i++)
			if (!render_font_pool.fonts[i]->refs &&
			    (oldest == render_font_pool.n ||
			     render_font_pool.fonts[i]->closed < render_font_pool.fonts[oldest]->closed))
				oldest = i;
		render_font_pool.idle--;
		render_font_pool_drop(oldest);
	}
}

void render_font_pool_flush(void)
{
	for (size_t i = render_font_pool.n; i-- > 0;)
		if (!render_font_pool.fonts[i]->refs) {
			render_font_pool.idle--;
			render_font_pool_drop(i);
		}
	if (!render_font_pool.n) {
		free(render_font_pool.fonts);
		render_font_pool.fonts = NULL;
		render_font_pool.cap = 0;
		free(render_font_pool.faces);
		render_font_pool.faces = NULL;
		render_font_pool.face_cap = 0;
	}
}

size_t render_font_pool_count(void)
{
	return render_font_pool.n;
}

size_t render_font_pool_faces(void)
{
	return render_font_pool.nfaces;
}
