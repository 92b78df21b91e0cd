/* scenario_quiz — the loader's reading of a lesson's quiz: questions tied to
 * trace events, in both languages.  Private to the loader. */
#ifndef MAILSIM_SCENARIO_QUIZ_H
#define MAILSIM_SCENARIO_QUIZ_H

#include "scenario_json.h"

/* Reads the member "quiz" of top into c->sc->quiz, reporting every problem
 * (2–4 choices, the same number in both languages, an answer among them)
 * through c. */
void scenario_quiz_read(struct scenario_ctx *c, const cJSON *top);

#endif
