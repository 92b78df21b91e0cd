/* render_smime — the S/MIME steps at the mail programs, the keys in their
 * owners' colours, the reader's verdict as a table, and certificates. */
#include "render_smime.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_app.h"
#include "render_dock.h"
#include "render_draw.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_view.h"
#include "smime.h"
#include "trace_smime.h"

/* How long a step's bubble shows: until the next step, and the last one
 * a little longer, so that the class can read it. */
#define RENDER_SMIME_LAST_US (3 * TRACE_SMIME_STEP_US)

/* Key colours per user of the lesson (in the users' order); the session
 * key is gold: it belongs to the one mail, not to a person. */
static const uint32_t render_smime_owners[] = {
	0xC2185BFFu, 0x6A1B9AFFu, 0x00796BFFu, 0x8D6E63FFu, 0x283593FFu, 0xE65100FFu,
};
#define RENDER_SMIME_NOWNERS (sizeof render_smime_owners / sizeof *render_smime_owners)
#define RENDER_SMIME_SESSION 0xC79100FFu

enum render_smime_keykind { RENDER_SMIME_PRIVATE, RENDER_SMIME_PUBLIC, RENDER_SMIME_SESSION_KEY };

uint32_t render_smime_owner_color(const struct render_app *a, const char *addr)
{
	int u = addr ? scenario_find_user(a->sc, addr) : -1;
	return u >= 0 ? render_smime_owners[(size_t)u % RENDER_SMIME_NOWNERS] : 0x78909CFFu;
}

/* A key lying on its side, bow at the left, its bow s pixels across: a
 * private key solid, a public key hollow, the session key gold.  Returns
 * its width. */
static int render_smime_key(struct render_app *a, int x, int y, int s, uint32_t col,
                            enum render_smime_keykind kind)
{
	float r = (float)s / 2, cx = (float)x + r, cy = (float)y + r;
	float th = (float)(s / 6 > 2 ? s / 6 : 2);
	render_draw_disc(a->ren, cx, cy, r, col);
	/* A public key's bow is a ring; the others have only a small hole. */
	render_draw_disc(a->ren, cx, cy, kind == RENDER_SMIME_PUBLIC ? r - th : r / 3, 0xFFFFFFFFu);
	float x0 = cx + r - 1, x1 = cx + r + 1.6f * (float)s;
	render_draw_line(a->ren, x0, cy, x1, cy, th, col);
	render_draw_line(a->ren, x1 - th / 2, cy, x1 - th / 2, cy + r * 0.8f, th, col);
	render_draw_line(a->ren, x1 - (float)s * 0.45f, cy, x1 - (float)s * 0.45f, cy + r * 0.6f, th, col);
	return (int)(x1 - (float)x) + 2;
}

/* ---- which step each mail program shows ---- */

/* The record host h shows now: an S/MIME step at a mail program, or what
 * an attacker's relay did; NULL if none. */
static const struct trace_rec *render_smime_current(struct render_app *a, int h)
{
	struct sim *s = render_app_sim(a);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	int64_t now = sim_now(s);
	for (size_t i = n; i-- > 0;) {
		const struct trace_rec *r = &tr[i];
		if (r->t < now - RENDER_SMIME_LAST_US)
			break;   /* records are in time order: nothing older shows */
		if ((r->kind != TR_SMIME && r->kind != TR_TAMPER) || r->node != h)
			continue;
		int more = r->kind == TR_SMIME && r->u.smime.more;
		int64_t until = r->t + (more ? TRACE_SMIME_STEP_US : RENDER_SMIME_LAST_US);
		return now < until ? r : NULL;
	}
	return NULL;
}

int render_smime_busy(struct render_app *a)
{
	if (!sim_smime(render_app_sim(a)))
		return 0;
	for (int h = 0; h < a->sc->nhosts; h++)
		if (((a->sc->hosts[h].roles & ROLE_BIT(ROLE_MUA)) || a->sc->hosts[h].tamper_find) &&
		    render_smime_current(a, h))
			return 1;
	return 0;
}

