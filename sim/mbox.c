/* mbox — splitting mbox text at its "From " separator lines. */
#include "mbox.h"

#include <string.h>

int mbox_from_line(const char *s, size_t n)
{
	if (n < 5 || memcmp(s, "From ", 5) != 0)
		return 0;
	const char *nl = memchr(s, '\n', n);
	size_t len = nl ? (size_t)(nl - s) : n;
	int fields = 0, colon = 0;
	for (size_t i = 4; i < len; i++) {
		if (s[i] == ' ' && i + 1 < len && s[i + 1] != ' ')
			fields++;
		if (s[i] == ':' && s[i - 1] >= '0' && s[i - 1] <= '9')
			colon = 1;
	}
	return fields >= 3 && colon;
}

int mbox_each(const char *s, size_t n, mbox_msg_fn fn, void *ud)
{
	if (!mbox_from_line(s, n))
		return fn(ud, s, n, 0) ? -1 : 1;
	size_t start = 0, pos = 0;
	int index = 0, failed = 0;
	while (pos < n) {
		const char *nl = memchr(s + pos, '\n', n - pos);
		size_t next = nl ? (size_t)(nl - s) + 1 : n;
		int blank = next - pos == 1 || (next - pos == 2 && s[pos] == '\r');
		if (blank && next < n && mbox_from_line(s + next, n - next)) {
			failed |= fn(ud, s + start, next - start, index++) != 0;
			start = next;
		}
		pos = next;
	}
	if (start < n)
		failed |= fn(ud, s + start, n - start, index++) != 0;
	return failed ? -1 : index;
}

const char *mbox_body(const char *msg, size_t len, size_t *rest)
{
	if (!mbox_from_line(msg, len)) {
		*rest = len;
		return msg;
	}
	const char *nl = memchr(msg, '\n', len);
	size_t skip = nl ? (size_t)(nl - msg) + 1 : len;
	*rest = len - skip;
	return msg + skip;
}
