/* render_card — the letter card in the right column: the envelope and
 * header of the copy the current row is about, with tabs for a message's
 * other copies; taller than its panel, it is scrolled to the evidence of
 * the moment (a bounce's parts, the S/MIME tree, the envelope and the
 * header fields the caption or the current row names, else the field the
 * lesson's answer key names), its top on a line. */
#ifndef MAILSIM_RENDER_CARD_H
#define MAILSIM_RENDER_CARD_H

#include <stddef.h>

struct render_app;

/* Draw the card into a->panels.card; records a->card_evidence and
 * a->card_told. */
void render_card_draw(struct render_app *a);
/* The sizes the card's text can take in the present layout (it shrinks
 * to fit a long header), into px (at most max); returns how many. */
int render_card_sizes(const struct render_app *a, int *px, int max);
/* The height the card needs to show its title, the envelope and the key
 * header lines (From, To, Cc, Subject) of the copy in focus at the usual
 * x, or its title alone when no
 * copy is in focus.  Reads this frame's copies (render_view_gather). */
int render_card_keep(struct render_app *a);
/* The height the whole card takes at the usual text size (its title,
 * tabs, envelope and header, the MIME tree): what it needs not to scroll. */
int render_card_need(struct render_app *a);
/* What the card keeps in view at this moment, in words, into out: "mime"
 * (the MIME tree), "envelope" (with the From badge under it), "hop" (the
 * fields the receiving server wrote, above and with its Received line,
 * when an earlier server's verdicts lie under it), each header
 * field as "Name:" or "Name: value", space-separated: what the caption up
 * and the current row about the message in focus name, else the fields
 * the lesson's answer key names.  Returns 0, or -1 with out empty when
 * no copy is in focus. */
int render_card_evidence_names(struct render_app *a, char *out, size_t outsz);

#endif
