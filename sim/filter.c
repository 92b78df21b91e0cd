/* filter — the users' spam filters in a run: trained from the lesson at
 * the start, asked by the MDA at every delivery, taught by the users'
 * marks.  See filter.h for what is learnt when. */
#include "filter.h"

#include <string.h>

#include "simint.h"

static enum bayes_class filter_class(int learn)
{
	return learn == TRACE_LEARN_SPAM ? BAYES_CLASS_SPAM : BAYES_CLASS_HAM;
}

void filter_init(struct sim *s)
{
	const struct scenario *sc = s->sc;
	int any = 0;
	for (int u = 0; u < sc->nusers; u++)
		any |= sc->users[u].filter;
	if (!any)
		return;
	struct bayes_params p;
	bayes_params_default(&p);
	/* One threshold: what the filter calls spam is what goes to Junk, so
	 * the narration's "spam" and the folder never disagree. */
	p.spam_cut = p.cut;
	if (!(p.ham_cut < 0.5 && p.cut > 0.5))
		PANIC("ham_cut %.2f and cut %.2f must lie either side of 0.5", p.ham_cut, p.cut);
	s->bayes = bayes_new(&p);
	s->filter_db = xcalloc((size_t)sc->nusers, sizeof *s->filter_db);
	for (int u = 0; u < sc->nusers; u++) {
		const struct sc_user *su = &sc->users[u];
		if (!su->filter)
			continue;
		s->filter_db[u] = bayes_db_new();
		for (int k = 0; k < su->ntrain; k++)
			if (bayes_train(s->bayes, s->filter_db[u], su->train[k].data, su->train[k].len,
			                su->train[k].spam ? BAYES_CLASS_SPAM : BAYES_CLASS_HAM) != 0)
				PANIC("user %s: training mail %d overflows a count", su->address, k);
	}
}

void filter_free_all(struct sim *s)
{
	if (s->filter_db)
		for (int u = 0; u < s->sc->nusers; u++)
			bayes_db_free(s->filter_db[u]);
	free(s->filter_db);
	s->filter_db = NULL;
	bayes_free(s->bayes);
	s->bayes = NULL;
}

int filter_on(const struct sim *s, int user)
{
	return user >= 0 && user < s->sc->nusers && s->filter_db && s->filter_db[user];
}

const struct bayes_db *filter_db(const struct sim *s, int user)
{
	return filter_on(s, user) ? s->filter_db[user] : NULL;
}

static uint16_t filter_u16(uint32_t v)
{
	return v > UINT16_MAX ? UINT16_MAX : (uint16_t)v;
}

/* Judge m against user's database and fill a record of kind k with the
 * verdict and its clues (their tokens in s->fmt, which trace_end copies). */
static struct trace_rec *filter_record(struct sim *s, enum trace_kind k, int host, int user,
                                       const struct msg *m)
{
	struct bayes_result res;
	struct bayes_clue clues[TRACE_FILTER_CLUES];
	int nc = bayes_classify_msg(s->bayes, s->filter_db[user], m, &res, clues, TRACE_FILTER_CLUES);
	const struct bayes_params *p = bayes_get_params(s->bayes);
	sbuf_reset(&s->fmt);
	sbuf_adds(&s->fmt, "");
	struct trace_rec *r = trace_begin(s, k, host);
	r->role = ROLE_MDA;
	struct trace_filter *f = &r->u.filter;
	f->user = user;
	f->score = (float)res.score;
	f->ham_cut = (float)p->ham_cut;
	f->cut = (float)p->cut;
	f->verdict = (uint8_t)res.verdict;
	f->truth = m->flags & MSG_F_SPAM ? TRACE_LEARN_SPAM : m->flags & MSG_F_HAM ? TRACE_LEARN_HAM : TRACE_LEARN_NONE;
	f->ntokens = filter_u16(res.ntokens > 0 ? (uint32_t)res.ntokens : 0);
	f->nunseen = filter_u16(res.nunseen > 0 ? (uint32_t)res.nunseen : 0);
	for (int i = 0; i < nc; i++) {
		sbuf_adds(&s->fmt, clues[i].token);
		sbuf_addc(&s->fmt, '\n');
		f->prob[i] = (uint16_t)(clues[i].prob * 10000.0 + 0.5);
		f->count[i][0] = filter_u16(clues[i].count[BAYES_CLASS_HAM]);
		f->count[i][1] = filter_u16(clues[i].count[BAYES_CLASS_SPAM]);
	}
	f->nclues = (uint8_t)nc;
	f->clues = s->fmt.s;
	return r;
}

