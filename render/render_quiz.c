/* render_quiz — the lesson's questions, asked just before their event (see
 * render_quiz.h).  The run is deterministic, so "before the event" is
 * reached by stepping on, seeing that the step made a question's record,
 * and taking the run back one event with the timeline; answering steps
 * forward again and the same records appear. */
#include "render_quiz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quiz.h"
#include "render_app.h"
#include "render_control.h"
#include "render_draw.h"
#include "render_theme.h"
#include "render_ui.h"
#include "render_view.h"

const char *const render_quiz_phase_names[RENDER_QUIZ_PHASE_COUNT] = { "idle", "ask", "reveal" };
_Static_assert(sizeof render_quiz_phase_names / sizeof *render_quiz_phase_names == RENDER_QUIZ_PHASE_COUNT,
	       "quiz phase names");

/* The overlay's colours. */
#define RENDER_QUIZ_CHOICE_BG   0xE3F2FDFFu
#define RENDER_QUIZ_RIGHT_BG    0xC8E6C9FFu
#define RENDER_QUIZ_WRONG_BG    0xFFCDD2FFu
#define RENDER_QUIZ_OTHER_BG    0xF1F3F5FFu

void render_quiz_free(struct render_quiz *q)
{
	free(q->rec);
	free(q->answer);
	free(q->matched);
	q->rec = NULL;
	q->answer = NULL;
	q->matched = NULL;
	q->nquiz = 0;
}

void render_quiz_reset(struct render_app *a)
{
	struct render_quiz *q = &a->quiz;
	int off = q->off;
	render_quiz_free(q);
	memset(q, 0, sizeof *q);
	q->off = off;
	q->nquiz = a->sc ? a->sc->nquiz : 0;
	q->rec = xcalloc((size_t)q->nquiz + 1, sizeof *q->rec);
	q->answer = xcalloc((size_t)q->nquiz + 1, sizeof *q->answer);
	q->matched = xcalloc((size_t)q->nquiz + 1, 1);
	for (int i = 0; i < q->nquiz; i++) {
		q->rec[i] = -1;
		q->answer[i] = RENDER_QUIZ_UNASKED;
	}
	if (a->overlay == RENDER_APP_OVERLAY_QUIZ)
		a->overlay = RENDER_APP_OVERLAY_NONE;
}

int render_quiz_active(const struct render_app *a)
{
	return a->quiz.phase != RENDER_QUIZ_IDLE;
}

int render_quiz_hides(const struct render_app *a, enum sc_quiz_hide w)
{
	const struct render_quiz *q = &a->quiz;
	if (q->phase != RENDER_QUIZ_ASK || q->icur < 0 || q->icur >= q->ncur || !a->sc)
		return 0;
	int k = q->cur[q->icur];
	return k >= 0 && k < a->sc->nquiz && (a->sc->quiz[k].hide >> w & 1u);
}

void render_quiz_hidden_note(struct render_app *a, SDL_Rect c)
{
	render_font_draw(a->font, RENDER_FONT_REGULAR, a->panels.px_body, RENDER_THEME_MUTED, RENDER_FONT_WRAP, c.w,
			 render_app_text(a, "ui.quiz.hidden"), c.x, c.y, NULL);
}

void render_quiz_close(struct render_app *a)
{
	struct render_quiz *q = &a->quiz;
	q->phase = RENDER_QUIZ_IDLE;
	q->ncur = q->icur = 0;
	q->resume = 0;
	if (a->overlay == RENDER_APP_OVERLAY_QUIZ)
		a->overlay = RENDER_APP_OVERLAY_NONE;
}

/* The run now ends at n records: what lay beyond is undone, and its
 * questions can be asked again. */
static void render_quiz_forget(struct render_app *a, size_t n)
{
	struct render_quiz *q = &a->quiz;
	for (int i = 0; i < q->nquiz; i++)
		if (q->rec[i] >= 0 && (size_t)q->rec[i] >= n) {
			q->rec[i] = -1;
			q->matched[i] = 0;
			q->answer[i] = RENDER_QUIZ_UNASKED;
		}
	q->scan = n;
}

