/* render_traffic — what moves on the network picture: the packets on the
 * wire (a command, a reply, a SYN), DNS questions and answers, the letters
 * (message copies) riding their connection or waiting at their client, the
 * crosses of stopped SYNs and refusals.  Drawn over render_topology's
 * networks, routers and hosts, with its geometry helpers (where a cross
 * goes is render_cross's, its label render_drop_label's); the letters
 * themselves, the envelope card and the letters at rest are
 * render_letter's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_app.h"
#include "render_checks.h"
#include "render_cross.h"
#include "render_dns.h"
#include "render_heard.h"
#include "render_draw.h"
#include "render_drop_label.h"
#include "render_events.h"
#include "render_letter.h"
#include "render_nettab.h"
#include "render_pdu.h"
#include "render_pill.h"
#include "render_quiz.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_tray.h"
#include "render_ui.h"
#include "render_view.h"
#include "render_wrap.h"



/* Where along rt near fraction f (within lo .. hi) a mark of w x h covers
 * no box, badge, chip or name (a letter passing a router, a cross where a
 * SYN died): 1 and that point, else 0 and the point at f itself. */
static int render_traffic_clear_xy(const struct render_app *a, const struct render_topology_route *rt, float f,
                                   int w, int h, float lo, float hi, float *x, float *y)
{
	float g = render_topology_clear_along(a, rt, f, w, h, lo, hi);
	render_topology_along(rt, g >= 0 ? g : f, x, y);
	return g >= 0;
}

/* The free place (hiding no box, chip or label, nor near) for a w x h
 * label nearest to near's centre, on a grid over the network panel, at
 * most max_d pixels away (0: anywhere): 1 and *out, or 0 if there is none. */
int render_traffic_free_spot_but(struct render_app *a, SDL_Rect near, int w, int h, int max_d, const SDL_Rect *extra,
                                 size_t nextra, SDL_Rect *out)
{
	SDL_Rect vp = a->panels.topo;
	int sx = w / 4 > 8 ? w / 4 : 8, sy = h / 3 > 8 ? h / 3 : 8;
	long best = -1;
	float lx = (float)(near.x + near.w / 2), ly = (float)(near.y + near.h / 2);
	int x0 = vp.x + 4, y0 = vp.y + 4, x1 = vp.x + vp.w - 4, y1 = vp.y + vp.h - 4;
	if (max_d > 0) {   /* only the window within reach */
		x0 = x0 > (int)lx - max_d - w ? x0 : (int)lx - max_d - w;
		y0 = y0 > (int)ly - max_d - h ? y0 : (int)ly - max_d - h;
		x1 = x1 < (int)lx + max_d + w ? x1 : (int)lx + max_d + w;
		y1 = y1 < (int)ly + max_d + h ? y1 : (int)ly + max_d + h;
	}
	/* The obstacles in that window, once: a busy scene has a thousand
	 * customer dots and as many letters. */
	SDL_Rect win = { x0, y0, x1 - x0, y1 - y0 }, ix;
	size_t n = 0;
	SDL_Rect *ob = xmalloc((a->nhits + a->ntaken + nextra + 1) * sizeof *ob);
	for (size_t i = 0; i < nextra; i++)
		ob[n++] = extra[i];
	for (size_t i = 0; i < a->nhits; i++)
		if ((a->hits[i].kind == RENDER_APP_HIT_HOST || a->hits[i].kind == RENDER_APP_HIT_ROUTER ||
		     a->hits[i].kind == RENDER_APP_HIT_RULE) && SDL_IntersectRect(&a->hits[i].rc, &win, &ix))
			ob[n++] = a->hits[i].rc;
	for (size_t i = 0; i < a->ntaken; i++)
		if (SDL_IntersectRect(&a->taken[i], &win, &ix))
			ob[n++] = a->taken[i];
	ob[n++] = near;
	for (int y = y0; y + h <= y1; y += sy)
		for (int x = x0; x + w <= x1; x += sx) {
			size_t k = 0;
			while (k < n && (x >= ob[k].x + ob[k].w || ob[k].x >= x + w || y >= ob[k].y + ob[k].h ||
					 ob[k].y >= y + h))
				k++;
			if (k < n)
				continue;
			float dx = (float)x + (float)w / 2 - lx, dy = (float)y + (float)h / 2 - ly;
			long d = (long)(dx * dx + dy * dy);
			if (max_d > 0 && d > (long)max_d * max_d)
				continue;
			if (best < 0 || d < best) {
				best = d;
				*out = (SDL_Rect){ x, y, w, h };
			}
		}
	free(ob);
	return best >= 0;
}

int render_traffic_free_spot(struct render_app *a, SDL_Rect near, int w, int h, int max_d, SDL_Rect *out)
{
	return render_traffic_free_spot_but(a, near, w, h, max_d, NULL, 0, out);
}

/* The nearest free place for a w x h label of the point (x, y), within
 * max_d, whose tie line from (x, y) crosses no box or label but the box
 * the point is in (lesson 01b: "S: 250 … queued" was tied across "ISP A's
 * border router" and "SMTP 587 TLS"): 2 and *out; else the nearest free
 * place: 1 and *out; 0 if there is none. */
/* Where a tie line from the point (x, y) to a label centred at (lx, ly)
 * starts: the point, or, if it lies in a host's or router's box, the
 * edge of that box nearest the label (not across its name and address). */
