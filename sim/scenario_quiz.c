/* scenario_quiz — a lesson's quiz: each question is tied to a trace event
 * like a caption ("on"), has 2–4 choices and one right answer (1-based in
 * the file, as the keys 1–4 that pick it), and a one-sentence explanation,
 * in Japanese and English:
 *
 *   { "on": { "type": "blocked", "msg": "spam" }, "answer": 2,
 *     "ja": { "question": "…", "choices": ["…", "…"], "explain": "…" },
 *     "en": { "question": "…", "choices": ["…", "…"], "explain": "…" } } */
#include "scenario_quiz.h"

#include <string.h>

#include "scenario_script.h"

static const char *const scenario_quiz_langs[2] = { "ja", "en" };

const char *const sc_quiz_hide_names[SC_QUIZ_HIDE_COUNT] = {
	"caption", "events", "card", "checks", "wire",
};

/* "hide": the views kept out of sight while the question is asked. */
static void scenario_quiz_hide(struct scenario_ctx *c, const cJSON *obj, struct sc_quiz *q)
{
	char **v = NULL;
	int n = 0;
	scenario_json_strs(c, obj, "hide", 1, 0, &v, &n);
	for (int k = 0; k < n; k++) {
		int w = 0;
		while (w < SC_QUIZ_HIDE_COUNT && strcmp(v[k], sc_quiz_hide_names[w]) != 0)
			w++;
		if (w < SC_QUIZ_HIDE_COUNT)
			q->hide |= 1u << w;
		else {
			char buf[256];
			scenario_json_fail_at(c, "hide", "expected caption, events, card, checks or wire, "
			                      "found %s", scenario_json_quote(v[k], buf));
		}
		free(v[k]);
	}
	free(v);
}

/* One language's text; returns its number of choices, or -1. */
static int scenario_quiz_text(struct scenario_ctx *c, const cJSON *obj, int lang,
                              struct sc_quiz_text *t)
{
	static const char *const keys[] = { "question", "choices", "explain", NULL };
	const cJSON *v = scenario_json_item(c, obj, scenario_quiz_langs[lang], 1);
	if (!v)
		return -1;
	size_t old = scenario_json_push(c, scenario_quiz_langs[lang]);
	int n = -1;
	if (scenario_json_keys(c, v, keys)) {
		scenario_json_dup(c, v, "question", 1, &t->question);
		scenario_json_dup(c, v, "explain", 1, &t->explain);
		char **choices = NULL;
		int nc = 0;
		if (scenario_json_strs(c, v, "choices", 0, 0, &choices, &nc) == 1) {
			if (nc < 2 || nc > SC_QUIZ_MAX_CHOICES)
				scenario_json_fail_at(c, "choices", "expected 2 to %d choices, found %d",
				                      SC_QUIZ_MAX_CHOICES, nc);
			else
				n = nc;
		}
		for (int k = 0; k < nc; k++) {
			if (k < SC_QUIZ_MAX_CHOICES)
				t->choice[k] = choices[k];
			else
				free(choices[k]);
		}
		free(choices);
	}
	scenario_json_pop(c, old);
	return n;
}

static void scenario_quiz_one(struct scenario_ctx *c, const cJSON *obj, int i)
{
	static const char *const keys[] = { "on", "answer", "hide", "ja", "en", NULL };
	struct sc_quiz *q = &c->sc->quiz[i];
	q->on.type = q->on.node = q->on.code = -1;
	if (!scenario_json_keys(c, obj, keys))
		return;
	scenario_script_on(c, obj, &q->on);
	scenario_quiz_hide(c, obj, q);
	int n[2];
	for (int l = 0; l < 2; l++)
		n[l] = scenario_quiz_text(c, obj, l, &q->text[l]);
	if (n[0] > 0 && n[1] > 0 && n[0] != n[1]) {
		scenario_json_fail(c, "expected as many choices in ja as in en, found %d and %d", n[0],
		                   n[1]);
		return;
	}
	q->nchoices = n[0] > 0 ? n[0] : n[1] > 0 ? n[1] : 0;
	int answer = 0;
	if (scenario_json_intf(c, obj, "answer", 1, 1, SC_QUIZ_MAX_CHOICES, &answer) == 1 &&
	    q->nchoices && answer > q->nchoices)
		scenario_json_fail_at(c, "answer", "expected the number of a choice (1 to %d), found %d",
		                      q->nchoices, answer);
	q->answer = answer - 1;
}

void scenario_quiz_read(struct scenario_ctx *c, const cJSON *top)
{
	size_t old;
	int n;
	const cJSON *a = scenario_json_array(c, top, "quiz", 0, &old, &n);
	if (!a)
		return;
	c->sc->quiz = xcalloc((size_t)n + 1, sizeof *c->sc->quiz);
	c->sc->nquiz = n;
	scenario_json_each(c, a, old, scenario_quiz_one);
}
