/* bayes — training and scoring: Robinson's f(w), Fisher's chi-square
 * combining, and the per-message token set that both need. */
#include "bayes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bayes_dbint.h"
#include "msg.h"

/* One distinct token of the message being read: its bytes are in the
 * classifier's arena. */
struct bayes_ref {
	uint64_t hash;
	uint32_t off, len;
};

/* A token that says enough to be combined. */
struct bayes_cand {
	double f, dev;
	uint32_t ref;
	uint32_t count[BAYES_CLASS_COUNT];
};

struct bayes {
	struct bayes_params p;
	struct bayes_tok *tok;
	/* The message's distinct tokens: refs in the order first seen, and an
	 * open-addressing set of indexes into refs.  A slot belongs to the
	 * current message only when its stamp is gen, so starting a message
	 * clears nothing. */
	struct bayes_ref *refs;
	size_t nrefs, caprefs;
	uint32_t *slot, *stamp;
	size_t capslot;
	uint32_t gen;
	char *arena;
	size_t arena_len, arena_cap;
	struct bayes_cand *cand;
	double *f;                  /* the probabilities combined */
	size_t capcand;             /* of cand and f */
};

static const char *const bayes_class_names[] = { "ham", "spam" };
_Static_assert(sizeof bayes_class_names / sizeof bayes_class_names[0] == BAYES_CLASS_COUNT,
               "a name per class");
static const char *const bayes_verdict_names[] = { "ham", "unsure", "spam" };
_Static_assert(sizeof bayes_verdict_names / sizeof bayes_verdict_names[0] ==
               BAYES_VERDICT_COUNT, "a name per verdict");

const char *bayes_class_name(enum bayes_class c)
{
	if ((unsigned)c >= BAYES_CLASS_COUNT)
		PANIC("class %d", (int)c);
	return bayes_class_names[c];
}

const char *bayes_verdict_name(enum bayes_verdict v)
{
	if ((unsigned)v >= BAYES_VERDICT_COUNT)
		PANIC("verdict %d", (int)v);
	return bayes_verdict_names[v];
}

/* The constants, chosen on the training half of the SpamAssassin corpus
 * only, by 10-fold cross-validation repeated over six fold maps (README,
 * "How the filter was tuned"); the test half was never looked at.
 *   - s = 0.45, min_dev = 0.1, max_tokens = 150: SpamBayes's defaults
 *     (unknown_word_strength, minimum_prob_strength, max_discriminators);
 *     s of 0.3 or 0.6, min_dev of 0.05 or 0.15, 100 or 250 tokens or all
 *     of them did no better.
 *   - x = 0.4 rather than SpamBayes's 0.5: a token seen once or twice
 *     leans a little toward ham, so that a newsletter from a sender never
 *     seen, full of words the filter hardly knows, is not pushed into Junk
 *     by them (ten-worst-ham figure 7.7 % at 0.5, 6.6 % at 0.4).
 *   - learn_ham = 0.01, learn_spam = 0.99, learn_passes = 3 for
 *     bayes_learn: a thick threshold (only mail judged clearly right is
 *     left out); thinner ones (0.02 / 0.98), thicker ones (0.005 /
 *     0.995, 0.01 / 0.999) and 2 or 5 passes did no better.  Against
 *     learning every message once it halved the false positives at the
 *     cut and took the ten-worst-ham figure from 10.6 % to 6.6 %.
 *   - cut = 0.71: the cut that cost least on the pooled cross-validation
 *     scores when a false positive counts as ten missed spam (SpamBayes's
 *     best_cutoff_fp_weight): 5.3 false positives in 2,075 ham, 3.8 % of
 *     spam missed.  (At twenty it would be 0.94: 1.8 and 10.9 %.)  spam_cut is the same, so that what goes
 *     to Junk is what the filter calls spam; the ham band stays below 0.2
 *     (SpamBayes's ham_cutoff). */
void bayes_params_default(struct bayes_params *p)
{
	p->s = 0.45;
	p->x = 0.4;
	p->min_dev = 0.1;
	p->max_tokens = 150;
	p->ham_cut = 0.2;
	p->spam_cut = 0.71;
	p->cut = 0.71;
	p->learn_ham = 0.01;
	p->learn_spam = 0.99;
	p->learn_passes = 3;
}