/* The keys a step uses, in the order they are drawn. */
struct render_smime_keys {
	int n;
	enum render_smime_keykind kind[2];
	uint32_t col[2];
};

static void render_smime_keys_of(const struct render_app *a, const struct trace_rec *r,
                                 struct render_smime_keys *k)
{
	k->n = 0;
	if (r->kind != TR_SMIME)
		return;
	const struct trace_smime *f = &r->u.smime;
	const char *who = f->who ? f->who : "";
	char first[320];
	snprintf(first, sizeof first, "%.*s", (int)strcspn(who, ", "), who);
	switch (f->step) {
	case TRACE_SMIME_UNWRAP:
		if (f->result == SMIME_DEC_NO_KEY)
			return;   /* no private key to draw */
		/* fall through */
	case TRACE_SMIME_SIGN:
		k->kind[k->n] = RENDER_SMIME_PRIVATE;
		k->col[k->n++] = render_smime_owner_color(a, first);
		break;
	case TRACE_SMIME_VERIFY:
		k->kind[k->n] = RENDER_SMIME_PUBLIC;
		k->col[k->n++] = render_smime_owner_color(a, first);
		return;
	case TRACE_SMIME_WRAP:
		k->kind[k->n] = RENDER_SMIME_PUBLIC;
		k->col[k->n++] = render_smime_owner_color(a, first);
		break;
	case TRACE_SMIME_KEY:
	case TRACE_SMIME_ENCRYPT:
	case TRACE_SMIME_DECRYPT:
		break;
	default:
		return;
	}
	if (f->step == TRACE_SMIME_SIGN || (f->step == TRACE_SMIME_UNWRAP && f->result != SMIME_DEC_OK))
		return;
	k->kind[k->n] = RENDER_SMIME_SESSION_KEY;
	k->col[k->n++] = RENDER_SMIME_SESSION;
}

/* The bubble's two lines: what the step does, and with what. */
static void render_smime_bubble_text(struct render_app *a, const struct trace_rec *r, struct sbuf *out)
{
	if (r->kind == TR_TAMPER) {
		char vbuf[16], key[64];
		snprintf(key, sizeof key, "ui.smime.bubble.tamper.%s", trace_smime_tamper_variant(r, vbuf, sizeof vbuf));
		const char *args[] = { "find", r->u.tamper.find, "replace", r->u.tamper.replace, NULL };
		i18n_fill(render_app_text(a, key), args, out);
		return;
	}
	const struct trace_smime *f = &r->u.smime;
	char vbuf[48], key[96], digest[40], bits[16], bytes[24], bytes2[24];
	const char *variant = trace_smime_variant(r, vbuf, sizeof vbuf);
	snprintf(key, sizeof key, "ui.smime.bubble.%s", variant ? variant : "");
	const char *tmpl = a->cat[a->lang] ? i18n_find(a->cat[a->lang], key) : NULL;
	if (!tmpl) {   /* the verdicts share one bubble */
		snprintf(key, sizeof key, "ui.smime.bubble.%s",
		         f->step < TRACE_SMIME_STEP_COUNT ? trace_smime_step_names[f->step] : "");
		tmpl = render_app_text(a, key);
	}
	snprintf(digest, sizeof digest, "%.12s…", f->v1 ? f->v1 : "");
	snprintf(bits, sizeof bits, "%u", (unsigned)f->bits);
	snprintf(bytes, sizeof bytes, "%lu", (unsigned long)f->bytes);
	snprintf(bytes2, sizeof bytes2, "%lu", (unsigned long)f->bytes2);
	const char *args[] = {
		"who", f->who ? f->who : "", "other", f->other ? f->other : "", "alg", f->alg ? f->alg : "",
		"digest", digest, "bits", bits, "bytes", bytes, "bytes2", bytes2,
		"auth", render_app_text(a, trace_smime_mark(f, SMIME_PROP_AUTHENTICATION)),
		"conf", render_app_text(a, trace_smime_mark(f, SMIME_PROP_CONFIDENTIALITY)),
		"nonrep", render_app_text(a, trace_smime_mark(f, SMIME_PROP_NON_REPUDIATION)),
		"integ", render_app_text(a, trace_smime_mark(f, SMIME_PROP_INTEGRITY)), NULL,
	};
	i18n_fill(tmpl, args, out);
}

