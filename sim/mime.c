/* mime — base64, quoted-printable and RFC 2047 encoded-words. */
#include "mime.h"

#include <string.h>

static const char mime_b64_alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* "=?UTF-8?B?" plus "?=": what every encoded word spends besides its text. */
#define MIME_WORD_OVERHEAD 12
#define MIME_WORD_MAX 75        /* RFC 2047 §2 */
/* A word that holds six bytes (two base64 quanta) can hold any one UTF-8
 * character, so no first-word budget below this is honoured. */
#define MIME_WORD_MIN 20

int mime_has_8bit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

void mime_b64_encode(struct sbuf *out, const void *p, size_t n, size_t linelen)
{
	const unsigned char *b = p;
	size_t col = 0;
	char q[4];

	linelen -= linelen % 4;
	sbuf_reserve(out, (n + 2) / 3 * 4 + (linelen ? (n / (linelen / 4 * 3) + 1) * 2 : 0));
	for (size_t i = 0; i < n; i += 3) {
		size_t left = n - i;
		unsigned v = (unsigned)b[i] << 16;
		if (left > 1)
			v |= (unsigned)b[i + 1] << 8;
		if (left > 2)
			v |= b[i + 2];
		q[0] = mime_b64_alphabet[(v >> 18) & 63];
		q[1] = mime_b64_alphabet[(v >> 12) & 63];
		q[2] = left > 1 ? mime_b64_alphabet[(v >> 6) & 63] : '=';
		q[3] = left > 2 ? mime_b64_alphabet[v & 63] : '=';
		sbuf_add(out, q, 4);
		col += 4;
		if (linelen && col >= linelen) {
			sbuf_add(out, "\r\n", 2);
			col = 0;
		}
	}
	if (linelen && col)
		sbuf_add(out, "\r\n", 2);
}

int mime_b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int mime_b64_decode(struct sbuf *out, const char *s, size_t n, int strict)
{
	unsigned acc = 0;
	int bits = 0, nchars = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '=')
			break;
		int v = mime_b64_value(c);
		if (v < 0) {
			if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || !strict)
				continue;
			return -1;
		}
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		nchars++;
		if (bits >= 8) {
			bits -= 8;
			sbuf_addc(out, (char)((acc >> bits) & 0xff));
		}
	}
	/* One character left over carries only six bits: not even one byte. */
	if (strict && nchars % 4 == 1)
		return -1;
	if (!out->s)
		sbuf_add(out, "", 0);
	return 0;
}

static int mime_hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')   /* not canonical, but seen in the wild */
		return c - 'a' + 10;
	return -1;
}

/* Length of the line end at s[i], 0 if there is none. */
static size_t mime_eol_len(const char *s, size_t i, size_t n)
{
	if (i < n && s[i] == '\n')
		return 1;
	if (i + 1 < n && s[i] == '\r' && s[i + 1] == '\n')
		return 2;
	return 0;
}

void mime_qp_decode(struct sbuf *out, const char *s, size_t n)
{
	size_t i = 0;

	sbuf_add(out, "", 0);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c == '=') {
			int hi = i + 1 < n ? mime_hex_value((unsigned char)s[i + 1]) : -1;
			int lo = i + 2 < n ? mime_hex_value((unsigned char)s[i + 2]) : -1;
			if (hi >= 0 && lo >= 0) {
				sbuf_addc(out, (char)(hi << 4 | lo));
				i += 3;
				continue;
			}
			/* Soft line break, possibly with transport padding after '='. */
			size_t j = i + 1;
			while (j < n && (s[j] == ' ' || s[j] == '\t'))
				j++;
			size_t eol = mime_eol_len(s, j, n);
			if (eol || j == n) {
				i = j + eol;
				continue;
			}
			sbuf_addc(out, '=');
			i++;
		} else if (c == ' ' || c == '\t') {
			/* Blanks at a line end were added in transport (RFC 2045 rule 3). */
			size_t j = i;
			while (j < n && (s[j] == ' ' || s[j] == '\t'))
				j++;
			if (j < n && !mime_eol_len(s, j, n))
				sbuf_add(out, s + i, j - i);
			i = j;
		} else {
			sbuf_addc(out, (char)c);
			i++;
		}
	}
}

/* Bytes in the UTF-8 character at s (avail bytes available); a malformed
 * or truncated sequence counts as one byte so that encoding always moves on. */
static size_t mime_utf8_len(const unsigned char *s, size_t avail)
{
	size_t len = util_utf8_len(s, avail);
	return len ? len : 1;
}

