/* render_wrap — UTF-8 that is safe on any bytes, and line breaking with a
 * measuring callback, in one pass over the text. */
#include "render_wrap.h"

#include <limits.h>
#include <stdint.h>
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
 * inside a word in text without spaces: katakana (with ー, without the
 * middle dot ・ that separates words), kanji, ASCII letters and digits each
 * make words of their own kind; hiragana and everything else do not (0). */
static int render_wrap_script(uint32_t cp)
{
	if ((cp >= 0x30A1 && cp <= 0x30FF && cp != 0x30FB) || (cp >= 0xFF66 && cp <= 0xFF9F))
		return 1;
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || cp == 0x3005)
		return 2;
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
	    (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A))
		return 3;
	return 0;
}

/* Whether prev and cp are in one word that Japanese text never breaks
 * inside while it fits on a line: a run of katakana (レンタルサーバ,
 * インターネット: the eye cannot tell where a loan word's parts meet) or
 * of letters and digits (IP25B).  Kanji may break between any two. */
static int render_wrap_word(uint32_t prev, uint32_t cp)
{
	int sc = render_wrap_script(cp);
	return (sc == 1 || sc == 3) && sc == render_wrap_script(prev);
}

/* Whether a break before s[i] (the character before it prev, ending a run
 * of run characters of its script) splits a word badly: inside a run of
 * one script with fewer than three of its characters on one side
 * (会|員). */
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

/* Kinsoku (JIS X 4051): a line must not start with a closing bracket, a
 * comma or full stop, a middle dot, the long-vowel mark, a small kana, an
 * iteration mark or a closing ! ? : ; ... */
static int render_wrap_no_start(uint32_t cp)
{
	switch (cp) {
	case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF61: case 0xFF64:   /* 、。，．｡､ */
	case 0xFF09: case 0x300D: case 0x300F: case 0x3011: case 0x3015: case 0x3009:   /* ）」』】〕〉 */
	case 0x300B: case 0x3017: case 0x3019: case 0xFF3D: case 0xFF5D: case 0xFF63:   /* 》〗〙］｝｣ */
	case 0x2019: case 0x201D: case 0x301F:                                          /* ’”〟 */
	case 0x30FB: case 0xFF65: case 0x30FC: case 0xFF70: case 0x301C: case 0x2010:   /* ・･ーｰ〜‐ */
	case 0x3005: case 0x309D: case 0x309E: case 0x30FD: case 0x30FE:                /* 々ゝゞヽヾ */
	case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049: case 0x3063:   /* ぁぃぅぇぉっ */
	case 0x3083: case 0x3085: case 0x3087: case 0x308E: case 0x3095: case 0x3096:   /* ゃゅょゎゕゖ */
	case 0x30A1: case 0x30A3: case 0x30A5: case 0x30A7: case 0x30A9: case 0x30C3:   /* ァィゥェォッ */
	case 0x30E3: case 0x30E5: case 0x30E7: case 0x30EE: case 0x30F5: case 0x30F6:   /* ャュョヮヵヶ */
	case 0xFF01: case 0xFF1F: case 0xFF1A: case 0xFF1B: case 0xFF05:                /* ！？：；％ */
	case ',': case '.': case ')': case ']': case '}': case '!': case '?': case ':': case ';': case '%':
		return 1;
	default:
		return cp >= 0xFF67 && cp <= 0xFF6F;   /* half-width small kana ｧ..ｯ */
	}
}

/* Where Japanese text breaks best, between phrases: after a comma, a
 * middle dot or a closing bracket (、・）」』), or before an opening
 * bracket (（「『). */
static int render_wrap_good(uint32_t prev, uint32_t cp)
{
	return prev == 0x3001 || prev == 0xFF64 || prev == 0x30FB || prev == 0xFF65 || prev == 0xFF09 ||
	       prev == 0x300D || prev == 0x300F || cp == 0xFF08 || cp == 0x300C || cp == 0x300E;
}

/* A name, a title or a heading rather than running text: a paragraph of
 * at most this many characters breaks between phrases where it can
 * (render_wrap_para). */
#define RENDER_WRAP_PHRASE 40

