/* addrlist — RFC 5322 address lists, read with a one-token lookahead. */
#include "addrlist.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mime.h"
#include "util.h"

enum addrlist_tok {
	ADDRLIST_TOK_END,
	ADDRLIST_TOK_ATOM,          /* 1*atext (UTF-8 bytes count as atext) */
	ADDRLIST_TOK_QSTRING,       /* "…", raw text with its quotes */
	ADDRLIST_TOK_DLITERAL,      /* […], raw */
	ADDRLIST_TOK_SPECIAL,       /* one of < > @ , ; : . */
	ADDRLIST_TOK_COUNT
};
static const char *const addrlist_tok_names[ADDRLIST_TOK_COUNT] = {
	"end of field", "word", "quoted string", "domain literal", "special character",
};
_Static_assert(sizeof addrlist_tok_names / sizeof *addrlist_tok_names == ADDRLIST_TOK_COUNT,
               "addrlist_tok_names");

struct addrlist_lex {
	const char *s;
	size_t len, pos;
	enum addrlist_tok tok;      /* the current token */
	const char *p;              /* its text */
	size_t n;
	size_t off;                 /* its offset */
	int ws_before;              /* white space or a comment came before it */
	char *err;
	size_t errsz;
	int failed;
};

static void addrlist_fail(struct addrlist_lex *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void addrlist_fail(struct addrlist_lex *x, const char *fmt, ...)
{
	va_list ap;
	if (x->failed)
		return;   /* the first problem is the one to report */
	x->failed = 1;
	x->tok = ADDRLIST_TOK_END;
	if (x->err && x->errsz) {
		va_start(ap, fmt);
		vsnprintf(x->err, x->errsz, fmt, ap);
		va_end(ap);
	}
}

static int addrlist_is_atext(unsigned char c)
{
	if (c >= 0x80)
		return 1;   /* RFC 6532: UTF-8 in atoms */
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return 1;
	return c && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

static int addrlist_is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skip white space and (nested) comments; 1 if anything was skipped. */
static int addrlist_skip_cfws(struct addrlist_lex *x)
{
	size_t start = x->pos;
	while (x->pos < x->len) {
		char c = x->s[x->pos];
		if (addrlist_is_ws(c)) {
			x->pos++;
			continue;
		}
		if (c != '(')
			break;
		size_t open = x->pos;
		int depth = 0;
		while (x->pos < x->len) {
			c = x->s[x->pos++];
			if (c == '\\' && x->pos < x->len)
				x->pos++;
			else if (c == '(')
				depth++;
			else if (c == ')' && --depth == 0)
				break;
		}
		if (depth) {
			addrlist_fail(x, "offset %zu: comment is not closed", open);
			return 1;
		}
	}
	return x->pos > start;
}

/* Scan from the opening delimiter at x->pos to its closing one. */
static void addrlist_scan_delimited(struct addrlist_lex *x, char close, const char *what)
{
	size_t start = x->pos++;
	while (x->pos < x->len) {
		char c = x->s[x->pos++];
		if (c == '\\' && x->pos < x->len) {
			x->pos++;
		} else if (c == close) {
			x->n = x->pos - start;
			return;
		} else if (close == ']' && c == '[') {
			break;
		}
	}
	addrlist_fail(x, "offset %zu: %s is not closed", start, what);
}

static void addrlist_next(struct addrlist_lex *x)
{
	if (x->failed)
		return;
	x->ws_before = addrlist_skip_cfws(x);
	if (x->failed)
		return;
	x->off = x->pos;
	x->p = x->s + x->pos;
	x->n = 0;
	if (x->pos == x->len) {
		x->tok = ADDRLIST_TOK_END;
		return;
	}
	unsigned char c = (unsigned char)x->s[x->pos];
	if (addrlist_is_atext(c)) {
		while (x->pos < x->len && addrlist_is_atext((unsigned char)x->s[x->pos]))
			x->pos++;
		x->n = (size_t)(x->s + x->pos - x->p);
		x->tok = ADDRLIST_TOK_ATOM;
	} else if (c == '"') {
		x->tok = ADDRLIST_TOK_QSTRING;
		addrlist_scan_delimited(x, '"', "quoted string");
	} else if (c == '[') {
		x->tok = ADDRLIST_TOK_DLITERAL;
		addrlist_scan_delimited(x, ']', "domain literal");
	} else if (c && strchr("<>@,;:.", c)) {
		x->tok = ADDRLIST_TOK_SPECIAL;
		x->n = 1;
		x->pos++;
	} else {
		addrlist_fail(x, "offset %zu: character 0x%02X is not allowed here", x->pos, c);
	}
}

static int addrlist_is(const struct addrlist_lex *x, char special)
{
	return x->tok == ADDRLIST_TOK_SPECIAL && x->p[0] == special;
}

static int addrlist_is_word(const struct addrlist_lex *x)
{
	return x->tok == ADDRLIST_TOK_ATOM || x->tok == ADDRLIST_TOK_QSTRING;
}

static void addrlist_expected(struct addrlist_lex *x, const char *what)
{
	if (x->tok == ADDRLIST_TOK_END)
		addrlist_fail(x, "offset %zu: expected %s, found the end of the field", x->off, what);
	else
		addrlist_fail(x, "offset %zu: expected %s, found %s \"%.*s\"", x->off, what,
		              addrlist_tok_names[x->tok], x->n > 40 ? 40 : (int)x->n, x->p);
}

/* Words and dots read before we know whether they are a display name or
 * a local part. */
struct addrlist_phrase {
	struct sbuf display;        /* quoted strings unquoted, words joined by spaces */
	struct sbuf local;          /* the words and dots as written, no blanks */
	int words;
	int local_ok;               /* word *("." word) so far */
	int last_dot;
};

static void addrlist_phrase_read(struct addrlist_lex *x, struct addrlist_phrase *ph)
{
	sbuf_init(&ph->display);
	sbuf_init(&ph->local);
	ph->words = 0;
	ph->local_ok = 1;
	ph->last_dot = 1;   /* a local part must start with a word */
	while (!x->failed && (addrlist_is_word(x) || addrlist_is(x, '.'))) {
		if (addrlist_is(x, '.')) {
			if (ph->last_dot)
				ph->local_ok = 0;
			sbuf_addc(&ph->display, '.');
			sbuf_addc(&ph->local, '.');
			ph->last_dot = 1;
		} else {
			if (!ph->last_dot)
				ph->local_ok = 0;   /* two words in a row: a phrase, not a local part */
			if (ph->display.len && x->ws_before)
				sbuf_addc(&ph->display, ' ');
			if (x->tok == ADDRLIST_TOK_QSTRING) {
				for (size_t i = 1; i + 1 < x->n; i++) {
					if (x->p[i] == '\\' && i + 2 < x->n)
						i++;
					else if (x->p[i] == '\r' || x->p[i] == '\n')
						continue;   /* folding inside the quotes */
					sbuf_addc(&ph->display, x->p[i]);
				}
			} else {
				sbuf_add(&ph->display, x->p, x->n);
			}
			sbuf_add(&ph->local, x->p, x->n);
			ph->words++;
			ph->last_dot = 0;
		}
		addrlist_next(x);
	}
	if (ph->last_dot)
		ph->local_ok = 0;
}

static void addrlist_phrase_free(struct addrlist_phrase *ph)
{
	sbuf_free(&ph->display);
	sbuf_free(&ph->local);
}

/* domain = dot-atom / domain-literal (obs-domain: white space around the
 * dots).  Returns a malloc'd string or NULL after addrlist_fail. */
static char *addrlist_domain(struct addrlist_lex *x)
{
	if (x->tok == ADDRLIST_TOK_DLITERAL) {
		char *d = xstrndup(x->p, x->n);
		addrlist_next(x);
		return d;
	}
	struct sbuf d;
	sbuf_init(&d);
	for (;;) {
		if (x->tok != ADDRLIST_TOK_ATOM) {
			addrlist_expected(x, "a domain");
			sbuf_free(&d);
			return NULL;
		}
		sbuf_add(&d, x->p, x->n);
		addrlist_next(x);
		if (!addrlist_is(x, '.'))
			return sbuf_take(&d);
		sbuf_addc(&d, '.');
		addrlist_next(x);
	}
}

static void addrlist_push(struct addrlist *l, struct addrlist_lex *x, char *display, char *local,
                          char *domain, const char *group)
{
	if (l->n == ADDRLIST_MAX) {
		addrlist_fail(x, "more than %d mailboxes", ADDRLIST_MAX);
		free(display);
		free(local);
		free(domain);
		return;
	}
	l->v = xrealloc(l->v, (size_t)(l->n + 1) * sizeof *l->v);
	struct addrlist_mailbox *mb = &l->v[l->n++];
	/* Encoded-words are decoded for people to read (RFC 2047 section 6). */
	struct sbuf dec;
	sbuf_init(&dec);
	mime_decode_words(&dec, display);
	free(display);
	mb->display = sbuf_take(&dec);
	mb->local = local;
	mb->domain = domain;
	mb->group = group ? xstrdup(group) : NULL;
}

/* After '<': [obs-route] addr-spec '>'. */
static void addrlist_angle(struct addrlist_lex *x, struct addrlist *l, char *display,
                           const char *group)
{
	addrlist_next(x);
	if (addrlist_is(x, '@') || addrlist_is(x, ',')) {
		/* obs-route: "@a.example,@b.example:" — read and dropped. */
		while (!x->failed && (addrlist_is(x, '@') || addrlist_is(x, ','))) {
			if (addrlist_is(x, '@')) {
				addrlist_next(x);
				free(addrlist_domain(x));
			} else {
				addrlist_next(x);
			}
		}
		if (!addrlist_is(x, ':'))
			addrlist_expected(x, "':' after a source route");
		addrlist_next(x);
	}
	struct addrlist_phrase ph;
	addrlist_phrase_read(x, &ph);
	char *domain = NULL;
	if (!x->failed && (!ph.local_ok || !addrlist_is(x, '@')))
		addrlist_expected(x, ph.words ? "'@' after the local part" : "an address inside <>");
	if (!x->failed) {
		addrlist_next(x);
		domain = addrlist_domain(x);
	}
	if (!x->failed && !addrlist_is(x, '>'))
		addrlist_expected(x, "'>'");
	if (x->failed) {
		free(domain);
		free(display);
		addrlist_phrase_free(&ph);
		return;
	}
	addrlist_next(x);
	addrlist_push(l, x, display, sbuf_take(&ph.local), domain, group);
	addrlist_phrase_free(&ph);
}

/* mailbox = name-addr / addr-spec; or (allow_group) a whole group. */
static void addrlist_address(struct addrlist_lex *x, struct addrlist *l, const char *group,
                             int allow_group)
{
	struct addrlist_phrase ph;
	size_t start = x->off;
	addrlist_phrase_read(x, &ph);
	if (x->failed) {
		addrlist_phrase_free(&ph);
		return;
	}
	if (addrlist_is(x, '<')) {
		addrlist_angle(x, l, sbuf_take(&ph.display), group);
	} else if (addrlist_is(x, '@') && ph.words) {
		if (!ph.local_ok) {
			addrlist_fail(x, "offset %zu: \"%.*s\" is not a local part (a display name "
			                 "needs <> around the address)",
			              start, (int)(ph.local.len > 40 ? 40 : ph.local.len), ph.local.s);
		} else {
			addrlist_next(x);
			char *domain = addrlist_domain(x);
			if (domain)
				addrlist_push(l, x, xstrdup(""), sbuf_take(&ph.local), domain, group);
		}
	} else if (addrlist_is(x, ':') && ph.words && allow_group) {
		char *name = sbuf_take(&ph.display);
		l->ngroups++;
		addrlist_next(x);
		for (;;) {
			while (addrlist_is(x, ','))
				addrlist_next(x);
			if (x->failed || addrlist_is(x, ';'))
				break;
			if (x->tok == ADDRLIST_TOK_END) {
				addrlist_expected(x, "';' to end the group");
				break;
			}
			addrlist_address(x, l, name, 0);
			if (!x->failed && !addrlist_is(x, ',') && !addrlist_is(x, ';'))
				addrlist_expected(x, x->tok == ADDRLIST_TOK_END ? "';' to end the group"
				                                                : "',' or ';' in the group");
		}
		free(name);
		addrlist_next(x);   /* the ';' */
	} else if (ph.words) {
		addrlist_expected(x, allow_group ? "'<', '@' or ':' after the words"
		                                 : "'<' or '@' after the words");
	} else {
		addrlist_expected(x, "a mailbox");
	}
	addrlist_phrase_free(&ph);
}

int addrlist_parse(const char *value, size_t len, struct addrlist *out, char *err, size_t errsz)
{
	struct addrlist_lex x;
	memset(out, 0, sizeof *out);
	memset(&x, 0, sizeof x);
	x.s = value ? value : "";
	x.len = value ? len : 0;
	x.err = err;
	x.errsz = errsz;
	if (err && errsz)
		err[0] = '\0';
	addrlist_next(&x);
	while (!x.failed) {
		while (addrlist_is(&x, ','))
			addrlist_next(&x);
		if (x.tok == ADDRLIST_TOK_END || x.failed)
			break;
		addrlist_address(&x, out, NULL, 1);
		if (!x.failed && x.tok != ADDRLIST_TOK_END && !addrlist_is(&x, ','))
			addrlist_expected(&x, "',' between addresses");
	}
	if (x.failed) {
		addrlist_free(out);
		return -1;
	}
	return 0;
}

void addrlist_free(struct addrlist *l)
{
	if (!l)
		return;
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].display);
		free(l->v[i].local);
		free(l->v[i].domain);
		free(l->v[i].group);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}
