/* render_tabs — the letter card's tabs, one per copy (see render_tabs.h). */
#include "render_tabs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_theme.h"
#include "render_view.h"
#include "render_view_row.h"
#include "render_wrap.h"

/* Past this many recipient lines the tabs keep the copies' own order
 * rather than look each copy's line up (10,000 Bcc recipients). */
#define RENDER_TABS_LINES 256

/* An address at a level: 0 whole, 1 "bob@univ…" (the domain's first
 * label), 2 "bob@…"; other text as it is. */
static void render_tabs_short(const char *addr, int level, char *out, size_t outsz)
{
	const char *at = strchr(addr, '@');
	struct sbuf b = { 0 };
	size_t dot = at ? strcspn(at + 1, ".") : 0;
	if (at && level == 1 && at[1 + dot])
		sbuf_addf(&b, "%.*s…", (int)(at + 1 + dot - addr), addr);
	else if (at && level >= 1)
		sbuf_addf(&b, "%.*s@…", (int)(at - addr), addr);
	else
		sbuf_adds(&b, addr);
	render_wrap_copy(out, outsz, b.s ? b.s : "");
	sbuf_free(&b);
}

/* Is a copy of ledger entry msg at node, other than stand-ins, for addr? */
static int render_tabs_held(const struct render_app *a, int msg, int node, const char *addr)
{
	for (size_t i = 0; i + a->nfstand < a->nfcopy; i++) {
		const struct sim_copy *c = &a->fcopy[i];
		if (c->m->ledger != msg || c->node != node)
			continue;
		if (c->mailbox && util_strcasecmp(c->mailbox, addr) == 0)
			return 1;
		for (int k = 0; !c->mailbox && k < c->m->nrcpt; k++)
			if (util_strcasecmp(c->m->rcpt[k], addr) == 0)
				return 1;
	}
	return 0;
}

/* The recipients of copy i: a stand-in (render_view_row_copies) waits for
 * the lines at its server that no other copy there holds yet (Carol and
 * Dave at lesson 05's forward row); a copy, for its envelope's. */
static int render_tabs_rcpts(struct render_app *a, size_t i, const char **out, int max)
{
	const struct sim_copy *c = &a->fcopy[i];
	int n = 0;
	if (i + a->nfstand >= a->nfcopy) {
		const struct ledger_entry *e = sim_ledger(render_app_sim(a), (size_t)c->m->ledger);
		for (int k = 0; k < e->nrcpts && e->nrcpts <= RENDER_TABS_LINES; k++) {
			const struct ledger_rcpt *r = &e->rcpts[k];
			const char *addr = r->cur ? r->cur : r->addr;
			enum ledger_state st = render_view_row_state(a, c->m->ledger, r);
			if ((st == LS_QUEUED || st == LS_IN_FLIGHT) && r->node == c->node &&
			    !render_tabs_held(a, c->m->ledger, c->node, addr)) {
				if (n < max)
					out[n] = addr;
				n++;
			}
		}
		if (n)
			return n;
	}
	for (int k = 0; k < c->m->nrcpt && n < max; k++)
		out[n++] = c->m->rcpt[k];
	return c->m->nrcpt > n ? c->m->nrcpt : n;
}

/* A copy's recipients at each level: the mailbox it is stored in, else
 * its envelope's RCPT TO (two, or the first and how many more). */
static void render_tabs_who(struct render_app *a, size_t i, struct render_tabs_tab *t)
{
	const struct sim_copy *c = &a->fcopy[i];
	const char *rc[2] = { "?", NULL };
	int nr = c->mailbox ? 1 : render_tabs_rcpts(a, i, rc, 2);
	const char *one = c->mailbox ? c->mailbox : rc[0];
	for (int level = 0; level < RENDER_TABS_LEVELS; level++) {
		char s0[200], s1[200];
		struct sbuf b = { 0 };
		render_tabs_short(one, level, s0, sizeof s0);
		if (nr <= 1) {
			sbuf_adds(&b, s0);
		} else if (nr == 2) {
			render_tabs_short(rc[1], level, s1, sizeof s1);
			sbuf_addf(&b, "%s, %s", s0, s1);
		} else {
			sbuf_addf(&b, "%s +%d", s0, nr - 1);
		}
		render_wrap_copy(t->who[level], sizeof t->who[level], b.s ? b.s : "");
		sbuf_free(&b);
	}
}

