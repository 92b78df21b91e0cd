/* render_inspector — details of what is selected: a message (its ledger
 * states, envelope, full header, decoded body and the path so far), a host
 * (roles, ports, queue and mailboxes) or a router (links and rules, which a
 * click toggles).  With nothing selected it lists every message. */
#include <stdio.h>
#include <string.h>

#include "mime.h"
#include "narrate.h"
#include "render_app.h"
#include "render_fold.h"
#include "render_pdu.h"
#include "render_draw.h"
#include "render_mime.h"
#include "render_smime.h"
#include "render_filter.h"
#include "render_theme.h"
#include "render_ui.h"
#include "render_view.h"
#include "render_verdict.h"
#include "render_view_row.h"
#include "spf.h"

/* The accuracy plot's share (%) of the panel beside a verdict's panel
 * (render_verdict): in normal mode above it, its figure and a small
 * curve; in presenter mode, whose large text leaves little room above the
 * score on its scale and the tokens (in view without the wheel), below
 * them, the curve alone with its dots (lesson 12's captions send the class
 * to "the orange dot" of "the accuracy plot at the bottom right" at
 * verdicts: the panel had only its figure, beside the title). */
#define RENDER_INSPECTOR_PLOT_VERDICT(presenter) ((presenter) ? 25 : 36)

/* Where the next block goes; y is in content coordinates before scrolling. */
struct render_inspector_pen {
	SDL_Rect clip;
	int x, y, w;
	int off;               /* pixels scrolled */
};

static int render_inspector_text(struct render_app *a, struct render_inspector_pen *pen,
                                 enum render_font_face face, int px, uint32_t col, const char *text)
{
	int h = 0;
	render_font_size(a->font, face, px, RENDER_FONT_WRAP, pen->w, text, NULL, &h);
	int sy = pen->y - pen->off;
	if (sy + h >= pen->clip.y && sy <= pen->clip.y + pen->clip.h)
		render_font_draw(a->font, face, px, col, RENDER_FONT_WRAP, pen->w, text, pen->x, sy, NULL);
	pen->y += h + 2;
	return h;
}

static void render_inspector_heading(struct render_app *a, struct render_inspector_pen *pen, const char *key)
{
	pen->y += a->panels.pad / 2;
	render_inspector_text(a, pen, RENDER_FONT_BOLD, a->panels.px_small, RENDER_THEME_ACCENT,
			      render_app_text(a, key));
}

static const char *render_inspector_state(struct render_app *a, int st)
{
	char key[64];
	snprintf(key, sizeof key, "ui.state.%s", st >= 0 && st < LS_COUNT ? ledger_state_names[st] : "none");
	return render_app_text(a, key);
}

static void render_inspector_body(struct render_app *a, struct render_inspector_pen *pen, const struct msg *m)
{
	struct sbuf parts = { 0 };
	/* MIME parts: text decoded, signatures and ciphertext named as such
	 * (what an administrator opening the stored file sees). */
	if (render_mime_body_text(a, m, &parts) == 0) {
		render_inspector_text(a, pen, RENDER_FONT_MONO, a->panels.px_mono, RENDER_THEME_TEXT,
		                      parts.s ? parts.s : "");
		sbuf_free(&parts);
		return;
	}
	char cte[64];
	msg_header_get(m, "Content-Transfer-Encoding", cte, sizeof cte);
	struct sbuf b = { 0 };
	size_t n = m->body_len > 6000 ? 6000 : m->body_len;
	if (util_strcasecmp(cte, "base64") == 0)
		mime_b64_decode(&b, m->body, n, 0);
	else if (util_strcasecmp(cte, "quoted-printable") == 0)
		mime_qp_decode(&b, m->body, n);
	else
		sbuf_add(&b, m->body ? m->body : "", n);
	sbuf_addc(&b, '\0');
	/* CR LF -> LF for the wrapper. */
	char *w = b.s;
	for (char *r = b.s; *r; r++)
		if (*r != '\r')
			*w++ = *r;
	*w = '\0';
	render_inspector_text(a, pen, RENDER_FONT_MONO, a->panels.px_mono, RENDER_THEME_TEXT, b.s);
	sbuf_free(&b);
}

/* What the servers found out about the sender: every check of the kinds
 * that judge it (SPF, DKIM signing and verifying, DMARC), told in the
 * narration's sentences so the window and the headless run say the same,
 * green when the check vouches for the message, red when it speaks
 * against it. */
static void render_inspector_auth(struct render_app *a, struct render_inspector_pen *pen, int ledger,
                                  struct sbuf *b)
{
	const struct sim *s = timeline_sim(a->tl);
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	int any = 0;
	for (size_t i = 0; i < n; i++) {
		const struct trace_rec *r = &tr[i];
		if (!trace_kinds[r->kind].verdict || r->msg != ledger)
			continue;
		if (!any)
			render_inspector_heading(a, pen, "ui.insp.auth");
		any = 1;
		sbuf_reset(b);
		narrate_tell(a->sc, a->cat[a->lang], NARRATE_PREFIX, r, b);
		int v = trace_kinds[r->kind].verdict(r);
		render_inspector_text(a, pen, RENDER_FONT_REGULAR, a->panels.px_small,
		                      v > 0 ? RENDER_THEME_OK : v < 0 ? RENDER_THEME_BLOCK : RENDER_THEME_TEXT,
		                      b->s);
	}
}

