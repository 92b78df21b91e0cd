/* render_compose — the compose dialog.  It sends through timeline_compose,
 * so a composed mail is an action in the log: stepping back and forth
 * replays it like any scripted send. */
#include "render_compose.h"

#include <stdio.h>
#include <string.h>

#include "render_app.h"
#include "i18n.h"
#include "render_draw.h"
#include "render_theme.h"
#include "render_ui.h"
#include "render_view.h"

const char *const render_compose_field_names[RENDER_COMPOSE_FIELD_COUNT] = {
	"from", "mail_from", "to", "cc", "bcc", "subject", "body",
};
_Static_assert(sizeof render_compose_field_names / sizeof *render_compose_field_names ==
	       RENDER_COMPOSE_FIELD_COUNT, "compose field names");

static int render_compose_user_of(const struct scenario *sc, int host)
{
	for (int u = 0; u < sc->nusers; u++)
		if (sc->users[u].mua_host == host)
			return u;
	return -1;
}

static void render_compose_set(struct sbuf *b, const char *s)
{
	sbuf_reset(b);
	sbuf_adds(b, s ? s : "");
}

/* Fill the fields with what this host's user would normally send. */
static void render_compose_defaults(struct render_app *a)
{
	struct render_compose *c = &a->compose;
	const struct scenario *sc = a->sc;
	c->user = render_compose_user_of(sc, c->host);
	const struct sc_user *u = c->user >= 0 ? &sc->users[c->user] : NULL;
	char from[512] = "";
	if (u && u->name)
		snprintf(from, sizeof from, "%s <%s>", u->name, u->address);
	else if (u)
		snprintf(from, sizeof from, "%s", u->address);
	render_compose_set(&c->text[RENDER_COMPOSE_FROM], from);
	render_compose_set(&c->text[RENDER_COMPOSE_MAIL_FROM], u ? u->address : "");
	const char *to = "";
	for (int i = 0; i < sc->nusers; i++)
		if (i != c->user && sc->users[i].mailbox_host >= 0) {
			to = sc->users[i].address;
			break;
		}
	render_compose_set(&c->text[RENDER_COMPOSE_TO], to);
	render_compose_set(&c->text[RENDER_COMPOSE_CC], "");
	render_compose_set(&c->text[RENDER_COMPOSE_BCC], "");
	render_compose_set(&c->text[RENDER_COMPOSE_SUBJECT], render_app_text(a, "ui.compose.default_subject"));
	render_compose_set(&c->text[RENDER_COMPOSE_BODY], render_app_text(a, "ui.compose.default_body"));
	c->port = u && u->submit_port ? u->submit_port : PORT_SUBMISSION;
	c->auth = u ? u->submit_auth : 1;
	/* A PC with no user account (a bot, an attacker's PC) has no
	 * submission server to log in to: its program goes to the MX. */
	c->direct = u == NULL;
	if (c->direct)
		c->auth = 0;
	c->sign = c->encrypt = 0;
	c->editing[0] = '\0';
}

void render_compose_open(struct render_app *a, int host)
{
	const struct scenario *sc = a->sc;
	if (host < 0 && a->sel == RENDER_APP_SEL_HOST && a->sel_index >= 0 &&
	    (sc->hosts[a->sel_index].roles & ROLE_BIT(ROLE_MUA)))
		host = a->sel_index;
	for (int u = 0; host < 0 && u < sc->nusers; u++)
		if (sc->users[u].mua_host >= 0)
			host = sc->users[u].mua_host;
	for (int h = 0; host < 0 && h < sc->nhosts; h++)
		if (sc->hosts[h].roles & ROLE_BIT(ROLE_MUA))
			host = h;
	if (host < 0) {
		render_app_toast(a, render_app_text(a, "ui.compose.no_mua"));
		return;
	}
	a->playing = 0;
	a->compose.host = host;
	a->compose.focus = RENDER_COMPOSE_TO;
	render_compose_defaults(a);
	a->overlay = RENDER_APP_OVERLAY_COMPOSE;
	SDL_StartTextInput();
}

