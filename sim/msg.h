/* msg — one mail message: envelope, header and body kept apart on purpose.
 *
 * The envelope (MAIL FROM, RCPT TO) is what SMTP clients say; the header is
 * what the reader sees; the body is opaque text (plain or MIME).  A message
 * serializes to RFC 5322 (CRLF line ends, fields folded at 78 columns) and
 * parses back.  Header storage is one buffer per message, not one allocation
 * per field, and the common field names are not stored in it, so that
 * 100,000 messages in flight stay small. */
#ifndef MAILSIM_MSG_H
#define MAILSIM_MSG_H

#include <stddef.h>
#include <stdint.h>

/* A header field: offsets into msg->hdr, except a name_off with its top
 * bit set (MSG_NAME_INTERNED, msg_int.h), which indexes the names kept once
 * for all messages.  value is unfolded (no CRLF), without the single space
 * that usually follows the colon. */
struct msg_field {
	uint32_t name_off, name_len;
	uint32_t value_off, value_len;
};

struct msg {
	int ledger;                 /* ledger entry (message identity), -1 if none */
	int copy;                   /* copy number within the ledger entry */
	unsigned flags;             /* MSG_F_* */
	unsigned shared;            /* holders besides the first (runs and their
	                             * snapshots, msg_share): msg_free counts down;
	                             * a holder takes its own copy before changing
	                             * a shared message (snapshot_own) */
	char *mail_from;            /* envelope sender; "" is the null sender <> */
	char **rcpt;                /* envelope recipients, owned */
	int nrcpt, caprcpt;
	struct msg_field *fields;   /* header fields in order, top first */
	int nfields, capfields;
	char *hdr;                  /* storage for field names and values */
	uint32_t hdr_len, hdr_cap;
	char *body;                 /* body with CRLF line ends, owned, NUL-terminated */
	size_t body_len;
	size_t wire_len;            /* msg_serialize's length, kept by every change:
	                             * SIZE= and DATA need it at every hop */
};

enum {
	MSG_F_BOUNCE = 1u << 0,     /* a delivery status notification: never bounce it */
	MSG_F_JUNK = 1u << 1,       /* the receiving MTA's policy files it in Junk */
	MSG_F_BOT = 1u << 2,        /* written by an infected PC */
	MSG_F_SCRIPT = 1u << 3,     /* sent in a hand-typed session */
	MSG_F_FORWARD = 1u << 4,    /* a copy a mailbox's forward setting sends on */
	MSG_F_HANDED = 1u << 5,     /* only the envelope a client keeps after the server
	                             * took the content (250 after DATA), until QUIT:
	                             * the mail itself is no longer here */
	MSG_F_ATTACKER = 1u << 6,   /* written on an attacker's own PC */
	MSG_F_SPAM = 1u << 7,       /* the lesson says it is spam ("class") */
	MSG_F_HAM = 1u << 8,        /* … that it is ham */
};

/* A new empty message (no envelope, no fields, empty body).  msg_free()
 * accepts NULL.  msg_clone() deep-copies everything. */
struct msg *msg_new(void);
void msg_free(struct msg *m);
/* Free an envelope address taken out of a message's rcpt array (its
 * strings come from the slab, slab.h). */
void msg_addr_free(char *addr);
struct msg *msg_clone(const struct msg *m);
/* A deep copy of m's header, body, ledger entry and flags with an empty
 * envelope, sized to fit plus room for field_room more fields holding
 * hdr_room more bytes of names and values (what the receiver is about
 * to prepend), so that adding them does not move the storage. */
struct msg *msg_clone_content(const struct msg *m, size_t hdr_room, int field_room);
/* Let go of the header storage m does not use (a message about to wait in
 * a queue). */
void msg_fit(struct msg *m);
/* Make room in m itself, as msg_clone_content does in a copy: adding
 * field_room more fields holding hdr_room more bytes then does not move
 * the storage.  m must not be shared. */
void msg_reserve(struct msg *m, size_t hdr_room, int field_room);
/* Let go of m's header and body, keeping its envelope, ledger entry and
 * flags (a client whose server took the mail keeps only the envelope):
 * m then reads as a new message with that envelope.  m must not be shared. */
void msg_drop_content(struct msg *m);
/* One more holder of m (a run's snapshot): returns m; each holder calls
 * msg_free once, and none changes m while another holds it. */
struct msg *msg_share(const struct msg *m);

/* Envelope.  Strings are copied. */
void msg_set_mail_from(struct msg *m, const char *addr);
void msg_add_rcpt(struct msg *m, const char *addr);
void msg_clear_rcpt(struct msg *m);

/* Header.  Names and values are copied; values must not contain CR or LF
 * (long values are folded only when serialized).  A CR or LF that slips in
 * is stored as a space, so it can never start a forged field; a NULL value
 * is "".  The name must be 1+ characters in 33..126 without ':' (it is a
 * program constant): anything else is a broken invariant and panics. */
void msg_header_append(struct msg *m, const char *name, const char *value);
void msg_header_prepend(struct msg *m, const char *name, const char *value);
/* Number of fields named name (case-insensitive). */
int msg_header_count(const struct msg *m, const char *name);
/* The first field named name, copied into out (NUL-terminated, truncated to
 * outsz); returns 1 if found, 0 if not (out is then "").  A value too long
 * for out is cut before the UTF-8 character that would not fit whole, so
 * the copy never ends in half a character; bytes that are not UTF-8
 * (Latin-1) are cut where out ends. */