/* Is this step's outcome bad news (drawn in red)? */
static int render_smime_bad(const struct trace_rec *r)
{
	if (r->kind == TR_TAMPER)
		return r->u.tamper.count > 0;
	const struct trace_smime *f = &r->u.smime;
	switch (f->step) {
	case TRACE_SMIME_REFUSE:
		return 1;
	case TRACE_SMIME_UNWRAP:
		return f->result != SMIME_DEC_OK;
	case TRACE_SMIME_DIGEST:
		return !f->result;
	case TRACE_SMIME_VERIFY:
		return f->result != SMIME_SIG_VALID;
	case TRACE_SMIME_CHAIN:
		return f->result != SMIME_CHAIN_TRUSTED;
	case TRACE_SMIME_VERDICT:
		return f->result != TRACE_SMIME_V_OK && f->result != TRACE_SMIME_V_SIGNED;
	default:
		return 0;
	}
}

/* The bubble's lines (the first in bold) and their sizes; a line broken
 * in two keeps its first part in part[]. */
#define RENDER_SMIME_LINES 4
struct render_smime_lines {
	const char *line[RENDER_SMIME_LINES];
	char part[RENDER_SMIME_LINES][160];
	int n, w, h[RENDER_SMIME_LINES];
	int bold;              /* the heading's lines, in bold */
};

/* The lines of text (split at its line feeds, which it overwrites) at
 * most maxw wide, each broken where it wraps while lines are left
 * (lesson 11 at 8.125 s, 1080p presenter en: "with the public key of
 * bob@ispb.…" had lost whose key it is; at 105.137 s the heading said
 * "Cannot recover the session …"); the first, the bold heading, only
 * where head_wraps (a docked bubble's names the mail by its subject, which
 * may end in "…"). */
static void render_smime_split(struct render_app *a, char *text, int px, int maxw, int head_wraps,
                               struct render_smime_lines *l)
{
	l->n = l->w = 0;
	l->bold = 1;
	for (char *p = text; p && l->n < RENDER_SMIME_LINES;) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		int w = 0, face = l->n < l->bold ? RENDER_FONT_BOLD : RENDER_FONT_REGULAR;
		size_t next = 0, first = (l->n || head_wraps) && l->n + 1 < RENDER_SMIME_LINES
		                                 ? render_font_wrap_first(a->font, face, px, maxw, p, &next)
		                                 : strlen(p);
		l->line[l->n] = p;
		if (first < strlen(p) && first > 0 && first < sizeof l->part[0]) {
			memcpy(l->part[l->n], p, first);
			l->part[l->n][first] = '\0';
			l->line[l->n] = l->part[l->n];
		}
		render_font_size(a->font, face, px, RENDER_FONT_FIT, maxw, l->line[l->n], &w, &l->h[l->n]);
		l->w = w > l->w ? w : l->w;
		l->n++;
		if (l->line[l->n - 1] == l->part[l->n - 1]) {
			l->bold += face == RENDER_FONT_BOLD;   /* the heading goes on */
			p += next;   /* the rest of the line, on the next */
			if (nl)
				*nl = '\n';
			continue;
		}
		p = nl ? nl + 1 : NULL;
	}
}

/* Pixels of rc on a pile of letters (render_letter_reserve's places):
 * the letters are drawn after the bubble, so one there would hide the
 * bubble's words ("the private ke▮ of alice"). */
