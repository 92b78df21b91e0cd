/* msg — one mail message: envelope, header fields kept as offsets into one
 * buffer, and a CRLF body; RFC 5322 serialization and parsing. */
#include "msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mime.h"
#include "util.h"

#define MSG_LINE_MAX 78         /* RFC 5322 §2.1.1: SHOULD, CRLF excluded */
#define MSG_LINE_HARD_MAX 998   /* RFC 5322 §2.1.1: MUST */
#define MSG_WORD_MAX 75         /* RFC 2047 §2 */

/* ---- header storage ---------------------------------------------------- */

/* Copy n bytes to the end of m->hdr and return their offset.  Offsets are
 * 32-bit to keep struct msg_field small; msg_parse refuses input that could
 * get near that, so reaching it here is a bug. */
static uint32_t msg_hdr_add(struct msg *m, const char *s, size_t n)
{
	if (n > UINT32_MAX - m->hdr_len)
		PANIC("header storage would pass 4 GiB");
	if (m->hdr_len + n > m->hdr_cap) {
		size_t cap = m->hdr_cap ? m->hdr_cap : 256;
		while (cap < m->hdr_len + n)
			cap *= 2;
		if (cap > UINT32_MAX)
			cap = UINT32_MAX;
		m->hdr = xrealloc(m->hdr, cap);
		m->hdr_cap = (uint32_t)cap;
	}
	uint32_t off = m->hdr_len;
	if (n)
		memcpy(m->hdr + off, s, n);
	m->hdr_len += (uint32_t)n;
	return off;
}

/* RFC 5322 §2.2: a field name is one or more printable ASCII characters
 * other than the colon. */
static int msg_name_ok(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 33 || c > 126 || c == ':')
			return 0;
	}
	return 1;
}

static void msg_field_add(struct msg *m, int at_top, const char *name, size_t nlen,
                          const char *value, size_t vlen)
{
	if (m->nfields == m->capfields) {
		if (m->capfields > (1 << 28))
			PANIC("too many header fields");
		m->capfields = m->capfields ? m->capfields * 2 : 8;
		m->fields = xrealloc(m->fields, (size_t)m->capfields * sizeof *m->fields);
	}
	struct msg_field f;
	f.name_off = msg_hdr_add(m, name, nlen);
	f.name_len = (uint32_t)nlen;
	f.value_off = msg_hdr_add(m, value, vlen);
	f.value_len = (uint32_t)vlen;
	/* A CR or LF in a value would let it end the field early and inject
	 * new fields when serialized; a space keeps the text readable. */
	for (uint32_t i = 0; i < f.value_len; i++) {
		char *c = &m->hdr[f.value_off + i];
		if (*c == '\r' || *c == '\n')
			*c = ' ';
	}
	if (at_top) {
		memmove(m->fields + 1, m->fields, (size_t)m->nfields * sizeof *m->fields);
		m->fields[0] = f;
	} else {
		m->fields[m->nfields] = f;
	}
	m->nfields++;
}

static void msg_field_add_str(struct msg *m, int at_top, const char *name, const char *value)
{
	size_t nlen = name ? strlen(name) : 0;
	if (!msg_name_ok(name, nlen))
		PANIC("invalid field name \"%s\"", name ? name : "(null)");
	if (!value)
		value = "";
	msg_field_add(m, at_top, name, nlen, value, strlen(value));
}

/* Unfolding a continuation line lengthens the newest field; msg_parse only
 * appends, so that field's value always ends the storage. */
static void msg_field_extend_last(struct msg *m, const char *s, size_t n)
{
	struct msg_field *f = &m->fields[m->nfields - 1];
	if (f->value_off + f->value_len != m->hdr_len)
		PANIC("last value does not end the header storage");
	msg_hdr_add(m, s, n);
	f->value_len += (uint32_t)n;
}

static int msg_field_is(const struct msg *m, int i, const char *name, size_t nlen)
{
	const struct msg_field *f = &m->fields[i];
	return f->name_len == nlen && !util_strncasecmp(m->hdr + f->name_off, name, nlen);
}

