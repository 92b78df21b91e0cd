/* render_card_words — which parts of the letter card a caption names,
 * read from its English text (both languages scroll the card alike). */
#ifndef MAILSIM_RENDER_CARD_WORDS_H
#define MAILSIM_RENDER_CARD_WORDS_H

#include <stddef.h>

/* Does the caption name the envelope ("envelope", "MAIL FROM", "RCPT TO")? */
int render_card_words_envelope(const char *en);
/* Does it name header field "Name:": the name as a word of its own
 * ("Return-Path", "Received" but not in "Received-SPF"), a short one
 * (To, From, Cc) only as "header To", "header's From" or "the From"? */
int render_card_words_field(const char *en, const char *field);

struct sbuf;
/* Is header field n (nl bytes) a trace field a server adds as it takes
 * the mail (Received, Return-Path, Delivered-To, X-Original-To,
 * Authentication-Results, Received-SPF)? */
int render_card_words_trace(const char *n, size_t nl);
/* A trace field n: v folded to one short line, appended to out: a
 * Received line as "Received: from A by B …", Authentication-Results as
 * who checked and each method's result ("mail.ispb.example;
 * dkim=pass …"), Received-SPF as its result ("Pass …"); others whole.
 * What the card shows of an earlier server's fields when they must
 * yield (the click on it shows the field whole). */
void render_card_words_fold(const char *n, size_t nl, const char *v, size_t vl, struct sbuf *out);
/* The same, a Received line told by where it came from alone, "Received:
 * from A …": what an earlier server's line says that the one above it
 * does not (its "by" is the next line's "from"), for a card short of
 * room (render_card_body's fold 2). */
void render_card_words_fold_from(const char *n, size_t nl, const char *v, size_t vl, struct sbuf *out);

#endif
