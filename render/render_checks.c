/* render_checks — the card of a receiving MTA's checks of the letter in
 * focus (see render_checks.h). */
#include "render_checks.h"
#include "render_view.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dkim.h"
#include "dmarc.h"
#include "render_app.h"
#include "render_dock.h"
#include "render_draw.h"
#include "render_theme.h"
#include "render_topology.h"
#include "spf.h"

/* A record of the sender checks a receiving server makes. */
static int render_checks_kind(const struct trace_rec *r)
{
	if (r->kind == TR_SPF || r->kind == TR_DKIM || r->kind == TR_DMARC)
		return 1;
	return (r->kind == TR_DNS_QUERY || r->kind == TR_DNS_ANSWER) && r->u.dns.purpose != TRACE_DNS_MX;
}

static void render_checks_add(struct render_checks *out, const struct trace_rec *r)
{
	struct render_checks_sig *last = out->nsig ? &out->sig[out->nsig - 1] : NULL;
	int dkim = (r->kind == TR_DNS_QUERY || r->kind == TR_DNS_ANSWER) && r->u.dns.purpose == TRACE_DNS_DKIM;
	switch (r->kind) {
	case TR_SPF:
		out->spf = r;
		break;
	case TR_DNS_QUERY:
		if (!dkim) {
			if (!out->dmarc_query)
				out->dmarc_query = r;
		} else if (out->nsig < RENDER_CHECKS_MAX_SIGS) {
			out->sig[out->nsig++] = (struct render_checks_sig){ r, 0, NULL };
		}
		break;
	case TR_DNS_ANSWER:
		if (dkim && last && !last->verdict)
			last->answered = 1;
		break;
	case TR_DKIM:
		if (last && !last->verdict && last->query)
			last->verdict = r;
		else if (out->nsig < RENDER_CHECKS_MAX_SIGS)
			out->sig[out->nsig++] = (struct render_checks_sig){ NULL, 1, r };
		break;
	case TR_DMARC:
		out->dmarc = r;
		break;
	default:
		break;
	}
}

void render_checks_gather(const struct trace_rec *tr, size_t n, int msg, struct render_checks *out)
{
	memset(out, 0, sizeof *out);
	out->node = out->conn = -1;
	size_t last = n;
	for (size_t i = n; i-- > 0;)
		if (tr[i].msg == msg && msg >= 0 && render_checks_kind(&tr[i])) {
			last = i;
			break;
		}
	if (last == n)
		return;
	out->node = tr[last].node;
	out->conn = tr[last].conn;
	/* Back to the connection's start: its checks all come after it. */
	size_t first = last;
	while (first > 0 && !(tr[first - 1].conn == out->conn &&
	                      (tr[first - 1].kind == TR_CONNECT || tr[first - 1].kind == TR_ACCEPT)))
		first--;
	for (size_t i = first; i <= last; i++)
		if (tr[i].msg == msg && tr[i].node == out->node && tr[i].conn == out->conn &&
		    render_checks_kind(&tr[i]))
			render_checks_add(out, &tr[i]);
}

/* ---- drawing ---------------------------------------------------------------- */

/* A piece of a row in its own colour. */
struct render_checks_span {
	char text[200];
	uint32_t fg;
};

#define RENDER_CHECKS_MAX_SPANS 32

struct render_checks_card {
	struct render_checks_span span[RENDER_CHECKS_MAX_SPANS];
	int row[RENDER_CHECKS_MAX_SPANS];   /* the row each span is on */
	int n, rows;
};

static void render_checks_span(struct render_checks_card *c, int newrow, uint32_t fg, const char *text)
{
	if (c->n == RENDER_CHECKS_MAX_SPANS)
		return;
	if (newrow || !c->rows)
		c->rows++;
	snprintf(c->span[c->n].text, sizeof c->span[c->n].text, "%s", text);
	c->span[c->n].fg = fg;
	c->row[c->n++] = c->rows - 1;
}

