/* test_msg_util — helpers shared by the message unit tests (test_msg.c,
 * test_msg_rfc2047.c). */
#ifndef MAILSIM_TEST_MSG_UTIL_H
#define MAILSIM_TEST_MSG_UTIL_H

#include <stddef.h>

#include "msg.h"

/* A Japanese subject: 3-byte UTF-8 characters only. */
#define TEST_MSG_UTIL_JA_SUBJECT "会議の件について（ご確認ください）"

/* The length of the longest line of a CRLF text, CRLF not counted. */
size_t test_msg_util_longest_line(const char *s);

/* Serialize m and parse the result back; fails the test if that does not
 * parse.  The caller frees the message; *text gets the serialized text
 * (malloc'd, the caller's) unless text is NULL. */
struct msg *test_msg_util_roundtrip(const struct msg *m, char **text);

/* The value of field i of m, malloc'd and NUL-terminated. */
char *test_msg_util_field_dup(const struct msg *m, int i);

#endif
