/* render_wrap — UTF-8 that is safe on any bytes, and line breaking with a
 * measuring callback, in one pass over the text. */
#include "render_wrap.h"

#include <limits.h>
#include <string.h>

static const char render_wrap_fffd[] = "\xEF\xBF\xBD";

int render_wrap_next(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	*cp = 0;
	if (n == 0)
		return 0;
	unsigned char c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1Fu;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0Fu;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07u;
		min = 0x10000;
	} else {
		*cp = RENDER_WRAP_REPLACEMENT;
		return 1;
	}
	if (len > n) {
		*cp = RENDER_WRAP_REPLACEMENT;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = RENDER_WRAP_REPLACEMENT;
			return 1;
		}
		v = v << 6 | (u[i] & 0x3Fu);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = RENDER_WRAP_REPLACEMENT;
		return 1;
	}
	*cp = v;
	return (int)len;
}

size_t render_wrap_cut(const char *s, size_t n, size_t max)
{
	if (max >= n)
		return n;
	/* The character that max falls in starts at most three bytes back. */
	size_t b = max;
	while (b > 0 && max - b < 3 && ((unsigned char)s[b] & 0xC0) == 0x80)
		b--;
	uint32_t cp;
	if (b < max && b + (size_t)render_wrap_next(s + b, n - b, &cp) > max)
		return b;
	return max;
}

char *render_wrap_copy(char *out, size_t outsz, const char *s)
{
	size_t n = strlen(s), k = render_wrap_cut(s, n, outsz - 1);
	memcpy(out, s, k);
	out[k] = '\0';
	return out;
}

void render_wrap_clean(struct sbuf *out, const char *s, size_t n, int keep_newlines)
{
	sbuf_reserve(out, n + 1);
	size_t run = 0;   /* start of the bytes that go through as they are */
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = (size_t)render_wrap_next(s + i, n - i, &cp);
		int bad = len == 1 && (unsigned char)s[i] >= 0x80;
		int ctl = cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
		if (bad || ctl) {
			sbuf_add(out, s + run, i - run);
			if (bad)
				sbuf_add(out, render_wrap_fffd, 3);
			else
				sbuf_addc(out, cp == '\n' && keep_newlines ? '\n' : ' ');
			run = i + len;
		}
		i += len;
	}
	sbuf_add(out, s + run, n - run);
}

/* The width of one character, never negative. */
static int render_wrap_adv(render_wrap_measure_fn measure, void *ctx, uint32_t cp)
{
	int a = measure(ctx, cp);
	return a > 0 ? a : 0;
}

/* x + a without overflowing (a run of spaces may go far past the width). */
static int render_wrap_add(int x, int a)
{
	return a > INT_MAX - x ? INT_MAX : x + a;
}

/* The width of s[from, to) (pe: the end of the paragraph). */
static int render_wrap_span(const char *s, size_t from, size_t to, size_t pe, render_wrap_measure_fn measure,
                            void *ctx)
{
	int x = 0;
	for (size_t j = from; j < to;) {
		uint32_t c;
		j += (size_t)render_wrap_next(s + j, pe - j, &c);
		x = render_wrap_add(x, render_wrap_adv(measure, ctx, c));
	}
	return x;
}

size_t render_wrap_fit(const char *s, size_t n, int maxw, render_wrap_measure_fn measure, void *ctx, int *w)
{
	size_t i = 0;
	int x = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = (size_t)render_wrap_next(s + i, n - i, &cp);
		int a = render_wrap_adv(measure, ctx, cp);
		if (a > maxw - x)
			break;
		x += a;
		i += len;
	}
	if (w)
		*w = x;
	return i;
}

/* Japanese (and other CJK) text breaks between any two characters: from
 * the CJK radicals on, kana, kanji, Hangul, full-width forms, and U+FFFD
 * standing for bytes that are not UTF-8. */
static int render_wrap_cjk(uint32_t cp)
{
	return cp >= 0x2E80;
}

/* The script of a character, for telling a break between words from one
 * inside a word in text without spaces: katakana (with ー), kanji, ASCII
 * letters and digits each make words of their own kind; hiragana and
 * everything else do not (0). */
static int render_wrap_script(uint32_t cp)
{
	if ((cp >= 0x30A0 && cp <= 0x30FF) || (cp >= 0xFF66 && cp <= 0xFF9F))
		return 1;
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || cp == 0x3005)
		return 2;
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
	    (cp >= 0xFF10 && cp <= 0xFF5A))
		return 3;
	return 0;
}

/* Whether a break before s[i] (the character before it prev, ending a run
 * of run characters of its script) splits a word badly: inside a run of
 * one script with fewer than three of its characters on one side
 * (インターネ|ット, 会|員; not レンタル|サーバ, two words by the eye). */
static int render_wrap_split(const char *s, size_t i, size_t pe, uint32_t prev, int run)
{
	int sc = render_wrap_script(prev), after = 0;
	uint32_t cp;
	while (sc && after < 3 && i < pe) {
		i += (size_t)render_wrap_next(s + i, pe - i, &cp);
		if (render_wrap_script(cp) != sc)
			break;
		after++;
	}
	return sc && after > 0 && (run < 3 || after < 3);
}

/* The marks inside a word (a URL, a filter's token, an address) after
 * which a word wider than its line breaks rather than anywhere. */
