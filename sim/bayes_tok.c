/* bayes_tok — a mail's bytes to filter tokens: header fields, the MIME tree,
 * transfer encodings and charsets; the words themselves are bayes_text's. */
#include "bayes_tok.h"

#include <string.h>

#include "bayes_charset.h"
#include "bayes_text.h"
#include "mime.h"

/* Hostile nesting and part counts stop here; what lies deeper is not
 * tokenized (a real mail nests three or four levels). */
#define BAYES_TOK_DEPTH_MAX 10
#define BAYES_TOK_PARTS_MAX 256
/* Text beyond this many bytes of one part adds nothing a filter needs and
 * would only cost time. */
#define BAYES_TOK_TEXT_MAX (1u << 20)
#define BAYES_TOK_BOUNDARY_MAX 200
#define BAYES_TOK_NAME_MAX 26
/* Host names and addresses make header words longer than body words. */
#define BAYES_TOK_FIELD_WORD_MAX 30
/* A <meta> naming an HTML part's charset must start in its first
 * BAYES_TOK_META_WINDOW bytes (as far as bayes_tok_looks_html looks; a
 * long <style> often comes first in a newsletter) and end within
 * BAYES_TOK_META_TAG_MAX bytes of its '<'. */
#define BAYES_TOK_META_WINDOW 4096
#define BAYES_TOK_META_TAG_MAX 512

struct bayes_tok {
	struct bayes_charset *cs;
	struct sbuf hval;           /* a header value, unfolded */
	struct sbuf hdec;           /* the same, encoded-words decoded to UTF-8 */
	struct sbuf wtmp;           /* one encoded-word's bytes */
	struct sbuf dec;            /* a body part, transfer encoding undone */
	struct sbuf utf8;           /* the same in UTF-8 */
	struct sbuf html;           /* the same with HTML stripped */
};

/* What one entity's header says about its body. */
struct bayes_tok_part {
	char type[48];              /* "text/plain", lower case; "" if none */
	char charset[48];
	char boundary[BAYES_TOK_BOUNDARY_MAX + 1];
	size_t blen;
	char cte[24];               /* "base64", "quoted-printable", lower case */
};

struct bayes_tok *bayes_tok_new(void)
{
	struct bayes_tok *t = xcalloc(1, sizeof *t);
	t->cs = bayes_charset_new();
	return t;
}

void bayes_tok_free(struct bayes_tok *t)
{
	if (!t)
		return;
	bayes_charset_free(t->cs);
	sbuf_free(&t->hval);
	sbuf_free(&t->hdec);
	sbuf_free(&t->wtmp);
	sbuf_free(&t->dec);
	sbuf_free(&t->utf8);
	sbuf_free(&t->html);
	free(t);
}

static int bayes_tok_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* ---- RFC 2047 ------------------------------------------------------------- */

static int bayes_tok_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The encoded-word at s[0..n) ("=?cs?E?text?="): append its text as UTF-8
 * to out and return its length, or 0 when it is not one. */
static size_t bayes_tok_word(struct bayes_tok *t, const char *s, size_t n, struct sbuf *out)
{
	if (n < 8 || s[0] != '=' || s[1] != '?')
		return 0;
	size_t q1 = 2;
	while (q1 < n && s[q1] != '?' && !bayes_tok_blank(s[q1]))
		q1++;
	if (q1 + 2 >= n || s[q1] != '?' || q1 == 2 || s[q1 + 2] != '?')
		return 0;
	char enc = s[q1 + 1];
	size_t a = q1 + 3, b = a;
	while (b + 1 < n && !(s[b] == '?' && s[b + 1] == '=') && !bayes_tok_blank(s[b]))
		b++;
	if (b + 1 >= n || s[b] != '?' || s[b + 1] != '=')
		return 0;
	sbuf_reset(&t->wtmp);
	if (enc == 'B' || enc == 'b') {
		mime_b64_decode(&t->wtmp, s + a, b - a, 0);
	} else if (enc == 'Q' || enc == 'q') {
		for (size_t i = a; i < b; i++) {
			int hi, lo;
			if (s[i] == '_') {
				sbuf_addc(&t->wtmp, ' ');
			} else if (s[i] == '=' && i + 2 < b && (hi = bayes_tok_hex(s[i + 1])) >= 0 &&
			           (lo = bayes_tok_hex(s[i + 2])) >= 0) {
				sbuf_addc(&t->wtmp, (char)(hi << 4 | lo));
				i += 2;
			} else {
				sbuf_addc(&t->wtmp, s[i]);
			}
		}
	} else {
		return 0;
	}
	bayes_charset_to_utf8(t->cs, s + 2, q1 - 2, t->wtmp.s ? t->wtmp.s : "", t->wtmp.len, out);
	return b + 2;
}

