/* bayes_cmd — `mailsim bayes train | classify | eval`. */
#include "bayes_cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bayes.h"
#include "mbox.h"

#define BAYES_CMD_BAD 2
#define BAYES_CMD_CLUES 12

static const char bayes_cmd_help[] =
	"usage: mailsim bayes train --db DB (--spam | --ham) FILE...\n"
	"       mailsim bayes classify --db DB [--explain] FILE...\n"
	"       mailsim bayes eval --root DIR --train LIST --test LIST [--json]\n"
	"                          [--scores OUT] [--set NAME=VALUE]...\n"
	"\n"
	"A FILE is one message, or an mbox (it starts with a \"From \" line).\n"
	"train creates DB when it does not exist.  classify --explain lists the\n"
	"tokens that weighed most.  eval trains a new filter on the TRAIN list,\n"
	"classifies the TEST list and reports false positives and negatives (two\n"
	"states, the filter's own cut), unsure (the middle band), accuracy, ROC AUC\n"
	"and messages per second; --scores writes \"label score path\" per test\n"
	"message.  eval learns only what it does not yet judge clearly right, in\n"
	"up to learn_passes passes (learn_passes=0: every message once, as train\n"
	"does).  --set changes a constant for train, classify or eval: s, x,\n"
	"min_dev, max_tokens, ham_cut, spam_cut, cut, learn_ham, learn_spam,\n"
	"learn_passes.\n"
	"\n"
	"exit status: 0 ok; 2 bad usage or an unreadable file or database; 3 out of\n"
	"memory.\n";

struct bayes_cmd_opts {
	const char *db;
	int cls;                    /* enum bayes_class, -1 unset */
	const char *root, *train, *test, *scores;
	int json, explain;
	struct bayes_params params;
	const char **files;
	int nfiles;
};

/* ---- progress ------------------------------------------------------------------- */

struct bayes_cmd_progress {
	int on;
	const char *what;
	size_t total, shown;
};

static void bayes_cmd_progress_start(struct bayes_cmd_progress *p, const char *what,
                                     size_t total)
{
	p->on = total >= 50 && isatty(STDERR_FILENO);
	p->what = what;
	p->total = total;
	p->shown = (size_t)-1;
}

static void bayes_cmd_progress(struct bayes_cmd_progress *p, size_t done)
{
	if (!p->on)
		return;
	size_t width = 40, fill = p->total ? done * width / p->total : width;
	size_t pct = p->total ? done * 100 / p->total : 100;
	if (pct == p->shown)
		return;
	p->shown = pct;
	char bar[64];
	memset(bar, '#', fill);
	memset(bar + fill, '.', width - fill);
	bar[width] = '\0';
	fprintf(stderr, "\r%-9s [%s] %3zu%% %zu/%zu", p->what, bar, pct, done, p->total);
	fflush(stderr);
}

static void bayes_cmd_progress_end(struct bayes_cmd_progress *p)
{
	if (p->on)
		fprintf(stderr, "\r%*s\r", 78, "");
}

static double bayes_cmd_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- files ---------------------------------------------------------------------- */

/* Read a whole file into b (reset first).  Returns 0, or -1 after printing
 * "PATH: cannot read: reason". */
static int bayes_cmd_read(const char *path, struct sbuf *b)
{
	sbuf_reset(b);
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "%s: cannot read: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		sbuf_reserve(b, 65536);
		size_t n = fread(b->s + b->len, 1, b->cap - b->len - 1, f);
		b->len += n;
		b->s[b->len] = '\0';
		if (n == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		fprintf(stderr, "%s: cannot read: I/O error\n", path);
		return -1;
	}
	return 0;
}

/* ---- options -------------------------------------------------------------------- */

