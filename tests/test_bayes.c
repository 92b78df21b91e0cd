/* test_bayes — the spam filter's arithmetic against hand-computed values,
 * learning and unlearning, the explanation, and the database file: exact
 * round trip, atomic save, and a corrupt or truncated file refused with one
 * clear line. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bayes.h"
#include "msg.h"

static const char *const test_bayes_spam[] = {
	"Subject: WIN a FREE prize now\r\n\r\nClaim your FREE prize money now, click the link\r\n",
	"Subject: FREE money waiting\r\n\r\nYou won money! Click now to claim the prize\r\n",
	"Subject: cheap pills\r\n\r\nCheap pills, FREE shipping, click now\r\n",
};
static const char *const test_bayes_ham[] = {
	"Subject: meeting on Monday\r\n\r\nThe project meeting moves to Monday afternoon\r\n",
	"Subject: lunch\r\n\r\nShall we have lunch after the project meeting?\r\n",
	"Subject: notes from the meeting\r\n\r\nNotes attached; the project review is Friday\r\n",
};

static void test_bayes_teach(struct bayes *b, struct bayes_db *db)
{
	for (size_t i = 0; i < 3; i++) {
		cr_assert_eq(bayes_train(b, db, test_bayes_spam[i], strlen(test_bayes_spam[i]),
		                         BAYES_CLASS_SPAM), 0);
		cr_assert_eq(bayes_train(b, db, test_bayes_ham[i], strlen(test_bayes_ham[i]),
		                         BAYES_CLASS_HAM), 0);
	}
}

static char *test_bayes_bytes(const struct bayes_db *db, size_t *len)
{
	struct sbuf s;
	sbuf_init(&s);
	bayes_db_serialize(db, &s);
	*len = s.len;
	return sbuf_take(&s);
}

static void test_bayes_same_db(const struct bayes_db *a, const struct bayes_db *b)
{
	size_t la, lb;
	char *sa = test_bayes_bytes(a, &la), *sb = test_bayes_bytes(b, &lb);
	cr_assert_eq(la, lb, "databases differ in size: %zu and %zu bytes", la, lb);
	cr_assert(memcmp(sa, sb, la) == 0, "databases differ");
	free(sa);
	free(sb);
}

/* ---- the arithmetic -------------------------------------------------------------- */

Test(bayes, robinson_f_by_hand)
{
	struct bayes_params p;
	bayes_params_default(&p);
	p.s = 0.45;
	p.x = 0.5;
	/* Seen in 3 of 4 spam and 1 of 4 ham: p(w) = 0.75 / (0.75 + 0.25) = 0.75;
	 * f(w) = (0.45 * 0.5 + 4 * 0.75) / (0.45 + 4) = 3.225 / 4.45. */
	cr_expect_float_eq(bayes_prob(&p, 3, 1, 4, 4), 3.225 / 4.45, 1e-12);
	/* Unequal class sizes: 2 of 10 spam, 1 of 2 ham: p = 0.2 / (0.2 + 0.5);
	 * f = (0.225 + 3 * 2/7) / 3.45. */
	cr_expect_float_eq(bayes_prob(&p, 2, 1, 10, 2), (0.225 + 3.0 * 2.0 / 7.0) / 3.45, 1e-12);
	/* Never seen: the prior x. */
	cr_expect_float_eq(bayes_prob(&p, 0, 0, 10, 10), 0.5, 1e-15);
	/* Only spam learnt so far: p = 1, f = (0.225 + 2) / 2.45. */
	cr_expect_float_eq(bayes_prob(&p, 2, 0, 5, 0), 2.225 / 2.45, 1e-12);
}

Test(bayes, chi_square_tail_by_hand)
{
	/* Two degrees of freedom: exp(-x/2). */
	cr_expect_float_eq(bayes_chi2q(3.0, 2), exp(-1.5), 1e-15);
	/* Four: exp(-m)(1 + m) with m = x/2 = 2: 3 e^-2 = 0.406005849… */
	cr_expect_float_eq(bayes_chi2q(4.0, 4), 3.0 * exp(-2.0), 1e-15);
	cr_expect_float_eq(bayes_chi2q(0.0, 6), 1.0, 1e-15);
	cr_expect(bayes_chi2q(5000.0, 4) < 1e-300);
}