static long render_smime_on_piles(const struct render_app *a, SDL_Rect rc)
{
	long area = 0;
	SDL_Rect x;
	/* with a margin: the bubble's outline and shadow, and a letter a
	 * little larger than its place, hid the top of n1 at Carol's PC
	 * (lesson 11 at 105.137 s, presenter mode) */
	int m = a->panels.line + 4;
	for (size_t i = 0; a->place && i < a->place->nlab; i++) {
		SDL_Rect p = a->place->lab[i].rc;
		p = (SDL_Rect){ p.x - m, p.y - m, p.w + 2 * m, p.h + 2 * m };
		if (a->place->lab[i].kind == RENDER_TOPOLOGY_PILE && SDL_IntersectRect(&rc, &p, &x))
			area += (long)x.w * x.h + 1;
	}
	return area;
}

/* How many networks' region edges rc lies across (it overlaps a region
 * without lying inside it or holding it): a bubble across one reads as
 * in neither (lesson 11's verdict at 25.287 s on ISP B's border). */
static int render_smime_on_edges(const struct render_app *a, SDL_Rect rc)
{
	int k = 0;
	SDL_Rect x;
	for (int n = 0; n < a->sc->nnets; n++) {
		SDL_Rect o = render_layout_net_rect(&a->layout, n);
		int inside = rc.x >= o.x && rc.y >= o.y && rc.x + rc.w <= o.x + o.w && rc.y + rc.h <= o.y + o.h;
		int holds = o.x >= rc.x && o.y >= rc.y && o.x + o.w <= rc.x + rc.w && o.y + o.h <= rc.y + rc.h;
		k += o.w > 0 && SDL_IntersectRect(&rc, &o, &x) && !inside && !holds;
	}
	return k;
}

/* Pixels of rc on the map's still things as render_topology_place lays
 * them out (boxes, chips, trays, the networks' names and ranges): a
 * bubble on a network's name hid it (lesson 11 in presenter mode). */
static long render_smime_on_labels(const struct render_app *a, SDL_Rect rc)
{
	long area = 0;
	SDL_Rect x;
	for (size_t i = 0; a->place && i < a->place->nlab; i++)
		if (a->place->lab[i].kind != RENDER_TOPOLOGY_PILE && SDL_IntersectRect(&rc, &a->place->lab[i].rc, &x))
			area += (long)x.w * x.h + 1;
	return area;
}

/* Where the bubble (w x hh) goes near box: the nearest place (on a grid,
 * ring by ring around the box's centre) that hides no host, router, chip,
 * tray or label and stays inside the network panel -- and across no
 * region's edge if one a few rings farther is (render_smime_on_edges);
 * else the one that hides least, a pile of letters counting as much as a
 * hundred times its area of anything else (the letters would cover the
 * bubble's text), and *cost how much it hides (0: nothing). */