/* Removal leaves dead bytes behind; rebuild the storage once they
 * outweigh the live ones so that a message edited at every hop stays small. */
static void msg_hdr_compact(struct msg *m)
{
	size_t live = 0;
	for (int i = 0; i < m->nfields; i++)
		live += m->fields[i].name_len + m->fields[i].value_len;
	if (m->hdr_len - live <= live)
		return;
	char *h = live ? xmalloc(live) : NULL;
	uint32_t off = 0;
	for (int i = 0; i < m->nfields; i++) {
		struct msg_field *f = &m->fields[i];
		memcpy(h + off, m->hdr + f->name_off, f->name_len);
		f->name_off = off;
		off += f->name_len;
		memcpy(h + off, m->hdr + f->value_off, f->value_len);
		f->value_off = off;
		off += f->value_len;
	}
	free(m->hdr);
	m->hdr = h;
	m->hdr_len = off;
	m->hdr_cap = off;
}

/* ---- life cycle and envelope -------------------------------------------- */

struct msg *msg_new(void)
{
	struct msg *m = xcalloc(1, sizeof *m);
	m->ledger = -1;
	m->mail_from = xstrdup("");
	m->body = xstrdup("");
	return m;
}

void msg_free(struct msg *m)
{
	if (!m)
		return;
	free(m->mail_from);
	for (int i = 0; i < m->nrcpt; i++)
		free(m->rcpt[i]);
	free(m->rcpt);
	free(m->fields);
	free(m->hdr);
	free(m->body);
	free(m);
}

struct msg *msg_clone(const struct msg *m)
{
	struct msg *c = xcalloc(1, sizeof *c);
	c->ledger = m->ledger;
	c->copy = m->copy;
	c->flags = m->flags;
	c->mail_from = xstrdup(m->mail_from);
	/* Copies are sized to fit: clones are what pile up in queues. */
	if (m->nrcpt) {
		c->rcpt = xmalloc((size_t)m->nrcpt * sizeof *c->rcpt);
		for (int i = 0; i < m->nrcpt; i++)
			c->rcpt[i] = xstrdup(m->rcpt[i]);
	}
	c->nrcpt = c->caprcpt = m->nrcpt;
	if (m->nfields) {
		c->fields = xmalloc((size_t)m->nfields * sizeof *c->fields);
		memcpy(c->fields, m->fields, (size_t)m->nfields * sizeof *c->fields);
	}
	c->nfields = c->capfields = m->nfields;
	if (m->hdr_len) {
		c->hdr = xmalloc(m->hdr_len);
		memcpy(c->hdr, m->hdr, m->hdr_len);
	}
	c->hdr_len = c->hdr_cap = m->hdr_len;
	c->body = xstrndup(m->body, m->body_len);
	c->body_len = m->body_len;
	return c;
}

void msg_set_mail_from(struct msg *m, const char *addr)
{
	free(m->mail_from);
	m->mail_from = xstrdup(addr ? addr : "");
}

void msg_add_rcpt(struct msg *m, const char *addr)
{
	if (m->nrcpt == m->caprcpt) {
		m->caprcpt = m->caprcpt ? m->caprcpt * 2 : 4;
		m->rcpt = xrealloc(m->rcpt, (size_t)m->caprcpt * sizeof *m->rcpt);
	}
	m->rcpt[m->nrcpt++] = xstrdup(addr ? addr : "");
}

void msg_clear_rcpt(struct msg *m)
{
	for (int i = 0; i < m->nrcpt; i++)
		free(m->rcpt[i]);
	m->nrcpt = 0;
}

/* ---- header API --------------------------------------------------------- */

void msg_header_append(struct msg *m, const char *name, const char *value)
{
	msg_field_add_str(m, 0, name, value);
}

void msg_header_prepend(struct msg *m, const char *name, const char *value)
{
	msg_field_add_str(m, 1, name, value);
}

int msg_header_count(const struct msg *m, const char *name)
{
	size_t nlen = name ? strlen(name) : 0;
	int n = 0;
	for (int i = 0; i < m->nfields && nlen; i++)
		n += msg_field_is(m, i, name, nlen);
	return n;
}