static int bayes_cmd_set(struct bayes_params *p, const char *kv)
{
	static const struct {
		const char *name;
		double lo, hi;
	} names[] = {
		{ "s", 1e-9, 1e6 }, { "x", 0, 1 }, { "min_dev", 0, 0.5 }, { "max_tokens", 0, 1e6 },
		{ "ham_cut", 0, 1 }, { "spam_cut", 0, 1 }, { "cut", 0, 1 },
		{ "learn_ham", 0, 1 }, { "learn_spam", 0, 1 }, { "learn_passes", 0, 100 },
	};
	/* NULL: a whole number (max_tokens, learn_passes). */
	double *fields[] = { &p->s, &p->x, &p->min_dev, NULL, &p->ham_cut, &p->spam_cut, &p->cut,
	                     &p->learn_ham, &p->learn_spam, NULL };
	_Static_assert(sizeof names / sizeof names[0] == sizeof fields / sizeof fields[0],
	               "a field per name");
	const char *eq = strchr(kv, '=');
	for (size_t i = 0; eq && i < sizeof names / sizeof names[0]; i++) {
		size_t nl = (size_t)(eq - kv);
		if (strlen(names[i].name) != nl || strncmp(kv, names[i].name, nl) != 0)
			continue;
		char *end = NULL;
		double v = strtod(eq + 1, &end);
		if (!eq[1] || *end || !(v >= names[i].lo && v <= names[i].hi) ||
		    (!fields[i] && v != (int)v)) {
			fprintf(stderr, "mailsim bayes: --set %s: expected a%s number from %g to %g, "
			        "found %s\n", names[i].name, fields[i] ? "" : " whole", names[i].lo,
			        names[i].hi, eq + 1);
			return -1;
		}
		if (fields[i])
			*fields[i] = v;
		else if (strcmp(names[i].name, "max_tokens") == 0)
			p->max_tokens = (int)v;
		else
			p->learn_passes = (int)v;
		return 0;
	}
	fprintf(stderr, "mailsim bayes: --set: expected NAME=VALUE with NAME one of s, x, "
	        "min_dev, max_tokens, ham_cut, spam_cut, cut, learn_ham, learn_spam, "
	        "learn_passes; found %s\n", kv);
	return -1;
}

static int bayes_cmd_parse(int argc, char **argv, struct bayes_cmd_opts *o)
{
	o->files = xcalloc((size_t)argc + 1, sizeof *o->files);
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		const char **slot = strcmp(a, "--db") == 0      ? &o->db
		                  : strcmp(a, "--root") == 0    ? &o->root
		                  : strcmp(a, "--train") == 0   ? &o->train
		                  : strcmp(a, "--test") == 0    ? &o->test
		                  : strcmp(a, "--scores") == 0  ? &o->scores
		                                                : NULL;
		if (slot && v) {
			*slot = v;
			i++;
		} else if (strcmp(a, "--set") == 0 && v) {
			if (bayes_cmd_set(&o->params, v) < 0)
				return -1;
			i++;
		} else if (strcmp(a, "--spam") == 0 || strcmp(a, "--ham") == 0) {
			int c = a[2] == 's' ? BAYES_CLASS_SPAM : BAYES_CLASS_HAM;
			if (o->cls >= 0 && o->cls != c) {
				fprintf(stderr, "mailsim bayes train: expected --spam or --ham, not both\n");
				return -1;
			}
			o->cls = c;
		} else if (strcmp(a, "--json") == 0) {
			o->json = 1;
		} else if (strcmp(a, "--explain") == 0) {
			o->explain = 1;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "mailsim bayes: unknown option %s (or it lacks its value)\n%s",
			        a, bayes_cmd_help);
			return -1;
		} else {
			o->files[o->nfiles++] = a;
		}
	}
	return 0;
}

/* ---- train ---------------------------------------------------------------------- */

struct bayes_cmd_ctx {
	struct bayes *b;
	struct bayes_db *db;
	const struct bayes_cmd_opts *o;
	const char *file;
	int count;
	int several;                /* the file is an mbox of more than one message */
};

static int bayes_cmd_train_one(void *ud, const char *msg, size_t len, int index)
{
	struct bayes_cmd_ctx *c = ud;
	(void)index;
	if (bayes_train(c->b, c->db, msg, len, (enum bayes_class)c->o->cls) < 0) {
		fprintf(stderr, "%s: cannot learn more: a count is at its limit\n", c->file);
		return 1;
	}
	c->count++;
	return 0;
}

