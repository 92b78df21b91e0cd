/* render_check — the end-of-lesson check panel (see render_check.h). */
#include "render_check.h"

#include <stdio.h>
#include <string.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_theme.h"
#include "render_ui.h"
#include "render_view.h"

/* A row that does not hold yet while the lesson runs: light grey. */
#define RENDER_CHECK_PENDING_BG 0xECEFF1FFu

void render_check_free(struct render_check *c)
{
	if (c->valid)
		check_report_free(&c->report);
	memset(c, 0, sizeof *c);
}

const struct check_report *render_check_report(struct render_app *a)
{
	struct render_check *c = &a->check;
	struct sim *s = render_app_sim(a);
	size_t ntrace = 0, nact = 0;
	sim_trace(s, &ntrace);
	timeline_actions(a->tl, &nact);
	/* Evaluating walks the whole trace and ledger: only when the run moved. */
	if (c->valid && c->sim == s && c->events == sim_events_done(s) && c->ntrace == ntrace &&
	    c->nactions == nact && c->now == sim_now(s))
		return &c->report;
	if (c->valid)
		check_report_free(&c->report);
	check_evaluate(s, &c->report);
	c->valid = 1;
	c->sim = s;
	c->events = sim_events_done(s);
	c->ntrace = ntrace;
	c->nactions = nact;
	c->now = sim_now(s);
	return &c->report;
}

int render_check_running(const struct render_app *a)
{
	const struct sim *s = timeline_sim(a->tl);
	int64_t next = sim_next_time(s);
	return next >= 0 && next <= a->sc->until_us;
}

void render_check_open(struct render_app *a)
{
	if (a->overlay == RENDER_APP_OVERLAY_COMPOSE || render_quiz_active(a))
		return;
	render_check_report(a);
	a->playing = 0;   /* the class reads it: the run waits */
	a->overlay = RENDER_APP_OVERLAY_CHECK;
}

void render_check_close(struct render_app *a)
{
	if (a->overlay == RENDER_APP_OVERLAY_CHECK)
		a->overlay = RENDER_APP_OVERLAY_NONE;
}

void render_check_toggle(struct render_app *a)
{
	if (a->overlay == RENDER_APP_OVERLAY_CHECK)
		render_check_close(a);
	else
		render_check_open(a);
}

/* An expectation's text: its note in the current language (the other
 * language's, else a plain description from its fields). */
static const char *render_check_note(const struct render_app *a, const struct sc_expect *x, char *buf,
                                     size_t bufsz)
{
	const char *note = sc_text_get(&x->note, a->lang);
	if (note && *note)
		return note;
	note = sc_text_get(&x->note, 1 - a->lang);
	if (note && *note)
		return note;
	char st[64] = "";
	if (x->state >= 0 && x->state < LS_COUNT) {
		char key[64];
		snprintf(key, sizeof key, "ui.state.%s", ledger_state_names[x->state]);
		snprintf(st, sizeof st, "%s", render_app_text(a, key));
	}
	snprintf(buf, bufsz, "%s%s%s: %s%s%s", x->msg, x->rcpt ? " → " : "", x->rcpt ? x->rcpt : "", st,
		 x->folder ? " " : "", x->folder ? x->folder : "");
	return buf;
}

void render_check_found(const struct render_app *a, const struct check_item *it, struct sbuf *out)
{
	if (it->ok)
		return;
	/* While the lesson runs, what does not hold yet may still come: a mail
	 * sent later, a session that has not ended.  It is "not yet", not a
	 * failure. */
	int running = render_check_running(a);
	if (running && it->found == CHECK_FOUND_NEVER_SENT) {
		sbuf_adds(out, i18n_get(a->cat[a->lang], "ui.check.not_sent_yet"));
		return;
	}
	/* Told in the panel's language each time it is laid out, so a switch
	 * of language tells it anew. */
	struct sbuf why = { 0 };
	check_why(a->sc, it, a->cat[a->lang], 0, &why);
	const char *wargs[] = { "why", why.s ? why.s : "", NULL };
	i18n_format(a->cat[a->lang], running ? "ui.check.so_far" : "ui.check.found", wargs, out);
	sbuf_free(&why);
}

