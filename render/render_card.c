/* render_card — the letter card: the envelope and header of the message
 * in focus (the copy the current row is about), its tabs, the evidence of
 * the moment scrolled into view, the MIME tree (render_mime.c). */
#include "render_card.h"
#include "render_card_words.h"
#include "render_card_told.h"
#include "render_card_text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_align.h"
#include "render_app.h"
#include "render_auth.h"
#include "render_draw.h"
#include "render_field.h"
#include "render_mime.h"
#include "render_quiz.h"
#include "render_tabs.h"
#include "render_theme.h"
#include "render_ui.h"
#include "render_view.h"
#include "render_view_row.h"
#include "render_wrap.h"

int render_card_shown_field(const char *name, size_t len)
{
	static const char *const shown[] = {
		"Received", "Return-Path", "Delivered-To", "From", "To", "Cc", "Subject", "Date", "Sender",
		"Reply-To", "X-Spam-Flag", "X-Spam-Status",
	};
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
		if (strlen(shown[i]) == len && util_strncasecmp(name, shown[i], len) == 0)
			return 1;
	return 0;
}

/* The lines a short card keeps (a->card_key): who wrote to whom about
 * what, as the reader sees them. */
static int render_card_key_field(const char *name, size_t len)
{
	static const char *const key[] = { "From", "To", "Cc", "Subject" };
	for (size_t i = 0; i < sizeof key / sizeof key[0]; i++)
		if (strlen(key[i]) == len && util_strncasecmp(name, key[i], len) == 0)
			return 1;
	return 0;
}

/* A shortened text of the card at (rc.x, y, rc.w, h): a click shows it
 * whole in the inspector.  rc is the card's visible area. */
static void render_card_full_hit(struct render_app *a, const struct msg *m, SDL_Rect rc, int y, int h,
                                        int what)
{
	SDL_Rect row = { rc.x, y, rc.w, h }, vis;
	if (m->ledger >= 0 && SDL_IntersectRect(&row, &rc, &vis))
		render_app_hit_add(a, vis, RENDER_APP_HIT_FULL, m->ledger, what);
}

/* The envelope part of the card: what the SMTP client said, on blue; once
 * a mailbox holds the copy the envelope is gone (the MDA kept MAIL FROM as
 * Return-Path and RCPT TO as Delivered-To), so it is drawn greyed and
 * struck through under a heading that says so.  Then, if the header From
 * names another domain than MAIL FROM, a badge (render_align).  Returns
 * the height; draws only with draw. */
static int render_card_envelope(struct render_app *a, const struct sim_copy *cp, SDL_Rect rc, int y,
                                       int px, int draw, int *badge, int *head)
{
	const struct render_layout_panels *p = &a->panels;
	const struct msg *m = cp->m;
	int gone = cp->holder == HOLD_MAILBOX || cp->holder == HOLD_FETCHED, y0 = y, h = 0;
	/* The short card (a->card_key) goes without its headings: its lines
	 * say what they are (MAIL FROM, RCPT TO on the envelope's colour;
	 * From, To, Subject), and the verdict below needs the room. */
	*head = a->card_key ? 0 : render_card_heading(a, gone ? "ui.card.envelope_gone" : "ui.card.envelope", rc, y, draw);
	y += *head;
	struct sbuf b = { 0 };
	int cut = render_field_envelope(&b, a->cat[a->lang], m, 0);
	int w = 0;
	render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_WRAP, rc.w - p->pad, b.s, &w, &h);
	int eh = h + p->pad / 2;
	if (draw) {
		render_draw_fill(a->ren, (SDL_Rect){ rc.x, y, rc.w, eh }, gone ? 0xECEFF1FFu : 0xE3F2FDFFu);
		render_font_draw(a->font, RENDER_FONT_MONO, px, gone ? 0x90A4AEFFu : RENDER_THEME_TEXT, RENDER_FONT_WRAP,
				 rc.w - p->pad, b.s, rc.x + p->pad / 2, y + p->pad / 4, NULL);
		int lh = render_font_line_height(a->font, RENDER_FONT_MONO, px);
		for (int ly = y + p->pad / 4 + lh / 2; gone && lh > 0 && ly < y + eh - p->pad / 4; ly += lh)
			render_draw_fill(a->ren, (SDL_Rect){ rc.x + p->pad / 2, ly, w, a->panels.line }, 0x90A4AEFFu);
		if (cut)
			render_card_full_hit(a, m, rc, y, eh, RENDER_FIELD_HIT_ENVELOPE);
	}
	y += eh + p->pad / 2;
	*badge = y;   /* where the badge begins, if there is one */
	y += render_align_draw(a, cp, rc, y, draw);
	sbuf_free(&b);
	return y - y0;
}

/* What the card keeps in view when it is taller than its panel: the
 * evidence of the moment (render_card_anchor).  top and bottom are
 * found by render_card_body, from the body's top; top -1: none. */
#define RENDER_CARD_ANCHOR_FIELDS 12
#define RENDER_CARD_STOPS 96
struct render_card_anchor {
	int mime;                  /* the MIME tree (a bounce's parts, S/MIME steps) */
	int envelope;              /* the envelope and the From badge under it */
	int hop;                   /* the fields the receiving server wrote, down to its Received */
	int badge;                 /* the badge alone (the envelope struck) */
	const char *field[RENDER_CARD_ANCHOR_FIELDS];   /* "Name: value" */
	int nfield;
	char dkim_d[64];           /* the caption's "d=shop.example": that signature only */
	int ncaption;              /* the first of them the caption names, */
	int nmoment;               /* and the current row (then the answer key's) */
	int top, bottom;
	int htop, hbottom;         /* the same without the envelope and its badge */
	int pin;                   /* the envelope's part's height (render_card_draw keeps it in view), */
	int pinc;                  /* and without its heading, as kept over a scrolled header */
	/* where a heading, a field or the MIME tree begins, from the body's
	 * top, ascending: a scroll offset the card picks is one of them, so
	 * that no text is cut at the top (lesson 11's "Envelope" heading
	 * half under the title) */
	int stop[RENDER_CARD_STOPS];
	int nstop;
};

