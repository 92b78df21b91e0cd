/* render_filter — the spam filter's verdicts, what it learnt from a
 * correction, its accuracy over the mails received, and the toast of a
 * mark.  Everything is read from the trace (TR_FILTER, TR_LEARN, TR_MARK)
 * through the kind table; nothing here changes the run. */
#include "render_filter.h"

#include <stdio.h>
#include <string.h>

#include "bayes.h"
#include "filter.h"
#include "render_app.h"
#include "render_draw.h"
#include "render_theme.h"
#include "render_view.h"
#include "render_wrap.h"

/* Where the next line goes (content coordinates, scrolled by off). */
struct render_filter_pen {
	SDL_Rect clip;
	int x, y, w, off;
};

/* Band colours of the score scale, light so the marker stands out. */
#define RENDER_FILTER_HAM_BAND    0xC8E6C9FFu
#define RENDER_FILTER_UNSURE_BAND 0xFFE0B2FFu
#define RENDER_FILTER_SPAM_BAND   0xFFCDD2FFu

static uint32_t render_filter_colour(int verdict)
{
	return verdict == BAYES_VERDICT_SPAM ? RENDER_THEME_BLOCK
	     : verdict == BAYES_VERDICT_HAM ? RENDER_THEME_OK : RENDER_THEME_BOUNCE;
}

static int render_filter_visible(const struct render_filter_pen *pen, int sy, int h)
{
	return sy + h > pen->clip.y && sy < pen->clip.y + pen->clip.h;
}

/* Whether sy … sy + h lies whole in the panel. */
static int render_filter_whole(const struct render_filter_pen *pen, int sy, int h)
{
	return sy >= pen->clip.y && sy + h <= pen->clip.y + pen->clip.h;
}

/* Something drawn from sy, h high: counted if the panel's edge cuts it
 * (for the tests; render_app.h's insp_halved). */
static void render_filter_drawn(struct render_app *a, const struct render_filter_pen *pen, int sy, int h)
{
	a->insp_halved += !render_filter_whole(pen, sy, h);
}

/* The lines of text (wrapped at pen->w, its top at sy) that lie whole in
 * the panel, the last one shown ending in "…" when more of the text
 * follows below the panel: a line the panel's edge cut in half had been
 * drawn (issue 11: lesson 12's "words never learnt" under the clues at
 * 1280 x 720 in presenter mode). */
static void render_filter_lines(struct render_app *a, const struct render_filter_pen *pen,
                                enum render_font_face face, int px, uint32_t col, const char *text, int sy)
{
	int lh = 0, bottom = pen->clip.y + pen->clip.h;
	render_font_size(a->font, face, px, RENDER_FONT_WRAP, pen->w, "M", NULL, &lh);   /* the wrap's line step */
	struct sbuf t = { 0 }, line = { 0 };
	render_wrap_clean(&t, text, strlen(text), 0);
	for (const char *q = t.s ? t.s : ""; *q; sy += lh) {
		size_t next = 0, len = render_font_wrap_first(a->font, face, px, pen->w, q, &next);
		if (sy + lh > bottom)
			break;
		int last = q[next] && sy + 2 * lh > bottom;   /* more below, out of the panel */
		if (sy >= pen->clip.y) {
			sbuf_reset(&line);
			sbuf_add(&line, q, last ? strlen(q) : len);
			render_font_draw(a->font, face, px, col, last ? RENDER_FONT_FIT : RENDER_FONT_LINE, pen->w, line.s,
			                 pen->x, sy, NULL);
			render_filter_drawn(a, pen, sy, lh);
		}
		if (next == 0)
			break;   /* (no progress: never, but never loop) */
		q += next;
	}
	sbuf_free(&t);
	sbuf_free(&line);
}

static int render_filter_text(struct render_app *a, struct render_filter_pen *pen,
                              enum render_font_face face, int px, uint32_t col, const char *text)
{
	int h = 0;
	render_font_size(a->font, face, px, RENDER_FONT_WRAP, pen->w, text, NULL, &h);
	int sy = pen->y - pen->off;
	if (render_filter_whole(pen, sy, h)) {
		render_font_draw(a->font, face, px, col, RENDER_FONT_WRAP, pen->w, text, pen->x, sy, NULL);
		render_filter_drawn(a, pen, sy, h);
	} else if (render_filter_visible(pen, sy, h))
		render_filter_lines(a, pen, face, px, col, text, sy);
	pen->y += h + 2;
	return h;
}