struct render_check_sizes {
	int px_title, px_row, px_why, px_s;
	int cols;    /* the rows side by side in this many columns */
	int shown;   /* rows drawn (the rest are counted in a note) */
};

/* Lay the panel out in box (its height is what it needs); with draw set,
 * draw it and register its rows and buttons.  Returns the height. */
static int render_check_lay(struct render_app *a, const struct check_report *r, const struct render_check_sizes *z,
                            SDL_Rect box, int draw)
{
	const struct render_layout_panels *p = &a->panels;
	struct render_check *c = &a->check;
	const struct scenario *sc = a->sc;
	int pad = p->pad * 2, x = box.x + pad, w = box.w - 2 * pad, y = box.y + pad, h = 0;
	struct sbuf b = { 0 };
	char num[32], tot[32], tbuf[32];

	/* Title, with the Close button at its right. */
	const char *close = render_app_text(a, "ui.btn.close");
	int clw = 0, clh = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_FONT_LINE, 0, close, &clw, &clh);
	clw += 2 * (p->px_body / 2 + 2);
	const char *title = sc_text_get(&sc->title, a->lang);
	const char *targs[] = { "title", title ? title : sc->id, NULL };
	i18n_format(a->cat[a->lang], "ui.check.title", targs, &b);
	render_font_size(a->font, RENDER_FONT_BOLD, z->px_title, RENDER_FONT_WRAP, w - clw - pad, b.s, NULL, &h);
	if (h < clh + p->pad / 2)
		h = clh + p->pad / 2;
	if (draw) {
		render_font_draw(a->font, RENDER_FONT_BOLD, z->px_title, RENDER_THEME_TEXT, RENDER_FONT_WRAP, w - clw - pad,
				 b.s, x, y, NULL);
		render_panels_button(a, x + w - clw, y, clh + p->pad / 2, close, RENDER_APP_BTN_CLOSE, 0, 0x546E7AFFu,
				     0xFFFFFFFFu);
	}
	y += h + p->pad / 2;

	/* Where the run stands. */
	int ok = 0;
	for (int i = 0; i < r->nitems; i++)
		ok += r->items[i].ok;
	sbuf_reset(&b);
	render_view_time(sim_now(render_app_sim(a)), tbuf, sizeof tbuf);
	snprintf(num, sizeof num, "%d", ok);
	snprintf(tot, sizeof tot, "%d", r->nitems);
	const char *sargs[] = { "time", tbuf, "ok", num, "n", tot, NULL };
	int running = render_check_running(a);
	i18n_format(a->cat[a->lang], !r->nitems ? "ui.check.none" : running ? "ui.check.status_running" : "ui.check.status",
		    sargs, &b);
	int right = 0, answered = 0;
	render_quiz_score(a, &right, &answered);
	if (answered > 0) {
		char rn[16], an[16];
		snprintf(rn, sizeof rn, "%d", right);
		snprintf(an, sizeof an, "%d", answered);
		const char *qargs[] = { "right", rn, "answered", an, NULL };
		sbuf_adds(&b, "   ");
		i18n_format(a->cat[a->lang], "ui.check.quiz", qargs, &b);
	}
	render_font_size(a->font, RENDER_FONT_REGULAR, z->px_s, RENDER_FONT_WRAP, w, b.s, NULL, &h);
	if (draw)
		render_font_draw(a->font, RENDER_FONT_REGULAR, z->px_s, RENDER_THEME_MUTED, RENDER_FONT_WRAP, w, b.s, x, y,
				 NULL);
	y += h + p->pad;

	/* One row per expectation: a ✓ or × badge, the note, and for a
	 * failing one what was found; in z->cols columns, each read top to
	 * bottom, each line of the grid as tall as its tallest row. */
	int badge = render_font_line_height(a->font, RENDER_FONT_BOLD, z->px_row);
	int cw = (w - (z->cols - 1) * pad) / z->cols;
	int tw = cw - badge - 2 * p->pad;
	if (draw)
		c->nrows = 0;
	int shown = z->shown, per = (shown + z->cols - 1) / z->cols;
	for (int line = 0; line < per; line++) {
		int lh = badge + p->pad / 2;
		for (int pass = 0; pass < 1 + draw; pass++)
			for (int col = 0; col < z->cols && line + col * per < shown; col++) {
				int i = line + col * per;
				const struct check_item *it = &r->items[i];
				char dbuf[256];
				const char *note = render_check_note(a, &sc->expects[i], dbuf, sizeof dbuf);
				int nh = 0, wh = 0;
				render_font_size(a->font, RENDER_FONT_REGULAR, z->px_row, RENDER_FONT_WRAP, tw, note, NULL, &nh);
				sbuf_reset(&b);
				if (!it->ok) {
					render_check_found(a, it, &b);
					render_font_size(a->font, RENDER_FONT_REGULAR, z->px_why, RENDER_FONT_WRAP, tw, b.s, NULL,
							 &wh);
				}
				int rh = (nh + wh > badge ? nh + wh : badge) + p->pad / 2;
				if (pass == 0) {
					if (rh > lh)
						lh = rh;
					continue;
				}
				int cx = x + col * (cw + pad);
				SDL_Rect row = { cx, y, cw, lh };
				SDL_Rect bd = { cx + p->pad / 2, y + p->pad / 4, badge, badge };
				/* ✓ holds; × failed at the end; … not yet, while the lesson runs. */
				render_draw_round(a->ren, row, p->radius,
						  it->ok ? 0xE8F5E9FFu : running ? RENDER_CHECK_PENDING_BG : 0xFFEBEEFFu);
				render_draw_round(a->ren, bd, badge / 2,
						  it->ok ? RENDER_THEME_OK : running ? RENDER_THEME_MUTED : RENDER_THEME_BLOCK);
				const char *mark = it->ok ? "✓" : running ? "…" : "×";
				int mw = 0, mh = 0;
				render_font_size(a->font, RENDER_FONT_BOLD, z->px_row, RENDER_FONT_LINE, 0, mark, &mw, &mh);
				render_font_draw(a->font, RENDER_FONT_BOLD, z->px_row, 0xFFFFFFFFu, RENDER_FONT_LINE, 0, mark,
						 bd.x + (badge - mw) / 2, bd.y + (badge - mh) / 2, NULL);
				render_font_draw(a->font, RENDER_FONT_REGULAR, z->px_row, RENDER_THEME_TEXT, RENDER_FONT_WRAP, tw,
						 note, bd.x + badge + p->pad, y + p->pad / 4, NULL);
				if (!it->ok)
					render_font_draw(a->font, RENDER_FONT_REGULAR, z->px_why,
							 running ? RENDER_THEME_MUTED : RENDER_THEME_BLOCK,
							 RENDER_FONT_WRAP, tw, b.s, bd.x + badge + p->pad, y + p->pad / 4 + nh, NULL);
				c->row[c->nrows] = row;
				c->badge[c->nrows] = bd;
				c->nrows++;
			}
		y += lh + p->pad / 3;
	}
	sbuf_reset(&b);
	if (r->nitems > shown) {
		snprintf(num, sizeof num, "%d", r->nitems - shown);
		const char *margs[] = { "n", num, NULL };
		i18n_format(a->cat[a->lang], "ui.check.more", margs, &b);
		sbuf_adds(&b, "  ");
	}
	if (r->audit_problems) {
		snprintf(num, sizeof num, "%d", r->audit_problems);
		const char *largs[] = { "n", num, NULL };
		i18n_format(a->cat[a->lang], "ui.check.lost", largs, &b);
	}
	if (b.len) {
		render_font_size(a->font, RENDER_FONT_BOLD, z->px_s, RENDER_FONT_WRAP, w, b.s, NULL, &h);
		if (draw)
			render_font_draw(a->font, RENDER_FONT_BOLD, z->px_s, RENDER_THEME_BLOCK, RENDER_FONT_WRAP, w, b.s, x, y,
					 NULL);
		y += h + p->pad / 2;
	}

	/* The summary picture is one click away; the keys under it. */
	y += p->pad / 2;
	const char *sum = render_app_text(a, "ui.btn.summary");
	int bh = render_font_line_height(a->font, RENDER_FONT_BOLD, p->px_body) + p->pad / 2;
	int sw = 0;
	if (draw)
		sw = render_panels_button(a, x, y, bh, sum, RENDER_APP_BTN_SUMMARY, 0, RENDER_THEME_ACCENT, 0xFFFFFFFFu);
	else
		render_font_size(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_FONT_LINE, 0, sum, &sw, NULL);
	int hw = w - sw - 3 * p->pad;
	const char *hint = render_app_text(a, "ui.check.hint");
	render_font_size(a->font, RENDER_FONT_REGULAR, z->px_s, RENDER_FONT_WRAP, hw, hint, NULL, &h);
	if (draw)
		render_font_draw(a->font, RENDER_FONT_REGULAR, z->px_s, RENDER_THEME_MUTED, RENDER_FONT_WRAP, hw, hint,
				 x + w - hw, y + (bh > h ? (bh - h) / 2 : 0), NULL);
	y += (bh > h ? bh : h);
	sbuf_free(&b);
	return y + pad - box.y;
}

