/* narrate — sentences from trace records, and the headless narrator. */
#include "narrate.h"

#include <string.h>

#include "simint.h"
#include "spf.h"

const char *narrate_node_name(const struct sim *s, const struct i18n *cat, int node)
{
	const struct scenario *sc = s->sc;
	if (node < 0 || node >= scenario_node_count(sc))
		return "?";
	const struct sc_text *t = node < sc->nhosts ? &sc->hosts[node].label
	                                            : &sc->routers[node - sc->nhosts].label;
	int lang = cat ? (int)i18n_lang(cat) : LANG_EN;
	const char *l = (lang == LANG_JA ? t->ja : t->en);
	return l && *l ? l : scenario_node_id(sc, node);
}

static int narrate_is_bot(const struct sim *s, int node)
{
	return node >= 0 && node < s->sc->nhosts && s->sc->hosts[node].bot;
}

static const char *narrate_variant(const struct sim *s, const struct trace_rec *r, char *buf,
                                   size_t sz)
{
	switch (r->kind) {
	case TR_COMPOSE:
		/* peer: the server named by the action's "via" (a smarthost, or
		 * an open relay a bot abuses); a bot without one goes direct. */
		if (narrate_is_bot(s, r->node))
			return r->peer >= 0 ? "bot.via" : "bot";
		return r->peer >= 0 ? "via" : NULL;
	case TR_BLOCKED:
		return r->text;   /* "drop" or "reject" */
	case TR_MUA_ERROR:
		if (r->cmd && strcmp(r->cmd, "fetch") == 0)
			return r->detail ? "fetch.rule" : "fetch";
		return r->detail ? "rule" : NULL;
	case TR_REFUSED:
	case TR_TIMEOUT:
		return r->detail ? "rule" : NULL;
	case TR_QUEUED:
		if (r->detail && strcmp(r->detail, "forward") == 0)
			return "forward";
		if (r->conn < 0 && r->msg >= 0 && (size_t)r->msg < s->nled && s->led[r->msg].bounce_of >= 0)
			return "bounce";   /* a bounce this server wrote itself */
		return r->role == ROLE_MSA ? "MSA" : "MTA";
	case TR_RULE:
		return r->code ? "on" : "off";
	case TR_MARK:
		return r->code ? "spam" : "ham";
	case TR_FETCHED:
		/* IMAP reads a copy and leaves the mail on the server. */
		return r->proto == PROTO_IMAP ? "IMAP" : NULL;
	case TR_CONNECT:
	case TR_ACCEPT:
	case TR_CLOSE:
		snprintf(buf, sz, "%d", r->port);
		return buf;
	case TR_DNS_QUERY:
		return narrate_is_bot(s, r->node) ? "bot" : NULL;
	case TR_DNS_ANSWER:
		return r->code > 0 ? NULL : "none";
	case TR_SPF:
		if (r->cmd && strcmp(r->cmd, "header") == 0)
			return narrate_spf_alignment(r);
		return r->text;
	default:
		return NULL;
	}
}

const char *narrate_spf_alignment(const struct trace_rec *r)
{
	if (r->code)
		return "aligned";
	/* Not aligned although both name the same domain: SPF did not pass
	 * (none, fail, permerror …), so no domain was verified to align with. */
	if (r->detail && r->subject && spf_aligned(r->subject, r->detail))
		return "nopass";
	return "unaligned";
}

const char *narrate_text(const struct i18n *cat, const char *text)
{
	char key[128];
	if (!text)
		return "";
	snprintf(key, sizeof key, "text.%s", text);
	const char *t = i18n_find(cat, key);
	return t ? t : text;
}

