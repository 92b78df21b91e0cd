/* trace_names — the names of trace kinds and protocols as they appear in
 * the JSON trace, in scenario captions and in the i18n keys. */
#include "trace.h"

#include <string.h>

const char *const trace_kind_names[TR_KIND_COUNT] = {
	"compose", "connect", "accept", "blocked", "refused", "timeout",
	"cmd", "reply", "dns_query", "dns_answer", "queued", "deliver", "defer",
	"bounce", "discard", "fetched", "mua_error", "close", "rule", "mark", "spf",
};
_Static_assert(sizeof trace_kind_names / sizeof *trace_kind_names == TR_KIND_COUNT,
               "trace_kind_names");

const char *const proto_names[PROTO_COUNT] = { "", "SMTP", "POP3", "IMAP", "DNS" };
_Static_assert(sizeof proto_names / sizeof *proto_names == PROTO_COUNT, "proto_names");

int trace_kind_from_name(const char *name)
{
	for (int i = 0; i < TR_KIND_COUNT; i++)
		if (strcmp(trace_kind_names[i], name) == 0)
			return i;
	return -1;
}