void render_compose_close(struct render_app *a)
{
	a->compose.editing[0] = '\0';
	if (a->overlay == RENDER_APP_OVERLAY_COMPOSE)
		a->overlay = RENDER_APP_OVERLAY_NONE;
	SDL_StopTextInput();
}

void render_compose_free(struct render_compose *c)
{
	for (int i = 0; i < RENDER_COMPOSE_FIELD_COUNT; i++)
		sbuf_free(&c->text[i]);
}

void render_compose_next_host(struct render_app *a)
{
	const struct scenario *sc = a->sc;
	for (int k = 1; k <= sc->nhosts; k++) {
		int h = (a->compose.host + k) % sc->nhosts;
		if (sc->hosts[h].roles & ROLE_BIT(ROLE_MUA)) {
			a->compose.host = h;
			render_compose_defaults(a);
			return;
		}
	}
}

int render_compose_submit(struct render_app *a)
{
	struct render_compose *c = &a->compose;
	const char *t[RENDER_COMPOSE_FIELD_COUNT];
	for (int i = 0; i < RENDER_COMPOSE_FIELD_COUNT; i++)
		t[i] = c->text[i].s ? c->text[i].s : "";
	if (!*t[RENDER_COMPOSE_TO] && !*t[RENDER_COMPOSE_CC] && !*t[RENDER_COMPOSE_BCC]) {
		render_app_toast(a, render_app_text(a, "ui.compose.no_rcpt"));
		return -1;
	}
	char from[512];
	render_compose_header_from(a->sc, c, from, sizeof from);
	if (!*from) {   /* RFC 5322 3.6: a message has exactly one From */
		render_app_toast(a, render_app_text(a, "ui.compose.no_from"));
		return -1;
	}
	char mail_from[512];
	render_compose_mail_from(a->sc, c, mail_from, sizeof mail_from);
	struct sim_compose sc = {
		.host = c->host, .user = c->user,
		.header_from = t[RENDER_COMPOSE_FROM], .mail_from = mail_from, .to = t[RENDER_COMPOSE_TO],
		.cc = t[RENDER_COMPOSE_CC], .bcc = t[RENDER_COMPOSE_BCC],
		.subject = t[RENDER_COMPOSE_SUBJECT], .body = t[RENDER_COMPOSE_BODY],
		.port = c->port, .auth = c->auth, .direct = c->direct, .sign = c->sign, .encrypt = c->encrypt,
	};
	if (timeline_compose(a->tl, &sc) != 0) {
		render_app_toast(a, render_app_text(a, "ui.compose.failed"));
		return -1;
	}
	render_app_sync(a);
	render_compose_close(a);
	render_app_toast(a, render_app_text(a, "ui.compose.sent"));
	return 0;
}

void render_compose_address(const char *text, char *out, size_t outsz)
{
	const char *lt = strchr(text, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	const char *b = lt && gt ? lt + 1 : text, *e = lt && gt ? gt : text + strlen(text);
	while (b < e && (*b == ' ' || *b == '\t'))
		b++;
	while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	snprintf(out, outsz, "%.*s", (int)(e - b), b);
}

/* One "RCPT TO:<…>" line per address of a comma-separated list. */
static void render_compose_rcpts(const char *list, struct sbuf *env)
{
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, ",");
		char item[512], addr[512];
		snprintf(item, sizeof item, "%.*s", (int)n, p);
		render_compose_address(item, addr, sizeof addr);
		if (*addr)
			sbuf_addf(env, "RCPT TO:<%s>\n", addr);
		p += n;
		if (*p == ',')
			p++;
	}
}

void render_compose_mail_from(const struct scenario *sc, const struct render_compose *c, char *out, size_t outsz)
{
	const char *mf = c->text[RENDER_COMPOSE_MAIL_FROM].s ? c->text[RENDER_COMPOSE_MAIL_FROM].s : "";
	render_compose_address(mf, out, outsz);
	if (*out)
		return;
	/* Left empty: the user's own address, else the header From's (as
	 * mua_compose would); only with both empty is it the null sender. */
	if (c->user >= 0 && c->user < sc->nusers)
		snprintf(out, outsz, "%s", sc->users[c->user].address);
	else
		render_compose_address(c->text[RENDER_COMPOSE_FROM].s ? c->text[RENDER_COMPOSE_FROM].s : "", out, outsz);
}

