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

#endif
