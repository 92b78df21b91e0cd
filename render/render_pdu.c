/* render_pdu — a packet layer by layer (see render_pdu.h). */
#include "render_pdu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net.h"
#include "render_app.h"
#include "render_draw.h"
#include "render_theme.h"
#include "render_topology.h"
#include "render_ui.h"
#include "render_view.h"
#include "trace_sniff.h"

const char *const render_pdu_flag_names[RENDER_PDU_FLAG_COUNT] = { "syn", "synack", "data", "fin", "rst" };
_Static_assert(sizeof render_pdu_flag_names / sizeof *render_pdu_flag_names == RENDER_PDU_FLAG_COUNT,
	       "pdu flag names");

/* The record that opened connection conn, searching back from record i. */
static const struct trace_rec *render_pdu_connect_of(const struct trace_rec *tr, size_t i, int conn)
{
	for (size_t k = i + 1; k-- > 0;)
		if (tr[k].kind == TR_CONNECT && tr[k].conn == conn)
			return &tr[k];
	return NULL;
}

/* The ends of the connection its CONNECT record names: the client's own
 * address and the address its SYN was for. */
static void render_pdu_ends(struct render_app *a, const struct trace_rec *cn, struct render_pdu *out)
{
	out->client = cn->node;
	out->server = cn->peer;
	out->port = cn->port;
	out->proto = cn->proto;
	uint32_t caddr = cn->node >= 0 && cn->node < a->sc->nhosts ? a->sc->hosts[cn->node].addr : 0;
	uint32_t saddr = cn->u.connect.addr;
	out->src = out->to_server ? caddr : saddr;
	out->dst = out->to_server ? saddr : caddr;
}

static void render_pdu_init(struct render_pdu *out)
{
	memset(out, 0, sizeof *out);
	out->client = out->server = out->router = out->rule = -1;
	sbuf_reset(&out->app);
}

/* Which packet a record stands for, and its direction; -1 if none. */
static int render_pdu_flag_of(const struct trace_rec *r, int *to_server)
{
	*to_server = 1;
	switch (r->kind) {
	case TR_CONNECT: case TR_BLOCKED: case TR_TIMEOUT: return RENDER_PDU_SYN;
	case TR_ACCEPT: *to_server = 0; return RENDER_PDU_SYNACK;
	case TR_REFUSED: *to_server = 0; return RENDER_PDU_RST;
	case TR_CMD: return RENDER_PDU_DATA;
	case TR_REPLY: *to_server = 0; return RENDER_PDU_DATA;
	case TR_CLOSE: return RENDER_PDU_FIN;
	default: return -1;
	}
}

int render_pdu_of_record(struct render_app *a, size_t i, struct render_pdu *out)
{
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	if (i >= n)
		return -1;
	const struct trace_rec *r = &tr[i];
	int to_server = 1, flag = render_pdu_flag_of(r, &to_server);
	const struct trace_rec *cn = flag >= 0 && r->conn >= 0 ? render_pdu_connect_of(tr, i, r->conn) : NULL;
	if (!cn)
		return -1;
	render_pdu_init(out);
	out->conn = r->conn;
	if (r->kind == TR_CLOSE)   /* whichever end closes sends the FIN */
		to_server = r->node == cn->node;
	out->to_server = to_server;
	out->flag = flag;
	out->t = r->t;
	render_pdu_ends(a, cn, out);
	out->tls = r->tls;
	if (r->kind == TR_BLOCKED || r->kind == TR_REFUSED) {
		out->router = r->u.stop.router;
		out->rule = r->u.stop.rule;
		out->rejected = r->kind == TR_REFUSED;
		if (out->router >= 0 && r->kind == TR_BLOCKED)
			out->flag = RENDER_PDU_SYN;   /* the SYN itself, dead at the router */
	}
	if (r->kind == TR_CMD || r->kind == TR_REPLY) {
		sbuf_adds(&out->app, r->kind == TR_CMD ? "C: " : "S: ");
		render_view_wire_text(a, r, &out->app);
	}
	return 0;
}