/* Where a copy is, in a word with its mark and colour. */
static void render_tabs_where(struct render_app *a, const struct sim_copy *c, struct render_tabs_tab *t)
{
	const char *mark = "○", *word = "", *key = NULL;
	t->color = RENDER_THEME_ACCENT;
	switch (c->holder) {
	case HOLD_MAILBOX:
		mark = "✓";
		word = c->folder ? c->folder : "INBOX";
		t->color = c->folder && util_strcasecmp(c->folder, "Junk") == 0 ? RENDER_THEME_WARN : RENDER_THEME_OK;
		break;
	case HOLD_FETCHED:
		mark = "✓";
		key = "ui.tab.fetched";
		t->color = RENDER_THEME_OK;
		break;
	case HOLD_CONN:
		mark = "→";
		key = "ui.state.in_flight";
		t->color = RENDER_THEME_CMD;
		break;
	case HOLD_QUEUE: key = "ui.state.queued"; break;
	case HOLD_OUTBOX: key = "ui.state.outbox"; break;
	default: break;
	}
	snprintf(t->state, sizeof t->state, "%s %s", mark, key ? render_app_text(a, key) : word);
}

/* A recipient line no copy holds any more: what ended it ("× 550"). */
static void render_tabs_ended(struct render_app *a, const struct ledger_rcpt *r, enum ledger_state st,
                              struct render_tabs_tab *t)
{
	char key[48];
	t->copy = -1;
	t->color = RENDER_THEME_BLOCK;
	for (int level = 0; level < RENDER_TABS_LEVELS; level++)
		render_tabs_short(r->cur ? r->cur : r->addr, level, t->who[level], sizeof t->who[level]);
	snprintf(key, sizeof key, "ui.state.%s", ledger_state_names[st]);
	if (r->code >= 400)
		snprintf(t->state, sizeof t->state, "× %d", r->code);
	else if (st == LS_BLOCKED && r->rule)
		snprintf(t->state, sizeof t->state, "× %s", r->rule);
	else
		snprintf(t->state, sizeof t->state, "× %s", render_app_text(a, key));
}

static int render_tabs_line_is(const struct ledger_rcpt *r, const char *addr)
{
	return addr && (util_strcasecmp(r->addr, addr) == 0 || (r->cur && util_strcasecmp(r->cur, addr) == 0) ||
	                (r->mailbox && util_strcasecmp(r->mailbox, addr) == 0));
}

/* The first recipient line copy c holds, -1 if none is found. */
static int render_tabs_line_of(const struct ledger_entry *e, const struct sim_copy *c)
{
	if (e->nrcpts > RENDER_TABS_LINES)
		return -1;
	const char *addr = c->mailbox ? c->mailbox : c->m->nrcpt > 0 ? c->m->rcpt[0] : NULL;
	for (int i = 0; i < e->nrcpts; i++)
		if (render_tabs_line_is(&e->rcpts[i], addr))
			return i;
	return -1;
}

static int render_tabs_order(const void *x, const void *y)
{
	const struct render_tabs_tab *p = x, *q = y;
	int lp = p->line < 0 ? 1 << 30 : p->line, lq = q->line < 0 ? 1 << 30 : q->line;
	if (lp != lq)
		return (lp > lq) - (lp < lq);
	int cp = p->copy < 0 ? 1 << 30 : p->copy, cq = q->copy < 0 ? 1 << 30 : q->copy;
	return (cp > cq) - (cp < cq);
}

