/* msg — the message model: envelope, header fields kept as offsets into one
 * buffer, and a CRLF body.  Serialization and parsing (RFC 5322) are in
 * msg_codec.c. */
#include "msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mime.h"
#include "msg_int.h"
#include "slab.h"
#include "util.h"


/* wire_len while msg_parse unfolds a field: counted at the end. */
#define MSG_WIRE_UNKNOWN SIZE_MAX

/* ---- header storage ---------------------------------------------------- */

/* The names kept once for all messages, each with its length (a field
 * is added some thirteen times a mail: a name is compared only with those
 * as long). */
#define MSG_NAMES(X)                                                                   \
	X("Received") X("From") X("To") X("Cc") X("Subject") X("Date") X("Message-ID")  \
	X("Message-Id") X("MIME-Version") X("Content-Type") X("Content-Transfer-Encoding") \
	X("Return-Path") X("Delivered-To") X("X-Original-To") X("DKIM-Signature")       \
	X("Authentication-Results") X("Auto-Submitted") X("Reply-To") X("Sender")
#define MSG_NAME_STR(s) s,
#define MSG_NAME_LEN(s) sizeof s - 1,

const char *const msg_names[] = { MSG_NAMES(MSG_NAME_STR) NULL };
static const uint8_t msg_name_lens[] = { MSG_NAMES(MSG_NAME_LEN) };

/* The interned name equal to name (case and all), or -1. */
static int msg_name_index(const char *name, size_t nlen)
{
	for (int i = 0; msg_names[i]; i++)
		if (msg_name_lens[i] == nlen && msg_names[i][0] == name[0] &&
		    memcmp(msg_names[i], name, nlen) == 0)
			return i;
	return -1;
}

/* Copy n bytes to the end of m->hdr and return their offset.  Offsets are
 * 31-bit (the top bit marks an interned name) to keep struct msg_field
 * small; msg_parse refuses input that could get near that, so reaching it
 * here is a bug. */
