/* render_legend — the colour legend (see render_legend.h). */
#include "render_legend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_chart.h"
#include "render_draw.h"
#include "render_layout.h"
#include "render_links.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_view.h"

static const struct render_legend_entry render_legend_table[] = {
	{ RENDER_LEGEND_HEADING, 0, 0, "ui.legend.wire", NULL, NULL },
	{ RENDER_LEGEND_LINE, RENDER_THEME_ACCENT, 0, "ui.legend.smtp", NULL, NULL },
	{ RENDER_LEGEND_LINE, 0xC2185BFFu, 0, "ui.legend.pop_imap", NULL, NULL },
	{ RENDER_LEGEND_DASHED, RENDER_THEME_DNS, 0, "ui.legend.dns", NULL, NULL },   /* as render_traffic_dns draws it */
	{ RENDER_LEGEND_DASHED, RENDER_THEME_BLOCK, 0, "ui.legend.stopped", NULL, NULL },
	{ RENDER_LEGEND_HEADING, 0, 0, "ui.legend.packets", NULL, NULL },
	{ RENDER_LEGEND_PILL, RENDER_THEME_CMD, 0, "ui.legend.cmd", "C:", NULL },
	{ RENDER_LEGEND_PILL, RENDER_THEME_REPLY, 0, "ui.legend.reply", "S:", NULL },
	{ RENDER_LEGEND_PILL, RENDER_THEME_CMD, 0, "ui.legend.tls", "TLS", NULL },
	/* as render_traffic_line_color, the event list and the transcript
	 * colour a reply: 4xx amber, 5xx red */
	{ RENDER_LEGEND_PILL, RENDER_THEME_WARN, 0, "ui.legend.try_later", "4xx", NULL },
	{ RENDER_LEGEND_PILL, RENDER_THEME_BLOCK, 0, "ui.legend.refused", "5xx ×", NULL },
	{ RENDER_LEGEND_PILL, RENDER_THEME_BOUNCE, 0, "ui.legend.bounce", "DSN", NULL },
	{ RENDER_LEGEND_HEADING, 0, 0, "ui.legend.states", NULL, NULL },
	{ RENDER_LEGEND_PILL, RENDER_THEME_CMD, 0, "ui.legend.state.moving", "→ ○", NULL },
	{ RENDER_LEGEND_PILL, RENDER_THEME_OK, 0, "ui.legend.state.inbox", "✓", NULL },
	{ RENDER_LEGEND_PILL, RENDER_THEME_WARN, 0, "ui.legend.state.junk", "✓", NULL },
	{ RENDER_LEGEND_PILL, RENDER_THEME_BLOCK, 0, "ui.legend.state.ended", "×", NULL },
	{ RENDER_LEGEND_HEADING, 0, 0, "ui.legend.nets", NULL, NULL },
	{ RENDER_LEGEND_AREA, 0, 0, "ui.legend.net.dynamic", NULL, NULL },
	{ RENDER_LEGEND_AREA, 0, 0, "ui.legend.net.servers", NULL, NULL },
	{ RENDER_LEGEND_AREA, 0, 0, "ui.legend.net.company", NULL, NULL },
	{ RENDER_LEGEND_AREA, 0, 0, "ui.legend.net.backbone", NULL, NULL },
	{ RENDER_LEGEND_HEADING, 0, 0, "ui.legend.roles", NULL, NULL },
	{ RENDER_LEGEND_BADGE, 0, 0, "ui.legend.role.mua", "MUA", NULL },
	{ RENDER_LEGEND_BADGE, 0, 0, "ui.legend.role.msa", "MSA", NULL },
	{ RENDER_LEGEND_BADGE, 0, 0, "ui.legend.role.mta", "MTA", NULL },
	{ RENDER_LEGEND_BADGE, 0, 0, "ui.legend.role.mda", "MDA", NULL },
	{ RENDER_LEGEND_BADGE, 0, 0, "ui.legend.role.mra", "MRA", NULL },
	{ RENDER_LEGEND_BADGE, 0, 0, "ui.legend.role.dns", "DNS", NULL },
	{ RENDER_LEGEND_BADGE, RENDER_THEME_BLOCK, 0, "ui.legend.bot", "BOT", NULL },
	/* as render_topology draws the badge of the agent acting now */
	{ RENDER_LEGEND_GLOW, RENDER_THEME_ACTING, 0, "ui.legend.acting", "MTA", NULL },
	{ RENDER_LEGEND_HEADING, 0, 0, "ui.legend.rules", NULL, NULL },
	{ RENDER_LEGEND_PILL, RENDER_THEME_OK, 0, "ui.legend.rule_on", "ON", NULL },
	{ RENDER_LEGEND_PILL, 0x546E7AFFu, 0, "ui.legend.rule_off", "OFF", NULL },
};

