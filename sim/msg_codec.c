/* msg_codec — a message as RFC 5322 text and back: serialization with
 * folding and RFC 2047 encoded-words, parsing with unfolding, and the Date
 * and Received field values.  Its functions are part of msg.h's API and
 * keep that header's msg_ prefix. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mime.h"
#include "msg.h"
#include "msg_int.h"
#include "util.h"

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

/* Is the field a Received whose writer marked its folds with TABs
 * (Postfix's smtpd, Dovecot's lmtp)?  It is folded there only.  One
 * without a TAB (parsed from a file folded with spaces) is folded as any
 * other field. */
static int msg_fold_tabs_only(const char *name, size_t nlen, const char *v, size_t n)
{
	return nlen == 8 && util_strncasecmp(name, "Received", 8) == 0 && memchr(v, '\t', n);
}

/* Append "name: value" CRLF, folded (RFC 5322 §2.2.3) by putting CRLF
 * before a blank.  A fold point is the last blank of a run that follows
 * some text, so every continuation line holds more than white space and
 * unfolding gives back the value byte for byte.  A TAB after text always
 * starts a new line: that is where the writer folded (Postfix's Received
 * "\tby …", "\tfor …"), and what a parsed field kept of its folds.
 * Otherwise lines are filled greedily; one can pass 78 only when it has
 * no fold point.  A Received with TABs is folded at them only, as
 * Postfix's smtpd and Dovecot's lmtp write it: "from HELO (NAME [ADDR])"
 * stays one line however long.  Returns the bytes written; out NULL only
 * counts them. */
static size_t msg_fold(struct sbuf *out, const char *name, size_t nlen, const char *v, size_t n)
{
	size_t col = nlen + 2, seg = 0, total = nlen + 2;
	int seen_text = 0, greedy = !msg_fold_tabs_only(name, nlen, v, n);

	if (out) {
		sbuf_add(out, name, nlen);
		sbuf_add(out, ": ", 2);
	}
	for (size_t i = 0; i <= n; i++) {
		int fold_point = i == n || (seen_text && msg_is_wsp(v[i]) && i + 1 < n &&
		                            !msg_is_wsp(v[i + 1]));
		if (i < n && !msg_is_wsp(v[i]))
			seen_text = 1;
		if (!fold_point)
			continue;
		size_t len = i - seg;
		if (seg > 0 && ((greedy && col + len > MSG_LINE_MAX) || v[seg] == '\t')) {
			if (out)
				sbuf_add(out, "\r\n", 2);
			total += 2;
			col = 0;
		}
		if (out)
			sbuf_add(out, v + seg, len);
		total += len;
		col += len;
		seg = i;
	}
	if (out)
		sbuf_add(out, "\r\n", 2);
	return total + 2;
}

/* msg_fold's count without the writing, at every hop for SIZE=: only
 * blanks can be fold points, and before the first text none is. */
#define MSG_LITTLE_ENDIAN (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)

/* The fold count at a fold point i (a blank before text, or the end):
 * the segment from the last one fits on the line, or a CRLF goes before
 * it. */
static inline void msg_fold_at(const char *v, size_t i, size_t *seg, size_t *col, size_t *total,
                               int greedy)
{
	size_t len = i - *seg;
	if (*seg > 0 && ((greedy && *col + len > MSG_LINE_MAX) || v[*seg] == '\t')) {
		*total += 2;
		*col = 0;
	}
	*col += len;
	*seg = i;
}

/* The high bit of each byte of w that is SP or TAB, exactly (no carry
 * from one byte into the next). */
static inline uint64_t msg_blank_bits(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, low7 = 0x7F7F7F7F7F7F7F7FULL;
	uint64_t sp = w ^ (ones * ' '), tab = w ^ (ones * '\t');
	uint64_t zsp = ~(((sp & low7) + low7) | sp | low7);
	uint64_t ztab = ~(((tab & low7) + low7) | tab | low7);
	return zsp | ztab;
}

static size_t msg_fold_len(const char *name, size_t nlen, const char *v, size_t n)
{
	int greedy = !msg_fold_tabs_only(name, nlen, v, n);
	size_t col = nlen + 2, seg = 0, total = nlen + 2 + n + 2, i = 0;
	while (i < n && msg_is_wsp(v[i]))
		i++;
	if (i == n)
		return total;
	/* Every blank after the first text, eight bytes at a time, each
	 * found from the word's bits (a Received line is ~180 bytes of short
	 * words: a call a word cost more than the words). */
	for (size_t w0 = i + 1; w0 < n; w0 += 8) {
		uint64_t w = 0;
		if (n - w0 >= 8)
			memcpy(&w, v + w0, 8);
		else
			memcpy(&w, v + w0, n - w0);   /* padded with NULs, not blanks */
		if (!MSG_LITTLE_ENDIAN)
			w = __builtin_bswap64(w);   /* v[w0] in the low byte */
		uint64_t bits = msg_blank_bits(w);
		while (bits) {
			size_t p = w0 + (size_t)__builtin_ctzll(bits) / 8;
			bits &= bits - 1;
			if (p + 1 < n && !msg_is_wsp(v[p + 1]))
				msg_fold_at(v, p, &seg, &col, &total, greedy);
		}
	}
	msg_fold_at(v, n, &seg, &col, &total, greedy);
	return total;
}

