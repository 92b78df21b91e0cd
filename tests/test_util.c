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

const char *test_util_rule(const struct scenario *sc, const struct trace_stop *st)
{
	if (st->router < 0 || st->router >= sc->nrouters || st->rule < 0 ||
	    st->rule >= sc->routers[st->router].nrules)
		return "";
	return sc->routers[st->router].rules[st->rule].name;
}

const char *test_util_connect_addr(const struct trace_rec *r)
{
	static char buf[16];
	scenario_format_ipv4(r->u.connect.addr, buf);
	return buf;
}