static uint32_t render_checks_tone(const struct trace_rec *r)
{
	int v = trace_kinds[r->kind].verdict ? trace_kinds[r->kind].verdict(r) : 0;
	return v > 0 ? RENDER_THEME_OK : v < 0 ? RENDER_THEME_BLOCK : RENDER_THEME_TEXT;
}

/* Step name key with its mark: pending "…", done ✓, failed ×, skipped –. */
static void render_checks_step(struct render_app *a, struct render_checks_card *c, const char *key,
                               int state)
{
	static const char *const mark[] = { " –", " ✓", " ×", " …" };
	static const uint32_t col[] = { RENDER_THEME_MUTED, RENDER_THEME_OK, RENDER_THEME_BLOCK, RENDER_THEME_DNS };
	char buf[160];
	snprintf(buf, sizeof buf, "%s%s  ", render_app_text(a, key), mark[state]);
	render_checks_span(c, 0, col[state], buf);
}

/* d= and s= of a key query's name "s._domainkey.d". */
static void render_checks_key_name(const char *name, char *sel, size_t selsz, const char **domain)
{
	const char *dk = name ? strstr(name, "._domainkey.") : NULL;
	snprintf(sel, selsz, "%.*s", dk ? (int)(dk - name) : 0, dk ? name : "");
	*domain = dk ? dk + 12 : "";
}

static void render_checks_sig_rows(struct render_app *a, struct render_checks_card *c,
                                   const struct render_checks_sig *g)
{
	const struct trace_dkim *d = g->verdict ? &g->verdict->u.dkim : NULL;
	char line[200], sel[96];
	const char *domain = "";
	if (d && d->status == DKIM_STATUS_NONE) {
		render_checks_span(c, 1, RENDER_THEME_TEXT, render_app_text(a, "ui.checks.dkim.none"));
		return;
	}
	if (d && d->domain && d->selector)
		snprintf(line, sizeof line, "DKIM  d=%s  s=%s", d->domain, d->selector);
	else if (!d) {
		render_checks_key_name(g->query ? g->query->u.dns.domain : NULL, sel, sizeof sel, &domain);
		snprintf(line, sizeof line, "DKIM  d=%s  s=%s", domain, sel);
	} else {
		snprintf(line, sizeof line, "%s", render_app_text(a, "ui.checks.dkim.broken"));
	}
	render_checks_span(c, 1, d ? render_checks_tone(g->verdict) : RENDER_THEME_TEXT, line);
	if (d && !d->domain)
		return;
	/* One row of the three steps: 3 = still under way. */
	int key = d ? d->key : 3, body = d ? d->body : 3, sig = d ? d->signature : 3;
	render_checks_span(c, 1, RENDER_THEME_TEXT, "  ");
	render_checks_step(a, c, "ui.checks.step.key", key);
	render_checks_step(a, c, "ui.checks.step.body", body);
	render_checks_step(a, c, "ui.checks.step.sig", sig);
}

static void render_checks_dmarc_row(struct render_app *a, struct render_checks_card *c,
                                    const struct render_checks *ck)
{
	if (!ck->dmarc) {
		if (ck->dmarc_query)
			render_checks_span(c, 1, RENDER_THEME_DNS, render_app_text(a, "ui.checks.dmarc.asking"));
		return;
	}
	const struct trace_dmarc *d = &ck->dmarc->u.dmarc;
	char key[48];
	struct sbuf b = { 0 };
	snprintf(key, sizeof key, "ui.checks.to.%s",
	         d->action < TRACE_DMARC_ACT_COUNT ? trace_dmarc_act_names[d->action] : "");
	const char *args[] = {
		"result", d->status < DMARC_STATUS_COUNT ? dmarc_status_names[d->status] : "",
		"p", d->requested < DMARC_POLICY_COUNT ? dmarc_policy_names[d->requested] : "",
		"to", render_app_text(a, key), NULL,
	};
	i18n_format(a->cat[a->lang], d->record ? "ui.checks.dmarc" : "ui.checks.dmarc.nopolicy", args, &b);
	render_checks_span(c, 1, render_checks_tone(ck->dmarc), b.s ? b.s : "");
	/* What the server does, on a row of its own (the card stays narrow). */
	sbuf_reset(&b);
	i18n_format(a->cat[a->lang], "ui.checks.action", args, &b);
	if (d->why == TRACE_DMARC_LOCAL)
		sbuf_adds(&b, render_app_text(a, "ui.checks.local"));
	render_checks_span(c, 1, render_checks_tone(ck->dmarc), b.s ? b.s : "");
	sbuf_free(&b);
}

