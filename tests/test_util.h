/* test_util — helpers shared by the unit tests. */
#ifndef MAILSIM_TEST_UTIL_H
#define MAILSIM_TEST_UTIL_H

#include "scenario.h"

#define SEC(x) ((int64_t)(x) * 1000000)

/* Load scenarios/NAME from the repository's top directory or from tests/;
 * fails the test if it cannot. */
struct scenario *test_util_lesson(const char *name);

#endif
