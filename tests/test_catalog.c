/* test_catalog — the i18n catalogs against the code: every trace kind and
 * variant has a sentence in both languages for the narration and the event
 * list, every SMTP reply has an explanation, both languages have the same
 * keys, and no key is left that nothing can ask for. */
#include <cJSON.h>
#include <criterion/criterion.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ledger.h"
#include "narrate.h"
#include "scenario.h"
#include "smtp_reply.h"
#include "test_util.h"
#include "trace.h"
#include "util.h"

static const char *const test_catalog_files[] = { "narration", "ui" };

static cJSON *test_catalog_load(const char *name, const char *lang)
{
	char path[256];
	snprintf(path, sizeof path, "assets/i18n/%s.%s.json", name, lang);
	size_t n;
	char *text = test_util_read(path, &n);
	cJSON *j = cJSON_ParseWithLength(text, n);
	cr_assert(cJSON_IsObject(j), "%s is not a JSON object", path);
	free(text);
	return j;
}

/* Does key have text in both languages of either catalog? */
static int test_catalog_has(cJSON *const cat[2][LANG_COUNT], const char *key)
{
	for (int f = 0; f < 2; f++)
		if (cJSON_GetObjectItemCaseSensitive(cat[f][LANG_JA], key) &&
		    cJSON_GetObjectItemCaseSensitive(cat[f][LANG_EN], key))
			return 1;
	return 0;
}

static void test_catalog_open(cJSON *cat[2][LANG_COUNT])
{
	for (int f = 0; f < 2; f++)
		for (int l = 0; l < LANG_COUNT; l++)
			cat[f][l] = test_catalog_load(test_catalog_files[f], lang_names[l]);
}

static void test_catalog_close(cJSON *cat[2][LANG_COUNT])
{
	for (int f = 0; f < 2; f++)
		for (int l = 0; l < LANG_COUNT; l++)
			cJSON_Delete(cat[f][l]);
}

/* The pieces the spam filter's sentences are built from (trace_kinds.c):
 * a clue ("「当選」（0.99）"), the separator of a clue list, and the name of
 * a verdict band, for every prefix a record is told with. */
static const char *const test_catalog_pieces[] = {
	"clue", "clue.sep", "verdict.ham", "verdict.unsure", "verdict.spam",
};

static int test_catalog_is_piece(const char *rest)
{
	for (size_t i = 0; i < sizeof test_catalog_pieces / sizeof *test_catalog_pieces; i++)
		if (strcmp(rest, test_catalog_pieces[i]) == 0)
			return 1;
	return 0;
}

Test(catalog, both_languages_have_the_same_keys)
{
	cJSON *cat[2][LANG_COUNT];
	test_catalog_open(cat);
	for (int f = 0; f < 2; f++)
		for (int l = 0; l < LANG_COUNT; l++) {
			const cJSON *it;
			cJSON_ArrayForEach(it, cat[f][l])
				cr_expect(cJSON_GetObjectItemCaseSensitive(cat[f][1 - l], it->string) != NULL,
				          "%s.%s.json has \"%s\", %s.%s.json has not", test_catalog_files[f],
				          lang_names[l], it->string, test_catalog_files[f], lang_names[1 - l]);
		}
	test_catalog_close(cat);
}

/* A key written twice is a mistake that reads as fine: the loader keeps
 * one of them, and an edit to the other changes nothing. */
Test(catalog, no_key_is_written_twice)
{
	cJSON *cat[2][LANG_COUNT];
	test_catalog_open(cat);
	for (int f = 0; f < 2; f++)
		for (int l = 0; l < LANG_COUNT; l++)
			for (const cJSON *a = cat[f][l]->child; a; a = a->next)
				for (const cJSON *b = a->next; b; b = b->next)
					cr_expect(strcmp(a->string, b->string) != 0, "%s.%s.json: \"%s\" twice",
					          test_catalog_files[f], lang_names[l], a->string);
	test_catalog_close(cat);
}