void narrate_sentence(const struct sim *s, const struct i18n *cat, const struct trace_rec *r,
                      struct sbuf *out)
{
	char addr[16] = "", port[12], code[12], sec[32], key[96], vbuf[16], role[64] = "";
	snprintf(port, sizeof port, "%d", r->port);
	snprintf(code, sizeof code, "%d", r->code);
	snprintf(sec, sizeof sec, "%lld", (long long)((r->t - r->t_sent) / 1000000));
	if (r->peer >= 0 && r->peer < s->sc->nhosts)
		scenario_format_ipv4(s->sc->hosts[r->peer].addr, addr);
	if (r->role >= 0) {
		char rk[32];
		snprintf(rk, sizeof rk, "role.%s", role_names[r->role]);
		snprintf(role, sizeof role, "%s", i18n_get(cat, rk));
	}
	char pk[32];
	snprintf(pk, sizeof pk, "port.%d", r->port);
	const char *portdesc = i18n_find(cat, pk);
	const char *msgtag = r->msg >= 0 && (size_t)r->msg < s->nled ? s->led[r->msg].tag : "";
	const char *text = narrate_text(cat, r->text);
	const char *args[] = {
		"node", narrate_node_name(s, cat, r->node),
		"peer", r->peer >= 0 ? narrate_node_name(s, cat, r->peer) : "?",
		"addr", addr, "port", port, "portdesc", portdesc ? portdesc : "",
		"code", code, "text", text, "cmd", r->cmd ? r->cmd : "",
		"detail", narrate_text(cat, r->detail), "msg", msgtag, "sec", sec,
		"role", role, "proto", proto_names[r->proto], "why", r->subject ? r->subject : "",
		NULL,
	};
	const char *variant = narrate_variant(s, r, vbuf, sizeof vbuf);
	const char *tmpl = NULL;
	if (variant) {
		snprintf(key, sizeof key, "narr.%s.%s", trace_kind_names[r->kind], variant);
		tmpl = i18n_find(cat, key);
	}
	if (!tmpl) {
		snprintf(key, sizeof key, "narr.%s", trace_kind_names[r->kind]);
		tmpl = i18n_get(cat, key);
	}
	size_t start = out->len;
	i18n_fill(tmpl, args, out);
	/* An English sentence that opens with a label ("the CEO's PC tries …")
	 * still starts with a capital letter. */
	if (i18n_lang(cat) == LANG_EN && out->s && out->len > start && out->s[start] >= 'a' &&
	    out->s[start] <= 'z')
		out->s[start] = (char)(out->s[start] - 'a' + 'A');
}

/* What a protocol line means: by command, or for an SMTP reply by its
 * enhanced status code (5.7.23 says more than 550), else by its code. */
static const char *narrate_explain(const struct i18n *cat, const struct trace_rec *r)
{
	char key[64];
	if (r->kind == TR_CMD) {
		/* A password on an encrypted connection (995, 993, after STLS)
		 * is explained differently from one in clear text. */
		if (r->tls) {
			snprintf(key, sizeof key, "explain.%s.%s.tls", proto_names[r->proto],
			         r->cmd ? r->cmd : "");
			const char *ex = i18n_find(cat, key);
			if (ex)
				return ex;
		}
		snprintf(key, sizeof key, "explain.%s.%s", proto_names[r->proto], r->cmd ? r->cmd : "");
		return i18n_find(cat, key);
	}
	if (r->proto != PROTO_SMTP || !r->text)
		return NULL;
	/* "550 5.7.23 …" -> explain.SMTP.550.5.7.23: the same enhanced code
	 * means different things after different replies (2.0.0 after 220,
	 * 221 and 250), so the key has both. */
	const char *t = r->text + strspn(r->text, "0123456789");
	if (*t == ' ' && t[1] >= '2' && t[1] <= '5' && t[2] == '.') {
		snprintf(key, sizeof key, "explain.SMTP.%d.%.*s", r->code,
		         (int)strspn(t + 1, "0123456789."), t + 1);
		const char *ex = i18n_find(cat, key);
		if (ex)
			return ex;
	}
	snprintf(key, sizeof key, "explain.SMTP.%d", r->code);
	return i18n_find(cat, key);
}

int narrate_caption_match(const struct scenario *sc, const struct sim *s,
                          const struct trace_rec *r, const unsigned char *shown)
{
	for (int i = 0; i < sc->ncaptions; i++) {
		const struct sc_caption *c = &sc->captions[i];
		if (shown && shown[i])
			continue;
		if (c->type >= 0 && c->type != (int)r->kind)
			continue;
		if (c->node >= 0 && c->node != r->node)
			continue;
		if (c->code >= 0 && c->code != r->code)
			continue;
		if (c->cmd && (!r->cmd || util_strcasecmp(c->cmd, r->cmd) != 0))
			continue;
		if (c->msg) {
			if (r->msg < 0 || (size_t)r->msg >= s->nled || strcmp(s->led[r->msg].tag, c->msg))
				continue;
		}
		return i;
	}
	return -1;
}

struct narrator {
	const struct sim *s;
	struct i18n *cats[LANG_COUNT + 1];
	int ncats;
	FILE *out;
	unsigned char *shown;
	struct sbuf b;
};

struct narrator *narrator_new(const struct sim *s, struct i18n *const *cats, FILE *out)
{
	struct narrator *n = xcalloc(1, sizeof *n);
	n->s = s;
	for (; cats[n->ncats] && n->ncats < LANG_COUNT; n->ncats++)
		n->cats[n->ncats] = cats[n->ncats];
	n->out = out;
	n->shown = xcalloc((size_t)s->sc->ncaptions + 1, 1);
	return n;
}