void render_compose_header_from(const struct scenario *sc, const struct render_compose *c, char *out, size_t outsz)
{
	const char *hf = c->text[RENDER_COMPOSE_FROM].s ? c->text[RENDER_COMPOSE_FROM].s : "";
	/* mua_compose's order: the typed From, the user's "Name <address>" or
	 * address, else the envelope sender; empty only when all three are. */
	if (*hf) {
		snprintf(out, outsz, "%s", hf);
	} else if (c->user >= 0 && c->user < sc->nusers) {
		const struct sc_user *u = &sc->users[c->user];
		if (u->name)
			snprintf(out, outsz, "%s <%s>", u->name, u->address);
		else
			snprintf(out, outsz, "%s", u->address);
	} else {
		render_compose_mail_from(sc, c, out, outsz);
	}
}

void render_compose_preview(const struct scenario *sc, const struct render_compose *c, struct sbuf *env,
                            struct sbuf *hdr)
{
	const char *t[RENDER_COMPOSE_FIELD_COUNT];
	for (int i = 0; i < RENDER_COMPOSE_FIELD_COUNT; i++)
		t[i] = c->text[i].s ? c->text[i].s : "";
	char mf[512];
	render_compose_mail_from(sc, c, mf, sizeof mf);
	sbuf_addf(env, "MAIL FROM:<%s>\n", mf);
	render_compose_rcpts(t[RENDER_COMPOSE_TO], env);
	render_compose_rcpts(t[RENDER_COMPOSE_CC], env);
	render_compose_rcpts(t[RENDER_COMPOSE_BCC], env);
	char from[512];
	render_compose_header_from(sc, c, from, sizeof from);
	if (*from)   /* a From left out is said below the header, not drawn bare */
		sbuf_addf(hdr, "From: %s\n", from);
	if (*t[RENDER_COMPOSE_TO])
		sbuf_addf(hdr, "To: %s\n", t[RENDER_COMPOSE_TO]);
	if (*t[RENDER_COMPOSE_CC])
		sbuf_addf(hdr, "Cc: %s\n", t[RENDER_COMPOSE_CC]);
	sbuf_addf(hdr, "Subject: %s\n", t[RENDER_COMPOSE_SUBJECT]);
}

/* Remove the last UTF-8 character. */
static void render_compose_backspace(struct sbuf *b)
{
	if (!b->len)
		return;
	size_t n = b->len - 1;
	while (n > 0 && ((unsigned char)b->s[n] & 0xC0) == 0x80)
		n--;
	b->len = n;
	b->s[n] = '\0';
}

int render_compose_event(struct render_app *a, const SDL_Event *ev)
{
	struct render_compose *c = &a->compose;
	struct sbuf *f = &c->text[c->focus];
	switch (ev->type) {
	case SDL_TEXTINPUT:
		sbuf_adds(f, ev->text.text);
		c->editing[0] = '\0';
		return 1;
	case SDL_TEXTEDITING:
		snprintf(c->editing, sizeof c->editing, "%s", ev->edit.text);
		return 1;
	case SDL_KEYDOWN: {
		SDL_Keycode k = ev->key.keysym.sym;
		int ctrl = (ev->key.keysym.mod & KMOD_CTRL) != 0;
		int shift = (ev->key.keysym.mod & KMOD_SHIFT) != 0;
		if (c->editing[0])
			return 1;   /* the IME owns keys while it composes */
		if (k == SDLK_ESCAPE) {
			render_compose_close(a);
		} else if (k == SDLK_TAB) {
			c->focus = (c->focus + (shift ? RENDER_COMPOSE_FIELD_COUNT - 1 : 1)) % RENDER_COMPOSE_FIELD_COUNT;
		} else if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
			if (ctrl)
				render_compose_submit(a);
			else if (c->focus == RENDER_COMPOSE_BODY)
				sbuf_addc(f, '\n');
			else
				c->focus = (c->focus + 1) % RENDER_COMPOSE_FIELD_COUNT;
		} else if (k == SDLK_BACKSPACE) {
			render_compose_backspace(f);
		} else if (k == SDLK_v && ctrl && SDL_HasClipboardText()) {
			char *clip = SDL_GetClipboardText();
			if (clip) {
				sbuf_adds(f, clip);
				SDL_free(clip);
			}
		}
		return 1;
	}
	case SDL_KEYUP:
		return 1;
	default:
		return 0;
	}
}

