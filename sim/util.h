/* util — allocation that never returns NULL, a panic for broken invariants,
 * and a growable string buffer.  Generic: knows nothing about mail. */
#ifndef MAILSIM_UTIL_H
#define MAILSIM_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Allocate or exit(3) with a message on stderr.  Never return NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Make cJSON allocate through xmalloc, so that running out of memory while
 * reading or writing JSON exits 3 like everywhere else.  Call before any
 * cJSON use (every module that parses JSON does). */
void util_cjson_init(void);

/* Report a broken invariant as "mailsim: FUNC: message" and abort(). */
_Noreturn void util_panic(const char *func, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
#define PANIC(...) util_panic(__func__, __VA_ARGS__)

/* A growable NUL-terminated byte buffer.  Zero-initialise or sbuf_init();
 * sbuf_free() releases it.  s is always NUL-terminated once anything was
 * appended (and is NULL before). */
struct sbuf {
	char *s;
	size_t len;
	size_t cap;
};

void sbuf_init(struct sbuf *b);
void sbuf_free(struct sbuf *b);
void sbuf_reset(struct sbuf *b);           /* len = 0, keeps storage */
/* Room for extra more bytes and the NUL: the growing half, out of line. */
void sbuf_grow(struct sbuf *b, size_t extra);

/* The appends are inline: the engine makes millions of them (a reply, a
 * command, a header line a byte or a word at a time), and the room is
 * nearly always there already. */
static inline void sbuf_reserve(struct sbuf *b, size_t extra)
{
	if (b->len + extra + 1 > b->cap)
		sbuf_grow(b, extra);
}

static inline void sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	sbuf_reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static inline void sbuf_adds(struct sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}

static inline void sbuf_addc(struct sbuf *b, char c)
{
	sbuf_reserve(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}
void sbuf_addf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sbuf_vaddf(struct sbuf *b, const char *fmt, va_list ap);
/* v in decimal, as "%lld" writes it, without printf (hot paths). */
void sbuf_add_int(struct sbuf *b, long long v);
/* fmt with each "%s" replaced by the next string of ap ("(null)" for
 * NULL, as glibc's printf) and "%%" by '%': the reply tables' formats,
 * without printf's cost.  Any other conversion is a broken invariant. */
void sbuf_add_fmt_s(struct sbuf *b, const char *fmt, va_list ap);
/* The formatted text in new storage (the caller frees it). */
char *util_vformat(const char *fmt, va_list ap);
/* FNV-1a, 64 bits, over n bytes, on from h (UTIL_FNV1A_BASIS to start):
 * the cache keys of the window's layouts.  Hash values, not structs (their
 * padding is not theirs to hash). */
#define UTIL_FNV1A_BASIS 14695981039346656037ull
uint64_t util_fnv1a(uint64_t h, const void *data, size_t n);

/* The length of the valid UTF-8 character at p (at most n bytes), or 0 if
 * the bytes there start none (a stray or overlong byte, a surrogate, a
 * sequence cut short). */
size_t util_utf8_len(const unsigned char *p, size_t n);
/* Append s as a JSON string literal, quotes included.  Control characters
 * are escaped; bytes that are not valid UTF-8 become \ufffd, so the result
 * is always valid JSON. */
void sbuf_add_json_str(struct sbuf *b, const char *s);
/* ,"key":"v" (v as by sbuf_add_json_str); nothing when v is NULL. */
void sbuf_add_json_member(struct sbuf *b, const char *key, const char *v);
/* Give up ownership of the buffer's storage; the sbuf is left empty. */
char *sbuf_take(struct sbuf *b);

/* An expected failure's words into err (when err is not NULL and errsz is
 * not 0, cut to fit), for functions that return -1 with a reason.
 * Returns -1. */
int util_fail(char *err, size_t errsz, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* s copied into out (outsz > 0 bytes), cut to fit and NUL-terminated:
 * snprintf(out, outsz, "%s", s) without printf.  Returns out. */
char *util_copy(char *out, size_t outsz, const char *s);

/* ASCII case-insensitive compare (locale independent). */
int util_strcasecmp(const char *a, const char *b);
int util_strncasecmp(const char *a, const char *b, size_t n);

#endif