/* Make what was drawn from content y0 down to the pen a click target that
 * shows (or shortens again) a long text of the message. */
static void render_inspector_full_hit(struct render_app *a, const struct render_inspector_pen *pen, int y0,
                                      int ledger, int what)
{
	SDL_Rect row = { pen->x, y0 - pen->off, pen->w, pen->y - y0 }, vis;
	if (SDL_IntersectRect(&row, &pen->clip, &vis))
		render_app_hit_add(a, vis, RENDER_APP_HIT_FULL, ledger, what);
}

/* One recipient's line of ledger entry ledger: address, state, where, and
 * why; returns its colour.  While a later row of the event is still to
 * come that changes it (render_view_row_state), the line has only its
 * state as of the current row. */
uint32_t render_inspector_rcpt(struct render_app *a, int ledger, const struct ledger_rcpt *r, struct sbuf *b)
{
	enum ledger_state st = render_view_row_state(a, ledger, r);
	sbuf_reset(b);
	if (st == LS_IN_FLIGHT && render_view_rcpt_connecting(a, ledger, r))
		sbuf_addf(b, "%s — %s", r->addr, render_app_text(a, "ui.state.connecting"));
	else
		sbuf_addf(b, "%s — %s", r->addr, render_inspector_state(a, (int)st));
	if (st != r->state)
		return RENDER_THEME_TEXT;
	/* A refused copy stays with the client that was refused ("rejected @
	 * the attacker's PC" read as if that PC had refused it). */
	if (r->node >= 0 && r->state == LS_REJECTED) {
		const char *args[] = { "node", render_view_node_name(a, r->node), NULL };
		struct sbuf at = { 0 };
		i18n_format(a->cat[a->lang], "ui.insp.stays_with", args, &at);
		sbuf_addf(b, " (%s)", at.s ? at.s : "");
		sbuf_free(&at);
	} else if (r->node >= 0)
		sbuf_addf(b, " @ %s", render_view_node_name(a, r->node));
	if (r->mailbox)
		sbuf_addf(b, " [%s %s]", r->mailbox, r->folder ? r->folder : "");
	if (r->rule)
		sbuf_addf(b, " (%s)", render_view_rule_named(a, r->node - a->sc->nhosts, r->rule));
	const char *why = r->reason && *r->reason && r->state != LS_DELIVERED ? narrate_text(a->cat[a->lang], r->reason)
	                                                                       : NULL;
	char code[16] = "";
	if (r->code)
		snprintf(code, sizeof code, "%d", r->code);
	if (*code && !(why && strncmp(why, code, strlen(code)) == 0))   /* the reply text starts with it */
		sbuf_addf(b, " %s", code);
	if (why)
		sbuf_addf(b, " %s", why);
	if (r->state == LS_DELIVERED)
		return r->folder && util_strcasecmp(r->folder, "Junk") == 0 ? RENDER_THEME_WARN : RENDER_THEME_OK;
	return (r->state == LS_BLOCKED || r->state == LS_REJECTED || r->state == LS_BOUNCED)
		? RENDER_THEME_BLOCK : RENDER_THEME_TEXT;
}

/* Every recipient, one line each: only the lines in view are made and
 * drawn, so 10,000 recipients cost what the panel shows. */
static void render_inspector_rcpts_all(struct render_app *a, struct render_inspector_pen *pen, int ledger,
                                       const struct ledger_entry *le, struct sbuf *b)
{
	int px = a->panels.px_small;
	int rh = render_font_line_height(a->font, RENDER_FONT_REGULAR, px) + 2;
	for (int i = 0; i < le->nrcpts; i++) {
		int sy = pen->y + i * rh - pen->off;
		if (sy + rh < pen->clip.y)
			continue;
		if (sy > pen->clip.y + pen->clip.h)
			break;
		uint32_t col = render_inspector_rcpt(a, ledger, &le->rcpts[i], b);
		render_font_draw(a->font, RENDER_FONT_REGULAR, px, col, RENDER_FONT_FIT, pen->w, b->s, pen->x, sy, NULL);
	}
	pen->y += le->nrcpts * rh;
}

/* The index of the nth field named name in m, or -1. */
static int render_inspector_field_index(const struct msg *m, const char *name, int nth)
{
	for (int i = 0; i < m->nfields; i++) {
		size_t nl = 0;
		const char *n = msg_field_name(m, i, &nl);
		if (strlen(name) == nl && util_strncasecmp(n, name, nl) == 0 && nth-- == 0)
			return i;
	}
	return -1;
}

/* The long text the reader asked to see whole, on top of the message's
 * details: a heading saying so (a click on it, or on the text, shortens
 * it again), then all of it, scrolled with the wheel. */
