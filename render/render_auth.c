/* render_auth — DKIM-Signature and Authentication-Results as rows for the
 * letter card (see render_auth.h). */
#include "render_auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_wrap.h"
#include "util.h"

const char *const render_auth_tone_names[RENDER_AUTH_TONE_COUNT] = {
	"plain", "key", "pass", "fail",
};
_Static_assert(sizeof render_auth_tone_names / sizeof render_auth_tone_names[0] == RENDER_AUTH_TONE_COUNT,
	       "tone names");

/* Pieces of a field value, split at ';' outside (comments) and "quotes". */
#define RENDER_AUTH_MAX_PIECES 32

struct render_auth_piece {
	const char *s;
	size_t n;
};

int render_auth_is_field(const char *name, size_t nl)
{
	return (nl == 14 && util_strncasecmp(name, "DKIM-Signature", 14) == 0) ||
	       (nl == 22 && util_strncasecmp(name, "Authentication-Results", 22) == 0) ||
	       (nl == 12 && util_strncasecmp(name, "Received-SPF", 12) == 0);
}

enum render_auth_tone render_auth_result_tone(const char *word, size_t n)
{
	static const char *const bad[] = { "fail", "softfail", "permerror", "temperror", "hardfail" };
	if (n == 4 && util_strncasecmp(word, "pass", 4) == 0)
		return RENDER_AUTH_PASS;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (strlen(bad[i]) == n && util_strncasecmp(word, bad[i], n) == 0)
			return RENDER_AUTH_FAIL;
	return RENDER_AUTH_PLAIN;
}

/* value with every run of white space (folding included) made one space,
 * into out (outsz bytes); the ends trimmed. */
static void render_auth_flatten(const char *v, size_t n, char *out, size_t outsz)
{
	size_t k = 0;
	int space = 0;
	for (size_t i = 0; i < n && k + 1 < outsz; i++) {
		char c = v[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			space = k > 0;
			continue;
		}
		if (space && k + 2 < outsz)
			out[k++] = ' ';
		space = 0;
		out[k++] = c;
	}
	out[k] = '\0';
}

static int render_auth_split(const char *s, struct render_auth_piece *p, int max)
{
	int n = 0, paren = 0, quote = 0;
	const char *start = s;
	for (const char *c = s;; c++) {
		if (*c && quote) {
			if (*c == '\\' && c[1])
				c++;
			else if (*c == '"')
				quote = 0;
			continue;
		}
		if (*c == '"')
			quote = 1;
		else if (*c == '(')
			paren++;
		else if (*c == ')' && paren)
			paren--;
		if (*c && (*c != ';' || paren))
			continue;
		while (start < c && *start == ' ')
			start++;
		size_t len = (size_t)(c - start);
		while (len && start[len - 1] == ' ')
			len--;
		if (len && n < max)
			p[n++] = (struct render_auth_piece){ start, len };
		if (!*c)
			break;
		start = c + 1;
	}
	return n;
}

/* Tag tag's value in a DKIM tag-list piece set, white space removed, into
 * out (at most keep characters then "…" when keep > 0); 0 if absent. */
static int render_auth_tag(const struct render_auth_piece *p, int n, const char *tag, char *out,
                           size_t outsz, size_t keep)
{
	size_t tl = strlen(tag);
	for (int i = 0; i < n; i++) {
		if (p[i].n <= tl || strncmp(p[i].s, tag, tl) != 0)
			continue;
		size_t j = tl;
		while (j < p[i].n && p[i].s[j] == ' ')
			j++;
		if (j >= p[i].n || p[i].s[j] != '=')
			continue;
		size_t k = 0;
		for (j++; j < p[i].n && k + 4 < outsz; j++)
			if (p[i].s[j] != ' ')
				out[k++] = p[i].s[j];
		out[k] = '\0';
		if (keep && k > keep) {
			size_t cut = render_wrap_cut(out, k, keep);
			snprintf(out + cut, outsz - cut, "…");
		}
		return 1;
	}
	return 0;
}