_Static_assert(sizeof render_legend_table / sizeof render_legend_table[0] + RENDER_LEGEND_RULES <= RENDER_LEGEND_MAX,
	       "RENDER_LEGEND_MAX holds every entry and the lesson's rules");

const struct render_legend_entry *render_legend_entries(int *n)
{
	*n = (int)(sizeof render_legend_table / sizeof render_legend_table[0]);
	return render_legend_table;
}

void render_legend_list(const struct render_app *a, struct render_legend_list *out)
{
	int n = 0;
	const struct render_legend_entry *e = render_legend_entries(&n);
	memcpy(out->e, e, (size_t)n * sizeof *e);
	out->n = n;
	/* Under "Router rules", each rule in the colour of its stops: the
	 * map's "× OP25B" and the totals chart's bar take it from
	 * render_chart_rule_fill too (issue 11: "a legend for colours
	 * (protocols, rules, states)"). */
	int k = 0;
	for (int r = 0; a && a->sc && r < a->sc->nrouters; r++)
		for (int i = 0; i < a->sc->routers[r].nrules && k < RENDER_LEGEND_RULES; i++, k++) {
			const char *rule = a->sc->routers[r].rules[i].name;
			const char *args[] = { "rule", render_view_rule_name(a, r, i), "router", render_view_router_name(a, r),
				NULL };
			struct sbuf b = { 0 };
			i18n_format(a->cat[a->lang], "ui.legend.rule_colour", args, &b);
			snprintf(out->words[k], sizeof out->words[k], "%s", b.s ? b.s : rule);
			sbuf_free(&b);
			out->e[out->n++] = (struct render_legend_entry){ RENDER_LEGEND_PILL,
				render_chart_rule_fill(a->sc, r, rule), 0, "ui.legend.rule_colour", "×", out->words[k] };
		}
}

/* An entry's words. */
static const char *render_legend_words(const struct render_app *a, const struct render_legend_entry *e)
{
	return e->words ? e->words : render_app_text(a, e->key);
}

/* An entry's colours: networks and roles from the theme's tables, so the
 * legend cannot drift from the picture. */
static void render_legend_colors(const struct render_legend_entry *e, int *k_net, int *k_role, uint32_t *fill,
                                 uint32_t *edge)
{
	*fill = e->color;
	*edge = e->edge;
	if (e->swatch == RENDER_LEGEND_AREA && *k_net < NET_KIND_COUNT) {
		*fill = render_theme_net[*k_net];
		*edge = render_theme_net_edge[*k_net];
		(*k_net)++;
	} else if (e->swatch == RENDER_LEGEND_BADGE && !e->color && *k_role < ROLE_COUNT) {
		*fill = render_theme_role[*k_role];
		(*k_role)++;
	} else if (e->swatch == RENDER_LEGEND_GLOW) {
		*edge = render_theme_role[ROLE_MTA];
	}
}

