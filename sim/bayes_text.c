/* bayes_text — words, CJK bigrams, HTML and links for the spam filter. */
#include "bayes_text.h"

#include <string.h>

enum bayes_text_class {
	BAYES_TEXT_CLASS_SPACE,     /* ends a word */
	BAYES_TEXT_CLASS_WORD,      /* letters, digits and ASCII punctuation */
	BAYES_TEXT_CLASS_CJK,       /* written without spaces: bigrams */
	BAYES_TEXT_CLASS_COUNT
};

/* Longest word kept in the scratch buffer; longer words only need their
 * first character and their length. */
#define BAYES_TEXT_WORD_BUF 64

void bayes_text_prefix(struct bayes_emit *e, const char *p, size_t n)
{
	if (n > BAYES_TEXT_PREFIX_MAX)
		n = BAYES_TEXT_PREFIX_MAX;
	memcpy(e->prefix, p, n);
	e->plen = n;
}

int bayes_text_starts(const char *s, size_t n, const char *w)
{
	size_t i = 0;
	for (; w[i]; i++) {
		if (i >= n)
			return 0;
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		if (c != (unsigned char)w[i])
			return 0;
	}
	return 1;
}

void bayes_text_emit(struct bayes_emit *e, const char *tag, size_t tlen, const char *s,
                     size_t n)
{
	if (!tag) {
		tag = e->prefix;
		tlen = e->plen;
	}
	if (tlen > BAYES_TOK_MAX)
		tlen = BAYES_TOK_MAX;
	if (tlen + n > BAYES_TOK_MAX) {
		n = tlen < BAYES_TOK_MAX ? BAYES_TOK_MAX - tlen : 0;
		/* Never cut a UTF-8 character in two. */
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(e->buf, tag, tlen);
	memcpy(e->buf + tlen, s, n);
	e->fn(e->ud, e->buf, tlen + n);
}

/* The code point at s (avail > 0 bytes) and its length; an invalid or
 * truncated sequence is U+FFFD of length 1. */
static unsigned bayes_text_decode(const unsigned char *s, size_t avail, size_t *len)
{
	unsigned c = s[0];
	if (c < 0x80) {
		*len = 1;
		return c;
	}
	size_t l;
	unsigned cp;
	if (c >= 0xc2 && c < 0xe0) {
		l = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c < 0xf0) {
		l = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c < 0xf5) {
		l = 4;
		cp = c & 0x07;
	} else {
		*len = 1;
		return 0xfffd;
	}
	if (l > avail) {
		*len = 1;
		return 0xfffd;
	}
	for (size_t i = 1; i < l; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*len = 1;
			return 0xfffd;
		}
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((l == 3 && cp < 0x800) || (l == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff)) {
		*len = 1;
		return 0xfffd;
	}
	*len = l;
	return cp;
}

static size_t bayes_text_encode(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* ASCII: 1 for a character that can be part of a word, 0 for one that
 * ends it (blanks, controls, brackets, quotes and list punctuation; the
 * joiners [-_.'$%!@&+/] and the rest may hold a word together). */
static const unsigned char bayes_text_ascii_word[128] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
};

static enum bayes_text_class bayes_text_classify(unsigned cp)
{
	if (cp < 0x80)
		return bayes_text_ascii_word[cp] ? BAYES_TEXT_CLASS_WORD : BAYES_TEXT_CLASS_SPACE;
	if (cp < 0xa0 || cp == 0xa0 || cp == 0xab || cp == 0xbb || cp == 0xad ||
	    cp == 0xb7 || cp == 0xfffd)
		return BAYES_TEXT_CLASS_SPACE;
	if (cp < 0x1100)
		return BAYES_TEXT_CLASS_WORD;
	if (cp <= 0x11ff || (cp >= 0x3005 && cp <= 0x3007) || (cp >= 0x3041 && cp <= 0x30ff &&
	                                                         cp != 0x30fb) ||
	    (cp >= 0x31f0 && cp <= 0x31ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af) ||
	    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff66 && cp <= 0xff9f) ||
	    (cp >= 0x20000 && cp <= 0x2ffff))
		return BAYES_TEXT_CLASS_CJK;
	if ((cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x3000 && cp <= 0x303f) || cp == 0x30fb ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff61 && cp <= 0xff65) ||
	    (cp >= 0x2190 && cp <= 0x2bff) || cp == 0xfeff)
		return BAYES_TEXT_CLASS_SPACE;
	return BAYES_TEXT_CLASS_WORD;
}

/* Folding: full-width ASCII (Ａ, ！) to ASCII, then capitals to lower case
 * (ASCII and Latin-1 letters), as SpamBayes does.  bogofilter keeps case,
 * and so did this filter at first; but a newsletter written in capitals
 * (a weather warning) then carries dozens of words seen mostly in spam
 * (WILL, PEOPLE, HAS), and one word in three spellings splits its
 * evidence.  On the training half of the SpamAssassin corpus, folding
 * case took the ten-worst-ham figure (README, "How the filter was tuned")
 * from 8.4 % to 6.6 % and the cost of the cheapest cut from 106 to 90. */
static unsigned bayes_text_fold(unsigned cp)
{
	if (cp >= 0xff01 && cp <= 0xff5e)
		cp -= 0xff01 - 0x21;
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xc0 && cp <= 0xde && cp != 0xd7))
		cp += 0x20;
	return cp;
}