static void render_card_stop(struct render_card_anchor *an, int at)
{
	if (an && an->nstop < RENDER_CARD_STOPS && (an->nstop == 0 || at > an->stop[an->nstop - 1]))
		an->stop[an->nstop++] = at;
}

/* The first stop at or below off (off itself past the last one). */
static int render_card_snap(const struct render_card_anchor *an, int off)
{
	for (int i = 0; i < an->nstop; i++)
		if (an->stop[i] >= off)
			return an->stop[i];
	return off;
}

/* Does m carry S/MIME (a signed or an encrypted body)? */
static int render_card_smime_body(const struct msg *m)
{
	char ct[256];
	return msg_header_get(m, "Content-Type", ct, sizeof ct) && strstr(ct, "pkcs7") != NULL;
}

/* 1 if header field n: v is the one want ("Name: value", the value as its
 * beginning) names. */
static int render_card_anchor_field(const char *want, const char *n, size_t nl, const char *v, size_t vl)
{
	const char *colon = strchr(want, ':');
	if (!colon || (size_t)(colon - want) != nl || util_strncasecmp(want, n, nl) != 0)
		return 0;
	const char *wv = colon + 1;
	while (*wv == ' ' || *wv == '\t')
		wv++;
	while (vl && (*v == ' ' || *v == '\t')) {
		v++;
		vl--;
	}
	size_t wl = strlen(wv);
	return wl <= vl && strncmp(wv, v, wl) == 0;
}

/* Evidence from top to bottom (from the body's top): the envelope or its
 * badge (env), or a part of the header. */
static void render_card_anchor_span(struct render_card_anchor *an, int top, int bottom, int env)
{
	if (!an)
		return;
	if (an->top < 0 || top < an->top)
		an->top = top;
	if (bottom > an->bottom)
		an->bottom = bottom;
	if (env)
		return;
	if (an->htop < 0 || top < an->htop)
		an->htop = top;
	if (bottom > an->hbottom)
		an->hbottom = bottom;
}

/* Measured again (render_card_body fills them in). */
static void render_card_anchor_reset(struct render_card_anchor *an)
{
	an->top = an->bottom = an->htop = an->hbottom = -1;
	an->nstop = 0;
}

/* A MAIL FROM or RCPT TO line on the wire, or its reply: a row about the
 * envelope. */
static int render_card_envelope_row(const struct trace_rec *r)
{
	return r->proto == PROTO_SMTP && (r->kind == TR_CMD || r->kind == TR_REPLY) && r->u.line.verb &&
	       (util_strcasecmp(r->u.line.verb, "MAIL") == 0 || util_strcasecmp(r->u.line.verb, "RCPT") == 0);
}

/* Keep header field "Name:" (any value) in view, once. */
static void render_card_name(struct render_card_anchor *an, const char *field)
{
	for (int k = 0; k < an->nfield; k++)
		if (strcmp(an->field[k], field) == 0)
			return;
	if (an->nfield < RENDER_CARD_ANCHOR_FIELDS)
		an->field[an->nfield++] = field;
}

/* What the current row about the message names: a MAIL FROM or RCPT TO
 * line the envelope; a delivery the envelope it ends and the Return-Path
 * and Delivered-To it leaves (lesson 01 at 1.455 s); a server taking
 * the mail the Received line it adds on top. */
static void render_card_named_by_row(const struct trace_rec *r, struct render_card_anchor *an)
{
	if (render_card_envelope_row(r))
		an->envelope = 1;
	if (r->kind == TR_DELIVER) {
		an->envelope = 1;
		render_card_name(an, "Return-Path:");
		render_card_name(an, "Delivered-To:");
		/* and the lines its reader will see: who wrote to whom about
		 * what (review 24 B3: lesson 05's From: 社長 and To:
		 * undisclosed-recipients:; had been scrolled out of view) */
		render_card_name(an, "From:");
		render_card_name(an, "To:");
		render_card_name(an, "Subject:");
	}
	if (r->kind == TR_QUEUED && r->u.queued.how != TRACE_TAKE_FORWARD)
		render_card_name(an, "Received:");
	/* DMARC judges the header From: its verdict, and a refusal for it,
	 * name it (lesson 13 at 100.558 s, "it refuses the mail with 550":
	 * the squeezed card showed its Header heading over blank room, the
	 * forged From out of view) */
	if (r->kind == TR_DMARC ||
	    (r->kind == TR_REPLY && r->u.line.code >= 500 && r->u.line.text && strstr(r->u.line.text, "DMARC")))
		render_card_name(an, "From:");
}

/* The header fields a caption names (its English text), as anchors
 * "Name:" (any value): a field name of its own ("Return-Path",
 * "Received", "Authentication-Results"), a short one only as "header To",
 * "header's From" or "the From" ("To" and "From" are words too). */
