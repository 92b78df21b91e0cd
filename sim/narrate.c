/* narrate — sentences from trace records, and the headless narrator. */
#include "narrate.h"

#include <stdarg.h>
#include <string.h>

#include "hindex.h"
#include "simint.h"

/* The catalog's language as scenario texts index it (0 ja, 1 en). */
static int narrate_lang(const struct i18n *cat)
{
	return cat ? (int)i18n_lang(cat) : LANG_EN;
}

const char *narrate_node_name(const struct scenario *sc, const struct i18n *cat, int node)
{
	if (node < 0 || node >= scenario_node_count(sc))
		return "?";
	const struct sc_text *t = node < sc->nhosts ? &sc->hosts[node].label
	                                            : &sc->routers[node - sc->nhosts].label;
	int lang = narrate_lang(cat);
	const char *l = (lang == LANG_JA ? t->ja : t->en);
	return l && *l ? l : scenario_node_id(sc, node);
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

/* ---- the arguments of a sentence ---- */

#define NARRATE_MAX_ARGS 24
#define NARRATE_SCRATCH 8
#define NARRATE_OWNED 4

struct narrate_args {
	const struct scenario *sc;
	const struct i18n *cat;
	const char *prefix;
	const char *v[2 * NARRATE_MAX_ARGS + 1];   /* name, value, …, NULL */
	int n;
	char scratch[NARRATE_SCRATCH][256];
	int nscratch;
	struct sbuf *big;                          /* one longer value */
	char *owned[NARRATE_OWNED];                /* values built by a kind */
	int nowned;
};

void narrate_arg(struct narrate_args *a, const char *name, const char *value)
{
	/* A later value for a name replaces the earlier one (a kind may say
	 * more precisely than the common arguments do). */
	for (int i = 0; i < a->n; i++)
		if (strcmp(a->v[2 * i], name) == 0) {
			a->v[2 * i + 1] = value ? value : "";
			return;
		}
	if (a->n == NARRATE_MAX_ARGS)
		PANIC("more than %d arguments (adding %s)", NARRATE_MAX_ARGS, name);
	a->v[2 * a->n] = name;
	a->v[2 * a->n + 1] = value ? value : "";
	a->n++;
	a->v[2 * a->n] = NULL;
}

void narrate_argf(struct narrate_args *a, const char *name, const char *fmt, ...)
{
	if (a->nscratch == NARRATE_SCRATCH)
		PANIC("more than %d formatted arguments (adding %s)", NARRATE_SCRATCH, name);
	char *d = a->scratch[a->nscratch++];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d, sizeof a->scratch[0], fmt, ap);
	va_end(ap);
	narrate_arg(a, name, d);
}

const char *narrate_arg_phrase(const struct narrate_args *a, const char *english)
{
	return narrate_text(a->cat, english);
}

const char *narrate_arg_text(const struct narrate_args *a, const char *key)
{
	return i18n_get(a->cat, key);
}

const char *narrate_arg_rule(const struct narrate_args *a, int router, int rule)
{
	if (router < 0 || router >= a->sc->nrouters || rule < 0 || rule >= a->sc->routers[router].nrules)
		return "";
	return scenario_rule_short(&a->sc->routers[router].rules[rule], narrate_lang(a->cat));
}

const char *narrate_arg_user(const struct narrate_args *a, int user)
{
	return user >= 0 && user < a->sc->nusers ? a->sc->users[user].address : "";
}

const char *narrate_arg_folder(const struct narrate_args *a, int folder)
{
	return folder >= 0 && folder < TRACE_FOLDER_COUNT ? narrate_text(a->cat, trace_folder_names[folder])
	                                                   : "";
}

void narrate_arg_key(struct narrate_args *a, const char *name, const char *suffix,
                     const char *const *kargs)
{
	char key[64];
	snprintf(key, sizeof key, "%s.%s", a->prefix, suffix);
	sbuf_reset(a->big);
	i18n_format(a->cat, key, kargs, a->big);
	narrate_arg(a, name, a->big->s);
}

void narrate_arg_take(struct narrate_args *a, const char *name, char *value)
{
	if (a->nowned == NARRATE_OWNED)
		PANIC("more than %d built arguments (adding %s)", NARRATE_OWNED, name);
	a->owned[a->nowned++] = value;
	narrate_arg(a, name, value);
}

const struct i18n *narrate_arg_catalog(const struct narrate_args *a)
{
	return a->cat;
}

