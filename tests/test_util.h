/* test_util — helpers shared by the unit tests. */
#ifndef MAILSIM_TEST_UTIL_H
#define MAILSIM_TEST_UTIL_H

#include "i18n.h"
#include "scenario.h"
#include "trace.h"

#define SEC(x) ((int64_t)(x) * 1000000)
#define MS(x) ((int64_t)(x) * 1000)

/* Load scenarios/NAME from the repository's top directory or from tests/;
 * fails the test if it cannot. */
struct scenario *test_util_lesson(const char *name);

/* The catalog of lang from the assets directory (MAILSIM_ASSETS, or the
 * repository's); fails the test if it cannot be loaded.  The caller frees
 * it with i18n_free. */
struct i18n *test_util_catalog(enum lang lang);

/* JSON written with single quotes (readable in C) as real JSON: every '
 * becomes ".  The caller frees the result. */
char *test_util_json(const char *squoted);
/* Parse squoted (as test_util_json turns it) under the file name file.
 * Returns the scenario, or NULL if it does not load; everything the loader
 * wrote is in *errs ("" if nothing), which the caller frees. */
struct scenario *test_util_parse_errs(const char *file, const char *squoted, char **errs);
/* Expects squoted (as test_util_parse's) to fail to load as t.json with
 * exactly the error lines in want. */
void test_util_load_fails(const char *squoted, const char *want);
/* The same, but a file that does not load fails the test with the
 * loader's messages.  The caller frees the scenario. */
struct scenario *test_util_parse(const char *file, const char *squoted);

/* The whole file at path (relative to the top directory, where the tests
 * run), NUL-terminated, its length in *len; fails the test if it cannot
 * be read.  The caller frees it. */
char *test_util_read(const char *path, size_t *len);

/* The name of the rule that stopped a connection, "" if none did. */
const char *test_util_rule(const struct scenario *sc, const struct trace_stop *st);
/* A TR_CONNECT record's address as dotted quad (a static buffer). */
const char *test_util_connect_addr(const struct trace_rec *r);

#endif
