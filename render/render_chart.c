/* render_chart — the totals chart: collecting the groups' counts into
 * coloured segments, placing the bars, and drawing them with a title and a
 * legend large enough for the back row. */
#include "render_chart.h"

#include <stdio.h>
#include <string.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_theme.h"
#include "render_ui.h"
#include "render_view.h"
#include "render_view_row.h"

const char *const render_chart_kind_names[RENDER_CHART_KIND_COUNT] = {
	"inbox", "junk", "blocked", "rejected", "bounced", "other",
};
_Static_assert(sizeof render_chart_kind_names / sizeof *render_chart_kind_names == RENDER_CHART_KIND_COUNT,
	       "chart kind names");

/* Fill and text colour per kind; blocked rules take turns in their own
 * palette (render_chart_rule_fill_tab). */
static const uint32_t render_chart_fill[RENDER_CHART_KIND_COUNT][2] = {
	[RENDER_CHART_INBOX] = { 0x2E7D32FFu, 0xFFFFFFFFu },
	[RENDER_CHART_JUNK] = { 0xF9A825FFu, 0x1B2330FFu },
	[RENDER_CHART_BLOCKED] = { 0xC62828FFu, 0xFFFFFFFFu },
	[RENDER_CHART_REJECTED] = { 0x455A64FFu, 0xFFFFFFFFu },
	[RENDER_CHART_BOUNCED] = { 0xEF6C00FFu, 0xFFFFFFFFu },
	[RENDER_CHART_OTHER] = { 0xCFD8DCFFu, 0x1B2330FFu },
};
/* One colour per rule, each apart from every other and from every colour
 * that means something else on the map, the chart or the legend (role
 * badges, lines, replies, states, letters): CIE76 distance 20 or more, which
 * a unit test measures.  The red of refusals and blocked states is not a
 * rule's: the first rule is maroon.  All dark enough for white text.
 * Maroon, violet, plum (IP25B in lesson 09), dark olive, ochre, fuchsia. */
static const uint32_t render_chart_rule_fill_tab[] = {
	0x7A0A0AFFu, 0x6200EAFFu, 0x5D1049FFu, 0x304008FFu, 0x795500FFu, 0xD800A0FFu,
};
#define RENDER_CHART_NRULE_FILL (sizeof render_chart_rule_fill_tab / sizeof render_chart_rule_fill_tab[0])

size_t render_chart_rule_palette(const uint32_t **fills)
{
	*fills = render_chart_rule_fill_tab;
	return RENDER_CHART_NRULE_FILL;
}

uint32_t render_chart_kind_fill(enum render_chart_kind kind)
{
	return render_chart_fill[kind][0];
}

uint32_t render_chart_rule_fill(const struct scenario *sc, int router, const char *rule)
{
	int global = 0;
	for (int r = 0; sc && rule && r < sc->nrouters; r++)
		for (int i = 0; i < sc->routers[r].nrules; i++, global++)
			if (r == router && strcmp(sc->routers[r].rules[i].name, rule) == 0)
				return render_chart_rule_fill_tab[(size_t)global % RENDER_CHART_NRULE_FILL];
	return render_chart_rule_fill_tab[0];
}

static int render_chart_add_key(struct render_chart *c, const struct scenario *sc, enum render_chart_kind kind,
                                int router, const char *rule)
{
	for (int k = 0; k < c->nkeys; k++)
		if (c->key[k].kind == kind && c->key[k].router == router &&
		    (c->key[k].rule == rule || (c->key[k].rule && rule && strcmp(c->key[k].rule, rule) == 0)))
			return k;
	if (c->nkeys == RENDER_CHART_MAX_KEYS)
		return -1;
	struct render_chart_key *k = &c->key[c->nkeys];
	k->kind = kind;
	k->router = router;
	k->rule = rule;
	k->fill = render_chart_fill[kind][0];
	k->text = render_chart_fill[kind][1];
	if (kind == RENDER_CHART_BLOCKED && sc && router >= 0 && rule) {
		/* The rule's own colour, the one the map's drop labels wear. */
		k->fill = render_chart_rule_fill(sc, router, rule);
	} else if (kind == RENDER_CHART_BLOCKED) {
		int nth = 0;
		for (int i = 0; i < c->nkeys; i++)
			nth += c->key[i].kind == RENDER_CHART_BLOCKED;
		k->fill = render_chart_rule_fill_tab[(size_t)nth % RENDER_CHART_NRULE_FILL];
	}
	return c->nkeys++;
}

