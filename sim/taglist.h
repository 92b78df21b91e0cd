/* taglist — the "tag=value; tag=value" lists of RFC 6376 section 3.2 in
 * which DKIM signatures, DKIM key records and DMARC records are written,
 * parsed strictly with errors that say where; and the value formats these
 * lists carry (base64 with folding white space inside).  Knows nothing
 * about what the tags mean. */
#ifndef MAILSIM_TAGLIST_H
#define MAILSIM_TAGLIST_H

#include <stddef.h>

#include "util.h"

/* More tags than any DKIM or DMARC record has; a list with more is an
 * error rather than an allocation an attacker can size. */
#define TAGLIST_MAX 48

/* One tag-spec.  Pointers go into the text given to taglist_parse, which
 * must outlive the list.  Offsets are from the start of that text. */
struct taglist_tag {
	const char *name;           /* the tag name, name_len bytes */
	size_t name_len;
	const char *value;          /* the value without the folding white space
	                             * around it (inner white space kept) */
	size_t value_len;
	size_t eq_end;              /* offset just past the '=' */
	size_t spec_end;            /* offset of the ';' that ends the spec, or
	                             * the text's length for the last one */
};

struct taglist {
	int n;
	struct taglist_tag tags[TAGLIST_MAX];
};

/* Parse len bytes of text as a tag-list (RFC 6376 section 3.2):
 *   tag-list = tag-spec *( ";" tag-spec ) [ ";" ]
 *   tag-spec = [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
 * A tag name is a letter followed by letters, digits or '_'; a value is
 * printable ASCII other than ';' (0x21-0x3A, 0x3C-0x7E) with white space
 * between its characters; FWS is spaces and tabs, with CRLF allowed only
 * when white space follows (a folded header line).  Returns 0, or -1 with a
 * one-line reason in err (errsz bytes) naming the offset or the tag: an
 * empty list, a missing name or '=', a character not allowed, a bare CR or
 * LF, an empty tag-spec (";;"), a tag that occurs twice ("the entire
 * tag-list is invalid"), or more than TAGLIST_MAX tags.  Never reads past
 * len; any bytes are safe. */
int taglist_parse(struct taglist *tl, const char *text, size_t len, char *err, size_t errsz);

/* The tag named name (case-sensitive, as RFC 6376 says), or NULL. */
const struct taglist_tag *taglist_find(const struct taglist *tl, const char *name);
/* The same with ASCII case ignored (RFC 7489's record grammar is ABNF,
 * whose quoted strings are case-insensitive). */
const struct taglist_tag *taglist_find_nocase(const struct taglist *tl, const char *name);

/* 1 if the tag's value is exactly s (case-sensitive), else 0. */
int taglist_value_is(const struct taglist_tag *t, const char *s);

/* A copy of the tag's value, NUL-terminated, owned by the caller.
 * taglist_value_compact drops every white space, CR and LF on the way
 * (base64 values and header name lists are folded anywhere). */
char *taglist_value_dup(const struct taglist_tag *t);
char *taglist_value_compact(const struct taglist_tag *t);

/* Append to out the bytes that n characters of RFC 6376 base64string at s
 * decode to: white space, CR and LF anywhere are skipped; the rest must be
 * the base64 alphabet in groups of four, '=' padding only at the end.
 * Returns 0, or -1 (out may then hold a partial result) for any other
 * character, a length that is not a multiple of four, or padding in the
 * middle.  An empty value decodes to nothing and returns 0. */
int taglist_decode_base64(struct sbuf *out, const char *s, size_t n);

#endif