struct bayes *bayes_new(const struct bayes_params *params)
{
	struct bayes *b = xcalloc(1, sizeof *b);
	if (params)
		b->p = *params;
	else
		bayes_params_default(&b->p);
	b->tok = bayes_tok_new();
	b->capslot = 1024;
	b->slot = xcalloc(b->capslot, sizeof *b->slot);
	b->stamp = xcalloc(b->capslot, sizeof *b->stamp);
	return b;
}

void bayes_free(struct bayes *b)
{
	if (!b)
		return;
	bayes_tok_free(b->tok);
	free(b->refs);
	free(b->slot);
	free(b->stamp);
	free(b->arena);
	free(b->cand);
	free(b->f);
	free(b);
}

const struct bayes_params *bayes_get_params(const struct bayes *b)
{
	return &b->p;
}

/* ---- the message's token set ------------------------------------------------ */

static void bayes_set_grow(struct bayes *b)
{
	size_t cap = b->capslot * 2;
	free(b->slot);
	free(b->stamp);
	b->slot = xcalloc(cap, sizeof *b->slot);
	b->stamp = xcalloc(cap, sizeof *b->stamp);
	b->capslot = cap;
	b->gen = 1;
	for (size_t k = 0; k < b->nrefs; k++) {
		size_t i = (size_t)b->refs[k].hash & (cap - 1);
		while (b->stamp[i] == b->gen)
			i = (i + 1) & (cap - 1);
		b->stamp[i] = b->gen;
		b->slot[i] = (uint32_t)k;
	}
}

static void bayes_collect(void *ud, const char *tok, size_t len)
{
	struct bayes *b = ud;
	uint64_t h = bayes_db_hash(tok, len);
	size_t mask = b->capslot - 1;
	size_t i = (size_t)h & mask;
	for (; b->stamp[i] == b->gen; i = (i + 1) & mask) {
		const struct bayes_ref *r = &b->refs[b->slot[i]];
		if (r->hash == h && r->len == len && memcmp(b->arena + r->off, tok, len) == 0)
			return;
	}
	if (b->nrefs == b->caprefs) {
		b->caprefs = b->caprefs ? b->caprefs * 2 : 512;
		b->refs = xrealloc(b->refs, b->caprefs * sizeof *b->refs);
	}
	if (b->arena_len + len > b->arena_cap) {
		b->arena_cap = b->arena_cap ? b->arena_cap * 2 : 1u << 14;
		while (b->arena_cap < b->arena_len + len)
			b->arena_cap *= 2;
		b->arena = xrealloc(b->arena, b->arena_cap);
	}
	memcpy(b->arena + b->arena_len, tok, len);
	b->refs[b->nrefs] = (struct bayes_ref){ h, (uint32_t)b->arena_len, (uint32_t)len };
	b->arena_len += len;
	b->stamp[i] = b->gen;
	b->slot[i] = (uint32_t)b->nrefs++;
	if (b->nrefs * 2 > b->capslot)
		bayes_set_grow(b);
}

/* Tokenize a message into the set (which starts empty). */
static void bayes_read(struct bayes *b, const char *data, size_t len)
{
	b->nrefs = 0;
	b->arena_len = 0;
	if (++b->gen == 0) {
		memset(b->stamp, 0, b->capslot * sizeof *b->stamp);
		b->gen = 1;
	}
	bayes_tok_message(b->tok, data, len, bayes_collect, b);
	if (b->nrefs > UINT32_MAX / 2)
		PANIC("%zu tokens in one message", b->nrefs);
}

/* ---- learning ------------------------------------------------------------------ */

/* Add delta (+1 or -1) to class c's count of every token in the set.
 * Returns -1 (nothing changed) when a count would leave 0..UINT32_MAX. */