/* One sample in sw x h at (x, y). */
static void render_legend_sample(struct render_app *a, const struct render_legend_entry *e, uint32_t fill,
                                 uint32_t edge, int x, int y, int sw, int h, int px)
{
	const struct render_layout_panels *p = &a->panels;
	float cy = (float)y + (float)h / 2;
	switch (e->swatch) {
	case RENDER_LEGEND_LINE:
		render_draw_line(a->ren, (float)x, cy, (float)(x + sw), cy, (float)p->line * 2.5f, fill);
		break;
	case RENDER_LEGEND_DASHED:
		render_draw_dashed(a->ren, (float)x, cy, (float)(x + sw), cy, (float)p->line * 2.5f, (float)h / 3, fill);
		break;
	case RENDER_LEGEND_AREA: {
		SDL_Rect rc = { x, y + 1, sw, h - 2 };
		render_draw_round(a->ren, rc, h / 4, fill);
		render_draw_round_outline(a->ren, rc, h / 4, p->line, edge);
		break;
	}
	case RENDER_LEGEND_GLOW:
	case RENDER_LEGEND_PILL:
	case RENDER_LEGEND_BADGE: {
		SDL_Rect rc = { x, y + 1, sw, h - 2 };
		if (e->swatch == RENDER_LEGEND_GLOW) {   /* the glow round a badge of edge's colour */
			render_draw_round(a->ren, rc, 4 + h / 6, fill);
			rc = (SDL_Rect){ x + h / 6, y + 1 + h / 6, sw - h / 3, h - 2 - h / 3 };
			fill = edge;
		}
		render_draw_round(a->ren, rc, e->swatch == RENDER_LEGEND_PILL ? rc.h / 2 : 4, fill);
		int tw = 0, th = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, px * 4 / 5, RENDER_FONT_LINE, 0, e->tag, &tw, &th);
		if (strcmp(e->key, "ui.legend.tls") == 0) {   /* as the map seals it: a padlock, then "TLS" */
			render_traffic_padlock(a, (float)x + (float)sw * 0.22f, (float)y + (float)h / 2, px * 4 / 5);
			render_font_draw(a->font, RENDER_FONT_BOLD, px * 4 / 5, 0xFFFFFFFFu, RENDER_FONT_LINE, 0, e->tag,
					 x + sw * 2 / 5, y + (h - th) / 2, NULL);
			break;
		}
		render_font_draw(a->font, RENDER_FONT_BOLD, px * 4 / 5, 0xFFFFFFFFu, RENDER_FONT_LINE, 0, e->tag,
				 x + (sw - tw) / 2, y + (h - th) / 2, NULL);
		break;
	}
	case RENDER_LEGEND_HEADING:
	case RENDER_LEGEND_SWATCH_COUNT:
	default:
		break;
	}
}

/* The legend's grid at text size px: line height, sample and column
 * widths, the width its words wrap at (0: one line each), how many
 * columns and rows it has, and each entry's cell and rows (span). */
struct render_legend_grid {
	int px, lh, sw, colw, textw, cols, rows;
	int col[RENDER_LEGEND_MAX], row[RENDER_LEGEND_MAX], span[RENDER_LEGEND_MAX];
};

/* Each entry's cell, column by column, at rows a column; an entry is not
 * split between columns, and a heading never ends one (it went to the
 * bottom of one, its entries to the top of the next).  Returns the
 * columns used. */
static int render_legend_cells(const struct render_legend_entry *e, int n, int rows, struct render_legend_grid *g)
{
	int c = 0, r = 0;
	for (int i = 0; i < n; i++) {
		int need = g->span[i] + (e[i].swatch == RENDER_LEGEND_HEADING && i + 1 < n ? g->span[i + 1] : 0);
		if (r > 0 && (r + g->span[i] > rows || (e[i].swatch == RENDER_LEGEND_HEADING && r + need > rows))) {
			c++;
			r = 0;
		}
		g->col[i] = c;
		g->row[i] = r;
		r += g->span[i];
	}
	return c + 1;
}

/* An entry's words' width at the grid's size, as one line. */
static int render_legend_text_w(struct render_app *a, const struct render_legend_entry *e, int px)
{
	int w = 0;
	render_font_size(a->font, e->swatch == RENDER_LEGEND_HEADING ? RENDER_FONT_BOLD : RENDER_FONT_REGULAR, px,
			 RENDER_FONT_LINE, 0, render_legend_words(a, e), &w, NULL);
	return w;
}

/* The grid at px in columns of at most maxh pixels; with textw > 0 the
 * words wrap at textw pixels (an entry then takes as many rows as its
 * lines), else each is one line and sets the columns' width. */
static void render_legend_grid(struct render_app *a, const struct render_legend_list *l, int px, int maxh, int textw,
                               struct render_legend_grid *g)
{
	const struct render_layout_panels *p = &a->panels;
	int n = l->n;
	const struct render_legend_entry *e = l->e;
	g->px = px;
	g->lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, px) + 2;
	g->sw = px * 3;
	g->colw = 0;
	g->textw = textw;
	int total = 0;
	for (int i = 0; i < n; i++) {
		int head = e[i].swatch == RENDER_LEGEND_HEADING, w = render_legend_text_w(a, &e[i], px);
		g->span[i] = 1;
		if (textw > 0 && w > textw + (head ? g->sw + p->pad : 0)) {
			int th = 0, wrap = textw + (head ? g->sw + p->pad : 0);
			render_font_size(a->font, head ? RENDER_FONT_BOLD : RENDER_FONT_REGULAR, px, RENDER_FONT_WRAP, wrap,
					 render_legend_words(a, &e[i]), &w, &th);
			int line = g->lh - 2;
			g->span[i] = (th + line - 1) / line > 1 ? (th + line - 1) / line : 1;
		}
		w += head ? 0 : g->sw + p->pad;
		if (w > g->colw)
			g->colw = w;
		total += g->span[i];
	}
	int per = maxh / g->lh > 1 ? maxh / g->lh : 1;
	g->cols = (total + per - 1) / per;
	g->rows = (total + g->cols - 1) / g->cols;
	while (render_legend_cells(e, n, g->rows, g) > g->cols)
		g->rows++;
}