void render_check_draw(struct render_app *a)
{
	if (a->overlay != RENDER_APP_OVERLAY_CHECK)
		return;
	const struct render_layout_panels *p = &a->panels;
	const struct check_report *r = render_check_report(a);
	SDL_Rect box = { 0, 0, a->w * (a->presenter ? 92 : 80) / 100, 0 };
	box.x = (a->w - box.w) / 2;
	/* Large text (caption size) in one column; when the rows do not fit,
	 * smaller text down to the body size, then two to four columns from
	 * the caption size again, and only then smaller text; as a last
	 * resort fewer rows, with a note saying how many more there are. */
	int all = r->nitems < RENDER_CHECK_MAX_ROWS ? r->nitems : RENDER_CHECK_MAX_ROWS;
	struct render_check_sizes z = { 0 };
	int maxh = a->h - 2 * p->pad, h = 0;
	for (int cols = 1; cols <= 4; cols++) {
		z = (struct render_check_sizes){ p->px_title, p->px_caption, p->px_body, p->px_body, cols, all };
		/* Three and four columns may go a fifth below the small size (presenter
		 * mode's small text is 24 px at 1080p) before rows are dropped. */
		int floor = cols < 3 ? p->px_body : p->px_small * 4 / 5 > 10 ? p->px_small * 4 / 5 : 10;
		for (;;) {
			h = render_check_lay(a, r, &z, box, 0);
			if (h <= maxh || z.px_row <= floor)
				break;
			z.px_row = z.px_row * 92 / 100 > floor ? z.px_row * 92 / 100 : floor;
			z.px_why = z.px_why * 92 / 100 > floor ? z.px_why * 92 / 100 : floor;
			if (z.px_title > z.px_row)
				z.px_title = z.px_row;
			if (z.px_s > z.px_title)
				z.px_s = z.px_title;   /* the status line no larger than the title */
		}
		if (h <= maxh || all <= cols)
			break;
	}
	while (h > maxh && z.shown > 1) {
		z.shown--;
		h = render_check_lay(a, r, &z, box, 0);
	}
	box.h = h < maxh ? h : maxh;
	box.y = (a->h - box.h) / 2;
	a->check.box = box;
	render_draw_fill(a->ren, (SDL_Rect){ 0, 0, a->w, a->h }, 0x0A101870u);
	render_draw_round(a->ren, box, p->radius * 2, RENDER_THEME_PANEL);
	render_draw_round_outline(a->ren, box, p->radius * 2, p->line * 2, RENDER_THEME_ACCENT);
	render_app_hit_add(a, box, RENDER_APP_HIT_PANEL, RENDER_APP_PANEL_PICKER, 0);
	SDL_RenderSetClipRect(a->ren, &box);
	render_check_lay(a, r, &z, box, 1);
	SDL_RenderSetClipRect(a->ren, NULL);
}