static void render_card_named_fields(const char *en, int verdict, struct render_card_anchor *an)
{
	static const char *const named[] = {
		"Return-Path:", "Delivered-To:", "Received-SPF:", "Received:", "Authentication-Results:",
		"DKIM-Signature:", "Subject:", "Message-ID:", "Reply-To:", "To:", "From:", "Cc:",
	};
	for (size_t i = 0; en && i < sizeof named / sizeof *named && an->nfield < RENDER_CARD_ANCHOR_FIELDS; i++) {
		if (render_card_words_field(en, named[i]))
			render_card_name(an, named[i]);
	}
	/* a verdict as the field writes it ("dmarc=pass"): the server's Authentication-
	 * Results once written (lesson 13 at 1.9 s), not an earlier's (at 1.800 s) */
	if (en && !verdict && (strstr(en, "dmarc=") || strstr(en, "dkim=") || strstr(en, "spf=")))
		render_card_name(an, "Authentication-Results:");
	/* forwarding: the hop the mail came through, the newest Received
	 * (lesson 13 at 1.688 s, "② Forwarding: the university's server sees
	 * ISP B's server as the client": the highlighted line was below the
	 * fold) */
	if (en && (strstr(en, "Forwarding") || strstr(en, "forwarding")))
		render_card_name(an, "Received:");
	/* a signature by its signing domain ("The d=shop.example signature
	 * passes", lesson 13 at 70.442 s): that one, not the other signer's
	 * (the card had scrolled to d=esp.example) */
	const char *d = en ? strstr(en, "d=") : NULL;
	if (d && (d == en || d[-1] == ' ' || d[-1] == '(')) {
		size_t dl = strspn(d + 2, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");
		while (dl > 0 && d[2 + dl - 1] == '.')
			dl--;
		if (dl > 0 && dl < sizeof an->dkim_d) {
			memcpy(an->dkim_d, d + 2, dl);
			an->dkim_d[dl] = '\0';
		}
	}
}

/* Is header field n: v the DKIM-Signature with d= domain d? */
static int render_card_dkim_is(const char *d, const char *n, size_t nl, const char *v, size_t vl)
{
	if (!d || !*d || nl != 14 || util_strncasecmp(n, "DKIM-Signature", 14) != 0)
		return 0;
	size_t dl = strlen(d);
	for (size_t i = 0; i + 2 + dl <= vl; i++) {
		if (v[i] != 'd' || v[i + 1] != '=' || (i > 0 && v[i - 1] != ';' && v[i - 1] != ' ' && v[i - 1] != '\t'))
			continue;
		size_t j = i + 2 + dl;
		if (util_strncasecmp(v + i + 2, d, dl) == 0 && (j == vl || v[j] == ';' || v[j] == ' ' || v[j] == '\r' ||
		                                                 v[j] == '\n'))
			return 1;
	}
	return 0;
}

/* Does m carry an earlier server's verdicts (Authentication-Results,
 * Received-SPF under its top Received line)?  A forwarded copy: its card
 * is to show the receiving server's own fields, not only those (review
 * 21, A1: ISP B's "Received-SPF: Pass" read as the university's). */
static int render_card_older_verdicts(const struct msg *m)
{
	int received = 0;
	for (int i = 0; i < m->nfields; i++) {
		size_t nl = 0;
		const char *n = msg_field_name(m, i, &nl);
		if (nl == 8 && util_strncasecmp(n, "Received", 8) == 0)
			received = 1;
		else if (received && render_card_words_trace(n, nl) && render_auth_is_field(n, nl))
			return 1;
	}
	return 0;
}

/* The evidence the moment is about, for the focus message's copy: the
 * MIME tree for a bounce (its three parts are what it is) and while its
 * reader's mail program does an S/MIME step on it; else what the caption
 * and the current row name (the envelope and its badge, header fields)
 * and the header fields the lesson's answer key names for it
 * ("To: undisclosed-recipients:;").  Where they do not all fit, the
 * card shows the top of them (render_card_draw). */
static void render_card_anchor(struct render_app *a, int focus, const struct sim_copy *cp,
                               struct render_card_anchor *an)
{
	const struct msg *m = cp->m;
	memset(an, 0, sizeof *an);
	render_card_anchor_reset(an);
	const struct ledger_entry *le = sim_ledger(render_app_sim(a), (size_t)focus);
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	for (size_t i = n; i-- > 0 && tr[i].event == tr[n - 1].event;)
		an->mime |= tr[i].kind == TR_SMIME && tr[i].msg == focus;
	an->mime |= le->bounce_of >= 0;
	/* A lesson about S/MIME is about the parts of a signed or encrypted
	 * mail: at every step (lesson 11 at 8.579 s, the caption about the
	 * ciphertext an administrator would see, had it below the fold). */
	an->mime |= sim_smime(render_app_sim(a)) && render_card_smime_body(m);
	/* What the caption up names, when it is about this message: the
	 * card's MIME tree (lesson 11 at 1.454 s: "click its text/plain part
	 * under "MIME structure" in the card", whose last line was From:), or
	 * the envelope, the From badge, header fields (below). */
	int c = render_view_caption(a);
	size_t crec = c >= 0 ? (size_t)a->caption_rec[c] : n;
	const char *en = crec < n && tr[crec].msg == focus ? sc_text_get(&a->sc->captions[c].text, LANG_EN) : NULL;
	an->mime |= en && strstr(en, "MIME structure");
	/* A bounce that failed itself: its envelope is the point (MAIL
	 * FROM:<>, the RCPT TO refused; no bounce is made for it), above its
	 * three parts (lesson 06 at 140.803 s: the presenter card began at
	 * Date:, review 20, B3). */
	for (size_t i = n; le->bounce_of >= 0 && i-- > 0;) {
		if (tr[i].msg != focus)
			continue;
		if (tr[i].kind == TR_BOUNCE)
			break;   /* where it was written */
		if ((tr[i].kind == TR_REPLY && tr[i].u.line.code >= 500) || tr[i].kind == TR_DISCARD) {
			an->envelope = 1;
			break;
		}
	}
	if (an->mime) {   /* and the From a verdict compares with its signer (lesson 11 at 25.287 s) */
		if (en && render_card_words_field(en, "From:"))
			render_card_name(an, "From:");
		an->ncaption = an->nmoment = an->nfield;
		return;
	}
	an->hop = render_card_older_verdicts(m);
	/* (lesson 05 at 60.455 s: "the clues … are the Return-Path (the
	 * envelope From) and the Received lines"); a row about the envelope
	 * (MAIL FROM, RCPT TO, their replies) names the envelope too. */
	if (en) {
		an->envelope |= render_card_words_envelope(en) || render_card_envelope_row(&tr[crec]);
		enum trace_kind k = tr[crec].kind;
		render_card_named_fields(en, k == TR_SPF || k == TR_DKIM || k == TR_DMARC, an);
	}
	an->ncaption = an->nfield;
	size_t at = render_view_caption_moment(a, tr, n, focus);
	while (at > 0 && trace_kinds[tr[at - 1].kind].quiet)
		at--;
	if (at && tr[at - 1].msg == focus)
		render_card_named_by_row(&tr[at - 1], an);
	/* The header From named, and a badge under the envelope that compares
	 * it with MAIL FROM: the badge is the evidence (lesson 13 at 70.442
	 * s: "aligns with shop.example in the From: DMARC passes"). */
	for (int k = 0; k < an->nfield && !an->envelope; k++)
		if (strcmp(an->field[k], "From:") == 0) {
			struct sbuf b = { 0 };
			an->envelope = render_align_text(a, cp, &b) != RENDER_ALIGN_NONE;
			sbuf_free(&b);
		}
	an->nmoment = an->nfield;
	/* And the fields the lesson's answer key names for this message (lesson
	 * 05's m3 at 100.455 s: the envelope's RCPT TO the caption names, and
	 * "To: undisclosed-recipients:;"). */
	for (int e = 0; e < a->sc->nexpects; e++) {
		const struct sc_expect *x = &a->sc->expects[e];
		if (x->header && x->msg && strcmp(x->msg, le->tag) == 0)
			render_card_name(an, x->header);
	}
}

int render_card_evidence_names(struct render_app *a, char *out, size_t outsz)
{
	int focus = render_view_focus_msg(a);
	struct sim_copy cp;
	if (outsz)
		out[0] = '\0';
	if (focus < 0 || render_view_copy_of(a, focus, &cp) != 0)
		return -1;
	struct render_card_anchor an;
	render_card_anchor(a, focus, &cp, &an);
	struct sbuf b = { 0 };
	if (an.mime)
		sbuf_adds(&b, "mime ");
	if (an.envelope)
		sbuf_adds(&b, "envelope ");
	if (an.hop)
		sbuf_adds(&b, "hop ");
	for (int k = 0; k < an.nfield; k++)
		sbuf_addf(&b, "%s ", an.field[k]);
	render_wrap_copy(out, outsz, b.s ? b.s : "");
	sbuf_free(&b);
	return 0;
}

/* Record item (-1 the envelope, else header field i) as shown whole if
 * its rows y..y+h lie in rc (a->card_shown). */
static void render_card_shown(struct render_app *a, SDL_Rect rc, int y, int h, int item)
{
	if (y >= rc.y && y + h <= rc.y + rc.h && a->ncard_shown < RENDER_APP_CARD_SHOWN)
		a->card_shown[a->ncard_shown++] = item;
}

/* An earlier server's trace field folded to one short line (fold, in
 * render_card_body): "Received: from A by B …" and the like
 * (render_card_words_fold), greyed; a click shows it whole.  newest 1:
 * the newest Received (fold 2), highlighted as whole; -1: an earlier
 * server's Received as where it came from alone (fold 2,
 * render_card_words_fold_from).  Field i of cp's message at y; returns
 * the height; draws only with draw. */
static int render_card_fold_line(struct render_app *a, const struct sim_copy *cp, SDL_Rect rc, int px, int y,
                                 int i, int draw, int newest)
{
	const struct render_layout_panels *p = &a->panels;
	size_t nl = 0, vl = 0;
	const char *n = msg_field_name(cp->m, i, &nl);
	const char *v = msg_field_value(cp->m, i, &vl);
	struct sbuf b = { 0 };
	if (newest < 0)
		render_card_words_fold_from(n, nl, v, vl, &b);
	else
		render_card_words_fold(n, nl, v, vl, &b);
	uint32_t col = newest > 0 ? 0x4E342EFFu : RENDER_THEME_MUTED;
	int fh = render_card_folded(a, px, col, rc.w - p->pad, b.s, rc.x + p->pad / 2, y + 1, 0);
	if (draw && render_card_draws(a, rc, y, fh + 2)) {
		if (newest > 0)   /* the newest Received, highlighted as whole */
			render_draw_fill(a->ren, (SDL_Rect){ rc.x, y, rc.w, fh + 2 }, RENDER_THEME_HILITE);
		render_card_folded(a, px, col, rc.w - p->pad, b.s, rc.x + p->pad / 2, y + 1, 1);
		render_card_folded_end(a, px, rc.w - p->pad, b.s, rc.x + p->pad / 2, y, fh + 2);
		render_card_full_hit(a, cp->m, rc, y, fh + 2, RENDER_FIELD_HIT_HEADER + i);
		render_card_shown(a, rc, y, fh, i);
	}
	sbuf_free(&b);
	return fh + 3;
}

/* The envelope (what the SMTP client said) and the header (what the reader
 * sees) of the copy cp in rc with monospace text of px pixels, scrolled up by off;
 * long ones shortened (render_field), a click away from the whole text;
 * each field wrapped as a folded header line (render_card_folded).
 * Returns the height it takes; draws only with draw set. */
static int render_card_body(struct render_app *a, const struct sim_copy *cp, SDL_Rect rc, int px,
                                   int draw, int off, struct render_card_anchor *an, int fold)
{
	const struct render_layout_panels *p = &a->panels;
	const struct i18n *cat = a->cat[a->lang];
	const struct msg *m = cp->m;
	int y = rc.y - off;
	render_card_stop(an, 0);
	int badge = 0, ey = y, head = 0;
	y += render_card_envelope(a, cp, rc, y, px, draw, &badge, &head);
	if (draw)
		render_card_shown(a, rc, ey + head, y - ey - head, -1);
	if (an) {
		an->pin = y + off - rc.y;
		an->pinc = an->pin - head;
	}
	if (an && an->envelope)
		render_card_anchor_span(an, 0, y + off - rc.y, 1);
	else if (an && an->badge && y > badge) {
		render_card_stop(an, badge + off - rc.y);
		render_card_anchor_span(an, badge + off - rc.y, y + off - rc.y, 1);
	}
	render_card_stop(an, y + off - rc.y);
	struct sbuf b = { 0 };
	int cut = 0;
	/* The newest Received (the top one) is highlighted: each MTA adds its
	 * own above the others. */
	if (!a->card_key)
		y += render_card_heading(a, "ui.card.header", rc, y, draw);
	int first_received = 1, hop = y + off - rc.y;
	for (int i = 0; i < m->nfields; i++) {
		size_t nl = 0;
		const char *n = msg_field_name(m, i, &nl);
		size_t vl = 0;
		const char *v = msg_field_value(m, i, &vl);
		int wanted = 0;
		if (render_auth_is_field(n, nl) || render_card_shown_field(n, nl))
			render_card_stop(an, y + off - rc.y);
		for (int k = 0; an && k < an->nfield; k++)
			wanted |= render_card_anchor_field(an->field[k], n, nl, v, vl);
		if (an)   /* the signature the caption names */
			wanted |= render_card_dkim_is(an->dkim_d, n, nl, v, vl);
		if (render_auth_is_field(n, nl) && a->card_key && !wanted)
			continue;
		int y0f = y + off - rc.y;
		/* (not the sender's DKIM-Signature: its d= and s= are evidence) */
		if (render_auth_is_field(n, nl) && fold && !first_received && render_card_words_trace(n, nl)) {
			y += render_card_fold_line(a, cp, rc, px, y, i, draw, 0);
			if (wanted)
				render_card_anchor_span(an, y0f, y + off - rc.y, 0);
			continue;
		}
		if (render_auth_is_field(n, nl)) {
			int ah = render_card_auth(a, n, nl, v, vl, rc, y, px, draw);
			if (draw)
				render_card_shown(a, rc, y, ah - 3, i);
			if (wanted)
				render_card_anchor_span(an, y + off - rc.y, y + ah + off - rc.y, 0);
			y += ah;
			continue;
		}
		if (!render_card_shown_field(n, nl) || (a->card_key && !wanted && !render_card_key_field(n, nl)))
			continue;
		int is_recv = nl == 8 && util_strncasecmp(n, "Received", 8) == 0;
		/* fold 2: the receiving server's own trace fields too, the
		 * newest Received among them (still highlighted): what yields
		 * before the evidence of the moment leaves the view */
		if (render_card_words_trace(n, nl) && ((fold && !first_received) || (fold > 1 && is_recv))) {
			int newest = is_recv && first_received ? 1 : fold > 1 && is_recv ? -1 : 0;
			y += render_card_fold_line(a, cp, rc, px, y, i, draw, newest);
			if (newest && an && an->hop)
				render_card_anchor_span(an, hop, y + off - rc.y, 0);
			first_received &= !is_recv;
			if (wanted)
				render_card_anchor_span(an, y0f, y + off - rc.y, 0);
			continue;
		}
		sbuf_reset(&b);
		cut = render_field_header(&b, cat, n, nl, v, vl, 0);
		uint32_t col = is_recv ? 0x4E342EFFu : RENDER_THEME_TEXT;
		int fh = render_card_folded(a, px, col, rc.w - p->pad, b.s, rc.x + p->pad / 2, y + 1, 0);
		/* A field of several lines may be scrolled by a line or two of
		 * it: the next stop had been the next field, a Received of four
		 * lines farther, and the card scrolled past its end into blank
		 * room, the Received gone (lesson 05 at 1.438 s, 720p presenter,
		 * the caption on "the header travels unchanged"). */
		for (int k = 1, lh = render_font_line_height(a->font, RENDER_FONT_MONO, px); k * lh < fh - lh / 2; k++)
			render_card_stop(an, y + off - rc.y + k * lh);
		if (draw && render_card_draws(a, rc, y, fh + 2)) {
			if (is_recv && first_received)
				render_draw_fill(a->ren, (SDL_Rect){ rc.x, y, rc.w, fh + 2 }, RENDER_THEME_HILITE);
			render_card_folded(a, px, col, rc.w - p->pad, b.s, rc.x + p->pad / 2, y + 1, 1);
			render_card_folded_end(a, px, rc.w - p->pad, b.s, rc.x + p->pad / 2, y, fh + 2);
			if (cut)
				render_card_full_hit(a, m, rc, y, fh + 2, RENDER_FIELD_HIT_HEADER + i);
			render_card_shown(a, rc, y, fh, i);
		}
		if (is_recv && first_received && an && an->hop)
			render_card_anchor_span(an, hop, y + fh + 3 + off - rc.y, 0);
		if (is_recv)
			first_received = 0;
		if (wanted)
			render_card_anchor_span(an, y + off - rc.y, y + fh + 3 + off - rc.y, 0);
		y += fh + 3;
	}
	sbuf_free(&b);
	/* With S/MIME in the lesson: the parts the body is made of, and what
	 * the reader found (render_mime.c, render_smime.c). */
	int tree = y;
	render_card_stop(an, tree + off - rc.y);
	y = render_mime_card(a, cp, rc, px, y, draw);
	if (an && an->mime && y > tree)
		render_card_anchor_span(an, tree + off - rc.y, y + off - rc.y, 0);
	return y + off - rc.y;
}

/* The card's text shrinks by tenths from the monospace size to this floor
 * (render_card_card), and on a projector grows by tenths up to half as
 * large again. */
static int render_card_floor(const struct render_layout_panels *p)
{
	return p->px_small * 9 / 10;
}

static int render_card_smaller(int px, int floor_px)
{
	return px * 9 / 10 > floor_px ? px * 9 / 10 : floor_px;
}

int render_card_sizes(const struct render_app *a, int *px, int max)
{
	const struct render_layout_panels *p = &a->panels;
	int n = 0, floor_px = render_card_floor(p);
	for (int v = p->px_mono; n < max; v = render_card_smaller(v, floor_px)) {
		px[n++] = v;
		if (v <= floor_px)
			break;
	}
	for (int v = p->px_mono; a->presenter && n < max && v < p->px_mono * 3 / 2 && v * 11 / 10 > v; v = v * 11 / 10)
		px[n++] = v * 11 / 10;
	return n;
}

/* The framed card's height for the focus message's copy with its body at
 * px, the answer key's fields shown (key) or not; without a copy, what
 * its frame needs and empty more. */
static int render_card_height(struct render_app *a, int key, int px, int empty)
{
	const struct render_layout_panels *p = &a->panels;
	int h = render_font_line_height(a->font, RENDER_FONT_BOLD, p->px_small) +
		render_font_line_height(a->font, RENDER_FONT_BOLD, p->px_title) + 2 * p->pad + 2;   /* render_panels_frame */
	int focus = render_view_focus_msg(a);
	struct sim_copy cp;
	if (focus < 0 || render_view_copy_of(a, focus, &cp) != 0)
		return h + empty;
	char title[512];   /* a long title wraps (render_card_draw) */
	int tpx = 0;
	h += render_card_title(a, focus, p->card.w - 3 * p->pad - 10, title, sizeof title, &tpx) -
	     render_font_line_height(a->font, RENDER_FONT_BOLD, p->px_title);
	struct render_tabs_tab t[RENDER_TABS_MAX];
	if (render_tabs_list(a, focus, t, RENDER_TABS_MAX) > 1)   /* a row of tabs */
		h += render_font_line_height(a->font, RENDER_FONT_BOLD, p->px_small) + p->pad;
	int was = a->card_key;
	a->card_key = key;
	SDL_Rect body = { p->card.x + p->pad, 0, p->card.w - 3 * p->pad, 1 << 20 };   /* as framed */
	h += render_card_body(a, &cp, body, px, 0, 0, NULL, 0);
	a->card_key = was;
	return h;
}

int render_card_keep(struct render_app *a)
{
	return render_card_height(a, 1, render_card_floor(&a->panels), 0);
}

int render_card_need(struct render_app *a)
{
	/* without a copy, a line saying so */
	return render_card_height(a, 0, a->panels.px_mono,
				  3 * render_font_line_height(a->font, RENDER_FONT_REGULAR, a->panels.px_body));
}

/* What stays at the top while the header scrolls: the envelope (its lines
 * say what they are, without the heading) and its badge, pinc high, above
 * the strip; unless that would leave the header less than a third of the
 * body (h high): then 0 and the whole card scrolls under the strip. */
static int render_card_pinned(const struct render_card_anchor *an, int h, int strip)
{
	return an->pinc + strip <= h * 2 / 3;
}

/* Does the evidence fit a body h high: the header's part of it in what
 * the envelope kept at the top and the strip leave? */
static int render_card_fits(const struct render_card_anchor *an, int h, int strip)
{
	if (an->top < 0)
		return 1;
	if (an->htop < 0)
		return an->bottom - an->top <= h;
	int keep = render_card_pinned(an, h, strip) ? an->pinc + strip : 0;
	return an->hbottom - an->htop <= h - keep;
}

/* How much field k of an matters, the most 0: what the caption names;
 * what the current row names, the reader's From and To before the trace
 * fields a delivery leaves, and those before its Subject; last what the
 * answer key names. */
static int render_card_rank(const struct render_card_anchor *an, int k)
{
	if (k < an->ncaption)
		return 0;
	if (k >= an->nmoment)
		return 4;
	const char *f = an->field[k];
	if (strcmp(f, "From:") == 0 || strcmp(f, "To:") == 0)
		return 1;
	return strcmp(f, "Subject:") == 0 ? 3 : 2;
}

/* The evidence not all in view: give up the field that matters least
 * (render_card_rank), the last named of those; 0 if only what the caption
 * names is left.  The envelope (struck once a mailbox holds the copy) is
 * never given up: it stays at the top while the header scrolls under it
 * (review 21, B4). */
static int render_card_yield(struct render_card_anchor *an)
{
	int worst = -1;
	for (int k = an->ncaption; k < an->nfield; k++)
		if (worst < 0 || render_card_rank(an, k) >= render_card_rank(an, worst))
			worst = k;
	if (worst < 0)
		return 0;
	for (int k = worst; k + 1 < an->nfield; k++)
		an->field[k] = an->field[k + 1];
	an->nfield--;
	an->nmoment -= worst < an->nmoment;
	return 1;
}

/* How far the header is scrolled (from pin, where it begins, kept pc high
 * over it) for the evidence to be in view at the foot of a body h high,
 * no further than its top, on a line (render_card_snap). */
static int render_card_base(const struct render_card_anchor *an, int h, int pin, int pc, int strip, int end)
{
	if (an->htop < 0 || an->hbottom <= pin || an->hbottom <= h)
		return 0;
	int top = an->htop > pin ? an->htop : pin;
	/* (above "▼ more below" where the card goes on: it had covered lesson
	 * 11's application/pkcs7-mime line at 8.579 s) */
	/* (or over the wheel's thin rule, where the strip would leave the
	 * evidence too little room: lesson 05 at 60.455 s in presenter mode) */
	int room = h - pc - strip, below = an->hbottom - top + strip <= room ? strip : 3;
	int o = an->hbottom - pin - (room - (an->hbottom < end ? below : 0));
	o = o > top - pin ? top - pin : o;
	/* Scrolled a line at least: what scrolling gains (the envelope's
	 * heading, less the strip) may be all it needs, and unscrolled the
	 * evidence ran past the panel's foot (lesson 11 at 8.125 s, 720p
	 * presenter ja: the application/pkcs7-mime line cut in half). */
	return render_card_snap(an, pin + (o > 0 ? o : 1)) - pin;
}

/* Where a point P of the card (from the body's top) is drawn: the
 * envelope's part kept at the top (less its heading, pin - pc), the
 * header's scrolled by off under the strip (from head on). */
static int render_card_at(int P, SDL_Rect body, int pin, int pc, int head, int off)
{
	if (off == 0)
		return body.y + P;
	if (P < pin)
		return body.y + (P > pin - pc ? P - (pin - pc) : 0);
	return body.y + head + P - pin - off;
}

void render_card_draw(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	SDL_Rect c = render_panels_frame(a, p->card, render_panels_title(a, "ui.panel.card", p->card.w - 3 * p->pad), 0);
	render_app_hit_add(a, p->card, RENDER_APP_HIT_PANEL, RENDER_APP_PANEL_CARD, 0);
	int focus = render_view_focus_msg(a);
	a->card_told = 0;
	a->card_evidence = a->card_body = a->card_more = a->card_below = a->card_tab = (SDL_Rect){ 0, 0, 0, 0 };
	a->card_sealing = a->card_tab;
	a->card_end = 0;
	a->ncard_shown = 0;
	if (render_quiz_hides(a, SC_QUIZ_HIDE_CARD)) {
		render_quiz_hidden_note(a, c);
		return;
	}
	if (focus < 0) {
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_body, RENDER_THEME_MUTED, RENDER_FONT_WRAP,
				 c.w, render_app_text(a, render_view_empty_session(a) ? "ui.card.session_empty" : "ui.card.none"),
				 c.x, c.y, NULL);
		return;
	}
	SDL_RenderSetClipRect(a->ren, &c);
	struct sim *s = render_app_sim(a);
	const struct ledger_entry *le = sim_ledger(s, (size_t)focus);
	int y = c.y, h = 0;
	char buf[512];
	int tpx = p->px_title, th = render_card_title(a, focus, c.w - 10, buf, sizeof buf, &tpx);
	render_draw_fill(a->ren, (SDL_Rect){ c.x - 2, y, 6, p->px_title }, le->bounce_of >= 0 ? RENDER_THEME_BOUNCE
			 : render_theme_letter[focus % RENDER_THEME_NLETTER]);
	struct sim_copy cp;
	int have = render_view_copy_of(a, focus, &cp) == 0;
	/* Amber, not the green of the INBOX, when the copy shown is in Junk. */
	int junk = have ? cp.holder == HOLD_MAILBOX && cp.folder && util_strcasecmp(cp.folder, "Junk") == 0
	                : render_view_msg_junk(a, focus);
	render_font_draw(a->font, RENDER_FONT_BOLD, tpx, junk ? RENDER_THEME_WARN : RENDER_THEME_TEXT, RENDER_FONT_WRAP,
			 c.w - 10, buf, c.x + 10, y - p->px_title / 6 + (p->px_title - tpx) * 3 / 4, &h);
	y += th;
	/* Several copies (To and Cc, a Bcc, a forward): a tab for each. */
	y += render_tabs_draw(a, focus, have ? cp.m : NULL, (SDL_Rect){ c.x, y, c.w, 0 });
	a->card_told = !have && render_card_told(a, focus, c, y);
	if (!have && !a->card_told && render_card_discarded(a, focus, c, y)) {
		a->card_told = 1;
		SDL_RenderSetClipRect(a->ren, NULL);
		return;
	}
	if (!have && !a->card_told)
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_body, RENDER_THEME_MUTED, RENDER_FONT_WRAP, c.w,
				 render_app_text(a, "ui.card.gone"), c.x, y, NULL);
	if (!have) {
		SDL_RenderSetClipRect(a->ren, NULL);
		return;
	}
	/* The envelope and header at the largest size that fits (a mail that
	 * went through four MTAs carries four Received lines), never below
	 * the small text size; then the earlier servers' trace fields folded
	 * to a line each (render_card_fold_line) and the size tried again;
	 * past that the wheel scrolls the card. */
	SDL_Rect body = { c.x, y, c.w, c.y + c.h - y };
	int px = p->px_mono, floor_px = render_card_floor(p), fold = 0;
	for (;;) {
		while (px > floor_px && render_card_body(a, &cp, body, px, 0, 0, NULL, fold) > body.h)
			px = render_card_smaller(px, floor_px);
		if (fold || render_card_body(a, &cp, body, px, 0, 0, NULL, fold) <= body.h)
			break;
		fold = 1;
		px = p->px_mono;
	}
	/* On a projector a short letter grows to fill its panel (up to half
	 * again the usual size), to be read from the back row. */
	int grow = a->presenter && px == p->px_mono;
	int ph = render_card_body(a, &cp, body, px, 0, 0, NULL, fold);
	while (grow && px < p->px_mono * 3 / 2) {
		int g = px * 11 / 10, gh = render_card_body(a, &cp, body, g, 0, 0, NULL, fold);
		/* No more room, or a line would wrap (the height grows by more
		 * than the size does). */
		if (gh > body.h || gh > ph * g / px + render_font_line_height(a->font, RENDER_FONT_MONO, g) / 2)
			break;
		px = g;
		ph = gh;
	}
	struct render_card_anchor an;
	render_card_anchor(a, focus, &cp, &an);
	int over = render_card_body(a, &cp, body, px, 0, 0, &an, fold) - body.h;
	/* The strip that says the card is scrolled ("▲ more above"), between
	 * the envelope, which stays, and the header scrolled under it. */
	int strip = render_font_line_height(a->font, RENDER_FONT_BOLD, p->px_small) + p->pad / 2;
	/* The evidence of the moment taller than the panel: the trace fields
	 * folded to a line each, the earlier servers' and then the newest
	 * Received too (a click shows each whole), then smaller text, down
	 * to the floor, before any of it leaves the view (its lines are
	 * wrapped whole, not cut: review 20, B2; review 24 B3: lesson 05's
	 * delivery at 60.455 s had scrolled From: 社長 out of view under a
	 * Received line of four lines). */
	while (over > 0 && !render_card_fits(&an, body.h, strip)) {
		if (fold < 2)
			fold++;
		else if (px > floor_px)
			px = render_card_smaller(px, floor_px);
		else
			break;
		render_card_anchor(a, focus, &cp, &an);
		over = render_card_body(a, &cp, body, px, 0, 0, &an, fold) - body.h;
	}
	int lh = render_font_line_height(a->font, RENDER_FONT_MONO, px);
	/* Still not all in view: what the moment names before what the
	 * answer key names (lesson 01 at 1.455 s: the envelope the delivery
	 * ends and the Return-Path and Delivered-To it leaves, before the
	 * oldest Received line); then the fields the caption names before
	 * those the current row names, one by one (render_card_yield). */
	while (over > 0 && !render_card_fits(&an, body.h, strip) && render_card_yield(&an)) {
		render_card_anchor_reset(&an);
		over = render_card_body(a, &cp, body, px, 0, 0, &an, fold) - body.h;
	}
	int pinned = render_card_pinned(&an, body.h, strip), pin = pinned ? an.pin : 0, pc = pinned ? an.pinc : 0;
	/* Taller than the panel: the header scrolled just far enough that the
	 * evidence of the moment is in view (a bounce's three parts, the MIME
	 * tree while it is decrypted, the To the lesson is about), no further
	 * than its top, on a line; the wheel scrolls on from there, up to the
	 * top. */
	int base = over > 0 ? render_card_base(&an, body.h, pin, pc, strip, over + body.h) : 0;
	int *sc = &a->scroll[RENDER_APP_PANEL_CARD], top = over > 0 ? over + strip - (pin - pc) : 0;
	top = top > base ? top : base;
	if (base + *sc * lh < 0)   /* no further up than the top, down than the end */
		*sc = -((base + lh - 1) / lh);
	else if (base + *sc * lh > top)
		*sc = (top - base + lh - 1) / lh;
	int off = base + *sc * lh;
	off = off > top ? top : off < 0 ? 0 : off;
	int head = off > 0 ? pc + strip : 0;   /* where the scrolled header begins in body */
	if (an.top >= 0) {
		int t = render_card_at(an.top, body, pin, pc, head, off);
		a->card_evidence = (SDL_Rect){ body.x, t, body.w, render_card_at(an.bottom, body, pin, pc, head, off) - t };
	}
	a->card_body = body;
	if (off > 0) {
		/* the envelope without its heading, the strip, the header scrolled */
		SDL_Rect env = { body.x, body.y, body.w, pc }, rest = { body.x, body.y + head, body.w, body.h - head };
		if (pc > 0) {
			int was = a->card_key;
			a->card_key = 1;   /* no headings */
			SDL_RenderSetClipRect(a->ren, &env);
			render_card_body(a, &cp, env, px, 1, 0, NULL, fold);
			a->card_key = was;
		}
		SDL_RenderSetClipRect(a->ren, &c);
		a->card_more = (SDL_Rect){ body.x, body.y + pc, body.w, strip };
		render_card_strip(a, a->card_more, "ui.card.more_above", 1);
		SDL_RenderSetClipRect(a->ren, &rest);
		render_card_body(a, &cp, rest, px, 1, off + pin, NULL, fold);
	} else {
		SDL_RenderSetClipRect(a->ren, &body);   /* scrolled text stays off the title and tabs */
		render_card_body(a, &cp, body, px, 1, 0, NULL, fold);
	}
	SDL_RenderSetClipRect(a->ren, &c);
	if (off < top)
		render_card_foot(a, c, body, strip);
	SDL_RenderSetClipRect(a->ren, NULL);
}