static void render_inspector_full_view(struct render_app *a, struct render_inspector_pen *pen, int ledger,
                                       const struct ledger_entry *le, const struct msg *m)
{
	const struct render_layout_panels *p = &a->panels;
	const struct i18n *cat = a->cat[a->lang];
	struct sbuf what = { 0 }, b = { 0 };
	int hit = RENDER_FIELD_HIT_RCPTS, field = -1;
	switch (a->full.part) {
	case RENDER_FIELD_NONE:
		return;
	case RENDER_FIELD_RCPTS:
		sbuf_adds(&what, render_app_text(a, "ui.field.rcpts"));
		break;
	case RENDER_FIELD_ENVELOPE:
		if (!m)
			return;
		hit = RENDER_FIELD_HIT_ENVELOPE;
		sbuf_adds(&what, render_app_text(a, "ui.field.envelope"));
		render_field_envelope(&b, cat, m, 1);
		break;
	case RENDER_FIELD_HEADER:
		field = m ? render_inspector_field_index(m, a->full.name, a->full.nth) : -1;
		if (field < 0)
			return;
		hit = RENDER_FIELD_HIT_HEADER + field;
		sbuf_addf(&what, "%s:", a->full.name);
		size_t nl = 0, vl = 0;
		const char *n = msg_field_name(m, field, &nl);
		const char *v = msg_field_value(m, field, &vl);
		render_field_header(&b, cat, n, nl, v, vl, 1);
		break;
	case RENDER_FIELD_PART_COUNT:
	default:
		PANIC("unexpected part %d", (int)a->full.part);
	}
	int y0 = pen->y;
	struct sbuf head = { 0 };
	const char *args[] = { "what", what.s, NULL };
	i18n_format(cat, "ui.field.full", args, &head);
	render_inspector_text(a, pen, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_ACCENT, head.s);
	if (a->full.part == RENDER_FIELD_RCPTS)
		render_inspector_rcpts_all(a, pen, ledger, le, &b);
	else
		render_inspector_text(a, pen, RENDER_FONT_MONO, p->px_mono, RENDER_THEME_TEXT, b.s);
	render_inspector_full_hit(a, pen, y0, ledger, hit);
	pen->y += p->pad;
	sbuf_free(&head);
	sbuf_free(&what);
	sbuf_free(&b);
}

void render_inspector_full(struct render_app *a, int msg, int what)
{
	struct sim *s = render_app_sim(a);
	if (msg < 0 || (size_t)msg >= sim_ledger_count(s))
		return;
	struct render_field_full want;
	memset(&want, 0, sizeof want);
	if (what == RENDER_FIELD_HIT_RCPTS) {
		want.part = RENDER_FIELD_RCPTS;
	} else if (what == RENDER_FIELD_HIT_ENVELOPE) {
		want.part = RENDER_FIELD_ENVELOPE;
	} else {
		/* A field by name and rank: a Received added while it is shown
		 * moves the indexes, not the field meant. */
		struct sim_copy cp;
		int field = what - RENDER_FIELD_HIT_HEADER;
		if (field < 0 || render_view_copy_of(a, msg, &cp) != 0 || field >= cp.m->nfields)
			return;
		size_t nl = 0;
		const char *n = msg_field_name(cp.m, field, &nl);
		if (nl >= sizeof want.name)
			return;
		want.part = RENDER_FIELD_HEADER;
		memcpy(want.name, n, nl);
		for (int i = 0; i < field; i++) {
			size_t kl = 0;
			const char *k = msg_field_name(cp.m, i, &kl);
			want.nth += kl == nl && util_strncasecmp(k, n, nl) == 0;
		}
	}
	int same = a->sel == RENDER_APP_SEL_MSG && a->sel_index == msg && render_field_full_eq(&a->full, &want);
	if (a->sel != RENDER_APP_SEL_MSG || a->sel_index != msg)
		render_app_select(a, RENDER_APP_SEL_MSG, msg);
	if (same)
		memset(&a->full, 0, sizeof a->full);
	else
		a->full = want;
	a->scroll[RENDER_APP_PANEL_INSPECTOR] = 0;
}

/* What each reader's mail program found of 認証 / 機密性 / 否認防止 /
 * 完全性; before any has opened the mail, a line saying so. */
static void render_inspector_smime(struct render_app *a, struct render_inspector_pen *pen, int ledger)
{
	struct sim *s = render_app_sim(a);
	if (!sim_smime(s))
		return;
	const struct ledger_entry *le = sim_ledger(s, (size_t)ledger);
	SDL_Rect rc = { pen->x, pen->clip.y, pen->w, pen->clip.h };
	int shown = 0;
	for (int i = 0; i <= le->nrcpts; i++) {
		const char *reader = i < le->nrcpts ? le->rcpts[i].addr : NULL;
		if (reader) {
			const struct trace_rec *r = render_smime_verdict(a, ledger, reader);
			if (!r || util_strcasecmp(r->u.smime.who, reader) != 0)
				continue;   /* not this reader's */
		} else if (shown) {
			break;
		}
		shown = 1;
		int y0 = pen->y - pen->off + a->panels.pad / 3;
		pen->y += render_smime_props(a, ledger, reader, rc, a->panels.px_small, y0, 1) - y0 + a->panels.pad / 3;
	}
}

/* The user whose delivered copy lr is, if their mail server runs a spam
 * filter for them ("filter"); else -1. */
static int render_inspector_filtered(const struct render_app *a, const struct ledger_rcpt *lr)
{
	int user = lr->state == LS_DELIVERED && lr->mailbox ? scenario_find_user(a->sc, lr->mailbox) : -1;
	return user >= 0 && a->sc->users[user].filter ? user : -1;
}