/* The score on a 0 … 1 scale: the ham, unsure and spam bands named inside
 * the bar, the ham cut and the threshold under it, the score as a bold
 * marker in the verdict's colour. */
static void render_filter_scale(struct render_app *a, struct render_filter_pen *pen,
                                const struct trace_filter *f)
{
	const struct render_layout_panels *p = &a->panels;
	int px = p->px_small, lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, px);
	int bar_h = lh + 4;
	/* Inset by the marker's disc, so a score of 0 or 1 is not cut by the
	 * panel's edge (lesson 12's phish1 scores 1.000 after the mark). */
	int inset = bar_h / 3 + p->line + 1, x0 = pen->x + inset, w = pen->w - 2 * inset;
	int total = bar_h + lh + p->pad / 2 + 6;
	int sy = pen->y - pen->off;
	pen->y += total;
	if (!render_filter_whole(pen, sy, total))
		return;   /* whole or not at all */
	render_filter_drawn(a, pen, sy, total);
	int xh = x0 + (int)(f->ham_cut * (float)w), xc = x0 + (int)(f->cut * (float)w);
	int by = sy + 3, x1 = x0 + w;
	const struct { int x0, x1; uint32_t fill; const char *key; } band[] = {
		{ x0, xh, RENDER_FILTER_HAM_BAND, "ui.insp.filter.band.ham" },
		{ xh, xc, RENDER_FILTER_UNSURE_BAND, "ui.insp.filter.band.unsure" },
		{ xc, x1, RENDER_FILTER_SPAM_BAND, "ui.insp.filter.band.spam" },
	};
	float sx = (float)x0 + f->score * (float)(w - 1);
	int mark = bar_h / 2 + p->line * 2;   /* the marker's half width, with room */
	for (size_t i = 0; i < sizeof band / sizeof band[0]; i++) {
		render_draw_fill(a->ren, (SDL_Rect){ band[i].x0, by, band[i].x1 - band[i].x0, bar_h }, band[i].fill);
		const char *name = render_app_text(a, band[i].key);
		int tw = 0;
		render_font_size(a->font, RENDER_FONT_REGULAR, px, RENDER_FONT_LINE, 0, name, &tw, NULL);
		/* Centred, else beside the marker, where it does not hide it. */
		int cand[] = { (band[i].x0 + band[i].x1 - tw) / 2, (int)sx + mark, (int)sx - mark - tw };
		for (size_t k = 0; k < sizeof cand / sizeof cand[0]; k++) {
			int tx = cand[k];
			if (tx < band[i].x0 + 3 || tx + tw > band[i].x1 - 3 ||
			    (tx < (int)sx + mark && tx + tw > (int)sx - mark))
				continue;
			render_font_draw(a->font, RENDER_FONT_REGULAR, px, RENDER_THEME_MUTED, RENDER_FONT_LINE, 0, name, tx,
			                 by + 2, NULL);
			break;
		}
	}
	render_draw_outline(a->ren, (SDL_Rect){ x0, by, w, bar_h }, 1, RENDER_THEME_PANEL_EDGE);
	render_draw_fill(a->ren, (SDL_Rect){ xh - 1, by, 2, bar_h }, RENDER_THEME_MUTED);
	render_draw_fill(a->ren, (SDL_Rect){ xc - 2, by - 3, 4, bar_h + 6 }, RENDER_THEME_TEXT);
	/* The score: a thick marker with a disc, in the verdict's colour. */
	uint32_t col = render_filter_colour(f->verdict);
	render_draw_line(a->ren, sx, (float)by - 4, sx, (float)(by + bar_h + 4), (float)(p->line * 2 + 2), col);
	render_draw_disc(a->ren, sx, (float)by + (float)bar_h / 2, (float)bar_h / 3, col);
	/* Under the bar: 0, the ham cut, and the threshold (kept inside). */
	char ham[16], cut[16];
	snprintf(ham, sizeof ham, "%.2f", f->ham_cut);
	snprintf(cut, sizeof cut, "%.2f", f->cut);
	struct sbuf b = { 0 };
	const char *args[] = { "cut", cut, NULL };
	i18n_format(a->cat[a->lang], "ui.insp.filter.cut", args, &b);
	int ty = by + bar_h + 3, tw = 0;
	render_font_draw(a->font, RENDER_FONT_REGULAR, px, RENDER_THEME_MUTED, RENDER_FONT_LINE, 0, "0", x0, ty, NULL);
	render_font_size(a->font, RENDER_FONT_REGULAR, px, RENDER_FONT_LINE, 0, ham, &tw, NULL);
	render_font_draw(a->font, RENDER_FONT_REGULAR, px, RENDER_THEME_MUTED, RENDER_FONT_LINE, 0, ham, xh - tw / 2,
	                 ty, NULL);
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, b.s, &tw, NULL);
	int cx = xc - tw / 2;
	if (cx + tw > x1)
		cx = x1 - tw;
	render_font_draw(a->font, RENDER_FONT_BOLD, px, RENDER_THEME_TEXT, RENDER_FONT_LINE, 0, b.s, cx, ty, NULL);
	sbuf_free(&b);
}