void render_traffic_tie_start(const struct render_app *a, float x, float y, float lx, float ly, float *sx,
                              float *sy)
{
	*sx = x;
	*sy = y;
	for (size_t i = 0; i < a->nhits; i++) {
		SDL_Rect b = a->hits[i].rc;
		if ((a->hits[i].kind == RENDER_APP_HIT_HOST || a->hits[i].kind == RENDER_APP_HIT_ROUTER) &&
		    x >= (float)b.x && x < (float)(b.x + b.w) && y >= (float)b.y && y < (float)(b.y + b.h)) {
			/* the label lies outside the box: its centre clamped to the
			 * box is on the box's edge */
			*sx = fminf(fmaxf(lx, (float)b.x), (float)(b.x + b.w));
			*sy = fminf(fmaxf(ly, (float)b.y), (float)(b.y + b.h));
		}
	}
}

enum { RENDER_TRAFFIC_REGIONS = 32 };

/* A free place for the label c of the point (x, y) half a grid step
 * (render_traffic_free_spot_but's) to two up, down, left or right of c:
 * hiding nothing (render_topology_crowded), off the point and the nex
 * regions ex, within max_d of the point, its tie crossing nothing: 1 and
 * *out. */
static int render_traffic_tied_aside(struct render_app *a, float x, float y, SDL_Rect c, int max_d, SDL_Rect from,
                                     const SDL_Rect *ex, size_t nex, SDL_Rect *out)
{
	int stx = c.w / 4 > 8 ? c.w / 4 : 8, sty = c.h / 3 > 8 ? c.h / 3 : 8;
	static const int dir[4][2] = { { 0, -1 }, { 0, 1 }, { -1, 0 }, { 1, 0 } };
	SDL_Rect at = { (int)x - 2, (int)y - 2, 4, 4 }, ix;
	for (int k = 1; k <= 4; k++)
		for (int d = 0; d < 4; d++) {
			SDL_Rect v = { c.x + dir[d][0] * k * stx / 2, c.y + dir[d][1] * k * sty / 2, c.w, c.h };
			float lx = (float)v.x + (float)v.w / 2, ly = (float)v.y + (float)v.h / 2, sx, sy;
			int off = !SDL_IntersectRect(&v, &at, &ix);
			for (size_t i = 0; i < nex && off; i++)
				off = !SDL_IntersectRect(&v, &ex[i], &ix);
			if (!off || (max_d > 0 && hypotf(lx - x, ly - y) > (float)max_d) || render_topology_crowded(a, v))
				continue;
			render_traffic_tie_start(a, x, y, lx, ly, &sx, &sy);
			if (!render_topology_tie_crowded(a, sx, sy, lx, ly, from, v)) {
				*out = v;
				return 1;
			}
		}
	return 0;
}

/* The same, off the nf regions fr (nf < 0: the regions of networks the
 * point is not in, when it is in one). */
int render_traffic_tied_spot_off(struct render_app *a, float x, float y, int w, int h, int max_d, SDL_Rect from,
                                 const SDL_Rect *fr, int nf, SDL_Rect *out)
{
	SDL_Rect at = { (int)x - 2, (int)y - 2, 4, 4 };
	enum { TRIES = 24, REGIONS = RENDER_TRAFFIC_REGIONS };
	/* off the regions of networks the point is not in, when it is in one
	 * (a label there reads as that network's), then the places tried */
	SDL_Rect tried[REGIONS + TRIES], first;
	size_t base = 0, n = 0;
	if (nf < 0) {
		nf = render_topology_foreign(a, (SDL_Point){ (int)x, (int)y }, tried, REGIONS);
		base = nf < a->sc->nnets ? (size_t)nf : 0;
	} else {
		for (; base < (size_t)nf && base < REGIONS; base++)
			tried[base] = fr[base];
	}
	while (n < TRIES && render_traffic_free_spot_but(a, at, w, h, max_d, tried, base + n, &tried[base + n])) {
		SDL_Rect c = tried[base + n];
		if (n == 0)
			first = c;
		float lx = (float)c.x + (float)w / 2, ly = (float)c.y + (float)h / 2, sx, sy;
		render_traffic_tie_start(a, x, y, lx, ly, &sx, &sy);
		if (!render_topology_tie_crowded(a, sx, sy, lx, ly, from, c)) {
			*out = c;
			return 2;
		}
		/* a tie that only grazes a name or a box's corner (lesson 07's
		 * 550 at 40.39 s in presenter mode, tied a few pixels through
		 * "ISP B servers"): the place a grid step or two aside, which
		 * the places tried would leave out (only the regions kept off) */
		if (a->presenter && !render_topology_segment_crowded(a, sx, sy, lx, ly, from, c, -1) &&
		    render_traffic_tied_aside(a, x, y, c, max_d, from, tried, base, out))
			return 2;
		n++;
	}
	if (n)
		*out = first;
	return n > 0;
}

/* Is this wire line the message itself (the DATA payload)? */
static int render_traffic_is_payload(const struct sim_conn *c)
{
	return c->msg >= 0 && c->to_server && c->payload;
}