/* A word being collected: its first bytes, its length in bytes and in
 * characters. */
struct bayes_text_word {
	char b[BAYES_TEXT_WORD_BUF];
	size_t len, nbytes, nchars;
};

static void bayes_text_word_add(struct bayes_text_word *w, unsigned cp)
{
	char tmp[4];
	size_t l = bayes_text_encode(cp, tmp);
	if (w->len + l <= BAYES_TEXT_WORD_BUF) {
		memcpy(w->b + w->len, tmp, l);
		w->len += l;
	}
	w->nbytes += l;
	w->nchars++;
}

static int bayes_text_trim_char(char c)
{
	return c == '.' || c == '\'' || c == '-' || c == '_' || c == '/' || c == '&' || c == '+' ||
	       c == '@';
}

static void bayes_text_flush_word(struct bayes_emit *e, struct bayes_text_word *w)
{
	if (!w->nchars)
		return;
	char *s = w->b;
	size_t n = w->len, nchars = w->nchars;
	int whole = w->len == w->nbytes;
	w->len = w->nbytes = w->nchars = 0;
	/* Trailing and leading joiners belong to the sentence, not the word
	 * ("end." "'quoted'"); only ASCII bytes are trimmed, so a character
	 * is never cut. */
	while (whole && n && bayes_text_trim_char(s[n - 1])) {
		n--;
		nchars--;
	}
	while (n && bayes_text_trim_char(s[0])) {
		s++;
		n--;
		nchars--;
	}
	if (nchars < 3)
		return;
	const char *at = memchr(s, '@', n);
	if (whole && at && at > s && at + 1 < s + n) {
		/* An address: the whole of it, and its domain on its own. */
		if (n <= BAYES_TOK_MAX - e->plen)
			bayes_text_emit(e, NULL, 0, s, n);
		char tag[BAYES_TEXT_PREFIX_MAX + 1];
		memcpy(tag, e->prefix, e->plen);
		tag[e->plen] = '@';
		bayes_text_emit(e, tag, e->plen + 1, at + 1, (size_t)(s + n - at - 1));
		return;
	}
	if (whole && nchars <= e->word_max) {
		bayes_text_emit(e, NULL, 0, s, n);
		return;
	}
	/* Long runs (base64 left undecoded, hashes, glued words) are many
	 * and each rare: their shape is what they have in common. */
	char skip[16];
	size_t first = 1;
	while (first < n && ((unsigned char)s[first] & 0xc0) == 0x80)
		first++;
	memcpy(skip, "skip:", 5);
	memcpy(skip + 5, s, first);
	size_t k = 5 + first;
	size_t tens = (nchars / 10) * 10;
	skip[k++] = ' ';
	if (tens >= 100) {
		tens = 100;   /* anything past a hundred characters is alike */
		skip[k++] = '1';
		skip[k++] = '0';
		skip[k++] = '0';
	} else {
		skip[k++] = (char)('0' + tens / 10);
		skip[k++] = '0';
	}
	bayes_text_emit(e, NULL, 0, skip, k);
}

