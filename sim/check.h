/* check — a lesson's answer key: run the scenario and compare where each
 * message ended with the expectations written in the file. */
#ifndef MAILSIM_CHECK_H
#define MAILSIM_CHECK_H

#include <stdio.h>

#include "i18n.h"
#include "sim.h"

/* Evaluate every expectation of s's scenario against the run as it stands
 * and audit the ledger.  Prints one line per expectation ("PASS …" or
 * "FAIL …: expected …, found …") and one per audit problem to out.  Adds to
 * *passed and *failed.  en: the English catalog (what was found is told
 * with its check.found.* sentences). */
void check_run(const struct sim *s, const struct i18n *en, FILE *out, int *passed, int *failed);

/* What was found against an expectation, one kind per sentence of the
 * catalog ("check.found.KIND" in narration.*.json), so each view tells it
 * in its own language.  The names table beside it gives KIND. */
enum check_found {
	CHECK_FOUND_COUNTED,      /* a count that holds: got of total */
	CHECK_FOUND_COUNT,        /* a count outside min..max: got of total */
	CHECK_FOUND_NEVER_SENT,
	CHECK_FOUND_NO_RCPT,      /* want_s: the recipient */
	CHECK_FOUND_STATE,        /* want, got: enum ledger_state; node, rule, reason */
	CHECK_FOUND_FOLDER,       /* want_s, got_s (NULL: none) */
	CHECK_FOUND_MAILBOX,      /* want_s, got_s (NULL: none) */
	CHECK_FOUND_NODE,         /* want, got: node indices (-1: none) */
	CHECK_FOUND_RULE,         /* want_s, got_s (NULL: none) */
	CHECK_FOUND_CODE,         /* want, got: reply codes */
	CHECK_FOUND_RECEIVED,     /* want, got: Received fields */
	CHECK_FOUND_UNJUDGED,     /* want: enum bayes_verdict; the filter did not judge it */
	CHECK_FOUND_NO_FILTER,    /* want: enum bayes_verdict; the user has no filter */
	CHECK_FOUND_VERDICT,      /* want, got: enum bayes_verdict; score */
	CHECK_FOUND_NO_COPY,      /* no delivered copy to read a header of */
	CHECK_FOUND_NO_HEADER,    /* want_s: "Name: value" */
	CHECK_FOUND_HAS_HEADER,   /* want_s: a field name */
	CHECK_FOUND_NOT_OPENED,   /* want_s: the recipient */
	CHECK_FOUND_SIGNATURE,    /* want, got: enum smime_sig */
	CHECK_FOUND_CHAIN,        /* want, got: enum smime_chain */
	CHECK_FOUND_FROM,         /* want, got: enum smime_from */
	CHECK_FOUND_DECRYPTION,   /* want, got: enum smime_dec */
	CHECK_FOUND_NOT_HELD,     /* want: enum smime_prop that does not hold */
	CHECK_FOUND_HELD,         /* want: enum smime_prop that holds */
	CHECK_FOUND_KIND_COUNT
};
extern const char *const check_found_names[CHECK_FOUND_KIND_COUNT];

/* The answer key evaluated, for every view of it (the terminal, the
 * window's end-of-lesson check panel).  A failing item (and a counting
 * one) says what was found; check_why tells it. */
struct check_item {
	int ok;                  /* the expectation holds */
	int told;                /* found is set (every failing item) */
	enum check_found found;
	int want, got;           /* as the kind says */
	int node, total, min, max;
	double score;            /* the filter's, for CHECK_FOUND_VERDICT */
	char *want_s, *got_s;    /* as the kind says, owned (NULL: none) */
	char *rule, *reason;     /* CHECK_FOUND_STATE: the ledger's, owned or NULL */
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
/* Append what was found against item it of sc's answer key to out, in
 * cat's language.  With plain set, names as the lesson file writes them
 * (ledger states, folders, node ids: the terminal's "PASS …"/"FAIL …"
 * lines, with the English catalog); otherwise as the window and the
 * narration name them (a state's ui.state.* text, a host's label, a
 * folder's text.* name).  Appends nothing for an item that holds and
 * counts nothing. */
void check_why(const struct scenario *sc, const struct check_item *it, const struct i18n *cat,
               int plain, struct sbuf *out);
/* Print r to out and add to *passed and *failed: with lang -1 the
 * "PASS …"/"FAIL …" lines of check_run (cat: the English catalog); with
 * LANG_JA or LANG_EN (cat: that language's) each expectation's note in
 * that language after ✓ or ✗ and what was found when it fails, as a class
 * reads its answer key. */
void check_print(const struct sim *s, const struct check_report *r, int lang,
                 const struct i18n *cat, FILE *out, int *passed, int *failed);

#endif
