/* check_why — what the answer key found, told with the catalog's
 * check.found.* sentences: in the lesson file's own words for the
 * terminal's PASS/FAIL lines, or as the window names things for a class. */
#include "check.h"

#include <stdio.h>

#include "bayes.h"
#include "narrate.h"
#include "smime.h"

const char *const check_found_names[CHECK_FOUND_KIND_COUNT] = {
	[CHECK_FOUND_COUNTED] = "counted",
	[CHECK_FOUND_COUNT] = "count",
	[CHECK_FOUND_NEVER_SENT] = "never_sent",
	[CHECK_FOUND_NO_RCPT] = "no_rcpt",
	[CHECK_FOUND_STATE] = "state",
	[CHECK_FOUND_FOLDER] = "folder",
	[CHECK_FOUND_MAILBOX] = "mailbox",
	[CHECK_FOUND_NODE] = "node",
	[CHECK_FOUND_RULE] = "rule",
	[CHECK_FOUND_CODE] = "code",
	[CHECK_FOUND_RECEIVED] = "received",
	[CHECK_FOUND_UNJUDGED] = "unjudged",
	[CHECK_FOUND_NO_FILTER] = "no_filter",
	[CHECK_FOUND_VERDICT] = "verdict",
	[CHECK_FOUND_NO_COPY] = "no_copy",
	[CHECK_FOUND_NO_HEADER] = "no_header",
	[CHECK_FOUND_HAS_HEADER] = "has_header",
	[CHECK_FOUND_NOT_OPENED] = "not_opened",
	[CHECK_FOUND_SIGNATURE] = "signature",
	[CHECK_FOUND_CHAIN] = "chain",
	[CHECK_FOUND_FROM] = "from",
	[CHECK_FOUND_DECRYPTION] = "decryption",
	[CHECK_FOUND_NOT_HELD] = "not_held",
	[CHECK_FOUND_HELD] = "held",
};
_Static_assert(sizeof check_found_names / sizeof *check_found_names == CHECK_FOUND_KIND_COUNT,
               "one name per finding");

/* The catalog's text for key (the window's word for a state, a verdict,
 * an S/MIME value), or with plain set (or none in the catalog) name. */
static const char *check_why_word(const struct i18n *cat, int plain, const char *key, const char *name)
{
	const char *t = plain ? NULL : i18n_find(cat, key);
	return t ? t : name;
}

/* The words for an S/MIME value wanted and found (check.smime.WHAT.NAME),
 * their keys written into wk and gk (96 bytes each). */
static void check_why_pair(const struct i18n *cat, int plain, const char *what, const char *const *names,
                           const struct check_item *it, char *wk, char *gk, const char **w, const char **g)
{
	snprintf(wk, 96, "check.smime.%s.%s", what, names[it->want]);
	snprintf(gk, 96, "check.smime.%s.%s", what, names[it->got]);
	*w = check_why_word(cat, plain, wk, names[it->want]);
	*g = check_why_word(cat, plain, gk, names[it->got]);
}

static const char *check_why_node(const struct scenario *sc, const struct i18n *cat, int plain,
                                  int node)
{
	if (node < 0)
		return plain ? "-" : i18n_get(cat, "check.found.none");
	return plain ? scenario_node_id(sc, node) : narrate_node_name(sc, cat, node);
}

/* A string of the finding: a folder in the window's words, none as the
 * catalog says it. */
static const char *check_why_str(const struct i18n *cat, int plain, const char *v, int folder)
{
	if (!v)
		return i18n_get(cat, "check.found.none");
	return folder && !plain ? narrate_text(cat, v) : v;
}

/* A state's at/by/reason parts, each its own catalog piece. */
static void check_why_state_parts(const struct scenario *sc, const struct check_item *it,
                                  const struct i18n *cat, int plain, struct sbuf part[3])
{
	if (it->node >= 0) {
		const char *a[] = { "node", check_why_node(sc, cat, plain, it->node), NULL };
		i18n_format(cat, "check.found.state.at", a, &part[0]);
	}
	if (it->rule) {
		const char *a[] = { "rule", it->rule, NULL };
		i18n_format(cat, "check.found.state.by", a, &part[1]);
	}
	if (it->reason && *it->reason) {
		const char *a[] = { "reason", plain ? it->reason : narrate_text(cat, it->reason), NULL };
		i18n_format(cat, "check.found.state.reason", a, &part[2]);
	}
}