/* CJK bigrams: prev holds the previous character of the run (plen bytes),
 * run how many characters the run has so far. */
struct bayes_text_cjk {
	char prev[4];
	size_t plen;
	size_t run;
};

static void bayes_text_cjk_add(struct bayes_emit *e, struct bayes_text_cjk *c,
                               const char *ch, size_t l)
{
	if (c->run) {
		char pair[8];
		memcpy(pair, c->prev, c->plen);
		memcpy(pair + c->plen, ch, l);
		bayes_text_emit(e, NULL, 0, pair, c->plen + l);
	}
	memcpy(c->prev, ch, l);
	c->plen = l;
	c->run++;
}

static void bayes_text_cjk_end(struct bayes_emit *e, struct bayes_text_cjk *c)
{
	if (c->run == 1)
		bayes_text_emit(e, NULL, 0, c->prev, c->plen);
	c->run = 0;
}

/* Is the word starting at s a link written out in the text? */
static int bayes_text_is_url(const char *s, size_t n)
{
	return bayes_text_starts(s, n, "http://") || bayes_text_starts(s, n, "https://") ||
	       bayes_text_starts(s, n, "ftp://") || bayes_text_starts(s, n, "www.");
}

void bayes_text_words(struct bayes_emit *e, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	struct bayes_text_word w = { .len = 0 };
	struct bayes_text_cjk cjk = { .run = 0 };
	size_t i = 0;

	while (i < n) {
		unsigned char c0 = u[i];
		/* The common case first: a plain ASCII word. */
		if (c0 < 0x80) {
			if (!bayes_text_ascii_word[c0]) {
				bayes_text_flush_word(e, &w);
				bayes_text_cjk_end(e, &cjk);
				i++;
				continue;
			}
			if (!w.nchars && (c0 == 'h' || c0 == 'H' || c0 == 'w' || c0 == 'W' ||
			                  c0 == 'f' || c0 == 'F') &&
			    bayes_text_is_url(s + i, n - i)) {
				bayes_text_cjk_end(e, &cjk);
				i += bayes_text_url(e, s + i, n - i);
				continue;
			}
			bayes_text_cjk_end(e, &cjk);
			if (c0 >= 'A' && c0 <= 'Z')
				c0 += 'a' - 'A';
			if (w.len < BAYES_TEXT_WORD_BUF)
				w.b[w.len++] = (char)c0;
			w.nbytes++;
			w.nchars++;
			i++;
			continue;
		}
		size_t l;
		unsigned cp = bayes_text_decode(u + i, n - i, &l);
		unsigned f = bayes_text_fold(cp);
		switch (bayes_text_classify(f)) {
		case BAYES_TEXT_CLASS_SPACE:
			bayes_text_flush_word(e, &w);
			bayes_text_cjk_end(e, &cjk);
			break;
		case BAYES_TEXT_CLASS_CJK:
			bayes_text_flush_word(e, &w);
			bayes_text_cjk_add(e, &cjk, s + i, l);
			break;
		case BAYES_TEXT_CLASS_WORD:
			bayes_text_cjk_end(e, &cjk);
			bayes_text_word_add(&w, f);
			break;
		case BAYES_TEXT_CLASS_COUNT:
		default:
			PANIC("class of U+%04X", cp);
		}
		i += l;
	}
	bayes_text_flush_word(e, &w);
	bayes_text_cjk_end(e, &cjk);
}