int msg_header_get(const struct msg *m, const char *name, char *out, size_t outsz)
{
	size_t nlen = name ? strlen(name) : 0;
	if (out && outsz)
		out[0] = '\0';
	for (int i = 0; i < m->nfields && nlen; i++) {
		if (!msg_field_is(m, i, name, nlen))
			continue;
		if (out && outsz) {
			const char *v = m->hdr + m->fields[i].value_off;
			size_t n = m->fields[i].value_len;
			if (n > outsz - 1) {
				/* Cut before a UTF-8 character that would not fit whole:
				 * its lead byte is at most three bytes back. */
				n = outsz - 1;
				size_t b = n;
				while (b > 0 && n - b < 3 && ((unsigned char)v[b] & 0xC0) == 0x80)
					b--;
				unsigned char lead = (unsigned char)v[b];
				size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
				if (b < n && lead >= 0xC0 && b + len > n)
					n = b;
			}
			memcpy(out, v, n);
			out[n] = '\0';
		}
		return 1;
	}
	return 0;
}

const char *msg_field_name(const struct msg *m, int i, size_t *len)
{
	if (i < 0 || i >= m->nfields)
		PANIC("field %d of %d", i, m->nfields);
	if (len)
		*len = m->fields[i].name_len;
	return m->hdr + m->fields[i].name_off;
}

const char *msg_field_value(const struct msg *m, int i, size_t *len)
{
	if (i < 0 || i >= m->nfields)
		PANIC("field %d of %d", i, m->nfields);
	if (len)
		*len = m->fields[i].value_len;
	return m->hdr + m->fields[i].value_off;
}

int msg_header_remove(struct msg *m, const char *name)
{
	size_t nlen = name ? strlen(name) : 0;
	int kept = 0;
	if (!nlen)
		return 0;
	for (int i = 0; i < m->nfields; i++)
		if (!msg_field_is(m, i, name, nlen))
			m->fields[kept++] = m->fields[i];
	int removed = m->nfields - kept;
	m->nfields = kept;
	if (removed)
		msg_hdr_compact(m);
	return removed;
}

/* ---- body --------------------------------------------------------------- */

/* Store n bytes as the body with every line end (CRLF, bare LF, bare CR)
 * made CRLF, the only line end SMTP and RFC 5322 allow. */
static void msg_body_store(struct msg *m, const char *s, size_t n)
{
	struct sbuf b;
	size_t run = 0;

	sbuf_init(&b);
	sbuf_reserve(&b, n + n / 16);
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\r' && s[i] != '\n')
			continue;
		sbuf_add(&b, s + run, i - run);
		sbuf_add(&b, "\r\n", 2);
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
			i++;
		run = i + 1;
	}
	sbuf_add(&b, s + run, n - run);
	free(m->body);
	m->body_len = b.len;
	m->body = sbuf_take(&b);
}

void msg_set_body(struct msg *m, const char *text)
{
	text = text ? text : "";
	msg_body_store(m, text, strlen(text));
}

static size_t msg_longest_line(const char *s, size_t n)
{
	size_t best = 0, start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '\n')
			continue;
		size_t len = i - start;
		if (len && s[i - 1] == '\r')
			len--;
		if (len > best)
			best = len;
		start = i + 1;
	}
	return best;
}

void msg_set_body_text_utf8(struct msg *m, const char *text)
{
	/* Canonical form (CRLF line ends) comes before the transfer encoding:
	 * RFC 2049 §4, step 2. */
	msg_set_body(m, text);
	int plain = !mime_has_8bit(m->body, m->body_len) &&
	            msg_longest_line(m->body, m->body_len) <= MSG_LINE_HARD_MAX;

	msg_header_remove(m, "MIME-Version");
	msg_header_remove(m, "Content-Type");
	msg_header_remove(m, "Content-Transfer-Encoding");
	msg_header_append(m, "MIME-Version", "1.0");
	msg_header_append(m, "Content-Type", "text/plain; charset=UTF-8");
	msg_header_append(m, "Content-Transfer-Encoding", plain ? "7bit" : "base64");
	if (plain)
		return;

	struct sbuf b;
	sbuf_init(&b);
	mime_b64_encode(&b, m->body, m->body_len, 76);
	free(m->body);
	m->body_len = b.len;
	m->body = sbuf_take(&b);
}

