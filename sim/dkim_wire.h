/* dkim_wire — a message as DKIM sees it on the wire: its header fields
 * exactly as they arrived (folds kept, for simple canonicalization) and its
 * body, and the header hash input built from them (RFC 6376 sections 3.7
 * and 5.4.2).  Shared by the signer (dkim_sign.c) and the verifier
 * (dkim.c); not for other modules. */
#ifndef MAILSIM_DKIM_WIRE_H
#define MAILSIM_DKIM_WIRE_H

#include <stddef.h>

#include "dkim_canon.h"
#include "util.h"

/* A header field as it arrived: name, colon, value with its folds; no
 * final CRLF.  name_len is 0 for a line that has no usable name. */
struct dkim_wire_field {
	const char *raw;
	size_t len;
	size_t name_len;            /* the name, without blanks before the colon */
};

struct dkim_wire {
	struct dkim_wire_field *f;  /* fields in order, top first */
	int n, cap;
	const char *body;           /* the body: after the empty line */
	size_t body_len;
	char *copy;                 /* the text with LF made CRLF, when it had no CR */
};

/* Split len bytes of text into header fields and body.  The header ends
 * at the first empty line; without one the body is empty.  A text with no
 * CR at all has its LFs read as CRLF (into w->copy).  Otherwise w points
 * into text, which must outlive it.  Free with dkim_wire_free. */
void dkim_wire_split(struct dkim_wire *w, const char *text, size_t len);
void dkim_wire_free(struct dkim_wire *w);

/* 1 if the field's name is name (n bytes, ASCII case ignored). */
int dkim_wire_field_is(const struct dkim_wire_field *f, const char *name, size_t n);

/* Split a compacted h= value (no white space) at its colons into names
 * and lens (room for DKIM_MAX_SIGNED_FIELDS).  Returns the number of names
 * (pointers into h), or -1 if one is empty, holds a character outside
 * 33..126, or there are more than DKIM_MAX_SIGNED_FIELDS. */
int dkim_wire_split_names(const char *h, const char **names, size_t *lens);

/* Append to out the canonical form of every field named in names, in that
 * order: a name listed k times takes the k fields of that name from the
 * bottom up (RFC 6376 section 5.4.2); a name with no field left adds
 * nothing.  Field self (the signature being checked, or -1) is never
 * selected.  count is at most DKIM_MAX_SIGNED_FIELDS. */
void dkim_wire_hash_fields(struct sbuf *out, const struct dkim_wire *w, int self,
                           const char *const *names, const size_t *lens, int count,
                           enum dkim_canon c);

/* Append the signature field itself (raw, n bytes, b= already empty), the
 * end of the hash input: canonicalized, without its final CRLF (RFC 6376
 * section 3.7). */
void dkim_wire_hash_self(struct sbuf *out, enum dkim_canon c, const char *raw, size_t n);

/* n bytes as one unbroken base64 run, as DKIM tags write it.  Returns a
 * malloc'd string owned by the caller. */
char *dkim_wire_b64(const void *p, size_t n);

#endif