/* Has the server already taken the message c carries, as of the current
 * row?  The trace's TR_QUEUED (or an LMTP server's TR_DELIVER) on this
 * connection since its last payload says so: the answer (250) is still on
 * its way back and the client keeps its copy until then, but the message
 * now is the server's -- queued, delivered or bounced there -- and its
 * letter is drawn there (issue 11: lesson 13 at 110.533 s showed fake2 at
 * the attacker's PC while the card said "queued" at the university). */
static int render_traffic_handed(const struct render_app *a, const struct sim_conn *c)
{
	if (c->msg < 0 || !c->in_flight || c->to_server)
		return 0;   /* only an answer on its way back can follow a hand-over */
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	for (size_t i = n, seen = 0; i-- > 0 && seen < 4000; seen++) {
		const struct trace_rec *r = &tr[i];
		if (r->conn != c->id)
			continue;
		if ((r->kind == TR_QUEUED || r->kind == TR_DELIVER) && r->msg == c->msg)
			return 1;
		if (r->kind == TR_CONNECT || r->kind == TR_ACCEPT ||
		    (r->kind == TR_CMD && r->u.line.verb && strcmp(r->u.line.verb, ".") == 0))
			return 0;   /* the payload arrived, and nobody took it yet */
	}
	return 0;
}

/* Connections a router stopped, per router (busy scenes label them once). */
struct render_traffic_blocked {
	int n, conn, port;
	const char *rule;      /* labels mode: the rule's name (the scenario's string) */
	float x, y;
};

/* Where a router's cross went for a route coming in from (fx, fy). */
struct render_traffic_spot {
	int set;
	float fx, fy, x, y;
};

/* Does router r's count of blocks beside it (the "× OP25B blocked ×3"
 * pill, render_topology_router_marks) name rule already?  Then a drop
 * there keeps its cross in the rule's colour without a second label that
 * says the same: "SYN :25 × OP25B ×3" on the wire beside "× OP25B 遮断
 * ×3" (lesson 09 at 2.194 s), or with another count beside it (lesson
 * 02's "SYN :25 × OP25B" by "× OP25B 遮断 ×2"), and in presenter mode
 * piled above it or tied far off across ISP B's region. */
static int render_traffic_told(struct render_app *a, int r, const char *rule)
{
	const char *counted = NULL;
	if (!(r >= 0 && r < a->sc->nrouters && rule && !render_summary_shown(a) &&
	      render_topology_router_blocked(a, r, &counted) > 0 && counted && strcmp(rule, counted) == 0))
		return 0;
	/* and drawn: a count left out where it would read as another
	 * router's leaves the rule's name to the drop's label (lesson 09 at
	 * 1080p presenter en: a bare ✕ beside ISP B's "OP25B on" chip read
	 * as OP25B's) */
	for (size_t i = 0; a->place && i < a->place->nover; i++)
		if (a->place->over[i].kind == RENDER_TOPOLOGY_OVER_BLOCKS &&
		    SDL_RectEquals(&a->place->over[i].anchor, &a->node_box[a->sc->nhosts + r]))
			return 1;
	return 0;
}

int render_traffic_packet_label(struct render_app *a, const struct sim_conn *c, int forward, char *buf, size_t n)
{
	if (!c->line || !*c->line) {
		snprintf(buf, n, "SYN → :%d", c->port);
		return 0;
	}
	if (c->tls) {
		/* Inside TLS the wire carries a record of ciphertext, and that is
		 * all the label says: its size, as the eavesdropper's panel and
		 * lesson 14's caption put it ("TLS ciphertext, N bytes").  The
		 * commands the two ends read are in the event list, the card and
		 * the transcript; a faint "C: USER bob@…" under a veil still read
		 * as something on the way could see (issue 11). */
		char bytes[16];
		uint32_t wire = sim_conn_wire_bytes(render_app_sim(a), c->id);
		for (int i = 0; i < a->nrow_wire; i++)   /* a line put back on the wire as of the row */
			if (a->row_wire[i].id == c->id)
				wire = a->row_wire[i].bytes;
		snprintf(bytes, sizeof bytes, "%u", (unsigned)wire);
		const char *args[] = { "bytes", bytes, NULL };
		struct sbuf t = { 0 };
		sbuf_adds(&t, RENDER_SEAL_ROOM);
		i18n_format(a->cat[a->lang], "ui.wire.tls", args, &t);
		render_wrap_copy(buf, n, t.s ? t.s : "");
		sbuf_free(&t);
		return 1;
	}
	/* Several lines at once -- pipelined commands (RFC 2920), a burst of
	 * replies, a reply of several lines -- as the first and how many more
	 * travel with it, "C: MAIL FROM:<…> (+4 pipelined)": joined into one
	 * they were cut mid-word at the label's end (issue 11, lesson 01b). */
	struct sbuf t = { 0 }, tail = { 0 };
	size_t first = strcspn(c->line, "\n");
	int more = 0;
	for (const char *q = c->line + first; *q; q++)
		more += *q == '\n' && q[1] != '\0';
	sbuf_adds(&t, forward ? "C: " : "S: ");
	sbuf_add(&t, c->line, first);
	if (more > 0 && forward) {
		char num[16];
		snprintf(num, sizeof num, "%d", more);
		const char *args[] = { "n", num, NULL };
		sbuf_addc(&t, ' ');
		i18n_format(a->cat[a->lang], "ui.wire.pipelined", args, &t);
	} else if (more > 0 && render_events_more(a, c->line + first, &tail)) {   /* as the event list counts */
		sbuf_addc(&t, ' ');
		sbuf_adds(&t, tail.s ? tail.s : "");
	}
	sbuf_free(&tail);
	render_wrap_copy(buf, n, t.s ? t.s : "");
	sbuf_free(&t);
	return 0;
}

