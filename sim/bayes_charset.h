/* bayes_charset — text in a mail's declared charset converted to UTF-8 for
 * the spam filter's tokenizer.  UTF-8, US-ASCII and ISO-8859-1 are handled
 * directly; every other charset (ISO-2022-JP, Shift_JIS, EUC-JP, the
 * Windows code pages, …) goes through iconv, with one conversion handle per
 * charset kept open in the converter so that a message costs no
 * iconv_open.  Bytes that do not convert are dropped, never fatal. */
#ifndef MAILSIM_BAYES_CHARSET_H
#define MAILSIM_BAYES_CHARSET_H

#include <stddef.h>

#include "util.h"

struct bayes_charset;

/* A converter with no open handles.  bayes_charset_free() closes every
 * handle and accepts NULL. */
struct bayes_charset *bayes_charset_new(void);
void bayes_charset_free(struct bayes_charset *c);

/* Append the n bytes at s, in the charset named by the cslen bytes at name
 * (case-insensitive, quotes allowed; cslen 0 means "not declared"), to out
 * as UTF-8.  An undeclared or unknown charset is taken as UTF-8 where the
 * bytes are valid UTF-8, and as ISO-8859-1 byte by byte where they are not
 * (what most 8-bit mail without a label is); undeclared text that holds an
 * ISO-2022-JP escape sequence is read as ISO-2022-JP.  NUL bytes are
 * dropped.  Never reads past n. */
void bayes_charset_to_utf8(struct bayes_charset *c, const char *name, size_t cslen,
                           const char *s, size_t n, struct sbuf *out);

#endif