static int bayes_apply(struct bayes *b, struct bayes_db *db, enum bayes_class c, int delta)
{
	if ((unsigned)c >= BAYES_CLASS_COUNT)
		PANIC("class %d", (int)c);
	if (delta < 0) {
		if (db->nmsg[c] == 0)
			return -1;
		for (size_t k = 0; k < b->nrefs; k++) {
			const struct bayes_ref *r = &b->refs[k];
			const struct bayes_db_entry *e = bayes_db_find(db, r->hash, b->arena + r->off,
			                                               r->len);
			if (!e || e->count[c] == 0)
				return -1;
		}
	} else if (db->nmsg[c] == UINT32_MAX) {
		return -1;   /* and so no token count can be at UINT32_MAX either */
	}
	for (size_t k = 0; k < b->nrefs; k++) {
		const struct bayes_ref *r = &b->refs[k];
		struct bayes_db_entry *e = bayes_db_upsert(db, r->hash, b->arena + r->off, r->len);
		uint32_t before[BAYES_CLASS_COUNT] = { e->count[0], e->count[1] };
		e->count[c] = delta < 0 ? e->count[c] - 1 : e->count[c] + 1;
		bayes_db_note(db, before, e);
	}
	db->nmsg[c] = delta < 0 ? db->nmsg[c] - 1 : db->nmsg[c] + 1;
	return 0;
}

int bayes_train(struct bayes *b, struct bayes_db *db, const char *data, size_t len,
                enum bayes_class c)
{
	bayes_read(b, data, len);
	return bayes_apply(b, db, c, +1);
}

int bayes_untrain(struct bayes *b, struct bayes_db *db, const char *data, size_t len,
                  enum bayes_class c)
{
	bayes_read(b, data, len);
	return bayes_apply(b, db, c, -1);
}

/* The order bayes_learn takes a set in: by the hash of the bytes, then by
 * the bytes and the class, so that only identical samples tie. */
struct bayes_learn_key {
	uint64_t hash;
	const struct bayes_sample *s;
};

static int bayes_learn_cmp(const void *pa, const void *pb)
{
	const struct bayes_learn_key *a = pa, *b = pb;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	if (a->s->len != b->s->len)
		return a->s->len < b->s->len ? -1 : 1;
	int c = a->s->len ? memcmp(a->s->data, b->s->data, a->s->len) : 0;
	if (c)
		return c;
	return (a->s->cls > b->s->cls) - (a->s->cls < b->s->cls);
}

long bayes_learn(struct bayes *b, struct bayes_db *db, const struct bayes_sample *set,
                 size_t n)
{
	if (b->p.learn_passes <= 0) {
		for (size_t i = 0; i < n; i++)
			if (bayes_train(b, db, set[i].data, set[i].len, set[i].cls) < 0)
				return -1;
		return (long)n;
	}
	struct bayes_learn_key *key = xmalloc((n ? n : 1) * sizeof *key);
	for (size_t i = 0; i < n; i++) {
		key[i].hash = bayes_db_hash(set[i].data, set[i].len);
		key[i].s = &set[i];
	}
	qsort(key, n, sizeof *key, bayes_learn_cmp);
	long trained = 0;
	for (int pass = 0; pass < b->p.learn_passes; pass++) {
		long now = 0;
		for (size_t i = 0; i < n; i++) {
			const struct bayes_sample *m = key[i].s;
			struct bayes_result r;
			bayes_classify(b, db, m->data, m->len, &r, NULL, 0);
			int wrong = m->cls == BAYES_CLASS_HAM ? r.score >= b->p.learn_ham
			                                      : r.score < b->p.learn_spam;
			if (!wrong)
				continue;
			/* The message's tokens are still in the set: no second read. */
			if (bayes_apply(b, db, m->cls, +1) < 0) {
				free(key);
				return -1;
			}
			now++;
		}
		trained += now;
		if (!now)
			break;
	}
	free(key);
	return trained;
}

int bayes_retrain(struct bayes *b, struct bayes_db *db, const char *data, size_t len,
                  enum bayes_class from, enum bayes_class to)
{
	bayes_read(b, data, len);
	if (bayes_apply(b, db, from, -1) < 0)
		return -1;
	if (bayes_apply(b, db, to, +1) < 0) {
		bayes_apply(b, db, from, +1);   /* put it back as it was */
		return -1;
	}
	return 0;
}

/* ---- scoring -------------------------------------------------------------------- */

