/* test_check — what the answer key found, told in both languages: every
 * kind of finding has its sentence in both catalogs, Japanese without the
 * English words, and the terminal's PASS/FAIL lines as they always read. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bayes.h"
#include "check.h"
#include "i18n.h"
#include "ledger.h"
#include "sim.h"
#include "smime.h"
#include "test_util.h"

/* A finding of kind k with values in range for every kind. */
static struct check_item test_check_item(enum check_found k)
{
	struct check_item it = { .ok = 0, .told = 1, .found = k, .want = 1, .got = 0, .node = 0,
		                 .total = 4, .min = 5, .max = 4, .score = 0.958 };
	it.want_s = "Junk";
	it.got_s = "INBOX";
	it.rule = "OP25B";
	it.reason = "connection timed out";
	return it;
}

static char *test_check_why(const struct scenario *sc, const struct check_item *it,
                            const struct i18n *cat, int plain)
{
	struct sbuf b = { 0 };
	check_why(sc, it, cat, plain, &b);
	return b.s;
}

Test(check, every_finding_is_told_in_both_languages)
{
	struct scenario *sc = test_util_lesson("02-op25b.json");
	struct i18n *cat[LANG_COUNT] = { test_util_catalog(LANG_JA), test_util_catalog(LANG_EN) };
	for (int k = 0; k < CHECK_FOUND_KIND_COUNT; k++) {
		struct check_item it = test_check_item((enum check_found)k);
		for (int l = 0; l < LANG_COUNT; l++)
			for (int plain = 0; plain < 2; plain++) {
				char *t = test_check_why(sc, &it, cat[l], plain);
				cr_assert(t && *t, "%s (%s): nothing told", check_found_names[k], lang_names[l]);
				cr_expect(!strstr(t, "check.") && !strchr(t, '{'),
				          "%s (%s): a key or a placeholder left: %s", check_found_names[k],
				          lang_names[l], t);
				if (l == LANG_JA && !plain)
					cr_expect(!strstr(t, "expected") && !strstr(t, "found") && !strstr(t, "none"),
					          "%s in Japanese still English: %s", check_found_names[k], t);
				free(t);
			}
	}
	i18n_free(cat[0]);
	i18n_free(cat[1]);
	scenario_free(sc);
}

/* The value names a finding can use, with the catalogue prefix of their
 * words: the ledger's states, then the four S/MIME values, then the
 * inspector's S/MIME properties. */
static const struct test_check_names {
	const char *prefix;
	const char *const *names;
	int n;
} test_check_names[] = {
	{ "ui.state", ledger_state_names, LS_COUNT },
	{ "check.smime.sig", smime_sig_names, SMIME_SIG_COUNT },
	{ "check.smime.chain", smime_chain_names, SMIME_CHAIN_COUNT },
	{ "check.smime.from", smime_from_names, SMIME_FROM_COUNT },
	{ "check.smime.dec", smime_dec_names, SMIME_DEC_COUNT },
	{ "ui.smime.prop", smime_prop_names, SMIME_PROP_COUNT },
};
#define TEST_CHECK_NAMES (sizeof test_check_names / sizeof *test_check_names)

/* Every state, verdict and S/MIME value a finding names has the window's
 * word for it in both languages. */
Test(check, every_name_a_finding_uses_has_its_words)
{
	struct i18n *cat[LANG_COUNT] = { test_util_catalog(LANG_JA), test_util_catalog(LANG_EN) };
	const struct test_check_names *tables = test_check_names;
	char key[96];
	for (size_t t = 0; t < TEST_CHECK_NAMES; t++)
		for (int i = 0; i < tables[t].n; i++)
			for (int l = 0; l < LANG_COUNT; l++) {
				snprintf(key, sizeof key, "%s.%s", tables[t].prefix, tables[t].names[i]);
				cr_expect_not_null(i18n_find(cat[l], key), "%s.json lacks %s", lang_names[l], key);
			}
	for (int v = 0; v < BAYES_VERDICT_COUNT; v++)
		for (int l = 0; l < LANG_COUNT; l++) {
			snprintf(key, sizeof key, "ui.ev.verdict.%s", bayes_verdict_name((enum bayes_verdict)v));
			cr_expect_not_null(i18n_find(cat[l], key), "%s.json lacks %s", lang_names[l], key);
		}
	i18n_free(cat[0]);
	i18n_free(cat[1]);
}