void mime_encode_words(struct sbuf *out, const char *s, size_t n, size_t first_max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t maxw = first_max;
	size_t i = 0;

	while (i < n) {
		if (maxw > MIME_WORD_MAX)
			maxw = MIME_WORD_MAX;
		if (maxw < MIME_WORD_MIN)
			maxw = MIME_WORD_MIN;
		size_t budget = (maxw - MIME_WORD_OVERHEAD) / 4 * 3;
		size_t j = i;
		while (j < n) {
			size_t clen = mime_utf8_len(u + j, n - j);
			if (j - i + clen > budget)
				break;
			j += clen;
		}
		if (i)
			sbuf_addc(out, ' ');
		sbuf_adds(out, "=?UTF-8?B?");
		mime_b64_encode(out, s + i, j - i, 0);
		sbuf_adds(out, "?=");
		i = j;
		maxw = MIME_WORD_MAX;
	}
}

enum mime_charset {
	MIME_CHARSET_ASIS,          /* UTF-8, US-ASCII: bytes are already UTF-8 */
	MIME_CHARSET_LATIN1,
	MIME_CHARSET_OTHER,
};

static enum mime_charset mime_charset_kind(const char *cs, size_t n)
{
	/* RFC 2231 §5 lets a language follow: "UTF-8*ja". */
	const char *star = memchr(cs, '*', n);
	if (star)
		n = (size_t)(star - cs);
	static const struct {
		const char *name;
		enum mime_charset kind;
	} known[] = {
		{ "UTF-8", MIME_CHARSET_ASIS },
		{ "UTF8", MIME_CHARSET_ASIS },
		{ "US-ASCII", MIME_CHARSET_ASIS },
		{ "ISO-8859-1", MIME_CHARSET_LATIN1 },
		{ "LATIN1", MIME_CHARSET_LATIN1 },
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strlen(known[i].name) == n && !util_strncasecmp(cs, known[i].name, n))
			return known[i].kind;
	return MIME_CHARSET_OTHER;
}

/* Decode the encoded-word starting at p ("=?") and append its UTF-8 text
 * to out.  Returns a pointer just past the word, or NULL (out unchanged)
 * when p does not start a word this module can decode. */
static const char *mime_word_decode(struct sbuf *out, struct sbuf *tmp, const char *p)
{
	const char *cs = p + 2, *q = cs;

	while (*q && *q != '?' && (unsigned char)*q > ' ' && *q != 0x7f)
		q++;
	if (*q != '?' || q == cs || q[1] == '\0' || q[2] != '?')
		return NULL;
	enum mime_charset kind = mime_charset_kind(cs, (size_t)(q - cs));
	char enc = q[1];
	const char *text = q + 3, *end = text;
	while (*end && *end != '?' && (unsigned char)*end > ' ' && *end != 0x7f)
		end++;
	if (end[0] != '?' || end[1] != '=' || kind == MIME_CHARSET_OTHER)
		return NULL;

	sbuf_reset(tmp);
	if (enc == 'B' || enc == 'b') {
		if (mime_b64_decode(tmp, text, (size_t)(end - text), 1) < 0)
			return NULL;
	} else if (enc == 'Q' || enc == 'q') {
		for (const char *t = text; t < end; t++) {
			if (*t == '_') {
				sbuf_addc(tmp, ' ');
			} else if (*t == '=') {
				int hi = t + 1 < end ? mime_hex_value((unsigned char)t[1]) : -1;
				int lo = t + 2 < end ? mime_hex_value((unsigned char)t[2]) : -1;
				if (hi < 0 || lo < 0)
					return NULL;
				sbuf_addc(tmp, (char)(hi << 4 | lo));
				t += 2;
			} else {
				sbuf_addc(tmp, *t);
			}
		}
	} else {
		return NULL;
	}

	for (size_t i = 0; i < tmp->len; i++) {
		unsigned char c = (unsigned char)tmp->s[i];
		if (c == 0)
			continue;
		if (kind == MIME_CHARSET_LATIN1 && c >= 0x80) {
			sbuf_addc(out, (char)(0xc0 | c >> 6));
			sbuf_addc(out, (char)(0x80 | (c & 0x3f)));
		} else {
			sbuf_addc(out, (char)c);
		}
	}
	return end + 2;
}

void mime_decode_words(struct sbuf *out, const char *s)
{
	struct sbuf tmp;
	int after_word = 0;
	const char *p = s ? s : "";

	sbuf_init(&tmp);
	sbuf_add(out, "", 0);
	while (*p) {
		const char *next;
		if (p[0] == '=' && p[1] == '?' && (next = mime_word_decode(out, &tmp, p))) {
			p = next;
			after_word = 1;
			continue;
		}
		if (after_word && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
			/* RFC 2047 §6.2: white space between adjacent encoded-words
			 * is not displayed. */
			const char *q = p;
			while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
				q++;
			if (q[0] == '=' && q[1] == '?' && (next = mime_word_decode(out, &tmp, q))) {
				p = next;
				continue;
			}
			sbuf_add(out, p, (size_t)(q - p));
			p = q;
			after_word = 0;
			continue;
		}
		sbuf_addc(out, *p++);
		after_word = 0;
	}
	sbuf_free(&tmp);
}
