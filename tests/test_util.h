/* test_util — helpers shared by the unit tests. */
#ifndef MAILSIM_TEST_UTIL_H
#define MAILSIM_TEST_UTIL_H

#include "scenario.h"
#include "trace.h"

#define SEC(x) ((int64_t)(x) * 1000000)

/* Load scenarios/NAME from the repository's top directory or from tests/;
 * fails the test if it cannot. */
struct scenario *test_util_lesson(const char *name);

/* The name of the rule that stopped a connection, "" if none did. */
const char *test_util_rule(const struct scenario *sc, const struct trace_stop *st);
/* A TR_CONNECT record's address as dotted quad (a static buffer). */
const char *test_util_connect_addr(const struct trace_rec *r);

#endif