static uint32_t msg_hdr_add(struct msg *m, const char *s, size_t n)
{
	if (n >= MSG_NAME_INTERNED - m->hdr_len)
		PANIC("header storage would pass 2 GiB");
	/* Storage even for nothing: a field's value always points into it. */
	if (m->hdr_len + n > m->hdr_cap || !m->hdr) {
		size_t cap = m->hdr_cap ? m->hdr_cap : 256;
		while (cap < m->hdr_len + n)
			cap *= 2;
		if (cap > UINT32_MAX)
			cap = UINT32_MAX;
		m->hdr = slab_realloc(m->hdr, m->hdr ? m->hdr_cap : 0, cap);
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
int msg_name_ok(const char *s, size_t n)
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

/* msg_field_add with the name's interned index (or -1) known. */
static void msg_field_put(struct msg *m, int at_top, int known, const char *name, size_t nlen,
                          const char *value, size_t vlen)
{
	if (m->nfields == m->capfields) {
		if (m->capfields > (1 << 28))
			PANIC("too many header fields");
		int cap = m->capfields ? m->capfields * 2 : 8;
		m->fields = slab_realloc(m->fields, (size_t)m->capfields * sizeof *m->fields,
		                         (size_t)cap * sizeof *m->fields);
		m->capfields = cap;
	}
	struct msg_field f;
	f.name_off = known >= 0 ? MSG_NAME_INTERNED | (uint32_t)known : msg_hdr_add(m, name, nlen);
	f.name_len = (uint32_t)nlen;
	f.value_off = msg_hdr_add(m, value, vlen);
	f.value_len = (uint32_t)vlen;
	/* A CR or LF in a value would let it end the field early and inject
	 * new fields when serialized; a space keeps the text readable. */
	char *v = m->hdr + f.value_off;
	if (memchr(v, '\r', vlen) || memchr(v, '\n', vlen))
		for (size_t i = 0; i < vlen; i++)
			if (v[i] == '\r' || v[i] == '\n')
				v[i] = ' ';
	if (m->wire_len != MSG_WIRE_UNKNOWN)
		m->wire_len += msg_field_wire_len(msg_name_of(m, &f), f.name_len, m->hdr + f.value_off,
		                                  f.value_len);
	if (at_top) {
		memmove(m->fields + 1, m->fields, (size_t)m->nfields * sizeof *m->fields);
		m->fields[0] = f;
	} else {
		m->fields[m->nfields] = f;
	}
	m->nfields++;
}

void msg_field_add(struct msg *m, int at_top, const char *name, size_t nlen,
                   const char *value, size_t vlen)
{
	msg_field_put(m, at_top, msg_name_index(name, nlen), name, nlen, value, vlen);
}

static void msg_field_add_str(struct msg *m, int at_top, const char *name, const char *value)
{
	size_t nlen = name ? strlen(name) : 0;
	/* An interned name is valid; only others are checked byte by byte. */
	int known = nlen ? msg_name_index(name, nlen) : -1;
	if (known < 0 && !msg_name_ok(name, nlen))
		PANIC("invalid field name \"%s\"", name ? name : "(null)");
	if (!value)
		value = "";
	msg_field_put(m, at_top, known, name, nlen, value, strlen(value));
}

/* Unfolding a continuation line lengthens the newest field; msg_parse only
 * appends, so that field's value always ends the storage. */
void msg_field_extend_last(struct msg *m, const char *s, size_t n)
{
	struct msg_field *f = &m->fields[m->nfields - 1];
	if (f->value_off + f->value_len != m->hdr_len)
		PANIC("last value does not end the header storage");
	msg_hdr_add(m, s, n);
	f->value_len += (uint32_t)n;
	/* Counting the field again at every line would be quadratic in a
	 * long folded field: msg_parse counts once at the end. */
	m->wire_len = MSG_WIRE_UNKNOWN;
}

void msg_wire_recount(struct msg *m)
{
	size_t n = 2 + m->body_len;   /* the blank line, the body */
	for (int i = 0; i < m->nfields; i++) {
		const struct msg_field *f = &m->fields[i];
		n += msg_field_wire_len(msg_name_of(m, f), f->name_len, m->hdr + f->value_off,
		                        f->value_len);
	}
	m->wire_len = n;
}

size_t msg_wire_size(const struct msg *m)
{
	if (m->wire_len == MSG_WIRE_UNKNOWN)
		PANIC("message size not counted");
	return m->wire_len;
}

static int msg_field_is(const struct msg *m, int i, const char *name, size_t nlen)
{
	const struct msg_field *f = &m->fields[i];
	return f->name_len == nlen && !util_strncasecmp(msg_name_of(m, f), name, nlen);
}

/* Removal leaves dead bytes behind; rebuild the storage once they
 * outweigh the live ones so that a message edited at every hop stays small. */
static void msg_hdr_compact(struct msg *m)
{
	size_t live = 0;
	for (int i = 0; i < m->nfields; i++)
		live += (m->fields[i].name_off & MSG_NAME_INTERNED ? 0 : m->fields[i].name_len) +
		        m->fields[i].value_len;
	if (m->hdr_len - live <= live)
		return;
	char *h = slab_alloc(live);
	uint32_t off = 0;
	for (int i = 0; i < m->nfields; i++) {
		struct msg_field *f = &m->fields[i];
		if (!(f->name_off & MSG_NAME_INTERNED)) {
			memcpy(h + off, m->hdr + f->name_off, f->name_len);
			f->name_off = off;
			off += f->name_len;
		}
		memcpy(h + off, m->hdr + f->value_off, f->value_len);
		f->value_off = off;
		off += f->value_len;
	}
	slab_free(m->hdr, m->hdr_cap);
	m->hdr = h;
	m->hdr_len = off;
	m->hdr_cap = off;
}

/* ---- life cycle and envelope -------------------------------------------- */

/* The empty string a message's sender and body start as, shared and never
 * written: a new message and every copy had one or two allocations for
 * it, replaced at once by the sender or the text. */
static const char msg_empty[1] = "";
#define MSG_EMPTY ((char *)msg_empty)

/* Free the sender (not the shared empty one). */
static void msg_str_free(char *p)
{
	if (p != msg_empty)
		slab_free_str(p);
}

/* Free the body (not the shared empty one): body_len + 1 bytes, as a
 * body may hold a NUL. */
static void msg_body_free(struct msg *m)
{
	if (m->body != msg_empty)
		slab_free(m->body, m->body_len + 1);
}

void msg_addr_free(char *addr)
{
	slab_free_str(addr);
}

/* A zeroed struct msg (from the slab, as its pieces are). */
static struct msg *msg_alloc(void)
{
	struct msg *m = slab_alloc(sizeof *m);
	memset(m, 0, sizeof *m);
	return m;
}

struct msg *msg_new(void)
{
	struct msg *m = msg_alloc();
	m->ledger = -1;
	m->mail_from = MSG_EMPTY;
	m->body = MSG_EMPTY;
	m->wire_len = 2;   /* the blank line */
	return m;
}

void msg_free(struct msg *m)
{
	if (!m)
		return;
	if (m->shared) {
		m->shared--;
		return;
	}
	msg_str_free(m->mail_from);
	for (int i = 0; i < m->nrcpt; i++)
		slab_free_str(m->rcpt[i]);
	free(m->rcpt);
	slab_free(m->fields, (size_t)m->capfields * sizeof *m->fields);
	slab_free(m->hdr, m->hdr_cap);
	msg_body_free(m);
	slab_free(m, sizeof *m);
}

struct msg *msg_share(const struct msg *m)
{
	struct msg *s = (struct msg *)m;   /* only the count of holders changes */
	s->shared++;
	return s;
}

/* The header and body of m into c, with room for field_room more fields
 * and hdr_room more bytes. */
static void msg_copy_content(struct msg *c, const struct msg *m, size_t hdr_room, int field_room)
{
	c->ledger = m->ledger;
	c->copy = m->copy;
	c->flags = m->flags;
	c->capfields = m->nfields + field_room;
	if (c->capfields) {
		c->fields = slab_alloc((size_t)c->capfields * sizeof *c->fields);
		memcpy(c->fields, m->fields, (size_t)m->nfields * sizeof *c->fields);
	}
	c->nfields = m->nfields;
	if (hdr_room > UINT32_MAX - m->hdr_len)
		PANIC("header storage would pass 4 GiB");
	c->hdr_cap = m->hdr_len + (uint32_t)hdr_room;
	if (c->hdr_cap || m->nfields) {
		c->hdr = slab_alloc(c->hdr_cap);
		if (m->hdr_len)
			memcpy(c->hdr, m->hdr, m->hdr_len);
	}
	c->hdr_len = m->hdr_len;
	if (m->body_len) {
		c->body = slab_alloc(m->body_len + 1);
		memcpy(c->body, m->body, m->body_len);
		c->body[m->body_len] = '\0';
	} else {
		c->body = MSG_EMPTY;
	}
	c->body_len = m->body_len;
	c->wire_len = m->wire_len;
}

struct msg *msg_clone(const struct msg *m)
{
	struct msg *c = msg_alloc();
	/* Copies are sized to fit: clones are what pile up in queues. */
	msg_copy_content(c, m, 0, 0);
	c->mail_from = *m->mail_from ? slab_strdup(m->mail_from) : MSG_EMPTY;
	if (m->nrcpt) {
		c->rcpt = xmalloc((size_t)m->nrcpt * sizeof *c->rcpt);
		for (int i = 0; i < m->nrcpt; i++)
			c->rcpt[i] = slab_strdup(m->rcpt[i]);
	}
	c->nrcpt = c->caprcpt = m->nrcpt;
	return c;
}

struct msg *msg_clone_content(const struct msg *m, size_t hdr_room, int field_room)
{
	struct msg *c = msg_alloc();
	msg_copy_content(c, m, hdr_room, field_room < 0 ? 0 : field_room);
	c->mail_from = MSG_EMPTY;
	return c;
}

void msg_fit(struct msg *m)
{
	if (m->hdr_cap > m->hdr_len && m->hdr_len) {
		m->hdr = slab_realloc(m->hdr, m->hdr_cap, m->hdr_len);
		m->hdr_cap = m->hdr_len;
	}
	if (m->capfields > m->nfields && m->nfields) {
		m->fields = slab_realloc(m->fields, (size_t)m->capfields * sizeof *m->fields,
		                         (size_t)m->nfields * sizeof *m->fields);
		m->capfields = m->nfields;
	}
}

void msg_reserve(struct msg *m, size_t hdr_room, int field_room)
{
	if (m->shared)
		PANIC("msg_reserve: a shared message never changes");
	if (field_room > 0 && m->capfields - m->nfields < field_room) {
		int cap = m->nfields + field_room;
		m->fields = slab_realloc(m->fields, (size_t)m->capfields * sizeof *m->fields,
		                         (size_t)cap * sizeof *m->fields);
		m->capfields = cap;
	}
	if (hdr_room > UINT32_MAX - m->hdr_len)
		PANIC("header storage would pass 4 GiB");
	if (m->hdr_cap - m->hdr_len < hdr_room || !m->hdr) {
		uint32_t cap = m->hdr_len + (uint32_t)hdr_room;
		m->hdr = slab_realloc(m->hdr, m->hdr ? m->hdr_cap : 0, cap);
		m->hdr_cap = cap;
	}
}

void msg_drop_content(struct msg *m)
{
	if (m->shared)
		PANIC("msg_drop_content: a shared message never changes");
	slab_free(m->fields, (size_t)m->capfields * sizeof *m->fields);
	slab_free(m->hdr, m->hdr_cap);
	m->fields = NULL;
	m->hdr = NULL;
	m->nfields = m->capfields = 0;
	m->hdr_len = m->hdr_cap = 0;
	msg_body_free(m);
	m->body = MSG_EMPTY;
	m->body_len = 0;
	m->wire_len = 2;   /* the blank line */
}

void msg_set_mail_from(struct msg *m, const char *addr)
{
	msg_str_free(m->mail_from);
	m->mail_from = addr && *addr ? slab_strdup(addr) : MSG_EMPTY;
}

void msg_add_rcpt(struct msg *m, const char *addr)
{
	if (m->nrcpt == m->caprcpt) {
		/* From one: most copies in a queue have a single recipient. */
		m->caprcpt = m->caprcpt ? m->caprcpt * 2 : 1;
		m->rcpt = xrealloc(m->rcpt, (size_t)m->caprcpt * sizeof *m->rcpt);
	}
	m->rcpt[m->nrcpt++] = slab_strdup(addr ? addr : "");
}

void msg_clear_rcpt(struct msg *m)
{
	for (int i = 0; i < m->nrcpt; i++)
		slab_free_str(m->rcpt[i]);
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
	return msg_name_of(m, &m->fields[i]);
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
	if (removed) {
		msg_hdr_compact(m);
		msg_wire_recount(m);
	}
	return removed;
}

/* ---- body --------------------------------------------------------------- */

/* b's text becomes the body (in a slab block of its size); b is freed. */
static void msg_body_replace(struct msg *m, struct sbuf *b)
{
	if (m->wire_len != MSG_WIRE_UNKNOWN)
		m->wire_len = m->wire_len - m->body_len + b->len;
	msg_body_free(m);
	m->body_len = b->len;
	m->body = MSG_EMPTY;
	if (b->len) {
		m->body = slab_alloc(b->len + 1);
		memcpy(m->body, b->s, b->len + 1);
	}
	sbuf_free(b);
}

/* Store n bytes as the body with every line end (CRLF, bare LF, bare CR)
 * made CRLF, the only line end SMTP and RFC 5322 allow. */
void msg_body_store(struct msg *m, const char *s, size_t n)
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
	msg_body_replace(m, &b);
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
	msg_body_replace(m, &b);
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

size_t msg_footprint(const struct msg *m)
{
	size_t n = sizeof *m;
	n += (size_t)m->caprcpt * sizeof *m->rcpt;
	n += (size_t)m->capfields * sizeof *m->fields;
	n += m->hdr_cap;
	n += m->mail_from == msg_empty ? 0 : strlen(m->mail_from) + 1;
	for (int i = 0; i < m->nrcpt; i++)
		n += strlen(m->rcpt[i]) + 1;
	return n;
}
