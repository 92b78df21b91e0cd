/* render_field — what the letter card and the inspector show of a text that
 * may be very long: a header field of a mail to 10,000 recipients (a
 * 200 KB To:), its envelope, its list of recipients.  A long list keeps its
 * first few items and says "… and 9,997 more"; any other long value keeps
 * its start and says how many characters are left out; the inspector shows
 * the whole text on a click (render_inspector_full).  SDL-free. */
#ifndef MAILSIM_RENDER_FIELD_H
#define MAILSIM_RENDER_FIELD_H

#include <stddef.h>

#include "i18n.h"
#include "msg.h"
#include "util.h"

/* A value of more bytes than this, or a list of more items than
 * RENDER_FIELD_LIST_MAX, is shortened; a shortened list shows its first
 * RENDER_FIELD_SHOWN items. */
#define RENDER_FIELD_MAX_BYTES 400
#define RENDER_FIELD_LIST_MAX 8
#define RENDER_FIELD_SHOWN 3

/* What a click on a shortened text names: the recipients and their
 * states, the envelope, or header field i as RENDER_FIELD_HIT_HEADER + i. */
#define RENDER_FIELD_HIT_RCPTS 0
#define RENDER_FIELD_HIT_ENVELOPE 1
#define RENDER_FIELD_HIT_HEADER 2

/* Which long text of the selected message the inspector shows whole. */
enum render_field_part {
	RENDER_FIELD_NONE,       /* every long text shortened */
	RENDER_FIELD_RCPTS,      /* the recipients, each with where its copy is */
	RENDER_FIELD_ENVELOPE,   /* MAIL FROM and every RCPT TO */
	RENDER_FIELD_HEADER,     /* the nth header field named name */
	RENDER_FIELD_PART_COUNT
};
extern const char *const render_field_part_names[RENDER_FIELD_PART_COUNT];

/* Zero-initialised: nothing shown whole. */
struct render_field_full {
	enum render_field_part part;
	int nth;                 /* HEADER: 0 for the first field of that name */
	char name[64];           /* HEADER: the field's name */
};

/* n with a comma between groups of three digits ("9,997"), in out. */
char *render_field_count(char out[32], long n);

/* 1 if a header field of this name holds a list of addresses (From, To,
 * Cc, Bcc, Reply-To, Sender and their Resent- forms). */
int render_field_is_list(const char *name, size_t len);

/* Append "Name: value" to out with the value's encoded-words decoded.
 * With full 0 a long value is shortened: a list to its first
 * RENDER_FIELD_SHOWN addresses and "… and {n} more", anything else to
 * about RENDER_FIELD_MAX_BYTES (cut between characters) and "… and {n}
 * more characters", each followed by the catalog's "(click to see all)".
 * Returns 1 if it shortened, else 0.  Time and output are linear in the
 * value's length, and a shortened value costs what it shows plus one scan. */
int render_field_header(struct sbuf *out, const struct i18n *cat, const char *name, size_t nl,
                        const char *value, size_t vl, int full);

/* Append the envelope of m: "MAIL FROM:<…>" and one "RCPT TO:<…>" line per
 * recipient.  With full 0 and more than RENDER_FIELD_LIST_MAX recipients,
 * only the first RENDER_FIELD_SHOWN and a line "… and {n} more (click to
 * see all)".  Returns 1 if it shortened, else 0. */
int render_field_envelope(struct sbuf *out, const struct i18n *cat, const struct msg *m, int full);

/* Append "… and {n} more (click to see all)" for n items left out. */
void render_field_more(struct sbuf *out, const struct i18n *cat, long n);

/* The same text named by two full-view states? */
int render_field_full_eq(const struct render_field_full *x, const struct render_field_full *y);

#endif