/* A clue's counts before a correction, from those after it: each token of
 * the mail moved by exactly one from the class unlearnt to the one learnt. */
static void render_filter_before(const struct trace_filter *f, int i, unsigned out[2])
{
	out[0] = f->count[i][0];
	out[1] = f->count[i][1];
	if (f->from == f->learned)
		return;
	for (int c = 0; c < 2; c++) {
		int learn = c == 0 ? TRACE_LEARN_HAM : TRACE_LEARN_SPAM;
		if (f->learned == learn && out[c] > 0)
			out[c]--;
		if (f->from == learn)
			out[c]++;
	}
}

/* A token (no spaces: "message-id:@mx1.bulk-mailer.example") that is
 * wider than tw at px, fitted: at a size down to four fifths of the small
 * text on one line; else at that size broken after its punctuation (. @ :
 * - / _), never inside a run of letters (issue 11: "bulk-m|ailer",
 * "exam|ple" on a projector).  Only a run wider than the whole line is
 * still cut.  Returns the size; t gets the line feeds. */
/* Whether text is one line at px in tw, as the wrap (not the shaper's
 * kerned width) lays it out. */
static int render_filter_one_line(struct render_app *a, const char *text, int px, int tw)
{
	int h = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_WRAP, tw, text, NULL, &h);
	return h <= render_font_line_height(a->font, RENDER_FONT_BOLD, px);
}

static int render_filter_token_fit(struct render_app *a, struct sbuf *t, int px, int tw)
{
	const struct render_layout_panels *p = &a->panels;
	int floor_px = p->px_small * 4 / 5;
	for (int v = px;; v = v * 9 / 10 > floor_px ? v * 9 / 10 : floor_px) {
		if (render_filter_one_line(a, t->s, v, tw))
			return v;
		if (v <= floor_px)
			break;
	}
	if (!strchr(t->s, '.') && !strchr(t->s, '@') && !strchr(t->s, ':') && !strchr(t->s, '-') &&
	    !strchr(t->s, '/') && !strchr(t->s, '_'))
		return px;   /* no place to break it: wrapped as before */
	struct sbuf out = { 0 }, line = { 0 };
	size_t start = 0, n = t->len;
	while (start < n) {
		/* the longest piece from start ending after a mark that fits */
		size_t best = 0;
		for (size_t i = start; i < n; i++) {
			char c = t->s[i];
			if (c != '.' && c != '@' && c != ':' && c != '-' && c != '/' && c != '_' && i + 1 != n)
				continue;
			sbuf_reset(&line);
			sbuf_add(&line, t->s + start, i + 1 - start);
			int fits = render_filter_one_line(a, line.s, floor_px, tw);
			if (!fits && best)
				break;
			best = i + 1;
			if (!fits)
				break;   /* a run wider than the line: the wrap cuts it */
		}
		if (out.len)
			sbuf_addc(&out, '\n');
		sbuf_add(&out, t->s + start, best - start);
		start = best;
	}
	sbuf_reset(t);
	sbuf_add(t, out.s, out.len);
	sbuf_free(&out);
	sbuf_free(&line);
	return floor_px;
}

/* One clue's row: the gauge (none when gauge is 0), the value of f(w),
 * the token and, right-aligned, the mails it was seen in.  A token wider
 * than what the counts leave is cut in normal mode and wrapped in
 * presenter mode (the row grows), where the class must read it whole. */