Test(bayes, fisher_combining_by_hand)
{
	/* f = 0.9 and 0.8:
	 *   S = 1 - C(-2 ln(0.1 * 0.2), 4) = 1 - 0.02 (1 - ln 0.02) = 0.9017595…
	 *   H = 1 - C(-2 ln(0.9 * 0.8), 4) = 1 - 0.72 (1 - ln 0.72) = 0.0434771…
	 *   score = (1 + S - H) / 2 = 0.9291412… */
	double f[] = { 0.9, 0.8 }, s, h;
	double score = bayes_combine(f, 2, &s, &h);
	double ws = 1.0 - 0.02 * (1.0 - log(0.02)), wh = 1.0 - 0.72 * (1.0 - log(0.72));
	cr_expect_float_eq(s, ws, 1e-12);
	cr_expect_float_eq(h, wh, 1e-12);
	cr_expect_float_eq(score, (1.0 + ws - wh) / 2.0, 1e-12);
	cr_expect_float_eq(score, 0.929141, 1e-6);
	/* Symmetry: mirrored probabilities give the mirrored score. */
	double g[] = { 0.1, 0.2 };
	cr_expect_float_eq(bayes_combine(g, 2, NULL, NULL), 1.0 - score, 1e-12);
	/* Nothing to combine: undecided. */
	cr_expect_float_eq(bayes_combine(f, 0, NULL, NULL), 0.5, 1e-15);
}

/* ---- learning and verdicts --------------------------------------------------------- */

Test(bayes, learns_and_explains)
{
	struct bayes *b = bayes_new(NULL);
	struct bayes_db *db = bayes_db_new();
	struct bayes_result r;
	const char *m = "Subject: FREE prize\r\n\r\nClick now for your FREE prize money\r\n";

	bayes_classify(b, db, m, strlen(m), &r, NULL, 0);
	cr_expect_float_eq(r.score, 0.5, 1e-15, "nothing learnt: undecided");
	cr_expect_eq(r.verdict, BAYES_VERDICT_UNSURE);

	test_bayes_teach(b, db);
	cr_expect_eq(bayes_db_messages(db, BAYES_CLASS_SPAM), 3);
	cr_expect_eq(bayes_db_messages(db, BAYES_CLASS_HAM), 3);
	struct bayes_clue clues[8];
	int n = bayes_classify(b, db, m, strlen(m), &r, clues, 8);
	cr_expect_eq(r.verdict, BAYES_VERDICT_SPAM, "score %f", r.score);
	cr_expect(r.is_spam);
	cr_assert(n > 0 && n <= 8);
	cr_expect_eq(n, r.nused < 8 ? r.nused : 8);
	for (int i = 0; i < n; i++) {
		cr_expect(clues[i].prob > 0.5, "%s pushes toward ham (%f)", clues[i].token,
		          clues[i].prob);
		uint32_t c[BAYES_CLASS_COUNT];
		bayes_db_lookup(db, clues[i].token, strlen(clues[i].token), c);
		cr_expect_eq(c[BAYES_CLASS_SPAM], clues[i].count[BAYES_CLASS_SPAM]);
		cr_expect_eq(c[BAYES_CLASS_HAM], clues[i].count[BAYES_CLASS_HAM]);
		if (i)
			cr_expect(fabs(clues[i - 1].prob - 0.5) >= fabs(clues[i].prob - 0.5),
			          "clues sorted by weight");
	}
	/* "now" was in the body of all three spam and of no ham. */
	uint32_t c[BAYES_CLASS_COUNT];
	cr_expect(bayes_db_lookup(db, "now", 3, c));
	cr_expect_eq(c[BAYES_CLASS_SPAM], 3);
	cr_expect_eq(c[BAYES_CLASS_HAM], 0);

	const char *h = "Subject: project meeting\r\n\r\nThe meeting notes for Monday\r\n";
	bayes_classify(b, db, h, strlen(h), &r, NULL, 0);
	cr_expect_eq(r.verdict, BAYES_VERDICT_HAM, "score %f", r.score);
	bayes_db_free(db);
	bayes_free(b);
}

Test(bayes, a_token_counts_once_per_message)
{
	struct bayes *b = bayes_new(NULL);
	struct bayes_db *db = bayes_db_new();
	const char *m = "\r\nprize prize prize prize\r\n";
	bayes_train(b, db, m, strlen(m), BAYES_CLASS_SPAM);
	uint32_t c[BAYES_CLASS_COUNT];
	bayes_db_lookup(db, "prize", 5, c);
	cr_expect_eq(c[BAYES_CLASS_SPAM], 1);
	cr_expect_eq(bayes_db_tokens(db), 1);
	bayes_db_free(db);
	bayes_free(b);
}

