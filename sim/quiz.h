/* quiz — a lesson's questions against a run: which trace record each one
 * belongs to (it is asked just before that record happens), and the
 * printable worksheet.  The window asks them; `mailsim quiz` prints them. */
#ifndef MAILSIM_QUIZ_H
#define MAILSIM_QUIZ_H

#include <stdio.h>

#include "scenario.h"
#include "trace.h"

/* The question record r belongs to: the first not yet asked (asked[i] set;
 * NULL: none asked) whose "on" it matches; -1 if none.  A record takes at
 * most one question, as it shows at most one caption. */
int quiz_match(const struct scenario *sc, const struct trace_rec *r, const unsigned char *asked);

/* For every question, the index in tr[0 .. n-1] of the record it belongs
 * to, or -1 if no record matches it: at[] has sc->nquiz entries. */
void quiz_locate(const struct scenario *sc, const struct trace_rec *tr, size_t n, long *at);

/* The questions in the order the run asks them (at: quiz_locate's answer
 * for a trace of n records), a question no record reaches last: order[]
 * gets sc->nquiz question indexes.  The worksheet numbers them so, and so
 * does `mailsim shot --quiz N`. */
void quiz_order(const struct scenario *sc, const long *at, size_t n, int *order);

/* The lesson's questions as a Markdown worksheet for printing, in lang
 * (0 ja, 1 en), in the order the run asks them (tr: the whole run's
 * trace); with answers, each answer and why after its choices. */
void quiz_worksheet(const struct scenario *sc, const struct trace_rec *tr, size_t n, int lang,
                    int answers, FILE *out);

#endif