/* The colour of a line on the wire: a refusal (5xx) red, a "try later"
 * (4xx) amber, other replies green, commands blue.  Inside TLS too: the
 * label says only what the wire shows (ciphertext and its size), but the
 * colour is the map's own knowledge, as the ✕ at the refusing server is
 * (issue 11: "5xx replies are drawn red"; lesson 06's 550 and 554 and
 * lesson 04's 554 all travel inside TLS and flew green). */
static uint32_t render_traffic_line_color(const struct sim_conn *c)
{
	if (c->to_server)
		return RENDER_THEME_CMD;
	return c->code >= 500 ? RENDER_THEME_BLOCK : c->code >= 400 ? RENDER_THEME_WARN : RENDER_THEME_REPLY;
}

/* Per connection of this frame (labels mode), the refusal its server made:
 * the latest SMTP reply told on it if that is a 5xx (its code and the
 * record), else code 0.  The mark stays while the connection is open. */
static void render_traffic_refusals(struct render_app *a, int *code, const struct trace_rec **rec)
{
	size_t n = 0, left = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	for (size_t k = 0; k < a->nfconn; k++) {
		code[k] = -1;   /* not decided yet */
		rec[k] = NULL;
		left++;
	}
	for (size_t i = n, seen = 0; i-- > 0 && left > 0 && seen < 20000; seen++) {
		const struct trace_rec *r = &tr[i];
		if (r->conn < 0 || (r->kind != TR_REPLY && r->kind != TR_CONNECT))
			continue;
		for (size_t k = 0; k < a->nfconn; k++) {
			if (a->fconn[k].id != r->conn || code[k] >= 0)
				continue;
			int c = r->kind == TR_REPLY && r->proto == PROTO_SMTP ? r->u.line.code : 0;
			code[k] = c >= 500 ? c : 0;
			rec[k] = code[k] ? r : NULL;
			/* In a pipelined burst the first refusal is the cause (RCPT's
			 * 550 before DATA's "554 no valid recipients"). */
			for (size_t j = i; code[k] && r->burst > 1 && j-- > 0;) {
				const struct trace_rec *q = &tr[j];
				if (q->conn != r->conn)
					continue;
				if (q->kind != TR_REPLY || !q->burst || q->burst >= rec[k]->burst || q->t != r->t)
					break;
				if (q->u.line.code >= 500) {
					code[k] = q->u.line.code;
					rec[k] = q;
				}
			}
			left--;
		}
	}
	for (size_t k = 0; k < a->nfconn; k++)
		if (code[k] < 0)
			code[k] = 0;
}

/* The client step a refusal on the wire answers, as the reply's record
 * will name it once it lands ("mail", "rcpt", "content"): the command of
 * the first 5xx line of c's reply (of a pipelined burst, the command in
 * the same place in its burst), from the server's command records.  NULL
 * if none is told. */
static const char *render_traffic_answered(struct render_app *a, const struct sim_conn *c)
{
	int place = 1;   /* the first 5xx line's place in the burst */
	for (const char *l = c->line; l && *l; place++) {
		if (strtol(l, NULL, 10) >= 500)
			break;
		l = strchr(l, '\n');
		l = l ? l + 1 : NULL;
	}
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	for (size_t i = n, seen = 0; i-- > 0 && seen < 4000; seen++) {
		const struct trace_rec *r = &tr[i];
		if (r->conn != c->id || r->kind != TR_CMD)
			continue;
		if (r->burst && r->burst != place && r->burst > 1)
			continue;   /* another line of the same burst */
		if (r->burst && r->burst != place)
			return NULL;
		const char *v = r->u.line.verb ? r->u.line.verb : "";
		return strcmp(v, ".") == 0 ? "content" : v;
	}
	return NULL;
}

/* A refusal at the server: a red cross where the connection meets the
 * server's box, and the reply's code with the client step it answers
 * (verb, NULL if unknown). */
static void render_traffic_refusal_mark(struct render_app *a, const struct sim_conn *c,
                                        const struct render_topology_route *rt, int code, const char *verb_of)
{
	if (rt->blocked || rt->n < 2 || c->server < 0)
		return;
	float bx, by, arm = 10 * a->layout.k + 5;
	render_cross_at_server(a, rt, c->server, arm, &bx, &by);
	render_cross_draw(a, NULL, bx, by, arm, RENDER_THEME_BLOCK, RENDER_APP_HIT_HOST,
			  render_layout_leader(a->sc, c->server));
	char buf[96], verb[48] = "";
	const char *v = verb_of ? verb_of : "";
	/* A reply to the message's closing "." answers no command of its own:
	 * Postfix's bounces say "in reply to end of DATA command". */
	if (strcmp(v, "content") == 0)
		v = render_app_text(a, "ui.refused.dot");
	size_t i = 0;
	int upper = v == verb_of;   /* a client step's name, in lower case */
	for (; v[i] && i + 1 < sizeof verb; i++)
		verb[i] = (char)(upper && v[i] >= 'a' && v[i] <= 'z' ? v[i] - 32 : v[i]);
	verb[i] = 0;
	if (*verb)
		snprintf(buf, sizeof buf, "%s → %d", verb, code);
	else
		snprintf(buf, sizeof buf, "%d", code);
	/* presenter mode, with no room for all of it: the code alone */
	char brief[16];
	snprintf(brief, sizeof brief, "%d", code);
	render_drop_label_draw(a, -1, render_layout_leader(a->sc, c->server), bx, by, buf, brief,
				   RENDER_THEME_BLOCK);
}

