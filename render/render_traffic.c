/* render_traffic — what moves on the network picture: the packets on the
 * wire (a command, a reply, a SYN), DNS questions and answers, the letters
 * (message copies) riding their connection or resting at a host, and the
 * envelope written on the letter in focus.  Drawn over render_topology's
 * networks, routers and hosts, with its geometry helpers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_draw.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_ui.h"
#include "render_view.h"

static uint32_t render_traffic_letter_color(struct render_app *a, int ledger)
{
	struct sim *s = render_app_sim(a);
	if (ledger >= 0 && (size_t)ledger < sim_ledger_count(s) && sim_ledger(s, (size_t)ledger)->bounce_of >= 0)
		return RENDER_THEME_BOUNCE;
	return render_theme_letter[(ledger < 0 ? 0 : ledger) % RENDER_THEME_NLETTER];
}

/* One letter centred at (cx, cy); registers it for clicks. */
static SDL_Rect render_traffic_letter(struct render_app *a, int ledger, float cx, float cy, float scale,
                                      struct render_topology_batches *bt)
{
	float lw = 36 * a->layout.k * (a->presenter ? 1.15f : 1.0f) * scale;
	if (lw < 16)
		lw = 16;
	float lh = lw * 0.66f;
	SDL_Rect rc = { (int)(cx - lw / 2), (int)(cy - lh / 2), (int)lw, (int)lh };
	uint32_t col = render_traffic_letter_color(a, ledger);
	int sel = a->sel == RENDER_APP_SEL_MSG && a->sel_index == ledger;
	if (a->nfconn > RENDER_TOPOLOGY_LABEL_MAX && !sel) {
		/* Busy scene: a small solid card in the letter's colour, batched;
		 * a thousand envelopes are a swarm, not something to read. */
		SDL_Rect dot = { (int)cx - 5, (int)cy - 3, 10, 7 };
		render_topology_batch_add(col == RENDER_THEME_BOUNCE ? &bt->dots : &bt->edges, dot);
		render_app_hit_add(a, dot, RENDER_APP_HIT_MSG, ledger, 0);
		return dot;
	}
	if (sel)
		render_draw_round(a->ren, (SDL_Rect){ rc.x - 4, rc.y - 4, rc.w + 8, rc.h + 8 }, 4, RENDER_THEME_SELECT);
	render_draw_envelope(a->ren, rc, col == RENDER_THEME_BOUNCE ? 0xFFE0B2FFu : 0xFFFDF5FFu, col,
			     a->panels.line + 1);
	if (col == RENDER_THEME_BOUNCE)   /* a bounce says so on its envelope */
		render_font_draw(a->font, RENDER_FONT_BOLD, render_topology_px(a, 13), RENDER_THEME_BOUNCE,
				 RENDER_FONT_LINE, 0, "DSN", rc.x, rc.y + rc.h, NULL);
	render_app_hit_add(a, rc, RENDER_APP_HIT_MSG, ledger, 0);
	return rc;
}

/* The envelope, written on the travelling letter: what SMTP said, not
 * what the header says. */
static void render_traffic_envelope_card(struct render_app *a, const struct msg *m, SDL_Rect letter)
{
	int px = a->panels.px_mono;
	struct sbuf b = { 0 };
	sbuf_addf(&b, "MAIL FROM:<%s>", m->mail_from ? m->mail_from : "");
	for (int i = 0; i < m->nrcpt && i < 3; i++)
		sbuf_addf(&b, "\nRCPT TO:<%s>", m->rcpt[i]);
	if (m->nrcpt > 3)
		sbuf_addf(&b, "\n… +%d", m->nrcpt - 3);
	int w = 0, h = 0;
	int maxw = a->panels.topo.w / 2;
	render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_WRAP, maxw, b.s, &w, &h);
	int pad = px / 2;
	SDL_Rect vp = a->panels.topo;
	int cw = w + 2 * pad, ch = h + 2 * pad;
	/* Beside the letter, on the first side where it hides nothing. */
	SDL_Rect cand[4] = {
		{ letter.x + letter.w + pad, letter.y - ch - pad, cw, ch },
		{ letter.x - cw - pad, letter.y - ch - pad, cw, ch },
		{ letter.x + letter.w + pad, letter.y + letter.h + pad, cw, ch },
		{ letter.x - cw - pad, letter.y + letter.h + pad, cw, ch },
	};
	SDL_Rect rc = cand[0];
	long best = -1;
	for (int i = 0; i < 4; i++) {
		SDL_Rect c = cand[i];
		/* Keep inside the panel, then prefer the side that hides least. */
		if (c.x < vp.x)
			c.x = vp.x + 2;
		if (c.y < vp.y)
			c.y = vp.y + 2;
		if (c.x + c.w > vp.x + vp.w)
			c.x = vp.x + vp.w - c.w - 2;
		if (c.y + c.h > vp.y + vp.h)
			c.y = vp.y + vp.h - c.h - 2;
		SDL_Rect lx;
		long score = render_topology_crowded(a, c) + (SDL_IntersectRect(&c, &letter, &lx) ? 1000000L : 0);
		if (best < 0 || score < best) {
			best = score;
			rc = c;
		}
	}
	render_draw_round(a->ren, (SDL_Rect){ rc.x + 3, rc.y + 3, rc.w, rc.h }, 6, 0x00000030u);
	render_draw_round(a->ren, rc, 6, 0xFFFDE7FFu);
	render_draw_round_outline(a->ren, rc, 6, a->panels.line, render_traffic_letter_color(a, m->ledger));
	render_font_draw(a->font, RENDER_FONT_MONO, px, RENDER_THEME_TEXT, RENDER_FONT_WRAP, maxw, b.s,
			 rc.x + pad, rc.y + pad, NULL);
	sbuf_free(&b);
}