static void render_inspector_msg(struct render_app *a, struct render_inspector_pen *pen, int ledger)
{
	struct sim *s = render_app_sim(a);
	const struct render_layout_panels *p = &a->panels;
	if (ledger < 0 || (size_t)ledger >= sim_ledger_count(s))
		return;
	const struct ledger_entry *le = sim_ledger(s, (size_t)ledger);
	struct sbuf b = { 0 };
	sbuf_addf(&b, "%s %s", render_app_text(a, le->bounce_of >= 0 ? "ui.insp.bounce" : "ui.insp.message"), le->tag);
	if (le->bounce_of >= 0)
		sbuf_addf(&b, " (%s %s)", render_app_text(a, "ui.insp.bounce_of"), render_view_msg_tag(a, le->bounce_of));
	render_inspector_text(a, pen, RENDER_FONT_BOLD, p->px_body, RENDER_THEME_TEXT, b.s);
	render_inspector_smime(a, pen, ledger);
	/* Delivered somewhere: each reader whose mail server runs a spam filter
	 * for them can judge their own copy, as a user marks spam (the mark
	 * names that user); in a lesson without a filter the buttons would
	 * teach one that is not there (review 19 C9). */
	int ndelivered = 0;
	for (int i = 0; i < le->nrcpts; i++)
		ndelivered += render_inspector_filtered(a, &le->rcpts[i]) >= 0;
	for (int i = 0; i < le->nrcpts; i++) {
		const struct ledger_rcpt *lr = &le->rcpts[i];
		int user = render_inspector_filtered(a, lr);
		if (user < 0)
			continue;
		int bh = render_font_line_height(a->font, RENDER_FONT_BOLD, p->px_body) + p->pad / 2;
		int y = pen->y - pen->off;
		if (y >= pen->clip.y) {
			int x = pen->x;
			if (ndelivered > 1) {   /* whose copy the buttons judge */
				int w = 0;   /* (render_font_draw gives the height, not the width) */
				render_font_size(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_FONT_LINE, 0, lr->mailbox,
				                 &w, NULL);
				render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_TEXT,
				                 RENDER_FONT_LINE, 0, lr->mailbox, x, y + bh / 4, NULL);
				x += w + p->pad / 2;
			}
			x += render_panels_button_for(a, x, y, bh, render_app_text(a, "ui.btn.spam"),
			                              RENDER_APP_BTN_SPAM, user, 0, RENDER_THEME_BOUNCE,
			                              0xFFFFFFFFu) + p->pad / 2;
			render_panels_button_for(a, x, y, bh, render_app_text(a, "ui.btn.ham"), RENDER_APP_BTN_HAM,
			                         user, 0, RENDER_THEME_OK, 0xFFFFFFFFu);
		}
		pen->y += bh + p->pad / 2;
	}
	struct sim_copy cp;
	const struct msg *m = render_view_copy_of(a, ledger, &cp) == 0 ? cp.m : NULL;
	render_inspector_full_view(a, pen, ledger, le, m);
	/* What each reader's spam filter made of it, right under the buttons
	 * that correct it. */
	pen->y = render_filter_msg(a, ledger, pen->clip, pen->x, pen->y, pen->w, pen->off);
	render_inspector_heading(a, pen, "ui.insp.ledger");
	/* A mail to thousands: the first few, and a line that shows them all. */
	int cut = le->nrcpts > RENDER_FIELD_LIST_MAX;
	for (int i = 0; i < (cut ? RENDER_FIELD_SHOWN : le->nrcpts); i++) {
		uint32_t col = render_inspector_rcpt(a, ledger, &le->rcpts[i], &b);
		render_inspector_text(a, pen, RENDER_FONT_REGULAR, p->px_small, col, b.s);
	}
	if (cut) {
		int y0 = pen->y;
		sbuf_reset(&b);
		render_field_more(&b, a->cat[a->lang], (long)(le->nrcpts - RENDER_FIELD_SHOWN));
		render_inspector_text(a, pen, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_ACCENT, b.s);
		render_inspector_full_hit(a, pen, y0, ledger, RENDER_FIELD_HIT_RCPTS);
	}
	/* The path so far, from the trace. */
	render_inspector_heading(a, pen, "ui.insp.path");
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(s, &n);
	sbuf_reset(&b);
	int last = -1;
	char t[32];
	for (size_t i = 0; i < n; i++) {
		const struct trace_rec *r = &tr[i];
		if (r->msg != ledger)
			continue;
		if (r->kind != TR_COMPOSE && r->kind != TR_QUEUED && r->kind != TR_DELIVER &&
		    r->kind != TR_BLOCKED && r->kind != TR_BOUNCE && r->kind != TR_FETCHED &&
		    r->kind != TR_REFUSED && r->kind != TR_TIMEOUT && r->kind != TR_DEFER)
			continue;
		if (r->node == last && r->kind != TR_DELIVER && r->kind != TR_BLOCKED)
			continue;
		last = r->node;
		render_view_time(r->t, t, sizeof t);
		if (b.len)
			sbuf_adds(&b, "\n→ ");
		char key[48];
		snprintf(key, sizeof key, "ui.path.%s", trace_kind_names[r->kind]);
		sbuf_addf(&b, "%s  %s (%s)", render_view_node_name(a, r->node), render_app_text(a, key), t);
		if ((r->kind == TR_BLOCKED || r->kind == TR_TIMEOUT || r->kind == TR_REFUSED) &&
		    r->u.stop.router >= 0)
			sbuf_addf(&b, " %s", render_view_rule_name(a, r->u.stop.router, r->u.stop.rule));
	}
	render_inspector_text(a, pen, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_TEXT, b.len ? b.s : "—");
	if (m) {
		/* As the card: once a mailbox holds the copy its envelope is gone. */
		int gone = cp.holder == HOLD_MAILBOX || cp.holder == HOLD_FETCHED;
		render_inspector_heading(a, pen, gone ? "ui.card.envelope_gone" : "ui.card.envelope");
		sbuf_reset(&b);
		int y0 = pen->y;
		int shortened = render_field_envelope(&b, a->cat[a->lang], m, 0);
		render_inspector_text(a, pen, RENDER_FONT_MONO, p->px_mono, gone ? 0x90A4AEFFu : RENDER_THEME_TEXT, b.s);
		if (shortened)
			render_inspector_full_hit(a, pen, y0, ledger, RENDER_FIELD_HIT_ENVELOPE);
		render_inspector_auth(a, pen, ledger, &b);
		render_inspector_heading(a, pen, "ui.insp.header");
		for (int i = 0; i < m->nfields; i++) {
			size_t nl = 0, vl = 0;
			const char *nm = msg_field_name(m, i, &nl);
			const char *v = msg_field_value(m, i, &vl);
			sbuf_reset(&b);
			y0 = pen->y;
			shortened = render_field_header(&b, a->cat[a->lang], nm, nl, v, vl, 0);
			render_inspector_text(a, pen, RENDER_FONT_MONO, p->px_mono, RENDER_THEME_TEXT, b.s);
			if (shortened)
				render_inspector_full_hit(a, pen, y0, ledger, RENDER_FIELD_HIT_HEADER + i);
		}
		render_inspector_heading(a, pen, "ui.insp.body");
		render_inspector_body(a, pen, m);
	}
	sbuf_free(&b);
}