static void render_chart_add_seg(struct render_chart_bar *b, int key, int count)
{
	if (key < 0 || count <= 0)
		return;
	for (int i = 0; i < b->nseg; i++)
		if (b->seg[i].key == key) {
			b->seg[i].count += count;
			return;
		}
	b->seg[b->nseg++] = (struct render_chart_seg){ key, count, { 0, 0, 0, 0 } };
}

void render_chart_collect(struct render_chart *c, const struct sim_total *t, size_t n)
{
	render_chart_collect_sc(c, t, n, NULL);
}

void render_chart_collect_sc(struct render_chart *c, const struct sim_total *t, size_t n,
                             const struct scenario *sc)
{
	memset(c, 0, sizeof *c);
	c->ngroups = n < RENDER_CHART_MAX_GROUPS ? n : RENDER_CHART_MAX_GROUPS;
	c->nmore = n - c->ngroups;
	memcpy(c->group, t, c->ngroups * sizeof *t);
	/* Keys first, in a fixed order, so a colour means the same in every bar. */
	render_chart_add_key(c, sc, RENDER_CHART_INBOX, -1, NULL);
	render_chart_add_key(c, sc, RENDER_CHART_JUNK, -1, NULL);
	int any_unruled = 0;
	for (size_t g = 0; g < c->ngroups; g++) {
		const struct sim_total *x = &c->group[g];
		int ruled = 0;
		for (int q = 0; q < x->nrules; q++) {
			render_chart_add_key(c, sc, RENDER_CHART_BLOCKED, x->rule_router[q], x->rule[q]);
			ruled += x->rule_count[q];
		}
		any_unruled |= x->state[LS_BLOCKED] > ruled;
	}
	if (any_unruled)
		render_chart_add_key(c, sc, RENDER_CHART_BLOCKED, -1, NULL);
	render_chart_add_key(c, sc, RENDER_CHART_REJECTED, -1, NULL);
	render_chart_add_key(c, sc, RENDER_CHART_BOUNCED, -1, NULL);
	render_chart_add_key(c, sc, RENDER_CHART_OTHER, -1, NULL);
	for (size_t g = 0; g < c->ngroups; g++) {
		const struct sim_total *x = &c->group[g];
		struct render_chart_bar *b = &c->bar[g];
		b->total = x->rcpts;
		render_chart_add_seg(b, render_chart_add_key(c, sc, RENDER_CHART_INBOX, -1, NULL), x->inbox);
		render_chart_add_seg(b, render_chart_add_key(c, sc, RENDER_CHART_JUNK, -1, NULL), x->junk);
		int ruled = 0;
		for (int q = 0; q < x->nrules; q++) {
			render_chart_add_seg(b, render_chart_add_key(c, sc, RENDER_CHART_BLOCKED, x->rule_router[q], x->rule[q]),
					     x->rule_count[q]);
			ruled += x->rule_count[q];
		}
		if (x->state[LS_BLOCKED] > ruled)   /* the key exists only then */
			render_chart_add_seg(b, render_chart_add_key(c, sc, RENDER_CHART_BLOCKED, -1, NULL),
					     x->state[LS_BLOCKED] - ruled);
		render_chart_add_seg(b, render_chart_add_key(c, sc, RENDER_CHART_REJECTED, -1, NULL), x->state[LS_REJECTED]);
		render_chart_add_seg(b, render_chart_add_key(c, sc, RENDER_CHART_BOUNCED, -1, NULL), x->state[LS_BOUNCED]);
		int other = x->rcpts - x->inbox - x->junk - x->state[LS_BLOCKED] - x->state[LS_REJECTED] -
			    x->state[LS_BOUNCED];
		render_chart_add_seg(b, render_chart_add_key(c, sc, RENDER_CHART_OTHER, -1, NULL), other);
		/* Key order, whatever order the counts came in. */
		for (int i = 1; i < b->nseg; i++)
			for (int j = i; j > 0 && b->seg[j - 1].key > b->seg[j].key; j--) {
				struct render_chart_seg tmp = b->seg[j];
				b->seg[j] = b->seg[j - 1];
				b->seg[j - 1] = tmp;
			}
	}
}

/* Count k recipient lines of group g as blocked by (router, rule). */
static void render_chart_block(struct sim_total *g, int router, const char *rule, int k)
{
	int q = 0;
	while (q < g->nrules && !(g->rule_router[q] == router && strcmp(g->rule[q], rule) == 0))
		q++;
	if (q == g->nrules) {
		if (q == SIM_TOTAL_RULES)
			return;   /* the rest stay "blocked by a rule not named" */
		g->nrules++;
		g->rule_router[q] = router;
		g->rule[q] = rule;
		g->rule_count[q] = 0;
	}
	g->rule_count[q] += k;
}