int filter_judge(struct sim *s, int host, int user, const struct msg *m, int *spam)
{
	*spam = 0;
	if (!filter_on(s, user))
		return TRACE_LEARN_NONE;
	struct trace_rec *r = filter_record(s, TR_FILTER, host, user, m);
	struct trace_filter *f = &r->u.filter;
	int learn = f->verdict == BAYES_VERDICT_SPAM ? TRACE_LEARN_SPAM
	          : f->verdict == BAYES_VERDICT_HAM ? TRACE_LEARN_HAM : TRACE_LEARN_NONE;
	*spam = f->verdict == BAYES_VERDICT_SPAM;
	f->learned = (uint8_t)learn;
	trace_end(s, r, m);
	/* Taken as right until the user says otherwise. */
	if (learn != TRACE_LEARN_NONE &&
	    bayes_train_msg(s->bayes, s->filter_db[user], m, filter_class(learn)) != 0)
		PANIC("user %d: learning message %d overflows a count", user, m->ledger);
	return learn;
}

void filter_learn(struct sim *s, int user, const struct msg *m, int spam, uint8_t *learned,
                  int origin)
{
	if (!filter_on(s, user))
		return;
	int to = spam ? TRACE_LEARN_SPAM : TRACE_LEARN_HAM, from = *learned;
	struct bayes_db *db = s->filter_db[user];
	int rc = 0;
	if (from == TRACE_LEARN_NONE)
		rc = bayes_train_msg(s->bayes, db, m, filter_class(to));
	else if (from != to)
		rc = bayes_retrain_msg(s->bayes, db, m, filter_class(from), filter_class(to));
	if (rc != 0)
		PANIC("user %d: relearning message %d as %s failed", user, m->ledger,
		      trace_learn_names[to]);
	*learned = (uint8_t)to;
	struct trace_rec *r = filter_record(s, TR_LEARN, s->sc->users[user].mailbox_host, user, m);
	r->origin = (uint8_t)origin;
	r->u.filter.from = (uint8_t)from;
	r->u.filter.learned = (uint8_t)to;
	trace_end(s, r, m);
}

/* ---- accuracy ---- */

size_t filter_accuracy(const struct trace_rec *tr, size_t n, struct filter_point *out, size_t max)
{
	/* The marks first (a handful), so each verdict looks among them only. */
	const struct trace_rec **learns = NULL;
	size_t nl = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		if (tr[i].kind != TR_LEARN)
			continue;
		if (nl == cap) {
			cap = cap ? cap * 2 : 16;
			learns = xrealloc(learns, cap * sizeof *learns);
		}
		learns[nl++] = &tr[i];
	}
	size_t np = 0;
	int right = 0;
	for (size_t i = 0; i < n; i++) {
		const struct trace_rec *r = &tr[i];
		if (r->kind != TR_FILTER)
			continue;
		int spam = r->u.filter.verdict == BAYES_VERDICT_SPAM;
		int unsure = r->u.filter.verdict == BAYES_VERDICT_UNSURE;
		int said = -1;   /* what the mail is: as the lesson says, else as the
		                  * user's last mark taught, -1 neither */
		for (size_t j = 0; j < nl && r->u.filter.truth == TRACE_LEARN_NONE; j++)
			if (learns[j] > r && learns[j]->msg == r->msg &&
			    learns[j]->u.filter.user == r->u.filter.user)
				said = learns[j]->u.filter.learned == TRACE_LEARN_SPAM;
		if (r->u.filter.truth != TRACE_LEARN_NONE)
			said = r->u.filter.truth == TRACE_LEARN_SPAM;
		int wrong = !unsure && said >= 0 && said != spam;
		right += !wrong && !unsure;
		if (np < max)
			out[np] = (struct filter_point){ i, r->u.filter.user, r->msg, (uint8_t)spam,
			                                 (uint8_t)unsure, (uint8_t)wrong, right };
		np++;
	}
	free(learns);
	return np;
}

void filter_snapshot(struct sim *dst, const struct sim *src)
{
	if (!src->bayes)
		return;
	/* The classifier holds only its parameters and scratch space; what
	 * was learnt is in the databases. */
	dst->bayes = bayes_new(bayes_get_params(src->bayes));
	dst->filter_db = xcalloc((size_t)src->sc->nusers, sizeof *dst->filter_db);
	for (int u = 0; u < src->sc->nusers; u++)
		if (src->filter_db[u])
			dst->filter_db[u] = bayes_db_clone(src->filter_db[u]);
}