/* The terminal's lines (plain, English) read word for word as before the
 * findings came from the catalog; a class reads the window's words. */
Test(check, plain_english_is_the_lesson_files_words_and_the_class_reads_the_windows)
{
	struct scenario *sc = test_util_lesson("02-op25b.json");
	struct i18n *ja = test_util_catalog(LANG_JA), *en = test_util_catalog(LANG_EN);
	int gw = -1;
	for (int n = 0; n < scenario_node_count(sc); n++)
		if (strcmp(scenario_node_id(sc, n), "ispa-gw") == 0)
			gw = n;
	cr_assert_geq(gw, 0, "lesson 02 has its border router ispa-gw");
	struct check_item it = test_check_item(CHECK_FOUND_STATE);
	it.want = LS_DELIVERED;
	it.got = LS_BLOCKED;
	it.node = gw;
	char *t = test_check_why(sc, &it, en, 1);
	cr_expect_str_eq(t, "expected delivered, found blocked at ispa-gw by OP25B (connection timed out)");
	free(t);
	t = test_check_why(sc, &it, ja, 0);
	cr_expect(strstr(t, "「遮断」") && strstr(t, "「配達済み」") && strstr(t, "ISP A") &&
	          strstr(t, "接続がタイムアウト") && !strstr(t, "ispa-gw"), "%s", t);
	free(t);
	it = test_check_item(CHECK_FOUND_FOLDER);
	t = test_check_why(sc, &it, en, 1);
	cr_expect_str_eq(t, "expected folder Junk, found INBOX");
	free(t);
	t = test_check_why(sc, &it, ja, 0);
	cr_expect(strstr(t, "「受信箱」") && strstr(t, "「迷惑メールフォルダ」"), "%s", t);
	free(t);
	it = test_check_item(CHECK_FOUND_RULE);
	it.want_s = "OP25B";
	it.got_s = NULL;
	t = test_check_why(sc, &it, en, 1);
	cr_expect_str_eq(t, "expected rule OP25B, found none");
	free(t);
	it = test_check_item(CHECK_FOUND_VERDICT);
	it.want = BAYES_VERDICT_SPAM;
	it.got = BAYES_VERDICT_HAM;
	t = test_check_why(sc, &it, en, 1);
	cr_expect_str_eq(t, "expected the spam filter's verdict spam, found ham (score 0.958)");
	free(t);
	t = test_check_why(sc, &it, ja, 0);
	cr_expect(strstr(t, "「迷惑メールではない」") && strstr(t, "0.958"), "%s", t);
	free(t);
	i18n_free(ja);
	i18n_free(en);
	scenario_free(sc);
}

/* A class reads an S/MIME value in words, not as the lesson file's enum
 * name ("unknown_ca"): in English every value's word differs from its
 * name and none has an underscore, in Japanese none is left in ASCII;
 * the terminal's plain lines keep the names. */