int render_pdu_of_conn(struct render_app *a, int conn, struct render_pdu *out)
{
	size_t n = 0;
	const struct trace_rec *tr = sim_trace(render_app_sim(a), &n);
	const struct sim_conn *c = render_view_conn_by_id(a, conn);
	if (!c || n == 0)
		return -1;
	if (!c->in_flight) {
		/* At rest: the SYN a router stopped, else the last packet told. */
		for (size_t k = n; k-- > 0;)
			if (tr[k].conn == conn && render_pdu_of_record(a, k, out) == 0)
				return 0;
		return -1;
	}
	const struct trace_rec *cn = render_pdu_connect_of(tr, n - 1, conn);
	if (!cn)
		return -1;
	render_pdu_init(out);
	out->conn = conn;
	out->to_server = c->to_server;
	out->t = c->t_sent;
	render_pdu_ends(a, cn, out);
	out->tls = c->tls;
	if (!c->line || !*c->line) {
		out->flag = c->to_server ? RENDER_PDU_SYN : RENDER_PDU_RST;
	} else {
		out->flag = RENDER_PDU_DATA;
		sbuf_adds(&out->app, c->to_server ? "C: " : "S: ");
		sbuf_adds(&out->app, c->line);
	}
	return 0;
}

/* "192.0.2.66 — 攻撃者のPC（ISP C 会員）": an address with its host and network. */
static void render_pdu_addr(struct render_app *a, uint32_t addr, int host, struct sbuf *out)
{
	char ip[16];
	scenario_format_ipv4(addr, ip);
	sbuf_adds(out, ip);
	if (host >= 0 && host < a->sc->nhosts && a->sc->hosts[host].addr == addr)
		sbuf_addf(out, " — %s", render_view_host_name(a, host));
	int net = net_of_addr(a->sc, addr);
	if (net >= 0) {
		const char *label = sc_text_get(&a->sc->nets[net].label, a->lang);
		sbuf_addf(out, a->lang == LANG_JA ? "（%s）" : " (%s)", label && *label ? label : a->sc->nets[net].id);
	}
}

static void render_pdu_line(struct render_app *a, const char *key, const char *const *args, struct sbuf *out)
{
	i18n_format(a->cat[a->lang], key, args, out);
	sbuf_addc(out, '\n');
}

/* The names of the networks of ISP isp, joined ("ISP A customers
 * (dynamic IP), ISP A servers"). */
static void render_pdu_isp_nets(struct render_app *a, const char *isp, char *out, size_t size)
{
	const struct scenario *sc = a->sc;
	size_t len = 0;
	out[0] = 0;
	for (int n = 0; n < sc->nnets && isp; n++) {
		if (!sc->nets[n].isp || strcmp(sc->nets[n].isp, isp) != 0)
			continue;
		const char *name = sc_text_get(&sc->nets[n].label, a->lang);
		int k = snprintf(out + len, size - len, "%s%s", len ? render_app_text(a, "ui.pdu.list_sep") : "",
				 name && *name ? name : sc->nets[n].id);
		if (k < 0 || (size_t)k >= size - len)
			break;
		len += (size_t)k;
	}
	if (!len)
		snprintf(out, size, "%s", isp ? isp : "?");
}