/* The group of ledger entry e among t[0 .. n-1], or n. */
static size_t render_chart_group(const struct ledger_entry *e, const struct sim_total *t, size_t n)
{
	char group[sizeof t->group];
	if (e->bounce_of >= 0)
		snprintf(group, sizeof group, "bounce");
	else
		snprintf(group, sizeof group, "%.*s", (int)strcspn(e->tag, "."), e->tag);
	size_t g = 0;
	while (g < n && strcmp(t[g].group, group) != 0)
		g++;
	return g;
}

/* Count recipient line r in state st into group g (sign 1) or out of it
 * (sign -1), as sim_totals counts it. */
static void render_chart_count(struct render_app *a, struct sim_total *g, const struct ledger_rcpt *r,
                               enum ledger_state st, int sign)
{
	g->state[st] += sign;
	if (st == LS_DELIVERED) {
		if (r->folder && strcmp(r->folder, "Junk") == 0)
			g->junk += sign;
		else
			g->inbox += sign;
	}
	int router = r->node - a->sc->nhosts;
	if (st != LS_BLOCKED || !r->rule || router < 0 || router >= a->sc->nrouters)
		return;
	int ri = scenario_find_rule(&a->sc->routers[router], r->rule);
	if (ri >= 0)
		render_chart_block(g, router, a->sc->routers[router].rules[ri].name, sign);
}

/* Stepping row by row: each recipient line a later row of the event
 * changes is counted in the state it had at the current row
 * (render_view_row_state), not the one the event left it in. */
static void render_chart_rows(struct render_app *a, struct sim_total *t, size_t n, size_t born)
{
	const struct trace_rec *tr;
	size_t from, nt;
	if (!render_view_row_untold(a, &tr, &from, &nt))
		return;
	const struct sim *s = render_app_sim(a);
	for (size_t k = from; k < nt; k++) {
		const struct trace_rec *q = &tr[k];
		/* An entry not written yet is not counted at all (render_chart_unborn). */
		if (q->kind != TR_STATE || q->msg < 0 || (size_t)q->msg >= born || !q->u.state.rcpt)
			continue;
		/* Once per line: only its first untold change. */
		size_t p = from;
		while (p < k && !(tr[p].kind == TR_STATE && tr[p].msg == q->msg && tr[p].u.state.rcpt &&
		                  util_strcasecmp(tr[p].u.state.rcpt, q->u.state.rcpt) == 0))
			p++;
		if (p < k)
			continue;
		const struct ledger_entry *e = sim_ledger(s, (size_t)q->msg);
		size_t g = render_chart_group(e, t, n);
		for (int i = 0; g < n && i < e->nrcpts; i++) {
			const struct ledger_rcpt *r = &e->rcpts[i];
			if (util_strcasecmp(q->u.state.rcpt, r->addr) != 0 &&
			    !(r->cur && util_strcasecmp(q->u.state.rcpt, r->cur) == 0))
				continue;
			enum ledger_state st = render_view_row_state(a, q->msg, r);
			if (st != r->state) {
				render_chart_count(a, &t[g], r, r->state, -1);
				render_chart_count(a, &t[g], r, st, 1);
			}
			break;
		}
	}
}

/* Stepping row by row: the entries a later row of the event writes (lesson
 * 06's bounce, written after the 221's row) are taken out of the totals,
 * and so is a group only they make.  Returns the number of groups left. */
static size_t render_chart_unborn(struct render_app *a, struct sim_total *t, size_t *n, size_t total, size_t born)
{
	const struct sim *s = render_app_sim(a);
	for (size_t i = born; i < sim_ledger_count(s); i++) {
		const struct ledger_entry *e = sim_ledger(s, i);
		size_t g = render_chart_group(e, t, *n);
		if (g == *n)
			continue;   /* a group not described: counted in total only */
		t[g].messages--;
		t[g].rcpts -= e->nrcpts;
		for (int r = 0; r < e->nrcpts; r++)
			render_chart_count(a, &t[g], &e->rcpts[r], e->rcpts[r].state, -1);
		if (t[g].messages > 0 || *n < total)
			continue;   /* (with groups not described, the rest keep their places) */
		memmove(&t[g], &t[g + 1], (*n - g - 1) * sizeof *t);
		(*n)--;
		total--;
	}
	return total;
}