/* ... nor end with an opening one. */
static int render_wrap_no_end(uint32_t cp)
{
	switch (cp) {
	case 0xFF08: case 0x300C: case 0x300E: case 0x3010: case 0x3014: case 0x3008:   /* （「『【〔〈 */
	case 0x300A: case 0x3016: case 0x3018: case 0xFF3B: case 0xFF5B: case 0xFF62:   /* 《〖〘［｛｢ */
	case 0x2018: case 0x201C: case 0x301D:                                          /* ‘“〝 */
	case '(': case '[': case '{':
		return 1;
	default:
		return 0;
	}
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

/* A place a line may end: the line's bytes end at pos, x wide; the next
 * line starts at nxt (after the spaces broken at), nx from the line's
 * start; in: it lies inside a word (render_wrap_split). */
struct render_wrap_brk {
	size_t pos, nxt;
	int x, nx, in;
};

/* The paragraph's last line is the one character at [start, end), cx
 * wide, and the line before it (line k) ended at its break b, with the
 * earlier place pb to break: end line k at pb instead when the last line
 * then fits, so that one character is not left alone (…Helloで|す becomes
 * …Hello|です).  Arithmetic on the widths already measured, no measuring;
 * the widest line is found again among the paragraph's lines (from first
 * on; those before are w0 wide at most). */
static void render_wrap_orphan(struct render_wrap *w, size_t first, int w0, size_t k,
                               const struct render_wrap_brk *b, const struct render_wrap_brk *pb, size_t end,
                               int cx, int maxw)
{
	if (b->nx == INT_MAX || cx > maxw || b->nx - pb->nx > maxw - cx)
		return;
	struct render_wrap_line *prev = &w->line[k], *last = &w->line[k + 1];
	prev->len = pb->pos - prev->off;
	prev->w = pb->x;
	last->off = pb->nxt;
	last->len = end - pb->nxt;
	last->w = b->nx - pb->nx + cx;
	w->w = w0;
	for (size_t i = first; i < w->n; i++)
		if (w->line[i].w > w->w)
			w->w = w->line[i].w;
}

/* One paragraph, the bytes [ps, pe) of s (no line feed inside). */
static void render_wrap_para(struct render_wrap *w, const char *s, size_t ps, size_t pe, int maxw,
                             render_wrap_measure_fn measure, void *ctx)
{
	size_t start = ps;          /* the line being filled starts here */
	int x = 0;                  /* and is this wide so far */
	size_t cend = ps;           /* the end of its last character that is not a space */
	int cx = 0;                 /* and the width up to there */
	struct render_wrap_brk brk = { ps, ps, 0, 0, 0 };   /* the last place it may end (pos > start when set) */
	struct render_wrap_brk pbrk = brk;                  /* the one before that */
	struct render_wrap_brk lb = brk, lpb = brk;         /* the last line's break and the one before it */
	size_t lk = SIZE_MAX;       /* that line, when it ended at lb and nothing was cut since */
	size_t first = w->n;        /* the paragraph's first line */
	int w0 = w->w;              /* the widest line before it */
	uint32_t prev = 0;          /* the character before i, when i > start */
	size_t plen = 0;            /* its length in bytes */
	int pa = 0;                 /* and its advance */
	int run = 0;                /* characters of prev's script ending at prev (up to 3) */
	size_t pun = ps;            /* just after the last mark a word too long for
	                             * a line may break at (render_wrap_mark) */
	struct render_wrap_brk gbrk = brk;                  /* the last place between phrases (render_wrap_good) */
	int phrase = 1;             /* a short paragraph: a name or a title */
	for (size_t i = ps, k = 0; i < pe && phrase; k++) {
		uint32_t c;
		i += (size_t)render_wrap_next(s + i, pe - i, &c);
		phrase = k < RENDER_WRAP_PHRASE;
	}
	for (size_t i = ps; i < pe;) {
		uint32_t cp;
		size_t len = (size_t)render_wrap_next(s + i, pe - i, &cp);
		int a = render_wrap_adv(measure, ctx, cp);
		if (cp == ' ') {
			/* A run of spaces is one place to break; it never breaks a
			 * line by itself, the next word does -- but not between a
			 * figure and the Japanese unit after it (「TLS の暗号文 28
			 * ／バイト」, lesson 07 at 1.298 s: JIS X 4051 keeps them
			 * together). */
			uint32_t nx = 0;
			if (i + len < pe)
				render_wrap_next(s + i + len, pe - i - len, &nx);
			int unit = prev >= '0' && prev <= '9' && render_wrap_cjk(nx);
			if (i > start && prev != ' ' && !unit) {
				if (brk.pos > start)
					pbrk = brk;
				brk = (struct render_wrap_brk){ i, i, x, x, 0 };
			}
			x = render_wrap_add(x, a);
			if (brk.pos > start && brk.nxt == i) {
				brk.nxt = i + len;
				brk.nx = x;
			}
			prev = cp;
			i += len;
			continue;
		}
		/* (nor with a straight quote right after the text it closes: an
		 * event row's subject "…お願いします" had its closing '".' alone
		 * on the next line) */
		if (i > start && prev != ' ' && (render_wrap_cjk(prev) || render_wrap_cjk(cp)) &&
		    !render_wrap_word(prev, cp) && !render_wrap_no_start(cp) && !render_wrap_no_end(prev) && cp != '"' &&
		    cp != '\'') {
			if (brk.pos > start)
				pbrk = brk;
			brk = (struct render_wrap_brk){ i, i, x, x, render_wrap_split(s, i, pe, prev, run) };
			if (render_wrap_good(prev, cp))
				gbrk = brk;
		}
		if (a > maxw - x && i > start) {
			lk = SIZE_MAX;
			/* Between phrases rather than inside one: a name or a title
			 * where that leaves its line half full or more ("ISP C 会員|
			 * （動的IP・|25番の制限なし）", not "…（動的|IP・25番の制|
			 * 限なし）"); running text, which fills its lines as
			 * Japanese is set, only rather than inside a word and where
			 * that leaves two thirds of the line. */
			if (gbrk.pos > start && gbrk.pos < brk.pos &&
			    (phrase ? brk.in || (int64_t)gbrk.x * 2 >= maxw : brk.in && (int64_t)gbrk.x * 3 >= (int64_t)maxw * 2)) {
				brk = gbrk;
				pbrk.pos = start;
			}
			if (brk.pos > start) {
				/* End at the last break; the unfinished word moves down
				 * and is measured again (no break lies inside it). */
				render_wrap_emit(w, start, brk.pos, brk.x);
				w->split |= brk.in;
				if (pbrk.pos > start && !pbrk.in) {
					lk = w->n - 1;
					lb = brk;
					lpb = pbrk;
				}
				start = brk.nxt;
				x = render_wrap_span(s, start, i, pe, measure, ctx);
				cend = i;
				cx = x;
			}
			if (a > maxw - x && i > start && pun > start && pun < i) {
				/* A word wider than the line (a URL, a filter's token):
				 * after its last mark on the line, not inside a run of
				 * letters ("openspf.net/" | "Why?s=…"). */
				w->cut = 1;
				lk = SIZE_MAX;
				int pw = render_wrap_span(s, start, pun, pe, measure, ctx);
				render_wrap_emit(w, start, pun, pw);
				start = pun;
				x = render_wrap_span(s, start, i, pe, measure, ctx);
				cend = i;
				cx = x;
			}
			if (a > maxw - x && i > start) {
				/* A word wider than the line, with no mark to break
				 * after: cut it here, or a character earlier if what
				 * comes may not start a line (インタ|ーネット).  In a
				 * katakana word that is a split, which a name may do
				 * if nothing else fits, not a cut. */
				int back = render_wrap_no_start(cp) && i - plen > start && cend == i && pa <= cx && a <= maxw - pa;
				if (render_wrap_script(cp) == 1 && render_wrap_word(prev, cp))
					w->split = w->loan = 1;
				else {   /* right after a mark ("r=" | "<UNKNOWN>") it cuts no letters */
					w->cut = 1;
					w->letters |= (back ? i - plen : cend) != pun;
				}
				lk = SIZE_MAX;
				render_wrap_emit(w, start, back ? i - plen : cend, back ? cx - pa : cx);
				start = cend = back ? i - plen : i;
				x = cx = back ? pa : 0;
			}
			brk.pos = pbrk.pos = start;
		}
		x = render_wrap_add(x, a);
		if (render_wrap_mark(cp))
			pun = i + len;
		run = render_wrap_script(cp) && render_wrap_script(cp) == render_wrap_script(prev) ? (run < 3 ? run + 1 : 3) : 1;
		prev = cp;
		plen = len;
		pa = a;
		i += len;
		cend = i;
		cx = x;
	}
	render_wrap_emit(w, start, cend, cx);
	uint32_t c;
	if (lk != SIZE_MAX && lk + 2 == w->n && cend > start && (size_t)render_wrap_next(s + start, cend - start, &c) == cend - start &&
	    lb.nxt == start)
		render_wrap_orphan(w, first, w0, lk, &lb, &lpb, cend, cx, maxw);
}

void render_wrap_lines(struct render_wrap *w, const char *s, size_t n, int maxw,
                       render_wrap_measure_fn measure, void *ctx)
{
	w->n = 0;
	w->w = 0;
	w->cut = 0;
	w->letters = 0;
	w->split = 0;
	w->loan = 0;
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