double bayes_prob(const struct bayes_params *p, uint32_t spam, uint32_t ham, uint32_t nspam,
                  uint32_t nham)
{
	double n = (double)spam + (double)ham;
	if (n == 0)
		return p->x;
	double bad = nspam ? (double)spam / nspam : 0.0;
	double good = nham ? (double)ham / nham : 0.0;
	double pw = bad + good > 0 ? bad / (bad + good) : p->x;
	return (p->s * p->x + n * pw) / (p->s + n);
}

double bayes_chi2q(double x2, int v)
{
	if (v < 2 || v % 2)
		PANIC("degrees of freedom %d", v);
	double m = x2 / 2.0;
	double term = exp(-m), sum = term;
	for (int i = 1; i < v / 2 && term > 0; i++) {
		term *= m / i;
		sum += term;
	}
	return sum < 1.0 ? sum : 1.0;
}

#define BAYES_LN2 0.69314718055994530942

/* f(w) stays this far from 0 and 1, so no logarithm is infinite. */
#define BAYES_F_EPS 1e-15

double bayes_combine(const double *f, int n, double *s_out, double *h_out)
{
	if (n <= 0) {
		if (s_out)
			*s_out = 0.0;
		if (h_out)
			*h_out = 0.0;
		return 0.5;
	}
	/* Products kept in range with frexp rather than a logarithm per
	 * token (SpamBayes does the same). */
	double sp = 1.0, hp = 1.0;
	int se = 0, he = 0, e;
	for (int i = 0; i < n; i++) {
		double w = f[i];
		if (w < BAYES_F_EPS)
			w = BAYES_F_EPS;
		if (w > 1.0 - BAYES_F_EPS)
			w = 1.0 - BAYES_F_EPS;
		sp *= 1.0 - w;
		hp *= w;
		if (sp < 1e-200) {
			sp = frexp(sp, &e);
			se += e;
		}
		if (hp < 1e-200) {
			hp = frexp(hp, &e);
			he += e;
		}
	}
	double ls = log(sp) + se * BAYES_LN2, lh = log(hp) + he * BAYES_LN2;
	double s = 1.0 - bayes_chi2q(-2.0 * ls, 2 * n);
	double h = 1.0 - bayes_chi2q(-2.0 * lh, 2 * n);
	if (s_out)
		*s_out = s;
	if (h_out)
		*h_out = h;
	return (s - h + 1.0) / 2.0;
}

/* Most telling first; equal ones in the order of their bytes, so the
 * choice never depends on the hash table. */
static int bayes_candcmp(const struct bayes *b, const struct bayes_cand *x,
                         const struct bayes_cand *y)
{
	if (x->dev != y->dev)
		return x->dev > y->dev ? -1 : 1;
	const struct bayes_ref *rx = &b->refs[x->ref], *ry = &b->refs[y->ref];
	size_t n = rx->len < ry->len ? rx->len : ry->len;
	int c = memcmp(b->arena + rx->off, b->arena + ry->off, n);
	if (c)
		return c;
	return rx->len < ry->len ? -1 : rx->len > ry->len;
}

/* Sort the candidates (insertion into a heap would do for a top-k; a
 * message has a few hundred, and a sort keeps the code plain). */
static void bayes_sort(const struct bayes *b, struct bayes_cand *c, size_t n)
{
	/* Shell sort: no user pointer is needed, as qsort's comparator
	 * would need one. */
	static const size_t gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
	for (size_t g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
		size_t gap = gaps[g];
		for (size_t i = gap; i < n; i++) {
			struct bayes_cand t = c[i];
			size_t j = i;
			while (j >= gap && bayes_candcmp(b, &c[j - gap], &t) > 0) {
				c[j] = c[j - gap];
				j -= gap;
			}
			c[j] = t;
		}
	}
}

