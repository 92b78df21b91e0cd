/* dkim_wire — a message as DKIM sees it on the wire: header fields split
 * with their folds kept, the body, and the hash input made of them. */
#include "dkim_wire.h"

#include <string.h>

#include "dkim.h"
#include "mime.h"

static int dkim_wire_is_wsp(char c)
{
	return c == ' ' || c == '\t';
}

static void dkim_wire_add(struct dkim_wire *w, const char *raw, size_t len)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->f = xrealloc(w->f, (size_t)w->cap * sizeof *w->f);
	}
	struct dkim_wire_field *f = &w->f[w->n++];
	f->raw = raw;
	f->len = len;
	f->name_len = 0;
	const char *colon = memchr(raw, ':', len);
	if (colon && !dkim_wire_is_wsp(raw[0])) {
		size_t n = (size_t)(colon - raw);
		while (n > 0 && dkim_wire_is_wsp(raw[n - 1]))
			n--;
		f->name_len = n;
	}
}

void dkim_wire_split(struct dkim_wire *w, const char *text, size_t len)
{
	memset(w, 0, sizeof *w);
	if (!text)
		len = 0;
	if (len && !memchr(text, '\r', len) && memchr(text, '\n', len)) {
		struct sbuf b;
		sbuf_init(&b);
		for (size_t i = 0; i < len; i++) {
			if (text[i] == '\n')
				sbuf_addc(&b, '\r');
			sbuf_addc(&b, text[i]);
		}
		len = b.len;
		w->copy = sbuf_take(&b);
		text = w->copy;
	}
	w->body = text ? text + len : "";
	size_t pos = 0;
	int cur = -1;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t next = nl ? end + 1 : len;
		size_t cend = end > pos && text[end - 1] == '\r' ? end - 1 : end;
		if (cend == pos) {
			w->body = text + next;
			w->body_len = len - next;
			return;
		}
		if (cur >= 0 && dkim_wire_is_wsp(text[pos])) {
			w->f[cur].len = (size_t)(text + cend - w->f[cur].raw);
		} else {
			dkim_wire_add(w, text + pos, cend - pos);
			cur = w->n - 1;
		}
		pos = next;
	}
}

void dkim_wire_free(struct dkim_wire *w)
{
	free(w->f);
	free(w->copy);
	memset(w, 0, sizeof *w);
}

int dkim_wire_field_is(const struct dkim_wire_field *f, const char *name, size_t n)
{
	return f->name_len == n && !util_strncasecmp(f->raw, name, n);
}

int dkim_wire_split_names(const char *h, const char **names, size_t *lens)
{
	int n = 0;
	const char *p = h;
	for (;;) {
		size_t len = strcspn(p, ":");
		if (len == 0 || n == DKIM_MAX_SIGNED_FIELDS)
			return -1;
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)p[i] < 33 || (unsigned char)p[i] > 126)
				return -1;
		names[n] = p;
		lens[n] = len;
		n++;
		if (!p[len])
			return n;
		p += len + 1;
	}
}

void dkim_wire_hash_fields(struct sbuf *out, const struct dkim_wire *w, int self,
                             const char *const *names, const size_t *lens, int count,
                             enum dkim_canon c)
{
	int cursor[DKIM_MAX_SIGNED_FIELDS];
	for (int i = 0; i < count; i++) {
		int start = w->n;
		for (int j = i - 1; j >= 0; j--)
			if (lens[j] == lens[i] && !util_strncasecmp(names[j], names[i], lens[i])) {
				start = cursor[j];
				break;
			}
		int found = -1;
		for (int k = start - 1; k >= 0; k--)
			if (k != self && dkim_wire_field_is(&w->f[k], names[i], lens[i])) {
				found = k;
				break;
			}
		cursor[i] = found >= 0 ? found : 0;
		if (found >= 0)
			dkim_canon_header(out, c, w->f[found].raw, w->f[found].len);
	}
}

void dkim_wire_hash_self(struct sbuf *out, enum dkim_canon c, const char *raw, size_t n)
{
	dkim_canon_header(out, c, raw, n);
	out->len -= 2;
	out->s[out->len] = '\0';
}

char *dkim_wire_b64(const void *p, size_t n)
{
	struct sbuf b;
	sbuf_init(&b);
	mime_b64_encode(&b, p, n, 0);
	return sbuf_take(&b);
}