static SDL_Rect render_smime_place(struct render_app *a, SDL_Rect box, int w, int hh, int pad, long *cost_out,
                                   int *edges_out)
{
	const SDL_Rect vp = a->panels.topo;
	int step = pad > 6 ? pad : 6, rings = vp.w / 3 / step;
	int x0 = box.x + box.w / 2 - w / 2, y0 = box.y + box.h / 2 - hh / 2;
	SDL_Rect best = { x0, box.y - hh - pad, w, hh }, clear = best;
	*edges_out = 0;
	long best_cost = -1;
	int clear_ring = 0, clear_edges = -1;   /* the nearest place that hides nothing, from ring clear_ring */
	for (int r = 1; r <= rings && !(clear_edges >= 0 && r > clear_ring + 20); r++)
		for (int i = -r; i <= r; i++)
			for (int j = -r; j <= r; j += (i == -r || i == r) ? 1 : 2 * r) {
				SDL_Rect c = { x0 + i * step, y0 + j * step, w, hh };
				/* Never cut by the panel's edge (presenter mode's verdict
				 * ran off the map's right side): moved inside it. */
				c.x = c.x + w > vp.x + vp.w - 2 ? vp.x + vp.w - 2 - w : c.x;
				c.x = c.x < vp.x + 2 ? vp.x + 2 : c.x;
				c.y = c.y + hh > vp.y + vp.h - 2 ? vp.y + vp.h - 2 - hh : c.y;
				c.y = c.y < vp.y + 2 ? vp.y + 2 : c.y;
				long cost = render_topology_crowded(a, c) + render_smime_on_labels(a, c) +
					    100 * render_smime_on_piles(a, c);
				*cost_out = cost;
				if (cost == 0) {
					int edges = render_smime_on_edges(a, c);
					*edges_out = edges;
					if (edges == 0)
						return c;
					if (clear_edges < 0 || edges < clear_edges) {
						clear_ring = clear_edges < 0 ? r : clear_ring;
						clear_edges = edges;
						clear = c;
					}
					continue;
				}
				if (best_cost < 0 || cost < best_cost) {
					best_cost = cost;
					best = c;
				}
			}
	if (clear_edges >= 0) {
		*cost_out = 0;
		*edges_out = clear_edges;
		return clear;
	}
	*cost_out = best_cost;
	return best;
}

/* Presenter mode, no place on the map that hides nothing: the bubble in
 * the right column instead (render_dock), headed by the name of the host
 * whose mail program it is about and the message it judges ("Bob's PC:
 * m1 “Quote”": docked away from the map, the verdict at 25.287 s of
 * lesson 11 at 1280 x 720 did not say which mail it was about), its lines
 * fitted to maxw (the column's width); text and l are the bubble's.
 * Returns 1 and the bubble's place in *rc, or 0 if the column has no
 * room either. */
static int render_smime_dock(struct render_app *a, int h, const struct trace_rec *r, int px, int kw, int pad,
                             int maxw, struct sbuf *text, struct render_smime_lines *l, SDL_Rect *rc)
{
	const struct render_layout_panels *p = &a->panels;
	int th = 0;
	if (maxw < 4 * px)
		return 0;
	sbuf_reset(text);
	struct sim *s = render_app_sim(a);
	const struct ledger_entry *le =
		r->msg >= 0 && (size_t)r->msg < sim_ledger_count(s) ? sim_ledger(s, (size_t)r->msg) : NULL;
	const char *args[] = { "host", render_view_host_name(a, h), "msg", render_view_msg_tag(a, r->msg), "subject",
			       le && le->subject ? le->subject : "", NULL };
	i18n_fill(render_app_text(a, le ? "ui.smime.dock.head" : "ui.smime.dock.host"), args, text);
	sbuf_addc(text, '\n');
	render_smime_bubble_text(a, r, text);
	render_smime_split(a, text->s, px, maxw, 0, l);
	for (int i = 0; i < l->n; i++)
		th += l->h[i];
	SDL_Rect strip;
	if (!render_dock_take(a, th + pad + 2 * p->pad, &strip))
		return 0;
	/* a little wider than measured: the lines are drawn at maxw */
	int w = kw + l->w + 3 * pad;
	*rc = (SDL_Rect){ strip.x + p->pad, strip.y + p->pad, w < strip.w - 2 * p->pad ? w : strip.w - 2 * p->pad,
			  th + pad };
	return 1;
}