Test(catalog, every_kind_and_variant_is_told)
{
	static const char *const prefixes[] = { "narr", "ui.ev" };
	cJSON *cat[2][LANG_COUNT];
	test_catalog_open(cat);
	for (int k = 0; k < TR_KIND_COUNT; k++)
		for (size_t p = 0; p < 2; p++) {
			char key[96];
			snprintf(key, sizeof key, "%s.%s", prefixes[p], trace_kind_names[k]);
			int base = test_catalog_has(cat, key);
			const char *const *v = trace_kinds[k].variants;
			if (!v) {
				cr_expect(base, "no text for %s", key);
				continue;
			}
			for (; *v; v++) {
				snprintf(key, sizeof key, "%s.%s.%s", prefixes[p], trace_kind_names[k], *v);
				cr_expect(base || test_catalog_has(cat, key), "no text for %s", key);
			}
		}
	cr_expect(test_catalog_has(cat, "narr.data") && test_catalog_has(cat, "ui.ev.data"));
	for (size_t p = 0; p < 2; p++)
		for (size_t i = 0; i < sizeof test_catalog_pieces / sizeof *test_catalog_pieces; i++) {
			char key[96];
			snprintf(key, sizeof key, "%s.%s", prefixes[p], test_catalog_pieces[i]);
			cr_expect(test_catalog_has(cat, key), "no text for %s", key);
		}
	test_catalog_close(cat);
}

Test(catalog, every_smtp_reply_is_explained)
{
	cJSON *cat[2][LANG_COUNT];
	test_catalog_open(cat);
	for (int i = 0; i < SR_COUNT; i++) {
		cr_expect_not_null(smtp_replies[i].explain, "reply %s has no explanation", smtp_replies[i].name);
		if (smtp_replies[i].explain)
			cr_expect(test_catalog_has(cat, smtp_replies[i].explain), "reply %s: no text for %s",
			          smtp_replies[i].name, smtp_replies[i].explain);
	}
	test_catalog_close(cat);
}

/* Postfix answers 5.7.1 for refusals that mean different things (a relay
 * refused, where POP before SMTP would have allowed it too, a submission
 * without AUTH, a milter's DMARC reject): each gloss names its own cause
 * in both languages, and none another's. */
Test(catalog, each_5_7_1_refusal_glosses_its_own_cause)
{
	static const struct {
		enum smtp_reply_id id;
		int cause;             /* the same number: the same cause */
		const char *en, *ja;   /* words the gloss must hold, in each language */
	} glosses[] = {
		{ SR_RELAY_DENIED, 0, "relay", "中継" },
		{ SR_RELAY_DENIED_POP, 0, "POP before SMTP", "POP before SMTP" },
		{ SR_RELAY_DENIED_POP, 0, "relay", "中継" },
		{ SR_SUBMIT_DENIED, 1, "AUTH", "認証" },
		{ SR_DMARC_REJECT, 2, "DMARC", "DMARC" },
	};
	struct i18n *cat[LANG_COUNT] = { test_util_catalog(LANG_JA), test_util_catalog(LANG_EN) };
	size_t n = sizeof glosses / sizeof *glosses;
	for (size_t i = 0; i < n; i++) {
		const struct smtp_reply_def *d = &smtp_replies[glosses[i].id];
		cr_expect_str_eq(d->status, "5.7.1");
		for (int l = 0; l < LANG_COUNT; l++) {
			const char *t = i18n_find(cat[l], d->explain);
			cr_assert_not_null(t, "%s", d->explain);
			for (size_t k = 0; k < n; k++) {
				const char *w = l == LANG_JA ? glosses[k].ja : glosses[k].en;
				if (k == i)
					cr_expect(strstr(t, w), "%s (%s) does not say %s: %s", d->name, lang_names[l], w, t);
				else if (glosses[k].cause != glosses[i].cause)
					cr_expect(!strstr(t, w), "%s (%s) speaks of %s: %s", d->name, lang_names[l], w, t);
			}
		}
	}
	i18n_free(cat[0]);
	i18n_free(cat[1]);
}

/* The server fills its replies without printf (sbuf_add_fmt_s): every
 * format may hold "%s" and "%%", nothing else. */
Test(catalog, every_smtp_reply_format_takes_only_strings)
{
	for (int i = 0; i < SR_COUNT; i++)
		for (const char *p = strchr(smtp_replies[i].fmt, '%'); p; p = strchr(p + 2, '%'))
			cr_expect(p[1] == 's' || p[1] == '%', "reply %s: \"%s\"", smtp_replies[i].name,
			          smtp_replies[i].fmt);
}

/* ---- no key is unused ---- */

/* Every string literal in the sources that could be a catalog key or a
 * key's prefix ("ui.state.%s" -> "ui.state."), and every fixed English
 * phrase the simulation reports (for text.*). */
struct test_catalog_src {
	struct sbuf all;          /* every source file, concatenated */
};

static void test_catalog_read_sources(struct test_catalog_src *src)
{
	static const char *const globs[] = { "sim/*.c", "render/*.c", "app/*.c" };
	for (size_t g = 0; g < sizeof globs / sizeof *globs; g++) {
		glob_t gl;
		cr_assert_eq(glob(globs[g], 0, NULL, &gl), 0, "no %s (run from the top directory)", globs[g]);
		for (size_t i = 0; i < gl.gl_pathc; i++) {
			FILE *f = fopen(gl.gl_pathv[i], "rb");
			cr_assert_not_null(f);
			char buf[8192];
			size_t n;
			while ((n = fread(buf, 1, sizeof buf, f)) > 0)
				sbuf_add(&src->all, buf, n);
			fclose(f);
		}
		globfree(&gl);
	}
}

