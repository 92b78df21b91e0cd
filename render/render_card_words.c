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

static int render_card_words_named(const char *n, size_t nl, const char *want)
{
	return strlen(want) == nl && util_strncasecmp(n, want, nl) == 0;
}

int render_card_words_trace(const char *n, size_t nl)
{
	static const char *const trace[] = {
		"Received", "Return-Path", "Delivered-To", "X-Original-To", "Authentication-Results", "Received-SPF",
	};
	for (size_t i = 0; i < sizeof trace / sizeof *trace; i++)
		if (render_card_words_named(n, nl, trace[i]))
			return 1;
	return 0;
}

/* The value's whitespace (folding, tabs) as single spaces, trimmed. */
static void render_card_words_clean(const char *v, size_t vl, struct sbuf *out)
{
	int sp = 0;
	for (size_t i = 0; i < vl; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			sp = out->len > 0;
			continue;
		}
		if (sp)
			sbuf_addc(out, ' ');
		sp = 0;
		sbuf_addc(out, (char)c);
	}
}

/* The word after " key " (or at the start) in s, into out; 0 if none. */
static int render_card_words_after(const char *s, const char *key, struct sbuf *out)
{
	size_t kl = strlen(key);
	for (const char *p = s; (p = strstr(p, key)) != NULL; p += kl) {
		if (p > s && p[-1] != ' ')
			continue;
		const char *w = p + kl;
		size_t wl = strcspn(w, " ;()");
		if (wl) {
			sbuf_add(out, w, wl);
			return 1;
		}
	}
	return 0;
}

void render_card_words_fold_from(const char *n, size_t nl, const char *v, size_t vl, struct sbuf *out)
{
	struct sbuf c = { 0 }, from = { 0 };
	render_card_words_clean(v, vl, &c);
	if (!render_card_words_named(n, nl, "Received") || !render_card_words_after(c.s ? c.s : "", "from ", &from)) {
		sbuf_free(&c);
		render_card_words_fold(n, nl, v, vl, out);
		return;
	}
	sbuf_add(out, n, nl);
	sbuf_addf(out, ": from %s …", from.s);
	sbuf_free(&from);
	sbuf_free(&c);
}

void render_card_words_fold(const char *n, size_t nl, const char *v, size_t vl, struct sbuf *out)
{
	struct sbuf c = { 0 };
	render_card_words_clean(v, vl, &c);
	const char *s = c.s ? c.s : "";
	sbuf_add(out, n, nl);
	sbuf_adds(out, ": ");
	if (render_card_words_named(n, nl, "Received")) {
		/* the way it came: "from A by B" */
		struct sbuf from = { 0 }, by = { 0 };
		if (render_card_words_after(s, "from ", &from))
			sbuf_addf(out, "from %s ", from.s);
		if (render_card_words_after(s, "by ", &by))
			sbuf_addf(out, "by %s ", by.s);
		sbuf_free(&from);
		sbuf_free(&by);
	} else if (render_card_words_named(n, nl, "Authentication-Results")) {
		/* who checked, and each method's result: "host; dkim=pass" */
		size_t id = strcspn(s, ";");
		sbuf_add(out, s, id);
		for (const char *p = s + id; *p == ';';) {
			p++;
			while (*p == ' ')
				p++;
			size_t wl = strcspn(p, " ;");
			if (wl && memchr(p, '=', wl))
				sbuf_addf(out, "; %.*s", (int)wl, p);
			p = strchr(p, ';');
			if (!p)
				break;
		}
		sbuf_addc(out, ' ');
	} else if (render_card_words_named(n, nl, "DKIM-Signature")) {
		/* who signed: "d=corp.example s=s2026" */
		struct sbuf d = { 0 }, sel = { 0 };
		if (render_card_words_after(s, "d=", &d))
			sbuf_addf(out, "d=%s ", d.s);
		if (render_card_words_after(s, "s=", &sel))
			sbuf_addf(out, "s=%s ", sel.s);
		sbuf_free(&d);
		sbuf_free(&sel);
	} else if (render_card_words_named(n, nl, "Received-SPF")) {
		size_t wl = strcspn(s, " ");   /* the result */
		sbuf_addf(out, "%.*s ", (int)wl, s);
	} else {
		sbuf_adds(out, s);   /* Return-Path, Delivered-To: short already */
		sbuf_free(&c);
		return;
	}
	sbuf_adds(out, "…");
	sbuf_free(&c);
}