/* hval decoded into hdec: encoded-words through their charsets, the rest
 * as undeclared text (raw 8-bit headers are common in spam). */
static void bayes_tok_decode_value(struct bayes_tok *t)
{
	const char *s = t->hval.s ? t->hval.s : "";
	size_t n = t->hval.len, i = 0, plain = 0;
	int after_word = 0;
	sbuf_reset(&t->hdec);
	sbuf_add(&t->hdec, "", 0);
	while (i + 1 < n) {
		const char *p = memchr(s + i, '=', n - i - 1);
		if (!p)
			break;
		size_t at = (size_t)(p - s);
		if (s[at + 1] != '?') {
			i = at + 1;
			continue;
		}
		/* RFC 2047 §6.2: blanks between two encoded-words vanish. */
		int gap_blank = after_word;
		for (size_t k = plain; k < at && gap_blank; k++)
			gap_blank = bayes_tok_blank(s[k]);
		size_t mark = t->hdec.len;
		if (!gap_blank)
			bayes_charset_to_utf8(t->cs, NULL, 0, s + plain, at - plain, &t->hdec);
		size_t used = bayes_tok_word(t, s + at, n - at, &t->hdec);
		if (used) {
			i = plain = at + used;
			after_word = 1;
		} else {
			/* Not a word after all: its text stays pending as plain. */
			t->hdec.len = mark;
			t->hdec.s[mark] = '\0';
			i = at + 1;
		}
	}
	if (plain < n)
		bayes_charset_to_utf8(t->cs, NULL, 0, s + plain, n - plain, &t->hdec);
}

/* ---- header fields -------------------------------------------------------- */

/* The value of parameter name (lower case) in a Content-Type-like value,
 * unquoted, into out (outsz bytes, cut to fit); its length, or 0. */
static size_t bayes_tok_param(const char *v, size_t n, const char *name, char *out,
                              size_t outsz)
{
	size_t nl = strlen(name), i = 0;
	out[0] = '\0';
	while (i < n) {
		const char *semi = memchr(v + i, ';', n - i);
		if (!semi)
			return 0;
		i = (size_t)(semi - v) + 1;
		while (i < n && bayes_tok_blank(v[i]))
			i++;
		if (!bayes_text_starts(v + i, n - i, name))
			continue;
		size_t k = i + nl;
		while (k < n && bayes_tok_blank(v[k]))
			k++;
		if (k >= n || v[k] != '=')
			continue;
		k++;
		while (k < n && bayes_tok_blank(v[k]))
			k++;
		size_t len = 0;
		if (k < n && v[k] == '"') {
			for (k++; k < n && v[k] != '"'; k++) {
				if (v[k] == '\\' && k + 1 < n)
					k++;
				if (len + 1 < outsz)
					out[len++] = v[k];
			}
		} else {
			for (; k < n && v[k] != ';' && !bayes_tok_blank(v[k]); k++)
				if (len + 1 < outsz)
					out[len++] = v[k];
		}
		out[len] = '\0';
		return len;
	}
	return 0;
}