/* ---- links ---------------------------------------------------------------- */

static int bayes_text_host_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c >= 0x80;
}

static int bayes_text_url_end(unsigned char c)
{
	return c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == 0x7f;
}

int bayes_text_host(struct bayes_emit *e, const char *tag, size_t tlen, const char *h,
                    size_t n)
{
	while (n && h[n - 1] == '.')
		n--;
	if (!n)
		return 0;
	char host[BAYES_TOK_MAX];
	if (n > sizeof host) {
		n = sizeof host;
		while (n && ((unsigned char)h[n] & 0xc0) == 0x80)
			n--;      /* never keep half a character */
		if (!n)
			return 0;
	}
	int numeric = 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)h[i];
		host[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		if (!(c == '.' || (c >= '0' && c <= '9')))
			numeric = 0;
	}
	bayes_text_emit(e, tag, tlen, host, n);
	if (numeric)
		return 1;
	size_t dots[3] = { 0, 0, 0 };
	int ndots = 0;
	for (size_t i = n; i-- > 0;)
		if (host[i] == '.') {
			dots[ndots++] = i;
			if (ndots == 3)
				break;
		}
	if (ndots < 2)
		return 0;
	size_t tld = n - dots[0] - 1, sld = dots[0] - dots[1] - 1;
	int keep3 = tld == 2 && sld <= 3;
	if (keep3 && ndots < 3)
		return 0;
	size_t from = (keep3 ? dots[2] : dots[1]) + 1;
	bayes_text_emit(e, tag, tlen, host + from, n - from);
	return 0;
}

/* A link's host: "url:HOST", "url:DOMAIN", and "url:ip" for an address. */
static void bayes_text_host_tokens(struct bayes_emit *e, const char *h, size_t n)
{
	if (bayes_text_host(e, "url:", 4, h, n))
		bayes_text_emit(e, "url:", 4, "ip", 2);
}

size_t bayes_text_url(struct bayes_emit *e, const char *s, size_t n)
{
	size_t end = 0;
	while (end < n && !bayes_text_url_end((unsigned char)s[end]))
		end++;
	if (!end)
		return n ? 1 : 0;
	size_t i = 0;
	if (bayes_text_starts(s, end, "mailto:")) {
		const char *at = memchr(s, '@', end);
		if (at) {
			size_t h = (size_t)(at - s) + 1, k = h;
			while (k < end && bayes_text_host_char((unsigned char)s[k]))
				k++;
			bayes_text_host_tokens(e, s + h, k - h);
		}
		bayes_text_emit(e, "url:", 4, "mailto", 6);
		return end;
	}
	if (bayes_text_starts(s, end, "https://")) {
		bayes_text_emit(e, "proto:", 6, "https", 5);
		i = 8;
	} else if (bayes_text_starts(s, end, "http://")) {
		i = 7;
	} else if (bayes_text_starts(s, end, "ftp://")) {
		bayes_text_emit(e, "proto:", 6, "ftp", 3);
		i = 6;
	}
	/* The authority ends at the path; a user name before '@' is a
	 * disguise ("http://bank.example@evil.example/"), the host follows. */
	size_t a = i, b = i;
	while (b < end && s[b] != '/' && s[b] != '?' && s[b] != '#' && s[b] != '\\')
		b++;
	for (size_t k = a; k < b; k++)
		if (s[k] == '@')
			a = k + 1;
	size_t h = a;
	while (h < b && bayes_text_host_char((unsigned char)s[h]))
		h++;
	if (h > a) {
		bayes_text_host_tokens(e, s + a, h - a);
		if (a > i)
			bayes_text_emit(e, "url:", 4, "userinfo", 8);
	}
	/* The path's pieces ("remove", "optout", "cgi-bin") say something
	 * too; numbers and ids are mostly noise and skipped by length. */
	size_t p = b;
	while (p < end) {
		while (p < end && !((s[p] >= 'a' && s[p] <= 'z') || (s[p] >= 'A' && s[p] <= 'Z')))
			p++;
		size_t q = p;
		while (q < end && ((s[q] >= 'a' && s[q] <= 'z') || (s[q] >= 'A' && s[q] <= 'Z') ||
		                   (s[q] >= '0' && s[q] <= '9')))
			q++;
		if (q - p >= 3 && q - p <= e->word_max) {
			char piece[BAYES_TOK_MAX];
			for (size_t k = p; k < q; k++) {
				unsigned char c = (unsigned char)s[k];
				piece[k - p] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			}
			bayes_text_emit(e, "url:", 4, piece, q - p);
		}
		p = q;
	}
	return end;
}