static void render_inspector_host(struct render_app *a, struct render_inspector_pen *pen, int hi)
{
	const struct sc_host *h = &a->sc->hosts[hi];
	const struct render_layout_panels *p = &a->panels;
	struct sbuf b = { 0 };
	char ip[16];
	scenario_format_ipv4(h->addr, ip);
	render_inspector_text(a, pen, RENDER_FONT_BOLD, p->px_body, RENDER_THEME_TEXT, render_view_host_name(a, hi));
	/* An MUA with a user: fetching now is an action, like in the lesson's script. */
	for (int u = 0; u < a->sc->nusers; u++) {
		if (a->sc->users[u].mua_host != hi)
			continue;
		int bh = render_font_line_height(a->font, RENDER_FONT_BOLD, p->px_body) + p->pad / 2;
		if (pen->y - pen->off >= pen->clip.y)
			render_panels_button(a, pen->x, pen->y - pen->off, bh, render_app_text(a, "ui.btn.fetch"),
					     RENDER_APP_BTN_FETCH, 0, render_theme_role[ROLE_MRA], 0xFFFFFFFFu);
		pen->y += bh + p->pad / 2;
		break;
	}
	/* The S/MIME certificates of the users whose mail program runs here,
	 * first: the lesson points at them. */
	for (int u = 0; u < a->sc->nusers; u++) {
		if (a->sc->users[u].mua_host != hi)
			continue;
		sbuf_reset(&b);
		render_smime_cert_text(a, u, &b);
		if (!b.len)
			continue;
		render_inspector_heading(a, pen, "ui.insp.cert");
		render_inspector_text(a, pen, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_TEXT, b.s);
	}
	sbuf_reset(&b);
	const char *netl = h->net >= 0 ? sc_text_get(&a->sc->nets[h->net].label, a->lang) : NULL;
	sbuf_addf(&b, "%s  %s\n%s", h->fqdn ? h->fqdn : h->id, ip, netl ? netl : "");
	if (h->group_size > 1) {
		char n[16];
		snprintf(n, sizeof n, "%d", h->group_size);
		const char *args[] = { "n", n, NULL };
		sbuf_addc(&b, '\n');
		i18n_format(a->cat[a->lang], "ui.insp.group", args, &b);
	}
	render_inspector_text(a, pen, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, b.s);
	render_inspector_heading(a, pen, "ui.insp.roles");
	sbuf_reset(&b);
	/* The ports each role listens on (sim_host_listens says the same). */
	static const int role_ports[ROLE_COUNT][4] = {
		[ROLE_MDA] = { PORT_LMTP },
		[ROLE_MSA] = { PORT_SUBMISSION, PORT_SUBMISSIONS }, [ROLE_MTA] = { PORT_SMTP },
		[ROLE_MRA] = { PORT_POP3, PORT_IMAP, PORT_IMAPS, PORT_POP3S }, [ROLE_DNS] = { PORT_DNS },
	};
	for (int r = 0; r < ROLE_COUNT; r++) {
		if (!(h->roles & ROLE_BIT(r)))
			continue;
		char key[32];
		snprintf(key, sizeof key, "ui.role.%s", role_names[r]);
		sbuf_addf(&b, "%s%s — %s", b.len ? "\n" : "", role_names[r], render_app_text(a, key));
		/* The MDA listens on 24 only where an MTA hands it mail over LMTP. */
		int quiet = r == ROLE_MDA && scenario_lmtp_client(a->sc, hi) < 0;
		for (int k = 0; k < 4 && role_ports[r][k] && !quiet; k++) {
			if (k == 0)
				sbuf_addf(&b, " (%s %d", render_app_text(a, "ui.insp.port"), role_ports[r][k]);
			else
				sbuf_addf(&b, ", %d", role_ports[r][k]);
		}
		if (role_ports[r][0] && !quiet)
			sbuf_addc(&b, ')');
	}
	/* Where an agent on its own hands its mail, or which mailboxes it reads. */
	if (h->relayhost >= 0)
		sbuf_addf(&b, "%s%s%s", b.len ? "\n" : "", render_app_text(a, "ui.insp.relayhost"),
		          a->sc->hosts[h->relayhost].fqdn);
	if (h->lmtp >= 0)
		sbuf_addf(&b, "%s%s%s", b.len ? "\n" : "", render_app_text(a, "ui.insp.lmtp"),
		          a->sc->hosts[h->lmtp].fqdn);
	int feeder = scenario_lmtp_client(a->sc, hi);
	if (feeder >= 0)
		sbuf_addf(&b, "%s%s%s", b.len ? "\n" : "", render_app_text(a, "ui.insp.lmtp_from"),
		          a->sc->hosts[feeder].fqdn);
	if (h->mailstore >= 0 && h->mailstore != hi)
		sbuf_addf(&b, "%s%s%s", b.len ? "\n" : "", render_app_text(a, "ui.insp.mailstore"),
		          a->sc->hosts[h->mailstore].fqdn);
	if (h->bot)
		sbuf_addf(&b, "%sBOT — %s", b.len ? "\n" : "", render_app_text(a, "ui.insp.bot"));
	if (h->attacker)
		sbuf_addf(&b, "%s%s", b.len ? "\n" : "", render_app_text(a, "ui.insp.attacker"));
	render_inspector_text(a, pen, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_TEXT, b.len ? b.s : "—");
	if (h->ndomains) {
		render_inspector_heading(a, pen, "ui.insp.domains");
		sbuf_reset(&b);
		for (int i = 0; i < h->ndomains; i++)
			sbuf_addf(&b, "%s%s", i ? ", " : "", h->domains[i]);
		render_inspector_text(a, pen, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_TEXT, b.s);
	}
	/* Queue and outbox, then mailboxes, from the copies. */
	render_inspector_heading(a, pen, "ui.insp.queue");
	sbuf_reset(&b);
	for (size_t i = 0; i < a->nfcopy; i++) {
		const struct sim_copy *c = &a->fcopy[i];
		if (render_layout_leader(a->sc, c->node) != hi ||
		    (c->holder != HOLD_QUEUE && c->holder != HOLD_OUTBOX && c->holder != HOLD_CONN))
			continue;
		sbuf_addf(&b, "%s%s (%s)", b.len ? "\n" : "", render_view_msg_tag(a, c->m->ledger),
			  sim_holder_names[c->holder]);
	}
	render_inspector_text(a, pen, RENDER_FONT_MONO, p->px_mono, RENDER_THEME_TEXT, b.len ? b.s : "—");
	render_inspector_heading(a, pen, "ui.insp.mailboxes");
	sbuf_reset(&b);
	for (size_t i = 0; i < a->nfcopy; i++) {
		const struct sim_copy *c = &a->fcopy[i];
		if (render_layout_leader(a->sc, c->node) != hi ||
		    (c->holder != HOLD_MAILBOX && c->holder != HOLD_FETCHED))
			continue;
		char subj[160];
		msg_header_get(c->m, "Subject", subj, sizeof subj);
		struct sbuf d = { 0 };
		mime_decode_words(&d, subj);
		sbuf_addf(&b, "%s%s/%s: %s %s", b.len ? "\n" : "", c->mailbox ? c->mailbox : "",
			  c->holder == HOLD_FETCHED ? render_app_text(a, "ui.insp.fetched") : (c->folder ? c->folder : ""),
			  render_view_msg_tag(a, c->m->ledger), d.s ? d.s : "");
		sbuf_free(&d);
	}
	render_inspector_text(a, pen, RENDER_FONT_MONO, p->px_mono, RENDER_THEME_TEXT, b.len ? b.s : "—");
	sbuf_free(&b);
}