/* One labelled input box; returns its height. */
static int render_compose_field(struct render_app *a, int field, int x, int y, int lw, int w, int lines)
{
	const struct render_layout_panels *p = &a->panels;
	struct render_compose *c = &a->compose;
	char key[48];
	snprintf(key, sizeof key, "ui.compose.%s", render_compose_field_names[field]);
	int lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, p->px_body);
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_THEME_TEXT, RENDER_FONT_FIT, lw - p->pad,
			 render_app_text(a, key), x, y + p->pad / 3, NULL);
	SDL_Rect box = { x + lw, y, w - lw, lh * lines + 2 * p->pad / 3 };
	int focused = c->focus == field;
	render_draw_fill(a->ren, box, focused ? 0xFFFDE7FFu : 0xF5F7FAFFu);
	render_draw_outline(a->ren, box, focused ? p->line + 1 : 1, focused ? RENDER_THEME_ACCENT : RENDER_THEME_PANEL_EDGE);
	render_app_hit_add(a, box, RENDER_APP_HIT_FIELD, field, 0);
	struct sbuf shown = { 0 };
	sbuf_adds(&shown, c->text[field].s ? c->text[field].s : "");
	size_t committed = shown.len;
	if (focused) {
		sbuf_adds(&shown, c->editing);
		/* The caret blinks, except off-screen where a frame must be stable. */
		if (!a->surface && (a->now_ms / 500) % 2 == 0)
			sbuf_adds(&shown, "|");
		else
			sbuf_adds(&shown, " ");
	}
	SDL_Rect in = { box.x + p->pad / 2, box.y + p->pad / 3, box.w - p->pad, box.h - 2 * p->pad / 3 };
	SDL_RenderSetClipRect(a->ren, &in);
	int tw = 0, th = 0;
	if (lines == 1) {
		render_font_size(a->font, RENDER_FONT_REGULAR, p->px_body, RENDER_FONT_LINE, 0, shown.s, &tw, &th);
		int tx = tw > in.w ? in.x + in.w - tw : in.x;   /* keep the caret end in view */
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_body, RENDER_THEME_TEXT, RENDER_FONT_LINE, 0,
				 shown.s, tx, in.y, NULL);
		if (focused && c->editing[0]) {
			int cw = 0;
			struct sbuf pre = { 0 };
			sbuf_add(&pre, shown.s, committed);
			render_font_size(a->font, RENDER_FONT_REGULAR, p->px_body, RENDER_FONT_LINE, 0, pre.s ? pre.s : "", &cw, NULL);
			int ew = 0;
			render_font_size(a->font, RENDER_FONT_REGULAR, p->px_body, RENDER_FONT_LINE, 0, c->editing, &ew, NULL);
			render_draw_fill(a->ren, (SDL_Rect){ tx + cw, in.y + th - 3, ew, 2 }, RENDER_THEME_SELECT);
			sbuf_free(&pre);
		}
	} else {
		render_font_size(a->font, RENDER_FONT_REGULAR, p->px_body, RENDER_FONT_WRAP, in.w, shown.s, &tw, &th);
		int ty = th > in.h ? in.y + in.h - th : in.y;
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_body, RENDER_THEME_TEXT, RENDER_FONT_WRAP, in.w,
				 shown.s, in.x, ty, NULL);
	}
	SDL_RenderSetClipRect(a->ren, NULL);
	if (focused && !a->surface) {
		/* Tell the IME where to put its candidate window. */
		SDL_Rect ime = { (int)((float)(box.x + p->pad) / a->px_per_pt), (int)((float)(box.y + box.h) / a->px_per_pt),
			(int)((float)box.w / a->px_per_pt), lh };
		SDL_SetTextInputRect(&ime);
	}
	sbuf_free(&shown);
	return box.h;
}