size_t msg_field_wire_len(const char *name, size_t nlen, const char *v, size_t n)
{
	/* One pass for what most fields are: short, 7-bit, without a TAB, so
	 * on one line. */
	int plain = 1, tab = memchr(v, '\t', n) != NULL;
	size_t i = 0;
	for (; i + 8 <= n && plain; i += 8) {
		uint64_t w;
		memcpy(&w, v + i, 8);
		plain = !(w & 0x8080808080808080ULL);
	}
	for (; i < n && plain; i++)
		plain = (unsigned char)v[i] < 0x80;
	if (plain && !tab && nlen + 2 + n <= MSG_LINE_MAX)
		return nlen + n + 4;
	if (plain)
		return msg_fold_len(name, nlen, v, n);
	struct sbuf tmp;
	sbuf_init(&tmp);
	msg_encode_value(&tmp, name, nlen, v, n);
	size_t len = msg_fold_len(name, nlen, tmp.s, tmp.len);
	sbuf_free(&tmp);
	return len;
}

char *msg_serialize(const struct msg *m, size_t *len)
{
	struct sbuf out, tmp;

	sbuf_init(&out);
	sbuf_init(&tmp);
	sbuf_reserve(&out, m->hdr_len + (size_t)m->nfields * 8 + m->body_len + 2);
	for (int i = 0; i < m->nfields; i++) {
		const char *name = msg_name_of(m, &m->fields[i]);
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
	if (len >= MSG_NAME_INTERNED)
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
	msg_wire_recount(m);   /* continuation lines left it unknown */
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

/* v in exactly width decimal digits, zero-padded (v < 10^width). */
static void msg_put_digits(char *out, unsigned v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
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
	/* "Www, DD Mmm YYYY HH:MM:SS +ZZZZ", digit by digit (a date goes into
	 * every message at every hop); the clamps keep each number in its
	 * columns. */
	char txt[32];
	memcpy(txt, days[wd], 3);
	memcpy(txt + 3, ", ", 2);
	msg_put_digits(txt + 5, day, 2);
	txt[7] = ' ';
	memcpy(txt + 8, months[mon - 1], 3);
	txt[11] = ' ';
	msg_put_digits(txt + 12, (unsigned)year, 4);
	txt[16] = ' ';
	msg_put_digits(txt + 17, (unsigned)(sod / 3600), 2);
	txt[19] = ':';
	msg_put_digits(txt + 20, (unsigned)(sod / 60 % 60), 2);
	txt[22] = ':';
	msg_put_digits(txt + 23, (unsigned)(sod % 60), 2);
	txt[25] = ' ';
	txt[26] = tz < 0 ? '-' : '+';
	msg_put_digits(txt + 27, (unsigned)(atz / 60), 2);
	msg_put_digits(txt + 29, (unsigned)(atz % 60), 2);
	size_t n = 31 < outsz - 1 ? 31 : outsz - 1;
	memcpy(out, txt, n);
	out[n] = '\0';
}

void msg_format_mail_date(int64_t epoch, int64_t t_us, int tz_min, char *out, size_t outsz)
{
	char d[64];
	msg_format_date(epoch, t_us, tz_min, d, sizeof d);
	/* "Wed, 01 Apr …" -> "Wed,  1 Apr …" (strftime's %e) */
	if (d[5] == '0')
		d[5] = ' ';
	const char *zone = tz_min == 540 ? " (JST)" : tz_min == 0 ? " (UTC)" : "";
	size_t dl = strlen(d), zl = strlen(zone);
	if (!out || !outsz)
		return;
	size_t n = dl < outsz - 1 ? dl : outsz - 1;
	memcpy(out, d, n);
	size_t z = zl < outsz - 1 - n ? zl : outsz - 1 - n;
	memcpy(out + n, zone, z);
	out[n + z] = '\0';
}

void msg_received_format(struct sbuf *b, const char *helo, const char *rdns, const char *addr,
                         const char *by, const char *proto, const char *id,
                         const char *for_addr, const char *date)
{
	/* Once per hop of every message: pieces, not printf. */
	sbuf_adds(b, "from ");
	sbuf_adds(b, helo ? helo : "");
	sbuf_adds(b, " (");
	if (rdns) {
		sbuf_adds(b, rdns);
		sbuf_addc(b, ' ');
	}
	sbuf_addc(b, '[');
	sbuf_adds(b, addr ? addr : "");
	sbuf_adds(b, "])\tby ");
	sbuf_adds(b, by ? by : "");
	sbuf_adds(b, " with ");
	sbuf_adds(b, proto ? proto : "");
	sbuf_adds(b, " id ");
	sbuf_adds(b, id ? id : "");
	if (for_addr) {
		sbuf_adds(b, "\tfor <");
		sbuf_adds(b, for_addr);
		sbuf_adds(b, ">; ");
	} else {
		sbuf_adds(b, ";\t");
	}
	sbuf_adds(b, date ? date : "");
}

char *msg_received_value(const char *helo, const char *rdns, const char *addr,
                         const char *by, const char *proto, const char *id,
                         const char *for_addr, const char *date)
{
	struct sbuf b;
	sbuf_init(&b);
	msg_received_format(&b, helo, rdns, addr, by, proto, id, for_addr, date);
	return sbuf_take(&b);
}