void narrator_free(struct narrator *n)
{
	if (!n)
		return;
	free(n->shown);
	sbuf_free(&n->b);
	free(n);
}

static void narrator_time(struct narrator *n, int64_t t)
{
	fprintf(n->out, "[%8lld.%03llds] ", (long long)(t / 1000000),
	        (long long)(t % 1000000 / 1000));
}

/* Print text with every line after the first indented. */
static void narrator_lines(struct narrator *n, const char *prefix, const char *text)
{
	const char *p = text;
	int first = 1;
	do {
		size_t l = strcspn(p, "\n");
		fprintf(n->out, "%s%s%.*s\n", first ? "" : "              ", prefix, (int)l, p);
		first = 0;
		p += l + (p[l] == '\n');
	} while (*p);
}

static void narrator_message(struct narrator *n, const struct i18n *cat, const struct msg *m)
{
	const char *pad = "              ";
	fprintf(n->out, "%s%s MAIL FROM:<%s>  RCPT TO:", pad, i18n_get(cat, "narr.envelope"),
	        m->mail_from ? m->mail_from : "");
	for (int i = 0; i < m->nrcpt; i++)
		fprintf(n->out, "%s<%s>", i ? ", " : "", m->rcpt[i]);
	fprintf(n->out, "\n%s%s\n", pad, i18n_get(cat, "narr.header"));
	for (int i = 0; i < m->nfields; i++) {
		size_t nl, vl;
		const char *name = msg_field_name(m, i, &nl);
		const char *val = msg_field_value(m, i, &vl);
		char *v = xstrndup(val, vl);
		char *d = msg_decode_words(v);
		fprintf(n->out, "%s  %.*s: %s\n", pad, (int)nl, name, d);
		free(d);
		free(v);
	}
}

void narrator_listen(void *ud, const struct trace_rec *r, const struct msg *m)
{
	struct narrator *n = ud;
	const struct sim *s = n->s;
	int cap = narrate_caption_match(s->sc, s, r, n->shown);
	if (cap >= 0)
		n->shown[cap] = 1;
	else if (s->sc->narrate_captions)
		return;
	for (int k = 0; k < n->ncats; k++) {
		const struct i18n *cat = n->cats[k];
		if (k == 0)
			narrator_time(n, r->t);
		else
			fputs("              ", n->out);
		sbuf_reset(&n->b);
		if (r->kind == TR_CMD || r->kind == TR_REPLY) {
			/* The protocol line itself, then what it means. */
			const char *from = narrate_node_name(s, cat, r->peer);
			const char *to = narrate_node_name(s, cat, r->node);
			fprintf(n->out, "%s → %s  %s ", from, to, r->kind == TR_CMD ? "C:" : "S:");
			size_t bytes;
			if (r->kind == TR_CMD && r->text && sscanf(r->text, "(message, %zu bytes)", &bytes) == 1) {
				/* The message itself stands in for its bytes on the wire. */
				char nb[32];
				snprintf(nb, sizeof nb, "%zu", bytes);
				const char *args[] = { "bytes", nb, NULL };
				sbuf_reset(&n->b);
				i18n_format(cat, "narr.data", args, &n->b);
				narrator_lines(n, "", n->b.s);
			} else {
				narrator_lines(n, "", r->text ? r->text : "");
			}
			const char *ex = narrate_explain(cat, r);
			if (ex)
				fprintf(n->out, "              ↳ %s\n", ex);
		} else {
			narrate_sentence(s, cat, r, &n->b);
			narrator_lines(n, "", n->b.s ? n->b.s : "");
			if (m && (r->kind == TR_COMPOSE || r->kind == TR_QUEUED ||
			          r->kind == TR_DELIVER || r->kind == TR_BOUNCE))
				narrator_message(n, cat, m);
		}
		if (cap >= 0) {
			const char *t = sc_text_get(&s->sc->captions[cap].text, (int)i18n_lang(cat));
			if (t && *t)
				fprintf(n->out, "              ★ %s\n", t);
		}
	}
}

void narrator_intro(struct narrator *n)
{
	const struct scenario *sc = n->s->sc;
	for (int k = 0; k < n->ncats; k++) {
		int lang = (int)i18n_lang(n->cats[k]);
		fprintf(n->out, "== %s ==\n", sc_text_get(&sc->title, lang));
		const char *sum = sc_text_get(&sc->summary, lang);
		if (sum && *sum)
			fprintf(n->out, "%s\n", sum);
	}
	fputc('\n', n->out);
}