/* S/MIME: sign and encrypt switches (the mail program does the rest). */
static int render_compose_smime(struct render_app *a, int x, int y, int lw, int lh)
{
	const struct render_layout_panels *p = &a->panels;
	struct render_compose *c = &a->compose;
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_THEME_TEXT, RENDER_FONT_FIT, lw - p->pad,
			 "S/MIME", x, y + p->pad / 3, NULL);
	char b[128];
	snprintf(b, sizeof b, "%s: %s", render_app_text(a, "ui.compose.sign"),
		 render_app_text(a, c->sign ? "ui.on" : "ui.off"));
	int bx = x + lw;
	bx += render_panels_button(a, bx, y, lh + p->pad / 2, b, RENDER_APP_BTN_SIGN, 0,
				   c->sign ? RENDER_THEME_OK : 0x90A4AEFFu, 0xFFFFFFFFu) + p->pad;
	snprintf(b, sizeof b, "%s: %s", render_app_text(a, "ui.compose.encrypt"),
		 render_app_text(a, c->encrypt ? "ui.on" : "ui.off"));
	render_panels_button(a, bx, y, lh + p->pad / 2, b, RENDER_APP_BTN_ENCRYPT, 0,
			     c->encrypt ? RENDER_THEME_OK : 0x90A4AEFFu, 0xFFFFFFFFu);
	return y + lh + p->pad * 3 / 2;
}

/* One block of the preview: a heading, then the lines on a tint.
 * Returns the new y. */
static int render_compose_block(struct render_app *a, const char *key, const char *text, uint32_t tint, int x,
                                int y, int w)
{
	const struct render_layout_panels *p = &a->panels;
	int h = 0;
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_ACCENT, RENDER_FONT_WRAP, w,
			 render_app_text(a, key), x, y, &h);
	y += h + 2;
	render_font_size(a->font, RENDER_FONT_MONO, p->px_small, RENDER_FONT_WRAP, w - p->pad, text, NULL, &h);
	render_draw_fill(a->ren, (SDL_Rect){ x, y, w, h + p->pad / 2 }, tint);
	render_font_draw(a->font, RENDER_FONT_MONO, p->px_small, RENDER_THEME_TEXT, RENDER_FONT_WRAP, w - p->pad, text,
			 x + p->pad / 2, y + p->pad / 4, NULL);
	return y + h + p->pad;
}

/* What the fields make: the envelope the MTA is told and the header the
 * reader sees, side by side with the fields in rc; a header From whose
 * domain is not the envelope's is pointed out. */
static void render_compose_preview_draw(struct render_app *a, SDL_Rect rc)
{
	const struct render_layout_panels *p = &a->panels;
	struct render_compose *c = &a->compose;
	struct sbuf env = { 0 }, hdr = { 0 }, note = { 0 };
	render_compose_preview(a->sc, c, &env, &hdr);
	render_draw_fill(a->ren, rc, 0xF5F7FAFFu);
	SDL_RenderSetClipRect(a->ren, &rc);
	int x = rc.x + p->pad / 2, w = rc.w - p->pad, y = rc.y + p->pad / 2;
	y = render_compose_block(a, "ui.compose.preview.envelope", env.s, 0xE3F2FDFFu, x, y, w);
	y = render_compose_block(a, "ui.compose.preview.header", hdr.s, 0xFFFFFFFFu, x, y, w);
	char hf[512], mf[512], from[512];
	render_compose_header_from(a->sc, c, from, sizeof from);
	render_compose_address(from, hf, sizeof hf);   /* the From that will be written */
	render_compose_mail_from(a->sc, c, mf, sizeof mf);
	if (!*from) {   /* nothing to write as From: said, and Send refuses */
		int h = 0;
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_BLOCK, RENDER_FONT_WRAP, w,
				 render_app_text(a, "ui.compose.no_from"), x, y, &h);
		y += h + p->pad / 2;
	}
	if (!*mf) {   /* "<>": what bounces use, not an oversight to pass by */
		int h = 0;
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_BLOCK, RENDER_FONT_WRAP, w,
				 render_app_text(a, "ui.compose.preview.null"), x, y, &h);
		y += h + p->pad / 2;
	}
	const char *hd = strrchr(hf, '@'), *md = strrchr(mf, '@');
	if (hd && md && util_strncasecmp(hd + 1, md + 1, strlen(hd + 1) + 1) != 0) {
		const char *args[] = { "header", hd + 1, "envelope", md + 1, NULL };
		i18n_format(a->cat[a->lang], "ui.compose.preview.mismatch", args, &note);
		int h = 0;
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_THEME_BLOCK, RENDER_FONT_WRAP, w, note.s, x,
				 y, &h);
		y += h + p->pad / 2;
	}
	if (c->direct) {
		int h = 0;
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_TEXT, RENDER_FONT_WRAP, w,
				 render_app_text(a, "ui.compose.preview.direct"), x, y, &h);
		y += h + p->pad / 2;
	}
	if (c->text[RENDER_COMPOSE_BCC].len) {
		int h = 0;
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_WRAP, w,
				 render_app_text(a, "ui.compose.preview.bcc"), x, y, &h);
		y += h + p->pad / 2;
	}
	c->preview_cut = y - p->pad / 2 > rc.y + rc.h;   /* the last text's bottom */
	SDL_RenderSetClipRect(a->ren, NULL);
	sbuf_free(&env);
	sbuf_free(&hdr);
	sbuf_free(&note);
}