int render_tabs_list(struct render_app *a, int msg, struct render_tabs_tab *out, int max)
{
	struct sim *s = render_app_sim(a);
	if (msg < 0 || (size_t)msg >= sim_ledger_count(s))
		return 0;
	const struct ledger_entry *e = sim_ledger(s, (size_t)msg);
	int n = 0;
	for (size_t i = 0; i < a->nfcopy; i++) {
		const struct sim_copy *c = &a->fcopy[i];
		if (c->m->ledger != msg)
			continue;
		if (n < max) {
			struct render_tabs_tab *t = &out[n];
			t->copy = (int)i;
			t->line = render_tabs_line_of(e, c);
			render_tabs_who(a, i, t);
			render_tabs_where(a, c, t);
		}
		n++;
	}
	/* The lines that ended without a copy (refused, bounced, blocked),
	 * as of the current row. */
	for (int i = 0; i < e->nrcpts && e->nrcpts <= RENDER_TABS_LINES; i++) {
		enum ledger_state st = render_view_row_state(a, msg, &e->rcpts[i]);
		if (st == LS_DELIVERED || !ledger_state_final(st))
			continue;
		if (n < max) {
			render_tabs_ended(a, &e->rcpts[i], st, &out[n]);
			out[n].line = i;
		}
		n++;
	}
	qsort(out, (size_t)(n < max ? n : max), sizeof *out, render_tabs_order);
	return n;
}

int render_tabs_picked(const struct render_app *a, int msg, struct sim_copy *out)
{
	const struct render_app_pick *p = &a->pick;
	if (p->msg < 0 || p->msg != msg)
		return -1;
	size_t told = 0;
	render_view_trace(a, &told);
	if (p->pos != sim_events_done(timeline_sim(a->tl)) || p->told != told)
		return -1;
	for (size_t i = 0; i < a->nfcopy; i++)
		if (a->fcopy[i].m->ledger == msg && (uintptr_t)a->fcopy[i].m == p->copy) {
			*out = a->fcopy[i];
			return 0;
		}
	return -1;
}

void render_tabs_pick(struct render_app *a, int msg, int tab)
{
	struct render_tabs_tab t[RENDER_TABS_MAX];
	int n = render_tabs_list(a, msg, t, RENDER_TABS_MAX);
	a->pick.msg = -1;
	if (tab < 0 || tab >= n || tab >= RENDER_TABS_MAX || t[tab].copy < 0)
		return;
	struct sim_copy now;
	const struct msg *m = a->fcopy[t[tab].copy].m;
	if (render_view_copy_of(a, msg, &now) == 0 && now.m == m)
		return;   /* the current row's own copy: follow the row again */
	size_t told = 0;
	render_view_trace(a, &told);
	a->pick = (struct render_app_pick){ msg, (uintptr_t)m, sim_events_done(render_app_sim(a)), told };
	a->scroll[RENDER_APP_PANEL_CARD] = 0;
}

/* A tab's width at px: its recipients (at level) and its state. */
static int render_tabs_width(struct render_app *a, const struct render_tabs_tab *t, int px, int level, int inner)
{
	int w1 = 0, w2 = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_REGULAR, px, RENDER_FONT_LINE, 0, t->who[level],
			 &w1, &h);
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, t->state, &w2, &h);
	return w1 + w2 + px / 3 + 2 * inner;
}

/* One tab at x: its plate, its text (cut to maxw), its hit box; returns
 * its width. */
static int render_tabs_one(struct render_app *a, int msg, int index, const struct render_tabs_tab *t, int level,
                           int selected, int x, int y, int h, int maxw, int px, int inner)
{
	int w = render_tabs_width(a, t, px, level, inner);
	if (w > maxw)
		w = maxw;
	SDL_Rect rc = { x, y, w, h };
	int line = a->panels.line > 1 ? a->panels.line : 1;
	render_draw_round(a->ren, rc, 4, selected ? 0xE3F2FDFFu : 0xF5F6F8FFu);
	render_draw_round_outline(a->ren, rc, 4, selected ? line + 1 : 1,
				  selected ? RENDER_THEME_ACCENT : RENDER_THEME_PANEL_EDGE);
	int ty = y + (h - render_font_line_height(a->font, RENDER_FONT_REGULAR, px)) / 2;
	/* Whole when the tab has its full width (FIT cuts text that is as
	 * wide as its limit), else cut with an ellipsis. */
	const char *who = t->who[level];
	int w1 = 0, w2 = 0, th = 0;
	render_font_size(a->font, RENDER_FONT_REGULAR, px, RENDER_FONT_LINE, 0, who, &w1, &th);
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, t->state, &w2, &th);
	int whole = w1 + w2 + px / 3 + 2 * inner <= w;
	w1 = render_font_draw(a->font, RENDER_FONT_REGULAR, px, t->copy < 0 ? RENDER_THEME_MUTED : RENDER_THEME_TEXT,
			      whole ? RENDER_FONT_LINE : RENDER_FONT_FIT, w - 2 * inner, who, x + inner, ty, NULL);
	int left = w - 2 * inner - w1 - px / 3;
	if (whole || left > px)
		render_font_draw(a->font, RENDER_FONT_BOLD, px, t->color, whole ? RENDER_FONT_LINE : RENDER_FONT_FIT,
				 left, t->state, x + inner + w1 + px / 3, ty, NULL);
	if (t->copy >= 0)
		render_app_hit_add(a, rc, RENDER_APP_HIT_TAB, msg, index);
	return w;
}