/* The first word of a value, lower case, into out. */
static void bayes_tok_first_word(const char *v, size_t n, char *out, size_t outsz)
{
	size_t i = 0, k = 0;
	while (i < n && bayes_tok_blank(v[i]))
		i++;
	for (; i < n && v[i] != ';' && !bayes_tok_blank(v[i]) && k + 1 < outsz; i++) {
		char c = v[i];
		out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	out[k] = '\0';
}

/* The fields whose words are tokens.  The others mostly say which
 * mailing list or which relay a message went through, in many fields at
 * once (List-Id, List-Post, X-Beenthere, Errors-To, …): spam sent to a
 * list carries them as well as the list's ham, and their correlated
 * tokens drowned the words of the message (measured on the training half
 * of the SpamAssassin corpus: ROC AUC 0.9982 with every field, 0.9989 with
 * these). */
static int bayes_tok_field_wanted(const char *name, size_t n)
{
	static const char *const wanted[] = {
		"subject", "from", "to", "cc", "reply-to", "sender", "return-path", "received",
		"message-id", "content-type", "content-transfer-encoding", "content-disposition",
		"x-mailer", "user-agent", "organization", "x-priority", "x-msmail-priority",
		"importance",
	};
	for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
		if (strlen(wanted[i]) == n && memcmp(wanted[i], name, n) == 0)
			return 1;
	return 0;
}

static int bayes_tok_host_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '-' || c == '_';
}

/* A Received field says which machines handed the message on: its host
 * names and addresses are kept, as SpamBayes mines them, and the rest
 * (dates, queue ids, "from", "by", "with ESMTP") is left out: ids are
 * each seen once, and the words are in every Received line of ham and
 * spam alike.  A host name is a word with a dot and a letter
 * ("received:mail.example.net" and its domain "received:example.net"); an
 * IPv4 address gives itself and its /24 ("received:192.0.2.7",
 * "received:192.0.2"); the local part of an address is skipped.  On the
 * training half of the SpamAssassin corpus, against every word of the
 * field, this lowered the cost of the cheapest cut from 97 to 90 (README,
 * "How the filter was tuned"), and it leaves fewer tokens to look up. */