/* Is a w x h letter at (x, y) on a network's name or range (the last
 * kinds), or the tab a name across its region's edge is drawn on (lesson
 * 13 at 30 s: the newsletter system's letter waiting at its box's corner
 * lay under "Newsletter service (esp.example)"'s tab, clear of the name),
 * or on a box, chips or tray but host own's box? */
static int render_traffic_on_name(const struct render_app *a, int own, float x, float y, int w, int h)
{
	SDL_Rect rc = { (int)x - w / 2, (int)y - h / 2, w, h }, tab, joint;
	for (size_t i = 0; a->place && i < a->place->nlab; i++) {
		const struct render_topology_label *l = &a->place->lab[i];
		if (l->kind == RENDER_TOPOLOGY_PILE || (l->kind == RENDER_TOPOLOGY_HOST && l->owner == own))
			continue;
		if (SDL_HasIntersection(&rc, &l->rc) ||
		    (l->kind == RENDER_TOPOLOGY_NET_NAME && render_nettab_rect(a, l->owner, &tab, &joint) &&
		     SDL_HasIntersection(&rc, &tab)))
			return 1;
	}
	return 0;
}

/* Does a w x h letter centred at (x, y) read as host's (a group's
 * leader's): nearer its box than any other host's or router's box by half
 * a letter?  Between two boxes 10 px apart it read as either's (lesson 12
 * at 65.276 s, 720p presenter ja: the phishers' letter at the corner of
 * the spammers' server's box, as if that one sent phish1). */
static int render_traffic_clearly_own(const struct render_app *a, int host, float x, float y, int w, int h)
{
	float own = -1, other = 1e9f, l = x - (float)w / 2, t = y - (float)h / 2;
	for (size_t i = 0; i < a->nhits; i++) {
		const struct render_app_hitbox *b = &a->hits[i];
		if (b->kind != RENDER_APP_HIT_HOST && b->kind != RENDER_APP_HIT_ROUTER)
			continue;
		float dx = fmaxf(fmaxf((float)b->rc.x - (l + (float)w), l - (float)(b->rc.x + b->rc.w)), 0);
		float dy = fmaxf(fmaxf((float)b->rc.y - (t + (float)h), t - (float)(b->rc.y + b->rc.h)), 0);
		float d = hypotf(dx, dy);
		if (b->kind == RENDER_APP_HIT_HOST && b->a == host)
			own = own < 0 || d < own ? d : own;
		else if (d < other)
			other = d;
	}
	return own >= 0 && own + (float)h / 2 <= other;
}

/* Where a letter the client still holds waits: on its route just outside
 * the client's box, within a few letters of it; where that is all taken,
 * at the box's corner like a letter at rest.  Sliding further along the
 * route put it in the middle of the Internet, where it read as a second
 * letter in flight (lesson 06: the DSN Oldcorp's server holds until ISP
 * A's 250 comes back). */
static void render_traffic_waiting_xy(struct render_app *a, const struct sim_conn *c,
                                      const struct render_topology_route *rt, int lw, int lh, float *x, float *y)
{
	float len = 0;
	for (int k = 1; k < rt->n; k++)
		len += hypotf(rt->x[k] - rt->x[k - 1], rt->y[k] - rt->y[k - 1]);
	float hi = len > 0 ? (float)(4 * lw) / len + 0.12f : 0.5f;
	/* (the box of a group's machines is its leader's: a bot's letter
	 * stayed on the bots' address, issue 11) */
	int lead = render_layout_leader(a->sc, c->client);
	/* on the wire, where it reads as its client's */
	if (render_traffic_clear_xy(a, rt, 0.12f, lw, lh, 0, hi < 0.5f ? hi : 0.5f, x, y) &&
	    render_traffic_clearly_own(a, lead, *x, *y, lw, lh))
		return;
	const struct render_app_hitbox *box = render_app_hit_find(a, RENDER_APP_HIT_HOST, lead, -1);
	if (!box)
		return;
	render_letter_stack_xy(a, lead, box->rc, 0, x, y);
	/* Off the networks' names (lesson 05's under "ISP B servers") and the
	 * other boxes: else beside the box, else below. */
	SDL_Rect b = box->rc;
	float low = (float)(b.y + b.h) + (float)lh * 0.6f;
	float mid = (float)b.y + (float)b.h / 2;
	float rx = (float)(b.x + b.w) + (float)lw * 0.7f, lx = (float)b.x - (float)lw * 0.7f;
	float cx[6] = { *x, rx, lx, (float)(b.x + b.w) + (float)lw * 0.4f, (float)b.x - (float)lw * 0.4f, *x };
	float cy[6] = { *y, mid, mid, low, low, low };   /* beside it, then below */
	/* (where it reads as its client's first; inside its client's network
	 * before outside it: lesson 01b at 1.469 s, 720p presenter, the letter
	 * ISP B's relay server hands its mailbox server waited left of the
	 * relay's box, outside ISP B's servers by the Internet, as if it went
	 * over the Internet) */
	int net = a->sc->hosts[lead].net;
	SDL_Rect home = net >= 0 && net < a->sc->nnets ? render_layout_net_rect(&a->layout, net) : (SDL_Rect){ 0, 0, 0, 0 };
	for (int pass = 0; pass < 3; pass++)
		for (int k = 0; k < 6; k++) {
			SDL_Point centre = { (int)cx[k], (int)cy[k] };   /* (on its edge is in: lesson 05's card) */
			int inside = home.w <= 0 || SDL_PointInRect(&centre, &home);
			if (!render_traffic_on_name(a, lead, cx[k], cy[k], lw, lh) && (pass == 2 || inside) &&
			    (pass || render_traffic_clearly_own(a, lead, cx[k], cy[k], lw, lh))) {
				*x = cx[k];
				*y = cy[k];
				return;
			}
		}
}