static void render_filter_clue(struct render_app *a, struct render_filter_pen *pen, const struct trace_filter *f,
                               int i, int moved, int gauge)
{
	const struct render_layout_panels *p = &a->panels;
	int px = p->px_body, lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, px), num = 0;
	int gap = a->presenter ? 2 : 4;
	size_t len = 0;
	const char *tok = trace_filter_clue(f, i, &len);
	if (!tok) {
		pen->y += lh + gap;
		return;
	}
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, "0.00", &num, NULL);
	char ham[16], spam[16], ham0[16], spam0[16];
	unsigned before[2];
	render_filter_before(f, i, before);
	snprintf(ham, sizeof ham, "%u", (unsigned)f->count[i][0]);
	snprintf(spam, sizeof spam, "%u", (unsigned)f->count[i][1]);
	snprintf(ham0, sizeof ham0, "%u", before[0]);
	snprintf(spam0, sizeof spam0, "%u", before[1]);
	const char *args[] = { "ham", ham, "spam", spam, "ham0", ham0, "spam0", spam0, NULL };
	struct sbuf counts = { 0 }, t = { 0 };
	i18n_format(a->cat[a->lang], moved ? "ui.insp.filter.moved" : "ui.insp.filter.counts", args, &counts);
	sbuf_add(&t, tok, len);
	/* The counts first, right-aligned, so the token gets what is left. */
	int cw = 0, x = pen->x + (gauge ? gauge + p->pad / 2 : 0), tx = x + num + p->pad / 2;
	render_font_size(a->font, RENDER_FONT_REGULAR, px, RENDER_FONT_LINE, 0, counts.s, &cw, NULL);
	int cx = pen->x + pen->w - cw, tw = cx - p->pad / 2 - tx, h = lh, tpx = px;
	enum render_font_mode mode = a->presenter ? RENDER_FONT_WRAP : RENDER_FONT_FIT;
	if (tw > 0 && mode == RENDER_FONT_WRAP) {
		tpx = render_filter_token_fit(a, &t, px, tw);
		render_font_size(a->font, RENDER_FONT_BOLD, tpx, mode, tw, t.s, NULL, &h);
		a->insp_token_cuts += render_font_wrap_cuts(a->font, RENDER_FONT_BOLD, tpx, tw, t.s) & 1;
	}
	h = h > lh ? h : lh;
	int sy = pen->y - pen->off;
	pen->y += h + gap;
	if (render_filter_whole(pen, sy, h)) {   /* a row shows whole or not at all */
		render_filter_drawn(a, pen, sy, h);
		float pr = f->prob[i] / 10000.0f;
		uint32_t col = pr >= 0.5f ? RENDER_THEME_BLOCK : RENDER_THEME_OK;
		if (gauge) {
			int gy = sy + lh / 4, gh = lh / 2;
			render_draw_fill(a->ren, (SDL_Rect){ pen->x, gy, gauge, gh }, 0xECEFF3FFu);
			render_draw_fill(a->ren, (SDL_Rect){ pen->x, gy, (int)(pr * (float)gauge), gh }, col);
			render_draw_fill(a->ren, (SDL_Rect){ pen->x + gauge / 2, gy - 2, 1, gh + 4 }, RENDER_THEME_MUTED);
		}
		char val[16];
		snprintf(val, sizeof val, "%.2f", pr);
		render_font_draw(a->font, RENDER_FONT_BOLD, px, col, RENDER_FONT_LINE, 0, val, x, sy, NULL);
		if (moved)
			render_draw_fill(a->ren, (SDL_Rect){ cx - 3, sy, cw + 6, lh }, RENDER_THEME_HILITE);
		render_font_draw(a->font, RENDER_FONT_REGULAR, px, moved ? RENDER_THEME_TEXT : RENDER_THEME_MUTED,
		                 RENDER_FONT_LINE, 0, counts.s, cx, sy, NULL);
		if (tw > 0)   /* a smaller token sits on the row's baseline */
			render_font_draw(a->font, RENDER_FONT_BOLD, tpx, RENDER_THEME_TEXT, mode, tw, t.s, tx,
					 sy + (tpx < px ? lh - render_font_line_height(a->font, RENDER_FONT_BOLD, tpx) : 0) * 3 / 4,
					 NULL);
	}
	sbuf_free(&counts);
	sbuf_free(&t);
}

/* One row per clue: a small gauge of f(w), its value, the token, and the
 * mails it was seen in; after a correction the counts that moved, on the
 * highlight colour. */
static void render_filter_clues(struct render_app *a, struct render_filter_pen *pen, const struct trace_rec *r)
{
	const struct render_layout_panels *p = &a->panels;
	const struct trace_filter *f = &r->u.filter;
	int moved = r->kind == TR_LEARN && f->from != f->learned;
	/* The gauge repeats the number in a picture: presenter mode's short,
	 * narrow panel gives its width to the token. */
	int gauge = a->presenter ? 0 : render_font_line_height(a->font, RENDER_FONT_REGULAR, p->px_body) * 4;
	/* The columns' key; in presenter mode, whose short panel must show
	 * the clues themselves without the wheel, the rows say it (their
	 * counts are named), so it goes first. */
	if (!a->presenter)
		render_filter_text(a, pen, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED,
		                   render_app_text(a, "ui.insp.filter.head"));
	for (int i = 0; i < f->nclues; i++) {
		render_filter_clue(a, pen, f, i, moved, gauge);
		a->insp_clues += pen->y - pen->off <= pen->clip.y + pen->clip.h;
	}
}

