/* test_msg_util — helpers shared by the message unit tests. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L  /* strndup */
#endif

#include "test_msg_util.h"

#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

size_t test_msg_util_longest_line(const char *s)
{
	size_t best = 0;
	while (*s) {
		const char *e = strstr(s, "\r\n");
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n > best)
			best = n;
		if (!e)
			break;
		s = e + 2;
	}
	return best;
}

struct msg *test_msg_util_roundtrip(const struct msg *m, char **text)
{
	size_t len;
	char err[128];
	char *s = msg_serialize(m, &len);
	cr_assert_eq(strlen(s), len);
	struct msg *p = msg_parse(s, len, err, sizeof err);
	cr_assert_not_null(p, "parse of serialized text failed: %s\n%s", err, s);
	if (text)
		*text = s;
	else
		free(s);
	return p;
}

char *test_msg_util_field_dup(const struct msg *m, int i)
{
	size_t n;
	const char *v = msg_field_value(m, i, &n);
	return strndup(v, n);
}