static void render_inspector_router(struct render_app *a, struct render_inspector_pen *pen, int ri)
{
	const struct sc_router *ro = &a->sc->routers[ri];
	const struct render_layout_panels *p = &a->panels;
	struct sim *s = render_app_sim(a);
	struct sbuf b = { 0 };
	render_inspector_text(a, pen, RENDER_FONT_BOLD, p->px_body, RENDER_THEME_TEXT, render_view_router_name(a, ri));
	render_inspector_heading(a, pen, "ui.insp.links");
	for (int i = 0; i < ro->nlinks; i++) {
		int n = ro->links[i].net;
		const char *l = n >= 0 ? sc_text_get(&a->sc->nets[n].label, a->lang) : NULL;
		sbuf_addf(&b, "%s%s", b.len ? "\n" : "", l ? l : (n >= 0 ? a->sc->nets[n].id : "?"));
	}
	render_inspector_text(a, pen, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_TEXT, b.len ? b.s : "—");
	render_inspector_heading(a, pen, "ui.insp.rules");
	render_inspector_text(a, pen, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED,
			      render_app_text(a, "ui.insp.rules_hint"));
	for (int i = 0; i < ro->nrules; i++) {
		const struct sc_rule *r = &ro->rules[i];
		int on = sim_rule_enabled(s, ri, i);
		sbuf_reset(&b);
		sbuf_addf(&b, "[%s] %s — %s", render_app_text(a, on ? "ui.on" : "ui.off"), r->name,
			  rule_action_names[r->action]);
		if (r->port)
			sbuf_addf(&b, " :%d", r->port);
		const char *l = sc_text_get(&r->label, a->lang);
		if (l && *l)
			sbuf_addf(&b, "\n%s", l);
		int y0 = pen->y;
		int h = render_inspector_text(a, pen, RENDER_FONT_BOLD, p->px_small, on ? RENDER_THEME_OK : RENDER_THEME_MUTED, b.s);
		SDL_Rect row = { pen->x - 4, y0 - pen->off - 1, pen->w + 8, h + 2 };
		SDL_Rect vis;
		if (SDL_IntersectRect(&row, &pen->clip, &vis)) {
			render_draw_outline(a->ren, row, 1, on ? RENDER_THEME_OK : RENDER_THEME_PANEL_EDGE);
			render_app_hit_add(a, vis, RENDER_APP_HIT_RULE, ri, i);
		}
		pen->y += 4;
	}
	sbuf_free(&b);
}