/* One term of the rule's from or to list that held, in words. */
static void render_pdu_term(struct render_app *a, const struct sc_selector *t, int src, uint32_t addr,
                            struct sbuf *out)
{
	const struct scenario *sc = a->sc;
	char ip[16], cidr[40], kkey[48], out_isp[400];
	scenario_format_ipv4(addr, ip);
	const char *target = "", *key = "ui.pdu.sel.any";
	switch (t->kind) {
	case SEL_ANY: break;
	case SEL_NET:
		target = t->net >= 0 && t->net < sc->nnets ? sc_text_get(&sc->nets[t->net].label, a->lang) : NULL;
		if (!target || !*target)
			target = t->net >= 0 && t->net < sc->nnets ? sc->nets[t->net].id : "?";
		key = t->negate ? "ui.pdu.sel.net_not" : "ui.pdu.sel.net";
		break;
	case SEL_ISP:
		/* An ISP has no name of its own in a lesson, only an id
		 * ("ispa"): it is told by the names of its networks. */
		render_pdu_isp_nets(a, t->isp, out_isp, sizeof out_isp);
		target = out_isp;
		key = t->negate ? "ui.pdu.sel.isp_not" : "ui.pdu.sel.isp";
		break;
	case SEL_KIND:
		snprintf(kkey, sizeof kkey, "ui.pdu.kind.%s", net_kind_names[t->nkind]);
		target = render_app_text(a, kkey);
		key = t->negate ? "ui.pdu.sel.kind_not" : "ui.pdu.sel.kind";
		break;
	case SEL_CIDR: {
		char base[16];
		int bits = 0;
		for (uint32_t m = t->mask; m; m <<= 1)
			bits++;
		scenario_format_ipv4(t->addr, base);
		snprintf(cidr, sizeof cidr, "%s/%d", base, bits);
		target = cidr;
		key = t->negate ? "ui.pdu.sel.cidr_not" : "ui.pdu.sel.cidr";
		break;
	}
	case SEL_KIND_COUNT:
	default:
		PANIC("bad selector kind %d", (int)t->kind);
	}
	const char *args[] = { "end", render_app_text(a, src ? "ui.pdu.end.src" : "ui.pdu.end.dst"), "addr", ip,
			       "target", target, NULL };
	sbuf_adds(out, "・");
	render_pdu_line(a, key, args, out);
}

/* b without its trailing line ends. */
static void render_pdu_chomp(struct sbuf *b)
{
	while (b->len && b->s[b->len - 1] == '\n')
		b->s[--b->len] = '\0';
}

/* The rule that stopped the packet, or NULL. */
static const struct sc_rule *render_pdu_rule(const struct render_app *a, const struct render_pdu *p)
{
	if (p->router < 0 || p->router >= a->sc->nrouters || p->rule < 0 ||
	    p->rule >= a->sc->routers[p->router].nrules)
		return NULL;
	return &a->sc->routers[p->router].rules[p->rule];
}

/* Why rule ru matched, the TCP part: its destination port. */
static void render_pdu_why_port(struct render_app *a, const struct render_pdu *p, const struct sc_rule *ru,
                                struct sbuf *out)
{
	char port[16];
	snprintf(port, sizeof port, "%d", p->port);
	const char *pargs[] = { "port", port, NULL };
	sbuf_adds(out, "・");
	render_pdu_line(a, ru->port ? "ui.pdu.why.port" : "ui.pdu.why.any_port", pargs, out);
}

/* Why rule ru matched, the IP part: each term of its lists that held (a
 * positive term that matched, a negated one whose exclusion held). */
static void render_pdu_why_terms(struct render_app *a, const struct render_pdu *p, const struct sc_rule *ru,
                                 struct sbuf *out)
{
	/* A SYN goes client -> server; the rule saw those ends. */
	uint32_t src = p->to_server ? p->src : p->dst, dst = p->to_server ? p->dst : p->src;
	int snet = net_of_addr(a->sc, src), dnet = net_of_addr(a->sc, dst);
	for (int k = 0; k < ru->nfrom; k++)
		if (net_sel_term(a->sc, &ru->from[k], src, snet) != ru->from[k].negate)
			render_pdu_term(a, &ru->from[k], 1, src, out);
	for (int k = 0; k < ru->nto; k++)
		if (net_sel_term(a->sc, &ru->to[k], dst, dnet) != ru->to[k].negate)
			render_pdu_term(a, &ru->to[k], 0, dst, out);
}

/* Why the rule matched: its port, then each term of its lists that held. */
static void render_pdu_why(struct render_app *a, const struct render_pdu *p, struct sbuf *out)
{
	const struct sc_rule *ru = render_pdu_rule(a, p);
	if (!ru)
		return;
	const char *args[] = { "router", render_view_router_name(a, p->router), "rule", scenario_rule_short(ru, a->lang), NULL };
	sbuf_adds(out, "#! ");
	render_pdu_line(a, p->rejected ? "ui.pdu.rejected" : "ui.pdu.dropped", args, out);
	const char *label = sc_text_get(&ru->label, a->lang);
	if (label && *label)
		sbuf_addf(out, "%s\n", label);
	render_pdu_why_port(a, p, ru, out);
	render_pdu_why_terms(a, p, ru, out);
}