void render_quiz_sync(struct render_app *a)
{
	struct render_quiz *q = &a->quiz;
	if (!q->nquiz)
		return;
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	if (n < q->scan) {
		render_quiz_forget(a, n);
		if (q->phase != RENDER_QUIZ_IDLE)
			render_quiz_close(a);
	}
	/* The same matching as sim's quiz_locate: in trace order, each
	 * question at its first record. */
	for (size_t k = q->scan; k < n; k++) {
		int i = quiz_match(a->sc, &tr[k], q->matched);
		if (i >= 0) {
			q->rec[i] = (long)k;
			q->matched[i] = 1;
		}
	}
	q->scan = n;
}

int render_quiz_after_step(struct render_app *a)
{
	struct render_quiz *q = &a->quiz;
	if (q->off || !q->nquiz || q->phase != RENDER_QUIZ_IDLE)
		return 0;
	struct sim *s = render_app_sim(a);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	size_t ev = sim_events_done(s);
	if (ev == 0 || n <= q->scan)
		return 0;
	unsigned char *seen = xmalloc((size_t)q->nquiz + 1);
	memcpy(seen, q->matched, (size_t)q->nquiz);
	int list[RENDER_QUIZ_MAX_AT_ONCE], nl = 0;
	for (size_t k = q->scan; k < n; k++) {
		int i = quiz_match(a->sc, &tr[k], seen);
		if (i < 0)
			continue;
		seen[i] = 1;
		/* Only what this step made can be held back; a record a user's
		 * action made earlier is passed (render_quiz_sync matches it). */
		if (tr[k].event == ev && nl < RENDER_QUIZ_MAX_AT_ONCE)
			list[nl++] = i;
	}
	free(seen);
	if (!nl)
		return 0;
	q->resume = a->playing;
	a->playing = 0;
	timeline_goto(a->tl, ev - 1);
	/* The clock stops just short of the event: the picture of the moment
	 * before it. */
	s = render_app_sim(a);
	int64_t next = sim_next_time(s);
	if (next > sim_now(s))
		timeline_run_until(a->tl, next - 1);
	sim_trace(s, &n);
	render_quiz_forget(a, n);
	memcpy(q->cur, list, sizeof list[0] * (size_t)nl);
	q->ncur = nl;
	q->icur = 0;
	q->event = ev;
	q->phase = RENDER_QUIZ_ASK;
	if (a->overlay != RENDER_APP_OVERLAY_COMPOSE)
		a->overlay = RENDER_APP_OVERLAY_QUIZ;
	return 1;
}

void render_quiz_answer(struct render_app *a, int choice)
{
	struct render_quiz *q = &a->quiz;
	if (q->phase != RENDER_QUIZ_ASK || q->icur >= q->ncur)
		return;
	int qi = q->cur[q->icur];
	if (choice != RENDER_QUIZ_SKIPPED && (choice < 0 || choice >= a->sc->quiz[qi].nchoices))
		return;
	q->answer[qi] = choice;
	if (++q->icur < q->ncur)
		return;   /* the next question about the same event */
	/* Every question of the event is answered: now it happens. */
	size_t before = 0;
	sim_trace(render_app_sim(a), &before);
	if (sim_events_done(render_app_sim(a)) + 1 == q->event)
		timeline_forward(a->tl);
	render_app_sync(a);
	if (!q->resume)   /* stepping: the event's first row, as → tells it */
		render_view_tell_first(a, before);
	q->phase = RENDER_QUIZ_REVEAL;
	q->icur = 0;
	if (a->overlay != RENDER_APP_OVERLAY_COMPOSE)
		a->overlay = RENDER_APP_OVERLAY_QUIZ;
}

void render_quiz_continue(struct render_app *a)
{
	struct render_quiz *q = &a->quiz;
	if (q->phase != RENDER_QUIZ_REVEAL)
		return;
	if (++q->icur < q->ncur)
		return;
	int resume = q->resume;
	render_quiz_close(a);
	if (resume && sim_events_pending(render_app_sim(a)))
		a->playing = 1;
	render_pace_end_check(a);
}