size_t render_chart_totals(struct render_app *a, struct sim_total *t, size_t max)
{
	struct sim *s = render_app_sim(a);
	size_t total = sim_totals(s, t, max);
	size_t n = total < max ? total : max;
	size_t born = render_view_row_born(a);
	total = render_chart_unborn(a, t, &n, total, born);
	/* A SYN a router dropped is blocked from the moment it is dropped, as
	 * the map's cross shows, not only when the client's wait times out. */
	for (size_t i = 0; i < a->nfdrop; i++) {
		const struct render_app_drop *c = &a->fdrop[i];
		int router = c->router, rule = c->rule;
		if (router < 0 || router >= a->sc->nrouters || rule < 0 || rule >= a->sc->routers[router].nrules ||
		    c->msg < 0 || (size_t)c->msg >= born ||
		    (i > 0 && a->fdrop[i - 1].msg == c->msg && a->fdrop[i - 1].client == c->client))
			continue;
		const struct ledger_entry *e = sim_ledger(s, (size_t)c->msg);
		size_t g = render_chart_group(e, t, n);
		if (g == n)
			continue;
		int k = 0;
		for (int r = 0; r < e->nrcpts; r++)
			if (e->rcpts[r].node == c->client && !ledger_state_final(e->rcpts[r].state)) {
				t[g].state[e->rcpts[r].state]--;
				k++;
			}
		t[g].state[LS_BLOCKED] += k;
		render_chart_block(&t[g], router, a->sc->routers[router].rules[rule].name, k);
	}
	render_chart_rows(a, t, n, born);
	return total;
}

void render_chart_place(struct render_chart *c, SDL_Rect plot, int label_w, int count_w, int row_min,
                        int row_max, int min_seg)
{
	render_chart_place_cols(c, plot, 1, 0, label_w, count_w, row_min, row_max, min_seg);
}

void render_chart_place_cols(struct render_chart *c, SDL_Rect plot, int cols, int gap, int label_w, int count_w,
                             int row_min, int row_max, int min_seg)
{
	c->nplaced = 0;
	c->cols = cols < 1 ? 1 : cols;
	int col_w = (plot.w - (c->cols - 1) * gap) / c->cols;
	if (c->ngroups == 0 || col_w <= label_w + count_w || plot.h <= 0 || row_min <= 0)
		return;
	int nrows = ((int)c->ngroups + c->cols - 1) / c->cols;
	int row = plot.h / nrows;
	if (row > row_max)
		row = row_max;
	if (row < row_min) {
		row = row_min;
		nrows = plot.h / row;
	}
	int fit = nrows * c->cols;
	/* A gap of a sixth of the row between bars, at least 2 pixels. */
	int bar_h = row - (row / 6 > 2 ? row / 6 : 2), bar_w = col_w - label_w - count_w;
	int scale = 1;
	for (size_t g = 0; g < c->ngroups; g++)
		if (c->bar[g].total > scale)
			scale = c->bar[g].total;
	for (int g = 0; g < fit && g < (int)c->ngroups; g++) {
		struct render_chart_bar *b = &c->bar[g];
		int y = plot.y + g % nrows * row, x0 = plot.x + g / nrows * (col_w + gap);
		b->label = (SDL_Rect){ x0, y, label_w, bar_h };
		b->count = (SDL_Rect){ x0 + col_w - count_w, y, count_w, bar_h };
		int x = x0 + label_w;
		int w = 0;
		for (int i = 0; i < b->nseg; i++) {
			struct render_chart_seg *s = &b->seg[i];
			int sw = (int)((long long)s->count * bar_w / scale);
			if (sw < min_seg)
				sw = min_seg;
			s->rc = (SDL_Rect){ x + w, y, sw, bar_h };
			w += sw;
		}
		/* Minimum widths may push past the full scale: take the excess
		 * from the widest segment, moving the ones after it. */
		if (w > bar_w && b->nseg > 0) {
			int wide = 0;
			for (int i = 1; i < b->nseg; i++)
				if (b->seg[i].rc.w > b->seg[wide].rc.w)
					wide = i;
			int cut = w - bar_w;
			b->seg[wide].rc.w -= cut;
			for (int i = wide + 1; i < b->nseg; i++)
				b->seg[i].rc.x -= cut;
			w = bar_w;
		}
		b->bar = (SDL_Rect){ x, y, w, bar_h };
		c->nplaced++;
	}
}

void render_chart_first(struct render_chart *c, size_t g)
{
	if (g == 0 || g >= c->ngroups)
		return;
	struct sim_total t = c->group[g];
	struct render_chart_bar b = c->bar[g];
	memmove(&c->group[1], &c->group[0], g * sizeof c->group[0]);
	memmove(&c->bar[1], &c->bar[0], g * sizeof c->bar[0]);
	c->group[0] = t;
	c->bar[0] = b;
}

