/* render_font_pool — the fonts the process has opened, one TTF_Font per
 * (file, face index, pixel size, style), shared by every render_font and
 * kept open a while after the last one lets go, so that a new window at
 * the same sizes does not open them again. */
#ifndef RENDER_FONT_POOL_H
#define RENDER_FONT_POOL_H

#include <SDL_ttf.h>
#include <stddef.h>

/* The font, opened now or already open (style: TTF_STYLE_*, set on a new
 * one); NULL if it cannot be opened.  Each open is paired with a close. */
TTF_Font *render_font_pool_open(const char *path, long index, int px, int style);
void render_font_pool_close(TTF_Font *font);
/* Closes every font nobody holds (before the program ends; a font still
 * held stays). */
void render_font_pool_flush(void);
/* Fonts open, held or not (the tests). */
size_t render_font_pool_count(void);

#endif