/* The database at path, or a new one when there is no such file. */
static struct bayes_db *bayes_cmd_open_db(const char *path, int create)
{
	char err[256];
	if (create && access(path, F_OK) != 0 && errno == ENOENT)
		return bayes_db_new();
	struct bayes_db *db = bayes_db_load(path, err, sizeof err);
	if (!db)
		fprintf(stderr, "%s: %s\n", path, err);
	return db;
}

static int bayes_cmd_train(struct bayes_cmd_opts *o)
{
	if (!o->db || o->cls < 0 || !o->nfiles) {
		fprintf(stderr, "mailsim bayes train: expected --db DB, --spam or --ham, and one "
		        "or more files\n");
		return BAYES_CMD_BAD;
	}
	struct bayes_db *db = bayes_cmd_open_db(o->db, 1);
	if (!db)
		return BAYES_CMD_BAD;
	struct bayes *b = bayes_new(&o->params);
	struct bayes_cmd_ctx c = { b, db, o, NULL, 0, 0 };
	struct sbuf buf;
	sbuf_init(&buf);
	struct bayes_cmd_progress pg;
	bayes_cmd_progress_start(&pg, "train", (size_t)o->nfiles);
	int rc = 0;
	for (int i = 0; i < o->nfiles; i++) {
		c.file = o->files[i];
		if (bayes_cmd_read(o->files[i], &buf) < 0 ||
		    mbox_each(buf.s, buf.len, bayes_cmd_train_one, &c) < 0)
			rc = BAYES_CMD_BAD;
		bayes_cmd_progress(&pg, (size_t)i + 1);
	}
	bayes_cmd_progress_end(&pg);
	char err[256];
	if (bayes_db_save(db, o->db, err, sizeof err) < 0) {
		fprintf(stderr, "%s: %s\n", o->db, err);
		rc = BAYES_CMD_BAD;
	} else {
		printf("learnt %d %s message%s; %s now holds %u ham, %u spam, %zu tokens\n", c.count,
		       bayes_class_name((enum bayes_class)o->cls), c.count == 1 ? "" : "s", o->db,
		       bayes_db_messages(db, BAYES_CLASS_HAM), bayes_db_messages(db, BAYES_CLASS_SPAM),
		       bayes_db_tokens(db));
	}
	sbuf_free(&buf);
	bayes_free(b);
	bayes_db_free(db);
	return rc;
}

/* ---- classify ------------------------------------------------------------------- */

static int bayes_cmd_count_one(void *ud, const char *msg, size_t len, int index)
{
	(void)ud;
	(void)msg;
	(void)len;
	(void)index;
	return 0;
}

static int bayes_cmd_classify_one(void *ud, const char *msg, size_t len, int index)
{
	struct bayes_cmd_ctx *c = ud;
	struct bayes_result r;
	struct bayes_clue clues[BAYES_CMD_CLUES];
	int n = bayes_classify(c->b, c->db, msg, len, &r, clues, c->o->explain ? BAYES_CMD_CLUES : 0);
	if (c->several)
		printf("%s %.6f %s#%d\n", bayes_verdict_name(r.verdict), r.score, c->file, index + 1);
	else
		printf("%s %.6f %s\n", bayes_verdict_name(r.verdict), r.score, c->file);
	for (int i = 0; i < n; i++)
		printf("    %.4f  ham %u  spam %u  %s\n", clues[i].prob, clues[i].count[BAYES_CLASS_HAM],
		       clues[i].count[BAYES_CLASS_SPAM], clues[i].token);
	c->count++;
	return 0;
}