Test(bayes, train_then_untrain_leaves_the_db_as_it_was)
{
	struct bayes *b = bayes_new(NULL);
	struct bayes_db *db = bayes_db_new();
	test_bayes_teach(b, db);
	struct bayes_db *before = bayes_db_clone(db);
	const char *m = "Subject: brand new words\r\n\r\nzebra quokka FREE meeting 当選\r\n";
	cr_assert_eq(bayes_train(b, db, m, strlen(m), BAYES_CLASS_SPAM), 0);
	cr_assert(bayes_db_tokens(db) > bayes_db_tokens(before));
	cr_assert_eq(bayes_untrain(b, db, m, strlen(m), BAYES_CLASS_SPAM), 0);
	test_bayes_same_db(db, before);
	cr_expect_eq(bayes_db_tokens(db), bayes_db_tokens(before));
	uint32_t c[BAYES_CLASS_COUNT];
	cr_expect(!bayes_db_lookup(db, "zebra", 5, c), "a forgotten token is gone");
	bayes_db_free(before);
	bayes_db_free(db);
	bayes_free(b);
}

Test(bayes, correction_is_untrain_plus_train)
{
	struct bayes *b = bayes_new(NULL);
	struct bayes_db *a = bayes_db_new(), *d = bayes_db_new();
	test_bayes_teach(b, a);
	test_bayes_teach(b, d);
	const char *m = "Subject: 抽選に当選しました\r\n\r\nschool raffle results\r\n";
	/* Learnt as spam by mistake, then corrected ... */
	bayes_train(b, a, m, strlen(m), BAYES_CLASS_SPAM);
	cr_assert_eq(bayes_retrain(b, a, m, strlen(m), BAYES_CLASS_SPAM, BAYES_CLASS_HAM), 0);
	/* ... is the same as learnt as ham in the first place. */
	bayes_train(b, d, m, strlen(m), BAYES_CLASS_HAM);
	test_bayes_same_db(a, d);
	/* And back again, exactly symmetric. */
	cr_assert_eq(bayes_retrain(b, a, m, strlen(m), BAYES_CLASS_HAM, BAYES_CLASS_SPAM), 0);
	cr_assert_eq(bayes_retrain(b, a, m, strlen(m), BAYES_CLASS_SPAM, BAYES_CLASS_HAM), 0);
	test_bayes_same_db(a, d);
	bayes_db_free(a);
	bayes_db_free(d);
	bayes_free(b);
}

Test(bayes, untrain_of_something_never_learnt_is_refused)
{
	struct bayes *b = bayes_new(NULL);
	struct bayes_db *db = bayes_db_new();
	test_bayes_teach(b, db);
	struct bayes_db *before = bayes_db_clone(db);
	const char *m = "\r\nFREE words never learnt together\r\n";
	cr_expect_eq(bayes_untrain(b, db, m, strlen(m), BAYES_CLASS_SPAM), -1);
	cr_expect_eq(bayes_retrain(b, db, m, strlen(m), BAYES_CLASS_SPAM, BAYES_CLASS_HAM), -1);
	test_bayes_same_db(db, before);
	struct bayes_db *empty = bayes_db_new();
	cr_expect_eq(bayes_untrain(b, empty, m, strlen(m), BAYES_CLASS_HAM), -1);
	bayes_db_free(empty);
	bayes_db_free(before);
	bayes_db_free(db);
	bayes_free(b);
}

Test(bayes, learning_order_does_not_change_the_db)
{
	struct bayes *b = bayes_new(NULL);
	struct bayes_db *x = bayes_db_new(), *y = bayes_db_new();
	for (int i = 0; i < 3; i++) {
		bayes_train(b, x, test_bayes_spam[i], strlen(test_bayes_spam[i]), BAYES_CLASS_SPAM);
		bayes_train(b, x, test_bayes_ham[i], strlen(test_bayes_ham[i]), BAYES_CLASS_HAM);
	}
	for (int i = 2; i >= 0; i--) {
		bayes_train(b, y, test_bayes_ham[i], strlen(test_bayes_ham[i]), BAYES_CLASS_HAM);
		bayes_train(b, y, test_bayes_spam[i], strlen(test_bayes_spam[i]), BAYES_CLASS_SPAM);
	}
	test_bayes_same_db(x, y);
	bayes_db_free(x);
	bayes_db_free(y);
	bayes_free(b);
}

