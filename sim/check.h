/* check — a lesson's answer key: run the scenario and compare where each
 * message ended with the expectations written in the file. */
#ifndef MAILSIM_CHECK_H
#define MAILSIM_CHECK_H

#include <stdio.h>

#include "sim.h"

/* Evaluate every expectation of s's scenario against the run as it stands
 * and audit the ledger.  Prints one line per expectation ("PASS …" or
 * "FAIL …: expected …, found …") and one per audit problem to out.  Adds to
 * *passed and *failed. */
void check_run(const struct sim *s, FILE *out, int *passed, int *failed);

/* The answer key evaluated, for every view of it (the terminal, the
 * window's end-of-lesson check panel). */
struct check_item {
	int ok;                /* the expectation holds */
	char *why;             /* what was found (English), owned */
};
struct check_report {
	struct check_item *items;      /* one per scenario expectation, in order */
	int nitems;
	unsigned char *caption_unseen; /* per caption: no event matched it */
	int ncaptions_unseen;
	unsigned char *quiz_unseen;    /* per quiz question: no event matched it */
	int nquiz_unseen;
	int audit_problems;            /* messages the ledger lost */
};
/* Evaluate s's scenario against the run as it stands.  Free with
 * check_report_free. */
void check_evaluate(const struct sim *s, struct check_report *r);
void check_report_free(struct check_report *r);
/* Print r to out and add to *passed and *failed: with lang -1 the
 * "PASS …"/"FAIL …" lines of check_run; with LANG_JA or LANG_EN each
 * expectation's note in that language after ✓ or ✗ (and what was found
 * when it fails), as a class reads its answer key. */
void check_print(const struct sim *s, const struct check_report *r, int lang, FILE *out,
                 int *passed, int *failed);

#endif