/* One bubble beside host h's box for record r: the keys, then the lines. */
static void render_smime_bubble(struct render_app *a, int h, const struct trace_rec *r)
{
	const struct render_app_hitbox *hb = render_app_hit_find(a, RENDER_APP_HIT_HOST, h, -1);
	if (!hb)
		return;
	SDL_Rect box = hb->rc;
	const struct render_layout_panels *p = &a->panels;
	/* Body text, but no larger than the network panel allows (presenter
	 * mode on a small screen leaves it little room). */
	int px = p->px_body < p->topo.h / 26 ? p->px_body : p->topo.h / 26;
	px = px > p->px_small * 8 / 10 ? px : p->px_small * 8 / 10;
	int ks = px, pad = px / 2;
	struct render_smime_keys keys;
	render_smime_keys_of(a, r, &keys);
	struct sbuf t = { 0 };
	render_smime_bubble_text(a, r, &t);
	struct render_smime_lines l;
	render_smime_split(a, t.s ? t.s : (char *)"", px, p->topo.w / 3, 1, &l);
	int kw = keys.n ? keys.n * (ks * 28 / 10 + p->pad / 2) : 0, th = 0;
	for (int i = 0; i < l.n; i++)
		th += l.h[i];
	long cost = 0;
	int edges = 0;
	SDL_Rect rc = render_smime_place(a, box, kw + l.w + 2 * pad, th + pad, pad, &cost, &edges);
	int dock_w = p->card.w - 2 * p->pad - kw - 2 * pad;
	/* presenter mode, nowhere near that hides nothing and lies across no
	 * region's edge: in the right column (lesson 11's verdict at 25.287 s
	 * lay across ISP B customers' edge at 1920 x 1080) */
	int docked = (cost > 0 || edges > 0) && a->presenter && render_smime_dock(a, h, r, px, kw, pad, dock_w, &t, &l, &rc);
	uint32_t edge = render_smime_bad(r) ? RENDER_THEME_BLOCK : render_theme_role[ROLE_MUA];
	if (docked) {
		SDL_RenderSetClipRect(a->ren, NULL);
	} else {
		/* A line from the box's edge to the bubble's, over neither's text. */
		float bx = (float)(box.x + box.w / 2), by = (float)(box.y + box.h / 2);
		float cx = (float)(rc.x + rc.w / 2), cy = (float)(rc.y + rc.h / 2);
		float x0 = fminf(fmaxf(cx, (float)box.x), (float)(box.x + box.w));
		float y0 = fminf(fmaxf(cy, (float)box.y), (float)(box.y + box.h));
		float x1 = fminf(fmaxf(bx, (float)rc.x), (float)(rc.x + rc.w));
		float y1 = fminf(fmaxf(by, (float)rc.y), (float)(rc.y + rc.h));
		render_draw_line(a->ren, x0, y0, x1, y1, (float)p->line, edge);
	}
	render_draw_round(a->ren, (SDL_Rect){ rc.x + 3, rc.y + 3, rc.w, rc.h }, 8, 0x00000030u);
	render_draw_round(a->ren, rc, 8, 0xFFFFFFFFu);
	render_draw_round_outline(a->ren, rc, 8, p->line + 1, edge);
	int x = rc.x + pad, y = rc.y + pad / 2;
	for (int k = 0; k < keys.n; k++)
		x += render_smime_key(a, x, rc.y + (rc.h - ks) / 2, ks, keys.col[k], keys.kind[k]) + p->pad / 2;
	for (int i = 0; i < l.n; i++) {
		uint32_t col = i >= l.bold ? RENDER_THEME_MUTED : edge == RENDER_THEME_BLOCK ? RENDER_THEME_BLOCK : RENDER_THEME_TEXT;
		render_font_draw(a->font, i >= l.bold ? RENDER_FONT_REGULAR : RENDER_FONT_BOLD, px, col, RENDER_FONT_FIT,
		                 docked ? dock_w : p->topo.w / 3, l.line[i], x, y, NULL);
		y += l.h[i];
	}
	if (docked)
		SDL_RenderSetClipRect(a->ren, &p->topo);
	else
		render_topology_take(a, rc);
	if (a->nsmime_bubble < (int)(sizeof a->smime_bubble / sizeof a->smime_bubble[0])) {
		snprintf(a->smime_head[a->nsmime_bubble], sizeof a->smime_head[0], "%s", l.n ? l.line[0] : "");
		a->smime_bubble[a->nsmime_bubble++] = rc;
	}
	sbuf_free(&t);
}

