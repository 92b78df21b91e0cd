/* render_align — the From / MAIL FROM badge on the letter card, told with
 * the DMARC evaluation the trace holds for the copy. */
#include "render_align.h"

#include <stdio.h>
#include <string.h>

#include "addrlist.h"
#include "dmarc.h"
#include "msg.h"
#include "render_app.h"
#include "render_draw.h"
#include "render_font.h"
#include "render_theme.h"
#include "render_view.h"

/* 1 if the domain of the header From (its first mailbox) differs from the
 * envelope MAIL FROM's: both domains into hdr and env (outsz bytes each).
 * A null sender (<>), a From that does not parse or one without a domain
 * is no mismatch. */
static int render_align_mismatch(const struct msg *m, char *hdr, char *env, size_t outsz)
{
	const char *at = m->mail_from ? strrchr(m->mail_from, '@') : NULL;
	char from[512];
	if (!at || !at[1] || !msg_header_get(m, "From", from, sizeof from))
		return 0;
	struct addrlist l;
	char err[160];
	if (addrlist_parse(from, strlen(from), &l, err, sizeof err) != 0)
		return 0;
	int differ = l.n > 0 && l.v[0].domain && util_strcasecmp(l.v[0].domain, at + 1) != 0;
	if (differ) {
		snprintf(hdr, outsz, "%s", l.v[0].domain);
		snprintf(env, outsz, "%s", at + 1);
	}
	addrlist_free(&l);
	return differ;
}

/* The host that wrote m's topmost Authentication-Results: its
 * authserv-id (RFC 8601, up to the first ';') is the host's name.  -1 if
 * there is none or no host has that name. */
static int render_align_authserv(const struct render_app *a, const struct msg *m)
{
	char ar[512];
	if (!msg_header_get(m, "Authentication-Results", ar, sizeof ar))
		return -1;
	char *p = ar;
	while (*p == ' ' || *p == '\t')
		p++;
	p[strcspn(p, "; \t\r\n")] = '\0';
	return *p ? scenario_find_host_by_fqdn(a->sc, p) : -1;
}

const struct trace_rec *render_align_dmarc(struct render_app *a, const struct sim_copy *cp)
{
	size_t n = 0;
	const struct trace_rec *tr = render_view_trace(a, &n);
	int ledger = cp->m->ledger, node = render_align_authserv(a, cp->m);
	const struct trace_rec *by_node = NULL;
	for (size_t i = n; i-- > 0;) {
		const struct trace_rec *r = &tr[i];
		if (r->msg == ledger && r->kind == TR_COMPOSE)
			break;   /* nothing about the message before it was written */
		if (r->kind != TR_DMARC || r->msg != ledger)
			continue;
		if (cp->holder == HOLD_CONN && r->conn == cp->conn)
			return r;   /* the server at the end of this connection judged it */
		if (!by_node && node >= 0 && r->node == node)
			by_node = r;
		if (by_node && cp->holder != HOLD_CONN)
			break;
	}
	return by_node;
}

enum render_align_badge render_align_text(struct render_app *a, const struct sim_copy *cp, struct sbuf *out)
{
	char hdr[256], env[256];
	if (!cp->m || !render_align_mismatch(cp->m, hdr, env, sizeof hdr))
		return RENDER_ALIGN_NONE;
	const struct trace_rec *r = render_align_dmarc(a, cp);
	enum render_align_badge kind = RENDER_ALIGN_WARN;
	const char *d = NULL;
	if (r && r->u.dmarc.status == DMARC_STATUS_PASS && r->u.dmarc.dkim_aligned && r->u.dmarc.dkim_domain) {
		kind = RENDER_ALIGN_DMARC_DKIM;
		d = r->u.dmarc.dkim_domain;
	} else if (r && r->u.dmarc.status == DMARC_STATUS_PASS && r->u.dmarc.spf_aligned && r->u.dmarc.spf_domain) {
		kind = RENDER_ALIGN_DMARC_SPF;
		d = r->u.dmarc.spf_domain;
	}
	static const char *const key[RENDER_ALIGN_BADGE_COUNT] = {
		[RENDER_ALIGN_WARN] = "ui.card.from_mismatch",
		[RENDER_ALIGN_DMARC_DKIM] = "ui.card.from_mismatch_dkim",
		[RENDER_ALIGN_DMARC_SPF] = "ui.card.from_mismatch_spf",
	};
	const char *args[] = { "from", hdr, "env", env, "d", d ? d : "", NULL };
	i18n_format(a->cat[a->lang], key[kind], args, out);
	return kind;
}

int render_align_draw(struct render_app *a, const struct sim_copy *cp, SDL_Rect rc, int y, int draw)
{
	const struct render_layout_panels *p = &a->panels;
	struct sbuf b = { 0 };
	enum render_align_badge kind = render_align_text(a, cp, &b);
	if (kind == RENDER_ALIGN_NONE) {
		sbuf_free(&b);
		return 0;
	}
	int bw = 0, bh = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, p->px_small, RENDER_FONT_WRAP, rc.w - p->pad, b.s, &bw, &bh);
	if (draw) {
		/* Amber warns; a From that DMARC vouched for is green, as a pass
		 * in Authentication-Results is. */
		render_draw_round(a->ren, (SDL_Rect){ rc.x, y, bw + p->pad, bh + 4 }, 5,
		                  kind == RENDER_ALIGN_WARN ? RENDER_THEME_WARN : RENDER_THEME_OK);
		render_font_draw(a->font, RENDER_FONT_BOLD, p->px_small, 0xFFFFFFFFu, RENDER_FONT_WRAP, rc.w - p->pad,
		                 b.s, rc.x + p->pad / 2, y + 2, NULL);
	}
	sbuf_free(&b);
	return bh + 4 + p->pad / 2;
}