int render_chart_focus_group(struct render_app *a, const struct render_chart *c)
{
	int focus = render_view_focus_msg(a);
	if (focus < 0 || (size_t)focus >= sim_ledger_count(render_app_sim(a)))
		return -1;
	size_t g = render_chart_group(sim_ledger(render_app_sim(a), (size_t)focus), c->group, c->ngroups);
	return g < c->ngroups ? (int)g : -1;
}

int render_chart_shown(struct render_app *a)
{
	if (a->chart_mode >= 0)
		return a->chart_mode;
	/* Many messages in groups a bar each can show; forty messages each in
	 * a group of its own (lesson 12) read better as the list. */
	const struct sim *s = render_app_sim(a);
	return a->sc->narrate_captions || (sim_ledger_count(s) > RENDER_CHART_AUTO_MESSAGES &&
	                                   sim_totals(s, NULL, 0) <= RENDER_CHART_MAX_GROUPS);
}

void render_chart_toggle(struct render_app *a)
{
	a->chart_mode = !render_chart_shown(a);
	if (a->chart_mode)
		render_app_select(a, RENDER_APP_SEL_NONE, -1);
	a->scroll[RENDER_APP_PANEL_INSPECTOR] = 0;
}

/* The words for a key: the legend line (long = 1) or a segment's label. */
static void render_chart_key_text(struct render_app *a, const struct render_chart_key *k, int legend,
                                  struct sbuf *out)
{
	if (k->kind == RENDER_CHART_BLOCKED && k->rule) {
		const char *args[] = { "rule", render_view_rule_named(a, k->router, k->rule), "router",
				       render_view_router_name(a, k->router), NULL };
		i18n_format(a->cat[a->lang], legend ? "ui.chart.blocked_rule" : "ui.chart.rule_at", args, out);
		return;
	}
	char key[48];
	snprintf(key, sizeof key, "ui.chart.%s", render_chart_kind_names[k->kind]);
	sbuf_adds(out, render_app_text(a, key));
}

/* Does a bar have a segment of key k? */
static int render_chart_key_used(const struct render_chart *c, int k)
{
	for (size_t g = 0; g < c->ngroups; g++)
		for (int i = 0; i < c->bar[g].nseg; i++)
			if (c->bar[g].seg[i].key == k)
				return 1;
	return 0;
}

/* The legend as wrapped chips from (x, y) within width w, of every key or
 * (used) only of those a bar has, each then in the first row with room
 * for it (a short one after a long one goes up beside the first ones);
 * returns its height. */
static int render_chart_legend(struct render_app *a, const struct render_chart *c, int x, int y, int w, int px,
                               int used, int draw)
{
	struct sbuf b = { 0 };
	int lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, px);
	int sq = lh * 2 / 3, gap = px, nrow = 0, row[RENDER_CHART_MAX_KEYS + 1] = { 0 };
	for (int k = 0; k < c->nkeys; k++) {
		if (used && !render_chart_key_used(c, k))
			continue;
		sbuf_reset(&b);
		render_chart_key_text(a, &c->key[k], 1, &b);
		int tw = 0;
		render_font_size(a->font, RENDER_FONT_REGULAR, px, RENDER_FONT_FIT, w - sq - px / 3, b.s, &tw, NULL);
		int iw = sq + px / 3 + tw, r = nrow ? nrow - 1 : 0;
		if (used)
			for (r = 0; r < nrow && row[r] > 0 && row[r] + iw > w; r++)
				;
		else if (nrow && row[r] > 0 && row[r] + iw > w)
			r++;
		nrow = r + 1 > nrow ? r + 1 : nrow;
		int cx = row[r], cy = r * lh;
		if (draw) {
			SDL_Rect box = { x + cx, y + cy + (lh - sq) / 2, sq, sq };
			render_draw_fill(a->ren, box, c->key[k].fill);
			render_draw_outline(a->ren, box, 1, 0x00000040u);
			render_font_draw(a->font, RENDER_FONT_REGULAR, px, RENDER_THEME_TEXT, RENDER_FONT_FIT, w - sq - px / 3,
					 b.s, x + cx + sq + px / 3, y + cy, NULL);
		}
		row[r] += iw + gap;
	}
	sbuf_free(&b);
	return nrow * lh;
}

