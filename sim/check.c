/* check — expectations against the ledger and the delivered copies. */
#include "check.h"

#include <string.h>

#include "filter.h"
#include "narrate.h"
#include "quiz.h"
#include "simint.h"
#include "smime.h"

/* The delivered copy of ledger entry e in mailbox (server folders first,
 * then what the MUA downloaded). */
static const struct msg *check_copy(const struct sim *s, int e, const char *mailbox)
{
	int u = mailbox ? engine_user_of_addr(s, mailbox) : -1;
	if (u < 0)
		return NULL;
	const struct mbox *b = &s->mbox[u];
	for (int f = 0; f < MBOX_FOLDER_COUNT; f++)
		for (int k = 0; k < b->f[f].n; k++)
			if (b->f[f].items[k].m->ledger == e)
				return b->f[f].items[k].m;
	for (int k = 0; k < b->fetched.n; k++)
		if (b->fetched.items[k].m->ledger == e)
			return b->fetched.items[k].m;
	return NULL;
}

/* Does m have a field "Name: value" whose value contains the given value
 * (folds read as single spaces)? */
static int check_has_header(const struct msg *m, const char *spec)
{
	const char *colon = strchr(spec, ':');
	size_t nl = colon ? (size_t)(colon - spec) : strlen(spec);
	const char *want = colon ? colon + 1 : "";
	while (*want == ' ')
		want++;
	for (int i = 0; i < m->nfields; i++) {
		size_t fl, vl;
		const char *fn = msg_field_name(m, i, &fl);
		const char *fv = msg_field_value(m, i, &vl);
		if (fl != nl || util_strncasecmp(fn, spec, nl) != 0)
			continue;
		char *v = xstrndup(fv, vl);
		/* A fold kept as a TAB (Received's "\tby") reads as a space. */
		for (char *p = v; *p; p++)
			if (*p == '\t')
				*p = ' ';
		char *d = msg_decode_words(v);
		int hit = strstr(v, want) || strstr(d, want);
		free(v);
		free(d);
		if (hit)
			return 1;
	}
	return 0;
}

/* What rcpt's mail program found opening entry e (its last verdict). */
static const struct trace_smime *check_verdict(const struct sim *s, int e, const char *rcpt)
{
	for (size_t i = s->ntr; i-- > 0;) {
		const struct trace_rec *r = &s->ts->tr[i];
		if (r->kind == TR_SMIME && r->msg == e && r->u.smime.step == TRACE_SMIME_VERDICT &&
		    r->u.smime.who && util_strcasecmp(r->u.smime.who, rcpt) == 0)
			return &r->u.smime;
	}
	return NULL;
}

/* Record what was found against item it: a kind with two numbers (the
 * expected and the found), or two strings (copied; NULL: none).  Returns 0,
 * the item's verdict. */
static int check_found(struct check_item *it, enum check_found kind, int want, int got)
{
	it->told = 1;
	it->found = kind;
	it->want = want;
	it->got = got;
	return 0;
}

static int check_found_s(struct check_item *it, enum check_found kind, const char *want,
                         const char *got)
{
	check_found(it, kind, 0, 0);
	it->want_s = want ? xstrdup(want) : NULL;
	it->got_s = got ? xstrdup(got) : NULL;
	return 0;
}

/* Forget what item it found (its strings freed). */
static void check_item_clear(struct check_item *it)
{
	free(it->want_s);
	free(it->got_s);
	free(it->rule);
	free(it->reason);
	memset(it, 0, sizeof *it);
}

/* One S/MIME finding against what is expected of it (-1: anything). */
static int check_smime_one(enum check_found kind, int want, int found, struct check_item *it)
{
	if (want < 0 || want == found)
		return 1;
	return check_found(it, kind, want, found);
}

static int check_smime(const struct sim *s, const struct sc_expect_smime *x, int e, const char *rcpt,
                       struct check_item *it)
{
	const struct trace_smime *f = check_verdict(s, e, rcpt);
	if (!f)
		return check_found_s(it, CHECK_FOUND_NOT_OPENED, rcpt, NULL);
	if (!check_smime_one(CHECK_FOUND_SIGNATURE, x->sig, f->sig, it) ||
	    !check_smime_one(CHECK_FOUND_CHAIN, x->chain, f->chain, it) ||
	    !check_smime_one(CHECK_FOUND_FROM, x->from, f->from, it) ||
	    !check_smime_one(CHECK_FOUND_DECRYPTION, x->dec, f->dec, it))
		return 0;
	for (int p = 0; p < SMIME_PROP_COUNT; p++) {
		int holds = f->holds >> p & 1;
		if ((x->holds >> p & 1) && !holds)
			return check_found(it, CHECK_FOUND_NOT_HELD, p, 0);
		if ((x->fails >> p & 1) && holds)
			return check_found(it, CHECK_FOUND_HELD, p, 0);
	}
	return 1;
}