int render_filter_unseen(struct render_app *a, const struct trace_filter *f, struct sbuf *out)
{
	if (!f->nunseen || f->nunseen * 2 < f->ntokens)
		return 0;
	char un[16], all[16];
	snprintf(un, sizeof un, "%u", (unsigned)f->nunseen);
	snprintf(all, sizeof all, "%u", (unsigned)f->ntokens);
	const char *args[] = { "unseen", un, "ntokens", all, NULL };
	i18n_format(a->cat[a->lang], "ui.insp.filter.unseen", args, out);
	return 1;
}

/* One verdict (TR_FILTER) or re-judgement after a correction (TR_LEARN). */
static void render_filter_block(struct render_app *a, struct render_filter_pen *pen, const struct trace_rec *r)
{
	const struct render_layout_panels *p = &a->panels;
	const struct trace_filter *f = &r->u.filter;
	struct sbuf b = { 0 };
	char score[16], key[48];
	snprintf(score, sizeof score, "%.3f", f->score);
	snprintf(key, sizeof key, "ui.ev.verdict.%s", bayes_verdict_name((enum bayes_verdict)f->verdict));
	const char *args[] = { "verdict", render_app_text(a, key), "score", score, NULL };
	i18n_format(a->cat[a->lang], "ui.insp.filter.verdict", args, &b);
	render_filter_text(a, pen, RENDER_FONT_BOLD, p->px_title, render_filter_colour(f->verdict), b.s);
	sbuf_free(&b);
	render_filter_scale(a, pen, f);
	if (r->kind == TR_FILTER)
		snprintf(key, sizeof key, "ui.insp.filter.learned.%s",
		         f->learned < TRACE_LEARN_COUNT ? trace_learn_names[f->learned] : "none");
	else
		snprintf(key, sizeof key, "%s", f->from == f->learned ? "ui.insp.filter.keep" : "");
	if (*key)
		render_filter_text(a, pen, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, render_app_text(a, key));
	render_filter_clues(a, pen, r);
	/* When most of the words were never learnt, the few clues above are
	 * all the score rests on: say so, or a row of ham-leaning clues under
	 * a score near 0.5 reads as a contradiction (lesson 12's phish1).
	 * Under the clues, so that the five most telling stay in view at
	 * 1280 x 720 in presenter mode (render_balance). */
	if (render_filter_unseen(a, f, &b))
		render_filter_text(a, pen, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_TEXT, b.s);
	sbuf_free(&b);
}

/* The verdict before a correction as one line ("Judged on arrival:
 * unsure (score 0.440)"). */
static void render_filter_arrival(struct render_app *a, struct render_filter_pen *pen, const struct trace_rec *r)
{
	const struct trace_filter *f = &r->u.filter;
	char score[16], key[48];
	snprintf(score, sizeof score, "%.3f", f->score);
	snprintf(key, sizeof key, "ui.ev.verdict.%s", bayes_verdict_name((enum bayes_verdict)f->verdict));
	const char *args[] = { "verdict", render_app_text(a, key), "score", score, NULL };
	struct sbuf b = { 0 };
	i18n_format(a->cat[a->lang], "ui.insp.filter.arrival", args, &b);
	pen->y += a->panels.pad / 2;
	render_filter_text(a, pen, RENDER_FONT_BOLD, a->panels.px_small, render_filter_colour(f->verdict), b.s);
	sbuf_free(&b);
}

/* A block's heading: what it is, and whose filter. */
static void render_filter_heading(struct render_app *a, struct render_filter_pen *pen, const char *key, int user)
{
	struct sbuf b = { 0 };
	const char *args[] = { "mailbox", user >= 0 && user < a->sc->nusers ? a->sc->users[user].address : "?",
	                       NULL };
	i18n_format(a->cat[a->lang], key, args, &b);
	pen->y += a->panels.pad / 2;
	render_filter_text(a, pen, RENDER_FONT_BOLD, a->panels.px_small, RENDER_THEME_ACCENT, b.s);
	sbuf_free(&b);
}

