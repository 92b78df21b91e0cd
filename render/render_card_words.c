/* render_card_words — which parts of the letter card a caption names, read
 * from its English text (see render_card_words.h). */
#include "render_card_words.h"

#include <ctype.h>
#include <string.h>

#include "util.h"

/* Is the wl bytes at p in text a word of their own, not part of a longer
 * word or field name ("Received" in "Received-SPF")? */
static int render_card_words_at(const char *text, const char *p, size_t wl)
{
	unsigned char before = p > text ? (unsigned char)p[-1] : ' ', after = (unsigned char)p[wl];
	return !(isalnum(before) || before == '-') && !(isalnum(after) || after == '-');
}

/* The first place from p on where text has the word w (wl bytes, case as
 * given) of its own, or NULL. */
static const char *render_card_words_find(const char *text, const char *p, const char *w, size_t wl)
{
	for (; (p = strstr(p, w)) != NULL; p++)
		if (render_card_words_at(text, p, wl))
			return p;
	return NULL;
}

/* Does the caption (its English text: both languages scroll alike) name
 * the envelope ("envelope", "MAIL FROM", "RCPT TO")? */
int render_card_words_envelope(const char *en)
{
	return en && (strstr(en, "envelope") || strstr(en, "Envelope") || render_card_words_find(en, en, "MAIL FROM", 9) ||
	              render_card_words_find(en, en, "RCPT TO", 7));
}

/* Does "header ", "header's " or "the " end just before p in text? */
static int render_card_words_after_header(const char *text, const char *p)
{
	static const char *const lead[] = { "header ", "header's ", "the " };
	for (size_t i = 0; i < sizeof lead / sizeof *lead; i++) {
		size_t ll = strlen(lead[i]);
		if ((size_t)(p - text) >= ll && util_strncasecmp(p - ll, lead[i], ll) == 0)
			return 1;
	}
	return 0;
}

int render_card_words_field(const char *en, const char *field)
{
	char w[32];
	size_t wl = strlen(field) - 1;   /* without its colon */
	if (!en || wl == 0 || wl >= sizeof w)
		return 0;
	memcpy(w, field, wl);
	w[wl] = '\0';
	for (const char *p = render_card_words_find(en, en, w, wl); p; p = render_card_words_find(en, p + 1, w, wl))
		if (wl > 4 || render_card_words_after_header(en, p))
			return 1;
	return 0;
}