const char *narrate_arg_prefix(const struct narrate_args *a)
{
	return a->prefix;
}

const struct scenario *narrate_arg_scenario(const struct narrate_args *a)
{
	return a->sc;
}

/* The arguments every kind has: who, where, about what. */
static void narrate_common_args(struct narrate_args *a, const struct trace_rec *r)
{
	const struct scenario *sc = a->sc;
	char pk[32], rk[32];
	narrate_arg(a, "node", narrate_node_name(sc, a->cat, r->node));
	narrate_arg(a, "peer", r->peer >= 0 ? narrate_node_name(sc, a->cat, r->peer) : "?");
	if (r->peer >= 0 && r->peer < sc->nhosts) {
		char *d = a->scratch[a->nscratch++];
		scenario_format_ipv4(sc->hosts[r->peer].addr, d);
		narrate_arg(a, "addr", d);
	} else {
		narrate_arg(a, "addr", "");
	}
	narrate_argf(a, "port", "%d", r->port);
	snprintf(pk, sizeof pk, "port.%d", r->port);
	const char *portdesc = i18n_find(a->cat, pk);
	narrate_arg(a, "portdesc", portdesc ? portdesc : "");
	narrate_arg(a, "msg", r->tag ? r->tag : "");
	narrate_argf(a, "sec", "%lld", (long long)((r->t - r->t_sent) / 1000000));
	const char *role = "";
	if (r->role >= 0 && r->role < ROLE_COUNT) {
		snprintf(rk, sizeof rk, "role.%s", role_names[r->role]);
		role = i18n_get(a->cat, rk);
	}
	narrate_arg(a, "role", role);
	/* The agent's short name alone ("MTA"), where a sentence names the
	 * program that acts on a host whichever agent it is. */
	narrate_arg(a, "agent", r->role >= 0 && r->role < ROLE_COUNT ? role_names[r->role] : "");
	narrate_arg(a, "proto", proto_names[r->proto < PROTO_COUNT ? r->proto : PROTO_NONE]);
}

void narrate_tell(const struct scenario *sc, const struct i18n *cat, const char *prefix,
                  const struct trace_rec *r, struct sbuf *out)
{
	const struct trace_kind_desc *d = &trace_kinds[r->kind];
	struct sbuf big = { 0 };
	struct narrate_args a = { .sc = sc, .cat = cat, .prefix = prefix, .big = &big };
	narrate_common_args(&a, r);
	if (d->args)
		d->args(&a, r);
	char key[96], vbuf[24];
	const char *variant = d->variant ? d->variant(r, vbuf, sizeof vbuf) : NULL;
	const char *tmpl = NULL;
	if (variant) {
		snprintf(key, sizeof key, "%s.%s.%s", prefix, trace_kind_names[r->kind], variant);
		tmpl = i18n_find(cat, key);
	}
	if (!tmpl) {
		snprintf(key, sizeof key, "%s.%s", prefix, trace_kind_names[r->kind]);
		tmpl = i18n_get(cat, key);
	}
	size_t start = out->len;
	i18n_fill(tmpl, a.v, out);
	/* An English sentence that opens with a label ("the CEO's PC tries …")
	 * still starts with a capital letter. */
	if (i18n_lang(cat) == LANG_EN && out->s && out->len > start && out->s[start] >= 'a' &&
	    out->s[start] <= 'z')
		out->s[start] = (char)(out->s[start] - 'a' + 'A');
	sbuf_free(&big);
	for (int i = 0; i < a.nowned; i++)
		free(a.owned[i]);
}

void narrate_wire_text(const struct i18n *cat, const char *prefix, const struct trace_rec *r,
                       struct sbuf *out)
{
	if (r->u.line.text) {
		sbuf_adds(out, r->u.line.text);
		return;
	}
	/* The message itself stands in for its bytes on the wire. */
	char nb[24], key[64];
	snprintf(nb, sizeof nb, "%u", (unsigned)r->u.line.bytes);
	snprintf(key, sizeof key, "%s.data", prefix);
	const char *args[] = { "bytes", nb, NULL };
	i18n_format(cat, key, args, out);
}

/* What a protocol line means: a command by its verb; a reply by the key
 * its server's reply table gave it. */
