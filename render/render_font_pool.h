/* render_font_pool — the fonts the process has opened: one TTF_Font per
 * (file, face index, style), set to whichever of its pixel sizes is used
 * (a size used again and again gets its own), shared by every render_font
 * and kept open a while after the last one lets go, so that a new window
 * at the same sizes does not open them again. */
#ifndef RENDER_FONT_POOL_H
#define RENDER_FONT_POOL_H

#include <SDL_ttf.h>
#include <stddef.h>

/* A face at one pixel size. */
struct render_font_pool_font;

/* The font at px, opened now or already open (style: TTF_STYLE_*, set on a
 * new face); NULL if it cannot be opened.  Each open is paired with a
 * close. */
struct render_font_pool_font *render_font_pool_open(const char *path, long index, int px, int style);
void render_font_pool_close(struct render_font_pool_font *font);
/* The TTF_Font to draw or measure font with, set to its size: good until
 * another size of the same face is used (pass it on to no one who keeps
 * it).  Never NULL. */
TTF_Font *render_font_pool_use(struct render_font_pool_font *font);
/* font's TTF_FontHeight and TTF_FontLineSkip, without setting its face to
 * its size. */
int render_font_pool_height(const struct render_font_pool_font *font);
int render_font_pool_line_skip(const struct render_font_pool_font *font);
/* Closes every font nobody holds (before the program ends; a font still
 * held stays). */
void render_font_pool_flush(void);
/* Sizes open, held or not, and the faces (TTF_Fonts) under them (the
 * tests). */
size_t render_font_pool_count(void);
size_t render_font_pool_faces(void);

#endif