int render_filter_msg(struct render_app *a, int msg, SDL_Rect clip, int x, int y, int w, int off)
{
	/* As told: stopped at "marked as spam", the correction the filter
	 * learns from it is the next row, and the next caption's (lesson 12
	 * at 95 s had shown "After the user's correction" a stop early). */
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	struct render_filter_pen pen = { clip, x, y, w, off };
	/* Per user, their latest verdict and latest correction of this mail;
	 * the correction first, being what the filter knows now. */
	for (int u = 0; u < a->sc->nusers; u++) {
		const struct trace_rec *judged = NULL, *learnt = NULL;
		for (size_t i = 0; i < n; i++) {
			if ((tr[i].kind != TR_FILTER && tr[i].kind != TR_LEARN) || tr[i].msg != msg ||
			    tr[i].u.filter.user != u)
				continue;
			if (tr[i].kind == TR_FILTER)
				judged = &tr[i];
			else
				learnt = &tr[i];
		}
		if (learnt) {
			render_filter_heading(a, &pen, "ui.insp.filter.learn", u);
			render_filter_block(a, &pen, learnt);
		}
		if (judged && learnt && a->presenter) {
			/* Presenter mode's short panel: the first verdict in one
			 * line under what the filter learnt since. */
			render_filter_arrival(a, &pen, judged);
		} else if (judged) {
			/* Presenter mode: the short heading, in one line (the
			 * lesson's title names the Bayesian filter). */
			render_filter_heading(a, &pen, a->presenter ? "ui.insp.filter.short" : "ui.insp.filter", u);
			render_filter_block(a, &pen, judged);
		}
	}
	return pen.y;
}

int render_filter_any(struct render_app *a)
{
	/* Only a user with a filter gets verdicts: a lesson without one (the
	 * botnet's 60,000 events) need not scan its trace every frame. */
	int any = 0;
	for (int u = 0; u < a->sc->nusers && !any; u++)
		any = a->sc->users[u].filter;
	if (!any)
		return 0;
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	for (size_t i = 0; i < n; i++)
		if (tr[i].kind == TR_FILTER)
			return 1;
	return 0;
}

/* ---- the accuracy plot ---- */

/* The plot's x scale: the verdicts of the furthest run seen, in tens, so
 * the scale does not jump while stepping through a run seen before. */
static int render_filter_plot_span(struct render_app *a, size_t now)
{
	size_t n = 0, v = 0;
	const struct trace_rec *tr = timeline_ahead(a->tl, &n);
	for (size_t i = 0; i < n; i++)
		v += tr[i].kind == TR_FILTER;
	if (v < now)
		v = now;
	int span = (int)((v + 9) / 10 * 10);
	return span < 10 ? 10 : span;
}

/* The figure now: "6 of 7 mails judged right: 86%". */
static void render_filter_now_text(struct render_app *a, const struct filter_point *last, size_t np, struct sbuf *out)
{
	char right[16], n[24], pct[16];
	snprintf(right, sizeof right, "%d", last ? last->right : 0);
	snprintf(n, sizeof n, "%zu", np);
	snprintf(pct, sizeof pct, "%d", np ? (int)((last->right * 1000 / (int)np + 5) / 10) : 0);
	const char *args[] = { "right", right, "n", n, "pct", pct, NULL };
	i18n_format(a->cat[a->lang], "ui.acc.now", args, out);
}

int render_filter_now(struct render_app *a, int x, int y, int w, int draw)
{
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	size_t np = filter_accuracy(tr, n, NULL, 0);
	struct filter_point *pts = np ? xmalloc(np * sizeof *pts) : NULL;
	filter_accuracy(tr, n, pts, np);
	struct sbuf b = { 0 };
	render_filter_now_text(a, np ? &pts[np - 1] : NULL, np, &b);
	int h = 0;
	if (draw)
		render_font_draw(a->font, RENDER_FONT_BOLD, a->panels.px_body, RENDER_THEME_ACCENT, RENDER_FONT_FIT, w, b.s,
		                 x, y, &h);
	else
		render_font_size(a->font, RENDER_FONT_BOLD, a->panels.px_body, RENDER_FONT_FIT, w, b.s, NULL, &h);
	sbuf_free(&b);
	free(pts);
	return h;
}

