/* test_polite — the Japanese a class reads as sentences is in です・ます
 * form, as classroom Japanese is: every lesson's answer-key notes (the
 * check panel, mailsim check) and the inspector's S/MIME reasons (why
 * 認証・機密性・否認防止・完全性 hold or not, and the certificate's standing
 * they quote).  Labels (button names, steps, legends) are not held to it. */
#include <cJSON.h>
#include <criterion/criterion.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

/* Does the sentence s (n bytes, without its 。) end politely?  A closing
 * parenthesis after the verb ("届きます（ESMTPSA）") is a remark on it and
 * is skipped first. */
static int test_polite_sentence(const char *s, size_t n)
{
	static const char open[] = "（", close[] = "）";
	const size_t cl = strlen(close);
	if (n >= cl && memcmp(s + n - cl, close, cl) == 0) {
		size_t i = n - cl;
		while (i > 0 && !(i >= strlen(open) && memcmp(s + i - strlen(open), open, strlen(open)) == 0))
			i--;
		if (i > 0)
			n = i - strlen(open);
	}
	static const char *const endings[] = { "です", "ます", "ません", "ました" };
	for (size_t e = 0; e < sizeof endings / sizeof *endings; e++) {
		size_t el = strlen(endings[e]);
		if (n >= el && memcmp(s + n - el, endings[e], el) == 0)
			return 1;
	}
	return 0;
}

/* Every sentence of text (split at 。) ends politely; the first that does
 * not, or NULL. */
static const char *test_polite_text(const char *text)
{
	static const char stop[] = "。";
	const char *s = text;
	while (*s) {
		const char *e = strstr(s, stop);
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n > 0 && !test_polite_sentence(s, n))
			return s;
		if (!e)
			break;
		s = e + strlen(stop);
	}
	return NULL;
}

Test(polite, the_checker_tells_plain_from_polite)
{
	cr_expect_null(test_polite_text("ボブの受信箱に届きます"));
	cr_expect_null(test_polite_text("Cc のキャロルに届きます。Bcc の行はありません"));
	cr_expect_null(test_polite_text("587番＋STARTTLS＋SMTP認証なら届きます（ESMTPSA）"));
	cr_expect_not_null(test_polite_text("署名のないなりすましメール s1 では、認証が成り立たない"));
	cr_expect_not_null(test_polite_text("Cc のキャロルに届きます。Bcc の行はない"));
	cr_expect_not_null(test_polite_text("本物は SPF が pass（Received-SPF）"));
}

Test(polite, every_lessons_answer_key_notes_are_polite)
{
	glob_t gl;
	cr_assert_eq(glob("scenarios/[0-9]*.json", 0, NULL, &gl), 0, "no lessons (run from the top directory)");
	int notes = 0;
	for (size_t f = 0; f < gl.gl_pathc; f++) {
		size_t n;
		char *text = test_util_read(gl.gl_pathv[f], &n);
		cJSON *j = cJSON_ParseWithLength(text, n);
		cr_assert_not_null(j, "%s", gl.gl_pathv[f]);
		const cJSON *x;
		cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(j, "expect")) {
			const cJSON *ja = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(x, "note"), "ja");
			if (!cJSON_IsString(ja))
				continue;
			notes++;
			const char *bad = test_polite_text(ja->valuestring);
			cr_expect_null(bad, "%s: note in plain form: %s", gl.gl_pathv[f], ja->valuestring);
		}
		cJSON_Delete(j);
		free(text);
	}
	globfree(&gl);
	cr_expect_gt(notes, 100, "only %d notes found", notes);
}

Test(polite, the_inspectors_smime_reasons_are_polite)
{
	size_t n;
	char *text = test_util_read("assets/i18n/ui.ja.json", &n);
	cJSON *cat = cJSON_ParseWithLength(text, n);
	cr_assert_not_null(cat);
	int reasons = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, cat) {
		if (strncmp(it->string, "smime.why.", 10) != 0 && strncmp(it->string, "ui.smime.chain.", 15) != 0)
			continue;
		reasons++;
		/* "署名は正しいですが、{chain}": the quoted reason is checked on its own. */
		const char *v = it->valuestring, *tail = strstr(v, "{chain}");
		if (tail && tail[7] == '\0')
			cr_expect(strstr(v, "ですが、") || strstr(v, "ますが、"), "%s in plain form: %s", it->string, v);
		else
			cr_expect_null(test_polite_text(v), "%s in plain form: %s", it->string, v);
	}
	cr_expect_gt(reasons, 20, "only %d reasons found", reasons);
	cJSON_Delete(cat);
	free(text);
}