void render_quiz_toggle(struct render_app *a)
{
	struct render_quiz *q = &a->quiz;
	q->off = !q->off;
	if (q->off && q->phase != RENDER_QUIZ_IDLE)
		render_quiz_close(a);
	render_app_toast(a, render_app_text(a, q->off ? "ui.toast.quiz_off" : "ui.toast.quiz_on"));
}

void render_quiz_score(const struct render_app *a, int *right, int *answered)
{
	const struct render_quiz *q = &a->quiz;
	*right = *answered = 0;
	for (int i = 0; i < q->nquiz; i++)
		if (q->answer[i] >= 0) {
			(*answered)++;
			*right += q->answer[i] == a->sc->quiz[i].answer;
		}
}

int render_quiz_key(struct render_app *a, int k)
{
	struct render_quiz *q = &a->quiz;
	if (q->phase == RENDER_QUIZ_IDLE)
		return 0;
	switch (k) {
	/* These keep their meaning: step back (closing the question), restart,
	 * language, presenter mode, full screen, the quiz switch, quit, F12. */
	case SDLK_LEFT: case SDLK_r: case SDLK_l: case SDLK_p: case SDLK_f: case SDLK_q:
	case SDLK_F12:
		return 0;
	default:
		break;
	}
	if (q->phase == RENDER_QUIZ_ASK) {
		if (k >= SDLK_1 && k <= SDLK_4)
			render_quiz_answer(a, k - SDLK_1);
		else if (k >= SDLK_KP_1 && k <= SDLK_KP_4)
			render_quiz_answer(a, k - SDLK_KP_1);
		else if (k == SDLK_ESCAPE)
			render_quiz_answer(a, RENDER_QUIZ_SKIPPED);
		return 1;
	}
	if (k == SDLK_SPACE || k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_ESCAPE || k == SDLK_RIGHT)
		render_quiz_continue(a);
	return 1;
}

/* When question q happens in a headless run with the window's seed: its
 * record's time, or -1 if no record reaches it. */
static int64_t render_quiz_time(const struct render_app *a, int q)
{
	struct sim_opts so = { .seed = a->opts.seed };
	struct sim *s = sim_new(a->sc, &so);
	sim_run_until(s, a->sc->until_us);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	long *at = xcalloc((size_t)a->sc->nquiz, sizeof *at);
	quiz_locate(a->sc, tr, n, at);
	int64_t t = at[q] >= 0 ? tr[at[q]].t : -1;
	free(at);
	sim_free(s);
	return t;
}

int render_quiz_show(struct render_app *a, int q, int answer)
{
	struct render_quiz *z = &a->quiz;
	if (q < 0 || q >= a->sc->nquiz || answer < RENDER_QUIZ_UNASKED || answer >= a->sc->quiz[q].nchoices)
		return -1;
	int64_t t = render_quiz_time(a, q);
	if (t < 0)
		return -1;
	z->off = 0;
	if (sim_now(render_app_sim(a)) < t - 1)
		render_control_run_to(a, t - 1);
	/* Every pass moves a row, an event or the overlay on; the bound only
	 * guards against a run that stops moving (a lesson's end). */
	for (long guard = 0; !(z->phase == RENDER_QUIZ_ASK && z->cur[z->icur] == q); guard++) {
		if (guard > 1000000)
			return -1;
		if (z->phase == RENDER_QUIZ_ASK)
			render_quiz_answer(a, RENDER_QUIZ_SKIPPED);
		else if (z->phase == RENDER_QUIZ_REVEAL)
			render_quiz_continue(a);
		else if (z->rec[q] >= 0 || !sim_events_pending(render_app_sim(a)))
			return -1;   /* passed without being asked, or the run is over */
		else
			render_control_forward(a);
	}
	if (answer != RENDER_QUIZ_UNASKED)
		render_quiz_answer(a, answer);
	return 0;
}

/* ---- the overlay ---- */

/* The texts of question qi in the current language (the other one where
 * the lesson lacks it). */
static const struct sc_quiz_text *render_quiz_text(const struct render_app *a, int qi)
{
	const struct sc_quiz *qq = &a->sc->quiz[qi];
	int l = a->lang == LANG_EN ? 1 : 0;
	return qq->text[l].question ? &qq->text[l] : &qq->text[1 - l];
}