/* Title, the figure now and the legend; returns the height used. */
static int render_filter_plot_head(struct render_app *a, SDL_Rect rc, const struct filter_point *last, size_t np)
{
	const struct render_layout_panels *p = &a->panels;
	int h = 0, w = 0, big = p->px_title;
	int lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, p->px_small), x = rc.x;
	struct sbuf b = { 0 };
	render_filter_now_text(a, last, np, &b);
	if (a->presenter && rc.h < lh * 9) {
		/* Presenter mode's strip below a verdict: the figure over the
		 * curve, its dots the colours the caption names. */
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_THEME_ACCENT, RENDER_FONT_FIT, rc.w, b.s,
		                 rc.x, rc.y, &h);
		sbuf_free(&b);
		return h + 2;
	}
	/* Normal mode's strip above a verdict: no title (the figure says what
	 * it is), so that the curve has room to show the filter improving
	 * (lesson 12 at 125.831 s, 1280 x 720: it was 20 px high). */
	int y = rc.y;
	if (rc.h >= lh * 9) {
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_THEME_TEXT, RENDER_FONT_FIT, rc.w,
		                 render_app_text(a, "ui.acc.title"), rc.x, rc.y, &h);
		y += h + 2;
	}
	render_font_draw(a->font, RENDER_FONT_BOLD, big, RENDER_THEME_ACCENT, RENDER_FONT_FIT, rc.w, b.s, rc.x, y, &h);
	y += h + 2;
	/* Legend: a green, an orange (the inspector's colour for unsure) and a
	 * red dot. */
	const char *keys[] = { "ui.acc.right", "ui.acc.unsure", "ui.acc.wrong" };
	const uint32_t cols[] = { RENDER_THEME_OK, render_filter_colour(BAYES_VERDICT_UNSURE), RENDER_THEME_BLOCK };
	for (int k = 0; k < 3; k++) {
		render_font_size(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_FONT_LINE, 0,
		                 render_app_text(a, keys[k]), &w, NULL);
		/* An entry that would run past the panel starts a new line. */
		if (x > rc.x && x + lh * 2 / 3 + 4 + w > rc.x + rc.w) {
			x = rc.x;
			y += lh;
		}
		render_draw_disc(a->ren, (float)x + (float)lh / 3, (float)y + (float)lh / 2, (float)lh / 3, cols[k]);
		x += lh * 2 / 3 + 4;
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_TEXT, RENDER_FONT_LINE, 0,
		                 render_app_text(a, keys[k]), x, y, NULL);
		x += w + p->pad;
	}
	sbuf_free(&b);
	return y + lh + p->pad / 2 - rc.y;
}

/* The axes: 0, 50 and 100 % across, mail numbers along (not when
 * compact: presenter mode's short panel); returns the plot area inside
 * them. */
static SDL_Rect render_filter_plot_axes(struct render_app *a, SDL_Rect rc, int span, int compact)
{
	const struct render_layout_panels *p = &a->panels;
	int lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, p->px_small), lw = 0;
	render_font_size(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_FONT_LINE, 0, "100%", &lw, NULL);
	int rw = 0;   /* half the widest mail number, so the last one fits */
	render_font_size(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_FONT_LINE, 0, "000", &rw, NULL);
	SDL_Rect pl = { rc.x + lw + p->pad / 2, rc.y + lh / 2, rc.w - lw - p->pad / 2 - rw / 2 - 2,
	                rc.h - (compact ? lh : lh * 2 + lh / 2) };
	if (pl.w < 10 || pl.h < 10)
		return pl;
	render_draw_fill(a->ren, pl, 0xF7F9FBFFu);
	for (int q = 0; q <= 4; q++) {
		int y = pl.y + pl.h - pl.h * q / 4;
		render_draw_fill(a->ren, (SDL_Rect){ pl.x, y, pl.w, 1 }, q % 2 ? 0xE3E7EDFFu : 0xC5CCD6FFu);
		if (q % 2)
			continue;
		char t[8];
		snprintf(t, sizeof t, "%d%%", q * 25);
		int tw = 0;
		render_font_size(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_FONT_LINE, 0, t, &tw, NULL);
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_LINE, 0, t,
		                 pl.x - p->pad / 2 - tw, y - lh / 2, NULL);
	}
	if (compact)
		return pl;
	int step = span <= 20 ? 5 : span <= 60 ? 10 : span / 5 / 10 * 10;
	for (int k = step; k <= span; k += step) {
		char t[16];
		snprintf(t, sizeof t, "%d", k);
		int tw = 0, x = pl.x + (int)((long long)pl.w * k / span);
		render_draw_fill(a->ren, (SDL_Rect){ x, pl.y + pl.h, 1, 4 }, RENDER_THEME_MUTED);
		render_font_size(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_FONT_LINE, 0, t, &tw, NULL);
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_LINE, 0, t,
		                 x - tw / 2, pl.y + pl.h + 3, NULL);
	}
	render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_FIT, pl.w / 2,
	                 render_app_text(a, "ui.acc.axis"), pl.x, pl.y + pl.h + 3 + lh, NULL);
	return pl;
}