/* Is "key" (whole, in quotes) in the sources, or a quoted prefix of it
 * followed by %s / %d and the rest a plain name? */
static int test_catalog_in_sources(const struct test_catalog_src *src, const char *key)
{
	char q[200];
	snprintf(q, sizeof q, "\"%s\"", key);
	if (strstr(src->all.s, q))
		return 1;
	for (size_t n = strlen(key); n-- > 1;) {
		if (key[n] != '.')
			continue;
		char pat[200];
		snprintf(pat, sizeof pat, "\"%.*s%%", (int)n + 1, key);
		if (strstr(src->all.s, pat))
			return 1;
	}
	return 0;
}

static int test_catalog_is_kind_key(const char *key)
{
	static const char *const prefixes[] = { "narr.", "ui.ev." };
	for (size_t p = 0; p < 2; p++) {
		size_t pl = strlen(prefixes[p]);
		if (strncmp(key, prefixes[p], pl) != 0)
			continue;
		const char *rest = key + pl;
		if (strcmp(rest, "data") == 0 || test_catalog_is_piece(rest))
			return 1;
		for (int k = 0; k < TR_KIND_COUNT; k++) {
			size_t kl = strlen(trace_kind_names[k]);
			if (strncmp(rest, trace_kind_names[k], kl) != 0 || (rest[kl] && rest[kl] != '.'))
				continue;
			if (!rest[kl])
				return 1;
			const char *v = rest + kl + 1;
			if (trace_kinds[k].port_variant && strspn(v, "0123456789") == strlen(v))
				return 1;
			for (const char *const *w = trace_kinds[k].variants; w && *w; w++)
				if (strcmp(*w, v) == 0)
					return 1;
		}
	}
	return 0;
}

/* explain.PROTO.VERB[.tls]: a command the servers implement. */
static int test_catalog_is_command_key(const char *key)
{
	static const char *const cmds[] = {
		"SMTP.EHLO", "SMTP.HELO", "SMTP.STARTTLS", "SMTP.AUTH", "SMTP.MAIL", "SMTP.RCPT",
		"SMTP.DATA", "SMTP..", "SMTP.RSET", "SMTP.NOOP", "SMTP.QUIT",
		"POP3.USER", "POP3.PASS", "POP3.STAT", "POP3.RETR", "POP3.DELE", "POP3.QUIT",
		"IMAP.LOGIN", "IMAP.SELECT", "IMAP.SEARCH", "IMAP.FETCH", "IMAP.LOGOUT",
	};
	if (strncmp(key, "explain.", 8) != 0)
		return 0;
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
		size_t n = strlen(cmds[i]);
		if (strncmp(key + 8, cmds[i], n) == 0 && (!key[8 + n] || strcmp(key + 8 + n, ".tls") == 0))
			return 1;
	}
	return 0;
}

static int test_catalog_used(const struct test_catalog_src *src, const char *key)
{
	if (test_catalog_is_kind_key(key) || test_catalog_is_command_key(key))
		return 1;
	for (int i = 0; i < SR_COUNT; i++)
		if (smtp_replies[i].explain && strcmp(smtp_replies[i].explain, key) == 0)
			return 1;
	if (strncmp(key, "role.", 5) == 0 || strncmp(key, "ui.role.", 8) == 0) {
		const char *r = strrchr(key, '.') + 1;
		for (int i = 0; i < ROLE_COUNT; i++)
			if (strcmp(r, role_names[i]) == 0)
				return 1;
	}
	if (strncmp(key, "port.", 5) == 0)
		return strspn(key + 5, "0123456789") == strlen(key + 5);
	if (strncmp(key, "summary.", 8) == 0 || strncmp(key, "ui.state.", 9) == 0 ||
	    strncmp(key, "state.", 6) == 0) {
		const char *st = strchr(key, '.') + 1;
		if (strncmp(key, "ui.", 3) == 0)
			st = strchr(st, '.') + 1;
		for (int i = 0; i < LS_COUNT; i++)
			if (strcmp(st, ledger_state_names[i]) == 0)
				return 1;
	}
	if (strncmp(key, "text.", 5) == 0) {
		/* A fixed English phrase: the simulation must still report it. */
		char q[200];
		snprintf(q, sizeof q, "\"%s\"", key + 5);
		return strstr(src->all.s, q) != NULL;
	}
	return test_catalog_in_sources(src, key);
}

