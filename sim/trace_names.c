/* trace_names — the names of trace kinds and protocols as they appear in
 * the JSON trace, in scenario captions and in the i18n keys. */
#include "trace.h"

#include <string.h>

const char *const trace_kind_names[TR_KIND_COUNT] = {
	"compose", "connect", "accept", "blocked", "refused", "timeout",
	"cmd", "reply", "dns_query", "dns_answer", "queued", "deliver", "defer",
	"bounce", "discard", "fetched", "mua_error", "close", "rule", "mark", "spf",
	"smime", "tamper",   /* S/MIME (issue 8) */
	"state",
	"dkim_sign", "dkim", "dmarc",
	"filter", "learn",
	"sniff",
};
_Static_assert(sizeof trace_kind_names / sizeof *trace_kind_names == TR_KIND_COUNT,
               "trace_kind_names");

const char *const proto_names[PROTO_COUNT] = { "", "SMTP", "POP3", "IMAP", "DNS", "LMTP" };
_Static_assert(sizeof proto_names / sizeof *proto_names == PROTO_COUNT, "proto_names");

const char *const trace_origin_names[TRACE_ORIGIN_COUNT] = {
	"", "user", "bot", "script", "bounce", "forward", "attacker",
};
_Static_assert(sizeof trace_origin_names / sizeof *trace_origin_names == TRACE_ORIGIN_COUNT,
               "trace_origin_names");

const char *const trace_take_names[TRACE_TAKE_COUNT] = { "MSA", "MTA", "forward", "bounce",
                                                             "MSA_relayhost" };
_Static_assert(sizeof trace_take_names / sizeof *trace_take_names == TRACE_TAKE_COUNT,
               "trace_take_names");

const char *const trace_folder_names[TRACE_FOLDER_COUNT] = { "INBOX", "Junk" };
_Static_assert(sizeof trace_folder_names / sizeof *trace_folder_names == TRACE_FOLDER_COUNT,
               "trace_folder_names");

const char *const trace_bounce_why_names[TRACE_BOUNCE_WHY_COUNT] = {
	"reply", "expired", "loopback", "no_host", "forwarding_loop", "unknown_user",
};
_Static_assert(sizeof trace_bounce_why_names / sizeof *trace_bounce_why_names ==
               TRACE_BOUNCE_WHY_COUNT, "trace_bounce_why_names");

const char *const trace_why_names[TRACE_WHY_COUNT] = { "reply", "timeout", "refused", "no_mx" };
_Static_assert(sizeof trace_why_names / sizeof *trace_why_names == TRACE_WHY_COUNT,
               "trace_why_names");

const char *const trace_spf_check_names[TRACE_SPF_COUNT] = { "mailfrom", "helo" };
_Static_assert(sizeof trace_spf_check_names / sizeof *trace_spf_check_names == TRACE_SPF_COUNT,
               "trace_spf_check_names");

const char *const trace_dns_for_names[TRACE_DNS_FOR_COUNT] = { "mx", "dkim", "dmarc" };
_Static_assert(sizeof trace_dns_for_names / sizeof *trace_dns_for_names == TRACE_DNS_FOR_COUNT,
               "trace_dns_for_names");

const char *const trace_dkim_step_names[TRACE_DKIM_STEP_COUNT] = { "skipped", "ok", "failed" };
_Static_assert(sizeof trace_dkim_step_names / sizeof *trace_dkim_step_names ==
               TRACE_DKIM_STEP_COUNT, "trace_dkim_step_names");

const char *const trace_dmarc_act_names[TRACE_DMARC_ACT_COUNT] = { "inbox", "junk", "reject" };
_Static_assert(sizeof trace_dmarc_act_names / sizeof *trace_dmarc_act_names ==
               TRACE_DMARC_ACT_COUNT, "trace_dmarc_act_names");

const char *const trace_dmarc_why_names[TRACE_DMARC_WHY_COUNT] = {
	"as_usual", "policy", "pct", "local", "spf",
};
_Static_assert(sizeof trace_dmarc_why_names / sizeof *trace_dmarc_why_names ==
               TRACE_DMARC_WHY_COUNT, "trace_dmarc_why_names");

const char *const trace_learn_names[TRACE_LEARN_COUNT] = { "none", "ham", "spam" };
_Static_assert(sizeof trace_learn_names / sizeof *trace_learn_names == TRACE_LEARN_COUNT,
               "trace_learn_names");

const char *const trace_sniff_what_names[TRACE_SNIFF_COUNT] = { "syn", "clear", "handshake", "tls" };
_Static_assert(sizeof trace_sniff_what_names / sizeof *trace_sniff_what_names == TRACE_SNIFF_COUNT,
               "trace_sniff_what_names");

const char *const trace_sniff_secret_names[TRACE_SNIFF_SECRET_COUNT] = { "", "password", "digest" };
_Static_assert(sizeof trace_sniff_secret_names / sizeof *trace_sniff_secret_names ==
               TRACE_SNIFF_SECRET_COUNT, "trace_sniff_secret_names");

int trace_kind_from_name(const char *name)
{
	for (int i = 0; i < TR_KIND_COUNT; i++)
		if (strcmp(trace_kind_names[i], name) == 0)
			return i;
	return -1;
}