static const char *narrate_explain(const struct i18n *cat, const struct trace_rec *r)
{
	const struct trace_line *l = &r->u.line;
	if (r->kind == TR_CMD) {
		/* A gloss the server chose for this command, knowing what it
		 * had said before. */
		const char *own = l->explain ? i18n_find(cat, l->explain) : NULL;
		if (own)
			return own;
		char key[64];
		/* A password on an encrypted connection (995, 993, after STLS)
		 * is explained differently from one in clear text. */
		if (r->tls) {
			snprintf(key, sizeof key, "explain.%s.%s.tls", proto_names[r->proto],
			         l->verb ? l->verb : "");
			const char *ex = i18n_find(cat, key);
			if (ex)
				return ex;
		}
		/* The null sender (MAIL FROM:<>) is a bounce's: nothing may be
		 * bounced to it (RFC 5321 §4.5.5, §6.1), so it has its own
		 * gloss, for LMTP's MAIL too. */
		if (l->verb && l->text && util_strcasecmp(l->verb, "MAIL") == 0 &&
		    util_strncasecmp(l->text, "MAIL FROM:<>", 12) == 0) {
			const char *ex = i18n_find(cat, "explain.SMTP.MAIL.null");
			if (ex)
				return ex;
		}
		snprintf(key, sizeof key, "explain.%s.%s", proto_names[r->proto], l->verb ? l->verb : "");
		const char *ex = i18n_find(cat, key);
		/* LMTP's MAIL, RCPT, DATA and QUIT mean what SMTP's do. */
		if (!ex && r->proto == PROTO_LMTP) {
			snprintf(key, sizeof key, "explain.SMTP.%s", l->verb ? l->verb : "");
			ex = i18n_find(cat, key);
		}
		return ex;
	}
	return l->explain ? i18n_find(cat, l->explain) : NULL;
}

int narrate_caption_match(const struct scenario *sc, const struct trace_rec *r,
                          const unsigned char *shown)
{
	for (int i = 0; i < sc->ncaptions; i++) {
		if (shown && shown[i])
			continue;
		if (narrate_matches(&sc->captions[i].on, r))
			return i;
	}
	return -1;
}

