/* narrate — trace records told as sentences a student can follow, in
 * Japanese or English from the i18n catalogs: who did what, over which
 * port, the SMTP/POP3/IMAP lines themselves, the envelope and the header
 * at every hop, and the lesson's captions where they belong.  The GUI's
 * event list uses narrate_tell too, so both tell the same story. */
#ifndef MAILSIM_NARRATE_H
#define MAILSIM_NARRATE_H

#include <stdio.h>

#include "i18n.h"
#include "sim.h"

/* The catalog prefix of the narration's sentences ("narr.KIND"); the
 * window's event list tells the same records with "ui.ev". */
#define NARRATE_PREFIX "narr"

/* One sentence for record r (no time, no newline), appended to out: the
 * template PREFIX.KIND.VARIANT (else PREFIX.KIND) of cat, filled with the
 * record's arguments.  Needs the scenario for names, never the run: a
 * record can be told long after its run is gone. */
void narrate_tell(const struct scenario *sc, const struct i18n *cat, const char *prefix,
                  const struct trace_rec *r, struct sbuf *out);

/* The text of a TR_CMD or TR_REPLY line, appended to out: the line as
 * sent, or for the message itself PREFIX.data ("(the message itself, N
 * bytes)"). */
void narrate_wire_text(const struct i18n *cat, const char *prefix, const struct trace_rec *r,
                       struct sbuf *out);

/* A fixed text the simulation reports in English ("connection timed
 * out"), in the catalog's language when it has "text.<that text>";
 * anything else (a server's reply) as it is. */
const char *narrate_text(const struct i18n *cat, const char *text);

/* The node's name for display: its label in the catalog's language, else
 * its id. */
const char *narrate_node_name(const struct scenario *sc, const struct i18n *cat, int node);

/* Index of the scenario caption that record r triggers, or -1.  shown[]
 * (ncaptions entries) marks captions already shown; a caption is shown at
 * its first match only.  A kind that is not told (TR_STATE) fires only a
 * caption that names it. */
int narrate_caption_match(const struct scenario *sc, const struct trace_rec *r,
                          const unsigned char *shown);
/* Does record r match m (a caption's or a quiz question's "on")? */
int narrate_matches(const struct sc_match *m, const struct trace_rec *r);

/* ---- for the kind descriptors (trace_kinds.c): a sentence's arguments ---- */
struct narrate_args;
/* Add (or replace) the argument {name}.  value must live until the
 * sentence is written (a record's string, a scenario's, a catalog's). */
void narrate_arg(struct narrate_args *a, const char *name, const char *value);
/* Add {name} formatted (short values: numbers, a time). */
void narrate_argf(struct narrate_args *a, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* {name} = the catalog's PREFIX.suffix filled with kargs (at most one per
 * sentence: the message itself on the wire). */
void narrate_arg_key(struct narrate_args *a, const char *name, const char *suffix,
                     const char *const *kargs);
/* {name} = value, a string the kind built (malloc'd): the sentence takes
 * ownership and frees it once written.  For lists a kind formats itself
 * from the catalog (at most 4 per sentence). */
void narrate_arg_take(struct narrate_args *a, const char *name, char *value);
/* The catalog and the key prefix ("narr", "ui.ev") the sentence is told
 * with, for a kind that formats pieces of it from PREFIX.… keys. */
const struct i18n *narrate_arg_catalog(const struct narrate_args *a);
const char *narrate_arg_prefix(const struct narrate_args *a);
/* The lesson the sentence is about. */
const struct scenario *narrate_arg_scenario(const struct narrate_args *a);
/* A fixed English phrase in the sentence's language (narrate_text). */
const char *narrate_arg_phrase(const struct narrate_args *a, const char *english);
/* The catalog's text for key in the sentence's language (the key if missing). */
const char *narrate_arg_text(const struct narrate_args *a, const char *key);
/* Names from the scenario: a router rule's, a user's address, a folder's
 * (in the sentence's language).  "" for a bad index. */
const char *narrate_arg_rule(const struct narrate_args *a, int router, int rule);
const char *narrate_arg_user(const struct narrate_args *a, int user);
const char *narrate_arg_folder(const struct narrate_args *a, int folder);

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