void render_smime_topology(struct render_app *a)
{
	a->nsmime_bubble = 0;
	if (!sim_smime(render_app_sim(a)))
		return;
	for (int h = 0; h < a->sc->nhosts; h++) {
		if (!(a->sc->hosts[h].roles & ROLE_BIT(ROLE_MUA)) && !a->sc->hosts[h].tamper_find)
			continue;
		const struct trace_rec *r = render_smime_current(a, h);
		if (r)
			render_smime_bubble(a, h, r);
	}
}

/* ---- the verdict as a table ---- */

/* The newest TR_SMIME record of msg whose step is step (or, with also >= 0,
 * that step too), read by reader (NULL: anyone's, the reader's first). */
static const struct trace_rec *render_smime_step(struct render_app *a, int msg, const char *reader, int step,
                                                 int also)
{
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n), *any = NULL;
	for (size_t i = n; i-- > 0;) {
		const struct trace_rec *r = &tr[i];
		if (r->kind != TR_SMIME || r->msg != msg || (r->u.smime.step != step && r->u.smime.step != also))
			continue;
		if (!reader || (r->u.smime.who && util_strcasecmp(r->u.smime.who, reader) == 0))
			return r;
		if (!any)
			any = r;
	}
	return any;
}

const struct trace_rec *render_smime_verdict(struct render_app *a, int msg, const char *reader)
{
	return render_smime_step(a, msg, reader, TRACE_SMIME_VERDICT, -1);
}

const struct trace_rec *render_smime_opened(struct render_app *a, int msg, const char *reader)
{
	return render_smime_step(a, msg, reader, TRACE_SMIME_VERDICT, TRACE_SMIME_DECRYPT);
}

int render_smime_props(struct render_app *a, int msg, const char *reader, SDL_Rect rc, int px, int y,
                       int draw)
{
	if (!sim_smime(render_app_sim(a)))
		return y;
	const struct render_layout_panels *p = &a->panels;
	const struct trace_rec *r = render_smime_verdict(a, msg, reader);
	struct sbuf b = { 0 };
	int h = 0;
	const char *head_args[] = { "reader", r && r->u.smime.who ? r->u.smime.who : "", NULL };
	i18n_fill(render_app_text(a, r ? "ui.smime.props" : "ui.smime.props.none"), head_args, &b);
	if (draw)
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_ACCENT, RENDER_FONT_WRAP, rc.w, b.s,
		                 rc.x, y, &h);
	else
		render_font_size(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_FONT_WRAP, rc.w, b.s, NULL, &h);
	y += h + 2;
	/* The four in the order the exam lists them. */
	static const int order[SMIME_PROP_COUNT] = { SMIME_PROP_AUTHENTICATION, SMIME_PROP_CONFIDENTIALITY,
	                                             SMIME_PROP_NON_REPUDIATION, SMIME_PROP_INTEGRITY };
	for (int k = 0; r && k < SMIME_PROP_COUNT; k++) {
		const struct trace_smime *f = &r->u.smime;
		int prop = order[k], holds = f->holds >> prop & 1;
		char key[80], chain_key[64];
		snprintf(chain_key, sizeof chain_key, "ui.smime.chain.%s",
		         f->chain < SMIME_CHAIN_COUNT ? smime_chain_names[f->chain] : "none");
		const char *args[] = { "signer", f->v1 ? f->v1 : "", "from", f->other ? f->other : "",
		                       "reader", f->who ? f->who : "", "chain", render_app_text(a, chain_key), NULL };
		sbuf_reset(&b);
		snprintf(key, sizeof key, "ui.smime.prop.%s", smime_prop_names[prop]);
		const char *mark = trace_smime_mark(f, prop);
		sbuf_addf(&b, "%s %s — ", render_app_text(a, key), render_app_text(a, mark));
		snprintf(key, sizeof key, "smime.why.%s.%s", smime_prop_names[prop], trace_smime_why(f, prop));
		i18n_fill(render_app_text(a, key), args, &b);
		render_font_size(a->font, RENDER_FONT_REGULAR, px, RENDER_FONT_WRAP, rc.w - p->pad, b.s, NULL, &h);
		/* Not confirmed is amber: nothing says it changed, nothing that
		 * it did not. */
		uint32_t col = holds ? RENDER_THEME_OK : strcmp(mark, "smime.unknown") == 0 ? RENDER_THEME_WARN
		                                                                          : RENDER_THEME_BLOCK;
		if (draw) {
			render_draw_fill(a->ren, (SDL_Rect){ rc.x, y, 5, h }, col);
			render_font_draw(a->font, RENDER_FONT_REGULAR, px, col,
			                 RENDER_FONT_WRAP, rc.w - p->pad, b.s, rc.x + p->pad / 2 + 4, y, NULL);
		}
		y += h + 3;
	}
	sbuf_free(&b);
	return y;
}