/* Presenter mode: the words at the presenter's small size (24 px at
 * 1920 x 1080, the samples' tags 19 px: read from the back row), over the
 * map, or over the whole column left of the card where the map is too
 * small; in as few columns as fit the height, the longest entries wrapped
 * in theirs.  Returns 1 and the grid and the area it fills, or 0 if even
 * the whole column cannot hold it at that size. */
static int render_legend_presenter(struct render_app *a, const struct render_legend_list *l, SDL_Rect topo,
                                   int button_h, struct render_legend_grid *g, SDL_Rect *area)
{
	const struct render_layout_panels *p = &a->panels;
	int n = l->n;
	const struct render_legend_entry *e = l->e;
	int px = p->px_small, widest = 0;
	for (int i = 0; i < n; i++) {
		int w = render_legend_text_w(a, &e[i], px);
		widest = w > widest ? w : widest;
	}
	SDL_Rect areas[2] = {
		{ topo.x, topo.y, topo.w, topo.h - button_h - p->pad },
		{ topo.x, topo.y, topo.w, a->h - topo.y },
	};
	for (int k = 0; k < 2; k++)
		for (int cols = 1; cols <= 6; cols++) {
			int colw = (areas[k].w - 3 * p->pad) / cols - 2 * p->pad;
			int textw = colw - px * 3 - p->pad;
			if (textw < px * 6)
				break;
			render_legend_grid(a, l, px, areas[k].h - 3 * p->pad, textw < widest ? textw : 0, g);
			if (g->cols <= cols && g->cols * (g->colw + 2 * p->pad) + p->pad <= areas[k].w - 2 * p->pad &&
			    g->rows * g->lh + p->pad <= areas[k].h - 2 * p->pad) {
				*area = areas[k];
				return 1;
			}
		}
	return 0;
}

/* The legend over the picture's bottom left, in as many columns as its
 * height needs; its text smaller where the columns would be wider than
 * the picture -- but in presenter mode at the presenter's size, over more
 * than the picture if need be (render_legend_presenter). */
