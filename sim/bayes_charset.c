/* bayes_charset — declared charsets to UTF-8, through iconv where needed. */
#include "bayes_charset.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

/* Mail rarely mixes more than a handful of charsets; when the cache is
 * full the least recently opened handle makes room. */
#define BAYES_CHARSET_SLOTS 12
#define BAYES_CHARSET_NAME 48

enum bayes_charset_kind {
	BAYES_CHARSET_KIND_UTF8,        /* UTF-8 and US-ASCII: checked, copied */
	BAYES_CHARSET_KIND_LATIN1,      /* ISO-8859-1: each byte is a code point */
	BAYES_CHARSET_KIND_ICONV,       /* anything else */
	BAYES_CHARSET_KIND_COUNT
};

struct bayes_charset_slot {
	char name[BAYES_CHARSET_NAME];  /* normalized (lower case) label */
	iconv_t cd;                     /* (iconv_t)-1 when iconv cannot */
};

struct bayes_charset {
	struct bayes_charset_slot slot[BAYES_CHARSET_SLOTS];
	int nslots;
	int next;                       /* slot to reuse when full */
};

struct bayes_charset *bayes_charset_new(void)
{
	return xcalloc(1, sizeof(struct bayes_charset));
}

void bayes_charset_free(struct bayes_charset *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->nslots; i++)
		if (c->slot[i].cd != (iconv_t)-1)
			iconv_close(c->slot[i].cd);
	free(c);
}

/* Lower-case label without quotes, blanks or an RFC 2231 language
 * ("utf-8*ja"), at most BAYES_CHARSET_NAME - 1 bytes; returns its length. */
static size_t bayes_charset_normalize(const char *name, size_t n, char *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < BAYES_CHARSET_NAME - 1; i++) {
		unsigned char ch = (unsigned char)name[i];
		if (ch == '*')
			break;
		if (ch == '"' || ch == '\'' || ch <= ' ' || ch >= 0x7f)
			continue;
		out[k++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
	}
	out[k] = '\0';
	return k;
}

/* What iconv should be asked for: the Japanese labels name the vendor
 * supersets that real mail uses (NEC and IBM extensions, ① and ㈱). */
static const char *bayes_charset_iconv_name(const char *label)
{
	static const struct {
		const char *label, *iconv;
	} alias[] = {
		{ "shift_jis", "CP932" }, { "shift-jis", "CP932" }, { "sjis", "CP932" },
		{ "x-sjis", "CP932" }, { "ms_kanji", "CP932" }, { "csshiftjis", "CP932" },
		{ "windows-31j", "CP932" }, { "cp932", "CP932" },
		{ "euc-jp", "EUC-JP-MS" }, { "x-euc-jp", "EUC-JP-MS" }, { "eucjp", "EUC-JP-MS" },
		{ "iso-2022-jp", "ISO-2022-JP-3" }, { "csiso2022jp", "ISO-2022-JP-3" },
	};
	for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
		if (strcmp(label, alias[i].label) == 0)
			return alias[i].iconv;
	return label;
}

static enum bayes_charset_kind bayes_charset_kind(const char *label)
{
	static const char *const utf8[] = { "", "utf-8", "utf8", "us-ascii", "ascii",
	                                     "ansi_x3.4-1968", "unicode-1-1-utf-8" };
	static const char *const latin1[] = { "iso-8859-1", "iso8859-1", "iso_8859-1",
	                                      "latin1", "l1" };
	for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0]; i++)
		if (strcmp(label, utf8[i]) == 0)
			return BAYES_CHARSET_KIND_UTF8;
	for (size_t i = 0; i < sizeof latin1 / sizeof latin1[0]; i++)
		if (strcmp(label, latin1[i]) == 0)
			return BAYES_CHARSET_KIND_LATIN1;
	return BAYES_CHARSET_KIND_ICONV;
}

static iconv_t bayes_charset_handle(struct bayes_charset *c, const char *label)
{
	for (int i = 0; i < c->nslots; i++)
		if (strcmp(c->slot[i].name, label) == 0)
			return c->slot[i].cd;
	struct bayes_charset_slot *s;
	if (c->nslots < BAYES_CHARSET_SLOTS) {
		s = &c->slot[c->nslots++];
	} else {
		s = &c->slot[c->next];
		c->next = (c->next + 1) % BAYES_CHARSET_SLOTS;
		if (s->cd != (iconv_t)-1)
			iconv_close(s->cd);
	}
	memcpy(s->name, label, strlen(label) + 1);
	s->cd = iconv_open("UTF-8", bayes_charset_iconv_name(label));
	return s->cd;
}

