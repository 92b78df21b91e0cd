/* fuzz_wrap — libFuzzer target for the window's text layout (render_wrap)
 * on arbitrary bytes, with a fake measure instead of a font: the first
 * byte picks the width and the measure, the rest is the text.  Whatever
 * the bytes, decoding never reads past the end and always moves on;
 * cleaning gives well-formed UTF-8 without control characters and is
 * idempotent; a cut falls on a character boundary at most three bytes
 * early; fitting stays within the width; the lines are in order, inside
 * the text, on character boundaries, no wider than the width unless they
 * hold one character, and each character is measured at most twice.
 * Build and run with `make fuzz`. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render_wrap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fuzz_wrap_measure {
	int varied;            /* widths 0..4 by code point, else 1 or 2 */
	size_t calls;
};

static int fuzz_wrap_measure(void *ctx, uint32_t cp)
{
	struct fuzz_wrap_measure *m = ctx;
	m->calls++;
	if (m->varied)
		return (int)(cp % 5);
	return cp < 0x80 ? 1 : 2;
}

/* The character boundaries of the n bytes at s, as a walk of the decoder
 * from the start finds them: bound[k] is 1 if a character starts (or the
 * text ends) at k.  The walk must move on and stay inside the text. */
static unsigned char *fuzz_wrap_bounds(const char *s, size_t n, size_t *chars)
{
	unsigned char *bound = calloc(n + 1, 1);
	if (!bound)
		abort();
	*chars = 0;
	for (size_t i = 0; i < n; ++*chars) {
		bound[i] = 1;
		uint32_t cp;
		int len = render_wrap_next(s + i, n - i, &cp);
		if (len < 1 || (size_t)len > n - i)
			abort();
		i += (size_t)len;
	}
	bound[n] = 1;
	return bound;
}

static void fuzz_wrap_clean(const char *s, size_t n, int keep)
{
	struct sbuf b = { 0 }, again = { 0 };
	render_wrap_clean(&b, s, n, keep);
	for (size_t i = 0; i < b.len;) {
		uint32_t cp;
		int len = render_wrap_next(b.s + i, b.len - i, &cp);
		if (len == 1 && (unsigned char)b.s[i] >= 0x80)
			abort();   /* not UTF-8 after cleaning */
		if ((cp < 0x20 && !(keep && cp == '\n')) || (cp >= 0x7F && cp < 0xA0))
			abort();   /* a control character left */
		i += (size_t)len;
	}
	render_wrap_clean(&again, b.s ? b.s : "", b.len, keep);
	if (again.len != b.len || (b.len && memcmp(again.s, b.s, b.len) != 0))
		abort();   /* cleaning twice changes nothing */
	sbuf_free(&b);
	sbuf_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int maxw = data[0] & 0x3F;
	struct fuzz_wrap_measure m = { (data[0] & 0x40) != 0, 0 };
	size_t n = size - 1;
	/* An exact-size copy: a read past n is a read past the block. */
	char *s = malloc(n ? n : 1);
	if (!s)
		return 0;
	memcpy(s, data + 1, n);

	fuzz_wrap_clean(s, n, 0);
	fuzz_wrap_clean(s, n, 1);

	size_t chars = 0;
	unsigned char *bound = fuzz_wrap_bounds(s, n, &chars);
	for (size_t max = 0; max <= n; max++) {
		size_t k = render_wrap_cut(s, n, max);
		if (k > max || k + 3 < max || !bound[k])
			abort();
	}

	int w = -1;
	size_t fit = render_wrap_fit(s, n, maxw, fuzz_wrap_measure, &m, &w);
	if (fit > n || w < 0 || w > maxw || !bound[fit])
		abort();

	struct render_wrap lines = { 0 };
	m.calls = 0;
	render_wrap_lines(&lines, s, n, maxw, fuzz_wrap_measure, &m);
	/* Linear: each character is measured when met, again when its line
	 * ends at an earlier space and it moves down, and once more when a
	 * word wider than the line breaks after a punctuation mark (the part
	 * before the mark and the part carried after it are measured again):
	 * about three a character (3.02 on the worst input the fuzzer found,
	 * the same with it repeated a hundred times), so four bounds it. */
	if (lines.n < 1 || m.calls > 4 * chars + 1)
		abort();
	size_t end = 0;
	for (size_t i = 0; i < lines.n; i++) {
		const struct render_wrap_line *l = &lines.line[i];
		if (l->off < end || l->off + l->len > n || !bound[l->off] || !bound[l->off + l->len] ||
		    l->w > lines.w)
			abort();
		end = l->off + l->len;
		int width = 0;
		size_t k = 0;
		struct fuzz_wrap_measure quiet = { m.varied, 0 };
		for (size_t j = l->off; j < end; k++) {
			uint32_t cp;
			j += (size_t)render_wrap_next(s + j, end - j, &cp);
			width += fuzz_wrap_measure(&quiet, cp);
		}
		if (width != l->w || (width > maxw && k > 1))
			abort();
	}
	render_wrap_free(&lines);
	free(bound);
	free(s);
	return 0;
}