void render_filter_plot(struct render_app *a, SDL_Rect rc)
{
	const struct render_layout_panels *p = &a->panels;
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	size_t np = filter_accuracy(tr, n, NULL, 0);
	struct filter_point *pts = np ? xmalloc(np * sizeof *pts) : NULL;
	filter_accuracy(tr, n, pts, np);
	SDL_RenderSetClipRect(a->ren, &rc);
	int head = render_filter_plot_head(a, rc, np ? &pts[np - 1] : NULL, np);
	int hint_h = 0;
	render_font_size(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_FONT_WRAP, rc.w,
	                 render_app_text(a, "ui.acc.hint"), NULL, &hint_h);
	SDL_Rect area = { rc.x, rc.y + head, rc.w, rc.h - head - hint_h - 2 };
	/* Too short for the plot with its axes and the note under it (presenter
	 * mode, where a caption asks the class to watch it): the plot alone,
	 * 0-100 % beside it. */
	int lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, p->px_small);
	int compact = area.h < lh * 6;
	if (compact) {
		hint_h = 0;
		area.h = rc.h - head;
	}
	int span = render_filter_plot_span(a, np);
	SDL_Rect pl = render_filter_plot_axes(a, area, span, compact);
	if (pl.w >= 10 && pl.h >= 10) {
		float px0 = 0, py0 = 0, rad = (float)p->line + 2;
		for (size_t k = 0; k < np; k++) {
			float x = (float)pl.x + (float)pl.w * (float)(k + 1) / (float)span;
			float y = (float)(pl.y + pl.h) - (float)pl.h * (float)pts[k].right / (float)(k + 1);
			if (k)
				render_draw_line(a->ren, px0, py0, x, y, (float)p->line * 2, RENDER_THEME_ACCENT);
			px0 = x;
			py0 = y;
		}
		for (size_t k = 0; k < np; k++) {
			float x = (float)pl.x + (float)pl.w * (float)(k + 1) / (float)span;
			float y = (float)(pl.y + pl.h) - (float)pl.h * (float)pts[k].right / (float)(k + 1);
			uint32_t col = pts[k].wrong ? RENDER_THEME_BLOCK
			             : pts[k].unsure ? render_filter_colour(BAYES_VERDICT_UNSURE) : RENDER_THEME_OK;
			render_draw_disc(a->ren, x, y, pts[k].wrong || pts[k].unsure ? rad * 2 : rad, col);
		}
	}
	if (!compact)
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_WRAP, rc.w,
		                 render_app_text(a, "ui.acc.hint"), rc.x, rc.y + rc.h - hint_h, NULL);
	SDL_RenderSetClipRect(a->ren, NULL);
	free(pts);
}

/* ---- the toast of a mark ---- */

void render_filter_mark_toast(struct render_app *a, size_t nrec_before, int spam)
{
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	int moved = 0;
	const struct trace_rec *learnt = NULL;
	for (size_t i = nrec_before; i < n; i++) {
		moved |= tr[i].kind == TR_MARK;
		if (tr[i].kind == TR_LEARN)
			learnt = &tr[i];
	}
	struct sbuf b = { 0 };
	sbuf_adds(&b, render_app_text(a, moved ? (spam ? "ui.toast.spam" : "ui.toast.ham")
	                                       : (spam ? "ui.toast.nomove.spam" : "ui.toast.nomove.ham")));
	if (learnt) {
		/* What it learnt, by the record's own variant (retrain.spam …). */
		char variant[32], key[64], score[16];
		const char *v = trace_kinds[TR_LEARN].variant(learnt, variant, sizeof variant);
		snprintf(key, sizeof key, "ui.toast.learn.%s", v ? v : "");
		snprintf(score, sizeof score, "%.3f", learnt->u.filter.score);
		const char *args[] = { "score", score, NULL };
		sbuf_addc(&b, ' ');
		i18n_format(a->cat[a->lang], key, args, &b);
	}
	/* The toast holds a few lines: cut at a character, not inside one. */
	size_t cut = b.len;
	if (cut >= sizeof a->toast) {
		cut = sizeof a->toast - 1;
		while (cut > 0 && ((unsigned char)b.s[cut] & 0xC0) == 0x80)
			cut--;
		b.s[cut] = '\0';
	}
	render_app_toast(a, b.s);
	sbuf_free(&b);
}