char *msg_body_text_decoded(const struct msg *m)
{
	char cte[64];
	struct sbuf b;

	/* The mechanism is the first token; case, blanks and a trailing
	 * comment do not matter (RFC 2045 §6.1). */
	msg_header_get(m, "Content-Transfer-Encoding", cte, sizeof cte);
	char *tok = cte;
	while (*tok == ' ' || *tok == '\t')
		tok++;
	size_t toklen = strcspn(tok, " \t(;");

	sbuf_init(&b);
	if (toklen == 6 && !util_strncasecmp(tok, "base64", 6))
		mime_b64_decode(&b, m->body, m->body_len, 0);
	else if (toklen == 16 && !util_strncasecmp(tok, "quoted-printable", 16))
		mime_qp_decode(&b, m->body, m->body_len);
	else
		sbuf_add(&b, m->body, m->body_len);

	/* For display: CRLF becomes LF and NUL bytes go (they would end the
	 * C string early). */
	size_t w = 0;
	for (size_t r = 0; r < b.len; r++) {
		if (b.s[r] == '\0' || (b.s[r] == '\r' && r + 1 < b.len && b.s[r + 1] == '\n'))
			continue;
		b.s[w++] = b.s[r];
	}
	b.len = w;
	b.s[w] = '\0';
	return sbuf_take(&b);
}

/* ---- serialization ------------------------------------------------------ */

enum msg_kind {
	MSG_KIND_UNSTRUCTURED,      /* the whole value may become encoded-words */
	MSG_KIND_ADDRESS,           /* only display names may */
	MSG_KIND_STRUCTURED,        /* no encoded-words allowed: left as it is */
};

/* Fields not listed are unstructured, as Python's email package and most
 * readers treat unknown fields. */
static const struct {
	const char *name;
	enum msg_kind kind;
} msg_kinds[] = {
	{ "From", MSG_KIND_ADDRESS },
	{ "Sender", MSG_KIND_ADDRESS },
	{ "Reply-To", MSG_KIND_ADDRESS },
	{ "To", MSG_KIND_ADDRESS },
	{ "Cc", MSG_KIND_ADDRESS },
	{ "Bcc", MSG_KIND_ADDRESS },
	{ "Resent-From", MSG_KIND_ADDRESS },
	{ "Resent-Sender", MSG_KIND_ADDRESS },
	{ "Resent-To", MSG_KIND_ADDRESS },
	{ "Resent-Cc", MSG_KIND_ADDRESS },
	{ "Resent-Bcc", MSG_KIND_ADDRESS },
	{ "Date", MSG_KIND_STRUCTURED },
	{ "Resent-Date", MSG_KIND_STRUCTURED },
	{ "Message-ID", MSG_KIND_STRUCTURED },
	{ "Resent-Message-ID", MSG_KIND_STRUCTURED },
	{ "In-Reply-To", MSG_KIND_STRUCTURED },
	{ "References", MSG_KIND_STRUCTURED },
	{ "Received", MSG_KIND_STRUCTURED },
	{ "Return-Path", MSG_KIND_STRUCTURED },
	{ "Delivered-To", MSG_KIND_STRUCTURED },
	{ "MIME-Version", MSG_KIND_STRUCTURED },
	{ "Content-Type", MSG_KIND_STRUCTURED },
	{ "Content-Transfer-Encoding", MSG_KIND_STRUCTURED },
	{ "Content-Disposition", MSG_KIND_STRUCTURED },
	{ "Content-ID", MSG_KIND_STRUCTURED },
	{ "DKIM-Signature", MSG_KIND_STRUCTURED },
	{ "Authentication-Results", MSG_KIND_STRUCTURED },
};