/* ---- HTML ----------------------------------------------------------------- */

/* Tags that sit inside a word without breaking it ("V<b></b>iagra"). */
static int bayes_text_inline_tag(const char *name, size_t n)
{
	static const char *const inl[] = { "a", "b", "i", "u", "s", "em", "strong", "font",
	                                   "span", "small", "big", "sup", "sub", "strike",
	                                   "tt", "abbr", "wbr", "o:p" };
	for (size_t i = 0; i < sizeof inl / sizeof inl[0]; i++)
		if (strlen(inl[i]) == n && memcmp(inl[i], name, n) == 0)
			return 1;
	return 0;
}

/* Find the lower-case needle in s[from..n) ignoring ASCII case; n if absent. */
static size_t bayes_text_find_ci(const char *s, size_t n, size_t from, const char *needle)
{
	size_t m = strlen(needle);
	for (size_t i = from; i + m <= n; i++) {
		const char *p = memchr(s + i, '<', n - i);
		if (!p)
			return n;
		i = (size_t)(p - s);
		if (bayes_text_starts(s + i, n - i, needle))
			return i;
	}
	return n;
}

/* Links in the attributes between a and b (inside one tag). */
static void bayes_text_attr_links(struct bayes_emit *e, const char *s, size_t a, size_t b)
{
	static const char *const names[] = { "href", "src", "action", "background" };
	size_t i = a;
	while (i < b) {
		while (i < b && !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
			i++;
		size_t na = i;
		while (i < b && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
			i++;
		size_t nlen = i - na;
		while (i < b && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
			i++;
		if (i >= b || s[i] != '=')
			continue;
		i++;
		while (i < b && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
			i++;
		char q = i < b && (s[i] == '"' || s[i] == '\'') ? s[i] : 0;
		if (q)
			i++;
		size_t va = i;
		while (i < b && (q ? s[i] != q : !(s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
		                                   s[i] == '\n')))
			i++;
		size_t vb = i;
		if (q && i < b)
			i++;
		while (va < vb && (s[va] == ' ' || s[va] == '\t' || s[va] == '\r' || s[va] == '\n'))
			va++;
		for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
			if (strlen(names[k]) == nlen && bayes_text_starts(s + na, nlen, names[k]) &&
			    vb > va) {
				if (bayes_text_is_url(s + va, vb - va) ||
				    bayes_text_starts(s + va, vb - va, "mailto:"))
					bayes_text_url(e, s + va, vb - va);
				break;
			}
	}
}

/* Decode the entity at s[0] == '&'; append it to out and return its
 * length, or 0 when it is not one (the '&' is then text). */
static size_t bayes_text_entity(const char *s, size_t n, struct sbuf *out)
{
	static const struct {
		const char *name;
		unsigned cp;
	} named[] = {
		{ "nbsp", ' ' }, { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
		{ "apos", '\'' }, { "copy", 0xa9 }, { "reg", 0xae }, { "trade", 0x2122 },
		{ "euro", 0x20ac }, { "pound", 0xa3 }, { "yen", 0xa5 }, { "middot", 0xb7 },
	};
	size_t i = 1;
	unsigned cp = 0;
	if (i < n && s[i] == '#') {
		i++;
		int hex = i < n && (s[i] == 'x' || s[i] == 'X');
		if (hex)
			i++;
		size_t d = i;
		while (i < n && i - d < 8) {
			char c = s[i];
			unsigned v;
			if (c >= '0' && c <= '9')
				v = (unsigned)(c - '0');
			else if (hex && c >= 'a' && c <= 'f')
				v = (unsigned)(c - 'a' + 10);
			else if (hex && c >= 'A' && c <= 'F')
				v = (unsigned)(c - 'A' + 10);
			else
				break;
			cp = cp * (hex ? 16 : 10) + v;
			i++;
		}
		if (i == d)
			return 0;
		if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			cp = ' ';
	} else {
		size_t a = i;
		while (i < n && i - a < 8 && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
			i++;
		size_t k = 0, count = sizeof named / sizeof named[0];
		for (; k < count; k++)
			if (strlen(named[k].name) == i - a && bayes_text_starts(s + a, i - a, named[k].name))
				break;
		if (k == count)
			return 0;
		cp = named[k].cp;
	}
	if (i < n && s[i] == ';')
		i++;
	char tmp[4];
	sbuf_add(out, tmp, bayes_text_encode(cp, tmp));
	return i;
}

void bayes_text_html(struct bayes_emit *e, const char *s, size_t n, struct sbuf *out)
{
	size_t i = 0;
	sbuf_reserve(out, n);
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != '<' && s[j] != '&')
			j++;
		if (j > i)
			sbuf_add(out, s + i, j - i);
		i = j;
		if (i >= n)
			break;
		if (s[i] == '&') {
			size_t used = bayes_text_entity(s + i, n - i, out);
			if (!used) {
				sbuf_addc(out, '&');
				used = 1;
			}
			i += used;
			continue;
		}
		/* s[i] == '<' */
		if (bayes_text_starts(s + i, n - i, "<!--")) {
			size_t k = i + 4;
			while (k + 3 <= n && !(s[k] == '-' && s[k + 1] == '-' && s[k + 2] == '>'))
				k++;
			i = k + 3 <= n ? k + 3 : n;
			continue;
		}
		size_t k = i + 1;
		int closing = k < n && s[k] == '/';
		if (closing)
			k++;
		size_t na = k;
		while (k < n && k - na < 16 && ((s[k] >= 'a' && s[k] <= 'z') ||
		                                 (s[k] >= 'A' && s[k] <= 'Z') ||
		                                 (s[k] >= '0' && s[k] <= '9') || s[k] == ':'))
			k++;
		int is_tag = k > na || (k < n && s[k] == '!');
		if (!is_tag) {
			sbuf_addc(out, '<');
			i++;
			continue;
		}
		char name[16];
		size_t nlen = k - na;
		if (nlen > sizeof name)
			nlen = sizeof name;
		for (size_t m = 0; m < nlen; m++) {
			char c = s[na + m];
			name[m] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		/* The tag ends at the first '>' outside quotes. */
		char q = 0;
		size_t t = k;
		for (; t < n; t++) {
			if (q) {
				if (s[t] == q)
					q = 0;
			} else if (s[t] == '"' || s[t] == '\'') {
				q = s[t];
			} else if (s[t] == '>') {
				break;
			}
		}
		if (t >= n && q) {
			/* An unclosed quote: take the first '>' after all. */
			const char *gt = memchr(s + k, '>', n - k);
			t = gt ? (size_t)(gt - s) : n;
		}
		if (!closing)
			bayes_text_attr_links(e, s, k, t);
		i = t < n ? t + 1 : n;
		if (!closing && ((nlen == 5 && memcmp(name, "style", 5) == 0) ||
		                 (nlen == 6 && memcmp(name, "script", 6) == 0))) {
			i = bayes_text_find_ci(s, n, i, nlen == 5 ? "</style" : "</script");
			continue;
		}
		if (!bayes_text_inline_tag(name, nlen))
			sbuf_addc(out, ' ');
	}
	if (!out->s)
		sbuf_add(out, "", 0);
}