#define NARRATE_MAX_LINES 24   /* past this many messages, totals only */
#define NARRATE_MAX_GROUPS 32

/* One row per message group: how many, and where they ended. */
static void narrator_totals(struct narrator *n, const struct i18n *cat)
{
	const struct sim *s = n->s;
	struct sim_total t[NARRATE_MAX_GROUPS];
	size_t all = sim_totals(s, t, NARRATE_MAX_GROUPS);
	size_t ng = all < NARRATE_MAX_GROUPS ? all : NARRATE_MAX_GROUPS;
	fprintf(n->out, "\n== %s ==\n", i18n_get(cat, "narr.totals"));
	fprintf(n->out, "  %s\n", i18n_get(cat, "narr.totals.head"));
	for (size_t g = 0; g < ng; g++) {
		const struct sim_total *x = &t[g];
		int other = x->rcpts - x->inbox - x->junk - x->state[LS_BLOCKED] -
		            x->state[LS_REJECTED] - x->state[LS_BOUNCED];
		fprintf(n->out, "  %-14s %8d %8d %8d %8d %8d %8d %8d\n", x->group, x->rcpts, x->inbox,
		        x->junk, x->state[LS_BLOCKED], x->state[LS_REJECTED], x->state[LS_BOUNCED],
		        other);
		for (int q = 0; q < x->nrules; q++) {
			const char *args[] = {
				"node", narrate_node_name(s, cat, s->sc->nhosts + x->rule_router[q]),
				"rule", x->rule[q], NULL,
			};
			sbuf_reset(&n->b);
			i18n_format(cat, "narr.totals.rule", args, &n->b);
			fprintf(n->out, "  %-14s %8d  %s\n", "", x->rule_count[q], n->b.s);
		}
	}
	if (all > ng) {
		char more[24];
		snprintf(more, sizeof more, "%zu", all - ng);
		const char *args[] = { "n", more, NULL };
		sbuf_reset(&n->b);
		i18n_format(cat, "narr.totals.more", args, &n->b);
		fprintf(n->out, "  %s\n", n->b.s);
	}
}

/* Does a job still hold this recipient's copy (a mail program keeps what
 * a router blocked in its outbox; a bot has let it go)? */
static int narrate_still_held(const struct sim *s, int entry, const struct ledger_rcpt *lr)
{
	for (int j = 0; j < s->njobs; j++) {
		const struct msg *m = s->jobs[j]->used ? s->jobs[j]->m : NULL;
		if (!m || m->ledger != entry)
			continue;
		for (int k = 0; k < m->nrcpt; k++)
			if (util_strcasecmp(m->rcpt[k], lr->cur) == 0)
				return 1;
	}
	return 0;
}

void narrator_summary(struct narrator *n)
{
	const struct sim *s = n->s;
	for (int k = 0; k < n->ncats; k++) {
		const struct i18n *cat = n->cats[k];
		if (s->nled > NARRATE_MAX_LINES) {
			narrator_totals(n, cat);
			continue;
		}
		fprintf(n->out, "\n== %s ==\n", i18n_get(cat, "narr.summary"));
		for (size_t i = 0; i < s->nled; i++) {
			const struct ledger_entry *e = &s->led[i];
			for (int j = 0; j < e->nrcpts; j++) {
				const struct ledger_rcpt *lr = &e->rcpts[j];
				char key[64], nrec[16];
				snprintf(key, sizeof key, "summary.%s", ledger_state_names[lr->state]);
				snprintf(nrec, sizeof nrec, "%d", lr->received);
				const char *args[] = {
					"node", lr->node >= 0 ? narrate_node_name(s, cat, lr->node) : "",
					"mailbox", lr->mailbox ? lr->mailbox : "",
					"folder", narrate_text(cat, lr->folder), "received", nrec,
					"rule", lr->rule ? lr->rule : "",
					"reason", lr->reason ? narrate_text(cat, lr->reason) : "", NULL,
				};
				sbuf_reset(&n->b);
				const char *tmpl = key;
				if (lr->state == LS_BLOCKED && lr->rule)
					tmpl = narrate_still_held(s, (int)i, lr) ? "summary.blocked.rule.outbox"
					                                      : "summary.blocked.rule";
				else if (lr->state == LS_DELIVERED && lr->received == 1)
					tmpl = "summary.delivered.one";   /* "1 Received line" */
				i18n_format(cat, tmpl, args, &n->b);
				fprintf(n->out, "  %-12s → %-24s %s\n", e->tag, lr->addr, n->b.s);
			}
		}
	}
}