static void render_checks_build(struct render_app *a, const struct render_checks *ck,
                                struct render_checks_card *c)
{
	memset(c, 0, sizeof *c);
	render_checks_span(c, 1, RENDER_THEME_ACCENT, render_app_text(a, "ui.checks.title"));
	if (ck->spf) {
		const struct trace_spf *f = &ck->spf->u.spf;
		char line[200];
		snprintf(line, sizeof line, "SPF  %s  (%s)",
		         f->result < SPF_RESULT_COUNT ? spf_result_names[f->result] : "", f->domain ? f->domain : "");
		render_checks_span(c, 1, render_checks_tone(ck->spf), line);
	}
	for (int i = 0; i < ck->nsig; i++)
		render_checks_sig_rows(a, c, &ck->sig[i]);
	render_checks_dmarc_row(a, c, ck);
}

/* The card's size at px: each row's width and the total height. */
static void render_checks_measure(struct render_app *a, const struct render_checks_card *c, int px, int *w,
                                  int *h, int *lh)
{
	*w = 0;
	*lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, px);
	for (int r = 0; r < c->rows; r++) {
		int rw = 0;
		for (int i = 0; i < c->n; i++)
			if (c->row[i] == r) {
				int sw = 0;
				render_font_size(a->font, r ? RENDER_FONT_REGULAR : RENDER_FONT_BOLD, px, RENDER_FONT_LINE, 0,
						 c->span[i].text, &sw, NULL);
				rw += sw;
			}
		*w = rw > *w ? rw : *w;
	}
	*h = c->rows * *lh;
}

/* The card at rc: its rows at px, each line lh high. */
static void render_checks_paint(struct render_app *a, const struct render_checks_card *c, SDL_Rect rc, int px,
                                int pad, int lh)
{
	render_draw_round(a->ren, rc, pad, RENDER_THEME_PANEL);
	render_draw_round_outline(a->ren, rc, pad, a->panels.line + 1, RENDER_THEME_DNS);
	int x = rc.x + pad, row = -1;
	for (int i = 0; i < c->n; i++) {
		if (c->row[i] != row) {
			row = c->row[i];
			x = rc.x + pad;
		}
		x += render_font_draw(a->font, row ? RENDER_FONT_REGULAR : RENDER_FONT_BOLD, px, c->span[i].fg,
				      RENDER_FONT_LINE, 0, c->span[i].text, x, rc.y + pad + row * lh, NULL);
	}
}

/* No free place on the map near the server (presenter mode: none at all): the card in the right column
 * (render_dock) at the panels' body size, its title -- naming the server
 * it is about -- wrapped to the column; smaller only if a row would not
 * fit the column's width or the card its room.  Returns 0 when the column
 * has no room even then. */