/* ---- learning a set on or near error ---------------------------------------------------- */

/* A ham of twenty words, none in any spam. */
static const char test_bayes_long_ham[] =
	"Subject: minutes\r\n\r\nalpha bravo charlie delta echo foxtrot golf hotel india juliet "
	"kilo lima mike november oscar papa quebec romeo sierra tango\r\n";

Test(bayes, learn_skips_what_it_already_judges_right)
{
	struct bayes *b = bayes_new(NULL);
	struct bayes_db *db = bayes_db_new();
	size_t n = strlen(test_bayes_long_ham);
	struct bayes_sample set[] = {
		{ test_bayes_long_ham, n, BAYES_CLASS_HAM },
		{ test_bayes_long_ham, n, BAYES_CLASS_HAM },
	};
	/* The first copy scores 0.5 against the empty database (>= learn_ham
	 * 0.01) and is learnt.  Then each of its 21 tokens (the subject's word
	 * and twenty in the body) has f = s x / (s + 1) = 0.18 / 1.45 = 0.124
	 * (seen in the only ham, no spam learnt): H = 1 - C(-2 * 21 ln 0.124,
	 * 42) = 1 - C(87.63, 42) = 0.9999533, S = 3.0e-12, and the score
	 * (1 + S - H) / 2 = 2.34e-5 is below learn_ham: the second copy, and
	 * the first again on the second pass, are left alone. */
	cr_expect_eq(bayes_learn(b, db, set, 2), 1);
	cr_expect_eq(bayes_db_messages(db, BAYES_CLASS_HAM), 1);
	struct bayes_result r;
	bayes_classify(b, db, test_bayes_long_ham, n, &r, NULL, 0);
	cr_expect_eq(r.nused, 21);
	cr_expect_float_eq(r.score, 2.336408e-5, 1e-10, "score %g", r.score);
	/* learn_passes 0: every message once, as bayes_train does. */
	struct bayes_params p;
	bayes_params_default(&p);
	p.learn_passes = 0;
	struct bayes *all = bayes_new(&p);
	struct bayes_db *db2 = bayes_db_new();
	cr_expect_eq(bayes_learn(all, db2, set, 2), 2);
	cr_expect_eq(bayes_db_messages(db2, BAYES_CLASS_HAM), 2);
	bayes_db_free(db2);
	bayes_free(all);
	bayes_db_free(db);
	bayes_free(b);
}

Test(bayes, learn_stops_after_its_passes)
{
	/* The same bytes as ham and as spam can never be judged right: every
	 * token is in both, f = 0.5, the score stays 0.5, and each of the
	 * three passes learns both again. */
	struct bayes *b = bayes_new(NULL);
	struct bayes_db *db = bayes_db_new();
	const char *m = "\r\nthe very same words\r\n";
	struct bayes_sample set[] = {
		{ m, strlen(m), BAYES_CLASS_SPAM },
		{ m, strlen(m), BAYES_CLASS_HAM },
	};
	cr_expect_eq(bayes_get_params(b)->learn_passes, 3);
	cr_expect_eq(bayes_learn(b, db, set, 2), 6);
	cr_expect_eq(bayes_db_messages(db, BAYES_CLASS_HAM), 3);
	cr_expect_eq(bayes_db_messages(db, BAYES_CLASS_SPAM), 3);
	uint32_t c[BAYES_CLASS_COUNT];
	bayes_db_lookup(db, "words", 5, c);
	cr_expect_eq(c[BAYES_CLASS_HAM], 3);
	cr_expect_eq(c[BAYES_CLASS_SPAM], 3);
	bayes_db_free(db);
	bayes_free(b);
}

Test(bayes, learn_order_does_not_change_the_db)
{
	struct bayes_sample fwd[7], rev[7];
	size_t n = 0;
	for (int i = 0; i < 3; i++) {
		fwd[n++] = (struct bayes_sample){ test_bayes_spam[i], strlen(test_bayes_spam[i]),
		                                  BAYES_CLASS_SPAM };
		fwd[n++] = (struct bayes_sample){ test_bayes_ham[i], strlen(test_bayes_ham[i]),
		                                  BAYES_CLASS_HAM };
	}
	fwd[n++] = (struct bayes_sample){ test_bayes_long_ham, strlen(test_bayes_long_ham),
	                                  BAYES_CLASS_HAM };
	for (size_t i = 0; i < n; i++)
		rev[i] = fwd[n - 1 - i];
	struct bayes *b = bayes_new(NULL);
	struct bayes_db *x = bayes_db_new(), *y = bayes_db_new();
	cr_expect_eq(bayes_learn(b, x, fwd, n), bayes_learn(b, y, rev, n));
	test_bayes_same_db(x, y);
	bayes_db_free(x);
	bayes_db_free(y);
	bayes_free(b);
}

