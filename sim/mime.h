/* mime — the byte-level codecs mail needs: base64 (RFC 2045 §6.8),
 * quoted-printable decoding (§6.7) and RFC 2047 encoded-words.  Knows
 * nothing about struct msg; msg.c uses it to serialize and display. */
#ifndef MAILSIM_MIME_H
#define MAILSIM_MIME_H

#include <stddef.h>

#include "util.h"

/* 1 if any of the n bytes at s is >= 0x80, else 0. */
int mime_has_8bit(const char *s, size_t n);

/* Append the base64 encoding of n bytes at p to out.  linelen 0 writes one
 * unbroken run; otherwise a CRLF follows every linelen characters and the
 * last (partial) line, so a non-empty result always ends in CRLF.  linelen
 * is rounded down to a multiple of 4. */
void mime_b64_encode(struct sbuf *out, const void *p, size_t n, size_t linelen);

/* Append the bytes that n base64 characters at s decode to.  Whitespace is
 * skipped; decoding stops at the first '='.  strict 1: any other character
 * outside the alphabet, or a dangling single character, returns -1 (out
 * may then hold a partial result).  strict 0: such characters are skipped
 * and the function always returns 0. */
int mime_b64_decode(struct sbuf *out, const char *s, size_t n, int strict);
/* The value of base64 character c (RFC 4648 alphabet), or -1. */
int mime_b64_value(unsigned char c);

/* Append the bytes that n quoted-printable characters at s decode to:
 * "=XX" becomes one byte, "=" before a line end is a soft break and
 * vanishes, trailing blanks before a line end are dropped; a malformed "="
 * is kept as it is (RFC 2045's suggested robust behaviour). */
void mime_qp_decode(struct sbuf *out, const char *s, size_t n);

/* Append n bytes of UTF-8 text at s as RFC 2047 "B" encoded-words
 * (=?UTF-8?B?...?=) separated by single spaces.  The first word is at most
 * first_max characters (clamped to 20..75 so that it can hold any one
 * character), the others at most 75; words split only between UTF-8
 * characters, so each decodes on its own.  Appends nothing when n is 0. */
void mime_encode_words(struct sbuf *out, const char *s, size_t n, size_t first_max);

/* Append s (NUL-terminated) with every RFC 2047 encoded-word decoded: B and
 * Q encodings; charsets UTF-8 and US-ASCII as they are, ISO-8859-1 converted
 * to UTF-8; whitespace between two adjacent encoded-words is dropped.  A
 * word in another charset, or one that does not decode, is kept verbatim.
 * Decoded NUL bytes are dropped so the result stays a C string. */
void mime_decode_words(struct sbuf *out, const char *s);

#endif
