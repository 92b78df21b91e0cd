/* mbox — an mbox file split into its messages: each starts at a "From "
 * separator line ("From SENDER DATE") that follows an empty line.  Text
 * that does not start with such a line is one message. */
#ifndef MAILSIM_MBOX_H
#define MAILSIM_MBOX_H

#include <stddef.h>

/* Called for each message: its bytes (the "From " line included, which
 * the spam filter's tokenizer accepts), its length and its index from 0.
 * A non-zero return marks that message as failed. */
typedef int (*mbox_msg_fn)(void *ud, const char *msg, size_t len, int index);

/* 1 if the n bytes at s start with an mbox separator: "From " and at least
 * three more words, one holding a time ("12:00"), which a sentence in a
 * body that starts with "From " seldom has. */
int mbox_from_line(const char *s, size_t n);

/* Call fn for each message of the n bytes at s (the whole text when it
 * does not start with a separator).  Returns how many messages there were,
 * or -1 if fn returned non-zero for any of them (all are still visited). */
int mbox_each(const char *s, size_t n, mbox_msg_fn fn, void *ud);

/* Where the message at msg (len bytes, as mbox_each gives it) starts after
 * its "From " line, if it has one; its length in *rest. */
const char *mbox_body(const char *msg, size_t len, size_t *rest);

#endif
