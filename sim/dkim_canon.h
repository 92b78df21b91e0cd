/* dkim_canon — the two DKIM canonicalization algorithms of RFC 6376
 * section 3.4, for header fields and for the body, on bytes as they travel
 * on the wire (CRLF line ends, folded header fields). */
#ifndef MAILSIM_DKIM_CANON_H
#define MAILSIM_DKIM_CANON_H

#include <stddef.h>

#include "util.h"

enum dkim_canon {
	DKIM_CANON_SIMPLE,          /* tolerate almost no change (section 3.4.1, 3.4.3) */
	DKIM_CANON_RELAXED,         /* tolerate re-folding and white space changes */
	DKIM_CANON_COUNT
};
/* "simple", "relaxed": the words of the c= tag. */
extern const char *const dkim_canon_names[DKIM_CANON_COUNT];

/* Parse a c= value ("relaxed/simple", "relaxed", …; a missing body part
 * means simple).  Returns 0 and sets *header and *body, or -1 for anything
 * else (an unknown word, an empty part, more than one '/'). */
int dkim_canon_parse(const char *s, size_t n, enum dkim_canon *header, enum dkim_canon *body);

/* Append the canonical form of one header field to out, CRLF included.
 * raw is the field exactly as on the wire: name, colon and value with its
 * folding CRLFs, without the CRLF that ends the field.  simple copies it;
 * relaxed lower-cases the name, unfolds, turns each run of spaces and tabs
 * into one space, and drops white space at the end of the value and on
 * both sides of the colon (section 3.4.2). */
void dkim_canon_header(struct sbuf *out, enum dkim_canon c, const char *raw, size_t n);

/* Append the canonical form of n body bytes (CRLF line ends) to out.
 * simple drops the empty lines at the end and makes the body end with one
 * CRLF (an empty body becomes a single CRLF); relaxed first drops the
 * white space at the end of each line and turns each other run of spaces
 * and tabs into one space, then drops the empty lines at the end, and a
 * body that is left empty stays empty (section 3.4.4).  A last line
 * without CRLF counts as a line. */
void dkim_canon_body(struct sbuf *out, enum dkim_canon c, const char *body, size_t n);

#endif
