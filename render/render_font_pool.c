/* render_font_pool — the process's opened fonts (render_font_pool.h).
 *
 * Opening a Noto CJK face at one size costs some 10 ms and 2.7 MB:
 * SDL_ttf hands FreeType a read callback, not memory, so FreeType copies
 * the tables it needs into fresh allocations each time.  One frame of
 * lesson 13 opens some 50 sizes; a test that makes eight windows, one per
 * size, mode and language, opened them all again for each (more than half
 * of a one-frame render's time, and under the sanitizers, which watch
 * every one of those allocations, most of the suite's).  Here a font once
 * opened stays open, at most RENDER_FONT_POOL_IDLE of them unused, so a
 * second window at the same sizes finds them. */
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

/* A font file mapped into memory, shared by every size opened from it:
 * FreeType then reads glyphs from memory.  Opened by name, SDL_ttf reads
 * through stdio, a seek and a read per glyph table access -- four million
 * lseek calls in one run of the render tests, most of their system time. */
struct render_font_pool_map {
	char *path;            /* NULL = unused */
	void *data;
	size_t len;
};

struct render_font_pool_font {
	char *path;
	long index;
	int px, style;
	TTF_Font *font;
	int refs;
	unsigned long closed;  /* when refs last fell to 0 */
};

static struct {
	struct render_font_pool_map maps[RENDER_FONT_POOL_MAPS];
	struct render_font_pool_font *fonts;
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

/* Closes entry i and takes it out; with no font left, the files are
 * unmapped and the pool's hold on SDL_ttf let go. */
static void render_font_pool_drop(size_t i)
{
	struct render_font_pool_font *e = &render_font_pool.fonts[i];
	TTF_CloseFont(e->font);
	free(e->path);
	render_font_pool.fonts[i] = render_font_pool.fonts[--render_font_pool.n];
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

TTF_Font *render_font_pool_open(const char *path, long index, int px, int style)
{
	for (size_t i = 0; i < render_font_pool.n; i++) {
		struct render_font_pool_font *e = &render_font_pool.fonts[i];
		if (e->px == px && e->index == index && e->style == style && strcmp(e->path, path) == 0) {
			if (!e->refs++)
				render_font_pool.idle--;
			return e->font;
		}
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
	if (render_font_pool.n == render_font_pool.cap) {
		render_font_pool.cap = render_font_pool.cap ? 2 * render_font_pool.cap : 64;
		render_font_pool.fonts = xrealloc(render_font_pool.fonts, render_font_pool.cap * sizeof *render_font_pool.fonts);
	}
	render_font_pool.fonts[render_font_pool.n++] = (struct render_font_pool_font){
		.path = xstrdup(path), .index = index, .px = px, .style = style, .font = font, .refs = 1,
	};
	return font;
}

void render_font_pool_close(TTF_Font *font)
{
	if (!font)
		return;
	for (size_t i = 0; i < render_font_pool.n; i++) {
		struct render_font_pool_font *e = &render_font_pool.fonts[i];
		if (e->font != font)
			continue;
		if (--e->refs == 0) {
			e->closed = ++render_font_pool.clock;
			render_font_pool.idle++;
		}
		break;
	}
	while (render_font_pool.idle > RENDER_FONT_POOL_IDLE) {
		size_t oldest = render_font_pool.n;
		for (size_t i = 0; i < render_font_pool.n; i++)
			if (!render_font_pool.fonts[i].refs &&
			    (oldest == render_font_pool.n ||
			     render_font_pool.fonts[i].closed < render_font_pool.fonts[oldest].closed))
				oldest = i;
		render_font_pool.idle--;
		render_font_pool_drop(oldest);
	}
}

void render_font_pool_flush(void)
{
	for (size_t i = render_font_pool.n; i-- > 0;)
		if (!render_font_pool.fonts[i].refs) {
			render_font_pool.idle--;
			render_font_pool_drop(i);
		}
	if (!render_font_pool.n) {
		free(render_font_pool.fonts);
		render_font_pool.fonts = NULL;
		render_font_pool.cap = 0;
	}
}

size_t render_font_pool_count(void)
{
	return render_font_pool.n;
}