/* Which number of the lesson's questions qi is, in the order the run asks
 * them (by the record each belongs to; the held-back ones come after
 * those already passed). */
static int render_quiz_number(const struct render_app *a, int qi)
{
	const struct render_quiz *q = &a->quiz;
	int k = 1;
	for (int i = 0; i < q->nquiz; i++)
		if (i != qi && q->rec[i] >= 0 && (q->rec[qi] < 0 || q->rec[i] < q->rec[qi]))
			k++;
	for (int j = 0; j < q->ncur && q->cur[j] != qi; j++)
		k += q->rec[q->cur[j]] < 0;
	return k;
}

struct render_quiz_sizes {
	int px_q, px_c, px_s;    /* question and verdict, choices and explanation, title and hint */
	int cols;                /* choices side by side */
};

/* Lay the overlay out for question qi at the given sizes in a box w wide
 * with its top at y; with draw set, draw it.  Returns the height. */
static int render_quiz_lay(struct render_app *a, int qi, const struct render_quiz_sizes *z, SDL_Rect box,
                           int draw)
{
	const struct render_layout_panels *p = &a->panels;
	const struct render_quiz *q = &a->quiz;
	const struct sc_quiz *qq = &a->sc->quiz[qi];
	const struct sc_quiz_text *t = render_quiz_text(a, qi);
	struct render_quiz_layout *L = &a->quiz.layout;
	int reveal = q->phase == RENDER_QUIZ_REVEAL;
	int pad = p->pad * 2, x = box.x + pad, w = box.w - 2 * pad;
	int y = box.y + pad, h = 0;
	char buf[160], num[16], tot[16];
	struct sbuf b = { 0 };

	/* Title: "Question 2 of 4". */
	snprintf(num, sizeof num, "%d", render_quiz_number(a, qi));
	snprintf(tot, sizeof tot, "%d", q->nquiz);
	const char *targs[] = { "n", num, "total", tot, NULL };
	i18n_format(a->cat[a->lang], "ui.quiz.title", targs, &b);
	render_font_size(a->font, RENDER_FONT_BOLD, z->px_s, RENDER_FONT_FIT, w, b.s, NULL, &h);
	if (draw)
		render_font_draw(a->font, RENDER_FONT_BOLD, z->px_s, RENDER_THEME_ACCENT, RENDER_FONT_FIT, w, b.s, x, y,
				 NULL);
	L->title = (SDL_Rect){ x, y, w, h };
	y += h + p->pad / 2;

	/* The question. */
	render_font_size(a->font, RENDER_FONT_BOLD, z->px_q, RENDER_FONT_WRAP, w, t->question, NULL, &h);
	if (draw)
		render_font_draw(a->font, RENDER_FONT_BOLD, z->px_q, RENDER_THEME_TEXT, RENDER_FONT_WRAP, w, t->question,
				 x, y, NULL);
	L->question = (SDL_Rect){ x, y, w, h };
	y += h + p->pad;

	/* The choices: a numbered box each, in one or two columns. */
	int gap = p->pad, cols = z->cols;
	int cw = (w - (cols - 1) * gap) / cols;
	int badge = render_font_line_height(a->font, RENDER_FONT_BOLD, z->px_c) + p->pad / 2;
	int cpad = p->pad;
	int tw = cw - badge - 3 * cpad;
	L->nchoices = qq->nchoices;
	for (int r = 0; r * cols < qq->nchoices; r++) {
		int rh = badge;
		for (int c = 0; c < cols && r * cols + c < qq->nchoices; c++) {
			int th = 0;
			render_font_size(a->font, RENDER_FONT_REGULAR, z->px_c, RENDER_FONT_WRAP, tw,
					 t->choice[r * cols + c], NULL, &th);
			if (th > rh)
				rh = th;
		}
		rh += 2 * (cpad / 2);
		for (int c = 0; c < cols && r * cols + c < qq->nchoices; c++) {
			int i = r * cols + c;
			SDL_Rect rc = { x + c * (cw + gap), y, cw, rh };
			L->choice[i] = rc;
			if (!draw)
				continue;
			uint32_t bg = RENDER_QUIZ_CHOICE_BG, edge = RENDER_THEME_ACCENT, fg = RENDER_THEME_TEXT;
			const char *mark = NULL;
			if (reveal && i == qq->answer) {
				bg = RENDER_QUIZ_RIGHT_BG;
				edge = RENDER_THEME_OK;
				mark = "✓";
			} else if (reveal && i == q->answer[qi]) {
				bg = RENDER_QUIZ_WRONG_BG;
				edge = RENDER_THEME_BLOCK;
				mark = "×";
			} else if (reveal) {
				bg = RENDER_QUIZ_OTHER_BG;
				edge = RENDER_THEME_PANEL_EDGE;
				fg = RENDER_THEME_MUTED;
			}
			render_draw_round(a->ren, rc, p->radius, bg);
			render_draw_round_outline(a->ren, rc, p->radius,
						  reveal && (i == qq->answer || i == q->answer[qi]) ? p->line * 2 : p->line, edge);
			SDL_Rect bd = { rc.x + cpad, rc.y + cpad / 2, badge, badge };
			render_draw_round(a->ren, bd, badge / 2, edge);
			snprintf(buf, sizeof buf, "%d", i + 1);
			int bw = 0, bh = 0;
			render_font_size(a->font, RENDER_FONT_BOLD, z->px_c, RENDER_FONT_LINE, 0, buf, &bw, &bh);
			render_font_draw(a->font, RENDER_FONT_BOLD, z->px_c, 0xFFFFFFFFu, RENDER_FONT_LINE, 0, buf,
					 bd.x + (badge - bw) / 2, bd.y + (badge - bh) / 2, NULL);
			int tx = bd.x + badge + cpad;
			render_font_draw(a->font, RENDER_FONT_REGULAR, z->px_c, fg, RENDER_FONT_WRAP, tw, t->choice[i], tx,
					 rc.y + cpad / 2, NULL);
			if (mark) {
				int mw = 0, mh = 0;
				render_font_size(a->font, RENDER_FONT_BOLD, z->px_q, RENDER_FONT_LINE, 0, mark, &mw, &mh);
				render_font_draw(a->font, RENDER_FONT_BOLD, z->px_q, edge, RENDER_FONT_LINE, 0, mark,
						 rc.x + rc.w - mw - cpad / 2, rc.y + (rc.h - mh) / 2, NULL);
			}
			if (!reveal)
				render_app_hit_add(a, rc, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_QUIZ_CHOICE, i);
		}
		y += rh + gap / 2;
	}
	y += p->pad / 2;

	L->verdict = L->explain = (SDL_Rect){ x, y, 0, 0 };
	if (reveal) {
		/* Whether the class had it, then why. */
		sbuf_reset(&b);
		snprintf(num, sizeof num, "%d", qq->answer + 1);
		const char *vargs[] = { "n", num, NULL };
		int mine = q->answer[qi];
		const char *key = mine == qq->answer ? "ui.quiz.right" : mine >= 0 ? "ui.quiz.wrong" : "ui.quiz.skipped";
		i18n_format(a->cat[a->lang], key, vargs, &b);
		uint32_t col = mine == qq->answer ? RENDER_THEME_OK : mine >= 0 ? RENDER_THEME_BLOCK : RENDER_THEME_ACCENT;
		render_font_size(a->font, RENDER_FONT_BOLD, z->px_q, RENDER_FONT_WRAP, w, b.s, NULL, &h);
		if (draw)
			render_font_draw(a->font, RENDER_FONT_BOLD, z->px_q, col, RENDER_FONT_WRAP, w, b.s, x, y, NULL);
		L->verdict = (SDL_Rect){ x, y, w, h };
		y += h + p->pad / 2;
		const char *ex = t->explain ? t->explain : "";
		render_font_size(a->font, RENDER_FONT_REGULAR, z->px_c, RENDER_FONT_WRAP, w, ex, NULL, &h);
		if (draw)
			render_font_draw(a->font, RENDER_FONT_REGULAR, z->px_c, RENDER_THEME_TEXT, RENDER_FONT_WRAP, w, ex, x, y,
					 NULL);
		L->explain = (SDL_Rect){ x, y, w, h };
		y += h + p->pad;
	}

	/* What to do now. */
	sbuf_reset(&b);
	snprintf(num, sizeof num, "%d", qq->nchoices);
	const char *hargs[] = { "n", num, NULL };
	i18n_format(a->cat[a->lang], reveal ? "ui.quiz.hint_reveal" : "ui.quiz.hint_ask", hargs, &b);
	int hw = 0;
	render_font_size(a->font, RENDER_FONT_REGULAR, z->px_s, RENDER_FONT_WRAP, w, b.s, &hw, &h);
	if (draw)
		render_font_draw(a->font, RENDER_FONT_REGULAR, z->px_s, RENDER_THEME_MUTED, RENDER_FONT_WRAP, w, b.s, x, y,
				 NULL);
	L->hint = (SDL_Rect){ x, y, hw > 0 ? hw : 1, h };
	y += h;
	sbuf_free(&b);
	return y + pad - box.y;
}

