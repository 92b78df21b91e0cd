/* render_mime — the MIME tree on the letter card, the layers a reader
 * opened, the raw base64 of a part on a click, and the body as a stored
 * file shows it. */
#include "render_mime.h"

#include <stdio.h>
#include <string.h>

#include "mime.h"
#include "mimetree.h"
#include "render_app.h"
#include "render_draw.h"
#include "render_smime.h"
#include "render_theme.h"
#include "render_view.h"
#include "smime.h"

#define RENDER_MIME_RAW_LINES 6   /* base64 lines a click shows */

/* The mail the card shows, read once per event rather than every frame. */
struct render_mime {
	const struct sim *sim;       /* the run it was read in */
	size_t events;               /* at this many events */
	const struct msg *m;         /* this copy */
	char *text;                  /* its serialized form, which tree points into */
	struct mimetree tree;        /* the mail as it lies there */
	struct smime_verdict *v;     /* the reader's opening (tags 1..: layers found inside) */
	int raw_ledger, raw_part;    /* the part whose raw body shows (-1 none) */
};

void render_mime_free(struct render_mime *c)
{
	if (!c)
		return;
	free(c->text);
	mimetree_free(&c->tree);
	smime_verdict_free(c->v);
	free(c);
}

static struct render_mime *render_mime_state(struct render_app *a)
{
	if (!a->mime) {
		a->mime = xcalloc(1, sizeof *a->mime);
		mimetree_init(&a->mime->tree);
		a->mime->raw_ledger = a->mime->raw_part = -1;
	}
	return a->mime;
}

/* Read copy cp (and, at its reader's mail program once the reader has
 * opened it, what opening found) unless it is what was read last. */
static struct render_mime *render_mime_read(struct render_app *a, const struct sim_copy *cp)
{
	struct render_mime *c = render_mime_state(a);
	const struct sim *s = render_app_sim(a);
	if (c->sim == s && c->events == sim_events_done(s) && c->m == cp->m && c->text)
		return c;
	free(c->text);
	mimetree_free(&c->tree);
	mimetree_init(&c->tree);
	smime_verdict_free(c->v);
	c->v = NULL;
	c->sim = s;
	c->events = sim_events_done(s);
	c->m = cp->m;
	size_t len = 0;
	c->text = msg_serialize(cp->m, &len);
	char err[160];
	mimetree_parse(&c->tree, c->text, len, 0, err, sizeof err);
	/* The reader's layers: only in the reader's own mail program, and only
	 * once it has opened the mail (the stored copy stays as it came). */
	const struct trace_rec *r = cp->holder == HOLD_FETCHED
		? render_smime_opened(a, cp->m->ledger, cp->mailbox) : NULL;
	if (r && r->u.smime.who && util_strcasecmp(r->u.smime.who, cp->mailbox) == 0)
		c->v = smime_verdict_open(sim_smime(s), cp->m, cp->mailbox, r->t);
	return c;
}

void render_mime_toggle(struct render_app *a, int part)
{
	struct render_mime *c = render_mime_state(a);
	int focus = render_view_focus_msg(a);
	if (c->raw_ledger == focus && c->raw_part == part)
		c->raw_ledger = c->raw_part = -1;
	else {
		c->raw_ledger = focus;
		c->raw_part = part;
	}
}

int render_mime_shown(struct render_app *a)
{
	const struct render_mime *c = a->mime;
	return c && c->raw_ledger >= 0 && c->raw_ledger == render_view_focus_msg(a) ? c->raw_part : -1;
}