/* "49158（一時ポート：…）": the client's port with what it is. */
static void render_pdu_client_port(struct render_app *a, const struct render_pdu *p, const char *key, struct sbuf *out)
{
	char port[16];
	snprintf(port, sizeof port, "%u", (unsigned)trace_sniff_client_port(p->conn));
	const char *args[] = { "port", port, NULL };
	i18n_format(a->cat[a->lang], key, args, out);
}

void render_pdu_describe(struct render_app *a, const struct render_pdu *p, struct sbuf *out)
{
	char t[32];
	render_view_time(p->t, t, sizeof t);
	sbuf_addf(out, "%s  %s → %s\n", t, render_view_host_name(a, p->to_server ? p->client : p->server),
		  render_view_host_name(a, p->to_server ? p->server : p->client));
	render_pdu_why(a, p, out);
	/* IP */
	sbuf_addf(out, "# %s\n%s ", render_app_text(a, "ui.pdu.ip"), render_app_text(a, "ui.pdu.src"));
	render_pdu_addr(a, p->src, p->to_server ? p->client : p->server, out);
	sbuf_addf(out, "\n%s ", render_app_text(a, "ui.pdu.dst"));
	render_pdu_addr(a, p->dst, p->to_server ? p->server : p->client, out);
	/* TCP: the client's port is an ephemeral one its system picks, the
	 * number the eavesdropper's panel shows (trace_sniff_client_port). */
	char sport[160], pkey[32];
	snprintf(pkey, sizeof pkey, "ui.pdu.port.%d", p->port);
	const char *pname = p->proto == PROTO_SMTP && (p->port == 587 || p->port == 465) ? render_app_text(a, pkey)
											     : proto_names[p->proto];
	snprintf(sport, sizeof sport, "%d (%s)", p->port, pname);
	struct sbuf eph = { 0 };
	render_pdu_client_port(a, p, "ui.pdu.ephemeral", &eph);
	sbuf_addf(out, "\n# %s\n%s %s\n%s %s\n", render_app_text(a, "ui.pdu.tcp"),
		  render_app_text(a, "ui.pdu.sport"), p->to_server ? eph.s : sport,
		  render_app_text(a, "ui.pdu.dport"), p->to_server ? sport : eph.s);
	sbuf_free(&eph);
	char fkey[48];
	snprintf(fkey, sizeof fkey, "ui.pdu.flag.%s", render_pdu_flag_names[p->flag]);
	sbuf_addf(out, "%s %s\n", render_app_text(a, "ui.pdu.flags"), render_app_text(a, fkey));
	/* TLS */
	/* A packet that only opens or closes the connection carries nothing
	 * to read, encrypted or not. */
	int bare = p->flag != RENDER_PDU_DATA && !p->app.len;
	sbuf_addf(out, "# %s\n%s\n", render_app_text(a, "ui.pdu.tls"),
		  render_app_text(a, bare ? "ui.pdu.tls.none" : p->tls ? "ui.pdu.tls.on" : "ui.pdu.tls.off"));
	/* the application */
	sbuf_addf(out, "# %s\n", render_app_text(a, "ui.pdu.app"));
	if (p->app.len)
		sbuf_addf(out, "%s\n", p->app.s);
	else
		sbuf_addf(out, "%s\n", render_app_text(a, p->flag == RENDER_PDU_DATA ? "ui.pdu.app.payload"
							: "ui.pdu.app.none"));
}

void render_pdu_open_record(struct render_app *a, int i)
{
	struct render_pdu p = { 0 };
	if (i < 0 || render_pdu_of_record(a, (size_t)i, &p) != 0) {
		sbuf_free(&p.app);
		return;
	}
	sbuf_free(&p.app);
	a->pdu_rec = i;
	a->pdu_conn = -1;
	a->scroll[RENDER_APP_PANEL_INSPECTOR] = 0;
}

void render_pdu_open_conn(struct render_app *a, int conn)
{
	a->pdu_conn = conn;
	a->pdu_rec = -1;
	a->scroll[RENDER_APP_PANEL_INSPECTOR] = 0;
}