void check_why(const struct scenario *sc, const struct check_item *it, const struct i18n *cat,
               int plain, struct sbuf *out)
{
	if (!it->told)
		return;
	if ((unsigned)it->found >= CHECK_FOUND_KIND_COUNT)
		PANIC("finding %d", (int)it->found);
	char want[32], got[32], total[16], min[16], max[16], score[32];
	snprintf(want, sizeof want, "%d", it->want);
	snprintf(got, sizeof got, "%d", it->got);
	snprintf(total, sizeof total, "%d", it->total);
	snprintf(min, sizeof min, "%d", it->min);
	snprintf(max, sizeof max, "%d", it->max);
	snprintf(score, sizeof score, "%.3f", it->score);
	const char *w = want, *g = got;
	char wk[96], gk[96];   /* the catalog keys of the words for want and found */
	struct sbuf part[3] = { { 0 }, { 0 }, { 0 } };
	switch (it->found) {
	case CHECK_FOUND_STATE:
		snprintf(wk, sizeof wk, "ui.state.%s", ledger_state_names[it->want]);
		snprintf(gk, sizeof gk, "ui.state.%s", ledger_state_names[it->got]);
		w = check_why_word(cat, plain, wk, ledger_state_names[it->want]);
		g = check_why_word(cat, plain, gk, ledger_state_names[it->got]);
		check_why_state_parts(sc, it, cat, plain, part);
		break;
	case CHECK_FOUND_FOLDER:
	case CHECK_FOUND_MAILBOX:
	case CHECK_FOUND_RULE:
	case CHECK_FOUND_NO_RCPT:
	case CHECK_FOUND_NO_HEADER:
	case CHECK_FOUND_HAS_HEADER:
	case CHECK_FOUND_NOT_OPENED:
		w = check_why_str(cat, plain, it->want_s, it->found == CHECK_FOUND_FOLDER);
		g = check_why_str(cat, plain, it->got_s, it->found == CHECK_FOUND_FOLDER);
		break;
	case CHECK_FOUND_NODE:
		w = check_why_node(sc, cat, plain, it->want);
		g = check_why_node(sc, cat, plain, it->got);
		break;
	case CHECK_FOUND_UNJUDGED:
	case CHECK_FOUND_NO_FILTER:
	case CHECK_FOUND_VERDICT:
		snprintf(wk, sizeof wk, "ui.ev.verdict.%s", bayes_verdict_name((enum bayes_verdict)it->want));
		w = check_why_word(cat, plain, wk, bayes_verdict_name((enum bayes_verdict)it->want));
		if (it->found == CHECK_FOUND_VERDICT) {
			snprintf(gk, sizeof gk, "ui.ev.verdict.%s", bayes_verdict_name((enum bayes_verdict)it->got));
			g = check_why_word(cat, plain, gk, bayes_verdict_name((enum bayes_verdict)it->got));
		}
		break;
	case CHECK_FOUND_SIGNATURE:
		check_why_pair(cat, plain, "sig", smime_sig_names, it, wk, gk, &w, &g);
		break;
	case CHECK_FOUND_CHAIN:
		check_why_pair(cat, plain, "chain", smime_chain_names, it, wk, gk, &w, &g);
		break;
	case CHECK_FOUND_FROM:
		check_why_pair(cat, plain, "from", smime_from_names, it, wk, gk, &w, &g);
		break;
	case CHECK_FOUND_DECRYPTION:
		check_why_pair(cat, plain, "dec", smime_dec_names, it, wk, gk, &w, &g);
		break;
	case CHECK_FOUND_NOT_HELD:
	case CHECK_FOUND_HELD:
		snprintf(wk, sizeof wk, "ui.smime.prop.%s", smime_prop_names[it->want]);
		w = check_why_word(cat, plain, wk, smime_prop_names[it->want]);
		break;
	case CHECK_FOUND_COUNTED:
	case CHECK_FOUND_COUNT:
	case CHECK_FOUND_NEVER_SENT:
	case CHECK_FOUND_CODE:
	case CHECK_FOUND_RECEIVED:
	case CHECK_FOUND_NO_COPY:
		break;   /* numbers, or nothing to name */
	default:
		PANIC("finding %d", (int)it->found);
	}
	char key[64];
	snprintf(key, sizeof key, "check.found.%s", check_found_names[it->found]);
	const char *args[] = { "want", w, "found", g, "at", part[0].s ? part[0].s : "",
		               "by", part[1].s ? part[1].s : "", "reason", part[2].s ? part[2].s : "",
		               "total", total, "min", min, "max", max, "score", score, NULL };
	i18n_format(cat, key, args, out);
	for (int i = 0; i < 3; i++)
		sbuf_free(&part[i]);
}