/* Is this wire line the message itself (the DATA payload)? */
static int render_traffic_is_payload(const struct sim_conn *c)
{
	return c->msg >= 0 && c->to_server && c->line &&
	       (strncmp(c->line, "(message", 8) == 0 || strchr(c->line, '\n') != NULL);
}

/* Connections a router stopped, per router (busy scenes label them once). */
struct render_traffic_blocked {
	int n, conn, port;
	float x, y;
};

/* A red label beside the cross at (bx, by), where it hides no router name
 * or rule chip. */
static void render_traffic_block_label(struct render_app *a, float bx, float by, const char *text)
{
	int px = render_topology_px(a, 16);
	int tw = (int)(330 * a->layout.k) + 80;
	int w = 0, h = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_FIT, tw, text, &w, &h);
	float off = (float)px * 1.6f;
	float cand[4][2] = { { bx, by - off }, { bx - (float)w / 2 - off, by },
			     { bx + (float)w / 2 + off, by }, { bx, by + off } };
	int pick = 0;
	long best = -1;
	for (int k = 0; k < 4; k++) {
		SDL_Rect spot = { (int)cand[k][0] - w / 2 - px / 2, (int)cand[k][1] - h / 2, w + px, h };
		long sc = render_topology_crowded(a, spot);
		if (best < 0 || sc < best) {
			best = sc;
			pick = k;
		}
	}
	render_topology_pill(a, RENDER_FONT_BOLD, px, text, cand[pick][0], cand[pick][1], tw,
			     RENDER_THEME_BLOCK, 0xFFFFFFFFu, 0);
}

