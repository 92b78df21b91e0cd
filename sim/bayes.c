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

/* The constants.  s, x, min_dev and max_tokens are SpamBayes's defaults
 * (unknown_word_strength 0.45, unknown_word_prob 0.5, minimum_prob_strength
 * 0.1, max_discriminators 150); on a split of the SpamAssassin corpus's
 * training half they ranked mail better (ROC AUC) than bogofilter's
 * (robs 0.0178, robx 0.52, min_dev 0.375, every token), and neither a
 * stronger prior nor fewer or more tokens did better.  The three-state
 * band is SpamBayes's too (ham below 0.20, spam from 0.90).  The two-state
 * cut is the spam cut: on that split, counting a false positive ten times
 * a missed spam, cuts from 0.9 to 0.95 cost least, and 0.9 keeps one
 * story for the class: only what the filter calls spam goes to Junk. */
void bayes_params_default(struct bayes_params *p)
{
	p->s = 0.45;
	p->x = 0.5;
	p->min_dev = 0.1;
	p->max_tokens = 150;
	p->ham_cut = 0.2;
	p->spam_cut = 0.9;
	p->cut = 0.9;
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
	size_t nc = 0;
	for (size_t k = 0; k < b->nrefs; k++) {
		const struct bayes_ref *ref = &b->refs[k];
		const struct bayes_db_entry *e = bayes_db_find(db, ref->hash, b->arena + ref->off,
		                                               ref->len);
		uint32_t ham = e ? e->count[BAYES_CLASS_HAM] : 0;
		uint32_t spam = e ? e->count[BAYES_CLASS_SPAM] : 0;
		double f = bayes_prob(p, spam, ham, nspam, nham);
		double dev = fabs(f - 0.5);
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
