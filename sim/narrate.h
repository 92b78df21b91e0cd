/* narrate — trace records told as sentences a student can follow, in
 * Japanese or English from the i18n catalogs: who did what, over which
 * port, the SMTP/POP3/IMAP lines themselves, the envelope and the header
 * at every hop, and the lesson's captions where they belong.  The GUI's
 * event list uses narrate_sentence too, so both tell the same story. */
#ifndef MAILSIM_NARRATE_H
#define MAILSIM_NARRATE_H

#include <stdio.h>

#include "i18n.h"
#include "sim.h"

/* One sentence for record r (no time, no newline), appended to out. */
void narrate_sentence(const struct sim *s, const struct i18n *cat, const struct trace_rec *r,
                      struct sbuf *out);

/* How the alignment record (TR_SPF with cmd "header") reads: "aligned";
 * "unaligned" (the header From names another domain than the envelope);
 * "nopass" (the same domain, but SPF did not pass, so there was nothing
 * verified to align with).  The narration and the event list both use it. */
const char *narrate_spf_alignment(const struct trace_rec *r);

/* A fixed text the simulation reports in English ("connection timed
 * out"), in the catalog's language when it has "text.<that text>";
 * anything else (a server's reply) as it is. */
const char *narrate_text(const struct i18n *cat, const char *text);

/* The node's name for display: its label in the catalog's language, else
 * its id. */
const char *narrate_node_name(const struct sim *s, const struct i18n *cat, int node);

/* Index of the scenario caption that record r triggers, or -1.  shown[]
 * (ncaptions entries) marks captions already shown; a caption is shown at
 * its first match only. */
int narrate_caption_match(const struct scenario *sc, const struct sim *s,
                          const struct trace_rec *r, const unsigned char *shown);

/* A headless narrator: a trace listener that prints to out. */
struct narrator;
/* cats: one or two catalogs (NULL-terminated list): with two, each event is
 * told in both languages, the first one first. */
struct narrator *narrator_new(const struct sim *s, struct i18n *const *cats, FILE *out);
void narrator_free(struct narrator *n);
/* The listener to pass to sim_set_listener with the narrator as ud. */
void narrator_listen(void *ud, const struct trace_rec *r, const struct msg *m);
/* The lesson's title and summary. */
void narrator_intro(struct narrator *n);
/* Where every message ended, one line per recipient. */
void narrator_summary(struct narrator *n);

#endif