static void bayes_charset_latin1_byte(struct sbuf *out, unsigned char ch)
{
	char two[2] = { (char)(0xc0 | ch >> 6), (char)(0x80 | (ch & 0x3f)) };
	sbuf_add(out, two, 2);
}


static void bayes_charset_utf8(const char *s, size_t n, struct sbuf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	sbuf_reserve(out, n);
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && u[j] < 0x80 && u[j])
			j++;
		if (j > i)
			sbuf_add(out, s + i, j - i);
		i = j;
		if (i >= n)
			break;
		if (!u[i]) {
			i++;
			continue;
		}
		size_t len = util_utf8_len(u + i, n - i);
		if (len) {
			sbuf_add(out, s + i, len);
			i += len;
		} else {
			bayes_charset_latin1_byte(out, u[i]);
			i++;
		}
	}
}

static void bayes_charset_latin1(const char *s, size_t n, struct sbuf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	sbuf_reserve(out, n * 2);
	for (size_t i = 0; i < n; i++) {
		if (u[i] >= 0x80) {
			bayes_charset_latin1_byte(out, u[i]);
		} else if (u[i]) {
			out->s[out->len++] = (char)u[i];
		}
	}
	out->s[out->len] = '\0';
}

/* iconv with every byte that does not convert skipped. */
static void bayes_charset_iconv(iconv_t cd, const char *s, size_t n, struct sbuf *out)
{
	char *in = (char *)s;   /* iconv's prototype lacks const */
	size_t inleft = n;
	size_t start = out->len;

	iconv(cd, NULL, NULL, NULL, NULL);
	sbuf_reserve(out, n * 2 + 16);
	for (;;) {
		char *o = out->s + out->len;
		size_t oleft = out->cap - out->len - 1;
		size_t r = inleft ? iconv(cd, &in, &inleft, &o, &oleft)
		                  : iconv(cd, NULL, NULL, &o, &oleft);
		out->len = (size_t)(o - out->s);
		if (r != (size_t)-1) {
			if (!inleft)
				break;
			continue;
		}
		if (errno == E2BIG) {
			sbuf_reserve(out, out->cap);
		} else if (errno == EILSEQ && inleft) {
			in++;
			inleft--;
		} else {
			break;      /* EINVAL: a sequence cut off at the end */
		}
	}
	out->s[out->len] = '\0';
	/* A NUL converted from the input would end the text early for
	 * anyone reading it as a C string. */
	if (memchr(out->s + start, '\0', out->len - start)) {
		size_t k = start;
		for (size_t i = start; i < out->len; i++)
			if (out->s[i])
				out->s[k++] = out->s[i];
		out->len = k;
		out->s[k] = '\0';
	}
}

static int bayes_charset_has_jis_escape(const char *s, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++) {
		const char *p = memchr(s + i, 0x1b, n - 2 - i);
		if (!p)
			return 0;
		i = (size_t)(p - s);
		if (p[1] == '$' && (p[2] == 'B' || p[2] == '@'))
			return 1;
	}
	return 0;
}

void bayes_charset_to_utf8(struct bayes_charset *c, const char *name, size_t cslen,
                           const char *s, size_t n, struct sbuf *out)
{
	char label[BAYES_CHARSET_NAME];
	bayes_charset_normalize(name ? name : "", name ? cslen : 0, label);
	sbuf_add(out, "", 0);
	if (!n)
		return;
	enum bayes_charset_kind kind = bayes_charset_kind(label);
	if (kind == BAYES_CHARSET_KIND_UTF8 && bayes_charset_has_jis_escape(s, n)) {
		memcpy(label, "iso-2022-jp", sizeof "iso-2022-jp");
		kind = BAYES_CHARSET_KIND_ICONV;
	}
	switch (kind) {
	case BAYES_CHARSET_KIND_UTF8:
		bayes_charset_utf8(s, n, out);
		return;
	case BAYES_CHARSET_KIND_LATIN1:
		bayes_charset_latin1(s, n, out);
		return;
	case BAYES_CHARSET_KIND_ICONV: {
		iconv_t cd = bayes_charset_handle(c, label);
		if (cd == (iconv_t)-1)
			bayes_charset_utf8(s, n, out);
		else
			bayes_charset_iconv(cd, s, n, out);
		return;
	}
	case BAYES_CHARSET_KIND_COUNT:
	default:
		PANIC("charset kind %d", (int)kind);
	}
}
