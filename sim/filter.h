/* filter — each user's Bayesian spam filter inside the simulation.
 *
 * A user whose lesson entry has "filter" gets a token database of their
 * own (bayes.h), trained from the lesson's training mail when the run is
 * created.  The receiving MDA asks the filter about every mail it stores
 * for that user: the verdict (score, band, the tokens that weighed most)
 * is a TR_FILTER record, and a mail judged spam goes to the Junk folder
 * (the SPF/DMARC decision of the receiving MTA still applies on its own).
 *
 * Learning follows the source notes (「判定が正しければこの新しいメールの
 * 内容も学習し…判定を誤った場合は利用者がそれを指摘する」), as bogofilter's
 * -u mode does: a mail judged ham or spam is learnt as what it was judged
 * at once, taken as right until the user says otherwise; an unsure one is
 * not learnt.  A user's mark (sim_act's SIM_ACT_MARK) that disagrees takes
 * the mail out of the class it was learnt as and learns it as the other
 * (bayes_retrain_msg), or learns an unsure one for the first time; a mark
 * that agrees changes nothing.  Each mark that reaches a filter is a
 * TR_LEARN record, with the mail judged again by what the filter knows
 * then.  The databases live in struct sim, so replaying the action log
 * rebuilds them exactly. */
#ifndef MAILSIM_FILTER_H
#define MAILSIM_FILTER_H

#include <stddef.h>
#include <stdint.h>

#include "bayes.h"
#include "sim.h"

/* 1 if user has a spam filter in this run. */
int filter_on(const struct sim *s, int user);
/* The user's token database as it is now, or NULL without a filter.  Valid
 * until the run changes. */
const struct bayes_db *filter_db(const struct sim *s, int user);

/* ---- accuracy over the mails received, from the trace alone ---- */

/* One verdict (a TR_FILTER record) and the running accuracy after it. */
struct filter_point {
	size_t rec;            /* index of its record in the trace given */
	int user, msg;         /* whose filter, which ledger entry */
	uint8_t spam;          /* the filter filed it as spam */
	uint8_t unsure;        /* the filter could not decide (the middle band) */
	uint8_t wrong;         /* a ham or spam verdict the mail belies */
	int right;             /* verdicts judged right so far, this one included */
};

/* One point per TR_FILTER record of tr[0 .. n-1] (every user's), in order:
 * fills out[0 .. max-1] and returns how many there are (which may exceed
 * max).  A ham or spam verdict is wrong when the lesson says the mail is
 * the other class (its "class", the record's truth), from the verdict on:
 * lesson 12's raffle mail, judged spam, counted right until Bob marked it
 * 30 s later while the caption already called it a misjudgement (issue
 * 11).  Where the lesson does not say (mail composed in the window), it
 * is wrong when a TR_LEARN record in tr[0 .. n-1] for the same user and
 * message learnt the other class (the last one counts); what the user
 * did not correct they accepted, so it counts as right.  An unsure verdict is neither: the filter did not judge
 * the mail, so it is never counted right (nor wrong, whatever the user
 * marks).  The accuracy after point k is out[k].right / (k + 1). */
size_t filter_accuracy(const struct trace_rec *tr, size_t n, struct filter_point *out, size_t max);

#endif
