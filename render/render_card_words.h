/* render_card_words — which parts of the letter card a caption names,
 * read from its English text (both languages scroll the card alike). */
#ifndef MAILSIM_RENDER_CARD_WORDS_H
#define MAILSIM_RENDER_CARD_WORDS_H

/* Does the caption name the envelope ("envelope", "MAIL FROM", "RCPT TO")? */
int render_card_words_envelope(const char *en);
/* Does it name header field "Name:": the name as a word of its own
 * ("Return-Path", "Received" but not in "Received-SPF"), a short one
 * (To, From, Cc) only as "header To", "header's From" or "the From"? */
int render_card_words_field(const char *en, const char *field);

#endif
