/* test_util — helpers shared by the unit tests. */
#include "test_util.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <unistd.h>

struct scenario *test_util_lesson(const char *name)
{
	char where[2][256];
	snprintf(where[0], sizeof where[0], "scenarios/%s", name);
	snprintf(where[1], sizeof where[1], "../scenarios/%s", name);
	for (int i = 0; i < 2; i++)
		if (access(where[i], R_OK) == 0) {
			struct scenario *sc = scenario_load(where[i], stderr);
			cr_assert_not_null(sc, "%s must load", where[i]);
			return sc;
		}
	cr_assert_fail("scenarios/%s not found (run from the top directory)", name);
	return NULL;
}