/* What a part is for, as the catalog says ("ui.mime.role.signature"). */
static const char *render_mime_role(struct render_app *a, const struct mimetree_part *p)
{
	static const struct { const char *type, *role; } roles[] = {
		{ "text/plain", "text" }, { "text/html", "html" }, { "multipart/signed", "signed" },
		{ "application/pkcs7-signature", "signature" }, { "application/x-pkcs7-signature", "signature" },
		{ "application/pkcs7-mime", "enveloped" }, { "application/x-pkcs7-mime", "enveloped" },
		{ "multipart/report", "report" }, { "message/delivery-status", "dsn" },
		{ "message/rfc822", "original" }, { "text/rfc822-headers", "original_headers" },
		{ "multipart/", "multipart" },
	};
	for (size_t i = 0; i < sizeof roles / sizeof *roles; i++) {
		if (strncmp(p->type, roles[i].type, strlen(roles[i].type)) != 0)
			continue;
		char key[48];
		snprintf(key, sizeof key, "ui.mime.role.%s", roles[i].role);
		if (!strcmp(roles[i].role, "enveloped")) {
			/* opaque signed-data says so in its smime-type */
			char *ct = mimetree_field(p->hdr, p->hdr_len, "Content-Type");
			char st[32];
			mimetree_param(ct ? ct : "", "smime-type", st, sizeof st);
			free(ct);
			if (!util_strcasecmp(st, "signed-data"))
				snprintf(key, sizeof key, "ui.mime.role.%s", "signed_data");
		}
		return render_app_text(a, key);
	}
	return "";
}

/* One part's line: indent, type, transfer encoding, size, what it is. */
static void render_mime_part_line(struct render_app *a, const struct mimetree_part *p, int shown,
                                  struct sbuf *b)
{
	sbuf_reset(b);
	for (int d = 0; d < p->depth; d++)
		sbuf_adds(b, "  ");
	int multi = !strncmp(p->type, "multipart/", 10);
	sbuf_addf(b, "%s %s", multi ? "◆" : shown ? "▼" : "▶", p->type);
	if (!multi)
		sbuf_addf(b, " · %s · %zu B", p->cte, p->body_len);
	const char *role = render_mime_role(a, p);
	if (*role)
		sbuf_addf(b, " — %s", role);
}

/* The first lines of a part's body as it lies in the mail. */
static void render_mime_raw(const struct mimetree_part *p, struct sbuf *b)
{
	sbuf_reset(b);
	const char *s = p->body, *end = p->body + p->body_len;
	int lines = 0;
	while (s < end && lines < RENDER_MIME_RAW_LINES) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		size_t n = (size_t)(e - s);
		if (n && s[n - 1] == '\r')
			n--;
		sbuf_add(b, s, n);
		sbuf_addc(b, '\n');
		lines++;
		s = nl ? nl + 1 : end;
	}
	if (s < end)
		sbuf_addf(b, "… (+%zu B)", (size_t)(end - s));
	else if (b->len)
		b->s[--b->len] = '\0';
}

/* Lines for the tree parts with tag `tag`; i counts parts over the
 * whole card (what a click names).  Returns the y below them. */
static int render_mime_parts(struct render_app *a, const struct mimetree *t, int tag, SDL_Rect rc, int px,
                             int y, int draw, int *i)
{
	const struct render_layout_panels *p = &a->panels;
	struct render_mime *c = a->mime;
	int focus = render_view_focus_msg(a);
	struct sbuf b = { 0 };
	for (int k = 0; k < t->n; k++, (*i)++) {
		const struct mimetree_part *part = &t->parts[k];
		if (part->tag != tag)
			continue;
		int shown = c->raw_ledger == focus && c->raw_part == *i;
		render_mime_part_line(a, part, shown, &b);
		int h = 0;
		render_font_size(a->font, RENDER_FONT_MONO, px, RENDER_FONT_WRAP, rc.w - p->pad, b.s, NULL, &h);
		if (draw) {
			uint32_t col = !strncmp(part->type, "application/pkcs7", 17) ? RENDER_THEME_SELECT : RENDER_THEME_TEXT;
			render_font_draw(a->font, RENDER_FONT_MONO, px, col, RENDER_FONT_WRAP, rc.w - p->pad, b.s,
			                 rc.x + p->pad / 2, y, NULL);
			SDL_Rect row = { rc.x, y, rc.w, h }, vis;
			if (strncmp(part->type, "multipart/", 10) && SDL_IntersectRect(&row, &rc, &vis))
				render_app_hit_add(a, vis, RENDER_APP_HIT_BUTTON, RENDER_APP_BTN_MIME, *i);
		}
		y += h + 2;
		if (!shown)
			continue;
		render_mime_raw(part, &b);
		int rpx = px * 85 / 100;
		render_font_size(a->font, RENDER_FONT_MONO, rpx, RENDER_FONT_WRAP, rc.w - 2 * p->pad, b.s, NULL, &h);
		if (draw) {
			render_draw_fill(a->ren, (SDL_Rect){ rc.x + p->pad / 2, y, rc.w - p->pad, h + 4 }, 0xECEFF1FFu);
			render_font_draw(a->font, RENDER_FONT_MONO, rpx, RENDER_THEME_MUTED, RENDER_FONT_WRAP, rc.w - 2 * p->pad,
			                 b.s, rc.x + p->pad, y + 2, NULL);
		}
		y += h + 6;
	}
	sbuf_free(&b);
	return y;
}

