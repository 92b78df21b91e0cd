/* render_yen — the backslash of Japanese fonts.  JIS-era fonts such as
 * IPAGothic, common on Japanese school PCs, draw U+005C as a yen sign, so
 * IMAP's \Seen or a Windows path would read "¥Seen".  This module tells
 * whether a font does so (its U+005C glyph does not go down from left to
 * right), finds a font whose backslash is a backslash, and draws a line
 * with its backslashes taken from that font. */
#ifndef MAILSIM_RENDER_YEN_H
#define MAILSIM_RENDER_YEN_H

#include <SDL.h>
#include <SDL_ttf.h>

/* 1 if the font's backslash is drawn as a yen sign (or it has none), 0 if
 * it is a real backslash, -1 if the font cannot be opened. */
int render_yen_font(const char *file, long index);
/* The same for a font already open (at any size; the glyph is drawn at
 * its size): 1 yen, 0 backslash. */
int render_yen_face(TTF_Font *font);
/* Through fontconfig (its current configuration, FONTCONFIG_FILE
 * included): the best match for pattern whose backslash is a backslash.
 * Returns 0 and sets *file (free it) and *index, or -1 if none. */
int render_yen_find(const char *pattern, char **file, long *index);
/* Draw one line in white with font, its backslashes from bs (NULL: all
 * from font).  Returns a new surface (NULL for empty text). */
SDL_Surface *render_yen_line(TTF_Font *font, TTF_Font *bs, const char *s);

#endif