/* A segment's label: the longest of "name count", "count" that fits. */
static void render_chart_seg_label(struct render_app *a, const struct render_chart *c,
                                   const struct render_chart_seg *s, int px)
{
	const struct render_chart_key *k = &c->key[s->key];
	struct sbuf b = { 0 };
	render_chart_key_text(a, k, 0, &b);
	sbuf_addf(&b, "  %d", s->count);
	char num[16];
	snprintf(num, sizeof num, "%d", s->count);
	const char *cand[] = { b.s, num };
	int pad = px / 3;
	for (size_t i = 0; i < sizeof cand / sizeof cand[0]; i++) {
		int tw = 0, th = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0, cand[i], &tw, &th);
		if (tw + 2 * pad > s->rc.w)
			continue;
		render_font_draw(a->font, RENDER_FONT_BOLD, px, k->text, RENDER_FONT_LINE, 0, cand[i], s->rc.x + pad,
				 s->rc.y + (s->rc.h - th) / 2, NULL);
		break;
	}
	sbuf_free(&b);
}

static const char *render_chart_group_name(struct render_app *a, const char *group)
{
	return strcmp(group, "bounce") == 0 ? render_app_text(a, "ui.chart.bounce_group") : group;
}

/* The widest group name (counts 0) or total (counts 1) at px, bold. */
static int render_chart_widest(struct render_app *a, const struct render_chart *ch, int px, int counts)
{
	int widest = 0;
	for (size_t g = 0; g < ch->ngroups; g++) {
		char num[16];
		snprintf(num, sizeof num, "%d", ch->bar[g].total);
		int w = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0,
				 counts ? num : render_chart_group_name(a, ch->group[g].group), &w, NULL);
		widest = w > widest ? w : widest;
	}
	return widest;
}

