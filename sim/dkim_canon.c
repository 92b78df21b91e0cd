/* dkim_canon — simple and relaxed canonicalization (RFC 6376 §3.4). */
#include "dkim_canon.h"

#include <string.h>

const char *const dkim_canon_names[DKIM_CANON_COUNT] = { "simple", "relaxed" };
_Static_assert(sizeof dkim_canon_names / sizeof *dkim_canon_names == DKIM_CANON_COUNT,
               "dkim_canon_names");

static int dkim_canon_is_wsp(char c)
{
	return c == ' ' || c == '\t';
}

static int dkim_canon_word(const char *s, size_t n, enum dkim_canon *out)
{
	for (int i = 0; i < DKIM_CANON_COUNT; i++)
		if (strlen(dkim_canon_names[i]) == n && !memcmp(s, dkim_canon_names[i], n)) {
			*out = (enum dkim_canon)i;
			return 0;
		}
	return -1;
}

int dkim_canon_parse(const char *s, size_t n, enum dkim_canon *header, enum dkim_canon *body)
{
	const char *slash = memchr(s, '/', n);
	size_t hn = slash ? (size_t)(slash - s) : n;
	enum dkim_canon h, b = DKIM_CANON_SIMPLE;

	if (dkim_canon_word(s, hn, &h) < 0)
		return -1;
	if (slash && dkim_canon_word(slash + 1, n - hn - 1, &b) < 0)
		return -1;
	*header = h;
	*body = b;
	return 0;
}

void dkim_canon_header(struct sbuf *out, enum dkim_canon c, const char *raw, size_t n)
{
	if (c == DKIM_CANON_SIMPLE) {
		sbuf_add(out, raw, n);
		sbuf_add(out, "\r\n", 2);
		return;
	}
	if (c != DKIM_CANON_RELAXED)
		PANIC("unknown canonicalization %d", (int)c);

	const char *colon = memchr(raw, ':', n);
	size_t nend = colon ? (size_t)(colon - raw) : n;
	size_t i = 0;

	/* The name, lower-cased, without the white space before the colon. */
	size_t name_len = nend;
	while (name_len > 0 && dkim_canon_is_wsp(raw[name_len - 1]))
		name_len--;
	sbuf_reserve(out, n + 2);
	for (; i < name_len; i++) {
		char ch = raw[i];
		sbuf_addc(out, ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch);
	}
	if (colon) {
		sbuf_addc(out, ':');
		i = nend + 1;
	} else {
		i = n;
	}

	/* The value: unfold (drop CR and LF), one space for each blank run,
	 * nothing at either end.  A blank run is written only once text
	 * follows it. */
	int pending = 0, started = 0;
	for (; i < n; i++) {
		char ch = raw[i];
		if (ch == '\r' || ch == '\n')
			continue;
		if (dkim_canon_is_wsp(ch)) {
			pending = started;
			continue;
		}
		if (pending)
			sbuf_addc(out, ' ');
		pending = 0;
		started = 1;
		sbuf_addc(out, ch);
	}
	sbuf_add(out, "\r\n", 2);
}

/* Length of body without the CRLF pairs at its end. */
static size_t dkim_canon_trim_crlf(const char *s, size_t n)
{
	while (n >= 2 && s[n - 2] == '\r' && s[n - 1] == '\n')
		n -= 2;
	return n;
}

void dkim_canon_body(struct sbuf *out, enum dkim_canon c, const char *body, size_t n)
{
	if (c == DKIM_CANON_SIMPLE) {
		/* Stripping every trailing CRLF and adding one back drops the
		 * empty lines at the end, ends a last line that had no CRLF,
		 * and turns an empty body into one CRLF. */
		size_t keep = dkim_canon_trim_crlf(body, n);
		sbuf_add(out, body, keep);
		sbuf_add(out, "\r\n", 2);
		return;
	}
	if (c != DKIM_CANON_RELAXED)
		PANIC("unknown canonicalization %d", (int)c);

	size_t start = out->len;
	sbuf_reserve(out, n + 2);
	for (size_t pos = 0; pos < n;) {
		/* One line: up to the next CRLF (a bare CR or LF is text). */
		size_t end = pos;
		while (end < n && !(body[end] == '\r' && end + 1 < n && body[end + 1] == '\n'))
			end++;
		int pending = 0;
		for (size_t i = pos; i < end; i++) {
			if (dkim_canon_is_wsp(body[i])) {
				pending = 1;
				continue;
			}
			if (pending)
				sbuf_addc(out, ' ');
			pending = 0;
			sbuf_addc(out, body[i]);
		}
		sbuf_add(out, "\r\n", 2);
		pos = end < n ? end + 2 : n;
	}
	/* Drop the empty lines at the end; what is left ends in one CRLF, or
	 * is nothing at all. */
	size_t keep = dkim_canon_trim_crlf(out->s ? out->s + start : "", out->len - start);
	out->len = start + keep;
	if (keep)
		sbuf_add(out, "\r\n", 2);
	else if (out->s)
		out->s[out->len] = '\0';
}
