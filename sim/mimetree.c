/* mimetree — read a MIME entity as a tree of parts without copying it. */
#include "mimetree.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

void mimetree_init(struct mimetree *t)
{
	t->parts = NULL;
	t->n = t->cap = 0;
}

void mimetree_free(struct mimetree *t)
{
	free(t->parts);
	mimetree_init(t);
}

/* Length of the line at s[i..n) including its line end (CRLF or LF). */
static size_t mimetree_line(const char *s, size_t i, size_t n, size_t *content)
{
	size_t j = i;
	while (j < n && s[j] != '\n')
		j++;
	size_t c = j - i;
	if (c > 0 && s[j - 1] == '\r' && j < n)
		c--;
	if (content)
		*content = c;
	return (j < n ? j + 1 : j) - i;
}

/* 1 if the line s[0..n) starts a header field: a name of printable
 * characters without ':' followed by ':'. */
static int mimetree_is_field(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] > 32 && s[i] < 127 && s[i] != ':')
		i++;
	return i > 0 && i < n && s[i] == ':';
}

/* Split text into header and body (see mimetree_parse). */
static void mimetree_split(const char *text, size_t len, size_t *hdr_len, size_t *body_off)
{
	size_t i = 0;
	while (i < len) {
		size_t c, l = mimetree_line(text, i, len, &c);
		if (c == 0) {                           /* the empty line */
			*hdr_len = i;
			*body_off = i + l;
			return;
		}
		int cont = (text[i] == ' ' || text[i] == '\t') && i > 0;
		if (!cont && !mimetree_is_field(text + i, c)) {
			*hdr_len = i;                   /* body starts at this line */
			*body_off = i;
			return;
		}
		i += l;
	}
	*hdr_len = len;
	*body_off = len;
}

char *mimetree_field(const char *hdr, size_t hdr_len, const char *name)
{
	size_t nl = strlen(name);
	size_t i = 0;
	while (i < hdr_len) {
		size_t c, l = mimetree_line(hdr, i, hdr_len, &c);
		if (c > nl && hdr[i + nl] == ':' && !util_strncasecmp(hdr + i, name, nl)) {
			struct sbuf v;
			sbuf_init(&v);
			sbuf_add(&v, hdr + i + nl + 1, c - nl - 1);
			i += l;
			while (i < hdr_len && (hdr[i] == ' ' || hdr[i] == '\t')) {
				l = mimetree_line(hdr, i, hdr_len, &c);
				sbuf_add(&v, hdr + i, c);
				i += l;
			}
			sbuf_addc(&v, '\0');
			char *s = v.s, *b = s, *e = s + strlen(s);
			while (*b == ' ' || *b == '\t')
				b++;
			while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
				e--;
			memmove(s, b, (size_t)(e - b));
			s[e - b] = '\0';
			return s;
		}
		i += l;
	}
	return NULL;
}

/* Skip blanks and RFC 5322 comments "(...)" (nested, with quoted pairs). */
static const char *mimetree_skip_cfws(const char *p)
{
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p != '(')
			return p;
		int depth = 0;
		while (*p) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '(')
				depth++;
			else if (*p == ')' && --depth == 0) {
				p++;
				break;
			}
			p++;
		}
	}
}

int mimetree_param(const char *value, const char *name, char *out, size_t outsz)
{
	size_t nl = strlen(name);
	if (outsz)
		out[0] = '\0';
	const char *p = value ? strchr(value, ';') : NULL;
	while (p && *p == ';') {
		p = mimetree_skip_cfws(p + 1);
		const char *k = p;
		while (*p && *p != '=' && *p != ';' && *p != ' ' && *p != '\t')
			p++;
		size_t kl = (size_t)(p - k);
		p = mimetree_skip_cfws(p);
		if (*p != '=') {                        /* a parameter without value */
			p = strchr(p, ';');
			continue;
		}
		p = mimetree_skip_cfws(p + 1);
		struct sbuf v;
		sbuf_init(&v);
		if (*p == '"') {
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && p[1])
					p++;
				sbuf_addc(&v, *p);
			}
			if (*p == '"')
				p++;
		} else {
			const char *b = p;
			while (*p && *p != ';' && *p != ' ' && *p != '\t' && *p != '(')
				p++;
			sbuf_add(&v, b, (size_t)(p - b));
		}
		int hit = kl == nl && !util_strncasecmp(k, name, nl);
		if (hit && outsz)
			snprintf(out, outsz, "%s", v.s ? v.s : "");
		sbuf_free(&v);
		if (hit)
			return 1;
		p = strchr(p, ';');
	}
	return 0;
}

/* Lower-case token of a value up to ';' or blank, into out. */
static void mimetree_token(const char *v, char *out, size_t outsz)
{
	const char *p = mimetree_skip_cfws(v);
	size_t n = 0;
	while (p[n] && p[n] != ';' && p[n] != ' ' && p[n] != '\t' && p[n] != '(')
		n++;
	if (n >= outsz)
		n = outsz - 1;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	out[n] = '\0';
}