static int render_checks_dock(struct render_app *a, struct render_checks_card *c, int node)
{
	struct sbuf b = { 0 };
	const char *args[] = { "host", render_view_host_name(a, node), NULL };
	i18n_format(a->cat[a->lang], "ui.checks.title_at", args, &b);
	const struct render_layout_panels *p = &a->panels;
	SDL_Rect slot;
	int in_row = render_dock_row(a, &slot);
	int pad = p->pad, inner = (in_row ? slot.w : p->card.w) - 4 * pad, px = p->px_body, tw = 0, th = 0, w = 0, h = 0,
	    lh = 0;
	/* Beside a filter's verdict and the short letter card (a->card_key)
	 * the checks are not the moment's subject: the small text size. */
	if (a->card_key)
		px = p->px_small;
	c->span[0].text[0] = 0;   /* the rows alone, measured */
	for (;;) {
		render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_WRAP, inner, b.s ? b.s : "", &tw, &th);
		render_checks_measure(a, c, px, &w, &h, &lh);
		if ((w <= inner && th + h - lh + 3 * pad <= (in_row ? slot.h : render_dock_room(a))) ||
		    px <= p->px_small * 4 / 5)
			break;
		px = px * 9 / 10;
	}
	SDL_Rect strip = slot;
	if (in_row && th + h - lh + 3 * pad <= slot.h) {
		strip.h = th + h - lh + 3 * pad;
		render_dock_take_row(a);
	} else if (!render_dock_take(a, th + h - lh + 3 * pad, &strip)) {
		sbuf_free(&b);
		return 0;
	}
	SDL_Rect rc = { strip.x + pad, strip.y + pad, strip.w - 2 * pad, th + h - lh + 2 * pad };
	a->dock_px = px;
	SDL_RenderSetClipRect(a->ren, &strip);
	render_draw_round(a->ren, rc, pad, RENDER_THEME_PANEL);
	render_draw_round_outline(a->ren, rc, pad, a->panels.line + 1, RENDER_THEME_DNS);
	render_font_draw(a->font, RENDER_FONT_BOLD, px, c->span[0].fg, RENDER_FONT_WRAP, inner, b.s ? b.s : "",
			 rc.x + pad, rc.y + pad, NULL);
	int x = rc.x + pad, row = 0;
	for (int i = 1; i < c->n; i++) {
		if (c->row[i] != row) {
			row = c->row[i];
			x = rc.x + pad;
		}
		x += render_font_draw(a->font, RENDER_FONT_REGULAR, px, c->span[i].fg, RENDER_FONT_LINE, 0,
				      c->span[i].text, x, rc.y + pad + th + (row - 1) * lh, NULL);
	}
	SDL_RenderSetClipRect(a->ren, NULL);
	sbuf_free(&b);
	return 1;
}

/* The card's title naming the server whose checks it shows. */
static void render_checks_title_at(struct render_app *a, struct render_checks_card *c, int node)
{
	struct sbuf b = { 0 };
	const char *args[] = { "host", render_view_host_name(a, node), NULL };
	i18n_format(a->cat[a->lang], "ui.checks.title_at", args, &b);
	snprintf(c->span[0].text, sizeof c->span[0].text, "%s", b.s ? b.s : "");
	sbuf_free(&b);
}

/* 1 if rc reaches into the region of a network other than node's: a card
 * there reads as that network's server's. */
static int render_checks_foreign(const struct render_app *a, SDL_Rect rc, int node)
{
	for (int n = 0; n < a->sc->nnets; n++) {
		SDL_Rect r = render_layout_net_rect(&a->layout, n);
		if (n != a->sc->hosts[node].net && r.w > 0 && SDL_HasIntersection(&rc, &r))
			return 1;
	}
	return 0;
}

/* A line from a card placed away from its server to the server's box,
 * between their nearest points, under the card; none where it would pass
 * over another box or a label (the title alone names the server then). */
static void render_checks_tie(struct render_app *a, SDL_Rect card, SDL_Rect box, int node)
{
	float cx = (float)card.x + (float)card.w / 2, cy = (float)card.y + (float)card.h / 2;
	float px = fminf(fmaxf(cx, (float)box.x), (float)(box.x + box.w));
	float py = fminf(fmaxf(cy, (float)box.y), (float)(box.y + box.h));
	float qx = fminf(fmaxf(px, (float)card.x), (float)(card.x + card.w));
	float qy = fminf(fmaxf(py, (float)card.y), (float)(card.y + card.h));
	if (render_topology_segment_crowded(a, qx, qy, px, py, card, box, node))
		return;
	render_draw_line(a->ren, qx, qy, px, py, (float)a->panels.line * 1.5f, RENDER_THEME_DNS);
}