static enum msg_kind msg_kind_of(const char *name, size_t nlen)
{
	for (size_t i = 0; i < sizeof msg_kinds / sizeof msg_kinds[0]; i++)
		if (strlen(msg_kinds[i].name) == nlen &&
		    !util_strncasecmp(name, msg_kinds[i].name, nlen))
			return msg_kinds[i].kind;
	return MSG_KIND_UNSTRUCTURED;
}

static int msg_is_wsp(char c)
{
	return c == ' ' || c == '\t';
}

/* Index of the first stop character in v[i..n) that is outside quoted
 * strings, comments and angle brackets; n if there is none. */
static size_t msg_addr_find(const char *v, size_t i, size_t n, char stop)
{
	int quote = 0, depth = 0, angle = 0;

	for (; i < n; i++) {
		char c = v[i];
		if ((quote || depth) && c == '\\') {
			i++;
			continue;
		}
		if (quote) {
			quote = c != '"';
		} else if (depth) {
			depth += (c == '(') - (c == ')');
		} else if (c == stop && !angle) {
			return i;
		} else if (c == '"') {
			quote = 1;
		} else if (c == '(') {
			depth = 1;
		} else if (c == '<') {
			angle = 1;
		} else if (c == '>') {
			angle = 0;
		}
	}
	return n;
}

/* Append one mailbox, its display name as encoded-words when it is not
 * ASCII ("=?UTF-8?B?...?= <alice@a.example>").  at_start: the mailbox
 * opens the field value; first_max is then the room left on the first line. */
static void msg_encode_mailbox(struct sbuf *out, const char *v, size_t n, int at_start,
                               size_t first_max)
{
	size_t lead = 0;
	while (lead < n && msg_is_wsp(v[lead]))
		lead++;
	size_t lt = msg_addr_find(v, lead, n, '<');
	size_t end = lt;
	while (end > lead && msg_is_wsp(v[end - 1]))
		end--;
	if (lt == n || end == lead || !mime_has_8bit(v + lead, end - lead)) {
		/* No display name to encode: an 8-bit address or comment needs
		 * SMTPUTF8 and is left for the reader to cope with. */
		sbuf_add(out, v, n);
		return;
	}

	/* Encoded-words may not sit inside a quoted string (RFC 2047 §5), so
	 * a quoted name is unquoted first. */
	struct sbuf name;
	const char *p = v + lead;
	size_t plen = end - lead, k = 1;
	sbuf_init(&name);
	while (plen >= 2 && p[0] == '"' && k < plen && p[k] != '"')
		k += p[k] == '\\' ? 2 : 1;
	if (plen >= 2 && p[0] == '"' && k == plen - 1) {
		for (k = 1; k < plen - 1; k++) {
			if (p[k] == '\\')
				k++;
			sbuf_addc(&name, p[k]);
		}
		p = name.s ? name.s : "";
		plen = name.len;
	}

	if (lead)
		sbuf_add(out, v, lead);
	else if (!at_start)
		sbuf_addc(out, ' ');    /* a fold point before the long word */
	if (at_start)
		first_max = first_max > lead ? first_max - lead : 0;
	else
		first_max = MSG_WORD_MAX;
	mime_encode_words(out, p, plen, first_max);
	sbuf_addc(out, ' ');
	sbuf_add(out, v + lt, n - lt);
	sbuf_free(&name);
}

/* Append a value with 8-bit bytes made 7-bit the way its field allows. */
static void msg_encode_value(struct sbuf *out, const char *name, size_t nlen,
                             const char *v, size_t n)
{
	size_t room = MSG_LINE_MAX > nlen + 2 ? MSG_LINE_MAX - (nlen + 2) : 0;

	switch (msg_kind_of(name, nlen)) {
	case MSG_KIND_UNSTRUCTURED:
		mime_encode_words(out, v, n, room);
		break;
	case MSG_KIND_ADDRESS:
		for (size_t start = 0;;) {
			size_t comma = msg_addr_find(v, start, n, ',');
			msg_encode_mailbox(out, v + start, comma - start, start == 0, room);
			if (comma == n)
				break;
			sbuf_addc(out, ',');
			start = comma + 1;
		}
		break;
	case MSG_KIND_STRUCTURED:
		sbuf_add(out, v, n);
		break;
	default:
		PANIC("unknown field kind");
	}
}