static int bayes_cmd_classify(struct bayes_cmd_opts *o)
{
	if (!o->db || !o->nfiles || o->cls >= 0) {
		fprintf(stderr, "mailsim bayes classify: expected --db DB and one or more files\n");
		return BAYES_CMD_BAD;
	}
	struct bayes_db *db = bayes_cmd_open_db(o->db, 0);
	if (!db)
		return BAYES_CMD_BAD;
	struct bayes *b = bayes_new(&o->params);
	struct bayes_cmd_ctx c = { b, db, o, NULL, 0, 0 };
	struct sbuf buf;
	sbuf_init(&buf);
	int rc = 0;
	for (int i = 0; i < o->nfiles; i++) {
		c.file = o->files[i];
		if (bayes_cmd_read(o->files[i], &buf) < 0) {
			rc = BAYES_CMD_BAD;
			continue;
		}
		c.several = mbox_each(buf.s, buf.len, bayes_cmd_count_one, &c) > 1;
		mbox_each(buf.s, buf.len, bayes_cmd_classify_one, &c);
	}
	sbuf_free(&buf);
	bayes_free(b);
	bayes_db_free(db);
	return rc;
}

/* ---- eval ----------------------------------------------------------------------- */

struct bayes_cmd_item {
	char *path;
	enum bayes_class cls;
	double score;
	enum bayes_verdict verdict;
	int is_spam;
};

/* Read a LIST file: "spam<TAB>path" or "ham<TAB>path" per line, paths
 * relative to root.  Returns the number of items, or -1 after printing
 * what is wrong (one line per bad line). */
static long bayes_cmd_list(const char *list, const char *root, struct bayes_cmd_item **out)
{
	struct sbuf b;
	sbuf_init(&b);
	if (bayes_cmd_read(list, &b) < 0) {
		sbuf_free(&b);
		return -1;
	}
	long n = 0, cap = 0, lineno = 0;
	int bad = 0;
	struct bayes_cmd_item *items = NULL;
	char *s = b.s;
	while (s && *s) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		lineno++;
		size_t len = strlen(s);
		if (len && s[len - 1] == '\r')
			s[--len] = '\0';
		if (len && s[0] != '#') {
			char *tab = strchr(s, '\t');
			int cls = -1;
			if (tab && tab - s == 4 && strncmp(s, "spam", 4) == 0)
				cls = BAYES_CLASS_SPAM;
			else if (tab && tab - s == 3 && strncmp(s, "ham", 3) == 0)
				cls = BAYES_CLASS_HAM;
			if (cls < 0 || !tab[1]) {
				fprintf(stderr, "%s:%ld: expected spam<TAB>path or ham<TAB>path, found "
				        "\"%.60s\"\n", list, lineno, s);
				bad = 1;
			} else {
				if (n == cap) {
					cap = cap ? cap * 2 : 256;
					items = xrealloc(items, (size_t)cap * sizeof *items);
				}
				struct sbuf p;
				sbuf_init(&p);
				if (tab[1] != '/' && root)
					sbuf_addf(&p, "%s/", root);
				sbuf_adds(&p, tab + 1);
				items[n] = (struct bayes_cmd_item){ sbuf_take(&p), (enum bayes_class)cls,
				                                    0, BAYES_VERDICT_HAM, 0 };
				n++;
			}
		}
		s = nl ? nl + 1 : NULL;
	}
	sbuf_free(&b);
	if (bad || !n) {
		if (!bad)
			fprintf(stderr, "%s: no messages listed\n", list);
		for (long i = 0; i < n; i++)
			free(items[i].path);
		free(items);
		return -1;
	}
	*out = items;
	return n;
}

static void bayes_cmd_items_free(struct bayes_cmd_item *items, long n)
{
	for (long i = 0; i < n; i++)
		free(items[i].path);
	free(items);
}

static int bayes_cmd_by_score(const void *pa, const void *pb)
{
	const struct bayes_cmd_item *a = pa, *b = pb;
	return a->score < b->score ? -1 : a->score > b->score;
}

/* ROC AUC: the chance that a spam scores above a ham, ties counted half
 * (the Mann-Whitney statistic with average ranks).  Sorts items. */