/* The recipient's spam filter judged entry e as x->verdict (its last
 * TR_FILTER record for that user and message); otherwise record what it found. */
static int check_filter_verdict(const struct sim *s, const struct sc_expect *x, int e,
                                const struct ledger_rcpt *lr, struct check_item *it)
{
	int u = lr->mailbox ? engine_user_of_addr(s, lr->mailbox) : -1;
	int found = -1;
	for (size_t i = 0; i < s->ntr; i++)
		if (s->ts->tr[i].kind == TR_FILTER && s->ts->tr[i].msg == e && s->ts->tr[i].u.filter.user == u)
			found = (int)i;
	if (found < 0)
		return check_found(it, u >= 0 && filter_on(s, u) ? CHECK_FOUND_UNJUDGED : CHECK_FOUND_NO_FILTER,
		                   x->verdict, 0);
	const struct trace_filter *f = &s->ts->tr[found].u.filter;
	if (f->verdict != x->verdict) {
		it->score = f->score;
		return check_found(it, CHECK_FOUND_VERDICT, x->verdict, f->verdict);
	}
	return 1;
}

static const char *check_node(const struct sim *s, int node)
{
	return node >= 0 ? scenario_node_id(s->sc, node) : "-";
}

/* Compare one recipient with expectation x; on mismatch record in it
 * what was found. */
static int check_rcpt(const struct sim *s, const struct sc_expect *x, int e,
                      const struct ledger_rcpt *lr, struct check_item *it)
{
	/* A refusal on a session still open counts at once, as the map and
	 * the card show it (the ledger settles it when the session ends). */
	struct ledger_rcpt now;
	int code, node;
	if (!ledger_state_final(lr->state) && job_refused_pending(s, e, lr, &code, &node)) {
		now = *lr;
		now.state = LS_REJECTED;
		now.code = code;
		now.node = node;
		lr = &now;
	}
	if (x->state >= 0 && (int)lr->state != x->state) {
		it->node = lr->node;
		it->rule = lr->rule ? xstrdup(lr->rule) : NULL;
		it->reason = lr->reason && *lr->reason ? xstrdup(lr->reason) : NULL;
		return check_found(it, CHECK_FOUND_STATE, x->state, (int)lr->state);
	}
	if (x->folder && (!lr->folder || strcmp(x->folder, lr->folder)))
		return check_found_s(it, CHECK_FOUND_FOLDER, x->folder, lr->folder);
	if (x->mailbox && (!lr->mailbox || util_strcasecmp(x->mailbox, lr->mailbox)))
		return check_found_s(it, CHECK_FOUND_MAILBOX, x->mailbox, lr->mailbox);
	if (x->node >= 0 && x->node != lr->node)
		return check_found(it, CHECK_FOUND_NODE, x->node, lr->node);
	if (x->rule && (!lr->rule || strcmp(x->rule, lr->rule)))
		return check_found_s(it, CHECK_FOUND_RULE, x->rule, lr->rule);
	if (x->code && x->code != lr->code)
		return check_found(it, CHECK_FOUND_CODE, x->code, lr->code);
	if (x->received >= 0 && x->received != lr->received)
		return check_found(it, CHECK_FOUND_RECEIVED, x->received, lr->received);
	if (x->verdict >= 0 && !check_filter_verdict(s, x, e, lr, it))
		return 0;
	if (x->header || x->absent_header) {
		const struct msg *m = check_copy(s, e, lr->mailbox);
		if (!m)
			return check_found(it, CHECK_FOUND_NO_COPY, 0, 0);
		if (x->header && !check_has_header(m, x->header))
			return check_found_s(it, CHECK_FOUND_NO_HEADER, x->header, NULL);
		if (x->absent_header && msg_header_count(m, x->absent_header))
			return check_found_s(it, CHECK_FOUND_HAS_HEADER, x->absent_header, NULL);
	}
	if (x->smime && !check_smime(s, x->smime, e, lr->addr, it))
		return 0;
	return 1;
}