static int render_wrap_mark(uint32_t cp)
{
	return cp == '/' || cp == '.' || cp == ';' || cp == '=' || cp == '?' || cp == '&' || cp == '@' || cp == ':' ||
	       cp == '-' || cp == '_' || cp == ',';
}

/* Kinsoku: a line must not start with a closing mark ... */
static int render_wrap_no_start(uint32_t cp)
{
	static const uint32_t marks[] = {
		0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF09, 0x300D, 0x300F, 0x3011, 0x3015, 0x30FC,
		0xFF01, 0xFF1F, ',', '.', ')', '!', '?',
	};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (cp == marks[i])
			return 1;
	return 0;
}

/* ... nor end with an opening one. */
static int render_wrap_no_end(uint32_t cp)
{
	return cp == 0xFF08 || cp == 0x300C || cp == 0x300E || cp == 0x3010 || cp == 0x3014 || cp == '(';
}

static void render_wrap_emit(struct render_wrap *w, size_t off, size_t end, int width)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 8;
		w->line = xrealloc(w->line, w->cap * sizeof *w->line);
	}
	w->line[w->n++] = (struct render_wrap_line){ off, end > off ? end - off : 0, width };
	if (width > w->w)
		w->w = width;
}

/* One paragraph, the bytes [ps, pe) of s (no line feed inside). */
static void render_wrap_para(struct render_wrap *w, const char *s, size_t ps, size_t pe, int maxw,
                             render_wrap_measure_fn measure, void *ctx)
{
	size_t start = ps;          /* the line being filled starts here */
	int x = 0;                  /* and is this wide so far */
	size_t cend = ps;           /* the end of its last character that is not a space */
	int cx = 0;                 /* and the width up to there */
	size_t brk = ps;            /* the last place it may end (> start when set) */
	int brk_x = 0;
	int brk_in = 0;             /* it lies inside a word (インターネ|ット, 会|員) */
	uint32_t prev = 0;          /* the character before i, when i > start */
	int run = 0;                /* characters of prev's script ending at prev (up to 3) */
	size_t pun = ps;            /* just after the last mark a word too long for
	                             * a line may break at (render_wrap_mark) */
	for (size_t i = ps; i < pe;) {
		uint32_t cp;
		size_t len = (size_t)render_wrap_next(s + i, pe - i, &cp);
		int a = render_wrap_adv(measure, ctx, cp);
		if (cp == ' ') {
			/* A run of spaces is one place to break; it never breaks a
			 * line by itself, the next word does. */
			if (i > start && prev != ' ') {
				brk = i;
				brk_x = x;
				brk_in = 0;
			}
			x = render_wrap_add(x, a);
			prev = cp;
			i += len;
			continue;
		}
		if (i > start && prev != ' ' && (render_wrap_cjk(prev) || render_wrap_cjk(cp)) &&
		    !render_wrap_no_start(cp) && !render_wrap_no_end(prev)) {
			brk = i;
			brk_x = x;
			brk_in = render_wrap_split(s, i, pe, prev, run);
		}
		if (a > maxw - x && i > start) {
			if (brk > start) {
				/* End at the last break; the unfinished word moves down
				 * and is measured again (no break lies inside it). */
				render_wrap_emit(w, start, brk, brk_x);
				w->split |= brk_in;
				start = brk;
				while (start < i && s[start] == ' ')
					start++;
				x = render_wrap_span(s, start, i, pe, measure, ctx);
				cend = i;
				cx = x;
			}
			if (a > maxw - x && i > start && pun > start && pun < i) {
				/* A word wider than the line (a URL, a filter's token):
				 * after its last mark on the line, not inside a run of
				 * letters ("openspf.net/" | "Why?s=…"). */
				w->cut = 1;
				int pw = render_wrap_span(s, start, pun, pe, measure, ctx);
				render_wrap_emit(w, start, pun, pw);
				start = pun;
				x = render_wrap_span(s, start, i, pe, measure, ctx);
				cend = i;
				cx = x;
			}
			if (a > maxw - x && i > start) {
				/* A word wider than the line, with no mark to break
				 * after: cut it here. */
				w->cut = 1;
				render_wrap_emit(w, start, cend, cx);
				start = cend = i;
				x = cx = 0;
			}
			brk = start;
		}
		x = render_wrap_add(x, a);
		if (render_wrap_mark(cp))
			pun = i + len;
		run = render_wrap_script(cp) && render_wrap_script(cp) == render_wrap_script(prev) ? (run < 3 ? run + 1 : 3) : 1;
		prev = cp;
		i += len;
		cend = i;
		cx = x;
	}
	render_wrap_emit(w, start, cend, cx);
}

void render_wrap_lines(struct render_wrap *w, const char *s, size_t n, int maxw,
                       render_wrap_measure_fn measure, void *ctx)
{
	w->n = 0;
	w->w = 0;
	w->cut = 0;
	w->split = 0;
	size_t ps = 0;
	for (;;) {
		const char *nl = n > ps ? memchr(s + ps, '\n', n - ps) : NULL;
		size_t pe = nl ? (size_t)(nl - s) : n;
		render_wrap_para(w, s, ps, pe, maxw, measure, ctx);
		if (!nl)
			break;
		ps = pe + 1;
	}
}

void render_wrap_free(struct render_wrap *w)
{
	if (!w)
		return;
	free(w->line);
	memset(w, 0, sizeof *w);
}