void render_pdu_close(struct render_app *a)
{
	a->pdu_rec = a->pdu_conn = -1;
}

/* The colour of a layer's band, by its heading's place. */
static uint32_t render_pdu_band(int layer, int stopped)
{
	static const uint32_t bands[] = { 0x3949ABFFu, 0x00897BFFu, 0x6D4C41FFu, 0x1565C0FFu };
	if (layer >= 4)
		return stopped ? RENDER_THEME_BLOCK : 0x546E7AFFu;
	return bands[layer];
}

/* The layers as render_pdu_describe tells them, from y in rc (the title
 * line beside a close button cw wide); returns the y below them.  Draws
 * only with draw; text is left as it was. */
static int render_pdu_full(struct render_app *a, const struct render_pdu *p, const char *text, SDL_Rect rc, int y,
                           int cw, int draw)
{
	const struct render_layout_panels *pl = &a->panels;
	char *d = xstrdup(text);
	int layer = -1, band = -1;   /* band: the layer's colour, 4 for why a router stopped it */
	char *save = NULL;
	for (char *line = strtok_r(d, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int h = 0;
		int why = line[0] == '#' && line[1] == '!' && line[2] == ' ';
		if (why || (line[0] == '#' && line[1] == ' ')) {
			band = why ? 4 : ++layer;
			y += layer > 0 || band == 4 ? pl->pad / 2 : 0;
			const char *head = line + (why ? 3 : 2);
			render_font_size(a->font, RENDER_FONT_BOLD, pl->px_small, RENDER_FONT_WRAP, rc.w - pl->pad, head,
					 NULL, &h);
			if (draw) {
				render_draw_fill(a->ren, (SDL_Rect){ rc.x, y, rc.w, h + 2 },
						 render_pdu_band(band, p->router >= 0));
				render_font_draw(a->font, RENDER_FONT_BOLD, pl->px_small, 0xFFFFFFFFu, RENDER_FONT_WRAP,
						 rc.w - pl->pad, head, rc.x + pl->pad / 2, y + 1, NULL);
			}
			y += h + 3;
			continue;
		}
		int mono = band == 3 && (line[0] == 'C' || line[0] == 'S') && line[1] == ':';
		enum render_font_face face = mono ? RENDER_FONT_MONO : band < 0 ? RENDER_FONT_BOLD : RENDER_FONT_REGULAR;
		int px = mono ? pl->px_mono : pl->px_small;
		int x = rc.x + (band < 0 ? 0 : pl->pad / 2);
		int w = band < 0 ? rc.w - cw - pl->pad : rc.w - pl->pad;
		render_font_size(a->font, face, px, RENDER_FONT_WRAP, w, line, NULL, &h);
		if (draw)
			render_font_draw(a->font, face, px, band >= 4 && p->router >= 0 ? RENDER_THEME_BLOCK : RENDER_THEME_TEXT,
					 RENDER_FONT_WRAP, w, line, x, y, NULL);
		y += h + 2;
	}
	free(d);
	return y;
}

/* One layer of the compact view: its name on a chip of the layer's
 * colour, what it carries beside it (wrapped); returns the y below. */
static int render_pdu_brief_row(struct render_app *a, SDL_Rect rc, int y, int chip_w, uint32_t band,
                                const char *name, const char *text, enum render_font_face face, const char *why,
                                int draw)
{
	const struct render_layout_panels *pl = &a->panels;
	int px = face == RENDER_FONT_MONO ? pl->px_mono : pl->px_small, h = 0, nh = 0, wh = 0;
	int x = rc.x + chip_w + pl->pad / 2, w = rc.w - chip_w - pl->pad / 2;
	render_font_size(a->font, face, px, RENDER_FONT_WRAP, w, text, NULL, &h);
	/* What in this layer made the router's rule match, under it in red. */
	if (why && *why)
		render_font_size(a->font, RENDER_FONT_BOLD, pl->px_small, RENDER_FONT_WRAP, w, why, NULL, &wh);
	render_font_size(a->font, RENDER_FONT_BOLD, pl->px_small, RENDER_FONT_FIT, chip_w - pl->pad / 2, name, NULL, &nh);
	h = h + wh > nh ? h + wh : nh;
	if (draw) {
		render_draw_fill(a->ren, (SDL_Rect){ rc.x, y, chip_w, h + 2 }, band);
		render_font_draw(a->font, RENDER_FONT_BOLD, pl->px_small, 0xFFFFFFFFu, RENDER_FONT_FIT, chip_w - pl->pad / 2,
				 name, rc.x + pl->pad / 4, y + 1, NULL);
		int th = 0;
		render_font_draw(a->font, face, px, RENDER_THEME_TEXT, RENDER_FONT_WRAP, w, text, x, y + 1, &th);
		if (wh)
			render_font_draw(a->font, RENDER_FONT_BOLD, pl->px_small, RENDER_THEME_BLOCK, RENDER_FONT_WRAP, w, why,
					 x, y + 1 + th, NULL);
	}
	return y + h + 2 + pl->pad / 4;
}

/* The lines of a multi-line reply run on: each line break but the first
 * becomes two spaces ("250-PIPELINING  250-SIZE 10240000  …"), the
 * first line (the server's name, or the command) staying on its own. */
static void render_pdu_run_on(struct sbuf *b)
{
	const char *nl = b->s ? strchr(b->s, '\n') : NULL;
	if (!nl)
		return;
	struct sbuf out = { 0 };
	sbuf_add(&out, b->s, (size_t)(nl - b->s) + 1);
	for (const char *in = nl + 1; *in; in++)
		if (*in == '\n' && in[1])
			sbuf_adds(&out, "  ");
		else if (*in != '\n' && *in != '\r')
			sbuf_add(&out, in, 1);
	sbuf_free(b);
	*b = out;
}

/* The compact view, for a panel too short for every layer told in full
 * (presenter mode's inspector): why a router stopped it (its heading),
 * then one row per layer -- IP's addresses, TCP's ports and flags, TLS,
 * the application's line -- so all four show at once.  Returns the y
 * below; the close button is drawn by the caller. */
static int render_pdu_brief(struct render_app *a, const struct render_pdu *p, const char *text, SDL_Rect rc, int y,
                            int cw, int tight, int draw)
{
	const struct render_layout_panels *pl = &a->panels;
	/* The title (time and ends) and the why heading, as in full; tight,
	 * the ends only (the event list's marked row shows the time). */
	char *d = xstrdup(text);
	char *save = NULL;
	for (char *line = strtok_r(d, "\n", &save); line && line[0] != '#'; line = strtok_r(NULL, "\n", &save)) {
		int h = 0;
		const char *ends = strstr(line, "  ");
		if (tight && ends && line == d)
			line = (char *)ends + 2;
		render_font_size(a->font, RENDER_FONT_BOLD, pl->px_small, RENDER_FONT_WRAP, rc.w - cw - pl->pad, line,
				 NULL, &h);
		if (draw)
			render_font_draw(a->font, RENDER_FONT_BOLD, pl->px_small, RENDER_THEME_TEXT, RENDER_FONT_WRAP,
					 rc.w - cw - pl->pad, line, rc.x, y, NULL);
		y += h + 2;
	}
	free(d);
	const char *why = strstr(text, "#! ");
	if (why) {
		size_t len = strcspn(why + 3, "\n");
		char *head = xstrndup(why + 3, len);
		int h = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, pl->px_small, RENDER_FONT_WRAP, rc.w - pl->pad, head, NULL, &h);
		if (draw) {
			render_draw_fill(a->ren, (SDL_Rect){ rc.x, y, rc.w, h + 2 }, render_pdu_band(4, p->router >= 0));
			render_font_draw(a->font, RENDER_FONT_BOLD, pl->px_small, 0xFFFFFFFFu, RENDER_FONT_WRAP, rc.w - pl->pad,
					 head, rc.x + pl->pad / 2, y + 1, NULL);
		}
		y += h + 3 + pl->pad / 4;
		free(head);
	}
	const char *app = p->proto > 0 && p->proto < PROTO_COUNT ? proto_names[p->proto] : "APP";
	int chip_w = 0;
	const char *names[] = { "IP", "TCP", "TLS", app };
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		int w = 0;
		render_font_size(a->font, RENDER_FONT_BOLD, pl->px_small, RENDER_FONT_LINE, 0, names[k], &w, NULL);
		chip_w = w > chip_w ? w : chip_w;
	}
	chip_w += pl->pad;
	struct sbuf b = { 0 };
	char src[16], dst[16];
	scenario_format_ipv4(p->src, src);
	scenario_format_ipv4(p->dst, dst);
	sbuf_addf(&b, "%s → %s", src, dst);
	/* A stopped packet: each layer says what of it the rule matched (the
	 * addresses in IP, the port in TCP), as the full view's list does. */
	const struct sc_rule *ru = render_pdu_rule(a, p);
	struct sbuf ipwhy = { 0 }, tcpwhy = { 0 };
	if (ru) {
		render_pdu_why_terms(a, p, ru, &ipwhy);
		render_pdu_why_port(a, p, ru, &tcpwhy);
		render_pdu_chomp(&ipwhy);
		render_pdu_chomp(&tcpwhy);
	}
	y = render_pdu_brief_row(a, rc, y, chip_w, render_pdu_band(0, 0), names[0], b.s, RENDER_FONT_REGULAR,
				 ipwhy.s, draw);
	sbuf_reset(&b);
	struct sbuf eph = { 0 };
	render_pdu_client_port(a, p, tight ? "ui.pdu.ephemeral.short" : "ui.pdu.ephemeral", &eph);
	char sport[160], pkey[32];
	snprintf(pkey, sizeof pkey, "ui.pdu.port.%d", p->port);
	snprintf(sport, sizeof sport, "%d (%s)", p->port, p->proto == PROTO_SMTP && (p->port == 587 || p->port == 465)
		 ? render_app_text(a, pkey) : proto_names[p->proto]);
	char fkey[48];
	snprintf(fkey, sizeof fkey, "ui.pdu.flag.%s", render_pdu_flag_names[p->flag]);
	sbuf_addf(&b, "%s → %s\n%s", p->to_server ? eph.s : sport, p->to_server ? sport : eph.s,
		  render_app_text(a, fkey));
	sbuf_free(&eph);
	y = render_pdu_brief_row(a, rc, y, chip_w, render_pdu_band(1, 0), names[1], b.s, RENDER_FONT_REGULAR,
				 tcpwhy.s, draw);
	sbuf_free(&ipwhy);
	sbuf_free(&tcpwhy);
	int bare = p->flag != RENDER_PDU_DATA && !p->app.len;
	y = render_pdu_brief_row(a, rc, y, chip_w, render_pdu_band(2, 0), names[2],
				 render_app_text(a, bare ? "ui.pdu.tls.none" : p->tls ? "ui.pdu.tls.on" : "ui.pdu.tls.off"),
				 RENDER_FONT_REGULAR, NULL, draw);
	const char *line = p->app.len ? p->app.s : render_app_text(a, p->flag == RENDER_PDU_DATA ? "ui.pdu.app.payload"
											      : "ui.pdu.app.none");
	enum render_font_face face = p->app.len ? RENDER_FONT_MONO : RENDER_FONT_REGULAR;
	sbuf_reset(&b);
	sbuf_adds(&b, line);
	/* A reply of many lines (EHLO's list of extensions, lesson 13 at
	 * 1280 x 720) taller than the room left: its lines run on, wrapped,
	 * so the whole reply is in view without the wheel. */
	if (render_pdu_brief_row(a, rc, y, chip_w, 0, names[3], b.s, face, NULL, 0) > rc.y + rc.h)
		render_pdu_run_on(&b);
	y = render_pdu_brief_row(a, rc, y, chip_w, render_pdu_band(3, 0), names[3], b.s, face, NULL, draw);
	sbuf_free(&b);
	return y;
}

