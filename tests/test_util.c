/* test_util — helpers shared by the unit tests. */
#include "test_util.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

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

char *test_util_json(const char *squoted)
{
	char *s = xstrdup(squoted);
	for (char *p = s; *p; p++)
		if (*p == '\'')
			*p = '"';
	return s;
}

struct scenario *test_util_parse_errs(const char *file, const char *squoted, char **errs)
{
	size_t len = 0;
	char *json = test_util_json(squoted);
	*errs = NULL;
	FILE *err = open_memstream(errs, &len);
	cr_assert_not_null(err);
	struct scenario *sc = scenario_parse(file, json, err);
	fclose(err);
	free(json);
	return sc;
}

struct i18n *test_util_catalog(enum lang lang)
{
	char buf[4096];
	const char *assets = i18n_assets_dir(NULL, buf, sizeof buf);
	cr_assert_not_null(assets, "no assets (set MAILSIM_ASSETS)");
	struct i18n *cat = i18n_load(assets, lang, stderr);
	cr_assert_not_null(cat, "the %s catalog in %s must load", lang_names[lang], assets);
	return cat;
}

struct scenario *test_util_parse(const char *file, const char *squoted)
{
	char *errs;
	struct scenario *sc = test_util_parse_errs(file, squoted, &errs);
	cr_assert_not_null(sc, "%s must load, but the loader says:\n%s", file, errs);
	free(errs);
	return sc;
}

char *test_util_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f, "cannot read %s (run from the top directory)", path);
	struct sbuf b = { 0 };
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&b, buf, n);
	fclose(f);
	*len = b.len;
	return b.s ? sbuf_take(&b) : xstrdup("");
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

/* The hand-written formatters give what printf gives. */
static void test_util_fmt_s(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sbuf_add_fmt_s(b, fmt, ap);
	va_end(ap);
}

Test(util, add_int_and_fmt_s_write_what_printf_writes)
{
	static const long long nums[] = { 0, 7, -7, 9, 10, 11, 99, 100, 101, -100, 250, 999, 1000,
	                                  10240000, -9223372036854775807LL - 1,
	                                  9223372036854775807LL };
	for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
		struct sbuf b = { 0 };
		char want[32];
		snprintf(want, sizeof want, "%lld", nums[i]);
		sbuf_add_int(&b, nums[i]);
		cr_expect_str_eq(b.s, want);
		sbuf_free(&b);
	}
	struct sbuf b = { 0 };
	test_util_fmt_s(&b, "<%s>: Recipient address rejected: %s 100%%", "bob@b.example", "x");
	cr_expect_str_eq(b.s, "<bob@b.example>: Recipient address rejected: x 100%");
	sbuf_reset(&b);
	test_util_fmt_s(&b, "%s%s", "", "end");
	cr_expect_str_eq(b.s, "end");
	sbuf_reset(&b);
	test_util_fmt_s(&b, "no arguments");
	cr_expect_str_eq(b.s, "no arguments");
	sbuf_free(&b);
}

void test_util_load_fails(const char *squoted, const char *want)
{
	char *errs = NULL;
	struct scenario *sc = test_util_parse_errs("t.json", squoted, &errs);
	cr_expect_null(sc, "loaded although broken: %s", squoted);
	cr_expect_str_eq(errs, want, "for %s", squoted);
	scenario_free(sc);
	free(errs);
}
