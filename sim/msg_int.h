/* msg_int — what msg.c (the model) shares with msg_codec.c (RFC 5322) and
 * nobody else: raw header and body storage, and the line limits. */
#ifndef MAILSIM_MSG_INT_H
#define MAILSIM_MSG_INT_H

#include <stddef.h>

#include "msg.h"

#define MSG_LINE_MAX 78         /* RFC 5322 §2.1.1: SHOULD, CRLF excluded */
#define MSG_LINE_HARD_MAX 998   /* RFC 5322 §2.1.1: MUST */
#define MSG_WORD_MAX 75         /* RFC 2047 §2 */

/* A field name every message carries is not stored in each one: name_off
 * with this bit set is an index into msg_names (Postfix and Dovecot write
 * the same dozen names at every hop). */
#define MSG_NAME_INTERNED 0x80000000u
extern const char *const msg_names[];
/* Field f's name. */
static inline const char *msg_name_of(const struct msg *m, const struct msg_field *f)
{
	return f->name_off & MSG_NAME_INTERNED ? msg_names[f->name_off & ~MSG_NAME_INTERNED]
	                                       : m->hdr + f->name_off;
}

/* RFC 5322 §2.2: one or more printable ASCII characters other than ':'. */
int msg_name_ok(const char *s, size_t n);
/* Add a field (name checked by the caller) at the top or the bottom; a CR
 * or LF in the value is stored as a space. */
void msg_field_add(struct msg *m, int at_top, const char *name, size_t nlen, const char *value,
                   size_t vlen);
/* Append n bytes to the value of the newest field, which must end the
 * header storage (the parser unfolding a continuation line). */
void msg_field_extend_last(struct msg *m, const char *s, size_t n);
/* The bytes msg_serialize writes for one field (name, value, folds, CRLF). */
size_t msg_field_wire_len(const char *name, size_t nlen, const char *v, size_t n);
/* Work out m->wire_len again from every field and the body. */
void msg_wire_recount(struct msg *m);
/* Store n bytes as the body, every line end made CRLF. */
void msg_body_store(struct msg *m, const char *s, size_t n);

#endif