/* A row of the message list: "tag — state  subject". */
static void render_inspector_overview_row(struct render_app *a, size_t i, struct sbuf *b)
{
	const struct ledger_entry *le = sim_ledger(render_app_sim(a), i);
	struct sbuf d = { 0 };
	mime_decode_words(&d, le->subject ? le->subject : "");
	sbuf_reset(b);
	sbuf_addf(b, "%s%s — ", le->bounce_of >= 0 ? "DSN " : "", le->tag);
	render_view_msg_states(a, (int)i, b);
	sbuf_addf(b, "  %s", d.s ? d.s : "");
	sbuf_free(&d);
}

/* No selection: every message with its state, each clickable. */
static void render_inspector_overview(struct render_app *a, struct render_inspector_pen *pen)
{
	const struct render_layout_panels *p = &a->panels;
	render_inspector_text(a, pen, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED,
			      render_app_text(a, "ui.insp.hint"));
	render_inspector_heading(a, pen, "ui.insp.messages");
	/* Stepping row by row: not the entries a later row writes. */
	size_t n = render_view_row_born(a);
	struct sbuf b = { 0 };
	for (size_t i = 0; i < n && pen->y - pen->off < pen->clip.y + pen->clip.h; i++) {
		int st = render_view_msg_state(a, (int)i);
		render_inspector_overview_row(a, i, &b);
		int y0 = pen->y;
		int h = render_inspector_text(a, pen, RENDER_FONT_REGULAR, p->px_small,
					      st == LS_DELIVERED ? (render_view_msg_junk(a, (int)i) ? RENDER_THEME_WARN
					                                                        : RENDER_THEME_OK)
					      : (st == LS_BLOCKED || st == LS_REJECTED || st == LS_BOUNCED) ? RENDER_THEME_BLOCK
					      : RENDER_THEME_TEXT, b.s);
		SDL_Rect row = { pen->x, y0 - pen->off, pen->w, h }, vis;
		if (SDL_IntersectRect(&row, &pen->clip, &vis))
			render_app_hit_add(a, vis, RENDER_APP_HIT_MSG, (int)i, 0);
	}
	if (n == 0)
		render_inspector_text(a, pen, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, "—");
	sbuf_free(&b);
}

/* The panel's title beside its fold button; in presenter mode above a
 * verdict's panel (now), the filter's accuracy beside it (the plot's
 * figure, on the line the title leaves free).  Returns its height. */
static int render_inspector_title(struct render_app *a, SDL_Rect in, int now)
{
	const struct render_layout_panels *p = &a->panels;
	int th = 0, tw = 0, now_h = 0;
	int fw = render_fold_button(a, RENDER_APP_PANEL_INSPECTOR, in.x + in.w - p->pad / 2, in.y + p->pad / 3, 1);
	const char *title = render_app_text(a, "ui.panel.inspector");
	if (now) {
		render_font_size(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_FONT_LINE, 0, title, &tw, NULL);
		now_h = render_filter_now(a, 0, 0, in.w - 3 * p->pad - fw - tw, 0);
	}
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_FIT,
			 in.w - 2 * p->pad - fw, title, in.x + p->pad, in.y + p->pad / 3 + now_h / 6, &th);
	if (now)
		render_filter_now(a, in.x + 2 * p->pad + tw, in.y + p->pad / 3, in.w - 3 * p->pad - fw - tw, 1);
	return now_h > th ? now_h : th;
}