int render_pdu_draw(struct render_app *a, SDL_Rect rc)
{
	struct render_pdu p = { 0 };
	int ok = a->pdu_rec >= 0 ? render_pdu_of_record(a, (size_t)a->pdu_rec, &p)
		: a->pdu_conn >= 0 ? render_pdu_of_conn(a, a->pdu_conn, &p) : -1;
	if (ok != 0) {
		sbuf_free(&p.app);
		return 0;
	}
	const struct render_layout_panels *pl = &a->panels;
	struct sbuf d = { 0 };
	render_pdu_describe(a, &p, &d);
	int y = rc.y - a->scroll[RENDER_APP_PANEL_INSPECTOR] * render_font_line_height(a->font, RENDER_FONT_REGULAR,
											     pl->px_small);
	int bh = render_font_line_height(a->font, RENDER_FONT_BOLD, pl->px_small);
	/* Title and the close button. */
	const char *close = render_app_text(a, "ui.pdu.close");
	int cw = 0;
	render_font_size(a->font, RENDER_FONT_BOLD, pl->px_body, RENDER_FONT_LINE, 0, close, &cw, NULL);
	cw += 2 * (pl->px_body / 2 + 2);
	render_panels_button(a, rc.x + rc.w - cw, y, bh + 4, close, RENDER_APP_BTN_PDU_CLOSE, 0, 0x78909CFFu,
			     0xFFFFFFFFu);
	/* Every layer told in full if the panel has room; else one row each,
	 * so that the four layers show at once. */
	int brief = render_pdu_full(a, &p, d.s, rc, rc.y, cw, 0) > rc.y + rc.h;
	/* Still too tall (lesson 03's stopped SYN, its reasons in six lines,
	 * at 1280 x 720 before the letter card gave way): the title without
	 * its time, the client's port named short. */
	int tight = brief && render_pdu_brief(a, &p, d.s, rc, rc.y, cw, 0, 0) > rc.y + rc.h;
	y = brief ? render_pdu_brief(a, &p, d.s, rc, y, cw, tight, 1) : render_pdu_full(a, &p, d.s, rc, y, cw, 1);
	if (!a->scroll[RENDER_APP_PANEL_INSPECTOR] && y > rc.y + rc.h)
		a->insp_over = y - (rc.y + rc.h);
	if (y > rc.y + rc.h)   /* more below: the wheel scrolls */
		render_draw_fill(a->ren, (SDL_Rect){ rc.x, rc.y + rc.h - 3, rc.w, 3 }, RENDER_THEME_ACCENT);
	sbuf_free(&d);
	sbuf_free(&p.app);
	return 1;
}