/* Append "name: value" CRLF, folded (RFC 5322 §2.2.3) by putting CRLF
 * before a blank.  A fold point is the last blank of a run that follows
 * some text, so every continuation line holds more than white space and
 * unfolding gives back the value byte for byte.  Lines are filled greedily;
 * one can pass 78 only when it has no fold point. */
static void msg_fold(struct sbuf *out, const char *name, size_t nlen, const char *v, size_t n)
{
	size_t col = nlen + 2, seg = 0;
	int seen_text = 0;

	sbuf_add(out, name, nlen);
	sbuf_add(out, ": ", 2);
	for (size_t i = 0; i <= n; i++) {
		int fold_point = i == n || (seen_text && msg_is_wsp(v[i]) && i + 1 < n &&
		                            !msg_is_wsp(v[i + 1]));
		if (i < n && !msg_is_wsp(v[i]))
			seen_text = 1;
		if (!fold_point)
			continue;
		size_t len = i - seg;
		if (seg > 0 && col + len > MSG_LINE_MAX) {
			sbuf_add(out, "\r\n", 2);
			col = 0;
		}
		sbuf_add(out, v + seg, len);
		col += len;
		seg = i;
	}
	sbuf_add(out, "\r\n", 2);
}

char *msg_serialize(const struct msg *m, size_t *len)
{
	struct sbuf out, tmp;

	sbuf_init(&out);
	sbuf_init(&tmp);
	sbuf_reserve(&out, m->hdr_len + (size_t)m->nfields * 8 + m->body_len + 2);
	for (int i = 0; i < m->nfields; i++) {
		const char *name = m->hdr + m->fields[i].name_off;
		const char *v = m->hdr + m->fields[i].value_off;
		size_t nlen = m->fields[i].name_len, vlen = m->fields[i].value_len;
		if (mime_has_8bit(v, vlen)) {
			sbuf_reset(&tmp);
			msg_encode_value(&tmp, name, nlen, v, vlen);
			v = tmp.s;
			vlen = tmp.len;
		}
		msg_fold(&out, name, nlen, v, vlen);
	}
	sbuf_add(&out, "\r\n", 2);
	sbuf_add(&out, m->body, m->body_len);
	sbuf_free(&tmp);
	if (len)
		*len = out.len;
	return sbuf_take(&out);
}

/* ---- parsing ------------------------------------------------------------ */

static struct msg *msg_parse_fail(struct msg *m, char *err, size_t errsz, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static struct msg *msg_parse_fail(struct msg *m, char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;
	if (err && errsz) {
		va_start(ap, fmt);
		vsnprintf(err, errsz, fmt, ap);
		va_end(ap);
	}
	msg_free(m);
	return NULL;
}

struct msg *msg_parse(const char *text, size_t len, char *err, size_t errsz)
{
	if (err && errsz)
		err[0] = '\0';
	if (!text || len == 0)
		return msg_parse_fail(NULL, err, errsz, "empty message");
	if (len >= UINT32_MAX)
		return msg_parse_fail(NULL, err, errsz, "message too large (%zu bytes)", len);
	const char *nul = memchr(text, '\0', len);
	if (nul)
		return msg_parse_fail(NULL, err, errsz, "NUL byte at offset %zu",
		                      (size_t)(nul - text));

	struct msg *m = msg_new();
	size_t pos = 0, lineno = 1;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t next = nl ? end + 1 : len;
		if (end > pos && text[end - 1] == '\r')
			end--;
		const char *line = text + pos;
		size_t n = end - pos;
		if (n == 0) {               /* the blank line: the body follows */
			pos = next;
			break;
		}
		if (memchr(line, '\r', n))
			return msg_parse_fail(m, err, errsz, "line %zu: bare CR in header", lineno);
		if (msg_is_wsp(line[0])) {
			if (!m->nfields)
				return msg_parse_fail(m, err, errsz,
				                      "line %zu: continuation line before any field", lineno);
			msg_field_extend_last(m, line, n);
		} else {
			const char *colon = memchr(line, ':', n);
			if (!colon)
				return msg_parse_fail(m, err, errsz, "line %zu: header line has no colon",
				                      lineno);
			size_t nlen = (size_t)(colon - line);
			if (nlen == 0)
				return msg_parse_fail(m, err, errsz, "line %zu: empty field name", lineno);
			if (!msg_name_ok(line, nlen))
				return msg_parse_fail(m, err, errsz,
				                      "line %zu: field name has a character outside 33..126",
				                      lineno);
			size_t voff = nlen + 1;
			if (voff < n && line[voff] == ' ')
				voff++;
			msg_field_add(m, 0, line, nlen, line + voff, n - voff);
		}
		pos = next;
		lineno++;
	}
	msg_body_store(m, text + pos, len - pos);
	return m;
}