static int bayes_score(struct bayes *b, const struct bayes_db *db, struct bayes_result *r,
                       struct bayes_clue *clues, int maxclues)
{
	const struct bayes_params *p = &b->p;
	uint32_t nspam = db->nmsg[BAYES_CLASS_SPAM], nham = db->nmsg[BAYES_CLASS_HAM];
	if (b->capcand < b->nrefs) {
		b->capcand = b->nrefs;
		b->cand = xrealloc(b->cand, b->capcand * sizeof *b->cand);
		b->f = xrealloc(b->f, b->capcand * sizeof *b->f);
	}
	size_t nc = 0, unseen = 0;
	for (size_t k = 0; k < b->nrefs; k++) {
		const struct bayes_ref *ref = &b->refs[k];
		const struct bayes_db_entry *e = bayes_db_find(db, ref->hash, b->arena + ref->off,
		                                               ref->len);
		uint32_t ham = e ? e->count[BAYES_CLASS_HAM] : 0;
		uint32_t spam = e ? e->count[BAYES_CLASS_SPAM] : 0;
		double f = bayes_prob(p, spam, ham, nspam, nham);
		double dev = fabs(f - 0.5);
		unseen += !ham && !spam;
		if (dev < p->min_dev || (!ham && !spam))
			continue;
		struct bayes_cand *c = &b->cand[nc++];
		c->f = f;
		c->dev = dev;
		c->ref = (uint32_t)k;
		c->count[BAYES_CLASS_HAM] = ham;
		c->count[BAYES_CLASS_SPAM] = spam;
	}
	size_t use = nc;
	if ((p->max_tokens > 0 && nc > (size_t)p->max_tokens) || maxclues > 0)
		bayes_sort(b, b->cand, nc);
	if (p->max_tokens > 0 && use > (size_t)p->max_tokens)
		use = (size_t)p->max_tokens;

	/* Combine in a fixed order (the sorted one, or the message's). */
	for (size_t i = 0; i < use; i++)
		b->f[i] = b->cand[i].f;
	memset(r, 0, sizeof *r);
	r->score = bayes_combine(b->f, (int)use, &r->spamminess, &r->hamminess);
	r->ntokens = (int)b->nrefs;
	r->nused = (int)use;
	r->nunseen = (int)unseen;
	r->verdict = r->score >= p->spam_cut ? BAYES_VERDICT_SPAM
	           : r->score < p->ham_cut  ? BAYES_VERDICT_HAM
	                                    : BAYES_VERDICT_UNSURE;
	r->is_spam = r->score >= p->cut;

	int nclue = 0;
	for (size_t i = 0; i < use && nclue < maxclues; i++, nclue++) {
		const struct bayes_cand *c = &b->cand[i];
		const struct bayes_ref *ref = &b->refs[c->ref];
		struct bayes_clue *cl = &clues[nclue];
		memcpy(cl->token, b->arena + ref->off, ref->len);
		cl->token[ref->len] = '\0';
		cl->prob = c->f;
		cl->count[0] = c->count[0];
		cl->count[1] = c->count[1];
	}
	return nclue;
}

int bayes_classify(struct bayes *b, const struct bayes_db *db, const char *data, size_t len,
                   struct bayes_result *r, struct bayes_clue *clues, int maxclues)
{
	bayes_read(b, data, len);
	return bayes_score(b, db, r, clues, maxclues);
}

/* ---- messages of the simulation ---------------------------------------------------- */

int bayes_classify_msg(struct bayes *b, const struct bayes_db *db, const struct msg *m,
                       struct bayes_result *r, struct bayes_clue *clues, int maxclues)
{
	size_t len;
	char *text = msg_serialize(m, &len);
	int n = bayes_classify(b, db, text, len, r, clues, maxclues);
	free(text);
	return n;
}

int bayes_train_msg(struct bayes *b, struct bayes_db *db, const struct msg *m,
                    enum bayes_class c)
{
	size_t len;
	char *text = msg_serialize(m, &len);
	int rc = bayes_train(b, db, text, len, c);
	free(text);
	return rc;
}

int bayes_untrain_msg(struct bayes *b, struct bayes_db *db, const struct msg *m,
                      enum bayes_class c)
{
	size_t len;
	char *text = msg_serialize(m, &len);
	int rc = bayes_untrain(b, db, text, len, c);
	free(text);
	return rc;
}

int bayes_retrain_msg(struct bayes *b, struct bayes_db *db, const struct msg *m,
                      enum bayes_class from, enum bayes_class to)
{
	size_t len;
	char *text = msg_serialize(m, &len);
	int rc = bayes_retrain(b, db, text, len, from, to);
	free(text);
	return rc;
}
