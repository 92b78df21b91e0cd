/* bayes — the Bayesian spam filter: Robinson's per-token probability f(w)
 * and Fisher's chi-square combining, as bogofilter and SpamBayes do it,
 * over the tokens of bayes_tok.
 *
 * For a token w seen in b of the nspam spam and g of the nham ham messages
 * learnt (each message counts a token once):
 *
 *   p(w) = (b / nspam) / (b / nspam + g / nham)
 *   f(w) = (s * x + n * p(w)) / (s + n),   n = b + g
 *
 * x is the probability given to a token seen too rarely to tell, and s how
 * many messages of evidence that guess is worth.  Tokens never learnt, and
 * tokens with |f(w) - 0.5| < min_dev, say too little and are left out; of
 * the rest at most max_tokens, the farthest from 0.5, are combined:
 *
 *   S = 1 - C(-2 Σ ln(1 - f(w)), 2N)   (how sure it is spam)
 *   H = 1 - C(-2 Σ ln f(w), 2N)         (how sure it is ham)
 *   score = (1 + S - H) / 2
 *
 * where C(χ², ν) is the chi-square upper tail with ν degrees of freedom.
 * A message is ham below ham_cut, spam from spam_cut on, unsure between
 * (three states); the two-state call is spam from cut on.  Everything is
 * deterministic: no clock, no random numbers, ties broken by the token's
 * bytes.
 *
 * A database (struct bayes_db) holds the counts; each user of the
 * simulation has one in memory, and one can be saved to a file and read
 * back exactly.  A classifier (struct bayes) holds the tokenizer and the
 * scratch space of one message at a time; one can serve many databases. */
#ifndef MAILSIM_BAYES_H
#define MAILSIM_BAYES_H

#include <stddef.h>
#include <stdint.h>

#include "bayes_tok.h"
#include "util.h"

struct msg;

enum bayes_class {
	BAYES_CLASS_HAM,
	BAYES_CLASS_SPAM,
	BAYES_CLASS_COUNT
};

enum bayes_verdict {
	BAYES_VERDICT_HAM,
	BAYES_VERDICT_UNSURE,
	BAYES_VERDICT_SPAM,
	BAYES_VERDICT_COUNT
};

/* "ham", "spam"; "ham", "unsure", "spam". */
const char *bayes_class_name(enum bayes_class c);
const char *bayes_verdict_name(enum bayes_verdict v);

struct bayes_params {
	double s;           /* strength of the prior x, in messages */
	double x;           /* f(w) of a token never seen */
	double min_dev;     /* tokens closer than this to 0.5 are ignored */
	int max_tokens;     /* most telling tokens combined; 0 = all of them */
	double ham_cut;     /* three states: score < ham_cut is ham */
	double spam_cut;    /* score >= spam_cut is spam, unsure between */
	double cut;         /* two states: score >= cut is spam */
	/* bayes_learn: train on or near error. */
	double learn_ham;   /* a ham is learnt (again) while it scores >= learn_ham */
	double learn_spam;  /* a spam is learnt (again) while it scores < learn_spam */
	int learn_passes;   /* passes over the set at most; 0: learn every message once */
};

/* The defaults (documented with their reasons in bayes.c). */
void bayes_params_default(struct bayes_params *p);

/* ---- the token database ---------------------------------------------------- */

struct bayes_db;

/* An empty database, in memory.  bayes_db_free() accepts NULL.
 * bayes_db_clone() is a deep copy. */
struct bayes_db *bayes_db_new(void);
void bayes_db_free(struct bayes_db *db);
struct bayes_db *bayes_db_clone(const struct bayes_db *db);

/* Messages learnt as class c. */
uint32_t bayes_db_messages(const struct bayes_db *db, enum bayes_class c);
/* Distinct tokens with a count above zero. */
size_t bayes_db_tokens(const struct bayes_db *db);
/* The counts of the len bytes at tok: count[BAYES_CLASS_HAM] and
 * count[BAYES_CLASS_SPAM] (both 0 for a token never seen).  Returns 1 if
 * either is above zero. */
int bayes_db_lookup(const struct bayes_db *db, const char *tok, size_t len,
                    uint32_t count[BAYES_CLASS_COUNT]);

/* The database as bytes (format version 1, see bayes_db.c): the same counts
 * give the same bytes whatever order they were learnt in.  Appends to out. */
void bayes_db_serialize(const struct bayes_db *db, struct sbuf *out);
/* Read serialized bytes back.  Returns a new database, or NULL with one
 * line in err (no file name; e.g. "truncated: expected 1234 bytes, found
 * 1000") when the bytes are not a complete, intact database: nothing of a
 * corrupt one is trusted. */
struct bayes_db *bayes_db_parse(const void *data, size_t len, char *err, size_t errsz);

/* Write the database to path through a temporary file in the same
 * directory that is then renamed over path, so a crash never leaves half a
 * file.  Returns 0, or -1 with a one-line reason in err. */
int bayes_db_save(const struct bayes_db *db, const char *path, char *err, size_t errsz);
/* Read a database file.  Returns a new database, or NULL with one line in
 * err ("cannot read: No such file or directory", "not a mailsim bayes
 * database", "truncated: …", "corrupt: checksum mismatch", …). */