char *msg_decode_words(const char *value)
{
	struct sbuf b;
	sbuf_init(&b);
	mime_decode_words(&b, value);
	return sbuf_take(&b);
}

/* ---- Date and Received -------------------------------------------------- */

/* Howard Hinnant's civil_from_days: day number since 1970-01-01 to the
 * proleptic Gregorian date, exact for every int64 day in range. */
static void msg_civil_from_days(int64_t z, int64_t *y, unsigned *mon, unsigned *day)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*day = doy - (153 * mp + 2) / 5 + 1;
	*mon = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*mon <= 2);
}

static int64_t msg_clamp(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void msg_format_date(int64_t epoch, int64_t t_us, int tz_min, char *out, size_t outsz)
{
	static const char *const days[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	static const char *const months[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	if (!out || !outsz)
		return;
	/* Clamp so the sums cannot overflow and the result stays within what
	 * RFC 5322 can write: a 4-digit year and a zone of at most 99:59. */
	int64_t tz = msg_clamp(tz_min, -5999, 5999);
	int64_t secs = t_us / 1000000;
	if (t_us % 1000000 < 0)
		secs--;
	secs += msg_clamp(epoch, -INT64_C(10000000000000), INT64_C(10000000000000)) + tz * 60;
	secs = msg_clamp(secs, -INT64_C(62167219200), INT64_C(253402300799));

	int64_t d = secs / 86400, sod = secs % 86400;
	if (sod < 0) {
		sod += 86400;
		d--;
	}
	int64_t year;
	unsigned mon, day;
	msg_civil_from_days(d, &year, &mon, &day);
	int wd = (int)(((d % 7) + 7 + 3) % 7);  /* 1970-01-01 was a Thursday */
	int64_t atz = tz < 0 ? -tz : tz;
	snprintf(out, outsz, "%s, %02u %s %04d %02d:%02d:%02d %c%02d%02d", days[wd], day,
	         months[mon - 1], (int)year, (int)(sod / 3600), (int)(sod / 60 % 60),
	         (int)(sod % 60), tz < 0 ? '-' : '+', (int)(atz / 60), (int)(atz % 60));
}

char *msg_received_value(const char *helo, const char *rdns, const char *addr,
                         const char *by, const char *proto, const char *id,
                         const char *for_addr, const char *date)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addf(&b, "from %s (", helo ? helo : "");
	if (rdns)
		sbuf_addf(&b, "%s ", rdns);
	sbuf_addf(&b, "[%s]) by %s with %s id %s", addr ? addr : "", by ? by : "",
	          proto ? proto : "", id ? id : "");
	if (for_addr)
		sbuf_addf(&b, " for <%s>", for_addr);
	sbuf_addf(&b, "; %s", date ? date : "");
	return sbuf_take(&b);
}

size_t msg_footprint(const struct msg *m)
{
	size_t n = sizeof *m;
	n += (size_t)m->caprcpt * sizeof *m->rcpt;
	n += (size_t)m->capfields * sizeof *m->fields;
	n += m->hdr_cap;
	n += strlen(m->mail_from) + 1;
	for (int i = 0; i < m->nrcpt; i++)
		n += strlen(m->rcpt[i]) + 1;
	return n;
}