static double bayes_cmd_auc(struct bayes_cmd_item *items, long n)
{
	qsort(items, (size_t)n, sizeof *items, bayes_cmd_by_score);
	double ranksum = 0;
	long nspam = 0;
	for (long i = 0; i < n;) {
		long j = i;
		while (j < n && items[j].score == items[i].score)
			j++;
		double rank = (double)(i + 1 + j) / 2.0;   /* average of ranks i+1 … j */
		for (long k = i; k < j; k++)
			if (items[k].cls == BAYES_CLASS_SPAM) {
				ranksum += rank;
				nspam++;
			}
		i = j;
	}
	long nham = n - nspam;
	if (!nspam || !nham)
		return 0.0;
	return (ranksum - (double)nspam * (nspam + 1) / 2.0) / ((double)nspam * nham);
}

static int bayes_cmd_eval(struct bayes_cmd_opts *o)
{
	if (!o->train || !o->test || o->nfiles || o->db || o->cls >= 0) {
		fprintf(stderr, "mailsim bayes eval: expected --root DIR --train LIST --test LIST\n");
		return BAYES_CMD_BAD;
	}
	struct bayes_cmd_item *tr = NULL, *te = NULL;
	long ntr = bayes_cmd_list(o->train, o->root, &tr);
	long nte = ntr < 0 ? -1 : bayes_cmd_list(o->test, o->root, &te);
	if (ntr < 0 || nte < 0) {
		if (ntr >= 0)
			bayes_cmd_items_free(tr, ntr);
		return BAYES_CMD_BAD;
	}
	struct bayes *b = bayes_new(&o->params);
	struct bayes_db *db = bayes_db_new();
	struct sbuf buf;
	sbuf_init(&buf);
	int rc = 0;
	struct bayes_cmd_progress pg;

	/* The training set is read first and learnt at once (bayes_learn);
	 * the rate counts the learning only. */
	bayes_cmd_progress_start(&pg, "read", (size_t)ntr);
	struct bayes_sample *set = xcalloc((size_t)ntr, sizeof *set);
	for (long i = 0; i < ntr && !rc; i++) {
		if (bayes_cmd_read(tr[i].path, &buf) < 0) {
			rc = BAYES_CMD_BAD;
			break;
		}
		char *copy = xmalloc(buf.len + 1);
		memcpy(copy, buf.s, buf.len + 1);
		set[i] = (struct bayes_sample){ copy, buf.len, tr[i].cls };
		bayes_cmd_progress(&pg, (size_t)i + 1);
	}
	bayes_cmd_progress_end(&pg);
	double t0 = bayes_cmd_now();
	if (!rc && bayes_learn(b, db, set, (size_t)ntr) < 0) {
		fprintf(stderr, "%s: cannot learn more: a count is at its limit\n", o->train);
		rc = BAYES_CMD_BAD;
	}
	double t1 = bayes_cmd_now();
	for (long i = 0; i < ntr; i++)
		free((char *)set[i].data);
	free(set);

	bayes_cmd_progress_start(&pg, "classify", (size_t)nte);
	for (long i = 0; i < nte && !rc; i++) {
		struct bayes_result r;
		if (bayes_cmd_read(te[i].path, &buf) < 0) {
			rc = BAYES_CMD_BAD;
			break;
		}
		bayes_classify(b, db, buf.s, buf.len, &r, NULL, 0);
		te[i].score = r.score;
		te[i].verdict = r.verdict;
		te[i].is_spam = r.is_spam;
		bayes_cmd_progress(&pg, (size_t)i + 1);
	}
	double t2 = bayes_cmd_now();
	bayes_cmd_progress_end(&pg);

	if (!rc && o->scores) {
		FILE *f = fopen(o->scores, "w");
		if (!f) {
			fprintf(stderr, "%s: cannot write: %s\n", o->scores, strerror(errno));
			rc = BAYES_CMD_BAD;
		} else {
			for (long i = 0; i < nte; i++)
				fprintf(f, "%s %.17g %s\n", bayes_class_name(te[i].cls), te[i].score,
				        te[i].path);
			if (fclose(f) != 0) {
				fprintf(stderr, "%s: cannot write: %s\n", o->scores, strerror(errno));
				rc = BAYES_CMD_BAD;
			}
		}
	}
	if (!rc) {
		long fp = 0, fn = 0, unsure = 0, nspam = 0;
		for (long i = 0; i < nte; i++) {
			int spam = te[i].cls == BAYES_CLASS_SPAM;
			nspam += spam;
			fp += !spam && te[i].is_spam;
			fn += spam && !te[i].is_spam;
			unsure += te[i].verdict == BAYES_VERDICT_UNSURE;
		}
		long nham = nte - nspam;
		double acc = (double)(nte - fp - fn) / (double)nte;
		double auc = bayes_cmd_auc(te, nte);
		double trs = t1 > t0 ? ntr / (t1 - t0) : 0, cls = t2 > t1 ? nte / (t2 - t1) : 0;
		if (o->json) {
			printf("{\"fp\": %ld, \"fn\": %ld, \"unsure\": %ld, \"accuracy\": %.6f, "
			       "\"auc\": %.6f, \"train_per_s\": %.1f, \"classify_per_s\": %.1f, "
			       "\"ham\": %ld, \"spam\": %ld, \"tokens\": %zu}\n", fp, fn, unsure, acc, auc,
			       trs, cls, nham, nspam, bayes_db_tokens(db));
		} else {
			printf("trained on %ld messages (%u ham, %u spam) in %.2f s: %.0f messages/s\n",
			       ntr, bayes_db_messages(db, BAYES_CLASS_HAM),
			       bayes_db_messages(db, BAYES_CLASS_SPAM), t1 - t0, trs);
			printf("classified %ld messages (%ld ham, %ld spam) in %.2f s: %.0f messages/s\n",
			       nte, nham, nspam, t2 - t1, cls);
			printf("false positives (ham called spam): %ld (%.2f %% of ham)\n", fp,
			       nham ? 100.0 * fp / nham : 0.0);
			printf("false negatives (spam called ham): %ld (%.2f %% of spam)\n", fn,
			       nspam ? 100.0 * fn / nspam : 0.0);
			printf("unsure (score %.2f to %.2f): %ld (%.2f %%)\n", o->params.ham_cut,
			       o->params.spam_cut, unsure, 100.0 * unsure / nte);
			printf("accuracy: %.2f %%\n", 100.0 * acc);
			printf("ROC AUC: %.6f\n", auc);
		}
	}
	sbuf_free(&buf);
	bayes_db_free(db);
	bayes_free(b);
	bayes_cmd_items_free(tr, ntr);
	bayes_cmd_items_free(te, nte);
	return rc;
}