/* Drawn from the first check on: an SPF verdict at MAIL FROM shows at once,
 * not only when DMARC follows after DATA (lesson 07's "SPF passes"). */
void render_checks_draw(struct render_app *a, int focus)
{
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	struct render_checks ck;
	render_checks_gather(tr, n, focus, &ck);
	a->dock_px = a->auth_px = 0;
	if (ck.node < 0 || ck.node >= a->sc->nhosts || (!ck.spf && !ck.nsig && !ck.dmarc_query && !ck.dmarc))
		return;
	SDL_Rect box = { 0, 0, 0, 0 };
	for (size_t i = 0; i < a->nhits; i++)
		if (a->hits[i].kind == RENDER_APP_HIT_HOST && a->hits[i].a == ck.node)
			box = a->hits[i].rc;
	if (box.w <= 0)
		return;
	struct render_checks_card c;
	render_checks_build(a, &ck, &c);
	int px = render_topology_least_px(a, 20), w, h, lh, pad = px / 2 + 2;
	a->auth_px = px;   /* (0 again where it docks) */
	render_checks_measure(a, &c, px, &w, &h, &lh);
	/* Below or above the server (slid from its left edge to its right),
	 * right of it or left of it: whichever hides least. */
	int cw = w + 2 * pad, chh = h + 2 * pad, gap = px / 2;
	SDL_Rect cand[12];
	int nc = 0;
	for (int k = 0; k < 5; k++) {
		int x = box.x + (box.w - cw) * k / 4;
		cand[nc++] = (SDL_Rect){ x, box.y + box.h + gap, cw, chh };
		cand[nc++] = (SDL_Rect){ x, box.y - chh - gap, cw, chh };
	}
	cand[nc++] = (SDL_Rect){ box.x + box.w + gap, box.y, cw, chh };
	cand[nc++] = (SDL_Rect){ box.x - cw - gap, box.y, cw, chh };
	/* The middle ones first: a card centred under its server reads best. */
	SDL_Rect order[12] = { cand[4], cand[2], cand[6], cand[0], cand[8], cand[5], cand[3], cand[7],
	                       cand[1], cand[9], cand[10], cand[11] };
	/* The first that hides nothing and lies in no other network's region
	 * (left of ISP B's server in lesson 12 is the data centre's). */
	SDL_Rect rc = order[render_topology_pick(a, order, nc)];
	int clear = 0;
	for (int k = 0; k < nc && !clear; k++)
		if (render_topology_crowded(a, order[k]) == 0 && !render_checks_foreign(a, order[k], ck.node)) {
			rc = order[k];
			clear = 1;
		}
	/* else the nearest free place, which may be in another network's
	 * region: the card then names its server and a line ties it there
	 * (lesson 13's card of the university's checks sat under ISP B's
	 * server, which had refused that mail); in presenter mode, where the
	 * map's names are large and free places few, else the right column */
	if (!clear) {
		struct render_checks_card named = c;
		render_checks_title_at(a, &named, ck.node);
		int nw, nh, nlh;
		render_checks_measure(a, &named, px, &nw, &nh, &nlh);
		SDL_Rect far;
		int found = render_traffic_free_spot(a, box, nw + 2 * pad, nh + 2 * pad, 0, &far);
		if (found && !render_checks_foreign(a, far, ck.node)) {
			render_checks_tie(a, far, box, ck.node);
			render_checks_paint(a, &named, far, px, pad, nlh);
			render_topology_place_over(a, far, RENDER_TOPOLOGY_OVER_AUTH);
			return;
		}
		if (render_checks_dock(a, &c, ck.node)) {
			a->auth_px = 0;
			return;
		}
		if (found) {   /* in another network's region, but named */
			render_checks_paint(a, &named, far, px, pad, nlh);
			render_topology_place_over(a, far, RENDER_TOPOLOGY_OVER_AUTH);
			return;
		}
	}
	render_checks_paint(a, &c, rc, px, pad, lh);
	render_topology_place_over(a, rc, RENDER_TOPOLOGY_OVER_AUTH);
}
