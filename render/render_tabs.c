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
 * label), 2 "bob@…"; other text as it is.  The local part is never cut:
 * it says whose copy a tab is. */
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

/* The addresses copy i names: the mailbox it is stored in, else its
 * recipients (render_tabs_rcpts).  out[0 .. max-1]; returns how many
 * (which may exceed max). */
static int render_tabs_names(struct render_app *a, size_t i, const char **out, int max)
{
	const struct sim_copy *c = &a->fcopy[i];
	if (!c->mailbox)
		return render_tabs_rcpts(a, i, out, max);
	if (max > 0)
		out[0] = c->mailbox;
	return 1;
}

/* A tab's recipients at each level, from the n addresses it shows (the
 * first two in who): two, or the first and how many more. */
static void render_tabs_who(const char *const *who, int n, struct render_tabs_tab *t)
{
	for (int level = 0; level < RENDER_TABS_LEVELS; level++) {
		char s0[200], s1[200];
		struct sbuf b = { 0 };
		render_tabs_short(n > 0 ? who[0] : "?", level, s0, sizeof s0);
		if (n <= 1) {
			sbuf_adds(&b, s0);
		} else if (n == 2) {
			render_tabs_short(who[1], level, s1, sizeof s1);
			sbuf_addf(&b, "%s, %s", s0, s1);
		} else {
			sbuf_addf(&b, "%s +%d", s0, n - 1);
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
		const struct sim_conn *cn = render_view_conn_by_id(a, c->conn);
		if (cn && cn->connecting) {
			mark = "○";   /* it has not left: the client waits for an answer */
			key = "ui.state.connecting";
		}
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
		snprintf(t->state, sizeof t->state, "× %s", render_view_rule_named(a, r->node - a->sc->nhosts, r->rule));
	else
		snprintf(t->state, sizeof t->state, "× %s", render_app_text(a, key));
}

static int render_tabs_line_is(const struct ledger_rcpt *r, const char *addr)
{
	return addr && (util_strcasecmp(r->addr, addr) == 0 || (r->cur && util_strcasecmp(r->cur, addr) == 0) ||
	                (r->mailbox && util_strcasecmp(r->mailbox, addr) == 0));
}

/* The recipient line addr names, -1 if none.  Line *hint is tried first
 * and *hint moves past the line found: a copy names its recipients in the
 * order of the lines, and copies come in that order too (250 recipients
 * looked up one scan each took 6 ms a frame). */
static int render_tabs_line_find(const struct ledger_entry *e, const char *addr, int *hint)
{
	int i = *hint >= 0 && *hint < e->nrcpts && addr && render_tabs_line_is(&e->rcpts[*hint], addr) ? *hint : -1;
	for (int k = 0; i < 0 && addr && k < e->nrcpts; k++)
		if (render_tabs_line_is(&e->rcpts[k], addr))
			i = k;
	if (i >= 0)
		*hint = i + 1;
	return i;
}

/* Which copy's tab shows each recipient line.  At a hand-over two copies
 * name the same recipient (the client's, still on the connection until
 * the 250 reaches it, and the server's stored one), and a mail program's
 * download beside the mailbox it came from: a recipient is in one tab,
 * with the state it has at the current row. */
struct render_tabs_own {
	int n;                              /* lines looked up, 0 when too many */
	int copy[RENDER_TABS_LINES];        /* the copy that shows line j, -1 */
	int score[RENDER_TABS_LINES];
	unsigned char st[RENDER_TABS_LINES];   /* its state at the current row */
};

/* Does copy c hold a line in state st, as the ledger says of r? */
static int render_tabs_fits(const struct sim_copy *c, const struct ledger_rcpt *r, enum ledger_state st)
{
	switch (st) {
	case LS_OUTBOX: return c->holder == HOLD_OUTBOX;
	case LS_IN_FLIGHT: return c->holder == HOLD_CONN;
	case LS_QUEUED: return c->holder == HOLD_QUEUE && c->node == r->node;
	case LS_DELIVERED: return c->holder == HOLD_MAILBOX || c->holder == HOLD_FETCHED;
	default: return 0;   /* ended: the line's own tab */
	}
}

static void render_tabs_owners(struct render_app *a, int msg, const struct ledger_entry *e,
                               struct render_tabs_own *own)
{
	/* Among copies that fit the line's state, the card's, then the one
	 * furthest along (the mail program's download before the mailbox). */
	static const int rank[HOLD_COUNT] = {
		[HOLD_OUTBOX] = 0, [HOLD_CONN] = 1, [HOLD_QUEUE] = 2, [HOLD_MAILBOX] = 3, [HOLD_FETCHED] = 4,
	};
	own->n = e->nrcpts <= RENDER_TABS_LINES ? e->nrcpts : 0;
	for (int j = 0; j < own->n; j++)
		own->copy[j] = own->score[j] = -1;
	/* as the title and the list tell them: refused from the 5xx on */
	render_view_line_states(a, msg, own->st, own->n);
	struct sim_copy card;
	const struct msg *shown = own->n && render_view_copy_of(a, msg, &card) == 0 ? card.m : NULL;
	const char *names[RENDER_TABS_LINES];
	int hint = 0;
	for (size_t i = 0; i < a->nfcopy && own->n; i++) {
		const struct sim_copy *c = &a->fcopy[i];
		if (c->m->ledger != msg)
			continue;
		int nn = render_tabs_names(a, i, names, RENDER_TABS_LINES);
		for (int k = 0; k < nn && k < RENDER_TABS_LINES; k++) {
			int j = render_tabs_line_find(e, names[k], &hint);
			if (j < 0 || (own->st[j] != LS_DELIVERED && ledger_state_final((enum ledger_state)own->st[j])))
				continue;
			int score = render_tabs_fits(c, &e->rcpts[j], (enum ledger_state)own->st[j]) * 16 +
				    (c->m == shown) * 8 + rank[c->holder];
			if (score > own->score[j]) {
				own->score[j] = score;
				own->copy[j] = (int)i;
			}
		}
	}
}

/* The tab of copy i: the addresses it names that are its own at this row
 * (and those of no line), looked up from line *hint on.  Returns how many
 * (0: every one it names is another tab's, so it has none). */
static int render_tabs_copy_tab(struct render_app *a, const struct ledger_entry *e, const struct render_tabs_own *own,
                                size_t i, int *hint, struct render_tabs_tab *t)
{
	const char *names[RENDER_TABS_LINES], *who[2] = { NULL, NULL };
	int nn = render_tabs_names(a, i, names, RENDER_TABS_LINES), n = 0;
	t->copy = (int)i;
	t->line = -1;
	for (int k = 0; k < nn; k++) {
		const char *name = k < RENDER_TABS_LINES ? names[k] : NULL;   /* past it: counted only */
		int j = name && own->n ? render_tabs_line_find(e, name, hint) : -1;
		if (j >= 0 && own->copy[j] != (int)i)
			continue;
		if (n < 2)
			who[n] = name ? name : "?";
		n++;
		if (j >= 0 && t->line < 0)
			t->line = j;
	}
	if (n == 0)
		return 0;
	render_tabs_who(who, n, t);
	/* Its state is its line's at this row, as the card's title and the
	 * message list say it: a queued copy whose connection is opening
	 * (lesson 07's two MX look-ups) is still queued, one the MUA is
	 * sending still in the outbox until the server takes it. */
	struct sim_copy as = a->fcopy[i];
	if (t->line >= 0 && !render_tabs_fits(&as, &e->rcpts[t->line], (enum ledger_state)own->st[t->line])) {
		static const enum sim_holder held[LS_COUNT] = {
			[LS_OUTBOX] = HOLD_OUTBOX, [LS_IN_FLIGHT] = HOLD_CONN, [LS_QUEUED] = HOLD_QUEUE,
			[LS_DELIVERED] = HOLD_MAILBOX,
		};
		as.holder = held[own->st[t->line]];
		if (as.holder == HOLD_MAILBOX)
			as.folder = e->rcpts[t->line].folder;
	}
	render_tabs_where(a, &as, t);
	return n;
}

/* The local part of a tab's first address (who[0] begins with it whole)
 * into out; 0 if it has none. */
static int render_tabs_local(const struct render_tabs_tab *t, char *out, size_t outsz, const char **addr_end)
{
	const char *w = t->who[0];
	size_t n = strcspn(w, ", "), at = strcspn(w, "@");
	*addr_end = w + n;
	if (at >= n || at + 1 > outsz)
		return 0;
	memcpy(out, w, at);
	out[at] = '\0';
	return 1;
}

/* Does another address of the message than addr (a line's, the one it
 * was forwarded to, its mailbox) have local part local? */
static int render_tabs_local_shared(const struct ledger_entry *e, const char *local, const char *addr, size_t alen)
{
	size_t ll = strlen(local);
	for (int k = 0; k < e->nrcpts && k < RENDER_TABS_LINES; k++) {
		const char *cand[3] = { e->rcpts[k].addr, e->rcpts[k].cur, e->rcpts[k].mailbox };
		for (int c = 0; c < 3; c++)
			if (cand[c] && util_strncasecmp(cand[c], local, ll) == 0 && cand[c][ll] == '@' &&
			    !(strlen(cand[c]) == alen && util_strncasecmp(cand[c], addr, alen) == 0))
				return 1;
	}
	return 0;
}

/* A tab whose first recipient shares its local part with another address
 * of the message (lesson 05: bob@ispb.example, forwarded to
 * bob@univ.example) keeps the first label of its domain at the shortest
 * level: "bob@univ…", not a "bob@…" that could be either Bob, nor an
 * "@univ…" that no longer says whose copy it is (review 19, B5). */
static void render_tabs_distinct(const struct ledger_entry *e, struct render_tabs_tab *t, int n)
{
	const int last = RENDER_TABS_LEVELS - 1;
	for (int i = 0; i < n; i++) {
		char li[200], first[200], s[200];
		const char *end = NULL;
		if (!render_tabs_local(&t[i], li, sizeof li, &end))
			continue;
		if (!render_tabs_local_shared(e, li, t[i].who[0], (size_t)(end - t[i].who[0])))
			continue;
		snprintf(first, sizeof first, "%.*s", (int)(end - t[i].who[0]), t[i].who[0]);
		render_tabs_short(first, last, s, sizeof s);
		size_t sl = strlen(s);
		if (strncmp(t[i].who[last], s, sl) != 0)
			continue;
		char dom[200], whole[400];
		render_tabs_short(first, 1, dom, sizeof dom);
		snprintf(whole, sizeof whole, "%s%s", dom, t[i].who[last] + sl);
		render_wrap_copy(t[i].who[last], sizeof t[i].who[last], whole);
	}
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
	struct render_tabs_own *own = xmalloc(sizeof *own);
	render_tabs_owners(a, msg, e, own);
	int n = 0, hint = 0;
	struct render_tabs_tab spare;
	for (size_t i = 0; i < a->nfcopy; i++) {
		if (a->fcopy[i].m->ledger != msg)
			continue;
		n += render_tabs_copy_tab(a, e, own, i, &hint, n < max ? &out[n] : &spare) > 0;
	}
	/* The lines that ended without a copy (refused, bounced, blocked),
	 * as of the current row. */
	for (int i = 0; i < e->nrcpts && e->nrcpts <= RENDER_TABS_LINES; i++) {
		enum ledger_state st = (enum ledger_state)own->st[i];
		if (st == LS_DELIVERED || !ledger_state_final(st))
			continue;
		if (n < max) {
			render_tabs_ended(a, &e->rcpts[i], st, &out[n]);
			out[n].line = i;
		}
		n++;
	}
	free(own);
	render_tabs_distinct(e, out, n < max ? n : max);
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

int render_tabs_selected(struct render_app *a, int msg, const struct msg *shown, const struct render_tabs_tab *t,
                         int nd)
{
	size_t si = a->nfcopy;
	for (int i = 0; i < nd; i++)
		if (t[i].copy >= 0 && a->fcopy[t[i].copy].m == shown)
			return i;
	for (size_t k = 0; k < a->nfcopy && si == a->nfcopy; k++)
		if (a->fcopy[k].m == shown)
			si = k;
	struct sim *s = render_app_sim(a);
	if (si == a->nfcopy || msg < 0 || (size_t)msg >= sim_ledger_count(s))
		return 0;
	const struct ledger_entry *e = sim_ledger(s, (size_t)msg);
	const char *names[RENDER_TABS_LINES];
	int nn = render_tabs_names(a, si, names, RENDER_TABS_LINES), hint = 0;
	for (int k = 0; k < nn && k < RENDER_TABS_LINES; k++) {
		int j = render_tabs_line_find(e, names[k], &hint);
		for (int i = 0; j >= 0 && i < nd; i++)
			if (t[i].line == j)
				return i;
	}
	return 0;
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
	int sel = render_tabs_selected(a, msg, shown, t, nd);
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