/* Does a w x h rectangle centred at (x, y) lie on the box of one of
 * route rt's nodes (a host's name and address, a router's name)? */
static int render_traffic_on_box(const struct render_app *a, const struct render_topology_route *rt, float x, float y,
                                 int w, int h)
{
	SDL_Rect rc = { (int)x - w / 2, (int)y - h / 2, w, h }, ix;
	for (int k = 0; k < rt->n; k++) {
		int node = rt->node[k];
		if (node < 0 || node >= a->sc->nhosts + a->sc->nrouters)
			continue;
		if (node < a->sc->nhosts)
			node = render_layout_leader(a->sc, node);
		if (a->node_box[node].w > 0 && SDL_IntersectRect(&rc, &a->node_box[node], &ix))
			return 1;
	}
	return 0;
}

/* Where a busy scene's small letter at fraction f of rt goes: there, or
 * moved along the route towards its middle until it is off its nodes'
 * boxes (the letters waiting at the bots lay on their address and name,
 * issue 11): 1 and (*x, *y); 0 if the route has no such place.  A few
 * steps of arithmetic, no search: a busy scene has 1,300 letters. */
static int render_traffic_dot_xy(const struct render_app *a, const struct render_topology_route *rt, float f,
                                 float *x, float *y)
{
	enum { DOT_W = 12, DOT_H = 9 };   /* render_letter_draw's card, and a pixel round it */
	float len = 0;
	for (int k = 1; k < rt->n; k++)
		len += hypotf(rt->x[k] - rt->x[k - 1], rt->y[k] - rt->y[k - 1]);
	float step = len > 0 ? 6.0f / len : 1, dir = f <= 0.5f ? 1.0f : -1.0f;
	for (float g = f; dir * (0.5f - g) >= -step; g += dir * step) {
		render_topology_along(rt, g, x, y);
		if (!render_traffic_on_box(a, rt, *x, *y, DOT_W, DOT_H))
			return 1;
	}
	return 0;
}