static int render_mime_heading(struct render_app *a, const char *text, SDL_Rect rc, int y, int draw)
{
	int h = 0;
	const struct render_layout_panels *p = &a->panels;
	if (draw)
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_ACCENT, RENDER_FONT_WRAP, rc.w, text,
		                 rc.x, y, &h);
	else
		render_font_size(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_FONT_WRAP, rc.w, text, NULL, &h);
	return y + h + 2;
}

/* Once a reader's mail program has opened the mail, its copy there (the
 * same bytes as on the server) shows what opening found inside. */
static const struct sim_copy *render_mime_reader_copy(struct render_app *a, const struct sim_copy *cp)
{
	const struct trace_rec *r = render_smime_opened(a, cp->m->ledger, NULL);
	for (size_t i = 0; r && r->u.smime.who && i < a->nfcopy; i++) {
		const struct sim_copy *f = &a->fcopy[i];
		if (f->m->ledger == cp->m->ledger && f->holder == HOLD_FETCHED && f->mailbox &&
		    util_strcasecmp(f->mailbox, r->u.smime.who) == 0)
			return f;
	}
	return cp;
}

/* A mail of several parts: its tree is worth showing in any lesson (a
 * bounce's three parts), not only where S/MIME is. */
static int render_mime_multipart(const struct msg *m)
{
	char ct[160];
	return m && msg_header_get(m, "Content-Type", ct, sizeof ct) && util_strncasecmp(ct, "multipart/", 10) == 0;
}

/* The sending mail program's step on message msg as told now, if it is
 * the encryption of the content whose session key is not wrapped yet:
 * the parts still shown are the plaintext being turned into ciphertext. */
static const struct trace_rec *render_mime_sealing(struct render_app *a, int msg)
{
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	for (size_t i = n; i-- > 0;)
		if (tr[i].kind == TR_SMIME && tr[i].msg == msg)
			return tr[i].u.smime.step == TRACE_SMIME_ENCRYPT ? &tr[i] : NULL;
	return NULL;
}

/* Under the parts a mail program is encrypting: that they are being
 * encrypted, into how many bytes, and what the mail becomes next (lesson
 * 11 at 8.100 s, "The whole signed body is encrypted with this symmetric
 * key": the card listed the readable text/plain and signature parts as
 * if nothing had happened to them). */
static int render_mime_sealing_note(struct render_app *a, const struct trace_rec *r, SDL_Rect rc, int y, int draw)
{
	char bytes[24], alg[48];
	snprintf(bytes, sizeof bytes, "%u", (unsigned)r->u.smime.bytes2);
	snprintf(alg, sizeof alg, "%s", r->u.smime.alg ? r->u.smime.alg : "");
	const char *args[] = { "bytes", bytes, "alg", alg, NULL };
	struct sbuf b = { 0 };
	i18n_fill(render_app_text(a, "ui.mime.sealing"), args, &b);
	int h = 0, px = a->panels.px_small;
	if (draw) {
		render_font_draw(a->font, RENDER_FONT_BOLD, px, RENDER_THEME_TEXT, RENDER_FONT_WRAP, rc.w - a->panels.pad,
		                 b.s ? b.s : "", rc.x + a->panels.pad / 2, y, &h);
		a->card_sealing = (SDL_Rect){ rc.x + a->panels.pad / 2, y, rc.w - a->panels.pad, h };
	} else
		render_font_size(a->font, RENDER_FONT_BOLD, px, RENDER_FONT_WRAP, rc.w - a->panels.pad, b.s ? b.s : "", NULL,
		                 &h);
	sbuf_free(&b);
	return y + h + 4;
}