void render_pdu_cross_drawn(struct render_app *a, int conn, float x, float y, int side)
{
	if (a->ncross_hits >= RENDER_APP_CROSS_HITS)
		return;
	a->cross_conn[a->ncross_hits] = conn;
	a->cross_rc[a->ncross_hits++] = (SDL_Rect){ (int)x - side / 2, (int)y - side / 2, side, side };
}

void render_pdu_wire_hits(struct render_app *a)
{
	if (a->nfconn > RENDER_TOPOLOGY_LABEL_MAX)
		return;   /* a busy scene: dots too many to point at */
	int64_t now = sim_now(render_app_sim(a));
	int d = render_topology_px(a, 16) * 2;
	for (size_t i = 0; i < a->nfconn; i++) {
		const struct sim_conn *c = &a->fconn[i];
		struct render_topology_route rt;
		render_topology_route_of(a, c, &rt);
		if (rt.n < 2)
			continue;
		float x, y;
		if (c->in_flight) {
			render_topology_packet_xy(&rt, c, now, &x, &y);
		} else if (rt.blocked) {   /* the dead SYN's cross, where it was drawn */
			int k = 0;
			while (k < a->ncross_hits && a->cross_conn[k] != c->id)
				k++;
			if (k == a->ncross_hits)
				continue;   /* not drawn (a busy scene's later drops share one) */
			x = (float)a->cross_rc[k].x + (float)a->cross_rc[k].w / 2;
			y = (float)a->cross_rc[k].y + (float)a->cross_rc[k].h / 2;
		} else {
			continue;
		}
		SDL_Rect hit = { (int)x - d / 2, (int)y - d / 2, d, d }, vis;
		if (SDL_IntersectRect(&hit, &a->panels.topo, &vis))
			render_app_hit_add(a, vis, RENDER_APP_HIT_PACKET, c->id, 0);
	}
}
