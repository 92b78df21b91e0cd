/* util — allocation, panic and string buffers shared by every module. */
#include "util.h"

#include <cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Noreturn void util_oom(size_t n)
{
	fprintf(stderr, "mailsim: out of memory (%zu bytes)\n", n);
	exit(3);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		util_oom(n);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	count = count ? count : 1;
	size = size ? size : 1;
	/* glibc's calloc skips the per-thread cache that malloc and free use,
	 * so a small record made and freed at every message went through the
	 * arena's bins each time; a large one keeps calloc's zeroed pages. */
	if (size <= 4096 / count) {
		void *p = xmalloc(count * size);
		return memset(p, 0, count * size);
	}
	void *p = calloc(count, size);
	if (!p)
		util_oom(count * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		util_oom(n);
	return q;
}

static void *util_cjson_malloc(size_t n)
{
	return xmalloc(n);
}

void util_cjson_init(void)
{
	/* cJSON's own allocations would otherwise fail quietly and a lesson
	 * too big for memory would read as a syntax error. */
	cJSON_Hooks hooks = { util_cjson_malloc, free };
	cJSON_InitHooks(&hooks);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void util_panic(const char *func, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "mailsim: %s: ", func);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void sbuf_init(struct sbuf *b)
{
	b->s = NULL;
	b->len = 0;
	b->cap = 0;
}

void sbuf_free(struct sbuf *b)
{
	free(b->s);
	sbuf_init(b);
}

void sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void sbuf_grow(struct sbuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void sbuf_add_int(struct sbuf *b, long long v)
{
	/* Digits from the end of tmp backwards, two at a time (an EHLO's
	 * SIZE, a queue id's counter: at every hop), then one copy. */
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
	                            "25262728293031323334353637383940414243444546474849"
	                            "50515253545556575859606162636465666768697071727374"
	                            "75767778798081828384858687888990919293949596979899";
	char tmp[24];
	char *p = tmp + sizeof tmp;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	while (u >= 100) {
		unsigned d = (unsigned)(u % 100) * 2;
		u /= 100;
		*--p = pairs[d + 1];
		*--p = pairs[d];
	}
	if (u >= 10) {
		*--p = pairs[u * 2 + 1];
		*--p = pairs[u * 2];
	} else {
		*--p = (char)('0' + u);
	}
	if (v < 0)
		*--p = '-';
	sbuf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

void sbuf_add_fmt_s(struct sbuf *b, const char *fmt, va_list ap)
{
	for (const char *p = fmt;;) {
		const char *pc = strchr(p, '%');
		if (!pc) {
			sbuf_adds(b, p);
			return;
		}
		sbuf_add(b, p, (size_t)(pc - p));
		if (pc[1] == 's') {
			const char *a = va_arg(ap, const char *);
			sbuf_adds(b, a ? a : "(null)");
		} else if (pc[1] == '%') {
			sbuf_addc(b, '%');
		} else {
			PANIC("conversion other than %%s in \"%s\"", fmt);
		}
		p = pc + 2;
	}
}

void sbuf_vaddf(struct sbuf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	/* UBSan's nonnull check makes gcc see a path with fmt == NULL and
	 * warn under -Wformat-truncation; rule that path out. */
	if (!fmt)
		PANIC("null format");
	/* Straight into the room there is; formatted a second time only when
	 * it did not fit (most lines fit a reused buffer). */
	size_t room = b->cap - b->len;
	va_copy(ap2, ap);
	int n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? room : 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		PANIC("bad format %s", fmt);
	if (!b->s || (size_t)n >= room) {
		sbuf_reserve(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

char *util_vformat(const char *fmt, va_list ap)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_vaddf(&b, fmt, ap);
	return sbuf_take(&b);
}

void sbuf_addf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sbuf_vaddf(b, fmt, ap);
	va_end(ap);
}

size_t util_utf8_len(const unsigned char *p, size_t n)
{
	if (n == 0)
		return 0;
	unsigned c = p[0];
	size_t len;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	uint32_t cp = c & (0x7Fu >> len);
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3Fu);
	}
	/* No overlong forms, no surrogates, nothing past U+10FFFF. */
	if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return len;
}

void sbuf_add_json_member(struct sbuf *b, const char *key, const char *v)
{
	if (!v)
		return;
	sbuf_addf(b, ",\"%s\":", key);
	sbuf_add_json_str(b, v);
}

void sbuf_add_json_str(struct sbuf *b, const char *s)
{
	sbuf_addc(b, '"');
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p);
	for (; *p; p++, left--) {
		if (*p >= 0x80) {
			/* JSON is UTF-8: a byte that starts no valid character
			 * (Latin-1 in a header, a cut sequence) becomes U+FFFD. */
			size_t n = util_utf8_len(p, left);
			if (n == 0) {
				sbuf_adds(b, "\ufffd");
				continue;
			}
			sbuf_add(b, (const char *)p, n);
			p += n - 1;
			left -= n - 1;
			continue;
		}
		switch (*p) {
		case '"': sbuf_add(b, "\\\"", 2); break;
		case '\\': sbuf_add(b, "\\\\", 2); break;
		case '\n': sbuf_add(b, "\\n", 2); break;
		case '\r': sbuf_add(b, "\\r", 2); break;
		case '\t': sbuf_add(b, "\\t", 2); break;
		default:
			if (*p < 0x20)
				sbuf_addf(b, "\\u%04x", *p);
			else
				sbuf_addc(b, (char)*p);
		}
	}
	sbuf_addc(b, '"');
}

char *sbuf_take(struct sbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	sbuf_init(b);
	return s;
}

static int util_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

char *util_copy(char *out, size_t outsz, const char *s)
{
	size_t n = strlen(s);
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/* Equal bytes first: most compares here are of names spelled alike (a
 * recipient, a zone, a user looked up by the address it was stored
 * under), and libc's strcmp settles those a word at a time. */
int util_strcasecmp(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return 0;
	return util_strncasecmp(a, b, SIZE_MAX);
}

int util_strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
		if (x == y) {
			if (!x)
				return 0;
			continue;
		}
		int d = util_lower(x) - util_lower(y);
		if (d)
			return d;
	}
	return 0;
}

int util_fail(char *err, size_t errsz, const char *fmt, ...)
{
	if (err && errsz) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errsz, fmt, ap);
		va_end(ap);
	}
	return -1;
}

uint64_t util_fnv1a(uint64_t h, const void *data, size_t n)
{
	const unsigned char *b = data;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ull;
	return h;
}