int render_tabs_draw(struct render_app *a, int msg, const struct msg *shown, SDL_Rect rc)
{
	struct render_tabs_tab t[RENDER_TABS_MAX];
	int n = render_tabs_list(a, msg, t, RENDER_TABS_MAX);
	if (n < 2)
		return 0;
	int nd = n < RENDER_TABS_MAX ? n : RENDER_TABS_MAX;
	const struct render_layout_panels *p = &a->panels;
	int px = p->px_body, inner = p->pad / 2 + 2, gap = p->pad / 2 > 2 ? p->pad / 2 : 2;
	int h = render_font_line_height(a->font, RENDER_FONT_REGULAR, px) + p->pad / 2 + 2;
	int sel = 0;
	for (int i = 0; i < nd; i++)
		if (t[i].copy >= 0 && a->fcopy[t[i].copy].m == shown)
			sel = i;
	/* Whole addresses if every tab fits, else shorter ones; what still
	 * does not fit folds into "+N" (the selected tab always shows). */
	int level = 0, total = 0;
	for (int pass = 0; pass < RENDER_TABS_LEVELS; pass++) {
		level = pass;
		total = -gap;
		for (int i = 0; i < nd; i++)
			total += render_tabs_width(a, &t[i], px, level, inner) + gap;
		if (nd == n && total <= rc.w)
			break;
	}
	char more[24];
	int fold_w = 0, fh = 0;
	snprintf(more, sizeof more, "+%d", n);
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, more, &fold_w, &fh);
	fold_w += 2 * inner;
	int folds = nd < n || total > rc.w;
	int room = rc.w - (folds ? fold_w + gap : 0);
	int x = rc.x, shown_n = 0, first_hidden = -1;
	int sel_w = render_tabs_width(a, &t[sel], px, level, inner);
	for (int i = 0; i < nd; i++) {
		int w = render_tabs_width(a, &t[i], px, level, inner);
		/* Keep room for the selected tab if it comes later. */
		int need = w + (i < sel && folds ? sel_w + gap : 0);
		if (i != sel && x - rc.x + need > room) {
			if (first_hidden < 0 && t[i].copy >= 0)
				first_hidden = i;
			continue;
		}
		int maxw = room - (x - rc.x);
		x += render_tabs_one(a, msg, i, &t[i], level, i == sel, x, rc.y, h, maxw, px, inner) + gap;
		shown_n++;
	}
	if (shown_n < n) {
		snprintf(more, sizeof more, "+%d", n - shown_n);
		SDL_Rect mr = { x, rc.y, fold_w, h };
		render_draw_round(a->ren, mr, 4, 0xF5F6F8FFu);
		render_draw_round_outline(a->ren, mr, 4, 1, RENDER_THEME_PANEL_EDGE);
		render_font_draw(a->font, RENDER_FONT_BOLD, px, RENDER_THEME_MUTED, RENDER_FONT_LINE, 0, more, x + inner,
				 rc.y + (h - fh) / 2, NULL);
		if (first_hidden >= 0)
			render_app_hit_add(a, mr, RENDER_APP_HIT_TAB, msg, first_hidden);
	}
	return h + gap;
}