/* Packets on the wire, and the letters riding their connection. */
static void render_traffic_packets(struct render_app *a, int focus, const struct msg *want,
                                   SDL_Rect *focus_rc, const struct msg **focus_m,
                                   struct render_topology_batches *bt)
{
	struct sim *s = render_app_sim(a);
	int64_t now = sim_now(s);
	int labels = a->nfconn <= RENDER_TOPOLOGY_LABEL_MAX;
	int px = render_topology_px(a, 16);
	int tw = (int)(330 * a->layout.k);
	struct render_traffic_blocked *blocked = xcalloc((size_t)a->sc->nrouters + 1, sizeof *blocked);
	for (size_t i = 0; i < a->nfconn; i++) {
		const struct sim_conn *c = &a->fconn[i];
		struct render_topology_route rt;
		render_topology_route_of(a, c, &rt);
		if (rt.n < 2)
			continue;
		float f = render_topology_fraction(c, now);
		int forward = c->to_server;
		float px_, py_;
		render_topology_along(&rt, forward ? f : 1.0f - f, &px_, &py_);
		if (rt.blocked && !c->in_flight) {
			/* Dropped: the SYN stays dead at the router with the rule's name;
			 * the client waits for its timeout.  The cross sits where the SYN
			 * met the router, not on its name. */
			float bx = rt.x[rt.n - 2] + (rt.x[rt.n - 1] - rt.x[rt.n - 2]) * 0.8f;
			float by = rt.y[rt.n - 2] + (rt.y[rt.n - 1] - rt.y[rt.n - 2]) * 0.8f;
			render_draw_cross(a->ren, bx, by, 10 * a->layout.k + 5, (float)a->panels.line * 2.5f, RENDER_THEME_BLOCK);
			int r = c->blocked_at;
			if (labels) {
				const char *rule = render_view_blocked_rule(a, c->id);
				char buf[128];
				snprintf(buf, sizeof buf, "SYN :%d × %s", c->port, rule ? rule : "");
				render_traffic_block_label(a, bx, by, buf);
			} else if (r >= 0 && r < a->sc->nrouters) {
				/* A busy scene: one label per router, with a count. */
				if (!blocked[r].n) {
					blocked[r].conn = c->id;
					blocked[r].port = c->port;
					blocked[r].x = bx;
					blocked[r].y = by;
				}
				blocked[r].n++;
			}
		}
		/* The letter waits at the client end until the DATA payload carries it. */
		if (c->msg >= 0) {
			float lx, ly;
			int riding = c->in_flight && render_traffic_is_payload(c);
			if (riding) {
				lx = px_;
				ly = py_;
			} else {
				render_topology_along(&rt, 0.12f, &lx, &ly);
			}
			SDL_Rect lr = render_traffic_letter(a, c->msg, lx, ly, riding ? 1.25f : 1.0f, bt);
			for (size_t k = 0; c->msg == focus && k < a->nfcopy; k++)
				if (a->fcopy[k].holder == HOLD_CONN && a->fcopy[k].conn == c->id &&
				    (!*focus_m || a->fcopy[k].m == want)) {
					*focus_rc = lr;
					*focus_m = a->fcopy[k].m;
				}
			if (riding)
				continue;
		}
		if (!c->in_flight)
			continue;
		uint32_t col = forward ? RENDER_THEME_CMD : RENDER_THEME_REPLY;
		if (rt.blocked)
			col = RENDER_THEME_BLOCK;
		if (!labels) {
			int d = (int)(8 * a->layout.k) + 3;
			SDL_Rect q = { (int)px_ - d / 2, (int)py_ - d / 2, d, d };
			if (rt.blocked)
				render_draw_fill(a->ren, q, col);
			else
				render_topology_batch_add(forward ? &bt->cmd : &bt->reply, q);
			continue;
		}
		char buf[96];
		if (!c->line || !*c->line)
			snprintf(buf, sizeof buf, "SYN → :%d", c->port);
		else
			snprintf(buf, sizeof buf, "%s %s", forward ? "C:" : "S:", c->line);
		render_topology_pill(a, RENDER_FONT_MONO, px, buf, px_, py_, tw, col, 0xFFFFFFFFu, 0);
	}
	for (int r = 0; r < a->sc->nrouters; r++) {
		if (!blocked[r].n)
			continue;
		const char *rule = render_view_blocked_rule(a, blocked[r].conn);
		char buf[160];
		snprintf(buf, sizeof buf, "SYN :%d × %s ×%d", blocked[r].port, rule ? rule : "", blocked[r].n);
		render_traffic_block_label(a, blocked[r].x, blocked[r].y, buf);
	}
	free(blocked);
}

/* DNS queries in flight: the question goes out to the DNS server along
 * the real path, the answer comes back in the second half of the round trip. */
static void render_traffic_dns(struct render_app *a)
{
	const struct trace_rec *q[8];
	int n = render_view_dns_pending(a, q, 8);
	int64_t now = sim_now(render_app_sim(a));
	int px = render_topology_px(a, 16);
	for (int i = 0; i < n; i++) {
		const struct trace_rec *r = q[i];
		if (r->node < 0 || r->node >= a->sc->nhosts || r->peer < 0 || r->peer >= a->sc->nhosts)
			continue;
		int routers[16];
		int64_t lat = 0;
		int nr = sim_path(render_app_sim(a), r->node, r->peer, routers, 16, &lat);
		if (nr < 0 || lat <= 0)
			continue;
		struct render_topology_route rt;
		rt.blocked = 0;
		render_topology_host_xy(a, r->node, &rt.x[0], &rt.y[0]);
		rt.n = 1;
		for (int k = 0; k < nr && k < 16 && rt.n < RENDER_TOPOLOGY_MAX_POINTS - 1; k++, rt.n++)
			render_topology_router_xy(a, routers[k], &rt.x[rt.n], &rt.y[rt.n]);
		render_topology_host_xy(a, r->peer, &rt.x[rt.n], &rt.y[rt.n]);
		rt.n++;
		for (int k = 1; k < rt.n; k++)
			render_draw_dashed(a->ren, rt.x[k - 1], rt.y[k - 1], rt.x[k], rt.y[k], (float)a->panels.line * 2,
					   8 * a->layout.k + 3, RENDER_THEME_DNS);
		float f = (float)(now - r->t) / (float)lat;
		if (f < 0)
			f = 0;
		if (f > 2)
			f = 2;
		float x, y;
		render_topology_along(&rt, f <= 1 ? f : 2 - f, &x, &y);
		char buf[160];
		if (f <= 1)
			snprintf(buf, sizeof buf, "DNS ? %s MX", r->detail ? r->detail : "");
		else
			snprintf(buf, sizeof buf, "DNS → MX %s", r->detail ? r->detail : "");
		render_topology_pill(a, RENDER_FONT_MONO, px, buf, x, y, (int)(330 * a->layout.k) + 60,
				     RENDER_THEME_DNS, 0xFFFFFFFFu, 0);
	}
}