static void check_describe(const struct sc_expect *x, const struct sim *s, struct sbuf *d)
{
	sbuf_addf(d, "%s", x->msg);
	if (x->rcpt)
		sbuf_addf(d, " -> %s", x->rcpt);
	sbuf_adds(d, ":");
	if (x->state >= 0)
		sbuf_addf(d, " %s", ledger_state_names[x->state]);
	if (x->folder)
		sbuf_addf(d, " in %s", x->folder);
	if (x->mailbox)
		sbuf_addf(d, " of %s", x->mailbox);
	if (x->node >= 0)
		sbuf_addf(d, " at %s", check_node(s, x->node));
	if (x->rule)
		sbuf_addf(d, " by %s", x->rule);
	if (x->code)
		sbuf_addf(d, " (reply %d)", x->code);
	if (x->received >= 0)
		sbuf_addf(d, " with %d Received", x->received);
	if (x->header)
		sbuf_addf(d, " with \"%s\"", x->header);
	if (x->absent_header)
		sbuf_addf(d, " without %s", x->absent_header);
	if (x->smime) {
		const struct sc_expect_smime *m = x->smime;
		sbuf_adds(d, " opened:");
		if (m->sig >= 0)
			sbuf_addf(d, " signature %s", smime_sig_names[m->sig]);
		if (m->chain >= 0)
			sbuf_addf(d, " chain %s", smime_chain_names[m->chain]);
		if (m->from >= 0)
			sbuf_addf(d, " From %s", smime_from_names[m->from]);
		if (m->dec >= 0)
			sbuf_addf(d, " decryption %s", smime_dec_names[m->dec]);
		for (int p = 0; p < SMIME_PROP_COUNT; p++)
			if ((m->holds | m->fails) >> p & 1)
				sbuf_addf(d, " %s%s", m->fails >> p & 1 ? "no " : "", smime_prop_names[p]);
	}
	if (x->verdict >= 0)
		sbuf_addf(d, " judged %s", bayes_verdict_name((enum bayes_verdict)x->verdict));
	if (x->min >= 0 || x->max >= 0)
		sbuf_adds(d, " (count)");
}

/* Is entry e one of the group named tag ("spam" covers spam.1 …)? */
static int check_in_group(const struct ledger_entry *e, const char *tag)
{
	size_t n = strlen(tag);
	return e->bounce_of < 0 && strncmp(e->tag, tag, n) == 0 &&
	       (e->tag[n] == '\0' || e->tag[n] == '.');
}

/* Counting expectation: min <= matching recipient lines <= max. */
static int check_count(const struct sim *s, const struct sc_expect *x, struct check_item *it)
{
	int count = 0, total = 0;
	struct check_item scratch = { 0 };
	for (size_t i = 0; i < s->nled; i++) {
		const struct ledger_entry *e = s->led[i];
		if (!check_in_group(e, x->msg))
			continue;
		for (int k = 0; k < e->nrcpts; k++) {
			if (x->rcpt && util_strcasecmp(x->rcpt, e->rcpts[k].addr) != 0)
				continue;
			total++;
			count += check_rcpt(s, x, (int)i, &e->rcpts[k], &scratch);
			check_item_clear(&scratch);
		}
	}
	int ok = (x->min < 0 || count >= x->min) && (x->max < 0 || count <= x->max);
	it->total = total;
	it->min = x->min < 0 ? 0 : x->min;
	it->max = x->max < 0 ? total : x->max;
	check_found(it, ok ? CHECK_FOUND_COUNTED : CHECK_FOUND_COUNT, 0, count);
	return ok;
}

/* One expectation against the run: 1 if it holds; it records what was
 * found. */
static int check_one(const struct sim *s, const struct sc_expect *x, struct check_item *it)
{
	if (x->min >= 0 || x->max >= 0)
		return check_count(s, x, it);
	int e = sim_ledger_find(s, x->msg);
	if (e < 0)
		return check_found(it, CHECK_FOUND_NEVER_SENT, 0, 0);
	int ok = 1, matched = 0;
	for (int k = 0; ok && k < s->led[e]->nrcpts; k++) {
		const struct ledger_rcpt *lr = &s->led[e]->rcpts[k];
		if (x->rcpt && util_strcasecmp(x->rcpt, lr->addr) != 0)
			continue;
		matched++;
		ok = check_rcpt(s, x, e, lr, it);
	}
	if (ok && !matched)
		return check_found_s(it, CHECK_FOUND_NO_RCPT, x->rcpt ? x->rcpt : "", NULL);
	return ok;
}

