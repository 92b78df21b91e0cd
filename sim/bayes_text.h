/* bayes_text — the text half of the spam filter's tokenizer (internal to
 * bayes_tok.c): UTF-8 text to words and CJK bigrams, HTML to text, links
 * to url: tokens.  See bayes_tok.h for the tokens they make. */
#ifndef MAILSIM_BAYES_TEXT_H
#define MAILSIM_BAYES_TEXT_H

#include <stddef.h>

#include "bayes_tok.h"
#include "util.h"

#define BAYES_TEXT_PREFIX_MAX 28

/* Where tokens go, and the tag in front of the words being made. */
struct bayes_emit {
	bayes_tok_fn fn;
	void *ud;
	char prefix[BAYES_TEXT_PREFIX_MAX];
	size_t plen;
	size_t word_max;            /* characters before a word is a skip: token */
	char buf[BAYES_TOK_MAX];
};

/* Tag the next words with the n bytes at p (cut to fit). */
void bayes_text_prefix(struct bayes_emit *e, const char *p, size_t n);

/* Emit tag + the n bytes at s, where tag is the tlen bytes at tag (the
 * current prefix when tag is NULL); cut at a character boundary so that the
 * token fits BAYES_TOK_MAX. */
void bayes_text_emit(struct bayes_emit *e, const char *tag, size_t tlen, const char *s,
                     size_t n);

/* Emit the words, bigrams and URL tokens of n bytes of UTF-8 text (invalid
 * bytes separate words). */
void bayes_text_words(struct bayes_emit *e, const char *s, size_t n);

/* Append the visible text of n bytes of HTML to out (tags removed, a space
 * for a block-level tag, comments, <style> and <script> dropped, entities
 * decoded), emitting "url:" tokens for href, src, action and background
 * links. */
void bayes_text_html(struct bayes_emit *e, const char *s, size_t n, struct sbuf *out);

/* Emit tag + the host name at h (n bytes, lower-cased, cut to fit) and,
 * when the host has more labels than its registered domain (two labels,
 * or three under a short second level such as co.jp or com.au), tag +
 * that domain: "url:www.example.co.jp", "url:example.co.jp".  Returns 1
 * when the host is all digits and dots (an address: no domain is
 * emitted), else 0. */
int bayes_text_host(struct bayes_emit *e, const char *tag, size_t tlen, const char *h,
                    size_t n);

/* Emit the url: tokens of the link at s (n bytes: "http://…", "https://…",
 * "ftp://…", "www.…" or "mailto:…").  Returns how many bytes the link takes
 * (up to the first blank, quote or angle bracket), at least 1. */
size_t bayes_text_url(struct bayes_emit *e, const char *s, size_t n);

/* 1 if the n bytes at s, compared without ASCII case, start with the
 * lower-case NUL-terminated word w. */
int bayes_text_starts(const char *s, size_t n, const char *w);

#endif