int msg_header_get(const struct msg *m, const char *name, char *out, size_t outsz);
/* Field i's name and value (not NUL-terminated): the value points into the
 * message's storage; the name too, except a name every hop writes
 * ("Received", "Subject", … spelled so), which is kept once for all
 * messages. */
const char *msg_field_name(const struct msg *m, int i, size_t *len);
const char *msg_field_value(const struct msg *m, int i, size_t *len);
/* Remove every field named name; returns how many were removed. */
int msg_header_remove(struct msg *m, const char *name);

/* Body.  The text is copied; bare LF (and bare CR) line ends become CRLF. */
void msg_set_body(struct msg *m, const char *text);

/* Set a plain-text body from UTF-8 text the way an MUA does: line ends
 * become CRLF, any MIME-Version, Content-Type and Content-Transfer-Encoding
 * fields are replaced by "MIME-Version: 1.0", "Content-Type: text/plain;
 * charset=UTF-8" and a transfer encoding appended at the end of the header.
 * ASCII text with no line over 998 characters is stored as it is ("7bit");
 * anything else is stored base64-encoded in lines of 76 characters
 * ("base64"), because msg_serialize never touches the body. */
void msg_set_body_text_utf8(struct msg *m, const char *text);

/* The body decoded for display, following Content-Transfer-Encoding:
 * base64 and quoted-printable are decoded, anything else (7bit, 8bit,
 * binary, none) is taken as it is.  CRLF line ends become LF and NUL bytes
 * are dropped.  The bytes are not converted from the Content-Type charset;
 * for a multipart body the raw MIME text comes back.  Returns a malloc'd
 * NUL-terminated string owned by the caller. */
char *msg_body_text_decoded(const struct msg *m);

/* Serialize header and body as RFC 5322: each field "Name: value" folded at
 * whitespace so no line exceeds 78 characters where a fold point exists,
 * CRLF line ends, a blank line, then the body.  A value with bytes >= 0x80
 * is written as RFC 2047 encoded-words (=?UTF-8?B?...?=): the whole value
 * for unstructured fields (Subject, Comments, any field not known to be
 * structured), only the display names for address fields (From, To, Cc,
 * ...); known structured fields (Received, Message-ID, Content-Type, ...)
 * cannot hold encoded-words and are written as they are.  The stored values
 * and the body are not changed.  Returns a malloc'd NUL-terminated string
 * owned by the caller; *len gets its length if non-NULL. */
char *msg_serialize(const struct msg *m, size_t *len);

/* The length msg_serialize would give, without serializing: kept up to
 * date as fields and the body change (what SIZE= announces and DATA
 * carries at every hop). */
size_t msg_wire_size(const struct msg *m);

/* Parse RFC 5322 text (CRLF or LF line ends; folded fields are unfolded).
 * The header ends at the first empty line (or at the end of the text: the
 * body is then empty); the rest is the body, line ends made CRLF.  Values
 * are stored raw: encoded-words are not decoded (see msg_decode_words).
 * Returns a new message (envelope empty) or NULL with a one-line reason in
 * err (errsz bytes) when the text is not a message: empty text, a NUL byte,
 * a header line with no colon, an empty field name, a field name with
 * characters outside 33..126, a continuation line before the first field,
 * or a bare CR in the header.  Never reads past len. */
struct msg *msg_parse(const char *text, size_t len, char *err, size_t errsz);

/* value (NUL-terminated, NULL taken as "") with its RFC 2047 encoded-words
 * decoded, for display: B and Q encodings, charsets UTF-8, US-ASCII and
 * ISO-8859-1 (the result is UTF-8); words in other charsets or that do not
 * decode stay as they are.  Returns a malloc'd string owned by the caller. */
char *msg_decode_words(const char *value);

/* RFC 5322 date-time for simulated time.  epoch is the Unix time (seconds)
 * at simulated time 0; t_us is simulated microseconds; tz_min the zone
 * offset in minutes (+540 for JST).  Writes e.g. "Wed, 01 Apr 2026 09:00:00
 * +0900" into out (at least 40 bytes). */
void msg_format_date(int64_t epoch, int64_t t_us, int tz_min, char *out, size_t outsz);

/* The date as Postfix writes it in Received, Date and DSN fields: the day
 * of the month padded with a space and the zone's name where it has one,
 * "Wed,  1 Apr 2026 09:00:00 +0900 (JST)". */
void msg_format_mail_date(int64_t epoch, int64_t t_us, int tz_min, char *out, size_t outsz);

/* The Received field value in RFC 5321 section 4.4 form, with a TAB where
 * Postfix folds (msg_serialize starts a line there):
 *   from HELO (RDNS [ADDR])\tby BY with PROTO id ID\tfor <FOR>; DATE
 * rdns may be NULL (then "from HELO ([ADDR])"); for_addr may be NULL (then
 * "…id ID;\tDATE").  proto is "SMTP", "ESMTP", "ESMTPA", "ESMTPS" or "ESMTPSA".
 * Returns a malloc'd string. */
char *msg_received_value(const char *helo, const char *rdns, const char *addr,
                         const char *by, const char *proto, const char *id,
                         const char *for_addr, const char *date);
/* The same value appended to b. */
struct sbuf;
void msg_received_format(struct sbuf *b, const char *helo, const char *rdns, const char *addr,
                         const char *by, const char *proto, const char *id,
                         const char *for_addr, const char *date);

/* Bytes the message holds outside its body (struct, envelope, header
 * storage), for the benchmark's bytes-per-message figure: sizeof(struct
 * msg), the allocated capacity of the rcpt, fields and hdr arrays, and each
 * envelope string with its NUL.  malloc's own overhead is not counted. */
size_t msg_footprint(const struct msg *m);

#endif
