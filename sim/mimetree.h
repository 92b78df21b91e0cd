/* mimetree — a MIME entity read as a tree of parts (RFC 2045, RFC 2046):
 * each part's header block, media type, Content-Transfer-Encoding and where
 * its body lies.  Nothing is decoded or copied: the parts point into the
 * caller's text, which must outlive the tree.  Knows nothing about struct
 * msg or S/MIME; the S/MIME reader uses it to find the signed part and the
 * signature, and the GUI to draw the tree. */
#ifndef MAILSIM_MIMETREE_H
#define MAILSIM_MIMETREE_H

#include <stddef.h>

/* Limits that keep a hostile mail from costing more than a real one. */
#define MIMETREE_MAX_DEPTH 8    /* multiparts nested deeper are a problem */
#define MIMETREE_MAX_PARTS 128  /* parts in one tree, over all parse calls */

struct mimetree_part {
	int tag;                /* the caller's tag given to mimetree_parse */
	int depth;              /* 0: the entity parsed; 1: its parts; ... */
	int parent;             /* index of the enclosing multipart, -1 for a root */
	const char *hdr;        /* header block, without the blank line after it */
	size_t hdr_len;
	const char *body;       /* body bytes as they are (e.g. still base64) */
	size_t body_len;
	char type[80];          /* "type/subtype" in lower case, parameters cut
	                         * off; "text/plain" when there is no
	                         * Content-Type (RFC 2045 section 5.2) */
	char cte[32];           /* Content-Transfer-Encoding in lower case;
	                         * "7bit" when there is none */
	int has_type;           /* 1 if a Content-Type field was present */
};

struct mimetree {
	struct mimetree_part *parts;   /* pre-order: a multipart, then its parts */
	int n, cap;
};

/* An empty tree; mimetree_free releases the part array (never the text). */
void mimetree_init(struct mimetree *t);
void mimetree_free(struct mimetree *t);

/* Read the entity at text (header fields, an empty line, the body; CRLF or
 * LF line ends) and append it and, for a multipart, its parts (recursively)
 * to t in pre-order, each with tag.  The header ends at the first empty
 * line, or at the first line that is not a header field (the body then
 * starts there).  Returns the index of the entity's part, or -1 with a
 * one-line reason in err (errsz bytes) when the structure is broken: a
 * multipart without a boundary parameter, a boundary that never appears, a
 * missing closing boundary, nesting deeper than MIMETREE_MAX_DEPTH or more
 * than MIMETREE_MAX_PARTS parts.  Parts read before the problem stay in t,
 * so a broken mail can still be shown as far as it goes.  Never reads past
 * len. */
int mimetree_parse(struct mimetree *t, const char *text, size_t len, int tag,
                   char *err, size_t errsz);

/* The k-th (from 0) direct part of the multipart at index parent, or -1. */
int mimetree_child(const struct mimetree *t, int parent, int k);

/* The first field called name (case-insensitive) in the header block hdr,
 * unfolded (line breaks of continuation lines removed) and trimmed, as a
 * malloc'd string owned by the caller; NULL when there is none. */
char *mimetree_field(const char *hdr, size_t hdr_len, const char *name);

/* Parameter name (case-insensitive) of a structured value such as
 * `multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256`,
 * unquoted, into out (NUL-terminated, truncated to outsz).  Returns 1 if
 * found, 0 if not (out is then ""). */
int mimetree_param(const char *value, const char *name, char *out, size_t outsz);

#endif