void render_inspector_draw(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	SDL_Rect rc = p->inspector;
	/* Nothing selected and the moment is a filter's verdict (or a mark, or
	 * what it learnt): that mail's panel, as if selected. */
	enum render_app_sel sel = a->sel;
	int sel_index = a->sel_index, verdict = render_verdict_msg(a);
	if (verdict >= 0) {
		sel = RENDER_APP_SEL_MSG;
		sel_index = verdict;
	}
	if (verdict != a->verdict_shown)   /* another mail: from its top */
		a->scroll[RENDER_APP_PANEL_INSPECTOR] = 0;
	a->verdict_shown = verdict;
	a->insp_over = 0;
	a->insp_clues = 0;
	a->insp_token_cuts = 0;
	a->insp_halved = 0;
	if (a->sel == RENDER_APP_SEL_NONE && render_filter_any(a) &&
	    !(verdict >= 0 && RENDER_INSPECTOR_PLOT_VERDICT(a->presenter) == 0)) {
		/* The filter's accuracy on top of the list or the chart; in
		 * presenter mode, whose larger text would leave the plot no room
		 * (lesson 12's caption asks the class to watch it), instead of
		 * the list.  Above a verdict's panel, the plot keeps less. */
		int share = verdict >= 0 ? RENDER_INSPECTOR_PLOT_VERDICT(a->presenter)
		          : render_chart_shown(a) ? (a->presenter ? 55 : 45) : (a->presenter ? 100 : 55);
		int below = verdict >= 0 && a->presenter;
		SDL_Rect top = { rc.x, below ? rc.y + rc.h - rc.h * share / 100 : rc.y, rc.w, rc.h * share / 100 };
		SDL_Rect in = { top.x + p->pad / 2, top.y + (below ? 0 : p->pad / 2), top.w - p->pad,
		                top.h - p->pad / 2 };
		render_draw_fill(a->ren, in, RENDER_THEME_PANEL);
		render_draw_outline(a->ren, in, 1, RENDER_THEME_PANEL_EDGE);
		render_filter_plot(a, (SDL_Rect){ in.x + p->pad, in.y + p->pad / 2, in.w - 2 * p->pad,
		                                  in.h - p->pad });
		if (!below)
			rc.y += top.h;
		rc.h -= top.h;
		if (share == 100)
			return;
	}
	if (sel == RENDER_APP_SEL_NONE && render_chart_shown(a) && a->pdu_rec < 0 && a->pdu_conn < 0) {
		render_chart_draw(a, rc);
		return;
	}
	SDL_Rect in = { rc.x + p->pad / 2, rc.y + p->pad / 2, rc.w - p->pad, rc.h - p->pad };
	render_draw_fill(a->ren, in, RENDER_THEME_PANEL);
	render_draw_outline(a->ren, in, 1, RENDER_THEME_PANEL_EDGE);
	render_app_hit_add(a, rc, RENDER_APP_HIT_PANEL, RENDER_APP_PANEL_INSPECTOR, 0);
	int th = render_inspector_title(a, in, verdict >= 0 && sel == RENDER_APP_SEL_MSG &&
	                                           RENDER_INSPECTOR_PLOT_VERDICT(a->presenter) == 0 &&
	                                           a->pdu_rec < 0 && a->pdu_conn < 0);
	struct render_inspector_pen pen;
	pen.clip = (SDL_Rect){ in.x + p->pad, in.y + th + p->pad / 2, in.w - 2 * p->pad, in.h - th - p->pad };
	pen.x = pen.clip.x;
	pen.y = pen.clip.y;
	pen.w = pen.clip.w;
	pen.off = a->scroll[RENDER_APP_PANEL_INSPECTOR] * render_font_line_height(a->font, RENDER_FONT_REGULAR, p->px_small);
	SDL_RenderSetClipRect(a->ren, &pen.clip);
	if (render_pdu_draw(a, pen.clip)) {   /* a packet opened layer by layer */
		SDL_RenderSetClipRect(a->ren, NULL);
		return;
	}
	switch (sel) {
	case RENDER_APP_SEL_MSG:
		if (verdict >= 0)   /* straight to the verdicts, beside the plot */
			pen.y = render_filter_msg(a, verdict, pen.clip, pen.x, pen.y, pen.w, pen.off);
		else
			render_inspector_msg(a, &pen, sel_index);
		break;
	case RENDER_APP_SEL_HOST:
		if (sel_index >= 0 && sel_index < a->sc->nhosts)
			render_inspector_host(a, &pen, sel_index);
		break;
	case RENDER_APP_SEL_ROUTER:
		if (sel_index >= 0 && sel_index < a->sc->nrouters)
			render_inspector_router(a, &pen, sel_index);
		break;
	case RENDER_APP_SEL_NONE:
		render_inspector_overview(a, &pen);
		break;
	case RENDER_APP_SEL_COUNT:
	default:
		PANIC("unexpected selection %d", (int)sel);
	}
	/* Content below the bottom: a hint that the wheel scrolls. */
	if (pen.off == 0 && pen.y > pen.clip.y + pen.clip.h)
		a->insp_over = pen.y - (pen.clip.y + pen.clip.h);
	if (pen.y - pen.off > pen.clip.y + pen.clip.h)
		render_draw_fill(a->ren, (SDL_Rect){ pen.clip.x, pen.clip.y + pen.clip.h - 3, pen.clip.w, 3 },
				 RENDER_THEME_ACCENT);
	SDL_RenderSetClipRect(a->ren, NULL);
}
