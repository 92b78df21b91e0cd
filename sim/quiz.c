/* quiz — a lesson's questions against a run (see quiz.h). */
#include "quiz.h"

#include <stdlib.h>

#include "narrate.h"
#include "util.h"

int quiz_match(const struct scenario *sc, const struct trace_rec *r, const unsigned char *asked)
{
	for (int i = 0; i < sc->nquiz; i++)
		if (!(asked && asked[i]) && narrate_matches(&sc->quiz[i].on, r))
			return i;
	return -1;
}

void quiz_locate(const struct scenario *sc, const struct trace_rec *tr, size_t n, long *at)
{
	unsigned char *asked = xcalloc((size_t)sc->nquiz + 1, 1);
	for (int i = 0; i < sc->nquiz; i++)
		at[i] = -1;
	for (size_t k = 0; k < n; k++) {
		int q = quiz_match(sc, &tr[k], asked);
		if (q >= 0) {
			asked[q] = 1;
			at[q] = (long)k;
		}
	}
	free(asked);
}

/* Markdown needs a few characters escaped where they would start markup. */
static void quiz_md(FILE *out, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '*' || *p == '_' || *p == '`' || *p == '[' || *p == ']' || *p == '\\')
			fputc('\\', out);
		fputc(*p, out);
	}
}

void quiz_order(const struct scenario *sc, const long *at, size_t n, int *order)
{
	for (int i = 0; i < sc->nquiz; i++)
		order[i] = i;
	for (int i = 1; i < sc->nquiz; i++)
		for (int j = i; j > 0; j--) {
			long a = at[order[j - 1]] < 0 ? (long)n : at[order[j - 1]];
			long b = at[order[j]] < 0 ? (long)n : at[order[j]];
			if (a <= b)
				break;
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
}

void quiz_worksheet(const struct scenario *sc, const struct trace_rec *tr, size_t n, int lang,
                    int answers, FILE *out)
{
	static const char *const head[2][4] = {
		{ "問題", "秒の時点", "答え", "名前：" },
		{ "Question", "s into the lesson", "Answer", "Name: " },
	};
	lang = lang == LANG_EN ? 1 : 0;
	long *at = xcalloc((size_t)sc->nquiz + 1, sizeof *at);
	int *order = xcalloc((size_t)sc->nquiz + 1, sizeof *order);
	quiz_locate(sc, tr, n, at);
	quiz_order(sc, at, n, order);
	fprintf(out, "# ");
	quiz_md(out, sc_text_get(&sc->title, lang));
	fprintf(out, "\n\n");
	const char *sum = sc_text_get(&sc->summary, lang);
	if (sum && *sum) {
		quiz_md(out, sum);
		fprintf(out, "\n\n");
	}
	if (!answers)
		fprintf(out, "%s ______________________\n\n", head[lang][3]);
	for (int k = 0; k < sc->nquiz; k++) {
		const struct sc_quiz *q = &sc->quiz[order[k]];
		const struct sc_quiz_text *t = q->text[lang].question ? &q->text[lang] : &q->text[1 - lang];
		fprintf(out, "## %s %d", head[lang][0], k + 1);
		if (at[order[k]] >= 0) {
			int64_t us = tr[at[order[k]]].t;
			fprintf(out, " (%lld.%01lld %s)", (long long)(us / 1000000),
			        (long long)(us % 1000000 / 100000), head[lang][1]);
		}
		fprintf(out, "\n\n");
		quiz_md(out, t->question);
		fprintf(out, "\n\n");
		for (int c = 0; c < q->nchoices; c++) {
			fprintf(out, "%d. ", c + 1);
			quiz_md(out, t->choice[c]);
			fprintf(out, "\n");
		}
		if (answers) {
			fprintf(out, "\n**%s: %d** — ", head[lang][2], q->answer + 1);
			quiz_md(out, t->explain);
			fprintf(out, "\n");
		}
		fprintf(out, "\n");
	}
	free(at);
	free(order);
}