static int render_auth_dkim(const char *flat, struct render_auth_row *rows, int max)
{
	struct render_auth_piece p[RENDER_AUTH_MAX_PIECES];
	int n = render_auth_split(flat, p, RENDER_AUTH_MAX_PIECES);
	char d[128], sel[96], alg[32], h[64], bh[24], b[24];
	struct render_auth_row *r = &rows[0];
	(void)max;
	r->tail[0] = '\0';
	snprintf(r->lead, sizeof r->lead, "DKIM-Signature:");
	if (!render_auth_tag(p, n, "d", d, sizeof d, 0) || !render_auth_tag(p, n, "s", sel, sizeof sel, 0)) {
		r->tone = RENDER_AUTH_PLAIN;
		render_wrap_copy(r->text, sizeof r->text, flat);
		return 1;
	}
	r->tone = RENDER_AUTH_KEY;
	snprintf(r->text, sizeof r->text, "d=%s  s=%s", d, sel);
	struct sbuf rest = { 0 };
	if (render_auth_tag(p, n, "a", alg, sizeof alg, 0))
		sbuf_addf(&rest, "a=%s ", alg);
	if (render_auth_tag(p, n, "h", h, sizeof h, 24))
		sbuf_addf(&rest, "h=%s ", h);
	if (render_auth_tag(p, n, "bh", bh, sizeof bh, 8))
		sbuf_addf(&rest, "bh=%s ", bh);
	if (render_auth_tag(p, n, "b", b, sizeof b, 8))
		sbuf_addf(&rest, "b=%s", b);
	render_wrap_copy(r->tail, sizeof r->tail, rest.s ? rest.s : "");
	sbuf_free(&rest);
	return 1;
}

static int render_auth_results(const char *flat, struct render_auth_row *rows, int max)
{
	struct render_auth_piece p[RENDER_AUTH_MAX_PIECES];
	int n = render_auth_split(flat, p, RENDER_AUTH_MAX_PIECES), k = 0;
	struct render_auth_row *r = &rows[k++];
	r->tone = RENDER_AUTH_PLAIN;
	r->tail[0] = '\0';
	snprintf(r->lead, sizeof r->lead, "Authentication-Results:");
	snprintf(r->text, sizeof r->text, "%.*s;", n ? (int)(p[0].n < 300 ? p[0].n : 300) : 0,
	         n ? p[0].s : "");
	for (int i = 1; i < n && k < max; i++) {
		r = &rows[k++];
		r->lead[0] = r->tail[0] = '\0';
		const char *eq = memchr(p[i].s, '=', p[i].n);
		size_t wl = 0;
		if (eq)
			while (eq + 1 + wl < p[i].s + p[i].n && eq[1 + wl] != ' ' && eq[1 + wl] != '(')
				wl++;
		r->tone = eq ? render_auth_result_tone(eq + 1, wl) : RENDER_AUTH_PLAIN;
		char piece[320];
		snprintf(piece, sizeof piece, "  %.*s", (int)(p[i].n < 310 ? p[i].n : 310), p[i].s);
		render_wrap_copy(r->text, sizeof r->text, piece);
	}
	return k;
}

/* Received-SPF (RFC 7208 9.1): the result word first, toned, then the
 * comment and the key=value pairs, shortened. */
static int render_auth_spf(const char *flat, struct render_auth_row *rows)
{
	struct render_auth_row *r = &rows[0];
	size_t wl = strcspn(flat, " ;(");
	snprintf(r->lead, sizeof r->lead, "Received-SPF:");
	snprintf(r->text, sizeof r->text, "%.*s", (int)(wl < 64 ? wl : 64), flat);
	r->tone = render_auth_result_tone(flat, wl);
	const char *rest = flat + wl;
	while (*rest == ' ')
		rest++;
	render_wrap_copy(r->tail, sizeof r->tail, rest);
	return 1;
}

int render_auth_rows(const char *name, size_t nl, const char *value, size_t vl,
                     struct render_auth_row *rows, int max)
{
	if (max <= 0 || !render_auth_is_field(name, nl))
		return 0;
	char *flat = xmalloc(vl + 1);
	render_auth_flatten(value, vl, flat, vl + 1);
	int n = nl == 14 ? render_auth_dkim(flat, rows, max)
	        : nl == 12 ? render_auth_spf(flat, rows) : render_auth_results(flat, rows, max);
	free(flat);
	return n;
}
