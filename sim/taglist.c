/* taglist — strict RFC 6376 tag=value lists and their base64 values. */
#include "taglist.h"

#include <stdio.h>
#include <string.h>

#include "mime.h"
#include "util.h"

static int taglist_is_wsp(char c)
{
	return c == ' ' || c == '\t';
}

static int taglist_is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int taglist_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Skip folding white space at *pos.  A CRLF counts only when white space
 * follows it (RFC 5322 FWS); a CR or LF used any other way is an error:
 * returns -1 and leaves *pos at it. */
static int taglist_skip_fws(const char *s, size_t len, size_t *pos)
{
	size_t i = *pos;
	for (;;) {
		if (i < len && taglist_is_wsp(s[i])) {
			i++;
		} else if (i + 2 < len && s[i] == '\r' && s[i + 1] == '\n' && taglist_is_wsp(s[i + 2])) {
			i += 3;
		} else if (i < len && (s[i] == '\r' || s[i] == '\n')) {
			*pos = i;
			return -1;
		} else {
			*pos = i;
			return 0;
		}
	}
}

int taglist_parse(struct taglist *tl, const char *text, size_t len, char *err, size_t errsz)
{
	size_t pos = 0;

	tl->n = 0;
	if (err && errsz)
		err[0] = '\0';
	if (!text)
		len = 0;
	for (;;) {
		if (taglist_skip_fws(text, len, &pos) < 0)
			return util_fail(err, errsz, "offset %zu: line break not followed by white space",
			                 pos);
		if (pos == len) {
			if (tl->n == 0)
				return util_fail(err, errsz, "empty tag list");
			return 0;   /* a trailing ';' is allowed */
		}
		if (text[pos] == ';')
			return util_fail(err, errsz, "offset %zu: empty tag-spec", pos);
		if (!taglist_is_alpha(text[pos]))
			return util_fail(err, errsz, "offset %zu: a tag name must start with a letter",
			                 pos);
		if (tl->n == TAGLIST_MAX)
			return util_fail(err, errsz, "more than %d tags", TAGLIST_MAX);

		struct taglist_tag *t = &tl->tags[tl->n];
		t->name = text + pos;
		while (pos < len && (taglist_is_alpha(text[pos]) || taglist_is_digit(text[pos]) ||
		                     text[pos] == '_'))
			pos++;
		t->name_len = (size_t)(text + pos - t->name);
		if (taglist_skip_fws(text, len, &pos) < 0)
			return util_fail(err, errsz, "offset %zu: line break not followed by white space",
			                 pos);
		if (pos == len || text[pos] != '=')
			return util_fail(err, errsz, "tag \"%.*s\": expected '=' at offset %zu",
			                 (int)t->name_len, t->name, pos);
		pos++;
		t->eq_end = pos;

		/* The value runs to the next ';'; remember where its last
		 * non-blank character is so that trailing FWS is not part of it. */
		if (taglist_skip_fws(text, len, &pos) < 0)
			return util_fail(err, errsz, "offset %zu: line break not followed by white space",
			                 pos);
		t->value = text + pos;
		size_t value_end = pos;
		while (pos < len && text[pos] != ';') {
			unsigned char c = (unsigned char)text[pos];
			if (taglist_is_wsp((char)c) || c == '\r' || c == '\n') {
				if (taglist_skip_fws(text, len, &pos) < 0)
					return util_fail(err, errsz,
					                 "offset %zu: line break not followed by white space",
					                 pos);
				continue;
			}
			if (c < 0x21 || c > 0x7E)
				return util_fail(err, errsz,
				                 "tag \"%.*s\": character 0x%02X not allowed at offset %zu",
				                 (int)t->name_len, t->name, c, pos);
			pos++;
			value_end = pos;
		}
		t->value_len = (size_t)(text + value_end - t->value);
		t->spec_end = pos;

		for (int i = 0; i < tl->n; i++)
			if (tl->tags[i].name_len == t->name_len &&
			    !memcmp(tl->tags[i].name, t->name, t->name_len))
				return util_fail(err, errsz, "tag \"%.*s\" occurs twice", (int)t->name_len,
				                 t->name);
		tl->n++;
		if (pos == len)
			return 0;
		pos++;   /* the ';' */
	}
}

static const struct taglist_tag *taglist_lookup(const struct taglist *tl, const char *name,
                                                int nocase)
{
	size_t n = strlen(name);
	for (int i = 0; i < tl->n; i++) {
		const struct taglist_tag *t = &tl->tags[i];
		if (t->name_len == n &&
		    (nocase ? !util_strncasecmp(t->name, name, n) : !memcmp(t->name, name, n)))
			return t;
	}
	return NULL;
}

const struct taglist_tag *taglist_find(const struct taglist *tl, const char *name)
{
	return taglist_lookup(tl, name, 0);
}

const struct taglist_tag *taglist_find_nocase(const struct taglist *tl, const char *name)
{
	return taglist_lookup(tl, name, 1);
}

int taglist_value_is(const struct taglist_tag *t, const char *s)
{
	size_t n = strlen(s);
	return t->value_len == n && !memcmp(t->value, s, n);
}

char *taglist_value_dup(const struct taglist_tag *t)
{
	return xstrndup(t->value, t->value_len);
}

char *taglist_value_compact(const struct taglist_tag *t)
{
	char *s = xmalloc(t->value_len + 1);
	size_t w = 0;
	for (size_t i = 0; i < t->value_len; i++) {
		char c = t->value[i];
		if (!taglist_is_wsp(c) && c != '\r' && c != '\n')
			s[w++] = c;
	}
	s[w] = '\0';
	return s;
}


int taglist_decode_base64(struct sbuf *out, const char *s, size_t n)
{
	int quad[4];
	int k = 0, pad = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (taglist_is_wsp(c) || c == '\r' || c == '\n')
			continue;
		if (c == '=') {
			/* Padding fills the last group only: at most two, after at
			 * least two characters of that group. */
			if (k < 2 || ++pad > 2)
				return -1;
			quad[k++] = 0;
		} else {
			int v = mime_b64_value((unsigned char)c);
			if (v < 0 || pad)
				return -1;
			quad[k++] = v;
		}
		if (k == 4) {
			unsigned char b[3] = {
				(unsigned char)(quad[0] << 2 | quad[1] >> 4),
				(unsigned char)((quad[1] & 15) << 4 | quad[2] >> 2),
				(unsigned char)((quad[2] & 3) << 6 | quad[3]),
			};
			sbuf_add(out, (const char *)b, (size_t)(3 - pad));
			k = 0;
			if (pad)
				pad = 3;   /* nothing but blanks may follow */
		}
	}
	return k == 0 ? 0 : -1;
}