/* Letters at rest: in an outbox, a queue, a mailbox or a reader's MUA,
 * stacked at the host's top-right corner. */
static void render_traffic_resting(struct render_app *a, int focus, const struct msg *want,
                                   SDL_Rect *focus_rc, const struct msg **focus_m,
                                   struct render_topology_batches *bt)
{
	const struct scenario *sc = a->sc;
	int *count = xcalloc((size_t)sc->nhosts + 1, sizeof *count);
	int px = render_topology_px(a, 15);
	for (size_t i = 0; i < a->nfcopy; i++) {
		const struct sim_copy *c = &a->fcopy[i];
		if (c->holder == HOLD_CONN || c->node < 0 || c->node >= sc->nhosts)
			continue;
		int node = render_layout_leader(sc, c->node);   /* a group's letters pile on its box */
		int k = count[node]++;
		if (k >= RENDER_TOPOLOGY_STACK && c->m->ledger != focus)
			continue;
		float cx, cy;
		render_topology_host_xy(a, node, &cx, &cy);
		float lw = 36 * a->layout.k * (a->presenter ? 1.15f : 1.0f);
		if (lw < 16)
			lw = 16;
		int slot = k < RENDER_TOPOLOGY_STACK ? k : RENDER_TOPOLOGY_STACK;
		float lx = cx + 70 * a->layout.k + (float)slot * lw * 0.35f;
		float ly = cy - 44 * a->layout.k - (float)slot * lw * 0.2f;
		SDL_Rect lr = render_traffic_letter(a, c->m->ledger, lx, ly, 1.0f, bt);
		/* The envelope goes on the copy the letter card shows. */
		if (c->m->ledger == focus && (!*focus_m || (c->m == want && *focus_m != want))) {
			*focus_rc = lr;
			*focus_m = c->m;
		}
	}
	for (int h = 0; h < sc->nhosts; h++) {
		if (count[h] <= RENDER_TOPOLOGY_STACK)
			continue;
		float cx, cy;
		render_topology_host_xy(a, h, &cx, &cy);
		char buf[32];
		snprintf(buf, sizeof buf, "×%d", count[h]);
		render_topology_pill(a, RENDER_FONT_BOLD, px, buf, cx + 70 * a->layout.k + 80 * a->layout.k,
				     cy - 60 * a->layout.k, 200, RENDER_THEME_TEXT, 0xFFFFFFFFu, 0);
	}
	free(count);
}

void render_traffic_draw(struct render_app *a, struct render_topology_batches *bt)
{
	int focus = render_view_focus_msg(a);
	SDL_Rect focus_rc = { 0, 0, 0, 0 };
	const struct msg *focus_m = NULL;
	render_traffic_dns(a);
	struct sim_copy best;
	const struct msg *want = focus >= 0 && render_view_copy_of(a, focus, &best) == 0 ? best.m : NULL;
	render_traffic_packets(a, focus, want, &focus_rc, &focus_m, bt);
	render_traffic_resting(a, focus, want, &focus_rc, &focus_m, bt);
	render_topology_batch_flush(a, &bt->edges);
	render_topology_batch_flush(a, &bt->dots);
	render_topology_batch_flush(a, &bt->cmd);
	render_topology_batch_flush(a, &bt->reply);
	/* The envelope card last: it must not hide under other letters. */
	if (focus_m && focus_rc.w > 0)
		render_traffic_envelope_card(a, focus_m, focus_rc);
}