int bayes_cmd_main(int argc, char **argv)
{
	const char *sub = argc > 0 ? argv[0] : "";
	if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "help") == 0) {
		fputs(bayes_cmd_help, stdout);
		return 0;
	}
	struct bayes_cmd_opts o;
	memset(&o, 0, sizeof o);
	o.cls = -1;
	bayes_params_default(&o.params);
	int rc;
	if (strcmp(sub, "train") != 0 && strcmp(sub, "classify") != 0 && strcmp(sub, "eval") != 0) {
		fprintf(stderr, "mailsim bayes: expected train, classify or eval, found \"%s\"\n%s",
		        sub, bayes_cmd_help);
		rc = BAYES_CMD_BAD;
	} else if (bayes_cmd_parse(argc - 1, argv + 1, &o) < 0) {
		rc = BAYES_CMD_BAD;
	} else if (o.params.ham_cut > o.params.spam_cut) {
		fprintf(stderr, "mailsim bayes: --set: expected ham_cut <= spam_cut\n");
		rc = BAYES_CMD_BAD;
	} else if (strcmp(sub, "train") == 0) {
		rc = bayes_cmd_train(&o);
	} else if (strcmp(sub, "classify") == 0) {
		rc = bayes_cmd_classify(&o);
	} else {
		rc = bayes_cmd_eval(&o);
	}
	free(o.files);
	return rc;
}