int render_mime_card(struct render_app *a, const struct sim_copy *cp, SDL_Rect rc, int px, int y, int draw)
{
	if (!sim_smime(render_app_sim(a)) && !render_mime_multipart(cp->m))
		return y;
	cp = render_mime_reader_copy(a, cp);
	struct render_mime *c = render_mime_read(a, cp);
	int i = 0;
	y = render_mime_heading(a, render_app_text(a, "ui.mime.tree"), rc, y + a->panels.pad / 2, draw);
	y = render_mime_parts(a, &c->tree, 0, rc, px, y, draw, &i);
	const struct trace_rec *sealing = render_mime_sealing(a, cp->m->ledger);
	if (sealing)
		y = render_mime_sealing_note(a, sealing, rc, y, draw);
	/* What opening revealed, one layer at a time (tag 1, 2, …). */
	for (int tag = 1; c->v && tag < 8; tag++) {
		int any = 0;
		for (int k = 0; k < c->v->tree.n; k++)
			any |= c->v->tree.parts[k].tag == tag;
		if (!any)
			break;
		struct sbuf h = { 0 };
		const char *args[] = { "reader", cp->mailbox ? cp->mailbox : "", NULL };
		i18n_fill(render_app_text(a, "ui.mime.opened"), args, &h);
		y = render_mime_heading(a, h.s ? h.s : "", rc, y, draw);
		sbuf_free(&h);
		y = render_mime_parts(a, &c->v->tree, tag, rc, px, y, draw, &i);
	}
	return y;
}

/* ---- the body as the stored file shows it ---- */

static void render_mime_body_part(struct render_app *a, const struct mimetree_part *p, struct sbuf *out)
{
	if (!strncmp(p->type, "multipart/", 10))
		return;
	const char *args[] = { "bytes", NULL, NULL };
	char n[24];
	snprintf(n, sizeof n, "%zu", p->body_len);
	args[1] = n;
	if (!strncmp(p->type, "text/", 5)) {
		struct sbuf d = { 0 };
		if (!strcmp(p->cte, "base64"))
			mime_b64_decode(&d, p->body, p->body_len, 0);
		else if (!strcmp(p->cte, "quoted-printable"))
			mime_qp_decode(&d, p->body, p->body_len);
		else
			sbuf_add(&d, p->body, p->body_len);
		for (size_t k = 0; k < d.len; k++)
			if (d.s[k] != '\r' && d.s[k] != '\0')
				sbuf_addc(out, d.s[k]);
		sbuf_free(&d);
	} else if (strstr(p->type, "pkcs7-signature")) {
		i18n_fill(render_app_text(a, "ui.mime.body.signature"), args, out);
	} else if (strstr(p->type, "pkcs7-mime")) {
		i18n_fill(render_app_text(a, "ui.mime.body.ciphertext"), args, out);
		struct sbuf raw = { 0 };
		render_mime_raw(p, &raw);
		sbuf_addf(out, "\n%s", raw.s ? raw.s : "");
		sbuf_free(&raw);
	} else {
		const char *targs[] = { "type", p->type, "bytes", n, NULL };
		i18n_fill(render_app_text(a, "ui.mime.body.other"), targs, out);
	}
	sbuf_addc(out, '\n');
}

int render_mime_body_text(struct render_app *a, const struct msg *m, struct sbuf *out)
{
	char type[128] = "";
	msg_header_get(m, "Content-Type", type, sizeof type);
	if (util_strncasecmp(type, "multipart/", 10) && util_strncasecmp(type, "application/", 12))
		return -1;
	size_t len = 0;
	char *text = msg_serialize(m, &len), err[160];
	struct mimetree t;
	mimetree_init(&t);
	mimetree_parse(&t, text, len, 0, err, sizeof err);
	for (int k = 0; k < t.n; k++)
		render_mime_body_part(a, &t.parts[k], out);
	mimetree_free(&t);
	free(text);
	return 0;
}
