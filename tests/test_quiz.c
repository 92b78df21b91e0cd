/* test_quiz — a lesson's quiz: what the loader accepts and refuses, which
 * event each question is asked before, that every lesson asks at least
 * three questions each tied to exactly one event of its run, the printed
 * worksheet, and the answer key shown in the class's language. */
#include <criterion/criterion.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "i18n.h"
#include "narrate.h"
#include "quiz.h"
#include "sim.h"
#include "test_util.h"
#include "util.h"

/* Lesson 01 with its quiz replaced by q (JSON text of the array). */
static struct scenario *test_quiz_lesson(const char *q, char **errs)
{
	size_t n;
	char *lesson = test_util_read("scenarios/01-basic-flow.json", &n);
	char *at = strstr(lesson, "\"quiz\": [");
	char *end = at ? strstr(at, "\n  ],\n") : NULL;
	cr_assert(at && end, "lesson 01 has a quiz");
	struct sbuf j = { 0 };
	sbuf_add(&j, lesson, (size_t)(at - lesson));
	sbuf_addf(&j, "\"quiz\": %s,\n", q);
	sbuf_adds(&j, end + strlen("\n  ],\n"));
	size_t len = 0;
	FILE *err = open_memstream(errs, &len);
	struct scenario *sc = scenario_parse("q.json", j.s, err);
	fclose(err);
	free(lesson);
	sbuf_free(&j);
	return sc;
}

#define TEST_QUIZ_Q(on, answer, n)                                                         \
	"[{\"on\": " on ", \"answer\": " answer ", "                                             \
	"\"ja\": {\"question\": \"問\", \"choices\": " n ", \"explain\": \"わけ\"}, "            \
	"\"en\": {\"question\": \"Q\", \"choices\": " n ", \"explain\": \"why\"}}]"

Test(quiz, a_question_loads_with_both_languages)
{
	char *errs = NULL;
	struct scenario *sc = test_quiz_lesson(TEST_QUIZ_Q("{\"type\": \"dns_query\", \"msg\": \"m1\"}", "2",
	                                                   "[\"a\", \"b\", \"c\"]"), &errs);
	cr_assert_not_null(sc, "%s", errs);
	cr_assert_eq(sc->nquiz, 1);
	cr_expect_eq(sc->quiz[0].nchoices, 3);
	cr_expect_eq(sc->quiz[0].answer, 1, "the file's 2 is the second choice");
	cr_expect_eq(sc->quiz[0].on.type, TR_DNS_QUERY);
	cr_expect_str_eq(sc->quiz[0].text[0].question, "問");
	cr_expect_str_eq(sc->quiz[0].text[1].choice[2], "c");
	scenario_free(sc);
	free(errs);
}