void render_compose_draw(struct render_app *a)
{
	const struct render_layout_panels *p = &a->panels;
	struct render_compose *c = &a->compose;
	render_draw_fill(a->ren, (SDL_Rect){ 0, 0, a->w, a->h }, 0x0A101890u);
	int lh = render_font_line_height(a->font, RENDER_FONT_REGULAR, p->px_body);
	int smime = sim_smime(render_app_sim(a)) != NULL;
	/* Straight to the MX the preview has two notes more (see below). */
	int w = a->w * 5 / 6, h = lh * 16 + 15 * p->pad + (smime ? lh + p->pad : 0) + (c->direct ? 3 * lh : 0);
	if (h > a->h - 2 * p->pad)
		h = a->h - 2 * p->pad;
	SDL_Rect box = { (a->w - w) / 2, (a->h - h) / 2, w, h };
	render_draw_round(a->ren, box, p->radius * 2, RENDER_THEME_PANEL);
	render_draw_round_outline(a->ren, box, p->radius * 2, p->line, RENDER_THEME_ACCENT);
	render_app_hit_add(a, box, RENDER_APP_HIT_PANEL, RENDER_APP_PANEL_PICKER, 0);
	int x = box.x + 2 * p->pad, y = box.y + p->pad, cw = w - 4 * p->pad, th = 0;
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_title, RENDER_THEME_TEXT, RENDER_FONT_FIT, cw,
			 render_app_text(a, "ui.compose.title"), x, y, &th);
	y += th + p->pad / 2;
	/* The fields at the left, the preview of what they make at the right. */
	int fw = cw * 58 / 100, lw = fw / 4;
	/* Sending host and its user. */
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_THEME_TEXT, RENDER_FONT_FIT, lw - p->pad,
			 render_app_text(a, "ui.compose.host"), x, y + p->pad / 3, NULL);
	char hostbuf[256];
	snprintf(hostbuf, sizeof hostbuf, "%s ▼", render_view_host_name(a, c->host));
	int bw = render_panels_button(a, x + lw, y, lh + p->pad / 2, hostbuf, RENDER_APP_BTN_FROM_HOST, 0,
				      0x546E7AFFu, 0xFFFFFFFFu);
	if (c->user >= 0) {
		char ub[300];
		snprintf(ub, sizeof ub, "%s: %s", render_app_text(a, "ui.compose.user"), a->sc->users[c->user].address);
		render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_body, RENDER_THEME_MUTED, RENDER_FONT_FIT,
				 cw - lw - bw - p->pad, ub, x + lw + bw + p->pad, y + p->pad / 3, NULL);
	}
	y += lh + p->pad;
	int fy = y;
	for (int f = 0; f < RENDER_COMPOSE_FIELD_COUNT; f++)
		y += render_compose_field(a, f, x, y, lw, fw, f == RENDER_COMPOSE_BODY ? 3 : 1) + p->pad / 2;
	/* Straight to the MX, the port row leaves its right part free (no
	 * AUTH): the preview takes it for its notes. */
	int ph = y - fy - p->pad / 2;
	/* Straight to the MX, with no AUTH or S/MIME row, the preview's notes
	 * (an empty MAIL FROM, what going direct means) take the right
	 * column down to the buttons, and the hint stays in the left one (at
	 * 1280 x 720 in presenter mode the notes were cut). */
	int bh = lh + p->pad / 2, by = box.y + box.h - bh - p->pad;
	if (c->direct)
		ph = by - p->pad - fy;
	render_compose_preview_draw(a, (SDL_Rect){ x + fw + p->pad, fy, cw - fw - p->pad, ph });
	/* Port and AUTH. */
	render_font_draw(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_THEME_TEXT, RENDER_FONT_FIT, lw - p->pad,
			 render_app_text(a, "ui.compose.port"), x, y + p->pad / 3, NULL);
	int px = x + lw;
	/* The submission ports of the user's server, then (0) straight to the
	 * recipients' MX on port 25. */
	static const int ports[] = { PORT_SMTP, PORT_SUBMISSION, PORT_SUBMISSIONS, 0 };
	for (size_t i = 0; i < sizeof ports / sizeof ports[0]; i++) {
		char pb[96];
		if (ports[i])
			snprintf(pb, sizeof pb, "%d", ports[i]);
		else
			snprintf(pb, sizeof pb, "%s", render_app_text(a, "ui.compose.direct"));
		int on = ports[i] ? !c->direct && c->port == ports[i] : c->direct;
		int pw = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_FONT_LINE, 0, pb, &pw, NULL);
		SDL_Rect rc = { px, y, pw + p->pad * 2, lh + p->pad / 2 };
		render_draw_round(a->ren, rc, rc.h / 4, on ? (ports[i] ? RENDER_THEME_ACCENT : RENDER_THEME_BLOCK) : 0xCFD8DCFFu);
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_body, on ? 0xFFFFFFFFu : RENDER_THEME_TEXT,
				 RENDER_FONT_LINE, 0, pb, px + p->pad, y + p->pad / 4, NULL);
		render_app_hit_add(a, rc, RENDER_APP_HIT_PORT, ports[i], 0);
		px += rc.w + p->pad / 2;
	}
	px += p->pad;
	if (!c->direct) {   /* no AUTH at someone else's MX */
		char ab[64];
		snprintf(ab, sizeof ab, "SMTP AUTH: %s", render_app_text(a, c->auth ? "ui.on" : "ui.off"));
		render_panels_button(a, px, y, lh + p->pad / 2, ab, RENDER_APP_BTN_AUTH, 0,
				     c->auth ? RENDER_THEME_OK : 0x90A4AEFFu, 0xFFFFFFFFu);
	}
	y += lh + p->pad * 3 / 2;
	if (smime && !c->direct)   /* a mail program signs; a bot's does not */
		y = render_compose_smime(a, x, y, lw, lh);
	render_font_draw(a->font, RENDER_FONT_REGULAR, p->px_small, RENDER_THEME_MUTED, RENDER_FONT_WRAP,
			 c->direct ? fw : cw, render_app_text(a, "ui.compose.hint"), x, y, &th);
	/* Send and cancel, bottom right. */
	const char *send = render_app_text(a, "ui.compose.send"), *cancel = render_app_text(a, "ui.compose.cancel");
	int sw = 0, cnw = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_FONT_LINE, 0, send, &sw, NULL);
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_body, RENDER_FONT_LINE, 0, cancel, &cnw, NULL);
	int bx = box.x + box.w - 2 * p->pad - (sw + cnw + 2 * (p->px_body + 4)) - p->pad;
	bx += render_panels_button(a, bx, by, bh, cancel, RENDER_APP_BTN_CANCEL, 0, 0x90A4AEFFu, 0xFFFFFFFFu) + p->pad;
	render_panels_button(a, bx, by, bh, send, RENDER_APP_BTN_SEND, 0, RENDER_THEME_OK, 0xFFFFFFFFu);
}
