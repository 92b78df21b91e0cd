/* render_wrap — the window's text layout without a font: UTF-8 decoding
 * that is safe on any bytes, cleaning text for drawing, cutting at
 * character boundaries, fitting one line and breaking text into lines,
 * with each character's width given by a callback.  It never includes SDL,
 * so the same code runs under the fuzzer (tests/fuzz/fuzz_wrap.c) with a
 * fake monospace measure, and every step is linear in the text's length:
 * no prefix is measured twice over. */
#ifndef MAILSIM_RENDER_WRAP_H
#define MAILSIM_RENDER_WRAP_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* What a byte that is not UTF-8 stands for. */
#define RENDER_WRAP_REPLACEMENT 0xFFFDu

/* Decode the character at s, of which n bytes may be read.  Returns its
 * length in bytes (1 to 4, never more than n; 0 only when n is 0) and
 * stores its code point in *cp.  A byte that does not begin a complete,
 * shortest-form sequence of a Unicode scalar value (a cut character, a
 * stray continuation byte, Latin-1, an overlong form, a surrogate, anything
 * above U+10FFFF) is one character of length 1, U+FFFD: a walk always moves
 * on and never reads past s + n. */
int render_wrap_next(const char *s, size_t n, uint32_t *cp);

/* The largest length no greater than max (nor n) at which the n bytes at s
 * can be cut without splitting a UTF-8 character in two. */
size_t render_wrap_cut(const char *s, size_t n, size_t max);

/* Copy s into out (outsz > 0 bytes, NUL-terminated), shortened if need be
 * at a character boundary (render_wrap_cut).  Returns out. */
char *render_wrap_copy(char *out, size_t outsz, const char *s);

/* Append the n bytes at s to out as text fit to draw: well-formed UTF-8 in
 * which each byte that is not UTF-8 became U+FFFD and each control
 * character (below U+0020, and DEL) a space, except line feeds when
 * keep_newlines is set. */
void render_wrap_clean(struct sbuf *out, const char *s, size_t n, int keep_newlines);

/* The advance in pixels of the character cp (negative counts as 0). */
typedef int (*render_wrap_measure_fn)(void *ctx, uint32_t cp);

/* How many of the n bytes at s fit in maxw pixels, whole characters only;
 * *w (if non-NULL) gets their width.  Measures the characters that fit and
 * the first that does not, no more, so a long text costs what is shown. */
size_t render_wrap_fit(const char *s, size_t n, int maxw, render_wrap_measure_fn measure, void *ctx, int *w);

struct render_wrap_line {
	size_t off, len;       /* the line's bytes in the text, without the
	                        * spaces it was broken at */
	int w;                 /* its width: the sum of its advances */
};

/* The lines of a text.  Zero-initialise; render_wrap_free releases. */
struct render_wrap {
	struct render_wrap_line *line;
	size_t n, cap;
	int w;                 /* the widest line */
	int cut;               /* 1: a word wider than maxw was cut */
	int letters;           /* 1: one with no mark to break after (a URL's
	                        * '/', '?', '='): cut between two letters */
	int split;             /* 1: text without spaces was broken inside a
	                        * run of kanji (会|員), as it may be, but a
	                        * name reads badly so */
	int loan;              /* 1: inside a katakana word wider than its line
	                        * (インター|ネット): split set too */
};

/* Break the n bytes at s into lines no wider than maxw pixels, replacing
 * what w held.  A line feed ends a paragraph (one empty line for an empty
 * one; no text is one empty line).  Lines break at spaces between words
 * (the spaces go) and between Japanese (CJK) characters, but not inside a
 * run of katakana (with ー) nor of letters and digits (インターネット,
 * IP25B), never before a closing mark, a small kana, ・ or ー (kinsoku:
 * 、。」）・ーっゃ…) nor after an opening one such as 「（; a word wider
 * than maxw breaks after its last mark on the line (/ . ; = ? & @ : - _ ,
 * as in a URL or an address), else between characters, and a line holds
 * at least one character whatever maxw is.  A paragraph's last line of one
 * character takes the previous line's last word with it when both fit
 * (…Hello|です, not …Helloで|す).  Safe on any bytes (what is not UTF-8 is
 * measured as U+FFFD).  Each character is measured a bounded number of
 * times (once more when the unfinished word it is in moves to the next
 * line, twice more when a long word breaks after a mark), so the cost is
 * linear in n. */
void render_wrap_lines(struct render_wrap *w, const char *s, size_t n, int maxw,
                       render_wrap_measure_fn measure, void *ctx);
void render_wrap_free(struct render_wrap *w);

#endif