void render_chart_draw(struct render_app *a, SDL_Rect rc)
{
	const struct render_layout_panels *p = &a->panels;
	SDL_Rect in = { rc.x + p->pad / 2, rc.y + p->pad / 2, rc.w - p->pad, rc.h - p->pad };
	render_draw_fill(a->ren, in, RENDER_THEME_PANEL);
	render_draw_outline(a->ren, in, 1, RENDER_THEME_PANEL_EDGE);
	render_app_hit_add(a, rc, RENDER_APP_HIT_PANEL, RENDER_APP_PANEL_INSPECTOR, 0);
	SDL_Rect c = { in.x + p->pad, in.y + p->pad / 2, in.w - 2 * p->pad, in.h - p->pad };
	SDL_RenderSetClipRect(a->ren, &c);
	/* Sizes for the back row: names and totals at the title size, the
	 * counts in the bars and the legend at body size. */
	int px_big = p->px_title, px = p->px_body;
	int y = c.y, h = 0;
	/* The title whole: at body size if it does not fit (English's "(per
	 * recipient)" was cut to "(per rec…" in presenter mode), wrapped last. */
	const char *title = render_app_text(a, "ui.chart.title");
	int title_px = px_big, tw = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, title_px, RENDER_FONT_LINE, 0, title, &tw, NULL);
	if (tw > c.w && px < px_big)
		title_px = px;
	render_font_draw(a->font, RENDER_FONT_BOLD, title_px, RENDER_THEME_TEXT, RENDER_FONT_WRAP, c.w, title, c.x, y,
			 &h);
	if (!a->chart)
		a->chart = xcalloc(1, sizeof *a->chart);
	struct render_chart *ch = a->chart;
	SDL_Rect title_rc = { c.x, y, c.w, h };
	y += h + p->pad / 3;
	/* Only as many groups as can be drawn; sim_totals says how many there
	 * are in all, so the chart can tell that some are left out. */
	struct sim_total t[RENDER_CHART_MAX_GROUPS];
	size_t total = render_chart_totals(a, t, RENDER_CHART_MAX_GROUPS);
	size_t n = total < RENDER_CHART_MAX_GROUPS ? total : RENDER_CHART_MAX_GROUPS;
	render_chart_collect_sc(ch, t, n, a->sc);
	ch->title = title_rc;
	ch->title_px = title_px;
	if (n == 0) {
		render_font_draw(a->font, RENDER_FONT_REGULAR, px, RENDER_THEME_MUTED, RENDER_FONT_WRAP, c.w,
				 render_app_text(a, "ui.chart.none"), c.x, y, NULL);
		SDL_RenderSetClipRect(a->ren, NULL);
		return;
	}
	/* In presenter mode the body size would make the legend as tall as
	 * the bars; the small size there is still larger than body text. */
	int legend_px = a->presenter ? p->px_small : px, legend_y = y;
	/* The hint (and the note on groups left out) at the bottom. */
	struct sbuf b = { 0 };
	sbuf_adds(&b, render_app_text(a, "ui.chart.hint"));
	int hint_h = 0;
	render_font_size(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_FONT_WRAP, c.w, b.s, NULL, &hint_h);
	int bottom = c.y + c.h - hint_h;
	/* The name column as wide as the widest name, within two fifths (a
	 * quarter cut lesson 09's "spamB" and "spamC" to the same "spa…"). */
	int label_w = 0, count_w = 0, lh = render_font_line_height(a->font, RENDER_FONT_BOLD, px_big);
	for (size_t g = 0; g < ch->ngroups; g++) {
		int w = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, px_big, RENDER_FONT_LINE, 0,
				 render_chart_group_name(a, ch->group[g].group), &w, NULL);
		if (w > label_w)
			label_w = w;
		char num[16];
		snprintf(num, sizeof num, "%d", ch->bar[g].total);
		render_font_size(a->font, RENDER_FONT_BOLD, px_big, RENDER_FONT_LINE, 0, num, &w, NULL);
		if (w > count_w)
			count_w = w;
	}
	/* A name wider than that is drawn at body size before it is cut. */
	int name_px = px_big;
	if (label_w + p->pad > c.w * 2 / 5 && px < px_big) {
		name_px = px;
		int widest = 0;
		for (size_t g = 0; g < ch->ngroups; g++) {
			int w = 0;
			render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0,
					 render_chart_group_name(a, ch->group[g].group), &w, NULL);
			widest = w > widest ? w : widest;
		}
		label_w = widest;
	}
	/* The slack: the cut measures glyph by glyph (advances), a line as a
	 * whole (kerned), a pixel or two less — "spamC" came out "spa…". */
	label_w += p->pad + name_px / 4;
	if (label_w > c.w * 2 / 5)
		label_w = c.w * 2 / 5;
	count_w += p->pad;
	/* Before any group is left out: thinner bars, the names at body size
	 * (lesson 09 in presenter mode showed one bar of six); then the
 * legend of only the colours the bars have; then the bars and the
	 * legend at the small size; last, without the hint below (lesson 09
	 * in presenter mode at 1280 x 720 showed Alice's m1 alone, its
	 * blocked groups left out). */
	int small = p->px_small < px ? p->px_small : px, used = 0, legend_h = 0, row_min = lh, hint = 1;
	SDL_Rect plot = { c.x, y, c.w, 0 };
	for (int way = 0; way < 5; way++) {
		int npx = way == 0 ? px_big : way < 3 ? px : way == 3 ? small : name_px;
		int smaller = way == 1 ? npx < name_px : way == 3 ? npx < name_px || small < legend_px : 1;
		if (way > 0 && (ch->nplaced == (int)ch->ngroups || !smaller))
			continue;
		if (way == 4) {   /* only if then every group has its bar */
			struct render_chart_bar keep[RENDER_CHART_MAX_GROUPS];
			int kept = ch->nplaced;
			memcpy(keep, ch->bar, sizeof keep);
			plot.h += hint_h;
			render_chart_place(ch, plot, label_w, count_w, row_min, lh * 2, p->line * 2);
			if (ch->nplaced == (int)ch->ngroups) {
				hint = 0;
				bottom += hint_h;
				break;
			}
			plot.h -= hint_h;
			memcpy(ch->bar, keep, sizeof keep);
			ch->nplaced = kept;
			break;
		}
		name_px = npx;
		used = way >= 2;
		legend_px = way == 3 && small < legend_px ? small : legend_px;
		row_min = way == 0 ? lh : render_font_line_height(a->font, RENDER_FONT_BOLD, npx);
		legend_h = render_chart_legend(a, ch, c.x, legend_y, c.w, legend_px, used, 0);
		plot.y = legend_y + legend_h + p->pad / 2;
		plot.h = bottom - p->pad / 2 - plot.y;
		render_chart_place(ch, plot, label_w, count_w, row_min, lh * 2, p->line * 2);
	}
	/* Still some left out: two columns, the names at body size, then
	 * small, each whole (lesson 09 in presenter mode with the rules off
	 * has six groups, and the caption compares spamCoff with spamC: one
	 * column had room for three bars, "3 more groups do not fit").  Only
	 * if every group then has its bar, and the bars keep a fifth of their
	 * column. */
	int cols = 1, gap = p->pad * 2;
	if (ch->nplaced < (int)ch->ngroups) {
		struct render_chart_bar keep[RENDER_CHART_MAX_GROUPS];
		int kept = ch->nplaced;
		memcpy(keep, ch->bar, sizeof keep);
		SDL_Rect plot1 = plot;
		for (int k = 0; k < 2 && cols == 1; k++) {
			int npx = k == 0 ? px : small;
			int lw = render_chart_widest(a, ch, npx, 0) + p->pad + npx / 4;
			int cw = render_chart_widest(a, ch, npx, 1) + p->pad;
			int rmin = render_font_line_height(a->font, RENDER_FONT_BOLD, npx);
			int lg = render_chart_legend(a, ch, c.x, legend_y, c.w, legend_px, 1, 0);
			plot.y = legend_y + lg + p->pad / 2;
			plot.h = bottom - p->pad / 2 - plot.y;
			if ((plot.w - gap) / 2 - lw - cw < (plot.w - gap) / 10)
				continue;
			render_chart_place_cols(ch, plot, 2, gap, lw, cw, rmin, lh * 2, p->line * 2);
			if (ch->nplaced == (int)ch->ngroups) {
				cols = 2;
				name_px = npx;
				label_w = lw;
				count_w = cw;
				row_min = rmin;
				used = 1;
			}
		}
		if (cols == 1) {
			plot = plot1;
			memcpy(ch->bar, keep, sizeof keep);
			ch->nplaced = kept;
			ch->cols = 1;
		}
	}
	render_chart_legend(a, ch, c.x, legend_y, c.w, legend_px, used, 1);
	if (hint)
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_WRAP, c.w, b.s,
				 c.x, bottom, NULL);
	size_t left = ch->nmore + ch->ngroups - (size_t)ch->nplaced + (total - n);
	int note_h = render_font_line_height(a->font, RENDER_FONT_REGULAR, p->px_small);
	if (left > 0) {   /* room for the note on what is left out */
		plot.h -= note_h;
		render_chart_place_cols(ch, plot, cols, gap, label_w, count_w, row_min, lh * 2, p->line * 2);
		left = ch->nmore + ch->ngroups - (size_t)ch->nplaced + (total - n);
	}
	/* Still some left out: the group of the message the moment is about
	 * goes first, so the bar the caption talks of is on screen. */
	int fg = render_chart_focus_group(a, ch);
	if (fg >= ch->nplaced && ch->nplaced > 0) {
		render_chart_first(ch, (size_t)fg);
		render_chart_place_cols(ch, plot, cols, gap, label_w, count_w, row_min, lh * 2, p->line * 2);
	}
	ch->name_px = name_px;
	for (int g = 0; g < ch->nplaced; g++) {
		const struct render_chart_bar *bar = &ch->bar[g];
		int th = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, name_px, RENDER_FONT_FIT, label_w - p->pad,
				 render_chart_group_name(a, ch->group[g].group), NULL, &th);
		int ty = bar->label.y + (bar->label.h - th) / 2;
		render_font_draw(a->font, RENDER_FONT_BOLD, name_px, RENDER_THEME_TEXT, RENDER_FONT_FIT, label_w - p->pad,
				 render_chart_group_name(a, ch->group[g].group), bar->label.x, ty, NULL);
		/* No track for the full scale behind a short bar: a faint one
		 * read as the rest of the row, lesson 09 at 10.49 s: m1's one
		 * recipient a 2 px sliver on a track as long as spamA's 170,
		 * "1 of 170".  Its total stands at its end instead, as in any
		 * bar chart. */
		int end = bar->bar.x;
		for (int i = 0; i < bar->nseg; i++) {
			if (bar->seg[i].rc.x + bar->seg[i].rc.w > end)
				end = bar->seg[i].rc.x + bar->seg[i].rc.w;
			render_draw_fill(a->ren, bar->seg[i].rc, ch->key[bar->seg[i].key].fill);
			if (i > 0)   /* a white seam between neighbours of similar hue */
				render_draw_fill(a->ren, (SDL_Rect){ bar->seg[i].rc.x, bar->seg[i].rc.y, 1, bar->seg[i].rc.h },
						 0xFFFFFFFFu);
			render_chart_seg_label(a, ch, &bar->seg[i], name_px < px ? name_px : px);
		}
		char num[16];
		snprintf(num, sizeof num, "%d", bar->total);
		render_font_draw(a->font, RENDER_FONT_BOLD, name_px, RENDER_THEME_TEXT, RENDER_FONT_LINE, 0, num,
				 (end < bar->count.x ? end : bar->count.x) + p->pad / 2, ty, NULL);
	}
	if (left > 0) {
		char nb[32];
		snprintf(nb, sizeof nb, "%zu", left);
		const char *args[] = { "n", nb, NULL };
		sbuf_reset(&b);
		i18n_format(a->cat[a->lang], "ui.chart.more", args, &b);
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_FIT, c.w, b.s,
				 c.x, plot.y + plot.h, NULL);
	}
	sbuf_free(&b);
	SDL_RenderSetClipRect(a->ren, NULL);
}