static void bayes_tok_received(struct bayes_emit *e, const char *v, size_t n)
{
	size_t i = 0;
	while (i < n) {
		while (i < n && !bayes_tok_host_char(v[i]))
			i++;
		size_t a = i;
		int dots = 0, alpha = 0;
		for (; i < n && bayes_tok_host_char(v[i]); i++) {
			dots += v[i] == '.';
			alpha |= (v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z');
		}
		size_t b = i;
		if (i < n && v[i] == '@')
			continue;                   /* a local part */
		while (b > a && v[b - 1] == '.') {
			b--;
			dots--;
		}
		if (dots < 1 || (!alpha && dots != 3))
			continue;                   /* a plain word, or a version number */
		if (bayes_text_host(e, "received:", 9, v + a, b - a)) {
			size_t p = b;
			while (v[p - 1] != '.')
				p--;
			bayes_text_emit(e, "received:", 9, v + a, p - 1 - a);
		}
	}
}

/* One complete field: tokens, and what the MIME walk needs from it. */
static void bayes_tok_field(struct bayes_tok *t, struct bayes_emit *e, const char *name,
                            size_t nlen, struct bayes_tok_part *part)
{
	char lname[BAYES_TOK_NAME_MAX + 2] = "";
	if (nlen > BAYES_TOK_NAME_MAX)
		nlen = BAYES_TOK_NAME_MAX;
	for (size_t i = 0; i < nlen; i++) {
		char c = name[i];
		lname[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	const char *v = t->hval.s ? t->hval.s : "";
	size_t vn = t->hval.len;
	if (nlen == 12 && memcmp(lname, "content-type", 12) == 0) {
		bayes_tok_first_word(v, vn, part->type, sizeof part->type);
		bayes_tok_param(v, vn, "charset", part->charset, sizeof part->charset);
		part->blen = bayes_tok_param(v, vn, "boundary", part->boundary, sizeof part->boundary);
	} else if (nlen == 25 && memcmp(lname, "content-transfer-encoding", 25) == 0) {
		bayes_tok_first_word(v, vn, part->cte, sizeof part->cte);
	}
	if (!bayes_tok_field_wanted(lname, nlen))
		return;
	if (nlen == 8 && memcmp(lname, "received", 8) == 0) {
		bayes_tok_received(e, v, vn);
		return;
	}
	lname[nlen] = ':';
	bayes_text_prefix(e, lname, nlen + 1);
	bayes_tok_decode_value(t);
	size_t wm = e->word_max;
	e->word_max = BAYES_TOK_FIELD_WORD_MAX;
	bayes_text_words(e, t->hdec.s, t->hdec.len);
	e->word_max = wm;
	bayes_text_prefix(e, "", 0);
}

/* Length of a field name at the start of the line (up to its ':'), or 0 if
 * the line is not a header field. */
static size_t bayes_tok_field_name(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (unsigned char)s[i] > ' ' && (unsigned char)s[i] < 0x7f && s[i] != ':')
		i++;
	size_t name = i;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return name && i < n && s[i] == ':' ? name : 0;
}

/* Tokenize the header at s[0..n) and return where the body starts.  A
 * first line that is not a field means there is no header at all. */
static size_t bayes_tok_header(struct bayes_tok *t, struct bayes_emit *e, const char *s,
                               size_t n, int top, struct bayes_tok_part *part)
{
	size_t pos = 0;
	const char *name = NULL;
	size_t nlen = 0;
	if (top && n >= 5 && memcmp(s, "From ", 5) == 0) {
		const char *nl = memchr(s, '\n', n);
		pos = nl ? (size_t)(nl - s) + 1 : n;
	}
	size_t first = pos;
	while (pos < n) {
		const char *nl = memchr(s + pos, '\n', n - pos);
		size_t end = nl ? (size_t)(nl - s) : n, next = nl ? end + 1 : n;
		size_t le = end;
		if (le > pos && s[le - 1] == '\r')
			le--;
		if (le == pos) {                /* the empty line */
			if (name)
				bayes_tok_field(t, e, name, nlen, part);
			return next;
		}
		if (s[pos] == ' ' || s[pos] == '\t') {
			if (name) {
				size_t a = pos;
				while (a < le && (s[a] == ' ' || s[a] == '\t'))
					a++;
				sbuf_addc(&t->hval, ' ');
				sbuf_add(&t->hval, s + a, le - a);
			}
		} else {
			size_t fl = bayes_tok_field_name(s + pos, le - pos);
			if (!fl && pos == first)
				return first;           /* no header: all body */
			if (name)
				bayes_tok_field(t, e, name, nlen, part);
			name = NULL;
			if (fl) {
				name = s + pos;
				nlen = fl;
				const char *colon = memchr(s + pos, ':', le - pos);
				size_t a = (size_t)(colon - s) + 1;
				while (a < le && (s[a] == ' ' || s[a] == '\t'))
					a++;
				sbuf_reset(&t->hval);
				sbuf_add(&t->hval, s + a, le - a);
			}
		}
		pos = next;
	}
	if (name)
		bayes_tok_field(t, e, name, nlen, part);
	return n;
}

/* ---- bodies --------------------------------------------------------------- */

/* Plain text that is really HTML (common in spam sent without a
 * Content-Type). */
static int bayes_tok_looks_html(const char *s, size_t n)
{
	if (n > 4096)
		n = 4096;
	for (size_t i = 0; i < n; i++) {
		const char *p = memchr(s + i, '<', n - i);
		if (!p)
			return 0;
		i = (size_t)(p - s);
		if (bayes_text_starts(p, n - i, "<html") || bayes_text_starts(p, n - i, "<body") ||
		    bayes_text_starts(p, n - i, "<!doctype html") ||
		    bayes_text_starts(p, n - i, "<a href") || bayes_text_starts(p, n - i, "<font") ||
		    bayes_text_starts(p, n - i, "<table") || bayes_text_starts(p, n - i, "<p>") ||
		    bayes_text_starts(p, n - i, "<br>") || bayes_text_starts(p, n - i, "<img"))
			return 1;
	}
	return 0;
}

/* A part read as HTML: declared so, or plain text (or no type) that
 * looks like it. */
static int bayes_tok_is_html(const struct bayes_tok_part *part, const char *s, size_t n)
{
	return strcmp(part->type, "text/html") == 0 ||
	       ((part->type[0] == '\0' || strcmp(part->type, "text/plain") == 0) &&
	        bayes_tok_looks_html(s, n));
}

static int bayes_tok_charset_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '-' || c == '_' || c == ':' || c == '+';
}

/* The charset named in one <meta> tag's attributes, s[0..n) (up to and
 * including its '>' when it has one): "charset=koi8-r" in
 * http-equiv's content or charset="koi8-r", into out; its length, or 0
 * when there is none, the name does not start with a letter or digit, or
 * it runs to the end of s or past outsz - 1 bytes (cut off, so perhaps
 * another charset's name). */
static size_t bayes_tok_meta_value(const char *s, size_t n, char *out, size_t outsz)
{
	for (size_t i = 0; i + 7 < n; i++) {
		if (!bayes_text_starts(s + i, n - i, "charset"))
			continue;
		size_t k = i + 7, m = 0;
		while (k < n && bayes_tok_blank(s[k]))
			k++;
		if (k >= n || s[k] != '=')
			continue;
		k++;
		while (k < n && (bayes_tok_blank(s[k]) || s[k] == '"' || s[k] == '\''))
			k++;
		while (k < n && m + 1 < outsz && bayes_tok_charset_char(s[k]))
			out[m++] = s[k++];
		/* Every charset's name starts with a letter or a digit; glibc's
		 * iconv takes "+++" for the locale's. */
		int alnum = m && !strchr(".-_:+", out[0]);
		if (alnum && k < n && !bayes_tok_charset_char(s[k])) {
			out[m] = '\0';
			return m;
		}
	}
	out[0] = '\0';
	return 0;
}

/* The charset an HTML part names in its own <meta> when its header names
 * none (<meta http-equiv="Content-Type" content="text/html;
 * charset=koi8-r">, <meta charset="koi8-r">), into out (outsz bytes);
 * 0 when there is none.  The tag was found by reading the bytes as ASCII,
 * so a charset in which ASCII markup does not read as itself (UTF-16,
 * UTF-32, UTF-7, EBCDIC) cannot be the part's and is not taken (HTML
 * itself reads a <meta> naming UTF-16 as UTF-8): a spammer naming one
 * would otherwise turn every word into noise.  A name iconv does not know
 * converts as undeclared text does, which is what it was before. */
static int bayes_tok_meta_charset(struct bayes_tok *t, const char *s, size_t n, char *out,
                                  size_t outsz)
{
	static const char probe[] = "<meta charset=\"x-y_z.1:2+3;\" />'";
	size_t win = n < BAYES_TOK_META_WINDOW ? n : BAYES_TOK_META_WINDOW;
	for (size_t i = 0; i < win; i++) {
		const char *p = memchr(s + i, '<', win - i);
		if (!p)
			return 0;
		i = (size_t)(p - s);
		if (i + 5 >= n || !bayes_text_starts(p, n - i, "<meta") ||
		    !(bayes_tok_blank(p[5]) || p[5] == '/'))
			continue;
		size_t lim = n - i < BAYES_TOK_META_TAG_MAX ? n : i + BAYES_TOK_META_TAG_MAX;
		const char *gt = memchr(p + 5, '>', lim - i - 5);
		size_t end = gt ? (size_t)(gt - s) + 1 : lim;
		if (!bayes_tok_meta_value(p + 5, end - i - 5, out, outsz)) {
			i = end - 1;            /* the next tag after this one */
			continue;
		}
		sbuf_reset(&t->html);
		bayes_charset_to_utf8(t->cs, out, strlen(out), probe, sizeof probe - 1, &t->html);
		return t->html.len == sizeof probe - 1 && memcmp(t->html.s, probe, t->html.len) == 0;
	}
	return 0;
}

static void bayes_tok_text(struct bayes_tok *t, struct bayes_emit *e,
                           const struct bayes_tok_part *part, const char *s, size_t n)
{
	if (n > BAYES_TOK_TEXT_MAX)
		n = BAYES_TOK_TEXT_MAX;
	const char *bytes = s;
	size_t blen = n;
	if (strcmp(part->cte, "base64") == 0) {
		sbuf_reset(&t->dec);
		mime_b64_decode(&t->dec, s, n, 0);
		bytes = t->dec.s ? t->dec.s : "";
		blen = t->dec.len;
	} else if (strcmp(part->cte, "quoted-printable") == 0) {
		sbuf_reset(&t->dec);
		mime_qp_decode(&t->dec, s, n);
		bytes = t->dec.s ? t->dec.s : "";
		blen = t->dec.len;
	}
	/* An undeclared HTML part may name its charset in a <meta>: a Russian
	 * spam in KOI8-R read as Latin-1 gave words seen nowhere else. */
	char meta[48];
	const char *cs = part->charset;
	if (!cs[0] && bayes_tok_is_html(part, bytes, blen) &&
	    bayes_tok_meta_charset(t, bytes, blen, meta, sizeof meta))
		cs = meta;
	sbuf_reset(&t->utf8);
	bayes_charset_to_utf8(t->cs, cs, strlen(cs), bytes, blen, &t->utf8);
	const char *u = t->utf8.s ? t->utf8.s : "";
	size_t ul = t->utf8.len;
	if (bayes_tok_is_html(part, u, ul)) {
		sbuf_reset(&t->html);
		bayes_text_html(e, u, ul, &t->html);
		bayes_text_words(e, t->html.s, t->html.len);
	} else {
		bayes_text_words(e, u, ul);
	}
}

static void bayes_tok_entity(struct bayes_tok *t, struct bayes_emit *e, const char *s,
                             size_t n, int depth);

/* The parts of a multipart body between its boundary lines; an unclosed
 * last part runs to the end.  Returns 0 when no boundary line is found
 * (the body is then read as text). */
static int bayes_tok_multipart(struct bayes_tok *t, struct bayes_emit *e,
                               const struct bayes_tok_part *part, const char *s, size_t n,
                               int depth)
{
	size_t blen = part->blen, pos = 0, start = 0;
	int open = 0, parts = 0, found = 0;
	while (pos < n) {
		const char *nl = memchr(s + pos, '\n', n - pos);
		size_t next = nl ? (size_t)(nl - s) + 1 : n;
		if (s[pos] == '-' && pos + 2 + blen <= n && s[pos + 1] == '-' &&
		    memcmp(s + pos + 2, part->boundary, blen) == 0) {
			found = 1;
			if (open && parts < BAYES_TOK_PARTS_MAX) {
				/* The line end before the boundary belongs to it. */
				size_t end = pos;
				if (end > start && s[end - 1] == '\n')
					end--;
				if (end > start && s[end - 1] == '\r')
					end--;
				bayes_tok_entity(t, e, s + start, end - start, depth + 1);
				parts++;
			}
			size_t after = pos + 2 + blen;
			if (after + 2 <= n && s[after] == '-' && s[after + 1] == '-')
				return 1;       /* the closing delimiter; the epilogue is noise */
			open = 1;
			start = next;
		}
		pos = next;
	}
	if (open && parts < BAYES_TOK_PARTS_MAX && start < n)
		bayes_tok_entity(t, e, s + start, n - start, depth + 1);
	return found;
}

static void bayes_tok_entity(struct bayes_tok *t, struct bayes_emit *e, const char *s,
                             size_t n, int depth)
{
	struct bayes_tok_part part;
	memset(&part, 0, sizeof part);
	size_t body = bayes_tok_header(t, e, s, n, depth == 0, &part);
	const char *b = s + body;
	size_t bn = n - body;
	if (depth >= BAYES_TOK_DEPTH_MAX)
		return;
	if (strncmp(part.type, "multipart/", 10) == 0 && part.blen &&
	    bayes_tok_multipart(t, e, &part, b, bn, depth))
		return;
	if (strcmp(part.type, "message/rfc822") == 0) {
		bayes_tok_entity(t, e, b, bn, depth + 1);
		return;
	}
	if (part.type[0] == '\0' || strncmp(part.type, "text/", 5) == 0 ||
	    strncmp(part.type, "multipart/", 10) == 0)
		bayes_tok_text(t, e, &part, b, bn);
}

void bayes_tok_message(struct bayes_tok *t, const char *data, size_t len,
                       bayes_tok_fn fn, void *ud)
{
	struct bayes_emit e;
	memset(&e, 0, sizeof e);
	e.fn = fn;
	e.ud = ud;
	e.word_max = BAYES_TOK_WORD_MAX;
	bayes_tok_entity(t, &e, data ? data : "", data ? len : 0, 0);
}