Test(check, a_class_reads_smime_values_as_words)
{
	struct i18n *cat[LANG_COUNT] = { test_util_catalog(LANG_JA), test_util_catalog(LANG_EN) };
	/* The S/MIME values: the table's rows 1 to 4. */
	const struct test_check_names *tables = test_check_names + 1;
	char key[96];
	for (size_t t = 0; t < 4; t++)
		for (int i = 0; i < tables[t].n; i++) {
			snprintf(key, sizeof key, "%s.%s", tables[t].prefix, tables[t].names[i]);
			const char *w = i18n_find(cat[LANG_EN], key);
			cr_assert_not_null(w, "%s", key);
			cr_expect(strcmp(w, tables[t].names[i]) != 0 && !strchr(w, '_'), "%s reads \"%s\"", key, w);
			w = i18n_find(cat[LANG_JA], key);
			cr_assert_not_null(w, "%s", key);
			cr_expect(strcmp(w, tables[t].names[i]) != 0 && !strchr(w, '_'), "%s reads \"%s\"", key, w);
		}
	struct scenario *sc = test_util_lesson("02-op25b.json");
	struct check_item it = test_check_item(CHECK_FOUND_CHAIN);
	it.want = SMIME_CHAIN_TRUSTED;
	it.got = SMIME_CHAIN_UNKNOWN_CA;
	char *t = test_check_why(sc, &it, cat[LANG_EN], 0);
	cr_expect_str_eq(t, "expected chain trusted certificate authority, found unknown certificate authority");
	free(t);
	t = test_check_why(sc, &it, cat[LANG_EN], 1);
	cr_expect_str_eq(t, "expected chain trusted, found unknown_ca");
	free(t);
	t = test_check_why(sc, &it, cat[LANG_JA], 0);
	cr_expect(strstr(t, "「信頼していない認証局（CA）」") && strstr(t, "「信頼できる認証局（CA）」"), "%s", t);
	free(t);
	it = test_check_item(CHECK_FOUND_SIGNATURE);
	it.want = SMIME_SIG_VALID;
	it.got = SMIME_SIG_DIGEST_MISMATCH;
	t = test_check_why(sc, &it, cat[LANG_EN], 0);
	cr_expect(strstr(t, "found digest mismatch (message changed)"), "%s", t);
	free(t);
	scenario_free(sc);
	i18n_free(cat[0]);
	i18n_free(cat[1]);
}

/* Review 20 (A1): at the caption that tells a refusal the 5xx reply has
 * come while the session is still open (the ledger settles the recipient
 * when it ends); the check counts the refusal at once, as the map and the
 * card show it, instead of "found queued at the attacker's PC". */
Test(check, a_refusal_counts_when_its_reply_comes)
{
	static const struct {
		const char *lesson, *msg;
		int64_t at_us;
	} cases[] = {
		{ "13-dkim-dmarc.json", "fake1", 100558000 },
		{ "07-spoofing-spf.json", "spoof2", 40390000 },
		{ "04-submission-587-465.json", "m4", 100350000 },
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		struct scenario *sc = test_util_lesson(cases[k].lesson);
		struct sim *s = sim_new(sc, NULL);
		sim_run_until(s, cases[k].at_us);
		int e = sim_ledger_find(s, cases[k].msg);
		cr_assert_geq(e, 0, "%s: %s is sent by now", cases[k].lesson, cases[k].msg);
		/* The moment must be one where the session is still open. */
		const struct ledger_entry *le = sim_ledger(s, (size_t)e);
		for (int r = 0; r < le->nrcpts; r++)
			cr_assert(strcmp(le->rcpts[r].addr, "bob@ispb.example") != 0 ||
			                  !ledger_state_final(le->rcpts[r].state),
				  "%s: %s is settled already at this moment", cases[k].lesson, cases[k].msg);
		struct check_report rep;
		check_evaluate(s, &rep);
		struct i18n *en = test_util_catalog(LANG_EN);
		int seen = 0;
		for (int i = 0; i < sc->nexpects; i++) {
			const struct sc_expect *x = &sc->expects[i];
			if (strcmp(x->msg, cases[k].msg) != 0 || x->state != LS_REJECTED)
				continue;
			seen++;
			char *why = test_check_why(sc, &rep.items[i], en, 1);
			cr_expect(rep.items[i].ok, "%s at %lld us: %s is refused, yet the check says: %s", cases[k].lesson,
				  (long long)cases[k].at_us, cases[k].msg, why ? why : "");
			free(why);
		}
		cr_expect_eq(seen, 1, "%s: one expectation of %s being rejected", cases[k].lesson, cases[k].msg);
		i18n_free(en);
		check_report_free(&rep);
		sim_free(s);
		scenario_free(sc);
	}
}