/* If the line at s[i..n) (content length c) is a delimiter for boundary b,
 * return 1 for "--b", 2 for the closing "--b--", else 0.  Trailing blanks
 * after the delimiter are allowed (RFC 2046 section 5.1.1). */
static int mimetree_delim(const char *s, size_t c, const char *b, size_t bl)
{
	if (c < bl + 2 || s[0] != '-' || s[1] != '-' || memcmp(s + 2, b, bl))
		return 0;
	size_t k = bl + 2;
	int close = 0;
	if (c >= k + 2 && s[k] == '-' && s[k + 1] == '-') {
		close = 1;
		k += 2;
	}
	while (k < c && (s[k] == ' ' || s[k] == '\t'))
		k++;
	return k == c ? 1 + close : 0;
}

static int mimetree_add(struct mimetree *t, const char *text, size_t len, int tag,
                        int depth, int parent, char *err, size_t errsz);

/* Parse the body of multipart part self (boundary b) into its parts. */
static int mimetree_multipart(struct mimetree *t, int self, int tag, char *err, size_t errsz)
{
	struct mimetree_part *mp = &t->parts[self];
	char *ct = mimetree_field(mp->hdr, mp->hdr_len, "Content-Type");
	char b[256];
	int found = mimetree_param(ct, "boundary", b, sizeof b);
	free(ct);
	char type[sizeof mp->type];
	memcpy(type, mp->type, sizeof type);
	if (!found || !b[0])
		return util_fail(err, errsz, "%s without a boundary parameter", type);
	const char *s = mp->body;
	size_t n = mp->body_len, bl = strlen(b), i = 0;
	int depth = mp->depth + 1;
	size_t part_start = 0;
	int open = 0;
	while (i < n) {
		size_t c, l = mimetree_line(s, i, n, &c);
		int d = mimetree_delim(s + i, c, b, bl);
		if (d) {
			if (open) {
				/* The line end before a delimiter belongs to it. */
				size_t e = i;
				if (e > part_start && s[e - 1] == '\n')
					e--;
				if (e > part_start && s[e - 1] == '\r')
					e--;
				if (mimetree_add(t, s + part_start, e - part_start, tag, depth, self,
				                 err, errsz) < 0)
					return -1;
			}
			if (d == 2)
				return 0;
			open = 1;
			part_start = i + l;
		}
		i += l;
	}
	if (!open)
		return util_fail(err, errsz, "%s: the boundary \"%s\" never appears in the body",
		                 type, b);
	return util_fail(err, errsz, "%s: the closing boundary \"--%s--\" is missing", type, b);
}

static int mimetree_add(struct mimetree *t, const char *text, size_t len, int tag,
                        int depth, int parent, char *err, size_t errsz)
{
	if (depth > MIMETREE_MAX_DEPTH)
		return util_fail(err, errsz, "MIME parts nested deeper than %d levels",
		                 MIMETREE_MAX_DEPTH);
	if (t->n >= MIMETREE_MAX_PARTS)
		return util_fail(err, errsz, "more than %d MIME parts", MIMETREE_MAX_PARTS);
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->parts = xrealloc(t->parts, (size_t)t->cap * sizeof *t->parts);
	}
	int self = t->n++;
	struct mimetree_part *p = &t->parts[self];
	memset(p, 0, sizeof *p);
	p->tag = tag;
	p->depth = depth;
	p->parent = parent;
	size_t hl, bo;
	mimetree_split(text, len, &hl, &bo);
	p->hdr = text;
	p->hdr_len = hl;
	p->body = text + bo;
	p->body_len = len - bo;
	char *ct = mimetree_field(text, hl, "Content-Type");
	p->has_type = ct != NULL;
	mimetree_token(ct ? ct : "text/plain", p->type, sizeof p->type);
	if (!strchr(p->type, '/'))       /* RFC 2045 section 5.2: invalid means text/plain */
		snprintf(p->type, sizeof p->type, "text/plain");
	free(ct);
	char *cte = mimetree_field(text, hl, "Content-Transfer-Encoding");
	mimetree_token(cte ? cte : "7bit", p->cte, sizeof p->cte);
	free(cte);
	if (!strncmp(p->type, "multipart/", 10) && mimetree_multipart(t, self, tag, err, errsz) < 0)
		return -1;
	return self;
}

int mimetree_parse(struct mimetree *t, const char *text, size_t len, int tag,
                   char *err, size_t errsz)
{
	if (err && errsz)
		err[0] = '\0';
	return mimetree_add(t, text, len, tag, 0, -1, err, errsz);
}

int mimetree_child(const struct mimetree *t, int parent, int k)
{
	if (parent < 0 || parent >= t->n)
		return -1;
	for (int i = parent + 1; i < t->n && t->parts[i].depth > t->parts[parent].depth; i++)
		if (t->parts[i].parent == parent && k-- == 0)
			return i;
	return -1;
}
