/* bayes_tok — the spam filter's tokenizer: the bytes of a real mail (RFC
 * 5322 with MIME, as it arrives, an mbox "From " line allowed in front)
 * become the tokens the filter counts.
 *
 * What comes out:
 *   - for the fields that describe the message itself (Subject, From, To,
 *     Cc, Reply-To, Sender, Return-Path, Received, Message-ID, the
 *     Content-* fields, X-Mailer, User-Agent, Organization and the
 *     priority fields; see bayes_tok.c for why not the others), the words
 *     of the value, RFC 2047 encoded-words decoded, tagged with the
 *     field's lower-case name: "subject:当選", "from:alice@example.com",
 *     "from:@example.com"; Received gives only its host names, their
 *     registered domains, IPv4 addresses and their /24
 *     ("received:mx.example.net", "received:example.net",
 *     "received:192.0.2.7", "received:192.0.2");
 *   - the body after MIME decoding: multipart entities recursively
 *     (message/rfc822 too), base64 and quoted-printable undone, the
 *     declared charset converted to UTF-8 (bayes_charset), HTML tags
 *     stripped (comments, <style> and <script> dropped, entities decoded)
 *     with the host of every link kept as "url:HOST", its registered
 *     domain as "url:DOMAIN" and the words of its path as "url:WORD";
 *   - words: text split at white space, brackets, quotes and list
 *     punctuation (a word may hold [-_.'$%!@&+/] inside; they are trimmed
 *     from its ends), full-width ASCII folded to ASCII and capitals to
 *     lower case (ASCII and Latin-1: "FREE", "Free" and "Ｆｒｅｅ" are all
 *     "free"), 3 to BAYES_TOK_WORD_MAX characters (30 in header fields);
 *     longer ones become "skip:C N", their first character and their
 *     length rounded down to ten; an address also gives its domain
 *     ("@example.com");
 *     URLs in plain text give "url:" tokens like links;
 *   - scripts written without spaces (kana, CJK ideographs, Hangul) as
 *     character bigrams: "当選おめでとう" gives 当選 選お おめ めで でと とう;
 *     a lone character stands for itself.
 * A token is at most BAYES_TOK_MAX bytes of valid UTF-8.  The same token
 * may come out more than once; counting it once per message is the
 * caller's business.  Deterministic: same bytes, same tokens. */
#ifndef MAILSIM_BAYES_TOK_H
#define MAILSIM_BAYES_TOK_H

#include <stddef.h>

#define BAYES_TOK_MAX 60        /* bytes in a token, prefix included */
#define BAYES_TOK_WORD_MAX 20   /* characters in a body word before it is a skip: token */

/* Called once per token; tok is not NUL-terminated and is valid only
 * during the call. */
typedef void (*bayes_tok_fn)(void *ud, const char *tok, size_t len);

struct bayes_tok;

/* A tokenizer with its scratch buffers and charset converters; reuse it
 * for many messages (one per thread).  bayes_tok_free() accepts NULL. */
struct bayes_tok *bayes_tok_new(void);
void bayes_tok_free(struct bayes_tok *t);

/* Call fn(ud, …) for every token of the message in the len bytes at data
 * (any bytes: malformed MIME, an unclosed multipart, bad base64, unknown
 * charsets and NUL bytes are taken as well as they can be, never read past
 * len).  Text without a header is taken as a body. */
void bayes_tok_message(struct bayes_tok *t, const char *data, size_t len,
                       bayes_tok_fn fn, void *ud);

#endif