int narrate_matches(const struct sc_match *m, const struct trace_rec *r)
{
	int code;
	const char *cmd;
	/* A record that is not told matches only what names its kind. */
	if (m->type >= 0 ? m->type != (int)r->kind : trace_kinds[r->kind].quiet)
		return 0;
	/* A rule switched by a click in the window is not the lesson's own
	 * switch: its caption waits for the scheduled one. */
	if (r->kind == TR_RULE && r->origin == TRACE_ORIGIN_USER)
		return 0;
	if (m->node >= 0 && m->node != r->node)
		return 0;
	trace_match_keys(r, &code, &cmd);
	if (m->code >= 0 && m->code != code)
		return 0;
	if (m->cmd && (!cmd || util_strcasecmp(m->cmd, cmd) != 0))
		return 0;
	if (m->msg && (!r->tag || strcmp(r->tag, m->msg) != 0))
		return 0;
	/* A piece of the line tells apart the lines of one session that
	 * share a verb (the second of three RCPT TO). */
	if (m->text && ((r->kind != TR_CMD && r->kind != TR_REPLY) || !r->u.line.text ||
	                !strstr(r->u.line.text, m->text)))
		return 0;
	return 1;
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
	int cap = narrate_caption_match(s->sc, r, n->shown);
	if (cap >= 0)
		n->shown[cap] = 1;
	else if (s->sc->narrate_captions || trace_kinds[r->kind].quiet ||
	         (s->sc->narrate_kinds && !(s->sc->narrate_kinds >> r->kind & 1)))
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
			const char *from = narrate_node_name(s->sc, cat, r->peer);
			const char *to = narrate_node_name(s->sc, cat, r->node);
			fprintf(n->out, "%s → %s  %s ", from, to, r->kind == TR_CMD ? "C:" : "S:");
			narrate_wire_text(cat, NARRATE_PREFIX, r, &n->b);
			narrator_lines(n, "", n->b.s ? n->b.s : "");
			const char *ex = narrate_explain(cat, r);
			if (ex)
				fprintf(n->out, "              ↳ %s\n", ex);
		} else {
			narrate_tell(s->sc, cat, NARRATE_PREFIX, r, &n->b);
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
#define NARRATE_MAX_OWN_LINES 100   /* ungrouped messages told one by one */

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
				"node", narrate_node_name(s->sc, cat, s->sc->nhosts + x->rule_router[q]),
				"rule", scenario_rule_short_named(s->sc, x->rule_router[q], x->rule[q], narrate_lang(cat)),
				NULL,
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

/* The recipients of ledger entry whose copy a job still holds (a mail
 * program keeps what a router blocked in its outbox; a bot has let it go),
 * indexed by address: asked once per blocked line, so ten thousand
 * blocked Bcc recipients must not cost ten thousand squared comparisons.
 * The keys point into the jobs' messages, which outlive the summary. */
static void narrate_held_index(const struct sim *s, int entry, struct hindex *h)
{
	hindex_init(h, 16);
	for (int j = 0; j < s->njobs; j++) {
		const struct msg *m = s->jobs[j]->used ? s->jobs[j]->m : NULL;
		if (!m || m->ledger != entry)
			continue;
		for (int k = 0; k < m->nrcpt; k++)
			hindex_put_str(h, m->rcpt[k], k);
	}
}

/* Did the user's mail program download entry e's copy and the server
 * delete it (POP3 DELE)?  The ledger still says delivered, which it was;
 * the summary says where the copy is now. */
static int narrate_only_fetched(const struct sim *s, int e, const char *mailbox)
{
	int u = mailbox ? engine_user_of_addr(s, mailbox) : -1;
	if (u < 0)
		return 0;
	const struct mbox *b = &s->mbox[u];
	for (int f = 0; f < MBOX_FOLDER_COUNT; f++)
		for (int k = 0; k < b->f[f].n; k++)
			if (b->f[f].items[k].m->ledger == e)
				return 0;
	for (int k = 0; k < b->fetched.n; k++)
		if (b->fetched.items[k].m->ledger == e)
			return 1;
	return 0;
}

void narrator_summary(struct narrator *n)
{
	const struct sim *s = n->s;
	for (int k = 0; k < n->ncats; k++) {
		const struct i18n *cat = n->cats[k];
		/* Many messages in a few groups: one row per group.  Up to a
		 * hundred messages each in a group of its own (lesson 12's
		 * forty mails) keep their own lines: a table of groups of one
		 * would say less. */
		if (s->nled > NARRATE_MAX_OWN_LINES ||
		    (s->nled > NARRATE_MAX_LINES && sim_totals(s, NULL, 0) <= NARRATE_MAX_GROUPS)) {
			narrator_totals(n, cat);
			continue;
		}
		fprintf(n->out, "\n== %s ==\n", i18n_get(cat, "narr.summary"));
		for (size_t i = 0; i < s->nled; i++) {
			const struct ledger_entry *e = s->led[i];
			struct hindex held;
			int held_built = 0;
			for (int j = 0; j < e->nrcpts; j++) {
				const struct ledger_rcpt *lr = &e->rcpts[j];
				char key[64], nrec[16];
				snprintf(key, sizeof key, "summary.%s", ledger_state_names[lr->state]);
				snprintf(nrec, sizeof nrec, "%d", lr->received);
				const char *args[] = {
					"node", lr->node >= 0 ? narrate_node_name(s->sc, cat, lr->node) : "",
					"mailbox", lr->mailbox ? lr->mailbox : "",
					"folder", narrate_text(cat, lr->folder), "received", nrec,
					"rule", scenario_rule_short_named(s->sc, lr->node - s->sc->nhosts, lr->rule,
					                                  narrate_lang(cat)),
					"reason", lr->reason ? narrate_text(cat, lr->reason) : "", NULL,
				};
				sbuf_reset(&n->b);
				const char *tmpl = key;
				if (lr->state == LS_DISCARDED && e->bounce_of < 0)
					tmpl = "summary.discarded.notsent";
				if (lr->state == LS_BLOCKED && lr->rule && !held_built) {
					narrate_held_index(s, (int)i, &held);
					held_built = 1;
				}
				if (lr->state == LS_BLOCKED && lr->rule)
					tmpl = hindex_get_str(&held, lr->cur) >= 0 ? "summary.blocked.rule.outbox"
					                                           : "summary.blocked.rule";
				else if (lr->state == LS_DELIVERED) {
					int gone = narrate_only_fetched(s, (int)i, lr->mailbox);
					if (lr->received == 1)   /* "1 Received line" */
						tmpl = gone ? "summary.delivered.fetched.one" : "summary.delivered.one";
					else if (gone)
						tmpl = "summary.delivered.fetched";
				}
				i18n_format(cat, tmpl, args, &n->b);
				fprintf(n->out, "  %-12s → %-24s %s\n", e->tag, lr->addr, n->b.s);
			}
			if (held_built)
				hindex_free(&held);
		}
	}
}