void check_evaluate(const struct sim *s, struct check_report *r)
{
	const struct scenario *sc = s->sc;
	memset(r, 0, sizeof *r);
	r->nitems = sc->nexpects;
	r->items = xcalloc((size_t)sc->nexpects + 1, sizeof *r->items);
	for (int i = 0; i < sc->nexpects; i++)
		r->items[i].ok = check_one(s, &sc->expects[i], &r->items[i]);
	/* A caption or a question that never matches an event is a mistake in
	 * the lesson: the class would never see it. */
	unsigned char *shown = xcalloc((size_t)sc->ncaptions + 1, 1);
	for (size_t k = 0; k < s->ntr; k++) {
		int c = narrate_caption_match(sc, &s->ts->tr[k], shown);
		if (c >= 0)
			shown[c] = 1;
	}
	r->caption_unseen = xcalloc((size_t)sc->ncaptions + 1, 1);
	for (int c = 0; c < sc->ncaptions; c++)
		r->ncaptions_unseen += r->caption_unseen[c] = !shown[c];
	free(shown);
	long *at = xcalloc((size_t)sc->nquiz + 1, sizeof *at);
	quiz_locate(sc, s->ts->tr, s->ntr, at);
	r->quiz_unseen = xcalloc((size_t)sc->nquiz + 1, 1);
	for (int q = 0; q < sc->nquiz; q++)
		r->nquiz_unseen += r->quiz_unseen[q] = at[q] < 0;
	free(at);
	r->audit_problems = sim_audit(s, NULL);
}

void check_report_free(struct check_report *r)
{
	for (int i = 0; i < r->nitems; i++)
		check_item_clear(&r->items[i]);
	free(r->items);
	free(r->caption_unseen);
	free(r->quiz_unseen);
	memset(r, 0, sizeof *r);
}

/* The lesson's own text for expectation x in lang, or its description. */
static const char *check_note(const struct sim *s, const struct sc_expect *x, int lang,
                              struct sbuf *desc)
{
	const char *note = sc_text_get(&x->note, lang);
	if (note && *note)
		return note;
	sbuf_reset(desc);
	check_describe(x, s, desc);
	return desc->s;
}

void check_print(const struct sim *s, const struct check_report *r, int lang,
                 const struct i18n *cat, FILE *out, int *passed, int *failed)
{
	const struct scenario *sc = s->sc;
	struct sbuf desc = { 0 }, why = { 0 };
	for (int i = 0; i < r->nitems; i++) {
		const struct sc_expect *x = &sc->expects[i];
		const struct check_item *it = &r->items[i];
		(*(it->ok ? passed : failed))++;
		sbuf_reset(&why);
		check_why(sc, it, cat, lang < 0, &why);
		if (lang >= 0) {
			/* The answer key as the class reads it. */
			fprintf(out, "%s %s", it->ok ? "✓" : "✗", check_note(s, x, lang, &desc));
			if (!it->ok)
				fprintf(out, " — %s", why.s ? why.s : "");
			fputc('\n', out);
			continue;
		}
		sbuf_reset(&desc);
		check_describe(x, s, &desc);
		int counting = x->min >= 0 || x->max >= 0;
		if (it->ok && !counting)
			fprintf(out, "PASS %s: %s\n", sc->id, desc.s);
		else
			fprintf(out, "%s %s: %s: %s\n", it->ok ? "PASS" : "FAIL", sc->id, desc.s,
			        why.s ? why.s : "");
	}
	sbuf_free(&desc);
	sbuf_free(&why);
	for (int c = 0; c < sc->ncaptions; c++)
		if (r->caption_unseen[c])
			fprintf(out, "FAIL %s: /captions/%d never matched an event: \"%s\"\n", sc->id, c,
			        sc_text_get(&sc->captions[c].text, 1));
	for (int q = 0; q < sc->nquiz; q++)
		if (r->quiz_unseen[q])
			fprintf(out, "FAIL %s: /quiz/%d never matched an event: \"%s\"\n", sc->id, q,
			        sc->quiz[q].text[1].question ? sc->quiz[q].text[1].question : "");
	*failed += r->ncaptions_unseen + r->nquiz_unseen;
	if (lang < 0 && sc->ncaptions && !r->ncaptions_unseen) {
		(*passed)++;
		fprintf(out, "PASS %s: every caption is shown\n", sc->id);
	}
	if (lang < 0 && sc->nquiz && !r->nquiz_unseen) {
		(*passed)++;
		fprintf(out, "PASS %s: every quiz question is asked\n", sc->id);
	}
	if (r->audit_problems) {
		sim_audit(s, out);
		*failed += r->audit_problems;
		fprintf(out, "FAIL %s: the ledger lost %d message(s)\n", sc->id, r->audit_problems);
	} else if (lang < 0) {
		(*passed)++;
		fprintf(out, "PASS %s: every message is accounted for\n", sc->id);
	}
}

void check_run(const struct sim *s, const struct i18n *en, FILE *out, int *passed, int *failed)
{
	struct check_report r;
	check_evaluate(s, &r);
	check_print(s, &r, -1, en, out, passed, failed);
	check_report_free(&r);
}