Test(quiz, broken_questions_are_located)
{
	static const struct { const char *q; const char *want; } cases[] = {
		{ TEST_QUIZ_Q("{\"type\": \"dns_query\"}", "4", "[\"a\", \"b\", \"c\"]"),
		  "q.json: /quiz/0/answer: expected the number of a choice (1 to 3), found 4" },
		{ TEST_QUIZ_Q("{\"type\": \"dns_query\"}", "1", "[\"a\"]"),
		  "q.json: /quiz/0/ja/choices: expected 2 to 4 choices, found 1" },
		{ TEST_QUIZ_Q("{\"type\": \"dns_query\"}", "1", "[\"a\", \"b\", \"c\", \"d\", \"e\"]"),
		  "q.json: /quiz/0/ja/choices: expected 2 to 4 choices, found 5" },
		{ "[{\"on\": {\"type\": \"dns_query\"}, \"answer\": 1, \"ja\": {\"question\": \"問\", "
		  "\"choices\": [\"a\", \"b\"], \"explain\": \"x\"}, \"en\": {\"question\": \"Q\", "
		  "\"choices\": [\"a\", \"b\", \"c\"], \"explain\": \"x\"}}]",
		  "q.json: /quiz/0: expected as many choices in ja as in en, found 2 and 3" },
		{ TEST_QUIZ_Q("{\"type\": \"dns_question\"}", "1", "[\"a\", \"b\"]"),
		  "q.json: /quiz/0/on/type: expected one of" },
		{ TEST_QUIZ_Q("{\"type\": \"dns_query\"}, \"hide\": [\"card\", \"map\"]", "1", "[\"a\", \"b\"]"),
		  "q.json: /quiz/0/hide: expected caption, events, card, checks or wire, found \"map\"" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *errs = NULL;
		struct scenario *sc = test_quiz_lesson(cases[i].q, &errs);
		cr_expect_null(sc, "loaded: %s", cases[i].q);
		cr_expect(errs && strstr(errs, cases[i].want), "expected \"%s\", found \"%s\"", cases[i].want,
		          errs ? errs : "");
		scenario_free(sc);
		free(errs);
	}
}

Test(quiz, each_question_belongs_to_the_first_record_it_matches)
{
	struct scenario *sc = test_util_lesson("01-basic-flow.json");
	cr_assert_geq(sc->nquiz, 3, "lesson 01 asks at least three questions");
	struct sim *s = sim_new(sc, NULL);
	sim_run_until(s, sc->until_us);
	size_t n;
	const struct trace_rec *tr = sim_trace(s, &n);
	long *at = calloc((size_t)sc->nquiz, sizeof *at);
	quiz_locate(sc, tr, n, at);
	for (int q = 0; q < sc->nquiz; q++) {
		cr_assert_geq(at[q], 0, "question %d is never asked", q);
		const struct trace_rec *r = &tr[at[q]];
		cr_expect_eq((int)r->kind, sc->quiz[q].on.type);
		/* No earlier record matches it. */
		for (long k = 0; k < at[q]; k++)
			cr_expect_not(narrate_matches(&sc->quiz[q].on, &tr[k]) &&
			              quiz_match(sc, &tr[k], NULL) == q, "question %d matched earlier", q);
	}
	/* The port question comes before Alice's first SYN, the MX one before
	 * the DNS query. */
	cr_expect_eq(tr[at[0]].kind, TR_CONNECT);
	cr_expect_str_eq(tr[at[0]].tag, "m1");
	free(at);
	sim_free(s);
	scenario_free(sc);
}

/* One lesson: at least three questions, and each question's "on" matches
 * exactly one record of the run, so the question is asked before the
 * event its text is about and no other (a selector that also matches an
 * earlier record would be asked too early, and one that matches a later
 * record too is a trap for whoever edits the lesson next). */
static void test_quiz_lesson_selectors(const char *path)
{
	const char *name = strrchr(path, '/') + 1;
	struct scenario *sc = test_util_lesson(name);
	cr_expect_geq(sc->nquiz, 3, "%s asks %d quiz questions, not at least three", name, sc->nquiz);
	struct sim *s = sim_new(sc, NULL);
	sim_run_until(s, sc->until_us);
	size_t n;
	const struct trace_rec *tr = sim_trace(s, &n);
	for (int q = 0; q < sc->nquiz; q++) {
		long hits = 0, first = -1, second = -1;
		for (size_t k = 0; k < n; k++) {
			if (!narrate_matches(&sc->quiz[q].on, &tr[k]))
				continue;
			if (hits == 0)
				first = (long)tr[k].seq;
			else if (hits == 1)
				second = (long)tr[k].seq;
			hits++;
		}
		cr_expect_eq(hits, 1, "%s /quiz/%d (\"%s\") matches %ld records (seq %ld, %ld, …), not one",
		             name, q, sc->quiz[q].text[1].question, hits, first, second);
	}
	sim_free(s);
	scenario_free(sc);
}

Test(quiz, every_lesson_asks_three_questions_each_before_exactly_one_event)
{
	glob_t gl;
	cr_assert_eq(glob("scenarios/[0-9]*.json", 0, NULL, &gl), 0, "no lessons (run from the top directory)");
	cr_assert_geq(gl.gl_pathc, 13, "only %zu lessons found", gl.gl_pathc);
	for (size_t i = 0; i < gl.gl_pathc; i++)
		test_quiz_lesson_selectors(gl.gl_pathv[i]);
	globfree(&gl);
}

/* The right answers are spread over the choices: a class that learns "the
 * first choice is right" learns nothing (review 25 found 32 of 60 answers
 * were choice 1).  Over every lesson, no place holds much more than a
 * third of the answers, and each of the first three places holds some. */
Test(quiz, the_right_answers_are_spread_over_the_choices)
{
	glob_t gl;
	cr_assert_eq(glob("scenarios/[0-9]*.json", 0, NULL, &gl), 0, "no lessons (run from the top directory)");
	int right[SC_QUIZ_MAX_CHOICES] = { 0 }, total = 0;
	for (size_t i = 0; i < gl.gl_pathc; i++) {
		struct scenario *sc = scenario_load(gl.gl_pathv[i], stderr);
		cr_assert_not_null(sc, "%s", gl.gl_pathv[i]);
		for (int q = 0; q < sc->nquiz; q++) {
			right[sc->quiz[q].answer]++;
			total++;
		}
		scenario_free(sc);
	}
	globfree(&gl);
	cr_assert_geq(total, 30, "only %d questions", total);
	for (int c = 0; c < 3; c++) {
		cr_expect_gt(right[c], 0, "no right answer is choice %d", c + 1);
		cr_expect_leq(right[c] * 3, total + 3, "choice %d is right in %d of %d questions", c + 1, right[c],
			      total);
	}
}

/* "text" tells apart lines that share a verb: lesson 05 asks its Bcc
 * question as Carol's RCPT TO (the second of three) reaches the server,
 * before Dave's is sent (the window draws a line on its way, so a
 * question before Dave's own record would show his address). */
Test(quiz, a_text_selector_picks_one_line_among_lines_with_the_same_verb)
{
	struct scenario *sc = test_util_lesson("05-envelope-bcc-forward.json");
	struct sim *s = sim_new(sc, NULL);
	sim_run_until(s, sc->until_us);
	size_t n;
	const struct trace_rec *tr = sim_trace(s, &n);
	struct sc_match on = sc->quiz[0].on;
	cr_assert_str_eq(on.text, "carol@ispb.example");
	long hits = 0, without = 0, rcpts_before = 0;
	for (size_t k = 0; k < n; k++) {
		if (narrate_matches(&on, &tr[k])) {
			hits++;
			cr_expect_str_eq(tr[k].u.line.text, "RCPT TO:<carol@ispb.example>");
		} else if (hits == 0 && tr[k].kind == TR_CMD && tr[k].u.line.text &&
		           strncmp(tr[k].u.line.text, "RCPT TO:", 8) == 0 && strcmp(tr[k].tag, "m1") == 0) {
			rcpts_before++;
		}
	}
	cr_expect_eq(hits, 1);
	cr_expect_eq(rcpts_before, 1, "only Bob's RCPT TO has reached the server before the question");
	on.text = NULL;
	for (size_t k = 0; k < n; k++)
		without += narrate_matches(&on, &tr[k]);
	cr_expect_eq(without, 3, "without text the selector matches all three RCPT TO");
	/* On a kind without a protocol line, text matches nothing. */
	struct sc_match deliver = { .type = TR_DELIVER, .node = -1, .code = -1, .text = "dave" };
	for (size_t k = 0; k < n; k++)
		cr_expect_not(narrate_matches(&deliver, &tr[k]));
	sim_free(s);
	scenario_free(sc);
}

Test(quiz, the_worksheet_prints_questions_and_answers)
{
	struct scenario *sc = test_util_lesson("05-envelope-bcc-forward.json");
	struct sim *s = sim_new(sc, NULL);
	sim_run_until(s, sc->until_us);
	size_t n;
	const struct trace_rec *tr = sim_trace(s, &n);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	quiz_worksheet(sc, tr, n, LANG_EN, 0, out);
	fclose(out);
	cr_expect(strstr(text, "# 05 ") == text, "%s", text);
	cr_expect(strstr(text, "is there a Bcc line in the header of Dave's copy?") != NULL, "%s", text);
	cr_expect(strstr(text, "Name: ") != NULL, "a worksheet has a line for the name");
	cr_expect(strstr(text, "**Answer") == NULL, "no answers on the students' sheet");
	free(text);
	text = NULL;
	out = open_memstream(&text, &len);
	quiz_worksheet(sc, tr, n, LANG_JA, 1, out);
	fclose(out);
	cr_expect(strstr(text, "**答え: 1**") != NULL, "%s", text);
	cr_expect(strstr(text, "Bcc の行を消してから送る") != NULL, "%s", text);
	free(text);
	sim_free(s);
	scenario_free(sc);
}

Test(quiz, the_answer_key_in_the_class_language)
{
	struct scenario *sc = test_util_lesson("01-basic-flow.json");
	struct sim *s = sim_new(sc, NULL);
	sim_run_until(s, sc->until_us);
	struct check_report r;
	check_evaluate(s, &r);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	int passed = 0, failed = 0;
	struct i18n *ja = test_util_catalog(LANG_JA);
	check_print(s, &r, LANG_JA, ja, out, &passed, &failed);
	i18n_free(ja);
	fclose(out);
	cr_expect(strstr(text, "✓ ボブの受信箱に届き") != NULL, "%s", text);
	cr_expect(strstr(text, "PASS") == NULL, "%s", text);
	cr_expect_eq(failed, 0);
	cr_expect_eq(passed, sc->nexpects);
	free(text);
	check_report_free(&r);
	sim_free(s);
	scenario_free(sc);
}