/* Packets on the wire, and the letters riding their connection. */
static void render_traffic_packets(struct render_app *a, int focus, int lead, const struct msg *want,
                                   SDL_Rect *focus_rc, const struct msg **focus_m,
                                   struct render_topology_batches *bt)
{
	struct sim *s = render_app_sim(a);
	int64_t now = sim_now(s);
	/* Labels, or dots only: too many packets, or a question asked whose
	 * answer is on the wire (lesson 14's PASS line). */
	int labels = a->nfconn <= RENDER_TOPOLOGY_LABEL_MAX && !render_quiz_hides(a, SC_QUIZ_HIDE_WIRE);
	int px = render_topology_tag_px(a, 16);
	int tw = (int)(330 * a->layout.k);
	struct render_traffic_blocked *blocked = xcalloc((size_t)a->sc->nrouters + 1, sizeof *blocked);
	int *refused = xcalloc(a->nfconn + 1, sizeof *refused);
	const struct trace_rec **refused_rec = xcalloc(a->nfconn + 1, sizeof *refused_rec);
	if (labels)
		render_traffic_refusals(a, refused, refused_rec);
	struct render_cross_drawn crosses = { 0 };
	/* hundreds of SYNs dropped at one router come the same way: their
	 * cross's place is found once */
	struct render_traffic_spot *spots = xcalloc((size_t)a->sc->nrouters + 1, sizeof *spots);
	/* The connection the current row is about first: its labels get the
	 * best places, the others take what is left. */
	size_t first = a->nfconn;
	for (size_t i = 0; i < a->nfconn && first == a->nfconn; i++)
		if (a->fconn[i].id == lead)
			first = i;
	for (size_t n = 0; n < a->nfconn; n++) {
		size_t i = first == a->nfconn ? n : n == 0 ? first : n <= first ? n - 1 : n;
		const struct sim_conn *c = &a->fconn[i];
		struct render_topology_route rt;
		render_topology_route_of(a, c, &rt);
		if (rt.n < 2)
			continue;
		float f = render_topology_fraction(c, now) * rt.reach;
		int forward = c->to_server;
		float px_, py_;
		render_topology_packet_xy(&rt, c, now, &px_, &py_);
		if (rt.blocked && !c->in_flight) {
			/* Dropped: the SYN stays dead at the router with the rule's name;
			 * the client waits for its timeout.  The cross sits where the SYN
			 * met the router, not on its name. */
			float arm = 10 * a->layout.k + 5, bx, by;
			int r = c->blocked_at;
			struct render_traffic_spot *sp = r >= 0 && r < a->sc->nrouters ? &spots[r] : NULL;
			if (sp && sp->set && sp->fx == rt.x[rt.n - 2] && sp->fy == rt.y[rt.n - 2]) {
				bx = sp->x;   /* the same way in as the last SYN dropped here */
				by = sp->y;
			} else {
				render_cross_at_router(a, &rt, r, arm, &bx, &by);
				render_cross_by_rule(a, r, render_view_blocked_rule(a, c->id), arm, &bx, &by);
				if (sp)
					*sp = (struct render_traffic_spot){ 1, rt.x[rt.n - 2], rt.y[rt.n - 2], bx, by };
			}
			/* Each drop's rule in a readable scene; in a busy one, the first
			 * drop's at each router (the trace is long there). */
			int known = r >= 0 && r < a->sc->nrouters && blocked[r].n;
			const char *rule = labels || !known ? render_view_blocked_rule(a, c->id) : blocked[r].rule;
			/* The rule's colour, as in the totals chart. */
			uint32_t rcol = rule ? render_chart_rule_fill(a->sc, r, rule) : RENDER_THEME_BLOCK;
			render_cross_draw(a, &crosses, bx, by, arm, rcol, RENDER_APP_HIT_ROUTER, r);
			render_pdu_cross_drawn(a, c->id, bx, by, render_cross_size(a, arm));
			if (r >= 0 && r < a->sc->nrouters && blocked[r].n &&
			    (!labels || (blocked[r].port == c->port && blocked[r].rule == rule))) {
				blocked[r].n++;   /* the same drop again: one label, counted */
			} else if (labels && (r < 0 || r >= a->sc->nrouters || blocked[r].n)) {
				char buf[128], brief[96];
				render_drop_label_text(a, r, rule, c->port, 1, buf, sizeof buf, brief, sizeof brief);
				if (!render_traffic_told(a, r, rule))
					render_drop_label_draw(a, r >= 0 && r < a->sc->nrouters ? r : -1, -1, bx, by, buf, brief,
								   rcol);
			} else if (r >= 0 && r < a->sc->nrouters) {
				/* One label per router and drop, with a count. */
				if (!blocked[r].n) {
					blocked[r].rule = rule;
					blocked[r].conn = c->id;
					blocked[r].port = c->port;
					blocked[r].x = bx;
					blocked[r].y = by;
				}
				blocked[r].n++;
			}
		}
		/* The letter waits at the client end until the DATA payload carries
		 * it; once the server took it, none is left at the client, even
		 * while the server's 250 is still on its way back (a busy scene's
		 * dots skip that walk back through the trace). */
		int carries = c->msg >= 0 && !(labels && render_traffic_handed(a, c));
		for (size_t k = 0; carries && labels; k++) {
			if (k == a->nfcopy) {
				carries = 0;
				break;
			}
			if (a->fcopy[k].holder == HOLD_CONN && a->fcopy[k].conn == c->id)
				break;
		}
		if (carries) {
			float lx, ly;
			int riding = c->in_flight && render_traffic_is_payload(c);
			/* Arrived, and the server reads it before it answers (lesson
			 * 13's DKIM checks at ISP B): at the server's end, not back
			 * at the client, which keeps its copy until the answer. */
			int examined = c->examining && c->msg >= 0;
			int lw = 0, lh = 0, shown = 1;
			render_letter_size(a, riding ? 1.25f : 1.0f, &lw, &lh);
			if (!labels)   /* a busy scene's small dots go where they are: a
				        * search for each of 1,300 letters took a frame
				        * from 7 to 240 ms (bench render); off the boxes */
				shown = render_traffic_dot_xy(a, &rt, riding ? (forward ? f : 1.0f - f) : examined ? 0.88f : 0.12f,
							      &lx, &ly);
			else if (riding)   /* off the badges and names it passes */
				render_traffic_clear_xy(a, &rt, forward ? f : 1.0f - f, lw, lh, 0, 1, &lx, &ly);
			else if (examined)   /* just outside the server's box */
				render_traffic_clear_xy(a, &rt, 0.88f, lw, lh, 0.5f, 1, &lx, &ly);
			else   /* waiting just outside the client's box */
				render_traffic_waiting_xy(a, c, &rt, lw, lh, &lx, &ly);
			SDL_Rect lr = shown ? render_letter_draw(a, c->msg, lx, ly, riding ? 1.25f : 1.0f, bt, NULL)
					    : (SDL_Rect){ 0, 0, 0, 0 };
			for (size_t k = 0; shown && c->msg == focus && k < a->nfcopy; k++)
				if (a->fcopy[k].holder == HOLD_CONN && a->fcopy[k].conn == c->id &&
				    (!*focus_m || a->fcopy[k].m == want)) {
					*focus_rc = lr;
					*focus_m = a->fcopy[k].m;
				}
			if (riding)
				continue;
		}
		if (!c->in_flight) {
			if (labels && refused[i])
				render_traffic_refusal_mark(a, c, &rt, refused[i],
							    refused_rec[i] ? refused_rec[i]->u.line.verb : NULL);
			continue;
		}
		uint32_t col = render_traffic_line_color(c);
		if (rt.blocked)
			col = RENDER_THEME_BLOCK;
		if (labels && refused[i])
			render_traffic_refusal_mark(a, c, &rt, refused[i],
						    refused_rec[i] ? refused_rec[i]->u.line.verb : NULL);
		else if (labels && !forward && c->code >= 500)   /* the refusal on its way */
			render_traffic_refusal_mark(a, c, &rt, c->code, render_traffic_answered(a, c));
		if (!labels) {
			int d = (int)(8 * a->layout.k) + 3;
			SDL_Rect q = { (int)px_ - d / 2, (int)py_ - d / 2, d, d };
			/* not over a name or an address: a packet still in its
			 * sender's box, or already in its receiver's, is not shown
			 * (lesson 09 at 10.30 s: "198.5■.100.24" on ISP B's bots) */
			if (render_traffic_on_box(a, &rt, px_, py_, d, d))
				continue;
			if (rt.blocked || col != (forward ? RENDER_THEME_CMD : RENDER_THEME_REPLY))
				render_draw_fill(a->ren, q, col);
			else
				render_topology_batch_add(forward ? &bt->cmd : &bt->reply, q);
			continue;
		}
		if (render_heard_tells(a, c))
			continue;   /* arrived: the eavesdropper's tag is its label */
		char buf[96];
		int sealed = render_traffic_packet_label(a, c, forward, buf, sizeof buf);
		render_pill_place(a, RENDER_FONT_MONO, px, buf, &rt, forward ? f : rt.reach - f,
				  px_, py_, tw, col, c->id == lead, sealed, c->id);
	}
	for (int r = 0; r < a->sc->nrouters; r++) {
		if (!blocked[r].n)
			continue;
		const char *rule = render_view_blocked_rule(a, blocked[r].conn);
		if (render_traffic_told(a, r, rule))
			continue;
		char buf[160], brief[120];
		render_drop_label_text(a, r, rule, blocked[r].port, blocked[r].n, buf, sizeof buf, brief, sizeof brief);
		render_drop_label_draw(a, r, -1, blocked[r].x, blocked[r].y, buf, brief,
					   rule ? render_chart_rule_fill(a->sc, r, rule) : RENDER_THEME_BLOCK);
	}
	free(spots);
	free(blocked);
	free(refused);
	free(refused_rec);
}