Test(bayes, messages_of_the_simulation)
{
	struct bayes *b = bayes_new(NULL);
	struct bayes_db *db = bayes_db_new();
	struct msg *m = msg_new();
	msg_header_append(m, "From", "office@prize.example.net");
	msg_header_append(m, "Subject", "抽選に当選しました");
	msg_set_body_text_utf8(m, "賞金を受け取ってください。\n");
	cr_assert_eq(bayes_train_msg(b, db, m, BAYES_CLASS_SPAM), 0);
	/* The subject went out as an encoded-word and came back as bigrams. */
	uint32_t c[BAYES_CLASS_COUNT];
	cr_expect(bayes_db_lookup(db, "subject:当選", strlen("subject:当選"), c));
	cr_expect(bayes_db_lookup(db, "賞金", strlen("賞金"), c), "the base64 body decoded");
	struct bayes_result r;
	struct bayes_clue cl[4];
	bayes_classify_msg(b, db, m, &r, cl, 4);
	cr_expect_eq(r.ntokens, (int)bayes_db_tokens(db));
	cr_expect_eq(r.nunseen, 0, "every token was learnt");
	/* A new word in the body: one token the filter never saw, left out
	 * (review 25, B1: the window says how many, so a score near 0.5
	 * over a few ham-leaning clues does not read as a contradiction). */
	struct msg *m2 = msg_new();
	msg_header_append(m2, "From", "office@prize.example.net");
	msg_header_append(m2, "Subject", "抽選に当選しました");
	msg_set_body_text_utf8(m2, "賞金を受け取ってください。\nzyxwvutsrq\n");
	bayes_classify_msg(b, db, m2, &r, cl, 4);
	cr_expect_eq(r.ntokens, (int)bayes_db_tokens(db) + 1);
	cr_expect_eq(r.nunseen, 1, "the new word is the one token never seen (%d)", r.nunseen);
	msg_free(m2);
	cr_assert_eq(bayes_retrain_msg(b, db, m, BAYES_CLASS_SPAM, BAYES_CLASS_HAM), 0);
	cr_expect_eq(bayes_db_messages(db, BAYES_CLASS_HAM), 1);
	cr_expect_eq(bayes_db_messages(db, BAYES_CLASS_SPAM), 0);
	cr_assert_eq(bayes_untrain_msg(b, db, m, BAYES_CLASS_HAM), 0);
	cr_expect_eq(bayes_db_tokens(db), 0);
	msg_free(m);
	bayes_db_free(db);
	bayes_free(b);
}

Test(bayes, names)
{
	cr_expect_str_eq(bayes_class_name(BAYES_CLASS_SPAM), "spam");
	cr_expect_str_eq(bayes_verdict_name(BAYES_VERDICT_UNSURE), "unsure");
}

/* ---- the database file ---------------------------------------------------------------- */

static char *test_bayes_tmp(const char *name)
{
	char *p = malloc(256);
	snprintf(p, 256, "/tmp/mailsim-test-bayes-%ld-%s", (long)getpid(), name);
	return p;
}

