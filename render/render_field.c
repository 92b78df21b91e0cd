/* render_field — long header fields, envelopes and recipient lists,
 * shortened for the card and the inspector. */
#include "render_field.h"

#include <stdio.h>
#include <string.h>

#include "mime.h"
#include "render_wrap.h"

const char *const render_field_part_names[RENDER_FIELD_PART_COUNT] = {
	"none", "rcpts", "envelope", "header",
};
_Static_assert(sizeof render_field_part_names / sizeof render_field_part_names[0] == RENDER_FIELD_PART_COUNT,
	       "part names");

char *render_field_count(char out[32], long n)
{
	char digits[24];
	unsigned long v = n < 0 ? 0ul - (unsigned long)n : (unsigned long)n;
	snprintf(digits, sizeof digits, "%lu", v);
	size_t len = strlen(digits), k = 0;
	if (n < 0)
		out[k++] = '-';
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = digits[i];
	}
	out[k] = '\0';
	return out;
}

int render_field_is_list(const char *name, size_t len)
{
	static const char *const lists[] = {
		"From", "To", "Cc", "Bcc", "Reply-To", "Sender",
		"Resent-From", "Resent-To", "Resent-Cc", "Resent-Bcc", "Resent-Sender",
	};
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
		if (strlen(lists[i]) == len && util_strncasecmp(name, lists[i], len) == 0)
			return 1;
	return 0;
}

/* The items of an address list (RFC 5322 §3.4): commas outside "quoted
 * strings", <angle brackets> and (comments) separate them, and empty ones
 * do not count.  Returns how many there are; *end gets the offset where
 * the first want of them end (n if there are no more than want). */
static size_t render_field_items(const char *v, size_t n, size_t want, size_t *end)
{
	size_t count = 0;
	int quote = 0, angle = 0, paren = 0, something = 0;
	*end = n;
	for (size_t i = 0; i < n; i++) {
		char c = v[i];
		if (quote) {
			if (c == '\\' && i + 1 < n)
				i++;
			else if (c == '"')
				quote = 0;
			continue;
		}
		if (paren) {
			if (c == '\\' && i + 1 < n)
				i++;
			else if (c == '(')
				paren++;
			else if (c == ')')
				paren--;
			continue;
		}
		switch (c) {
		case '"':
			quote = something = 1;
			break;
		case '(':
			paren = 1;
			break;
		case '<':
			angle = something = 1;
			break;
		case '>':
			angle = 0;
			break;
		case ',':
			if (angle)
				break;
			if (something && ++count == want)
				*end = i;
			something = 0;
			break;
		case ' ':
		case '\t':
		case '\r':
		case '\n':
			break;
		default:
			something = 1;
			break;
		}
	}
	if (something)
		count++;
	if (count <= want)
		*end = n;
	return count;
}

void render_field_more(struct sbuf *out, const struct i18n *cat, long n)
{
	char num[32];
	const char *args[] = { "n", render_field_count(num, n), NULL };
	i18n_format(cat, "ui.field.more", args, out);
}

int render_field_header(struct sbuf *out, const struct i18n *cat, const char *name, size_t nl,
                        const char *value, size_t vl, int full)
{
	sbuf_add(out, name, nl);
	sbuf_adds(out, ": ");
	if (!full && render_field_is_list(name, nl)) {
		size_t end = vl;
		size_t items = render_field_items(value, vl, RENDER_FIELD_SHOWN, &end);
		if (items > RENDER_FIELD_SHOWN && (items > RENDER_FIELD_LIST_MAX || vl > RENDER_FIELD_MAX_BYTES) &&
		    end <= RENDER_FIELD_MAX_BYTES) {
			/* Only the addresses shown are decoded. */
			char *part = xstrndup(value, end);
			mime_decode_words(out, part);
			free(part);
			sbuf_addc(out, ' ');
			render_field_more(out, cat, (long)(items - RENDER_FIELD_SHOWN));
			return 1;
		}
	}
	size_t at = out->len;
	char *raw = xstrndup(value, vl);
	mime_decode_words(out, raw);
	free(raw);
	size_t dl = out->len - at;
	if (full || dl <= RENDER_FIELD_MAX_BYTES)
		return 0;
	const char *d = out->s + at;
	size_t cut = render_wrap_cut(d, dl, RENDER_FIELD_MAX_BYTES);
	long rest = 0;
	for (size_t i = cut; i < dl;) {
		uint32_t cp;
		i += (size_t)render_wrap_next(d + i, dl - i, &cp);
		rest++;
	}
	out->len = at + cut;
	out->s[out->len] = '\0';
	char num[32];
	const char *args[] = { "n", render_field_count(num, rest), NULL };
	sbuf_addc(out, ' ');
	i18n_format(cat, "ui.field.more_chars", args, out);
	return 1;
}

int render_field_envelope(struct sbuf *out, const struct i18n *cat, const struct msg *m, int full)
{
	sbuf_addf(out, "MAIL FROM:<%s>", m->mail_from ? m->mail_from : "");
	int cut = !full && m->nrcpt > RENDER_FIELD_LIST_MAX;
	int shown = cut ? RENDER_FIELD_SHOWN : m->nrcpt;
	for (int i = 0; i < shown; i++)
		sbuf_addf(out, "\nRCPT TO:<%s>", m->rcpt[i]);
	if (cut) {
		sbuf_addc(out, '\n');
		render_field_more(out, cat, (long)(m->nrcpt - RENDER_FIELD_SHOWN));
	}
	return cut;
}

int render_field_full_eq(const struct render_field_full *x, const struct render_field_full *y)
{
	if (x->part != y->part)
		return 0;
	return x->part != RENDER_FIELD_HEADER || (x->nth == y->nth && util_strcasecmp(x->name, y->name) == 0);
}