struct bayes_db *bayes_db_load(const char *path, char *err, size_t errsz);

/* ---- the classifier -------------------------------------------------------- */

struct bayes;

/* A classifier with params (copied; NULL: the defaults).  bayes_free()
 * accepts NULL. */
struct bayes *bayes_new(const struct bayes_params *params);
void bayes_free(struct bayes *b);
const struct bayes_params *bayes_get_params(const struct bayes *b);

/* Learn the message in the len bytes at data as class c: every distinct
 * token's count for c and the number of c messages go up by one.  Returns
 * 0, or -1 (db unchanged) if a count would pass UINT32_MAX. */
int bayes_train(struct bayes *b, struct bayes_db *db, const char *data, size_t len,
                enum bayes_class c);
/* Forget a message learnt as class c: the exact inverse of bayes_train, so
 * train then untrain leaves the database as it was.  Returns 0, or -1 (db
 * unchanged) when the database cannot have learnt it as c (a count would go
 * below zero). */
int bayes_untrain(struct bayes *b, struct bayes_db *db, const char *data, size_t len,
                  enum bayes_class c);
/* One labelled message of a set given to bayes_learn. */
struct bayes_sample {
	const char *data;
	size_t len;
	enum bayes_class cls;
};

/* Learn a labelled set of n messages at once, training on or near error
 * (what DSPAM calls TONE and CRM114 a thick threshold): the messages are
 * taken in the order of a hash of their bytes, each is scored against db
 * as it stands, and only one that is not yet clearly right (a ham scoring
 * learn_ham or more, a spam scoring below learn_spam) is trained; passes
 * over the set repeat, up to learn_passes, until one trains nothing.  A
 * message may so be learnt more than once, and mail the database already
 * knows how to judge adds nothing.  With learn_passes 0 every message is
 * trained once (bayes_train on each).  The database that results does not
 * depend on the order of set[] (the same messages give the same bytes).
 * Returns how many times a message was trained, or -1 when a count would
 * pass UINT32_MAX (what was learnt before that stays in db).  The set is
 * only read. */
long bayes_learn(struct bayes *b, struct bayes_db *db, const struct bayes_sample *set,
                 size_t n);

/* A user's correction: untrain as from, then train as to.  Returns 0, or
 * -1 (db unchanged) if the untrain is refused. */
int bayes_retrain(struct bayes *b, struct bayes_db *db, const char *data, size_t len,
                  enum bayes_class from, enum bayes_class to);

/* One token that counted in a verdict. */
struct bayes_clue {
	char token[BAYES_TOK_MAX + 1];      /* NUL-terminated UTF-8 */
	double prob;                        /* f(w) */
	uint32_t count[BAYES_CLASS_COUNT];  /* ham and spam messages it was in */
};

struct bayes_result {
	double score;                   /* 0 (ham) … 1 (spam) */
	double spamminess, hamminess;   /* S and H above */
	enum bayes_verdict verdict;     /* three states */
	int is_spam;                    /* two states: score >= cut */
	int ntokens;                    /* distinct tokens in the message */
	int nused;                      /* tokens combined into the score */
	int nunseen;                    /* of ntokens, those db never learnt: left
	                                 * out of the score, as they tell nothing */
};

/* Score the message in the len bytes at data against db.  Fills *r and,
 * if maxclues > 0, up to maxclues of the tokens that were combined, most
 * telling (farthest from 0.5) first; returns how many clues were written.
 * With nothing learnt yet every token is at x and the score is 0.5. */
int bayes_classify(struct bayes *b, const struct bayes_db *db, const char *data, size_t len,
                   struct bayes_result *r, struct bayes_clue *clues, int maxclues);

/* The same for a message of the simulation, read as its RFC 5322 bytes
 * (msg_serialize): envelope not included. */
int bayes_classify_msg(struct bayes *b, const struct bayes_db *db, const struct msg *m,
                       struct bayes_result *r, struct bayes_clue *clues, int maxclues);
int bayes_train_msg(struct bayes *b, struct bayes_db *db, const struct msg *m,
                    enum bayes_class c);
int bayes_untrain_msg(struct bayes *b, struct bayes_db *db, const struct msg *m,
                      enum bayes_class c);
int bayes_retrain_msg(struct bayes *b, struct bayes_db *db, const struct msg *m,
                      enum bayes_class from, enum bayes_class to);

/* ---- the arithmetic, for the explanation and the tests --------------------- */

/* f(w) for a token seen in spam of nspam spam and ham of nham ham
 * messages (p(w) is taken as x when the token was never seen). */
double bayes_prob(const struct bayes_params *p, uint32_t spam, uint32_t ham, uint32_t nspam,
                  uint32_t nham);
/* The upper tail of the chi-square distribution with v (even) degrees of
 * freedom at x2. */
double bayes_chi2q(double x2, int v);
/* Fisher-combine the n probabilities f[] (each strictly between 0 and 1):
 * returns the score, and S and H through *s and *h when not NULL.  n == 0
 * gives 0.5. */
double bayes_combine(const double *f, int n, double *s, double *h);

#endif