void render_quiz_draw(struct render_app *a)
{
	struct render_quiz *q = &a->quiz;
	if (q->phase == RENDER_QUIZ_IDLE || q->icur >= q->ncur)
		return;
	/* A question that came while the compose dialog was open waits for it. */
	if (a->overlay == RENDER_APP_OVERLAY_COMPOSE)
		return;
	a->overlay = RENDER_APP_OVERLAY_QUIZ;
	const struct render_layout_panels *p = &a->panels;
	int qi = q->cur[q->icur];
	/* Across the whole width at the bottom, so the network above stays in
	 * view: the class answers from what it shows.  Text starts large
	 * (above caption size, larger in presenter mode) and steps down
	 * only until the box fits: first into 60 % of the window, then into
	 * everything below the top bar. */
	SDL_Rect box = { p->pad, 0, a->w - 2 * p->pad, 0 };
	struct render_quiz_sizes z;
	z.px_c = p->px_caption * 6 / 5;
	z.px_q = p->px_caption * 3 / 2;
	z.px_s = p->px_body;
	int floor_c = p->px_small, h = 0;
	for (int pass = 0; pass < 2; pass++) {
		int maxh = pass == 0 ? a->h * 3 / 5 : a->h - p->top.h - 2 * p->pad;
		for (;;) {
			z.cols = a->sc->quiz[qi].nchoices > 2 && box.w - 4 * p->pad >= 56 * z.px_c ? 2 : 1;
			h = render_quiz_lay(a, qi, &z, box, 0);
			if (h <= maxh || z.px_c <= floor_c)
				break;
			z.px_c = z.px_c * 92 / 100 > floor_c ? z.px_c * 92 / 100 : floor_c;
			z.px_q = z.px_c * 5 / 4;   /* the question stays a step larger */
			if (z.px_s > z.px_c)
				z.px_s = z.px_c;
		}
		if (h <= maxh)
			break;
	}
	if (h > a->h - p->top.h - 2 * p->pad)
		h = a->h - p->top.h - 2 * p->pad;
	box.h = h;
	box.y = a->h - p->pad - h;
	q->layout.box = box;
	q->layout.px_question = z.px_q;
	q->layout.px_choice = z.px_c;
	render_draw_round(a->ren, (SDL_Rect){ box.x + 4, box.y + 5, box.w, box.h }, p->radius * 2, 0x00000040u);
	render_draw_round(a->ren, box, p->radius * 2, RENDER_THEME_PANEL);
	render_draw_round_outline(a->ren, box, p->radius * 2, p->line * 2,
				  q->phase == RENDER_QUIZ_REVEAL ? RENDER_THEME_OK : RENDER_THEME_ACCENT);
	/* During the reveal a click anywhere continues (outside the box too:
	 * render_input); while asking only the choices take clicks. */
	if (q->phase == RENDER_QUIZ_REVEAL)
		render_app_hit_add(a, box, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_QUIZ_CONTINUE, 0);
	SDL_RenderSetClipRect(a->ren, &box);
	render_quiz_lay(a, qi, &z, box, 1);
	SDL_RenderSetClipRect(a->ren, NULL);
}