/* ---- certificates ---- */

/* The index of the CA whose certificate is the issuer of card, or -1. */
static int render_smime_issuer(struct render_app *a, const struct smime_cert_card *card)
{
	struct smime *ctx = sim_smime(render_app_sim(a));
	for (int c = 0; c < smime_ca_count(ctx); c++) {
		struct smime_cert_card cc;
		if (smime_cert_card_ca(ctx, c, &cc) == 0 && strcmp(cc.subject, card->issuer) == 0)
			return c;
	}
	return -1;
}

void render_smime_cert_text(struct render_app *a, int user, struct sbuf *out)
{
	struct smime *ctx = sim_smime(render_app_sim(a));
	const struct sc_smime *x = a->sc->smime;
	const char *addr = a->sc->users[user].address;
	int su = scenario_smime_user(a->sc, addr);
	int cu = ctx ? smime_find_user(ctx, addr) : -1;
	struct smime_cert_card card;
	if (su < 0 || cu < 0 || smime_cert_card_user(ctx, cu, &card) != 0)
		return;
	int ca = render_smime_issuer(a, &card);
	unsigned trusted_by = 0;
	for (int i = 0; i < x->nusers; i++)
		trusted_by |= x->users[i].trust;
	char fp[32];
	snprintf(fp, sizeof fp, "%.23s…", card.key_fingerprint);
	char bits[16];
	snprintf(bits, sizeof bits, "%d", card.key_bits);
	const char *ca_name = ca >= 0 ? (x->cas[ca].name ? x->cas[ca].name : x->cas[ca].id) : card.issuer;
	const char *args[] = {
		"address", addr, "subject", card.subject, "issuer", card.issuer, "from", card.not_before_text,
		"until", card.not_after_text, "ku", card.key_usage, "eku", card.ext_key_usage, "type", card.key_type,
		"bits", bits, "fp", fp, "alg", card.sig_alg, "ca", ca_name, NULL,
	};
	static const char *const lines[] = { "ui.cert.title", "ui.cert.subject", "ui.cert.issuer",
	                                     "ui.cert.validity", "ui.cert.usage", "ui.cert.key", "ui.cert.sig" };
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		i18n_fill(render_app_text(a, lines[i]), args, out);
		sbuf_addc(out, '\n');
	}
	int has_key = x->users[su].key_pem || !x->users[su].cert_pem;
	i18n_fill(render_app_text(a, has_key ? "ui.cert.private.yes" : "ui.cert.private.no"), args, out);
	sbuf_addc(out, '\n');
	int trusted = ca >= 0 && (trusted_by >> ca & 1);
	i18n_fill(render_app_text(a, trusted ? "ui.cert.trusted" : "ui.cert.untrusted"), args, out);
}