Test(catalog, no_key_is_unused)
{
	cJSON *cat[2][LANG_COUNT];
	test_catalog_open(cat);
	struct test_catalog_src src = { { 0 } };
	test_catalog_read_sources(&src);
	for (int f = 0; f < 2; f++) {
		const cJSON *it;
		cJSON_ArrayForEach(it, cat[f][LANG_EN])
			cr_expect(test_catalog_used(&src, it->string), "%s.en.json: nothing asks for \"%s\"",
			          test_catalog_files[f], it->string);
	}
	sbuf_free(&src.all);
	test_catalog_close(cat);
}

/* ---- every placeholder is filled ---- */

/* Every event of these lessons told in both languages, as the narration
 * and as the event list: no "{name}" may be left in what a student reads
 * (an argument a kind forgot to give). */
Test(catalog, every_placeholder_of_a_told_event_is_filled)
{
	static const char *const lessons[] = { "01-basic-flow.json", "04-submission-587-465.json",
	                                       "07-spoofing-spf.json", "11-smime.json" };
	static const char *const prefixes[] = { NARRATE_PREFIX, "ui.ev" };
	struct i18n *cats[LANG_COUNT];
	for (int l = 0; l < LANG_COUNT; l++)
		cats[l] = test_util_catalog((enum lang)l);
	for (size_t k = 0; k < sizeof lessons / sizeof *lessons; k++) {
		struct scenario *sc = test_util_lesson(lessons[k]);
		struct sim *s = sim_new(sc, NULL);
		sim_run_until(s, sc->until_us);
		size_t n = 0;
		const struct trace_rec *tr = sim_trace(s, &n);
		struct sbuf b = { 0 };
		for (size_t i = 0; i < n; i++) {
			if (trace_kinds[tr[i].kind].quiet || tr[i].kind == TR_CMD || tr[i].kind == TR_REPLY)
				continue;   /* lines on the wire are shown as sent */
			for (int l = 0; l < LANG_COUNT; l++)
				for (size_t p = 0; p < 2; p++) {
					sbuf_reset(&b);
					narrate_tell(sc, cats[l], prefixes[p], &tr[i], &b);
					cr_expect(b.s && !strchr(b.s, '{'), "%s: %s %s.%s: %s", lessons[k], lang_names[l],
					          prefixes[p], trace_kind_names[tr[i].kind], b.s ? b.s : "");
				}
		}
		sbuf_free(&b);
		sim_free(s);
		scenario_free(sc);
	}
	for (int l = 0; l < LANG_COUNT; l++)
		i18n_free(cats[l]);
}

/* Japanese puts no space between a name and the particle after it: the
 * event rows read "ISP B メールサーバ が m1 を保存" (acceptance check,
 * issue 11).  In the event rows (ui.ev.*) {node} and {peer} are a host's
 * or router's name, Japanese in the ja catalog, so no such template puts
 * a space between it and が, に, と, の, から or を; Latin words ({msg},
 * an address) keep their spaces, as the narration writes "メール m1 を
 * 作りました". */
Test(catalog, no_space_between_a_name_and_its_particle)
{
	cJSON *cat[2][LANG_COUNT];
	test_catalog_open(cat);
	static const char *const names[] = { "{node}", "{peer}" };
	static const char *const particles[] = { "が", "に", "と", "の", "から", "を", "で" };
	for (int f = 0; f < 2; f++) {
		const cJSON *e;
		cJSON_ArrayForEach(e, cat[f][LANG_JA])
		{
			if (!cJSON_IsString(e) || strncmp(e->string, "ui.ev.", 6) != 0)
				continue;
			const char *v = e->valuestring;
			for (size_t n = 0; n < sizeof names / sizeof *names; n++)
				for (const char *p = strstr(v, names[n]); p; p = strstr(p + 1, names[n]))
					for (size_t k = 0; k < sizeof particles / sizeof *particles; k++) {
						size_t pl = strlen(particles[k]);
						const char *end = p + strlen(names[n]);
						/* "{node} が", and "が {peer}" ("が アリスのPC") */
						int after = end[0] == ' ' && strncmp(end + 1, particles[k], pl) == 0;
						int before = (size_t)(p - v) > pl && p[-1] == ' ' &&
							     strncmp(p - 1 - pl, particles[k], pl) == 0;
						cr_expect(!after && !before, "%s.ja %s: \"%s\" has a space between a name and %s",
							  test_catalog_files[f], e->string, v, particles[k]);
					}
		}
	}
	test_catalog_close(cat);
}