static void render_legend_panel(struct render_app *a, SDL_Rect topo, int button_h)
{
	const struct render_layout_panels *p = &a->panels;
	struct render_legend_list *l = xmalloc(sizeof *l);
	render_legend_list(a, l);
	int n = l->n;
	const struct render_legend_entry *e = l->e;
	int maxh = topo.h - button_h - 3 * p->pad;
	struct render_legend_grid g;
	SDL_Rect area = topo, box;
	if (a->presenter && render_legend_presenter(a, l, topo, button_h, &g, &area)) {
		box = (SDL_Rect){ area.x + p->pad, area.y + p->pad, g.cols * (g.colw + 2 * p->pad) + p->pad,
			g.rows * g.lh + p->pad };
	} else {
		for (int px = p->px_small;; px = px * 9 / 10) {
			render_legend_grid(a, l, px, maxh, 0, &g);
			if (g.cols * (g.colw + 2 * p->pad) + p->pad <= topo.w - 2 * p->pad || px * 9 / 10 < 10)
				break;
		}
		/* Still wider than the picture at the smallest size (a rule's
		 * entry with its router's long name): its longest entries wrap
		 * in their columns rather than being cut. */
		for (int cols = g.cols; cols <= 6 && g.cols * (g.colw + 2 * p->pad) + p->pad > topo.w - 2 * p->pad;
		     cols++) {
			int textw = (topo.w - 3 * p->pad) / cols - 2 * p->pad - g.sw - p->pad;
			if (textw < g.px * 6)
				break;
			render_legend_grid(a, l, g.px, maxh, textw, &g);
		}
		box = (SDL_Rect){ topo.x + p->pad, topo.y + topo.h - button_h - 2 * p->pad - g.rows * g.lh - p->pad,
			g.cols * (g.colw + 2 * p->pad) + p->pad, g.rows * g.lh + p->pad };
	}
	if (box.w > area.w - 2 * p->pad)
		box.w = area.w - 2 * p->pad;
	/* Opaque: the map's lines and names must not show through its words
	 * on a projector (issue 11). */
	render_draw_round(a->ren, box, p->radius, 0xFFFFFFFFu);
	render_draw_round_outline(a->ren, box, p->radius, p->line, RENDER_THEME_PANEL_EDGE);
	render_app_hit_add(a, box, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_LEGEND, 0);
	SDL_RenderSetClipRect(a->ren, &box);
	struct render_legend_drawn *d = &a->legend_drawn;
	d->box = box;
	d->px = g.px;
	d->n = n;
	int k_net = 0, k_role = 0;
	enum render_font_mode mode = g.textw > 0 ? RENDER_FONT_WRAP : RENDER_FONT_LINE;
	for (int i = 0; i < n; i++) {
		int x = box.x + p->pad + g.col[i] * (g.colw + 2 * p->pad), y = box.y + p->pad / 2 + g.row[i] * g.lh;
		const char *text = render_legend_words(a, &e[i]);
		int th = 0;
		if (e[i].swatch == RENDER_LEGEND_HEADING) {
			int w = render_font_draw(a->font, RENDER_FONT_BOLD, g.px, RENDER_THEME_ACCENT, mode,
						 g.textw + g.sw + p->pad, text, x, y, &th);
			d->text[i] = (SDL_Rect){ x, y, w, th };
			continue;
		}
		uint32_t fill, edge;
		render_legend_colors(&e[i], &k_net, &k_role, &fill, &edge);
		render_legend_sample(a, &e[i], fill, edge, x, y, g.sw, g.lh - 2, g.px);
		d->sample[i] = (SDL_Rect){ x, y, g.sw, g.lh - 2 };
		int w = render_font_draw(a->font, RENDER_FONT_REGULAR, g.px, RENDER_THEME_TEXT, mode, g.textw, text,
					 x + g.sw + p->pad / 2, y, &th);
		/* wrapped, its words are in their column (a glyph's overhang, "Off"'s
		 * f, may pass the width measured) */
		d->text[i] = (SDL_Rect){ x + g.sw + p->pad / 2, y, g.textw > w ? g.textw : w, th };
	}
	SDL_RenderSetClipRect(a->ren, NULL);
	free(l);
}

/* Does rc straddle the edge of a network's region (neither inside it nor
 * outside)? */
static int render_legend_on_region(const struct render_app *a, SDL_Rect rc)
{
	for (int n = 0; n < a->sc->nnets; n++) {
		SDL_Rect r = render_layout_net_rect(&a->layout, n), x;
		if (r.w > 0 && SDL_IntersectRect(&rc, &r, &x) && !SDL_RectEquals(&x, &rc))
			return 1;
	}
	return 0;
}

/* Does a line of the map (a router's link, a route's straight hop) cross rc? */
static int render_legend_on_line(const struct render_app *a, SDL_Rect rc)
{
	for (int r = 0; r < a->sc->nrouters; r++)
		for (int l = 0; l < a->sc->routers[r].nlinks; l++) {
			struct render_links_path lp;
			render_links_path(a, r, a->sc->routers[r].links[l].net, &lp);
			for (int k = 1; k < lp.n; k++) {
				int x1 = (int)lp.x[k - 1], y1 = (int)lp.y[k - 1], x2 = (int)lp.x[k], y2 = (int)lp.y[k];
				if (SDL_IntersectRectAndLine(&rc, &x1, &y1, &x2, &y2))
					return 1;
			}
		}
	for (size_t i = 0; a->place && i < a->place->nhop; i++) {
		int x1 = (int)a->place->hop[i][0], y1 = (int)a->place->hop[i][1];
		int x2 = (int)a->place->hop[i][2], y2 = (int)a->place->hop[i][3];
		if (SDL_IntersectRectAndLine(&rc, &x1, &y1, &x2, &y2))
			return 1;
	}
	return 0;
}

/* What the button at rc would hide or touch: boxes, chips and labels
 * (within margin: touching "Corp's router" read as one pill), the edge of
 * a network's region ("Legend (G)" across ISP B servers' border in lesson
 * 14), a line of the map; 0 when it is in free room. */