Test(bayes_db, file_round_trip_is_exact)
{
	struct bayes *b = bayes_new(NULL);
	struct bayes_db *db = bayes_db_new();
	test_bayes_teach(b, db);
	char *path = test_bayes_tmp("round.db"), err[200];
	cr_assert_eq(bayes_db_save(db, path, err, sizeof err), 0, "%s", err);
	struct bayes_db *back = bayes_db_load(path, err, sizeof err);
	cr_assert_not_null(back, "%s", err);
	test_bayes_same_db(db, back);
	cr_expect_eq(bayes_db_tokens(back), bayes_db_tokens(db));
	cr_expect_eq(bayes_db_messages(back, BAYES_CLASS_HAM), 3);
	struct bayes_result r1, r2;
	const char *m = test_bayes_spam[0];
	bayes_classify(b, db, m, strlen(m), &r1, NULL, 0);
	bayes_classify(b, back, m, strlen(m), &r2, NULL, 0);
	cr_expect(r1.score == r2.score, "same verdicts after the round trip");
	/* Saving over an existing file replaces it and leaves no temporary. */
	bayes_train(b, back, test_bayes_ham[0], strlen(test_bayes_ham[0]), BAYES_CLASS_HAM);
	cr_assert_eq(bayes_db_save(back, path, err, sizeof err), 0, "%s", err);
	struct bayes_db *again = bayes_db_load(path, err, sizeof err);
	cr_assert_not_null(again, "%s", err);
	cr_expect_eq(bayes_db_messages(again, BAYES_CLASS_HAM), 4);
	unlink(path);
	free(path);
	bayes_db_free(again);
	bayes_db_free(back);
	bayes_db_free(db);
	bayes_free(b);
}

Test(bayes_db, empty_db_round_trip)
{
	struct bayes_db *db = bayes_db_new();
	size_t len;
	char *bytes = test_bayes_bytes(db, &len), err[200];
	cr_expect_eq(len, 40);   /* header and checksum */
	struct bayes_db *back = bayes_db_parse(bytes, len, err, sizeof err);
	cr_assert_not_null(back, "%s", err);
	cr_expect_eq(bayes_db_tokens(back), 0);
	free(bytes);
	bayes_db_free(back);
	bayes_db_free(db);
}

/* A file's bytes, damaged by fn, must be refused with the expected line. */
static void test_bayes_refused(const char *bytes, size_t len, const char *want)
{
	char err[200] = "";
	struct bayes_db *db = bayes_db_parse(bytes, len, err, sizeof err);
	cr_expect_null(db, "damaged database accepted (expected \"%s\")", want);
	cr_expect(strstr(err, want) != NULL, "expected \"%s\" in \"%s\"", want, err);
	cr_expect(strchr(err, '\n') == NULL, "one line: \"%s\"", err);
	bayes_db_free(db);
}

Test(bayes_db, corrupt_or_truncated_is_refused)
{
	struct bayes *b = bayes_new(NULL);
	struct bayes_db *db = bayes_db_new();
	test_bayes_teach(b, db);
	size_t len;
	char *good = test_bayes_bytes(db, &len);
	char *bad = malloc(len + 1);

	/* Every truncation, including the empty file. */
	for (size_t n = 0; n < len; n++) {
		char err[200];
		struct bayes_db *t = bayes_db_parse(good, n, err, sizeof err);
		cr_assert_null(t, "a database cut to %zu of %zu bytes was accepted", n, len);
	}
	test_bayes_refused(good, len - 1, "truncated: expected");
	test_bayes_refused(good, 20, "truncated");
	test_bayes_refused(good, 0, "not a mailsim bayes database");

	/* Every single flipped byte. */
	for (size_t i = 0; i < len; i++) {
		memcpy(bad, good, len);
		bad[i] ^= 0x20;
		char err[200];
		struct bayes_db *t = bayes_db_parse(bad, len, err, sizeof err);
		cr_assert_null(t, "a flipped byte at %zu was not noticed", i);
	}
	memcpy(bad, good, len);
	bad[len / 2] ^= 1;
	test_bayes_refused(bad, len, "corrupt: checksum mismatch");
	memcpy(bad, good, len);
	memcpy(bad, "GIF89a\0\0", 8);
	test_bayes_refused(bad, len, "not a mailsim bayes database");
	memcpy(bad, good, len);
	bad[len] = 'x';
	test_bayes_refused(bad, len + 1, "corrupt: expected");

	/* A newer format is named, not misread. */
	memcpy(bad, good, len);
	bad[8] = 2;
	test_bayes_refused(bad, len, "format version 2");
	free(bad);
	free(good);
	bayes_db_free(db);
	bayes_free(b);
}

Test(bayes_db, unreadable_file_is_one_line)
{
	char err[200];
	char *path = test_bayes_tmp("missing.db");
	cr_expect_null(bayes_db_load(path, err, sizeof err));
	cr_expect_str_eq(err, "cannot read: No such file or directory");
	FILE *f = fopen(path, "wb");
	fputs("MSBAYES\n\1\0\0", f);
	fclose(f);
	cr_expect_null(bayes_db_load(path, err, sizeof err));
	cr_expect(strstr(err, "truncated") != NULL, "%s", err);
	unlink(path);
	free(path);
}