/* What the current row (the latest told) is about: the host whose DNS
 * query or answer it tells (*dns), else the connection it tells (*conn),
 * else the message in focus's first connection; -1 for none. */
static void render_traffic_lead(struct render_app *a, int focus, int *dns, int *conn)
{
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	while (n > 0 && trace_kinds[tr[n - 1].kind].quiet)
		n--;
	const struct trace_rec *r = n ? &tr[n - 1] : NULL;
	*dns = r && (r->kind == TR_DNS_QUERY || r->kind == TR_DNS_ANSWER) ? r->node : -1;
	*conn = -1;
	for (size_t i = 0; r && *dns < 0 && i < a->nfconn && *conn < 0; i++)
		if (a->fconn[i].id == r->conn)
			*conn = r->conn;
	for (size_t i = 0; *dns < 0 && *conn < 0 && focus >= 0 && i < a->nfconn; i++)
		if (a->fconn[i].msg == focus)
			*conn = a->fconn[i].id;
}

void render_traffic_draw(struct render_app *a, struct render_topology_batches *bt)
{
	int focus = render_view_focus_msg(a);
	SDL_Rect focus_rc = { 0, 0, 0, 0 };
	const struct msg *focus_m = NULL;
	int lead_dns, lead_conn;
	render_traffic_lead(a, focus, &lead_dns, &lead_conn);
	/* The pill the current row is about is placed first, where it hides
	 * nothing; the others take what is left, or shrink to a dot. */
	if (lead_dns >= 0)
		render_dns_pills(a, lead_dns);
	/* The receiving server's checks of the letter first: the labels of
	 * what moves then find their places around the card. */
	if (!render_quiz_hides(a, SC_QUIZ_HIDE_CHECKS))
		render_checks_draw(a, focus);
	/* What the eavesdropper has just read, where they read it: the
	 * moment's subject where it is (lesson 14's password). */
	if (!render_quiz_hides(a, SC_QUIZ_HIDE_WIRE))
		render_heard_draw(a);
	struct sim_copy best;
	const struct msg *want = focus >= 0 && render_view_copy_of(a, focus, &best) == 0 ? best.m : NULL;
	render_traffic_packets(a, focus, lead_conn, want, &focus_rc, &focus_m, bt);
	if (lead_dns < 0)
		render_dns_pills(a, -1);
	int stored = 0;
	render_letter_resting(a, focus, want, &focus_rc, &focus_m, &stored, bt);
	render_topology_batch_flush(a, &bt->edges);
	render_topology_batch_flush(a, &bt->dots);
	render_topology_batch_flush(a, &bt->cmd);
	render_topology_batch_flush(a, &bt->reply);
	/* The trays' counts over the letters resting in them, a busy scene's
	 * batched ones too (lesson 09 at 10.489 s: "Junk 83" was hidden). */
	render_tray_labels(a);
	/* The envelope card last: it must not hide under other letters. */
	if (focus_m && focus_rc.w > 0)
		render_letter_envelope_card(a, focus_m, focus_rc, stored);
}