static long render_legend_cost(const struct render_app *a, SDL_Rect rc, int margin)
{
	SDL_Rect m = { rc.x - margin, rc.y - margin, rc.w + 2 * margin, rc.h + 2 * margin };
	/* lines end in dots (1.6 line widths round): further off them */
	int d = margin + 2 * a->panels.line + 2 * a->panels.pad / 3;
	SDL_Rect l = { rc.x - d, rc.y - d, rc.w + 2 * d, rc.h + 2 * d };
	long cost = render_topology_crowded(a, rc) * 4 + render_topology_crowded(a, m);
	long area = (long)rc.w * rc.h;
	if (render_legend_on_region(a, m))
		cost += 2 * area + 1;
	if (render_legend_on_line(a, rc))
		cost += area + 1;
	else if (render_legend_on_line(a, l))
		cost += area / 8 + 1;
	/* presenter mode: inside a region it reads as that network's (lesson
	 * 12's "凡例 (G)" beside the DNS server in the Internet at 1920 x
	 * 1080): room outside the regions, or the title line, first */
	for (int n = 0; a->presenter && n < a->sc->nnets; n++) {
		SDL_Rect r = render_layout_net_rect(&a->layout, n), x;
		if (r.w > 0 && SDL_IntersectRect(&m, &r, &x)) {
			cost += area / 16 + 1;
			break;
		}
	}
	return cost;
}

void render_legend_draw(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	SDL_Rect topo = p->topo;
	char label[96];
	snprintf(label, sizeof label, "%s (G)", render_app_text(a, "ui.legend.button"));
	int w = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_FONT_LINE, 0, label, &w, &h);
	/* The corner of the picture where it hides nothing. */
	int bw = w + p->px_small;
	SDL_Rect cand[4] = {
		{ topo.x + p->pad, topo.y + topo.h - h - p->pad, bw, h },
		{ topo.x + topo.w - bw - p->pad, topo.y + topo.h - h - p->pad, bw, h },
		{ topo.x + p->pad, topo.y + p->pad, bw, h },
		{ topo.x + topo.w - bw - p->pad, topo.y + p->pad, bw, h },
	};
	int margin = p->pad / 2 > 2 ? p->pad / 2 : 2;
	SDL_Rect rc = cand[0];
	long best = -1;
	for (int k = 0; k < 4 && best != 0; k++) {
		long c = render_legend_cost(a, cand[k], margin);
		if (best < 0 || c < best) {
			best = c;
			rc = cand[k];
		}
	}
	/* All four corners taken: free room anywhere on the map, rows from the
	 * bottom up (lessons 11-14 in presenter mode at 1280 x 720 had it on
	 * box titles, region borders and lines). */
	for (int y = topo.y + topo.h - h - p->pad; best != 0 && y >= topo.y + p->pad; y -= h / 2)
		for (int x = topo.x + p->pad; best != 0 && x + bw <= topo.x + topo.w - p->pad; x += h / 2) {
			SDL_Rect c = { x, y, bw, h };
			long cost = render_legend_cost(a, c, margin);
			if (cost < best) {
				best = cost;
				rc = c;
			}
		}
	/* No free room on the map at all (lesson 12 in presenter mode at
	 * 1280 x 720): the right end of the lesson's title line, when the
	 * title leaves room there. */
	SDL_Rect tl = p->title;
	const char *title = sc_text_get(&a->sc->title, a->lang);
	int tw = 0;
	if (best != 0 && tl.h >= h && title)
		render_font_size(a->font, RENDER_FONT_BOLD, p->px_lesson, RENDER_FONT_LINE, 0, title, &tw, NULL);
	if (best != 0 && tl.h >= h && title && tl.x + 3 * p->pad + tw + bw <= tl.x + tl.w) {
		rc = (SDL_Rect){ tl.x + tl.w - bw - p->pad, tl.y + (tl.h - h) / 2, bw, h };
		best = 0;
	} else if (render_topology_crowded(a, rc) > 0) {   /* else the free place nearest its corner */
		render_traffic_free_spot(a, cand[0], bw, h, 0, &rc);
	}
	render_draw_round(a->ren, rc, h / 2, a->legend ? RENDER_THEME_SELECT : 0x546E7AE0u);
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, 0xFFFFFFFFu, RENDER_FONT_LINE, 0, label,
			 rc.x + p->px_small / 2, rc.y, NULL);
	render_app_hit_add(a, rc, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_LEGEND, 0);
	if (SDL_HasIntersection(&rc, &topo))   /* on the map, not on the title line */
		render_topology_place_over(a, rc, RENDER_TOPOLOGY_OVER_LEGEND);
	memset(&a->legend_drawn, 0, sizeof a->legend_drawn);
	if (a->legend)
		render_legend_panel(a, topo, h);
}
